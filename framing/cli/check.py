"""``framing check``: lint drafts, print findings and scores, exit 1 when they fail the bar."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from framing.cli.options import (
    ConfigOption,
    FailOn,
    IgnoreOption,
    IsolatedOption,
    LexiconOption,
    ModelOption,
    SelectOption,
    overrides_from_flags,
)
from framing.errors import ExitCode, FramingError
from framing.render import OutputFormat


def check(
    paths: Annotated[
        list[str],
        typer.Argument(
            help="Files or directories to check (.md, .txt, .rst, .docx), or '-' for stdin."
        ),
    ],
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="Output format.")
    ] = OutputFormat.TEXT,
    fail_on: Annotated[
        FailOn | None,
        typer.Option(
            help="Exit 1 when a finding of this severity or higher is reported. [default: warning]"
        ),
    ] = None,
    max_tension: Annotated[
        float | None,
        typer.Option(
            min=0, max=100, help="Exit 1 when a file's tension score is above this. [default: 100]"
        ),
    ] = None,
    model: ModelOption = None,
    lexicon: LexiconOption = None,
    select: SelectOption = None,
    ignore: IgnoreOption = None,
    config: ConfigOption = None,
    isolated: IsolatedOption = False,
    baseline: Annotated[
        Path | None,
        typer.Option(
            "--baseline", help="Report and fail only on findings not recorded in this file."
        ),
    ] = None,
    write_baseline: Annotated[
        Path | None,
        typer.Option(
            "--write-baseline",
            help="Record the current findings in this file (exit 0); use it with --baseline.",
        ),
    ] = None,
    color: Annotated[
        bool | None, typer.Option("--color/--no-color", help="Colour the text output.")
    ] = None,
) -> int:
    """Check drafts for personalized threats, escalation and hostile-policy framing.

    Settings come from packaged defaults, then the nearest .framing.toml or [tool.framing] in
    pyproject.toml, then these flags. Exit codes: 0 nothing at or above --fail-on and tension
    within --max-tension; 1 otherwise; 2 usage or input error.
    """
    from framing.baseline import apply_baseline, check_writable, read_baseline
    from framing.baseline import write_baseline as record
    from framing.check import analyze_jobs, read_jobs, verdict
    from framing.render import render
    from framing.runtime import leave_out_pytorch_unless_needed

    if baseline is not None and write_baseline is not None:
        raise FramingError("E132")
    overrides = overrides_from_flags(
        select=select,
        ignore=ignore,
        lexicon=lexicon,
        model=model,
        config=config,
        isolated=isolated,
        fail_on=fail_on.value if fail_on is not None else None,
        max_tension=max_tension,
    )
    if write_baseline is not None:
        check_writable(write_baseline)
    recorded = read_baseline(baseline) if baseline is not None else None
    jobs = read_jobs(paths, overrides)
    leave_out_pytorch_unless_needed({job.settings.model for job in jobs})
    files = analyze_jobs(jobs)
    if baseline is not None and recorded is not None:
        files = apply_baseline(files, recorded, baseline.parent)
    result = verdict(files, jobs)
    if write_baseline is not None:
        count = record(write_baseline, result.files)
        typer.echo(f"framing: recorded {count} findings in {write_baseline}", err=True)
    use_color = sys.stdout.isatty() if color is None else color
    typer.echo(render(result.files, output_format, color=use_color), nl=False)
    if write_baseline is not None:
        return int(ExitCode.OK)
    return int(ExitCode.FINDINGS if result.failed else ExitCode.OK)
