"""The second audience: posture changes need reassurance for Seoul somewhere in the draft.

A draft that announces, in its own voice, a step touching the alliance's posture (FRM403) and
contains no reassurance to the ally (FRM502) anywhere gets FRM501 at the first such step. Quoted
speech on either side does not count: it is not the speaker's own announcement or commitment.
"""

from __future__ import annotations

from dataclasses import replace

from framing.detectors.context import DocContext, Hit

POSTURE_CHANGE = "FRM403"
REASSURANCE = "FRM502"
UNREASSURED = "FRM501"
FIRST_PERSON = frozenset({"we", "i", "our", "us"})


def _announced(ctx: DocContext, hit: Hit) -> bool:
    """The speaker's own step ("we will scale back"), not a demand on others ("the withdrawal
    of foreign troops must ...") or a report about a third party."""
    sentence = ctx.sentences[ctx.sent_of[hit.start]]
    return bool(FIRST_PERSON.intersection(ctx.keys[sentence.start : sentence.end]))


def detect(ctx: DocContext) -> None:
    own = [hit for hit in ctx.hits if not hit.quoted]
    if any(hit.rule == REASSURANCE for hit in own):
        return
    changes = [hit for hit in own if hit.rule == POSTURE_CHANGE and _announced(ctx, hit)]
    if changes:
        first = min(changes, key=lambda hit: hit.start)
        text = ctx.doc[first.start : first.end].text
        alternatives = (f"{text} in close coordination with Seoul",)
        ctx.hits.append(
            replace(
                first, rule=UNREASSURED, weight=max(first.weight, 0.5), alternatives=alternatives
            )
        )
