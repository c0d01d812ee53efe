"""Corrected estimates: every share and mean of the program's coding corrected by a
hand-coded probability sample of its sentences, with intervals that allow for the
coding's errors and for sentences of one story being alike.

The method is design-based supervised learning (DSL; Egami, Hinck, Stewart and Wei,
2023), which for a mean is prediction-powered inference (Angelopoulos et al., 2023)
with the sample's known inclusion probabilities. For every sentence ``i`` of the table,
with the program's value ``f_i`` (an indicator of its source type or of a frame, or a
tone score times a type's indicator), the hand-coded value ``y_i`` where it was coded
(``R_i = 1``), and the probability ``pi_i`` with which the sheet drew it, the
pseudo-outcome

    y~_i = f_i + R_i / pi_i * (y_i - f_i)

has the true value's expectation whatever the program's errors. A share or a mean is a
ratio of two sums of pseudo-outcomes (a type's sentences over all sentences; the tone of
a type's sentences over their number). Its standard error comes from the delta method
and a cluster-robust variance with stories as clusters (statsmodels' sandwich), and its
interval from Student's t with Welch-Satterthwaite degrees of freedom, which shrink when
the interval rests on corrections in a few stories. The intervals carry both kinds of
uncertainty: which sentences were hand-coded, and which stories the corpus happens to
hold, so they speak for the outlets' coverage and not only for these articles.

Assumptions: the sheet is a probability sample whose ``inclusion`` is right (``sample``
records it); the hand coding is right; the program's codes of the coded sentences were
not changed by learning from those same sentences (rows used to extend the codebook
must not also correct estimates: use a separate draw). Where a group has too few coded
sentences or stories, or a category too few coded cases, for an interval to hold (the
thresholds below come from the simulation in ``tests/test_estimates.py``), no corrected
estimate is given and ``method`` says why.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from .sampling import CodedSample, read_coding_sheet
from ..coding.sourcetypes import SOURCE_TYPES
from .summarise import coded_sentences

MEASURES = ("source_type_share", "vader_by_source_type", "polarity_by_source_type", "frame_share")
COLUMNS = ("measure", "group", "category", "naive", "estimate", "low", "high", "coded", "sentences", "method")
ALL = "all"
CORRECTED = "DSL: corrected by the hand coding; story-clustered t interval"
UNCORRECTED = "uncorrected: the program's codes taken as true; story-clustered t interval"
TONE_COLUMNS = {"vader_by_source_type": "vader", "polarity_by_source_type": "polarity"}
SHARES = ("source_type_share", "frame_share")
# A group needs this many coded sentences and stories for a corrected interval; a share
# needs this many coded sentences in which the hand coding or the program names its
# category (and one by hand, unless the uncoded sentences the program gives it leave its
# interval some width), and a type's mean tone this many coded sentences of the type by
# hand.
MIN_CODED = 30
MIN_STORIES = 5
MIN_CATEGORY = 2
MIN_TONE = 10


def estimate(
    table: pd.DataFrame,
    coding: str | Path | pd.DataFrame | CodedSample | None,
    by: str | None = None,
    frames: tuple[str, ...] | list[str] | None = None,
    measures: tuple[str, ...] = MEASURES,
    confidence: float = 0.95,
) -> pd.DataFrame:
    """Naive and corrected estimates of ``measures`` over the sentences of ``table``.

    ``coding`` is a filled coding sheet (a path, a DataFrame, or one already read by
    ``sampling.read_coding_sheet``), or None for the program's codes alone; ``by`` a
    column of the table to estimate within each value of (group ``all`` is every
    sentence; sentences without a value count only there); ``frames`` the names of the
    run's frame set (needed for ``frame_share``). Returns one row per measure, group and
    category with the columns ``COLUMNS``: ``naive`` from the program's codes,
    ``estimate`` and its ``confidence`` interval ``low``-``high`` (corrected by the
    coding; without one, the naive value with its interval), empty where ``method``
    says why not; ``coded`` the group's hand-coded sentences; ``sentences`` its
    sentences (headings and page furniture left out). Shares are fractions from 0 to 1;
    tone means are on each lexicon's scale (-1 to 1). ``attrs["coding"]`` says whether a
    sheet corrected it, ``attrs["messages"]`` what reading the sheet assumed or left out."""
    frames = tuple(frames or ())
    if by is not None and by not in table:
        raise ValueError(f"no column {by!r} in the table to estimate by")
    unknown = [measure for measure in measures if measure not in MEASURES]
    if unknown:
        raise ValueError(f"unknown measure {unknown[0]!r}; choose from {', '.join(MEASURES)}")
    if coding is None:
        sample = None
    else:
        sample = coding if isinstance(coding, CodedSample) else read_coding_sheet(coding, table, frames)
        warn_if_taught(sample)
    sentences = coded_sentences(table).reset_index(drop=True)
    design = _Design(sentences, sample)
    groups = [(ALL, np.ones(len(sentences), dtype=bool))]
    if by is not None:
        values = sentences[by].astype("object")
        groups += [(str(value), (values == value).to_numpy()) for value in pd.unique(values.dropna())]
    pieces = [
        _estimate_group(measure, values, design, group, members, confidence)
        for measure in measures
        for values in [_Values(measure, sentences, design, frames)]
        for group, members in groups
    ]
    result = pd.concat(pieces, ignore_index=True) if pieces else pd.DataFrame(columns=list(COLUMNS))
    result = result[list(COLUMNS)]
    result.attrs["messages"] = list(sample.messages) if sample else []
    result.attrs["coding"] = sample is not None
    return result


def warn_if_taught(sample: CodedSample) -> None:
    """Warn when ``sample``'s sheet taught the codebook (``gaps --from-sheet``): rows used
    to change the codebook must not also correct estimates."""
    if sample.taught_codebook:
        import warnings

        from .sampling import TaughtCodebookWarning, taught_message

        warnings.warn(TaughtCodebookWarning(taught_message("the coding sheet", sample.taught_codebook)), stacklevel=3)


class _Design:
    """Which sentences were hand-coded (``rows``), with what weight (1 / inclusion), with
    what codes, and which story each sentence belongs to."""

    def __init__(self, sentences: pd.DataFrame, sample: CodedSample | None):
        rows = sample.rows if sample is not None else pd.DataFrame(columns=["row", "inclusion", "is_heading", "source_type", "frames"])
        self.sample = sample
        self.rows = rows["row"].to_numpy(dtype=int)
        self.weights = 1.0 / rows["inclusion"].to_numpy(dtype=float)
        self.content = ~rows["is_heading"].to_numpy(dtype=bool)
        self.types = rows["source_type"].to_numpy(dtype=object)
        self.frames = rows["frames"].tolist()
        self.stories = pd.factorize(sentences["story_id"].astype(str))[0]

    def corrections(self, predicted: np.ndarray, truth: np.ndarray) -> np.ndarray:
        """What turns the program's values into pseudo-outcomes: zero except at the coded
        rows, where it is their weighted difference from the hand-coded values (columns
        are categories)."""
        values = np.zeros(predicted.shape)
        values[self.rows] = self.weights[:, None] * (truth - predicted[self.rows])
        return values


class _Values:
    """A measure's categories and, for its numerator and denominator, the program's
    values over all sentences (``predicted``) and the hand-coded values over the coded
    ones (``truth``), each a pair of arrays with a column per category; ``cases`` marks
    the coded sentences that bear on each category."""

    def __init__(self, measure: str, sentences: pd.DataFrame, design: _Design, frames: tuple[str, ...]):
        self.measure = measure
        content = design.content[:, None].astype(float)
        if measure == "frame_share":
            self.categories = list(frames)
            shown = [set(cell.split(";")) for cell in sentences["frames"].fillna("").astype(str)]
            found = _indicator_matrix(shown, self.categories)
            coded = _indicator_matrix([cell or set() for cell in design.frames], self.categories) * content
            self.predicted = (found, np.ones_like(found))
            self.truth = (coded, np.broadcast_to(content, coded.shape))
        else:
            self.categories = list(SOURCE_TYPES)
            types = sentences["source_type"].astype("object").to_numpy()
            found = np.stack([types == category for category in self.categories], axis=1).astype(float)
            coded = np.stack([design.types == category for category in self.categories], axis=1).astype(float).reshape(len(design.rows), len(self.categories)) * content
            if measure == "source_type_share":
                self.predicted = (found, np.ones_like(found))
                self.truth = (coded, np.broadcast_to(content, coded.shape))
            else:
                score = sentences[TONE_COLUMNS[measure]].to_numpy(dtype=float)[:, None]
                self.predicted = (found * score, found)
                self.truth = (coded * score[design.rows], coded)
        if measure in TONE_COLUMNS:
            self.cases = self.truth[1] > 0
            self.hand_cases = self.cases
        else:
            self.hand_cases = self.truth[0] > 0
            self.cases = self.hand_cases | (self.predicted[0][design.rows] > 0)


def _indicator_matrix(sets: list[set], categories: list[str]) -> np.ndarray:
    """A 0/1 matrix: a row per set, a column per category it holds."""
    return np.array([[category in found for category in categories] for found in sets], dtype=float).reshape(len(sets), len(categories))


def _estimate_group(measure: str, values: _Values, design: _Design, group: str, members: np.ndarray, confidence: float) -> pd.DataFrame:
    """The naive and corrected estimates of one measure's categories within one group."""
    predicted = tuple(part[members] for part in values.predicted)
    with np.errstate(invalid="ignore", divide="ignore"):
        naive = predicted[0].sum(axis=0) / predicted[1].sum(axis=0)
    in_group = members[design.rows]
    coded = int(in_group.sum())
    stories = design.stories[members]
    blank = np.full(len(values.categories), np.nan)
    estimate, low, high = blank, blank, blank
    reason = _group_reason(measure, design, coded, len(np.unique(stories)))
    if reason:
        methods = ["none: " + reason] * len(values.categories)
    else:
        corrections = tuple(design.corrections(whole, truth)[members] for whole, truth in zip(values.predicted, values.truth))
        estimate, low, high = _ratio_intervals(predicted, corrections, stories, confidence)
        bounds = (0.0, 1.0) if measure in SHARES else (-1.0, 1.0)
        estimate, low, high = np.clip(estimate, *bounds), np.clip(low, *bounds), np.clip(high, *bounds)
        methods = [_category_method(measure, design, values.cases[in_group, column].sum(), values.hand_cases[in_group, column].sum(),
                                    estimate[column], high[column] - low[column])
                   for column in range(len(values.categories))]
        usable = np.array([method in (CORRECTED, UNCORRECTED) for method in methods])
        estimate, low, high = (np.where(usable, result, np.nan) for result in (estimate, low, high))
    return pd.DataFrame({
        "measure": measure, "group": group, "category": values.categories, "naive": naive, "estimate": estimate,
        "low": low, "high": high, "coded": coded, "sentences": int(members.sum()), "method": methods,
    })


