"""Train the named-entity tagger (averaged perceptron, C engine).

The shipped model (``data/models/ner_open.bin``) is trained only on openly
licensed corpora (see ``data/SOURCES.md``; ``scripts/train_ner.py`` makes
it).  A user who holds CoNLL-2003 (research licence, never shipped) can
build a CoNLL-trained model for local use with one command::

    python -m peacecorpus.train --conll /path/to/conll2003 --out ner_conll.bin

(``/path/to/conll2003`` holds ``train.txt`` and ``valid.txt``, or
``eng.train`` and ``eng.testa``; tokens first, NER tag last on each line)
and use it by pointing ``PEACECORPUS_NER_MODEL`` at the file, or with
``EntityExtractor(tagger=Tagger("ner_conll.bin", gazetteer=True))``.
Such a model is never shipped (CoNLL-2003 is licensed for research use).

Training is deterministic for a given seed: sentences are shuffled by
``random.Random(seed)``, word dropout is seeded, the best epoch on the dev
sentences is kept.

>>> sents = [(["Anna", "Petrosyan", "spoke", "."], ["B-PER", "I-PER", "O", "O"])] * 20
>>> blob, log = train(sents, sents[:2], epochs=2, log2_buckets=12, place_feature=False)
>>> from peacecorpus.ner import Tagger
>>> Tagger(blob=blob).tag_tokens(["Anna", "Petrosyan", "spoke", "."])
['B-PER', 'I-PER', 'O', 'O']
"""
from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path
from typing import Any, Callable, Dict, Iterable, List, Optional, Sequence, Tuple

from . import _core
from .ner import LABEL_IDS, LABELS, PlaceGazetteer, bio_spans, join_tokens

__all__ = ["Sentence", "average_blobs", "normalize_tags", "read_columns", "score", "train"]

#: One training sentence: tokens and BIO tags over PER/ORG/LOC/MISC.
Sentence = Tuple[List[str], List[str]]


def normalize_tags(tags: Sequence[str], mapping: Optional[Dict[str, Optional[str]]] = None) -> List[str]:
    """IOB1/IOB2 tags with any type names -> BIO over PER/ORG/LOC/MISC.

    ``mapping`` renames types (``None`` drops a type to O); unknown types
    are dropped.  An ``I-X`` after O or another type starts an entity.

    >>> normalize_tags(["I-PER", "I-PER", "O", "B-corporation"], {"PER": "PER", "corporation": "ORG"})
    ['B-PER', 'I-PER', 'O', 'B-ORG']
    """
    m = mapping if mapping is not None else {t: t for t in ("PER", "ORG", "LOC", "MISC")}
    out = ["O"] * len(tags)
    for a, b, typ in bio_spans(list(tags)):
        t = m.get(typ)
        if t is None:
            continue
        out[a] = "B-" + t
        for i in range(a + 1, b):
            out[i] = "I-" + t
    return out


def read_columns(path: "str | Path", token_col: int = 0, tag_col: int = -1, sep: Optional[str] = None,
                 mapping: Optional[Dict[str, Optional[str]]] = None) -> List[Sentence]:
    """Sentences of a column file (one token a line, blank line between
    sentences; ``#`` comment lines and ``-DOCSTART-`` skipped)."""
    sents: List[Sentence] = []
    toks: List[str] = []
    tags: List[str] = []

    def flush() -> None:
        if toks:
            sents.append((list(toks), normalize_tags(tags, mapping)))
        toks.clear()
        tags.clear()

    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n").rstrip("\r")
            if not line.strip():
                flush()
                continue
            if line.startswith("#") and (sep == "\t" and "\t" not in line):
                continue
            parts = line.split(sep)
            if parts[0] == "-DOCSTART-":
                flush()
                continue
            if len(parts) <= max(token_col, tag_col if tag_col >= 0 else 0):
                continue
            toks.append(parts[token_col])
            tags.append(parts[tag_col])
    flush()
    return sents


def score(model, data: Sequence[Sentence], gaz: Optional[PlaceGazetteer]) -> Tuple[float, float, float]:
    """Entity-level micro P/R/F1 (exact span and type) of a model on tagged sentences."""
    texts, spans = zip(*(join_tokens(t) for t, _ in data))
    ext = [gaz.ext(t) for t, _ in data] if gaz else None
    preds = model.tag_many(list(texts), list(spans), ext)
    tp = n_pred = n_gold = 0
    for (_, gold), pred in zip(data, preds):
        g, p = set(bio_spans(gold)), set(bio_spans([LABELS[i] for i in pred]))
        tp += len(g & p)
        n_pred += len(p)
        n_gold += len(g)
    prec = tp / n_pred if n_pred else 0.0
    rec = tp / n_gold if n_gold else 0.0
    return prec, rec, (2 * prec * rec / (prec + rec) if prec + rec else 0.0)


