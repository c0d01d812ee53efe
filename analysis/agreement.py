"""Agreement of the automatic coding with a hand coding, as content analysts report it:
accuracy, Cohen's kappa, precision and recall per type, the confusion matrix, and the
sentences on which the two disagree."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .sourcetypes import SOURCE_TYPES
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


def read_coding(path: str | Path) -> pd.DataFrame:
    """Read a hand coding (see data/annotations/README.md)."""
    coding = pd.read_csv(path, keep_default_na=False, dtype={"start": "int64", "end": "int64"})
    coding["is_heading"] = coding["is_heading"].astype(str).str.lower().eq("true")
    return coding


SHEET_COLUMNS = ("story_id", "outlet", "start", "end", "context", "text", "is_heading", "source_type", "speaker", "note")


def coding_sheet(table: pd.DataFrame, n: int = 200, by: tuple[str, ...] = ("outlet",), seed: int = 1) -> pd.DataFrame:
    """A stratified sample of ``n`` sentences of ``table`` to hand-code, as a sheet with
    blank ``is_heading, source_type, speaker, note`` columns (the program's codes are not
    shown, so the coder is not led by them) and the sentence before it as ``context``.

    The strata are the combinations of the ``by`` columns (``outlet``, ``source_type``,
    ...): each gets an equal share of ``n`` as far as it has sentences, and what a small
    stratum cannot fill goes to the others, so rare kinds of sentence are coded too. The
    same ``seed`` draws the same sample. Headings and page furniture are left out."""
    missing = [column for column in by if column not in table]
    if missing:
        raise ValueError(f"no column {missing[0]!r} in the table to stratify by")
    coded = coded_sentences(table).copy()
    coded["context"] = table["text"].groupby(table["story_id"]).shift(1).reindex(coded.index)
    strata = [group for _, group in coded.groupby([coded[c].astype("object").fillna("(none)") for c in by], sort=True)] if by else [coded]
    quotas = _quotas([len(group) for group in strata], min(n, len(coded)))
    picked = [group.sample(quota, random_state=seed) for group, quota in zip(strata, quotas) if quota]
    sample = pd.concat(picked) if picked else coded.iloc[:0]
    sample = sample.sort_values(["story_id", "start"], kind="stable")
    sheet = sample.assign(is_heading="", source_type="", speaker="", note="")
    return sheet[list(SHEET_COLUMNS)].reset_index(drop=True)


def _quotas(sizes: list[int], n: int) -> list[int]:
    """Split ``n`` as evenly as ``sizes`` allow: no quota above its stratum's size."""
    quotas = [0] * len(sizes)
    left = n
    open_strata = [i for i, size in enumerate(sizes) if size]
    while left and open_strata:
        share, extra = divmod(left, len(open_strata))
        for rank, i in enumerate(open_strata):
            add = min(share + (rank < extra), sizes[i] - quotas[i])
            quotas[i] += add
            left -= add
        open_strata = [i for i in open_strata if quotas[i] < sizes[i]]
    return quotas


def stories_not_in(table: pd.DataFrame, coding: pd.DataFrame) -> list[str]:
    """The stories of a hand coding that the table does not have (a coding of another
    corpus, or of stories the table left out)."""
    if "story_id" not in coding:
        return []
    known = set(table["story_id"].astype(str))
    return sorted(set(coding["story_id"].astype(str)) - known)


def align(table: pd.DataFrame, coding: pd.DataFrame) -> pd.DataFrame:
    """Pair each hand-coded sentence with the table's row of the same story (when the
    coding names stories) at the same offsets.

    Returns the coding's rows with ``auto_type`` and ``auto_speaker`` added; a coded
    sentence that the table splits differently, or whose story it lacks, gets no
    automatic code (NaN).
    """
    keys = ["story_id", "start", "end"] if "story_id" in coding and "story_id" in table else ["start", "end"]
    auto = table[[*keys, "source_type", "speaker", "is_heading"]].rename(
        columns={"source_type": "auto_type", "speaker": "auto_speaker", "is_heading": "auto_heading"}
    )
    auto = auto.assign(auto_type=auto["auto_type"].astype("object"), auto_speaker=auto["auto_speaker"].astype("object"))
    if "story_id" in keys:
        auto = auto.assign(story_id=auto["story_id"].astype(str))
        coding = coding.assign(story_id=coding["story_id"].astype(str))
    return coding.merge(auto, on=keys, how="left")


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
