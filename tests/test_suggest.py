"""Calmer phrasings: tailored to the rule and the sentence, and never offered unverified."""

from __future__ import annotations

from pathlib import Path

import pytest

from framing import inflect
from framing.analysis import Analysis, Finding, from_doc
from framing.api import Analyzer
from framing.cli import main
from framing.fitting import Edit
from framing.suggest import Rewrite, offers
from framing.verify import Verifier

CORPORA = Path(__file__).resolve().parents[1] / "corpora"
ROCKET = "Rocket man is on a suicide mission for himself and for his regime."
DESTROY = "We will have no choice but to totally destroy North Korea."
CALM = CORPORA / "inaugural" / "1789-Washington.txt"


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer("none")


def un_sentence(name: str, needle: str) -> str:
    """The sentence of a UN General Debate speech that contains ``needle``."""
    text = (CORPORA / "un_general_debate" / name).read_text(encoding="utf-8")
    start = text.index(needle)
    begin = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start)) + 1
    end = text.index(".", start) + 1
    return text[begin:end].strip()


def first(analysis: Analysis, prefix: str) -> Finding:
    return next(f for f in analysis.findings if f.rule.startswith(prefix))


def test_an_epithet_becomes_the_leaders_title_and_name(analyzer: Analyzer) -> None:
    epithet = first(analyzer.analyze(ROCKET), "FRM102")
    assert epithet.suggestions, "the epithet has no verified suggestion"
    best = epithet.suggestions[0]
    assert best.replacement == epithet.target == "Chairman Kim"
    assert best.sentence == "Chairman Kim is on a suicide mission for himself and for his regime."


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ROCKET MAN is on a suicide mission!", "CHAIRMAN KIM is on a suicide mission!"),
        ("Asked him how rocket man is doing.", "Asked him how Chairman Kim is doing."),
        ("We talked about the Rocket Man again.", "We talked about Chairman Kim again."),
    ],
)
def test_epithet_replacement_keeps_case_punctuation_and_drops_the_article(
    analyzer: Analyzer, text: str, expected: str
) -> None:
    epithet = first(analyzer.analyze(text), "FRM102")
    assert expected in [s.sentence for s in epithet.suggestions]


def test_annihilation_threat_becomes_defensive_deterrence_that_keeps_the_allies(
    analyzer: Analyzer,
) -> None:
    sentence = un_sentence("USA_72_2017.txt", "totally destroy North Korea")
    threat = first(analyzer.analyze(sentence), "FRM2")
    rewritten = [s.sentence for s in threat.suggestions]
    assert sentence.replace("totally destroy", "defend ourselves and our allies against") in (
        rewritten
    )
    assert all("North Korea" in s and s.endswith(".") for s in rewritten)
    assert all("totally" not in s for s in rewritten), "the booster goes with the threat"


def test_every_reason_is_one_line_citing_the_article(analyzer: Analyzer) -> None:
    analysis = analyzer.analyze(f"{ROCKET} {DESTROY}")
    reasons = [s.reason for f in analysis.findings for s in f.suggestions]
    assert reasons
    for reason in reasons:
        assert "\n" not in reason and "article" in reason and "“" in reason


def test_a_superlative_is_dropped_with_its_space(analyzer: Analyzer) -> None:
    text = "They will be met with fire and fury like the world has never seen."
    superlative = first(analyzer.analyze(text), "FRM204")
    assert "They will be met with fire and fury." in [s.sentence for s in superlative.suggestions]


def test_a_delegitimizing_label_becomes_the_plain_noun(analyzer: Analyzer) -> None:
    sentence = un_sentence("USA_72_2017.txt", "band of criminals")
    label = first(analyzer.analyze(sentence), "FRM303")
    expected = sentence.replace("band of criminals", "government")
    assert expected in [s.sentence for s in label.suggestions]


def test_a_government_named_after_its_leader_keeps_the_name_and_takes_the_states_noun(
    analyzer: Analyzer,
) -> None:
    for needle, old, new in [
        ("socialist Maduro regime", "Maduro regime", "Maduro government"),
        ("criminal regime of Bashar", "regime of Bashar", "government of Bashar"),
        ("isolate the Kim regime", "the Kim regime", "the Kim government"),
    ]:
        sentence = un_sentence("USA_72_2017.txt", needle)
        label = first(analyzer.analyze(sentence), "FRM104")
        assert sentence.replace(old, new) in [s.sentence for s in label.suggestions]


def test_the_dictator_before_a_name_goes_and_alone_becomes_the_leader(analyzer: Analyzer) -> None:
    named = first(analyzer.analyze("The dictator Maduro is a Cuban puppet."), "FRM102")
    assert "Maduro is a Cuban puppet." in [s.sentence for s in named.suggestions]
    alone = first(analyzer.analyze("The world's quarrel is with the dictator."), "FRM102")
    assert "The world's quarrel is with the leader." in [s.sentence for s in alone.suggestions]


