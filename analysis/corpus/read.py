"""Read documents: plain-text articles, HTML pages, folders of them, and tables of articles.

A ``.txt`` file is one document whose id is the file stem; a manifest (see
``stories.py``) may split it into several stories. Without a manifest entry, its title,
outlet and date come from a ``metadata.csv`` beside it (columns ``file, outlet, date,
title``), else from a file name of the shape ``outlet_YYYY-MM-DD_anything.txt`` and a
first line followed by a blank line, which is taken for the headline. An ``.html`` page is one document
made of the text of its body. A ``.csv`` or ``.jsonl`` file with a ``text`` column and
any of ``id, title, outlet, date`` (the form scrapers and news APIs produce; names are
matched whatever their capitals, and common synonyms such as ``content`` or
``headline`` are read too, see ``COLUMN_SYNONYMS``) holds one document, and one story,
per row. A folder is read file by file, in name order. Files with the same stem in
different folders are named by their folders too (``document_names``).

Dates are ISO (``2004-11-05``), written with a month name, or numeric with day and month
in either order; each file's order is told by its dates that can only be read one way
(``13/11/2004``) or by the ``dayfirst`` option, and a file whose order cannot be told, or
that mixes both, is reported with examples and its numeric dates left empty: no file is
read two ways (``DateReader``).

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
from dataclasses import dataclass, field, replace
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path

import charset_normalizer
import pandas as pd

from .furniture import html_furniture
from ..errors import InputError, InputWarning, Skipped
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


@dataclass(frozen=True)
class Document:
    """The text of one document as read, and where it came from.

    ``metadata`` holds the title, outlet and date of an article read from a table; a
    text or HTML document has none and takes them from the manifest, or when the
    manifest has no entry from its own ``title``, ``outlet`` and ``date`` (see
    ``file_metadata``; an HTML page's title). ``repair`` is the
    mojibake-repaired text with its offset map, when the text needed one; the pipeline
    reads ``working_text`` and reports offsets into ``text``. ``notes`` lists what was
    guessed or repaired. ``furniture`` lists the ``(start, end)`` spans of ``text`` that
    are page furniture, found by an HTML extractor or from the corpus (see
    ``furniture.py``); the story's own page rules add to them when it is coded.
    ``extracted`` is true when an extractor decided which blocks of an HTML page are
    the article: then only the furniture phrases add to what it found.
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
    furniture: tuple[tuple[int, int], ...] = field(default=(), compare=False)
    extracted: bool = field(default=False, compare=False)

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


def document_names(files: Iterable[Path]) -> dict[Path, str]:
    """The document id of each text or HTML file: its stem, or, when other such files of
    the run have the same stem, its stem with as many of its folders as tell them apart
    (``business/001`` and ``tech/001``; the file name when only the suffix differs), so
    that no two files become one story. Tables are left out: their rows have ids."""
    by_stem: dict[str, list[Path]] = {}
    for file in files:
        if file.suffix.lower() not in TABLE_SUFFIXES:
            by_stem.setdefault(file.stem, []).append(file)
    names = {}
    for stem, same in by_stem.items():
        if len(same) == 1:
            names[same[0]] = stem
            continue
        parts = [file.resolve().parts for file in same]
        for depth in range(2, max(len(p) for p in parts) + 1):
            labels = ["/".join((*p[-depth:-1], Path(p[-1]).stem)) for p in parts]
            if len(set(labels)) == len(labels):
                break
        else:
            labels = ["/".join(p[-2:]) for p in parts]
            if len(set(labels)) < len(labels):
                labels = [str(file) for file in same]
        names.update(zip(same, labels))
    return names


def _not_readable(path: Path) -> str:
    """Say why a file in a folder is left out."""
    kind = _binary_kind(path.read_bytes()[:8]) if path.stat().st_size else None
    described = f"it looks like {kind}" if kind else f"'{path.suffix or 'no suffix'}' is not a text or table file"
    return f"left out: {described}; give articles as .txt, .html, .csv or .jsonl"


def read_documents(path: str | Path, skipped: list[Skipped] | None = None, name: str | None = None,
                   dayfirst: bool | None = None) -> Iterator[Document]:
    """Yield the documents of one file: one for a text or HTML file (its id ``name``,
    by default the file stem), one per row of a table. A row that cannot be used is
    added to ``skipped`` (or raises ``InputError`` when ``skipped`` is None); a file
    that cannot be used raises ``InputError``. ``dayfirst`` says how numeric dates are
    written (None: told from each file's dates, see ``DateReader``)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        yield from _article_documents(path, lambda: _csv_rows(path), skipped, dayfirst)
    elif suffix in {".jsonl", ".ndjson"}:
        yield from _article_documents(path, lambda: _jsonl_rows(path), skipped, dayfirst)
    else:
        text, notes = read_text(path)
        title = ""
        furniture: tuple[tuple[int, int], ...] = ()
        extracted = False
        if suffix in HTML_SUFFIXES or _looks_like_html(text):
            page = text
            text, title, links = html_page(page)
            notes.append("HTML markup stripped: offsets point into the page's text")
            found = html_furniture(page, text, links)
            furniture, extracted = tuple(found or ()), found is not None
        found = file_metadata(path, text, notes, dayfirst)
        title = _repaired(title or found["title"], "title", notes)
        outlet = _repaired(found["outlet"], "outlet", notes)
        document = _document(name or path.stem, text, path, None, notes, str(path), title, outlet, found["date"])
        yield replace(document, furniture=furniture, extracted=True) if extracted else document


def file_metadata(path: Path, text: str, notes: list[str] | None = None, dayfirst: bool | None = None) -> dict[str, str]:
    """The title, outlet and date of a text file that no manifest describes: from the
    row of ``metadata.csv`` in its folder that names it, else outlet and date from a file
    name ``outlet_YYYY-MM-DD_...`` and the title from a first line followed by a blank
    line. A date that is no date, or whose order of day and month the sidecar does not
    tell, is dropped, with a note in ``notes``."""
    rows, dates = _sidecar(path.parent, dayfirst)
    found = dict(rows.get(path.name, {}))
    date = found.get("date", "").strip()
    if date:
        date, problem = dates.read(date)
        if problem and notes is not None:
            notes.append(problem)
        found["date"] = date
    shaped = _FILE_NAME.match(path.stem)
    if shaped:
        if not found.get("outlet"):
            found["outlet"] = shaped["outlet"].replace("-", " ")
        found.setdefault("date", shaped["date"])
    headline = _HEADLINE.match(text)
    if headline and not found.get("title"):
        found["title"] = headline["title"].strip()
    return {"title": found.get("title", "").strip(), "outlet": found.get("outlet", "").strip(), "date": found.get("date", "")}


def is_date(value: str) -> bool:
    """True when ``value`` reads as a calendar date ("2016-04-23", "2016", "Apr 23, 2016")."""
    try:
        pd.to_datetime(value, format="mixed")
    except (ValueError, OverflowError):
        return False
    return True


# A numeric date with day and month in either order: 05/11/2004, 5.11.04, 05-11-2004,
# with an optional time after it.
_NUMERIC_DATE = re.compile(r"^\s*(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?![\d/.-])(.*)$", re.DOTALL)


def _numeric_date(value: str) -> tuple[int, int, int, str] | None:
    """``(first, second, year, rest)`` of a numeric date, or None for any other value."""
    match = _NUMERIC_DATE.match(value)
    if not match:
        return None
    year = int(match[4])
    if len(match[4]) == 2:
        year += 2000 if year <= 68 else 1900
    return int(match[1]), int(match[3]), year, match[5]


class DateReader:
    """How one file writes its dates, told from the dates themselves or set by the user.

    ``dayfirst`` True or False sets the order of numeric dates; None tells it from the
    file: a date whose first number is over 12 can only be day-first (13/11/2004), one
    whose second number is over 12 only month-first (11/13/2004). A file with only
    the first kind is day-first, with only the second month-first; a file with both, or
    with numeric dates that could be either and nothing to tell which (05/11/2004), is
    ambiguous: ``problem`` says so with examples, and its numeric dates are left empty,
    never read one way here and another there. ISO dates and dates with month names
    are read as they are.
    """

    def __init__(self, where: str, values: Iterable[str], dayfirst: bool | None = None):
        self.where = where
        self.dayfirst = dayfirst
        self.problem: str | None = None
        if dayfirst is not None:
            return
        day_first, month_first, either = [], [], []
        for value in values:
            parts = _numeric_date(str(value or ""))
            if parts is None:
                continue
            first, second, _, _ = parts
            (day_first if first > 12 >= second else month_first if second > 12 >= first else either if first <= 12 and second <= 12 else []).append(value.strip())
        if day_first and month_first:
            self.problem = (
                f"{where}: the dates mix day-first ({', '.join(day_first[:2])}) and month-first ({', '.join(month_first[:2])}) "
                "order, so dates like these are left empty; say which order the file uses with --dayfirst or --no-dayfirst "
                "(dayfirst: true or false in settings.yaml), or write the dates as YYYY-MM-DD"
            )
        elif day_first or month_first:
            self.dayfirst = bool(day_first)
        elif either:
            self.problem = (
                f"{where}: dates such as {', '.join(either[:3])} could be day-first or month-first and no date in the file "
                "tells which, so they are left empty; say which with --dayfirst or --no-dayfirst (dayfirst: true or false "
                "in settings.yaml), or write the dates as YYYY-MM-DD"
            )

    def read(self, value: str) -> tuple[str, str | None]:
        """``(date, note)``: the date as YYYY-MM-DD (with any time after it) or as
        written when it is not numeric, '' when it cannot be read, and why not."""
        value = str(value or "").strip()
        if not value:
            return "", None
        parts = _numeric_date(value)
        if parts is None:
            if is_date(value):
                return value, None
            return "", f"date {value!r} is not a date (write YYYY-MM-DD); the article is kept without one"
        if self.dayfirst is None:
            return "", None  # the file's ``problem`` says why, with examples
        first, second, year, rest = parts
        day, month = (first, second) if self.dayfirst else (second, first)
        order = "day-first" if self.dayfirst else "month-first"
        try:
            pd.Timestamp(year=year, month=month, day=day)
        except ValueError:
            return "", f"date {value!r} is not a date read {order}, as the file's other dates are; the article is kept without one"
        return f"{year:04d}-{month:02d}-{day:02d}{rest.rstrip()}", None


def _sidecar(folder: Path, dayfirst: bool | None = None) -> tuple[dict[str, dict[str, str]], DateReader]:
    """The rows of ``folder/metadata.csv`` by file name, and how it writes dates; read
    again when it changes."""
    sidecar = folder / SIDECAR
    if not sidecar.is_file():
        return {}, DateReader(str(sidecar), (), dayfirst)
    return _read_sidecar(sidecar, sidecar.stat().st_mtime_ns, dayfirst)


@lru_cache(maxsize=64)
def _read_sidecar(sidecar: Path, modified: int, dayfirst: bool | None) -> tuple[dict[str, dict[str, str]], DateReader]:
    with sidecar.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    if rows and "file" not in rows[0]:
        raise InputError(f"{sidecar}: needs a 'file' column (and any of outlet, date, title)")
    dates = DateReader(str(sidecar), (row.get("date") or "" for row in rows), dayfirst)
    if dates.problem:
        warnings.warn(InputWarning(dates.problem), stacklevel=2)
    notes: list[str] = []
    found = {}
    for row in rows:
        if not row.get("file"):
            continue
        values = {}
        for key in ("outlet", "date", "title"):
            value = (row.get(key) or "").strip()
            if value:
                values[key] = _repaired(value, key, notes) if key != "date" else value
        found[Path(row["file"]).name] = values
    if notes:
        warnings.warn(InputWarning(f"{sidecar}: mojibake repaired in {len(notes)} value(s), such as {notes[0]}"), stacklevel=2)
    return found, dates


def _repaired(value: str, what: str, notes: list[str]) -> str:
    """``value`` (a title, outlet or other metadata) with its mojibake repaired as the
    text's is, with a note that says so."""
    if not value:
        return value
    repair = repair_mojibake(value)
    if repair is None:
        return value
    notes.append(f"mojibake repaired in the {what} ({value!r} read as {repair.text!r})")
    return repair.text


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
    """Collect the readable text of an HTML page, a line per block, and which pieces of
    it are the text of a link (``links``: the link's number, 0 outside links)."""

    # Not "form": some sites (ASP.NET pages) wrap the whole page in one.
    SKIP = {"script", "style", "noscript", "head", "nav", "footer", "aside", "svg", "template"}
    BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "section",
              "article", "header", "figcaption", "pre", "dd", "dt", "table", "ul", "ol"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.links: list[int] = []
        self.title: list[str] = []
        self._skipping = 0
        self._in_title = False
        self._link = 0
        self._link_count = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self._skipping += 1
        if tag == "title":
            self._in_title = True
        if tag == "a":
            self._link_count += 1
            self._link = self._link_count
        if tag in self.BLOCKS:
            self.parts.append("\n")
            self.links.append(0)

    def handle_endtag(self, tag):
        if tag in self.SKIP and self._skipping:
            self._skipping -= 1
        if tag == "title":
            self._in_title = False
        if tag == "a":
            self._link = 0
        if tag in self.BLOCKS:
            self.parts.append("\n")
            self.links.append(0)

    def handle_data(self, data):
        if self._in_title:
            self.title.append(data)
        elif not self._skipping:
            self.parts.append(data)
            self.links.append(self._link)


def html_text(page: str) -> tuple[str, str | None]:
    """Return the text of an HTML page, one paragraph a line, and its title."""
    text, title, _ = html_page(page)
    return text, title


def html_page(page: str) -> tuple[str, str | None, list[int]]:
    """Return the text of an HTML page, one paragraph a line (white space folded), its
    title, and for each character of the text the number of the link it is the text of
    (0 outside links)."""
    parser = _TextOfPage()
    parser.feed(page)
    parser.close()
    title = " ".join("".join(parser.title).split()) or None
    text: list[str] = []
    marks: list[int] = []
    line: list[tuple[str, int]] = []

    def end_line() -> None:
        folded: list[tuple[str, int]] = []
        for char, mark in line:
            if char.isspace():
                if folded and folded[-1][0] != " ":
                    folded.append((" ", 0))
            else:
                folded.append((char, mark))
        while folded and folded[-1][0] == " ":
            folded.pop()
        if folded:
            text.extend(char for char, _ in folded)
            marks.extend(mark for _, mark in folded)
            text.append("\n")
            marks.append(0)
        line.clear()

    for part, link in zip(parser.parts, parser.links):
        if part == "\n":
            end_line()
            continue
        pieces = part.split("\n")
        for index, piece in enumerate(pieces):
            if index:
                end_line()
            line.extend((char, link) for char in piece)
    end_line()
    if not text:
        return "\n", title, [0]
    return "".join(text), title, marks


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
    """Yield ``(line, row)`` for each row of a CSV table of articles, its columns named
    as the project names them (``table_columns``)."""
    reader = csv.DictReader(_open_table(path))
    columns = table_columns(path, reader.fieldnames or [])
    for row in reader:
        yield reader.line_num, _renamed(row, columns)


def _jsonl_rows(path: Path) -> Iterator[tuple[int, dict[str, str] | InputError]]:
    """Yield ``(line, row)`` for each line of a JSONL table of articles, its keys named as
    the project names them; a bad line gives an ``InputError`` instead of a row."""
    known: dict[tuple[str, ...], dict[str, str]] = {}
    for number, line in enumerate(_open_table(path), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as error:
            yield number, InputError(f"{path}, line {number}: not valid JSON ({error.msg})")
            continue
        if not isinstance(row, dict):
            yield number, InputError(f"{path}, line {number}: expected a JSON object with a text field")
            continue
        keys = tuple(row)
        if keys not in known:
            # The first object must have a text field; a later one without it is an
            # article without text.
            known[keys] = table_columns(path, list(keys), f"{path}, line {number}" if known else str(path), required=not known)
        yield number, _renamed(row, known[keys])


# The columns of an article table and the other names they are read under, whatever
# their capitals: a scraper's "Title, Text, Published, Link" is "title, text, date, id".
COLUMN_SYNONYMS = {
    "id": ("id", "url", "link"),
    "title": ("title", "headline"),
    "outlet": ("outlet", "source", "publisher"),
    "date": ("date", "published", "publish_date"),
    "text": ("text", "content", "body", "article"),
}


def _column_key(name: str) -> str:
    """A column name as it is matched: lower case, spaces and dashes as underscores."""
    return re.sub(r"[\s-]+", "_", str(name).strip().lower())


def table_columns(path: Path, columns: list[str], where: str | None = None, required: bool = True) -> dict[str, str]:
    """Map each of the project's column names (``COLUMN_SYNONYMS``) to the table's
    column that holds it. Names are matched whatever their capitals, and the synonyms
    are tried in order when the name itself is not there; each mapping other than a
    name to itself is named in a warning. Only ``text`` is required: without it,
    ``InputError`` lists the columns found. Without an id column the articles are
    numbered by row. With ``required`` False, a missing text column is no error (the
    rows have no text)."""
    by_key: dict[str, str] = {}
    for column in columns:
        by_key.setdefault(_column_key(column), column)
    mapping: dict[str, str] = {}
    for name, synonyms in COLUMN_SYNONYMS.items():
        for synonym in synonyms:
            if synonym in by_key:
                mapping[name] = by_key[synonym]
                break
    if "text" not in mapping and required:
        found = ", ".join(str(column) for column in columns) or "none"
        raise InputError(
            f"{where or path}: an article table needs a text column (also read as text: content, body, article); "
            f"the columns found are: {found}"
        )
    renamed = [f"{column!r} as {name}" for name, column in mapping.items() if column != name]
    if "id" not in mapping and required:
        renamed.append("no id column (nor url or link): the articles are numbered by row")
    if renamed:
        warnings.warn(InputWarning(f"{where or path}: columns read: {'; '.join(renamed)}"), stacklevel=3)
    return mapping


def _renamed(row: dict, columns: dict[str, str]) -> dict:
    """A row with the project's column names; cells past the header stay under None."""
    renamed = {name: row.get(column) for name, column in columns.items()}
    if None in row:
        renamed[None] = row[None]
    renamed["_numbered"] = "id" not in columns
    return renamed


def _article_documents(path: Path, rows, skipped: list[Skipped] | None, dayfirst: bool | None = None) -> Iterator[Document]:
    """Yield a document per usable row of the table ``rows()`` reads (called twice: once
    for its dates, then for the articles); put the others in ``skipped`` (or raise
    without it)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        dates = DateReader(str(path), (
            str(row.get("date") or "") for _, row in rows() if not isinstance(row, InputError)
        ), dayfirst) if dayfirst is None else DateReader(str(path), (), dayfirst)
    if dates.problem:
        warnings.warn(InputWarning(dates.problem), stacklevel=2)
    seen: dict[str, int] = {}
    number = 0
    for line, row in rows():
        where = f"{path}, line {line}"
        try:
            if isinstance(row, InputError):
                raise row
            number += 1
            if None in row:
                raise InputError(f"{where}: more cells than columns")
            doc = str(number) if row.get("_numbered") else str(row.get("id") or "").strip()
            if not doc:
                raise InputError(f"{where}: the article has no id")
            if doc in seen:
                raise InputError(f"{where}: duplicate id {doc!r} (first on line {seen[doc]})")
            text = row.get("text")
            if not isinstance(text, str):
                raise InputError(f"{where}: the article {doc!r} has no text")
            seen[doc] = line
            metadata = {key: str(row.get(key) or "").strip() for key in ("title", "outlet", "date")}
            notes: list[str] = []
            metadata["date"], problem = dates.read(metadata["date"])
            if problem:
                notes.append(problem)
            metadata["title"] = _repaired(metadata["title"], "title", notes)
            metadata["outlet"] = _repaired(metadata["outlet"], "outlet", notes)
            yield _document(doc, text, path, metadata, notes, f"{where} ({doc})")
        except InputError as error:
            if skipped is None:
                raise
            skipped.append(Skipped(where, str(error)))
