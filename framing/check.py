"""What ``framing check`` does, as functions the CLI and tests call alike.

Every input is found and read — and its config, suppression comments and baseline checked —
before the first one is analysed, so a bad input stops the run before anything is printed or
written. Files that share settings share one :class:`~framing.api.Analyzer`.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from framing.api import Analyzer
from framing.config import Overrides, Settings, resolve_settings
from framing.directives import Directives
from framing.errors import FramingError
from framing.render import CheckedFile
from framing.rules import Severity
from framing.sources import Source, expand_paths, read_path, read_stdin
from framing.suppress import parse_suppressions


@dataclass(frozen=True)
class CheckOptions:
    """The bar a draft must clear, and which rules are asked about."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    fail_on: str = "warning"
    max_tension: float = 100.0


@dataclass(frozen=True)
class CheckResult:
    files: tuple[CheckedFile, ...]
    failed: bool


@dataclass(frozen=True)
class Job:
    """One input, read, with the settings that govern it and what it says about itself."""

    source: Source
    settings: Settings
    directives: Directives


def read_sources(paths: Sequence[str]) -> list[Source]:
    """Read every input up front, so a bad one stops the run before anything is printed."""
    return [read_stdin() if p == "-" else read_path(Path(p)) for p in expand_paths(paths)]


def fails(item: CheckedFile, options: CheckOptions) -> bool:
    """Whether one file fails the bar set by ``--fail-on`` and ``--max-tension``.

    With a baseline, a file fails only on new findings: ``meta["baselined"]`` is set and a file
    whose every finding is in the baseline passes whatever its tension.
    """
    analysis = item.analysis
    if "baselined" in analysis.meta and not analysis.findings:
        return False
    if analysis.tension > options.max_tension:
        return True
    if options.fail_on == "never":
        return False
    threshold = Severity(options.fail_on).rank
    return any(Severity(f.severity).rank >= threshold for f in analysis.findings)


def check_sources(
    sources: Sequence[Source],
    *,
    model: str | None = None,
    lexicons: Sequence[Path] = (),
    options: CheckOptions | None = None,
) -> CheckResult:
    """Check already-read sources with one set of options (no config files, no suppressions)."""
    options = options or CheckOptions()
    analyzer = Analyzer(model, lexicons=lexicons, select=options.select, ignore=options.ignore)
    files = tuple(
        CheckedFile(s.name, analyzer.analyze(s.prose, original=s.original)) for s in sources
    )
    return CheckResult(files, any(fails(item, options) for item in files))


def _walk(folder: Path, settings: Settings) -> Iterator[Path]:
    """Files under ``folder`` that ``include`` selects, skipping hidden and excluded folders."""
    for current, dirs, files in os.walk(folder):
        base = Path(current)
        dirs[:] = sorted(
            d for d in dirs if not d.startswith(".") and not settings.excludes(base / d)
        )
        for name in sorted(files):
            path = base / name
            if not name.startswith(".") and settings.includes(path):
                yield path


def gather(paths: Sequence[str], overrides: Overrides) -> list[tuple[str, Settings]]:
    """The inputs to check, each with its settings (nearest config file, then the flags).

    Folders are searched recursively for files matching ``include``; ``exclude`` applies to
    named files too, so a pre-commit hook that passes every staged draft still honours it.
    """
    out: list[tuple[str, Settings]] = []
    for raw in paths:
        if raw == "-":
            out.append((raw, resolve_settings(None, overrides)))
            continue
        path = Path(raw)
        if path.is_dir():
            found = []
            for file in _walk(path, resolve_settings(path, overrides)):
                settings = resolve_settings(file, overrides)
                if settings.includes(file) and not settings.excludes(file):
                    found.append((str(file), settings))
            if not found:
                raise FramingError("E004", path=raw)
            out.extend(sorted(found, key=lambda pair: pair[0]))
        elif not path.exists():
            raise FramingError("E001", path=raw)
        else:
            settings = resolve_settings(path, overrides)
            if not settings.excludes(path):
                out.append((raw, settings))
    return out


def read_jobs(paths: Sequence[str], overrides: Overrides | None = None) -> list[Job]:
    """Find, read and parse every input (config, suppression comments) before analysing any."""
    jobs = []
    for raw, settings in gather(paths, overrides or Overrides()):
        source = read_stdin() if raw == "-" else read_path(Path(raw))
        directives = Directives(
            quoted=source.quoted_ranges,
            suppressions=parse_suppressions(source.original, source.name, skip=source.code_ranges),
            ignore=settings.ignores_for(Path(raw)) if raw != "-" else (),
            block_starts=source.block_starts,
        )
        jobs.append(Job(source, settings, directives))
    return jobs


def analyzer_for(settings: Settings) -> Analyzer:
    """The analyzer a file's settings ask for."""
    s = settings
    return Analyzer(s.model, lexicons=s.lexicons, select=s.select, ignore=s.ignore)


def analyze_jobs(
    jobs: Sequence[Job], *, make_analyzer: Callable[[Settings], Analyzer] = analyzer_for
) -> tuple[CheckedFile, ...]:
    """Analyse every job; files with the same model, lexicons and rules share an Analyzer."""
    analyzers: dict[tuple[object, ...], Analyzer] = {}
    files = []
    for job in jobs:
        s = job.settings
        key = (s.model, s.lexicons, s.select, s.ignore)
        if key not in analyzers:
            analyzers[key] = make_analyzer(s)
        source = job.source
        analysis = analyzers[key].analyze(
            source.prose, original=source.original, directives=job.directives
        )
        if source.unit != "line":
            analysis = replace(analysis, meta={**analysis.meta, "unit": source.unit})
        files.append(CheckedFile(source.name, analysis))
    return tuple(files)


def options_of(settings: Settings) -> CheckOptions:
    return CheckOptions(settings.select, settings.ignore, settings.fail_on, settings.max_tension)


def verdict(files: Sequence[CheckedFile], jobs: Sequence[Job]) -> CheckResult:
    """Whether any file fails the bar its own settings set."""
    failed = any(
        fails(item, options_of(job.settings)) for item, job in zip(files, jobs, strict=True)
    )
    return CheckResult(tuple(files), failed)
