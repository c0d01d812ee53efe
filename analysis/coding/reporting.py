"""Find the reporting cue of one sentence and the phrase that names its speaker.

Shallow rules over words and punctuation, no parser and no downloaded model. A cue verb
(``data/cues.csv``) reports when its frame is there: a ``that``/wh- clause, a colon or
a quotation after it; only times, places and an addressee after it at the end of the
sentence (``..., Yu said.``); a clause without ``that``; an infinitive, ``as`` or an
object, for verbs that report that way. The speaker is the noun phrase before the verb,
the name before an appositive (``Li Haidong, a professor at X, told``), the phrase after
an inverted verb (``said Yu Lei``), the agent of a passive (``is seen by X as``) or the
subject that a second verb shares (``X met Y and said``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cache, partial

from .cues import CueLexicon, CueVerb
from ..datafiles import abbreviations
from .matching import PhraseMatch
from .quotes import OPENING_MARKS, SIGNATURE

MAX_SUBJECT_WORDS = 12

ARTICLES = frozenset("a an the this that these those its his her their our my your such no every each another".split())
QUANTIFIERS = frozenset(
    """some several many most few all both others one two three four five six seven
    eight nine ten dozens hundreds thousands millions other""".split()
)
DETERMINERS = ARTICLES | QUANTIFIERS
SUBJECT_PRONOUNS = frozenset("he she they we i it you".split())
_WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday today yesterday tonight".split())
_PARTS_OF_DAY = frozenset("morning afternoon evening night".split())
_ADVERBS = _WEEKDAYS | frozenset(
    """also not n't never later previously repeatedly again further once then still
    already even just only first recently publicly privately earlier separately too
    generally often always frequently reportedly""".split()
)
_CATENATIVES = frozenset(
    """continue continues continued continuing begin begins began begun start starts
    started went go goes going keep keeps kept refused refuses declined declines
    tried tries try""".split()
)
def _with_negations(words: str) -> frozenset[str]:
    """The words and their negated contractions, with either apostrophe ("isn't", "isn’t")."""
    base = words.split()
    negated = [word + "n" + mark + "t" for word in base for mark in "'’"]
    return frozenset(base + negated)


_BE = _with_negations("is are was were be been being am")
_HAVE = _with_negations("has have had having")
_MODALS = _with_negations("will would shall should can could may might must do does did") | frozenset(
    "won't won’t can't can’t".split()
)
_AUXILIARIES = _BE | _HAVE | _MODALS
CLAUSE_WORDS = frozenset(
    """that which who whom whose as because since while when whenever where if although
    though but or so than after before until unless whereas whether how why what nor
    yet""".split()
)
_COMPLEMENTIZERS = frozenset("that whether if how why what when where".split())
_ADJUNCT_WORDS = _WEEKDAYS | frozenset(
    """on in at during after before with via through over from for last this earlier
    later recently when while by about amid upon of to into""".split()
)
_PREPOSITIONS = _ADJUNCT_WORDS | frozenset("under across against among between without within like throughout despite beyond toward towards around behind until following".split())
_ADDRESSEE_VERBS = frozenset({"tell", "ask", "inform", "assure", "urge", "advise", "warn", "remind"})
_FOLLOWERS = frozenset({"who", "which", "according", "as", "citing", "referring", "and", "but", "though", "although", "because"})
_COORDINATORS = frozenset({"and", "but", "or", "yet"})
_TRAILING_CLAUSES = frozenset({"who", "which", "where", "as", "when", "while", "after", "before", "because", "since", "adding"})
_DASHES = frozenset("—–-")
BOUNDARY_MARKS = frozenset(",;:\"“”„«»—–-()[]'`")
_CLOSING_PUNCTUATION = frozenset(".!?\"”’')»`")
_QUANTITY_OPENERS = ("at least", "more than", "nearly", "about", "almost", "over", "fewer than", "less than", "some of", "many of", "most of", "all of", "none of", "one of")

_TOKEN = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\w[\w'’&@/-]*(?:\.\w[\w'’&@/-]*)*|[^\w\s]")
_ACCORDING_TO = re.compile(r"\b(?:according to|in the (?:words|eyes|view|opinion) of)\s+", re.IGNORECASE)
_QUOTED_AS = re.compile(r"\b(?:is|was|were|are|been|being)\s+quoted\s+as\s+(?:saying|telling|writing)\b", re.IGNORECASE)
_QUOTED_OBJECT = re.compile(r"\bquoted\s+(?P<who>(?!as\b)[^,;:\"“”]{1,80}?)\s+as\s+(?:saying|telling|writing)\b", re.IGNORECASE)
_REPORTEDLY = re.compile(r"\breportedly\b|\bit\s+(?:is|was|has\s+been)\s+reported\b", re.IGNORECASE)
_DOTTED = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")
# A speaker after ", while", "; " or ", but" opens a clause of its own, not one nested in
# the content of the cue before it.
_COORDINATE_CLAUSE = re.compile(r"(?:[,;]\s*(?:while|whereas|but|and|although|though)|;)\s+(?:\w+\s+){0,8}$", re.IGNORECASE)
_UNCUED_MARKERS = ("according to", " of ", "quoted as", "reported", ":", "―", "—", "–")
# "who asked not to be named", "who declined to be named", "who requested anonymity": a condition of the source, not
# what it reports.
_ANONYMITY = re.compile(r"\s+(?:(?:not\s+)?to\s+be\s+(?:named|identified|quoted)|anonymity|for\s+anonymity)\b", re.IGNORECASE)
_CITING_FORMS = ("citing", "quoting")
_CITED = re.compile(r",\s*(?:citing|quoting)\s+(?P<who>[^,;:\"“”]{2,80}?)\s*,")
# A trailing cue that relays what another said ('X said: "...," the Times reported')
# leaves the sentence to the inner speaker: the innermost source counts.
_ASIDE_CONNECTIVES = frozenset("however though meanwhile moreover indeed therefore too also nevertheless nonetheless furthermore".split())
_RELAYING_FORMS = frozenset({"reported", "reports", "wrote", "writes"})
_UNAMBIGUOUS_SPEECH_FORMS = frozenset({"said", "says", "told", "tells"})
# A time phrase that ends a speaker phrase belongs to the clause, not the speaker
# ("the Supreme Court this month rejected").
_TRAILING_ADVERB = re.compile(r"(?<=\w)\s+(?:then|also|now|still|too|again|meanwhile|instead|later|earlier|once|afterwards|afterward|beforehand|tonight)$", re.IGNORECASE)
_TIME_OPENERS = frozenset("in on last this next early late earlier later since by during".split())
_TIME_WORDS = _WEEKDAYS | _PARTS_OF_DAY | frozenset(
    """week weeks month months year years day days weekend decade century spring summer autumn fall winter
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec early late mid""".split()
)
TRAILING_TIME = re.compile(
    r"\s+(?:(?:this|last|next|earlier\s+this|later\s+this)\s+(?:week|month|year|morning|afternoon|evening|weekend)"
    r"|(?:on\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|yesterday|today)$",
    re.IGNORECASE,
)
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
_BARE_ANTECEDENT_ENDS = frozenset("from by with to on in at for against among between than about into over under via through amid".split())
_STOP_BEFORE_SUBJECT = CLAUSE_WORDS | frozenset({"of", "in", "on", "at", "for", "with", "by", "from", "to", "than", "as"})
# A quotation signed with a dash: '"We are ashamed." ― Ana Ruiz, a voter in Phoenix'.
_AGENT_ENDS = re.compile(r"\s+(?:as|that|to|for|in|on|at|over|after)\s+(?![A-Z])")
_SIGNED_QUOTE = re.compile(rf"[\"”'’]\s*{SIGNATURE}$")
_COLON_QUOTE = re.compile(r":\s*(?:[\"“„«]|``|'')")
_NAME_TOKEN = re.compile(r"^(?:[A-Z][\w'’.&-]*|[a-z]+[A-Z][\w'’.&-]*|de|da|van|von|bin|al|le|la|del|der|dos|du|ibn)$")

Token = tuple[str, int, int]


@dataclass(frozen=True)
class Found:
    """A cue found in a sentence: the speaker phrase and its description as written,
    the cue words, where the cue and the speaker start in the sentence, how the cue is
    placed (``forward``: before its content; ``trailing``: after it; ``according_to``;
    ``reportedly``), its frame (``clause``, ``bare``, ``trailing``, ``to``, ``as``,
    ``object``, ``according_to``, ``reportedly``), the ``(start, end)`` of the
    content it reports, and whether the cue reports speech (not a thought or stance)."""

    speaker: str
    description: str | None
    cue: str
    cue_start: int
    speaker_start: int
    kind: str
    frame: str
    content: tuple[int, int] = (0, 0)
    speech: bool = True


def tokenize(sentence: str, known: dict[str, str] | None = None) -> list[Token]:
    """Split a sentence into words and punctuation, keeping the period of an
    abbreviation ("Mr.", "U.S.", "J.") with its word. ``known`` is the abbreviation
    table (``datafiles.abbreviations()``, looked up when not given)."""
    tokens = [(match[0], match.start(), match.end()) for match in _TOKEN.finditer(sentence)]
    periods = [index for index, token in enumerate(tokens) if token[0] == "." and index]
    if not periods:
        return tokens
    known = abbreviations() if known is None else known
    for index in reversed(periods):
        word, start, end = tokens[index - 1]
        if end == tokens[index][1] and (word in known or (len(word) == 1 and word.isupper()) or _DOTTED.fullmatch(word)):
            tokens[index - 1 : index + 1] = [(word + ".", start, tokens[index][2])]
    return tokens


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
    found = _without_time(_find_cue(sentence, quoted, cues, tokens))
    if found is None or accept is None or accept(found.speaker):
        return found
    if _POLL_SHARE.match(found.speaker) and found.cue.split()[0].lower() in _ANSWERS:
        return found
    if _NAME_AFTER_QUOTE.search(sentence[: found.speaker_start]) and _NAME_TOKEN.match(found.speaker):
        return found
    inverted = _inverted_subject(sentence, found, accept)
    if inverted is not None:
        return inverted
    named = _without_time(_subject_before_cue(sentence, tokens(), found, accept) or _main_subject(sentence, tokens(), found, accept))
    if named is not None and accept(named.speaker):
        return named
    others = [f for f in _find_cue(sentence, quoted, cues, tokens, exclude=found.cue_start, all_found=True) if accept(f.speaker)]
    if others:
        return others[0]
    uncued = _uncued(sentence, tokens, lambda position: any(lo < position < hi for lo, hi in quoted))
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
    name, description = split_name(_clean(tail))
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
    while last >= 0 and (tokens[last][0].lower() in _AUXILIARIES or tokens[last][0].lower() in _ADVERBS_BEFORE_CUE or _is_adverb(tokens[last][0])):
        last = _skip_back(tokens, last - 1)
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
            name, description = split_name(_clean(phrase[0]))
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
        while start < len(tokens) and (tokens[start][0] == "," or _is_adverb(tokens[start][0]) or tokens[start][0].lower() in {"however", "meanwhile"}):
            start += 1
        if start >= len(tokens) or tokens[start][0].lower() in _PREPOSITIONS | CLAUSE_WORDS or tokens[start][0].lower().endswith(("ed", "ing")):
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


def _find_cue(
    sentence: str,
    quoted: list[tuple[int, int]],
    cues: CueLexicon,
    tokens_of: Callable[[], list[Token]],
    exclude: int | None = None,
    all_found: bool = False,
):
    """``find_cue`` without the check of the speaker: the chosen cue, or with
    ``all_found`` every cue found except the one at ``exclude``, in order.
    ``tokens_of`` returns the sentence's tokens."""

    def is_quoted(position: int) -> bool:
        return any(lo < position < hi for lo, hi in quoted)

    candidates = [match for match in cues.find(sentence) if match.start != exclude]
    lower = sentence.lower()
    if not candidates and not any(marker in lower for marker in _UNCUED_MARKERS):
        return [] if all_found else None
    # Only cue verbs and "quoted as" read tokens here; a sentence with no more than a
    # marker such as " of " or a colon is not tokenized unless a colon rule needs it.
    tokens = tokens_of() if candidates or "quoted" in lower else []
    index_at = {start: index for index, (_, start, _) in enumerate(tokens)}
    found: list[Found] = []
    for match in _QUOTED_OBJECT.finditer(sentence) if "quoted" in lower else ():
        if not is_quoted(match.start()) and _phrase_like(match.group("who")):
            name, description = split_name(_clean(match.group("who")))
            found.append(Found(name, description, match.group(), match.start(), match.start("who"), "forward", "clause", (match.end(), len(sentence))))
    for match in _QUOTED_AS.finditer(sentence) if "quoted" in lower else ():
        if not is_quoted(match.start()) and match.start() in index_at:
            subject = _subject(sentence, tokens, index_at[match.start()])
            if subject:
                found.append(Found(subject[0], subject[1], match.group(), match.start(), subject[2], "forward", "clause", (match.end(), len(sentence))))
    for match in _ACCORDING_TO.finditer(sentence) if "according" in lower or " of " in lower else ():
        if not is_quoted(match.start()):
            phrase = _phrase_after(sentence, match.end(), with_description=False)
            if phrase:
                content = (match.end(), len(sentence)) if match.start() < len(sentence) / 2 else (0, match.start())
                found.append(Found(phrase[0], None, match.group().strip(), match.start(), match.end(), "according_to", "according_to", content))
    starts = {match.start for match in candidates}
    asides: list[Found] = []
    for cue in candidates:
        if is_quoted(cue.start) or cue.start not in index_at:
            continue
        if _is_subject_noun(cue, tokens, index_at, starts):
            continue
        if any(f.cue_start <= cue.start < f.cue_start + len(f.cue) for f in found):
            continue
        if cue.text[0].isupper() and index_at[cue.start] > 0 and tokens[index_at[cue.start] - 1][0] not in BOUNDARY_MARKS:
            continue
        result = _verb_cue(sentence, tokens, index_at[cue.start], cue, cue.value)
        if result is not None:
            found.append(result)
            if _in_relative_aside(sentence, cue, candidates):
                asides.append(result)
    if all_found:
        return sorted((f for f in found if f.cue_start != exclude), key=lambda f: f.cue_start)
    if not found:
        return _loose_speech_cue(sentence, tokens, index_at, candidates, is_quoted) or _uncued(sentence, tokens_of, is_quoted)
    found = [f for f in found if f not in asides] or found
    found = [f for f in found if not f.cue.lower().startswith(_CITING_FORMS)] or found
    found.sort(key=lambda f: f.cue_start)
    trailing = [f for f in found if f.kind == "trailing"]
    if trailing:
        relayed = [f for f in found if f.kind in ("forward", "trailing") and f.speech and f.cue_start < trailing[-1].speaker_start and f is not trailing[-1]]
        if relayed and trailing[-1].cue.split()[-1].lower() in _RELAYING_FORMS:
            return relayed[0]
        return trailing[-1]
    chosen = found[0]
    for later in found[1:]:
        if (
            chosen.frame in ("clause", "bare", "according_to")
            and later.kind == "forward"
            and later.speech
            and later.speaker_start > chosen.cue_start
            and later.speaker.lower() not in SUBJECT_PRONOUNS
            and not _COORDINATE_CLAUSE.search(sentence, 0, later.speaker_start)
        ):
            chosen = later
    return _cited_source(sentence, chosen)


