"""The ``framing`` script: tunes the process (see :mod:`framing.runtime`) before the command
line and everything it imports are loaded."""

from __future__ import annotations

import sys

from framing.runtime import collect_less_often


def run() -> None:
    collect_less_often()
    from framing.cli import main

    sys.exit(main())
