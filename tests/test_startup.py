"""Start-up and speed: the fast lookup lemmatizer and sentencizer assign what spaCy's assign,
the JSON caches (lexicon validation, pattern keys, TextBlob's sentiment lexicon) give the same
results as a cold start and never serve stale data, and ``framing check`` imports nothing
heavy."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import spacy

from framing import cache
from framing.lexicons import load_lexicon
from framing.pipeline import build_pipeline
from tests.conftest import CORPORA, HOUSE_PACK

SPEECH = CORPORA / "un_general_debate" / "USA_72_2017.txt"


def test_same_lemmas_as_spacys_lookup_lemmatizer() -> None:
    text = SPEECH.read_text(encoding="utf-8")
    reference = spacy.blank("en")
    reference.add_pipe("lemmatizer", config={"mode": "lookup"})
    reference.initialize()
    ours = build_pipeline("none")
    expected = [t.lemma_ for t in reference(text)]
    assert [t.lemma_ for t in ours(text)] == expected
    assert "be" in expected and "go" in [t.lemma_ for t in ours("He went home.")]


@pytest.mark.parametrize(
    "text",
    [
        *(
            p.read_text(encoding="utf-8")
            for p in sorted(CORPORA.glob("un_general_debate/*_7?_*.txt"))
        ),
        "",
        "!",
        "...Hello. World!! Yes? “Quoted.” Next one",
        "a.b. c\n\nNew paragraph without a stop",
    ],
)
def test_same_sentences_as_spacys_sentencizer(text: str) -> None:
    nlp = spacy.blank("en")
    reference = nlp.add_pipe("sentencizer")
    ours = build_pipeline("none").get_pipe("sentencizer")
    assert type(ours).__name__ == "ArraySentencizer"
    expected = [t.is_sent_start for t in reference(nlp.make_doc(text))]
    assert [t.is_sent_start for t in ours(nlp.make_doc(text))] == expected


def test_table_reads_strings_and_hashes() -> None:
    nlp = build_pipeline("none")
    table = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_lookup")
    doc = nlp("Geese went")
    assert table.get("went") == "go"
    assert table.get(doc[1].lower) == "go"
    assert table.get(nlp.vocab.strings.add("zzzqqq-unknown")) is None


def test_saved_rules_tier_rebuilds(tmp_path: Path) -> None:
    build_pipeline("none").to_disk(tmp_path / "rules")
    code = textwrap.dedent(
        f"""
        import spacy
        nlp = spacy.load({str(tmp_path / "rules")!r})
        print([t.lemma_ for t in nlp("They went")], nlp.pipe_names)
        """
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert (
        "'go'" in done.stdout and "'lemmatizer'" in done.stdout and "'sentencizer'" in done.stdout
    )


@pytest.fixture
def private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("FRAMING_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("FRAMING_NO_CACHE", raising=False)
    return tmp_path / "cache"


def test_validated_pack_is_cached_and_an_edit_is_revalidated(
    private_cache: Path, tmp_path: Path
) -> None:
    pack = tmp_path / "house.toml"
    pack.write_text(HOUSE_PACK, encoding="utf-8")
    first = load_lexicon([pack], builtin=False)
    (entry,) = list((private_cache / "lexicons").glob("*.json"))
    assert json.loads(entry.read_text(encoding="utf-8"))["kind"] == "cues"
    assert load_lexicon([pack], builtin=False) == first
    pack.write_text(HOUSE_PACK.replace("weight = 0.6", "weight = 6"), encoding="utf-8")
    from framing.errors import FramingError

    with pytest.raises(FramingError) as caught:
        load_lexicon([pack], builtin=False)
    assert caught.value.code == "E011" and "weight" in str(caught.value)


def test_cache_failures_are_ignored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("FRAMING_CACHE_DIR", str(blocker))
    cache.store("kind", "key", {"a": 1})
    assert cache.load("kind", "key") is None
    monkeypatch.setenv("FRAMING_NO_CACHE", "1")
    assert cache.cache_dir() is None


SENTIMENT = """\
import json, sys
from framing.sentiment import polarity_subjectivity
texts = json.loads(sys.argv[1])
print(json.dumps([polarity_subjectivity(t) for t in texts]))
"""


def test_cached_sentiment_lexicon_gives_textblobs_numbers(private_cache: Path) -> None:
    from textblob import TextBlob

    tweets = (CORPORA / "trump_tweets_korea_2017_2019.jsonl").read_text().splitlines()[:25]
    texts = [json.loads(line)["text"] for line in tweets] + ["This is terribly good!"]
    runs = []
    for _ in range(2):  # cold (parses the XML, fills the cache), then warm (reads the cache)
        done = subprocess.run(
            [sys.executable, "-c", SENTIMENT, json.dumps(texts)],
            capture_output=True,
            text=True,
            check=True,
        )
        runs.append(json.loads(done.stdout))
    assert list((private_cache / "textblob-sentiment").glob("*.json"))
    assert runs[0] == runs[1]
    expected = [list(TextBlob(text).sentiment) for text in texts]
    for ours, theirs in zip(runs[1], expected, strict=True):
        assert ours == pytest.approx(theirs)


def test_check_imports_nothing_heavy(private_cache: Path, tmp_path: Path) -> None:
    """A warm ``framing check`` (caches filled) loads no TextBlob/NLTK, scikit-learn, pandas,
    Dask, matplotlib, python-docx for a Markdown draft, nor jsonschema (rich is not listed:
    spaCy itself imports it, through weasel and httpx), nor PyTorch, which spaCy would import
    whenever the semantic extra is installed (this suite's environment has it)."""
    draft = tmp_path / "draft.md"
    draft.write_text("# Remarks\n\nWe will have no choice but to totally destroy North Korea.\n")
    heavy = [
        *("textblob", "nltk", "sklearn", "pandas", "dask", "matplotlib", "docx", "jsonschema"),
        "torch",
    ]
    code = textwrap.dedent(
        f"""
        import sys
        from framing.cli import main
        main(["check", "--isolated", "--model", "none", {str(draft)!r}])
        print(sorted(m for m in {heavy!r} if sys.modules.get(m) is not None))
        """
    )
    for _ in range(2):  # the first run fills the caches
        done = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=False
        )
    assert done.stdout.strip().splitlines()[-1] == "[]", done.stdout + done.stderr


