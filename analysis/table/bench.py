"""Benchmark the pipeline: ``python -m analysis bench``.

Measures real news by default: the first N BBC articles of ``../shared/corpora/bbc``,
or, when that folder is absent or holds fewer, generated news whose sentences hardly
repeat (``--corpus generated`` asks for it; ``--corpus seed`` repeats the seed's stories,
whose 99.7% repeated sentences flatter every cache). Each step
runs in a fresh process, with the lexicons loaded before the clock starts, and reports
sentences per second, wall and CPU seconds and the process's peak memory: splitting
alone; attribution and typing alone (on sentences split before the clock starts); the
project's TextBlob, VADER and both; ``TextBlob(s).sentiment`` plus VADER's
``polarity_scores(s)`` called the usual way; frames and targets alone; the stance table;
and the whole pipeline from file to Parquet, in one process, followed by the stance
table of its target mentions (``pipeline_stance``), and in ``--jobs`` processes. Each figure is the median of ``--repeat`` runs. Timings on shared machines
are noisy: compare ratios measured in the same run.
"""

from __future__ import annotations

import json
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from functools import partial
from pathlib import Path

from ..datafiles import PROJECT_DIR

SEED = PROJECT_DIR / "seeds" / "global_times_2024-07_three_stories.txt"
MANIFEST = PROJECT_DIR / "data" / "stories.csv"
STEPS = ("split", "attribute", "textblob", "vader", "scoring", "libraries", "frames", "stance", "pipeline", "pipeline_stance", "pipeline_jobs")


BBC = PROJECT_DIR.parent / "shared" / "corpora" / "bbc"


def real_corpus(folder: Path, stories: int, source: Path = BBC) -> Path | None:
    """Write the first ``stories`` BBC articles of ``source`` (title on the first line)
    as a JSONL table; None when the folder is absent or holds fewer articles."""
    files = sorted(source.glob("*/*.txt")) if source.is_dir() else []
    if len(files) < stories:
        return None
    path = folder / f"bbc_{stories}.jsonl"
    with path.open("w", encoding="utf-8") as handle:
        for file in files[:stories]:
            text = file.read_text(encoding="utf-8")
            title = text.splitlines()[0] if text else ""
            handle.write(json.dumps({"id": f"{file.parent.name}-{file.stem}", "title": title, "outlet": "BBC", "date": "", "text": text}) + "\n")
    return path


def corpus_for(folder: Path, stories: int, kind: str) -> tuple[Path, str]:
    """The corpus to measure and its name: BBC news when ``kind`` is "real" and there are
    enough articles, else generated news whose sentences do not repeat; the seed's
    stories repeated (which flatters every cache) only when ``kind`` is "seed"."""
    if kind == "real":
        path = real_corpus(folder, stories)
        if path is not None:
            return path, f"BBC news, first {stories} articles"
        print(f"(the BBC corpus is not there or has fewer than {stories} articles: measuring generated news)", file=sys.stderr)
    if kind == "seed":
        return synthetic_corpus(folder, stories), f"the seed's three stories repeated to {stories}"
    return generated_corpus(folder, stories), f"{stories} generated news stories (sentences not repeated)"


_FIRST = "Anna Ben Carla David Elena Farid Grace Hiro Ines Jonas Kemal Lena Marco Nadia Omar Priya Quinn Rosa Samir Tara Umar Vera Wen Yusuf Zoe".split()
_LAST = "Abbott Brandt Chen Duarte Evans Fischer Garcia Haddad Ito Jensen Khan Larsen Moreau Novak Okafor Petrov Quist Rossi Sato Tanaka Ueda Varga Weber Yilmaz Zhang".split()
_ORGANIZATIONS = ("the Ministry of Transport", "the city council", "Harbor Logistics Inc", "the Institute for Fiscal Studies", "the port authority",
                  "the central bank", "the teachers' union", "Northwind Energy", "the World Bank", "the health department", "Reuters", "the opposition party")
_ROLES = ("a spokeswoman for", "the chief executive of", "an economist at", "a senior official at", "a researcher at", "the chair of")
_TOPICS = ("fuel prices", "the new rail line", "school funding", "the trade deal", "flood defences", "hospital waiting times", "the tax reform",
           "housing costs", "the fishing quota", "broadband coverage", "the steel tariffs", "water quality")
