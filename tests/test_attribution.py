"""The coding rules of data/codebook/README.md, each on a short text written for the test."""

import shutil

import pytest

from analysis import tabulate
from analysis.datafiles import PROJECT_DIR
from conftest import write


def code(tmp_path, text: str, outlet: str = "", **options):
    """Tabulate ``text`` as one story and return its rows (headings included)."""
    path = write(tmp_path, "story.txt", text)
    if outlet:
        manifest = write(
            tmp_path, "stories.csv", f"story_id,title,outlet,date,file,start_line\nstory,T,{outlet},2024-01-01,story.txt,1\n"
        )
        return tabulate(path, stories=manifest, **options)
    return tabulate(path, **options)


def codebook_with(tmp_path, filename: str, row: str):
    """Copy the project's codebook into ``tmp_path`` with ``row`` added to ``filename``,
    as a user extending it would; return the copy's folder."""
    codebook = tmp_path / "codebook"
    shutil.copytree(PROJECT_DIR / "data" / "codebook", codebook)
    with (codebook / filename).open("a", encoding="utf-8") as handle:
        handle.write(row + "\n")
    return codebook


def codes(table) -> list[tuple]:
    return [
        (row.source_type if isinstance(row.source_type, str) else None, row.speaker if isinstance(row.speaker, str) else None)
        for row in table.itertuples()
    ]


def test_direct_quotation_with_a_trailing_inverted_cue(tmp_path):
    table = code(tmp_path, '"The harbour will reopen," said Maria Lopez, a professor at Lisbon University.\n')
    row = table.iloc[0]
    assert (row.source_type, row.speaker, row.cue, row.quote) == ("analyst", "Maria Lopez", "said", "direct")
    assert row.descriptor == "a professor at Lisbon University"


def test_indirect_speech_after_a_reporting_verb(tmp_path):
    table = code(tmp_path, "The trade minister said that exports would grow this year.\n")
    assert codes(table) == [("official", "trade minister")]
    assert table["quote"].tolist() == ["indirect"]
    assert table["cue"].tolist() == ["said"]


def test_according_to_at_either_end(tmp_path):
    table = code(tmp_path, "According to the mayor, the bridge is safe. The bridge will stay open, according to analysts.\n")
    assert codes(table) == [("official", "mayor"), ("analyst", "analysts")]


def test_trailing_cue_and_surname_resolve_to_the_person_introduced_before(tmp_path):
    table = code(
        tmp_path,
        "Chen Ming, an economist at Fudan University, told reporters that demand was weak.\n"
        "Exports fell sharply in May, Chen said.\n",
    )
    assert codes(table) == [("analyst", "Chen Ming"), ("analyst", "Chen Ming")]
    assert table["rule"].tolist() == ["forward", "trailing"]


def test_a_trailing_cue_covers_only_its_own_sentence(tmp_path):
    table = code(tmp_path, "The port reopened on Monday. Traffic was light, a harbour official said.\n")
    assert codes(table) == [("narrator", None), ("official", "harbour official")]


def test_every_sentence_of_a_quotation_belongs_to_the_speaker_named_after_it(tmp_path):
    table = code(tmp_path, '"We are ready. We trained for months. We will win," the coach, a former player, said.\n')
    assert table["speaker"].tolist() == ["coach"] * 3
    assert table["quote"].tolist() == ["direct"] * 3


def test_a_quotation_over_several_paragraphs(tmp_path):
    table = code(
        tmp_path,
        'Amina Yusuf, a researcher at the Kenya Medical Research Institute, said: "The outbreak is slowing.\n'
        '"But we cannot relax yet. The rainy season is coming."\n'
        "The ministry will publish new figures on Friday.\n",
    )
    assert codes(table) == [("analyst", "Amina Yusuf")] * 3 + [("narrator", None)]
    assert table["rule"].tolist() == ["forward", "quotation", "quotation", "narrator"]


def test_a_quotation_with_no_cue_goes_on_from_the_speaker_before(tmp_path):
    table = code(tmp_path, 'Ana Ruiz, a nurse from Madrid, said the shift was long.\n"It never ends."\n')
    assert codes(table) == [("public", "Ana Ruiz"), ("public", "Ana Ruiz")]


