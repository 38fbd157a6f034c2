"""The ``framing`` command: a thin Typer layer over the Python API.

Only this package prints. Every user error — a missing file, a malformed lexicon, a bad option
value — becomes one line on stderr and exit code 2, never a traceback.
"""

from __future__ import annotations

import os
import sys

import typer

from framing.cli import agree, check, evaluate, explain, fix, lexicons, report, rules, score, train
from framing.errors import ExitCode, FramingError

try:  # Typer >= 0.23 vendors its own copy of Click
    from typer._click import exceptions as click_errors
except ImportError:  # pragma: no cover - older Typer uses the click package
    from click import exceptions as click_errors  # type: ignore[no-redef]

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
app.command("fix")(fix.fix)
app.command("rules")(rules.rules)
app.command("explain")(explain.explain)
app.command("score")(score.score)
app.command("report")(report.report)
app.command("evaluate")(evaluate.evaluate)
app.command("train")(train.train)
app.command("agree")(agree.agree)
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
    except click_errors.NoArgsIsHelpError as exc:
        print(exc.ctx.get_help() if exc.ctx else "", file=sys.stderr)
        return int(ExitCode.USAGE)
    except click_errors.UsageError as exc:
        return _fail(" ".join(exc.format_message().split()))
    except typer.Exit as exc:
        return exc.exit_code
    except typer.Abort:
        return _fail("aborted")
    except BrokenPipeError:
        return int(ExitCode.OK)
    except Exception as exc:  # a bug of ours: one line, the traceback only when asked for
        if os.environ.get("FRAMING_DEBUG"):
            raise
        detail = " ".join(str(exc).split())[:300]
        return _fail(
            f"framing: internal error: {type(exc).__name__}: {detail} "
            "(a bug in framing: please report it; FRAMING_DEBUG=1 shows the traceback)"
        )
    return int(result or 0)