_TEMPLATES = (
    "{person}, {role} {org}, said {topic} would cost about {number} million dollars over {small} years.",
    "\"We cannot wait another {small} months for {topic},\" {person} told reporters on {day}.",
    "According to {org}, {topic} rose by {number} percent in the {period} to {month}.",
    "{org} said in a statement that it had received {number} complaints about {topic}.",
    "Critics say {topic} will hurt families in {place}, where {number} people signed a petition last {day}.",
    "The plan, first proposed in {month}, was approved by {small} votes to {number}.",
    "{person} warned that {topic} could be delayed until {month} if talks fail.",
    "Officials in {place} announced {number} new jobs linked to {topic} on {day}.",
    "\"This is a good day for {place},\" said {person}, who has campaigned on {topic} for {small} years.",
    "Shares in {org} fell {small} percent after the report on {topic} was published.",
    "A survey by {org} found that {number} percent of residents in {place} support {topic}.",
    "{person} of {org} declined to comment on {topic}.",
    "The debate over {topic} is expected to continue when parliament returns in {month}.",
    "Residents of {place} said they had waited {small} weeks for news about {topic}.",
    "{org} has accused rivals of exaggerating the cost of {topic} by {number} million.",
)
_PLACES = "Aberton Bexley Calder Dunmore Elsworth Fairhaven Glenrock Harwich Ilford Jarrow Kelso Linwood".split()
_DAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
_MONTHS = "January February March April May June July August September October November December".split()


def generated_corpus(folder: Path, stories: int, seed: int = 1, outlets: int = 1, days: int = 0) -> Path:
    """Write ``stories`` generated news articles (12 to 24 sentences each, from fifteen
    templates filled with names, organizations, topics and numbers drawn at random) as a
    JSONL table, for benchmarks where no real news is at hand: unlike the seed repeated,
    its sentences hardly ever repeat, so caches help no more than on real text. With
    ``outlets`` above 1 the stories are spread over that many outlets, and with ``days``
    their dates over that many days from 1 January 2023 (else undated)."""
    import datetime
    import random

    rng = random.Random(seed)
    path = folder / f"generated_{stories}.jsonl"
    names = ["Generated"] if outlets <= 1 else [f"Outlet {chr(ord('A') + number)}" for number in range(outlets)]
    with path.open("w", encoding="utf-8") as handle:
        for number in range(stories):
            sentences = []
            for _ in range(rng.randint(12, 24)):
                sentence = rng.choice(_TEMPLATES).format(
                    person=f"{rng.choice(_FIRST)} {rng.choice(_LAST)}", role=rng.choice(_ROLES), org=rng.choice(_ORGANIZATIONS),
                    topic=rng.choice(_TOPICS), number=rng.randint(2, 9999), small=rng.randint(2, 12), day=rng.choice(_DAYS),
                    month=rng.choice(_MONTHS), place=rng.choice(_PLACES), period=rng.choice(("year", "quarter", "month")),
                )
                sentences.append(sentence[0].upper() + sentence[1:])
            body = "\n\n".join(" ".join(sentences[i : i + 3]) for i in range(0, len(sentences), 3))
            title = f"{rng.choice(_TOPICS).capitalize()} in {rng.choice(_PLACES)}: story {number + 1}"
            date = (datetime.date(2023, 1, 1) + datetime.timedelta(days=rng.randrange(days))).isoformat() if days else ""
            article = {"id": f"g{number:06d}", "title": title, "outlet": names[number % len(names)], "date": date, "text": f"{title}\n\n{body}\n"}
            handle.write(json.dumps(article) + "\n")
    return path


