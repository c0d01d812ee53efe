"""Which phrases can name a speaker at all (``names_someone``), and the words a story
writes as names (``proper_nouns``).

The attribution step (``attribute.py``) asks before it takes a phrase for a speaker: a
pronoun, a proper name, or a noun phrase whose head is not a quantity, a time or an
event ("the number of students", "1.8 percent" and "far too canny" are not). The
pronoun sets are shared with the resolution of mentions (``resolve``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from ...pattern import lexicon
from ..reporting.words import TRAILING_TIME
from ..sentences import Sentence
from ..sourcetypes import Codebook
from ..tagging import tag_words
from .words import CONTRACTION

SINGULAR_PRONOUNS = {"he", "she", "him", "her"}
PLURAL_PRONOUNS = {"they", "some", "others", "many", "most", "several", "both", "all", "those", "few", "them"}
REFERRING_WORDS = SINGULAR_PRONOUNS | PLURAL_PRONOUNS | {"it", "its", "i", "we", "you", "me", "us"}
# The head of a speaker phrase is its last word before one of these ("the number of
# students", "an economist at the bank", "Yu, who ..."), without trailing adverbs.
_HEAD_STOPS = frozenset(
    "of at from in with for on by to who which that whose as about against over under after before during without "
    "through into across among between despite toward towards via per since until like amid".split()
)
# "Large majorities of the farmers" and "a number of experts" are farmers and experts;
# "the number of students" is a number.
_QUANTITIES = frozenset(
    "majority majorities minority most many some half third thirds quarter quarters fifth fifths "
    "dozens hundreds thousands millions all several few percent cent % none each one two three four five six "
    "seven eight nine ten twelve twenty dozen".split()
)
_CLOSE_TO = re.compile(r"^(?:those|people|sources|aides|allies|friends|officials|someone|one)\s+(?:\w+\s+)?close\s+to\b", re.IGNORECASE)
_APPROXIMATELY = re.compile(r"^(?:at\s+least|at\s+most|about|nearly|almost|roughly|some|more\s+than|fewer\s+than|less\s+than|over|just|only|a\s+mere)\s+", re.IGNORECASE)
_SHARE_OF = re.compile(r"^\w+\s+out\s+of\s+\w+\s+(?=\w)", re.IGNORECASE)
# Nouns no list knows speak when they name people by what they do: "designers",
# "administrators", "a trainee vicar", "terrorists"; "the phone" and "views" do not.
_AGENTIVE = re.compile(r"(?:er|or|ist|ian|ant|ent|ee|ive|man|men|ary|ic|ar|at|ite|ess|ard|ope|nt)s?$")
# "you" and "one" in reported speech are generic, not a source ("then you pay more").
_NOT_REFERRING = frozenset({"one"})
_LEADING_CONJUNCTIONS = frozenset("and but as so then".split())
# People described by an age or by being polled: "the 46-year-old", "those surveyed".
_GROUP_OF_PEOPLE = re.compile(
    r"^(?:the\s+|a\s+)?\d+-year-old$|^(?:those|people|voters|respondents)\s+(?:surveyed|polled|questioned|asked|interviewed)$"
    r"|^(?:about\s+|nearly\s+|almost\s+|roughly\s+|at\s+least\s+)?(?:\d+|one|two|three|four|five|six|seven|eight|nine)\s+in\s+(?:10|ten|\d+)$",
    re.IGNORECASE,
)
_FINITE_VERBS = frozenset({"VB", "VBD", "VBP", "VBZ", "MD", "TO", "RB"})
_TRAILING_ADVERBS = frozenset("earlier later also too recently yesterday today tonight now then again first afterwards afterward beforehand".split())
_PLURAL_ENDING = re.compile(r"(?:e?s)$")
_INNER_CAPITALIZED = re.compile(r"(?<=[a-z0-9,])\s+([A-Z][a-z]{2,})\b(?![\w'’-])")


class ProperNouns:
    """The common English words that a story writes capitalized inside its sentences,
    after a lower-case word or a comma, as names ("comic book company Marvel",
    "retailer Next"): there they name someone ("Marvel said it would appeal"). Found only
    when first asked about, since most stories never need them."""

    def __init__(self, text: str, sentences: Sequence[Sentence]):
        self._text, self._sentences = text, sentences
        self._found: frozenset[str] | None = None

    def __contains__(self, word: object) -> bool:
        if self._found is None:
            found = set()
            for sentence in self._sentences:
                if sentence.is_heading or sentence.is_boilerplate:
                    continue
                for match in _INNER_CAPITALIZED.finditer(self._text, sentence.start, sentence.end):
                    candidate = match.group(1)
                    if candidate.lower() in lexicon and lexicon.get(candidate) != "NNP":
                        found.add(candidate)
            self._found = frozenset(found)
        return word in self._found


def proper_nouns(text: str, sentences: Sequence[Sentence]) -> ProperNouns:
    """The story's common words written as names (``ProperNouns``), found when needed."""
    return ProperNouns(text, sentences)


def names_someone(phrase: str, codebook: Codebook, proper: ProperNouns | frozenset[str] = frozenset()) -> bool:
    """True when ``phrase`` can name a speaker: a pronoun ("he", "they", "he's"), or a
    noun phrase whose head (its last word before any preposition, bracket or clause,
    trailing adverbs dropped) is a codebook term (a role, an organization, a document,
    an outlet, a state), a proper name, or a noun not listed in ``not_speakers.csv``
    ("the number of students" and "1.8 percent" do not speak; "Large majorities of the
    farmers" are farmers). A phrase with a finite verb, an adverb or a pronoun after its
    first word is no noun phrase ("far too canny to make", "set out the choices he").
    Parts of speech come from TextBlob's offline Pattern tagger and lexicon: a single
    capitalized word is a name unless it is a known common word ("Yukos", not "But"),
    or one of ``proper``, the words the story writes as names (``proper_nouns``)."""
    if _names_someone(phrase, codebook):
        return True
    word = phrase.strip()
    return word[:1].isupper() and " " not in word and word in proper


