"""Shared fixtures: the seed document and small helpers."""

from pathlib import Path

import pytest

from analysis.datafiles import PROJECT_DIR

SEED = PROJECT_DIR / "seeds" / "global_times_2024-07_three_stories.txt"
MANIFEST = PROJECT_DIR / "data" / "stories.csv"


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_table():
    from analysis import tabulate

    return tabulate(SEED, stories=MANIFEST)


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


OUTLETS = ("harbour-gazette", "daily-tide", "coast-herald", "port-times", "river-news", "bay-weekly")
_FIRST = ("Ana", "Ben", "Chen", "Dara", "Eli", "Fatima", "Goran", "Hana", "Ivan", "Jia", "Kofi", "Lena")
_LAST = ("Ruiz", "Okafor", "Wei", "Berg", "Novak", "Haddad", "Silva", "Tanaka", "Moreau", "Kim", "Mensah", "Holm")
_SENTENCES = (
    "The port of {town} reopened on {weekday} after a storm closed it for {days} days.",
    '"Trade will recover quickly," said {name}, the trade minister of {country}.',
    "{name}, a professor at {town} University, said that cooperation with China would help the region grow.",
    "Local resident {name} said the closure had hurt her family and that prices rose sharply.",
    "A spokesperson for {town} Shipping Holdings said shipments to the United States were delayed.",
    "The {town} Workers Federation warned that dockworkers were losing pay, its president {name} said.",
    "Critics in the United States said the deal was a mistake, according to Reuters.",
    "Officials from both countries praised the partnership as a win-win arrangement.",
    "Fishing boats stayed in the harbour while the water was cleared.",
    "{name}, an analyst at {town} Capital, told reporters that development funds would flow again.",
)


def write_news_corpus(folder: Path, stories: int = 84, weeks: int = 6, seed: int = 7) -> Path:
    """Write ``stories`` short news stories from six outlets over ``weeks`` weeks as text
    files named ``outlet_YYYY-MM-DD_slug.txt``, each with a headline and a blank line."""
    import datetime
    import random

    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    start = datetime.date(2024, 3, 4)
    towns = ("Lindqvist", "Marrow", "Kestrel", "Alder", "Nordby", "Castell")
    for number in range(stories):
        outlet = OUTLETS[number % len(OUTLETS)]
        date = start + datetime.timedelta(days=rng.randrange(weeks * 7))
        town = rng.choice(towns)
        chosen = rng.sample(_SENTENCES, rng.randint(4, 8))
        body = " ".join(
            sentence.format(
                name=f"{rng.choice(_FIRST)} {rng.choice(_LAST)}", town=town, country=rng.choice(("Nordmark", "Castellia")),
                weekday=rng.choice(("Monday", "Tuesday", "Friday")), days=rng.randint(2, 9),
            )
            for sentence in chosen
        )
        headline = f"Port of {town} reopens after storm, story {number + 1}"
        (folder / f"{outlet}_{date.isoformat()}_story-{number + 1}.txt").write_text(f"{headline}\n\n{body}\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="session")
def coded_news(tmp_path_factory) -> tuple[Path, Path]:
    """A news corpus of six outlets over six weeks and a filled coding sheet of 240 of
    its sentences: the hand codes are the program's, except that officials are ordinary
    people in one outlet (a program that errs in one outlet only)."""
    from analysis import tabulate
    from analysis.report.sampling import coding_sheet

    folder = tmp_path_factory.mktemp("coded_news")
    corpus = write_news_corpus(folder / "corpus")
    table = tabulate(corpus)
    sheet = coding_sheet(table, n=240, by=("outlet",), seed=1)
    program = sheet.merge(table[["story_id", "start", "source_type"]].rename(columns={"source_type": "program"}), on=["story_id", "start"])["program"].astype(str)
    hand = program.where(~((sheet["outlet"] == "daily tide") & (program == "official")), "public")
    sheet.assign(source_type=hand.to_numpy(), is_heading="false").to_csv(folder / "sheet.csv", index=False)
    return corpus, folder / "sheet.csv"
