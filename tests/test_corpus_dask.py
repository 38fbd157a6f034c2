"""``--engine dask``: the same table from a Dask cluster of two worker processes."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from framing.cli import main
from framing.corpus import ScoreSettings, score_corpus
from framing.corpus.records import Corpus, InputSpec

distributed = pytest.importorskip("distributed")

ROOT = Path(__file__).resolve().parents[1]
UN = ROOT / "corpora" / "un_general_debate"
NAMES = ("PRK_74_2019", "KOR_79_2024", "USA_75_2020", "JPN_56_2001", "RUS_56_2001", "CHN_63_2008")
SPEC = InputSpec(name_pattern="{country}_{session}_{year}")


@pytest.fixture(scope="module")
def cluster() -> Iterator[str]:
    with distributed.LocalCluster(
        n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None
    ) as local:
        yield local.scheduler_address


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    folder = tmp_path_factory.mktemp("un")
    for name in NAMES:
        shutil.copy(UN / f"{name}.txt", folder)
    tweets = ROOT / "corpora" / "trump_tweets_korea_2017_2019.jsonl"
    return [str(folder), str(tweets)]


def test_dask_cluster_writes_the_table_of_the_local_engine(
    cluster: str, inputs: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("framing.corpus.run.CHUNK_RECORDS", 16)  # many chunks for two workers
    settings = ScoreSettings(model="none")
    local = tmp_path / "local.parquet"
    on_dask = tmp_path / "dask.parquet"
    score_corpus(Corpus(inputs, SPEC), local, settings)
    summary = score_corpus(
        Corpus(inputs, SPEC), on_dask, settings, engine="dask", scheduler=cluster
    )
    assert summary.documents == len(NAMES) + 173 and summary.failed == 0
    assert on_dask.read_bytes() == local.read_bytes()


def test_cli_runs_on_the_cluster(
    cluster: str, inputs: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "scores.csv"
    args = ["score", inputs[0], "-o", str(out), "--model", "none", "--scheduler", cluster]
    assert main(["score", inputs[0], "-o", str(tmp_path / "local.csv"), "--model", "none"]) == 0
    assert main([*args, "--engine", "dask"]) == 0
    assert out.read_bytes() == (tmp_path / "local.csv").read_bytes()
    capsys.readouterr()


def test_unreachable_scheduler_is_a_one_line_error(
    tmp_path: Path,
    inputs: list[str],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("framing.corpus.engines.CONNECT_TIMEOUT", "1s")
    args = ["score", inputs[0], "-o", str(tmp_path / "s.csv"), "--model", "none"]
    assert main([*args, "--engine", "dask", "--scheduler", "tcp://127.0.0.1:9"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("framing: error E166: ") and err.count("\n") == 1
    assert not (tmp_path / "s.csv").exists()
