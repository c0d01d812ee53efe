"""Show the coding in the text: each story as HTML, every sentence coloured by its source
type, with speaker, cue, quotation kind and sentiment in a tooltip made in CSS (it shows on
hover, and on a tap on touch screens, where ``title`` tooltips do not); headings in bold,
page furniture small and grey. It renders in
JupyterLab, in the HTML copies of the notebooks, and in any browser; the standalone page
adds a table of contents and filters by outlet and source type."""

from __future__ import annotations

from html import escape

import pandas as pd

from .datafiles import atomic_output
from .plot import PALETTE, label
from .sourcetypes import SOURCE_TYPES
from .summarise import coded_sentences

_STYLE = """<style>
.coding-story {font-family: Georgia, serif; font-size: 15px; line-height: 1.6; max-width: 46em}
.coding-story h3 {font-family: sans-serif; margin-bottom: 0.2em}
.coding-story .meta {font-family: sans-serif; font-size: 12px; color: #555; margin-bottom: 1em}
.coding-story p {margin: 0 0 0.8em 0}
.coding-story .heading {font-family: sans-serif; font-weight: bold}
.coding-story .furniture {font-family: sans-serif; font-size: 12px; color: #999; background: #f2f2f2}
.coding-story .furniture::before {content: "page furniture: "; font-style: italic}
.coding-story .s, .coding-story .heading, .coding-story .furniture {padding: 1px 2px; border-radius: 2px; cursor: help; position: relative; outline: none}
.coding-story [data-tip]:hover::after, .coding-story [data-tip]:focus::after {
  content: attr(data-tip); white-space: pre-line; position: absolute; left: 0; top: 100%; z-index: 10;
  min-width: 18em; max-width: 28em; padding: 6px 8px; background: #222; color: #fff;
  font: 12px/1.4 sans-serif; border-radius: 4px; box-shadow: 0 2px 6px rgba(0, 0, 0, 0.3)}
.coding-story.dimmed .s:not(.chosen) {opacity: 0.25}
.coding-legend {font-family: sans-serif; font-size: 12px; margin: 0.5em 0 1em 0}
.coding-legend span {display: inline-block; margin: 0 0.8em 0.3em 0; padding: 1px 6px; border-radius: 2px}
.coding-contents {font-family: sans-serif; font-size: 13px; columns: 2 22em; margin: 0 0 1.5em 0}
.coding-filters {font-family: sans-serif; font-size: 13px; margin: 0 0 1em 0}
.coding-filters select {margin: 0 1em 0 0.3em}
</style>"""


def _tint(colour: str, alpha: float) -> str:
    """Turn "#RRGGBB" into a CSS rgba() colour with the given opacity."""
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({red}, {green}, {blue}, {alpha})"


def _style(source_type) -> str:
    """The CSS of a sentence of ``source_type``: a tint of its colour, underlined."""
    if not isinstance(source_type, str):
        return ""
    colour = PALETTE[source_type]
    alpha = 0.0 if source_type == "narrator" else 0.22
    return f"background: {_tint(colour, alpha)}; border-bottom: 2px solid {colour};"


def _hover(row) -> str:
    """The text shown on hover over a sentence: type, speaker, description, cue, sentiment."""
    def value(name):
        cell = getattr(row, name)
        return "" if cell is None or pd.isna(cell) else str(cell)

    if getattr(row, "is_boilerplate", False):
        return "Page furniture (menu, link list, footer): not part of the article, not coded"
    if row.is_heading:
        return "Heading or caption: no source"
    parts = [f"Source type: {label(value('source_type'))}"]
    if value("speaker"):
        parts.append(f"Speaker: {value('speaker')}")
    if value("descriptor") and value("descriptor") != value("speaker"):
        parts.append(f"Described as: {value('descriptor')}")
    if value("cue"):
        parts.append(f"Cue: {value('cue')} ({value('quote')} quotation; rule: {value('rule')})")
    elif value("rule") and value("rule") != "narrator":
        parts.append(f"Rule: {value('rule')}")
    parts.append(f"Sentiment: TextBlob {row.polarity:+.2f}, VADER {row.vader:+.2f}")
    return "\n".join(parts)


def legend_html(types=SOURCE_TYPES) -> str:
    """The colour key of the source types, headings and page furniture, as HTML."""
    swatches = "".join(f'<span style="{_style(t)}">{escape(label(t))}</span>' for t in types)
    swatches += '<span style="font-weight: bold">Heading or caption</span>'
    swatches += '<span style="color: #999; background: #f2f2f2">Page furniture (not coded)</span>'
    return f'<div class="coding-legend">{swatches}</div>'


