"""``framing report``: summarize a scores table by a field and plot it."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from framing.errors import ExitCode


class ReportFormat(StrEnum):
    TEXT = "text"
    MARKDOWN = "markdown"
    CSV = "csv"
    JSON = "json"


def _fields(values: list[str]) -> list[str]:
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def report(
    scores: Annotated[
        Path, typer.Argument(help="A table written by 'framing score' (.csv, .jsonl, .parquet).")
    ],
    by: Annotated[
        list[str],
        typer.Option(help="Group by this field (repeatable or comma-separated), e.g. country."),
    ],
    over: Annotated[
        str | None,
        typer.Option(help="With --plot: one line per group over this field, e.g. year."),
    ] = None,
    plot: Annotated[
        Path | None, typer.Option(help="Write a plot of the mean --metric (.png, .svg, .pdf).")
    ] = None,
    metric: Annotated[str, typer.Option(help="Score column to plot.")] = "tension",
    smooth: Annotated[
        int, typer.Option(min=1, help="Plot a centred rolling mean over this many --over values.")
    ] = 1,
    top: Annotated[
        int, typer.Option(min=0, help="How many of the most frequent rules to list.")
    ] = 3,
    output_format: Annotated[
        ReportFormat, typer.Option("--format", "-f", help="Table format.")
    ] = ReportFormat.TEXT,
) -> int:
    """Summarize scores per group: documents, errors, words, mean and median tension and of each
    dimension, and the most frequent rules; optionally plot the mean tension per group."""
    from framing.report import check_fields, format_table, load_scores, summarize
    from framing.report import plot as draw

    groups = _fields(by)
    frame = load_scores(scores)
    check_fields(frame, [*groups, *([over] if over else []), metric], scores)
    typer.echo(format_table(summarize(frame, groups, top=top), output_format.value), nl=False)
    if plot is not None:
        draw(frame, groups, plot, over=over, metric=metric, smooth=smooth)
        typer.echo(f"framing: wrote {plot}", err=True)
    return int(ExitCode.OK)
