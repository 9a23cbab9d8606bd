"""pc.open() reads a stored table only when it is first used (issue #20)."""
import pickle

import pandas as pd
import pytest

import peacecorpus as pc
from peacecorpus import store, tables
from peacecorpus.errors import StoreError


@pytest.fixture
def reads(monkeypatch):
    seen = []
    real = store.read_table

    def counting(con, name, **kwargs):
        seen.append(name)
        return real(con, name, **kwargs)

    monkeypatch.setattr(store, "read_table", counting)
    return seen


def test_open_reads_tables_on_first_use(seeds, tmp_path, reads):
    db = tmp_path / "c.duckdb"
    seeds.save(db)
    back = pc.open(db)
    assert len(back) == 5 and back.source == str(db)
    assert reads == []
    s = back.sentences()
    assert reads == ["sentences"]
    pd.testing.assert_frame_equal(s, seeds.sentences())
    back.sentences()
    back.quotes()
    assert reads == ["sentences", "quotes"]  # read once, then cached
    assert back.doc_ids == seeds.doc_ids and "documents" in reads
    # every stored table is the one saved, with the stored parameters
    for name in tables.names(stored=True):
        pd.testing.assert_frame_equal(seeds.table(name), back.table(name), obj=name)
    assert back.table("near_duplicates", threshold=0.9).equals(seeds.table("near_duplicates", threshold=0.9))


def test_open_then_store_rewritten(seeds, tmp_path):
    db = tmp_path / "c.duckdb"
    seeds.save(db)
    back = pc.open(db)
    back.documents()
    pc.Corpus.from_texts(["One sentence here. Another one."]).save(db)
    with pytest.raises(StoreError, match="written after it was opened"):
        back.entities()
    assert len(back.documents()) == 5  # what was read stays
    assert len(pc.open(db)) == 1


def test_lazy_corpus_pickles(seeds, tmp_path):
    db = tmp_path / "c.duckdb"
    seeds.save(db)
    back = pickle.loads(pickle.dumps(pc.open(db)))
    assert len(back) == 5
    pd.testing.assert_frame_equal(back.sentences(), seeds.sentences())