def synthetic_corpus(folder: Path, stories: int) -> Path:
    """Write ``stories`` articles, the seed's stories repeated, as a JSONL table."""
    from ..corpus.read import Document
    from ..corpus.stories import read_manifest, split_stories

    text = SEED.read_text(encoding="utf-8")
    seed = split_stories(Document(SEED.stem, text, SEED), read_manifest(MANIFEST))
    path = folder / f"corpus_{stories}.jsonl"
    with path.open("w", encoding="utf-8") as handle:
        for number in range(stories):
            story = seed[number % len(seed)]
            article = {"id": f"a{number:06d}-{story.story_id}", "title": story.title, "outlet": story.outlet,
                       "date": story.date, "text": text[story.start : story.end]}
            handle.write(json.dumps(article) + "\n")
    return path


def _stories(corpus: Path):
    """Read the corpus's stories with their texts."""
    from .tabulate import iter_stories

    return [(document.working_text, story) for document, story in iter_stories([corpus])]


def _split(corpus: Path):
    """Read and split the corpus (before the clock starts)."""
    from ..coding.sentences import split_story

    stories = _stories(corpus)
    return [(text, story, split_story(text, story.start, story.end)) for text, story in stories]


def _texts(corpus: Path) -> list[str]:
    """The corpus's sentences as text, white space folded (before the clock starts)."""
    return [" ".join(text[s.start : s.end].split()) for text, _, sentences in _split(corpus) for s in sentences]


def run_step(step: str, corpus: Path, jobs: int) -> dict:
    """Time one step on ``corpus``; return the sentences handled and the seconds taken."""
    from ..coding.attribute import attribute_story
    from ..measures.frames import load_vocabulary
    from ..measures.tone import textblob_scores, vader_compound
    from ..coding.sentences import split_story
    from ..coding.sourcetypes import load_codebook
    from ..coding.speakers.phrases import names_someone, proper_nouns
    from ..coding.speakers.resolve import resolve_story

    if step == "split":
        stories = _stories(corpus)
        began, cpu = time.perf_counter(), time.process_time()
        count = sum(len(split_story(text, story.start, story.end)) for text, story in stories)
    elif step == "attribute":
        split = _split(corpus)
        codebook = load_codebook()
        began, cpu = time.perf_counter(), time.process_time()
        count = 0
        for text, story, sentences in split:
            attributions = attribute_story(text, sentences, accept=partial(names_someone, codebook=codebook, proper=proper_nouns(text, sentences)))
            resolve_story(text, sentences, attributions, codebook, story.outlet)
            count += len(sentences)
    elif step in ("textblob", "vader", "scoring", "frames"):
        texts = _texts(corpus)
        vocabulary = load_vocabulary()
        vader_compound("warm up"), textblob_scores("warm up")
        began, cpu = time.perf_counter(), time.process_time()
        for text in texts:
            if step in ("textblob", "scoring"):
                textblob_scores(text)
            if step in ("vader", "scoring"):
                vader_compound(text)
            if step == "frames":
                vocabulary.frames_in(text), vocabulary.targets_in(text), vocabulary.contrast_in(text)
        count = len(texts)
    elif step == "libraries":
        from textblob import TextBlob
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

        texts = _texts(corpus)
        analyzer = SentimentIntensityAnalyzer()
        TextBlob("warm up").sentiment, analyzer.polarity_scores("warm up")
        began, cpu = time.perf_counter(), time.process_time()
        for text in texts:
            TextBlob(text).sentiment
            analyzer.polarity_scores(text)
        count = len(texts)
    elif step == "stance":
        from ..measures.stance import load_model, stance_table
        from ..report.summarise import coded_sentences
        from .tabulate import tabulate

        table = tabulate(corpus)
        model = load_model()
        began, cpu = time.perf_counter(), time.process_time()
        stance_table(table, model, load_vocabulary())
        count = len(coded_sentences(table))
    else:
        from .run import chunks, write_run
        from ..measures.stance import load_model, stance_table

        vader_compound("warm up"), textblob_scores("warm up"), load_codebook(), load_vocabulary(), load_model()
        began, cpu = time.perf_counter(), time.process_time()
        with tempfile.TemporaryDirectory() as folder:
            count = write_run(chunks([corpus]), Path(folder) / "table.parquet", jobs=jobs if step == "pipeline_jobs" else 1, progress=False,
                              on_piece=stance_table if step == "pipeline_stance" else None)
    seconds, cpu_seconds = time.perf_counter() - began, time.process_time() - cpu
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"step": step, "sentences": count, "seconds": seconds, "cpu_seconds": cpu_seconds, "peak_mb": own, "peak_worker_mb": children}


