"""Aggregate a table made by ``framing score``: a summary per group and a plot over time.

Rows with ``error`` set are counted (``errors``) but left out of every mean and median, so a few
unreadable records do not drag a country's average towards zero. pandas and matplotlib are
imported inside the functions: they are the ``corpus`` extra, not needed by ``framing check``.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from framing.corpus.records import require
from framing.corpus.scorer import RULE_COLUMNS
from framing.errors import FramingError

if TYPE_CHECKING:
    import pandas as pd

SUMMARY_SCORES = (
    "tension",
    "threat",
    "escalation",
    "hostile_policy",
    "military_tension",
    "reassurance",
)
REQUIRED = ("id", "tension", "error")
PLOT_SUFFIXES = (".png", ".svg", ".pdf")


def load_scores(path: Path) -> pd.DataFrame:
    """Read a scores table (.csv, .jsonl or .parquet) into a DataFrame."""
    pandas = require("pandas", "framing report")
    suffix = path.suffix.lower()
    if not path.exists():
        raise FramingError("E001", path=path)
    try:
        if suffix in (".parquet", ".pq"):
            require("pyarrow", "reading Parquet")
            frame = pandas.read_parquet(path)
        elif suffix in (".jsonl", ".ndjson"):
            frame = pandas.read_json(path, lines=True, dtype=False)
        elif suffix == ".csv":
            frame = pandas.read_csv(path, keep_default_na=False, na_values=[""])
        else:
            raise FramingError("E167", path=path)
    except (ValueError, OSError) as exc:
        raise FramingError("E171", path=path, detail=" ".join(str(exc).split())[:160]) from None
    missing = [name for name in REQUIRED if name not in frame.columns]
    if missing:
        raise FramingError("E171", path=path, detail=f"no column {', '.join(missing)}")
    return frame


def check_fields(frame: pd.DataFrame, fields: Sequence[str], path: Path) -> None:
    for name in fields:
        if name not in frame.columns:
            known = ", ".join(c for c in frame.columns if c not in RULE_COLUMNS)
            raise FramingError("E170", path=path, field=name, known=known)


def _top_rules(counts: pd.DataFrame, top: int) -> list[str]:
    out = []
    for _, row in counts.iterrows():
        ranked = sorted(
            ((int(n), code) for code, n in row.items() if n > 0), key=lambda t: (-t[0], t[1])
        )
        out.append(", ".join(f"{code} ({n})" for n, code in ranked[:top]))
    return out


def summarize(frame: pd.DataFrame, by: Sequence[str], *, top: int = 3) -> pd.DataFrame:
    """Per group: documents scored, errors, words, mean and median of tension and of each
    dimension, and the ``top`` most frequent rules (own findings, with their counts)."""
    pandas = require("pandas", "framing report")
    failed = frame["error"].notna()
    good = frame[~failed]
    keys = list(by)
    every = frame.groupby(keys, dropna=False, sort=True).size().index
    groups = good.groupby(keys, dropna=False, sort=True)

    def per_group(values: pd.Series, fill: Any = None) -> pd.Series:
        return values.reindex(every, fill_value=fill) if fill is not None else values.reindex(every)

    summary = pandas.DataFrame(index=every)
    summary["count"] = per_group(groups.size(), 0)
    summary["errors"] = per_group(frame[failed].groupby(keys, dropna=False).size(), 0)
    if "words" in good.columns:
        summary["words"] = per_group(groups["words"].sum(), 0).astype(int)
    for name in SUMMARY_SCORES:
        summary[f"{name}_mean"] = per_group(groups[name].mean())
        summary[f"{name}_median"] = per_group(groups[name].median())
    rules = [code for code in RULE_COLUMNS if code in good.columns]
    counts = groups[rules].sum().reindex(every, fill_value=0)
    summary["top_rules"] = _top_rules(counts, top) if rules else ""
    return summary.reset_index()


def _numeric_if_possible(values: pd.Series) -> pd.Series:
    import pandas

    converted = pandas.to_numeric(values, errors="coerce")
    return converted if converted.notna().all() else values


def plot(
    frame: pd.DataFrame,
    by: Sequence[str],
    path: Path,
    *,
    over: str | None = None,
    metric: str = "tension",
    smooth: int = 1,
) -> None:
    """Mean ``metric`` per group: one line per group over ``over`` (e.g. year), else bars.

    ``smooth`` > 1 draws a centred rolling mean over that many consecutive ``over`` values.
    """
    if path.suffix.lower() not in PLOT_SUFFIXES:
        raise FramingError("E172", path=path, detail="use a .png, .svg or .pdf file")
    require("matplotlib", "--plot")
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    good = frame[frame["error"].isna()]
    label = good[list(by)].astype(str).agg(" / ".join, axis=1)
    figure, axes = plt.subplots(figsize=(10, 5.5), layout="constrained")
    if over is None:
        means = good.groupby(label)[metric].mean().sort_index()
        axes.bar(means.index, means.values, color="#4c72b0")
        axes.set_xlabel(" / ".join(by))
    else:
        x = _numeric_if_possible(good[over])
        table = good.assign(_group=label, _x=x).groupby(["_group", "_x"])[metric].mean()
        for group in sorted(table.index.get_level_values(0).unique()):
            series = table.loc[group].sort_index()
            if smooth > 1:
                series = series.rolling(smooth, center=True, min_periods=1).mean()
            axes.plot(series.index, series.values, marker=".", linewidth=1.4, label=group)
        axes.set_xlabel(over)
        axes.legend(title=" / ".join(by), ncols=min(6, table.index.levshape[0]), fontsize="small")
    smoothing = f" ({smooth}-point rolling mean)" if over is not None and smooth > 1 else ""
    axes.set_ylabel(f"mean {metric}")
    axes.set_title(f"Mean {metric} by {over or ' / '.join(by)}{smoothing}")
    axes.grid(alpha=0.3)
    try:
        figure.savefig(path, dpi=110)
    except OSError as exc:
        raise FramingError("E172", path=path, detail=exc.strerror or str(exc)) from None
    finally:
        plt.close(figure)


def format_table(summary: pd.DataFrame, style: str) -> str:
    """The summary as aligned text or a Markdown table (a score's mean and median share a
    cell, "mean / median"), or as CSV or JSON records with every number in its own column."""
    if style == "csv":
        return str(summary.to_csv(index=False))
    if style == "json":
        return str(summary.to_json(orient="records", indent=2)) + "\n"
    header: list[str] = []
    numeric: list[bool] = []
    for column in summary.columns:
        name = str(column)
        if name.endswith("_median"):
            continue
        header.append(
            name.removesuffix("_mean") + (" mean / median" if name.endswith("_mean") else "")
        )
        numeric.append(summary[column].dtype.kind in "if")
    cells = [_cells(row) for _, row in summary.iterrows()]
    if style == "markdown":
        rule = ["---:" if n else "---" for n in numeric]
        lines = [header, rule, *cells]
        return "".join("| " + " | ".join(line) + " |\n" for line in lines)
    widths = [max(len(r[i]) for r in (header, *cells)) for i in range(len(header))]

    def line(values: list[str]) -> str:
        parts = (
            v.rjust(w) if n else v.ljust(w) for v, w, n in zip(values, widths, numeric, strict=True)
        )
        return "  ".join(parts).rstrip() + "\n"

    return line(header) + "".join(line(row) for row in cells)


def _cells(row: pd.Series) -> list[str]:
    out = []
    for column, value in row.items():
        name = str(column)
        if name.endswith("_median"):
            continue
        cell = _cell(name, value)
        if name.endswith("_mean"):
            median = name.removesuffix("_mean") + "_median"
            cell += " / " + _cell(median, row[median])
        out.append(cell)
    return out


def _cell(column: str, value: Any) -> str:
    if isinstance(value, float):
        if value != value:  # NaN: no scored document in the group
            return "-"
        return f"{value:.1f}" if column.startswith("tension") else f"{value:.3f}"
    return str(value)
