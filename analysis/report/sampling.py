"""Hand-coding samples: draw a coding sheet with its design recorded, read a filled one
back with every code checked, and plan how many sentences to code.

A sheet is a probability sample of the table's sentences (headings and page furniture
left out). Each row records its ``stratum`` and ``inclusion``, the probability with
which it was drawn, so that ``estimates`` can weight it: a design that oversamples the
program's rare source types, or draws whole stories, still gives unbiased estimates.

Designs (``unit``):

- ``sentence`` (the default): sentences drawn at random within each stratum (the
  combinations of the ``by`` columns, ``outlet`` by default), an equal number from each
  stratum as far as each has sentences; ``inclusion`` is drawn / sentences of the stratum.
- ``story``: whole stories drawn at random within each stratum of a story-level column
  (``outlet``), an equal number from each; every sentence of a drawn story is on the
  sheet, and ``inclusion`` is drawn / stories of the stratum.
"""

from __future__ import annotations

import difflib
import warnings
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import InputError, InputWarning
from ..coding.sourcetypes import SOURCE_TYPES, load_codebook
from .summarise import coded_sentences

SHEET_COLUMNS = (
    "story_id", "outlet", "start", "end", "context", "text", "stratum", "inclusion",
    "is_heading", "source_type", "speaker", "frames", "note",
)
CODE_COLUMNS = ("is_heading", "source_type", "speaker", "frames", "note")
UNITS = ("sentence", "story")
NO_FRAME = "none"
_TRUE = {"true", "yes", "1", "y"}
_FALSE = {"false", "no", "0", "n", ""}
MAX_LISTED = 8


def coding_sheet(
    table: pd.DataFrame, n: int = 200, by: tuple[str, ...] = ("outlet",), seed: int = 1, unit: str = "sentence"
) -> pd.DataFrame:
    """A probability sample of ``table``'s sentences to hand-code, as a sheet.

    ``unit`` ``sentence`` draws ``n`` sentences, ``story`` draws ``n`` stories (all their
    sentences). The strata are the combinations of the ``by`` columns: each gets an equal
    share of ``n`` as far as it has units, and what a small stratum cannot fill goes to
    the others. The sheet has the sentence, the one before it (``context``), its
    ``stratum`` and ``inclusion`` probability, and blank ``is_heading, source_type,
    speaker, frames, note`` columns (the program's codes are not shown, so that they do
    not lead the coder). The same ``seed`` draws the same sample. Raises ``ValueError``
    for a ``by`` column the table lacks, or one that varies within stories when whole
    stories are drawn."""
    if unit not in UNITS:
        raise ValueError(f"unit must be one of {', '.join(UNITS)}, not {unit!r}")
    missing = [column for column in by if column not in table]
    if missing:
        raise ValueError(f"no column {missing[0]!r} in the table to stratify by")
    sentences = coded_sentences(table).copy()
    sentences["context"] = table["text"].groupby(table["story_id"]).shift(1).reindex(sentences.index)
    sentences["stratum"] = stratum_labels(sentences, by)
    if unit == "sentence":
        picked = _draw(sentences, "stratum", n, seed)
        sample = sentences.loc[picked.index].assign(inclusion=picked["inclusion"])
    else:
        varying = [column for column in by if (sentences.groupby("story_id", observed=True)[column].nunique(dropna=False) > 1).any()]
        if varying:
            raise ValueError(f"{varying[0]!r} varies within stories: stratify whole stories by a story-level column such as outlet")
        stories = sentences.drop_duplicates("story_id")[["story_id", "stratum"]].set_index("story_id")
        picked = _draw(stories, "stratum", n, seed)
        sample = sentences[sentences["story_id"].isin(picked.index)]
        sample = sample.assign(inclusion=sample["story_id"].map(picked["inclusion"]))
    sample = sample.sort_values(["story_id", "start"], kind="stable")
    sheet = sample.assign(**{column: "" for column in CODE_COLUMNS})
    return sheet[list(SHEET_COLUMNS)].reset_index(drop=True)


def stratum_labels(rows: pd.DataFrame, by: tuple[str, ...]) -> pd.Series:
    """Name each row's stratum by its values of the ``by`` columns ("outlet=BBC;
    source_type=official"), or "all" without strata."""
    if not by:
        return pd.Series("all", index=rows.index, dtype="object")
    parts = [f"{column}=" + rows[column].astype("object").fillna("(none)").astype(str) for column in by]
    label = parts[0]
    for part in parts[1:]:
        label = label + ";" + part
    return label.astype("object")


