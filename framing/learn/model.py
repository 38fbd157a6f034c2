"""The stored calibrator: logistic regressions kept as plain JSON and applied without sklearn.

``framing train`` fits logistic regressions per label with scikit-learn and stores only what
predicting needs — feature means and scales, the n-gram vocabulary and idf, coefficients,
intercepts — with the figures it was cross-validated to, the fingerprints of the passages it saw,
and the lexicon version. Applying it is a TF-IDF count, dot products and sigmoids, so
``calibrate`` costs nothing at start-up and nothing is ever unpickled. One model is kept per
tier, because the rules and parser tiers find different things, and beside it a semantic one
that also reads the passage's sentence embedding (:mod:`framing.learn.embedding`) and what its
nearest training passages were labelled (:mod:`framing.learn.neighbours`), used when the
``semantic`` extra is installed. A semantic model's scores are averaged with those of the
fine-tuned reader (:mod:`framing.learn.reader`) when the file has one.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Any

from framing.analysis import Analysis
from framing.atomic import replace_file
from framing.errors import FramingError
from framing.evaluate import LABELS
from framing.learn.embedding import DIMENSIONS, MODEL, Embedding, embed
from framing.learn.familiar import Familiarity, people_named
from framing.learn.features import FEATURES, calibrator_text, feature_vector, passage_key
from framing.learn.likeness import NAMES, Likeness
from framing.learn.neighbours import Neighbours
from framing.learn.ngrams import NgramSpace, SparseVector
from framing.learn.reader import Reader

FORMAT = 4
PACKAGED = Path(__file__).resolve().with_name("calibrator.json")
THRESHOLD = 0.5
SEMANTIC = "+semantic"


def entry_name(tier: str, semantic: bool) -> str:
    """The key of a tier's model in the calibrator file: ``parser``, ``parser+semantic``."""
    return tier + SEMANTIC if semantic else tier


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
    embedding_coef: tuple[float, ...] = ()
    neighbour_coef: tuple[float, ...] = ()

    def probability(
        self,
        standardised: Sequence[float],
        ngrams: SparseVector,
        embedding: Embedding = (),
        shares: Sequence[float] = (),
    ) -> float:
        z = self.intercept + sum(c * v for c, v in zip(self.coef, standardised, strict=True))
        z += sum(self.ngram_coef[i] * w for i, w in ngrams.items())
        z += sum(c * v for c, v in zip(self.embedding_coef, embedding, strict=True))
        z += sum(c * v for c, v in zip(self.neighbour_coef, shares, strict=True))
        return _sigmoid(z)

    @classmethod
    def from_json(
        cls, data: dict[str, Any], features: int, terms: int, dimensions: int = 0
    ) -> Regression:
        """``features``: how many detector features the model reads; ``dimensions``: the
        embedding's size, 0 for an n-gram model (which has no embedding or neighbour
        coefficients)."""
        coef = tuple(float(v) for v in data["coef"])
        ngram_coef = tuple(float(v) for v in data["ngram_coef"])
        embedding_coef = tuple(float(v) for v in data.get("embedding_coef", ()))
        neighbour_coef = tuple(float(v) for v in data.get("neighbour_coef", ()))
        if len(coef) != features:
            raise ValueError("coef must hold one value per feature")
        if len(ngram_coef) != terms:
            raise ValueError("ngram_coef must hold one value per n-gram term")
        if len(embedding_coef) != dimensions:
            raise ValueError("embedding_coef must hold one value per embedding dimension")
        if len(neighbour_coef) not in {0, len(LABELS)} or (neighbour_coef and not dimensions):
            raise ValueError("neighbour_coef must hold one value per label, beside an embedding")
        at_least, intercept = int(data["at_least"]), float(data["intercept"])
        return cls(at_least, coef, ngram_coef, intercept, embedding_coef, neighbour_coef)


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

    def probability(
        self,
        x: Sequence[float],
        ngrams: SparseVector,
        embedding: Embedding = (),
        shares: Sequence[float] = (),
    ) -> float:
        standardised = [(v - m) / s for v, m, s in zip(x, self.mean, self.scale, strict=True)]
        total = sum(r.probability(standardised, ngrams, embedding, shares) for r in self.levels)
        return total / len(self.levels)

    @classmethod
    def from_json(
        cls, data: dict[str, Any], features: int, terms: int, dimensions: int = 0
    ) -> LabelModel:
        mean, scale = (tuple(float(v) for v in data[k]) for k in ("mean", "scale"))
        if len(mean) != features or len(scale) != features or min(scale) <= 0:
            raise ValueError("mean and scale must hold one positive-scaled value a feature")
        levels = tuple(
            Regression.from_json(level, features, terms, dimensions) for level in data["levels"]
        )
        if not levels:
            raise ValueError("a trained label needs at least one level")
        return cls(mean, scale, levels)


