"""Cleaning, metadata and segmentation of the bundled seeds, measured against the
hand-written gold in tests/gold/seeds_documents.json."""
import json
import re

import pytest

import peacecorpus as pc
from conftest import GOLD

GOLD_DOCS = json.loads((GOLD / "seeds_documents.json").read_text(encoding="utf-8"))


def ws(s):
    # The gold copies the raw articles; the cleaner normalises every Unicode
    # white space (e.g. NBSP) to one ASCII space, so compare on that form.
    return re.sub(r"\s+", " ", s).strip() if s is not None else None


@pytest.mark.parametrize("doc_id", sorted(GOLD_DOCS))
def test_sentences_match_gold(seeds, doc_id):
    doc = seeds[doc_id]
    assert [s.text for s in doc.sentences] == [ws(s) for s in GOLD_DOCS[doc_id]["sentences"]]


@pytest.mark.parametrize("doc_id", sorted(GOLD_DOCS))
def test_paragraphs_and_removed_match_gold(seeds, doc_id):
    doc, gold = seeds[doc_id], GOLD_DOCS[doc_id]
    assert [p.text for p in doc.paragraphs] == [ws(p) for p in gold["paragraphs"]]
    assert [(r.reason, r.text) for r in doc.removed] == [(r["reason"], ws(r["text"])) for r in gold["removed"]]


@pytest.mark.parametrize("doc_id", sorted(GOLD_DOCS))
def test_metadata_matches_gold(seeds, doc_id):
    doc, gold = seeds[doc_id], GOLD_DOCS[doc_id]
    assert doc.title == gold["title"]
    assert doc.author == gold["author"]
    assert doc.source == gold["outlet"]
    assert doc.syndicated_from == gold["syndicated_from"]
    assert doc.published == gold["published"]
    assert doc.updated == gold["updated"]
    assert ws(doc.citation) == ws(gold["citation"])


def test_sentence_split_score_on_seeds(seeds):
    """Boundary precision/recall over all seeds (printed; must be perfect)."""
    tp = fp = fn = 0
    for doc_id, gold in GOLD_DOCS.items():
        mine = {s.text for s in seeds[doc_id].sentences}
        ref = {ws(s) for s in gold["sentences"]}
        tp += len(mine & ref)
        fp += len(mine - ref)
        fn += len(ref - mine)
    p, r = tp / (tp + fp), tp / (tp + fn)
    print(f"sentences: P={p:.3f} R={r:.3f} ({tp} of {tp + fn})")
    assert (p, r) == (1.0, 1.0)


def test_offsets_are_str_indices(seeds):
    for doc in seeds:
        for s in doc.sentences:
            assert doc.text[s.start:s.end] == s.text
        toks = doc.tokens
        assert all(doc.text[t.start:t.end] == t.text and t.text.strip() == t.text for t in toks)
        assert all(a.end <= b.start for a, b in zip(toks, toks[1:]))
        # every non-space character of the text is in exactly one token
        covered = sum(t.end - t.start for t in toks)
        assert covered == len(re.sub(r"\s", "", doc.text))


def test_boilerplate_never_in_text(seeds):
    joined = "\n".join(d.text for d in seeds)
    for junk in ["ALSO READ", "Telegram channel", "Follow us on social networks", "Leave a review",
                 "top of page", "bottom of page", "Getty Images", "Jamestown Foundation/Released",
                 "INCLUDES INPUTS", "To cite this article", "Continue reading"]:
        assert junk not in joined


def test_tokens_examples():
    doc = pc.parse("The U.S. envoy, Mr. Bono, said Azerbaijan’s 12-kilometer border isn't 1.5% "
                   "of 120,000 km. See https://example.org/a?b=1. 👩‍👩‍👧 🇦🇲 done")
    texts = [t.text for t in doc.tokens]
    assert texts[:4] == ["The", "U.S.", "envoy", ","]
    assert "Mr." in texts and "’s" in texts and "isn't" in texts
    assert texts[texts.index("’s") - 1] == "Azerbaijan"
    assert ["12", "-", "kilometer"] == texts[texts.index("12"):texts.index("12") + 3]
    assert "1.5" in texts and "120,000" in texts and "%" in texts
    assert "https://example.org/a?b=1" in texts
    assert "👩‍👩‍👧" in texts and "🇦🇲" in texts
    kinds = {t.text: t.kind for t in doc.tokens}
    assert kinds["120,000"] == "num" and kinds["https://example.org/a?b=1"] == "url"


@pytest.mark.parametrize("text,expected", [
    ("Mr. Smith went to Washington. He met Dr. J. Doe at 3 p.m. on Jan. 5.",
     ["Mr. Smith went to Washington.", "He met Dr. J. Doe at 3 p.m. on Jan. 5."]),
    ("It cost $1.13bn. Profits rose 2.5% in the U.S. market. Analysts agreed.",
     ["It cost $1.13bn.", "Profits rose 2.5% in the U.S. market.", "Analysts agreed."]),
    ("“They understand,” he said. “But they don’t.” Then silence.",
     ["“They understand,” he said.", "“But they don’t.”", "Then silence."]),
    ("Why? Because. Really?! Yes… no. Wait… Go.",
     ["Why?", "Because.", "Really?!", "Yes… no.", "Wait…", "Go."]),
    ("He wrote (see below.) Next one.", ["He wrote (see below.)", "Next one."]),
    ("Apple Inc. The firm grew.", ["Apple Inc.", "The firm grew."]),
])
def test_sentence_rules(text, expected):
    assert [s.text for s in pc.parse(text, mode="text", keep_boilerplate=True).sentences] == expected


