"""Argument fuzzer of the CPython binding (peacecorpus._core), issue #21.

The C fuzz targets (fuzz_*.c) drive the engine; this drives the binding's
argument paths: it records the calls peacecorpus itself makes into _core
on the bundled seeds (parse, parse_many, mentions, quotes, times, events,
the similarity functions ...) plus templates for the Doc, Gazetteer and
Tagger types and their methods, then replays them with mutated arguments:
wrong types, hostile ints, truncated, bit-flipped or misaligned buffers,
non-contiguous memoryviews and arrays of other formats, strings with lone
surrogates and NUL, lists and bytearrays that another thread keeps
changing while the call runs (the GIL is released inside).  Any Python
exception is a pass except SystemError (a C function that failed without
setting an exception, or returned a value with one set); a crash is a
finding (run it under ASan: tests/run_asan_pytest.sh runs
tests/test_binding_fuzz.py against a sanitized build).

    python tests/fuzz/fuzz_binding.py --seed 1 --calls 20000 [--verbose]

Deterministic for a seed, except for what the mutating thread does; a
crash prints the call that was running (faulthandler) and, with
--verbose, every call before it.
"""
from __future__ import annotations

import argparse
import array
import copy
import faulthandler
import random
import sys
import threading
from pathlib import Path
from typing import Any, Callable, Dict, List, Tuple

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import peacecorpus as pc  # noqa: E402
from peacecorpus import _core  # noqa: E402

Call = Tuple[str, Callable[..., Any], tuple, dict]

HOSTILE_INTS = [-2**70, -2**63, -2**31, -1, 0, 1, 2, 3, 7, 31, 255, 65535, 2**31 - 1, 2**32, 2**63 - 1, 2**64]
RECORD_PER_FUNCTION = 4


