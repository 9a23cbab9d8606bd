"""peacecorpus.dask on a LocalCluster against the single-process Corpus API.

On the synthetic near-duplicate corpus (bench/gen_neardup.py, 100k documents by
default; generated if missing, outside the repository) this prints, for the
single-process API and for LocalCluster with 1 and 2 worker processes (one
thread each):
  * parse + tables (documents, sentences): wall time (Dask: extract(persist=True),
    so near_duplicates reuses the parsed partitions, as the single process does);
  * near_duplicates(0.8): wall time, recall/precision against the generator's
    truth, and whether the pairs equal the single-process pairs exactly;
  * peak RSS of the single process and of each worker (resource.getrusage in
    the worker, so it covers everything the worker did);
  * similarity_topk(k=5) on the first --topk-docs documents vs
    similarity.neighbours(Corpus.similarity()) (the single-process path lists
    all pairs, so it is kept small): wall time and max score difference.
Ratios > 1 mean the Dask run is faster than the single process in the same run.

Usage:
    python bench/bench_dask.py --n 100000            # ~10 min on 2 shared cores
    python bench/bench_dask.py --n 10000 --workers 2
"""
from __future__ import annotations

import argparse
import json
import logging
import multiprocessing as mp
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Dict, Set, Tuple

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
HERE = ROOT / "bench"


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def load(prefix: Path, n: int) -> Tuple[pd.DataFrame, Set[Tuple[str, str]]]:
    if not Path(f"{prefix}.jsonl").exists():
        subprocess.run([sys.executable, str(HERE / "gen_neardup.py"), "--n", str(n), "--out", str(prefix)],
                       check=True)
    rows = [json.loads(line) for line in open(f"{prefix}.jsonl", encoding="utf-8")]
    frame = pd.DataFrame({"doc_id": [r["id"] for r in rows], "text": [r["text"] for r in rows]})
    pos: Set[Tuple[str, str]] = set()
    with open(f"{prefix}.truth.tsv", encoding="utf-8") as f:
        next(f)
        for line in f:
            a, b, label, _ = line.rstrip("\n").split("\t")
            if label == "1":
                pos.add(tuple(sorted((a, b))))
    return frame, pos


def pr(pairs: pd.DataFrame, truth: Set[Tuple[str, str]]) -> Tuple[float, float]:
    found = {tuple(sorted(p)) for p in zip(pairs["doc_a"].astype(str), pairs["doc_b"].astype(str))}
    tp = len(found & truth)
    return tp / max(1, len(truth)), tp / max(1, len(found))


def canon(pairs: pd.DataFrame) -> pd.DataFrame:
    df = pd.DataFrame({"doc_a": pairs["doc_a"].astype(str).to_numpy(), "doc_b": pairs["doc_b"].astype(str).to_numpy(),
                       "jaccard_est": pairs["jaccard_est"].to_numpy(float), "jaccard": pairs["jaccard"].to_numpy(float)})
    return df.sort_values(["doc_a", "doc_b"]).reset_index(drop=True)


def single_process(parquet: str, threshold: float, out: str, q) -> None:
    """Runs in a fresh process so its peak RSS is its own."""
    import dask.dataframe as dd
    import peacecorpus as pc
    res: Dict[str, float] = {}
    # the same row order as the Dask run (pd.read_parquet would sort part.10 before part.2)
    frame = dd.read_parquet(parquet).compute(scheduler="synchronous")
    t = time.perf_counter()
    corpus = pc.Corpus.from_pandas(frame)
    n_docs, n_sents = len(corpus.documents()), len(corpus.sentences())
    res["tables_s"] = time.perf_counter() - t
    t = time.perf_counter()
    pairs = corpus.near_duplicates(threshold)
    res["neardup_s"] = time.perf_counter() - t
    canon(pairs).to_parquet(out)
    res.update(n_docs=n_docs, n_sents=n_sents, rss_mb=peak_rss_mb())
    q.put(res)


def start_sampler(dask_worker) -> None:
    """Sample this worker's RSS every 50 ms (getrusage's peak is inherited
    from the process that started the worker, so it is not used here)."""
    import threading
    import psutil
    proc = psutil.Process()
    dask_worker._pc_peak = proc.memory_info().rss

    def loop() -> None:
        while True:
            dask_worker._pc_peak = max(dask_worker._pc_peak, proc.memory_info().rss)
            time.sleep(0.05)

    threading.Thread(target=loop, daemon=True).start()


def reset_peak(dask_worker) -> None:
    import psutil
    dask_worker._pc_peak = psutil.Process().memory_info().rss


def read_peak(dask_worker) -> float:
    return dask_worker._pc_peak / 2 ** 20


def dask_run(parquet: str, workers: int, threshold: float) -> Tuple[Dict[str, float], pd.DataFrame]:
    from distributed import Client, LocalCluster
    import dask
    from peacecorpus import dask as pcd
    res: Dict[str, float] = {}
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0",
                      memory_limit="4GiB") as cluster, Client(cluster) as client:
        client.run(start_sampler)
        ddf = pcd.read_parquet(parquet)
        t = time.perf_counter()
        # persist: near_duplicates below reuses the parsed partitions (same task keys)
        tabs = pcd.extract(ddf, tables=["documents", "sentences"], persist=True)
        n_docs, n_sents = dask.compute(tabs["documents"].shape[0], tabs["sentences"].shape[0])
        res["tables_s"] = time.perf_counter() - t
        res["tables_rss"] = sorted(round(v) for v in client.run(read_peak).values())
        client.run(reset_peak)
        t = time.perf_counter()
        pairs = pcd.near_duplicates(ddf, threshold).compute()
        res["neardup_s"] = time.perf_counter() - t
        res["neardup_rss"] = sorted(round(v) for v in client.run(read_peak).values())
        res.update(n_docs=n_docs, n_sents=n_sents)
    return res, canon(pairs)


