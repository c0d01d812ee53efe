"""Split documents into stories, as a manifest says.

A manifest is a CSV or YAML file in which each row (or mapping) names one story:

``story_id``
    a short unique id, used in every table and chart;
``title``, ``outlet``, ``date``
    descriptive metadata (``date`` as YYYY-MM-DD, or YYYY-MM when the day is unknown);
``file``
    the text file holding the story, as a path relative to the manifest's folder
    (or to the current folder);
``start_line``
    the line of that file on which the story starts, counting from 1;
``end_line`` (optional)
    the last line of the story; by default a story runs to the line before the next
    story of the same file, or to the end of the file.

A document with no manifest entry is one story whose id is the document id. Text before
the first story of a file becomes a story of its own, ``<doc>-front-matter``, so that no
text is lost.
"""

from __future__ import annotations

import csv
import warnings
from dataclasses import dataclass, replace
from pathlib import Path

import yaml

from ..errors import InputError, InputWarning

from .read import DateReader, Document

MANIFEST_COLUMNS = ("story_id", "title", "outlet", "date", "file", "start_line")


@dataclass(frozen=True)
class Story:
    """A story: its metadata and its ``start``/``end`` offsets in its document's text."""

    doc: str
    story_id: str
    title: str
    outlet: str
    date: str
    start: int
    end: int


@dataclass(frozen=True)
class ManifestEntry:
    """One row of a manifest, with the resolved path of its file and the manifest line."""

    story_id: str
    title: str
    outlet: str
    date: str
    file: Path
    start_line: int
    end_line: int | None
    where: str


def read_manifest(path: str | Path, dayfirst: bool | None = None) -> list[ManifestEntry]:
    """Read and check a CSV or YAML manifest; raise ``InputError`` naming file and line.
    Numeric dates are read in the order of day and month that the manifest's dates show,
    or that ``dayfirst`` sets (``read.DateReader``)."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: no such manifest file")
    if path.suffix.lower() in {".yaml", ".yml"}:
        records = _yaml_records(path)
    else:
        records = _csv_records(path)
    dates = DateReader(str(path), (str(record.get("date") or "") for _, record in records), dayfirst)
    if dates.problem:
        warnings.warn(InputWarning(dates.problem), stacklevel=2)
    entries = [_entry(path, line, record, dates) for line, record in records]
    _check_entries(entries)
    return entries


def _csv_records(path: Path) -> list[tuple[int, dict]]:
    """Read the rows of a CSV manifest with their line numbers."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [name for name in MANIFEST_COLUMNS if name not in (reader.fieldnames or [])]
        if missing:
            raise InputError(f"{path}, line 1: the manifest lacks the columns {', '.join(missing)}")
        records = []
        for row in reader:
            if None in row:
                raise InputError(f"{path}, line {reader.line_num}: more cells than columns")
            if any(value is None for value in row.values()):
                raise InputError(f"{path}, line {reader.line_num}: fewer cells than columns")
            if any((value or "").strip() for value in row.values()):
                records.append((reader.line_num, row))
        return records


def _yaml_records(path: Path) -> list[tuple[int, dict]]:
    """Read the mappings of a YAML manifest, safely, numbered from 1."""
    try:
        loaded = yaml.safe_load(path.read_text(encoding="utf-8-sig"))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = f", line {mark.line + 1}" if mark else ""
        raise InputError(f"{path}{line}: not valid YAML") from error
    if isinstance(loaded, dict) and "stories" in loaded:
        loaded = loaded["stories"]
    if not isinstance(loaded, list) or not all(isinstance(item, dict) for item in loaded):
        raise InputError(f"{path}: a YAML manifest is a list of stories, each a mapping")
    return [(number, item) for number, item in enumerate(loaded, start=1)]


def _entry(path: Path, line: int, record: dict, dates: DateReader | None = None) -> ManifestEntry:
    """Check one manifest record and turn it into a ``ManifestEntry``."""
    where = f"{path}, line {line}" if path.suffix.lower() == ".csv" else f"{path}, story {line}"
    values = {key: str(record.get(key) or "").strip() for key in (*MANIFEST_COLUMNS, "end_line")}
    for name in ("story_id", "file", "start_line"):
        if not values[name]:
            raise InputError(f"{where}: {name} is empty")
    start_line = _line_number(where, "start_line", values["start_line"])
    end_line = _line_number(where, "end_line", values["end_line"]) if values["end_line"] else None
    if end_line is not None and end_line < start_line:
        raise InputError(f"{where}: end_line {end_line} comes before start_line {start_line}")
    file = _resolve(path, values["file"])
    if file is None:
        raise InputError(f"{where}: the file {values['file']!r} does not exist")
    values["date"], problem = (dates or DateReader(str(path), (values["date"],))).read(values["date"])
    if problem:
        warnings.warn(InputWarning(f"{where}: {problem.replace('the article', 'the story')}"), stacklevel=2)
    return ManifestEntry(
        values["story_id"], values["title"], values["outlet"], values["date"],
        file, start_line, end_line, where,
    )


