"""Draw the articles for hand-coding source types, rebuild their text, and write coding sheets.

    python scripts/validation_articles.py select  [--root ../shared]   # writes data/annotations/validation_articles.csv
    python scripts/validation_articles.py select-genres [--root ../shared]  # appends the genre batches (issue 23)
    python scripts/validation_articles.py sheets BATCH --out FOLDER      # one text and one blank coding sheet per article

The articles come from the development corpora in ``../shared`` (never copied into this
repository): People's Daily Online pages (Chinese state media: Xinhua, People's Daily,
Global Times copy), BBC News, PolNeAR train (US outlets) and the Narrative Frames Corpus
(US and UK outlets). They are drawn at random with a fixed seed, among articles of 12 to 45
sentences with at least two reporting words ("said", "says", "told", "according to"): the
coding measures source typing, so articles that quote no one would measure nothing.

Each drawn article gets a batch: ``dev`` (rules are developed on it), ``test`` (coded
only after the rules were frozen, and used only to measure them), or ``final`` (a third
batch, coded after the rules were frozen again once ``test`` had been measured and its
errors studied), ``holdout`` (a fourth, coded after a third freeze, once ``final`` had
been measured and studied), ``blind`` (a fifth, drawn and coded while the rules were
changed on the errors of ``holdout``, and read only after they were frozen a fourth time),
or ``sealed`` (a sixth, drawn and coded the same way while the rules were changed on the
errors of ``blind``, and read only after a fifth freeze).

A second draw (``select-genres``, its own seed, never an article drawn before) adds two
batches for the genres the first draw lacked: ``genre_dev`` (rules are developed on it)
and ``genre_test`` (coded before the rules it measures are frozen, read only after);
later draws (``select-final BATCH``, each its own seed) add ``genre_final``,
``genre_last``, ``genre_next``, ``genre_more``, ``genre_extra``, ``genre_plus`` and ``genre_ninth``, of the same make-up, each coded while the rules were changed on the
errors of the batches before it. Each
has sport and entertainment articles from the BBC's sport and entertainment collection,
People's Daily Online pages, opinion pieces (the Narrative Frames Corpus's commentary
outlets, ``OPINION_OUTLETS``), PolNeAR articles and one BBC business, politics or
technology article. Outlets of PolNeAR and the Narrative Frames Corpus repeat
only once every outlet has been drawn. The text of an article is
rebuilt from ``../shared`` by ``article_text``: the file as it is, or for a People's Daily
page the article body between the dateline and "(Web editor" / "(For the latest". Offsets
in the hand codings point into that text.
"""

from __future__ import annotations

import argparse
import csv
import random
import re
import sys
from datetime import datetime
from pathlib import Path

from analysis.datafiles import PROJECT_DIR
from analysis.coding.sentences import split_story

