"""``framing check``: lint drafts, print findings and scores, exit 1 when they fail the bar."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from framing.cli.options import (
    FailOn,
    IgnoreOption,
    LexiconOption,
    ModelOption,
    SelectOption,
    parse_selectors,
)
from framing.errors import ExitCode
from framing.render import OutputFormat


def check(
    paths: Annotated[
        list[str],
        typer.Argument(help="Files or directories to check (.txt, .md), or '-' for stdin."),
    ],
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="Output format.")
    ] = OutputFormat.TEXT,
    fail_on: Annotated[
        FailOn,
        typer.Option(help="Exit 1 when a finding of this severity or higher is reported."),
    ] = FailOn.WARNING,
    max_tension: Annotated[
        float,
        typer.Option(min=0, max=100, help="Exit 1 when a file's tension score is above this."),
    ] = 100.0,
    model: ModelOption = None,
    lexicon: LexiconOption = None,
    select: SelectOption = None,
    ignore: IgnoreOption = None,
    color: Annotated[
        bool | None, typer.Option("--color/--no-color", help="Colour the text output.")
    ] = None,
) -> int:
    """Check drafts for personalized threats, escalation and hostile-policy framing.

    Exit codes: 0 nothing at or above --fail-on and tension within --max-tension; 1 otherwise;
    2 usage or input error.
    """
    from framing.check import CheckOptions, check_sources, read_sources
    from framing.render import render

    options = CheckOptions(
        select=parse_selectors(select, "--select"),
        ignore=parse_selectors(ignore, "--ignore"),
        fail_on=fail_on.value,
        max_tension=max_tension,
    )
    sources = read_sources(paths)
    result = check_sources(sources, model=model, lexicons=tuple(lexicon or ()), options=options)
    use_color = sys.stdout.isatty() if color is None else color
    typer.echo(render(result.files, output_format, color=use_color), nl=False)
    return int(ExitCode.FINDINGS if result.failed else ExitCode.OK)
