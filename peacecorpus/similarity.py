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

import math
from collections import Counter, defaultdict
from typing import Dict, List, Optional, Sequence, Tuple

import numpy as np
import pandas as pd

from . import _core

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
    "neighbours",
    "reuse",
    "stories",
    "entity_similarity",
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
    rows_ = _core.sim_neardup(txt, threshold, num_perm, ngram, seed, bands or 0, rows or 0)
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


def similarity(doc_ids: Sequence[str], texts: Sequence[str], method: str = "tfidf",
               min_score: float = 0.0, num_perm: int = 256, ngram: int = 3, seed: int = 1,
               sublinear_tf: bool = True) -> pd.DataFrame:
    """Pairwise document similarity in long form [doc_a, doc_b, score].

    ``method="tfidf"``: cosine of TF-IDF vectors of folded words (sublinear tf,
    smooth idf, l2 norm: scikit-learn's TfidfVectorizer weighting), computed
    sparsely in C.  ``method="minhash"``: estimated Jaccard of word
    ``ngram``-gram shingle sets from ``num_perm``-slot MinHash signatures.
    Only pairs with score > 0 and >= ``min_score`` are listed (doc_a before
    doc_b in input order), highest score first.  ``doc_a``/``doc_b`` are
    categoricals over ``doc_ids`` (compact for millions of pairs; compare
    and filter them like strings).

    Example:
        >>> df = similarity(["a", "b", "c"], ["peace talks in Baku", "peace talks in Yerevan", "football"])
        >>> df.iloc[0][["doc_a", "doc_b"]].tolist()
        ['a', 'b']
    """
    ids, txt = _check(doc_ids, texts)
    if method == "tfidf":
        raw = _core.sim_tfidf_pairs(txt, min_score, sublinear_tf, seed)
    elif method == "minhash":
        sig, nsh = _core.sim_signatures(txt, num_perm, ngram, seed)
        empty = (np.frombuffer(nsh, dtype=np.uintp) == 0).astype(np.uint8).tobytes()
        raw = _core.sim_minhash_pairs(sig, len(txt), num_perm, min_score, empty)
    else:
        raise ValueError(f"method must be 'tfidf' or 'minhash' (or 'entities' on a Corpus), not {method!r}")
    a = np.frombuffer(raw[0], dtype=np.uint32)
    b = np.frombuffer(raw[1], dtype=np.uint32)
    score = np.frombuffer(raw[2], dtype=np.float64)
    # already sorted by descending score (ties by input order) in C
    # categorical ids: millions of pairs cost two small int arrays, not object columns
    cats = pd.Index(ids, dtype=object)
    return pd.DataFrame({"doc_a": pd.Categorical.from_codes(a.astype(np.int64), categories=cats),
                         "doc_b": pd.Categorical.from_codes(b.astype(np.int64), categories=cats),
                         "score": score})


def as_matrix(df: pd.DataFrame, doc_ids: Optional[Sequence[str]] = None,
              value: str = "score", diagonal: float = 1.0) -> pd.DataFrame:
    """Square symmetric DataFrame from long-form pairs (missing pairs are 0).

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
    index = pd.Index(ids)
    i = index.get_indexer(df["doc_a"])
    j = index.get_indexer(df["doc_b"])
    if len(i) and (i.min() < 0 or j.min() < 0):
        raise ValueError("df names documents that are not in doc_ids")
    m = np.zeros((len(ids), len(ids)), dtype=float)
    s = df[value].to_numpy(dtype=float)
    m[i, j] = s
    m[j, i] = s
    np.fill_diagonal(m, diagonal)
    return pd.DataFrame(m, index=pd.Index(ids, name="doc"), columns=pd.Index(ids, name="doc"))


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
          max_gap: int = 20, seed: int = 1) -> pd.DataFrame:
    """Passages shared by two documents (text reuse), tolerant of light rewording.

    Documents that share word ``anchor``-grams (each occurring once in both
    documents) are aligned: chains of anchors on nearby diagonals are extended
    and joined by a banded local alignment over folded words, in the spirit of
    passim.  Offsets are Python string offsets (``texts[i][a_start:a_end]``).

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
    if min_words < 1 or anchor < 1 or max_gap < 0:
        raise ValueError("min_words and anchor must be >= 1, max_gap >= 0")
    raw = _core.sim_reuse(txt, min_words, anchor, max_gap, seed)
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


