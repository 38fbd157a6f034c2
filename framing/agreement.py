"""How far two annotators agree: two labellings of the same gold passages, matched by id.

A tool's F1 against one annotator means little until we know how often two careful annotators,
working from the same guidelines, agree with each other: that agreement is the ceiling. The
figures here are the usual ones for that question.

For each label both files carry (see ``corpora/gold/GUIDELINES.md``), read as binary the way
``framing evaluate`` reads it (``esc`` is positive from 2, hostile, up):

- **Cohen's kappa**: agreement corrected for the agreement two annotators would reach by chance
  with the same label rates (1 perfect, 0 chance level, below 0 worse than chance). It is
  undefined, and ``None`` here, when both labellings use one class only (say, no ``ra`` passage
  at all): chance then explains everything.
- **Precision, recall and F1 of the second labelling read as a system** with the first as truth:
  the same figures ``framing evaluate`` gives the tool, so the two compare directly. F1 is
  symmetric (swapping the files swaps precision and recall and leaves F1 unchanged), so it is
  a fair ceiling for the tool's F1 whichever annotator is taken as truth.

For ``esc`` also on its 0–3 scale: the share of exact matches, **quadratic-weighted kappa**
(a 1-point difference costs little, 0 against 3 costs most) and **Spearman's rho** (do both
rank the passages alike?).

Example::

    >>> from pathlib import Path
    >>> result = compare_files(
    ...     Path("corpora/gold/holdout8.jsonl"),
    ...     Path("corpora/gold/agreement/holdout8.second.jsonl"),
    ... )
    >>> round(result.label("threat").kappa, 3)
    0.886
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from framing.errors import FramingError
from framing.evaluate import LABEL_VALUES, LABELS, GoldPassage, binary_truth, read_gold

ORDINAL_LABELS = ("esc",)


@dataclass(frozen=True)
class OrdinalAgreement:
    """Agreement on the full 0–3 scale, where the binary cut hides near misses (1 against 2)."""

    exact: float
    weighted_kappa: float | None
    spearman: float | None


@dataclass(frozen=True)
class LabelAgreement:
    """One label: counts, chance-corrected agreement, and the second labelling as a system.

    ``precision`` is undefined (``None``) when the second labelling has no positive, ``recall``
    when the first has none, ``f1`` when neither has any; ``kappa`` when both use one class.
    """

    label: str
    passages: int
    first_positives: int
    second_positives: int
    both_positives: int
    kappa: float | None
    precision: float | None
    recall: float | None
    f1: float | None
    ordinal: OrdinalAgreement | None = None


@dataclass(frozen=True)
class Disagreement:
    """A passage and label on which the two labellings differ, for a researcher to adjudicate.

    ``binary`` says whether the difference changes the binary reading that kappa and F1 count:
    always for 0/1 labels; for ``esc`` only when the values fall on both sides of 2.
    """

    id: str
    label: str
    first: int
    second: int
    binary: bool
    text: str
    first_why: str | None
    second_why: str | None


@dataclass(frozen=True)
class Agreement:
    """Every figure of ``framing agree`` for two labellings of one set of passages."""

    first: str
    second: str
    passages: int
    labels: tuple[LabelAgreement, ...]
    disagreements: tuple[Disagreement, ...]

    def label(self, name: str) -> LabelAgreement:
        return next(item for item in self.labels if item.label == name)


def _same_text(a: str, b: str) -> bool:
    # Line wrapping and doubled spaces are an artefact of copying, not a different passage.
    return a.split() == b.split()


def _by_id(passages: Sequence[GoldPassage], path: str) -> dict[str, GoldPassage]:
    out: dict[str, GoldPassage] = {}
    for passage in passages:
        if passage.id in out:
            raise FramingError("E210", path=path, id=passage.id)
        out[passage.id] = passage
    return out


def match_passages(
    first: Sequence[GoldPassage],
    second: Sequence[GoldPassage],
    *,
    first_name: str = "the first file",
    second_name: str = "the second file",
) -> list[tuple[GoldPassage, GoldPassage]]:
    """Pair the passages by id, in the first file's order.

    Both files must hold the same ids with the same text (whitespace aside): agreement on
    different passages would measure nothing. The first id that breaks this is named in a
    one-line error.
    """
    firsts = _by_id(first, first_name)
    seconds = _by_id(second, second_name)
    pairs = []
    for passage in first:
        other = seconds.get(passage.id)
        if other is None:
            raise FramingError("E211", id=passage.id, path=first_name, other=second_name)
        if not _same_text(passage.text, other.text):
            raise FramingError("E212", id=passage.id, first=first_name, second=second_name)
        pairs.append((passage, other))
    for passage in second:
        if passage.id not in firsts:
            raise FramingError("E211", id=passage.id, path=second_name, other=first_name)
    return pairs


def _why(passage: GoldPassage) -> str | None:
    why = passage.record.get("why")
    return why if isinstance(why, str) and why.strip() else None


def _ordinal(first: Sequence[int], second: Sequence[int], scale: Sequence[int]) -> OrdinalAgreement:
    from scipy.stats import spearmanr
    from sklearn.metrics import cohen_kappa_score

    exact = sum(a == b for a, b in zip(first, second, strict=True)) / len(first)
    one_value = len(set(first) | set(second)) < 2
    # The whole scale as labels: the weights then follow the 0–3 values even when a value is
    # missing from both labellings.
    weighted = (
        None
        if one_value
        else float(cohen_kappa_score(first, second, labels=list(scale), weights="quadratic"))
    )
    varied = len(set(first)) > 1 and len(set(second)) > 1
    rho = float(spearmanr(first, second).statistic) if varied else None
    return OrdinalAgreement(exact, weighted, rho)


def label_agreement(label: str, first: Sequence[int], second: Sequence[int]) -> LabelAgreement:
    """The figures for one label, from the two labellings' values on the same passages."""
    from sklearn.metrics import cohen_kappa_score, f1_score, precision_score, recall_score

    truth = [binary_truth(label, v) for v in first]
    system = [binary_truth(label, v) for v in second]
    first_pos, second_pos = sum(truth), sum(system)
    both = sum(a and b for a, b in zip(truth, system, strict=True))
    kappa = None if len(set(truth) | set(system)) < 2 else float(cohen_kappa_score(truth, system))
    # Undefined figures are None, not sklearn's 0 for a division by zero: a 0 would read as
    # total disagreement where there is simply nothing to measure.
    precision = float(precision_score(truth, system, zero_division=0)) if second_pos else None
    recall = float(recall_score(truth, system, zero_division=0)) if first_pos else None
    f1 = float(f1_score(truth, system, zero_division=0)) if first_pos or second_pos else None
    ordinal = (
        _ordinal(first, second, LABEL_VALUES[label]) if label in ORDINAL_LABELS and first else None
    )
    return LabelAgreement(
        label, len(truth), first_pos, second_pos, both, kappa, precision, recall, f1, ordinal
    )


