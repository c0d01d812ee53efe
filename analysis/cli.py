"""The command line: ``python -m analysis COMMAND ...``."""

from __future__ import annotations

import argparse
import sys

from .read import InputError
from .tabulate import tabulate, write_table


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser with one subcommand per task."""
    parser = argparse.ArgumentParser(
        prog="python -m analysis",
        description="Framing and stance analysis of news articles: one row per sentence, "
        "with speaker, source type, reporting cue, quotation kind and sentiment.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    tab = commands.add_parser(
        "tabulate",
        help="write the sentence table of articles as CSV or Parquet",
        description="Write the sentence table of the articles at PATH: text files (one "
        "article each unless the manifest splits them), folders of them, or CSV/JSONL "
        "tables of articles with the columns id, title, outlet, date, text.",
    )
    tab.add_argument("paths", nargs="+", metavar="PATH", help="a .txt file, a folder, or a .csv/.jsonl table of articles")
    tab.add_argument("--stories", metavar="MANIFEST", help="a CSV or YAML manifest that names the stories of each text file")
    tab.add_argument("--out", required=True, metavar="FILE", help="where to write the table: .csv, or .parquet for Parquet")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    args = build_parser().parse_args(argv)
    try:
        if args.command == "tabulate":
            table = tabulate(args.paths, stories=args.stories)
            path = write_table(table, args.out)
            stories = table["story_id"].nunique()
            print(f"wrote {len(table)} sentences of {stories} stories to {path}", file=sys.stderr)
    except InputError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    return 0
