"""What the semantic calibrator and its reader cost ``framing evaluate``, beside the rules.

``framing evaluate GOLD.jsonl`` runs the analyzer over every passage, the baselines, and then the
calibrator. The semantic model adds PyTorch, a sentence encoder and a nearest-neighbour look-up,
and its fine-tuned reader a second encoder; this measures what that costs a researcher, end to
end, as the command runs it:

* ``--rules-only`` (the baseline: analysis and baselines, no calibrator);
* ``--no-semantic`` (the n-gram calibrator, plain Python);
* ``--semantic --no-reader`` (the n-gram features, the sentence embedding and the neighbours);
* ``--semantic`` (all that, averaged with the fine-tuned reader: the default).

Each run is a fresh ``framing`` process (so imports and model loading are counted), the four
commands interleaved, ``--repeat`` times; the median wall-clock time and its ratio to the
baseline, and the peak resident memory of the process, are printed. Run:
``.venv/bin/python benchmarks/evaluate.py`` (about two minutes on two cores).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# A set the shipped calibrator was not trained on (Makefile HELD_OUT): on one of its training sets
# evaluate cross-validates instead of scoring, and this would time the training.
GOLD = ROOT / "corpora" / "gold" / "holdout33.jsonl"
CONFIGURATIONS = {
    "rules only (baseline)": ["--rules-only"],
    "n-gram calibrator": ["--no-semantic"],
    "semantic calibrator": ["--semantic", "--no-reader"],
    "semantic + reader": ["--semantic"],
}
# Runs the framing command in this interpreter and reports the process's own peak memory.
CHILD = (
    "import json, resource, sys\n"
    "from framing.cli import main\n"
    "code = main(sys.argv[1:])\n"
    "peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024\n"
    "print(json.dumps({'code': code, 'peak_mb': peak}), file=sys.stderr)\n"
)


def run_once(gold: Path, model: str, options: list[str]) -> tuple[float, float]:
    """Wall-clock seconds and peak RSS (MB) of one ``framing evaluate`` process."""
    command = [sys.executable, "-c", CHILD, "evaluate", str(gold), "--model", model]
    command += ["--misses", "0"]
    started = time.perf_counter()
    done = subprocess.run(
        [*command, *options], capture_output=True, text=True, check=False, cwd=ROOT
    )
    seconds = time.perf_counter() - started
    report = json.loads(done.stderr.strip().splitlines()[-1])
    if report["code"] != 0:
        raise SystemExit(f"framing evaluate {' '.join(options)} failed: {done.stderr.strip()}")
    return seconds, float(report["peak_mb"])


def _held_out_texts(gold: Path) -> list[str]:
    """The passages of ``gold``, or a one-line stop when it cannot be read or when the shipped
    calibrator was trained on some of them: evaluate would then cross-validate on it, and the
    benchmark would time training rather than scoring."""
    from framing.errors import FramingError
    from framing.evaluate import read_gold
    from framing.learn.model import load_calibrator

    try:
        texts = [p.text for p in read_gold(gold)]
    except FramingError as exc:
        raise SystemExit(str(exc)) from None
    shared = load_calibrator().for_tier("rules").trained_on_count(texts)
    if shared:
        raise SystemExit(
            f"{gold.name}: the shipped calibrator was trained on {shared} of its passages; "
            "pass --gold with a set it was not trained on (Makefile HELD_OUT)"
        )
    return texts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--model", default="none", help="pipeline tier, as framing's --model")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    args.gold = args.gold.resolve()
    passages = len(_held_out_texts(args.gold))
    seconds: dict[str, list[float]] = {name: [] for name in CONFIGURATIONS}
    peaks: dict[str, list[float]] = {name: [] for name in CONFIGURATIONS}
    for _ in range(args.repeat):
        for name, options in CONFIGURATIONS.items():
            wall, peak = run_once(args.gold, args.model, options)
            seconds[name].append(wall)
            peaks[name].append(peak)
    load = os.getloadavg()[0]
    print(
        f"framing evaluate {args.gold.relative_to(ROOT)} ({passages} passages), --model "
        f"{args.model}; {args.repeat} runs each, interleaved; {os.cpu_count()} CPUs, "
        f"load {load:.2f}"
    )
    print(f"{'configuration':26} {'median s':>9} {'ratio':>6} {'passages/s':>11} {'peak RSS':>9}")
    baseline = statistics.median(seconds["rules only (baseline)"])
    for name in CONFIGURATIONS:
        median = statistics.median(seconds[name])
        print(
            f"{name:26} {median:9.2f} {median / baseline:6.2f} {passages / median:11.1f} "
            f"{max(peaks[name]):6.0f} MB"
        )


if __name__ == "__main__":
    main()
