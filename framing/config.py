"""Project configuration: packaged defaults < ``.framing.toml``/``pyproject.toml`` < CLI flags.

A press office keeps its settings next to its drafts, so the file is found by walking up from
each checked file: in every folder ``.framing.toml`` wins over a ``pyproject.toml`` that has a
``[tool.framing]`` table, and the nearest folder wins (as ruff and pre-commit do). Every key is
checked against ``SCHEMA`` when the file is read, so a typo stops the run with one line naming
the file and the key instead of being silently ignored.

Example ``.framing.toml``::

    select = ["FRM1", "FRM2"]
    ignore = ["FRM403"]
    fail-on = "warning"
    max-tension = 60
    lexicons = ["style/house-terms.toml"]
    exclude = ["archive"]

    [per-file-ignores]
    "quotes/*.md" = ["FRM1"]
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from fnmatch import fnmatchcase
from functools import cache
from pathlib import Path, PurePosixPath
from typing import Any

from framing.errors import FramingError
from framing.rules import RULES_BY_CODE

CONFIG_NAMES = (".framing.toml", "pyproject.toml")
FAIL_ON = ("error", "warning", "info", "never")
DEFAULT_INCLUDE = (
    "*.md",
    "*.markdown",
    "*.mdown",
    "*.mkd",
    "*.txt",
    "*.text",
    "*.rst",
    "*.docx",
)


@dataclass(frozen=True)
class Settings:
    """Everything ``framing check`` needs to know about one file, after all layers are merged.

    ``root`` is the folder of the config file the settings came from (the current folder when
    there is none); globs in ``include``, ``exclude`` and ``per_file_ignores`` are relative to it.
    """

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    fail_on: str = "warning"
    max_tension: float = 100.0
    lexicons: tuple[Path, ...] = ()
    model: str | None = None
    include: tuple[str, ...] = DEFAULT_INCLUDE
    exclude: tuple[str, ...] = ()
    root: Path = field(default_factory=Path.cwd)
    source: Path | None = None

    def ignores_for(self, path: Path) -> tuple[str, ...]:
        """Rule selectors that ``per-file-ignores`` switches off for ``path``."""
        return tuple(
            code
            for pattern, codes in self.per_file_ignores
            if matches_glob(path, pattern, self.root)
            for code in codes
        )

    def excludes(self, path: Path) -> bool:
        return any(matches_glob(path, pattern, self.root) for pattern in self.exclude)

    def includes(self, path: Path) -> bool:
        """Whether a file found in a folder is checked: ``*.md`` names the file, not a folder."""
        return any(
            matches_glob(path, pattern, self.root)
            if "/" in pattern.strip("/")
            else fnmatchcase(path.name, pattern)
            for pattern in self.include
        )


@dataclass(frozen=True)
class Overrides:
    """Values given on the command line; None means "not given", so the file's value stands."""

    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] | None = None
    fail_on: str | None = None
    max_tension: float | None = None
    lexicons: tuple[Path, ...] | None = None
    model: str | None = None
    config: Path | None = None
    isolated: bool = False


def matches_glob(path: Path, pattern: str, root: Path) -> bool:
    """gitignore-like matching: a pattern without '/' matches the file's name or any folder
    name between ``root`` and it; one with '/' matches the path relative to ``root`` (or a
    folder prefix of it). A file outside ``root`` is matched by its name only."""
    pattern = pattern.strip("/")
    try:
        relative: PurePosixPath | None = PurePosixPath(
            path.resolve().relative_to(root.resolve()).as_posix()
        )
    except ValueError:
        relative = None
    if "/" not in pattern:
        parts = relative.parts if relative is not None else (path.name,)
        return any(fnmatchcase(part, pattern) for part in parts)
    if relative is None:
        return False
    text = str(relative)
    return fnmatchcase(text, pattern) or fnmatchcase(text, pattern + "/*")


class _Bad(Exception):
    """A value that does not fit its key; the message says what was expected."""


