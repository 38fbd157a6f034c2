"""Fit the calibrator with scikit-learn, and measure it only by cross-validation.

The labelled set is small, so everything that could overfit is fixed in advance rather than
tuned on it: ten features (``features.py``), standardised, one L2-regularised logistic
regression per label with ``C = 0.25`` and balanced class weights, no n-grams, no
hyper-parameter search. The figures reported are out-of-fold: each passage is scored by a model
that never saw it (stratified k-fold, shuffled with a fixed seed, so a run is reproducible to
the byte). The model stored is then fitted on every passage.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from framing.analysis import Analysis
from framing.errors import FramingError
from framing.evaluate import LABELS, GoldPassage, binary_truth, system_metrics
from framing.learn.features import FEATURES, feature_vector, passage_key
from framing.learn.model import FORMAT, THRESHOLD

SEED = 0
FOLDS = 5
C = 0.25
DIGITS = 6


def _round(values: Sequence[float]) -> list[float]:
    return [round(float(v), DIGITS) for v in values]


def _estimator(c: float) -> Any:
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    return make_pipeline(
        StandardScaler(), LogisticRegression(C=c, class_weight="balanced", max_iter=1000)
    )


def fit_label(x: Sequence[Sequence[float]], y: Sequence[int], c: float = C) -> dict[str, Any]:
    """Fit on every passage; return what :class:`~framing.learn.model.LabelModel` reads."""
    pipeline = _estimator(c).fit(x, y)
    scaler, regression = pipeline[0], pipeline[1]
    return {
        "mean": _round(scaler.mean_),
        "scale": _round(scaler.scale_),
        "coef": _round(regression.coef_[0]),
        "intercept": round(float(regression.intercept_[0]), DIGITS),
    }


def folds_for(y: Sequence[int], folds: int = FOLDS) -> int:
    """As many folds as asked, but no more than the rarer class has passages (0 = cannot)."""
    minority = min(sum(y), len(y) - sum(y))
    return min(folds, minority) if minority >= 2 else 0


def cross_val_probabilities(
    x: Sequence[Sequence[float]],
    y: Sequence[int],
    *,
    seed: int = SEED,
    folds: int = FOLDS,
    c: float = C,
) -> list[float] | None:
    """Out-of-fold probability for every passage, or None when the classes are too small."""
    from sklearn.model_selection import StratifiedKFold

    splits = folds_for(y, folds)
    if not splits:
        return None
    out = [0.0] * len(y)
    splitter = StratifiedKFold(n_splits=splits, shuffle=True, random_state=seed)
    for train, test in splitter.split(x, y):
        model = _estimator(c).fit([x[i] for i in train], [y[i] for i in train])
        for i, p in zip(test, model.predict_proba([x[i] for i in test])[:, 1], strict=True):
            out[i] = float(p)
    return out


def train_tier(
    passages: Sequence[GoldPassage],
    analyses: Sequence[Analysis],
    *,
    source: str,
    lexicon_version: str,
    seed: int = SEED,
    folds: int = FOLDS,
    c: float = C,
) -> dict[str, Any]:
    """The calibrator document of one tier, with its cross-validated figures."""
    x_all = [feature_vector(a) for a in analyses]
    labels: dict[str, Any] = {}
    cv: dict[str, Any] = {}
    for label in LABELS:
        rows = [i for i, p in enumerate(passages) if label in p.labels]
        values = [passages[i].labels[label] for i in rows]
        y = [binary_truth(label, v) for v in values]
        x = [x_all[i] for i in rows]
        probabilities = cross_val_probabilities(x, y, seed=seed, folds=folds, c=c)
        if probabilities is None:
            labels[label] = {"untrained": f"{sum(y)} positive of {len(y)} passages"}
            continue
        figures = system_metrics(
            label, values, [int(p >= THRESHOLD) for p in probabilities], probabilities
        )
        cv[label] = {k: None if v is None else round(v, 4) for k, v in figures.items()}
        cv[label]["positives"] = sum(y)
        labels[label] = fit_label(x, y, c)
    if not cv:
        raise FramingError("E206", path=source, detail="no label has two passages of each class")
    return {
        "trained_on": {
            "file": source,
            "passages": len(passages),
            "passage_keys": sorted(passage_key(p.text) for p in passages),
        },
        "lexicon_version": lexicon_version,
        "settings": {"seed": seed, "folds": folds, "C": c, "threshold": THRESHOLD},
        "labels": labels,
        "cv": cv,
    }


def merged_document(
    existing: dict[str, Any] | None, tier: str, entry: dict[str, Any]
) -> dict[str, Any]:
    """The calibrator file with ``tier`` replaced; other tiers' models are kept as they were,
    unless they were made for another format or other features and so cannot be used."""
    keep = (
        existing is not None
        and existing.get("format") == FORMAT
        and tuple(existing.get("features", ())) == FEATURES
    )
    tiers = dict(existing["tiers"]) if keep and existing is not None else {}
    tiers[tier] = entry
    return {"format": FORMAT, "features": list(FEATURES), "tiers": tiers}


def train(
    golds: Sequence[Path],
    passages: Sequence[GoldPassage],
    analyses: Sequence[Analysis],
    *,
    tier: str,
    lexicon_version: str,
    existing: dict[str, Any] | None,
    seed: int = SEED,
) -> dict[str, Any]:
    """Train the ``tier`` model on ``passages`` (read from ``golds``) and merge it into the
    existing document."""
    source = " + ".join(gold.as_posix() for gold in golds)
    entry = train_tier(
        passages, analyses, source=source, lexicon_version=lexicon_version, seed=seed
    )
    return merged_document(existing, tier, entry)
