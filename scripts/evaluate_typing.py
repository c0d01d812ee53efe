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
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.report.agreement import agreement
from analysis.datafiles import PROJECT_DIR
from analysis.corpus.read import Document, InputWarning
from analysis.coding.sourcetypes import SOURCE_TYPES
from analysis.corpus.stories import Story
from analysis.table.tabulate import code_story, tabulate, to_frame

sys.path.insert(0, str(Path(__file__).resolve().parent))
from validation_articles import OUTLET_NAMES, SHARED, _peoples_daily_body, article_text, read_articles  # noqa: E402

ANNOTATIONS = PROJECT_DIR / "data" / "annotations"
LABELS = (*SOURCE_TYPES, "heading")
# Batches measured once, after a freeze: never part of the collections a development run codes.
HELD_OUT = ("genre_test", "genre_final", "genre_last", "genre_next", "genre_more", "genre_extra", "genre_plus", "genre_ninth")
CHINESE_STATE, WESTERN = "Chinese state media", "Western"
FAMILIES = (CHINESE_STATE, WESTERN)
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


def family(row: dict) -> str:
    """The outlet family of a validation article: Chinese state media (the People's Daily
    Online pages: Xinhua, People's Daily, Global Times, China Daily copy) or Western (BBC,
    PolNeAR's US outlets, the Narrative Frames Corpus's US and UK outlets)."""
    return CHINESE_STATE if row["corpus"] == "peoples_daily" else WESTERN


def collection(row: dict) -> str:
    """The collection an article comes from, as a user would tabulate it: its BBC
    collection folder, PolNeAR's train folder, the People's Daily pages, or the
    Narrative Frames table."""
    parts = Path(row["source"]).parts
    return "/".join(parts[:2]) if row["corpus"] in ("bbc", "peoples_daily") else str(Path(row["source"]).parent) if row["corpus"] == "polnear" else row["source"]


def collection_articles(name: str, root: Path) -> list[dict]:
    """Every article of a collection, as ``validation_articles.article_text`` rebuilds it
    (a People's Daily page's body; a Narrative Frames row's text), with the outlet the
    evaluation gives it: ``id`` (source, and row for a table), ``outlet``, ``text``."""
    found = []
    if name.endswith(".csv"):
        import csv

        with (root / name).open(encoding="utf-8", newline="") as handle:
            for record in csv.DictReader(handle):
                found.append({"id": f"{name}#{record['id']}", "outlet": record["outlet"], "text": record["text"]})
        return found
    for path in sorted((root / name).rglob("*.txt")):
        text = path.read_text(encoding="utf-8")
        source = str(path.relative_to(root))
        if name.startswith("corpora/peoples_daily"):
            credit, _, text = _peoples_daily_body(text)
            if not text:
                continue
            found.append({"id": source, "outlet": credit, "text": text})
        elif name.startswith("polnear"):
            found.append({"id": source, "outlet": OUTLET_NAMES.get(path.stem.split("_", 1)[0], path.stem.split("_", 1)[0]), "text": text})
        else:
            found.append({"id": source, "outlet": "BBC", "text": text})
    return found


def in_corpus_tables(batches: list[str], root: Path) -> dict[str, pd.DataFrame]:
    """The program's table of each article of ``batches``, coded within its whole
    collection in one run (so that the corpus pass can lend types across stories), as a
    user tabulating the collection would get it. The articles of the held-out batches
    (``HELD_OUT``) are left out of the collections unless their batch is among
    ``batches``."""
    import json
    import tempfile

    rows = [row for row in read_articles() if row["batch"] in batches]
    left_out = {(r["source"], r["row_id"]) for r in read_articles() if r["batch"] in HELD_OUT and r["batch"] not in batches}
    tables = {}
    with tempfile.TemporaryDirectory() as folder:
        for name in sorted({collection(row) for row in rows}):
            wanted = {(row["source"] + (f"#{row['row_id']}" if row["row_id"] else "")): row["article_id"] for row in rows if collection(row) == name}
            path = Path(folder) / (name.replace("/", "_") + ".jsonl")
            with path.open("w", encoding="utf-8") as handle:
                for article in collection_articles(name, root):
                    source, _, row_id = article["id"].partition("#")
                    if (source, row_id) in left_out:
                        continue
                    handle.write(json.dumps({"id": article["id"], "title": "", "outlet": article["outlet"], "date": "", "text": article["text"]}) + "\n")
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", InputWarning)
                table = tabulate(path, jobs=2)
            for story_id, part in table.groupby(table["story_id"].astype(str), sort=False):
                if story_id in wanted:
                    tables[wanted[story_id]] = part.reset_index(drop=True)
    return tables


