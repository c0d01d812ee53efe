"""Type a source by the codebook in ``data/codebook/``: official, analyst, western_media,
other_media, business, civil_society, public, unclassified or narrator.

The type follows the words that describe the speaker, from general evidence first:

- its role ("a professor at ...", "iFlytek chairman ..."; ``roles.csv``), which decides
  unless it defers to the organization named with it ("a Microsoft spokesperson", "the
  managing director of the IMF") or stands right before an outlet's name ("the official
  Xinhua News Agency");
- the organizations it names: listed names (``organizations.csv``, ``outlets.csv``),
  kind words ("a think tank", "an insurer") and, for names no list knows, the head word
  or legal form of the name ("Ministry of Commerce", "Munich Re", "PC Pro Magazine";
  ``organization_heads.csv``);
- for news organizations, the place words that say whether they are Western
  (``states.csv``, ``western_places.csv``).

What none of this types is ``unclassified``: ``public`` needs a lay role ("a resident").
"""

from __future__ import annotations

import copy
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..datafiles import data_dir, modified, read_rows
from ..pattern import lexicon
from .matching import PhraseMatch, PhraseMatcher, keep_longest, word_spans

# A story is of a genre when genres.csv's terms of that genre weigh this much together, in
# this many different terms (measured on the BBC's collections without their headlines:
# 0.92 of the sport articles and 0.83 of the entertainment ones are found, 0.02 of the
# business and politics articles and 0.20 of the technology ones, about games, music
# and film, are taken for one of the two).
GENRE_MIN_WEIGHT = 9
GENRE_MIN_DISTINCT = 4
# A story reaches its genre with less weight when one of its terms of that genre hardly
# occurs elsewhere ("tennis", "Premiership"): 7 instead of 9. This is what lets short sport
# and arts reports, which name few genre terms, reach their genre.
GENRE_SHORT_WEIGHT = 7

SOURCE_TYPES = (
    "official",
    "analyst",
    "western_media",
    "other_media",
    "business",
    "civil_society",
    "public",
    "unclassified",
    "narrator",
)
# A type that organization_heads.csv and roles.csv may give but no speaker keeps: "media"
# is decided between western_media and other_media by the place words of the description.
MEDIA = "media"
# The kinds of evidence that name an organization: listed organizations and outlets, and
# names typed by their head word.
ORGANIZATION_KINDS = ("organization", "outlet", "shaped")
_TYPES_IN_FILES = frozenset(SOURCE_TYPES) | {MEDIA, ""}


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


# "the Guardian" names "The Guardian": a lower-case article before a capitalized name is
# read capitalized (the same length, so offsets do not move).
_THE_BEFORE_NAME = re.compile(r"\bthe(?= [A-Z])")


class TermMatcher:
    """Find codebook terms in a text: a lower-case term matches in any case and with a
    plural ending (-s, -es, -y to -ies), a term with capitals matches only as written (an
    acronym also with a plural -s, a name that starts with "The" also with "the", and an
    organization's acronym of four letters or more also capitalized, "Opec" for "OPEC",
    unless that is an English word); where matches overlap, the longest wins."""

    def __init__(self, terms: list[Term]):
        folded: list[tuple[str, Term]] = []
        exact: list[tuple[str, Term]] = []
        for term in terms:
            text = term.text.replace("’", "'")
            if text.islower() or not any(char.isalpha() for char in text):
                folded.extend((variant, term) for variant in (text, text + "s", text + "es"))
                if re.search(r"[^aeiou]y$", text):
                    folded.append((text[:-1] + "ies", term))
            else:
                exact.append((text, term))
                if text.isupper() and text.isalpha():
                    exact.append((text + "s", term))
                    if len(text) > 3 and term.kind in ("organization", "outlet") and text.lower() not in lexicon:
                        exact.append((text.capitalize(), term))
        self._folded = PhraseMatcher(folded, ignore_case=True)
        self._exact = PhraseMatcher(exact, ignore_case=False)
        self._found = lru_cache(maxsize=8192)(self._find_uncached)

    def find(self, text: str) -> list[Match]:
        """Return the terms in ``text``, left to right, without overlaps; a curly
        apostrophe matches a straight one ("People’s Daily"). The typing rules ask about
        the same phrases many times in a story, so answers are remembered."""
        return list(self._found(text))

    def _find_uncached(self, text: str) -> tuple[Match, ...]:
        text = text.replace("’", "'")
        found = keep_longest(self._folded.find(text) + self._exact.find(_THE_BEFORE_NAME.sub("The", text)))
        return tuple(Match(match.start, match.end, match.value) for match in found)


