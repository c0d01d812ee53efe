"""Score sentences for sentiment with two lexicons.

- TextBlob (the pattern lexicon): polarity in [-1, 1] and subjectivity in [0, 1]. Its
  lexicon is mostly adjectives, tuned on product reviews.
- VADER (Hutto and Gilbert 2014): the compound score in [-1, 1]. On human-rated news
  sentences it agrees with people better than TextBlob does.

Both work offline. ``TextBlob(text).sentiment`` builds a blob and a named tuple per
call; calling the pattern analyser directly keeps only the floats and runs about twice
as fast. Both lexicons are English only.
"""

from __future__ import annotations

from functools import lru_cache

from textblob.en import sentiment as _pattern_sentiment
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer


def textblob_scores(text: str) -> tuple[float, float]:
    """Return TextBlob's ``(polarity, subjectivity)`` for ``text``: polarity in [-1, 1],
    subjectivity in [0, 1], both 0.0 for text with no lexicon words."""
    polarity, subjectivity = _pattern_sentiment(text)
    return float(polarity), float(subjectivity)


@lru_cache(maxsize=1)
def _vader() -> SentimentIntensityAnalyzer:
    """VADER's analyser, built once (it reads its lexicon file)."""
    return SentimentIntensityAnalyzer()


def vader_lexicon() -> dict[str, float]:
    """VADER's lexicon, as its analyser holds it: a valence for each word."""
    return _vader().lexicon


def vader_compound(text: str) -> float:
    """Return VADER's compound score for ``text``, in [-1, 1]."""
    return float(_vader().polarity_scores(text)["compound"])
