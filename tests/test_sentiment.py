"""Our lean TextBlob loader must give TextBlob's own numbers."""

from __future__ import annotations

import json

import pytest

from framing.sentiment import polarity_subjectivity
from tests.conftest import CORPORA

TWEETS = [
    json.loads(line)["text"]
    for line in (CORPORA / "trump_tweets_korea_2017_2019.jsonl").read_text().splitlines()[:40]
]


@pytest.mark.parametrize("text", TWEETS)
def test_matches_textblob(text: str) -> None:
    from textblob import TextBlob

    expected = TextBlob(text).sentiment
    assert polarity_subjectivity(text) == pytest.approx((expected.polarity, expected.subjectivity))


def test_empty_text_is_neutral() -> None:
    assert polarity_subjectivity("   ") == (0.0, 0.0)
