"""The tool's own errors and warnings, each with a stable code.

Every problem the user can cause (a missing file, a malformed lexicon, a bad flag value) is raised
as a :class:`FramingError` and rendered by the CLI as a single line, never as a traceback. Codes
are never reused, so a code quoted in an issue keeps its meaning.
"""

from __future__ import annotations

from enum import IntEnum

MESSAGES: dict[str, str] = {
    "E001": "{path}: no such file or directory",
    "E002": "{path}: not a UTF-8 text file ({reason})",
    "E003": "{path}: file is empty",
    "E004": "{path}: directory holds no .txt or .md files",
    "E005": "{path}: cannot read ({reason})",
    "E006": "standard input is empty",
    "E010": "lexicon {path}: {detail}",
    "E011": "lexicon {path} entry '{entry}': {detail}",
    "E012": "lexicon entry id '{entry}' is defined twice ({first} and {second})",
    "E020": "unknown rule '{code}'; run 'framing rules' to list them",
    "E021": "model '{model}' cannot be loaded: {reason}",
    "E022": "{option}: {detail}",
    "E030": "{path}: {detail}",
}


class ExitCode(IntEnum):
    """Process exit codes shared by every command."""

    OK = 0
    FINDINGS = 1
    USAGE = 2


class FramingError(Exception):
    """A problem with the user's input, rendered as one line by the CLI."""

    def __init__(self, code: str, **fields: object) -> None:
        self.code = code
        self.fields = fields
        super().__init__(MESSAGES[code].format(**fields))

    def one_line(self) -> str:
        """The message as the CLI prints it: one line, no newlines from user data."""
        text = " ".join(str(self).split())
        return f"framing: error {self.code}: {text}"
