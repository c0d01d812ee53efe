"""Resolve the speaker phrases of a story to speakers, and type each speaker once.

Within a story, a speaker keeps one name and one source type (coding rules 6 and 7):

- "he", "she", "they" and "it" go to the last speaker that fits; a surname ("Yu") or a
  name with a title ("Mr. Trump") to the person introduced with the full name ("Yu
  Lei"), found among earlier speakers or anywhere in the story; a definite description
  ("the expert", "the company") to the last speaker described that way.
- The type comes from ``people.csv`` for a listed person, else from the words that
  describe the speaker where the story introduces it (``sourcetypes.Codebook``), else a
  named person is ``public`` and anything else unnamed is ``public`` too.
- The outlet's own voice ("the Global Times learned") is the narrator. The story's
  outlet comes from the manifest, or else is the outlet that sources speak to most
  often ("told the Global Times").
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from .attribute import Attribution
from .reporting import DETERMINERS, is_name_chunk
from .sentences import SENTENCE_STARTERS, Sentence
from .sourcetypes import Codebook

FALLBACK_TYPE = "public"
_HONORIFICS = re.compile(r"^(?:Mr|Mrs|Ms|Miss|Dr|Prof|Sir|Dame|Madam)\.?\s+")
_OWN_VOICE = re.compile(r"^(?:this|our)\s+(?:newspaper|paper|reporter|correspondent|website|publication|magazine)$", re.IGNORECASE)
_SINGULAR_PRONOUNS = {"he", "she", "him", "her"}
_PLURAL_PRONOUNS = {"they", "some", "others", "many", "most", "several", "both", "all"}
_REFERRING_WORDS = _SINGULAR_PRONOUNS | _PLURAL_PRONOUNS | {"it", "its", "i", "we", "you"}
# Words of a name are separated by spaces or a single line break, never by a blank line,
# a line break after a full stop, or a space after a full stop that ends a long word
# ("... for Beijing. Wen-Ti Sung said" is two runs; "Gov. Terry Branstad" is one).
_NAME_SEPARATOR = r"(?:(?<![a-z]{4}\.)[ \t]+|(?<![.!?])[ \t]*\n(?![ \t]*\n)[ \t]*)"
_CAPITALIZED_RUN = re.compile(
    rf"(?:[A-Z][\w'’.-]*|[a-z]+[A-Z][\w'’.-]*)(?:{_NAME_SEPARATOR}(?:[A-Z][\w'’.-]*|[a-z]+[A-Z][\w'’.-]*|de|da|van|von|bin|al|le|la|del|der|dos|du|ibn))*"
)
_PREPOSITIONS = {"in", "at", "of", "from", "for", "with", "on", "by", "to", "near"}
_STOP_BEFORE_NAME = _PREPOSITIONS | {"said", "says", "told", "and", "or", "but", "that", "is", "was", "are", "were", "has", "have", "had"}
_ADDRESSEE = re.compile(r"\btold\s+(?:the\s+)?([A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*){0,3})")


@dataclass
class Speaker:
    """A speaker of a story: its canonical name, the description it was introduced
    with, its source type, and the index of the first sentence it speaks in."""

    name: str
    description: str
    source_type: str
    first_sentence: int
    person: bool
    plural: bool


def story_outlet(text: str, outlet: str, codebook: Codebook) -> str | None:
    """Return the canonical name of the story's own outlet: the manifest's ``outlet``
    if given, else the outlet that sources in ``text`` speak to at least twice."""
    if outlet:
        return codebook.outlet(outlet) or outlet
    counts = Counter(filter(None, (codebook.outlet(m.group(1)) for m in _ADDRESSEE.finditer(text))))
    if counts:
        name, count = counts.most_common(1)[0]
        if count >= 2:
            return name
    return None


def resolve_story(
    text: str,
    sentences: list[Sentence],
    attributions: list[Attribution],
    codebook: Codebook,
    outlet: str = "",
) -> tuple[list[Speaker | None], list[Speaker]]:
    """Return the speaker of each sentence (None for the narrator and headings) and the
    story's speakers in order of first appearance. The story's own outlet, when it
    speaks, is returned as a speaker of type ``narrator``."""
    story_text = text[sentences[0].start : sentences[-1].end] if sentences else ""
    own = story_outlet(story_text, outlet, codebook)
    registry = _Registry(story_text, codebook, own)
    speakers: list[Speaker | None] = [None] * len(attributions)
    for index, attribution in enumerate(attributions):
        if attribution.speaker is not None:
            offset = sentences[index].start + attribution.speaker_at - sentences[0].start
            speakers[index] = registry.resolve(attribution.speaker, attribution.description, index, offset)
    for index in range(len(attributions)):
        seen = set()
        target = index
        while speakers[target] is None and attributions[target].link is not None and target not in seen:
            seen.add(target)
            target = attributions[target].link
        speakers[index] = speakers[target]
    return speakers, registry.speakers


class _Registry:
    """The speakers met so far in one story, for resolving later mentions."""

    def __init__(self, story_text: str, codebook: Codebook, own_outlet: str | None):
        self.text = story_text
        self.codebook = codebook
        self.own_outlet = own_outlet
        self.speakers: list[Speaker] = []
        self.recent: list[Speaker] = []
        self._runs: list[re.Match] | None = None
        self._resolved: dict[tuple[str, str | None], Speaker] = {}
        self._runs_with: dict[str, list[re.Match]] = {}
        self._introductions: dict[str, tuple[str, str]] = {}

    def runs(self) -> list[re.Match]:
        """The runs of capitalized words in the story (names, titles), found once and
        indexed by word in ``_runs_with``."""
        if self._runs is None:
            self._runs = list(_CAPITALIZED_RUN.finditer(self.text))
            for run in self._runs:
                for word in set(run.group().split()):
                    self._runs_with.setdefault(word, []).append(run)
        return self._runs

    def resolve(self, phrase: str, description: str | None, index: int, offset: int) -> Speaker:
        """Return the speaker that ``phrase`` (in sentence ``index``, at ``offset`` in
        the story) refers to, adding a new one when it names someone new. A name or
        description that is not a pronoun refers to the same speaker every time."""
        key = (phrase, description)
        if key in self._resolved:
            speaker = self._resolved[key]
        else:
            speaker = self._find(phrase, description, index, offset)
            if phrase.lower() not in _REFERRING_WORDS:
                self._resolved[key] = speaker
        self.recent.append(speaker)
        return speaker

    def _find(self, phrase: str, description: str | None, index: int, offset: int) -> Speaker:
        """Resolve ``phrase`` to a speaker: pronoun, description, organization, person or new speaker."""
        lower = phrase.lower()
        if self._is_own_voice(phrase):
            return self._add(self.own_outlet or phrase, phrase, "narrator", index, person=False, plural=False)
        if lower in _SINGULAR_PRONOUNS:
            found = self._last(lambda s: s.person and not s.plural)
            if found:
                return found
        if lower in _PLURAL_PRONOUNS:
            found = self._last(lambda s: s.plural)
            if found:
                return found
        if lower in {"it", "its"}:
            found = self._last(lambda s: not s.person)
            if found:
                return found
        if lower in _REFERRING_WORDS:
            found = self._last(lambda s: True)
            if found:
                return found
        words = lower.split()
        if words and words[0] == "the" and len(words) <= 3 and phrase.split()[-1].islower():
            head = words[-1].rstrip("s")
            found = self._last(lambda s: head in s.description.lower() or head in s.name.lower())
            if found:
                return found
        if len(words) <= 2 and (len(words) == 1 or words[0] == "the"):
            named = self._organization_before(phrase, offset)
            if named:
                return self._add(named, phrase, None, index, person=False, plural=False)
        name, titles = self._person_name(phrase)
        if name:
            existing = self._same_person(name)
            if existing:
                return existing
            full, context = self._introduction(name)
            described = _join_unique([titles, description or context])
            return self._add(full, described, None, index, person=True, plural=False)
        canonical = _strip_determiners(phrase)
        for speaker in self.speakers:
            if speaker.name.lower() == canonical.lower():
                return speaker
        described = ", ".join(filter(None, [phrase, description]))
        person = self.codebook.names_person(phrase)
        return self._add(canonical, described, None, index, person=person, plural=_looks_plural(canonical))

    def _organization_before(self, phrase: str, offset: int) -> str | None:
        """For "the company" or "company", return the nearest organization named before
        ``offset`` in the story whose type is the one the description implies."""
        bodies = [m for m in self.codebook.matcher.find(phrase) if m.term.kind == "organization" or (m.term.kind == "role" and not m.term.person)]
        if not bodies or not bodies[0].term.text.islower():
            return None
        wanted = bodies[0].term.source_type
        for match in reversed([run for run in self.runs() if run.end() <= offset]):
            named = [m for m in self.codebook.matcher.find(match.group()) if m.term.kind in ("organization", "outlet")]
            if named and not named[0].term.text.islower() and self.codebook.classify(match.group()) == wanted:
                return named[0].term.text
        return None

    def _is_own_voice(self, phrase: str) -> bool:
        """True when ``phrase`` names the story's own outlet or "this newspaper"."""
        if _OWN_VOICE.match(phrase.strip()):
            return True
        if not self.own_outlet:
            return False
        outlet = self.codebook.outlet(phrase)
        return outlet == self.own_outlet or _strip_determiners(phrase).lower() == self.own_outlet.lower()

    def _last(self, test) -> Speaker | None:
        """The most recent speaker (not the narrator) that passes ``test``."""
        for speaker in reversed(self.recent):
            if speaker.source_type != "narrator" and test(speaker):
                return speaker
        return None

    def _person_name(self, phrase: str) -> tuple[str | None, str]:
        """Return the personal name in ``phrase`` and the titles before it ("Chinese
        President Xi Jinping" gives "Xi Jinping" and "Chinese President")."""
        phrase = _HONORIFICS.sub("", phrase.strip())
        if self.codebook.outlet(phrase) or self._names_organization(phrase):
            return None, ""
        runs = list(_CAPITALIZED_RUN.finditer(phrase))
        if not runs or runs[-1].end() < len(phrase.rstrip(" .")):
            return None, ""
        run = runs[-1]
        words = run.group().split()
        titles_before = phrase[: run.start()].strip()
        if titles_before.split() and titles_before.split()[-1].lower() in _PREPOSITIONS:
            return None, ""
        roles = [m for m in self.codebook.matcher.find(run.group()) if m.term.kind in ("role", "place", "organization")]
        if roles and all(m.term.kind == "organization" for m in roles):
            return None, ""
        if roles:
            cut = max(match.end for match in roles)
            titles_before = (titles_before + " " + run.group()[:cut]).strip()
            words = run.group()[cut:].split()
        words = [word for word in words if not re.fullmatch(r"[A-Z][a-z]{0,3}\.", word)] or words
        while len(words) > 1 and words[0].lower() in SENTENCE_STARTERS:
            words = words[1:]
        if not words or not is_name_chunk(" ".join(words)):
            return None, ""
        if titles_before and not titles_before[:1].isupper() and len(titles_before.split()) > 6:
            return None, ""
        return " ".join(words), titles_before

    def _names_organization(self, phrase: str) -> bool:
        """True when ``phrase`` ends with an organization or outlet the codebook knows."""
        matches = self.codebook.matcher.find(phrase)
        return bool(matches) and matches[-1].term.kind in ("organization", "outlet") and matches[-1].end >= len(phrase.rstrip(" .")) - 1

    def _same_person(self, name: str) -> Speaker | None:
        """An earlier person whose name contains ``name``, or is contained in it."""
        tokens = set(name.split())
        for speaker in reversed(self.speakers):
            if speaker.person and (tokens <= set(speaker.name.split()) or set(speaker.name.split()) <= tokens):
                return speaker
        return None

    def _introduction(self, name: str) -> tuple[str, str]:
        """Find the fullest form of ``name`` in the story and the words that introduce
        it: up to six words before it in its clause, and an appositive or participle
        after it ("..., a professor at X", "... serving as the first dean")."""
        if name not in self._introductions:
            self._introductions[name] = self._find_introduction(name)
        return self._introductions[name]

    def _find_introduction(self, name: str) -> tuple[str, str]:
        listed = self.codebook.person(name)
        if listed:
            return listed.name, ""
        best = None
        wanted = name.split()
        self.runs()
        for match in self._runs_with.get(wanted[0], []):
            if set(wanted) <= set(match.group().split()) and (best is None or len(match.group()) > len(best.group())):
                best = match
        if best is None:
            return name, ""
        full, titles = self._person_name(best.group())
        before_words: list[str] = []
        for word in reversed(self.text[: best.start()].split()[-6:]):
            if not word[:1].isalnum() or not word[-1:].isalnum() or word.lower() in _STOP_BEFORE_NAME or (word.islower() and word.endswith(("ed", "ing"))):
                break
            before_words.insert(0, word)
        before = " ".join(before_words)
        after = ""
        follows = re.match(r",?\s*((?:a|an|the|who|from|of|at|serving|working|one)\b[^.;]{0,120}?)(?:,\s|[.;]|$)", self.text[best.end() :])
        if follows:
            after = follows.group(1)
        return (full or name), " ".join(filter(None, [before, titles, after])).strip()


    def _add(self, name: str, description: str, source_type: str | None, index: int, person: bool, plural: bool) -> Speaker:
        """Return the speaker named ``name``, adding and typing it if new."""
        for speaker in self.speakers:
            if speaker.name == name:
                return speaker
        if source_type is None:
            source_type = self._type(name, description, person)
        speaker = Speaker(name, description, source_type, index, person, plural)
        self.speakers.append(speaker)
        return speaker

    def _type(self, name: str, description: str, person: bool) -> str:
        """Type a new speaker: listed person, else a state, else its description, else
        the fallback."""
        listed = self.codebook.person(name) if person else None
        if listed:
            return listed.source_type
        if self.codebook.is_state(name):
            return "official"
        found = self.codebook.classify(f"{name}, {description}")
        if found == "other_media" and self.own_outlet and self.codebook.outlet(description) == self.own_outlet:
            return "narrator"
        return found or FALLBACK_TYPE


def _join_unique(parts: list[str | None]) -> str:
    """Join description parts with commas, leaving out parts already said."""
    kept: list[str] = []
    for part in filter(None, parts):
        if not any(part in other for other in kept):
            kept = [other for other in kept if other not in part] + [part]
    return ", ".join(kept)


def _strip_determiners(phrase: str) -> str:
    """Drop leading articles and quantifiers ("the", "several") from a phrase."""
    words = phrase.split()
    while len(words) > 1 and words[0].lower() in DETERMINERS:
        words = words[1:]
    return " ".join(words)


def _looks_plural(phrase: str) -> bool:
    """True when a phrase names several people ("analysts", "Yu and Li")."""
    head = phrase.split()[-1].lower() if phrase.split() else ""
    return head.endswith("s") and not head.endswith("ss") or " and " in phrase
