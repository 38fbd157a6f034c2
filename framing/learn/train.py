"""Fit the calibrator with scikit-learn, and measure it only by cross-validation.

Everything that could overfit is fixed in advance rather than tuned on the passages it is
measured on: the eleven detector features (``features.py``; a semantic model adds the two of
``likeness.py``) and the familiarity of the people named (``familiar.py``), standardised,
beside the TF-IDF of the passage's word 1–2-grams (terms in at least three passages) and
character 3–5-grams (in at least ten), read with every named person masked (``ngrams.py``,
``features.py``); and L2-regularised logistic regressions with ``C = 8``
and balanced class weights, one per label, or for escalation one per step of its 0–3 scale
(``model.py``). Those settings were chosen on held-out splits:

- word n-grams and ``C = 8`` in the third session, training on dev, extra, holdout and holdout2
  with the lexicons as they were before holdout3 and holdout4 were mined, and scoring on those
  two (the n-grams raised ROC AUC by 0.03–0.10; larger ``C`` stopped helping above 8);
- character n-grams beside them, masking and the escalation steps in the fifth session, on that
  split and on a second one (trained on the seven sets before holdout6, scored on holdout6
  before it was mined). Of the variants tried, words and characters together had the best mean
  ROC AUC on both splits; masking raised threat AUC by 0.01–0.03 and left the others within
  0.01; on holdout6 the escalation steps raised its AUC by up to 0.01 and its Spearman by 0.05;
- the semantic model's sentence embedding (``embedding.py``) in the sixth session, on two splits
  that each score a set with the lexicons as they were before it was mined (holdout7, trained on
  the eight sets before it, lexicons of e55494f; holdout6 as above). Its unit vector is added
  as it is, beside the standardised features: standardising its 384 dimensions let the model
  overfit them (mean ROC AUC fell from 0.897 to 0.871), while the raw vector raised it to 0.916
  (threat 0.915 to 0.940, escalation 0.868 to 0.884, hostile policy 0.909 to 0.924, tension
  0.898 to 0.916). Half or twice its weight, ``C`` of 4 or 16, and dropping the character
  n-grams all measured within 0.005 of it or worse; the spaCy model's own token vectors,
  averaged, added nothing. On the same splits, the shares of positives among each passage's ten
  nearest training passages (``neighbours.py``) raised it further to 0.931; 20 neighbours,
  standardising the shares, leaving ``ra`` out, or blending the shares into the probability
  instead of learning their weight all measured within 0.002 of it;
- the count of people named in the ninth session, and the semantic model's two likeness features
  in the tenth, on spent White House splits (see ``features.py`` and ``likeness.py``);
- the familiarity of the people named in the twenty-second, on the seven spent splits holdout23 to
  holdout29 (see ``familiar.py``), counted like the neighbours on each fold's training passages.

The figures reported are out-of-fold: each passage is scored by a model that never saw it,
vocabulary included (stratified k-fold, shuffled with a fixed seed, so a run is reproducible to
the byte). The model stored is then fitted on every passage.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from framing.analysis import Analysis
from framing.errors import FramingError
from framing.evaluate import (
    LABEL_VALUES,
    LABELS,
    GoldPassage,
    binary_truth,
    system_metrics,
)
from framing.learn.embedding import Embedding, describe, embed
from framing.learn.familiar import Familiarity, Named, people_named, threat_truths
from framing.learn.features import (
    FEATURES,
    PERSON,
    calibrator_text,
    feature_vector,
    passage_key,
)
from framing.learn.likeness import Likeness
from framing.learn.model import FORMAT, THRESHOLD, entry_name
from framing.learn.neighbours import Memory, Neighbours
from framing.learn.ngrams import KINDS, NgramSpace, fitted_space, matrix

SEED = 0
FOLDS = 5
C = 8.0
DIGITS = 6


def _round(values: Sequence[float]) -> list[float]:
    return [round(float(v), DIGITS) for v in values]


FittedSpace = tuple[NgramSpace, list[Any]]


class Design:
    """Standardised detector features beside TF-IDF n-grams and, for a semantic model, the
    sentence embedding and the neighbours' label shares as they are; fitted on training rows
    only (the vocabulary may be given: one per tier, fitted on all its passages)."""

    def __init__(
        self,
        x: Sequence[Sequence[float]],
        texts: Sequence[str],
        vocabulary: FittedSpace | None = None,
    ) -> None:
        from sklearn.preprocessing import StandardScaler

        self.scaler = StandardScaler().fit(x)
        self.space, self.vectorizer = vocabulary or fitted_space(texts)

    def rows(
        self,
        x: Sequence[Sequence[float]],
        texts: Sequence[str],
        embeddings: Sequence[Embedding] | None = None,
        shares: Sequence[Sequence[float]] | None = None,
    ) -> Any:
        from scipy.sparse import csr_matrix, hstack

        blocks = [csr_matrix(self.scaler.transform(x)), matrix(self.vectorizer, texts)]
        blocks += [csr_matrix(block) for block in (embeddings, shares) if block is not None]
        return hstack(blocks).tocsr()


def _regression(c: float) -> Any:
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=c, class_weight="balanced", max_iter=5000)


def _minority(y: Sequence[int]) -> int:
    """How many passages the rarer side of a yes/no target has."""
    return min(sum(y), len(y) - sum(y))


def level_targets(label: str, values: Sequence[int]) -> dict[int, list[int]]:
    """ "Is the value at least k?" for each step k of the label's scale (1 for a yes/no label;
    1, 2 and 3 for escalation) with two passages on either side, so each fold sees both."""
    targets: dict[int, list[int]] = {}
    for level in LABEL_VALUES[label][1:]:
        y = [int(v >= level) for v in values]
        if _minority(y) >= 2:
            targets[level] = y
    return targets


def _trainable(label: str, targets: dict[int, list[int]]) -> bool:
    """Whether the step where the label turns positive can be learned."""
    cut = next(v for v in LABEL_VALUES[label] if binary_truth(label, v))
    return cut in targets


def fit_label(
    x: Sequence[Sequence[float]],
    texts: Sequence[str],
    values: Sequence[int],
    label: str,
    c: float = C,
    vocabulary: FittedSpace | None = None,
    embeddings: Sequence[Embedding] | None = None,
    shares: Sequence[Sequence[float]] | None = None,
) -> dict[str, Any]:
    """Fit on every passage; what :class:`~framing.learn.model.LabelModel` reads (its n-gram
    coefficients index ``vocabulary``, fitted on ``texts`` when not given)."""
    design = Design(x, texts, vocabulary)
    rows = design.rows(x, texts, embeddings, shares)
    size, terms = len(x[0]), len(design.space)
    dimensions = len(embeddings[0]) if embeddings else 0
    levels = []
    for level, y in level_targets(label, values).items():
        regression = _regression(c).fit(rows, y)
        coef = regression.coef_[0]
        fitted = {
            "at_least": level,
            "coef": _round(coef[:size]),
            "ngram_coef": _round(coef[size : size + terms]),
            "intercept": round(float(regression.intercept_[0]), DIGITS),
        }
        if embeddings is not None:
            fitted["embedding_coef"] = _round(coef[size + terms : size + terms + dimensions])
        if shares is not None:
            fitted["neighbour_coef"] = _round(coef[size + terms + dimensions :])
        levels.append(fitted)
    return {
        "mean": _round(design.scaler.mean_),
        "scale": _round(design.scaler.scale_),
        "levels": levels,
    }


def _fold_rows(
    x: Sequence[Sequence[float]],
    texts: Sequence[str],
    train: Sequence[int],
    test: Sequence[int],
    embeddings: Sequence[Embedding] | None,
    memory: Memory | None,
    named: Named | None,
) -> tuple[Any, Any]:
    """One fold's training and test rows, with everything fitted on its training passages only:
    the scaler, the vocabulary, the familiarity of the people named and, for a semantic model,
    the neighbours looked up."""
    if named is not None:
        x = named.extend(x, train)
    design = Design([x[i] for i in train], [texts[i] for i in train])
    train_shares = test_shares = None
    if embeddings is not None and memory is not None:
        known = Neighbours.of([embeddings[i] for i in train], [memory[i] for i in train])
        train_shares = known.shares(known.vectors, leave_one_out=True)
        test_shares = known.shares([embeddings[i] for i in test])

    def rows_of(part: Sequence[int], shares: list[tuple[float, ...]] | None) -> Any:
        vectors = None if embeddings is None else [embeddings[i] for i in part]
        return design.rows([x[i] for i in part], [texts[i] for i in part], vectors, shares)

    return rows_of(train, train_shares), rows_of(test, test_shares)


def cross_val_probabilities(
    x: Sequence[Sequence[float]],
    texts: Sequence[str],
    values: Sequence[int],
    label: str,
    *,
    seed: int = SEED,
    folds: int = FOLDS,
    c: float = C,
    embeddings: Sequence[Embedding] | None = None,
    memory: Memory | None = None,
    named: Named | None = None,
) -> list[float] | None:
    """Out-of-fold score (as :class:`~framing.learn.model.LabelModel` gives it) for every
    passage, or None when the classes are too small. With ``embeddings``, the semantic model's;
    with ``memory`` too (each passage's gold labels), it also reads the label shares of each
    passage's nearest neighbours in the training fold; with ``named``, the familiarity of the
    people each passage names, counted in the training fold."""
    import warnings

    from sklearn.model_selection import StratifiedKFold

    targets = level_targets(label, values)
    if not _trainable(label, targets):
        return None
    splits = min(folds, *(_minority(y) for y in targets.values()))
    # Stratified on the level reached, so every fold sees every step of the scale.
    strata = [sum(v >= level for level in targets) for v in values]
    splitter = StratifiedKFold(n_splits=splits, shuffle=True, random_state=seed)
    out = [0.0] * len(values)
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="The least populated class")
        split = list(splitter.split(x, strata))
    for train, test in split:
        fitted, rows = _fold_rows(x, texts, train, test, embeddings, memory, named)
        probabilities = [
            _regression(c).fit(fitted, [y[i] for i in train]).predict_proba(rows)[:, 1]
            for y in targets.values()
        ]
        for position, i in enumerate(test):
            out[i] = float(sum(p[position] for p in probabilities) / len(probabilities))
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
    semantic: bool = False,
) -> dict[str, Any]:
    """The calibrator document of one tier, with its cross-validated figures; ``semantic``
    adds each passage's sentence embedding to what the model reads."""
    x_all = [feature_vector(a) for a in analyses]
    texts_all = [calibrator_text(a) for a in analyses]
    embeddings_all = embed(texts_all) if semantic else None
    likeness = Likeness() if semantic else None
    if likeness is not None:
        x_all = likeness.extend(x_all, texts_all)
    named_all = Named([people_named(a) for a in analyses], threat_truths(passages))
    familiarity = Familiarity.of(named_all.people, named_all.threats)
    fit_x_all = familiarity.extend(x_all, named_all.people, named_all.threats)
    memory_all = [p.labels for p in passages]
    neighbours = Neighbours.of(embeddings_all, memory_all) if embeddings_all else None
    shares_all = neighbours.shares(neighbours.vectors, leave_one_out=True) if neighbours else None
    labels: dict[str, Any] = {}
    cv: dict[str, Any] = {}
    vocabulary = fitted_space(texts_all)
    for label in LABELS:
        rows = [i for i, p in enumerate(passages) if label in p.labels]
        values = [passages[i].labels[label] for i in rows]
        x, texts = [x_all[i] for i in rows], [texts_all[i] for i in rows]
        embeddings = None if embeddings_all is None else [embeddings_all[i] for i in rows]
        shares = None if shares_all is None else [shares_all[i] for i in rows]
        probabilities = cross_val_probabilities(
            x,
            texts,
            values,
            label,
            seed=seed,
            folds=folds,
            c=c,
            embeddings=embeddings,
            memory=None if embeddings is None else [memory_all[i] for i in rows],
            named=named_all.rows(rows),
        )
        positives = sum(binary_truth(label, v) for v in values)
        if probabilities is None:
            labels[label] = {"untrained": f"{positives} positive of {len(values)} passages"}
            continue
        figures = system_metrics(
            label, values, [int(p >= THRESHOLD) for p in probabilities], probabilities
        )
        cv[label] = {k: None if v is None else round(v, 4) for k, v in figures.items()}
        cv[label]["positives"] = positives
        fit_x = [fit_x_all[i] for i in rows]
        labels[label] = fit_label(fit_x, texts, values, label, c, vocabulary, embeddings, shares)
    if not cv:
        raise FramingError("E206", path=source, detail="no label has two passages of each class")
    entry: dict[str, Any] = {}
    if neighbours is not None and likeness is not None:
        entry = {
            "embedding": describe(),
            "neighbours": neighbours.to_json(),
            "likeness": likeness.to_json(),
        }
    return entry | {
        "familiarity": familiarity.to_json(),
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
            "ngrams": [kind.settings() for kind in KINDS],
            "people_masked_as": PERSON,
        },
        "ngrams": vocabulary[0].to_json(),
        "labels": labels,
        "cv": cv,
    }


