"""Bad input: every case gives a result or a clear exception, never a crash,
and every repair is counted (nothing is lost silently)."""
import random

import pytest

import peacecorpus as pc
from peacecorpus.errors import DocumentError, DocumentTooLarge


@pytest.mark.parametrize("data", ["", b"", "   \n\t \u00a0\u2028 ", "\n\n\n"])
def test_empty_and_whitespace(data):
    doc = pc.parse(data)
    assert doc.text == "" and doc.sentences == [] and doc.tokens == [] and doc.title is None


def test_invalid_utf8_is_repaired_and_counted():
    # stray continuation, overlong "/", surrogate, > U+10FFFF, truncated 3-byte sequence
    data = b"ok \x80 a\xc0\xaf b\xed\xa0\x80 c\xf4\x90\x80\x80 d\xe2\x82"
    doc = pc.parse(data)
    # one U+FFFD per maximal invalid subpart (Unicode 3.9, "U+FFFD substitution")
    assert doc.text == "ok \ufffd a\ufffd\ufffd b\ufffd\ufffd\ufffd c\ufffd\ufffd\ufffd\ufffd d\ufffd"
    assert doc.repairs["invalid_utf8"] == 11


def test_nul_bytes_and_controls():
    doc = pc.parse(b"A\x00B is here.\x01\x7f Next sentence.")
    assert doc.repairs["nul_bytes"] == 1 and doc.repairs["control_chars"] == 2
    assert doc.text == "A\ufffdB is here. Next sentence."
    assert len(doc.sentences) == 2


def test_lone_surrogates_in_str():
    s = b"caf\xe9 ok".decode("utf-8", "surrogateescape")
    doc = pc.parse(s)
    assert doc.text == "caf\ufffd ok" and doc.repairs["invalid_utf8"] == 1


def test_mojibake_repaired_and_counted():
    text = "Azerbaijanâ€™s offensive â€” and the â€œpeaceâ€\x9d talks. CafÃ© crÃ¨me. Ã\u00a0 la."
    doc = pc.parse(text)
    assert doc.text == "Azerbaijan’s offensive — and the “peace” talks. Café crème. à la."
    assert doc.repairs["mojibake"] == 7


def test_genuine_latin_text_not_touched():
    text = "SÃO PAULO and Ã la carte stay. Düsseldorf, Naxçıvan, Ağdam."
    doc = pc.parse(text)
    assert doc.text == text and doc.repairs["mojibake"] == 0


def test_nfc_normalisation():
    doc = pc.parse("Nakhc\u030cyvan and Cafe\u0301 and Ag\u0306dam.")
    assert doc.text == "Nakhčyvan and Café and Ağdam."


def test_random_bytes_never_crash():
    rng = random.Random(1234)
    for n in [1, 7, 100, 4096, 100_000]:
        for _ in range(5):
            data = bytes(rng.getrandbits(8) for _ in range(n))
            doc = pc.parse(data)
            assert isinstance(doc.text, str)
            for t in doc.tokens:
                assert doc.text[t.start:t.end] == t.text


def test_deeply_nested_and_unclosed_html():
    doc = pc.parse("<html><body>" + "<div>" * 100_000 + "<p>Deep text here. Really." + "<b>" * 1000)
    assert doc.is_html and [s.text for s in doc.sentences] == ["Deep text here.", "Really."]
    doc = pc.parse("<html><body><p>Visible.</p><!-- never closed <p>hidden</p>")
    assert doc.text == "Visible." and doc.repairs["html_unterminated"] == 1
    doc = pc.parse('<html><body><p>Before.</p><script>var s = "</p>never closed')
    assert doc.text == "Before." and doc.repairs["html_unterminated"] == 1
    doc = pc.parse('<html><body><p title="a > b">Quoted gt.</p><p class="x>Stray quote.</p></body>')
    assert "Quoted gt." in doc.text and "Stray quote." in doc.text


@pytest.mark.slow
def test_fifty_megabyte_document():
    para = ("Armenia and Azerbaijan held talks in Washington on Sept. 26. The U.S. mediated. "
            "“It was useful,” a diplomat said.\n")
    text = para * (50 * 1024 * 1024 // len(para.encode()) + 1)
    assert len(text.encode()) >= 50 * 1024 * 1024
    doc = pc.parse(text, max_bytes=0)
    # each paragraph repeats, so all but the first are removed as repeated lines
    assert doc.n_sentences == 3 and len(doc.removed) == text.count("\n") - 1
    doc = pc.parse(text, max_bytes=0, keep_boilerplate=True)
    assert doc.n_sentences == 3 * text.count("\n")


def test_size_limit_is_a_clear_error():
    with pytest.raises(DocumentTooLarge) as exc:
        pc.parse("x" * 1000, doc_id="big", max_bytes=100)
    assert exc.value.doc_id == "big" and "max_bytes=100" in str(exc.value)
    assert isinstance(exc.value, DocumentError) and isinstance(exc.value, ValueError)


def test_wrong_types():
    with pytest.raises(TypeError):
        pc.parse(12345)
    with pytest.raises(ValueError):
        pc.parse("x", mode="pdf")
    c = pc.Corpus.from_texts(["Fine text.", b"\x89PNG\r\n\x1a\n\x00\x00\x00binary"], ids=["ok", "png"])
    assert c.doc_ids == ["ok"] and c.errors().reason.tolist() == ["binary"]


def test_bytearray_and_memoryview():
    assert pc.parse(bytearray(b"One. Two.")).n_sentences == 2
    assert pc.parse(memoryview(b"One. Two.")).n_sentences == 2
