"""Output of ``framing evaluate``: a table to read, or versioned JSON to keep with a paper.

JSON shape (``version`` 1)::

    {"version": 1, "tool": "framing",
     "gold": {"path", "passages", "tier", "lexicon_version", "calibration", "notes",
              "labels": {label: {"passages", "positives",
                                 "systems": {system: {"precision", "recall", "f1", "auc",
                                                      "spearman" (esc only)}}}},
              "worst_misses": [{"id", "label", "value", "truth", "predicted", "score",
                                "system", "text", "said"}]} | null,
     "clean": {"paths", "files", "words", "tier", "lexicon_version", "findings", "quoted",
               "errors", "errors_per_10000", "warnings", "warnings_per_1000", "skipped",
               "rules": [{"rule", "name", "severity", "count", "per_1000",
                          "entries": [{"entry", "count", "per_1000",
                                       "samples": [{"path", "line", "match", "sentence"}]}]}]}
              | null}

A figure that is undefined (a system without a threshold has no F1; one class only has no AUC)
is ``null`` in JSON and ``-`` in text.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from framing.clean_report import CleanReport
from framing.gold_report import SYSTEMS, GoldReport
from framing.render.cells import figure, shorten

VERSION = 1
METRICS = ("precision", "recall", "f1", "auc", "spearman")
TEXT_CHARS = 220


def _rounded(metrics: dict[str, float | None]) -> dict[str, float | None]:
    return {k: None if v is None else round(v, 4) for k, v in metrics.items()}


def gold_document(report: GoldReport) -> dict[str, Any]:
    return {
        "path": report.path,
        "passages": report.passages,
        "tier": report.tier,
        "lexicon_version": report.lexicon_version,
        "calibration": report.calibration,
        "notes": list(report.notes),
        "labels": {
            item.label: {
                "passages": item.passages,
                "positives": item.positives,
                "systems": {name: _rounded(m) for name, m in item.systems.items()},
            }
            for item in report.labels
        },
        "worst_misses": [
            {
                "id": m.id,
                "label": m.label,
                "value": m.value,
                "truth": m.truth,
                "predicted": m.predicted,
                "score": m.score,
                "system": m.system,
                "text": m.text,
                "said": list(m.said),
            }
            for m in report.misses
        ],
    }


def clean_document(report: CleanReport) -> dict[str, Any]:
    document = asdict(report)
    document["paths"] = list(report.paths)
    return document


def render_json(gold: GoldReport | None, clean: CleanReport | None) -> str:
    document = {
        "version": VERSION,
        "tool": "framing",
        "gold": gold_document(gold) if gold else None,
        "clean": clean_document(clean) if clean else None,
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def gold_text(report: GoldReport) -> list[str]:
    lines = [
        f"{report.path}: {report.passages} passages, {report.tier} tier, "
        f"lexicons {report.lexicon_version}",
    ]
    if report.calibration:
        lines.append(f"calibrated: {report.calibration}")
    lines += ["", f"{'label':7} {'system':11} " + " ".join(f"{m:>9}" for m in METRICS)]
    for item in report.labels:
        for number, name in enumerate(n for n in SYSTEMS if n in item.systems):
            metrics = item.systems[name]
            label = item.label if number == 0 else ""
            cells = " ".join(f"{figure(metrics.get(m)):>9}" for m in METRICS)
            tail = f"   ({item.positives} positive of {item.passages})" if number == 0 else ""
            lines.append(f"{label:7} {name:11} {cells}{tail}")
    if report.misses:
        lines += ["", "worst misses (largest score error, labels in turn):"]
        for miss in report.misses:
            lines.append(
                f"  {miss.id} {miss.label}={miss.value}: {miss.system} said {miss.predicted} "
                f"(score {miss.score:.3f})"
            )
            lines.append(f"    “{shorten(miss.text, TEXT_CHARS)}”")
            lines.append(f"    findings: {'; '.join(miss.said)}")
    if report.notes:
        lines += ["", "notes:", *(f"  - {note}" for note in report.notes)]
    return lines


def _paths(paths: tuple[str, ...], shown: int = 3) -> str:
    more = len(paths) - shown
    return ", ".join(paths[:shown]) + (f" and {more} more" if more > 0 else "")


def clean_text(report: CleanReport) -> list[str]:
    lines = [
        f"clean corpus {_paths(report.paths)}: {report.files} files, {report.words:,} words, "
        f"{report.tier} tier, lexicons {report.lexicon_version}",
        f"error-severity findings: {report.errors} "
        f"({report.errors_per_10000:.3f} per 10,000 words)",
        f"warning-severity findings: {report.warnings} "
        f"({report.warnings_per_1000:.3f} per 1,000 words)",
        f"quoted findings (not counted): {report.quoted}",
        *(f"skipped: {reason}" for reason in report.skipped),
    ]
    if not report.rules:
        return [*lines, "", "no findings"]
    lines += ["", f"{'rule':7} {'name':30} {'severity':8} {'count':>6} {'per 1,000 words':>16}"]
    for rule in report.rules:
        lines.append(
            f"{rule.rule:7} {rule.name:30} {rule.severity:8} {rule.count:>6} {rule.per_1000:>16.3f}"
        )
        for entry in rule.entries:
            lines.append(f"  entry {entry.entry}: {entry.count} ({entry.per_1000:.3f} per 1,000)")
            for sample in entry.samples:
                lines.append(f"    {sample.path}:{sample.line} “{sample.match}”: {sample.sentence}")
    return lines


def render_text(gold: GoldReport | None, clean: CleanReport | None) -> str:
    parts = []
    if gold:
        parts.append("\n".join(gold_text(gold)))
    if clean:
        parts.append("\n".join(clean_text(clean)))
    return "\n\n".join(parts) + "\n"
