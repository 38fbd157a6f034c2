"""Project configuration: found by walking up, layered defaults < file < flags, validated."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from framing.cli import main
from framing.config import Overrides, Settings, find_config, resolve_settings
from tests.conftest import ANNIHILATION, FRAMING, HOUSE_PACK, THREAT


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def run_json(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict]:
    code = main(["check", "--model", "none", "--format", "json", *args])
    out = capsys.readouterr().out
    return code, json.loads(out) if out else {}


def rules_in(document: dict) -> set[str]:
    return {f["rule"] for item in document["files"] for f in item["findings"]}


def test_find_config_walks_up_and_prefers_framing_toml(tmp_path: Path) -> None:
    draft = write(tmp_path / "a" / "b" / "draft.md", THREAT)
    assert find_config(draft) is None or tmp_path not in find_config(draft).parents
    write(tmp_path / "pyproject.toml", "[tool.framing]\nfail-on = 'error'\n")
    assert find_config(draft) == tmp_path / "pyproject.toml"
    write(tmp_path / "a" / "pyproject.toml", "[project]\nname = 'drafts'\n")
    assert find_config(draft) == tmp_path / "pyproject.toml"  # no [tool.framing]: skipped
    write(tmp_path / "a" / "pyproject.toml", "[tool.framing]\nmax-tension = 50\n")
    assert find_config(draft) == tmp_path / "a" / "pyproject.toml"
    write(tmp_path / "a" / ".framing.toml", "max-tension = 40\n")
    assert find_config(draft) == tmp_path / "a" / ".framing.toml"
    assert resolve_settings(draft).max_tension == 40.0


def test_layers_defaults_file_flags(tmp_path: Path) -> None:
    draft = write(tmp_path / "draft.md", THREAT)
    assert resolve_settings(draft, Overrides(isolated=True)) == Settings(root=Path.cwd())
    write(tmp_path / ".framing.toml", "fail-on = 'never'\nselect = ['FRM1']\nmodel = 'none'\n")
    from_file = resolve_settings(draft)
    assert (from_file.fail_on, from_file.select, from_file.model) == ("never", ("FRM1",), "none")
    assert from_file.max_tension == 100.0  # packaged default
    flags = resolve_settings(draft, Overrides(fail_on="error", select=("FRM2",)))
    assert (flags.fail_on, flags.select, flags.model) == ("error", ("FRM2",), "none")


def test_fail_on_from_file_and_flag(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    draft = write(tmp_path / "draft.txt", THREAT + "\n")
    assert run_json(capsys, str(draft))[0] == 1
    write(tmp_path / ".framing.toml", 'fail-on = "never"\n')
    assert run_json(capsys, str(draft))[0] == 0
    assert run_json(capsys, "--fail-on", "warning", str(draft))[0] == 1
    write(tmp_path / ".framing.toml", 'fail-on = "never"\nmax-tension = 10\n')
    assert run_json(capsys, str(draft))[0] == 1


def test_select_per_file_ignores_include_exclude(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    both = f"{THREAT}\n\n{ANNIHILATION}\n"
    write(tmp_path / "drafts" / "remarks.md", both)
    write(tmp_path / "drafts" / "notes.txt", both)
    write(tmp_path / "drafts" / "quotes" / "adversary.md", both)
    write(tmp_path / "drafts" / "archive" / "2017.md", both)
    write(
        tmp_path / ".framing.toml",
        'include = ["*.md"]\nexclude = ["archive"]\n\n'
        '[per-file-ignores]\n"drafts/quotes/*" = ["FRM1"]\n',
    )
    code, document = run_json(capsys, str(tmp_path / "drafts"))
    paths = [Path(item["path"]).relative_to(tmp_path).as_posix() for item in document["files"]]
    assert paths == ["drafts/quotes/adversary.md", "drafts/remarks.md"]
    by_path = {
        Path(i["path"]).name: {f["rule"][:4] for f in i["findings"]} for i in document["files"]
    }
    assert "FRM1" in by_path["remarks.md"]
    assert "FRM1" not in by_path["adversary.md"] and "FRM2" in by_path["adversary.md"]
    # a named file in an excluded folder is skipped too (pre-commit names every staged file)
    code, document = run_json(capsys, str(tmp_path / "drafts" / "archive" / "2017.md"))
    assert (code, document["files"]) == (0, [])
    write(tmp_path / ".framing.toml", 'select = ["FRM2"]\n')
    code, document = run_json(capsys, str(tmp_path / "drafts" / "remarks.md"))
    assert {r[:4] for r in rules_in(document)} == {"FRM2"}
    code, document = run_json(capsys, "--select", "FRM1", str(tmp_path / "drafts" / "remarks.md"))
    assert {r[:4] for r in rules_in(document)} == {"FRM1"}


def test_user_lexicon_from_config(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    write(tmp_path / "style" / "house.toml", HOUSE_PACK)
    write(tmp_path / ".framing.toml", 'lexicons = ["style/house.toml"]\n')
    draft = write(tmp_path / "sub" / "draft.txt", "They called the alliance a paper tiger.\n")
    code, document = run_json(capsys, str(draft))
    assert "FRM203" in rules_in(document)
    write(tmp_path / "style" / "house.toml", HOUSE_PACK.replace("weight = 0.6", "weight = 6"))
    code = main(["check", "--model", "none", str(draft)])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1
    assert "house.toml" in err and "weight" in err


@pytest.mark.parametrize(
    ("name", "content", "key"),
    [
        (".framing.toml", "fail_on = 'error'\n", "fail_on"),
        ("pyproject.toml", "[tool.framing]\nselekt = ['FRM1']\n", "tool.framing.selekt"),
        (".framing.toml", "fail-on = 'sometimes'\n", "fail-on"),
        (".framing.toml", "max-tension = 150\n", "max-tension"),
        (".framing.toml", "max-tension = true\n", "max-tension"),
        (".framing.toml", "select = ['FRM999']\n", "select"),
        (".framing.toml", "ignore = 'FRM1'\n", "ignore"),
        (".framing.toml", "lexicons = ['missing.toml']\n", "lexicons"),
        (".framing.toml", "model = ''\n", "model"),
        (".framing.toml", "[per-file-ignores]\n'*.md' = ['XYZ']\n", "per-file-ignores"),
        (".framing.toml", "per-file-ignores = ['FRM1']\n", "per-file-ignores"),
        (".framing.toml", "exclude = [1]\n", "exclude"),
        ("pyproject.toml", "[tool]\nframing = 3\n", "tool.framing"),
    ],
)
def test_bad_config_is_one_line_naming_file_and_key(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str, content: str, key: str
) -> None:
    config = write(tmp_path / name, content)
    draft = write(tmp_path / "draft.md", THREAT)
    code = main(["check", "--model", "none", str(draft)])
    out, err = capsys.readouterr()
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1 and err.startswith("framing: error E10")
    assert str(config) in err and f"'{key}'" in err


def test_invalid_toml_and_missing_config(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    draft = write(tmp_path / "draft.md", THREAT)
    write(tmp_path / ".framing.toml", "select = [\n")
    code = main(["check", str(draft)])
    err = capsys.readouterr().err
    assert code == 2 and "E102" in err and ".framing.toml" in err and err.count("\n") == 1
    code = main(["check", "--config", str(tmp_path / "nope.toml"), str(draft)])
    err = capsys.readouterr().err
    assert code == 2 and "E103" in err and "nope.toml" in err


def test_explicit_config_and_isolated(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    draft = write(tmp_path / "draft.txt", THREAT + "\n")
    write(tmp_path / ".framing.toml", "unknown-key = 1\n")
    shared = write(tmp_path / "elsewhere" / "shared.toml", "fail-on = 'never'\n")
    assert run_json(capsys, "--config", str(shared), str(draft))[0] == 0
    assert run_json(capsys, "--isolated", str(draft))[0] == 1


def test_model_from_config_with_the_executable(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[tool.framing]\nmodel = "none"\nfail-on = "error"\n')
    draft = write(tmp_path / "drafts" / "calm.md", "# Remarks\n\nWe look forward to talks.\n")
    completed = subprocess.run(
        [str(FRAMING), "check", "drafts"], cwd=tmp_path, capture_output=True, text=True, check=False
    )
    assert completed.returncode == 0, completed.stderr
    assert "rules tier" in completed.stdout
    assert str(draft.relative_to(tmp_path)) in completed.stdout
