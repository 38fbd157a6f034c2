"""The calibrator: reproducible training, JSON storage, pure-Python application, no pickle."""

from __future__ import annotations

import ast
import copy
import json
import math
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from framing.analysis import Analysis
from framing.api import Analyzer
from framing.cli import main
from framing.errors import FramingError
from framing.evaluate import GoldPassage, binary_truth, read_gold
from framing.learn import FEATURES, calibrate, feature_vector, load_calibrator
from framing.learn.familiar import people_named
from framing.learn.features import PERSON, calibrator_text
from framing.learn.likeness import person_context
from framing.learn.model import (
    FORMAT,
    PACKAGED,
    LabelModel,
    dumps,
    parse_calibrator,
    write_document,
)
from framing.learn.ngrams import KINDS, fitted_space, matrix
from framing.learn.train import C, fit_label, train, train_tier
from tests.conftest import CORPORA, ROOT
from tests.test_evaluate import TUNING

DEV = CORPORA / "gold" / "dev.jsonl"
PACKAGE = ROOT / "framing"


def _read(analyzer: Analyzer, text: str) -> Analysis:
    """One text analysed as ``framing evaluate`` and ``framing train`` do, people listed."""
    return next(analyzer.analyze_many([text], people=True))


@pytest.fixture(scope="module")
def dev(rules_analyzer: Analyzer) -> tuple[list[GoldPassage], list[Analysis]]:
    passages = read_gold(DEV)
    return passages, list(rules_analyzer.analyze_many((p.text for p in passages), people=True))


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
    words, letters = (entry["ngrams"][kind]["terms"] for kind in ("word", "char_wb"))
    assert {"north korea", "xperson", "the"} <= set(words)
    assert {" the ", "kore", "xpers"} <= set(letters)
    assert not any("kim" in term for term in [*words, *letters]), "names are masked"
    terms = [*words, *letters]
    levels = {"threat": [1], "esc": [1, 2, 3]}
    assert entry["familiarity"]["feature"] == "familiar_threat_share"
    for label in ("threat", "esc"):
        assert len(entry["labels"][label]["mean"]) == len(FEATURES) + 1, "and familiarity"
        assert [level["at_least"] for level in entry["labels"][label]["levels"]] == levels[label]
        for level in entry["labels"][label]["levels"]:
            assert len(level["coef"]) == len(FEATURES) + 1
            assert len(level["ngram_coef"]) == len(terms)
        figures = entry["cv"][label]
        assert 0.0 <= figures["f1"] <= 1.0
        assert figures["positives"] == sum(binary_truth(label, p.labels[label]) for p in passages)


def test_ngram_vector_equals_sklearn(dev: tuple[list[GoldPassage], list[Analysis]]) -> None:
    passages, _ = dev
    texts = [p.text for p in passages]
    space, fitted = fitted_space(texts)
    reference = matrix(fitted, [*texts, "Nothing here is in the vocabulary: zzz qqq."])
    for row, text in enumerate([*texts, "Nothing here is in the vocabulary: zzz qqq."]):
        expected = dict(zip(reference[row].indices, reference[row].data, strict=True))
        got = space.vector(text)
        assert set(got) == set(expected)
        for column, value in expected.items():
            assert got[column] == pytest.approx(value, abs=1e-9)


@pytest.mark.parametrize(
    "text",
    [
        "a I ab  abc\t x\u00a0yz",
        "Kim Jong Un's “quoted” words — and a dash",
        "ÜBER-CAPITALS and\n\nblank lines",
        "",
    ],
)
def test_terms_equal_sklearn_analyzers(text: str) -> None:
    for kind in KINDS:
        assert kind.terms_of(text) == Counter(kind.vectorizer().build_analyzer()(text)), kind


def test_a_set_too_small_for_any_term_has_an_empty_space() -> None:
    space, fitted = fitted_space(["One passage.", "Another one."])
    assert len(space) == 0 and fitted == [None, None]
    assert space.vector("One passage.") == {}
    assert matrix(fitted, ["One passage."]).shape == (1, 0)


