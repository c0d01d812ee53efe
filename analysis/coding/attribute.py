"""Attribute each sentence of a story to whoever speaks in it.

``reporting`` finds the cue and speaker phrase of each sentence on its own; this
module applies the rules that reach across sentences (data/codebook/README.md explains
them for coders):

- Every sentence of a quotation, also one that runs over several paragraphs, belongs to
  the speaker of the cue attached to it, before, inside or after it. A quotation with
  no cue goes on from the nearest speaker before it, or else after it.
- A sentence without a cue that follows reported speech introduced by its cue
  (``X said that ...``) in the same paragraph goes on with that speaker, unless it
  turns with "However" or "But". A cue that trails its content (``..., X said.``)
  covers only its own sentence: the sentence before it is the narrator's unless it is
  part of the same quotation.

It finds speaker phrases as written; ``speakers`` resolves them to people and
``sourcetypes.py`` types them.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace

from ..datafiles import abbreviations
from .cues import CueLexicon, load_cues
from .quotes import DOUBLE_QUOTE_MARK, QuoteSpan, quote_spans
from .reporting.cue import Found
from .reporting.find import find_cue
from .reporting.words import ADDRESSEE_VERBS, DAY_NAMES, MONTHS
from .sentences import Sentence
from .tagging import narrates_past

# A sentence is a direct quotation when at least this share of its reported content (or,
# with no cue, of the sentence) lies inside quotation marks.
DIRECT_QUOTE_SHARE = 0.5
_TURNING_WORDS = ("however", "but ", "but,", "yet ", "nevertheless", "nonetheless")
_CONTENT_AFTER_FRAMES = frozenset({"clause"})
_LONGEST_PARAGRAPH = 8


@dataclass
class Attribution:
    """Who speaks in one sentence, as found in the text.

    ``speaker`` and ``description`` are phrases as written ("Li Haidong", "a professor
    at the China Foreign Affairs University"); ``link`` is the index of another
    sentence of the story whose speaker this sentence shares; ``rule`` names the rule
    that decided and ``frame`` how the cue reports; ``speaker_at`` is where the speaker
    phrase starts in the sentence. A sentence with neither speaker nor link is the
    narrator's.
    """

    speaker: str | None = None
    description: str | None = None
    cue: str | None = None
    quote: str = "none"
    rule: str = "narrator"
    frame: str | None = None
    link: int | None = None
    speaker_at: int = 0


def story_quotes(text: str, sentences: list[Sentence]) -> dict[int, list[QuoteSpan]]:
    """Return the quotations of each paragraph of a story, in document offsets. A
    paragraph that opens by closing a quotation continues one left open in the paragraph
    before; where none was left open, that closing mark quotes nothing (a scraped text
    lost the opening mark, or the mark is stray), and the text before it is not taken
    for a quotation."""
    bounds: dict[int, tuple[int, int]] = {}
    for sentence in sentences:
        start, end = bounds.get(sentence.paragraph, (sentence.start, sentence.end))
        bounds[sentence.paragraph] = (min(start, sentence.start), max(end, sentence.end))
    quotes: dict[int, list[QuoteSpan]] = {}
    left_open = False
    numbers = sorted(bounds)
    for position, number in enumerate(numbers):
        start, end = bounds[number]
        spans = [QuoteSpan(start + s.start, start + s.end, s.opened, s.closed) for s in quote_spans(text[start:end])]
        if spans and not spans[0].opened and not left_open:
            spans = spans[1:]  # a closing mark that closes nothing: stray, or its opening mark was lost
        following = text[bounds[numbers[position + 1]][0] :].lstrip()[:2] if position + 1 < len(numbers) else ""
        if not following.startswith(('"', "“", "''", "``", "«")):  # else the quotation runs on into it
            spans = [_closed_at_lost_mark(text, span) for span in spans]
        quotes[number] = spans
        left_open = bool(spans) and not spans[-1].closed
    return quotes


# Where a quotation left open ends all the same: its closing mark was lost before a
# trailing cue that names the speaker ('"The industry is growing, said Xu Yong, ...').
_LOST_CLOSING = re.compile(
    r"[,.!?]\s+(?:(?:said|says|told|tells|added|adds)\s+(?=[A-Z]|the\s|a\s)"
    r"|(?=(?!(?:I|He|She|We|They|It|You)\s)(?:[A-Z][\w'’.-]*\s+){1,3}(?:said|says|added|told)\b))"
)


def _closed_at_lost_mark(text: str, span: QuoteSpan) -> QuoteSpan:
    """A quotation left open (``closed`` false) that holds a trailing cue with its
    speaker (a name, not a pronoun: '"... job. I said that before' goes on) ends before
    that cue, as if its closing mark were there. Not used where the next paragraph opens
    with a quotation mark, which continues the quotation (news style)."""
    if span.closed:
        return span
    lost = _LOST_CLOSING.search(text, span.start, span.end)
    return replace(span, end=lost.start() + 1, closed=True) if lost else span


def _letters(text: str) -> int:
    """Count the non-space characters of ``text``."""
    return len("".join(text.split()))


def quoted_share(text: str, start: int, end: int, spans: list[QuoteSpan]) -> float:
    """Share of the non-space characters of ``text[start:end]`` inside quotation marks."""
    inside = sum(_letters(text[max(start, s.start) : min(end, s.end)]) for s in spans if s.start < end and start < s.end)
    if not inside:
        return 0.0
    return inside / _letters(text[start:end])


def attribute_story(
    text: str, sentences: list[Sentence], cues: CueLexicon | None = None, accept: Callable[[str], bool] | None = None
) -> list[Attribution]:
    """Return one ``Attribution`` per sentence of a story (``sentences`` in order).
    ``accept`` says whether a phrase can name a speaker (``speakers.phrases.names_someone``);
    without it, any subject of a cue is taken."""
    cues = cues or load_cues()
    known_abbreviations = abbreviations()
    quotes = story_quotes(text, sentences)
    results: list[Attribution] = []
    for sentence in sentences:
        if sentence.is_boilerplate:
            results.append(Attribution(rule="boilerplate"))
            continue
        if sentence.is_heading:
            results.append(Attribution(rule="heading"))
            continue
        spans = [span for span in quotes[sentence.paragraph] if span.start < sentence.end and sentence.start < span.end]
        direct = bool(spans) and quoted_share(text, sentence.start, sentence.end, spans) >= DIRECT_QUOTE_SHARE
        attribution = Attribution(quote="direct" if direct else "none")
        quoted = [(max(0, span.start - sentence.start), span.end - sentence.start) for span in spans]
        found = find_cue(text[sentence.start : sentence.end], quoted, cues, accept, known_abbreviations)
        if found is not None and _author_speaks(text[sentence.start : sentence.end], found.speaker, found.speaker_start, quoted):
            found = None
        if found is not None:
            found = _learned_from(text[sentence.start : sentence.end], found)
        if found is not None:
            attribution.speaker, attribution.description = found.speaker, found.description
            attribution.cue, attribution.rule, attribution.frame = found.cue, found.kind, found.frame
            attribution.speaker_at = found.speaker_start
            content_start, content_end = (sentence.start + offset for offset in found.content)
            in_quotes = bool(spans) and quoted_share(text, content_start, content_end, spans) >= DIRECT_QUOTE_SHARE
            attribution.quote = "direct" if in_quotes else "indirect"
        results.append(attribution)
    _link_quotations(sentences, results, quotes)
    _link_continuations(text, sentences, results, quotes, cues)
    return results


def _link_quotations(sentences: list[Sentence], results: list[Attribution], quotes: dict[int, list[QuoteSpan]]) -> None:
    """Give each cue-less sentence of a quotation the speaker of its quotation.

    A quotation left open at a paragraph's end runs on into the next paragraph when that
    paragraph opens with a quotation mark, as news style writes multi-paragraph quotes.
    A sentence takes the cue of its own quotation marks, the nearest after it first
    ('"A. B," X said.'); failing that, the cue of the quotation it runs on from, the
    nearest before it first, since a quotation run over paragraphs is cued where it
    begins.
    """
    ordered = [span for number in sorted(quotes) for span in quotes[number]]
    group_of: dict[int, int] = {}
    for index, span in enumerate(ordered):
        previous = ordered[index - 1] if index else None
        runs_on = previous is not None and not previous.closed and span.opened
        group_of[span.start] = group_of[previous.start] if previous is not None and runs_on else span.start
    members: dict[int, list[int]] = {}
    span_of: dict[int, int] = {}
    for index, sentence in enumerate(sentences):
        for span in quotes.get(sentence.paragraph, []):
            if span.start < sentence.end and sentence.start < span.end:
                members.setdefault(group_of[span.start], []).append(index)
                span_of[index] = span.start
                break
    for group in members.values():
        cued = [i for i in group if results[i].speaker is not None]
        for index in group:
            if results[index].speaker is not None or results[index].quote != "direct":
                continue
            own = [i for i in cued if span_of[i] == span_of[index]]
            if own:  # '"A. B," X said.': the cue of its own quotation, after it first
                source = min(own, key=lambda i: (i < index, abs(i - index)))
            elif cued:  # a quotation run on from one opened before: its cue came first
                source = min(cued, key=lambda i: (i > index, abs(i - index)))
            else:
                source = _nearest_speaker(results, index)
            if source is not None:
                results[index].link, results[index].rule = source, "quotation"


# The writer's own voice: "I think", "we all know", "my view" (codebook rule 12).
_AUTHOR = frozenset({"i", "we", "we all", "me", "us", "my view", "in my view", "our view"})


def _author_speaks(sentence: str, speaker: str | None, at: int, quoted: list[tuple[int, int]]) -> bool:
    """True when the speaker of a cue is the writer's own "I" or "we" outside quotation
    marks (codebook rule 12): in an opinion piece, a column or a blog post that is the
    outlet's voice, the narrator's; and news reports say "I" outside quotation marks
    only there. Not after a colon in the same sentence, where a speaker's words may be
    given without marks ("He had a reminder:I want to remind ...")."""
    if speaker is None or speaker.strip().lower() not in _AUTHOR:
        return False
    if any(start <= at < end for start, end in quoted):
        return False
    return ":" not in sentence[:at]


# "The Global Times learned from the Ministry of Commerce that ...": the ministry told it.
_LEARNED_FROM = re.compile(r"\s+from\s+((?:the\s+)?[A-Z][^,.;:\"“”]{1,80}?)\s+that\b")


def _learned_from(sentence: str, found: Found) -> Found:
    """The source that a reporter "learned from" (codebook rule 5: the innermost
    speaker counts): "the Global Times learned from the Xi'an Satellite Control Center
    that ..." reports the center, not the newspaper."""
    if not found.cue.lower().startswith("learn"):
        return found
    source = _LEARNED_FROM.match(sentence, found.cue_start + len(found.cue))
    if not source:
        return found
    return replace(found, speaker=source.group(1), description=None, speaker_start=source.start(1))


def _nearest_speaker(results: list[Attribution], index: int) -> int | None:
    """Return the nearest sentence with a speaker of its own, before ``index`` first; a
    sentence before it that was given a quotation's speaker counts as that speaker's, so
    that a quotation right after another one of the same speaker goes on with it."""
    before = [i for i in range(index - 1, -1, -1) if results[i].speaker is not None or results[i].rule == "quotation"]
    after = [i for i in range(index + 1, len(results)) if results[i].speaker is not None]
    if before and (not after or index - before[0] <= 3 or after[0] - index > 3):
        return before[0] if results[before[0]].speaker is not None else results[before[0]].link
    return after[0] if after else None


def _link_continuations(
    text: str, sentences: list[Sentence], results: list[Attribution], quotes: dict[int, list[QuoteSpan]] | None = None, cues: CueLexicon | None = None
) -> None:
    """Carry a speaker forward after ``X said that ...`` (or ``X said: ...``) within a
    paragraph, over the sentences with no cue of their own, only while a sentence shows
    that the account goes on (codebook rule 3): it speaks in the first person outside
    quotation marks ("We are ready. Our people ...", a speaker's words given without
    marks), closes a quotation that the cue's sentence left open, argues (what someone
    will, may, should or does not do: "They will either transfer ..."), opens by
    weighing the account ("In stark contrast, ...") or reports more of it in an
    agentless passive of a speech verb ("The role of innovation was underscored", in a
    summary of a meeting's communique). Plain narration
    after a speaker ("The investigation could take up to 18 months.") is the outlet's:
    on the hand-coded batches, two carried sentences in three were. A turn ("But ...")
    always ends the account, and so does a sentence that narrates a past event after the
    first. In a paragraph longer than ``_LONGEST_PARAGRAPH`` sentences, a text whose
    paragraph breaks were lost (scraped pages often are), only the next sentence is
    carried, except after a meeting or document that decides (``_DECIDING_BODY``), whose
    summary goes on over paragraphs as long as each sentence states what will or shall be
    done."""
    paragraph_sizes = Counter(sentence.paragraph for sentence in sentences)
    quotes = quotes or {}
    cues = cues or load_cues()
    for index, attribution in enumerate(results):
        if attribution.frame not in _CONTENT_AFTER_FRAMES or attribution.rule == "trailing":
            continue
        deciding = bool(attribution.speaker and _DECIDING_BODY.search(attribution.speaker))
        reach = len(results) if deciding or paragraph_sizes[sentences[index].paragraph] <= _LONGEST_PARAGRAPH else index + 2
        for later in range(index + 1, min(reach, len(results))):
            follower = results[later]
            if (sentences[later].paragraph != sentences[index].paragraph and not deciding) or follower.rule != "narrator":
                break
            sentence = text[sentences[later].start : sentences[later].end]
            if sentence.lower().startswith(_TURNING_WORDS) or (later > index + 1 and narrates_past(sentence) and not (deciding and _WILL.search(sentence))):
                break
            spans = [span for span in quotes.get(sentences[later].paragraph, []) if span.start < sentences[later].end and sentences[later].start < span.end]
            if not (_account_goes_on(text, sentences[later], spans, cues) or (deciding and _DECIDED.search(sentence))):
                break
            follower.link, follower.rule, follower.quote = index, "continuation", "indirect"


# A meeting or a document that decides ("the meeting", "the plenary session", "the
# communique", "the State Council"): a summary of its decisions goes on over sentences
# and paragraphs, each stating what will or shall be done.
_DECIDING_BODY = re.compile(
    r"\b(?:meeting|session|plenum|communiqu[eé]s?|guidelines?|circular|resolution|State Council|Central Committee|Political Bureau)\b",
    re.IGNORECASE,
)
# A summary that states what will be done goes on even in the past participle of its verb
# ("Promotion campaigns will be carried out").
_WILL = re.compile(r"\b(?:will|shall)\b")
# What a deciding body's summary states in the present passive ("Local authorities are
# encouraged to ...", "Construction is to be stepped up").
_DECIDED = re.compile(r"\b(?:is|are)\s+(?:\w+ly\s+)?(?:encouraged|supported|required|expected|urged|asked|allowed|permitted|banned|prohibited|to\s+be)\b|\bshall\b")
_CLOSES_AT_END = re.compile(r"[.!?,][\"”]\s*$")
# A speaker's argument goes on in what it predicts, allows or requires, and in what a
# party does not do ("They will either transfer ...", "this move may be good ...", "China
# does not seek ..."), and in a sentence that opens by weighing or adding to it ("In stark
# contrast, ..."); plain narration reports what happened or is ("The investigation could
# take up to 18 months", "Masai missed the trials").
_STANCE = re.compile(r"\b(?:will|would|may|might|can|cannot|should|must|won't|won’t|wouldn't|wouldn’t|shouldn't|shouldn’t|can't|can’t|does\s+not|do\s+not|doesn't|doesn’t|don't|don’t)\b(?!\s+be\s+(?:held|decided|announced|published|released)\b)")
_ARGUMENT_OPENS = re.compile(r"(?:In\s+(?:stark\s+|sharp\s+)?contrast|On\s+the\s+(?:other|one)\s+hand|In\s+the\s+long\s+(?:run|term)|Moreover|Furthermore|Besides|In\s+addition|What\s+is\s+more|Therefore|Thus|Hence)\b")
# A speaker's own words given without quotation marks speak in the first person.
_FIRST_PERSON = re.compile(r"\b(?:I|I'm|I’m|I've|I’ve|I'd|I’d|me|my|we|We|we're|we’re|we've|we’ve|us|our|Our)\b")


def _account_goes_on(text: str, sentence: Sentence, spans: list[QuoteSpan], cues: CueLexicon) -> bool:
    """True when ``sentence`` carries on the reported speech before it: it closes a
    quotation opened before it, or, outside quotation marks, speaks in the first person,
    argues (``_STANCE``), opens by weighing the account (``_ARGUMENT_OPENS``) or reports
    in an agentless passive of a speech verb of ``cues`` (``_passive_speech``)."""
    if any(not span.opened or span.start < sentence.start for span in spans):
        return True
    marks = DOUBLE_QUOTE_MARK.findall(text, sentence.start, sentence.end)
    if len(marks) % 2 == 1 and _CLOSES_AT_END.search(text, sentence.start, sentence.end):
        return True  # a quotation whose opening mark the text lost or misplaced ends here
    unquoted, at = [], sentence.start
    for span in sorted(spans, key=lambda span: span.start):
        unquoted.append(text[at : max(at, span.start)])
        at = max(at, span.end)
    unquoted.append(text[at : sentence.end])
    words = " ".join(unquoted)
    return bool(_FIRST_PERSON.search(words) or _STANCE.search(words) or _ARGUMENT_OPENS.match(words.lstrip()) or _passive_speech(words, cues))


# A time that dates the passive ("was announced in May", "were noted on Monday") makes it
# the narrator's report of an event.
_DATED = re.compile(
    rf"\b(?:in|on|last|this|next|since|by|early|late)\s+(?:(?:early|late|mid-?)\s*)?(?:{'|'.join(MONTHS + DAY_NAMES)}|week|month|year|\d{{4}})\b"
    r"|\b(?:yesterday|today)\b",
    re.IGNORECASE,
)


# "... was underscored", "were also stressed", "has been noted": a passive whose agent is
# not named ("by ..." would name it); verbs whose passive subject is the addressee
# (``ADDRESSEE_VERBS``: "were asked") report no more of anyone's account.
_PASSIVE = re.compile(r"\b(?:is|are|was|were|been|being)\s+(?:(?:also|again|further|repeatedly|particularly|especially)\s+)?([a-z]+ed)\b(?!\s+(?:\w+\s+)?by\b)")


def _passive_speech(words: str, cues: CueLexicon) -> bool:
    """True when ``words`` hold an agentless passive of a reporting verb of kind speech
    that no time dates."""
    if _DATED.search(words):
        return False
    for match in _PASSIVE.finditer(words):
        verb = cues.by_form.get(match.group(1))
        if verb is not None and verb.kind == "speech" and verb.verb not in ADDRESSEE_VERBS:
            return True
    return False
