"""Shared fixtures: one analyzer per tier for the whole session (building one is the slow part)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from framing.api import Analyzer
from framing.cli import main
from framing.pipeline import installed_trained_pipeline

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT / "corpora"
UPDATE_GOLDEN = os.environ.get("FRAMING_UPDATE_GOLDEN") == "1"
FRAMING = ROOT / ".venv" / "bin" / "framing"
# Real sentences (Trump, UN General Assembly, 2017) that many tests use.
THREAT = "Rocket Man is on a suicide mission for himself and for his regime."
ANNIHILATION = "We will have no choice but to totally destroy North Korea."

# A user lexicon pack, as a press office would keep one next to its drafts.
HOUSE_PACK = """\
[meta]
id = "house-terms"
version = "1.0.0"
language = "en"
kind = "cues"
source = "press office style guide"
license = "CC0-1.0"

[[entries]]
id = "house-paper-tiger"
rule = "FRM203"
patterns = ["paper tiger"]
weight = 0.6
rationale = "Mocking the other side's strength invites a show of it in reply."
article = "U.S. officials need to craft their rhetoric with more discipline and precision."
alternatives = ["a weaker position"]
"""


@pytest.fixture(scope="session")
def rules_analyzer() -> Analyzer:
    return Analyzer("none")


@pytest.fixture(scope="session")
def parser_analyzer() -> Analyzer:
    name = installed_trained_pipeline()
    if name is None:
        pytest.skip("no trained English pipeline installed (pip install framing[parser])")
    return Analyzer(name)


@pytest.fixture(scope="session", params=["rules", "parser"])
def analyzer(request: pytest.FixtureRequest) -> Analyzer:
    """Both tiers: every test using this runs once per tier."""
    if request.param == "rules":
        return request.getfixturevalue("rules_analyzer")
    return request.getfixturevalue("parser_analyzer")


def check_golden(path: Path, actual: str) -> None:
    """Compare with a golden file; FRAMING_UPDATE_GOLDEN=1 rewrites it instead."""
    if UPDATE_GOLDEN or not path.exists():
        path.write_text(actual, encoding="utf-8")
        if not UPDATE_GOLDEN:
            pytest.fail(f"golden file {path.name} was missing and has been written; re-run")
    assert actual == path.read_text(encoding="utf-8"), f"output differs from {path.name}"


def run_main(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """Run the ``framing`` command in-process: its exit code, stdout and stderr."""
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err