def train(train_sents: Sequence[Sentence], dev_sents: Sequence[Sentence], epochs: int = 20,
          log2_buckets: int = 18, seed: int = 2, word_dropout: float = 0.1, place_feature: bool = True,
          log: Optional[Callable[[str], None]] = None, place_dropout: float = 0.0) -> Tuple[bytes, List[str]]:
    """Train a tagger; return the blob of the best epoch on ``dev_sents`` and the log lines.

    ``place_dropout``: share of the sentences, drawn anew each epoch, trained
    without the place feature, so that the model does not take every listed
    place name for a place ("Guy Mansfield", "Munich Re")."""
    gaz = PlaceGazetteer.bundled() if place_feature else None
    prepared = []
    for toks, tags in train_sents:
        text, spans = join_tokens(toks)
        prepared.append((text, spans, [LABEL_IDS[t] for t in tags], gaz.ext(toks) if gaz else None))
    n_tok = sum(len(s[1]) for s in prepared) or 1
    lines: List[str] = []

    def say(msg: str) -> None:
        lines.append(msg)
        if log:
            log(msg)

    say(f"train: {len(prepared)} sentences, {n_tok} tokens; dev: {len(dev_sents)} sentences; seed {seed}")
    trainer = _core.Tagger(1 << log2_buckets, word_dropout=word_dropout, seed=seed)
    rng = random.Random(seed)
    best: Tuple[float, int, Any] = (-1.0, 0, None)
    t0 = time.perf_counter()
    for ep in range(1, epochs + 1):
        rng.shuffle(prepared)
        ok = 0
        for text, spans, gold, ext in prepared:
            if place_dropout and ext is not None and rng.random() < place_dropout:
                ext = None
            ok += trainer.train_sentence(text, spans, gold, ext)
        model = trainer.averaged()
        p, r, f = score(model, dev_sents, gaz) if dev_sents else (0.0, 0.0, 0.0)
        say(f"epoch {ep:2d}: train token acc {ok / n_tok:.4f}  dev P {p:.4f} R {r:.4f} F1 {f:.4f}"
            f"  ({time.perf_counter() - t0:.0f}s)")
        if f > best[0] or not dev_sents:
            best = (f, ep, model)
    f, ep, chosen = best
    blob = chosen.save()
    say(f"best dev F1 {f:.4f} at epoch {ep}; model {len(blob) / 1e6:.2f} MB")
    return blob, lines


def average_blobs(blobs: Sequence[bytes]) -> bytes:
    """One model whose weights are the mean of several models' weights (same
    features and size; for instance the same data trained with other seeds,
    which shuffle and drop words differently): a cheap ensemble that tags as
    fast as one model.

    >>> sents = [(["Anna", "Petrosyan", "spoke", "."], ["B-PER", "I-PER", "O", "O"])] * 20
    >>> a, _ = train(sents, [], epochs=2, log2_buckets=12, seed=1, place_feature=False)
    >>> b, _ = train(sents, [], epochs=2, log2_buckets=12, seed=2, place_feature=False)
    >>> from peacecorpus.ner import Tagger
    >>> Tagger(blob=average_blobs([a, b])).tag_tokens(["Anna", "Petrosyan", "spoke", "."])
    ['B-PER', 'I-PER', 'O', 'O']
    """
    import struct

    import numpy as np

    hdr = 32
    total = None
    head = b""
    for blob in blobs:
        nl, _feat, log2 = struct.unpack_from("<III", blob, 12)
        scale = struct.unpack_from("<f", blob, 24)[0]
        nz = struct.unpack_from("<I", blob, 28)[0]
        n_rows = 1 << log2
        bits = np.unpackbits(np.frombuffer(blob, np.uint8, n_rows // 8, hdr), bitorder="little").astype(bool)
        q = np.frombuffer(blob, "<i2", nz * nl, hdr + n_rows // 8).reshape(nz, nl)
        w = np.zeros((n_rows, nl), np.float64)
        w[bits] = q.astype(np.float64) * scale
        if total is None:
            total, head = w, blob[:24]
        elif w.shape != total.shape or blob[:24] != head:
            raise ValueError("models of different sizes or feature sets cannot be averaged")
        else:
            total += w
    assert total is not None
    total /= len(blobs)
    top = float(np.abs(total).max()) or 1.0
    scale = top / 32767.0
    q = np.clip(np.rint(total / scale), -32767, 32767).astype("<i2")
    keep = q.any(axis=1)
    out = bytearray(head)
    out += struct.pack("<fI", scale, int(keep.sum()))
    out += np.packbits(keep, bitorder="little").tobytes()
    out += q[keep].tobytes()
    h = 2166136261
    for byte in bytes(out):
        h = ((h ^ byte) * 16777619) & 0xFFFFFFFF
    out += struct.pack("<I", h)
    return bytes(out)


def _conll_files(base: Path) -> Tuple[Path, Path]:
    for tr, dv in (("train.txt", "valid.txt"), ("eng.train", "eng.testa"), ("iob2/train.txt", "iob2/valid.txt")):
        if (base / tr).is_file() and (base / dv).is_file():
            return base / tr, base / dv
    raise FileNotFoundError(f"no CoNLL-2003 train/dev files (train.txt + valid.txt or eng.train + eng.testa) in {base}")


def main(argv: Optional[Iterable[str]] = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m peacecorpus.train", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--conll", type=Path, required=True, help="folder with the CoNLL-2003 train and dev files")
    ap.add_argument("--out", type=Path, required=True, help="model file to write")
    ap.add_argument("--epochs", type=int, default=20)
    ap.add_argument("--seed", type=int, default=2)
    ap.add_argument("--log2-buckets", type=int, default=18)
    ap.add_argument("--word-dropout", type=float, default=0.1)
    args = ap.parse_args(list(argv) if argv is not None else None)
    tr, dv = _conll_files(args.conll)
    blob, _ = train(read_columns(tr, sep=" "), read_columns(dv, sep=" "), epochs=args.epochs,
                    log2_buckets=args.log2_buckets, seed=args.seed, word_dropout=args.word_dropout,
                    log=lambda m: print(m, flush=True))
    args.out.write_bytes(blob)
    print(f"wrote {args.out}: use it with PEACECORPUS_NER_MODEL={args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
