"""Repair mojibake ("Chinaâ€™s" for "China's") while keeping offsets into the text as read.

Text scraped with the wrong encoding reaches this project as UTF-8 that was decoded as
cp1252 and encoded again. ftfy, the well-kept library for this, undoes it. It is applied
word by word (runs of non-space characters), so the repaired text lines up with the text
as read everywhere but inside the repaired words, and offsets map both ways.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

import ftfy

_WORD = re.compile(r"[^ \t\n\r\f\v]+")


@dataclass(frozen=True)
class Repair:
    """A repaired text and how it lines up with the text as read.

    ``pieces`` lists ``(raw_start, raw_end, fixed_start, fixed_end)`` for each repaired
    word; outside them the two texts differ only by a shift.
    """

    text: str
    pieces: tuple[tuple[int, int, int, int], ...]
    words: int

    def to_raw(self, offset: int) -> int:
        """Map an offset in the repaired text to the text as read."""
        return self._map(offset, source=2, target=0)

    def to_fixed(self, offset: int) -> int:
        """Map an offset in the text as read to the repaired text."""
        return self._map(offset, source=0, target=2)

    def _map(self, offset: int, source: int, target: int) -> int:
        """Map ``offset`` from one text to the other; ``source`` and ``target`` pick
        the columns of ``pieces`` (0 for the text as read, 2 for the repaired text)."""
        index = bisect_right([piece[source] for piece in self.pieces], offset) - 1
        if index < 0:
            return offset
        piece = self.pieces[index]
        from_start, from_end, to_start, to_end = piece[source], piece[source + 1], piece[target], piece[target + 1]
        if offset < from_end:
            return to_start if offset == from_start else min(to_end, to_start + (offset - from_start))
        return offset + (to_end - from_end)


# UTF-8 read as cp1252 turns each multi-byte character into a lead character (Â to ô)
# followed by one from the continuation range: a quick test before asking ftfy.
_SUSPECT = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013\u2014\u2018-\u201a\u201c-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"
)


def repair_mojibake(text: str) -> Repair | None:
    """Return the repaired text of ``text``, or None when it has no mojibake."""
    if not _SUSPECT.search(text) or ftfy.fix_encoding(text) == text:
        return None
    parts: list[str] = []
    pieces: list[tuple[int, int, int, int]] = []
    position = shift = 0
    for word in _WORD.finditer(text):
        fixed = ftfy.fix_encoding(word.group())
        if fixed == word.group():
            continue
        parts.append(text[position : word.start()])
        fixed_start = word.start() + shift
        parts.append(fixed)
        pieces.append((word.start(), word.end(), fixed_start, fixed_start + len(fixed)))
        shift += len(fixed) - (word.end() - word.start())
        position = word.end()
    if not pieces:
        return None
    parts.append(text[position:])
    return Repair("".join(parts), tuple(pieces), len(pieces))
