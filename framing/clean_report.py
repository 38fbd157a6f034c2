"""``framing evaluate --clean DIR``: false-positive hunting on text that should stay quiet.

Inaugural addresses, or the UN statements of states not in conflict, have almost nothing the
rules are meant to flag, so what fires there is mostly noise. The report gives findings per
1,000 words by rule and by lexicon entry, with sample sentences, so a noisy entry can be found
and fixed; and the headline figure of the issue: error-severity findings per 10,000 words.
Only the speaker's own findings count; quoted ones are reported apart.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from framing.analysis import Analysis, Finding
from framing.rules import RULES_BY_CODE

SAMPLE_CHARS = 240


@dataclass(frozen=True)
class Sample:
    path: str
    line: int
    match: str
    sentence: str


@dataclass(frozen=True)
class EntryRate:
    entry: str
    count: int
    per_1000: float
    samples: tuple[Sample, ...]


@dataclass(frozen=True)
class RuleRate:
    rule: str
    name: str
    severity: str
    count: int
    per_1000: float
    entries: tuple[EntryRate, ...]


@dataclass(frozen=True)
class CleanReport:
    paths: tuple[str, ...]
    files: int
    words: int
    tier: str
    lexicon_version: str
    findings: int
    quoted: int
    errors: int
    errors_per_10000: float
    warnings: int
    warnings_per_1000: float
    rules: tuple[RuleRate, ...]
    skipped: tuple[str, ...] = ()


def _rate(count: int, words: int, per: int) -> float:
    return round(count * per / words, 3) if words else 0.0


def _window(text: str, start: int, end: int) -> str:
    """The sentence, or the part of a long one around the match, on one line."""
    if len(text) > SAMPLE_CHARS:
        margin = max(0, (SAMPLE_CHARS - (end - start)) // 2)
        left, right = max(0, start - margin), min(len(text), end + margin)
        text = ("…" if left else "") + text[left:right] + ("…" if right < len(text) else "")
    return " ".join(text.split())


def _sample(path: str, analysis: Analysis, finding: Finding) -> Sample:
    sentence = analysis.sentences[finding.sentence]
    offset = finding.start - sentence.start
    window = _window(sentence.text, offset, offset + len(finding.text))
    return Sample(path, finding.line, finding.text, window)


def _pick(found: Sequence[tuple[str, Analysis, Finding]], samples: int) -> tuple[Sample, ...]:
    """Up to ``samples`` sentences, from as many different files as possible."""
    chosen: list[tuple[str, Analysis, Finding]] = []
    for item in found:
        if len(chosen) < samples and all(item[0] != c[0] for c in chosen):
            chosen.append(item)
    for item in found:
        if len(chosen) < samples and item not in chosen:
            chosen.append(item)
    return tuple(_sample(*item) for item in chosen)


def clean_report(
    paths: Sequence[str],
    files: Sequence[tuple[str, Analysis]],
    *,
    tier: str,
    lexicon_version: str,
    samples: int = 2,
    skipped: Sequence[str] = (),
) -> CleanReport:
    """Rates of the speaker's own findings over ``files`` (name, analysis) of a clean corpus."""
    words = sum(a.words for _, a in files)
    by_entry: dict[tuple[str, str], list[tuple[str, Analysis, Finding]]] = defaultdict(list)
    quoted = 0
    for name, analysis in files:
        for finding in analysis.findings:
            if finding.quoted:
                quoted += 1
            else:
                by_entry[(finding.rule, finding.entry)].append((name, analysis, finding))
    rules = []
    for code in sorted({rule for rule, _ in by_entry}):
        entries = sorted(
            (
                EntryRate(entry, len(found), _rate(len(found), words, 1000), _pick(found, samples))
                for (rule, entry), found in by_entry.items()
                if rule == code
            ),
            key=lambda e: (-e.count, e.entry),
        )
        count = sum(e.count for e in entries)
        rule = RULES_BY_CODE[code]
        rules.append(
            RuleRate(
                code,
                rule.name,
                rule.severity.value,
                count,
                _rate(count, words, 1000),
                tuple(entries),
            )
        )
    rules.sort(key=lambda r: (-r.count, r.rule))
    errors = sum(r.count for r in rules if r.severity == "error")
    warnings = sum(r.count for r in rules if r.severity == "warning")
    return CleanReport(
        paths=tuple(paths),
        files=len(files),
        words=words,
        tier=tier,
        lexicon_version=lexicon_version,
        findings=sum(r.count for r in rules),
        quoted=quoted,
        errors=errors,
        errors_per_10000=_rate(errors, words, 10000),
        warnings=warnings,
        warnings_per_1000=_rate(warnings, words, 1000),
        rules=tuple(rules),
        skipped=tuple(skipped),
    )
