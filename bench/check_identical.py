"""Check that an optimisation left parse output byte-identical.

Hashes everything a user can see of ``peacecorpus.parse`` (text, title and metadata fields,
repairs, html_meta, removed lines, paragraph/sentence/token rows) and of
``Corpus.from_texts`` (documents and error rows) for: the seed articles, all BBC articles of
the shared evaluation data (skipped when absent), generated HTML pages (``bench_html.py``)
600 random texts built from tricky pieces (abbreviations, URLs, quotes, mojibake, NUL and
invalid bytes, line-break variants, boilerplate lines) and 800 random texts of words, single
and multiple spaces, tabs and line ends at every alignment, in modes auto/text/html, as str
and as bytes.  The hash is taken at the public level, so the binding's internal tuple may
change shape while the result stays the same.

    PYTHONPATH=$PWD python bench/check_identical.py --save /tmp/before.json   # on the old tree
    PYTHONPATH=$PWD python bench/check_identical.py --check /tmp/before.json  # after a change
"""
from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
from pathlib import Path
from typing import Dict, List, Union

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

_PIECES = [
    "Mr. Aliyev met Dr. Smith.", " ", "\n", "\n\n", "\r\n", "\r", "U.S. officials said",
    "e.g. the talks", "https://example.com/a?b=c.", "www.azatutyun.am", "\u201cWe agree,\u201d he said.",
    "\"Quoted.\" Then", "It's", "caf\u00c3\u00a9", "\u00e2\u20ac\u201c", "\u00e2\u20ac\u2122", "\x00",
    "\x07", "\u200b", "\u00ad", "Nagorno-Karabakh", "3.5%", "$1,200", "No. 5", "Jan. 12, 2024",
    "By John Smith, Reuters", "Share this article", "Read more: peace talks", "Advertisement",
    "Originally published by The Middle East Institute (MEI) on August 30, 2023.",
    "Updated: 2023-08-30", "Published: August 30, 2023", "To cite this article: X (2023).",
    "PEACE TALKS RESUME", "e\u0301", "\u0041\u030a", "\ufb01", "Bak\u0131", "\u0540\u0561\u0575",
    "?!", "...", "\u2026", "(see p. 4)", "St. Petersburg", "a.m.", "5 p.m. Monday.", "\t",
    "<b>bold</b>", "&amp;", "<p>para</p>", "<br>", "Photo: AFP", "Getty Images",
]
_BAD_BYTES = [b"\xff", b"\xc3", b"\xe2\x82", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\xc0\xaf", b"\x80"]


def tricky_texts(n: int = 600) -> List[Union[str, bytes]]:
    rng = random.Random(12345)
    out: List[Union[str, bytes]] = []
    for i in range(n):
        parts = [rng.choice(_PIECES) for _ in range(rng.randint(1, 60))]
        s = "".join(p + rng.choice(["", " ", " ", "\n"]) for p in parts)
        if i % 3 == 2:
            b = bytearray(s.encode("utf-8"))
            for _ in range(rng.randint(1, 4)):
                pos = rng.randint(0, len(b))
                b[pos:pos] = rng.choice(_BAD_BYTES)
            out.append(bytes(b))
        else:
            out.append(s)
    return out


_SPACING = [" ", " ", "  ", "   ", "\t", "a", "B", "word", "Read", "READ more", "read", "r", ".",
            ". ", "\n", "\n\n", "\u00a0", "\u00e9", "\u2019", "'", "@", "[", "`", "{", "~", "\x7f",
            "Z", "A", "z", "0", "Mr.", "U.S.", "3.5", "O'Brien", "AT&T", "\u200b"]


def spacing_texts(n: int = 800) -> List[str]:
    """Runs of printable bytes, single and double spaces and line ends at every
    alignment: the word-at-a-time paths of the cleaner and tokenizer."""
    rng = random.Random(777)
    out = []
    for i in range(n):
        k = rng.randint(1, 400 if i % 4 else 1200)
        out.append("".join(rng.choice(_SPACING) for _ in range(k)))
    return out


def corpora() -> Dict[str, List[Union[str, bytes]]]:
    from bench_segment import bbc_texts, eval_dir  # noqa: F401
    import bench_html

    seeds = [p.read_text(encoding="utf-8") for p in sorted((REPO / "data" / "seeds").glob("*.txt"))]
    out: Dict[str, List[Union[str, bytes]]] = {"seeds": seeds}
    bbc = bbc_texts()
    if bbc is None:
        print("BBC corpus not found: skipped")
    else:
        out["bbc"] = bbc
    arts = bench_html.seed_articles()
    try:
        arts += bench_html.bbc_articles(200)
    except Exception:  # pragma: no cover - BBC absent
        pass
    out["html"] = [p.html for p in bench_html.make_pages(arts)]
    out["tricky"] = tricky_texts()
    out["spacing"] = spacing_texts()
    return out


def doc_repr(d) -> list:
    return [d.doc_id, d.text, d.title, d.author, d.source, d.syndicated_from, d.published,
            d.updated, d.citation, d.is_html, sorted((k, int(v)) for k, v in d.repairs.items()),
            sorted(d.html_meta.items()), [tuple(r) for r in d.removed], d.extra,
            d._para.tobytes().hex(), d._sent.tobytes().hex(), d._tok.tobytes().hex(),
            d.n_words, d.to_dict()]


def digest(name: str, texts: List[Union[str, bytes]]) -> Dict[str, str]:
    import peacecorpus as pc

    res = {}
    for mode in ("auto", "text", "html"):
        h = hashlib.sha256()
        for i, t in enumerate(texts):
            for kb in (False, True) if name in ("tricky", "spacing") else (False,):
                try:
                    d = pc.parse(t, doc_id=str(i), mode=mode, keep_boilerplate=kb)
                    rec = doc_repr(d)
                except Exception as exc:  # errors are part of the behaviour
                    rec = ["error", type(exc).__name__, str(exc)]
                h.update(json.dumps(rec, default=str).encode("utf-8"))
        res[f"{name}/parse/{mode}"] = h.hexdigest()
    for n_jobs in (1, 2):
        c = pc.Corpus.from_texts(texts, n_jobs=n_jobs)
        h = hashlib.sha256()
        for d in c:
            h.update(json.dumps(doc_repr(d), default=str).encode("utf-8"))
        h.update(json.dumps(c._errors, default=str).encode("utf-8"))
        res[f"{name}/from_texts/n_jobs={n_jobs}"] = h.hexdigest()
    return res


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--save", help="write the digests to this JSON file")
    ap.add_argument("--check", help="compare with digests saved earlier")
    args = ap.parse_args()
    out: Dict[str, str] = {}
    for name, texts in corpora().items():
        out.update(digest(name, texts))
    for k, v in out.items():
        print(f"{k:<32} {v[:16]}")
    if args.save:
        Path(args.save).write_text(json.dumps(out, indent=1))
    if args.check:
        old = json.loads(Path(args.check).read_text())
        bad = [k for k in old if k in out and old[k] != out[k]]
        missing = [k for k in old if k not in out]
        if bad or missing:
            print("DIFFERENT:", ", ".join(bad + missing))
            sys.exit(1)
        print(f"identical: {len(old)} digests")


if __name__ == "__main__":
    main()
