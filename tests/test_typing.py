"""Typing from evidence (data/codebook/README.md, "How the program applies the codebook"):
each general rule on sentences written for the test, with names no codebook list holds."""

import subprocess
import sys

import pandas as pd
import pytest

from analysis import tabulate
from analysis.report import plot, summarise
from analysis.report.annotate import coding_html
from analysis.coding.sourcetypes import SOURCE_TYPES, load_codebook
from analysis.coding.speakers.phrases import names_someone
from conftest import write
from test_attribution import code, codebook_with, codes


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Priya Nair, a spokeswoman for Kestrel Holdings, said the deal was off.", ("business", "Priya Nair")),
        ("Ola Berg, chief executive of Alder Re, said losses would rise.", ("business", "Ola Berg")),
        ("The Ministry of Fisheries said quotas would be cut.", ("official", "Ministry of Fisheries")),
        ("Tom Hale, a researcher at the Lindqvist Institute, said the data were weak.", ("analyst", "Tom Hale")),
        ("Rui Costa, director of the Center for Harbour Studies, said ports were slow.", ("analyst", "Rui Costa")),
        ("Mia Kent of the Harbour Workers Federation said pay was too low.", ("civil_society", "Mia Kent")),
        ("A spokesman for the Committee to Protect Divers said the rules were unsafe.", ("civil_society", "spokesman for the Committee to Protect Divers")),
    ],
)
def test_an_organization_no_list_knows_is_typed_by_its_head_word_or_legal_form(tmp_path, sentence, expected):
    assert codes(code(tmp_path, sentence + "\n")) == [expected]


def test_officers_of_intergovernmental_bodies_are_official_and_company_departments_business(tmp_path):
    table = code(
        tmp_path,
        "Ana Ruiz, managing director of the International Monetary Fund, said growth would slow.\n\n"
        "Ben Okafor, head of Kestrel Holdings' legal department, said the suit had no merit.\n\n"
        "Lena Park, director of the state election board, said turnout was high.\n",
    )
    assert table["source_type"].tolist() == ["official", "business", "official"]


def test_a_news_organization_takes_its_country_from_the_lists_or_its_place_words(tmp_path):
    table = code(
        tmp_path,
        "Tom Reed, editor of Harbour Gazette magazine, said readers were angry.\n\n"
        "The Korea Herald reported that talks had stalled.\n\n"
        "Xinhua said the talks were constructive.\n",
    )
    assert table["source_type"].tolist() == ["western_media", "other_media", "other_media"]


def test_a_document_takes_the_type_of_whoever_made_it_else_it_is_unclassified(tmp_path):
    table = code(
        tmp_path,
        "A survey by the Bank of England found that firms were gloomy.\n\n"
        "A report released on Monday found that wages rose.\n\n"
        "Figures from the Ministry of Fisheries showed that catches fell.\n",
    )
    assert table["source_type"].tolist() == ["official", "unclassified", "official"]


def test_public_needs_a_lay_role_and_a_bare_name_is_unclassified(tmp_path):
    table = code(tmp_path, "Kayla Brooks said the vote was fair.\n\nTom Lee, a resident of the town, said the water was brown.\n")
    assert codes(table) == [("unclassified", "Kayla Brooks"), ("public", "Tom Lee")]


@pytest.mark.parametrize("phrase", ["the number of students", "1.8 percent", "far too canny to make any grand", "set out the choices he", "the tip of the iceberg", "year"])
def test_a_phrase_that_names_no_one_is_not_a_speaker(phrase):
    assert not names_someone(phrase, load_codebook())


@pytest.mark.parametrize("phrase", ["Large majorities of the farmers", "a number of tax experts", "the study's lead author", "he's", "Omar Said", "Critics"])
def test_people_groups_names_and_pronouns_are_speakers(phrase):
    assert names_someone(phrase, load_codebook())


