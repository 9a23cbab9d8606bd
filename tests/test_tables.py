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


def _dtype_frame() -> pd.DataFrame:
    """Texts that leave some tables empty (a document without names, quotes
    or dates) and some not."""
    texts = {"a": "\u201cWe agree,\u201d said Foreign Minister Ararat Mirzoyan in Baku on 5 May 2024. Talks went on.",
             "b": "Hello.", "c": "Foreign Minister Ararat Mirzoian met Jeyhun Bayramov on Monday."}
    frame = pd.DataFrame({"doc_id": list(texts), "text": list(texts.values()),
                          "published": ["2024-05-05", None, "2024-05-06T10:00:00+02:00"]})
    return frame


def _dtype_routes(tmp_path):
    """Every way to get a Corpus."""
    frame = _dtype_frame()
    texts = dict(zip(frame["doc_id"], frame["text"]))
    folder = tmp_path / "in"
    folder.mkdir()
    for k, v in texts.items():
        (folder / f"{k}.txt").write_text(v, encoding="utf-8")
    out = {"from_texts": pc.Corpus.from_texts(list(texts.values()), ids=list(texts)),
           "from_pandas": pc.Corpus.from_pandas(frame), "read": pc.read(folder), "empty": pc.Corpus()}
    out["read"].save(tmp_path / "saved.duckdb")
    out["save/open"] = pc.open(tmp_path / "saved.duckdb")
    pc.ingest(folder, tmp_path / "ingested.duckdb", progress=False)
    out["ingest/open"] = pc.open(tmp_path / "ingested.duckdb")
    out["from_pandas"].to_parquet(tmp_path / "pq")
    out["parquet"] = pc.read_parquet(tmp_path / "pq")
    pc.ingest(folder / "b.txt", tmp_path / "one.duckdb", progress=False)   # a store whose tables are almost all empty
    out["ingest/open, one document"] = pc.open(tmp_path / "one.duckdb")
    return out


def test_every_route_returns_the_declared_dtypes(tmp_path):
    """Issue #15 item 6: each registered table has declared dtypes, and every
    route gives exactly those, with rows or without."""
    routes = _dtype_routes(tmp_path)
    for name in tables.names():
        want = tables.dtypes(name)
        assert want and all(str(d) != "object" for d in want.values()), name   # declared, none untyped
        for route, corpus in routes.items():
            got = corpus.table(name)
            assert list(got.columns) == list(want), (name, route)
            assert list(got.dtypes) == list(want.values()), (name, route, dict(got.dtypes))
    # the empty routes really are empty and the others are not
    assert len(routes["empty"].quotes()) == 0 and len(routes["ingest/open, one document"].entities()) == 0
    assert all(len(routes[r].quotes()) for r in ("from_texts", "save/open", "ingest/open", "parquet"))


def test_dask_tables_have_the_declared_dtypes():
    """Dask's document tables: the meta and the computed partitions."""
    dd = pytest.importorskip("dask.dataframe")
    import dask
    from peacecorpus import dask as pcd
    frame = _dtype_frame()
    with dask.config.set(scheduler="sync"):
        out = pcd.extract(dd.from_pandas(frame, npartitions=2))
        for name, ddf in out.items():
            want = list(tables.dtypes(name).values())
            assert list(ddf.dtypes) == want, name
            assert list(ddf.compute().dtypes) == want, name
