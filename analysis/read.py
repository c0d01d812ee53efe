"""Read documents: plain-text articles, folders of them, and tables of articles.

A ``.txt`` file is one document whose id is the file stem; a manifest (see
``stories.py``) may split it into several stories. A ``.csv`` or ``.jsonl`` file with the
columns ``id, title, outlet, date, text`` (the form scrapers and news APIs produce) holds
one document, and one story, per row. A folder is read file by file, in name order.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

TEXT_SUFFIXES = {".txt", ".text"}
TABLE_SUFFIXES = {".csv", ".jsonl", ".ndjson"}
ARTICLE_COLUMNS = ("id", "title", "outlet", "date", "text")


class InputError(Exception):
    """A file or option that cannot be used, with a message that says why and what to do."""


@dataclass(frozen=True)
class Document:
    """The text of one document as read, and where it came from.

    ``metadata`` holds the title, outlet and date of an article read from a table; a
    plain-text document has none and takes them from the manifest.
    """

    doc: str
    text: str
    path: Path
    metadata: dict[str, str] | None = field(default=None, compare=False)


def expand_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Return the files named by ``paths``, each folder replaced by the text (.txt) and
    table (.csv, .jsonl) files below it in sorted order. Raise ``InputError`` for a path
    that does not exist."""
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files.extend(
                sorted(
                    p for p in path.rglob("*")
                    if p.is_file() and not p.name.startswith(".") and p.suffix.lower() in TEXT_SUFFIXES | TABLE_SUFFIXES
                )
            )
        elif path.is_file():
            files.append(path)
        else:
            raise InputError(f"{path}: no such file or folder")
    return files


def read_documents(path: str | Path) -> Iterator[Document]:
    """Yield the documents of one file: one for a text file, one per row of a table."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        yield from _article_documents(path, _csv_rows(path))
    elif suffix in {".jsonl", ".ndjson"}:
        yield from _article_documents(path, _jsonl_rows(path))
    else:
        yield Document(doc=path.stem, text=read_text(path), path=path)


def read_text(path: Path) -> str:
    """Return the text of a UTF-8 file, without a byte-order mark."""
    try:
        return path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(f"{path}: not UTF-8 text ({error.reason} at byte {error.start})") from error


def _csv_rows(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        _check_columns(path, reader.fieldnames or [])
        for row in reader:
            yield reader.line_num, row


def _jsonl_rows(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    with path.open(encoding="utf-8-sig") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as error:
                raise InputError(f"{path}, line {number}: not valid JSON ({error.msg})") from error
            if not isinstance(row, dict):
                raise InputError(f"{path}, line {number}: expected a JSON object per line")
            _check_columns(path, list(row), number)
            yield number, row


def _check_columns(path: Path, columns: list[str], line: int | None = None) -> None:
    missing = [name for name in ("id", "text") if name not in columns]
    if missing:
        where = f"{path}, line {line}" if line else str(path)
        raise InputError(
            f"{where}: an article table needs the columns {', '.join(ARTICLE_COLUMNS)}; "
            f"missing {', '.join(missing)}"
        )


def _article_documents(path: Path, rows: Iterable[tuple[int, dict]]) -> Iterator[Document]:
    seen: dict[str, int] = {}
    for line, row in rows:
        doc = str(row.get("id") or "").strip()
        if not doc:
            raise InputError(f"{path}, line {line}: the article has no id")
        if doc in seen:
            raise InputError(f"{path}, line {line}: duplicate id {doc!r} (first on line {seen[doc]})")
        seen[doc] = line
        text = row.get("text")
        if not isinstance(text, str):
            raise InputError(f"{path}, line {line}: the article {doc!r} has no text")
        metadata = {key: str(row.get(key) or "").strip() for key in ("title", "outlet", "date")}
        yield Document(doc=doc, text=text, path=path, metadata=metadata)