def test_a_cue_whose_subject_names_no_one_gives_way_to_the_name_after_it(tmp_path):
    table = code(tmp_path, "Prices may fall but this could be just the tip of the iceberg thinks analyst Tom Reed.\n")
    assert codes(table) == [("analyst", "Tom Reed")]
    table = code(tmp_path, "The number of students rose by 8 percent, the figures showed.\n")
    assert table["speaker"].tolist() == ["figures"]


def test_other_mentions_of_a_name_type_it(tmp_path):
    table = code(
        tmp_path,
        "Tory leader Jan Kowal visited the port on Monday.\n\n"
        "Mr Kowal said the port would close.\n\n"
        "The University of Lindqvist Studies (ULS) published a paper. ULS said the port was old.\n",
    )
    assert codes(table)[1:] == [("official", "Jan Kowal"), ("narrator", None), ("analyst", "University of Lindqvist Studies")]


def test_a_role_in_the_sentence_before_introduces_the_name(tmp_path):
    table = code(tmp_path, "The Kestrel Holdings chief has warned that jobs will go. Jane Moss said the cuts were painful.\n")
    assert codes(table) == [("business", "Kestrel Holdings chief"), ("business", "Jane Moss")]


def test_a_company_is_known_by_its_shares_and_products(tmp_path):
    table = code(tmp_path, "Shares in Volterra fell sharply on Friday. Volterra said demand was weak.\n")
    assert codes(table) == [("narrator", None), ("business", "Volterra")]


def test_unclassified_is_a_category_of_the_table_a_chart_and_the_annotated_view(tmp_path):
    table = code(tmp_path, "Kayla Brooks said the vote was fair. The count ended late.\n")
    assert "unclassified" in table["source_type"].cat.categories
    assert SOURCE_TYPES.index("unclassified") == SOURCE_TYPES.index("narrator") - 1
    summary = summarise.source_type_summary(table)
    assert summary.set_index("source_type").loc["unclassified", "sentences"] == 1
    figure = plot.source_type_shares(summary)
    labels = [text.get_text() for text in figure.axes[0].get_legend().get_texts()]
    assert "Unclassified" in labels
    assert "Source type: Unclassified\nSpeaker: Kayla Brooks" in coding_html(table)


