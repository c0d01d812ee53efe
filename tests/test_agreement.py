"""Agreement measures, on codings small enough to check by hand."""

import math

import pandas as pd

from analysis.report.agreement import agreement, agreement_by, binary_scores, compare, disagreements
from analysis.report.sampling import SHEET_COLUMNS, coding_sheet, read_coding_sheet
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


def test_compare_pairs_coded_sentences_with_the_program_and_lists_disagreements():
    table = pd.DataFrame(
        {"story_id": ["s"] * 4, "outlet": ["Gazette"] * 4, "start": [0, 10, 30, 45], "end": [9, 29, 41, 50],
         "text": ["One.", "Two, she said.", "Three.", "Four."], "is_heading": [False] * 4,
         "source_type": ["narrator", "official", "narrator", "narrator"], "speaker": [None, "Ana", None, None]}
    )
    sheet = pd.DataFrame(
        {"story_id": ["s", "s", "s"], "start": [0, 10, 30], "end": [9, 29, 41], "is_heading": ["false", "false", "true"],
         "source_type": ["narrator", "public", ""], "speaker": ["", "Ana", ""], "note": ["", "doubtful: a resident?", ""],
         "stratum": "all", "inclusion": 0.75}
    )
    compared = compare(table, read_coding_sheet(sheet, table))
    assert compared["auto_type"].tolist() == ["narrator", "official", "narrator"]
    assert compared["is_heading"].tolist() == [False, False, True]
    assert disagreements(compared)[["text", "source_type", "auto_type", "note"]].values.tolist() == [
        ["Two, she said.", "public", "official", "doubtful: a resident?"]
    ]


def test_the_seed_hand_coding_is_complete_and_well_formed(seed_table):
    sample = read_coding_sheet(PROJECT_DIR / "data" / "annotations" / "seed_hand_coding.csv", seed_table)
    coding = pd.read_csv(PROJECT_DIR / "data" / "annotations" / "seed_hand_coding.csv", keep_default_na=False)
    text = (PROJECT_DIR / "seeds" / "global_times_2024-07_three_stories.txt").read_text(encoding="utf-8")
    assert len(coding) == 125 and len(sample.rows) == 122
    assert sample.messages == ["3 coded row(s) are headings in the table too, outside what is estimated"]
    assert (sample.rows["inclusion"] == 1).all()
    for row in coding.itertuples():
        assert " ".join(text[row.start : row.end].split()) == row.text


def test_a_coding_sheet_is_stratified_blind_and_reproducible(seed_table):
    table = seed_table.assign(outlet=seed_table["story_id"].map(lambda story: "A" if story.endswith("islands") else "B"))
    sheet = coding_sheet(table, n=12, by=("outlet", "source_type"), seed=3)
    assert len(sheet) == 12 and list(sheet.columns) == list(SHEET_COLUMNS)
    assert (sheet[["is_heading", "source_type", "speaker", "frames", "note"]] == "").all().all()
    strata = table[~table["is_heading"]].groupby(["outlet", "source_type"], observed=True).size()
    drawn = sheet.merge(table[["story_id", "start", "source_type"]].rename(columns={"source_type": "auto"}), on=["story_id", "start"])
    counts = drawn.groupby([drawn["outlet"], drawn["auto"].astype(str)]).size()
    assert counts.max() - counts[counts.index.map(lambda key: strata[key] >= counts.max())].min() <= 1
    assert sheet.equals(coding_sheet(table, n=12, by=("outlet", "source_type"), seed=3))
    assert not sheet.equals(coding_sheet(table, n=12, by=("outlet", "source_type"), seed=4))


def test_agreement_by_outlet_leaves_headings_out_and_names_rows_without_an_outlet():
    aligned = pd.DataFrame({
        "outlet": ["Gazette", "Gazette", "Gazette", None, None],
        "is_heading": [False, False, True, False, False],
        "source_type": ["official", "public", "", "analyst", "analyst"],
        "auto_type": ["official", "official", "narrator", "analyst", "official"],
    })
    results = agreement_by(aligned, "outlet")
    assert list(results) == ["(no outlet)", "Gazette"]
    assert results["Gazette"].n == 2 and results["Gazette"].accuracy == 0.5
    assert results["(no outlet)"].confusion.loc["analyst", "official"] == 1


def test_the_program_codes_the_seed_as_its_hand_coding(seed_table):
    sample = read_coding_sheet(PROJECT_DIR / "data" / "annotations" / "seed_hand_coding.csv", seed_table)
    coded = compare(seed_table, sample)
    result = agreement(coded.loc[~coded["is_heading"], "source_type"], coded.loc[~coded["is_heading"], "auto_type"])
    assert (result.n, result.accuracy, result.kappa) == (122, 1.0, 1.0)