def _cited_source(sentence: str, found: Found) -> Found:
    """For "X, citing Y, reported ..." or "X, quoting Y, said ...", return Y as the
    speaker: the innermost source counts (codebook rule 5)."""
    cited = _CITED.search(sentence, found.speaker_start, found.cue_start)
    if cited is None or not _phrase_like(cited.group("who")):
        return found
    name, description = split_name(_clean(cited.group("who")))
    return Found(name, description, found.cue, found.cue_start, cited.start("who"), found.kind, found.frame, found.content, found.speech)


def _in_relative_aside(sentence: str, match: PhraseMatch, candidates: list[PhraseMatch]) -> bool:
    """True for a cue inside a relative clause set off by commas, with another cue after
    it ("Mr Lai, whom Beijing calls a separatist, has said ..."): when that later cue
    reports, the aside is not what the sentence reports."""
    aside = sentence.rfind(",", 0, match.start)
    if aside < 0 or sentence[aside + 1 : match.start].split()[:1] not in (["who"], ["whom"], ["which"]):
        return False
    closing = sentence.find(",", match.end)
    return closing >= 0 and any(other.start > closing for other in candidates)


def _is_subject_noun(match: PhraseMatch, tokens: list[Token], index_at: dict[int, int], starts: set[int]) -> bool:
    """True for a cue word that is also a noun and is followed straight away by another
    cue: it names the source, not the act ("the report found", "the survey shows")."""
    form = match.text.split()[0].lower()
    base = match.value.verb.split()[0]
    if not match.value.noun or not (form == base or form.endswith("s")):
        return False
    following = index_at[match.start] + len(match.text.split())
    return following < len(tokens) and tokens[following][1] in starts


