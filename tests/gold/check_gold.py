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
import re
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


# ---------------------------------------------------------------- times (#19)
TIMEX_TYPES = {"DATE", "TIME", "DURATION", "SET"}
TIMEX_MODS = {None, "START", "MID", "END", "BEFORE", "AFTER", "ON_OR_BEFORE", "ON_OR_AFTER",
              "LESS_THAN", "MORE_THAN", "EQUAL_OR_LESS", "EQUAL_OR_MORE", "APPROX"}
REFS = {"PRESENT_REF", "PAST_REF", "FUTURE_REF"}
UNKNOWN_PUB = "publication (unknown)"
_DATE_RE = re.compile(
    r"^(?:(?P<day>\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01]))"
    r"|(?P<month>\d{4}-(?:0[1-9]|1[0-2]))|(?P<quarter>\d{4}-Q[1-4])"
    r"|(?P<season>\d{4}-(?:SP|SU|FA|WI))|(?P<week>\d{4}-W(?:0[1-9]|[1-4]\d|5[0-3]))"
    r"|(?P<year>\d{4})|(?P<decade>\d{3})|(?P<century>\d{2}))$")
_PARTIAL_RE = re.compile(
    r"^(?:(?P<day>XXXX-(?:XX|0[1-9]|1[0-2])-(?:XX|0[1-9]|[12]\d|3[01]))"
    r"|(?P<month>XXXX-(?:0[1-9]|1[0-2]))|(?P<quarter>XXXX-Q[1-4])"
    r"|(?P<season>XXXX-(?:SP|SU|FA|WI))|(?P<year>XXXX))$")
_TIME_RE = re.compile(r"^\d{4}-\d{2}-\d{2}T(?:\d{2}(?::\d{2}){0,2}|MO|MI|AF|EV|NI)$")
_DUR_UNITS = {"Y": "year", "M": "month", "W": "week", "D": "day", "DE": "decade",
              "CE": "century", "Q": "quarter"}
_DUR_RE = re.compile(r"^P(?:(\d+|X)(DE|CE|Y|Q|M|W|D))$")
# Every year and capitalised month name in the kept text must be inside a gold
# time expression (a cheap completeness check that can fail).
_MUST_COVER = re.compile(
    r"\b(?:1[89]\d0s|20\d0s|1[89]\d\d|20\d\d|January|February|March|April|June|July|"
    r"August|September|October|November|December)\b")


def timex_granularity(typ: str, value: Optional[str], partial: Optional[str]) -> Optional[str]:
    """Granularity implied by a TIMEX3 value (or partial value); None for *_REF."""
    if value in REFS:
        return None
    if value is None:
        m = _PARTIAL_RE.match(partial or "")
        return next(k for k, v in m.groupdict().items() if v) if m else "?"
    if typ in ("DURATION", "SET"):
        m = _DUR_RE.match(value)
        return _DUR_UNITS[m.group(2)] if m else "?"
    if typ == "TIME":
        return "time" if _TIME_RE.match(value) else "?"
    m = _DATE_RE.match(value)
    return next(k for k, v in m.groupdict().items() if v) if m else "?"


def _token_at(text: str, sub: str, start: int) -> int:
    """First whole-token occurrence of sub in text at or after start, else -1."""
    at = text.find(sub, start)
    while at >= 0:
        end = at + len(sub)
        if not ((at > 0 and text[at - 1].isalnum()) or (end < len(text) and text[end].isalnum())):
            return at
        at = text.find(sub, at + 1)
    return -1


