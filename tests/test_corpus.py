"""A corpus knows its people (issue 23): a speaker typed from evidence in one story lends
its type to the run's stories where it speaks without evidence, by the same full name or
by a surname unique in its outlet; conflicting evidence is decided by the number of
stories, a tie lends nothing; every engine gives the same table."""

import json
import subprocess
import sys

import pandas as pd
import pytest

from analysis import read_table, tabulate
from analysis.coding.people import CorpusPeople, conflicts, is_name
from analysis.report.summarise import codebook_gaps
from conftest import write


def articles(tmp_path, stories, name="articles.jsonl"):
    """A JSONL table of articles: (id, outlet, text) triples."""
    rows = [json.dumps({"id": sid, "title": sid, "outlet": outlet, "date": "2024-03-01", "text": text}) for sid, outlet, text in stories]
    return write(tmp_path, name, "\n".join(rows) + "\n")


def speakers(table):
    """(story, speaker, type, typed_by) of every attributed sentence."""
    spoken = table[table["speaker"].notna()]
    typed_by = spoken["typed_by"].astype("object").fillna("")
    return [(s, p, t, b) for s, p, t, b in zip(spoken["story_id"], spoken["speaker"], spoken["source_type"].astype(str), typed_by)]


def test_a_surname_in_one_story_is_typed_from_another_story(tmp_path):
    path = articles(tmp_path, [
        ("s1", "Daily", "Harbour plans. Ivo Brankov said the harbour would close in May."),
        ("s2", "Daily", "Trade minister Ivo Brankov said exports rose by 4 percent. The figures were published on Monday."),
    ])
    table = tabulate(path)
    assert speakers(table) == [
        ("s1", "Ivo Brankov", "official", "corpus"),
        ("s2", "Ivo Brankov", "official", "story"),
    ]
    surname = articles(tmp_path, [
        ("s1", "Daily", "Trade minister Ivo Brankov said exports rose by 4 percent."),
        ("s2", "Daily", "Harbour plans. Brankov said the harbour would close in May."),
        ("s3", "Courier", "Harbour plans. Brankov said the harbour would close in June."),
    ], "surname.jsonl")
    lent = speakers(tabulate(surname))
    assert lent[1] == ("s2", "Ivo Brankov", "official", "corpus")
    # another outlet's stories do not vouch for a surname alone
    assert lent[2] == ("s3", "Brankov", "unclassified", "")


def test_a_surname_two_people_share_in_an_outlet_is_left_alone(tmp_path):
    path = articles(tmp_path, [
        ("s1", "Daily", "Trade minister Ivo Brankov said exports rose by 4 percent."),
        ("s2", "Daily", "Mira Brankov, a professor at Varna University, said the figures were weak."),
        ("s3", "Daily", "Harbour plans. Brankov said the harbour would close in May."),
    ])
    assert speakers(tabulate(path))[2] == ("s3", "Brankov", "unclassified", "")


def test_conflicting_evidence_is_decided_by_the_stories_and_a_tie_lends_nothing(tmp_path):
    official = "Tariq Osei, a government minister, said the budget was fair."
    lay = "Tariq Osei, a local resident, said the budget was unfair."
    bare = "Harbour plans. Tariq Osei said the harbour would close in May."
    majority = tabulate(articles(tmp_path, [("a", "Daily", official), ("b", "Daily", official), ("c", "Daily", lay), ("d", "Daily", bare)]))
    assert speakers(majority)[3] == ("d", "Tariq Osei", "official", "corpus")
    # each story keeps the type its own evidence gives
    assert [row[2] for row in speakers(majority)[:3]] == ["official", "official", "public"]
    tie = tabulate(articles(tmp_path, [("a", "Daily", official), ("c", "Daily", lay), ("d", "Daily", bare)], "tie.jsonl"))
    assert speakers(tie)[2] == ("d", "Tariq Osei", "unclassified", "")
    listed = conflicts(tie)
    assert listed.to_dict("records") == [{"name": "Tariq Osei", "types": "official in 1; public in 1", "stories": 2, "resolved": ""}]
    assert conflicts(majority)["resolved"].tolist() == ["official"]
    gaps = codebook_gaps(tie)
    assert gaps.loc[gaps["name"] == "Tariq Osei", "typed_as"].tolist() == ["conflict: official in 1; public in 1"]