def _draw(units: pd.DataFrame, stratum: str, n: int, seed: int) -> pd.DataFrame:
    """Draw ``n`` of ``units`` (rows) in equal shares of its strata, each stratum by
    simple random sampling; return the drawn rows with their ``inclusion`` probability."""
    strata = [group for _, group in units.groupby(stratum, sort=True)]
    quotas = _quotas([len(group) for group in strata], min(n, len(units)))
    drawn = [group.sample(quota, random_state=seed).assign(inclusion=quota / len(group)) for group, quota in zip(strata, quotas) if quota]
    return pd.concat(drawn) if drawn else units.iloc[:0].assign(inclusion=pd.Series(dtype=float))


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


@dataclass
class CodedSample:
    """A filled coding sheet matched to the table's sentences.

    ``rows`` has one row per coded sentence of the table: ``row`` (its position among the
    table's sentences, ``coded_sentences(table)``), ``story_id``, ``stratum``,
    ``inclusion``, the hand codes ``is_heading``, ``source_type`` and ``frames`` (a
    frozenset, or None where frames were not coded), and the coder's ``speaker`` and ``note``. ``frames_coded``
    says whether the sheet codes frames; ``messages`` says what was assumed or left out
    (each is also warned). ``fingerprint`` identifies the sheet's codes
    (``sheet_fingerprint``); ``taught_codebook`` is the number of rows of the codebook's
    ``people.csv`` that came from this sheet (``gaps --from-sheet``), which then no
    longer measures the program: ``estimate`` warns."""

    rows: pd.DataFrame
    frames_coded: bool
    messages: list[str]
    fingerprint: str = ""
    taught_codebook: int = 0


def read_coding_sheet(coding: str | Path | pd.DataFrame, table: pd.DataFrame, frame_names: tuple[str, ...] = (),
                      codebook: str | Path | None = None) -> CodedSample:
    """Read a filled coding sheet (a path or a DataFrame) and match it to ``table``.

    Every code is checked: ``is_heading`` true or false, ``source_type`` one of the nine
    types exactly as spelled in the codebook (empty for headings), ``frames`` the names of
    ``frame_names`` separated by ";" or ``none`` in every row or in none, ``inclusion`` a
    probability. A sheet that breaks a rule raises ``InputError`` naming its lines and
    the allowed codes; nothing is dropped silently. Rows are matched to the table on
    ``story_id, start, end``: rows the table does not have are left out with a warning
    that names how many and which stories, and rows the table codes as headings (outside
    what is estimated) are counted in ``messages``. A sheet without ``inclusion`` (made by
    hand) is read as a simple random sample within its outlets, with a warning. A sheet
    from which rows of the codebook (``codebook``, default ``data/codebook``) came
    (``gaps --from-sheet``) gets a message saying it no longer measures the program."""
    sheet, where = _sheet_frame(coding)
    missing = [column for column in ("story_id", "start", "end", "source_type") if column not in sheet]
    if missing:
        raise InputError(f"{where}: a coding sheet needs the columns story_id, start, end, source_type; missing {', '.join(missing)} (found {', '.join(sheet.columns)})")
    line = pd.Series(np.arange(len(sheet)) + 2, index=sheet.index)
    problems: list[tuple[int, str]] = []
    heading = _booleans(sheet.get("is_heading", pd.Series("", index=sheet.index)), line, problems)
    types = sheet["source_type"].astype(str).str.strip()
    for index in types.index[~heading & ~types.isin(SOURCE_TYPES)]:
        code = types[index]
        if code:
            guess = difflib.get_close_matches(code.lower(), SOURCE_TYPES, n=1)
            hint = f" (did you mean {guess[0]!r}?)" if guess else ""
            problems.append((line[index], f"source_type {code!r} is not a code{hint}"))
        else:
            problems.append((line[index], "not coded (no source_type, and is_heading is not true)"))
    for index in types.index[heading & (types != "")]:
        problems.append((line[index], f"a heading has no source_type, but this one has {types[index]!r}"))
    frames, frames_coded = _frames(sheet, heading, frame_names, line, problems)
    inclusion = _inclusion(sheet, line, problems)
    if problems:
        listed = "; ".join(f"line {number}: {text}" for number, text in sorted(problems)[:MAX_LISTED]) + (f"; and {len(problems) - MAX_LISTED} more" if len(problems) > MAX_LISTED else "")
        raise InputError(f"{where}: {len(problems)} problem(s): {listed}. Allowed source types: {', '.join(SOURCE_TYPES)}"
                         + (f"; frames: {', '.join(frame_names)} or {NO_FRAME}" if frames_coded else ""))
    coded = pd.DataFrame({
        "story_id": sheet["story_id"].astype(str).str.strip(),
        "start": pd.to_numeric(sheet["start"], errors="coerce"),
        "end": pd.to_numeric(sheet["end"], errors="coerce"),
        "is_heading": heading,
        "source_type": types.where(~heading, ""),
        "speaker": sheet.get("speaker", pd.Series("", index=sheet.index)).astype(str).str.strip(),
        "note": sheet.get("note", pd.Series("", index=sheet.index)).astype(str).str.strip(),
        "frames": frames,
        "inclusion": inclusion,
        "stratum": sheet["stratum"].astype(str) if "stratum" in sheet else None,
    })
    sample = _match(coded, table, frames_coded, where)
    sample.fingerprint = sheet_fingerprint(coded)
    sample.taught_codebook = load_codebook(codebook).taught_by.get(sample.fingerprint, 0)
    if sample.taught_codebook:
        sample.messages.append(taught_message(where, sample.taught_codebook))
    return sample


