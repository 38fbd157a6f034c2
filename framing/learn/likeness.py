"""Whether the words around a named person sound like an insult or like praise: two features
of the semantic model.

A personalized threat is hostility aimed at a person. The passage's embedding and n-grams tell
the calibrator that a passage is hostile and that it names someone, not whether the hostility is
aimed at the person named. On the 2025 White House texts it flagged praise of a named senator
("a great guy, great senator") and a defence of a named ex-president as readily as insults. The
sentence encoder tells the two apart when it reads only the words around the name.

So the eight words either side of every person the passage names (as the calibrator reads them,
masked) are embedded together, and their cosine similarity to the nearest of six plain insults
and to the nearest of six plain compliments of a placeholder person become two features. They
are standardised with the detector features; a passage that names nobody scores 0 on both.
The anchor sentences below were written for this purpose, after holdout14's threat misses were
read (that set was spent by then); none is taken from a labelled set.

On the four spent held-out splits (trained on the sets before holdout11, 12, 13 and 14, scoring
that set), they raised personalized-threat ROC AUC on six of the eight tier × split comparisons
and equalled it on two. Mean AUC went from 0.941 to 0.947 in both tiers. Mean F1 went from 0.722
to 0.735 (parser tier) and from 0.733 to 0.737 (rules tier); F1 fell on some splits. No other
label's mean moved by more than 0.002. Other variants measured on the same splits:

- the raw similarities, unstandardised: mean F1 0.720 in both tiers, AUC up by 0.003 at most;
- TF-IDF word n-grams or TextBlob polarity of the same words: mean F1 0.003–0.016 lower, AUC
  within 0.001;
- the 384-dimension embedding of the same words: the same AUC, with 190 times the coefficients;
- 4 or 16 words either side: within 0.003 of eight.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from framing.learn.features import PERSON

if TYPE_CHECKING:
    from framing.learn.embedding import Embedding

WINDOW = 8
NAMES = ("insult_likeness", "praise_likeness")
INSULTS = (
    f"{PERSON} is a liar and a crook.",
    f"{PERSON} is weak, incompetent and pathetic.",
    f"{PERSON} is a brutal dictator and a war criminal.",
    f"We will make {PERSON} pay for what he did.",
    f"{PERSON} is a disgrace and a total failure.",
    f"{PERSON} is a lunatic who must be stopped.",
)
PRAISE = (
    f"{PERSON} is a great leader and a good friend.",
    f"{PERSON} is doing a fantastic job.",
    f"I had a very good conversation with {PERSON}.",
    f"{PERSON} and I discussed our cooperation.",
    f"Thank you to {PERSON} for his leadership.",
    f"{PERSON} said the talks were productive.",
)
DIGITS = 6


def person_context(masked: str, window: int = WINDOW) -> str:
    """The words around each person a masked passage names, ``window`` either side, joined
    (empty when it names nobody)."""
    words = masked.split()
    spans = [
        " ".join(words[max(0, i - window) : i + window + 1])
        for i, word in enumerate(words)
        if PERSON in word
    ]
    return " … ".join(spans)


@cache
def _anchor_vectors(sentences: tuple[str, ...]) -> list[Embedding]:
    """The anchors' embeddings, computed once a process: ``calibrate`` is called a passage at
    a time, and the twelve anchors would otherwise be embedded again on every call."""
    from framing.learn.embedding import embed

    return embed(sentences)


@dataclass(frozen=True)
class Likeness:
    """The anchors and window a model was trained with; stored with it, so a calibrator keeps
    reading what it was trained on if the defaults above change."""

    window: int = WINDOW
    insults: tuple[str, ...] = INSULTS
    praise: tuple[str, ...] = PRAISE

    def values(self, masked: Sequence[str]) -> list[tuple[float, float]]:
        """(insult, praise) likeness of each masked passage; (0, 0) where it names nobody."""
        import numpy as np

        from framing.learn.embedding import embed

        contexts = [person_context(text, self.window) for text in masked]
        named = [i for i, context in enumerate(contexts) if context]
        out = [(0.0, 0.0)] * len(contexts)
        if not named:
            return out
        anchors = np.asarray(_anchor_vectors((*self.insults, *self.praise)))
        vectors = np.asarray(embed([contexts[i] for i in named]))
        similarity = vectors @ anchors.T
        split = len(self.insults)
        for row, i in enumerate(named):
            insult = float(similarity[row, :split].max())
            praise = float(similarity[row, split:].max())
            out[i] = (round(insult, DIGITS), round(praise, DIGITS))
        return out

    def extend(self, x: Sequence[Sequence[float]], masked: Sequence[str]) -> list[list[float]]:
        """Each feature vector with the passage's two likeness values appended."""
        return [[*row, *pair] for row, pair in zip(x, self.values(masked), strict=True)]

    def to_json(self) -> dict[str, Any]:
        return {
            "features": list(NAMES),
            "window": self.window,
            "insults": list(self.insults),
            "praise": list(self.praise),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Likeness:
        if list(data["features"]) != list(NAMES):
            raise ValueError(f"unknown likeness features {data['features']!r}; retrain it")
        window = int(data["window"])
        insults = tuple(str(s) for s in data["insults"])
        praise = tuple(str(s) for s in data["praise"])
        if window < 1 or not insults or not praise:
            raise ValueError("likeness needs a positive window and anchors of both kinds")
        return cls(window, insults, praise)
