"""Times, events and conflicts of the seed articles against the hand-written gold (issue #19).

    PYTHONPATH=. python bench/eval_events.py [--errors]

Gold: tests/gold/seeds_times.json, seeds_events.json, seeds_conflicts.json (written by reading,
before any extractor existed; see tests/gold/README.md).

times      a system expression matches a gold one when they overlap; value right when value and
           partial value are both the gold ones
events     a system event matches a gold one with the same document, sentence and type (one
           mention per type and sentence: the engine keeps the first trigger of a type); on the
           matched ones: status, participants (F1 of the name sets), place, time value (gold
           time text found in the system's time), numbers (value and unit of each gold number)
conflicts  Corpus.conflicts() on data/seeds: a reported conflict is right when its two versions
           are the gold versions of a gold conflict (the 2022-vs-2023 offensive) and its evidence
           sentences are gold evidence of those versions; anything else is false, and each of the
           15 gold not-conflicts is checked to be absent
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, Dict, List

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import peacecorpus as pc  # noqa: E402
from peacecorpus.events import document_events, document_times  # noqa: E402

GOLD = ROOT / "tests" / "gold"


def _prf(tp: int, fp: int, fn: int) -> str:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return f"P {p:.3f}  R {r:.3f}  F1 {f:.3f}  (tp {tp}, fp {fp}, fn {fn})"


def eval_times(corpus: Any, errors: List[str]) -> Dict[str, Any]:
    gold = json.loads((GOLD / "seeds_times.json").read_text(encoding="utf-8"))
    tp = fp = fn = ok = 0
    for doc in corpus:
        found = document_times(doc)
        used = set()
        sents = doc.sentences
        for g in gold[doc.doc_id]:
            start = doc.text.index(g["text"], sents[g["sentence"]].start)
            end = start + len(g["text"])
            hits = [t for t in found if t.start < end and start < t.end]
            if not hits:
                fn += 1
                errors.append(f"time MISS  {doc.doc_id[:3]} {g['text']!r} {g['value'] or g['partial']}")
                continue
            tp += 1
            used.add(hits[0])
            good = hits[0].value == g["value"] and hits[0].partial == (g["partial"] or g["value"])
            ok += good
            if not good:
                errors.append(f"time VALUE {doc.doc_id[:3]} {g['text']!r} gold {g['value']}/{g['partial']} "
                              f"sys {hits[0].value}/{hits[0].partial}")
        for t in found:
            if t not in used:
                fp += 1
                errors.append(f"time SPUR  {doc.doc_id[:3]} {t.text!r} {t.value or t.partial}")
    return {"prf": _prf(tp, fp, fn), "value_acc": ok / tp if tp else 0.0}


def eval_events(corpus: Any, errors: List[str]) -> Dict[str, Any]:
    gold = json.loads((GOLD / "seeds_events.json").read_text(encoding="utf-8"))["events"]
    ents = corpus.entities()
    tp = fp = fn = 0
    status_ok = place_ok = time_ok = 0
    part_f: List[float] = []
    num_hit = num_all = 0
    for doc in corpus:
        sys_ev = document_events(doc, ents[ents["doc_id"] == doc.doc_id].to_dict("records"))
        by_key = {(e.sentence, e.type): e for e in sys_ev}
        gkeys = set()
        for g in gold[doc.doc_id]:
            key = (g["sentence"], g["type"])
            if key in gkeys:
                continue  # a second gold mention of a type in one sentence
            gkeys.add(key)
            e = by_key.get(key)
            if e is None:
                fn += 1
                errors.append(f"event MISS {doc.doc_id[:3]} s{g['sentence']} {g['type']} {g['trigger']!r}")
                continue
            tp += 1
            status_ok += e.status == g["status"]
            place_ok += (e.place or None) == (g["place"] or None)
            gt = g["time"]["text"] if g["time"] else None
            time_ok += (gt is None and e.time is None) or (gt is not None and e.time is not None and
                                                          (gt in e.time or e.time in gt))
            gp, sp = set(g["participants"]), set(e.participants)
            if gp or sp:
                inter = len(gp & sp)
                part_f.append(2 * inter / (len(gp) + len(sp)))
                if gp != sp:
                    errors.append(f"event PARTICIPANTS {doc.doc_id[:3]} s{g['sentence']} {g['type']} "
                                  f"gold {sorted(gp)} system {sorted(sp)}")
            for n in g["numbers"]:
                num_all += 1
                num_hit += any(abs(x.value - n["value"]) < 1e-6 and x.unit == n["unit"] for x in e.numbers)
        for e in sys_ev:
            if (e.sentence, e.type) not in gkeys:
                fp += 1
                errors.append(f"event SPUR {doc.doc_id[:3]} s{e.sentence} {e.type} {e.trigger!r} "
                              f"{e.participants} | {e.evidence[:90]}")
    return {"prf": _prf(tp, fp, fn), "status": status_ok / tp if tp else 0.0,
            "place": place_ok / tp if tp else 0.0, "time": time_ok / tp if tp else 0.0,
            "participants_f1": sum(part_f) / len(part_f) if part_f else 0.0,
            "numbers": f"{num_hit}/{num_all}"}


def _norm(s: str) -> str:
    return " ".join(s.split())


def eval_conflicts(corpus: Any, errors: List[str]) -> Dict[str, Any]:
    gold = json.loads((GOLD / "seeds_conflicts.json").read_text(encoding="utf-8"))
    found = corpus.conflicts()
    tp = fp = 0
    matched = set()
    for r in found.itertuples(index=False):
        hit = None
        for g in gold["conflicts"]:
            versions = {v["value"]: v for v in g["versions"]}
            if {r.value_a, r.value_b} != set(versions):
                continue
            ev = {v["value"]: {_norm(m["evidence"]) for m in v["mentions"]} for v in g["versions"]}
            docs = {v["value"]: set(v["documents"]) for v in g["versions"]}
            if (_norm(r.evidence_a) in ev[r.value_a] and _norm(r.evidence_b) in ev[r.value_b] and
                    set(r.documents_a) == docs[r.value_a] and set(r.documents_b) == docs[r.value_b]):
                hit = g["id"]
        if hit:
            tp += 1
            matched.add(hit)
        else:
            fp += 1
            errors.append(f"conflict FALSE {r.summary}")
    fn = len(gold["conflicts"]) - len(matched)
    # none of the not-conflicts may be reported: no row pairs two of their sides' values/evidence
    broken = []
    for nc in gold["not_conflicts"]:
        sides = nc.get("mentions") or nc.get("times") or []
        ev = {_norm(m["evidence"]) if "evidence" in m else _norm(corpus[m["doc"]].sentences[m["sentence"]].text)
              for m in sides}
        for r in found.itertuples(index=False):
            if _norm(r.evidence_a) in ev and _norm(r.evidence_b) in ev:
                broken.append(nc["id"])
    return {"prf": _prf(tp, fp, fn), "not_conflicts_reported": broken, "n_not_conflicts": len(gold["not_conflicts"])}


def main(argv: List[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--errors", action="store_true")
    args = ap.parse_args(argv)
    corpus = pc.read_dir(ROOT / "data" / "seeds", "*.txt")
    errors: List[str] = []
    t = eval_times(corpus, errors)
    print(f"times      {t['prf']}  value accuracy {t['value_acc']:.3f}")
    e = eval_events(corpus, errors)
    print(f"events     {e['prf']}")
    print(f"           on matched: status {e['status']:.3f}  place {e['place']:.3f}  time {e['time']:.3f}  "
          f"participants F1 {e['participants_f1']:.3f}  numbers {e['numbers']}")
    c = eval_conflicts(corpus, errors)
    print(f"conflicts  {c['prf']}  not-conflicts reported: {len(c['not_conflicts_reported'])} of "
          f"{c['n_not_conflicts']} {c['not_conflicts_reported']}")
    if args.errors:
        print("\n".join(errors))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
