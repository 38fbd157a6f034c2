"""Baselines: adopt framing on a repository of old drafts and fail only on new findings.

``framing check --write-baseline FILE`` records every current finding by file, rule, the text
it flags and the sentence around it (whitespace-normalised) — no line numbers, so adding a
paragraph above an old finding does not make it new, while rewording its sentence does.
``--baseline FILE`` then hides findings that match a recorded one (as many times as they were
recorded) and counts them in the summary. Paths are stored relative to the baseline's folder
(``../drafts/remarks.md`` when it sits in ``ci/``), so the file can be committed and used from
any working directory.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from framing.analysis import Analysis, Finding
from framing.atomic import replace_file
from framing.errors import FramingError
from framing.render import CheckedFile

VERSION = 1
Key = tuple[str, str, str, str]


def _normalise(text: str) -> str:
    return " ".join(text.split())


def _path_key(path: str, root: Path) -> str:
    if path == "-":
        return path
    resolved = Path(path).resolve()
    try:
        return Path(os.path.relpath(resolved, root.resolve())).as_posix()
    except ValueError:  # another drive on Windows
        return resolved.as_posix()


def finding_key(path_key: str, analysis: Analysis, finding: Finding) -> Key:
    """What identifies a finding across edits: file, rule, flagged text, its sentence."""
    sentence = analysis.sentences[finding.sentence].text if analysis.sentences else ""
    return (path_key, finding.rule, _normalise(finding.text), _normalise(sentence))


def _keys(files: Sequence[CheckedFile], root: Path) -> Counter[Key]:
    keys: Counter[Key] = Counter()
    for item in files:
        path_key = _path_key(item.path, root)
        keys.update(finding_key(path_key, item.analysis, f) for f in item.analysis.findings)
    return keys


def baseline_document(files: Sequence[CheckedFile], root: Path) -> dict[str, Any]:
    entries = [
        {"path": path, "rule": rule, "text": text, "context": context, "count": count}
        for (path, rule, text, context), count in sorted(_keys(files, root).items())
    ]
    return {"version": VERSION, "tool": "framing", "findings": entries}


def write_atomic(path: Path, content: str) -> None:
    """Write the baseline atomically (see :mod:`framing.atomic`)."""
    try:
        replace_file(path, content.encode("utf-8"))
    except OSError as exc:
        raise FramingError("E131", path=path, detail=exc.strerror or str(exc)) from None


def check_writable(path: Path) -> None:
    """Fail before any analysis when the baseline cannot be written where asked."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise FramingError("E131", path=path, detail=f"no such directory {folder}")
    if path.is_dir():
        raise FramingError("E131", path=path, detail="is a directory")


def write_baseline(path: Path, files: Sequence[CheckedFile]) -> int:
    """Record the findings of ``files`` in ``path``; returns how many were recorded."""
    document = baseline_document(files, path.parent)
    write_atomic(path, json.dumps(document, ensure_ascii=False, indent=2) + "\n")
    return sum(entry["count"] for entry in document["findings"])


def _entry_key(path: Path, index: int, entry: Any) -> tuple[Key, int]:
    fields = ("path", "rule", "text", "context")
    if not isinstance(entry, dict) or not all(isinstance(entry.get(k), str) for k in fields):
        raise FramingError(
            "E130", path=path, detail=f"entry {index + 1} needs string path, rule, text, context"
        )
    count = entry.get("count", 1)
    if isinstance(count, bool) or not isinstance(count, int) or count < 1:
        raise FramingError("E130", path=path, detail=f"entry {index + 1}: bad count {count!r}")
    return (entry["path"], entry["rule"], entry["text"], entry["context"]), count


def read_baseline(path: Path) -> Counter[Key]:
    """The recorded findings of a baseline file, as a multiset of keys."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise FramingError("E130", path=path, detail="no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise FramingError("E130", path=path, detail=f"cannot read ({exc})") from None
    except json.JSONDecodeError as exc:
        raise FramingError("E130", path=path, detail=f"invalid JSON ({exc})") from None
    if not isinstance(data, dict) or data.get("version") != VERSION:
        raise FramingError("E130", path=path, detail=f"not a version {VERSION} framing baseline")
    entries = data.get("findings")
    if not isinstance(entries, list):
        raise FramingError("E130", path=path, detail="'findings' must be a list")
    keys: Counter[Key] = Counter()
    for index, entry in enumerate(entries):
        key, count = _entry_key(path, index, entry)
        keys[key] += count
    return keys


def with_findings(analysis: Analysis, findings: Sequence[Finding], **meta: Any) -> Analysis:
    """``analysis`` keeping only ``findings`` (sentence indexes rebuilt), with extra meta."""
    kept = tuple(findings)
    sentences = tuple(
        replace(s, findings=tuple(i for i, f in enumerate(kept) if f.sentence == s.index))
        for s in analysis.sentences
    )
    return replace(analysis, findings=kept, sentences=sentences, meta={**analysis.meta, **meta})


def apply_baseline(
    files: Sequence[CheckedFile], baseline: Counter[Key], root: Path
) -> tuple[CheckedFile, ...]:
    """Drop findings recorded in ``baseline``; each file's ``meta["baselined"]`` says how many."""
    remaining = Counter(baseline)
    out = []
    for item in files:
        path_key = _path_key(item.path, root)
        new = []
        for finding in item.analysis.findings:
            key = finding_key(path_key, item.analysis, finding)
            if remaining[key] > 0:
                remaining[key] -= 1
            else:
                new.append(finding)
        baselined = len(item.analysis.findings) - len(new)
        out.append(CheckedFile(item.path, with_findings(item.analysis, new, baselined=baselined)))
    return tuple(out)
