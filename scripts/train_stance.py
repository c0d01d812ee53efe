"""Train the stance model on NewsMTSC and write it as plain JSON.

    pip install -e ".[train]"     # scikit-learn, for training only
    python scripts/train_stance.py [--train ../shared/newsmtsc/train.jsonl] [--dev ../shared/newsmtsc/dev.jsonl]
                                   [--out data/stance/model.json] [--c 0.5]

Features are ``analysis.measures.stance.features``; the learner is a multinomial logistic
regression (scikit-learn, L2), class-balanced, on binary sparse features that occur in at
least two training mentions and standardised lexicon scores. Features whose weights are all
below 1e-4 are dropped from the file. Prints dev accuracy and macro-F1. Exits 0 with a
message when the training data is absent.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

import numpy as np

from analysis.datafiles import PROJECT_DIR
from analysis.measures.stance import LABELS, features

SHARED = PROJECT_DIR.parent / "shared" / "newsmtsc"
ATTRIBUTION = (
    "Trained on NewsMTSC (real-world split, train), Hamborg and Donnay, 'NewsMTSC: A Dataset for "
    "(Multi-)Target-dependent Sentiment Classification in Political News Articles', EACL 2021; "
    "MIT licence, (c) Felix Hamborg. See data/stance/README.md."
)


def read_jsonl(path: Path) -> list[dict]:
    """The mentions of a NewsMTSC-format file."""
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def other_mentions(rows: list[dict]) -> list[tuple[tuple[int, int], ...]]:
    """For each row, the spans of the other mentions annotated in the same sentence."""
    spans: dict[str, list[tuple[int, int]]] = {}
    for row in rows:
        spans.setdefault(row["sentence"], []).append((int(row["from"]), int(row["to"])))
    return [tuple(span for span in spans[row["sentence"]] if span != (int(row["from"]), int(row["to"]))) for row in rows]


def featurise(rows: list[dict]) -> tuple[list[list[str]], list[dict[str, float]], np.ndarray]:
    sparse, dense, labels = [], [], []
    for row, others in zip(rows, other_mentions(rows)):
        names, scores = features(row["sentence"], int(row["from"]), int(row["to"]), others)
        sparse.append(sorted(set(names)))
        dense.append(scores)
        labels.append(int(row["polarity"]))
    return sparse, dense, np.array(labels)


def matrix(sparse, dense, vocabulary: dict[str, int], scale: dict[str, tuple[float, float]]):
    from scipy.sparse import csr_matrix, hstack

    rows, cols = [], []
    for i, names in enumerate(sparse):
        for name in names:
            if name in vocabulary:
                rows.append(i)
                cols.append(vocabulary[name])
    binary = csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(sparse), len(vocabulary)))
    names = sorted(scale)
    values = np.array([[(scores[name] - scale[name][0]) / scale[name][1] for name in names] for scores in dense])
    return hstack([binary, csr_matrix(values)]).tocsr(), names


def macro_f1(gold: np.ndarray, predicted: np.ndarray) -> float:
    scores = []
    for label in LABELS:
        tp = np.sum((predicted == label) & (gold == label))
        precision = tp / max(1, np.sum(predicted == label))
        recall = tp / max(1, np.sum(gold == label))
        scores.append(0 if precision + recall == 0 else 2 * precision * recall / (precision + recall))
    return float(np.mean(scores))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--train", type=Path, default=SHARED / "train.jsonl")
    parser.add_argument("--dev", type=Path, default=SHARED / "dev.jsonl")
    parser.add_argument("--out", type=Path, default=PROJECT_DIR / "data" / "stance" / "model.json")
    parser.add_argument("--c", type=float, default=0.5, help="inverse regularisation strength (default 0.5, chosen by 5-fold cross-validation on train from 0.5, 1.0, 2.0)")
    args = parser.parse_args(argv)
    if not args.train.exists():
        print(f"{args.train} is not there: nothing to train on", file=sys.stderr)
        return 0
    from sklearn.linear_model import LogisticRegression

    train_sparse, train_dense, train_labels = featurise(read_jsonl(args.train))
    counts = Counter(name for names in train_sparse for name in names)
    vocabulary = {name: index for index, name in enumerate(sorted(name for name, count in counts.items() if count >= 2))}
    scale = {}
    for name in train_dense[0]:
        values = np.array([scores[name] for scores in train_dense])
        scale[name] = (float(values.mean()), float(values.std() or 1.0))
    x_train, dense_names = matrix(train_sparse, train_dense, vocabulary, scale)
    learner = LogisticRegression(C=args.c, max_iter=3000, class_weight="balanced")
    learner.fit(x_train, train_labels)
    classes = [int(label) for label in learner.classes_]
    weights = learner.coef_
    sparse_weights = {
        name: [round(float(w), 5) for w in weights[:, index]]
        for name, index in vocabulary.items()
        if np.abs(weights[:, index]).max() >= 1e-4
    }
    dense_weights = {name: [round(float(w), 5) for w in weights[:, len(vocabulary) + k]] for k, name in enumerate(dense_names)}
    model = {
        "classes": classes,
        "intercept": [round(float(b), 5) for b in learner.intercept_],
        "sparse": sparse_weights,
        "dense": dense_weights,
        "scale": {name: [round(mean, 6), round(spread, 6)] for name, (mean, spread) in scale.items()},
        "meta": {"attribution": ATTRIBUTION, "learner": f"logistic regression, L2, C={args.c}, class-balanced", "train_mentions": len(train_labels)},
    }
    if args.dev.exists():
        dev_sparse, dev_dense, dev_labels = featurise(read_jsonl(args.dev))
        x_dev, _ = matrix(dev_sparse, dev_dense, vocabulary, scale)
        predicted = learner.predict(x_dev)
        model["meta"]["dev"] = {"mentions": len(dev_labels), "accuracy": round(float(np.mean(predicted == dev_labels)), 4), "macro_f1": round(macro_f1(dev_labels, predicted), 4)}
        print(f"dev: {len(dev_labels)} mentions, accuracy {model['meta']['dev']['accuracy']:.3f}, macro-F1 {model['meta']['dev']['macro_f1']:.3f}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(model, separators=(",", ":")), encoding="utf-8")
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.1f} MB, {len(sparse_weights)} sparse features)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
