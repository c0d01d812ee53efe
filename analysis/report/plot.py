"""Charts for the notebooks, one colour per source type in all of them.

Every function takes a summary from ``summarise.py`` (or the sentence table) and returns
a matplotlib Figure, or None after printing why when there is too little data to chart.
``save`` writes a figure as PNG beside a CSV of the data it plots.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.colors import to_rgba

from ..datafiles import atomic_output, write_csv
from ..coding.sourcetypes import SOURCE_TYPES, load_codebook
from .summarise import coded_sentences, story_labels, story_order

PALETTE = {
    "official": "#0072B2",
    "analyst": "#009E73",
    "western_media": "#D55E00",
    "other_media": "#E69F00",
    "business": "#CC79A7",
    "civil_society": "#56B4E9",
    "public": "#A6761D",
    "unclassified": "#CFCFCF",
    "narrator": "#8C8C8C",
}
FIGURE_WIDTH = 9.0
MAX_HEIGHT = 15.0


def _label_colour(background: str) -> str:
    """White on a dark bar, near-black on a light one (the grey of unclassified)."""
    red, green, blue = (int(background[i : i + 2], 16) for i in (1, 3, 5))
    return "#222222" if 0.299 * red + 0.587 * green + 0.114 * blue > 160 else "white"


def label(source_type: str) -> str:
    """Return the readable name of a source type from the codebook ("Officials")."""
    return load_codebook().definitions.get(source_type, {}).get("label", source_type)


def too_little(chart: str, need: str, got: str) -> None:
    """Say that a chart is not drawn, and why; return None for the caller to return."""
    print(f"Too little data for the chart '{chart}': it needs {need}, and there {got}.")


def _title(ax, title: str, subtitle: str) -> None:
    """Set a chart's title (the question), in figure coordinates at the top, and under it
    its subtitle (what is plotted, n) as the axes' title; both are wrapped to the figure's
    width, so that neither runs into the other or into a colour bar."""
    fig = ax.figure
    width = fig.get_figwidth()
    fig.suptitle(textwrap.fill(title, int(width * 72 / (13 * 0.58))), x=0.01, ha="left", fontsize=13, fontweight="bold")
    ax.set_title(textwrap.fill(subtitle, int(width * 0.75 * 72 / (9.5 * 0.55))), loc="left", fontsize=9.5, color="#444444", pad=8)


def _finish(fig) -> plt.Figure:
    """Lay the figure out and return it."""
    fig.tight_layout()
    return fig


def _height(rows: int, per_row: float = 0.55, base: float = 1.6) -> float:
    """A figure height for ``rows`` rows, at most ``MAX_HEIGHT`` inches (2,400 px at the
    saved resolution)."""
    return min(MAX_HEIGHT, base + per_row * rows)


def save(fig: plt.Figure | None, data: pd.DataFrame | None, name: str, folder: str | Path, note: str = "") -> Path | None:
    """Write ``fig`` to ``folder/name.png`` and ``data`` to ``folder/name.csv``, each
    replacing an earlier file only once it is whole; return the PNG's path, or None when
    there is no figure. A ``note`` (what the numbers rest on) is printed under the chart."""
    if fig is None:
        return None
    if note:
        lowest = fig.get_tightbbox(fig.canvas.get_renderer()).y0 / fig.get_figheight()  # below every label and legend
        fig.text(0.01, min(0.0, lowest) - 0.01, textwrap.fill(note, int(fig.get_figwidth() * 72 / (8 * 0.55))), fontsize=8,
                 color="#555555", style="italic", va="top", ha="left")
    folder = Path(folder)
    png = folder / f"{name}.png"
    with atomic_output(png) as temporary:
        fig.savefig(temporary, dpi=150, bbox_inches="tight", metadata={"Software": None}, format="png")
    if data is not None:
        write_csv(data, folder / f"{name}.csv")
    return png


def source_type_shares(summary: pd.DataFrame) -> plt.Figure | None:
    """Stacked bars: the share of each story's sentences by source type
    (``summary`` from ``summarise.source_type_summary``)."""
    wide = summary.pivot(index="story_id", columns="source_type", values="sentences").fillna(0)
    wide = wide.reindex(index=list(dict.fromkeys(summary["story_id"])), columns=list(SOURCE_TYPES), fill_value=0)
    totals = wide.sum(axis=1)
    if totals.sum() == 0:
        return too_little("who speaks", "at least one sentence that is not a heading", "are none")
    rows = [f"{story} (n={int(n)})" for story, n in totals.items()]
    return _stacked_shares(
        wide, rows, "Whose voices carry each story?",
        f"Sentences by source type, headings left out; n = sentences per story, {int(totals.sum())} in all",
        "Share of the story's sentences (%)",
    )


def group_shares(shares: pd.DataFrame, by: str, title: str, what: str) -> plt.Figure | None:
    """Stacked bars: the share of each group's sentences by source type (``shares``
    from ``summarise.shares_by``, grouped by ``by``: an outlet, a week or month, ...);
    ``what`` names a group in the subtitle and axis ("outlet")."""
    if shares.empty or shares["sentences"].sum() == 0:
        column = "date" if by == "period" else by
        return too_little(title, f"sentences with a known {what}", f"are none: no story has {'an' if column[0] in 'aeiou' else 'a'} {column} (docs/inputs.md says how to give them)")
    wide = shares.pivot(index=by, columns="source_type", values="sentences").reindex(columns=list(SOURCE_TYPES), fill_value=0).fillna(0)
    wide = wide.reindex(list(dict.fromkeys(shares[by])))
    stories = shares.drop_duplicates(by).set_index(by)["stories"]
    rows = [f"{_group_name(group)} ({int(stories[group])} stories, n={int(n)})" for group, n in wide.sum(axis=1).items()]
    return _stacked_shares(
        wide, rows, title,
        f"Sentences by source type in each {what}, headings left out; n = sentences, {int(wide.to_numpy().sum())} in all",
        f"Share of the {what}'s sentences (%)",
    )


def _stacked_shares(wide: pd.DataFrame, rows: list[str], title: str, subtitle: str, xlabel: str) -> plt.Figure:
    """Stacked horizontal bars of the shares of each row of counts ``wide`` (columns:
    source types), labelled ``rows``, with the share printed on the wide segments."""
    totals = wide.sum(axis=1)
    shares = wide.div(totals.where(totals > 0), axis=0).fillna(0) * 100
    fig, ax = plt.subplots(figsize=(FIGURE_WIDTH, _height(len(shares))))
    left = np.zeros(len(shares))
    positions = np.arange(len(shares))[::-1]
    for source_type in SOURCE_TYPES:
        values = shares[source_type].to_numpy()
        if values.any():
            ax.barh(positions, values, left=left, color=PALETTE[source_type], label=label(source_type), height=0.7)
            for y, x, width in zip(positions, left, values):
                if width >= 7:
                    ax.text(x + width / 2, y, f"{width:.0f}%", ha="center", va="center", fontsize=8, color=_label_colour(PALETTE[source_type]))
        left += values
    ax.set_yticks(positions, rows)
    ax.set_xlim(0, 100)
    ax.set_xlabel(xlabel)
    _title(ax, title, subtitle)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False, fontsize=9)
    return _finish(fig)


def top_speakers(top: pd.DataFrame, by: str, title: str, unnamed: pd.DataFrame | None = None) -> plt.Figure | None:
    """Horizontal bars of the most-quoted named speakers of each group (``top`` from
    ``summarise.top_speakers``), one block per group, coloured by source type; the
    subtitle counts what was left out (``unnamed`` from ``summarise.unnamed_speakers``)."""
    if top.empty:
        return too_little(title, "named speakers with a known group", "are none")
    fig, ax = plt.subplots(figsize=(FIGURE_WIDTH, _height(len(top), 0.32)))
    positions = np.arange(len(top))[::-1]
    colours = [PALETTE.get(t, "#333333") for t in top["source_type"]]
    ax.barh(positions, top["sentences"].to_numpy(), color=colours, height=0.7)
    ax.set_yticks(positions, [f"{_group_name(g)} · {textwrap.shorten(str(s), 34)}" for g, s in zip(top[by], top["speaker"])], fontsize=8.5)
    ax.set_xlabel("Attributed sentences")
    ax.xaxis.get_major_locator().set_params(integer=True)
    handles = [matplotlib.patches.Patch(color=PALETTE[t], label=label(t)) for t in SOURCE_TYPES if t in set(top["source_type"])]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False, fontsize=9)
    left_out = ""
    if unnamed is not None and len(unnamed):
        kinds = unnamed.groupby("kind")["sentences"].sum()
        names = {"description": "descriptions", "group": "groups", "nationality": "nationality words", "pronoun": "pronouns"}
        left_out = "; left out: " + ", ".join(f"{count} sentence{'s' if count != 1 else ''} by {names.get(kind, kind)}" for kind, count in kinds.items())
    _title(ax, title, f"The named speakers with the most attributed sentences in each {by}, coloured by source type{left_out}")
    return _finish(fig)


def quote_kinds(kinds: pd.DataFrame) -> plt.Figure | None:
    """Bars of direct against indirect quotation by source type
    (``kinds`` from ``summarise.quote_kinds``)."""
    if kinds.empty or (kinds["direct"] + kinds["indirect"]).sum() == 0:
        return too_little("direct or indirect", "at least one attributed sentence", "are none")
    fig, ax = plt.subplots(figsize=(FIGURE_WIDTH, _height(len(kinds), 0.5)))
    positions = np.arange(len(kinds))[::-1]
    for y, row in zip(positions, kinds.itertuples()):
        colour = PALETTE[row.source_type]
        ax.barh(y, row.direct, color=colour, height=0.7, edgecolor=colour)
        ax.barh(y, row.indirect, left=row.direct, color=to_rgba(colour, 0.35), hatch="///", edgecolor=colour, height=0.7)
    ax.set_yticks(positions, [f"{label(t)} (n={d + i})" for t, d, i in zip(kinds["source_type"], kinds["direct"], kinds["indirect"])])
    ax.set_xlabel("Attributed sentences")
    handles = [
        matplotlib.patches.Patch(facecolor="#555555", label="direct quotation"),
        matplotlib.patches.Patch(facecolor=to_rgba("#555555", 0.35), hatch="///", edgecolor="#555555", label="indirect (paraphrase)"),
    ]
    ax.legend(handles=handles, loc="lower right", frameon=False, fontsize=9)
    _title(ax, "Are sources quoted in their own words or paraphrased?", "Attributed sentences by source type; solid = direct quotation, hatched = indirect")
    return _finish(fig)


def cue_chart(counts: pd.DataFrame) -> plt.Figure | None:
    """Stacked bars of the reporting verbs by source type
    (``counts`` from ``summarise.cue_counts``)."""
    if counts.empty:
        return too_little("reporting verbs", "at least one attributed sentence with a cue", "are none")
    types = [t for t in SOURCE_TYPES if t in counts.columns]
    fig, ax = plt.subplots(figsize=(FIGURE_WIDTH, _height(len(counts), 0.42)))
    positions = np.arange(len(counts))[::-1]
    left = np.zeros(len(counts))
    for source_type in types:
        values = counts[source_type].to_numpy()
        ax.barh(positions, values, left=left, color=PALETTE[source_type], label=label(source_type), height=0.7)
        left += values
    ax.set_yticks(positions, counts.index)
    ax.set_xlabel("Attributed sentences")
    _title(ax, "Which reporting verbs introduce the sources?", f"Most frequent cues, by the verb's base form; n = {int(counts['total'].sum())} sentences shown")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False, fontsize=9)
    return _finish(fig)


def positions(table: pd.DataFrame, top: int = 20) -> plt.Figure | None:
    """Where each source type speaks along the stories: above, one dot per sentence of
    the ``top`` stories with the most sentences (all of them when there are no more);
    below, for every story, each type's share of the sentences in each tenth of a story."""
    coded = coded_sentences(table)
    if coded.empty:
        return too_little("position in story", "at least one sentence", "are none")
    sizes = coded.groupby("story_id", sort=False).size()
    longest = set(sizes.nlargest(top).index)
    shown = [story for story in story_order(coded) if story in longest]
    titles = story_labels(coded, width=44)
    fig, (ax, tenths) = plt.subplots(2, 1, figsize=(FIGURE_WIDTH * 1.25, _height(len(shown), 0.42, 4.6)),
                                     gridspec_kw={"height_ratios": [max(len(shown), 2), 3]})
    rows = {story: len(shown) - 1 - index for index, story in enumerate(shown)}
    picked = coded[coded["story_id"].isin(shown)]
    rng = np.random.default_rng(0)
    for source_type in SOURCE_TYPES:
        part = picked[picked["source_type"] == source_type]
        if part.empty:
            continue
        y = part["story_id"].map(rows).to_numpy() + rng.uniform(-0.18, 0.18, len(part))
        ax.scatter(part["position"], y, s=12 if source_type == "narrator" else 26, color=PALETTE[source_type], alpha=0.9, linewidths=0)
    ax.set_yticks(list(rows.values()), [f"{titles.get(story, story)} (n={sizes[story]})" for story in rows], fontsize=8.5)
    ax.set_xlim(-0.02, 1.02)
    ax.set_xlabel("Position in the story (0 = first sentence, 1 = last)")
    tenth = np.minimum((coded["position"].to_numpy() * 10).astype(int), 9)
    counts = pd.crosstab(tenth, pd.Categorical(coded["source_type"], categories=list(SOURCE_TYPES)), dropna=False).reindex(index=range(10), fill_value=0)
    shares = counts.div(counts.sum(axis=1).where(lambda n: n > 0), axis=0).fillna(0) * 100
    bottom = np.zeros(10)
    for source_type in SOURCE_TYPES:
        values = shares[source_type].to_numpy()
        if values.any():
            tenths.bar(np.arange(10) / 10 + 0.05, values, width=0.095, bottom=bottom, color=PALETTE[source_type], label=label(source_type))
            bottom += values
    tenths.set_xlim(-0.02, 1.02)
    tenths.set_ylim(0, 100)
    tenths.set_ylabel("Sentences (%)")
    tenths.set_xlabel(f"Tenth of the story, all {len(sizes)} stories ({len(coded)} sentences)")
    tenths.legend(loc="upper center", bbox_to_anchor=(0.5, -0.45), ncol=5, frameon=False, fontsize=8.5)
    subtitle = (f"Above: one dot per sentence, coloured by source type, for the {len(shown)} stories with the most sentences"
                f"{'' if len(shown) == len(sizes) else f' (of {len(sizes)})'}; below: each source type's share of the sentences "
                "in each tenth of the stories, all stories pooled")
    fig.tight_layout(rect=(0, 0, 1, _figure_title(fig, "Where along the stories does each source speak?", subtitle)))
    return fig