def compare(batch: str, root: Path, tables: dict[str, pd.DataFrame] | None = None) -> pd.DataFrame:
    """Return the coded sentences of ``batch`` with the program's type and speaker (from
    ``tables``, the in-corpus tables by article, when given; else each article coded
    alone)."""
    coding = pd.read_csv(ANNOTATIONS / f"validation_{batch}_coding.csv", keep_default_na=False)
    coding["is_heading"] = coding["is_heading"].astype(str).str.lower().eq("true")
    pieces = []
    for row in read_articles():
        if row["batch"] != batch:
            continue
        table = tables[row["article_id"]] if tables is not None else code_article(row, root)
        auto = pd.DataFrame(
            {
                "start": table["start"],
                "end": table["end"],
                "auto_type": table["source_type"].astype(object).where(~table["is_heading"], "heading"),
                "auto_speaker": table["speaker"].astype(object),
                "text": table["text"].astype(object),
            }
        )
        coded = _align(coding[coding["article_id"] == row["article_id"]], auto)
        pieces.append(coded.assign(outlet=row["outlet"], family=family(row)))
    compared = pd.concat(pieces, ignore_index=True)
    compared["auto_type"] = compared["auto_type"].fillna("heading")
    compared["auto_speaker"] = compared["auto_speaker"].fillna("")
    return compared


def _align(coded: pd.DataFrame, auto: pd.DataFrame) -> pd.DataFrame:
    """The hand-coded rows of one article with the program's row of the same span; a
    hand row that the program's splitter cut otherwise (a sentence it split in two or
    joined with the next) takes the program's row that overlaps it most."""
    merged = coded.merge(auto, on=["start", "end"], how="left")
    for index in merged.index[merged["auto_type"].isna()]:
        start, end = merged.at[index, "start"], merged.at[index, "end"]
        overlap = (auto["end"].clip(upper=end) - auto["start"].clip(lower=start)).clip(lower=0)
        if overlap.max() > 0:
            best = auto.loc[overlap.idxmax()]
            for column in ("auto_type", "auto_speaker", "text"):
                merged.at[index, column] = best[column]
    return merged


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


def clustered_mean(values: np.ndarray, stories: np.ndarray, confidence: float = 0.95) -> tuple[float, float, float, float]:
    """The mean of ``values`` (one per sentence) with its story-clustered standard error
    (CR1: the squared sums of each story's deviations, times G / (G - 1)) and Student's t
    interval with G - 1 degrees of freedom, as ``analysis.report.estimates`` gives the program's
    own shares: ``(mean, se, low, high)``."""
    from scipy.stats import t as student_t

    values = np.asarray(values, dtype=float)
    mean = float(values.mean()) if len(values) else float("nan")
    clusters = pd.factorize(pd.Series(stories))[0]
    count = int(clusters.max()) + 1 if len(clusters) else 0
    if count < 2:
        return mean, float("nan"), float("nan"), float("nan")
    sums = np.bincount(clusters, weights=values - mean)
    se = float(np.sqrt((sums**2).sum() * count / (count - 1)) / len(values))
    half = float(student_t.ppf(0.5 + confidence / 2, count - 1)) * se
    return mean, se, mean - half, mean + half


