"""Score the article-level frames of a frame set against human frame coding.

    python scripts/evaluate_frames.py [--data FILE] [--frames generic] [--cv 5 --repeats 10] [--fit]

The data is a CSV in the format of the Narrative Frames Corpus (``../shared/narrative_frames/
articles.csv``, the default; without it the script says so and exits 0): one article per row
with ``id``, ``outlet``, ``date``, ``text`` and the annotators' frames ``CO`` (conflict), ``EC``
(economic), ``HI`` (human interest), ``MO`` (morality) and ``RE`` (resolution) as True/False.
Every article goes through the whole pipeline; its sentences show frames by the set's cues
(``frames.csv``, ``frame_definitions.csv``), and the article shows a frame by the set's rules
(``article_rules.csv``).

- By default the shipped rules are scored.
- ``--cv K`` instead fits each frame's rule (the statistic and threshold with the best F1)
  on K-1 folds and scores it on the held-out fold, stratified by the frame, ``--repeats``
  times with different folds: the honest estimate for articles the rules were not fitted on.
- ``--fit`` fits the rules on all the data and writes the set's ``article_rules.csv``.
- ``--save`` writes the scores to the set's ``validation.csv``, which notebook 03 shows
  beside the frame charts.

Prints precision, recall and F1 per frame; the last line is ``macro-F1 0.xxx``.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.datafiles import PROJECT_DIR
from analysis.measures.frames import ARTICLE_STATISTICS, ArticleRule, frame_set_folder, load_vocabulary
from analysis.report.summarise import article_frame_statistics
from analysis.table.tabulate import tabulate

DEFAULT_DATA = PROJECT_DIR.parent / "shared" / "narrative_frames" / "articles.csv"
CODES = {"CO": "conflict", "EC": "economic", "HI": "human_interest", "MO": "morality", "RE": "resolution"}


def read_articles(path: Path) -> pd.DataFrame:
    """The coded articles of ``path``: those with all five frames coded, frames as bools."""
    articles = pd.read_csv(path, dtype=str, keep_default_na=False)
    for code in CODES:
        articles[code] = articles[code].str.strip().str.lower().map({"true": True, "false": False, "1": True, "0": False})
    return articles.dropna(subset=list(CODES)).reset_index(drop=True)


def article_statistics(articles: pd.DataFrame, frame_set: str, jobs: int) -> pd.DataFrame:
    """Tabulate the articles and return ``article_frame_statistics`` for the set's frames."""
    vocabulary = load_vocabulary(frame_set=frame_set)
    missing = [frame for frame in CODES.values() if frame not in vocabulary.frames]
    if missing:
        raise SystemExit(f"the frame set {frame_set!r} has no frame {', '.join(missing)}: score a set with the five generic frames")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "articles.jsonl"
        with path.open("w", encoding="utf-8") as handle:
            for row in articles.itertuples():
                handle.write(json.dumps({"id": str(row.id), "title": "", "outlet": row.outlet, "date": row.date, "text": row.text}) + "\n")
        table = tabulate(path, jobs=jobs, frame_set=frame_set)
    return article_frame_statistics(table, list(CODES.values()))


def f1(gold: np.ndarray, predicted: np.ndarray) -> tuple[float, float, float]:
    """Precision, recall and F1 of boolean predictions (0 where undefined)."""
    hits = int((gold & predicted).sum())
    precision = hits / predicted.sum() if predicted.sum() else 0.0
    recall = hits / gold.sum() if gold.sum() else 0.0
    return precision, recall, 2 * precision * recall / (precision + recall) if hits else 0.0


def fit_rule(values: pd.DataFrame, gold: np.ndarray) -> ArticleRule:
    """The statistic and threshold (one of the values seen) with the best F1 on these
    articles; ties go to the first statistic listed and the higher threshold."""
    best, best_score = ArticleRule("with_frame", 1.0), -1.0
    for statistic in ARTICLE_STATISTICS:
        column = values[statistic].to_numpy(dtype=float)
        for threshold in sorted(set(column[column > 0]), reverse=True):
            score = f1(gold, column >= threshold)[2]
            if score > best_score:
                best, best_score = ArticleRule(statistic, float(threshold)), score
    return best


def stratified_folds(gold: np.ndarray, folds: int, seed: int) -> np.ndarray:
    """A fold number for each article, the positives and negatives dealt out evenly."""
    rng = np.random.default_rng(seed)
    assignment = np.empty(len(gold), dtype=int)
    for label in (True, False):
        index = np.flatnonzero(gold == label)
        rng.shuffle(index)
        assignment[index] = np.arange(len(index)) % folds
    return assignment


