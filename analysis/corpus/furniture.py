"""Find page furniture: the parts of a page that are not the article.

Navigation and language menus, "Most Read" and "Related" lists, share and comment
prompts, editor and copyright lines and footers are kept in the table (no text is lost)
but marked ``is_boilerplate`` and left out of every count, chart, target and stance.
They are found three ways:

- **From the corpus** (``RepeatedSegments``): text repeated across many stories of one
  outlet is the site's template, the idea behind CCNet's paragraph deduplication and
  jusText. Every line of a story, or in a line that holds a whole page (scraped pages
  often do) every run of ``SHINGLE_WORDS`` words, is counted once per story, per outlet
  (the story's outlet, else its folder or table), in a pass over the corpus before any
  story is coded; a line or run found in at least ``REPEATED_SHARE`` of an outlet's
  stories (and in ``REPEATED_LEAST`` of them) is furniture wherever it occurs. Outlets
  with fewer than ``REPEATED_LEAST`` stories, and a single document, get none.
- **From the page itself** (``page_spans``): lines and phrases listed in
  ``data/furniture.csv`` (editor lines, "Most Read", "Share this article", copyright
  lines); long runs of short title-like lines (menus, link lists); and, in a page
  scraped onto one line, runs of capitalized words (menus) and text with no sentence in
  it between two pieces of furniture (the items of a list between its header and the
  footer).
- **For HTML** (``html_furniture``): trafilatura, an extractor made for this, decides
  which blocks of the page are the article; the blocks it leaves out are furniture, and
  so are blocks it keeps that are mostly link text and runs of links inside a
  paragraph; the headline and standfirst are kept. On such a page only the phrases of
  ``data/furniture.csv`` add to what it found.

Spans are ``(start, end)`` character offsets, sorted and not overlapping.
"""

from __future__ import annotations

import hashlib
import math
import re
import sys
import unicodedata
import warnings
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

import ahocorasick
import numpy as np
import pandas as pd

from ..datafiles import data_dir, modified, read_rows
from ..coding.sentences import sentence_spans

Spans = list[tuple[int, int]]

SHINGLE_WORDS = 8
REPEATED_SHARE = 0.1
REPEATED_LEAST = 5
# Lossy counting (Manku and Motwani): counts are exact for outlets of up to this many
# stories; past it, runs seen once are forgotten at each step of this many stories, so
# that memory follows the step, not the corpus.
COUNTING_STEP = 2000
# Furniture lines and title-like fragments.
LINE_WORDS = 12
PHRASE_LINE_WORDS = 30
SENTENCE_WORDS = 30
TO_END_WORDS = 40
TITLE_RUN = 4
TITLE_WORDS = 12
# A line this long holds a whole page scraped onto one line.
GLUED_LINE_WORDS = 150
MENU_WORDS = 10
EXTENTS = ("line", "bracket", "sentence", "to_end")
# Links in HTML: a block of at most LINK_BLOCK_WORDS words whose text is at least
# LINK_SHARE link text is a list item; LINK_RUN links in a row holding LINK_RUN_WORDS
# words, inside a paragraph, are a widget.
LINK_SHARE = 0.8
LINK_BLOCK_WORDS = 25
LINK_RUN = 2
LINK_RUN_WORDS = 6

_WORDS = re.compile(r"\S+")
_TERMINAL = re.compile(r"[.!?][\"”’'»)\]]*$")
_SENTENCE_END = re.compile(r"[.!?][\"”’'»)\]]*(?=\s|$)")
_LETTERS = re.compile(r"[^\W\d_]")
_MULTIPLIER = np.uint64(0x9E3779B97F4A7C15)
# A quick test for a menu: capitalized words in a row (``_menus`` checks them).
_CAPITALIZED_RUN = re.compile(r"(?:[^\sa-z\d]\S*(?<![.!?,;:])\s+){%d}" % (MENU_WORDS - 1))


@dataclass(frozen=True)
class Phrase:
    """A phrase of ``data/furniture.csv``: what it marks (``extent``) and whether it is
    furniture inside a longer line too (matched with its capitals as written)."""

    phrase: str
    extent: str
    inside_text: bool


