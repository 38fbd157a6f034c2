"""The Python API: pure functions behind the CLI.

>>> import framing
>>> analysis = framing.analyze("Rocket Man is on a suicide mission for himself.", model="none")
>>> [f.rule for f in analysis.findings]
['FRM102', 'FRM101']
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from framing.analysis import Analysis, from_doc

if TYPE_CHECKING:
    from spacy.language import Language


class Analyzer:
    """One pipeline, reused for many texts (building it is the expensive part).

    ``model``: None/"auto" uses a trained English pipeline when one is installed, "none" the
    rules tier, or a package name or path. ``lexicons``: extra TOML packs. ``select`` and
    ``ignore``: rule codes or prefixes to keep or drop (dropped rules do not score).
    """

    def __init__(
        self,
        model: str | None = None,
        *,
        lexicons: Sequence[Path] = (),
        builtin_lexicons: bool = True,
        select: Sequence[str] = (),
        ignore: Sequence[str] = (),
    ) -> None:
        self.model = model
        self.lexicons = tuple(lexicons)
        self.builtin_lexicons = builtin_lexicons
        self.select = tuple(select)
        self.ignore = tuple(ignore)

    @cached_property
    def nlp(self) -> Language:
        from framing.pipeline import build_pipeline

        return build_pipeline(
            self.model,
            lexicons=self.lexicons,
            builtin_lexicons=self.builtin_lexicons,
            select=self.select,
            ignore=self.ignore,
        )

    @property
    def tier(self) -> str:
        from framing.pipeline import tier_of

        return tier_of(self.nlp)

    @property
    def lexicon_version(self) -> str:
        return self.nlp.get_pipe("framing").lexicon.version

    def analyze(self, text: str, *, original: str | None = None) -> Analysis:
        """Analyse ``text``; ``original`` is the raw input when ``text`` is prose from markup."""
        return from_doc(self.nlp(text), original, tier=self.tier)

    def analyze_many(self, texts: Iterable[str], *, batch_size: int = 64) -> Iterator[Analysis]:
        """Analyse a stream of texts with ``nlp.pipe`` (faster than one by one)."""
        tier = self.tier
        for doc in self.nlp.pipe(texts, batch_size=batch_size):
            yield from_doc(doc, tier=tier)


_DEFAULT: dict[str | None, Analyzer] = {}


def analyze(text: str, *, model: str | None = None) -> Analysis:
    """Analyse one text with a cached :class:`Analyzer` for ``model``."""
    if model not in _DEFAULT:
        _DEFAULT[model] = Analyzer(model)
    return _DEFAULT[model].analyze(text)