def _line_number(where: str, name: str, value: str) -> int:
    """Parse a line number of 1 or more, or raise ``InputError``."""
    try:
        number = int(value)
    except ValueError:
        raise InputError(f"{where}: {name} must be a line number, not {value!r}") from None
    if number < 1:
        raise InputError(f"{where}: {name} must be 1 or more, not {number}")
    return number


def _resolve(manifest: Path, name: str) -> Path | None:
    """Find a manifest's file beside the manifest or in the current folder."""
    for base in (manifest.parent, Path.cwd()):
        candidate = (base / name).resolve()
        if candidate.is_file():
            return candidate
    return None


def _check_entries(entries: list[ManifestEntry]) -> None:
    """Raise ``InputError`` for duplicate ids and for stories that overlap."""
    seen: dict[str, ManifestEntry] = {}
    for entry in entries:
        if entry.story_id in seen:
            raise InputError(
                f"{entry.where}: duplicate story_id {entry.story_id!r} "
                f"(also at {seen[entry.story_id].where})"
            )
        seen[entry.story_id] = entry
    by_file: dict[Path, list[ManifestEntry]] = {}
    for entry in entries:
        by_file.setdefault(entry.file, []).append(entry)
    for same_file in by_file.values():
        ordered = sorted(same_file, key=lambda entry: entry.start_line)
        for before, after in zip(ordered, ordered[1:]):
            if after.start_line == before.start_line or (
                before.end_line is not None and before.end_line >= after.start_line
            ):
                raise InputError(
                    f"{after.where}: story {after.story_id!r} overlaps story "
                    f"{before.story_id!r} ({before.where})"
                )


def split_stories(document: Document, manifest: list[ManifestEntry] | None = None) -> list[Story]:
    """Return the stories of ``document`` in order, covering all of its text, with
    offsets into its ``working_text``.

    Raise ``InputError`` when a manifest entry points past the end of the document.
    """
    stories = _raw_stories(document, manifest)
    if document.repair is None:
        return stories
    return [replace(story, start=document.to_working(story.start), end=document.to_working(story.end)) for story in stories]


def _raw_stories(document: Document, manifest: list[ManifestEntry] | None) -> list[Story]:
    """The stories of ``document`` with offsets into its text as read."""
    text = document.text
    if document.metadata is not None:
        meta = document.metadata
        return [Story(document.doc, document.doc, meta["title"], meta["outlet"], meta["date"], 0, len(text))]
    path = document.path.resolve()
    entries = sorted(
        (entry for entry in manifest or [] if entry.file == path), key=lambda entry: entry.start_line
    )
    if not entries:
        return [Story(document.doc, document.doc, document.title, document.outlet, document.date, 0, len(text))]
    line_starts = [0] + [index + 1 for index, char in enumerate(text) if char == "\n"]
    if text.endswith("\n"):
        line_starts.pop()
    last_line = len(line_starts)

    def offset(line: int) -> int:
        return line_starts[line - 1] if line <= last_line else len(text)

    stories: list[Story] = []
    first_start = offset(entries[0].start_line)
    if text[:first_start].strip():
        stories.append(Story(document.doc, f"{document.doc}-front-matter", "", "", "", 0, first_start))
    for index, entry in enumerate(entries):
        for name, line in (("start_line", entry.start_line), ("end_line", entry.end_line)):
            if line is not None and line > last_line:
                raise InputError(
                    f"{entry.where}: {name} {line} is past the end of {document.path} "
                    f"({last_line} lines)"
                )
        start = offset(entry.start_line)
        following = offset(entries[index + 1].start_line) if index + 1 < len(entries) else len(text)
        end = following if entry.end_line is None else offset(entry.end_line + 1)
        stories.append(Story(document.doc, entry.story_id, entry.title, entry.outlet, entry.date, start, end))
        if end < following and text[end:following].strip():
            stories.append(
                Story(document.doc, f"{entry.story_id}-after", "", "", "", end, following)
            )
    return stories
