"""The names that the speaker rules look for in a phrase and in the story.

The personal name a phrase holds (``person_name``: "Chinese President Xi Jinping" is
Xi Jinping); the person or organization named last before an offset (``named_before``,
``organization_in_sentence_before``), for a pronoun; the full name of an acronym
(``expand_acronym``); the organization a description such as "the ministry" refers to
(``organization_before``); and the story's own outlet (``is_own_voice``).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence

from ...pattern import lexicon
from ..reporting.words import DAY_NAMES, FINITE_TAGS, is_name_chunk
from ..sentences import SENTENCE_STARTERS
from ..sourcetypes import NAME_RUN
from .context import StoryContext
from .story_types import is_organization_name
from .words import (
    CAPITALIZED_RUN,
    CONTRACTION,
    LEADING_THE_WORD,
    NAME_BEFORE_BRACKET,
    PREPOSITIONS,
    find_all,
    strip_determiners,
)

_HONORIFICS = re.compile(r"^(?:Mr|Mrs|Ms|Miss|Dr|Prof|Sir|Dame|Madam)\.?\s+")
_OWN_VOICE = re.compile(r"^(?:this|our)\s+(?:newspaper|paper|reporter|correspondent|website|publication|magazine)$", re.IGNORECASE)
# The possessive ending left of an outlet's name cut out of a phrase ("BBC's sports team").
_LEADING_POSSESSIVE = re.compile(r"^\s*['’]s?\b")
# Words that, beside the story's own outlet, still name the outlet's own voice.
_NEWSROOM_WORDS = frozenset("reporter reporters journalist journalists correspondent correspondents staff team newsroom investigation survey poll analysis".split())
_NAME_PARTICLES = frozenset("de da van von bin al le la del der dos du ibn".split())
_TIME_WORDS = frozenset(DAY_NAMES) | frozenset({"yesterday", "today"})
_INSTITUTION_NAME = re.compile(r"[A-Z][\w'’.-]*\s+(?:of|for)(?:\s+the)?\s+[A-Z][\w'’.-]*(?:\s+(?:(?:and|of|for|&)(?:\s+the)?\s+)?[A-Z][\w'’.-]*)*\s*$")
_POSSESSIVE_END = re.compile(r"(?<=\w)['’]s?$")
_POSSESSIVE_WORD = re.compile(r"\w['’]s?$")
_ABBREVIATION = re.compile(r"[A-Z][a-z]{0,3}\.")


def person_name(story: StoryContext, phrase: str) -> tuple[str | None, str]:
    """Return the personal name in ``phrase`` and the titles before it ("Chinese
    President Xi Jinping" gives "Xi Jinping" and "Chinese President"). A phrase that
    ends in capitalized words joined by "of" or "for" (and "and") names an institution
    ("Institute of Marine and Coastal Research"), not a person. After an honorific ("Ms
    Kite", "Mr Cook") a single word is a surname even when it is a common word."""
    codebook = story.codebook
    bare = _HONORIFICS.sub("", phrase.strip())
    titled = bare != phrase.strip()  # "Ms Kite", "Mr Cook": a person, whatever the word
    phrase = bare
    if codebook.outlet(phrase) or _ends_with_organization(story, phrase) or _INSTITUTION_NAME.search(phrase):
        return None, ""
    runs = list(CAPITALIZED_RUN.finditer(phrase))
    if not runs or runs[-1].end() < len(phrase.rstrip(" .")):
        return None, ""
    run = runs[-1]
    words = run.group().split()
    titles_before = phrase[: run.start()].strip()
    if titles_before.split() and titles_before.split()[-1].lower() in PREPOSITIONS:
        return None, ""
    roles = [m for m in codebook.matcher.find(run.group()) if m.term.kind in ("role", "place", "organization")]
    if roles and all(m.term.kind == "organization" for m in roles):
        return None, ""
    if roles and run.group()[max(match.end for match in roles) :].split():
        cut = max(match.end for match in roles)
        titles_before = (titles_before + " " + run.group()[:cut]).strip()
        words = run.group()[cut:].split()
    if codebook.person(" ".join(words), story.text) is None:
        words = [word for word in words if not _ABBREVIATION.fullmatch(word)] or words
    while len(words) > 1 and (words[0].lower() in SENTENCE_STARTERS or words[0].lower() in _TIME_WORDS or (words[0].isupper() and len(words[0]) > 2 and not words[-1].isupper())):
        words = words[1:]
    while len(words) > 1 and _title_word(words[0]):
        titles_before = f"{titles_before} {words[0]}".strip()
        words = words[1:]
    if len(words) > 1 and words[-1].endswith(".") and len(words[-1]) > 4:
        words[-1] = words[-1][:-1]
    if len(words) == 1 and not titled and (words[0] in codebook.heads or not _POSSESSIVE_WORD.search(words[0]) and _title_word(words[0])):
        return None, ""  # "Marvel", "Arsenal": a common word written as a name names a body
    while len(words) > 1 and words[-1] in _NAME_PARTICLES:
        words = words[:-1]
    for position in range(1, len(words)):
        if lexicon.get(words[position].lower(), "") in ("VBG", "IN", "CC", "DT"):
            words = words[:position]
            break
    if not words or not is_name_chunk(" ".join(words)):
        return None, ""
    if titles_before and not titles_before[:1].isupper() and len(titles_before.split()) > 6:
        return None, ""
    return " ".join(words), titles_before


def _ends_with_organization(story: StoryContext, phrase: str) -> bool:
    """True when ``phrase`` ends with an organization or outlet the codebook knows,
    or a name of several words that its head types ("China National Space
    Administration" is no Mr Administration)."""
    matches = story.codebook.matcher.find(phrase)
    if matches and matches[-1].term.kind in ("organization", "outlet") and matches[-1].end >= len(phrase.rstrip(" .")) - 1:
        return True
    shaped = [m for m in story.codebook.organizations(phrase) if m.term.kind == "shaped"]
    return bool(shaped) and shaped[-1].end >= len(phrase.rstrip(" .")) - 1 and len(shaped[-1].term.text.split()) > 1


def _title_word(word: str) -> bool:
    """True when a capitalized ``word`` that opens a run of names is no name but a
    title, an epithet or a team's possessive ("Referee Graham Poll", "Defiant Matt
    Williams", "Again Roddick", "Chelsea's William Gallas"): a possessive, or a common
    English word that the lexicon does not know as a proper noun (it knows first names:
    "Will", "Rose" and "Frank" stay)."""
    if _POSSESSIVE_WORD.search(word):
        return True
    capitalized, lower = lexicon.get(word), lexicon.get(word.lower())
    return capitalized != "NNP" and lower is not None and lower != "MD"


def named_before(story: StoryContext, offset: int, person: bool, since: int = 0) -> str | None:
    """For "he" or "it" with no speaker before to refer to: the nearest person (or
    organization) named before ``offset`` in the story (after ``since``). A definite
    description of a person that no speaker before fits ("..., the comedian has told
    BBC News") refers the same way, within its sentence and the one before."""
    for run in reversed([run for run in story.runs() if since <= run.start() and run.end() <= offset]):
        if person:
            name, _ = person_name(story, run.group())
            if name and len(run.group().split()) > 1 and not story.codebook.is_state(name) and not _names_no_person(story, name):
                return _POSSESSIVE_END.sub("", run.group())
        elif is_organization_name(story, run.group()):
            return run.group()
    return None


def _names_no_person(story: StoryContext, name: str) -> bool:
    """True when ``name`` reads as a person's but names an event, a quantity or an
    organization ("Powergen Cup", "New York Times"): its last word heads phrases that
    never speak (``not_speakers.csv``), or the codebook or the story types it as an
    organization. "He" never refers to such a name."""
    last = name.split()[-1].lower()
    return last in story.codebook.not_speakers or last.removesuffix("s") in story.codebook.not_speakers or is_organization_name(story, name)


# A verb that ends the subject of a sentence, a past participle included ("Sanders called her son ...").
_FINITE_WORD = FINITE_TAGS | {"VBN"}


def person_subject_before(story: StoryContext, offset: int, spoken_at: Sequence[int]) -> str | None:
    """For "he" or "she", the person who is the subject of the sentence right before
    the one at ``offset`` when no speaker was met there or since ("Spain's minister of
    sport Jaime Lissavetzky backed the decision. 'We will have zero tolerance,' he
    said."): the name before the sentence's verb, which must be a full name or the
    surname of a person the story names in full."""
    starts = story.sentence_starts
    current = bisect_right(starts, offset) - 1
    if current < 1:
        return None
    start, end = starts[current - 1], starts[current]
    if any(start <= spoke < offset for spoke in spoken_at):
        return None
    words = story.text[start:end].split()
    chunk = []
    for word in words[:12]:
        bare = word.strip("\"“”‘’'(),")
        if word.endswith(",") or lexicon.get(bare.lower(), "") in _FINITE_WORD and bare[:1].islower():
            chunk.append(word.rstrip(","))
            break
        chunk.append(word)
    else:
        return None
    phrase = " ".join(chunk[:-1]) if not chunk[-1][:1].isupper() else " ".join(chunk)
    name, _ = person_name(story, phrase) if phrase else (None, "")
    if not name or story.codebook.is_demonym(name):
        return None
    if len(name.split()) > 1:
        return name
    if phrase.split()[0].lower() in ("the", "a", "an"):
        return None  # "The Tigers are top of the table": a team, not a surname
    full = [run.group() for run in story.runs_with(name) if len(run.group().split()) > 1 and run.group().split()[-1] == name]
    return name if full else None


def organization_in_sentence_before(story: StoryContext, offset: int, spoken_at: Sequence[int]) -> str | None:
    """For "it", an organization named in the sentence right before the one at
    ``offset`` when no speaker was met there or since (``spoken_at``: the offsets of
    the mentions resolved so far): the nearer antecedent ("X said ... The NIESR report
    was optimistic. It said ..." is NIESR)."""
    ends = [end for end in story.sentence_ends() if end <= offset]
    if not ends:
        return None
    start = ends[-2] if len(ends) > 1 else 0
    if any(start <= spoke < offset for spoke in spoken_at):
        return None
    for run in reversed([run for run in story.runs() if start <= run.start() and run.end() <= ends[-1]]):
        name = CONTRACTION.sub("", strip_determiners(run.group()))
        common_word = " " not in name and name.lower() in lexicon
        if not common_word and is_organization_name(story, name):
            return name
    return None


def expand_acronym(story: StoryContext, name: str) -> str | None:
    """The full name that the story gives an acronym ("Robert Koch Institute (RKI)",
    or the initials of a name it writes out: "Asian Football Confederation" for
    "AFC"), so that an organization is one speaker under its full name."""
    if not (2 <= len(name) <= 8 and name.isupper() and name.isalpha()) or story.codebook.outlet(name) or story.codebook.is_state(name):
        return None
    for at in find_all(story.text, f"({name})"):
        defined = NAME_BEFORE_BRACKET.search(story.text, max(0, at - 160), at + 1)
        if defined and "".join(word[0] for word in defined.group(1).split() if word[:1].isupper()).endswith(name[:1]):
            return LEADING_THE_WORD.sub("", defined.group(1))
    if len(name) >= 3:
        full = story.initials(without_the=True).get(name)
        if full and len(full.split()) > 1:
            return LEADING_THE_WORD.sub("", full)
    return None


def organization_before(story: StoryContext, phrase: str, offset: int) -> str | None:
    """For "the company" or "the ministry", return the nearest organization named
    before ``offset`` in the story whose type is the one the description implies;
    except for a company, the name must contain the word ("the ministry" is the
    "Ministry of Commerce", never "the GOP"); "the Bank" with a capital is the
    nearest name that has "Bank" in it ("the Bank of England")."""
    codebook = story.codebook
    head = phrase.split()[-1]
    if head[:1].isupper() and phrase.lower().startswith("the ") and head in codebook.heads:
        for match in reversed([run for run in NAME_RUN.finditer(story.text, 0, offset) if head in run.group().split()]):
            if len(match.group().split()) > 1 and codebook.classify(match.group()):
                return match.group()
        return None
    bodies = [m for m in codebook.matcher.find(phrase) if m.term.kind == "organization" or (m.term.kind == "role" and not m.term.person)]
    if not bodies or not bodies[0].term.text.islower() or not head.islower():
        return None
    wanted = bodies[0].term.source_type
    word = bodies[0].term.text
    for match in reversed([run for run in story.runs() if run.end() <= offset]):
        named = codebook.organizations(match.group())
        if not named or named[0].term.text.islower() or codebook.classify(match.group()) != wanted:
            continue
        if wanted == "business" or word in match.group().lower():
            return strip_determiners(match.group()) if named[0].term.text in codebook.heads else named[0].term.text
    return None


def is_own_voice(story: StoryContext, phrase: str) -> bool:
    """True when ``phrase`` names the story's own outlet or "this newspaper": the outlet
    itself ("the Global Times", "BBC Sport") or its newsroom ("Global Times reporters").
    A person who speaks for it ("BBC Two controller Roly Keating", "a BBC spokeswoman")
    is a source like any other, typed as media."""
    if _OWN_VOICE.match(phrase.strip()):
        return True
    if not story.own_outlet:
        return False
    if strip_determiners(phrase).lower() == story.own_outlet.lower():
        return True
    named = [m for m in story.codebook.matcher.find(phrase) if m.term.kind == "outlet"]
    if not named or story.codebook.outlet_names.get(named[0].term.text, named[0].term.text) != story.own_outlet:
        return False
    rest = strip_determiners(_LEADING_POSSESSIVE.sub("", f"{phrase[: named[0].start]} {phrase[named[0].end :]}").strip(" ,"))
    lower_words = [word.lower().strip(",") for word in rest.split() if word[:1].islower()]
    return person_name(story, rest)[0] is None and all(word in _NEWSROOM_WORDS for word in lower_words)