@pytest.mark.parametrize(
    "text",
    ["Rocket Man is on a *suicide mission* for himself.", "Rocket Man is on a\nsuicide mission."],
)
def test_a_rewrite_never_repeats_words_across_emphasis_or_a_line_break(
    analyzer: Analyzer, text: str
) -> None:
    threat = first(analyzer.analyze(text), "FRM101")
    assert all(
        "on a on a" not in " ".join(s.sentence.replace("*", " ").split())
        for s in threat.suggestions
    )


def test_at_most_three_suggestions_and_none_for_info_or_quoted(analyzer: Analyzer) -> None:
    text = (
        "We will not seek regime change. Pyongyang said that the United States would be wiped "
        f"off the map. {ROCKET}"
    )
    analysis = analyzer.analyze(text)
    assert any(f.suggestions for f in analysis.findings)
    for finding in analysis.findings:
        assert len(finding.suggestions) <= 3
        if not offers(finding):
            assert finding.suggestions == ()


def test_from_doc_no_longer_makes_unverified_suggestions(analyzer: Analyzer) -> None:
    analysis = from_doc(analyzer.nlp(ROCKET))
    assert analysis.findings and all(f.suggestions == () for f in analysis.findings)


def test_calm_text_gets_no_suggestions(analyzer: Analyzer) -> None:
    analysis = analyzer.analyze(CALM.read_text(encoding="utf-8"))
    assert not any(f.suggestions for f in analysis.findings)


def test_check_shows_the_verified_suggestion(tmp_path: Path, capsys) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text(ROCKET + "\n", encoding="utf-8")
    assert main(["check", str(draft), "--model", "none", "--isolated"]) == 1
    assert "Chairman Kim is on a suicide mission" in capsys.readouterr().out


# --- verification: what a candidate must keep --------------------------------------------------


def verdict(analyzer: Analyzer, text: str, old: str, new: str, finding_prefix: str) -> bool:
    """Whether replacing ``old`` with ``new`` in ``text`` passes verification."""
    analysis = analyzer.analyze(text)
    index = next(i for i, f in enumerate(analysis.findings) if f.rule.startswith(finding_prefix))
    start = text.index(old)
    rewrite = Rewrite(index, Edit(start, start + len(old), new), "test")
    return Verifier(analyzer).verify(text, analysis, [rewrite])[0]


def test_verification_accepts_a_calmer_rewrite(analyzer: Analyzer) -> None:
    assert verdict(analyzer, DESTROY, "totally destroy", "deter", "FRM2")


@pytest.mark.parametrize(
    ("old", "new", "why"),
    [
        ("totally destroy", "totally annihilate", "does not score lower"),
        ("totally destroy", "never deter", "adds a negation"),
        ("no choice but to totally destroy", "a choice but to deter", "drops a negation"),
        ("totally destroy North Korea", "deter them", "drops a named entity"),
        ("totally destroy", "deter 2 divisions of", "adds a number"),
        ("totally destroy", "deter with fire and fury", "adds a finding"),
        ("totally destroy", "deter Japan and", "brings in a name"),
    ],
)
def test_verification_rejects(analyzer: Analyzer, old: str, new: str, why: str) -> None:
    assert not verdict(analyzer, DESTROY, old, new, "FRM2"), why


def test_verification_keeps_numbers(analyzer: Analyzer) -> None:
    text = "We will totally destroy all 25 million of them."
    assert not verdict(analyzer, text, "all 25 million of", "all", "FRM2")


# --- inflection and articles ------------------------------------------------------------------


def test_inflection_follows_the_lemma_table(analyzer: Analyzer) -> None:
    keys = analyzer.nlp.get_pipe("framing").compiled.keys

    def lemma(word: str) -> str:
        return keys.of_phrase([word])[0] or word

    assert inflect.inflect("deter", inflect.PAST, lemma) == "deterred"
    assert inflect.inflect("defend", inflect.THIRD, lemma) == "defends"
    assert inflect.inflect("repel", inflect.GERUND, lemma) == "repelling"
    assert inflect.inflect("keep", inflect.PAST, lemma) == "kept"
    assert inflect.form_of("destroyed", "destroy") == inflect.PAST
    assert inflect.form_of("threatens", "threaten") == inflect.THIRD


@pytest.mark.parametrize(
    ("word", "article"),
    [("official", "an"), ("leader", "a"), ("unilateral", "a"), ("hour", "an"), ("U.S.", "a")],
)
def test_indefinite_article(word: str, article: str) -> None:
    assert inflect.indefinite_article(word) == article


@pytest.mark.parser
def test_parser_tier_tailors_the_same_way(parser_analyzer: Analyzer) -> None:
    analysis = parser_analyzer.analyze(f"{ROCKET} {DESTROY}")
    epithet = first(analysis, "FRM102")
    threat = first(analysis, "FRM2")
    assert epithet.suggestions[0].sentence.startswith("Chairman Kim is on a suicide mission")
    assert "We will have no choice but to defend ourselves and our allies against North Korea." in [
        s.sentence for s in threat.suggestions
    ]
