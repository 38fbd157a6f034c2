"""The calibrator: reproducible training, JSON storage, pure-Python application, no pickle."""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from framing.analysis import Analysis
from framing.api import Analyzer
from framing.cli import main
from framing.errors import FramingError
from framing.evaluate import GoldPassage, binary_truth, read_gold
from framing.learn import FEATURES, calibrate, feature_vector, load_calibrator
from framing.learn.model import PACKAGED, LabelModel, dumps, parse_calibrator, write_document
from framing.learn.ngrams import fitted_space
from framing.learn.train import C, fit_label, train, train_tier
from tests.conftest import CORPORA, ROOT

DEV = CORPORA / "gold" / "dev.jsonl"
PACKAGE = ROOT / "framing"


@pytest.fixture(scope="module")
def dev(rules_analyzer: Analyzer) -> tuple[list[GoldPassage], list[Analysis]]:
    passages = read_gold(DEV)
    return passages, list(rules_analyzer.analyze_many(p.text for p in passages))


def _document(dev: tuple[list[GoldPassage], list[Analysis]], seed: int) -> str:
    passages, analyses = dev
    return dumps(
        train(
            [DEV], passages, analyses, tier="rules", lexicon_version="v", existing=None, seed=seed
        )
    )


def test_training_is_reproducible(dev: tuple[list[GoldPassage], list[Analysis]]) -> None:
    assert _document(dev, seed=7) == _document(dev, seed=7)


def test_seed_moves_only_the_cross_validated_figures(
    dev: tuple[list[GoldPassage], list[Analysis]],
) -> None:
    one = json.loads(_document(dev, seed=1))["tiers"]["rules"]
    two = json.loads(_document(dev, seed=2))["tiers"]["rules"]
    assert one["labels"] == two["labels"], "the stored model is fitted on every passage"
    assert one["settings"]["seed"] == 1 and two["settings"]["seed"] == 2


def test_document_records_how_it_was_made(dev: tuple[list[GoldPassage], list[Analysis]]) -> None:
    passages, analyses = dev
    entry = train_tier(passages, analyses, source="dev.jsonl", lexicon_version="v1")
    assert entry["trained_on"]["passages"] == 41
    assert len(entry["trained_on"]["passage_keys"]) == 41
    assert entry["lexicon_version"] == "v1"
    assert entry["labels"]["ra"] == {"untrained": "0 positive of 41 passages"}
    terms = entry["ngrams"]["terms"]
    assert "north korea" in terms and "the" in terms
    for label in ("threat", "esc"):
        assert len(entry["labels"][label]["coef"]) == len(FEATURES)
        assert len(entry["labels"][label]["ngram_coef"]) == len(terms)
        figures = entry["cv"][label]
        assert 0.0 <= figures["f1"] <= 1.0
        assert figures["positives"] == sum(binary_truth(label, p.labels[label]) for p in passages)


def test_ngram_vector_equals_sklearn(dev: tuple[list[GoldPassage], list[Analysis]]) -> None:
    passages, _ = dev
    texts = [p.text for p in passages]
    space, fitted = fitted_space(texts)
    reference = fitted.transform([*texts, "Nothing here is in the vocabulary: zzz qqq."])
    for row, text in enumerate([*texts, "Nothing here is in the vocabulary: zzz qqq."]):
        expected = dict(zip(reference[row].indices, reference[row].data, strict=True))
        got = space.vector(text)
        assert set(got) == set(expected)
        for column, value in expected.items():
            assert got[column] == pytest.approx(value, abs=1e-9)


def test_a_set_too_small_for_any_term_has_an_empty_space() -> None:
    space, fitted = fitted_space(["One passage.", "Another one."])
    assert len(space) == 0 and fitted is None
    assert space.vector("One passage.") == {}


def test_pure_python_probability_equals_sklearn(
    dev: tuple[list[GoldPassage], list[Analysis]],
) -> None:
    from framing.learn.train import Design, _regression

    passages, analyses = dev
    x = [feature_vector(a) for a in analyses]
    texts = [a.prose for a in analyses]
    y = [binary_truth("esc", p.labels["esc"]) for p in passages]
    design = Design(x, texts)
    stored = LabelModel.from_json(fit_label(x, texts, y), len(design.space))
    reference = _regression(C).fit(design.rows(x, texts), y).predict_proba(design.rows(x, texts))
    for row, text, expected in zip(x, texts, reference[:, 1], strict=True):
        assert stored.probability(row, design.space.vector(text)) == pytest.approx(
            expected, abs=1e-4
        )


