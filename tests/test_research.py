"""The researcher's API: ``score_frame``, the scikit-learn transformer, the spaCy component."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import framing
from framing.api import Analyzer
from framing.corpus.scorer import RULE_COLUMNS
from framing.scoring import SCORE_FIELDS

pandas = pytest.importorskip("pandas")

ROOT = Path(__file__).resolve().parents[1]
TWEETS = ROOT / "corpora" / "trump_tweets_korea_2017_2019.jsonl"
GOLD = ROOT / "corpora" / "gold" / "dev.jsonl"
ROCKET = "Rocket man is on a suicide mission for himself and for his regime."
DESTROY = "We will have no choice but to totally destroy North Korea."
CALM = (ROOT / "corpora" / "inaugural" / "1789-Washington.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer("none")


@pytest.fixture(scope="module")
def tweets() -> pandas.DataFrame:
    extra = [
        {"id": "rocket", "text": ROCKET, "date": "2017-09-23"},
        {"id": "empty", "text": " ", "date": "2017-09-24"},
        {"id": "missing", "text": None, "date": "2017-09-25"},
    ]
    frame = pandas.read_json(TWEETS, lines=True, dtype=False).head(12)
    return pandas.concat([frame, pandas.DataFrame(extra)], ignore_index=True).set_index("id")


def test_score_frame_adds_the_columns_of_framing_score(
    tweets: pandas.DataFrame, analyzer: Analyzer
) -> None:
    scored = framing.score_frame(tweets, text="text", sentiment=True)
    assert list(scored.index) == list(tweets.index)
    assert list(scored.columns[: len(tweets.columns)]) == list(tweets.columns)
    added = list(scored.columns[len(tweets.columns) :])
    assert added[:2] == ["words", "sentences"] and added[-1] == "error"
    assert set(SCORE_FIELDS) | set(RULE_COLUMNS) <= set(added)
    for key, row in scored.head(12).iterrows():
        analysis = analyzer.analyze(tweets.loc[key, "text"])
        assert row["tension"] == analysis.scores.tension and row["words"] == analysis.words
        assert row["polarity"] == analysis.scores.polarity
        assert pandas.isna(row["error"])
    rocket = scored.loc["rocket"]
    assert sum(rocket[c] for c in RULE_COLUMNS if c.startswith("FRM1")) >= 1
    assert scored.loc["empty", "error"].startswith("E152:")
    assert scored.loc["missing", "error"].startswith("E154:")
    assert pandas.isna(scored.loc["missing", "tension"])
    assert str(scored["FRM101"].dtype) == "Int64"


def test_score_frame_by_sentence_repeats_the_document_columns(tweets: pandas.DataFrame) -> None:
    two = pandas.DataFrame({"text": [f"{ROCKET} {DESTROY}", CALM[:400]], "who": ["a", "b"]})
    scored = framing.score_frame(two, granularity="sentence")
    documents = framing.score_frame(two)
    assert (scored.groupby("index").size() == documents["sentences"]).all()
    assert list(scored[scored["index"] == 0]["text"]) == [ROCKET, DESTROY]
    assert set(scored["who"]) == {"a", "b"}
    assert scored.groupby("index")["words"].sum().tolist() == documents["words"].tolist()


def test_score_frame_needs_the_text_column(tweets: pandas.DataFrame) -> None:
    with pytest.raises(framing.errors.FramingError) as raised:
        framing.score_frame(tweets, text="body")
    assert raised.value.code == "E170"


def test_features_are_scores_and_rule_rates() -> None:
    features = framing.FramingFeatures()
    matrix = features.fit_transform([ROCKET, CALM, ""])
    names = list(features.get_feature_names_out())
    assert matrix.shape == (3, len(SCORE_FIELDS) + len(RULE_COLUMNS)) == (3, len(names))
    assert names[: len(SCORE_FIELDS)] == list(SCORE_FIELDS)
    assert names[len(SCORE_FIELDS)] == f"{RULE_COLUMNS[0]}_per_1000_words"
    rocket = dict(zip(names, matrix[0], strict=True))
    analysis = Analyzer("none").analyze(ROCKET)
    assert rocket["tension"] == analysis.scores.tension
    first = next(f.rule for f in analysis.findings if not f.quoted)
    own = sum(1 for f in analysis.findings if f.rule == first and not f.quoted)
    assert rocket[f"{first}_per_1000_words"] == pytest.approx(own * 1000 / analysis.words)
    assert not matrix[2].any()
    counts = framing.FramingFeatures(per_1000_words=False, scores=False, size=True)
    raw = counts.fit_transform([ROCKET])
    assert list(counts.get_feature_names_out()[:3]) == ["words", "sentences", RULE_COLUMNS[0]]
    assert raw[0, 0] == analysis.words and raw[0, 2:].sum() == sum(
        1 for f in analysis.findings if not f.quoted
    )


def test_transformer_works_in_a_pipeline_with_pandas_output() -> None:
    from sklearn.base import clone
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    passages = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines()]
    texts = [p["text"] for p in passages]
    tense = [int(p["labels"]["esc"] > 0 or p["labels"]["threat"] > 0) for p in passages]
    assert 0 < sum(tense) < len(tense)
    model = make_pipeline(framing.FramingFeatures(), LogisticRegression(max_iter=1000))
    model.fit(texts, tense)
    assert model.predict(texts).shape == (len(texts),)
    assert model.score(texts, tense) > 0.5
    copy = clone(model.steps[0][1]).set_output(transform="pandas")
    frame = copy.fit_transform(pandas.Series(texts[:3]))
    assert list(frame.columns) == list(copy.get_feature_names_out())
    assert copy.get_params()["model"] == "none"


def test_the_spacy_component_in_a_researchers_own_pipeline() -> None:
    """The README's example: add "framing" to any English pipeline."""
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("framing")
    doc = nlp(f"{ROCKET} {DESTROY}")
    rules = [span.label_ for span in doc.spans["framing"]]
    assert any(code.startswith("FRM1") for code in rules)
    assert any(code.startswith("FRM2") for code in rules)
    assert doc._.framing["scores"]["tension"] > 0
    assert len(doc._.framing["sentences"]) == 2