class OverlayMatcher:
    """A ``TermMatcher`` with some terms replaced (a genre's roles, ``Codebook.for_genre``):
    the base matcher's matches, without those of the replaced terms, merged with the
    overlay's own, the longest winning where they overlap. Built in a moment, where a
    whole new matcher of the codebook's thousands of terms takes a good part of a second,
    and sharing the base matcher's remembered answers."""

    def __init__(self, base: TermMatcher, terms: list[Term]):
        self._base = base
        self._replaced = frozenset(term.text for term in terms)
        self._overlay = TermMatcher(terms)
        self._found = lru_cache(maxsize=8192)(self._find_uncached)

    def find(self, text: str) -> list[Match]:
        """Return the terms in ``text``, left to right, without overlaps."""
        return list(self._found(text))

    def _find_uncached(self, text: str) -> tuple[Match, ...]:
        own = self._overlay.find(text)
        if not own:
            return tuple(m for m in self._base.find(text) if not (m.term.kind == "role" and m.term.text in self._replaced))
        base = [m for m in self._base.find(text) if not (m.term.kind == "role" and m.term.text in self._replaced)]
        merged = keep_longest([PhraseMatch(m.start, m.end, text[m.start : m.end], m) for m in base + own])
        return tuple(found.value for found in merged)


@dataclass(frozen=True)
class Person:
    """A named person from ``people.csv``."""

    name: str
    aliases: tuple[str, ...]
    source_type: str


@dataclass(frozen=True)
class Head:
    """A word that heads organization names and says what kind they are
    (``organization_heads.csv``): "Ministry" is official, "Inc" business, "Times" media.
    ``before_for`` is the type when the name goes on with "for", "on" or "to" ("Center
    for ..." is a think tank, "Committee to Protect ..." an NGO)."""

    word: str
    source_type: str
    before_for: str


