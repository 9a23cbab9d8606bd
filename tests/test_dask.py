"""peacecorpus.dask on a real distributed.LocalCluster (2 worker processes) against
the single-machine Corpus API: the same rows must give the same tables, pairs,
groups and neighbours."""
from __future__ import annotations

import importlib.util
import random

import numpy as np
import pandas as pd
import pytest

pytest.importorskip("dask.distributed")
pytest.importorskip("pyarrow")
pytest.importorskip("scipy")
import dask  # noqa: E402
import dask.dataframe as dd  # noqa: E402

import peacecorpus as pc  # noqa: E402
from peacecorpus import dask as pcd  # noqa: E402
from peacecorpus import tables  # noqa: E402
from peacecorpus import similarity as sim  # noqa: E402

from conftest import ROOT, SEEDS, eval_dir  # noqa: E402


def _gen_module():
    spec = importlib.util.spec_from_file_location("gen_neardup", ROOT / "bench" / "gen_neardup.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _norm(df: pd.DataFrame) -> pd.DataFrame:
    """Dask stores strings as Arrow strings (missing = <NA>); the Corpus as objects (None)."""
    df = df.reset_index(drop=True).copy()
    for c in df.columns:
        s = df[c]
        if isinstance(s.dtype, pd.CategoricalDtype) or not (
                pd.api.types.is_numeric_dtype(s) or pd.api.types.is_bool_dtype(s)):
            df[c] = s.astype(object).where(s.notna(), None)
    return df


@pytest.fixture(scope="session")
def seed_frame() -> pd.DataFrame:
    texts = {p.stem: p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))}
    ids, txt = list(texts), list(texts.values())
    # two near-duplicates and two empty texts (which never pair)
    ids += ["dup0", "dup1", "empty", "empty2"]
    txt += [txt[0].replace(" the ", " a ", 1), txt[3] + "\n\nShare this article on social media.", "", ""]
    return pd.DataFrame({"doc_id": ids, "text": txt, "source": ["wire"] * 3 + [None] * (len(ids) - 3)})


@pytest.fixture(scope="session")
def synth_frame() -> pd.DataFrame:
    """300 documents with near-duplicate families, sentences drawn from the seeds
    (random pairs share sentences too, so there are many LSH candidates to verify)."""
    gen = _gen_module()
    pool = []
    for p in sorted(SEEDS.glob("*.txt")):
        for para in p.read_text(encoding="utf-8").split("\n\n"):
            pool += [s.strip() for s in gen._SENT.split(para.strip()) if len(s.split()) >= 6]
    docs, _ = gen.generate(300, 7, 0.3, 0.1, pool)
    return pd.DataFrame({"doc_id": [d["id"] for d in docs], "text": [d["text"] for d in docs]})


def _pairs_sorted(df: pd.DataFrame) -> pd.DataFrame:
    df = _norm(df)
    return df.sort_values(["doc_a", "doc_b"], kind="mergesort").reset_index(drop=True)


def test_extract_matches_corpus(client, seed_frame):
    ddf = dd.from_pandas(seed_frame, npartitions=3)
    # max_bytes makes the longest seed (16 kB) an error row: errors must match too
    out = pcd.extract(ddf, max_bytes=12000)
    assert list(out) == tables.names(tables.DOCUMENT, public=True)
    assert {"documents", "sentences", "tokens", "errors", "mentions", "quotes_raw"} <= set(out)
    corpus = pc.Corpus.from_pandas(seed_frame, max_bytes=12000)
    computed = dask.compute(*out.values())
    for name, got in zip(out, computed):
        # the same values and the same dtypes (the registry's) as the Corpus
        pd.testing.assert_frame_equal(got.reset_index(drop=True), corpus.table(name), obj=name)
    docs = dict(zip(out, computed))["documents"]
    assert len(docs) == len(seed_frame) - 1
    errors = dict(zip(out, computed))["errors"]
    assert errors["doc_id"].tolist() == ["004_a317817d0d739d21"]
    assert errors["reason"].tolist() == ["too_large"]


