"""Offsets are sacred: every finding points at exact characters, line and column of the input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from framing.cli import main

DRAFT = (
    "Remarks as prepared\r\n"
    "\r\n"
    "Our commitment remains ironclad.\r\n"
    "Rocket man is on a suicide mission for himself and for his regime.\r\n"
)


@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"])
def test_offsets_line_and_column_with_crlf_and_bom(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], bom: bytes
) -> None:
    path = tmp_path / "draft.txt"
    path.write_bytes(bom + DRAFT.encode("utf-8"))
    assert main(["check", str(path), "--format", "json", "--model", "none"]) == 1
    findings = json.loads(capsys.readouterr().out)["files"][0]["findings"]
    original = path.read_bytes().decode("utf-8")
    lines = original.split("\n")
    assert findings
    for finding in findings:
        assert original[finding["start"] : finding["end"]] == finding["text"]
        line = lines[finding["line"] - 1]
        assert line[finding["column"] - 1 :].startswith(finding["text"])
        assert finding["end_line"] == finding["line"]
        assert finding["end_column"] - finding["column"] == len(finding["text"])
    rocket = next(f for f in findings if f["text"].lower() == "rocket man")
    assert (rocket["line"], rocket["column"]) == (4, 1)
