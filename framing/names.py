"""Guess the personal names that the targets lexicon does not list, without a recogniser.

Threats and insults against leaders outside the lexicon ("the Mugabe regime", "contain
Saddam", "the dictator Maduro") were invisible to the rules tier, which has no named-entity
recogniser. A name here is a run of capitalised words ("Saddam Hussein", "Bashar Al-Assad",
"Osama bin Laden") in which at least one word is not English and none is a place, people,
movement or institution (``lexicons/not_names.toml``: "the Kyiv regime" names no person).

"Not English" means: not in TextBlob's spelling word list (30,000 words from public-domain
books), not a word form of spaCy's lemma lookup table, not a stop word, not written in lower case
elsewhere in the same document ("Denuclearization" at the head of a sentence is a word because
"denuclearization" appears later), and not built with a suffix names do not have
("Multilateralism", "Secondly"). English words before the first foreign one are titles or
sentence openers ("President Maduro", "Today Maduro") and are left out of the name; those after
it belong to it ("Osama bin Laden"). Names made only of English words ("Bush", "Moon", "Pol
Pot") are left to the targets lexicon; so are all-capital words and hashtags.
"""

from __future__ import annotations

import importlib.util
from functools import cache, cached_property
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable, Collection, Container, Mapping, Sequence

    from spacy.tokens import Doc, Token

    from framing.matching import Layout

# Lower-case words that join the parts of a name ("Osama bin Laden", "Charles de Gaulle").
PARTICLES = frozenset({"bin", "ibn", "al", "el", "de", "da", "del", "van", "von", "la", "le", "du"})
# Demonyms and their plurals ("Tibetan", "Palestinians", "Chinese", "Hitlerites").
DEMONYM_SUFFIXES = ("ian", "ians", "ean", "eans", "ese", "ite", "ites")
# Prefixes that make an adjective of a name ("Anti-Assad forces").
PREFIXES = frozenset({"anti", "pro", "post", "pre", "non", "neo", "ex", "pan", "counter"})
WORD_SUFFIXES = (
    "ization", "isation", "ism", "ist", "ists", "tion", "tions", "sion", "ment", "ments",
    "ness", "ity", "ship", "ology", "ological", "ically", "ative", "izing", "ized", "ised", "ly",
    "ial", "ical", "ive", "ous", "ful", "less", "able", "ible", "phobic", "phobia", "philic",
)  # fmt: skip
ENGLISH, FOREIGN, NOT_A_NAME = 0, 1, 2


@cache
def spelling_words() -> frozenset[str]:
    """TextBlob's spelling word list (``en-spelling.txt``), read without importing TextBlob;
    empty if it is not installed. Its counts and comment marks come along with the words (a
    plain split is twice as fast as parsing the lines, which a pre-commit hook notices); only
    alphabetic words are ever looked up."""
    spec = importlib.util.find_spec("textblob")
    if spec is None or not spec.submodule_search_locations:
        return frozenset()
    path = Path(next(iter(spec.submodule_search_locations))) / "en" / "en-spelling.txt"
    try:
        return frozenset(path.read_text(encoding="utf-8").split())
    except OSError:
        return frozenset()


