"""Build the sentence table: one row per sentence of every story, in document order.

This is where the steps meet: read documents (``read.py``), split them into stories
(``stories.py``) and sentences (``sentences.py``), attribute each sentence
(``attribute.py``), resolve and type its speaker (``speakers.py``, ``sourcetypes.py``)
and score it (``score.py``).
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Iterator
from functools import partial
from pathlib import Path

import pandas as pd

from .attribute import attribute_story
from .datafiles import atomic_output
from .frames import FramingVocabulary, frame_set_folder, load_vocabulary
from .read import Document, InputError, InputWarning, Skipped, expand_paths, read_documents
from .score import textblob_scores, vader_compound
from .sentences import split_story
from .sourcetypes import SOURCE_TYPES, Codebook, load_codebook
from .speakers import names_someone, proper_nouns, resolve_story
from .stories import ManifestEntry, Story, read_manifest, split_stories

QUOTE_KINDS = ("direct", "indirect", "none")
ATTRIBUTION_RULES = (
    "forward", "trailing", "according_to", "reportedly", "quotation",
    "continuation", "narrator", "heading",
)
COLUMNS = (
    "doc", "story_id", "title", "outlet", "date", "paragraph", "sentence_id", "position",
    "start", "end", "text", "is_heading", "speaker", "descriptor", "source_type", "cue",
    "quote", "rule", "polarity", "subjectivity", "vader", "frames", "targets", "contrast",
)
CATEGORIES = {
    "source_type": SOURCE_TYPES,
    "quote": QUOTE_KINDS,
    "rule": ATTRIBUTION_RULES,
}


def code_story(
    document: Document, story: Story, codebook: Codebook | None = None, vocabulary: FramingVocabulary | None = None
) -> list[dict]:
    """Return the rows of one story of ``document``: its sentences with their speaker,
    source type, cue, quotation kind, sentiment, frames, targets and contrast.

    The pipeline reads the document's ``working_text`` (mojibake repaired); ``start``
    and ``end`` point into its text as read. ``frames`` and ``targets`` are joined with
    ";" (empty when there are none)."""
    codebook = codebook or load_codebook()
    vocabulary = vocabulary or load_vocabulary()
    text = document.working_text
    sentences = split_story(text, story.start, story.end)
    attributions = attribute_story(text, sentences, accept=partial(names_someone, codebook=codebook, proper=proper_nouns(text, sentences)))
    speakers, _ = resolve_story(text, sentences, attributions, codebook, story.outlet)
    last = max(len(sentences) - 1, 1)
    rows = []
    for number, (sentence, attribution, speaker) in enumerate(zip(sentences, attributions, speakers), start=1):
        piece = " ".join(text[sentence.start : sentence.end].split())
        polarity, subjectivity = textblob_scores(piece)
        if sentence.is_heading:
            source_type = None
        else:
            source_type = speaker.source_type if speaker else "narrator"
        rows.append(
            {
                "doc": story.doc,
                "story_id": story.story_id,
                "title": story.title,
                "outlet": story.outlet,
                "date": story.date,
                "paragraph": sentence.paragraph,
                "sentence_id": number,
                "position": (number - 1) / last,
                "start": document.to_raw(sentence.start),
                "end": document.to_raw(sentence.end),
                "text": piece,
                "is_heading": sentence.is_heading,
                "speaker": speaker.name if speaker and source_type != "narrator" else None,
                "descriptor": speaker.description if speaker and source_type != "narrator" else None,
                "source_type": source_type,
                "cue": attribution.cue if speaker and source_type != "narrator" else None,
                "quote": attribution.quote if speaker and source_type != "narrator" else "none",
                "rule": attribution.rule if speaker or sentence.is_heading else "narrator",
                "polarity": polarity,
                "subjectivity": subjectivity,
                "vader": vader_compound(piece),
                "frames": ";".join(vocabulary.frames_in(piece, source_type)),
                "targets": ";".join(vocabulary.targets_in(piece)),
                "contrast": vocabulary.contrast_in(piece),
            }
        )
    return rows


def iter_stories(
    paths: Iterable[str | Path], stories: str | Path | None = None, skipped: list[Skipped] | None = None
) -> Iterator[tuple[Document, Story]]:
    """Yield every story of the documents at ``paths`` with its document, in order.

    With a ``skipped`` list, a file or article that cannot be used is added to it, with
    the reason, and the others go on; without it, the first one raises ``InputError``.
    A bad path or manifest always raises.
    """
    manifest: list[ManifestEntry] = read_manifest(stories) if stories else []
    for path in expand_paths(paths, skipped):
        if manifest and path.resolve() == Path(stories).resolve():
            continue
        try:
            for document in read_documents(path, skipped):
                for story in split_stories(document, manifest):
                    yield document, story
        except InputError as error:
            if skipped is None:
                raise
            skipped.append(Skipped(str(path), str(error)))


def to_frame(rows: Iterable[dict]) -> pd.DataFrame:
    """Turn rows into the sentence table with its column order and dtypes (built column
    by column, which pandas does faster than from a list of dicts)."""
    rows = list(rows)
    frame = pd.DataFrame({column: [row[column] for row in rows] for column in COLUMNS})
    return apply_dtypes(frame)


def apply_dtypes(frame: pd.DataFrame) -> pd.DataFrame:
    """Give the table's columns their dtypes: categories for fixed vocabularies,
    nullable integers and booleans, dates (missing or unreadable ones empty), strings
    elsewhere; an empty title or outlet is missing, as it reads back from CSV."""
    frame = frame.copy()
    for column, categories in CATEGORIES.items():
        if column in frame:
            frame[column] = pd.Categorical(frame[column], categories=list(categories))
    for column in ("paragraph", "sentence_id", "start", "end"):
        if column in frame:
            frame[column] = frame[column].astype("int64")
    if "is_heading" in frame:
        frame["is_heading"] = frame["is_heading"].astype(bool)
    for column in ("polarity", "subjectivity", "vader", "position"):
        if column in frame:
            frame[column] = frame[column].astype("float64")
    if "date" in frame:
        frame["date"] = pd.to_datetime(frame["date"].replace("", None), errors="coerce", format="mixed").astype("datetime64[ns]")
    for column in ("doc", "story_id", "title", "outlet", "text", "speaker", "descriptor", "cue", "contrast"):
        if column in frame:
            frame[column] = frame[column].astype("string")
    for column in ("title", "outlet"):
        if column in frame:
            frame[column] = frame[column].replace("", pd.NA)
    for column in ("frames", "targets"):
        if column in frame:
            frame[column] = frame[column].astype("string").fillna("")
    return frame


def tabulate(
    paths: str | Path | Iterable[str | Path],
    stories: str | Path | None = None,
    codebook: str | Path | None = None,
    jobs: int = 1,
    client=None,
    progress: bool | None = False,
    keep_going: bool = True,
    frame_set: str | Path | None = None,
) -> pd.DataFrame:
    """Return the sentence table of the articles at ``paths``.

    ``paths`` is a text file, a folder, a CSV/JSONL table of articles, or a list of
    these; ``stories`` is an optional manifest that splits text files into stories;
    ``codebook`` is a folder with the codebook's CSV files (default ``data/codebook``).
    ``jobs`` > 1 codes stories in that many local processes; ``client``, a
    ``dask.distributed.Client``, codes them on a Dask cluster. Every engine returns
    the same table. ``progress`` shows a progress bar (None: only on a terminal).
    With ``keep_going``, files and articles that cannot be used are left out with an
    ``InputWarning`` each, and listed in ``table.attrs["skipped"]``; without it, the
    first one raises ``InputError``. ``frame_set`` names the frames the ``frames``
    column holds (a set in ``data/framing`` or a folder; default ``generic``).
    """
    from .run import chunks, run_chunks

    if isinstance(paths, (str, Path)):
        paths = [paths]
    for path in paths:
        if isinstance(path, str) and not Path(path).exists() and ("\n" in path or len(path) > 255):
            raise InputError("tabulate() takes paths to articles; this looks like the text of an article: use tabulate_text(text) for that")
    skipped: list[Skipped] | None = [] if keep_going else None
    frame_set = str(frame_set_folder(frame_set))
    pieces = list(run_chunks(chunks(paths, stories, codebook, skipped=skipped, frame_set=frame_set), jobs=jobs, client=client, progress=progress))
    table = apply_dtypes(pd.concat(pieces, ignore_index=True)) if pieces else to_frame([])
    for left_out in skipped or []:
        warnings.warn(InputWarning(f"skipped {left_out.message}"), stacklevel=2)
    table.attrs["skipped"] = [left_out.message for left_out in skipped or []]
    return table


def read_table(path: str | Path) -> pd.DataFrame:
    """Read a sentence table written as CSV or Parquet, with its dtypes."""
    path = Path(path)
    if path.suffix.lower() == ".parquet":
        frame = pd.read_parquet(path)
    else:
        frame = pd.read_csv(path, keep_default_na=False, na_values=[""])
    return apply_dtypes(frame)


TABLE_SUFFIXES = (".csv", ".parquet")


def write_table(table: pd.DataFrame, path: str | Path) -> Path:
    """Write the sentence table as Parquet when ``path`` ends in .parquet, else CSV,
    replacing an earlier file only once the new one is whole (``atomic_output``).
    Raise ``InputError`` for any other suffix."""
    path = Path(path)
    check_table_suffix(path)
    with atomic_output(path) as temporary:
        if path.suffix.lower() == ".parquet":
            table.to_parquet(temporary, index=False)
        else:
            table.to_csv(temporary, index=False)
    return path


def check_table_suffix(path: str | Path) -> None:
    """Raise ``InputError`` unless ``path`` names a table the project writes (``-`` is
    standard output)."""
    if str(path) != "-" and Path(path).suffix.lower() not in TABLE_SUFFIXES:
        raise InputError(f"{path}: a table is written as {' or '.join(TABLE_SUFFIXES)} (or - for CSV on standard output), not {Path(path).suffix or 'a file with no suffix'}")


def tabulate_text(
    text: str, title: str = "", outlet: str = "", date: str = "", story_id: str = "article", frame_set: str | Path | None = None
) -> pd.DataFrame:
    """Return the sentence table of one article given as text (pasted, or read from
    anywhere), with its ``title``, ``outlet`` and ``date``, its frames from
    ``frame_set`` (default ``generic``)."""
    if not text.strip():
        raise InputError("the text is empty: nothing to tabulate")
    document = Document(doc=story_id, text=text, path=Path(f"<{story_id}>"), metadata={"title": title, "outlet": outlet, "date": date})
    vocabulary = load_vocabulary(frame_set=frame_set)
    return to_frame(row for story in split_stories(document) for row in code_story(document, story, vocabulary=vocabulary))


def load_table(
    table: str | Path | None = None,
    corpus: str | Path | Iterable[str | Path] | None = None,
    stories: str | Path | None = None,
) -> pd.DataFrame:
    """Return the sentence table: read from ``table`` (CSV or Parquet) when given, else
    built from the articles at ``corpus`` with the manifest ``stories``."""
    if table is not None:
        return read_table(table)
    if corpus is None:
        raise ValueError("give either a table to read or a corpus to tabulate")
    return tabulate(corpus, stories=stories)
