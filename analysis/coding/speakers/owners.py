"""Whom a document or a role that defers to its organization speaks for.

A document ("the report", "figures") speaks for whoever the story says made it ("a
report by the IMF", "the IFS's survey", "compiled by X, the survey"); a role that
defers ("a spokesman") for the organization the story named last before it
(``owner_before``). ``is_thing`` tells a phrase headed by a document or a unit ("letter",
"legal department"), which belongs to whoever owns it.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..reporting.words import DAY_NAMES, DETERMINERS, MONTHS
from ..sourcetypes import DOCUMENT_WORDS, MEDIA
from .context import StoryContext
from .names import is_own_voice
from .story_types import classify, is_organization_name
from .words import name_run, strip_determiners, words_before

_SENTENCE_END = re.compile(r"[.!?][\"”’']?\s")
_PARAGRAPH = re.compile(r"[^\n]+(?:\n(?!\s*\n)[^\n]+)*")
_ENDS_SENTENCE = re.compile(r"[.!?][\"”’']?\s*$")
# Who made a document (``_publishers_in``): a name that is no article, preposition or
# date ("a report released by Friday" names no maker).
_PUBLISHER = rf"(?!(?:The|A|An|This|That|These|Those|Its|Their|His|Her|Our|In|On|At|By|For|From|According|{'|'.join(w.capitalize() for w in DAY_NAMES + MONTHS)})\b)([A-Z][\w'’.&-]*(?:[ \t]+(?:(?:of|for|and|on|the|&)[ \t]+)*[A-Z][\w'’.&-]*)*)"
# The maker after the document word, matched right after the word: "a report by the
# IMF", "the study, from the CEPR,", "an email sent by the group's director, Jane Roe".
_PUBLISHER_AFTER = (
    re.compile(rf"(?:e?s)?,?\s+(?:\w+\s+){{0,3}}?(?:by|from|of|for)\s+(?:the\s+)?{_PUBLISHER}"),
    re.compile(rf"(?:e?s)?,?\s+(?:\w+\s+){{0,2}}?(?:by|from)\s+(?:the|its|their|his|her|a|an)\s+[a-z][\w'’-]*(?:\s+[a-z][\w'’-]*){{0,3}},?\s+{_PUBLISHER}"),
)
# The maker before the document word ("{word}"): "compiled by X, the survey", "the IFS's
# survey", "a Bank of England survey", "the ministry published figures", "the Fed said
# in its latest Beige Book report"; and, for each, what a window must hold for it to
# match (None: nothing in particular).
_PUBLISHER_BEFORE = (
    rf"(?:[Cc]ompiled|[Cc]onducted|[Cc]arried\s+out|[Pp]ublished|[Cc]ommissioned|[Pp]roduced|[Rr]eleased|[Rr]un)\s+by\s+(?:the\s+)?{_PUBLISHER}[^.]{{0,80}}?\b{{word}}",
    rf"{_PUBLISHER}['’]s?\s+(?:[a-z-]+\s+){{0,2}}{{word}}(?:e?s)?\b",
    rf"{_PUBLISHER}\s+(?:[a-z-]+\s+){{0,2}}{{word}}(?:e?s)?\b",
    rf"{_PUBLISHER}\s+(?:has\s+|have\s+|had\s+)?(?:published|released|issued|produced|commissioned|conducted|carried\s+out|compiled|unveiled|put\s+out)\s+(?:\w+\s+){{0,4}}?{{word}}(?:e?s)?\b",
    rf"{_PUBLISHER}[^.]{{0,40}}?\bin\s+(?:its|their|his|her)\s+(?:[\w-]+\s+){{0,3}}{{word}}(?:e?s)?\b",
)
# A capitalized compound adjective that opens a sentence describes a document and names
# no maker ("The Congressionally-mandated report", "State-run survey", "US-based study").
_DESCRIBING_COMPOUND = re.compile(r"[A-Z][A-Za-z]*-(?:[a-z]+(?:ed|en)|run|based|led|owned)")
_PUBLISHER_BEFORE_CUES = (
    re.compile(r"(?:[Cc]ompiled|[Cc]onducted|[Cc]arried\s+out|[Pp]ublished|[Cc]ommissioned|[Pp]roduced|[Rr]eleased|[Rr]un)\s+by\s"),
    re.compile(r"['’]s?\s"),
    None,
    re.compile(r"(?:published|released|issued|produced|commissioned|conducted|carried\s+out|compiled|unveiled|put\s+out)\s"),
    re.compile(r"\bin\s+(?:its|their|his|her)\s"),
)


def owner_before(story: StoryContext, phrase: str, offset: int) -> str | None:
    """For a speaker the codebook cannot type on its own, the organization it
    belongs to: for a document ("the report", "figures"), whoever the story says
    published it; for a role that defers to its organization ("a spokesman"), the
    nearest organization the story names before ``offset``, as also for a definite
    document ("the report") whose publisher the story does not say. An indefinite
    document takes its publisher from the next sentences (``_publisher_after``)."""
    roles = [m for m in story.codebook.matcher.find(phrase) if m.term.kind == "role"]
    if not roles or not roles[-1].term.defers:
        return None
    if not roles[-1].term.person:
        publisher = _publisher_before(story, roles[-1].term.text, offset)
        if publisher:
            return publisher
        if not phrase.lower().startswith(("the ", "these ", "those ", "this ")):
            return _publisher_after(story, offset)
    for run in reversed([run for run in story.runs() if run.end() <= offset]):
        if is_organization_name(story, run.group()) and not is_own_voice(story, run.group()) and not (
            story.own_outlet and story.codebook.outlet(run.group()) == story.own_outlet
        ):
            return run.group()
    return None


def _publisher_before(story: StoryContext, document: str, offset: int) -> str | None:
    """The organization or person that the story, up to the end of the sentence at
    ``offset``, says made the nearest ``document`` ("a report by the IMF", "the
    study, from the CEPR,", "an email sent by the group's director, Jane Roe", "compiled by X, the survey", "the IFS's survey", "a Bank
    of England survey", "the ministry published figures", "the Fed said in its
    latest Beige Book report"): the nearest such mention whose maker the codebook
    can type, else the nearest."""
    sentence_end = _SENTENCE_END.search(story.text, offset)
    text = story.text[: sentence_end.start() if sentence_end else len(story.text)]
    matches: list[tuple[int, str]] = []
    for mention in re.finditer(rf"\b{re.escape(document)}", text):
        window_start = max(0, mention.start() - 160)
        window = text[window_start : mention.end() + 120]
        matches.extend((window_start + found.end(), name_run(found.group(1))) for found in _publishers_in(window, document))
    matches = [found for found in matches if not _DESCRIBING_COMPOUND.fullmatch(found[1])]
    matches.sort(key=lambda found: -found[0])
    typed = [found for found in matches if classify(story, found[1])]
    ranked = typed or matches
    return ranked[0][1] if ranked else None


def _lede_end(story: StoryContext) -> int:
    """Where the story's lede ends: its first paragraph that ends a sentence (a
    headline above it does not)."""
    for paragraph in _PARAGRAPH.finditer(story.text):
        if _ENDS_SENTENCE.search(paragraph.group()):
            return paragraph.end()
    return len(story.text)


def _publisher_after(story: StoryContext, offset: int) -> str | None:
    """The publisher that the next sentence in the same paragraph gives for a
    document ("A report last month showed ... Compiled by X, the survey found"); for
    a document in the lede, the next two sentences ("..., research suggests. A survey
    of 280 schemes by IDS said"), else the first organization they name or introduce
    by a role ("said market analyst Datamonitor")."""
    text = story.text
    ends = [end for end in story.sentence_ends() if end > offset]
    if not ends:
        return None
    window_start, window_end = ends[0], ends[2] if len(ends) > 2 else len(text)
    lede = offset < _lede_end(story)
    if not lede:
        paragraph_end = text.find("\n\n", offset)
        window_end = min(ends[1] if len(ends) > 1 else len(text), paragraph_end if paragraph_end >= 0 else len(text))
    for word in DOCUMENT_WORDS:
        publisher = _publisher_before(story, word, window_end - 1)
        if publisher and text.find(publisher, window_start, window_end) >= 0:
            return publisher
    if not lede:
        return None
    for run in story.runs():
        name = strip_determiners(run.group())
        if not window_start <= run.start() < window_end or name.lower() in DETERMINERS:
            continue
        if is_organization_name(story, name):
            return name
        introduced = f"{words_before(text, run.start(), story.floor(run.start()))} {name}".strip()
        if introduced != name and classify(story, introduced):
            return introduced
    return None


def is_thing(story: StoryContext, phrase: str) -> bool:
    """True when ``phrase`` is headed by a document or a unit ("letter", "legal
    department"), which belongs to whoever owns it."""
    roles = [m for m in story.codebook.matcher.find(phrase) if m.term.kind == "role"]
    if roles and roles[-1].term.source_type == MEDIA:
        return False  # "Uganda's New Vision newspaper" speaks for itself
    return bool(roles) and not roles[-1].term.person and roles[-1].end >= len(phrase.rstrip(" ."))


def _publishers_in(window: str, document: str) -> list[re.Match[str]]:
    """The mentions in ``window`` of who made ``document`` (see
    ``_publisher_before``), expression by expression, each left to right
    without overlaps as ``finditer`` finds them; group 1 of each is the maker's name.
    The expressions after the document word are matched right after each place it
    stands; those before it are compiled for the word, and used only when the window
    holds the words they cannot match without."""
    found: list[re.Match[str]] = []
    places = [place.start() for place in re.finditer(rf"\b(?={re.escape(document)})", window)]
    for pattern in _PUBLISHER_AFTER:
        end = 0
        for place in places:
            match = pattern.match(window, place + len(document)) if place >= end else None
            if match:
                found.append(match)
                end = match.end()
    for index, cue in enumerate(_PUBLISHER_BEFORE_CUES):
        if cue is None or cue.search(window):
            found.extend(_publisher_before_pattern(document, index).finditer(window))
    return found


@lru_cache(maxsize=512)
def _publisher_before_pattern(document: str, index: int) -> re.Pattern:
    """Expression ``index`` of ``_PUBLISHER_BEFORE`` for the document word ``document``,
    compiled once (half a millisecond a compile)."""
    return re.compile(_PUBLISHER_BEFORE[index].replace("{word}", re.escape(document)))
