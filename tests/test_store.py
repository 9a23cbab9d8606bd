"""The DuckDB store: round trip, incremental ingest, atomic writes, Parquet."""
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time

import duckdb
import pandas as pd
import pytest

import peacecorpus as pc
from peacecorpus import readers, store, tables
from peacecorpus.tables import conform, entity_table_from, table

from conftest import ROOT, SEEDS


def _same(a: pd.DataFrame, b: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(a.reset_index(drop=True), b.reset_index(drop=True), check_dtype=False)


@pytest.fixture
def parse_counter(monkeypatch):
    """Counts real calls into the parser (independently of IngestResult)."""
    calls = []
    real = readers.parse_inputs

    def counting(items, *args, **kwargs):
        calls.extend(it.doc_id if isinstance(it, readers.Input) else it["doc_id"] for it in items)
        return real(items, *args, **kwargs)

    monkeypatch.setattr(readers, "parse_inputs", counting)
    return calls


def test_save_open_round_trip(seeds, tmp_path):
    db = tmp_path / "c.duckdb"
    seeds.save(db)
    back = pc.open(db)
    assert type(back) is pc.Corpus and len(back) == 5 and back.source == str(db)
    for name in ("documents", "sentences", "paragraphs", "tokens", "removed", "errors"):
        pd.testing.assert_frame_equal(getattr(seeds, name)(), getattr(back, name)())
    doc = back["004_a317817d0d739d21"]
    assert doc.syndicated_from == "Radio Free Europe/Radio Liberty"
    assert [s.text for s in doc.sentences] == [s.text for s in seeds["004_a317817d0d739d21"].sentences]
    # the analysis tables exist with their documented columns even when empty
    for name in ("entities", "quotes", "similarity", "near_duplicates", "reuse"):
        assert list(getattr(back, name)().columns) == tables.columns(name)
    # stored tables keep every column (entities.source, quotes.cue_start/cue_end) and dtype
    for name in tables.names(stored=True):
        pd.testing.assert_frame_equal(seeds.table(name), back.table(name), obj=name)


def test_sql_on_the_file(seeds, tmp_path):
    db = tmp_path / "c.duckdb"
    seeds.save(db)
    con = duckdb.connect(str(db), read_only=True)
    try:
        n = con.execute("SELECT count(*) FROM sentences").fetchone()[0]
        # str offsets agree with SQL substring (1-based, code points)
        ok = con.execute('SELECT bool_and(substring(d.text, s.start + 1, s."end" - s.start) = s.text) '
                         "FROM sentences s JOIN documents d USING (doc_id)").fetchone()[0]
        version = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0]
    finally:
        con.close()
    assert n == seeds.summary()["sentences"] == 192
    assert ok is True
    assert int(version) == store.SCHEMA_VERSION


def test_save_replaces_previous_content(seeds, tmp_path):
    db = tmp_path / "c.duckdb"
    seeds.save(db)
    pc.Corpus.from_texts(["One sentence. Two sentences."], ids=["x"]).save(db)
    back = pc.open(db)
    assert back.doc_ids == ["x"] and back.summary()["sentences"] == 2


def test_ingest_is_incremental(tmp_path, parse_counter):
    src = tmp_path / "in"
    shutil.copytree(SEEDS, src)
    db = tmp_path / "c.duckdb"
    r1 = pc.ingest([src], db, progress=False)
    assert (r1.parsed, r1.unchanged, r1.documents) == (5, 0, 5)
    assert len(parse_counter) == 5
    before = pc.open(db).documents()

    parse_counter.clear()
    r2 = pc.ingest([src], db, progress=False)
    assert (r2.parsed, r2.unchanged, r2.documents) == (0, 5, 5)
    assert parse_counter == []                       # no extraction work at all
    _same(before.drop(columns=["ingested_at"], errors="ignore"),
          pc.open(db).documents().drop(columns=["ingested_at"], errors="ignore"))

    # one changed, one new file: exactly those two are parsed
    changed = src / "001_1825ec11acb749a5.txt"
    changed.write_text(changed.read_text(encoding="utf-8") + "\nA final added sentence about Baku.\n",
                       encoding="utf-8")
    (src / "new_article.txt").write_text("Talks resumed in Almaty. Both ministers attended.", encoding="utf-8")
    r3 = pc.ingest([src], db, progress=False)
    assert (r3.parsed, r3.unchanged, r3.documents) == (2, 4, 6)
    assert sorted(parse_counter) == ["001_1825ec11acb749a5", "new_article"]
    back = pc.open(db)
    assert back["001_1825ec11acb749a5"].sentences[-1].text == "A final added sentence about Baku."
    assert back["new_article"].n_sentences == 2
    # the changed document's rows were replaced, not duplicated
    sents = back.sentences()
    assert sents.groupby("doc_id")["sentence"].apply(lambda s: s.is_unique).all()

    # prune: a file that disappeared leaves the store
    (src / "new_article.txt").unlink()
    r4 = pc.ingest([src], db, progress=False, prune=True)
    assert (r4.parsed, r4.pruned, r4.documents) == (0, 1, 5)


