"""Summaries and charts, checked on a small table made by hand."""

import math

import matplotlib
import numpy as np
import pandas as pd
import pytest

from analysis.report import plot, summarise
from analysis.report.annotate import coding_html, legend_html, story_html, write_coding_page
from analysis.table.tabulate import apply_dtypes

matplotlib.use("Agg")


@pytest.fixture()
def table() -> pd.DataFrame:
    rows = [
        # story, paragraph, sentence, position, text, heading, speaker, type, cue, quote, polarity, vader, frames, targets, contrast
        ("A", 1, 1, 0.0, "The port reopened.", False, None, "narrator", None, "none", 0.0, 0.0, "", "", None),
        ("A", 1, 2, 1 / 3, '"It is good," Li said.', False, "Li Wei", "analyst", "said", "direct", 0.5, 0.9, "cooperation", "China", None),
        ("A", 2, 3, 2 / 3, "Li told the Daily that trade grew.", False, "Li Wei", "analyst", "told", "indirect", 0.1, 0.2, "cooperation;development", "China;United States", None),
        ("A", 3, 4, 1.0, "A new start", True, None, None, None, "none", 0.0, 0.0, "", "", None),
        ("B", 1, 1, 0.0, "Unlike others, the minister said the talks failed.", False, "minister", "official", "said", "indirect", -0.5, -0.4, "", "United States", "unlike"),
        ("B", 1, 2, 1.0, "Rain fell.", False, None, "narrator", None, "none", 0.2, 0.3, "development", "", None),
    ]
    columns = ["story_id", "paragraph", "sentence_id", "position", "text", "is_heading", "speaker", "source_type", "cue",
               "quote", "polarity", "vader", "frames", "targets", "contrast"]
    frame = pd.DataFrame(rows, columns=columns)
    frame["doc"] = frame["story_id"]
    frame["outlet"] = "Daily"
    frame["title"] = frame["date"] = ""
    frame["descriptor"] = frame["speaker"]
    frame["subjectivity"] = frame["polarity"].abs()
    frame["start"] = frame["end"] = 0
    frame["rule"] = np.where(frame["speaker"].notna(), "forward", np.where(frame["is_heading"], "heading", "narrator"))
    return apply_dtypes(frame)


def test_source_type_summary_counts_and_shares(table):
    summary = summarise.source_type_summary(table)
    a = summary[summary["story_id"] == "A"].set_index("source_type")
    assert a.loc["analyst", "sentences"] == 2 and a.loc["narrator", "sentences"] == 1
    assert math.isclose(a.loc["analyst", "share"], 2 / 3)
    assert math.isclose(a.loc["analyst", "mean_polarity"], 0.3)
    assert a.loc["official", "sentences"] == 0 and math.isnan(a.loc["official", "mean_polarity"])
    assert summary["story_id"].unique().tolist() == ["A", "B"]


def test_speakers_table(table):
    speakers = summarise.speakers_table(table)
    assert speakers[["story_id", "speaker", "source_type", "sentences", "first_sentence"]].values.tolist() == [
        ["A", "Li Wei", "analyst", 2, 2],
        ["B", "minister", "official", 1, 1],
    ]


def test_bootstrap_interval_bounds():
    assert summarise.bootstrap_ci([0.5, 0.1]) == pytest.approx((0.1, 0.5))
    low, high = summarise.bootstrap_ci(np.arange(100))
    assert low < 49.5 < high and 9 < high - low < 13
    assert summarise.bootstrap_ci([0.4]) == (0.4, 0.4)
    assert all(math.isnan(bound) for bound in summarise.bootstrap_ci([]))


def test_mean_ci_by_source_type(table):
    means = summarise.mean_ci(table, "polarity", "source_type").set_index("source_type")
    assert means.loc["analyst", ["n", "stories"]].tolist() == [2, 1]
    assert means.loc["analyst", "mean"] == pytest.approx(0.3)
    # the interval resamples stories, not sentences: one story gives no interval
    assert (means.loc["analyst", "ci_low"], means.loc["analyst", "ci_high"]) == pytest.approx((0.3, 0.3))
    assert means.loc["narrator", ["n", "stories"]].tolist() == [2, 2] and means.loc["narrator", "mean"] == pytest.approx(0.1)
    assert (means.loc["narrator", "ci_low"], means.loc["narrator", "ci_high"]) == pytest.approx((0.0, 0.2))
    assert "heading" not in means.index and len(means) == 3


