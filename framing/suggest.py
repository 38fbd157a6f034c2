"""Calmer phrasings for a finding, tailored to its rule and to the sentence it sits in.

The article's advice, rule by rule: an epithet becomes the leader's title and name; a threat of
annihilation or force becomes defensive deterrence that keeps the commitment to allies; an
apocalyptic superlative is dropped; hostile-policy, coercive-display and maximalist wording takes
the lexicon's calmer terms. Every candidate is an :class:`Edit` of the finding's own characters,
widened only over words that must change with it (a booster such as "totally", an article that
must agree, words the phrase repeats), so taking it leaves the rest of the text byte for byte.

Candidates are only proposals: :mod:`framing.verify` re-analyses each one and only those that
pass are offered (:func:`suggest`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from framing.analysis import Analysis, Finding, Suggestion
from framing.fitting import (
    BE,
    DETERMINERS,
    Edit,
    Sentence,
    can_be,
    deletion,
    fit,
    match_case,
    word_class,
)
from framing.rules import RULES_BY_CODE, Severity

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from framing.api import Analyzer

MAX_SUGGESTIONS = 3
MAX_CANDIDATES = 6
EPITHET = "FRM102"
PERSONALIZED = "FRM101"
LEADER_NAMED = "FRM104"
ANNIHILATION = "FRM201"
SUPERLATIVE = "FRM204"
DELEGITIMIZING = "FRM303"
# Rules whose phrase can simply go when it stands between commas ("…, locked and loaded, …").
PARENTHETICAL = frozenset({"FRM202", "FRM203", "FRM204", "FRM206"})
DEFENSIVE_RULES = frozenset({PERSONALIZED, ANNIHILATION})
# Rules whose adjectives can simply go before their noun ("the mentally deranged U.S. dotard").
ATTRIBUTIVE = frozenset({"FRM103", "FRM205", "FRM303"})
# Heads that are the label themselves: "band of criminals" does not become "band".
LABEL_HEADS = frozenset({"regime", "regimes", "band", "criminals", "gang", "clique"})
# Nouns a delegitimizing label names a state by; a label ending otherwise ("war on its own
# people") is an indictment with no plain noun to put in its place, and gets no rewrite.
STATE_NOUNS = LABEL_HEADS | frozenset(
    {"state", "states", "nation", "nations", "country", "countries", "dictatorship",
     "dictatorships", "government", "governments", "leadership", "authorities"}
)  # fmt: skip
# Rules whose calmer wording may name someone new: the ally to reassure ("… with Seoul").
VOUCHED_NAMES = frozenset({"FRM501"})

DEFENSIVE_REASON = (
    "Defensive deterrence that keeps the commitment to allies — the article: “U.S. "
    "representatives should emphasize defensive postures, avoid personalized threats directed at "
    "North Korea’s leadership”."
)
EXCERPT_CHARS = 110
_WORD = re.compile(r"[A-Za-z][\w’'.-]*")


@dataclass(frozen=True)
class Rewrite:
    """A candidate for one finding: the edit, why, and names it may bring into the sentence."""

    finding: int
    edit: Edit
    reason: str
    names: frozenset[str] = field(default_factory=frozenset)


@dataclass(frozen=True)
class Suggested:
    """An analysis whose findings carry verified suggestions, and the edits behind them."""

    analysis: Analysis
    rewrites: tuple[tuple[Rewrite, ...], ...]


def offers(finding: Finding) -> bool:
    """Findings that ask for a change get suggestions; info and quoted speech do not."""
    return finding.severity != Severity.INFO.value and not finding.quoted


def first_sentence(text: str) -> str:
    """The first sentence of a rationale, ending with a full stop."""
    return " ".join(text.split(". ")[0].split()).rstrip(".") + "."


def excerpt(text: str, limit: int = EXCERPT_CHARS) -> str:
    """A quotation cut at a word boundary, so a reason stays one readable line."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def _names(*phrases: str | None) -> frozenset[str]:
    return frozenset(w for p in phrases if p for w in _WORD.findall(p) if w[:1].isupper())


