"""The fine-tuned reader: the sentence encoder trained end to end on the labels.

The semantic calibrator reads the encoder's vector as the encoder was trained, for sentence
similarity; a logistic regression over that vector can only weigh what the vector already
separates. Personalized threat is the label that shows it: the calibrator's threat F1 on unseen
passages has stayed at 0.57–0.76 over a dozen held-out sets, and with the best possible cut it
would reach only 0.56–0.85, so the ranking, not the threshold, is what falls short. Training the
whole encoder (all six layers) on the labels lets it learn what in a passage makes a threat.

One encoder learns every label at once, with one logistic output ("head") per step of each
label's scale, as the calibrator has; a label's score is the mean of its heads, so escalation's
is its expected level over 3. The reader's score and the calibrator's are averaged. On two spent
held-out splits (trained on the sets before holdout24 and before holdout23, scored on them) the
average raised threat F1 from 0.643 and 0.756 to 0.714 and 0.778, threat ROC AUC from 0.932 and
0.923 to 0.958 and 0.942, escalation's from 0.901 and 0.818 to 0.907 and 0.851, and tension
reduction's from 0.933 and 0.935 to 0.953 and 0.956; hostile policy's moved from 0.916 and 0.974
to 0.907 and 0.989. Alone, the reader ranked threats better than the calibrator too (0.963, 0.937)
but escalation worse on one split (0.872): each reads what the other misses. See ``HOLDOUT27.md``.
On the held-out sets measured since, it added little to threat ROC AUC on holdout27 (+0.001),
0.030 on holdout28, where it also lowered escalation's recall at 0.5 (``HOLDOUT28.md``), and
0.004 on holdout29, where it lowered tension reduction's (``HOLDOUT29.md``), 0.024 on
holdout30, where it also raised escalation's by 0.013 (``HOLDOUT30.md``), 0.010 on
holdout31, where it lowered escalation's by 0.003 (``HOLDOUT31.md``), 0.028 on holdout32,
where it also raised escalation's by 0.012 (``HOLDOUT32.md``), and, trained for four epochs,
0.023 on holdout33, where it lowered threat F1 at 0.5 by 0.074 (``HOLDOUT33.md``). Before
holdout32 its weight in the average was tried from 0 to 1 on the spent splits holdout27–31: mean
threat ROC AUC 0.889–0.891 anywhere from 0.3 to 0.6, so the even average stayed.

The weights are stored as safetensors (tensors and a JSON header, no code: nothing is unpickled)
in half precision beside the calibrator file, which records their SHA-256, so a changed or
truncated file is refused with one line rather than read. Training needs PyTorch, as the
encoder does (the ``semantic`` extra), and about twenty minutes of two CPUs on 6,500 passages
(four epochs); it is seeded, so one machine gives the same weights every time.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from framing.errors import FramingError
from framing.evaluate import LABEL_VALUES, LABELS
from framing.learn.embedding import DIMENSIONS, encoder_path
from framing.learn.features import passage_key

# (label, at_least): one output per step of each label's scale, as the calibrator's regressions.
HEADS: tuple[tuple[str, int], ...] = tuple(
    (label, level) for label in LABELS for level in LABEL_VALUES[label][1:]
)
HEAD = "head"


@dataclass(frozen=True)
class ReaderSettings:
    """How the encoder is fine-tuned; chosen on the spent splits named in the module docstring
    (96 tokens and 3e-5 were the first settings tried, not tuned further; four epochs instead of
    the first two were chosen on spent holdout30 and holdout31, see ``HOLDOUT33.md``)."""

    epochs: int = 4
    max_tokens: int = 96
    learning_rate: float = 3e-5
    weight_decay: float = 0.01
    batch: int = 16
    seed: int = 0

    def to_json(self) -> dict[str, Any]:
        return dict(self.__dict__)


def weights_path(calibrator: Path) -> Path:
    """Where a calibrator file's reader weights live: beside it, named after it."""
    return calibrator.with_name(calibrator.stem + ".reader.safetensors")


def _targets(labels: Sequence[Mapping[str, int]]) -> tuple[list[list[float]], list[list[float]]]:
    """Per passage, each head's 0/1 target and whether the passage is labelled for it."""
    targets, known = [], []
    for values in labels:
        targets.append([float(values.get(label, 0) >= level) for label, level in HEADS])
        known.append([float(label in values) for label, _ in HEADS])
    return targets, known


def _mean_pooled(encoder: Any, tokenizer: Any, texts: Sequence[str], max_tokens: int) -> Any:
    batch = tokenizer(
        list(texts), padding=True, truncation=True, max_length=max_tokens, return_tensors="pt"
    )
    hidden = encoder(**batch).last_hidden_state
    mask = batch["attention_mask"].unsqueeze(-1).to(hidden.dtype)
    return (hidden * mask).sum(1) / mask.sum(1)


def _base() -> tuple[Any, Any]:
    from transformers import AutoModel, AutoTokenizer

    path = str(encoder_path())
    return AutoModel.from_pretrained(path), AutoTokenizer.from_pretrained(path)


