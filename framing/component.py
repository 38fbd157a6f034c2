"""The ``framing`` spaCy component: ``nlp.add_pipe("framing")`` in any English pipeline.

It runs the detectors in ``framing.detectors`` over each doc and writes one span per finding to
``doc.spans["framing"]`` (label = rule code, ``id_`` = lexicon entry id, details in
``span._.framing``) and the scores to ``doc._.framing``. Registered through the
``spacy_factories`` entry point, so saved pipelines that use it rebuild on load.
"""

from __future__ import annotations

import re
from collections.abc import Container, Sequence
from dataclasses import asdict, fields
from pathlib import Path
from typing import Any

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc, Span

from framing import cache as json_cache
from framing.cache import Memo
from framing.detectors import DETECTORS
from framing.detectors.context import CompiledLexicon, DocContext, Hit
from framing.directives import apply_directives
from framing.doctext import PEOPLE_KEY, text_of
from framing.lemmas import lemma_lookup
from framing.lexicons import CueEntry, Lexicon, load_lexicon
from framing.matching import LemmaKeys, PhraseIndex
from framing.names import NameGuesser, spelling_words
from framing.pipeline import tier_of
from framing.rules import matches_selector
from framing.scoring import score_doc
from framing.token_gate import GatedMatcher

SPAN_KEY = "framing"
DETAILS_KEY = ("framing", "details")


def _details_key(span: Span) -> str:
    return f"{span.start}:{span.end}:{span.label_}:{span.id_}"


def _span_details(span: Span) -> dict[str, Any] | None:
    """``span._.framing``: a finding's details. Kept per rule and entry in ``doc.user_data``:
    spaCy keys a Span's own extension values by character offsets only, so two findings on
    the same words ("isolate the Kim regime": FRM101 and FRM302) would share one record."""
    return span.doc.user_data.get(DETAILS_KEY, {}).get(_details_key(span))


if not Doc.has_extension("framing"):
    Doc.set_extension("framing", default=None)
if not Span.has_extension("framing"):
    Span.set_extension("framing", getter=_span_details)

_QUOTES = re.compile(
    r"“[^”\n]{1,600}”"
    r"|\"[^\"\n]{1,600}\""
    r"|‘[^’\n]{1,600}’(?![A-Za-z])"
    r"|(?<![\w’'])'(?=\w)[^'\n]{1,600}(?<=[\w.,!?])'(?!\w)"
)
# Every quotation opens with one of these: ``_QUOTES`` is tried only where one stands, since a
# search that tries its four alternatives at every character cost more than all target finding.
_OPENING_QUOTE = re.compile(r"[“\"‘']")


def _lemma_table(nlp: Language) -> Any:
    if nlp.has_pipe("lemmatizer"):
        lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
        if lookups is not None and lookups.has_table("lemma_lookup"):
            return lookups.get_table("lemma_lookup")
    from spacy.lookups import load_lookups

    return load_lookups("en", ["lemma_lookup"]).get_table("lemma_lookup")


def _epithet_cue(entry: Any) -> CueEntry:
    """Epithets are targets and cues at once: as cues they feed FRM102."""
    return CueEntry(
        id=entry.id,
        rule="FRM102",
        patterns=entry.patterns,
        token_patterns=(),
        weight=entry.weight,
        rationale=entry.rationale,
        article=entry.article,
        alternatives=entry.alternatives,
        negation="keep",
        needs_target=False,
        personal=True,
        specific=False,
        unless_near=(),
        pack=entry.pack,
    )


def _phrase_key_memo(nlp: Language, lexicon: Lexicon) -> Memo:
    """Tokenising every pattern is most of compiling; a pre-commit hook keeps the result in the
    JSON cache (:mod:`framing.cache`) under what it depends on: the packs, spaCy, the pipeline,
    the lemma table and the matching code."""
    from spacy.about import __version__ as spacy_version

    from framing import matching
    from framing.lemmas import lookup_file

    lemmas = lookup_file(nlp.lang)
    stamp = f"{lemmas}:{lemmas.stat().st_size}:{lemmas.stat().st_mtime_ns}" if lemmas else ""
    key = json_cache.digest(
        lexicon.version,
        spacy_version,
        f"{nlp.lang}:{nlp.meta.get('name')}:{nlp.meta.get('version')}:{nlp.pipe_names}",
        stamp,
        Path(matching.__file__).read_bytes(),
    )
    return Memo("phrase-keys", key)


def compile_lexicon(nlp: Language, lexicon: Lexicon) -> CompiledLexicon:
    """Index every pattern with the same keys the docs will be read with."""
    keys = LemmaKeys(_lemma_table(nlp))
    tokenizer = nlp.tokenizer
    memo = _phrase_key_memo(nlp, lexicon)

    def phrase_keys(pattern: str) -> tuple[str | None, ...]:
        return tuple(
            memo.get(pattern, lambda: keys.of_phrase([t.text for t in tokenizer(pattern)]))
        )

    stop_words = nlp.Defaults.stop_words
    common = frozenset(keys.key(word) for word in stop_words)
    targets: PhraseIndex[Any] = PhraseIndex(common)
    for target in lexicon.targets:
        for pattern in target.patterns:
            targets.add(phrase_keys(pattern), target)
    cue_entries = [*lexicon.cues, *(_epithet_cue(t) for t in lexicon.targets if t.epithet)]
    cues: PhraseIndex[CueEntry] = PhraseIndex(common)
    token_patterns: dict[str, list[list[dict[str, Any]]]] = {}
    for entry in cue_entries:
        for pattern in entry.patterns:
            cues.add(phrase_keys(pattern), entry)
        if entry.token_patterns:
            token_patterns[entry.id] = [list(p) for p in entry.token_patterns]
    by_id = {entry.id: entry for entry in cue_entries}
    guards = {
        entry.id: tuple(tuple(k for k in phrase_keys(word) if k) for word in entry.unless_near)
        for entry in cue_entries
        if entry.unless_near
    }
    memo.save()
    matcher = _token_matcher(nlp, token_patterns, stop_words)
    names = NameGuesser(
        lemma_lookup(nlp.lang), lambda: (spelling_words(), stop_words), lexicon.not_name_words
    )
    return CompiledLexicon(lexicon, keys, targets, cues, matcher, by_id, guards, names)


