"""The engine's document type (_core.Doc), the one byte -> str offset
conversion, and engine errors as exception types (issue #15 items 3 and 4)."""
from __future__ import annotations

import pickle
import threading

import numpy as np
import pytest

import peacecorpus as pc
from peacecorpus import _core, errors

TEXT = "Naxçıvan talks: “We agree,” said Əliyev. Ararat Mirzoyan met him in Baku 😀.\n\nSecond paragraph here."


def _rows(b: bytes, width: int) -> np.ndarray:
    return np.frombuffer(b, dtype=np.uint32).reshape(-1, width)


def test_parse_returns_a_doc_with_str_and_byte_offsets():
    d = _core.parse(TEXT)
    assert isinstance(d, _core.Doc) and d.text == TEXT and not d.is_html
    utf8 = TEXT.encode("utf-8")
    for name, width in (("paragraphs", 3), ("sentences", 5), ("tokens", 3)):
        cp, by = _rows(getattr(d, name), width), _rows(getattr(d, name + "_utf8"), width)
        assert cp.shape == by.shape and len(cp) == getattr(d, "n_" + name)
        for (s, e), (bs, be) in zip(cp[:, :2], by[:, :2]):
            assert TEXT[s:e] == utf8[bs:be].decode("utf-8")   # the same spans in both units
        assert (cp[:, 2:] == by[:, 2:]).all()
    assert d.repairs["invalid_utf8"] == 0 and set(d.repairs) == set(pc.document._STAT_KEYS)
    removed = _core.parse("Share this article\nTalks resumed in Baku today.").removed
    assert removed[0].reason == "share_prompt" and removed[0].position == 0


def test_doc_rebuilt_from_byte_rows_and_pickled():
    d = _core.parse("<html><title>T</title><p>Çay in Şuşa. Two.</p><nav>Home</nav></html>")
    again = _core.Doc(d.text, d.paragraphs_utf8, d.sentences_utf8, d.tokens_utf8,
                      removed=[tuple(r) for r in d.removed], meta=d.meta,
                      repairs=[d.repairs[k] for k in pc.document._STAT_KEYS], is_html=d.is_html)
    back = pickle.loads(pickle.dumps(d))
    for other in (again, back):
        for attr in ("text", "is_html", "paragraphs", "sentences", "tokens", "tokens_utf8", "removed", "meta",
                     "repairs"):
            assert getattr(other, attr) == getattr(d, attr), attr
    # and rows in str offsets (tokens made outside peacecorpus)
    cp = _core.doc_from_codepoints(d.text, d.paragraphs, d.sentences, d.tokens)
    assert cp.tokens_utf8 == d.tokens_utf8 and cp.sentences == d.sentences


def test_doc_refuses_rows_the_engine_could_not_index():
    d = _core.parse("One two. Three four.")
    good = (d.text, d.paragraphs_utf8, d.sentences_utf8, d.tokens_utf8)
    tok = _rows(d.tokens_utf8, 3).copy()
    tok[0, 1] = 1000                                            # past the text
    with pytest.raises(ValueError, match="tokens or sentences"):
        _core.Doc(d.text, good[1], good[2], tok.tobytes())
    sent = _rows(d.sentences_utf8, 5).copy()
    sent[1, 3] = 99                                             # token range past the tokens
    with pytest.raises(ValueError, match="tokens or sentences"):
        _core.Doc(d.text, good[1], sent.tobytes(), good[3])
    sent = _rows(d.sentences_utf8, 5).copy()
    sent[0, 4] = 7                                              # paragraph that does not exist
    with pytest.raises(ValueError, match="sentences"):
        _core.Doc(d.text, good[1], sent.tobytes(), good[3])
    para = np.array([[5, 3, 0]], dtype=np.uint32)
    with pytest.raises(ValueError, match="paragraphs"):
        _core.Doc(d.text, para.tobytes(), good[2], good[3])
    with pytest.raises(ValueError, match="multiple of 5-column"):
        _core.Doc(d.text, good[1], good[2][:-4], good[3])
    with pytest.raises(TypeError):
        _core.Doc(d.text, good[1], good[2], "not rows")
    with pytest.raises(TypeError):
        _core.Doc(d.text, *good[1:], removed=[("reason", "text")])
    with pytest.raises(TypeError, match="expected a peacecorpus._core.Doc, not str"):
        _core.times("a text", 2024, 1, 1)
    assert _core.Doc(*good).sentences == d.sentences


def test_engine_results_are_named():
    doc = pc.parse("“It works,” said Ararat Mirzoyan on 5 May 2024.")
    q = _core.quotes(doc._core)[0]
    assert (q.start, q.end, q.kind, q.spk_kind) == (1, 10, _core.QK_DIRECT, _core.SPK_NAME)
    assert doc.text[q.spk_start:q.spk_end] == "Ararat Mirzoyan" and q.role_start == -1
    t = _core.times(doc._core, 2024, 6, 1)[0]
    assert (t.type, t.value, t.anchor) == ("DATE", "2024-05-05", None)


def test_status_codes_raise_their_exception_types():
    assert _core.DocumentTooLarge is errors.DocumentTooLarge and _core.LimitExceeded is errors.LimitExceeded
    assert issubclass(errors.DocumentTooLarge, errors.LimitExceeded)
    assert issubclass(errors.TooManyEntities, errors.LimitExceeded)
    assert issubclass(errors.LimitExceeded, errors.DocumentError)
    with pytest.raises(errors.DocumentTooLarge):                 # raised by the binding, from PC_ETOOBIG
        _core.parse("x" * 300, 0, 0, 100)
    with pytest.raises(errors.DocumentTooLarge) as exc:
        pc.parse("x" * 300, doc_id="big", max_bytes=100)
    assert exc.value.doc_id == "big" and exc.value.reason == "too_large" and exc.value.offset == 100
    assert _core.parse_many(["ok.", "y" * 300], 0, 0, 100)[1] == -3


def test_parse_many_holds_its_items():
    """Another thread emptying the caller's list while the engine works
    (GIL released) does not reach the engine: the items are referenced."""
    big = ["Talks resumed in Baku. " * 2000 + str(i) for i in range(40)]
    lst = list(big)
    stop = threading.Event()

    def churn():
        while not stop.is_set():
            lst.clear()
            lst.extend(big)

    t = threading.Thread(target=churn)
    t.start()
    try:
        for _ in range(5):
            out = _core.parse_many(lst)
            assert all(isinstance(d, _core.Doc) for d in out)
    finally:
        stop.set()
        t.join()
