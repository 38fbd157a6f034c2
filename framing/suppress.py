"""Inline suppressions, read from the original text of a draft.

Exactly these forms are understood (the first three as HTML comments, which Markdown hides):

* ``<!-- framing: disable FRM101,FRM2 -->`` … ``<!-- framing: enable -->``: a region in which the
  listed rules (codes or prefixes; none = all rules) are off. ``enable`` with codes ends only the
  regions opened for those codes; a region left open runs to the end of the file.
* ``<!-- framing: ignore-next-line -->``: every rule is off on the following line.
* any line containing ``framing: ignore`` (a plain-text draft has no comments): that line only.

A comment that starts ``<!-- framing:`` but is none of these, or names no known rule, is an error
rather than a silently ignored typo — the complaint users of other prose linters raise most.
Suppressed findings are dropped before scoring and counted in ``Analysis.suppressed``.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from framing.directives import Suppression
from framing.errors import FramingError
from framing.rules import RULES_BY_CODE

COMMENT = re.compile(r"<!--\s*framing\s*:(?P<body>.*?)-->", re.DOTALL)
DIRECTIVE = re.compile(
    r"\s*(?P<verb>disable|enable|ignore-next-line|ignore)"
    r"(?:\s+(?P<codes>[A-Za-z0-9]+(?:\s*,\s*[A-Za-z0-9]+)*))?\s*"
)
LINE_IGNORE = re.compile(r"framing:\s*ignore(?![\w-])")


class _Lines:
    """Line starts of a text, for turning offsets into line ranges and numbers."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0, *(m.end() for m in re.finditer(r"\n", text))]

    def number(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset)

    def span(self, number: int) -> tuple[int, int]:
        """Characters of 1-based line ``number`` (without its line break)."""
        if number > len(self.starts):
            return len(self.text), len(self.text)
        start = self.starts[number - 1]
        end = self.starts[number] - 1 if number < len(self.starts) else len(self.text)
        return start, end


def _codes(raw: str | None, name: str, line: int) -> tuple[str, ...]:
    codes = tuple(c.strip().upper() for c in (raw or "").split(",") if c.strip())
    for code in codes:
        if not any(known.startswith(code) for known in RULES_BY_CODE):
            raise FramingError("E111", path=name, line=line, selector=code)
    return codes


def _inside(offset: int, ranges: Sequence[tuple[int, int]]) -> bool:
    return any(start <= offset < end for start, end in ranges)


def parse_suppressions(
    text: str, name: str = "<text>", *, skip: Sequence[tuple[int, int]] = ()
) -> tuple[Suppression, ...]:
    """The suppressions written in ``text``; ``skip`` are character ranges (code in Markdown)
    where comments are examples, not directives."""
    if "framing" not in text:
        return ()
    lines = _Lines(text)
    found: list[Suppression] = []
    open_regions: dict[tuple[str, ...], tuple[int, int]] = {}
    for match in COMMENT.finditer(text):
        if _inside(match.start(), skip):
            continue
        line = lines.number(match.start())
        directive = DIRECTIVE.fullmatch(match.group("body"))
        if directive is None:
            body = " ".join(match.group("body").split())
            raise FramingError("E110", path=name, line=line, directive=body)
        verb = directive.group("verb")
        if directive.group("codes") and verb not in ("disable", "enable"):
            body = " ".join(match.group("body").split())
            raise FramingError("E110", path=name, line=line, directive=body)
        codes = _codes(directive.group("codes"), name, line)
        if verb == "disable":
            open_regions.setdefault(codes, (match.end(), line))
        elif verb == "enable":
            for key in [k for k in open_regions if not codes or k == codes]:
                start, opened = open_regions.pop(key)
                found.append(Suppression(start, match.start(), key, opened))
        elif verb == "ignore-next-line":
            start, end = lines.span(lines.number(match.end()) + 1)
            found.append(Suppression(start, end, (), line))
    for codes, (start, opened) in open_regions.items():
        found.append(Suppression(start, len(text), codes, opened))
    for match in LINE_IGNORE.finditer(text):
        if _inside(match.start(), skip):
            continue
        line = lines.number(match.start())
        start, end = lines.span(line)
        found.append(Suppression(start, end, (), line))
    return tuple(sorted(found, key=lambda s: (s.start, s.end)))
