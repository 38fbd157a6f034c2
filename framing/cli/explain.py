"""``framing explain FRM101``: a rule's four-part doc."""

from __future__ import annotations

import textwrap
from typing import Annotated

import typer

from framing.errors import FramingError
from framing.rules import RULES_BY_CODE, Rule

WIDTH = 88


def rule_doc(rule: Rule) -> str:
    """The doc as printed: what it flags, why (quoting the article), example, use instead."""

    def para(text: str) -> str:
        return textwrap.fill(" ".join(text.split()), WIDTH)

    quote = textwrap.fill(rule.quote, WIDTH - 4, initial_indent="  > ", subsequent_indent="  > ")
    return "\n".join(
        [
            f"{rule.code} {rule.name} ({rule.severity.value}, {rule.category.value})",
            "",
            "What it flags",
            para(rule.what),
            "",
            "Why it matters",
            para(rule.why),
            "The article (seeds/):",
            quote,
            "",
            "Example",
            para(rule.example),
            "",
            "Use instead",
            para(rule.instead),
            "",
        ]
    )


def explain(
    code: Annotated[str, typer.Argument(help="A rule code such as FRM101.")],
) -> None:
    """Explain one rule: what it flags, why (quoting the article), example, use instead."""
    rule = RULES_BY_CODE.get(code.strip().upper())
    if rule is None:
        raise FramingError("E020", rule=code)
    typer.echo(rule_doc(rule), nl=False)
