"""Read lexicon packs, validate them, and turn them into typed entries.

Every pack is checked against ``schema.json`` before any entry is used, so a typo in a weight or
a missing rationale is reported with file, entry and field instead of surfacing later as a wrong
score. Token patterns additionally pass spaCy's own ``Matcher(validate=True)``.
"""

from __future__ import annotations

import hashlib
import json
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from framing import cache as json_cache
from framing.errors import FramingError
from framing.resources import data_dir
from framing.rules import RULES_BY_CODE

_SCHEMA_PATH = Path(__file__).with_name("schema.json")
PACK_KINDS = ("cues", "targets", "not-names")


@dataclass(frozen=True)
class PackMeta:
    """The ``[meta]`` table of one pack and where it was read from."""

    id: str
    version: str
    kind: str
    source: str
    license: str
    path: str


@dataclass(frozen=True)
class CueEntry:
    """A term that feeds a rule: escalation, hostile policy, tension reduction, ..."""

    id: str
    rule: str
    patterns: tuple[str, ...]
    token_patterns: tuple[tuple[dict[str, Any], ...], ...]
    weight: float
    rationale: str
    article: str
    alternatives: tuple[str, ...]
    negation: str
    needs_target: bool
    personal: bool
    specific: bool
    unless_near: tuple[str, ...]
    pack: str


@dataclass(frozen=True)
class TargetEntry:
    """A way of naming a leader, official or leadership; epithets are findings of their own."""

    id: str
    patterns: tuple[str, ...]
    canonical: str
    country: str
    role: str
    epithet: bool
    weight: float
    rationale: str
    article: str
    alternatives: tuple[str, ...]
    pack: str


@dataclass(frozen=True)
class NotNamesEntry:
    """Capitalised words that are never a person's name (places, peoples, movements), so the
    guess at names the targets lexicon does not list (:mod:`framing.names`) passes them over."""

    id: str
    words: frozenset[str]
    pack: str


@dataclass(frozen=True)
class Lexicon:
    """All loaded packs; ``version`` is a content hash that changes with any pack's bytes."""

    packs: tuple[PackMeta, ...]
    cues: tuple[CueEntry, ...]
    targets: tuple[TargetEntry, ...]
    not_names: tuple[NotNamesEntry, ...]
    version: str

    @property
    def not_name_words(self) -> frozenset[str]:
        return frozenset().union(*(entry.words for entry in self.not_names))


def builtin_pack_paths() -> list[Path]:
    """The packs shipped with framing, in a stable order."""
    return sorted(data_dir("lexicons").glob("*.toml"))


