"""The calibrator's semantic model: the sentence encoder, its stored model, and its fallback."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from framing.analysis import Analysis
from framing.api import Analyzer
from framing.assess import evaluate_gold, train_calibrator
from framing.errors import FramingError
from framing.evaluate import LABELS, GoldPassage, binary_truth, read_gold
from framing.learn import FEATURES, calibrate, feature_vector, load_calibrator
from framing.learn import embedding as encoder
from framing.learn.features import calibrator_text
from framing.learn.likeness import NAMES, Likeness
from framing.learn.model import FORMAT, PACKAGED, LabelModel, parse_calibrator
from framing.learn.neighbours import K, Neighbours
from framing.learn.train import C, Design, _regression, fit_label, train_tier
from tests.conftest import CORPORA, run_main
from tests.test_evaluate import HELD_OUT

DEV = CORPORA / "gold" / "dev.jsonl"

# From the 2017 UN speech and a DPRK reply, as quoted in the article.
ROCKET_MAN = "Rocket Man is on a suicide mission for himself and for his regime."
DOTARD = "I will surely and definitely tame the mentally deranged U.S. dotard with fire."
# Two tweets of the development set (nk-078, nk-101): an insult of a named leader, and praise.
MADMAN = (
    "Kim Jong Un of North Korea, who is obviously a madman who doesn't mind starving or killing "
    "his people, will be tested like never before!"
)
NICE_NOTE = "A very nice note from Chairman Kim of North Korea. Great progress being made!"


@pytest.fixture(scope="module")
def dev(rules_analyzer: Analyzer) -> tuple[list[GoldPassage], list[Analysis]]:
    passages = read_gold(DEV)
    return passages, list(rules_analyzer.analyze_many((p.text for p in passages), people=True))


def test_embeddings_are_unit_vectors_and_the_same_every_time() -> None:
    first = encoder.embed([ROCKET_MAN, DOTARD])
    assert encoder.embed([DOTARD, ROCKET_MAN]) == first[::-1]
    for vector in first:
        assert len(vector) == encoder.DIMENSIONS
        assert math.sqrt(sum(v * v for v in vector)) == pytest.approx(1.0, abs=1e-3)
    assert encoder.embed([]) == []


def test_like_passages_lie_closer_than_unlike_ones() -> None:
    insult, other_insult, calm = encoder.embed(
        [ROCKET_MAN, DOTARD, "The two Koreas agreed to open a joint liaison office in Kaesong."]
    )

    def cosine(a: tuple[float, ...], b: tuple[float, ...]) -> float:
        return sum(x * y for x, y in zip(a, b, strict=True))

    assert cosine(insult, other_insult) > cosine(insult, calm)


def test_encoder_runs_with_the_network_cut_and_an_empty_hub_cache(tmp_path: Path) -> None:
    code = (
        "import socket\n"
        "def refuse(*args, **kwargs):\n"
        "    raise OSError('network used')\n"
        "socket.socket.connect = refuse\n"
        "socket.create_connection = refuse\n"
        "from framing.learn.embedding import embed\n"
        "print(len(embed(['We will totally destroy them.'])[0]))\n"
    )
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "HF_HOME": str(tmp_path / "hub")}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=300, env=env
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == str(encoder.DIMENSIONS)
    assert not (tmp_path / "hub").exists()


def test_both_tiers_ship_a_semantic_model_trained_like_the_ngram_one() -> None:
    document = json.loads(PACKAGED.read_text(encoding="utf-8"))
    for tier in ("rules", "parser"):
        semantic = document["tiers"][f"{tier}+semantic"]
        assert semantic["embedding"] == encoder.describe()
        assert semantic["trained_on"] == document["tiers"][tier]["trained_on"]
        assert semantic["neighbours"]["passages"] == semantic["trained_on"]["passages"]
        assert semantic["neighbours"]["k"] == K
        assert semantic["likeness"] == Likeness().to_json()
        for label in semantic["labels"].values():
            for level in label.get("levels", ()):
                assert len(level["coef"]) == len(FEATURES) + len(NAMES) + 1, "and familiarity"
                assert len(level["embedding_coef"]) == encoder.DIMENSIONS
                assert len(level["neighbour_coef"]) == len(LABELS)
        assert "embedding" not in document["tiers"][tier]
        assert load_calibrator().for_tier(tier, semantic=True).embedding is not None


def test_pure_python_semantic_probability_equals_sklearn(
    dev: tuple[list[GoldPassage], list[Analysis]],
) -> None:
    passages, analyses = dev
    texts = [calibrator_text(a) for a in analyses]
    x = Likeness().extend([feature_vector(a) for a in analyses], texts)
    vectors = encoder.embed(texts)
    memory = Neighbours.of(vectors, [p.labels for p in passages])
    shares = memory.shares(vectors, leave_one_out=True)
    values = [p.labels["threat"] for p in passages]
    design = Design(x, texts)
    fitted = fit_label(x, texts, values, "threat", embeddings=vectors, shares=shares)
    features = len(FEATURES) + len(NAMES)
    stored = LabelModel.from_json(fitted, features, len(design.space), encoder.DIMENSIONS)
    rows = design.rows(x, texts, vectors, shares)
    probabilities = _regression(C).fit(rows, values).predict_proba(rows)[:, 1]
    for row, text, vector, near, p in zip(x, texts, vectors, shares, probabilities, strict=True):
        got = stored.probability(row, design.space.vector(text), vector, near)
        assert got == pytest.approx(p, abs=1e-4)


def test_neighbour_shares_are_the_labels_of_the_most_similar_passages(
    dev: tuple[list[GoldPassage], list[Analysis]],
) -> None:
    passages, analyses = dev
    vectors = encoder.embed([calibrator_text(a) for a in analyses])
    memory = Neighbours.of(vectors, [p.labels for p in passages])
    shares = memory.shares(vectors, leave_one_out=True)
    stored = memory.vectors.astype("float32")
    for i, row in enumerate(shares):
        similarity = stored @ stored[i]
        similarity[i] = -2.0
        nearest = sorted(range(len(passages)), key=lambda j: -similarity[j])[:K]
        for label, share in zip(LABELS, row, strict=True):
            truth = [binary_truth(label, passages[j].labels[label]) for j in nearest]
            assert share == pytest.approx(sum(truth) / K)
    seeing_itself = memory.shares(vectors)  # without leave-one-out each passage is its own nearest
    assert any(mine != left_out for mine, left_out in zip(seeing_itself, shares, strict=True))


def test_neighbours_skip_passages_without_the_label_and_survive_json() -> None:
    vectors = [(1.0, 0.0), (0.9, 0.1), (0.0, 1.0), (0.1, 0.9)]
    memory = [
        {"threat": 1, "esc": 3, "hp": 0, "mt": 0, "ra": 0},
        {"esc": 2, "hp": 1, "mt": 0, "ra": 0},
        {"threat": 0, "esc": 0, "hp": 0, "mt": 1, "ra": 0},
        {"threat": 0, "esc": 1, "hp": 0, "mt": 1, "ra": 0},
    ]
    known = Neighbours(
        Neighbours.of(vectors, memory).vectors, Neighbours.of(vectors, memory).labels, 1
    )
    threat, esc, hp, mt, _ = known.shares([(0.95, 0.05)])[0]
    assert (threat, esc, hp, mt) == (1.0, 1.0, 0.0, 0.0)  # passage 2 has no threat label
    assert (
        known.shares([(0.95, 0.05)])[0]
        == Neighbours.from_json(known.to_json()).shares([(0.95, 0.05)])[0]
    )
    assert known.shares([]) == []
    broken = {**known.to_json(), "passages": 5}
    with pytest.raises(ValueError, match="passages x dimensions"):
        Neighbours.from_json(broken)


def test_semantic_training_is_reproducible(
    dev: tuple[list[GoldPassage], list[Analysis]],
) -> None:
    passages, analyses = dev
    first = train_tier(passages, analyses, source="dev", lexicon_version="v", semantic=True)
    again = train_tier(passages, analyses, source="dev", lexicon_version="v", semantic=True)
    assert json.dumps(first, sort_keys=True) == json.dumps(again, sort_keys=True)
    parsed = parse_calibrator(
        Path("c.json"),
        {"format": FORMAT, "features": list(FEATURES), "tiers": {"rules+semantic": first}},
    )
    assert parsed.for_tier("rules", semantic=True).neighbours is not None


def test_calibrate_with_the_semantic_model(rules_analyzer: Analyzer) -> None:
    analysis = next(rules_analyzer.analyze_many([ROCKET_MAN], people=True))
    semantic = calibrate(analysis, semantic=True)
    assert set(semantic) == {"threat", "esc", "hp", "mt", "ra"}
    assert semantic != calibrate(analysis)
    assert semantic["threat"] > 0.5


def test_evaluate_uses_the_semantic_model_when_installed_and_says_which(
    rules_analyzer: Analyzer,
) -> None:
    semantic = evaluate_gold(HELD_OUT, analyzer=rules_analyzer, misses=0)
    ngrams = evaluate_gold(HELD_OUT, analyzer=rules_analyzer, semantic=False, misses=0)
    assert semantic.calibration is not None and ngrams.calibration is not None
    assert semantic.calibration.startswith("shipped semantic calibrator")
    assert ngrams.calibration.startswith("shipped calibrator")
    assert "held out" in semantic.calibration


def test_without_the_extra_evaluate_falls_back_and_asking_for_it_is_one_line(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    rules_analyzer: Analyzer,
    tmp_path: Path,
) -> None:
    monkeypatch.setattr(encoder, "available", lambda: False)
    report = evaluate_gold(DEV, analyzer=rules_analyzer, misses=0)
    assert report.calibration is not None
    assert report.calibration.startswith("calibrator cross-validated")
    assert any("framing[semantic]" in note for note in report.notes)
    for command in (
        ["evaluate", str(DEV), "--model", "none", "--semantic"],
        ["train", str(DEV), "--model", "none", "--semantic", "--out", str(tmp_path / "c.json")],
        ["train", str(DEV), "--model", "none", "--fine-tune", "--out", str(tmp_path / "c.json")],
    ):
        code, _, err = run_main(capsys, *command)
        assert code == 2
        assert err.startswith("framing: error E208") and err.count("\n") == 1
        assert "Traceback" not in err
    assert not (tmp_path / "c.json").exists()
    with pytest.raises(FramingError) as refused:
        train_calibrator([DEV], out=tmp_path / "c.json", analyzer=rules_analyzer, semantic=True)
    assert refused.value.code == "E208"


def test_a_semantic_model_with_the_wrong_vector_size_is_refused(tmp_path: Path) -> None:
    document = json.loads(PACKAGED.read_text(encoding="utf-8"))
    entry = json.loads(json.dumps(document["tiers"]["rules+semantic"]))
    entry["labels"]["threat"]["levels"][0]["embedding_coef"].pop()
    broken = {**document, "tiers": {"rules+semantic": entry}}
    with pytest.raises(FramingError) as refused:
        parse_calibrator(tmp_path / "c.json", broken)
    assert refused.value.code == "E204"
    assert "embedding dimension" in str(refused.value)
    other = {**document["tiers"]["rules+semantic"], "embedding": {"model": "x", "dimensions": 3}}
    with pytest.raises(FramingError) as foreign:
        parse_calibrator(tmp_path / "c.json", {**document, "tiers": {"rules+semantic": other}})
    assert "another sentence encoder" in str(foreign.value)


def test_likeness_tells_an_insult_of_a_named_leader_from_praise(rules_analyzer: Analyzer) -> None:
    analyses = rules_analyzer.analyze_many([MADMAN, NICE_NOTE, DOTARD], people=True)
    madman, nice_note, nobody = Likeness().values([calibrator_text(a) for a in analyses])
    insult, praise = madman
    assert insult > praise
    assert nice_note[1] > nice_note[0]
    assert insult - praise > nice_note[0] - nice_note[1] + 0.2
    assert nobody == (0.0, 0.0), "no person named, nothing to be like"


def test_a_semantic_model_without_likeness_still_loads_and_scores(
    tmp_path: Path, rules_analyzer: Analyzer
) -> None:
    """Calibrators trained before the likeness features (and the familiarity that follows
    them) keep working as they were trained."""
    document = json.loads(PACKAGED.read_text(encoding="utf-8"))
    entry = json.loads(json.dumps(document["tiers"]["rules+semantic"]))
    del entry["likeness"], entry["familiarity"]
    for label in entry["labels"].values():
        for key in ("mean", "scale"):
            if key in label:
                label[key] = label[key][: len(FEATURES)]
        for level in label.get("levels", ()):
            level["coef"] = level["coef"][: len(FEATURES)]
    older_document = {**document, "tiers": {"rules+semantic": entry}}
    del older_document["reader"]  # nor had they a fine-tuned reader
    older = parse_calibrator(tmp_path / "old.json", older_document)
    model = older.for_tier("rules", semantic=True)
    assert model.likeness is None
    analysis = next(rules_analyzer.analyze_many([MADMAN], people=True))
    assert 0.0 <= model.probabilities([analysis])[0]["threat"] <= 1.0


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda e: e["likeness"].update(features=["insult_likeness"]), "unknown likeness"),
        (lambda e: e["likeness"].update(praise=[]), "anchors of both kinds"),
        (lambda e: e.pop("embedding") and e.pop("neighbours"), "likeness needs an embedding"),
    ],
)
def test_a_broken_likeness_is_a_one_line_error(
    tmp_path: Path, change: Callable[[dict[str, Any]], object], message: str
) -> None:
    document = json.loads(PACKAGED.read_text(encoding="utf-8"))
    entry = json.loads(json.dumps(document["tiers"]["rules+semantic"]))
    change(entry)
    with pytest.raises(FramingError) as refused:
        parse_calibrator(tmp_path / "c.json", {**document, "tiers": {"rules+semantic": entry}})
    assert refused.value.code == "E204"
    assert message in str(refused.value)
    assert "\n" not in str(refused.value)
