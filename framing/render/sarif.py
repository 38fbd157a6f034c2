"""``--format sarif``: SARIF 2.1.0 for code-scanning dashboards (GitHub, GitLab, Azure DevOps).

One run; ``tool.driver.rules`` lists the rules that have results (in the order of the rule
table), with their docs, and each result's ``ruleIndex`` points into that list. Columns are
counted in Unicode code points (``columnKind``), like the rest of framing. Each result carries a
``partialFingerprints`` entry built from the same key as ``--baseline`` (file, rule, flagged
text, sentence), so dashboards track a finding across line shifts. Suggestions become SARIF
``fixes`` on text files; a Word draft's offsets are into its extracted paragraphs, not the
file's bytes, so it gets none, and its ``startLine`` is the paragraph number. Counts of
suppressed and baselined findings and the scores are ``properties``.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from pathlib import PurePath
from typing import Any
from urllib.parse import quote

from framing import __version__
from framing.analysis import Analysis, Finding
from framing.render import CheckedFile
from framing.rules import RULES, Rule

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def artifact_uri(path: str) -> str:
    """A URI reference for a path as the user gave it (relative stays relative)."""
    if path == "-":
        return "stdin"
    pure = PurePath(path)
    if pure.is_absolute():
        return "file://" + quote(pure.as_posix())
    return quote(pure.as_posix())


def _rule(rule: Rule) -> dict[str, Any]:
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.what.split(". ")[0].rstrip(".") + "."},
        "fullDescription": {"text": rule.what},
        "help": {"text": f"{rule.why}\n\nInstead: {rule.instead}"},
        "defaultConfiguration": {"level": LEVELS[rule.severity.value]},
        "properties": {"category": rule.category.value, "tags": ["framing", rule.category.value]},
    }


def _fingerprint(path: str, analysis: Analysis, finding: Finding) -> str:
    from framing.baseline import finding_key

    key = "\0".join(finding_key(path, analysis, finding))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def _message(finding: Finding, unit: str) -> str:
    text = finding.message + (" (quoted)" if finding.quoted else "")
    if unit != "line":
        text += f" ({unit} {finding.line})"
    if finding.suggestions:
        text += f" Try: {finding.suggestions[0].sentence}"
    return text


def _result(
    item: CheckedFile, finding: Finding, artifact: int, rule_index: dict[str, int]
) -> dict[str, Any]:
    unit = item.analysis.meta.get("unit", "line")
    region: dict[str, Any] = {
        "startLine": finding.line,
        "startColumn": finding.column,
        "endLine": finding.end_line,
        "endColumn": finding.end_column,
        "snippet": {"text": finding.text},
    }
    location = {"uri": artifact_uri(item.path), "index": artifact}
    result: dict[str, Any] = {
        "ruleId": finding.rule,
        "ruleIndex": rule_index[finding.rule],
        "level": LEVELS[finding.severity],
        "message": {"text": _message(finding, unit)},
        "locations": [{"physicalLocation": {"artifactLocation": location, "region": region}}],
        "partialFingerprints": {
            "framingFinding/v1": _fingerprint(item.path, item.analysis, finding)
        },
        "properties": {"weight": finding.weight, "quoted": finding.quoted},
    }
    if unit == "line":
        region["charOffset"] = finding.start
        region["charLength"] = finding.end - finding.start
        result["fixes"] = [
            {
                "description": {"text": f"{s.replacement}: {s.reason}"},
                "artifactChanges": [
                    {
                        "artifactLocation": location,
                        "replacements": [
                            {
                                "deletedRegion": {
                                    "charOffset": finding.start,
                                    "charLength": finding.end - finding.start,
                                },
                                "insertedContent": {"text": s.replacement},
                            }
                        ],
                    }
                ],
            }
            for s in finding.suggestions
        ]
    return result


def _artifact(item: CheckedFile) -> dict[str, Any]:
    analysis = item.analysis
    scores = {name: getattr(analysis.scores, name) for name in analysis.scores.__dataclass_fields__}
    return {
        "location": {"uri": artifact_uri(item.path)},
        "properties": {
            "scores": scores,
            "words": analysis.words,
            "tier": analysis.tier,
            "suppressed": analysis.suppressed,
            "baselined": analysis.meta.get("baselined", 0),
        },
    }


def document(files: Sequence[CheckedFile]) -> dict[str, Any]:
    used = {finding.rule for item in files for finding in item.analysis.findings}
    rules = [rule for rule in RULES if rule.code in used]
    rule_index = {rule.code: index for index, rule in enumerate(rules)}
    results = [
        _result(item, finding, artifact, rule_index)
        for artifact, item in enumerate(files)
        for finding in item.analysis.findings
    ]
    run = {
        "tool": {
            "driver": {
                "name": "framing",
                "version": __version__,
                "semanticVersion": __version__,
                "rules": [_rule(rule) for rule in rules],
            }
        },
        "columnKind": "unicodeCodePoints",
        "artifacts": [_artifact(item) for item in files],
        "results": results,
        "properties": {
            "suppressed": sum(item.analysis.suppressed for item in files),
            "baselined": sum(item.analysis.meta.get("baselined", 0) for item in files),
        },
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def render(files: Sequence[CheckedFile], *, color: bool = False) -> str:
    return json.dumps(document(files), ensure_ascii=False, indent=2) + "\n"
