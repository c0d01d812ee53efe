"""Build the sentence table: one row per sentence of every story, in document order.

This is where the steps meet: read documents (``corpus.read``), split them into stories
(``corpus.stories``) and sentences (``coding.sentences``), attribute each sentence
(``coding.attribute``), resolve and type its speaker (``coding.speakers``,
``coding.sourcetypes``) and score it (``measures.tone``).
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Iterator
from dataclasses import replace
from functools import partial
from pathlib import Path

import pandas as pd

from ..coding.attribute import attribute_story
from ..datafiles import atomic_output
from ..measures.frames import FramingVocabulary, frame_set_folder, load_vocabulary
from ..corpus.furniture import blank, clip, page_spans, summary as furniture_summary
from ..errors import InputError, InputWarning, Skipped
from ..corpus.read import Document, document_names, expand_paths, read_documents
from ..measures.tone import textblob_scores, vader_compound
from ..coding.sentences import split_story
from ..coding.sourcetypes import SOURCE_TYPES, Codebook, load_codebook
from ..coding.speakers.phrases import names_someone, proper_nouns
from ..coding.speakers.resolve import resolve_story
from ..coding.speakers.speaker_type import TYPED_BY
from ..corpus.stories import ManifestEntry, Story, read_manifest, split_stories

QUOTE_KINDS = ("direct", "indirect", "none")
ATTRIBUTION_RULES = (
    "forward", "trailing", "according_to", "reportedly", "quotation",
    "continuation", "narrator", "heading", "boilerplate",
)
COLUMNS = (
    "doc", "story_id", "title", "outlet", "date", "paragraph", "sentence_id", "position",
    "start", "end", "text", "is_heading", "is_boilerplate", "speaker", "descriptor", "source_type", "typed_by", "cue",
    "quote", "rule", "polarity", "subjectivity", "vader", "frames", "targets", "contrast",
)
CATEGORIES = {
    "source_type": SOURCE_TYPES,
    "typed_by": TYPED_BY,
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
    ";" (empty when there are none). Page furniture (the document's own, found from the
    corpus or by an extractor, and what ``furniture.page_spans`` finds in the story) is
    kept as rows marked ``is_boilerplate``, with no speaker, type, cue, frames, targets
    or position; the rest of the story is coded as if it were not there."""
    codebook = codebook or load_codebook()
    vocabulary = vocabulary or load_vocabulary()
    text = document.working_text
    known = clip([(document.to_working(a), document.to_working(b)) for a, b in document.furniture], story.start, story.end)
    furniture = page_spans(text, story.start, story.end, known, phrases_only=document.extracted)
    sentences = split_story(text, story.start, story.end, furniture, story.title)
    visible = blank(text, furniture)
    attributions = attribute_story(visible, sentences, accept=partial(names_someone, codebook=codebook, proper=proper_nouns(visible, sentences)))
    speakers, _ = resolve_story(visible, sentences, attributions, codebook, story.outlet)
    last = max(sum(not sentence.is_boilerplate for sentence in sentences) - 1, 1)
    rows = []
    article = 0
    for number, (sentence, attribution, speaker) in enumerate(zip(sentences, attributions, speakers), start=1):
        piece = " ".join(text[sentence.start : sentence.end].split())
        polarity, subjectivity = textblob_scores(piece)
        furniture_row = sentence.is_boilerplate
        if sentence.is_heading or furniture_row:
            source_type = None
        else:
            source_type = speaker.source_type if speaker else "narrator"
        spoken = bool(speaker) and source_type not in (None, "narrator")
        rows.append(
            {
                "doc": story.doc,
                "story_id": story.story_id,
                "title": story.title,
                "outlet": story.outlet,
                "date": story.date,
                "paragraph": sentence.paragraph,
                "sentence_id": number,
                "position": float("nan") if furniture_row else article / last,
                "start": document.to_raw(sentence.start),
                "end": document.to_raw(sentence.end),
                "text": piece,
                "is_heading": sentence.is_heading,
                "is_boilerplate": furniture_row,
                "speaker": speaker.name if spoken else None,
                "descriptor": speaker.description if spoken else None,
                "source_type": source_type,
                "typed_by": (speaker.typed_by or None) if spoken else None,
                "cue": attribution.cue if spoken else None,
                "quote": attribution.quote if spoken else "none",
                "rule": attribution.rule if speaker or sentence.is_heading or furniture_row else "narrator",
                "polarity": polarity,
                "subjectivity": subjectivity,
                "vader": vader_compound(piece),
                "frames": "" if furniture_row else ";".join(vocabulary.frames_in(piece, source_type)),
                "targets": "" if furniture_row else ";".join(vocabulary.targets_in(piece)),
                "contrast": None if furniture_row else vocabulary.contrast_in(piece),
            }
        )
        article += not furniture_row
    return rows


