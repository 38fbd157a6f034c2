"""The judgement real statements need (issue: 'Judgement that real statements need'), both tiers.

Sentences are real where the corpora have them (source in the comment), minimal edits of real
sentences where a near-miss is needed.
"""

from __future__ import annotations

import pytest

from framing.analysis import Analysis
from framing.api import Analyzer
from tests.conftest import CORPORA

# USA_72_2017.txt (Trump, UN General Assembly, 2017)
ROCKET_MAN = "Rocket man is on a suicide mission for himself and for his regime."
DESTROY = (
    "The United States has great strength and patience, but if it is forced to defend itself or "
    "its allies, we will have no choice but to totally destroy North Korea."
)
# Panmunjom Declaration, 2018 (gold nk-034 vocabulary; agreement text)
CEASE = "South and North Korea agreed to completely cease all hostile acts against each other."


def rules(analysis: Analysis, *, quoted: bool | None = False) -> set[str]:
    return {f.rule for f in analysis.findings if quoted is None or f.quoted == quoted}


def test_leader_target_makes_a_threat_personal(analyzer: Analyzer) -> None:
    found = rules(analyzer.analyze(ROCKET_MAN))
    assert "FRM102" in found
    assert "FRM101" in found


def test_threat_against_a_state_is_escalation_not_personal(analyzer: Analyzer) -> None:
    found = rules(analyzer.analyze(DESTROY))
    assert "FRM201" in found
    assert not {code for code in found if code.startswith("FRM1")}


def test_negated_regime_change_is_an_assurance(analyzer: Analyzer) -> None:
    analysis = analyzer.analyze("We do not seek a regime change or the collapse of the regime.")
    found = rules(analysis)
    assert "FRM602" in found
    assert not {code for code in found if code.startswith("FRM3")}
    assert analysis.scores.hostile_policy == 0
    assert analysis.scores.military_tension > 0


def test_ceasing_hostile_acts_is_tension_reduction(analyzer: Analyzer) -> None:
    analysis = analyzer.analyze(CEASE)
    assert "FRM602" in rules(analysis)
    assert analysis.scores.hostile_policy == 0
    assert analysis.scores.tension == 0


def test_reducing_military_tension_is_never_negative(analyzer: Analyzer) -> None:
    analysis = analyzer.analyze(
        "Both sides will take practical steps to alleviate military tensions and reduce the risk "
        "of war on the Korean Peninsula."
    )
    assert "FRM601" in rules(analysis)
    assert analysis.scores.tension == 0
    assert analysis.scores.escalation == 0
    assert analysis.scores.military_tension > 0.5


def test_defensive_conditional_lowers_intensity(analyzer: Analyzer) -> None:
    plain = analyzer.analyze("We will totally destroy North Korea.")
    conditional = analyzer.analyze(DESTROY)
    weight = {f.rule: f.weight for f in plain.findings}["FRM201"]
    lowered = {f.rule: f.weight for f in conditional.findings}["FRM201"]
    assert lowered < weight
    quiet = analyzer.analyze("If attacked, we will defend ourselves and our allies.")
    assert not {f for f in quiet.findings if f.severity != "info"}


def test_emphasis_raises_weight_but_creates_nothing(analyzer: Analyzer) -> None:
    calm = analyzer.analyze("They will be met with fire and fury.")
    loud = analyzer.analyze("They will be met with FIRE AND FURY!")
    assert max(f.weight for f in loud.findings) > max(f.weight for f in calm.findings)
    assert analyzer.analyze("We are TOTALLY READY and VERY PROUD!").findings == ()


def test_quoted_speech_is_kept_apart(analyzer: Analyzer) -> None:
    analysis = analyzer.analyze(
        'KCNA called the joint drills "a rehearsal for invasion" and demanded they stop.'
    )
    quoted = [f for f in analysis.findings if f.quoted]
    assert quoted, "the quoted framing is still reported"
    assert all(f.severity == "info" for f in quoted)
    assert analysis.scores.tension == 0


def test_reported_speech_is_marked_quoted(analyzer: Analyzer) -> None:
    analysis = analyzer.analyze("Pyongyang said that the United States would be wiped off the map.")
    assert analysis.findings
    assert all(f.quoted for f in analysis.findings)


def test_own_words_after_as_i_said_are_not_quoted(analyzer: Analyzer) -> None:
    # gold nk-002 (Trump, 2017-08-08)
    analysis = analyzer.analyze(
        "He has been very threatening beyond a normal state, and as I said, they will be met "
        "with fire and fury — and frankly power — the likes of which this world has never seen "
        "before."
    )
    assert any(f.rule == "FRM201" and not f.quoted for f in analysis.findings)
    assert not rules(analysis) & {"FRM101", "FRM103"}


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        (
            "It should be pointed out here that the so-called Heng Samrin regime is nothing but "
            "a puppet propped up by the Vietnamese aggressors at bayonet point.",
            "FRM104",
        ),
        (
            "It goes without saying that all Security Council resolutions must be implemented "
            "but, along with sanctions, they all include provisions on the importance of "
            "resuming talks.",
            "FRM302",
        ),
        ("Needless to say, we will totally destroy North Korea.", "FRM201"),
    ],
)
def test_reporting_verbs_in_idioms_are_the_speakers_own_words(
    analyzer: Analyzer, text: str, rule: str
) -> None:
    assert rule in rules(analyzer.analyze(text))