def _reason(details: dict[str, Any], rule: str) -> str:
    article = details.get("article") or RULES_BY_CODE[rule].quote
    return f"{first_sentence(details['rationale'])} — the article: “{excerpt(article)}”"


class Generator:
    """Candidate rewrites for the findings of one analysed doc."""

    def __init__(self, nlp: Language, doc: Doc) -> None:
        compiled = nlp.get_pipe("framing").compiled
        self.compiled = compiled
        self.doc = doc
        self.keys = compiled.keys.of_doc(doc)
        self.spans = list(doc.spans["framing"])

    def lemma(self, word: str) -> str:
        return self.compiled.keys.of_phrase([word])[0] or word.lower()

    def candidates(self, index: int, finding: Finding) -> list[Rewrite]:
        """Up to MAX_CANDIDATES rewrites, the most tailored first, without duplicates."""
        span = self.spans[index]
        details = span._.framing
        sentence = Sentence(self.doc, self.keys, self.lemma, span)
        reason = _reason(details, finding.rule)
        names = _names(finding.target)
        seen: set[Edit] = set()
        out: list[Rewrite] = []
        for edit, why, extra in self._edits(finding, details, sentence):
            if edit is None or edit in seen or len(out) >= MAX_CANDIDATES:
                continue
            seen.add(edit)
            # A capital that only marks the sentence start does not make a word a name.
            opening = edit.replacement.split(" ")[0] if edit.start <= sentence.opening else ""
            out.append(Rewrite(index, edit, why or reason, names | extra | _names(opening)))
        return out

    def _edits(
        self, finding: Finding, details: dict[str, Any], sentence: Sentence
    ) -> Iterator[tuple[Edit | None, str | None, frozenset[str]]]:
        alternatives = tuple(details["alternatives"])
        none: frozenset[str] = frozenset()
        cue = self.compiled.cue_by_id.get(finding.entry)
        if finding.rule == EPITHET and cue is not None and cue.specific:
            yield _drop_before_name(sentence), None, none
            yield from ((fit(sentence, word), None, none) for word in alternatives)
            return
        if finding.rule == LEADER_NAMED:
            yield from ((_state_noun(sentence, word), None, none) for word in alternatives)
            return
        if finding.rule == EPITHET:
            names = _names(*alternatives)
            for name in dict.fromkeys((finding.target or "", *alternatives)):
                if name:
                    yield fit(sentence, name, name=True), None, names
            return
        family = cue.rule if cue is not None else finding.rule
        if finding.rule in DEFENSIVE_RULES and family in DEFENSIVE_RULES:
            yield from ((edit, DEFENSIVE_REASON, none) for edit in self._defensive(sentence))
        if finding.rule == SUPERLATIVE or finding.rule in ATTRIBUTIVE:
            adjective = finding.rule in ATTRIBUTIVE
            yield deletion(sentence, comparison=not adjective, adjective=adjective), None, none
        if finding.rule == DELEGITIMIZING:
            if sentence.doc[sentence.head()].lower_ not in STATE_NOUNS:
                return
            yield from ((fit(sentence, word), None, none) for word in self._neutral(sentence))
        plain = self._plain_head(sentence)
        if plain is not None:
            yield fit(sentence, plain), None, none
        vouched = finding.rule in VOUCHED_NAMES
        for alternative in alternatives:
            capitalised = alternative[:1].isupper()
            names = _names(alternative) if vouched else none
            yield fit(sentence, alternative, name=capitalised), None, names
        if finding.rule in PARENTHETICAL:
            yield deletion(sentence), None, none

    def _defensive(self, sentence: Sentence) -> Iterator[Edit | None]:
        """Annihilation or force threats as defensive deterrence: 'defend … against', 'deter'."""
        transitive = sentence.is_verb() and sentence.followed_by_object()
        if not transitive or sentence.key(sentence.start) in BE:
            return
        if sentence.subject_is_we() and not sentence.passive():
            yield fit(sentence, "defend ourselves and our allies against")
        yield fit(sentence, "deter")

    def _plain_head(self, sentence: Sentence) -> str | None:
        """A noun phrase without the adjectives that inflate it ("harshest sanctions" →
        "sanctions", "fatal miscalculation" → "miscalculation")."""
        doc = sentence.doc
        head = sentence.end - 1
        if head == sentence.start or sentence.kind() not in ("noun", None):
            return None
        modifiers = [doc[i].lower_ for i in range(sentence.start, head)]
        if not all(can_be(m, "adj") and word_class(m) != "noun" for m in modifiers):
            return None
        word = doc[head]
        if not word.is_alpha or not can_be(self.lemma(word.text), "noun"):
            return None
        return word.lower_ if word.text[:1].isupper() and head > sentence.first_word else word.text

    def _neutral(self, sentence: Sentence) -> Iterator[str]:
        """A delegitimizing label as the plain noun: 'government', or its own head without the
        label ('rogue state' → 'state')."""
        yield "government"
        head = sentence.doc[sentence.head()]
        if head.i > sentence.start and head.lower_ not in LABEL_HEADS:
            yield self.lemma(head.text)


