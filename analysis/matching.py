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


class PhraseMatcher:
    """Find the terms of a vocabulary in texts; where matches overlap, the longest wins."""

    def __init__(self, terms: Iterable[tuple[str, Any]], ignore_case: bool):
        self.ignore_case = ignore_case
        self._automaton = ahocorasick.Automaton()
        candidates: dict[str, list[list]] = {}
        for term, value in terms:
            literal = term.split("*", 1)[0].split()[0] if term.split() else ""
            if not literal:
                continue
            key = literal.lower() if ignore_case else literal
            words = tuple(term.split()) if "*" not in term and term.isascii() else None
            candidates.setdefault(key, []).append([term, None, value, literal == term, words, 0])
        for key, entries in candidates.items():
            self._automaton.add_word(" " + key, (len(key), entries))
        self._empty = not candidates
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
        for last, (length, entries) in self._automaton.iter(haystack):
            start = last - length
            for entry in entries:
                if entry[3]:
                    end = start + length
                    if _ends_word(text, end):
                        found.append(PhraseMatch(start, end, text[start:end], entry[2]))
                    continue
                if entry[1] is None and entry[4] is not None and entry[5] < _CHECKS_BEFORE_COMPILING:
                    entry[5] += 1
                    end = _words_end(text, start, entry[4], self.ignore_case)
                    if end is None:
                        continue
                    if end >= 0:
                        found.append(PhraseMatch(start, end, text[start:end], entry[2]))
                        continue
                if entry[1] is None:
                    entry[1] = term_regex(entry[0], self.ignore_case)
                match = entry[1].match(text, start)
                if match:
                    found.append(PhraseMatch(start, match.end(), match.group(), entry[2]))
        return keep_longest(found)


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
    if not after:
        return True
    if after.isalnum() or after in "_-":
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

