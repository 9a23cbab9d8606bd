"""The Corpus calls on Dask: the same tables and similarity results, past one machine.

Needs dask: ``pip install 'dask[dataframe]' distributed scipy``, or from a
peacecorpus checkout the ``[dask]`` extra, ``pip install '.[dask]'``.  Every function takes a Dask DataFrame of raw articles
(a text column, an id column, optional ``title``/``source``/``published``...)
and returns lazy Dask DataFrames.  Each partition is parsed by the same C
engine as :class:`peacecorpus.Corpus` (``Corpus.from_pandas``), so the
document tables of the registry (:mod:`peacecorpus.tables`) equal the
single-machine API on the same rows; :func:`to_corpus` gathers them and
computes the corpus tables (canonical names, speakers, similarity ...) from
them as a Corpus in memory or a store would: the same answer on every route
(tests/test_parity.py).  :func:`near_duplicates`, :func:`duplicate_groups`
and :func:`similarity_topk` compute those corpus tables on the cluster
without gathering the texts.

Note: Dask turns object columns into strings when it builds a frame
(``dataframe.convert-string``), so ``None`` stays missing but the number
``12345`` arrives as the text ``"12345"``; set that option to False when
building the frame to keep such values as they are (then they become the
same error rows as in ``Corpus.from_pandas``).

Example:
    >>> import dask.dataframe as dd, pandas as pd
    >>> from distributed import Client, LocalCluster          # doctest: +SKIP
    >>> client = Client(LocalCluster(n_workers=2))            # doctest: +SKIP
    >>> ddf = dd.from_pandas(pd.DataFrame({"doc_id": ["a", "b"],
    ...                                    "text": ["Talks resumed.", "Talks resumed."]}), npartitions=2)
    >>> from peacecorpus import dask as pcd
    >>> tables = pcd.extract(ddf)                             # doctest: +SKIP
    >>> tables["documents"].compute()[["doc_id", "n_sentences"]]   # doctest: +SKIP

Ordering: results are sets of rows; sort them (as the tests do) when the
order matters.  A document's global position is ``partition << 32 | row``,
which orders documents exactly as ``ddf.compute()`` does, so pairs are
oriented (``doc_a`` before ``doc_b``) and groups numbered as in the Corpus.
"""
from __future__ import annotations

from typing import Any, Dict, List, Optional, Sequence, Tuple

import numpy as np
import pandas as pd

try:
    import dask
    import dask.dataframe as dd
    from dask import delayed
    import pyarrow as pa
except ImportError as exc:  # pragma: no cover - depends on the environment
    raise ImportError("peacecorpus.dask needs dask: pip install 'dask[dataframe]' distributed scipy "
                      "(from a peacecorpus checkout: pip install '.[dask]')") from exc

from . import similarity as _sim
from . import tables as _tables
from .corpus import Corpus

__all__ = ["extract", "to_corpus", "near_duplicates", "duplicate_groups", "similarity_topk",
           "to_parquet", "read_parquet", "add_partition_columns"]


def _parse(pdf: pd.DataFrame, text: str, id: Optional[str], kwargs: Dict[str, Any]) -> Corpus:
    return Corpus.from_pandas(pdf, text=text, id=id, n_jobs=1, **kwargs)


def _table(corpus: Corpus, name: str) -> pd.DataFrame:
    return corpus.table(name)


def _corpora(ddf: "dd.DataFrame", text: str, id: Optional[str], kwargs: Dict[str, Any]) -> List[Any]:
    if text not in ddf.columns:
        raise KeyError(f"no column {text!r} in the DataFrame")
    if id is not None and id not in ddf.columns:
        raise KeyError(f"no id column {id!r} in the DataFrame (columns: {list(ddf.columns)})")
    return [delayed(_parse, pure=True)(part, text, id, kwargs) for part in ddf.to_delayed()]