def fine_tune(
    texts: Sequence[str],
    labels: Sequence[Mapping[str, int]],
    settings: ReaderSettings = ReaderSettings(),
) -> dict[str, Any]:
    """The encoder's and the heads' weights after fine-tuning on ``texts`` (names masked, as
    the calibrator reads them). Each head's loss is weighted by its class balance, as the
    calibrator's regressions are, and counts only passages labelled for it."""
    import numpy as np
    import torch

    torch.manual_seed(settings.seed)
    encoder, tokenizer = _base()
    head = torch.nn.Linear(DIMENSIONS, len(HEADS))
    targets, known = (torch.tensor(v) for v in _targets(labels))
    positives = (targets * known).sum(0)
    negatives = known.sum(0) - positives
    weight = torch.where(positives > 0, negatives / positives.clamp(min=1), torch.ones(1))
    loss = torch.nn.BCEWithLogitsLoss(pos_weight=weight, reduction="none")
    optimiser = torch.optim.AdamW(
        [*encoder.parameters(), *head.parameters()],
        lr=settings.learning_rate,
        weight_decay=settings.weight_decay,
    )
    order = np.random.default_rng(settings.seed)
    encoder.train()
    for _ in range(settings.epochs):
        shuffled = order.permutation(len(texts))
        for start in range(0, len(texts), settings.batch):
            rows = torch.as_tensor(shuffled[start : start + settings.batch])
            pooled = _mean_pooled(encoder, tokenizer, [texts[i] for i in rows], settings.max_tokens)
            mask = known[rows]
            step = (loss(head(pooled), targets[rows]) * mask).sum() / mask.sum().clamp(min=1)
            optimiser.zero_grad()
            step.backward()
            optimiser.step()
    state = {name: value.detach().half() for name, value in encoder.state_dict().items()}
    state[f"{HEAD}.weight"] = head.weight.detach().half()
    state[f"{HEAD}.bias"] = head.bias.detach().half()
    return state


def save(state: Mapping[str, Any], path: Path) -> str:
    """Write the weights atomically; their SHA-256, for the calibrator file to record."""
    from safetensors.torch import save

    from framing.atomic import replace_file

    data = save({name: tensor.contiguous() for name, tensor in state.items()})
    try:
        replace_file(path, data)
    except OSError as exc:
        raise FramingError("E205", path=path, detail=exc.strerror or str(exc)) from None
    return hashlib.sha256(data).hexdigest()


def describe(
    passages: Sequence[str], settings: ReaderSettings, source: str, file: str, digest: str
) -> dict[str, Any]:
    """What the calibrator file records of its reader; ``passages`` are the training passages
    as written (not masked), fingerprinted as the calibrator fingerprints its own."""
    return {
        "file": file,
        "sha256": digest,
        "heads": [list(head) for head in HEADS],
        "settings": settings.to_json(),
        "trained_on": {
            "file": source,
            "passages": len(passages),
            "passage_keys": sorted(passage_key(text) for text in passages),
        },
    }


@dataclass(frozen=True)
class Reader:
    """A fine-tuned encoder and its heads, loaded from the file its calibrator names."""

    calibrator: Path
    path: Path
    sha256: str
    max_tokens: int
    passage_keys: frozenset[str]

    def trained_on_count(self, texts: Sequence[str]) -> int:
        return sum(passage_key(text) in self.passage_keys for text in texts)

    def scores(self, texts: Sequence[str]) -> list[dict[str, float]]:
        """Per passage, each label's score: the mean of its heads' probabilities."""
        import torch

        encoder, tokenizer, head = _loaded(self.calibrator, self.path, self.sha256)
        out: list[dict[str, float]] = []
        with torch.inference_mode():
            for start in range(0, len(texts), 32):
                batch = texts[start : start + 32]
                pooled = _mean_pooled(encoder, tokenizer, batch, self.max_tokens)
                for row in torch.sigmoid(head(pooled)).tolist():
                    out.append(_by_label(row))
        return out

    @classmethod
    def from_json(cls, data: Mapping[str, Any], calibrator: Path) -> Reader:
        if [tuple(h) for h in data["heads"]] != list(HEADS):
            raise ValueError("reader heads differ from this version's labels; retrain it")
        if Path(data["file"]).name != data["file"]:
            raise ValueError("reader file must be a name beside the calibrator")
        return cls(
            calibrator=calibrator,
            path=calibrator.with_name(str(data["file"])),
            sha256=str(data["sha256"]),
            max_tokens=int(data["settings"]["max_tokens"]),
            passage_keys=frozenset(data["trained_on"]["passage_keys"]),
        )


def _by_label(row: Sequence[float]) -> dict[str, float]:
    scores: dict[str, list[float]] = {}
    for (label, _), value in zip(HEADS, row, strict=True):
        scores.setdefault(label, []).append(float(value))
    return {label: sum(values) / len(values) for label, values in scores.items()}


@cache
def _loaded(calibrator: Path, path: Path, sha256: str) -> tuple[Any, Any, Any]:
    """The encoder with the fine-tuned weights, its tokenizer and the heads, read once."""
    import torch
    from safetensors.torch import load

    try:
        data = path.read_bytes()
    except OSError as exc:
        detail = f"cannot read its reader {path.name}: {exc.strerror or exc}"
        raise FramingError("E204", path=calibrator, detail=detail) from None
    if hashlib.sha256(data).hexdigest() != sha256:
        detail = f"its reader {path.name} is not the file it was trained with (SHA-256 differs)"
        raise FramingError("E204", path=calibrator, detail=detail)
    state = {name: tensor.float() for name, tensor in load(data).items()}
    head = torch.nn.Linear(DIMENSIONS, len(HEADS))
    head.load_state_dict({k: state.pop(f"{HEAD}.{k}") for k in ("weight", "bias")})
    encoder, tokenizer = _base()
    encoder.load_state_dict(state)
    encoder.eval()
    return encoder, tokenizer, head
