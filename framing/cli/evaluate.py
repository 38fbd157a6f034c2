"""``framing evaluate``: how often the tool is right, against labels and on quiet text."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from framing.cli.options import ModelOption
from framing.errors import FramingError


class ReportFormat(StrEnum):
    TEXT = "text"
    JSON = "json"


def evaluate(
    gold: Annotated[
        Path | None,
        typer.Argument(help="Labelled JSONL file shaped like corpora/gold/dev.jsonl."),
    ] = None,
    output_format: Annotated[
        ReportFormat, typer.Option("--format", "-f", help="Output format.")
    ] = ReportFormat.TEXT,
    clean: Annotated[
        list[str] | None,
        typer.Option(
            "--clean",
            help="Files or directories of text that should stay nearly silent; report "
            "findings per 1,000 words by rule and lexicon entry (repeatable).",
        ),
    ] = None,
    calibrated: Annotated[
        bool,
        typer.Option(
            "--calibrated/--rules-only",
            help="Show the calibrator's figures beside the rules' (cross-validated when it "
            "was trained on passages of this file).",
        ),
    ] = True,
    semantic: Annotated[
        bool | None,
        typer.Option(
            "--semantic/--no-semantic",
            help="Use the calibrator's semantic model, which also reads each passage's sentence "
            "embedding (needs the 'semantic' extra), or its n-gram model. Default: semantic when "
            "the extra is installed.",
            show_default=False,
        ),
    ] = None,
    reader: Annotated[
        bool,
        typer.Option(
            "--reader/--no-reader",
            help="Average the semantic model's scores with the fine-tuned reader's, when the "
            "calibrator file has one (it is left out of cross-validated figures, having seen "
            "those passages).",
        ),
    ] = True,
    calibrator: Annotated[
        Path | None,
        typer.Option(
            "--calibrator",
            help="Calibrator file to use, such as one written by 'framing train --out' "
            "(default: the one the package ships).",
        ),
    ] = None,
    model: ModelOption = None,
    misses: Annotated[int, typer.Option(min=0, help="How many of the worst misses to list.")] = 8,
    samples: Annotated[
        int, typer.Option(min=0, help="Sample sentences per lexicon entry in --clean.")
    ] = 2,
) -> None:
    """Measure the tool: per label precision, recall, F1, ROC AUC (and Spearman for esc), side
    by side with the calibrator, TextBlob and VADER; the worst misses; and with --clean, finding
    rates on a corpus that should be quiet.
    """
    from framing.api import Analyzer
    from framing.assess import evaluate_gold, hunt_clean
    from framing.render.evaluation import render_json, render_text

    if gold is None and not clean:
        raise FramingError("E202")
    analyzer = Analyzer(model)
    gold_result = (
        evaluate_gold(
            gold,
            analyzer=analyzer,
            calibrated=calibrated,
            calibrator=calibrator,
            semantic=semantic,
            reader=reader,
            misses=misses,
        )
        if gold is not None
        else None
    )
    clean_result = hunt_clean(clean, analyzer=analyzer, samples=samples) if clean else None
    render = render_json if output_format is ReportFormat.JSON else render_text
    typer.echo(render(gold_result, clean_result), nl=False)