def extract(ddf: "dd.DataFrame", text: str = "text", id: Optional[str] = "doc_id",
            tables: Optional[Sequence[str]] = None, persist: bool = False,
            **parse_kwargs: Any) -> Dict[str, "dd.DataFrame"]:
    """The document tables of the registry (:mod:`peacecorpus.tables`) as
    Dask DataFrames, one parse per partition.

    ``tables`` limits the output to some document tables (default: every
    public one).  The tables share one parse per partition: compute them
    together (``dask.compute(*out.values())``) or pass ``persist=True`` to
    keep the parsed partitions in the workers' memory.  ``parse_kwargs`` go
    to ``Corpus.from_pandas`` (``max_bytes``, ``keep_boilerplate``).  Corpus
    tables (canonical names, speakers, similarity ...) need every
    document's rows: :func:`to_corpus` gathers them.

    Example:
        >>> out = extract(ddf)                                   # doctest: +SKIP
        >>> out["sentences"].compute().head()                    # doctest: +SKIP
    """
    doc_tables = _tables.names(_tables.DOCUMENT)
    names = _tables.names(_tables.DOCUMENT, public=True) if tables is None else list(tables)
    corpus_scope = [n for n in names if n in _tables.REGISTRY and n not in doc_tables]
    if corpus_scope:
        raise ValueError(f"{corpus_scope} are corpus tables (they need all documents): use to_corpus(ddf)")
    unknown = [n for n in names if n not in doc_tables]
    if unknown:
        raise ValueError(f"unknown tables {unknown}; document tables: {doc_tables}")
    corpora = _corpora(ddf, text, id, parse_kwargs)
    if persist:
        corpora = list(dask.persist(*corpora))
    out: Dict[str, dd.DataFrame] = {}
    for name in names:
        parts = [delayed(_table, pure=True)(c, name) for c in corpora]
        out[name] = dd.from_delayed(parts, meta=_tables.empty(name), verify_meta=False)
    return out


def to_corpus(ddf: "dd.DataFrame", text: str = "text", id: Optional[str] = "doc_id",
              **parse_kwargs: Any) -> Corpus:
    """A :class:`~peacecorpus.Corpus` whose stored document tables were
    computed on the cluster (one parse per partition) and gathered here; its
    corpus tables are then computed from them exactly as in memory or in the
    store, so they are the same (tests/test_parity.py).  Documents are
    re-materialised from the gathered rows when asked for.

    Example:
        >>> corpus = to_corpus(ddf)                              # doctest: +SKIP
        >>> corpus.quotes()                                      # doctest: +SKIP
    """
    names = _tables.names(_tables.DOCUMENT, stored=True)
    out = extract(ddf, text, id, tables=names, **parse_kwargs)
    computed = dask.compute(*out.values())
    return Corpus(tables=dict(zip(names, computed)))


# -- near-duplicates -------------------------------------------------------------
# raw bytes (signatures, shingle sets) travel as Arrow binary: object columns
# would be converted to strings by Dask
_BINARY = pd.ArrowDtype(pa.binary())
_M1 = np.uint64(0x9E3779B97F4A7C15)
_M2 = np.uint64(0xBF58476D1CE4E5B9)


def _band_keys(sig: np.ndarray, bands: int, rows: int) -> np.ndarray:
    """64-bit key of each (document, band): a multiply-xorshift hash of the
    band's ``rows`` values and the band number (shape ndocs x bands).  Equal
    bands give equal keys; unequal bands collide with probability 2^-64 and
    then only add a candidate that verification checks."""
    n = sig.shape[0]
    out = np.empty((n, bands), dtype=np.uint64)
    with np.errstate(over="ignore"):
        for b in range(bands):
            h = np.full(n, np.uint64(b + 1) * _M1, dtype=np.uint64)
            for r in range(rows):
                h ^= sig[:, b * rows + r].astype(np.uint64)
                h *= _M2
                h ^= h >> np.uint64(31)
            out[:, b] = h
    return out


