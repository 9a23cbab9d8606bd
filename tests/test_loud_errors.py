"""Loud errors instead of silent fallbacks (issue #16, item 5), and one
treatment of None, NaN, bytes, numbers and missing ids on every route
(issue #21, item 8: peacecorpus.readers)."""
from __future__ import annotations

import shutil

import numpy as np
import pandas as pd
import pytest

import peacecorpus as pc
from peacecorpus import readers

from conftest import SEEDS


def test_from_pandas_without_the_id_column_names_it():
    df = pd.DataFrame({"id": ["a", "b"], "text": ["One. Two.", "Three."]})
    with pytest.raises(KeyError, match=r"no id column 'doc_id' in the DataFrame \(columns: \['id', 'text'\]\); "
                                       r"pass id='id', or id=None to use the row index"):
        pc.Corpus.from_pandas(df)
    assert pc.Corpus.from_pandas(df, id="id").doc_ids == ["a", "b"]
    assert pc.Corpus.from_pandas(df, id=None).doc_ids == ["0", "1"]
    with pytest.raises(KeyError, match="no column 'body' in the DataFrame"):
        pc.Corpus.from_pandas(df, text="body", id="id")


def test_duplicate_ids_fail_at_once():
    df = pd.DataFrame({"doc_id": ["a", "b", "a"], "text": ["One.", "Two.", "Three."]})
    with pytest.raises(ValueError, match=r"from_pandas: 1 duplicate doc_id\(s\): 'a'"):
        pc.Corpus.from_pandas(df)
    with pytest.raises(ValueError, match=r"from_texts: 1 duplicate doc_id\(s\): 'x'"):
        pc.Corpus.from_texts(["One.", "Two."], ids=["x", "x"])
    d = pc.parse("One.", doc_id="same")
    with pytest.raises(ValueError, match=r"duplicate doc_id\(s\): 'same'"):
        pc.Corpus([d, pc.parse("Two.", doc_id="same")])
    # documents parsed without ids: said so, with the way out
    with pytest.raises(ValueError, match=r"2 documents have no doc_id: give each one an id"):
        pc.Corpus([pc.parse("One."), pc.parse("Two.")])


def test_duplicate_file_names_are_error_rows(tmp_path):
    (tmp_path / "a.txt").write_text("From the text file.", encoding="utf-8")
    (tmp_path / "a.html").write_text("<p>From the HTML file.</p>", encoding="utf-8")
    c = pc.read(tmp_path)
    assert c.doc_ids == ["a"] and c["a"].text == "From the HTML file."
    err = c.errors()
    assert err["reason"].tolist() == ["duplicate_id"]
    assert err["message"].iloc[0].startswith("document 'a': doc_id 'a' already read from ")


def test_corpus_index_is_by_id_not_position():
    c = pc.Corpus.from_texts(["One.", "Two."], ids=["1", "0"])
    assert c["1"].text == "One."
    with pytest.raises(TypeError, match=r"corpus\[...\] takes a doc_id \(str\), not int: use "
                                        r"corpus\[corpus.doc_ids\[i\]\] or list\(corpus\)\[i\]"):
        c[1]
    with pytest.raises(KeyError, match="no document 'nope' in the corpus"):
        c["nope"]


def test_ingest_takes_one_path_as_a_path(tmp_path, monkeypatch):
    monkeypatch.chdir(SEEDS.parent.parent)
    r = pc.ingest("data/seeds", tmp_path / "c.duckdb", progress=False)
    assert (r.parsed, r.documents) == (5, 5)
    with pytest.raises(FileNotFoundError, match="no such file or folder: nowhere"):
        pc.ingest("nowhere", tmp_path / "c.duckdb", progress=False)
    with pytest.raises(TypeError, match="paths must be str or os.PathLike, not bytes"):
        pc.ingest(b"data/seeds", tmp_path / "c.duckdb", progress=False)


def test_ingest_never_reads_its_own_store(tmp_path):
    shutil.copytree(SEEDS, tmp_path / "in")
    db = tmp_path / "in" / "corpus.duckdb"
    pc.ingest(tmp_path / "in", db, progress=False)
    r = pc.ingest(tmp_path / "in", db, progress=False)
    assert (r.parsed, r.unchanged, r.errors, r.documents) == (0, 5, 0, 5)
    assert pc.open(db).errors().empty


def test_gazetteer_label_must_be_known():
    with pytest.raises(ValueError, match=r"label must be one of PERSON, NORP, .*, TITLE, not 'PRSN'"):
        pc.Gazetteer().add("Tigran Hovhannisyan", "PRSN")


def test_similarity_names_every_method():
    c = pc.Corpus.from_texts(["Talks in Baku.", "Talks in Yerevan."])
    with pytest.raises(ValueError, match="method must be 'tfidf', 'minhash' or 'entities', not 'cosine'"):
        c.similarity("cosine")


# -- one treatment of odd values ------------------------------------------------------------------
ODD = pd.DataFrame({
    "doc_id": ["ok", "none", "nan", "number", "bytes", "binary", None, 12345, 7.0],
    "text": ["Talks resumed.", None, np.nan, 12345, "café".encode("cp1252"), b"%PDF-1.4 \x00\x01",
             "No id.", "Integer id.", "Float id."],
}, dtype=object)


def _outcome(c: pc.Corpus):
    return c.doc_ids, c.errors()[["doc_id", "reason"]].astype(object).where(c.errors()[["doc_id", "reason"]].notna(),
                                                                              None).values.tolist()


def test_odd_values_in_memory():
    c = pc.Corpus.from_pandas(ODD)
    ids, errors = _outcome(c)
    assert ids == ["ok", "bytes", "12345", "7"]
    assert c["bytes"].text == "café" and c["bytes"].extra["encoding"] == "cp1252"
    assert errors == [["none", "missing_text"], ["nan", "missing_text"], ["number", "type"],
                      ["binary", "binary"], [None, "missing_id"]]
    assert c.errors()["message"].iloc[-1] == "row 6: no doc_id"


def test_odd_values_the_same_on_dask(client):
    import dask
    import dask.dataframe as dd
    from peacecorpus import dask as pcd
    want = _outcome(pc.Corpus.from_pandas(ODD))
    # Dask would turn the column into strings (12345 -> "12345") before peacecorpus sees it
    with dask.config.set({"dataframe.convert-string": False}):
        ddf = dd.from_pandas(ODD, npartitions=3)
    assert _outcome(pcd.to_corpus(ddf)) == want


def test_coerce_functions():
    assert [readers.coerce_id(v) for v in ("a", 3, np.int64(4), 5.0, float("nan"), None, pd.NA, "")] == \
        ["a", "3", "4", "5", None, None, None, None]
    assert readers.coerce_text("x")[:2] == ("x", None)
    assert readers.coerce_text(pd.NA)[1] == "missing_text"
    assert readers.coerce_text([1])[1:3] == ("type", "expected str or bytes, got list")