SHARED = PROJECT_DIR.parent / "shared"
ARTICLES = PROJECT_DIR / "data" / "annotations" / "validation_articles.csv"
SEED = 20261127
BATCHES = ("dev", "test", "final", "holdout", "blind", "sealed")
PER_BATCH = {"peoples_daily": 3, "bbc": 2, "polnear": 2, "narrative_frames": 1}
GENRE_SEED = 20261208
GENRE_BATCHES = ("genre_dev", "genre_test")
GENRE_PER_BATCH = {"sport": 4, "entertainment": 3, "peoples_daily": 4, "opinion": 2, "polnear": 2, "bbc": 1}
GENRE_PREFIX = {"genre_dev": "gdev", "genre_test": "gtest", "genre_final": "gfin", "genre_last": "glast", "genre_next": "gnext", "genre_more": "gmore", "genre_extra": "gextra", "genre_plus": "gplus", "genre_ninth": "gninth"}
# Later genre draws, each with its own seed: genre_final, after genre_test had been
# measured and studied, coded while the rules were changed on the errors of genre_dev and
# genre_test and read only after they were frozen; genre_last, the same once genre_final
# had been measured and studied; genre_next, the same once genre_last had been; genre_more,
# drawn and coded while the fourth round was changed, read only after a fifth freeze;
# genre_extra, the same for a sixth round, genre_plus for a seventh (which changed no
# rule, so it measures the sixth's), and genre_ninth for an eighth.
FINAL_SEEDS = {"genre_final": 20261209, "genre_last": 20261210, "genre_next": 20261211, "genre_more": 20261212, "genre_extra": 20261213, "genre_plus": 20261214, "genre_ninth": 20261215}
FINAL_BATCHES = tuple(FINAL_SEEDS)
# Outlets of the Narrative Frames Corpus that publish commentary rather than reports.
OPINION_OUTLETS = {
    "redstate", "politicususa", "politicus usa", "dailykos", "shareblue", "newsbusters", "nationalreview",
    "national review", "theblaze",
}
MIN_SENTENCES, MAX_SENTENCES = 12, 45
_REPORTING = re.compile(r"\b(?:said|says|told|according to)\b")
_PD_BODY_START = re.compile(r"\(\s*([^()]{2,40}?)\s*\)\s*\d{2}:\d{2},\s+(\w+\s+\d{1,2},\s+\d{4})\s+")
_PD_BODY_END = re.compile(r"\s*\((?:For the latest|Web editor)")
# Outlets as a user would name them in an article table (PolNeAR's file-name codes, and
# the Narrative Frames Corpus's inconsistent spellings of the outlets drawn).
OUTLET_NAMES = {
    "breitbart": "Breitbart", "huff-post": "HuffPost", "nyt": "The New York Times", "politico": "Politico",
    "usa-today": "USA Today", "wash-post": "The Washington Post", "west-journal": "Western Journal",
    "drudgereport": "Drudge Report", "thedailycaller": "The Daily Caller", "redstate": "RedState",
    "politicususa": "Politicus USA", "dailykos": "Daily Kos", "shareblue": "Shareblue", "newsbusters": "NewsBusters",
    "nationalreview": "National Review", "theblaze": "TheBlaze",
}
COLUMNS = ("article_id", "batch", "corpus", "source", "row_id", "outlet", "date", "title")


def article_text(row: dict, root: Path = SHARED) -> str:
    """Return the text of the article that ``row`` (of validation_articles.csv) names."""
    path = root / row["source"]
    if row["corpus"] == "narrative_frames":
        with path.open(encoding="utf-8", newline="") as handle:
            for record in csv.DictReader(handle):
                if record["id"] == row["row_id"]:
                    return record["text"]
        raise KeyError(f"{path}: no row {row['row_id']}")
    text = path.read_text(encoding="utf-8")
    if row["corpus"] == "peoples_daily":
        return _peoples_daily_body(text)[2]
    return text


def _peoples_daily_body(page: str) -> tuple[str, str, str]:
    """Return the credit ("Xinhua"), the date (ISO) and the article body of a People's
    Daily page, or three empty strings when the page has no dateline or no end marker."""
    start = _PD_BODY_START.search(page)
    end = _PD_BODY_END.search(page, start.end()) if start else None
    if not end:
        return "", "", ""
    date = datetime.strptime(" ".join(start.group(2).split()), "%B %d, %Y").date().isoformat()
    return start.group(1), date, page[start.end() : end.start()]


def _sentences(text: str) -> int:
    return sum(not s.is_heading for s in split_story(text))


def _eligible(text: str) -> bool:
    return MIN_SENTENCES <= _sentences(text) <= MAX_SENTENCES and len(_REPORTING.findall(text)) >= 2


