"""Fitting a phrase into someone else's sentence: grammar for calmer phrasings.

A lexicon alternative is written for its pattern, not for the sentence at hand. :func:`fit`
places it where the finding stands — case kept, the head inflected like the word it replaces, an
article made to agree, a booster or an article that would dangle taken along — and refuses it
when it cannot stand there: a noun phrase for a verb, a whole clause inside a phrase, a phrase
that loses the object its preposition had. :func:`deletion` drops what can simply go. In the
parser tier the parse says what a word is; in the rules tier the context and WordNet's word lists
(shipped with spacy-lookups-data) do.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from framing import inflect

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

ARTICLES = frozenset({"a", "an"})
DETERMINERS = frozenset({"a", "an", "the", "this", "that", "these", "those"})
POSSESSIVES = frozenset({"his", "her", "its", "their", "our", "my", "your"})
BOOSTERS = frozenset(
    {"totally", "completely", "utterly", "absolutely", "entirely", "surely", "definitely", "fully"}
)
MODALS = frozenset({"will", "would", "shall", "should", "can", "could", "must", "may", "might"})
BE = frozenset({"be", "been", "being", "is", "are", "was", "were", "am"})
PREPOSITIONS = frozenset(
    {"on", "in", "at", "to", "for", "with", "by", "from", "into", "as", "against", "toward"}
    | {"towards", "through", "under", "while", "alongside", "regarding", "without"}
)
NOT_AFTER_ARTICLE = DETERMINERS | POSSESSIVES | PREPOSITIONS
OBJECT_PREPOSITIONS = PREPOSITIONS | {"of", "about", "over", "upon", "beyond", "onto"}
CONJUNCTIONS = frozenset({"and", "or", "but", "so", "yet"})
# Words that make an alternative a clause of its own ("we are ready to try a new approach").
CLAUSE_WORDS = frozenset({"we", "i", "they", "there", "is", "are", "remain", "remains", "was"})
WORD_CLASSES = ("noun", "verb", "adj", "adv")
AUXILIARIES = MODALS | BE | {"have", "has", "had", "do", "does", "did"}
# How a superlative that can simply be dropped begins ("like never before", "the likes of …").
COMPARISONS = frozenset({"like", "as", "than", "the", "beyond", "far", "ever", "never", "unlike"})
VERB_BEFORE = MODALS | {"to", "not", "n't", "never", "we", "i", "they", "you", "do", "did", "does"}
NOUN_BEFORE = DETERMINERS | POSSESSIVES | {"of", "with", "for", "by", "from", "into", "such"}
SUBJECTS = frozenset({"we", "i", "you", "he", "she", "it", "they"})
CLAUSE_BREAKS = frozenset({",", ";", ":", "—", "–", "("})
# Words a suggestion may remove along with the finding: what the property tests allow.
ABSORBABLE = BOOSTERS | DETERMINERS | POSSESSIVES | MODALS | {"and", "on", "to", "be", "such"}


@dataclass(frozen=True)
class Edit:
    """Replace ``text[start:end]`` with ``replacement`` (character offsets into the input)."""

    start: int
    end: int
    replacement: str

    def apply(self, text: str) -> str:
        return text[: self.start] + self.replacement + text[self.end :]


def match_case(original: str, replacement: str) -> str:
    """Give the replacement the original's leading capital (sentence starts stay capitalised)."""
    if original[:1].isupper() and replacement[:1].islower():
        return replacement[:1].upper() + replacement[1:]
    return replacement


@cache
def _word_index() -> dict[str, frozenset[str]]:
    """WordNet's nouns, verbs, adjectives and adverbs, as spacy-lookups-data ships them for
    spaCy's rule lemmatizer."""
    from framing.lemmas import lookup_table

    return {kind: frozenset(words) for kind, words in lookup_table("en", "lemma_index").items()}


def _pos_words(kind: str) -> frozenset[str]:
    return _word_index().get(kind, frozenset())


def word_class(word: str) -> str | None:
    """'noun', 'verb', 'adj' or 'adv' when WordNet knows the word only as that, else None."""
    lower = word.lower()
    classes = [kind for kind in WORD_CLASSES if lower in _pos_words(kind)]
    return classes[0] if len(classes) == 1 else None


def can_be(word: str, kind: str) -> bool:
    return word.lower() in _pos_words(kind)