def _group_reason(measure: str, design: _Design, coded: int, stories: int) -> str:
    """Why a group gets no estimates with intervals, or "" when it can."""
    if stories < MIN_STORIES:
        return f"only {stories} stor{'y' if stories == 1 else 'ies'} in this group (need {MIN_STORIES} for a story-clustered interval)"
    if design.sample is None:
        return ""
    if measure == "frame_share" and not design.sample.frames_coded:
        return "the sheet codes no frames (fill its frames column to correct frame shares)"
    if coded < MIN_CODED:
        return f"only {coded} coded sentence(s) in this group (need {MIN_CODED})"
    return ""


def _category_method(measure: str, design: _Design, cases: int, hand_cases: int, estimate: float, width: float) -> str:
    """How one category's estimate was made, or "none: ..." with the reason there is none:
    ``cases`` coded sentences bear on it, ``hand_cases`` of them have it by hand, and its
    interval is ``width`` wide."""
    if not np.isfinite(estimate):
        return "none: no sentence of this kind" + (" in the coded sample" if design.sample is not None else "")
    if design.sample is None:
        return UNCORRECTED
    if measure in TONE_COLUMNS and cases < MIN_TONE:
        return f"none: only {int(cases)} coded sentence(s) of this type by hand (need {MIN_TONE})"
    if measure in SHARES and hand_cases == 0 and not width > 0:
        return "none: no coded sentence has it by hand, so the sample cannot bound its share (code more sentences)"
    if measure in SHARES and cases < MIN_CATEGORY:
        return f"none: too few coded sentences name it, by hand or by the program: {int(cases)} of the {MIN_CATEGORY} needed"
    return CORRECTED