def check_times() -> List[str]:
    """Time expressions: exact copies in sentence order, valid TIMEX3 values and anchors."""
    errs: List[str] = []
    docs = load("seeds_documents.json")
    times = load("seeds_times.json")
    if sorted(times) != sorted(docs):
        errs.append("seeds_times.json must list every seed document")
    for doc_id, items in times.items():
        if doc_id not in docs:
            continue
        sents = docs[doc_id]["sentences"]
        published = docs[doc_id]["published"]
        spans: Dict[int, List[range]] = {}
        last_s, pos = -1, 0
        for n, t in enumerate(items):
            where = f"{doc_id} time {n} {t['text']!r}"
            s = t["sentence"]
            if not 0 <= s < len(sents) or s < last_s:
                errs.append(f"{where}: bad or out-of-order sentence {s}")
                continue
            if s > last_s:
                last_s, pos = s, 0
            at = _token_at(sents[s], t["text"], pos)
            if at < 0:
                errs.append(f"{where}: not a whole token in sentence {s} after offset {pos}")
                continue
            pos = at + len(t["text"])
            spans.setdefault(s, []).append(range(at, pos))
            typ, value, partial, anchor = t["type"], t["value"], t["partial"], t["anchor"]
            if typ not in TIMEX_TYPES:
                errs.append(f"{where}: bad type {typ!r}")
            if t["mod"] not in TIMEX_MODS:
                errs.append(f"{where}: bad mod {t['mod']!r}")
            if value in REFS and typ != "DATE":
                errs.append(f"{where}: {value} must be a DATE")
            if (value is None) == (partial is None) and value not in REFS:
                errs.append(f"{where}: give exactly one of value / partial")
            if value in REFS and partial is not None:
                errs.append(f"{where}: *_REF values take no partial")
            gran = timex_granularity(typ, value, partial)
            if gran == "?":
                errs.append(f"{where}: invalid {typ} value {value!r} / partial {partial!r}")
            elif gran != t["granularity"]:
                errs.append(f"{where}: granularity {t['granularity']!r}, value says {gran!r}")
            # Anchors: null = absolute; publication = resolved against a known date;
            # publication (unknown) = deictic in an undated document (value stays null
            # unless it is a *_REF); else the text of an earlier time expression.
            if anchor is None:
                if value is None or value in REFS:
                    errs.append(f"{where}: absolute expression needs a concrete value")
            elif anchor == "publication":
                if published is None or value is None:
                    errs.append(f"{where}: anchor publication needs a publication date and a value")
            elif anchor == UNKNOWN_PUB:
                if published is not None:
                    errs.append(f"{where}: document has a publication date: resolve it")
                if value is not None and value not in REFS:
                    errs.append(f"{where}: no publication date, value must stay null (guessed {value!r})")
            else:
                earlier = [u for u in items[:n] if u["text"] == anchor]
                if not earlier:
                    errs.append(f"{where}: anchor {anchor!r} is no earlier time expression")
                elif (earlier[-1]["value"] is None) != (value is None):
                    errs.append(f"{where}: resolved iff its anchor {anchor!r} is")
        for s, sent in enumerate(sents):
            for m in _MUST_COVER.finditer(sent):
                if not any(m.start() in r for r in spans.get(s, [])):
                    errs.append(f"{doc_id} sentence {s}: {m.group()!r} not inside a gold time expression")
    return errs


# ---------------------------------------------------------------- events (#19)
EVENT_TYPES = {"MEET", "AGREE", "ATTACK", "CEASEFIRE", "VISIT", "STATEMENT", "ELECTION",
               "PROTEST", "PRISONER_RELEASE", "SANCTION", "DISPLACEMENT"}
EVENT_STATUS = {"occurred", "planned", "did_not_occur"}
NUMBER_UNITS = {"people", "dead", "injured", "km", "percent", "districts", "money", "prisoners"}


def _doc_canonicals(doc_id: str) -> set:
    return {m["canonical"] for m in load("seeds_entities.json").get(doc_id, [])}