def _loose_speech_cue(sentence: str, tokens: list[Token], index_at: dict[int, int], candidates: list[PhraseMatch], is_quoted) -> Found | None:
    """A finite "said", "says", "told" or "tells" that the strict frames could not
    parse (long subjects, addressees, asides between subject and verb) still reports:
    its speaker is the nearest noun phrase before it. A passive ("can be said to be",
    "was told") does not."""
    for match in candidates:
        form = match.text.lower()
        if form not in _UNAMBIGUOUS_SPEECH_FORMS or is_quoted(match.start) or match.start not in index_at:
            continue
        at = index_at[match.start]
        before = _skip_back(tokens, at - 1)
        if before >= 0 and tokens[before][0].lower() in _BE:
            continue
        j = _skip_auxiliaries(tokens, before)
        previous = tokens[j][0].lower() if j >= 0 else ""
        if previous in _BE or previous == "to" or previous in ARTICLES or previous.endswith(("'s", "’s")) or (j >= 0 and tokens[j][0] in _DASHES):
            continue
        subject = (
            _subject(sentence, tokens, j + 1)
            or _appositive_before(sentence, tokens, j + 1)
            or _nearest_name(sentence, tokens, j + 1)
            or _leading_noun_phrase(sentence, tokens[: j + 1])
        )
        if subject is None:
            continue
        trailing = subject[2] > 0 and _follows_boundary(sentence, subject[2])
        content = (0, subject[2]) if trailing else (match.end, len(sentence))
        return Found(subject[0], subject[1], match.text, match.start, subject[2], "trailing" if trailing else "forward", "trailing" if trailing else "clause", content)
    return None


def _nearest_name(sentence: str, tokens: list[Token], end: int) -> tuple[str, None, int] | None:
    """Return the last run of capitalized words before token ``end`` that is not the
    sentence's first word alone, or None."""
    for last in range(end - 1, -1, -1):
        if tokens[last][0][0].isupper():
            name = _name_ending_at(sentence, tokens, last)
            if name is not None and (name[2] > tokens[0][1] or last > 0):
                return name
    return None