class NameGuesser:
    """Finds probable personal names in a Doc; built once per compiled lexicon."""

    def __init__(
        self,
        lemma_table: Mapping[str, str],
        english: Callable[[], Sequence[Container[str]]],
        not_names: Collection[str],
    ) -> None:
        self._forms = lemma_table
        self._english_lists = english
        self._not_names = frozenset(not_names)
        self._class_of: dict[str, int] = {}

    @cached_property
    def _english(self) -> Sequence[Container[str]]:
        """The word lists, read at the first word to classify (a pre-commit hook that meets
        no threat never reads them)."""
        return self._english_lists()

    @cached_property
    def _lemmas(self) -> frozenset[str]:
        """Base forms of the lemma table; built at the first word the other lists lack (a
        pre-commit hook pays for what it uses)."""
        return frozenset(self._forms.values())

    def _kind(self, lower: str) -> int:
        found = self._class_of.get(lower)
        if found is None:
            found = self._class_of[lower] = self._classify(lower)
        return found

    def _is_foreign(self, lower: str) -> bool:
        return self._kind(lower) == FOREIGN

    def names_a_place_or_group(self, words: Sequence[str]) -> bool:
        """Whether a word of a would-be name is a place, people or institution of the
        not-names pack: a trained recogniser's PERSON "Russophobic Kyiv" is no person."""
        return any(self._kind(word.lower()) == NOT_A_NAME for word in words)

    def _classify(self, lower: str) -> int:
        if not lower.isalpha():
            return ENGLISH  # numbers and punctuation: not a name, and not worth a look
        if lower in self._not_names or lower.endswith(DEMONYM_SUFFIXES):
            return NOT_A_NAME
        if lower.endswith("s") and lower[:-1] in self._not_names:
            return NOT_A_NAME
        if lower in self._forms or any(lower in words for words in self._english):
            return ENGLISH
        if lower.endswith(WORD_SUFFIXES):
            return ENGLISH
        return ENGLISH if lower in self._lemmas else FOREIGN

    def spans(self, doc: Doc, layout: Layout) -> list[tuple[int, int]]:
        """Token ranges ``(start, end)`` of probable personal names, in order. ``layout`` is
        the doc's ``DocKeys.layout`` (where each match key stands): a foreign word is found from
        its key, so the work is per distinct word, not per token. Without a word list or a
        not-names pack (``builtin_lexicons=False`` and none given) it guesses nothing: it could
        not tell "Korea" from "Maduro"."""
        if not self._forms or not self._not_names:
            return []
        positions, _, where = layout
        seeds: list[int] = []
        for key, indexes in where.items():
            if self._kind(key) != FOREIGN:
                continue
            tokens = [doc[positions[i]] for i in indexes]
            if not any(token.is_lower for token in tokens):
                seeds.extend(token.i for token in tokens if _capitalised(token))
        if not seeds:
            return []
        seeds.sort()
        found_spans: list[tuple[int, int]] = []
        for seed in seeds:
            if found_spans and seed < found_spans[-1][1]:
                continue
            end = seed + 1
            while (
                seed >= 2
                and _hyphenated(doc, seed - 2)
                and _capitalised(doc[seed - 2])
                and doc[seed - 2].lower_ not in PREFIXES
            ):
                seed -= 2  # "Al-Assad": the capitalised part before the hyphen belongs to it
            while (step := _next_word(doc, end - 1, self._is_foreign)) is not None:
                end = step + 1
            if all(self._kind(doc[i].lower_) != NOT_A_NAME for i in range(seed, end)):
                found_spans.append((seed, end))
        return found_spans


def _capitalised(token: Token) -> bool:
    return token.is_title and token.is_alpha


def _hyphenated(doc: Doc, index: int) -> bool:
    """Whether the token at ``index`` is joined to the one after next by a hyphen written
    without spaces."""
    if index + 1 >= len(doc):
        return False
    joiner = doc[index + 1]
    return joiner.text == "-" and not doc[index].whitespace_ and not joiner.whitespace_


def _next_word(doc: Doc, index: int, foreign: Callable[[str], bool]) -> int | None:
    """The next word of a name after ``index``: adjacent and capitalised, or after a hyphen
    written without spaces ("Al-Assad", and in lower case if it is not English: "Chiang
    Kai-shek", "Mao Tse-tung"), a name particle ("bin") or the line break of a hard-wrapped text
    ("Saddam\nHussein")."""
    following = index + 1
    if following < len(doc) and _capitalised(doc[following]):
        return following
    if following + 1 >= len(doc):
        return None
    joiner, word = doc[following], doc[following + 1]
    if _hyphenated(doc, index):
        lower_part = word.is_alpha and word.is_lower and foreign(word.lower_)
        return following + 1 if _capitalised(word) or lower_part else None
    if not _capitalised(word):
        return None
    if joiner.text.isspace():
        return following + 1 if joiner.text.count("\n") <= 1 else None
    return following + 1 if joiner.text in PARTICLES else None
