"""Frame sets: each kind of cue of the generic set on sentences written for it, how cues
combine into a sentence's frames and sentences into a story's, switching sets, and a
user's own set in a folder."""

import pandas as pd
import pytest

from analysis.report import summarise
from analysis.measures.frames import expand_alternatives, frame_set_folder, load_vocabulary, parse_needs
from analysis.corpus.read import InputError
from analysis.report.settings import current_run
from analysis.table.tabulate import tabulate_text
from conftest import write


@pytest.fixture(scope="module")
def generic():
    return load_vocabulary(frame_set="generic")


@pytest.mark.parametrize(
    "sentence, source_type, frames",
    [
        ("The senator accused the governor of lying about the figures.", "official", ["conflict"]),
        ("Critics and supporters of the mayor met on Tuesday.", "narrator", ["conflict"]),
        ("The new bridge will cost $4.5bn, the agency said.", "official", ["economic"]),
        ("Residents face huge costs after the storm.", "narrator", ["economic", "human_interest"]),
        ("My daughter cried when she saw our house.", "public", ["human_interest"]),
        ("The lake is blue.", "public", ["human_interest"]),
        ("The lake is blue.", "official", []),
        ("The bishop said it was a moral duty to protect creation.", "civil_society", ["morality"]),
        ("The council proposed a law to cut emissions by 2030.", "official", ["resolution"]),
        ("The council's plan to cut emissions failed.", "official", []),
        ("The deadline is urgent.", "narrator", ["resolution"]),
    ],
)
def test_each_kind_of_cue_gives_its_frame(generic, sentence, source_type, frames):
    assert generic.frames_in(sentence, source_type) == frames


def test_cues_are_listed_with_their_kind_and_the_words_matched(generic):
    cues = generic.frame_cues_in("A 34-year-old teacher said she was terrified.", "public")
    assert [(cue.frame, cue.cue, cue.text) for cue in cues] == [
        ("human_interest", "emotion", "terrified"),
        ("human_interest", "person", "34-year-old"),
        ("human_interest", "ordinary_voice", "public"),
    ]


def test_needs_read_alternatives_groups_and_exclusions():
    needs = parse_needs("emotion|harm + person - failure")
    assert needs.met_by({"emotion", "person"})
    assert needs.met_by({"harm", "person"})
    assert not needs.met_by({"emotion"})
    assert not needs.met_by({"emotion", "person", "failure"})
    assert parse_needs("").met_by({"anything"})
    assert not parse_needs("").met_by(set())


def test_article_statistics_count_share_rate_and_lead():
    table = pd.DataFrame({
        "story_id": ["a"] * 6 + ["b"] * 2,
        "outlet": ["X"] * 6 + ["Y"] * 2,
        "date": [None] * 8,
        "text": ["one two three four five"] * 6 + ["one two", "three four"],
        "frames": ["conflict", "", "conflict;economic", "", "", "conflict", "", "economic"],
    })
    statistics = summarise.article_frame_statistics(table, ["conflict", "economic"]).set_index(["story_id", "frame"])
    row = statistics.loc[("a", "conflict")]
    assert (row["sentences"], row["words"], row["with_frame"], row["lead"]) == (6, 30, 3, 2)
    assert row["share"] == pytest.approx(0.5)
    assert row["per_100_words"] == pytest.approx(10.0)
    assert statistics.loc[("b", "economic"), "with_frame"] == 1
    assert statistics.loc[("b", "conflict"), "with_frame"] == 0


def own_set(folder):
    """A user's frame set: two frames, a word cue, an expression and a speaker cue."""
    folder.mkdir()
    write(folder, "frame_definitions.csv",
          "frame,label,definition,needs\nflooding,Flooding,Water where it should not be,\nvoices,Ordinary voices,People speaking for themselves,\n")
    write(folder, "frames.csv",
          "# my cues\nframe,cue,term\nflooding,water,flood*\nflooding,level,re:\\d+ (?:cm|centimetres) of water\nvoices,voice,speaker:public\n")
    write(folder, "article_rules.csv", "frame,statistic,threshold\nflooding,with_frame,2\nvoices,share,0.5\n")
    return folder


def test_a_users_own_frame_set_in_a_folder_works_without_code(tmp_path):
    folder = own_set(tmp_path / "my_frames")
    text = ("The river flooded the square on Monday, the mayor said. "
            "\"We had 40 cm of water in the kitchen,\" said Ann Lee, a local resident. "
            "Shops stayed shut.")
    table = tabulate_text(text, frame_set=folder)
    assert table["frames"].tolist() == ["flooding", "flooding;voices", ""]
    vocabulary = load_vocabulary(frame_set=folder)
    articles = summarise.article_frames(table, vocabulary).set_index("frame")
    assert bool(articles.loc["flooding", "shows"]) is True
    assert bool(articles.loc["voices", "shows"]) is False
    shares = summarise.story_frame_shares(summarise.article_frames(table, vocabulary), vocabulary.labels)
    assert shares[["frame", "label", "stories", "showing"]].values.tolist() == [["flooding", "Flooding", 1, 1], ["voices", "Ordinary voices", 1, 0]]


def test_switching_sets_changes_the_frames_column():
    text = "Rival groups condemned the win-win cooperation talks. The bridge will cost $2bn."
    generic = tabulate_text(text)
    seed = tabulate_text(text, frame_set="seed")
    assert generic["frames"].tolist() == ["conflict", "economic"]
    assert seed["frames"].tolist() == ["cooperation;geopolitical_competition", ""]


def test_an_unknown_frame_set_is_refused_with_the_sets_there(tmp_path):
    with pytest.raises(ValueError, match="the sets here are generic, seed"):
        frame_set_folder("nonesuch")
    settings = write(tmp_path, "settings.yaml", "frames: nonesuch\n")
    with pytest.raises(InputError, match="nonesuch"):
        current_run(settings=settings)


def test_the_run_setting_chooses_the_set_and_a_new_set_retabulates(tmp_path, monkeypatch):
    monkeypatch.setenv("ANALYSIS_RUNS_DIR", str(tmp_path / "runs"))
    (tmp_path / "corpus").mkdir()
    corpus = write(tmp_path / "corpus", "a.txt", "Critics accused the minister of lying. The bridge will cost $3bn.\n")
    settings = write(tmp_path, "settings.yaml", f"corpus: {corpus}\nname: frames-test\nframes: seed\n")
    run = current_run(settings=settings)
    assert run.frame_set == "seed"
    assert set(run.load_table()["frames"]) <= set(run.vocabulary().frames) | {""}
    generic = current_run(str(corpus), None, "frames-test", "generic", settings=settings)
    assert generic.load_table()["frames"].tolist() == ["conflict", "economic"]
    assert generic.table_frames.read_text(encoding="utf-8").strip().endswith("generic")


def test_a_word_cue_lists_alternatives_for_each_word():
    assert expand_alternatives("a|one young|local woman") == ["a young woman", "a local woman", "one young woman", "one local woman"]
    assert expand_alternatives("accus*") == ["accus*"]
