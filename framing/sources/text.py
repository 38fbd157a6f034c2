"""Plain-text sources, and the checks every input passes before it is analysed.

The prose handed to spaCy always has exactly the length of the original text, so a finding's
character offsets are offsets into the user's file. A byte-order mark is blanked to a space
rather than removed for the same reason.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from framing.errors import FramingError

TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text")
MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd", ".mkdn")
BOM = "\ufeff"
SNIFF_BYTES = 8192


@dataclass(frozen=True)
class Source:
    """One input: its display name, the original text, and the prose to analyse (same length).

    ``quoted_ranges`` are character ranges the markup marks as quotation (Markdown block quotes,
    Word "Quote" paragraphs); ``code_ranges`` are code, where a suppression comment is an example
    rather than a directive; ``block_starts`` are offsets where the markup starts a heading or
    paragraph (a sentence starts there); ``unit`` is what a "line" is (``paragraph`` for Word).
    """

    name: str
    original: str
    prose: str
    quoted_ranges: tuple[tuple[int, int], ...] = ()
    code_ranges: tuple[tuple[int, int], ...] = ()
    block_starts: tuple[int, ...] = ()
    unit: str = "line"


def source_from_text(name: str, text: str) -> Source:
    prose = " " + text[1:] if text.startswith(BOM) else text
    return Source(name, text, prose)


def decode(name: str, raw: bytes) -> str:
    """Decode UTF-8 input or raise a one-line error saying why it is not text."""
    if b"\0" in raw[:SNIFF_BYTES]:
        raise FramingError("E002", path=name, reason="binary data")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise FramingError("E002", path=name, reason=f"invalid UTF-8 at byte {exc.start}") from None
    if not text.replace(BOM, "").strip():
        raise FramingError("E003", path=name)
    return text


def read_path(path: Path) -> Source:
    """Read one file as a source."""
    name = str(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise FramingError("E001", path=name) from None
    except IsADirectoryError:
        raise FramingError("E005", path=name, reason="is a directory") from None
    except OSError as exc:
        raise FramingError("E005", path=name, reason=exc.strerror or str(exc)) from None
    suffix = path.suffix.lower()
    if suffix == ".docx":
        from framing.sources.docx import read_docx

        return read_docx(name, raw)
    text = decode(name, raw)
    if suffix in MARKDOWN_SUFFIXES:
        from framing.sources.markdown import markdown_source

        return markdown_source(name, text)
    return source_from_text(name, text)


def read_stdin() -> Source:
    raw = sys.stdin.buffer.read()
    if not raw.strip():
        raise FramingError("E006")
    return source_from_text("-", decode("<stdin>", raw))


def expand_paths(paths: Iterable[str]) -> Iterator[str]:
    """Files named, and text files found recursively in directories named (sorted)."""
    for raw in paths:
        if raw == "-":
            yield raw
            continue
        path = Path(raw)
        if path.is_dir():
            found = sorted(
                p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES
            )
            if not found:
                raise FramingError("E004", path=raw)
            yield from (str(p) for p in found)
        elif not path.exists():
            raise FramingError("E001", path=raw)
        else:
            yield raw
