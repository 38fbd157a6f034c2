"""Qualify each cue: negated or reversed, hedged, conditional, boosted, emphatic, quoted.

Modifiers never create a finding; they decide whether a cue counts (negation), how much it
weighs (hedges, conditions, boosters, caps, exclamation) and whose words it is (quotation and
reported speech). The rules tier reads a small window around the cue, stopping at clause
boundaries; the parser tier reads the dependency tree instead.
"""

from __future__ import annotations

from dataclasses import dataclass

from framing.detectors.context import Cue, DocContext
from framing.directives import directives_of

NEGATORS = frozenset({"not", "n't", "never", "no", "without", "nor", "neither", "nothing"})
REVERSERS = frozenset(
    {
        "cease",
        "stop",
        "end",
        "halt",
        "refrain",
        "abandon",
        "renounce",
        "withdraw",
        "abolish",
        "eliminate",
        "prevent",
        "avoid",
        "reject",
        "forgo",
        "forswear",
        "terminate",
    }
)
HEDGES = frozenset(
    {"may", "might", "could", "perhaps", "possibly", "potentially", "hopefully", "maybe", "likely"}
)
CONDITIONS = frozenset({"if", "unless", "whenever", "should"})
DEFENSIVE = frozenset(
    {"attack", "attacked", "defend", "defense", "defence", "invade", "invasion", "force", "forced"}
)
BOOSTERS = frozenset(
    {"totally", "completely", "utterly", "absolutely", "surely", "definitely", "fully", "truly"}
)
# Lemmas of verbs that introduce someone else's words (parser tier, where POS is known) ...
REPORTING = frozenset(
    {
        "say",
        "call",
        "claim",
        "state",
        "describe",
        "accuse",
        "allege",
        "brand",
        "label",
        "term",
        "dub",
        "warn",
        "declare",
        "insist",
        "assert",
        "report",
        "charge",
    }
)
# ... and their verb forms that cannot be nouns (rules tier: "a normal state" is no report).
REPORTING_FORMS = frozenset(
    {
        "say",
        "says",
        "said",
        "saying",
        "called",
        "calls",
        "calling",
        "claimed",
        "claims",
        "claiming",
        "stated",
        "described",
        "describes",
        "accused",
        "accuses",
        "alleged",
        "alleges",
        "branded",
        "labelled",
        "labeled",
        "termed",
        "dubbed",
        "warned",
        "warns",
        "declared",
        "declares",
        "insisted",
        "insists",
        "asserted",
        "asserts",
        "reported",
        "charged",
    }
)
REPORTING_KEYS = REPORTING | REPORTING_FORMS
NOT_REPORTING_AFTER = frozenset({"for", "on", "upon", "off", "into", "in", "up", "out"})
FIRST_PERSON = frozenset({"i", "we", "us", "me", "my", "our"})
CLAUSE_BREAKS = frozenset({",", ";", ":", "—", "–", "but", "however", "although", "while", "yet"})
SUBJECTS = frozenset({"i", "we", "they", "he", "she", "you", "it"})
LOOKBACK = 5
NEGATION_SCOPE = 9
NO_REACH = 3
NEGATION_CLIMB = 4
NEGATION_PATH = frozenset(
    {
        "dobj",
        "nsubjpass",
        "attr",
        "xcomp",
        "ccomp",
        "acl",
        "compound",
        "amod",
        "nmod",
        "conj",
    }
)
MIN_SPEECH_WORDS = 4


def _lookback(
    ctx: DocContext, cue: Cue, width: int, stops: frozenset[str] = CLAUSE_BREAKS
) -> list[int]:
    """Token indexes before the cue, nearest first, up to a clause break."""
    sentence_start = ctx.sentences[cue.sent].start
    indexes = []
    for index in range(cue.start - 1, max(sentence_start, cue.start - width) - 1, -1):
        if ctx.keys[index] in stops:
            break
        indexes.append(index)
    return indexes


