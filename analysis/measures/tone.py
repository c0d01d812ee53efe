"""Score sentences for sentiment with two lexicons.

- TextBlob (the pattern lexicon): polarity in [-1, 1] and subjectivity in [0, 1]. Its
  lexicon is mostly adjectives, tuned on product reviews.
- VADER (Hutto and Gilbert 2014): the compound score in [-1, 1]. On human-rated news
  sentences it agrees with people better than TextBlob does.

Both work offline and both lexicons are English only.

The two functions mirror ``textblob.en.sentiment(text)`` (textblob 0.20.1, the pattern
analyser behind ``TextBlob(text).sentiment``) and VADER 3.3.2's
``polarity_scores(text)["compound"]`` and return the same floats bit for bit, sign of zero
included, about four times faster on news sentences. The libraries repeat work on every
call: TextBlob runs about ten regular expressions per sentence and reaches each word through
a lazy dictionary; VADER lower-cases the sentence's word list again up to five times per
lexicon word and walks the text character by character for emoji. Here that work is done
once per sentence or once per process; the lexicons, word lists and constants are the
installed libraries' own, and every sum and product is taken in the libraries' order. Input
the mirror does not follow goes to the library itself: for TextBlob, text with an emoticon
or with what pattern's emoticon pattern rejoins after splitting off punctuation (":)", but
also "(G8)"), the sarcasm mark "(!)", a blank line (pattern's paragraph break) or non-str
input; for VADER, text with a character of its emoji list or non-str input.

tests/test_score_exact.py is the gate: it compares both functions with the libraries on
thousands of sentences and random strings, so a library version that changes a number fails.
"""

from __future__ import annotations

import string
from functools import lru_cache

from ..pattern import sentiment as _pattern_sentiment
from ..pattern import text as pattern
from vaderSentiment import vaderSentiment as vader
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

# --- TextBlob ------------------------------------------------------------------------------

_LEADING_CHARS = pattern.PUNCTUATION.replace(".", "")  # find_tokens splits these off a word's front
_LEADING = tuple(_LEADING_CHARS)
_TRAILING = tuple(pattern.PUNCTUATION)  # and these off its end
_UNICODE_QUOTES = ("“", "”", "‘", "’", "'", '"')  # and puts spaces around these
_NEGATIONS = frozenset(_pattern_sentiment.negations)
_EMOTICONS = {face.lower() for faces in pattern.EMOTICONS.values() for face in faces}
# RE_EMOTICONS joins a token to the one before when they make an emoticon (":" ")" -> ":)"):
# the token is then a face's tail and the one before ends with the face's character before it.
_EMOTICON_JOINS = {
    (face[k - 1], face[k:]) for faces in pattern.EMOTICONS.values() for face in faces for k in range(1, len(face))
}
_EMOTICON_TAILS = {tail for _, tail in _EMOTICON_JOINS}


@lru_cache(maxsize=1)
def _pattern_lexicon() -> dict[str, tuple[float, float, float, bool]]:
    """The pattern lexicon as a plain dict: word -> (polarity, subjectivity, intensity,
    whether it can modify the next word), the entries ``sentiment`` uses for untagged text."""
    len(_pattern_sentiment)  # loads the lazy dict
    return {
        word: (*tags[None], any(tag in tags for tag in _pattern_sentiment.modifiers))
        for word, tags in dict.items(_pattern_sentiment)
        if None in tags
    }


def _split_punctuation(token: str, tokens: list[str]) -> None:
    """Append ``token`` to ``tokens`` with punctuation split off as find_tokens does it.
    (find_tokens also leaves contractions such as "'s" whole, but after its quote
    replacement no token that holds an apostrophe is longer than the apostrophe.)"""
    while token.startswith(_LEADING):
        tokens.append(token[0])
        token = token[1:]
    tail = []
    while token.endswith(_TRAILING):
        if token.endswith(_LEADING):
            tail.append(token[-1])
            token = token[:-1]
        if token.endswith("..."):
            tail.append("...")
            token = token[:-3].rstrip(".")
        if token.endswith("."):
            if (
                token in pattern.ABBREVIATIONS
                or pattern.RE_ABBR1.match(token)
                or pattern.RE_ABBR2.match(token)
                or pattern.RE_ABBR3.match(token)
            ):
                break
            tail.append(token[-1])
            token = token[:-1]
    if token:
        tokens.append(token)
    tokens.extend(reversed(tail))