def test_the_gaps_report_lists_unclassified_speakers_and_a_user_appending_it_types_them(tmp_path):
    article = write(tmp_path, "story.txt", "Kayla Brooks said the vote was fair. Brooks added that the count was slow.\n")
    out = tmp_path / "table.csv"
    result = subprocess.run([sys.executable, "-m", "analysis", "tabulate", str(article), "--out", str(out)], capture_output=True, text=True)
    assert "typed 0 of 2 attributed sentences (0%)" in result.stderr
    gaps_csv = tmp_path / "gaps.csv"
    result = subprocess.run([sys.executable, "-m", "analysis", "gaps", str(out), "--out", str(gaps_csv)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    gaps = pd.read_csv(gaps_csv, keep_default_na=False)
    assert gaps.columns[:4].tolist() == ["name", "aliases", "source_type", "descriptor"]
    assert gaps[["name", "sentences", "stories", "typed_as"]].values.tolist() == [["Kayla Brooks", 2, 1, "unclassified"]]
    gaps.loc[0, "source_type"] = "official"
    codebook = codebook_with(tmp_path, "people.csv", "")
    with (codebook / "people.csv").open("a", encoding="utf-8") as handle:
        gaps.to_csv(handle, header=False, index=False)
    table = code(tmp_path, "Kayla Brooks said the vote was fair. Brooks added that the count was slow.\n", codebook=codebook)
    assert table["source_type"].tolist() == ["official", "official"]


def test_the_gaps_summary_counts_sentences_and_stories():
    table = read_table_from_rows(
        [
            ("s1", "Kim Ode", "unclassified", "Kim Ode said so."),
            ("s1", "Kim Ode", "unclassified", "She added more."),
            ("s2", "Kim Ode", "unclassified", "Kim Ode spoke."),
            ("s2", "residents", "public", "Residents said no."),
            ("s2", "minister", "official", "The minister said yes."),
        ]
    )
    gaps = summarise.codebook_gaps(table)
    assert gaps[["name", "sentences", "stories", "typed_as"]].values.tolist() == [["Kim Ode", 3, 2, "unclassified"], ["residents", 1, 1, "public"]]
    assert summarise.typing_coverage(table) == {"attributed": 5, "typed": 2}


def read_table_from_rows(rows) -> pd.DataFrame:
    """A sentence table with the given (story, speaker, type, text) rows."""
    from analysis.table.tabulate import COLUMNS, apply_dtypes

    frame = pd.DataFrame(rows, columns=["story_id", "speaker", "source_type", "text"])
    for column in COLUMNS:
        if column not in frame:
            frame[column] = None
    frame["is_heading"] = False
    frame[["paragraph", "sentence_id", "start", "end"]] = 0
    return apply_dtypes(frame)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Mr Blunt visited the port. He said the deal was done.\n", ("unclassified", "Blunt")),
        ("Andrew Fisher, from Omaha, Nebraska, said he was glad.\n", ("public", "Andrew Fisher")),
        ("Andrew in Derby said the wage was too low.\n", ("public", "Andrew in Derby")),
        ("A survey by Hostway found that firms were gloomy.\n", ("analyst", "survey by Hostway")),
        ("Dr Ola Ferris studies bees. Ferris said the hives were empty.\n", ("analyst", "Ola Ferris")),
        ("Opec members said output would rise.\n", ("official", "Opec members")),
        ("Tom Reed, a columnist for the Guardian, said the vote was lost.\n", ("western_media", "Tom Reed")),
        ("A writer at People’s Daily said the plan was sound.\n", ("other_media", "writer at People’s Daily")),
        ("Local authorities said the road would close.\n", ("official", "Local authorities")),
    ],
)
def test_more_evidence_rules(tmp_path, text, expected):
    assert codes(code(tmp_path, text))[-1] == expected


def test_a_cue_whose_subject_names_no_one_looks_before_a_relative_clause_or_in_the_main_clause(tmp_path):
    table = code(
        tmp_path,
        "A 2014 study that appeared in a medical journal found that the advice was wrong.\n\n"
        "Rosa Lind spoke out on Tuesday about the strike, arguing that pay was too low.\n",
    )
    assert table["speaker"].tolist() == ["study", "Rosa Lind"]


@pytest.mark.parametrize(
    "text, expected",
    [
        # an expertise role keeps its type at a company; a volunteer is a lay person
        # unless the organization is named
        ("Lea Brun, a currency strategist with Kestrel Bank, said the euro would rise.\n", [("analyst", "Lea Brun")]),
        ("Omar Said, a senior volunteer, said the race was hard.\n", [("public", "Omar Said")]),
        ("Omar Said, a Red Cross volunteer, said the camp was full.\n", [("civil_society", "Omar Said")]),
        ("Yan Li, a blind runner from Shandong, said the race was hard.\n", [("public", "Yan Li")]),
        # a person's own name is no role ("Dean" is no dean)
        ("Howard Dean, the former governor of Nordmark, said the port must stay open.\n", [("official", "Howard Dean")]),
        # a document sent by a person takes that person's type
        (
            "An email was sent from the charity's director, Jane Roe, to donors. The email said the shelter would close.\n",
            [("narrator", None), ("civil_society", "email by Jane Roe")],
        ),
        # "it" is the organization named in the sentence before, when no one spoke there
        (
            "Ana Ruiz of Kestrel Holdings said sales fell.\n\n"
            "The Lindqvist Institute's report was more upbeat. It said sales would recover.\n",
            [("business", "Ana Ruiz"), ("narrator", None), ("analyst", "Lindqvist Institute")],
        ),
        # "the 64-year-old" refers back to the last person
        (
            "Chen Bo, head of the Harbour Workers Federation, said talks went well. "
            "The 64-year-old noted that he will seek a new deal.\n",
            [("civil_society", "Chen Bo"), ("civil_society", "Chen Bo")],
        ),
        # "the company" is the company, not its executives
        (
            "Company executives said the strike had cost Kestrel Holdings dearly. "
            "The union said pay was too low. The company argued that it needed flexibility.\n",
            [("business", "Company executives"), ("civil_society", "union"), ("business", "Kestrel Holdings")],
        ),
    ],
)
def test_typing_evidence_from_roles_documents_and_references_back(tmp_path, text, expected):
    assert codes(code(tmp_path, text)) == expected


