"""What to analyse, and where a run writes its results: one setting for every notebook.

A run is a corpus (a text file, a folder, or a CSV/JSONL table of articles), an optional
manifest that splits text files into stories, a name, the frame set whose frames
the table holds (``generic`` by default, see ``data/framing``), and an optional filled
coding sheet of its sentences (``python -m analysis sample``) that corrects the
notebooks' shares and means (the seed's is its full hand coding). The notebooks all call
``current_run`` with their parameter cell's values; a value left at None comes from
``settings.yaml`` at the project root, which users edit to switch corpus for every
notebook at once, and ``make report CORPUS=... NAME=...`` fills the parameter cells
instead (papermill's convention: a cell tagged ``parameters``). Without either, the run
is the seed.

The seed's run writes where docs/outputs.md says (``data/processed``, ``data/figures``,
``data/reports``); every other run writes to ``data/runs/NAME/`` (``ANALYSIS_RUNS_DIR``
moves ``data/runs``) with the same three folders, so runs never overwrite each other. Paths may be strings or ``Path``s; relative
ones are read from the project root.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import yaml

from ..datafiles import PROJECT_DIR, data_dir
from ..measures.frames import DEFAULT_FRAME_SET, FramingVocabulary, frame_set_folder, load_vocabulary
from ..errors import InputError
from ..corpus.read import expand_paths
from ..table.tabulate import COLUMNS, read_table, tabulate, write_table

SETTINGS_FILE = PROJECT_DIR / "settings.yaml"
# The files of the data folder that change the coding (not the outputs kept beside them).
VOCABULARY_FOLDERS = ("codebook", "framing", "stance")
VOCABULARY_FILES = ("cues.csv", "abbreviations.csv", "furniture.csv")
SEED_NAME = "seed"
SEED_CORPUS = PROJECT_DIR / "seeds"
SEED_STORIES = PROJECT_DIR / "data" / "stories.csv"
SEED_CODING = PROJECT_DIR / "data" / "annotations" / "seed_hand_coding.csv"
SETTINGS_KEYS = ("corpus", "stories", "name", "frames", "coding", "dayfirst")


@dataclass(frozen=True)
class Run:
    """One analysis: its ``corpus``, its manifest ``stories`` (or None), its ``name``,
    the ``folder`` its results go to, its ``frame_set`` (a set's name or a folder) and
    its ``coding``, a filled coding sheet of its sentences (or None), and whether its
    numeric dates put the day first (``dayfirst``; None: told per file)."""

    name: str
    corpus: Path
    stories: Path | None
    folder: Path
    frame_set: str = DEFAULT_FRAME_SET
    coding: Path | None = None
    dayfirst: bool | None = None

    @property
    def processed(self) -> Path:
        """Where the run's tables go."""
        return self.folder / "processed"

    @property
    def figures(self) -> Path:
        """Where the run's charts (PNG) and their data (CSV) go."""
        return self.folder / "figures"

    @property
    def reports(self) -> Path:
        """Where the run's HTML pages go."""
        return self.folder / "reports"

    @property
    def table(self) -> Path:
        """The run's sentence table."""
        return self.processed / "sentences.csv"

    @property
    def table_frames(self) -> Path:
        """A note beside the table of the frame set its ``frames`` column holds."""
        return self.processed / "sentences.frames.txt"

    def vocabulary(self) -> FramingVocabulary:
        """The run's framing vocabulary (its frame set, the targets, the contrasts)."""
        return load_vocabulary(frame_set=self.frame_set)

    def tabulate(self, jobs: int = 1) -> pd.DataFrame:
        """Tabulate the corpus (on ``jobs`` processes), save the table at ``table`` and
        return it."""
        table = tabulate(self.corpus, stories=self.stories, jobs=jobs, frame_set=self.frame_set, dayfirst=self.dayfirst)
        write_table(table, self.table)
        self.table_frames.write_text(self._frame_set_path() + "\n", encoding="utf-8")
        return table

    def load_table(self) -> pd.DataFrame:
        """The run's sentence table: the saved one when it is newer than the corpus,
        the manifest and every vocabulary file, was made with the run's frame set and
        has every column of this version, else tabulated again (and saved), so an edit to the articles or the codebook, or
        another frame set, shows on the next run."""
        same_frames = self.table_frames.is_file() and self.table_frames.read_text(encoding="utf-8").strip() == self._frame_set_path()
        if same_frames and self.table.exists() and self.table.stat().st_mtime_ns > self._inputs_changed():
            table = read_table(self.table)
            if not set(COLUMNS) - set(table.columns):
                return table  # else a table from an earlier version of the project
        return self.tabulate()

    def _frame_set_path(self) -> str:
        """The folder of the run's frame set, as a string."""
        return str(frame_set_folder(self.frame_set))

    def _inputs_changed(self) -> int:
        """When the newest of the run's inputs last changed (nanoseconds)."""
        inputs = expand_paths([self.corpus]) + ([self.stories] if self.stories else [])
        data = data_dir()
        for folder in VOCABULARY_FOLDERS:
            inputs += [path for path in (data / folder).glob("*") if path.is_file()]
        inputs += [path for path in frame_set_folder(self.frame_set).glob("*") if path.is_file()]
        inputs += [data / name for name in VOCABULARY_FILES if (data / name).is_file()]
        return max((path.stat().st_mtime_ns for path in inputs), default=0)


def current_run(
    corpus: str | Path | None = None,
    stories: str | Path | None = None,
    name: str | None = None,
    frames: str | Path | None = None,
    settings: str | Path | None = None,
    coding: str | Path | None = None,
    dayfirst: bool | None = None,
) -> Run:
    """The run that the arguments describe, with what they leave at None taken from
    ``settings`` (default ``settings.yaml`` at the project root, when there is one),
    else the seed. A corpus other than the seed gets no manifest and no coding sheet
    unless one is given, and, without a name, the name of its file or folder (the seed's
    coding sheet is its full hand coding). ``frames`` is the frame set (a name in
    ``data/framing`` or a folder; default ``generic``); ``coding`` a filled coding sheet
    of the run's sentences; ``dayfirst`` whether numeric dates put the day first (else
    the settings' ``dayfirst:``, else told from each file's dates). Raises ``InputError``
    for a corpus, manifest, coding sheet or frame set that does not exist, or a name that
    is not a plain word."""
    configured = _read_settings(Path(settings) if settings else SETTINGS_FILE)
    corpus = corpus if corpus is not None else configured.get("corpus")
    coding = coding if coding is not None else configured.get("coding")
    if corpus is None or project_path(corpus) == SEED_CORPUS:
        corpus_path = SEED_CORPUS
        stories = stories if stories is not None else configured.get("stories", SEED_STORIES)
        coding = coding if coding is not None else SEED_CODING
    else:
        corpus_path = project_path(corpus)
        stories = stories if stories is not None else configured.get("stories")
    name = name if name is not None else configured.get("name")
    if not name:
        name = SEED_NAME if corpus_path == SEED_CORPUS else corpus_path.stem
    if not re.fullmatch(r"[\w.-]+", str(name)):
        raise InputError(f"run name {name!r}: use letters, digits, '.', '-' or '_' (it names a folder)")
    if not corpus_path.exists():
        raise InputError(f"{corpus_path}: no such file or folder to analyse")
    stories_path = project_path(stories) if stories else None
    if stories_path is not None and not stories_path.exists():
        raise InputError(f"{stories_path}: no such manifest")
    coding_path = project_path(coding) if coding else None
    if coding_path is not None and not coding_path.is_file():
        raise InputError(f"{coding_path}: no such coding sheet (draw one with: python -m analysis sample TABLE --out sheet.csv)")
    frame_set = _frame_set(frames if frames is not None else configured.get("frames", DEFAULT_FRAME_SET))
    folder = PROJECT_DIR / "data" if name == SEED_NAME else runs_dir() / str(name)
    dayfirst = dayfirst if dayfirst is not None else configured.get("dayfirst")
    if dayfirst is not None and not isinstance(dayfirst, bool):
        raise InputError(f"dayfirst: {dayfirst!r}; write true (05/11/2004 is 5 November) or false (it is 11 May)")
    return Run(str(name), corpus_path, stories_path, folder, frame_set, coding_path, dayfirst)


def _frame_set(frames: str | Path) -> str:
    """A frame set's name when ``data/framing`` has it, else the folder ``frames`` names
    (relative ones from the project root); ``InputError`` when it is neither."""
    if (data_dir() / "framing" / str(frames) / "frame_definitions.csv").is_file():
        return str(frames)
    folder = project_path(frames)
    try:
        frame_set_folder(folder)
    except ValueError as error:
        raise InputError(str(error)) from None
    return str(folder)


def runs_dir() -> Path:
    """The folder of named runs: ``data/runs``, or the ``ANALYSIS_RUNS_DIR`` setting."""
    return Path(os.environ.get("ANALYSIS_RUNS_DIR", PROJECT_DIR / "data" / "runs"))


def project_path(path: str | Path) -> Path:
    """``path`` as an absolute path, relative ones read from the project root."""
    path = Path(path).expanduser()
    return (path if path.is_absolute() else PROJECT_DIR / path).resolve()


def _read_settings(path: Path) -> dict:
    """The values of a settings file (empty ones dropped), or none without the file."""
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8") as handle:
        values = yaml.safe_load(handle) or {}
    if not isinstance(values, dict) or set(values) - set(SETTINGS_KEYS):
        raise InputError(f"{path}: expected the keys {', '.join(SETTINGS_KEYS)}")
    return {key: value for key, value in values.items() if value not in (None, "")}
