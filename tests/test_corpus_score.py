"""``framing score``: rows, formats, order for any --jobs, nothing lost, resume, atomic writes."""

from __future__ import annotations

import csv
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from framing.check import analyze_jobs, read_jobs
from framing.cli import main
from framing.config import Overrides
from framing.corpus import ScoreSettings, score_corpus
from framing.corpus.records import Corpus, InputSpec
from framing.corpus.scorer import RULE_COLUMNS, Granularity
from framing.errors import FramingError
from framing.scoring import FRAMING_FIELDS, SCORE_FIELDS, SENTIMENT_FIELDS

ROOT = Path(__file__).resolve().parents[1]
UN = ROOT / "corpora" / "un_general_debate"
FRAMING = Path(sys.executable).with_name("framing")
UN_FILES = (
    "PRK_74_2019",
    "PRK_75_2020",
    "KOR_77_2022",
    "KOR_79_2024",
    "USA_75_2020",
    "CHN_63_2008",
)
ROCKET = "Rocket man is on a suicide mission for himself and for his regime."
DESTROY = "We will have no choice but to totally destroy North Korea."
RULES = ScoreSettings(model="none")
PATTERN = InputSpec(name_pattern="{country}_{session}_{year}")


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """Six UN speeches, Washington's first inaugural, and tweets with bad records among them."""
    folder = tmp_path_factory.mktemp("corpus")
    speeches = folder / "un"
    speeches.mkdir()
    for name in UN_FILES:
        shutil.copy(UN / f"{name}.txt", speeches)
    shutil.copy(ROOT / "corpora" / "inaugural" / "1789-Washington.txt", speeches)
    quoting = f"# Remarks\n\nHe said:\n\n> {ROCKET}\n\nWe seek {DESTROY[8:]}\n"
    (speeches / "ZZZ_01_2017.md").write_text(quoting, encoding="utf-8")
    tweets = folder / "tweets.jsonl"
    tweets.write_bytes(
        b"\n".join(
            [
                json.dumps({"id": "rocket", "text": ROCKET, "month": "2017-09"}).encode(),
                json.dumps({"id": "empty", "text": "", "month": "2017-10"}).encode(),
                b'{"id": "latin1", "text": "Caf\xe9"}',
                b"{unparsable",
                json.dumps({"id": "destroy", "text": DESTROY, "month": "2017-09"}).encode(),
            ]
        )
        + b"\n"
    )
    return [str(speeches), str(tweets)]


@pytest.fixture(scope="module")
def baseline(inputs: list[str], tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("baseline") / "scores.csv"
    summary = score_corpus(Corpus(inputs, PATTERN), out, RULES)
    assert (summary.documents, summary.failed, summary.resumed) == (13, 3, 0)
    return out


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_one_row_per_document_with_every_column(inputs: list[str], baseline: Path) -> None:
    rows = read_csv(baseline)
    assert [r["id"] for r in rows] == [
        "1789-Washington",
        "CHN_63_2008",
        "KOR_77_2022",
        "KOR_79_2024",
        "PRK_74_2019",
        "PRK_75_2020",
        "USA_75_2020",
        "ZZZ_01_2017",
        "rocket",
        "empty",
        f"{inputs[1]}:3",  # not UTF-8: its id cannot be read either
        f"{inputs[1]}:4",
        "destroy",
    ]
    columns = list(rows[0])
    assert columns[:6] == ["id", "file", "country", "session", "year", "month"]
    assert columns[6:8] == ["words", "sentences"]
    assert columns[8 : 8 + len(FRAMING_FIELDS)] == list(FRAMING_FIELDS)
    assert not set(SENTIMENT_FIELDS) & set(columns)  # only with --sentiment
    assert columns[-4:] == ["tier", "framing_version", "lexicon_version", "error"]
    assert set(RULE_COLUMNS) <= set(columns)
    assert rows[4]["country"] == "PRK" and rows[4]["year"] == "2019"
    assert rows[0]["country"] == "" and rows[8]["month"] == "2017-09"
    assert {r["framing_version"] for r in rows} == {"0.1.0"}
    assert len({r["lexicon_version"] for r in rows}) == 1


def test_bad_records_are_rows_with_an_error_and_no_scores(baseline: Path) -> None:
    rows = {r["id"]: r for r in read_csv(baseline)}
    failed = [r for r in rows.values() if r["error"]]
    assert [r["error"][:4] for r in failed] == ["E152", "E153", "E150"]
    for row in failed:
        assert row["tension"] == "" and row["words"] == "" and row["FRM101"] == ""
    assert all(r["error"] == "" for r in rows.values() if r not in failed)


def test_scores_are_those_of_framing_check(baseline: Path) -> None:
    rows = read_csv(baseline)[:8]
    jobs = read_jobs([r["file"] for r in rows], Overrides(model="none", isolated=True))
    for row, checked in zip(rows, analyze_jobs(jobs), strict=True):
        analysis = checked.analysis
        for name in FRAMING_FIELDS:
            assert float(row[name]) == getattr(analysis.scores, name), (row["id"], name)
        assert int(row["words"]) == analysis.words
        assert int(row["sentences"]) == len(analysis.sentences)
        own = Counter(f.rule for f in analysis.findings if not f.quoted)
        assert {code: int(row[code]) for code in RULE_COLUMNS} == {
            code: own.get(code, 0) for code in RULE_COLUMNS
        }


def test_sentiment_adds_the_polarity_framing_check_prints(
    inputs: list[str], tmp_path: Path
) -> None:
    out = tmp_path / "scores.jsonl"
    score_corpus(Corpus(inputs[:1], PATTERN), out, ScoreSettings(model="none", sentiment=True))
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()][:8]
    assert [name for name in rows[0] if name in SCORE_FIELDS] == list(SCORE_FIELDS)
    jobs = read_jobs([r["file"] for r in rows], Overrides(model="none", isolated=True))
    for row, checked in zip(rows, analyze_jobs(jobs), strict=True):
        for name in SCORE_FIELDS:
            assert row[name] == getattr(checked.analysis.scores, name), (row["id"], name)
    assert any(row["polarity"] != 0 for row in rows)


