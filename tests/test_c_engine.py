"""Runs the C engine's own unit tests (tests/c) under AddressSanitizer +
UndefinedBehaviorSanitizer, and under valgrind memcheck when it is installed.
They exercise every allocation-failure path with a failing allocator.

Marked slow (run with --runslow): they compile the engine twice and run ~20
programs under instrumentation.  .ci/run runs the same `make asan` and
`make valgrind` as steps of their own; there is no time limit here, so a busy
machine makes them slower, never red."""
import os
import shutil
import subprocess

import pytest

from conftest import ROOT

pytestmark = pytest.mark.slow


def _make(target):
    if shutil.which("make") is None or shutil.which("cc") is None:
        pytest.skip("make or a C compiler is not installed")
    if subprocess.run(["pkg-config", "--exists", "libutf8proc"]).returncode != 0:
        pytest.skip("libutf8proc-dev is not installed")
    jobs = str(os.cpu_count() or 1)
    proc = subprocess.run(["make", "-s", "-j", jobs, target], cwd=ROOT, capture_output=True, text=True)
    print(proc.stdout[-4000:])
    print(proc.stderr[-4000:])
    return proc


def _all_passed(out):
    """Every test program printed its summary line with no failure."""
    programs = len(list((ROOT / "tests" / "c").glob("test_*.c")))
    return programs > 0 and out.count(" checks, 0 failed") == programs


def test_c_unit_tests_under_asan_ubsan():
    proc = _make("asan")
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "ERROR: AddressSanitizer" not in proc.stderr
    assert "runtime error" not in proc.stderr
    assert _all_passed(proc.stdout)


def test_c_unit_tests_under_valgrind():
    if shutil.which("valgrind") is None:
        pytest.skip("valgrind is not installed")
    proc = _make("valgrind")
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert _all_passed(proc.stdout)