def _negates(ctx: DocContext, cue: Cue, index: int) -> bool:
    """'not only ... but' is no negation; a determiner 'no' reaches only the noun it stands
    before ("no hostile intent"), not a cue further on ("no confrontation since the CMA")."""
    following = ctx.keys[index + 1] if index + 1 < len(ctx.keys) else ""
    if ctx.keys[index] == "not" and following == "only":
        return False
    return ctx.keys[index] != "no" or cue.start - index <= NO_REACH


def _negator_by_window(ctx: DocContext, cue: Cue) -> int | None:
    """A negator before the cue in its clause; the scope runs through coordinated objects
    ("do not seek regime change or the collapse of the regime") but not into a new subject."""
    for index in _lookback(ctx, cue, NEGATION_SCOPE, CLAUSE_BREAKS | SUBJECTS):
        key = ctx.keys[index]
        if key in NEGATORS and _negates(ctx, cue, index):
            return index
        if key in REVERSERS and cue.start - index <= 3:
            return index
    return None


def _negator_by_parse(ctx: DocContext, cue: Cue) -> int | None:
    """Negation that governs the cue in the dependency tree.

    Climb from the cue's root through argument relations only (object, complement, modifier:
    "do not seek [regime change]", "no wish to [totally destroy]"), and through a preposition
    only when it hangs on a verb ("do not regard them as [puppets]"); so "never expressed
    concern about [war exercises]" does not negate the exercises.
    Negators inside the cue itself belong to the pattern ("best not make").
    """
    inside = range(cue.start, cue.end)
    node = ctx.doc[cue.start : cue.end].root
    for _ in range(NEGATION_CLIMB):
        for child in node.children:
            if child.i in inside:
                continue
            if child.dep_ == "neg" or (child.dep_ == "det" and child.lower_ == "no"):
                return child.i
        head = node.head
        through_verb_prep = node.dep_ in ("pobj", "prep") and (
            node.dep_ == "pobj" or head.pos_ in ("VERB", "AUX")
        )
        if head.i == node.i or not (node.dep_ in NEGATION_PATH or through_verb_prep):
            break
        if ctx.keys[head.i] in REVERSERS and head.i < cue.start and node.dep_ == "dobj":
            return head.i
        node = head
    return None


def _first_person_before(ctx: DocContext, index: int, sentence_start: int) -> bool:
    return any(ctx.keys[i] in FIRST_PERSON for i in range(max(sentence_start, index - 4), index))


def _is_reporting(ctx: DocContext, index: int) -> bool:
    token = ctx.doc[index]
    if ctx.tier == "parser":
        reporting = token.pos_ == "VERB" and ctx.keys[index] in REPORTING
    else:
        reporting = token.lower_ in REPORTING_FORMS
    return reporting and not _idiom(ctx, index)


def _idiom(ctx: DocContext, index: int) -> bool:
    """A reporting verb in an idiom of the speaker's own: "the so-called Heng Samrin regime",
    "it goes without saying that", "needless to say"."""
    doc = ctx.doc
    before = tuple(doc[i].lower_ for i in range(max(0, index - 2), index))
    return before in {("so", "-"), ("needless", "to")} or before[-1:] == ("without",)


def _reporting_verbs(ctx: DocContext, sent: int) -> list[int]:
    span = ctx.sentences[sent]
    verbs = []
    for index in range(span.start, span.end):
        # the key (a lemma, or the word) rules most tokens out without building a Token
        if ctx.keys[index] not in REPORTING_KEYS or not _is_reporting(ctx, index):
            continue
        following = ctx.keys[index + 1] if index + 1 < span.end else ""
        if following in NOT_REPORTING_AFTER:
            continue
        if _first_person_before(ctx, index, span.start):
            continue
        verbs.append(index)
    return verbs


def _reported_by_window(ctx: DocContext, cue: Cue, facts: SentenceFacts) -> bool:
    span = ctx.sentences[cue.sent]
    for verb in facts.reporting_verbs:
        if verb < cue.start:
            return True
        trailing_attribution = span.end - verb <= 4 and "," in ctx.keys[cue.end : verb]
        if verb >= cue.end and trailing_attribution:
            return True
    return False


