"""What ``framing evaluate`` and ``framing train`` do, as functions the CLI and tests call alike.

Each takes an optional :class:`~framing.api.Analyzer` so a caller that evaluates several files
builds the pipeline once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from framing.api import Analyzer
from framing.clean_report import CleanReport, clean_report
from framing.errors import FramingError
from framing.evaluate import read_gold
from framing.gold_report import GoldReport, calibration_for, gold_report
from framing.learn.embedding import require as require_encoder
from framing.sources import expand_paths, read_path

SKIPPABLE = frozenset({"E002", "E003"})


def evaluate_gold(
    path: Path,
    *,
    analyzer: Analyzer | None = None,
    calibrated: bool = True,
    calibrator: Path | None = None,
    semantic: bool | None = None,
    reader: bool = True,
    misses: int = 8,
) -> GoldReport:
    """Rules, calibrator and baselines on one gold file (see :mod:`framing.gold_report`);
    ``semantic`` None picks the calibrator's model as :func:`~framing.gold_report.calibration_for`
    explains; ``reader=False`` leaves its fine-tuned reader out."""
    passages = read_gold(path)
    if calibrated and semantic:
        require_encoder()
    analyzer = analyzer or Analyzer()
    analyses = list(analyzer.analyze_many((p.text for p in passages), people=True))
    tier, version = analyzer.tier, analyzer.lexicon_version
    calibration = (
        calibration_for(passages, analyses, tier, version, calibrator, semantic, reader)
        if calibrated
        else None
    )
    return gold_report(
        str(path),
        passages,
        analyses,
        tier=tier,
        lexicon_version=version,
        calibration=calibration,
        misses=misses,
    )


def hunt_clean(
    paths: Sequence[str], *, analyzer: Analyzer | None = None, samples: int = 2
) -> CleanReport:
    """Finding rates over a corpus that should be nearly silent (files or directories).

    A file that is not UTF-8 text or is empty is skipped and listed, not fatal: one odd file
    in a downloaded corpus should not hide the rates of all the others.
    """
    sources, skipped = [], []
    for name in expand_paths(paths):
        try:
            sources.append(read_path(Path(name)))
        except FramingError as exc:
            if exc.code not in SKIPPABLE:
                raise
            skipped.append(" ".join(str(exc).split()))
    analyzer = analyzer or Analyzer()
    files = [(s.name, analyzer.analyze(s.prose, original=s.original)) for s in sources]
    return clean_report(
        paths,
        files,
        tier=analyzer.tier,
        lexicon_version=analyzer.lexicon_version,
        samples=samples,
        skipped=skipped,
    )


@dataclass(frozen=True)
class TrainSummary:
    path: Path
    tier: str
    passages: int
    cv: dict[str, dict[str, Any]]
    untrained: dict[str, str]


def train_calibrator(
    golds: Sequence[Path],
    *,
    out: Path | None = None,
    analyzer: Analyzer | None = None,
    seed: int | None = None,
    semantic: bool = False,
) -> TrainSummary:
    """Fit the calibrator of the analyzer's tier on the passages of ``golds`` together and
    write it (atomically) to ``out``, by default the file shipped inside the package; other
    tiers' models are kept. ``semantic`` trains the tier's semantic model instead."""
    from framing.learn import model, train

    target = out or model.PACKAGED
    existing = model.read_document(target)
    passages = [passage for gold in golds for passage in read_gold(gold)]
    if semantic:
        require_encoder()
    analyzer = analyzer or Analyzer()
    analyses = list(analyzer.analyze_many((p.text for p in passages), people=True))
    document = train.train(
        golds,
        passages,
        analyses,
        tier=analyzer.tier,
        lexicon_version=analyzer.lexicon_version,
        existing=existing,
        seed=train.SEED if seed is None else seed,
        semantic=semantic,
    )
    model.write_document(target, document)
    name = model.entry_name(analyzer.tier, semantic)
    entry = document["tiers"][name]
    return TrainSummary(
        path=target,
        tier=name,
        passages=len(passages),
        cv=entry["cv"],
        untrained={k: v["untrained"] for k, v in entry["labels"].items() if "untrained" in v},
    )


@dataclass(frozen=True)
class ReaderSummary:
    path: Path
    weights: Path
    tier: str
    passages: int


def fine_tune_reader(
    golds: Sequence[Path],
    *,
    out: Path | None = None,
    analyzer: Analyzer | None = None,
    seed: int | None = None,
) -> ReaderSummary:
    """Fine-tune the reader (:mod:`framing.learn.reader`) on the passages of ``golds``, read with
    names masked as the analyzer's tier masks them; write its weights beside the calibrator file
    ``out`` (by default the shipped one) and record them in it. The tiers' models are kept."""
    from framing.learn import model, reader, train
    from framing.learn.features import calibrator_text

    target = out or model.PACKAGED
    existing = model.read_document(target)
    passages = [passage for gold in golds for passage in read_gold(gold)]
    require_encoder()
    analyzer = analyzer or Analyzer()
    analyses = analyzer.analyze_many((p.text for p in passages), people=True)
    texts = [calibrator_text(a) for a in analyses]
    settings = reader.ReaderSettings() if seed is None else reader.ReaderSettings(seed=seed)
    state = reader.fine_tune(texts, [p.labels for p in passages], settings)
    weights = reader.weights_path(target)
    digest = reader.save(state, weights)
    document = train.usable_document(existing)
    written = [p.text for p in passages]
    source = train.source_name(golds)
    document["reader"] = reader.describe(written, settings, source, weights.name, digest)
    model.write_document(target, document)
    return ReaderSummary(target, weights, analyzer.tier, len(passages))