def check_events() -> List[str]:
    """Events: evidence is the exact sentence, trigger/numbers in it, references resolve."""
    errs: List[str] = []
    docs = load("seeds_documents.json")
    times = load("seeds_times.json")
    gold = load("seeds_events.json")
    events, merged = gold["events"], gold["merged"]
    seen: Dict[str, dict] = {}
    for doc_id, items in events.items():
        if doc_id not in docs:
            errs.append(f"unknown doc {doc_id}")
            continue
        sents = docs[doc_id]["sentences"]
        canon = _doc_canonicals(doc_id)
        last = -1
        for e in items:
            where = f"{doc_id} {e['id']}"
            if not e["id"].startswith(doc_id[:3] + "-e") or e["id"] in seen:
                errs.append(f"{where}: bad or duplicate id")
            seen[e["id"]] = e
            s = e["sentence"]
            if not 0 <= s < len(sents) or s < last:
                errs.append(f"{where}: bad or out-of-order sentence {s}")
                continue
            last = s
            if e["evidence"] != sents[s]:
                errs.append(f"{where}: evidence is not sentence {s} exactly")
            if e["type"] not in EVENT_TYPES:
                errs.append(f"{where}: bad type {e['type']!r}")
            if e["status"] not in EVENT_STATUS:
                errs.append(f"{where}: bad status {e['status']!r}")
            at = -1
            for _ in range(e.get("occurrence", 1)):
                at = _token_at(e["evidence"], e["trigger"], at + 1)
            if at < 0:
                errs.append(f"{where}: trigger {e['trigger']!r} not in evidence")
            for name in e["participants"] + ([e["place"]] if e["place"] else []):
                if name not in canon:
                    errs.append(f"{where}: {name!r} is not a canonical entity of {doc_id}")
            if e["time"] is not None:
                ok = [t for t in times.get(doc_id, []) if t["sentence"] == s
                      and t["text"] == e["time"]["text"] and t["value"] == e["time"]["value"]]
                if not ok:
                    errs.append(f"{where}: time {e['time']} is no gold time expression of sentence {s}")
            for x in e["numbers"]:
                if x["text"] not in e["evidence"] or x["unit"] not in NUMBER_UNITS \
                        or not isinstance(x["value"], (int, float)):
                    errs.append(f"{where}: bad number {x}")
            if e["merged"] not in merged:
                errs.append(f"{where}: merged id {e['merged']!r} unknown")
    for mid, m in merged.items():
        want = [i for i, e in seen.items() if e["merged"] == mid]
        if m["mentions"] != want:
            errs.append(f"{mid}: mentions {m['mentions']} != events pointing at it {want}")
        if any(seen[i]["type"] != m["type"] for i in want):
            errs.append(f"{mid}: mentions of another type than {m['type']}")
        if m["documents"] != sorted({i.split('-')[0] for i in want}):
            errs.append(f"{mid}: documents list is wrong")
    return errs