def test_extract_selected_tables_and_persist(client, seed_frame):
    ddf = dd.from_pandas(seed_frame, npartitions=2)
    out = pcd.extract(ddf, tables=["sentences"], persist=True)
    assert list(out) == ["sentences"]
    assert len(out["sentences"].compute()) == len(pc.Corpus.from_pandas(seed_frame).sentences())
    with pytest.raises(ValueError, match="unknown tables"):
        pcd.extract(ddf, tables=["nope"])
    with pytest.raises(ValueError, match="corpus tables .* use to_corpus"):
        pcd.extract(ddf, tables=["entities"])
    with pytest.raises(KeyError):
        pcd.extract(ddf, text="body")


@pytest.mark.parametrize("threshold", [0.5, 0.8])
def test_near_duplicates_match_seeds(client, seed_frame, threshold):
    ddf = dd.from_pandas(seed_frame, npartitions=3)
    got = _pairs_sorted(pcd.near_duplicates(ddf, threshold).compute())
    want = _pairs_sorted(pc.Corpus.from_pandas(seed_frame).near_duplicates(threshold))
    assert len(want) == 2
    pd.testing.assert_frame_equal(got, want, check_exact=True)
    assert "empty" not in set(got["doc_a"]) | set(got["doc_b"])


@pytest.mark.slow  # ~15-30 s of P2P shuffles on a 2-process LocalCluster
def test_near_duplicates_and_groups_match_synthetic(client, synth_frame):
    ddf = dd.from_pandas(synth_frame, npartitions=4)
    corpus = pc.Corpus.from_pandas(synth_frame)
    got = _pairs_sorted(pcd.near_duplicates(ddf, 0.8).compute())
    want = _pairs_sorted(corpus.near_duplicates(0.8))
    assert len(want) > 20
    pd.testing.assert_frame_equal(got, want, check_exact=True)
    # explicit banding goes through the same path
    got2 = _pairs_sorted(pcd.near_duplicates(ddf, 0.6, bands=20, rows=5).compute())
    want2 = _pairs_sorted(sim.near_duplicates(corpus.doc_ids, corpus.texts(), 0.6, bands=20, rows=5))
    pd.testing.assert_frame_equal(got2, want2, check_exact=True)

    groups = _norm(pcd.duplicate_groups(ddf, 0.8).compute())
    want_g = _norm(corpus.duplicate_groups(0.8))
    order = {d: i for i, d in enumerate(corpus.doc_ids)}
    groups = groups.assign(pos=groups["doc_id"].map(order)).sort_values(["group", "pos"]).drop(columns="pos")
    pd.testing.assert_frame_equal(groups.reset_index(drop=True), want_g, check_dtype=False)


@pytest.mark.slow  # several rounds of label propagation across 5 partitions: ~15-25 s
def test_duplicate_groups_chain(client):
    """A chain a~b~c~d across partitions (a and d are not near-duplicates):
    one group, found by several rounds of label propagation."""
    rng = random.Random(3)
    words = [f"w{i}" for i in range(400)]
    base = [rng.choice(words) for _ in range(300)]
    docs = []
    for k in range(4):
        w = list(base)
        w[k * 60: k * 60 + 8] = [f"edit{k}_{i}" for i in range(8)] if k else w[0:8]
        docs.append(" ".join(w[k * 12:]) + ".")
    other = " ".join(rng.choice(words) for _ in range(200)) + "."
    frame = pd.DataFrame({"doc_id": ["d3", "x", "d1", "d0", "d2"],
                          "text": [docs[3], other, docs[1], docs[0], docs[2]]})
    corpus = pc.Corpus.from_pandas(frame)
    want = _norm(corpus.duplicate_groups(0.75))
    pairs = corpus.near_duplicates(0.75)
    assert len(want) == 4 and len(pairs) < 6   # a chain, not a clique
    ddf = dd.from_pandas(frame, npartitions=5)
    got = _norm(pcd.duplicate_groups(ddf, 0.75).compute())
    with pytest.raises(RuntimeError, match="did not converge"):   # the chain needs several rounds
        pcd.duplicate_groups(ddf, 0.75, max_iter=1)
    order = {d: i for i, d in enumerate(corpus.doc_ids)}
    got = got.assign(pos=got["doc_id"].map(order)).sort_values(["group", "pos"]).drop(columns="pos")
    pd.testing.assert_frame_equal(got.reset_index(drop=True), want, check_dtype=False)


