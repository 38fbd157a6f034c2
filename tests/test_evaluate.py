"""``framing evaluate``: figures on labelled sets, baselines, worst misses, clean-corpus rates.

The lexicons are still being tuned, so nothing here pins a figure; the tests check that the
figures are the ones their definitions give, on the real gold sets and real corpus files.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from framing import baselines
from framing.api import Analyzer
from framing.assess import evaluate_gold, hunt_clean
from framing.evaluate import LABELS, binary_truth, predicted, read_gold, score_of
from framing.gold_report import GoldReport
from framing.learn.model import load_calibrator
from tests.conftest import CORPORA, ROOT, run_main

DEV = CORPORA / "gold" / "dev.jsonl"
EXTRA = CORPORA / "gold" / "extra.jsonl"
HOLDOUT = CORPORA / "gold" / "holdout.jsonl"
HOLDOUT2 = CORPORA / "gold" / "holdout2.jsonl"
HOLDOUT3 = CORPORA / "gold" / "holdout3.jsonl"
HOLDOUT4 = CORPORA / "gold" / "holdout4.jsonl"
HOLDOUT5 = CORPORA / "gold" / "holdout5.jsonl"
HOLDOUT6 = CORPORA / "gold" / "holdout6.jsonl"
HOLDOUT7 = CORPORA / "gold" / "holdout7.jsonl"
HOLDOUT8 = CORPORA / "gold" / "holdout8.jsonl"
HOLDOUT9 = CORPORA / "gold" / "holdout9.jsonl"
HOLDOUT10 = CORPORA / "gold" / "holdout10.jsonl"
HOLDOUT11 = CORPORA / "gold" / "holdout11.jsonl"
HOLDOUT12 = CORPORA / "gold" / "holdout12.jsonl"
HOLDOUT13 = CORPORA / "gold" / "holdout13.jsonl"
HOLDOUT14 = CORPORA / "gold" / "holdout14.jsonl"
HOLDOUT15 = CORPORA / "gold" / "holdout15.jsonl"
HOLDOUT16 = CORPORA / "gold" / "holdout16.jsonl"
HOLDOUT17 = CORPORA / "gold" / "holdout17.jsonl"
HOLDOUT18 = CORPORA / "gold" / "holdout18.jsonl"
HOLDOUT19 = CORPORA / "gold" / "holdout19.jsonl"
HOLDOUT20 = CORPORA / "gold" / "holdout20.jsonl"
HOLDOUT21 = CORPORA / "gold" / "holdout21.jsonl"
HOLDOUT22 = CORPORA / "gold" / "holdout22.jsonl"
HOLDOUT23 = CORPORA / "gold" / "holdout23.jsonl"
HOLDOUT24 = CORPORA / "gold" / "holdout24.jsonl"
HOLDOUT25 = CORPORA / "gold" / "holdout25.jsonl"
HOLDOUT26 = CORPORA / "gold" / "holdout26.jsonl"
HOLDOUT27 = CORPORA / "gold" / "holdout27.jsonl"
HOLDOUT28 = CORPORA / "gold" / "holdout28.jsonl"
HOLDOUT29 = CORPORA / "gold" / "holdout29.jsonl"
HOLDOUT30 = CORPORA / "gold" / "holdout30.jsonl"
HOLDOUT31 = CORPORA / "gold" / "holdout31.jsonl"
HOLDOUT32 = CORPORA / "gold" / "holdout32.jsonl"
HOLDOUT33 = CORPORA / "gold" / "holdout33.jsonl"
# labelled for the next change and not measured yet: no test runs the tool on it
HOLDOUT34 = CORPORA / "gold" / "holdout34.jsonl"
TRAIN1 = CORPORA / "gold" / "train1.jsonl"
TRAIN2 = CORPORA / "gold" / "train2.jsonl"
# In the order they were labelled: each must share no passage with those before it.
LABELLED = [
    DEV,
    EXTRA,
    HOLDOUT,
    HOLDOUT2,
    HOLDOUT3,
    HOLDOUT4,
    HOLDOUT5,
    HOLDOUT6,
    HOLDOUT7,
    HOLDOUT8,
    HOLDOUT9,
    HOLDOUT10,
    HOLDOUT11,
    HOLDOUT12,
    HOLDOUT13,
    HOLDOUT14,
    HOLDOUT15,
    HOLDOUT16,
    HOLDOUT17,
    HOLDOUT18,
    HOLDOUT19,
    TRAIN1,
    TRAIN2,
    HOLDOUT20,
    HOLDOUT21,
    HOLDOUT22,
    HOLDOUT23,
    HOLDOUT24,
    HOLDOUT25,
    HOLDOUT26,
    HOLDOUT27,
    HOLDOUT28,
    HOLDOUT29,
    HOLDOUT30,
    HOLDOUT31,
    HOLDOUT32,
    HOLDOUT33,
    HOLDOUT34,
]
# The shipped calibrator's and reader's training passages, in the order they were trained on
# them: every set labelled up to holdout32 and the training set train2 (not train1, which they do
# not use).
TUNING = [
    *LABELLED[: LABELLED.index(HOLDOUT19) + 1],
    HOLDOUT20,
    TRAIN2,
    HOLDOUT21,
    HOLDOUT22,
    HOLDOUT23,
    HOLDOUT24,
    HOLDOUT25,
    HOLDOUT26,
    HOLDOUT27,
    HOLDOUT28,
    HOLDOUT29,
    HOLDOUT30,
    HOLDOUT31,
    HOLDOUT32,
]
# The held-out set of record, never trained on (Makefile HELD_OUT).
HELD_OUT = HOLDOUT33
INAUGURAL = CORPORA / "inaugural"
DESTROY = "We will have no choice but to totally destroy North Korea."


@pytest.fixture(scope="module")
def dev_report(rules_analyzer: Analyzer) -> GoldReport:
    return evaluate_gold(DEV, analyzer=rules_analyzer)


def test_cli_text_report_on_dev(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_main(capsys, "evaluate", str(DEV), "--model", "none")
    assert code == 0, err
    assert out.startswith(f"{DEV}: 41 passages, rules tier")
    table = out.split("\n\n")[1]
    for label in LABELS:
        assert any(line.startswith(f"{label:7} rules") for line in table.splitlines()), label
    for system in ("calibrated", "textblob"):
        assert system in table


def test_cli_json_keys(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_main(
        capsys, "evaluate", str(DEV), "--model", "none", "--format", "json", "--misses", "3"
    )
    assert code == 0
    document = json.loads(out)
    assert document["version"] == 1
    assert document["clean"] is None
    gold = document["gold"]
    assert gold["passages"] == 41
    assert set(gold["labels"]) == set(LABELS)
    esc = gold["labels"]["esc"]["systems"]
    assert {"rules", "calibrated", "textblob"} <= set(esc)
    assert set(esc["rules"]) == {"precision", "recall", "f1", "auc", "spearman"}
    assert set(gold["labels"]["threat"]["systems"]["rules"]) == {"precision", "recall", "f1", "auc"}
    assert esc["textblob"]["f1"] is None, "a baseline has no threshold, so no F1"
    assert len(gold["worst_misses"]) <= 3
    for miss in gold["worst_misses"]:
        assert {"id", "label", "value", "truth", "predicted", "score", "text", "said"} <= set(miss)
        assert miss["truth"] != miss["predicted"]


def test_rules_only_has_no_calibrated_column(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_main(
        capsys, "evaluate", str(DEV), "--model", "none", "--rules-only", "--format", "json"
    )
    assert code == 0
    gold = json.loads(out)["gold"]
    assert gold["calibration"] is None
    assert all("calibrated" not in item["systems"] for item in gold["labels"].values())


def test_rules_figures_match_their_definition(
    dev_report: GoldReport, rules_analyzer: Analyzer
) -> None:
    from sklearn.metrics import f1_score, roc_auc_score

    passages = read_gold(DEV)
    analyses = list(rules_analyzer.analyze_many(p.text for p in passages))
    for item in dev_report.labels:
        truth = [binary_truth(item.label, p.labels[item.label]) for p in passages]
        rules = item.systems["rules"]
        assert item.positives == sum(truth)
        expected_f1 = f1_score(truth, [predicted(item.label, a) for a in analyses], zero_division=0)
        assert rules["f1"] == pytest.approx(expected_f1)
        if len(set(truth)) == 2:
            scores = [score_of(item.label, a) for a in analyses]
            assert rules["auc"] == pytest.approx(roc_auc_score(truth, scores))


def test_baselines_are_measured_on_the_same_passages(dev_report: GoldReport) -> None:
    from sklearn.metrics import roc_auc_score

    passages = read_gold(DEV)
    esc = next(item for item in dev_report.labels if item.label == "esc")
    truth = [binary_truth("esc", p.labels["esc"]) for p in passages]
    negated = baselines.oriented("esc", [baselines.textblob_polarity(p.text) for p in passages])
    assert esc.systems["textblob"]["auc"] == pytest.approx(roc_auc_score(truth, negated))
    assert baselines.oriented("mt", [0.5]) == [0.5]
    assert baselines.oriented("hp", [0.5]) == [-0.5]
    if baselines.vader_scorer() is not None:
        assert esc.systems["vader"]["auc"] is not None
    else:
        assert any("VADER" in note for note in dev_report.notes)


def test_worst_misses_are_wrong_calls_worst_first(dev_report: GoldReport) -> None:
    assert dev_report.misses
    ids = {p.id for p in read_gold(DEV)}
    for miss in dev_report.misses:
        assert miss.id in ids
        assert miss.predicted != miss.truth
        assert miss.said
    by_label: dict[str, list[float]] = {}
    for miss in dev_report.misses:
        by_label.setdefault(miss.label, []).append(miss.error)
    for errors in by_label.values():
        assert errors == sorted(errors, reverse=True)


def test_calibrator_is_not_scored_on_its_training_passages(
    dev_report: GoldReport, rules_analyzer: Analyzer
) -> None:
    shipped = load_calibrator().for_tier("rules")
    assert shipped.trained_on["passages"] == sum(len(read_gold(path)) for path in TUNING)
    assert dev_report.calibration is not None
    assert "cross-validated on this file" in dev_report.calibration
    held_out = evaluate_gold(HELD_OUT, analyzer=rules_analyzer, misses=0)
    assert held_out.calibration is not None
    assert "held out" in held_out.calibration
    assert held_out.passages == len(read_gold(HELD_OUT))


@pytest.mark.parametrize(
    ("path", "prefix", "size"),
    [
        (EXTRA, "extra-", 123),
        (HOLDOUT, "holdout-", 138),
        (HOLDOUT2, "holdout2-", 154),
        (HOLDOUT3, "holdout3-", 183),
        (HOLDOUT4, "holdout4-", 61),
        (HOLDOUT5, "holdout5-", 146),
        (HOLDOUT6, "holdout6-", 139),
        (HOLDOUT7, "holdout7-", 149),
        (HOLDOUT8, "holdout8-", 134),
        (HOLDOUT9, "holdout9-", 138),
        (HOLDOUT10, "holdout10-", 135),
        (HOLDOUT11, "holdout11-", 134),
        (HOLDOUT12, "holdout12-", 192),
        (HOLDOUT13, "holdout13-", 195),
        (HOLDOUT14, "holdout14-", 212),
        (HOLDOUT15, "holdout15-", 220),
        (HOLDOUT16, "holdout16-", 217),
        (HOLDOUT17, "holdout17-", 226),
        (HOLDOUT18, "holdout18-", 238),
        (HOLDOUT19, "holdout19-", 225),
        (TRAIN1, "train1-", 66),
        (TRAIN2, "train2-", 197),
        (HOLDOUT20, "holdout20-", 227),
        (HOLDOUT21, "holdout21-", 222),
        (HOLDOUT22, "holdout22-", 239),
        (HOLDOUT23, "holdout23-", 195),
        (HOLDOUT24, "holdout24-", 163),
        (HOLDOUT25, "holdout25-", 164),
        (HOLDOUT26, "holdout26-", 196),
        (HOLDOUT27, "holdout27-", 244),
        (HOLDOUT28, "holdout28-", 250),
        (HOLDOUT29, "holdout29-", 255),
        (HOLDOUT30, "holdout30-", 249),
        (HOLDOUT31, "holdout31-", 241),
        (HOLDOUT32, "holdout32-", 233),
        (HOLDOUT33, "holdout33-", 230),
        (HOLDOUT34, "holdout34-", 243),
    ],
)
def test_labelled_sets_are_apart(path: Path, prefix: str, size: int) -> None:
    """Held-out passages must not be tuning passages under another id."""
    earlier = LABELLED[: LABELLED.index(path)]
    seen = {_flat(p.text) for gold in earlier for p in read_gold(gold)}
    passages = read_gold(path)
    assert len(passages) == size
    assert not any(_flat(p.text) in seen for p in passages)
    assert all(p.id.startswith(prefix) for p in passages)
    assert all(p.record["source"] and p.record["license"] for p in passages)


def _flat(text: str) -> str:
    return " ".join(text.split())


WHITE_HOUSE = "brian14708/wh-briefings@"
# Sources whose passages are checked against the sentences around them, kept in
# corpora/FOLDER/excerpts.jsonl (each folder's README.md says how they were made).
EXCERPTED = {
    # the 2015-16 campaign: two collections of transcripts
    ("alexmill/trump_transcripts@", "unendin/Trump_Campaign_Corpus@"): "campaign2016",
    # Donald J. Trump's presidential speeches as the Miller Center transcribed them
    ("ZhouXiaoyuuuu/Trump_presidential_speech_corpus@",): "presidency",
    # Australian Prime Ministers' transcripts
    ("wragge/pm-transcripts@",): "pmtranscripts",
    # Vladimir Putin's remarks, from a mirror of the Kremlin's English site
    ("iandennismiller/valdai-transcripts@",): "kremlin",
    # Donald Trump's 2017 tweets as an archive's JSON file holds them, cited by character
    ("mars-g/TrumpTweetsArchive@",): "twitterarchive",
    # Donald Trump's tweets of July-September 2019 as a CSV file of them holds them, by character
    ("plantologist/Trump_tweets_1_October_2019@",): "tweets2019",
    # Donald Trump's tweets of June-December 2017 as the dslabs CSV file holds them, by character
    ("ambujtewari/stats306-winter2021@",): "tweets2017",
    # Donald Trump's tweets of January-December 2018 as the archive's JSON file holds them
    ("Hansoners/twitter-stock-bot@",): "tweets2018",
}


@cache
def _white_house() -> list[dict[str, Any]]:
    """The source paragraphs of the White House passages (corpora/whitehouse/README.md)."""
    with (CORPORA / "whitehouse" / "excerpts.jsonl").open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


@cache
def _excerpts(folder: str) -> dict[str, dict[str, Any]]:
    """The text around each passage of one source: the sentences before and after it, or a
    tweet's whole record (corpora/FOLDER/README.md)."""
    with (CORPORA / folder / "excerpts.jsonl").open(encoding="utf-8") as handle:
        return {record["id"]: record for record in map(json.loads, handle)}


