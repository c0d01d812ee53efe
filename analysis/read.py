"""Read documents: plain-text articles, HTML pages, folders of them, and tables of articles.

A ``.txt`` file is one document whose id is the file stem; a manifest (see
``stories.py``) may split it into several stories. Without a manifest entry, its title,
outlet and date come from a ``metadata.csv`` beside it (columns ``file, outlet, date,
title``), else from a file name of the shape ``outlet_YYYY-MM-DD_anything.txt`` and a
first line followed by a blank line, which is taken for the headline. An ``.html`` page is one document
made of the text of its body. A ``.csv`` or ``.jsonl`` file with the columns
``id, title, outlet, date, text`` (the form scrapers and news APIs produce) holds one
document, and one story, per row. A folder is read file by file, in name order.

Every file either goes through whole or is refused with an ``InputError`` that says what
is wrong and what to do. What was guessed or repaired on the way (an encoding other than
UTF-8, mojibake, HTML markup, text that does not look English) is reported as an
``InputWarning`` and kept in the document's ``notes``.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import re
import warnings
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path

import charset_normalizer
import pandas as pd

from .repair import Repair, repair_mojibake

TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm"}
TABLE_SUFFIXES = {".csv", ".jsonl", ".ndjson"}
READABLE_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | TABLE_SUFFIXES
ARTICLE_COLUMNS = ("id", "title", "outlet", "date", "text")
# When several encodings give the same text, name the one scraped English news most
# likely came in.
PREFERRED_ENCODINGS = ("cp1252", "latin_1")
MAGIC_NUMBERS = {
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"PK\x03\x04": "a ZIP archive (or a Word or Excel file)",
    b"\x1f\x8b": "a gzip archive",
    b"\xd0\xcf\x11\xe0": "an old Microsoft Office file",
    b"RIFF": "a media file",
}
ENGLISH_WORDS = frozenset(
    """the of and to a in is that for it on with as was he said by at from his be are
    this have has not but they an which were their will its or had been who would
    we more also there than about after she her when one two new all can over into""".split()
)
# Metadata of text files: a sidecar table, file names "outlet_YYYY-MM-DD_slug", and a
# headline as the first line with a blank line after it.
SIDECAR = "metadata.csv"
_FILE_NAME = re.compile(r"^(?P<outlet>[^_]+)_(?P<date>\d{4}-\d{2}-\d{2})(?:_.*)?$")
_HEADLINE = re.compile(r"^\s*(?P<title>[^\n]{1,200})\n[ \t]*\n")
ENGLISH_SHARE = 0.12
ENGLISH_MIN_WORDS = 20


class InputError(Exception):
    """A file or option that cannot be used, with a message that says why and what to do."""


class InputWarning(UserWarning):
    """Something about a file was guessed or repaired: the run goes on, but say so."""


@dataclass(frozen=True)
class Document:
    """The text of one document as read, and where it came from.

    ``metadata`` holds the title, outlet and date of an article read from a table; a
    text or HTML document has none and takes them from the manifest, or when the
    manifest has no entry from its own ``title``, ``outlet`` and ``date`` (see
    ``file_metadata``; an HTML page's title). ``repair`` is the
    mojibake-repaired text with its offset map, when the text needed one; the pipeline
    reads ``working_text`` and reports offsets into ``text``. ``notes`` lists what was
    guessed or repaired.
    """

    doc: str
    text: str
    path: Path
    metadata: dict[str, str] | None = field(default=None, compare=False)
    repair: Repair | None = field(default=None, compare=False)
    notes: tuple[str, ...] = field(default=(), compare=False)
    title: str = ""
    outlet: str = ""
    date: str = ""

    @property
    def working_text(self) -> str:
        """The text the pipeline reads: repaired if it had mojibake, else as read."""
        return self.repair.text if self.repair else self.text

    def to_raw(self, offset: int) -> int:
        """Map an offset in ``working_text`` to ``text``."""
        return self.repair.to_raw(offset) if self.repair else offset

    def to_working(self, offset: int) -> int:
        """Map an offset in ``text`` to ``working_text``."""
        return self.repair.to_fixed(offset) if self.repair else offset


@dataclass(frozen=True)
class Skipped:
    """A file or article that was left out, and the message that says why."""

    where: str
    message: str


def expand_paths(paths: Iterable[str | Path], skipped: list[Skipped] | None = None) -> list[Path]:
    """Return the files named by ``paths``, each folder replaced by the files below it in
    name order (hidden files and ``metadata.csv`` sidecars left out). In a folder, files that are not .txt, .html,
    .csv or .jsonl are added to ``skipped`` with the reason. Raise ``InputError`` for a
    path that does not exist."""
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for found in sorted(p for p in path.rglob("*") if p.is_file() and not any(part.startswith(".") for part in p.relative_to(path).parts)):
                if found.name == SIDECAR:
                    continue
                if found.suffix.lower() in READABLE_SUFFIXES:
                    files.append(found)
                elif skipped is not None:
                    skipped.append(Skipped(str(found), f"{found}: {_not_readable(found)}"))
        elif path.is_file():
            files.append(path)
        else:
            raise InputError(f"{path}: no such file or folder")
    return files


def _not_readable(path: Path) -> str:
    """Say why a file in a folder is left out."""
    kind = _binary_kind(path.read_bytes()[:8]) if path.stat().st_size else None
    described = f"it looks like {kind}" if kind else f"'{path.suffix or 'no suffix'}' is not a text or table file"
    return f"left out: {described}; give articles as .txt, .html, .csv or .jsonl"


def read_documents(path: str | Path, skipped: list[Skipped] | None = None) -> Iterator[Document]:
    """Yield the documents of one file: one for a text or HTML file, one per row of a
    table. A row that cannot be used is added to ``skipped`` (or raises ``InputError``
    when ``skipped`` is None); a file that cannot be used raises ``InputError``."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        yield from _article_documents(path, _csv_rows(path), skipped)
    elif suffix in {".jsonl", ".ndjson"}:
        yield from _article_documents(path, _jsonl_rows(path), skipped)
    else:
        text, notes = read_text(path)
        title = ""
        if suffix in HTML_SUFFIXES or _looks_like_html(text):
            text, title = html_text(text)
            notes.append("HTML markup stripped: offsets point into the page's text")
        found = file_metadata(path, text, notes)
        yield _document(path.stem, text, path, None, notes, str(path), title or found["title"], found["outlet"], found["date"])


def file_metadata(path: Path, text: str, notes: list[str] | None = None) -> dict[str, str]:
    """The title, outlet and date of a text file that no manifest describes: from the
    row of ``metadata.csv`` in its folder that names it, else outlet and date from a file
    name ``outlet_YYYY-MM-DD_...`` and the title from a first line followed by a blank
    line. A date that is no date is dropped, with a note in ``notes``."""
    found = dict(_sidecar(path.parent).get(path.name, {}))
    shaped = _FILE_NAME.match(path.stem)
    if shaped:
        found.setdefault("outlet", shaped["outlet"].replace("-", " "))
        found.setdefault("date", shaped["date"])
    headline = _HEADLINE.match(text)
    if headline and not found.get("title"):
        found["title"] = headline["title"].strip()
    date = found.get("date", "").strip()
    if date and not is_date(date):
        if notes is not None:
            notes.append(f"date {date!r} is not a date (write YYYY-MM-DD); the article is kept without one")
        date = ""
    return {"title": found.get("title", "").strip(), "outlet": found.get("outlet", "").strip(), "date": date}


def is_date(value: str) -> bool:
    """True when ``value`` reads as a calendar date ("2016-04-23", "2016", "Apr 23, 2016")."""
    try:
        pd.to_datetime(value, format="mixed")
    except (ValueError, OverflowError):
        return False
    return True


def _sidecar(folder: Path) -> dict[str, dict[str, str]]:
    """The rows of ``folder/metadata.csv`` by file name, read again when it changes."""
    sidecar = folder / SIDECAR
    if not sidecar.is_file():
        return {}
    return _read_sidecar(sidecar, sidecar.stat().st_mtime_ns)


@lru_cache(maxsize=64)
def _read_sidecar(sidecar: Path, modified: int) -> dict[str, dict[str, str]]:
    with sidecar.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    if rows and "file" not in rows[0]:
        raise InputError(f"{sidecar}: needs a 'file' column (and any of outlet, date, title)")
    return {
        Path(row["file"]).name: {key: (row.get(key) or "").strip() for key in ("outlet", "date", "title") if (row.get(key) or "").strip()}
        for row in rows
        if row.get("file")
    }


def _document(
    doc: str, text: str, path: Path, metadata, notes: list[str], where: str, title: str = "", outlet: str = "", date: str = ""
) -> Document:
    """Check the text of a document, repair it, and warn about what was guessed."""
    if not text.strip():
        raise InputError(f"{where}: {'empty' if not text else 'only white space'}; nothing to tabulate")
    repair = repair_mojibake(text)
    if repair is not None:
        notes.append(f"mojibake repaired in {repair.words} words (such as 'â€™' for '’'); offsets point into the text as read")
    if not looks_english(repair.text if repair else text):
        notes.append("does not look like English: the cue verbs and sentiment lexicons are English-only, so expect few attributions and neutral scores")
    for note in notes:
        warnings.warn(InputWarning(f"{where}: {note}"), stacklevel=3)
    return Document(doc=doc, text=text, path=path, metadata=metadata, repair=repair, notes=tuple(notes), title=title, outlet=outlet, date=date)


def read_text(path: Path) -> tuple[str, list[str]]:
    """Return the decoded text of a file and notes on how it was decoded.

    UTF-8 (with or without a byte-order mark) needs no note; UTF-16 and single-byte
    encodings are decoded with a note naming the encoding: cp1252 or Latin-1 first when
    the text then reads as English, else what charset-normalizer guesses. Raise
    ``InputError`` for binary files and for bytes that decode as nothing.
    """
    data = path.read_bytes()
    kind = _binary_kind(data[:8])
    if kind:
        raise InputError(f"{path}: this looks like {kind}, not text; convert it to text first, or leave it out")
    for bom, encoding in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
                          (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return _decode(path, data, encoding), [] if encoding == "utf-8-sig" else [f"decoded as {encoding.upper()} (it starts with a byte-order mark)"]
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as error:
        bad = error.start
    utf16 = _utf16_without_bom(data)
    if utf16:
        return _decode(path, data, utf16), [f"not UTF-8: decoded as {utf16.upper()} (guessed from its zero bytes)"]
    if b"\x00" in data:
        raise InputError(f"{path}: contains zero bytes, so it is not text; convert it to text first, or leave it out")
    if _has_utf8_sequences(data):
        raise InputError(
            f"{path}: byte 0x{data[bad]:02x} at offset {bad} is not valid UTF-8, although the file has UTF-8 "
            "text elsewhere; repair the file (re-save it as UTF-8) or leave it out"
        )
    single_byte = _western_single_byte(data)
    if single_byte:
        return data.decode(single_byte), [f"not UTF-8: decoded as {single_byte}"]
    guess = charset_normalizer.from_bytes(data).best()
    if guess is None:
        raise InputError(f"{path}: the bytes decode as no known encoding; re-save the file as UTF-8 text")
    encoding = next((name for name in PREFERRED_ENCODINGS if name in guess.could_be_from_charset), guess.encoding)
    return str(guess), [f"not UTF-8: decoded as {encoding} (guessed)"]


def _western_single_byte(data: bytes) -> str | None:
    """The Western single-byte encoding of ``data`` when it reads as English text:
    cp1252 (Windows-1252, by far the commonest non-UTF-8 encoding of English news) when
    it has bytes in 0x80-0x9F, where cp1252 keeps curly quotes and dashes and Latin-1
    only control characters; else Latin-1. None when cp1252 leaves a byte undefined or
    the text does not look English (then charset-normalizer guesses)."""
    encoding = "cp1252" if re.search(rb"[\x80-\x9f]", data) else "latin-1"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return None
    return encoding if looks_english(text) else None


def _decode(path: Path, data: bytes, encoding: str) -> str:
    """Decode ``data`` as ``encoding``, or raise ``InputError`` naming the bad byte."""
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise InputError(f"{path}: not valid {encoding.upper()} at byte {error.start}; re-save the file as UTF-8") from error


def _binary_kind(head: bytes) -> str | None:
    """Name the kind of binary file that starts with ``head``, or None for text."""
    for magic, kind in MAGIC_NUMBERS.items():
        if head.startswith(magic):
            return kind
    return None


def _utf16_without_bom(data: bytes) -> str | None:
    """Guess UTF-16 without a byte-order mark from where its zero bytes fall."""
    sample = data[:4000]
    if len(sample) < 4:
        return None
    even = sample[0::2].count(0) / len(sample[0::2])
    odd = sample[1::2].count(0) / len(sample[1::2])
    if odd > 0.3 and even < 0.05:
        return "utf-16-le"
    if even > 0.3 and odd < 0.05:
        return "utf-16-be"
    return None


_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def _has_utf8_sequences(data: bytes) -> bool:
    """True when ``data`` holds at least one valid multi-byte UTF-8 sequence."""
    return bool(_UTF8_SEQUENCE.search(data))


def looks_english(text: str) -> bool:
    """True unless ``text`` has at least 20 words and fewer than 12% of them are common
    English words ("the", "of", "said", ...)."""
    words = re.findall(r"\w+", text[:5000].lower())
    if len(words) < ENGLISH_MIN_WORDS:
        return True
    return sum(word in ENGLISH_WORDS for word in words) / len(words) >= ENGLISH_SHARE


def _looks_like_html(text: str) -> bool:
    """True when a text file is in fact an HTML page."""
    head = text.lstrip()[:200].lower()
    return head.startswith(("<!doctype html", "<html")) or ("<body" in head and "</" in text)


class _TextOfPage(HTMLParser):
    """Collect the readable text of an HTML page, a line per block."""

    SKIP = {"script", "style", "noscript", "head", "nav", "footer", "aside", "form", "svg", "template"}
    BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "section",
              "article", "header", "figcaption", "pre", "dd", "dt", "table", "ul", "ol"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title: list[str] = []
        self._skipping = 0
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self._skipping += 1
        if tag == "title":
            self._in_title = True
        if tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in self.SKIP and self._skipping:
            self._skipping -= 1
        if tag == "title":
            self._in_title = False
        if tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        if self._in_title:
            self.title.append(data)
        elif not self._skipping:
            self.parts.append(data)


def html_text(page: str) -> tuple[str, str | None]:
    """Return the text of an HTML page, one paragraph a line, and its title."""
    parser = _TextOfPage()
    parser.feed(page)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).split("\n"))
    title = " ".join("".join(parser.title).split()) or None
    return "\n".join(line for line in lines if line) + "\n", title


