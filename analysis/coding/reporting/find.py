"""``find_cue``: the reporting cue of one sentence, with a phrase that names its speaker.

It takes the cue that ``cue.choose_cue`` chooses and asks ``accept`` whether its
speaker phrase names someone; when it does not, it reads again around the same cue (the
phrase after an inverted cue, a phrase right before the cue, the subject of the main
clause), then takes another cue of the sentence, then an uncued attribution.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from functools import cache, partial

from ...datafiles import abbreviations
from ..cues import CueLexicon
from .cue import Found, choose_cue, find_uncued
from .words import (
    AUXILIARIES,
    CLAUSE_WORDS,
    NAME_TOKEN,
    PREPOSITIONS,
    TRAILING_TIME,
    Token,
    clean,
    is_adverb,
    skip_back,
    split_name,
    tokenize,
)

# A time phrase that ends a speaker phrase belongs to the clause, not the speaker
# ("the Supreme Court this month rejected").
_TRAILING_ADVERB = re.compile(r"(?<=\w)\s+(?:then|also|now|still|too|again|meanwhile|instead|later|earlier|once|afterwards|afterward|beforehand|tonight)$", re.IGNORECASE)
# A connective that opens a sentence ("But, until ..., X cannot happen, said Y") is
# never its subject; it is blanked out, keeping the offsets, before the sentence is read.
_LEADING_CONNECTIVE = re.compile(r"^\s*(?:But|And|However|Yet|Still|Meanwhile|Moreover|Also|Indeed|Now|So|Instead|Nevertheless|Nonetheless|Similarly|Likewise)\s*,", re.IGNORECASE)
# A tail that goes on with a verb or a clause is content, not an inverted subject.
_OPENS_CLAUSE = re.compile(r"\b(?:that|is|are|was|were|will|would|has|have|had|can|could|should|may|might|must|do|does|did)\b|[\"“”]")
# "63 percent said ..." reports the answers of those polled, unlike "1.8 percent" of growth.
_POLL_SHARE = re.compile(r"^(?:(?:another|only|just|about|nearly|almost|some|over|more\s+than|fewer\s+than)\s+)?(?:\d+(?:\.\d+)?|[A-Za-z]+(?:-[a-z]+)?)\s*(?:percent|per\s+cent|%)$", re.IGNORECASE)
_ANSWERS = frozenset("said say says indicated believe believed think thought agreed disagreed answered responded replied favor favour support supported oppose opposed".split())
# A capitalized word right after a quotation's closing mark is a name ('..." Shook said').
_NAME_AFTER_QUOTE = re.compile(r"[,.!?][\"”’']\s*$")
_ADVERBS_BEFORE_CUE = frozenset("very long since already also often previously recently consistently publicly privately later earlier now then still never always once again".split())
_WORD_TOKEN = re.compile(r"^[A-Za-z][\w'’.-]*$")
_STOP_BEFORE_SUBJECT = CLAUSE_WORDS | frozenset({"of", "in", "on", "at", "for", "with", "by", "from", "to", "than", "as"})


def find_cue(
    sentence: str,
    quoted: list[tuple[int, int]],
    cues: CueLexicon,
    accept: Callable[[str], bool] | None = None,
    known_abbreviations: dict[str, str] | None = None,
) -> Found | None:
    """Find the reporting cue of ``sentence`` and the phrase naming its speaker.

    ``quoted`` lists the ``(start, end)`` of the quotations in the sentence; cues inside
    them belong to the quotation and are skipped. A cue that trails the sentence takes
    all before it as content and wins, unless it relays another's speech ("..., the
    Times reported"); otherwise, where the content of one cue holds
    another cue with a speaker of its own, the inner one wins. ``accept`` says whether a
    phrase can name a speaker at all: a cue whose subject it refuses gives way to the
    other cues, or to the noun phrase that ends the sentence after it ("... the tip of
    the iceberg, thinks editor Tim Danton"), or to the noun phrase right before the cue;
    a share of those polled answering ("63 percent said") is kept.
    ``known_abbreviations`` is the abbreviation table, when the caller has looked it up
    for a whole story. The sentence is tokenized once, when a rule first needs it.
    """
    sentence = _LEADING_CONNECTIVE.sub(lambda m: " " * len(m.group()), sentence)
    tokens = _tokens_once(sentence, abbreviations() if known_abbreviations is None else known_abbreviations)
    found = _without_time(choose_cue(sentence, quoted, cues, tokens))
    if found is None or accept is None or accept(found.speaker):
        return found
    if _POLL_SHARE.match(found.speaker) and found.cue.split()[0].lower() in _ANSWERS:
        return found
    if _NAME_AFTER_QUOTE.search(sentence[: found.speaker_start]) and NAME_TOKEN.match(found.speaker):
        return found
    inverted = _inverted_subject(sentence, found, accept)
    if inverted is not None:
        return inverted
    named = _without_time(_subject_before_cue(sentence, tokens(), found, accept) or _main_subject(sentence, tokens(), found, accept))
    if named is not None and accept(named.speaker):
        return named
    others = [f for f in choose_cue(sentence, quoted, cues, tokens, exclude=found.cue_start, all_found=True) if accept(f.speaker)]
    if others:
        return others[0]
    uncued = find_uncued(sentence, tokens, lambda position: any(lo < position < hi for lo, hi in quoted))
    if uncued is None or uncued.cue_start == found.cue_start:
        return None
    return uncued if accept(uncued.speaker) else _main_subject(sentence, tokens(), uncued, accept)


def _tokens_once(sentence: str, known: dict[str, str]) -> Callable[[], list[Token]]:
    """A function that returns ``tokenize(sentence, known)``, tokenizing on the first
    call only: every rule reads the same tokens, and most sentences need none."""
    return cache(partial(tokenize, sentence, known))


def _without_time(found: Found | None) -> Found | None:
    """``found`` with a time phrase or an adverb that ends its speaker phrase dropped
    ("the minister on Monday", "the administration then")."""
    if found is None:
        return found
    speaker = _TRAILING_ADVERB.sub("", TRAILING_TIME.sub("", found.speaker))
    return found if speaker == found.speaker else replace(found, speaker=speaker)


def _inverted_subject(sentence: str, found: Found, accept: Callable[[str], bool]) -> Found | None:
    """For a cue whose subject names no one, the noun phrase that runs from the cue to
    the end of the sentence, when there is one and it names someone: the cue is then
    inverted ("... the tip of the iceberg thinks PC Pro editor Tim Danton.")."""
    after = found.cue_start + len(found.cue)
    tail = sentence[after:].strip().rstrip(".!?\"”’' ")
    if not tail or len(tail.split()) > 12 or _OPENS_CLAUSE.search(tail):
        return None
    name, description = split_name(clean(tail))
    if not accept(name):
        return None
    return Found(name, description, found.cue, found.cue_start, sentence.index(tail, after), "trailing", "trailing", (0, found.cue_start))


def _subject_before_cue(sentence: str, tokens: list[Token], found: Found, accept: Callable[[str], bool]) -> Found | None:
    """For a cue whose subject names no one, the longest phrase of up to five words that
    ends right before the cue, its auxiliaries and adverbs ("Cruz has long said", "...
    the minimum $20 million experts say", "..., Justin Bamberg, said"), or before a short
    aside between commas ("Mitch McConnell, R-Ky., said"), a relative pronoun ("..., Cruz,
    who pointedly refused"), a relative clause ("A 2014 study that appeared in X
    found"), a participle ("An exhaustive study being released by ... shows") or a
    prepositional phrase ("Experts on North Korea said"), when it names someone and the
    cue is a finite verb (a participle such as "signaling" belongs to the subject of its
    clause); the cue keeps its place and frame."""
    if found.cue.split()[0].lower().endswith("ing"):
        return None
    before = [index for index, token in enumerate(tokens) if token[1] < found.cue_start]
    if not before:
        return None
    last = before[-1]
    while last >= 0 and (tokens[last][0].lower() in AUXILIARIES or tokens[last][0].lower() in _ADVERBS_BEFORE_CUE or is_adverb(tokens[last][0])):
        last = skip_back(tokens, last - 1)
    relative_pronoun = last >= 1 and tokens[last][0].lower() in ("who", "which", "that", "who’s", "who's") and tokens[last - 1][0] in (",", "—", "–", "-")
    if relative_pronoun:
        last -= 1
        if tokens[last][0] in ("—", "–", "-"):
            last -= 1
    if last >= 0 and tokens[last][0] == ",":
        last -= 1
        aside = next((k for k in range(last - 1, max(-1, last - 5), -1) if tokens[k][0] == ","), None)
        candidates = [last] + ([aside - 1] if aside is not None else [])
    else:
        candidates = [last]
    relative = next((k for k in range(last - 1, max(0, last - 14), -1) if tokens[k][0].lower() in ("that", "which", "who")), None)
    if relative is not None:
        candidates.append(relative - 1)
    participle = next((k for k in range(last, max(0, last - 14), -1) if tokens[k][0] == "being" or (tokens[k][0].islower() and tokens[k][0].endswith("ed") and k > 0 and _WORD_TOKEN.match(tokens[k - 1][0]))), None)
    if participle is not None:
        candidates.append(participle - 1)
    preposition = next((k for k in range(last, max(0, last - 8), -1) if tokens[k][0].lower() in ("of", "on", "at", "in", "from")), None)
    if preposition is not None:
        candidates.append(preposition - 1)
    for end in candidates:
        phrase = _phrase_ending_at(sentence, tokens, end, accept, object_allowed=relative_pronoun and end == candidates[0])
        if phrase is not None:
            name, description = split_name(clean(phrase[0]))
            return Found(name, description, found.cue, found.cue_start, phrase[1], found.kind, found.frame, found.content, found.speech)
    return None


def _main_subject(sentence: str, tokens: list[Token], found: Found, accept: Callable[[str], bool]) -> Found | None:
    """For a participle cue after a comma, a verb coordinated with "and", or a colon
    before a quotation, whose subject names no one ("Hillary Clinton spoke out on
    Tuesday ..., arguing that ...", "Scott beamed and asked ...", "Trump went even
    further: ..."), the subject of the main clause: the first phrase that names someone
    at the start of the sentence or of one of its comma-separated parts."""
    before = sentence[: found.cue_start].rstrip()
    participle = found.cue.split()[0].lower().endswith("ing") and before.endswith(",")
    coordinated = before.endswith(" and")
    if not participle and not coordinated and found.cue != ":":
        return None
    tokens = [token for token in tokens if token[1] < found.cue_start]
    starts = [0] + [k + 1 for k, token in enumerate(tokens) if token[0] == ","]
    for start in starts:
        while start < len(tokens) and (tokens[start][0] == "," or is_adverb(tokens[start][0]) or tokens[start][0].lower() in {"however", "meanwhile"}):
            start += 1
        if start >= len(tokens) or tokens[start][0].lower() in PREPOSITIONS | CLAUSE_WORDS or tokens[start][0].lower().endswith(("ed", "ing")):
            continue
        words = []
        for token in tokens[start : start + 6]:
            if not _WORD_TOKEN.match(token[0]):
                break
            words.append(token)
        for end in range(len(words), 0, -1):
            phrase = sentence[words[0][1] : words[end - 1][2]]
            if accept(phrase):
                return Found(phrase, None, found.cue, found.cue_start, words[0][1], found.kind, found.frame, found.content, found.speech)
    return None


def _phrase_ending_at(
    sentence: str, tokens: list[Token], last: int, accept: Callable[[str], bool], object_allowed: bool = False
) -> tuple[str, int] | None:
    """The longest phrase of up to five words ending at token ``last`` that ``accept``
    takes for a speaker, with where it starts; None when it would be the object of a
    preposition ("the story" in "a version of the story"), unless ``object_allowed`` (the
    antecedent of a relative pronoun: "risky for Cruz, who refused")."""
    if last < 0 or not _WORD_TOKEN.match(tokens[last][0]):
        return None
    first = last
    while first > 0 and last - first < 4 and _WORD_TOKEN.match(tokens[first - 1][0]) and tokens[first - 1][0].lower() not in _STOP_BEFORE_SUBJECT:
        first -= 1
    if first > 0 and tokens[first - 1][0].lower() in _STOP_BEFORE_SUBJECT - CLAUSE_WORDS and not object_allowed:
        return None
    for start in range(first, last + 1):
        phrase = sentence[tokens[start][1] : tokens[last][2]]
        if accept(phrase):
            return phrase, tokens[start][1]
    return None