def _ratio_intervals(predicted: tuple[np.ndarray, np.ndarray], corrections: tuple[np.ndarray, np.ndarray], stories: np.ndarray, confidence: float):
    """For each column, the ratio of the sums of two pseudo-outcomes (the program's values
    ``predicted`` plus the weighted hand-coded ``corrections``, numerator and
    denominator) and its t interval: ``(ratios, lows, highs)``.

    Delta method: the ratio's linearized values ``(numerator - ratio * denominator) /
    mean(denominator)``; their cluster-robust variance with stories as clusters (the CR1
    sandwich of statsmodels' ``cov_cluster``: its ``S_crosssection`` of story sums, times
    G / (G - 1)). The degrees of freedom follow Welch and Satterthwaite from the two parts
    of that variance, the stories' own variation (G - 1 degrees) and the corrections'
    (stories with a correction, minus 1), so an interval that rests on a handful of
    corrected sentences is as wide as a handful warrants. Columns whose denominator's sum
    is not positive get NaN."""
    from scipy.stats import t as student_t
    from statsmodels.stats.sandwich_covariance import S_crosssection

    numerator, denominator = predicted[0] + corrections[0], predicted[1] + corrections[1]
    totals = denominator.sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        ratio = np.where(totals > 0, numerator.sum(axis=0) / totals, np.nan)
    scale = np.where(totals > 0, totals, np.nan) / len(denominator)
    own, corrected = ((part[0] - np.nan_to_num(ratio) * part[1]) / scale for part in (predicted, corrections))
    clusters = np.unique(stories, return_inverse=True)[1]
    count = clusters.max() + 1

    def variance(linearized: np.ndarray) -> np.ndarray:
        """The cluster-robust variance of the mean of each column of ``linearized``."""
        meat = np.diag(np.atleast_2d(S_crosssection(np.nan_to_num(linearized), clusters)))
        return meat * count / (count - 1) / len(linearized) ** 2

    changed = (corrections[0] != 0) | (corrections[1] != 0)
    corrected_stories = np.array([len(np.unique(clusters[column])) for column in changed.T])
    own_variance, corrected_variance = variance(own), variance(corrected)
    with np.errstate(invalid="ignore", divide="ignore"):
        freedom = (own_variance + corrected_variance) ** 2 / (
            own_variance**2 / (count - 1) + np.where(corrected_variance > 0, corrected_variance**2 / np.maximum(corrected_stories - 1, 1), 0)
        )
    freedom = np.where(np.isfinite(freedom) & (freedom > 0), np.minimum(freedom, count - 1), count - 1)
    half = student_t.ppf(0.5 + confidence / 2, freedom) * np.sqrt(variance(own + corrected))
    return ratio, ratio - half, ratio + half