def _open_table(path: Path) -> Iterator[str]:
    """Yield the lines of an article table as they are read, so that a table of any size
    streams. A UTF-8 table (the usual case) is decoded as it goes; one in another
    encoding is decoded whole, as ``read_text`` does, with a warning."""
    with path.open("rb") as handle:
        head = handle.read(65536)
    kind = _binary_kind(head[:8])
    if kind:
        raise InputError(f"{path}: this looks like {kind}, not text; convert it to text first, or leave it out")
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head.removeprefix(codecs.BOM_UTF8), final=False)
        streams = not head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    except UnicodeDecodeError:
        streams = False
    if not streams:
        text, notes = read_text(path)
        for note in notes:
            warnings.warn(InputWarning(f"{path}: {note}"), stacklevel=3)
        yield from io.StringIO(text, newline="")
        return
    with path.open(encoding="utf-8-sig", newline="") as handle:
        try:
            yield from handle
        except UnicodeDecodeError as error:
            raise InputError(f"{path}: not valid UTF-8 after the start ({error.reason}); re-save the file as UTF-8") from error


def _csv_rows(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield ``(line, row)`` for each row of a CSV table of articles."""
    reader = csv.DictReader(_open_table(path))
    _check_columns(path, reader.fieldnames or [])
    for row in reader:
        yield reader.line_num, row


def _jsonl_rows(path: Path) -> Iterator[tuple[int, dict[str, str] | InputError]]:
    """Yield ``(line, row)`` for each line of a JSONL table of articles; a bad line gives an ``InputError`` instead of a row."""
    for number, line in enumerate(_open_table(path), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as error:
            yield number, InputError(f"{path}, line {number}: not valid JSON ({error.msg})")
            continue
        if not isinstance(row, dict):
            yield number, InputError(f"{path}, line {number}: expected a JSON object with id and text")
            continue
        yield number, row


def _check_columns(path: Path, columns: list[str]) -> None:
    """Raise ``InputError`` when a table of articles lacks the id or text column."""
    missing = [name for name in ("id", "text") if name not in columns]
    if missing:
        raise InputError(
            f"{path}: an article table needs the columns {', '.join(ARTICLE_COLUMNS)}; missing {', '.join(missing)}"
        )


def _article_documents(path: Path, rows: Iterable[tuple[int, dict | InputError]], skipped: list[Skipped] | None) -> Iterator[Document]:
    """Yield a document per usable row; put the others in ``skipped`` (or raise without it)."""
    seen: dict[str, int] = {}
    for line, row in rows:
        where = f"{path}, line {line}"
        try:
            if isinstance(row, InputError):
                raise row
            if None in row:
                raise InputError(f"{where}: more cells than columns")
            doc = str(row.get("id") or "").strip()
            if not doc:
                raise InputError(f"{where}: the article has no id")
            if doc in seen:
                raise InputError(f"{where}: duplicate id {doc!r} (first on line {seen[doc]})")
            text = row.get("text")
            if not isinstance(text, str):
                raise InputError(f"{where}: the article {doc!r} has no text")
            seen[doc] = line
            metadata = {key: str(row.get(key) or "").strip() for key in ("title", "outlet", "date")}
            notes = []
            if metadata["date"] and not is_date(metadata["date"]):
                notes.append(f"date {metadata['date']!r} is not a date (write YYYY-MM-DD); the article is kept without one")
                metadata["date"] = ""
            yield _document(doc, text, path, metadata, notes, f"{where} ({doc})")
        except InputError as error:
            if skipped is None:
                raise
            skipped.append(Skipped(where, str(error)))
