"""A small, fixed feature vector per passage, read from an :class:`~framing.analysis.Analysis`.

What the detectors already measured — the five dimension scores, tension, how many error and
warning findings the speaker's own text drew, and TextBlob polarity and subjectivity. The
calibrator reads these beside the passage's word n-grams (:mod:`framing.learn.ngrams`).
"""

from __future__ import annotations

import hashlib
import math

from framing.analysis import Analysis
from framing.scoring import DIMENSIONS

FEATURES: tuple[str, ...] = (
    *DIMENSIONS,
    "tension",
    "error_findings",
    "warning_findings",
    "polarity",
    "subjectivity",
)


def feature_vector(analysis: Analysis) -> list[float]:
    """The values of :data:`FEATURES` for one analysis (counts are ``log1p``-damped)."""
    scores = analysis.scores
    own = [f for f in analysis.findings if not f.quoted]
    errors = sum(1 for f in own if f.severity == "error")
    warnings = sum(1 for f in own if f.severity == "warning")
    return [
        *(float(getattr(scores, name)) for name in DIMENSIONS),
        scores.tension / 100.0,
        math.log1p(errors),
        math.log1p(warnings),
        float(scores.polarity),
        float(scores.subjectivity),
    ]


def passage_key(text: str) -> str:
    """A short fingerprint of a passage, stored so evaluation can tell training passages apart."""
    normalised = " ".join(text.split())
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()[:16]
