"""Phrase matching on lookup lemmas, with ``*`` for any single token.

We key every token by the lowercase lemma from spaCy's lookup table (see :class:`LemmaKeys`).
Keying text and patterns with the same function makes inflections match ("wiped off the map" ~
"wipe off the map") in both pipeline tiers alike, which a ``PhraseMatcher`` on ``LEMMA`` cannot
do: lookup lemmas keep the case of capitalised words, and trained lemmatizers differ.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Container, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, TypeVar

if TYPE_CHECKING:
    from spacy.tokens import Doc

WILDCARD = "*"
SKIP = ""
PARAGRAPH_BREAK = "\n\n"
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
        distinct = orths.tolist()
        numbers = list(map(self._by_orth.get, distinct))  # known words without a Python call
        if None in numbers:
            numbers = [self._orth_id(h, strings) for h in distinct]
        ids = np.array(numbers)[orth_at.reshape(-1)]
        spaces = np.flatnonzero(attrs[:, 1])
        breaks = [
            i
            for i, orth in zip(spaces.tolist(), attrs[spaces, 0].tolist(), strict=True)
            if strings[orth].count("\n") > 1
        ]
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


def is_common(word: str, common: Container[str]) -> bool:
    """A word found in most sentences: one of ``common`` (stop words), or punctuation."""
    return word in common or not any(c.isalnum() for c in word)


def _anchor(keys: tuple[str | None, ...], common: Container[str]) -> tuple[int, int]:
    """Where a pattern is looked up from: its rarest word, and the rarer of the words next to it
    (two words together are rare even when each is common: "nuclear" is everywhere in a UN
    speech, "nuclear button" is not). Rarer means a word (not punctuation) that is not
    ``common``, then longer: a pattern looked up at "the" of "end to the war" was tried at every
    "the". Returns the index of the looked-up word and where its neighbour stands from it (1
    after, -1 before, 0 for none)."""

    def rarity(i: int) -> tuple[bool, int]:
        key = keys[i] or ""
        return not is_common(key, common), len(key)

    words = [i for i, key in enumerate(keys) if key is not None]
    anchor = max(words, key=rarity)
    neighbours = [i for i in (anchor - 1, anchor + 1) if 0 <= i < len(keys) and keys[i] is not None]
    if not neighbours:
        return anchor, 0
    return anchor, max(neighbours, key=rarity) - anchor


@dataclass
class _Anchored(Generic[Payload]):
    """The patterns looked up from one word: alone, or by the word after or before it."""

    alone: list[_Pattern[Payload]] = field(default_factory=list)
    after: dict[str, list[_Pattern[Payload]]] = field(default_factory=dict)
    before: dict[str, list[_Pattern[Payload]]] = field(default_factory=dict)


class PhraseIndex(Generic[Payload]):
    """All patterns, indexed by an anchor — a word and the word next to it, or a word alone — so
    a search tries each pattern only where its rarest stretch of words stands, not at every
    "in", "the" or "nuclear" of a speech."""

    def __init__(self, common: Container[str] = frozenset()) -> None:
        """``common``: keys of words too frequent to look a pattern up from ("the", "be")."""
        self._common = common
        self._by_anchor: dict[str, _Anchored[Payload]] = defaultdict(_Anchored)
        self._count = 0

    def add(self, keys: tuple[str | None, ...], payload: Payload) -> None:
        if not keys or keys[0] is None:
            raise ValueError("a pattern may not be empty or start with '*'")
        anchor, step = _anchor(keys, self._common)
        literal = None if None in keys else [key or "" for key in keys]
        pattern = _Pattern(keys, anchor, self._count, payload, literal)
        anchored = self._by_anchor[keys[anchor] or ""]
        if step == 0:
            anchored.alone.append(pattern)
        else:
            by_neighbour = anchored.after if step == 1 else anchored.before
            by_neighbour.setdefault(keys[anchor + step] or "", []).append(pattern)
        self._count += 1

    def find(self, keys: DocKeys) -> list[Match[Payload]]:
        """Matches as token ranges of the doc, in order of start (then of ``add``); skipped
        (whitespace) keys are stepped over."""
        positions, compact, where = keys.layout
        total = len(compact)
        found: list[tuple[int, int, Match[Payload]]] = []
        nothing: list[_Pattern[Payload]] = []
        for word in self._by_anchor.keys() & where.keys():
            anchored = self._by_anchor[word]
            alone, after, before = anchored.alone, anchored.after, anchored.before
            for seen in where[word]:
                tried = alone
                if after and seen + 1 < total:
                    tried = tried + after.get(compact[seen + 1], nothing)
                if before and seen:
                    tried = tried + before.get(compact[seen - 1], nothing)
                for pattern in tried:
                    start = seen - pattern.anchor
                    end = start + len(pattern.keys)
                    if start < 0 or end > total or not pattern.matches(compact, start):
                        continue
                    match = Match(positions[start], positions[end - 1] + 1, pattern.payload)
                    found.append((start, pattern.order, match))
        found.sort(key=lambda item: item[:2])
        return [match for _, _, match in found]
