"""The full entity pipeline (dictionary + tagger + rules) on CoNLL-2003, with
spaCy's label mapping of bench/eval_conll.py (PERSON->PER, ORG->ORG,
GPE/LOC/FAC->LOC, NORP/EVENT/LAW/PRODUCT/WORK_OF_ART/LANGUAGE->MISC).

Compares the tagger's place feature computed from the list it was trained
with (ner_loc.txt, the default) against the gazetteer's GPE/LOC entries, and
whole-sentence tagging against windows around capitalised words.  Each
CoNLL document is one text (sentences joined by newlines, tokens by spaces).

    python bench/eval_conll_entities.py [--split valid|test]
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from peacecorpus import _core  # noqa: E402
from peacecorpus.entities import EntityExtractor  # noqa: E402
from peacecorpus.gazetteer import LABELS  # noqa: E402
from peacecorpus.ner import bio_spans  # noqa: E402
from peacecorpus._paths import eval_dir as find_eval_dir  # noqa: E402

sys.path.insert(0, str(ROOT / "bench"))
from eval_conll_corpus import read_docs  # noqa: E402  (one CoNLL reader for both benches)

MAP = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC", "NORP": "MISC",
       "EVENT": "MISC", "LAW": "MISC", "PRODUCT": "MISC", "WORK_OF_ART": "MISC", "LANGUAGE": "MISC"}


def _eval_dir() -> Path:
    return find_eval_dir(ROOT)


def build(doc):
    """text, token rows, sentence rows (code points) and gold (tok_start, tok_end, type)."""
    parts, trows, srows, gold = [], [], [], set()
    pos, ti = 0, 0
    for si, (toks, tags) in enumerate(doc):
        s0, t0 = pos, ti
        for tok in toks:
            kind = _core.TOK_NUM if tok.isdigit() else (_core.TOK_WORD if any(c.isalnum() for c in tok)
                                                        else _core.TOK_PUNCT)
            trows.append((pos, pos + len(tok), kind))
            parts.append(tok)
            pos += len(tok) + 1
            ti += 1
        srows.append((s0, pos - 1, t0, ti, si))
        for a, b, typ in bio_spans(tags):
            gold.add((t0 + a, t0 + b, typ))
    text = " ".join(parts)  # sentences separated by a space too (offsets above assume it)
    return text, np.array(trows, dtype=np.uint32), np.array(srows, dtype=np.uint32), gold


def evaluate(ex, docs, window=True):
    tp = fp = fn = 0
    core_t = ex.tagger.core
    for doc in docs:
        text, tr, sr, gold = build(doc)
        # one paragraph per sentence (the sentence rows' last column is their index)
        doc = _core.doc_from_codepoints(text, np.column_stack([sr[:, :2], np.zeros(len(sr), np.uint32)])
                                        .astype(np.uint32).tobytes(), sr.tobytes(), tr.tobytes())
        rows = np.frombuffer(_core.entities(doc, ex.gazetteer._core, ex._place, core_t, ex._title_label, False,
                                            window), dtype=np.int32).reshape(-1, 7)
        pred = set()
        for r in rows.tolist():
            lab = LABELS[r[4]] if r[4] < len(LABELS) else ""
            if lab in MAP:
                pred.add((r[2], r[3], MAP[lab]))
        tp += len(pred & gold)
        fp += len(pred - gold)
        fn += len(gold - pred)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--split", default="valid", choices=["valid", "test"])
    args = ap.parse_args()
    path = _eval_dir() / "conll2003" / "iob2" / f"{args.split}.txt"
    if not path.exists():
        print(f"skipped: {path} not found")
        return
    docs = read_docs(path)
    for feat in ("list", "gazetteer"):
        ex = EntityExtractor(place_feature=feat)
        for window in (False, True):
            p, r, f = evaluate(ex, docs, window)
            print(f"{args.split}: place feature from {feat:9s} window={window!s:5s}  P={p:.3f} R={r:.3f} F1={f:.3f}")


if __name__ == "__main__":
    main()