def test_quote_kinds(table):
    kinds = summarise.quote_kinds(table).set_index("source_type")
    assert kinds.loc["analyst", ["direct", "indirect"]].tolist() == [1, 1]
    assert kinds.loc["official", ["direct", "indirect"]].tolist() == [0, 1]
    assert kinds.loc["analyst", "share_direct"] == 0.5
    assert "narrator" not in kinds.index


def test_cue_counts_keep_telling_the_outlet_apart(table):
    counts = summarise.cue_counts(table)
    assert counts["total"].to_dict() == {"say": 2, "tell Daily": 1}
    assert counts.loc["say", "official"] == 1 and counts.loc["say", "analyst"] == 1
    assert summarise.cue_category("has said", "X has said it.", "Daily") == "say"
    assert summarise.cue_category("told", "He told reporters.", "Daily") == "tell"


def test_lexicon_agreement_and_disagreements(table):
    coded = table[~table["is_heading"]]
    agreement = summarise.lexicon_agreement(table)
    assert agreement["n"] == 5
    assert agreement["pearson"] == pytest.approx(coded["polarity"].corr(coded["vader"]))
    worst = summarise.lexicon_disagreements(table, top=1)
    assert worst["text"].tolist() == ['"It is good," Li said.']
    assert worst["difference"].tolist() == pytest.approx([0.4])


def test_extreme_sentences(table):
    extremes = summarise.extreme_sentences(table, score="vader", top=1)
    analyst = extremes[extremes["source_type"] == "analyst"].set_index("end")
    assert analyst.loc["most positive", "vader"] == 0.9
    assert analyst.loc["most negative", "vader"] == 0.2


def test_frame_shares_stance_and_contrast(table):
    shares = summarise.frame_shares(table, "story_id", ["cooperation", "development"]).set_index(["story_id", "frame"])
    assert shares.loc[("A", "cooperation"), ["sentences", "with_frame"]].tolist() == [3, 2]
    assert shares.loc[("A", "cooperation"), "share"] == pytest.approx(2 / 3)
    assert shares.loc[("B", "development"), "with_frame"] == 1
    stance = summarise.stance_by_target(table, score="vader").set_index(["target", "source_type"])
    assert stance.loc[("China", "analyst"), "n"] == 2
    assert stance.loc[("China", "analyst"), "mean"] == pytest.approx(0.55)
    assert stance.loc[("United States", "official"), "mean"] == pytest.approx(-0.4)
    assert summarise.contrast_sentences(table)["contrast"].tolist() == ["unlike"]


def test_target_shares_keep_only_the_targets_mentioned(table):
    shares = summarise.target_shares(table, "story_id", ["Russia", "China", "United States"])
    assert shares["target"].unique().tolist() == ["China", "United States"]
    assert shares.columns.tolist() == ["story_id", "target", "sentences", "stories", "with_target", "share"]
    a = shares.set_index(["story_id", "target"])
    assert a.loc[("A", "China"), ["sentences", "with_target"]].tolist() == [3, 2]
    assert a.loc[("B", "United States"), "share"] == pytest.approx(1 / 2)


def test_frame_examples_give_each_frame_its_first_sentences_and_cues(table):
    class Cue:
        def __init__(self, frame, text):
            self.frame, self.text, self.cue = frame, text, text.lower()

    class Vocabulary:
        def frame_cues_in(self, text, source_type):
            return [Cue("cooperation", "good")] if "good" in text else [Cue("development", "trade"), Cue("cooperation", "trade")]

    examples = summarise.frame_examples(table, Vocabulary(), per_frame=1)
    assert examples.columns.tolist() == ["frame", "cues", "source_type", "speaker", "text"]
    assert examples[["frame", "cues", "text"]].values.tolist() == [
        ["cooperation", "good (good)", '"It is good," Li said.'],
        ["development", "trade (trade)", "Li told the Daily that trade grew."],
    ]


