"""Parts of speech from TextBlob's bundled Pattern tagger, which works offline (the
default TextBlob tagger needs NLTK data that would be downloaded at run time)."""

from __future__ import annotations

from functools import lru_cache

from ..pattern import PatternTagger

_NOUNS_AND_PRONOUNS = frozenset({"NN", "NNS", "NNP", "NNPS", "PRP"})


@lru_cache(maxsize=1)
def tagger() -> PatternTagger:
    """The Pattern tagger, built once."""
    return PatternTagger()


def tag_words(text: str) -> list[tuple[str, str]]:
    """``(word, Penn tag)`` pairs for ``text``."""
    return tagger().tag(text)


def narrates_past(sentence: str) -> bool:
    """True when ``sentence`` has a verb in the simple past ("Zinke issued two orders"):
    a past-tense tag, or a past participle right after a noun or pronoun, since the
    Pattern tagger tags many simple pasts as participles. "is expected" and "has risen"
    are not simple pasts."""
    tagged = tag_words(sentence)
    return any(
        tag == "VBD" or (tag == "VBN" and index > 0 and tagged[index - 1][1] in _NOUNS_AND_PRONOUNS)
        for index, (_, tag) in enumerate(tagged)
    )