def _name_ending_at(sentence: str, tokens: list[Token], last: int) -> tuple[str, None, int] | None:
    """Return the run of name words ("Gov. Terry Branstad", "Luiz Inacio Lula da Silva")
    that ends with token ``last``, as ``(name, None, start)``, or None when that token is
    not a name word."""
    first = last
    while first >= 0 and _NAME_TOKEN.match(tokens[first][0]):
        first -= 1
    if first == last:
        return None
    return _clean(sentence[tokens[first + 1][1] : tokens[last][2]]), None, tokens[first + 1][1]


def _leading_noun_phrase(sentence: str, tokens: list[Token]) -> tuple[str, None, int] | None:
    """Return the words that open the clause of ``tokens`` up to the first preposition,
    clause word or punctuation ("Large majorities" of "Large majorities of the voters
    polled in May"), at most six words, or None."""
    start = _clause_start(tokens)
    if start is None:
        return None
    end = start
    while end < len(tokens) and end - start < 6 and tokens[end][0][0].isalnum() and tokens[end][0].lower() not in _PREPOSITIONS | CLAUSE_WORDS | _AUXILIARIES:
        end += 1
    if end == start or tokens[start][0].lower() in SUBJECT_PRONOUNS - {"he", "she", "they", "we", "i"}:
        return None
    return _clean(sentence[tokens[start][1] : tokens[end - 1][2]]), None, tokens[start][1]


def _uncued(sentence: str, tokens_of: Callable[[], list[Token]], is_quoted) -> Found | None:
    """Attributions with no cue verb: "reportedly", a quotation signed with a dash, and a
    quotation after a colon. ``tokens_of`` returns the sentence's tokens."""
    reported = _REPORTEDLY.search(sentence)
    if reported and not is_quoted(reported.start()):
        return Found("media reports", None, reported.group(), reported.start(), reported.start(), "reportedly", "reportedly", (0, len(sentence)))
    signed = _SIGNED_QUOTE.search(sentence)
    if signed and not is_quoted(signed.start("who")) and _phrase_like(signed.group("who").split(",")[0]):
        name, _, description = signed.group("who").partition(",")
        name, description = _clean(name), _clean(description) or None
        return Found(name, description, signed.group("dash"), signed.start("dash"), signed.start("who"), "trailing", "trailing", (0, signed.start()))
    colon = _COLON_QUOTE.search(sentence)
    if colon and not is_quoted(colon.start()):
        subject = _clause_subject(sentence, [t for t in tokens_of() if t[1] < colon.start()])
        if subject:
            return Found(subject[0], subject[1], ":", colon.start(), subject[2], "forward", "clause", (colon.end(), len(sentence)))
    return None


def _verb_cue(sentence: str, tokens: list[Token], at: int, match: PhraseMatch, verb: CueVerb) -> Found | None:
    """Decide whether the cue verb at token ``at`` reports, and if so who speaks."""
    form = match.text.split()[0].lower()
    base = verb.verb.split()[0]
    last = at
    while last + 1 < len(tokens) and tokens[last + 1][1] < match.end:
        last += 1
    after = tokens[last + 1 :]
    j = _skip_back(tokens, at - 1)
    previous = tokens[j][0].lower() if j >= 0 else ""
    if previous == "to":
        k = _skip_back(tokens, j - 1)
        if k >= 0 and tokens[k][0].lower() == "on":
            k = _skip_back(tokens, k - 1)
        if k >= 0 and tokens[k][0].lower() in _CATENATIVES:
            j = _skip_back(tokens, k - 1)
            previous = tokens[j][0].lower() if j >= 0 else ""
    if (previous in _BE and not form.endswith("ing")) or (after and after[0][0].lower() == "by" and form != base and not form.endswith(("s", "ing"))):
        return _passive_agent(sentence, after, match.start)
    if not _is_verb_here(form, base, previous) or _ANONYMITY.match(sentence, match.end):
        return None
    subject_end = _skip_auxiliaries(tokens, j) + 1
    cue_from = at
    while cue_from > subject_end and (
        tokens[cue_from - 1][0].lower() in _AUXILIARIES
        or (_is_adverb(tokens[cue_from - 1][0]) and tokens[cue_from - 1][0].lower() not in _WEEKDAYS)
    ):
        cue_from -= 1
    cue_text = sentence[tokens[cue_from][1] : match.end]
    subject = _subject(sentence, tokens, subject_end)
    set_off = subject is not None and subject[2] > 0 and _follows_boundary(sentence, subject[2])
    frame = _frame(sentence, tokens, subject, set_off, subject_end, at, after, verb)
    if frame is None:
        return None
    if verb.noun and (form == base or form.endswith("s")) and frame != "clause":
        opens_phrase = bool(after) and (
            after[0][0].lower() in DETERMINERS - QUANTIFIERS
            or after[0][0][0].isupper()
            or after[0][0].lower() in SUBJECT_PRONOUNS | {"him", "them", "us", "me"}
            or after[0][0].lower().endswith(("self", "selves"))
        )
        trailing_set_off = frame == "trailing" and set_off
        if not (previous in SUBJECT_PRONOUNS or previous in _MODALS or previous == "to" or trailing_set_off or (frame in ("bare", "object", "as") and opens_phrase)):
            return None
    if frame == "inverted":
        inverted = _phrase_after(sentence, match.end, with_description=True)
        assert inverted is not None
        return Found(inverted[0], inverted[1], cue_text, match.start, match.end, "trailing", "trailing", (0, match.start), verb.kind == "speech")
    if subject is None:
        subject = _appositive_before(sentence, tokens, subject_end) or _elided_subject(sentence, tokens, subject_end, form)
    if subject is None:
        return None
    if frame == "trailing" and form == base and not _plural_subject(subject[0]):
        return None
    kind = "trailing" if frame == "trailing" and subject[2] > 0 and _follows_boundary(sentence, subject[2]) else "forward"
    content = (0, subject[2]) if kind == "trailing" else (match.end, len(sentence))
    return Found(subject[0], subject[1], cue_text, match.start, subject[2], kind, frame, content, verb.kind == "speech")


