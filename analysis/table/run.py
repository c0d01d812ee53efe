"""Run the pipeline over a corpus: in this process, in local processes, or on a Dask
cluster, writing results as they come.

Stories are grouped into chunks of whole documents. Chunks go to the engine a few at a
time (at most ``2 * workers`` in flight) and come back in corpus order, so memory follows
a handful of chunks rather than the corpus, and every engine yields the same table.
"""

from __future__ import annotations

import os
import sys
import tempfile
import warnings
from collections import deque
from contextlib import ExitStack
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
from tqdm import tqdm

from ..datafiles import atomic_output
from ..measures.frames import load_vocabulary
from ..corpus.furniture import RepeatedSegments, merge
from ..errors import Skipped
from ..corpus.read import Document
from ..coding.sourcetypes import load_codebook
from ..corpus.stories import Story
from .tabulate import COLUMNS, CATEGORIES, apply_dtypes, code_story, iter_stories, to_frame

STORIES_PER_CHUNK = 50
# The corpus pass keeps the documents it read for the coding pass up to this many
# characters of text (about as many bytes); a larger corpus is read twice.
KEPT_CHARACTERS = 50_000_000


@dataclass(frozen=True)
class Chunk:
    """Whole documents with their stories: the unit of work sent to an engine."""

    number: int
    documents: tuple[tuple[Document, tuple[Story, ...]], ...]
    codebook: str | None = None
    frame_set: str | None = None

    @property
    def stories(self) -> int:
        """The number of stories in the chunk."""
        return sum(len(stories) for _, stories in self.documents)


def chunks(paths: Iterable[str | Path], stories: str | Path | None = None, codebook: str | Path | None = None,
           size: int = STORIES_PER_CHUNK, skipped: list[Skipped] | None = None, frame_set: str | None = None,
           dayfirst: bool | None = None) -> Iterator[Chunk]:
    """Group the corpus's stories into chunks of about ``size`` stories, each document
    with the furniture that the corpus shows (``with_repeated_furniture``, a pass over
    the corpus before the first chunk); files that cannot be used go to ``skipped`` (see
    ``tabulate.iter_stories``). Every chunk is coded with the frames of ``frame_set``
    (a folder; None for the default set)."""
    batch: list[tuple[Document, tuple[Story, ...]]] = []
    count = number = 0
    codebook = str(codebook) if codebook else None
    for document, document_stories in with_repeated_furniture(paths, stories, skipped, dayfirst):
        batch.append((document, document_stories))
        count += len(document_stories)
        if count >= size:
            yield Chunk(number, tuple(batch), codebook, frame_set)
            batch, count, number = [], 0, number + 1
    if batch:
        yield Chunk(number, tuple(batch), codebook, frame_set)


def _documents(paths: Iterable[str | Path], stories: str | Path | None, skipped: list[Skipped] | None,
               dayfirst: bool | None) -> Iterator[tuple[Document, tuple[Story, ...]]]:
    """Each document of the corpus with its stories, in order."""
    current, current_stories = None, []
    for document, story in iter_stories(paths, stories, skipped, dayfirst=dayfirst):
        if current is not None and document is not current:
            yield current, tuple(current_stories)
            current_stories = []
        current = document
        current_stories.append(story)
    if current is not None:
        yield current, tuple(current_stories)


def furniture_group(document: Document, story: Story) -> str:
    """The outlet whose stories a story's repeated segments are counted among: its
    outlet, else the table it comes from or the folder of its file."""
    if story.outlet.strip():
        return "outlet:" + " ".join(story.outlet.lower().split())
    if document.metadata is not None:
        return f"table:{document.path}"
    return f"folder:{document.path.parent}"


