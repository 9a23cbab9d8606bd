"""Quotation extraction and attribution (peacecorpus.quotes, _core.quotes)."""
import json
import re
import sys
import time
from pathlib import Path

import pytest

import peacecorpus as pc
from peacecorpus import _core
from peacecorpus.quotes import Quote, extract_quotes, quote_reuse, quotes_frame, quotes_html, same_speaker

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "data" / "seeds").glob("*.txt"))
GOLD = json.loads((ROOT / "tests" / "gold" / "seeds_quotes.json").read_text(encoding="utf-8"))
ENTS = json.loads((ROOT / "tests" / "gold" / "seeds_entities.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def docs():
    return {p.stem: pc.parse(p.read_text(encoding="utf-8"), p.stem) for p in SEEDS}


def gold_entities(doc):
    """Offsets of the gold entity mentions (whole-token match in their paragraph, in order)."""
    paras = doc.paragraphs
    out, pos = [], {}
    for e in ENTS[doc.doc_id]:
        para = paras[e["paragraph"]]
        start = pos.get(e["paragraph"], para.start)
        m = re.compile(r"(?<!\w)" + re.escape(e["text"]) + r"(?!\w)").search(doc.text, start, para.end)
        assert m, e
        out.append((m.start(), m.end(), e["text"], e["label"], e["canonical"], None))
        pos[e["paragraph"]] = m.end()
    return out


def score(docs, strict, entities=False):
    tp_r = n_gold = tp_p = n_sys = 0
    eq = (lambda a, b: a == b) if strict else same_speaker
    for doc_id, doc in docs.items():
        sys_q = [q for q in extract_quotes(doc, gold_entities(doc) if entities else None) if q.kind == "direct"]
        gold_q = [g for g in GOLD[doc_id] if g["kind"] == "direct"]
        by_text = {q.quote: q for q in sys_q}
        gold_by_text = {g["quote"]: g for g in gold_q}
        n_gold += len(gold_q)
        n_sys += len(sys_q)
        tp_r += sum(1 for g in gold_q if g["quote"] in by_text and eq(by_text[g["quote"]].speaker, g["speaker"]))
        tp_p += sum(1 for q in sys_q if q.quote in gold_by_text and eq(q.speaker, gold_by_text[q.quote]["speaker"]))
    return tp_p / n_sys, tp_r / n_gold


def test_seeds_direct_quotes_with_speaker(docs):
    # without entity mentions: spelling variants of one name count as that person
    p, r = score(docs, strict=False)
    assert p >= 0.95 and r >= 0.95, (p, r)


def test_seeds_direct_quotes_with_gold_entities(docs):
    # with entity mentions the canonical names are exact ("Mirzoian" -> "Ararat Mirzoyan")
    p, r = score(docs, strict=True, entities=True)
    assert p >= 0.95 and r >= 0.95, (p, r)


def test_seeds_every_marked_quote_found(docs):
    for doc_id, doc in docs.items():
        found = {q.quote for q in extract_quotes(doc, indirect=False)}
        gold = {g["quote"] for g in GOLD[doc_id] if g["kind"] != "indirect"}
        assert gold == found, doc_id


def test_surname_and_pronoun_resolution(docs):
    qs = extract_quotes(docs["004_a317817d0d739d21"], indirect=False)
    by = {q.quote[:30]: q for q in qs}
    q = by["Unfortunately, after this posi"]
    assert (q.speaker_mention, q.speaker) == ("Mirzoian", "Ararat Mirzoyan")  # the entity canonical
    q = by["They understand that bilateral"]
    assert (q.speaker_mention, q.speaker, q.cue) == ("he", "Benyamin Poghosian", "said")
    q = by["I really do think that that wa"]
    assert (q.speaker_mention, q.speaker) == ("the diplomat", "Western diplomat")
    q = by["Armenia and Azerbaijan are gro"]
    assert q.speaker == "Elchin Amirbayov" and q.cue == "told RFE/RL"
    assert q.speaker_role.startswith("Azerbaijan’s senior envoy")


def test_split_quote_two_quotes_one_speaker():
    doc = pc.parse("“They understand it,” he said. “But they don’t want it.”\n\nNo more.")
    qs = extract_quotes(doc)
    assert [(q.quote, q.kind, q.speaker_mention, q.cue) for q in qs] == [
        ("They understand it,", "direct", "he", "said"),
        ("But they don’t want it.", "direct", "he", "said"),
    ]


def test_nested_single_quotes_and_brackets():
    doc = pc.parse("“A decision was made: ‘OK, we [the government] accept it.'” said Anna Petrosyan, an analyst.")
    (q,) = extract_quotes(doc)
    assert q.quote == "A decision was made: ‘OK, we [the government] accept it.'"
    assert (q.speaker, q.cue, q.speaker_role) == ("Anna Petrosyan", "said", "an analyst")
    row = _core.quotes(doc.text)[0]
    assert row.flags & _core.QF_NESTED and row.flags & _core.QF_BRACKET
    assert _core.quotes(doc._core) == _core.quotes(doc.text)   # a Doc: its own segmentation


def test_multi_paragraph_quote():
    doc = pc.parse('Mr Blair said: "We will win this election.\n\n"And then we will govern."\n\nThe end.')
    qs = extract_quotes(doc)
    assert [q.quote for q in qs] == ["We will win this election.", "And then we will govern."]
    assert qs[0].end == doc.text.index("\n")
    assert [q.speaker for q in qs] == ["Mr Blair", "Mr Blair"]
    rows = _core.quotes(doc._core)
    assert rows[0].flags & _core.QF_UNCLOSED and rows[1].flags & _core.QF_PARA_CONT and rows[1].cont == 0


def test_kinds_partial_scare_indirect():
    doc = pc.parse("Critics call it “ethnic cleansing” in private. Leyla Abdullayeva said the issues "
                   "“cannot be swept under the rug.” According to Tom Sullivan, only a few issues remain.")
    qs = extract_quotes(doc)
    assert [(q.kind, q.speaker) for q in qs] == [
        ("scare", None), ("partial", "Leyla Abdullayeva"), ("indirect", "Tom Sullivan")]
    assert qs[2].quote == "only a few issues remain" and qs[2].cue == "According to"


def test_entities_give_canonical_names():
    text = "“We are ready,” Mirzoian said."
    doc = pc.parse(text)
    ents = [{"start": text.index("Mirzoian"), "end": text.index("Mirzoian") + 8, "text": "Mirzoian",
             "label": "PERSON", "canonical": "Ararat Mirzoyan", "role": "Foreign Minister"}]
    (q,) = extract_quotes(doc, ents)
    assert (q.speaker, q.speaker_mention, q.speaker_role) == ("Ararat Mirzoyan", "Mirzoian", "Foreign Minister")
    (q,) = extract_quotes(doc, [(ents[0]["start"], ents[0]["end"], "Mirzoian", "PERSON", "Ararat Mirzoyan", None)])
    assert q.speaker == "Ararat Mirzoyan"


def test_offsets_index_the_cleaned_text(docs):
    for doc in docs.values():
        for q in extract_quotes(doc):
            assert doc.text[q.start:q.end] == q.quote
            if q.cue is not None:
                assert q.cue_start >= 0 and doc.text[q.cue_start:q.cue_end].replace("\u00a0", " ") == q.cue


def test_frame_reuse_and_html(docs):
    corpus = pc.Corpus(list(docs.values()))
    df = quotes_frame(corpus)
    for col in ["doc_id", "start", "end", "quote", "kind", "speaker", "speaker_mention", "speaker_role", "cue"]:
        assert col in df.columns
    assert len(df) == sum(len(extract_quotes(d)) for d in docs.values())
    reuse = quote_reuse(corpus)
    tol = reuse[reuse.quote.str.startswith("Armenia has shown multiple times")]
    assert sorted(tol.doc_id) == ["000_2d75c3c5078d4155", "001_1825ec11acb749a5"]
    assert tol.group.nunique() == 1
    assert tol[tol.is_longest].doc_id.tolist() == ["001_1825ec11acb749a5"]
    assert tol[tol.is_earliest].doc_id.tolist() == ["000_2d75c3c5078d4155"]
    html = quotes_html([Quote(0, 3, "<b>", "direct", "A & B", "A", None, "said", 0, 0)])
    assert "&lt;b&gt;" in html and "A &amp; B" in html and "<b>A" in html


def _pathological_quotes():
    return (_core.quotes('"' * 1_000_000), _core.quotes('"a ' * 300_000),
            _core.quotes("“" * 200_000 + "”" * 200_000))


def test_pathological_input():
    rows, rows2, rows3 = _pathological_quotes()
    assert rows == [] and len(rows2) > 1000 and len(rows3) <= 1


@pytest.mark.timing
def test_pathological_input_is_linear():
    t0 = time.process_time()  # CPU time: a busy neighbour does not count
    _pathological_quotes()
    assert time.process_time() - t0 < 5.0


def _traced_lines(fn, *args):
    """Python lines executed by fn(*args): a deterministic cost measure
    (no clock), as C work is counted by _core.quotes(with_work=True)."""
    count = [0]

    def local(frame, event, arg):
        if event == "line":
            count[0] += 1
        return local

    def glob(frame, event, arg):
        return local

    sys.settrace(glob)
    try:
        fn(*args)
    finally:
        sys.settrace(None)
    return count[0]


@pytest.mark.parametrize("unit", [
    None,  # a real article (seed 004), repeated
    '"',
    '"a ',
    "\u201c" * 3 + "a said X, ",
    "The firm said profits had risen. Sales fell, the bank said, and ",
    "said said that that he she it ",
])
def test_work_doubles_with_the_input(unit):
    """Issue #16: every quote path is linear -- twice the text costs about
    twice the work, in C (counted token visits) and in Python (lines run)."""
    if unit is None:
        # every copy distinct: the cleaner drops repeated lines
        article = SEEDS[4].read_text(encoding="utf-8").splitlines()

        def text(k):
            return "\n\n".join(f"Part {i} {j}. {line}" for i in range(k) for j, line in enumerate(article)
                               if line.strip())
    else:
        def text(k):
            return unit * (400 * k)
    extract_quotes(pc.parse(text(1)))  # warm the caches
    work = []
    for k in (4, 8):
        doc = pc.parse(text(k))
        ents = doc.entities  # the entity extractor is not measured here
        c_work = _core.quotes(doc._core, reported=True, with_work=True)[1]
        py_work = _traced_lines(extract_quotes, doc, ents)
        work.append((c_work, py_work))
    (c1, p1), (c2, p2) = work
    assert c2 <= 2.2 * c1, (c1, c2)
    assert p2 <= 2.2 * p1, (p1, p2)


def test_bad_arguments():
    with pytest.raises(TypeError):
        _core.quotes(b"bytes")
    with pytest.raises(TypeError):
        _core.quotes("abc", b"\x00" * 5)
    assert _core.quotes("") == []


def test_threads_give_the_same_rows(docs):
    from concurrent.futures import ThreadPoolExecutor

    text = "\n\n".join(d.text for d in docs.values()) * 3  # > PCPY_NOGIL_BYTES: GIL released
    expected = _core.quotes(text)
    with ThreadPoolExecutor(4) as ex:
        results = list(ex.map(lambda _: _core.quotes(text), range(8)))
    assert all(r == expected for r in results) and len(expected) > 100
