"""The rules tier's sentence splitter: spaCy's ``Sentencizer``, decided on attribute arrays.

spaCy's ``Sentencizer.predict`` walks the doc token by token in Python, building a Token object
per word; on long speeches that was a tenth of the rules tier's time. Its rule is simple: a
sentence starts at the first word (a token that is neither punctuation nor one of its
sentence-final characters) after a sentence-final character. The same rule over the ``ORTH``
and ``IS_PUNCT`` arrays gives the same boundaries (``tests/test_startup.py`` compares the two on
real speeches); ``set_annotations`` and everything else is spaCy's own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from spacy.language import Language
from spacy.pipeline import Sentencizer

from framing.arrays import is_in, sorted_set

if TYPE_CHECKING:
    from spacy.tokens import Doc


class ArraySentencizer(Sentencizer):
    """``Sentencizer`` with a vectorised ``predict``; same boundaries, same annotations."""

    def predict(self, docs: Iterable[Doc]) -> list[list[bool]]:
        import numpy as np
        from spacy.attrs import IS_PUNCT, ORTH
        from spacy.strings import hash_string

        final = sorted_set(hash_string(c) for c in self.punct_chars)
        guesses = []
        for doc in docs:
            if not len(doc):
                guesses.append([])
                continue
            attrs = doc.to_array([ORTH, IS_PUNCT])
            is_final = is_in(attrs[:, 0], final)
            words = np.flatnonzero(~is_final & (attrs[:, 1] == 0))
            finals = np.flatnonzero(is_final)
            # A word starts a sentence when a sentence-final character stands between it and
            # the word before it (or before it at all, for the first word).
            before = np.searchsorted(finals, words)
            previous = np.concatenate(([0], before[:-1]))
            starts = words[before > previous]
            doc_guesses = np.zeros(len(doc), dtype=bool)
            doc_guesses[0] = True
            doc_guesses[starts] = True
            guesses.append(doc_guesses.tolist())
        return guesses


@Language.factory(
    "framing_sentencizer",
    assigns=["token.is_sent_start", "doc.sents"],
    default_config={
        "punct_chars": None,
        "overwrite": False,
        "scorer": {"@scorers": "spacy.senter_scorer.v1"},
    },
)
def make_sentencizer(
    nlp: Language,
    name: str,
    punct_chars: list[str] | None,
    overwrite: bool,
    scorer: Callable[..., Any] | None,
) -> ArraySentencizer:
    return ArraySentencizer(name, punct_chars=punct_chars, overwrite=overwrite, scorer=scorer)