# A run of capitalized words that may name an organization, with the small words that
# join the parts of a name ("Bank of England", "Bill and Melinda Gates Foundation").
_NAME_WORD = r"(?:[A-Z][\w'’.&-]*|[a-z]+[A-Z][\w'’.&-]*|\d+[A-Za-z]*(?=\s+[A-Z]))"
NAME_RUN = re.compile(rf"{_NAME_WORD}(?:[ \t]+(?:(?:of|for|on|to|against|without|and|the|de|du|des|&)[ \t]+)*{_NAME_WORD})*")
_NAME_CONNECTORS = frozenset({"of", "for", "on", "to", "against", "without"})
_DOMAIN = re.compile(r"\b[\w-]+\.(?:com|net|co\.uk|com\.cn|cn|co\.jp|com\.au|co\.nz|in|de|fr)\b", re.IGNORECASE)
_POSSESSIVE = re.compile(r"['’]s?$")
_LEADING_THE = re.compile(r"^[Tt]he\s+")
_LEADING_POSSESSIVE = re.compile(r"^['’]s?")
_WORD = re.compile(r"\S+")
_NAME_WORDS = re.compile(r"[\w'’-]+")


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
        # Roles that mean something else in a story of a genre ("a manager" in sport is a
        # team's): used by the codebook ``for_genre`` returns.
        self.genre_roles: dict[str, list[Term]] = {}
        for row in read_rows(folder / "roles.csv"):
            self._check_type(folder / "roles.csv", row["source_type"])
            term = Term(
                row["term"],
                "role",
                row["source_type"],
                defers=row.get("defer_to_organization", "").lower() == "yes",
                person=row.get("person", "").lower() == "yes",
            )
            if row.get("genre"):
                self.genre_roles.setdefault(row["genre"], []).append(term)
            else:
                terms.append(term)
        for row in read_rows(folder / "organizations.csv"):
            self._check_type(folder / "organizations.csv", row["source_type"])
            terms.append(Term(row["name"], "organization", row["source_type"]))
        self.outlet_names: dict[str, str] = {}
        for row in read_rows(folder / "outlets.csv"):
            self._check_type(folder / "outlets.csv", row["source_type"])
            for name in [row["name"], *filter(None, row.get("aliases", "").split("|"))]:
                terms.append(Term(name.strip(), "outlet", row["source_type"]))
                self.outlet_names[name.strip()] = row["name"]
        self.states: set[str] = set()
        self.nationalities: set[str] = set()
        places: dict[str, bool] = {}
        for row in read_rows(folder / "states.csv"):
            names = [name.strip() for name in [row["name"], *row.get("aliases", "").split("|")] if name.strip()]
            self.states.update(names)
            self.nationalities.update(a.strip() for a in row.get("adjectives", "").split("|") if a.strip())
            western = row.get("western", "").lower() == "yes"
            for place in names + [a.strip() for a in row.get("adjectives", "").split("|") if a.strip()]:
                places[place] = places.get(place, False) or western
        places.update({row["name"]: True for row in read_rows(folder / "western_places.csv")})
        demonyms_file = folder / "demonyms.csv"
        self.demonyms = frozenset(
            [adjective.strip() for row in read_rows(folder / "states.csv") for adjective in row.get("adjectives", "").split("|") if adjective.strip()]
            + ([row["word"] for row in read_rows(demonyms_file)] if demonyms_file.exists() else [])
        )
        terms.extend(Term(place, "place", "western_media" if western else "other_media") for place, western in places.items())
        self.heads: dict[str, Head] = {}
        heads_file = folder / "organization_heads.csv"
        for row in read_rows(heads_file) if heads_file.exists() else []:
            self._check_type(heads_file, row["source_type"])
            self._check_type(heads_file, row.get("before_for", ""))
            self.heads[row["head"]] = Head(row["head"], row["source_type"], row.get("before_for", ""))
        # The words that can end a head, also with a possessive ending: a capitalized run
        # without any of them names no organization by its shape.
        self._head_ends = frozenset(head.split()[-1] + ending for head in self.heads for ending in ("", "'", "’", "'s", "’s"))
        trade_file = folder / "trade_words.csv"
        self.trade_words = frozenset(row["word"].lower() for row in read_rows(trade_file)) if trade_file.exists() else frozenset()
        sports_file = folder / "sports.csv"
        sport_rows = read_rows(sports_file) if sports_file.exists() else []
        self._sport_body = _sport_body_pattern(
            [row["word"] for row in sport_rows if row["kind"] == "sport"],
            sorted(self.states | self.demonyms | {row["word"] for row in sport_rows if row["kind"] == "nation"}),
        )
        not_speakers = folder / "not_speakers.csv"
        self.not_speakers = frozenset(row["word"].lower() for row in read_rows(not_speakers)) if not_speakers.exists() else frozenset()
        self.people = []
        # The coding sheets that rows of people.csv came from (their ``from_sheet``
        # fingerprints, with how many rows each gave): such a sheet no longer measures
        # the program (``sampling.read_coding_sheet`` says so).
        self.taught_by: Counter[str] = Counter()
        for row in read_rows(folder / "people.csv"):
            self._check_type(folder / "people.csv", row["source_type"])
            if not row["source_type"]:
                continue
            if row.get("from_sheet"):
                self.taught_by[row["from_sheet"]] += 1
            aliases = tuple(filter(None, (alias.strip() for alias in row.get("aliases", "").split("|"))))
            self.people.append(Person(row["name"], aliases, row["source_type"]))
        genre_terms: list[tuple[str, tuple[str, int]]] = []
        genres_file = folder / "genres.csv"
        for row in read_rows(genres_file) if genres_file.exists() else []:
            weight = row.get("weight") or "1"
            if not weight.isdigit():
                raise ValueError(f"{genres_file}: weight {weight!r} of {row['term']!r} is not a whole number")
            genre_terms.append((row["term"], (row["genre"], int(weight))))
        unknown_genres = set(self.genre_roles) - {genre for _, (genre, _) in genre_terms}
        if unknown_genres:
            raise ValueError(f"{folder / 'roles.csv'}: genre(s) {sorted(unknown_genres)} have no terms in genres.csv")
        self._genre_matchers = (
            PhraseMatcher([(variant, value) for term, value in genre_terms if term.islower() for variant in (term, term + "s")], ignore_case=True),
            PhraseMatcher([(term, value) for term, value in genre_terms if not term.islower()], ignore_case=False),
        )
        self.genre_name: str | None = None
        self._variants: dict[str, Codebook] = {}
        self.matcher = TermMatcher(terms)
        self._people_by_name = {alias: person for person in self.people for alias in (person.name, *person.aliases)}
        self._people_by_surname = {person.name.split()[-1]: person for person in self.people}
        self._classify = lru_cache(maxsize=16384)(self._classify_uncached)
        self.evidence = lru_cache(maxsize=16384)(self._evidence)
        self._outlet = lru_cache(maxsize=16384)(self._outlet_uncached)

    def genre(self, text: str) -> str | None:
        """The genre of a story's ``text`` without its headings (``genres.csv``): the
        genre whose terms weigh at least ``GENRE_MIN_WEIGHT`` together (a word common
        elsewhere, "season" or "show", weighs 1; "striker" or "album" 2), in at least
        ``GENRE_MIN_DISTINCT`` different terms (``GENRE_SHORT_WEIGHT`` when one of them
        weighs 2), and more than any other genre's; None
        for none (most news)."""
        counts: Counter[str] = Counter()
        distinct: dict[str, set[str]] = {}
        strong: Counter[str] = Counter()
        folded, exact = self._genre_matchers
        for match in keep_longest(folded.find(text) + exact.find(text)):
            genre, weight = match.value
            counts[genre] += weight
            strong[genre] += weight > 1
            distinct.setdefault(genre, set()).add(match.text.lower().rstrip("s"))
        ranked = [
            (count, genre)
            for genre, count in counts.items()
            if len(distinct[genre]) >= GENRE_MIN_DISTINCT and (count >= GENRE_MIN_WEIGHT or count >= GENRE_SHORT_WEIGHT and strong[genre])
        ]
        ranked.sort(reverse=True)
        if not ranked or len(ranked) > 1 and ranked[0][0] == ranked[1][0]:
            return None
        return ranked[0][1]

    def for_genre(self, genre: str | None) -> Codebook:
        """This codebook as it reads a story of ``genre``: the roles of ``roles.csv``
        marked with the genre replace the general ones of the same term ("manager" in
        sport is a team's manager, public). Made once per genre; itself without one."""
        if not genre or genre == self.genre_name:
            return self
        variant = self._variants.get(genre)
        if variant is None:
            overrides = {term.text: term for term in self.genre_roles.get(genre, [])}
            variant = copy.copy(self)
            variant.genre_name = genre
            variant._variants = {}
            variant.matcher = OverlayMatcher(self.matcher, list(overrides.values()))
            variant._classify = lru_cache(maxsize=16384)(variant._classify_uncached)
            variant.evidence = lru_cache(maxsize=16384)(variant._evidence)
            variant._outlet = lru_cache(maxsize=16384)(variant._outlet_uncached)
            self._variants[genre] = variant
        return variant

    @staticmethod
    def _check_type(path: Path, source_type: str) -> None:
        """Raise ``ValueError`` for a type that is not one of the codebook's."""
        if source_type not in _TYPES_IN_FILES:
            raise ValueError(f"{path}: unknown source type {source_type!r}; use one of {', '.join(SOURCE_TYPES)}")

    def person(self, name: str, text: str = "") -> Person | None:
        """Return the listed person whose name or alias is ``name``, or whose surname it
        is when their full name also appears in ``text`` (the story), so that "Brown"
        is Gordon Brown only in a story that names him."""
        listed = self._people_by_name.get(name)
        if listed or " " in name:
            return listed
        listed = self._people_by_surname.get(name)
        return listed if listed and listed.name in text else None

    def is_demonym(self, word: str) -> bool:
        """True when ``word`` names a person by nationality ("Spaniard", "American",
        "Scot"): a state's adjective (``states.csv``) or a word of ``demonyms.csv``."""
        return _LEADING_THE.sub("", word.strip()) in self.demonyms

    def is_state(self, name: str) -> bool:
        """True when ``name``, without a leading "the", is a state in ``states.csv``."""
        return _LEADING_THE.sub("", name.strip()) in self.states

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

    def organizations(self, text: str) -> list[Match]:
        """Return the organizations and outlets that ``text`` names, listed in the
        codebook or typed by their head word, left to right."""
        return [m for m in self.evidence(text) if m.term.kind in ORGANIZATION_KINDS]

    def _evidence(self, description: str) -> list[Match]:
        """Return the codebook terms in ``description`` and the organization names that
        their head word or legal form types ("Shandong University", "Munich Re"), left
        to right. A listed name wins over the head of a name that overlaps it; a head
        wins over the kind words and roles inside the name ("National People's
        Congress" is a legislature, not people)."""
        found = [m for m in self.matcher.find(description) if not _names_a_place(description, m)]
        bodies = [
            Match(m.start(), m.end(), Term(m.group(), "shaped", "civil_society"))
            for m in (self._sport_body.finditer(description) if self._sport_body else ())
        ]
        if bodies:  # "Swimming Australia chief": the body, not the state, speaks
            found = sorted(
                [m for m in found if not any(b.start <= m.start and m.end <= b.end for b in bodies)] + bodies, key=lambda m: m.start
            )
        shaped = self._shaped_names(description, [m for m in found if m.term.kind == "role"])
        if not shaped:
            return found
        listed = [m for m in found if m.term.kind in ("organization", "outlet") and not m.term.text.islower()]
        kept_shapes = [s for s in shaped if not any(m.start < s.end and s.start < m.end for m in listed)]
        inside = [
            m for m in found
            if (m.term.kind == "role" or m.term.kind == "organization" and m.term.text.islower())
            and any(s.start <= m.start and m.end <= s.end for s in kept_shapes)
        ]
        return sorted([m for m in found if m not in inside] + kept_shapes, key=lambda m: m.start)

    def _shaped_names(self, description: str, roles: list[Match]) -> list[Match]:
        """Organization names in ``description`` typed by their head word: within the
        name's first part (before "of", "for", "on" or "to"), the last word or two in
        ``organization_heads.csv`` that ends the part or is followed by a role word
        ("Ministry of Commerce", "Tsinghua University Professor Li", "Munich Re"). A
        head alone names an organization only when it is a state institution ("Police",
        "Congress"): "Workers" or "News" at the start of a sentence are common nouns. A
        first part with no head may be a person of the organization that follows ("Mia
        Kent of the Harbour Workers Federation"), which is then read on its own."""
        shaped = []
        for run in NAME_RUN.finditer(description):
            words = list(_WORD.finditer(run.group()))
            if not any(word.group() in self._head_ends for word in words):
                continue
            begin = 0
            while begin < len(words):
                end = next((i for i in range(begin + 1, len(words)) if words[i].group().lower() in _NAME_CONNECTORS), len(words))
                found = self._head_of(description, run.start(), words, begin, end, roles)
                if found is not None:
                    shaped.append(found)
                    break
                begin = end + 1
                while begin < len(words) and words[begin].group() in ("the", "The"):
                    begin += 1
        for domain in _DOMAIN.finditer(description):
            shaped.append(Match(domain.start(), domain.end(), Term(domain.group(), "shaped", MEDIA)))
        return shaped

    def _head_of(self, description: str, offset: int, words: list[re.Match[str]], begin: int, end: int, roles: list[Match]) -> Match | None:
        """The organization name that ``words[begin:end]`` (a part of a capitalized run
        at ``offset``) forms by its head word, or None."""
        for last in range(end - 1, begin - 1, -1):
            following = offset + words[last + 1].start() if last + 1 < end else None
            if following is not None and not any(r.start == following for r in roles):
                continue
            head = self._head_at([w.group() for w in words[begin : last + 1]])
            if head is None:
                continue
            followed_by_for = last + 1 == end and end < len(words) and words[end].group().lower() in ("for", "on", "to")
            source_type = (head.before_for or head.source_type) if followed_by_for else head.source_type
            if not source_type or (last == begin and end == len(words) and source_type != "official"):
                return None
            name = description[offset + words[begin].start() : offset + words[last].end()]
            return Match(offset + words[begin].start(), offset + words[last].end(), Term(name, "shaped", source_type))
        return None

    def _head_at(self, words: list[str]) -> Head | None:
        """The head that the last two words, or the last word, of ``words`` form."""
        words = words[:-1] + [_POSSESSIVE.sub("", words[-1])]
        if len(words) >= 2 and " ".join(words[-2:]) in self.heads:
            return self.heads[" ".join(words[-2:])]
        return self.heads.get(words[-1])

    def classify(self, description: str, known: tuple[tuple[str, str], ...] = ()) -> str | None:
        """Return the source type that ``description`` (a speaker with its descriptor)
        implies, or None when it names no role, organization or outlet that types it.
        ``known`` adds organizations that the story itself types, as (name, type) pairs
        ("CWA" after "Communications Workers of America (CWA)")."""
        return self._classify(description, known)

    def _classify_uncached(self, description: str, known: tuple[tuple[str, str], ...] = ()) -> str | None:
        matches = list(self.evidence(description))
        for name, source_type in known:
            for start, end in word_spans(description, name):
                if not any(m.start < end and start < m.end and m.term.kind != "role" for m in matches):
                    matches.append(Match(start, end, Term(name, "shaped", source_type)))
        matches.sort(key=lambda m: m.start)
        roles = [m for m in matches if m.term.kind == "role"]
        lead = _head_role(description, roles) or (roles[0] if roles else None)
        named = [m for m in matches if m.term.kind in ORGANIZATION_KINDS]
        bodies = named + [m for m in roles if not m.term.person and (lead is None or m.term is not lead.term) and m.term.source_type]
        bodies.sort(key=lambda m: m.start)
        modifies_body = (
            lead is not None
            and lead.term.text.split()[-1].lower() not in _PREPOSITIONS
            and any(m.start > lead.end and not description[lead.end : m.start].strip(" -") for m in named)
        )
        if lead and lead.term.source_type and not lead.term.defers and not modifies_body:
            decided = lead
        elif bodies and lead and lead.term.source_type == "analyst" and bodies[0].term.source_type == "business":
            decided = lead
        elif bodies:
            decided = bodies[0]
        elif lead and lead.term.defers and self._state_before(description, matches, lead):
            return "official"
        elif lead and lead.term.source_type:
            decided = lead
        elif any(m.term.source_type for m in roles):
            decided = next(m for m in roles if m.term.source_type)
        else:
            return None
        source_type = decided.term.source_type
        if source_type in ("civil_society", "official") and self._is_trade_association(description, decided):
            return "business"
        if source_type == MEDIA or (source_type == "other_media" and decided.term.kind == "role"):
            return self._media_type(matches, named_outlet=decided.term.kind == "shaped")
        return source_type

    def _state_before(self, description: str, matches: list[Match], role: Match) -> bool:
        """True when a state's name owns or modifies a deferring ``role`` ("the U.S.
        representative", "China's envoy"): the state is its organization."""
        return any(
            m.term.kind == "place" and m.term.text in self.states and m.end <= role.start and not _LEADING_POSSESSIVE.sub("", description[m.end : role.start]).strip()
            for m in matches
        )

    def _is_trade_association(self, description: str, body: Match) -> bool:
        """True when ``body`` is an association of members (Association, Federation,
        Council, ...) whose name has a word of ``trade_words.csv`` in the three words
        before it ("Blackpool Hotel Association"): a business or trade association."""
        name = _NAME_WORDS.findall(description[: body.start] + " " + description[body.start : body.end])
        if not name or name[-1].lower() not in _MEMBER_BODIES:
            return False
        return any(_singular(word.lower()) in self.trade_words for word in name[-4:-1])

    @staticmethod
    def _media_type(matches: list[Match], named_outlet: bool) -> str:
        """Western or other media, by the first place word in the description; without
        one, a news organization named by the shape of its name ("PC Pro Magazine") is
        taken for Western and an unnamed one ("media reports") for other media."""
        places = [m for m in matches if m.term.kind == "place"]
        if places:
            return places[0].term.source_type
        return "western_media" if named_outlet else "other_media"