def test_gated_token_matcher_finds_what_the_matcher_finds() -> None:
    """Skipping sentences that lack a pattern's words must never lose a match."""
    nlp = build_pipeline("none")
    gated = nlp.get_pipe("framing").compiled.token_matcher
    assert gated is not None
    text = "\n".join(
        p.read_text(encoding="utf-8") for p in sorted(CORPORA.glob("un_general_debate/*_7?_*.txt"))
    )
    text += "\nThe joint drills were suspended. Any attack will be met with a swift response."
    doc = nlp(text)
    sentences = list(doc.sents)
    sentence_of = [0] * len(doc)
    for number, sentence in enumerate(sentences):
        for index in range(sentence.start, sentence.end):
            sentence_of[index] = number
    everywhere = {
        (m, s, e)
        for m, s, e in gated.matcher(doc)
        if sentence_of[s] == sentence_of[e - 1]  # the gate keeps matches inside a sentence
    }
    found = set(gated(doc, sentences))
    assert found == everywhere and len(found) >= 2
    assert list(gated(nlp("Nothing here."), [])) == []


def test_phrase_index_finds_what_a_scan_of_every_position_finds() -> None:
    """Looking patterns up from their rarest word must find every match a scan finds."""
    nlp = build_pipeline("none")
    compiled = nlp.get_pipe("framing").compiled
    text = "\n".join(
        p.read_text(encoding="utf-8") for p in sorted(CORPORA.glob("un_general_debate/*_7?_*.txt"))
    )
    text += "\nWe must bring an end to the war. It is all-or-nothing, or else. The dictator lied."
    keys = compiled.keys.of_doc(nlp(text))
    positions, compact, _ = keys.layout
    starting = {}  # every position of every key: the scan below tries each pattern wherever
    for index, key in enumerate(compact):  # its first word stands
        starting.setdefault(key, []).append(index)
    expected = set()
    for entry in compiled.lexicon.cues:
        for pattern in entry.patterns:
            words = compiled.keys.of_phrase([t.text for t in nlp.tokenizer(pattern)])
            for start in starting.get(words[0], []):
                window = compact[start : start + len(words)]
                if len(window) == len(words) and all(
                    w is None or w == k for w, k in zip(words, window, strict=True)
                ):
                    end = positions[start + len(words) - 1] + 1
                    expected.add((positions[start], end, entry.id))
    found = {(m.start, m.end, m.payload.id) for m in compiled.cues.find(keys)}
    epithets = {t.id for t in compiled.lexicon.targets if t.epithet}
    assert {f for f in found if f[2] not in epithets} == expected
    assert {"mt-armistice-end", "esc-or-else", "max-nothing-less"} <= {f[2] for f in found}


