"""Synthetic near-duplicate corpus with known ground truth, built from real news sentences.

Source sentences come from the BBC News dataset (../shared/eval/news/bbc_news.jsonl,
research use only: the generated corpus is written outside the repository by
default and must not be committed).

Design (seeded, reproducible):
  * a *base* document is 10-20 sentences drawn at random from the pool of all
    BBC sentences (about 40k), so two bases almost never share a 5-word shingle
    run long enough to matter (random pairs have Jaccard ~ 0);
  * ``--family-rate`` of the bases get 1-2 *light* variants (a near-duplicate,
    label 1) made with one (a lone variant: sometimes two) of: deletion (a sentence or a few words),
    insertion (a sentence or a few words), word swaps (adjacent pairs),
    truncation (the last 4-8 % of words), boilerplate added (a wire-service
    line before or after);
  * ``--negative-rate`` of the bases also get a *heavy* variant (label 0): the
    same story rewritten enough that it is not a near-duplicate (half the
    sentences replaced, or truncated to 35-55 %).

Truth: every pair inside a family is listed in the truth TSV with label 1 when
both documents are the base or a light variant, else 0.  Pairs not listed are
non-duplicates.  ``--check`` recomputes 5-gram Jaccard for all family pairs
with a pure-Python tokenizer (independent of the library) and prints the
distribution, to show the labels match the 0.8 threshold.

Usage:
    python bench/gen_neardup.py --n 10000 --out /tmp/neardup_10k
    -> /tmp/neardup_10k.jsonl ({"id", "text"}) and /tmp/neardup_10k.truth.tsv
"""
from __future__ import annotations

import argparse
import json
import random
import re
from pathlib import Path
from typing import Dict, List, Tuple
from peacecorpus._paths import eval_dir as find_eval_dir

BOILERPLATE = [
    "(Reporting by the newsroom; editing by the news desk.)",
    "Share this article on social media using the links below.",
    "ALSO READ: the latest regional news and analysis from our correspondents",
    "This story has been published from a wire agency feed without modifications to the text.",
    "Subscribe to our newsletter to get the top stories delivered to your inbox every morning.",
    "(INCLUDES INPUTS FROM ONLINE SOURCES)",
]

_SENT = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'])")


def eval_dir() -> Path:
    return find_eval_dir(Path(__file__).resolve().parents[1])


def load_sentences(path: Path) -> List[str]:
    sents: List[str] = []
    with path.open(encoding="utf-8", errors="replace") as f:
        for line in f:
            text = json.loads(line)["text"]
            for para in text.split("\n\n"):
                for s in _SENT.split(para.strip()):
                    if len(s.split()) >= 6:
                        sents.append(s.strip())
    return sents


def _words_edit(text: str, rng: random.Random, op: str, pool: List[str]) -> str:
    words = text.split()
    n = len(words)
    if op == "delete_words":
        k = rng.randint(2, 4)
        i = rng.randrange(max(1, n - k))
        del words[i:i + k]
    elif op == "insert_words":
        extra = rng.choice(pool).split()[: rng.randint(2, 4)]
        i = rng.randrange(n)
        words[i:i] = extra
    elif op == "swap_words":
        for _ in range(rng.randint(1, 2)):
            i = rng.randrange(max(1, n - 1))
            words[i], words[i + 1] = words[i + 1], words[i]
    elif op == "truncate":
        cut = max(1, int(n * rng.uniform(0.04, 0.08)))
        words = words[: n - cut]
    return " ".join(words)


def light_variant(sents: List[str], rng: random.Random, pool: List[str],
                  max_ops: int = 2) -> Tuple[str, str]:
    """A near-duplicate of the base made of `sents`; returns (text, ops)."""
    nops = 2 if max_ops > 1 and rng.random() < 0.25 else 1
    ops = rng.sample(["delete_sentence", "insert_sentence", "delete_words", "insert_words",
                      "swap_words", "truncate", "boilerplate"], nops)
    s = list(sents)
    text = None
    for op in ops:
        if op == "delete_sentence" and len(s) > 12:
            del s[rng.randrange(len(s))]
        elif op == "insert_sentence":
            s.insert(rng.randrange(len(s) + 1), rng.choice([x for x in rng.sample(pool, 20)
                                                            if len(x.split()) <= 20] or pool[:1]))
        elif op == "boilerplate":
            if rng.random() < 0.5:
                s.append(rng.choice(BOILERPLATE))
            else:
                s.insert(0, rng.choice(BOILERPLATE))
    text = " ".join(s)
    for op in ops:
        if op in ("delete_words", "insert_words", "swap_words", "truncate"):
            text = _words_edit(text, rng, op, pool)
    return text, "+".join(ops)


