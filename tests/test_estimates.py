"""Corrected estimates from a hand-coded sample: the sheet's design, its checks, the
estimator's values, and the coverage of its intervals on a synthetic corpus whose true
types are known and whose automatic coder errs differently in each outlet."""

import warnings

import numpy as np
import pandas as pd
import pytest

from analysis import InputError, InputWarning
from analysis.report.estimates import COLUMNS, CORRECTED, MIN_CODED, estimate, plan_sample
from analysis.report.sampling import SHEET_COLUMNS, coding_sheet, read_coding_sheet
from analysis.coding.sourcetypes import SOURCE_TYPES

TYPES = list(SOURCE_TYPES)
# True type mixes of two outlets, in the order of SOURCE_TYPES.
MIXES = {
    "A": [0.22, 0.10, 0.03, 0.03, 0.08, 0.10, 0.08, 0.02, 0.34],
    "B": [0.26, 0.08, 0.06, 0.02, 0.10, 0.04, 0.12, 0.03, 0.29],
}
# Where each outlet's automatic coder sends the 30% of sentences it gets wrong: in A it
# over-calls officials; in B it never says civil society or public, and calls many
# sentences unclassified or the narrator's.
ERRORS = {
    "A": [0.50, 0.10, 0.02, 0.02, 0.05, 0.05, 0.06, 0.05, 0.15],
    "B": [0.15, 0.10, 0.05, 0.05, 0.10, 0.00, 0.00, 0.20, 0.35],
}


def synthetic_corpus(seed: int = 0, stories: int = 60, accuracy: float = 0.7) -> pd.DataFrame:
    """A sentence table of two outlets whose true types (``truth``) are known: each story
    draws its own mix of types around its outlet's (so sentences of a story are alike),
    and the program's ``source_type`` is right with probability ``accuracy``, else drawn
    from its outlet's error distribution. Tone depends on the true type."""
    rng = np.random.default_rng(seed)
    rows = []
    for outlet, mix in MIXES.items():
        mix = np.array(mix) / sum(mix)
        for story in range(stories):
            story_mix = rng.dirichlet(mix * 8)
            for number, true in enumerate(rng.choice(len(TYPES), size=rng.integers(8, 30), p=story_mix)):
                wrong = rng.random() > accuracy
                program = rng.choice(len(TYPES), p=ERRORS[outlet]) if wrong else true
                rows.append((outlet, f"{outlet}-{story}", number, TYPES[true], TYPES[program]))
    table = pd.DataFrame(rows, columns=["outlet", "story_id", "number", "truth", "source_type"])
    table["source_type"] = pd.Categorical(table["source_type"], categories=TYPES)
    table["start"], table["end"] = table["number"] * 100, table["number"] * 100 + 60
    table["is_heading"] = False
    table["text"] = "A sentence."
    true_index = table["truth"].map(TYPES.index)
    table["vader"] = np.clip(rng.normal(0.02 * true_index, 0.4), -1, 1)
    table["polarity"] = np.clip(rng.normal(0.0, 0.2, len(table)), -1, 1)
    table["frames"] = ""
    return table


def fill(sheet: pd.DataFrame, table: pd.DataFrame, column: str = "truth") -> pd.DataFrame:
    """The sheet coded as a perfect coder would: each row's type from ``table[column]``."""
    codes = sheet.merge(table[["story_id", "start", column]], on=["story_id", "start"], how="left")[column]
    return sheet.assign(source_type=codes.astype(str).to_numpy(), is_heading="false")


def small_table(stories: int = 6, per_story: int = 10) -> pd.DataFrame:
    """A table of ``stories`` stories of one outlet where the program calls every third
    sentence official and the rest the narrator's; by hand every fifth sentence is public."""
    rows = []
    for story in range(stories):
        for number in range(per_story):
            rows.append({
                "story_id": f"s{story}", "outlet": "Gazette", "start": number * 10, "end": number * 10 + 9,
                "is_heading": False, "text": "Text.", "frames": "",
                "source_type": "official" if number % 3 == 0 else "narrator",
                "truth": "public" if number % 5 == 0 else ("official" if number % 3 == 0 else "narrator"),
                "vader": 0.5 if number % 5 == 0 else 0.0, "polarity": 0.0,
            })
    table = pd.DataFrame(rows)
    table["source_type"] = pd.Categorical(table["source_type"], categories=TYPES)
    return table


def test_a_sheet_records_each_rows_stratum_and_inclusion_probability():
    table = synthetic_corpus(stories=10)
    sheet = coding_sheet(table, n=40, by=("outlet", "source_type"), seed=2)
    assert list(sheet.columns) == list(SHEET_COLUMNS)
    sizes = table.groupby(["outlet", "source_type"], observed=True).size()
    drawn = sheet.groupby("stratum").size()
    for label, count in drawn.items():
        outlet, source_type = (part.split("=")[1] for part in label.split(";"))
        assert (sheet.loc[sheet["stratum"] == label, "inclusion"] == count / sizes[(outlet, source_type)]).all()
    assert (sheet[["is_heading", "source_type", "speaker", "frames", "note"]] == "").all().all()


