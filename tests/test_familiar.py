"""The familiarity feature: how often the people a passage names were personally attacked in the
training passages."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from framing.api import Analyzer
from framing.errors import FramingError
from framing.learn import load_calibrator
from framing.learn.familiar import Familiarity, Named, people_named, person_key
from framing.learn.features import calibrator_text
from framing.learn.model import PACKAGED, parse_calibrator

# One complaint about two people, by surname (the rules tier masks "Adam Schiff" whole but only
# "Cohen" of "Michael Cohen"). Adam Schiff chaired a House committee and is a personalized target
# by the guidelines; Michael Cohen, a private lawyer, is not (holdout29-336 and -352, both
# labelled 0 for threat, mock him in these words).
LIED = "{} lied to Congress again. A total fraud, and everybody knows it!"


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Shifty Adam Schiff", "schiff"),
        ("Schiff's", "schiff"),
        ("Michael Cohen’s", "cohen"),
        ("Kim Jong-un", "jong-un"),
        ("J. Edgar Hoover", "hoover"),
        ("Lukašenka", "lukašenka"),
        ("Xi", "xi"),
        ("J.", None),
        ("1600", None),
    ],
)
def test_a_person_is_known_by_the_last_word_of_the_name(name: str, key: str | None) -> None:
    assert person_key(name) == key


def test_people_named_are_read_from_the_analysis(rules_analyzer: Analyzer) -> None:
    text = "Adam Schiff met Michael Cohen, and Schiff's staff kept silent."
    analysis = next(rules_analyzer.analyze_many([text], people=True))
    assert people_named(analysis) == ("cohen", "schiff")
    nobody = next(rules_analyzer.analyze_many(["Rocket Man is on a suicide mission."], people=True))
    assert people_named(nobody) == ()


TABLE = Familiarity.of(
    [("schiff",), ("schiff", "cohen"), ("cohen",), (), ("cohen",)], [1, 1, 0, 0, None]
)


def test_the_table_counts_only_passages_with_a_threat_label() -> None:
    assert TABLE.counts == {"schiff": (2, 2), "cohen": (2, 1)}
    assert TABLE.overall == 0.5


def test_a_new_passage_gets_the_smoothed_share_of_its_most_attacked_person() -> None:
    schiff = (2 + 3 * 0.5) / (2 + 3) - 0.5
    values = TABLE.values([("schiff",), ("cohen",), ("cohen", "schiff"), ("nadler",), ()])
    assert values == pytest.approx([schiff, 0.0, schiff, 0.0, 0.0])


def test_a_training_passage_gets_its_value_without_its_own_label() -> None:
    alone = TABLE.values([("schiff",)], own=[1])[0]
    assert alone == pytest.approx((1 + 1.5) / (1 + 3) - 0.5)
    assert alone < TABLE.values([("schiff",)])[0]
    assert TABLE.values([("cohen",)], own=[0]) == pytest.approx([(1 + 1.5) / 4 - 0.5])


def test_a_fold_counts_the_table_on_its_training_passages_only() -> None:
    named = Named([("a",), ("a",), ()], [1, 0, 0])
    x = named.extend([[0.0], [0.0], [0.0]], train=[0, 2])
    assert [row[1] for row in x] == pytest.approx([0.0, (1 + 1.5) / 4 - 0.5, 0.0])
    assert named.rows([1, 2]) == Named([("a",), ()], [0, 0])


def test_the_table_round_trips_through_json() -> None:
    again = Familiarity.from_json(json.loads(json.dumps(TABLE.to_json())))
    assert again == TABLE


def _entry(tier: str) -> tuple[dict[str, Any], dict[str, Any]]:
    document = json.loads(PACKAGED.read_text(encoding="utf-8"))
    return document, copy.deepcopy(document["tiers"][tier])


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda t: t.update(feature="fame"), "unknown familiarity feature"),
        (lambda t: t["people"].update(schiff=[2, 3]), "threats ≤ those"),
        (lambda t: t["people"].update(schiff=[0, 0]), "passages named ≥ 1"),
        (lambda t: t["people"].update(schiff=[12]), "not enough values to unpack"),
        (lambda t: t.update(overall=1.5), "a share in [0, 1]"),
        (lambda t: t.update(smoothing=0), "positive smoothing"),
        (lambda t: t.pop("people"), "people"),
    ],
)
def test_a_broken_table_is_a_one_line_error(
    tmp_path: Path, change: Callable[[dict[str, Any]], object], message: str
) -> None:
    document, entry = _entry("rules")
    change(entry["familiarity"])
    with pytest.raises(FramingError) as refused:
        parse_calibrator(tmp_path / "c.json", {**document, "tiers": {"rules": entry}})
    assert refused.value.code == "E204"
    assert message in str(refused.value)
    assert "\n" not in str(refused.value)


def test_a_calibrator_trained_before_familiarity_still_loads_and_scores(
    tmp_path: Path, rules_analyzer: Analyzer
) -> None:
    document, entry = _entry("rules")
    del entry["familiarity"]
    for label in entry["labels"].values():
        for key in ("mean", "scale"):
            label.get(key, []).pop()
        for level in label.get("levels", []):
            level["coef"].pop()
    older = parse_calibrator(tmp_path / "old.json", {**document, "tiers": {"rules": entry}})
    model = older.for_tier("rules")
    assert model.familiarity is None
    analysis = next(rules_analyzer.analyze_many([LIED.format("Adam Schiff")], people=True))
    assert 0.0 <= model.probabilities([analysis])[0]["threat"] <= 1.0


def test_every_shipped_model_knows_who_was_attacked() -> None:
    document = json.loads(PACKAGED.read_text(encoding="utf-8"))
    for entry in document["tiers"].values():
        table = Familiarity.from_json(entry["familiarity"])
        assert table.counts["schiff"][1] / table.counts["schiff"][0] > 0.8
        assert table.counts["cohen"][1] == 0


@pytest.mark.parametrize("semantic", [False, True])
def test_the_same_insult_scores_higher_aimed_at_an_official(
    rules_analyzer: Analyzer, semantic: bool
) -> None:
    """Masked, the two passages read the same to everything else the model sees."""
    texts = [LIED.format("Schiff"), LIED.format("Cohen")]
    analyses = list(rules_analyzer.analyze_many(texts, people=True))
    assert calibrator_text(analyses[0]) == calibrator_text(analyses[1])
    model = load_calibrator().for_tier("rules", semantic=semantic, reader=False)
    assert model.familiarity is not None
    schiff, cohen = (s["threat"] for s in model.probabilities(analyses))
    assert schiff > cohen + 0.05
    blind = replace(model, familiarity=Familiarity({}, model.familiarity.overall))
    unseen_schiff, unseen_cohen = (s["threat"] for s in blind.probabilities(analyses))
    assert unseen_schiff == pytest.approx(unseen_cohen, abs=1e-9)
    assert cohen < unseen_cohen < schiff
