"""Find frames, targets and contrasts in a sentence, with the vocabularies in
``data/framing/`` (see its README for what each frame covers and where it comes from)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .datafiles import data_dir, read_rows


def _term_pattern(term: str) -> str:
    """Turn a vocabulary term into a regular expression: whole words, ``*`` for any ending."""
    parts = [re.escape(word[:-1]) + r"\w*" if word.endswith("*") else re.escape(word) for word in term.split()]
    return r"\s+".join(parts)


def _alternation(patterns: dict[str, list[str]], flags: int) -> re.Pattern:
    """One regular expression with a named group per key, each matching any of its
    patterns as whole words (longest first)."""
    groups = []
    for index, (name, items) in enumerate(patterns.items()):
        alternatives = "|".join(sorted(items, key=len, reverse=True))
        groups.append(f"(?P<g{index}>{alternatives})")
    return re.compile(r"(?<![\w-])(?:" + "|".join(groups) + r")(?![\w-])", flags)


@dataclass
class FramingVocabulary:
    """The frames, targets and contrast markers, compiled for matching."""

    frames: tuple[str, ...]
    labels: dict[str, str]
    targets: tuple[str, ...]
    frame_regex: re.Pattern
    target_regex: re.Pattern
    contrast_regex: re.Pattern

    def frames_in(self, text: str) -> list[str]:
        """Return the frames whose terms occur in ``text``, in the vocabulary's order."""
        found = {self.frames[int(m.lastgroup[1:])] for m in self.frame_regex.finditer(text)}
        return [frame for frame in self.frames if frame in found]

    def targets_in(self, text: str) -> list[str]:
        """Return the targets that ``text`` mentions, in the vocabulary's order."""
        found = {self.targets[int(m.lastgroup[1:])] for m in self.target_regex.finditer(text)}
        return [target for target in self.targets if target in found]

    def contrast_in(self, text: str) -> str | None:
        """Return the first contrast marker in ``text`` (lower case), or None."""
        match = self.contrast_regex.search(text)
        return " ".join(match.group().lower().split()) if match else None


def load_vocabulary(folder: str | Path | None = None) -> FramingVocabulary:
    """Return the framing vocabulary in ``folder`` (default ``framing/`` in the data
    folder), read once per folder."""
    return _cached_vocabulary(str(folder or data_dir() / "framing"))


@lru_cache(maxsize=4)
def _cached_vocabulary(folder: str) -> FramingVocabulary:
    path = Path(folder)
    definitions = read_rows(path / "frame_definitions.csv")
    frames = tuple(row["frame"] for row in definitions)
    terms: dict[str, list[str]] = {frame: [] for frame in frames}
    for row in read_rows(path / "frames.csv"):
        if row["frame"] not in terms:
            raise ValueError(f"{path / 'frames.csv'}: frame {row['frame']!r} is not in frame_definitions.csv")
        terms[row["frame"]].append(_term_pattern(row["term"]))
    aliases: dict[str, list[str]] = {}
    for row in read_rows(path / "targets.csv"):
        aliases.setdefault(row["target"], []).append(re.escape(row["alias"]).replace(r"\ ", r"\s+"))
    markers = [_term_pattern(row["marker"]) for row in read_rows(path / "contrast_markers.csv")]
    return FramingVocabulary(
        frames=frames,
        labels={row["frame"]: row["label"] for row in definitions},
        targets=tuple(aliases),
        frame_regex=_alternation(terms, re.IGNORECASE),
        target_regex=_alternation(aliases, 0),
        contrast_regex=_alternation({"contrast": markers}, re.IGNORECASE),
    )
