"""The notebooks run on other corpora by changing their parameter cell, and say when
there is too little data for a chart instead of failing."""

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from analysis.datafiles import PROJECT_DIR
from conftest import write

NOTEBOOKS = sorted((PROJECT_DIR / "notebooks").glob("0[0-4]_*.ipynb"))


def run_with(notebook: Path, overrides: str) -> str:
    """Execute ``notebook`` with ``overrides`` run after its parameter cell; return all
    the text it printed."""
    nb = nbformat.read(notebook, as_version=4)
    index = next(i for i, cell in enumerate(nb.cells) if "parameters" in cell.metadata.get("tags", []))
    nb.cells.insert(index + 1, nbformat.v4.new_code_cell(overrides))
    NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(notebook.parent)}}).execute()
    return "\n".join(
        output.get("text", "") for cell in nb.cells if cell.cell_type == "code" for output in cell.get("outputs", [])
    )


@pytest.fixture(scope="module")
def one_story(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("one_story")
    write(folder, "harbour.txt", "The port reopened on Monday. Traffic was light, a harbour official said.\n")
    return folder


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda path: path.stem)
def test_notebooks_run_on_a_single_short_story(notebook, one_story, tmp_path):
    overrides = (
        f"from pathlib import Path\nCORPUS = Path({str(one_story / 'harbour.txt')!r})\nSTORIES = None\n"
        f"FIGURES = Path({str(tmp_path / 'figures')!r})\nOUTPUT = Path({str(tmp_path)!r})\n"
        f"TABLE = Path({str(tmp_path / 'processed' / 'sentences.csv')!r}) if {notebook.stem!r} == '00_sentence_table' else None"
    )
    printed = run_with(notebook, overrides)
    if notebook.stem == "02_sentiment_by_source":
        assert "Too little data for the chart" in printed
    if notebook.stem == "01_who_speaks":
        assert (tmp_path / "figures" / "01_source_type_shares.png").exists()
        assert "harbour: the outlet's own voice carry the most sentences (1 of 2, 50%)" in printed or "harbour:" in printed


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda path: path.stem)
def test_notebooks_explain_an_empty_corpus(notebook, tmp_path):
    empty = tmp_path / "corpus"
    empty.mkdir()
    write(empty, "blank.txt", "   \n")
    overrides = (
        f"from pathlib import Path\nCORPUS = Path({str(empty)!r})\nSTORIES = None\n"
        f"FIGURES = Path({str(tmp_path / 'figures')!r})\nOUTPUT = Path({str(tmp_path)!r})\n"
        f"TABLE = Path({str(tmp_path / 'processed' / 'sentences.csv')!r}) if {notebook.stem!r} == '00_sentence_table' else None"
    )
    printed = run_with(notebook, overrides)
    assert "0 sentences in 0 stories" in printed
    if notebook.stem != "00_sentence_table":
        assert "Too little data" in printed
