"""Tokens and the word classes that the reporting rules read.

``tokenize`` splits a sentence into words and punctuation with their offsets; the sets
below class the words (determiners, auxiliaries, clause words, prepositions, ...); the
small helpers (``clean``, ``split_name``, ``phrase_like``, ``is_name_chunk``,
``is_adverb``, ``skip_back``) are shared by the rules that find a cue and its subject.
"""

from __future__ import annotations

import re

from ...datafiles import abbreviations

MAX_SUBJECT_WORDS = 12
# Parts of speech (Penn tags of the Pattern lexicon) of a finite verb.
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
ARTICLES = frozenset("a an the this that these those its his her their our my your such no every each another".split())
QUANTIFIERS = frozenset(
    """some several many most few all both others one two three four five six seven
    eight nine ten dozens hundreds thousands millions other""".split()
)
DETERMINERS = ARTICLES | QUANTIFIERS
SUBJECT_PRONOUNS = frozenset("he she they we i it you".split())
DAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december")
WEEKDAYS = frozenset(DAY_NAMES) | frozenset({"today", "yesterday", "tonight"})
# Verbs whose object is the person addressed ("told reporters", "was asked"): the one told
# or asked is no speaker.
ADDRESSEE_VERBS = frozenset({"tell", "ask", "inform", "assure", "urge", "advise", "warn", "remind"})
PARTS_OF_DAY = frozenset("morning afternoon evening night".split())
_ADVERBS = WEEKDAYS | frozenset(
    """also not n't never later previously repeatedly again further once then still
    already even just only first recently publicly privately earlier separately too
    generally often always frequently reportedly""".split()
)


def _with_negations(words: str) -> frozenset[str]:
    """The words and their negated contractions, with either apostrophe ("isn't", "isn’t")."""
    base = words.split()
    negated = [word + "n" + mark + "t" for word in base for mark in "'’"]
    return frozenset(base + negated)


BE = _with_negations("is are was were be been being am")
HAVE = _with_negations("has have had having")
MODALS = _with_negations("will would shall should can could may might must do does did") | frozenset(
    "won't won’t can't can’t".split()
)
AUXILIARIES = BE | HAVE | MODALS
CLAUSE_WORDS = frozenset(
    """that which who whom whose as because since while when whenever where if although
    though but or so than after before until unless whereas whether how why what nor
    yet""".split()
)
ADJUNCT_WORDS = WEEKDAYS | frozenset(
    """on in at during after before with via through over from for last this earlier
    later recently when while by about amid upon of to into""".split()
)
PREPOSITIONS = ADJUNCT_WORDS | frozenset("under across against among between without within like throughout despite beyond toward towards around behind until following".split())
DASHES = frozenset("—–-")
BOUNDARY_MARKS = frozenset(",;:\"“”„«»—–-()[]'`")
_ASIDE_CONNECTIVES = frozenset("however though meanwhile moreover indeed therefore too also nevertheless nonetheless furthermore".split())
_TOKEN = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\w[\w'’&@/-]*(?:\.\w[\w'’&@/-]*)*|[^\w\s]")
_DOTTED = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")
TRAILING_TIME = re.compile(
    r"\s+(?:(?:this|last|next|earlier\s+this|later\s+this)\s+(?:week|month|year|morning|afternoon|evening|weekend)"
    r"|(?:on\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|yesterday|today)$",
    re.IGNORECASE,
)
NAME_TOKEN = re.compile(r"^(?:[A-Z][\w'’.&-]*|[a-z]+[A-Z][\w'’.&-]*|de|da|van|von|bin|al|le|la|del|der|dos|du|ibn)$")
Token = tuple[str, int, int]


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


def is_adverb(token: str) -> bool:
    """True for an adverb that may stand between a subject and its verb ("also", "publicly")."""
    lower = token.lower()
    return lower in _ADVERBS or (
        token.islower() and lower.endswith("ly") and len(lower) > 4 and lower not in {"rely", "apply", "reply", "supply", "family", "italy"}
    )


def skip_back(tokens: list[Token], j: int) -> int:
    """Step back from token ``j`` over adverbs, a time ("on Monday"), a parenthesis
    ("Sen. Warren (D-MA) said") and a connective set off by commas ("has, however,
    revealed")."""
    while j >= 0:
        if j >= 2 and tokens[j][0] == "," and tokens[j - 2][0] == "," and tokens[j - 1][0].lower() in _ASIDE_CONNECTIVES:
            j -= 3
        elif is_adverb(tokens[j][0]):
            j -= 1
            if tokens[j + 1][0].lower() in WEEKDAYS and j >= 0 and tokens[j][0].lower() in {"on", "last", "this", "early", "late"}:
                j -= 1
        elif tokens[j][0] == ")":
            opening = next((k for k in range(j - 1, max(-1, j - 12), -1) if tokens[k][0] == "("), None)
            if opening is None:
                return j
            j = opening - 1
        else:
            return j
    return j


def clean(phrase: str) -> str:
    """Strip punctuation and quotation marks from the ends of a phrase and fold its spaces."""
    return " ".join(phrase.strip(" ,;:\"“”'‘’`").split())


def phrase_like(phrase: str) -> bool:
    """True when ``phrase`` can be a noun phrase: a few words with no auxiliary verb."""
    words = phrase.split()
    return 0 < len(words) <= MAX_SUBJECT_WORDS and not any(word.lower() in AUXILIARIES for word in words)


def split_name(phrase: str) -> tuple[str, str | None]:
    """Split "Sakina Cotton from the delegation" into a name and a description."""
    match = re.match(r"^((?:[A-Z][\w'’.-]*\s+){1,4}?[A-Z][\w'’.-]*)\s+((?:from|at|with)\s+.+)$", phrase)
    if match and not re.match(r"^(?:The|A|An)\s", phrase):
        return clean(match.group(1)), clean(match.group(2))
    return clean(phrase), None


def is_name_chunk(chunk: str) -> bool:
    """True for a run of capitalized words such as "Li Haidong" or "Gov. Terry Branstad"."""
    words = chunk.split()
    return 0 < len(words) <= 6 and all(NAME_TOKEN.match(word.strip("()")) for word in words) and words[0][0].isupper()
