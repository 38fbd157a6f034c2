"""The ``framing`` command: a thin Typer layer over the Python API.

Only this package prints. Every user error — a missing file, a malformed lexicon, a bad option
value — becomes one line on stderr and exit code 2, never a traceback.
"""

from __future__ import annotations

import sys

import click
import typer

from framing.cli import check, explain, lexicons, rules
from framing.errors import ExitCode, FramingError

app = typer.Typer(
    name="framing",
    help="Score diplomatic and security drafts for personalized threats, escalatory and "
    "'hostile policy' wording, and suggest calmer phrasings.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
app.command("check")(check.check)
app.command("rules")(rules.rules)
app.command("explain")(explain.explain)
app.add_typer(lexicons.app, name="lexicons")


def _fail(message: str) -> int:
    print(
        f"framing: error: {message}" if not message.startswith("framing:") else message,
        file=sys.stderr,
    )
    return int(ExitCode.USAGE)


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``framing`` script; returns the exit code."""
    try:
        result = app(args=argv, standalone_mode=False, prog_name="framing")
    except FramingError as exc:
        return _fail(exc.one_line())
    except click.exceptions.NoArgsIsHelpError:
        return int(ExitCode.USAGE)
    except click.UsageError as exc:
        return _fail(" ".join(exc.format_message().split()))
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except click.Abort:
        return _fail("aborted")
    except BrokenPipeError:
        return int(ExitCode.OK)
    return int(result or 0)


def run() -> None:
    sys.exit(main())