def load_phrases(path: str | None = None) -> tuple[Phrase, ...]:
    """The furniture phrases of ``data/furniture.csv`` (or ``path``), read again when
    the file changes."""
    path = str(path or data_dir() / "furniture.csv")
    return _phrases(path, modified(path))


def _compiled_phrases() -> _Patterns:
    """The phrases of ``data/furniture.csv`` compiled, again when the file changes."""
    path = str(data_dir() / "furniture.csv")
    return _compiled(path, modified(path))


@lru_cache(maxsize=4)
def _compiled(path: str, version: tuple) -> _Patterns:
    return _patterns(_phrases(path, version))


@lru_cache(maxsize=4)
def _phrases(path: str, version: tuple) -> tuple[Phrase, ...]:
    phrases = []
    for number, row in enumerate(read_rows(path), start=2):
        extent = row.get("extent", "")
        if extent not in EXTENTS:
            raise ValueError(f"{path}: the phrase {row.get('phrase')!r} has extent {extent!r}; use one of {', '.join(EXTENTS)}")
        if row.get("phrase"):
            phrases.append(Phrase(row["phrase"], extent, row.get("inside_text", "").lower() in {"yes", "true", "1"}))
    return tuple(phrases)


@dataclass(frozen=True)
class _Patterns:
    """The phrases compiled: one expression for line starts, and an Aho-Corasick
    automaton of the phrases that count inside a line (lower case), which finds them all
    in one pass over a line."""

    line_start: re.Pattern
    by_phrase: dict[str, Phrase]
    inside: ahocorasick.Automaton | None


def _patterns(phrases: tuple[Phrase, ...]) -> _Patterns:
    alternatives = "|".join(re.escape(p.phrase) for p in sorted(phrases, key=lambda p: -len(p.phrase)))
    line_start = re.compile(r"^[\W_]{0,3}(" + alternatives + r")(?![\w])", re.IGNORECASE)
    chosen: dict[str, list[Phrase]] = {}
    for phrase in phrases:
        if phrase.inside_text:
            chosen.setdefault(phrase.phrase.lower(), []).append(phrase)
    inside = None
    if chosen:
        inside = ahocorasick.Automaton()
        for key, found in chosen.items():
            inside.add_word(key, found)
        inside.make_automaton()
    return _Patterns(line_start, {p.phrase.lower(): p for p in phrases}, inside)


def merge(spans: Iterable[tuple[int, int]]) -> Spans:
    """Sort ``spans`` and join those that overlap or touch."""
    merged: Spans = []
    for start, end in sorted(spans):
        if start >= end:
            continue
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def blank(text: str, spans: Sequence[tuple[int, int]]) -> str:
    """``text`` with the characters of ``spans`` replaced by spaces (line breaks kept),
    so that offsets stay the same and nothing in the furniture can be read."""
    if not spans:
        return text
    parts = []
    position = 0
    for start, end in spans:
        parts.append(text[position:start])
        parts.append(re.sub(r"[^\n]", " ", text[start:end]))
        position = end
    parts.append(text[position:])
    return "".join(parts)


def clip(spans: Sequence[tuple[int, int]], start: int, end: int) -> Spans:
    """The parts of ``spans`` that fall within ``start`` and ``end``."""
    return [(max(a, start), min(b, end)) for a, b in spans if a < end and start < b]


def _lines(text: str, start: int, end: int) -> Spans:
    """The non-blank lines of ``text[start:end]``, stripped of white space."""
    found = []
    for match in re.finditer(r"[^\n]+", text[start:end]):
        a, b = start + match.start(), start + match.end()
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a < b:
            found.append((a, b))
    return found


def page_spans(text: str, start: int = 0, end: int | None = None, known: Sequence[tuple[int, int]] = (),
               phrases_only: bool = False) -> Spans:
    """The furniture of ``text[start:end]`` (one story) found from the page alone,
    joined with the ``known`` furniture (from the corpus or an extractor), merged. With
    ``phrases_only`` (a page whose blocks an extractor has judged), only the phrases of
    ``data/furniture.csv`` add to it."""
    end = len(text) if end is None else end
    patterns = _compiled_phrases()
    lines = _lines(text, start, end)
    found: Spans = list(known)
    title_run: Spans = []
    for a, b in lines:
        line = text[a:b]
        words = _count_words(line)
        marked = _furniture_line(line, words, patterns)
        if marked:
            found.append((a, b))
        if not marked and not phrases_only and _is_title_like(line, words):
            title_run.append((a, b))
            continue
        if len(title_run) >= TITLE_RUN:
            found.extend(title_run)
        title_run = []
        if not marked and words > LINE_WORDS:
            found.extend(_inside(text, a, b, patterns))
        if words >= GLUED_LINE_WORDS and not phrases_only:
            found.extend(_menus(text, a, b))
    if len(title_run) >= TITLE_RUN:
        found.extend(title_run)
    found = merge(found)
    if found and not phrases_only:
        found = merge(found + _between(text, lines, found))
    return found


