"""Locate and read the project's vocabulary files in ``data/``.

The vocabularies (abbreviations, the source-type codebook, frame lexicons, targets) are
CSV files that users edit. They are read from the ``data/`` folder beside the package,
or from the folder named by the ``ANALYSIS_DATA_DIR`` environment variable.
"""

from __future__ import annotations

import csv
import os
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent


def data_dir() -> Path:
    """Return the folder that holds the vocabulary files."""
    return Path(os.environ.get("ANALYSIS_DATA_DIR", PROJECT_DIR / "data"))


def read_rows(path: str | Path) -> list[dict[str, str]]:
    """Read a UTF-8 CSV vocabulary file into a list of dicts.

    Blank lines and rows whose first cell starts with ``#`` are skipped, so users can
    leave comments in the files. Cells are stripped of surrounding white space.
    """
    path = Path(path)
    with path.open(encoding="utf-8-sig", newline="") as handle:
        lines = (line for line in handle if line.strip() and not line.lstrip().startswith("#"))
        return [
            {key.strip(): (value or "").strip() for key, value in row.items() if key}
            for row in csv.DictReader(lines)
        ]


def modified(path: str | Path) -> tuple[tuple[str, int, int], ...]:
    """What identifies the version of a file, or of the files in a folder: names,
    modification times and sizes. Loaders cache by it, so that an edited vocabulary is
    read again on the next run in the same Python process (a notebook's kernel)."""
    path = Path(path)
    files = sorted(p for p in path.iterdir() if p.is_file()) if path.is_dir() else [path]
    signature = []
    for file in files:
        try:
            stat = file.stat()
        except FileNotFoundError:
            continue
        signature.append((file.name, stat.st_mtime_ns, stat.st_size))
    return tuple(signature)


def abbreviations(path: str | Path | None = None) -> dict[str, str]:
    """Map each abbreviation (without its final period) to its kind.

    Kinds: ``title`` never ends a sentence; ``ambiguous`` ends one only before a word
    that usually starts a sentence; ``numeric`` never ends one before a number.
    Called for every story split, so the default file's path is looked up only when the
    ``ANALYSIS_DATA_DIR`` setting changes; the file is read again when it changes.
    """
    path = _default_abbreviations(os.environ.get("ANALYSIS_DATA_DIR")) if path is None else str(path)
    return _cached_abbreviations(path, modified(path))


@lru_cache(maxsize=4)
def _default_abbreviations(setting: str | None) -> str:
    return str(data_dir() / "abbreviations.csv")


@lru_cache(maxsize=4)
def _cached_abbreviations(path: str, version: tuple) -> dict[str, str]:
    return {row["abbreviation"]: row["kind"] for row in read_rows(path)}


def partial_path(path: Path) -> Path:
    """The temporary name a file is written under before it is moved onto ``path``:
    hidden, beside it (so the move is atomic), and owned by this process."""
    return path.with_name(f".{path.name}.{os.getpid()}.partial")


@contextmanager
def atomic_output(path: str | Path):
    """Yield a temporary path beside ``path`` to write to; move it onto ``path`` only
    when the block finishes, and delete it when the block fails or is interrupted, so
    that an earlier file at ``path`` stays as it was until the new one is whole."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = partial_path(path)
    try:
        yield temporary
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def write_csv(frame, path: str | Path) -> Path:
    """Write a DataFrame as CSV at ``path`` without its index, replacing an earlier file
    only once the new one is whole."""
    path = Path(path)
    with atomic_output(path) as temporary:
        frame.to_csv(temporary, index=False)
    return path
