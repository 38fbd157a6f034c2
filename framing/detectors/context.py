"""What detectors share while one doc is analysed."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from framing.rules import RULES_BY_CODE, Rule

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

    from framing.lexicons import CueEntry, Lexicon, TargetEntry
    from framing.matching import DocKeys, LemmaKeys, PhraseIndex
    from framing.names import NameGuesser
    from framing.token_gate import GatedMatcher


@dataclass
class CompiledLexicon:
    """A lexicon turned into indexes, built once per component."""

    lexicon: Lexicon
    keys: LemmaKeys
    targets: PhraseIndex[TargetEntry]
    cues: PhraseIndex[CueEntry]
    token_matcher: GatedMatcher | None
    cue_by_id: dict[str, CueEntry]
    # Each entry's ``unless_near`` words keyed like the text ("training" -> "train"), as
    # phrases ("non-proliferation" is three tokens).
    guards: dict[str, tuple[tuple[str, ...], ...]]
    names: NameGuesser


@dataclass
class Mention:
    """A reference to a leader or official: a name, title, epithet, entity or pronoun."""

    start: int
    end: int
    sent: int
    canonical: str
    kind: str
    entry: TargetEntry | None = None


@dataclass
class Modifiers:
    """How the context around a cue changes its force."""

    negated: bool = False
    hedged: bool = False
    conditional: bool = False
    defensive: bool = False
    boosted: bool = False
    emphatic: bool = False
    quoted: bool = False

    def factor(self) -> float:
        """Multiplier for the cue's weight: hedges and conditions lower it, emphasis raises it."""
        value = 1.0
        if self.hedged:
            value *= 0.7
        if self.defensive:
            value *= 0.5
        elif self.conditional:
            value *= 0.8
        if self.boosted:
            value *= 1.25
        if self.emphatic:
            value *= 1.15
        return value


@dataclass
class Cue:
    """A lexicon entry found in the doc, with its modifiers."""

    start: int
    end: int
    sent: int
    entry: CueEntry
    mods: Modifiers = field(default_factory=Modifiers)
    negator: int | None = None
    consumed: bool = False


@dataclass
class Hit:
    """A finding before it becomes a span: the detectors' common output."""

    rule: str
    start: int
    end: int
    weight: float
    quoted: bool
    entry_id: str
    rationale: str
    article: str
    alternatives: tuple[str, ...]
    target: str | None = None
    mods: Modifiers = field(default_factory=Modifiers)

    @property
    def spec(self) -> Rule:
        return RULES_BY_CODE[self.rule]


@dataclass
class DocContext:
    """One doc under analysis and everything the detectors have found in it so far."""

    doc: Doc
    tier: str
    compiled: CompiledLexicon
    keys: DocKeys
    sentences: list[Span]
    sent_of: list[int]
    quote_regions: list[tuple[int, int]]
    text: str
    find_people: bool = False
    targets: list[Mention] = field(default_factory=list)
    cues: list[Cue] = field(default_factory=list)
    hits: list[Hit] = field(default_factory=list)

    def in_quotes(self, start: int, end: int) -> tuple[int, int] | None:
        """The quote region (token range) holding tokens ``start:end``, if any."""
        for q_start, q_end in self.quote_regions:
            if q_start <= start and end <= q_end:
                return q_start, q_end
        return None


def hit_from_cue(
    cue: Cue,
    rule: str,
    *,
    target: str | None = None,
    start: int | None = None,
    end: int | None = None,
) -> Hit:
    """A hit for ``cue`` under ``rule``: its weight scaled by the cue's modifiers, capped at 1."""
    entry = cue.entry
    return Hit(
        rule=rule,
        start=cue.start if start is None else start,
        end=cue.end if end is None else end,
        weight=round(min(1.0, entry.weight * cue.mods.factor()), 4),
        quoted=cue.mods.quoted,
        entry_id=entry.id,
        rationale=entry.rationale,
        article=entry.article,
        alternatives=entry.alternatives,
        target=target,
        mods=cue.mods,
    )