def test_quoted_speech_is_counted_apart(baseline: Path) -> None:
    """A Markdown block quote is someone else's framing: counted, but not the speaker's."""
    row = next(r for r in read_csv(baseline) if r["id"] == "ZZZ_01_2017")
    assert int(row["quoted_findings"]) >= 1
    assert sum(int(row[code]) for code in RULE_COLUMNS if code.startswith("FRM1")) == 0


def test_rule_counts_see_threats_and_stay_quiet_on_washington(baseline: Path) -> None:
    rows = {r["id"]: r for r in read_csv(baseline)}

    def family(row: dict[str, str], prefix: str) -> int:
        return sum(int(row[code]) for code in RULE_COLUMNS if code.startswith(prefix))

    assert family(rows["rocket"], "FRM1") >= 1
    assert family(rows["destroy"], "FRM2") >= 1
    assert family(rows["1789-Washington"], "FRM1") == 0
    assert float(rows["rocket"]["tension"]) > float(rows["1789-Washington"]["tension"])


def test_csv_jsonl_and_parquet_hold_the_same_table(inputs: list[str], baseline: Path) -> None:
    pandas = pytest.importorskip("pandas")
    frames = {"csv": pandas.read_csv(baseline, keep_default_na=False, na_values=[""])}
    for fmt in ("jsonl", "parquet"):
        out = baseline.with_suffix(f".{fmt}")
        score_corpus(Corpus(inputs, PATTERN), out, RULES)
        reader = pandas.read_parquet if fmt == "parquet" else pandas.read_json
        frames[fmt] = reader(
            out,
            **({"lines": True, "dtype": False, "precise_float": True} if fmt == "jsonl" else {}),
        )
    for fmt in ("jsonl", "parquet"):
        assert list(frames[fmt].columns) == list(frames["csv"].columns)
        pandas.testing.assert_frame_equal(
            frames[fmt].astype(str).replace({"nan": "", "None": "", "<NA>": ""}),
            frames["csv"].astype(str).replace({"nan": "", "None": "", "<NA>": ""}),
            check_dtype=False,
        )


