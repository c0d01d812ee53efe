"""The source type of a new speaker, and what typed it (``TYPED_BY``).

A listed person or a state is typed by the codebook; else by the words that describe
the speaker where the story introduces it, or the words around any other mention of
the name ("Labour's Alan Milburn", "oil firm Yukos"), or, for a person, a role or a
group named near the first mention; else by the story's genre; a speaker that none of
these types is ``unclassified`` (``FALLBACK_TYPE``).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ...pattern import lexicon
from ..quotes import DOUBLE_QUOTE_MARK
from .context import StoryContext
from .introductions import mentions
from .names import is_own_voice
from .owners import owner_before
from .story_types import classify
from .words import before_speech

FALLBACK_TYPE = "unclassified"
# What typed a speaker (the table's ``typed_by``): the codebook's lists of people and
# states, the story's words about the speaker, the story's genre alone, or (in a corpus
# pass, ``people.py``) the speaker's type in the run's other stories.
TYPED_BY = ("story", "genre", "codebook", "corpus")
# Genres whose people speak in their own name (codebook "Genres"): a named person whom
# nothing in such a story describes is an athlete, a coach, a performer or an artist.
PERSONAL_GENRES = frozenset({"sport", "entertainment"})
# A reader or viewer quoted by first name and home town ("Andrew in Derby").
_READER = re.compile(r"^[A-Z][a-z]+,?\s+(?:in|from)\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?$")
# A role that is the subject of a reporting verb ("Amnesty International's chief has said").
_SPEAKS_NEXT = re.compile(r"(?:\s+[^\s,.;:\"“”]+){0,6}?\s+(?:has\s+|have\s+|had\s+)?(?:said|says|told|tells|warned|claimed|argued|announced|admitted|insisted|urged|called|added|confirmed|denied)\b")
# A person described only by home town ("Andrew Fisher, from Omaha, Nebraska") is a lay
# person: officials and experts are described by role.
_HOMETOWN = re.compile(r",\s*(?:from|of)\s+([A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*)(,\s+[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*)?\s*,\s*(?:said|says|told|added)\b")
# Research that a named organization no list knows ran ("a survey by Hostway", "Recent
# research by Jupiter"): whoever runs surveys and studies acts as a pollster or a
# research firm.
_RESEARCH_BY = re.compile(r"\b(?:survey|poll|study|research|report|analysis|index|findings)s?,?\s+(?:\w+\s+){0,3}?(?:by|from|of)\s+(?:the\s+)?[A-Z]")
# A definite role that is the subject of the next sentence ("The rural affairs minister said").
_ROLE_SUBJECT = re.compile(r"(?:The|the)\s+(?:[\w'’-]+\s+){0,4}?[\w'’-]+(?=\s+(?:said|says|told|added|has|had|is|was|also|would|will)\b)")
_NAME_AFTER = re.compile(r"\s+(?:[A-Z][\w'’.-]*\s+)*[A-Z][\w'’-]+")


def type_speaker(
    story: StoryContext,
    name: str,
    description: str,
    person: bool,
    offset: int | None,
    possessor_type: Callable[[str], str | None],
) -> tuple[str, str]:
    """Type a new speaker: a listed person, a state, or a reader quoted by first name
    and town ("Andrew in Derby", public) or a person described only by home town
    ("from Omaha, Nebraska", public); a person described by a role that a pronoun
    owns ("her adviser") as the person it refers to (``possessor_type`` of the
    description, from the registry of the story's speakers); else its description,
    else the words around its other mentions in the story; for a person, else the
    group named before it, a "Dr" title, or the organization named before ``offset``
    (given for a person introduced by name) when its role defers ("a spokesman"); for
    research by an organization no list knows, ``analyst``; in a story of a genre
    whose people speak in their own name (sport, entertainment and culture:
    ``PERSONAL_GENRES``), a person nothing else types is ``public``; else the
    fallback. Returns the type and what typed it (``TYPED_BY``): ``codebook`` (a listed
    person or state), ``story`` (the story's words), ``genre`` (the story's genre
    alone), or "" (unclassified, narrator)."""
    codebook = story.codebook
    listed = codebook.person(name, story.text)
    if listed:
        return listed.source_type, "codebook"
    if _READER.match(name) or (person and _from_hometown(story, name) and not codebook.evidence(description or "")):
        return "public", "story"
    if codebook.is_state(name):
        return "official", "codebook"
    owner_type = possessor_type(description) if person else None
    if owner_type:
        return owner_type, "story"
    own = name if person and " " in name else ""
    found = classify(story, f"{name}, {before_speech(description)}", own)
    if found is None and name[:1].isupper():
        found = next(filter(None, (classify(story, f"{name}, {before_speech(context)}", own) for context in mentions(story, name, person))), None)
    if found is None and person:
        described = any(m.term.kind == "role" for m in codebook.matcher.find(description or ""))
        found = _role_near(story, name) or (None if described else _group_before(story, name)) or _doctor(story, name)
    if found is None and person and offset is not None and description:
        owner = owner_before(story, description, offset)
        found = classify(story, owner) if owner else None
    if found is None and not person and _RESEARCH_BY.search(description or ""):
        found = "analyst"
    if found in ("other_media", "western_media") and story.own_outlet and is_own_voice(story, description or name):
        return "narrator", ""
    if found:
        return found, "story"
    if person and story.genre in PERSONAL_GENRES and _named_person(story, name) and not _described(story, name, description):
        return "public", "genre"
    return FALLBACK_TYPE, ""


def _described(story: StoryContext, name: str, description: str) -> bool:
    """True when the story describes ``name`` by a role or an organization, in its
    description or around any mention ("3 spokesperson Belinda Henderson" is a
    spokesperson of an organization the codebook does not know, not a performer)."""
    return any(m.term.kind in ("role", "organization", "outlet", "shaped") for text in [description, *mentions(story, name, True)] for m in story.codebook.evidence(text or ""))


def _named_person(story: StoryContext, name: str) -> bool:
    """True when ``name`` is a person's name: capitalized words that are no state, no
    nationality ("the Spaniard") and no common English word."""
    codebook = story.codebook
    words = name.split()
    if not words or not all(word[:1].isupper() for word in words) or codebook.is_state(name) or codebook.is_demonym(name):
        return False
    if codebook.evidence(name):
        return False  # "Hollywood Reporter", "Bookmakers Ladbrokes": a role, a body or an outlet, no person
    return len(words) > 1 or (name.lower() not in lexicon and not name.isupper())


def _role_near(story: StoryContext, name: str) -> str | None:
    """For a person the story never describes, the type of the unnamed person that
    the two sentences before the first mention, or the subject of the sentence after
    it ("The rural affairs minister said"), describe by a singular role other than a
    lay one, outside quotation marks and not as the title of another name ("Amnesty
    International's chief has said ... Irene Khan said"; "..., Alun Michael has
    said. The rural affairs minister said ..."): news often introduces a source by
    role in one sentence and by name in the next."""
    text = story.text
    first = text.find(name)
    if first < 0:
        return None
    before = [end for end in story.sentence_ends() if end <= first]
    after = [end for end in story.sentence_ends() if end > first]
    windows = [(before[-3] if len(before) > 2 else 0, before[-1] if before else 0)]
    if after:
        following = text[after[0] : after[1] if len(after) > 1 else len(text)]
        subject = _ROLE_SUBJECT.match(following)
        if subject:
            windows.append((after[0], after[0] + subject.end()))
    for start, end in windows:
        sentence = text[start:end]
        roles = [
            m for m in story.codebook.matcher.find(sentence)
            if m.term.kind == "role" and m.term.person and m.term.source_type != "public" and not sentence[m.start : m.end].lower().endswith("s")
        ]
        for role in reversed(roles):
            at = start + role.start
            quoted = len(DOUBLE_QUOTE_MARK.findall(text, text.rfind("\n", 0, at) + 1, at)) % 2 == 1
            titles_a_name = _NAME_AFTER.match(sentence, role.end) and not _SPEAKS_NEXT.match(sentence, role.end)
            if quoted or titles_a_name:
                continue
            phrase = " ".join(sentence[: role.start].split()[-4:] + [sentence[role.start : role.end]])
            found = classify(story, phrase)
            if found:
                return found
    return None


def _from_hometown(story: StoryContext, name: str) -> bool:
    """True when the story introduces ``name`` by home town only: a town and its
    region, or a state ("Andrew Fisher, from Omaha, Nebraska, said"; not "Steve Ash,
    from Activcard, said")."""
    first = story.text.find(name)
    place = _HOMETOWN.match(story.text, first + len(name)) if first >= 0 else None
    return place is not None and (place.group(2) is not None or story.codebook.is_state(place.group(1)))


def _group_before(story: StoryContext, name: str) -> str | None:
    """For a person the story never describes, the type of the group of people
    named in the two sentences before the first mention, in the same paragraph, of
    which the story presents them as one ("Some students built a model house.
    Kayley Gallagher said ..." makes her a student)."""
    first = story.text.find(name)
    if first < 0:
        return None
    starts = [end for end in story.sentence_ends() if end <= first]
    window = story.text[starts[-3] if len(starts) >= 3 else 0 : first]
    window = window[window.rfind("\n") + 1 :]
    groups = [
        m for m in story.codebook.matcher.find(window)
        if m.term.kind == "role" and m.term.person and m.term.source_type and window[m.start : m.end].lower().endswith("s")
    ]
    return groups[-1].term.source_type if groups else None


def _doctor(story: StoryContext, name: str) -> str | None:
    """``analyst`` for a person the story calls "Dr" and describes no further: a
    doctorate or a medical degree is the only evidence of expertise there is."""
    if "Dr" not in story.text and "Doctor" not in story.text:
        return None
    surname = re.escape(name.split()[-1])
    return "analyst" if re.search(rf"\b(?:Dr\.?|Doctor)\s+(?:[A-Z][\w'’.-]*\s+)*{surname}\b", story.text) else None
