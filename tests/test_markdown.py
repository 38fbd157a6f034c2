"""Markdown drafts: only prose is analysed, block quotes are quoted speech, and every offset,
line and column points into the original file."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framing.api import Analyzer
from framing.check import analyze_jobs, read_jobs
from framing.config import Overrides
from framing.sources.markdown import markdown_prose
from tests.conftest import ANNIHILATION, CORPORA, THREAT


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer("none")


def check_markdown(analyzer: Analyzer, tmp_path: Path, text: str, name: str = "draft.md"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    (item,) = analyze_jobs(
        read_jobs([str(path)], Overrides(isolated=True)), make_analyzer=lambda s: analyzer
    )
    return item.analysis


def test_prose_keeps_length_and_line_breaks() -> None:
    text = "---\ntitle: x\n---\n# Head\n\nSome `code` and [link](http://a.b).\n\n```\nx = 1\n```\n"
    prose = markdown_prose(text).prose
    assert len(prose) == len(text)
    assert [m.start() for m in re.finditer("\n", prose)] == [
        m.start() for m in re.finditer("\n", text)
    ]


@pytest.mark.parametrize(
    ("markdown", "hidden", "kept"),
    [
        ("Text.\n\n```\ntotally destroy\n```\n", "totally destroy", "Text."),
        ("Text.\n\n    totally destroy\n", "totally destroy", "Text."),
        ("Say `totally destroy` here.\n", "totally destroy", "Say"),
        ("``a ` totally destroy`` b\n", "totally destroy", " b"),
        ("---\ntitle: totally destroy\n---\nBody.\n", "totally destroy", "Body."),
        ("+++\ntitle = 'totally destroy'\n+++\nBody.\n", "totally destroy", "Body."),
        ("A <!-- totally destroy --> b.\n", "totally destroy", "b."),
        ("<!--\ntotally destroy\n-->\n\nBody.\n", "totally destroy", "Body."),
        ("<div class='totally destroy'>\nx\n</div>\n", "totally destroy", ""),
        ("See <span title='totally destroy'>this</span>.\n", "totally destroy", "this"),
        ("See [the speech](http://x.org/totally-destroy 'totally destroy').\n", "destroy", "the"),
        ("See [the speech][ref].\n\n[ref]: http://x.org/totally-destroy\n", "destroy", "speech"),
        ("See <http://x.org/totally-destroy>.\n", "destroy", "See"),
        ("An ![totally destroy](x.png) image.\n", "totally destroy", "image."),
        ("A *b* and __c__ ~~d~~.\n", "*", "b"),
    ],
)
def test_non_prose_is_blanked(markdown: str, hidden: str, kept: str) -> None:
    prose = markdown_prose(markdown).prose
    assert hidden not in prose
    assert kept in prose


def test_code_ranges_and_quotes_are_reported() -> None:
    text = "Intro.\n\n> Quoted line\n> more.\n\nSay `x`.\n"
    parsed = markdown_prose(text)
    ((start, end),) = parsed.quoted
    assert text[start:end] == "> Quoted line\n> more.\n"
    ((c_start, c_end),) = parsed.code
    assert text[c_start:c_end] == "`x`"


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "# Head\n",
                "Text with *em* and `code`.\n",
                "> quote\n",
                "```\ncode\n```\n",
                "[a](b) ![c](d) <e> <!-- f -->\n",
                "\\* escaped &amp; entity\n",
                "- item\n  1. sub\n",
                "| a | b |\n|---|---|\n| `c` | d |\n",
                "\n",
                "    indented\n",
                "<div>\nhtml\n</div>\n",
                "[ref]: http://x\n",
                "text\r\n",
                "Setext\n===\n",
            ]
        )
    ),
    st.text(max_size=30),
)
def test_any_markdown_keeps_offsets(blocks: list[str], noise: str) -> None:
    text = "".join(blocks) + noise
    parsed = markdown_prose(text)
    assert len(parsed.prose) == len(text)
    for prose_char, char in zip(parsed.prose, text, strict=True):
        assert prose_char == char or (prose_char == " " and char not in "\r\n")


def test_findings_point_into_the_original_file(analyzer: Analyzer, tmp_path: Path) -> None:
    """A real speech, dressed as a Markdown draft: every finding's text is its original slice."""
    speech = (CORPORA / "un_general_debate" / "USA_72_2017.txt").read_text(encoding="utf-8")
    paragraphs = [p for p in speech.split("\n") if p.strip()]
    dressed = ["---\ntitle: UNGA 2017\n---", "# Remarks"]
    for number, paragraph in enumerate(paragraphs):
        if number % 5 == 1:
            paragraph = "> " + paragraph
        elif number % 5 == 2:
            paragraph = paragraph.replace("North Korea", "*North Korea*", 1)
        elif number % 5 == 3:
            paragraph = "- " + paragraph + " [source](https://www.un.org/en/ga/72/)"
        dressed.append(paragraph)
    text = "\n\n".join(dressed) + "\n\n```\n" + THREAT + "\n```\n"
    analysis = check_markdown(analyzer, tmp_path, text)
    assert analysis.findings
    lines = text.split("\n")
    for finding in analysis.findings:
        assert text[finding.start : finding.end] == finding.text
        line = lines[finding.line - 1]
        assert line[finding.column - 1 :].startswith(finding.text.split("\n")[0])
        fenced_start = text.rindex("```\n" + THREAT)
        assert finding.start < fenced_start


def test_threat_in_code_is_not_flagged(analyzer: Analyzer, tmp_path: Path) -> None:
    text = f"Calm words.\n\n```\n{THREAT}\n```\n\n    {ANNIHILATION}\n\nSay `{ANNIHILATION}`.\n"
    analysis = check_markdown(analyzer, tmp_path, text)
    assert analysis.findings == ()
    plain = check_markdown(analyzer, tmp_path, THREAT + "\n" + ANNIHILATION + "\n")
    assert any(f.rule.startswith("FRM1") for f in plain.findings)


def test_block_quote_is_quoted_speech_and_does_not_score(
    analyzer: Analyzer, tmp_path: Path
) -> None:
    calm = "The delegation will meet again in Geneva next week.\n"
    quoted = check_markdown(analyzer, tmp_path, f"{calm}\n> {THREAT}\n")
    assert any(f.rule.startswith("FRM1") for f in quoted.findings)
    assert all(f.quoted and f.severity == "info" for f in quoted.findings)
    assert quoted.scores.tension == 0.0
    own = check_markdown(analyzer, tmp_path, f"{calm}\n{THREAT}\n")
    assert own.scores.tension > 0.0
    assert not any(f.quoted for f in own.findings)


def test_headings_and_paragraphs_are_separate_sentences(analyzer: Analyzer, tmp_path: Path) -> None:
    text = f"# A heading without a full stop\n\n{THREAT}\n"
    analysis = check_markdown(analyzer, tmp_path, text)
    finding = next(f for f in analysis.findings if f.rule.startswith("FRM1"))
    assert analysis.sentences[finding.sentence].text == THREAT
