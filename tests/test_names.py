"""The rules tier guesses names of leaders the targets lexicon does not list, from real text.

Sentences are verbatim from the UN General Debate statements in ``corpora/``.
"""

from __future__ import annotations

import pytest

from framing.api import Analyzer


def guessed(analyzer: Analyzer, text: str) -> list[str]:
    doc = analyzer.nlp.make_doc(text)
    compiled = analyzer.nlp.get_pipe("framing").compiled
    spans = compiled.names.spans(doc, compiled.keys.of_doc(doc).layout)
    for start, end in spans:
        span = doc[start:end]
        assert text[span.start_char : span.end_char] == span.text
    return [doc[start:end].text for start, end in spans]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            "By breaking every pledge, by his deceptions and by his cruelties, Saddam Hussein "
            "has made the case against himself.",
            ["Saddam Hussein"],
        ),
        (
            "The actions of the criminal regime of Bashar Al-Assad, including the use of chemical "
            "weapons against his own citizens, even innocent children, shocked the conscience of "
            "every decent person.",
            ["Bashar Al-Assad"],
        ),
        (
            "Osama bin Laden is gone, and the idea that change could come only through violence "
            "has been buried with him.",
            ["Osama bin Laden"],
        ),
        (
            "I warn this General Assembly that in the case of China there is no possibility of "
            "Mao Tse-tung’s becoming a second Tito.",
            ["Mao Tse-tung", "Tito"],
        ),
        ("Anti-Assad forces advanced on Damascus.", ["Assad"]),
        (
            "To make matters worse, Maduro has defied his own people, stealing power from their "
            "elected representatives to preserve his disastrous rule.",
            ["Maduro"],
        ),
    ],
)
def test_guesses_leaders_the_lexicon_does_not_list(
    rules_analyzer: Analyzer, text: str, names: list[str]
) -> None:
    assert guessed(rules_analyzer, text) == names


@pytest.mark.parametrize(
    "text",
    [
        # a capital, a people and English words in capitals
        "The Western countries’ unwillingness to engage in talks and the Kyiv regime’s continuing "
        "war on its own people left us with no choice.",
        "Secondly, the Palestinians and the Israelis must return to the negotiating table in "
        "September.",
        "The United Nations Security Council must act.",
        # a word at the head of a sentence that the same text writes in lower case
        "Denuclearization is our goal. We will pursue complete denuclearization.",
    ],
)
def test_places_peoples_and_words_are_not_names(rules_analyzer: Analyzer, text: str) -> None:
    assert guessed(rules_analyzer, text) == []


def test_a_leader_outside_the_lexicon_is_a_threat_target(analyzer: Analyzer) -> None:
    text = (
        "We have also imposed tough, calibrated sanctions on the socialist Maduro regime in "
        "Venezuela, which has brought a once-thriving nation to the brink of total collapse."
    )
    found = [f for f in analyzer.analyze(text).findings if f.rule == "FRM104"]
    assert [(f.text, f.target) for f in found] == [("Maduro regime", "Maduro")]


def test_a_name_broken_across_a_hard_wrapped_line_is_one_name(rules_analyzer: Analyzer) -> None:
    text = "For the United States, Saddam\nHussein's regime is a grave and gathering danger."
    assert guessed(rules_analyzer, text) == ["Saddam\nHussein"]
