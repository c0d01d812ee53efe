"""Type a source by the codebook in ``data/codebook/``: official, analyst, western_media,
other_media, business, civil_society, public or narrator.

The type follows the words that describe the speaker: its role ("a professor at ...",
"iFlytek chairman ..."), the organization it speaks for ("a Microsoft spokesperson"),
or a named outlet, organization or person listed in the codebook. The first role named
in the description decides, unless the role defers to the organization named with it or
stands right before an outlet's name as its modifier ("the official Xinhua News Agency").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .datafiles import data_dir, read_rows
from .matching import PhraseMatcher, keep_longest

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
        folded, exact = [], []
        for term in terms:
            if term.text.islower() or not any(char.isalpha() for char in term.text):
                folded.extend((variant, term) for variant in (term.text, term.text + "s", term.text + "es"))
            else:
                exact.append((term.text, term))
        self._folded = PhraseMatcher(folded, ignore_case=True)
        self._exact = PhraseMatcher(exact, ignore_case=False)

    def find(self, text: str) -> list[Match]:
        """Return the terms in ``text``, left to right, without overlaps."""
        found = keep_longest(self._folded.find(text) + self._exact.find(text))
        return [Match(match.start, match.end, match.value) for match in found]


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
        self.states = {
            name.strip()
            for row in read_rows(folder / "states.csv")
            for name in [row["name"], *row.get("aliases", "").split("|")]
            if name.strip()
        }
        self.places = {row["name"] for row in read_rows(folder / "western_places.csv")}
        terms.extend(Term(place, "place", "western_media") for place in self.places)
        self.people = []
        for row in read_rows(folder / "people.csv"):
            self._check_type(folder / "people.csv", row["source_type"])
            aliases = tuple(filter(None, (alias.strip() for alias in row.get("aliases", "").split("|"))))
            self.people.append(Person(row["name"], aliases, row["source_type"]))
        self.matcher = TermMatcher(terms)
        self._people_by_name = {alias: person for person in self.people for alias in (person.name, *person.aliases)}
        self._people_by_surname = {person.name.split()[-1]: person for person in self.people}
        self._classify = lru_cache(maxsize=65536)(self._classify_uncached)
        self._outlet = lru_cache(maxsize=65536)(self._outlet_uncached)

    @staticmethod
    def _check_type(path: Path, source_type: str) -> None:
        """Raise ``ValueError`` for a source type that is not one of the eight."""
        if source_type not in SOURCE_TYPES:
            raise ValueError(f"{path}: unknown source type {source_type!r}; use one of {', '.join(SOURCE_TYPES)}")

    def person(self, name: str) -> Person | None:
        """Return the listed person whose name or alias is ``name``, or whose surname it is."""
        return self._people_by_name.get(name) or (self._people_by_surname.get(name) if " " not in name else None)

    def is_state(self, name: str) -> bool:
        """True when ``name``, without a leading "the", is a state in ``states.csv``."""
        return re.sub(r"^[Tt]he\s+", "", name.strip()) in self.states

    def outlet(self, text: str) -> str | None:
        """Return the canonical name of the first outlet named in ``text``, if any."""
        return self._outlet(text)

    def _outlet_uncached(self, text: str) -> str | None:
        named = [m for m in self.matcher.find(text) if m.term.kind == "outlet"]
        return self.outlet_names.get(named[0].term.text, named[0].term.text) if named else None

    def names_person(self, phrase: str) -> bool:
        """True when the first role named in ``phrase`` is a person ("the exhibitor")."""
        roles = [m for m in self.matcher.find(phrase) if m.term.kind == "role"]
        return bool(roles) and roles[0].term.person

    def classify(self, description: str) -> str | None:
        """Return the source type that ``description`` (a speaker with its descriptor)
        implies, or None when it names no role, organization or outlet."""
        return self._classify(description)

    def _classify_uncached(self, description: str) -> str | None:
        matches = self.matcher.find(description)
        roles = [m for m in matches if m.term.kind == "role"]
        western = any(m.term.kind == "place" for m in matches)
        lead = _head_role(description, roles) or (roles[0] if roles else None)
        named = [m for m in matches if m.term.kind in ("organization", "outlet")]
        bodies = named + [m for m in matches if m.term.kind == "role" and not m.term.person and (lead is None or m.term is not lead.term)]
        modifies_outlet = lead is not None and any(
            m.term.kind == "outlet" and m.start > lead.end and not description[lead.end : m.start].strip(" -")
            for m in named
        )
        if lead and not lead.term.defers and not modifies_outlet:
            source_type = lead.term.source_type
        elif bodies:
            source_type = bodies[0].term.source_type
        elif lead:
            source_type = lead.term.source_type
        else:
            return None
        if source_type == "other_media" and western and not any(m.term.kind == "outlet" for m in named):
            return "western_media"
        return source_type


_HEAD_ENDS = re.compile(r",|\(|\s(?:of|at|from|in|with|for|by|and|who|which|that|as)\s")


def _head_role(description: str, roles: list[Match]) -> Match | None:
    """Return the role word that heads the first phrase of ``description`` to name a
    role: the last role before its first preposition or clause ("a Chinese military
    affairs expert and TV commentator" is headed by "expert", "a student from the High
    School" by "student"). None when that phrase's head is no role."""
    for chunk in re.finditer(r"[^,]+", description):
        inside = [m for m in roles if chunk.start() <= m.start < chunk.end()]
        if not inside:
            continue
        end = _HEAD_ENDS.search(description, chunk.start(), chunk.end())
        limit = end.start() if end else chunk.end()
        heads = [m for m in inside if m.end <= limit]
        return heads[-1] if heads else None
    return None


def load_codebook(folder: str | Path | None = None) -> Codebook:
    """Return the codebook in ``folder`` (default: ``codebook/`` in the data folder),
    read once per folder."""
    return _cached_codebook(str(Path(folder or data_dir() / "codebook").resolve()))


@lru_cache(maxsize=8)
def _cached_codebook(folder: str) -> Codebook:
    return Codebook(folder)
