"""The rules tier's lemmatizer: spaCy's lookup lemmatizer, without its start-up cost.

spaCy's ``lemmatizer`` in ``lookup`` mode reads ``en_lemma_lookup`` from spacy-lookups-data into
a ``Lookups`` table — an OrderedDict with a Bloom filter, filled one Python call per entry —
after scanning entry points and importing the data package's file index. That is about 0.1 s,
a tenth of spaCy's own start-up and the largest single cost a pre-commit hook paid on top of
it. This component reads the same file into a plain dict (about 0.02 s) and assigns exactly what
the lookup lemmatizer assigns, ``table.get(token.text, token.text)``, to tokens without a lemma
(``tests/test_startup.py`` compares the two on a real speech). It exposes the table through a
``lookups`` with ``has_table``/``get_table`` so code that reads spaCy's lemmatizer reads it too.
"""

from __future__ import annotations

import gzip
import importlib.util
import json
from functools import cache
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.strings import StringStore
from spacy.tokens import Doc

TABLE = "lemma_lookup"


def lookup_file(lang: str = "en", table: str = TABLE) -> Path | None:
    """The file of one of spacy-lookups-data's tables (plain or gzipped JSON)."""
    spec = importlib.util.find_spec("spacy_lookups_data")
    if spec is None or not spec.submodule_search_locations:
        return None
    plain = Path(next(iter(spec.submodule_search_locations))) / "data" / f"{lang}_{table}.json"
    packed = plain.with_name(plain.name + ".gz")
    return plain if plain.is_file() else packed if packed.is_file() else None


@cache
def lookup_table(lang: str = "en", table: str = TABLE) -> dict[str, Any]:
    """One of spacy-lookups-data's tables as plain JSON data (empty if not installed); read
    directly, because spaCy's ``Lookups`` fills a Bloom-filtered table one call per entry."""
    path = lookup_file(lang, table)
    if path is None:
        return {}
    raw = path.read_bytes()
    return json.loads(gzip.decompress(raw) if path.suffix == ".gz" else raw)


def lemma_lookup(lang: str = "en") -> dict[str, str]:
    """spacy-lookups-data's lookup table for ``lang`` as a plain dict (empty if not installed)."""
    return lookup_table(lang, TABLE)


class LemmaTable:
    """Read access like ``spacy.lookups.Table``: a key is a string or its hash in the vocab's
    StringStore (``token.lower``), which is resolved to the string."""

    def __init__(self, table: dict[str, str], strings: StringStore) -> None:
        self._table = table
        self._strings = strings

    def get(self, key: str | int, default: str | None = None) -> str | None:
        if isinstance(key, int):
            if key not in self._strings:
                return default
            key = self._strings[key]
        return self._table.get(key, default)

    def __contains__(self, key: str | int) -> bool:
        return self.get(key) is not None


class _Lookups:
    """The part of ``spacy.lookups.Lookups`` that readers of a lemmatizer use."""

    def __init__(self, table: LemmaTable) -> None:
        self._table = table

    def has_table(self, name: str) -> bool:
        return name == TABLE

    def get_table(self, name: str, default: object = None) -> object:
        return self._table if name == TABLE else default


class LookupLemmatizer:
    """Sets ``token.lemma_`` from the lookup table, like spaCy's lemmatizer in lookup mode."""

    def __init__(self, table: dict[str, str], strings: StringStore) -> None:
        self.table = table
        self.lookups = _Lookups(LemmaTable(table, strings))
        self._lemma_of: dict[int, int] = {}

    def __call__(self, doc: Doc) -> Doc:
        """Works on attribute arrays, with one table lookup per distinct word: setting
        ``lemma_`` token by token built a Token object per word, the rules tier's largest cost."""
        import numpy as np
        from spacy.attrs import LEMMA, ORTH

        if not len(doc):
            return doc
        attrs = doc.to_array([ORTH, LEMMA])
        orths, orth_at = np.unique(attrs[:, 0], return_inverse=True)
        strings = doc.vocab.strings
        distinct = orths.tolist()
        lemmas_known = list(map(self._lemma_of.get, distinct))  # no Python call per known word
        if None in lemmas_known:
            lemmas_known = [
                self._learn(orth, strings) if lemma is None else lemma
                for orth, lemma in zip(distinct, lemmas_known, strict=True)
            ]
        looked_up = np.array(lemmas_known, dtype=np.uint64)
        lemmas = np.where(attrs[:, 1] == 0, looked_up[orth_at], attrs[:, 1])
        doc.from_array([LEMMA], lemmas.reshape(-1, 1))
        return doc

    def _learn(self, orth: int, strings: StringStore) -> int:
        text = strings[orth]
        self._lemma_of[orth] = lemma = strings.add(self.table.get(text, text))
        return lemma


@Language.factory("framing_lookup_lemmatizer", assigns=["token.lemma"])
def make_lookup_lemmatizer(nlp: Language, name: str) -> LookupLemmatizer:
    return LookupLemmatizer(lemma_lookup(nlp.lang), nlp.vocab.strings)