def _skip_back(tokens: list[Token], j: int) -> int:
    """Step back from token ``j`` over adverbs, a time ("on Monday"), a parenthesis
    ("Sen. Warren (D-MA) said") and a connective set off by commas ("has, however,
    revealed")."""
    while j >= 0:
        if j >= 2 and tokens[j][0] == "," and tokens[j - 2][0] == "," and tokens[j - 1][0].lower() in _ASIDE_CONNECTIVES:
            j -= 3
        elif _is_adverb(tokens[j][0]):
            j -= 1
            if tokens[j + 1][0].lower() in _WEEKDAYS and j >= 0 and tokens[j][0].lower() in {"on", "last", "this", "early", "late"}:
                j -= 1
        elif tokens[j][0] == ")":
            opening = next((k for k in range(j - 1, max(-1, j - 12), -1) if tokens[k][0] == "("), None)
            if opening is None:
                return j
            j = opening - 1
        else:
            return j
    return j


def _skip_auxiliaries(tokens: list[Token], j: int) -> int:
    """Step back from token ``j`` over auxiliaries and adverbs ("has repeatedly"); return
    the index of the last word of the subject (-1 when none)."""
    while j >= 0 and (tokens[j][0].lower() in _AUXILIARIES or _is_adverb(tokens[j][0])):
        j = _skip_back(tokens, j - 1)
    return j


def _plural_subject(phrase: str) -> bool:
    """True when ``phrase`` can take a verb in its base form ("they say", "analysts say")."""
    last = phrase.split()[-1].lower() if phrase.split() else ""
    return last in {"i", "we", "you", "they"} or (last.endswith("s") and not last.endswith("ss")) or " and " in phrase


def _is_verb_here(form: str, base: str, previous: str) -> bool:
    """Rule out a cue form used as a noun or a non-finite verb ("such claims", "his
    plans", "have plans", "to say")."""
    nominal = form == base or (form.endswith("s") and not form.endswith("ss"))
    if previous == "to":
        return False
    if form.endswith("ing"):
        return previous in _BE or previous in CLAUSE_WORDS or previous in {",", "—", "–", "-"} or not previous
    if form.endswith(("en", "wn")) and form != base:
        return previous in _HAVE
    if previous in ARTICLES or previous.endswith(("'s", "’s")):
        return not nominal
    if previous in QUANTIFIERS or previous[:1].isdigit():
        return not (form.endswith("s") and form != base)
    if previous in _HAVE:
        return not (form.endswith("s") and form != base)
    if previous in _MODALS:
        return form == base
    return True


def _frame(sentence, tokens, subject, set_off, subject_end, at, after, verb: CueVerb) -> str | None:
    """Return how the cue verb at token ``at`` reports (its frame, or ``inverted`` for
    "..., said X"), or None when it does not report here. ``set_off`` says whether the
    subject follows a comma, quotation mark or dash."""
    frames, base = verb.frames, verb.verb.split()[0]
    introduced_by_as = subject is not None and sentence[: subject[2]].rstrip().lower().endswith(("as", "as the"))
    gap = subject_end == 0 or tokens[subject_end - 1][0] in BOUNDARY_MARKS
    inverts = "trailing" in frames and gap and subject_end == at and base not in _ADDRESSEE_VERBS
    if inverts and after and not tokens[at][0].lower().endswith("ing") and after[0][0].lower() not in _COMPLEMENTIZERS and _starts_noun_phrase(after[0][0], loosely=True):
        inverted = _phrase_after(sentence, after[0][1], with_description=True)
        if inverted and _phrase_like(inverted[0]) and (subject_end > 0 or any(t in ",:" for t, _, _ in after[:12])):
            appositive = _appositive_before(sentence, tokens, subject_end)
            if appositive is None or appositive[2] > tokens[0][1] + 1:
                return "inverted"
    rest = [token for token, _, _ in after[_adjuncts_end(after, base) :]]
    as_clause = introduced_by_as and rest[:1] == [","]
    if "clause" in frames and (_opens_clause(after) or as_clause):
        return "clause"
    if "trailing" in frames:
        if all(token in _CLOSING_PUNCTUATION for token in rest) or rest[0].lower() in _TRAILING_CLAUSES:
            return "trailing"
        if rest[0] == "," and len(rest) > 1:
            following = rest[1].lower()
            if following in _FOLLOWERS or following.endswith("ing") or following in _ADJUNCT_WORDS or set_off:
                return "trailing"
    if "bare" in frames and _opens_bare_clause(after, base):
        return "bare"
    if "to" in frames and _opens_infinitive(after, base):
        return "to"
    if "as" in frames and any(token.lower() == "as" or token in OPENING_MARKS + '"`\'' for token in _words_of_clause(after, 12)):
        return "as"
    if "object" in frames and after and (
        _starts_noun_phrase(after[0][0], loosely=True) or after[0][0].lower() in {"it", "them", "him", "her", "us", "me"}
    ):
        return "object"
    return None


def _words_of_clause(after: list[Token], limit: int) -> list[str]:
    """The first ``limit`` tokens of ``after``, up to a comma, semicolon, colon or full
    stop ("called the spirit forged during the war a "wealth"" reaches the quotation)."""
    words = []
    for token, _, _ in after[:limit]:
        if token in (",", ";", ":", "."):
            break
        words.append(token)
    return words


def _is_adverb(token: str) -> bool:
    """True for an adverb that may stand between a subject and its verb ("also", "publicly")."""
    lower = token.lower()
    return lower in _ADVERBS or (
        token.islower() and lower.endswith("ly") and len(lower) > 4 and lower not in {"rely", "apply", "reply", "supply", "family", "italy"}
    )


def _skip_dashes(after: list[Token], index: int) -> int:
    """Skip a parenthesis set off by dashes or brackets that starts at ``index``."""
    closer = ")" if after[index][0] == "(" else None
    for later in range(index + 1, min(len(after), index + 25)):
        token = after[later][0]
        if (closer and token == closer) or (not closer and token in _DASHES):
            return later + 1
    return index


def _opens_clause(after: list[Token]) -> bool:
    """True when a ``that``/``whether``/wh- clause, a colon or a quotation follows the
    cue within a few words (after an addressee, a time, a place or a parenthesis)."""
    index = 0
    while index < min(len(after), 16):
        token = after[index][0]
        lower = token.lower()
        if lower in _COMPLEMENTIZERS:
            if lower == "that" and index + 1 < len(after) and after[index + 1][0].lower() in _AUXILIARIES:
                return False
            return lower != "what" or index == 0
        if token == ":" or token in OPENING_MARKS or token == "`":
            return True
        if token in {'"', "'"}:
            return index <= 1
        if token in _DASHES or token == "(":
            skipped = _skip_dashes(after, index)
            if skipped == index:
                return False
            index = skipped
            continue
        if token == "," and index + 2 < len(after) and after[index + 1][0][0].isupper() and after[index + 2][0] == ",":
            index += 3
            continue
        if token == ",":
            return index + 1 < len(after) and after[index + 1][0] in OPENING_MARKS + "\"'`"
        if not token[0].isalnum():
            return False
        index += 1
    return False


