"""Reading corpora: every input type, and bad records becoming error records, not crashes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from framing.corpus.records import Column, Corpus, InputSpec, merge_kinds
from framing.errors import FramingError

ROOT = Path(__file__).resolve().parents[1]
UN = ROOT / "corpora" / "un_general_debate"
TWEETS = ROOT / "corpora" / "trump_tweets_korea_2017_2019.jsonl"
ROCKET = "Rocket man is on a suicide mission for himself and for his regime."
DESTROY = "We will have no choice but to totally destroy North Korea."


def write_jsonl(path: Path, lines: list[bytes]) -> Path:
    path.write_bytes(b"\n".join(lines) + b"\n")
    return path


def write_docx(path: Path, paragraphs: list[str]) -> Path:
    import docx

    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    document.save(path)
    return path


def test_directory_yields_one_record_per_document_with_fields_from_names(tmp_path: Path) -> None:
    folder = tmp_path / "un"
    (folder / "older").mkdir(parents=True)
    shutil.copy(UN / "PRK_74_2019.txt", folder)
    shutil.copy(UN / "USA_75_2020.txt", folder / "older")
    (folder / "notes.csv").write_text("ignored,because,not a document\n")
    corpus = Corpus([str(folder)], InputSpec(name_pattern="{country}_{session}_{year}"))
    assert corpus.columns() == (
        Column("file", "string"),
        Column("country", "string"),
        Column("session", "int"),
        Column("year", "int"),
    )
    records = list(corpus.records())
    assert [r.id for r in records] == ["PRK_74_2019", "older/USA_75_2020"]
    assert records[0].fields == {
        "file": str(folder / "PRK_74_2019.txt"),
        "country": "PRK",
        "session": 74,
        "year": 2019,
    }
    assert records[0].text == (UN / "PRK_74_2019.txt").read_text(encoding="utf-8")
    assert corpus.count() == 2


def test_bad_documents_become_error_records(tmp_path: Path) -> None:
    (tmp_path / "a_good.txt").write_text(ROCKET, encoding="utf-8")
    (tmp_path / "b_latin1.txt").write_bytes("Caf\xe9 diplomacy".encode("latin-1"))
    (tmp_path / "c_empty.md").write_text("  \n", encoding="utf-8")
    (tmp_path / "d_broken.docx").write_bytes(b"not a zip at all")
    records = list(Corpus([str(tmp_path)]).records())
    assert [r.id for r in records] == ["a_good", "b_latin1", "c_empty", "d_broken"]
    assert records[0].error is None and records[0].text == ROCKET
    assert records[1].text is None and records[1].error.startswith("E002:")
    assert "invalid UTF-8" in records[1].error
    assert records[2].error.startswith("E003:")
    assert records[3].error.startswith("E120:")


def test_word_and_markdown_documents_carry_what_their_markup_says(tmp_path: Path) -> None:
    write_docx(tmp_path / "a_statement.docx", [ROCKET, DESTROY])
    (tmp_path / "b_note.md").write_text(f"# Note\n\n> {ROCKET}\n\n{DESTROY}\n", encoding="utf-8")
    (tmp_path / "c_plain.txt").write_text(DESTROY, encoding="utf-8")
    docx_record, markdown, plain = Corpus([str(tmp_path)]).records()
    assert docx_record.text == f"{ROCKET}\n{DESTROY}"
    assert docx_record.directives is not None
    assert docx_record.directives.block_starts == (0, len(ROCKET) + 1)
    assert ROCKET in markdown.text
    assert markdown.directives is not None
    (start, end), *_ = markdown.directives.quoted
    assert ROCKET in markdown.text[start:end]
    assert plain.directives is None


def test_jsonl_bad_lines_become_error_records_and_the_rest_is_read(tmp_path: Path) -> None:
    path = write_jsonl(
        tmp_path / "records.jsonl",
        [
            json.dumps({"id": "t1", "text": ROCKET, "year": 2017}).encode(),
            json.dumps({"id": "t2", "text": "   "}).encode(),
            b"{not json",
            b"",
            json.dumps(["a", "list"]).encode(),
            '{"id": "t6", "text": "caf\xe9"}'.encode("latin-1"),
            json.dumps({"text": DESTROY, "year": 2017.5, "tags": ["x"]}).encode(),
            json.dumps({"id": "t8", "body": ROCKET}).encode(),
            json.dumps({"id": "t9", "text": 42}).encode(),
        ],
    )
    corpus = Corpus([str(path)])
    assert corpus.columns() == (
        Column("year", "float"),
        Column("tags", "json"),
        Column("body", "string"),
    )
    records = list(corpus.records())
    assert [r.id for r in records] == [
        "t1",
        "t2",
        f"{path}:3",
        f"{path}:5",
        f"{path}:6",
        f"{path}:7",
        "t8",
        "t9",
    ]
    codes = [r.error.split(":")[0] if r.error else None for r in records]
    assert codes == [None, "E152", "E150", "E154", "E153", None, "E151", "E154"]
    assert records[0].fields == {"year": 2017}
    assert records[5].text == DESTROY and records[5].fields == {"year": 2017.5, "tags": ["x"]}
    assert corpus.count() == 8


def test_jsonl_explicit_id_field(tmp_path: Path) -> None:
    path = write_jsonl(
        tmp_path / "r.jsonl",
        [
            json.dumps({"tweet": 7, "text": ROCKET, "id": "x"}).encode(),
            json.dumps({"text": DESTROY}).encode(),
        ],
    )
    records = list(Corpus([str(path)], InputSpec(id_field="tweet")).records())
    assert records[0].id == "7" and records[0].fields == {"id": "x"}
    assert records[1].error.startswith("E156:")


def test_real_tweets_are_read_with_their_ids_and_fields() -> None:
    corpus = Corpus([str(TWEETS)])
    assert [c.name for c in corpus.columns()] == ["date", "is_retweet", "source"]
    assert dict((c.name, c.kind) for c in corpus.columns())["is_retweet"] == "bool"
    first = next(iter(corpus.records()))
    assert first.id == "816057920223846400" and first.error is None
    assert first.fields["date"] == "2017-01-02T23:05:44Z"


def test_csv_rows_multiline_text_bad_rows_and_bytes(tmp_path: Path) -> None:
    path = tmp_path / "speeches.csv"
    path.write_bytes(
        b"id,speaker,text\n"
        b'1,Trump,"' + ROCKET.encode() + b'\nSecond line, with a comma."\n'
        b"2,Trump,too,many,fields\n"
        b"3,Moon,Caf\xe9\n"
        b"4,Moon,\n"
        b"5,Kim," + DESTROY.encode() + b"\n"
    )
    corpus = Corpus([str(path)])
    assert corpus.columns() == (Column("speaker", "string"),)
    records = list(corpus.records())
    assert [r.id for r in records] == ["1", "2", "3", "4", "5"]
    assert records[0].text == ROCKET + "\nSecond line, with a comma."
    codes = [r.error.split(":")[0] if r.error else None for r in records]
    assert codes == [None, "E154", "E153", "E152", None]
    assert records[2].fields == {"speaker": "Moon"}


def test_csv_without_the_text_column_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("id,body\n1,hello\n", encoding="utf-8")
    with pytest.raises(FramingError) as raised:
        Corpus([str(path)])
    assert raised.value.code == "E164" and "body" in str(raised.value)
    (record,) = Corpus([str(path)], InputSpec(text_field="body")).records()
    assert record.text == "hello"


def test_parquet_keeps_arrow_types(tmp_path: Path) -> None:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    path = tmp_path / "t.parquet"
    table = pa.table(
        {
            "id": [1, 2, 3],
            "text": [ROCKET, None, DESTROY],
            "year": [2017, 2018, 2019],
            "share": [0.5, None, 1.0],
            "retweet": [True, False, None],
        }
    )
    pq.write_table(table, path)
    corpus = Corpus([str(path)])
    assert corpus.columns() == (
        Column("year", "int"),
        Column("share", "float"),
        Column("retweet", "bool"),
    )
    records = list(corpus.records())
    assert [r.id for r in records] == ["1", "2", "3"]
    assert records[1].error.startswith("E154:")
    assert records[2].fields == {"year": 2019, "share": 1.0, "retweet": None}
    assert corpus.count() == 3


@pytest.mark.parametrize(
    ("name", "code"),
    [("missing.txt", "E001"), ("scores.xlsx", "E161"), ("empty_dir", "E160")],
)
def test_inputs_that_cannot_be_read_stop_the_run_up_front(
    tmp_path: Path, name: str, code: str
) -> None:
    if name == "scores.xlsx":
        (tmp_path / name).write_bytes(b"PK")
    if name == "empty_dir":
        (tmp_path / name).mkdir()
        (tmp_path / name / "data.csv").write_text("a\n")
    with pytest.raises(FramingError) as raised:
        Corpus([str(tmp_path / name)])
    assert raised.value.code == code


@pytest.mark.parametrize("pattern", ["no fields", "{a}_{a}"])
def test_bad_name_patterns_are_refused(pattern: str) -> None:
    with pytest.raises(FramingError) as raised:
        Corpus([str(UN / "PRK_74_2019.txt")], InputSpec(name_pattern=pattern))
    assert raised.value.code == "E168"


def test_kinds_merge_to_one_that_holds_both() -> None:
    assert merge_kinds(None, "int") == "int"
    assert merge_kinds("int", "float") == "float"
    assert merge_kinds("int", "string") == "string"
    assert merge_kinds("bool", "json") == "json"
    assert merge_kinds("string", None) == "string"
