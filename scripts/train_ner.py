#!/usr/bin/env python
"""Train the bundled NER model (averaged perceptron, C engine) on CoNLL-2003.

Reads the CoNLL-2003 training split from ../shared/eval (or $PEACECORPUS_EVAL),
trains --epochs epochs over a seeded shuffle, evaluates the averaged weights
on the dev split after every epoch, keeps the best epoch, and writes
data/models/ner_conll.bin.  The data itself is never copied into the repo.

    python scripts/train_ner.py            # 20 epochs, about 20 s
"""
from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from peacecorpus import _core  # noqa: E402
from peacecorpus.ner import LABEL_IDS, LABELS, PlaceGazetteer, bio_spans, join_tokens, read_conll  # noqa: E402
from peacecorpus._paths import eval_dir as find_eval_dir  # noqa: E402


def eval_dir() -> Path:
    return find_eval_dir(ROOT)


def prf(gold_sents, pred_sents):
    """Entity-level micro P/R/F1 (exact span and type)."""
    tp = n_pred = n_gold = 0
    for g, p in zip(gold_sents, pred_sents):
        gs, ps = set(bio_spans(g)), set(bio_spans(p))
        tp += len(gs & ps)
        n_pred += len(ps)
        n_gold += len(gs)
    prec = tp / n_pred if n_pred else 0.0
    rec = tp / n_gold if n_gold else 0.0
    return prec, rec, (2 * prec * rec / (prec + rec) if prec + rec else 0.0)


def evaluate(model, data, gaz):
    texts, spans = zip(*(join_tokens(t) for t, _ in data))
    ext = [gaz.ext(t) for t, _ in data] if gaz else None
    preds = model.tag_many(list(texts), list(spans), ext)
    return prf([tags for _, tags in data], [[LABELS[i] for i in p] for p in preds])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--epochs", type=int, default=20)
    ap.add_argument("--log2-buckets", type=int, default=18)
    ap.add_argument("--seed", type=int, default=2)
    ap.add_argument("--word-dropout", type=float, default=0.1)
    ap.add_argument("--out", type=Path, default=ROOT / "data" / "models" / "ner_conll.bin")
    ap.add_argument("--no-save", action="store_true")
    ap.add_argument("--no-gazetteer", action="store_true",
                    help="train without the bundled place-name feature (then load with gazetteer=False)")
    args = ap.parse_args()

    base = eval_dir() / "conll2003" / "iob2"
    if not (base / "train.txt").is_file():
        print(f"CoNLL-2003 not found under {base}", file=sys.stderr)
        return 2
    train = read_conll(base / "train.txt")
    dev = read_conll(base / "valid.txt")
    gaz = None if args.no_gazetteer else PlaceGazetteer.bundled()
    prepared = []
    for toks, tags in train:
        text, spans = join_tokens(toks)
        prepared.append((text, spans, [LABEL_IDS[t] for t in tags], gaz.ext(toks) if gaz else None))
    n_tok = sum(len(s[1]) for s in prepared)
    print(f"train: {len(prepared)} sentences, {n_tok} tokens; dev: {len(dev)} sentences")

    trainer = _core.Tagger(1 << args.log2_buckets, word_dropout=args.word_dropout, seed=args.seed)
    rng = random.Random(args.seed)
    best = (-1.0, 0, None)
    t0 = time.perf_counter()
    for ep in range(1, args.epochs + 1):
        rng.shuffle(prepared)
        ok = 0
        for text, spans, gold, ext in prepared:
            ok += trainer.train_sentence(text, spans, gold, ext)
        model = trainer.averaged()
        p, r, f = evaluate(model, dev, gaz)
        print(f"epoch {ep:2d}: train token acc {ok / n_tok:.4f}  dev P {p:.4f} R {r:.4f} F1 {f:.4f}"
              f"  ({time.perf_counter() - t0:.0f}s)", flush=True)
        if f > best[0]:
            best = (f, ep, model)
    f, ep, model = best
    blob = model.save()
    print(f"best dev F1 {f:.4f} at epoch {ep}; model {len(blob) / 1e6:.2f} MB; "
          f"training took {time.perf_counter() - t0:.0f}s")
    if not args.no_save:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_bytes(blob)
        print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
