"""Consistency checks for the hand-written gold files in tests/gold/.

The gold files are ground truth for evaluating the engine, so they are
themselves tested: every string must be copied exactly from its source, in
source order, and the BBC offsets must still point at the annotated text.

Run directly (``python tests/gold/check_gold.py``) or through
tests/test_gold_files.py.  Each ``check_*`` function returns a list of error
strings (empty = OK); the BBC check returns None when the third-party data is
absent.

Example:
    >>> from check_gold import check_documents
    >>> check_documents()
    []
"""
from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path
from typing import Dict, List, Optional
from peacecorpus._paths import eval_dir as find_eval_dir

GOLD = Path(__file__).resolve().parent
REPO = GOLD.parents[1]
SEEDS = REPO / "data" / "seeds"

REASONS = {
    "share_prompt", "teaser", "page_chrome", "caption", "credit", "syndication",
    "byline", "dateline", "citation", "repeated_line", "read_more",
}
LABELS = {"PERSON", "NORP", "ORG", "GPE", "LOC", "FAC", "EVENT", "LAW"}
KINDS = {"direct", "partial", "scare", "indirect"}
OPEN_MARKS = "“‘\"'"
CLOSE_MARKS = "”’\"'"


def eval_dir() -> Path:
    return find_eval_dir(REPO)


def load(name: str):
    with open(GOLD / name, encoding="utf-8") as fh:
        return json.load(fh)


def seed_text(doc_id: str) -> str:
    return (SEEDS / f"{doc_id}.txt").read_text(encoding="utf-8")


def check_documents() -> List[str]:
    """Paragraphs + removed lines partition the source lines; sentences tile paragraphs."""
    errs: List[str] = []
    docs = load("seeds_documents.json")
    want = sorted(p.stem for p in SEEDS.glob("*.txt"))
    if sorted(docs) != want:
        errs.append(f"doc ids {sorted(docs)} != seeds {want}")
    for doc_id, d in docs.items():
        src = seed_text(doc_id)
        lines = [ln for ln in src.split("\n") if ln.strip()]
        removed = list(d["removed"])
        for r in removed:
            if r["reason"] not in REASONS:
                errs.append(f"{doc_id}: bad reason {r['reason']!r}")
        # Walk the source lines: each is either removed whole, or kept (maybe minus
        # a trailing read_more sentence).
        paras = list(d["paragraphs"])
        ri = pi = 0
        for ln in lines:
            if ri < len(removed) and removed[ri]["text"] == ln and removed[ri]["reason"] != "read_more":
                ri += 1
                continue
            if pi >= len(paras):
                errs.append(f"{doc_id}: source line not accounted for: {ln[:60]!r}")
                continue
            p = paras[pi]
            if ln == p:
                pi += 1
                continue
            if (ri < len(removed) and removed[ri]["reason"] == "read_more"
                    and ln == p + " " + removed[ri]["text"]):
                pi += 1
                ri += 1
                continue
            errs.append(f"{doc_id}: paragraph {pi} != source line {ln[:60]!r}")
            pi += 1
        if ri != len(removed):
            errs.append(f"{doc_id}: removed entries not in source order from #{ri}")
        if pi != len(paras):
            errs.append(f"{doc_id}: {len(paras) - pi} extra paragraphs")
        # repeated_line: the removed copy must equal an earlier kept line.
        for r in removed:
            if r["reason"] == "repeated_line" and r["text"] not in paras:
                errs.append(f"{doc_id}: repeated_line without kept first copy")
        # Sentences tile the paragraphs with only whitespace between them.
        si = 0
        sents = d["sentences"]
        for k, p in enumerate(paras):
            pos = 0
            while pos < len(p):
                if si >= len(sents):
                    errs.append(f"{doc_id}: paragraph {k} not covered by sentences")
                    break
                s = sents[si]
                if s != s.strip() or not s:
                    errs.append(f"{doc_id}: sentence {si} has outer whitespace")
                if not p.startswith(s, pos):
                    errs.append(f"{doc_id}: sentence {si} does not follow in paragraph {k}: {s[:50]!r}")
                    break
                pos += len(s)
                si += 1
                while pos < len(p) and p[pos].isspace():
                    pos += 1
        if si != len(sents):
            errs.append(f"{doc_id}: {len(sents) - si} sentences beyond the paragraphs")
        # Metadata.
        title = d["title"]
        if title is not None and (not paras or paras[0] != title):
            errs.append(f"{doc_id}: title is not the first paragraph")
        for key in ("author", "outlet", "syndicated_from", "updated", "citation"):
            v = d[key]
            if v is not None and v not in src:
                errs.append(f"{doc_id}: {key} {v!r} not in source")
        pub = d["published"]
        if pub is not None:
            import datetime
            try:
                datetime.date.fromisoformat(pub)
            except ValueError:
                errs.append(f"{doc_id}: published {pub!r} not YYYY-MM-DD")
    return errs