def test_a_title_case_headline_does_not_lengthen_a_name(tmp_path):
    table = code(
        tmp_path,
        "Ports Are Vital, Jana Holm Tells Harbour Convention\n\n"
        "Ports are vital, Jana Holm, the former governor of Nordmark, said on Tuesday.\n",
    )
    assert codes(table)[-1] == ("official", "Jana Holm")


def test_shares_of_those_polled_speak_for_the_poll_and_a_poll_of_voters_is_no_voter(tmp_path):
    table = code(
        tmp_path,
        "A Lindqvist Institute poll of voters found that most back the plan. 59 percent said the port should stay open. "
        "Less than a third agreed with the mayor.\n",
    )
    assert codes(table) == [("analyst", "Lindqvist Institute poll of voters")] * 3


def test_a_role_owned_by_a_pronoun_takes_the_type_of_whom_it_refers_to(tmp_path):
    table = code(
        tmp_path,
        "Senator Ana Ruiz said the port must stay open.\n\n"
        'In a statement, her senior policy adviser, Jon Berg, said: "She has always backed the port."\n',
    )
    assert codes(table) == [("official", "Ana Ruiz"), ("official", "Jon Berg")]
    assert table["descriptor"].tolist()[1] == "her senior policy adviser"


def test_words_of_a_title_case_headline_are_no_name_for_a_pronoun(tmp_path):
    table = code(
        tmp_path,
        "Ruiz Wades Into Port Debate\n\n"
        "The port will close next year. He said the decision was wrong.\n",
    )
    assert codes(table)[1:] == [("narrator", None), ("unclassified", "He")]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # an association whose name has a trade word is a business association
        ("Colin Hale, Nordmark Hotel Association, said bookings were down.", ("business", "Colin Hale")),
        ("The Harbour Mining Industry Council said exports would fall.", ("business", "Harbour Mining Industry Council")),
        # ... but a union of workers is not
        ("The trade union said pay was too low.", ("civil_society", "trade union")),
        # everyday occupations are lay people
        ("Yang Bo, a surveyor at the old mine, said the air was cleaner.", ("public", "Yang Bo")),
        ("Ana Ruiz, a street vendor in the old town, said sales had halved.", ("public", "Ana Ruiz")),
        # stance verbs of praise report
        ("Ambassador Li Wei commended the port's efforts to cut emissions.", ("official", "Li Wei")),
    ],
)
def test_trade_associations_everyday_occupations_and_praise(tmp_path, sentence, expected):
    assert codes(code(tmp_path, sentence + "\n")) == [expected]


def test_a_role_word_before_an_organization_word_only_modifies_it(tmp_path):
    table = code(tmp_path, "Teacher unions said the reform was rushed. Ana Ruiz, who studies at the Lindqvist Institute, said it was fine.\n")
    assert codes(table) == [("civil_society", "Teacher unions"), ("public", "Ana Ruiz")]


def test_a_common_word_or_pronoun_opening_the_sentence_before_is_no_antecedent_for_it(tmp_path):
    table = code(
        tmp_path,
        "Kestrel Holdings said sales fell.\n\nIts shares rose by a tenth. It said the rise would last.\n\n"
        "In a speech on Monday, crowds cheered. It said the rise was welcome.\n",
    )
    assert codes(table) == [("business", "Kestrel Holdings"), ("narrator", None), ("business", "Kestrel Holdings"), ("narrator", None), ("business", "Kestrel Holdings")]