class Sentence:
    """One finding's surroundings: the tokens of its sentence and the lemma of each."""

    def __init__(self, doc: Doc, keys: Sequence[str], lemma: inflect.Lemma, span: Span) -> None:
        self.doc = doc
        self.keys = keys
        self.lemma = lemma
        self.start = span.start
        self.end = span.end
        # The word that carries the finding, past any booster it opens with ("totally destroy").
        self.lead = next(
            (i for i in range(span.start, span.end) if keys[i] not in BOOSTERS), span.start
        )
        sent = doc[span.start].sent
        self.first = sent.start
        self.last = sent.end
        self.parsed = doc.has_annotation("TAG")
        words = [i for i in range(sent.start, sent.end) if doc[i].is_alpha]
        self.first_word = words[0] if words else sent.start
        self.opening = doc[self.first_word].idx

    @property
    def text(self) -> str:
        return self.doc.text[self.char(self.start) : self.char_end(self.end - 1)]

    def key(self, index: int) -> str:
        return self.keys[index]

    def before(self, index: int) -> int | None:
        return index - 1 if index - 1 >= self.first else None

    def boosters_before(self, index: int) -> int:
        """The first token of a run of boosters ("surely and definitely") right before index."""
        start = index
        probe = self.before(index)
        while probe is not None and self.key(probe) in BOOSTERS:
            start = probe
            probe = self.before(probe)
            if probe is not None and self.key(probe) == "and":
                link = self.before(probe)
                if link is not None and self.key(link) in BOOSTERS:
                    probe = link
        return start

    def is_verb(self) -> bool | None:
        """Whether the finding's first word is a verb (None when the context does not say)."""
        token = self.doc[self.lead]
        if self.parsed and token.pos_:
            return token.pos_ in ("VERB", "AUX")
        probe = self.before(self.boosters_before(self.start))
        while probe is not None and probe > self.first and word_class(self.key(probe)) == "adv":
            probe = self.before(probe)  # "will soon take"
        if probe is not None and self.key(probe) in VERB_BEFORE | BE:
            return True
        if probe is not None and self.key(probe) in NOUN_BEFORE:
            return False
        kind = word_class(self.key(self.lead))
        return None if kind is None else kind == "verb"

    def kind(self) -> str | None:
        """What the finding is: a 'verb' phrase, a 'noun' phrase, an 'adj'ective or an 'adv'erb
        (None when neither the parse nor the context nor the word says)."""
        last = self.doc[self.end - 1]
        if self.parsed and (last.pos_ in ("ADJ", "ADV") or last.dep_ == "amod"):
            return "adv" if last.pos_ == "ADV" else "adj"
        if not self.parsed and word_class(last.lower_) in ("adj", "adv"):
            return word_class(last.lower_)
        verb = self.is_verb()
        return None if verb is None else "verb" if verb else "noun"

    def followed_by_object(self) -> bool:
        """Whether a word follows the finding in its clause ("destroy North Korea")."""
        if self.end >= self.last:
            return False
        token = self.doc[self.end]
        word = token.is_alpha or token.text[:1] in "#@“\"'‘"
        return word and self.key(self.end) not in PREPOSITIONS | CONJUNCTIONS

    def at_clause_start(self) -> bool:
        probe = self.before(self.start)
        if probe is not None and self.key(probe) in DETERMINERS:
            probe = self.before(probe)  # "…, the sanctions remain"
        return probe is None or self.key(probe) in CLAUSE_BREAKS | CONJUNCTIONS

    def at_clause_end(self) -> bool:
        return self.end >= self.last or self.doc[self.end].is_punct

    def finite(self) -> bool:
        """Whether the finding holds a finite verb of its own ("sanctions will remain")."""
        return any(self.key(i) in AUXILIARIES for i in range(self.start, self.end))

    def passive(self) -> bool:
        probe = self.before(self.boosters_before(self.start))
        return probe is not None and self.key(probe) in BE

    def subject_is_we(self) -> bool:
        """Whether the nearest subject pronoun before the finding, in its clause, is "we"."""
        for index in range(self.start - 1, self.first - 1, -1):
            key = self.key(index)
            if key in CLAUSE_BREAKS:
                return False
            if key in SUBJECTS:
                return key == "we"
        return False

    def head(self) -> int:
        """The head noun of a noun phrase: the word before "of" ("band of criminals"), else
        the last word."""
        for index in range(self.start + 1, self.end):
            if self.doc[index].lower_ == "of":
                return index - 1
        return self.end - 1

    def form(self) -> tuple[str, str]:
        """How the finding's head is inflected, and whether the head is its first or last word.

        A verb is inflected at the front ("wiped off the map"); a noun phrase at its head noun
        ("retaliatory actions"), where only the plural matters — a participle before a noun is an
        adjective ("depraved regime").
        """
        verb = self.is_verb()
        first = self.doc[self.lead]
        if verb is not False:
            tag = first.tag_ if self.parsed else ""
            form = inflect.form_of(first.text, self.key(self.lead), tag)
            if verb or form != inflect.BASE or self.end - self.lead == 1:
                return form, "first"
        head = self.doc[self.head()]
        form = inflect.form_of(head.text, self.key(head.i), head.tag_ if self.parsed else "")
        return (form if form == inflect.THIRD else inflect.BASE), "last"

    def char(self, index: int) -> int:
        return self.doc[index].idx

    def char_end(self, index: int) -> int:
        token = self.doc[index]
        return token.idx + len(token.text)