def with_repeated_furniture(paths: Iterable[str | Path], stories: str | Path | None = None,
                            skipped: list[Skipped] | None = None, dayfirst: bool | None = None,
                            ) -> Iterator[tuple[Document, tuple[Story, ...]]]:
    """Each document of the corpus with its stories, its ``furniture`` joined with the
    segments repeated across many stories of its outlet (``furniture.RepeatedSegments``).

    The segments are counted in a first pass over the whole corpus, in this process, so
    that every engine codes the same furniture. Documents are kept from that pass while
    their text stays under ``KEPT_CHARACTERS`` characters, else read again (quietly: the
    first pass gave the warnings)."""
    repeated = RepeatedSegments()
    kept: list[tuple[Document, tuple[Story, ...]]] | None = []
    size = 0
    for document, document_stories in _documents(paths, stories, skipped, dayfirst):
        text = document.working_text
        for story in document_stories:
            repeated.add(furniture_group(document, story), text, story.start, story.end)
        if kept is not None:
            size += len(text)
            kept.append((document, document_stories))
            if size > KEPT_CHARACTERS:
                kept = None
    if kept is None:
        kept_or_read: Iterable[tuple[Document, tuple[Story, ...]]] = _quietly(paths, stories, dayfirst)
    else:
        kept_or_read = kept
    for document, document_stories in kept_or_read:
        spans = []
        text = document.working_text
        for story in document_stories:
            spans.extend(repeated.spans(furniture_group(document, story), text, story.start, story.end))
        if spans:
            raw = [(document.to_raw(a), document.to_raw(b)) for a, b in spans]
            document = replace(document, furniture=tuple(merge([*document.furniture, *raw])))
        yield document, document_stories


def _quietly(paths, stories, dayfirst) -> Iterator[tuple[Document, tuple[Story, ...]]]:
    """The documents again, without repeating the first pass's warnings and skips."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        yield from _documents(paths, stories, [], dayfirst)


def code_chunk(chunk: Chunk) -> pd.DataFrame:
    """Code every story of a chunk; return its rows as a sentence table."""
    codebook = load_codebook(chunk.codebook)
    vocabulary = load_vocabulary(frame_set=chunk.frame_set)
    rows = [row for document, stories in chunk.documents for story in stories for row in code_story(document, story, codebook, vocabulary)]
    return to_frame(rows)


def _warm_up() -> None:
    """Load the vocabularies once per worker process, before the first chunk."""
    load_codebook()
    load_vocabulary()


def run_chunks(work: Iterable[Chunk], jobs: int = 1, client=None, progress: bool | None = None) -> Iterator[pd.DataFrame]:
    """Code the chunks and yield their tables in order.

    ``jobs`` > 1 uses that many local processes; ``client`` (a
    ``dask.distributed.Client``) sends the chunks to a Dask cluster instead. With
    ``progress`` None, a progress bar shows only on a terminal; False hides it.
    """
    bar = tqdm(unit=" stories", desc="tabulating", disable=None if progress is None else not progress, leave=False)
    try:
        if client is not None:
            yield from _windowed(work, client.submit, _window(client), bar, pure=False)
        elif jobs > 1:
            with ProcessPoolExecutor(max_workers=jobs, initializer=_warm_up) as executor:
                yield from _windowed(work, executor.submit, 2 * jobs, bar)
        else:
            for chunk in work:
                yield code_chunk(chunk)
                bar.update(chunk.stories)
    finally:
        bar.close()


def _window(client) -> int:
    """How many chunks to keep in flight on a Dask cluster: twice its threads."""
    workers = sum(client.nthreads().values()) if hasattr(client, "nthreads") else 2
    return max(2, 2 * workers)


def _windowed(work: Iterable[Chunk], submit, window: int, bar, **options) -> Iterator[pd.DataFrame]:
    """Keep at most ``window`` chunks in flight and yield results in submission order."""
    pending: deque = deque()
    for chunk in work:
        pending.append((chunk.stories, submit(code_chunk, chunk, **options)))
        if len(pending) >= window:
            stories, future = pending.popleft()
            yield future.result()
            bar.update(stories)
    while pending:
        stories, future = pending.popleft()
        yield future.result()
        bar.update(stories)


def default_jobs() -> int:
    """The number of cores this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


PARQUET_SCHEMA = pa.schema(
    [
        (name, pa.dictionary(pa.int8(), pa.string()) if name in CATEGORIES
         else pa.int64() if name in ("paragraph", "sentence_id", "start", "end")
         else pa.bool_() if name in ("is_heading", "is_boilerplate")
         else pa.float64() if name in ("position", "polarity", "subjectivity", "vader")
         else pa.timestamp("ns") if name == "date"
         else pa.string())
        for name in COLUMNS
    ]
)