def _may_join_emoticons(tokens: list[str]) -> bool:
    """Whether RE_EMOTICONS could join two of ``tokens`` into one."""
    if _EMOTICON_TAILS.isdisjoint(tokens):
        return False
    return any(
        (tokens[i - 1][-1], token) in _EMOTICON_JOINS for i, token in enumerate(tokens) if i and token in _EMOTICON_TAILS
    )


def _pattern_words(text: str) -> list[str] | None:
    """The lower-cased words ``sentiment`` assesses in ``text``, or None when its sentence
    splitting, sarcasm mark or emoticon joining could make them differ from these."""
    if pattern.EOS in text or "\n\n" in text.replace("\r\n", "\n"):
        return None
    for contraction, spaced in pattern.replacements.items():
        text = text.replace(contraction, spaced)
    for quote in _UNICODE_QUOTES:
        text = text.replace(quote, f" {quote} ")
    tokens: list[str] = []
    for token in text.split():
        if token[0] in _LEADING_CHARS or token[-1] in pattern.PUNCTUATION:
            _split_punctuation(token, tokens)
        else:
            tokens.append(token)
    # find_tokens rejoins "( ! )" and emoticons split by punctuation in each sentence; a
    # joining match has a space in it, and is one here too, where the sentences are joined.
    joined = " ".join(tokens)
    if "!" in joined and pattern.RE_SARCASM.search(joined):
        return None
    if _may_join_emoticons(tokens) and any(" " in match.group(1) for match in pattern.RE_EMOTICONS.finditer(joined)):
        return None
    return [token.lower() for token in tokens]


def _pattern_scores(words: list[str]) -> tuple[float, float] | None:
    """``Sentiment.assessments`` and the averages of ``Sentiment.__call__`` for untagged
    words, or None at an emoticon."""
    lexicon = _pattern_lexicon()
    assessments: list[list] = []  # [polarity, subjectivity, intensity, negated]
    modifier = None  # the preceding known word that can modify ("really good")
    negation = None  # the preceding negation ("not good")
    for word in words:
        entry = lexicon.get(word)
        if entry is not None:
            polarity, subjectivity, intensity, modifies = entry
            if modifier is None:
                assessments.append([polarity, subjectivity, intensity, False])
            else:
                last = assessments[-1]
                last[0] = max(-1.0, min(polarity * last[2], +1.0))
                last[1] = max(-1.0, min(subjectivity * last[2], +1.0))
                last[2] = intensity
            if negation is not None:
                assessments[-1][2] = 1.0 / assessments[-1][2]
                assessments[-1][3] = True
            modifier = word if modifies else None
            negation = word if word in _NEGATIONS else None
            continue
        if word in _NEGATIONS:
            negation = word
        elif negation and len(word.strip("'")) > 1:
            negation = None
        if negation is not None and modifier is not None and _pattern_sentiment.modifier(modifier):
            assessments[-1][3] = True
            negation = None
        elif modifier and len(word) > 2:
            modifier = None
        if word == "!" and assessments:
            assessments[-1][0] = max(-1.0, min(assessments[-1][0] * 1.25, +1.0))
        if word in _EMOTICONS:
            return None
    polarity_sum = subjectivity_sum = 0.0
    for polarity, subjectivity, _, negated in assessments:
        polarity_sum += polarity * -0.5 if negated else polarity
        subjectivity_sum += subjectivity
    count = float(len(assessments) or 1)
    return polarity_sum / count, subjectivity_sum / count


