"""Turn a hand-written span list into offset gold for BBC articles (no text stored).

Annotators write, per article, the names in reading order, one per line::

    # business_061
    Time Warner<TAB>ORG
    US<TAB>GPE
    # business_166
    ...

Lines starting with ``##`` are comments.  Each name is looked up as a whole-token
match (no letter or digit right before or after it) in the article's ``text``
field at or after the end of the previous name of that article; a name that is
not found there is an error, reported with its line number, so omissions and
misspellings are caught instead of silently shifting.  The output is the JSON
layout of tests/gold/README.md: code-point ``start``/``end`` (end exclusive),
``label`` and ``sha1`` of ``text[start:end]``.

    python tests/gold/spans_to_offsets.py annot.tsv [--eval ../shared/eval] > out.json
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path
from typing import Dict, List, Tuple

# _paths has no package imports: load it alone, so no built extension is needed
sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "peacecorpus"))
from _paths import eval_dir  # noqa: E402


def _is_word(ch: str) -> bool:
    return ch.isalnum()


def find_token(text: str, name: str, pos: int) -> int:
    """First whole-token occurrence of ``name`` in ``text`` at or after ``pos``; -1 if none."""
    while True:
        i = text.find(name, pos)
        if i < 0:
            return -1
        j = i + len(name)
        before_ok = i == 0 or not (_is_word(text[i - 1]) and _is_word(name[0]))
        after_ok = j == len(text) or not (_is_word(text[j]) and _is_word(name[-1]))
        if before_ok and after_ok:
            return i
        pos = i + 1


def parse(path: Path) -> Dict[str, List[Tuple[int, str, str]]]:
    """article id -> [(line number, name, label)] in file order."""
    out: Dict[str, List[Tuple[int, str, str]]] = {}
    cur = None
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("##"):
            continue
        if line.startswith("#"):
            cur = line[1:].strip()
            out.setdefault(cur, [])
            continue
        if cur is None:
            raise SystemExit(f"{path}:{n}: span before any '# article_id' line")
        name, sep, label = line.rstrip("\n").rpartition("\t")
        if not sep or not name:
            raise SystemExit(f"{path}:{n}: expected 'name<TAB>LABEL', got {line!r}")
        out[cur].append((n, name, label.strip()))
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("annotations", type=Path)
    ap.add_argument("--eval", type=Path, default=None, help="eval data folder (default: peacecorpus._paths.eval_dir())")
    args = ap.parse_args()
    root = args.eval or eval_dir()
    texts = {}
    with open(root / "news" / "bbc_news.jsonl", encoding="utf-8") as fh:
        for line in fh:
            o = json.loads(line)
            texts[o["id"]] = (o["category"], o["text"])
    errors = []
    articles = []
    for aid, spans in parse(args.annotations).items():
        if aid not in texts:
            errors.append(f"{aid}: no such article")
            continue
        cat, text = texts[aid]
        pos = 0
        rows = []
        for n, name, label in spans:
            i = find_token(text, name, pos)
            if i < 0:
                errors.append(f"{args.annotations}:{n}: {aid}: {name!r} not found after offset {pos}")
                continue
            j = i + len(name)
            rows.append({"start": i, "end": j, "label": label,
                         "sha1": hashlib.sha1(text[i:j].encode("utf-8")).hexdigest()})
            pos = j
        articles.append({"id": aid, "category": cat, "mentions": rows})
    if errors:
        print("\n".join(errors), file=sys.stderr)
        return 1
    json.dump({"articles": articles}, sys.stdout, ensure_ascii=False, indent=1)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
