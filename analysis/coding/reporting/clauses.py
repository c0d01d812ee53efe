"""Clause rules: whether a cue verb reports where it stands, and how (its frame).

A cue verb (``data/cues.csv``) reports when a frame it allows follows it: a
``that``/wh- clause, a colon or a quotation (``clause``); only times, places and an
addressee before the end of the sentence (``trailing``: "..., Yu said."); a clause
without ``that`` (``bare``); an infinitive (``to``), ``as`` or an object, for verbs
that report that way; or a noun phrase (``inverted``: "..., said Yu Lei").
``is_verb_here`` first rules out a cue form used as a noun or a non-finite verb.
"""

from __future__ import annotations

from ...pattern import lexicon
from ..cues import CueVerb
from ..quotes import OPENING_MARKS
from .subject import appositive_before, phrase_after
from .words import (
    ADDRESSEE_VERBS,
    FINITE_TAGS,
    ADJUNCT_WORDS,
    ARTICLES,
    AUXILIARIES,
    BE,
    BOUNDARY_MARKS,
    CLAUSE_WORDS,
    DASHES,
    DETERMINERS,
    HAVE,
    MODALS,
    PARTS_OF_DAY,
    PREPOSITIONS,
    QUANTIFIERS,
    SUBJECT_PRONOUNS,
    WEEKDAYS,
    Token,
    is_adverb,
    phrase_like,
)

_COMPLEMENTIZERS = frozenset("that whether if how why what when where".split())
_FOLLOWERS = frozenset({"who", "which", "according", "as", "citing", "referring", "and", "but", "though", "although", "because"})
_TRAILING_CLAUSES = frozenset({"who", "which", "where", "as", "when", "while", "after", "before", "because", "since", "adding"})
_CLOSING_PUNCTUATION = frozenset(".!?\"”’')»`")


def is_verb_here(form: str, base: str, previous: str) -> bool:
    """Rule out a cue form used as a noun or a non-finite verb ("such claims", "his
    plans", "have plans", "to say")."""
    nominal = form == base or (form.endswith("s") and not form.endswith("ss"))
    if previous == "to":
        return False
    if form.endswith("ing"):
        return previous in BE or previous in CLAUSE_WORDS or previous in {",", "—", "–", "-"} or not previous
    if form.endswith(("en", "wn")) and form != base:
        return previous in HAVE
    if previous in ARTICLES or previous.endswith(("'s", "’s")):
        return not nominal
    if previous in QUANTIFIERS or previous[:1].isdigit():
        return not (form.endswith("s") and form != base)
    if previous in HAVE:
        return not (form.endswith("s") and form != base)
    if previous in MODALS:
        return form == base
    return True


def plural_subject(phrase: str) -> bool:
    """True when ``phrase`` can take a verb in its base form ("they say", "analysts say")."""
    last = phrase.split()[-1].lower() if phrase.split() else ""
    return last in {"i", "we", "you", "they"} or (last.endswith("s") and not last.endswith("ss")) or " and " in phrase


def cue_frame(sentence, tokens, subject, set_off, subject_end, at, after, verb: CueVerb) -> str | None:
    """Return how the cue verb at token ``at`` reports (its frame, or ``inverted`` for
    "..., said X"), or None when it does not report here. ``set_off`` says whether the
    subject follows a comma, quotation mark or dash."""
    frames, base = verb.frames, verb.verb.split()[0]
    introduced_by_as = subject is not None and sentence[: subject[2]].rstrip().lower().endswith(("as", "as the"))
    gap = subject_end == 0 or tokens[subject_end - 1][0] in BOUNDARY_MARKS
    inverts = "trailing" in frames and gap and subject_end == at and base not in ADDRESSEE_VERBS
    if inverts and after and not tokens[at][0].lower().endswith("ing") and after[0][0].lower() not in _COMPLEMENTIZERS and _starts_noun_phrase(after[0][0], loosely=True):
        inverted = phrase_after(sentence, after[0][1], with_description=True)
        if inverted and phrase_like(inverted[0]) and (subject_end > 0 or any(t in ",:" for t, _, _ in after[:12])):
            appositive = appositive_before(sentence, tokens, subject_end)
            if appositive is None or appositive[2] > tokens[0][1] + 1 or _holds_a_verb(appositive[0]):
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
            if following in _FOLLOWERS or following.endswith("ing") or following in ADJUNCT_WORDS or set_off:
                return "trailing"
    if "bare" in frames and _opens_bare_clause(after, base) and (
        verb.kind == "speech" or _names_a_finding(subject) or _has_finite_verb(after, _adjuncts_end(after, base))
    ):
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


