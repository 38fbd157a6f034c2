"""How good is it: metrics against a labelled set shaped like ``corpora/gold/dev.jsonl``.

Labels (see ``corpora/gold/GUIDELINES.md``): ``threat`` 0/1 personalized threat or insult,
``esc`` 0–3 escalation, ``hp`` hostile-policy vocabulary, ``mt`` tension-reduction vocabulary,
``ra`` alliance reassurance. The tool's prediction for a binary label is "at least one of the
speaker's own findings that feeds the label's score" (a finding's own category, plus what
``scoring.dimensions_fed`` adds: coercive framing of exercises feeds hostile policy, as the
guidelines define it); its score for ROC AUC is that score. ``esc``
counts as positive from 2 (hostile) up, and is also ranked against its 0–3 value (Spearman).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from framing.analysis import Analysis
from framing.errors import FramingError
from framing.scoring import dimensions_fed

# label → the score dimension that predicts and ranks it
LABELS: dict[str, str] = {
    "threat": "threat",
    "esc": "escalation",
    "hp": "hostile_policy",
    "mt": "military_tension",
    "ra": "reassurance",
}
LABEL_VALUES: dict[str, tuple[int, ...]] = {
    "threat": (0, 1),
    "esc": (0, 1, 2, 3),
    "hp": (0, 1),
    "mt": (0, 1),
    "ra": (0, 1),
}
# Labels whose positive class is calm language: sentiment baselines rank them by +polarity.
CALM_LABELS = frozenset({"mt", "ra"})
ESCALATION_CUT = 2

Metrics = dict[str, float | None]


@dataclass(frozen=True)
class GoldPassage:
    id: str
    text: str
    labels: dict[str, int]
    record: dict[str, Any]


def _check_labels(labels: Any, where: str) -> dict[str, int]:
    if not isinstance(labels, dict):
        raise FramingError("E030", path=where, detail="'labels' must be an object")
    for label, value in labels.items():
        allowed = LABEL_VALUES.get(label)
        if allowed is None:
            raise FramingError(
                "E200", where=where, label=label, allowed=f"one of {', '.join(LABEL_VALUES)}"
            )
        if isinstance(value, bool) or value not in allowed:
            raise FramingError(
                "E200",
                where=where,
                label=label,
                allowed=f"an integer {allowed[0]}–{allowed[-1]}, not {value!r}",
            )
    return dict(labels)


def read_gold(path: Path) -> list[GoldPassage]:
    """Read a gold JSONL file; a malformed line is a one-line error naming the line."""
    passages = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise FramingError("E001", path=path) from None
    except IsADirectoryError:
        raise FramingError("E005", path=path, reason="is a directory") from None
    except (UnicodeDecodeError, OSError) as exc:
        raise FramingError("E005", path=path, reason=str(exc)) from None
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            record = json.loads(line)
            text, labels = record["text"], record["labels"]
            if not isinstance(text, str) or not text.strip():
                raise TypeError("'text' must be a non-empty string")
            passages.append(
                GoldPassage(str(record["id"]), text, _check_labels(labels, where), record)
            )
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise FramingError("E030", path=where, detail=f"bad record: {exc}") from None
    if not passages:
        raise FramingError("E201", path=path)
    return passages


def binary_truth(label: str, value: int) -> int:
    return int(value >= ESCALATION_CUT) if label == "esc" else int(value)


def predicted(label: str, analysis: Analysis) -> int:
    dimension = LABELS[label]
    return int(any(dimension in dimensions_fed(f.rule) and not f.quoted for f in analysis.findings))


def score_of(label: str, analysis: Analysis) -> float:
    return float(getattr(analysis.scores, LABELS[label]))


def ranking_metrics(
    label: str, values: Sequence[int], scores: Sequence[float]
) -> dict[str, float | None]:
    """ROC AUC of ``scores`` for the binary label, and for ``esc`` Spearman's rho against 0–3.

    Both are None when they are undefined: one class only, or a constant score for Spearman.
    """
    from scipy.stats import spearmanr
    from sklearn.metrics import roc_auc_score

    truth = [binary_truth(label, v) for v in values]
    out: dict[str, float | None] = {
        "auc": float(roc_auc_score(truth, scores)) if len(set(truth)) == 2 else None
    }
    if label == "esc":
        varied = len(set(values)) > 1 and len(set(scores)) > 1
        out["spearman"] = float(spearmanr(values, scores).statistic) if varied else None
    return out


def label_metrics(
    truth: Sequence[int], predictions: Sequence[int], scores: Sequence[float]
) -> Metrics:
    """Precision, recall, F1 at the tool's threshold and ROC AUC of its score."""
    from sklearn.metrics import f1_score, precision_score, recall_score, roc_auc_score

    both_classes = len(set(truth)) == 2
    return {
        "precision": float(precision_score(truth, predictions, zero_division=0)),
        "recall": float(recall_score(truth, predictions, zero_division=0)),
        "f1": float(f1_score(truth, predictions, zero_division=0)),
        "auc": float(roc_auc_score(truth, scores)) if both_classes else None,
        "positives": int(sum(truth)),
    }


def system_metrics(
    label: str, values: Sequence[int], predictions: Sequence[int] | None, scores: Sequence[float]
) -> Metrics:
    """All figures of one system on one label; a system without a threshold has no P/R/F1."""
    truth = [binary_truth(label, v) for v in values]
    out: Metrics = {"precision": None, "recall": None, "f1": None}
    if predictions is not None:
        out.update(label_metrics(truth, predictions, scores))
        del out["positives"]
    out.update(ranking_metrics(label, values, scores))
    return out


def evaluate(passages: Sequence[GoldPassage], analyses: Iterable[Analysis]) -> dict[str, Metrics]:
    """Metrics per label for analyses made of ``passages`` (same order)."""
    results = list(analyses)
    out: dict[str, Metrics] = {}
    for label in LABELS:
        rows = [(p, a) for p, a in zip(passages, results, strict=True) if label in p.labels]
        truth = [binary_truth(label, p.labels[label]) for p, _ in rows]
        out[label] = label_metrics(
            truth, [predicted(label, a) for _, a in rows], [score_of(label, a) for _, a in rows]
        )
    return out
