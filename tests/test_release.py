"""What a release ships stays accounted for: data files against data/SOURCES.md,
LICENSE/NOTICE/CHANGELOG consistent with pyproject.toml, the setup.py message
when utf8proc is missing, and the C style check.  (.ci/dist_smoke.sh runs the
same data check on the built wheels.)"""
import importlib.util
import os
import re
import shutil
import subprocess
import sys

import pytest

from conftest import ROOT

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    tomllib = pytest.importorskip("tomli")


def _script(name):
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _pyproject():
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def test_every_shipped_data_file_has_its_sources_row():
    rel = _script("check_release")
    listed = rel.listed_files((ROOT / "data" / "SOURCES.md").read_text(encoding="utf-8"))
    shipped = rel.tree_files(ROOT / "data")
    assert len(shipped) >= 18 and {"SOURCES.md", "models/ner_open.bin"} <= shipped
    assert rel.compare(shipped, listed, "data/") == []


def test_release_check_reports_what_is_missing(tmp_path):
    rel = _script("check_release")
    assert rel.compare({"a.tsv", "b.tsv"}, {"b.tsv", "c.tsv"}, "x") == [
        "x: a.tsv ships but has no row in data/SOURCES.md",
        "x: data/SOURCES.md lists c.tsv, which does not ship"]
    assert rel.wheel_files(["peacecorpus/data/", "peacecorpus/data/seeds/a.txt", "peacecorpus/x.py"]) == {"seeds/a.txt"}


def test_sample_articles_have_provenance():
    text = (ROOT / "data" / "SOURCES.md").read_text(encoding="utf-8")
    section = text.split("## seeds/", 1)[1]
    for p in sorted((ROOT / "data" / "seeds").glob("*.txt")):
        row = next(line for line in section.splitlines() if line.startswith(f"| `{p.name}` |"))
        outlet_date, why = row.split(" | ")[1:3]
        assert re.search(r"20(23|24)", outlet_date), row          # a date (or its bounds) from the text
        assert len(why) > 40, row


def test_licence_files_agree_with_pyproject():
    meta = _pyproject()["project"]
    assert meta["license"] == {"text": "MIT"}
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License\n")
    notice = (ROOT / "NOTICE").read_text(encoding="utf-8")
    sources = (ROOT / "data" / "SOURCES.md").read_text(encoding="utf-8")
    # every third-party licence named for a shipped file is in NOTICE, and the bundled utf8proc
    for licence in ("LGPL-2.1", "CC BY 4.0"):
        assert licence in sources and licence in notice
    for name in ("GeoNames", "pycountry", "CoNLL-2003", "utf8proc", "Unicode"):
        assert name in notice


def test_changelog_follows_keep_a_changelog_from_the_current_version():
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    version = _pyproject()["project"]["version"]
    assert text.startswith("# Changelog\n") and "keepachangelog.com" in text
    releases = re.findall(r"^## \[([^\]]+)\]", text, flags=re.M)
    assert releases[0] == "Unreleased" and version in releases
    assert releases[-1] == "0.1.0"
    for heading in re.findall(r"^### (.+)$", text, flags=re.M):
        assert heading in ("Added", "Changed", "Deprecated", "Removed", "Fixed", "Security")


def test_dev_tools_are_extras_not_requirements():
    meta = _pyproject()["project"]
    deps = " ".join(meta["dependencies"])
    extras = meta["optional-dependencies"]
    for tool in ("ruff", "mypy", "pytest", "build", "auditwheel"):
        assert tool not in deps
    assert any(d.startswith("ruff") for d in extras["lint"]) and any(d.startswith("mypy") for d in extras["lint"])
    assert any(d.startswith("auditwheel") for d in extras["release"])


def test_setup_fails_early_with_one_line_naming_the_library(tmp_path):
    if shutil.which("pkg-config") is None:
        pytest.skip("pkg-config is not installed")
    env = dict(os.environ, PKG_CONFIG_LIBDIR=str(tmp_path), PKG_CONFIG_PATH=str(tmp_path))
    proc = subprocess.run([sys.executable, "setup.py", "--name"], cwd=ROOT, env=env,
                          capture_output=True, text=True)
    assert proc.returncode != 0
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error:") and "libutf8proc" in lines[0], proc.stderr


def test_c_sources_pass_the_style_check():
    style = _script("check_c_style")
    problems = [(p, n, m) for p in style.c_files() for n, m in style.check_file(p)]
    assert problems == []


def test_c_style_check_finds_violations(tmp_path):
    style = _script("check_c_style")
    bad = tmp_path / "probe.c"
    bad.write_text('/* probe */\n#include "Python.h"\nint foo(void)\n{\n\tprintf("x"); \n    return 0;\n}\n'
                   "static int bar(int a) { return a; }\n", encoding="utf-8")
    found = [m for _, m in style.check_file(bad, rel="csrc/lib/probe.c")]
    assert any("Python.h" in m for m in found) and any("tab" in m for m in found)
    assert any("trailing" in m for m in found) and any("foo" in m and "pc_" in m for m in found)
    assert any("bar" in m and "S_" in m for m in found) and any("print" in m for m in found)
    assert list(style.check_file(bad, rel="tests/c/probe.c")) == [(5, "tab (indent with spaces)"),
                                                                  (5, "trailing whitespace")]