def check_quotes() -> List[str]:
    """Quotes occur in kept text in order; marked quotes sit between quote marks."""
    errs: List[str] = []
    docs = load("seeds_documents.json")
    quotes = load("seeds_quotes.json")
    for doc_id, items in quotes.items():
        if doc_id not in docs:
            errs.append(f"unknown doc {doc_id}")
            continue
        paras = docs[doc_id]["paragraphs"]
        text = "\n".join(paras)
        pos = 0
        for n, q in enumerate(items):
            where = f"{doc_id} quote {n}"
            if q["kind"] not in KINDS:
                errs.append(f"{where}: bad kind {q['kind']!r}")
            at = text.find(q["quote"], pos)
            if at < 0:
                errs.append(f"{where}: not found after previous quote: {q['quote'][:50]!r}")
                continue
            if q["kind"] != "indirect":
                before = text[at - 1] if at > 0 else ""
                after = text[at + len(q["quote"])] if at + len(q["quote"]) < len(text) else ""
                if before not in OPEN_MARKS or after not in CLOSE_MARKS:
                    errs.append(f"{where}: not enclosed in quote marks: {q['quote'][:50]!r}")
            else:
                if q["quote"] != q["quote"].strip():
                    errs.append(f"{where}: indirect quote has outer whitespace")
            pos = at + 1
            if q["kind"] == "scare":
                if q["speaker"] is not None:
                    errs.append(f"{where}: scare quote with a speaker")
            elif not q.get("speaker"):
                errs.append(f"{where}: {q['kind']} quote without speaker")
            for key in ("speaker_mention", "cue"):
                v = q.get(key)
                if v is not None and v not in text:
                    errs.append(f"{where}: {key} {v!r} not in kept text")
            # The cue and speaker mention must be in the quote's own paragraph or
            # the one before it (a cue never sits farther away in these texts).
            par = text.count("\n", 0, at)
            window = "\n".join(paras[max(0, par - 1):par + 1])
            for key in ("speaker_mention", "cue"):
                v = q.get(key)
                if v is not None and v not in window:
                    errs.append(f"{where}: {key} {v!r} not near the quote")
    return errs


def check_entities() -> List[str]:
    """Mentions occur in their paragraph in text order; one label per canonical."""
    errs: List[str] = []
    docs = load("seeds_documents.json")
    ents = load("seeds_entities.json")
    label_of: Dict[str, str] = {}
    for doc_id, items in ents.items():
        if doc_id not in docs:
            errs.append(f"unknown doc {doc_id}")
            continue
        paras = docs[doc_id]["paragraphs"]
        last_par, pos = -1, 0
        for n, e in enumerate(items):
            where = f"{doc_id} entity {n} {e['text']!r}"
            if e["label"] not in LABELS:
                errs.append(f"{where}: bad label {e['label']!r}")
            k = e["paragraph"]
            if not 0 <= k < len(paras):
                errs.append(f"{where}: bad paragraph {k}")
                continue
            if k < last_par:
                errs.append(f"{where}: out of order")
                continue
            if k > last_par:
                last_par, pos = k, 0
            p = paras[k]
            at = p.find(e["text"], pos)
            if at < 0:
                errs.append(f"{where}: not found in paragraph {k} after offset {pos}")
                continue
            # Whole-token mention: not glued to letters on either side.
            end = at + len(e["text"])
            if (at > 0 and p[at - 1].isalnum()) or (end < len(p) and p[end].isalnum()):
                errs.append(f"{where}: mention cuts a word")
            pos = at + len(e["text"])
            prev = label_of.setdefault(e["canonical"], e["label"])
            if prev != e["label"]:
                errs.append(f"{where}: canonical {e['canonical']!r} labelled {e['label']} and {prev}")
    return errs