def test_pure_python_probability_equals_sklearn(
    dev: tuple[list[GoldPassage], list[Analysis]],
) -> None:
    from framing.learn.train import Design, _regression

    passages, analyses = dev
    x = [feature_vector(a) for a in analyses]
    texts = [calibrator_text(a) for a in analyses]
    values = [p.labels["esc"] for p in passages]
    design = Design(x, texts)
    stored = LabelModel.from_json(
        fit_label(x, texts, values, "esc"), len(FEATURES), len(design.space)
    )
    rows = design.rows(x, texts)
    per_level = [
        _regression(C).fit(rows, [int(v >= level) for v in values]).predict_proba(rows)[:, 1]
        for level in (1, 2, 3)
    ]
    for i, (row, text) in enumerate(zip(x, texts, strict=True)):
        expected = sum(p[i] for p in per_level) / 3
        assert stored.probability(row, design.space.vector(text)) == pytest.approx(
            expected, abs=1e-4
        )


def test_shipped_calibrator_is_json_and_covers_the_rules_tier() -> None:
    document = json.loads(PACKAGED.read_text(encoding="utf-8"))
    assert document["features"] == list(FEATURES)
    rules = load_calibrator().for_tier("rules")
    assert {"threat", "esc"} <= set(rules.labels)
    tuning = " + ".join(path.relative_to(ROOT).as_posix() for path in TUNING)
    assert rules.trained_on["file"] == tuning