def _count_words(piece: str) -> int:
    return len(piece.split())


def _furniture_line(line: str, words: int, patterns: _Patterns) -> bool:
    """True when a whole line is furniture by a phrase it starts with."""
    if words > PHRASE_LINE_WORDS:
        return False
    match = patterns.line_start.match(line)
    if not match:
        return False
    phrase = patterns.by_phrase[match.group(1).lower()]
    if phrase.extent != "line":
        return True
    if re.fullmatch(r"\w+", phrase.phrase):
        return not _LETTERS.search(line[match.end() :])
    return words <= LINE_WORDS and not _TERMINAL.search(line)


def _is_title_like(line: str, words: int) -> bool:
    """A short line without a closing full stop that starts with a capital or a digit:
    a menu item, a link, a headline."""
    if words > TITLE_WORDS or _TERMINAL.search(line):
        return False
    first = next((char for char in line if char.isalnum()), "")
    return bool(first) and (first.isupper() or first.isdigit())


def _inside(text: str, start: int, end: int, patterns: _Patterns) -> Spans:
    """Furniture phrases inside the line ``text[start:end]``, at word boundaries (those
    of extent ``line`` with their capitals as written), with what each marks."""
    if patterns.inside is None:
        return []
    line = text[start:end]
    lower = line.lower()
    if len(lower) != len(line):  # a few letters change length in lower case
        lower = "".join(char.lower() if len(char.lower()) == 1 else char for char in line)
    found: Spans = []
    for last, phrases in patterns.inside.iter(lower):
        at, to = last + 1 - len(phrases[0].phrase), last + 1
        # At word boundaries; a phrase that starts with a sign ("©") after no letter
        # either (the "©" of the mojibake "protegÃ©s" is none).
        if (at and _is_word(line[at - 1])) or (to < len(line) and _is_word(line[to]) and _is_word(line[to - 1])):
            continue
        for phrase in phrases:
            if phrase.extent == "line" and line[at:to] != phrase.phrase:
                continue
            span = _extent(line, at, to, phrase.extent)
            if span:
                found.append((start + span[0], start + span[1]))
    return found


def _is_word(char: str) -> bool:
    """A letter, digit, underscore or combining mark (the tilde of "Ã" written as A
    and U+0303)."""
    return char.isalnum() or char == "_" or unicodedata.category(char).startswith("M")


def _extent(line: str, at: int, to: int, extent: str) -> tuple[int, int] | None:
    """What a phrase found at ``line[at:to]`` marks as furniture, or None."""
    if extent == "line":
        return at, to
    if extent == "to_end":
        return (at, len(line)) if _count_words(line[at:]) <= TO_END_WORDS else None
    if extent == "bracket":
        opening = max(line.rfind("(", 0, at), line.rfind("[", 0, at))
        if opening < 0:
            return None
        closing_mark = ")" if line[opening] == "(" else "]"
        closing = line.find(closing_mark, to)
        if closing < 0 or line.find(line[opening], opening + 1, at) >= 0 or _count_words(line[opening:closing]) > SENTENCE_WORDS:
            return None
        return opening, closing + 1
    before = [m.end() for m in _SENTENCE_END.finditer(line, 0, at)]
    sentence_start = before[-1] if before else 0
    after = _SENTENCE_END.search(line, to)
    sentence_end = after.end() if after else len(line)
    while sentence_start < at and line[sentence_start].isspace():
        sentence_start += 1
    if _count_words(line[sentence_start:sentence_end]) > SENTENCE_WORDS:
        return None
    return sentence_start, sentence_end


