"""Who each speaker phrase of a story is: ``resolve_story`` and the registry of the
story's speakers that resolves its mentions in turn.

Within a story, a speaker keeps one name and one source type (coding rules 6 and 7):
"he", "she", "they" and "it" go to the last speaker that fits; a surname ("Yu") or a
name with a title ("Mr. Trump") to the person introduced with the full name ("Yu
Lei"), found among earlier speakers or anywhere in the story; a definite description
("the expert", "the company") to the last speaker described that way. Each new speaker
is typed once (``speaker_type``). The outlet's own voice ("the Global Times learned")
is the narrator; the story's outlet comes from the manifest, or else is the outlet that
sources speak to most often ("told the Global Times").
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass

from ..attribute import Attribution
from ..sentences import Sentence
from ..sourcetypes import Codebook
from .context import StoryContext
from .introductions import introduction
from .names import (
    expand_acronym,
    is_own_voice,
    named_before,
    organization_before,
    organization_in_sentence_before,
    person_name,
    person_subject_before,
)
from .owners import is_thing, owner_before
from .phrases import PLURAL_PRONOUNS, REFERRING_WORDS, SINGULAR_PRONOUNS
from .speaker_type import FALLBACK_TYPE, type_speaker
from .story_types import classify
from .words import CONTRACTION, strip_determiners

# A share of those polled ("59 percent said", "less than a third agreed") speaks for the
# last poll or survey the story reported.
_SHARE_OF_RESPONDENTS = re.compile(r"\b(?:\d+(?:\.\d+)?\s*(?:percent|per\s+cent|%)|thirds?|quarters?|half|fifths?|majority|minority)\b")
_POLL = re.compile(r"\b(?:poll|polls|survey|surveys|pollster|pollsters)\b", re.IGNORECASE)
# Reports that name no publisher ("Reports say ...", "Unconfirmed reports suggested ..."):
# unnamed media reports, other media by the codebook, as "reportedly" is.
_UNNAMED_REPORTS = re.compile(r"(?:(?:some|several|many|other|unconfirmed|local|earlier|recent|previous|latest|press|news|media)\s+)*reports", re.IGNORECASE)
# "the 64-year-old" refers back to the last person, as "he" or "she" would.
_AGE_EPITHET = re.compile(r"^the\s+\d{1,3}-year-old$")
_POSSESSED = re.compile(r"^(?:[Tt]he\s+)?(.+?)['’]s?\s+(\S.*)$")
_POSSESSIVE_OWNER = re.compile(r"^(his|her|their)\s", re.IGNORECASE)
# A named owner of a role: "Mrs. Clinton's communications director", "Sanders' campaign manager".
_NAMED_OWNER = re.compile(r"^((?:(?:Mr|Mrs|Ms|Dr|Sen|Gov|Rep)\.?\s+)?[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*){0,2})(?:'s|’s|'|’)\s+[a-z]")
# "Mia Kent of the Harbour Workers Federation": a person and the organization they are of.
_MEMBER_OF = re.compile(r"^((?:[A-Z][\w'’.-]*\s+)+[A-Z][\w'’-]+)\s+((?:of|from|at)\s+.+)$")
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
    typed_by: str = ""


@dataclass(frozen=True)
class Mention:
    """Where the speaker phrase being resolved stands: the index of its sentence and
    its offset in the story."""

    index: int
    offset: int


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
    headings = [(s.start - sentences[0].start, s.end - sentences[0].start) for s in sentences if s.is_heading]
    genre = codebook.genre(" ".join(text[s.start : s.end] for s in sentences if not s.is_heading and not s.is_boilerplate))
    starts = [s.start - sentences[0].start for s in sentences]
    registry = SpeakerRegistry(StoryContext(story_text, codebook.for_genre(genre), own, genre, starts, headings))
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
            link = attributions[target].link
            assert link is not None
            target = link
        speakers[index] = speakers[target]
    return speakers, registry.speakers


class SpeakerRegistry:
    """The speakers met so far in one story (``speakers``, in order of first
    appearance), for resolving each later mention."""

    def __init__(self, story: StoryContext):
        self.story = story
        self.speakers: list[Speaker] = []
        self.recent: list[Speaker] = []
        self.recent_offsets: list[int] = []
        self._resolved: dict[tuple[str, str | None], Speaker] = {}
        self._typing: set[str] = set()

    def resolve(self, phrase: str, description: str | None, index: int, offset: int) -> Speaker:
        """Return the speaker that ``phrase`` (in sentence ``index``, at ``offset`` in
        the story) refers to, adding a new one when it names someone new. A name or
        description that is not a pronoun refers to the same speaker every time."""
        key = (phrase, description)
        if key in self._resolved:
            speaker = self._resolved[key]
        else:
            speaker = self._find(phrase, description, Mention(index, offset))
            if phrase.lower() not in REFERRING_WORDS:
                self._resolved[key] = speaker
        self.recent.append(speaker)
        self.recent_offsets.append(offset)
        return speaker

    def _find(self, phrase: str, description: str | None, mention: Mention) -> Speaker:
        """Resolve ``phrase`` to a speaker: the outlet's own voice, a speaker it refers
        back to, the full name of an acronym, a description, a person or a new speaker."""
        if CONTRACTION.sub("", phrase).lower() in REFERRING_WORDS:
            phrase = CONTRACTION.sub("", phrase)
        if is_own_voice(self.story, phrase):
            return self._add(self.story.own_outlet or phrase, phrase, "narrator", mention, person=False, plural=False)
        return (
            self._referent(phrase, mention)
            or self._by_acronym(phrase, description, mention)
            or self._by_description(phrase, mention)
            or self._by_person_name(phrase, description, mention)
            or self._by_phrase(phrase, description, mention)
        )

    def _referent(self, phrase: str, mention: Mention) -> Speaker | None:
        """For a pronoun, a share of those polled or an epithet ("the 64-year-old",
        "the Spaniard"): the last speaker that fits, else the person or organization
        named last before it; None for any other phrase or when none fits."""
        lower = phrase.lower()
        if lower in SINGULAR_PRONOUNS:
            if not self._spoke_lately(mention.offset):
                subject = person_subject_before(self.story, mention.offset, self.recent_offsets)
                if subject and subject not in self._typing:
                    return self._find(subject, None, mention)
            found = self._last(lambda s: s.person and not s.plural)
            if found:
                return found
        if lower in PLURAL_PRONOUNS:
            found = self._last(lambda s: s.plural)
            if found:
                return found
        if lower in {"it", "its"}:
            named = organization_in_sentence_before(self.story, mention.offset, self.recent_offsets)
            if named:
                return self._find(named, None, mention)
            found = self._last(lambda s: not s.person)
            if found:
                return found
        if lower in REFERRING_WORDS:
            found = self._last(lambda s: True)
            if found:
                return found
        if lower in SINGULAR_PRONOUNS or lower in {"it", "its"}:
            named = named_before(self.story, mention.offset, person=lower in SINGULAR_PRONOUNS)
            if named:
                return self._find(named, None, mention)
        if _SHARE_OF_RESPONDENTS.search(lower) and len(lower.split()) <= 6:
            found = self._last(lambda s: bool(_POLL.search(f"{s.name} {s.description}")))
            if found:
                return found
        if _AGE_EPITHET.match(lower) or (len(phrase.split()) == 2 and lower.startswith("the ") and self.story.codebook.is_demonym(phrase)):
            found = self._last(lambda s: s.person and not s.plural)
            if found:
                return found
            named = named_before(self.story, mention.offset, person=True)
            if named:
                return self._find(named, None, mention)
        return None

    def _by_acronym(self, phrase: str, description: str | None, mention: Mention) -> Speaker | None:
        """For an acronym the story writes out ("RKI"), the speaker under its full name;
        None for any other phrase."""
        acronym = strip_determiners(phrase)
        expanded = expand_acronym(self.story, acronym)
        if not expanded:
            return None
        codebook = self.story.codebook
        listed = codebook.classify(acronym) if codebook.organizations(acronym) else None
        if listed:  # the codebook knows the acronym ("CNSA"): its type, under the full name
            return self._add(expanded, description or phrase, listed, mention, person=False, plural=False)
        return self._find(expanded, description, mention)

    def _by_description(self, phrase: str, mention: Mention) -> Speaker | None:
        """For a short definite description ("the expert"), the last speaker described
        that way or the person named just before it; for a thing someone owns ("the
        IMF's report"), the owner; for "the company" or "the ministry", the
        organization named before it. None when the phrase is none of these or nothing
        fits."""
        lower = phrase.lower()
        words = lower.split()
        if words and words[0] == "the" and len(words) <= 3 and phrase.split()[-1].islower():
            head = words[-1].rstrip("s")
            person = self.story.codebook.names_person(phrase)
            found = self._last(lambda s: s.person == person and (head in s.description.lower() or head in s.name.lower()))
            if found:
                return found
            if person and not words[-1].endswith("s"):
                named = named_before(self.story, mention.offset, person=True, since=self.story.floor(self.story.floor(mention.offset) - 1))
                if named:
                    return self._find(named, phrase, mention)
        possessed = _POSSESSED.match(phrase)
        if possessed and is_thing(self.story, possessed.group(2)):
            return self._find(possessed.group(1), None, mention)
        if len(words) <= 2 and (len(words) == 1 or words[0] == "the"):
            named = organization_before(self.story, phrase, mention.offset)
            if named:
                return self._add(named, phrase, None, mention, person=False, plural=False)
        return None

    def _by_person_name(self, phrase: str, description: str | None, mention: Mention) -> Speaker | None:
        """For a phrase that holds a personal name ("Chinese President Xi Jinping",
        "Mia Kent of the Harbour Workers Federation"), the person met before under the
        same name or a part of it, or a new person under the fullest form of the name in
        the story; None when it holds no personal name."""
        member = _MEMBER_OF.match(phrase)
        if member and person_name(self.story, member.group(1))[0]:
            phrase, description = member.group(1), ", ".join(filter(None, [member.group(2), description]))
        name, titles = person_name(self.story, phrase)
        if not name:
            return None
        existing = self._same_person(name)
        if existing:
            return existing
        full, context = introduction(self.story, name)
        described = _join_unique([titles, description or context])
        return self._add(full, described, None, mention, person=True, plural=False, owner_at=mention.offset)

    def _by_phrase(self, phrase: str, description: str | None, mention: Mention) -> Speaker:
        """Any other phrase: a speaker under the phrase without its determiners, with
        the organization it belongs to when the codebook cannot type it alone ("the
        report by the IMF"); reports that name no publisher, with nothing said of them,
        are other media and borrow no owner."""
        canonical = strip_determiners(phrase)
        described = ", ".join(filter(None, [phrase, description]))
        unnamed_reports = not description and _UNNAMED_REPORTS.fullmatch(phrase.strip()) is not None
        owns = classify(self.story, described) is None and not _POSSESSIVE_OWNER.match(phrase) and not unnamed_reports
        owner = owner_before(self.story, phrase, mention.offset) if owns else None
        source_type = "other_media" if unnamed_reports else None
        if owner:
            described = f"{described}, {owner}"
            if is_thing(self.story, phrase):
                canonical = f"{canonical} by {owner}"
                if classify(self.story, described) is None and person_name(self.story, owner)[0]:
                    source_type = self._find(owner, None, mention).source_type
        for speaker in self.speakers:
            if speaker.name.lower() == canonical.lower():
                return speaker
        person = self.story.codebook.names_person(phrase)
        return self._add(canonical, described, source_type, mention, person=person, plural=_looks_plural(canonical))

    def _spoke_lately(self, offset: int) -> bool:
        """True when a person spoke in one of the three sentences before the one at
        ``offset``: "he" then goes on with that speaker rather than with the subject of a
        narrated sentence between ("Zvonareva won in three sets. 'It was lots of
        pressure,' she said" is the player quoted just before)."""
        starts = self.story.sentence_starts
        current = bisect_right(starts, offset) - 1
        since = starts[max(0, current - 3)] if current >= 0 else 0
        return any(
            since <= at < offset and speaker.person and speaker.source_type != "narrator"
            for speaker, at in zip(self.recent, self.recent_offsets)
        )

    def _last(self, test) -> Speaker | None:
        """The most recent speaker (not the narrator) that passes ``test``."""
        for speaker in reversed(self.recent):
            if speaker.source_type != "narrator" and test(speaker):
                return speaker
        return None

    def _same_person(self, name: str) -> Speaker | None:
        """An earlier person whose name contains ``name``, or is contained in it."""
        tokens = set(name.split())
        for speaker in reversed(self.speakers):
            if speaker.person and (tokens <= set(speaker.name.split()) or set(speaker.name.split()) <= tokens):
                return speaker
        return None

    def _add(
        self, name: str, description: str, source_type: str | None, mention: Mention, person: bool, plural: bool, owner_at: int | None = None
    ) -> Speaker:
        """Return the speaker named ``name``, adding and typing it if new (``owner_at``:
        for a person introduced by name, where to look back for the organization that
        its role defers to)."""
        for speaker in self.speakers:
            if speaker.name == name:
                return speaker
        if source_type is None:
            source_type, typed_by = type_speaker(
                self.story, name, description, person, owner_at, lambda described: self._possessor_type(described, mention)
            )
        else:
            typed_by = "" if source_type in ("narrator", FALLBACK_TYPE) else "story"
        speaker = Speaker(name, description, source_type, mention.index, person, plural, typed_by)
        self.speakers.append(speaker)
        return speaker

    def _named_owner_type(self, owner: str, mention: Mention) -> str | None:
        """The type of the person who owns a role ("Mrs. Clinton" of "Mrs. Clinton's
        communications director"), when the story or the codebook types that person."""
        if owner in self._typing or person_name(self.story, owner)[0] is None:
            return None
        self._typing.add(owner)
        referent = self._find(owner, None, mention)
        self._typing.discard(owner)
        if not referent.person or referent.source_type in ("unclassified", "narrator"):
            return None
        return referent.source_type

    def _possessor_type(self, description: str, mention: Mention) -> str | None:
        """For a role that defers, owned by a pronoun or a named person and naming no
        organization ("her senior policy adviser", "his lawyer", "Mrs. Clinton's
        communications director"), the type of that person: for a pronoun, the last
        person (or, for "their", group) who spoke, else for "his" or "her" the person
        named last before the mention (a lawyer speaks for the client the story has just
        named, codebook Genres: law), when typed."""
        owner = _POSSESSIVE_OWNER.match(description or "")
        named_owner = _NAMED_OWNER.match(description or "")
        if not owner and not named_owner:
            return None
        matches = self.story.codebook.matcher.find(description)
        roles = [m for m in matches if m.term.kind == "role"]
        if not roles or not roles[-1].term.defers or any(m.term.kind in ("organization", "outlet", "shaped") for m in matches):
            return None
        if named_owner:
            return self._named_owner_type(named_owner.group(1), mention)
        plural = owner.group(1).lower() == "their"
        referent = self._last(lambda s: s.person and s.plural == plural)
        if referent is None and not plural:
            named = named_before(self.story, mention.offset, person=True)
            if named and named not in self._typing:
                self._typing.add(named)
                referent = self._find(named, None, mention)
                self._typing.discard(named)
        if referent is None or referent.source_type in ("unclassified", "narrator"):
            return None
        return referent.source_type


def _join_unique(parts: list[str | None]) -> str:
    """Join description parts with commas, leaving out parts already said."""
    kept: list[str] = []
    for part in filter(None, parts):
        if not any(part in other for other in kept):
            kept = [other for other in kept if other not in part] + [part]
    return ", ".join(kept)


def _looks_plural(phrase: str) -> bool:
    """True when a phrase names several people ("analysts", "Yu and Li")."""
    head = phrase.split()[-1].lower() if phrase.split() else ""
    return head.endswith("s") and not head.endswith("ss") or " and " in phrase