def test_whole_stories_are_drawn_with_their_probability():
    table = synthetic_corpus(stories=10)
    sheet = coding_sheet(table, n=4, by=("outlet",), unit="story", seed=5)
    assert sheet["story_id"].nunique() == 4
    for story, rows in sheet.groupby("story_id"):
        assert len(rows) == (table["story_id"] == story).sum()
        assert (rows["inclusion"] == 2 / 10).all()
    with pytest.raises(ValueError, match="varies within stories"):
        coding_sheet(table, n=4, by=("source_type",), unit="story")


def test_misspelled_codes_are_refused_with_the_line_and_the_allowed_codes():
    table = small_table()
    sheet = fill(coding_sheet(table, n=40, by=("outlet",)), table)
    sheet.loc[0, "source_type"], sheet.loc[1, "source_type"], sheet.loc[2, "source_type"] = "Official", "offical", "narator"
    with pytest.raises(InputError) as error:
        read_coding_sheet(sheet, table)
    message = str(error.value)
    assert "3 problem(s)" in message
    assert "line 2: source_type 'Official' is not a code (did you mean 'official'?)" in message
    assert "line 3: source_type 'offical'" in message and "line 4: source_type 'narator' is not a code (did you mean 'narrator'?)" in message
    assert "Allowed source types: official, analyst, western_media" in message


def test_uncoded_rows_partly_coded_frames_and_unknown_frames_are_refused():
    table = small_table()
    sheet = fill(coding_sheet(table, n=40, by=("outlet",)), table)
    sheet.loc[5, "source_type"] = ""
    with pytest.raises(InputError, match="line 7: not coded"):
        read_coding_sheet(sheet, table)
    sheet = fill(coding_sheet(table, n=40, by=("outlet",)), table).assign(frames="none")
    sheet.loc[0, "frames"], sheet.loc[1, "frames"], sheet.loc[2, "frames"] = "conflict", "confict", ""
    with pytest.raises(InputError) as error:
        read_coding_sheet(sheet, table, ("conflict", "economic"))
    assert "line 3: frame 'confict' is not in the frame set (did you mean 'conflict'?)" in str(error.value)
    assert "line 4: frames not coded" in str(error.value)


def test_rows_the_table_lacks_are_named_and_a_sheet_without_inclusion_is_a_random_sample_per_outlet():
    table = small_table()
    sheet = fill(coding_sheet(table, n=40, by=("outlet",)), table)
    stray = sheet.iloc[:2].assign(story_id=["elsewhere", "nowhere"])
    with pytest.warns(InputWarning, match=r"2 of its 42 rows are not sentences of the table \(stories: elsewhere, nowhere\)"):
        sample = read_coding_sheet(pd.concat([sheet, stray], ignore_index=True), table)
    assert len(sample.rows) == 40
    handmade = sheet.drop(columns=["inclusion", "stratum"])
    with pytest.warns(InputWarning, match="no inclusion column: read as a simple random sample"):
        sample = read_coding_sheet(handmade, table)
    assert (sample.rows["inclusion"] == 40 / 60).all() and (sample.rows["stratum"] == "outlet=Gazette").all()


def test_the_corrected_share_is_the_program_share_plus_the_weighted_coded_differences():
    table = small_table()
    sheet = fill(coding_sheet(table, n=40, by=("outlet",), seed=3), table)
    result = estimate(table, sheet, measures=("source_type_share",))
    assert list(result.columns) == list(COLUMNS)
    result = result.set_index("category")
    coded = sheet.merge(table[["story_id", "start", "source_type"]].rename(columns={"source_type": "program"}), on=["story_id", "start"])
    for category in ("public", "official", "narrator"):
        program = (table["source_type"] == category).mean()
        difference = ((coded["source_type"] == category).astype(int) - (coded["program"] == category).astype(int)).sum() * (60 / 40)
        assert result.loc[category, "naive"] == pytest.approx(program)
        assert result.loc[category, "estimate"] == pytest.approx(program + difference / 60)
        assert result.loc[category, "low"] < result.loc[category, "estimate"] < result.loc[category, "high"]
    assert result.loc["public", "method"] == CORRECTED
    assert result.loc["public", "coded"] == 40 and result.loc["public", "sentences"] == 60


def test_without_a_sheet_the_naive_interval_is_statsmodels_cluster_robust_interval():
    import statsmodels.api as sm

    table = synthetic_corpus(stories=12)
    result = estimate(table, None, measures=("source_type_share",)).set_index("category")
    official = (table["source_type"] == "official").astype(float).to_numpy()
    fit = sm.OLS(official, np.ones((len(official), 1))).fit(cov_type="cluster", cov_kwds={"groups": pd.factorize(table["story_id"])[0]}, use_t=True)
    low, high = fit.conf_int(0.05)[0]
    assert result.loc["official", "estimate"] == pytest.approx(official.mean())
    assert (result.loc["official", "low"], result.loc["official", "high"]) == (pytest.approx(low), pytest.approx(high))
    assert result.loc["official", "method"].startswith("uncorrected")


