"""Plain helpers over the words of a story, shared by the speaker rules: runs of
capitalized words, the words before a name, whole-word search, and the clean-ups of
names and phrases (contractions, determiners, a full stop that ends a name)."""

from __future__ import annotations

import re

from ...pattern import lexicon
from ..reporting.words import DETERMINERS

# Words of a name are separated by spaces or a single line break, never by a blank line,
# a line break after a full stop, or a space after a full stop that ends a long word
# ("... for Beijing. Wen-Ti Sung said" is two runs; "Gov. Terry Branstad" is one). A
# particle ("de", "van", "al") joins a name only before another capitalized word.
_NAME_SEPARATOR = r"(?:(?<![a-z]{3}\.)[ \t]+|(?<![.!?])[ \t]*\n(?![ \t]*\n)[ \t]*)"
# A run starts at a capital or at the lower-case opening of a word like "iFlytek"; the
# lookbehind spares a scan from every letter of a lower-case word (a run cannot end right
# before a lower-case letter, so it changes no match of a search over a whole string,
# the only kind made).
CAPITALIZED_RUN = re.compile(
    rf"(?:[A-Z][\w'’.-]*|(?<![a-z])[a-z]+[A-Z][\w'’.-]*)(?:{_NAME_SEPARATOR}(?:[A-Z][\w'’.-]*|[a-z]+[A-Z][\w'’.-]*|(?:de|da|van|von|bin|al|le|la|del|der|dos|du|ibn)(?=[ \t]+[A-Z])))*"
)
PREPOSITIONS = {"in", "at", "of", "from", "for", "with", "on", "by", "to", "near"}
_STOP_BEFORE_NAME = PREPOSITIONS | {"said", "says", "told", "and", "or", "but", "that", "is", "was", "are", "were", "has", "have", "had"}
CONTRACTION = re.compile(r"['’](?:s|ve|re|d|ll)$", re.IGNORECASE)
_SPEECH_IN_DESCRIPTION = re.compile(r"\b(?:said|says|saying|told|tells|added|adds|adding|argued|argues|arguing|insisted|noted|noting|warned|warning|stressed|explained|believes|believed|thinks|thought)\b")
LEADING_THE_WORD = re.compile(r"^(?:The|the)\s+")
# A name written out before its acronym in brackets: "Robert Koch Institute (".
NAME_BEFORE_BRACKET = re.compile(r"([A-Z][\w'’.&-]*(?:\s+(?:(?:of|for|and|on|to|the|&)\s+)*[A-Z][\w'’.&-]*)+)\s*\($")
_BRACKETED_ACRONYM = re.compile(r"\([A-Z][\w&.-]*\)")
_VERB_TAGS = frozenset({"MD", "VBD", "VBZ", "VBP"})


def find_all(text: str, part: str) -> list[int]:
    """Every offset where ``part`` occurs in ``text``."""
    found, at = [], text.find(part)
    while at >= 0:
        found.append(at)
        at = text.find(part, at + 1)
    return found


def whole_word(text: str, at: int, length: int) -> bool:
    """True when ``text[at:at + length]`` is not part of a longer word."""
    before = text[at - 1 : at]
    after = text[at + length : at + length + 1]
    return not (before.isalnum() or before == "-") and not (after.isalnum() or after == "-")


def before_speech(description: str) -> str:
    """A description up to any speech it reports ("who said the union would agree"
    describes no one as a union member)."""
    return _SPEECH_IN_DESCRIPTION.split(description or "", maxsplit=1)[0]


_INITIALS = re.compile(r"(?:[A-Z]\.){2,}")


def name_run(run: str) -> str:
    """A run of capitalized words without a full stop that ends it after a word of
    three letters or more ("Stephen Roach." is "Stephen Roach"; "Jr." and initials,
    "U.S.", stay)."""
    last = run.split()[-1] if run.split() else ""
    return run[:-1] if run.endswith(".") and len(last) > 3 and not _INITIALS.fullmatch(last) else run


def name_words(run: str) -> list[str]:
    """The words of a run of capitalized words (see ``name_run``)."""
    return name_run(run).split()


def words_before(text: str, at: int, floor: int = 0) -> str:
    """Up to six words before ``at`` in the same clause, stopping at punctuation (but
    not a bracketed acronym), a preposition, a reporting or linking verb, or a
    participle ("Tory leader" in "... said Tory leader Michael Howard"; "the Chinese
    Football Association (CFA) president")."""
    before_words: list[str] = []
    start = max(floor, at - 240)
    window = text[start:at].split()
    words = window[-7:] if start == floor or len(window) > 7 else window[1:]
    for index in range(len(words) - 1, -1, -1):
        word = words[index]
        if _BRACKETED_ACRONYM.fullmatch(word):
            before_words.insert(0, word)
            continue
        if word == "of" and _title_of(words[index - 1] if index else "", before_words):
            before_words.insert(0, word)  # "minister of sport Jaime Lissavetzky"
            continue
        if (
            not word[:1].isalnum()
            or not word[-1:].isalnum()
            or word.lower() in _STOP_BEFORE_NAME
            or (word.islower() and (word.endswith(("ed", "ing")) or lexicon.get(word) in _VERB_TAGS))
            or _SPEECH_IN_DESCRIPTION.fullmatch(word.lower())
        ):
            break
        before_words.insert(0, word)
    return " ".join(before_words)


def _title_of(role: str, after_of: list[str]) -> bool:
    """True when "of" joins a role in lower case to one or two words in lower case that
    complete a title before a name ("minister of sport", "director of rugby")."""
    return bool(role) and role.islower() and lexicon.get(role) == "NN" and 0 < len(after_of) <= 2 and all(w.islower() for w in after_of)


def strip_determiners(phrase: str) -> str:
    """Drop leading articles and quantifiers ("the", "several") from a phrase."""
    words = phrase.split()
    while len(words) > 1 and words[0].lower() in DETERMINERS:
        words = words[1:]
    return " ".join(words)