def test_the_corpus_pass_can_be_turned_off(tmp_path):
    path = articles(tmp_path, [
        ("s1", "Daily", "Harbour plans. Ivo Brankov said the harbour would close in May."),
        ("s2", "Daily", "Trade minister Ivo Brankov said exports rose by 4 percent."),
    ])
    assert speakers(tabulate(path, corpus_types=False))[0] == ("s1", "Ivo Brankov", "unclassified", "")


def test_names_and_descriptions(tmp_path):
    assert is_name("Arsene Wenger") and is_name("IAAF") and is_name("Bank of England")
    assert not is_name("the minister") and not is_name("analysts") and not is_name("I") and not is_name(None)
    people = CorpusPeople()
    people.add(pd.DataFrame({
        "story_id": ["a", "b"], "outlet": ["Daily", "Daily"], "speaker": ["the minister", "Athletics Kenya"],
        "descriptor": ["", ""], "source_type": ["official", "civil_society"], "typed_by": ["story", "story"],
    }))
    assert people.resolve("the minister") is None
    # an organization's last word is no surname: "Kenya" alone is not Athletics Kenya
    assert people.target("Kenya", "Daily") is None and people.target("Athletics Kenya", "Daily") == "Athletics Kenya"


def corpus_across_chunks(tmp_path):
    """Sixty stories (two chunks of fifty): the stories that name Ivo Brankov without
    evidence come first, in the first chunk; the evidence comes last, in the second."""
    stories = [(f"s{n:02d}", "Daily", f"Harbour plans. Brankov said berth {n} would close in May.") for n in range(1, 6)]
    stories += [(f"s{n:02d}", "Daily", f"Ships came in. Berth {n} was busy on Monday.") for n in range(6, 56)]
    stories += [(f"s{n:02d}", "Daily", f"Trade minister Ivo Brankov said berth {n} would open.") for n in range(56, 61)]
    return articles(tmp_path, stories)