def family_shares(compared: pd.DataFrame) -> pd.DataFrame:
    """Per outlet family (and ``all``): accuracy and kappa, and for each source type its
    share of the coded sentences by hand and by the program and the error of the
    program's share (program minus hand), each with a story-clustered 95% interval."""
    sentences = compared[~compared["is_heading"]]
    rows = []
    for name, members in [("all", sentences), *((f, sentences[sentences["family"] == f]) for f in FAMILIES)]:
        if members.empty:
            continue
        stories = (members["article_id"]).to_numpy()
        result = agreement(members["source_type"], members["auto_type"], labels=LABELS)
        for source_type in SOURCE_TYPES:
            hand = (members["source_type"] == source_type).to_numpy(dtype=float)
            auto = (members["auto_type"] == source_type).to_numpy(dtype=float)
            by_hand, _, hand_low, hand_high = clustered_mean(hand, stories)
            by_program, _, program_low, program_high = clustered_mean(auto, stories)
            error, error_se, error_low, error_high = clustered_mean(auto - hand, stories)
            rows.append({
                "family": name, "articles": int(members["article_id"].nunique()), "sentences": len(members),
                "accuracy": result.accuracy, "kappa": result.kappa, "source_type": source_type,
                "hand": by_hand, "hand_low": hand_low, "hand_high": hand_high,
                "program": by_program, "program_low": program_low, "program_high": program_high,
                "error": error, "error_se": error_se, "error_low": error_low, "error_high": error_high,
            })
    return pd.DataFrame(rows)


def print_families(label: str, shares: pd.DataFrame) -> None:
    """Print accuracy per outlet family and each type's share by hand and by the program,
    with the error of the program's share and its interval; then how far the families'
    errors differ, type by type (a comparison of outlets is only as good as that)."""
    print(f"{label}, by outlet family (shares of coded sentences; error = program - hand; 95% story-clustered intervals):")
    for name, part in shares.groupby("family", sort=False):
        first = part.iloc[0]
        print(f"  {name}: {first['articles']} articles, {first['sentences']} sentences, accuracy {first['accuracy']:.3f}, kappa {first['kappa']:.3f}")
        for row in part.itertuples():
            if row.hand == 0 and row.program == 0:
                continue
            print(f"    {row.source_type:<14} hand {row.hand:.3f} program {row.program:.3f}  error {row.error:+.3f} [{row.error_low:+.3f}, {row.error_high:+.3f}]")
    families = [f for f in FAMILIES if f in set(shares["family"])]
    if len(families) == 2:
        first, second = (shares[shares["family"] == f].set_index("source_type") for f in families)
        print(f"  difference of the errors ({families[0]} - {families[1]}; approximate 95% interval):")
        for source_type in SOURCE_TYPES:
            a, b = first.loc[source_type], second.loc[source_type]
            if a["hand"] == a["program"] == b["hand"] == b["program"] == 0:
                continue
            difference = a["error"] - b["error"]
            half = 1.96 * float(np.hypot(a["error_se"], b["error_se"]))
            print(f"    {source_type:<14} {difference:+.3f} [{difference - half:+.3f}, {difference + half:+.3f}]")