def means_with_intervals(
    table: pd.DataFrame, means: pd.DataFrame, value: str, by: str, title: str, axis_label: str, zero_line: bool = True
) -> plt.Figure | None:
    """Each group's values as faint dots, with the mean and its 95% interval
    (``means`` from ``summarise.mean_ci``); groups are source types or stories."""
    if means.empty or means["n"].max() < 2:
        return too_little(title, "a group with at least two sentences", f"is at most {int(means['n'].max()) if len(means) else 0}")
    if by == "source_type":
        order = [t for t in SOURCE_TYPES if t in set(means[by])]
    elif by == "story_id":
        order = [g for g in story_order(table) if g in set(means[by])]
    else:
        order = list(dict.fromkeys(means[by]))
        if all(isinstance(group, pd.Timestamp) for group in order):
            order.sort()
    means = means.set_index(by).loc[order].reset_index()
    coded = coded_sentences(table)
    fig, ax = plt.subplots(figsize=(FIGURE_WIDTH, _height(len(means))))
    rng = np.random.default_rng(0)
    positions = np.arange(len(means))[::-1]
    for y, row in zip(positions, means.itertuples()):
        group = getattr(row, by)
        colour = PALETTE.get(group, "#333333") if by == "source_type" else "#333333"
        values = coded.loc[coded[by] == group, value].dropna()
        ax.scatter(values, y + rng.uniform(-0.2, 0.2, len(values)), s=10, color=colour, alpha=0.25, linewidths=0)
        ax.plot([row.ci_low, row.ci_high], [y, y], color=colour, linewidth=2.5)
        ax.scatter([row.mean], [y], s=55, color=colour, edgecolor="white", zorder=3)
    names = [label(g) if by == "source_type" else _group_name(g) for g in means[by]]
    ax.set_yticks(positions, [f"{name} (n={n})" for name, n in zip(names, means["n"])])
    if zero_line:
        ax.axvline(0, color="#999999", linewidth=0.8, linestyle=":")
    ax.set_xlabel(axis_label)
    resampled = "by story (over the sentences of a single story)" if by == "story_id" else "by story"
    _title(ax, title, f"Dots: sentences; bar: mean with its 95% interval, bootstrapped {resampled}; n = sentences")
    return _finish(fig)


