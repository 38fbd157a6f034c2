"""Turn the remaining cues into findings under their own rule.

Negation decides per entry: most negated cues are dropped ("we will not destroy"), insults are
kept (denying an insult still says it), and hostile-policy terms become an assurance of
non-hostility (FRM602) — "We do not seek regime change", "cease all hostile acts".
"""

from __future__ import annotations

from framing.detectors.context import DocContext, hit_from_cue

ASSURANCE = "FRM602"


def detect(ctx: DocContext) -> None:
    targeted = {m.sent for m in ctx.targets}
    for cue in ctx.cues:
        if cue.consumed:
            continue
        entry = cue.entry
        if entry.needs_target and cue.sent not in targeted:
            continue
        if cue.mods.negated:
            if entry.negation == "suppress":
                continue
            if entry.negation == "assurance":
                # The finding covers the negator and the cue, whichever comes first
                # ("anti-peace forces should not be ..." puts the negator after the cue).
                start, end = sorted(
                    (cue.start, cue.negator if cue.negator is not None else cue.start)
                )
                ctx.hits.append(
                    hit_from_cue(cue, ASSURANCE, start=start, end=max(end + 1, cue.end))
                )
                continue
        ctx.hits.append(hit_from_cue(cue, entry.rule))
