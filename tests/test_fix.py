"""``framing fix``: diff, in-place writes that keep every other byte, refusals, interactive."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

import framing.fix
from framing.api import Analyzer
from framing.cli import app, main
from framing.fix import fix_text

ROOT = Path(__file__).resolve().parents[1]
FRAMING = Path(sys.executable).with_name("framing")
ROCKET = "Rocket man is on a suicide mission for himself and for his regime."
DESTROY = "We will have no choice but to totally destroy North Korea."
CALM = (ROOT / "corpora" / "inaugural" / "1789-Washington.txt").read_text(encoding="utf-8")
ARGS = ["--model", "none", "--isolated"]


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer("none")


def draft(tmp_path: Path, text: str, name: str = "draft.txt", *, raw: bytes | None = None) -> Path:
    path = tmp_path / name
    path.write_bytes(raw if raw is not None else text.encode("utf-8"))
    return path


def invoke(args: list[str], stdin: str) -> Result:
    """Run the command in-process; ``return_value`` is the exit code ``main`` would return."""
    result = CliRunner().invoke(app, args, input=stdin, standalone_mode=False)
    if result.exception is not None:
        raise result.exception
    return result


def test_diff_by_default_leaves_the_file_alone(tmp_path: Path, capsys) -> None:
    path = draft(tmp_path, f"Opening line.\n{ROCKET}\n")
    before = path.read_bytes()
    assert main(["fix", str(path), *ARGS]) == 1
    out = capsys.readouterr().out
    assert out.startswith(f"--- a/{path}\n+++ b/{path}\n@@")
    assert f"-{ROCKET}\n" in out
    assert "+Chairman Kim is on a dangerous course for himself and for his regime.\n" in out
    assert path.read_bytes() == before


def test_nothing_to_fix_exits_0_silently(tmp_path: Path, capsys) -> None:
    path = draft(tmp_path, CALM)
    assert main(["fix", str(path), *ARGS]) == 0
    assert capsys.readouterr().out == ""


def test_write_applies_in_place_and_a_second_run_changes_nothing(tmp_path: Path, capsys) -> None:
    path = draft(tmp_path, f"{ROCKET}\n\n{DESTROY}\n")
    path.chmod(0o640)
    assert main(["fix", str(path), "--write", *ARGS]) == 0
    assert "framing: fixed 3 findings in" in capsys.readouterr().err
    fixed = path.read_text(encoding="utf-8")
    assert fixed == (
        "Chairman Kim is on a dangerous course for himself and for his regime.\n\n"
        "We will have no choice but to defend ourselves and our allies against North Korea.\n"
    )
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")], "temporary file left"
    assert main(["fix", str(path), "--write", *ARGS]) == 0
    assert path.read_text(encoding="utf-8") == fixed
    assert main(["fix", str(path), *ARGS]) == 0


def test_write_keeps_bom_crlf_and_every_byte_outside_the_edits(tmp_path: Path) -> None:
    text = f"\ufeffTitle: remarks\r\n\r\n{ROCKET}\r\nThank you.\r\nNo newline at the end"
    path = draft(tmp_path, text)
    assert main(["fix", str(path), "--write", *ARGS]) == 0
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfTitle: remarks\r\n\r\nChairman Kim is on a ")
    assert raw.endswith(b" for himself and for his regime.\r\nThank you.\r\nNo newline at the end")
    assert raw.count(b"\r\n") == 4 and b"\n" not in raw.replace(b"\r\n", b"")


def test_markdown_markup_is_left_alone(tmp_path: Path) -> None:
    text = (
        "# Remarks\n\n**Rocket man** is on a suicide mission for himself.\n\n"
        "```\nwe will totally destroy North Korea\n```\n"
    )
    path = draft(tmp_path, text, "remarks.md")
    assert main(["fix", str(path), "--write", *ARGS]) == 0
    fixed = path.read_text(encoding="utf-8")
    assert fixed.startswith("# Remarks\n\n**Chairman Kim** is on a ")
    assert fixed.endswith("```\nwe will totally destroy North Korea\n```\n")


def test_select_fixes_only_the_selected_rules(tmp_path: Path) -> None:
    path = draft(tmp_path, f"{ROCKET} {DESTROY}\n")
    assert main(["fix", str(path), "--write", "--select", "FRM2", *ARGS]) == 0
    fixed = path.read_text(encoding="utf-8")
    assert fixed.startswith("Rocket man is on a suicide mission")
    assert "defend ourselves and our allies against North Korea" in fixed


def test_stdin_goes_to_stdout() -> None:
    result = invoke(["fix", "-", *ARGS], f"{ROCKET}\n")
    assert result.return_value == 0
    assert (
        result.stdout == "Chairman Kim is on a dangerous course for himself and for his regime.\n"
    )


def test_a_file_that_changes_while_fix_runs_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    path = draft(tmp_path, f"{ROCKET}\n")
    real = framing.fix.fix_targets

    def edited_meanwhile(*args, **kwargs):
        results = real(*args, **kwargs)
        path.write_text("Someone else's edit.\n", encoding="utf-8")
        return results

    monkeypatch.setattr(framing.fix, "fix_targets", edited_meanwhile)
    assert main(["fix", str(path), "--write", *ARGS]) == 2
    err = capsys.readouterr().err
    assert err.startswith("framing: error E252: ") and err.count("\n") == 1
    assert path.read_text(encoding="utf-8") == "Someone else's edit.\n"


def test_read_only_file_is_refused_and_nothing_is_written(tmp_path: Path, capsys) -> None:
    writable = draft(tmp_path, f"{ROCKET}\n", "a.txt")
    locked = draft(tmp_path, f"{DESTROY}\n", "b.txt")
    locked.chmod(0o444)
    assert main(["fix", str(writable), str(locked), "--write", *ARGS]) == 2
    err = capsys.readouterr().err
    assert err.startswith("framing: error E251: ") and err.count("\n") == 1
    assert writable.read_text(encoding="utf-8") == f"{ROCKET}\n"
    assert locked.read_text(encoding="utf-8") == f"{DESTROY}\n"


@pytest.mark.parametrize("kind", ["directory", "binary", "word", "stdin-and-path"])
def test_bad_input_is_one_line_exit_2_and_nothing_written(
    tmp_path: Path, kind: str, capsys
) -> None:
    good = draft(tmp_path, f"{ROCKET}\n", "good.txt")
    if kind == "directory":
        target = tmp_path / "folder"
        target.mkdir()
        draft(target, f"{ROCKET}\n")
        code = "E250"
    elif kind == "binary":
        target = draft(tmp_path, "", "image.txt", raw=b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR")
        code = "E002"
    elif kind == "word":
        target = draft(tmp_path, "", "speech.docx", raw=b"PK\x03\x04")
        code = "E255"
    else:
        target = Path("-")
        code = "E254"
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    assert main(["fix", str(good), str(target), "--write", *ARGS]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"framing: error {code}: ") and err.count("\n") == 1
    assert {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()} == before


def test_interactive_pick_skip_and_quit(tmp_path: Path, analyzer: Analyzer) -> None:
    text = f"{ROCKET}\n{DESTROY}\n"
    path = draft(tmp_path, text)
    epithet = next(f for f in analyzer.analyze(text).findings if f.rule == "FRM102")
    assert len(epithet.suggestions) >= 2
    picked = epithet.suggestions[1]
    # pick the second name for the epithet, skip the threat in that sentence, quit.
    result = invoke(["fix", str(path), "-i", "--write", *ARGS], "2\ns\nq\n")
    assert result.return_value == 0, result.output
    assert "[a]ccept 1, pick 1-" in result.stderr
    first, second = path.read_text(encoding="utf-8").splitlines()
    assert first == picked.sentence
    assert second == DESTROY


def test_interactive_accept_all_reaches_what_automatic_fix_does(tmp_path: Path) -> None:
    path = draft(tmp_path, f"{DESTROY}\n")
    result = invoke(["fix", str(path), "-i", *ARGS], "a\n")
    assert result.return_value == 1
    assert "+We will have no choice but to defend ourselves and our allies" in result.stdout
    assert path.read_text(encoding="utf-8") == f"{DESTROY}\n"


def test_fix_text_api_reports_edits_in_original_coordinates(analyzer: Analyzer) -> None:
    text = f"{ROCKET} {DESTROY}"
    result = fix_text(analyzer, text)
    rebuilt = text
    for edit in sorted(result.edits, key=lambda e: -e.start):
        rebuilt = edit.apply(rebuilt)
    assert rebuilt == result.after != text
    assert {f.rule[:4] for f in result.fixed} >= {"FRM1", "FRM2"}


def test_subprocess_diff_and_error(tmp_path: Path) -> None:
    path = draft(tmp_path, f"{ROCKET}\n")
    run = subprocess.run(
        [str(FRAMING), "fix", str(path), *ARGS], capture_output=True, text=True, check=False
    )
    assert run.returncode == 1, run.stderr
    assert "+Chairman Kim is on a dangerous course" in run.stdout
    missing = subprocess.run(
        [str(FRAMING), "fix", str(tmp_path / "nope.txt"), *ARGS],
        capture_output=True,
        text=True,
        check=False,
    )
    assert missing.returncode == 2
    assert missing.stderr.startswith("framing: error E001: ") and missing.stderr.count("\n") == 1


@pytest.mark.skipif(os.getuid() != 0, reason="ownership can only be kept by root")
def test_write_keeps_the_owner(tmp_path: Path) -> None:
    path = draft(tmp_path, f"{ROCKET}\n")
    os.chown(path, 1234, 1234)
    assert main(["fix", str(path), "--write", *ARGS]) == 0
    info = path.stat()
    assert (info.st_uid, info.st_gid) == (1234, 1234)