def textblob_scores(text: str) -> tuple[float, float]:
    """Return TextBlob's ``(polarity, subjectivity)`` for ``text``: polarity in [-1, 1],
    subjectivity in [0, 1], both 0.0 for text with no lexicon words."""
    if type(text) is str:
        words = _pattern_words(text)
        scores = None if words is None else _pattern_scores(words)
        if scores is not None:
            return scores
    polarity, subjectivity = _pattern_sentiment(text)
    return float(polarity), float(subjectivity)


# --- VADER ---------------------------------------------------------------------------------

_NEGATE = frozenset(vader.NEGATE)
# Words of the multi-word idioms and boosters VADER looks for around a lexicon word.
_IDIOM_WORDS = frozenset(
    word for phrase in (*vader.SPECIAL_CASES, *vader.BOOSTER_DICT) if " " in phrase for word in phrase.split(" ")
)


@lru_cache(maxsize=1)
def _vader() -> SentimentIntensityAnalyzer:
    """VADER's analyser, built once (it reads its lexicon file)."""
    return SentimentIntensityAnalyzer()


@lru_cache(maxsize=1)
def _emoji_characters() -> frozenset[str]:
    """The characters ``polarity_scores`` replaces with their emoji descriptions (none is
    ASCII, so ASCII text needs no look)."""
    return frozenset(emoji for emoji in _vader().emojis if len(emoji) == 1)


def vader_lexicon() -> dict[str, float]:
    """VADER's lexicon, as its analyser holds it: a valence for each word."""
    return _vader().lexicon


def _negated(word: str) -> bool:
    """``vaderSentiment.negated([word])`` for a lower-cased word."""
    return word in _NEGATE or "n't" in word


def _negation_check(valence: float, lower: list[str], start_i: int, i: int) -> float:
    """``SentimentIntensityAnalyzer._negation_check`` on the lower-cased words."""
    if start_i == 0:
        if _negated(lower[i - 1]):
            valence = valence * vader.N_SCALAR
    if start_i == 1:
        if lower[i - 2] == "never" and (lower[i - 1] == "so" or lower[i - 1] == "this"):
            valence = valence * 1.25
        elif lower[i - 2] == "without" and lower[i - 1] == "doubt":
            pass
        elif _negated(lower[i - 2]):
            valence = valence * vader.N_SCALAR
    if start_i == 2:
        if (
            lower[i - 3] == "never"
            and (lower[i - 2] == "so" or lower[i - 2] == "this")
            or (lower[i - 1] == "so" or lower[i - 1] == "this")
        ):
            valence = valence * 1.25
        elif lower[i - 3] == "without" and (lower[i - 2] == "doubt" or lower[i - 1] == "doubt"):
            pass
        elif _negated(lower[i - 3]):
            valence = valence * vader.N_SCALAR
    return valence


def _special_idioms_check(valence: float, lower: list[str], i: int) -> float:
    """``SentimentIntensityAnalyzer._special_idioms_check`` on the lower-cased words. Each
    phrase it looks up holds word i - 2, i - 1 or i, so without an idiom word there it
    changes nothing."""
    if lower[i] not in _IDIOM_WORDS and lower[i - 1] not in _IDIOM_WORDS and lower[i - 2] not in _IDIOM_WORDS:
        return valence
    onezero = f"{lower[i - 1]} {lower[i]}"
    twoonezero = f"{lower[i - 2]} {lower[i - 1]} {lower[i]}"
    twoone = f"{lower[i - 2]} {lower[i - 1]}"
    threetwoone = f"{lower[i - 3]} {lower[i - 2]} {lower[i - 1]}"
    threetwo = f"{lower[i - 3]} {lower[i - 2]}"
    for sequence in (onezero, twoonezero, twoone, threetwoone, threetwo):
        if sequence in vader.SPECIAL_CASES:
            valence = vader.SPECIAL_CASES[sequence]
            break
    if len(lower) - 1 > i:
        zeroone = f"{lower[i]} {lower[i + 1]}"
        if zeroone in vader.SPECIAL_CASES:
            valence = vader.SPECIAL_CASES[zeroone]
    if len(lower) - 1 > i + 1:
        zeroonetwo = f"{lower[i]} {lower[i + 1]} {lower[i + 2]}"
        if zeroonetwo in vader.SPECIAL_CASES:
            valence = vader.SPECIAL_CASES[zeroonetwo]
    for n_gram in (threetwoone, threetwo, twoone):
        if n_gram in vader.BOOSTER_DICT:
            valence = valence + vader.BOOSTER_DICT[n_gram]
    return valence


