"""framing: a rhetoric-framing analyzer for diplomatic and security language.

The public API is imported lazily so that ``import framing`` (and the CLI's start-up) does not
pay for spaCy until a text is analysed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = [
    "Analysis",
    "Analyzer",
    "Finding",
    "FramingFeatures",
    "Scores",
    "Suggestion",
    "__version__",
    "analyze",
    "score_frame",
]

if TYPE_CHECKING:
    from framing.analysis import Analysis, Finding, Scores, Suggestion
    from framing.api import Analyzer, analyze
    from framing.research import FramingFeatures, score_frame

_LAZY = {
    "Analysis": "framing.analysis",
    "Finding": "framing.analysis",
    "Scores": "framing.analysis",
    "Suggestion": "framing.analysis",
    "Analyzer": "framing.api",
    "analyze": "framing.api",
    "FramingFeatures": "framing.research",
    "score_frame": "framing.research",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'framing' has no attribute {name!r}")
