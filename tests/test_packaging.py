"""The wheel carries the lexicons and the article: a non-editable install works anywhere."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(out),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    (built,) = out.glob("framing-*.whl")
    return built


def test_wheel_holds_lexicons_seeds_schema_and_calibrator(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    packs = {p.name for p in (ROOT / "lexicons").glob("*.toml")}
    assert {f"framing/_data/lexicons/{p}" for p in packs} <= names
    assert any(n.startswith("framing/_data/seeds/") for n in names)
    assert "framing/lexicons/schema.json" in names
    assert "framing/py.typed" in names
    # the calibrator and its fine-tuned reader's weights, which it names
    assert {"framing/learn/calibrator.json", "framing/learn/calibrator.reader.safetensors"} <= names
    assert not [n for n in names if n.endswith((".pkl", ".pickle"))]


def test_installed_wheel_analyses_from_another_directory(wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    code = (
        "import framing, pathlib;"
        "here = pathlib.Path(framing.__file__);"
        "assert here.is_relative_to(pathlib.Path.cwd()), here;"
        "a = framing.analyze('Rocket man is on a suicide mission.', model='none');"
        "print(sorted({f.rule for f in a.findings}))"
    )
    env = {**os.environ, "PYTHONPATH": str(site)}
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert "FRM102" in done.stdout
