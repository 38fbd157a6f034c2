"""Phrase matching on lookup lemmas, with ``*`` for any single token.

We key every token by the lowercase lemma from spaCy's lookup table (falling back to the
pipeline's own lemma, then the lowercase form). Keying text and patterns with the same function
makes inflections match ("wiped off the map" ~ "wipe off the map") in both pipeline tiers, which a
``PhraseMatcher`` on ``LEMMA`` cannot do: lookup lemmas keep the case of capitalised words.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TypeVar

if TYPE_CHECKING:
    from spacy.tokens import Doc

WILDCARD = "*"
SKIP = ""
PARAGRAPH_BREAK = "\n\n"
Payload = TypeVar("Payload")


class LemmaKeys:
    """Turns tokens into match keys with one lookup table shared by text and patterns."""

    def __init__(self, table: Any) -> None:
        self._table = table

    def of_doc(self, doc: Doc) -> list[str]:
        """One key per token. Whitespace inside a paragraph (a line wrapped mid-sentence) gets
        the empty key, which matching skips; a blank line gets a key no pattern has."""
        from spacy.attrs import IS_SPACE, LEMMA, LOWER

        table = self._table
        strings = doc.vocab.strings
        keys = []
        # Attribute arrays instead of Token objects: building a Token per word is the largest
        # single cost of the rules tier on long speeches.
        for index, (lower, lemma, space) in enumerate(
            doc.to_array([LOWER, LEMMA, IS_SPACE]).tolist()
        ):
            if space:
                keys.append(PARAGRAPH_BREAK if doc[index].text.count("\n") > 1 else SKIP)
                continue
            key = table.get(lower)
            if key is None:
                key = strings[lemma].lower() if lemma else strings[lower]
            keys.append(key)
        return keys

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


class PhraseIndex(Generic[Payload]):
    """All patterns, indexed by their first key so a doc is scanned once."""

    def __init__(self) -> None:
        self._by_first: dict[str, list[tuple[tuple[str | None, ...], Payload]]] = defaultdict(list)

    def add(self, keys: tuple[str | None, ...], payload: Payload) -> None:
        if not keys or keys[0] is None:
            raise ValueError("a pattern may not be empty or start with '*'")
        self._by_first[keys[0]].append((keys, payload))

    def find(self, keys: Sequence[str]) -> Iterator[Match[Payload]]:
        """Matches as token ranges of the doc; skipped (whitespace) keys are stepped over."""
        by_first = self._by_first
        positions = [i for i, key in enumerate(keys) if key != SKIP]
        compact = [keys[i] for i in positions]
        total = len(compact)
        for start, key in enumerate(compact):
            candidates = by_first.get(key)
            if not candidates:
                continue
            for pattern, payload in candidates:
                end = start + len(pattern)
                if end > total:
                    continue
                if all(p is None or p == compact[start + i] for i, p in enumerate(pattern)):
                    yield Match(positions[start], positions[end - 1] + 1, payload)
