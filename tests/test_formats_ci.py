"""CI formats: SARIF 2.1.0 (validated against the OASIS schema), GitHub annotations, HTML.

The golden files render a fixed Markdown draft with a tiny frozen lexicon pack
(``tests/data/editors_*.toml``), so that tuning the built-in lexicons does not churn them;
regenerate after an intended change with ``FRAMING_UPDATE_GOLDEN=1``. The schema check also
runs on a real speech with the built-in lexicons, through the real ``framing`` executable.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import jsonschema
import pytest

from framing.api import Analyzer
from framing.check import analyze_jobs, read_jobs
from framing.cli import main
from framing.config import Overrides
from framing.render import CheckedFile, OutputFormat, render
from framing.render.github import escape_data, escape_property
from tests.conftest import FRAMING, ROOT, check_golden

DATA = ROOT / "tests" / "data"
GOLDEN = ROOT / "tests" / "golden"
PACKS = (DATA / "editors_cues.toml", DATA / "editors_targets.toml")
DRAFT = "tests/data/editors_draft.md"
SPEECH = "corpora/un_general_debate/USA_72_2017.txt"
ANNOTATION = re.compile(r"^::(error|warning|notice) ([^:]*)::(.*)$")


@pytest.fixture(scope="module")
def draft_files() -> Iterator[tuple[CheckedFile, ...]]:
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        jobs = read_jobs([DRAFT], Overrides(isolated=True))
        analyzer = Analyzer("none", builtin_lexicons=False, lexicons=PACKS)
        yield analyze_jobs(jobs, make_analyzer=lambda settings: analyzer)
    finally:
        os.chdir(cwd)


@pytest.fixture(scope="module")
def sarif_schema() -> jsonschema.Draft7Validator:
    schema = json.loads((DATA / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    return jsonschema.Draft7Validator(schema)


def test_the_fixed_draft_has_findings_of_every_kind(draft_files: tuple[CheckedFile, ...]) -> None:
    (item,) = draft_files
    findings = item.analysis.findings
    assert {f.rule for f in findings} == {"FRM102", "FRM201"}
    assert any(f.quoted for f in findings) and any(not f.quoted for f in findings)
    assert item.analysis.suppressed == 1


@pytest.mark.parametrize(
    ("fmt", "suffix"),
    [
        (OutputFormat.SARIF, "sarif"),
        (OutputFormat.GITHUB, "github.txt"),
        (OutputFormat.HTML, "html"),
    ],
)
def test_golden(draft_files: tuple[CheckedFile, ...], fmt: OutputFormat, suffix: str) -> None:
    check_golden(GOLDEN / f"editors_draft.{suffix}", render(draft_files, fmt))


def test_sarif_is_valid_and_points_into_the_file(
    draft_files: tuple[CheckedFile, ...], sarif_schema: jsonschema.Draft7Validator
) -> None:
    document = json.loads(render(draft_files, OutputFormat.SARIF))
    sarif_schema.validate(document)
    (run,) = document["runs"]
    assert run["columnKind"] == "unicodeCodePoints"
    assert run["properties"]["suppressed"] == 1
    rules = run["tool"]["driver"]["rules"]
    original = (ROOT / DRAFT).read_text(encoding="utf-8")
    lines = original.split("\n")
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        region = result["locations"][0]["physicalLocation"]["region"]
        start, length = region["charOffset"], region["charLength"]
        assert original[start : start + length] == region["snippet"]["text"]
        line = lines[region["startLine"] - 1]
        assert line[region["startColumn"] - 1 :].startswith(region["snippet"]["text"])
    levels = {r["level"] for r in run["results"]}
    assert levels == {"error", "note"}  # the block quote's findings are notes


def test_sarif_of_a_real_speech_from_the_executable(
    sarif_schema: jsonschema.Draft7Validator,
) -> None:
    completed = subprocess.run(
        [str(FRAMING), "check", "--format", "sarif", "--model", "none", "--isolated", SPEECH],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode in (0, 1), completed.stderr
    document = json.loads(completed.stdout)
    sarif_schema.validate(document)
    results = document["runs"][0]["results"]
    assert results, "Trump's 2017 UN speech should draw findings"
    assert completed.returncode == 1
    uri = document["runs"][0]["artifacts"][0]["location"]["uri"]
    assert uri == SPEECH


def test_github_annotations(draft_files: tuple[CheckedFile, ...]) -> None:
    out = render(draft_files, OutputFormat.GITHUB)
    lines = out.splitlines()
    annotations = [ANNOTATION.match(line) for line in lines if line.startswith("::")]
    assert len(annotations) == len(draft_files[0].analysis.findings)
    for match in annotations:
        assert match is not None
        properties = dict(part.split("=", 1) for part in match.group(2).split(","))
        assert properties["file"] == DRAFT
        assert {"line", "col", "endLine", "endColumn", "title"} <= set(properties)
    assert {m.group(1) for m in annotations if m} == {"error", "notice"}
    assert lines[-1].startswith(f"{DRAFT}: tension ") and "1 suppressed" in lines[-1]


def test_github_escaping() -> None:
    assert escape_data("50% done\r\nnext") == "50%25 done%0D%0Anext"
    assert escape_property("a:b,c") == "a%3Ab%2Cc"


class _DraftText(HTMLParser):
    """Collects the text of the highlighted draft, without the [n] markers."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.in_sup = 0
        self.parts: list[str] = []
        self.marks = 0
        self.tags: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        if tag == "div" and ("class", "draft") in attrs:
            self.depth = 1
        elif self.depth and tag == "div":
            self.depth += 1
        if self.depth and tag == "sup":
            self.in_sup += 1
        if self.depth and tag == "mark":
            self.marks += 1

    def handle_endtag(self, tag: str) -> None:
        if self.depth and tag == "div":
            self.depth -= 1
        if self.in_sup and tag == "sup":
            self.in_sup -= 1

    def handle_data(self, data: str) -> None:
        if self.depth and not self.in_sup:
            self.parts.append(data)


def test_html_is_self_contained_and_shows_the_whole_draft(
    draft_files: tuple[CheckedFile, ...],
) -> None:
    page = render(draft_files, OutputFormat.HTML)
    parser = _DraftText()
    parser.feed(page)
    assert "".join(parser.parts) == (ROOT / DRAFT).read_text(encoding="utf-8")
    assert parser.marks >= len(draft_files[0].analysis.findings) > 0
    assert not parser.tags & {"script", "link", "img", "iframe"}
    assert "<style>" in page and "tension" in page and "1 suppressed" in page


def test_cli_formats_exit_codes(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text(
        "We will have no choice but to totally destroy North Korea.\n", encoding="utf-8"
    )
    for fmt in ("github", "html", "sarif"):
        code = main(["check", "--isolated", "--model", "none", "--format", fmt, str(draft)])
        out = capsys.readouterr().out
        assert code == 1, fmt
        assert out.strip()
    code = main(["check", "--format", "xml", str(draft)])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and "xml" in err