def _skip_addressee(after: list[Token], base: str) -> int:
    """Return how many tokens of ``after`` name the addressee of a verb like "told"."""
    if base not in _ADDRESSEE_VERBS:
        return 0
    index = 0
    while index < min(len(after), 5):
        token = after[index][0]
        lower = token.lower()
        if lower in _ADJUNCT_WORDS or lower in _COMPLEMENTIZERS or lower == "to" or not token[0].isalnum():
            break
        index += 1
        if index == 1 and lower in {"him", "her", "them", "us", "me", "reporters", "journalists", "media"}:
            break
    return index


def _adjuncts_end(after: list[Token], base: str) -> int:
    """Return the index in ``after`` where an addressee and phrases of time and place end."""
    index = _skip_addressee(after, base)
    while index < len(after):
        token = after[index][0]
        if _is_adverb(token) and token.lower() not in _WEEKDAYS:
            index += 1
            continue
        if token.lower() in _WEEKDAYS:
            index += 1
            if index < len(after) and after[index][0].lower() in _PARTS_OF_DAY:
                index += 1
            continue
        infinitive = token.lower() == "to" and index + 1 < len(after) and after[index + 1][0].islower() and after[index + 1][0] not in DETERMINERS
        if token.lower() in _ADJUNCT_WORDS and not infinitive:
            index += 1
            words = 0
            while (
                index < len(after)
                and after[index][0][0].isalnum()
                and after[index][0].lower() not in _ADJUNCT_WORDS | CLAUSE_WORDS
                and words < 10
            ):
                index += 1
                words += 1
            continue
        if token in _DASHES or token == "(":
            skipped = _skip_dashes(after, index)
            if skipped > index:
                index = skipped
                continue
        break
    return index


def _opens_bare_clause(after: list[Token], base: str) -> bool:
    """True when a clause without ``that`` follows the cue ("said China will ...")."""
    index = _adjuncts_end(after, base)
    while index < len(after) and _is_adverb(after[index][0]):
        index += 1
    words = [token for token, _, _ in after[index:]]
    if len(words) < 2 or not words[0][0].isalnum():
        return False
    first = words[0].lower()
    if first in _PREPOSITIONS or first in CLAUSE_WORDS or _is_adverb(words[0]) or first.endswith(("self", "selves")):
        return False
    if first in _MODALS and len(words) > 2:
        return True
    if len(words) == 2 or words[2] in ".!?":
        second = words[1].lower()
        return second in _AUXILIARIES or (first in SUBJECT_PRONOUNS | DETERMINERS or words[0][0].isupper() or first.endswith("s")) and second.endswith(("ed", "s"))
    return True


def _opens_infinitive(after: list[Token], base: str) -> bool:
    """True when an infinitive follows the cue ("vowed to ...", "urged them to ...")."""
    words = [token.lower() for token, _, _ in after[:7]]
    if words[:1] == ["to"] and len(words) > 1 and words[1].isalpha():
        return True
    return base in _ADDRESSEE_VERBS | {"call", "urge", "expect", "want"} and "to" in words[1:6] and bool(words) and words[0] not in _PREPOSITIONS


def _starts_noun_phrase(token: str, loosely: bool = False) -> bool:
    """True when ``token`` can open a noun phrase: a determiner, a capitalized word or a
    number; with ``loosely``, also any word that is not a preposition or clause word."""
    lower = token.lower()
    if lower in DETERMINERS or token[0].isupper() or token[0].isdigit() or lower in {"more", "further", "new", "greater"}:
        return True
    return loosely and token[0].isalpha() and lower not in _PREPOSITIONS | CLAUSE_WORDS | _AUXILIARIES and not _is_adverb(token)


def _follows_boundary(sentence: str, start: int) -> bool:
    """True when the phrase at character ``start`` follows a comma, quote or dash."""
    before = sentence[:start].rstrip()
    return bool(before) and before[-1] in ",\"”’'`—–-:;"


def _clean(phrase: str) -> str:
    """Strip punctuation and quotation marks from the ends of a phrase and fold its spaces."""
    return " ".join(phrase.strip(" ,;:\"“”'‘’`").split())


def _phrase_like(phrase: str) -> bool:
    """True when ``phrase`` can be a noun phrase: a few words with no auxiliary verb."""
    words = phrase.split()
    return 0 < len(words) <= MAX_SUBJECT_WORDS and not any(word.lower() in _AUXILIARIES for word in words)


def _subject(sentence: str, tokens: list[Token], end: int) -> tuple[str, str | None, int] | None:
    """Return the noun phrase that ends before token ``end`` (the subject of a cue
    verb), as ``(phrase, description, start)``, or None when there is none. A subject
    with a relative clause ("an expert who asked not to be named told") is the noun
    phrase before "who", described by the clause."""
    relative = end - 2
    while relative >= 0 and tokens[relative][0] not in BOUNDARY_MARKS:
        if tokens[relative][0].lower() in {"who", "which"}:
            if _opens_object_relative(tokens[relative + 1][0]):
                break
            found = _relative_antecedent(sentence, tokens, relative)
            if found is not None:
                return found[0], _clean(sentence[tokens[relative][1] : tokens[end - 1][2]]), found[2]
            break
        relative -= 1
    index = end - 1
    while index >= 0:
        token, lower = tokens[index][0], tokens[index][0].lower()
        if lower == "that" and index == end - 1 and index > 0 and tokens[index - 1][0][0].isalnum():
            return _relative_antecedent(sentence, tokens, index)
        if token in BOUNDARY_MARKS or (lower in CLAUSE_WORDS and lower not in {"who", "which"}):
            break
        if lower in {"who", "which"}:
            if index == end - 1:
                return _relative_antecedent(sentence, tokens, index)
            if not _opens_object_relative(tokens[index + 1][0]):
                return None
            break
        if lower == "and" and 0 < index < end - 1 and tokens[index - 1][0][:1].isupper() and tokens[index + 1][0][:1].isupper():
            index -= 1
            continue
        if lower == "and":
            left = index - 1
            while left >= 0 and tokens[left][0] not in BOUNDARY_MARKS and tokens[left][0].lower() not in CLAUSE_WORDS:
                left -= 1
            if index - left - 1 > 3:
                break
        if lower in _AUXILIARIES:
            break
        index -= 1
    start = index + 1
    while start < end and (_is_adverb(tokens[start][0]) or tokens[start][0].lower() in _COORDINATORS):
        start += 1
    start = _after_time_adjunct(tokens, start, end)
    if start >= end:
        return None
    phrase_text = sentence[tokens[start][1] : tokens[end - 1][2]]
    for opener in _QUANTITY_OPENERS:
        if phrase_text.lower().startswith(opener + " "):
            break
    else:
        if tokens[start][0].lower() in _PREPOSITIONS:
            return None
    words = [token for token, _, _ in tokens[start:end]]
    if len(words) > MAX_SUBJECT_WORDS and words[0][0].isalnum():
        return _titled_name(sentence, tokens[start:end])
    if not words[0][0].isalnum():
        return None
    last = words[-1].lower()
    if last in _PREPOSITIONS | DETERMINERS - QUANTIFIERS:
        return None
    if last.endswith(("'s", "’s")) and last[:-2] not in SUBJECT_PRONOUNS | {"that", "who", "there"}:
        return None
    name, description = split_name(phrase_text)
    return name, description, tokens[start][1]


