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
it; the sentence's tone (VADER and TextBlob, which the sentence table has already); and
VADER-lexicon sums over the clause and the window.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from ..datafiles import data_dir, modified
from .frames import FramingVocabulary, load_vocabulary
from .tone import textblob_scores, vader_compound, vader_lexicon
from ..coding.sourcetypes import SOURCE_TYPES
from ..report.summarise import coded_sentences

LABELS = (-1, 0, 1)
LABEL_NAMES = {-1: "negative", 0: "neutral", 1: "positive"}
WINDOW = 6
MASK = "TARGET"
_WORD = re.compile(r"[a-z][a-z'’-]*|\d+|[!?]")
# The lookahead, which every break's first character passes, spares trying each
# alternative at every other position.
_CLAUSE_BREAK = re.compile(r"(?=[\s;:—–\"“”wbatyu])\s*(?:;|:|—|–|\s-\s|\bwhile\b|\bwhereas\b|\bbut\b|\balthough\b|\bthough\b|\byet\b|[\"“”]|\bunlike\b)\s*", re.IGNORECASE)
_NEGATIONS = frozenset("not no never n't without nor cannot".split())


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


@lru_cache(maxsize=256)
def _breaks(sentence: str) -> tuple[tuple[int, int], ...]:
    """The clause breaks of ``sentence`` as (start, end), found once per sentence."""
    return tuple((found.start(), found.end()) for found in _CLAUSE_BREAK.finditer(sentence))


def _clause_span(sentence: str, start: int, end: int) -> tuple[int, int]:
    """Where the clause that holds ``start``..``end`` begins and ends in ``sentence``."""
    left, right = 0, len(sentence)
    for break_start, break_end in _breaks(sentence):
        if break_end <= start:
            left = break_end
        elif break_start >= end:
            right = break_start
            break
    return left, right


def _grams(words: list[str], prefix: str) -> list[str]:
    grams = [f"{prefix}{word}" for word in words]
    grams += [f"{prefix}{first}_{second}" for first, second in zip(words, words[1:])]
    return grams


def _lexicon_score(words: list[str]) -> float:
    """A fast stand-in for VADER on a clause: the sum of its words' valences, a valence
    flipped after a negation within three words, squashed into -1..1 as VADER does."""
    valences = vader_lexicon()
    total = 0.0
    for index, word in enumerate(words):
        valence = valences.get(word)
        if valence is None:
            continue
        if any(previous in _NEGATIONS for previous in words[max(0, index - 3) : index]):
            valence = -0.74 * valence
        total += valence
    return total / math.sqrt(total * total + 15)


def features(
    sentence: str, start: int, end: int, others: tuple[tuple[int, int], ...] = (), tone: tuple[float, float] | None = None
) -> tuple[list[str], dict[str, float]]:
    """The sparse binary features (names) and the dense lexicon scores of the mention at
    ``start``..``end`` in ``sentence``. ``others`` are the spans of the sentence's other
    target mentions: when one of them lies outside this mention's clause, the rest of the
    sentence speaks of that other target, so its words and its tone are left out and the
    clause's tone stands for the sentence's. ``tone`` is the sentence's VADER compound
    and TextBlob polarity when they are known already (the sentence table has them)."""
    clause_start, clause_end = _clause_span(sentence, start, end)
    before_words = _words(sentence[clause_start:start])
    after_words = _words(sentence[end:clause_end])
    clause_words = before_words + [MASK.lower()] + after_words
    at = len(before_words)
    window_words = before_words[-WINDOW:] + after_words[:WINDOW]
    clause_grams = _grams(clause_words, "c:")
    shared = any(not (clause_start <= other_start and other_end <= clause_end) for other_start, other_end in others)
    sparse = clause_grams + _grams(window_words, "w:")
    if shared:
        sparse.append("x:SHARED")
    else:
        outside = _words(sentence[:clause_start]) + ["|"] + _words(sentence[clause_end:])
        sparse += [f"o:{gram[2:]}" for gram in _grams(outside, "o:") if "|" not in gram]
    sparse.append(f"b:{clause_words[at - 1] if at > 0 else '^'}")
    sparse.append(f"a:{clause_words[at + 1] if at + 1 < len(clause_words) else '$'}")
    if any(word in _NEGATIONS for word in clause_words):
        sparse.append("c:NEGATED")
    vader_sentence, blob_sentence = tone if tone is not None else (vader_compound(sentence), textblob_scores(sentence)[0])
    clause_score = _lexicon_score(clause_words)
    dense = {
        "vader_sentence": clause_score if shared else vader_sentence,
        "textblob_sentence": 0.0 if shared else blob_sentence,
        "lexicon_clause": clause_score,
        "lexicon_window": _lexicon_score(window_words),
        "clause_share": (clause_end - clause_start) / max(1, len(sentence)),
    }
    return sparse, dense