@pytest.mark.parametrize("k", [1, 3])
def test_similarity_topk_matches_neighbours(client, synth_frame, seed_frame, k):
    for frame, nparts in ((seed_frame, 3), (synth_frame.iloc[:120], 3)):
        corpus = pc.Corpus.from_pandas(frame)
        want = sim.neighbours(corpus.similarity("tfidf"), k)
        want = _norm(want).sort_values(["doc_id", "rank"]).reset_index(drop=True)
        got = _norm(pcd.similarity_topk(dd.from_pandas(frame, npartitions=nparts), k).compute())
        got = got.sort_values(["doc_id", "rank"]).reset_index(drop=True)
        assert len(got) == len(want) > 0
        assert (got["doc_id"] == want["doc_id"]).all()
        np.testing.assert_allclose(got["score"], want["score"], rtol=0, atol=1e-9)
        # neighbours agree except where two scores tie to rounding
        diff = got["neighbour"] != want["neighbour"]
        assert (np.abs(got["score"] - want["score"])[diff] < 1e-9).all()


def test_parquet_round_trip(client, seed_frame, tmp_path):
    frame = seed_frame.assign(published=["2023-08-30", "2023-08-31T10:00:00Z", None, "not a date", None,
                                         None, "2023-08-30", "2024-01-02", None])
    docs = pcd.extract(dd.from_pandas(frame, npartitions=2), tables=["documents"])["documents"]
    pcd.to_parquet(docs, str(tmp_path / "documents"))
    days = sorted(p.name for p in (tmp_path / "documents").iterdir() if p.is_dir())
    assert "day=2023-08-30" in days and "day=unknown" in days
    assert (tmp_path / "documents" / "day=2023-08-30" / "source=wire").is_dir()
    back = pcd.read_parquet(str(tmp_path / "documents")).compute()
    want = pcd.add_partition_columns(docs).compute()
    key = ["doc_id"]
    back = _norm(back.sort_values(key))[list(want.columns)]
    want = _norm(want.sort_values(key))
    pd.testing.assert_frame_equal(back, want, check_dtype=False)
    assert back.set_index("doc_id").loc["001_1825ec11acb749a5", "day"] in ("2023-08-31", "unknown")


@pytest.mark.slow
def test_near_duplicates_identical_on_10k(client):
    news = eval_dir() / "news" / "bbc_news.jsonl"
    if not news.exists():
        pytest.skip(f"evaluation data not found at {news}")
    gen = _gen_module()
    docs, _ = gen.generate(10000, 1, 0.3, 0.1, gen.load_sentences(news))
    frame = pd.DataFrame({"doc_id": [d["id"] for d in docs], "text": [d["text"] for d in docs]})
    corpus = pc.Corpus.from_pandas(frame)
    want = _pairs_sorted(corpus.near_duplicates(0.8))
    ddf = dd.from_pandas(frame, npartitions=8)
    got = _pairs_sorted(pcd.near_duplicates(ddf, 0.8).compute())
    assert len(want) > 1000
    pd.testing.assert_frame_equal(got, want, check_exact=True)
    groups = _norm(pcd.duplicate_groups(ddf, 0.8).compute())
    order = {d: i for i, d in enumerate(corpus.doc_ids)}
    groups = groups.assign(pos=groups["doc_id"].map(order)).sort_values(["group", "pos"]).drop(columns="pos")
    pd.testing.assert_frame_equal(groups.reset_index(drop=True), _norm(corpus.duplicate_groups(0.8)),
                                  check_dtype=False)
