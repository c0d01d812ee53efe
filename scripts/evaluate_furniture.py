"""Measure how well page furniture is set apart, against hand-marked article bodies.

    python scripts/evaluate_furniture.py [--split dev|heldout|all] [--gold ../furniture] [--root ../shared]

The gold standard (``gold.jsonl`` in ``--gold``; see its README) marks, on each page, the
article's body (headline, standfirst, paragraphs, subheads) and neutral text (title,
byline, date line, captions, tags); everything else is furniture. Each page is tabulated
the way a user would: the People's Daily pages inside their outlet's folder (all the
pages of ``corpora/peoples_daily_2020-11-19`` in ``--root``, so that the corpus pass sees
the site's template), the HTML pages as ``.html`` files in a folder per site. For each
site and overall it prints the share of the body's non-space characters that land in
content rows (rows not marked ``is_boilerplate``; target >= 0.97) and the share of the
furniture's that do (target <= 0.05); neutral characters are not scored.

It also codes each page's body given alone (the body's characters, line by line) and
compares the source types of the body's sentences with those they get on the whole page
(sentences matched by their text).

Exits 0 with a message when the gold standard or the corpus is not there: both are kept
outside this repository, and the tests never need them.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import warnings
from collections import defaultdict
from html import unescape
from pathlib import Path

import pandas as pd

from analysis.datafiles import PROJECT_DIR
from analysis.corpus.read import InputWarning, _TextOfPage, html_text
from analysis.table.tabulate import tabulate, tabulate_text

PEOPLES_DAILY = Path("corpora") / "peoples_daily_2020-11-19"
BODY_RECALL_TARGET = 0.97
FURNITURE_LEAK_TARGET = 0.05


class _TextWithOffsets(_TextOfPage):
    """The project's HTML reader, also recording where in the page each piece of text
    starts and ends."""

    def __init__(self, page: str):
        super().__init__()
        self.page = page
        self.line_starts = [0]
        for index, char in enumerate(page):
            if char == "\n":
                self.line_starts.append(index + 1)
        self.origins: list[tuple[int, int] | None] = []

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, tag, attrs):
        before = len(self.parts)
        super().handle_starttag(tag, attrs)
        self.origins.extend([None] * (len(self.parts) - before))

    def handle_endtag(self, tag):
        before = len(self.parts)
        super().handle_endtag(tag)
        self.origins.extend([None] * (len(self.parts) - before))

    def handle_data(self, data):
        before = len(self.parts)
        super().handle_data(data)
        if len(self.parts) > before:
            start = self._offset()
            end = self._raw_end(start, data)
            self.origins.append((start, end))

    def _raw_end(self, start: int, data: str) -> int:
        """Where the raw text of ``data`` (entities not yet unescaped) ends in the page."""
        end = self.page.find("<", start)
        end = len(self.page) if end < 0 else end
        while unescape(self.page[start:end]) != data and end > start:
            shorter = self.page.rfind("<", start, end)
            if shorter <= start:
                break
            end = shorter
        return end


def page_text_with_origins(page: str) -> tuple[str, list[int | None]]:
    """The page's text as ``read.html_text`` gives it, and for each of its characters the
    offset in the page it comes from (None for the spaces and line breaks it adds)."""
    parser = _TextWithOffsets(page)
    parser.feed(page)
    parser.close()
    chars: list[tuple[str, int | None]] = []
    for part, origin in zip(parser.parts, parser.origins):
        if origin is None:
            chars.extend((char, None) for char in part)
            continue
        start, end = origin
        span = max(end - start, 1)
        for index, char in enumerate(part):
            chars.append((char, start + min(int(index * span / max(len(part), 1)), span - 1)))
    lines: list[list[tuple[str, int | None]]] = [[]]
    for char, origin in chars:
        if char == "\n":
            lines.append([])
        else:
            lines[-1].append((char, origin))
    text, origins = [], []
    for line in lines:
        folded: list[tuple[str, int | None]] = []
        for char, origin in line:
            if char.isspace():
                if folded and folded[-1][0] != " ":
                    folded.append((" ", None))
            else:
                folded.append((char, origin))
        while folded and folded[-1][0] == " ":
            folded.pop()
        if folded:
            if text:
                text.append("\n")
                origins.append(None)
            text.extend(char for char, _ in folded)
            origins.extend(origin for _, origin in folded)
    text.append("\n")
    origins.append(None)
    joined = "".join(text)
    expected, _ = html_text(page)
    if joined != expected:
        raise SystemExit("the offsets of the HTML reader could not be followed: the evaluation needs updating")
    return joined, origins


def labels_of(text: str, origins: list[int | None] | None, body: list, neutral: list) -> list[str]:
    """The gold label of each character of ``text``: body, neutral or furniture (spaces:
    none). ``origins`` maps characters to the offsets the gold ranges use (None: the same)."""
    def label_at(offset: int) -> str:
        for start, end in body:
            if start <= offset < end:
                return "body"
        for start, end in neutral:
            if start <= offset < end:
                return "neutral"
        return "furniture"

    labels = []
    for index, char in enumerate(text):
        if char.isspace():
            labels.append("")
            continue
        offset = index if origins is None else origins[index]
        labels.append("furniture" if offset is None else label_at(offset))
    return labels


def score_page(table: pd.DataFrame, labels: list[str]) -> dict[str, int]:
    """Count the body and furniture characters of a page, and those in content rows."""
    content = [False] * len(labels)
    for start, end, furniture in zip(table["start"], table["end"], table["is_boilerplate"]):
        if not furniture:
            for index in range(start, min(end, len(labels))):
                content[index] = True
    counts = {"body": 0, "body_kept": 0, "furniture": 0, "furniture_kept": 0}
    for label, kept in zip(labels, content):
        if label in ("body", "furniture"):
            counts[label] += 1
            counts[f"{label}_kept"] += kept
    return counts


def body_alone(text: str, labels: list[str]) -> str:
    """The body's characters of the page, line by line, as a text of its own."""
    lines, current = [], []
    for char, label in zip(text, labels):
        if char == "\n":
            lines.append("".join(current).strip())
            current = []
        elif label == "body" or (char.isspace() and current):
            current.append(char if label == "body" else " ")
    lines.append("".join(current).strip())
    return "\n".join(" ".join(line.split()) for line in lines if line.strip()) + "\n"