def test_ingest_records_errors_once(tmp_path, parse_counter):
    src = tmp_path / "in"
    src.mkdir()
    (src / "ok.txt").write_text("Peace talks resumed. Both sides attended.", encoding="utf-8")
    (src / "scan.pdf").write_bytes(b"%PDF-1.4 binary\x00\x01\x02")
    db = tmp_path / "c.duckdb"
    r1 = pc.ingest([src], db, progress=False)
    assert (r1.parsed, r1.errors, r1.documents) == (2, 1, 1)
    errs = pc.open(db).errors()
    assert errs["doc_id"].tolist() == ["scan"] and errs["reason"].tolist() == ["binary"]
    parse_counter.clear()
    r2 = pc.ingest([src], db, progress=False)
    assert (r2.parsed, r2.unchanged) == (0, 2) and parse_counter == []
    assert len(pc.open(db).errors()) == 1


_KILL_SCRIPT = textwrap.dedent("""
    import sys, time
    import peacecorpus as pc
    from peacecorpus import _ingest as ingest
    real = ingest._write_batch
    def slow(*args):
        real(*args)                      # rows of this batch are written, transaction still open
        print("BATCH", flush=True)
        time.sleep(0.05)
    ingest._write_batch = slow
    pc.ingest([sys.argv[1]], sys.argv[2], progress=False, batch_size=10)
    print("DONE", flush=True)
""")


