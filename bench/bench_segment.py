"""Cleaning + segmentation throughput: peacecorpus against spaCy's tokenizer + sentencizer.

Two corpora: the five bundled seed articles replicated to ``--mb`` MB (default 20) and the
BBC news articles from the shared evaluation data (``title + "\\n\\n" + text``; skipped when
absent).  For each corpus, in separate child processes (so that peak RSS belongs to one
engine):

* ``pc-1``   ``peacecorpus.parse`` per document, one thread;
* ``pc-2``   ``Corpus.from_texts(texts, n_jobs=2)`` (threads; the C engine drops the GIL);
* ``spacy``  ``spacy.blank("en")`` + ``sentencizer`` via ``nlp.pipe(batch_size=64)``, one process.

Printed: MB/s of input text, tokens/s, ratio ours/spaCy, peak RSS.  A sanity section
compares token and sentence counts with spaCy on the BBC text, and the agreement of
sentence boundaries (both run on *our cleaned* text so that offsets are comparable).

    python bench/bench_segment.py            # 20 MB of seeds + all BBC articles
    python bench/bench_segment.py --quick    # 2 MB of seeds + 300 BBC articles
    python bench/bench_segment.py --mb 50
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Dict, List, Optional, Tuple

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # this tree's build, in the parent as in the children
from peacecorpus._paths import eval_dir as find_eval_dir  # noqa: E402
TARGET_RATIO = 50.0


def eval_dir() -> Path:
    return find_eval_dir(REPO)


def seed_texts(mb: float) -> List[str]:
    seeds = [p.read_text(encoding="utf-8") for p in sorted((REPO / "data" / "seeds").glob("*.txt"))]
    size = sum(len(s.encode("utf-8")) for s in seeds)
    reps = max(1, int(mb * 1e6 / size + 0.999))
    return seeds * reps


def bbc_texts(limit: Optional[int] = None) -> Optional[List[str]]:
    path = eval_dir() / "news" / "bbc_news.jsonl"
    if not path.is_file():
        return None
    out = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                rec = json.loads(line)
                out.append(rec["title"] + "\n\n" + rec["text"])
                if limit and len(out) >= limit:
                    break
    return out


def load(corpus: str, mb: float, quick: bool) -> Optional[List[str]]:
    if corpus == "seeds":
        return seed_texts(2.0 if quick else mb)
    return bbc_texts(300 if quick else None)


def peak_rss_mb() -> float:
    # ru_maxrss is in KiB on Linux
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


# -- one measurement (runs in a child process) ---------------------------------------------

def run_engine(engine: str, texts: List[str], repeat: int) -> Dict[str, float]:
    import peacecorpus as pc

    base_rss = peak_rss_mb()
    best = best_cpu = float("inf")
    ntok = nsent = 0
    for _ in range(repeat):
        if engine == "pc-1":
            t0, c0 = time.perf_counter(), time.process_time()
            ntok = nsent = 0
            for t in texts:
                d = pc.parse(t)
                ntok += d.n_tokens
                nsent += d.n_sentences
            dt, dc = time.perf_counter() - t0, time.process_time() - c0
        elif engine == "pc-2":
            t0, c0 = time.perf_counter(), time.process_time()
            c = pc.Corpus.from_texts(texts, n_jobs=2)
            dt, dc = time.perf_counter() - t0, time.process_time() - c0
            s = c.summary()
            ntok, nsent = s["tokens"], s["sentences"]
            del c
        elif engine == "spacy":
            import spacy
            nlp = spacy.blank("en")
            nlp.add_pipe("sentencizer")
            nlp.max_length = max(nlp.max_length, max(len(t) for t in texts) + 1)
            t0, c0 = time.perf_counter(), time.process_time()
            ntok = nsent = 0
            for d in nlp.pipe(texts, batch_size=64):
                ntok += sum(1 for tok in d if not tok.is_space)
                nsent += sum(1 for _ in d.sents)
            dt, dc = time.perf_counter() - t0, time.process_time() - c0
        else:
            raise ValueError(engine)
        best, best_cpu = min(best, dt), min(best_cpu, dc)
    return {"seconds": best, "cpu_seconds": best_cpu, "tokens": ntok, "sentences": nsent,
            "rss_base_mb": base_rss, "rss_peak_mb": peak_rss_mb()}


def child(args: argparse.Namespace) -> None:
    texts = load(args.corpus, args.mb, args.quick)
    assert texts is not None
    res = run_engine(args.engine, texts, args.repeat)
    res["bytes"] = sum(len(t.encode("utf-8")) for t in texts)
    res["docs"] = len(texts)
    print(json.dumps(res))


def measure(corpus: str, engine: str, args: argparse.Namespace) -> Dict[str, float]:
    repeat = 1 if engine == "spacy" else args.repeat
    cmd = [sys.executable, __file__, "--child", "--corpus", corpus, "--engine", engine,
           "--mb", str(args.mb), "--repeat", str(repeat)] + (["--quick"] if args.quick else [])
    env = dict(os.environ)
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    out = subprocess.run(cmd, check=True, capture_output=True, text=True, env=env)
    return json.loads(out.stdout.strip().splitlines()[-1])


# -- sanity: agreement with spaCy's sentencizer --------------------------------------------

_QUOTES = "\"'\u201d\u2019"


def _end(text: str, e: int, quotes: bool = False) -> int:
    """Sentence end without trailing white space (and, with ``quotes``, closing quotes)."""
    while e > 0 and (text[e - 1].isspace() or (quotes and text[e - 1] in _QUOTES)):
        e -= 1
    return e


def agreement(texts: List[str]) -> Dict[str, float]:
    """Sentence ends of ours vs spaCy's sentencizer, both on our cleaned text."""
    import peacecorpus as pc
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    docs = [pc.parse(t) for t in texts]
    # raw: ends as they are; norm: closing quotes ignored (spaCy's sentencizer glues an
    # opening '"' after '. ' to the previous sentence) and paragraph ends left out (the
    # sentencizer does not split at a blank line, so headlines run into the next sentence)
    n = {"raw": [0, 0, 0], "norm": [0, 0, 0]}
    ours_tok = theirs_tok = 0
    ours_sent = theirs_sent = 0
    for d, sd in zip(docs, nlp.pipe([d.text for d in docs], batch_size=64)):
        para_ends = {_end(d.text, p.end, True) for p in d.paragraphs}
        for key, q in (("raw", False), ("norm", True)):
            ours = {_end(d.text, s.end, q) for s in d.sentences}
            theirs = {_end(d.text, s.end_char, q) for s in sd.sents}
            if q:
                ours -= para_ends
                theirs -= para_ends
            ours.discard(0)
            theirs.discard(0)
            n[key][0] += len(ours)
            n[key][1] += len(theirs)
            n[key][2] += len(ours & theirs)
        ours_tok += d.n_tokens
        theirs_tok += sum(1 for tok in sd if not tok.is_space)
        ours_sent += d.n_sentences
        theirs_sent += sum(1 for _ in sd.sents)
    return {"docs": len(docs), "ours_sentences": ours_sent, "spacy_sentences": theirs_sent,
            "ours_tokens": ours_tok, "spacy_tokens": theirs_tok,
            **{f"ours_in_spacy_{k}": v[2] / v[0] if v[0] else 0.0 for k, v in n.items()},
            **{f"spacy_in_ours_{k}": v[2] / v[1] if v[1] else 0.0 for k, v in n.items()}}