# ---------------------------------------------------------------- conflicts (#19)
def check_conflicts() -> List[str]:
    """Conflict sides point at gold events; versions disagree; non-conflicts resolve too."""
    errs: List[str] = []
    docs = load("seeds_documents.json")
    times = load("seeds_times.json")
    ev = {e["id"]: (d, e) for d, items in load("seeds_events.json")["events"].items() for e in items}
    gold = load("seeds_conflicts.json")

    def side_ok(where: str, x: dict) -> Optional[dict]:
        if x["event"] not in ev:
            errs.append(f"{where}: unknown event {x['event']}")
            return None
        d, e = ev[x["event"]]
        if (x["doc"], x["sentence"], x["evidence"], x["time"], x["numbers"]) != \
                (d, e["sentence"], e["evidence"], e["time"], e["numbers"]):
            errs.append(f"{where}: side of {x['event']} does not match seeds_events.json")
        return e

    for c in gold["conflicts"]:
        values = []
        for v in c["versions"]:
            values.append(v["value"])
            docs_of = sorted({x["doc"] for x in v["mentions"]})
            if docs_of != sorted(v["documents"]):
                errs.append(f"{c['id']}: documents of version {v['value']} are wrong")
            if v["published"] != [docs[d]["published"] for d in v["documents"]]:
                errs.append(f"{c['id']}: published dates of version {v['value']} are wrong")
            for x in v["mentions"]:
                e = side_ok(c["id"], x)
                if e is None:
                    continue
                if e["merged"] != c["merged"]:
                    errs.append(f"{c['id']}: {x['event']} is not a mention of {c['merged']}")
                if c["kind"] == "time" and (e["time"] or {}).get("value") != v["value"]:
                    errs.append(f"{c['id']}: {x['event']} has no time value {v['value']}")
        if len(set(values)) < 2:
            errs.append(f"{c['id']}: a conflict needs two different values")
        for x in c.get("unresolved", []):
            e = side_ok(c["id"], x)
            if e is not None and (e["time"] is None or e["time"]["value"] is not None):
                errs.append(f"{c['id']}: {x['event']} is listed unresolved but has a value")
    for a in gold["anomalies"]:
        if docs[a["doc"]]["published"] != a["published"]:
            errs.append(f"{a['id']}: published date does not match seeds_documents.json")
        for x in a["mentions"]:
            side_ok(a["id"], x)
    for nc in gold["not_conflicts"]:
        for x in nc.get("mentions", []):
            e = side_ok(nc["id"], x)
            if e is not None and nc.get("merged") and e["merged"] != nc["merged"]:
                errs.append(f"{nc['id']}: {x['event']} is not a mention of {nc['merged']}")
        for t in nc.get("times", []):
            if not any(u["sentence"] == t["sentence"] and u["text"] == t["text"]
                       and u["value"] == t["value"] for u in times.get(t["doc"], [])):
                errs.append(f"{nc['id']}: time {t['text']!r} is no gold time expression")
        o = nc.get("other")
        if o and docs[o["doc"]]["sentences"][o["sentence"]] != o["evidence"]:
            errs.append(f"{nc['id']}: other evidence is not the sentence")
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


def bbc_texts() -> Optional[Dict[str, str]]:
    """article id -> text field of the BBC eval data; None when it is absent."""
    path = eval_dir() / "news" / "bbc_news.jsonl"
    if not path.exists():
        return None
    texts = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            o = json.loads(line)
            texts[o["id"]] = o["text"]
    return texts


def between_marks(text: str, start: int, end: int) -> bool:
    """True when ``text[start:end]`` sits between an opening and a closing quote mark.

    A quote that continues into the next paragraph has no closing mark (BBC
    convention): its span ends at the paragraph break.

    >>> between_marks('He said: "Yes." Then', 10, 14)
    True
    """
    closed = end < len(text) and (text[end] in CLOSE_MARKS or text[end] == "\n")
    return start > 0 and text[start - 1] in OPEN_MARKS and closed


def check_bbc() -> Optional[List[str]]:
    """Offsets hash to the stored sha1; None when the eval data is absent."""
    texts = bbc_texts()
    if texts is None:
        return None
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
            if not between_marks(t, q["start"], q["end"]):
                errs.append(f"{a['id']}: span {q['start']}:{q['end']} not between quote marks")
            for key in ("speaker_mention", "cue"):
                v = q.get(key)
                if v is not None and v not in t:
                    errs.append(f"{a['id']}: {key} {v!r} not in text")
    return errs


# --- BBC entity gold (bbc_entities_dev.json / bbc_entities_test.json) ---------

ENTITY_FILES = {"dev": "bbc_entities_dev.json", "test": "bbc_entities_test.json"}
# "the" in any case; "a"/"an" only where they cannot be an initial ("A Jones").
DETERMINERS = {"the", "The", "THE", "a", "an", "An"}
# Names whose own form ends in a possessive 's (a trailing 's is otherwise cut);
# "St <name>'s" (churches, schools, hospitals) is allowed as a pattern.
NAMES_ENDING_IN_S = {"McDonald's", "Sainsbury's", "Lloyd's", "Moody's", "Sotheby's", "Christie's"}


