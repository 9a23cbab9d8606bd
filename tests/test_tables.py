"""The table registry (peacecorpus.tables): printed by ``python -m
peacecorpus.tables``, the README's table list, dtypes on every route, and a
module graph without cycles."""
from __future__ import annotations

import ast
import subprocess
import sys

import pandas as pd
import pytest

import peacecorpus as pc
from peacecorpus import tables

from conftest import ROOT


def test_registry_is_printed():
    out = subprocess.run([sys.executable, "-m", "peacecorpus.tables"], capture_output=True, text=True,
                         cwd=ROOT, check=True).stdout
    for t in tables.REGISTRY.values():
        assert f"{t.name}  ({t.scope}" in out
        for c, _ in t.columns:
            assert f"    {c} " in out
    assert "string[pyarrow]" in out and "datetime64[ns, UTC]" in out and "Int64" in out


def test_readme_lists_the_registry():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert tables.markdown() in readme, "README's table list differs: python -m peacecorpus.tables --markdown"


def test_scopes_and_dependencies():
    reg = tables.REGISTRY
    assert reg["mentions"].scope == "document" and reg["quotes_raw"].scope == "document"
    for name in ("canonical", "entities", "entity_table", "quotes", "similarity", "near_duplicates",
                 "duplicate_groups", "reuse", "stories", "quote_reuse"):
        assert reg[name].scope == "corpus", name
    # every public table is a Corpus method of the same name
    for name in tables.names(public=True):
        assert callable(getattr(pc.Corpus, name)), name
    assert tables.names(stored=False) == ["tokens"]


def test_dtypes_on_a_corpus_and_empty():
    c = pc.Corpus.from_texts(["“We agree,” said Foreign Minister Ararat Mirzoyan in Baku on 5 May 2024. Talks went on."],
                             ids=["a"])
    for name in tables.names():
        want = list(tables.dtypes(name).values())
        assert list(c.table(name).dtypes) == want, name
        assert list(tables.empty(name).dtypes) == want, name
        assert list(c.table(name).columns) == tables.columns(name)
    docs = c.documents()
    assert str(docs["doc_id"].dtype) == "string" and docs["doc_id"].dtype.storage == "pyarrow"
    assert str(docs["published"].dtype) == "datetime64[ns, UTC]"
    assert isinstance(c.entity_table()["aliases"].iloc[0], list)


def test_timestamps_are_utc():
    df = pd.DataFrame({"doc_id": ["a", "b", "c", "d"], "text": ["One. Two."] * 4,
                       "published": ["2023-08-30", "2023-08-31T10:00:00+02:00", None, "Mar 10"]})
    got = pc.Corpus.from_pandas(df).documents()["published"]
    assert got.tolist()[:2] == [pd.Timestamp("2023-08-30", tz="UTC"), pd.Timestamp("2023-08-31 08:00", tz="UTC")]
    assert got.isna().tolist() == [False, False, True, True]     # not a date: NaT (the Document keeps the text)


def test_unknown_table():
    with pytest.raises(ValueError, match="no table 'nope'; tables: documents"):
        pc.Corpus().table("nope")


def _imports() -> dict:
    """module -> peacecorpus modules it imports (at module level or in a function)."""
    pkg = ROOT / "peacecorpus"
    modules = {p.stem for p in pkg.glob("*.py")}
    graph = {}
    for p in pkg.glob("*.py"):
        deps = set()
        for node in ast.walk(ast.parse(p.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level == 1:
                if node.module:
                    deps.add(node.module.split(".")[0])
                else:
                    deps.update(a.name for a in node.names if a.name in modules)
            elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("peacecorpus."):
                deps.add(node.module.split(".")[1])
            elif isinstance(node, ast.Import):
                deps.update(a.name.split(".")[1] for a in node.names if a.name.startswith("peacecorpus."))
        graph[p.stem] = {d for d in deps if d in modules and d != p.stem}
    return graph


def test_no_module_imports_one_that_imports_it_back():
    graph = _imports()
    graph.pop("__init__")        # the package's face imports everything; no module imports it back
    for deps in graph.values():
        deps.discard("__init__")
    state, path, cycles = {}, [], []

    def visit(m):
        state[m] = 1
        path.append(m)
        for d in sorted(graph.get(m, ())):
            if state.get(d) == 1:
                cycles.append(path[path.index(d):] + [d])
            elif d not in state:
                visit(d)
        path.pop()
        state[m] = 2

    for m in sorted(graph):
        if m not in state:
            visit(m)
    assert cycles == []
