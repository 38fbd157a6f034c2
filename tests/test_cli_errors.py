"""Bad input gets one clear line on stderr and exit code 2, never a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, run_main


def assert_one_line_error(code: int, err: str, *fragments: str) -> None:
    assert code == 2
    assert err.count("\n") == 1, err
    assert err.startswith("framing: error")
    assert "Traceback" not in err
    for fragment in fragments:
        assert fragment in err


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    binary = tmp_path / "scan.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR")
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("Pyongyang’s r\xe9gime".encode("latin-1", errors="replace"))
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n\n", encoding="utf-8")
    no_text = tmp_path / "images"
    no_text.mkdir()
    (no_text / "photo.jpg").write_bytes(b"\xff\xd8")
    bad_pack = tmp_path / "bad.toml"
    bad_pack.write_text("[meta]\nid = 'x'\n", encoding="utf-8")
    return {
        "binary": binary,
        "latin1": latin1,
        "empty": empty,
        "no_text": no_text,
        "bad_pack": bad_pack,
    }


def test_missing_file(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_main(capsys, "check", "no/such/draft.txt")
    assert_one_line_error(code, err, "no/such/draft.txt", "no such file")
    assert out == ""


@pytest.mark.parametrize(
    ("name", "fragment"),
    [
        ("binary", "binary data"),
        ("latin1", "invalid UTF-8"),
        ("empty", "empty"),
        ("no_text", "no .txt or .md"),
    ],
)
def test_unreadable_inputs(
    capsys: pytest.CaptureFixture[str], files: dict[str, Path], name: str, fragment: str
) -> None:
    code, out, err = run_main(capsys, "check", str(files[name]), "--model", "none")
    assert_one_line_error(code, err, fragment)
    assert out == ""


def test_malformed_lexicon(capsys: pytest.CaptureFixture[str], files: dict[str, Path]) -> None:
    draft = ROOT / "corpora" / "inaugural" / "1789-Washington.txt"
    code, _, err = run_main(
        capsys, "check", str(draft), "--model", "none", "--lexicon", str(files["bad_pack"])
    )
    assert_one_line_error(code, err, "bad.toml")


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["check", "x.txt", "--format", "yaml"], "--format"),
        (["check", "x.txt", "--fail-on", "sometimes"], "--fail-on"),
        (["check", "x.txt", "--max-tension", "250"], "--max-tension"),
        (["check", "x.txt", "--select", "FRM9"], "FRM9"),
        (["explain", "FRM999"], "FRM999"),
        (["check"], "paths"),
        (["frobnicate"], "frobnicate"),
    ],
)
def test_bad_cli_values(capsys: pytest.CaptureFixture[str], args: list[str], fragment: str) -> None:
    code, _, err = run_main(capsys, *args)
    assert_one_line_error(code, err, fragment)


def test_unknown_model(capsys: pytest.CaptureFixture[str]) -> None:
    draft = ROOT / "corpora" / "inaugural" / "1789-Washington.txt"
    code, _, err = run_main(capsys, "check", str(draft), "--model", "en_core_web_nonexistent")
    assert_one_line_error(code, err, "en_core_web_nonexistent")


def test_stdin_empty_in_a_real_process() -> None:
    framing = Path(sys.executable).with_name("framing")
    done = subprocess.run(
        [str(framing), "check", "-", "--model", "none"],
        input=b"",
        capture_output=True,
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr.decode().strip() == "framing: error E006: standard input is empty"


def test_a_bug_of_ours_is_one_line_not_a_traceback(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """An exception framing did not expect still ends in one line and exit 2."""
    from framing.api import Analyzer

    def broken(self: Analyzer, *args: object, **kwargs: object) -> None:
        raise IndexError("[E035] Error creating span")

    monkeypatch.setattr(Analyzer, "rewrites", broken)
    monkeypatch.delenv("FRAMING_DEBUG", raising=False)
    draft = ROOT / "corpora" / "inaugural" / "1789-Washington.txt"
    code, _, err = run_main(capsys, "check", str(draft), "--model", "none")
    assert code == 2 and len(err.strip().splitlines()) == 1
    assert "internal error: IndexError: [E035]" in err and "please report" in err
