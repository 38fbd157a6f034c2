"""Fit the calibrator with scikit-learn, and measure it only by cross-validation.

Everything that could overfit is fixed in advance rather than tuned on the passages it is
measured on: the ten detector features (``features.py``), standardised, beside the passage's word
1–2-gram TF-IDF (``ngrams.py``; terms in at least three passages), and one L2-regularised logistic
regression per label with ``C = 8`` and balanced class weights. Those settings were chosen once,
on a held-out split — trained on dev, extra, holdout and holdout2 with the lexicons as they were
before holdout3 and holdout4 were mined, scored on those two — where the n-grams raised ROC AUC by
0.03–0.10 over the detector features alone and larger ``C`` stopped helping above 8. The figures
reported are out-of-fold: each passage is scored by a model that never saw it, vocabulary
included (stratified k-fold, shuffled with a fixed seed, so a run is reproducible to the byte).
The model stored is then fitted on every passage.
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
from framing.learn.ngrams import MIN_DF, NGRAM_RANGE, NgramSpace, fitted_space, matrix

SEED = 0
FOLDS = 5
C = 8.0
DIGITS = 6


def _round(values: Sequence[float]) -> list[float]:
    return [round(float(v), DIGITS) for v in values]


Vocabulary = tuple[NgramSpace, Any]


class Design:
    """Standardised detector features beside TF-IDF n-grams, fitted on training rows only
    (the vocabulary may be given: one per tier, fitted on all its passages)."""

    def __init__(
        self,
        x: Sequence[Sequence[float]],
        texts: Sequence[str],
        vocabulary: Vocabulary | None = None,
    ) -> None:
        from sklearn.preprocessing import StandardScaler

        self.scaler = StandardScaler().fit(x)
        self.space, self.vectorizer = vocabulary or fitted_space(texts)

    def rows(self, x: Sequence[Sequence[float]], texts: Sequence[str]) -> Any:
        from scipy.sparse import csr_matrix, hstack

        scaled = csr_matrix(self.scaler.transform(x))
        return hstack([scaled, matrix(self.vectorizer, texts)]).tocsr()


def _regression(c: float) -> Any:
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=c, class_weight="balanced", max_iter=5000)


def fit_label(
    x: Sequence[Sequence[float]],
    texts: Sequence[str],
    y: Sequence[int],
    c: float = C,
    vocabulary: Vocabulary | None = None,
) -> dict[str, Any]:
    """Fit on every passage; what :class:`~framing.learn.model.LabelModel` reads (its n-gram
    coefficients index ``vocabulary``, fitted on ``texts`` when not given)."""
    design = Design(x, texts, vocabulary)
    regression = _regression(c).fit(design.rows(x, texts), y)
    coef = regression.coef_[0]
    size = len(FEATURES)
    return {
        "mean": _round(design.scaler.mean_),
        "scale": _round(design.scaler.scale_),
        "coef": _round(coef[:size]),
        "ngram_coef": _round(coef[size:]),
        "intercept": round(float(regression.intercept_[0]), DIGITS),
    }


def folds_for(y: Sequence[int], folds: int = FOLDS) -> int:
    """As many folds as asked, but no more than the rarer class has passages (0 = cannot)."""
    minority = min(sum(y), len(y) - sum(y))
    return min(folds, minority) if minority >= 2 else 0


def cross_val_probabilities(
    x: Sequence[Sequence[float]],
    texts: Sequence[str],
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
        design = Design([x[i] for i in train], [texts[i] for i in train])
        model = _regression(c).fit(
            design.rows([x[i] for i in train], [texts[i] for i in train]), [y[i] for i in train]
        )
        rows = design.rows([x[i] for i in test], [texts[i] for i in test])
        for i, p in zip(test, model.predict_proba(rows)[:, 1], strict=True):
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
    texts_all = [a.prose for a in analyses]
    labels: dict[str, Any] = {}
    cv: dict[str, Any] = {}
    vocabulary = fitted_space(texts_all)
    for label in LABELS:
        rows = [i for i, p in enumerate(passages) if label in p.labels]
        values = [passages[i].labels[label] for i in rows]
        y = [binary_truth(label, v) for v in values]
        x, texts = [x_all[i] for i in rows], [texts_all[i] for i in rows]
        probabilities = cross_val_probabilities(x, texts, y, seed=seed, folds=folds, c=c)
        if probabilities is None:
            labels[label] = {"untrained": f"{sum(y)} positive of {len(y)} passages"}
            continue
        figures = system_metrics(
            label, values, [int(p >= THRESHOLD) for p in probabilities], probabilities
        )
        cv[label] = {k: None if v is None else round(v, 4) for k, v in figures.items()}
        cv[label]["positives"] = sum(y)
        labels[label] = fit_label(x, texts, y, c, vocabulary)
    if not cv:
        raise FramingError("E206", path=source, detail="no label has two passages of each class")
    return {
        "trained_on": {
            "file": source,
            "passages": len(passages),
            "passage_keys": sorted(passage_key(p.text) for p in passages),
        },
        "lexicon_version": lexicon_version,
        "settings": {
            "seed": seed,
            "folds": folds,
            "C": c,
            "threshold": THRESHOLD,
            "ngram_range": list(NGRAM_RANGE),
            "min_df": MIN_DF,
        },
        "ngrams": vocabulary[0].to_json(),
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