def test_reported_speech_goes_on_while_the_account_does(tmp_path):
    """Rule 3 needs evidence that the account goes on: the speaker's first person outside
    quotation marks carries it; a turn ends it; plain narration after a speaker is the
    outlet's own."""
    table = code(
        tmp_path,
        "The ambassador stressed that the two countries are partners. We have doubled trade since 2015. "
        "However, critics remain unconvinced.\nThe talks ended on Friday.\n",
    )
    assert codes(table) == [("official", "ambassador"), ("official", "ambassador"), ("narrator", None), ("narrator", None)]
    assert table["rule"].tolist()[:2] == ["forward", "continuation"]


def test_plain_narration_after_a_speaker_is_the_narrators(tmp_path):
    table = code(
        tmp_path,
        "The airline said that it would appeal against the ruling. The investigation could take up to 18 months. "
        "Its shares fell by 3% in Milan.\n",
    )
    assert codes(table) == [("business", "airline"), ("narrator", None), ("narrator", None)]


def test_a_closed_quotation_does_not_carry_on(tmp_path):
    table = code(
        tmp_path,
        'His lawyer said: "It could be tens of millions of dollars." The firm has 30 days to pay.\n',
    )
    assert codes(table)[1] == ("narrator", None)


def test_reporting_an_action_is_narration(tmp_path):
    table = code(tmp_path, "The minister visited the port and signed a trade deal. The delegation met local leaders.\n")
    assert codes(table) == [("narrator", None), ("narrator", None)]


def test_nested_sources_take_the_innermost_speaker(tmp_path):
    table = code(
        tmp_path,
        "In an interview with Reuters, a Tesla spokesperson was quoted as saying that production would resume.\n"
        "Reuters reported that an Apple engineer said the phone was delayed.\n",
    )
    assert [row[0] for row in codes(table)] == ["business", "business"]
    assert table["speaker"].tolist() == ["Tesla spokesperson", "Apple engineer"]


def test_pronouns_and_descriptions_resolve_to_the_speaker_before(tmp_path):
    table = code(
        tmp_path,
        "Maria Lopez, a professor at Lisbon University, said the plan was sound. She added that costs were high.\n"
        "An economist at the central bank said rates would rise. The economist also warned that inflation was sticky.\n",
    )
    assert table["speaker"].tolist() == ["Maria Lopez", "Maria Lopez", "economist at the central bank", "economist at the central bank"]
    assert table["source_type"].tolist() == ["analyst"] * 4


def test_one_speaker_keeps_one_type_within_a_story(tmp_path):
    table = code(tmp_path, "Li Wei, a student at Peking University, said the campus was calm. Later, Li said classes resumed.\n")
    assert codes(table) == [("public", "Li Wei"), ("public", "Li Wei")]


def test_the_outlet_itself_is_the_narrator(tmp_path):
    text = "The Daily Star learned that the plant will close. Workers told the Daily Star that they were shocked.\n"
    table = code(tmp_path, text, outlet="Daily Star")
    assert codes(table) == [("narrator", None), ("public", "Workers")]


def test_unnamed_media_and_reportedly(tmp_path):
    table = code(tmp_path, "British media reported that the deal was off. The deal was reportedly worth $2 billion.\n")
    assert codes(table) == [("western_media", "British media"), ("other_media", "media reports")]


def test_a_named_outlet_is_typed_by_the_outlets_list(tmp_path):
    table = code(tmp_path, "Xinhua said the talks were constructive. VOA said on Monday that they had stalled.\n")
    assert codes(table) == [("other_media", "Xinhua"), ("western_media", "VOA")]


def test_a_codebook_entry_added_by_a_user_changes_a_speakers_type(tmp_path):
    text = "Kayla Brooks said the vote was fair.\n"
    assert codes(code(tmp_path, text)) == [("unclassified", "Kayla Brooks")]
    codebook = codebook_with(tmp_path, "people.csv", "Kayla Brooks,Brooks,official,election commissioner")
    assert codes(code(tmp_path, text, codebook=codebook)) == [("official", "Kayla Brooks")]


@pytest.mark.parametrize(
    "sentence",
    [
        "The senators of 30 states met in the capital.",
        "She was named secretary of state.",
        "His plans were announced last year, and the company called Vela makes chips.",
    ],
)
def test_noun_uses_of_cue_words_are_not_cues(tmp_path, sentence):
    table = code(tmp_path, sentence + "\n")
    assert table["source_type"].tolist() == ["narrator"]