def iter_stories(
    paths: Iterable[str | Path], stories: str | Path | None = None, skipped: list[Skipped] | None = None,
    dayfirst: bool | None = None,
) -> Iterator[tuple[Document, Story]]:
    """Yield every story of the documents at ``paths`` with its document, in order.

    With a ``skipped`` list, a file or article that cannot be used is added to it, with
    the reason, and the others go on; without it, the first one raises ``InputError``.
    A bad path or manifest always raises. Every story id is unique in the run: files
    with the same stem in different folders are named by their folders too, and a story
    whose id an earlier file already used (two tables with the same ids) is named by its
    file too, each with a warning. ``dayfirst`` says how numeric dates are written
    (None: told from each file's dates).
    """
    manifest: list[ManifestEntry] = read_manifest(stories, dayfirst) if stories else []
    files = [path for path in expand_paths(paths, skipped) if not (manifest and path.resolve() == Path(stories).resolve())]
    names = document_names(files)
    renamed = [f"{file} as {name}" for file, name in names.items() if name != file.stem]
    names.update({file: file.stem for file in files if file not in names})
    if renamed:
        warnings.warn(InputWarning(
            f"{len(renamed)} files share their name with another file of the run, so their stories are named by their "
            f"folders too: {', '.join(renamed[:4])}{', ...' if len(renamed) > 4 else ''}"
        ), stacklevel=2)
    used: dict[str, Path] = {}
    for path in files:
        try:
            clashes: list[str] = []
            for document in read_documents(path, skipped, names[path], dayfirst):
                for story in split_stories(document, manifest):
                    if used.get(story.story_id, path) != path:
                        clashes.append(story.story_id)
                        label = f"{names[path]}/{story.story_id}"
                        document = replace(document, doc=label) if document.doc == story.story_id else document
                        story = replace(story, story_id=label, doc=document.doc)
                    used[story.story_id] = path
                    yield document, story
            if clashes:
                warnings.warn(InputWarning(
                    f"{path}: {len(clashes)} story id(s) already used by another file, such as {clashes[0]!r}: "
                    f"named {names[path]}/ID instead"
                ), stacklevel=2)
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
    for column in ("is_heading", "is_boilerplate"):
        if column in frame:
            frame[column] = frame[column].astype(bool)
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
    dayfirst: bool | None = None,
    corpus_types: bool = True,
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
    ``dayfirst`` says whether numeric dates put the day first (None: told from each
    file's dates; ``read.DateReader``). ``table.attrs["furniture"]`` says, per outlet,
    how many stories, rows and characters were set apart as page furniture. With
    ``corpus_types`` (the default) a speaker that a story leaves without evidence takes
    the type the other stories give it (``coding.people``; ``typed_by`` ``corpus``).
    """
    from .run import chunks, run_chunks

    if isinstance(paths, (str, Path)):
        paths = [paths]
    for path in paths:
        if isinstance(path, str) and not Path(path).exists() and ("\n" in path or len(path) > 255):
            raise InputError("tabulate() takes paths to articles; this looks like the text of an article: use tabulate_text(text) for that")
    skipped: list[Skipped] | None = [] if keep_going else None
    frame_set = str(frame_set_folder(frame_set))
    work = chunks(paths, stories, codebook, skipped=skipped, frame_set=frame_set, dayfirst=dayfirst)
    pieces = list(run_chunks(work, jobs=jobs, client=client, progress=progress))
    if corpus_types:
        from ..coding.people import CorpusPeople

        people = CorpusPeople(load_codebook(codebook))
        for piece in pieces:
            people.add(piece)
        vocabulary = load_vocabulary(frame_set=frame_set)
        pieces = [people.lend(piece, vocabulary) for piece in pieces]
    table = apply_dtypes(pd.concat(pieces, ignore_index=True)) if pieces else to_frame([])
    for left_out in skipped or []:
        warnings.warn(InputWarning(f"skipped {left_out.message}"), stacklevel=2)
    table.attrs["skipped"] = [left_out.message for left_out in skipped or []]
    table.attrs["furniture"] = furniture_summary(table).to_dict("records")
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
    ``frame_set`` (default ``generic``). One page alone has no corpus to show its
    site's template: its furniture is what the page's own rules find."""
    if not text.strip():
        raise InputError("the text is empty: nothing to tabulate")
    document = Document(doc=story_id, text=text, path=Path(f"<{story_id}>"), metadata={"title": title, "outlet": outlet, "date": date})
    vocabulary = load_vocabulary(frame_set=frame_set)
    table = to_frame(row for story in split_stories(document) for row in code_story(document, story, vocabulary=vocabulary))
    table.attrs["furniture"] = furniture_summary(table).to_dict("records")
    return table


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
