"""Output of ``framing agree``: a table to read, or versioned JSON to keep with a paper.

JSON shape (``version`` 1)::

    {"version": 1, "tool": "framing", "first", "second", "passages",
     "labels": {label: {"passages", "first_positives", "second_positives", "both_positives",
                        "kappa", "precision", "recall", "f1",
                        "ordinal": {"exact", "weighted_kappa", "spearman"} | null}},
     "disagreements": [{"id", "label", "first", "second", "binary", "text",
                        "first_why", "second_why"}]}

JSON holds every disagreement; the text lists the first ``limit``. An undefined figure is
``null`` in JSON and ``-`` in text.
"""

from __future__ import annotations

import json
from collections import Counter
from itertools import groupby
from typing import Any

from framing.agreement import Agreement, Disagreement, LabelAgreement
from framing.evaluate import ESCALATION_CUT
from framing.render.cells import figure, shorten

VERSION = 1
TEXT_CHARS = 160
COLUMNS = (
    ("label", 7),
    ("passages", 8),
    ("first+", 7),
    ("second+", 8),
    ("both+", 6),
    ("kappa", 7),
    ("precision", 10),
    ("recall", 7),
    ("F1", 7),
)


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def _label_document(item: LabelAgreement) -> dict[str, Any]:
    ordinal = item.ordinal
    return {
        "passages": item.passages,
        "first_positives": item.first_positives,
        "second_positives": item.second_positives,
        "both_positives": item.both_positives,
        "kappa": _rounded(item.kappa),
        "precision": _rounded(item.precision),
        "recall": _rounded(item.recall),
        "f1": _rounded(item.f1),
        "ordinal": None
        if ordinal is None
        else {
            "exact": _rounded(ordinal.exact),
            "weighted_kappa": _rounded(ordinal.weighted_kappa),
            "spearman": _rounded(ordinal.spearman),
        },
    }


def _disagreement_document(item: Disagreement) -> dict[str, Any]:
    return {
        "id": item.id,
        "label": item.label,
        "first": item.first,
        "second": item.second,
        "binary": item.binary,
        "text": item.text,
        "first_why": item.first_why,
        "second_why": item.second_why,
    }


def render_json(result: Agreement) -> str:
    document = {
        "version": VERSION,
        "tool": "framing",
        "first": result.first,
        "second": result.second,
        "passages": result.passages,
        "labels": {item.label: _label_document(item) for item in result.labels},
        "disagreements": [_disagreement_document(d) for d in result.disagreements],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _row(cells: tuple[object, ...]) -> str:
    first, *rest = ((str(c), w) for c, (_, w) in zip(cells, COLUMNS, strict=True))
    return f"{first[0]:{first[1]}}" + "".join(f" {c:>{w}}" for c, w in rest)


def _table(result: Agreement) -> list[str]:
    lines = [_row(tuple(name for name, _ in COLUMNS))]
    for item in result.labels:
        lines.append(
            _row(
                (
                    item.label,
                    item.passages,
                    item.first_positives,
                    item.second_positives,
                    item.both_positives,
                    figure(item.kappa),
                    figure(item.precision),
                    figure(item.recall),
                    figure(item.f1),
                )
            )
        )
        if item.ordinal is not None:
            o = item.ordinal
            lines.append(
                f"{'':7} on the 0–3 scale: exact agreement {figure(o.exact)}, "
                f"quadratic-weighted kappa {figure(o.weighted_kappa)}, "
                f"Spearman {figure(o.spearman)}"
            )
    return lines


def _change(d: Disagreement) -> str:
    side = "" if d.binary else f" (same side of {ESCALATION_CUT})"
    return f"{d.label} {d.first} → {d.second}{side}"


def _disagreements(result: Agreement, limit: int) -> list[str]:
    found = result.disagreements
    if not found:
        return ["no disagreements"]
    per_label = Counter(d.label for d in found)
    counts = ", ".join(
        f"{item.label} {per_label[item.label]}" for item in result.labels if per_label[item.label]
    )
    binary = sum(d.binary for d in found)
    shown = found[:limit]
    more = len(found) - len(shown)
    lines = [
        f"{len(found)} disagreements ({counts}); {binary} change the binary reading.",
        (f"The first {len(shown)}" if more else "All") + ", in file order (first → second):",
    ]
    # One block per passage: a passage disagreed on for two labels is adjudicated once.
    for passage_id, group in groupby(shown, key=lambda d: d.id):
        items = list(group)
        lines.append(f"  {passage_id}  {'; '.join(_change(d) for d in items)}")
        lines.append(f"    “{shorten(items[0].text, TEXT_CHARS)}”")
        if items[0].first_why:
            lines.append(f"    first's reason: {' '.join(items[0].first_why.split())}")
        if items[0].second_why:
            lines.append(f"    second's reason: {' '.join(items[0].second_why.split())}")
    if more:
        lines.append(
            f"  … and {more} more (--disagreements {len(found)} lists them all, "
            "as does --format json)"
        )
    return lines


def render_text(result: Agreement, *, disagreements: int = 20) -> str:
    lines = [
        f"first:  {result.first} (read as truth)",
        f"second: {result.second} (read as the system)",
        f"{result.passages} passages matched by id",
        "",
        *_table(result),
        "",
        f"esc counts as positive from {ESCALATION_CUT} (hostile) up. '-': undefined "
        "(one class only, or no positive).",
    ]
    if disagreements > 0:
        lines += ["", *_disagreements(result, disagreements)]
    return "\n".join(lines) + "\n"
