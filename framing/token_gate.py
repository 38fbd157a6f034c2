"""Run spaCy's token ``Matcher`` only on the sentences where one of its patterns could match.

The Matcher walks every token of a doc through every pattern; with the few token patterns the
lexicons hold, that cost more than all phrase matching on long speeches. Each pattern needs some
words (a token spec with ``LOWER`` or ``ORTH``/``TEXT`` values that may not be skipped), so a
sentence lacking any of them cannot match. Finding those sentences is a few vectorised
membership tests on the doc's ``LOWER`` array; matches cannot cross a sentence boundary.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.matcher import Matcher
    from spacy.tokens import Doc, Span
    from spacy.vocab import Vocab

OPTIONAL_OPS = ("?", "*", "!")
Requirement = tuple[int, ...]


def _may_be_skipped(spec: dict[str, Any]) -> bool:
    op = str(spec.get("OP", ""))
    if op in OPTIONAL_OPS:
        return True
    return op.startswith("{") and op[1:].split(",")[0].strip() in ("", "0")


def _words(spec: dict[str, Any]) -> list[str] | None:
    """The lowercase words a spec accepts, or None when it accepts open-ended tokens."""
    for attr in ("LOWER", "ORTH", "TEXT"):
        value = spec.get(attr)
        if isinstance(value, str):
            return [value.lower()]
        if isinstance(value, dict) and set(value) == {"IN"}:
            return [str(v).lower() for v in value["IN"]]
    return None


def requirements(pattern: Sequence[dict[str, Any]], vocab: Vocab) -> list[Requirement]:
    """For each spec a match cannot skip, the LOWER hashes of the words it accepts."""
    needed = []
    for spec in pattern:
        words = None if _may_be_skipped(spec) else _words(spec)
        if words:
            needed.append(tuple(vocab.strings.add(w) for w in words))
    return needed


class GatedMatcher:
    """A ``Matcher`` plus what each of its patterns needs, to skip sentences it cannot match."""

    def __init__(self, matcher: Matcher, patterns: Iterable[Sequence[dict[str, Any]]]) -> None:
        self.matcher = matcher
        vocab = matcher.vocab
        self._patterns = [requirements(pattern, vocab) for pattern in patterns]

    def candidate_sentences(
        self, doc: Doc, sentence_of: Sequence[int], count: int
    ) -> Iterable[int]:
        """Sentences that hold at least one word of every unskippable spec of some pattern."""
        import numpy as np
        from spacy.attrs import LOWER

        lowers = doc.to_array(LOWER)
        sentence_ids = np.asarray(sentence_of)
        cache: dict[Requirement, set[int]] = {}
        possible: set[int] = set()
        for needed in self._patterns:
            sentences: set[int] | None = None
            for words in needed:
                if words not in cache:
                    found = np.isin(lowers, np.asarray(words, dtype=np.uint64))
                    cache[words] = set(sentence_ids[found].tolist())
                sentences = cache[words] if sentences is None else sentences & cache[words]
                if not sentences:
                    break
            if sentences is None:
                return range(count)
            possible |= sentences
        return sorted(possible)

    def __call__(
        self, doc: Doc, sentences: Sequence[Span], sentence_of: Sequence[int]
    ) -> Iterator[tuple[int, int, int]]:
        """``(match_id, start, end)`` in doc token offsets, sentence by sentence."""
        for number in self.candidate_sentences(doc, sentence_of, len(sentences)):
            sentence = sentences[number]
            for match_id, start, end in self.matcher(sentence):
                yield match_id, sentence.start + start, sentence.start + end
