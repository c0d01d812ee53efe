"""Measure source typing against the hand codings of articles from outside the seed, and
the share of BBC sentences left `public` or `unclassified`.

    python scripts/evaluate_typing.py [--batch dev test final holdout blind sealed] [--show] [--bbc] [--root ../shared]

For each batch of ``data/annotations/validation_articles.csv`` (``dev``: the rules were
developed on it; ``test``, ``final``, ``holdout``, ``blind`` and ``sealed``: each coded
before the rules it measures were frozen and read after), the articles are rebuilt
from ``../shared`` (``validation_articles.article_text``), coded by the program as one
story each with the outlet a user's article table would give, and compared sentence by
sentence with ``data/annotations/validation_{batch}_coding.csv``:

- type accuracy and Cohen's kappa over the coded sentences that are not headings (a
  sentence the program takes for a heading counts as wrong);
- speaker found: of the sentences the hand coding attributes to someone, the share whose
  program speaker names the same source (a word of three or more letters in common,
  after dropping articles and titles, or both naming the same kind of unnamed source).

``--bbc`` also tabulates the 1,233 BBC articles of ``../shared/corpora/bbc`` and reports
how the sentences attributed to anyone split by type. Exits 0 with a message when
``../shared`` is not there: the tests never need it.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

import pandas as pd

from analysis.agreement import agreement
from analysis.datafiles import PROJECT_DIR
from analysis.read import Document
from analysis.sourcetypes import SOURCE_TYPES
from analysis.stories import Story
from analysis.tabulate import code_story, tabulate, to_frame

sys.path.insert(0, str(Path(__file__).resolve().parent))
from validation_articles import SHARED, article_text, read_articles  # noqa: E402

ANNOTATIONS = PROJECT_DIR / "data" / "annotations"
LABELS = (*SOURCE_TYPES, "heading")
_FILLER = {"the", "a", "an", "mr", "mrs", "ms", "dr", "of", "and", "said", "its", "his", "her", "their"}


def code_article(row: dict, root: Path) -> pd.DataFrame:
    """Return the program's sentence table of one validation article."""
    text = article_text(row, root)
    document = Document(doc=row["article_id"], text=text, path=Path(row["source"]))
    story = Story(row["article_id"], row["article_id"], row["title"], row["outlet"], row["date"], 0, len(text))
    return to_frame(code_story(document, story))


def _words(name: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]{3,}", name.lower()) if w not in _FILLER}


def same_speaker(hand: str, auto: str) -> bool:
    """True when two speaker names share a word of three letters or more (not an
    article, title or 'said'), or are equal once lower-cased."""
    hand, auto = (hand or "").strip(), (auto or "").strip()
    if not hand or not auto:
        return False
    return hand.lower() == auto.lower() or bool(_words(hand) & _words(auto))


def compare(batch: str, root: Path) -> pd.DataFrame:
    """Return the coded sentences of ``batch`` with the program's type and speaker."""
    coding = pd.read_csv(ANNOTATIONS / f"validation_{batch}_coding.csv", keep_default_na=False)
    coding["is_heading"] = coding["is_heading"].astype(str).str.lower().eq("true")
    pieces = []
    for row in read_articles():
        if row["batch"] != batch:
            continue
        table = code_article(row, root)
        auto = pd.DataFrame(
            {
                "start": table["start"],
                "end": table["end"],
                "auto_type": table["source_type"].astype(object).where(~table["is_heading"], "heading"),
                "auto_speaker": table["speaker"].astype(object),
                "text": table["text"].astype(object),
            }
        )
        coded = coding[coding["article_id"] == row["article_id"]].merge(auto, on=["start", "end"], how="left")
        pieces.append(coded.assign(outlet=row["outlet"]))
    compared = pd.concat(pieces, ignore_index=True)
    compared["auto_type"] = compared["auto_type"].fillna("heading")
    compared["auto_speaker"] = compared["auto_speaker"].fillna("")
    return compared


def scores(compared: pd.DataFrame) -> dict:
    """Accuracy, kappa and speaker found over the coded non-heading sentences."""
    sentences = compared[~compared["is_heading"]]
    result = agreement(sentences["source_type"], sentences["auto_type"], labels=LABELS)
    attributed = sentences[sentences["source_type"] != "narrator"]
    found = [same_speaker(h, a) for h, a in zip(attributed["speaker"], attributed["auto_speaker"])]
    return {
        "articles": int(compared["article_id"].nunique()),
        "sentences": int(result.n),
        "accuracy": result.accuracy,
        "kappa": result.kappa,
        "attributed": len(attributed),
        "speaker_found": sum(found) / len(found) if found else float("nan"),
        "confusion": result.confusion,
    }


def bbc_shares(root: Path) -> pd.Series:
    """Share of each type among the BBC sentences attributed to anyone."""
    table = tabulate(root / "corpora" / "bbc", jobs=2)
    attributed = table[table["source_type"].notna() & (table["source_type"] != "narrator")]
    shares = attributed["source_type"].value_counts(normalize=True).reindex(SOURCE_TYPES, fill_value=0.0)
    return shares.rename(f"share of {len(attributed)} attributed sentences in {table['story_id'].nunique()} stories")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--batch", nargs="+", default=["dev", "test", "final", "holdout", "blind", "sealed"], choices=["dev", "test", "final", "holdout", "blind", "sealed"])
    parser.add_argument("--root", type=Path, default=SHARED)
    parser.add_argument("--show", action="store_true", help="list the sentences where the program and the hand coding differ")
    parser.add_argument("--bbc", action="store_true", help="also report the type shares on the BBC corpus")
    parser.add_argument("--json", type=Path, help="also write the scores to this JSON file")
    args = parser.parse_args(argv)
    if not args.root.is_dir():
        print(f"{args.root} is not there: skipping the evaluation.")
        return 0
    report = {}
    for batch in args.batch:
        if not (ANNOTATIONS / f"validation_{batch}_coding.csv").exists():
            print(f"{batch}: no hand coding yet")
            continue
        compared = compare(batch, args.root)
        result = scores(compared)
        confusion = result.pop("confusion")
        report[batch] = result
        print(
            f"{batch}: {result['articles']} articles, {result['sentences']} sentences: accuracy {result['accuracy']:.3f}, "
            f"kappa {result['kappa']:.3f}; speaker found for {result['speaker_found']:.3f} of {result['attributed']} attributed"
        )
        if args.show:
            used = [label for label in LABELS if confusion.loc[label].sum() or confusion[label].sum()]
            print(confusion.loc[used, used].to_string())
            sentences = compared[~compared["is_heading"]]
            wrong = sentences[(sentences["source_type"] != sentences["auto_type"]) | (
                (sentences["source_type"] != "narrator") & ~sentences.apply(lambda r: same_speaker(r["speaker"], r["auto_speaker"]), axis=1))]
            for row in wrong.itertuples():
                print(f"  {row.article_id}#{row.sentence} hand {row.source_type} ({row.speaker}) | program {row.auto_type} ({row.auto_speaker}) | {str(row.text)[:140]}")
    if args.bbc:
        shares = bbc_shares(args.root)
        print(shares.name)
        print(shares.round(3).to_string())
        report["bbc"] = shares.to_dict()
    if args.json:
        args.json.write_text(json.dumps(report, indent=2, default=float))
    return 0


if __name__ == "__main__":
    sys.exit(main())
