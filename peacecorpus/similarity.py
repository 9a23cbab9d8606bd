"""Cross-document similarity: near-duplicates, similarity scores, text reuse, stories.

The heavy work (tokenizing, folding, shingling, MinHash, LSH, TF-IDF, alignment)
runs in C (``csrc/lib/pc_shingle.c``, ``pc_minhash.c``, ``pc_tfidf.c``,
``pc_align.c``) with the GIL released; this module turns the results into pandas
DataFrames keyed by your document ids.

Words are maximal runs of letters, digits and marks, folded with NFKC, case
folding and accent stripping, so ``"Naxçıvan"``, ``"NAXÇIVAN"`` and ``"naxcivan"``
are one word and apostrophes/dashes never matter.

Example:
    >>> from peacecorpus import similarity as sim
    >>> ids = ["a", "b", "c"]
    >>> texts = ["The foreign ministers met in Almaty to discuss the peace treaty text.",
    ...          "The foreign ministers met in Almaty to discuss the peace treaty text!",
    ...          "Border delimitation commissions held their tenth meeting."]
    >>> sim.near_duplicates(ids, texts, threshold=0.8)[["doc_a", "doc_b", "jaccard"]]
      doc_a doc_b  jaccard
    0     a     b      1.0
"""
from __future__ import annotations

from typing import Dict, List, Optional, Sequence, Tuple, Union

import numpy as np
import pandas as pd

from . import _core
from ._progress import stages

__all__ = [
    "tokens",
    "shingles",
    "jaccard",
    "minhash_signatures",
    "lsh_params",
    "near_duplicates",
    "duplicate_groups",
    "similarity",
    "as_matrix",
    "matrix",
    "entity_matrix",
    "neighbours",
    "reuse",
    "stories",
    "entity_similarity",
    "TOP_K",
]


def _check(doc_ids: Sequence[str], texts: Sequence[str]) -> Tuple[List[str], List[str]]:
    if isinstance(texts, (str, bytes)) or isinstance(doc_ids, (str, bytes)):
        raise TypeError("doc_ids and texts must be sequences of str, not a single string")
    ids = list(doc_ids)
    txt = list(texts)
    if len(ids) != len(txt):
        raise ValueError(f"doc_ids has {len(ids)} items but texts has {len(txt)}")
    if len(set(ids)) != len(ids):
        raise ValueError("doc_ids must be unique")
    for i, t in enumerate(txt):
        if not isinstance(t, str):
            raise TypeError(f"texts[{i}] must be str, not {type(t).__name__}")
    return ids, txt


def _need_str(text: object) -> None:
    if not isinstance(text, str):
        raise TypeError(f"text must be str, not {type(text).__name__}")


def tokens(text: str, seed: int = 1) -> List[str]:
    """Folded word tokens of ``text``, exactly as every similarity measure sees them.

    Example:
        >>> tokens("Naxçıvan’s NAXÇIVAN")
        ['naxcivan', 's', 'naxcivan']
    """
    _need_str(text)
    return _core.sim_tokens(text, seed)


def shingles(text: str, ngram: int = 5, seed: int = 1) -> np.ndarray:
    """Sorted distinct 64-bit hashes of the word ``ngram``-grams of ``text``.

    A text shorter than ``ngram`` words gives one shingle of all its words; an
    empty text gives an empty array.

    Example:
        >>> len(shingles("one two three four five six", ngram=5))
        2
    """
    _need_str(text)
    return np.frombuffer(_core.sim_shingles(text, ngram, seed), dtype=np.uint64)


def jaccard(text_a: str, text_b: str, ngram: int = 5, seed: int = 1) -> float:
    """Exact Jaccard similarity of the ``ngram`` shingle sets of two texts (0 if both are empty).

    Example:
        >>> jaccard("a b c d e f", "a b c d e g", ngram=2)
        0.6666666666666666
    """
    a, b = shingles(text_a, ngram, seed), shingles(text_b, ngram, seed)
    union = len(a) + len(b)
    if union == 0:
        return 0.0
    inter = len(np.intersect1d(a, b, assume_unique=True))
    return inter / (union - inter)