def _sketch(corpus: Corpus, part: int, num_perm: int, ngram: int, seed: int, bands: int,
            rows: int) -> Tuple[pd.DataFrame, pd.DataFrame]:
    """Band keys and verification data (signature, shingle set) of one partition."""
    from . import _core
    ids = corpus.doc_ids
    texts = corpus.texts()
    n = len(ids)
    ords = (np.int64(part) << np.int64(32)) + np.arange(n, dtype=np.int64)
    if n:
        raw, nsh = _core.sim_signatures(texts, num_perm, ngram, seed)
        sig = np.frombuffer(raw, dtype=np.uint32).reshape(-1, num_perm)
        keep = np.frombuffer(nsh, dtype=np.uintp) > 0   # empty documents never match
    else:
        sig = np.zeros((0, num_perm), dtype=np.uint32)
        keep = np.zeros(0, dtype=bool)
    keys = _band_keys(sig[keep], bands, rows)
    kept = ords[keep]
    band_df = pd.DataFrame({"bkey": keys.ravel(), "ord": np.repeat(kept, bands)})
    sketch = pd.DataFrame({
        "ord": kept,
        "doc_id": pd.Series([ids[i] for i in np.flatnonzero(keep)], dtype=object),
        "sig": pd.Series([sig[i].tobytes() for i in np.flatnonzero(keep)], dtype=_BINARY),
        # shingle sets are built after the join, only for documents in a candidate pair
        "text": pd.Series([texts[i] for i in np.flatnonzero(keep)], dtype=object),
    })
    return band_df, sketch


def _bucket_pairs(df: pd.DataFrame) -> pd.DataFrame:
    """All pairs (a < b) of documents that share a band key, within one shuffled partition."""
    cols = {"a": np.zeros(0, np.int64), "b": np.zeros(0, np.int64)}
    if len(df) < 2:
        return pd.DataFrame(cols)
    df = df.sort_values(["bkey", "ord"], kind="mergesort")
    key = df["bkey"].to_numpy()
    ord_ = df["ord"].to_numpy()
    starts = np.flatnonzero(np.r_[True, key[1:] != key[:-1]])
    sizes = np.diff(np.r_[starts, len(key)])
    # most buckets hold two documents: those pairs in one vector step
    two = starts[sizes == 2]
    a: List[np.ndarray] = [ord_[two]]
    b: List[np.ndarray] = [ord_[two + 1]]
    for s, g in zip(starts[sizes > 2], sizes[sizes > 2]):
        members = np.unique(ord_[s:s + g])
        i, j = np.triu_indices(len(members), k=1)
        a.append(members[i])
        b.append(members[j])
    out = pd.DataFrame({"a": np.concatenate(a), "b": np.concatenate(b)})
    # a < b always (sorted by position within a bucket); equal only on a 2^-64 key collision
    out = out[out["a"] < out["b"]]
    return out.drop_duplicates(ignore_index=True)


def _verify(df: pd.DataFrame, num_perm: int, ngram: int, seed: int, threshold: float) -> pd.DataFrame:
    """Exact Jaccard of candidate pairs whose two sketches were joined in."""
    jac = np.empty(len(df))
    est = np.empty(len(df))
    cache: Dict[int, np.ndarray] = {}

    def sh(o: int, text: str) -> np.ndarray:
        if o not in cache:
            cache[o] = _sim.shingles(str(text), ngram, seed)
        return cache[o]

    for k, (oa, ob, ta, tb, ga, gb) in enumerate(zip(df["a"], df["b"], df["text_a"], df["text_b"],
                                                      df["sig_a"], df["sig_b"])):
        x = sh(oa, ta)
        y = sh(ob, tb)
        union = len(x) + len(y)
        inter = len(np.intersect1d(x, y, assume_unique=True))
        jac[k] = inter / (union - inter) if union else 0.0
        est[k] = np.count_nonzero(np.frombuffer(ga, np.uint32) == np.frombuffer(gb, np.uint32)) / num_perm
    out = pd.DataFrame({"doc_a": df["doc_id_a"].astype(object).to_numpy(),
                        "doc_b": df["doc_id_b"].astype(object).to_numpy(),
                        "jaccard_est": est, "jaccard": jac,
                        "a": df["a"].to_numpy(np.int64), "b": df["b"].to_numpy(np.int64)})
    return out[out["jaccard"] >= threshold].reset_index(drop=True)


_PAIR_META = pd.DataFrame({"doc_a": pd.Series([], dtype=object), "doc_b": pd.Series([], dtype=object),
                           "jaccard_est": pd.Series([], dtype=float), "jaccard": pd.Series([], dtype=float),
                           "a": pd.Series([], dtype=np.int64), "b": pd.Series([], dtype=np.int64)})


