"""Main text and metadata of real web pages: peacecorpus against trafilatura, same run.

Data: ``$PEACECORPUS_EVAL/web`` (990 real pages from trafilatura's evaluation set, see its
SOURCE.md; skipped when absent, nothing is copied into the repository).

Scoring (re-implemented from the description in SOURCE.md):

* **main text**: per page, the extractor's text is whitespace-collapsed; every ``with``
  snippet found in it is a true positive (else a false negative), every ``without`` snippet
  found a false positive (else a true negative); precision, recall, F1 and accuracy over
  all snippets of the split.
* **title / author / date**: accuracy over the pages whose gold value is not empty (the
  convention of trafilatura's tests/eval_authors.py and of issue #13's table: title 845,
  author 538, date 728 pages).  Title: exact after whitespace collapsing.  Author: the same
  names in any order, whatever the separator (gold lists and trafilatura's ``"; "``-joined
  names compare equal to ``"A, B"``), case-sensitive.  Date: the day (``YYYY-MM-DD``) of the
  publication date.  ``--all-gold`` also prints accuracies over every page with metadata gold
  (851), where an empty gold value expects no value.

Split: a page is *dev* when the first hex digit of ``sha1(file name)`` is 0-7, *held-out*
when it is 8-f (498 / 492 pages).  The pages' own names are mostly host names, so the
digit comes from their hash; ``all`` sums both (the issue's 990-page table).  Tuning
looks only at dev: ``--errors`` prints per-page mistakes of dev pages and never of
held-out ones; held-out is reported only as aggregates.

Speed: each page is given to each extractor as the raw bytes of the file (gzip
already undone), one thread, through the public API a user calls, and the result
fields that are scored are read: ``peacecorpus.parse(data)`` then ``.text``, ``.title``,
``.author``, ``.published``; ``trafilatura.bare_extraction(data, with_metadata=True,
include_comments=False, include_tables=True)`` (the settings of trafilatura's own
benchmark, ``tests/eval_common.py``).  Pages/s is pages over the summed per-call wall time,
interleaved page by page so both see the same machine load; the ratio is the number to read.

    PEACECORPUS_EVAL=/work/shared/eval python bench/eval_web.py            # both, all pages
    python bench/eval_web.py --only peacecorpus --split dev --errors 30   # tuning loop
"""
from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import re
import sys
import time
from pathlib import Path
from typing import Any, Callable, Dict, List, NamedTuple, Optional, Tuple

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
from peacecorpus._paths import eval_dir  # noqa: E402

_WS = re.compile(r"\s+")


def norm(text: Optional[str]) -> str:
    return _WS.sub(" ", text or "").strip()


def split_of(file: str) -> str:
    """``dev`` or ``held-out`` from the file's base name (see the module docstring)."""
    digit = hashlib.sha1(os.path.basename(file).encode("utf-8")).hexdigest()[0]
    return "dev" if digit in "01234567" else "held-out"


class Result(NamedTuple):
    text: str
    title: Optional[str]
    author: Optional[str]
    date: Optional[str]


# -- extractors ------------------------------------------------------------------------------

def run_peacecorpus(data: bytes) -> Result:
    import peacecorpus as pc
    doc = pc.parse(data)
    published = doc.published
    return Result(doc.text, doc.title, doc.author, None if published is None else str(published))


def run_trafilatura(data: bytes) -> Result:
    import trafilatura
    doc = trafilatura.bare_extraction(data, with_metadata=True, include_comments=False,
                                      include_tables=True)
    if doc is None:
        return Result("", None, None, None)
    return Result(doc.text or "", doc.title, doc.author, doc.date)


EXTRACTORS: Dict[str, Callable[[bytes], Result]] = {
    "peacecorpus": run_peacecorpus, "trafilatura": run_trafilatura,
}


# -- scoring ---------------------------------------------------------------------------------

_NAME_SEP = re.compile(r"\s*(?:;|,|&|\band\b|\bund\b)\s*")


def author_key(value: Any) -> Tuple[str, ...]:
    if isinstance(value, list):
        value = "; ".join(value)
    return tuple(sorted(n for n in (norm(x) for x in _NAME_SEP.split(norm(value))) if n))


_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def day_of(value: Optional[str]) -> str:
    m = _DAY.search(value or "")
    return m.group(0) if m else ""


def meta_hits(item: Dict[str, Any], res: Result) -> Dict[str, bool]:
    return {
        "title": norm(res.title) == norm(item["title"]),
        "author": author_key(res.author) == author_key(item["author"]),
        "date": day_of(res.date) == norm(item["date"]),
    }


def _gold_nonempty(item: Dict[str, Any], key: str) -> bool:
    value = item.get(key)
    return bool(norm(value if isinstance(value, str) else "; ".join(value or [])))


def text_counts(item: Dict[str, Any], text: str) -> Tuple[int, int, int, int]:
    t = norm(text)
    tp = sum(1 for w in item["with"] if norm(w) in t)
    fp = sum(1 for w in item["without"] if norm(w) in t)
    return tp, fp, len(item["with"]) - tp, len(item["without"]) - fp