def _reported_by_parse(ctx: DocContext, cue: Cue) -> bool:
    root = ctx.doc[cue.start : cue.end].root
    for token in root.ancestors:
        if not _is_reporting(ctx, token.i):
            continue
        subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subjects and all(ctx.keys[s.i] not in FIRST_PERSON for s in subjects):
            return True
    return False


def _quoted_speech(ctx: DocContext, cue: Cue) -> bool:
    region = ctx.in_quotes(cue.start, cue.end)
    if region is None:
        return False
    q_start, q_end = region
    words = sum(1 for t in ctx.doc[q_start:q_end] if t.is_alpha)
    if words >= MIN_SPEECH_WORDS:
        return True
    sentence_start = ctx.sentences[cue.sent].start
    for index in range(q_start - 1, max(sentence_start, q_start - 4) - 1, -1):
        if _is_reporting(ctx, index) and not _first_person_before(ctx, index, sentence_start):
            return True
    return False


def _emphatic(ctx: DocContext, cue: Cue, facts: SentenceFacts) -> bool:
    shouting = any(t.is_upper and t.is_alpha and len(t) > 2 for t in ctx.doc[cue.start : cue.end])
    return shouting or facts.exclaimed


def _in_quoted_block(ctx: DocContext, cue: Cue) -> bool:
    """Inside a range the source marks as quotation (a Markdown block quote, a Word "Quote"
    paragraph): see :mod:`framing.directives`."""
    span = ctx.doc[cue.start : cue.end]
    return directives_of(ctx.doc).is_quoted(span.start_char, span.end_char)


@dataclass(frozen=True)
class SentenceFacts:
    """What every cue of a sentence asks about it, worked out once per sentence."""

    keys: frozenset[str]
    in_the_event: bool
    exclaimed: bool
    reporting_verbs: tuple[int, ...]


def _sentence_facts(ctx: DocContext, sent: int) -> SentenceFacts:
    """Each question is first put to the sentence's text or its set of keys, which answer most
    sentences without a walk over their tokens (``Span.text`` builds a Token per word)."""
    sentence = ctx.sentences[sent]
    text = ctx.text[sentence.start_char : sentence.end_char]
    keys = frozenset(ctx.keys[sentence.start : sentence.end])
    reports = ctx.tier != "parser" and not REPORTING_KEYS.isdisjoint(keys)
    return SentenceFacts(
        keys=keys,
        in_the_event="in the event" in text.lower(),
        exclaimed="!" in text and any(key.startswith("!") for key in keys),
        reporting_verbs=tuple(_reporting_verbs(ctx, sent)) if reports else (),
    )


def _qualify(ctx: DocContext, cue: Cue, facts: SentenceFacts) -> None:
    sentence_keys = facts.keys
    mods = cue.mods
    parsed = ctx.tier == "parser"
    cue.negator = _negator_by_parse(ctx, cue) if parsed else _negator_by_window(ctx, cue)
    mods.negated = cue.negator is not None
    mods.hedged = any(ctx.keys[i] in HEDGES for i in _lookback(ctx, cue, LOOKBACK + 2))
    mods.conditional = bool(sentence_keys & CONDITIONS) or facts.in_the_event
    mods.defensive = mods.conditional and bool(sentence_keys & DEFENSIVE)
    mods.boosted = any(ctx.keys[i] in BOOSTERS for i in _lookback(ctx, cue, 2))
    mods.emphatic = _emphatic(ctx, cue, facts)
    reported = _reported_by_parse(ctx, cue) if parsed else _reported_by_window(ctx, cue, facts)
    mods.quoted = reported or _quoted_speech(ctx, cue) or _in_quoted_block(ctx, cue)


def detect(ctx: DocContext) -> None:
    facts: dict[int, SentenceFacts] = {}
    for cue in ctx.cues:
        if cue.sent not in facts:
            facts[cue.sent] = _sentence_facts(ctx, cue.sent)
        _qualify(ctx, cue, facts[cue.sent])
