"""``--format json``: the versioned machine-readable shape.

``{"version": 1, "files": [{"path", "findings": [...], "scores": {...}}]}``; the keys of a
finding and of the scores are fixed by ``FINDING_KEYS`` and ``SCORE_KEYS`` and only change with
the version number.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict
from typing import Any

from framing.analysis import Finding
from framing.render import CheckedFile
from framing.scoring import SCORE_FIELDS

VERSION = 1
FINDING_KEYS = (
    "rule",
    "category",
    "severity",
    "message",
    "start",
    "end",
    "line",
    "column",
    "end_line",
    "end_column",
    "text",
    "weight",
    "quoted",
    "suggestions",
    "rationale",
)
SCORE_KEYS = SCORE_FIELDS


def finding_dict(finding: Finding) -> dict[str, Any]:
    data = asdict(finding)
    return {key: data[key] for key in FINDING_KEYS}


def document(files: Sequence[CheckedFile]) -> dict[str, Any]:
    return {
        "version": VERSION,
        "files": [
            {
                "path": item.path,
                "findings": [finding_dict(f) for f in item.analysis.findings],
                "scores": {key: getattr(item.analysis.scores, key) for key in SCORE_KEYS},
            }
            for item in files
        ],
    }


def render(files: Sequence[CheckedFile], *, color: bool = False) -> str:
    return json.dumps(document(files), ensure_ascii=False, indent=2) + "\n"
