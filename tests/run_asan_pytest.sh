#!/usr/bin/env bash
# run_asan_pytest.sh - run the engine's Python stress/bad-input tests against
# an extension built with -fsanitize=address,undefined.
#
#   tests/run_asan_pytest.sh [pytest args...]
#
# The sanitized extension is built in a temporary copy of the tree (so the
# in-place build used by the normal test run is not replaced), then pytest
# runs there with the ASan runtime preloaded (CPython itself is not
# instrumented), PYTHONMALLOC=malloc so that ASan sees every Python
# allocation, and leak detection off (CPython keeps objects alive at exit).
# UBSan is built non-recoverable, so any report aborts the run.  Exit status
# 0 means: the tests passed and no sanitizer report was printed.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/pc-asan.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
cd "$root"
# the copy runs outside the checkout: tell it where ../shared/eval is (as
# peacecorpus._paths.eval_dir finds it), so the real-page tests are not skipped
if [ -z "${PEACECORPUS_EVAL:-}" ]; then
    d=$root
    while [ "$d" != / ]; do
        d=$(dirname "$d")
        if [ -d "$d/shared/eval" ]; then export PEACECORPUS_EVAL="$d/shared/eval"; break; fi
    done
fi
echo "evaluation data: ${PEACECORPUS_EVAL:-none (the tests that need it skip)}"
# the sources and tests only: no build products, no .git
# (tar exits 1 when a file changes while it is read, e.g. a cache written by a
# concurrent run: the copy is still usable, so only worse statuses stop us)
{ tar --warning=no-file-changed --exclude=./build --exclude=./.git --exclude='*.so' \
      --exclude=./tests/c/bin --exclude=./tests/fuzz/bin --exclude=./tests/fuzz/work \
      --exclude='./.pytest_cache' --exclude='*/__pycache__' -cf - . || [ $? -eq 1 ]; } \
    | tar -C "$tmp" -xf -
cd "$tmp"
echo "building sanitized extension in $tmp"
PEACECORPUS_SANITIZE=1 CC=${CC:-gcc} python setup.py build_ext --inplace -q >build.log 2>&1 \
    || { cat build.log; exit 1; }
# make sure the instrumentation is really there
# (grep -c, not -q: with pipefail an early exit of grep would fail nm with SIGPIPE)
nm -D peacecorpus/_core*.so | grep -c __asan_report >/dev/null || { echo "extension is not instrumented"; exit 1; }
libasan=$(${CC:-gcc} -print-file-name=libasan.so)
[ -f "$libasan" ] || { echo "libasan.so not found ($libasan)"; exit 1; }
tests=()
for t in tests/test_engine_stress.py tests/test_bad_input.py tests/test_parse.py tests/test_web.py \
         tests/test_gazetteer.py tests/test_similarity.py tests/test_quotes.py tests/test_ner.py \
         tests/test_entities.py tests/test_binding_fuzz.py tests/test_thread_safety.py; do
    [ -f "$t" ] && tests+=("$t")
done
set +e
LD_PRELOAD="$libasan" \
ASAN_OPTIONS=detect_leaks=0:abort_on_error=1:halt_on_error=1 \
UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
PYTHONMALLOC=malloc PEACECORPUS_SANITIZED=1 PYTHONPATH="$tmp" \
PEACECORPUS_BINDING_FUZZ_CALLS=${PEACECORPUS_BINDING_FUZZ_CALLS:-20000} \
    python -m pytest -q -p no:cacheprovider "${tests[@]}" "$@" 2>&1 | tee pytest.log
rc=${PIPESTATUS[0]}
set -e
reports=$(grep -cE "ERROR: AddressSanitizer|runtime error:|ERROR: LeakSanitizer" pytest.log || true)
echo "sanitizer reports: $reports; pytest exit status: $rc"
[ "$rc" -eq 0 ] && [ "$reports" -eq 0 ]
