"""Word and character n-gram TF-IDF of a passage, computed the way scikit-learn's
``TfidfVectorizer`` does.

The lexicons only see the wording they list; the calibrator also reads the passage itself, so
that what a new era or speaker says in other words ("their hour of justice will come", "the
Vorster and Smith regimes") still moves its scores. It reads it two ways side by side: word
1–2-grams, and character 3–5-grams inside word boundaries, which carry a stem to its other forms
("aggressor", "aggressive", "aggression"). Together they measured better than either alone on two
held-out splits (see ``framing/learn/train.py``). Training fits one ``TfidfVectorizer`` per kind
with the settings below; what they learned — the vocabularies and each term's idf — is stored in
the calibrator's JSON, and :class:`NgramSpace` recomputes the same vector in plain Python, so
applying the calibrator needs no scikit-learn. ``tests/test_learn.py`` checks the two agree.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

# scikit-learn's default word pattern, spelled out because the stored vocabulary depends on it.
TOKEN_PATTERN = r"(?u)\b\w\w+\b"
_TOKEN = re.compile(TOKEN_PATTERN)

SparseVector = dict[int, float]


@dataclass(frozen=True)
class Kind:
    """One way to cut a passage into terms: scikit-learn's ``analyzer``, the n-gram lengths,
    and how many training passages a term must occur in (rarer ones would name single
    passages)."""

    analyzer: str
    ngram_range: tuple[int, int]
    min_df: int

    def terms_of(self, text: str) -> Counter[str]:
        """Counts of the passage's lower-cased terms of this kind."""
        low, high = self.ngram_range
        counts: Counter[str] = Counter()
        if self.analyzer == "word":
            words = _TOKEN.findall(text.lower())
            for n in range(low, high + 1):
                counts.update(" ".join(words[i : i + n]) for i in range(len(words) - n + 1))
            return counts
        for word in text.lower().split():
            padded = f" {word} "  # "char_wb": n-grams of the word padded with a space each side
            for n in range(low, high + 1):
                if len(padded) <= n:  # a word shorter than the n-gram counts once, whole
                    counts[padded] += 1
                    break
                counts.update(padded[i : i + n] for i in range(len(padded) - n + 1))
        return counts

    def vectorizer(self) -> Any:
        """The scikit-learn vectorizer that training fits for this kind."""
        import numpy as np
        from sklearn.feature_extraction.text import TfidfVectorizer

        return TfidfVectorizer(
            lowercase=True,
            analyzer=self.analyzer,
            token_pattern=TOKEN_PATTERN,
            ngram_range=self.ngram_range,
            min_df=self.min_df,
            sublinear_tf=True,
            dtype=np.float64,
        )

    def settings(self) -> dict[str, Any]:
        return {
            "analyzer": self.analyzer,
            "ngram_range": list(self.ngram_range),
            "min_df": self.min_df,
        }


KINDS = (Kind("word", (1, 2), 3), Kind("char_wb", (3, 5), 10))


@dataclass(frozen=True)
class Vocabulary:
    """One kind's fitted terms, in column order, and their inverse document frequency."""

    terms: tuple[str, ...]
    idf: tuple[float, ...]

    @cached_property
    def columns(self) -> dict[str, int]:
        """Each term's column."""
        return {term: i for i, term in enumerate(self.terms)}

    def vector(self, counts: Counter[str]) -> SparseVector:
        """Sublinear TF-IDF of term counts over the vocabulary, L2-normalised."""
        found = ((self.columns.get(term), n) for term, n in counts.items())
        weights = {i: (1.0 + math.log(n)) * self.idf[i] for i, n in found if i is not None}
        norm = math.sqrt(sum(w * w for w in weights.values()))
        return {i: w / norm for i, w in weights.items()} if norm else {}

    def to_json(self) -> dict[str, Any]:
        return {"terms": list(self.terms), "idf": [round(v, 8) for v in self.idf]}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Vocabulary:
        terms = tuple(str(t) for t in data["terms"])
        idf = tuple(float(v) for v in data["idf"])
        if len(terms) != len(idf) or len(set(terms)) != len(terms):
            raise ValueError("n-gram terms must be distinct and have one idf each")
        return cls(terms, idf)


@dataclass(frozen=True)
class NgramSpace:
    """The fitted vocabularies of :data:`KINDS`, their columns one after the other."""

    parts: tuple[Vocabulary, ...]

    def __len__(self) -> int:
        return sum(len(part.terms) for part in self.parts)

    def vector(self, text: str) -> SparseVector:
        """The passage's TF-IDF of each kind, side by side (each normalised on its own)."""
        out: SparseVector = {}
        offset = 0
        for kind, part in zip(KINDS, self.parts, strict=True):
            out.update((offset + i, w) for i, w in part.vector(kind.terms_of(text)).items())
            offset += len(part.terms)
        return out

    def to_json(self) -> dict[str, Any]:
        return {kind.analyzer: part.to_json() for kind, part in zip(KINDS, self.parts, strict=True)}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> NgramSpace:
        return cls(tuple(Vocabulary.from_json(data[kind.analyzer]) for kind in KINDS))


def fitted_space(texts: Sequence[str]) -> tuple[NgramSpace, list[Any]]:
    """Fit one vectorizer per kind on training texts: the space to store, and the fitted
    vectorizers (None, with no terms, for a kind where no term occurs in enough passages)."""
    parts, fitted = [], []
    for kind in KINDS:
        try:
            vectorizer = kind.vectorizer().fit(texts)
        except ValueError:  # "After pruning, no terms remain": a set of a few passages
            parts.append(Vocabulary((), ()))
            fitted.append(None)
            continue
        terms = tuple(str(t) for t in vectorizer.get_feature_names_out())
        parts.append(Vocabulary(terms, tuple(float(v) for v in vectorizer.idf_)))
        fitted.append(vectorizer)
    return NgramSpace(tuple(parts)), fitted


def matrix(fitted: Sequence[Any], texts: Sequence[str]) -> Any:
    """The TF-IDF rows of ``texts``, kinds side by side (a kind without terms adds no column)."""
    from scipy.sparse import csr_matrix, hstack

    blocks = [csr_matrix((len(texts), 0)) if v is None else v.transform(texts) for v in fitted]
    return hstack(blocks).tocsr()
