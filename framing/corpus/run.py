"""``framing score`` as a function: read, score in order, journal, publish.

Records are grouped into chunks of a bounded size, scored by an engine that returns them in
order, appended to the journal, and finally published as one table. ``resume`` first replays
what the journal (or a finished output) already holds, checking record by record that it came
from the same inputs, so a resumed run has neither duplicates nor gaps.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from framing.corpus.engines import Engine, engine_for
from framing.corpus.records import Column, Corpus, Record, error_text
from framing.corpus.scorer import (
    Item,
    ScoreSettings,
    location_columns,
    measure_columns,
)
from framing.corpus.writers import (
    Journal,
    TableFormat,
    check_format_available,
    format_for,
    group_by_id,
    publish,
    read_table,
)
from framing.errors import FramingError

CHUNK_CHARS = 100_000
CHUNK_RECORDS = 64


@dataclass(frozen=True)
class ScoreSummary:
    """What a run did: documents in the output, of which failed and taken from before."""

    out: Path
    documents: int
    rows: int
    failed: int
    resumed: int
    discarded_partial: bool


@dataclass(frozen=True)
class Layout:
    """The output's columns, and the names carried fields are written under."""

    columns: tuple[Column, ...]
    carried: dict[str, str]


def layout(carried: Iterable[Column], settings: ScoreSettings) -> Layout:
    """Columns in output order; a carried field whose name is taken becomes ``input_NAME``."""
    location = location_columns(settings.granularity)
    head = [Column("id", "string"), *(Column(n, k) for n, k in location)]
    tail = [
        *(Column(n, k) for n, k in measure_columns(settings)),
        Column("framing_version", "string"),
        Column("lexicon_version", "string"),
        Column("error", "string"),
    ]
    taken = {c.name for c in (*head, *tail)}
    names: dict[str, str] = {}
    middle = []
    for column in carried:
        name = column.name
        while name in taken:
            name = f"input_{name}"
        taken.add(name)
        names[column.name] = name
        middle.append(Column(name, column.kind))
    return Layout((*head, *middle, *tail), names)


def chunked(records: Iterable[Record]) -> Iterator[tuple[list[Record], list[Item]]]:
    """Records in groups of bounded size, with the texts of those that can be scored."""
    chunk: list[Record] = []
    texts: list[Item] = []
    size = 0
    for record in records:
        chunk.append(record)
        if record.text is not None:
            texts.append((record.text, record.directives))
            size += len(record.text)
        if size >= CHUNK_CHARS or len(chunk) >= CHUNK_RECORDS:
            yield chunk, texts
            chunk, texts, size = [], [], 0
    if chunk:
        yield chunk, texts


class RowMaker:
    """Assembles output rows: id, carried fields, measures, versions and error."""

    def __init__(self, names: dict[str, str], versions: dict[str, str]) -> None:
        self.names = names
        self.versions = versions

    def _base(self, record: Record) -> dict[str, Any]:
        row: dict[str, Any] = {"id": record.id}
        for key, value in record.fields.items():
            row[self.names.get(key, key)] = value
        return row

    def scored(self, record: Record, measured: list[dict[str, Any]]) -> list[dict[str, Any]]:
        if not measured:
            return self.failed(record, error_text(FramingError("E158")))
        base = self._base(record)
        return [{**base, **values, **self.versions, "error": None} for values in measured]

    def failed(self, record: Record, error: str) -> list[dict[str, Any]]:
        return [{**self._base(record), **self.versions, "error": error}]


def _header(settings: ScoreSettings, corpus: Corpus, columns: Iterable[Column]) -> dict[str, Any]:
    return {
        "columns": [[c.name, c.kind] for c in columns],
        "granularity": settings.granularity.value,
        "model": settings.model,
        "lexicons": list(settings.lexicons),
        "builtin_lexicons": settings.builtin_lexicons,
        "select": list(settings.select),
        "ignore": list(settings.ignore),
        "text_field": corpus.spec.text_field,
        "id_field": corpus.spec.id_field,
        "name_pattern": corpus.spec.name_pattern,
    }


