"""``--format html``: one self-contained page an editor can open or attach to a review.

For each file: the score summary, the draft with every finding highlighted (hover shows the rule
and message; a numbered marker after each span links to the list of findings below, which gives
the calmer alternative and why). No scripts, fonts or links to fetch: the CSS is inline. Findings
may overlap (an epithet inside a personalized threat), so the text is cut at every finding
boundary and each piece is marked with the most severe finding covering it — the idea of
displaCy's span renderer, without needing tokens.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from itertools import pairwise

from framing import __version__
from framing.analysis import Analysis, Finding
from framing.render import CheckedFile
from framing.rules import Severity

STYLE = """
body { font: 15px/1.5 system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; color: #222; }
h1 { font-size: 1.4rem; } h2 { font-size: 1.15rem; border-bottom: 1px solid #ccc; }
.draft { white-space: pre-wrap; font-family: Georgia, serif; background: #fafafa;
  border: 1px solid #ddd; padding: 1rem; }
mark { border-radius: 3px; padding: 0 1px; }
mark.error { background: #f8c4c4; } mark.warning { background: #fde8a8; }
mark.info { background: #c8e6f5; }
sup a { text-decoration: none; font-size: 0.7rem; color: #555; }
table.scores td, table.scores th { padding: 0 0.8rem 0 0; text-align: left; }
.bar { display: inline-block; height: 0.7rem; background: #c0392b; vertical-align: middle; }
.findings li { margin-bottom: 0.5rem; } .rule { font-weight: bold; } .try { color: #1e7d32; }
.meta { color: #666; }
"""


def _worst(findings: Sequence[Finding]) -> Finding:
    return max(findings, key=lambda f: Severity(f.severity).rank)


def _anchor(file_index: int, finding_index: int) -> str:
    return f"f{file_index}-{finding_index + 1}"


def _marked_text(analysis: Analysis, file_index: int) -> str:
    text = analysis.text
    findings = analysis.findings
    ends: dict[int, list[int]] = {}
    for index, finding in enumerate(findings):
        ends.setdefault(finding.end, []).append(index)
    cuts = sorted({0, len(text), *(f.start for f in findings), *(f.end for f in findings)})
    out = []
    for start, end in pairwise(cuts):
        covering = [f for f in findings if f.start <= start and end <= f.end]
        piece = escape(text[start:end])
        if covering:
            worst = _worst(covering)
            title = escape("; ".join(f"{f.rule} {f.message}" for f in covering))
            piece = f'<mark class="{worst.severity}" title="{title}">{piece}</mark>'
        out.append(piece)
        for index in ends.get(end, []):
            anchor = _anchor(file_index, index)
            out.append(f'<sup><a href="#{anchor}">[{index + 1}]</a></sup>')
    return "".join(out)


def _scores(analysis: Analysis) -> str:
    s = analysis.scores
    rows = [
        f'<tr><th>tension</th><td>{s.tension:.1f}/100 <span class="bar" '
        f'style="width:{s.tension * 2:.0f}px"></span></td></tr>'
    ]
    for name in ("threat", "escalation", "hostile_policy", "military_tension", "reassurance"):
        rows.append(f"<tr><th>{name}</th><td>{getattr(s, name):.2f}</td></tr>")
    rows.append(f"<tr><th>polarity</th><td>{s.polarity:+.2f}</td></tr>")
    rows.append(f"<tr><th>subjectivity</th><td>{s.subjectivity:.2f}</td></tr>")
    return '<table class="scores">' + "".join(rows) + "</table>"


def _counts(analysis: Analysis) -> str:
    by_severity = {s.value: 0 for s in Severity}
    for finding in analysis.findings:
        by_severity[finding.severity] += 1
    parts = [f"{count} {severity}" for severity, count in by_severity.items()]
    quoted = sum(1 for f in analysis.findings if f.quoted)
    extra = [f"{quoted} quoted"] if quoted else []
    if analysis.suppressed:
        extra.append(f"{analysis.suppressed} suppressed")
    if analysis.meta.get("baselined"):
        extra.append(f"{analysis.meta['baselined']} in baseline")
    tail = f" ({', '.join(extra)})" if extra else ""
    return (
        f'<p class="meta">{analysis.words} words, {len(analysis.sentences)} sentences, '
        f"{analysis.tier} tier; findings: {', '.join(parts)}{tail}</p>"
    )


def _finding_item(finding: Finding, anchor: str, unit: str) -> str:
    where = f"¶{finding.line}" if unit == "paragraph" else f"{finding.line}:{finding.column}"
    quoted = " (quoted)" if finding.quoted else ""
    lines = [
        f'<li id="{anchor}"><span class="rule">{finding.rule}</span> {finding.severity} '
        f"at {where}: {escape(finding.message)}{quoted} [{finding.name}]"
    ]
    if finding.suggestions:
        best = finding.suggestions[0]
        lines.append(
            f'<br><span class="try">Try: {escape(best.sentence)}</span>'
            f'<br><span class="meta">Why: {escape(best.reason)}</span>'
        )
    return "".join(lines) + "</li>"


def _section(item: CheckedFile, file_index: int) -> str:
    analysis = item.analysis
    unit = analysis.meta.get("unit", "line")
    items = "".join(
        _finding_item(f, _anchor(file_index, i), unit) for i, f in enumerate(analysis.findings)
    )
    findings = f'<ol class="findings">{items}</ol>' if items else "<p>No findings.</p>"
    return (
        f"<section><h2>{escape(item.path)}</h2>{_counts(analysis)}{_scores(analysis)}"
        f'<div class="draft">{_marked_text(analysis, file_index)}</div>{findings}</section>'
    )


def render(files: Sequence[CheckedFile], *, color: bool = False) -> str:
    sections = "\n".join(_section(item, index) for index, item in enumerate(files))
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>framing report</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
        f"<h1>framing report</h1>\n"
        f'<p class="meta">framing {__version__}; hover a highlight for its rule.</p>\n'
        f"{sections}\n</body>\n</html>\n"
    )