def minhash_signatures(texts: Sequence[str], num_perm: int = 128, ngram: int = 5,
                       seed: int = 1) -> np.ndarray:
    """MinHash signatures, one row of ``num_perm`` uint32 values per text.

    The fraction of equal columns of two rows estimates the Jaccard similarity
    of their shingle sets (standard error ``sqrt(J(1-J)/num_perm)``).  Empty
    texts get a row of 0xFFFFFFFF.

    Example:
        >>> sig = minhash_signatures(["a b c d e f g", "a b c d e f h"], num_perm=64)
        >>> sig.shape
        (2, 64)
    """
    sig, _ = _core.sim_signatures(texts, num_perm, ngram, seed)
    return np.frombuffer(sig, dtype=np.uint32).reshape(-1, num_perm)


def lsh_params(threshold: float, num_perm: int = 128, wfp: float = 0.5,
               wfn: float = 0.5) -> Tuple[int, int]:
    """(bands, rows) minimising ``wfp`` * false positives + ``wfn`` * false negatives.

    The defaults reproduce datasketch's choice.  ``near_duplicates`` uses
    wfp=0.05, wfn=0.95 instead: its candidates are verified exactly, so a
    false positive only costs one comparison while a miss loses a duplicate.

    Example:
        >>> lsh_params(0.8, 128)
        (9, 13)
    """
    return _core.sim_lsh_params(threshold, num_perm, wfp, wfn)


def near_duplicates(doc_ids: Sequence[str], texts: Sequence[str], threshold: float = 0.8,
                    num_perm: int = 128, ngram: int = 5, seed: int = 1,
                    bands: Optional[int] = None, rows: Optional[int] = None) -> pd.DataFrame:
    """Pairs of documents whose shingle sets have Jaccard >= ``threshold``.

    Candidates come from MinHash + LSH banding (no all-pairs comparison) and
    each is verified with the exact Jaccard, so every returned pair is a true
    near-duplicate; a pair can be missed only if LSH misses it.  The default
    banding is ``lsh_params(threshold, num_perm, wfp=0.05, wfn=0.95)`` (16 x 8
    at 0.8 / 128): a pair right at the threshold is found with probability
    0.95, one at 0.85 with 0.994.  Pass ``bands``/``rows`` to override.  Words
    are folded (see ``tokens``) and shingled into word ``ngram``-grams.  Empty
    texts never match.

    Returns a DataFrame [doc_a, doc_b, jaccard_est, jaccard] sorted by
    descending ``jaccard``.

    Example:
        >>> near_duplicates(["x", "y"], ["same words in both texts here", "same words in both texts here"])
          doc_a doc_b  jaccard_est  jaccard
        0     x     y          1.0      1.0
    """
    ids, txt = _check(doc_ids, texts)
    if (bands is None) != (rows is None):
        raise ValueError("give both bands and rows, or neither")
    with stages("near-duplicates", ["MinHash, LSH and exact Jaccard"]) as st:
        rows_ = _core.sim_neardup(txt, threshold, num_perm, ngram, seed, bands or 0, rows or 0)
        st.next()
    df = pd.DataFrame(rows_, columns=["a", "b", "jaccard_est", "jaccard"])
    out = pd.DataFrame({
        "doc_a": pd.Series([ids[i] for i in df["a"]], dtype=object),
        "doc_b": pd.Series([ids[i] for i in df["b"]], dtype=object),
        "jaccard_est": df["jaccard_est"].astype(float),
        "jaccard": df["jaccard"].astype(float),
    })
    return out.sort_values(["jaccard", "doc_a", "doc_b"], ascending=[False, True, True],
                           kind="mergesort").reset_index(drop=True)


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, x: int) -> int:
        p = self.parent
        while p[x] != x:
            p[x] = p[p[x]]
            x = p[x]
        return x

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            if ra < rb:
                self.parent[rb] = ra
            else:
                self.parent[ra] = rb


