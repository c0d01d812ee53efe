"""Find many vocabulary terms in a text at once.

Python's regular expressions try every alternative at every position, which is slow for
vocabularies of hundreds of terms. ``PhraseMatcher`` finds candidate positions with an
Aho-Corasick automaton (pyahocorasick) in one pass, then checks each candidate: a
one-word term by the character after it, a longer one word by word, or by its own small
regular expression once it has been checked often (a codebook of thousands of names
mostly never is).

Terms are whole words. In a term, ``*`` at the end of a word matches any ending of that
word ("cooperat*" finds "cooperation"), and words are separated by any white space.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import ahocorasick


@dataclass(frozen=True)
class PhraseMatch:
    """A term found in a text: where, what was matched, and the term's value."""

    start: int
    end: int
    text: str
    value: Any


# Every character that cannot be part of a word becomes a space in the text the automaton
# reads, so that a key written with a leading space only matches at the start of a word.
# (A regular expression does this several times faster than ``str.translate`` with a
# dict on text with curly quotes.)
_NOT_WORD = re.compile(r"[\t\n\r\f\v\u00a0,;:!?()\[\]{}\"“”‘’«»/\\|<>*+=~^`@#$%]")


# White space and the first two characters of the word after it.
_SECOND_WORD = re.compile(r"\s+(\S.?)", re.DOTALL)


def term_regex(term: str, ignore_case: bool) -> re.Pattern:
    """Compile ``term`` into an anchored expression that ends at a word boundary."""
    words = []
    for word in term.split():
        if word.endswith("*"):
            words.append(re.escape(word[:-1]) + r"[\w'’-]*")
        else:
            words.append(re.escape(word))
    return re.compile(r"\s+".join(words) + r"(?![\w-]|\.\w)", re.IGNORECASE if ignore_case else 0)


def keep_longest(matches: list[PhraseMatch]) -> list[PhraseMatch]:
    """Drop matches that overlap a longer one; return the rest left to right."""
    if len(matches) < 2:
        return matches
    matches = sorted(matches, key=lambda m: (m.start, m.start - m.end))
    kept: list[PhraseMatch] = []
    for match in matches:
        if kept and match.start < kept[-1].end:
            if match.end - match.start > kept[-1].end - kept[-1].start:
                kept[-1] = match
            continue
        kept.append(match)
    return kept


class _Term:
    """A term of several words (or with a ``*``), with what checking it needs: its words
    when it can be checked in Python, its compiled expression once it has one, and how
    often it has been checked."""

    __slots__ = ("order", "text", "value", "words", "regex", "checks")

    def __init__(self, order: int, text: str, value: Any):
        self.order, self.text, self.value = order, text, value
        self.words = tuple(text.split()) if "*" not in text and text.isascii() else None
        self.regex: re.Pattern | None = None
        self.checks = 0


def _order(entry: _Term) -> int:
    """Where a term stands in its vocabulary: of two terms that match the same span, the
    first listed is kept."""
    return entry.order


