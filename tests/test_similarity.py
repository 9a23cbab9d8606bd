"""Tests of peacecorpus.similarity (C engine: pc_shingle, pc_minhash, pc_tfidf, pc_align)."""
from __future__ import annotations

import itertools
import json
import math
import random
import threading
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from peacecorpus import similarity as sim
from peacecorpus._paths import eval_dir as find_eval_dir

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "data" / "seeds").glob("*.txt"))


def _eval_dir() -> Path:
    return find_eval_dir(ROOT)


@pytest.fixture(scope="module")
def seeds():
    ids = [p.name[:3] for p in SEEDS]
    texts = [p.read_text(encoding="utf-8") for p in SEEDS]
    assert len(ids) == 5
    return ids, texts


def _random_text(rng: random.Random, n: int, vocab: int = 5000) -> list:
    return [f"w{rng.randrange(vocab)}" for _ in range(n)]


# ---- tokens and shingles ----

def test_tokens_fold_case_accents_and_punctuation():
    assert sim.tokens("Naxçıvan NAXÇIVAN naxcivan") == ["naxcivan"] * 3
    assert sim.tokens("Azerbaijan’s co-chair: ﬁnal Café") == ["azerbaijan", "s", "co", "chair", "final", "cafe"]
    assert sim.tokens("") == []
    assert sim.tokens("... — !!") == []


def test_shingles_are_sorted_sets_and_short_texts_give_one():
    s = sim.shingles("a b c d e f g a b c d e", ngram=5)
    assert s.dtype == np.uint64
    assert len(s) == 7  # 8 windows, the last repeats the first
    assert all(int(x) < int(y) for x, y in zip(s[:-1], s[1:]))
    assert len(sim.shingles("only three words", ngram=5)) == 1
    assert len(sim.shingles("", ngram=5)) == 0
    # punctuation and case do not change shingles
    assert np.array_equal(sim.shingles("The Peace, treaty; TEXT was signed"),
                          sim.shingles("the peace treaty text was signed!"))


def test_jaccard_exact_values():
    assert sim.jaccard("a b c d", "a b c e", ngram=1) == pytest.approx(3 / 5)
    assert sim.jaccard("", "", ngram=3) == 0.0
    assert sim.jaccard("x y z", "x y z", ngram=5) == 1.0


# ---- MinHash ----

def test_minhash_estimate_within_three_standard_errors():
    rng = random.Random(7)
    k = 256
    for target_common in (0, 50, 150, 300, 380, 400):
        a = _random_text(rng, 400, vocab=10**9)
        b = a[:target_common] + _random_text(rng, 400 - target_common, vocab=10**9)
        ta, tb = " ".join(a), " ".join(b)
        exact = sim.jaccard(ta, tb, ngram=1)
        sig = sim.minhash_signatures([ta, tb], num_perm=k, ngram=1, seed=11)
        est = float(np.mean(sig[0] == sig[1]))
        se = math.sqrt(exact * (1 - exact) / k)
        assert abs(est - exact) <= 3 * se + 1.0 / k, (target_common, est, exact)


def test_minhash_signatures_shape_and_empty():
    sig = sim.minhash_signatures(["a b c d e f", "", "x"], num_perm=32)
    assert sig.shape == (3, 32) and sig.dtype == np.uint32
    assert np.all(sig[1] == 0xFFFFFFFF)
    with pytest.raises(ValueError):
        sim.minhash_signatures(["a"], num_perm=0)
    with pytest.raises(ValueError):
        sim.minhash_signatures(["a"], ngram=0)


def test_lsh_params_match_datasketch_choice():
    assert sim.lsh_params(0.8, 128) == (9, 13)
    assert sim.lsh_params(0.5, 128) == (25, 5)


# ---- near-duplicates ----

def test_lsh_finds_every_pair_above_threshold():
    rng = random.Random(3)
    docs = [_random_text(rng, 120) for _ in range(250)]
    truth_planted = []
    for i in range(40):  # light edits: J(5-gram) well above 0.8
        d = list(docs[i])
        d[rng.randrange(len(d))] = "edited"
        d.append("tail")
        docs.append(d)
        truth_planted.append((i, len(docs) - 1))
    texts = [" ".join(d) for d in docs]
    ids = [f"d{i:03d}" for i in range(len(texts))]
    sets = [set(sim.shingles(t).tolist()) for t in texts]
    truth = set()
    for i, j in itertools.combinations(range(len(texts)), 2):
        inter = len(sets[i] & sets[j])
        if inter and inter / len(sets[i] | sets[j]) >= 0.8:
            truth.add((ids[i], ids[j]))
    assert len(truth) == 40
    got = sim.near_duplicates(ids, texts, threshold=0.8)
    assert set(zip(got.doc_a, got.doc_b)) == truth
    assert (got.jaccard >= 0.8).all()
    assert list(got.columns) == ["doc_a", "doc_b", "jaccard_est", "jaccard"]
    assert (abs(got.jaccard_est - got.jaccard) < 0.2).all()


