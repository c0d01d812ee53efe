"""Genre knowledge and precision where the text is poor (issue 23): each general rule on
sentences written for the test, with names no codebook list holds.

A sport or entertainment story is told by its words (data/codebook/genres.csv); in it,
the roles marked with its genre in roles.csv apply, and a named person nothing describes
speaks in their own name (public, typed_by genre). Names and descriptions stop at the
sentence and the line that hold them; titles, epithets and teams' possessives are no part
of a name; the writer's own "I" is the narrator."""

import pytest

from analysis.coding.sourcetypes import load_codebook
from test_attribution import code, codes

# Enough words of the genre for a story to be sport: striker, goals, league, season, match.
SPORT = "The striker scored two goals as the league leaders won the match, their ninth win of the season."
ARTS = "The film, her third album's soundtrack and the band's tour were nominated for awards at the premiere."


@pytest.mark.parametrize(
    "text, genre",
    [
        (SPORT, "sport"),
        (ARTS, "entertainment"),
        ("The ministry said exports rose by 4 percent in March, led by machinery and chemicals.", None),
        # words common elsewhere do not make a story sport on their own
        ("The team won the contract after a long season of talks, the club of investors said.", None),
    ],
)
def test_a_story_is_of_a_genre_by_its_words(text, genre):
    assert load_codebook().genre(text) == genre


def test_in_a_sport_story_a_teams_manager_and_captain_speak_in_their_own_name(tmp_path):
    table = code(
        tmp_path,
        f"{SPORT}\n\nKestrel manager Ivo Brankov said the side deserved it.\n\n"
        "Harbour captain Lena Holm said: \"We were poor.\"\n\n"
        "Kestrel chairman Ola Berg said the club would spend more.\n",
    )
    assert codes(table)[1:] == [("public", "Ivo Brankov"), ("public", "Lena Holm"), ("business", "Ola Berg")]
    assert table["typed_by"].astype(str).tolist()[1:] == ["story", "story", "story"]


def test_the_same_roles_outside_sport_are_left_to_their_organization(tmp_path):
    table = code(tmp_path, "Kestrel manager Ivo Brankov said sales fell in March.\n")
    assert codes(table) == [("unclassified", "Ivo Brankov")]


def test_federations_are_civil_society_and_a_clubs_spokesman_business(tmp_path):
    table = code(
        tmp_path,
        f"{SPORT}\n\nIAAF president Lamin Sesay said the ban would stand.\n\n"
        "A Kestrel spokesman said the club would appeal.\n\n"
        "The Nordmark Football Association said it would look into the match.\n",
    )
    assert [row[0] for row in codes(table)[1:]] == ["civil_society", "business", "civil_society"]


def test_an_undescribed_person_in_a_sport_story_speaks_in_their_own_name(tmp_path):
    table = code(tmp_path, f"{SPORT}\n\nIvo Brankov said he was tired after the final.\n")
    assert codes(table)[1] == ("public", "Ivo Brankov")
    assert table["typed_by"].astype(str).tolist()[1] == "genre"
    # in a story of no genre, nothing says who the same man is
    news = code(tmp_path, "Exports rose by 4 percent in March.\n\nIvo Brankov said he was tired after the talks.\n")
    assert codes(news)[1] == ("unclassified", "Ivo Brankov")
    # a person described by a role of an organization no list knows is no athlete
    described = code(tmp_path, f"{SPORT}\n\nAlder spokesman Ivo Brankov said tickets were sold out.\n")
    assert table["typed_by"].astype(str).tolist()[1] == "genre" and described["typed_by"].astype(str).tolist()[1] != "genre"


def test_in_an_arts_story_directors_and_performers_are_public_and_awards_bodies_civil_society(tmp_path):
    table = code(
        tmp_path,
        f"{ARTS}\n\nDirector Mira Sol said the cast had worked for free.\n\n"
        "The British Academy of Film and Television Arts said the list was final.\n\n"
        "Kestrel Pictures said the film had earned $40m.\n",
    )
    assert [row[0] for row in codes(table)[1:]] == ["public", "civil_society", "business"]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("The head of research at a reinsurer said claims would rise.", "business"),
        ("A director of a think tank said the plan would fail.", "analyst"),
        ("The department of the university said the study was sound.", "analyst"),
        ("The head of the Nordmark Football Federation said the ban was fair.", "civil_society"),
    ],
)
def test_role_words_do_not_decide_a_type_the_organization_does(tmp_path, sentence, expected):
    assert codes(code(tmp_path, sentence + "\n"))[0][0] == expected


def test_a_nationality_refers_back_to_the_person_named_before(tmp_path):
    table = code(tmp_path, f"{SPORT}\n\nIvo Brankov beat Tom Hale in the final.\n\n\"I played well,\" said the Spaniard.\n")
    assert codes(table)[2] == ("public", "Tom Hale")


def test_titles_epithets_and_possessives_are_no_part_of_a_name(tmp_path):
    table = code(
        tmp_path,
        f"{SPORT}\n\nFly-half Jon Tamm said the kicking was poor.\n\n"
        "Referee Paul Gorin said he had seen the foul.\n\n"
        "Kestrel's Ivo Brankov said the pitch was wet.\n\n"
        "Defiant Ola Berg said he would not quit.\n",
    )
    assert [row[1] for row in codes(table)[1:]] == ["Jon Tamm", "Paul Gorin", "Ivo Brankov", "Ola Berg"]
    assert table["descriptor"].tolist()[3] == "Kestrel's"


def test_a_description_stops_at_the_headline_above_the_name(tmp_path):
    table = code(tmp_path, f"Tamm shoulders Kestrel blame\n\nFly-half Jon Tamm said the defeat was his fault. {SPORT}\n")
    assert table["descriptor"].tolist()[1] == "Fly-half"


def test_the_writers_own_i_and_we_are_the_narrator(tmp_path):
    table = code(
        tmp_path,
        "I think the harbour plan will fail. We all know the port is too small.\n\n"
        '"I think the harbour plan will work," said Ana Ruiz, a resident.\n',
    )
    assert codes(table) == [("narrator", None), ("narrator", None), ("public", "Ana Ruiz")]


def test_what_a_reporter_learned_from_a_source_is_the_sources(tmp_path):
    table = code(tmp_path, "The Daily Tide learned from the Ministry of Fisheries that quotas would be cut.\n", outlet="Daily Tide")
    assert codes(table) == [("official", "Ministry of Fisheries")]


def test_a_common_word_the_story_writes_as_a_name_names_a_body(tmp_path):
    table = code(tmp_path, "Lee won a court battle with comic book company Marvel.\n\nMarvel said it would appeal against the ruling.\n")
    assert codes(table)[1] == ("business", "Marvel")


def test_an_acronym_the_story_spells_out_is_one_speaker_under_its_full_name(tmp_path):
    table = code(tmp_path, "Cases rose, the Lindqvist Institute for Public Health (LIPH) said. The rate fell, according to the LIPH.\n")
    assert codes(table) == [("analyst", "Lindqvist Institute for Public Health")] * 2


def test_a_definite_description_refers_to_the_person_named_just_before(tmp_path):
    table = code(tmp_path, "Two actors signed up for Ivo Brankov's new sitcom, the comedian has told reporters.\n")
    assert codes(table) == [("public", "Ivo Brankov")]


def test_the_states_public_health_institutes_are_official(tmp_path):
    table = code(tmp_path, "Germany registered 17,561 new infections, the Robert Koch Institute said.\n")
    assert codes(table) == [("official", "Robert Koch Institute")]