def _top_terms(members: List[int], toks: List[List[str]], df_count: Counter, n_docs: int,
               n_terms: int) -> List[str]:
    weight: Dict[str, float] = defaultdict(float)
    for i in members:
        counts = Counter(toks[i])
        # idf without sklearn's +1, so words found in every document weigh nothing
        vec = {t: (1.0 + math.log(c)) * (math.log((1.0 + n_docs) / (1.0 + df_count[t])) + 1e-3)
               for t, c in counts.items() if len(t) > 2 and not t.isdigit() and t not in _STOP}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        for t, v in vec.items():
            weight[t] += v / norm
    return [t for t, _ in sorted(weight.items(), key=lambda kv: (-kv[1], kv[0]))[:n_terms]]


def stories(doc_ids: Sequence[str], texts: Sequence[str], threshold: float = 0.4,
            n_terms: int = 4, seed: int = 1) -> pd.DataFrame:
    """Cluster documents into stories and name each by its top TF-IDF terms.

    Two documents are linked when their TF-IDF cosine is >= ``threshold``;
    stories are the connected components (single-link).  Every document gets
    a story (a lone document is its own story).  Stories are numbered by
    decreasing size, then first document.  ``label`` joins the ``n_terms``
    heaviest words (summed unit-normalised TF-IDF weight over the story; idf
    without the +1, so words in every document do not count; function words
    and words under three letters are left out).

    Returns [story, doc_id, label].

    Example:
        >>> s = stories(["a", "b", "c"], ["Lachin corridor talks resume", "Lachin corridor talks stall",
        ...                               "Football final tonight"], threshold=0.3)
        >>> s.groupby("story").size().tolist()
        [2, 1]
    """
    ids, txt = _check(doc_ids, texts)
    pairs = similarity(ids, txt, method="tfidf", min_score=threshold, seed=seed)
    comps = _components(ids, pairs)
    comps.sort(key=lambda g: (-len(g), g[0]))
    toks = [tokens(t, seed) for t in txt]
    df_count: Counter = Counter()
    for tk in toks:
        df_count.update(set(tk))
    recs: List[Tuple[int, str, str]] = []
    for story, comp in enumerate(comps):
        label = " ".join(_top_terms(comp, toks, df_count, len(ids), n_terms))
        recs.extend((story, ids[i], label) for i in comp)
    return pd.DataFrame(recs, columns=["story", "doc_id", "label"]).astype({"story": "int64", "doc_id": object})


def entity_similarity(entities: pd.DataFrame, n_docs: int, min_score: float = 0.0) -> pd.DataFrame:
    """Document pairs by the weighted overlap of their canonical entities
    (cosine over documents of idf-weighted, sublinear mention counts), from an
    entity table (``doc_id, canonical``): ``doc_a, doc_b, score`` best first."""
    cols = ["doc_a", "doc_b", "score"]
    if entities.empty:
        return pd.DataFrame(columns=cols)
    ents = pd.DataFrame({"doc_id": entities["doc_id"].astype(object).to_numpy(),
                         "canonical": entities["canonical"].astype(object).to_numpy()})
    counts = ents.groupby(["doc_id", "canonical"]).size().rename("n").reset_index()
    df = counts.groupby("canonical")["doc_id"].nunique()
    idf = np.log((1 + max(n_docs, 1)) / (1 + df)) + 1.0
    counts["w"] = (1 + np.log(counts["n"])) * counts["canonical"].map(idf)
    norms = np.sqrt(counts.groupby("doc_id")["w"].apply(lambda x: float((x ** 2).sum())))
    counts["w"] = counts["w"] / counts["doc_id"].map(norms)
    pairs = counts.merge(counts, on="canonical", suffixes=("_a", "_b"))
    pairs = pairs[pairs["doc_id_a"] < pairs["doc_id_b"]]
    pairs["score"] = pairs["w_a"] * pairs["w_b"]
    out = pairs.groupby(["doc_id_a", "doc_id_b"])["score"].sum().reset_index()
    out.columns = cols
    out = out[out["score"] >= min_score]
    return out.sort_values("score", ascending=False, kind="stable").reset_index(drop=True)
