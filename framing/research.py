"""The researcher's API: score a pandas DataFrame, or use framing features in scikit-learn.

Both use the corpus scorer, so their numbers are the ones ``framing score`` writes, and both
keep one analyzer per process for given settings (building one is the slow part), which also
makes :class:`FramingFeatures` cheap to clone in a grid search.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from framing.corpus.records import Record, error_text, require
from framing.corpus.scorer import (
    RULE_COLUMNS,
    Granularity,
    ScoreSettings,
    analyzer_for,
    document_row,
    location_columns,
    measure_columns,
)
from framing.doctext import make_doc
from framing.errors import FramingError
from framing.scoring import SCORE_FIELDS

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

try:
    from sklearn.base import BaseEstimator, TransformerMixin
except ImportError:  # pragma: no cover - scikit-learn is a dependency of framing
    BaseEstimator = TransformerMixin = object  # type: ignore[misc,assignment]


def score_frame(
    frame: pd.DataFrame,
    text: str = "text",
    *,
    model: str | None = "none",
    lexicons: Sequence[str] = (),
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    granularity: str = "document",
    jobs: int = 1,
    sentiment: bool = False,
) -> pd.DataFrame:
    """``frame`` with the columns of ``framing score`` added for the texts in column ``text``.

    Document granularity keeps ``frame``'s index and rows; sentence granularity returns one row
    per sentence, repeating the document's columns. A text that cannot be scored (missing,
    empty, not a string) gets ``error`` set and empty scores. Column names already in ``frame``
    get the suffix ``_framing``. ``model`` defaults to the fast rules tier; ``sentiment`` adds
    TextBlob polarity and subjectivity, as ``framing score --sentiment`` does.

    >>> import pandas as pd, framing
    >>> tweets = pd.read_json("corpora/trump_tweets_korea_2017_2019.jsonl", lines=True)
    >>> scored = framing.score_frame(tweets)
    >>> scored[["date", "tension", "FRM101"]].head(1)  # doctest: +SKIP
    """
    pandas = require("pandas", "score_frame")
    from pathlib import Path

    from framing import __version__
    from framing.corpus.engines import engine_for
    from framing.corpus.run import chunked
    from framing.lexicons import load_lexicon

    if text not in frame.columns:
        known = ", ".join(map(str, frame.columns))
        raise FramingError("E170", path="the DataFrame", field=text, known=known)
    settings = ScoreSettings(
        model=model,
        lexicons=tuple(str(p) for p in lexicons),
        select=tuple(select),
        ignore=tuple(ignore),
        granularity=Granularity(granularity),
        sentiment=sentiment,
    )
    records = (_record(text, position, value) for position, value in enumerate(frame[text]))
    positions: list[int] = []
    rows: list[dict[str, Any]] = []
    runner = engine_for(settings, jobs=jobs)
    try:
        for chunk, result in runner.map(chunked(records)):
            outcomes = iter(result.outcomes)
            for record in chunk:
                outcome = record.error if record.error is not None else next(outcomes)
                measured = [{"error": outcome}] if isinstance(outcome, str) else outcome
                for values in measured:
                    positions.append(int(record.id))
                    rows.append(values)
    finally:
        runner.close()
    columns = [
        *(name for name, _ in location_columns(settings.granularity)),
        *(name for name, _ in measure_columns(settings)),
        "error",
    ]
    scores = pandas.DataFrame(rows, columns=columns)
    scores.insert(len(columns) - 1, "framing_version", __version__)
    version = load_lexicon([Path(p) for p in settings.lexicons]).version
    scores.insert(len(columns), "lexicon_version", version)
    for name, kind in (
        *location_columns(settings.granularity),
        *measure_columns(settings),
    ):
        if kind == "int":
            scores[name] = scores[name].astype("Int64")
    base = frame.drop(columns=[text]) if settings.granularity is Granularity.SENTENCE else frame
    left = base.iloc[positions]
    scores = scores.rename(columns={c: f"{c}_framing" for c in scores.columns if c in left})
    joined = pandas.concat([left.reset_index(drop=True), scores], axis=1)
    joined.index = left.index
    return joined if settings.granularity is Granularity.DOCUMENT else joined.reset_index()


def _record(column: str, position: int, value: Any) -> Record:
    """A row's text as a record whose id is its position in the frame."""
    where = {"source": f"column '{column}'", "number": position + 1}
    if not isinstance(value, str):
        error = FramingError("E154", **where, detail="the text is not a string")
        return Record(str(position), None, {}, error_text(error))
    if not value.strip():
        return Record(
            str(position), None, {}, error_text(FramingError("E152", **where, field=column))
        )
    return Record(str(position), value)