@lru_cache(maxsize=16384)
def _names_someone(phrase: str, codebook: Codebook) -> bool:
    words = _phrase_words(phrase)
    if not words or words[-1].lower() in _NOT_REFERRING:
        return False
    joined = " ".join(words)
    if len(words) == 1 and words[0].lower() in REFERRING_WORDS or _CLOSE_TO.match(joined) or _GROUP_OF_PEOPLE.match(joined):
        return True
    if all(word.lower() in _QUANTITIES | {"a", "the", "an"} for word in words) and words[-1].lower() in _QUANTITIES or [word.lower() for word in words] == ["a", "number"]:
        return True
    head_words: list[str] = []
    for position, word in enumerate(words):
        bare = CONTRACTION.sub("", word.strip(",;:()"))
        if bare.lower() == "of" and head_words and _counts_people(head_words):
            return _names_someone(" ".join(words[position + 1 :]), codebook)
        if bare.lower() in _HEAD_STOPS or word.startswith("("):
            break
        head_words.append(bare)
        if word.endswith((",", ";", ":")):
            break
    if not head_words or not head_words[-1]:
        return False
    if _names_by_head(head_words, codebook):
        return True
    first = head_words[0] if len(head_words) == 1 or head_words[0].isupper() else head_words[0].lower()
    tagged = tag_words(" ".join([first, *head_words[1:]]))
    while len(tagged) > 1 and tagged[0][1] == "RB" and tagged[1][1] in ("DT", "JJ", "JJR", "JJS", "CD", "NN", "NNS", "NNP", "NNPS"):
        tagged, head_words = tagged[1:], head_words[1:]
    for index in range(1, min(len(tagged), len(head_words))):
        postmodifier = tagged[index][1] in ("RB", "VBN", "VBG") or (
            tagged[index][1] == "JJ" and (index + 1 >= len(tagged) or not tagged[index + 1][1].startswith("NN"))
        )
        if postmodifier and tagged[index - 1][1].startswith("NN") and head_words[index].islower():
            return _names_someone(" ".join(head_words[:index]), codebook)
    while len(head_words) > 1 and head_words[-1].lower() in _TRAILING_ADVERBS:
        head_words.pop()
    return _head_names_someone(head_words, [tag for _, tag in tagged], codebook)


def _names_by_head(head_words: list[str], codebook: Codebook) -> bool:
    """True when the head of a speaker phrase names someone without any need of parts
    of speech: a pronoun, a quantity of people, a handle, a codebook term at the head,
    or two capitalized words at the end."""
    head = head_words[-1]
    if len(head_words) == 1 and head.lower() in REFERRING_WORDS or head.startswith("@"):
        return True
    if head.lower() in _QUANTITIES and not any(char.isdigit() for word in head_words for char in word):
        return True
    span = " ".join(head_words)
    terms = [m for m in codebook.evidence(span) if m.term.kind != "place"]
    return any(m.end > len(span) - len(head) for m in terms) or (bool(terms) and head[:1].isupper()) or codebook.is_state(head)


def _head_names_someone(head_words: list[str], tags: list[str], codebook: Codebook) -> bool:
    """Whether the head of a speaker phrase, its last word, names someone (see
    ``names_someone``); ``tags`` are the parts of speech of ``head_words``."""
    head = head_words[-1]
    if _names_by_head(head_words, codebook):
        return True
    if len(head_words) > 1 and all(word[:1].isupper() for word in head_words[-2:]) and not head_words[-2].endswith(","):
        lower = [word for word in head_words if not word[:1].isupper()]
        if not lower or not any(tag in _FINITE_VERBS or tag in ("VBN", "VBG") for _, tag in tag_words(" ".join(lower))):
            return True
    singular = _PLURAL_ENDING.sub("", head.lower())
    if {head.lower(), singular} & codebook.not_speakers:
        return False
    if not tags or any(tag in _FINITE_VERBS for tag in tags) or "PRP" in tags[1:]:
        return False
    if len(tags) > 1 and tags[0] == "VBG" and (tags[1].startswith("NN") or tags[1] in ("DT", "PRP$")):
        return False
    if head[:1].isupper() and (len(head_words) > 1 and head_words[-2][:1].isupper() or head.isupper() or head.lower() not in lexicon or tags[-1].startswith("NNP")):
        return True
    return bool(_AGENTIVE.search(singular)) and tags[-1] in ("NN", "NNS", "NNP", "NNPS", "JJ")


def _phrase_words(phrase: str) -> list[str]:
    """The words of a speaker phrase without an approximation ("about"), a share ("two
    out of three"), contractions, a leading conjunction or a trailing time phrase
    ("the Supreme Court this month")."""
    phrase = TRAILING_TIME.sub("", _SHARE_OF.sub("", _APPROXIMATELY.sub("", phrase.strip())))
    words = CONTRACTION.sub("", phrase).split()
    while len(words) > 1 and words[0].lower() in _LEADING_CONJUNCTIONS:
        words = words[1:]
    return words


def _counts_people(words: list[str]) -> bool:
    """True when ``words`` end in a quantity that "of" people follow ("majorities",
    "a number", "40"), not "the number"."""
    last = words[-1].lower()
    return last in _QUANTITIES or last.replace(",", "").isdigit() or [word.lower() for word in words[-2:]] == ["a", "number"]