def test_every_engine_gives_the_same_table_with_cross_story_typing(tmp_path):
    path = corpus_across_chunks(tmp_path)
    one = tabulate(path)
    assert speakers(one)[0] == ("s01", "Ivo Brankov", "official", "corpus")
    assert (one["typed_by"].astype("object") == "corpus").sum() == 5
    pd.testing.assert_frame_equal(tabulate(path, jobs=2), one)
    for suffix in (".csv", ".parquet"):
        out = tmp_path / f"table{suffix}"
        result = subprocess.run([sys.executable, "-m", "analysis", "tabulate", str(path), "--out", str(out), "--jobs", "2", "--quiet"],
                                capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
        assert "5 of them by the evidence of other stories" in result.stderr
        pd.testing.assert_frame_equal(read_table(out), read_table(_written(one, tmp_path, suffix)))
        assert not [p for p in tmp_path.iterdir() if p.name.startswith(".coding-")]
    distributed = pytest.importorskip("dask.distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        with distributed.Client(cluster) as client:
            pd.testing.assert_frame_equal(tabulate(path, client=client), one)


def _written(table, folder, suffix):
    """``table`` written whole, to read back as the command line's file reads."""
    from analysis.table.run import TableWriter

    path = folder / f"whole{suffix}"
    with TableWriter(path) as writer:
        writer.write(table)
    return path


def test_a_filled_sheet_becomes_codebook_rows_and_may_then_not_correct_estimates(tmp_path, monkeypatch):
    """gaps --from-sheet: the named speakers the coder typed where the program did not
    become people.csv rows with the sheet's fingerprint; once appended, the codebook
    types them, and the same sheet is flagged when it corrects estimates."""
    import shutil
    import warnings

    from analysis import estimate
    from analysis.datafiles import PROJECT_DIR
    from analysis.report.sampling import TaughtCodebookWarning, coding_sheet, read_coding_sheet

    data = tmp_path / "data"
    shutil.copytree(PROJECT_DIR / "data" / "codebook", data / "codebook")
    shutil.copytree(PROJECT_DIR / "data" / "framing", data / "framing")
    for name in ("cues.csv", "abbreviations.csv", "furniture.csv"):
        if (PROJECT_DIR / "data" / name).exists():
            shutil.copy(PROJECT_DIR / "data" / name, data / name)
    monkeypatch.setenv("ANALYSIS_DATA_DIR", str(data))
    stories = [(f"s{n}", "Daily", f"Harbour plans. Oskar Velt said berth {n} would close in May. The berth is old.") for n in range(1, 7)]
    stories += [(f"t{n}", "Courier", f"Trade news. Lina Maro, a professor at Varna University, said exports rose by {n} percent.") for n in range(1, 7)]
    table = tabulate(articles(tmp_path, stories))
    assert set(table.loc[table["speaker"] == "Oskar Velt", "source_type"].astype(str)) == {"unclassified"}
    sheet = coding_sheet(table, n=12, by=("outlet",), unit="story")
    truth = {"Oskar Velt": "official", "Lina Maro": "analyst"}
    keyed = table.set_index(["story_id", "start", "end"])
    sheet["is_heading"] = [bool(keyed.loc[(s, a, b), "is_heading"]) for s, a, b in zip(sheet["story_id"], sheet["start"], sheet["end"])]
    speaker = [keyed.loc[(s, a, b), "speaker"] for s, a, b in zip(sheet["story_id"], sheet["start"], sheet["end"])]
    sheet["speaker"] = [p if isinstance(p, str) else "" for p in speaker]
    sheet["source_type"] = ["" if h else truth.get(p, "narrator") for h, p in zip(sheet["is_heading"], sheet["speaker"])]
    path = tmp_path / "sheet.csv"
    sheet.to_csv(path, index=False)

    result = subprocess.run([sys.executable, "-m", "analysis", "gaps", str(_written(table, tmp_path, ".parquet")), "--from-sheet", str(path),
                             "--out", str(tmp_path / "proposed.csv")], capture_output=True, text=True, env={**__import__("os").environ})
    assert result.returncode == 0, result.stderr
    proposed = pd.read_csv(tmp_path / "proposed.csv", keep_default_na=False)
    fingerprint = read_coding_sheet(path, table).fingerprint
    assert proposed[["name", "source_type", "from_sheet", "sentences", "stories", "typed_as"]].to_dict("records") == [
        {"name": "Oskar Velt", "source_type": "official", "from_sheet": fingerprint, "sentences": 6, "stories": 6, "typed_as": "unclassified"},
    ]
    # the same codes in another order and file give the same fingerprint
    assert read_coding_sheet(sheet.iloc[::-1], table).fingerprint == fingerprint
    with warnings.catch_warnings():
        warnings.simplefilter("error", TaughtCodebookWarning)
        estimate(table, path)  # not yet appended: no warning

    with (data / "codebook" / "people.csv").open("a", encoding="utf-8") as handle:
        handle.write("\n".join(proposed.to_csv(index=False, header=False).splitlines()) + "\n")
    retyped = tabulate(articles(tmp_path, stories))
    assert set(retyped.loc[retyped["speaker"] == "Oskar Velt", "source_type"].astype(str)) == {"official"}
    sample = read_coding_sheet(path, retyped)
    assert sample.taught_codebook == 1 and any("taught the codebook" in message for message in sample.messages)
    with pytest.warns(TaughtCodebookWarning, match="taught the codebook"):
        corrected = estimate(retyped, path)
    assert any("taught the codebook" in message for message in corrected.attrs["messages"])
