"""Personalized threats: epithets, insults and threats whose target is a leader as a person.

A threat against a state alone ("totally destroy North Korea") stays escalation; it becomes a
personalized threat only when a leader or official is its target. The rules tier takes any
leader mentioned in the same sentence; the parser tier asks the dependency tree whether the
leader is the threat's object or the subject it is said of, and not its actor.
"""

from __future__ import annotations

from framing.detectors.context import Cue, DocContext, Mention, hit_from_cue

EPITHET = "FRM102"
INSULT = "FRM103"
PERSONALIZED = "FRM101"
PROMOTABLE = frozenset({"FRM201", "FRM202", "FRM203", "FRM206", "FRM301"})
COPULAS = frozenset({"be", "become", "seem", "remain"})


def _in_sentence(ctx: DocContext, cue: Cue) -> list[Mention]:
    return [
        m for m in ctx.targets if m.sent == cue.sent and (m.end <= cue.start or m.start >= cue.end)
    ]


def _nearest(cue: Cue, mentions: list[Mention]) -> Mention | None:
    if not mentions:
        return None
    return min(mentions, key=lambda m: min(abs(m.start - cue.end), abs(cue.start - m.end)))


def _linked(ctx: DocContext, cue: Cue, mention: Mention) -> bool:
    """Parser tier: is the leader the threat's target rather than its actor?"""
    cue_root = ctx.doc[cue.start : cue.end].root
    target = ctx.doc[mention.start : mention.end].root
    clause = cue_root
    while clause.pos_ not in ("VERB", "AUX") and clause.head is not clause:
        clause = clause.head
    if target.i not in {t.i for t in clause.subtree} and clause not in target.ancestors:
        return any(a.i in range(cue.start, cue.end) for a in target.ancestors) or (
            cue_root in target.subtree
        )
    is_actor = (
        target.dep_ == "nsubj"
        and target.head == clause
        and clause.lemma_ not in COPULAS
        and not any(child.dep_ == "auxpass" for child in clause.children)
    )
    return not is_actor


def _threat_target(ctx: DocContext, cue: Cue) -> Mention | None:
    mentions = _in_sentence(ctx, cue)
    if ctx.tier == "parser":
        mentions = [m for m in mentions if _linked(ctx, cue, m)]
    return _nearest(cue, mentions)


def _insult(ctx: DocContext, cue: Cue) -> None:
    entry = cue.entry
    cue.consumed = True
    if cue.mods.negated and entry.negation == "suppress":
        return
    mention = _nearest(cue, _in_sentence(ctx, cue))
    if mention is None and entry.needs_target and not entry.personal:
        return
    target = mention.canonical if mention else "a leader"
    ctx.hits.append(hit_from_cue(cue, INSULT, target=target))


def _epithet(ctx: DocContext, cue: Cue) -> None:
    cue.consumed = True
    canonical = cue.entry.alternatives[0] if cue.entry.alternatives else "the leader"
    ctx.hits.append(hit_from_cue(cue, EPITHET, target=canonical))


def _promote(ctx: DocContext, cue: Cue) -> None:
    if cue.mods.negated:
        return
    mention = _threat_target(ctx, cue)
    if mention is not None:
        cue.consumed = True
        ctx.hits.append(hit_from_cue(cue, PERSONALIZED, target=mention.canonical))


def detect(ctx: DocContext) -> None:
    for cue in ctx.cues:
        rule = cue.entry.rule
        if rule == EPITHET:
            _epithet(ctx, cue)
        elif rule == INSULT:
            _insult(ctx, cue)
        elif rule in PROMOTABLE or rule == PERSONALIZED:
            _promote(ctx, cue)
