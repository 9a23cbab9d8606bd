"""Text columns built from the engine's UTF-8 buffers (issue #20): the same values as str slices."""
import pytest

import peacecorpus as pc
from peacecorpus import _core

TEXTS = ["Plain ASCII. Two sentences.", "Curly “quotes” — and émigré café. 日本語の文。 Next one 🙂 here.",
         "", "\u00a0\u200b  \n\n", "Mirzoyan said: “We agree.”\n\nPashinyan left. Baku\x00 replied."]


@pytest.mark.parametrize("name,attr", [("tokens", "_tok"), ("sentences", "_sent"), ("paragraphs", "_para")])
def test_span_text_column_is_the_str_slices(seeds, name, attr):
    for corpus in (seeds, pc.Corpus.from_texts(TEXTS), pc.Corpus.from_texts([b"\xff\xfe bad \xc3( bytes. Ok."])):
        df = corpus.table(name)
        assert df["text"].tolist() == [d.text[s:e] for d in corpus for s, e in getattr(d, attr)[:, :2]]
        assert df["doc_id"].tolist() == [d.doc_id for d in corpus for _ in range(getattr(d, attr).shape[0])]
        assert str(df["text"].dtype) == "string" and str(df["doc_id"].dtype) == "string"
        assert len(df) == sum(getattr(d, attr).shape[0] for d in corpus)


def test_doc_span_texts_checks_its_arguments():
    doc = pc.parse("One. Two.")._core
    data, offsets = _core.doc_span_texts([doc, doc], 1)
    assert data == b"One.Two.One.Two." and len(offsets) == 5 * 8
    assert _core.doc_span_texts([], 2) == (b"", b"\0" * 8)
    with pytest.raises(TypeError, match="Doc"):
        _core.doc_span_texts(["One. Two."], 1)
    with pytest.raises(TypeError):
        _core.doc_span_texts(doc, 1)
    with pytest.raises(ValueError, match="kind"):
        _core.doc_span_texts([doc], 3)
