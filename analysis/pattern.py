"""TextBlob's bundled Pattern code (tagger, lexicon, sentiment), which works offline,
imported without the statistics library it never needs.

Importing any part of TextBlob runs ``textblob/__init__``, which imports NLTK, whose
``nltk.metrics`` modules try ``scipy.stats`` for significance tests this project never
calls. That one import costs about 0.8 s in every process that codes text (each worker of
a run, each step of the benchmark). Here TextBlob is imported with SciPy hidden, so
NLTK's guarded imports fall back as they do on a machine without SciPy, and keep those
fallbacks for the process (NLTK's Fisher exact test and ``betai``, which nothing here
uses); SciPy itself is left importable afterwards, and when it was already imported
nothing is hidden. The hiding lasts only while TextBlob is first imported, in the importing
thread: another thread importing SciPy at that very moment would fail (the coding steps
import no SciPy). Every module of the package takes TextBlob's parts
from here (the benchmark also calls ``TextBlob`` itself, as users do).
"""

from __future__ import annotations

import sys


def _import_textblob_without_scipy() -> None:
    """Import ``textblob`` with ``scipy`` made unimportable for the duration, unless
    ``scipy`` or ``textblob`` is already loaded."""
    if "textblob" in sys.modules or "scipy" in sys.modules:
        return
    sys.modules["scipy"] = None  # type: ignore[assignment]  # import scipy raises ImportError
    try:
        import textblob  # noqa: F401
    finally:
        if sys.modules.get("scipy", 0) is None:
            del sys.modules["scipy"]


_import_textblob_without_scipy()

from textblob import _text as text  # noqa: E402
from textblob.en import lexicon, sentiment  # noqa: E402
from textblob.en.taggers import PatternTagger  # noqa: E402

__all__ = ["PatternTagger", "lexicon", "sentiment", "text"]
