"""Every notebook on a corpus the test writes itself (84 stories, 6 outlets, 6 weeks) with
a coding sheet of 240 of its sentences, run as `make report` runs it: every page and
chart is written, the corrected estimates are drawn beside the program's, no page shows
a warning or a stray output, every chart fits, and no text of a chart overlaps another.
The same checks on the charts of a 1,000-story table."""

import matplotlib
import numpy as np
import pandas as pd
import pytest
from matplotlib.image import imread

from analysis.report.estimates import estimate
from analysis import current_run, read_table
from analysis.report import plot, summarise
from analysis.measures.frames import load_vocabulary
from analysis.report.notebooks import make_report
from conftest import write_news_corpus

pytestmark = [pytest.mark.notebooks, pytest.mark.xdist_group("scaling report")]

matplotlib.use("Agg")
MAX_PIXELS = 2400


@pytest.fixture(scope="module")
def report(tmp_path_factory, coded_news):
    """The run of the generated corpus with its coding sheet after `make report`."""
    root = tmp_path_factory.mktemp("scaling")
    corpus, sheet = coded_news
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("ANALYSIS_RUNS_DIR", str(root / "runs"))
        run = current_run(str(corpus), None, "generated", coding=str(sheet))
        make_report(run)
    return run


def test_with_a_coding_sheet_the_report_draws_corrected_estimates_beside_the_programs(report):
    corrected = pd.read_csv(report.figures / "01_source_type_shares_corrected.csv").set_index("category")
    assert corrected["method"].str.startswith("DSL").any()
    assert corrected.loc["official", "estimate"] < corrected.loc["official", "naive"]
    assert (report.figures / "02_vader_by_source_corrected.png").exists()
    accuracy = pd.read_csv(report.figures / "05_accuracy_by_outlet.csv").set_index("group")
    assert accuracy.loc["daily tide", "accuracy_coded"] < 1 and accuracy.loc["harbour gazette", "accuracy_coded"] == 1
    by_outlet = pd.read_csv(report.figures / "06_source_types_by_outlet_corrected.csv")
    tide = by_outlet[(by_outlet["group"] == "daily tide") & (by_outlet["category"] == "official")].iloc[0]
    assert tide["method"].startswith("DSL") and tide["estimate"] < tide["naive"]


def test_the_pages_carry_no_warnings_or_stray_outputs(report):
    for page in sorted(report.reports.glob("0*.html")):
        html = page.read_text(encoding="utf-8")
        assert 'data-mime-type="application/vnd.jupyter.stderr"' not in html and "Warning:" not in html, page.name
        assert "PosixPath(" not in html, page.name
    assert "240 sentences of sheet.csv matched to the table" in (report.reports / "05_validation.html").read_text(encoding="utf-8")


def test_the_report_writes_every_page_and_the_outlet_and_time_charts_into_the_runs_folder(report):
    assert sorted(path.name for path in report.reports.glob("*.html")) == [
        "00_sentence_table.html", "01_who_speaks.html", "02_sentiment_by_source.html", "03_framing_and_stance.html",
        "04_reading_the_coding.html", "05_validation.html", "06_outlets_and_time.html", "coded_stories.html",
    ]
    for name in ("06_source_types_by_outlet", "06_sentiment_by_outlet_and_source", "06_frames_by_outlet",
                 "06_source_types_over_time", "06_sentiment_over_time", "06_top_speakers_by_outlet", "06_stance_by_outlet"):
        assert (report.figures / f"{name}.png").exists() and (report.figures / f"{name}.csv").exists()
    by_outlet = pd.read_csv(report.figures / "06_source_types_by_outlet.csv")
    assert by_outlet["outlet"].nunique() == 6 and by_outlet["sentences"].sum() > 400
    over_time = pd.read_csv(report.figures / "06_sentiment_over_time.csv")
    assert len(over_time) == 6 and (over_time["stories"] > 1).all()


def test_every_saved_chart_is_at_most_2400_pixels_a_side(report):
    sizes = {path.name: imread(path).shape[:2] for path in report.figures.glob("*.png")}
    assert len(sizes) >= 18
    assert {name: size for name, size in sizes.items() if max(size) > MAX_PIXELS} == {}


def text_boxes(figure):
    """The drawn text of ``figure`` that must not overlap: titles, axis labels, tick
    labels, legend entries and annotations, with their window extents."""
    figure.canvas.draw()
    renderer = figure.canvas.get_renderer()
    texts = list(figure.texts)  # the suptitle is one of them
    for ax in figure.axes:
        texts += [ax.title, ax._left_title, ax._right_title, ax.xaxis.label, ax.yaxis.label]
        texts += _drawn(ax.get_xticklabels(), ax.get_xlim(), 0) + _drawn(ax.get_yticklabels(), ax.get_ylim(), 1) + list(ax.texts)
        if ax.get_legend():
            texts += ax.get_legend().get_texts()
    return [(text.get_text(), text.get_window_extent(renderer)) for text in texts if text.get_visible() and text.get_text().strip()]


def _drawn(labels, limits, axis: int) -> list:
    """The tick labels matplotlib draws: those of ticks within the axis's view limits."""
    low, high = sorted(limits)
    return [label for label in labels if low - 1e-9 <= label.get_position()[axis] <= high + 1e-9]