class TaughtCodebookWarning(UserWarning):
    """A coding sheet that taught the codebook is used to correct or validate the coding."""


def taught_message(where: str, rows: int) -> str:
    """What to say of a sheet from which ``rows`` rows of the codebook came."""
    return (f"{where} taught the codebook: {rows} row(s) of people.csv came from it (from_sheet). The program now "
            "agrees with it by construction, so it no longer measures the program's errors: estimates it corrects are "
            "biased toward the program's codes and their intervals too narrow. Correct with a sheet drawn separately "
            "(python -m analysis sample --seed N), or remove those rows.")


def sheet_fingerprint(coded: pd.DataFrame) -> str:
    """A fingerprint of a sheet's coded rows (``story_id, start, end, is_heading,
    source_type, speaker``, in any order): the same codes give the same fingerprint,
    whatever the file's name, row order or other columns."""
    import hashlib

    keys = sorted(
        "\t".join(str(value) for value in row)
        for row in zip(coded["story_id"].astype(str), coded["start"].astype("Int64").astype(str), coded["end"].astype("Int64").astype(str),
                       coded["is_heading"].astype(bool), coded["source_type"].astype(str), coded["speaker"].astype(str))
    )
    return hashlib.sha256("\n".join(keys).encode("utf-8")).hexdigest()[:16]


def _sheet_frame(coding: str | Path | pd.DataFrame) -> tuple[pd.DataFrame, str]:
    """The sheet as a frame of strings, and how to name it in messages."""
    if isinstance(coding, pd.DataFrame):
        return coding.astype("object").fillna("").astype(str), "the coding sheet"
    path = Path(coding)
    if not path.is_file():
        raise InputError(f"{path}: no such coding sheet")
    return pd.read_csv(path, dtype=str, keep_default_na=False), str(path)


def _booleans(values: pd.Series, line: pd.Series, problems: list[tuple[int, str]]) -> pd.Series:
    """``is_heading`` read as booleans; values other than true/false/yes/no/1/0 are problems."""
    folded = values.astype(str).str.strip().str.lower()
    for index in folded.index[~folded.isin(_TRUE | _FALSE)]:
        problems.append((line[index], f"is_heading {values[index]!r} is not true or false"))
    return folded.isin(_TRUE)