def test_a_document_finds_its_publisher_three_words_on_and_without_the_full_stop(tmp_path):
    table = code(tmp_path, "Consumer optimism fell, according to a report earlier this week from the British Retail Consortium.\n")
    assert codes(table) == [("business", "report by British Retail Consortium")]


def test_a_codebook_edit_changes_the_next_run_in_the_same_process(tmp_path):
    codebook = codebook_with(tmp_path, "people.csv", "")
    story = write(tmp_path, "story.txt", "Ola Berg said the port would reopen.\n")
    assert codes(tabulate(story, codebook=codebook)) == [("unclassified", "Ola Berg")]
    with (codebook / "people.csv").open("a", encoding="utf-8") as handle:
        handle.write("Ola Berg,,business,chief executive of Kestrel Holdings\n")
    assert codes(tabulate(story, codebook=codebook)) == [("business", "Ola Berg")]


def test_an_honorific_makes_a_common_word_a_surname_of_the_person_named_before(tmp_path):
    table = code(tmp_path, "Ann Kite, a media consultant, said the film was a disaster. Ms Kite said she was fired.\n")
    assert codes(table) == [("analyst", "Ann Kite"), ("analyst", "Ann Kite")]
    assert codes(code(tmp_path, "The port reopened on Monday.\n\nMr Cook said the plan failed.\n")) == [("narrator", None), ("unclassified", "Cook")]


def test_a_meeting_speaks_for_the_body_that_holds_it(tmp_path):
    table = code(
        tmp_path,
        "The plenary session of the Harbour Party Central Committee ended in Porto on Thursday. "
        "The session stressed that reform must go on.\n\n"
        "The meeting called for lower fees.\n\n"
        "The training session lasted two hours. The session was cut short by rain.\n",
    )
    assert [row[0] for row in codes(table)] == ["narrator", "official", "official", "narrator", "narrator"]
    assert table["speaker"].tolist()[1] == "session by Harbour Party Central Committee"
    assert codes(code(tmp_path, "The meeting stressed that reform must go on.\n")) == [("unclassified", "meeting")]


def test_an_agentless_passive_of_a_speech_verb_carries_the_account_on(tmp_path):
    table = code(
        tmp_path,
        "The Harbour Party's congress said that reform must go on. The role of small firms was underscored. "
        "Trade will double by 2030.\n\n"
        "The mayor said that the roads were closed. The bridge was repaired on Monday. Residents were warned to stay home.\n",
    )
    assert table["rule"].tolist() == ["forward", "continuation", "continuation", "forward", "narrator", "narrator"]


def test_a_closing_according_to_gives_the_source_of_a_sentence_whose_own_cue_is_a_thought(tmp_path):
    table = code(tmp_path, "The visit has raised hopes for the port, signaling a new start for the town, according to Ana Ruiz, "
                           "a professor at Lisbon University.\n")
    assert codes(table) == [("analyst", "Ana Ruiz")]
    assert table["cue"].tolist() == ["according to"]


def test_reports_that_name_no_publisher_are_other_media(tmp_path):
    table = code(tmp_path, "Reports say the fund may seek a vote. Unconfirmed reports suggested the chief would resign. "
                           "A report by the Harbour Institute said rents rose.\n")
    assert codes(table) == [("other_media", "Reports"), ("other_media", "Unconfirmed reports"), ("analyst", "report by the Harbour Institute")]


def test_a_place_inside_an_outlets_name_does_not_type_a_person_described_by_the_place(tmp_path):
    table = code(tmp_path, "Wales lock Tamsin Hale will retire at the end of the season. She told BBC Wales on Friday that it was time. "
                           "\"I have loved it,\" Hale said.\n")
    assert codes(table)[1:] == [("unclassified", "Tamsin Hale"), ("unclassified", "Tamsin Hale")]


