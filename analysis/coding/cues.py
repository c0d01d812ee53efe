"""The reporting-cue lexicon: the verbs in ``data/cues.csv`` in all their forms."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..datafiles import data_dir, modified, read_rows
from .matching import PhraseMatch, PhraseMatcher

FRAMES = frozenset({"clause", "bare", "trailing", "to", "object", "as"})
KINDS = ("speech", "thought", "stance")


@dataclass(frozen=True)
class CueVerb:
    """A reporting verb: its base form, the frames in which it reports, whether its
    base and -s forms are also common nouns ("state", "support"), and its kind:
    ``speech``, ``thought`` or ``stance``; ``past_is_base`` when its past tense is
    written as its base ("forecast", "broadcast"), so that "..., it forecast." reports."""

    verb: str
    frames: frozenset[str]
    noun: bool = False
    kind: str = "speech"
    past_is_base: bool = False


def inflections(verb: str) -> list[str]:
    """Return the regular forms of an English verb: base, -s, -ed and -ing."""
    if re.search(r"(s|sh|ch|x|z|o)$", verb):
        third = verb + "es"
    elif re.search(r"[^aeiou]y$", verb):
        third = verb[:-1] + "ies"
    else:
        third = verb + "s"
    if verb.endswith("e"):
        past = verb + "d"
    elif re.search(r"[^aeiou]y$", verb):
        past = verb[:-1] + "ied"
    else:
        past = verb + "ed"
    if verb.endswith("ie"):
        gerund = verb[:-2] + "ying"
    elif verb.endswith("e") and not verb.endswith(("ee", "ye", "oe")):
        gerund = verb[:-1] + "ing"
    else:
        gerund = verb + "ing"
    return [verb, third, past, gerund]


class CueLexicon:
    """All forms of the reporting verbs, for finding them in sentences."""

    def __init__(self, path: str | Path):
        self.by_form: dict[str, CueVerb] = {}
        for row in read_rows(path):
            frames = frozenset(filter(None, row["frames"].split("|")))
            if not frames <= FRAMES:
                raise ValueError(f"{path}: {row['verb']}: unknown frames {sorted(frames - FRAMES)}")
            verb = row["verb"].lower()
            if row.get("forms"):
                phrases = [verb, *(form.strip() for form in row["forms"].lower().split("|"))]
            else:
                head, *particle = verb.split(maxsplit=1)
                phrases = [" ".join([form, *particle]) for form in inflections(head)]
            kind = row.get("kind") or "speech"
            if kind not in KINDS:
                raise ValueError(f"{path}: {row['verb']}: unknown kind {kind!r}; use one of {', '.join(KINDS)}")
            cue = CueVerb(verb, frames, row.get("noun", "").lower() == "yes", kind, verb in phrases[1:])
            for phrase in phrases:
                self.by_form.setdefault(phrase, cue)
        self.matcher = PhraseMatcher(self.by_form.items(), ignore_case=True)

    def find(self, text: str) -> list[PhraseMatch]:
        """Return the cue forms in ``text``, left to right; each match's value is its
        ``CueVerb``."""
        return [match for match in self.matcher.find(text) if match.start == 0 or text[match.start - 1] not in "'’"]


def load_cues(path: str | Path | None = None) -> CueLexicon:
    """Return the cue lexicon from ``path`` (default ``cues.csv`` in the data folder),
    read again only when the file changes."""
    path = str(Path(path or data_dir() / "cues.csv").resolve())
    return _cached_cues(path, modified(path))


@lru_cache(maxsize=4)
def _cached_cues(path: str, version: tuple) -> CueLexicon:
    return CueLexicon(path)
