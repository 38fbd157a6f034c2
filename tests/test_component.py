"""The spaCy component works in anyone's pipeline, through the entry point, and survives a save."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import spacy

import framing.component  # noqa: F401  (registers the factory in this process)

SENTENCE = "Rocket man is on a suicide mission for himself and for his regime."


def user_pipeline() -> spacy.language.Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("framing")
    return nlp


def test_add_pipe_writes_spans_and_scores() -> None:
    doc = user_pipeline()(SENTENCE)
    labels = [span.label_ for span in doc.spans["framing"]]
    assert "FRM102" in labels
    assert all(span._.framing["weight"] > 0 for span in doc.spans["framing"])
    assert all(span.id_ for span in doc.spans["framing"])
    assert doc._.framing["scores"]["threat"] > 0.5
    assert len(doc._.framing["sentences"]) == 1


def test_findings_on_the_same_words_keep_their_own_details() -> None:
    """spaCy keys a Span's extension values by offsets; two rules on one phrase must not share."""
    doc = user_pipeline()(
        "It is time for all nations to work together to isolate the Kim regime until it "
        "ceases its hostile behaviour."
    )
    same = [s for s in doc.spans["framing"] if s.text == "isolate the Kim regime"]
    assert sorted(s.label_ for s in same) == ["FRM101", "FRM302"]
    for span in same:
        assert span._.framing["rule"] == span.label_
        assert span._.framing["entry_id"] == span.id_
    threat = next(s for s in same if s.label_ == "FRM101")
    assert threat._.framing["target"] == "the DPRK leadership"


def test_saved_pipeline_rebuilds(tmp_path: Path) -> None:
    nlp = user_pipeline()
    nlp.to_disk(tmp_path / "pipeline")
    reloaded = spacy.load(tmp_path / "pipeline")
    original_doc, reloaded_doc = nlp(SENTENCE), reloaded(SENTENCE)
    labels = [s.label_ for s in original_doc.spans["framing"]]
    assert labels
    assert [s.label_ for s in reloaded_doc.spans["framing"]] == labels


def test_entry_point_registers_factory_without_importing_framing() -> None:
    code = textwrap.dedent(
        f"""
        import spacy
        nlp = spacy.blank("en")
        nlp.add_pipe("sentencizer")
        nlp.add_pipe("framing")
        doc = nlp({SENTENCE!r})
        print(sorted({{s.label_ for s in doc.spans["framing"]}}))
        """
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "FRM102" in done.stdout