def test_story_overview_counts_headings_furniture_and_sentences(table):
    table = table.assign(is_boilerplate=[False, False, False, False, False, True], title=["T", "T", "T", "T", "U", "U"])
    overview = summarise.story_overview(table)
    assert overview.index.tolist() == ["A", "B"]
    assert overview[["title", "headings", "furniture", "sentences"]].values.tolist() == [["T", 1, 0, 3], ["U", 0, 1, 1]]


def test_confusion_table_and_chart_leave_out_unused_types():
    matrix = pd.DataFrame([[3, 1, 0], [0, 2, 0], [0, 0, 0]], index=["official", "analyst", "public"], columns=["official", "analyst", "public"])
    named = plot.confusion_table(matrix)
    assert named.index.tolist() == [plot.label("official"), plot.label("analyst")]
    assert named.columns.tolist() == [plot.label("official"), plot.label("analyst")]
    figure = plot.confusion(matrix, "Does it agree?", "n = 6")
    texts = sorted(t.get_text() for t in figure.axes[0].texts)
    assert texts == ["0", "1", "2", "3"]
    assert figure.get_suptitle() == "Does it agree?"


def test_source_type_shares_chart(table, capsys):
    figure = plot.source_type_shares(summarise.source_type_summary(table))
    ax = figure.axes[0]
    rows = {t.get_text(): y for t, y in zip(ax.get_yticklabels(), ax.get_yticks())}
    assert set(rows) == {"A (n=3)", "B (n=2)"} and rows["A (n=3)"] > rows["B (n=2)"]
    widths = sorted(round(p.get_width(), 1) for p in ax.patches if p.get_width() > 0)
    assert widths == sorted([33.3, 66.7, 50.0, 50.0])
    assert figure.get_suptitle() == "Whose voices carry each story?"
    assert ax.get_title(loc="left").startswith("Sentences by source type")
    empty = summarise.source_type_summary(table[table["is_heading"]])
    assert plot.source_type_shares(empty) is None
    assert "Too little data" in capsys.readouterr().out


def test_mean_chart_draws_the_interval(table):
    means = summarise.mean_ci(table, "polarity", "source_type")
    figure = plot.means_with_intervals(table, means, "polarity", "source_type", "T", "x")
    lines = [line.get_xdata().tolist() for line in figure.axes[0].lines if len(line.get_xdata()) == 2 and line.get_linestyle() == "-"]
    assert [pytest.approx(0.0), pytest.approx(0.2)] in lines
    labels = [t.get_text() for t in figure.axes[0].get_yticklabels()]
    assert "Analysts and experts (n=2)" in labels


def test_charts_say_when_there_is_too_little_data(table, capsys):
    one = table.iloc[[0]]
    assert plot.lexicon_scatter(one, summarise.lexicon_agreement(one)) is None
    assert plot.means_with_intervals(one, summarise.mean_ci(one, "vader", "source_type"), "vader", "source_type", "T", "x") is None
    assert plot.quote_kinds(summarise.quote_kinds(one)) is None
    assert plot.count_bars(pd.Series(dtype=int), "T", "s", "x") is None
    assert capsys.readouterr().out.count("Too little data") == 4


def test_quote_and_cue_charts_and_heatmap(table, tmp_path):
    kinds = summarise.quote_kinds(table)
    figure = plot.quote_kinds(kinds)
    assert sorted(p.get_width() for p in figure.axes[0].patches) == [0, 1, 1, 1]
    cues = summarise.cue_counts(table)
    cue_axes = plot.cue_chart(cues).axes[0]
    rows = {t.get_text(): y for t, y in zip(cue_axes.get_yticklabels(), cue_axes.get_yticks())}
    assert rows["say"] > rows["tell Daily"]
    values = pd.DataFrame([[10.0, 90.0]], index=["row"], columns=["a", "b"])
    notes = pd.DataFrame([["10%", "90%"]], index=["row"], columns=["a", "b"])
    heat = plot.heatmap(values, notes, "T", "s", "x", "y", "c", limits=(0, 100))
    assert [t.get_text() for t in heat.axes[0].texts if t.get_text() in ("10%", "90%")] == ["10%", "90%"]
    png = plot.save(heat, values, "test_chart", tmp_path)
    assert png.exists() and (tmp_path / "test_chart.csv").read_text().startswith("a,b")
    assert plot.save(None, values, "nothing", tmp_path) is None