PLAN_COLUMNS = ("group", "sentences", "stories", "type", "predicted_share", "error_rate", "story_half_width", "to_code", "note")


def plan_sample(
    table: pd.DataFrame,
    half_width: float,
    error_rate: float | None = None,
    coding: str | Path | pd.DataFrame | CodedSample | None = None,
    by: str | None = "outlet",
    confidence: float = 0.95,
) -> pd.DataFrame:
    """How many sentences to hand-code in each group (each value of ``by``) for corrected
    source-type shares whose intervals are at most ``half_width`` either side.

    A share's variance has two parts (see ``estimate``): the stories' own variation, which
    coding cannot shrink (``story_half_width``), and the coding part, about ``2 e p / n``
    for a type of predicted share ``p`` when the program miscodes a share ``e`` of
    sentences and ``n`` are coded. ``e`` is ``error_rate``, else measured from ``coding``
    (a filled sheet of this table: then the coding part is the sample variance of the
    hand-coded minus the program's indicator, per type), else taken from the frozen
    validation batches (``data/annotations/typing_accuracy.csv``). Returns one row per
    group with the type that needs the most coding, its predicted share, the error rate
    used, and ``to_code`` (at most the group's sentences; empty when the stories alone
    vary more than ``half_width``, with a ``note``)."""
    from scipy.stats import norm

    sentences = coded_sentences(table).reset_index(drop=True)
    sample = None if coding is None else (coding if isinstance(coding, CodedSample) else read_coding_sheet(coding, table))
    if error_rate is None and sample is None:
        error_rate = assumed_error_rate()
    design = _Design(sentences, None)
    values = _Values("source_type_share", sentences, design, ())
    z = norm.ppf(0.5 + confidence / 2)
    groups = [(ALL, np.ones(len(sentences), dtype=bool))]
    if by is not None:
        column = sentences[by].astype("object")
        groups = [(str(value), (column == value).to_numpy()) for value in pd.unique(column.dropna())] or groups
    rows = []
    for group, members in groups:
        predicted = tuple(part[members] for part in values.predicted)
        zeros = tuple(np.zeros_like(part) for part in predicted)
        shares, low, _ = _ratio_intervals(predicted, zeros, design.stories[members], confidence)
        story_half = np.nan_to_num(shares - low)
        if sample is not None:
            coded = sample.rows[members[sample.rows["row"].to_numpy()]]
            truth = np.stack([coded["source_type"].to_numpy() == category for category in values.categories], axis=1).astype(float)
            differences = truth - values.predicted[0][coded["row"].to_numpy()]
            per_sentence = differences.var(axis=0, ddof=1) if len(coded) > 1 else np.full(len(values.categories), np.nan)
            rate = float((differences != 0).any(axis=1).mean()) if len(coded) else np.nan
        else:
            per_sentence = 2 * error_rate * shares
            rate = error_rate
        room = (half_width / z) ** 2 - story_half**2 / z**2
        with np.errstate(invalid="ignore", divide="ignore"):
            needed = np.where(room > 0, per_sentence / room, np.inf)
        worst = int(np.argmax(np.where(np.isnan(needed), -1, needed)))
        size = int(members.sum())
        reachable = np.isfinite(needed[worst])
        rows.append({
            "group": group, "sentences": size, "stories": int(len(np.unique(design.stories[members]))),
            "type": values.categories[worst], "predicted_share": float(shares[worst]), "error_rate": rate,
            "story_half_width": float(story_half[worst]),
            "to_code": int(min(size, max(MIN_CODED, np.ceil(needed[worst])))) if reachable else pd.NA,
            "note": "" if reachable else f"the stories alone vary by ±{story_half[worst]:.3f} for {values.categories[worst]}: no amount of coding reaches ±{half_width}",
        })
    return pd.DataFrame(rows, columns=list(PLAN_COLUMNS)).astype({"to_code": "Int64"})


