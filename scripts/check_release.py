#!/usr/bin/env python3
"""What a release ships: data files against data/SOURCES.md, licence files.

    python scripts/check_release.py                 # the source tree's data/
    python scripts/check_release.py dist/*.whl      # built wheels (.ci/dist_smoke.sh)

Every file installed as ``peacecorpus.data`` must have its row in the table
"Files in the package" of data/SOURCES.md (origin and licence), and every row
must name a file that ships.  A wheel must also carry LICENSE and NOTICE in its
.dist-info, and a wheel that bundles shared libraries (auditwheel's
peacecorpus.libs/) must name each of them in NOTICE.  Exit status 1 and one line
per problem otherwise.  tests/test_release.py runs the same checks on the tree.
"""
from __future__ import annotations

import re
import sys
import zipfile
from pathlib import Path
from typing import Iterable, List, Set

ROOT = Path(__file__).resolve().parents[1]
TABLE_HEADING = "## Files in the package"


def listed_files(sources_md: str) -> Set[str]:
    """Paths (relative to data/) in the first column of the SOURCES.md table."""
    if TABLE_HEADING not in sources_md:
        raise ValueError(f"data/SOURCES.md has no section {TABLE_HEADING!r}")
    section = sources_md.split(TABLE_HEADING, 1)[1].split("\n## ", 1)[0]
    return set(re.findall(r"^\| `([^`]+)` \|", section, flags=re.M))


def tree_files(data_dir: Path) -> Set[str]:
    """Files a build of this tree installs as peacecorpus.data (package-data ``**/*``)."""
    return {p.relative_to(data_dir).as_posix() for p in data_dir.rglob("*")
            if p.is_file() and "__pycache__" not in p.parts}


def wheel_files(names: Iterable[str]) -> Set[str]:
    prefix = "peacecorpus/data/"
    return {n[len(prefix):] for n in names if n.startswith(prefix) and not n.endswith("/")}


def compare(shipped: Set[str], listed: Set[str], where: str) -> List[str]:
    problems = [f"{where}: {f} ships but has no row in data/SOURCES.md" for f in sorted(shipped - listed)]
    problems += [f"{where}: data/SOURCES.md lists {f}, which does not ship" for f in sorted(listed - shipped)]
    return problems


def check_wheel(path: Path, listed: Set[str], notice: str) -> List[str]:
    with zipfile.ZipFile(path) as zf:
        names = zf.namelist()
    problems = compare(wheel_files(names), listed, path.name)
    for required in ("LICENSE", "NOTICE"):
        if not any(re.fullmatch(rf"peacecorpus-[^/]+\.dist-info/(licenses/)?{required}", n) for n in names):
            problems.append(f"{path.name}: no {required} in the .dist-info")
    for lib in (n for n in names if n.startswith("peacecorpus.libs/") and not n.endswith("/")):
        stem = Path(lib).name.split("-")[0].split(".")[0]          # libutf8proc-0ff00c6e.so.2 -> libutf8proc
        if stem.removeprefix("lib") not in notice:
            problems.append(f"{path.name}: bundles {lib} but NOTICE does not name {stem.removeprefix('lib')}")
    tops = {n.split("/", 1)[0] for n in names}
    extra = {t for t in tops if t not in ("peacecorpus", "peacecorpus.libs") and not t.endswith(".dist-info")}
    problems += [f"{path.name}: unexpected top-level entry {t}" for t in sorted(extra)]
    return problems


def main(argv: List[str]) -> int:
    listed = listed_files((ROOT / "data" / "SOURCES.md").read_text(encoding="utf-8"))
    notice = (ROOT / "NOTICE").read_text(encoding="utf-8")
    if argv:
        problems = [p for a in argv for p in check_wheel(Path(a), listed, notice)]
    else:
        problems = compare(tree_files(ROOT / "data"), listed, "data/")
    for p in problems:
        print(p)
    print(f"check_release: {len(argv) or 'source tree'} checked, {len(listed)} files listed, "
          f"{len(problems)} problems", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