def heavy_variant(sents: List[str], rng: random.Random, pool: List[str]) -> Tuple[str, str]:
    """Same story, not a near-duplicate (Jaccard well below 0.8)."""
    if rng.random() < 0.5:
        s = list(sents)
        for i in rng.sample(range(len(s)), len(s) // 2):
            s[i] = rng.choice(pool)
        return " ".join(s), "replace_half"
    words = " ".join(sents).split()
    return " ".join(words[: int(len(words) * rng.uniform(0.35, 0.55))]), "truncate_heavy"


def generate(n: int, seed: int, family_rate: float, negative_rate: float,
             pool: List[str]) -> Tuple[List[Dict[str, str]], List[Tuple[str, str, int, str]]]:
    rng = random.Random(seed)
    docs: List[Dict[str, str]] = []
    truth: List[Tuple[str, str, int, str]] = []
    fam = 0
    while len(docs) < n:
        sents = rng.sample(pool, rng.randint(10, 20))
        base_id = f"f{fam:06d}_base"
        family = [(base_id, " ".join(sents), True, "base")]
        if rng.random() < family_rate:
            nvar = rng.choice([1, 1, 2])
            for v in range(nvar):
                # siblings differ from each other by both edits: keep each to one
                text, ops = light_variant(sents, rng, pool, max_ops=2 if nvar == 1 else 1)
                family.append((f"f{fam:06d}_v{v}", text, True, ops))
        if rng.random() < negative_rate:
            text, ops = heavy_variant(sents, rng, pool)
            family.append((f"f{fam:06d}_x", text, False, ops))
        family = family[: n - len(docs)]
        for i in range(len(family)):
            for j in range(i + 1, len(family)):
                a, b = family[i], family[j]
                label = int(a[2] and b[2])
                truth.append((a[0], b[0], label, f"{a[3]}|{b[3]}"))
        docs.extend({"id": d[0], "text": d[1]} for d in family)
        fam += 1
    rng.shuffle(docs)
    return docs, truth


def _py_shingles(text: str, n: int = 5) -> set:
    toks = re.findall(r"\w+", text.lower())
    if len(toks) < n:
        return {tuple(toks)} if toks else set()
    return {tuple(toks[i:i + n]) for i in range(len(toks) - n + 1)}


def check(docs: List[Dict[str, str]], truth: List[Tuple[str, str, int, str]]) -> None:
    text = {d["id"]: d["text"] for d in docs}
    by_label: Dict[int, List[float]] = {0: [], 1: []}
    for a, b, label, _ in truth:
        sa, sb = _py_shingles(text[a]), _py_shingles(text[b])
        by_label[label].append(len(sa & sb) / max(1, len(sa | sb)))
    for label, js in by_label.items():
        if js:
            js.sort()
            below = sum(j < 0.8 for j in js)
            print(f"  label {label}: {len(js)} pairs, Jaccard min {js[0]:.3f} median {js[len(js)//2]:.3f} "
                  f"max {js[-1]:.3f}; {below} below 0.8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=10000, help="number of documents")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--family-rate", type=float, default=0.3, help="share of bases with light variants")
    ap.add_argument("--negative-rate", type=float, default=0.1, help="share of bases with a heavy variant")
    ap.add_argument("--source", type=Path, default=None, help="bbc_news.jsonl (default: eval dir)")
    ap.add_argument("--out", type=Path, default=None, help="output prefix (default /tmp/peacecorpus_neardup_<n>)")
    ap.add_argument("--check", action="store_true", help="print independent Jaccard of truth pairs")
    args = ap.parse_args()
    src = args.source or eval_dir() / "news" / "bbc_news.jsonl"
    if not src.exists():
        raise SystemExit(f"source not found: {src} (set PEACECORPUS_EVAL)")
    out = args.out or Path(f"/tmp/peacecorpus_neardup_{args.n}")
    pool = load_sentences(src)
    docs, truth = generate(args.n, args.seed, args.family_rate, args.negative_rate, pool)
    with open(f"{out}.jsonl", "w", encoding="utf-8") as f:
        for d in docs:
            f.write(json.dumps(d, ensure_ascii=False) + "\n")
    with open(f"{out}.truth.tsv", "w", encoding="utf-8") as f:
        f.write("doc_a\tdoc_b\tlabel\tops\n")
        for a, b, label, ops in truth:
            f.write(f"{a}\t{b}\t{label}\t{ops}\n")
    pos = sum(t[2] for t in truth)
    print(f"{len(docs)} documents from {len(pool)} sentences; {pos} duplicate pairs, "
          f"{len(truth) - pos} hard negatives -> {out}.jsonl, {out}.truth.tsv")
    if args.check:
        check(docs, truth)


if __name__ == "__main__":
    main()
