"""Properties of ``framing fix`` on generated and real texts, plain and Markdown.

* it changes no byte outside the edits it reports, and each edit covers a finding's span widened
  only over words a suggestion may take with it (an article, a booster, a repeated word) and
  spaces or a comma;
* the document's tension after fixing is at most what it was;
* fixing a fixed text changes nothing: fix(fix(x)) == fix(x).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from framing.analysis import Analysis
from framing.api import Analyzer
from framing.config import Settings
from framing.fitting import ABSORBABLE
from framing.fix import directives_for, fix_text, source_for

CORPORA = Path(__file__).resolve().parents[1] / "corpora"
GOLD = [json.loads(line)["text"] for line in (CORPORA / "gold" / "dev.jsonl").open()]
TWEETS = [
    json.loads(line)["text"]
    for line in (CORPORA / "trump_tweets_korea_2017_2019.jsonl").open(encoding="utf-8")
]
CALM = [
    s.strip() + "."
    for s in (CORPORA / "inaugural" / "1789-Washington.txt").read_text().split(".")[:12]
    if len(s.split()) > 4
]
HEATED = [
    "Rocket man is on a suicide mission for himself and for his regime.",
    "We will have no choice but to totally destroy North Korea.",
    "They will be met with fire and fury like the world has never seen.",
    "No nation on Earth has an interest in seeing this band of criminals arm itself.",
    "I will surely and definitely tame the mentally deranged U.S. dotard with fire.",
    *GOLD[:12],
]
WORD = re.compile(r"\s*([\w’'-]+|,)\s*$")
SETTINGS = settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer("none")


def analyse(analyzer: Analyzer, text: str, name: str) -> Analysis:
    source = source_for(name, text)
    directives = directives_for(source, Settings(), name)
    return analyzer.analyze(source.prose, original=source.original, directives=directives)


def zone_start(text: str, start: int, sentence_start: int) -> int:
    """How far left an edit may reach from a finding: absorbable words, spaces, a comma."""
    position = start
    for _ in range(6):
        match = WORD.search(text, sentence_start, position)
        if match is None or not (match.group(1) == "," or match.group(1).lower() in ABSORBABLE):
            break
        position = match.start()
    while position > sentence_start and text[position - 1] == " ":
        position -= 1
    return position


def zone_end(text: str, end: int) -> int:
    """How far right: spaces and one comma (an aside goes with its comma)."""
    if text[end : end + 1] == ",":
        end += 1
    while text[end : end + 1] == " ":
        end += 1
    return end


def check(analyzer: Analyzer, text: str, name: str) -> None:
    result = fix_text(analyzer, text, name)
    before = analyse(analyzer, text, name)
    rebuilt = text
    for edit in sorted(result.edits, key=lambda e: -e.start):
        rebuilt = edit.apply(rebuilt)
    assert rebuilt == result.after, "bytes changed outside the reported edits"
    zones = []
    for finding in before.findings:
        sentence = before.sentences[finding.sentence]
        zones.append(
            (zone_start(text, finding.start, sentence.start), zone_end(text, finding.end), finding)
        )
    for edit in result.edits:
        covered = [z for z in zones if z[0] <= edit.start and edit.end <= z[1]]
        overlaps = [z for z in zones if edit.start < z[2].end and edit.end > z[2].start]
        merged = all(any(z[0] <= p < z[1] for z in zones) for p in range(edit.start, edit.end))
        assert overlaps and (covered or merged), f"edit {edit} strays from the findings"
    after = analyse(analyzer, result.after, name)
    assert after.scores.tension <= before.scores.tension
    assert fix_text(analyzer, result.after, name).after == result.after, "not idempotent"


SEPARATORS = st.sampled_from([" ", "\n", "\r\n", "\n\n", "\r\n\r\n"])
SENTENCE = st.one_of(st.sampled_from(HEATED), st.sampled_from(CALM))


@st.composite
def plain_texts(draw: st.DrawFn) -> str:
    sentences = draw(st.lists(SENTENCE, min_size=1, max_size=4))
    separator = draw(SEPARATORS)
    bom = draw(st.sampled_from(["", "\ufeff"]))
    ending = draw(st.sampled_from(["", "\n", "\r\n"]))
    return bom + separator.join(sentences) + ending


MARKUP = st.sampled_from(
    ["{}", "# {}", "- {}", "> {}", "*{}*", "**{}**", "{} `code`", "[{}](https://example.org)"]
)


@st.composite
def markdown_texts(draw: st.DrawFn) -> str:
    blocks = [
        draw(MARKUP).format(draw(SENTENCE))
        for _ in range(draw(st.integers(min_value=1, max_value=4)))
    ]
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    fence = draw(st.sampled_from(["", f"```{newline}we will totally destroy them{newline}```"]))
    return (newline * 2).join([*blocks, fence]).strip() + newline


@SETTINGS
@given(text=plain_texts())
def test_properties_on_generated_plain_text(analyzer: Analyzer, text: str) -> None:
    check(analyzer, text, "draft.txt")


@SETTINGS
@given(text=markdown_texts())
def test_properties_on_generated_markdown(analyzer: Analyzer, text: str) -> None:
    check(analyzer, text, "draft.md")


@pytest.mark.parametrize("index", range(0, len(GOLD), 4))
def test_properties_on_gold_passages(analyzer: Analyzer, index: int) -> None:
    check(analyzer, GOLD[index], "passage.txt")


def test_properties_on_tweets(analyzer: Analyzer) -> None:
    check(analyzer, "\n".join(TWEETS[:60]) + "\n", "tweets.txt")


def test_properties_on_a_un_speech(analyzer: Analyzer) -> None:
    speech = CORPORA / "un_general_debate" / "USA_72_2017.txt"
    check(analyzer, speech.read_text(encoding="utf-8"), speech.name)
