"""A failed or interrupted run never destroys earlier results; standard input and output,
and pasted text, just work."""

import io
import signal
import subprocess
import sys
import time

import pandas as pd
import pytest

from analysis import InputError, tabulate, tabulate_text
from conftest import write, write_news_corpus


def run(*args: str, cwd, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "analysis", *args], capture_output=True, text=True, cwd=cwd, input=stdin)


@pytest.fixture()
def earlier(tmp_path):
    """A folder with an article and a table from an earlier run, and the table's bytes."""
    write(tmp_path, "a.txt", "The mayor said the port would reopen. Work starts soon.\n")
    assert run("tabulate", "a.txt", "--out", "good.csv", cwd=tmp_path).returncode == 0
    return tmp_path, (tmp_path / "good.csv").read_bytes()


def leftovers(folder) -> list[str]:
    return sorted(path.name for path in folder.iterdir() if path.name.endswith(".partial"))


@pytest.mark.parametrize(
    "arguments, message",
    [
        (["tabulate", "artcles.csv", "--out", "good.csv"], "artcles.csv: no such file or folder"),
        (["tabulate", "a.txt", "--stories", "manifest.csv", "--out", "good.csv"], "the file 'missing.txt' does not exist"),
        (["tabulate", "a.txt", "scan.txt", "--no-keep-going", "--out", "good.csv"], "looks like a PDF document"),
        (["tabulate", "a.txt", "--out", "good.xlsx"], "a table is written as .csv or .parquet"),
        (["tabulate", "table.csv", "--out", "table.csv"], "table.csv: this is also an input"),
    ],
)
def test_a_failing_run_leaves_the_earlier_output_byte_identical(earlier, arguments, message):
    folder, before = earlier
    write(folder, "manifest.csv", "story_id,title,outlet,date,file,start_line\ns,T,P,2024-01-01,missing.txt,1\n")
    (folder / "scan.txt").write_bytes(b"%PDF-1.4 binary")
    write(folder, "table.csv", 'id,title,outlet,date,text\nx,T,P,2024-01-01,"The port reopened."\n')
    result = run(*arguments, cwd=folder)
    assert result.returncode == 2 and message in result.stderr
    assert (folder / "good.csv").read_bytes() == before and leftovers(folder) == []


def test_a_run_stopped_mid_way_leaves_the_earlier_output_byte_identical(earlier):
    folder, before = earlier
    write_news_corpus(folder / "corpus", stories=400)
    process = subprocess.Popen([sys.executable, "-m", "analysis", "tabulate", "corpus", "--quiet", "--out", "good.csv"], cwd=folder,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not leftovers(folder) and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.05)
    assert leftovers(folder), "the run should be writing its table by now"
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    assert process.returncode == 130 and "interrupted" in process.stderr.read()
    assert (folder / "good.csv").read_bytes() == before and leftovers(folder) == []


def test_standard_input_and_output(tmp_path):
    result = run("tabulate", "-", "--out", "-", cwd=tmp_path, stdin="The mayor said the port would reopen. Work starts soon.\n")
    assert result.returncode == 0, result.stderr
    table = pd.read_csv(io.StringIO(result.stdout))
    assert table["text"].tolist() == ["The mayor said the port would reopen.", "Work starts soon."]
    assert table["story_id"].tolist() == ["stdin", "stdin"] and "wrote 2 sentences" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_pasted_text_is_tabulated_and_a_string_that_is_no_path_is_pointed_there():
    table = tabulate_text("The mayor said the port would reopen. Work starts soon.", title="Port", outlet="Harbour Gazette", date="2024-01-02")
    assert table["speaker"].tolist()[0] == "mayor" and table["outlet"].tolist() == ["Harbour Gazette"] * 2
    assert table["date"].dt.strftime("%Y-%m-%d").tolist() == ["2024-01-02"] * 2
    with pytest.raises(InputError, match="looks like the text of an article: use tabulate_text"):
        tabulate("The mayor said the port would reopen.\nWork starts soon.\n")


def test_the_report_ends_with_a_summary_of_what_it_coded_and_what_to_check_next(tmp_path, monkeypatch):
    from analysis import current_run
    from analysis.report.notebooks import summary
    from conftest import write_news_corpus

    monkeypatch.setenv("ANALYSIS_RUNS_DIR", str(tmp_path / "runs"))
    run = current_run(write_news_corpus(tmp_path / "corpus", stories=6), name="summary")
    table = run.tabulate()
    text = summary(run, table)
    sentences = int((~table["is_heading"] & ~table["is_boilerplate"]).sum())
    assert text.startswith(f"Done: run 'summary', 6 stories: {sentences} sentences, 6 headings and captions, 0 rows of page furniture set apart.")
    assert f"Check who could not be typed: python -m analysis gaps {run.table}" in text
    assert "Coding sheet: none, so every share and mean is the program's coding, uncorrected" in text and "--plan" in text
