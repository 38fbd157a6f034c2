"""Every rule fires on real sentences and stays quiet on near-misses, in both tiers.

The examples live in ``tests/examples/rule_examples.toml``: ``[[fires]]`` must produce the rule
as the speaker's own framing, ``[[quiet]]`` must not (negated, hedged, quoted, defensive, other
word senses, no leader target). ``test_rules_meta.py`` checks that every rule has both.
"""

from __future__ import annotations

import tomllib

import pytest

from framing.api import Analyzer
from tests.conftest import ROOT

EXAMPLES = tomllib.loads((ROOT / "tests" / "examples" / "rule_examples.toml").read_text("utf-8"))


def own_rules(analyzer: Analyzer, text: str) -> set[str]:
    return {f.rule for f in analyzer.analyze(text).findings if not f.quoted}


def example_id(example: dict[str, str]) -> str:
    return f"{example['rule']}:{example['text'][:40]}"


@pytest.mark.parametrize("example", EXAMPLES["fires"], ids=example_id)
def test_fires(analyzer: Analyzer, example: dict[str, str]) -> None:
    assert example["rule"] in own_rules(analyzer, example["text"])


@pytest.mark.parametrize("example", EXAMPLES["quiet"], ids=example_id)
def test_quiet_on_near_miss(analyzer: Analyzer, example: dict[str, str]) -> None:
    assert example["rule"] not in own_rules(analyzer, example["text"]), example.get("why")