def test_near_duplicates_seeds_and_groups(seeds):
    ids, texts = seeds
    assert sim.near_duplicates(ids, texts).empty
    ids2 = ids + ["000copy", "000copy2"]
    texts2 = texts + [texts[0].upper() + "\nShare this article.", "“" + texts[0].replace("’", "'")]
    nd = sim.near_duplicates(ids2, texts2, threshold=0.8)
    assert set(zip(nd.doc_a, nd.doc_b)) == {("000", "000copy"), ("000", "000copy2"), ("000copy", "000copy2")}
    groups = sim.duplicate_groups(ids2, texts2, pairs=nd)
    assert groups.to_dict("list") == {"group": [0, 0, 0], "doc_id": ["000", "000copy", "000copy2"]}


def test_empty_and_one_word_texts():
    nd = sim.near_duplicates(["a", "b", "c"], ["", "", "peace"])
    assert nd.empty and list(nd.columns) == ["doc_a", "doc_b", "jaccard_est", "jaccard"]
    nd = sim.near_duplicates(["a", "b"], ["Peace", "peace!"])
    assert nd[["doc_a", "doc_b", "jaccard"]].values.tolist() == [["a", "b", 1.0]]
    assert sim.near_duplicates([], []).empty
    assert sim.similarity(["a", "b"], ["", ""]).empty
    assert sim.similarity(["a", "b"], ["", ""], method="minhash").empty
    assert sim.reuse([], []).empty
    assert len(sim.stories(["a", "b"], ["", ""])) == 2


def test_invalid_inputs_raise():
    with pytest.raises(TypeError):
        sim.near_duplicates(["a", "b"], ["x", 3])
    with pytest.raises(TypeError):
        sim.similarity(["a"], "a text")
    with pytest.raises(ValueError):
        sim.similarity(["a", "b"], ["x"])
    with pytest.raises(ValueError):
        sim.similarity(["a", "a"], ["x", "y"])
    with pytest.raises(ValueError):
        sim.similarity(["a", "b"], ["x", "y"], method="cosine")
    with pytest.raises(ValueError):
        sim.near_duplicates(["a", "b"], ["x", "y"], threshold=0)
    with pytest.raises(ValueError):
        sim.near_duplicates(["a", "b"], ["x", "y"], bands=3)
    with pytest.raises(TypeError):
        sim.shingles(b"bytes")


# ---- similarity ----

@pytest.mark.parametrize("method", ["tfidf", "minhash"])
def test_seed_rewrite_pair_is_most_similar(seeds, method):
    ids, texts = seeds
    df = sim.similarity(ids, texts, method=method)
    assert (df.doc_a.iloc[0], df.doc_b.iloc[0]) == ("000", "001")
    assert df.score.iloc[0] >= 1.3 * df.score.iloc[1]
    nd_top = sim.near_duplicates(ids, texts, threshold=0.05, ngram=3)
    assert (nd_top.doc_a.iloc[0], nd_top.doc_b.iloc[0]) == ("000", "001")


def _sklearn_check(texts):
    sk = pytest.importorskip("sklearn.feature_extraction.text")
    from sklearn.metrics.pairwise import cosine_similarity
    ids = [str(i) for i in range(len(texts))]
    vec = sk.TfidfVectorizer(analyzer=sim.tokens, sublinear_tf=True)
    ref = cosine_similarity(vec.fit_transform(texts))
    np.fill_diagonal(ref, 1.0)
    got = sim.as_matrix(sim.similarity(ids, texts, method="tfidf", top_k=None), ids).to_numpy()
    assert np.max(np.abs(got - ref)) < 1e-6
    # the exact matrix of a subset, and the bounded table's scores
    sub = [ids[i] for i in range(0, len(ids), 3)]
    m = sim.matrix(ids, texts, sub).to_numpy()
    keep = [int(i) for i in sub]
    want = ref[np.ix_(keep, keep)]
    empty = [not sim.tokens(texts[i]) for i in keep]
    want[np.ix_(empty, empty)] = 0.0
    assert np.max(np.abs(m - want)) < 1e-6
    top = sim.similarity(ids, texts, top_k=3)
    a, b = top["doc_a"].astype(int).to_numpy(), top["doc_b"].astype(int).to_numpy()
    assert np.allclose(top["score"].to_numpy(), ref[a, b], atol=1e-6, rtol=0)


def test_tfidf_equals_sklearn_on_seeds(seeds):
    _sklearn_check(seeds[1] + ["", "peace"])


def test_tfidf_equals_sklearn_on_bbc():
    path = _eval_dir() / "news" / "bbc_news.jsonl"
    if not path.exists():
        pytest.skip("evaluation data not available")
    with path.open(encoding="utf-8", errors="replace") as f:
        texts = [json.loads(line)["text"] for _, line in zip(range(300), f)]
    _sklearn_check(texts)


def test_as_matrix_and_neighbours(seeds):
    ids, texts = seeds
    df = sim.similarity(ids, texts)
    m = sim.as_matrix(df, ids)
    assert m.shape == (5, 5)
    assert np.allclose(m.to_numpy(), m.to_numpy().T)
    assert np.all(np.diag(m.to_numpy()) == 1.0)
    assert m.loc["001", "000"] == pytest.approx(df.score.iloc[0])
    nb = sim.neighbours(df, k=1)
    assert nb.set_index("doc_id").loc["000", "neighbour"] == "001"
    assert nb.set_index("doc_id").loc["001", "neighbour"] == "000"