def validation_accuracy() -> pd.DataFrame:
    """The program's source-type accuracy on the validation batches coded before the rules
    they measure were frozen (``data/annotations/typing_accuracy.csv``)."""
    from ..datafiles import data_dir

    return pd.read_csv(data_dir() / "annotations" / "typing_accuracy.csv", comment="#")


def uncorrected_note() -> str:
    """What a chart of the program's uncorrected coding says of its accuracy elsewhere."""
    accuracy = validation_accuracy()
    return (f"On {len(accuracy)} batches of articles from other corpora, hand-coded before the rules were frozen, the program "
            f"typed {accuracy['accuracy'].min():.2f}–{accuracy['accuracy'].max():.2f} of sentences right.")


def chart_note(coding: str | Path | None) -> str:
    """The note under a chart of the program's own shares or means: uncorrected, and where
    the corrected values are (with a coding sheet) or how far to trust them (without)."""
    if coding:
        return "The program's coding, uncorrected; the charts marked 'corrected' give the values corrected by the run's hand-coded sample."
    return "The program's coding, uncorrected. " + uncorrected_note() + " Hand-code a sample (python -m analysis sample) to correct it."


def assumed_error_rate() -> float:
    """The share of sentences the program typed wrongly on the validation batches coded
    after its rules were frozen (``data/annotations/typing_accuracy.csv``), pooled."""
    accuracy = validation_accuracy()
    return float(1 - (accuracy["accuracy"] * accuracy["sentences"]).sum() / accuracy["sentences"].sum())


