"""``framing agree FIRST.jsonl SECOND.jsonl``: how far two annotators agree on one gold set."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer


class AgreeFormat(StrEnum):
    TEXT = "text"
    JSON = "json"


def agree(
    first: Annotated[
        Path,
        typer.Argument(
            help="The first labelling (read as the truth), shaped like corpora/gold/dev.jsonl.",
            metavar="FIRST.jsonl",
            show_default=False,
        ),
    ],
    second: Annotated[
        Path,
        typer.Argument(
            help="A second, independent labelling of the same passages (read as the system).",
            metavar="SECOND.jsonl",
            show_default=False,
        ),
    ],
    output_format: Annotated[
        AgreeFormat,
        typer.Option(
            "--format", "-f", help="Output format; json holds every figure and disagreement."
        ),
    ] = AgreeFormat.TEXT,
    disagreements: Annotated[
        int,
        typer.Option(
            min=0,
            help="How many disagreements the text format lists, in the first file's order "
            "(0 hides them).",
        ),
    ] = 20,
) -> None:
    """Inter-annotator agreement: compare two labellings of the same passages, matched by id.

    Both files must hold the same ids with the same text. For each label both carry (esc read
    as positive from 2 up, as in 'framing evaluate'): how many passages each labelling calls
    positive and how many both do; Cohen's kappa, the agreement beyond what chance would give
    with the same label rates (1 perfect, 0 chance level; '-' when both use one class only);
    and precision, recall and F1 of the second file read as a system scored against the first,
    so the figures compare directly with the tool's in 'framing evaluate'. F1 does not depend on
    which file is first: it is the human ceiling for the tool's F1. For esc also, on the 0–3
    scale: exact agreement, quadratic-weighted kappa and Spearman's rho. Then the passages the
    two labellings disagree on, to adjudicate.
    """
    from framing.agreement import compare_files
    from framing.render.agreement import render_json, render_text

    result = compare_files(first, second)
    if output_format is AgreeFormat.JSON:
        typer.echo(render_json(result), nl=False)
    else:
        typer.echo(render_text(result, disagreements=disagreements), nl=False)