def test_min_score_filters(seeds):
    ids, texts = seeds
    df = sim.similarity(ids, texts, min_score=0.4)
    assert df[["doc_a", "doc_b"]].values.tolist() == [["000", "001"]]


# ---- reuse ----

def _overlap(span, gold):
    lo, hi = max(span[0], gold[0]), min(span[1], gold[1])
    return max(0, hi - lo) / (gold[1] - gold[0])


def test_reuse_finds_gold_passages(seeds):
    ids, texts = seeds
    gold = json.loads((ROOT / "tests" / "gold" / "reuse_000_001.json").read_text(encoding="utf-8"))
    ta, tb = texts[ids.index(gold["doc_a"])], texts[ids.index(gold["doc_b"])]
    r = sim.reuse(ids, texts, min_words=8)
    r = r[(r.doc_a == "000") & (r.doc_b == "001")]
    assert list(sim.reuse(ids, texts).columns) == [
        "doc_a", "a_start", "a_end", "doc_b", "b_start", "b_end", "words", "identity"]
    for g in gold["passages"]:
        ga = (ta.index(g["a"]), ta.index(g["a"]) + len(g["a"]))
        gb = (tb.index(g["b"]), tb.index(g["b"]) + len(g["b"]))
        hit = [row for row in r.itertuples()
               if _overlap((row.a_start, row.a_end), ga) >= 0.8 and _overlap((row.b_start, row.b_end), gb) >= 0.8]
        assert hit, g
    # every passage is real shared text: its words agree on both sides in order
    for row in r.itertuples():
        wa = sim.tokens(ta[row.a_start:row.a_end])
        wb = sim.tokens(tb[row.b_start:row.b_end])
        assert row.words >= 8 and 0 < row.identity <= 1
        assert wa[:2] == wb[:2] and wa[-2:] == wb[-2:]
    # only the rewrite pair shares passages
    assert set(zip(sim.reuse(ids, texts).doc_a, sim.reuse(ids, texts).doc_b)) == {("000", "001")}


def test_reuse_offsets_are_code_points():
    a = "«Ильхам» — the two ministers agreed to continue work on the draft peace treaty next month."
    b = "Ərazi: officials said the two ministers agreed to continue work on the draft peace treaty, it said."
    r = sim.reuse(["a", "b"], [a, b], min_words=8)
    assert len(r) == 1
    assert a[r.a_start[0]:r.a_end[0]] == "the two ministers agreed to continue work on the draft peace treaty"
    assert b[r.b_start[0]:r.b_end[0]] == "the two ministers agreed to continue work on the draft peace treaty"
    assert r.words[0] == 12 and r.identity[0] == 1.0


# ---- stories ----

def test_stories_cluster_the_rewrite_pair(seeds):
    ids, texts = seeds
    st = sim.stories(ids, texts, threshold=0.4)
    assert list(st.columns) == ["story", "doc_id", "label"]
    by_doc = dict(zip(st.doc_id, st.story))
    assert by_doc["000"] == by_doc["001"] == 0
    assert len(set(by_doc.values())) == 4
    label = st.label[st.doc_id == "000"].iloc[0].split()
    assert 1 <= len(label) <= 4 and "the" not in label


# ---- threads ----

def test_threads_give_same_results(seeds):
    ids, texts = seeds
    ids = ids * 1
    big = [t * 3 for t in texts]  # above the GIL-release threshold
    expect = sim.similarity(ids, big)
    out = []

    def work():
        out.append(sim.similarity(ids, big))

    th = [threading.Thread(target=work) for _ in range(4)]
    for t in th:
        t.start()
    for t in th:
        t.join()
    for df in out:
        pd.testing.assert_frame_equal(df, expect)


def test_no_leak_in_repeated_calls(seeds):
    ids, texts = seeds

    def run():
        sim.similarity(ids, texts)
        sim.near_duplicates(ids, texts, threshold=0.05, ngram=2)
        sim.reuse(ids, texts)
        sim.minhash_signatures(texts)

    # bytes held from this file and the package only: sys.getallocatedblocks()
    # also counted the threads of a Dask cluster left by an earlier test
    from conftest import leaked_bytes
    assert leaked_bytes(run, 30, warmup=5) < 200 * 64


def test_compare_shows_shared_passages_side_by_side():
    import peacecorpus as pc
    from conftest import SEEDS as SEED_DIR
    view = pc.read_dir(SEED_DIR).compare("000_2d75c3c5078d4155", "001_1825ec11acb749a5")
    html = view._repr_html_()
    assert len(view.spans_a) == len(view.spans_b) >= 4 and view.words > 60
    assert html.count('<mark class="pc-reuse">') == len(view.spans_a) + len(view.spans_b)
    assert "Armenia has shown multiple times its sincere hope" in html
    assert "<script" not in html.lower() and "passages" in repr(view)
