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
from framing.directives import Directives, attach
from framing.doctext import make_doc

if TYPE_CHECKING:
    from spacy.language import Language

    from framing.suggest import Suggested
    from framing.verify import Verifier


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

    def analyze(
        self,
        text: str,
        *,
        original: str | None = None,
        directives: Directives | None = None,
        people: bool = False,
    ) -> Analysis:
        """Analyse ``text``; ``original`` is the raw input when ``text`` is prose from markup.

        ``directives`` carry what the file says about itself: quoted ranges (block quotes),
        inline suppressions and per-file ignores (see :mod:`framing.directives`). Findings that
        ask for a change carry verified calmer phrasings (:mod:`framing.suggest`). ``people``:
        as for :meth:`analyze_many`.
        """
        return self.rewrites(text, original=original, directives=directives, people=people).analysis

    def rewrites(
        self,
        text: str,
        *,
        original: str | None = None,
        directives: Directives | None = None,
        people: bool = False,
    ) -> Suggested:
        """The analysis with verified suggestions, and the edits behind them (``framing fix``)."""
        from framing.suggest import suggest

        doc = make_doc(self.nlp, text, people=people)
        if directives is not None:
            attach(doc, directives)
        doc = self.nlp(doc)
        return suggest(self, doc, from_doc(doc, original, tier=self.tier))

    def analyze_many(
        self,
        texts: Iterable[str],
        *,
        batch_size: int = 64,
        suggestions: bool = False,
        people: bool = False,
    ) -> Iterator[Analysis]:
        """Analyse a stream of texts with ``nlp.pipe`` (faster than one by one).

        Corpus scoring and evaluation need no rewrites, so verified suggestions (each costs a
        re-analysis) are only computed with ``suggestions=True``. ``people=True`` lists the
        people each text names in ``Analysis.people``, as the calibrator needs; it costs a name
        guess on every text, so linting leaves it off. Findings are the same either way.
        """
        tier = self.tier
        docs = (make_doc(self.nlp, text, people=people) for text in texts)
        for doc in self.nlp.pipe(docs, batch_size=batch_size):
            analysis = from_doc(doc, tier=tier)
            if suggestions:
                from framing.suggest import suggest

                analysis = suggest(self, doc, analysis).analysis
            yield analysis

    @cached_property
    def verifier(self) -> Verifier:
        """Re-analyses candidate rewrites; one per analyzer, so its cache outlives a text."""
        from framing.verify import Verifier

        return Verifier(self)


_DEFAULT: dict[str | None, Analyzer] = {}


def analyze(text: str, *, model: str | None = None) -> Analysis:
    """Analyse one text with a cached :class:`Analyzer` for ``model``."""
    if model not in _DEFAULT:
        _DEFAULT[model] = Analyzer(model)
    return _DEFAULT[model].analyze(text)