def _group_name(group) -> str:
    """How a group is named on an axis: a date as its day, anything else as text."""
    return group.strftime("%Y-%m-%d") if isinstance(group, pd.Timestamp) else str(group)


def lexicon_scatter(table: pd.DataFrame, agreement: dict) -> plt.Figure | None:
    """TextBlob polarity against VADER compound, one dot per sentence by source type."""
    coded = coded_sentences(table).dropna(subset=["polarity", "vader"])
    if len(coded) < 3:
        return too_little("TextBlob against VADER", "at least three sentences", f"are {len(coded)}")
    return _scatter_by_type(
        coded, "polarity", "vader", "TextBlob polarity (−1 to 1)", "VADER compound score (−1 to 1)",
        "Do the two sentiment lexicons agree?",
        f"n = {agreement['n']} sentences; Pearson r = {agreement['pearson']:.2f}, Spearman ρ = {agreement['spearman']:.2f}; dotted line: equal scores",
    )


def _scatter_by_type(rows: pd.DataFrame, x: str, y: str, xlabel: str, ylabel: str, title: str, subtitle: str) -> plt.Figure:
    """Two scores in −1..1 against each other, one dot per row coloured by its source
    type, with the line of equal scores."""
    fig, ax = plt.subplots(figsize=(FIGURE_WIDTH * 0.8, FIGURE_WIDTH * 0.62))
    for source_type in SOURCE_TYPES:
        part = rows[rows["source_type"] == source_type]
        if not part.empty:
            ax.scatter(part[x], part[y], s=22, color=PALETTE[source_type], label=label(source_type), alpha=0.85, linewidths=0)
    ax.plot([-1, 1], [-1, 1], color="#999999", linewidth=0.8, linestyle=":")
    ax.axhline(0, color="#cccccc", linewidth=0.6)
    ax.axvline(0, color="#cccccc", linewidth=0.6)
    ax.set_xlim(-1.05, 1.05)
    ax.set_ylim(-1.05, 1.05)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    _title(ax, title, subtitle)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False, fontsize=9)
    return _finish(fig)


