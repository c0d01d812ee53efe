"""The command line: ``python -m analysis COMMAND ...``; ``--help`` documents each command."""

from __future__ import annotations

import argparse
import signal
import sys
import tempfile
import warnings
from pathlib import Path

from .table.bench import STEPS
from .errors import InputError, InputWarning, Skipped

DAYFIRST_HELP = ("numeric dates put the day first (05/11/2004 is 5 November); --no-dayfirst: the month first. Default: "
                 "told from each file's own dates, and a file whose dates do not tell is reported and its numeric dates left empty")
FRAMES_HELP = "the frames of the table's frames column: a set in data/framing (generic, the default; seed) or a folder in the same format"


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line, without the usage block."""

    def error(self, message: str) -> None:
        self.exit(2, f"error: {message} (see {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser with one subcommand per task."""
    parser = _Parser(
        prog="python -m analysis",
        description="Framing and stance analysis of news articles: one row per sentence, "
        "with speaker, source type, reporting cue, quotation kind, sentiment and frames.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND", parser_class=_Parser)
    tab = commands.add_parser(
        "tabulate",
        help="write the sentence table of articles as CSV or Parquet",
        description="Write the sentence table of the articles at PATH: text files (one "
        "article each unless the manifest splits them), folders of them, or CSV/JSONL "
        "tables of articles with the columns id, title, outlet, date, text. Rows are "
        "written as stories are coded, so memory stays flat on large corpora.",
    )
    tab.add_argument("paths", nargs="+", metavar="PATH", help="a .txt file, a folder, a .csv/.jsonl table of articles, or - for one article on standard input")
    tab.add_argument("--stories", metavar="MANIFEST", help="a CSV or YAML manifest that names the stories of each text file")
    tab.add_argument("--out", required=True, metavar="FILE", help="where to write the table: .csv, .parquet for large tables, or - for CSV on standard output; "
                     "an earlier file there is replaced only when the run succeeds")
    tab.add_argument("--codebook", metavar="FOLDER", help="a codebook folder to use instead of data/codebook")
    tab.add_argument("--frames", metavar="SET", help=FRAMES_HELP)
    tab.add_argument("--dayfirst", action=argparse.BooleanOptionalAction, default=None, help=DAYFIRST_HELP)
    tab.add_argument("--jobs", type=int, default=1, metavar="N", help="code stories in N local processes (0: one per core; default 1)")
    tab.add_argument("--scheduler", metavar="ADDRESS", help="code stories on the Dask cluster at ADDRESS (tcp://host:8786); needs the 'dask' extra")
    tab.add_argument("--quiet", action="store_true", help="no progress bar (it is also hidden when not on a terminal)")
    tab.add_argument(
        "--corpus-types", action=argparse.BooleanOptionalAction, default=True,
        help="a speaker that a story leaves without evidence takes the type that the run's other stories give it by the same "
        "name, or by a surname unique in its outlet (typed_by 'corpus'; the default); --no-corpus-types types each story alone",
    )
    tab.add_argument(
        "--keep-going", action=argparse.BooleanOptionalAction, default=True,
        help="leave out files and articles that cannot be read, go on with the rest, list them at the end and "
        "exit with status 1 (the default); --no-keep-going stops at the first one with status 2",
    )

    gaps = commands.add_parser(
        "gaps",
        help="list the speakers the codebook could not type, to add them to it",
        description="List the speakers of a sentence table typed 'unclassified' (the codebook had "
        "no evidence) or 'public' (worth a second look), most sentences first, with how the stories "
        "describe them and an example sentence. The CSV has the columns of data/codebook/people.csv "
        "first: fill in source_type and append the rows to people.csv (rows left without a type are "
        "skipped); for a word that describes many speakers ('insurer', 'critics'), add it to roles.csv.",
    )
    gaps.add_argument("table", metavar="TABLE", help="a sentence table written by tabulate (.csv or .parquet)")
    gaps.add_argument("--out", metavar="FILE", help="write the list as CSV to FILE (default: print the top rows)")
    gaps.add_argument("--types", nargs="+", default=["unclassified", "public"], choices=["unclassified", "public"],
                      help="which types to list (default: unclassified public)")
    gaps.add_argument("--top", type=int, default=25, metavar="N", help="rows to print when there is no --out (default 25)")
    gaps.add_argument(
        "--from-sheet", metavar="SHEET",
        help="instead, propose people.csv rows from a filled coding sheet of TABLE (python -m analysis sample): the named "
        "speakers the coder typed where the program left the sentence unclassified or typed it otherwise, with the coder's "
        "type and the sheet's fingerprint (from_sheet); review them and append them to people.csv. A sheet that taught the "
        "codebook must not also correct estimates: draw another one for that",
    )
    gaps.add_argument("--frames", metavar="SET", help="with --from-sheet: " + FRAMES_HELP + " (the sheet's frames column is checked against it)")

    targets = commands.add_parser(
        "targets",
        help="propose the entities a corpus mentions most as a targets.csv to edit",
        description="Count the sentences of a table that mention each state or bloc, listed organization, "
        "listed person (aliases merged) or other run of capitalized words, and write the most frequent as "
        "a targets.csv (target, alias) to edit and copy to data/framing/targets.csv. The seed's targets "
        "are for the seed: a corpus about other places and firms needs its own.",
    )
    targets.add_argument("table", metavar="TABLE", help="a sentence table written by tabulate or report (.csv or .parquet)")
    targets.add_argument("--top", type=int, default=30, help="how many targets (default 30)")
    targets.add_argument("--out", metavar="FILE", help="write the targets.csv to FILE (default: print it)")

    sample = commands.add_parser(
        "sample",
        help="draw a sample of sentences to hand-code (its design recorded), or plan how many to code",
        description="Draw a probability sample of the sentences of a table and write it as a coding sheet: story, "
        "offsets, the sentence and the one before it, its stratum and inclusion probability, and blank is_heading, "
        "source_type, speaker, frames and note columns (the program's own codes are left out). Sentences are drawn at "
        "random within each combination of the --by columns, an equal number from each as far as each has sentences; "
        "--unit story draws whole stories instead. Stratifying by the program's own source_type oversamples rare types: "
        "the recorded probabilities keep 'estimate' unbiased. Code the sheet by data/codebook/README.md, then give it "
        "to 'estimate' or to the notebooks as CODING. With --plan, say instead how many sentences to code in each "
        "outlet for corrected shares within --half-width.",
    )
    sample.add_argument("table", metavar="TABLE", help="a sentence table written by tabulate or report (.csv or .parquet)")
    sample.add_argument("--n", type=int, default=200, help="units to draw: sentences, or stories with --unit story (default 200)")
    sample.add_argument("--unit", choices=["sentence", "story"], default="sentence", help="draw sentences (the default) or whole stories")
    sample.add_argument("--seed", type=int, default=1, help="the draw's seed: the same seed draws the same sample (default 1)")
    sample.add_argument("--by", default="outlet", help="columns to stratify by, separated by commas (default outlet; e.g. outlet,source_type)")
    sample.add_argument("--out", metavar="FILE", help="where to write the sheet (.csv); with --plan, the plan")
    sample.add_argument("--plan", action="store_true", help="say how many sentences to code in each outlet (or --by column) instead of drawing")
    sample.add_argument("--half-width", type=float, default=0.05, metavar="H", help="with --plan: the largest interval half-width wanted for a source type's share (default 0.05)")
    sample.add_argument("--error-rate", type=float, metavar="E", help="with --plan: the share of sentences the program types wrongly (default: measured on --coding, else the validation batches' pooled rate)")
    sample.add_argument("--coding", metavar="SHEET", help="with --plan: a filled coding sheet of this table, to measure the error rate per type")

    estimate = commands.add_parser(
        "estimate",
        help="correct the table's shares and means by a hand-coded sample, with intervals",
        description="Estimate each source type's share of sentences, the mean tone (VADER, TextBlob polarity) of each "
        "source type and each frame's share of sentences, overall (group 'all') and per value of --by: the program's "
        "naive value, and the value corrected by a filled coding sheet (drawn by 'sample') with its 95% interval. "
        "The method is design-based supervised learning with story-clustered intervals (docs/estimates.md, 'Numbers you "
        "can publish'). Where a group has too few coded sentences, no corrected value is given and 'method' says why.",
    )
    estimate.add_argument("table", metavar="TABLE", help="a sentence table written by tabulate or report (.csv or .parquet)")
    estimate.add_argument("--coding", required=True, metavar="SHEET", help="a filled coding sheet of this table (.csv)")
    estimate.add_argument("--by", metavar="COLUMN", help="a column to estimate within each value of (outlet, period, or any column of the table)")
    estimate.add_argument("--frames", metavar="SET", help="the frame set of the table's frames column (default generic)")
    estimate.add_argument("--out", required=True, metavar="FILE", help="where to write the estimates (.csv, or - for standard output)")

    report = commands.add_parser(
        "report",
        help="tabulate a corpus and run every notebook on it, into the run's own folder",
        description="Reproduce a run: tabulate the corpus, then execute every numbered notebook with it "
        "and save each as HTML. Without CORPUS the run is what settings.yaml says (the seed by default). "
        "The seed's results go to data/processed, data/figures and data/reports; any other run's to "
        "data/runs/NAME/, so runs never overwrite each other.",
    )
    report.add_argument("corpus", nargs="?", metavar="CORPUS", help="a .txt file, a folder, or a .csv/.jsonl table of articles")
    report.add_argument("--stories", metavar="MANIFEST", help="a manifest that names the stories of each text file")
    report.add_argument("--name", metavar="NAME", help="the run's name (default: the corpus's file or folder name)")
    report.add_argument("--frames", metavar="SET", help=FRAMES_HELP)
    report.add_argument("--coding", metavar="SHEET", help="a filled coding sheet of the run's sentences (drawn by 'sample'): the notebooks then "
                        "draw corrected estimates beside the program's own")
    report.add_argument("--dayfirst", action=argparse.BooleanOptionalAction, default=None, help=DAYFIRST_HELP + " (or dayfirst: in settings.yaml)")
    report.add_argument("--jobs", type=int, default=1, metavar="N", help="tabulate in N local processes (0: one per core; default 1)")
    report.add_argument("--tabulate-only", action="store_true", help="write the run's sentence table and stop")

    bench = commands.add_parser(
        "bench",
        help="measure throughput, CPU time and peak memory on real news (or generated news)",
        description="Measure each step and the whole pipeline on real news (the BBC articles in ../shared, else "
        "generated news whose sentences hardly repeat): sentences per second, wall and CPU time, peak memory, and the "
        "pipeline's throughput against TextBlob and VADER called the usual way.",
    )
    bench.add_argument("--stories", type=int, nargs="+", default=[1000, 10000], metavar="N", help="corpus sizes, in stories (default 1000 10000)")
    bench.add_argument("--repeat", type=int, default=3, metavar="R", help="runs of each measurement; the median is reported (default 3)")
    bench.add_argument("--jobs", type=int, default=2, metavar="N", help="processes for the parallel measurement (default 2)")
    bench.add_argument("--steps", nargs="+", choices=list(STEPS),
                       metavar="STEP", help=f"measure only these steps (default: all): {' '.join(STEPS)}")
    bench.add_argument("--corpus", choices=["real", "generated", "seed"], default="real",
                       help="real: the first N BBC articles of ../shared/corpora/bbc when there, else generated (default); generated: "
                            "news generated from templates, sentences not repeated; seed: the seed's stories repeated (flatters caches)")
    bench.add_argument("--json", metavar="FILE", help="also write the results as JSON")
    bench.add_argument("--write-corpus", metavar="FOLDER", help="instead, write generated news of --stories stories as a JSONL table in FOLDER "
                       "(to time a whole report on it)")
    bench.add_argument("--outlets", type=int, default=6, metavar="N", help="with --write-corpus: outlets the stories are spread over (default 6)")
    bench.add_argument("--days", type=int, default=730, metavar="D", help="with --write-corpus: days their dates are spread over (default 730)")
    return parser


