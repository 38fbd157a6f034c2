"""``framing train GOLD.jsonl...``: fit the calibrator and report its cross-validated figures."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from framing.cli.options import ModelOption


def train(
    gold: Annotated[
        list[Path],
        typer.Argument(help="Labelled JSONL files to train on (their passages together)."),
    ],
    out: Annotated[
        Path | None,
        typer.Option(help="Where to write the calibrator (default: the one the package ships)."),
    ] = None,
    model: ModelOption = None,
    seed: Annotated[
        int,
        typer.Option(help="Seed of the cross-validation folds (with --fine-tune, of training)."),
    ] = 0,
    semantic: Annotated[
        bool,
        typer.Option(
            "--semantic/--no-semantic",
            help="Train the tier's semantic model, which also reads each passage's sentence "
            "embedding (needs the 'semantic' extra), instead of its n-gram model.",
        ),
    ] = False,
    fine_tune: Annotated[
        bool,
        typer.Option(
            "--fine-tune",
            help="Instead of a tier's model, fine-tune the reader: the sentence encoder trained "
            "end to end on the labels, whose scores the semantic models average with theirs. "
            "Needs the 'semantic' extra; about 15 minutes of two CPUs on 5,000 passages. Its "
            "weights go beside the calibrator file.",
        ),
    ] = False,
) -> None:
    """Fit regularised logistic regressions per label (escalation: one per step of its
    0-3 scale) on the detectors' outputs and the passages' word and letter n-grams, names
    masked (with --semantic, also their sentence embeddings), for the tier chosen by --model,
    and store them as JSON. Only cross-validated figures are printed. With --fine-tune, train
    the reader instead.
    """
    from framing.api import Analyzer
    from framing.assess import fine_tune_reader, train_calibrator

    if fine_tune:
        if semantic:
            raise typer.BadParameter("give --fine-tune or --semantic, not both")
        tuned = fine_tune_reader(gold, out=out, analyzer=Analyzer(model), seed=seed)
        typer.echo(
            f"fine-tuned the reader on {tuned.passages} passages of "
            f"{' + '.join(str(g) for g in gold)} (names masked as the {tuned.tier} tier masks "
            f"them); wrote {tuned.weights} and recorded it in {tuned.path} (no figures: a "
            "reader is measured on held-out sets, with 'framing evaluate')"
        )
        return
    summary = train_calibrator(
        gold, out=out, analyzer=Analyzer(model), seed=seed, semantic=semantic
    )
    typer.echo(
        f"trained the {summary.tier} calibrator on {summary.passages} passages of "
        f"{' + '.join(str(g) for g in gold)}; "
        f"wrote {summary.path}"
    )
    typer.echo(f"{'label':7} {'precision':>9} {'recall':>9} {'f1':>9} {'auc':>9} {'spearman':>9}")
    for label, figures in summary.cv.items():
        cells = " ".join(
            f"{'-' if figures.get(k) is None else format(figures[k], '.3f'):>9}"
            for k in ("precision", "recall", "f1", "auc", "spearman")
        )
        typer.echo(f"{label:7} {cells}   ({figures['positives']} positive, cross-validated)")
    for label, why in summary.untrained.items():
        typer.echo(f"{label:7} not trained: {why}")
