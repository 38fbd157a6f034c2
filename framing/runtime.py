"""Process-wide settings for framing's own processes: the command line and its ``--jobs``
worker processes (library users' processes are left alone).

CPython's cyclic garbage collector runs a collection every 700 allocations, and now and then a
full one over every tracked object. With spaCy, the lookup tables and the lexicons loaded, a
full pass walks hundreds of thousands of objects: compiling the lexicons alone set off passes
costing 40 ms of a pre-commit hook's 300 ms on top of spaCy. framing makes many short-lived
objects and keeps no long-lived cycles, so, like mypy, its processes collect far less often.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Iterable

THRESHOLDS = (200_000, 30, 30)


def collect_less_often() -> None:
    gc.set_threshold(*THRESHOLDS)


def leave_out_pytorch_unless_needed(models: Iterable[str | None]) -> None:
    """``import spacy`` imports PyTorch whenever it is installed (thinc probes for it): two
    seconds and 180 MB of every ``framing check`` where the ``semantic`` extra is installed,
    though neither tier uses it. A command that will build only ``models`` (``--model`` values)
    makes that probe fail instead, unless one of them is a pipeline that runs on PyTorch (a
    transformer) or cannot be told. Never once PyTorch is loaded; never in a library user's
    process, only in the commands that call this (check, fix, score); ``--jobs`` workers
    forked from the command inherit it."""
    from framing.pipeline import needs_pytorch

    if "torch" in sys.modules or any(needs_pytorch(model) for model in models):
        return
    sys.modules["torch"] = None  # type: ignore[assignment]  (import torch now raises ImportError)
