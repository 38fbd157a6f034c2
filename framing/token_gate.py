"""Run spaCy's token ``Matcher`` only on the sentences where one of its patterns could match.

The Matcher walks every token of a doc through every pattern; with the few token patterns the
lexicons hold, that cost more than all phrase matching on long speeches. Each pattern needs some
words (a token spec with ``LOWER`` or ``ORTH``/``TEXT`` values that may not be skipped), so a
sentence lacking any of them cannot match. Finding those sentences is one vectorised
membership test on the doc's ``LOWER`` array, then one per requirement (rarest first, most
patterns stop at their first) over the tokens it found; matches cannot cross a sentence
boundary.
"""

from __future__ import annotations

from collections.abc import Container, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from framing.arrays import is_in, sorted_set
from framing.matching import is_common

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

    def __init__(
        self,
        matcher: Matcher,
        patterns: Iterable[Sequence[dict[str, Any]]],
        common: Container[str] = frozenset(),
    ) -> None:
        """``common``: words (lowercase) found in most sentences ("and", "to"): a pattern's
        requirements are tested rarest first, so those are rarely looked for at all."""
        self.matcher = matcher
        vocab = matcher.vocab

        def frequent(words: Requirement) -> bool:
            return any(is_common(vocab.strings[word], common) for word in words)

        self._patterns = [
            sorted(requirements(pattern, vocab), key=frequent) for pattern in patterns
        ]
        self._unconditional = any(not needed for needed in self._patterns)
        needed_words = {word for needed in self._patterns for words in needed for word in words}
        self._all_words = sorted_set(needed_words)

    def candidate_sentences(self, doc: Doc, sentence_starts: Sequence[int]) -> Iterable[int]:
        """Sentences that hold at least one word of every unskippable spec of some pattern."""
        import numpy as np
        from spacy.attrs import LOWER

        if self._unconditional:
            return range(len(sentence_starts))
        # One pass over the doc for every word any pattern needs; the rest is on those tokens.
        lowers = doc.to_array(LOWER)
        found = np.flatnonzero(is_in(lowers, self._all_words))
        if not len(found):
            return []
        # The sentences each needed word stands in, grouped by one sort; a requirement's set
        # is built only when a pattern gets that far.
        order = np.argsort(lowers[found], kind="stable")
        words = lowers[found][order]
        cuts = [0, *(np.flatnonzero(np.diff(words)) + 1).tolist(), len(words)]
        sentence_of = (np.searchsorted(sentence_starts, found[order], side="right") - 1).tolist()
        runs = map(sentence_of.__getitem__, map(slice, cuts, cuts[1:]))
        by_word = dict(zip(words[cuts[:-1]].tolist(), runs, strict=False))
        cache: dict[Requirement, set[int]] = {}
        possible: set[int] = set()
        for needed in self._patterns:
            sentences: set[int] | None = None
            for requirement in needed:
                if requirement not in cache:
                    cache[requirement] = set().union(*(by_word.get(w, ()) for w in requirement))
                held = cache[requirement]
                sentences = held if sentences is None else sentences & held
                if not sentences:
                    break
            possible |= sentences or set()
        return sorted(possible)

    def __call__(self, doc: Doc, sentences: Sequence[Span]) -> Iterator[tuple[int, int, int]]:
        """``(match_id, start, end)`` in doc token offsets, sentence by sentence."""
        starts = [sentence.start for sentence in sentences]
        for number in self.candidate_sentences(doc, starts):
            sentence = sentences[number]
            for match_id, start, end in self.matcher(sentence):
                yield match_id, sentence.start + start, sentence.start + end