def _token_matcher(
    nlp: Language, patterns: dict[str, list[list[dict[str, Any]]]], common: Container[str]
) -> GatedMatcher | None:
    if not patterns:
        return None
    from spacy.matcher import Matcher

    matcher = Matcher(nlp.vocab, validate=True)
    for entry_id, entry_patterns in patterns.items():
        matcher.add(entry_id, entry_patterns)
    return GatedMatcher(matcher, (p for ps in patterns.values() for p in ps), common)


def quote_regions(doc: Doc, text: str) -> list[tuple[int, int]]:
    """Token ranges inside quotation marks (curly, straight double, and single quotes)."""
    regions = []
    searched_to = 0
    for opening in _OPENING_QUOTE.finditer(text):
        match = _QUOTES.match(text, opening.start()) if opening.start() >= searched_to else None
        if match is None:
            continue
        searched_to = match.end()
        span = doc.char_span(match.start() + 1, match.end() - 1, alignment_mode="expand")
        if span is not None and len(span):
            regions.append((span.start, span.end))
    return regions


def _without_overlaps(hits: list[Hit]) -> list[Hit]:
    """One finding per stretch of text and rule: overlapping hits of a rule keep the heaviest
    (then the longest), so two patterns for one phrase are not counted twice."""
    ranked = sorted(hits, key=lambda h: (-h.weight, -(h.end - h.start), h.start))
    kept: list[Hit] = []
    for hit in ranked:
        if not any(k.rule == hit.rule and k.start < hit.end and hit.start < k.end for k in kept):
            kept.append(hit)
    return sorted(kept, key=lambda hit: (hit.start, hit.end, hit.rule))


class FramingComponent:
    """Finds framing cues and findings in a doc and scores it."""

    def __init__(
        self,
        nlp: Language,
        name: str,
        lexicon: Lexicon,
        select: Sequence[str] = (),
        ignore: Sequence[str] = (),
    ) -> None:
        self.name = name
        self.tier = tier_of(nlp)
        self.compiled = compile_lexicon(nlp, lexicon)
        self.select = tuple(select)
        self.ignore = tuple(ignore)

    def wanted(self, code: str) -> bool:
        """Whether ``--select``/``--ignore`` keep a rule (ignored rules do not score either)."""
        selected = not self.select or matches_selector(code, self.select)
        return selected and not matches_selector(code, self.ignore)

    @property
    def lexicon(self) -> Lexicon:
        return self.compiled.lexicon

    def context(self, doc: Doc) -> DocContext:
        text = text_of(doc)
        sentences = list(doc.sents)
        lengths = [sentence.end - sentence.start for sentence in sentences]
        sent_of = np.repeat(np.arange(len(sentences)), lengths).tolist()
        return DocContext(
            doc=doc,
            tier=self.tier,
            compiled=self.compiled,
            keys=self.compiled.keys.of_doc(doc),
            sentences=sentences,
            sent_of=sent_of,
            quote_regions=quote_regions(doc, text),
            text=text,
            find_people=bool(doc.user_data.get(PEOPLE_KEY)),
        )

    def __call__(self, doc: Doc) -> Doc:
        ctx = self.context(doc)
        for detect in DETECTORS:
            detect(ctx)
        wanted = _without_overlaps([hit for hit in ctx.hits if self.wanted(hit.rule)])
        ctx.hits, suppressed = apply_directives(doc, wanted)
        spans = []
        details_by_span: dict[str, dict[str, Any]] = {}
        for hit in ctx.hits:
            span = Span(doc, hit.start, hit.end, label=hit.rule, span_id=hit.entry_id)
            details = {f.name: getattr(hit, f.name) for f in fields(hit)}  # no deep copy
            details.pop("mods")
            details["modifiers"] = asdict(hit.mods)
            details_by_span[_details_key(span)] = details
            spans.append(span)
        doc.spans[SPAN_KEY] = spans
        doc.user_data[DETAILS_KEY] = details_by_span
        scores = score_doc(doc, ctx.sentences, ctx.hits)
        doc._.framing = {**scores, "suppressed": suppressed}
        if ctx.find_people:
            doc._.framing["people"] = _people(ctx)
        return doc


def _people(ctx: DocContext) -> list[tuple[int, int]]:
    """Character spans of the people a doc names (not epithets or pronouns)."""
    doc = ctx.doc
    return [
        (doc[m.start].idx, doc[m.end - 1].idx + len(doc[m.end - 1]))
        for m in ctx.targets
        if m.kind in ("name", "entity")
    ]


@Language.factory(
    "framing",
    default_config={"lexicons": [], "builtin_lexicons": True, "select": [], "ignore": []},
    assigns=["doc.spans", "doc._.framing"],
    requires=["token.is_sent_start"],
)
def make_framing(
    nlp: Language,
    name: str,
    lexicons: list[str],
    builtin_lexicons: bool,
    select: list[str],
    ignore: list[str],
) -> FramingComponent:
    """Build the component; ``lexicons`` are paths of extra TOML packs, ``select``/``ignore``
    rule codes or prefixes."""
    lexicon = load_lexicon([Path(p) for p in lexicons], builtin=builtin_lexicons)
    return FramingComponent(nlp, name, lexicon, select, ignore)
