"""Reproduce a run: tabulate its corpus, then execute every numbered notebook with the
run's parameters and save each as an HTML page in the run's ``reports`` folder.

The parameters go into each notebook the way papermill does it: a cell tagged
``injected-parameters`` right after the cell tagged ``parameters``, so that the page
shows what was analysed. The notebooks themselves are left unchanged.
"""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import nbformat
import pandas as pd
from nbclient import NotebookClient
from nbconvert import HTMLExporter

from ..datafiles import PROJECT_DIR, atomic_output
from ..corpus.furniture import describe, print_furniture
from ..errors import InputError
from .settings import Run

NOTEBOOKS_DIR = PROJECT_DIR / "notebooks"
TIMEOUT_SECONDS = 3600


def notebooks() -> list[Path]:
    """The numbered notebooks, in reading order."""
    return sorted(NOTEBOOKS_DIR.glob("[0-9][0-9]_*.ipynb"))


def parameters_source(run: Run) -> str:
    """The code of the injected parameters cell for ``run``."""
    stories = f"{str(run.stories)!r}" if run.stories else "None"
    coding = f"{str(run.coding)!r}" if run.coding else "None"
    return (
        "# Injected by `python -m analysis report` (`make report`)\n"
        f"CORPUS = {str(run.corpus)!r}\nSTORIES = {stories}\nNAME = {run.name!r}\nFRAMES = {run.frame_set!r}\nCODING = {coding}\n"
    )


def with_parameters(notebook: nbformat.NotebookNode, run: Run) -> nbformat.NotebookNode:
    """A copy of ``notebook`` with the run's parameters injected after its parameters
    cell (at the top when it has none)."""
    notebook = nbformat.from_dict(notebook)
    cell = nbformat.v4.new_code_cell(parameters_source(run), metadata={"tags": ["injected-parameters"]})
    tagged = [index for index, existing in enumerate(notebook.cells) if "parameters" in existing.get("metadata", {}).get("tags", [])]
    notebook.cells.insert(tagged[0] + 1 if tagged else 0, cell)
    return notebook


def execute(path: Path, run: Run, out: Path) -> Path:
    """Execute the notebook at ``path`` for ``run`` and write it as HTML at ``out``. The
    kernel's own log (its notice that a local kernel talks over unencrypted TCP) is not
    shown; what the notebook prints, warnings included, is in its page."""
    notebook = with_parameters(nbformat.read(path, as_version=4), run)
    client = NotebookClient(notebook, timeout=TIMEOUT_SECONDS, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}})
    client.execute(stderr=subprocess.DEVNULL)
    body, _ = HTMLExporter().from_notebook_node(notebook)
    with atomic_output(out) as temporary:
        temporary.write_text(body, encoding="utf-8")
    return out


def make_report(run: Run, paths: Sequence[Path] | None = None, jobs: int = 1, tabulate_only: bool = False) -> list[Path]:
    """Tabulate ``run`` (on ``jobs`` processes), then execute ``paths`` (default: every
    numbered notebook) into ``run.reports``; return the pages written."""
    table = run.tabulate(jobs=jobs)
    skipped = table.attrs.get("skipped", [])
    if table.empty:
        left_out = f" ({len(skipped)} file(s) or article(s) left out, listed above)" if skipped else ""
        raise InputError(f"{run.corpus}: no story left to analyse{left_out}; no notebook was run")
    print(f"run {run.name!r}: {len(table)} sentences of {table['story_id'].nunique()} stories in {run.table}", file=sys.stderr)
    print_furniture(describe(pd.DataFrame(table.attrs.get("furniture", []))))
    if tabulate_only:
        return []
    pages = []
    for path in paths or notebooks():
        started = time.perf_counter()
        pages.append(execute(path, run, run.reports / f"{path.stem}.html"))
        print(f"executed {path.name} in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    print(summary(run, table), file=sys.stderr)
    return pages


def summary(run: Run, table: pd.DataFrame) -> str:
    """What a report coded and where it went, and what to check next: stories, sentences,
    headings and page furniture set apart, the attributed and typed shares, the coding
    sheet, the pages and charts."""
    from .summarise import coded_sentences, typing_coverage

    sentences = coded_sentences(table)
    furniture = int(table["is_boilerplate"].sum()) if "is_boilerplate" in table else 0
    coverage = typing_coverage(table)
    attributed, typed = coverage["attributed"], coverage["typed"]
    charts = len(list(run.figures.glob("*.png")))
    pages = sorted(path.name for path in run.reports.glob("*.html"))
    lines = [
        f"Done: run {run.name!r}, {table['story_id'].nunique():,} stories: {len(sentences):,} sentences, "
        f"{int(table['is_heading'].sum()):,} headings and captions, {furniture:,} rows of page furniture set apart.",
        f"  Attributed to a source: {attributed:,} sentences ({attributed / max(len(sentences), 1):.0%}); typed: {typed:,} of them "
        f"({typed / max(attributed, 1):.0%}). Check who could not be typed: python -m analysis gaps {run.table}",
    ]
    if run.coding:
        lines.append(f"  Coding sheet: {run.coding}: the charts marked 'corrected' and notebook 05 use it.")
    else:
        lines.append("  Coding sheet: none, so every share and mean is the program's coding, uncorrected. Plan and draw one: "
                     f"python -m analysis sample {run.table} --plan; then --out sheet.csv, code it, and make report ... CODING=sheet.csv")
    lines.append(f"  Pages: {run.reports} ({', '.join(pages)}); charts, each beside the CSV of its data: {run.figures} ({charts} charts)")
    skipped = table.attrs.get("skipped", [])
    if skipped:
        lines.append(f"  Left out: {len(skipped)} file(s) or article(s), listed above")
    return "\n".join(lines)
