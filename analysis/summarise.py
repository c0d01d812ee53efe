"""Summarise the sentence table: who speaks, how much, and how positively."""

from __future__ import annotations

import pandas as pd

from .sourcetypes import SOURCE_TYPES


def coded_sentences(table: pd.DataFrame) -> pd.DataFrame:
    """Return the rows that carry a voice: every sentence that is not a heading."""
    return table[~table["is_heading"].astype(bool)]


def source_type_summary(table: pd.DataFrame) -> pd.DataFrame:
    """Count sentences by story and source type.

    Returns one row per story and source type (all eight types, zero where absent) with
    ``sentences``, ``share`` of the story's non-heading sentences, and
    ``mean_polarity`` (TextBlob; NaN where there are no sentences).
    """
    coded = coded_sentences(table)
    types = pd.Categorical(coded["source_type"], categories=list(SOURCE_TYPES))
    grouped = coded.assign(source_type=types).groupby(["story_id", "source_type"], observed=False)
    summary = grouped.agg(sentences=("text", "size"), mean_polarity=("polarity", "mean")).reset_index()
    totals = summary.groupby("story_id", observed=True)["sentences"].transform("sum")
    summary["share"] = summary["sentences"] / totals.where(totals > 0)
    summary["sentences"] = summary["sentences"].astype("int64")
    return summary[["story_id", "source_type", "sentences", "share", "mean_polarity"]]
