"""The binding's argument paths under a fuzzer (issue #21 item 2 and "the
fuzzing campaign in CI covers the binding's argument paths"): the calls
peacecorpus makes into _core, replayed with hostile arguments and with
lists and buffers another thread changes meanwhile (tests/fuzz/fuzz_binding.py).
A crash or a SystemError fails.  Runs in a child process so that a crash
names the call instead of killing pytest; tests/run_asan_pytest.sh runs it
against the ASan+UBSan build with PEACECORPUS_BINDING_FUZZ_CALLS=20000.
A number of calls, never a duration."""
import os
import subprocess
import sys
from pathlib import Path

import pytest

FUZZER = Path(__file__).resolve().parent / "fuzz" / "fuzz_binding.py"
CALLS = int(os.environ.get("PEACECORPUS_BINDING_FUZZ_CALLS", "3000"))


@pytest.mark.parametrize("seed", [1, 2])
def test_binding_survives_hostile_arguments(seed):
    p = subprocess.run([sys.executable, str(FUZZER), "--seed", str(seed), "--calls", str(CALLS)],
                       capture_output=True, text=True)
    tail = (p.stdout + p.stderr)[-4000:]
    assert p.returncode == 0, tail
    assert " 0 findings" in p.stdout and f"{CALLS} calls" in p.stdout, tail


def test_items_that_are_not_tuples_are_type_errors():
    """PyArg_ParseTuple on a list item used to raise SystemError."""
    from peacecorpus import _core
    doc = _core.parse("Talks in Baku.")
    for call in (lambda: _core.Doc(doc.text, doc.paragraphs_utf8, doc.sentences_utf8, doc.tokens_utf8,
                                   meta=[["k", "v"]]),
                 lambda: _core.Doc(doc.text, doc.paragraphs_utf8, doc.sentences_utf8, doc.tokens_utf8,
                                   removed=[["nav", "x", 0, 0]]),
                 lambda: _core.event_lexicon([[0, "talks", 1, 0]]),
                 lambda: _core.Tagger(256).train_sentence("Talks in Baku", [[0, 5]], [0])):
        with pytest.raises(TypeError, match="must be a tuple"):
            call()


def test_buffers_are_checked_for_format_and_mutability():
    """Rows of another format (floats, int64, big-endian) are refused, not
    reinterpreted; the names table the engine reads without the GIL must be
    bytes, which no other thread can change."""
    import array

    import numpy as np

    from peacecorpus import _core
    from peacecorpus.entities import Entity, default_extractor
    doc = _core.parse("Pashinyan met Aliyev in Baku.")
    rows = (doc.paragraphs_utf8, doc.sentences_utf8, doc.tokens_utf8)
    as_u32 = [np.frombuffer(r, dtype=np.uint32) for r in rows]
    assert _core.Doc(doc.text, *as_u32).text == doc.text  # native uint32 arrays are fine
    assert _core.Doc(doc.text, *[bytearray(r) for r in rows]).text == doc.text
    for bad in (lambda r: np.frombuffer(r, dtype=np.uint32).astype(np.float32),
                lambda r: np.frombuffer(r, dtype=np.uint32).astype(">u4"),
                lambda r: array.array("f", np.frombuffer(r, dtype=np.uint32).astype(np.float32).tolist()),
                lambda r: np.frombuffer(r, dtype=np.uint32).astype(np.int64)):
        with pytest.raises(TypeError, match="format"):
            _core.Doc(doc.text, *[bad(r) for r in rows])
    ex = default_extractor()
    pdoc = __import__("peacecorpus").parse("Pashinyan met Aliyev in Baku.")
    table, labels = ex._tables()
    args = (pdoc._core, ex.gazetteer._core, ex._place, getattr(ex.tagger, "core", ex.tagger), ex._title_label,
            ex.numex)
    assert _core.mentions(*args, table, labels, -1, Entity)
    for k in range(3):
        t = list(table)
        t[k] = bytearray(t[k])
        with pytest.raises(TypeError, match="expected bytes"):
            _core.mentions(*args, tuple(t), labels, -1, Entity)


def test_similarity_text_arguments_are_immutable():
    """sim_tokens/sim_shingles read their text without the GIL: only str and
    bytes (immutable, held by the call's arguments) are taken; a bytearray or
    a memoryview, which another thread could change, is refused."""
    from peacecorpus import _core
    for fn in (_core.sim_tokens, _core.sim_shingles):
        assert fn("Talks in Baku resumed.") == fn(b"Talks in Baku resumed.")
        for mutable in (bytearray(b"Talks in Baku."), memoryview(b"Talks in Baku.")):
            with pytest.raises(TypeError, match="read-only bytes-like"):
                fn(mutable)


def test_reuse_with_a_huge_max_partners():
    """fuzz_binding finding: max_partners=2**32 sized a 32 GB heap (ASan:
    out of memory; elsewhere MemoryError); a document has fewer partners
    than there are documents."""
    from peacecorpus import _core
    texts = ["Talks in Baku resumed on Monday after a long pause in the negotiations of the two sides"] * 3
    assert _core.sim_reuse(texts, max_partners=2**40) == _core.sim_reuse(texts, max_partners=2) != []
