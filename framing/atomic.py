"""Atomic file replacement: nothing the user owns is ever left half-written.

Data goes to a temporary file in the target's own folder (so the final ``os.replace`` is a
rename on one file system), is flushed to disk, gets the target's permissions (or the umask's
default for a new file) and only then replaces the target. On any error the temporary file is
removed and the ``OSError`` propagates for the caller to report with its own error code.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def default_mode() -> int:
    """The mode a new file gets under the current umask."""
    current = os.umask(0)
    os.umask(current)
    return 0o666 & ~current


def replace_file(
    path: Path, data: bytes, *, mode: int | None = None, owner: tuple[int, int] | None = None
) -> None:
    """Replace ``path`` with ``data`` atomically, keeping its mode (and ``owner`` as root)."""
    folder = path.parent if str(path.parent) else Path(".")
    if mode is None:
        mode = path.stat().st_mode & 0o7777 if path.exists() else default_mode()
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, mode)
        if owner is not None and os.getuid() == 0:
            os.chown(temporary, *owner)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
