"""Draw target mentions from articles outside the seed for hand-coding stance, and write
their coding sheet.

    python scripts/stance_mentions.py sheet --out FOLDER [--n 300] [--root ../shared]

The mentions come from the development corpora in ``../shared`` (never copied here): the
BBC articles and the People's Daily Online pages (their article bodies, as
``validation_articles.article_text`` cuts them). A mention is a state, bloc or
organization that the project's codebook names (``states.csv`` names and aliases,
capitalized names in ``organizations.csv``), or a target of ``data/framing/targets.csv``,
found as a whole word in a sentence of 8 to 60 words. They are drawn at random with a fixed
seed, at most one per sentence and two per article, half from each corpus.

The sheet (``stance_sheet.csv``) has one row per mention: ``id, corpus, source,
sentence_start, sentence_end, sentence, mention, from, to`` and a blank ``polarity`` (-1
negative, 0 neutral, 1 positive toward the mention, as NewsMTSC's annotators coded it) and
``note``. The coding is kept in ``data/annotations/stance_mentions.csv`` without the
sentences, which stay in ``../shared``; ``jsonl`` rebuilds them (the article's text from
``sentence_start`` to ``sentence_end``, white space folded; ``from``/``to`` point into that)
in the JSON-lines format ``scripts/evaluate_stance.py`` reads:

    python scripts/stance_mentions.py jsonl --out /tmp/stance_mentions.jsonl
    python scripts/evaluate_stance.py --data /tmp/stance_mentions.jsonl
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import re
import sys
from pathlib import Path

from analysis.datafiles import PROJECT_DIR, read_rows
from analysis.coding.matching import PhraseMatcher
from analysis.coding.sentences import split_story

sys.path.insert(0, str(Path(__file__).resolve().parent))
from validation_articles import _peoples_daily_body  # noqa: E402

SHARED = PROJECT_DIR.parent / "shared"
SEED = 20261127
SHEET_COLUMNS = ("id", "corpus", "source", "sentence_start", "sentence_end", "sentence", "mention", "from", "to", "polarity", "note")
CODING = PROJECT_DIR / "data" / "annotations" / "stance_mentions.csv"


def target_matcher() -> PhraseMatcher:
    """The names to look for: states and their aliases, capitalized organizations, and
    the framing targets' aliases."""
    codebook = PROJECT_DIR / "data" / "codebook"
    names = set()
    for row in read_rows(codebook / "states.csv"):
        names.update(name.strip() for name in [row["name"], *row.get("aliases", "").split("|")] if name.strip())
    names.update(row["name"] for row in read_rows(codebook / "organizations.csv") if row["name"][:1].isupper() and len(row["name"]) > 2)
    names.update(row["alias"] for row in read_rows(PROJECT_DIR / "data" / "framing" / "targets.csv"))
    return PhraseMatcher(((name, name) for name in names if not re.fullmatch(r"[A-Z]{1,2}", name)), ignore_case=False)


def articles(root: Path) -> dict[str, list[tuple[str, str]]]:
    """The articles of each corpus as (name, text)."""
    found: dict[str, list[tuple[str, str]]] = {"bbc": [], "peoples_daily": []}
    for path in sorted((root / "corpora" / "bbc").glob("*/*.txt")):
        found["bbc"].append((str(path.relative_to(root)), path.read_text(encoding="utf-8")))
    for path in sorted((root / "corpora" / "peoples_daily_2020-11-19").glob("*.txt")):
        body = _peoples_daily_body(path.read_text(encoding="utf-8"))[2]
        if body:
            found["peoples_daily"].append((str(path.relative_to(root)), body))
    return found


def draw(root: Path, n: int) -> list[dict]:
    """``n`` mentions, half from each corpus, drawn at random with a fixed seed."""
    matcher = target_matcher()
    rng = random.Random(SEED)
    rows = []
    for corpus, items in articles(root).items():
        items = list(items)
        rng.shuffle(items)
        picked = []
        for name, text in items:
            per_article = 0
            sentences = [s for s in split_story(text) if not s.is_heading]
            rng.shuffle(sentences)
            for sentence in sentences:
                piece = " ".join(text[sentence.start : sentence.end].split())
                if not 8 <= len(piece.split()) <= 60:
                    continue
                mentions = matcher.find(piece)
                if not mentions:
                    continue
                mention = rng.choice(mentions)
                picked.append(
                    {"id": f"{corpus}:{name}:{mention.start}:{len(picked)}", "corpus": corpus, "source": name,
                     "sentence_start": sentence.start, "sentence_end": sentence.end, "sentence": piece,
                     "mention": mention.text, "from": mention.start, "to": mention.end, "polarity": "", "note": ""}
                )
                per_article += 1
                if per_article == 2:
                    break
            if len(picked) >= n // 2:
                break
        rows.extend(picked[: n // 2])
    return rows


def rebuild(coding: Path, root: Path, out: Path) -> int:
    """Write the coded mentions of ``coding`` with their sentences rebuilt from ``root``
    as NewsMTSC JSON lines at ``out``; return how many."""
    texts: dict[str, str] = {}
    written = 0
    with coding.open(encoding="utf-8", newline="") as handle, out.open("w", encoding="utf-8") as target:
        for row in csv.DictReader(line for line in handle if not line.startswith("#")):
            if row["source"] not in texts:
                raw = (root / row["source"]).read_text(encoding="utf-8")
                texts[row["source"]] = _peoples_daily_body(raw)[2] if row["corpus"] == "peoples_daily" else raw
            sentence = " ".join(texts[row["source"]][int(row["sentence_start"]) : int(row["sentence_end"])].split())
            start, end = int(row["from"]), int(row["to"])
            if sentence[start:end] != row["mention"]:
                raise SystemExit(f"{row['id']}: the rebuilt sentence does not hold {row['mention']!r} at {start}")
            record = {"id": row["id"], "sentence": sentence, "mention": row["mention"], "from": start, "to": end, "polarity": int(row["polarity"])}
            target.write(json.dumps(record, ensure_ascii=False) + "\n")
            written += 1
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=SHARED, help="the shared folder (default ../shared)")
    commands = parser.add_subparsers(dest="command", required=True)
    sheet = commands.add_parser("sheet", help="draw the mentions and write the blank sheet")
    sheet.add_argument("--out", type=Path, required=True)
    sheet.add_argument("--n", type=int, default=300)
    lines = commands.add_parser("jsonl", help="rebuild the coded mentions' sentences as NewsMTSC JSON lines")
    lines.add_argument("--coding", type=Path, default=CODING)
    lines.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    if not args.root.is_dir():
        print(f"{args.root} is not there: the sentences come from it", file=sys.stderr)
        return 0
    if args.command == "jsonl":
        print(f"wrote {rebuild(args.coding, args.root, args.out)} mentions to {args.out}")
        return 0
    rows = draw(args.root, args.n)
    args.out.mkdir(parents=True, exist_ok=True)
    with (args.out / "stance_sheet.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=SHEET_COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    print(f"wrote {len(rows)} mentions to {args.out / 'stance_sheet.csv'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
