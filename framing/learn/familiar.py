"""How often the people a passage names were personally attacked in the training passages: one
feature of every model.

The guidelines count an insult as a personalized threat only when it is aimed at a leader or an
official. Whether a name belongs to one is world knowledge the masked text does not carry, and
on Donald Trump's tweets it is the error that dominates: the calibrator flagged mockery of
people who hold no office (Michael Cohen, a biographer, a businessman) as readily as mockery of
senators. The labelled passages do carry it: of the passages naming Adam Schiff most are
threats, of those naming Michael Cohen few are. So the model is told, for the person the
passage names who was most often attacked in training, the share of the training passages
naming that person that are personalized threats, pulled towards the share over all passages
by :data:`SMOOTHING` passages' worth (a name seen once says little), minus that overall share;
a passage naming nobody known scores 0. A person is known by the last word of the name as the
passage writes it ("Shifty Adam Schiff", "Schiff's" → ``schiff``). Training passages get their
value without their own label, as a new passage would.

The names stay masked in the n-grams (``features.py``): the table is one number a passage, so
it cannot teach the n-grams that a name means derision. It was chosen on the spent held-out
splits holdout23–holdout29, each scored by a semantic model (parser tier) trained on the sets
before it. Personalized-threat ROC AUC rose on five of the seven (mean 0.896 to 0.901; holdout29
0.880 to 0.907) and fell on holdout25 (0.925 to 0.904, 8 positives) and holdout26 (by 0.002); F1
at 0.5 rose on four (mean 0.577 to 0.609; holdout25–27 and 29 by 0.05–0.10) and fell on three
(by 0.006–0.028). Escalation moved by 0.007 at most. Smoothing by one passage instead of three
measured within 0.006 of it on the two splits tried; adding the share among hostile passages only
(escalation 2 or more), alone and times the escalation score, did no better.

Measured once on holdout30 together with holdout29's passages (``HOLDOUT30.md``): threat ROC AUC
0.915 → 0.926, F1 0.661 → 0.673, escalation 0.903 → 0.922 (parser tier, with the reader). Its
limit showed there too: officials the training passages never name (a senator, an FBI deputy
director) get nothing from it, and a person they always saw attacked is pushed up when praised.
On holdout31 (``HOLDOUT31.md``) the largest wrong flags were the same kind: reports of Comey's
testimony that do not insult him. Three additions tried before it on the spent splits holdout23–30
(an office title before the name; the feature times the escalation score; times the insult
likeness) moved mean threat ROC AUC by −0.002 to +0.001 and were not taken.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from framing.analysis import Analysis
from framing.evaluate import GoldPassage, binary_truth

NAME = "familiar_threat_share"
SMOOTHING = 3.0
DIGITS = 6
_WORD = re.compile(r"[^\W\d_][^\W\d_-]*(?:-[^\W\d_]+)*")
_POSSESSIVE = re.compile(r"['’]s\b")

People = tuple[str, ...]


def person_key(name: str) -> str | None:
    """How a person is known to the table: the last word of the name, lower-cased."""
    words = [w for w in _WORD.findall(_POSSESSIVE.sub("", name)) if len(w) > 1]
    return words[-1].lower() if words else None


def people_named(analysis: Analysis) -> People:
    """The distinct people an analysis made with ``people=True`` names, as table keys."""
    spans = analysis.people or ()
    keys = {person_key(analysis.prose[start:end]) for start, end in spans}
    return tuple(sorted(key for key in keys if key))


def threat_truths(passages: Sequence[GoldPassage]) -> list[int | None]:
    """Each passage's personalized-threat label as 0 or 1, None where it has none."""
    return [
        int(binary_truth("threat", p.labels["threat"])) if "threat" in p.labels else None
        for p in passages
    ]


@dataclass(frozen=True)
class Familiarity:
    """Per person, how many training passages named them and how many of those were
    personalized threats; and the share of threats among all training passages."""

    counts: dict[str, tuple[int, int]]
    overall: float
    smoothing: float = SMOOTHING

    @classmethod
    def of(cls, people: Sequence[People], threats: Sequence[int | None]) -> Familiarity:
        """The table of the passages whose threat label is known (``threats`` holds 0, 1 or
        None for a passage without one)."""
        named: Counter[str] = Counter()
        attacked: Counter[str] = Counter()
        known = [(p, t) for p, t in zip(people, threats, strict=True) if t is not None]
        for keys, threat in known:
            for key in keys:
                named[key] += 1
                attacked[key] += threat
        overall = sum(t for _, t in known) / len(known) if known else 0.0
        return cls({key: (named[key], attacked[key]) for key in named}, overall)

    def values(
        self, people: Sequence[People], own: Sequence[int | None] | None = None
    ) -> list[float]:
        """The feature of each passage; ``own`` gives training passages' own threat labels,
        taken out of the counts of the people they name."""
        mine = own if own is not None else [None] * len(people)
        out = []
        for keys, threat in zip(people, mine, strict=True):
            shares = [self._share(key, threat) for key in keys if key in self.counts]
            out.append(round(max(shares) - self.overall, DIGITS) if shares else 0.0)
        return out

    def _share(self, key: str, own: int | None) -> float:
        named, attacked = self.counts[key]
        if own is not None:
            named, attacked = named - 1, attacked - own
        return (attacked + self.smoothing * self.overall) / (named + self.smoothing)

    def extend(
        self,
        x: Sequence[Sequence[float]],
        people: Sequence[People],
        own: Sequence[int | None] | None = None,
    ) -> list[list[float]]:
        """Each feature vector with the passage's value appended."""
        return [[*row, v] for row, v in zip(x, self.values(people, own), strict=True)]

    def to_json(self) -> dict[str, Any]:
        return {
            "feature": NAME,
            "smoothing": self.smoothing,
            "overall": round(self.overall, DIGITS),
            "people": {key: list(self.counts[key]) for key in sorted(self.counts)},
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Familiarity:
        if data["feature"] != NAME:
            raise ValueError(f"unknown familiarity feature {data['feature']!r}; retrain it")
        counts = {str(k): (int(n), int(t)) for k, (n, t) in data["people"].items()}
        if any(n < 1 or not 0 <= t <= n for n, t in counts.values()):
            raise ValueError("familiarity counts must be passages named ≥ 1 and threats ≤ those")
        overall, smoothing = float(data["overall"]), float(data["smoothing"])
        if not 0.0 <= overall <= 1.0 or smoothing <= 0:
            raise ValueError("familiarity needs a share in [0, 1] and a positive smoothing")
        return cls(counts, overall, smoothing)


@dataclass(frozen=True)
class Named:
    """The people each passage names and its threat label, from which a fold's
    :class:`Familiarity` is counted in cross-validation."""

    people: Sequence[People]
    threats: Sequence[int | None]

    def extend(self, x: Sequence[Sequence[float]], train: Sequence[int]) -> list[list[float]]:
        """``x`` with the familiarity counted on the ``train`` passages appended; they get
        theirs without their own label."""
        table = Familiarity.of([self.people[i] for i in train], [self.threats[i] for i in train])
        own: list[int | None] = [None] * len(x)
        for i in train:
            own[i] = self.threats[i]
        return table.extend(x, self.people, own)

    def rows(self, rows: Sequence[int]) -> Named:
        return Named([self.people[i] for i in rows], [self.threats[i] for i in rows])
