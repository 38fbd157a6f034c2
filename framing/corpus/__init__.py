"""Corpus scoring for researchers: many documents in, one row of scores per document out.

``records`` reads directories, JSONL, CSV and Parquet lazily; ``scorer`` turns texts into rows in
worker processes; ``engines`` runs the scorer locally or on a Dask cluster; ``writers`` keeps a
journal that survives interruption and publishes the finished table atomically; ``run`` ties
them together behind ``framing score``.
"""

from framing.corpus.run import ScoreSummary, score_corpus
from framing.corpus.scorer import Granularity, ScoreSettings

__all__ = ["Granularity", "ScoreSettings", "ScoreSummary", "score_corpus"]