def test_a_group_with_too_few_coded_rows_gets_no_corrected_estimate_and_a_reason():
    table = synthetic_corpus(stories=10)
    sheet = fill(coding_sheet(table, n=MIN_CODED + 10, by=("outlet",), seed=1), table)
    sheet = sheet[~((sheet["outlet"] == "B") & (sheet.index % 2 == 0))]
    result = estimate(table, sheet, by="outlet", measures=("source_type_share",))
    outlet_b = result[result["group"] == "B"]
    assert outlet_b["estimate"].isna().all()
    assert outlet_b["method"].str.fullmatch(r"none: only \d+ coded sentence\(s\) in this group \(need 30\)").all()
    assert result[result["group"] == "all"]["estimate"].notna().any()
    tone = estimate(table, sheet, measures=("vader_by_source_type",)).set_index("category")
    assert tone.loc["other_media", "method"].startswith("none: only") and "of this type by hand (need 10)" in tone.loc["other_media", "method"]
    frames = estimate(table, sheet, measures=("frame_share",), frames=("conflict",))
    assert frames["method"].iloc[0] == "none: the sheet codes no frames (fill its frames column to correct frame shares)"


def test_oversampling_a_type_by_its_recorded_probability_leaves_the_estimate_unbiased():
    table = synthetic_corpus(stories=30, seed=4)
    truth = (table["truth"] == "public").mean()
    weighted, unweighted = [], []
    for draw in range(120):
        sheet = fill(coding_sheet(table, n=150, by=("source_type",), seed=draw), table)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", InputWarning)
            weighted.append(estimate(table, sheet, measures=("source_type_share",)).set_index("category").loc["public", "estimate"])
            ignored = estimate(table, sheet.drop(columns=["inclusion", "stratum"]).assign(outlet="all"), measures=("source_type_share",))
        unweighted.append(ignored.set_index("category").loc["public", "estimate"])
    spread = np.std(weighted) / np.sqrt(len(weighted))
    assert abs(np.mean(weighted) - truth) < 3 * spread
    assert abs(np.mean(unweighted) - truth) > 3 * spread


def test_corrected_intervals_cover_the_true_shares_of_every_type_and_outlet():
    """500 draws of 200 coded sentences (100 per outlet) from a corpus of 2 outlets whose
    automatic coder is right for about 0.7 of sentences and errs differently in each:
    the corrected 95% intervals must cover the true shares at least 93% of the time for
    every type and outlet; the naive intervals' coverage is printed beside them."""
    table = synthetic_corpus(seed=0)
    groups = [("all", table)] + list(table.groupby("outlet"))
    truth = {(group, category): (part["truth"] == category).mean() for group, part in groups for category in TYPES}
    accuracy = (table["truth"] == table["source_type"].astype(str)).mean()
    assert 0.65 < accuracy < 0.75
    naive = estimate(table, None, by="outlet", measures=("source_type_share",)).set_index(["group", "category"])
    hits, given, draws = {}, {}, 500
    for draw in range(draws):
        sheet = fill(coding_sheet(table, n=200, by=("outlet",), seed=draw), table)
        for row in estimate(table, sheet, by="outlet", measures=("source_type_share",)).itertuples():
            key = (row.group, row.category)
            if np.isfinite(row.estimate):
                given[key] = given.get(key, 0) + 1
                hits[key] = hits.get(key, 0) + (row.low <= truth[key] <= row.high)
    report = []
    for key in truth:
        naive_covers = naive.loc[key, "low"] <= truth[key] <= naive.loc[key, "high"]
        report.append(f"{key}: truth {truth[key]:.3f}, corrected coverage {hits.get(key, 0) / max(given.get(key, 0), 1):.3f} "
                      f"in {given.get(key, 0)} draws, naive {naive.loc[key, 'estimate']:.3f} covers: {naive_covers}")
    print("\n".join(report))
    for key, count in given.items():
        assert hits[key] / count >= 0.93, report
    common = [key for key in truth if truth[key] > 0.05]
    assert all(given.get(key, 0) >= 0.98 * draws for key in common)
    assert not naive.loc[("A", "official"), "low"] <= truth[("A", "official")] <= naive.loc[("A", "official"), "high"]


def test_a_plan_asks_for_more_coding_for_narrower_intervals_and_says_when_stories_alone_are_too_varied():
    table = synthetic_corpus(stories=40)
    wide, narrow = plan_sample(table, 0.10, error_rate=0.3), plan_sample(table, 0.05, error_rate=0.3)
    assert list(wide["group"]) == ["A", "B"]
    assert (narrow["to_code"] > wide["to_code"]).all()
    assert (wide["to_code"] >= MIN_CODED).all() and (narrow["to_code"] <= narrow["sentences"]).all()
    impossible = plan_sample(table, 0.01, error_rate=0.3)
    assert impossible["to_code"].isna().all() and impossible["note"].str.contains("the stories alone vary by").all()