def _neardup_ords(ddf: "dd.DataFrame", threshold: float, num_perm: int, ngram: int, seed: int,
                  bands: Optional[int], rows: Optional[int], text: str, id: str,
                  parse_kwargs: Dict[str, Any]) -> "dd.DataFrame":
    if (bands is None) != (rows is None):
        raise ValueError("give both bands and rows, or neither")
    if bands is None:
        bands, rows = _sim.lsh_params(threshold, num_perm, wfp=0.05, wfn=0.95)
    corpora = _corpora(ddf, text, id, parse_kwargs)
    nparts = max(len(corpora), 1)
    sketches = [delayed(_sketch, pure=True, nout=2)(c, p, num_perm, ngram, seed, bands, rows)
                for p, c in enumerate(corpora)]
    band_meta = pd.DataFrame({"bkey": pd.Series([], dtype=np.uint64), "ord": pd.Series([], dtype=np.int64)})
    sk_meta = pd.DataFrame({"ord": pd.Series([], dtype=np.int64), "doc_id": pd.Series([], dtype=object),
                            "sig": pd.Series([], dtype=_BINARY), "text": pd.Series([], dtype=object)})
    band_dd = dd.from_delayed([s[0] for s in sketches], meta=band_meta, verify_meta=False)
    sk_dd = dd.from_delayed([s[1] for s in sketches], meta=sk_meta, verify_meta=False)
    # (band, bucket) keys meet in one partition through the shuffle
    buckets = band_dd.shuffle(on="bkey", npartitions=nparts)
    pair_meta = pd.DataFrame({"a": pd.Series([], dtype=np.int64), "b": pd.Series([], dtype=np.int64)})
    cand = buckets.map_partitions(_bucket_pairs, meta=pair_meta)
    cand = cand.drop_duplicates(split_out=nparts)
    # Only documents in some candidate pair go through the joins: the positions
    # of candidate documents (8 bytes each, a small reduction over the pairs,
    # never the corpus) filter each sketch partition in place.
    needed = delayed(_needed_ords)(cand.to_delayed())
    sk_dd = sk_dd.map_partitions(_keep_ords, needed, meta=sk_meta)
    # each pair meets the sketches of its two documents through two shuffled joins
    left = sk_dd.rename(columns={"ord": "a", "doc_id": "doc_id_a", "sig": "sig_a", "text": "text_a"})
    right = sk_dd.rename(columns={"ord": "b", "doc_id": "doc_id_b", "sig": "sig_b", "text": "text_b"})
    joined = cand.merge(left, on="a", how="inner", npartitions=nparts)
    joined = joined.merge(right, on="b", how="inner", npartitions=nparts)
    return joined.map_partitions(_verify, num_perm, ngram, seed, threshold, meta=_PAIR_META)


def _needed_ords(parts: List[pd.DataFrame]) -> np.ndarray:
    arrays = [np.concatenate([p["a"].to_numpy(np.int64), p["b"].to_numpy(np.int64)]) for p in parts]
    return np.unique(np.concatenate(arrays)) if arrays else np.zeros(0, np.int64)


def _keep_ords(df: pd.DataFrame, needed: np.ndarray) -> pd.DataFrame:
    return df[np.isin(df["ord"].to_numpy(np.int64), needed)]


def near_duplicates(ddf: "dd.DataFrame", threshold: float = 0.8, num_perm: int = 128, ngram: int = 5,
                    seed: int = 1, bands: Optional[int] = None, rows: Optional[int] = None,
                    text: str = "text", id: str = "doc_id", **parse_kwargs: Any) -> "dd.DataFrame":
    """Near-duplicate pairs, as ``Corpus.near_duplicates`` on the same rows.

    MinHash signatures and shingle sets are computed per partition (C engine);
    the (band, bucket) keys are shuffled so equal bands meet; candidate pairs
    are joined with their two documents' sketches through the shuffle and
    verified with the exact Jaccard.  Columns: ``doc_a, doc_b, jaccard_est,
    jaccard`` (``doc_a`` comes first in the input order); sort the computed
    result by ``jaccard`` descending for the Corpus order.

    Example:
        >>> pairs = near_duplicates(ddf, 0.8).compute()           # doctest: +SKIP
    """
    pairs = _neardup_ords(ddf, threshold, num_perm, ngram, seed, bands, rows, text, id, parse_kwargs)
    return pairs[["doc_a", "doc_b", "jaccard_est", "jaccard"]]