def agreement(
    first: Sequence[GoldPassage],
    second: Sequence[GoldPassage],
    *,
    first_name: str = "the first file",
    second_name: str = "the second file",
) -> Agreement:
    """Agreement of ``second`` with ``first`` on every label both carry.

    A label counts on the passages where both labellings give it. Disagreements are listed in
    the first file's order, labels in their usual order within a passage.
    """
    pairs = match_passages(first, second, first_name=first_name, second_name=second_name)
    labels = [
        label for label in LABELS if any(label in a.labels and label in b.labels for a, b in pairs)
    ]
    if not labels:
        raise FramingError("E213", first=first_name, second=second_name)
    reports = []
    for label in labels:
        rows = [(a, b) for a, b in pairs if label in a.labels and label in b.labels]
        reports.append(
            label_agreement(
                label, [a.labels[label] for a, _ in rows], [b.labels[label] for _, b in rows]
            )
        )
    disagreements = [
        Disagreement(
            a.id,
            label,
            a.labels[label],
            b.labels[label],
            binary_truth(label, a.labels[label]) != binary_truth(label, b.labels[label]),
            a.text,
            _why(a),
            _why(b),
        )
        for a, b in pairs
        for label in labels
        if label in a.labels and label in b.labels and a.labels[label] != b.labels[label]
    ]
    return Agreement(first_name, second_name, len(pairs), tuple(reports), tuple(disagreements))


def compare_files(first: Path, second: Path) -> Agreement:
    """Read two gold JSONL files (as ``framing evaluate`` reads them) and compare them."""
    return agreement(
        read_gold(first), read_gold(second), first_name=str(first), second_name=str(second)
    )
