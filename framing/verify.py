"""Every suggestion is checked before it is offered: the rewrite is analysed again.

A candidate passes when, analysed with the same pipeline as the draft,

* the sentence scores lower: the raw tension of its findings drops (and the 0–100 tension of the
  sentence does not rise);
* it adds no new finding: no (rule, lexicon entry) that raises tension appears that the original
  did not have (tension-reduction and reassurance wording, the article's own vocabulary, may);
* it keeps what the sentence says: its named entities (parser tier: the entity recogniser; both
  tiers: capitalised names and the leaders the lexicon knows, except epithets, which are what is
  being replaced), its numbers and its negations; and it brings in no name that is not already in
  the passage, unless the rewrite vouches for it (an epithet's proper name).

The sentence is analysed with the two sentences before it, so that "his regime" still finds its
leader. Analyses are cached per passage and run in batches through ``nlp.pipe``; a pipeline built
with ``--select``/``--ignore`` is verified with all rules, so a suggestion cannot smuggle in a
finding of a rule the user switched off.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from framing.analysis import Analysis, from_doc
from framing.doctext import make_doc
from framing.rules import RULES_BY_CODE
from framing.scoring import TENSION_SHARE

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from framing.api import Analyzer
    from framing.suggest import Rewrite

WINDOW_BEFORE = 2
EPSILON = 1e-6
CACHE_LIMIT = 20_000
NEGATIONS = frozenset(
    {"not", "n't", "no", "never", "nor", "neither", "none", "nothing", "nobody", "cannot"}
)
# Verbs that carry a negation of their own: "should refrain from" keeps "best not".
NEGATIVE_VERBS = frozenset({"refrain", "avoid", "cease", "forgo", "forswear", "renounce", "halt"})
NUMBER_WORDS = frozenset(
    {
        *("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"),
        *("eleven", "twelve", "twenty", "thirty", "forty", "fifty", "hundred", "hundreds"),
        *("thousand", "thousands", "million", "millions", "billion", "billions", "dozen"),
        *("first", "second", "third", "half"),
    }
)
# Negators inside an apocalyptic superlative ("like the world has never seen") are idiom, not
# the sentence's polarity: dropping the superlative may drop them.
IDIOM_RULES = frozenset({"FRM204"})
NUMERIC_ENTITIES = frozenset({"CARDINAL", "ORDINAL", "QUANTITY", "PERCENT", "MONEY"})
_NUMBER = re.compile(r"\d+(?:[.,:/]\d+)*")
_NAME = re.compile(r"(?<![\w’'.-])[A-Z][\w’'.-]*")
_WORD = re.compile(r"[\w’'.-]+")
SHOUTING = 4


@dataclass(frozen=True)
class Facts:
    """What verification compares, for a passage whose last sentence starts at ``offset``."""

    raw_tension: float
    tension: float
    findings: Counter[tuple[str, str]]
    entities: Counter[str]
    mentions: Counter[str]
    numbers: Counter[str]
    negations: int
    region: str
    words: frozenset[str]


def raw_tension(analysis: Analysis) -> float:
    """The signed sum behind the tension score, before it is clipped at zero and saturated."""
    total = 0.0
    for finding in analysis.findings:
        if finding.quoted:
            continue
        rule = RULES_BY_CODE[finding.rule]
        sign = 1.0 if rule.raises_tension else -1.0
        total += sign * finding.weight * TENSION_SHARE[rule.category]
    return total


def _occurrences(text: str, name: str) -> int:
    return len(re.findall(rf"(?<![\w]){re.escape(name)}(?![\w])", text))


def _capitalised(token: Token) -> bool:
    text = token.text
    if not text[:1].isupper() or not any(c.isalpha() for c in text) or text == "I":
        return False
    return not (text.isupper() and len(text) > SHOUTING)


class Verifier:
    """Checks rewrites against fresh analyses; caches them per passage."""

    def __init__(self, analyzer: Analyzer) -> None:
        self._analyzer = analyzer
        self._facts: dict[tuple[str, int], Facts] = {}
        self._verdicts: dict[tuple[str, int, int, int, str, frozenset[str]], bool] = {}
        self._literals: dict[str, frozenset[str]] = {}

    @cached_property
    def analyzer(self) -> Analyzer:
        """The draft's analyzer, or a sibling with every rule when the draft's selects some."""
        source = self._analyzer
        if not source.select and not source.ignore:
            return source
        from framing.api import Analyzer

        return Analyzer(
            source.model, lexicons=source.lexicons, builtin_lexicons=source.builtin_lexicons
        )

    def verify(self, text: str, analysis: Analysis, rewrites: Sequence[Rewrite]) -> list[bool]:
        """One verdict per rewrite of ``text`` (the analysed prose) with its ``analysis``."""
        jobs = [self._job(text, analysis, rewrite) for rewrite in rewrites]
        self._analyse(
            (passage, offset)
            for original, rewritten, offset, _ in jobs
            for passage in (original, rewritten)
        )
        return [self._verdict(*job) for job in jobs]

    def _job(
        self, text: str, analysis: Analysis, rewrite: Rewrite
    ) -> tuple[str, str, int, Rewrite]:
        number = analysis.findings[rewrite.finding].sentence
        sentence = analysis.sentences[number]
        start = analysis.sentences[max(0, number - WINDOW_BEFORE)].start
        original = text[start : sentence.end]
        edit = rewrite.edit
        rewritten = text[start : edit.start] + edit.replacement + text[edit.end : sentence.end]
        return original, rewritten, sentence.start - start, rewrite

    def _analyse(self, passages: Iterable[tuple[str, int]]) -> None:
        todo = list(dict.fromkeys(p for p in passages if p not in self._facts))
        if not todo:
            return
        if len(self._facts) + len(todo) > CACHE_LIMIT:
            self._facts.clear()
            self._verdicts.clear()
        nlp = self.analyzer.nlp
        tier = self.analyzer.tier
        for (passage, offset), doc in zip(
            todo, nlp.pipe(make_doc(nlp, p) for p, _ in todo), strict=True
        ):
            self._facts[passage, offset] = self._read(doc, from_doc(doc, tier=tier), offset)

    def _verdict(self, original: str, rewritten: str, offset: int, rewrite: Rewrite) -> bool:
        edit = rewrite.edit
        key = (original, offset, edit.start, edit.end, edit.replacement, rewrite.names)
        if key not in self._verdicts:
            before = self._facts[original, offset]
            after = self._facts[rewritten, offset]
            self._verdicts[key] = passes(before, after, edit.replacement, rewrite.names)
        return self._verdicts[key]

    def _literal_keys(self, entry_id: str) -> frozenset[str]:
        """The words an entry's patterns spell out: "Nuclear Button" is the flagged phrase, not
        a name to keep. Words a wildcard stood for ("destroy * completely") are not among them."""
        if entry_id not in self._literals:
            compiled = self.analyzer.nlp.get_pipe("framing").compiled
            entry = compiled.cue_by_id.get(entry_id)
            words: set[str] = set()
            if entry is not None:
                for pattern in entry.patterns:
                    words.update(k for k in compiled.keys.of_phrase(pattern.split()) if k)
                for token_pattern in entry.token_patterns:
                    for spec in token_pattern:
                        for attr in ("LOWER", "LEMMA", "ORTH", "TEXT"):
                            value = spec.get(attr)
                            values = value.get("IN", ()) if isinstance(value, dict) else [value]
                            words.update(str(v).lower() for v in values if v)
            self._literals[entry_id] = frozenset(words)
        return self._literals[entry_id]

    def _read(self, doc: Doc, analysis: Analysis, offset: int) -> Facts:
        compiled = self.analyzer.nlp.get_pipe("framing").compiled
        keys = compiled.keys.of_doc(doc)
        region = [t for t in doc if t.idx >= offset]
        exempt: set[int] = set()
        mentions: Counter[str] = Counter()
        for match in compiled.targets.find(keys):
            if doc[match.start].idx < offset:
                continue
            if match.payload.epithet:
                exempt.update(range(match.start, match.end))
            else:
                mentions[match.payload.canonical] += 1
        for finding in analysis.findings:
            literal = self._literal_keys(finding.entry)
            for token in doc.char_span(finding.start, finding.end, alignment_mode="expand") or ():
                if keys[token.i] in literal:
                    exempt.add(token.i)
        idiom = {
            i
            for f in analysis.findings
            if f.rule in IDIOM_RULES
            for i in range(len(doc))
            if f.start <= doc[i].idx < f.end
        }
        negations = sum(
            1
            for t in region
            if t.i not in idiom and (t.lower_ in NEGATIONS or keys[t.i] in NEGATIVE_VERBS)
        )
        region_text = doc.text[offset:]
        numbers = Counter(_NUMBER.findall(region_text))
        numbers.update(t.lower_ for t in region if t.lower_ in NUMBER_WORDS)
        return Facts(
            raw_tension=raw_tension(analysis),
            tension=sum(s.tension for s in analysis.sentences if s.end > offset),
            findings=Counter(
                (f.rule, f.entry) for f in analysis.findings if RULES_BY_CODE[f.rule].raises_tension
            ),
            entities=_entities(doc, region, exempt),
            mentions=mentions,
            numbers=numbers,
            negations=negations,
            region=region_text,
            words=_words(doc.text),
        )


def _entities(doc: Doc, region: list[Token], exempt: set[int]) -> Counter[str]:
    """Names in the region: entity-recogniser spans and runs of capitalised words."""
    names: Counter[str] = Counter()
    first = region[0].idx if region else len(doc.text)
    for ent in doc.ents:
        named = ent.label_ not in NUMERIC_ENTITIES and not exempt & set(range(ent.start, ent.end))
        if ent.start_char >= first and named:
            names[ent.text] += 1
    run: list[Token] = []
    for token in [*region, None]:
        if token is not None and token.i not in exempt and _capitalised(token):
            run.append(token)
            continue
        if run and not (len(run) == 1 and run[0].is_sent_start):
            names[doc[run[0].i : run[-1].i + 1].text] += 1
        run = []
    return names


def _words(text: str, *, names: bool = False) -> frozenset[str]:
    """Words (or only capitalised ones), compared without case: 'KIM' is 'Kim' shouted."""
    found = (_NAME if names else _WORD).findall(text)
    return frozenset(w.rstrip(".’'-").lower() for w in found)


def passes(before: Facts, after: Facts, replacement: str, names: frozenset[str]) -> bool:
    """The verification rules (see the module doc) for one rewrite."""
    if after.raw_tension > before.raw_tension - EPSILON:
        return False
    if after.tension > before.tension + EPSILON:
        return False
    if after.findings - before.findings:
        return False
    if after.numbers != before.numbers or after.negations != before.negations:
        return False
    if before.mentions - after.mentions:
        return False
    for name, count in before.entities.items():
        if _occurrences(after.region, name) < min(count, _occurrences(before.region, name)):
            return False
    brought = _words(replacement, names=True) - before.words
    return brought <= {w.rstrip(".’'-").lower() for w in names}
