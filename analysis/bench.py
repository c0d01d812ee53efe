"""Benchmark the pipeline: ``python -m analysis bench``.

Builds a synthetic corpus by repeating the seed stories (a JSONL table of articles) and
measures each step in a fresh process, reporting sentences per second and the process's
peak memory: splitting alone; attribution and typing alone (on sentences split before
the clock starts); TextBlob alone, VADER alone and both (on split sentences); frames and
targets alone; and the whole pipeline from file to Parquet, in one process and in
``--jobs`` processes. Each figure is the median of ``--repeat`` runs. Timings on shared
machines are noisy: compare ratios measured in the same run.
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

from .datafiles import PROJECT_DIR

SEED = PROJECT_DIR / "seeds" / "global_times_2024-07_three_stories.txt"
MANIFEST = PROJECT_DIR / "data" / "stories.csv"
STEPS = ("split", "attribute", "textblob", "vader", "scoring", "frames", "stance", "pipeline", "pipeline_jobs")


def synthetic_corpus(folder: Path, stories: int) -> Path:
    """Write ``stories`` articles, the seed's stories repeated, as a JSONL table."""
    from .read import Document
    from .stories import read_manifest, split_stories

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
    from .sentences import split_story

    stories = _stories(corpus)
    return [(text, story, split_story(text, story.start, story.end)) for text, story in stories]


def _texts(corpus: Path) -> list[str]:
    """The corpus's sentences as text, white space folded (before the clock starts)."""
    return [" ".join(text[s.start : s.end].split()) for text, _, sentences in _split(corpus) for s in sentences]


def run_step(step: str, corpus: Path, jobs: int) -> dict:
    """Time one step on ``corpus``; return the sentences handled and the seconds taken."""
    from .attribute import attribute_story
    from .frames import load_vocabulary
    from .score import textblob_scores, vader_compound
    from .sentences import split_story
    from .sourcetypes import load_codebook
    from .speakers import names_someone, resolve_story

    if step == "split":
        stories = _stories(corpus)
        began = time.perf_counter()
        count = sum(len(split_story(text, story.start, story.end)) for text, story in stories)
    elif step == "attribute":
        split = _split(corpus)
        codebook = load_codebook()
        began = time.perf_counter()
        count = 0
        for text, story, sentences in split:
            attributions = attribute_story(text, sentences, accept=partial(names_someone, codebook=codebook))
            resolve_story(text, sentences, attributions, codebook, story.outlet)
            count += len(sentences)
    elif step in ("textblob", "vader", "scoring", "frames"):
        texts = _texts(corpus)
        vocabulary = load_vocabulary()
        vader_compound("warm up")
        began = time.perf_counter()
        for text in texts:
            if step in ("textblob", "scoring"):
                textblob_scores(text)
            if step in ("vader", "scoring"):
                vader_compound(text)
            if step == "frames":
                vocabulary.frames_in(text), vocabulary.targets_in(text), vocabulary.contrast_in(text)
        count = len(texts)
    elif step == "stance":
        from .stance import load_model, stance_table
        from .tabulate import tabulate

        table = tabulate(corpus)
        model = load_model()
        began = time.perf_counter()
        stance_table(table, model, load_vocabulary())
        count = int((~table["is_heading"]).sum())
    else:
        from .run import TableWriter, chunks, run_chunks

        began = time.perf_counter()
        with tempfile.TemporaryDirectory() as folder, TableWriter(Path(folder) / "table.parquet") as writer:
            for piece in run_chunks(chunks([corpus]), jobs=jobs if step == "pipeline_jobs" else 1, progress=False):
                writer.write(piece)
        count = writer.rows
    seconds = time.perf_counter() - began
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"step": step, "sentences": count, "seconds": seconds, "peak_mb": own, "peak_worker_mb": children}


def _measure(step: str, corpus: Path, jobs: int) -> dict:
    """Run one step in a fresh Python process, so that its peak memory is its own."""
    code = f"import json; from analysis.bench import run_step; from pathlib import Path; print(json.dumps(run_step({step!r}, Path({str(corpus)!r}), {jobs})))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=PROJECT_DIR)
    return json.loads(result.stdout.strip().splitlines()[-1])


def machine() -> str:
    """Describe this machine in one line."""
    import os

    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    memory = ""
    try:
        total = int(open("/proc/meminfo").read().split("MemTotal:")[1].split()[0]) / 1024**2
        memory = f", {total:.0f} GiB"
    except (OSError, IndexError, ValueError):
        pass
    return f"{platform.machine()}, {cores} cores{memory}, Python {platform.python_version()}, {platform.system()}"


def main(args) -> int:
    """Run the benchmark for each corpus size and print a table of medians."""
    results = []
    print(f"Machine: {machine()}; median of {args.repeat} runs per figure", flush=True)
    print(f"{'stories':>8} {'step':<14} {'sentences':>10} {'seconds':>8} {'sent./s':>9} {'peak MB':>8} {'worker MB':>9}", flush=True)
    with tempfile.TemporaryDirectory() as folder:
        for size in args.stories:
            corpus = synthetic_corpus(Path(folder), size)
            for step in args.steps or STEPS:
                runs = [_measure(step, corpus, args.jobs) for _ in range(args.repeat)]
                seconds = statistics.median(run["seconds"] for run in runs)
                row = {
                    "stories": size, "step": step if step != "pipeline_jobs" else f"pipeline x{args.jobs}",
                    "sentences": runs[0]["sentences"], "seconds": seconds, "sentences_per_second": runs[0]["sentences"] / seconds,
                    "peak_mb": statistics.median(run["peak_mb"] for run in runs),
                    "peak_worker_mb": statistics.median(run["peak_worker_mb"] for run in runs),
                }
                results.append(row)
                print(f"{size:>8} {row['step']:<14} {row['sentences']:>10} {seconds:>8.1f} {row['sentences_per_second']:>9.0f} "
                      f"{row['peak_mb']:>8.0f} {row['peak_worker_mb']:>9.0f}", flush=True)
            rates = {row["step"]: row["sentences_per_second"] for row in results if row["stories"] == size}
            if {"pipeline", "scoring", "textblob", f"pipeline x{args.jobs}"} - set(rates):
                continue
            print(f"{size:>8} pipeline / scoring throughput: {rates['pipeline'] / rates['scoring']:.2f}; "
                  f"pipeline / TextBlob: {rates['pipeline'] / rates['textblob']:.2f}; "
                  f"{args.jobs} processes / 1: {rates[f'pipeline x{args.jobs}'] / rates['pipeline']:.2f}", flush=True)
    if args.json:
        Path(args.json).write_text(json.dumps({"machine": machine(), "repeat": args.repeat, "results": results}, indent=2))
    return 0
