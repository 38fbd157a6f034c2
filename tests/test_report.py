"""``framing report``: the summary per group, its formats, the plot, and one-line errors."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from framing.cli import main
from framing.corpus import ScoreSettings, score_corpus
from framing.corpus.records import Corpus, InputSpec
from framing.corpus.scorer import RULE_COLUMNS
from framing.report import SUMMARY_SCORES, load_scores, summarize

pandas = pytest.importorskip("pandas")

ROOT = Path(__file__).resolve().parents[1]
UN = ROOT / "corpora" / "un_general_debate"
NAMES = ("PRK_72_2017", "PRK_74_2019", "KOR_77_2022", "KOR_79_2024", "USA_75_2020", "CHN_63_2008")
PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def scores(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Six UN speeches and an empty file named like one (a row with an error)."""
    folder = tmp_path_factory.mktemp("un")
    for name in NAMES:
        shutil.copy(UN / f"{name}.txt", folder)
    (folder / "PRK_76_2021.txt").write_text("", encoding="utf-8")
    out = folder.parent / "scores.csv"
    spec = InputSpec(name_pattern="{country}_{session}_{year}")
    score_corpus(Corpus([str(folder)], spec), out, ScoreSettings(model="none"))
    for fmt in ("jsonl", "parquet"):
        score_corpus(
            Corpus([str(folder)], spec), out.with_suffix(f".{fmt}"), ScoreSettings(model="none")
        )
    return out


def test_summary_counts_means_medians_and_top_rules(scores: Path) -> None:
    frame = load_scores(scores)
    summary = summarize(frame, ["country"], top=2).set_index("country")
    assert list(summary.index) == ["CHN", "KOR", "PRK", "USA"]
    assert summary.loc["PRK", "count"] == 2 and summary.loc["PRK", "errors"] == 1
    assert summary.loc["KOR", "errors"] == 0
    scored = frame[frame["error"].isna()]
    for name in SUMMARY_SCORES:
        by_country = scored.groupby("country")[name]
        assert summary[f"{name}_mean"].tolist() == pytest.approx(by_country.mean().tolist())
        assert summary[f"{name}_median"].tolist() == pytest.approx(by_country.median().tolist())
    assert summary.loc["USA", "words"] == scored.loc[scored.country == "USA", "words"].sum()
    for country, listed in summary["top_rules"].items():
        totals = scored.loc[scored.country == country, list(RULE_COLUMNS)].sum()
        pairs = [(code, int(n)) for code, n in re.findall(r"(FRM\d{3}) \((\d+)\)", listed)]
        assert len(pairs) == min(2, int((totals > 0).sum()))
        assert all(totals[code] == n for code, n in pairs)
        assert [n for _, n in pairs] == sorted((n for _, n in pairs), reverse=True)
        assert not pairs or pairs[0][1] == totals.max()


def test_every_table_format_gives_the_same_summary(scores: Path) -> None:
    expected = summarize(load_scores(scores), ["country", "year"])
    for fmt in ("jsonl", "parquet"):
        other = summarize(load_scores(scores.with_suffix(f".{fmt}")), ["country", "year"])
        assert other[["country", "year", "count", "errors", "top_rules"]].equals(
            expected[["country", "year", "count", "errors", "top_rules"]]
        )
        assert other["tension_mean"].tolist() == pytest.approx(
            expected["tension_mean"].tolist(), nan_ok=True
        )


def test_text_markdown_csv_and_json_tables(
    scores: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["report", str(scores), "--by", "country"]) == 0
    text = capsys.readouterr().out.splitlines()
    assert text[0].split()[:4] == ["country", "count", "errors", "words"]
    assert "tension mean / median" in text[0]
    assert [line.split()[0] for line in text[1:]] == ["CHN", "KOR", "PRK", "USA"]
    assert main(["report", str(scores), "--by", "country", "-f", "markdown"]) == 0
    markdown = capsys.readouterr().out.splitlines()
    assert all(line.startswith("| ") and line.endswith(" |") for line in markdown)
    assert set(markdown[1].replace("|", "").split()) <= {"---", "---:"} and len(markdown) == 6
    assert main(["report", str(scores), "--by", "country,year", "-f", "json"]) == 0
    records = json.loads(capsys.readouterr().out)
    assert len(records) == 7 and {"country", "year", "tension_median"} <= set(records[0])
    assert main(["report", str(scores), "--by", "country", "-f", "csv"]) == 0
    assert capsys.readouterr().out.startswith("country,count,errors,words,tension_mean,")


def test_plots_tension_by_year_for_each_country(
    scores: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = tmp_path / "by-year.png"
    args = ["report", str(scores), "--by", "country", "--over", "year", "--plot", str(lines)]
    assert main(args) == 0
    assert lines.read_bytes().startswith(PNG) and lines.stat().st_size > 10_000
    bars = tmp_path / "bars.svg"
    assert main(["report", str(scores), "--by", "country", "--plot", str(bars)]) == 0
    assert b"<svg" in bars.read_bytes()[:500]
    assert f"wrote {bars}" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["--by", "continent"], "E170"),
        (["--by", "country", "--over", "decade"], "E170"),
        (["--by", "country", "--plot", "out.jpg"], "E172"),
    ],
)
def test_bad_fields_and_plot_names_are_one_line_errors(
    scores: Path, args: list[str], code: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["report", str(scores), *args]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"framing: error {code}: ") and err.count("\n") == 1


def test_a_table_not_made_by_score_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    tweets = ROOT / "corpora" / "trump_tweets_korea_2017_2019.jsonl"
    assert main(["report", str(tweets), "--by", "date"]) == 2
    assert capsys.readouterr().err.startswith("framing: error E171: ")


def test_report_runs_as_a_command(scores: Path) -> None:
    framing = Path(sys.executable).with_name("framing")
    result = subprocess.run(
        [str(framing), "report", str(scores), "--by", "country", "-f", "markdown"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("\n") == 6 and "| PRK |" in result.stdout