def category(article_id: str) -> str:
    return article_id.rsplit("_", 1)[0]


def select_bbc_entities(texts: Dict[str, str]) -> Dict[str, List[str]]:
    """The fixed entity selection: {"dev": 30 ids, "test": 30 ids}.

    The 36 quote-gold articles (select_bbc) are excluded first; then
    ``random.Random(2026)`` samples 12 per category (sorted category order, from
    the sorted ids not yet used): the first 6 are dev, the last 6 held-out.
    """
    import random

    used = set(select_bbc(texts))
    rng = random.Random(2026)
    out: Dict[str, List[str]] = {"dev": [], "test": []}
    for c in sorted({category(i) for i in texts}):
        picked = rng.sample(sorted(i for i in texts if category(i) == c and i not in used), 12)
        out["dev"] += picked[:6]
        out["test"] += picked[6:]
    return out


def entity_files() -> Dict[str, str]:
    """split -> file name of the entity gold files present (dev is required)."""
    return {k: v for k, v in ENTITY_FILES.items() if k == "dev" or (GOLD / v).exists()}


def span_problems(text: str, start: int, end: int) -> List[str]:
    """Why ``text[start:end]`` is not a well-formed entity span (empty = fine).

    Whole tokens only (no letter or digit glued on either side), no outer
    whitespace, no paragraph break, no leading determiner, no trailing
    possessive (except names that end in one: "St Fintian's", NAMES_ENDING_IN_S).

    >>> span_problems("the BBC's report", 0, 9)
    ['starts with a determiner', "ends with a possessive 's"]
    >>> span_problems("the BBC's report", 4, 7)
    []
    """
    span = text[start:end]
    out = []
    if (start > 0 and text[start - 1].isalnum() and span[:1].isalnum()) or (
            end < len(text) and text[end].isalnum() and span[-1:].isalnum()):
        out.append("cuts a word")
    if span != span.strip() or "\n" in span:
        out.append("outer whitespace or paragraph break")
    words = span.split()
    if len(words) > 1 and words[0] in DETERMINERS:
        out.append("starts with a determiner")
    own_name = words[:1] in (["St"], ["St."]) or span.replace("\u2019", "'") in NAMES_ENDING_IN_S
    if span.endswith(("'s", "\u2019s", "'", "\u2019")) and not own_name:
        out.append("ends with a possessive 's")
    return out


def check_bbc_entities_structure() -> List[str]:
    """Checks that need no third-party data: fields, labels, sorted disjoint spans."""
    errs: List[str] = []
    seen: Dict[str, str] = {}
    for split, name in entity_files().items():
        gold = load(name)
        if gold.get("split") != split:
            errs.append(f"{name}: split {gold.get('split')!r}, expected {split!r}")
        if sorted(gold.get("labels", [])) != sorted(LABELS):
            errs.append(f"{name}: labels {gold.get('labels')} != {sorted(LABELS)}")
        for key in ("source", "selection", "offsets"):
            if not gold.get(key):
                errs.append(f"{name}: missing {key!r}")
        arts = gold["articles"]
        if len(arts) != 30:
            errs.append(f"{name}: {len(arts)} articles, expected 30")
        for a in arts:
            where = f"{name} {a['id']}"
            if a["id"] in seen:
                errs.append(f"{where}: also in {seen[a['id']]}")
            seen[a["id"]] = name
            if a.get("category") != category(a["id"]):
                errs.append(f"{where}: category {a.get('category')!r}")
            last = 0
            for n, m in enumerate(a["mentions"]):
                if set(m) != {"start", "end", "label", "sha1"}:
                    errs.append(f"{where} mention {n}: keys {sorted(m)} (store offsets and sha1, never text)")
                if m.get("label") not in LABELS:
                    errs.append(f"{where} mention {n}: bad label {m.get('label')!r}")
                if len(str(m.get("sha1", ""))) != 40:
                    errs.append(f"{where} mention {n}: bad sha1")
                if not (isinstance(m["start"], int) and isinstance(m["end"], int) and 0 <= m["start"] < m["end"]):
                    errs.append(f"{where} mention {n}: bad span {m['start']}:{m['end']}")
                elif m["start"] < last:
                    errs.append(f"{where} mention {n}: span {m['start']}:{m['end']} unsorted or overlapping")
                last = max(last, m["end"])
    return errs