def test_pytorch_is_left_out_only_where_no_pipeline_needs_it(tmp_path: Path) -> None:
    """spaCy's CNN pipelines and the rules tier never need PyTorch; a transformer pipeline does,
    and so, to be safe, does one whose requirements cannot be read."""
    from framing.pipeline import needs_pytorch

    def pipeline_dir(name: str, requirements: list[str]) -> str:
        folder = tmp_path / name
        folder.mkdir()
        meta = {"lang": "en", "name": name, "requirements": requirements}
        (folder / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
        return str(folder)

    assert not needs_pytorch("none") and not needs_pytorch(None)  # None: the installed CNN
    assert not needs_pytorch(pipeline_dir("cnn", ["spacy>=3.7.5,<3.9.0"]))
    assert needs_pytorch(pipeline_dir("trf", ["spacy-curated-transformers>=0.2.2,<0.3.0"]))
    assert needs_pytorch(pipeline_dir("old_trf", ["spacy_transformers (>=1.1.2)"]))
    assert needs_pytorch(str(tmp_path / "no-such-pipeline"))
    assert needs_pytorch("no_such_pipeline_package")


def test_check_with_a_cnn_pipeline_leaves_pytorch_out(tmp_path: Path) -> None:
    """The parser tier of ``framing check`` runs without PyTorch and still finds the threat
    (``framing score`` is checked below, in the rules tier)."""
    from framing.pipeline import installed_trained_pipeline

    name = installed_trained_pipeline()
    if name is None:
        pytest.skip("no trained English pipeline installed (pip install framing[parser])")
    draft = tmp_path / "draft.txt"
    draft.write_text("Rocket Man is on a suicide mission for himself and for his regime.\n")
    code = textwrap.dedent(
        f"""
        import json, sys
        from framing.cli import main
        try:
            main(["check", "--isolated", "--format", "json", {str(draft)!r}])
        except SystemExit:
            pass
        print(sys.modules.get("torch") is None)
        """
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    *report, torch_left_out = done.stdout.strip().splitlines()
    assert torch_left_out == "True", done.stderr
    rules = {f["rule"] for f in json.loads("\n".join(report))["files"][0]["findings"]}
    assert "FRM101" in rules


def test_score_leaves_pytorch_out(tmp_path: Path) -> None:
    """``framing score`` (and its forked ``--jobs`` workers) run without PyTorch too."""
    (tmp_path / "speech.txt").write_text("We will totally destroy North Korea.\n")
    out = tmp_path / "scores.csv"
    code = textwrap.dedent(
        f"""
        import sys
        from framing.cli import main
        try:
            main(["score", {str(tmp_path / "speech.txt")!r}, "--out", {str(out)!r},
                  "--model", "none", "--jobs", "2"])
        except SystemExit:
            pass
        print(sys.modules.get("torch") is None)
        """
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.stdout.strip().splitlines()[-1] == "True", done.stderr
    (row,) = csv.DictReader(out.read_text(encoding="utf-8").splitlines())
    assert row["FRM201"] == "1" and not row["error"]
