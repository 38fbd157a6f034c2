"""``framing fix``: apply verified calmer phrasings to the original text, atomically.

Only the characters of a verified suggestion's edit change — a finding's span, widened at most
over a booster, an article or words the phrase repeats — so encoding, byte-order mark, line
endings, markup and every other byte stay as they were. Fixing runs in rounds until nothing is
left to fix: each round takes, in every sentence, the first finding whose suggestion verified,
and keeps the round only if the whole document then scores no higher and gains no finding. The
result is a fixed point, so a second run changes nothing.

Writing is atomic: a temporary file in the same folder, with the original's permissions, renamed
over the original — and only if the file on disk is still the one that was read.
"""

from __future__ import annotations

import difflib
import hashlib
import os
import stat
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

from framing.analysis import Analysis, Finding, Suggestion
from framing.atomic import replace_file
from framing.errors import FramingError
from framing.fitting import Edit
from framing.rules import RULES_BY_CODE
from framing.sources import Source, source_from_text
from framing.sources.text import MARKDOWN_SUFFIXES
from framing.suggest import Rewrite, Suggested
from framing.verify import raw_tension

if TYPE_CHECKING:
    from framing.api import Analyzer
    from framing.config import Overrides, Settings
    from framing.directives import Directives

MAX_ROUNDS = 50
EPSILON = 1e-6
STDIN = "-"


class Quit(Enum):
    """The speechwriter's answer that ends an interactive session."""

    QUIT = "quit"


Choice = int | None | Quit


@dataclass(frozen=True)
class Proposal:
    """One finding put to the speechwriter: where it is and the verified alternatives."""

    name: str
    analysis: Analysis
    finding: Finding
    suggestions: tuple[Suggestion, ...]


Chooser = Callable[[Proposal], Choice]


@dataclass(frozen=True)
class Snapshot:
    """What the file on disk looked like when it was read: checked again before writing."""

    path: Path
    digest: str
    size: int
    mtime_ns: int
    mode: int
    uid: int
    gid: int


@dataclass(frozen=True)
class Target:
    """One input to fix: its source, settings and, for files, the snapshot to write against."""

    name: str
    source: Source
    settings: Settings
    directives: Directives
    snapshot: Snapshot | None = None


@dataclass(frozen=True)
class FixResult:
    """The text before and after; ``edits`` in the coordinates of the text before."""

    name: str
    before: str
    after: str
    edits: tuple[Edit, ...] = ()
    fixed: tuple[Finding, ...] = field(default=())

    @property
    def changed(self) -> bool:
        return self.before != self.after


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def take_snapshot(path: Path, text: str, *, write: bool) -> Snapshot:
    """Record the file as read; with ``write``, refuse up front a file that cannot be replaced."""
    real = Path(os.path.realpath(path))
    info = real.stat()
    if write:
        owner_cannot = os.getuid() == info.st_uid and not info.st_mode & stat.S_IWUSR
        if owner_cannot or not os.access(real, os.W_OK):
            raise FramingError("E251", path=path)
        if not os.access(real.parent, os.W_OK | os.X_OK):
            raise FramingError("E253", path=path, reason="its folder is not writable")
    return Snapshot(
        real,
        _digest(text.encode("utf-8")),
        info.st_size,
        info.st_mtime_ns,
        stat.S_IMODE(info.st_mode),
        info.st_uid,
        info.st_gid,
    )


def write_atomic(name: str, snapshot: Snapshot, text: str) -> None:
    """Replace the file with ``text`` if it is unchanged since ``snapshot``; else refuse."""
    real = snapshot.path
    try:
        info = real.stat()
        unchanged = (info.st_size, info.st_mtime_ns) == (snapshot.size, snapshot.mtime_ns)
        if not unchanged or _digest(real.read_bytes()) != snapshot.digest:
            raise FramingError("E252", path=name)
    except FileNotFoundError:
        raise FramingError("E252", path=name) from None
    try:
        replace_file(
            real, text.encode("utf-8"), mode=snapshot.mode, owner=(snapshot.uid, snapshot.gid)
        )
    except OSError as exc:
        raise FramingError("E253", path=name, reason=exc.strerror or str(exc)) from None


def source_for(name: str, text: str) -> Source:
    """Read ``text`` as the file called ``name`` would be read (Markdown by its suffix)."""
    if Path(name).suffix.lower() in MARKDOWN_SUFFIXES:
        from framing.sources.markdown import markdown_source

        return markdown_source(name, text)
    return source_from_text(name, text)