@cache
def _validator() -> Any:
    import jsonschema

    schema = json.loads(_SCHEMA_PATH.read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


@cache
def _entry_validators() -> dict[str, Any]:
    import jsonschema

    schema = json.loads(_SCHEMA_PATH.read_text(encoding="utf-8"))
    defs = schema["$defs"]

    def for_def(name: str) -> Any:
        return jsonschema.Draft202012Validator({"$defs": defs, "$ref": f"#/$defs/{name}"})

    return {"cues": for_def("cue"), "targets": for_def("target"), "not-names": for_def("not_names")}


def _describe(error: Any) -> str:
    field = ".".join(str(part) for part in error.absolute_path)
    return f"field '{field}': {error.message}" if field else error.message


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise FramingError("E010", path=path, detail="no such file") from None
    except OSError as exc:
        raise FramingError("E010", path=path, detail=exc.strerror or str(exc)) from None


def _read_toml(path: Path, raw: bytes | None = None) -> dict[str, Any]:
    raw = _read_bytes(path) if raw is None else raw
    try:
        return tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise FramingError("E010", path=path, detail="not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise FramingError("E010", path=path, detail=f"invalid TOML: {exc}") from None


def _check_token_patterns(path: Path, entry_id: str, patterns: Sequence[Any]) -> None:
    from spacy.matcher import Matcher
    from spacy.vocab import Vocab

    matcher = Matcher(Vocab(), validate=True)
    try:
        matcher.add(entry_id, [list(p) for p in patterns])
    except Exception as exc:  # spaCy raises ValueError/MatchPatternError with a long report
        first = " ".join(str(exc).split())[:200]
        raise FramingError(
            "E011", path=path, entry=entry_id, detail=f"field 'token_patterns': {first}"
        ) from None


def _validate(path: Path, data: dict[str, Any]) -> str:
    errors = sorted(_validator().iter_errors(data), key=lambda e: list(e.absolute_path))
    if errors:
        raise FramingError("E010", path=path, detail=_describe(errors[0]))
    kind = data["meta"]["kind"]
    entry_validator = _entry_validators()[kind]
    for index, entry in enumerate(data["entries"]):
        entry_id = entry.get("id", f"#{index + 1}") if isinstance(entry, dict) else f"#{index + 1}"
        problems = sorted(entry_validator.iter_errors(entry), key=lambda e: list(e.absolute_path))
        if problems:
            raise FramingError("E011", path=path, entry=entry_id, detail=_describe(problems[0]))
        rule_code = entry.get("rule")
        if rule_code is not None and rule_code not in RULES_BY_CODE:
            raise FramingError(
                "E011", path=path, entry=entry_id, detail=f"field 'rule': unknown rule {rule_code}"
            )
        if "token_patterns" in entry:
            _check_token_patterns(path, entry_id, entry["token_patterns"])
    return kind


@cache
def _validation_inputs() -> tuple[bytes, ...]:
    """What a validation result depends on besides the pack: schema, this module's code, the
    rule table and spaCy's Matcher (token patterns). spaCy's version is read from its package
    metadata: importing spaCy to ask would cost a ``--jobs`` parent, which never parses a text,
    half a second."""
    from importlib.metadata import version

    spacy_version = version("spacy")
    return (
        _SCHEMA_PATH.read_bytes(),
        Path(__file__).read_bytes(),
        " ".join(RULES_BY_CODE).encode(),
        spacy_version.encode(),
    )


def _read_valid(path: Path) -> tuple[dict[str, Any], str]:
    """A pack's data and kind, validated.

    Validation (and importing jsonschema for it) is most of what a pre-commit hook pays at
    start-up beyond spaCy itself, and it depends only on the pack's bytes and the inputs of
    ``_validation_inputs``; so a pack validated before is read from the JSON cache under a key
    hashing all of them (:mod:`framing.cache`). An edited pack has a new key and is validated.
    """
    raw = _read_bytes(path)
    key = json_cache.digest(raw, *_validation_inputs())
    cached = json_cache.load("lexicons", key)
    if isinstance(cached, dict) and cached.get("kind") in PACK_KINDS:
        return cached["data"], cached["kind"]
    data = _read_toml(path, raw)
    kind = _validate(path, data)
    json_cache.store("lexicons", key, {"kind": kind, "data": data})
    return data, kind


def _cue(entry: dict[str, Any], pack: str) -> CueEntry:
    return CueEntry(
        id=entry["id"],
        rule=entry["rule"],
        patterns=tuple(entry.get("patterns", ())),
        token_patterns=tuple(tuple(p) for p in entry.get("token_patterns", ())),
        weight=float(entry["weight"]),
        rationale=entry["rationale"],
        article=entry["article"],
        alternatives=tuple(entry["alternatives"]),
        negation=entry.get("negation", "suppress"),
        needs_target=entry.get("needs_target", False),
        personal=entry.get("personal", False),
        specific=entry.get("specific", False),
        unless_near=tuple(entry.get("unless_near", ())),
        pack=pack,
    )


def _target(entry: dict[str, Any], pack: str) -> TargetEntry:
    return TargetEntry(
        id=entry["id"],
        patterns=tuple(entry["patterns"]),
        canonical=entry["canonical"],
        country=entry["country"],
        role=entry["role"],
        epithet=entry.get("epithet", False),
        weight=float(entry.get("weight", 0.0)),
        rationale=entry.get("rationale", ""),
        article=entry.get("article", ""),
        alternatives=tuple(entry.get("alternatives", ())),
        pack=pack,
    )


def load_lexicon(extra: Iterable[Path] = (), *, builtin: bool = True) -> Lexicon:
    """Load the built-in packs (unless ``builtin`` is false) and any extra user packs.

    Raises :class:`FramingError` naming the file, entry and field of the first problem found.
    """
    paths = [*(builtin_pack_paths() if builtin else ()), *extra]
    digest = hashlib.sha256()
    packs: list[PackMeta] = []
    cues: list[CueEntry] = []
    targets: list[TargetEntry] = []
    not_names: list[NotNamesEntry] = []
    seen: dict[str, Path] = {}
    for path in paths:
        data, kind = _read_valid(path)
        meta = data["meta"]
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
        packs.append(
            PackMeta(meta["id"], meta["version"], kind, meta["source"], meta["license"], str(path))
        )
        for entry in data["entries"]:
            if entry["id"] in seen:
                raise FramingError("E012", entry=entry["id"], first=seen[entry["id"]], second=path)
            seen[entry["id"]] = path
            if kind == "cues":
                cues.append(_cue(entry, meta["id"]))
            elif kind == "targets":
                targets.append(_target(entry, meta["id"]))
            else:
                not_names.append(NotNamesEntry(entry["id"], frozenset(entry["words"]), meta["id"]))
    return Lexicon(
        tuple(packs), tuple(cues), tuple(targets), tuple(not_names), digest.hexdigest()[:12]
    )