class TableWriter:
    """Write a sentence table piece by piece: CSV, or Parquet (one row group per piece)
    when the path ends in .parquet; ``-`` writes CSV to standard output. The file is
    written beside its path under a temporary name and moved into place only when the
    writer closes without an error, so a failed or interrupted run leaves any earlier
    file at the path as it was."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.rows = 0
        self._stdout = str(path) == "-"
        self._parquet = not self._stdout and self.path.suffix.lower() == ".parquet"
        self._output = ExitStack()
        temporary = None if self._stdout else self._output.enter_context(atomic_output(self.path))
        self._writer = pq.ParquetWriter(temporary, PARQUET_SCHEMA) if self._parquet else None
        self._csv = sys.stdout if self._stdout else (None if self._parquet else temporary.open("w", encoding="utf-8", newline=""))
        self._header = True

    def write(self, table: pd.DataFrame) -> None:
        """Append ``table`` to the file."""
        if self._parquet:
            self._writer.write_table(pa.Table.from_pandas(table, schema=PARQUET_SCHEMA, preserve_index=False))
        else:
            table.to_csv(self._csv, index=False, header=self._header)
            self._header = False
        self.rows += len(table)

    def __enter__(self) -> TableWriter:
        return self

    def __exit__(self, kind, error, traceback) -> None:
        """Finish the file (an empty CSV still gets its header) and move it into place
        (``atomic_output``); after an error, delete it instead."""
        if self._parquet:
            self._writer.close()
        else:
            if self._header and kind is None:
                pd.DataFrame(columns=list(COLUMNS)).to_csv(self._csv, index=False)
            if self._stdout:
                self._csv.flush()
            else:
                self._csv.close()
        self._output.__exit__(kind, error, traceback)


def write_run(
    work: Iterable[Chunk], path: str | Path, jobs: int = 1, client=None, progress: bool | None = None,
    corpus_types: bool = True, codebook: str | Path | None = None, frame_set: str | None = None,
    on_piece: Callable[[pd.DataFrame], None] | None = None,
) -> int:
    """Code the chunks of ``work`` and write the sentence table to ``path`` (as
    ``TableWriter``); return the number of rows written. ``on_piece`` sees every piece
    as it is written.

    With ``corpus_types`` (the default), speakers that a story leaves without evidence
    take the type that the run's other stories give them (``corpus.CorpusPeople``): the
    pieces are written as they are coded to a Parquet file beside the output (in a
    temporary folder for standard output) while the run's evidence is counted, then read
    back one piece at a time, typed and written to ``path``. Memory follows a piece and
    the speakers' names, never the corpus. The pieces wait in an Arrow IPC file (the
    table's Parquet schema, uncompressed): cheaper to write and read back than Parquet."""
    from ..coding.people import CorpusPeople
    from ..measures.frames import load_vocabulary

    if not corpus_types:
        with TableWriter(path) as writer:
            for piece in run_chunks(work, jobs=jobs, client=client, progress=progress):
                writer.write(piece)
                if on_piece is not None:
                    on_piece(piece)
        return writer.rows
    people = CorpusPeople(load_codebook(codebook))
    folder = None if str(path) == "-" else Path(path).resolve().parent
    with tempfile.TemporaryDirectory(prefix=".coding-", dir=folder) as scratch:
        first = Path(scratch) / "first_pass.arrow"
        with pa.OSFile(str(first), "wb") as sink, pa.ipc.new_file(sink, PARQUET_SCHEMA) as coded:
            for piece in run_chunks(work, jobs=jobs, client=client, progress=progress):
                coded.write_table(pa.Table.from_pandas(piece, schema=PARQUET_SCHEMA, preserve_index=False))
                people.add(piece)
        vocabulary = load_vocabulary(frame_set=frame_set)
        with pa.memory_map(str(first), "r") as source, TableWriter(path) as final:
            reader = pa.ipc.open_file(source)
            for number in range(reader.num_record_batches):
                piece = people.lend(reader.get_batch(number).to_pandas(), vocabulary)
                final.write(piece)
                if on_piece is not None:
                    on_piece(piece)
    return final.rows