def test_palette_covers_every_type_once():
    assert set(plot.PALETTE) == set(summarise.SOURCE_TYPES)
    assert len(set(plot.PALETTE.values())) == len(plot.PALETTE)


def test_annotated_story_html(table):
    html = story_html(table, "A")
    assert html.count('class="s"') == 3 and html.count('class="heading"') == 1
    assert "Speaker: Li Wei" in html and "Cue: said (direct quotation" in html
    assert "&quot;It is good,&quot; Li said." in html
    assert html.count("<p>") == 3
    assert legend_html().count("<span") == 11
    assert coding_html(table).count('class="coding-story"') == 2
    with pytest.raises(ValueError):
        story_html(table, "missing")


def test_periods_run_in_time_order_and_other_groups_in_their_own(table):
    dated = table.assign(date=pd.to_datetime(np.where(table["story_id"] == "A", "2024-03-20", "2024-03-04")))
    dated, unit = summarise.with_period(dated)
    assert unit == "week"
    means = summarise.mean_ci(dated, "polarity", "period")
    figure = plot.means_with_intervals(dated, means, "polarity", "period", "T", "x")
    rows = {t.get_text(): y for t, y in zip(figure.axes[0].get_yticklabels(), figure.axes[0].get_yticks())}
    assert set(rows) == {"2024-03-04 (n=2)", "2024-03-18 (n=3)"}
    assert rows["2024-03-04 (n=2)"] > rows["2024-03-18 (n=3)"]  # the earliest on top


def test_the_coded_stories_page_has_contents_filters_and_tooltips_that_work_on_touch(table, tmp_path):
    page = tmp_path / "coded.html"
    write_coding_page(table.assign(outlet=np.where(table["story_id"] == "A", "Daily", "Weekly")), page)
    html = page.read_text(encoding="utf-8")
    assert html.count('<li><a href="#story-') == 2 and 'id="story-A"' in html
    assert '<option value="Daily">Daily</option><option value="Weekly">Weekly</option>' in html
    assert html.count('<option value="') == 2 + 2 + 9  # "all" twice, two outlets, nine types
    assert 'data-tip="Source type: Analysts and experts\nSpeaker: Li Wei' in html
    assert "title=" not in html and html.count('tabindex="0"') == 6


def test_rows_of_few_sentences_are_greyed_in_a_heat_map():
    values = pd.DataFrame([[10.0, 20.0], [30.0, 40.0]], index=["big (n=12)", "small (n=2)"], columns=["a", "b"])
    figure = plot.heatmap(values, values.astype(str), "T", "s", "x", "y", "c", hidden=plot.hidden_rows([12, 2], 2, 5))
    shown = figure.axes[0].images[0].get_array()
    assert shown.mask.tolist() == [[False, False], [True, True]]


def dated_table(dates: dict[str, str], outlets: dict[str, str]) -> pd.DataFrame:
    """A table of one-sentence stories with the given dates and outlets."""
    rows = [{"story_id": story, "date": date, "outlet": outlets[story], "text": "Rain fell.", "is_heading": False,
             "source_type": "narrator", "vader": 0.1} for story, date in dates.items()]
    return apply_dtypes(pd.DataFrame(rows))