def _frames(sheet: pd.DataFrame, heading: pd.Series, names: tuple[str, ...], line: pd.Series, problems: list[tuple[int, str]]) -> tuple[pd.Series, bool]:
    """The hand-coded frames of each row (a frozenset; None where not coded) and whether
    the sheet codes frames at all."""
    cells = sheet.get("frames", pd.Series("", index=sheet.index)).astype(str).str.strip()
    coded = cells != ""
    if not coded.any():
        return pd.Series([None] * len(sheet), index=sheet.index, dtype="object"), False
    for index in cells.index[~coded & ~heading]:
        problems.append((line[index], f"frames not coded (write the frames, or {NO_FRAME}; code frames in every row or in none)"))
    allowed = set(names)
    parsed = {}
    for index, cell in cells[coded].items():
        found = frozenset(part.strip() for part in cell.split(";") if part.strip())
        if found == {NO_FRAME}:
            found = frozenset()
        for name in sorted(found - allowed):
            guess = difflib.get_close_matches(name.lower(), sorted(allowed), n=1)
            problems.append((line[index], f"frame {name!r} is not in the frame set{f' (did you mean {guess[0]!r}?)' if guess else ''}"))
        parsed[index] = found
    return pd.Series([parsed.get(index) for index in sheet.index], index=sheet.index, dtype="object"), True


def _inclusion(sheet: pd.DataFrame, line: pd.Series, problems: list[tuple[int, str]]) -> pd.Series | None:
    """The sheet's inclusion probabilities, or None when it has no such column."""
    if "inclusion" not in sheet:
        return None
    values = pd.to_numeric(sheet["inclusion"], errors="coerce")
    for index in values.index[~((values > 0) & (values <= 1))]:
        problems.append((line[index], f"inclusion {sheet['inclusion'][index]!r} is not a probability above 0 and at most 1"))
    return values


def _match(coded: pd.DataFrame, table: pd.DataFrame, frames_coded: bool, where: str) -> CodedSample:
    """Match coded rows to ``table``'s sentences; fill in the design of a sheet made by hand."""
    messages: list[str] = []
    sentences = coded_sentences(table)
    keys = pd.DataFrame({
        "story_id": sentences["story_id"].astype(str).to_numpy(),
        "start": sentences["start"].to_numpy(),
        "end": sentences["end"].to_numpy(),
        "row": np.arange(len(sentences)),
        "outlet": sentences["outlet"].astype("object").fillna("(none)").astype(str).to_numpy() if "outlet" in sentences else "(none)",
    })
    matched = coded.merge(keys, on=["story_id", "start", "end"], how="left", validate="many_to_one")
    lost = matched[matched["row"].isna()]
    if len(lost):
        headings = table[table["is_heading"].astype(bool)]
        heading_keys = set(zip(headings["story_id"].astype(str), headings["start"], headings["end"]))
        is_table_heading = [key in heading_keys for key in zip(lost["story_id"], lost["start"], lost["end"])]
        outside = lost[[not flag for flag in is_table_heading]]
        if sum(is_table_heading):
            messages.append(f"{sum(is_table_heading)} coded row(s) are headings in the table too, outside what is estimated")
        if len(outside):
            stories = sorted(set(outside["story_id"]))
            listed = ", ".join(stories[:MAX_LISTED]) + (", ..." if len(stories) > MAX_LISTED else "")
            message = (f"{where}: {len(outside)} of its {len(coded)} rows are not sentences of the table (stories: {listed}); "
                       "they are left out: was the sheet drawn from another table, or the corpus tabulated again since?")
            messages.append(message)
            warnings.warn(InputWarning(message), stacklevel=3)
    matched = matched[matched["row"].notna()].astype({"row": "int64"})
    if matched["row"].duplicated().any():
        raise InputError(f"{where}: a sentence is coded twice (story {matched.loc[matched['row'].duplicated(), 'story_id'].iloc[0]})")
    if matched["inclusion"].isna().all():
        sizes = keys.groupby("outlet").size()
        drawn = matched.groupby("outlet").size()
        matched["inclusion"] = matched["outlet"].map(drawn / sizes)
        matched["stratum"] = "outlet=" + matched["outlet"]
        message = (f"{where} has no inclusion column: read as a simple random sample of sentences within each outlet "
                   "(draw sheets with 'python -m analysis sample' to record the design)")
        messages.append(message)
        warnings.warn(InputWarning(message), stacklevel=3)
    elif matched["stratum"].isna().any():
        matched["stratum"] = matched["stratum"].fillna("all")
    rows = matched[["row", "story_id", "stratum", "inclusion", "is_heading", "source_type", "speaker", "note", "frames"]].sort_values("row")
    return CodedSample(rows=rows.reset_index(drop=True), frames_coded=frames_coded, messages=messages)