def _measure(step: str, corpus: Path, jobs: int) -> dict:
    """Run one step in a fresh Python process, so that its peak memory is its own."""
    code = f"import json; from analysis.table.bench import run_step; from pathlib import Path; print(json.dumps(run_step({step!r}, Path({str(corpus)!r}), {jobs})))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=PROJECT_DIR)
    return json.loads(result.stdout.strip().splitlines()[-1])


def machine() -> str:
    """Describe this machine in one line."""
    from .run import default_jobs

    cores = default_jobs()
    memory = ""
    try:
        total = int(open("/proc/meminfo").read().split("MemTotal:")[1].split()[0]) / 1024**2
        memory = f", {total:.0f} GiB"
    except (OSError, IndexError, ValueError):
        pass
    return f"{platform.machine()}, {cores} cores{memory}, Python {platform.python_version()}, {platform.system()}"


def main(args) -> int:
    """Run the benchmark for each corpus size and print a table of medians, with the
    pipeline's throughput against the project's scoring and against TextBlob and VADER
    called the usual way."""
    if args.write_corpus:
        folder = Path(args.write_corpus)
        folder.mkdir(parents=True, exist_ok=True)
        for size in args.stories:
            path = generated_corpus(folder, size, outlets=args.outlets, days=args.days)
            print(f"wrote {size} generated stories to {path}; time a whole report with: make report CORPUS={path} NAME=generated-{size} JOBS=2")
        return 0
    results = []
    print(f"Machine: {machine()}; median of {args.repeat} runs per figure; lexicons loaded before the clock starts", flush=True)
    with tempfile.TemporaryDirectory() as folder:
        for size in args.stories:
            corpus, described = corpus_for(Path(folder), size, args.corpus)
            print(f"Corpus: {described}", flush=True)
            print(f"{'stories':>8} {'step':<14} {'sentences':>10} {'seconds':>8} {'CPU s':>7} {'sent./s':>9} {'peak MB':>8} {'worker MB':>9}", flush=True)
            for step in args.steps or STEPS:
                runs = [_measure(step, corpus, args.jobs) for _ in range(args.repeat)]
                seconds = statistics.median(run["seconds"] for run in runs)
                row = {
                    "stories": size, "corpus": described, "step": step if step != "pipeline_jobs" else f"pipeline x{args.jobs}",
                    "sentences": runs[0]["sentences"], "seconds": seconds, "cpu_seconds": statistics.median(run["cpu_seconds"] for run in runs),
                    "sentences_per_second": runs[0]["sentences"] / seconds,
                    "peak_mb": statistics.median(run["peak_mb"] for run in runs),
                    "peak_worker_mb": statistics.median(run["peak_worker_mb"] for run in runs),
                }
                results.append(row)
                print(f"{size:>8} {row['step']:<14} {row['sentences']:>10} {seconds:>8.1f} {row['cpu_seconds']:>7.1f} {row['sentences_per_second']:>9.0f} "
                      f"{row['peak_mb']:>8.0f} {row['peak_worker_mb']:>9.0f}", flush=True)
            rates = {row["step"]: row["sentences_per_second"] for row in results if row["stories"] == size}
            ratios = [f"{pipeline} / {name}: {rates[pipeline] / rates[step]:.2f}" for pipeline in ("pipeline", "pipeline_stance") for step, name in
                      (("libraries", "TextBlob and VADER called the usual way"), ("scoring", "the project's scoring")) if pipeline in rates and step in rates]
            if "pipeline" in rates and f"pipeline x{args.jobs}" in rates:
                ratios.append(f"{args.jobs} processes / 1: {rates[f'pipeline x{args.jobs}'] / rates['pipeline']:.2f}")
            if ratios:
                print(f"{size:>8} " + "; ".join(ratios), flush=True)
    if args.json:
        Path(args.json).write_text(json.dumps({"machine": machine(), "repeat": args.repeat, "results": results}, indent=2))
    return 0
