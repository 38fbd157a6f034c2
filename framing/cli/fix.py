"""``framing fix``: show, apply or choose verified calmer phrasings."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from framing.cli.options import (
    ConfigOption,
    IgnoreOption,
    IsolatedOption,
    LexiconOption,
    ModelOption,
    SelectOption,
    overrides_from_flags,
)
from framing.errors import ExitCode, FramingError

if TYPE_CHECKING:
    from framing.fix import Choice, Proposal

ANSWERS = "[a]ccept 1, pick 1-{n}, [s]kip, [q]uit"


def _one_line(text: str) -> str:
    return " ".join(text.split())


def ask(proposal: Proposal) -> Choice:
    """Put one finding and its alternatives to the speechwriter (on stderr, so stdout keeps the
    diff) and read the answer."""
    from framing.fix import Quit

    finding = proposal.finding
    sentence = proposal.analysis.sentences[finding.sentence]
    typer.echo(
        f"{proposal.name}:{finding.line}:{finding.column}: {finding.rule} {finding.severity} "
        f"{finding.message} [{finding.name}]",
        err=True,
    )
    typer.echo(f"    | {_one_line(sentence.text)}", err=True)
    for number, suggestion in enumerate(proposal.suggestions, 1):
        typer.echo(f"  {number}) {suggestion.sentence}", err=True)
        typer.echo(f"     why: {suggestion.reason}", err=True)
    count = len(proposal.suggestions)
    while True:
        answer = typer.prompt(ANSWERS.format(n=count), default="a", err=True).strip().lower()
        if answer == "a":
            return 0
        if answer == "s":
            return None
        if answer == "q":
            return Quit.QUIT
        if answer.isdigit() and 1 <= int(answer) <= count:
            return int(answer) - 1
        typer.echo(f"  answer a, s, q or a number from 1 to {count}", err=True)


def fix(
    paths: Annotated[
        list[str],
        typer.Argument(help="Files to fix (.md, .txt, .rst), or '-' for stdin (fixed text out)."),
    ],
    write: Annotated[
        bool, typer.Option("--write", "-w", help="Apply the fixes in place (atomically).")
    ] = False,
    interactive: Annotated[
        bool,
        typer.Option(
            "--interactive", "-i", help="Accept, skip or pick among alternatives, one by one."
        ),
    ] = False,
    model: ModelOption = None,
    lexicon: LexiconOption = None,
    select: SelectOption = None,
    ignore: IgnoreOption = None,
    config: ConfigOption = None,
    isolated: IsolatedOption = False,
) -> int:
    """Replace flagged wording with calmer phrasings that passed verification.

    Prints a unified diff by default; --write applies it in place, atomically, keeping encoding,
    byte-order mark, line endings and permissions; '-' reads stdin and writes the fixed text to
    stdout. Exit codes: 0 nothing to fix, or the fixes were written (--write, '-'); 1 fixes are
    available (the diff shows them); 2 usage or input error, nothing written.
    """
    from framing.fix import STDIN, fix_targets, read_targets, unified_diff, write_atomic
    from framing.runtime import leave_out_pytorch_unless_needed

    if interactive and STDIN in paths:
        raise FramingError(
            "E254", detail="--interactive reads answers from stdin, so it cannot fix '-'"
        )
    overrides = overrides_from_flags(
        select=select, ignore=ignore, lexicon=lexicon, model=model, config=config, isolated=isolated
    )
    targets = read_targets(paths, overrides, write=write)
    leave_out_pytorch_unless_needed({target.settings.model for target in targets})
    results = fix_targets(targets, ask if interactive else None)
    if paths == [STDIN]:
        typer.echo(results[0].after.encode("utf-8"), nl=False)
        return int(ExitCode.OK)
    if write:
        for target, result in zip(targets, results, strict=True):
            if result.changed and target.snapshot is not None:
                write_atomic(result.name, target.snapshot, result.after)
                count = len(result.fixed)
                typer.echo(
                    f"framing: fixed {count} finding{'s' if count != 1 else ''} in {result.name}",
                    err=True,
                )
        return int(ExitCode.OK)
    diff = "".join(unified_diff(r.name, r.before, r.after) for r in results if r.changed)
    typer.echo(diff, nl=False)
    return int(ExitCode.FINDINGS if diff else ExitCode.OK)
