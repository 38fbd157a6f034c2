"""Read a corpus lazily as records: an id, the text (or why there is none) and carried fields.

A corpus can be far larger than memory, so every reader yields one record at a time. Problems
with the *inputs* (a missing file, an unknown format, a CSV without the text column) are raised
up front as :class:`FramingError`, before anything is scored; problems with one *record*
(invalid UTF-8, empty text, an unparsable line) become a record with ``error`` set, so a run over
a million documents is never stopped by one bad line.

The carried fields of every input are known before the first record is read (CSV headers,
Parquet schemas, one extra pass over JSONL), because CSV and Parquet output need their columns
up front.
"""

from __future__ import annotations

import csv
import json
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from framing.directives import Directives
from framing.errors import FramingError
from framing.sources import Source, read_path
from framing.suppress import parse_suppressions

DOCUMENT_SUFFIXES = (".txt", ".md", ".markdown", ".text", ".docx")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
CSV_SUFFIXES = (".csv", ".tsv")
PARQUET_SUFFIXES = (".parquet", ".pq")
KINDS = ("string", "int", "float", "bool", "json")
_SURROGATE = re.compile("[\udc80-\udcff]")
_TEMPLATE_FIELD = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")


@dataclass(frozen=True)
class Record:
    """One document of the corpus; ``text`` is None exactly when ``error`` says why.

    ``directives`` are what a Markdown or Word document says about itself (block quotes,
    suppression comments, paragraph starts), so it scores exactly as ``framing check`` scores it.
    """

    id: str
    text: str | None
    fields: dict[str, Any] = field(default_factory=dict)
    error: str | None = None
    directives: Directives | None = None


@dataclass(frozen=True)
class Column:
    """A carried field and the type its values are written as (one of ``KINDS``)."""

    name: str
    kind: str


@dataclass(frozen=True)
class InputSpec:
    """How records are found in structured inputs and in file names."""

    text_field: str = "text"
    id_field: str | None = None
    name_pattern: str | None = None


def error_text(exc: FramingError) -> str:
    """How a record's problem reads in the ``error`` column: ``E152: ...``."""
    return f"{exc.code}: {' '.join(str(exc).split())}"