def _valence(words: list[str], lower: list[str], i: int, is_cap_diff: bool, lexicon: dict[str, float]) -> float:
    """``SentimentIntensityAnalyzer.sentiment_valence`` for lexicon word ``i``."""
    valence = lexicon[lower[i]]
    if lower[i] == "no" and i != len(words) - 1 and lower[i + 1] in lexicon:
        valence = 0.0
    if (
        (i > 0 and lower[i - 1] == "no")
        or (i > 1 and lower[i - 2] == "no")
        or (i > 2 and lower[i - 3] == "no" and lower[i - 1] in ("or", "nor"))
    ):
        valence = lexicon[lower[i]] * vader.N_SCALAR
    if words[i].isupper() and is_cap_diff:
        if valence > 0:
            valence += vader.C_INCR
        else:
            valence -= vader.C_INCR
    for start_i in range(0, 3):
        before = i - (start_i + 1)
        if i > start_i and lower[before] not in lexicon:
            s = vader.scalar_inc_dec(words[before], valence, is_cap_diff)
            if start_i == 1 and s != 0:
                s = s * 0.95
            if start_i == 2 and s != 0:
                s = s * 0.9
            valence = valence + s
            valence = _negation_check(valence, lower, start_i, i)
            if start_i == 2:
                valence = _special_idioms_check(valence, lower, i)
    if i > 1 and lower[i - 1] not in lexicon and lower[i - 1] == "least":
        if lower[i - 2] != "at" and lower[i - 2] != "very":
            valence = valence * vader.N_SCALAR
    elif i > 0 and lower[i - 1] not in lexicon and lower[i - 1] == "least":
        valence = valence * vader.N_SCALAR
    return valence


def vader_compound(text: str) -> float:
    """Return VADER's compound score for ``text``, in [-1, 1]."""
    analyzer = _vader()
    if type(text) is not str or (not text.isascii() and not _emoji_characters().isdisjoint(text)):
        return float(analyzer.polarity_scores(text)["compound"])
    lexicon = analyzer.lexicon
    words = []
    for token in text.split():
        stripped = token.strip(string.punctuation)  # SentiText._strip_punc_if_word
        words.append(token if len(stripped) <= 2 else stripped)
    lower = [word.lower() for word in words]
    capitals = sum(map(str.isupper, words))
    is_cap_diff = 0 < len(words) - capitals < len(words)  # vaderSentiment.allcap_differential
    sentiments = [0] * len(words)  # boosters, "kind" of "kind of" and unknown words stay 0
    for i, word in enumerate(lower):
        if word not in lexicon or word in vader.BOOSTER_DICT:
            continue
        if word == "kind" and lower[i + 1 : i + 2] == ["of"]:
            continue
        sentiments[i] = _valence(words, lower, i, is_cap_diff, lexicon)
    if "but" in lower:
        sentiments = analyzer._but_check(words, sentiments)
    if not sentiments:
        return 0.0
    sum_s = float(sum(sentiments))
    punct_emph_amplifier = analyzer._punctuation_emphasis(text)
    if sum_s > 0:
        sum_s += punct_emph_amplifier
    elif sum_s < 0:
        sum_s -= punct_emph_amplifier
    return round(vader.normalize(sum_s), 4)

