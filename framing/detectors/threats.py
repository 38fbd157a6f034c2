"""Personalized threats: epithets, insults and threats whose target is a leader as a person.

A threat against a state alone ("totally destroy North Korea") stays escalation; it becomes a
personalized threat only when a leader or official is its target. The rules tier takes any
leader mentioned in the same clause; the parser tier also asks the dependency tree whether the
leader is the threat's actor (the active subject of its verb) rather than its target.

An accusation personalizes when a leader or official is its doer: "Saddam Hussein has lied",
"Milosevic unleashed his terror", "the attack made by Syngman Rhee" (FRM105); the victim of a
passive ("Kim Jong Nam was murdered") is not accused.

Two labels personalize by their form alone: a singular "the dictator" stands for one man, and a
government named after its leader ("the Mugabe regime", "the regime of Pol Pot") makes the
state his.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from framing.detectors.context import Cue, DocContext, Mention, hit_from_cue

if TYPE_CHECKING:
    from spacy.tokens import Doc

EPITHET = "FRM102"
INSULT = "FRM103"
PERSONALIZED = "FRM101"
LEADER_NAMED = "FRM104"
ACCUSATION = "FRM105"
REGIME_CHANGE = "FRM301"
PROMOTABLE = frozenset({"FRM201", "FRM202", "FRM203", "FRM206", "FRM301"})
# Pressure becomes personal only when a leader is its object ("maximum pressure on Kim Jong
# Un", "isolate Kim"), and it stays hostile-policy wording as well.
PRESSURE = "FRM302"
# Rules whose cues ask who is targeted: the guess at unknown names runs only when one is found.
TARGETED = frozenset(
    {EPITHET, INSULT, PERSONALIZED, LEADER_NAMED, ACCUSATION, PRESSURE, *PROMOTABLE}
)
OBJECT_REACH = 2
COPULAS = frozenset({"be", "become", "seem", "remain"})
CLAUSE_SEPARATORS = frozenset({";", ":", "—", "–", "but", "however"})
MAX_CLAUSE_GAP = 12
POSSESSIVE_MARKS = frozenset({"'s", "’s", "'", "’"})
# Words before "dictator" that make it one person, or any such person.
SPECIFIERS = frozenset(
    {"the", "a", "an", "this", "that", "his", "her", "its", "their", *POSSESSIVE_MARKS}
)
GENERIC = frozenset(
    {"any", "every", "no", "each", "all", "some", "another", "other", "such", "would-be"}
)
SPECIFIER_REACH = 4
ERAS = frozenset({"day", "days", "age", "era", "time", "times"})
# Keys before an accusation that make its subject the victim ("was murdered", "got tortured").
PASSIVE_AUXILIARIES = frozenset({"be", "get"})
AGENT_MARKERS = frozenset({"by"})
AGENT_REACH = 2


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
    # Compared by index: spaCy builds a new Token on every ``.head``, so an identity test never
    # saw the root and climbed forever in a sentence without a verb ("Maximum pressure on Kim").
    while clause.pos_ not in ("VERB", "AUX") and clause.head.i != clause.i:
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


def _mention_at(ctx: DocContext, index: int) -> Mention | None:
    return next((m for m in ctx.targets if m.start <= index < m.end), None)


def _exemplified(ctx: DocContext, cue: Cue) -> bool:
    """The label is given an example by name: "tyrants like Bashar Al-Assad", "dictators such
    as Saddam Hussein"."""
    doc = ctx.doc
    index = cue.end
    if index < len(doc) and doc[index].lower_ == "like":
        index += 1
    elif index + 1 < len(doc) and doc[index].lower_ == "such" and doc[index + 1].lower_ == "as":
        index += 2
    else:
        return False
    mention = _mention_at(ctx, index) if index < len(doc) else None
    return mention is not None and mention.start == index and mention.kind != "pronoun"


def _of_an_age(doc: Doc, determiner: int) -> bool:
    """ "the day of the dictator is over", "the age of the tyrant": a type, not a man."""
    if determiner < 2:
        return False
    return doc[determiner - 1].lower_ == "of" and doc[determiner - 2].lower_ in ERAS


def _names_one_person(ctx: DocContext, cue: Cue) -> bool:
    """ "the dictator", "a cruel dictator", "Iraq's dictator", "the dictator Maduro" and
    "tyrants like Bashar Al-Assad" name a man; "dictators", "any tyrant", "no despot" and "the
    day of the dictator" do not."""
    doc = ctx.doc
    if _exemplified(ctx, cue):
        return True
    if doc[cue.end - 1].lower_ != ctx.keys[cue.end - 1]:
        return False
    if cue.end < len(doc) and _mention_at(ctx, cue.end) is not None:
        return True
    for index in range(cue.start - 1, max(cue.start - 1 - SPECIFIER_REACH, -1), -1):
        word = doc[index].lower_
        if word in GENERIC:
            return False
        if word in SPECIFIERS:
            return not _of_an_age(doc, index)
        if not (doc[index].is_alpha or word == "-"):
            return False
    return False


