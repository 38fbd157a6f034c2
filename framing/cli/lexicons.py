"""``framing lexicons``: list the loaded packs, or validate packs against the schema."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from framing.lexicons import load_lexicon
from framing.lexicons.loader import builtin_pack_paths

app = typer.Typer(help="List or validate lexicon packs.", no_args_is_help=True)


@app.command("list")
def list_packs() -> None:
    """List the built-in lexicon packs with their versions and entry counts."""
    lexicon = load_lexicon()
    entries = (*lexicon.cues, *lexicon.targets, *lexicon.not_names)
    for pack in lexicon.packs:
        count = sum(1 for e in entries if e.pack == pack.id)
        typer.echo(
            f"{pack.id:<20} {pack.version:<8} {pack.kind:<9} {count:>4} entries  {pack.path}"
        )
    typer.echo(f"lexicon version {lexicon.version}")


@app.command("check")
def check_packs(
    files: Annotated[
        list[Path] | None,
        typer.Argument(help="Packs to validate (default: the built-in packs)."),
    ] = None,
) -> None:
    """Validate packs against the schema; name file, entry and field on the first error."""
    builtin = {p.resolve() for p in builtin_pack_paths()}
    extra = [p for p in files or () if p.resolve() not in builtin]
    lexicon = load_lexicon(extra)
    names = ", ".join(str(p) for p in files) if files else "built-in packs"
    typer.echo(
        f"ok: {names} ({len(lexicon.cues)} cues, {len(lexicon.targets)} targets, "
        f"{len(lexicon.not_name_words)} not-names, version {lexicon.version})"
    )