def _between(text: str, lines: Spans, furniture: Spans) -> Spans:
    """In a line that holds a page scraped onto one line, the text between two pieces of
    furniture, or between furniture and the line's end, that holds no sentence: the items
    of a list (its header and the footer being furniture)."""
    found: Spans = []
    for a, b in lines:
        inside = clip(furniture, a, b)
        if not inside or _count_words(text[a:b]) < GLUED_LINE_WORDS:
            continue
        gaps = [(inside[i][1], inside[i + 1][0]) for i in range(len(inside) - 1)]
        if inside[-1][1] < b:
            gaps.append((inside[-1][1], b))
        for gap_start, gap_end in gaps:
            if _holds_no_sentence(text, gap_start, gap_end):
                found.append((gap_start, gap_end))
    return found


def _holds_no_sentence(text: str, start: int, end: int) -> bool:
    """True when ``text[start:end]`` holds no sentence: no piece of it (split as
    sentences are) has more than ``LINE_WORDS`` words and a closing full stop, question
    or exclamation mark. Titles of links ("… 2 China urges …") and menus have none."""
    for a, b in sentence_spans(text, start, end):
        piece = text[a:b]
        if _TERMINAL.search(piece) and _count_words(piece) > LINE_WORDS:
            return False
    return True


def _menus(text: str, start: int, end: int) -> Spans:
    """In a line that holds a whole page, runs of at least ``MENU_WORDS`` capitalized
    words in a row with no punctuation between them: menus ("Home Opinions Business
    Military World ..."), which no sentence or name runs to."""
    if not _CAPITALIZED_RUN.search(text, start, end):
        return []
    found: Spans = []
    run_start = run_end = None
    count = 0
    for match in _WORDS.finditer(text, start, end):
        word = match.group()
        capitalized = (word[0].isupper() or word in {"&", "|", "·", "-", "–"}) and not _SENTENCE_END.search(word) and not word.endswith((",", ";", ":"))
        if capitalized:
            if run_start is None:
                run_start, count = match.start(), 0
            run_end = match.end()
            count += 1
            continue
        if run_start is not None and count >= MENU_WORDS:
            found.append((run_start, run_end))
        run_start = None
    if run_start is not None and count >= MENU_WORDS:
        found.append((run_start, run_end))
    return found


# ---------------------------------------------------------------------------------
# Repeated segments: the corpus pre-pass