def overlaps(figure) -> list[tuple[str, str]]:
    """Pairs of texts of ``figure`` whose boxes overlap by more than a pixel."""
    boxes = text_boxes(figure)
    found = []
    for i, (first, a) in enumerate(boxes):
        for second, b in boxes[i + 1 :]:
            if min(a.x1, b.x1) - max(a.x0, b.x0) > 1 and min(a.y1, b.y1) - max(a.y0, b.y0) > 1:
                found.append((first, second))
    return found


def charts(table: pd.DataFrame) -> dict:
    """The notebooks' charts that grow with the corpus, drawn from ``table``."""
    pooled = summarise.pool_stories(table, top=20)
    dated, unit = summarise.with_period(table)
    vocabulary = load_vocabulary()
    frames = list(vocabulary.frames)
    by_story = summarise.frame_shares(pooled, "story_id", frames)
    values = by_story.pivot(index="story_id", columns="frame", values="share").reindex(index=summarise.story_order(pooled), columns=frames)
    by_outlet = summarise.frame_shares(table, "outlet", frames)
    outlet_values = by_outlet.pivot(index="outlet", columns="frame", values="share").reindex(columns=frames)
    periods = summarise.all_periods(dated, unit)
    note = summarise.time_note(summarise.time_coverage(dated, unit), unit)
    return {
        "shares by story": plot.source_type_shares(summarise.source_type_summary(pooled)),
        "positions": plot.positions(table),
        "tone by story": plot.means_with_intervals(pooled, summarise.mean_ci(pooled, "vader", "story_id"), "vader", "story_id", "How positive is each story?", "VADER"),
        "frames by story": plot.heatmap(values * 100, (values * 100).round(0).astype(int).astype(str), "Which frames does each story use?",
                                        "Share of the story's sentences with a frame", "Frame", "Story", "Sentences with the frame (%)"),
        "frames by outlet": plot.heatmap(outlet_values * 100, (outlet_values * 100).round(0).astype(int).astype(str), "Which frames does each outlet use?",
                                         "Share of the outlet's sentences with a frame", "Frame", "Outlet", "Sentences with the frame (%)"),
        "shares by outlet": plot.group_shares(summarise.shares_by(table, "outlet"), "outlet", "Whose voices does each outlet carry?", "outlet"),
        "shares over time": plot.shares_over_time(summarise.shares_by(dated, "period"), periods, unit, f"Whose voices, {unit} by {unit}?", note),
        "tone over time": plot.means_over_time(summarise.mean_ci(dated, "vader", "period"), periods, unit, "How positive?", "VADER", note),
        "tone by outlet and type": plot.grid_heatmap(summarise.mean_ci(table, "vader", ["outlet", "source_type"]), "outlet", "source_type", "mean",
                                                     "How positively does each source speak in each outlet?", "Mean VADER", "Source type",
                                                     "Outlet", "Mean VADER", cmap="RdBu", limits=(-1, 1)),
        "shares corrected": plot.estimates(estimate(table, None, by="outlet", measures=("source_type_share",)),
                                           "Whose voices does each outlet carry?", "Share of the sentences (%)", accuracy_note="Typed right elsewhere: 0.7."),
        "top speakers": plot.top_speakers(summarise.top_speakers(table, "outlet"), "outlet", "Who is quoted most in each outlet?"),
    }


def check(figures: dict, tmp_path) -> None:
    """Each figure fits in 2,400 pixels a side when saved, has no overlapping text, and
    its title sits above its subtitle."""
    for name, figure in figures.items():
        assert figure is not None, name
        png = plot.save(figure, None, name.replace(" ", "_"), tmp_path)
        assert max(imread(png).shape[:2]) <= MAX_PIXELS, name
        assert overlaps(figure) == [], name
        renderer = figure.canvas.get_renderer()
        if figure._suptitle:
            title = figure._suptitle.get_window_extent(renderer)
            subtitle = figure.axes[0].title.get_window_extent(renderer) if figure.axes[0].get_title() else figure.axes[0]._left_title.get_window_extent(renderer)
        else:
            title, subtitle = (text.get_window_extent(renderer) for text in figure.texts[:2])  # _figure_title's two texts
        assert title.y0 >= subtitle.y1, name
        assert all(title.y0 >= ax.get_window_extent(renderer).y1 for ax in figure.axes), name
        matplotlib.pyplot.close(figure)


def test_the_charts_of_the_generated_corpus_fit_and_do_not_overlap(report, tmp_path):
    check(charts(read_table(report.table)), tmp_path)


def test_the_same_charts_at_1000_stories(report, tmp_path):
    table = read_table(report.table)
    rng = np.random.default_rng(0)
    copies = []
    for copy in range(12):
        part = table.copy()
        part["story_id"] = part["story_id"] + f"-{copy}"
        part["title"] = part["title"] + f" ({copy})"
        part["date"] = part["date"] + pd.to_timedelta(int(rng.integers(0, 200)), unit="D")
        copies.append(part)
    big = pd.concat(copies, ignore_index=True)
    big = big[big["story_id"].isin(pd.unique(big["story_id"])[:1000])]
    assert big["story_id"].nunique() == 1000
    check(charts(big), tmp_path)