def heatmap(
    values: pd.DataFrame,
    notes: pd.DataFrame,
    title: str,
    subtitle: str,
    xlabel: str,
    ylabel: str,
    colour_label: str,
    cmap: str = "Blues",
    limits: tuple[float, float] | None = None,
    hidden: pd.DataFrame | None = None,
) -> plt.Figure | None:
    """A table of colours with a note in each cell; cells marked in ``hidden`` are
    greyed out (too few sentences to show)."""
    if values.size == 0:
        return too_little(title, "at least one cell", "are none")
    fig, ax = plt.subplots(figsize=(min(FIGURE_WIDTH * 1.6, max(6.5, 2.5 + 1.05 * values.shape[1])), _height(values.shape[0], base=2.2)))
    shown = values.astype(float).mask(hidden) if hidden is not None else values.astype(float)
    low, high = limits if limits else (np.nanmin(shown.to_numpy()), np.nanmax(shown.to_numpy()))
    image = ax.imshow(shown.to_numpy(), cmap=cmap, vmin=low, vmax=high, aspect="auto")
    ax.set_facecolor("#eeeeee")
    diverging = low < 0 < high
    for i in range(values.shape[0]):
        for j in range(values.shape[1]):
            value = shown.iat[i, j]
            where = (value - low) / ((high - low) or 1)
            dark = not np.isnan(value) and (abs(where - 0.5) > 0.3 if diverging else where > 0.6)
            ax.text(j, i, notes.iat[i, j], ha="center", va="center", fontsize=8, color="white" if dark else "#222222")
    column_inches = fig.get_figwidth() * 0.7 / max(1, values.shape[1])
    longest = max((len(str(name)) for name in values.columns), default=0)
    fits = longest * 0.085 < column_inches
    if not fits:
        fig.set_figheight(min(MAX_HEIGHT, fig.get_figheight() + longest * 0.085))
    ax.set_xticks(range(values.shape[1]), values.columns, rotation=0 if fits else 90, ha="center")
    ax.set_yticks(range(values.shape[0]), values.index)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    fig.colorbar(image, ax=ax, label=colour_label, shrink=0.8)
    _title(ax, title, subtitle)
    return _finish(fig)


def confusion_table(confusion: pd.DataFrame) -> pd.DataFrame:
    """A confusion matrix (hand-coded types in rows, the program's in columns) with the
    types neither coding used left out and the rest named by their labels."""
    seen = confusion.loc[confusion.sum(axis=1) > 0, confusion.sum(axis=0) > 0]
    return seen.set_axis([label(t) for t in seen.index]).set_axis([label(t) for t in seen.columns], axis=1)


def confusion(confusion_matrix: pd.DataFrame, title: str, subtitle: str) -> plt.Figure | None:
    """A heat map of a confusion matrix: each cell coloured by its share of the row (the
    hand-coded type) and showing its count; types neither coding used are left out."""
    counts = confusion_table(confusion_matrix)
    shares = counts.div(counts.sum(axis=1), axis=0) * 100
    return heatmap(shares, counts.astype(str), title, subtitle, "Program's coding", "Hand coding",
                   "Share of the row's sentences (%)", cmap="Greens", limits=(0, 100))