ACCURACY_COLUMNS = ("group", "coded", "agreeing", "accuracy_coded", "kappa", "accuracy", "low", "high", "method")


def accuracy(
    table: pd.DataFrame, coding: str | Path | pd.DataFrame | CodedSample, by: str | None = "outlet", confidence: float = 0.95
) -> pd.DataFrame:
    """How often the program's source type agrees with the hand coding, overall (group
    ``all``) and within each value of ``by``: on the coded sentences as they stand
    (``accuracy_coded``, Cohen's ``kappa``), and as an estimate for all the group's
    sentences, weighted by the sheet's inclusion probabilities, with its story-clustered
    ``confidence`` interval (``accuracy``, ``low``, ``high``; empty where ``method`` says
    why). Sentences the hand coding calls headings are left out."""
    from .agreement import agreement

    sample = coding if isinstance(coding, CodedSample) else read_coding_sheet(coding, table)
    warn_if_taught(sample)
    sentences = coded_sentences(table).reset_index(drop=True)
    design = _Design(sentences, sample)
    program = sentences["source_type"].astype("object").to_numpy()[design.rows]
    agrees = (program == design.types) & design.content
    groups = [(ALL, np.ones(len(sentences), dtype=bool))]
    if by is not None and by in sentences:
        values = sentences[by].astype("object")
        groups += [(str(value), (values == value).to_numpy()) for value in pd.unique(values.dropna())]
    rows = []
    for group, members in groups:
        coded = members[design.rows] & design.content
        result = agreement(pd.Series(design.types[coded]), pd.Series(program[coded])) if coded.any() else None
        row = {"group": group, "coded": int(coded.sum()), "agreeing": int(agrees[coded].sum()),
               "accuracy_coded": result.accuracy if result else np.nan, "kappa": result.kappa if result else np.nan,
               "accuracy": np.nan, "low": np.nan, "high": np.nan}
        reason = _group_reason("source_type_share", design, int(coded.sum()), len(np.unique(design.stories[members])))
        if reason:
            row["method"] = "none: " + reason
        else:
            weights = np.zeros((len(sentences), 2))
            weights[design.rows[coded], 0] = design.weights[coded] * agrees[coded]
            weights[design.rows[coded], 1] = design.weights[coded]
            zeros = np.zeros((int(members.sum()), 1))
            estimate_, low, high = _ratio_intervals((zeros, zeros), (weights[members, :1], weights[members, 1:]), design.stories[members], confidence)
            row.update(accuracy=float(estimate_[0]), low=float(np.clip(low[0], 0, 1)), high=float(np.clip(high[0], 0, 1)),
                       method="weighted by the sheet's inclusion probabilities; story-clustered t interval")
        rows.append(row)
    return pd.DataFrame(rows, columns=list(ACCURACY_COLUMNS))