@dataclass(frozen=True)
class StanceModel:
    """A linear model over ``features``: per class, a weight for each sparse feature
    (a row of ``weights``, found by name in ``index``) and each dense score (a row of
    ``dense_weights``, for the score standardised by ``dense_mean`` and ``dense_spread``),
    and an intercept."""

    classes: tuple[int, ...]
    index: dict[str, int]
    weights: np.ndarray
    dense_names: tuple[str, ...]
    dense_weights: np.ndarray
    dense_mean: np.ndarray
    dense_spread: np.ndarray
    intercept: np.ndarray
    meta: dict

    def probabilities(
        self, sentence: str, start: int, end: int, others: tuple[tuple[int, int], ...] = (), tone: tuple[float, float] | None = None
    ) -> dict[int, float]:
        """The probability of each stance toward the mention at ``start``..``end``
        (``others``, ``tone``: see ``features``)."""
        sparse, dense = features(sentence, start, end, others, tone)
        index = self.index
        rows = [index[name] for name in set(sparse) if name in index]
        values = np.fromiter((dense[name] for name in self.dense_names), float, len(self.dense_names))
        totals = self.intercept + self.weights[rows].sum(axis=0) + ((values - self.dense_mean) / self.dense_spread) @ self.dense_weights
        exps = np.exp(totals - totals.max())
        exps /= exps.sum()
        return dict(zip(self.classes, exps.tolist()))

    def score(
        self, sentence: str, start: int, end: int, others: tuple[tuple[int, int], ...] = (), tone: tuple[float, float] | None = None
    ) -> tuple[float, int]:
        """The stance toward the mention: a score in -1..1 (the positive class's
        probability minus the negative's) and the most probable label (-1, 0, 1)."""
        probabilities = self.probabilities(sentence, start, end, others, tone)
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
    names = list(raw["sparse"])
    dense_names = tuple(raw["dense"])
    return StanceModel(
        classes=tuple(raw["classes"]),
        index={name: row for row, name in enumerate(names)},
        weights=np.array([raw["sparse"][name] for name in names], dtype=float).reshape(len(names), len(raw["classes"])),
        dense_names=dense_names,
        dense_weights=np.array([raw["dense"][name] for name in dense_names], dtype=float),
        dense_mean=np.array([raw["scale"][name][0] for name in dense_names], dtype=float),
        dense_spread=np.array([raw["scale"][name][1] for name in dense_names], dtype=float),
        intercept=np.array(raw["intercept"], dtype=float),
        meta=raw.get("meta", {}),
    )


STANCE_COLUMNS = (
    "story_id", "sentence_id", "target", "mention", "start", "end", "stance", "stance_label",
    "speaker", "source_type", "outlet", "date", "tone",
)


def stance_table(table: pd.DataFrame, model: StanceModel | None = None, vocabulary: FramingVocabulary | None = None) -> pd.DataFrame:
    """One row per mention of a target in a sentence of ``table`` (headings and page
    furniture left out):
    where it is (``start``/``end`` into the sentence's ``text``), the ``stance`` toward it
    (-1..1) and its label (``negative``, ``neutral``, ``positive``), with the sentence's
    speaker, source type, outlet, date and ``tone`` (its VADER score) beside it. It joins
    to the sentence table on ``story_id`` and ``sentence_id``."""
    model = model or load_model()
    vocabulary = vocabulary or load_vocabulary()
    rows = []
    coded = coded_sentences(table)
    spoken = coded[coded["targets"].fillna("") != ""]
    columns = [spoken[name].tolist() for name in ("story_id", "sentence_id", "text", "speaker", "source_type", "outlet", "date", "vader", "polarity")]
    for story_id, sentence_id, text, speaker, source_type, outlet, date, vader, polarity in zip(*columns):
        found = vocabulary.target_mentions(text)
        spans = [(start, end) for _, start, end in found]
        for target, start, end in found:
            others = tuple(span for span in spans if span != (start, end))
            score, label = model.score(text, start, end, others, (vader, polarity))
            rows.append((story_id, sentence_id, target, text[start:end], start, end, round(score, 4), LABEL_NAMES[label],
                         speaker, source_type, outlet, date, vader))
    frame = pd.DataFrame(rows, columns=list(STANCE_COLUMNS))
    frame["source_type"] = pd.Categorical(frame["source_type"], categories=list(SOURCE_TYPES))
    return frame