def stance_against_tone(stance: pd.DataFrame) -> plt.Figure | None:
    """Each target mention's stance (the model) against its sentence's tone (VADER),
    coloured by source type: where the two part, the sentence says different things
    about different targets, or judges a target in a neutral tone."""
    if len(stance) < 3:
        return too_little("stance against tone", "at least three target mentions", f"are {len(stance)}")
    agree = np.corrcoef(stance["tone"].astype(float), stance["stance"].astype(float))[0, 1]
    return _scatter_by_type(
        stance, "tone", "stance", "Tone of the sentence (VADER compound, −1 to 1)", "Stance toward the target (model, −1 to 1)",
        "Where does stance toward a target part from the tone of its sentence?",
        f"One dot per target mention; n = {len(stance)}; Pearson r = {agree:.2f}; dotted line: equal scores",
    )


def hidden_rows(sizes, columns: int, minimum: int) -> np.ndarray:
    """A ``heatmap`` mask that greys the whole row of each group with fewer than
    ``minimum`` sentences (``sizes``, in row order) across ``columns`` columns."""
    return np.repeat((np.asarray(list(sizes)) < minimum)[:, None], columns, axis=1)


def count_bars(counts: pd.Series, title: str, subtitle: str, axis_label: str) -> plt.Figure | None:
    """Horizontal bars of counts by source type, in the source-type colours."""
    counts = counts[counts > 0]
    if counts.empty:
        return too_little(title, "at least one sentence to count", "are none")
    order = [t for t in SOURCE_TYPES if t in counts.index]
    counts = counts.reindex(order)
    fig, ax = plt.subplots(figsize=(FIGURE_WIDTH, _height(len(counts), 0.45)))
    positions = np.arange(len(counts))[::-1]
    ax.barh(positions, counts.to_numpy(), color=[PALETTE[t] for t in order], height=0.7)
    ax.set_yticks(positions, [label(t) for t in order])
    ax.set_xlabel(axis_label)
    ax.xaxis.get_major_locator().set_params(integer=True)
    _title(ax, title, subtitle)
    return _finish(fig)


def story_frames(shares: pd.DataFrame, title: str, frame_set: str) -> plt.Figure | None:
    """Horizontal bars of the share of stories that show each frame (``shares``: one row
    per frame with ``label``, ``stories`` and ``showing``), in the set's order."""
    if shares.empty or shares["stories"].max() == 0:
        return too_little(title, "at least one story", "are none")
    stories = int(shares["stories"].max())
    fig, ax = plt.subplots(figsize=(FIGURE_WIDTH, _height(len(shares), 0.45)))
    positions = np.arange(len(shares))[::-1]
    percent = 100 * shares["showing"].to_numpy() / stories
    ax.barh(positions, percent, color="#4C72B0", height=0.7)
    for y, value, count in zip(positions, percent, shares["showing"]):
        ax.text(value + 1, y, f"{value:.0f}% ({count})", va="center", fontsize=8.5)
    ax.set_yticks(positions, shares["label"].tolist())
    ax.set_xlim(0, 110)
    ax.set_xlabel("Stories that show the frame (%)")
    _title(ax, title, f"Frame set {frame_set!r}, by its article rules (article_rules.csv); n = {stories} stories")
    return _finish(fig)


def frame_agreement(validation: pd.DataFrame, labels: dict[str, str]) -> plt.Figure | None:
    """Bars of each frame's F1 against trained coders, with its precision and recall as
    points (``validation``: the frame set's ``validation.csv``)."""
    title = "How often do the article-level frames agree with trained coders?"
    if validation.empty:
        return too_little(title, "a validation.csv in the frame set's folder (scripts/evaluate_frames.py --cv 5 --save)", "is none")
    fig, ax = plt.subplots(figsize=(FIGURE_WIDTH, _height(len(validation), 0.5)))
    positions = np.arange(len(validation))[::-1]
    ax.barh(positions, validation["f1"], color="#BBBBBB", height=0.7, label="F1")
    ax.scatter(validation["precision"], positions + 0.15, color="#0072B2", zorder=3, label="precision")
    ax.scatter(validation["recall"], positions - 0.15, color="#D55E00", marker="s", zorder=3, label="recall")
    for y, value in zip(positions, validation["f1"]):
        ax.text(0.01, y, f"F1 {value:.2f}", va="center", fontsize=8.5)
    ax.set_yticks(positions, [f"{labels.get(frame, frame)} ({positives} of {articles})" for frame, positives, articles
                              in zip(validation["frame"], validation["positives"], validation["articles"])])
    ax.set_xlim(0, 1)
    ax.set_xlabel("Score against the coders (0 to 1)")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False)
    first = validation.iloc[0]
    _title(ax, title, f"{first['protocol']} on {first['articles']} coded articles ({first['data']}); "
                      "in brackets, articles the coders gave the frame")
    return _finish(fig)