def test_a_document_takes_no_maker_from_a_date_or_a_describing_compound(tmp_path):
    table = code(tmp_path, "U.S. report says floods will rise. The Congressionally-mandated report, released by Friday, said losses "
                           "would grow. It said the poor would suffer most.\n")
    assert codes(table) == [("official", "U.S. report")] * 3


def test_the_pope_speaks_as_a_religious_leader(tmp_path):
    table = code(tmp_path, "Pope Francis criticised the plan. \"We must act,\" the pope said.\n")
    assert [row[0] for row in codes(table)] == ["civil_society", "civil_society"]


def test_a_speaker_named_after_a_trailing_cue_ends_at_a_bracket(tmp_path):
    table = code(tmp_path, "The ports will reopen, says harbour boss Ana Ruiz (Harbour News) 12:20, the agency reported.\n\n"
                           "\"We will win,\" said Rep. Tom Hale (D-Ore.).\n")
    assert table["speaker"].tolist() == ["Ana Ruiz", "Tom Hale"]


def test_reports_of_a_named_publisher_keep_their_owner(tmp_path):
    table = code(tmp_path, "The Harbour Bank released new reports. Its reports say growth will slow. The reports say trade will fall.\n")
    assert codes(table)[1:] == [("business", "reports by Harbour Bank")] * 2


def test_a_closing_according_to_that_names_no_source_leaves_the_cue_its_speaker(tmp_path):
    table = code(tmp_path, "The ministry hopes the bridge will open in May, according to the plan.\n")
    assert codes(table) == [("official", "ministry")]


def test_a_dated_passive_is_the_narrators_report_of_an_event(tmp_path):
    table = code(tmp_path, "The mayor said that the roads were closed. The deal was announced in May.\n")
    assert table["rule"].tolist() == ["forward", "narrator"]


def test_a_describing_compound_names_no_maker(tmp_path):
    table = code(tmp_path, "The State-run survey said support fell.\n\nThe US-based study said more.\n")
    assert table["speaker"].tolist() == ["State-run survey", "US-based study"]


def test_genre_roles_of_clubs_events_and_productions(tmp_path):
    sport = (
        "The striker scored twice as the club won the league title in the final game of the season, "
        "and the coach praised the squad after the match at the stadium.\n\n"
        '"It was a great season," said Warriors chief Maurice Lane.\n\n'
        '"We want him for club rugby," director of rugby Nigel Mason told the Citizen.\n'
    )
    table = tabulate(write(tmp_path, "sport.txt", sport))
    assert table["source_type"].tolist()[-2:] == ["business", "public"]
    film = (
        "The film's director and its stars attended the premiere of the album and the show, "
        "as the band's new single topped the chart and the actor won an award at the festival.\n\n"
        '"Tickets sell out every year," festival organiser Michael Evans said.\n\n'
        "CSI's co-producer, Carol Mendez, said the episode would be darker.\n"
    )
    table = tabulate(write(tmp_path, "film.txt", film))
    assert table["source_type"].tolist()[-2:] == ["business", "business"]


def test_a_place_after_in_is_where_someone_is_not_whom_they_speak_for(tmp_path):
    text = (
        "Zhou Yu, vice general manager of a restaurant in southwest China's Chongqing municipality, said portions were smaller.\n\n"
        "A spokesman for the city said the roads would reopen.\n"
    )
    table = tabulate(write(tmp_path, "story.txt", text))
    assert table["source_type"].tolist() == ["business", "official"]


def test_an_appositive_after_two_names_describes_both(tmp_path):
    text = (
        "Felicia Sanders and Polly Sheppard, two of the survivors of the shooting, spoke on Wednesday.\n\n"
        '"Hate destroys those who harbor it," Sanders said.\n'
    )
    table = tabulate(write(tmp_path, "story.txt", text))
    assert table["source_type"].tolist()[-1] == "public"