def test_a_stance_inside_reported_speech_stays_the_speakers(tmp_path):
    table = code(tmp_path, "The ministry spokesperson said that China firmly opposes the sanctions.\n")
    assert codes(table) == [("official", "ministry spokesperson")]


def test_two_reports_joined_by_while_keep_the_first(tmp_path):
    table = code(tmp_path, "Kyodo News reported that Tokyo was ready, while the Daily Planet said talks had stalled.\n")
    assert codes(table) == [("other_media", "Kyodo News")]


def test_a_speaker_with_a_relative_clause(tmp_path):
    table = code(tmp_path, "Exports will recover, a trade expert who asked not to be named told reporters on Monday.\n")
    row = table.iloc[0]
    assert (row.source_type, row.speaker) == ("analyst", "trade expert")
    assert "who asked not to be named" in row.descriptor


def test_the_head_of_the_description_decides_the_type(tmp_path):
    table = code(tmp_path, "Tan Wei, a military affairs expert and TV commentator, said the drills were routine.\n")
    assert codes(table) == [("analyst", "Tan Wei")]


def test_the_company_is_the_company_named_before(tmp_path):
    table = code(tmp_path, "Shares of Boeing fell after the company said deliveries slowed. The White House said it was watching.\n")
    assert codes(table) == [("business", "Boeing"), ("official", "White House")]


def test_as_x_put_it_and_in_the_eyes_of(tmp_path):
    table = code(tmp_path, "Lin Hua, a professor at Nankai University, spoke first. As Lin put it, the door is open. In the eyes of many analysts, the visit was a success.\n")
    assert codes(table)[1:] == [("analyst", "Lin Hua"), ("analyst", "analysts")]


def test_an_organization_named_with_of_keeps_its_whole_name(tmp_path):
    table = code(tmp_path, "China's Ministry of Foreign Affairs said in a statement that it had lodged representations.\n")
    assert codes(table) == [("official", "China's Ministry of Foreign Affairs")]


def test_a_name_with_a_capitalized_title_between_commas(tmp_path):
    table = code(tmp_path, "Dana Holt, Governor of Vermont, said on Friday that the roads would reopen.\n")
    assert codes(table) == [("official", "Dana Holt")]
    assert table["descriptor"].tolist() == ["Governor of Vermont"]


def test_a_described_subject_before_said_is_not_an_inverted_cue(tmp_path):
    table = code(tmp_path, "Omar Said, a researcher, said the harvest had failed.\n")
    assert codes(table) == [("analyst", "Omar Said")]
    assert table["rule"].tolist() == ["forward"]


def test_a_day_after_the_cue_does_not_hide_the_clause(tmp_path):
    table = code(tmp_path, "The mayor said the count had begun. She says tonight the vote is close to being settled.\n")
    assert codes(table)[1] == ("official", "mayor")


def test_said_with_an_aside_between_subject_and_verb_still_reports(tmp_path):
    table = code(tmp_path, "Large majorities of the farmers polled in the four northern provinces last spring said they expect lower prices.\n")
    assert table["speaker"].tolist() == ["Large majorities"]
    assert table["cue"].tolist() == ["said"]


def test_a_newspaper_quoting_a_person_gives_the_person(tmp_path):
    table = code(tmp_path, "The Daily Planet quoted a senior diplomat as saying the deal was close.\n")
    assert codes(table) == [("official", "senior diplomat")]


@pytest.mark.parametrize(
    "sentence, speaker",
    [
        ("The brochure shows a clip of the debate, in which Mayor Ruiz says taxes will fall.", "Ruiz"),
        ("The mayor isn't saying which roads will close.", "mayor"),
        ("The mayor cut the ribbon – saying the bridge would last a century.", "mayor"),
        ("The mayor closed the session, telling residents in Hilo, Hawaii, that the roads were safe.", "mayor"),
    ],
)
def test_reporting_verbs_after_relatives_negations_dashes_and_places(tmp_path, sentence, speaker):
    table = code(tmp_path, sentence + "\n")
    assert table["speaker"].tolist() == [speaker]
    assert table["source_type"].tolist() == ["official"]


def test_a_company_named_after_another_company_keeps_its_own_name(tmp_path):
    table = code(tmp_path, "Toyota said sales rose. Volkswagen said in a statement that sales fell. The company said prices would rise.\n")
    assert codes(table) == [("business", "Toyota"), ("business", "Volkswagen"), ("business", "Volkswagen")]