def _sourced_from(prefix: str | tuple[str, ...]) -> set[str]:
    return {
        p.id for gold in LABELLED for p in read_gold(gold) if p.record["source"].startswith(prefix)
    }


@pytest.mark.parametrize(("prefixes", "folder"), EXCERPTED.items())
def test_excerpts_name_their_passages(prefixes: tuple[str, ...], folder: str) -> None:
    assert set(_excerpts(folder)) == _sourced_from(prefixes)


def test_white_house_excerpts_name_their_passages() -> None:
    assert {i for e in _white_house() for i in e["ids"]} == _sourced_from(WHITE_HOUSE)
    assert all(e["url"].startswith("https://") and e["title"] for e in _white_house())


@pytest.mark.parametrize("path", LABELLED[1:])
def test_labelled_passages_are_verbatim_from_their_sources(path: Path) -> None:
    tweets = {
        json.loads(line)["id"]: json.loads(line)["text"]
        for line in (CORPORA / "trump_tweets_korea_2017_2019.jsonl").open(encoding="utf-8")
    }
    for passage in read_gold(path):
        source = passage.record["source"]
        folder = next((f for prefixes, f in EXCERPTED.items() if source.startswith(prefixes)), None)
        if folder is not None:
            excerpt = _excerpts(folder)[passage.id]
            repository = source.split("@")[0]
            where = f"{excerpt['commit']} {excerpt['path']} (from character {excerpt['start']})"
            assert source == f"{repository}@{where}"
            if "record" in excerpt:  # a whole JSON object: the passage is its decoded text
                at = excerpt["start"] - excerpt["record"]
                assert excerpt["context"][:at].endswith('"text": "'), passage.id
                assert json.loads(excerpt["context"])["text"] == passage.text, passage.id
                continue
            assert passage.text in excerpt["context"], passage.id
            if "line" in excerpt:  # a whole CSV record: the text stands at its offset in it
                at = excerpt["start"] - excerpt["line"]
                assert excerpt["context"][at : at + len(passage.text)] == passage.text, passage.id
            continue
        if passage.record["kind"] == "tweet":
            tweet_id = source.split("tweet id ")[1].split(";")[0]
            assert tweets[tweet_id] == passage.text
            continue
        if source.startswith(WHITE_HOUSE):
            commit, path = source.removeprefix(WHITE_HOUSE).split(" ")[:2]
            # a passage of two sentences may run across a paragraph break: both are kept
            around = " ".join(
                e["paragraph"]
                for e in _white_house()
                if (e["commit"], e["path"]) == (commit, path) and passage.id in e["ids"]
            )
            assert _flat(passage.text) in _flat(around), passage.id
            continue
        # line numbers count newlines, as sed does (not form feeds or stray carriage returns);
        # the three 1991 files hold no newline at all and end their lines with a carriage return
        with (ROOT / source.split(" ")[0]).open(encoding="utf-8", newline="") as handle:
            raw = handle.read()
        lines = [line.strip("\r") for line in raw.split("\n" if "\n" in raw else "\r")]
        where = re.search(r" lines? (\d+)(?:-(\d+))?", source)
        assert where, source
        first, last = int(where[1]), int(where[2] or where[1])
        selected = lines[first - 1 : last]
        wrapped = [line for line in selected if line.strip()]
        # hard-wrapped lines were joined with a space, or with nothing after a final hyphen
        joined = "".join(
            line.strip() + ("" if line.strip().endswith("-") else " ") for line in wrapped
        )
        assert _flat(passage.text) in _flat(joined), passage.id


