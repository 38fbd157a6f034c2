"""The stored calibrator: logistic regressions kept as plain JSON and applied without sklearn.

``framing train`` fits logistic regressions per label with scikit-learn and stores only what
predicting needs — feature means and scales, the n-gram vocabulary and idf, coefficients,
intercepts — with the figures it was cross-validated to, the fingerprints of the passages it saw,
and the lexicon version. Applying it is a TF-IDF count, dot products and sigmoids, so
``calibrate`` costs nothing at start-up and nothing is ever unpickled. One model is kept per
tier, because the rules and parser tiers find different things.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from framing.analysis import Analysis
from framing.atomic import replace_file
from framing.errors import FramingError
from framing.learn.features import FEATURES, calibrator_text, feature_vector
from framing.learn.ngrams import NgramSpace, SparseVector

FORMAT = 3
PACKAGED = Path(__file__).resolve().with_name("calibrator.json")
THRESHOLD = 0.5


def _sigmoid(z: float) -> float:
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


@dataclass(frozen=True)
class Regression:
    """One logistic regression: "is the label at least ``at_least``?"."""

    at_least: int
    coef: tuple[float, ...]
    ngram_coef: tuple[float, ...]
    intercept: float

    def probability(self, standardised: Sequence[float], ngrams: SparseVector) -> float:
        z = self.intercept + sum(c * v for c, v in zip(self.coef, standardised, strict=True))
        z += sum(self.ngram_coef[i] * w for i, w in ngrams.items())
        return _sigmoid(z)

    @classmethod
    def from_json(cls, data: dict[str, Any], terms: int) -> Regression:
        coef = tuple(float(v) for v in data["coef"])
        ngram_coef = tuple(float(v) for v in data["ngram_coef"])
        if len(coef) != len(FEATURES):
            raise ValueError("coef must hold one value per feature")
        if len(ngram_coef) != terms:
            raise ValueError("ngram_coef must hold one value per n-gram term")
        return cls(int(data["at_least"]), coef, ngram_coef, float(data["intercept"]))


@dataclass(frozen=True)
class LabelModel:
    """One label's regressions over standardised features and n-gram TF-IDF, one per step of
    its scale: "at least 1" for a yes/no label; "at least 1", "2" and "3" for escalation.

    Its score is their mean: the probability of yes for a yes/no label, and for escalation the
    expected level over 3, so that 0.5 is still the cut between 1 and 2. Learning every step of
    the scale uses what the labels say about levels 1 and 3, which a single "2 or more" model
    throws away; on a held-out set it raised escalation's Spearman correlation by 0.05."""

    mean: tuple[float, ...]
    scale: tuple[float, ...]
    levels: tuple[Regression, ...]

    def probability(self, x: Sequence[float], ngrams: SparseVector) -> float:
        standardised = [(v - m) / s for v, m, s in zip(x, self.mean, self.scale, strict=True)]
        return sum(r.probability(standardised, ngrams) for r in self.levels) / len(self.levels)

    @classmethod
    def from_json(cls, data: dict[str, Any], terms: int) -> LabelModel:
        mean, scale = (tuple(float(v) for v in data[k]) for k in ("mean", "scale"))
        if len(mean) != len(FEATURES) or len(scale) != len(FEATURES) or min(scale) <= 0:
            raise ValueError("mean and scale must hold one positive-scaled value a feature")
        levels = tuple(Regression.from_json(level, terms) for level in data["levels"])
        if not levels:
            raise ValueError("a trained label needs at least one level")
        return cls(mean, scale, levels)


