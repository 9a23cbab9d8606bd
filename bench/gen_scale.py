"""A large corpus built from the 2,225 BBC News articles with controlled variations.

Source: ../shared/eval/news/bbc_news.jsonl (research use only): the generated files are
written outside the repository and must never be committed.

Document ``k`` is a variant of article ``k % 2225`` (variant number ``k // 2225``; variant
0 is the article itself).  Every variant is made with a seeded ``random.Random(seed * 1_000_003
+ k)``, so one document never depends on the others and any ``n`` gives the same first
documents.  Each variant draws:

* **copy** (40 %): a light edit of the article -- a wire-service line added before or after,
  two to four words changed, sometimes the last paragraph cut: a near-duplicate of the
  original (word 5-gram Jaccard ~0.8-0.95);
* **rewrite** (35 %): paragraphs dropped, swapped and one replaced by a paragraph of another
  article of the same category: the same story, not a near-duplicate;
* **mix** (25 %): the first paragraphs of the article followed by paragraphs of two other
  articles of the category: a new document that reuses passages.

Every variant gets a dateline with a date in 2004-2005 (so dates differ between copies), and a
title with an outlet suffix half of the time.  ``--check`` prints the share of each kind.

Usage:
    python bench/gen_scale.py --n 100000 --out /tmp/pc_scale/articles
    -> 100 folders of 1,000 ``.txt`` files (title, blank line, text)
"""
from __future__ import annotations

import argparse
import json
import random
from pathlib import Path
from typing import Dict, List, Tuple

from peacecorpus._paths import eval_dir as find_eval_dir

OUTLETS = ["The Daily Courier", "Evening Standard Online", "Wire Report", "Metro News", "City Herald"]
WIRE = ["(Reporting by the newsroom; editing by the news desk.)",
        "This story has been published from a wire agency feed without modifications to the text.",
        "ALSO READ: the latest news and analysis from our correspondents",
        "(With inputs from agencies)"]
CITIES = ["LONDON", "MANCHESTER", "EDINBURGH", "CARDIFF", "BELFAST", "NEW YORK", "BRUSSELS"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
SWAPS = {"said": "stated", "told": "informed", "big": "large", "rise": "increase", "fall": "drop",
         "firm": "company", "film": "movie", "game": "match", "new": "fresh", "people": "individuals"}


def bbc_path() -> Path:
    return find_eval_dir(Path(__file__).resolve().parents[1]) / "news" / "bbc_news.jsonl"


def load(path: Path) -> List[Dict[str, object]]:
    out = []
    with path.open(encoding="utf-8", errors="replace") as f:
        for line in f:
            r = json.loads(line)
            paras = [p.strip() for p in str(r["text"]).split("\n\n") if p.strip()]
            out.append({"id": r["id"], "category": r["category"], "title": r["title"], "paras": paras})
    return out


def _edit_words(para: str, rng: random.Random, n: int) -> str:
    words = para.split(" ")
    spots = [i for i, w in enumerate(words) if w in SWAPS]
    rng.shuffle(spots)
    for i in spots[:n]:
        words[i] = SWAPS[words[i]]
    return " ".join(words)


def variant(articles: List[Dict[str, object]], by_cat: Dict[str, List[int]], k: int,
            seed: int = 1) -> Tuple[str, str]:
    """(kind, file text) of document ``k``."""
    base = articles[k % len(articles)]
    v = k // len(articles)
    rng = random.Random(seed * 1_000_003 + k)
    paras: List[str] = list(base["paras"])  # type: ignore[arg-type]
    title = str(base["title"])
    if v == 0:
        kind = "original"
    else:
        r = rng.random()
        kind = "copy" if r < 0.40 else "rewrite" if r < 0.75 else "mix"
        others = by_cat[str(base["category"])]
        if kind == "copy":
            line = rng.choice(WIRE)
            paras = [line] + paras if rng.random() < 0.5 else paras + [line]
            i = rng.randrange(len(paras))
            paras[i] = _edit_words(paras[i], rng, rng.randint(2, 4))
            if len(paras) > 6 and rng.random() < 0.3:
                paras = paras[:-1]
        elif kind == "rewrite":
            if len(paras) > 3:
                for _ in range(rng.randint(1, 2)):
                    del paras[rng.randrange(1, len(paras))]
            if len(paras) > 2:
                i, j = rng.sample(range(1, len(paras)), 2)
                paras[i], paras[j] = paras[j], paras[i]
            other = articles[rng.choice(others)]["paras"]
            paras[rng.randrange(len(paras))] = rng.choice(other)  # type: ignore[arg-type]
            paras = [_edit_words(p, rng, 3) for p in paras]
        else:
            keep = max(1, len(paras) // 3)
            paras = paras[:keep]
            for _ in range(2):
                other = list(articles[rng.choice(others)]["paras"])  # type: ignore[arg-type]
                paras += other[: max(1, len(other) // 2)]
        if rng.random() < 0.5:
            title = f"{title} | {rng.choice(OUTLETS)}"
    date = f"{rng.randint(1, 28)} {rng.choice(MONTHS)} {rng.choice((2004, 2005))}"
    paras[0] = f"{rng.choice(CITIES)}, {date} - {paras[0]}"
    return kind, title + "\n\n" + "\n\n".join(paras) + "\n"


def build(n: int, out: Path, seed: int = 1, per_folder: int = 1000) -> Dict[str, int]:
    """Write ``n`` documents under ``out`` (skipping files already there with the
    right size); returns the count of each kind."""
    articles = load(bbc_path())
    by_cat: Dict[str, List[int]] = {}
    for i, a in enumerate(articles):
        by_cat.setdefault(str(a["category"]), []).append(i)
    counts: Dict[str, int] = {}
    for k in range(n):
        kind, text = variant(articles, by_cat, k, seed)
        counts[kind] = counts.get(kind, 0) + 1
        folder = out / f"{k // per_folder:03d}"
        if k % per_folder == 0:
            folder.mkdir(parents=True, exist_ok=True)
        f = folder / f"doc{k:06d}.txt"
        data = text.encode("utf-8")
        if not f.exists() or f.stat().st_size != len(data):
            f.write_bytes(data)
    return counts


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--out", type=Path, default=Path("/tmp/pc_scale/articles"))
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    if not bbc_path().is_file():
        raise SystemExit(f"BBC news data not found at {bbc_path()}")
    counts = build(args.n, args.out, args.seed)
    print(f"{args.n:,} documents in {args.out}: " + ", ".join(f"{k} {v:,}" for k, v in sorted(counts.items())))


if __name__ == "__main__":
    main()