# -- recording ------------------------------------------------------------------------
def record() -> List[Call]:
    """The calls into _core that peacecorpus makes on the seeds (a few per
    function), with their arguments as they were."""
    calls: List[Call] = []
    seen: Dict[str, int] = {}
    names = [n for n in dir(_core) if not n.startswith("_") and callable(getattr(_core, n))
             and not isinstance(getattr(_core, n), type)]
    real = {n: getattr(_core, n) for n in names}

    def wrap(name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        def recorder(*args: Any, **kwargs: Any) -> Any:
            if seen.get(name, 0) < RECORD_PER_FUNCTION:
                seen[name] = seen.get(name, 0) + 1
                calls.append((name, fn, args, dict(kwargs)))
            return fn(*args, **kwargs)
        return recorder

    for n, fn in real.items():
        setattr(_core, n, wrap(n, fn))
    try:
        corpus = pc.read_dir(ROOT / "data" / "seeds")
        corpus.entities(), corpus.quotes(), corpus.similarity(), corpus.events()
        corpus.table("times") if "times" in pc.tables.names() else None
        texts = [d.text for d in corpus]
        for method in ("tfidf", "minhash", "entities"):
            corpus.similarity(method=method, top_k=None)
            corpus.similarity_matrix(method=method)
        for name in ("paragraphs", "sentences", "tokens"):
            corpus.table(name) if name in pc.tables.names() else None
        pc.Corpus.from_pandas(__import__("pandas").DataFrame({"doc_id": ["a", "b"], "text": texts[:2]}))
        for fn_name in ("reuse", "near_duplicates"):
            f = getattr(corpus, fn_name, None)
            if f is not None:
                try:
                    f()
                except Exception:
                    pass
    finally:
        for n, fn in real.items():
            setattr(_core, n, fn)
    return calls


def templates(recorded: List[Call]) -> List[Call]:
    """Calls of the types and their methods, and of the functions the
    recording did not see."""
    text = (ROOT / "data" / "seeds").glob("*.txt").__next__().read_text(encoding="utf-8")
    doc = _core.parse(text)
    gz = _core.Gazetteer()
    gz.add("Baku", 2, 0, 0)
    gz.add("Nikol Pashinyan", 1, 1, 3)
    gz.compile()
    tg = _core.Tagger(1 << 10, seed=1)
    spans = [(0, 5), (6, 10)]
    tg.train_sentence("Nikol Pashinyan", spans, [1, 2])
    model = tg.averaged()
    blob = model.save()
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "data" / "seeds").glob("*.txt"))]
    sig, _ = _core.sim_signatures(texts, 32, 5, 1)
    removed = [tuple(r) for r in doc.removed]
    meta = list(doc.meta)
    out: List[Call] = [
        ("Doc", _core.Doc, (doc.text, doc.paragraphs_utf8, doc.sentences_utf8, doc.tokens_utf8),
         {"removed": removed, "meta": meta, "repairs": [0] * 7, "is_html": False}),
        ("doc_from_codepoints", _core.doc_from_codepoints,
         (doc.text, doc.paragraphs, doc.sentences, doc.tokens), {}),
        ("Gazetteer", _core.Gazetteer, (["Baku", "Yerevan"], [2, 2], [0, 1], [0, 3]), {}),
        ("Gazetteer.add", gz.add, ("Zangezur corridor", 3, 2, 0), {}),
        ("Gazetteer.match", gz.match, (text,), {"overlapping": True}),
        ("Gazetteer.case_rule", gz.case_rule, (1,), {}),
        ("Tagger", _core.Tagger, (1 << 8, 0.1, 3), {}),
        ("Tagger.train_sentence", tg.train_sentence, ("Nikol Pashinyan", spans, [1, 2]), {}),
        ("Tagger.tag", model.tag, ("Nikol Pashinyan", spans), {}),
        ("Tagger.tag_many", model.tag_many, (["Nikol Pashinyan", "in Baku"], [spans, [(0, 2), (3, 7)]]), {}),
        ("Tagger.tag_tokens", model.tag_tokens, ([["Nikol", "Pashinyan"], ["in", "Baku", "."]],),
         {"as_str": True}),
        ("Tagger.load", _core.Tagger.load, (blob,), {}),
        ("translit_key", _core.translit_key, ("Mirzoian",), {}),
        ("gazetteer_fold", _core.gazetteer_fold, ("NAXÇIVAN",), {}),
        ("errmsg", _core.errmsg, (-3,), {}),
        ("parse", _core.parse, ("<p>Talks in <b>Baku</b>.</p>", 0, 0, 0), {}),
        ("sim_tokens", _core.sim_tokens, (text,), {"seed": 3}),
        ("sim_shingles", _core.sim_shingles, (text, 3, 1), {}),
        ("sim_signatures", _core.sim_signatures, (texts, 32, 5, 1), {}),
        ("sim_minhash_pairs", _core.sim_minhash_pairs, (sig, len(texts), 32), {"min_score": 0.1,
                                                                              "skip": bytes(len(texts))}),
        ("sim_lsh_params", _core.sim_lsh_params, (0.8, 128), {"wfp": 0.4, "wfn": 0.6}),
        ("sim_tfidf_pairs", _core.sim_tfidf_pairs, (texts,), {"min_score": 0.05, "max_pairs": 4}),
        ("sim_bag", _core.sim_bag, (texts,), {"seed": 2}),
        ("sim_block", _core.sim_block, (texts, bytes(8) + (2).to_bytes(8, "little")), {"sublinear": False}),
        ("translit_edit1", _core.translit_edit1, ("Mirzoyan", "Mirzoian"), {}),
        ("vocabulary", _core.vocabulary, (), {}),
        ("doc_span_texts", _core.doc_span_texts, ([doc, _core.parse("Talks in Baku. Both sides came.")], 1), {}),
    ]
    for name, _, a, _ in recorded:
        if name == "mentions":  # the same engine without the binding's post-processing
            out.append(("entities", _core.entities, tuple(a[:6]), {"window": True, "widen": False}))
            break
    return out


