"""How good is it: metrics against a labelled set shaped like ``corpora/gold/dev.jsonl``.

Labels (see ``corpora/gold/GUIDELINES.md``): ``threat`` 0/1 personalized threat or insult,
``esc`` 0–3 escalation, ``hp`` hostile-policy vocabulary, ``mt`` tension-reduction vocabulary,
``ra`` alliance reassurance. The tool's prediction for a binary label is "at least one of the
speaker's own findings in that category"; its score for ROC AUC is the matching score.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from framing.analysis import Analysis
from framing.errors import FramingError

# label → (finding categories that predict it, score that ranks it)
LABELS: dict[str, tuple[frozenset[str], str]] = {
    "threat": (frozenset({"threat"}), "threat"),
    "esc": (frozenset({"threat", "escalation"}), "escalation"),
    "hp": (frozenset({"hostile_policy"}), "hostile_policy"),
    "mt": (frozenset({"military_tension"}), "military_tension"),
    "ra": (frozenset({"reassurance"}), "reassurance"),
}
ESCALATION_CUT = 2


@dataclass(frozen=True)
class GoldPassage:
    id: str
    text: str
    labels: dict[str, int]
    record: dict[str, Any]


def read_gold(path: Path) -> list[GoldPassage]:
    """Read a gold JSONL file; a malformed line is a one-line error naming the line."""
    passages = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise FramingError("E001", path=path) from None
    except (UnicodeDecodeError, OSError) as exc:
        raise FramingError("E005", path=path, reason=str(exc)) from None
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            passages.append(
                GoldPassage(str(record["id"]), record["text"], dict(record["labels"]), record)
            )
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise FramingError(
                "E030", path=f"{path}:{number}", detail=f"bad record: {exc}"
            ) from None
    return passages


def binary_truth(label: str, value: int) -> int:
    return int(value >= ESCALATION_CUT) if label == "esc" else int(value)


def predicted(label: str, analysis: Analysis) -> int:
    categories, _ = LABELS[label]
    return int(any(f.category in categories and not f.quoted for f in analysis.findings))


def score_of(label: str, analysis: Analysis) -> float:
    return float(getattr(analysis.scores, LABELS[label][1]))


def label_metrics(
    truth: Sequence[int], predictions: Sequence[int], scores: Sequence[float]
) -> dict[str, float | None]:
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


def evaluate(
    passages: Sequence[GoldPassage], analyses: Iterable[Analysis]
) -> dict[str, dict[str, float | None]]:
    """Metrics per label for analyses made of ``passages`` (same order)."""
    results = list(analyses)
    out: dict[str, dict[str, float | None]] = {}
    for label in LABELS:
        rows = [(p, a) for p, a in zip(passages, results, strict=True) if label in p.labels]
        truth = [binary_truth(label, p.labels[label]) for p, _ in rows]
        out[label] = label_metrics(
            truth, [predicted(label, a) for _, a in rows], [score_of(label, a) for _, a in rows]
        )
    return out
