"""``framing score``: score a corpus into a CSV, JSON-lines or Parquet table."""

from __future__ import annotations

import sys
import time
from enum import StrEnum
from pathlib import Path
from typing import Annotated, TextIO

import typer

from framing.cli.options import (
    IgnoreOption,
    LexiconOption,
    ModelOption,
    SelectOption,
    parse_selectors,
)
from framing.errors import ExitCode

INTERRUPTED = 130  # 128 + SIGINT, what shells report for Ctrl-C


class TableFormatOption(StrEnum):
    CSV = "csv"
    JSONL = "jsonl"
    PARQUET = "parquet"


class GranularityOption(StrEnum):
    DOCUMENT = "document"
    SENTENCE = "sentence"


class EngineOption(StrEnum):
    LOCAL = "local"
    DASK = "dask"


class ProgressBar:
    """One self-rewriting line on stderr: done/total, documents per second, time left."""

    def __init__(self, total: int, stream: TextIO, interval: float = 0.25) -> None:
        self.total = total
        self.stream = stream
        self.interval = interval
        self.started = time.monotonic()
        self.first: int | None = None
        self.shown = 0.0

    def __call__(self, done: int) -> None:
        now = time.monotonic()
        if self.first is None:
            self.first, self.started = done, now
            return
        if now - self.shown < self.interval and done < self.total:
            return
        self.shown = now
        rate = (done - self.first) / max(now - self.started, 1e-9)
        left = (self.total - done) / rate if rate > 0 else 0.0
        share = 100 * done / self.total if self.total else 100.0
        eta = time.strftime("%H:%M:%S", time.gmtime(left))
        self.stream.write(
            f"\rscoring {done}/{self.total} documents ({share:.0f}%)  {rate:.1f} docs/s  ETA {eta} "
        )
        self.stream.flush()

    def finish(self) -> None:
        if self.first is not None:
            self.stream.write("\n")
            self.stream.flush()


def score(
    inputs: Annotated[
        list[str],
        typer.Argument(
            help="Directories (.txt, .md, .docx found recursively), files of those types, or "
            "tables of records: .jsonl, .csv, .tsv, .parquet.",
            show_default=False,
        ),
    ],
    out: Annotated[
        Path,
        typer.Option("--out", "-o", help="The table to write (.csv, .jsonl or .parquet)."),
    ],
    output_format: Annotated[
        TableFormatOption | None,
        typer.Option("--format", "-f", help="Table format (default: from --out's extension)."),
    ] = None,
    granularity: Annotated[
        GranularityOption, typer.Option(help="One row per document or per sentence.")
    ] = GranularityOption.DOCUMENT,
    text_field: Annotated[
        str, typer.Option(help="Field of JSONL/CSV/Parquet records holding the text.")
    ] = "text",
    id_field: Annotated[
        str | None,
        typer.Option(
            help="Field holding each record's id (default: 'id' when a record has one, else "
            "FILE:NUMBER)."
        ),
    ] = None,
    name_pattern: Annotated[
        str | None,
        typer.Option(
            help="Read fields from file names, e.g. '{country}_{session}_{year}' for "
            "USA_72_2017.txt; all-digit values become integers."
        ),
    ] = None,
    jobs: Annotated[
        int, typer.Option("--jobs", "-j", min=1, help="Worker processes (or local Dask workers).")
    ] = 1,
    engine: Annotated[
        EngineOption, typer.Option(help="Score in local processes or on a Dask cluster.")
    ] = EngineOption.LOCAL,
    scheduler: Annotated[
        str | None,
        typer.Option(
            help="Dask scheduler address (tcp://host:8786); implies --engine dask. Without "
            "it, --engine dask starts a local cluster of --jobs workers."
        ),
    ] = None,
    resume: Annotated[
        bool,
        typer.Option("--resume", help="Continue an interrupted run (or extend a finished --out)."),
    ] = False,
    progress: Annotated[
        bool | None,
        typer.Option(
            "--progress/--no-progress", help="Progress bar on stderr (default: when a terminal)."
        ),
    ] = None,
    sentiment: Annotated[
        bool,
        typer.Option(
            "--sentiment",
            help="Add TextBlob polarity and subjectivity columns (as in 'framing check --format "
            "json'); they cost about as much time as all the framing detectors.",
        ),
    ] = False,
    model: ModelOption = None,
    lexicon: LexiconOption = None,
    select: SelectOption = None,
    ignore: IgnoreOption = None,
) -> int:
    """Score a corpus: one row per document (or sentence) with words, sentences, the scores of
    'framing check' (tension and the five dimensions; polarity and subjectivity with
    --sentiment), a count per rule, framing_version, lexicon_version and error.

    Records that cannot be scored (invalid UTF-8, empty text, an unparsable line) become rows
    with 'error' set and the run goes on. The table appears only when the run is complete
    (written to a temporary file, then renamed); an interrupted run keeps its finished
    documents in .OUT.partial for --resume.

    Exit codes: 0 every record scored; 1 some records failed (rows with 'error'); 2 usage or
    input error; 130 interrupted.
    """
    from framing.corpus import Granularity, ScoreSettings, score_corpus
    from framing.corpus.records import Corpus, InputSpec
    from framing.corpus.writers import TableFormat
    from framing.runtime import leave_out_pytorch_unless_needed

    if scheduler is not None and engine is not EngineOption.DASK:
        engine = EngineOption.DASK
    settings = ScoreSettings(
        model=model,
        lexicons=tuple(str(p) for p in lexicon or ()),
        select=parse_selectors(select, "--select"),
        ignore=parse_selectors(ignore, "--ignore"),
        granularity=Granularity(granularity.value),
        sentiment=sentiment,
    )
    corpus = Corpus(inputs, InputSpec(text_field, id_field, name_pattern))
    leave_out_pytorch_unless_needed([model])
    show = sys.stderr.isatty() if progress is None else progress
    bar = ProgressBar(corpus.count(), sys.stderr) if show else None
    fmt = TableFormat(output_format.value) if output_format else None
    try:
        summary = score_corpus(
            corpus,
            out,
            settings,
            fmt=fmt,
            jobs=jobs,
            engine=engine.value,
            scheduler=scheduler,
            resume=resume,
            progress=bar,
        )
    except KeyboardInterrupt:
        if bar is not None:
            bar.finish()
        partial = out.with_name(f".{out.name}.partial")
        kept = (
            f"finished documents are kept in {partial}; run the same command with --resume "
            "to continue"
            if partial.exists()
            else "nothing was scored"
        )
        typer.echo(f"framing: interrupted; {kept}", err=True)
        return INTERRUPTED
    if bar is not None:
        bar.finish()
    if summary.discarded_partial:
        typer.echo("framing: note: replaced the partial output of an earlier run", err=True)
    resumed = f", {summary.resumed} from the earlier run" if summary.resumed else ""
    typer.echo(
        f"framing: scored {summary.documents} documents ({summary.failed} failed{resumed}) "
        f"into {summary.out}: {summary.rows} rows",
        err=True,
    )
    return int(ExitCode.FINDINGS if summary.failed else ExitCode.OK)