def _show_warning(message, category, *_args, **_kwargs) -> None:
    """Print a warning as one line, "warning: ...", on standard error."""
    print(f"warning: {message}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status (0 done, 1 done but something was
    left out, 2 stopped by an error in the input or the options)."""
    args = build_parser().parse_args(argv)
    warnings.showwarning = _show_warning
    warnings.simplefilter("always", InputWarning)
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        if args.command == "tabulate":
            return _tabulate(args)
        if args.command == "gaps":
            return _gaps(args)
        if args.command == "report":
            return _report(args)
        if args.command == "sample":
            return _sample(args)
        if args.command == "estimate":
            return _estimate(args)
        if args.command == "targets":
            return _targets(args)
        if args.command == "bench":
            from .table.bench import main as bench_main

            return bench_main(args)
    except InputError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted: nothing was written, and earlier outputs are as they were", file=sys.stderr)
        return 130
    return 0


def _interrupt(signum, frame) -> None:
    """Treat SIGTERM as Ctrl-C, so that the run stops the same clean way."""
    raise KeyboardInterrupt


def _tabulate(args) -> int:
    """Run ``tabulate``: check the inputs, then stream the table to the output file;
    return the exit status."""
    from .measures.frames import frame_set_folder
    from .table.tabulate import check_table_suffix

    _jobs(args.jobs)
    check_table_suffix(args.out)
    with tempfile.TemporaryDirectory() as folder:
        paths = [_standard_input(Path(folder)) if path == "-" else path for path in args.paths]
        _check_inputs(paths, args.stories, args.out)
        try:
            frame_set = str(frame_set_folder(args.frames))
        except ValueError as error:
            raise InputError(str(error)) from None
        return _write_table(args, paths, frame_set)


def _standard_input(folder: Path) -> Path:
    """Save the article on standard input as ``stdin.txt`` in ``folder``."""
    text = sys.stdin.read()
    if not text.strip():
        raise InputError("-: standard input is empty; pipe an article in (cat article.txt | python -m analysis tabulate - --out x.csv)")
    path = folder / "stdin.txt"
    path.write_text(text, encoding="utf-8")
    return path


def _check_inputs(paths: list, stories: str | None, out: str) -> None:
    """Check the inputs before any output is opened: every path exists, the manifest
    reads, and the output is none of them."""
    from .corpus.read import expand_paths
    from .corpus.stories import read_manifest

    files = expand_paths(paths)
    if stories:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # the run warns about the manifest's dates
            read_manifest(stories)
        files.append(Path(stories))
    if out != "-" and any(Path(out).resolve() == file.resolve() for file in files):
        raise InputError(f"{out}: this is also an input; write the table somewhere else")


def _write_table(args, paths: list, frame_set: str) -> int:
    """Tabulate ``paths`` into ``args.out`` with the frames of ``frame_set`` (a folder);
    return the exit status."""
    from .corpus.furniture import add_summaries, describe, print_furniture, summary
    from .table.run import chunks, write_run
    from .report.summarise import typing_coverage

    jobs = _jobs(args.jobs)
    skipped: list[Skipped] | None = [] if args.keep_going else None
    client = _dask_client(args.scheduler) if args.scheduler else None
    stories = set()
    coverage = {"attributed": 0, "typed": 0}
    furniture = summary(pd_empty())
    def count(piece):
        nonlocal furniture
        stories.update(piece["story_id"].unique())
        for key, number in typing_coverage(piece).items():
            coverage[key] += number
        for key, number in piece["typed_by"].astype("object").value_counts().items():
            typed_by[key] = typed_by.get(key, 0) + int(number)
        furniture = add_summaries(furniture, summary(piece))

    typed_by: dict[str, int] = {}
    try:
        work = chunks(paths, args.stories, args.codebook, skipped=skipped, frame_set=frame_set, dayfirst=args.dayfirst)
        rows = write_run(work, args.out, jobs=jobs, client=client, progress=False if args.quiet else None,
                         corpus_types=args.corpus_types, codebook=args.codebook, frame_set=frame_set, on_piece=count)
    finally:
        if client is not None:
            client.close()
    print(f"wrote {rows} sentences of {len(stories)} stories to {args.out}", file=sys.stderr)
    print_furniture(describe(furniture))
    attributed = coverage["attributed"]
    share = f" ({coverage['typed'] / attributed:.0%})" if attributed else ""
    lent = f", {typed_by['corpus']} of them by the evidence of other stories of the run" if typed_by.get("corpus") else ""
    print(
        f"typed {coverage['typed']} of {attributed} attributed sentences{share}{lent}; "
        f"list the rest with: python -m analysis gaps {args.out}",
        file=sys.stderr,
    )
    if skipped:
        print(f"left out {len(skipped)} file(s) or article(s):", file=sys.stderr)
        for left_out in skipped:
            print(f"  {left_out.message}", file=sys.stderr)
        return 1
    return 0


def pd_empty():
    """An empty sentence table, to add furniture summaries to."""
    from .table.tabulate import to_frame

    return to_frame([])


def _report(args) -> int:
    """Run ``report``: tabulate the run and execute the notebooks into its folder."""
    from .report.notebooks import make_report
    from .report.settings import current_run

    jobs = _jobs(args.jobs)
    run = current_run(args.corpus, args.stories, args.name, args.frames, dayfirst=args.dayfirst, coding=args.coding)
    make_report(run, jobs=jobs, tabulate_only=args.tabulate_only)
    return 0


def _jobs(value: int) -> int:
    """The number of local processes ``--jobs`` asks for (0: one per core), or
    ``InputError`` for a negative one."""
    from .table.run import default_jobs

    if value < 0:
        raise InputError(f"--jobs must be 0 (one per core) or more, not {value}")
    return default_jobs() if value == 0 else value


def _input_table(path: str):
    """The sentence table at ``path`` (CSV or Parquet), or ``InputError`` when there is
    no such file."""
    from .table.tabulate import read_table

    if not Path(path).is_file():
        raise InputError(f"{path}: no such file; give a table written by 'python -m analysis tabulate'")
    return read_table(path)


def _targets(args) -> int:
    """Run ``targets``: propose a targets.csv from the entities a table mentions most."""
    import csv
    import io

    from .datafiles import atomic_output
    from .measures.frames import propose_targets
    from .report.summarise import coded_sentences

    table = _input_table(args.table)
    rows = propose_targets(coded_sentences(table)["text"].astype(str), top=args.top)
    sheet = io.StringIO()
    writer = csv.writer(sheet)
    writer.writerow(["target", "alias"])
    writer.writerows([target, alias] for target, alias, _ in rows)
    if not args.out:
        sys.stdout.write(sheet.getvalue())
        return 0
    with atomic_output(args.out) as temporary:
        temporary.write_text(
            "# Targets proposed by 'python -m analysis targets' (sentences that mention each, most first): edit, then copy to data/framing/targets.csv\n"
            + sheet.getvalue(),
            encoding="utf-8",
        )
    print(f"wrote {len({target for target, _, _ in rows})} targets to {args.out}", file=sys.stderr)
    return 0


def _sample(args) -> int:
    """Run ``sample``: write a coding sheet of a table's sentences, or with ``--plan`` say
    how many to code."""
    from .datafiles import write_csv
    from .report.sampling import coding_sheet

    if args.n < 1:
        raise InputError(f"--n must be 1 or more, not {args.n}")
    table = _input_table(args.table)
    by = tuple(column.strip() for column in args.by.split(",") if column.strip())
    if args.plan:
        return _plan(args, table, by)
    if not args.out:
        raise InputError("sample needs --out FILE for the sheet (or --plan to plan how many to code)")
    try:
        sheet = coding_sheet(table, args.n, by, args.seed, args.unit)
    except ValueError as error:
        raise InputError(f"--by: {error}") from None
    write_csv(sheet, args.out)
    print(f"wrote {len(sheet)} sentences of {sheet['story_id'].nunique()} stories to {args.out}; "
          "code is_heading, source_type and speaker (and frames, if you correct frame shares) by data/codebook/README.md, "
          f"then: python -m analysis estimate {args.table} --coding {args.out} --by outlet --out estimates.csv", file=sys.stderr)
    return 0


def _plan(args, table, by: tuple[str, ...]) -> int:
    """Print (or write) how many sentences to code per group for ``--half-width``."""
    from .datafiles import write_csv
    from .report.estimates import plan_sample

    if len(by) > 1:
        raise InputError("--plan takes one --by column (default outlet)")
    if not 0 < args.half_width < 1:
        raise InputError(f"--half-width is a share between 0 and 1, not {args.half_width}")
    column = by[0] if by and by[0] in table else None
    plan = plan_sample(table, args.half_width, error_rate=args.error_rate, coding=args.coding, by=column)
    if args.out:
        write_csv(plan, args.out)
        print(f"wrote the plan to {args.out}", file=sys.stderr)
    else:
        print(plan.to_string(index=False))
    print(f"to code {int(plan['to_code'].fillna(0).sum())} sentences in all for source-type shares within ±{args.half_width} "
          f"(95%); draw them with: python -m analysis sample {args.table} --n N --by {column or 'outlet'} --out sheet.csv", file=sys.stderr)
    return 0


def _estimate(args) -> int:
    """Run ``estimate``: naive and corrected estimates from a filled coding sheet."""
    from .datafiles import write_csv
    from .report.estimates import estimate
    from .report.summarise import with_period

    table = _input_table(args.table)
    if args.by == "period" and "period" not in table:
        table, _ = with_period(table)
    if args.by and args.by not in table:
        raise InputError(f"--by: no column {args.by!r} in {args.table} (its columns: {', '.join(table.columns)}, or period)")
    result = estimate(table, args.coding, by=args.by, frames=_frame_names(args.frames))
    if args.out == "-":
        result.to_csv(sys.stdout, index=False)
    else:
        write_csv(result, args.out)
    corrected = result["method"].str.startswith("DSL").sum()
    print(f"{corrected} of {len(result)} estimates corrected by {int(result.loc[result['group'] == 'all', 'coded'].max())} coded sentences"
          f"{'' if args.out == '-' else f'; written to {args.out}'}", file=sys.stderr)
    for reason, count in result.loc[result["method"].str.startswith("none"), "method"].value_counts().head(5).items():
        print(f"  {count} without a corrected value: {reason[6:]}", file=sys.stderr)
    return 0


def _gaps(args) -> int:
    """Run ``gaps``: list the speakers typed unclassified or public in a table."""
    from .report.summarise import codebook_gaps, typing_coverage
    from .datafiles import write_csv

    table = _input_table(args.table)
    if args.from_sheet:
        return _gaps_from_sheet(args, table)
    gaps = codebook_gaps(table, tuple(args.types))
    coverage = typing_coverage(table)
    conflicting = int(gaps["typed_as"].astype(str).str.startswith("conflict:").sum()) if len(gaps) else 0
    print(f"{len(gaps)} speakers in {int(gaps['sentences'].sum()) if len(gaps) else 0} sentences "
          f"({', '.join(args.types)}{f', and {conflicting} that different stories type differently (typed_as: conflict)' if conflicting else ''}); "
          f"typed {coverage['typed']} of {coverage['attributed']} attributed sentences", file=sys.stderr)
    if args.out:
        write_csv(gaps, args.out)
        print(f"wrote {args.out}: fill in source_type and append the rows to data/codebook/people.csv", file=sys.stderr)
    else:
        print(gaps.drop(columns=["aliases", "source_type"]).head(args.top).to_string(index=False, max_colwidth=50))
    return 0


def _frame_names(frame_set: str | None) -> tuple[str, ...]:
    """The frame names of ``frame_set`` (``--frames``), an unknown set being an input error."""
    from .measures.frames import load_vocabulary

    try:
        return tuple(load_vocabulary(frame_set=frame_set).frames)
    except ValueError as error:
        raise InputError(str(error)) from None


def _gaps_from_sheet(args, table) -> int:
    """Run ``gaps --from-sheet``: propose people.csv rows from a filled coding sheet."""
    from .datafiles import write_csv
    from .report.sampling import read_coding_sheet
    from .report.summarise import codebook_rows_from_sheet

    sample = read_coding_sheet(args.from_sheet, table, frame_names=_frame_names(args.frames))
    proposed = codebook_rows_from_sheet(table, sample)
    print(f"{len(proposed)} named speaker(s) in {int(proposed['sentences'].sum()) if len(proposed) else 0} coded sentences that the "
          f"program left unclassified or typed otherwise; sheet fingerprint {sample.fingerprint}", file=sys.stderr)
    for message in sample.messages:
        print(message, file=sys.stderr)
    if args.out:
        write_csv(proposed, args.out)
        print(f"wrote {args.out}: review the rows and append them to data/codebook/people.csv; then use another sheet, "
              "not this one, to correct estimates", file=sys.stderr)
    else:
        print(proposed.drop(columns=["from_sheet"]).head(args.top).to_string(index=False, max_colwidth=50))
    return 0


def _dask_client(address: str):
    """Connect to the Dask scheduler at ``address``, or raise ``InputError`` saying why not."""
    try:
        from dask.distributed import Client
    except ImportError:
        raise InputError("--scheduler needs Dask: pip install 'framing-analysis[dask]'") from None
    try:
        return Client(address, timeout="10s")
    except (OSError, TimeoutError) as error:
        raise InputError(f"cannot reach the Dask scheduler at {address}: {error}") from None