def merged_document(
    existing: dict[str, Any] | None, tier: str, entry: dict[str, Any]
) -> dict[str, Any]:
    """The calibrator file with ``tier`` replaced; other tiers' models and the fine-tuned
    reader are kept as they were, unless they were made for another format or other features
    and so cannot be used."""
    document = usable_document(existing)
    document["tiers"][tier] = entry
    return document


def source_name(golds: Sequence[Path]) -> str:
    """How a calibrator file names the gold files a model was trained on, together."""
    return " + ".join(gold.as_posix() for gold in golds)


def usable_document(existing: dict[str, Any] | None) -> dict[str, Any]:
    """What of an existing calibrator file a retrained part can be merged into: all of it when
    it is of this format and these features, else an empty document."""
    keep = (
        existing is not None
        and existing.get("format") == FORMAT
        and tuple(existing.get("features", ())) == FEATURES
    )
    document: dict[str, Any] = {"format": FORMAT, "features": list(FEATURES), "tiers": {}}
    if keep and existing is not None:
        document["tiers"] = dict(existing["tiers"])
        if "reader" in existing:
            document["reader"] = existing["reader"]
    return document


def train(
    golds: Sequence[Path],
    passages: Sequence[GoldPassage],
    analyses: Sequence[Analysis],
    *,
    tier: str,
    lexicon_version: str,
    existing: dict[str, Any] | None,
    seed: int = SEED,
    semantic: bool = False,
) -> dict[str, Any]:
    """Train the ``tier`` model (or its semantic model) on ``passages`` (read from ``golds``)
    and merge it into the existing document."""
    entry = train_tier(
        passages,
        analyses,
        source=source_name(golds),
        lexicon_version=lexicon_version,
        seed=seed,
        semantic=semantic,
    )
    return merged_document(existing, entry_name(tier, semantic), entry)