def _holds_a_verb(phrase: str) -> bool:
    """True when a phrase taken for a name before an appositive holds a finite verb in
    lower case ("Such applications call for high speed"): it is a clause, and the
    speaker is the name after the cue ("..., said Zhang Chuang, a professor")."""
    return any(word.islower() and lexicon.get(word) in ("VB", "VBP", "VBZ", "VBD") for word in phrase.split()[1:])


def _words_of_clause(after: list[Token], limit: int) -> list[str]:
    """The first ``limit`` tokens of ``after``, up to a comma, semicolon, colon or full
    stop ("called the spirit forged during the war a "wealth"" reaches the quotation)."""
    words = []
    for token, _, _ in after[:limit]:
        if token in (",", ";", ":", "."):
            break
        words.append(token)
    return words


def _skip_dashes(after: list[Token], index: int) -> int:
    """Skip a parenthesis set off by dashes or brackets that starts at ``index``."""
    closer = ")" if after[index][0] == "(" else None
    for later in range(index + 1, min(len(after), index + 25)):
        token = after[later][0]
        if (closer and token == closer) or (not closer and token in DASHES):
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
            if lower == "that" and index + 1 < len(after) and after[index + 1][0].lower() in AUXILIARIES:
                return False
            return lower != "what" or index == 0
        if token == ":" or token in OPENING_MARKS or token == "`":
            return True
        if token in {'"', "'"}:
            return index <= 1
        if token in DASHES or token == "(":
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
    if base not in ADDRESSEE_VERBS:
        return 0
    index = 0
    while index < min(len(after), 5):
        token = after[index][0]
        lower = token.lower()
        if lower in ADJUNCT_WORDS or lower in _COMPLEMENTIZERS or lower == "to" or not token[0].isalnum():
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
        if is_adverb(token) and token.lower() not in WEEKDAYS:
            index += 1
            continue
        if token.lower() in WEEKDAYS:
            index += 1
            if index < len(after) and after[index][0].lower() in PARTS_OF_DAY:
                index += 1
            continue
        infinitive = token.lower() == "to" and index + 1 < len(after) and after[index + 1][0].islower() and after[index + 1][0] not in DETERMINERS
        if token.lower() in ADJUNCT_WORDS and not infinitive:
            index += 1
            words = 0
            while (
                index < len(after)
                and after[index][0][0].isalnum()
                and after[index][0].lower() not in ADJUNCT_WORDS | CLAUSE_WORDS
                and words < 10
            ):
                index += 1
                words += 1
            continue
        if token in DASHES or token == "(":
            skipped = _skip_dashes(after, index)
            if skipped > index:
                index = skipped
                continue
        break
    return index


def _opens_bare_clause(after: list[Token], base: str) -> bool:
    """True when a clause without ``that`` follows the cue ("said China will ...")."""
    index = _adjuncts_end(after, base)
    while index < len(after) and is_adverb(after[index][0]):
        index += 1
    words = [token for token, _, _ in after[index:]]
    if len(words) < 2 or not words[0][0].isalnum():
        return False
    first = words[0].lower()
    if first in PREPOSITIONS or first in CLAUSE_WORDS or is_adverb(words[0]) or first.endswith(("self", "selves")):
        return False
    if first in MODALS and len(words) > 2:
        return True
    if len(words) == 2 or words[2] in ".!?":
        second = words[1].lower()
        return second in AUXILIARIES or (first in SUBJECT_PRONOUNS | DETERMINERS or words[0][0].isupper() or first.endswith("s")) and second.endswith(("ed", "s"))
    return True


