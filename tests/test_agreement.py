"""Agreement measures, on codings small enough to check by hand."""

import math

import pandas as pd

from analysis.agreement import agreement, align, binary_scores, disagreements, read_coding, stories_not_in
from analysis.sampling import SHEET_COLUMNS, coding_sheet
from analysis.datafiles import PROJECT_DIR


def test_accuracy_kappa_and_per_type_scores():
    human = pd.Series(["a", "a", "b", "b"])
    auto = pd.Series(["a", "b", "b", "b"])
    result = agreement(human, auto, labels=("a", "b"))
    assert result.n == 4
    assert result.accuracy == 0.75
    assert math.isclose(result.kappa, 0.5)  # p_o = 0.75, p_e = 0.5*0.25 + 0.5*0.75 = 0.5
    assert result.per_type.loc["a", "precision"] == 1.0
    assert result.per_type.loc["a", "recall"] == 0.5
    assert math.isclose(result.per_type.loc["b", "precision"], 2 / 3)
    assert result.per_type.loc["b", "support"] == 2
    assert result.confusion.loc["a", "b"] == 1 and result.confusion.loc["b", "b"] == 2


def test_labels_never_used_have_no_precision():
    result = agreement(pd.Series(["a", "a"]), pd.Series(["a", "a"]), labels=("a", "b"))
    assert result.accuracy == 1.0
    assert math.isnan(result.per_type.loc["b", "precision"])
    assert math.isnan(result.kappa)


def test_binary_scores():
    scores = binary_scores([True, True, False, False, True], [True, False, False, True, True])
    assert scores["precision"] == 2 / 3 and scores["recall"] == 2 / 3
    assert math.isclose(scores["f1_negative"], 0.5)
    assert math.isclose(scores["macro_f1"], (2 / 3 + 0.5) / 2)
    assert scores["accuracy"] == 0.6


def test_align_pairs_rows_by_offsets_and_lists_disagreements():
    coding = pd.DataFrame(
        {
            "story_id": ["s", "s", "s"],
            "start": [0, 10, 30],
            "end": [9, 29, 40],
            "text": ["One.", "Two, she said.", "Three."],
            "is_heading": [False, False, False],
            "source_type": ["narrator", "public", "narrator"],
            "speaker": ["", "Ana", ""],
            "note": ["", "", ""],
        }
    )
    table = pd.DataFrame(
        {"start": [0, 10, 30], "end": [9, 29, 41], "source_type": ["narrator", "official", "narrator"],
         "speaker": [None, "Ana", None], "is_heading": [False, False, False]}
    )
    aligned = align(table, coding)
    assert aligned["auto_type"].tolist()[:2] == ["narrator", "official"]
    assert pd.isna(aligned["auto_type"].iloc[2])
    assert disagreements(aligned)["text"].tolist() == ["Two, she said.", "Three."]


def test_the_seed_hand_coding_is_complete_and_well_formed():
    coding = read_coding(PROJECT_DIR / "data" / "annotations" / "seed_hand_coding.csv")
    text = (PROJECT_DIR / "seeds" / "global_times_2024-07_three_stories.txt").read_text(encoding="utf-8")
    assert len(coding) == 125
    assert coding.loc[~coding["is_heading"], "source_type"].isin(
        ["official", "analyst", "western_media", "other_media", "business", "civil_society", "public", "narrator"]
    ).all()
    for row in coding.itertuples():
        assert " ".join(text[row.start : row.end].split()) == row.text


def test_a_coding_sheet_is_stratified_blind_and_reproducible(seed_table):
    table = seed_table.assign(outlet=seed_table["story_id"].map(lambda story: "A" if story.endswith("islands") else "B"))
    sheet = coding_sheet(table, n=12, by=("outlet", "source_type"), seed=3)
    assert len(sheet) == 12 and list(sheet.columns) == list(SHEET_COLUMNS)
    assert (sheet[["is_heading", "source_type", "speaker", "note"]] == "").all().all()
    strata = table[~table["is_heading"]].groupby(["outlet", "source_type"], observed=True).size()
    drawn = sheet.merge(table[["story_id", "start", "source_type"]].rename(columns={"source_type": "auto"}), on=["story_id", "start"])
    counts = drawn.groupby([drawn["outlet"], drawn["auto"].astype(str)]).size()
    assert counts.max() - counts[counts.index.map(lambda key: strata[key] >= counts.max())].min() <= 1
    assert sheet.equals(coding_sheet(table, n=12, by=("outlet", "source_type"), seed=3))
    assert not sheet.equals(coding_sheet(table, n=12, by=("outlet", "source_type"), seed=4))


def test_a_coding_of_other_stories_is_named_as_such(seed_table):
    coding = pd.DataFrame({"story_id": ["elsewhere", "gt-pacific-islands"], "start": [0, 0], "end": [5, 174], "is_heading": [False, False]})
    assert stories_not_in(seed_table, coding) == ["elsewhere"]
    aligned = align(seed_table, coding)
    assert aligned["auto_type"].isna().tolist() == [True, False]