def _titled_name(sentence: str, phrase: list[Token]) -> tuple[str, str | None, int] | None:
    """For a subject too long to be a plain noun phrase, the personal name that ends a
    long title with no article before it ("deputy director of the Liaison Office of
    the State Council in the HKSAR Chen Dong" is Chen Dong, so described), as
    ``(name, title, start)``; None otherwise. An acronym that opens the final run of
    capitals belongs to the title, and of a run of four capitalized words or more, only
    the last two name the person ("... of the International Monetary Fund Kristalina
    Georgieva")."""
    if len(phrase) > 2 * MAX_SUBJECT_WORDS or not phrase[0][0][:1].islower() or phrase[0][0].lower() in DETERMINERS:
        return None
    first = len(phrase)
    while first > 0 and _NAME_TOKEN.match(phrase[first - 1][0]) and phrase[first - 1][0][:1].isupper():
        first -= 1
    if len(phrase) - first > 3:
        first = len(phrase) - 2
    elif first < len(phrase) - 1 and phrase[first][0].isupper() and len(phrase[first][0]) > 1:
        first += 1
    if len(phrase) - first < 2 or phrase[first - 1][0].lower() in _PREPOSITIONS:
        return None
    title = sentence[phrase[0][1] : phrase[first - 1][2]]
    return sentence[phrase[first][1] : phrase[-1][2]], _clean(title), phrase[first][1]


def _after_time_adjunct(tokens: list[Token], start: int, end: int) -> int:
    """Where a subject starts after a time adjunct that opens it without a comma ("In 1998
    the party", "Last week the minister", "On Monday Smith"): past a preposition or
    "last", "this", "next", and the years, days, months and time words that follow; the
    same ``start`` when the phrase opens otherwise or nothing would be left."""
    first = tokens[start][0].lower() if start < end else ""
    if first not in _TIME_OPENERS:
        return start
    index = start + 1
    while index < end:
        word = tokens[index][0].lower()
        if word in _TIME_WORDS or word.isdigit():
            index += 1
        elif word in ARTICLES and index + 1 < end and tokens[index + 1][0].lower() in _TIME_WORDS:
            index += 2
        else:
            break
    return start if index == start + 1 or index >= end else index


def _opens_object_relative(word: str) -> bool:
    """True when ``word``, just after "which" or "who", opens the relative clause's own
    subject ("which the campaign says", "in which he says")."""
    return word.lower() in DETERMINERS | SUBJECT_PRONOUNS or word[0].isupper()


def split_name(phrase: str) -> tuple[str, str | None]:
    """Split "Sakina Cotton from the delegation" into a name and a description."""
    match = re.match(r"^((?:[A-Z][\w'’.-]*\s+){1,4}?[A-Z][\w'’.-]*)\s+((?:from|at|with)\s+.+)$", phrase)
    if match and not re.match(r"^(?:The|A|An)\s", phrase):
        return _clean(match.group(1)), _clean(match.group(2))
    return _clean(phrase), None


def _relative_antecedent(sentence: str, tokens: list[Token], who: int) -> tuple[str, str | None, int] | None:
    """Return the noun phrase that a relative ``who`` or ``which`` refers to: back to its
    determiner, or without one back to a verb or preposition ("pressure from exporter
    groups which said" refers to "exporter groups")."""
    index = who - 1
    if index >= 0 and tokens[index][0] == ",":
        index -= 1
    end = index
    while index >= 0 and tokens[index][0] not in BOUNDARY_MARKS:
        lower = tokens[index][0].lower()
        if index < end and (lower in _AUXILIARIES or lower in CLAUSE_WORDS or lower in _BARE_ANTECEDENT_ENDS):
            return _clean(sentence[tokens[index + 1][1] : tokens[end][2]]), None, tokens[index + 1][1]
        if lower in DETERMINERS:
            start = index
            while start >= 2 and tokens[start - 1][0].lower() in {"of", "at", "from", "for"}:
                head = next((k for k in range(start - 2, max(-1, start - 6), -1) if tokens[k][0] in BOUNDARY_MARKS or tokens[k][0].lower() in DETERMINERS), None)
                if head is None or tokens[head][0].lower() not in DETERMINERS:
                    break
                start = head
            return _clean(sentence[tokens[start][1] : tokens[end][2]]), None, tokens[start][1]
        index -= 1
    return _name_ending_at(sentence, tokens, end)


def is_name_chunk(chunk: str) -> bool:
    """True for a run of capitalized words such as "Li Haidong" or "Gov. Terry Branstad"."""
    words = chunk.split()
    return 0 < len(words) <= 6 and all(_NAME_TOKEN.match(word.strip("()")) for word in words) and words[0][0].isupper()


def _is_parenthetical_chunk(chunk: str) -> bool:
    """True for a piece between commas that describes ("a professor at X", "49", "R-Utah")."""
    words = chunk.split()
    if not words:
        return False
    first = words[0]
    if re.fullmatch(r"[RDI]-[A-Z][\w.]*", first):
        return True
    return (first.lower() in DETERMINERS or first[0].islower() or first.isdigit()) and first.lower() != "but"


