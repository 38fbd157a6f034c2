"""Detectors: small functions with one job each, run in order by the ``framing`` component.

Every detector has the same signature, ``detect(ctx: DocContext) -> None``: it reads what earlier
detectors left on the context and adds its own results. The order is the data flow: cues and
targets are found, modifiers qualify the cues, then the finding detectors turn cues into findings.
"""

from __future__ import annotations

from collections.abc import Callable

from framing.detectors import alliance, cues, findings, modifiers, targets, threats
from framing.detectors.context import DocContext

Detector = Callable[[DocContext], None]

DETECTORS: tuple[Detector, ...] = (
    cues.detect,
    targets.detect,
    modifiers.detect,
    threats.detect,
    findings.detect,
    alliance.detect,
)

__all__ = ["DETECTORS", "Detector", "DocContext"]