class FramingFeatures(TransformerMixin, BaseEstimator):  # type: ignore[misc]
    """A scikit-learn transformer: texts in, framing features out, for use in a Pipeline.

    Features are the score fields (``scores=True``) and, with ``rules=True``, a count per rule
    — per 1000 words when ``per_1000_words`` (so long and short texts compare) — and with
    ``size=True`` the number of words and sentences. Empty texts get all zeros.

    >>> from sklearn.pipeline import make_pipeline
    >>> from sklearn.linear_model import LogisticRegression
    >>> model = make_pipeline(FramingFeatures(), LogisticRegression())  # doctest: +SKIP
    """

    def __init__(
        self,
        model: str | None = "none",
        lexicons: Sequence[str] = (),
        select: Sequence[str] = (),
        ignore: Sequence[str] = (),
        scores: bool = True,
        rules: bool = True,
        per_1000_words: bool = True,
        size: bool = False,
        batch_size: int = 64,
    ) -> None:
        self.model = model
        self.lexicons = lexicons
        self.select = select
        self.ignore = ignore
        self.scores = scores
        self.rules = rules
        self.per_1000_words = per_1000_words
        self.size = size
        self.batch_size = batch_size

    def _settings(self) -> ScoreSettings:
        return ScoreSettings(
            model=self.model,
            lexicons=tuple(str(p) for p in self.lexicons),
            select=tuple(self.select),
            ignore=tuple(self.ignore),
            batch_size=self.batch_size,
        )

    def _names(self) -> list[str]:
        names = ["words", "sentences"] if self.size else []
        if self.scores:
            names += SCORE_FIELDS
        if self.rules:
            suffix = "_per_1000_words" if self.per_1000_words else ""
            names += [f"{code}{suffix}" for code in RULE_COLUMNS]
        return names

    def fit(self, texts: Iterable[str], y: Any = None) -> FramingFeatures:
        """Nothing is learned; builds the analyzer so that errors show up at fit time."""
        analyzer_for(self._settings())
        self.feature_names_out_ = self._names()
        self.n_features_out_ = len(self.feature_names_out_)
        return self

    def transform(self, texts: Iterable[str]) -> np.ndarray:
        """One row of features per text."""
        import numpy

        values = [str(t) if t is not None else "" for t in _as_list(texts)]
        analyzer = analyzer_for(self._settings())
        out = numpy.zeros((len(values), len(self._names())))
        docs = (make_doc(analyzer.nlp, value) for value in values)
        for index, doc in enumerate(analyzer.nlp.pipe(docs, batch_size=self.batch_size)):
            out[index] = self._features(doc, analyzer.tier)
        return out

    def _features(self, doc: Any, tier: str) -> list[float]:
        from framing.analysis import from_doc

        row = document_row(from_doc(doc, tier=tier), sentiment=self.scores)
        features: list[float] = []
        if self.size:
            features += [row["words"], row["sentences"]]
        if self.scores:
            features += [row[name] for name in SCORE_FIELDS]
        if self.rules:
            scale = 1000 / max(row["words"], 1) if self.per_1000_words else 1.0
            features += [row[code] * scale for code in RULE_COLUMNS]
        return features

    def get_feature_names_out(self, input_features: Any = None) -> np.ndarray:
        import numpy

        return numpy.asarray(self._names(), dtype=object)


def _as_list(texts: Iterable[Any]) -> list[Any]:
    """Texts from a list, a pandas Series, or a 1-D / one-column 2-D array."""
    shape = getattr(texts, "shape", None)
    if shape is not None and len(shape) == 2:
        if shape[1] != 1:
            raise ValueError(f"expected one column of texts, got {shape[1]}")
        texts = texts[:, 0] if hasattr(texts, "dtype") else texts.iloc[:, 0]  # type: ignore[index,attr-defined]
    return list(texts)