class RepeatedSegments:
    """Count, per outlet, the lines of each story and, in a line that holds a whole page
    (``GLUED_LINE_WORDS`` words or more), its runs of ``SHINGLE_WORDS`` words, once per
    story; then mark those found in many stories of the outlet as furniture.

    Whole lines are compared, not the runs of words in them, wherever a page keeps its
    lines: a sentence that many stories share ("did not respond to a request for
    comment") is part of each story, while a template's lines are lines of their own.

    Call ``add`` for every story, then ``spans`` for any of them. Lines are hashed with
    BLAKE2 and words numbered in the order they are first met, so that the same corpus
    in the same order gives the same furniture in any process.
    """

    def __init__(self, width: int = SHINGLE_WORDS, share: float = REPEATED_SHARE, least: int = REPEATED_LEAST,
                 step: int = COUNTING_STEP):
        self.width, self.share, self.least, self.step = width, share, least, step
        self._words: dict[str, int] = {}
        self._groups: dict[str, _Counts] = {}
        self._frequent: dict[str, tuple[np.ndarray, np.ndarray]] = {}

    def add(self, group: str, text: str, start: int, end: int) -> None:
        """Count the lines (and runs of words) of one story of ``group``."""
        counts = self._groups.get(group)
        if counts is None:
            counts = self._groups[group] = _Counts(self.step)
        pieces = [hashes for hashes, _ in self._units(text, start, end)]
        counts.add(np.unique(np.concatenate(pieces)) if pieces else np.empty(0, np.uint64))
        self._frequent.pop(group, None)

    def stories(self, group: str) -> int:
        """How many stories of ``group`` were counted."""
        counts = self._groups.get(group)
        return counts.stories if counts else 0

    def threshold(self, group: str) -> int:
        """In how many stories of ``group`` a line or run must be found to be furniture."""
        return max(self.least, math.ceil(self.share * self.stories(group)))

    def frequent(self, group: str) -> tuple[np.ndarray, np.ndarray]:
        """The lines and runs of ``group`` that are furniture (sorted hashes) and in how
        many stories each was found."""
        if group not in self._frequent:
            counts = self._groups.get(group)
            if counts is None or counts.stories < self.least:
                self._frequent[group] = (np.empty(0, np.uint64), np.empty(0, np.int64))
            else:
                self._frequent[group] = counts.at_least(self.threshold(group))
        return self._frequent[group]

    def spans(self, group: str, text: str, start: int, end: int) -> Spans:
        """The repeated lines and segments of ``text[start:end]``, a story of ``group``."""
        keys, counts = self.frequent(group)
        if not len(keys):
            return []
        found: Spans = []
        for hashes, where in self._units(text, start, end, offsets=True):
            index = np.searchsorted(keys, hashes)
            index[index >= len(keys)] = 0
            hit = keys[index] == hashes
            if not hit.any():
                continue
            if isinstance(where, tuple):
                found.append(where)
            else:
                found.extend(self._segments(hit, np.where(hit, counts[index], 0), where))
        return found

    def _units(self, text: str, start: int, end: int, offsets: bool = False,
               ) -> Iterator[tuple[np.ndarray, tuple[int, int] | list[tuple[int, int]]]]:
        """For each line of ``text[start:end]``: the hash of the line and its span, or,
        for a line that holds a whole page, the hashes of its runs of words and (with
        ``offsets``) the offsets of its words."""
        numbers = self._words
        for a, b in _lines(text, start, end):
            words = text[a:b].lower().split()
            if len(words) < GLUED_LINE_WORDS:
                digest = hashlib.blake2b(" ".join(words).encode("utf-8"), digest_size=8).digest()
                yield np.array([int.from_bytes(digest, "little")], dtype=np.uint64), (a, b)
                continue
            ids = np.fromiter((numbers.setdefault(word, len(numbers) + 1) for word in words), dtype=np.uint64, count=len(words))
            count = len(ids) - self.width + 1
            hashes = np.zeros(count, dtype=np.uint64)
            with np.errstate(over="ignore"):
                for offset in range(self.width):
                    hashes = hashes * _MULTIPLIER + ids[offset : offset + count]
            yield hashes, [match.span() for match in _WORDS.finditer(text, a, b)] if offsets else []

    def _segments(self, found: np.ndarray, frequency: np.ndarray, words: list[tuple[int, int]]) -> Spans:
        """Join the repeated runs that overlap into segments of words; where a segment's
        first or last run is found in far fewer stories than its neighbour, the word it
        adds is the start of the varying text (a headline after a menu), not the template."""
        spans: Spans = []
        width = self.width
        position = 0
        total = len(found)
        while position < total:
            if not found[position]:
                position += 1
                continue
            first = position
            while position < total and found[position]:
                position += 1
            last = position - 1
            first_word, last_word = first, last + width - 1
            while last > first and frequency[last] * 2 < frequency[last - 1]:
                last -= 1
                last_word -= 1
            while first < last and frequency[first] * 2 < frequency[first + 1]:
                first += 1
                first_word += 1
            spans.append((words[first_word][0], words[last_word][1]))
        return spans


