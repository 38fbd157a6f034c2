"""Find who a sentence talks about: leaders and officials by name, title, epithet or pronoun.

Pronouns count only with a named antecedent in the same or one of the two previous sentences,
so "He has been very threatening" with no leader named nowhere near is not about a leader.
People the lexicon does not know are targets too, when a cue of the doc asks who is
targeted: in both tiers the names that :mod:`framing.names` guesses ("Saddam Hussein",
"Maduro"), and in the parser tier PERSON entities. Cues are found first for that reason. A
doc made with ``people=True`` has them looked for whatever its cues (the calibrator masks them).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from framing.detectors.context import DocContext, Mention
from framing.detectors.threats import TARGETED

if TYPE_CHECKING:
    from spacy.tokens import Span

PERSONAL_PRONOUNS = frozenset({"he", "him", "his", "himself", "she", "her", "herself"})
ANTECEDENT_WINDOW = 2


def _named_mentions(ctx: DocContext) -> list[Mention]:
    found: list[Mention] = []
    for match in ctx.compiled.targets.find(ctx.keys):
        entry = match.payload
        kind = "epithet" if entry.epithet else "name"
        found.append(
            Mention(match.start, match.end, ctx.sent_of[match.start], entry.canonical, kind, entry)
        )
    found.sort(key=lambda m: (m.start, -(m.end - m.start)))
    kept: list[Mention] = []
    for mention in found:
        if kept and mention.start < kept[-1].end:
            continue
        kept.append(mention)
    return kept


def _looks_like_a_name(ent: Span) -> bool:
    """A full personal name ("Otto Warmbier"), not a hashtag or a lone capitalised word."""
    return len(ent) >= 2 and all(t.is_alpha and t.is_title for t in ent)


def _unknown_people(ctx: DocContext, known: list[Mention]) -> list[Mention]:
    """Guessed names, and in the parser tier PERSON entities, that no known mention covers."""
    spans = ctx.compiled.names.spans(ctx.doc, ctx.keys.layout)
    if ctx.tier == "parser":
        guesser = ctx.compiled.names
        spans += [
            (ent.start, ent.end)
            for ent in ctx.doc.ents
            if ent.label_ == "PERSON"
            and _looks_like_a_name(ent)
            and not guesser.names_a_place_or_group([t.text for t in ent])
        ]
    covered = {i for m in known for i in range(m.start, m.end)}
    found: list[Mention] = []
    for start, end in sorted(spans, key=lambda span: (span[0], -span[1])):
        if covered.intersection(range(start, end)):
            continue
        covered.update(range(start, end))
        name = " ".join(ctx.doc[start:end].text.split())
        found.append(Mention(start, end, ctx.sent_of[start], name, "entity"))
    return found


def _pronoun_mentions(ctx: DocContext, named: list[Mention]) -> list[Mention]:
    pronouns: list[Mention] = []
    positions, _, where = ctx.keys.layout
    for index in sorted(positions[i] for key in PERSONAL_PRONOUNS for i in where.get(key, ())):
        sent = ctx.sent_of[index]
        antecedents = [
            m for m in named if m.start < index and sent - ANTECEDENT_WINDOW <= m.sent <= sent
        ]
        if antecedents:
            canonical = antecedents[-1].canonical
            pronouns.append(Mention(index, index + 1, sent, canonical, "pronoun"))
    return pronouns


def _asks_for_people(ctx: DocContext) -> bool:
    """Whether a cue of the doc needs to know who is targeted; the guess at unknown names is
    skipped otherwise (most drafts a pre-commit hook reads)."""
    return any(cue.entry.rule in TARGETED or cue.entry.needs_target for cue in ctx.cues)


def detect(ctx: DocContext) -> None:
    named = _named_mentions(ctx)
    if ctx.find_people or _asks_for_people(ctx):
        named = sorted([*named, *_unknown_people(ctx, named)], key=lambda m: m.start)
    ctx.targets = sorted([*named, *_pronoun_mentions(ctx, named)], key=lambda m: m.start)