@dataclass(frozen=True)
class TierModel:
    """The calibrator of one tier: a model per trainable label and how it was made."""

    tier: str
    labels: dict[str, LabelModel]
    untrained: dict[str, str]
    trained_on: dict[str, Any]
    lexicon_version: str
    settings: dict[str, Any]
    cv: dict[str, dict[str, float | None]]
    space: NgramSpace

    @property
    def passage_keys(self) -> frozenset[str]:
        return frozenset(self.trained_on.get("passage_keys", ()))

    def probabilities(self, analysis: Analysis) -> dict[str, float]:
        x, ngrams = feature_vector(analysis), self.space.vector(calibrator_text(analysis))
        return {label: model.probability(x, ngrams) for label, model in self.labels.items()}


@dataclass(frozen=True)
class Calibrator:
    path: Path
    tiers: dict[str, TierModel]

    def for_tier(self, tier: str) -> TierModel:
        if tier not in self.tiers:
            model = "none" if tier == "rules" else "MODEL"
            raise FramingError("E203", tier=tier, path=self.path, model=model)
        return self.tiers[tier]


def _tier_from_json(tier: str, data: dict[str, Any]) -> TierModel:
    space = NgramSpace.from_json(data["ngrams"])
    labels = {
        k: LabelModel.from_json(v, len(space)) for k, v in data["labels"].items() if "levels" in v
    }
    untrained = {k: str(v["untrained"]) for k, v in data["labels"].items() if "untrained" in v}
    return TierModel(
        tier=tier,
        labels=labels,
        untrained=untrained,
        trained_on=dict(data["trained_on"]),
        lexicon_version=str(data["lexicon_version"]),
        settings=dict(data["settings"]),
        cv={k: dict(v) for k, v in data.get("cv", {}).items()},
        space=space,
    )


def parse_calibrator(path: Path, data: Any) -> Calibrator:
    """Validate a decoded calibrator document; any problem is a one-line error."""
    try:
        if data.get("format") != FORMAT:
            raise ValueError(f"unknown format {data.get('format')!r} (expected {FORMAT})")
        if tuple(data["features"]) != FEATURES:
            raise ValueError("trained on other features than this version computes; retrain it")
        tiers = {tier: _tier_from_json(tier, entry) for tier, entry in data["tiers"].items()}
    except (AttributeError, KeyError, TypeError, ValueError) as exc:
        raise FramingError("E204", path=path, detail=str(exc) or type(exc).__name__) from None
    return Calibrator(path, tiers)


def read_document(path: Path) -> dict[str, Any] | None:
    """The raw JSON of a calibrator file, or None when it does not exist yet."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise FramingError("E204", path=path, detail=str(exc)) from None


def load_calibrator(path: Path | None = None) -> Calibrator:
    """The calibrator at ``path``, by default the one shipped inside the package."""
    return _load(path or PACKAGED)


@cache
def _load(path: Path) -> Calibrator:
    data = read_document(path)
    if data is None:
        raise FramingError("E204", path=path, detail="no such file; run 'framing train'")
    return parse_calibrator(path, data)


def calibrate(analysis: Analysis, path: Path | None = None) -> dict[str, float]:
    """Calibrated score per label for one analysis, from the shipped calibrator: a
    probability, except escalation's expected level over 3 (see :class:`LabelModel`).

    >>> from framing.api import Analyzer
    >>> texts = ["We will totally destroy them."]
    >>> scores = calibrate(next(Analyzer("none").analyze_many(texts, people=True)))
    >>> 0.0 <= scores["esc"] <= 1.0
    True

    Labels the training set could not support (no positive passage) are absent.
    """
    return load_calibrator(path).for_tier(analysis.tier).probabilities(analysis)


def dumps(document: dict[str, Any]) -> str:
    """Stable text for a calibrator document: same model, same bytes."""
    return json.dumps(document, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def write_document(path: Path, document: dict[str, Any]) -> None:
    """Write atomically (:mod:`framing.atomic`), keeping the file's permissions, so an
    interrupted ``framing train`` never leaves half a calibrator."""
    try:
        replace_file(path, dumps(document).encode("utf-8"))
    except OSError as exc:
        raise FramingError("E205", path=path, detail=exc.strerror or str(exc)) from None
    _load.cache_clear()
