"""Engines for large corpora: local processes and Dask give the same table as one
process, results stream to CSV or Parquet, and progress shows only when asked."""

import subprocess
import sys

import pandas as pd
import pytest

from analysis import read_table, tabulate
from analysis.table.run import Chunk, TableWriter, chunks, run_chunks
from conftest import MANIFEST, SEED, write


@pytest.fixture(scope="module")
def in_process():
    return tabulate(SEED, stories=MANIFEST)


@pytest.fixture()
def articles(tmp_path):
    rows = [
        f'{{"id": "n{i}", "title": "T{i}", "outlet": "Daily", "date": "2024-01-0{i}", '
        f'"text": "Story {i} begins. The mayor said the plan number {i} was sound."}}'
        for i in range(1, 6)
    ]
    return write(tmp_path, "articles.jsonl", "\n".join(rows) + "\n")


def test_local_processes_give_the_same_table(in_process):
    pd.testing.assert_frame_equal(tabulate(SEED, stories=MANIFEST, jobs=2), in_process)


def test_a_dask_cluster_gives_the_same_table(in_process, tmp_path):
    distributed = pytest.importorskip("dask.distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        with distributed.Client(cluster) as client:
            pd.testing.assert_frame_equal(tabulate(SEED, stories=MANIFEST, client=client), in_process)
        out = tmp_path / "dask.parquet"
        result = subprocess.run(
            [sys.executable, "-m", "analysis", "tabulate", str(SEED), "--stories", str(MANIFEST), "--out", str(out),
             "--scheduler", cluster.scheduler_address, "--quiet"],
            capture_output=True, text=True,
        )
        assert result.returncode == 0, result.stderr
    pd.testing.assert_frame_equal(read_table(out), in_process)


def test_chunks_hold_whole_documents_in_corpus_order(articles):
    work = list(chunks([articles], size=2))
    assert [chunk.number for chunk in work] == [0, 1, 2]
    assert [[stories[0].story_id for _, stories in chunk.documents] for chunk in work] == [["n1", "n2"], ["n3", "n4"], ["n5"]]
    seed = list(chunks([SEED], MANIFEST, size=1))
    assert len(seed) == 1 and seed[0].stories == 3


def test_results_come_back_in_order_from_every_engine(articles):
    one = [piece["story_id"].tolist() for piece in run_chunks(chunks([articles], size=1), jobs=1)]
    two = [piece["story_id"].tolist() for piece in run_chunks(chunks([articles], size=1), jobs=2)]
    assert one == two == [[f"n{i}"] * 2 for i in range(1, 6)]


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_the_writer_appends_piece_by_piece(articles, tmp_path, suffix):
    pieces = list(run_chunks(chunks([articles], size=2)))
    path = tmp_path / f"table{suffix}"
    with TableWriter(path) as writer:
        for piece in pieces:
            writer.write(piece)
    assert writer.rows == 10
    expected = pd.concat(pieces, ignore_index=True)
    pd.testing.assert_frame_equal(read_table(path), read_table_from(expected, tmp_path, suffix))


def read_table_from(frame, folder, suffix):
    """The frame as it reads back from a single write, for comparison."""
    path = folder / f"whole{suffix}"
    with TableWriter(path) as writer:
        writer.write(frame)
    return read_table(path)


def test_an_empty_corpus_writes_a_header(tmp_path):
    path = tmp_path / "empty.csv"
    with TableWriter(path):
        pass
    assert path.read_text().startswith("doc,story_id,title")
    assert read_table(path).empty


def test_the_command_line_gives_the_same_bytes_with_one_or_two_processes(tmp_path):
    outputs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"jobs{jobs}.csv"
        result = subprocess.run(
            [sys.executable, "-m", "analysis", "tabulate", str(SEED), "--stories", str(MANIFEST), "--out", str(out), "--jobs", jobs],
            capture_output=True, text=True,
        )
        assert result.returncode == 0, result.stderr
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]


def test_progress_shows_only_when_asked(articles, capsys):
    list(run_chunks(chunks([articles]), progress=True))
    assert "tabulating" in capsys.readouterr().err
    list(run_chunks(chunks([articles]), progress=False))
    assert capsys.readouterr().err == ""


def test_a_chunk_counts_its_stories():
    assert Chunk(0, (("text", ()),)).stories == 0