def candidates(root: Path) -> dict[str, list[dict]]:
    """Return the eligible articles of each corpus, in a fixed order."""
    found: dict[str, list[dict]] = {name: [] for name in PER_BATCH}
    for path in sorted((root / "corpora" / "peoples_daily_2020-11-19").glob("*.txt")):
        credit, date, body = _peoples_daily_body(path.read_text(encoding="utf-8"))
        if body and _eligible(body):
            found["peoples_daily"].append(
                dict(corpus="peoples_daily", source=str(path.relative_to(root)), row_id="", outlet=credit, date=date, title=path.stem)
            )
    for path in sorted((root / "corpora" / "bbc").glob("*/*.txt")):
        text = path.read_text(encoding="utf-8")
        if _eligible(text):
            found["bbc"].append(dict(corpus="bbc", source=str(path.relative_to(root)), row_id="", outlet="BBC", date="", title=text.splitlines()[0]))
    for path in sorted((root / "polnear" / "train" / "text").glob("*.txt")):
        outlet, date, _ = path.stem.split("_", 2)
        if _eligible(path.read_text(encoding="utf-8")):
            found["polnear"].append(dict(corpus="polnear", source=str(path.relative_to(root)), row_id="", outlet=outlet, date=date, title=""))
    frames = root / "narrative_frames" / "articles.csv"
    with frames.open(encoding="utf-8", newline="") as handle:
        for record in csv.DictReader(handle):
            if _eligible(record["text"]):
                found["narrative_frames"].append(
                    dict(corpus="narrative_frames", source=str(frames.relative_to(root)), row_id=record["id"], outlet=record["outlet"], date=record["date"], title="")
                )
    return found


def genre_candidates(root: Path) -> dict[str, list[dict]]:
    """Return the eligible articles of each genre pool of the second draw, in a fixed
    order: the first draw's pools, with the BBC's sport and entertainment articles and
    the Narrative Frames Corpus's opinion pieces as pools of their own."""
    found = candidates(root)
    pools: dict[str, list[dict]] = {name: [] for name in GENRE_PER_BATCH}
    for genre in ("sport", "entertainment"):
        for path in sorted((root / "corpora" / "bbc_sport_entertainment" / genre).glob("*.txt")):
            text = path.read_text(encoding="utf-8")
            if _eligible(text):
                pools[genre].append(dict(corpus="bbc", source=str(path.relative_to(root)), row_id="", outlet="BBC", date="", title=text.splitlines()[0]))
    pools["peoples_daily"], pools["polnear"], pools["bbc"] = found["peoples_daily"], found["polnear"], found["bbc"]
    pools["opinion"] = [article for article in found["narrative_frames"] if article["outlet"].lower() in OPINION_OUTLETS]
    return pools


