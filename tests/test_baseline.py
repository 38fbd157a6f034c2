"""Baselines: record today's findings, then fail only on new ones — robust to line shifts."""

from __future__ import annotations

import json
import os
import stat
import subprocess
from pathlib import Path

import pytest

from framing.cli import main
from tests.conftest import FRAMING, THREAT

ANNIHILATION = (
    "The United States has great strength and patience, but if it is forced to defend itself "
    "or its allies, we will have no choice but to totally destroy North Korea."
)
CALM = "We meet at a moment of great promise and great peril."


def check(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["check", "--isolated", "--model", "none", *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "remarks.md").write_text(
        f"# Remarks\n\n{CALM}\n\n{THREAT}\n\n{ANNIHILATION}\n", encoding="utf-8"
    )
    return tmp_path


def test_write_then_pass_then_fail_only_on_new(
    capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    draft = repo / "drafts" / "remarks.md"
    baseline = repo / ".framing-baseline.json"
    code, out, err = check(capsys, "--write-baseline", str(baseline), str(draft))
    assert code == 0 and "recorded" in err
    recorded = json.loads(baseline.read_text(encoding="utf-8"))
    assert recorded["version"] == 1
    assert {entry["path"] for entry in recorded["findings"]} == {"drafts/remarks.md"}
    assert any(entry["rule"].startswith("FRM1") for entry in recorded["findings"])

    code, out, err = check(capsys, "--baseline", str(baseline), str(draft))
    assert code == 0
    assert "in baseline" in out and ": FRM" not in out

    # Lines shift: new calm paragraphs above every old finding.
    draft.write_text(
        f"# Remarks\n\n{CALM}\n\n{CALM}\n{CALM}\n\n{THREAT}\n\n\n{ANNIHILATION}\n", encoding="utf-8"
    )
    assert check(capsys, "--baseline", str(baseline), str(draft))[0] == 0

    # A new threat fails, and only it is reported.
    new = "We will have no choice but to totally destroy North Korea."
    draft.write_text(draft.read_text(encoding="utf-8") + f"\n{new}\n", encoding="utf-8")
    code, out, err = check(capsys, "--baseline", str(baseline), "-f", "json", str(draft))
    assert code == 1
    findings = json.loads(out)["files"][0]["findings"]
    assert findings and all(f["line"] == len(draft.read_text().splitlines()) for f in findings)


def test_repeats_and_rewording_are_new(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    draft = repo / "drafts" / "remarks.md"
    baseline = repo / "baseline.json"
    check(capsys, "--write-baseline", str(baseline), str(draft))
    draft.write_text(f"{THREAT}\n\n{THREAT}\n\n{ANNIHILATION}\n", encoding="utf-8")
    code, out, _ = check(capsys, "--baseline", str(baseline), "-f", "json", str(draft))
    assert code == 1
    assert {f["line"] for f in json.loads(out)["files"][0]["findings"]} == {3}
    reworded = ANNIHILATION.replace("great strength", "enormous strength")
    draft.write_text(f"{THREAT}\n\n{reworded}\n", encoding="utf-8")
    code, out, _ = check(capsys, "--baseline", str(baseline), "-f", "json", str(draft))
    assert code == 1
    assert {f["line"] for f in json.loads(out)["files"][0]["findings"]} == {3}


def test_baseline_paths_are_relative_to_the_baseline(repo: Path) -> None:
    baseline = repo / "ci" / "baseline.json"
    baseline.parent.mkdir()
    write = [str(FRAMING), "check", "--isolated", "--model", "none"]
    done = subprocess.run(
        [*write, "--write-baseline", "ci/baseline.json", "drafts"],
        cwd=repo,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(baseline.read_text())["findings"][0]["path"] == "../drafts/remarks.md"
    elsewhere = subprocess.run(
        [*write, "--baseline", str(baseline), "remarks.md"],
        cwd=repo / "drafts",
        capture_output=True,
        text=True,
        check=False,
    )
    assert elsewhere.returncode == 0, elsewhere.stdout + elsewhere.stderr


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        ("{not json", "invalid JSON"),
        ('{"version": 2, "findings": []}', "not a version 1"),
        ('{"version": 1, "findings": {}}', "must be a list"),
        ('{"version": 1, "findings": [{"path": "a"}]}', "entry 1"),
        (
            '{"version": 1, "findings": [{"path": "a", "rule": "FRM101", "text": "x", '
            '"context": "y", "count": 0}]}',
            "bad count",
        ),
    ],
)
def test_bad_baseline(
    capsys: pytest.CaptureFixture[str], repo: Path, content: str, fragment: str
) -> None:
    baseline = repo / "baseline.json"
    baseline.write_text(content, encoding="utf-8")
    code, out, err = check(capsys, "--baseline", str(baseline), str(repo / "drafts"))
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "E130" in err and fragment in err and "baseline.json" in err


def test_usage_errors_write_nothing(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    baseline = repo / "baseline.json"
    code, out, err = check(
        capsys, "--baseline", str(baseline), "--write-baseline", str(baseline), str(repo)
    )
    assert code == 2 and "E132" in err and not baseline.exists()
    code, out, err = check(capsys, "--write-baseline", str(repo / "no" / "b.json"), str(repo))
    assert code == 2 and "E131" in err and not (repo / "no").exists()
    code, out, err = check(
        capsys, "--write-baseline", str(baseline), str(repo / "drafts"), str(repo / "missing.md")
    )
    assert code == 2 and "E001" in err and out == "" and not baseline.exists()


def test_rewrite_is_atomic_and_keeps_permissions(
    capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    baseline = repo / "baseline.json"
    baseline.write_text("old", encoding="utf-8")
    os.chmod(baseline, 0o640)
    assert check(capsys, "--write-baseline", str(baseline), str(repo / "drafts"))[0] == 0
    assert stat.S_IMODE(baseline.stat().st_mode) == 0o640
    assert json.loads(baseline.read_text(encoding="utf-8"))["version"] == 1
    assert [p.name for p in repo.iterdir() if p.name.startswith(".baseline")] == []
