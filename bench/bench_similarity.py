"""Benchmark peacecorpus.similarity against datasketch and scikit-learn.

Prints, for a synthetic near-duplicate corpus (bench/gen_neardup.py; generated
on the fly if missing):
  * near_duplicates end to end (signatures + LSH + exact verification): wall
    time, recall and precision against the generator's ground truth;
  * MinHash signatures vs datasketch MinHash (same shingles, 128 permutations):
    speed ratio, and MinHashLSH vs ours: pairs found on the same documents;
  * TF-IDF cosine of all pairs vs scikit-learn TfidfVectorizer+cosine_similarity
    on the same tokenization: max score difference and speed ratio;
  * peak RSS of the process (resource.getrusage).

Usage:
    python bench/bench_similarity.py --n 10000
    python bench/bench_similarity.py --n 100000 --ds-docs 10000
Peers measured in the same run; ratios > 1 mean peacecorpus is faster.
"""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import List, Set, Tuple

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from peacecorpus import similarity as sim  # noqa: E402

HERE = Path(__file__).resolve().parent


class Clock:
    """Wall and process CPU time of a block: the machine is shared, so CPU
    time (this process only) is the steadier basis for ratios."""

    def __enter__(self):
        self.w0, self.c0 = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc):
        self.wall = time.perf_counter() - self.w0
        self.cpu = time.process_time() - self.c0


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def load(prefix: Path, n: int, seed: int):
    if not Path(f"{prefix}.jsonl").exists():
        subprocess.run([sys.executable, str(HERE / "gen_neardup.py"), "--n", str(n), "--seed", str(seed),
                        "--out", str(prefix)], check=True)
    ids, texts = [], []
    with open(f"{prefix}.jsonl", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            ids.append(d["id"])
            texts.append(d["text"])
    pos: Set[Tuple[str, str]] = set()
    with open(f"{prefix}.truth.tsv", encoding="utf-8") as f:
        next(f)
        for line in f:
            a, b, label, _ = line.rstrip("\n").split("\t")
            if label == "1":
                pos.add(tuple(sorted((a, b))))
    return ids, texts, pos


def pr(found: Set[Tuple[str, str]], truth: Set[Tuple[str, str]]) -> Tuple[float, float]:
    tp = len(found & truth)
    return tp / max(1, len(truth)), tp / max(1, len(found))


def py_shingles(toks: List[str], n: int = 5) -> List[bytes]:
    if len(toks) < n:
        return [" ".join(toks).encode()] if toks else []
    return [" ".join(toks[i:i + n]).encode() for i in range(len(toks) - n + 1)]


def bench_neardup(ids, texts, truth, threshold):
    with Clock() as c:
        nd = sim.near_duplicates(ids, texts, threshold=threshold)
    dt = c.wall
    found = {tuple(sorted(p)) for p in zip(nd.doc_a, nd.doc_b)}
    rec, prec = pr(found, truth)
    print(f"near_duplicates(threshold={threshold}) on {len(ids)} docs: {dt:.2f} s wall, {c.cpu:.2f} s CPU "
          f"end to end ({len(ids) / dt:,.0f} docs/s), {len(found)} pairs")
    print(f"  recall {rec:.4f}  precision {prec:.4f}  (truth: {len(truth)} generated near-duplicate pairs)")
    return dt, rec, prec


def _ds_lsh(MinHashLSH, ids, mhs, threshold, weights):
    lsh = MinHashLSH(threshold=threshold, num_perm=128, weights=weights)
    for i, mh in zip(ids, mhs):
        lsh.insert(i, mh)
    cand = set()
    for i, mh in zip(ids, mhs):
        for j in lsh.query(mh):
            if j != i:
                cand.add(tuple(sorted((i, j))))
    return lsh, cand


def bench_datasketch(ids, texts, truth, threshold, m):
    try:
        from datasketch import MinHash, MinHashLSH
    except ImportError:
        print("datasketch not installed: skipped")
        return
    ids, texts = ids[:m], texts[:m]
    sub = set(ids)
    truth = {p for p in truth if p[0] in sub and p[1] in sub}

    with Clock() as c_ours:
        sig = sim.minhash_signatures(texts, num_perm=128, ngram=5)
    with Clock() as c_sh:
        shingles = [py_shingles(sim.tokens(t)) for t in texts]
    with Clock() as c_ds:
        mhs = []
        for sh in shingles:
            mh = MinHash(num_perm=128, seed=1)
            mh.update_batch(sh)
            mhs.append(mh)
    print(f"MinHash signatures, {m} docs, 128 perms: peacecorpus {c_ours.wall:.2f} s wall / {c_ours.cpu:.2f} s CPU "
          f"from raw text; datasketch {c_ds.wall:.2f} s / {c_ds.cpu:.2f} s from ready shingles "
          f"(+{c_sh.wall:.2f} s / {c_sh.cpu:.2f} s to make them in Python)")
    print(f"  ratio (wall / CPU): {c_ds.wall / c_ours.wall:.1f}x / {c_ds.cpu / c_ours.cpu:.1f}x signatures only, "
          f"{(c_ds.wall + c_sh.wall) / c_ours.wall:.1f}x / {(c_ds.cpu + c_sh.cpu) / c_ours.cpu:.1f}x from text")
    t_ds, t_shingle = c_ds.wall, c_sh.wall
    assert sig.shape == (m, 128)

    weights = (0.05, 0.95)
    with Clock() as c_lsh:
        lsh, cand = _ds_lsh(MinHashLSH, ids, mhs, threshold, weights)
    t_lsh = c_lsh.wall
    sets = {i: set(sh) for i, sh in zip(ids, shingles)}
    ds_pairs = {p for p in cand if len(sets[p[0]] & sets[p[1]]) / max(1, len(sets[p[0]] | sets[p[1]])) >= threshold}
    with Clock() as c_nd:
        nd = sim.near_duplicates(ids, texts, threshold=threshold)
    t_ours = c_nd.wall
    ours_pairs = {tuple(sorted(p)) for p in zip(nd.doc_a, nd.doc_b)}
    r1, p1 = pr(ours_pairs, truth)
    r2, p2 = pr(ds_pairs, truth)
    ds_cpu = c_ds.cpu + c_sh.cpu + c_lsh.cpu
    print(f"MinHashLSH (datasketch, weights {weights}, candidates verified exactly) on {m} docs: "
          f"{t_ds + t_shingle + t_lsh:.2f} s wall / {ds_cpu:.2f} s CPU (verification not counted) vs "
          f"peacecorpus near_duplicates {t_ours:.2f} s / {c_nd.cpu:.2f} s: "
          f"{(t_ds + t_shingle + t_lsh) / t_ours:.1f}x / {ds_cpu / c_nd.cpu:.1f}x")
    print(f"  pairs: peacecorpus {len(ours_pairs)}, datasketch {len(ds_pairs)}, common {len(ours_pairs & ds_pairs)}; "
          f"recall/precision peacecorpus {r1:.4f}/{p1:.4f}, datasketch {r2:.4f}/{p2:.4f}")


def bench_tfidf(texts, m):
    try:
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.metrics.pairwise import cosine_similarity
    except ImportError:
        print("scikit-learn not installed: skipped")
        return
    texts = texts[:m]
    ids = [str(i) for i in range(m)]
    with Clock() as c_ours:
        df = sim.similarity(ids, texts, method="tfidf")
    with Clock() as c_sk:
        x = TfidfVectorizer(analyzer=sim.tokens, sublinear_tf=True).fit_transform(texts)
        ref = cosine_similarity(x)
    with Clock() as c_skn:
        x2 = TfidfVectorizer(sublinear_tf=True).fit_transform(texts)
        cosine_similarity(x2)
    with Clock() as c_ours01:
        df01 = sim.similarity(ids, texts, method="tfidf", min_score=0.1)
    ours, t_sk, t_sk_native = c_ours.wall, c_sk.wall, c_skn.wall
    a = df.doc_a.astype(int).to_numpy()
    b = df.doc_b.astype(int).to_numpy()
    diff = np.abs(df.score.to_numpy() - ref[a, b]).max() if len(df) else 0.0
    iu = np.triu_indices(m, 1)
    missing = int((ref[iu] > 1e-12).sum()) - len(df)
    print(f"TF-IDF cosine, all pairs of {m} docs: peacecorpus {ours:.2f} s ({len(df):,} pairs, DataFrame included); "
          f"sklearn TfidfVectorizer+cosine_similarity {t_sk:.2f} s with the same tokens "
          f"({t_sk_native:.2f} s with its own regex tokenizer)")
    print(f"  ratio (wall / CPU): {t_sk / ours:.1f}x / {c_sk.cpu / c_ours.cpu:.1f}x same tokens, "
          f"{t_sk_native / ours:.1f}x / {c_skn.cpu / c_ours.cpu:.1f}x vs sklearn's own tokenizer; "
          f"max |score difference| {diff:.2e}; non-zero pairs missing {missing}")
    print(f"  with min_score=0.1 (the usual call): {c_ours01.wall:.2f} s wall / {c_ours01.cpu:.2f} s CPU, "
          f"{len(df01):,} pairs; ratio {t_sk / c_ours01.wall:.1f}x / {c_sk.cpu / c_ours01.cpu:.1f}x")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=10000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--data", type=Path, default=None, help="corpus prefix (default /tmp/peacecorpus_neardup_<n>)")
    ap.add_argument("--threshold", type=float, default=0.8)
    ap.add_argument("--ds-docs", type=int, default=10000, help="documents for the datasketch comparison")
    ap.add_argument("--tfidf-docs", type=int, default=2000, help="documents for the sklearn comparison")
    ap.add_argument("--only-neardup", action="store_true")
    args = ap.parse_args()
    prefix = args.data or Path(f"/tmp/peacecorpus_neardup_{args.n}")
    ids, texts, truth = load(prefix, args.n, args.seed)
    mb = sum(len(t) for t in texts) / 1e6
    print(f"corpus: {len(ids)} docs, {mb:.1f} MB of text, {len(truth)} true near-duplicate pairs; "
          f"RSS after loading {peak_rss_mb():.0f} MB")
    bench_neardup(ids, texts, truth, args.threshold)
    print(f"peak RSS {peak_rss_mb():.0f} MB")
    if not args.only_neardup:
        bench_datasketch(ids, texts, truth, args.threshold, min(args.ds_docs, len(ids)))
        bench_tfidf(texts, min(args.tfidf_docs, len(texts)))
        print(f"peak RSS {peak_rss_mb():.0f} MB (whole run, peers included)")


if __name__ == "__main__":
    main()