# -- connected components ---------------------------------------------------------
def _min_label(df: pd.DataFrame) -> pd.DataFrame:
    g = df.groupby("node", sort=False).agg(label=("label", "min"), doc_id=("doc_id", "first"))
    return g.reset_index()


def duplicate_groups(ddf: "dd.DataFrame", threshold: float = 0.8, num_perm: int = 128, ngram: int = 5,
                     seed: int = 1, text: str = "text", id: str = "doc_id", max_iter: int = 100,
                     **parse_kwargs: Any) -> "dd.DataFrame":
    """Clusters of near-duplicates, as ``Corpus.duplicate_groups``: ``group, doc_id``.

    Connected components by distributed min-label propagation over the pair
    graph (each round is a shuffled join; it stops when no label changes,
    after at most the groups' diameter rounds).  Groups are numbered in the
    order of their first document, as in the Corpus; the numbering is a
    distributed sort of the component roots.  This function computes (the
    rounds need a convergence test); the result stays on the cluster.

    Example:
        >>> duplicate_groups(ddf).compute().sort_values(["group", "doc_id"])   # doctest: +SKIP
    """
    pairs = _neardup_ords(ddf, threshold, num_perm, ngram, seed, None, None, text, id, parse_kwargs)
    pairs = pairs[["a", "b", "doc_a", "doc_b"]].persist()
    nparts = max(pairs.npartitions, 1)
    fwd = pairs.rename(columns={"a": "node", "b": "nbr", "doc_a": "doc_id"})[["node", "nbr", "doc_id"]]
    bwd = pairs.rename(columns={"b": "node", "a": "nbr", "doc_b": "doc_id"})[["node", "nbr", "doc_id"]]
    edges = dd.concat([fwd, bwd]).persist()
    # label of each node: the smallest position in its component (= its first document)
    init = edges.assign(label=edges["nbr"].where(edges["nbr"] < edges["node"], edges["node"]))
    labels = init[["node", "label", "doc_id"]].shuffle(on="node", npartitions=nparts)
    labels = labels.map_partitions(_min_label, meta=_min_label(init._meta[["node", "label", "doc_id"]]))
    labels = labels.persist()
    for _ in range(max_iter):
        spread = edges[["node", "nbr"]].merge(labels[["node", "label"]].rename(columns={"node": "nbr"}),
                                              on="nbr", how="inner", npartitions=nparts)
        cand = dd.concat([labels[["node", "label", "doc_id"]],
                          spread[["node", "label"]].assign(doc_id=None)])
        new = cand.shuffle(on="node", npartitions=nparts).map_partitions(
            _min_label, meta=labels._meta).persist()
        changed = new.merge(labels[["node", "label"]], on="node", suffixes=("", "_old"),
                            npartitions=nparts)
        n_changed = int((changed["label"] != changed["label_old"]).sum().compute())
        labels = new
        if n_changed == 0:
            break
    else:
        raise RuntimeError(f"connected components did not converge in {max_iter} rounds")
    roots = labels[labels["node"] == labels["label"]][["node"]]
    roots = roots.sort_values("node")  # a distributed sort: partitions hold increasing ranges
    sizes = roots.map_partitions(len).compute()
    offsets = np.r_[0, np.cumsum(sizes)[:-1]].astype(np.int64)
    parts = roots.to_delayed()
    numbered = [delayed(_number)(p, int(o)) for p, o in zip(parts, offsets)]
    meta = pd.DataFrame({"label": pd.Series([], dtype=np.int64), "group": pd.Series([], dtype=np.int64)})
    groups = dd.from_delayed(numbered, meta=meta, verify_meta=False)
    out = labels.merge(groups, on="label", how="inner", npartitions=nparts)
    return out[["group", "doc_id"]]


def _number(df: pd.DataFrame, offset: int) -> pd.DataFrame:
    lab = np.sort(df["node"].to_numpy(np.int64))
    return pd.DataFrame({"label": lab, "group": offset + np.arange(len(lab), dtype=np.int64)})


# -- TF-IDF top-k ------------------------------------------------------------------
def _doc_terms(corpus: Corpus, seed: int) -> pd.DataFrame:
    terms = [t for text in corpus.texts() for t in set(_sim.tokens(text, seed))]
    return pd.DataFrame({"term": pd.Series(terms, dtype=object)})