def estimates(
    results: pd.DataFrame,
    title: str,
    axis_label: str,
    labels: dict[str, str] | None = None,
    accuracy_note: str = "",
    reference: pd.DataFrame | None = None,
) -> plt.Figure | None:
    """Dots with intervals: for one measure of ``estimates.estimate`` (``results``), each
    category's naive value (hollow) and corrected estimate with its 95% interval (filled),
    one panel per group. Without a coding sheet (``results.attrs["coding"]`` false) the
    filled dots are the naive values with their intervals, and the subtitle says so,
    quoting ``accuracy_note``. ``labels`` names categories that are not source types
    (frames). ``reference``, with columns ``group, category, value``, adds a black tick per
    category (a full hand coding, to check the estimates against)."""
    results = results[results["naive"].notna() | results["estimate"].notna()]
    if results.empty:
        return too_little(title, "at least one category with sentences", "is none")
    coding = bool(results.attrs.get("coding", False))
    shares = results["measure"].iloc[0] in ("source_type_share", "frame_share")
    scale = 100 if shares else 1
    groups = list(dict.fromkeys(results["group"]))
    order = [c for c in (SOURCE_TYPES if labels is None else list(labels)) if c in set(results["category"])]
    shown = [c for c in order if (results.loc[results["category"] == c, ["naive", "estimate"]].fillna(0).abs().to_numpy() > 0).any()] or order
    columns = min(len(groups), 4)
    panel_rows = int(np.ceil(len(groups) / columns))
    fig, axes = plt.subplots(panel_rows, columns, figsize=(FIGURE_WIDTH * (1 if columns > 1 else 0.8), _height(len(shown) * panel_rows, 0.42, 2.4)),
                             sharex=True, sharey=True, squeeze=False)
    positions = np.arange(len(shown))[::-1]
    for panel, group in zip(axes.flat, groups):
        part = results[results["group"] == group].set_index("category")
        for y, category in zip(positions, shown):
            if category not in part.index:
                continue
            row = part.loc[category]
            colour = PALETTE.get(category, "#4C72B0")
            if np.isfinite(row["estimate"]):
                panel.plot([row["low"] * scale, row["high"] * scale], [y, y], color=colour, linewidth=2.2, solid_capstyle="butt")
                panel.scatter([row["estimate"] * scale], [y], s=46, color=colour, edgecolor="white", zorder=3)
            elif not coding and np.isfinite(row["naive"]):
                panel.scatter([row["naive"] * scale], [y], s=46, color=colour, edgecolor="white", zorder=3)
            if coding and np.isfinite(row["naive"]):
                panel.scatter([row["naive"] * scale], [y], s=46, facecolor="white", edgecolor=colour, linewidths=1.5, zorder=4)
            if reference is not None:
                value = reference.loc[(reference["group"] == group) & (reference["category"] == category), "value"]
                if len(value):
                    panel.scatter([value.iloc[0] * scale], [y], s=90, marker="|", color="black", linewidths=2, zorder=5)
        coded, sentences = int(part["coded"].max()), int(part["sentences"].max())
        panel.set_title(f"{_group_name(group)}\n(n={sentences}" + (f", {coded} coded)" if coding else ")"), fontsize=9.5)
        if not shares:
            panel.axvline(0, color="#999999", linewidth=0.8, linestyle=":")
        panel.grid(axis="x", color="#eeeeee")
    for panel in list(axes.flat)[len(groups):]:
        panel.set_visible(False)
    axes[0][0].set_yticks(positions, [label(c) if labels is None else labels.get(c, c) for c in shown])
    panel_inches = fig.get_figwidth() * 0.8 / columns
    for panel in axes[-1]:
        panel.set_xlabel(textwrap.fill(axis_label, max(12, int(panel_inches * 72 / (10 * 0.62)))))
    if shares:
        axes[0][0].set_xlim(left=0)
    if coding:
        subtitle = ("Filled dot and bar: corrected by the hand-coded sentences, with its 95% interval (design-based supervised "
                    "learning, clustered by story); hollow dot: the program's coding, uncorrected.")
        missing = results.loc[results["method"].str.startswith("none"), "method"]
        if len(missing):
            subtitle += f" No bar: not corrected ({missing.value_counts().index[0][6:]}{'; and other reasons in the CSV' if missing.nunique() > 1 else ''})."
    else:
        subtitle = ("The program's coding, UNCORRECTED, with 95% intervals that take its codes as true (clustered by story). "
                    + accuracy_note + " Hand-code a sample (python -m analysis sample) to correct these numbers.")
    if reference is not None:
        subtitle += " Black tick: the full hand coding."
    handles = [plt.Line2D([], [], marker="o", linestyle="-", color="#555555", markeredgecolor="white", markersize=7,
                          label="corrected, 95% interval" if coding else "program's coding, 95% interval")]
    if coding:
        handles.append(plt.Line2D([], [], marker="o", linestyle="", markerfacecolor="white", markeredgecolor="#555555", markersize=7,
                                  label="program's coding (naive)"))
    if reference is not None:
        handles.append(plt.Line2D([], [], marker="|", linestyle="", color="black", markersize=10, markeredgewidth=2, label="full hand coding"))
    fig.legend(handles=handles, loc="lower center", ncol=len(handles), frameon=False, fontsize=9, bbox_to_anchor=(0.5, -0.02))
    fig.tight_layout(rect=(0, 0.05, 1, _figure_title(fig, title, subtitle)))
    return fig


def _figure_title(fig, title: str, subtitle: str) -> float:
    """Put a figure-wide title (the question) and its subtitle at the top of ``fig``, each
    wrapped to its width; return the fraction of the height left below them."""
    width, height = fig.get_figwidth(), fig.get_figheight()
    heading = fig.text(0.01, 1 - 0.1 / height, textwrap.fill(title, int(width * 72 / (13 * 0.58))), ha="left", va="top",
                       fontsize=13, fontweight="bold")
    renderer = fig.canvas.get_renderer()
    below_title = heading.get_window_extent(renderer).transformed(fig.transFigure.inverted()).y0
    text = fig.text(0.01, below_title - 0.08 / height, textwrap.fill(subtitle, int(width * 72 / (8.5 * 0.55))), fontsize=8.5,
                    color="#444444", va="top")
    return text.get_window_extent(renderer).transformed(fig.transFigure.inverted()).y0 - 0.08 / height