@pytest.fixture
def clean_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "clean"
    folder.mkdir()
    for name in ("1789-Washington.txt", "1801-Jefferson.txt", "1865-Lincoln.txt"):
        shutil.copy(INAUGURAL / name, folder / name)
    return folder


def test_clean_mode_json(capsys: pytest.CaptureFixture[str], clean_dir: Path) -> None:
    code, out, err = run_main(
        capsys, "evaluate", "--clean", str(clean_dir), "--model", "none", "--format", "json"
    )
    assert code == 0, err
    clean = json.loads(out)["clean"]
    assert clean["files"] == 3
    assert clean["words"] > 3000
    assert clean["errors_per_10000"] == pytest.approx(
        round(clean["errors"] * 10000 / clean["words"], 3)
    )
    assert clean["findings"] == sum(rule["count"] for rule in clean["rules"])
    for rule in clean["rules"]:
        assert rule["count"] == sum(entry["count"] for entry in rule["entries"])
        for entry in rule["entries"]:
            for sample in entry["samples"]:
                assert sample["match"] in sample["sentence"]


def test_clean_rates_count_a_planted_threat(rules_analyzer: Analyzer, clean_dir: Path) -> None:
    before = hunt_clean([str(clean_dir)], analyzer=rules_analyzer)
    washington = (INAUGURAL / "1789-Washington.txt").read_text(encoding="utf-8")
    (clean_dir / "planted.txt").write_text(f"{washington}\n\n{DESTROY}\n", encoding="utf-8")
    after = hunt_clean([str(clean_dir)], analyzer=rules_analyzer)
    assert after.files == before.files + 1
    escalation = [r for r in after.rules if r.rule.startswith("FRM2")]
    assert escalation, "the planted sentence must show up under an FRM2xx rule"
    planted = [s for r in escalation for e in r.entries for s in e.samples]
    assert any(s.path.endswith("planted.txt") and "destroy" in s.sentence for s in planted)
    for rule in after.rules:
        assert rule.per_1000 == pytest.approx(round(rule.count * 1000 / after.words, 3))


