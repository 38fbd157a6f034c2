"""Scores: how tense a text reads, per sentence and per document, explained by its findings.

Each finding contributes its weight (already scaled by hedges, conditions and emphasis) to the
dimension of its category; quoted speech contributes nothing, because it is not the speaker's
own framing. A dimension's score is ``1 - exp(-sum)``: one strong cue scores high, more cues
saturate towards 1. For the document the sum is divided by ``sqrt(words / 50)`` (at least 1), so
a long calm speech with a few scattered cues is not worse than a short draft built around one;
the worst sentence stays visible in the per-sentence scores.

``tension`` (0–100) rises with threats, escalation, hostile-policy wording and coercive posture
framing, and falls — never below zero — with tension-reduction and reassurance language.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from framing.rules import RULES_BY_CODE, Category

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

    from framing.detectors.context import Hit

DIMENSIONS = ("threat", "escalation", "hostile_policy", "military_tension", "reassurance")
FRAMING_FIELDS = ("tension", *DIMENSIONS)
SENTIMENT_FIELDS = ("polarity", "subjectivity")
SCORE_FIELDS = (*FRAMING_FIELDS, *SENTIMENT_FIELDS)

# What a finding adds to dimensions besides its own: a personalized threat is escalation at
# its sharpest; regime-ending and delegitimizing wording is hostile; coercive framing of
# exercises and strategic assets is what Pyongyang cites as "hostile policy".
CROSS_SHARE: dict[str, dict[str, float]] = {
    "FRM301": {"escalation": 0.6},
    "FRM302": {"escalation": 0.3},
    "FRM303": {"escalation": 0.6},
    "FRM401": {"escalation": 0.5, "hostile_policy": 0.5},
}
TENSION_SHARE: dict[Category, float] = {
    Category.THREAT: 1.0,
    Category.ESCALATION: 0.8,
    Category.HOSTILE_POLICY: 0.6,
    Category.POSTURE: 0.5,
    Category.MILITARY_TENSION: 0.3,
    Category.REASSURANCE: 0.3,
}
WORDS_PER_UNIT = 50


def dimensions_fed(code: str) -> frozenset[str]:
    """The score dimensions a finding of this rule adds to (``Analysis.explain`` uses it)."""
    rule = RULES_BY_CODE[code]
    fed = {rule.category.value} & set(DIMENSIONS)
    if rule.category is Category.THREAT:
        fed.add("escalation")
    return frozenset(fed | set(CROSS_SHARE.get(code, {})))


def _contributions(hit: Hit) -> dict[str, float]:
    """What one finding adds to each raw dimension and to raw tension."""
    if hit.quoted:
        return {}
    rule = RULES_BY_CODE[hit.rule]
    out: dict[str, float] = {}
    category = rule.category
    if category.value in DIMENSIONS:
        out[category.value] = hit.weight
    if category is Category.THREAT:
        out["escalation"] = hit.weight
    for dimension, share in CROSS_SHARE.get(hit.rule, {}).items():
        out[dimension] = out.get(dimension, 0.0) + hit.weight * share
    sign = 1.0 if rule.raises_tension else -1.0
    out["tension"] = sign * hit.weight * TENSION_SHARE[category]
    return out


def _raw(hits: Iterable[Hit]) -> dict[str, float]:
    totals = dict.fromkeys(("tension", *DIMENSIONS), 0.0)
    for hit in hits:
        for key, value in _contributions(hit).items():
            totals[key] += value
    return totals


def _saturate(raw: dict[str, float], scale: float) -> dict[str, float]:
    scores = {key: round(1 - math.exp(-raw[key] / scale), 4) for key in DIMENSIONS}
    tension = max(0.0, raw["tension"]) / scale
    return {"tension": round(100 * (1 - math.exp(-tension)), 1), **scores}


def word_count(tokens: Iterable[Any]) -> int:
    return sum(1 for t in tokens if not (t.is_punct or t.is_space))


def length_scale(words: int) -> float:
    return max(1.0, math.sqrt(words / WORDS_PER_UNIT))


def score_doc(doc: Doc, sentences: Sequence[Span], hits: Sequence[Hit]) -> dict[str, Any]:
    """Document and per-sentence framing scores, and which sentence is the worst.

    TextBlob sentiment is not computed here: it cost as much as all the detectors together,
    and a corpus run or a hook rarely reads it (:class:`framing.analysis.Analysis` computes it
    on first use)."""
    import numpy as np
    from spacy.attrs import IS_PUNCT, IS_SPACE

    # Words before each token, from attribute arrays (no Token objects on long speeches).
    is_word = doc.to_array([IS_PUNCT, IS_SPACE]).sum(axis=1) == 0
    before = [0, *np.cumsum(is_word).tolist()]
    starts = [sentence.start for sentence in sentences]
    calm = _saturate(_raw(()), 1.0)
    by_sentence: dict[int, list[Hit]] = {}
    for hit in hits:
        by_sentence.setdefault(bisect.bisect_right(starts, hit.start) - 1, []).append(hit)
    per_sentence = []
    for number, sentence in enumerate(sentences):
        inside = by_sentence.get(number)
        words = before[sentence.end] - before[sentence.start]
        per_sentence.append(
            {
                "index": number,
                "start": sentence.start_char,
                "end": sentence.end_char,
                "scores": _saturate(_raw(inside), length_scale(words)) if inside else dict(calm),
            }
        )
    worst = max(per_sentence, key=lambda s: s["scores"]["tension"], default=None)
    return {
        "scores": _saturate(_raw(hits), length_scale(before[-1])),
        "words": before[-1],
        "sentences": per_sentence,
        "worst_sentence": worst["index"] if worst and worst["scores"]["tension"] > 0 else None,
    }
