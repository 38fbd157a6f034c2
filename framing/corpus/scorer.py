"""Texts in, score rows out: the function every engine runs, in whatever process it runs in.

A worker builds its :class:`~framing.api.Analyzer` once (the expensive part) and keeps it for
every chunk it is sent; chunks go through ``nlp.pipe`` in batches. Rows hold the same scores as
``framing check``, a count per rule of the speaker's own findings (quoted findings are counted
apart in ``quoted_findings``, because they do not score), and the tier that produced them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from framing.errors import FramingError
from framing.rules import RULES
from framing.scoring import FRAMING_FIELDS, SENTIMENT_FIELDS

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from framing.analysis import Analysis
    from framing.api import Analyzer
    from framing.directives import Directives

# A text to score and what its markup says about it (None for plain text).
Item = tuple[str, "Directives | None"]

RULE_COLUMNS: tuple[str, ...] = tuple(rule.code for rule in RULES)


class Granularity(StrEnum):
    DOCUMENT = "document"
    SENTENCE = "sentence"


@dataclass(frozen=True)
class ScoreSettings:
    """Everything a worker needs to score like every other worker (picklable, hashable)."""

    model: str | None = "none"
    lexicons: tuple[str, ...] = ()
    builtin_lexicons: bool = True
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    granularity: Granularity = Granularity.DOCUMENT
    batch_size: int = 32
    sentiment: bool = False

    @property
    def pipeline_key(self) -> tuple[Any, ...]:
        return (self.model, self.lexicons, self.builtin_lexicons, self.select, self.ignore)


LOCATION_COLUMNS = (("sentence", "int"), ("start", "int"), ("end", "int"), ("text", "string"))


def location_columns(granularity: Granularity) -> tuple[tuple[str, str], ...]:
    """Where a sentence row's sentence is (nothing for document rows), as (name, kind)."""
    return LOCATION_COLUMNS if granularity is Granularity.SENTENCE else ()


def score_fields(sentiment: bool) -> tuple[str, ...]:
    """Tension and the dimensions; with ``sentiment``, TextBlob polarity and subjectivity too
    (they cost as much as all the detectors together, so a corpus run asks for them)."""
    return (*FRAMING_FIELDS, *SENTIMENT_FIELDS) if sentiment else FRAMING_FIELDS


def measure_columns(settings: ScoreSettings) -> tuple[tuple[str, str], ...]:
    """The columns a scored text fills, as (name, kind), in output order."""
    sentence = settings.granularity is Granularity.SENTENCE
    size = ("words",) if sentence else ("words", "sentences")
    return (
        *((name, "int") for name in size),
        *((name, "float") for name in score_fields(settings.sentiment)),
        *((code, "int") for code in (*RULE_COLUMNS, "quoted_findings")),
        ("tier", "string"),
    )


@dataclass(frozen=True)
class ChunkResult:
    """Per text either a list of measured rows or an error message; ``fatal`` stops the run."""

    outcomes: tuple[list[dict[str, Any]] | str, ...]
    fatal: tuple[str, dict[str, Any]] | None = None


_ANALYZERS: dict[tuple[Any, ...], Analyzer] = {}


def analyzer_for(settings: ScoreSettings) -> Analyzer:
    """This process's analyzer for these settings, built on first use."""
    key = settings.pipeline_key
    if key not in _ANALYZERS:
        from pathlib import Path

        from framing.api import Analyzer

        analyzer = Analyzer(
            settings.model,
            lexicons=[Path(p) for p in settings.lexicons],
            builtin_lexicons=settings.builtin_lexicons,
            select=settings.select,
            ignore=settings.ignore,
        )
        analyzer.nlp  # noqa: B018  (build now, so a bad model fails before any text is read)
        _ANALYZERS[key] = analyzer
    return _ANALYZERS[key]


def _counts(findings: Sequence[Any]) -> dict[str, int]:
    own = Counter(f.rule for f in findings if not f.quoted)
    counts: dict[str, int] = {code: own.get(code, 0) for code in RULE_COLUMNS}
    counts["quoted_findings"] = sum(1 for f in findings if f.quoted)
    return counts


def _score_values(dimensions: dict[str, float], scores: Any | None) -> dict[str, float]:
    """The framing scores; with the ``scores`` of a sentence or document, sentiment too."""
    values = {name: dimensions[name] for name in FRAMING_FIELDS}
    if scores is not None:
        values.update({name: getattr(scores, name) for name in SENTIMENT_FIELDS})
    return values


def document_row(analysis: Analysis, sentiment: bool = False) -> dict[str, Any]:
    return {
        "words": analysis.words,
        "sentences": len(analysis.sentences),
        **_score_values(analysis.dimensions, analysis.scores if sentiment else None),
        **_counts(analysis.findings),
        "tier": analysis.tier,
    }


def sentence_rows(
    analysis: Analysis, words: Sequence[int], sentiment: bool = False
) -> list[dict[str, Any]]:
    return [
        {
            "sentence": sentence.index,
            "start": sentence.start,
            "end": sentence.end,
            "text": sentence.text,
            "words": words[sentence.index],
            **_score_values(sentence.dimensions, sentence.scores if sentiment else None),
            **_counts([analysis.findings[i] for i in sentence.findings]),
            "tier": analysis.tier,
        }
        for sentence in analysis.sentences
    ]


def rows_for(doc: Doc, tier: str, settings: ScoreSettings) -> list[dict[str, Any]]:
    """The rows of one processed doc."""
    from framing.analysis import from_doc

    analysis = from_doc(doc, tier=tier)
    if settings.granularity is Granularity.DOCUMENT:
        return [document_row(analysis, settings.sentiment)]
    from framing.scoring import word_count

    words = [word_count(sentence) for sentence in doc.sents]
    return sentence_rows(analysis, words, settings.sentiment)


def _failure(exc: Exception) -> str:
    from framing.corpus.records import error_text

    detail = " ".join(str(exc).split())[:200]
    return error_text(FramingError("E157", reason=f"{type(exc).__name__}: {detail}"))


def _doc(analyzer: Analyzer, item: Item) -> Doc:
    """A Doc for the text, carrying its directives when it has any."""
    from framing.doctext import make_doc

    text, directives = item
    doc = make_doc(analyzer.nlp, text)
    if directives is None:
        return doc
    from framing.directives import attach

    return attach(doc, directives)


def _one_by_one(analyzer: Analyzer, items: Sequence[Item], settings: ScoreSettings) -> ChunkResult:
    """After a batch failed: score each text alone, so only the one that fails is lost."""
    outcomes: list[list[dict[str, Any]] | str] = []
    for item in items:
        try:
            outcomes.append(rows_for(analyzer.nlp(_doc(analyzer, item)), analyzer.tier, settings))
        except Exception as exc:  # a row with the error beats losing the whole run
            outcomes.append(_failure(exc))
    return ChunkResult(tuple(outcomes))


def score_chunk(settings: ScoreSettings, items: Sequence[Item]) -> ChunkResult:
    """Score a chunk of texts; one failing text does not take the others down with it."""
    try:
        analyzer = analyzer_for(settings)
    except FramingError as exc:
        return ChunkResult((), fatal=(exc.code, exc.fields))
    tier = analyzer.tier
    try:
        docs = (_doc(analyzer, item) for item in items)
        processed = analyzer.nlp.pipe(docs, batch_size=settings.batch_size)
        return ChunkResult(tuple(rows_for(doc, tier, settings) for doc in processed))
    except Exception:  # any failure inside spaCy or a detector: retry text by text
        return _one_by_one(analyzer, items, settings)