def sha1(s: str) -> str:
    return hashlib.sha1(s.encode("utf-8")).hexdigest()


def check_bbc_structure() -> List[str]:
    """Checks that need no third-party data: counts, kinds, ordered spans."""
    errs: List[str] = []
    gold = load("bbc_quotes.json")
    ids = [a["id"] for a in gold["articles"]]
    if len(ids) != len(set(ids)):
        errs.append("duplicate article ids")
    if len(ids) != 36:
        errs.append(f"{len(ids)} articles, expected 36")
    if sum(1 for a in gold["articles"] if a["quotes"]) < 30:
        errs.append("fewer than 30 articles with quotes")
    for a in gold["articles"]:
        last = -1
        for q in a["quotes"]:
            if q["kind"] not in {"direct", "partial", "scare"}:
                errs.append(f"{a['id']}: bad kind {q['kind']}")
            if (q["speaker"] is None) != (q["kind"] == "scare"):
                errs.append(f"{a['id']}: speaker must be null exactly for scare quotes")
            if len(q["sha1"]) != 40 or "text" in q or "quote" in q:
                errs.append(f"{a['id']}: store a sha1, never the quote text")
            if not (0 <= q["start"] < q["end"]) or q["start"] < last:
                errs.append(f"{a['id']}: bad/unsorted span {q['start']}:{q['end']}")
            last = q["end"]
    return errs


def select_bbc(texts: Dict[str, str]) -> List[str]:
    """The seeded sample: 6 per category with a '"' in the text, then 6 without."""
    import random

    rng = random.Random(2024)
    out: List[str] = []
    cats = sorted({i.rsplit("_", 1)[0] for i in texts})
    for c in cats:
        pool = sorted(i for i, t in texts.items() if i.rsplit("_", 1)[0] == c and '"' in t)
        out += rng.sample(pool, 6)
    out += rng.sample(sorted(i for i, t in texts.items() if '"' not in t), 6)
    return out


def check_bbc() -> Optional[List[str]]:
    """Offsets hash to the stored sha1; None when the eval data is absent."""
    path = eval_dir() / "news" / "bbc_news.jsonl"
    if not path.exists():
        return None
    texts = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            o = json.loads(line)
            texts[o["id"]] = o["text"]
    errs: List[str] = []
    gold = load("bbc_quotes.json")
    want = select_bbc(texts)
    got = [a["id"] for a in gold["articles"]]
    if got != want:
        errs.append(f"article ids differ from the seeded selection: {got} != {want}")
    for a in gold["articles"]:
        t = texts.get(a["id"])
        if t is None:
            errs.append(f"{a['id']}: not in eval data")
            continue
        if a.get("has_quote_char") is not None and a["has_quote_char"] != ('"' in t):
            errs.append(f"{a['id']}: has_quote_char mismatch")
        for q in a["quotes"]:
            span = t[q["start"]:q["end"]]
            if sha1(span) != q["sha1"]:
                errs.append(f"{a['id']}: span {q['start']}:{q['end']} sha1 mismatch")
            # A quote that continues into the next paragraph has no closing
            # mark (BBC convention): its span ends at the paragraph break.
            closed = q["end"] < len(t) and (t[q["end"]] in CLOSE_MARKS or t[q["end"]] == "\n")
            if t[q["start"] - 1] not in OPEN_MARKS or not closed:
                errs.append(f"{a['id']}: span {q['start']}:{q['end']} not between quote marks")
            for key in ("speaker_mention", "cue"):
                v = q.get(key)
                if v is not None and v not in t:
                    errs.append(f"{a['id']}: {key} {v!r} not in text")
    return errs


def main() -> int:
    bad = 0
    checks = [("documents", check_documents)]
    for name, fn in (("quotes", check_quotes), ("entities", check_entities),
                     ("bbc_structure", check_bbc_structure), ("bbc", check_bbc)):
        checks.append((name, fn))
    for name, fn in checks:
        try:
            errs = fn()
        except FileNotFoundError as exc:
            print(f"{name}: MISSING ({exc.filename})")
            bad += 1
            continue
        if errs is None:
            print(f"{name}: skipped (no eval data)")
            continue
        print(f"{name}: {'OK' if not errs else f'{len(errs)} errors'}")
        for e in errs:
            print("   ", e)
        bad += bool(errs)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