def test_a_capital_stands_for_its_government_but_not_inside_a_longer_name(tmp_path):
    table = code(
        tmp_path,
        "Moscow hosted the talks. Moscow said the drills were routine. "
        "Ana Petrova, a professor at Moscow State University, said the drills were large.\n",
    )
    assert codes(table) == [("narrator", None), ("official", "Moscow"), ("analyst", "Ana Petrova")]


def test_a_name_does_not_run_on_across_a_full_stop(tmp_path):
    table = code(tmp_path, "The ships sailed toward Manila.\n\nDiego Ramos, a lecturer, said the route was new.\n")
    assert codes(table) == [("narrator", None), ("analyst", "Diego Ramos")]


def test_a_state_named_alone_is_official_but_its_adjective_is_not(tmp_path):
    table = code(tmp_path, "The Netherlands said the ban was legal. Dutch experts said the ban would fail. Holland Daily reported the ban.\n")
    assert codes(table)[:2] == [("official", "Netherlands"), ("analyst", "Dutch experts")]


def test_a_source_who_asked_not_to_be_named_is_the_one_who_said(tmp_path):
    table = code(tmp_path, "An engineer at a Lagos-based shipping firm, who asked not to be named, said cargo volumes fell.\n")
    row = table.iloc[0]
    assert (row.source_type, row.speaker, row.cue) == ("business", "engineer at a Lagos-based shipping firm", "said")


def test_a_role_word_before_an_outlet_name_does_not_type_it(tmp_path):
    codebook = codebook_with(tmp_path, "outlets.csv", "Tanjug,,other_media,RS")
    table = code(tmp_path, "The official Tanjug agency reported that the dam had opened.\n", codebook=codebook)
    assert codes(table) == [("other_media", "official Tanjug agency")]


def test_the_cue_keeps_its_auxiliaries_and_adverbs_but_not_a_time_phrase(tmp_path):
    table = code(tmp_path, "The port authority on Friday has strongly denied that the harbour was closed.\n")
    assert table["cue"].tolist() == ["has strongly denied"]


def test_a_quotation_signed_with_a_dash_belongs_to_the_signer(tmp_path):
    table = code(tmp_path, "“The ferry is late again. We wait every day.” ― Mara Olsen, a commuter\n")
    assert codes(table) == [("public", "Mara Olsen"), ("public", "Mara Olsen")]
    assert table["descriptor"].tolist()[1] == "a commuter"


def test_a_capital_before_another_noun_is_not_the_government(tmp_path):
    table = code(tmp_path, "An engineer at a Hanoi textile firm said orders fell. Greenpeace Nordic said the plan was weak.\n")
    assert codes(table) == [("business", "engineer at a Hanoi textile firm"), ("civil_society", "Greenpeace Nordic")]


def test_a_noun_cue_before_another_cue_names_the_source(tmp_path):
    table = code(tmp_path, "The institute's annual report found that wages rose.\n")
    assert codes(table) == [("analyst", "institute")]
    assert table["cue"].tolist() == ["found"]


def test_a_source_cited_by_an_outlet_is_the_innermost_speaker(tmp_path):
    table = code(tmp_path, "The Daily Planet, citing two army officers, reported that the bridge was mined.\n")
    assert codes(table) == [("official", "army officers")]
    assert table["cue"].tolist() == ["reported"]


def test_a_survey_takes_the_type_of_whoever_ran_it(tmp_path):
    table = code(tmp_path, "A survey by the Lisbon Chamber of Commerce found that exporters were gloomy. A study found that wages rose.\n")
    assert [row[0] for row in codes(table)] == ["business", "unclassified"]


def test_a_cue_in_a_relative_aside_gives_way_to_the_main_clause(tmp_path):
    table = code(tmp_path, "Senator Vale, whom critics call a hawk, has said the treaty is dead.\n")
    assert codes(table) == [("official", "Vale")]