def check_bbc_entities() -> Optional[List[str]]:
    """Selection recipe, sha1 and span form against the text; None without eval data."""
    texts = bbc_texts()
    if texts is None:
        return None
    errs: List[str] = []
    want = select_bbc_entities(texts)
    for split, name in entity_files().items():
        gold = load(name)
        got = [a["id"] for a in gold["articles"]]
        if got != want[split]:
            errs.append(f"{name}: article ids differ from the seeded selection: {got} != {want[split]}")
        for a in gold["articles"]:
            t = texts.get(a["id"])
            if t is None:
                errs.append(f"{name} {a['id']}: not in eval data")
                continue
            for m in a["mentions"]:
                where = f"{name} {a['id']} span {m['start']}:{m['end']}"
                if sha1(t[m["start"]:m["end"]]) != m["sha1"]:
                    errs.append(f"{where}: sha1 mismatch")
                    continue
                errs += [f"{where}: {p}" for p in span_problems(t, m["start"], m["end"])]
    return errs


# --- bbc_quotes_reported.json: marked quotes + reported speech (dev set) -------

REPORTED = "bbc_quotes_reported.json"
QUOTE_KEYS = {"start", "end", "kind", "speaker", "speaker_mention", "cue", "sha1"}
QUOTE_SAMPLE = (("politics", 10), ("business", 10), ("sport", 4), ("tech", 3), ("entertainment", 3))


def select_bbc_reported(texts: Dict[str, str]) -> List[str]:
    """The fixed 'Quotes + reported speech' selection (30 ids, recipe in COORD.md).

    The 36 quote-gold articles (select_bbc) are excluded first, then the 60
    entity articles (``random.Random(2026)``, 12 per category in sorted order);
    then ``random.Random(2027)`` samples politics 10, business 10, sport 4,
    tech 3, entertainment 3 from the sorted ids not yet used.
    """
    import random

    used = set(select_bbc(texts))
    for ids in select_bbc_entities(texts).values():
        used |= set(ids)
    rng = random.Random(2027)
    out: List[str] = []
    for c, n in QUOTE_SAMPLE:
        out += rng.sample(sorted(i for i in texts if category(i) == c and i not in used), n)
        used |= set(out)
    return out