def _components(ids: List[str], pairs: pd.DataFrame, col_a: str = "doc_a",
                col_b: str = "doc_b") -> List[List[int]]:
    index = {d: i for i, d in enumerate(ids)}
    uf = _UnionFind(len(ids))
    for a, b in zip(pairs[col_a], pairs[col_b]):
        uf.union(index[a], index[b])
    groups: Dict[int, List[int]] = {}
    for i in range(len(ids)):
        groups.setdefault(uf.find(i), []).append(i)
    return sorted(groups.values(), key=lambda g: g[0])


def duplicate_groups(doc_ids: Sequence[str], texts: Sequence[str], threshold: float = 0.8,
                     num_perm: int = 128, ngram: int = 5, seed: int = 1,
                     pairs: Optional[pd.DataFrame] = None) -> pd.DataFrame:
    """Groups of near-duplicate documents (connected components of the pair graph).

    Only documents with at least one near-duplicate appear.  Groups are
    numbered 0, 1, ... in the order of their first document.  Pass ``pairs``
    (the output of ``near_duplicates``) to avoid recomputing them.

    Example:
        >>> duplicate_groups(["x", "y", "z"], ["a b c d e f", "a b c d e f", "other text entirely"])
           group doc_id
        0      0      x
        1      0      y
    """
    ids, txt = _check(doc_ids, texts)
    if pairs is None:
        pairs = near_duplicates(ids, txt, threshold, num_perm, ngram, seed)
    recs: List[Tuple[int, str]] = []
    group = 0
    for comp in _components(ids, pairs):
        if len(comp) < 2:
            continue
        recs.extend((group, ids[i]) for i in comp)
        group += 1
    return pd.DataFrame(recs, columns=["group", "doc_id"]).astype({"group": "int64", "doc_id": object})


#: Neighbours kept per document unless asked otherwise: similarity is bounded by default.
TOP_K = 10
#: The most documents :func:`matrix` and :func:`as_matrix` put in one dense matrix.
MAX_MATRIX = 5000

_METHODS = "method must be 'tfidf' or 'minhash' (or 'entities' on a Corpus)"


def similarity(doc_ids: Sequence[str], texts: Sequence[str], method: str = "tfidf",
               min_score: float = 0.0, num_perm: int = 256, ngram: int = 3, seed: int = 1,
               sublinear_tf: bool = True, top_k: Optional[int] = TOP_K, exact: bool = False) -> pd.DataFrame:
    """Document similarity in long form [doc_a, doc_b, score], best first.

    ``method="tfidf"``: cosine of TF-IDF vectors of folded words (sublinear tf,
    smooth idf, l2 norm: scikit-learn's TfidfVectorizer weighting), computed
    sparsely in C.  ``method="minhash"``: estimated Jaccard of word
    ``ngram``-gram shingle sets from ``num_perm``-slot MinHash signatures.

    Bounded by default: ``top_k=10`` keeps each document's 10 most similar
    documents, so the table has at most ``N * top_k`` rows and time and
    memory grow linearly with the corpus.  A pair is listed once (``doc_a``
    before ``doc_b`` in input order) when it is among the best of either
    document, so :func:`neighbours` gives each document's own top ``k <=
    top_k``.  Up to a few thousand news articles the search is exact; above,
    the most common words (those whose postings would make the work grow as
    N^2) are left out of the *search* and the best candidates are rescored
    exactly, so scores are always exact and a neighbour is missed only when
    it shares nothing but common words (``bench/bench_scale.py --recall``
    measures recall@10 against ``exact=True``); ``exact=True`` searches every word.
    ``top_k=None`` lists every pair with score > 0: N^2 rows, only on
    request.  Only pairs with score > 0 and >= ``min_score`` are listed.
    ``doc_a``/``doc_b`` are categoricals over ``doc_ids`` (compact for
    millions of pairs; compare and filter them like strings).

    Example:
        >>> df = similarity(["a", "b", "c"], ["peace talks in Baku", "peace talks in Yerevan", "football"])
        >>> df.iloc[0][["doc_a", "doc_b"]].tolist()
        ['a', 'b']
    """
    ids, txt = _check(doc_ids, texts)
    if method not in ("tfidf", "minhash"):
        raise ValueError(f"{_METHODS}, not {method!r}")
    if top_k is not None:
        if top_k < 1:
            raise ValueError(f"top_k must be >= 1 (or None for every pair), not {top_k}")
        with stages("similarity", [f"top {top_k} per document"]) as st:
            a, b, score, _stats = _core.sim_topk(txt, top_k, min_score, sublinear_tf, seed,
                                                 _EXACT if exact else 0, minhash=method == "minhash",
                                                 num_perm=num_perm, ngram=ngram)
            st.next()
        return _pairs_frame(ids, *_union(a, b, score))
    if method == "tfidf":
        raw = _core.sim_tfidf_pairs(txt, min_score, sublinear_tf, seed)
    else:
        sig, nsh = _core.sim_signatures(txt, num_perm, ngram, seed)
        empty = (np.frombuffer(nsh, dtype=np.uintp) == 0).astype(np.uint8).tobytes()
        raw = _core.sim_minhash_pairs(sig, len(txt), num_perm, min_score, empty)
    # already sorted by descending score (ties by input order) in C
    return _pairs_frame(ids, np.frombuffer(raw[0], dtype=np.uint32), np.frombuffer(raw[1], dtype=np.uint32),
                        np.frombuffer(raw[2], dtype=np.float64))