@pytest.mark.parametrize(
    "text, expected",
    [
        # a relative clause's antecedent with no determiner ends at the preposition before it
        (
            "The government has faced pressure from dockworker unions which have publicly stated that the port must stay open.\n",
            [("civil_society", "dockworker unions")],
        ),
        # capitalized words joined by "and" stay one name
        (
            "The Institute of Marine and Coastal Research claims that the reef is shrinking.\n",
            [("analyst", "Institute of Marine and Coastal Research")],
        ),
        # a participle after a time phrase has no speaker in that phrase
        # a thought with a plain object ("fearing floods") reports no clause: narration, as hand coders coded it
        ("Throughout the 1990s, farmers in the valley, fearing floods, moved uphill.\n", [("narrator", None)]),
        # a reporting verb of the lexicon's later additions
        (
            '"Ports are the lifeblood of the region," Jana Holm, the former governor of Nordmark, proclaimed to a cheering crowd.\n',
            [("official", "Jana Holm")],
        ),
        # "called X a Y" reaches a quotation past a long object
        (
            'The prime minister called the long dispute fought over the northern border a "tragic mistake" for both nations.\n',
            [("official", "prime minister")],
        ),
        # a passive agent ends before "for"
        (
            "The app was criticised by privacy campaigners for storing too much personal information about its users.\n"
            "It has ten million users.\n",
            [("civil_society", "privacy campaigners"), ("narrator", None)],
        ),
    ],
)
def test_who_speaks_when_the_cue_verb_is_far_from_a_plain_subject(tmp_path, text, expected):
    assert codes(code(tmp_path, text)) == expected


def test_reported_speech_carried_on_stops_at_a_sentence_narrating_a_past_event(tmp_path):
    table = code(
        tmp_path,
        "A spokeswoman for the Ministry of Fisheries said that catches have fallen by a third. "
        "Our boats come back empty. "
        "Last week the minister issued an order that closed two of our bays.\n",
    )
    assert codes(table) == [
        ("official", "spokeswoman for the Ministry of Fisheries"),
        ("official", "spokeswoman for the Ministry of Fisheries"),
        ("narrator", None),
    ]
    assert table["rule"].tolist() == ["forward", "continuation", "narrator"]


@pytest.mark.parametrize(
    "text, expected",
    [
        # a long title with no article before a name ends at the name
        (
            "Also addressing the meeting, deputy director of the Liaison Office of the Harbour Authority in the NHR "
            "Chen Dong said the port would reopen.\n",
            [("official", "Chen Dong")],
        ),
        # a trailing cue that relays another's words leaves the sentence to the inner speaker
        (
            'Asked about the ban, the minister said: "There will always be exceptions," the Harbour Gazette reported.\n',
            [("official", "minister")],
        ),
        # a connective set off by commas between auxiliary and verb
        ("A Lindqvist Institute study has, however, revealed that most ports are slow.\n", [("analyst", "Lindqvist Institute study")]),
    ],
)
def test_the_cue_and_its_speaker_across_titles_relays_and_asides(tmp_path, text, expected):
    assert codes(code(tmp_path, text)) == expected


def test_in_a_paragraph_too_long_to_be_one_reported_speech_is_carried_one_sentence_only(tmp_path):
    narration = " ".join(f"Sentence number {n} describes the harbour." for n in range(1, 9))
    table = code(tmp_path, f"The mayor said that the harbour is safe. Our water is clean. Our beach is open. {narration}\n")
    assert table["rule"].tolist()[:4] == ["forward", "continuation", "narrator", "narrator"]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("In 1998 the party said it would not return to the harbour.", ("official", "party")),
        ("Last week the minister said the port would open.", ("official", "minister")),
        ("The administration then turned around and proposed cutting the port's funding.", ("official", "administration")),
    ],
)
def test_a_time_adjunct_before_the_subject_and_an_adverb_after_it_are_not_the_speaker(tmp_path, sentence, expected):
    assert codes(code(tmp_path, sentence + "\n")) == [expected]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # a state owns a deferring role
        ("The U.S. representative falsely claimed that the treaty was dead.", ("official", "U.S. representative")),
        # a trailing "finds" wins over a stance verb before it
        ("Voters overwhelmingly oppose the port closure, a new Lindqvist Institute poll finds.", ("analyst", "new Lindqvist Institute poll")),
        # an impersonal passive reports no one
        ("The harbour can be said to be the oldest in the region.", ("narrator", None)),
    ],
)
def test_states_owning_roles_trailing_findings_and_impersonal_passives(tmp_path, sentence, expected):
    assert codes(code(tmp_path, sentence + "\n")) == [expected]