def kind_of(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int"
    if isinstance(value, float):
        return "float"
    if isinstance(value, str):
        return "string"
    return "json"


def merge_kinds(first: str | None, second: str | None) -> str | None:
    """The kind that holds values of both kinds (None means "only nulls seen so far")."""
    if first is None or first == second:
        return second if first is None else first
    if second is None:
        return first
    if {first, second} == {"int", "float"}:
        return "float"
    return "json" if "json" in (first, second) else "string"


def _merge_columns(groups: Iterable[Sequence[Column]]) -> tuple[Column, ...]:
    kinds: dict[str, str | None] = {}
    for columns in groups:
        for column in columns:
            kinds[column.name] = merge_kinds(kinds.get(column.name), column.kind)
    return tuple(Column(name, kind or "string") for name, kind in kinds.items())


def clean(value: str) -> str:
    """Text that can be written as UTF-8 (undecodable bytes become U+FFFD)."""
    return value.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


class NamePattern:
    """Fields taken from file names: ``{country}_{session}_{year}`` reads USA_72_2017.txt."""

    def __init__(self, template: str) -> None:
        names = _TEMPLATE_FIELD.findall(template)
        if not names or len(set(names)) != len(names):
            raise FramingError(
                "E168", pattern=template, detail="name each field once, like {country}_{year}"
            )
        parts = _TEMPLATE_FIELD.split(template)
        regex = "".join(
            f"(?P<{part}>.+?)" if index % 2 else re.escape(part) for index, part in enumerate(parts)
        )
        self.names = tuple(names)
        self._regex = re.compile(regex)

    def fields(self, stem: str) -> dict[str, str | None]:
        match = self._regex.fullmatch(stem)
        return {name: match[name] if match else None for name in self.names}


class DocumentFiles:
    """Text, Markdown and Word files: one record each, with the ``file`` path carried."""

    def __init__(self, files: list[tuple[Path, str]], pattern: NamePattern | None) -> None:
        self.files = files
        self.pattern = pattern

    def columns(self) -> list[Column]:
        columns = [Column("file", "string")]
        if self.pattern is not None:
            values = [self.pattern.fields(Path(name).name) for _, name in self.files]
            for name in self.pattern.names:
                seen = [v[name] for v in values if v[name] is not None]
                numeric = bool(seen) and all(v.isdigit() and len(v) < 19 for v in seen)
                columns.append(Column(name, "int" if numeric else "string"))
        return columns

    def count(self) -> int:
        return len(self.files)

    def records(self) -> Iterator[Record]:
        for path, name in self.files:
            fields: dict[str, Any] = {"file": str(path)}
            if self.pattern is not None:
                for key, value in self.pattern.fields(Path(name).name).items():
                    fields[key] = int(value) if value is not None and value.isdigit() else value
            try:
                source = read_path(path)
                directives = directives_of(source)
            except FramingError as exc:
                yield Record(name, None, fields, error_text(exc))
            else:
                yield Record(name, source.prose, fields, directives=directives)


def directives_of(source: Source) -> Directives | None:
    """What the markup says (as ``framing check`` reads it), or None for plain text."""
    suppressions = parse_suppressions(source.original, source.name, skip=source.code_ranges)
    directives = Directives(
        quoted=source.quoted_ranges, suppressions=suppressions, block_starts=source.block_starts
    )
    return None if directives == Directives() else directives


class _Structured:
    """Shared by JSONL, CSV and Parquet: a record's id, text and carried fields from a row."""

    def __init__(self, path: Path, spec: InputSpec) -> None:
        self.path = path
        self.spec = spec

    def id_key(self, keys: Iterable[str]) -> str | None:
        if self.spec.id_field is not None:
            return self.spec.id_field
        return "id" if "id" in keys else None

    def carried(self, row: dict[str, Any]) -> dict[str, Any]:
        skip = {self.spec.text_field, self.id_key(row)}
        return {k: v for k, v in row.items() if k not in skip}

    def record(self, number: int, row: dict[str, Any]) -> Record:
        fallback = f"{self.path}:{number}"
        key = self.id_key(row)
        raw_id = row.get(key) if key is not None else fallback
        fields = self.carried(row)
        where = {"source": self.path, "number": number}
        if raw_id is None or raw_id == "":
            error = FramingError("E156", **where, field=key)
            return Record(fallback, None, fields, error_text(error))
        record_id = str(raw_id)
        text = row.get(self.spec.text_field)
        problem: FramingError | None = None
        if self.spec.text_field not in row:
            problem = FramingError("E151", **where, field=self.spec.text_field)
        elif not isinstance(text, str):
            problem = FramingError(
                "E154", **where, detail=f"field '{self.spec.text_field}' is not a string"
            )
        elif _SURROGATE.search(text):
            problem = FramingError("E153", **where)
        elif not text.strip():
            problem = FramingError("E152", **where, field=self.spec.text_field)
        if problem is not None:
            return Record(record_id, None, fields, error_text(problem))
        return Record(record_id, text, fields)

    def bad(self, number: int, error: FramingError) -> Record:
        return Record(f"{self.path}:{number}", None, {}, error_text(error))


class JsonLines(_Structured):
    """One JSON object per line; blank lines are skipped, other bad lines become error rows."""

    def _rows(self) -> Iterator[tuple[int, dict[str, Any] | FramingError]]:
        with self.path.open("rb") as handle:
            for number, raw in enumerate(handle, start=1):
                if not raw.strip():
                    continue
                where = {"source": self.path, "number": number}
                try:
                    row = json.loads(raw.decode("utf-8"))
                except UnicodeDecodeError:
                    yield number, FramingError("E153", **where)
                    continue
                except json.JSONDecodeError as exc:
                    yield number, FramingError("E150", **where, reason=exc.msg)
                    continue
                if not isinstance(row, dict):
                    yield number, FramingError("E154", **where, detail="line is not a JSON object")
                    continue
                yield number, row

    def columns(self) -> list[Column]:
        kinds: dict[str, str | None] = {}
        for _, row in self._rows():
            if isinstance(row, dict):
                for key, value in self.carried(row).items():
                    kinds[key] = merge_kinds(kinds.get(key), kind_of(value))
        return [Column(name, kind or "string") for name, kind in kinds.items()]

    def count(self) -> int:
        with self.path.open("rb") as handle:
            return sum(1 for line in handle if line.strip())

    def records(self) -> Iterator[Record]:
        for number, row in self._rows():
            yield (
                self.bad(number, row) if isinstance(row, FramingError) else self.record(number, row)
            )


class CsvRows(_Structured):
    """A CSV (or TSV) file with a header row; every value is carried as a string."""

    def __init__(self, path: Path, spec: InputSpec) -> None:
        super().__init__(path, spec)
        self.delimiter = "\t" if path.suffix.lower() == ".tsv" else ","
        csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
        self.header = self._header()
        if spec.text_field not in self.header:
            raise FramingError(
                "E164", path=path, field=spec.text_field, known=", ".join(self.header) or "none"
            )
        if spec.id_field is not None and spec.id_field not in self.header:
            raise FramingError("E164", path=path, field=spec.id_field, known=", ".join(self.header))

    def _open(self) -> Any:
        return self.path.open(encoding="utf-8-sig", errors="surrogateescape", newline="")

    def _header(self) -> list[str]:
        with self._open() as handle:
            try:
                header = next(csv.reader(handle, delimiter=self.delimiter), [])
            except csv.Error as exc:
                raise FramingError("E165", path=self.path, detail=str(exc)) from None
        return [clean(name) for name in header]

    def columns(self) -> list[Column]:
        skip = {self.spec.text_field, self.id_key(self.header)}
        return [Column(name, "string") for name in self.header if name not in skip]

    def count(self) -> int:
        return sum(1 for _ in self._iter())

    def _iter(self) -> Iterator[list[str] | csv.Error]:
        with self._open() as handle:
            reader = csv.reader(handle, delimiter=self.delimiter)
            next(reader, None)
            while True:
                try:
                    row = next(reader)
                except StopIteration:
                    return
                except csv.Error as exc:
                    yield exc
                    continue
                yield row

    def records(self) -> Iterator[Record]:
        width = len(self.header)
        for number, row in enumerate(self._iter(), start=1):
            where = {"source": self.path, "number": number}
            if isinstance(row, csv.Error):
                yield self.bad(number, FramingError("E150", **where, reason=str(row)))
                continue
            if not row:
                continue
            bad_bytes = any(_SURROGATE.search(value) for value in row)
            values = dict(zip(self.header, (clean(v) for v in row), strict=False))
            record = self.record(number, values)
            if len(row) != width:
                detail = f"row has {len(row)} fields, the header has {width}"
                error = FramingError("E154", **where, detail=detail)
                record = Record(record.id, None, record.fields, error_text(error))
            elif bad_bytes and record.error is None:
                record = Record(
                    record.id, None, record.fields, error_text(FramingError("E153", **where))
                )
            yield record


def _arrow_kind(arrow_type: Any) -> str:
    import pyarrow as pa

    if pa.types.is_boolean(arrow_type):
        return "bool"
    if pa.types.is_integer(arrow_type):
        return "int"
    if pa.types.is_floating(arrow_type):
        return "float"
    if pa.types.is_string(arrow_type) or pa.types.is_large_string(arrow_type):
        return "string"
    return "json"


def require(module: str, purpose: str) -> Any:
    """Import an optional dependency of the ``corpus`` extra, or say how to install it."""
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError:
        raise FramingError("E162", purpose=purpose, package=module.split(".")[0]) from None


class ParquetRows(_Structured):
    """A Parquet file read in batches; carried fields keep their Arrow types."""

    BATCH = 512

    def __init__(self, path: Path, spec: InputSpec) -> None:
        super().__init__(path, spec)
        parquet = require("pyarrow.parquet", "reading Parquet")
        try:
            self.schema = parquet.read_schema(path)
        except Exception as exc:  # pyarrow raises ArrowInvalid/OSError for non-Parquet files
            raise FramingError("E165", path=path, detail=" ".join(str(exc).split())) from None
        names = list(self.schema.names)
        for wanted in (spec.text_field, spec.id_field):
            if wanted is not None and wanted not in names:
                raise FramingError("E164", path=path, field=wanted, known=", ".join(names))

    def columns(self) -> list[Column]:
        skip = {self.spec.text_field, self.id_key(self.schema.names)}
        return [Column(f.name, _arrow_kind(f.type)) for f in self.schema if f.name not in skip]

    def count(self) -> int:
        parquet = require("pyarrow.parquet", "reading Parquet")
        return int(parquet.ParquetFile(self.path).metadata.num_rows)

    def records(self) -> Iterator[Record]:
        parquet = require("pyarrow.parquet", "reading Parquet")
        number = 0
        for batch in parquet.ParquetFile(self.path).iter_batches(batch_size=self.BATCH):
            for row in batch.to_pylist():
                number += 1
                yield self.record(number, row)


Input = DocumentFiles | JsonLines | CsvRows | ParquetRows


def _documents_in(directory: Path) -> list[tuple[Path, str]]:
    found = sorted(
        p for p in directory.rglob("*") if p.is_file() and p.suffix.lower() in DOCUMENT_SUFFIXES
    )
    if not found:
        raise FramingError("E160", path=directory)
    return [(p, p.relative_to(directory).with_suffix("").as_posix()) for p in found]


def open_input(raw: str, spec: InputSpec, pattern: NamePattern | None) -> Input:
    """Recognise one input by what it is (directory) or its extension."""
    path = Path(raw)
    if path.is_dir():
        return DocumentFiles(_documents_in(path), pattern)
    if not path.exists():
        raise FramingError("E001", path=raw)
    suffix = path.suffix.lower()
    if suffix in DOCUMENT_SUFFIXES:
        return DocumentFiles([(path, path.stem)], pattern)
    if suffix in JSONL_SUFFIXES:
        return JsonLines(path, spec)
    if suffix in CSV_SUFFIXES:
        return CsvRows(path, spec)
    if suffix in PARQUET_SUFFIXES:
        return ParquetRows(path, spec)
    raise FramingError("E161", path=raw)


class Corpus:
    """All inputs of a run, in the order given; records are read lazily, once per call."""

    def __init__(self, paths: Sequence[str], spec: InputSpec | None = None) -> None:
        self.spec = spec or InputSpec()
        pattern = NamePattern(self.spec.name_pattern) if self.spec.name_pattern else None
        self.inputs = [open_input(raw, self.spec, pattern) for raw in paths]

    def columns(self) -> tuple[Column, ...]:
        """The carried fields of all inputs, in order of first appearance."""
        return _merge_columns(item.columns() for item in self.inputs)

    def paths(self) -> Iterator[Path]:
        """Every file read, for the check that the output does not overwrite one."""
        for item in self.inputs:
            if isinstance(item, DocumentFiles):
                yield from (path for path, _ in item.files)
            else:
                yield item.path

    def count(self) -> int:
        """How many records there are (reads the inputs once; for progress bars)."""
        return sum(item.count() for item in self.inputs)

    def records(self) -> Iterator[Record]:
        for item in self.inputs:
            yield from item.records()
