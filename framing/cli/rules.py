"""``framing rules``: list every rule with its code, family and severity."""

from __future__ import annotations

import typer

from framing.rules import RULES


def rules() -> None:
    """List the rules (see 'framing explain CODE' for one rule's doc)."""
    width = max(len(rule.name) for rule in RULES)
    for rule in RULES:
        typer.echo(
            f"{rule.code}  {rule.name:<{width}}  {rule.severity.value:<7}  "
            f"{rule.category.value:<16}  {rule.what.split(': ')[0].split('. ')[0].rstrip('.')}"
        )