def directives_for(source: Source, settings: Settings, name: str) -> Directives:
    """What the file says about itself, exactly as ``framing check`` reads it."""
    from framing.directives import Directives
    from framing.suppress import parse_suppressions

    return Directives(
        quoted=source.quoted_ranges,
        suppressions=parse_suppressions(source.original, source.name, skip=source.code_ranges),
        ignore=settings.ignores_for(Path(name)) if name != STDIN else (),
        block_starts=source.block_starts,
    )


def read_targets(paths: Sequence[str], overrides: Overrides, *, write: bool) -> list[Target]:
    """Read every input before fixing any, so a bad one stops the run with nothing written."""
    from framing.check import read_jobs

    if STDIN in paths and len(paths) > 1:
        raise FramingError("E254", detail="'-' (standard input) cannot be mixed with paths")
    for raw in paths:
        if raw != STDIN and Path(raw).is_dir():
            raise FramingError("E250", path=raw)
        if Path(raw).suffix.lower() == ".docx":
            raise FramingError("E255", path=raw)
    targets = []
    for job in read_jobs(paths, overrides):
        name = job.source.name
        snapshot = None
        if name != STDIN:
            snapshot = take_snapshot(Path(name), job.source.original, write=write)
        targets.append(Target(name, job.source, job.settings, job.directives, snapshot))
    return targets


def _growth(edit: Edit) -> int:
    return len(edit.replacement) - (edit.end - edit.start)


def _compose(log: list[Edit], edit: Edit, after: str) -> list[Edit]:
    """Add ``edit`` (in current coordinates; ``after`` is the text it produced) to ``log`` (in
    original coordinates, sorted), merging it with the logged edits it overlaps or touches."""
    placed = []
    shift = 0
    for entry in log:
        start = entry.start + shift
        placed.append((start, start + len(entry.replacement), entry))
        shift += _growth(entry)
    touching = [p for p in placed if p[0] <= edit.end and edit.start <= p[1]]
    kept = [p for p in placed if p not in touching]
    start = min([edit.start, *(p[0] for p in touching)])
    end = max([edit.end, *(p[1] for p in touching)])
    merged = Edit(
        start - sum(_growth(e) for _, t, e in kept if t <= start),
        end - sum(_growth(e) for _, t, e in placed if t <= end),
        after[start : end + _growth(edit)],
    )
    return sorted([*(e for _, _, e in kept), merged], key=lambda e: e.start)


def _applicable(source: Source, edit: Edit) -> bool:
    """Edits touch prose only: never markup that the prose blanks out."""
    return source.original[edit.start : edit.end] == source.prose[edit.start : edit.end]


def _worse(before: Analysis, after: Analysis) -> bool:
    """Whether a round made the document worse: higher tension, or a finding it did not have."""

    def raising(analysis: Analysis) -> Counter[tuple[str, str]]:
        return Counter(
            (f.rule, f.entry) for f in analysis.findings if RULES_BY_CODE[f.rule].raises_tension
        )

    if after.tension > before.tension + EPSILON:
        return True
    if raw_tension(after) > raw_tension(before) - EPSILON:
        return True
    return bool(raising(after) - raising(before))