def typing_agreement(page: pd.DataFrame, alone: pd.DataFrame) -> dict[str, int]:
    """Match the body-alone sentences to the whole page's by their text; count how many
    match and how many of those have the same source type and speaker."""
    whole = {}
    for text, kind, speaker, furniture in zip(page["text"], page["source_type"].astype("object"), page["speaker"].astype("object"), page["is_boilerplate"]):
        whole.setdefault(text, (kind, speaker, furniture))
    counts = {"sentences": 0, "matched": 0, "same_type": 0, "same_speaker": 0, "furniture_on_page": 0}
    for text, kind, speaker in zip(alone["text"], alone["source_type"].astype("object"), alone["speaker"].astype("object")):
        if not isinstance(kind, str):
            continue  # headings
        counts["sentences"] += 1
        if text not in whole:
            continue
        counts["matched"] += 1
        other_kind, other_speaker, furniture = whole[text]
        counts["furniture_on_page"] += bool(furniture)
        counts["same_type"] += other_kind == kind
        counts["same_speaker"] += (other_speaker if isinstance(other_speaker, str) else None) == (speaker if isinstance(speaker, str) else None)
    return counts


def share(part: int, whole: int) -> str:
    return f"{part / whole:.3f}" if whole else "  -  "


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=["dev", "heldout", "all"], default="dev", help="which pages to measure (default dev)")
    parser.add_argument("--gold", type=Path, default=PROJECT_DIR.parent / "furniture", help="the folder with gold.jsonl and pages/")
    parser.add_argument("--root", type=Path, default=PROJECT_DIR.parent / "shared", help="the shared folder with corpora/")
    parser.add_argument("--pages", action="store_true", help="also print each page's scores")
    args = parser.parse_args(argv)
    gold_file = args.gold / "gold.jsonl"
    corpus = args.root / PEOPLES_DAILY
    if not gold_file.is_file() or not corpus.is_dir():
        print(f"skipped: needs {gold_file} and {corpus} (kept outside this repository)")
        return 0
    records = [json.loads(line) for line in gold_file.read_text(encoding="utf-8").splitlines() if line.strip()]
    records = [record for record in records if args.split == "all" or record["split"] == args.split]
    warnings.simplefilter("ignore", InputWarning)

    results = []
    peoples_daily = [record for record in records if record["page"].startswith("peoples_daily/")]
    if peoples_daily:
        table = tabulate(corpus)
        for record in peoples_daily:
            name = record["page"].split("/", 1)[1]
            text = (corpus / name).read_text(encoding="utf-8")
            rows = table[table["doc"] == Path(name).stem]
            labels = labels_of(text, None, record["body"], record["neutral"])
            results.append((record, rows, text, labels))
    html = [record for record in records if record["page"].endswith((".html", ".htm"))]
    with tempfile.TemporaryDirectory() as folder:
        by_site = defaultdict(list)
        for record in html:
            by_site[record["site"]].append(record)
        for site, site_records in sorted(by_site.items()):
            site_folder = Path(folder) / site
            site_folder.mkdir()
            for record in site_records:
                shutil.copy(args.gold / record["page"], site_folder / Path(record["page"]).name)
            table = tabulate(site_folder)
            for record in site_records:
                page = (args.gold / record["page"]).read_text(encoding="utf-8")
                text, origins = page_text_with_origins(page)
                rows = table[table["doc"] == Path(record["page"]).stem]
                results.append((record, rows, text, labels_of(text, origins, record["body"], record["neutral"])))

    totals = defaultdict(lambda: defaultdict(int))
    for record, rows, text, labels in results:
        counts = score_page(rows, labels)
        typing = typing_agreement(rows, tabulate_text(body_alone(text, labels)))
        for key, value in {**counts, **typing, "pages": 1}.items():
            totals[record["site"]][key] += value
            totals["all"][key] += value
        if args.pages:
            print(f"{record['page'][:70]:70} body {share(counts['body_kept'], counts['body'])} "
                  f"furniture {share(counts['furniture_kept'], counts['furniture'])} "
                  f"typing {typing['same_type']}/{typing['matched']} of {typing['sentences']}")
    print(f"split: {args.split}; targets: body in content rows >= {BODY_RECALL_TARGET}, furniture in content rows <= {FURNITURE_LEAK_TARGET}")
    print(f"{'site':15} {'pages':>5} {'body chars':>10} {'body kept':>9} {'furniture':>9} {'leaked':>7} "
          f"{'sentences':>9} {'matched':>7} {'same type':>9} {'same speaker':>12}")
    for site in [*sorted(key for key in totals if key != "all"), "all"]:
        t = totals[site]
        print(f"{site:15} {t['pages']:5} {t['body']:10} {share(t['body_kept'], t['body']):>9} {t['furniture']:9} "
              f"{share(t['furniture_kept'], t['furniture']):>7} {t['sentences']:9} {t['matched']:7} "
              f"{share(t['same_type'], t['matched']):>9} {share(t['same_speaker'], t['matched']):>12}")
    t = totals["all"]
    print(f"body recall {t['body_kept'] / t['body']:.3f}, furniture leak {t['furniture_kept'] / max(t['furniture'], 1):.3f}, "
          f"typing with the page as with the body alone {t['same_type'] / max(t['matched'], 1):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