def _string_list(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise _Bad("expected a list of non-empty strings")
    return tuple(v.strip() for v in value)


def _codes(value: Any) -> tuple[str, ...]:
    codes = tuple(code.upper() for code in _string_list(value))
    for code in codes:
        if not any(known.startswith(code) for known in RULES_BY_CODE):
            raise _Bad(f"no rule matches '{code}'; run 'framing rules' to list them")
    return codes


def _fail_on(value: Any) -> str:
    if value not in FAIL_ON:
        raise _Bad(f"expected one of {', '.join(FAIL_ON)}, got {value!r}")
    return str(value)


def _max_tension(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 100:
        raise _Bad(f"expected a number from 0 to 100, got {value!r}")
    return float(value)


def _model(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise _Bad("expected a model name, a path, or 'none'")
    return value.strip()


def _per_file_ignores(value: Any) -> tuple[tuple[str, tuple[str, ...]], ...]:
    if not isinstance(value, dict):
        raise _Bad('expected a table of glob = ["codes"]')
    out = []
    for pattern, codes in value.items():
        try:
            out.append((pattern, _codes(codes)))
        except _Bad as exc:
            raise _Bad(f"glob {pattern!r}: {exc}") from None
    return tuple(out)


# Key in the file → (Settings field, validator). The one place that declares what a config
# file may contain; anything else is an error.
SCHEMA: dict[str, tuple[str, Callable[[Any], Any]]] = {
    "select": ("select", _codes),
    "ignore": ("ignore", _codes),
    "per-file-ignores": ("per_file_ignores", _per_file_ignores),
    "fail-on": ("fail_on", _fail_on),
    "max-tension": ("max_tension", _max_tension),
    "lexicons": ("lexicons", _string_list),
    "model": ("model", _model),
    "include": ("include", _string_list),
    "exclude": ("exclude", _string_list),
}


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise FramingError("E103", path=path) from None
    except OSError as exc:
        raise FramingError("E102", path=path, detail=exc.strerror or str(exc)) from None
    try:
        return tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise FramingError("E102", path=path, detail="not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise FramingError("E102", path=path, detail=f"invalid TOML: {exc}") from None


def _stamp(path: Path) -> tuple[int, int]:
    """What changes when the file does: the caches below are keyed by it, so a long-running
    process (an editor plugin) sees edits, while one run parses each file once."""
    try:
        stat = path.stat()
    except FileNotFoundError:
        raise FramingError("E103", path=path) from None
    except OSError as exc:
        raise FramingError("E102", path=path, detail=exc.strerror or str(exc)) from None
    return stat.st_mtime_ns, stat.st_size


def _table(path: Path) -> Mapping[str, Any] | None:
    """The framing table of a config file, or None for a pyproject.toml without one."""
    return _parsed_table(path, _stamp(path))


@cache
def _parsed_table(path: Path, stamp: tuple[int, int]) -> Mapping[str, Any] | None:
    data = _read_toml(path)
    if path.name != "pyproject.toml":
        return data
    table = data.get("tool", {}).get("framing") if isinstance(data.get("tool"), dict) else None
    if table is not None and not isinstance(table, dict):
        raise FramingError("E101", path=path, key="tool.framing", detail="expected a table")
    return table


def _prefix(path: Path) -> str:
    return "tool.framing." if path.name == "pyproject.toml" else ""


def load_config(path: Path) -> dict[str, Any]:
    """Validated values of one config file, keyed by ``Settings`` field; relative lexicon paths
    are resolved against the file's folder."""
    return _validated(path, _stamp(path))


@cache
def _validated(path: Path, stamp: tuple[int, int]) -> dict[str, Any]:
    table = _table(path) or {}
    values: dict[str, Any] = {}
    for key, raw in table.items():
        if key not in SCHEMA:
            raise FramingError("E100", path=path, key=_prefix(path) + key, known=", ".join(SCHEMA))
        name, validate = SCHEMA[key]
        try:
            values[name] = validate(raw)
        except _Bad as exc:
            raise FramingError("E101", path=path, key=_prefix(path) + key, detail=exc) from None
    if "lexicons" in values:
        lexicons = tuple(path.parent / p for p in values["lexicons"])
        for lexicon in lexicons:
            if not lexicon.is_file():
                raise FramingError(
                    "E101",
                    path=path,
                    key=_prefix(path) + "lexicons",
                    detail=f"{lexicon}: no such file",
                )
        values["lexicons"] = lexicons
    return values


def _config_in(folder: Path) -> Path | None:
    for name in CONFIG_NAMES:
        candidate = folder / name
        if candidate.is_file() and (name != "pyproject.toml" or _table(candidate) is not None):
            return candidate
    return None


def find_config(path: Path) -> Path | None:
    """The config file that governs ``path``: the nearest one walking up from its folder."""
    start = path.resolve()
    folder = start if start.is_dir() else start.parent
    for candidate in (folder, *folder.parents):
        found = _config_in(candidate)
        if found is not None:
            return found
    return None


def resolve_settings(path: Path | None, overrides: Overrides | None = None) -> Settings:
    """Settings for one file (or stdin when ``path`` is None): defaults < file < flags.

    ``--config`` names the file for every input; ``--isolated`` ignores config files.
    """
    overrides = overrides or Overrides()
    if overrides.isolated:
        config = None
    elif overrides.config is not None:
        config = overrides.config
    else:
        config = find_config(path if path is not None else Path.cwd())
    settings = Settings()
    if config is not None:
        settings = replace(
            settings, **load_config(config), root=config.resolve().parent, source=config
        )
    given = {
        f.name: getattr(overrides, f.name)
        for f in fields(Overrides)
        if f.name in Settings.__dataclass_fields__ and getattr(overrides, f.name) is not None
    }
    return replace(settings, **given)


def cli_overrides(
    *,
    select: Sequence[str] | None,
    ignore: Sequence[str] | None,
    fail_on: str | None,
    max_tension: float | None,
    lexicons: Sequence[Path] | None,
    model: str | None,
    config: Path | None,
    isolated: bool,
) -> Overrides:
    """Build :class:`Overrides`, checking that ``--config`` names a readable, valid file."""
    if config is not None:
        load_config(config)
    return Overrides(
        select=tuple(select) if select else None,
        ignore=tuple(ignore) if ignore else None,
        fail_on=fail_on,
        max_tension=max_tension,
        lexicons=tuple(lexicons) if lexicons else None,
        model=model,
        config=config,
        isolated=isolated,
    )
