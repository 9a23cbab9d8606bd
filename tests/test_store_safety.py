"""The store never touches a database it did not create, and every problem
with its file is a StoreError of one line naming the file, exit code 2 in
the CLI (issue #21 items 5, 6 and 9)."""
import shutil
import subprocess
import sys

import duckdb
import pytest

import peacecorpus as pc
from peacecorpus import store
from peacecorpus.cli import main
from peacecorpus.errors import StoreError

from conftest import SEEDS

ONE = sorted(SEEDS.glob("*.txt"))[0]


def _tables(path):
    con = duckdb.connect(str(path), read_only=True)
    try:
        return sorted(r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall())
    finally:
        con.close()


def _cli_fails(capsys, argv, *words):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("peacecorpus: "), err
    for w in words:
        assert w in err, err
    return err


@pytest.fixture(scope="module")
def stored(tmp_path_factory):
    db = tmp_path_factory.mktemp("stored") / "s.duckdb"
    pc.ingest(ONE, db, progress=False)
    return db


def test_foreign_database_is_refused_and_left_alone(tmp_path, capsys):
    db = tmp_path / "other.duckdb"
    con = duckdb.connect(str(db))
    con.execute("CREATE TABLE foo (x INTEGER)")
    con.execute("INSERT INTO foo VALUES (1)")
    con.close()
    with pytest.raises(StoreError, match="other.duckdb is not a peacecorpus store"):
        pc.ingest(ONE, db, progress=False)
    with pytest.raises(StoreError, match="other.duckdb is not a peacecorpus store"):
        pc.read_dir(SEEDS).save(db)
    with pytest.raises(StoreError, match="other.duckdb is not a peacecorpus store"):
        pc.open(db)
    _cli_fails(capsys, ["analyze", "-q", str(ONE), "--db", str(db)], "other.duckdb", "not a peacecorpus store")
    _cli_fails(capsys, ["report", "--db", str(db), "-o", str(tmp_path / "r.html")], "other.duckdb")
    assert _tables(db) == ["foo"]
    # a table of our names, or a meta table of another program
    for ddl in ("CREATE TABLE documents (id INTEGER)", "CREATE TABLE meta (k INTEGER)",
                "CREATE TABLE meta (key VARCHAR, value VARCHAR)"):
        other = tmp_path / "o2.duckdb"
        other.unlink(missing_ok=True)
        con = duckdb.connect(str(other))
        con.execute(ddl)
        con.close()
        before = _tables(other)
        with pytest.raises(StoreError, match="o2.duckdb is not a peacecorpus store"):
            pc.ingest(ONE, other, progress=False)
        assert _tables(other) == before


def test_an_empty_database_becomes_a_store(tmp_path):
    db = tmp_path / "empty.duckdb"
    duckdb.connect(str(db)).close()
    assert pc.ingest(ONE, db, progress=False).documents == 1


def test_schema_is_created_inside_the_transaction(tmp_path, monkeypatch):
    db = tmp_path / "new.duckdb"
    real = store.run
    created = []

    def failing(con, sql, params=None):
        if sql.startswith("CREATE TABLE"):
            created.append(sql)
            if len(created) == 3:
                raise RuntimeError("disk full")
        return real(con, sql, params)

    monkeypatch.setattr(store, "run", failing)
    with pytest.raises(RuntimeError, match="disk full"):
        pc.ingest(ONE, db, progress=False)
    monkeypatch.setattr(store, "run", real)
    assert not db.exists() or _tables(db) == []
    assert pc.ingest(ONE, db, progress=False).documents == 1


def test_locked_store(stored, tmp_path, capsys):
    holder = subprocess.Popen([sys.executable, "-c", "import duckdb, sys; c = duckdb.connect(sys.argv[1]); "
                               "print('ready', flush=True); sys.stdin.read()", str(stored)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        with pytest.raises(StoreError, match=r"s\.duckdb is in use by another process \(PID \d+\)"):
            pc.open(stored)
        with pytest.raises(StoreError, match="in use by another process"):
            pc.ingest(ONE, stored, progress=False)
        _cli_fails(capsys, ["analyze", "-q", str(ONE), "--db", str(stored)], "s.duckdb", "in use")
        _cli_fails(capsys, ["report", "--db", str(stored), "-o", str(tmp_path / "r.html")], "s.duckdb", "in use")
        _cli_fails(capsys, ["entities", "--db", str(stored)], "in use")
    finally:
        holder.stdin.close()
        holder.wait()  # it exits at the end of its stdin: no clock involved
    assert len(pc.open(stored)) == 1


def _damaged(stored, tmp_path, name, how):
    db = tmp_path / name
    shutil.copy(stored, db)
    data = bytearray(db.read_bytes())
    if how == "truncated":
        data = data[:len(data) // 3]
    elif how == "bit-flipped":
        for i in range(5000, len(data), 7919):
            data[i] ^= 0xFF
    else:
        data = bytearray(b"garbage, not a database\n")
    db.write_bytes(bytes(data))
    return db


@pytest.mark.parametrize("how", ["truncated", "bit-flipped", "garbage"])
def test_damaged_store(stored, tmp_path, capsys, how):
    db = _damaged(stored, tmp_path, "d.duckdb", how)
    with pytest.raises(StoreError, match="d.duckdb"):
        pc.open(db)
    with pytest.raises(StoreError, match="d.duckdb"):
        pc.ingest(ONE, db, progress=False)
    _cli_fails(capsys, ["report", "--db", str(db), "-o", str(tmp_path / "r.html")], "d.duckdb")
    _cli_fails(capsys, ["analyze", "-q", str(ONE), "--db", str(db)], "d.duckdb")
    _cli_fails(capsys, ["quotes", "--db", str(db)], "d.duckdb")


def test_other_schema_version(stored, tmp_path, capsys):
    db = tmp_path / "v.duckdb"
    shutil.copy(stored, db)
    con = duckdb.connect(str(db))
    con.execute("UPDATE meta SET value = 'abc' WHERE key = 'schema_version'")
    con.close()
    with pytest.raises(StoreError, match="v.duckdb: store schema version abc"):
        pc.open(db)
    with pytest.raises(StoreError, match="v.duckdb: store schema version abc"):
        pc.ingest(ONE, db, progress=False)
    _cli_fails(capsys, ["analyze", "-q", str(ONE), "--db", str(db)], "v.duckdb", "schema version abc")
    _cli_fails(capsys, ["similar", "--db", str(db)], "v.duckdb", "schema version abc")


def test_analyze_dot_never_reads_its_store(tmp_path, capsys, monkeypatch):
    shutil.copytree(SEEDS, tmp_path / "in")
    monkeypatch.chdir(tmp_path / "in")
    assert main(["analyze", "-q", "."]) == 0
    assert "corpus.duckdb: 5 parsed, 0 unchanged" in capsys.readouterr().out
    assert main(["analyze", "-q", "."]) == 0
    out = capsys.readouterr().out
    assert "corpus.duckdb: 0 parsed, 5 unchanged" in out
    assert "errors                  0" in out
    assert pc.open("corpus.duckdb").errors().empty
