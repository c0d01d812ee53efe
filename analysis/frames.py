"""Find frames, targets and contrasts in a sentence, with the vocabularies in
``data/framing/`` (see its README for what each frame covers and where it comes from)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .datafiles import data_dir, modified, read_rows
from .matching import PhraseMatcher


@dataclass
class FramingVocabulary:
    """The frames, targets and contrast markers, ready for matching."""

    frames: tuple[str, ...]
    labels: dict[str, str]
    targets: tuple[str, ...]
    frame_matcher: PhraseMatcher
    target_matcher: PhraseMatcher
    contrast_matcher: PhraseMatcher

    def frames_in(self, text: str) -> list[str]:
        """Return the frames whose terms occur in ``text``, in the vocabulary's order."""
        found = {match.value for match in self.frame_matcher.find(text)}
        return [frame for frame in self.frames if frame in found]

    def targets_in(self, text: str) -> list[str]:
        """Return the targets that ``text`` mentions, in the vocabulary's order."""
        found = {match.value for match in self.target_matcher.find(text)}
        return [target for target in self.targets if target in found]

    def target_mentions(self, text: str) -> list[tuple[str, int, int]]:
        """Return every mention of a target in ``text`` as ``(target, start, end)``, left
        to right: ``text[start:end]`` is the alias as written."""
        return [(match.value, match.start, match.end) for match in self.target_matcher.find(text)]

    def contrast_in(self, text: str) -> str | None:
        """Return the first contrast marker in ``text`` (lower case), or None."""
        matches = self.contrast_matcher.find(text)
        return " ".join(matches[0].text.lower().split()) if matches else None


def load_vocabulary(folder: str | Path | None = None) -> FramingVocabulary:
    """Return the framing vocabulary in ``folder`` (default ``framing/`` in the data
    folder), read again only when one of its files changes."""
    folder = str(folder or data_dir() / "framing")
    return _cached_vocabulary(folder, modified(folder))


@lru_cache(maxsize=4)
def _cached_vocabulary(folder: str, version: tuple) -> FramingVocabulary:
    path = Path(folder)
    definitions = read_rows(path / "frame_definitions.csv")
    frames = tuple(row["frame"] for row in definitions)
    terms = []
    for row in read_rows(path / "frames.csv"):
        if row["frame"] not in frames:
            raise ValueError(f"{path / 'frames.csv'}: frame {row['frame']!r} is not in frame_definitions.csv")
        terms.append((row["term"], row["frame"]))
    aliases = [(row["alias"], row["target"]) for row in read_rows(path / "targets.csv")]
    markers = [(row["marker"], "contrast") for row in read_rows(path / "contrast_markers.csv")]
    return FramingVocabulary(
        frames=frames,
        labels={row["frame"]: row["label"] for row in definitions},
        targets=tuple(dict.fromkeys(target for _, target in aliases)),
        frame_matcher=PhraseMatcher(terms, ignore_case=True),
        target_matcher=PhraseMatcher(aliases, ignore_case=False),
        contrast_matcher=PhraseMatcher(markers, ignore_case=True),
    )