def accuracy_by_group(accuracy: pd.DataFrame, what: str, sheet: str) -> plt.Figure | None:
    """Dots with intervals: how often the program's source type agrees with the hand
    coding in each group (``accuracy`` from ``estimates.accuracy``); ``what`` names a
    group ("outlet"), ``sheet`` the coding sheet."""
    title = f"How often does the program type a sentence as the hand coding does, in each {what}?"
    accuracy = accuracy[accuracy["coded"] > 0]
    if accuracy.empty:
        return too_little(title, "hand-coded sentences", "are none")
    fig, ax = plt.subplots(figsize=(FIGURE_WIDTH, _height(len(accuracy), 0.5)))
    positions = np.arange(len(accuracy))[::-1]
    for y, row in zip(positions, accuracy.itertuples()):
        colour = "#333333" if row.group == "all" else "#4C72B0"
        if np.isfinite(row.accuracy):
            ax.plot([row.low * 100, row.high * 100], [y, y], color=colour, linewidth=2.5)
            ax.scatter([row.accuracy * 100], [y], s=55, color=colour, edgecolor="white", zorder=3)
        ax.scatter([row.accuracy_coded * 100], [y], s=55, facecolor="white", edgecolor=colour, linewidths=1.5, zorder=4)
    ax.set_yticks(positions, [f"{_group_name(g)} ({n} coded, κ={k:.2f})" for g, n, k in zip(accuracy["group"], accuracy["coded"], accuracy["kappa"])])
    ax.set_xlim(0, 100)
    ax.set_xlabel("Sentences typed as the hand coding types them (%)")
    _title(ax, title, f"Hollow dot: share of the coded sentences of {sheet} (κ: Cohen's kappa on them); filled dot and bar: "
                      "estimate for all the group's sentences, weighted by the sheet's inclusion probabilities, with its "
                      "95% interval (clustered by story; none with too few coded sentences or stories)")
    return _finish(fig)


def _time_axis(ax, periods: pd.DatetimeIndex, unit: str) -> None:
    """Date ticks for weeks or months on ``ax``, spanning every period."""
    import matplotlib.dates as mdates

    pad = pd.Timedelta(days=4 if unit == "week" else 15)
    ax.set_xlim(periods.min() - pad, periods.max() + pad)
    locator = mdates.AutoDateLocator(minticks=3, maxticks=10)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))


def shares_over_time(shares: pd.DataFrame, periods: pd.DatetimeIndex, unit: str, title: str, note: str = "") -> plt.Figure | None:
    """Lines on a time axis: each source type's share of the sentences of each week or
    month (``shares`` from ``summarise.shares_by(table, "period")``), over every period
    from first to last (``summarise.all_periods``: periods without a story break the
    lines), with the stories of each period as bars beneath. ``note`` says what the axis
    leaves out (``summarise.time_note``)."""
    if shares.empty or len(periods) == 0:
        return too_little(title, "stories with a date", "are none: no story has a date (docs/inputs.md says how to give them)")
    wide = shares.pivot(index="period", columns="source_type", values="share").reindex(index=periods, columns=list(SOURCE_TYPES))
    stories = shares.drop_duplicates("period").set_index("period")["stories"].reindex(periods).fillna(0)
    fig, (ax, counts) = plt.subplots(2, 1, figsize=(FIGURE_WIDTH, 5.8), sharex=True, gridspec_kw={"height_ratios": [4, 1]})
    for source_type in SOURCE_TYPES:
        values = wide[source_type] * 100
        if values.fillna(0).max() == 0:
            continue
        ax.plot(periods, values, color=PALETTE[source_type], linewidth=1.8, marker="o", markersize=3.5, label=label(source_type))
    ax.set_ylabel(f"Share of the {unit}'s sentences (%)")
    ax.set_ylim(bottom=0)
    counts.bar(periods, stories.to_numpy(), width=5 if unit == "week" else 20, color="#999999")
    counts.set_ylabel("Stories")
    _time_axis(counts, periods, unit)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False, fontsize=9)
    subtitle = f"Sentences by source type, {unit} by {unit}, headings and page furniture left out; n = {int(shares['sentences'].sum())} sentences in {int(stories.sum())} stories. {note}"
    fig.tight_layout(rect=(0, 0, 1, _figure_title(fig, title, subtitle.strip())))
    return fig


def means_over_time(means: pd.DataFrame, periods: pd.DatetimeIndex, unit: str, title: str, axis_label: str, note: str = "") -> plt.Figure | None:
    """Dots with intervals on a time axis: the mean of a score in each week or month
    (``means`` from ``summarise.mean_ci(table, value, "period")``) over every period from
    first to last, empty periods left blank, with the stories of each period as bars
    beneath."""
    if means.empty or len(periods) == 0:
        return too_little(title, "stories with a date", "are none: no story has a date (docs/inputs.md says how to give them)")
    means = means.set_index("period").reindex(periods)
    fig, (ax, counts) = plt.subplots(2, 1, figsize=(FIGURE_WIDTH, 5.4), sharex=True, gridspec_kw={"height_ratios": [4, 1]})
    shown = means.dropna(subset=["mean"])
    ax.vlines(shown.index, shown["ci_low"], shown["ci_high"], color="#333333", linewidth=2)
    ax.scatter(shown.index, shown["mean"], s=40, color="#333333", edgecolor="white", zorder=3)
    ax.axhline(0, color="#999999", linewidth=0.8, linestyle=":")
    ax.set_ylabel(axis_label)
    counts.bar(periods, means["stories"].fillna(0).to_numpy(), width=5 if unit == "week" else 20, color="#999999")
    counts.set_ylabel("Stories")
    _time_axis(counts, periods, unit)
    subtitle = (f"Mean of the {unit}'s sentences with its 95% interval, bootstrapped by story; n = {int(shown['n'].sum())} sentences in "
                f"{int(shown['stories'].sum())} stories. {note}")
    fig.tight_layout(rect=(0, 0, 1, _figure_title(fig, title, subtitle.strip())))
    return fig