def _seed_from_output(
    journal: Journal, out: Path, fmt: TableFormat, columns: tuple[Column, ...], versions: dict
) -> None:
    """Turn a finished output into a journal, so a run can be extended by new records."""
    journal.start()
    for document_id, rows in group_by_id(read_table(out, fmt, columns)):
        for key, value in versions.items():
            if rows[0].get(key) != value:
                reason = f"it was made with {key} {rows[0].get(key)}, this run uses {value}"
                raise FramingError("E163", path=out, reason=reason)
        journal.append(document_id, rows)


def _replay(
    previous: Iterable[tuple[str, list[dict[str, Any]]]], records: Iterator[Record], path: Path
) -> tuple[int, int]:
    """Match what is already done against the inputs; returns (documents, failed)."""
    done = failed = 0
    for document_id, rows in previous:
        record = next(records, None)
        if record is None or record.id != document_id:
            found = "nothing" if record is None else f"'{record.id}'"
            reason = (
                f"document {done + 1} is '{document_id}' there but {found} in the inputs; "
                "the inputs changed"
            )
            raise FramingError("E163", path=path, reason=reason)
        done += 1
        failed += rows[0].get("error") is not None
    return done, failed


class ScoreRun:
    """The state of one run: the journal, and how many documents are done and failed."""

    def __init__(self, journal: Journal, maker: RowMaker, progress: Callable[[int], None] | None):
        self.journal = journal
        self.maker = maker
        self.progress = progress
        self.done = self.failed = self.resumed = self.scored = 0

    def replay(self, records: Iterator[Record]) -> None:
        self.resumed, self.failed = _replay(self.journal.resume(), records, self.journal.path)
        self.done = self.resumed

    def score(self, runner: Engine, records: Iterator[Record]) -> None:
        """Score the remaining records in order, journaling each document as it is done."""
        for chunk, result in runner.map(chunked(records)):
            if result.fatal is not None:
                code, fields = result.fatal
                raise FramingError(code, **fields)
            outcomes = iter(result.outcomes)
            for record in chunk:
                outcome = record.error if record.error is not None else next(outcomes)
                rows = (
                    self.maker.failed(record, outcome)
                    if isinstance(outcome, str)
                    else self.maker.scored(record, outcome)
                )
                self.journal.append(record.id, rows)
                self.failed += rows[0]["error"] is not None
                self.done += 1
                self.scored += 1
                if self.progress is not None:
                    self.progress(self.done)
            self.journal.flush()


def score_corpus(
    corpus: Corpus,
    out: Path,
    settings: ScoreSettings | None = None,
    *,
    fmt: TableFormat | None = None,
    jobs: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
    resume: bool = False,
    progress: Callable[[int], None] | None = None,
) -> ScoreSummary:
    """Score every record of ``corpus`` into the table ``out``.

    >>> corpus = Corpus(["corpora/un_general_debate/PRK_72_2017.txt"])
    >>> score_corpus(corpus, Path("/tmp/scores.csv")).failed
    0
    """
    from framing import __version__
    from framing.lexicons import load_lexicon

    settings = settings or ScoreSettings()
    if any(path.resolve() == out.resolve() for path in corpus.paths()):
        raise FramingError("E169", path=out)
    table_format = format_for(out, fmt)
    check_format_available(table_format)
    lexicon = load_lexicon([Path(p) for p in settings.lexicons], builtin=settings.builtin_lexicons)
    versions = {"framing_version": __version__, "lexicon_version": lexicon.version}
    shape = layout(corpus.columns(), settings)
    journal = Journal(out, {**_header(settings, corpus, shape.columns), **versions})
    found = journal.lock()
    run = ScoreRun(journal, RowMaker(shape.carried, versions), progress)
    records = iter(corpus.records())
    try:
        seeded = resume and not found and out.exists()
        if seeded:
            _seed_from_output(journal, out, table_format, shape.columns, versions)
        runner = engine_for(settings, jobs=jobs, engine=engine, scheduler=scheduler)
        try:
            if resume and (found or seeded):
                run.replay(records)
            else:
                journal.start()
            run.score(runner, records)
        finally:
            runner.close()
        count = publish(journal.rows(), out, table_format, shape.columns)
        journal.remove()
    except BaseException:
        if not found and not run.scored:
            journal.remove()  # nothing worth resuming from: leave no trace
        raise
    finally:
        journal.release()
    return ScoreSummary(out, run.done, count, run.failed, run.resumed, found and not resume)