def test_shipped_calibrator_is_json_and_covers_the_rules_tier() -> None:
    document = json.loads(PACKAGED.read_text(encoding="utf-8"))
    assert document["features"] == list(FEATURES)
    rules = load_calibrator().for_tier("rules")
    assert {"threat", "esc"} <= set(rules.labels)
    tuning = ("dev", "extra", "holdout", "holdout2", "holdout3", "holdout4", "holdout5")
    assert rules.trained_on["file"] == " + ".join(f"corpora/gold/{name}.jsonl" for name in tuning)


def test_calibrate_does_not_import_sklearn() -> None:
    code = (
        "import sys\n"
        "from framing.api import Analyzer\n"
        "from framing.learn import calibrate\n"
        "p = calibrate(Analyzer('none').analyze("
        "'We will have no choice but to totally destroy North Korea.'))\n"
        "assert 0.0 <= p['esc'] <= 1.0, p\n"
        "assert 'sklearn' not in sys.modules, 'calibrate imported scikit-learn'\n"
        "print(p['esc'])\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr


def test_calibrated_escalation_ranks_a_threat_above_calm_text(rules_analyzer: Analyzer) -> None:
    threat = calibrate(
        rules_analyzer.analyze("We will have no choice but to totally destroy North Korea.")
    )
    calm = calibrate(
        rules_analyzer.analyze(
            (CORPORA / "inaugural" / "1789-Washington.txt").read_text(encoding="utf-8")
        )
    )
    assert threat["esc"] > calm["esc"]


def test_no_pickle_anywhere_in_the_package() -> None:
    banned_suffixes = {".pkl", ".pickle", ".joblib", ".npy", ".npz", ".pt"}
    files = [p for p in PACKAGE.rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    assert not [p for p in files if p.suffix in banned_suffixes]
    for source in (p for p in files if p.suffix == ".py"):
        tree = ast.parse(source.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            assert not any(n.split(".")[0] in {"pickle", "joblib", "dill"} for n in names), source


def test_missing_tier_and_broken_file_are_one_line_errors(tmp_path: Path) -> None:
    document = json.loads(PACKAGED.read_text(encoding="utf-8"))
    only_rules = {**document, "tiers": {"rules": document["tiers"]["rules"]}}
    calibrator = parse_calibrator(tmp_path / "c.json", only_rules)
    with pytest.raises(FramingError) as missing:
        calibrator.for_tier("parser")
    assert missing.value.code == "E203"
    with pytest.raises(FramingError) as stale:
        parse_calibrator(tmp_path / "c.json", {**document, "features": ["tension"]})
    assert stale.value.code == "E204"
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    with pytest.raises(FramingError) as unreadable:
        load_calibrator(broken)
    assert unreadable.value.code == "E204"


def test_write_keeps_permissions_and_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "calibrator.json"
    target.write_text("{}", encoding="utf-8")
    os.chmod(target, 0o640)
    write_document(target, {"format": 1})
    assert (target.stat().st_mode & 0o777) == 0o640
    assert json.loads(target.read_text(encoding="utf-8")) == {"format": 1}
    assert [p.name for p in tmp_path.iterdir()] == ["calibrator.json"]


def test_cli_train_writes_a_usable_calibrator(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, rules_analyzer: Analyzer
) -> None:
    out = tmp_path / "calibrator.json"
    code = main(["train", str(DEV), "--out", str(out), "--model", "none"])
    printed, err = capsys.readouterr()
    assert code == 0, err
    assert "cross-validated" in printed
    assert "ra      not trained" in printed
    probabilities = calibrate(rules_analyzer.analyze("Calm words about trade."), out)
    assert set(probabilities) == {"threat", "esc", "hp", "mt"}
    code = main(["train", str(tmp_path / "none.jsonl"), "--out", str(out), "--model", "none"])
    assert code == 2
    assert capsys.readouterr().err.startswith("framing: error E001")


def test_training_one_tier_keeps_the_other() -> None:
    from framing.learn.train import merged_document

    existing = json.loads(PACKAGED.read_text(encoding="utf-8"))
    merged = merged_document(existing, "rules", {"replaced": True})
    assert merged["tiers"]["rules"] == {"replaced": True}
    assert {k: v for k, v in merged["tiers"].items() if k != "rules"} == {
        k: v for k, v in existing["tiers"].items() if k != "rules"
    }
    stale = {**existing, "features": ["tension"]}
    assert merged_document(stale, "rules", {"replaced": True})["tiers"] == {
        "rules": {"replaced": True}
    }
