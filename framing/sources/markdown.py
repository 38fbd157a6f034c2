"""Markdown sources: what a reader of the rendered page sees as prose, at the original offsets.

The draft is parsed with markdown-it-py (CommonMark plus tables and strikethrough). Code (fenced,
indented, inline), front matter, HTML blocks, inline HTML and comments, link and image targets,
reference definitions and emphasis markers are not prose: they are overwritten with spaces
(line breaks kept), never cut, so every offset, line and column still points into the file.
Block quotes stay prose but are reported as quoted ranges: what a draft quotes is not its own
framing.

markdown-it gives line maps for blocks but no positions for inline tokens, so inline constructs
are found by walking each block's source in step with its inline tokens (``_InlineWalker``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

from framing.sources.text import BOM, Source

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

# YAML (---) or TOML (+++) front matter: from the first line to the matching fence (or "...").
FRONT_MATTER = re.compile(
    r"\A\ufeff?(---|\+\+\+)[ \t]*\r?\n.*?^(?:\1|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.M | re.S
)
BLANKED_BLOCKS = frozenset({"fence", "code_block", "html_block", "hr", "definition"})
CODE_BLOCKS = frozenset({"fence", "code_block"})
EMPHASIS = frozenset({"em_open", "em_close", "strong_open", "strong_close", "s_open", "s_close"})


@dataclass
class MarkdownProse:
    """The prose of a Markdown text (same length), quoted ranges, code ranges, block starts."""

    prose: str
    quoted: tuple[tuple[int, int], ...]
    code: tuple[tuple[int, int], ...]
    block_starts: tuple[int, ...]


@dataclass
class _Canvas:
    """The text being blanked, with its line starts."""

    text: str
    chars: list[str] = field(init=False)
    starts: list[int] = field(init=False)
    code: list[tuple[int, int]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.chars = list(self.text)
        self.starts = [0, *(m.end() for m in re.finditer(r"\n", self.text))]

    def line_start(self, line: int) -> int:
        return self.starts[line] if line < len(self.starts) else len(self.text)

    def lines(self, token_map: Sequence[int]) -> tuple[int, int]:
        return self.line_start(token_map[0]), self.line_start(token_map[1])

    def blank(self, start: int, end: int) -> None:
        for index in range(start, end):
            if self.chars[index] not in "\r\n":
                self.chars[index] = " "


def _backtick_run(length: int) -> re.Pattern[str]:
    return re.compile(rf"(?<!`)`{{{length}}}(?!`)")


def _loose(content: str) -> re.Pattern[str]:
    """Match ``content`` as written in the source, where any character may be backslash-escaped
    or written as an entity (markdown-it decodes both in text tokens)."""
    parts = (rf"(?:\\?{re.escape(c)}|&#?[A-Za-z0-9]+;)" for c in content)
    return re.compile("".join(parts))


def _closing(text: str, start: int, end: int, open_char: str, close_char: str) -> int:
    """Index just past the bracket closing the one at ``start`` (escapes and nesting honoured)."""
    depth = 0
    index = start
    while index < end:
        char = text[index]
        if char == "\\":
            index += 2
            continue
        if char == open_char:
            depth += 1
        elif char == close_char:
            depth -= 1
            if depth == 0:
                return index + 1
        index += 1
    return end


class _InlineWalker:
    """Walks one inline token's source with a cursor, blanking the constructs that are not
    prose. The cursor only moves forward; when a text token cannot be found (an unusual escape)
    it stays put, and the next construct is searched from there."""

    def __init__(self, canvas: _Canvas, start: int, end: int) -> None:
        self.canvas = canvas
        self.text = canvas.text
        self.cursor = start
        self.end = end
        self.in_autolink = False

    def find(self, needle: str) -> int:
        return self.text.find(needle, self.cursor, self.end)

    def walk(self, children: Sequence[Token]) -> int:
        for token in children:
            handler = getattr(self, f"on_{token.type}", None)
            if self.in_autolink and token.type != "link_close":
                continue
            if handler is not None:
                handler(token)
            elif token.type in EMPHASIS:
                self.on_emphasis(token)
        return self.cursor

    def on_text(self, token: Token) -> None:
        if not token.content:
            return
        position = self.find(token.content)
        if position >= 0:
            self.cursor = position + len(token.content)
            return
        match = _loose(token.content).search(self.text, self.cursor, self.end)
        if match is not None:
            self.cursor = match.end()

    def on_softbreak(self, token: Token) -> None:
        position = self.find("\n")
        if position >= 0:
            self.cursor = position + 1

    on_hardbreak = on_softbreak

    def on_emphasis(self, token: Token) -> None:
        position = self.find(token.markup)
        if position >= 0:
            self.canvas.blank(position, position + len(token.markup))
            self.cursor = position + len(token.markup)

    def on_code_inline(self, token: Token) -> None:
        run = _backtick_run(len(token.markup))
        opening = run.search(self.text, self.cursor, self.end)
        if opening is None:
            return
        closing = run.search(self.text, opening.end(), self.end)
        stop = closing.end() if closing else self.end
        self.canvas.blank(opening.start(), stop)
        self.canvas.code.append((opening.start(), stop))
        self.cursor = stop

    def on_html_inline(self, token: Token) -> None:
        position = self.find(token.content)
        if position >= 0:
            self.canvas.blank(position, position + len(token.content))
            self.cursor = position + len(token.content)

    def on_link_open(self, token: Token) -> None:
        if token.markup == "autolink":
            position = self.find("<")
            if position >= 0:
                stop = self.text.find(">", position, self.end)
                stop = self.end if stop < 0 else stop + 1
                self.canvas.blank(position, stop)
                self.cursor = stop
            self.in_autolink = True
            return
        position = self.find("[")
        if position >= 0:
            self.canvas.blank(position, position + 1)
            self.cursor = position + 1

    def on_link_close(self, token: Token) -> None:
        if self.in_autolink:
            self.in_autolink = False
            return
        position = self.find("]")
        if position < 0:
            return
        self.cursor = self._blank_target(position)

    def on_image(self, token: Token) -> None:
        position = self.find("![")
        if position < 0:
            return
        bracket = _closing(self.text, position + 1, self.end, "[", "]") - 1
        stop = self._blank_target(bracket)
        self.canvas.blank(position, stop)
        self.cursor = stop

    def _blank_target(self, bracket: int) -> int:
        """Blank ``]`` at ``bracket`` and the ``(target "title")`` or ``[label]`` after it."""
        after = bracket + 1
        if after < self.end and self.text[after] == "(":
            stop = _closing(self.text, after, self.end, "(", ")")
        elif after < self.end and self.text[after] == "[":
            stop = _closing(self.text, after, self.end, "[", "]")
        else:
            stop = after
        self.canvas.blank(bracket, stop)
        return stop


def _front_matter(canvas: _Canvas) -> None:
    match = FRONT_MATTER.match(canvas.text)
    if match is not None:
        canvas.blank(match.start(), match.end())


@cache
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"inline_definitions": True}).enable(["table", "strikethrough"])


def markdown_prose(text: str) -> MarkdownProse:
    """Blank everything in ``text`` that is not prose; report quoted and code ranges."""
    canvas = _Canvas(text)
    if text.startswith(BOM):
        canvas.blank(0, 1)
    _front_matter(canvas)
    tokens = _parser().parse("".join(canvas.chars))
    quoted: list[tuple[int, int]] = []
    block_starts: list[int] = []
    cursor = 0
    for token in tokens:
        if token.map is None:
            continue
        start, end = canvas.lines(token.map)
        if token.type in BLANKED_BLOCKS:
            canvas.blank(start, end)
            if token.type in CODE_BLOCKS:
                canvas.code.append((start, end))
        elif token.type == "blockquote_open":
            quoted.append((start, end))
        elif token.type == "heading_open" and token.markup in ("=", "-"):
            canvas.blank(canvas.line_start(token.map[1] - 1), end)
        elif token.type == "inline" and token.children:
            block_starts.append(max(start, cursor))
            walker = _InlineWalker(canvas, max(start, cursor), end)
            cursor = walker.walk(token.children)
    return MarkdownProse(
        "".join(canvas.chars), tuple(quoted), tuple(sorted(canvas.code)), tuple(block_starts)
    )


def markdown_source(name: str, text: str) -> Source:
    """A Markdown draft as a source."""
    parsed = markdown_prose(text)
    return Source(
        name,
        text,
        parsed.prose,
        quoted_ranges=parsed.quoted,
        code_ranges=parsed.code,
        block_starts=parsed.block_starts,
    )
