"""Word drafts (``.docx``), read with python-docx.

A .docx file has no lines, so the "original text" of a Word draft is its paragraphs (body
paragraphs and table cells, in document order) joined with ``\\n``: line N of that text is
paragraph N, and findings report ``paragraph N`` where a text file reports a line. Line breaks
inside a paragraph become spaces so the numbering holds. Paragraphs in Word's "Quote" and
"Intense Quote" styles are quoted speech, like Markdown block quotes.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from framing.errors import FramingError
from framing.sources.text import Source

if TYPE_CHECKING:
    from docx.text.paragraph import Paragraph

DOCX_SUFFIXES = (".docx",)
QUOTE_STYLES = frozenset({"Quote", "Intense Quote"})
_BREAKS = str.maketrans({"\n": " ", "\r": " ", "\v": " ", "\f": " "})


def _paragraphs(container: Any) -> Iterator[Paragraph]:
    """Paragraphs of a document or table cell in reading order, descending into tables."""
    from docx.table import Table

    for block in container.iter_inner_content():
        if isinstance(block, Table):
            seen: set[int] = set()
            for row in block.rows:
                for cell in row.cells:
                    if id(cell._tc) in seen:  # a merged cell appears once per grid column
                        continue
                    seen.add(id(cell._tc))
                    yield from _paragraphs(cell)
        else:
            yield block


def _style_name(paragraph: Paragraph) -> str:
    try:
        return paragraph.style.name if paragraph.style is not None else ""
    except (KeyError, AttributeError):  # a style id the styles part does not define
        return ""


def read_docx(name: str, raw: bytes) -> Source:
    """A Word draft as a source: paragraph N is line N of the original text."""
    import docx

    try:
        document = docx.Document(io.BytesIO(raw))
        paragraphs = [(p.text.translate(_BREAKS), _style_name(p)) for p in _paragraphs(document)]
    except Exception as exc:  # python-docx raises zip, XML and package errors of many types
        reason = " ".join(str(exc).split())[:120] or type(exc).__name__
        raise FramingError("E120", path=name, reason=reason) from None
    text = "\n".join(paragraph for paragraph, _ in paragraphs)
    if not text.strip():
        raise FramingError("E003", path=name)
    quoted = []
    starts = []
    offset = 0
    for paragraph, style in paragraphs:
        starts.append(offset)
        if style in QUOTE_STYLES and paragraph.strip():
            quoted.append((offset, offset + len(paragraph)))
        offset += len(paragraph) + 1
    return Source(
        name,
        text,
        text,
        quoted_ranges=tuple(quoted),
        block_starts=tuple(starts),
        unit="paragraph",
    )
