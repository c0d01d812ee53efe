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


def propose_targets(texts, codebook_folder: str | Path | None = None, top: int = 30) -> list[tuple[str, str, int]]:
    """The ``top`` entities that ``texts`` (sentences) mention most, as rows of a
    ``targets.csv`` to edit: ``(target, alias, sentences)``. Entities are the states and
    blocs of ``states.csv`` (their names, aliases and adjectives merged under the name),
    the capitalized organizations of ``organizations.csv`` (not the words that head
    organizations' names, such as "Holdings"), the people of ``people.csv``
    (with their aliases), and runs of two or more capitalized words that no list knows
    (each its own target). ``sentences`` counts the sentences that mention the target."""
    from .sourcetypes import NAME_RUN

    folder = Path(codebook_folder or data_dir() / "codebook")
    aliases: dict[str, str] = {}
    for row in read_rows(folder / "states.csv"):
        for alias in [row["name"], *row.get("aliases", "").split("|"), *row.get("adjectives", "").split("|")]:
            if alias.strip() and (len(alias.strip()) > 2 or alias.strip().isupper()):
                aliases.setdefault(alias.strip(), row["name"])
    heads = {row["head"] for row in read_rows(folder / "organization_heads.csv")} if (folder / "organization_heads.csv").exists() else set()
    for row in read_rows(folder / "organizations.csv"):
        if row["name"][:1].isupper() and len(row["name"]) > 2 and row["name"] not in heads:
            aliases.setdefault(row["name"], row["name"])
    for row in read_rows(folder / "people.csv"):
        for alias in [row["name"], *row.get("aliases", "").split("|")]:
            if alias.strip():
                aliases.setdefault(alias.strip(), row["name"])
    matcher = PhraseMatcher(((alias, alias) for alias in aliases), ignore_case=False)
    sentences: dict[str, int] = {}
    seen_aliases: dict[str, set[str]] = {}
    for text in texts:
        found = {match.value for match in matcher.find(text)}
        known = {aliases[alias] for alias in found}
        unknown = {run.group() for run in NAME_RUN.finditer(text) if len(run.group().split()) > 1 and not any(run.group() in alias or alias in run.group() for alias in found)}
        for alias in found:
            seen_aliases.setdefault(aliases[alias], set()).add(alias)
        for name in unknown:
            seen_aliases.setdefault(name, set()).add(name)
        for target in known | unknown:
            sentences[target] = sentences.get(target, 0) + 1
    ranked = sorted(sentences.items(), key=lambda item: (-item[1], item[0]))[:top]
    return [(target, alias, count) for target, count in ranked for alias in sorted(seen_aliases[target])]
