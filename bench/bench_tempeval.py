"""Time expressions on TempEval-3 (TimeML): peacecorpus vs dateparser, same files, same run.

    PEACECORPUS_TEMPEVAL=/path/to/te3-platinum PYTHONPATH=. python bench/bench_tempeval.py
    PYTHONPATH=. python bench/bench_tempeval.py --dir /path/to/TBAQ-cleaned   # development data

The data is third-party and never copied here (see docs in bench/README.md): the TempEval-3
platinum test set (20 .tml files, 138 TIMEX3, annotations CC BY 3.0, texts of their
publishers) is read from $PEACECORPUS_TEMPEVAL or --dir; without it the script says so and
exits 0.  Each file's DCT is the publication date, as in TempEval-3 task A.

Scores, as the TempEval-3 entity scorer defines them (this is our implementation of that
definition, not the scorer): a gold and a system expression match *relaxed* when they
overlap, *strict* when their extents are identical; precision over system expressions,
recall over gold ones.  Value accuracy = matched gold expressions whose system value is the
identical string / matched gold expressions.
  value F1 (official)  = value accuracy over relaxed matches x relaxed F1
  value F1 (strict)    = value accuracy over strict matches x strict F1
Both readings are printed.  An expression whose value is unresolved (no DCT: never here)
counts with its partial value.

Peer: dateparser.search.search_dates (settings RELATIVE_BASE = DCT, PREFER_DATES_FROM =
past); the value is the returned date at the granularity dateparser reports for that text
(DateDataParser period: year -> YYYY, month -> YYYY-MM, week -> YYYY-Www, day -> YYYY-MM-DD,
time -> YYYY-MM-DDTHH:MM).  dateparser finds dates and times, not durations or sets.

--errors prints each missed, spurious and wrongly valued expression: for development data
only (never on the held-out platinum set).
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Dict, List, Optional, Tuple

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import peacecorpus as pc  # noqa: E402
from peacecorpus.events import document_times  # noqa: E402

Span = Tuple[int, int, str, str]  # start, end, type, value


def read_tml(path: Path) -> Tuple[str, str, List[Span]]:
    """(DCT value, text of <TEXT> without tags, gold TIMEX3 spans in that text)."""
    root = ET.parse(path).getroot()
    dct_el = root.find(".//DCT/TIMEX3")
    dct = dct_el.get("value", "") if dct_el is not None else ""
    text_el = root.find(".//TEXT")
    if text_el is None:
        return dct, "", []
    parts: List[str] = []
    gold: List[Span] = []

    def walk(el: ET.Element) -> None:
        start = sum(map(len, parts))
        if el.text:
            parts.append(el.text)
        for child in el:
            walk(child)
            if child.tail:
                parts.append(child.tail)
        if el.tag == "TIMEX3":
            gold.append((start, sum(map(len, parts)), el.get("type", ""), el.get("value", "")))

    walk(text_el)
    return dct, "".join(parts), sorted(gold)


def _locate(raw: str, items: List[Tuple[str, str, str]]) -> List[Span]:
    """Find each (text, type, value) in raw text, in order (white space may differ)."""
    out: List[Span] = []
    pos = 0
    for text, typ, value in items:
        pat = r"\s+".join(re.escape(w) for w in text.split())
        if not pat:
            continue
        m = re.compile(pat).search(raw, pos)
        if m is None:
            m = re.compile(pat).search(raw)
            if m is None:
                continue
        else:
            pos = m.end()
        out.append((m.start(), m.end(), typ, value))
    return out


def ours(raw: str, dct: str) -> List[Span]:
    doc = pc.parse(raw, mode="text", keep_boilerplate=True)
    return _locate(raw, [(t.text, t.type, t.value or t.partial) for t in document_times(doc, published=dct)])


def _dp_value(text: str, when: dt.datetime, ddp) -> Tuple[str, str]:
    period = None
    try:
        data = ddp.get_date_data(text)
        period = data.period
    except Exception:  # noqa: BLE001 - the peer's own failures count as "no period"
        period = None
    if period == "year":
        return "DATE", f"{when.year:04d}"
    if period == "month":
        return "DATE", f"{when.year:04d}-{when.month:02d}"
    if period == "week":
        iy, iw, _ = when.isocalendar()
        return "DATE", f"{iy:04d}-W{iw:02d}"
    if period == "time" or (when.hour or when.minute):
        return "TIME", when.strftime("%Y-%m-%dT%H:%M")
    return "DATE", when.strftime("%Y-%m-%d")


def dateparser_spans(raw: str, dct: str) -> List[Span]:
    from dateparser import DateDataParser
    from dateparser.search import search_dates
    base = dt.datetime.fromisoformat(dct[:10])
    settings = {"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past"}
    ddp = DateDataParser(languages=["en"], settings=settings)
    found = search_dates(raw, languages=["en"], settings=settings) or []
    items = []
    for text, when in found:
        typ, value = _dp_value(text, when, ddp)
        items.append((text, typ, value))
    return _locate(raw, items)


class Score:
    def __init__(self) -> None:
        self.n_gold = self.n_sys = 0
        self.rel_gold = self.rel_sys = self.strict_gold = self.strict_sys = 0
        self.val_rel = self.val_strict = 0
        self.errors: List[str] = []

    def add(self, raw: str, gold: List[Span], sys_: List[Span], name: str) -> None:
        def ov(a: Span, b: Span) -> bool:
            return a[0] < b[1] and b[0] < a[1]

        def same(a: Span, b: Span) -> bool:
            return raw[a[0]:a[1]].strip() == raw[b[0]:b[1]].strip() and abs(a[0] - b[0]) <= 1

        self.n_gold += len(gold)
        self.n_sys += len(sys_)
        for g in gold:
            hits = [s for s in sys_ if ov(g, s)]
            if not hits:
                self.errors.append(f"{name}\tMISS\t{raw[g[0]:g[1]]!r}\t{g[2]}\t{g[3]}")
                continue
            self.rel_gold += 1
            best = max(hits, key=lambda s: min(g[1], s[1]) - max(g[0], s[0]))
            if best[3] == g[3]:
                self.val_rel += 1
            else:
                ctx = " ".join(raw[max(0, g[0] - 80):g[1] + 60].split())
                self.errors.append(f"{name}\tVALUE\t{raw[g[0]:g[1]]!r}\tgold {g[3]}\tsys {best[3]} "
                                   f"{raw[best[0]:best[1]]!r}\t{ctx}")
            strict = [s for s in hits if same(g, s)]
            if strict:
                self.strict_gold += 1
                if strict[0][3] == g[3]:
                    self.val_strict += 1
            else:
                self.errors.append(f"{name}\tEXTENT\t{raw[g[0]:g[1]]!r}\tsys {raw[best[0]:best[1]]!r}")
        for s in sys_:
            if any(ov(g, s) for g in gold):
                self.rel_sys += 1
                if any(same(g, s) for g in gold):
                    self.strict_sys += 1
            else:
                self.errors.append(f"{name}\tSPURIOUS\t{raw[s[0]:s[1]]!r}\t{s[2]}\t{s[3]}")

    @staticmethod
    def _f(p: float, r: float) -> float:
        return 2 * p * r / (p + r) if p + r else 0.0

    def numbers(self) -> Dict[str, float]:
        rp = self.rel_sys / self.n_sys if self.n_sys else 0.0
        rr = self.rel_gold / self.n_gold if self.n_gold else 0.0
        sp = self.strict_sys / self.n_sys if self.n_sys else 0.0
        sr = self.strict_gold / self.n_gold if self.n_gold else 0.0
        rf, sf = self._f(rp, rr), self._f(sp, sr)
        acc = self.val_rel / self.rel_gold if self.rel_gold else 0.0
        sacc = self.val_strict / self.strict_gold if self.strict_gold else 0.0
        return {"strict_P": sp, "strict_R": sr, "strict_F1": sf, "relaxed_P": rp, "relaxed_R": rr,
                "relaxed_F1": rf, "value_acc": acc, "value_F1": acc * rf, "value_acc_strict": sacc,
                "value_F1_strict": sacc * sf}


def main(argv: Optional[List[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--dir", help="folder of TimeML .tml files (default: $PEACECORPUS_TEMPEVAL)")
    ap.add_argument("--no-peer", action="store_true", help="skip dateparser")
    ap.add_argument("--errors", action="store_true", help="print our errors (development data only)")
    args = ap.parse_args(argv)
    folder = args.dir or os.environ.get("PEACECORPUS_TEMPEVAL")
    if not folder or not Path(folder).is_dir():
        print("TempEval data not found: set PEACECORPUS_TEMPEVAL (or --dir) to a folder of .tml files; "
              "skipped.")
        return 0
    files = sorted(Path(folder).rglob("*.tml"))
    files = [f for f in files if not f.name.startswith("._")]
    if not files:
        print(f"no .tml files under {folder}; skipped.")
        return 0
    docs = [(f.stem, *read_tml(f)) for f in files]
    n_gold = sum(len(g) for _, _, _, g in docs)
    print(f"{len(docs)} documents, {n_gold} gold TIMEX3, {sum(len(t.split()) for _, _, t, _ in docs)} words "
          f"({folder})")
    systems = [("peacecorpus", ours)]
    if not args.no_peer:
        try:
            import dateparser
            systems.append((f"dateparser {dateparser.__version__}", dateparser_spans))
        except ImportError:
            print("dateparser is not installed (pip install '.[bench]'): peer skipped")
    results = {}
    for name, fn in systems:
        sc = Score()
        t0 = time.process_time()
        for doc_id, dct, raw, gold in docs:
            sc.add(raw, gold, fn(raw, dct), doc_id)
        cpu = time.process_time() - t0
        results[name] = (sc, cpu)
    cols = ["strict_P", "strict_R", "strict_F1", "relaxed_P", "relaxed_R", "relaxed_F1", "value_acc",
            "value_F1", "value_acc_strict", "value_F1_strict"]
    print(f"{'system':22s} " + " ".join(f"{c:>16s}" for c in cols) + f" {'CPU s':>8s}")
    for name, (sc, cpu) in results.items():
        nums = sc.numbers()
        print(f"{name:22s} " + " ".join(f"{nums[c]:16.3f}" for c in cols) + f" {cpu:8.2f}")
    ours_cpu = results["peacecorpus"][1]
    for name, (_sc, cpu) in results.items():
        if name != "peacecorpus" and ours_cpu > 0:
            print(f"speed: peacecorpus {cpu / ours_cpu:.1f}x {name} (CPU time, parse included)")
    if args.errors:
        for line in results["peacecorpus"][0].errors:
            print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
