"""Find quotations in a paragraph: which double quotation marks open and which close.

Curly marks say which way they face; a straight mark (") is read from its neighbours:
one that follows a space and precedes a word opens, one that follows a word or
punctuation and precedes a space closes, and an ambiguous one closes an open quotation
or else opens one. Two apostrophes ('') and two backticks (``), which some US papers
and wire feeds print for double quotes, count as one mark. Single quotation marks are
left alone: they are apostrophes far more often than quotations, and nest inside double
ones in English news style.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A dash and a name that sign a quotation ('"We are ashamed." ― Ana Ruiz, a voter').
SIGNATURE = r"(?P<dash>[―—–])\s*(?P<who>[A-Z][^.!?\"“”]{1,80}?)[.\s]*"
OPENING_MARKS = "“„«"
CLOSING_MARKS = "”»"
_MARK = re.compile(r"''|``|[\"“”„«»]")
# A straight or curly double quotation mark, whichever way it faces.
DOUBLE_QUOTE_MARK = re.compile(r"[\"“”]")
_SPACE = " \t\n\r\u00a0"
_BEFORE_OPENING = _SPACE + "([{—–-/"
_AFTER_CLOSING = _SPACE + ")]}.,;:!?…—–-/"


@dataclass(frozen=True)
class QuoteMark:
    """A double quotation mark: where it starts, how many characters it takes, and
    whether it opens or closes a quotation."""

    start: int
    length: int
    opens: bool


@dataclass(frozen=True)
class QuoteSpan:
    """A quotation within a text: ``start`` is the opening mark, ``end`` is just past the
    closing mark. ``opened`` and ``closed`` say whether the marks were really there (a
    quotation may run on from the previous paragraph or on into the next)."""

    start: int
    end: int
    opened: bool = True
    closed: bool = True


def quote_marks(text: str) -> list[QuoteMark]:
    """Return every double quotation mark of ``text`` with whether it opens or closes."""
    marks: list[QuoteMark] = []
    is_open = False
    for match in _MARK.finditer(text):
        mark, position = match.group(), match.start()
        if mark in OPENING_MARKS or mark == "``":
            opens = True
        elif mark in CLOSING_MARKS:
            opens = False
        else:
            before = text[position - 1] if position > 0 else " "
            after = text[match.end()] if match.end() < len(text) else " "
            left = before in _BEFORE_OPENING and after not in _SPACE
            right = after in _AFTER_CLOSING and before not in _BEFORE_OPENING
            if mark == "''" and not (left or right):
                continue
            opens = left if left != right else not is_open
        is_open = opens
        marks.append(QuoteMark(position, len(mark), opens))
    return marks


def quote_spans(text: str) -> list[QuoteSpan]:
    """Pair the quotation marks of ``text`` (one paragraph) into quotations.

    An opening mark left unclosed runs to the end of the text; a closing mark with no
    opening mark before it closes a quotation that began before the text.
    """
    spans: list[QuoteSpan] = []
    open_at: int | None = None
    for mark in quote_marks(text):
        if mark.opens:
            if open_at is not None:
                spans.append(QuoteSpan(open_at, mark.start, closed=False))
            open_at = mark.start
        elif open_at is not None:
            spans.append(QuoteSpan(open_at, mark.start + mark.length))
            open_at = None
        elif not spans:
            spans.append(QuoteSpan(0, mark.start + mark.length, opened=False))
    if open_at is not None:
        spans.append(QuoteSpan(open_at, len(text.rstrip()), closed=False))
    return spans