_FINITE_TAGS = FINITE_TAGS | {"VBN"}
# What a poll, a study or figures find or show is their content, also as a plain object
# ("Polls show a close contest", "a study found 31 incidents"; codebook rule 9).
_FINDINGS = frozenset(
    "poll polls survey surveys study studies report reports data figures research analysis statistics census audit review averages".split()
)


def _names_a_finding(subject) -> bool:
    """True when the subject of a cue, or its description, names a document that reports
    findings (``_FINDINGS``): "Recent polls in Pennsylvania", "A 2014 study by ..."."""
    if subject is None:
        return False
    words = f"{subject[0]} {subject[1] or ''}".lower().replace(",", " ").split()
    return any(word in _FINDINGS for word in words)
_CLAUSE_ENDS = frozenset({",", ";", ":", ".", "!", "?"})
_RELATIVES = frozenset({"which", "who", "whom", "whose", "that"})


def _has_finite_verb(after: list[Token], start: int, limit: int = 12) -> bool:
    """True when the words from ``start`` hold a finite verb of their own within
    ``limit`` words, before a comma or stop and outside a relative clause or a
    parenthesis set off by dashes: the clause a thought or stance reports ("believe a
    mini-ice age may have occurred", "found Antarctica's ice sheet increased"), unlike a
    plain object ("found his way through the defence", "saw the film")."""
    rest = [token for token, _, _ in after[start:]]
    words = rest[:-1]
    if (
        0 < len(words) <= 5
        and rest[-1] in (".", "!", "?")
        and all(token[0].isalpha() and token.lower() not in PREPOSITIONS | DETERMINERS for token in words)
        and words[-1][0].isupper()
    ):
        return True  # no comma before an inverted speaker: "... the tip of the iceberg thinks analyst Tom Reed."
    index, seen = start, 0
    while index < len(after) and seen < limit:
        token = after[index][0]
        lower = token.lower()
        if token in _CLAUSE_ENDS:
            return False
        if token in DASHES or token == "(":
            skipped = _skip_dashes(after, index)
            index = skipped if skipped > index else index + 1
            continue
        if lower in _RELATIVES and index > start:
            return False
        if lower in AUXILIARIES or lower in MODALS or lower in ("'s", "’s") or lexicon.get(lower) in _FINITE_TAGS:
            return index > start
        index += 1
        seen += 1
    return False


def _opens_infinitive(after: list[Token], base: str) -> bool:
    """True when an infinitive follows the cue ("vowed to ...", "urged them to ...")."""
    words = [token.lower() for token, _, _ in after[:10]]
    if words[:1] == ["to"] and len(words) > 1 and words[1].isalpha():
        return True
    return base in ADDRESSEE_VERBS | {"call", "urge", "expect", "want"} and "to" in words[1:9] and bool(words) and words[0] not in PREPOSITIONS


def _starts_noun_phrase(token: str, loosely: bool = False) -> bool:
    """True when ``token`` can open a noun phrase: a determiner, a capitalized word or a
    number or an amount of money ("$1 trillion", "£5m"); with ``loosely``, also any word
    that is not a preposition or clause word."""
    lower = token.lower()
    if lower in DETERMINERS or token[0].isupper() or token[0].isdigit() or token[0] in "$£€¥" or lower in {"more", "further", "new", "greater"}:
        return True
    return loosely and token[0].isalpha() and lower not in PREPOSITIONS | CLAUSE_WORDS | AUXILIARIES and not is_adverb(token)
