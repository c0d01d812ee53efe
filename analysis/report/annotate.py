"""Show the coding in the text: each story as HTML, every sentence coloured by its source
type, with speaker, cue, quotation kind and sentiment in a tooltip made in CSS (it shows on
hover, and on a tap on touch screens, where ``title`` tooltips do not); headings in bold,
page furniture small and grey. It renders in
JupyterLab, in the HTML copies of the notebooks, and in any browser; the standalone page
adds a table of contents and filters by outlet and source type."""

from __future__ import annotations

from html import escape

import pandas as pd

from ..datafiles import atomic_output
from .plot import PALETTE, label
from ..coding.sourcetypes import SOURCE_TYPES
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


def _hover(row, names: dict[str, str]) -> str:
    """The text shown on hover over a sentence: type, speaker, description, cue, sentiment
    (``names``: each source type's label)."""
    def value(name):
        cell = getattr(row, name)
        return "" if cell is None or pd.isna(cell) else str(cell)

    if getattr(row, "is_boilerplate", False):
        return "Page furniture (menu, link list, footer): not part of the article, not coded"
    if row.is_heading:
        return "Heading or caption: no source"
    parts = [f"Source type: {names.get(value('source_type'), value('source_type'))}"]
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
    return _stories_html(rows)[str(story_id)]


def _stories_html(rows: pd.DataFrame) -> dict[str, str]:
    """The HTML of every story of ``rows`` (whole stories, in table order), made in one
    pass over the rows: a title, a line of what the story holds, then its paragraphs."""
    counts = coded_sentences(rows).groupby([rows["story_id"].astype(str), "source_type"], observed=True).size()
    names = {source_type: label(source_type) for source_type in SOURCE_TYPES}
    stories: dict[str, list[str]] = {}
    paragraph = None
    for row in rows.itertuples():
        story = str(row.story_id)
        if story not in stories:
            stories[story] = [_story_head(row, story, counts.get(story, pd.Series(dtype=int)), names)]
            paragraph = None
        parts = stories[story]
        if row.paragraph != paragraph:
            parts.append("</p><p>" if paragraph is not None else "<p>")
            paragraph = row.paragraph
        else:
            parts.append(" ")
        parts.append(_sentence_span(row, names))
    return {story: "".join(parts) + "</p></div>" for story, parts in stories.items()}


def _story_head(row, story: str, counts: pd.Series, names: dict[str, str]) -> str:
    """The opening of a story's block: its anchor, outlet, title and what it holds."""
    title = row.title if isinstance(row.title, str) and row.title else story
    summary = ", ".join(f"{names[t]} {counts[t]}" for t in SOURCE_TYPES if counts.get(t, 0))
    date = row.date.strftime("%Y-%m-%d") if isinstance(row.date, pd.Timestamp) else ""
    outlet_name = row.outlet if isinstance(row.outlet, str) else ""
    outlet = " · ".join(part for part in (outlet_name, date) if part)
    return (f'<div class="coding-story" id="{escape(_anchor(story))}" data-outlet="{escape(outlet_name)}"><h3>{escape(title)}</h3>'
            f'<div class="meta">{escape(story)}{" · " + escape(outlet) if outlet else ""} · {int(counts.sum())} sentences: {escape(summary)}</div>')


def _sentence_span(row, names: dict[str, str]) -> str:
    """One sentence as a span: furniture, heading, or coloured by its source type."""
    text = escape(str(row.text))
    tip = escape(_hover(row, names))
    if getattr(row, "is_boilerplate", False):
        return f'<span class="furniture" tabindex="0" data-tip="{tip}">{text}</span>'
    if row.is_heading:
        return f'<span class="heading" tabindex="0" data-tip="{tip}">{text}</span>'
    kind = escape(str(row.source_type)) if isinstance(row.source_type, str) else ""
    return f'<span class="s" tabindex="0" data-type="{kind}" style="{_style(row.source_type)}" data-tip="{tip}">{text}</span>'


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
    blocks = _stories_html(table[table["story_id"].astype(str).isin(set(stories))])
    missing = [story for story in stories if story not in blocks]
    if missing:
        raise ValueError(f"no story {missing[0]!r} in the table")
    return _STYLE + legend_html() + "".join(blocks[story] for story in stories)


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


PAGE_STORIES = 200


def write_coding_page(table: pd.DataFrame, path, page_stories: int = PAGE_STORIES) -> list:
    """Write the coded stories as standalone HTML: with at most ``page_stories`` stories,
    one page at ``path`` (filters, a table of contents, the legend and every story);
    with more, an index at ``path`` that lists each outlet's stories and links to pages
    of at most ``page_stories`` stories of one outlet each, in a folder named like
    ``path`` without its suffix beside it. Time grows with the corpus, not its square;
    pages from an earlier, longer run are removed. Returns the pages written."""
    from pathlib import Path

    path = Path(path)
    stories = [str(story) for story in pd.unique(table["story_id"])]
    if len(stories) <= page_stories:
        _write_page(path, "Coded stories", filters_html(table) + contents_html(table, stories) + coding_html(table, stories))
        return [path]
    folder = path.with_suffix("")
    folder.mkdir(parents=True, exist_ok=True)
    outlets = table.drop_duplicates("story_id").set_index(table.drop_duplicates("story_id")["story_id"].astype(str))["outlet"]
    written, index = [], []
    for outlet, group in pd.Series(stories).groupby(outlets.reindex(stories).fillna("(no outlet)").to_numpy(), sort=True):
        chunks = [list(group[i : i + page_stories]) for i in range(0, len(group), page_stories)]
        index.append(f"<h2>{escape(str(outlet))}: {len(group)} stories</h2>")
        for number, chunk in enumerate(chunks, start=1):
            name = f"{_anchor(outlet)[6:] or 'outlet'}-{number}.html"
            rows = table[table["story_id"].astype(str).isin(chunk)]
            title = f"{outlet}, stories {(number - 1) * page_stories + 1}–{(number - 1) * page_stories + len(chunk)}"
            back = f'<p><a href="../{escape(path.name)}">All outlets and stories</a></p>'
            _write_page(folder / name, f"Coded stories: {title}", back + f"<h1>{escape(title)}</h1>" + filters_html(rows)
                        + contents_html(rows, chunk) + coding_html(rows, chunk))
            written.append(folder / name)
            links = contents_html(rows, chunk).replace('href="#', f'href="{escape(folder.name)}/{escape(name)}#')
            index.append(f'<h3><a href="{escape(folder.name)}/{escape(name)}">{escape(title)}</a></h3>{links}')
    for stale in folder.glob("*.html"):
        if stale not in written:
            stale.unlink()
    _write_page(path, "Coded stories", f"<h1>Coded stories: {len(stories)} in {len(outlets.dropna().unique())} outlets</h1>"
                + legend_html() + "".join(index))
    return [path, *written]


def _write_page(path, title: str, body: str) -> None:
    """Write a standalone HTML page, whole or not at all."""
    page = f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{escape(title)}</title>{_STYLE}</head><body>{body}</body></html>"
    with atomic_output(path) as temporary:
        temporary.write_text(page, encoding="utf-8")
