"""Check that a change leaves the sentence tables as they were, byte for byte.

    python scripts/table_identity.py save FOLDER     # tabulate the reference corpora into FOLDER
    python scripts/table_identity.py check FOLDER    # tabulate them again and compare with FOLDER

The reference corpora: the seed (with its manifest), the first 1,000 BBC articles of
``../shared/corpora/bbc``, PolNeAR dev and the 168 People's Daily Online pages, each
tabulated as a user would (``python -m analysis tabulate``, two processes), with the
stance table of each. ``check`` prints SAME or DIFFERENT per table and exits 1 when any
differs. A refactoring that moves or splits code must print SAME for all of them. Skips
what ``../shared`` lacks.
"""

from __future__ import annotations

import argparse
import filecmp
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
SHARED = PROJECT.parent / "shared"


def corpora(folder: Path) -> dict[str, list[str]]:
    """The arguments of ``tabulate`` for each reference corpus that is here; the BBC's
    first 1,000 articles are linked into ``folder``."""
    found = {"seed": [str(PROJECT / "seeds"), "--stories", str(PROJECT / "data" / "stories.csv")]}
    bbc = sorted((SHARED / "corpora" / "bbc").glob("*/*.txt"))[:1000]
    if bbc:
        first = folder / "bbc-1000"
        for path in bbc:
            (first / path.parent.name).mkdir(parents=True, exist_ok=True)
            (first / path.parent.name / path.name).symlink_to(path)
        found["bbc-1000"] = [str(first)]
    if (SHARED / "polnear" / "dev" / "text").is_dir():
        found["polnear-dev"] = [str(SHARED / "polnear" / "dev" / "text")]
    if (SHARED / "corpora" / "peoples_daily_2020-11-19").is_dir():
        found["peoples-daily"] = [str(SHARED / "corpora" / "peoples_daily_2020-11-19")]
    return found


def tabulate_all(out: Path) -> None:
    """Write each reference corpus's sentence table and stance table into ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        for name, arguments in corpora(Path(scratch)).items():
            table = out / f"{name}.csv"
            subprocess.run([sys.executable, "-m", "analysis", "tabulate", *arguments, "--out", str(table), "--jobs", "2", "--quiet"],
                           check=True, capture_output=True, cwd=PROJECT)
            subprocess.run([sys.executable, "-c", "import sys; from analysis import read_table; from analysis.measures.stance import stance_table; "
                            "stance_table(read_table(sys.argv[1])).to_csv(sys.argv[2], index=False)", str(table), str(out / f"{name}.stance.csv")],
                           check=True, cwd=PROJECT)
            print(f"tabulated {name}", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=["save", "check"])
    parser.add_argument("folder", type=Path)
    args = parser.parse_args(argv)
    if args.command == "save":
        tabulate_all(args.folder)
        return 0
    with tempfile.TemporaryDirectory() as fresh:
        tabulate_all(Path(fresh))
        different = 0
        for saved in sorted(path for path in args.folder.glob("*.csv") if not path.name.endswith(".new.csv")):
            if not (Path(fresh) / saved.name).exists():
                different += 1
                print(f"MISSING {saved.name} (its corpus is not there to tabulate)")
                continue
            same = filecmp.cmp(saved, Path(fresh) / saved.name, shallow=False)
            different += not same
            print(f"{'SAME' if same else 'DIFFERENT'} {saved.name}")
            if not same:
                shutil.copy(Path(fresh) / saved.name, args.folder / f"{saved.stem}.new.csv")
    return 1 if different else 0


if __name__ == "__main__":
    sys.exit(main())