# SIGKILL in the default run; SIGINT (the same guarantee through KeyboardInterrupt) with --runslow
@pytest.mark.parametrize("sig", [signal.SIGKILL, pytest.param(signal.SIGINT, marks=pytest.mark.slow)])
def test_interrupted_ingest_leaves_previous_state(tmp_path, sig):
    db = tmp_path / "c.duckdb"
    first = pc.ingest([SEEDS], db, progress=False)
    assert first.documents == 5
    before = pc.open(db)

    big = tmp_path / "big"
    big.mkdir()
    seed_texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    for i in range(300):   # 300 new articles: 30 batches of 10, seconds of work
        (big / f"gen_{i:04d}.txt").write_text(
            seed_texts[i % 5] + f"\nGenerated paragraph number {i}. It mentions Yerevan.\n", encoding="utf-8")
    shutil.copytree(SEEDS, big, dirs_exist_ok=True)
    # a changed seed too: the kill must not leave it half-replaced
    (big / "000_2d75c3c5078d4155.txt").write_text("Replaced text. Should not survive.", encoding="utf-8")

    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    proc = subprocess.Popen([sys.executable, "-c", _KILL_SCRIPT, str(big), str(db)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        batches = 0
        deadline = time.monotonic() + 60
        while batches < 3 and time.monotonic() < deadline:
            line = proc.stdout.readline()
            assert line, "ingest subprocess ended early: " + proc.stderr.read()
            assert line.strip() != "DONE"
            batches += line.strip() == "BATCH"
        assert batches == 3
        proc.send_signal(sig)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode != 0
    after = pc.open(db)
    assert after.doc_ids == before.doc_ids
    _same(before.documents(), after.documents())
    _same(before.sentences(), after.sentences())
    _same(before.removed(), after.removed())
    # and the store still works: the full ingest completes afterwards
    r = pc.ingest([big], db, progress=False)
    assert r.documents == 305 and r.unchanged == 4 and r.parsed == 301


def test_parquet_round_trip(seeds, tmp_path):
    out = seeds.to_parquet(tmp_path / "pq")
    assert (out / "documents.parquet").is_file() and (out / "sentences.parquet").is_file()
    back = pc.read_parquet(out)
    for name in ("documents", "sentences", "paragraphs", "removed"):
        _same(getattr(seeds, name)(), getattr(back, name)())
    assert len(pd.read_parquet(out / "sentences.parquet")) == 192
    with pytest.raises(FileNotFoundError):
        pc.read_parquet(tmp_path / "nowhere")


def test_open_rejects_other_files(tmp_path):
    with pytest.raises(FileNotFoundError):
        pc.open(tmp_path / "missing.duckdb")
    con = duckdb.connect(str(tmp_path / "other.duckdb"))
    con.execute("CREATE TABLE meta (key VARCHAR, value VARCHAR)")
    con.execute("INSERT INTO meta VALUES ('schema_version', '999')")
    con.close()
    with pytest.raises(store.StoreError):
        pc.open(tmp_path / "other.duckdb")
    # a database of another program: not a store, and never modified by an ingest
    con = duckdb.connect(str(tmp_path / "foreign.duckdb"))
    con.execute("CREATE TABLE documents (id INTEGER)")
    con.close()
    with pytest.raises(store.StoreError, match="not a peacecorpus store"):
        pc.ingest(SEEDS, tmp_path / "foreign.duckdb", progress=False)
    con = duckdb.connect(str(tmp_path / "foreign.duckdb"), read_only=True)
    assert [r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()] == ["documents"]
    con.close()


class _WithAnalyses(pc.Corpus):
    """A corpus whose analysis methods return fixed rows (stands in for NER/quotes/similarity)."""

    def entities(self):
        rows = []
        for d in self:
            i = d.text.find("Armenia")
            if i >= 0:
                rows.append({"doc_id": d.doc_id, "start": i, "end": i + 7, "text": "Armenia", "label": "GPE",
                             "canonical": "Armenia", "entity_id": "Q399", "role": None,
                             "sentence": d.sentence_index(i)})
        return pd.DataFrame(rows)

    def quotes(self):
        return pd.DataFrame([{"doc_id": d.doc_id, "start": 0, "end": 5, "quote": d.text[:5], "kind": "direct",
                              "speaker": "Someone", "speaker_mention": None, "speaker_role": None, "cue": "said"}
                             for d in self])

    def similarity(self, method="tfidf"):
        ids = self.doc_ids
        return pd.DataFrame([(a, b, 0.5) for a in ids for b in ids if a < b], columns=["doc_a", "doc_b", "score"])


def test_stored_tables_are_answered_from_the_store(seeds, tmp_path):
    c = _WithAnalyses(list(seeds))
    db = tmp_path / "c.duckdb"
    c.save(db)
    back = pc.open(db)
    ents = back.entities()
    assert len(ents) == len(c.entities()) >= 4
    assert set(ents["entity_id"]) == {"Q399"}
    et = back.entity_table()
    assert et.iloc[0]["canonical"] == "Armenia" and et.iloc[0]["documents"] == len(ents)
    assert back.quotes()["speaker"].tolist() == ["Someone"] * 5
    assert len(back.similarity()) == 10 and back.similarity()["score"].eq(0.5).all()
    # other parameters: computed afresh from the stored documents table
    mh = back.similarity(method="minhash")
    assert list(mh.columns) == ["doc_a", "doc_b", "score"] and len(mh) > 0


def test_table_helper_and_conform():
    assert list(table(pc.Corpus(), "reuse").columns) == tables.columns("reuse")
    df = conform([("a", 0, 4, "Baku", "GPE")], "entities")
    assert df.loc[0, "canonical"] is pd.NA and df.loc[0, "end"] == 4
    assert str(df["doc_id"].dtype) == "string" and str(df["end"].dtype) == "Int64"
    et = entity_table_from(conform([("a", 0, 4, "Baku", "GPE"), ("b", 1, 5, "Baku", "GPE")], "entities"))
    assert et[["canonical", "mentions", "documents"]].values.tolist() == [["Baku", 2, 2]]
    assert et["aliases"].tolist() == [["Baku"]]


def test_failed_save_and_ingest_roll_back(seeds, tmp_path, monkeypatch):
    db = tmp_path / "c.duckdb"
    seeds.save(db)
    real = store.insert

    def failing(con, name, df):
        if name == "sentences":
            raise RuntimeError("disk on fire")
        return real(con, name, df)

    monkeypatch.setattr(store, "insert", failing)
    with pytest.raises(RuntimeError):
        pc.Corpus.from_texts(["Other text. Entirely."], ids=["z"]).save(db)
    src = tmp_path / "in"
    src.mkdir()
    (src / "new.txt").write_text("A new article. It has two sentences.", encoding="utf-8")
    with pytest.raises(RuntimeError):
        pc.ingest([src], db, progress=False)
    monkeypatch.setattr(store, "insert", real)
    back = pc.open(db)
    assert back.doc_ids == seeds.doc_ids
    _same(seeds.sentences(), back.sentences())


def test_ingest_duplicate_file_names(tmp_path):
    for sub in ("a", "b"):
        (tmp_path / sub).mkdir()
        word = {"a": "alpha", "b": "beta"}[sub]
        (tmp_path / sub / "same.txt").write_text(f"Text from folder {word}. Second sentence.", encoding="utf-8")
    r = pc.ingest([tmp_path / "a", tmp_path / "b"], tmp_path / "c.duckdb", progress=False)
    assert r.parsed == 1 and r.duplicates == [str(tmp_path / "b" / "same.txt")]
    assert pc.open(tmp_path / "c.duckdb")["same"].sentences[0].text == "Text from folder alpha."


def test_star_import_keeps_builtin_open():
    ns = {}
    exec("from peacecorpus import *", ns)
    assert "open" not in ns and pc.open is pc.corpus.open


def test_connections_draw_no_duckdb_progress_bar(seeds, tmp_path):
    """DuckDB's own bar would print on stderr for any query over 2 s (even
    off a terminal, as the CLI's `search` did at 100k documents)."""
    from peacecorpus import query
    db = tmp_path / "c.duckdb"
    seeds.save(db)
    con = store.connect(db, read_only=True)
    try:
        assert con.execute("SELECT current_setting('enable_progress_bar')").fetchone()[0] is False
    finally:
        con.close()
    for source in (db, seeds):
        with query.Tables(source) as t:
            assert t.con.execute("SELECT current_setting('enable_progress_bar')").fetchone()[0] is False
