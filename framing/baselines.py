"""Plain sentiment baselines the tool is measured against on the same passages.

A researcher should see whether framing beats "negative text is tense": TextBlob polarity (a
dependency already) and, when the optional ``vader`` extra is installed, VADER's compound score.
Neither has a threshold of its own, so they are compared by ranking (ROC AUC, Spearman). For a
label about hostile language the score is the negated polarity; for tension-reduction and
reassurance language it is the polarity itself.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable, Sequence

from framing.evaluate import CALM_LABELS
from framing.sentiment import polarity_subjectivity

Scorer = Callable[[str], float]


def textblob_polarity(text: str) -> float:
    return polarity_subjectivity(text)[0]


def vader_scorer() -> Scorer | None:
    """VADER's compound score in [-1, 1], or None when vaderSentiment is not installed."""
    if importlib.util.find_spec("vaderSentiment") is None:
        return None
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    analyzer = SentimentIntensityAnalyzer()
    return lambda text: float(analyzer.polarity_scores(text)["compound"])


def available() -> dict[str, Scorer]:
    """The baselines installed here, by name, in report order."""
    scorers: dict[str, Scorer] = {"textblob": textblob_polarity}
    vader = vader_scorer()
    if vader is not None:
        scorers["vader"] = vader
    return scorers


def oriented(label: str, polarities: Sequence[float]) -> list[float]:
    """Polarity turned into a score that should rise with the label."""
    sign = 1.0 if label in CALM_LABELS else -1.0
    return [sign * p for p in polarities]
