"""Qualify each cue: negated or reversed, hedged, conditional, boosted, emphatic, quoted.

Modifiers never create a finding; they decide whether a cue counts (negation), how much it
weighs (hedges, conditions, boosters, caps, exclamation) and whose words it is (quotation and
reported speech). The rules tier reads a small window around the cue, stopping at clause
boundaries; the parser tier reads the dependency tree instead.
"""

from __future__ import annotations

from framing.detectors.context import Cue, DocContext

NEGATORS = frozenset({"not", "n't", "never", "no", "without", "nor", "neither", "nothing"})
REVERSERS = frozenset(
    {
        "cease",
        "stop",
        "end",
        "halt",
        "refrain",
        "abandon",
        "renounce",
        "withdraw",
        "abolish",
        "eliminate",
        "prevent",
        "avoid",
        "reject",
        "forgo",
        "forswear",
        "terminate",
    }
)
HEDGES = frozenset(
    {"may", "might", "could", "perhaps", "possibly", "potentially", "hopefully", "maybe", "likely"}
)
CONDITIONS = frozenset({"if", "unless", "whenever", "should"})
DEFENSIVE = frozenset(
    {"attack", "attacked", "defend", "defense", "defence", "invade", "invasion", "force", "forced"}
)
BOOSTERS = frozenset(
    {"totally", "completely", "utterly", "absolutely", "surely", "definitely", "fully", "truly"}
)
REPORTING = frozenset(
    {
        "say",
        "call",
        "claim",
        "state",
        "describe",
        "accuse",
        "allege",
        "brand",
        "label",
        "term",
        "dub",
        "warn",
        "declare",
        "insist",
        "assert",
        "report",
        "charge",
    }
)
NOT_REPORTING_AFTER = frozenset({"for", "on", "upon", "off"})
FIRST_PERSON = frozenset({"i", "we", "us", "me", "my", "our"})
CLAUSE_BREAKS = frozenset({",", ";", ":", "—", "–", "but", "however", "although", "while", "yet"})
LOOKBACK = 5
MIN_SPEECH_WORDS = 4


def _lookback(ctx: DocContext, cue: Cue, width: int) -> list[int]:
    """Token indexes before the cue, nearest first, up to a clause break."""
    sentence_start = ctx.sentences[cue.sent].start
    indexes = []
    for index in range(cue.start - 1, max(sentence_start, cue.start - width) - 1, -1):
        if ctx.keys[index] in CLAUSE_BREAKS:
            break
        indexes.append(index)
    return indexes


def _negator_by_window(ctx: DocContext, cue: Cue) -> int | None:
    for index in _lookback(ctx, cue, LOOKBACK):
        key = ctx.keys[index]
        if key in NEGATORS:
            return index
        if key in REVERSERS and cue.start - index <= 3:
            return index
    return None


def _negator_by_parse(ctx: DocContext, cue: Cue) -> int | None:
    root = ctx.doc[cue.start : cue.end].root
    node = root
    while True:
        for child in node.children:
            if child.dep_ == "neg" or (child.dep_ == "det" and child.lower_ == "no"):
                return child.i
        if ctx.keys[node.i] in REVERSERS and node.i < cue.start:
            return node.i
        if node.pos_ in ("VERB", "AUX") and node.dep_ not in ("xcomp", "aux"):
            break
        if node.head is node:
            break
        node = node.head
    window = _negator_by_window(ctx, cue)
    if window is not None and ctx.keys[window] in REVERSERS:
        return window
    return None


def _first_person_before(ctx: DocContext, index: int, sentence_start: int) -> bool:
    return any(ctx.keys[i] in FIRST_PERSON for i in range(max(sentence_start, index - 4), index))


def _reporting_verbs(ctx: DocContext, sent: int) -> list[int]:
    span = ctx.sentences[sent]
    verbs = []
    for index in range(span.start, span.end):
        if ctx.keys[index] not in REPORTING:
            continue
        following = ctx.keys[index + 1] if index + 1 < span.end else ""
        if following in NOT_REPORTING_AFTER:
            continue
        if _first_person_before(ctx, index, span.start):
            continue
        verbs.append(index)
    return verbs


def _reported_by_window(ctx: DocContext, cue: Cue) -> bool:
    span = ctx.sentences[cue.sent]
    for verb in _reporting_verbs(ctx, cue.sent):
        if verb < cue.start:
            return True
        trailing_attribution = span.end - verb <= 4 and "," in ctx.keys[cue.end : verb]
        if verb >= cue.end and trailing_attribution:
            return True
    return False


def _reported_by_parse(ctx: DocContext, cue: Cue) -> bool:
    root = ctx.doc[cue.start : cue.end].root
    for token in root.ancestors:
        if ctx.keys[token.i] not in REPORTING:
            continue
        subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subjects and all(ctx.keys[s.i] not in FIRST_PERSON for s in subjects):
            return True
    return False


def _quoted_speech(ctx: DocContext, cue: Cue) -> bool:
    region = ctx.in_quotes(cue.start, cue.end)
    if region is None:
        return False
    q_start, q_end = region
    words = sum(1 for t in ctx.doc[q_start:q_end] if t.is_alpha)
    if words >= MIN_SPEECH_WORDS:
        return True
    sentence_start = ctx.sentences[cue.sent].start
    for index in range(q_start - 1, max(sentence_start, q_start - 4) - 1, -1):
        if ctx.keys[index] in REPORTING and not _first_person_before(ctx, index, sentence_start):
            return True
    return False


def _emphatic(ctx: DocContext, cue: Cue) -> bool:
    shouting = any(t.is_upper and t.is_alpha and len(t) > 2 for t in ctx.doc[cue.start : cue.end])
    sentence = ctx.sentences[cue.sent]
    return shouting or any(t.text.startswith("!") for t in sentence)


def _qualify(ctx: DocContext, cue: Cue) -> None:
    sentence = ctx.sentences[cue.sent]
    sentence_keys = set(ctx.keys[sentence.start : sentence.end])
    mods = cue.mods
    parsed = ctx.tier == "parser"
    cue.negator = _negator_by_parse(ctx, cue) if parsed else _negator_by_window(ctx, cue)
    mods.negated = cue.negator is not None
    mods.hedged = any(ctx.keys[i] in HEDGES for i in _lookback(ctx, cue, LOOKBACK + 2))
    mods.conditional = bool(sentence_keys & CONDITIONS) or "in the event" in sentence.text.lower()
    mods.defensive = mods.conditional and bool(sentence_keys & DEFENSIVE)
    mods.boosted = any(ctx.keys[i] in BOOSTERS for i in _lookback(ctx, cue, 2))
    mods.emphatic = _emphatic(ctx, cue)
    reported = _reported_by_parse(ctx, cue) if parsed else _reported_by_window(ctx, cue)
    mods.quoted = reported or _quoted_speech(ctx, cue)


def detect(ctx: DocContext) -> None:
    for cue in ctx.cues:
        _qualify(ctx, cue)
