"""Check the corrected estimates on real articles whose every sentence is hand-coded.

    python scripts/evaluate_estimates.py [--draws 500] [--n 150 | --fraction 0.4] [--batch ...] [--chart FILE]

The validation articles (``data/annotations/validation_articles.csv``, texts rebuilt from
``../shared``) are tabulated as one corpus of two outlets, Chinese state media (the
People's Daily Online pages) and Western media (BBC, PolNeAR, Narrative Frames), and
their hand codes are taken as the truth. Each draw samples ``--n`` sentences (or a
``--fraction`` of them) at random within each outlet, as ``python -m analysis sample``
does (``--by`` other strata), fills the sheet with the hand codes, and corrects the program's source-type shares
(``analysis.estimate``). Reported per outlet and type: the true share, the program's
(naive) share, how often the corrected 95% interval covers the truth, how often a
corrected value was given, and the mean absolute error of the corrected and the naive
shares. ``--chart`` draws one sheet (seed 1) as docs/estimates.md shows it. Exits 0 with a
message when ``../shared`` is not there.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

from analysis import InputWarning, estimate, tabulate
from analysis.report.sampling import coding_sheet
from analysis.coding.sourcetypes import SOURCE_TYPES
from analysis.report.summarise import coded_sentences

sys.path.insert(0, str(Path(__file__).resolve().parent))
from validation_articles import SHARED, article_text, read_articles  # noqa: E402

ANNOTATIONS = Path(__file__).resolve().parent.parent / "data" / "annotations"
DEVELOPED = ("dev", "test", "final", "holdout", "blind", "sealed", "genre_dev")
FAMILIES = {"peoples_daily": "Chinese state media"}


def hand_coded_corpus(batches: tuple[str, ...], root: Path, folder: Path) -> tuple[pd.DataFrame, pd.Series, int]:
    """Tabulate the articles of ``batches`` as one corpus (written to ``folder``) and
    return its table (content rows whose hand code is known), the hand code of each row
    (``heading`` for a row the coder calls a heading), and how many rows had none."""
    rows = [row for row in read_articles() if row["batch"] in batches]
    metadata = []
    for row in rows:
        (folder / f"{row['article_id']}.txt").write_text(article_text(row, root), encoding="utf-8")
        metadata.append({"file": f"{row['article_id']}.txt", "outlet": FAMILIES.get(row["corpus"], "Western media"), "date": "", "title": row["title"]})
    pd.DataFrame(metadata).to_csv(folder / "metadata.csv", index=False)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", InputWarning)
        table = tabulate(folder)
    codings = pd.concat([pd.read_csv(ANNOTATIONS / f"validation_{batch}_coding.csv", keep_default_na=False) for batch in batches])
    codings["hand"] = np.where(codings["is_heading"].astype(str).str.lower() == "true", "heading", codings["source_type"])
    content = coded_sentences(table).reset_index(drop=True)
    keyed = content[["story_id", "start", "end"]].astype({"story_id": str}).merge(
        codings.rename(columns={"article_id": "story_id"})[["story_id", "start", "end", "hand"]], on=["story_id", "start", "end"], how="left")
    known = keyed["hand"].notna().to_numpy()
    return content[known].reset_index(drop=True), keyed.loc[known, "hand"].reset_index(drop=True), int((~known).sum())


def true_shares(table: pd.DataFrame, hand: pd.Series) -> dict[tuple[str, str], float]:
    """Each type's share of the sentences the hand coding calls sentences, overall and per outlet."""
    shares = {}
    for group, members in [("all", np.ones(len(table), dtype=bool))] + [(o, (table["outlet"] == o).to_numpy()) for o in table["outlet"].unique()]:
        coded = hand[members]
        coded = coded[coded != "heading"]
        for category in SOURCE_TYPES:
            shares[(group, category)] = float((coded == category).mean())
    return shares


