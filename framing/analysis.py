"""Plain, serialisable results: everything downstream reads these, never the spaCy Doc.

``from_doc`` is the single place where a processed Doc becomes :class:`Analysis`. Offsets are
character offsets into the original input; line and column are 1-based, columns counted in
characters, ``end_column`` one past the last character (as SARIF counts). Findings leave here
without suggestions: :func:`framing.suggest.suggest` adds the ones that pass verification.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from framing.doctext import text_of
from framing.rules import RULES_BY_CODE, Severity
from framing.sentiment import polarity_subjectivity

if TYPE_CHECKING:
    from spacy.tokens import Doc


@dataclass(frozen=True)
class Suggestion:
    """A calmer alternative: the replacement phrase and the whole rewritten sentence."""

    replacement: str
    sentence: str
    reason: str


@dataclass(frozen=True)
class Finding:
    """One observation, pointing at exact characters of the input."""

    rule: str
    name: str
    category: str
    severity: str
    message: str
    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int
    text: str
    weight: float
    quoted: bool
    suggestions: tuple[Suggestion, ...]
    rationale: str
    entry: str
    sentence: int
    target: str | None = None


@dataclass(frozen=True)
class Scores:
    """Tension 0–100; the dimensions 0–1; TextBlob polarity (-1..1) and subjectivity (0..1)."""

    tension: float
    threat: float
    escalation: float
    hostile_policy: float
    military_tension: float
    reassurance: float
    polarity: float
    subjectivity: float


class ScoredText:
    """Framing ``dimensions`` now; TextBlob sentiment added on first read of ``scores``.

    Sentiment costs as much as all the detectors, and most uses (the hook, corpus rows) never
    read it. Shared by :class:`SentenceAnalysis` and :class:`Analysis`, which hold the fields.
    """

    dimensions: dict[str, float]
    prose: str

    @property
    def tension(self) -> float:
        return self.dimensions["tension"]

    @cached_property
    def scores(self) -> Scores:
        return _with_sentiment(self.dimensions, self.prose)


@dataclass(frozen=True)
class SentenceAnalysis(ScoredText):
    """One sentence, its scores and the findings (indexes into ``Analysis.findings``) in it."""

    index: int
    start: int
    end: int
    text: str
    dimensions: dict[str, float]
    prose: str
    findings: tuple[int, ...]


@dataclass(frozen=True)
class Analysis(ScoredText):
    """The result of analysing one text."""

    text: str
    findings: tuple[Finding, ...]
    dimensions: dict[str, float]
    prose: str
    sentences: tuple[SentenceAnalysis, ...]
    words: int
    tier: str
    worst_sentence: int | None = None
    suppressed: int = 0
    meta: dict[str, Any] = field(default_factory=dict)
    # Character spans of the people the text names; None unless the analyzer was asked.
    people: tuple[tuple[int, int], ...] | None = None

    def explain(self, dimension: str) -> tuple[Finding, ...]:
        """The findings that produced a score dimension (``"tension"`` for all that count)."""
        from framing.scoring import dimensions_fed

        own = (f for f in self.findings if not f.quoted)
        if dimension == "tension":
            return tuple(own)
        return tuple(f for f in own if dimension in dimensions_fed(f.rule))


class LineIndex:
    """Character offset → (line, column), both 1-based; ``\\r\\n`` counts as one break."""

    def __init__(self, text: str) -> None:
        self._starts = [0, *(match.end() for match in re.finditer("\n", text))]

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self._starts, offset) - 1
        return line + 1, offset - self._starts[line] + 1


def _trimmed(prose: str, start: int, end: int) -> tuple[int, int]:
    segment = prose[start:end]
    leading = len(segment) - len(segment.lstrip())
    if leading == len(segment):
        return start, end
    return start + leading, start + len(segment.rstrip())


def _with_sentiment(dimensions: dict[str, float], prose: str) -> Scores:
    polarity, subjectivity = polarity_subjectivity(prose)
    return Scores(**dimensions, polarity=round(polarity, 4), subjectivity=round(subjectivity, 4))


def from_doc(doc: Doc, text: str | None = None, *, tier: str = "rules") -> Analysis:
    """Turn a Doc processed by the ``framing`` component into an :class:`Analysis`.

    ``text`` is the original input when the Doc was made from prose extracted from markup (same
    length, markup blanked out); line, column and ``text`` of each finding come from it.
    """
    prose = text_of(doc)
    original = prose if text is None else text
    lines = LineIndex(original)
    result = doc._.framing
    # A sentence runs from its first to its last non-space character of prose: blanked markup
    # (front matter, a code block) is whitespace in the prose but text in the original.
    sentence_bounds = [_trimmed(prose, s["start"], s["end"]) for s in result["sentences"]]
    sentence_starts = [start for start, _ in sentence_bounds]
    findings: list[Finding] = []
    in_sentence: dict[int, list[int]] = {}
    for span in doc.spans["framing"]:
        details = span._.framing
        rule = RULES_BY_CODE[span.label_]
        start, end = span.start_char, span.end_char
        sentence = bisect.bisect_right(sentence_starts, start) - 1
        in_sentence.setdefault(sentence, []).append(len(findings))
        line, column = lines.position(start)
        end_line, end_column = lines.position(end)
        observed = original[start:end]
        findings.append(
            Finding(
                rule=rule.code,
                name=rule.name,
                category=rule.category.value,
                severity=Severity.INFO.value if details["quoted"] else rule.severity.value,
                message=rule.message.format(text=observed, target=details["target"] or "a leader"),
                start=start,
                end=end,
                line=line,
                column=column,
                end_line=end_line,
                end_column=end_column,
                text=observed,
                weight=details["weight"],
                quoted=details["quoted"],
                suggestions=(),
                rationale=details["rationale"],
                entry=details["entry_id"],
                sentence=sentence,
                target=details["target"],
            )
        )
    sentences = tuple(
        SentenceAnalysis(
            index=s["index"],
            start=start,
            end=end,
            text=original[start:end],
            dimensions=s["scores"],
            prose=prose[start:end],
            findings=tuple(in_sentence.get(s["index"], ())),
        )
        for s, (start, end) in zip(result["sentences"], sentence_bounds, strict=True)
    )
    return Analysis(
        text=original,
        findings=tuple(findings),
        dimensions=result["scores"],
        prose=prose,
        sentences=sentences,
        words=result["words"],
        tier=tier,
        worst_sentence=result["worst_sentence"],
        suppressed=result.get("suppressed", 0),
        people=tuple((int(a), int(b)) for a, b in result["people"]) if "people" in result else None,
    )
