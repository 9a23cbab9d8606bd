"""Runs the C engine's own unit tests (tests/c) under AddressSanitizer +
UndefinedBehaviorSanitizer, and under valgrind memcheck when it is installed.
They exercise every allocation-failure path with a failing allocator."""
import shutil
import subprocess

import pytest

from conftest import ROOT


def _make(target, timeout=600):
    if shutil.which("make") is None or shutil.which("cc") is None:
        pytest.skip("make or a C compiler is not installed")
    if subprocess.run(["pkg-config", "--exists", "libutf8proc"]).returncode != 0:
        pytest.skip("libutf8proc-dev is not installed")
    proc = subprocess.run(["make", "-s", target], cwd=ROOT, capture_output=True, text=True,
                          timeout=timeout)
    print(proc.stdout[-4000:])
    print(proc.stderr[-4000:])
    return proc


def test_c_unit_tests_under_asan_ubsan():
    proc = _make("asan")
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "ERROR: AddressSanitizer" not in proc.stderr
    assert "runtime error" not in proc.stderr
    assert " 0 failed" in proc.stdout


def test_c_unit_tests_under_valgrind():
    if shutil.which("valgrind") is None:
        pytest.skip("valgrind is not installed")
    proc = _make("valgrind")
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert " 0 failed" in proc.stdout
