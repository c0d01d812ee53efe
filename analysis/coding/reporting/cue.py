"""Find the cues of one sentence and choose the one it reports by.

The cues: a cue verb in a frame it allows (``clauses``) with its subject
(``subject``), or the agent of its passive; "quoted as", "quoted X as saying" and
"according to"; a finite "said" or "told" that the frames cannot parse; and, with no
cue, "reportedly", a quotation signed with a dash or a quotation after a colon
(``find_uncued``). ``choose_cue`` returns the cue that the rules choose, as a
``Found``, whether or not its speaker phrase names anyone.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ...pattern import lexicon
from ..cues import CueLexicon, CueVerb
from ..matching import PhraseMatch
from ..quotes import SIGNATURE
from .clauses import cue_frame, is_verb_here, plural_subject
from .subject import (
    appositive_before,
    clause_subject,
    elided_subject,
    leading_noun_phrase,
    nearest_name,
    phrase_after,
    subject_before,
)
from .words import (
    ARTICLES,
    AUXILIARIES,
    BE,
    BOUNDARY_MARKS,
    DASHES,
    DETERMINERS,
    FINITE_TAGS,
    MODALS,
    QUANTIFIERS,
    SUBJECT_PRONOUNS,
    WEEKDAYS,
    Token,
    clean,
    is_adverb,
    phrase_like,
    skip_back,
    split_name,
)

_CATENATIVES = frozenset(
    """continue continues continued continuing begin begins began begun start starts
    started went go goes going keep keeps kept refused refuses declined declines
    tried tries try""".split()
)
_ACCORDING_TO = re.compile(r"\b(?:according to|in the (?:words|eyes|view|opinion) of)\s+", re.IGNORECASE)
_QUOTED_AS = re.compile(r"\b(?:is|was|were|are|been|being)\s+quoted\s+as\s+(?:saying|telling|writing)\b", re.IGNORECASE)
_QUOTED_OBJECT = re.compile(r"\bquoted\s+(?P<who>(?!as\b)[^,;:\"“”]{1,80}?)\s+as\s+(?:saying|telling|writing)\b", re.IGNORECASE)
_REPORTEDLY = re.compile(r"\breportedly\b|\bit\s+(?:is|was|has\s+been)\s+reported\b", re.IGNORECASE)
# A speaker after ", while", "; " or ", but" opens a clause of its own, not one nested in
# the content of the cue before it.
_COORDINATE_CLAUSE = re.compile(r"(?:[,;]\s*(?:while|whereas|but|and|although|though)|;)\s+(?:\w+\s+){0,8}$", re.IGNORECASE)
_LEADING_SUBORDINATE = re.compile(
    r"\s*(?:unless|if|when|whenever|while|whilst|although|though|because|since|once|until|after|before|as\s+soon\s+as|even\s+if|even\s+though)\b",
    re.IGNORECASE,
)
_UNCUED_MARKERS = ("according to", " of ", "quoted as", "reported", ":", "―", "—", "–")
# "who asked not to be named", "who declined to be named", "who requested anonymity": a condition of the source, not
# what it reports.
_ANONYMITY = re.compile(r"\s+(?:(?:not\s+)?to\s+be\s+(?:named|identified|quoted)|anonymity|for\s+anonymity)\b", re.IGNORECASE)
_CITING_FORMS = ("citing", "quoting")
_CITED = re.compile(r",\s*(?:citing|quoting)\s+(?P<who>[^,;:\"“”]{2,80}?)\s*,")
# A trailing cue that relays what another said ('X said: "...," the Times reported')
# leaves the sentence to the inner speaker: the innermost source counts.
_RELAYING_FORMS = frozenset({"reported", "reports", "wrote", "writes"})
_UNAMBIGUOUS_SPEECH_FORMS = frozenset({"said", "says", "told", "tells"})
# "agreed at the Wednesday meeting that", "stressed at the plenary session that": a
# meeting that decided or said what the that-clause reports.
_AT_MEETING = re.compile(
    r"at\s+(?P<meeting>(?:the|a|an|this|its|their)\s+(?:[\w'’-]+\s+){0,6}?(?:meeting|session|plenum|conference|summit|symposium|congress)"
    r"(?:\s+of\s+(?:the\s+)?(?:[\w'’-]+\s+){0,6}?[A-Z][\w'’-]*)?)\s+(?:that|on\s+\w+\s+that)\b",
    re.IGNORECASE,
)
_AGENT_ENDS = re.compile(r"\s+(?:as|that|to|for|in|on|at|over|after)\s+(?![A-Z])")
# A quotation signed with a dash: '"We are ashamed." ― Ana Ruiz, a voter in Phoenix'.
_SIGNED_QUOTE = re.compile(rf"[\"”'’]\s*{SIGNATURE}$")
_COLON_QUOTE = re.compile(r":\s*(?:[\"“„«]|``|'')")
# Saying that one will not say: "declined to comment", "refused to elaborate", "did not
# respond to a request for comment", "could not be reached". Such a sentence reports no
# content, so its cue words are no cue (codebook rule 4: it reports an act).
_NO_COMMENT = re.compile(
    r"\b(?:declin|refus)\w*\s+(?:\w+\s+)?to\s+(?:comment|elaborate|discuss|say|speak|answer|confirm|respond|reply|be\s+(?:interviewed|quoted))\b"
    r"|\b(?:not|never)\s+(?:\w+ly\s+)?(?:respond|reply|return|answer)\w*\s+(?:to\s+)?(?:\w+\s+){0,4}(?:requests?|calls?|e-?mails?|messages?|inquiries|queries|questions)\b"
    r"|\b(?:not|never)\s+(?:\w+ly\s+)?(?:comment|respond|reply)\w*\s*(?:[.,;]|$)"
    r"|\bcould\s+not\s+be\s+reached\b",
    re.IGNORECASE,
)
# A relative clause opened after a comma ("New York, which ... denied a permit"): a cue
# inside it describes the one it follows and reports nothing of the sentence.
_RELATIVE_OPENING = re.compile(r",\s*(?:who|whom|which)\b", re.IGNORECASE)


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


_PROPER_NAME_WORD = re.compile(r"\b[A-Z][a-z]")


def choose_cue(
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

    silent = [match.span() for match in _NO_COMMENT.finditer(sentence)]
    candidates = [
        match for match in cues.find(sentence) if match.start != exclude and not any(lo <= match.start < hi for lo, hi in silent)
    ]
    lower = sentence.lower()
    if not candidates and not any(marker in lower for marker in _UNCUED_MARKERS):
        return [] if all_found else None
    # Only cue verbs and "quoted as" read tokens here; a sentence with no more than a
    # marker such as " of " or a colon is not tokenized unless a colon rule needs it.
    tokens = tokens_of() if candidates or "quoted" in lower else []
    index_at = {start: index for index, (_, start, _) in enumerate(tokens)}
    found: list[Found] = []
    for match in _QUOTED_OBJECT.finditer(sentence) if "quoted" in lower else ():
        if not is_quoted(match.start()) and phrase_like(match.group("who")):
            name, description = split_name(clean(match.group("who")))
            found.append(Found(name, description, match.group(), match.start(), match.start("who"), "forward", "clause", (match.end(), len(sentence))))
    for match in _QUOTED_AS.finditer(sentence) if "quoted" in lower else ():
        if not is_quoted(match.start()) and match.start() in index_at:
            subject = subject_before(sentence, tokens, index_at[match.start()])
            if subject:
                found.append(Found(subject[0], subject[1], match.group(), match.start(), subject[2], "forward", "clause", (match.end(), len(sentence))))
    for match in _ACCORDING_TO.finditer(sentence) if "according" in lower or " of " in lower else ():
        if not is_quoted(match.start()):
            phrase = phrase_after(sentence, match.end(), with_description=False)
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
    described = [f for f in found if _describes_an_object(sentence, f)]
    found = [f for f in found if f not in described]
    if not found and described:
        return None
    if not found:
        return _loose_speech_cue(sentence, tokens, index_at, candidates, is_quoted) or find_uncued(sentence, tokens_of, is_quoted)
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
    main = _after_leading_subordinate(sentence, found)
    if main is not None and chosen.cue_start < main.cue_start:
        chosen = main
    closing = [f for f in found if f.kind == "according_to" and f.content[0] == 0]
    if closing and not chosen.speech and chosen is not closing[-1] and _PROPER_NAME_WORD.search(closing[-1].speaker):
        # "The session promoted ..., signaling ..., according to Zhang": a closing "according
        # to" a name ("Zhang", "newly-appointed coach Wu Sheng") gives the source of everything
        # before it, a thought or stance cue included ("..., according to the plan" names no one).
        return _cited_source(sentence, closing[-1])
    for later in found[1:]:
        if (
            chosen.frame in ("clause", "bare", "according_to")
            and later.kind == "forward"
            and later.speech
            and later.speaker_start > chosen.cue_start
            and later.speaker.lower() not in SUBJECT_PRONOUNS
            and not _COORDINATE_CLAUSE.search(sentence, 0, later.speaker_start)
            and not _in_relative_clause(sentence, later)
        ):
            chosen = later
    return _cited_source(sentence, chosen)


def _after_leading_subordinate(sentence: str, found: list[Found]) -> Found | None:
    """For a sentence that opens with a subordinate clause ("Unless the authorities agree
    to ..., Saint-Andre believes ..."), the first cue of the main clause after it, whose
    speaker starts after the clause's comma; None when the sentence opens otherwise."""
    opening = _LEADING_SUBORDINATE.match(sentence)
    if opening is None:
        return None
    comma = sentence.find(",", opening.end())
    if comma < 0:
        return None
    return next((f for f in found if f.kind == "forward" and f.speaker_start > comma), None)


def _cited_source(sentence: str, found: Found) -> Found:
    """For "X, citing Y, reported ..." or "X, quoting Y, said ...", return Y as the
    speaker: the innermost source counts (codebook rule 5)."""
    cited = _CITED.search(sentence, found.speaker_start, found.cue_start)
    if cited is None or not phrase_like(cited.group("who")):
        return found
    name, description = split_name(clean(cited.group("who")))
    return Found(name, description, found.cue, found.cue_start, cited.start("who"), found.kind, found.frame, found.content, found.speech)


def _open_relative_clause(sentence: str, start: int, cue_start: int) -> re.Match[str] | None:
    """The opening (", which", ", who") of the last relative clause between ``start`` and
    a cue at ``cue_start`` that is not closed by a comma before the cue, or None."""
    openings = list(_RELATIVE_OPENING.finditer(sentence, start, cue_start))
    if not openings or "," in sentence[openings[-1].end() : cue_start]:
        return None
    return openings[-1]


def _in_relative_clause(sentence: str, found: Found) -> bool:
    """True when the cue of ``found`` lies in a relative clause that opens after its
    speaker and is not closed before the cue ("New York, which ... denied a permit"):
    the cue describes the speaker phrase rather than reporting for it."""
    return _open_relative_clause(sentence, found.speaker_start, found.cue_start) is not None


def _describes_an_object(sentence: str, found: Found) -> bool:
    """True when the cue of ``found`` lies in a relative clause that describes a noun
    after the sentence's own verb ("Ohio Republicans want to re-elect Sen. Rob Portman,
    who endorsed gay marriage"): the sentence narrates, and the clause only says who
    the person is. A relative clause on the subject ("X, who said ..., left") is not
    this case: no finite verb comes before its opening. A person's speech in the clause
    ("..., who said he expects ...") still reports, and so does a clause with a subject of
    its own ("..., which advocates say ..."); a stance or thought of the noun itself ("who
    endorsed", "who believes", "which suggests") does not."""
    if found.kind != "forward" or found.speech:
        return False  # "with help from Thomas Perez, who said he expects ...": Perez speaks
    opening = _open_relative_clause(sentence, 0, found.cue_start)
    if opening is None:
        return False
    between = sentence[opening.end() : found.cue_start].split()
    if any(not (is_adverb(word) or word.lower() in AUXILIARIES) for word in between):
        return False  # the clause has a subject of its own ("which advocates say ...")
    before = re.findall(r"[A-Za-z]+", sentence[: opening.start()])
    return any(word[:1].islower() and lexicon.get(word, "") in FINITE_TAGS for word in before)


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


def _verb_cue(sentence: str, tokens: list[Token], at: int, match: PhraseMatch, verb: CueVerb) -> Found | None:
    """Decide whether the cue verb at token ``at`` reports, and if so who speaks."""
    form = match.text.split()[0].lower()
    base = verb.verb.split()[0]
    last = at
    while last + 1 < len(tokens) and tokens[last + 1][1] < match.end:
        last += 1
    after = tokens[last + 1 :]
    j = skip_back(tokens, at - 1)
    previous = tokens[j][0].lower() if j >= 0 else ""
    if previous == "to":
        k = skip_back(tokens, j - 1)
        if k >= 0 and tokens[k][0].lower() == "on":
            k = skip_back(tokens, k - 1)
        if k >= 0 and tokens[k][0].lower() in _CATENATIVES:
            j = skip_back(tokens, k - 1)
            previous = tokens[j][0].lower() if j >= 0 else ""
    if (previous in BE and not form.endswith("ing")) or (after and after[0][0].lower() == "by" and form != base and not form.endswith(("s", "ing"))):
        return _passive_agent(sentence, after, match.start)
    if not is_verb_here(form, base, previous) or _ANONYMITY.match(sentence, match.end):
        return None
    if verb.noun and (form == base or form.endswith("s")) and _after_article_and_adjective(tokens, j):
        return None  # "this latest report that ...", "the new plans"
    subject_end = _skip_auxiliaries(tokens, j) + 1
    cue_from = at
    while cue_from > subject_end and (
        tokens[cue_from - 1][0].lower() in AUXILIARIES
        or (is_adverb(tokens[cue_from - 1][0]) and tokens[cue_from - 1][0].lower() not in WEEKDAYS)
    ):
        cue_from -= 1
    cue_text = sentence[tokens[cue_from][1] : match.end]
    subject = subject_before(sentence, tokens, subject_end)
    set_off = subject is not None and subject[2] > 0 and _follows_boundary(sentence, subject[2])
    frame = cue_frame(sentence, tokens, subject, set_off, subject_end, at, after, verb)
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
        if not (previous in SUBJECT_PRONOUNS or previous in MODALS or previous == "to" or trailing_set_off or (frame in ("bare", "object", "as") and opens_phrase)):
            return None
    if frame == "inverted":
        inverted = phrase_after(sentence, match.end, with_description=True)
        assert inverted is not None
        return Found(inverted[0], inverted[1], cue_text, match.start, match.end, "trailing", "trailing", (0, match.start), verb.kind == "speech")
    if subject is None:
        subject = appositive_before(sentence, tokens, subject_end) or elided_subject(sentence, tokens, subject_end, form)
    if subject is None:
        return None
    if frame == "trailing" and form == base and not verb.past_is_base and not plural_subject(subject[0]):
        return None
    kind = "trailing" if frame == "trailing" and subject[2] > 0 and _follows_boundary(sentence, subject[2]) else "forward"
    content = (0, subject[2]) if kind == "trailing" else (match.end, len(sentence))
    return Found(subject[0], subject[1], cue_text, match.start, subject[2], kind, frame, content, verb.kind == "speech")


def _passive_agent(sentence: str, after: list[Token], cue_start: int) -> Found | None:
    """For a passive cue with an agent ("is seen by X as", "as reported by X", "was
    criticised by X for putting ..."), return X as the speaker; with no agent but a
    meeting where it happened ("It was agreed at the Wednesday meeting that ..."), the
    meeting."""
    if after and after[0][0].lower() == "at":
        held = _AT_MEETING.match(sentence, after[0][1])
        if held:  # "It was agreed at the Wednesday meeting that ...": the meeting decided
            return Found(held.group("meeting").strip(), None, sentence[cue_start : held.end()], cue_start, held.start("meeting"), "forward", "clause", (held.end(), len(sentence)))
    if not after or after[0][0].lower() != "by":
        return None
    agent_end = _AGENT_ENDS.search(sentence, after[0][2])
    phrase = phrase_after(sentence[: agent_end.start()] if agent_end else sentence, after[0][2], with_description=False)
    if phrase is None:
        return None
    agent = phrase[0]
    if not phrase_like(agent):
        return None
    return Found(agent, None, sentence[cue_start : after[0][2]], cue_start, after[0][2], "forward", "object", (0, len(sentence)))


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
        before = skip_back(tokens, at - 1)
        if before >= 0 and tokens[before][0].lower() in BE:
            continue
        j = _skip_auxiliaries(tokens, before)
        previous = tokens[j][0].lower() if j >= 0 else ""
        if previous in BE or previous == "to" or previous in ARTICLES or previous.endswith(("'s", "’s")) or (j >= 0 and tokens[j][0] in DASHES):
            continue
        subject = (
            subject_before(sentence, tokens, j + 1)
            or appositive_before(sentence, tokens, j + 1)
            or nearest_name(sentence, tokens, j + 1)
            or leading_noun_phrase(sentence, tokens[: j + 1])
        )
        if subject is None:
            continue
        trailing = subject[2] > 0 and _follows_boundary(sentence, subject[2])
        content = (0, subject[2]) if trailing else (match.end, len(sentence))
        return Found(subject[0], subject[1], match.text, match.start, subject[2], "trailing" if trailing else "forward", "trailing" if trailing else "clause", content)
    return None


def _after_article_and_adjective(tokens: list[Token], j: int) -> bool:
    """True when token ``j`` ends one or more adjectives right after an article or
    possessive ("the latest", "his new", "a similar false"): a cue form after it is a
    noun."""
    k = j
    while k >= 0 and lexicon.get(tokens[k][0].lower(), "").startswith("JJ"):
        k = skip_back(tokens, k - 1)
    return k != j and k >= 0 and tokens[k][0].lower() in ARTICLES


def _skip_auxiliaries(tokens: list[Token], j: int) -> int:
    """Step back from token ``j`` over auxiliaries and adverbs ("has repeatedly"); return
    the index of the last word of the subject (-1 when none)."""
    while j >= 0 and (tokens[j][0].lower() in AUXILIARIES or is_adverb(tokens[j][0])):
        j = skip_back(tokens, j - 1)
    return j


def _follows_boundary(sentence: str, start: int) -> bool:
    """True when the phrase at character ``start`` follows a comma, quote or dash."""
    before = sentence[:start].rstrip()
    return bool(before) and before[-1] in ",\"”’'`—–-:;"


def find_uncued(sentence: str, tokens_of: Callable[[], list[Token]], is_quoted) -> Found | None:
    """Attributions with no cue verb: "reportedly", a quotation signed with a dash, and a
    quotation after a colon. ``tokens_of`` returns the sentence's tokens."""
    reported = _REPORTEDLY.search(sentence)
    if reported and not is_quoted(reported.start()):
        return Found("media reports", None, reported.group(), reported.start(), reported.start(), "reportedly", "reportedly", (0, len(sentence)))
    signed = _SIGNED_QUOTE.search(sentence)
    if signed and not is_quoted(signed.start("who")) and phrase_like(signed.group("who").split(",")[0]):
        name, _, description = signed.group("who").partition(",")
        name, description = clean(name), clean(description) or None
        return Found(name, description, signed.group("dash"), signed.start("dash"), signed.start("who"), "trailing", "trailing", (0, signed.start()))
    colon = _COLON_QUOTE.search(sentence)
    if colon and not is_quoted(colon.start()):
        subject = clause_subject(sentence, [t for t in tokens_of() if t[1] < colon.start()])
        if subject:
            return Found(subject[0], subject[1], ":", colon.start(), subject[2], "forward", "clause", (colon.end(), len(sentence)))
    return None
