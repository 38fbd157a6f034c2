"""Renderers: turn analysed files into text for a terminal, a program or a CI system.

Every renderer has the signature ``render(files: Sequence[CheckedFile], *, color: bool) -> str``
and reads only the plain result dataclasses.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from framing.analysis import Analysis


@dataclass(frozen=True)
class CheckedFile:
    """One analysed input, as the renderers see it."""

    path: str
    analysis: Analysis


class OutputFormat(StrEnum):
    TEXT = "text"
    JSON = "json"
    SARIF = "sarif"
    GITHUB = "github"
    HTML = "html"


Renderer = Callable[..., str]


def renderer(fmt: OutputFormat) -> Renderer:
    """The render function for a format (imported on demand)."""
    if fmt is OutputFormat.JSON:
        from framing.render.json import render
    elif fmt is OutputFormat.SARIF:
        from framing.render.sarif import render
    elif fmt is OutputFormat.GITHUB:
        from framing.render.github import render
    elif fmt is OutputFormat.HTML:
        from framing.render.html import render
    else:
        from framing.render.text import render
    return render


def render(files: Sequence[CheckedFile], fmt: OutputFormat, *, color: bool = False) -> str:
    return renderer(fmt)(files, color=color)