def fill(sheet: pd.DataFrame, table: pd.DataFrame, hand: pd.Series) -> pd.DataFrame:
    """The sheet coded with the hand codes."""
    codes = sheet.merge(table[["story_id", "start"]].assign(hand=hand.to_numpy()), on=["story_id", "start"], how="left")["hand"]
    return sheet.assign(is_heading=(codes == "heading").map({True: "true", False: "false"}).to_numpy(),
                        source_type=codes.where(codes != "heading", "").to_numpy())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--batch", nargs="+", default=list(DEVELOPED), help="validation batches to use as the population")
    parser.add_argument("--draws", type=int, default=500)
    parser.add_argument("--n", type=int, default=150, help="sentences per sheet, drawn equally from each outlet")
    parser.add_argument("--fraction", type=float, help="instead of --n, this share of the sentences")
    parser.add_argument("--by", default="outlet", help="the sheet's strata, as for 'sample' (default outlet; e.g. outlet,source_type)")
    parser.add_argument("--root", type=Path, default=SHARED)
    parser.add_argument("--chart", type=Path, help="also draw one sheet's estimates against the truth as a PNG (and its CSV)")
    parser.add_argument("--out", type=Path, help="write the per-type results as CSV")
    parser.add_argument("--save-corpus", type=Path, metavar="DIR", help="also keep the articles in DIR/articles (with metadata.csv) and one "
                        "filled sheet (seed 1) as DIR/sheet.csv, to run the notebooks on: make report CORPUS=DIR/articles CODING=DIR/sheet.csv")
    args = parser.parse_args(argv)
    if not args.root.is_dir():
        print(f"{args.root} is not there: skipping the evaluation.")
        return 0
    with tempfile.TemporaryDirectory() as folder:
        articles = args.save_corpus / "articles" if args.save_corpus else Path(folder)
        articles.mkdir(parents=True, exist_ok=True)
        table, hand, unmatched = hand_coded_corpus(tuple(args.batch), args.root, articles)
    truth = true_shares(table, hand)
    size = round(args.fraction * len(table)) if args.fraction else args.n
    strata = tuple(column.strip() for column in args.by.split(",") if column.strip())
    print(f"{table['story_id'].nunique()} articles, {len(table)} sentences with a hand code ({unmatched} cut otherwise by the splitter, left out); "
          f"sheets of {size} sentences, {args.draws} draws")
    naive = estimate(table, None, by="outlet", measures=("source_type_share",)).set_index(["group", "category"])["naive"]
    results: dict[tuple[str, str], list[tuple[float, float, float]]] = {key: [] for key in truth}
    for draw in range(args.draws):
        sheet = fill(coding_sheet(table, n=size, by=strata, seed=draw), table, hand)
        corrected = estimate(table, sheet, by="outlet", measures=("source_type_share",))
        for row in corrected.itertuples():
            results[(row.group, row.category)].append((row.estimate, row.low, row.high))
    report = []
    for (group, category), values in results.items():
        values = np.array(values, dtype=float)
        given = np.isfinite(values[:, 0])
        true = truth[(group, category)]
        report.append({
            "group": group, "category": category, "truth": true, "naive": naive[(group, category)],
            "given": given.mean(), "coverage": float(((values[given, 1] <= true) & (true <= values[given, 2])).mean()) if given.any() else np.nan,
            "mae_corrected": float(np.abs(values[given, 0] - true).mean()) if given.any() else np.nan,
            "mae_naive": abs(naive[(group, category)] - true),
            "mean_half_width": float(((values[given, 2] - values[given, 1]) / 2).mean()) if given.any() else np.nan,
        })
    report = pd.DataFrame(report)
    pd.set_option("display.width", 200)
    print(report.round(3).to_string(index=False))
    shown = report[report["truth"] > 0]
    print(f"lowest coverage {shown['coverage'].min():.3f}; mean absolute error, corrected {shown['mae_corrected'].mean():.4f} "
          f"against naive {shown['mae_naive'].mean():.4f} (types with a true share above 0)")
    if args.out:
        report.to_csv(args.out, index=False)
    if args.save_corpus:
        fill(coding_sheet(table, n=size, by=strata, seed=1), table, hand).to_csv(args.save_corpus / "sheet.csv", index=False)
        print(f"wrote the articles to {args.save_corpus / 'articles'} and a filled sheet to {args.save_corpus / 'sheet.csv'}")
    if args.chart:
        from analysis.report import plot

        sheet = fill(coding_sheet(table, n=size, by=strata, seed=1), table, hand)
        corrected = estimate(table, sheet, by="outlet", measures=("source_type_share",))
        reference = pd.DataFrame([{"group": g, "category": c, "value": v} for (g, c), v in truth.items()])
        figure = plot.estimates(corrected, "Whose voices do Chinese state media and Western outlets carry, once the coding's errors are corrected?",
                                "Share of the sentences (%)", reference=reference)
        plot.save(figure, corrected.merge(reference.rename(columns={"value": "hand_coded"}), on=["group", "category"]), args.chart.stem, args.chart.parent)
        print(f"wrote {args.chart}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
