"""Check that an optimisation of entity extraction left its output identical.

Hashes every field of ``Document.entities`` (per document, with a fresh
extraction) and of ``Corpus.entities()`` (after the cross-document merge) for:
the seed articles, all BBC articles of the shared evaluation data
(../shared/eval/news/bbc_news.jsonl, PEACECORPUS_EVAL overrides; skipped when
absent) and 400 random texts built from name-like pieces (titles, appositives,
acronyms, honorifics, surnames, headings).

    PYTHONPATH=$PWD python bench/check_entities_identical.py --save /tmp/ents_before.json
    PYTHONPATH=$PWD python bench/check_entities_identical.py --check /tmp/ents_before.json
"""
from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
from pathlib import Path
from typing import Callable, Dict, List, Optional

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
from peacecorpus._paths import eval_dir as find_eval_dir  # noqa: E402

_PIECES = [
    "Foreign Minister Ararat Mirzoian met Antony Blinken in Washington.", "Mirzoian said talks went well.",
    "Prime Minister Nikol Pashinyan", "Ilham Aliyev", "Aliyev", "Pashinyan", "Blinkin", "Blinken",
    ", the Armenian ambassador in Paris,", ", a senior analyst at the Carnegie Endowment,", " said",
    "The European Union (EU)", "EU", "OSCE (Organization for Security and Co-operation in Europe)",
    "the Collective Security Treaty Organization (CSTO)", "CSTO", "Mr Brown", "Dr. Smith", "Ms Jones",
    "Later Tolmajyan said", "Ultimately", "I’m", "OK", "Poghosian estimated", "Hovhannes Poghosian",
    "PEACE TALKS RESUME IN BAKU", "\n\n", "\n", " ", ". ", ", ", "Nagorno-Karabakh", "Naxçıvan",
    "Nakhchivan", "on 5 May 2024", "$1.2 billion", "35%", "Russian President Vladimir Putin",
    "Azerbaijani Foreign Minister Jeyhun Bayramov", "Bayramov’s", "Putin's", "(AFP)", "Stepanakert",
    "Charles Michel", "Michel", "Constitutional Amendments and Legal Guarantees.", "Reuters",
    "the United Nations Security Council (UNSC)", "Lachin corridor", "“We agree,” he said.",
]


def _rand_texts(n: int, seed: int = 7) -> List[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(_PIECES) + rng.choice(["", " ", " ", ". ", "\n", ", "])
                    for _ in range(rng.randint(1, 40))) for _ in range(n)]


def _eval_dir() -> Path:
    return find_eval_dir(REPO)


def _sets() -> Dict[str, List[str]]:
    out = {"seeds": [p.read_text(encoding="utf-8") for p in sorted((REPO / "data" / "seeds").glob("*.txt"))]}
    bbc = _eval_dir() / "news" / "bbc_news.jsonl"
    if bbc.exists():
        with open(bbc, encoding="utf-8") as fh:
            out["bbc"] = [json.loads(line)["text"] for line in fh if line.strip()]
    out["random"] = _rand_texts(400)
    return out


def _h(obj) -> str:
    return hashlib.sha256(repr(obj).encode("utf-8", "surrogatepass")).hexdigest()


def _plain(v):
    import pandas as pd
    if v is None or (not isinstance(v, (list, tuple)) and pd.isna(v)):
        return None
    return v.item() if hasattr(v, "item") else v


def hashes() -> Dict[str, str]:
    import peacecorpus as pc
    from peacecorpus.entities import default_extractor

    ex = default_extractor()
    out = {}
    for name, texts in _sets().items():
        docs = [pc.parse(t, doc_id=f"{name}_{i:04d}") for i, t in enumerate(texts)]
        per_doc = hashlib.sha256()
        n = 0
        for d in docs:
            ents = ex.extract(d)
            n += len(ents)
            per_doc.update(_h([tuple((type(v).__name__, v) for v in e) for e in ents]).encode())
        out[f"{name}/extract"] = per_doc.hexdigest()
        out[f"{name}/n_entities"] = str(n)
        corpus = pc.Corpus(docs)
        df = corpus.entities()
        out[f"{name}/corpus_columns"] = _h([(c, str(df[c].dtype)) for c in df.columns])
        # values only (missing -> None, numpy scalars -> Python): a change of dtype shows in
        # corpus_columns, not here
        out[f"{name}/corpus_rows"] = _h([tuple(_plain(v) for v in r) for r in df.itertuples(index=False)])
        out[f"{name}/doc_entities"] = _h([tuple(d.entities) for d in docs])
        print(f"{name}: {len(docs)} documents, {n} entities, {len(df)} corpus rows", file=sys.stderr)
    return out


def save_or_check(hashes_fn: Callable[[], Dict[str, str]], description: Optional[str] = None) -> None:
    """``--save FILE`` writes the hashes, ``--check FILE`` compares with them
    (exit status 1 and one line per difference)."""
    ap = argparse.ArgumentParser(description=description)
    g = ap.add_mutually_exclusive_group(required=True)
    g.add_argument("--save")
    g.add_argument("--check")
    args = ap.parse_args()
    cur = hashes_fn()
    if args.save:
        Path(args.save).write_text(json.dumps(cur, indent=1))
        print(f"saved {len(cur)} hashes to {args.save}")
        return
    ref = json.loads(Path(args.check).read_text())
    bad = [k for k in sorted(set(ref) | set(cur)) if ref.get(k) != cur.get(k)]
    for k in bad:
        print(f"DIFFERS: {k}  ({ref.get(k, '-')[:16]} -> {cur.get(k, '-')[:16]})")
    if bad:
        sys.exit(1)
    print(f"identical: {len(cur)} hashes")


def main() -> None:
    save_or_check(hashes, __doc__.split("\n\n")[0])


if __name__ == "__main__":
    main()