class _Counts:
    """How many stories hold each run (lossy counting past ``step`` stories)."""

    def __init__(self, step: int):
        self.step = step
        self.stories = 0
        self.keys = np.empty(0, np.uint64)
        self.counts = np.empty(0, np.int64)
        self.errors = np.empty(0, np.int64)
        self._pending: list[np.ndarray] = []

    def add(self, unique: np.ndarray) -> None:
        self._pending.append(unique)
        self.stories += 1
        if self.stories % self.step == 0:
            self._flush()
            self._prune(self.stories // self.step)

    def _flush(self) -> None:
        if not self._pending:
            return
        new, new_counts = np.unique(np.concatenate(self._pending), return_counts=True)
        self._pending = []
        error = max(self.stories - 1, 0) // self.step
        keys = np.concatenate([self.keys, new])
        counts = np.concatenate([self.counts, new_counts.astype(np.int64)])
        errors = np.concatenate([self.errors, np.full(len(new), error, np.int64)])
        order = np.argsort(keys, kind="stable")
        keys, counts, errors = keys[order], counts[order], errors[order]
        unique, first = np.unique(keys, return_index=True)
        summed = np.add.reduceat(counts, first) if len(keys) else counts
        self.keys, self.counts = unique, summed
        self.errors = np.minimum.reduceat(errors, first) if len(keys) else errors

    def _prune(self, bucket: int) -> None:
        keep = self.counts + self.errors > bucket
        self.keys, self.counts, self.errors = self.keys[keep], self.counts[keep], self.errors[keep]

    def at_least(self, threshold: int) -> tuple[np.ndarray, np.ndarray]:
        """The runs counted in at least ``threshold`` stories since they were first
        kept (a lower bound of their count, exact until the first step), and counts."""
        self._flush()
        keep = self.counts >= threshold
        return self.keys[keep], self.counts[keep]


# ---------------------------------------------------------------------------------
# HTML pages: an extractor decides


def html_furniture(page: str, text: str, links: Sequence[int] | None = None) -> Spans | None:
    """The furniture of ``text``, the page's text as ``read.html_page`` gives it: the
    blocks (lines) that trafilatura leaves out of the article, and, of those it keeps,
    the blocks that are mostly the text of links (a list of related stories inside the
    article) and runs of several links in a row inside a paragraph (a hover card). The
    headline and standfirst are kept: a block before the article that reads as the
    page's title or description. None when trafilatura extracts nothing (or is not
    installed), so that the page is read as before. ``links`` numbers each character's
    link (0 outside links)."""
    try:
        import trafilatura
    except ImportError:  # pragma: no cover - a dependency, but keep the reader working
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            extracted = trafilatura.bare_extraction(
                page, include_comments=False, include_tables=True, with_metadata=True, deduplicate=False,
            )
    except Exception:  # noqa: BLE001 - any failure of the extractor falls back to the reader
        return None
    if not extracted:
        return None
    metadata = extracted if isinstance(extracted, dict) else {
        name: getattr(extracted, name, None) for name in ("text", "title", "description")}
    body = metadata.get("text") or ""
    if not body.strip():
        return None
    article_lines = {_normalised(line) for line in body.splitlines() if line.strip()}
    grams = _word_grams(_normalised(body))
    heads = [_word_set(value) for value in (metadata.get("title"), metadata.get("description")) if value]
    description = _normalised(metadata.get("description") or "")
    lines = _lines(text, 0, len(text))
    kept = [_normalised(text[a:b]) in article_lines or _in_article(_normalised(text[a:b]), grams) for a, b in lines]
    # The headline and standfirst come before the article's first paragraph.
    first = next((index for index, ((a, b), keep) in enumerate(zip(lines, kept)) if keep and _count_words(text[a:b]) > LINE_WORDS), len(lines))
    furniture: Spans = []
    for index, ((a, b), keep) in enumerate(zip(lines, kept)):
        line = _normalised(text[a:b])
        heading = index < first and (any(_similar(_word_set(line), head) for head in heads) or (len(line) > 20 and line in description))
        if heading:
            continue
        if not keep:
            furniture.append((a, b))
            continue
        if links is not None:
            furniture.extend(_link_furniture(text, links, a, b))
    return merge(furniture)


def _normalised(piece: str) -> str:
    return " ".join(piece.replace("\u00a0", " ").split()).lower()


def _word_set(piece: str) -> set[str]:
    return set(re.findall(r"\w+", piece.lower()))


def _similar(words: set[str], other: set[str]) -> bool:
    """True when two sets of words share at least half of their union (Jaccard 0.5)."""
    return bool(words) and len(words & other) >= 0.5 * len(words | other)


def _word_grams(text: str, size: int = 3) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", text)
    return {tuple(words[i : i + size]) for i in range(len(words) - size + 1)}


def _in_article(line: str, grams: set[tuple[str, ...]]) -> bool:
    """True when a block of at least three words has at least half of its runs of three
    words in the extracted article (shorter blocks must be lines of it)."""
    words = re.findall(r"\w+", line)
    if len(words) < 3:
        return False
    own = [tuple(words[i : i + 3]) for i in range(len(words) - 2)]
    return sum(gram in grams for gram in own) >= 0.5 * len(own)


def _link_furniture(text: str, links: Sequence[int], start: int, end: int) -> Spans:
    """In the block ``text[start:end]``: the whole block when it is short and mostly link
    text, else the runs of ``LINK_RUN`` or more links that follow one another with
    nothing but spaces and separators between them and hold ``LINK_RUN_WORDS`` words."""
    letters = [index for index in range(start, end) if not text[index].isspace()]
    linked = sum(1 for index in letters if links[index])
    if letters and linked >= LINK_SHARE * len(letters) and _count_words(text[start:end]) <= LINK_BLOCK_WORDS:
        return [(start, end)]
    found: Spans = []
    run_start, run_end, seen = None, None, set()
    for index in range(start, end):
        link = links[index]
        if link:
            if run_start is None:
                run_start, seen = index, set()
            seen.add(link)
            run_end = index + 1
        elif run_start is not None and not (text[index].isspace() or text[index] in "|·•,;-–—/"):
            if len(seen) >= LINK_RUN and _count_words(text[run_start:run_end]) >= LINK_RUN_WORDS:
                found.append((run_start, run_end))
            run_start = None
    if run_start is not None and len(seen) >= LINK_RUN and _count_words(text[run_start:run_end]) >= LINK_RUN_WORDS:
        found.append((run_start, run_end))
    return found


# ---------------------------------------------------------------------------------
# Reporting


def summary(table: pd.DataFrame) -> pd.DataFrame:
    """How much each outlet's furniture set apart: stories with any, rows and characters,
    and their shares of the outlet's stories, rows and characters (outlet "(no outlet)" for
    stories without one)."""
    columns = ["outlet", "stories", "stories_with_furniture", "rows", "furniture_rows", "characters", "furniture_characters"]
    if table.empty or "is_boilerplate" not in table:
        return pd.DataFrame(columns=columns)
    frame = pd.DataFrame({
        "outlet": table["outlet"].astype("object").where(table["outlet"].notna(), "(no outlet)").to_numpy(),
        "story_id": table["story_id"].to_numpy(),
        "furniture": table["is_boilerplate"].astype(bool).to_numpy(),
        "characters": (table["end"] - table["start"]).to_numpy(),
    })
    frame["furniture_characters"] = frame["characters"].where(frame["furniture"], 0)
    per_story = frame.groupby(["outlet", "story_id"], sort=False).agg(furniture=("furniture", "any"))
    outlets = frame.groupby("outlet", sort=True).agg(
        rows=("furniture", "size"), furniture_rows=("furniture", "sum"),
        characters=("characters", "sum"), furniture_characters=("furniture_characters", "sum"),
    )
    stories = per_story.groupby(level="outlet").agg(stories=("furniture", "size"), stories_with_furniture=("furniture", "sum"))
    result = stories.join(outlets).reset_index()
    return result[columns].astype({name: "int64" for name in columns[1:]})


def add_summaries(first: pd.DataFrame, second: pd.DataFrame) -> pd.DataFrame:
    """Add two ``summary`` tables (of pieces of one table whose stories do not straddle them)."""
    if first.empty:
        return second
    if second.empty:
        return first
    joined = pd.concat([first, second]).groupby("outlet", sort=True).sum().reset_index()
    return joined[first.columns]


def describe(summary_table: pd.DataFrame) -> list[str]:
    """One line per outlet that had furniture, saying how much was set apart."""
    lines = []
    for row in summary_table.itertuples(index=False):
        if not row.furniture_rows:
            continue
        share = row.furniture_characters / row.characters if row.characters else 0.0
        lines.append(
            f"{row.outlet}: {row.furniture_rows} of {row.rows} rows ({share:.0%} of the characters, "
            f"{row.furniture_characters:,}) in {row.stories_with_furniture} of {row.stories} stories"
        )
    return lines


def print_furniture(lines: list[str]) -> None:
    """Say on standard error how much page furniture each outlet had (``describe``)."""
    if not lines:
        print("set apart no page furniture", file=sys.stderr)
        return
    print("set apart as page furniture (menus, link lists, footers: kept in the table as is_boilerplate, left out of "
          "every count and chart):", file=sys.stderr)
    for line in lines:
        print(f"  {line}", file=sys.stderr)