def report(scores: dict[str, tuple[float, float, float]], title: str) -> float:
    """Print the per-frame table and return the macro-F1."""
    print(title)
    print(f"{'frame':<16} {'precision':>9} {'recall':>7} {'F1':>6}")
    for frame, (precision, recall, score) in scores.items():
        print(f"{frame:<16} {precision:>9.3f} {recall:>7.3f} {score:>6.3f}")
    return float(np.mean([score for _, _, score in scores.values()]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="a CSV in the Narrative Frames Corpus format")
    parser.add_argument("--frames", default="generic", help="the frame set (a name in data/framing or a folder)")
    parser.add_argument("--cv", type=int, metavar="K", help="fit the rules by K-fold cross-validation and score the held-out folds")
    parser.add_argument("--repeats", type=int, default=10, help="with --cv: how many times, each with other folds (default 10)")
    parser.add_argument("--fit", action="store_true", help="fit the rules on all the data and write the set's article_rules.csv")
    parser.add_argument("--save", action="store_true", help="write the scores to the set's validation.csv (notebook 03 shows them)")
    parser.add_argument("--jobs", type=int, default=2, help="tabulate in N processes (default 2)")
    args = parser.parse_args(argv)
    if not args.data.exists():
        print(f"{args.data} is not there: nothing to score", file=sys.stderr)
        return 0
    articles = read_articles(args.data)
    statistics = article_statistics(articles, args.frames, args.jobs)
    by_frame = {frame: statistics[statistics["frame"] == frame].reset_index(drop=True) for frame in CODES.values()}
    gold = {frame: articles[code].to_numpy(dtype=bool) for code, frame in CODES.items()}
    print(f"{len(articles)} articles of {args.data}; frame set {args.frames}")
    if args.cv:
        scores = {}
        for frame, values in by_frame.items():
            runs = []
            for seed in range(args.repeats):
                folds = stratified_folds(gold[frame], args.cv, seed)
                predicted = np.zeros(len(values), dtype=bool)
                for fold in range(args.cv):
                    train, test = folds != fold, folds == fold
                    rule = fit_rule(values[train], gold[frame][train])
                    predicted[test] = rule.shows(values[test]).to_numpy()
                runs.append(f1(gold[frame], predicted))
            scores[frame] = tuple(float(np.mean(column)) for column in zip(*runs))
        macro = report(scores, f"{args.cv}-fold cross-validation, {args.repeats} repeats (rules fitted on the training folds only)")
    else:
        rules = {frame: fit_rule(values, gold[frame]) for frame, values in by_frame.items()} if args.fit else load_vocabulary(frame_set=args.frames).article_rules
        if args.fit:
            path = frame_set_folder(args.frames) / "article_rules.csv"
            header = (f"# When an article shows each frame: {', '.join(ARTICLE_STATISTICS)} (see analysis/measures/frames.py, ArticleRule)\n"
                      f"# reaches threshold. Fitted with scripts/evaluate_frames.py --fit on {len(articles)} articles of\n"
                      f"# {args.data.name} (the F1-best statistic and threshold per frame).\n")
            lines = [f"{frame},{rule.statistic},{rule.threshold!r}" for frame, rule in rules.items()]
            path.write_text(header + "frame,statistic,threshold\n" + "\n".join(lines) + "\n", encoding="utf-8")
            print(f"wrote {path}")
        scores = {frame: f1(gold[frame], rule.shows(by_frame[frame]).to_numpy()) for frame, rule in rules.items() if frame in gold}
        macro = report(scores, "rules " + ("fitted on these articles (in-sample)" if args.fit else "as shipped"))
    if args.save:
        protocol = f"{args.cv}-fold cross-validation, {args.repeats} repeats" if args.cv else ("fitted and scored on the same articles" if args.fit else "shipped rules")
        rows = [{"frame": frame, "precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3), "articles": len(articles),
                 "positives": int(gold[frame].sum()), "data": args.data.name, "protocol": protocol} for frame, (p, r, f) in scores.items()]
        path = frame_set_folder(args.frames) / "validation.csv"
        pd.DataFrame(rows).to_csv(path, index=False)
        print(f"wrote {path}")
    print(f"macro-F1 {macro:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
