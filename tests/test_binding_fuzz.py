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
