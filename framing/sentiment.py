"""TextBlob polarity and subjectivity without TextBlob's two-second NLTK import.

``import textblob`` imports NLTK, which costs about two seconds — more than all of spaCy — and a
pre-commit hook pays that on every commit. TextBlob's default sentiment (its ``PatternAnalyzer``)
lives entirely in ``textblob/_text.py`` and ``textblob/en/__init__.py``, which import only the
standard library. We load exactly those two modules from the installed TextBlob, so the numbers
are TextBlob's own (``tests/test_sentiment.py`` compares them with ``TextBlob(text).sentiment``).
"""

from __future__ import annotations

import importlib.util
import sys
import types
from functools import cache
from pathlib import Path
from typing import Any


def _load(name: str, path: Path) -> types.ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


@cache
def _analyzer() -> Any:
    return _as_plain_dict(_textblob_sentiment())


def _textblob_sentiment() -> Any:
    if "textblob.en" in sys.modules:
        return sys.modules["textblob.en"].sentiment
    spec = importlib.util.find_spec("textblob")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("TextBlob is not installed")
    root = Path(next(iter(spec.submodule_search_locations)))
    stand_in = "textblob" not in sys.modules
    if stand_in:
        package = types.ModuleType("textblob")
        package.__path__ = [str(root)]
        sys.modules["textblob"] = package
    try:
        _load("textblob._text", root / "_text.py")
        english = _load("textblob.en", root / "en" / "__init__.py")
    finally:
        if stand_in:
            del sys.modules["textblob"]
    _fill(english.sentiment, root / "en" / "en-sentiment.xml")
    return english.sentiment


def _as_plain_dict(sentiment: Any) -> Any:
    """The loaded lexicon with TextBlob's own ``__call__`` and ``assessments``, in a plain dict.

    TextBlob's ``Sentiment`` is a ``lazydict`` that sends every word lookup through a Python
    method; scoring a long speech spent a third of its time there. The data, the attributes and
    the two functions are TextBlob's, so the figures are unchanged.
    """
    if not dict.__len__(sentiment):
        sentiment.load()
    plain = type(
        "PlainSentiment",
        (dict,),
        {
            "__call__": type(sentiment).__call__,
            "assessments": type(sentiment).assessments,
        },
    )(dict.items(sentiment))
    vars(plain).update(vars(sentiment))
    return plain


def _fill(sentiment: Any, path: Path) -> None:
    """Load TextBlob's sentiment lexicon, from the JSON cache when it was parsed before.

    Parsing ``en-sentiment.xml`` is the largest cost of a hook's first analysis after spaCy's
    own start-up; its result depends only on that file, so it is kept in :mod:`framing.cache`
    under the file's path, size and time. What ``Sentiment.load`` sets is restored exactly: the
    word senses (part-of-speech keys may be None, so they are stored as pairs), labels, synsets.
    """
    from framing import cache as json_cache

    if not path.is_file():
        return
    stat = path.stat()
    key = json_cache.digest(str(path), str(stat.st_size), str(stat.st_mtime_ns))
    cached = json_cache.load("textblob-sentiment", key)
    if not isinstance(cached, dict):
        sentiment.load()
        json_cache.store(
            "textblob-sentiment",
            key,
            {
                "words": [[word, list(senses.items())] for word, senses in dict.items(sentiment)],
                "labels": sentiment.labeler,
                "synsets": sentiment._synsets,
                "language": sentiment._language,
            },
        )
        return
    dict.update(sentiment, {word: dict(senses) for word, senses in cached["words"]})
    dict.update(sentiment.labeler, cached["labels"])
    dict.update(sentiment._synsets, cached["synsets"])
    sentiment._language = cached["language"]


def polarity_subjectivity(text: str) -> tuple[float, float]:
    """TextBlob's (polarity in [-1, 1], subjectivity in [0, 1]) for ``text``."""
    if not text.strip():
        return 0.0, 0.0
    polarity, subjectivity = _analyzer()(text)
    return float(polarity), float(subjectivity)