def grid(
    cells: pd.DataFrame,
    row: str,
    column: str,
    value: str,
    rows: list | None = None,
    columns: list | None = None,
    row_labels: dict | None = None,
    column_labels: dict | None = None,
) -> pd.DataFrame:
    """A long table of ``cells`` (one per ``row`` and ``column`` value) as a wide one of
    ``value``, rows and columns in the given order (else first seen; source types in
    their fixed order) and named by their labels (source types by ``label``), as the
    charts show them: the table to print under a heat map."""
    wide = cells.pivot(index=row, columns=column, values=value)
    rows = rows if rows is not None else _order(cells[row])
    columns = columns if columns is not None else _order(cells[column])
    wide = wide.reindex(index=rows, columns=columns)
    wide.index = [_name(key, row_labels) for key in wide.index]
    wide.columns = [_name(key, column_labels) for key in wide.columns]
    return wide


def _order(keys: pd.Series) -> list:
    """Keys in chart order: source types in their fixed order, anything else first seen."""
    seen = list(dict.fromkeys(keys.dropna()))
    return [t for t in SOURCE_TYPES if t in seen] if set(seen) <= set(SOURCE_TYPES) else seen


def _name(key, labels: dict | None) -> str:
    """How a row or column key is named on a chart."""
    if labels is not None and key in labels:
        return labels[key]
    return label(key) if key in SOURCE_TYPES else _group_name(key)


def grid_heatmap(
    cells: pd.DataFrame,
    row: str,
    column: str,
    value: str,
    title: str,
    what: str,
    xlabel: str,
    ylabel: str,
    colour_label: str,
    percent: bool = False,
    rows: list | None = None,
    columns: list | None = None,
    row_labels: dict | None = None,
    column_labels: dict | None = None,
    count: str = "n",
    count_name: str = "sentences",
    min_count: int = 5,
    min_stories: int = 3,
    cmap: str = "Blues",
    limits: tuple[float, float] | None = None,
) -> plt.Figure | None:
    """A heat map of ``value`` (a share when ``percent``, else a mean) for each ``row`` and
    ``column`` of ``cells`` (long: one row per cell, with ``count`` and ``stories``), each
    cell noting its value and n; a cell from fewer than ``min_count`` ``count_name`` or
    fewer than ``min_stories`` stories is grey and notes its n and stories instead: too
    little to read. Rows and columns follow the charts' order and labels (``grid``)."""
    if cells.empty:
        return too_little(title, f"at least one {row} with {count_name}", "are none")
    values = grid(cells, row, column, value, rows, columns, row_labels, column_labels).astype(float)
    counts = grid(cells, row, column, count, rows, columns, row_labels, column_labels).fillna(0).astype(int)
    stories = grid(cells, row, column, "stories", rows, columns, row_labels, column_labels).fillna(0).astype(int)
    hidden = (counts < min_count) | (stories < min_stories)
    shown = values * 100 if percent else values
    text = shown.round(0).astype("Int64").astype(str) + "%" if percent else shown.round(2).map(lambda v: f"{v:.2f}")
    notes = (text + "\nn=" + counts.astype(str)).where(~hidden, "n=" + counts.astype(str) + "\n" + stories.astype(str)
                                                           + stories.map(lambda k: " story" if k == 1 else " stories"))
    notes = notes.where(counts > 0, "")
    subtitle = (f"{what}; n = {count_name}; cells from fewer than {min_count} {count_name} or {min_stories} stories are grey, "
                "with their n and stories")
    return heatmap(shown, notes, title, subtitle, xlabel, ylabel, colour_label, cmap=cmap, limits=limits, hidden=hidden.to_numpy())


def story_frame_heatmap(
    shares: pd.DataFrame,
    by: str,
    frames: list[str],
    labels: dict[str, str],
    title: str,
    axis: str,
    subtitle: str,
    rows: list | None = None,
    min_stories: int = 3,
) -> plt.Figure | None:
    """A heat map of the share of each group's stories that show each frame (``shares``
    from ``summarise.story_frame_shares(articles, labels, by)``), rows in the order of
    ``rows`` (every week or month from first to last, say) with each row's stories;
    rows of fewer than ``min_stories`` stories are grey, and a run of three or more rows
    without a story becomes one row that says how long the gap is."""
    if shares.empty:
        return too_little(title, f"stories with a known {by}", "are none")
    values = shares.pivot(index=by, columns="frame", values="share").reindex(index=rows, columns=frames) * 100
    counts = shares.pivot(index=by, columns="frame", values="showing").reindex(index=values.index, columns=frames)
    sizes = shares.groupby(by, observed=True)["stories"].first().reindex(values.index).fillna(0).astype(int)
    keep, names, start = [], [], None
    keys = list(values.index)
    for number, key in enumerate(keys + [None]):
        empty = key is not None and sizes[key] == 0
        if empty and start is None:
            start = number
            continue
        if empty:
            continue
        if start is not None:
            run = keys[start:number]
            if len(run) >= 3:
                keep.append(run[0])
                names.append(f"{_group_name(run[0])} to {_group_name(run[-1])}: no story ({len(run)})")
            else:
                keep.extend(run)
                names.extend(f"{_group_name(k)} (n=0)" for k in run)
            start = None
        if key is not None:
            keep.append(key)
            names.append(f"{_group_name(key)} (n={sizes[key]})")
    values, counts, sizes = values.loc[keep], counts.loc[keep], sizes.loc[keep]
    notes = (values.round(0).astype("Int64").astype(str) + "%\n(" + counts.astype("Int64").astype(str) + ")").where(values.notna(), "")
    hidden = hidden_rows(sizes, len(frames), min_stories)
    values.index = notes.index = names
    values.columns = notes.columns = [labels[f] for f in frames]
    return heatmap(values, notes, title, subtitle, "Frame", axis, "Stories that show the frame (%)", cmap="Purples", limits=(0, 100), hidden=hidden)