def _inflected(sentence: Sentence, phrase: str) -> str | None:
    """The phrase with its head in the finding's form, or None when it cannot take that form."""
    form, head = sentence.form()
    if form == inflect.BASE or phrase.lower().startswith(sentence.text.lower()):
        return phrase
    words = phrase.split(" ")
    lemma = sentence.lemma
    first = words[0]
    verb_first = inflect.is_verb(first, lemma) and not can_be(first, "adj")
    if form == inflect.THIRD and not (head == "first" and verb_first):
        noun = words[-1]
        if not noun.isalpha() or noun[:1].isupper() or words[0].lower() in ARTICLES:
            return None
        if not can_be(lemma(noun), "noun"):
            return None  # "the likes of which …" → not "firmlies"
        if inflect.form_of(noun, lemma(noun)) != inflect.THIRD:
            words[-1] = inflect.inflect(noun, inflect.THIRD, lemma)
        return " ".join(words)
    if inflect.form_of(first, lemma(first)) == form:
        return phrase  # already in that form ("prepared to defend")
    if not verb_first:
        return None
    words[0] = inflect.inflect(first, form, lemma)
    return " ".join(words)


def _fits(sentence: Sentence, phrase: str) -> bool:
    """Whether the phrase can stand where the finding stands: a verb for a verb, a noun phrase
    for a noun, an adjective for an adjective; a clause only for a whole clause; a phrase that
    ends in a preposition for one that does."""
    words = phrase.split(" ")
    leading = words[0].lower()
    if sentence.doc[sentence.end - 1].lower_ in OBJECT_PREPOSITIONS and (
        words[-1].lower() not in OBJECT_PREPOSITIONS
    ):
        return False  # "an action corresponding to them" → "talks them"
    lowered = [w.lower() for w in words]
    clause = CLAUSE_WORDS & set(lowered) or MODALS & set(lowered[1:])
    if clause and not (
        sentence.at_clause_start() and (sentence.at_clause_end() or sentence.finite())
    ):
        return False
    if sentence.key(sentence.start) in COMPARISONS - {"the"} and not (
        word_class(leading) == "adv" or leading in PREPOSITIONS
    ):
        return False  # "far beyond his words" takes an adverbial, not "grave consequences"
    if _echoes(sentence, lowered):
        return False
    kind = sentence.kind()
    if kind == "verb":
        base = sentence.lemma(leading)
        if inflect.form_of(leading, base) != sentence.form()[0]:
            return False  # "threatens to strangle" takes a base form, not "to sanctions"
        return leading in AUXILIARIES or (
            leading not in DETERMINERS | POSSESSIVES
            and (can_be(base, "verb") or inflect.is_verb(base, sentence.lemma))
        )
    if kind == "noun":
        return word_class(leading) != "verb"
    if kind == "adj":
        participle = inflect.form_of(leading, sentence.lemma(leading)) != inflect.BASE
        return can_be(leading, "adj") or participle or "-" in leading
    if kind == "adv":
        return word_class(leading) == "adv" or leading in PREPOSITIONS
    return True


def _echoes(sentence: Sentence, words: list[str]) -> bool:
    """Whether the phrase repeats a content word that follows it ("the government in North
    Korea" ← "North Korea in North Korea"; "a response from … response")."""
    following = {
        sentence.doc[i].lower_ for i in range(sentence.end, min(sentence.last, sentence.end + 5))
    }
    return any(len(w) > 3 and w.isalpha() and w in following for w in words)


def _repeated_words(
    sentence: Sentence, start: int, words: list[str], *, across_markup: bool = False
) -> int:
    """How many words before ``start`` the phrase repeats ("on a" + "on a dangerous course");
    ``across_markup`` looks past emphasis marks and the blanks that stand for them in Markdown
    ("on a *suicide mission*") and past line breaks."""
    doc = sentence.doc
    preceding = [
        i
        for i in range(sentence.first, start)
        if not (across_markup and doc[i].text.strip("*_~ \n\t") == "")
    ]
    for count in (3, 2, 1):
        if count >= len(words) or count > len(preceding):
            continue
        before = [doc[i].lower_ for i in preceding[-count:]]
        if before == [w.lower() for w in words[:count]]:
            return count
    return 0


