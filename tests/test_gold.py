"""Measured on the labelled development set: personalized-threat F1 and escalation ROC AUC.

The floors are the issue's targets. Both tiers are measured; the figures are printed so a
failing run shows how far off it is.
"""

from __future__ import annotations

import pytest

from framing.api import Analyzer
from framing.evaluate import evaluate, read_gold
from tests.conftest import CORPORA

PASSAGES = read_gold(CORPORA / "gold" / "dev.jsonl")


@pytest.fixture(scope="module")
def metrics(analyzer: Analyzer) -> dict[str, dict[str, float | None]]:
    results = evaluate(PASSAGES, analyzer.analyze_many(p.text for p in PASSAGES))
    print(f"\n{analyzer.tier} tier on dev.jsonl:")
    for label, values in results.items():
        print(
            f"  {label:7} " + "  ".join(f"{k}={v:.3f}" for k, v in values.items() if v is not None)
        )
    return results


def test_personalized_threat_f1(metrics: dict[str, dict[str, float | None]]) -> None:
    assert metrics["threat"]["f1"] >= 0.9


def test_escalation_auc(metrics: dict[str, dict[str, float | None]]) -> None:
    assert metrics["esc"]["auc"] is not None
    assert metrics["esc"]["auc"] >= 0.9


def test_all_passages_read() -> None:
    assert len(PASSAGES) == 41
    assert sum(p.labels["threat"] for p in PASSAGES) == 11
