"""Meta-tests over every rule and lexicon entry: docs, article quotes, examples, codes."""

from __future__ import annotations

import re
import tomllib

import pytest

from framing.cli.explain import rule_doc
from framing.lexicons import load_lexicon
from framing.resources import article_text
from framing.rules import RULES, Severity
from tests.conftest import ROOT

FAMILY_DIGIT = {
    "threat": "1",
    "escalation": "2",
    "hostile_policy": "3",
    "posture": "4",
    "reassurance": "5",
    "military_tension": "6",
}
ARTICLE = " ".join(article_text().split())
EXAMPLES = tomllib.loads((ROOT / "tests" / "examples" / "rule_examples.toml").read_text("utf-8"))


def in_article(quote: str) -> bool:
    return " ".join(quote.split()) in ARTICLE


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_rule_has_four_part_doc_quoting_the_article(rule) -> None:  # type: ignore[no-untyped-def]
    assert re.fullmatch(r"FRM[1-6]\d\d", rule.code)
    assert re.fullmatch(r"[a-z]+(-[a-z]+)*", rule.name)
    assert rule.code[3] == FAMILY_DIGIT[rule.category.value]
    for part in (rule.what, rule.why, rule.example, rule.instead):
        assert len(part) > 30
    assert in_article(rule.quote), f"{rule.code} quotes text that is not in seeds/"
    doc = rule_doc(rule)
    for heading in ("What it flags", "Why it matters", "Example", "Use instead"):
        assert heading in doc


def test_codes_and_names_are_unique() -> None:
    assert len({r.code for r in RULES}) == len(RULES)
    assert len({r.name for r in RULES}) == len(RULES)


def test_every_lexicon_entry_cites_the_article() -> None:
    lexicon = load_lexicon()
    assert len(lexicon.cues) >= 150
    for entry in (*lexicon.cues, *(t for t in lexicon.targets if t.epithet)):
        assert in_article(entry.article), f"{entry.id}: 'article' is not a quote of seeds/"
        assert 1 <= len(entry.alternatives) <= 3, entry.id


def test_every_rule_is_fed() -> None:
    """Each rule has a lexicon entry or is produced by a detector from other findings."""
    derived = {"FRM101", "FRM501", "FRM602", "FRM102"}
    lexicon = load_lexicon()
    fed = {c.rule for c in lexicon.cues} | derived
    assert {r.code for r in RULES} <= fed


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_every_rule_has_firing_and_quiet_examples(rule) -> None:  # type: ignore[no-untyped-def]
    fires = [e for e in EXAMPLES["fires"] if e["rule"] == rule.code]
    quiet = [e for e in EXAMPLES["quiet"] if e["rule"] == rule.code]
    assert len(fires) >= 2, f"{rule.code} needs two firing examples"
    assert len(quiet) >= 2, f"{rule.code} needs two near-misses"


def test_severities_cover_problems_and_good_framing() -> None:
    severities = {r.severity for r in RULES}
    assert severities == {Severity.ERROR, Severity.WARNING, Severity.INFO}
