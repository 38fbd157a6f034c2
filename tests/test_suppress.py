"""Inline suppressions: regions, next line, same line; counted, never silently dropped."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from framing.api import Analyzer
from framing.check import analyze_jobs, read_jobs
from framing.cli import main
from framing.config import Overrides
from framing.errors import FramingError
from framing.suppress import parse_suppressions
from tests.conftest import ANNIHILATION, FRAMING, THREAT


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer("none")


def analyse(analyzer: Analyzer, tmp_path: Path, text: str, name: str = "draft.md"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    jobs = read_jobs([str(path)], Overrides(isolated=True))
    (item,) = analyze_jobs(jobs, make_analyzer=lambda s: analyzer)
    return item.analysis


def rules_of(analysis) -> set[str]:
    return {f.rule[:4] for f in analysis.findings}


def test_unsuppressed_draft_has_both_families(analyzer: Analyzer, tmp_path: Path) -> None:
    analysis = analyse(analyzer, tmp_path, f"{THREAT}\n\n{ANNIHILATION}\n")
    assert {"FRM1", "FRM2"} <= rules_of(analysis)
    assert analysis.suppressed == 0


def test_region_with_codes_suppresses_only_those(analyzer: Analyzer, tmp_path: Path) -> None:
    text = (
        f"<!-- framing: disable FRM2 -->\n{THREAT}\n\n{ANNIHILATION}\n<!-- framing: enable -->\n\n"
        f"{ANNIHILATION}\n"
    )
    analysis = analyse(analyzer, tmp_path, text)
    after = text.rindex(ANNIHILATION)
    assert "FRM1" in rules_of(analysis)
    assert not [f for f in analysis.findings if f.rule.startswith("FRM2") and f.start < after]
    assert [f for f in analysis.findings if f.rule.startswith("FRM2") and f.start >= after]
    assert analysis.suppressed >= 1


def test_region_without_codes_suppresses_everything_and_does_not_score(
    analyzer: Analyzer, tmp_path: Path
) -> None:
    text = f"Calm.\n\n<!-- framing: disable -->\n{THREAT}\n\n{ANNIHILATION}\n"
    analysis = analyse(analyzer, tmp_path, text)
    assert analysis.findings == ()
    assert analysis.suppressed >= 2
    assert analysis.scores.tension == 0.0


def test_ignore_next_line_and_same_line(analyzer: Analyzer, tmp_path: Path) -> None:
    text = (
        f"<!-- framing: ignore-next-line -->\n{ANNIHILATION}\n{ANNIHILATION}\n"
        f"{THREAT} framing: ignore\n"
    )
    analysis = analyse(analyzer, tmp_path, text, name="draft.txt")
    lines = {f.line for f in analysis.findings}
    assert 3 in lines
    assert not lines & {2, 4}
    assert analysis.suppressed >= 2


def test_suppressed_findings_are_counted_in_the_text_summary(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text(f"Calm words.\n{ANNIHILATION} framing: ignore\n", encoding="utf-8")
    code = main(["check", "--isolated", "--model", "none", str(draft)])
    out = capsys.readouterr().out
    assert code == 0
    assert "suppressed" in out


def test_parse_positions() -> None:
    text = "a\n<!-- framing: disable FRM101, FRM2 -->\nb\n<!-- framing: enable FRM101,FRM2 -->\nc\n"
    (region,) = parse_suppressions(text)
    assert region.rules == ("FRM101", "FRM2")
    assert text[region.start : region.end] == "\nb\n"
    (line,) = parse_suppressions("x\n<!-- framing: ignore-next-line -->\nnext\nafter\n")
    assert "x\n<!-- framing: ignore-next-line -->\nnext\nafter\n"[line.start : line.end] == "next"
    (same,) = parse_suppressions("one\ntwo framing: ignore\nthree")
    assert "one\ntwo framing: ignore\nthree"[same.start : same.end] == "two framing: ignore"
    unclosed = parse_suppressions("<!-- framing: disable -->\nrest")
    assert unclosed[0].end == len("<!-- framing: disable -->\nrest")


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("<!-- framing: disabel -->\n", "E110"),
        ("<!-- framing: ignore FRM101 -->\n", "E110"),
        ("<!-- framing: disable FRM999 -->\n", "E111"),
        ("<!-- framing: disable XYZ -->\n", "E111"),
    ],
)
def test_malformed_directives_are_errors(text: str, code: str) -> None:
    with pytest.raises(FramingError) as caught:
        parse_suppressions("ok\n" + text, "draft.md")
    assert caught.value.code == code
    assert "draft.md:2" in caught.value.one_line()


def test_directive_examples_in_code_are_not_directives(analyzer: Analyzer, tmp_path: Path) -> None:
    text = (
        "Write `<!-- framing: disable -->` to switch rules off:\n\n"
        "```markdown\n<!-- framing: disabel -->\n<!-- framing: disable -->\n```\n\n"
        f"{ANNIHILATION}\n"
    )
    analysis = analyse(analyzer, tmp_path, text)
    assert "FRM2" in rules_of(analysis)
    assert analysis.suppressed == 0


def test_bad_directive_from_the_executable(tmp_path: Path) -> None:
    draft = tmp_path / "draft.md"
    draft.write_text(f"{THREAT}\n<!-- framing: disable FRM9 -->\n", encoding="utf-8")
    completed = subprocess.run(
        [str(FRAMING), "check", "--isolated", "--model", "none", str(draft)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 2
    assert completed.stdout == ""
    assert completed.stderr.count("\n") == 1
    assert completed.stderr.startswith("framing: error E111:")
    assert f"{draft}:2" in completed.stderr
