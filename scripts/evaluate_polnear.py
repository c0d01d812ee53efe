"""Measure sentence-level attribution on PolNeAR (Newell, Margolin and Ruths, LREC 2018).

    python scripts/evaluate_polnear.py [--split dev] [--root ../shared/polnear]

A sentence is attributed in the gold standard when an annotated Cue lies inside it, or
Content spans cover at least 30% of its non-space characters (first annotator's file in
sorted order). It is attributed by the program when its source_type is neither narrator
nor empty (a heading). Prints precision, recall and F1 of "attributed", macro-F1 over
both classes, and accuracy. Exits 0 with a message when PolNeAR is not there: it is
kept outside this repository and the tests never need it.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import pandas as pd

from analysis.report.agreement import binary_scores
from analysis.datafiles import PROJECT_DIR
from analysis.table.tabulate import tabulate

CONTENT_SHARE = 0.3


def read_spans(path: Path) -> tuple[list[list[tuple[int, int]]], list[tuple[int, int]]]:
    """Return the Cue spans (each a list of pieces) and Content pieces of a brat file."""
    cues, contents = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        fields = line.split("\t")
        if len(fields) < 2 or not fields[0].startswith("T"):
            continue
        kind, _, offsets = fields[1].partition(" ")
        pieces = [tuple(int(n) for n in piece.split()) for piece in offsets.split(";")]
        if kind == "Cue":
            cues.append(pieces)
        elif kind == "Content":
            contents.extend(pieces)
    return cues, contents


def gold_labels(text: str, table: pd.DataFrame, annotation: Path) -> list[bool]:
    """Label each row of ``table`` attributed or not by the PolNeAR annotation."""
    cues, contents = read_spans(annotation)
    covered = bytearray(len(text))
    for start, end in contents:
        covered[start:end] = b"\x01" * (end - start)
    labels = []
    for start, end in zip(table["start"], table["end"]):
        has_cue = any(all(start <= a and b <= end for a, b in cue) for cue in cues)
        letters = [i for i in range(start, end) if not text[i].isspace()]
        share = sum(covered[i] for i in letters) / len(letters) if letters else 0.0
        labels.append(has_cue or share >= CONTENT_SHARE)
    return labels


def evaluate(root: Path, split: str) -> tuple[dict, pd.DataFrame]:
    """Return the scores on one split and the sentence-level rows behind them."""
    rows = []
    for text_path in sorted((root / split / "text").glob("*.txt")):
        annotations = sorted((root / split / "attributions").glob(f"{text_path.stem}_*.ann"))
        if not annotations:
            continue
        text = text_path.read_text(encoding="utf-8")
        table = tabulate(text_path)
        gold = gold_labels(text, table, annotations[0])
        predicted = table["source_type"].notna() & (table["source_type"] != "narrator")
        rows.append(table.assign(gold=gold, predicted=predicted.to_numpy()))
    sentences = pd.concat(rows, ignore_index=True)
    return binary_scores(sentences["gold"], sentences["predicted"]), sentences


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", default="dev", choices=["train", "dev"])
    parser.add_argument("--root", type=Path, default=PROJECT_DIR.parent / "shared" / "polnear")
    parser.add_argument("--json", type=Path, help="also write the scores to this JSON file")
    args = parser.parse_args(argv)
    if not (args.root / args.split / "text").is_dir():
        print(f"PolNeAR not found at {args.root}: skipping the evaluation.")
        return 0
    began = time.perf_counter()
    scores, sentences = evaluate(args.root, args.split)
    seconds = time.perf_counter() - began
    articles = sentences["doc"].nunique()
    print(f"PolNeAR {args.split}: {articles} articles, {scores['sentences']} sentences, {seconds:.1f} s")
    for name in ("precision", "recall", "f1", "f1_negative", "macro_f1", "accuracy"):
        print(f"  {name:12s} {scores[name]:.3f}")
    by_rule = sentences.groupby("rule", observed=True).agg(
        sentences=("gold", "size"), attributed_in_gold=("gold", "sum"), attributed_here=("predicted", "sum")
    )
    print("\nBy the rule that coded each sentence:")
    print(by_rule.to_string())
    if args.json:
        args.json.write_text(json.dumps({"split": args.split, "articles": articles, **scores}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
