"""Find lexicon cues: phrase patterns on lookup lemmas, plus spaCy token patterns.

Word-sense guards (``unless_near``) drop a hit when a cancelling word or phrase, keyed like the
text, stands within a few tokens in the same sentence (a labour "strike", "fired the coach",
"the non-proliferation regime"). Where one entry's match
lies inside a longer match for the same rule, only the longer one is kept.
"""

from __future__ import annotations

from framing.detectors.context import Cue, DocContext
from framing.matching import SKIP

GUARD_WINDOW = 4


def _guarded(ctx: DocContext, cue: Cue) -> bool:
    guards = ctx.compiled.guards.get(cue.entry.id)
    if not guards:
        return False
    sentence = ctx.sentences[cue.sent]
    lo = max(sentence.start, cue.start - GUARD_WINDOW)
    hi = min(sentence.end, cue.end + GUARD_WINDOW)
    window = [key for key in ctx.keys[lo:hi] if key != SKIP]
    return any(_contains(window, guard) for guard in guards)


def _contains(window: list[str], phrase: tuple[str, ...]) -> bool:
    size = len(phrase)
    return size > 0 and any(
        tuple(window[i : i + size]) == phrase for i in range(len(window) - size + 1)
    )


def _raw_cues(ctx: DocContext) -> list[Cue]:
    found = [
        Cue(m.start, m.end, ctx.sent_of[m.start], m.payload)
        for m in ctx.compiled.cues.find(ctx.keys)
    ]
    matcher = ctx.compiled.token_matcher
    if matcher is not None:
        strings = ctx.doc.vocab.strings
        for match_id, start, end in matcher(ctx.doc, ctx.sentences):
            entry = ctx.compiled.cue_by_id[strings[match_id]]
            found.append(Cue(start, end, ctx.sent_of[start], entry))
    return found


def _drop_nested(cues: list[Cue]) -> list[Cue]:
    cues.sort(key=lambda c: (c.start, -(c.end - c.start)))
    kept: list[Cue] = []
    for cue in cues:
        if any(
            k.entry.rule == cue.entry.rule and k.start <= cue.start and cue.end <= k.end
            for k in kept
        ):
            continue
        kept.append(cue)
    return kept


def detect(ctx: DocContext) -> None:
    ctx.cues = _drop_nested([cue for cue in _raw_cues(ctx) if not _guarded(ctx, cue)])
