"""Output tables, written so that no run leaves a half-written file behind.

While a run is going, finished documents are appended to a *journal* next to the output
(``.NAME.partial``, JSON lines, one line per document, flushed as chunks complete). Only when
every record is done is the table written — to a temporary file in the same directory, then
renamed over the output with ``os.replace`` — and the journal removed. An interrupted run thus
leaves the old output untouched and a journal that ``--resume`` continues from: a torn last line
is cut off, every complete line is kept.
"""

from __future__ import annotations

import csv
import json
import os
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from enum import StrEnum
from pathlib import Path
from typing import IO, Any

from framing.corpus.records import Column, require
from framing.errors import FramingError

JOURNAL_VERSION = 1
PARQUET_ROWS_PER_GROUP = 2048


class TableFormat(StrEnum):
    CSV = "csv"
    JSONL = "jsonl"
    PARQUET = "parquet"


SUFFIX_FORMATS = {
    ".csv": TableFormat.CSV,
    ".jsonl": TableFormat.JSONL,
    ".ndjson": TableFormat.JSONL,
    ".parquet": TableFormat.PARQUET,
    ".pq": TableFormat.PARQUET,
}


def format_for(path: Path, explicit: TableFormat | None = None) -> TableFormat:
    """The table format named by ``--format``, else by the file's extension."""
    if explicit is not None:
        return explicit
    try:
        return SUFFIX_FORMATS[path.suffix.lower()]
    except KeyError:
        raise FramingError("E167", path=path) from None


def check_format_available(fmt: TableFormat) -> None:
    """Fail before scoring, not after, when Parquet support is not installed."""
    if fmt is TableFormat.PARQUET:
        require("pyarrow.parquet", "writing Parquet")


def to_kind(value: Any, kind: str, *, native: bool = False) -> Any:
    """A value as its column's kind; ``native`` keeps JSON structures (for JSON lines)."""
    if value is None:
        return None
    if kind == "json":
        if native or not isinstance(value, dict | list):
            return value if native else str(value)
        return json.dumps(value, ensure_ascii=False, default=str)
    if kind == "string":
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, dict | list):
            return json.dumps(value, ensure_ascii=False, default=str)
        return value if isinstance(value, str) else str(value)
    if kind == "int":
        return int(value)
    if kind == "float":
        return float(value)
    return bool(value)


def from_text(value: str, kind: str) -> Any:
    """Read back a CSV cell written by :func:`csv_cell`."""
    if value == "":
        return None
    if kind == "int":
        return int(value)
    if kind == "float":
        return float(value)
    if kind == "bool":
        return value == "true"
    if kind == "json" and value[:1] in "[{":
        return json.loads(value)
    return value


def csv_cell(value: Any, kind: str) -> str:
    converted = to_kind(value, kind)
    if converted is None:
        return ""
    if isinstance(converted, bool):
        return "true" if converted else "false"
    return str(converted)


def _write_csv(handle: IO[str], rows: Iterable[dict[str, Any]], columns: Sequence[Column]) -> int:
    writer = csv.writer(handle, lineterminator="\n")
    writer.writerow([c.name for c in columns])
    count = 0
    for row in rows:
        writer.writerow([csv_cell(row.get(c.name), c.kind) for c in columns])
        count += 1
    return count


def _write_jsonl(handle: IO[str], rows: Iterable[dict[str, Any]], columns: Sequence[Column]) -> int:
    count = 0
    for row in rows:
        data = {c.name: to_kind(row.get(c.name), c.kind, native=True) for c in columns}
        handle.write(json.dumps(data, ensure_ascii=False) + "\n")
        count += 1
    return count


def arrow_schema(columns: Sequence[Column]) -> Any:
    import pyarrow as pa

    types = {
        "string": pa.string(),
        "json": pa.string(),
        "int": pa.int64(),
        "float": pa.float64(),
        "bool": pa.bool_(),
    }
    return pa.schema([pa.field(c.name, types[c.kind]) for c in columns])


def _write_parquet(path: Path, rows: Iterable[dict[str, Any]], columns: Sequence[Column]) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = arrow_schema(columns)
    count = 0
    batch: list[dict[str, Any]] = []
    with pq.ParquetWriter(path, schema) as writer:
        for row in rows:
            batch.append({c.name: to_kind(row.get(c.name), c.kind) for c in columns})
            if len(batch) >= PARQUET_ROWS_PER_GROUP:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                count += len(batch)
                batch = []
        if batch or not count:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            count += len(batch)
    return count


def _new_file_mode(target: Path) -> int:
    if target.exists():
        return target.stat().st_mode & 0o7777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def publish(
    rows: Iterable[dict[str, Any]], out: Path, fmt: TableFormat, columns: Sequence[Column]
) -> int:
    """Write the table to a temporary file beside ``out`` and rename it into place."""
    out.parent.mkdir(parents=True, exist_ok=True)
    mode = _new_file_mode(out)
    handle, name = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=".tmp")
    os.close(handle)
    temporary = Path(name)
    try:
        if fmt is TableFormat.PARQUET:
            count = _write_parquet(temporary, rows, columns)
        else:
            with temporary.open("w", encoding="utf-8", newline="") as text:
                write = _write_csv if fmt is TableFormat.CSV else _write_jsonl
                count = write(text, rows, columns)
        with temporary.open("rb") as written:
            os.fsync(written.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, out)
    finally:
        temporary.unlink(missing_ok=True)
    return count


