"""The real pre-commit program runs framing's hook from ``.pre-commit-hooks.yaml``.

``pre-commit try-repo`` installs this repository into its own virtualenv (from PyPI: slow, a
minute or two, hence ``slow``; it still runs by default) and runs the hook in a scratch git
repository of drafts. The working tree is copied and committed first, because try-repo installs
a commit and this checkout's HEAD need not hold the files under test.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import docx
import pytest

from tests.conftest import ROOT, THREAT

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        importlib.util.find_spec("pre_commit") is None, reason="pre-commit is not installed"
    ),
]

CALM = (ROOT / "corpora" / "inaugural" / "1789-Washington.txt").read_text(encoding="utf-8")
SKIP = shutil.ignore_patterns(
    ".git", ".venv", "__pycache__", ".pytest_cache", ".ruff_cache", ".hypothesis", "*.egg-info"
)
GIT = ["git", "-c", "user.name=framing tests", "-c", "user.email=tests@framing.invalid"]


def git(cwd: Path, *args: str) -> None:
    subprocess.run([*GIT, *args], cwd=cwd, check=True, capture_output=True)


@pytest.fixture(scope="session")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    repo = tmp_path_factory.mktemp("framing-hook-repo") / "framing"
    shutil.copytree(ROOT, repo, ignore=SKIP)
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "framing under test")
    return repo


@pytest.fixture(scope="session")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pre-commit-home")


def try_repo(hook_repo: Path, home: Path, drafts: Path, *files: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "PRE_COMMIT_COLOR": "never"}
    command = [sys.executable, "-m", "pre_commit", "try-repo", str(hook_repo), "framing"]
    return subprocess.run(
        [*command, "--verbose", "--files", *files],
        cwd=drafts,
        env=env,
        capture_output=True,
        text=True,
        timeout=1200,
        check=False,
    )


@pytest.fixture
def drafts(tmp_path: Path) -> Path:
    git(tmp_path, "init", "-q")
    return tmp_path


def test_hook_fails_on_a_personalized_threat(
    hook_repo: Path, pre_commit_home: Path, drafts: Path
) -> None:
    (drafts / "remarks.md").write_text(f"# Remarks\n\n{THREAT}\n", encoding="utf-8")
    document = docx.Document()
    document.add_paragraph(THREAT)
    document.save(str(drafts / "remarks.docx"))
    (drafts / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR")
    git(drafts, "add", "-A")
    result = try_repo(hook_repo, pre_commit_home, drafts, "remarks.md", "remarks.docx", "logo.png")
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "remarks.md:3:" in output and "FRM1" in output
    assert "remarks.docx:1:" in output
    assert "logo.png" not in output  # binary files other than .docx never reach framing


def test_hook_passes_on_a_calm_draft(hook_repo: Path, pre_commit_home: Path, drafts: Path) -> None:
    (drafts / "address.txt").write_text(CALM, encoding="utf-8")
    (drafts / "notes.rst").write_text("Notes\n=====\n\nThe delegation meets in Geneva.\n")
    (drafts / ".framing.toml").write_text('fail-on = "error"\n', encoding="utf-8")
    git(drafts, "add", "-A")
    result = try_repo(hook_repo, pre_commit_home, drafts, "address.txt", "notes.rst")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Passed" in result.stdout