def topk_compare(frame: pd.DataFrame, k: int) -> None:
    import dask.dataframe as dd
    from distributed import Client, LocalCluster
    import peacecorpus as pc
    from peacecorpus import dask as pcd, similarity as sim
    t = time.perf_counter()
    corpus = pc.Corpus.from_pandas(frame)
    want = sim.neighbours(corpus.similarity("tfidf"), k)
    t_single = time.perf_counter() - t
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster, \
            Client(cluster):
        ddf = dd.from_pandas(frame, npartitions=8)
        t = time.perf_counter()
        got = pcd.similarity_topk(ddf, k).compute()
        t_dask = time.perf_counter() - t
    key = ["doc_id", "rank"]
    w = want.astype({"doc_id": str, "neighbour": str}).sort_values(key).reset_index(drop=True)
    g = got.astype({"doc_id": str, "neighbour": str}).sort_values(key).reset_index(drop=True)
    same_rows = len(w) == len(g) and (w["doc_id"] == g["doc_id"]).all()
    diff = float(np.abs(w["score"].to_numpy() - g["score"].to_numpy()).max()) if same_rows else float("nan")
    nb = float((w["neighbour"] == g["neighbour"]).mean()) if same_rows else float("nan")
    print(f"similarity_topk(k={k}) on {len(frame)} docs: single {t_single:.2f} s, dask 2 workers {t_dask:.2f} s "
          f"(ratio {t_single / t_dask:.2f}); rows equal: {same_rows}; max |score diff| {diff:.2e}; "
          f"same neighbour at each rank: {nb:.4f} (the rest are ties)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=100000)
    ap.add_argument("--partitions", type=int, default=32)
    ap.add_argument("--workers", default="1,2")
    ap.add_argument("--threshold", type=float, default=0.8)
    ap.add_argument("--topk-docs", type=int, default=3000)
    ap.add_argument("--work", type=Path, default=Path("/tmp/peacecorpus_dask_bench"))
    args = ap.parse_args()
    import dask.dataframe as dd
    import distributed  # noqa: F401  (configures its loggers; quiet the per-shuffle warnings after)
    logging.getLogger("distributed.shuffle").setLevel(logging.ERROR)

    frame, truth = load(Path(f"/tmp/peacecorpus_neardup_{args.n}"), args.n)
    args.work.mkdir(parents=True, exist_ok=True)
    parquet = str(args.work / f"input_{args.n}")
    if not Path(parquet).exists():
        dd.from_pandas(frame, npartitions=args.partitions).to_parquet(parquet, write_index=False)
    print(f"{len(frame)} documents, {frame['text'].str.len().sum() / 1e6:.0f} MB of text, "
          f"{args.partitions} Parquet partitions; truth: {len(truth)} near-duplicate pairs")

    q = mp.get_context("spawn").Queue()
    single_pairs = str(args.work / "single_pairs.parquet")
    p = mp.get_context("spawn").Process(target=single_process, args=(parquet, args.threshold, single_pairs, q))
    p.start()
    single = q.get()
    p.join()
    ref = pd.read_parquet(single_pairs)
    rec, prec = pr(ref, truth)
    print(f"single process : tables {single['tables_s']:.1f} s, near_duplicates {single['neardup_s']:.1f} s, "
          f"{len(ref)} pairs, recall {rec:.4f} precision {prec:.4f}, peak RSS {single['rss_mb']:.0f} MB")
    base = None
    for w in [int(x) for x in args.workers.split(",")]:
        res, pairs = dask_run(parquet, w, args.threshold)
        rec, prec = pr(pairs, truth)
        same = (len(pairs) == len(ref) and pairs["doc_a"].tolist() == ref["doc_a"].astype(str).tolist()
                and pairs["doc_b"].tolist() == ref["doc_b"].astype(str).tolist()
                and np.array_equal(pairs["jaccard"].to_numpy(), ref["jaccard"].to_numpy())
                and np.array_equal(pairs["jaccard_est"].to_numpy(), ref["jaccard_est"].to_numpy()))
        total = res["tables_s"] + res["neardup_s"]
        base = base or total
        print(f"dask {w} worker{'s' if w > 1 else ' '}: tables {res['tables_s']:.1f} s, near_duplicates "
              f"{res['neardup_s']:.1f} s, {len(pairs)} pairs, recall {rec:.4f} precision {prec:.4f}, "
              f"identical to single: {same}; peak RSS per worker: tables {res['tables_rss']} MB, "
              f"near_duplicates {res['neardup_rss']} MB; "
              f"vs single {(single['tables_s'] + single['neardup_s']) / total:.2f}x, "
              f"scaling vs first run {base / total:.2f}x")
        assert res["n_docs"] == single["n_docs"] and res["n_sents"] == single["n_sents"]
    if args.topk_docs:
        topk_compare(frame.iloc[: args.topk_docs].reset_index(drop=True), 5)


if __name__ == "__main__":
    main()
