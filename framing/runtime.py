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

THRESHOLDS = (200_000, 30, 30)


def collect_less_often() -> None:
    gc.set_threshold(*THRESHOLDS)