def _drop_before_name(sentence: Sentence) -> Edit | None:
    """A label in front of the name it stands for goes, with its determiner: "the dictator
    Maduro" → "Maduro"."""
    doc = sentence.doc
    if sentence.end >= sentence.last or not doc[sentence.end].is_title:
        return None
    start = sentence.start
    if start > sentence.first and doc[start - 1].lower_ in DETERMINERS:
        start -= 1
    return Edit(doc[start].idx, doc[sentence.end].idx, "")


def _state_noun(sentence: Sentence, noun: str) -> Edit:
    """The state's own noun in place of the label, the leader's name kept (a rewrite never drops
    a name): "the Maduro regime" → "the Maduro government", "the regime of Bashar Al-Assad" →
    "the government of Bashar Al-Assad", "Saddam's war machine" → "Saddam's military"."""
    doc = sentence.doc
    words = range(sentence.start, sentence.end)
    of = next((i for i in words if doc[i].lower_ == "of"), None)
    if of is not None and of > sentence.start:
        first, last = sentence.start, of - 1
    else:
        first = last = sentence.end - 1
        while first - 1 > sentence.start and doc[first - 1].is_lower and doc[first - 1].is_alpha:
            first -= 1
    original = doc[first].text
    return Edit(doc[first].idx, doc[last].idx + len(doc[last].text), match_case(original, noun))


def suggest(analyzer: Analyzer, doc: Doc, analysis: Analysis) -> Suggested:
    """Fill each finding's suggestions with verified rewrites (at most three, best first)."""
    offered = [i for i, f in enumerate(analysis.findings) if offers(f)]
    empty: tuple[Rewrite, ...] = ()
    if not offered:
        return Suggested(analysis, tuple(empty for _ in analysis.findings))
    generator = Generator(analyzer.nlp, doc)
    candidates = {i: generator.candidates(i, analysis.findings[i]) for i in offered}
    flat = [r for i in offered for r in candidates[i]]
    passed = analyzer.verifier.verify(doc.text, analysis, flat)
    verified = dict.fromkeys(offered, empty)
    for rewrite, ok in zip(flat, passed, strict=True):
        if ok and len(verified[rewrite.finding]) < MAX_SUGGESTIONS:
            verified[rewrite.finding] = (*verified[rewrite.finding], rewrite)
    rewrites = tuple(verified.get(i, empty) for i in range(len(analysis.findings)))
    findings = tuple(
        replace(f, suggestions=tuple(_suggestion(analysis, f, r) for r in rewrites[i]))
        for i, f in enumerate(analysis.findings)
    )
    return Suggested(replace(analysis, findings=findings), rewrites)


def _suggestion(analysis: Analysis, finding: Finding, rewrite: Rewrite) -> Suggestion:
    sentence = analysis.sentences[finding.sentence]
    edit = rewrite.edit
    text = analysis.text
    rewritten = text[sentence.start : edit.start] + edit.replacement + text[edit.end : sentence.end]
    return Suggestion(edit.replacement, " ".join(rewritten.split()), rewrite.reason)
