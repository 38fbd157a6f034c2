"""Where the packaged data lives, in a wheel and in a source checkout.

The wheel carries the top-level ``lexicons/`` and ``seeds/`` folders as ``framing/_data/...``
(see ``pyproject.toml``); an editable install reads them from the checkout instead, so that a
lexicon edit is seen without reinstalling.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    """The folder of packaged data called ``name`` (``lexicons`` or ``seeds``)."""
    packaged = _PACKAGE_DIR / "_data" / name
    if packaged.is_dir():
        return packaged
    return _PACKAGE_DIR.parent / name


def article_text() -> str:
    """The article whose advice the rules enforce (``seeds/``)."""
    folder = data_dir("seeds")
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt")))
