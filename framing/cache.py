"""A small JSON cache in the user's cache folder, for work a pre-commit hook should not repeat.

A hook starts a fresh ``framing check`` on every commit. Validating the lexicon packs against
their JSON Schema (and importing jsonschema to do it) and parsing TextBlob's sentiment XML cost
more than the rest of the start-up above spaCy's own; both depend only on the bytes of their
inputs. So the result is stored as JSON under a key that hashes those bytes (plus the framing,
spaCy and schema versions that could change the result): an edited pack gets a new key and is
validated again, and nothing stale can be read. JSON only — never pickle. Every failure to read
or write the cache is ignored (it is an optimisation, not state); ``FRAMING_NO_CACHE=1`` turns
it off and ``FRAMING_CACHE_DIR`` moves it.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

FORMAT = 1


def cache_dir() -> Path | None:
    """``$FRAMING_CACHE_DIR``, else the platform's user cache folder + ``framing``."""
    if os.environ.get("FRAMING_NO_CACHE") == "1":
        return None
    explicit = os.environ.get("FRAMING_CACHE_DIR")
    if explicit:
        return Path(explicit)
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA")
        return Path(base) / "framing" / "Cache" if base else None
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "framing"
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "framing"


def digest(*parts: bytes | str) -> str:
    """A key for ``parts`` (bytes of the inputs, version strings)."""
    h = hashlib.sha256(f"framing-cache-{FORMAT}".encode())
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "little") + data)
    return h.hexdigest()[:40]


def _path(kind: str, key: str) -> Path | None:
    folder = cache_dir()
    return None if folder is None else folder / kind / f"{key}.json"


def load(kind: str, key: str) -> Any | None:
    """The value stored for ``key``, or None when there is none (or it cannot be read)."""
    path = _path(kind, key)
    if path is None:
        return None
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def store(kind: str, key: str, value: Any) -> None:
    """Store ``value`` for ``key`` atomically; silently skipped when the folder is not writable."""
    from framing.atomic import replace_file  # only a cache miss writes; keep start-up lean

    path = _path(kind, key)
    if path is None:
        return
    try:
        data = json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        path.parent.mkdir(parents=True, exist_ok=True)
        replace_file(path, data)
    except (OSError, TypeError, ValueError):
        return


class Memo:
    """Values computed per name (a lexicon pattern, say) and kept under one cache key: read once
    when created, written back by :meth:`save` only when something new was computed."""

    def __init__(self, kind: str, key: str) -> None:
        self.kind = kind
        self.key = key
        found = load(kind, key)
        self.values: dict[str, Any] = found if isinstance(found, dict) else {}
        self.grown = False

    def get(self, name: str, compute: Callable[[], Any]) -> Any:
        if name not in self.values:
            self.values[name] = compute()
            self.grown = True
        return self.values[name]

    def save(self) -> None:
        if self.grown:
            store(self.kind, self.key, self.values)
            self.grown = False