@dataclass(frozen=True)
class TierModel:
    """The calibrator of one tier: a model per trainable label and how it was made.
    ``columns`` picks, from :func:`feature_vector`, the features it was trained on, so a
    calibrator made before a feature was added still reads what it knew; ``embedding``
    describes the sentence vectors it reads, or is None for an n-gram model; ``neighbours``
    holds the training passages whose labels it looks up by similarity; ``likeness``, the
    anchors of the two features a semantic model appends to the detector features;
    ``familiarity``, the counts behind the feature appended after them; ``reader``, the
    fine-tuned encoder whose scores a semantic model's are averaged with, or None."""

    tier: str
    columns: tuple[int, ...]
    labels: dict[str, LabelModel]
    untrained: dict[str, str]
    trained_on: dict[str, Any]
    lexicon_version: str
    settings: dict[str, Any]
    cv: dict[str, dict[str, float | None]]
    space: NgramSpace
    embedding: dict[str, Any] | None = None
    neighbours: Neighbours | None = None
    likeness: Likeness | None = None
    familiarity: Familiarity | None = None
    reader: Reader | None = None

    def trained_on_count(self, texts: Sequence[str]) -> int:
        """How many of ``texts`` this model was trained on: scored as shipped, they would look
        better than new text does."""
        keys = frozenset(self.trained_on.get("passage_keys", ()))
        return sum(passage_key(text) in keys for text in texts)

    def probabilities(self, analyses: Sequence[Analysis]) -> list[dict[str, float]]:
        """Calibrated scores per label for each analysis; the sentence encoder, when this
        model reads it, runs over them all at once (the passages, then the words around the
        people they name)."""
        texts = [calibrator_text(a) for a in analyses]
        embeddings = embed(texts) if self.embedding else [()] * len(texts)
        shares = self.neighbours.shares(embeddings) if self.neighbours else [()] * len(texts)
        likeness = self.likeness.values(texts) if self.likeness else [()] * len(texts)
        familiar = (
            [(v,) for v in self.familiarity.values([people_named(a) for a in analyses])]
            if self.familiarity
            else [()] * len(texts)
        )
        read = self.reader.scores(texts) if self.reader else [{}] * len(texts)
        out = []
        rows = zip(analyses, texts, embeddings, shares, likeness, familiar, read, strict=True)
        for analysis, text, embedding, near, alike, known, tuned in rows:
            computed = feature_vector(analysis)
            x = [*(computed[i] for i in self.columns), *alike, *known]
            ngrams = self.space.vector(text)
            scores: dict[str, float] = {}
            for label, m in self.labels.items():
                score = m.probability(x, ngrams, embedding, near)
                scores[label] = (score + tuned[label]) / 2 if label in tuned else score
            out.append(scores)
        return out


@dataclass(frozen=True)
class Calibrator:
    path: Path
    tiers: dict[str, TierModel]

    def for_tier(self, tier: str, semantic: bool = False, reader: bool = True) -> TierModel:
        """The tier's model; ``reader=False`` leaves a semantic model's fine-tuned reader out."""
        name = entry_name(tier, semantic)
        if name not in self.tiers:
            model = "none" if tier == "rules" else "MODEL"
            option = " --semantic" if semantic else ""
            raise FramingError("E203", tier=name, path=self.path, model=model + option)
        found = self.tiers[name]
        return found if reader else replace(found, reader=None)


