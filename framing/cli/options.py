"""Option types shared by several commands."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from framing.errors import FramingError
from framing.rules import RULES_BY_CODE

if TYPE_CHECKING:
    from framing.config import Overrides

ModelOption = Annotated[
    str | None,
    typer.Option(
        "--model",
        help="Trained spaCy pipeline (package name or path) for the parser tier, or 'none' for "
        "the rules tier. Default: use en_core_web_{lg,md,sm} when installed.",
    ),
]
LexiconOption = Annotated[
    list[Path] | None,
    typer.Option("--lexicon", help="Extra TOML lexicon pack (repeatable)."),
]
SelectOption = Annotated[
    list[str] | None,
    typer.Option(
        "--select", help="Only these rules: codes or prefixes, comma-separated (FRM1,FRM201)."
    ),
]
ConfigOption = Annotated[
    Path | None,
    typer.Option(
        "--config",
        help="Use this .framing.toml or pyproject.toml for every file instead of the one "
        "found by walking up from each file.",
    ),
]
IsolatedOption = Annotated[bool, typer.Option("--isolated", help="Ignore all configuration files.")]
IgnoreOption = Annotated[
    list[str] | None,
    typer.Option("--ignore", help="Skip these rules: codes or prefixes, comma-separated."),
]


class FailOn(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"
    NEVER = "never"


def parse_selectors(values: list[str] | None, option: str) -> tuple[str, ...]:
    """Split comma-separated rule selectors and check that each names at least one rule."""
    selectors = tuple(
        part.strip().upper() for value in values or () for part in value.split(",") if part.strip()
    )
    for selector in selectors:
        if not any(code.startswith(selector) for code in RULES_BY_CODE):
            raise FramingError("E022", option=option, detail=f"no rule matches '{selector}'")
    return selectors


def overrides_from_flags(
    *,
    select: list[str] | None,
    ignore: list[str] | None,
    lexicon: list[Path] | None,
    model: str | None,
    config: Path | None,
    isolated: bool,
    fail_on: str | None = None,
    max_tension: float | None = None,
) -> Overrides:
    """The settings a command's shared flags override (see :mod:`framing.config`)."""
    from framing.config import cli_overrides

    return cli_overrides(
        select=parse_selectors(select, "--select") if select else None,
        ignore=parse_selectors(ignore, "--ignore") if ignore else None,
        fail_on=fail_on,
        max_tension=max_tension,
        lexicons=lexicon,
        model=model,
        config=config,
        isolated=isolated,
    )