def test_output_is_identical_for_any_number_of_jobs(
    inputs: list[str], baseline: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("framing.corpus.run.CHUNK_RECORDS", 2)  # six chunks for two workers
    out = baseline.with_name("jobs2.csv")
    summary = score_corpus(Corpus(inputs, PATTERN), out, RULES, jobs=2)
    assert summary.failed == 3
    assert out.read_bytes() == baseline.read_bytes()


def test_sentence_rows_add_up_to_their_documents(inputs: list[str], baseline: Path) -> None:
    out = baseline.with_name("sentences.csv")
    settings = ScoreSettings(model="none", granularity=Granularity.SENTENCE)
    score_corpus(Corpus(inputs, PATTERN), out, settings)
    documents = {r["id"]: r for r in read_csv(baseline)}
    sentences = read_csv(out)
    assert list(sentences[0])[:5] == ["id", "sentence", "start", "end", "text"]
    for document_id, document in documents.items():
        mine = [r for r in sentences if r["id"] == document_id]
        if document["error"]:
            assert len(mine) == 1 and mine[0]["error"] == document["error"]
            continue
        assert [int(r["sentence"]) for r in mine] == list(range(int(document["sentences"])))
        assert sum(int(r["words"]) for r in mine) == int(document["words"])
        for code in RULE_COLUMNS:
            assert sum(int(r[code]) for r in mine) == int(document[code])
    rocket = next(r for r in sentences if r["id"] == "rocket")
    assert rocket["text"] == ROCKET and (rocket["start"], rocket["end"]) == ("0", str(len(ROCKET)))


def stop_after(documents: int) -> Callable[[int], None]:
    """A progress callback that presses Ctrl-C once ``documents`` are done."""

    def progress(done: int) -> None:
        if done >= documents:
            raise KeyboardInterrupt

    return progress


def test_an_interrupted_run_resumes_without_duplicates_or_gaps(
    inputs: list[str], baseline: Path, tmp_path: Path
) -> None:
    out = tmp_path / "scores.csv"
    out.write_text("the previous output\n", encoding="utf-8")
    out.chmod(0o640)
    with pytest.raises(KeyboardInterrupt):
        score_corpus(Corpus(inputs, PATTERN), out, RULES, progress=stop_after(2))
    journal = tmp_path / ".scores.csv.partial"
    assert out.read_text(encoding="utf-8") == "the previous output\n"
    kept = journal.read_text(encoding="utf-8").splitlines()
    assert len(kept) - 1 == 2
    with journal.open("a", encoding="utf-8") as handle:
        handle.write('{"id": "KOR_79_2024", "rows": [{"id": "KOR_7')  # torn by a crash
    summary = score_corpus(Corpus(inputs, PATTERN), out, RULES, resume=True)
    assert summary.resumed == len(kept) - 1 and summary.documents == 13
    assert out.read_bytes() == baseline.read_bytes()
    assert not journal.exists()
    assert out.stat().st_mode & 0o777 == 0o640


def test_resume_extends_a_finished_output_with_new_records(tmp_path: Path) -> None:
    source = tmp_path / "tweets.jsonl"
    lines = (ROOT / "corpora" / "trump_tweets_korea_2017_2019.jsonl").read_text().splitlines()
    source.write_text("\n".join(lines[:5]) + "\n", encoding="utf-8")
    out = tmp_path / "tweets.parquet"
    score_corpus(Corpus([str(source)]), out, RULES)
    source.write_text("\n".join(lines[:9]) + "\n", encoding="utf-8")
    summary = score_corpus(Corpus([str(source)]), out, RULES, resume=True)
    assert (summary.resumed, summary.documents) == (5, 9)
    fresh = tmp_path / "fresh.parquet"
    score_corpus(Corpus([str(source)]), fresh, RULES)
    pandas = pytest.importorskip("pandas")
    pandas.testing.assert_frame_equal(pandas.read_parquet(out), pandas.read_parquet(fresh))


def test_resume_refuses_other_inputs_or_settings(inputs: list[str], tmp_path: Path) -> None:
    out = tmp_path / "scores.jsonl"
    with pytest.raises(KeyboardInterrupt):
        score_corpus(Corpus(inputs, PATTERN), out, RULES, progress=stop_after(3))
    fewer = tmp_path / "un"
    shutil.copytree(inputs[0], fewer)
    (fewer / "CHN_63_2008.txt").unlink()
    with pytest.raises(FramingError) as raised:
        score_corpus(Corpus([str(fewer), inputs[1]], PATTERN), out, RULES, resume=True)
    assert raised.value.code == "E163" and "inputs changed" in str(raised.value)
    assert "'CHN_63_2008' there but 'KOR_77_2022'" in str(raised.value)
    sentences = ScoreSettings(model="none", granularity=Granularity.SENTENCE)
    with pytest.raises(FramingError) as raised:
        score_corpus(Corpus(inputs, PATTERN), out, sentences, resume=True)
    assert raised.value.code == "E163"


def test_cli_exit_codes_and_one_line_errors(
    inputs: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "s.csv"
    speeches = inputs[0]
    assert main(["score", speeches, "--out", str(out), "--model", "none"]) == 0
    assert "scored 8 documents (0 failed)" in capsys.readouterr().err
    assert main(["score", *inputs, "-o", str(out), "--model", "none"]) == 1
    assert "(3 failed)" in capsys.readouterr().err
    bad_csv = tmp_path / "no_text.csv"
    bad_csv.write_text("id,body\n1,x\n", encoding="utf-8")
    cases = {
        "E161": [str(tmp_path / "s.csv"), "-o", str(tmp_path / "t.csv")],
        "E167": [speeches, "-o", str(tmp_path / "scores.xlsx")],
        "E169": [inputs[1], "-o", inputs[1]],
        "E164": [str(bad_csv), "-o", str(tmp_path / "u.csv")],
        "E001": [str(tmp_path / "missing"), "-o", str(tmp_path / "v.csv")],
    }
    cases["E161"][0] = str(tmp_path / "s.xlsx")
    (tmp_path / "s.xlsx").write_bytes(b"PK")
    for code, args in cases.items():
        assert main(["score", *args, "--model", "none"]) == 2, code
        err = capsys.readouterr().err
        assert err.startswith(f"framing: error {code}: ") and err.count("\n") == 1, err


def test_parquet_without_pyarrow_says_what_to_install(
    inputs: list[str],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    args = ["score", inputs[0], "-o", str(tmp_path / "s.parquet"), "--model", "none"]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert err.startswith("framing: error E162: ") and "framing[corpus]" in err


def _default_sigint() -> None:
    """Let the child take Ctrl-C as a terminal would deliver it. A shell running tests in the
    background (``make test &``) starts them with SIGINT ignored, and Python keeps it ignored
    in the children, so the interrupted run would finish instead (a CI run started that way
    failed here)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def wait_for_documents(journal: Path, count: int, process: subprocess.Popen[str]) -> None:
    """Until the journal holds ``count`` more documents than its header, or the run ends."""
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline and process.poll() is None:
        if journal.exists() and journal.read_bytes().count(b"\n") >= count + 1:
            return
        time.sleep(0.05)
    pytest.skip("the run finished before it could be interrupted")


def test_interrupted_and_killed_runs_resume_to_the_same_table(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Real ``framing score`` processes: Ctrl-C, a second run on the same output, SIGKILL,
    and finally ``--resume`` with a progress bar."""
    folder = tmp_path / "un"
    folder.mkdir()
    for path in sorted(UN.glob("*_7*_20*.txt"))[:40]:
        shutil.copy(path, folder)
    out = tmp_path / "scores.csv"
    journal = tmp_path / ".scores.csv.partial"
    command = [str(FRAMING), "score", str(folder), "-o", str(out), "--model", "none"]
    first = subprocess.Popen(
        [*command, "--jobs", "2"], stderr=subprocess.PIPE, text=True, preexec_fn=_default_sigint
    )
    wait_for_documents(journal, 2, first)
    assert main(["score", str(folder), "-o", str(out), "--model", "none"]) == 2
    assert capsys.readouterr().err.startswith("framing: error E173: ")
    first.send_signal(signal.SIGINT)
    _, err = first.communicate(timeout=60)
    assert first.returncode == 130, err
    assert "interrupted" in err and "--resume" in err and "Traceback" not in err
    assert not out.exists()
    kept = journal.read_bytes().count(b"\n") - 1
    second = subprocess.Popen([*command, "--resume"], stderr=subprocess.DEVNULL, text=True)
    wait_for_documents(journal, kept + 2, second)
    second.send_signal(signal.SIGKILL)
    second.wait()
    assert not out.exists() and journal.exists()
    resumed = subprocess.run(
        [*command, "--resume", "--progress"], capture_output=True, text=True, check=False
    )
    assert resumed.returncode == 0, resumed.stderr
    assert "docs/s" in resumed.stderr and "ETA" in resumed.stderr
    assert "from the earlier run" in resumed.stderr and "Traceback" not in resumed.stderr
    fresh = tmp_path / "fresh.csv"
    score_corpus(Corpus([str(folder)]), fresh, RULES)
    assert out.read_bytes() == fresh.read_bytes()
    assert sorted(os.listdir(tmp_path)) == ["fresh.csv", "scores.csv", "un"]


def test_parquet_fields_of_any_arrow_type_are_carried(tmp_path: Path) -> None:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    import datetime

    source = tmp_path / "statements.parquet"
    when = [datetime.datetime(2017, 9, 19, 10, 30), datetime.datetime(2017, 9, 22)]
    table = pa.table(
        {"text": [ROCKET, DESTROY], "when": when, "speaker": ["Trump", "Trump"], "n": [1, 2]}
    )
    pq.write_table(table, source)
    out = tmp_path / "scores.csv"
    assert score_corpus(Corpus([str(source)]), out, RULES).failed == 0
    rows = read_csv(out)
    assert [r["id"] for r in rows] == [f"{source}:1", f"{source}:2"]
    assert rows[0]["when"] == "2017-09-19 10:30:00" and rows[1]["n"] == "2"