class Score:
    def __init__(self) -> None:
        self.tp = self.fp = self.fn = self.tn = 0
        self.meta = {"title": [0, 0], "author": [0, 0], "date": [0, 0]}      # non-empty gold
        self.meta_all = {"title": [0, 0], "author": [0, 0], "date": [0, 0]}  # every page with gold
        self.pages = 0
        self.seconds = 0.0
        self.crashes = 0

    def add(self, item: Dict[str, Any], res: Result, seconds: float) -> None:
        tp, fp, fn, tn = text_counts(item, res.text)
        self.tp += tp
        self.fp += fp
        self.fn += fn
        self.tn += tn
        self.pages += 1
        self.seconds += seconds
        if "title" in item:
            for key, hit in meta_hits(item, res).items():
                self.meta_all[key][0] += hit
                self.meta_all[key][1] += 1
                if _gold_nonempty(item, key):
                    self.meta[key][0] += hit
                    self.meta[key][1] += 1

    def prf(self) -> Tuple[float, float, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    @staticmethod
    def acc(pair: List[int]) -> float:
        return pair[0] / pair[1] if pair[1] else 0.0

    def pages_per_s(self) -> float:
        return self.pages / self.seconds if self.seconds else 0.0


def load(split: str) -> List[Tuple[str, Dict[str, Any], bytes]]:
    base = eval_dir(REPO) / "web"
    evaldata = json.loads((base / "evaldata.json").read_text(encoding="utf-8"))
    out = []
    for url in sorted(evaldata):
        item = evaldata[url]
        if split != "all" and split_of(item["file"]) != split:
            continue
        with gzip.open(base / item["file"], "rb") as f:
            out.append((url, item, f.read()))
    return out


def main(argv: Optional[List[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--only", choices=sorted(EXTRACTORS), action="append",
                    help="run only this extractor (repeatable)")
    ap.add_argument("--split", choices=["all", "dev", "held-out"], default="all")
    ap.add_argument("--errors", type=int, default=0, metavar="N",
                    help="print up to N per-page mistakes of peacecorpus on DEV pages only")
    ap.add_argument("--all-gold", action="store_true",
                    help="also print metadata accuracy over every page with gold (empty: no value)")
    ap.add_argument("--json", help="write the aggregate numbers to this file")
    args = ap.parse_args(argv)

    if not (eval_dir(REPO) / "web" / "evaldata.json").is_file():
        print(f"skipped: no evaluation data at {eval_dir(REPO) / 'web'}")
        return 0
    names = args.only or sorted(EXTRACTORS)
    pages = load(args.split)
    scores = {(n, s): Score() for n in names for s in ("dev", "held-out", "all")}
    errors: List[str] = []
    for name in names:  # warm-up: imports and first-call caches are not timed
        EXTRACTORS[name](pages[0][2])
    for _url, item, data in pages:
        split = split_of(item["file"])
        for name in names:
            t0 = time.perf_counter()
            try:
                res = EXTRACTORS[name](data)
            except Exception as exc:  # a crash is a full miss, as in trafilatura's benchmark
                res = Result("", None, None, None)
                scores[(name, split)].crashes += 1
                scores[(name, "all")].crashes += 1
                if split == "dev":
                    errors.append(f"CRASH {item['file']}: {type(exc).__name__}: {exc}")
            dt = time.perf_counter() - t0
            scores[(name, split)].add(item, res, dt)
            scores[(name, "all")].add(item, res, dt)
            if name == "peacecorpus" and split == "dev" and len(errors) < args.errors:
                errors.extend(_page_errors(item, res))

    report: Dict[str, Any] = {}
    for split in ("dev", "held-out", "all"):
        if not any(scores[(n, split)].pages for n in names) or (split == "all" and args.split != "all"):
            continue
        print(f"\n== {split}: {scores[(names[0], split)].pages} pages")
        print(f"{'extractor':<12} {'F1':>6} {'P':>6} {'R':>6} {'title':>6} {'author':>6} "
              f"{'date':>6} {'pages/s':>8} crashes")
        for name in names:
            sc = scores[(name, split)]
            p, r, f = sc.prf()
            row = {"f1": f, "precision": p, "recall": r, "pages": sc.pages,
                   "pages_per_s": sc.pages_per_s(), "crashes": sc.crashes,
                   **{k: sc.acc(v) for k, v in sc.meta.items()},
                   **{k + "_all_gold": sc.acc(v) for k, v in sc.meta_all.items()}}
            report[f"{name}/{split}"] = row
            print(f"{name:<12} {f:6.3f} {p:6.3f} {r:6.3f} {row['title']:6.3f} {row['author']:6.3f} "
                  f"{row['date']:6.3f} {row['pages_per_s']:8.1f} {sc.crashes}")
            if args.all_gold:
                print(f"{'':<12} {'':>20} {row['title_all_gold']:6.3f} {row['author_all_gold']:6.3f} "
                      f"{row['date_all_gold']:6.3f}   (every page with gold; empty expects none)")
        if len(names) == 2:
            a, b = (scores[(n, split)] for n in ("peacecorpus", "trafilatura"))
            if b.pages_per_s():
                ratio = a.pages_per_s() / b.pages_per_s()
                report[f"ratio/{split}"] = ratio
                print(f"speed: peacecorpus {ratio:.1f}x trafilatura (same run, one thread)")
    if errors:
        print("\n== dev mistakes (peacecorpus)")
        print("\n".join(errors[:args.errors]))
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=1), encoding="utf-8")
    return 0


def _page_errors(item: Dict[str, Any], res: Result) -> List[str]:
    out = []
    t = norm(res.text)
    name = item["file"]
    for w in item["with"]:
        if norm(w) not in t:
            out.append(f"MISS  {name}: {norm(w)[:100]!r}")
    for w in item["without"]:
        if norm(w) in t:
            out.append(f"JUNK  {name}: {norm(w)[:100]!r}")
    if "title" in item:
        for key, hit in meta_hits(item, res).items():
            if not hit and _gold_nonempty(item, key):
                got = getattr(res, key if key != "date" else "date")
                out.append(f"{key.upper():<5} {name}: gold {item[key]!r} got {got!r}")
    return out


if __name__ == "__main__":
    sys.exit(main())
