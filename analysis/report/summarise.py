"""Summarise the sentence table: who speaks, how much, how positively, in which frames.

Every function takes the sentence table (or part of it) and returns a DataFrame or a
dict of plain numbers; the notebooks chart them with ``plot.py``.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from ..coding.cues import load_cues
from ..coding.sourcetypes import SOURCE_TYPES, load_codebook


def coded_sentences(table: pd.DataFrame) -> pd.DataFrame:
    """Return the rows that carry a voice: the article's sentences, not its headings and
    not page furniture (every row of a table without those columns, such as the stance
    table). Every count, share, chart, target and stance starts from these rows."""
    keep = None
    for column in ("is_heading", "is_boilerplate"):
        if column in table:
            marked = table[column].astype(bool)
            keep = ~marked if keep is None else keep & ~marked
    return table if keep is None else table[keep]


def describe_run(name: str, table: pd.DataFrame, coding=None) -> str:
    """What a run's charts are computed from, for the note under each: the run, its
    stories and sentences (headings and page furniture left out), and its coding sheet."""
    sentences = coded_sentences(table)
    sheet = f"coding sheet {getattr(coding, 'name', coding)}" if coding else "no coding sheet"
    return f"Run '{name}': {table['story_id'].nunique():,} stories, {len(sentences):,} sentences; {sheet}."


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
    coded = coded_sentences(table)
    spoken = coded[coded["speaker"].notna()]
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


GAP_COLUMNS = ("name", "aliases", "source_type", "descriptor", "from_sheet", "sentences", "stories", "typed_as", "example")


def typing_coverage(table: pd.DataFrame) -> dict[str, int]:
    """Count the sentences attributed to anyone (not the narrator, not headings), and
    how many of them have a type other than ``unclassified``."""
    types = coded_sentences(table)["source_type"].astype("object")
    attributed = types.notna() & (types != "narrator")
    return {"attributed": int(attributed.sum()), "typed": int((attributed & (types != "unclassified")).sum())}


def codebook_gaps(table: pd.DataFrame, types: tuple[str, ...] = ("unclassified", "public"), with_conflicts: bool = True) -> pd.DataFrame:
    """List the speakers typed as one of ``types`` (by default those the codebook could
    not type, and the ordinary people, whose evidence is worth a second look), and, with
    ``with_conflicts``, the named speakers whom different stories' evidence types
    differently (``coding.people.conflicts``; ``typed_as`` then says "conflict: official in 12;
    public in 1"), most sentences first.

    Returns the columns of ``data/codebook/people.csv`` (``name``, ``aliases``,
    ``source_type`` left empty for the user to fill in, ``descriptor`` as the story
    gives it, ``from_sheet`` empty) and, after them, ``sentences``, ``stories``,
    ``typed_as`` (the type the table has now) and an ``example`` sentence. Rows whose
    ``source_type`` a user has filled in can be appended to people.csv as they are: the
    codebook reads only its own columns and skips rows with no type.
    """
    from ..coding.people import conflicts

    coded = coded_sentences(table)
    spoken = coded[coded["speaker"].notna()]
    conflicting = conflicts(coded) if with_conflicts else pd.DataFrame(columns=["name", "types"])
    listed = spoken["source_type"].astype("object").isin(types) | spoken["speaker"].astype(str).isin(set(conflicting["name"]))
    spoken = spoken[listed]
    if spoken.empty:
        return pd.DataFrame(columns=list(GAP_COLUMNS))
    spoken = spoken.assign(speaker=spoken["speaker"].astype(str), descriptor=spoken["descriptor"].astype("object"))
    grouped = spoken.groupby("speaker", sort=False)
    gaps = grouped.agg(
        descriptor=("descriptor", lambda d: next((x for x in d if isinstance(x, str) and x.strip()), "")),
        sentences=("text", "size"),
        stories=("story_id", "nunique"),
        typed_as=("source_type", lambda t: t.astype("object").mode().iloc[0]),
        example=("text", "first"),
    ).reset_index(names="name")
    described = dict(zip(conflicting["name"], conflicting["types"]))
    gaps["typed_as"] = [f"conflict: {described[name]}" if name in described else kind for name, kind in zip(gaps["name"], gaps["typed_as"])]
    gaps = gaps.assign(aliases="", source_type="", from_sheet="")
    gaps = gaps.sort_values(["sentences", "stories", "name"], ascending=[False, False, True], kind="stable")
    return gaps[list(GAP_COLUMNS)].reset_index(drop=True)


def story_labels(table: pd.DataFrame, width: int = 48) -> dict[str, str]:
    """A readable label for each story, in table order: its title (else its id),
    shortened to ``width`` characters, numbered "#2", "#3" ... where labels repeat."""
    firsts = table.drop_duplicates("story_id")
    labels, seen = {}, {}
    for story, title in zip(firsts["story_id"].astype(str), firsts["title"]):
        text = " ".join((title if isinstance(title, str) and title.strip() else story).split())
        text = text if len(text) <= width else text[: width - 1].rstrip() + "…"
        seen[text] = seen.get(text, 0) + 1
        labels[story] = text if seen[text] == 1 else f"{text} #{seen[text]}"
    return labels


def pool_stories(table: pd.DataFrame, top: int = 20) -> pd.DataFrame:
    """The table with ``story_id`` replaced by each story's readable label, for charts
    with a row per story; past ``top`` stories, only the ``top`` with the most sentences
    keep a row and the rest are pooled as "all N other stories". The original story of
    each row stays in ``pooled_from``, so that intervals can still resample whole stories."""
    labels = story_labels(table)
    if len(labels) > top:
        sizes = coded_sentences(table).groupby("story_id", observed=True).size().sort_values(ascending=False, kind="stable")
        kept = set(sizes.index[:top].astype(str))
        pooled = f"all {len(labels) - top} other stories"
        labels = {story: label if story in kept else pooled for story, label in labels.items()}
        order = [label for story, label in labels.items() if story in kept] + [pooled]
    else:
        order = list(labels.values())
    pooled_table = table.assign(story_id=table["story_id"].astype(str).map(labels), pooled_from=table["story_id"].astype(str))
    position = {label: rank for rank, label in enumerate(order)}
    return pooled_table.sort_values("story_id", key=lambda column: column.map(position), kind="stable")


def story_order(table: pd.DataFrame) -> list[str]:
    """Return the table's story ids in the order they first appear."""
    return [str(story) for story in pd.unique(table["story_id"])]


def bootstrap_ci(values, confidence: float = 0.95, resamples: int = 2000, seed: int = 0) -> tuple[float, float]:
    """Return the percentile bootstrap interval of the mean of ``values``.

    Uses ``scipy.stats.bootstrap`` with a fixed seed, so reruns give the same bounds.
    With fewer than two values, or values that are all equal, the interval is the mean
    itself (NaN for no values). SciPy is imported here, on first use, so that the
    command line's ``tabulate`` (which counts coverage with this module) never loads it.
    """
    from scipy import stats

    data = np.asarray(pd.Series(values, dtype="float64").dropna())
    if len(data) == 0:
        return float("nan"), float("nan")
    if len(data) < 2 or np.all(data == data[0]):
        return float(data.mean()), float(data.mean())
    result = stats.bootstrap(
        (data,), np.mean, confidence_level=confidence, n_resamples=resamples,
        method="percentile", random_state=np.random.default_rng(seed),
    )
    return float(result.confidence_interval.low), float(result.confidence_interval.high)


def story_bootstrap_ci(
    values: pd.Series, stories: pd.Series, confidence: float = 0.95, resamples: int = 2000, seed: int = 0
) -> tuple[float, float]:
    """The percentile bootstrap interval of the mean of ``values`` when whole stories are
    resampled (``stories`` names each value's story): sentences of one story are not
    independent, so the interval is as wide as the stories make it. With fewer than two
    stories the interval is the mean itself (NaN for no values)."""
    frame = pd.DataFrame({"value": pd.Series(values, dtype="float64").to_numpy(), "story": pd.Series(stories).to_numpy()}).dropna(subset=["value"])
    if frame.empty:
        return float("nan"), float("nan")
    sums = frame.groupby("story", sort=False)["value"].agg(["sum", "size"])
    if len(sums) < 2:
        mean = float(frame["value"].mean())
        return mean, mean
    rng = np.random.default_rng(seed)
    picks = rng.integers(0, len(sums), size=(resamples, len(sums)))
    means = sums["sum"].to_numpy()[picks].sum(axis=1) / sums["size"].to_numpy()[picks].sum(axis=1)
    tail = (1 - confidence) / 2 * 100
    low, high = np.percentile(means, [tail, 100 - tail])
    return float(low), float(high)


def mean_ci(table: pd.DataFrame, value: str, by: str | list[str]) -> pd.DataFrame:
    """Mean of ``value`` by group, with its 95% interval bootstrapped by story (by
    sentence when the groups are single stories, as in a chart of stories), the number
    of sentences ``n`` and of ``stories``.

    Returns one row per group (groups with no values left out) with ``n``, ``stories``,
    ``mean``, ``ci_low`` and ``ci_high``; headings are left out. ``by`` is any column or
    columns of the table (``source_type``, ``outlet``, ``period``, ...).
    """
    by = [by] if isinstance(by, str) else list(by)
    coded = coded_sentences(table).dropna(subset=[value, *by])
    rows = []
    for key, group in coded.groupby(by, sort=False, observed=True):
        stories = group["pooled_from"] if "pooled_from" in group else group["story_id"]
        one_story = "story_id" in by and stories.nunique() == 1
        low, high = bootstrap_ci(group[value]) if one_story else story_bootstrap_ci(group[value], stories)
        key = key if isinstance(key, tuple) else (key,)
        rows.append({
            **dict(zip(by, key)), "n": len(group), "stories": stories.nunique(),
            "mean": float(group[value].mean()), "ci_low": low, "ci_high": high,
        })
    return pd.DataFrame(rows, columns=[*by, "n", "stories", "mean", "ci_low", "ci_high"])


def shares_by(table: pd.DataFrame, by: str) -> pd.DataFrame:
    """Sentences by source type within each group of ``by`` (``outlet``, ``period``, a
    story, ...): one row per group and type (all nine types) with ``sentences``,
    ``share`` of the group's non-heading sentences, and the group's ``stories``. Rows
    whose ``by`` is missing are left out."""
    coded = coded_sentences(table).dropna(subset=[by])
    if coded.empty:
        return pd.DataFrame(columns=[by, "source_type", "sentences", "share", "stories"])
    types = pd.Categorical(coded["source_type"], categories=list(SOURCE_TYPES))
    counts = pd.crosstab(coded[by].astype("object"), types).reindex(columns=list(SOURCE_TYPES), fill_value=0)
    stories = coded.groupby(coded[by].astype("object"))["story_id"].nunique()
    long = counts.stack().rename("sentences").reset_index()
    long.columns = [by, "source_type", "sentences"]
    totals = long.groupby(by)["sentences"].transform("sum")
    long["share"] = long["sentences"] / totals.where(totals > 0)
    long["stories"] = long[by].map(stories).astype("int64")
    return long


def with_period(table: pd.DataFrame) -> tuple[pd.DataFrame, str]:
    """The table with a ``period`` column, the week or month of each story's date
    (weeks when the dates span at most 26 weeks, else months), and the unit's name.
    Rows without a date get no period."""
    dates = pd.to_datetime(table["date"], errors="coerce")
    span = dates.max() - dates.min() if dates.notna().any() else pd.Timedelta(0)
    unit = "week" if span <= pd.Timedelta(weeks=26) else "month"
    periods = dates.dt.to_period("W-SUN" if unit == "week" else "M").dt.start_time
    return table.assign(period=periods), unit


def all_periods(table: pd.DataFrame, unit: str) -> pd.DatetimeIndex:
    """Every week or month (``unit``) from the first to the last ``period`` of ``table``
    (from ``with_period``), those without a story included, so that time axes show gaps."""
    dated = pd.to_datetime(table["period"]).dropna() if "period" in table else pd.Series(dtype="datetime64[ns]")
    if dated.empty:
        return pd.DatetimeIndex([])
    return pd.date_range(dated.min(), dated.max(), freq="W-MON" if unit == "week" else "MS")


def time_coverage(table: pd.DataFrame, unit: str) -> dict:
    """What a chart over time rests on: ``stories``, ``dated`` and ``undated`` stories,
    ``periods`` (weeks or months from first to last), ``empty`` periods without a story,
    and ``one_outlet_per_period``: true when the stories come from two outlets or more but
    every period with stories has one outlet only (then a change over time is a change of
    outlet)."""
    stories = table.drop_duplicates("story_id")
    dated = stories.dropna(subset=["period"]) if "period" in stories else stories.iloc[:0]
    periods = all_periods(table, unit)
    outlets = dated.groupby("period")["outlet"].nunique(dropna=True) if len(dated) else pd.Series(dtype=int)
    return {
        "stories": len(stories), "dated": len(dated), "undated": len(stories) - len(dated), "periods": len(periods),
        "empty": len(periods) - dated["period"].nunique(),
        "one_outlet_per_period": bool(len(dated) and dated["outlet"].nunique() > 1 and (outlets <= 1).all()),
    }


def time_note(coverage: dict, unit: str) -> str:
    """A chart's note on what its time axis leaves out or conflates (``time_coverage``)."""
    parts = []
    if coverage["undated"]:
        parts.append(f"{coverage['undated']} of {coverage['stories']} stories have no date and are left out")
    if coverage["empty"]:
        parts.append(f"{coverage['empty']} of {coverage['periods']} {unit}s have no story")
    if coverage["one_outlet_per_period"]:
        parts.append(f"CAUTION: every {unit} holds stories of one outlet only, so a change over time is also a change of outlet")
    return "; ".join(parts) + ("." if parts else "")


def top_speakers(table: pd.DataFrame, by: str = "outlet", top: int = 5) -> pd.DataFrame:
    """The ``top`` named speakers of each group of ``by`` by attributed sentences, with
    their source type and stories. Only names count (``speaker_kind``): groups,
    pronouns, nationality words and descriptions are left out (``unnamed_speakers``
    counts them)."""
    spoken = _attributed(table, by)
    spoken = spoken[_speaker_kinds(spoken["speaker"]) == "name"]
    counts = spoken.groupby([by, "speaker"], observed=True).agg(
        sentences=("text", "size"), stories=("story_id", "nunique"), source_type=("source_type", lambda s: s.mode().iat[0])
    ).reset_index()
    counts = counts.sort_values([by, "sentences", "speaker"], ascending=[True, False, True])
    return counts.groupby(by, observed=True).head(top).reset_index(drop=True)


def unnamed_speakers(table: pd.DataFrame, by: str = "outlet") -> pd.DataFrame:
    """The attributed sentences of each group of ``by`` whose speaker is not a name, by
    kind (``speaker_kind``: group, pronoun, nationality, description), with an example
    of each: what a chart of named speakers leaves out."""
    spoken = _attributed(table, by)
    spoken = spoken.assign(kind=_speaker_kinds(spoken["speaker"]))
    spoken = spoken[spoken["kind"] != "name"]
    if spoken.empty:
        return pd.DataFrame(columns=[by, "kind", "sentences", "example"])
    return spoken.groupby([by, "kind"], observed=True).agg(
        sentences=("text", "size"), example=("speaker", lambda s: s.mode().iat[0])
    ).reset_index()


def _speaker_kinds(speakers: pd.Series) -> pd.Series:
    """``speaker_kind`` of each speaker, each distinct name judged once."""
    nationalities = load_codebook().nationalities
    kinds = {speaker: speaker_kind(speaker, nationalities) for speaker in pd.unique(speakers.astype("object"))}
    return speakers.astype("object").map(kinds)


def _attributed(table: pd.DataFrame, by: str) -> pd.DataFrame:
    """The sentences of ``table`` with a speaker other than the narrator, and a ``by``."""
    spoken = coded_sentences(table)
    return spoken[spoken["speaker"].notna() & (spoken["source_type"] != "narrator")].dropna(subset=[by])


SPEAKER_KINDS = ("name", "group", "pronoun", "nationality", "description")
_PRONOUNS = frozenset("he she they it we i you his her their its them him us one".split())
_QUANTIFIERS = frozenset("many some several most few both all other others various numerous two three four five dozens hundreds".split())


def speaker_kind(speaker: str, nationalities: set[str] | frozenset[str] | None = None) -> str:
    """What a speaker's name is: ``name`` (a proper name: "Tony Blair", "The Washington
    Post", "Rep. Jim Clyburn (D-S.C.)"), ``pronoun`` ("she"), ``nationality`` (a
    nationality word of the codebook's states: "Chinese", "Europeans"), ``group`` (a
    quantity or a list of people: "Many Europeans", "Chinese officials and experts") or
    ``description`` (common nouns: "mother", "a spokesman")."""
    words = str(speaker).split()
    if not words:
        return "description"
    if len(words) == 1 and words[0].lower() in _PRONOUNS and words[0] in (words[0].lower(), words[0].capitalize()):
        return "pronoun"
    nationalities = load_codebook().nationalities if nationalities is None else nationalities
    if all(word in nationalities or word.rstrip("s") in nationalities for word in words):
        return "nationality"
    if words[0].lower() in _QUANTIFIERS or any(word.lower() in ("and", "&") for word in words):
        return "group"
    alphabetic = [word for word in words if re.search(r"[A-Za-z]", word)]
    if not alphabetic or not alphabetic[0][0].isupper() or not re.sub(r"^\W+", "", alphabetic[-1])[:1].isupper():
        return "description"
    return "name"


def quote_kinds(table: pd.DataFrame) -> pd.DataFrame:
    """Count attributed sentences by source type and quotation kind (direct, indirect).

    Returns one row per source type that speaks, with ``direct``, ``indirect`` and
    ``share_direct``; the narrator is left out.
    """
    spoken = coded_sentences(table)
    spoken = spoken[spoken["quote"].isin(["direct", "indirect"]) & (spoken["source_type"] != "narrator")]
    counts = pd.crosstab(spoken["source_type"].astype("object"), spoken["quote"].astype("object"))
    counts = counts.reindex(columns=["direct", "indirect"], fill_value=0)
    counts = counts.reindex([t for t in SOURCE_TYPES if t in counts.index])
    counts["share_direct"] = counts["direct"] / (counts["direct"] + counts["indirect"])
    counts.index.name = "source_type"
    return counts.reset_index()


def cue_category(cue, text, outlet, lexicon=None) -> str | None:
    """Name the reporting cue of a sentence by its verb ("said" and "has said" are
    "say"), keeping "told <outlet>" apart when sources speak to the story's own outlet;
    ``lexicon`` is the cue lexicon (default ``load_cues()``)."""
    if cue is None or pd.isna(cue):
        return None
    matches = (lexicon or load_cues()).find(str(cue))
    verb = matches[-1].value.verb if matches else " ".join(str(cue).lower().split())
    if verb == "tell" and isinstance(outlet, str) and outlet and re.search(rf"\btold\s+(?:the\s+)?{re.escape(outlet)}", str(text)):
        return f"tell {outlet}"
    return verb


def cue_counts(table: pd.DataFrame, top: int = 12) -> pd.DataFrame:
    """Count attributed sentences by reporting cue (see ``cue_category``) and source type.

    Returns the ``top`` most frequent cues as rows, source types as columns, and a
    ``total`` column, most frequent first.
    """
    spoken = coded_sentences(table)
    spoken = spoken[spoken["cue"].notna() & (spoken["source_type"] != "narrator")]
    lexicon = load_cues()
    categories = [cue_category(c, t, o, lexicon) for c, t, o in zip(spoken["cue"], spoken["text"], spoken["outlet"])]
    counts = pd.crosstab(pd.Series(categories, name="cue", index=spoken.index), spoken["source_type"].astype("object"))
    counts = counts.reindex(columns=[t for t in SOURCE_TYPES if t in counts.columns])
    counts["total"] = counts.sum(axis=1)
    return counts.sort_values("total", ascending=False, kind="stable").head(top)


def lexicon_agreement(table: pd.DataFrame) -> dict[str, float]:
    """How far TextBlob polarity and VADER compound agree on the table's sentences:
    ``n``, Pearson's r and Spearman's rho (headings left out)."""
    coded = coded_sentences(table)[["polarity", "vader"]].dropna()
    if len(coded) < 3:
        return {"n": len(coded), "pearson": float("nan"), "spearman": float("nan")}
    return {
        "n": len(coded),
        "pearson": float(coded["polarity"].corr(coded["vader"], method="pearson")),
        "spearman": float(coded["polarity"].corr(coded["vader"], method="spearman")),
    }


def lexicon_disagreements(table: pd.DataFrame, top: int = 10) -> pd.DataFrame:
    """The sentences on which TextBlob polarity and VADER compound differ most, with the
    difference ``vader - polarity``."""
    coded = coded_sentences(table).assign(difference=lambda t: t["vader"] - t["polarity"])
    order = coded["difference"].abs().sort_values(ascending=False, kind="stable").index[:top]
    return coded.loc[order, ["story_id", "source_type", "text", "polarity", "vader", "difference"]]


def extreme_sentences(table: pd.DataFrame, score: str = "vader", top: int = 2) -> pd.DataFrame:
    """The ``top`` most positive and most negative sentences of each source type by
    ``score``; ``end`` says which."""
    coded = coded_sentences(table).dropna(subset=[score])
    parts = []
    for _, group in coded.groupby("source_type", sort=False, observed=True):
        ranked = group.sort_values(score, kind="stable")
        parts.append(ranked.tail(top).iloc[::-1].assign(end="most positive"))
        parts.append(ranked.head(top).assign(end="most negative"))
    if not parts:
        return pd.DataFrame(columns=["source_type", "end", "text", "polarity", "vader"])
    result = pd.concat(parts)
    result["source_type"] = pd.Categorical(result["source_type"].astype("object"), categories=list(SOURCE_TYPES))
    result = result.sort_values(["source_type", "end"], ascending=[True, False], kind="stable")
    return result[["source_type", "end", "story_id", "speaker", "text", "polarity", "vader"]]


def split_labels(column: pd.Series) -> pd.Series:
    """Split a ";"-joined column (``frames``, ``targets``) into lists."""
    return column.fillna("").astype(str).map(lambda cell: [item for item in cell.split(";") if item])


def frame_shares(table: pd.DataFrame, by: str, frames: list[str], column: str = "frames") -> pd.DataFrame:
    """Share of each group's sentences that show each frame (or, with ``column=
    "targets"``, that mention each target, given as ``frames``).

    Returns one row per group and frame with ``sentences`` (the group's non-heading
    sentences), its ``stories``, ``with_frame`` and ``share``; rows whose ``by`` is
    missing are left out.
    """
    coded = coded_sentences(table).dropna(subset=[by])
    found = split_labels(coded[column])
    rows = []
    for key, index in coded.groupby(by, sort=False, observed=True).groups.items():
        group_frames = found.loc[index]
        stories = coded.loc[index, "story_id"].nunique()
        for frame in frames:
            hits = sum(frame in items for items in group_frames)
            rows.append({by: key, "frame": frame, "sentences": len(index), "stories": stories, "with_frame": hits, "share": hits / len(index)})
    return pd.DataFrame(rows, columns=[by, "frame", "sentences", "stories", "with_frame", "share"])


def target_shares(table: pd.DataFrame, by: str, targets: list[str]) -> pd.DataFrame:
    """Share of each group's sentences that mention each target (``frame_shares`` over
    the ``targets`` column), keeping only the targets mentioned at least once, in the
    order of ``targets``: columns ``by, target, sentences, stories, with_target, share``."""
    shares = frame_shares(table, by, targets, column="targets").rename(columns={"frame": "target", "with_frame": "with_target"})
    mentioned = shares.groupby("target", sort=False)["with_target"].sum()
    return shares[shares["target"].isin(mentioned.index[mentioned > 0])].reset_index(drop=True)


def frame_examples(table: pd.DataFrame, vocabulary, per_frame: int = 3) -> pd.DataFrame:
    """The first ``per_frame`` sentences showing each frame, with the ``cues`` that put
    the frame on them (``vocabulary``: the run's ``FramingVocabulary``): columns
    ``frame, cues, source_type, speaker, text``."""
    coded = coded_sentences(table)
    examples = coded.assign(frame=split_labels(coded["frames"])).explode("frame").dropna(subset=["frame"])
    examples = examples.groupby("frame", sort=False).head(per_frame)
    cues = [
        ", ".join(dict.fromkeys(f"{cue.text} ({cue.cue})" for cue in vocabulary.frame_cues_in(text, source_type) if cue.frame == frame))
        for text, source_type, frame in zip(examples["text"], examples["source_type"].astype(object), examples["frame"])
    ]
    return examples.assign(cues=cues)[["frame", "cues", "source_type", "speaker", "text"]]


def story_overview(table: pd.DataFrame) -> pd.DataFrame:
    """One row per story, indexed by ``story_id``: its ``title`` and ``date``, and how
    many of its rows are ``headings``, ``furniture`` and coded ``sentences``."""
    per_story = table.groupby("story_id", sort=False, observed=True).agg(
        title=("title", "first"), date=("date", "first"), rows=("text", "size"),
        headings=("is_heading", "sum"), furniture=("is_boilerplate", "sum"),
    )
    return per_story.assign(sentences=per_story["rows"] - per_story["headings"] - per_story["furniture"]).drop(columns="rows")


def stance_by_target(table: pd.DataFrame, score: str = "vader") -> pd.DataFrame:
    """Stance toward each target by source type: the mean ``score`` of the sentences
    that mention the target, with n and a bootstrap 95% interval."""
    coded = coded_sentences(table)
    mentions = coded.assign(target=split_labels(coded["targets"])).explode("target").dropna(subset=["target"])
    return mean_ci(mentions, score, ["target", "source_type"])


def contrast_sentences(table: pd.DataFrame) -> pd.DataFrame:
    """The sentences that set one side against another, with their marker."""
    coded = coded_sentences(table)
    return coded.loc[coded["contrast"].notna(), ["story_id", "source_type", "speaker", "contrast", "text"]]


ARTICLE_LEAD = 5  # sentences, headline included, that make an article's lead


def article_frame_statistics(table: pd.DataFrame, frames: list[str]) -> pd.DataFrame:
    """How much each story shows each frame, from the ``frames`` column of its sentences
    (headline and headings included: annotators of frames read the title and lead first).

    Returns one row per story and frame with ``sentences`` (the story's), ``words``,
    ``with_frame`` (sentences showing the frame), ``share`` (of the sentences),
    ``per_100_words`` (sentences showing it per 100 words) and ``lead`` (of the first
    ``ARTICLE_LEAD`` sentences), plus the story's ``outlet`` and ``date`` (and ``period``,
    when ``table`` has one: ``with_period``)."""
    columns = ["story_id", "outlet", "date", *(["period"] if "period" in table else []), "frame", "sentences", "words", "with_frame",
               "share", "per_100_words", "lead"]
    if table.empty:
        return pd.DataFrame(columns=columns)
    stories = table["story_id"].astype("object").to_numpy()
    lead = (table.groupby("story_id", sort=False, observed=True).cumcount() < ARTICLE_LEAD).to_numpy()
    cells = ";" + table["frames"].fillna("").astype(str) + ";"
    per_story = pd.DataFrame({
        "story_id": stories,
        "sentences": 1,
        "words": table["text"].fillna("").astype(str).str.split().str.len().to_numpy(),
    }).groupby("story_id", sort=False).sum()
    firsts = table.drop_duplicates("story_id").set_index(table.drop_duplicates("story_id")["story_id"].astype("object"))
    pieces = []
    for frame in frames:
        shows = cells.str.contains(";" + frame + ";", regex=False).to_numpy()
        counts = pd.DataFrame({"story_id": stories, "with_frame": shows.astype(int), "lead": (shows & lead).astype(int)}).groupby(
            "story_id", sort=False).sum()
        part = per_story.join(counts)
        pieces.append(pd.DataFrame({
            "story_id": part.index, "outlet": firsts["outlet"].reindex(part.index).to_numpy() if "outlet" in firsts else None,
            "date": firsts["date"].reindex(part.index).to_numpy() if "date" in firsts else None,
            "period": firsts["period"].reindex(part.index).to_numpy() if "period" in firsts else None, "frame": frame,
            "sentences": part["sentences"].to_numpy(), "words": part["words"].to_numpy(), "with_frame": part["with_frame"].to_numpy(),
            "share": part["with_frame"].to_numpy() / part["sentences"].to_numpy(),
            "per_100_words": 100 * part["with_frame"].to_numpy() / np.maximum(part["words"].to_numpy(), 1), "lead": part["lead"].to_numpy(),
        }))
    order = {story: number for number, story in enumerate(per_story.index)}
    result = pd.concat(pieces, ignore_index=True)
    result = result.iloc[np.lexsort((result["frame"].map({f: i for i, f in enumerate(frames)}).to_numpy(), result["story_id"].map(order).to_numpy()))]
    return result[columns].reset_index(drop=True)


def article_frames(table: pd.DataFrame, vocabulary) -> pd.DataFrame:
    """Which frames each story shows, by the frame set's article rules
    (``article_rules.csv``): ``article_frame_statistics`` with a column ``shows``."""
    statistics = article_frame_statistics(table, list(vocabulary.frames))
    statistics["shows"] = False
    for frame, rule in vocabulary.article_rules.items():
        rows = statistics["frame"] == frame
        statistics.loc[rows, "shows"] = rule.shows(statistics[rows])
    return statistics


def story_frame_shares(articles: pd.DataFrame, labels: dict[str, str], by: str | None = None) -> pd.DataFrame:
    """The share of stories that show each frame (``articles``: ``article_frames``),
    over all stories or per group of ``by`` (an ``articles`` column such as ``outlet``;
    stories where it is missing are left out). One row per group and frame with
    ``label``, ``stories``, ``showing`` and ``share``, frames in the set's order."""
    keys = [by] if by else []
    rows = articles.dropna(subset=keys) if by else articles
    if rows.empty:
        return pd.DataFrame(columns=[*keys, "frame", "label", "stories", "showing", "share"])
    grouped = rows.groupby([*keys, "frame"], sort=False, observed=True)["shows"].agg(stories="size", showing="sum").reset_index()
    grouped["showing"] = grouped["showing"].astype(int)
    grouped["share"] = grouped["showing"] / grouped["stories"]
    grouped["label"] = grouped["frame"].map(labels)
    return grouped[[*keys, "frame", "label", "stories", "showing", "share"]]


def codebook_rows_from_sheet(table: pd.DataFrame, sample) -> pd.DataFrame:
    """Proposed ``people.csv`` rows from a filled coding sheet (``sample``, as
    ``sampling.read_coding_sheet`` reads it): one per named speaker that the coder typed
    (any type but ``narrator`` and ``unclassified``) where the program left the sentence
    ``unclassified`` or typed it otherwise, most coded sentences first.

    ``name`` is the coder's ``speaker`` (else the program's), ``aliases`` the program's
    other names for it, ``source_type`` the coder's type (the one most of its coded
    sentences have), ``descriptor`` the program's description, ``from_sheet`` the
    sheet's fingerprint (``sampling.sheet_fingerprint``), then ``sentences`` and
    ``stories`` coded, ``typed_as`` the program's types there and an ``example``. Only
    names become rows: people.csv matches names as written; a speaker the coder named by
    a description ("a club spokesman") needs a word in roles.csv instead. Review the
    rows, then append them to people.csv; the sheet has then taught the codebook and
    must not also correct estimates."""
    from ..coding.people import is_name

    sentences = coded_sentences(table).reset_index(drop=True)
    rows = sample.rows
    hand = rows["source_type"].astype(str)
    program = sentences["source_type"].astype("object").to_numpy()[rows["row"].to_numpy()]
    program_speaker = sentences["speaker"].astype("object").to_numpy()[rows["row"].to_numpy()]
    picked = (~rows["is_heading"].astype(bool)) & ~hand.isin(["narrator", "unclassified", ""]) & (hand.to_numpy() != program)
    coded = pd.DataFrame({
        "hand_speaker": rows["speaker"].astype(str).str.strip(),
        "program_speaker": program_speaker,
        "source_type": hand,
        "typed_as": program,
        "story_id": rows["story_id"].astype(str),
        "row": rows["row"],
    })[picked.to_numpy()]
    coded["name"] = [h if h else (p if isinstance(p, str) else "") for h, p in zip(coded["hand_speaker"], coded["program_speaker"])]
    coded = coded[[is_name(name) for name in coded["name"]]]
    columns = list(GAP_COLUMNS)
    if coded.empty:
        return pd.DataFrame(columns=columns)
    descriptors = sentences["descriptor"].astype("object").to_numpy()
    texts = sentences["text"].astype(str).to_numpy()
    proposed = []
    for name, group in coded.groupby("name", sort=False):
        types = group["source_type"].value_counts()
        aliases = sorted({p for p in group["program_speaker"] if isinstance(p, str) and p != name and is_name(p)})
        described = next((d for d in descriptors[group["row"].to_numpy()] if isinstance(d, str) and d.strip()), "")
        proposed.append({
            "name": name, "aliases": "|".join(aliases), "source_type": types.index[0], "descriptor": described,
            "from_sheet": sample.fingerprint, "sentences": len(group), "stories": group["story_id"].nunique(),
            "typed_as": "; ".join(sorted({str(t) if isinstance(t, str) else "heading" for t in group["typed_as"]})),
            "example": texts[group["row"].iloc[0]],
        })
    result = pd.DataFrame(proposed, columns=columns)
    return result.sort_values(["sentences", "stories", "name"], ascending=[False, False, True], kind="stable").reset_index(drop=True)
