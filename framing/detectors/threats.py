"""Personalized threats: epithets, insults and threats whose target is a leader as a person.

A threat against a state alone ("totally destroy North Korea") stays escalation; it becomes a
personalized threat only when a leader or official is its target. The rules tier takes any
leader mentioned in the same clause; the parser tier also asks the dependency tree whether the
leader is the threat's actor (the active subject of its verb) rather than its target.
"""

from __future__ import annotations

from framing.detectors.context import Cue, DocContext, Mention, hit_from_cue

EPITHET = "FRM102"
INSULT = "FRM103"
PERSONALIZED = "FRM101"
PROMOTABLE = frozenset({"FRM201", "FRM202", "FRM203", "FRM206", "FRM301"})
# Pressure becomes personal only when a leader is its object ("maximum pressure on Kim Jong
# Un", "isolate Kim"), and it stays hostile-policy wording as well.
PRESSURE = "FRM302"
OBJECT_REACH = 2
COPULAS = frozenset({"be", "become", "seem", "remain"})
CLAUSE_SEPARATORS = frozenset({";", ":", "—", "–", "but", "however"})
MAX_CLAUSE_GAP = 12


def _in_sentence(ctx: DocContext, cue: Cue, *, inside: bool = False) -> list[Mention]:
    """Leaders mentioned in the cue's sentence; ``inside`` also counts one within the cue
    ("tame the mentally deranged U.S. dotard with fire")."""
    return [
        m
        for m in ctx.targets
        if m.sent == cue.sent
        and (inside or m.end <= cue.start or m.start >= cue.end)
        and not (m.start == cue.start and m.end == cue.end)
    ]


def _nearest(cue: Cue, mentions: list[Mention]) -> Mention | None:
    if not mentions:
        return None
    return min(mentions, key=lambda m: min(abs(m.start - cue.end), abs(cue.start - m.end)))


def _is_actor(ctx: DocContext, cue: Cue, mention: Mention) -> bool:
    """Parser tier: the leader is the one making the threat (active subject of its verb)."""
    clause = ctx.doc[cue.start : cue.end].root
    while clause.pos_ not in ("VERB", "AUX") and clause.head is not clause:
        clause = clause.head
    target = ctx.doc[mention.start : mention.end].root
    return (
        target.dep_ == "nsubj"
        and target.head == clause
        and clause.lemma_ not in COPULAS
        and not any(child.dep_ == "auxpass" for child in clause.children)
    )


def _same_clause(ctx: DocContext, cue: Cue, mention: Mention) -> bool:
    """Rules tier: near enough, and no ';', ':', dash or 'but' between leader and threat."""
    lo, hi = (mention.end, cue.start) if mention.end <= cue.start else (cue.end, mention.start)
    if hi < lo:
        return True
    return hi - lo <= MAX_CLAUSE_GAP and not CLAUSE_SEPARATORS.intersection(ctx.keys[lo:hi])


def _threat_target(ctx: DocContext, cue: Cue) -> Mention | None:
    mentions = [m for m in _in_sentence(ctx, cue, inside=True) if _same_clause(ctx, cue, m)]
    if ctx.tier == "parser":
        mentions = [m for m in mentions if not _is_actor(ctx, cue, m)]
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
    if cue.mods.negated and cue.entry.negation != "keep":
        return
    mention = _threat_target(ctx, cue)
    if mention is not None:
        cue.consumed = True
        ctx.hits.append(hit_from_cue(cue, PERSONALIZED, target=mention.canonical))


def _pressure_on_a_leader(ctx: DocContext, cue: Cue) -> None:
    if cue.mods.negated:
        return
    objects = [
        m
        for m in _in_sentence(ctx, cue, inside=True)
        if cue.start <= m.start <= cue.end + OBJECT_REACH and m.kind != "pronoun"
    ]
    if ctx.tier == "parser":
        objects = [m for m in objects if not _is_actor(ctx, cue, m)]
    mention = _nearest(cue, objects)
    if mention is not None:
        end = max(cue.end, mention.end)
        hit = hit_from_cue(cue, PERSONALIZED, target=mention.canonical, end=end)
        ctx.hits.append(hit)


def detect(ctx: DocContext) -> None:
    for cue in ctx.cues:
        rule = cue.entry.rule
        if rule == EPITHET:
            _epithet(ctx, cue)
        elif rule == INSULT:
            _insult(ctx, cue)
        elif rule in PROMOTABLE or rule == PERSONALIZED:
            _promote(ctx, cue)
        elif rule == PRESSURE:
            _pressure_on_a_leader(ctx, cue)
