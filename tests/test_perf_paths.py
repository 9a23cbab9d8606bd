"""The fast paths keep behaviour: batch parsing with per-document errors,
lazily computed Document fields, GIL-free parsing from threads."""
from __future__ import annotations

import pickle
from concurrent.futures import ThreadPoolExecutor

import pytest

import peacecorpus as pc
from peacecorpus import _core

ARTICLE = ("Top of page\nPeace talks resume\nBy John Smith, Reuters\n"
           "Mr. Aliyev met Dr. Smith in Baku. They spoke for two hours.\n"
           "Share this article\n")


@pytest.mark.parametrize("n_jobs", [1, 2])
def test_from_texts_failed_document_becomes_error_row(n_jobs: int) -> None:
    texts = ["One. Two.", "x" * 5000, "Three. Four.", b"%PDF-1.4 binary", "Five."]
    c = pc.Corpus.from_texts(texts, n_jobs=n_jobs, max_bytes=1000)
    assert c.doc_ids == ["0", "2", "4"]
    errors = c.errors()
    assert errors["doc_id"].tolist() == ["1", "3"]
    assert errors["reason"].tolist() == ["too_large", "binary"]
    assert [d.n_sentences for d in c] == [2, 2, 1]


def test_parse_many_returns_status_code_for_failed_item() -> None:
    out = _core.parse_many(["A b.", "y" * 300, "C d."], _core.MODE_AUTO, 0, 100)
    assert out[1] == -3  # PC_ETOOBIG
    assert "size limit" in _core.errmsg(out[1])
    assert out[0].text == "A b." and out[2].text == "C d."
    with pytest.raises(TypeError):
        _core.parse_many(["ok", 3])


def test_parse_many_matches_parse() -> None:
    texts = [ARTICLE, "caf\u00e9 \u201cquoted\u201d. Next one.", "<p>One.</p><nav>Home</nav>", ""]
    for got, t in zip(_core.parse_many(texts), texts):
        want = _core.parse(t)
        for attr in ("text", "is_html", "paragraphs", "sentences", "tokens", "paragraphs_utf8", "sentences_utf8",
                     "tokens_utf8", "removed", "meta", "repairs"):
            assert getattr(got, attr) == getattr(want, attr), attr


def test_lazy_fields_equal_eager_values() -> None:
    doc = pc.parse(ARTICLE)
    assert doc.title == "Peace talks resume"
    assert doc.author == "John Smith" and doc.source == "Reuters"
    assert [r.reason for r in doc.removed] == ["page_chrome", "byline", "share_prompt"]
    assert doc.repairs == {"invalid_utf8": 0, "nul_bytes": 0, "mojibake": 0, "control_chars": 0,
                           "invisible_chars": 0, "html_dropped_bytes": 0, "html_unterminated": 0}
    assert doc.n_tokens == len(doc.tokens) and doc.n_sentences == len(doc.sentences) == 3
    assert {"author", "title", "removed", "repairs"} <= set(dir(doc))
    with pytest.raises(AttributeError):
        _ = doc.no_such_attribute


def test_assigned_fields_win_and_extra_fills_gaps() -> None:
    doc = pc.parse("Plain text. No byline here.", extra={"author": "Desk", "title": "T"})
    doc.source = "Mine"
    assert doc.source == "Mine" and doc.author == "Desk" and doc.title == "T"
    back = pickle.loads(pickle.dumps(doc))
    assert (back.text, back.author, back.source, back.n_tokens) == (doc.text, "Desk", "Mine", doc.n_tokens)


def test_threads_parse_in_parallel_with_same_result() -> None:
    texts = [ARTICLE * (i % 4 + 1) for i in range(40)]
    want = [pc.parse(t).to_dict() for t in texts]
    with ThreadPoolExecutor(max_workers=4) as pool:
        got = list(pool.map(lambda t: pc.parse(t).to_dict(), texts))
    assert got == want