class Fixer:
    """Fixes one target with an analyzer: automatically, or asking a :data:`Chooser`."""

    def __init__(self, analyzer: Analyzer, target: Target) -> None:
        self.analyzer = analyzer
        self.target = target

    def rewrites(self, text: str) -> tuple[Source, Suggested]:
        source = source_for(self.target.name, text)
        directives = directives_for(source, self.target.settings, self.target.name)
        suggested = self.analyzer.rewrites(
            source.prose, original=source.original, directives=directives
        )
        return source, suggested

    def picks(self, source: Source, suggested: Suggested) -> list[tuple[Finding, Rewrite]]:
        """Per sentence, the first finding with an applicable verified rewrite."""
        chosen: dict[int, tuple[Finding, Rewrite]] = {}
        findings = suggested.analysis.findings
        for index in sorted(range(len(findings)), key=lambda i: findings[i].start):
            finding = findings[index]
            if finding.sentence in chosen:
                continue
            for rewrite in suggested.rewrites[index]:
                if _applicable(source, rewrite.edit):
                    chosen[finding.sentence] = (finding, rewrite)
                    break
        return [chosen[k] for k in sorted(chosen)]

    def run(self, choose: Chooser | None = None) -> FixResult:
        """Fix to a fixed point (or, with ``choose``, as the speechwriter decides)."""
        if choose is not None:
            return self.interactive(choose)
        text = self.target.source.original
        log: list[Edit] = []
        fixed: list[Finding] = []
        source, suggested = self.rewrites(text)
        for _ in range(MAX_ROUNDS):
            picks = self.picks(source, suggested)
            if not picks:
                break
            for batch in [picks, picks[:1]][: 2 if len(picks) > 1 else 1]:
                candidate = text
                for _, rewrite in sorted(batch, key=lambda p: -p[1].edit.start):
                    candidate = rewrite.edit.apply(candidate)
                next_source, next_suggested = self.rewrites(candidate)
                if not _worse(suggested.analysis, next_suggested.analysis):
                    break
            else:
                break
            log = _log(log, text, [rewrite.edit for _, rewrite in batch])
            fixed.extend(finding for finding, _ in batch)
            text = candidate
            source, suggested = next_source, next_suggested
        before = self.target.source.original
        return FixResult(self.target.name, before, text, tuple(log), tuple(fixed))

    def interactive(self, choose: Chooser) -> FixResult:
        """Finding by finding, left to right: the speechwriter accepts, picks or skips."""
        text = self.target.source.original
        log: list[Edit] = []
        fixed: list[Finding] = []
        floor = 0
        skipped: set[tuple[int, int, str]] = set()
        source, suggested = self.rewrites(text)
        while True:
            pending = []
            for finding, rewrites in zip(
                suggested.analysis.findings, suggested.rewrites, strict=True
            ):
                offered = [i for i, r in enumerate(rewrites) if _applicable(source, r.edit)]
                key = (finding.start, finding.end, finding.rule)
                if offered and finding.start >= floor and key not in skipped:
                    pending.append((finding, [rewrites[i] for i in offered], offered))
            if not pending:
                break
            finding, rewrites, offered = min(pending, key=lambda p: (p[0].start, p[0].end))
            suggestions = tuple(finding.suggestions[i] for i in offered)
            choice = choose(Proposal(self.target.name, suggested.analysis, finding, suggestions))
            if isinstance(choice, Quit):
                break
            if choice is None or not 0 <= choice < len(rewrites):
                skipped.add((finding.start, finding.end, finding.rule))
                continue
            edit = rewrites[choice].edit
            text = edit.apply(text)
            log = _compose(log, edit, text)
            fixed.append(finding)
            floor = edit.start + len(edit.replacement)
            skipped.clear()
            source, suggested = self.rewrites(text)
        before = self.target.source.original
        return FixResult(self.target.name, before, text, tuple(log), tuple(fixed))


def _log(log: list[Edit], text: str, edits: Sequence[Edit]) -> list[Edit]:
    """Record one round's edits (non-overlapping, in the round's coordinates) in the log."""
    shift = 0
    for edit in sorted(edits, key=lambda e: e.start):
        moved = Edit(edit.start + shift, edit.end + shift, edit.replacement)
        text = moved.apply(text)
        log = _compose(log, moved, text)
        shift += _growth(edit)
    return log


def unified_diff(name: str, before: str, after: str) -> str:
    """A unified diff of the change, as ``git diff`` shows it (``\\ No newline`` included)."""
    lines = difflib.unified_diff(
        before.splitlines(keepends=True),
        after.splitlines(keepends=True),
        fromfile=f"a/{name}",
        tofile=f"b/{name}",
    )
    out = []
    for line in lines:
        if line.endswith(("\n", "\r")):
            out.append(line)
        else:
            out.append(line + "\n\\ No newline at end of file\n")
    return "".join(out)


def analyzer_for(settings: Settings, cache: dict[tuple[object, ...], Analyzer]) -> Analyzer:
    """One analyzer per distinct model, lexicons and rule selection."""
    from framing.api import Analyzer

    key = (settings.model, settings.lexicons, settings.select, settings.ignore)
    if key not in cache:
        cache[key] = Analyzer(
            settings.model,
            lexicons=settings.lexicons,
            select=settings.select,
            ignore=settings.ignore,
        )
    return cache[key]


def fix_targets(targets: Sequence[Target], choose: Chooser | None = None) -> list[FixResult]:
    """Fix every target (nothing is written here)."""
    cache: dict[tuple[object, ...], Analyzer] = {}
    return [Fixer(analyzer_for(t.settings, cache), t).run(choose) for t in targets]


def fix_text(analyzer: Analyzer, text: str, name: str = "<text>") -> FixResult:
    """Fix a text with default settings (no configuration file): the Python API behind
    ``framing fix``. ``name`` decides how the text is read (``.md`` → Markdown)."""
    from framing.config import Settings

    source = source_for(name, text)
    settings = Settings()
    target = Target(name, source, settings, directives_for(source, settings, STDIN))
    return Fixer(analyzer, target).run()
