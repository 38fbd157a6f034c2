"""Just enough English morphology to fit a calmer phrase into someone else's sentence.

A lexicon alternative is written in its base form ("defend against", "a firm response"); the
sentence may need "defended against" or "an overwhelming response". We read the form of the word
being replaced from its suffix (or its tag in the parser tier), inflect the alternative's head with
regular rules, and accept a regular guess only when the pipeline's own lookup lemma table maps it
back to the base form — so "deter" becomes "deterred", not "detered". Irregular verbs that calmer
phrasings actually use are listed.
"""

from __future__ import annotations

from collections.abc import Callable

PAST = "past"
THIRD = "third"
GERUND = "gerund"
BASE = "base"

IRREGULAR_PAST: dict[str, str] = {
    "be": "been",
    "bear": "borne",
    "build": "built",
    "choose": "chosen",
    "do": "done",
    "face": "faced",
    "find": "found",
    "get": "got",
    "give": "given",
    "go": "gone",
    "have": "had",
    "hold": "held",
    "keep": "kept",
    "lead": "led",
    "make": "made",
    "meet": "met",
    "put": "put",
    "seek": "sought",
    "send": "sent",
    "set": "set",
    "show": "shown",
    "speak": "spoken",
    "stand": "stood",
    "take": "taken",
    "tell": "told",
}
TAG_FORMS = {"VBD": PAST, "VBN": PAST, "VBZ": THIRD, "VBG": GERUND, "NNS": THIRD, "NNPS": THIRD}
VOWELS = "aeiou"
# Words that start with a vowel letter but a consonant sound, and the reverse.
CONSONANT_SOUND = ("uni", "use", "usu", "eu", "one", "once", "u.s", "ukr", "ura")
VOWEL_SOUND = ("hour", "honest", "honor", "honour", "heir")

Lemma = Callable[[str], str]


def form_of(word: str, lemma: str, tag: str = "") -> str:
    """The inflection of ``word`` relative to its ``lemma``: past, third (-s), gerund or base."""
    if tag in TAG_FORMS:
        return TAG_FORMS[tag]
    lower = word.lower()
    if lower == lemma or not lower.isalpha():
        return BASE
    if lower.endswith("ing"):
        return GERUND
    if lower.endswith("ed"):
        return PAST
    if lower.endswith("s") and lower[:-1].startswith(lemma[:-1]):
        return THIRD
    return BASE


def _guesses(base: str, form: str) -> list[str]:
    doubled = base + base[-1]
    if form == PAST:
        return [base + "ed", base + "d", base[:-1] + "ied", doubled + "ed"]
    if form == GERUND:
        return [base + "ing", base[:-1] + "ing", doubled + "ing", base[:-2] + "ying"]
    return [base + "s", base + "es", base[:-1] + "ies"]


def _fallback(base: str, form: str) -> str:
    if form == PAST:
        return base + ("d" if base.endswith("e") else "ed")
    if form == GERUND:
        return (base[:-1] if base.endswith("e") and not base.endswith("ee") else base) + "ing"
    if base.endswith(("s", "x", "z", "ch", "sh")):
        return base + "es"
    if base.endswith("y") and len(base) > 1 and base[-2] not in VOWELS:
        return base[:-1] + "ies"
    return base + "s"


def inflect(base: str, form: str, lemma: Lemma) -> str:
    """``base`` in ``form``; a regular guess is kept only when ``lemma`` maps it back."""
    if form == BASE or not base.isalpha():
        return base
    lower = base.lower()
    if form == PAST and lower in IRREGULAR_PAST:
        return _with_case(base, IRREGULAR_PAST[lower])
    for guess in _guesses(lower, form):
        if guess != lower and lemma(guess) == lower:
            return _with_case(base, guess)
    return _with_case(base, _fallback(lower, form))


def is_verb(word: str, lemma: Lemma) -> bool:
    """Whether ``word`` (a base form) has a past tense the lemma table knows: a verb."""
    lower = word.lower()
    if not lower.isalpha():
        return False
    return lower in IRREGULAR_PAST or any(
        lemma(guess) == lower for guess in _guesses(lower, PAST) if guess != lower
    )


def indefinite_article(next_word: str) -> str:
    """'a' or 'an' for the word that follows, by how it is usually pronounced."""
    lower = next_word.lower()
    if lower.startswith(VOWEL_SOUND):
        return "an"
    if lower.startswith(CONSONANT_SOUND):
        return "a"
    return "an" if lower[:1] in VOWELS else "a"


def _with_case(model: str, word: str) -> str:
    if model.isupper() and len(model) > 1:
        return word.upper()
    if model[:1].isupper():
        return word[:1].upper() + word[1:]
    return word
