#!/usr/bin/env python3
"""C style check for csrc/, tests/c, tests/fuzz and bench (run by `make lint`).

    python scripts/check_c_style.py          # exit 1 and one line per problem

The engine's conventions (see csrc/lib/pc.h and the project brief), checked
line by line so that a failure names the place:

- every file: UTF-8, no tab, no trailing space, ends with one newline, starts
  with a comment that names the file's job;
- every header: an include guard (#ifndef X_H / #define X_H);
- csrc/lib (the engine): never includes Python.h, never ends the process
  (abort/exit) or prints (a library loaded into a notebook must return status
  codes), lines of at most 120 columns, functions named pc_* (public, and
  static inline ones in headers) or S_* (file-static);
- csrc/python (the binding): functions named pcpy_* (shared between binding
  files), PyInit_* or S_* (file-static).

This is the project's equivalent of a clang-format check: the code base
predates a .clang-format file and reformatting every file at once would
collide with ongoing work; these rules hold for all of it.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Iterator, List, Optional, Tuple

ROOT = Path(__file__).resolve().parents[1]
MAX_ENGINE_COLUMNS = 120

# a function declaration or definition starts at column 0:
# [static] [inline] <type> [*]name(
_FUNC = re.compile(r"^(?P<static>static\s+)?(?:inline\s+)?(?:(?:const|unsigned|signed|struct|enum)\s+)*"
                   r"[A-Za-z_]\w*(?:\s+|\s*\*+\s*)(?:const\s*\*?\s*)?(?P<name>[A-Za-z_]\w*)\s*\(")
_SKIP_START = ("typedef", "return", "extern", "#", "PyMODINIT_FUNC")
_FORBIDDEN = re.compile(r"\b(abort|exit|printf|fprintf|puts|perror)\s*\(")
_PYTHON_H = re.compile(r'#\s*include\s*[<"]Python\.h[>"]')


def c_files() -> List[Path]:
    out: List[Path] = []
    for pattern in ("csrc/**/*.[ch]", "tests/c/*.[ch]", "tests/fuzz/*.[ch]", "bench/*.c"):
        out.extend(sorted(ROOT.glob(pattern)))
    return out


def _strip_comments(lines: List[str]) -> List[str]:
    """The lines with /* ... */ and // comments and string literals blanked."""
    out, in_comment = [], False
    for line in lines:
        res, i = [], 0
        while i < len(line):
            if in_comment:
                j = line.find("*/", i)
                if j < 0:
                    i = len(line)
                else:
                    in_comment, i = False, j + 2
                continue
            if line.startswith("/*", i):
                in_comment, i = True, i + 2
            elif line.startswith("//", i):
                break
            elif line[i] == '"':
                j = i + 1
                while j < len(line) and line[j] != '"':
                    j += 2 if line[j] == "\\" else 1
                res.append('""')
                i = j + 1
            else:
                res.append(line[i])
                i += 1
        out.append("".join(res))
    return out


def check_file(path: Path, rel: Optional[str] = None) -> Iterator[Tuple[int, str]]:
    """(line, problem) pairs; ``rel`` is the path the rules apply to (default: path in the repo)."""
    rel = rel or path.relative_to(ROOT).as_posix()
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        yield 1, "not UTF-8"
        return
    if not text.endswith("\n") or text.endswith("\n\n"):
        yield text.count("\n") + 1, "must end with exactly one newline"
    lines = text.split("\n")[:-1] if text.endswith("\n") else text.split("\n")
    if not lines or not lines[0].startswith("/*"):
        yield 1, "must start with a comment naming the file's job"
    engine = rel.startswith("csrc/lib/")
    binding = rel.startswith("csrc/python/")
    for no, line in enumerate(lines, start=1):
        if "\t" in line:
            yield no, "tab (indent with spaces)"
        if line != line.rstrip():
            yield no, "trailing whitespace"
        if engine and len(line) > MAX_ENGINE_COLUMNS:
            yield no, f"{len(line)} columns (at most {MAX_ENGINE_COLUMNS} in the engine)"
    if rel.endswith(".h"):
        guard = re.search(r"^#ifndef (\w+_H)\n#define \1$", text, flags=re.M)
        if not guard:
            yield 1, "header without an include guard (#ifndef X_H / #define X_H)"
    if not (engine or binding):
        return
    code = _strip_comments(lines)
    for no, line in enumerate(code, start=1):
        if engine and _PYTHON_H.search(lines[no - 1]):
            yield no, "the engine must not include Python.h"
        if engine and _FORBIDDEN.search(line):
            yield no, "the engine must not print or end the process (return a status code)"
        if not line or line[0] in " {}*/" or line.startswith(_SKIP_START):
            continue
        m = _FUNC.match(line)
        if not m:
            continue
        name = m.group("name")
        if m.group("static") and not rel.endswith(".h"):
            if not name.startswith("S_"):
                yield no, f"file-static function {name}: name it S_*"
        elif m.group("static"):  # static inline in a header: part of its interface
            if not name.startswith(("pc_", "pcpy_")):
                yield no, f"inline function {name} in a header: name it pc_* (pcpy_* in the binding)"
        elif engine and not name.startswith("pc_"):
            yield no, f"public engine function {name}: name it pc_*"
        elif binding and not name.startswith(("pcpy_", "PyInit_")):
            yield no, f"binding function {name}: name it pcpy_* (or make it static S_*)"


def main(argv: List[str]) -> int:
    files = [Path(a).resolve() for a in argv] or c_files()
    problems = 0
    for path in files:
        for no, msg in check_file(path):
            print(f"{path.relative_to(ROOT).as_posix()}:{no}: {msg}")
            problems += 1
    print(f"check_c_style: {len(files)} files, {problems} problems", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
