"""Score the shipped stance model on mentions in NewsMTSC's JSON-lines format.

    python scripts/evaluate_stance.py [--data FILE] [--model data/stance/model.json]

Each line holds ``sentence``, ``mention``, ``from``, ``to`` (the mention's offsets in the
sentence) and ``polarity`` (-1, 0, 1); the other lines of the same sentence are its other
target mentions. The default file is ``../shared/newsmtsc/dev.jsonl``;
without it the script says so and exits 0. Prints, for the model and for sentence VADER
(positive above 0.05, negative below -0.05, the project's tone before the model), the
accuracy, macro-F1 and Cohen's kappa; the last line is the model's ``macro-F1 0.xxx``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from analysis.report.agreement import agreement
from analysis.datafiles import PROJECT_DIR
from analysis.measures.stance import LABEL_NAMES, load_model
from analysis.measures.tone import vader_compound

DEFAULT_DATA = PROJECT_DIR.parent / "shared" / "newsmtsc" / "dev.jsonl"


def vader_label(sentence: str) -> int:
    """Sentence tone as a stance label, at VADER's usual ±0.05."""
    score = vader_compound(sentence)
    return 1 if score > 0.05 else -1 if score < -0.05 else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="a NewsMTSC-format JSON-lines file")
    parser.add_argument("--model", type=Path, default=None, help="a model file (default data/stance/model.json)")
    args = parser.parse_args(argv)
    if not args.data.exists():
        print(f"{args.data} is not there: nothing to score", file=sys.stderr)
        return 0
    with args.data.open(encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle if line.strip()]
    model = load_model(args.model)
    gold, predicted, tone = [], [], []
    spans: dict[str, list[tuple[int, int]]] = {}
    for row in rows:
        spans.setdefault(row["sentence"], []).append((int(row["from"]), int(row["to"])))
    for row in rows:
        start, end = int(row["from"]), int(row["to"])
        others = tuple(span for span in spans[row["sentence"]] if span != (start, end))
        if row["sentence"][start:end] != row["mention"]:
            print(f"warning: {row.get('id', '?')}: the offsets do not give the mention", file=sys.stderr)
        gold.append(LABEL_NAMES[int(row["polarity"])])
        predicted.append(LABEL_NAMES[model.score(row["sentence"], start, end, others)[1]])
        tone.append(LABEL_NAMES[vader_label(row["sentence"])])
    labels = tuple(LABEL_NAMES.values())
    import pandas as pd

    for name, guesses in (("sentence VADER", tone), ("stance model", predicted)):
        result = agreement(pd.Series(gold), pd.Series(guesses), labels)
        print(f"{name}: {result.n} mentions, accuracy {result.accuracy:.3f}, macro-F1 {result.per_type['f1'].fillna(0).mean():.3f}, kappa {result.kappa:.3f}")
    model_result = agreement(pd.Series(gold), pd.Series(predicted), labels)
    print(f"macro-F1 {model_result.per_type['f1'].fillna(0).mean():.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
