"""Stance toward a target: how positively a sentence speaks of one mention in it.

Sentence tone (VADER, TextBlob) says how positive a sentence is; "Critics accused China
of bullying its neighbours, while the United States praised the deal" is negative toward
China and positive toward the United States. ``stance`` scores each mention on its own
with a linear model that ``scripts/train_stance.py`` trains on NewsMTSC (Hamborg and
Donnay, EACL 2021; MIT licence) and that the project ships as a plain JSON file,
``data/stance/model.json``: a weight per feature and class, no pickle, nothing to
download. Inference needs only the standard library, VADER and TextBlob.

The features of a mention (``features``): the words and word pairs of the clause that
holds the mention (cut at "while", "but", "whereas", semicolons and quotation
boundaries), with the mention masked; those of the rest of the sentence, apart; those of a
window of words around the mention within its clause; the words right before and after
it; and lexicon scores (VADER and TextBlob) of the clause, the window and the sentence.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from textblob.en import sentiment as textblob_sentiment
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

import pandas as pd

from .datafiles import data_dir, modified
from .frames import FramingVocabulary, load_vocabulary

LABELS = (-1, 0, 1)
LABEL_NAMES = {-1: "negative", 0: "neutral", 1: "positive"}
WINDOW = 6
MASK = "TARGET"
_WORD = re.compile(r"[a-z][a-z'’-]*|\d+|[!?]")
_CLAUSE_BREAK = re.compile(r"\s*(?:;|:|—|–|\s-\s|\bwhile\b|\bwhereas\b|\bbut\b|\balthough\b|\bthough\b|\byet\b|[\"“”]|\bunlike\b)\s*", re.IGNORECASE)
_NEGATIONS = frozenset("not no never n't without nor cannot".split())


@lru_cache(maxsize=1)
def _vader() -> SentimentIntensityAnalyzer:
    return SentimentIntensityAnalyzer()


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def _clause_span(sentence: str, start: int, end: int) -> tuple[int, int]:
    """Where the clause that holds ``start``..``end`` begins and ends in ``sentence``."""
    left = 0
    for found in _CLAUSE_BREAK.finditer(sentence, 0, start):
        left = found.end()
    following = _CLAUSE_BREAK.search(sentence, end)
    return left, following.start() if following else len(sentence)


def _clause(sentence: str, start: int, end: int) -> str:
    """The clause that holds ``start``..``end``, with the mention masked."""
    left, right = _clause_span(sentence, start, end)
    return sentence[left:start] + f" {MASK} " + sentence[end:right]


def _grams(words: list[str], prefix: str) -> list[str]:
    grams = [f"{prefix}{word}" for word in words]
    grams += [f"{prefix}{first}_{second}" for first, second in zip(words, words[1:])]
    return grams


def _scores(text: str) -> tuple[float, float]:
    """VADER compound and TextBlob polarity of ``text``."""
    return _vader().polarity_scores(text)["compound"], textblob_sentiment(text)[0]


def features(sentence: str, start: int, end: int, others: tuple[tuple[int, int], ...] = ()) -> tuple[list[str], dict[str, float]]:
    """The sparse binary features (names) and the dense lexicon scores of the mention at
    ``start``..``end`` in ``sentence``. ``others`` are the spans of the sentence's other
    target mentions: when one of them lies outside this mention's clause, the rest of the
    sentence speaks of that other target, so its words and its tone are left out and the
    clause's tone stands for the sentence's."""
    masked = sentence[:start] + f" {MASK} " + sentence[end:]
    words = _words(masked)
    clause = _clause(sentence, start, end)
    clause_words = _words(clause)
    target_at = [index for index, word in enumerate(clause_words) if word == MASK.lower()]
    at = target_at[0] if target_at else 0
    window_words = clause_words[max(0, at - WINDOW) : at] + clause_words[at + 1 : at + 1 + WINDOW]
    clause_grams = _grams(clause_words, "c:")
    inside = {gram[2:] for gram in clause_grams}
    clause_start, clause_end = _clause_span(sentence, start, end)
    shared = any(not (clause_start <= other_start and other_end <= clause_end) for other_start, other_end in others)
    sparse = [] if shared else [f"o:{gram[2:]}" for gram in _grams(words, "s:") if gram[2:] not in inside]
    sparse += clause_grams + _grams(window_words, "w:")
    if shared:
        sparse.append("x:SHARED")
    before = clause_words[at - 1] if at > 0 else "^"
    after = clause_words[at + 1] if at + 1 < len(clause_words) else "$"
    sparse += [f"b:{before}", f"a:{after}"]
    if any(word in _NEGATIONS for word in clause_words):
        sparse.append("c:NEGATED")
    clause_text = clause.replace(MASK, " ")
    window_text = " ".join(word for word in window_words)
    vader_clause, blob_clause = _scores(clause_text)
    vader_sentence, blob_sentence = (vader_clause, blob_clause) if shared else _scores(sentence)
    vader_window, blob_window = _scores(window_text)
    dense = {
        "vader_sentence": vader_sentence, "textblob_sentence": blob_sentence,
        "vader_clause": vader_clause, "textblob_clause": blob_clause,
        "vader_window": vader_window, "textblob_window": blob_window,
        "clause_share": len(clause_text) / max(1, len(sentence)),
    }
    return sparse, dense


@dataclass(frozen=True)
class StanceModel:
    """A linear model over ``features``: per class, a weight for each sparse feature
    name and each dense score (scaled by ``scale``), and an intercept."""

    classes: tuple[int, ...]
    sparse: dict[str, tuple[float, ...]]
    dense: dict[str, tuple[float, ...]]
    scale: dict[str, tuple[float, float]]
    intercept: tuple[float, ...]
    meta: dict

    def probabilities(self, sentence: str, start: int, end: int, others: tuple[tuple[int, int], ...] = ()) -> dict[int, float]:
        """The probability of each stance toward the mention at ``start``..``end``
        (``others``: the spans of the sentence's other target mentions)."""
        sparse, dense = features(sentence, start, end, others)
        totals = list(self.intercept)
        for name in set(sparse):
            weights = self.sparse.get(name)
            if weights:
                totals = [total + weight for total, weight in zip(totals, weights)]
        for name, value in dense.items():
            mean, spread = self.scale[name]
            scaled = (value - mean) / spread
            totals = [total + weight * scaled for total, weight in zip(totals, self.dense[name])]
        top = max(totals)
        exps = [math.exp(total - top) for total in totals]
        return {label: exp / sum(exps) for label, exp in zip(self.classes, exps)}

    def score(self, sentence: str, start: int, end: int, others: tuple[tuple[int, int], ...] = ()) -> tuple[float, int]:
        """The stance toward the mention: a score in -1..1 (the positive class's
        probability minus the negative's) and the most probable label (-1, 0, 1)."""
        probabilities = self.probabilities(sentence, start, end, others)
        label = max(probabilities, key=probabilities.get)
        return probabilities.get(1, 0.0) - probabilities.get(-1, 0.0), label


def model_path() -> Path:
    """The shipped model: ``stance/model.json`` in the data folder."""
    return data_dir() / "stance" / "model.json"


def load_model(path: str | Path | None = None) -> StanceModel:
    """Read the stance model from ``path`` (default ``model_path()``), again only when the
    file changes."""
    path = str(Path(path or model_path()))
    return _cached_model(path, modified(path))


@lru_cache(maxsize=2)
def _cached_model(path: str, version: tuple) -> StanceModel:
    with open(path, encoding="utf-8") as handle:
        raw = json.load(handle)
    return StanceModel(
        classes=tuple(raw["classes"]),
        sparse={name: tuple(weights) for name, weights in raw["sparse"].items()},
        dense={name: tuple(weights) for name, weights in raw["dense"].items()},
        scale={name: tuple(pair) for name, pair in raw["scale"].items()},
        intercept=tuple(raw["intercept"]),
        meta=raw.get("meta", {}),
    )


STANCE_COLUMNS = (
    "story_id", "sentence_id", "target", "mention", "start", "end", "stance", "stance_label",
    "speaker", "source_type", "outlet", "date", "tone",
)


def stance_table(table: pd.DataFrame, model: StanceModel | None = None, vocabulary: FramingVocabulary | None = None) -> pd.DataFrame:
    """One row per mention of a target in a sentence of ``table`` (headings left out):
    where it is (``start``/``end`` into the sentence's ``text``), the ``stance`` toward it
    (-1..1) and its label (``negative``, ``neutral``, ``positive``), with the sentence's
    speaker, source type, outlet, date and ``tone`` (its VADER score) beside it. It joins
    to the sentence table on ``story_id`` and ``sentence_id``."""
    model = model or load_model()
    vocabulary = vocabulary or load_vocabulary()
    rows = []
    spoken = table[~table["is_heading"].astype(bool) & (table["targets"].fillna("") != "")]
    for row in spoken.itertuples(index=False):
        text = str(row.text)
        found = vocabulary.target_mentions(text)
        for target, start, end in found:
            others = tuple((a, b) for _, a, b in found if (a, b) != (start, end))
            score, label = model.score(text, start, end, others)
            rows.append({
                "story_id": row.story_id, "sentence_id": row.sentence_id, "target": target, "mention": text[start:end],
                "start": start, "end": end, "stance": round(score, 4), "stance_label": LABEL_NAMES[label],
                "speaker": row.speaker, "source_type": row.source_type, "outlet": row.outlet, "date": row.date, "tone": row.vader,
            })
    frame = pd.DataFrame(rows, columns=list(STANCE_COLUMNS))
    frame["source_type"] = pd.Categorical(frame["source_type"], categories=list(table["source_type"].cat.categories)) if hasattr(table["source_type"], "cat") else frame["source_type"]
    return frame