def test_documents_dataframe(seeds):
    df = seeds.documents()
    for col in ["doc_id", "title", "author", "source", "syndicated_from", "published", "text",
                "n_sentences", "n_tokens"]:
        assert col in df.columns
    assert len(df) == 5
    assert df["n_sentences"].sum() == sum(len(g["sentences"]) for g in GOLD_DOCS.values())
    sents = seeds.sentences()
    assert list(sents.columns[:4]) == ["doc_id", "sentence", "start", "end"]
    assert len(sents) == df["n_sentences"].sum()
    toks = seeds.tokens()
    assert len(toks) == df["n_tokens"].sum()
    row = toks.iloc[0]
    assert seeds[row.doc_id].text[row.start:row.end] == row.text
    rm = seeds.removed()
    assert set(rm.reason) >= {"teaser", "share_prompt", "caption", "credit", "syndication", "byline",
                              "dateline", "citation", "repeated_line", "page_chrome", "read_more"}
    assert seeds.errors().empty


def test_from_pandas_and_iteration():
    import pandas as pd
    df = pd.DataFrame({"doc_id": ["a", "b"], "text": ["First doc. Two sentences.", None],
                       "source": ["Wire", "Blog"]})
    c = pc.Corpus.from_pandas(df)
    # a missing text is an error row, not an empty document (readers.coerce_text)
    assert len(c) == 1 and [d.doc_id for d in c] == ["a"]
    assert c.errors()[["doc_id", "reason"]].values.tolist() == [["b", "missing_text"]]
    assert c["a"].n_sentences == 2
    assert c["a"].source == "Wire" and c["a"].extra["source"] == "Wire"


def test_repr_and_html_escape():
    doc = pc.parse("<b>bold</b> & <script>alert(1)</script> text. Second.", mode="text")
    assert "<script>" not in doc._repr_html_()
    assert "&lt;script&gt;" in doc._repr_html_()
    assert repr(doc).startswith("<Document None")
    c = pc.Corpus([doc])
    assert "<script>" not in c._repr_html_() and "1 documents" in repr(c)


def test_html_input():
    html = """<!doctype html><html><head><title>Site | Talks</title>
    <meta name="author" content="Jane Roe"><meta property="article:published_time" content="2024-09-27T10:00:00Z">
    <meta property="og:site_name" content="Caucasus Watch"><script>var x = "<p>no</p>";</script>
    <style>p{color:red}</style></head><body><nav><a href="/">Home</a> <a>World</a></nav>
    <article><h1>Talks resume in Washington</h1><p>Armenia and Azerbaijan met on Friday.
    Both sides &ldquo;made progress&rdquo; &amp; agreed to meet again.</p>
    <figure><img src="x.jpg"><figcaption>Ministers meet (Photo: AFP)</figcaption></figure>
    <h2>Next steps</h2><p>A new round is planned.<!-- comment --></p></article>
    <div class="share-buttons">Share on Facebook</div><footer>© 2024 Caucasus Watch</footer></body></html>"""
    doc = pc.parse(html)
    assert doc.is_html
    assert doc.title == "Talks resume in Washington"
    assert doc.author == "Jane Roe" and doc.source == "Caucasus Watch"
    assert doc.published == "2024-09-27T10:00:00+00:00"  # as precise as the page says
    # the headline is the title, not text: it goes to removed (reason "headline")
    assert [p.kind for p in doc.paragraphs] == ["body", "heading", "body"]
    assert [r.text for r in doc.removed if r.reason == "headline"] == ["Talks resume in Washington"]
    assert "Both sides “made progress” & agreed" in doc.text
    for junk in ["Home", "var x", "color:red", "Share on Facebook", "©", "Ministers meet", "comment"]:
        assert junk not in doc.text
    reasons = {r.reason for r in doc.removed}
    assert {"html_chrome", "caption"} <= reasons
    assert doc.html_meta["html_title"] == "Site | Talks"


def test_read_dir_skips_binary(tmp_path):
    (tmp_path / "a.txt").write_text("One article. With two sentences.", encoding="utf-8")
    (tmp_path / "b.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 10)
    (tmp_path / "c.bin").write_bytes(bytes(range(32)) * 100)
    (tmp_path / "d.txt").write_bytes("caf\xe9 cr\xe8me \xa3 5".encode("latin-1"))
    c = pc.read_dir(tmp_path)
    assert [d.doc_id for d in c] == ["a", "d"]
    assert c["d"].text == "café crème £ 5" and c["d"].extra["encoding"] == "cp1252"
    errs = c.errors()
    assert sorted(errs.doc_id) == ["b", "c"] and set(errs.reason) == {"binary"}
    assert all(errs.message.str.contains("binary"))