def test_an_argument_goes_on_where_narration_does_not(tmp_path):
    """Rule 3's evidence: what the speaker says a party will or does not do carries on;
    what happened, told after the speaker, is the narrator's."""
    table = code(
        tmp_path,
        "Analysts pointed out that most firms will suffer little. They will either switch suppliers or pay more. "
        "The rules took effect in May.\n",
    )
    assert [row[0] for row in codes(table)] == ["analyst", "analyst", "narrator"]


# Rules of the fourth round of issue 23, each on sentences written for it.


@pytest.mark.parametrize(
    "text, expected",
    [
        # saying one will not say reports no content
        ("The airline declined to comment on the decision.\n", [("narrator", None)]),
        ("A spokeswoman for the bank did not respond to a request for comment.\n", [("narrator", None)]),
        ("Perdue refused to comment on this latest report that his agency hid research.\n", [("narrator", None)]),
        # ... but a cue beside it still reports
        ("A company spokesman declined to comment, saying the company does not discuss contracts.\n", [("business", "company spokesman")]),
    ],
)
def test_saying_one_will_not_say_is_narration(tmp_path, text, expected):
    assert codes(code(tmp_path, text)) == expected


def test_a_cue_in_a_relative_clause_does_not_outrank_the_cue_that_reports(tmp_path):
    table = code(tmp_path, "Governor Ann Wheeler said New York, which denied a permit for the pipeline, is forcing the region to buy gas.\n")
    assert table["speaker"].tolist() == ["Ann Wheeler"]


def test_the_main_clause_outranks_a_leading_subordinate_clause(tmp_path):
    table = code(tmp_path, "Unless the authorities agree to make changes, coach Paul Denis believes the team will suffer.\n")
    assert table["speaker"].tolist() == ["Paul Denis"]


def test_he_does_not_refer_back_to_an_event(tmp_path):
    table = code(
        tmp_path,
        "Club director Philippe Marot has reopened the debate.\n\n"
        "His club host Bath in the Powergen Cup on Friday.\n\n"
        '"We need our players," he told reporters.\n',
    )
    assert table["speaker"].tolist()[-1] == "Philippe Marot"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Ohio Republicans are keen to re-elect Senator Rob Dale, who endorsed the reform in 2013.\n", [("narrator", None)]),
        (
            "The deal was reached with help from Labor Secretary Tom Perez, who said he expects it to pass.\n",
            [("official", "Tom Perez")],
        ),
    ],
)
def test_a_relative_clause_on_an_object_reports_only_speech(tmp_path, text, expected):
    assert codes(code(tmp_path, text)) == expected


def test_people_of_the_stories_own_outlet_are_media_sources_and_the_outlet_is_the_narrator(tmp_path):
    table = code(
        tmp_path,
        "BBC Two controller Roly Keating said the show would move.\n\nBBC News understands the deal is close.\n",
        outlet="BBC",
    )
    assert codes(table) == [("western_media", "BBC Two controller Roly Keating"), ("narrator", None)]


def test_money_opens_the_object_of_a_cue(tmp_path):
    table = code(tmp_path, "Senator Ann Lee spoke in Ohio.\n\nShe calls for $1 trillion in new spending on roads.\n")
    assert codes(table)[-1] == ("official", "Ann Lee")


def test_a_hyphenated_title_does_not_end_the_sentence(tmp_path):
    table = code(tmp_path, "Devine argued that the gap between Clinton and then-Sen. Barack Obama was narrower.\n")
    assert len(table) == 1


def test_a_cue_whose_past_is_its_base_trails(tmp_path):
    table = code(tmp_path, "The NIESR institute said growth would slow. Growth in Britain is set to accelerate, it forecast.\n")
    assert table["speaker"].tolist() == ["NIESR institute", "NIESR institute"]


def test_a_role_owned_by_a_named_person_takes_the_persons_type(tmp_path):
    table = code(
        tmp_path,
        'Senator Ann Lee spoke in Ohio on Monday.\n\n"We want solutions," said Jo Park, Ms Lee\'s communications director.\n',
    )
    assert codes(table)[-1] == ("official", "Jo Park")


