"""Cells shared by the evaluation and agreement tables: a figure or a dash, a shortened quote."""

from __future__ import annotations


def figure(value: float | None) -> str:
    """Three decimals, or "-" where the figure is undefined (one class only, no positive)."""
    return "-" if value is None else f"{value:.3f}"


def shorten(text: str, limit: int) -> str:
    """The text on one line, cut at ``limit`` characters with an ellipsis."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