def _embedding_spec(data: dict[str, Any]) -> dict[str, Any] | None:
    spec = data.get("embedding")
    if spec is None:
        return None
    if spec.get("model") != MODEL or spec.get("dimensions") != DIMENSIONS:
        raise ValueError(f"trained on another sentence encoder ({spec.get('model')}); retrain it")
    return dict(spec)


def _neighbours(data: dict[str, Any], embedding: dict[str, Any] | None) -> Neighbours | None:
    if "neighbours" not in data:
        return None
    neighbours = Neighbours.from_json(data["neighbours"])
    if embedding is None or neighbours.vectors.shape[1] != embedding["dimensions"]:
        raise ValueError("neighbours need an embedding of the same size")
    return neighbours


def _likeness(data: dict[str, Any], embedding: dict[str, Any] | None) -> Likeness | None:
    if "likeness" not in data:
        return None
    if embedding is None:
        raise ValueError("likeness needs an embedding")
    return Likeness.from_json(data["likeness"])


def _columns(names: Sequence[str]) -> tuple[int, ...]:
    """Where each feature a calibrator was trained on sits in :data:`FEATURES`."""
    unknown = [name for name in names if name not in FEATURES]
    if unknown or len(set(names)) != len(names):
        detail = ", ".join(unknown) or "a feature named twice"
        raise ValueError(f"trained on features this version lacks ({detail}); retrain it")
    return tuple(FEATURES.index(name) for name in names)


def _tier_from_json(
    tier: str, data: dict[str, Any], columns: tuple[int, ...], reader: Reader | None
) -> TierModel:
    space = NgramSpace.from_json(data["ngrams"])
    embedding = _embedding_spec(data)
    neighbours = _neighbours(data, embedding)
    likeness = _likeness(data, embedding)
    familiarity = Familiarity.from_json(data["familiarity"]) if "familiarity" in data else None
    dimensions = int(embedding["dimensions"]) if embedding else 0
    features = len(columns) + (len(NAMES) if likeness else 0) + (1 if familiarity else 0)
    labels = {
        k: LabelModel.from_json(v, features, len(space), dimensions)
        for k, v in data["labels"].items()
        if "levels" in v
    }
    untrained = {k: str(v["untrained"]) for k, v in data["labels"].items() if "untrained" in v}
    return TierModel(
        tier=tier,
        columns=columns,
        labels=labels,
        untrained=untrained,
        trained_on=dict(data["trained_on"]),
        lexicon_version=str(data["lexicon_version"]),
        settings=dict(data["settings"]),
        cv={k: dict(v) for k, v in data.get("cv", {}).items()},
        space=space,
        embedding=embedding,
        neighbours=neighbours,
        likeness=likeness,
        familiarity=familiarity,
        reader=reader if embedding else None,
    )


def parse_calibrator(path: Path, data: Any) -> Calibrator:
    """Validate a decoded calibrator document; any problem is a one-line error."""
    try:
        if data.get("format") != FORMAT:
            raise ValueError(f"unknown format {data.get('format')!r} (expected {FORMAT})")
        columns = _columns(list(data["features"]))
        reader = Reader.from_json(data["reader"], path) if "reader" in data else None
        tiers = {
            tier: _tier_from_json(tier, entry, columns, reader)
            for tier, entry in data["tiers"].items()
        }
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


def calibrate(
    analysis: Analysis, path: Path | None = None, *, semantic: bool = False
) -> dict[str, float]:
    """Calibrated score per label for one analysis, from the shipped calibrator: a
    probability, except escalation's expected level over 3 (see :class:`LabelModel`).
    ``semantic=True`` uses the model that also reads the sentence embedding (it needs the
    ``semantic`` extra).

    >>> from framing.api import Analyzer
    >>> texts = ["We will totally destroy them."]
    >>> scores = calibrate(next(Analyzer("none").analyze_many(texts, people=True)))
    >>> 0.0 <= scores["esc"] <= 1.0
    True

    Labels the training set could not support (no positive passage) are absent.
    """
    return load_calibrator(path).for_tier(analysis.tier, semantic).probabilities([analysis])[0]


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