def _is_subject_chunk(chunk: str) -> bool:
    """True for a piece between commas that can be the subject itself."""
    words = chunk.split()
    return (
        0 < len(words) <= MAX_SUBJECT_WORDS
        and (words[0][0].isupper() or words[0].lower() in DETERMINERS)
        and words[0].lower() not in CLAUSE_WORDS
        and not any(word.lower() in _AUXILIARIES or word.lower() in CLAUSE_WORDS for word in words)
    )


def _is_title_chunk(chunk: str) -> bool:
    """True for a capitalized description between commas ("Republican of South
    Carolina", "Gore's communications director") that can follow a name."""
    return _is_subject_chunk(chunk) and not is_name_chunk(chunk) and chunk.split()[0].lower() not in DETERMINERS


def _appositive_before(sentence: str, tokens: list[Token], end: int) -> tuple[str, str | None, int] | None:
    """Find ``Subject, parenthesis,`` just before token ``end``: the speaker of a cue
    that follows an appositive ("Li Haidong, a professor at X, told ...", "Mr. Trump,
    in an interview, said ...").

    Of the comma-separated pieces before the cue, the speaker is the last name followed
    by a description, or else the last noun phrase followed by a parenthesis.
    """
    if end == 0 or tokens[end - 1][0] not in {",", "—", "–", ")"}:
        return None
    upto = tokens[end - 1][1]
    run: list[tuple[int, str]] = []
    for match in reversed(list(re.finditer(r"[^,—–]+", sentence[:upto]))[-6:]):
        chunk = match.group().strip(" \"“”'`")
        if not chunk or not (_is_subject_chunk(chunk) or _is_parenthetical_chunk(chunk) or is_name_chunk(chunk)):
            break
        run.insert(0, (match.start() + match.group().index(chunk[0]), chunk))
    passes = (
        (is_name_chunk, _is_parenthetical_chunk),
        (is_name_chunk, is_name_chunk),
        (_is_subject_chunk, _is_parenthetical_chunk),
        (is_name_chunk, _is_title_chunk),
    )
    for wanted, then in passes:
        for position in range(len(run) - 2, -1, -1):
            start, chunk = run[position]
            following = [piece for _, piece in run[position + 1 :]]
            if wanted(chunk) and then(following[0]):
                described = [piece for piece in following if piece.split()[0].lower() not in CLAUSE_WORDS | _PREPOSITIONS]
                name, inner = split_name(_clean(chunk))
                return name, _clean(", ".join(described)) if described else inner, start
    for position in range(len(run) - 1):
        start, chunk = run[position]
        if _is_subject_chunk(chunk) and is_name_chunk(run[position + 1][1]) and not is_name_chunk(chunk):
            name_start, name = run[position + 1]
            return _clean(name), _clean(chunk), name_start
    return None


def _elided_subject(sentence: str, tokens: list[Token], end: int, form: str) -> tuple[str, str | None, int] | None:
    """For a cue whose subject is left out (``X met Y and said ...``, ``X issued a
    statement, saying ...``), return the subject of the sentence's first clause."""
    if end == 0:
        return None
    previous = tokens[end - 1][0].lower()
    if previous not in _COORDINATORS and not (previous in {",", "—", "–", "-"} and form.endswith("ing")):
        return None
    return _clause_subject(sentence, tokens[: end - 1])


def _clause_start(tokens: list[Token]) -> int | None:
    """Return the index of the token after an introductory phrase ("In May, ...",
    "When asked, ..."), 0 when there is none, or None when the phrase never ends."""
    if tokens and tokens[0][0].lower() in _PREPOSITIONS | CLAUSE_WORDS:
        commas = [i for i, (token, _, _) in enumerate(tokens) if token == ","]
        return commas[0] + 1 if commas else None
    return 0


def _clause_subject(sentence: str, tokens: list[Token]) -> tuple[str, str | None, int] | None:
    """Return the noun phrase that opens the sentence, after an introductory phrase."""
    start = _clause_start(tokens)
    if start is None:
        return None
    words: list[Token] = []
    for position, token in enumerate(tokens[start:], start=start):
        text = token[0]
        following = tokens[position + 1][0].lower() if position + 1 < len(tokens) else ""
        if text[0].isupper() or text.lower() in DETERMINERS or text in {"'s", "’s", "&"} or any(c.isupper() for c in text):
            words.append(token)
        elif (
            words
            and text[0].islower()
            and len(words) < 6
            and text.lower() not in _AUXILIARIES
            and not text.lower().endswith(("ed", "s"))
            and (text.lower() in _PREPOSITIONS or following not in DETERMINERS)
        ):
            words.append(token)
        else:
            break
    if not words or words[0][0].lower() in _PREPOSITIONS or words[0][0].lower() in SUBJECT_PRONOUNS - {"he", "she", "they", "we", "i"}:
        return None
    return _clean(sentence[words[0][1] : words[-1][2]]), None, words[0][1]


def _passive_agent(sentence: str, after: list[Token], cue_start: int) -> Found | None:
    """For a passive cue with an agent ("is seen by X as", "as reported by X", "was
    criticised by X for putting ..."), return X as the speaker."""
    if not after or after[0][0].lower() != "by":
        return None
    agent_end = _AGENT_ENDS.search(sentence, after[0][2])
    phrase = _phrase_after(sentence[: agent_end.start()] if agent_end else sentence, after[0][2], with_description=False)
    if phrase is None:
        return None
    agent = phrase[0]
    if not _phrase_like(agent):
        return None
    return Found(agent, None, sentence[cue_start : after[0][2]], cue_start, after[0][2], "forward", "object", (0, len(sentence)))


def _phrase_after(sentence: str, start: int, with_description: bool) -> tuple[str, str | None] | None:
    """Return the noun phrase that starts at ``start`` ("according to X, ...",
    "..., said X, a professor at Y.") and, if asked, the description after it."""
    rest = re.sub(r"[.!?\"”’'`]+\s*$", "", sentence[start:]).strip()
    if not rest:
        return None
    head, _, tail = rest.partition(",")
    head = re.split(r"[:;—–]|\s-\s|\s+(?:on|in|at|during|after|last|this|when|while|who|which|before|because)\s+", head, maxsplit=1)[0]
    if not head.split() or len(head.split()) > MAX_SUBJECT_WORDS:
        return None
    description = _clean(tail) if with_description and tail.strip() and _is_parenthetical_chunk(tail.strip()) else None
    name, inner = split_name(_clean(head))
    if not name:
        return None
    return name, description or inner
