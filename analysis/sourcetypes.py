"""Type a source by the codebook in ``data/codebook/``: official, analyst, western_media,
other_media, business, civil_society, public or narrator.

The type follows the words that describe the speaker: its role ("a professor at ...",
"iFlytek chairman ..."), the organization it speaks for ("a Microsoft spokesperson"),
or a named outlet, organization or person listed in the codebook. The first role named
in the description decides, unless the role defers to the organization named with it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .datafiles import data_dir, read_rows

SOURCE_TYPES = (
    "official",
    "analyst",
    "western_media",
    "other_media",
    "business",
    "civil_society",
    "public",
    "narrator",
)
MEDIA_TYPES = ("western_media", "other_media")


@dataclass(frozen=True)
class Term:
    """A codebook term: what it is (role, organization, outlet, place) and its type."""

    text: str
    kind: str
    source_type: str
    defers: bool = False
    person: bool = False


@dataclass(frozen=True)
class Match:
    """A codebook term found in a text, with its position."""

    start: int
    end: int
    term: Term


class TermMatcher:
    """Find codebook terms in a text: a lower-case term matches in any case and with a
    plural ending, a term with capitals matches only as written; where matches overlap,
    the longest wins."""

    def __init__(self, terms: list[Term]):
        self._exact: dict[str, Term] = {}
        self._folded: dict[str, Term] = {}
        patterns = []
        for term in sorted(terms, key=lambda term: -len(term.text)):
            if term.text.islower() or not any(char.isalpha() for char in term.text):
                self._folded.setdefault(term.text.lower(), term)
                patterns.append(f"(?i:{re.escape(term.text)}(?:s|es)?)")
            else:
                self._exact.setdefault(term.text, term)
                patterns.append(re.escape(term.text))
        self._regex = re.compile(r"(?<![\w.-])(?:" + "|".join(patterns) + r")(?![\w-]|\.\w)")
        self._starts = re.compile(r"(?<![\w.-])[\w.&'-]")

    def _lookup(self, found: str) -> Term | None:
        if found in self._exact:
            return self._exact[found]
        folded = found.lower()
        for candidate in (folded, folded[:-1], folded[:-2]):
            if candidate in self._folded:
                return self._folded[candidate]
        return None

    def find(self, text: str) -> list[Match]:
        """Return the terms in ``text``, left to right, without overlaps."""
        candidates = []
        for word in self._starts.finditer(text):
            found = self._regex.match(text, word.start())
            if found:
                term = self._lookup(found.group())
                if term is not None:
                    candidates.append(Match(found.start(), found.end(), term))
        chosen: list[Match] = []
        for match in sorted(candidates, key=lambda m: (m.start - m.end, m.start)):
            if all(match.end <= other.start or match.start >= other.end for other in chosen):
                chosen.append(match)
        return sorted(chosen, key=lambda m: m.start)


@dataclass(frozen=True)
class Person:
    """A named person from ``people.csv``."""

    name: str
    aliases: tuple[str, ...]
    source_type: str


class Codebook:
    """The source-type codebook read from a folder of CSV files (see data/codebook/README.md)."""

    def __init__(self, folder: str | Path):
        folder = Path(folder)
        self.folder = folder
        self.definitions = {row["source_type"]: row for row in read_rows(folder / "source_types.csv")}
        unknown = set(self.definitions) - set(SOURCE_TYPES)
        if unknown:
            raise ValueError(f"{folder / 'source_types.csv'}: unknown source types {sorted(unknown)}")
        terms: list[Term] = []
        for row in read_rows(folder / "roles.csv"):
            self._check_type(folder / "roles.csv", row["source_type"])
            terms.append(
                Term(
                    row["term"],
                    "role",
                    row["source_type"],
                    defers=row.get("defer_to_organization", "").lower() == "yes",
                    person=row.get("person", "").lower() == "yes",
                )
            )
        for row in read_rows(folder / "organizations.csv"):
            self._check_type(folder / "organizations.csv", row["source_type"])
            terms.append(Term(row["name"], "organization", row["source_type"]))
        self.outlet_names: dict[str, str] = {}
        for row in read_rows(folder / "outlets.csv"):
            self._check_type(folder / "outlets.csv", row["source_type"])
            for name in [row["name"], *filter(None, row.get("aliases", "").split("|"))]:
                terms.append(Term(name.strip(), "outlet", row["source_type"]))
                self.outlet_names[name.strip()] = row["name"]
        self.places = {row["name"] for row in read_rows(folder / "western_places.csv")}
        terms.extend(Term(place, "place", "western_media") for place in self.places)
        self.people = []
        for row in read_rows(folder / "people.csv"):
            self._check_type(folder / "people.csv", row["source_type"])
            aliases = tuple(filter(None, (alias.strip() for alias in row.get("aliases", "").split("|"))))
            self.people.append(Person(row["name"], aliases, row["source_type"]))
        self.matcher = TermMatcher(terms)

    @staticmethod
    def _check_type(path: Path, source_type: str) -> None:
        if source_type not in SOURCE_TYPES:
            raise ValueError(f"{path}: unknown source type {source_type!r}; use one of {', '.join(SOURCE_TYPES)}")

    def person(self, name: str) -> Person | None:
        """Return the listed person whose name or alias is ``name``, or whose surname it is."""
        for person in self.people:
            if name == person.name or name in person.aliases:
                return person
        for person in self.people:
            if name.split()[-1:] == person.name.split()[-1:] and len(name.split()) == 1:
                return person
        return None

    def outlet(self, text: str) -> str | None:
        """Return the canonical name of the first outlet named in ``text``, if any."""
        for match in self.matcher.find(text):
            if match.term.kind == "outlet":
                return self.outlet_names.get(match.term.text, match.term.text)
        return None

    def names_person(self, phrase: str) -> bool:
        """True when the first role named in ``phrase`` is a person ("the exhibitor")."""
        roles = [m for m in self.matcher.find(phrase) if m.term.kind == "role"]
        return bool(roles) and roles[0].term.person

    def classify(self, description: str) -> str | None:
        """Return the source type that ``description`` (a speaker with its descriptor)
        implies, or None when it names no role, organization or outlet."""
        matches = self.matcher.find(description)
        named = [m for m in matches if m.term.kind in ("organization", "outlet")]
        roles = [m for m in matches if m.term.kind == "role"]
        western = any(m.term.kind == "place" for m in matches)
        if roles and not roles[0].term.defers:
            source_type = roles[0].term.source_type
        elif named:
            source_type = named[0].term.source_type
        elif roles:
            source_type = roles[0].term.source_type
        else:
            return None
        if source_type == "other_media" and western and not any(m.term.kind == "outlet" for m in named):
            return "western_media"
        return source_type


def load_codebook(folder: str | Path | None = None) -> Codebook:
    """Return the codebook in ``folder`` (default: ``codebook/`` in the data folder),
    read once per folder."""
    return _cached_codebook(str(Path(folder or data_dir() / "codebook").resolve()))


@lru_cache(maxsize=8)
def _cached_codebook(folder: str) -> Codebook:
    return Codebook(folder)
