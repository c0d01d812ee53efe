"""Types from the story's own words: for a name the codebook does not know
(``story_type``), and for a description with those names as evidence (``classify``).
"""

from __future__ import annotations

import re

from ..reporting.words import DETERMINERS
from ..sourcetypes import NAME_RUN
from .context import StoryContext
from .words import NAME_BEFORE_BRACKET, find_all, whole_word

# A run of capitalized words that goes over the end of a sentence ("the Global Times on
# Tuesday. Aimed at ...") is no name.
_SENTENCE_INSIDE = re.compile(r"[a-z]{2}[.!?]\s+[A-Z]")
# What marks a name as a company's: its shares, profits or chief executive, or what it
# makes or sells ("shares in Volterra", "Volterra's profits", "Hypertag, which makes").
_COMPANY_AFTER = re.compile(
    r"['’]s?\s+(?:(?:former|new|own|top|chief|biggest|main|largest)\s+)?(?:shares?|share\s+price|profits?|pre-tax|sales|revenues?|"
    r"earnings|shareholders|chief\s+executive|boss|customers|subscribers|stock|products|employees|workforce)\b"
    r"|,?\s+(?:which|that)\s+(?:makes|sells|produces|manufactures|owns|operates|provides|supplies|builds|designs|develops)\b"
)
_COMPANY_BEFORE = re.compile(r"\b(?:[Ss]hares|[Ss]takes?)\s+in\s+$")
_CAPITALIZED_WORD = re.compile(r"\b[A-Z][\w&'’.-]*")


def classify(story: StoryContext, description: str, name: str = "") -> str | None:
    """Type ``description`` by the codebook, with the organizations that the story
    names more fully elsewhere as evidence too ("PC Pro" after "PC Pro Magazine",
    "USTC" after "University of Science and Technology of China (USTC)") when the
    description has a capitalized word the codebook does not know. The person's own
    ``name`` that opens the description is no evidence ("Howard Dean" is no dean)."""
    skip = len(name) if name and description.startswith(name) else 0
    description = " " * skip + description[skip:]
    covered = story.codebook.evidence(description)
    unknown_names = any(
        not any(m.start <= word.start() < m.end for m in covered) for word in _CAPITALIZED_WORD.finditer(description, skip)
    )
    known = tuple((run, kind) for run in _unknown_names(description, skip, covered) if (kind := story_type(story, run))) if unknown_names else ()
    return story.codebook.classify(description, known)


def _unknown_names(description: str, skip: int, covered) -> list[str]:
    """The runs of capitalized words in ``description`` (after ``skip``) that no
    codebook term covers ("PC Pro", "CWA"), without a determiner that opens them
    ("The" of "The email" names nothing)."""
    runs = []
    for run in NAME_RUN.finditer(description, skip):
        words = run.group().split()
        while words and words[0].lower() in DETERMINERS:
            words.pop(0)
        if words and not any(m.start <= run.start() < m.end for m in covered):
            runs.append(" ".join(words))
            runs.extend(word for word in words if len(words) > 1 and word[:1].isupper())
    return runs


def is_organization_name(story: StoryContext, name: str) -> bool:
    """True when ``name`` is an organization's: the codebook lists it or types it
    by its head word, or the story types it (``story_type``)."""
    return bool(story.codebook.organizations(name) or story_type(story, name))


def story_type(story: StoryContext, name: str) -> str | None:
    """The type that the story itself gives an organization the codebook does not
    know by ``name``: from its fuller name in the story, which begins with it ("PC Pro
    Magazine" for "PC Pro"; "BBC Wales" says nothing of "Wales"), the name it
    abbreviates in brackets or by initials ("University of Science and Technology of
    China (USTC)", "Communications Workers of America" for "CWA"), a kind word or unit
    right before it ("security firm Symantec", "the statistical office INSEE"), or, for
    a company, its shares, profits or chief executive, or what it makes or sells
    ("shares in Volterra", "Hypertag, which makes ...")."""
    if name not in story.story_types:
        story.story_types[name] = _find_story_type(story, name)
    return story.story_types[name]


def _find_story_type(story: StoryContext, name: str) -> str | None:
    text, codebook = story.text, story.codebook
    mentions = [at for at in find_all(text, name) if whole_word(text, at, len(name))]
    for at in mentions:
        if text[at - 1 : at] == "(" and text[at + len(name) : at + len(name) + 1] == ")":
            defined = NAME_BEFORE_BRACKET.search(text, max(0, at - 160), at)
            if defined and codebook.classify(defined.group(1)):
                return codebook.classify(defined.group(1))
    for at in mentions:
        for run in NAME_RUN.finditer(text, max(0, at - 60), at + len(name) + 60):
            if run.start() > at:
                break
            if run.start() == at and run.group() != name and not _SENTENCE_INSIDE.search(run.group()):
                named = codebook.organizations(run.group())
                if named and codebook.classify(run.group()):
                    return codebook.classify(run.group())
        window = text[max(0, at - 40) : at]
        if not window[-1:].isspace():
            continue  # no kind word set off from the name by a space or two
        kinds = [
            m for m in codebook.matcher.find(window)
            if m.term.text.islower() and m.term.source_type and (m.term.kind == "organization" or m.term.kind == "role" and not m.term.person)
        ]
        if kinds and not window[kinds[-1].end :].strip() and 0 < len(window) - kinds[-1].end <= 2:
            return kinds[-1].term.source_type
    if name.isupper() and len(name) >= 3:
        initials = story.initials(without_the=False)
        if name in initials and codebook.classify(initials[name]):
            return codebook.classify(initials[name])
    for at in mentions:
        if _COMPANY_AFTER.match(text, at + len(name)) or _COMPANY_BEFORE.search(text[max(0, at - 12) : at]):
            return None if codebook.is_state(name) else "business"
    return None
