"""Phrase matching on lookup lemmas, with ``*`` for any single token.

We key every token by the lowercase lemma from spaCy's lookup table (see :class:`LemmaKeys`).
Keying text and patterns with the same function makes inflections match ("wiped off the map" ~
"wipe off the map") in both pipeline tiers alike, which a ``PhraseMatcher`` on ``LEMMA`` cannot
do: lookup lemmas keep the case of capitalised words, and trained lemmatizers differ.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TypeVar

if TYPE_CHECKING:
    from spacy.tokens import Doc

WILDCARD = "*"
SKIP = ""
PARAGRAPH_BREAK = "\n\n"
ALONE = SKIP  # an anchor without a following word (no pattern or text key is empty)
Payload = TypeVar("Payload")


Layout = tuple[list[int], list[str], dict[str, list[int]]]


class DocKeys(list[str]):
    """One key per token of a doc, plus ``layout``: where each key stands among the tokens
    matching reads (whitespace keys skipped) — the token index of each read key, the read
    keys, and their positions by key. Built once per doc by :meth:`LemmaKeys.of_doc` and
    shared by every index that searches it, so a search costs what it finds, not the length of
    the speech."""

    def __init__(self, keys: Iterable[str], layout: Layout) -> None:
        super().__init__(keys)
        self.layout = layout


class LemmaKeys:
    """Turns words into match keys with one lookup table shared by text and patterns.

    A word's key is the table's lemma of its lowercase form, else of the word as written
    ("Americans" is in the table only capitalised), else the lowercase word. The pipeline's own
    lemmas are not used: a trained lemmatizer makes "us" "we" and "him" "he", which no pattern
    written "pressure on us" would match, and the two tiers would read a text differently.
    """

    def __init__(self, table: Any) -> None:
        self._table = table
        # Per distinct ORTH hash the number of its key; every key gets a number, so a doc's
        # keys can be sorted and grouped by numpy instead of a Python loop over its tokens.
        self._by_orth: dict[int, int] = {}
        self._ids: dict[str, int] = {}
        self._names: list[str] = []
        self._names_array: Any = None

    def key(self, text: str) -> str:
        lower = text.lower()
        return self._table.get(lower) or (self._table.get(text) or text).lower()

    def _id(self, key: str) -> int:
        number = self._ids.get(key)
        if number is None:
            number = self._ids[key] = len(self._names)
            self._names.append(key)
        return number

    def _orth_id(self, orth: int, strings: Any) -> int:
        number = self._by_orth.get(orth)
        if number is None:
            number = self._by_orth[orth] = self._id(self.key(strings[orth]))
        return number

    def of_doc(self, doc: Doc) -> DocKeys:
        """One key per token. Whitespace inside a paragraph (a line wrapped mid-sentence) gets
        the empty key, which matching skips; a blank line gets a key no pattern has.

        Works on attribute arrays with one lookup per distinct word: building a Token, or even
        a Python tuple, per word was the largest single cost of the rules tier on long speeches.
        """
        import numpy as np
        from spacy.attrs import IS_SPACE, ORTH

        if not len(doc):
            return DocKeys((), ([], [], {}))
        strings = doc.vocab.strings
        attrs = doc.to_array([ORTH, IS_SPACE])
        orths, orth_at = np.unique(attrs[:, 0], return_inverse=True)
        ids = np.array([self._orth_id(h, strings) for h in orths.tolist()])[orth_at.reshape(-1)]
        spaces = np.flatnonzero(attrs[:, 1]).tolist()
        breaks = [i for i in spaces if doc[i].text.count("\n") > 1]
        ids[spaces] = self._id(SKIP)
        ids[breaks] = self._id(PARAGRAPH_BREAK)
        if self._names_array is None or len(self._names_array) != len(self._names):
            self._names_array = np.array(self._names, dtype=object)
        names = self._names_array
        return DocKeys(names[ids].tolist(), self._layout(ids, names))

    def _layout(self, ids: Any, names: Any) -> Layout:
        """``DocKeys.layout`` by sorting the key numbers of the tokens matching reads."""
        import numpy as np

        positions = np.flatnonzero(ids != self._id(SKIP))
        read = ids[positions]
        order = np.argsort(read, kind="stable")
        ranked = read[order]
        cuts = np.flatnonzero(np.diff(ranked)) + 1
        bounds = [0, *cuts.tolist(), len(ranked)]
        firsts = names[ranked[bounds[:-1]]].tolist() if len(ranked) else []
        indexes = order.tolist()
        # map/zip keep the per-key work in C: one slice of the sorted positions per key.
        runs = map(indexes.__getitem__, map(slice, bounds, bounds[1:]))
        where = dict(zip(firsts, runs, strict=False))
        return positions.tolist(), names[read].tolist(), where

    def of_phrase(self, tokens: Sequence[str]) -> tuple[str | None, ...]:
        return tuple(None if text == WILDCARD else self.key(text) for text in tokens)


@dataclass(frozen=True)
class Match(Generic[Payload]):
    """A pattern found at tokens ``start:end`` of a doc."""

    start: int
    end: int
    payload: Payload


@dataclass(frozen=True)
class _Pattern(Generic[Payload]):
    keys: tuple[str | None, ...]
    anchor: int
    order: int
    payload: Payload
    # The keys as a list when there is no wildcard: compared with one C-level slice comparison.
    literal: list[str] | None

    def matches(self, compact: list[str], start: int) -> bool:
        if self.literal is not None:
            return compact[start : start + len(self.literal)] == self.literal
        return all(p is None or p == compact[start + i] for i, p in enumerate(self.keys))


def _anchor(keys: tuple[str | None, ...]) -> tuple[int, str]:
    """Where a pattern is looked up from: the pair of adjacent words with the most letters (two
    words together are rare even when each is common: "nuclear" is everywhere in a UN speech,
    "nuclear button" is not), else its longest word. Returns the index and the second key of
    the pair, or ``ALONE``."""
    pairs = [i for i in range(len(keys) - 1) if keys[i] is not None and keys[i + 1] is not None]
    if pairs:
        best = max(pairs, key=lambda i: len(keys[i] or "") + len(keys[i + 1] or ""))
        return best, keys[best + 1] or ALONE
    words = [i for i, key in enumerate(keys) if key is not None]
    return max(words, key=lambda i: len(keys[i] or "")), ALONE


class PhraseIndex(Generic[Payload]):
    """All patterns, indexed by an anchor — a word and the word after it, or a word alone — so
    a search tries each pattern only where its rarest stretch of words stands, not at every
    "in", "the" or "nuclear" of a speech."""

    def __init__(self) -> None:
        self._by_anchor: dict[str, dict[str, list[_Pattern[Payload]]]] = defaultdict(
            lambda: defaultdict(list)
        )
        self._count = 0

    def add(self, keys: tuple[str | None, ...], payload: Payload) -> None:
        if not keys or keys[0] is None:
            raise ValueError("a pattern may not be empty or start with '*'")
        anchor, following = _anchor(keys)
        literal = None if None in keys else [key or "" for key in keys]
        pattern = _Pattern(keys, anchor, self._count, payload, literal)
        self._by_anchor[keys[anchor] or ""][following].append(pattern)
        self._count += 1

    def find(self, keys: DocKeys) -> list[Match[Payload]]:
        """Matches as token ranges of the doc, in order of start (then of ``add``); skipped
        (whitespace) keys are stepped over."""
        positions, compact, where = keys.layout
        total = len(compact)
        found: list[tuple[int, int, Match[Payload]]] = []
        for word in self._by_anchor.keys() & where.keys():
            followers = self._by_anchor[word]
            alone = followers.get(ALONE, ())
            for seen in where[word]:
                paired = followers.get(compact[seen + 1], ()) if seen + 1 < total else ()
                for pattern in (*alone, *paired):
                    start = seen - pattern.anchor
                    end = start + len(pattern.keys)
                    if start < 0 or end > total or not pattern.matches(compact, start):
                        continue
                    match = Match(positions[start], positions[end - 1] + 1, pattern.payload)
                    found.append((start, pattern.order, match))
        found.sort(key=lambda item: item[:2])
        return [match for _, _, match in found]
