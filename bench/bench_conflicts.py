"""Conflict detection on a synthetic corpus built from BBC News: known changes, measured recall/precision.

    PYTHONPATH=. python bench/bench_conflicts.py [--docs 100000] [--seed 19] [--threads 2]

The BBC articles ($PEACECORPUS_EVAL/news/bbc_news.jsonl, 2,225 articles, third-party: read from
outside the repository, skipped when absent) are copied with controlled changes.  For each
article (in the file's order, until --docs documents):

  the original;
  one CHANGED copy: one sentence that reports an event with a date or a number gets its date
      (the year shifted by 1-2, or the month moved by 3) or its number (x1.5, x0.6, x2 or x0.4,
      written the same way) changed -- the ground truth: a conflict between the original's
      sentence and the copy's;
  one REWORDED copy: the same kind of sentence with only the form changed ("20%" -> "20
      percent", "5 March 2005" -> "March 5, 2005", "March 2005" -> "March of 2005", a hedge
      "nearly" put before a number) -- must not be a conflict;
  near-duplicate copies (the rest): the article with a wire header and footer and one
      reporting verb changed in a sentence without a date or number -- must not be a conflict.

"A sentence that reports an event with a date or a number" is chosen by this script alone, not
by the engine: it has a word of data/lexicons/event_triggers.tsv (plain word match), no
hypothetical cue of data/lexicons/event_cues.tsv ("could", "if", "wants to": a conditional or a
wish reports no event) and no question mark, and a date (a month name with a year, or a year
after in/since/by/until/from/of/during) or a number with a unit word of
data/lexicons/number_units.tsv, %, a currency sign or million/billion.  So a sentence where the
engine finds no event is a miss, not a skipped case.

Scoring, on Corpus.conflicts() of the whole corpus: a reported conflict is right when one side
holds a CHANGED copy, with the changed sentence as its evidence, and the other side copies
without that change (the original and its near-duplicates, or another article with the same
sentence -- BBC News holds some articles twice, and repeats background sentences across stories:
they disagree with the changed copy by construction); every other row is false, including
conflicts between two different BBC articles that involve no change (printed apart: they may be
real disagreements of the source, but nothing here can confirm them).  Recall = changed copies
whose conflict is reported.  Precision = right rows / reported rows.

Time: wall and CPU time of everything from the texts to the conflicts (parsing, entities,
events, near-duplicates, merging), with --threads threads for parsing and --threads processes
(this one and forked children, peacecorpus._parallel) for the per-document entity and event
stages; CPU counts this process and its children, and the load average is printed beside it
(the 5-minute target is for a machine that is not shared).  The corpus is built first and not
timed.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import sys
import time
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import peacecorpus as pc  # noqa: E402
from peacecorpus._paths import eval_dir  # noqa: E402

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
_M = "|".join(MONTHS)
RE_FULL = re.compile(rf"\b(\d{{1,2}}) ({_M}) ((?:19|20)\d\d)\b")
RE_MONTH_YEAR = re.compile(rf"\b({_M}),? ((?:19|20)\d\d)\b")
RE_YEAR = re.compile(r"\b(in|since|by|until|from|of|during) ((?:19|20)\d\d)\b")


def _hypothetical() -> re.Pattern:
    """Conditional and wished statements (the cue file's "hypothetical" phrases): not reports of
    an event, by the definition the gold and the engine share -- a change there is no conflict."""
    cues = []
    for line in (ROOT / "data" / "lexicons" / "event_cues.tsv").read_text(encoding="utf-8").splitlines():
        if line.startswith("hypothetical\t"):
            cues.append(re.escape(line.split("\t")[1]))
    return re.compile(r"\b(?:" + "|".join(cues) + r")\b", re.I)


def _lexicon_words() -> Tuple[re.Pattern, re.Pattern]:
    forms = []
    for line in (ROOT / "data" / "lexicons" / "event_triggers.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            forms += [f.strip() for f in line.split("\t")[2].split("|") if f.strip()]
    trig = re.compile(r"\b(?:" + "|".join(sorted((re.escape(f).replace(r"\ \-\ ", "-") for f in forms),
                                              key=len, reverse=True)) + r")\b", re.I)
    units = []
    for line in (ROOT / "data" / "lexicons" / "number_units.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            w = line.split("\t")[0]
            if w.isalpha() or " " in w:
                units.append(re.escape(w))
    num = re.compile(r"(?:(?P<cur>[£$€])(?P<v1>\d[\d,]*(?:\.\d+)?)(?P<m1>bn|m| million| billion)?)"
                     r"|(?:\b(?P<v2>\d[\d,]*(?:\.\d+)?)(?P<u2>%| percent| per cent| million| billion| (?:"
                     + "|".join(units) + r")\b))")
    return trig, num


def sentences(text: str) -> List[Tuple[int, int]]:
    """Sentence spans (a simple splitter for choosing sentences; the engine is not used)."""
    out, start = [], 0
    for m in re.finditer(r"(?<=[.!?])\s+(?=[A-Z\"'])|\n+", text):
        if m.start() > start:
            out.append((start, m.start()))
        start = m.end()
    if start < len(text):
        out.append((start, len(text)))
    return out


def _fmt_like(old: str, value: float) -> str:
    """A number written as `old` is: commas, decimals."""
    if "." in old:
        decimals = len(old.split(".")[1])
        return f"{value:,.{decimals}f}" if "," in old else f"{value:.{decimals}f}"
    v = int(round(value))
    return f"{v:,}" if "," in old or v >= 10000 else str(v)


class Change:
    def __init__(self, start: int, end: int, new: str, kind: str) -> None:
        self.start, self.end, self.new, self.kind = start, end, new, kind


def candidates(text: str, trig: re.Pattern, num: re.Pattern, hypo: re.Pattern) -> List[Tuple[int, int]]:
    out = []
    for s, e in sentences(text):
        sent = text[s:e]
        if len(sent) > 400 or not trig.search(sent) or hypo.search(sent) or "?" in sent:
            continue
        if RE_FULL.search(sent) or RE_MONTH_YEAR.search(sent) or RE_YEAR.search(sent) or num.search(sent):
            out.append((s, e))
    return out


def make_change(text: str, span: Tuple[int, int], rng: random.Random, num: re.Pattern) -> Optional[Change]:
    """A change of a date or a number in text[span] (absolute offsets)."""
    s, e = span
    sent = text[s:e]
    options = []
    for m in RE_FULL.finditer(sent):
        options.append(("year", m.start(3), m.end(3), m.group(3)))
        options.append(("month", m.start(2), m.end(2), m.group(2)))
    for m in RE_MONTH_YEAR.finditer(sent):
        options.append(("year", m.start(2), m.end(2), m.group(2)))
        options.append(("month", m.start(1), m.end(1), m.group(1)))
    for m in RE_YEAR.finditer(sent):
        options.append(("year", m.start(2), m.end(2), m.group(2)))
    for m in num.finditer(sent):
        g = "v1" if m.group("v1") else "v2"
        before = sent[max(0, m.start() - 14):m.start()].lower()
        if re.search(r"(over|than|least|up to|under|almost|nearly|about|some|around|roughly)\s*$", before):
            continue  # a hedged number: a change may stay within what the hedge allows
        options.append(("number", m.start(g), m.end(g), m.group(g)))
    if not options:
        return None
    kind, a, b, old = rng.choice(options)
    if kind == "year":
        new = str(int(old) + rng.choice([1, -1, 2, -2]))
    elif kind == "month":
        new = MONTHS[(MONTHS.index(old) + rng.choice([3, -3, 4])) % 12]
    else:
        value = float(old.replace(",", ""))
        if value == 0:
            return None
        new = _fmt_like(old, value * rng.choice([1.5, 0.6, 2.0, 0.4]))
        if new == old or float(new.replace(",", "")) == 0:
            return None
    return Change(s + a, s + b, new, kind)


def make_rewording(text: str, span: Tuple[int, int], rng: random.Random, num: re.Pattern) -> Optional[Change]:
    """A change of form only in text[span]: must not be a conflict."""
    s, e = span
    sent = text[s:e]
    options = []
    for m in re.finditer(r"(\d)%", sent):
        options.append(Change(s + m.start(), s + m.end(), m.group(1) + " percent", "percent"))
    for m in RE_FULL.finditer(sent):
        options.append(Change(s + m.start(), s + m.end(), f"{m.group(2)} {m.group(1)}, {m.group(3)}", "date-form"))
    for m in RE_MONTH_YEAR.finditer(sent):
        if "," not in m.group(0):
            options.append(Change(s + m.start(), s + m.end(), f"{m.group(1)} of {m.group(2)}", "date-form"))
    for m in num.finditer(sent):
        g = "v1" if m.group("v1") else "v2"
        before = sent[max(0, m.start() - 12):m.start()].lower()
        if not re.search(r"(nearly|about|some|around|almost|over|than)\s*$", before) and not m.group("cur"):
            options.append(Change(s + m.start(g), s + m.start(g), "nearly ", "hedge"))
    return rng.choice(options) if options else None


def apply(text: str, c: Change) -> str:
    return text[:c.start] + c.new + text[c.end:]


def near_duplicate(text: str, k: int, rng: random.Random) -> str:
    spans = [sp for sp in sentences(text) if not re.search(r"\d", text[sp[0]:sp[1]]) and
             re.search(r"\bsaid\b", text[sp[0]:sp[1]])]
    if spans:
        s, e = rng.choice(spans)
        text = text[:s] + re.sub(r"\bsaid\b", "says", text[s:e], count=1) + text[e:]
    return f"News wire edition {k}\n\n{text}\n\nDistributed by the news wire."


def build(n_docs: int, seed: int) -> Tuple[List[str], List[str], Dict[str, Dict[str, Any]], Dict[str, str]]:
    path = eval_dir(ROOT) / "news" / "bbc_news.jsonl"
    articles = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    trig, num = _lexicon_words()
    hypo = _hypothetical()
    rng = random.Random(seed)
    per = max(3, -(-n_docs // len(articles)))  # documents per article
    ids: List[str] = []
    texts: List[str] = []
    truth: Dict[str, Dict[str, Any]] = {}
    # BBC News holds some articles twice: copies of one text are one family
    family: Dict[str, str] = {}
    first_of: Dict[str, str] = {}
    for art in articles:
        key = re.sub(r"\W+", "", art["text"].lower())[:300]  # the same opening: the same article
        family[str(art["id"])] = first_of.setdefault(key, str(art["id"]))
    for art in articles:
        if len(ids) >= n_docs:
            break
        aid, text = str(art["id"]), art["text"]
        ids.append(aid)
        texts.append(text)
        cands = candidates(text, trig, num, hypo)
        rng.shuffle(cands)
        changed = None
        for span in cands:
            changed = make_change(text, span, rng, num)
            if changed:
                ids.append(f"{aid}~changed")
                texts.append(apply(text, changed))
                s, e = span
                new_sent = apply(text, changed)[s:e + len(changed.new) - (changed.end - changed.start)]
                truth[aid] = {"copy": f"{aid}~changed", "kind": changed.kind, "old": text[s:e], "new": new_sent}
                break
        for span in cands:
            if changed and span[0] <= changed.start < span[1]:
                continue  # another sentence than the changed one
            rew = make_rewording(text, span, rng, num)
            if rew:
                ids.append(f"{aid}~reworded")
                texts.append(apply(text, rew))
                break
        k = 0
        while len(ids) < n_docs and sum(1 for i in ids[-per:] if i.split("~")[0] == aid) < per:
            ids.append(f"{aid}~dup{k}")
            texts.append(near_duplicate(text, k, rng))
            k += 1
    return ids[:n_docs], texts[:n_docs], truth, family


def _norm(s: str) -> str:
    return " ".join(s.split())


def score(conflicts: Any, truth: Dict[str, Dict[str, Any]], family: Dict[str, str]) -> Dict[str, Any]:
    """A reported conflict is right when one side holds a changed copy, with
    the changed sentence as its evidence, that the other side does not hold
    (the other side: copies without that change -- of the same article, or
    of another article that has the same sentence).  Other rows are false;
    those whose documents come from two different articles are counted apart
    too (``cross``)."""
    found, right = set(), set()
    tp = fp = cross = 0
    fp_kinds: Dict[str, int] = {}
    for r in conflicts.itertuples(index=False):
        da, db = [str(d) for d in r.documents_a], [str(d) for d in r.documents_b]
        hits = []
        for docs, other, ev in ((da, db, r.evidence_a), (db, da, r.evidence_b)):
            for d in docs:
                t = truth.get(d.split("~")[0])
                if t is None or t["copy"] != d or d in other:
                    continue
                new, evn = _norm(t["new"]), _norm(ev)
                if evn in new or new in evn:
                    hits.append(d.split("~")[0])
        if hits:
            tp += 1
            right.add(r.conflict)
            found.update(hits)
            continue
        fp += 1
        if len({family.get(d.split("~")[0], d.split("~")[0]) for d in da + db}) > 1:
            cross += 1
        kinds = {d.split("~")[1] if "~" in d else "original" for d in da + db}
        key = "+".join(sorted("dup" if k.startswith("dup") else k for k in kinds))
        fp_kinds[key] = fp_kinds.get(key, 0) + 1
    return {"tp": tp, "fp": fp, "cross": cross, "recall": len(found) / len(truth) if truth else 0.0,
            "precision": tp / (tp + fp) if tp + fp else 0.0,
            "precision_within": tp / (tp + fp - cross) if tp + fp - cross else 0.0, "fp_kinds": fp_kinds,
            "found": found, "right": right}


def _children_cpu() -> float:
    """CPU seconds of this process's finished children (the forked workers of
    the per-document stages)."""
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


def main(argv: Optional[List[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--docs", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=19)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--misses", type=int, default=0, help="print this many missed changes")
    ap.add_argument("--false", type=int, default=0, help="print this many false conflicts")
    args = ap.parse_args(argv)
    if not (eval_dir(ROOT) / "news" / "bbc_news.jsonl").is_file():
        print("BBC News data not found ($PEACECORPUS_EVAL/news/bbc_news.jsonl): skipped.")
        return 0
    t0 = time.time()
    ids, texts, truth, family = build(args.docs, args.seed)
    mb = sum(len(t.encode()) for t in texts) / 1e6
    kinds: Dict[str, int] = {}
    for t in truth.values():
        kinds[t["kind"]] = kinds.get(t["kind"], 0) + 1
    print(f"corpus: {len(ids):,} documents ({mb:.0f} MB) from {len({i.split('~')[0] for i in ids}):,} BBC "
          f"articles; {len(truth):,} changed copies ({', '.join(f'{k} {v}' for k, v in sorted(kinds.items()))}), "
          f"{sum(1 for i in ids if i.endswith('~reworded')):,} reworded copies, "
          f"{sum(1 for i in ids if '~dup' in i):,} near-duplicates (built in {time.time() - t0:.0f}s)")
    steps = []
    w0, c0, k0 = time.time(), time.process_time(), _children_cpu()
    corpus = pc.Corpus.from_texts(texts, ids=ids, n_jobs=args.threads)
    steps.append(("parse", time.time() - w0))
    for name in ("mentions", "canonical", "events_raw", "events", "event_clusters", "conflicts"):
        t = time.time()
        corpus.table(name)
        steps.append((name, time.time() - t))
    conflicts = corpus.conflicts()
    wall, cpu, kids = time.time() - w0, time.process_time() - c0, _children_cpu() - k0
    s = score(conflicts, truth, family)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"time: {wall:.0f}s wall, {cpu + kids:.0f}s CPU ({cpu:.0f}s this process + {kids:.0f}s its forked "
          f"workers) for {len(ids):,} documents ({len(ids) / wall:,.0f} documents/s, load average {load:.1f} "
          f"on {os.cpu_count()} CPUs); wall per stage: " + ", ".join(f"{n} {t:.0f}s" for n, t in steps))
    print(f"conflicts reported: {len(conflicts):,}; right {s['tp']:,} (finding {len(s['found']):,} changes), "
          f"false {s['fp']:,} "
          f"(of them {s['cross']} between two different articles)")
    print(f"RECALL {s['recall']:.3f}  PRECISION {s['precision']:.3f}  "
          f"(precision without the cross-article rows {s['precision_within']:.3f}); corpus {len(ids):,} documents")
    if s["fp_kinds"]:
        print("false conflicts by the copies involved:", s["fp_kinds"])
    by_kind: Dict[str, List[int]] = {}
    for aid, t in truth.items():
        by_kind.setdefault(t["kind"], [0, 0])
        by_kind[t["kind"]][0] += 1
        by_kind[t["kind"]][1] += aid in s["found"]
    print("recall by change: " + ", ".join(f"{k} {f}/{n} ({f / n:.2f})" for k, (n, f) in sorted(by_kind.items())))
    for r in conflicts.itertuples(index=False):
        if args.false and r.conflict not in s["right"]:
            print(f"FALSE {r.kind} {r.field}: {r.value_a} {list(r.documents_a)[:3]} | {r.value_b} "
                  f"{list(r.documents_b)[:3]}\n  a: {r.evidence_a[:160]!r}\n  b: {r.evidence_b[:160]!r}")
            args.false -= 1
    missed = [t for aid, t in truth.items() if aid not in s["found"]]
    for t in missed[:args.misses]:
        print(f"MISS {t['kind']}: {t['old']!r}\n  -> {t['new']!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
