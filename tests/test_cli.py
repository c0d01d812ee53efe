"""The command line."""

import subprocess
import sys

import pandas as pd

from analysis import read_table
from conftest import MANIFEST, SEED, write


def run(*args: str, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "analysis", *args], capture_output=True, text=True, cwd=cwd)


def test_help_lists_the_commands():
    result = run("--help")
    assert result.returncode == 0
    assert "tabulate" in result.stdout


def test_tabulate_the_seed_to_csv_and_parquet(tmp_path):
    for name in ("sentences.csv", "sentences.parquet"):
        out = tmp_path / name
        result = run("tabulate", str(SEED), "--stories", str(MANIFEST), "--out", str(out))
        assert result.returncode == 0, result.stderr
        table = read_table(out)
        assert len(table) == 125
        assert table["story_id"].nunique() == 3
        assert isinstance(table["source_type"].dtype, pd.CategoricalDtype)


def test_tabulate_a_single_article_without_manifest(tmp_path):
    article = write(tmp_path, "note.txt", '"We will build it," the mayor said. Work starts soon.\n')
    out = tmp_path / "note.csv"
    result = run("tabulate", str(article), "--out", str(out))
    assert result.returncode == 0, result.stderr
    table = read_table(out)
    assert table["story_id"].tolist() == ["note", "note"]
    assert table["speaker"].tolist()[0] == "mayor"
    assert table["quote"].tolist() == ["direct", "none"]


def test_a_missing_path_is_a_one_line_error(tmp_path):
    result = run("tabulate", str(tmp_path / "nope.txt"), "--out", str(tmp_path / "x.csv"))
    assert result.returncode == 2
    assert result.stderr.strip() == f"error: {tmp_path / 'nope.txt'}: no such file or folder"


def test_sample_writes_a_stratified_coding_sheet_and_names_a_bad_column(tmp_path):
    out = tmp_path / "sentences.csv"
    assert run("tabulate", str(SEED), "--stories", str(MANIFEST), "--out", str(out)).returncode == 0
    sheet = tmp_path / "sheet.csv"
    result = run("sample", str(out), "--n", "30", "--by", "story_id", "--seed", "2", "--out", str(sheet))
    assert result.returncode == 0, result.stderr
    coded = pd.read_csv(sheet, keep_default_na=False)
    assert len(coded) == 30 and coded["story_id"].value_counts().tolist() == [10, 10, 10]
    assert (coded["source_type"] == "").all()
    bad = run("sample", str(out), "--by", "newspaper", "--out", str(sheet))
    assert bad.returncode == 2 and "no column 'newspaper'" in bad.stderr
