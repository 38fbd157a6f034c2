"""Every rule fires on real sentences and stays quiet on near-misses, in both tiers.

The examples live in ``tests/examples/rule_examples.toml``: ``[[fires]]`` must produce the rule
as the speaker's own framing, ``[[quiet]]`` must not (negated, hedged, quoted, defensive, other
word senses, no leader target). ``test_rules_meta.py`` checks that every rule has both.
"""

from __future__ import annotations

import signal
import tomllib
from collections.abc import Iterator

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


@pytest.fixture
def deadline() -> Iterator[None]:
    """Fail, instead of hanging the suite, when an analysis does not finish in a minute."""

    def expire(signum: int, frame: object) -> None:
        raise TimeoutError("the analysis did not finish within 60 s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(60)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


@pytest.mark.parametrize(
    "headline",
    [
        "Maximum pressure on Kim Jong Un.",
        "Crushing sanctions on Kim Jong Un.",
        "Fire and fury for Kim Jong Un!",
    ],
)
def test_sentences_without_a_verb_finish(analyzer: Analyzer, deadline: None, headline: str) -> None:
    """The parser tier climbs from a threat to its verb; a headline has none, and the climb
    once never stopped (spaCy builds a new Token for every ``.head``)."""
    assert "FRM101" in own_rules(analyzer, headline)
