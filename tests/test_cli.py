"""The command line."""

import json
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


HEAVY = ("pandas", "scipy", "matplotlib", "textblob", "nltk")


def modules_loaded_by(argv: list[str], heavy: tuple[str, ...] = HEAVY) -> list[str]:
    """Run the command line with ``argv`` in a fresh interpreter; return which of the
    ``heavy`` packages it left imported."""
    probe = (
        "import sys\nfrom analysis.cli import main\n"
        f"try:\n    main({argv!r})\nexcept SystemExit:\n    pass\n"
        f"print('loaded:', *(name for name in {heavy!r} if name in sys.modules and sys.modules[name] is not None))"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()[-1].split()[1:]


def test_help_and_argument_errors_import_nothing_heavy():
    assert modules_loaded_by(["--help"]) == []
    assert modules_loaded_by(["tabulate", "--help"]) == []
    assert modules_loaded_by(["tabulate", "--no-such-option"]) == []
    assert modules_loaded_by(["estimate"]) == []


def test_tabulate_imports_neither_scipy_nor_matplotlib(tmp_path):
    out = tmp_path / "seed.csv"
    loaded = modules_loaded_by(["tabulate", str(SEED), "--stories", str(MANIFEST), "--out", str(out), "--quiet"])
    assert out.exists()
    assert "pandas" in loaded and "textblob" in loaded
    assert "scipy" not in loaded and "matplotlib" not in loaded


def test_scipy_still_imports_after_textblob_was_imported_without_it():
    probe = "import analysis.pattern\nimport scipy.stats\nprint(scipy.stats.norm.ppf(0.975).round(2))"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "1.96"


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


def test_estimate_corrects_a_table_by_a_filled_sheet_and_refuses_a_misspelled_code(tmp_path):
    from conftest import write_news_corpus

    corpus = write_news_corpus(tmp_path / "corpus", stories=60)
    table_path, sheet_path, out = tmp_path / "sentences.csv", tmp_path / "sheet.csv", tmp_path / "estimates.csv"
    assert run("tabulate", str(corpus), "--out", str(table_path)).returncode == 0
    drawn = run("sample", str(table_path), "--n", "240", "--by", "outlet", "--out", str(sheet_path))
    assert drawn.returncode == 0, drawn.stderr
    sheet = pd.read_csv(sheet_path, keep_default_na=False)
    assert ((sheet["inclusion"] > 0) & (sheet["inclusion"] <= 1)).all() and sheet["stratum"].str.startswith("outlet=").all()
    table = read_table(table_path)
    program = sheet.merge(table[["story_id", "start", "source_type"]].rename(columns={"source_type": "program"}), on=["story_id", "start"])["program"]
    sheet = sheet.assign(source_type=program.astype(str).to_numpy(), is_heading="false")
    sheet.to_csv(sheet_path, index=False)
    result = run("estimate", str(table_path), "--coding", str(sheet_path), "--by", "outlet", "--out", str(out))
    assert result.returncode == 0, result.stderr
    estimates = pd.read_csv(out)
    assert list(estimates.columns) == ["measure", "group", "category", "naive", "estimate", "low", "high", "coded", "sentences", "method"]
    shares = estimates[(estimates["measure"] == "source_type_share") & estimates["method"].str.startswith("DSL")]
    assert len(shares) > 10 and (shares["estimate"] - shares["naive"]).abs().max() < 1e-9
    assert set(estimates["group"]) == {"all", *table["outlet"].dropna().unique()}
    sheet.loc[3, "source_type"] = "Official"
    sheet.to_csv(sheet_path, index=False)
    refused = run("estimate", str(table_path), "--coding", str(sheet_path), "--out", str(out))
    assert refused.returncode == 2
    assert "1 problem(s): line 5: source_type 'Official' is not a code (did you mean 'official'?)" in refused.stderr
    planned = run("sample", str(table_path), "--plan", "--half-width", "0.1", "--error-rate", "0.3")
    assert planned.returncode == 0 and "to_code" in planned.stdout and "harbour gazette" in planned.stdout


def test_bench_measures_each_step_in_a_fresh_process(tmp_path):
    out = tmp_path / "bench.json"
    result = run("bench", "--stories", "3", "--repeat", "1", "--steps", "split", "pipeline", "--corpus", "seed", "--json", str(out))
    assert result.returncode == 0, result.stderr
    results = json.loads(out.read_text(encoding="utf-8"))["results"]
    assert [(row["step"], row["stories"], row["sentences"]) for row in results] == [("split", 3, 125), ("pipeline", 3, 125)]
    assert all(row["sentences_per_second"] > 0 and row["peak_mb"] > 0 for row in results)


def test_gaps_from_a_sheet_checks_its_frames_against_the_frame_set(tmp_path):
    table = tmp_path / "seed.csv"
    assert run("tabulate", str(SEED), "--stories", str(MANIFEST), "--out", str(table), "--quiet").returncode == 0
    sheet = pd.read_csv(MANIFEST.parent / "annotations" / "seed_hand_coding.csv", comment="#", dtype=str, keep_default_na=False)
    with_frames = tmp_path / "sheet.csv"
    sheet.assign(frames="none").to_csv(with_frames, index=False)
    result = run("gaps", str(table), "--from-sheet", str(with_frames), "--out", str(tmp_path / "rows.csv"))
    assert result.returncode == 0, result.stderr
    sheet.assign(frames="confict").to_csv(with_frames, index=False)
    result = run("gaps", str(table), "--from-sheet", str(with_frames), "--out", str(tmp_path / "rows.csv"))
    assert result.returncode == 2 and "frame 'confict' is not in the frame set (did you mean 'conflict'?)" in result.stderr
