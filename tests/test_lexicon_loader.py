"""Lexicon packs are validated at load: errors name the file, the entry and the field."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from framing.cli import main
from framing.errors import FramingError
from framing.lexicons import load_lexicon

ARTICLE_QUOTE = (
    "North Korea tends to perceive U.S. military conduct and official statements through the "
    "lens of existential threat."
)
META = """[meta]
id = "user-pack"
version = "1.0.0"
language = "en"
kind = "cues"
source = "test"
license = "CC0-1.0"
"""


def entry(**overrides: object) -> str:
    fields: dict[str, object] = {
        "id": "user-sea-of-flames",
        "rule": "FRM201",
        "patterns": ["sea of flames"],
        "weight": 0.8,
        "rationale": "Annihilation imagery aimed at a state.",
        "article": ARTICLE_QUOTE,
        "alternatives": ["a firm defense"],
    }
    fields.update(overrides)
    # JSON strings, numbers and string arrays are valid TOML values.
    body = "\n".join(
        f"{key} = {json.dumps(value)}" for key, value in fields.items() if value is not None
    )
    return f"\n[[entries]]\n{body}\n"


def write(tmp_path: Path, text: str, name: str = "pack.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_valid_user_pack_loads_and_changes_version(tmp_path: Path) -> None:
    pack = write(tmp_path, META + entry())
    builtin = load_lexicon()
    extended = load_lexicon([pack])
    assert any(c.id == "user-sea-of-flames" for c in extended.cues)
    assert extended.version != builtin.version


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"weight": 1.5}, "weight"),
        ({"rationale": None}, "rationale"),
        ({"rule": "FRM999"}, "rule"),
        ({"rule": "XYZ"}, "rule"),
        ({"patterns": ["* of flames"]}, "patterns"),
        ({"alternatives": []}, "alternatives"),
        ({"colour": "red"}, "colour"),
    ],
)
def test_bad_entry_names_file_entry_and_field(
    tmp_path: Path, overrides: dict[str, object], field: str
) -> None:
    pack = write(tmp_path, META + entry(**overrides))
    with pytest.raises(FramingError) as caught:
        load_lexicon([pack], builtin=False)
    message = caught.value.one_line()
    assert str(pack) in message
    assert "user-sea-of-flames" in message
    assert field in message
    assert "\n" not in message


def test_invalid_toml_is_reported_with_position(tmp_path: Path) -> None:
    pack = write(tmp_path, META + "[[entries]\nid = ")
    with pytest.raises(FramingError, match="invalid TOML"):
        load_lexicon([pack], builtin=False)


def test_bad_token_pattern_is_caught_by_spacy_validation(tmp_path: Path) -> None:
    text = META + entry(patterns=None) + 'token_patterns = [[{LEMMA = {NOT_AN_OP = "x"}}]]\n'
    pack = write(tmp_path, text)
    with pytest.raises(FramingError, match="token_patterns"):
        load_lexicon([pack], builtin=False)


def test_duplicate_ids_across_packs(tmp_path: Path) -> None:
    first = write(tmp_path, META + entry(), "a.toml")
    second = write(tmp_path, META.replace("user-pack", "other-pack") + entry(), "b.toml")
    with pytest.raises(FramingError, match="defined twice"):
        load_lexicon([first, second], builtin=False)


def test_cli_lexicons_check_reports_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pack = write(tmp_path, META + entry(weight=-1))
    assert main(["lexicons", "check", str(pack)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith("framing: error E011:")
    assert "weight" in err


def test_cli_lexicons_check_accepts_builtin_and_user_packs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["lexicons", "check"]) == 0
    assert main(["lexicons", "check", str(write(tmp_path, META + entry()))]) == 0
    assert "ok:" in capsys.readouterr().out


NOT_NAMES = """[meta]
id = "house-places"
version = "1.0.0"
language = "en"
kind = "not-names"
source = "test"
license = "CC0-1.0"

[[entries]]
id = "house-places"
words = {words}
"""


def test_not_names_pack_adds_words_a_name_guess_skips(tmp_path: Path) -> None:
    pack = write(tmp_path, NOT_NAMES.format(words='["ruritania", "strelsau"]'))
    lexicon = load_lexicon([pack])
    assert {"ruritania", "strelsau"} <= lexicon.not_name_words
    assert "kyiv" in lexicon.not_name_words


def test_not_names_pack_rejects_capitalised_words(tmp_path: Path) -> None:
    pack = write(tmp_path, NOT_NAMES.format(words='["Ruritania"]'))
    with pytest.raises(FramingError) as caught:
        load_lexicon([pack])
    message = str(caught.value)
    assert "\n" not in message
    assert "pack.toml" in message and "house-places" in message and "words" in message
