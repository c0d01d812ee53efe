"""Shared fixtures: the seed document and small helpers."""

from pathlib import Path

import pytest

from analysis.datafiles import PROJECT_DIR

SEED = PROJECT_DIR / "seeds" / "global_times_2024-07_three_stories.txt"
MANIFEST = PROJECT_DIR / "data" / "stories.csv"


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_table():
    from analysis import tabulate

    return tabulate(SEED, stories=MANIFEST)


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path