_PREPOSITIONS = frozenset("at in of for with from on to by".split())
# Heads of the names of associations of members, which trade_words.csv can make business.
_MEMBER_BODIES = frozenset("association associations federation confederation council alliance consortium society institute".split())


# "in southwest China's Chongqing municipality", "in the city": a place where someone
# is, not the body they speak for.
_IN_PLACE = re.compile(
    r"\bin\s+(?:the\s+)?(?:(?:[A-Z][\w'’.-]*|(?:south|north)(?:east|west)?|east|west|central|eastern|western|northern|southern|southwestern|northwestern|southeastern|northeastern)\s+)*$"
)


def _names_a_place(description: str, match: Match) -> bool:
    """True for a kind word of the state in lower case ("municipality", "city") that
    ends a phrase of place after "in": where a restaurant or a resident is."""
    return match.term.kind == "organization" and match.term.text.islower() and bool(_IN_PLACE.search(description, 0, match.start))


def _sport_body_pattern(sports: list[str], places: list[str]) -> re.Pattern[str] | None:
    """A pattern for the names of national sports bodies (``sports.csv``): a sport and a
    place, in either order ("Athletics Kenya", "British Cycling"); None with no sports."""
    if not sports or not places:
        return None
    sport = "|".join(re.escape(word) for word in sorted(sports, key=len, reverse=True))
    place = "|".join(re.escape(word) for word in sorted(places, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:(?:{place})\s+(?:{sport})|(?:{sport})\s+(?:{place}))(?![\w-])")


def _singular(word: str) -> str:
    """``word`` without a plural -s or possessive ending ("bankers'" is "banker")."""
    word = word.rstrip("'’")
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


# Words for documents, which speak for whoever made them ("a survey by the IFS"), in
# the order a publisher is looked for after a document.
DOCUMENT_WORDS = ("survey", "report", "study", "research", "poll", "figures", "data", "analysis", "index")
_HEAD_ENDS = re.compile(r",|\(|\s(?:of|at|from|in|with|for|by|and|who|which|that|as)\s")
_CHUNK = re.compile(r"[^,]+")
_OF_AFTER = re.compile(r"\s+of\s")


def _head_role(description: str, roles: list[Match]) -> Match | None:
    """Return the role word that heads the first phrase of ``description`` to name a
    role: the last role before its first preposition or clause ("a Chinese military
    affairs expert and TV commentator" is headed by "expert", "a student from the High
    School" by "student"); for a group of people, the people ("a panel of industry
    experts" is headed by "experts"), but a document stays the head ("a poll of
    voters"). None when that phrase's head is no role."""
    for chunk in _CHUNK.finditer(description):
        inside = [m for m in roles if chunk.start() <= m.start < chunk.end()]
        if not inside:
            continue
        end = _HEAD_ENDS.search(description, chunk.start(), chunk.end())
        limit = end.start() if end else chunk.end()
        heads = [m for m in inside if m.end <= limit]
        if not heads:
            return None
        head = heads[-1]
        members = [m for m in inside if m.start > head.end and m.term.person]
        if not head.term.person and head.term.text not in DOCUMENT_WORDS and members and _OF_AFTER.match(description, head.end):
            return members[0]
        return head
    return None


def load_codebook(folder: str | Path | None = None) -> Codebook:
    """Return the codebook in ``folder`` (default: ``codebook/`` in the data folder),
    read again only when one of its files changes (an edit shows on the next run)."""
    folder = str(Path(folder or data_dir() / "codebook").resolve())
    return _cached_codebook(folder, modified(folder))


@lru_cache(maxsize=8)
def _cached_codebook(folder: str, version: tuple) -> Codebook:
    return Codebook(folder)