def test_calibrate_does_not_import_sklearn() -> None:
    code = (
        "import sys\n"
        "from framing.api import Analyzer\n"
        "from framing.learn import calibrate\n"
        "p = calibrate(next(Analyzer('none').analyze_many("
        "['We will have no choice but to totally destroy North Korea.'], people=True)))\n"
        "assert 0.0 <= p['esc'] <= 1.0, p\n"
        "assert 'sklearn' not in sys.modules, 'calibrate imported scikit-learn'\n"
        "print(p['esc'])\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr


def test_calibrated_escalation_ranks_a_threat_above_calm_text(rules_analyzer: Analyzer) -> None:
    threat = calibrate(
        _read(rules_analyzer, "We will have no choice but to totally destroy North Korea.")
    )
    calm = calibrate(
        _read(rules_analyzer, (CORPORA / "inaugural" / "1789-Washington.txt").read_text("utf-8"))
    )
    assert threat["esc"] > calm["esc"]


def test_calibrator_reads_every_named_person_as_one_placeholder(
    rules_analyzer: Analyzer,
) -> None:
    text = (
        "Kim Jong Un met Moon Jae-in; the dictator kept silent. Mr. Molotov demonstrated that "
        "the Soviet policy has not changed. President Chiang Kai-shek sent a message. "
        "Rocket Man is on a suicide mission."
    )
    masked = calibrator_text(rules_analyzer.analyze(text, people=True))
    assert masked == (
        f"{PERSON} met {PERSON}; the dictator kept silent. Mr. {PERSON} demonstrated that "
        f"the Soviet policy has not changed. President {PERSON} sent a message. "
        "Rocket Man is on a suicide mission."
    ), "names known and guessed are masked; titles and epithets are kept"


def test_calibrator_refuses_an_analysis_made_without_people(rules_analyzer: Analyzer) -> None:
    analysis = rules_analyzer.analyze("Mao Tse-tung and his gang.")
    assert analysis.people is None
    with pytest.raises(FramingError) as refused:
        calibrate(analysis)
    assert refused.value.code == "E207"
    with pytest.raises(FramingError) as no_vector:
        feature_vector(analysis)
    assert no_vector.value.code == "E207"


def test_people_feature_counts_every_person_named(rules_analyzer: Analyzer) -> None:
    people = FEATURES.index("people")
    named = _read(rules_analyzer, "Kim Jong Un met Moon Jae-in, and Mr. Molotov kept silent.")
    nobody = _read(rules_analyzer, "The dictator kept silent; Rocket Man is on a suicide mission.")
    assert feature_vector(named)[people] == pytest.approx(math.log1p(3))
    assert feature_vector(nobody)[people] == 0.0, "titles and epithets are not names"


def _without_feature(document: dict[str, Any], name: str) -> dict[str, Any]:
    """``document`` as a calibrator trained before ``name`` was a feature would store it."""
    drop = document["features"].index(name)
    tiers = copy.deepcopy(document["tiers"])
    for entry in tiers.values():
        for label in entry["labels"].values():
            for key in ("mean", "scale"):
                label.get(key, []).pop(drop)
            for level in label.get("levels", []):
                level["coef"].pop(drop)
    features = [f for f in document["features"] if f != name]
    return {**document, "features": features, "tiers": tiers}


def test_a_calibrator_reads_only_the_features_it_was_trained_on(
    tmp_path: Path, rules_analyzer: Analyzer
) -> None:
    document = json.loads(PACKAGED.read_text(encoding="utf-8"))
    older = parse_calibrator(tmp_path / "old.json", _without_feature(document, "people"))
    model = older.for_tier("rules")
    assert FEATURES.index("people") not in model.columns
    analysis = _read(rules_analyzer, "Rocket Man is on a suicide mission for himself.")
    scores = model.probabilities([analysis])[0]
    assert set(scores) == set(load_calibrator().for_tier("rules").labels)
    assert all(0.0 <= v <= 1.0 for v in scores.values())
    with pytest.raises(FramingError) as unknown:
        parse_calibrator(tmp_path / "new.json", {**document, "features": ["mood", *FEATURES]})
    assert unknown.value.code == "E204"
    assert "mood" in str(unknown.value)


def test_looking_for_people_changes_no_finding(
    rules_analyzer: Analyzer, dev: tuple[list[GoldPassage], list[Analysis]]
) -> None:
    passages, with_people = dev
    without = rules_analyzer.analyze_many(p.text for p in passages)
    for plain, people in zip(without, with_people, strict=True):
        assert plain.findings == people.findings
        assert plain.dimensions == people.dimensions


def test_escalation_score_is_its_expected_level_over_three(
    dev: tuple[list[GoldPassage], list[Analysis]],
) -> None:
    passages, analyses = dev
    entry = train_tier(passages, analyses, source="dev.jsonl", lexicon_version="v1")
    tier = parse_calibrator(
        Path("c.json"), {"format": FORMAT, "features": list(FEATURES), "tiers": {"rules": entry}}
    ).for_tier("rules")
    model = tier.labels["esc"]
    assert [level.at_least for level in model.levels] == [1, 2, 3]
    scores = tier.probabilities([analyses[0]])[0]
    assert tier.familiarity is not None
    familiar = tier.familiarity.values([people_named(analyses[0])])
    x = [*feature_vector(analyses[0]), *familiar]
    ngrams = tier.space.vector(calibrator_text(analyses[0]))
    standardised = [(v - m) / s for v, m, s in zip(x, model.mean, model.scale, strict=True)]
    levels = [level.probability(standardised, ngrams) for level in model.levels]
    assert scores["esc"] == pytest.approx(sum(levels) / 3)


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
    probabilities = calibrate(_read(rules_analyzer, "Calm words about trade."), out)
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


def test_person_context_is_the_words_around_each_person_named() -> None:
    masked = f"Yesterday the envoy met {PERSON} in Hanoi and then praised {PERSON} warmly."
    assert person_context(masked, window=2) == (
        f"envoy met {PERSON} in Hanoi … then praised {PERSON} warmly."
    )
    assert person_context(f"{PERSON}'s regime fell.", window=8) == f"{PERSON}'s regime fell."
    assert person_context("Nobody is named here.") == ""