def test_clean_mode_skips_a_file_that_is_not_utf8(
    rules_analyzer: Analyzer, clean_dir: Path
) -> None:
    (clean_dir / "latin1.txt").write_bytes("Pr\xe9sident".encode("latin-1"))
    report = hunt_clean([str(clean_dir)], analyzer=rules_analyzer)
    assert report.files == 3
    assert len(report.skipped) == 1
    assert "latin1.txt" in report.skipped[0]


@pytest.mark.parametrize(
    ("content", "code"),
    [
        ('{"id": "a", "text": "Calm words.", "labels": {"esc": 5}}\n', "E200"),
        ('{"id": "a", "text": "Calm words.", "labels": {"tone": 1}}\n', "E200"),
        ('{"id": "a", "labels": {"esc": 1}}\n', "E030"),
        ("\n\n", "E201"),
    ],
)
def test_malformed_gold_is_one_line_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, content: str, code: str
) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text(content, encoding="utf-8")
    status, out, err = run_main(capsys, "evaluate", str(gold), "--model", "none")
    assert status == 2
    assert out == ""
    assert err.count("\n") == 1
    assert err.startswith(f"framing: error {code}: {gold}")


def test_evaluate_reads_the_calibrator_it_is_given(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A model written by ``train --out`` is measured held out on other sets and
    cross-validated on its own; a missing or broken file is a one-line E204."""
    trained = tmp_path / "calibrator.json"
    code, _, err = run_main(capsys, "train", str(DEV), "--out", str(trained), "--model", "none")
    assert code == 0, err
    args = ("--model", "none", "--no-semantic", "--misses", "0", "--format", "json")
    code, out, err = run_main(capsys, "evaluate", str(EXTRA), "--calibrator", str(trained), *args)
    assert code == 0, err
    held_out = json.loads(out)["gold"]["calibration"]
    assert held_out.startswith(f"calibrator {trained}, trained on 41 passages of ")
    assert held_out.endswith("(held out)")
    code, out, err = run_main(capsys, "evaluate", str(DEV), "--calibrator", str(trained), *args)
    assert code == 0, err
    assert json.loads(out)["gold"]["calibration"].endswith(f"trained the calibrator {trained}")
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    for path in (broken, tmp_path / "absent.json"):
        code, out, err = run_main(capsys, "evaluate", str(DEV), "--calibrator", str(path), *args)
        assert (code, out, err.count("\n")) == (2, "", 1)
        assert err.startswith(f"framing: error E204: calibrator {path}: ")


def test_nothing_to_evaluate(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run_main(capsys, "evaluate")
    assert status == 2
    assert err.startswith("framing: error E202")


def test_subprocess_malformed_gold_and_report(tmp_path: Path) -> None:
    gold = tmp_path / "broken.jsonl"
    lines = DEV.read_text(encoding="utf-8").splitlines()[:3]
    gold.write_text("\n".join([*lines, '{"id": "x", "text": ']) + "\n", encoding="utf-8")
    framing = str(Path(sys.executable).with_name("framing"))
    broken = subprocess.run(
        [framing, "evaluate", str(gold), "--model", "none"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert broken.returncode == 2
    assert broken.stdout == ""
    assert broken.stderr.startswith(f"framing: error E030: {gold}:4: bad record")
    assert broken.stderr.count("\n") == 1
    good = subprocess.run(
        [framing, "evaluate", str(DEV), "--model", "none", "--format", "json"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert good.returncode == 0, good.stderr
    assert json.loads(good.stdout)["gold"]["passages"] == 41
