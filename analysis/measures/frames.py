"""Find frames, targets and contrasts in a sentence, and frames in an article, with the
vocabularies in ``data/framing/`` (see its README).

Frames come in sets, one folder each under ``data/framing/`` (``generic``, the default,
and ``seed``), or any folder in the same format: ``frame_definitions.csv`` (the frames),
``frames.csv`` (their cues) and ``article_rules.csv`` (when an article shows a frame).
A cue in ``frames.csv`` has a kind (column ``cue``) and is one of:

- words, matched whole in any case, a trailing ``*`` matching any ending (``accus*``),
  ``|`` between alternatives for one word (``huge|high cost|costs``: four phrases);
- ``re:`` and a regular expression, searched in any case (``re:\\$\\s?\\d``);
- ``speaker:`` and a source type: the sentence is attributed to such a source
  (``speaker:public``, an ordinary person's voice).

A sentence shows a frame when its cues are of the kinds the frame's ``needs`` asks for
(``frame_definitions.csv``): kinds joined by ``|`` are alternatives, groups joined by
``+`` are all needed, and a kind after `` - `` rules the frame out ("emotion|harm +
person|family": an emotion or harm word together with a person). Without ``needs``, any
cue will do. Targets (``targets.csv``) and contrast markers (``contrast_markers.csv``)
are shared by every set.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import product
from pathlib import Path

from ..datafiles import data_dir, modified, read_rows
from ..coding.matching import PhraseMatcher

DEFAULT_FRAME_SET = "generic"
ARTICLE_STATISTICS = ("with_frame", "share", "per_100_words", "lead")


@dataclass(frozen=True)
class ArticleRule:
    """An article shows a frame when ``statistic`` of its sentences that show the frame
    reaches ``threshold``: ``with_frame`` counts them, ``share`` divides them by the
    article's sentences, ``per_100_words`` by its words (times 100), and ``lead`` counts
    them among its first five sentences, headline included."""

    statistic: str
    threshold: float

    def shows(self, statistics):
        """Whether each article shows the frame: ``statistics`` holds its rows of
        ``summarise.article_frame_statistics`` (a DataFrame), one per article."""
        return statistics[self.statistic] >= self.threshold


@dataclass(frozen=True)
class Needs:
    """What a sentence needs to show a frame: a cue of some kind in each of ``groups``
    (no groups: any cue), and none of the kinds in ``excluded``."""

    groups: tuple[frozenset[str], ...]
    excluded: frozenset[str]

    def met_by(self, kinds: set[str]) -> bool:
        """True when cues of ``kinds`` (a frame's cues in one sentence) show the frame."""
        if not kinds or kinds & self.excluded:
            return False
        return all(group & kinds for group in self.groups)


def parse_needs(text: str) -> Needs:
    """Read a ``needs`` cell: "a|b + c - d" needs a or b, and c, and no d."""
    wanted, _, excluded = (text or "").partition(" - ")
    groups = tuple(frozenset(kind.strip() for kind in group.split("|") if kind.strip()) for group in wanted.split("+") if group.strip())
    return Needs(groups, frozenset(kind.strip() for kind in excluded.split("|") if kind.strip()))


@dataclass(frozen=True)
class CueMatch:
    """A frame cue found in a sentence: the frame, the kind of cue and the words matched
    (the source type for a ``speaker:`` cue)."""

    frame: str
    cue: str
    text: str


@dataclass
class FramingVocabulary:
    """A frame set with the targets and contrast markers, ready for matching."""

    frame_set: str
    frames: tuple[str, ...]
    labels: dict[str, str]
    definitions: dict[str, str]
    needs: dict[str, Needs]
    article_rules: dict[str, ArticleRule]
    targets: tuple[str, ...]
    frame_matcher: PhraseMatcher
    frame_patterns: tuple[tuple[str, str, re.Pattern], ...]
    speaker_cues: dict[str, tuple[tuple[str, str], ...]]
    target_matcher: PhraseMatcher
    contrast_matcher: PhraseMatcher

    def frame_cues_in(self, text: str, source_type: str | None = None) -> list[CueMatch]:
        """Return the frame cues in ``text`` (a sentence attributed to ``source_type``):
        every word cue left to right, then the first match of each kind's expressions,
        then the speaker's type."""
        found = [CueMatch(match.value[0], match.value[1], match.text) for match in self.frame_matcher.find(text)]
        for frame, cue, pattern in self.frame_patterns:
            match = pattern.search(text)
            if match:
                found.append(CueMatch(frame, cue, match.group()))
        for frame, cue in self.speaker_cues.get(source_type or "", ()):
            found.append(CueMatch(frame, cue, source_type))
        return found

    def frames_in(self, text: str, source_type: str | None = None) -> list[str]:
        """Return the frames that ``text`` (a sentence attributed to ``source_type``,
        when known) shows, in the set's order: those whose cues in it meet its needs.
        Expressions, the slowest cues, are searched only while they could change that."""
        kinds: dict[str, set[str]] = {}
        for match in self.frame_matcher.find(text):
            kinds.setdefault(match.value[0], set()).add(match.value[1])
        for frame, cue in self.speaker_cues.get(source_type or "", ()):
            kinds.setdefault(frame, set()).add(cue)
        for frame, cue, pattern in self.frame_patterns:
            found = kinds.get(frame, set())
            settled = cue in found or (cue not in self.needs[frame].excluded and self.needs[frame].met_by(found))
            if not settled and pattern.search(text):
                kinds.setdefault(frame, set()).add(cue)
        return [frame for frame in self.frames if frame in kinds and self.needs[frame].met_by(kinds[frame])]

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


def frame_set_folder(frame_set: str | Path | None = None, folder: str | Path | None = None) -> Path:
    """The folder of ``frame_set``, resolved: a set's name (a folder under ``folder``,
    default ``framing/`` in the data folder) or a path to a folder; None for the default set.
    Raises ``ValueError`` for a set that is not there."""
    base = Path(folder or data_dir() / "framing")
    frame_set = frame_set or DEFAULT_FRAME_SET
    named = base / str(frame_set)
    path = named if (named / "frame_definitions.csv").is_file() else Path(frame_set).expanduser()
    if not (path / "frame_definitions.csv").is_file():
        sets = sorted(p.name for p in base.iterdir() if (p / "frame_definitions.csv").is_file()) if base.is_dir() else []
        raise ValueError(f"frame set {str(frame_set)!r}: no frame_definitions.csv in {path}; the sets here are {', '.join(sets) or 'none'}")
    return path.resolve()


def load_vocabulary(folder: str | Path | None = None, frame_set: str | Path | None = None) -> FramingVocabulary:
    """Return the framing vocabulary: the targets and contrast markers in ``folder``
    (default ``framing/`` in the data folder) and the frame set ``frame_set`` (a name or
    a folder; default ``generic``), read again only when one of their files changes."""
    base = str(folder or data_dir() / "framing")
    set_folder = str(frame_set_folder(frame_set, base))
    return _cached_vocabulary(base, set_folder, modified(base), modified(set_folder))


@lru_cache(maxsize=8)
def _cached_vocabulary(folder: str, set_folder: str, version: tuple, set_version: tuple) -> FramingVocabulary:
    path, frame_path = Path(folder), Path(set_folder)
    definitions = read_rows(frame_path / "frame_definitions.csv")
    frames = tuple(row["frame"] for row in definitions)
    terms, expressions, speakers = [], {}, {}
    for row in read_rows(frame_path / "frames.csv"):
        frame, cue, term = row["frame"], row.get("cue") or "term", row["term"]
        if frame not in frames:
            raise ValueError(f"{frame_path / 'frames.csv'}: frame {frame!r} is not in frame_definitions.csv")
        if term.startswith("re:"):
            try:
                re.compile(term[3:], re.IGNORECASE)
            except re.error as error:
                raise ValueError(f"{frame_path / 'frames.csv'}: {term!r} is not a regular expression: {error}") from None
            expressions.setdefault((frame, cue), []).append(term[3:])
        elif term.startswith("speaker:"):
            speakers.setdefault(term.split(":", 1)[1].strip(), []).append((frame, cue))
        else:
            terms.extend((phrase, (frame, cue)) for phrase in expand_alternatives(term))
    aliases = [(row["alias"], row["target"]) for row in read_rows(path / "targets.csv")]
    markers = [(row["marker"], "contrast") for row in read_rows(path / "contrast_markers.csv")]
    return FramingVocabulary(
        frame_set=frame_path.name,
        frames=frames,
        labels={row["frame"]: row["label"] for row in definitions},
        definitions={row["frame"]: row.get("definition", "") for row in definitions},
        needs={row["frame"]: parse_needs(row.get("needs", "")) for row in definitions},
        article_rules=_article_rules(frame_path / "article_rules.csv", frames),
        targets=tuple(dict.fromkeys(target for _, target in aliases)),
        frame_matcher=PhraseMatcher(terms, ignore_case=True),
        frame_patterns=tuple((frame, cue, _one_expression(parts)) for (frame, cue), parts in expressions.items()),
        speaker_cues={source_type: tuple(cues) for source_type, cues in speakers.items()},
        target_matcher=PhraseMatcher(aliases, ignore_case=False),
        contrast_matcher=PhraseMatcher(markers, ignore_case=True),
    )


def expand_alternatives(term: str) -> list[str]:
    """The phrases a word cue stands for: each of its words may list alternatives with
    ``|`` ("a|one woman|man" is "a woman", "a man", "one woman", "one man")."""
    return [" ".join(words) for words in product(*(word.split("|") for word in term.split()))]


def _one_expression(parts: list[str]) -> re.Pattern:
    """The expressions of one kind of cue as one alternation, searched once per sentence
    (a kind is present when any of them matches)."""
    return re.compile("|".join(f"(?:{part})" for part in parts), re.IGNORECASE)


def _article_rules(path: Path, frames: tuple[str, ...]) -> dict[str, ArticleRule]:
    """The article rule of each frame from ``path``; a frame it leaves out (or a set
    without the file) needs one sentence."""
    rules = {frame: ArticleRule("with_frame", 1.0) for frame in frames}
    for row in read_rows(path) if path.is_file() else []:
        if row["frame"] not in frames:
            raise ValueError(f"{path}: frame {row['frame']!r} is not in frame_definitions.csv")
        if row["statistic"] not in ARTICLE_STATISTICS:
            raise ValueError(f"{path}: statistic {row['statistic']!r}; use one of {', '.join(ARTICLE_STATISTICS)}")
        rules[row["frame"]] = ArticleRule(row["statistic"], float(row["threshold"]))
    return rules


def propose_targets(texts, codebook_folder: str | Path | None = None, top: int = 30) -> list[tuple[str, str, int]]:
    """The ``top`` entities that ``texts`` (sentences) mention most, as rows of a
    ``targets.csv`` to edit: ``(target, alias, sentences)``. Entities are the states and
    blocs of ``states.csv`` (their names, aliases and adjectives merged under the name),
    the capitalized organizations of ``organizations.csv`` (not the words that head
    organizations' names, such as "Holdings"), the people of ``people.csv``
    (with their aliases), and runs of two or more capitalized words that no list knows
    (each its own target). ``sentences`` counts the sentences that mention the target."""
    from ..coding.sourcetypes import NAME_RUN

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
