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
    stories = pd.Categorical(coded["story_id"], categories=list(pd.unique(table["story_id"])))
    grouped = coded.assign(story_id=stories, source_type=types).groupby(["story_id", "source_type"], observed=False)
    summary = grouped.agg(sentences=("text", "size"), mean_polarity=("polarity", "mean")).reset_index()
    totals = summary.groupby("story_id", observed=True)["sentences"].transform("sum")
    summary["share"] = summary["sentences"] / totals.where(totals > 0)
    summary["sentences"] = summary["sentences"].astype("int64")
    summary["story_id"] = summary["story_id"].astype("string")
    return summary[["story_id", "source_type", "sentences", "share", "mean_polarity"]]


def speakers_table(table: pd.DataFrame) -> pd.DataFrame:
    """List each story's speakers in order of first appearance.

    Returns one row per story and speaker with the ``descriptor`` as written in the
    story, the ``source_type``, the number of ``sentences`` attributed to the speaker,
    and the ``first_sentence`` (its ``sentence_id``) and ``first_position`` (0 to 1).
    The narrator is left out.
    """
    spoken = table[table["speaker"].notna() & ~table["is_heading"].astype(bool)]
    grouped = spoken.groupby(["story_id", "speaker"], sort=False, observed=True)
    speakers = grouped.agg(
        descriptor=("descriptor", "first"),
        source_type=("source_type", "first"),
        sentences=("text", "size"),
        first_sentence=("sentence_id", "min"),
        first_position=("position", "min"),
    ).reset_index()
    story_order = {story: rank for rank, story in enumerate(pd.unique(table["story_id"]))}
    speakers = speakers.assign(_story=speakers["story_id"].map(story_order))
    return speakers.sort_values(["_story", "first_sentence"]).drop(columns="_story").reset_index(drop=True)