# -- report --------------------------------------------------------------------------------

def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mb", type=float, default=20.0, help="size of the replicated seed corpus (MB)")
    ap.add_argument("--quick", action="store_true", help="2 MB of seeds, 300 BBC articles")
    ap.add_argument("--repeat", type=int, default=3, help="runs of our engine (best is kept)")
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--corpus", default="seeds", help=argparse.SUPPRESS)
    ap.add_argument("--engine", default="pc-1", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args)
        return

    import peacecorpus
    import spacy
    print(f"peacecorpus {peacecorpus.__version__} (from {Path(peacecorpus.__file__).parent}), "
          f"spaCy {spacy.__version__}, {os.cpu_count()} CPUs, Python {sys.version.split()[0]}")
    print("time = best of %d runs for peacecorpus, 1 run for spaCy; MB/s from wall clock and from\n"
          "process CPU time (all threads; steadier on a shared machine)" % args.repeat)
    corpora = ["seeds"]
    if bbc_texts(1) is None:
        print(f"BBC corpus not found under {eval_dir()}: skipped (set PEACECORPUS_EVAL)")
    else:
        corpora.append("bbc")
    header = f"{'corpus':<7} {'engine':<7} {'docs':>6} {'MB':>6} {'MB/s':>7} {'x spaCy':>8} " \
             f"{'MB/s CPU':>9} {'x spaCy':>8} {'ktok/s':>7} {'peak RSS MB':>12}"
    print()
    print(header)
    print("-" * len(header))
    ratios: Dict[Tuple[str, str], float] = {}
    for corpus in corpora:
        res = {e: measure(corpus, e, args) for e in ("pc-1", "pc-2", "spacy")}
        sp = res["spacy"]["bytes"] / res["spacy"]["seconds"]
        sp_cpu = res["spacy"]["bytes"] / res["spacy"]["cpu_seconds"]
        for e, r in res.items():
            mbs = r["bytes"] / r["seconds"]
            mbs_cpu = r["bytes"] / r["cpu_seconds"]
            ratios[(corpus, e)] = mbs / sp
            ratios[(corpus, e + " CPU")] = mbs_cpu / sp_cpu
            print(f"{corpus:<7} {e:<7} {r['docs']:>6} {r['bytes'] / 1e6:>6.1f} {mbs / 1e6:>7.2f} "
                  f"{mbs / sp:>8.1f} {mbs_cpu / 1e6:>9.2f} {mbs_cpu / sp_cpu:>8.1f} "
                  f"{r['tokens'] / r['seconds'] / 1e3:>7.0f} {r['rss_peak_mb']:>12.0f}")
        print(f"{'':<15} tokens: ours {res['pc-1']['tokens']}, spaCy {res['spacy']['tokens']} "
              f"(non-space); sentences: ours {res['pc-1']['sentences']}, spaCy {res['spacy']['sentences']}")
    print()
    for (corpus, e), r in ratios.items():
        if e in ("pc-1", "pc-1 CPU", "pc-2"):
            verdict = "meets" if r >= TARGET_RATIO else "BELOW"
            what = {"pc-1": "single thread, wall", "pc-1 CPU": "single thread, CPU time",
                    "pc-2": "2 threads, wall"}[e]
            print(f"{corpus}: {what}: {r:.1f}x spaCy ({verdict} the {TARGET_RATIO:.0f}x target)")

    if "bbc" in corpora:
        texts = bbc_texts(300 if args.quick else None)
        a = agreement(texts)
        print()
        print(f"sentence agreement on {a['docs']} BBC articles (both on our cleaned text):")
        print(f"  sentences: ours {a['ours_sentences']}, spaCy sentencizer {a['spacy_sentences']}")
        print(f"  tokens:    ours {a['ours_tokens']}, spaCy {a['spacy_tokens']} (non-space)")
        print(f"  our sentence ends that are spaCy ends: {a['ours_in_spacy_raw']:.3f} raw, "
              f"{a['ours_in_spacy_norm']:.3f} ignoring closing quotes and paragraph ends")
        print(f"  spaCy sentence ends that are ours:     {a['spacy_in_ours_raw']:.3f} raw, "
              f"{a['spacy_in_ours_norm']:.3f} ignoring closing quotes and paragraph ends")


if __name__ == "__main__":
    main()
