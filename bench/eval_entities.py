"""Entity F1 on the hand-written seed gold (tests/gold/seeds_entities.json).

Match = exact span and label.  Prints per-label P/R/F1, the micro F1 over
PERSON/ORG/GPE/LOC/EVENT (the issue's target), per-source precision and the
errors with --errors.

    python bench/eval_entities.py [--errors]
"""
from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import peacecorpus as pc  # noqa: E402

MAIN = ("PERSON", "ORG", "GPE", "LOC", "EVENT")


def gold_spans(doc, mentions):
    """(start, end, label) of the gold mentions (whole-token match after the previous one)."""
    paras = doc.paragraphs
    out, last = [], {}
    for m in mentions:
        p = paras[m["paragraph"]]
        pos = last.get(m["paragraph"], 0)
        pat = re.compile(r"(?<!\w)" + re.escape(m["text"]) + r"(?!\w)")
        hit = pat.search(p.text, pos)
        if hit is None:
            raise ValueError(f"gold mention {m['text']!r} not found in paragraph {m['paragraph']}")
        out.append((p.start + hit.start(), p.start + hit.end(), m["label"], m["canonical"]))
        last[m["paragraph"]] = hit.end()
    return out


def load():
    gold = json.loads((ROOT / "tests" / "gold" / "seeds_entities.json").read_text(encoding="utf-8"))
    docs = [pc.parse((ROOT / "data" / "seeds" / f"{d}.txt").read_text(encoding="utf-8"), doc_id=d)
            for d in sorted(gold)]
    return gold, pc.Corpus(docs)


def evaluate(corpus, gold, labels=MAIN):
    tp, fp, fn = Counter(), Counter(), Counter()
    src_tp, src_n = Counter(), Counter()
    errors = []
    for doc in corpus:
        g = {(s, e, lab) for s, e, lab, _ in gold_spans(doc, gold[doc.doc_id]) if lab in labels}
        p = {(e.start, e.end, e.label): e.source for e in doc.entities if e.label in labels}
        for k, src in p.items():
            src_n[src] += 1
            if k in g:
                tp[k[2]] += 1
                src_tp[src] += 1
            else:
                fp[k[2]] += 1
                errors.append(("FP", doc.doc_id, doc.text[k[0]:k[1]], k[2], src))
        for k in g - set(p):
            fn[k[2]] += 1
            errors.append(("FN", doc.doc_id, doc.text[k[0]:k[1]], k[2], ""))
    def f1(t, a, b):
        pr = t / (t + a) if t + a else 0.0
        rc = t / (t + b) if t + b else 0.0
        return pr, rc, (2 * pr * rc / (pr + rc) if pr + rc else 0.0)
    per = {lab: f1(tp[lab], fp[lab], fn[lab]) for lab in labels}
    micro = f1(sum(tp.values()), sum(fp.values()), sum(fn.values()))
    src = {s: (src_tp[s], src_n[s]) for s in src_n}
    return per, micro, src, errors


def main() -> None:
    gold, corpus = load()
    per, micro, src, errors = evaluate(corpus, gold)
    for lab, (p, r, f) in per.items():
        print(f"{lab:7s} P={p:.3f} R={r:.3f} F1={f:.3f}")
    print(f"micro   P={micro[0]:.3f} R={micro[1]:.3f} F1={micro[2]:.3f}  (PERSON/ORG/GPE/LOC/EVENT)")
    for s, (t, n) in sorted(src.items()):
        print(f"source {s:9s}: {n} predicted, precision {t / n:.3f}")
    per_all, micro_all, _, _ = evaluate(corpus, gold, labels=MAIN + ("NORP", "FAC", "LAW"))
    print(f"all 8 gold labels (+NORP/FAC/LAW) micro F1={micro_all[2]:.3f}")
    if "--errors" in sys.argv:
        for e in sorted(errors):
            print(*e, sep="\t")


if __name__ == "__main__":
    main()