def test_a_quotation_run_on_without_paragraph_breaks_keeps_its_first_speaker(tmp_path):
    table = code(
        tmp_path,
        'Striker Ahmed Hossam said: "It is my priority. "I feel the players have a new spirit. '
        '"I was rude at times. "Their success makes him a bigger star," federation spokesman Methat Shalaby said.\n',
    )
    assert table["speaker"].tolist() == ["Ahmed Hossam", "Ahmed Hossam", "Ahmed Hossam", "Methat Shalaby"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ('"We will appeal," Athletics Kenya said.\n', [("civil_society", "Athletics Kenya")]),
        ("Swimming Australia chief John Bertrand said the team was ready.\n", [("civil_society", "John Bertrand")]),
    ],
)
def test_national_sports_bodies_are_civil_society(tmp_path, text, expected):
    assert codes(code(tmp_path, text)) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Some scientists maintain people like Nye are wrong.\n", [("analyst", "scientists")]),
        ("Researchers believe a mini-ice age may have occurred.\n", [("analyst", "Researchers")]),
        # a thought or stance with a plain object reports nothing
        ("Hewitt showed form which matched his best years.\n", [("narrator", None)]),
        ("Jurors saw the film on Tuesday.\n", [("narrator", None)]),
        # a hope is a thought: it reports a clause, not an infinitive
        ("Rubio hoped to emerge as the alternative.\n", [("narrator", None)]),
        ("Senator Marco Rubio hoped voters would back him.\n", [("official", "Marco Rubio")]),
        ("Union leader Mary Cole wants her members and the rest of the staff to vote.\n", [("civil_society", "Mary Cole")]),
    ],
)
def test_thoughts_and_stances_report_a_clause_not_an_object(tmp_path, text, expected):
    assert codes(code(tmp_path, text)) == expected


def test_an_inverted_speaker_stops_before_a_phrase_of_time(tmp_path):
    table = code(tmp_path, '"The chat has been about France," said coach Ian Lee ahead of the 12 March tie.\n')
    assert table["speaker"].tolist() == ["Ian Lee"]


def test_a_closing_mark_that_closes_nothing_quotes_nothing(tmp_path):
    table = code(
        tmp_path,
        "The agency will unveil a proposal soon. Coal output is rising fast. "
        'On Wednesday he signed two orders." We started on it in advance, so we hope to have something out soon," '
        "administrator Andrew Wheeler said.\n",
    )
    assert table["rule"].tolist()[:3] == ["narrator", "narrator", "narrator"]


def test_he_refers_to_the_person_the_sentence_before_is_about(tmp_path):
    table = code(
        tmp_path,
        "Coach Luis Arana faces an inquiry over his remarks, the federation said.\n\n"
        "Spain's minister of sport Jaime Lissan was quick to back the decision. "
        '"We are going to have zero tolerance," he said.\n',
    )
    assert codes(table)[-1] == ("official", "Jaime Lissan")


def test_a_claim_after_adjectives_is_a_noun_and_the_colon_gives_the_speaker(tmp_path):
    table = code(tmp_path, 'At his rally in Orlando, Senator Ann Lee made a similar false claim: "We have the cleanest air."\n')
    assert codes(table) == [("official", "Ann Lee")]


def test_a_quotation_whose_closing_mark_was_lost_ends_before_its_trailing_cue(tmp_path):
    table = code(
        tmp_path,
        '"The industry is in line with the green economy, said Xu Yong, a deputy director of the city bureau. '
        "Xu added that the city has promoted the industry. At present, it has built a complete chain. "
        "In 2019, the city's GDP reached 134 billion yuan.\n",
    )
    assert table["speaker"].tolist()[:2] == ["Xu Yong", "Xu Yong"]
    assert table["rule"].tolist()[2:] == ["narrator", "narrator"]


def test_a_name_with_its_body_after_a_description_is_the_speaker(tmp_path):
    table = code(tmp_path, "One pastor in the town, Darran White of Liberty Baptist Church in Marion, said he had made 150 calls.\n")
    assert codes(table) == [("civil_society", "Darran White")]


def test_a_meeting_that_decided_speaks_for_its_summary(tmp_path):
    table = code(
        tmp_path,
        "Premier Li Wei chaired the State Council executive meeting on Wednesday. "
        "It was agreed at the Wednesday meeting that domestic demand will be bolstered. "
        "Auto consumption will be stabilized and expanded. "
        "Local authorities are encouraged to raise the ceiling of licence quotas. "
        "Promotion campaigns will be carried out in rural areas. "
        "In October, retail sales rose 4.3 percent. "
        "The figure was the highest this year.\n",
    )
    assert table["rule"].tolist() == ["narrator", "forward", "continuation", "continuation", "continuation", "narrator", "narrator"]
    assert table["source_type"].tolist()[1:5] == ["official"] * 4