def read_table(path: Path, fmt: TableFormat, columns: Sequence[Column]) -> Iterator[dict[str, Any]]:
    """Stream the rows of a finished output back, typed as they were written.

    Raises E163 when the file's columns are not the ones this run would write.
    """
    names = [c.name for c in columns]

    def mismatch(found: Sequence[str]) -> FramingError:
        missing = [n for n in names if n not in found]
        extra = [n for n in found if n not in names]
        detail = "its columns differ from this run's"
        if missing or extra:
            detail += f" (missing: {', '.join(missing) or '-'}; extra: {', '.join(extra) or '-'})"
        return FramingError("E163", path=path, reason=detail)

    if fmt is TableFormat.CSV:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.reader(handle)
            header = next(reader, [])
            if header != names:
                raise mismatch(header)
            for values in reader:
                yield {c.name: from_text(v, c.kind) for c, v in zip(columns, values, strict=True)}
    elif fmt is TableFormat.JSONL:
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                row = json.loads(line)
                if list(row) != names:
                    raise mismatch(list(row))
                yield row
    else:
        import pyarrow.parquet as pq

        table = pq.ParquetFile(path)
        if table.schema_arrow.names != names:
            raise mismatch(table.schema_arrow.names)
        for batch in table.iter_batches(batch_size=PARQUET_ROWS_PER_GROUP):
            for row in batch.to_pylist():
                yield {
                    c.name: from_text(row[c.name], c.kind)
                    if c.kind == "json" and isinstance(row[c.name], str)
                    else row[c.name]
                    for c in columns
                }


def group_by_id(rows: Iterable[dict[str, Any]]) -> Iterator[tuple[str, list[dict[str, Any]]]]:
    """Consecutive rows of one document (sentence rows share their document's id)."""
    current: str | None = None
    group: list[dict[str, Any]] = []
    for row in rows:
        if group and (row["id"] != current or row.get("sentence") in (None, 0)):
            yield current or "", group
            group = []
        current = row["id"]
        group.append(row)
    if group:
        yield current or "", group


class Journal:
    """The work file of a run: a header line, then one JSON line per finished document.

    It is held open and locked (``flock``) for the whole run, so a second ``framing score`` on
    the same output stops with an error instead of interleaving its lines with the first's.
    """

    def __init__(self, out: Path, header: dict[str, Any]) -> None:
        self.out = out
        self.path = out.with_name(f".{out.name}.partial")
        self.header = {"framing_journal": JOURNAL_VERSION, **header}
        self._handle: IO[bytes] | None = None

    def lock(self) -> bool:
        """Open and lock the journal; True when an earlier run left one with content."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        found = self.path.exists() and self.path.stat().st_size > 0
        descriptor = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o666)
        try:
            import fcntl
        except ImportError:  # pragma: no cover - Windows has no flock; nothing to guard with
            fcntl = None  # type: ignore[assignment]
        if fcntl is not None:
            try:
                fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                os.close(descriptor)
                raise FramingError("E173", path=self.out) from None
        self._handle = os.fdopen(descriptor, "r+b")
        return found

    def _locked(self) -> IO[bytes]:
        assert self._handle is not None, "lock() first"
        return self._handle

    def start(self) -> None:
        """Begin an empty journal (replacing any left by an earlier run)."""
        handle = self._locked()
        handle.seek(0)
        handle.truncate()
        handle.write(json.dumps(self.header, ensure_ascii=False).encode() + b"\n")
        handle.flush()

    def _complete_lines(self, handle: IO[bytes]) -> Iterator[tuple[int, dict[str, Any]]]:
        """Parsed lines with the offset after each; a torn final line is left out."""
        offset = 0
        for number, raw in enumerate(iter(handle.readline, b""), start=1):
            try:
                data = json.loads(raw) if raw.endswith(b"\n") else None
            except ValueError:
                data = None
            if data is None:
                if handle.read(1):
                    raise FramingError("E163", path=self.path, reason=f"line {number} is damaged")
                return
            offset += len(raw)
            yield offset, data

    def resume(self) -> Iterator[tuple[str, list[dict[str, Any]]]]:
        """Check the journal was made with these settings, then yield its documents.

        Exhausting the iterator cuts a torn last line off; appends go after the last whole one.
        """
        handle = self._locked()
        handle.flush()
        handle.seek(0)
        lines = self._complete_lines(handle)
        first = next(lines, None)
        if first is None:
            self.start()
            return
        end, header = first
        for key, value in self.header.items():
            if header.get(key) != value:
                reason = f"it was made with different settings ({key})"
                raise FramingError("E163", path=self.path, reason=reason)
        for offset, entry in lines:
            end = offset
            yield entry["id"], entry["rows"]
        handle.truncate(end)
        handle.seek(end)

    def append(self, document_id: str, rows: list[dict[str, Any]]) -> None:
        entry = {"id": document_id, "rows": rows}
        # default=str: dates and decimals carried from Parquet are written as text anyway
        line = json.dumps(entry, ensure_ascii=False, default=str)
        self._locked().write(line.encode() + b"\n")

    def flush(self) -> None:
        if self._handle is not None:
            self._handle.flush()

    def rows(self) -> Iterator[dict[str, Any]]:
        """Every row written so far, in order (read through a second handle)."""
        self.flush()
        with self.path.open("rb") as handle:
            lines = self._complete_lines(handle)
            next(lines, None)
            for _, entry in lines:
                yield from entry["rows"]

    def release(self) -> None:
        """Make what was written durable and let other runs have the journal."""
        if self._handle is not None:
            self._handle.flush()
            os.fsync(self._handle.fileno())
            self._handle.close()
            self._handle = None

    def remove(self) -> None:
        self.path.unlink(missing_ok=True)
        self.release()
