"""What ``framing check`` does, as functions the CLI and tests call alike."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from framing.api import Analyzer
from framing.render import CheckedFile
from framing.rules import Severity
from framing.sources import Source, expand_paths, read_path, read_stdin


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


def read_sources(paths: Sequence[str]) -> list[Source]:
    """Read every input up front, so a bad one stops the run before anything is printed."""
    return [read_stdin() if p == "-" else read_path(Path(p)) for p in expand_paths(paths)]


def fails(item: CheckedFile, options: CheckOptions) -> bool:
    """Whether one file fails the bar set by ``--fail-on`` and ``--max-tension``."""
    if item.analysis.scores.tension > options.max_tension:
        return True
    if options.fail_on == "never":
        return False
    threshold = Severity(options.fail_on).rank
    return any(Severity(f.severity).rank >= threshold for f in item.analysis.findings)


def check_sources(
    sources: Sequence[Source],
    *,
    model: str | None = None,
    lexicons: Sequence[Path] = (),
    options: CheckOptions | None = None,
) -> CheckResult:
    options = options or CheckOptions()
    analyzer = Analyzer(model, lexicons=lexicons, select=options.select, ignore=options.ignore)
    files = tuple(
        CheckedFile(s.name, analyzer.analyze(s.prose, original=s.original)) for s in sources
    )
    return CheckResult(files, any(fails(item, options) for item in files))
