"""Word drafts: read with python-docx, findings point at paragraph numbers."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import docx
import jsonschema
import pytest

from framing.api import Analyzer
from framing.check import analyze_jobs, read_jobs
from framing.cli import main
from framing.config import Overrides
from framing.sources.docx import read_docx
from tests.conftest import ANNIHILATION, CORPORA, FRAMING, ROOT, THREAT


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer("none")


def make_docx(path: Path, paragraphs: list[tuple[str, str | None]], cells: tuple[str, ...] = ()):
    document = docx.Document()
    for text, style in paragraphs:
        document.add_paragraph(text, style=style)
    if cells:
        table = document.add_table(rows=1, cols=len(cells))
        for cell, text in zip(table.rows[0].cells, cells, strict=True):
            cell.text = text
    document.save(str(path))
    return path


@pytest.fixture
def draft(tmp_path: Path) -> Path:
    document = docx.Document()
    document.add_paragraph("Remarks to the General Assembly", style="Title")
    document.add_paragraph("We meet at a moment of great promise and great peril.")
    broken = document.add_paragraph("First line of a paragraph")
    broken.add_run().add_break()
    broken.add_run("continues after a line break.")
    document.add_paragraph(THREAT)
    document.add_paragraph(ANNIHILATION, style="Quote")
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "Talking point"
    table.rows[0].cells[1].text = ANNIHILATION
    path = tmp_path / "remarks.docx"
    document.save(str(path))
    return path


def test_source_is_paragraphs_joined_by_newlines(draft: Path) -> None:
    source = read_docx(str(draft), draft.read_bytes())
    lines = source.original.split("\n")
    assert lines[0] == "Remarks to the General Assembly"
    assert lines[2] == "First line of a paragraph continues after a line break."
    assert lines[3:] == [THREAT, ANNIHILATION, "Talking point", ANNIHILATION]
    assert source.unit == "paragraph"
    ((start, end),) = source.quoted_ranges
    assert source.original[start:end] == ANNIHILATION


def test_findings_point_at_paragraphs(analyzer: Analyzer, draft: Path) -> None:
    jobs = read_jobs([str(draft)], Overrides(isolated=True))
    (item,) = analyze_jobs(jobs, make_analyzer=lambda s: analyzer)
    analysis = item.analysis
    assert analysis.meta["unit"] == "paragraph"
    paragraphs = analysis.text.split("\n")
    by_paragraph = {}
    for finding in analysis.findings:
        assert analysis.text[finding.start : finding.end] == finding.text
        paragraph = paragraphs[finding.line - 1]
        assert paragraph[finding.column - 1 :].startswith(finding.text)
        by_paragraph.setdefault(finding.line, set()).add((finding.rule[:4], finding.quoted))
    assert ("FRM1", False) in by_paragraph[4]
    assert by_paragraph[5] and all(quoted for _, quoted in by_paragraph[5])  # "Quote" style
    assert ("FRM2", False) in by_paragraph[7]  # the table cell


def test_cli_exit_codes_and_paragraph_reporting(
    capsys: pytest.CaptureFixture[str], draft: Path, tmp_path: Path
) -> None:
    assert main(["check", "--isolated", "--model", "none", str(draft)]) == 1
    out = capsys.readouterr().out
    assert f"{draft}:4:" in out and "paragraph" in out
    assert main(["check", "--isolated", "--model", "none", "-f", "github", str(draft)]) == 1
    annotations = [line for line in capsys.readouterr().out.splitlines() if line.startswith("::")]
    assert annotations and all(",line=" not in line for line in annotations)
    assert any("(paragraph 4)" in line for line in annotations)
    assert main(["check", "--isolated", "--model", "none", "-f", "sarif", str(draft)]) == 1
    sarif = json.loads(capsys.readouterr().out)
    schema = json.loads((ROOT / "tests" / "data" / "sarif-schema-2.1.0.json").read_text())
    jsonschema.Draft7Validator(schema).validate(sarif)
    results = sarif["runs"][0]["results"]
    assert all("fixes" not in r for r in results)
    washington = (CORPORA / "inaugural" / "1789-Washington.txt").read_text(encoding="utf-8")
    calm = make_docx(
        tmp_path / "calm.docx", [(p, None) for p in washington.split("\n") if p.strip()]
    )
    assert main(["check", "--isolated", "--model", "none", "--fail-on", "error", str(calm)]) == 0


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"plain text pretending to be Word", "E120"),
        (b"PK\x03\x04 truncated zip", "E120"),
    ],
)
def test_unreadable_docx(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, content: bytes, code: str
) -> None:
    path = tmp_path / "broken.docx"
    path.write_bytes(content)
    assert main(["check", "--isolated", str(path)]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and f"error {code}:" in err and "broken.docx" in err


def test_empty_docx_from_the_executable(tmp_path: Path) -> None:
    empty = make_docx(tmp_path / "empty.docx", [("", None), ("   ", None)])
    completed = subprocess.run(
        [str(FRAMING), "check", "--isolated", str(empty)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 2
    assert completed.stderr.startswith("framing: error E003:") and "empty.docx" in completed.stderr
    assert completed.stdout == ""
