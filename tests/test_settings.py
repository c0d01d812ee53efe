"""One setting for every notebook: the run (corpus, manifest, name) and where it writes."""

import shutil

import nbformat
import pytest

from analysis import InputError, current_run
from analysis.datafiles import PROJECT_DIR
from analysis.report.notebooks import parameters_source, with_parameters
from analysis.report.settings import SEED_CORPUS, SEED_STORIES
from conftest import write


def test_without_settings_the_run_is_the_seed_and_writes_where_the_readme_says(tmp_path):
    run = current_run(settings=tmp_path / "absent.yaml")
    assert (run.name, run.corpus, run.stories) == ("seed", SEED_CORPUS, SEED_STORIES)
    assert (run.table, run.figures, run.reports) == (
        PROJECT_DIR / "data" / "processed" / "sentences.csv", PROJECT_DIR / "data" / "figures", PROJECT_DIR / "data" / "reports",
    )


def test_a_settings_file_switches_every_notebook_and_arguments_override_it(tmp_path, monkeypatch):
    monkeypatch.setenv("ANALYSIS_RUNS_DIR", str(tmp_path / "runs"))
    corpus = tmp_path / "articles"
    corpus.mkdir()
    settings = write(tmp_path, "settings.yaml", f"corpus: {corpus}\nstories:\nname: harbour\n")
    run = current_run(settings=settings)
    assert (run.name, run.corpus, run.stories, run.folder) == ("harbour", corpus, None, tmp_path / "runs" / "harbour")
    assert current_run(str(corpus), None, "other", settings=settings).folder == tmp_path / "runs" / "other"
    assert current_run(corpus, settings=tmp_path / "absent.yaml").name == "articles"


def test_strings_and_paths_name_the_same_run_and_relative_paths_start_at_the_project_root(tmp_path):
    absent = tmp_path / "absent.yaml"
    assert current_run("seeds", "data/stories.csv", settings=absent) == current_run(SEED_CORPUS, SEED_STORIES, settings=absent)


@pytest.mark.parametrize(
    "arguments, message",
    [
        ({"corpus": "no/such/folder"}, "no such file or folder"),
        ({"name": "my run/1"}, "use letters, digits"),
        ({"stories": "no/such/manifest.csv"}, "no such manifest"),
    ],
)
def test_a_run_that_cannot_be_made_says_why(tmp_path, arguments, message):
    with pytest.raises(InputError, match=message):
        current_run(settings=tmp_path / "absent.yaml", **arguments)


def test_the_report_injects_the_run_after_the_parameters_cell(tmp_path):
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [
        nbformat.v4.new_markdown_cell("# Title"),
        nbformat.v4.new_code_cell("CORPUS = None", metadata={"tags": ["parameters"]}),
        nbformat.v4.new_code_cell("print(CORPUS)"),
    ]
    run = current_run(settings=tmp_path / "absent.yaml")
    injected = with_parameters(notebook, run)
    assert [cell.source for cell in injected.cells[1:3]] == ["CORPUS = None", parameters_source(run)]
    assert injected.cells[2].metadata["tags"] == ["injected-parameters"]
    assert f"CORPUS = {str(SEED_CORPUS)!r}" in parameters_source(run) and "NAME = 'seed'" in parameters_source(run)
    assert len(notebook.cells) == 3


def test_a_saved_table_is_reused_until_an_article_changes(tmp_path, monkeypatch):
    data = tmp_path / "data"
    shutil.copytree(PROJECT_DIR / "data", data, ignore=shutil.ignore_patterns("runs", "processed", "figures", "reports"))
    monkeypatch.setenv("ANALYSIS_DATA_DIR", str(data))
    monkeypatch.setenv("ANALYSIS_RUNS_DIR", str(tmp_path / "runs"))
    corpus = tmp_path / "articles"
    corpus.mkdir()
    article = write(corpus, "a.txt", "The mayor said the port would reopen.\n")
    run = current_run(corpus, settings=tmp_path / "absent.yaml")
    run.load_table()
    written = run.table.stat().st_mtime_ns
    (data / "figures").mkdir()
    write(data / "figures", "01_chart.csv", "a\n1\n")  # an output written after the table is no input
    assert len(run.load_table()) == 1 and run.table.stat().st_mtime_ns == written
    article.write_text("The mayor said the port would reopen. Work starts soon.\n")
    assert len(run.load_table()) == 2 and run.table.stat().st_mtime_ns > written