def _case(sentence: Sentence, start: int, text: str) -> str:
    """Upper case for a shouted span; a capital where the edit starts the sentence."""
    letters = [c for c in sentence.text if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        text = text.upper()
    if start <= sentence.first_word and sentence.doc[start].text[:1].isupper():
        text = match_case("X", text)
    return text


def fit(sentence: Sentence, phrase: str, *, name: bool = False) -> Edit | None:
    """Place ``phrase`` where the finding is, grammatically: case, inflection, articles.

    ``name`` marks a proper name (an epithet's replacement): it takes no article and is not
    inflected.
    """
    doc = sentence.doc
    start = sentence.start
    leading = phrase.split(" ")[0].lower()
    if not name:
        inflected = _inflected(sentence, phrase)
        if inflected is None or not _fits(sentence, inflected):
            return None
        if sentence.passive() and " " in phrase and inflect.is_verb(leading, sentence.lemma):
            return None  # "be wiped off the map" takes "be deterred", not a verb and its object
        phrase = inflected
        start = sentence.boosters_before(start)
        if doc[sentence.start].lower_ in ARTICLES and leading not in NOT_AFTER_ARTICLE:
            article = match_case(doc[sentence.start].text, inflect.indefinite_article(phrase))
            phrase = f"{article} {inflected}"  # the pattern held its article: "a fool"
    words = phrase.split(" ")
    repeated = _repeated_words(sentence, start, words)
    if not repeated and _repeated_words(sentence, start, words, across_markup=True):
        return None  # "on a *on a dangerous course*": what it repeats is outside the emphasis
    if any(w.lower() not in ABSORBABLE for w in words[:repeated]):
        return None
    start -= repeated
    prefix = ""
    probe = sentence.before(start)
    if probe is not None and doc[probe].lower_ in DETERMINERS:
        if name or leading in DETERMINERS | POSSESSIVES:
            start = probe
        elif doc[probe].lower_ in ARTICLES:
            if leading in PREPOSITIONS:
                return None  # "a on a dangerous course"
            if inflect.form_of(words[0], sentence.lemma(words[0])) == inflect.THIRD:
                return None  # "a talks"
            article = inflect.indefinite_article(words[0])
            if article != doc[probe].lower_:
                gap = doc.text[sentence.char_end(probe) : sentence.char(start)]
                prefix = match_case(doc[probe].text, article) + gap
                start = probe
    elif (
        probe is not None
        and probe > sentence.first_word
        and leading in DETERMINERS
        and doc[probe].text[:1].isupper()
    ):
        return None  # "the U.S. the U.S. President"
    text = _case(sentence, start, prefix + phrase)
    return Edit(sentence.char(start), sentence.char_end(sentence.end - 1), text)


def deletion(
    sentence: Sentence, *, comparison: bool = False, adjective: bool = False
) -> Edit | None:
    """Drop the phrase: an aside between commas, with a comma; with ``comparison``, a trailing
    comparison with the space before it ("… like the world has never seen."); with
    ``adjective``, an adjective before its noun ("the mentally deranged U.S. dotard")."""
    doc = sentence.doc
    if sentence.start <= sentence.first_word:
        return None
    start = sentence.char(sentence.start)
    end = sentence.char_end(sentence.end - 1)
    if adjective and sentence.kind() == "adj":
        return _drop_adjective(sentence, start, end)
    following = doc.text[end : end + 1]
    comma_before = doc[sentence.start - 1].text == ","
    if comparison:
        # Only a trailing comparison goes: "… like the world has never seen." — not a noun;
        # from "tested like never before" only "like never before".
        if sentence.followed_by_object():
            return None
        opening = next(
            (i for i in range(sentence.start, sentence.end) if doc[i].lower_ in COMPARISONS),
            None,
        )
        if opening is None or opening - 1 < sentence.first:
            return None
        start = sentence.char(opening)
        comma_before = doc[opening - 1].text == ","
    elif not (comma_before and following in (",", ".", ";", "!", "?")):
        return None
    cut = start
    while cut > 0 and doc.text[cut - 1] == " ":
        cut -= 1
    if comma_before and following == ",":
        end += 1
    elif cut > 0 and doc.text[cut - 1] == ",":
        cut -= 1
    span_end = sentence.char_end(sentence.end - 1)
    return Edit(cut, end, "") if cut < start or end > span_end else None


def _drop_adjective(sentence: Sentence, start: int, end: int) -> Edit | None:
    doc = sentence.doc
    if sentence.end >= sentence.last or not doc[sentence.end].text[:1].isalnum():
        return None
    after = sentence.char(sentence.end)
    if doc.text[end:after] != " ":
        return None
    probe = sentence.before(sentence.boosters_before(sentence.start))
    if probe is not None and doc[probe].lower_ in ARTICLES:
        article = inflect.indefinite_article(doc[sentence.end].text)
        if article != doc[probe].lower_:
            gap = doc.text[sentence.char_end(probe) : sentence.char(probe + 1)]
            return Edit(sentence.char(probe), after, match_case(doc[probe].text, article) + gap)
    return Edit(sentence.char(sentence.boosters_before(sentence.start)), after, "")
