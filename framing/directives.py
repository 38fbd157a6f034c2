"""What a source tells the pipeline about one document, beyond its text.

A Markdown block quote is quoted speech; a ``<!-- framing: disable -->`` region or a
``per-file-ignores`` entry switches rules off. These are facts about the file, not about the
words, so they travel with the Doc in ``doc.user_data[DIRECTIVES_KEY]`` (set by
:meth:`framing.api.Analyzer.analyze`) and the ``framing`` component reads them: findings inside a
quoted range are marked quoted and do not score; suppressed findings are dropped before scoring
and counted.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from framing.rules import matches_selector

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from framing.detectors.context import Hit

DIRECTIVES_KEY = "framing_directives"


@dataclass(frozen=True)
class Suppression:
    """Rules switched off for characters ``start:end`` of the input (no rules = all)."""

    start: int
    end: int
    rules: tuple[str, ...] = ()
    line: int = 0

    def covers(self, rule: str, offset: int) -> bool:
        inside = self.start <= offset < self.end
        return inside and (not self.rules or matches_selector(rule, self.rules))


@dataclass(frozen=True)
class Directives:
    """Quoted character ranges, suppressions, rules ignored for the whole document, and the
    offsets where the markup starts a block (a heading, paragraph, list item or Word paragraph):
    a sentence never runs across them, even without a full stop."""

    quoted: tuple[tuple[int, int], ...] = ()
    suppressions: tuple[Suppression, ...] = ()
    ignore: tuple[str, ...] = ()
    block_starts: tuple[int, ...] = ()

    def is_quoted(self, start: int, end: int) -> bool:
        return any(q_start <= start and end <= q_end for q_start, q_end in self.quoted)

    def ignores(self, rule: str) -> bool:
        """Switched off for this file by configuration, like ``--ignore`` (not counted)."""
        return matches_selector(rule, self.ignore)

    def suppresses(self, rule: str, offset: int) -> bool:
        """Switched off here by an inline comment (counted as suppressed)."""
        return any(s.covers(rule, offset) for s in self.suppressions)


NO_DIRECTIVES = Directives()


def attach(doc: Doc, directives: Directives) -> Doc:
    """Put ``directives`` on a fresh Doc and start a sentence at every block start (the
    sentencizer and the parser keep sentence starts that are already set).

    The whitespace before a block start (blank lines, blanked markup) stays with the sentence
    before it, so no sentence is made of whitespace alone.
    """
    doc.user_data[DIRECTIVES_KEY] = directives
    starts = iter(sorted(directives.block_starts))
    pending = next(starts, None)
    for token in doc:
        if pending is None:
            break
        if token.is_space or token.idx < pending:
            continue
        before = token.i - 1
        while before > 0 and doc[before].is_space:
            doc[before].is_sent_start = False
            before -= 1
        if before >= 0 and not doc[before].is_space:
            token.is_sent_start = True
        while pending is not None and pending <= token.idx:
            pending = next(starts, None)
    return doc


def directives_of(doc: Doc) -> Directives:
    """The directives attached to ``doc``, or none."""
    found = doc.user_data.get(DIRECTIVES_KEY)
    return found if isinstance(found, Directives) else NO_DIRECTIVES


def apply_directives(doc: Doc, hits: list[Hit]) -> tuple[list[Hit], int]:
    """Drop the hits the file switches off, before scoring: per-file ignores silently (like
    ``--ignore``), inline suppressions counted, so the summary can say how many there were."""
    directives = directives_of(doc)
    if directives == NO_DIRECTIVES:
        return hits, 0
    kept: list[Hit] = []
    suppressed = 0
    for hit in hits:
        if directives.ignores(hit.rule):
            continue
        offset = doc[hit.start].idx if hit.start < len(doc) else len(doc.text)
        if directives.suppresses(hit.rule, offset):
            suppressed += 1
        else:
            kept.append(hit)
    return kept, suppressed
