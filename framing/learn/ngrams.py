"""Word 1–2-gram TF-IDF of a passage, computed the way scikit-learn's ``TfidfVectorizer`` does.

The lexicons only see the wording they list; the calibrator also reads the passage's words, so
that what a new era or speaker says in other words ("their hour of justice will come") still
moves its scores. Training fits ``TfidfVectorizer`` with the settings below; what it learned —
the vocabulary and each term's idf — is stored in the calibrator's JSON, and :class:`NgramSpace`
recomputes the same vector in plain Python, so applying the calibrator needs no scikit-learn.
``tests/test_learn.py`` checks the two agree.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

# scikit-learn's defaults, spelled out because the stored vocabulary depends on them.
TOKEN_PATTERN = r"(?u)\b\w\w+\b"
NGRAM_RANGE = (1, 2)
# A term must occur in this many training passages: rarer ones would name single passages.
MIN_DF = 3
_TOKEN = re.compile(TOKEN_PATTERN)

SparseVector = dict[int, float]


def terms_of(text: str) -> Counter[str]:
    """Counts of the passage's lower-cased words and word pairs."""
    words = _TOKEN.findall(text.lower())
    low, high = NGRAM_RANGE
    counts: Counter[str] = Counter()
    for n in range(low, high + 1):
        counts.update(" ".join(words[i : i + n]) for i in range(len(words) - n + 1))
    return counts


@dataclass(frozen=True)
class NgramSpace:
    """A fitted vocabulary: the terms, in column order, and their inverse document frequency."""

    terms: tuple[str, ...]
    idf: tuple[float, ...]

    @cached_property
    def columns(self) -> dict[str, int]:
        """Each term's column."""
        return {term: i for i, term in enumerate(self.terms)}

    def __len__(self) -> int:
        return len(self.terms)

    def vector(self, text: str) -> SparseVector:
        """The passage's sublinear TF-IDF over the vocabulary, L2-normalised."""
        found = ((self.columns.get(term), count) for term, count in terms_of(text).items())
        weights = {i: (1.0 + math.log(n)) * self.idf[i] for i, n in found if i is not None}
        norm = math.sqrt(sum(w * w for w in weights.values()))
        return {i: w / norm for i, w in weights.items()} if norm else {}

    def to_json(self) -> dict[str, Any]:
        return {"terms": list(self.terms), "idf": [round(v, 8) for v in self.idf]}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> NgramSpace:
        terms = tuple(str(t) for t in data["terms"])
        idf = tuple(float(v) for v in data["idf"])
        if len(terms) != len(idf) or len(set(terms)) != len(terms):
            raise ValueError("n-gram terms must be distinct and have one idf each")
        return cls(terms, idf)


def vectorizer() -> Any:
    """The scikit-learn vectorizer that training fits (settings as above)."""
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer

    return TfidfVectorizer(
        lowercase=True,
        token_pattern=TOKEN_PATTERN,
        ngram_range=NGRAM_RANGE,
        min_df=MIN_DF,
        sublinear_tf=True,
        dtype=np.float64,
    )


def fitted_space(texts: Sequence[str]) -> tuple[NgramSpace, Any]:
    """Fit the vectorizer on training texts: the space to store, and the fitted vectorizer
    (None, with an empty space, when no term occurs in enough passages)."""
    try:
        fitted = vectorizer().fit(texts)
    except ValueError:  # "After pruning, no terms remain": a set of a few passages
        return NgramSpace((), ()), None
    terms = fitted.get_feature_names_out()
    return NgramSpace(tuple(str(t) for t in terms), tuple(float(v) for v in fitted.idf_)), fitted


def matrix(fitted: Any, texts: Sequence[str]) -> Any:
    """The TF-IDF rows of ``texts`` (a sparse matrix, with no columns for an empty space)."""
    from scipy.sparse import csr_matrix

    if fitted is None:
        return csr_matrix((len(texts), 0))
    return fitted.transform(texts)
