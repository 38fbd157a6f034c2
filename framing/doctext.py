"""A Doc's text without rebuilding it from its tokens.

``doc.text`` joins the text of every token, building a Token object per word, on every access;
on a long speech that cost a tenth of the rules tier's time, twice per document (the component
reads the text, and so does :func:`framing.analysis.from_doc`). Docs made by :func:`make_doc`
keep the string they were made from in ``doc.user_data``; :func:`text_of` returns it when its
length still agrees with the tokens, and ``doc.text`` otherwise (a Doc made any other way). A
Doc can also ask the ``framing`` component to list the people it names, which the calibrator
reads and a linter does not need.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

TEXT_KEY = ("framing", "text")
PEOPLE_KEY = ("framing", "people")


def make_doc(nlp: Language, text: str, *, people: bool = False) -> Doc:
    """``nlp.make_doc(text)``, remembering ``text``; ``people`` asks for the people it names."""
    doc = nlp.make_doc(text)
    doc.user_data[TEXT_KEY] = text
    if people:
        doc.user_data[PEOPLE_KEY] = True
    return doc


def text_of(doc: Doc) -> str:
    """``doc.text``, from the string the Doc was made from when it has one."""
    text = doc.user_data.get(TEXT_KEY)
    if isinstance(text, str):
        last = doc[-1] if len(doc) else None
        if len(text) == (last.idx + len(last.text_with_ws) if last is not None else 0):
            return text
    return doc.text