def bbc_shares(root: Path, folder: str = "bbc") -> pd.Series:
    """Share of each type among the sentences attributed to anyone in a BBC collection
    (``bbc``: business, politics, technology; ``bbc_sport_entertainment``)."""
    table = tabulate(root / "corpora" / folder, jobs=2)
    attributed = table[table["source_type"].notna() & (table["source_type"] != "narrator")]
    shares = attributed["source_type"].value_counts(normalize=True).reindex(SOURCE_TYPES, fill_value=0.0)
    return shares.rename(f"share of {len(attributed)} attributed sentences in {table['story_id'].nunique()} stories")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--batch", nargs="+", default=["dev", "test", "final", "holdout", "blind", "sealed"], choices=["dev", "test", "final", "holdout", "blind", "sealed", "genre_dev", "genre_test", "genre_final", "genre_last", "genre_next", "genre_more", "genre_extra", "genre_plus", "genre_ninth"])
    parser.add_argument("--root", type=Path, default=SHARED)
    parser.add_argument("--show", action="store_true", help="list the sentences where the program and the hand coding differ")
    parser.add_argument("--bbc", action="store_true", help="also report the type shares on the BBC corpus")
    parser.add_argument("--sport-entertainment", action="store_true",
                        help="also report the type shares on the BBC sport and entertainment corpus (corpora/bbc_sport_entertainment)")
    parser.add_argument("--in-corpus", action="store_true",
                        help="code each article within its whole collection in one run, as a user tabulating it would, so that "
                        "speakers are also typed from the collection's other stories (the corpus pass); default: each article alone")
    parser.add_argument("--families", action="store_true",
                        help="report each type's share by hand and by the program per outlet family, with intervals (per batch, and pooled over the batches)")
    parser.add_argument("--json", type=Path, help="also write the scores to this JSON file")
    args = parser.parse_args(argv)
    if not args.root.is_dir():
        print(f"{args.root} is not there: skipping the evaluation.")
        return 0
    report = {}
    pooled = []
    tables = in_corpus_tables(args.batch, args.root) if args.in_corpus else None
    for batch in args.batch:
        if not (ANNOTATIONS / f"validation_{batch}_coding.csv").exists():
            print(f"{batch}: no hand coding yet")
            continue
        compared = compare(batch, args.root, tables)
        pooled.append(compared)
        result = scores(compared)
        confusion = result.pop("confusion")
        report[batch] = result
        print(
            f"{batch}: {result['articles']} articles, {result['sentences']} sentences: accuracy {result['accuracy']:.3f}, "
            f"kappa {result['kappa']:.3f}; speaker found for {result['speaker_found']:.3f} of {result['attributed']} attributed"
        )
        shares = family_shares(compared)
        official = shares[shares["source_type"] == "official"].set_index("family")
        print("  " + "; ".join(
            f"{name}: accuracy {row['accuracy']:.3f} ({row['sentences']} sentences), officials' share {row['program']:.3f} against {row['hand']:.3f} by hand (error {row['error']:+.3f})"
            for name, row in official.iterrows() if name != "all"))
        result["families"] = {name: {"accuracy": row["accuracy"], "kappa": row["kappa"], "sentences": row["sentences"], "official_error": row["error"]}
                              for name, row in official.iterrows()}
        if args.families:
            print_families(batch, shares)
        if args.show:
            used = [label for label in LABELS if confusion.loc[label].sum() or confusion[label].sum()]
            print(confusion.loc[used, used].to_string())
            sentences = compared[~compared["is_heading"]]
            wrong = sentences[(sentences["source_type"] != sentences["auto_type"]) | (
                (sentences["source_type"] != "narrator") & ~sentences.apply(lambda r: same_speaker(r["speaker"], r["auto_speaker"]), axis=1))]
            for row in wrong.itertuples():
                print(f"  {row.article_id}#{row.sentence} hand {row.source_type} ({row.speaker}) | program {row.auto_type} ({row.auto_speaker}) | {str(row.text)[:140]}")
    if args.families and len(pooled) > 1:
        print_families(" + ".join(args.batch) + " pooled", family_shares(pd.concat(pooled, ignore_index=True)))
    for flag, folder in ((args.bbc, "bbc"), (args.sport_entertainment, "bbc_sport_entertainment")):
        if flag:
            shares = bbc_shares(args.root, folder)
            print(f"{folder}: {shares.name}")
            print(shares.round(3).to_string())
            report[folder] = shares.to_dict()
    if args.json:
        args.json.write_text(json.dumps(report, indent=2, default=float))
    return 0


if __name__ == "__main__":
    sys.exit(main())
