"""Phrase matching on lookup lemmas, with ``*`` for any single token.

We key every token by the lowercase lemma from spaCy's lookup table (falling back to the
pipeline's own lemma, then the lowercase form). Keying text and patterns with the same function
makes inflections match ("wiped off the map" ~ "wipe off the map") in both pipeline tiers, which a
``PhraseMatcher`` on ``LEMMA`` cannot do: lookup lemmas keep the case of capitalised words.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any, Generic, TypeVar

if TYPE_CHECKING:
    from spacy.tokens import Doc

WILDCARD = "*"
SKIP = ""
PARAGRAPH_BREAK = "\n\n"
Payload = TypeVar("Payload")


class DocKeys(list[str]):
    """One key per token of a doc, plus where each key stands among the tokens matching reads
    (whitespace keys skipped). Built once per doc and shared by every index that searches it, so
    a search costs what it finds, not the length of the speech."""

    @cached_property
    def layout(self) -> tuple[list[int], list[str], dict[str, list[int]]]:
        """Token index of each read key, the read keys, and their positions by key."""
        positions = [i for i, key in enumerate(self) if key != SKIP]
        compact = [self[i] for i in positions]
        where: dict[str, list[int]] = defaultdict(list)
        for index, key in enumerate(compact):
            where[key].append(index)
        return positions, compact, where


class LemmaKeys:
    """Turns tokens into match keys with one lookup table shared by text and patterns."""

    def __init__(self, table: Any) -> None:
        self._table = table
        # Keys by (LOWER, LEMMA) hash: a corpus repeats its words, and a StringStore plus table
        # lookup for each token was most of the cost of reading a doc.
        self._known: dict[tuple[int, int], str] = {}

    def of_doc(self, doc: Doc) -> DocKeys:
        """One key per token. Whitespace inside a paragraph (a line wrapped mid-sentence) gets
        the empty key, which matching skips; a blank line gets a key no pattern has."""
        from spacy.attrs import IS_SPACE, LEMMA, LOWER

        # Attribute arrays instead of Token objects: building a Token per word is the largest
        # single cost of the rules tier on long speeches.
        attrs = doc.to_array([LOWER, LEMMA, IS_SPACE])
        known = self._known
        keys = DocKeys(
            known.get(word) or self._learn(word, doc)
            for word in zip(attrs[:, 0].tolist(), attrs[:, 1].tolist(), strict=True)
        )
        for index in attrs[:, 2].nonzero()[0].tolist():
            keys[index] = PARAGRAPH_BREAK if doc[index].text.count("\n") > 1 else SKIP
        return keys

    def _learn(self, word: tuple[int, int], doc: Doc) -> str:
        lower, lemma = word
        strings = doc.vocab.strings
        key = self._table.get(lower) or (strings[lemma].lower() if lemma else strings[lower])
        self._known[word] = key
        return key

    def of_phrase(self, tokens: Sequence[str]) -> tuple[str | None, ...]:
        out: list[str | None] = []
        for text in tokens:
            if text == WILDCARD:
                out.append(None)
            else:
                lower = text.lower()
                out.append(self._table.get(lower) or lower)
        return tuple(out)


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


class PhraseIndex(Generic[Payload]):
    """All patterns, each indexed by one anchor key: its longest literal word, a cheap stand-in
    for its rarest ("event" in "in the event that"), so a doc's "in"s and "the"s are not each
    tried against every pattern that starts with them."""

    def __init__(self) -> None:
        self._by_anchor: dict[str, list[_Pattern[Payload]]] = defaultdict(list)
        self._count = 0

    def add(self, keys: tuple[str | None, ...], payload: Payload) -> None:
        if not keys or keys[0] is None:
            raise ValueError("a pattern may not be empty or start with '*'")
        anchor = max(
            (i for i, key in enumerate(keys) if key is not None), key=lambda i: len(keys[i] or "")
        )
        pattern = _Pattern(keys, anchor, self._count, payload)
        self._by_anchor[keys[anchor] or ""].append(pattern)
        self._count += 1

    def find(self, keys: Sequence[str]) -> list[Match[Payload]]:
        """Matches as token ranges of the doc, in order of start (then of ``add``); skipped
        (whitespace) keys are stepped over."""
        positions, compact, where = (keys if isinstance(keys, DocKeys) else DocKeys(keys)).layout
        total = len(compact)
        found: list[tuple[int, int, Match[Payload]]] = []
        for anchor in self._by_anchor.keys() & where.keys():
            for pattern in self._by_anchor[anchor]:
                size = len(pattern.keys)
                for seen in where[anchor]:
                    start = seen - pattern.anchor
                    end = start + size
                    if start < 0:
                        continue
                    if end > total:
                        break
                    if all(
                        p is None or p == compact[start + i] for i, p in enumerate(pattern.keys)
                    ):
                        match = Match(positions[start], positions[end - 1] + 1, pattern.payload)
                        found.append((start, pattern.order, match))
        found.sort(key=lambda item: item[:2])
        return [match for _, _, match in found]