def select_genres(root: Path, drawn: list[dict], batches: tuple[str, ...] = GENRE_BATCHES, seed: int = GENRE_SEED) -> list[dict]:
    """Draw ``GENRE_PER_BATCH`` articles of each genre for each of ``batches``, none of
    them in ``drawn`` (the articles drawn before), numbered after them."""
    rng = random.Random(seed)
    taken = {(row["source"], row["row_id"]) for row in drawn}
    chosen: list[dict] = []
    for genre, pool in genre_candidates(root).items():
        pool = [article for article in pool if (article["source"], article["row_id"]) not in taken]
        rng.shuffle(pool)
        used_outlets: set[str] = set()
        outlets = {article["outlet"].lower() for article in pool}
        picked: list[dict] = []
        for article in pool:
            if genre in ("polnear", "opinion") and article["outlet"].lower() in used_outlets and len(used_outlets) < len(outlets):
                continue
            used_outlets.add(article["outlet"].lower())
            picked.append(article)
            if len(picked) == len(batches) * GENRE_PER_BATCH[genre]:
                break
        for number, article in enumerate(picked):
            chosen.append(dict(article, batch=batches[number // GENRE_PER_BATCH[genre]]))
    chosen.sort(key=lambda a: (batches.index(a["batch"]), a["corpus"], a["source"], a["row_id"]))
    for number, article in enumerate(chosen, start=len(drawn) + 1):
        article["outlet"] = OUTLET_NAMES.get(article["outlet"], article["outlet"])
        article["article_id"] = f"{GENRE_PREFIX[article['batch']]}-{number:02d}"
    return chosen


def select(root: Path) -> list[dict]:
    """Draw ``PER_BATCH`` articles of each corpus for each batch, dev first, with no
    outlet of PolNeAR or the Narrative Frames Corpus drawn twice until all have been."""
    rng = random.Random(SEED)
    chosen: list[dict] = []
    for corpus, pool in candidates(root).items():
        pool = list(pool)
        rng.shuffle(pool)
        used_outlets: set[str] = set()
        picked: list[dict] = []
        outlets = {article["outlet"].lower() for article in pool}
        for article in pool:
            if corpus in ("polnear", "narrative_frames") and article["outlet"].lower() in used_outlets and len(used_outlets) < len(outlets):
                continue
            used_outlets.add(article["outlet"].lower())
            picked.append(article)
            if len(picked) == len(BATCHES) * PER_BATCH[corpus]:
                break
        for number, article in enumerate(picked):
            chosen.append(dict(article, batch=BATCHES[number // PER_BATCH[corpus]]))
    chosen.sort(key=lambda a: (BATCHES.index(a["batch"]), a["corpus"], a["source"], a["row_id"]))
    for number, article in enumerate(chosen, start=1):
        article["outlet"] = OUTLET_NAMES.get(article["outlet"], article["outlet"])
        article["article_id"] = f"{article['batch']}-{number:02d}"
    return chosen


def read_articles(path: Path = ARTICLES) -> list[dict]:
    """Read validation_articles.csv."""
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(line for line in handle if not line.startswith("#")))


def write_sheets(batch: str, out: Path, root: Path) -> None:
    """Write each article of ``batch`` as ``ID.txt`` and a blank coding sheet ``ID.csv``
    (one row per sentence, as the splitter cuts it) into ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    for row in read_articles():
        if row["batch"] != batch:
            continue
        text = article_text(row, root)
        (out / f"{row['article_id']}.txt").write_text(text, encoding="utf-8")
        with (out / f"{row['article_id']}.csv").open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["article_id", "sentence", "paragraph", "start", "end", "text", "is_heading", "source_type", "speaker", "note"])
            for number, sentence in enumerate(split_story(text), start=1):
                piece = " ".join(text[sentence.start : sentence.end].split())
                writer.writerow([row["article_id"], number, sentence.paragraph, sentence.start, sentence.end, piece, "", "", "", ""])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=SHARED, help="the shared folder (default ../shared)")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("select", help="draw the articles and write data/annotations/validation_articles.csv")
    commands.add_parser("select-genres", help="draw the genre batches and append them to data/annotations/validation_articles.csv")
    final = commands.add_parser("select-final", help="draw a later genre batch and append it to data/annotations/validation_articles.csv")
    final.add_argument("batch", choices=FINAL_BATCHES)
    sheets = commands.add_parser("sheets", help="write the texts and blank coding sheets of a batch")
    sheets.add_argument("batch", choices=BATCHES + GENRE_BATCHES + FINAL_BATCHES)
    sheets.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    if not args.root.is_dir():
        print(f"{args.root} is not there: the validation articles are rebuilt from it", file=sys.stderr)
        return 0
    if args.command == "select":
        chosen = select(args.root)
        with ARTICLES.open("w", encoding="utf-8", newline="") as handle:
            handle.write("# Articles drawn for hand-coding source types by scripts/validation_articles.py; texts in ../shared\n")
            writer = csv.DictWriter(handle, fieldnames=COLUMNS, extrasaction="ignore")
            writer.writeheader()
            writer.writerows(chosen)
        print(f"wrote {len(chosen)} articles to {ARTICLES}")
    elif args.command == "select-genres":
        drawn = [row for row in read_articles() if row["batch"] in BATCHES]
        chosen = select_genres(args.root, drawn)
        with ARTICLES.open("a", encoding="utf-8", newline="") as handle:
            csv.DictWriter(handle, fieldnames=COLUMNS, extrasaction="ignore").writerows(chosen)
        print(f"appended {len(chosen)} articles to {ARTICLES}")
    elif args.command == "select-final":
        drawn = read_articles()
        if any(row["batch"] == args.batch for row in drawn):
            print(f"{ARTICLES} already holds {args.batch}", file=sys.stderr)
            return 1
        chosen = select_genres(args.root, drawn, (args.batch,), FINAL_SEEDS[args.batch])
        with ARTICLES.open("a", encoding="utf-8", newline="") as handle:
            csv.DictWriter(handle, fieldnames=COLUMNS, extrasaction="ignore").writerows(chosen)
        print(f"appended {len(chosen)} articles to {ARTICLES}")
    else:
        write_sheets(args.batch, args.out, args.root)
    return 0


if __name__ == "__main__":
    sys.exit(main())