def _epithet(ctx: DocContext, cue: Cue) -> None:
    entry = cue.entry
    cue.consumed = True
    if entry.specific:
        if cue.mods.negated or not _names_one_person(ctx, cue):
            return
        mention = _nearest(cue, [m for m in _in_sentence(ctx, cue) if m.kind != "pronoun"])
        target = mention.canonical if mention else "a leader"
    else:
        target = entry.alternatives[0] if entry.alternatives else "the leader"
    ctx.hits.append(hit_from_cue(cue, EPITHET, target=target))


def _owns(mention: Mention, cue: Cue) -> bool:
    """Whether a mention right before the label names whose it is: a name ("the Mugabe
    regime"), a pronoun with a leader for antecedent ("Syngman Rhee and his clique"), or a way of
    naming a leadership that spells the label out ("the Kim regime"), but not a title that holds
    the word ("Supreme Commander of the Korean People's Army")."""
    if mention.end > cue.start:
        return mention.entry is not None and mention.entry.role == "leadership"
    return True


def _leader_named(ctx: DocContext, cue: Cue) -> None:
    """ "the Kim regime", "Saddam's war machine", "his clique", "the regime of Bashar
    Al-Assad"."""
    cue.consumed = True
    doc = ctx.doc
    before = cue.start - 1
    if before > 0 and doc[before].lower_ in POSSESSIVE_MARKS:
        before -= 1
    mention = _mention_at(ctx, before) if before >= 0 else None
    if mention is not None and not _owns(mention, cue):
        mention = None
    if mention is not None:
        start, end = min(mention.start, cue.start), cue.end
    else:
        after = cue.end + 1
        if after >= len(doc) or doc[cue.end].lower_ != "of":
            return
        mention = _mention_at(ctx, after)
        if mention is None or mention.start != after or mention.kind == "pronoun":
            return
        start, end = cue.start, mention.end
    ctx.hits.append(hit_from_cue(cue, LEADER_NAMED, target=mention.canonical, start=start, end=end))


def _is_passive(ctx: DocContext, cue: Cue) -> bool:
    """ "was murdered", "had been brutally tortured": whoever is named before suffered it
    ("is lying" is no passive)."""
    if ctx.doc[cue.start].lower_.endswith("ing"):
        return False
    before = cue.start - 1
    if before > 0 and ctx.doc[before].lower_.endswith("ly"):
        before -= 1
    return before >= 0 and ctx.keys[before] in PASSIVE_AUXILIARIES


def _accused(ctx: DocContext, cue: Cue) -> Mention | None:
    """The person an accusation is pinned on: named before it in its clause as its doer or
    owner ("Saddam Hussein has lied", "Saddam's cruelty", "his criminal gang"), or right after
    "by" ("the attack made by Syngman Rhee"). A leadership ("the Kim regime") is a state, not a
    person."""
    people = [
        m
        for m in _in_sentence(ctx, cue)
        if not (m.entry is not None and m.entry.role == "leadership")
    ]
    if not _is_passive(ctx, cue):
        doers = [m for m in people if m.end <= cue.start and _same_clause(ctx, cue, m)]
        if doers:
            return doers[-1]
    agent = _agent_after(ctx, cue)
    return next((m for m in people if m.start == agent and m.kind != "pronoun"), None)


def _agent_after(ctx: DocContext, cue: Cue) -> int:
    """Where the doer named after a "by" starts: "attack by X", "attack made by X"; else -1."""
    for gap in range(AGENT_REACH):
        at = cue.end + gap
        if at + 1 >= len(ctx.doc):
            return -1
        if ctx.keys[at] in AGENT_MARKERS:
            return at + 1
        if not ctx.doc[at].is_alpha:
            return -1
    return -1


def _accusation(ctx: DocContext, cue: Cue) -> None:
    cue.consumed = True
    if cue.mods.negated and cue.entry.negation != "keep":
        return
    mention = _accused(ctx, cue)
    if mention is not None:
        ctx.hits.append(hit_from_cue(cue, ACCUSATION, target=mention.canonical))


def _promote(ctx: DocContext, cue: Cue) -> None:
    if cue.mods.negated and cue.entry.negation != "keep":
        return
    mention = _threat_target(ctx, cue)
    if mention is not None:
        # Regime-change wording aimed at a leader stays hostile-policy wording as well.
        cue.consumed = cue.entry.rule != REGIME_CHANGE
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
        elif rule == LEADER_NAMED:
            _leader_named(ctx, cue)
        elif rule == ACCUSATION:
            _accusation(ctx, cue)