def story_html(table: pd.DataFrame, story_id: str) -> str:
    """Return one story of the sentence table as HTML, paragraph by paragraph."""
    rows = table[table["story_id"] == story_id]
    if rows.empty:
        raise ValueError(f"no story {story_id!r} in the table")
    first = rows.iloc[0]
    title = first["title"] if isinstance(first["title"], str) and first["title"] else story_id
    coded = coded_sentences(rows)
    counts = coded["source_type"].value_counts()
    summary = ", ".join(f"{label(t)} {counts[t]}" for t in SOURCE_TYPES if counts.get(t, 0))
    date = first["date"].strftime("%Y-%m-%d") if isinstance(first["date"], pd.Timestamp) else ""
    outlet = " · ".join(part for part in (first["outlet"] if isinstance(first["outlet"], str) else "", date) if part)
    anchor = escape(_anchor(story_id))
    outlet_name = escape(first["outlet"]) if isinstance(first["outlet"], str) else ""
    parts = [f'<div class="coding-story" id="{anchor}" data-outlet="{outlet_name}"><h3>{escape(title)}</h3>']
    parts.append(f'<div class="meta">{escape(story_id)}{" · " + escape(outlet) if outlet else ""} · {len(coded)} sentences: {escape(summary)}</div>')
    for _, paragraph in rows.groupby("paragraph", sort=False):
        pieces = []
        for row in paragraph.itertuples():
            text = escape(str(row.text))
            tip = escape(_hover(row))
            if getattr(row, "is_boilerplate", False):
                pieces.append(f'<span class="furniture" tabindex="0" data-tip="{tip}">{text}</span>')
            elif row.is_heading:
                pieces.append(f'<span class="heading" tabindex="0" data-tip="{tip}">{text}</span>')
            else:
                kind = escape(str(row.source_type)) if isinstance(row.source_type, str) else ""
                pieces.append(f'<span class="s" tabindex="0" data-type="{kind}" style="{_style(row.source_type)}" data-tip="{tip}">{text}</span>')
        parts.append("<p>" + " ".join(pieces) + "</p>")
    parts.append("</div>")
    return "".join(parts)


def _anchor(story_id: str) -> str:
    """The HTML id of a story's section."""
    return "story-" + "".join(char if char.isalnum() or char in "-_" else "-" for char in str(story_id))


def contents_html(table: pd.DataFrame, stories: list[str]) -> str:
    """A table of contents: a link to each story with its outlet, date and sentences."""
    firsts = table.drop_duplicates("story_id").set_index("story_id")
    sizes = coded_sentences(table).groupby("story_id", observed=True).size()
    items = []
    for story in stories:
        first = firsts.loc[story]
        title = first["title"] if isinstance(first["title"], str) and first["title"] else story
        date = first["date"].strftime("%Y-%m-%d") if isinstance(first["date"], pd.Timestamp) else ""
        meta = " · ".join(part for part in (first["outlet"] if isinstance(first["outlet"], str) else "", date) if part)
        items.append(f'<li><a href="#{escape(_anchor(story))}">{escape(title)}</a> <small>{escape(meta)} ({sizes.get(story, 0)} sentences)</small></li>')
    return f'<ol class="coding-contents">{"".join(items)}</ol>'


def coding_html(table: pd.DataFrame, stories: list[str] | None = None) -> str:
    """Return a whole page: the legend and each story (all by default), as HTML."""
    stories = stories or [str(story) for story in pd.unique(table["story_id"])]
    body = legend_html() + "".join(story_html(table, story) for story in stories)
    return _STYLE + body


_FILTER_SCRIPT = """<script>
function codingFilter() {
  var outlet = document.getElementById('coding-outlet').value;
  var type = document.getElementById('coding-type').value;
  document.querySelectorAll('.coding-story').forEach(function (story) {
    story.style.display = (!outlet || story.dataset.outlet === outlet) ? '' : 'none';
    story.classList.toggle('dimmed', !!type);
    story.querySelectorAll('.s').forEach(function (s) { s.classList.toggle('chosen', s.dataset.type === type); });
  });
  document.querySelectorAll('.coding-contents li').forEach(function (item) {
    var story = document.getElementById(item.querySelector('a').getAttribute('href').slice(1));
    item.style.display = story.style.display;
  });
}
</script>"""


def filters_html(table: pd.DataFrame) -> str:
    """Two drop-down filters for the standalone page: stories of one outlet, and the
    sentences of one source type (the others dimmed)."""
    outlets = sorted(str(outlet) for outlet in table["outlet"].dropna().unique())
    outlet_options = "".join(f'<option value="{escape(o)}">{escape(o)}</option>' for o in outlets)
    type_options = "".join(f'<option value="{t}">{escape(label(t))}</option>' for t in SOURCE_TYPES)
    return (
        '<div class="coding-filters">'
        f'Outlet<select id="coding-outlet" onchange="codingFilter()"><option value="">all</option>{outlet_options}</select>'
        f'Source type<select id="coding-type" onchange="codingFilter()"><option value="">all</option>{type_options}</select>'
        "</div>" + _FILTER_SCRIPT
    )


def write_coding_page(table: pd.DataFrame, path) -> None:
    """Write the coded stories as a standalone HTML page: filters, a table of contents,
    the legend and every story."""
    stories = [str(story) for story in pd.unique(table["story_id"])]
    body = filters_html(table) + contents_html(table, stories) + coding_html(table, stories)
    page = f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>Coded stories</title></head><body>{body}</body></html>"
    with atomic_output(path) as temporary:
        temporary.write_text(page, encoding="utf-8")