def test_a_two_year_gap_is_drawn_as_empty_months_and_undated_stories_are_noted():
    table = dated_table({"a": "2020-11-03", "b": "2020-11-20", "c": "2023-01-09", "d": ""}, {"a": "X", "b": "Y", "c": "X", "d": "Y"})
    table, unit = summarise.with_period(table)
    periods = summarise.all_periods(table, unit)
    assert unit == "month" and len(periods) == 27 and periods[0] == pd.Timestamp("2020-11-01") and periods[-1] == pd.Timestamp("2023-01-01")
    coverage = summarise.time_coverage(table, unit)
    assert (coverage["undated"], coverage["empty"], coverage["one_outlet_per_period"]) == (1, 25, False)
    note = summarise.time_note(coverage, unit)
    assert note == "1 of 4 stories have no date and are left out; 25 of 27 months have no story."
    figure = plot.shares_over_time(summarise.shares_by(table, "period"), periods, unit, "Over time?", note)
    lines = [line for line in figure.axes[0].get_lines() if line.get_label() == plot.label("narrator")]
    assert len(lines[0].get_xdata()) == 27 and np.isnan(lines[0].get_ydata()[1:26].astype(float)).all()


def test_periods_that_coincide_with_outlets_are_flagged():
    table = dated_table({"a": "2021-01-04", "b": "2021-01-05", "c": "2021-03-01"}, {"a": "X", "b": "X", "c": "Y"})
    table, unit = summarise.with_period(table)
    coverage = summarise.time_coverage(table, unit)
    assert coverage["one_outlet_per_period"]
    assert "CAUTION: every week holds stories of one outlet only" in summarise.time_note(coverage, unit)


def test_a_heat_map_cell_from_one_story_is_grey_with_its_story_count():
    cells = pd.DataFrame({"outlet": ["X", "X", "Y"], "target": ["Taiwan", "Japan", "Taiwan"], "n": [15, 6, 9],
                          "stories": [1, 4, 3], "mean": [0.153, -0.2, 0.4]})
    figure = plot.grid_heatmap(cells, "outlet", "target", "mean", "Stance?", "Mean stance", "Target", "Outlet", "Mean",
                               count_name="mentions", min_count=3, cmap="RdBu", limits=(-1, 1))
    notes = {text.get_text() for text in figure.axes[0].texts}
    assert "n=15\n1 story" in notes and "-0.20\nn=6" in notes and "0.40\nn=9" in notes
    shown = figure.axes[0].images[0].get_array()
    assert np.ma.is_masked(shown[0, 0]) or np.isnan(shown[0, 0])
    assert plot.grid(cells, "outlet", "target", "mean").loc["X", "Taiwan"] == 0.153


def test_top_speakers_are_names_and_the_rest_is_counted_apart():
    rows = [("s1", "Tony Blair", "official"), ("s1", "Tony Blair", "official"), ("s2", "Many Europeans", "public"),
            ("s2", "she", "official"), ("s3", "Chinese", "official"), ("s3", "a spokesman", "business")]
    table = apply_dtypes(pd.DataFrame([{"story_id": s, "speaker": who, "source_type": kind, "outlet": "X", "text": "x", "is_heading": False}
                                       for s, who, kind in rows]))
    assert summarise.top_speakers(table, "outlet")["speaker"].tolist() == ["Tony Blair"]
    left_out = summarise.unnamed_speakers(table, "outlet").set_index("kind")["sentences"].to_dict()
    assert left_out == {"description": 1, "group": 1, "nationality": 1, "pronoun": 1}
    assert [summarise.speaker_kind(name) for name in ("US", "The Washington Post", "Chinese officials and experts")] == ["name", "name", "group"]


def test_a_story_mean_is_bootstrapped_over_its_sentences_and_a_pooled_row_over_its_stories(table):
    means = summarise.mean_ci(table, "vader", "story_id").set_index("story_id")
    assert means.loc["A", "ci_low"] < means.loc["A", "mean"] < means.loc["A", "ci_high"]
    pooled = summarise.pool_stories(table, top=0)
    assert pooled["story_id"].unique().tolist() == ["all 2 other stories"] and set(pooled["pooled_from"]) == {"A", "B"}
    row = summarise.mean_ci(pooled, "vader", "story_id").iloc[0]
    assert row["stories"] == 2 and row["n"] == 5
