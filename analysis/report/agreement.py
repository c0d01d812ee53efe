"""Agreement of the automatic coding with a hand coding, as content analysts report it:
accuracy, Cohen's kappa, precision and recall per type, the confusion matrix, and the
sentences on which the two disagree."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .sampling import CodedSample
from ..coding.sourcetypes import SOURCE_TYPES
from .summarise import coded_sentences


@dataclass
class Agreement:
    """Agreement between two codings of the same sentences.

    ``per_type`` has one row per label with ``precision``, ``recall``, ``f1`` and
    ``support`` (sentences the hand coding gives that label); ``confusion`` counts
    hand-coded labels (rows) against automatic labels (columns).
    """

    n: int
    accuracy: float
    kappa: float
    per_type: pd.DataFrame
    confusion: pd.DataFrame


def compare(table: pd.DataFrame, sample: CodedSample) -> pd.DataFrame:
    """Each hand-coded sentence of ``sample`` (read by ``sampling.read_coding_sheet``)
    beside the program's coding of it: ``story_id, outlet, text``, the hand codes
    ``is_heading, source_type, speaker, note`` and the program's ``auto_type`` and
    ``auto_speaker``, in the table's order."""
    sentences = coded_sentences(table).reset_index(drop=True).iloc[sample.rows["row"].to_numpy()]
    return pd.DataFrame({
        "story_id": sentences["story_id"].astype(str).to_numpy(),
        "outlet": sentences["outlet"].astype("object").to_numpy() if "outlet" in sentences else None,
        "text": sentences["text"].astype(str).to_numpy(),
        "is_heading": sample.rows["is_heading"].to_numpy(dtype=bool),
        "source_type": sample.rows["source_type"].to_numpy(),
        "auto_type": sentences["source_type"].astype("object").to_numpy(),
        "speaker": sample.rows["speaker"].to_numpy(),
        "auto_speaker": sentences["speaker"].astype("object").to_numpy(),
        "note": sample.rows["note"].to_numpy(),
    })


def agreement(human: pd.Series, auto: pd.Series, labels: tuple[str, ...] = SOURCE_TYPES) -> Agreement:
    """Compare two codings of the same sentences, label by label.

    Cohen's kappa is (p_o - p_e) / (1 - p_e), with p_o the observed agreement and p_e the
    agreement expected from each coding's label frequencies.
    """
    human = pd.Categorical(human.astype("object"), categories=list(labels))
    auto = pd.Categorical(auto.astype("object"), categories=list(labels))
    confusion = pd.crosstab(
        pd.Series(human, name="hand"), pd.Series(auto, name="auto"), dropna=False
    ).reindex(index=list(labels), columns=list(labels), fill_value=0)
    n = int(confusion.to_numpy().sum())
    observed = float(confusion.to_numpy().trace()) / n if n else float("nan")
    expected = float((confusion.sum(axis=1) * confusion.sum(axis=0)).sum()) / n**2 if n else float("nan")
    kappa = (observed - expected) / (1 - expected) if n and expected < 1 else float("nan")
    hits = pd.Series(confusion.to_numpy().diagonal(), index=list(labels))
    predicted, support = confusion.sum(axis=0), confusion.sum(axis=1)
    precision = hits / predicted.where(predicted > 0)
    recall = hits / support.where(support > 0)
    per_type = pd.DataFrame(
        {
            "precision": precision,
            "recall": recall,
            "f1": 2 * precision * recall / (precision + recall).where(precision + recall > 0),
            "support": support.astype("int64"),
        }
    )
    per_type.index.name = "source_type"
    return Agreement(n=n, accuracy=observed, kappa=kappa, per_type=per_type, confusion=confusion)


def agreement_by(aligned: pd.DataFrame, by: str) -> dict[str, Agreement]:
    """``agreement`` of the hand and automatic types of ``aligned`` (``compare``'s rows,
    headings left out) in each group of the column ``by``, groups in sorted order; rows
    where ``by`` is missing form the group "(no <by>)"."""
    coded = aligned[~aligned["is_heading"]]
    groups = coded[by].astype("object").fillna(f"(no {by})")
    return {str(key): agreement(part["source_type"], part["auto_type"]) for key, part in coded.groupby(groups, sort=True)}


def disagreements(aligned: pd.DataFrame) -> pd.DataFrame:
    """Return the coded sentences (headings excluded) whose automatic type differs."""
    coded = aligned[~aligned["is_heading"]]
    differ = coded["source_type"] != coded["auto_type"].fillna("")
    return coded.loc[differ, ["story_id", "text", "source_type", "auto_type", "speaker", "auto_speaker", "note"]]


def binary_scores(gold: pd.Series, predicted: pd.Series) -> dict[str, float]:
    """Precision, recall and F1 of the positive class, F1 of the negative class, their
    mean (macro-F1), and accuracy, for two boolean codings of the same sentences."""
    gold = pd.Series(gold, dtype=bool).to_numpy()
    predicted = pd.Series(predicted, dtype=bool).to_numpy()
    true_pos = int((gold & predicted).sum())
    false_pos = int((~gold & predicted).sum())
    false_neg = int((gold & ~predicted).sum())
    true_neg = int((~gold & ~predicted).sum())

    def f1(hits: int, wrong_found: int, missed: int) -> tuple[float, float, float]:
        """Precision, recall and F1 from hits, wrong finds and misses (NaN where undefined)."""
        precision = hits / (hits + wrong_found) if hits + wrong_found else float("nan")
        recall = hits / (hits + missed) if hits + missed else float("nan")
        score = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return precision, recall, score

    precision, recall, f1_positive = f1(true_pos, false_pos, false_neg)
    _, _, f1_negative = f1(true_neg, false_neg, false_pos)
    total = true_pos + false_pos + false_neg + true_neg
    return {
        "sentences": total,
        "precision": precision,
        "recall": recall,
        "f1": f1_positive,
        "f1_negative": f1_negative,
        "macro_f1": (f1_positive + f1_negative) / 2,
        "accuracy": (true_pos + true_neg) / total if total else float("nan"),
    }
