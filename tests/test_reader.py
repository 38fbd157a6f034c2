"""The fine-tuned reader: training, its stored weights, and its place beside the calibrator."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from framing.api import Analyzer
from framing.assess import evaluate_gold
from framing.errors import FramingError
from framing.evaluate import LABELS, read_gold
from framing.learn import reader
from framing.learn.features import calibrator_text
from framing.learn.model import PACKAGED, load_calibrator, parse_calibrator
from framing.learn.train import merged_document
from tests.conftest import CORPORA, run_main
from tests.test_evaluate import HELD_OUT

DEV = CORPORA / "gold" / "dev.jsonl"
# Small enough to train in seconds: what is tested here is the machinery, not the figures.
QUICK = reader.ReaderSettings(epochs=1, max_tokens=32, batch=8)
# Two tweets of the development set (nk-078, nk-101): an insult of a named leader, and praise.
MADMAN = (
    "Kim Jong Un of North Korea, who is obviously a madman who doesn't mind starving or killing "
    "his people, will be tested like never before!"
)
NICE_NOTE = "A very nice note from Chairman Kim of North Korea. Great progress being made!"


@pytest.fixture(scope="module")
def dev_texts(rules_analyzer: Analyzer) -> tuple[list[str], list[dict[str, int]]]:
    passages = read_gold(DEV)[:16]
    analyses = rules_analyzer.analyze_many((p.text for p in passages), people=True)
    return [calibrator_text(a) for a in analyses], [p.labels for p in passages]


@pytest.fixture(scope="module")
def tuned(
    tmp_path_factory: pytest.TempPathFactory, dev_texts: tuple[list[str], list[dict[str, int]]]
) -> tuple[Path, dict[str, Any]]:
    """A calibrator file (a copy of the shipped one) with a quickly trained reader beside it."""
    texts, labels = dev_texts
    calibrator = tmp_path_factory.mktemp("reader") / "c.json"
    shutil.copyfile(PACKAGED, calibrator)
    state = reader.fine_tune(texts, labels, QUICK)
    weights = reader.weights_path(calibrator)
    digest = reader.save(state, weights)
    document = json.loads(calibrator.read_text(encoding="utf-8"))
    written = [p.text for p in read_gold(DEV)[:16]]
    document["reader"] = reader.describe(written, QUICK, str(DEV), weights.name, digest)
    calibrator.write_text(json.dumps(document), encoding="utf-8")
    return calibrator, document


def test_one_head_per_step_of_each_label_scale() -> None:
    assert reader.HEADS == (
        ("threat", 1),
        ("esc", 1),
        ("esc", 2),
        ("esc", 3),
        ("hp", 1),
        ("mt", 1),
        ("ra", 1),
    )


def test_the_shipped_reader_read_the_calibrators_passages_and_its_weights_are_intact() -> None:
    document = json.loads(PACKAGED.read_text(encoding="utf-8"))
    shipped = document["reader"]
    assert shipped["file"] == "calibrator.reader.safetensors"
    assert shipped["settings"] == reader.ReaderSettings().to_json()
    trained_on = document["tiers"]["parser+semantic"]["trained_on"]
    assert shipped["trained_on"] == trained_on
    weights = reader.weights_path(PACKAGED).read_bytes()
    assert hashlib.sha256(weights).hexdigest() == shipped["sha256"]


def test_training_is_seeded(dev_texts: tuple[list[str], list[dict[str, int]]]) -> None:
    texts, labels = dev_texts[0][:8], dev_texts[1][:8]
    first = reader.fine_tune(texts, labels, QUICK)
    again = reader.fine_tune(texts, labels, QUICK)
    assert first.keys() == again.keys()
    assert all(bool((first[name] == again[name]).all()) for name in first)
    other = reader.fine_tune(texts, labels, reader.ReaderSettings(epochs=1, max_tokens=32, seed=1))
    assert not all(bool((first[name] == other[name]).all()) for name in first)


def test_weights_are_half_precision_safetensors_beside_the_calibrator(
    tuned: tuple[Path, dict[str, Any]],
) -> None:
    calibrator, document = tuned
    weights = calibrator.with_name("c.reader.safetensors")
    assert document["reader"]["file"] == weights.name
    header_size = int.from_bytes(weights.read_bytes()[:8], "little")
    header = json.loads(weights.read_bytes()[8 : 8 + header_size])
    assert {"head.weight", "head.bias"} <= set(header)
    assert {v["dtype"] for k, v in header.items() if k != "__metadata__"} == {"F16"}
    assert header["head.weight"]["shape"] == [len(reader.HEADS), 384]
    assert document["reader"]["trained_on"]["passages"] == 16


def test_semantic_models_average_their_scores_with_the_reader(
    tuned: tuple[Path, dict[str, Any]], rules_analyzer: Analyzer
) -> None:
    calibrator, _ = tuned
    loaded = load_calibrator(calibrator)
    with_reader = loaded.for_tier("rules", semantic=True)
    alone = loaded.for_tier("rules", semantic=True, reader=False)
    assert with_reader.reader is not None and alone.reader is None
    dev = [p.text for p in read_gold(DEV)]
    assert with_reader.reader.trained_on_count(dev) == 16, "fingerprints of the passages as written"
    assert loaded.for_tier("rules").reader is None, "the n-gram model never reads it"
    analyses = list(rules_analyzer.analyze_many([MADMAN, NICE_NOTE], people=True))
    tuned_scores = with_reader.reader.scores([calibrator_text(a) for a in analyses])
    both_scores = with_reader.probabilities(analyses)
    own_scores = alone.probabilities(analyses)
    for both, own, read in zip(both_scores, own_scores, tuned_scores, strict=True):
        assert set(read) == set(LABELS)
        assert all(0.0 <= v <= 1.0 for v in read.values())
        for label in own:
            assert both[label] == pytest.approx((own[label] + read[label]) / 2)


def test_evaluate_says_when_the_reader_is_used_and_leaves_it_out_where_it_trained(
    tuned: tuple[Path, dict[str, Any]], rules_analyzer: Analyzer
) -> None:
    calibrator, _ = tuned
    held_out = evaluate_gold(HELD_OUT, analyzer=rules_analyzer, calibrator=calibrator, misses=0)
    assert held_out.calibration is not None
    assert held_out.calibration.startswith("semantic calibrator with its fine-tuned reader")
    without = evaluate_gold(
        HELD_OUT, analyzer=rules_analyzer, calibrator=calibrator, reader=False, misses=0
    )
    assert without.calibration is not None
    assert "fine-tuned" not in without.calibration
    trained = evaluate_gold(DEV, analyzer=rules_analyzer, calibrator=calibrator, misses=0)
    assert any("fine-tuned reader was trained on passages of this file" in n for n in trained.notes)
    assert trained.calibration is not None and "fine-tuned" not in trained.calibration


def test_retraining_a_tier_keeps_the_reader(tuned: tuple[Path, dict[str, Any]]) -> None:
    _, document = tuned
    merged = merged_document(document, "rules", {"replaced": True})
    assert merged["reader"] == document["reader"]
    assert merged["tiers"]["rules"] == {"replaced": True}


def _broken(tmp_path: Path, tuned: tuple[Path, dict[str, Any]]) -> Path:
    """A copy of the tuned calibrator and its weights, for a test to damage."""
    calibrator, _ = tuned
    copy = tmp_path / "c.json"
    shutil.copyfile(calibrator, copy)
    shutil.copyfile(reader.weights_path(calibrator), reader.weights_path(copy))
    return copy


@pytest.mark.parametrize("damage", ["changed", "missing"])
def test_changed_or_missing_weights_are_one_line_errors(
    damage: str,
    tmp_path: Path,
    tuned: tuple[Path, dict[str, Any]],
    capsys: pytest.CaptureFixture[str],
) -> None:
    calibrator = _broken(tmp_path, tuned)
    weights = reader.weights_path(calibrator)
    if damage == "changed":
        data = bytearray(weights.read_bytes())
        data[-1] ^= 1
        weights.write_bytes(bytes(data))
    else:
        weights.unlink()
    code, out, err = run_main(
        capsys, "evaluate", str(HELD_OUT), "--model", "none", "--calibrator", str(calibrator)
    )
    assert code == 2 and out == ""
    assert err.startswith("framing: error E204") and err.count("\n") == 1
    assert ("SHA-256 differs" if damage == "changed" else "cannot read its reader") in err
    assert "Traceback" not in err


def test_a_reader_for_other_labels_or_elsewhere_is_refused(
    tmp_path: Path, tuned: tuple[Path, dict[str, Any]]
) -> None:
    _, document = tuned
    for change, message in (
        ({"heads": [["threat", 1]]}, "reader heads differ"),
        ({"file": "../elsewhere.safetensors"}, "a name beside the calibrator"),
        ({"settings": {}}, "max_tokens"),
    ):
        broken = {**document, "reader": {**document["reader"], **change}}
        with pytest.raises(FramingError) as refused:
            parse_calibrator(tmp_path / "c.json", broken)
        assert refused.value.code == "E204"
        assert message in str(refused.value)


def test_fine_tune_from_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], tuned: tuple[Path, dict[str, Any]]
) -> None:
    calibrator = _broken(tmp_path, tuned)
    before = json.loads(calibrator.read_text(encoding="utf-8"))
    gold = tmp_path / "few.jsonl"
    gold.write_text("".join(DEV.read_text(encoding="utf-8").splitlines(True)[:12]))
    code, out, err = run_main(
        capsys, "train", str(gold), "--model", "none", "--fine-tune", "--out", str(calibrator)
    )
    assert code == 0, err
    assert out.startswith("fine-tuned the reader on 12 passages")
    after = json.loads(calibrator.read_text(encoding="utf-8"))
    assert after["tiers"] == before["tiers"], "the tiers' models are kept"
    assert after["reader"]["trained_on"]["passages"] == 12
    assert after["reader"]["sha256"] != before["reader"]["sha256"]
    code, out, err = run_main(
        capsys, "train", str(gold), "--fine-tune", "--semantic", "--out", str(calibrator)
    )
    assert code == 2 and out == "" and "Traceback" not in err
    assert "--fine-tune or --semantic" in err