def _tfidf_block(corpus: Corpus, part: int, vocab: pd.Index, idf: np.ndarray, seed: int,
                 sublinear: bool) -> Tuple[Any, np.ndarray, List[str]]:
    """Unit-norm TF-IDF rows of one partition (scipy CSR over the global vocabulary)."""
    from scipy import sparse
    indptr = [0]
    cols: List[np.ndarray] = []
    vals: List[np.ndarray] = []
    for text in corpus.texts():
        toks = _sim.tokens(text, seed)
        if toks:
            u, c = np.unique(vocab.get_indexer(toks), return_counts=True)
            tf = 1.0 + np.log(c) if sublinear else c.astype(float)
            w = tf * idf[u]
            w = w / np.sqrt(np.dot(w, w))
        else:
            u, w = np.zeros(0, np.int64), np.zeros(0)
        cols.append(u)
        vals.append(w)
        indptr.append(indptr[-1] + len(u))
    n = len(corpus)
    mat = sparse.csr_matrix((np.concatenate(vals) if vals else np.zeros(0),
                             np.concatenate(cols) if cols else np.zeros(0, np.int64),
                             np.asarray(indptr)), shape=(n, len(vocab)))
    ords = (np.int64(part) << np.int64(32)) + np.arange(n, dtype=np.int64)
    return mat, ords, corpus.doc_ids


def _topk_pair(bi: Tuple[Any, np.ndarray, List[str]], bj: Tuple[Any, np.ndarray, List[str]],
               k: int, same: bool, chunk: int = 512) -> pd.DataFrame:
    """Top-k (with ties at the k-th score) of each row of block i against block j,
    computed ``chunk`` rows at a time so memory stays chunk x |block j|."""
    xi, oi, idi = bi
    xj, oj, idj = bj
    out_a, out_b, out_s = [], [], []
    xjt = xj.T.tocsc()
    for r0 in range(0, xi.shape[0], chunk):
        s = (xi[r0:r0 + chunk] @ xjt).toarray()
        if same:
            rr = np.arange(s.shape[0])
            s[rr, rr + r0] = 0.0
        if s.shape[1] > k:
            kth = -np.partition(-s, k - 1, axis=1)[:, k - 1:k]
            mask = (s >= kth) & (s > 0)
        else:
            mask = s > 0
        r, c = np.nonzero(mask)
        out_a.append(r + r0)
        out_b.append(c)
        out_s.append(s[r, c])
    a = np.concatenate(out_a) if out_a else np.zeros(0, np.int64)
    b = np.concatenate(out_b) if out_b else np.zeros(0, np.int64)
    return pd.DataFrame({"doc_id": pd.Series(np.asarray(idi, dtype=object)[a], dtype=object),
                         "neighbour": pd.Series(np.asarray(idj, dtype=object)[b], dtype=object),
                         "score": np.concatenate(out_s) if out_s else np.zeros(0)})


def _topk_merge(k: int, *frames: pd.DataFrame) -> pd.DataFrame:
    df = pd.concat(frames, ignore_index=True)
    df = df.sort_values(["doc_id", "score", "neighbour"], ascending=[True, False, True], kind="mergesort")
    df["rank"] = df.groupby("doc_id", sort=False).cumcount() + 1
    return df[df["rank"] <= k].reset_index(drop=True)


