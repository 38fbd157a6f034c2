"""``--format text``: compiler-style lines a speechwriter reads in a terminal.

``path:line:col: FRM101 error message [name]``, then the sentence with the span marked and the
first calmer alternative, then the file's scores and its worst sentence.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

import click

from framing.analysis import Analysis, Finding
from framing.render import CheckedFile

CONTEXT_CHARS = 70
SEVERITY_COLORS = {"error": "red", "warning": "yellow", "info": "cyan"}


def _style(text: str, color: bool, **styles: object) -> str:
    return click.style(text, **styles) if color else text  # type: ignore[arg-type]


def _one_line(text: str) -> str:
    """Collapse runs of whitespace (line breaks included) to one space, keeping the ends."""
    return re.sub(r"\s+", " ", text)


def _marked_sentence(analysis: Analysis, finding: Finding, color: bool) -> str:
    sentence = analysis.sentences[finding.sentence]
    before = analysis.text[sentence.start : finding.start]
    after = analysis.text[finding.end : sentence.end]
    before = _one_line(before)[-CONTEXT_CHARS:].lstrip()
    after = _one_line(after)[:CONTEXT_CHARS].rstrip()
    marked = _style(f"[{_one_line(finding.text)}]", color, bold=True, underline=True)
    return f"{before}{marked}{after}"


def _finding_lines(path: str, analysis: Analysis, finding: Finding, color: bool) -> list[str]:
    severity = _style(finding.severity, color, fg=SEVERITY_COLORS[finding.severity], bold=True)
    quoted = " (quoted)" if finding.quoted else ""
    lines = [
        f"{path}:{finding.line}:{finding.column}: {finding.rule} {severity} "
        f"{finding.message}{quoted} [{finding.name}]",
        f"    | {_marked_sentence(analysis, finding, color)}",
    ]
    if finding.suggestions:
        best = finding.suggestions[0]
        lines.append(f"    = try: {_style(best.sentence, color, fg='green')}")
        lines.append(f"      why: {best.reason}")
    return lines


def _score_line(analysis: Analysis) -> str:
    """The framing scores. TextBlob polarity is left to the JSON and HTML reports: it is no
    framing score, and computing it was a tenth of a pre-commit hook's own time."""
    s = analysis.dimensions
    return (
        f"tension {s['tension']:.1f}/100 | threat {s['threat']:.2f} | "
        f"escalation {s['escalation']:.2f} | hostile_policy {s['hostile_policy']:.2f} | "
        f"military_tension {s['military_tension']:.2f} | reassurance {s['reassurance']:.2f}"
    )


def _hidden(analysis: Analysis) -> str:
    """Findings not shown but never silently dropped: suppressed inline, or in the baseline."""
    parts = [f"{analysis.suppressed} suppressed"] if analysis.suppressed else []
    if analysis.meta.get("baselined"):
        parts.append(f"{analysis.meta['baselined']} in baseline")
    return f"; not shown: {', '.join(parts)}" if parts else ""


def _summary(path: str, analysis: Analysis, color: bool) -> list[str]:
    counts = Counter(f.severity for f in analysis.findings)
    quoted = sum(1 for f in analysis.findings if f.quoted)
    parts = [f"{counts.get(s, 0)} {s}" for s in ("error", "warning", "info")]
    header = _style(f"{path}:", color, bold=True)
    lines = [
        f"{header} {analysis.words} words, {len(analysis.sentences)} sentences, "
        f"{analysis.tier} tier; findings: {', '.join(parts)}"
        + (f" ({quoted} quoted)" if quoted else "")
        + _hidden(analysis),
        f"  scores: {_score_line(analysis)}",
    ]
    if analysis.worst_sentence is not None:
        worst = analysis.sentences[analysis.worst_sentence]
        line = analysis.text.count("\n", 0, worst.start) + 1
        text = _one_line(worst.text)
        text = text if len(text) <= 2 * CONTEXT_CHARS else text[: 2 * CONTEXT_CHARS] + "…"
        where = f"{analysis.meta.get('unit', 'line')} {line}"
        lines.append(f"  worst sentence ({where}, tension {worst.tension:.1f}): {text}")
    return lines


def render(files: Sequence[CheckedFile], *, color: bool = False) -> str:
    out: list[str] = []
    for item in files:
        for finding in item.analysis.findings:
            out.extend(_finding_lines(item.path, item.analysis, finding, color))
        out.extend(_summary(item.path, item.analysis, color))
        out.append("")
    return "\n".join(out)
