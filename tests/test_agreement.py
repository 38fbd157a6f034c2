"""``framing agree``: agreement between two labellings of one gold set.

The figures are checked against counts made here from the raw JSON lines, and against
scikit-learn and SciPy called directly, on the real second labellings of holdout7 and holdout8.
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from framing.agreement import Agreement, compare_files, label_agreement
from framing.evaluate import LABELS, binary_truth, read_gold
from tests.conftest import CORPORA, ROOT, check_golden, run_main

GOLD = CORPORA / "gold"
AGREEMENT = GOLD / "agreement"
SETS = ["holdout7", "holdout8", "holdout9"]
GOLD_KEYS = ["id", "text", "speaker", "date", "source", "kind", "license", "labels"]
# The golden files name the files as a researcher types them, from the repository root.
GOLDEN_ARGS = ["corpora/gold/holdout8.jsonl", "corpora/gold/agreement/holdout8.second.jsonl"]


def first_of(name: str) -> Path:
    return GOLD / f"{name}.jsonl"


def second_of(name: str) -> Path:
    return AGREEMENT / f"{name}.second.jsonl"


def raw(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def assert_one_line_error(code: int, out: str, err: str, *fragments: str) -> None:
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1, err
    assert err.startswith("framing: error")
    assert "Traceback" not in err
    for fragment in fragments:
        assert fragment in err, err


@pytest.fixture(scope="module", params=SETS)
def pair(request: pytest.FixtureRequest) -> tuple[str, Agreement]:
    name = request.param
    return name, compare_files(first_of(name), second_of(name))


# --- the data -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", SETS)
def test_second_labelling_is_shaped_like_the_gold_file(name: str) -> None:
    first, second = raw(first_of(name)), raw(second_of(name))
    assert [r["id"] for r in second] == [r["id"] for r in first]
    for a, b in zip(first, second, strict=True):
        assert list(a) == GOLD_KEYS, "the first file keeps its shape"
        assert list(b) == [*GOLD_KEYS, "why"]
        for key in ("text", "speaker", "date", "source", "kind", "license"):
            assert b[key] == a[key], (b["id"], key)
        assert list(b["labels"]) == list(a["labels"])
        assert isinstance(b["why"], str) and b["why"].strip()
    passages = read_gold(second_of(name))
    assert len(passages) == len(first)
    assert (AGREEMENT / f"{name}.second.md").is_file()


# --- the figures, against independent counts -------------------------------------------------


def test_counts_match_counting_the_raw_lines(pair: tuple[str, Agreement]) -> None:
    name, result = pair
    first, second = raw(first_of(name)), raw(second_of(name))
    assert result.passages == len(first)
    for label in LABELS:
        a = [binary_truth(label, r["labels"][label]) for r in first]
        b = [binary_truth(label, r["labels"][label]) for r in second]
        item = result.label(label)
        assert item.passages == len(first)
        assert item.first_positives == sum(a)
        assert item.second_positives == sum(b)
        assert item.both_positives == sum(1 for x, y in zip(a, b, strict=True) if x and y)
        if sum(b):
            assert item.precision == pytest.approx(item.both_positives / sum(b))
        if sum(a):
            assert item.recall == pytest.approx(item.both_positives / sum(a))
        if sum(a) + sum(b):
            assert item.f1 == pytest.approx(2 * item.both_positives / (sum(a) + sum(b)))
    esc_a = [r["labels"]["esc"] for r in first]
    esc_b = [r["labels"]["esc"] for r in second]
    exact = sum(x == y for x, y in zip(esc_a, esc_b, strict=True)) / len(esc_a)
    ordinal = result.label("esc").ordinal
    assert ordinal is not None
    assert ordinal.exact == pytest.approx(exact)


@pytest.mark.parametrize(
    ("name", "label", "first", "second", "both"),
    [
        # Counted once by hand from the files, so a change to the data or the code shows here.
        ("holdout7", "threat", 31, 27, 26),
        ("holdout7", "esc", 83, 80, 75),
        ("holdout8", "threat", 30, 25, 25),
        ("holdout8", "hp", 39, 39, 36),
        ("holdout9", "threat", 30, 23, 22),
    ],
)
def test_known_counts(name: str, label: str, first: int, second: int, both: int) -> None:
    item = compare_files(first_of(name), second_of(name)).label(label)
    assert (item.first_positives, item.second_positives, item.both_positives) == (
        first,
        second,
        both,
    )


def test_kappa_and_ordinal_figures_equal_sklearn_and_scipy(pair: tuple[str, Agreement]) -> None:
    from scipy.stats import spearmanr
    from sklearn.metrics import cohen_kappa_score

    name, result = pair
    first, second = raw(first_of(name)), raw(second_of(name))
    for label in LABELS:
        a = [binary_truth(label, r["labels"][label]) for r in first]
        b = [binary_truth(label, r["labels"][label]) for r in second]
        item = result.label(label)
        if len(set(a) | set(b)) == 2:
            assert item.kappa == pytest.approx(cohen_kappa_score(a, b))
        else:
            assert item.kappa is None
    esc_a = [r["labels"]["esc"] for r in first]
    esc_b = [r["labels"]["esc"] for r in second]
    ordinal = result.label("esc").ordinal
    assert ordinal is not None
    expected = cohen_kappa_score(esc_a, esc_b, labels=[0, 1, 2, 3], weights="quadratic")
    assert ordinal.weighted_kappa == pytest.approx(expected)
    assert ordinal.spearman == pytest.approx(spearmanr(esc_a, esc_b).statistic)


def test_disagreements_are_every_differing_value(pair: tuple[str, Agreement]) -> None:
    name, result = pair
    first, second = raw(first_of(name)), raw(second_of(name))
    expected = [
        (a["id"], label, a["labels"][label], b["labels"][label])
        for a, b in zip(first, second, strict=True)
        for label in LABELS
        if a["labels"][label] != b["labels"][label]
    ]
    assert [(d.id, d.label, d.first, d.second) for d in result.disagreements] == expected
    for d in result.disagreements:
        assert d.binary == (binary_truth(d.label, d.first) != binary_truth(d.label, d.second))
        assert d.second_why and d.first_why is None
    binary = [d for d in result.disagreements if d.binary]
    for label in LABELS:
        item = result.label(label)
        changed = sum(d.label == label for d in binary)
        assert changed == item.first_positives + item.second_positives - 2 * item.both_positives


@pytest.mark.parametrize("name", SETS)
def test_a_file_against_itself_agrees_fully(name: str) -> None:
    result = compare_files(first_of(name), first_of(name))
    assert result.disagreements == ()
    for item in result.labels:
        if item.first_positives:
            assert item.kappa == 1.0
            assert item.precision == item.recall == item.f1 == 1.0
        else:  # ra: no positive in either, nothing to measure
            assert item.kappa is item.f1 is None
    ordinal = result.label("esc").ordinal
    assert ordinal is not None
    assert ordinal.exact == ordinal.weighted_kappa == 1.0
    assert ordinal.spearman == pytest.approx(1.0)


@pytest.mark.parametrize("name", SETS)
def test_swapping_the_files_keeps_f1_and_kappa_and_swaps_precision_and_recall(name: str) -> None:
    forward = compare_files(first_of(name), second_of(name))
    backward = compare_files(second_of(name), first_of(name))
    for a, b in zip(forward.labels, backward.labels, strict=True):
        assert a.f1 == b.f1 and a.kappa == b.kappa
        assert (a.precision, a.recall) == (b.recall, b.precision)


def test_undefined_figures_are_none_never_nan() -> None:
    silent = label_agreement("ra", [0, 0, 0], [0, 0, 0])
    assert silent.kappa is silent.precision is silent.recall is silent.f1 is None
    assert silent.both_positives == 0
    one_sided = label_agreement("threat", [0, 0, 1], [0, 0, 0])
    assert one_sided.kappa == 0.0 and one_sided.f1 == 0.0 and one_sided.recall == 0.0
    assert one_sided.precision is None
    flat = label_agreement("esc", [2, 2], [2, 2])
    assert flat.ordinal is not None
    assert flat.ordinal.exact == 1.0
    assert flat.ordinal.weighted_kappa is None and flat.ordinal.spearman is None
    for item in (silent, one_sided, flat):
        for value in (item.kappa, item.precision, item.recall, item.f1):
            assert value is None or not math.isnan(value)


def test_matching_is_by_id_and_ignores_whitespace(tmp_path: Path) -> None:
    lines = raw(first_of("holdout8"))[:4]
    shuffled = [dict(r) for r in reversed(lines)]
    shuffled[0]["text"] = "  " + shuffled[0]["text"].replace(" ", "\n  ", 3) + " "
    shuffled[1]["labels"] = {**shuffled[1]["labels"], "mt": 1 - shuffled[1]["labels"]["mt"]}
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    a.write_text("".join(json.dumps(r) + "\n" for r in lines), encoding="utf-8")
    b.write_text("".join(json.dumps(r) + "\n" for r in shuffled), encoding="utf-8")
    result = compare_files(a, b)
    assert result.passages == 4
    assert [(d.id, d.label) for d in result.disagreements] == [(shuffled[1]["id"], "mt")]


# --- the command -------------------------------------------------------------------------------


def test_text_golden(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    code, out, err = run_main(capsys, "agree", *GOLDEN_ARGS)
    assert code == 0, err
    check_golden(ROOT / "tests" / "golden" / "agree-holdout8.txt", out)


def test_json_golden(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    code, out, err = run_main(capsys, "agree", *GOLDEN_ARGS, "--format", "json")
    assert code == 0, err
    document = json.loads(out)
    assert list(document) == [
        "version",
        "tool",
        "first",
        "second",
        "passages",
        "labels",
        "disagreements",
    ]
    assert list(document["labels"]) == list(LABELS)
    assert document["labels"]["ra"]["kappa"] is None
    assert document["labels"]["threat"]["ordinal"] is None
    assert list(document["labels"]["esc"]["ordinal"]) == ["exact", "weighted_kappa", "spearman"]
    assert len(document["disagreements"]) == 28, "JSON holds every disagreement"
    check_golden(ROOT / "tests" / "golden" / "agree-holdout8.json", out)


def test_disagreements_option(capsys: pytest.CaptureFixture[str]) -> None:
    args = ["agree", str(first_of("holdout8")), str(second_of("holdout8"))]
    _, hidden, _ = run_main(capsys, *args, "--disagreements", "0")
    assert "disagreements" not in hidden and "holdout8-0" not in hidden
    _, three, _ = run_main(capsys, *args, "--disagreements", "3")
    assert "The first 3, in file order" in three and "… and 25 more" in three
    _, every, _ = run_main(capsys, *args, "--disagreements", "100")
    assert "All, in file order" in every and "more (" not in every
    _, same, _ = run_main(capsys, "agree", str(first_of("holdout8")), str(first_of("holdout8")))
    assert same.endswith("\nno disagreements\n")


def test_help_explains_the_figures(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_main(capsys, "agree", "--help")
    assert code == 0
    text = " ".join(out.split())
    for phrase in ("Cohen's kappa", "F1", "read as a system", "chance", "--disagreements"):
        assert phrase in text


def test_real_process(tmp_path: Path) -> None:
    framing = str(Path(sys.executable).with_name("framing"))
    good = subprocess.run(
        [framing, "agree", *GOLDEN_ARGS, "--format", "json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert good.returncode == 0, good.stderr
    assert json.loads(good.stdout)["passages"] == 134
    bad = subprocess.run(
        [framing, "agree", str(tmp_path / "none.jsonl"), GOLDEN_ARGS[1]],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert bad.returncode == 2 and bad.stdout == ""
    assert bad.stderr.startswith("framing: error E001") and bad.stderr.count("\n") == 1


def test_importing_the_module_loads_no_sklearn_or_scipy() -> None:
    code = (
        "import sys, framing.agreement, framing.render.agreement, framing.cli; "
        "print(sorted(m for m in ('sklearn', 'scipy') if m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, cwd=ROOT
    )
    assert done.stdout.strip() == "[]", done.stdout + done.stderr


# --- bad input: one line, exit 2 ------------------------------------------------------------


def write_lines(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


@pytest.fixture
def small(tmp_path: Path) -> dict[str, Path]:
    """A small first file and broken second files made from it."""
    lines = raw(first_of("holdout8"))[:5]
    first = write_lines(tmp_path / "first.jsonl", lines)
    missing = write_lines(tmp_path / "missing.jsonl", lines[:2] + lines[3:])
    extra = write_lines(
        tmp_path / "extra.jsonl", [*lines, {**lines[0], "id": "holdout8-999", "text": "Other."}]
    )
    changed = [dict(r) for r in lines]
    changed[3]["text"] = changed[3]["text"] + " Added."
    text = write_lines(tmp_path / "text.jsonl", changed)
    twice = write_lines(tmp_path / "twice.jsonl", [*lines, lines[1]])
    no_shared = write_lines(
        tmp_path / "noshared.jsonl",
        [{"id": r["id"], "text": r["text"], "labels": {}} for r in lines],
    )
    latin1 = tmp_path / "latin1.jsonl"
    latin1.write_bytes('{"id": "a", "text": "r\xe9gime", "labels": {"esc": 1}}\n'.encode("latin-1"))
    malformed = tmp_path / "malformed.jsonl"
    malformed.write_text(
        json.dumps(lines[0]) + "\n" + '{"id": "holdout8-002", "text": \n', encoding="utf-8"
    )
    return {
        "first": first,
        "missing": missing,
        "extra": extra,
        "text": text,
        "twice": twice,
        "no_shared": no_shared,
        "latin1": latin1,
        "malformed": malformed,
    }


@pytest.mark.parametrize(
    ("second", "fragments"),
    [
        ("missing", ["E211", "'holdout8-003'", "first.jsonl but not in", "missing.jsonl"]),
        ("extra", ["E211", "'holdout8-999'", "extra.jsonl but not in"]),
        ("text", ["E212", "'holdout8-004'", "text.jsonl differs"]),
        ("twice", ["E210", "twice.jsonl", "'holdout8-002' appears twice"]),
        ("no_shared", ["E213", "share no label"]),
        ("latin1", ["E005", "latin1.jsonl", "utf-8"]),
        ("malformed", ["E030", "malformed.jsonl:2", "bad record"]),
        ("nowhere", ["E001", "nowhere.jsonl", "no such file"]),
    ],
)
def test_bad_input_is_one_line(
    capsys: pytest.CaptureFixture[str],
    small: dict[str, Path],
    second: str,
    fragments: list[str],
) -> None:
    path = small.get(second, small["first"].with_name(f"{second}.jsonl"))
    code, out, err = run_main(capsys, "agree", str(small["first"]), str(path))
    assert_one_line_error(code, out, err, *fragments)


def test_bad_first_file_is_one_line(
    capsys: pytest.CaptureFixture[str], small: dict[str, Path]
) -> None:
    code, out, err = run_main(capsys, "agree", str(small["latin1"]), str(small["first"]))
    assert_one_line_error(code, out, err, "E005", "latin1.jsonl")


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["--format", "yaml"], "--format"),
        (["--disagreements", "-1"], "--disagreements"),
        (["--disagreements", "many"], "--disagreements"),
    ],
)
def test_bad_options_are_one_line(
    capsys: pytest.CaptureFixture[str], args: list[str], fragment: str
) -> None:
    code, out, err = run_main(capsys, "agree", *GOLDEN_ARGS, *args)
    assert_one_line_error(code, out, err, fragment)


def test_missing_argument_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_main(capsys, "agree", str(first_of("holdout8")))
    assert_one_line_error(code, out, err, "SECOND")