def similarity_topk(ddf: "dd.DataFrame", k: int = 5, seed: int = 1, sublinear_tf: bool = True,
                    text: str = "text", id: str = "doc_id", **parse_kwargs: Any) -> "dd.DataFrame":
    """Each document's ``k`` most similar documents by TF-IDF cosine, without an n x n matrix.

    Equals ``similarity.neighbours(corpus.similarity("tfidf"), k)`` on the
    same rows (scores to floating-point rounding): same folded words, sublinear
    tf, smooth idf, l2 norm.  Document frequencies are a reduction over all
    partitions computed first (one number per distinct word); then each pair
    of partitions is multiplied as sparse blocks, ``512`` rows at a time,
    keeping only each row's top ``k``.  Columns: ``doc_id, neighbour, score,
    rank`` (rank 1 = most similar; ties broken by neighbour id).

    Example:
        >>> similarity_topk(ddf, k=3).compute()                  # doctest: +SKIP
    """
    if k < 1:
        raise ValueError("k must be >= 1")
    corpora = _corpora(ddf, text, id, parse_kwargs)
    term_meta = pd.DataFrame({"term": pd.Series([], dtype=object)})
    terms = dd.from_delayed([delayed(_doc_terms, pure=True)(c, seed) for c in corpora], meta=term_meta,
                            verify_meta=False)
    n_docs = dd.from_delayed([delayed(lambda c: pd.DataFrame({"n": [len(c)]}))(c) for c in corpora],
                             meta=pd.DataFrame({"n": pd.Series([], dtype=np.int64)}), verify_meta=False)
    # the reduction: document frequency of every word, and the number of documents
    dfreq, total = dask.compute(terms["term"].value_counts(split_every=8), n_docs["n"].sum())
    vocab = pd.Index(dfreq.index.astype(object))
    idf = np.log((1.0 + float(total)) / (1.0 + dfreq.to_numpy(dtype=float))) + 1.0
    vocab_d, idf_d = delayed(vocab), delayed(idf)
    blocks = [delayed(_tfidf_block, pure=True)(c, p, vocab_d, idf_d, seed, sublinear_tf)
              for p, c in enumerate(corpora)]
    parts = []
    for i, bi in enumerate(blocks):
        pieces = [delayed(_topk_pair, pure=True)(bi, bj, k, i == j) for j, bj in enumerate(blocks)]
        parts.append(delayed(_topk_merge, pure=True)(k, *pieces))
    meta = pd.DataFrame({"doc_id": pd.Series([], dtype=object), "neighbour": pd.Series([], dtype=object),
                         "score": pd.Series([], dtype=float), "rank": pd.Series([], dtype=np.int64)})
    return dd.from_delayed(parts, meta=meta, verify_meta=False)


# -- Parquet -----------------------------------------------------------------------
def add_partition_columns(df: "dd.DataFrame", published: str = "published",
                          source: str = "source") -> "dd.DataFrame":
    """Add ``day`` (``YYYY-MM-DD`` from ``published``, ``"unknown"`` when not
    known) and a ``source`` with ``"unknown"`` for missing values."""

    def one(pdf: pd.DataFrame) -> pd.DataFrame:
        pdf = pdf.copy()
        if published in pdf.columns:
            day = pd.to_datetime(pdf[published], errors="coerce", utc=True, format="mixed")
            pdf["day"] = day.dt.strftime("%Y-%m-%d").astype(object).where(day.notna(), "unknown")
        else:
            pdf["day"] = "unknown"
        src = pdf[source] if source in pdf.columns else pd.Series(None, index=pdf.index, dtype=object)
        pdf["source"] = src.astype(object).where(src.notna() & (src.astype(str) != ""), "unknown")
        pdf["day"] = pdf["day"].astype(object)
        return pdf

    meta = one(df._meta)
    return df.map_partitions(one, meta=meta)


def to_parquet(df: "dd.DataFrame", path: str, partition_on: Sequence[str] = ("day", "source"),
               **kwargs: Any) -> None:
    """Write a Parquet dataset partitioned by day and source (hive layout
    ``day=2023-08-30/source=.../part.N.parquet``).  The columns are added
    with :func:`add_partition_columns` when missing.

    Example:
        >>> to_parquet(extract(ddf)["documents"], "out/documents")   # doctest: +SKIP
    """
    missing = [c for c in partition_on if c not in df.columns]
    if missing:
        df = add_partition_columns(df)
    # object columns (all-None metadata such as ``updated``) give Arrow no type to infer
    objs = [c for c, t in df.dtypes.items() if t == object]
    if objs:
        df = df.astype({c: "string[pyarrow]" for c in objs})
    df.to_parquet(path, partition_on=list(partition_on), write_index=False, **kwargs)


def read_parquet(path: str, **kwargs: Any) -> "dd.DataFrame":
    """Read a dataset written by :func:`to_parquet` (or any Parquet dataset of
    articles); partition columns come back as plain strings.

    Example:
        >>> ddf = read_parquet("articles/")                      # doctest: +SKIP
        >>> tables = extract(ddf)                                 # doctest: +SKIP
    """
    df = dd.read_parquet(path, **kwargs)
    cats = [c for c, t in df.dtypes.items() if isinstance(t, pd.CategoricalDtype)]
    if cats:
        df = df.astype({c: object for c in cats})
    return df
