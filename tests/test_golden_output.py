"""Golden files pin what users see: JSON and text output for the article and a real speech.

Regenerate after an intended change with ``FRAMING_UPDATE_GOLDEN=1 make test`` and review the
diff like code.
"""

from __future__ import annotations

import json
import os

import pytest

from framing.cli import main
from tests.conftest import ROOT, check_golden

DRAFTS = {
    "article": "seeds/reimagining-us-engagement-with-north-korea.txt",
    "usa-unga-2017": "corpora/un_general_debate/USA_72_2017.txt",
}
FINDING_KEYS = {
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
}
SCORE_KEYS = {
    "tension",
    "threat",
    "escalation",
    "hostile_policy",
    "military_tension",
    "reassurance",
    "polarity",
    "subjectivity",
}


def run_check(capsys: pytest.CaptureFixture[str], path: str, fmt: str) -> str:
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        code = main(["check", path, "--format", fmt, "--model", "none", "--no-color"])
    finally:
        os.chdir(cwd)
    assert code in (0, 1)
    return capsys.readouterr().out


@pytest.mark.parametrize("name", DRAFTS)
def test_json_golden(capsys: pytest.CaptureFixture[str], name: str) -> None:
    out = run_check(capsys, DRAFTS[name], "json")
    document = json.loads(out)
    assert document["version"] == 1
    assert set(document) == {"version", "files"}
    (entry,) = document["files"]
    assert set(entry) == {"path", "findings", "scores"}
    assert set(entry["scores"]) == SCORE_KEYS
    original = (ROOT / DRAFTS[name]).read_text(encoding="utf-8")
    for finding in entry["findings"]:
        assert set(finding) == FINDING_KEYS
        assert original[finding["start"] : finding["end"]] == finding["text"]
    check_golden(ROOT / "tests" / "golden" / f"{name}.json", out)


@pytest.mark.parametrize("name", DRAFTS)
def test_text_golden(capsys: pytest.CaptureFixture[str], name: str) -> None:
    out = run_check(capsys, DRAFTS[name], "text")
    check_golden(ROOT / "tests" / "golden" / f"{name}.txt", out)