def check_bbc_reported_structure() -> List[str]:
    """Checks that need no third-party data: fields, kinds, speakers, span order.

    Spans are sorted by start and disjoint, except that a marked quote may lie
    inside an indirect span (a scare quote or another speaker's quote within
    the reported clause).
    """
    errs: List[str] = []
    gold = load(REPORTED)
    for key in ("source", "selection", "offsets"):
        if not gold.get(key):
            errs.append(f"{REPORTED}: missing {key!r}")
    ids = [a["id"] for a in gold["articles"]]
    if len(ids) != 30 or len(set(ids)) != 30:
        errs.append(f"{REPORTED}: {len(ids)} articles ({len(set(ids))} distinct), expected 30")
    for a in gold["articles"]:
        if a.get("category") != a["id"].rsplit("_", 1)[0]:
            errs.append(f"{a['id']}: category {a.get('category')!r}")
        prev = None
        for n, q in enumerate(a["quotes"]):
            where = f"{a['id']} quote {n}"
            if set(q) != QUOTE_KEYS:
                errs.append(f"{where}: keys {sorted(q)} (store offsets and sha1, never text)")
                continue
            if q["kind"] not in KINDS:
                errs.append(f"{where}: bad kind {q['kind']!r}")
            if q["kind"] == "scare":
                if any(q[k] is not None for k in ("speaker", "speaker_mention", "cue")):
                    errs.append(f"{where}: scare quote with a speaker, mention or cue")
            elif not (isinstance(q["speaker"], str) and q["speaker"].strip()):
                errs.append(f"{where}: {q['kind']} quote without speaker")
            elif q["kind"] == "indirect" and not (q["speaker_mention"] and q["cue"]):
                errs.append(f"{where}: indirect quote without speaker_mention or cue")
            if len(str(q["sha1"])) != 40:
                errs.append(f"{where}: bad sha1")
            if not (isinstance(q["start"], int) and isinstance(q["end"], int) and 0 <= q["start"] < q["end"]):
                errs.append(f"{where}: bad span {q['start']}:{q['end']}")
                continue
            if prev is not None:
                inside = (prev["kind"] == "indirect" and q["kind"] != "indirect"
                          and prev["start"] <= q["start"] and q["end"] <= prev["end"])
                if q["start"] < prev["end"] and not inside:
                    errs.append(f"{where}: span {q['start']}:{q['end']} unsorted or overlapping")
            if prev is None or q["kind"] == "indirect" or q["start"] >= prev["end"]:
                prev = q
    return errs


def check_bbc_reported() -> Optional[List[str]]:
    """Selection recipe, sha1, marks and clause edges against the text; None without eval data."""
    texts = bbc_texts()
    if texts is None:
        return None
    errs: List[str] = []
    gold = load(REPORTED)
    want = select_bbc_reported(texts)
    got = [a["id"] for a in gold["articles"]]
    if got != want:
        errs.append(f"{REPORTED}: article ids differ from the seeded selection: {got} != {want}")
    for a in gold["articles"]:
        t = texts.get(a["id"])
        if t is None:
            errs.append(f"{a['id']}: not in eval data")
            continue
        if a.get("has_quote_char") != ('"' in t):
            errs.append(f"{a['id']}: has_quote_char mismatch")
        for q in a["quotes"]:
            s, e = q["start"], q["end"]
            where = f"{a['id']} span {s}:{e}"
            span = t[s:e]
            if sha1(span) != q["sha1"]:
                errs.append(f"{where}: sha1 mismatch")
                continue
            if q["kind"] == "indirect":
                # The reported clause only: no "that", no outer space or
                # trailing punctuation, inside one paragraph.
                if (span != span.strip() or "\n" in span or span[-1] in ".,;:"
                        or span.lower().startswith("that ")):
                    errs.append(f"{where}: indirect span is not a bare clause")
            elif not between_marks(t, s, e):
                errs.append(f"{where}: not between quote marks")
            # Mention and cue are in the quote's paragraph or the one before.
            par = t.rfind("\n\n", 0, s)
            par = t.rfind("\n\n", 0, par) if par > 0 else -1
            nxt = t.find("\n\n", e)
            window = t[par + 1:nxt if nxt >= 0 else len(t)]
            for key in ("speaker_mention", "cue"):
                v = q[key]
                if v is not None and v not in window:
                    errs.append(f"{where}: {key} {v!r} not near the quote")
    return errs


def main() -> int:
    bad = 0
    checks = [("documents", check_documents)]
    for name, fn in (("quotes", check_quotes), ("entities", check_entities),
                     ("times", check_times), ("events", check_events),
                     ("conflicts", check_conflicts),
                     ("bbc_structure", check_bbc_structure), ("bbc", check_bbc),
                     ("bbc_reported_structure", check_bbc_reported_structure),
                     ("bbc_reported", check_bbc_reported),
                     ("bbc_entities_structure", check_bbc_entities_structure),
                     ("bbc_entities", check_bbc_entities)):
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