class PhraseMatcher:
    """Find the terms of a vocabulary in texts; where matches overlap, the longest wins.

    The automaton is keyed by each term's first word. At a key found in a text, the
    one-word terms need only a word boundary; the longer terms are filed by the first
    two letters of their second word, so that "the" does not make every "the ..." name
    of a large codebook be checked: only those whose second word could start there."""

    def __init__(self, terms: Iterable[tuple[str, Any]], ignore_case: bool):
        self.ignore_case = ignore_case
        self._automaton = ahocorasick.Automaton()
        keys: dict[str, tuple[list, dict, list]] = {}
        for order, (term, value) in enumerate(terms):
            words = term.split()
            literal = term.split("*", 1)[0].split()[0] if words else ""
            if not literal:
                continue
            key = literal.lower() if ignore_case else literal
            single, by_second, other = keys.setdefault(key, ([], {}, []))
            if literal == term:
                single.append(value)
                continue
            entry = _Term(order, term, value)
            second = words[1][:2] if len(words) > 1 and words[0] == literal else ""
            if len(second) == 2 and "*" not in second and second.isascii():
                by_second.setdefault(second.lower() if ignore_case else second, []).append(entry)
            else:
                other.append(entry)
        for key, (single, by_second, other) in keys.items():
            self._automaton.add_word(" " + key, (len(key), tuple(single), by_second, other))
        self._empty = not keys
        if not self._empty:
            self._automaton.make_automaton()

    def find(self, text: str) -> list[PhraseMatch]:
        """Return the terms in ``text``, left to right, without overlaps."""
        if self._empty:
            return []
        haystack = " " + _NOT_WORD.sub(" ", text.lower() if self.ignore_case else text)
        if len(haystack) != len(text) + 1:
            haystack = " " + _NOT_WORD.sub(" ", "".join(c.lower() if self.ignore_case and len(c.lower()) == 1 else c for c in text))
        found: list[PhraseMatch] = []
        for last, (length, single, by_second, other) in self._automaton.iter(haystack):
            start = last - length
            if single and _ends_word(text, last):
                for value in single:
                    found.append(PhraseMatch(start, last, text[start:last], value))
            entries = other
            if by_second:
                seconds = self._second_word_entries(text, last, by_second)
                entries = sorted(other + seconds, key=_order) if other and seconds else other or seconds
            for entry in entries:
                match = self._match(entry, text, start)
                if match is not None:
                    found.append(match)
        return keep_longest(found)

    def _second_word_entries(self, text: str, first_end: int, by_second: dict[str, list[_Term]]) -> list[_Term]:
        """The terms filed under the two letters that open the word after white space at
        ``first_end``; all of them when those letters are not ASCII (case-insensitive
        matching has cases there that only a term's expression knows)."""
        gap = _SECOND_WORD.match(text, first_end)
        if gap is None:
            return []
        letters = gap[1]
        if not letters.isascii():
            return sorted((entry for entries in by_second.values() for entry in entries), key=_order)
        return by_second.get(letters.lower() if self.ignore_case else letters, [])

    def _match(self, entry: _Term, text: str, start: int) -> PhraseMatch | None:
        """The match of a longer term at ``start``, or None."""
        if entry.regex is None and entry.words is not None and entry.checks < _CHECKS_BEFORE_COMPILING:
            entry.checks += 1
            end = _words_end(text, start, entry.words, self.ignore_case)
            if end is None:
                return None
            if end >= 0:
                return PhraseMatch(start, end, text[start:end], entry.value)
        if entry.regex is None:
            entry.regex = term_regex(entry.text, self.ignore_case)
        match = entry.regex.match(text, start)
        return PhraseMatch(start, match.end(), match.group(), entry.value) if match else None


# A term of several words is checked in Python (``_words_end``) the first times its first
# word is met, and by its compiled expression after that: compiling costs about as much
# as a hundred such checks, and most terms of a large vocabulary are met a few times.
_CHECKS_BEFORE_COMPILING = 64


def _words_end(text: str, start: int, words: tuple[str, ...], ignore_case: bool) -> int | None:
    """Where the words of an ASCII term without ``*`` end when they occur at ``start``
    in ``text``, separated by white space and ending a word; None when they do not
    occur there; -1 when the text there is not ASCII, where case-insensitive matching
    has cases ("K" for "k") that only the term's regular expression knows. Spares
    compiling an expression for each phrase of a vocabulary that a corpus touches."""
    at = start
    for number, word in enumerate(words):
        if number:
            gap = at
            while gap < len(text) and text[gap].isspace():
                gap += 1
            if gap == at:
                return None
            at = gap
        piece = text[at : at + len(word)]
        if not piece.isascii():
            return -1
        if (piece.lower() != word.lower()) if ignore_case else (piece != word):
            return None
        at += len(word)
    return at if _ends_word(text, at) else None


def _ends_word(text: str, end: int) -> bool:
    r"""True when a word may end at ``end`` in ``text``: what ``term_regex`` checks with
    ``(?![\w-]|\.\w)``, for a one-word term the automaton has already matched."""
    after = text[end : end + 1]
    if _joins_word(after):
        return False
    return not (after == "." and re.match(r"\w", text[end + 1 : end + 2]))


def word_spans(text: str, word: str) -> list[tuple[int, int]]:
    r"""Where ``word`` occurs in ``text`` as a whole word, not overlapping, left to right:
    what ``re.finditer(r"(?<![\w-])" + re.escape(word) + r"(?![\w-])", text)`` finds,
    without compiling an expression for every name a story mentions."""
    spans, at = [], text.find(word)
    while at >= 0 and word:
        end = at + len(word)
        if not _joins_word(text[at - 1 : at]) and not _joins_word(text[end : end + 1]):
            spans.append((at, end))
            at = text.find(word, end)
        else:
            at = text.find(word, at + 1)
    return spans


def _joins_word(char: str) -> bool:
    r"""True for a character that ``[\w-]`` matches (empty at the text's ends: False)."""
    return char.isalnum() or char in ("_", "-")

