"""Check that a change left the values of every corpus table identical.

Hashes the *values* of each table a user gets from a :class:`peacecorpus.Corpus`
(every public table of the registry but the tokens), row by row in
the order returned, with every cell normalised (missing -> None, categoricals and strings
-> str, numbers -> int or float rounded to 9 digits, timestamps -> ISO text), so that a
change of *dtype* alone (object -> string[pyarrow], int64 -> Int64) keeps the hash while a
changed value, row or order does not.  Corpora: the seeds, 300 BBC articles (all tables)
and all 2,225 BBC articles (every table but the O(n^2) similarity and stories); BBC is
skipped when ../shared/eval is absent.  Column *names* are hashed separately, so a new
column shows up as a difference of ``<table>/columns`` only.

    PYTHONPATH=$PWD python bench/check_tables_identical.py --save /tmp/tables_before.json
    PYTHONPATH=$PWD python bench/check_tables_identical.py --check /tmp/tables_before.json
"""
from __future__ import annotations

import datetime as _dt
import hashlib
import json
import math
import sys
from pathlib import Path
from typing import Any, Dict, List

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))
from peacecorpus._paths import eval_dir  # noqa: E402
from peacecorpus import tables as _tables  # noqa: E402
from check_entities_identical import save_or_check  # noqa: E402

#: every public table of the registry (peacecorpus.tables) but the tokens, one
#: row per token (their values are the sentences' and paragraphs')
TABLES = [t for t in _tables.names(public=True) if t != "tokens"]
_QUADRATIC = {"similarity", "stories"}


def _cell(v: Any) -> Any:
    import pandas as pd
    if v is None:
        return None
    if isinstance(v, (list, tuple)):
        return [_cell(x) for x in v]
    if hasattr(v, "tolist") and not isinstance(v, (str, bytes)):
        v = v.tolist()
        if isinstance(v, list):
            return [_cell(x) for x in v]
    try:
        if pd.isna(v):
            return None
    except (TypeError, ValueError):
        pass
    if isinstance(v, bool):
        return v
    if isinstance(v, int):
        return v
    if isinstance(v, float):
        if v.is_integer() and abs(v) < 2 ** 53:
            return int(v)
        return round(v, 9) if math.isfinite(v) else str(v)
    if isinstance(v, (pd.Timestamp, _dt.datetime, _dt.date)):
        return pd.Timestamp(v).isoformat()
    return str(v)


def table_hash(df) -> Dict[str, str]:
    h = hashlib.sha256()
    cols = list(df.columns)
    for row in df.itertuples(index=False, name=None):
        h.update(json.dumps([_cell(v) for v in row], ensure_ascii=False).encode("utf-8", "surrogatepass"))
    return {"columns": hashlib.sha256(json.dumps(cols).encode()).hexdigest(), "rows": h.hexdigest(),
            "n": str(len(df))}


def corpora() -> Dict[str, List[str]]:
    texts = {"seeds": [p.read_text(encoding="utf-8") for p in sorted((REPO / "data" / "seeds").glob("*.txt"))]}
    bbc = eval_dir(REPO) / "news" / "bbc_news.jsonl"
    if bbc.exists():
        with open(bbc, encoding="utf-8") as fh:
            rows = [json.loads(line) for line in fh if line.strip()]
        texts["bbc300"] = [r["text"] for r in rows[:300]]
        texts["bbc"] = [r["text"] for r in rows]
    else:
        print("BBC corpus not found: skipped", file=sys.stderr)
    return texts


def hashes() -> Dict[str, str]:
    import peacecorpus as pc
    out: Dict[str, str] = {}
    for name, texts in corpora().items():
        ids = [f"{name}_{i:04d}" for i in range(len(texts))]
        corpus = pc.Corpus.from_texts(texts, ids=ids)
        for t in TABLES:
            if name == "bbc" and t in _QUADRATIC:
                continue
            df = getattr(corpus, t)()
            for k, v in table_hash(df).items():
                out[f"{name}/{t}/{k}"] = v
        print(f"{name}: {len(corpus)} documents", file=sys.stderr)
    return out


def main() -> None:
    save_or_check(hashes, __doc__.split("\n\n")[0])


if __name__ == "__main__":
    main()
