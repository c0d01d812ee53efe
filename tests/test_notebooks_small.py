"""The notebooks run on other corpora by their parameter cell (plain strings work), and say
when there is too little data for a chart instead of failing."""

from pathlib import Path

import nbformat
import pandas as pd
import pytest
from nbclient import NotebookClient

from analysis.datafiles import PROJECT_DIR
from analysis.measures.frames import load_vocabulary
from conftest import write

pytestmark = pytest.mark.notebooks

NOTEBOOKS = sorted((PROJECT_DIR / "notebooks").glob("0[0-9]_*.ipynb"))


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


@pytest.fixture()
def runs(tmp_path, monkeypatch) -> Path:
    """A folder for the runs' results, outside the project (the kernels inherit it)."""
    monkeypatch.setenv("ANALYSIS_RUNS_DIR", str(tmp_path / "runs"))
    return tmp_path / "runs"


@pytest.fixture(scope="module")
def one_story(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("one_story")
    write(folder, "harbour.txt", "The port reopened on Monday. Traffic was light, a harbour official said.\n")
    return folder


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda path: path.stem)
def test_notebooks_run_on_a_single_short_story_given_as_plain_strings(notebook, one_story, runs):
    printed = run_with(notebook, f"CORPUS = {str(one_story / 'harbour.txt')!r}\nSTORIES = None\nNAME = 'one-story'")
    assert "run 'one-story'" in printed or notebook.stem == "05_validation"
    if notebook.stem == "02_sentiment_by_source":
        assert "Too little data for the chart" in printed
    if notebook.stem == "01_who_speaks":
        assert (runs / "one-story" / "figures" / "01_source_type_shares.png").exists()
        assert "harbour: officials carry the most sentences (1 of 2, 50%)" in printed
    if notebook.stem == "06_outlets_and_time":
        assert "Too little data for the chart 'Whose voices carry the coverage, week by week?'" in printed


@pytest.mark.parametrize("notebook", [n for n in NOTEBOOKS if n.stem != "05_validation"], ids=lambda path: path.stem)
def test_notebooks_explain_an_empty_corpus(notebook, tmp_path, runs):
    empty = tmp_path / "corpus"
    empty.mkdir()
    write(empty, "blank.txt", "   \n")
    printed = run_with(notebook, f"CORPUS = {str(empty)!r}\nSTORIES = None\nNAME = 'empty'")
    assert "0 sentences in 0 stories" in printed
    if notebook.stem != "00_sentence_table":
        assert "Too little data" in printed


@pytest.mark.parametrize("frame_set", ["generic", "seed"])
def test_the_frame_set_setting_switches_the_frame_charts(frame_set, one_story, runs):
    notebook = PROJECT_DIR / "notebooks" / "03_framing_and_stance.ipynb"
    run_with(notebook, f"CORPUS = {str(one_story / 'harbour.txt')!r}\nSTORIES = None\nNAME = 'sets-{frame_set}'\nFRAMES = {frame_set!r}")
    charted = pd.read_csv(runs / f"sets-{frame_set}" / "figures" / "03_story_frames.csv")
    assert charted["label"].tolist() == list(load_vocabulary(frame_set=frame_set).labels.values())
    assert (runs / f"sets-{frame_set}" / "figures" / "03_frames_by_story.png").exists()


def test_without_a_coding_sheet_the_charts_say_they_are_uncorrected_and_05_shows_no_other_runs_agreement(coded_news, runs):
    corpus, _ = coded_news
    printed = run_with(PROJECT_DIR / "notebooks" / "05_validation.ipynb", f"CORPUS = {str(corpus)!r}\nNAME = 'uncoded'")
    assert "run 'uncoded' has no coding sheet" in printed
    assert not (runs / "uncoded" / "figures" / "05_confusion_matrix.png").exists()
    run_with(PROJECT_DIR / "notebooks" / "01_who_speaks.ipynb", f"CORPUS = {str(corpus)!r}\nNAME = 'uncoded'")
    shares = pd.read_csv(runs / "uncoded" / "figures" / "01_source_type_shares_corrected.csv")
    assert shares["method"].str.startswith("uncorrected").all() or shares["method"].str.startswith("none").any()
    assert (shares["estimate"].dropna() == shares.loc[shares["estimate"].notna(), "naive"]).all()
