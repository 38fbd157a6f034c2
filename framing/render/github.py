"""``--format github``: GitHub Actions workflow commands, shown as annotations on the diff.

``::error file=drafts/remarks.md,line=3,col=1,endLine=3,endColumn=11,title=FRM102
leader-epithet::message`` per finding (``info`` findings become ``::notice``), then one plain
summary line per file. Values are escaped as the Actions toolkit does (``%``, CR, LF; and ``:``
and ``,`` inside properties). A Word draft has no lines GitHub could show, so its annotations
name the file only and say the paragraph in the message.
"""

from __future__ import annotations

from collections.abc import Sequence

from framing.analysis import Finding
from framing.render import CheckedFile

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _annotation(path: str, finding: Finding, unit: str) -> str:
    properties = {"file": path}
    if unit == "line":
        properties.update(
            line=str(finding.line),
            col=str(finding.column),
            endLine=str(finding.end_line),
            endColumn=str(finding.end_column),
        )
    properties["title"] = f"{finding.rule} {finding.name}"
    message = finding.message + (" (quoted)" if finding.quoted else "")
    if unit != "line":
        message += f" ({unit} {finding.line})"
    if finding.suggestions:
        best = finding.suggestions[0]
        message += f"\nTry: {best.sentence}\nWhy: {best.reason}"
    joined = ",".join(f"{key}={escape_property(value)}" for key, value in properties.items())
    return f"::{COMMANDS[finding.severity]} {joined}::{escape_data(message)}"


def _summary(item: CheckedFile) -> str:
    analysis = item.analysis
    counts = [f"{len(analysis.findings)} findings"]
    if analysis.suppressed:
        counts.append(f"{analysis.suppressed} suppressed")
    baselined = analysis.meta.get("baselined", 0)
    if baselined:
        counts.append(f"{baselined} in baseline")
    return f"{item.path}: tension {analysis.tension:.1f}/100, {', '.join(counts)}"


def render(files: Sequence[CheckedFile], *, color: bool = False) -> str:
    lines = []
    for item in files:
        unit = item.analysis.meta.get("unit", "line")
        lines.extend(_annotation(item.path, f, unit) for f in item.analysis.findings)
    lines.extend(_summary(item) for item in files)
    return "".join(line + "\n" for line in lines)
