"""Gazetteer matching: peacecorpus (C, Aho-Corasick + folding + word/case rules)
against pyahocorasick on the same patterns and the same text.

    PYTHONPATH=. python bench/bench_gazetteer.py [--mb 50] [--repeat 3]

Patterns: every surface of the bundled gazetteers (with titles), case-folded.
Texts: the five seed articles replicated to ~--mb MB (one string), and the
BBC news articles of ../shared/eval/news/bbc_news.jsonl one document at a
time (skipped if absent).

Speeds: both engines in this process, runs interleaved, best of --repeat
(the machine is shared, so single runs are noisy).  Peak RSS: each engine
once more in its own subprocess, so the number is that engine's alone.

pyahocorasick does less work per byte: it matches the pre-folded text
(folding time is counted, done with str.casefold) and reports every hit,
including hits inside words; its results are consumed with
collections.deque(maxlen=0), the cheapest way to drain an iterator.  Ours
folds, checks word boundaries and case rules and returns a list of
(start, end, entry) tuples with str offsets.
"""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from peacecorpus._paths import eval_dir as find_eval_dir  # noqa: E402


def _eval_dir() -> Path:
    return find_eval_dir(ROOT)


def _surfaces() -> list[str]:
    from peacecorpus.gazetteer import DEFAULT_FILES, _read_tsv
    from peacecorpus._paths import data_path

    out = []
    for name in DEFAULT_FILES + ("titles",):
        out.extend(r[0] for r in _read_tsv(str(data_path("gazetteers", f"{name}.tsv"))))
    return out


def _texts(mb: float) -> dict:
    seeds = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "data" / "seeds").glob("*.txt")))
    reps = max(1, int(mb * 1e6 / len(seeds.encode("utf-8"))))
    texts = {"seeds": [("\n\n".join([seeds] * reps))]}
    bbc = _eval_dir() / "news" / "bbc_news.jsonl"
    if bbc.exists():
        with open(bbc, encoding="utf-8") as fh:
            texts["bbc"] = [json.loads(line)["text"] for line in fh if line.strip()]
    return texts


def _peak_mb() -> float:
    """Peak RSS of this process in MB.  VmHWM, because ru_maxrss survives
    fork+exec on Linux and would report the parent's peak."""
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024.0
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def _engine(name: str, surfaces: list):
    """(build seconds, automaton MB, {mode: fn(text) -> hit count})."""
    t0 = time.perf_counter()
    if name == "peacecorpus":
        from peacecorpus import _core

        folded = [_core.gazetteer_fold(s) for s in surfaces]
        g = _core.Gazetteer(folded, cases=[1] * len(folded))  # case rule "any", like the peer
        g.compile()
        return (time.perf_counter() - t0, g.nbytes / 1e6, {
            "leftmost-longest": lambda t: len(g.match(t)),
            "overlapping": lambda t: len(g.match(t, overlapping=True)),
        })
    import ahocorasick

    A = ahocorasick.Automaton()
    for i, s in enumerate(surfaces):
        A.add_word(s.casefold(), i)
    A.make_automaton()

    def drain(it) -> int:
        n = 0
        for _ in it:
            n += 1
        return n

    return (time.perf_counter() - t0, A.get_stats()["total_size"] / 1e6, {
        "leftmost-longest": lambda t: drain(A.iter_long(t.casefold())),
        "overlapping": lambda t: drain(A.iter(t.casefold())),
    })


def peak_rss(name: str, mb: float) -> dict:
    """Run in a child: build, match every text once, report peak RSS."""
    surfaces = _surfaces()
    texts = _texts(mb)
    before = _peak_mb()
    _, _, modes = _engine(name, surfaces)
    after_build = _peak_mb()
    for docs in texts.values():
        for fn in modes.values():
            for d in docs:
                fn(d)
    return {"texts_loaded": before, "after_build": after_build, "peak": _peak_mb()}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=float, default=50.0)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--rss", choices=["peacecorpus", "pyahocorasick"])
    args = ap.parse_args()
    if args.rss:
        print(json.dumps(peak_rss(args.rss, args.mb)))
        return
    surfaces = _surfaces()
    texts = _texts(args.mb)
    engines = {n: _engine(n, surfaces) for n in ("peacecorpus", "pyahocorasick")}
    print(f"patterns: {len(surfaces)} gazetteer surfaces, case-folded; best of {args.repeat} "
          "interleaved runs (the machine is shared)")
    print("build: " + ", ".join(f"{n} {e[0]:.3f} s ({e[1]:.1f} MB automaton)" for n, e in engines.items()))
    print(f"{'text/mode':28} {'MB':>6} {'ours MB/s':>10} {'peer MB/s':>10} {'ratio':>7} {'ours hits':>10} {'peer hits':>10}")
    for corpus, docs in texts.items():
        nbytes = sum(len(d.encode("utf-8")) for d in docs) / 1e6
        for mode in ("leftmost-longest", "overlapping"):
            best = {n: float("inf") for n in engines}
            hits = {}
            for _ in range(args.repeat):
                for n, e in engines.items():
                    fn = e[2][mode]
                    t = time.perf_counter()
                    hits[n] = sum(fn(d) for d in docs)
                    best[n] = min(best[n], time.perf_counter() - t)
            ours, peer = nbytes / best["peacecorpus"], nbytes / best["pyahocorasick"]
            print(f"{corpus + '/' + mode:28} {nbytes:6.1f} {ours:10.1f} {peer:10.1f} {ours / peer:6.2f}x "
                  f"{hits['peacecorpus']:10d} {hits['pyahocorasick']:10d}")
    rss = {}
    for n in engines:
        out = subprocess.run([sys.executable, __file__, "--rss", n, "--mb", str(args.mb)],
                             capture_output=True, text=True, check=True)
        rss[n] = json.loads(out.stdout.strip().splitlines()[-1])
    print("peak RSS, own process (texts loaded -> automaton built -> one pass over every text):")
    for n, r in rss.items():
        print(f"  {n:14} {r['texts_loaded']:.0f} -> {r['after_build']:.0f} -> {r['peak']:.0f} MB")


if __name__ == "__main__":
    main()
