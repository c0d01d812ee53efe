"""The story that speakers are resolved in, and what is found in it once.

``StoryContext`` holds a story's text, the codebook for its genre, its own outlet and
its genre, with the places that every rule reads (where sentences start and end, where
headings lie, the runs of capitalized words, names by their initials) found on first
use, and the types and introductions of names once worked out.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from ..sourcetypes import NAME_RUN, Codebook
from .words import CAPITALIZED_RUN, LEADING_THE_WORD, name_words

_SENTENCE_BREAK = re.compile(r"[.!?][\"”’']?\s+")


@dataclass
class StoryContext:
    """One story as the speaker rules read it: ``text`` runs from the start of its
    first sentence to the end of its last; ``sentence_starts`` and ``headings`` are
    offsets in it. ``story_types`` and ``introductions`` keep what ``story_types`` and
    ``introductions`` have worked out for each name."""

    text: str
    codebook: Codebook
    own_outlet: str | None
    genre: str | None = None
    sentence_starts: list[int] = field(default_factory=list)
    headings: list[tuple[int, int]] = field(default_factory=list)
    story_types: dict[str, str | None] = field(default_factory=dict, init=False)
    introductions: dict[str, tuple[str, str]] = field(default_factory=dict, init=False)
    _heading_starts: list[int] = field(default_factory=list, init=False)
    _runs: list[re.Match[str]] | None = field(default=None, init=False)
    _runs_with: dict[str, list[re.Match[str]]] = field(default_factory=dict, init=False)
    _sentence_ends: list[int] | None = field(default=None, init=False)
    _initials: dict[str, str] | None = field(default=None, init=False)

    def __post_init__(self) -> None:
        self.sentence_starts = list(self.sentence_starts)
        self.headings = sorted(self.headings)
        self._heading_starts = [start for start, _ in self.headings]

    def runs(self) -> list[re.Match[str]]:
        """The runs of capitalized words in the story (names, titles) outside its
        headings, whose title case joins words that are no name ("Clinton Wades Into
        Brexit Debate"), found once and indexed by word (``runs_with``)."""
        if self._runs is None:
            self._runs = [run for run in CAPITALIZED_RUN.finditer(self.text) if not self._in_heading(run.start())]
            for run in self._runs:
                for word in set(name_words(run.group())):
                    self._runs_with.setdefault(word, []).append(run)
        return self._runs

    def runs_with(self, word: str) -> list[re.Match[str]]:
        """The runs (``runs``) that have ``word`` among their words, in order."""
        self.runs()
        return self._runs_with.get(word, [])

    def floor(self, at: int) -> int:
        """Where the sentence (or heading) that holds offset ``at`` starts: words that
        describe a name never reach back over it into a headline or the sentence before
        ("Hodgson shoulders England blame" is no description of the fly-half that the
        next sentence names). The start of the line, too, for a story read without its
        sentences."""
        before = bisect_right(self.sentence_starts, at) - 1
        line = self.text.rfind("\n", 0, at) + 1
        return max(self.sentence_starts[before] if before >= 0 else 0, line)

    def _in_heading(self, at: int) -> bool:
        """True when offset ``at`` falls in one of the story's headings."""
        before = bisect_right(self._heading_starts, at) - 1
        return before >= 0 and at < self.headings[before][1]

    def sentence_ends(self) -> list[int]:
        """Where each sentence of the story ends, after its closing mark and the space
        that follows it, found once."""
        if self._sentence_ends is None:
            self._sentence_ends = [m.end() for m in _SENTENCE_BREAK.finditer(self.text)]
        return self._sentence_ends

    def initials(self, without_the: bool) -> dict[str, str]:
        """The story's names of capitalized words (``NAME_RUN``) by their initials of
        three letters or more, the first name for each ("CWA": "Communications Workers
        of America"). Made once, by the rule of the first caller: with a leading "The"
        left out (``without_the``) or counted."""
        if self._initials is None:
            self._initials = {}
            for run in NAME_RUN.finditer(self.text):
                words = (LEADING_THE_WORD.sub("", run.group()) if without_the else run.group()).split()
                initials = "".join(word[0] for word in words if word[:1].isupper())
                if len(initials) >= 3:
                    self._initials.setdefault(initials, run.group())
        return self._initials
