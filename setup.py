"""Build the peacecorpus._core extension from csrc/.

utf8proc is taken from the system through pkg-config (Debian: libutf8proc-dev).
Environment switches, read at build time:

  PEACECORPUS_SANITIZE=1   build with -fsanitize=address,undefined (run the
                           tests with the ASan runtime in LD_PRELOAD)
  PEACECORPUS_DEBUG=1      -O0 -g, assertions on
"""
import glob
import os
import shutil
import subprocess
import sys

from setuptools import Extension, setup


MISSING = (
    "error: peacecorpus needs the C library utf8proc (libutf8proc) and pkg-config did not find it: "
    "install libutf8proc-dev and pkg-config (Debian/Ubuntu; utf8proc-devel on Fedora, utf8proc on "
    "Homebrew or conda-forge), or install the prebuilt wheel that bundles it (README.md, 'Without root')"
)


def _pkg_config(package: str) -> dict:
    """Return include/library flags for `package`, or stop with one line naming it."""
    if shutil.which("pkg-config") is None:
        sys.exit(MISSING)
    try:
        cflags = subprocess.check_output(["pkg-config", "--cflags", package], text=True,
                                         stderr=subprocess.DEVNULL).split()
        libs = subprocess.check_output(["pkg-config", "--libs", package], text=True,
                                       stderr=subprocess.DEVNULL).split()
    except subprocess.CalledProcessError:
        sys.exit(MISSING)
    return {
        "include_dirs": [f[2:] for f in cflags if f.startswith("-I")],
        "library_dirs": [f[2:] for f in libs if f.startswith("-L")],
        "libraries": [f[2:] for f in libs if f.startswith("-l")],
    }


utf8proc = _pkg_config("libutf8proc")
# the warning set of `make warnings` (which adds -pedantic -Werror for csrc/lib; the binding
# cannot be -pedantic: CPython slot tables store function pointers as void *)
extra_compile = ["-std=c99", "-Wall", "-Wextra", "-Wconversion", "-Wshadow", "-Wno-unused-parameter",
                 "-Wstrict-prototypes"]
extra_link = []
if os.environ.get("PEACECORPUS_DEBUG"):
    extra_compile += ["-O0", "-g", "-UNDEBUG"]
else:
    extra_compile += ["-O2"]
if os.environ.get("PEACECORPUS_SANITIZE"):
    san = ["-fsanitize=address,undefined", "-fno-omit-frame-pointer", "-fno-sanitize-recover=undefined"]
    extra_compile += san + ["-g"]
    extra_link += san

sources = sorted(glob.glob("csrc/lib/*.c")) + sorted(glob.glob("csrc/python/*.c"))

setup(
    ext_modules=[
        Extension(
            "peacecorpus._core",
            sources=sources,
            include_dirs=["csrc/lib"] + utf8proc["include_dirs"],
            library_dirs=utf8proc["library_dirs"],
            libraries=utf8proc["libraries"],
            extra_compile_args=extra_compile,
            extra_link_args=extra_link,
            define_macros=[("PY_SSIZE_T_CLEAN", None)],
        )
    ],
)