#: sim_topk's budget for "search every word"
_EXACT = 2 ** 64 - 1


def _union(a: bytes, b: bytes, s: bytes) -> Tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each row's neighbours (row, neighbour, score) as unordered pairs, each
    once with the score computed from the earlier document's row, best first
    (ties by the pair's position)."""
    a_ = np.frombuffer(a, dtype=np.uint32).astype(np.int64)
    b_ = np.frombuffer(b, dtype=np.uint32).astype(np.int64)
    s_ = np.frombuffer(s, dtype=np.float64)
    lo, hi = np.minimum(a_, b_), np.maximum(a_, b_)
    order = np.lexsort((a_ != lo, hi, lo))
    lo, hi, s_ = lo[order], hi[order], s_[order]
    first = np.ones(len(lo), dtype=bool)
    first[1:] = (lo[1:] != lo[:-1]) | (hi[1:] != hi[:-1])
    lo, hi, s_ = lo[first], hi[first], s_[first]
    order = np.lexsort((hi, lo, -s_))
    return lo[order], hi[order], s_[order]


def _pairs_frame(ids: List[str], a: np.ndarray, b: np.ndarray, score: np.ndarray) -> pd.DataFrame:
    # categorical ids: millions of pairs cost two small int arrays, not object columns
    cats = pd.Index(ids, dtype=object)
    return pd.DataFrame({"doc_a": pd.Categorical.from_codes(a.astype(np.int64), categories=cats),
                         "doc_b": pd.Categorical.from_codes(b.astype(np.int64), categories=cats),
                         "score": np.asarray(score, dtype=np.float64)})


def matrix(doc_ids: Sequence[str], texts: Sequence[str], subset: Optional[Sequence[str]] = None,
           method: str = "tfidf", num_perm: int = 256, ngram: int = 3, seed: int = 1,
           sublinear_tf: bool = True) -> pd.DataFrame:
    """Exact similarity among a chosen subset of documents as a square
    DataFrame (``subset`` in its order on both axes, 1 on the diagonal for
    non-empty documents).  TF-IDF weights come from the whole corpus, so the
    values equal those of :func:`similarity`.  At most :data:`MAX_MATRIX`
    documents (a dense matrix of N^2 cells): choose them, e.g. from
    :func:`neighbours` or a sample.

    Example:
        >>> m = matrix(["a", "b", "c"], ["peace talks in Baku", "peace talks in Yerevan", "football"], ["b", "a"])
        >>> m.index.tolist(), round(float(m.loc["a", "b"]), 3)
        (['b', 'a'], 0.634)
    """
    ids, txt = _check(doc_ids, texts)
    chosen = list(ids if subset is None else subset)
    idx = _subset_index(ids, chosen)
    if method == "tfidf":
        raw = _core.sim_block(txt, idx.astype(np.uint64).tobytes(), sublinear_tf, seed)
        m = np.frombuffer(raw, dtype=np.float64).reshape(len(idx), len(idx)).copy()
    elif method == "minhash":
        sig = minhash_signatures([txt[i] for i in idx], num_perm, ngram, seed)
        m = np.zeros((len(idx), len(idx)))
        for r in range(len(idx)):
            m[r] = (sig == sig[r]).mean(axis=1)
        empty = (sig == 0xFFFFFFFF).all(axis=1)
        m[empty, :] = 0.0
        m[:, empty] = 0.0
    else:
        raise ValueError(f"{_METHODS}, not {method!r}")
    return _square(m, chosen)


def _subset_index(ids: List[str], chosen: List[str]) -> np.ndarray:
    if len(chosen) > MAX_MATRIX:
        raise ValueError(f"a dense matrix of {len(chosen):,} documents has {len(chosen) ** 2:,} cells; "
                         f"choose at most {MAX_MATRIX:,} documents")
    idx = pd.Index(ids).get_indexer(chosen)
    if len(idx) and idx.min() < 0:
        missing = [c for c, i in zip(chosen, idx) if i < 0][:5]
        raise KeyError(f"not in the corpus: {', '.join(map(repr, missing))}")
    return idx


def _square(m: np.ndarray, ids: List[str]) -> pd.DataFrame:
    return pd.DataFrame(m, index=pd.Index(ids, name="doc", dtype=object),
                        columns=pd.Index(ids, name="doc", dtype=object))


def as_matrix(df: pd.DataFrame, doc_ids: Optional[Sequence[str]] = None,
              value: str = "score", diagonal: float = 1.0) -> pd.DataFrame:
    """Square symmetric DataFrame from long-form pairs: the rows and columns
    are ``doc_ids`` (default: every document named in ``df``), pairs with a
    document outside them are left out, missing pairs are 0.  From a
    bounded table (``similarity(top_k=...)``) a missing pair means "not among
    either document's best", not 0: use :func:`matrix` for exact values.  At
    most :data:`MAX_MATRIX` documents.

    Example:
        >>> m = as_matrix(pd.DataFrame({"doc_a": ["a"], "doc_b": ["b"], "score": [0.5]}))
        >>> float(m.loc["b", "a"])
        0.5
    """
    if doc_ids is None:
        seen: Dict[str, None] = {}
        for d in list(df["doc_a"]) + list(df["doc_b"]):
            seen.setdefault(d, None)
        doc_ids = list(seen)
    ids = list(doc_ids)
    if len(ids) > MAX_MATRIX:
        raise ValueError(f"a dense matrix of {len(ids):,} documents has {len(ids) ** 2:,} cells; "
                         f"pass at most {MAX_MATRIX:,} doc_ids")
    index = pd.Index(ids)
    i = index.get_indexer(np.asarray(df["doc_a"], dtype=object))
    j = index.get_indexer(np.asarray(df["doc_b"], dtype=object))
    keep = (i >= 0) & (j >= 0)
    i, j = i[keep], j[keep]
    m = np.zeros((len(ids), len(ids)), dtype=float)
    s = df[value].to_numpy(dtype=float)[keep]
    m[i, j] = s
    m[j, i] = s
    np.fill_diagonal(m, diagonal)
    return _square(m, ids)


def neighbours(df: pd.DataFrame, k: int = 5) -> pd.DataFrame:
    """Top-``k`` most similar documents of each document from long-form pairs.

    Returns [doc_id, neighbour, score, rank] (rank 1 = most similar).

    Example:
        >>> pairs = pd.DataFrame({"doc_a": ["a", "a"], "doc_b": ["b", "c"], "score": [0.9, 0.2]})
        >>> neighbours(pairs, k=1)["neighbour"].tolist()
        ['b', 'a', 'a']
    """
    both = pd.concat([
        pd.DataFrame({"doc_id": df["doc_a"], "neighbour": df["doc_b"], "score": df["score"]}),
        pd.DataFrame({"doc_id": df["doc_b"], "neighbour": df["doc_a"], "score": df["score"]}),
    ], ignore_index=True)
    both = both.sort_values(["doc_id", "score", "neighbour"], ascending=[True, False, True], kind="mergesort")
    both["rank"] = both.groupby("doc_id", sort=False).cumcount() + 1
    return both[both["rank"] <= k].reset_index(drop=True)


def reuse(doc_ids: Sequence[str], texts: Sequence[str], min_words: int = 8, anchor: int = 4,
          max_gap: int = 20, seed: int = 1, max_partners: int = 5) -> pd.DataFrame:
    """Passages shared by two documents (text reuse), tolerant of light rewording.

    Documents that share word ``anchor``-grams (each occurring once in both
    documents) are aligned: chains of anchors on nearby diagonals are extended
    and joined by a banded local alignment over folded words, in the spirit of
    passim.  Offsets are Python string offsets (``texts[i][a_start:a_end]``).
    Bounded: each document is aligned with at most ``max_partners`` others,
    those sharing the most anchors (0: all that share two), so the work and
    the rows grow linearly with the corpus even when it holds many copies of
    one article.

    Returns [doc_a, a_start, a_end, doc_b, b_start, b_end, words, identity]
    where ``words`` is the number of aligned matching words and ``identity``
    the fraction of alignment columns that match.

    Example:
        >>> a = "Officials said the two ministers agreed to continue work on the draft peace treaty next month."
        >>> b = "Reuters: the two ministers agreed to continue work on the draft peace treaty, officials said."
        >>> r = reuse(["a", "b"], [a, b], min_words=8)
        >>> b[r.b_start[0]:r.b_end[0]]
        'the two ministers agreed to continue work on the draft peace treaty'
    """
    ids, txt = _check(doc_ids, texts)
    if min_words < 1 or anchor < 1 or max_gap < 0 or max_partners < 0:
        raise ValueError("min_words and anchor must be >= 1, max_gap and max_partners >= 0")
    raw = _core.sim_reuse(txt, min_words, anchor, max_gap, seed, max_partners=max_partners)
    cols = ["doc_a", "a_start", "a_end", "doc_b", "b_start", "b_end", "words", "identity"]
    recs = [(ids[a], sa, ea, ids[b], sb, eb, w, ident) for a, b, sa, ea, sb, eb, w, ident in raw]
    df = pd.DataFrame(recs, columns=cols)
    return df.astype({"a_start": "int64", "a_end": "int64", "b_start": "int64", "b_end": "int64",
                      "words": "int64", "identity": float})


# Function words never make a good story label; the list only affects labels.
_STOP = frozenset("""
a about after again against all also an and any are as at be been before being between both but by
can could did do does during each for from further had has have having he her here hers him his how
i if in into is it its itself just me more most my no nor not now of off on once only or other our
out over own said same says she should so some such than that the their them then there these they
this those through to too under until up very was we were what when where which while who whom why
will with would you your year years new one two also per cent percent mr ms
""".split())


def _story_labels(txt: List[str], story: np.ndarray, n_stories: int, n_terms: int, seed: int) -> List[str]:
    """The ``n_terms`` heaviest words of each story (see :func:`stories`),
    from one bag of words of all documents (C), summed with numpy."""
    vocab, word_b, count_b, rowptr_b = _core.sim_bag(txt, seed)
    n, nv = len(txt), len(vocab)
    word = np.frombuffer(word_b, dtype=np.uint32).astype(np.int64)
    count = np.frombuffer(count_b, dtype=np.uint32)
    rowptr = np.frombuffer(rowptr_b, dtype=np.uint64).astype(np.int64)
    df = np.bincount(word, minlength=nv)
    named = np.fromiter((len(t) > 2 and not t.isdigit() and t not in _STOP for t in vocab), dtype=bool, count=nv)
    rows = np.repeat(np.arange(n, dtype=np.int64), np.diff(rowptr))
    sel = named[word]
    word, rows = word[sel], rows[sel]
    # idf without sklearn's +1, so words found in every document weigh nothing
    w = (1.0 + np.log(count[sel])) * (np.log((1.0 + n) / (1.0 + df[word])) + 1e-3)
    norm = np.sqrt(np.bincount(rows, weights=w * w, minlength=n))
    norm[norm == 0] = 1.0
    w = w / norm[rows]
    keys, inv = np.unique(story[rows] * max(nv, 1) + word, return_inverse=True)
    total = np.bincount(inv.ravel(), weights=w, minlength=len(keys))
    k_story, k_word = keys // max(nv, 1), keys % max(nv, 1)
    alpha = np.empty(nv, dtype=np.int64)
    alpha[np.argsort(np.asarray(vocab, dtype=object), kind="stable")] = np.arange(nv)
    order = np.lexsort((alpha[k_word], -total, k_story))
    k_story, k_word = k_story[order], k_word[order]
    first = np.searchsorted(k_story, np.arange(n_stories))
    top = (np.arange(len(k_story)) - first[k_story]) < n_terms
    words: List[List[str]] = [[] for _ in range(n_stories)]
    for st, wd in zip(k_story[top].tolist(), k_word[top].tolist()):
        words[st].append(vocab[wd])
    return [" ".join(ws) for ws in words]


def _labels(n: int, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Connected components of the graph with edges (a[i], b[i]) over nodes
    0..n-1: each node's label is the smallest node of its component (hooking
    and pointer jumping, vectorised)."""
    lab = np.arange(n, dtype=np.int64)
    a = np.asarray(a, dtype=np.int64)
    b = np.asarray(b, dtype=np.int64)
    while len(a):
        la, lb = lab[a], lab[b]
        low = np.minimum(la, lb)
        new = lab.copy()
        np.minimum.at(new, la, low)
        np.minimum.at(new, lb, low)
        while True:
            nxt = new[new]
            if np.array_equal(nxt, new):
                break
            new = nxt
        if np.array_equal(new, lab):
            break
        lab = new
    return lab


def stories(doc_ids: Sequence[str], texts: Sequence[str], threshold: float = 0.4,
            n_terms: int = 4, seed: int = 1, top_k: int = 20) -> pd.DataFrame:
    """Cluster documents into stories and name each by its top TF-IDF terms.

    Each document is linked to those of its ``top_k`` most similar documents
    (:func:`similarity`) whose TF-IDF cosine is >= ``threshold``; stories are
    the connected components (single-link).  The graph has at most
    ``N * top_k`` edges, so the work grows linearly with the corpus; a pair
    above the threshold is left out only when both documents have ``top_k``
    closer ones (to which each is linked).  Every document gets a story (a
    lone document is its own story).  Stories are numbered by decreasing
    size, then first document.  ``label`` joins the ``n_terms`` heaviest words
    (summed unit-normalised TF-IDF weight over the story; idf without the +1,
    so words in every document do not count; function words and words under
    three letters are left out).

    Returns [story, doc_id, label].

    Example:
        >>> s = stories(["a", "b", "c"], ["Lachin corridor talks resume", "Lachin corridor talks stall",
        ...                               "Football final tonight"], threshold=0.3)
        >>> s.groupby("story").size().tolist()
        [2, 1]
    """
    ids, txt = _check(doc_ids, texts)
    n = len(ids)
    with stages("stories", ["similar pairs", "components", "labels"]) as st:
        pairs = similarity(ids, txt, method="tfidf", min_score=threshold, seed=seed, top_k=top_k)
        st.next()
        lab = _labels(n, pairs["doc_a"].cat.codes.to_numpy(), pairs["doc_b"].cat.codes.to_numpy())
        size = np.bincount(lab, minlength=n)
        roots = np.flatnonzero(lab == np.arange(n))
        order = roots[np.lexsort((roots, -size[roots]))]
        number = np.empty(n, dtype=np.int64)
        number[order] = np.arange(len(order))
        story = number[lab]
        st.next()
        labels = _story_labels(txt, story, len(order), n_terms, seed) if n else []
        st.next()
    rows = np.lexsort((np.arange(n), story))
    return pd.DataFrame({"story": story[rows].astype("int64"),
                         "doc_id": pd.Series(np.asarray(ids, dtype=object)[rows], dtype=object),
                         "label": pd.Series([labels[s] for s in story[rows].tolist()], dtype=object)})


def _entity_rows(entities: pd.DataFrame, ids: List[str]) -> Tuple[bytes, bytes]:
    """(tokens, offsets) uint64 buffers for sim_topk/sim_block: document i's
    canonical entities (hashed, one token per mention) in row i."""
    rows = pd.Index(ids).get_indexer(np.asarray(entities["doc_id"], dtype=object))
    names = entities["canonical"]
    keep = (rows >= 0) & names.notna().to_numpy()
    rows = rows[keep]
    hashes = pd.util.hash_array(np.asarray(names, dtype=object)[keep]) if len(rows) else np.zeros(0, np.uint64)
    order = np.argsort(rows, kind="stable")
    offsets = np.zeros(len(ids) + 1, dtype=np.uint64)
    offsets[1:] = np.cumsum(np.bincount(rows, minlength=len(ids)))
    return np.ascontiguousarray(hashes[order], dtype=np.uint64).tobytes(), offsets.tobytes()


def entity_similarity(entities: pd.DataFrame, doc_ids: Union[int, Sequence[str]], min_score: float = 0.0,
                      top_k: Optional[int] = TOP_K, exact: bool = False) -> pd.DataFrame:
    """Document pairs by the weighted overlap of their canonical entities
    (cosine over documents of idf-weighted, sublinear mention counts, the
    TF-IDF weighting of :func:`similarity` with canonical names as words),
    from an entity table (``doc_id, canonical``): ``doc_a, doc_b, score`` best
    first, each document's ``top_k`` best (None: every pair).  ``doc_ids``
    are the corpus's documents in order (an int: that many documents, those
    of the table first)."""
    if isinstance(doc_ids, (int, np.integer)):
        named = list(dict.fromkeys(entities["doc_id"].astype(object).tolist()))
        ids = named + [f"\x00{i}" for i in range(max(0, int(doc_ids) - len(named)))]
    else:
        ids = [str(i) for i in doc_ids]
    if top_k is not None and top_k < 1:
        raise ValueError(f"top_k must be >= 1 (or None for every pair), not {top_k}")
    rows = _entity_rows(entities, ids)
    if len(ids) < 2:
        return _pairs_frame(ids, np.zeros(0), np.zeros(0), np.zeros(0))
    k = top_k if top_k is not None else len(ids) - 1
    raw = _core.sim_topk(rows, k, min_score, True, 1, _EXACT if exact or top_k is None else 0)
    return _pairs_frame(ids, *_union(*raw[:3]))



def entity_matrix(entities: pd.DataFrame, doc_ids: Sequence[str],
                  subset: Optional[Sequence[str]] = None) -> pd.DataFrame:
    """:func:`matrix` for ``method="entities"`` (see :func:`entity_similarity`),
    from an entity table and the corpus's document ids."""
    ids = [str(i) for i in doc_ids]
    chosen = list(ids if subset is None else subset)
    idx = _subset_index(ids, chosen)
    raw = _core.sim_block(_entity_rows(entities, ids), idx.astype(np.uint64).tobytes())
    return _square(np.frombuffer(raw, dtype=np.float64).reshape(len(idx), len(idx)).copy(), chosen)
