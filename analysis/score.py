"""Score sentences for sentiment with TextBlob's pattern lexicon.

TextBlob's sentiment needs no downloaded corpora. ``TextBlob(text).sentiment`` builds a
blob and a named tuple per call; calling the same pattern analyser directly keeps only
the two floats and runs about twice as fast.
"""

from __future__ import annotations

from textblob.en import sentiment as _pattern_sentiment


def textblob_scores(text: str) -> tuple[float, float]:
    """Return TextBlob's ``(polarity, subjectivity)`` for ``text``: polarity in [-1, 1],
    subjectivity in [0, 1], both 0.0 for text with no lexicon words."""
    polarity, subjectivity = _pattern_sentiment(text)
    return float(polarity), float(subjectivity)