# -- mutation -------------------------------------------------------------------------
class Mutator:
    def __init__(self, rng: random.Random, pool: List[Any]) -> None:
        self.rng = rng
        self.pool = pool  # valid values of every kind seen in the recorded calls
        self.shared: List[Any] = []  # objects the other thread changes during the call

    def hostile(self) -> Any:
        r = self.rng
        k = r.randrange(12)
        if k == 0:
            return r.choice(HOSTILE_INTS)
        if k == 1:
            return r.choice([None, 1.5, float("nan"), float("inf"), True, object(), (), [], {}])
        if k == 2:
            return r.choice(["", "\x00", "\ud800", "a\udcff b", "\U0010ffff" * 3, "x" * r.randrange(1, 5000)])
        if k == 3:
            return r.choice([b"", b"\x00", b"\xff" * 7, bytes(r.randrange(256) for _ in range(r.randrange(1, 64)))])
        if k == 4:
            return memoryview(bytes(range(256)) * 4)[::3]  # not contiguous
        if k == 5:
            return array.array(r.choice("bBhHiIlLqQfd"), range(r.randrange(0, 40)))
        if k == 6:
            return self.share(bytearray(b"Pashinyan met Aliyev in Baku. " * r.randrange(1, 40)))
        return self.mutate(r.choice(self.pool), 1) if self.pool else None

    def share(self, obj: Any) -> Any:
        self.shared.append(obj)
        return obj

    def mutate(self, v: Any, depth: int = 0) -> Any:
        r = self.rng
        if depth > 2 or r.random() < 0.1:
            return self.hostile() if depth < 3 else None
        if isinstance(v, bool):
            return not v
        if isinstance(v, int):
            return r.choice([v + r.choice([-1, 1]), -v, v * 1000] + HOSTILE_INTS)
        if isinstance(v, float):
            return r.choice([-v, 0.0, 1.0, 2.0, -1.0, float("nan"), 1e300])
        if isinstance(v, str):
            if not v:
                return r.choice(["\ud800", "a", "\x00"])
            i = r.randrange(len(v) + 1)
            return r.choice([v[:i], v[i:], v[:i] + r.choice(["\x00", "\ud800", "\u202e", "\x1b", "é", "“"]) + v[i:],
                             v * 3, v.upper(), v.encode("utf-8", "surrogatepass")])
        if isinstance(v, (bytes, bytearray, memoryview)):
            b = bytearray(bytes(v))
            k = r.randrange(7)
            if k == 0 and b:
                del b[r.randrange(len(b)):]  # truncated
            elif k == 1 and b:
                for _ in range(r.randrange(1, 8)):
                    b[r.randrange(len(b))] ^= 1 << r.randrange(8)
            elif k == 2 and b:
                i = r.randrange(len(b) // 4 + 1) * 4
                b[i:i + 4] = r.choice([b"\xff\xff\xff\xff", b"\xff\xff\xff\x7f", b"\x00\x00\x00\x80"])
            elif k == 3:
                b += bytes(r.randrange(1, 9))  # misaligned length
            elif k == 4:
                return memoryview(bytes(b) * 2)[::2]  # not contiguous
            elif k == 5:
                return self.share(b)  # changed by the other thread while in use
            elif k == 6:
                return array.array("d", [1.0] * (len(b) // 8))
            return bytes(b) if isinstance(v, bytes) else b
        if isinstance(v, (list, tuple)):
            items = list(v)
            k = r.randrange(6)
            if k == 0 and items:
                del items[r.randrange(len(items)):]
            elif k == 1 and items:
                i = r.randrange(len(items))
                items[i] = self.mutate(items[i], depth + 1)
            elif k == 2:
                items.append(self.hostile())
            elif k == 3 and items:
                items = items * r.randrange(2, 4)
            elif k == 4 and isinstance(v, list):
                return self.share(items)  # emptied and refilled by the other thread
            else:
                r.shuffle(items)
            return tuple(items) if isinstance(v, tuple) and r.random() < 0.8 else items
        if isinstance(v, dict):
            d = dict(v)
            d[self.hostile() if r.random() < 0.3 else "x\x00"] = self.hostile()
            return d
        return self.hostile()

    def call_args(self, args: tuple, kwargs: dict) -> Tuple[list, dict]:
        r = self.rng
        a = list(args)
        kw = dict(kwargs)
        for i in range(len(a)):
            if r.random() < 0.35:
                a[i] = self.mutate(a[i])
        for k in list(kw):
            if r.random() < 0.35:
                kw[k] = self.mutate(kw[k])
        if r.random() < 0.05 and a:
            a.pop()
        if r.random() < 0.05:
            a.append(self.hostile())
        if r.random() < 0.03:
            kw["bogus"] = 1
        return a, kw


def _collect(v: Any, out: List[Any], depth: int = 0) -> None:
    if isinstance(v, (str, bytes, int, float)) and not isinstance(v, bool):
        if not isinstance(v, (str, bytes)) or len(v) < 100_000:
            out.append(v)
    elif isinstance(v, (list, tuple)) and depth < 2:
        out.append(v)
        for x in v[:5]:
            _collect(x, out, depth + 1)


# -- the other thread ------------------------------------------------------------------
class Churn(threading.Thread):
    """Changes the shared lists and bytearrays of the running call."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.objs: List[Any] = []
        self.stop = threading.Event()

    def run(self) -> None:
        i = 0
        while not self.stop.is_set():
            for o in list(self.objs):
                try:
                    if isinstance(o, list):
                        saved = list(o)
                        o.clear()
                        o.extend(saved)
                    elif isinstance(o, bytearray) and o:
                        o[i % len(o)] ^= 0x80
                        if i % 7 == 0:
                            o.extend(b"!")  # BufferError while the binding holds it
                except (BufferError, ValueError, IndexError):
                    pass
            i += 1
            if not self.objs:
                self.stop.wait(0.0005)


def main(argv: List[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--calls", type=int, default=5000)
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args(argv)
    faulthandler.enable()
    rng = random.Random(args.seed)
    recorded = record()
    calls = recorded + templates(recorded)
    pool: List[Any] = []
    for _, _, a, kw in calls:
        for v in list(a) + list(kw.values()):
            _collect(v, pool)
    mut = Mutator(rng, pool)
    churn = Churn()
    churn.start()
    findings: List[str] = []
    kinds: Dict[str, int] = {}
    for i in range(args.calls):
        name, fn, a0, kw0 = rng.choice(calls)
        mut.shared = []
        a, kw = mut.call_args(copy.copy(a0), kw0)
        if args.verbose:
            print(f"{i} {name} {[type(x).__name__ for x in a]} {sorted(kw)}", file=sys.stderr, flush=True)
        churn.objs = mut.shared
        try:
            fn(*a, **kw)
            kinds["ok"] = kinds.get("ok", 0) + 1
        except SystemError as exc:
            findings.append(f"call {i}: {name}: SystemError: {exc}")
        except Exception as exc:  # every other exception is a correct refusal
            kinds[type(exc).__name__] = kinds.get(type(exc).__name__, 0) + 1
        finally:
            churn.objs = []
    churn.stop.set()
    churn.join()
    print(f"binding fuzz: seed {args.seed}, {args.calls} calls of {len(calls)} recorded/template calls "
          f"({len({c[0] for c in calls})} functions): {kinds.get('ok', 0)} returned, "
          f"{args.calls - kinds.get('ok', 0) - len(findings)} refused, {len(findings)} findings")
    every = {n for n in dir(_core) if not n.startswith("_") and callable(getattr(_core, n))
             and not isinstance(getattr(_core, n), type)}
    uncovered = sorted(every - {c[0] for c in calls})
    if uncovered:  # a new binding function: give it a template in templates()
        print(f"not covered (add a template): {', '.join(uncovered)}")
    for f in findings[:20]:
        print(f)
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