def test_word_sense_guards(analyzer: Analyzer) -> None:
    for text in (
        "The dock workers went on strike over wages.",
        "The club fired the coach after the loss.",
    ):
        assert analyzer.analyze(text).findings == (), text
    ceasefire = analyzer.analyze(
        "The two sides agreed to a ceasefire along the Military Demarcation Line."
    )
    assert {f.rule for f in ceasefire.findings} == {"FRM601"}, "a ceasefire is no 'fire'"


def test_posture_change_without_reassurance(analyzer: Analyzer) -> None:
    bare = analyzer.analyze("We will scale back joint exercises on the Peninsula next year.")
    assert "FRM501" in rules(bare)
    reassured = analyzer.analyze(
        "In close coordination with Seoul, we will scale back joint exercises on the Peninsula "
        "next year. Our commitment to the defense of the Republic of Korea remains ironclad."
    )
    assert "FRM501" not in rules(reassured)
    assert "FRM502" in rules(reassured)


def test_long_calm_speech_is_not_worse_than_a_short_threat(analyzer: Analyzer) -> None:
    speech = (CORPORA / "inaugural" / "1789-Washington.txt").read_text(encoding="utf-8")
    calm = analyzer.analyze(speech)
    threat = analyzer.analyze(ROCKET_MAN)
    assert calm.scores.tension < 15
    assert threat.scores.tension > 50


def test_worst_sentence_stays_visible(analyzer: Analyzer) -> None:
    speech = (CORPORA / "un_general_debate" / "USA_72_2017.txt").read_text(encoding="utf-8")
    analysis = analyzer.analyze(speech)
    assert analysis.worst_sentence is not None
    worst = analysis.sentences[analysis.worst_sentence]
    assert worst.scores.tension > analysis.scores.tension
    assert "Rocket" in worst.text or "destroy" in worst.text


def test_scores_are_explained_by_findings(analyzer: Analyzer) -> None:
    analysis = analyzer.analyze(ROCKET_MAN + " " + DESTROY)
    assert analysis.scores.threat > 0
    assert {f.category for f in analysis.explain("threat")} == {"threat"}
    assert analysis.explain("escalation")
    calm = analyzer.analyze("Thank you.")
    assert calm.explain("tension") == ()
    assert calm.scores.tension == 0


def test_phrases_match_across_a_wrapped_line_but_not_a_blank_line(analyzer: Analyzer) -> None:
    # Pre-2009 UN files wrap lines mid-sentence (PRK_55_2000.txt and others).
    wrapped = analyzer.analyze("They will be met with fire and\nfury like the world never saw.")
    (fire,) = [f for f in wrapped.findings if f.rule == "FRM201"]
    assert fire.text == "fire and\nfury"
    apart = analyzer.analyze("The talks ended in fire and\n\nfury is not a policy.")
    assert "FRM201" not in rules(apart)


def test_a_negator_after_its_cue_still_makes_a_valid_finding(analyzer: Analyzer) -> None:
    """PRK_65_2010: the parser hangs "not" on the verb after the subject "anti-peace forces";
    the assurance finding covers both instead of running backwards (a crash before)."""
    text = (
        "The anti-reunification forces have no place on the Korean peninsula and, as such, the "
        "anti-peace forces should not be offered a place in the international community."
    )
    analysis = analyzer.analyze(text)
    for finding in analysis.findings:
        assert finding.start < finding.end
        assert text[finding.start : finding.end] == finding.text


def test_both_tiers_key_every_word_alike(
    rules_analyzer: Analyzer, parser_analyzer: Analyzer
) -> None:
    """Patterns match the same words in both tiers: a trained lemmatizer's "we" for "us" or
    "he" for "him" must not hide "pressure on us" from the parser tier."""
    text = (CORPORA / "un_general_debate" / "PRK_72_2017.txt").read_text(encoding="utf-8")
    text += "\nThey seek to stifle us and to take him out. Americans and Koreans agree."
    keys = []
    for analyzer in (rules_analyzer, parser_analyzer):
        nlp = analyzer.nlp
        doc = nlp.make_doc(text)
        keys.append(list(nlp.get_pipe("framing").compiled.keys.of_doc(doc)))
    assert keys[0] == keys[1]
    assert {"us", "him", "american"} <= set(keys[1])


def test_sense_guards_are_keyed_like_the_text(analyzer: Analyzer) -> None:
    """A guard of several tokens ("military alliance") or an inflected one must cancel the cue
    it guards, as a one-word guard does (KCNA's 'trilateral military alliance' is no
    reassurance to Seoul)."""
    guarded = "They are forging trilateral security as a military alliance against us."
    assert "FRM502" not in rules(analyzer.analyze(guarded))
    assert "FRM502" in rules(analyzer.analyze("We value trilateral security with Japan."))


def test_pressure_on_a_leader_is_personal(analyzer: Analyzer) -> None:
    """Pressure aimed at the leader himself is a personalized threat (and still hostile-policy
    wording); on the state, or with the leader as the one under it, it is not personal."""
    on_the_leader = analyzer.analyze("We will keep maximum pressure on Kim Jong Un.")
    assert {"FRM101", "FRM302"} <= rules(on_the_leader)
    for calm in (
        "We will keep maximum pressure on North Korea.",
        "Kim Jong Un is under maximum pressure from the sanctions.",
        "We will not keep maximum pressure on Kim Jong Un.",
    ):
        assert "FRM101" not in rules(analyzer.analyze(calm)), calm
