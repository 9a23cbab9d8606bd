"""The embedded store: a corpus in one DuckDB file (or a folder of Parquet files).

A backend that persists the table cache of a :class:`~peacecorpus.Corpus`:
one DuckDB table per *stored* table of the registry
(:mod:`peacecorpus.tables`; ``python -m peacecorpus.tables`` lists them with
their columns), plus bookkeeping: ``documents`` and ``errors`` carry the
``content_hash`` of their input (what :func:`peacecorpus.ingest` compares),
``ordinal`` (the corpus order) and ``ingested_at``; ``meta`` holds the schema
version and the parameters the corpus tables were computed with.  Every write
is one transaction: a write that is interrupted (Ctrl-C, ``kill -9``, a
crash) leaves the store exactly as it was before it started.

Query it with SQL: ``duckdb.connect("corpus.duckdb", read_only=True)``.
``start``/``end`` are Python ``str`` offsets into ``documents.text``;
DuckDB's ``substring(text, start + 1, "end" - start)`` gives the same span.

>>> import peacecorpus as pc, tempfile, os
>>> db = os.path.join(tempfile.mkdtemp(), "c.duckdb")
>>> pc.Corpus.from_texts(["Talks resumed. Both sides attended."], ids=["a"]).save(db)
>>> pc.open(db).sentences()["text"].tolist()
['Talks resumed.', 'Both sides attended.']
"""
from __future__ import annotations

import contextlib
import datetime as _dt
import hashlib
import json
import os
import re
from pathlib import Path
from typing import Any, Dict, Iterable, Iterator, List, Optional, Sequence, Tuple, Union

import pandas as pd

from . import tables as _tables
from .errors import StoreError
from .tables import REGISTRY

PathLike = Union[str, "os.PathLike[str]"]

#: Bumped when a table changes incompatibly; :func:`read` refuses other versions.
SCHEMA_VERSION = 5  # 3: quotes.speaker_score; 4: documents.site_name/url/language/description/tags;
#                     5: doc_data rows in byte offsets (the engine's)

#: Columns the store adds to registry tables (not part of the corpus's tables).
BOOKKEEPING: Dict[str, List[Tuple[str, str]]] = {
    "documents": [("content_hash", "VARCHAR"), ("ordinal", "BIGINT"), ("ingested_at", "TIMESTAMPTZ")],
    "errors": [("content_hash", "VARCHAR"), ("ordinal", "BIGINT")],
}
_META = [("key", "VARCHAR"), ("value", "VARCHAR")]

__all__ = ["SCHEMA_VERSION", "StoreError", "BOOKKEEPING", "schemas", "save", "read", "to_parquet",
           "read_parquet", "connect", "text_hash"]


def schemas() -> Dict[str, List[Tuple[str, str]]]:
    """DuckDB schema of every table of the store: name -> [(column, SQL type)]."""
    out = {}
    for name in _tables.names(stored=True):
        cols = [(c, _tables.sql_type(k)) for c, k in REGISTRY[name].columns]
        out[name] = cols + BOOKKEEPING.get(name, [])
    out["meta"] = _META
    return out


def document_tables() -> List[str]:
    return _tables.names(_tables.DOCUMENT, stored=True)


def corpus_tables() -> List[str]:
    return _tables.names(_tables.CORPUS, stored=True)


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _lit(s: str) -> str:
    return "'" + s.replace("'", "''") + "'"


def text_hash(text: str) -> str:
    """Content hash of a document known only by its text (a corpus built in memory)."""
    return "text:" + hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


# -- connection and schema ----------------------------------------------------
def _one_line(text: str) -> str:
    """A message of DuckDB on one line, without its "IO Error: " prefix and
    with control characters escaped (it quotes file names)."""
    line = " ".join(str(text).split()) or "unknown error"
    line = re.sub(r"^(IO|IO Error|Serialization|Invalid Input|Catalog|Binder) Error: ", "", line)
    return line.encode("ascii", "backslashreplace").decode("ascii") if not line.isprintable() else line


def store_error(path: PathLike, exc: BaseException) -> StoreError:
    """The StoreError for a DuckDB (or our own) error on the file ``path``:
    one line that names the file and says what is wrong with it."""
    name = str(path)
    msg = _one_line(str(exc))
    if isinstance(exc, StoreError):
        if msg.startswith(name):
            return StoreError(msg)
        return StoreError(f"{name} is {msg}" if msg.startswith("not a ") else f"{name}: {msg}")
    if "lock" in msg.lower():
        pid = re.search(r"\(PID (\d+)\)", msg)
        who = f" (PID {pid.group(1)})" if pid else ""
        return StoreError(f"{name} is in use by another process{who}: try again when it has finished")
    if "not a valid DuckDB database file" in msg:
        return StoreError(f"{name} is not a DuckDB database (nor a peacecorpus store)")
    if re.search(r"corrupt|checksum|Could not read enough bytes|truncated|magic|Serialization", msg, re.I):
        return StoreError(f"{name} is damaged ({msg}); rebuild it with peacecorpus.ingest")
    return StoreError(f"{name}: {msg}")


@contextlib.contextmanager
def guarded(path: PathLike) -> Iterator[None]:
    """Turn DuckDB's errors (a lock, a damaged file) and our StoreErrors on
    ``path`` into one StoreError of one line naming the file."""
    import duckdb
    try:
        yield
    except (duckdb.Error, StoreError) as exc:
        raise store_error(path, exc) from None


def connect(path: PathLike, read_only: bool = False):
    """A DuckDB connection (UTC session time zone).  StoreError when the file
    cannot be opened (locked, damaged, not a database)."""
    import duckdb
    if read_only and not Path(path).exists():
        raise FileNotFoundError(f"no store at {path}")
    with guarded(path):
        con = duckdb.connect(str(path), read_only=read_only)
    session(con)
    return con


def session(con) -> None:
    """The settings of every peacecorpus connection (a store's or
    :class:`peacecorpus.query.Tables`' in-memory one): UTC session time zone,
    and DuckDB's own progress bar off -- it draws on stderr for queries over
    2 s, even off a terminal, and peacecorpus has its own (pc.progress).  In
    a Jupyter kernel without ipywidgets DuckDB refuses to change that setting
    at all (InvalidInputException); its bar is then left as it is."""
    import duckdb
    try:
        con.execute("SET TimeZone = 'UTC'")
    except Exception:  # pragma: no cover - DuckDB without ICU has UTC only
        pass
    try:
        con.execute("SET enable_progress_bar = false")
    except duckdb.Error:
        pass


def run(con, sql: str, params: Optional[Sequence[Any]] = None) -> List[tuple]:
    """Execute and drain (DuckDB refuses new work while a result is unread)."""
    return con.execute(sql, params or []).fetchall()


def _tables_of(con) -> List[str]:
    return sorted(r[0] for r in run(con, "SELECT table_name FROM information_schema.tables"))


def ensure_schema(con) -> None:
    """Create the missing tables (call inside the write transaction).  A
    database that holds anything and is not a peacecorpus store is refused
    (StoreError) before anything is written to it."""
    have = set(_tables_of(con))
    if have:
        check_version(con)
    for name, cols in schemas().items():
        if name not in have:
            ddl = ", ".join(f"{_q(c)} {t}" for c, t in cols)
            run(con, f"CREATE TABLE {_q(name)} ({ddl})")
    if "meta" not in have:
        run(con, "INSERT INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)])


def check_version(con) -> None:
    """StoreError unless the database is a peacecorpus store of this schema
    version (its ``meta`` table says so)."""
    import duckdb
    have = _tables_of(con)
    try:
        rows = run(con, "SELECT value FROM meta WHERE key = 'schema_version'") if "meta" in have else []
    except duckdb.Error:  # a meta table of another program
        rows = []
    if not rows:
        shown = ", ".join(have[:5]) + (", ..." if len(have) > 5 else "")
        raise StoreError(f"not a peacecorpus store (it has the tables {shown} and no peacecorpus schema "
                         "version): refusing to read or change it")
    if str(rows[0][0]) != str(SCHEMA_VERSION):
        raise StoreError(f"store schema version {rows[0][0]}, this peacecorpus reads {SCHEMA_VERSION}")


def set_meta(con, key: str, value: Any) -> None:
    run(con, "DELETE FROM meta WHERE key = ?", [key])
    run(con, "INSERT INTO meta VALUES (?, ?)", [key, json.dumps(value)])


def _arrow(df: pd.DataFrame, cols: Sequence[str]):
    import pyarrow as pa
    # no pandas metadata: the registry, not the file, says what the dtypes are
    return pa.Table.from_pandas(df[list(cols)], preserve_index=False).replace_schema_metadata(None)


def insert(con, name: str, df: pd.DataFrame) -> None:
    """Append ``df`` (its columns of the store schema) to table ``name``."""
    if not len(df):
        return
    cols = [c for c, _ in schemas()[name]]
    view = f"_pc_in_{name}"
    con.register(view, _arrow(df, cols))
    try:
        collist = ", ".join(_q(c) for c in cols)
        run(con, f"INSERT INTO {_q(name)} ({collist}) SELECT {collist} FROM {view}")
    finally:
        con.unregister(view)


def delete_ids(con, ids: Iterable[str]) -> None:
    """Remove every row of these documents (documents, their tables, errors)."""
    ids = list(ids)
    if not ids:
        return
    import pyarrow as pa
    con.register("_pc_ids", pa.table({"doc_id": pa.array(ids, type=pa.string())}))
    try:
        for name in document_tables():
            run(con, f"DELETE FROM {_q(name)} WHERE doc_id IN (SELECT doc_id FROM _pc_ids)")
    finally:
        con.unregister("_pc_ids")


def copy_document_tables(con, path: PathLike) -> None:
    """Append every document table of the store file ``path`` (a staging
    file of :func:`peacecorpus.ingest`) to the store of ``con``, in its row
    order, inside the caller's transaction."""
    run(con, f"ATTACH {_lit(str(path))} AS _pc_stage (READ_ONLY)")
    try:
        for name in document_tables():
            cols = ", ".join(_q(c) for c, _ in schemas()[name])
            run(con, f"INSERT INTO {_q(name)} ({cols}) SELECT {cols} FROM _pc_stage.{_q(name)}")
    finally:
        run(con, "DETACH _pc_stage")


def known(con) -> Dict[str, Tuple[Optional[str], int]]:
    """doc_id -> (content_hash, ordinal) of every stored document and error row."""
    rows = run(con, "SELECT doc_id, content_hash, ordinal FROM documents UNION ALL "
                    "SELECT doc_id, content_hash, ordinal FROM errors WHERE doc_id IS NOT NULL")
    return {r[0]: (r[1], int(r[2]) if r[2] is not None else -1) for r in rows}


def write_documents(con, frames: Dict[str, pd.DataFrame], hashes: Dict[str, str],
                    ordinals: Dict[str, int], now: Optional[_dt.datetime] = None) -> None:
    """Insert the document tables of some documents (and their error rows)
    with their bookkeeping; the caller deleted their previous rows.  An error
    row without a doc_id takes the ordinal after the previous row's."""
    now = now or _dt.datetime.now(_dt.timezone.utc)
    for name in document_tables():
        df = frames.get(name)
        if df is None or not len(df):
            continue
        if name in BOOKKEEPING:
            df = df.copy()
            ids = df["doc_id"].astype(object).where(df["doc_id"].notna(), None).tolist()
            df["content_hash"] = pd.array([hashes.get(i) if i is not None else None for i in ids],
                                          dtype=pd.StringDtype("pyarrow"))
            ords, last = [], max(ordinals.values(), default=-1)
            for i in ids:
                last = ordinals[i] if i is not None and i in ordinals else last + 1
                ords.append(last)
            df["ordinal"] = pd.array(ords, dtype="Int64")
            if name == "documents":
                df["ingested_at"] = pd.Timestamp(now).tz_convert("UTC")
        insert(con, name, df)


def replace_corpus_tables(con, frames: Dict[str, pd.DataFrame], params: Dict[str, Dict[str, Any]]) -> None:
    for name in corpus_tables():
        replace_corpus_table(con, name, frames[name], params.get(name))


def replace_corpus_table(con, name: str, df: pd.DataFrame, params: Optional[Dict[str, Any]] = None) -> None:
    """Replace the rows of corpus table ``name`` and the parameters it was computed with."""
    run(con, f"DELETE FROM {_q(name)}")
    insert(con, name, df)
    set_meta(con, f"args.{name}", params if params is not None else dict(REGISTRY[name].params))


def _to_pandas(tbl) -> pd.DataFrame:
    import pyarrow as pa
    mapping = {pa.int64(): pd.Int64Dtype(), pa.string(): pd.StringDtype("pyarrow"),
               pa.large_string(): pd.StringDtype("pyarrow")}
    return tbl.to_pandas(types_mapper=mapping.get)


def read_table(con, name: str, progress: Optional[bool] = False) -> pd.DataFrame:
    """A stored table in corpus order: document tables by their document's
    ordinal, then in the order their rows were written."""
    cols = ", ".join(f"t.{_q(c)}" for c in REGISTRY[name].column_names)
    if name in ("documents", "errors"):
        sql = f"SELECT {cols} FROM {_q(name)} t ORDER BY t.ordinal, t.rowid"
    elif REGISTRY[name].scope == _tables.DOCUMENT:
        sql = (f"SELECT {cols} FROM {_q(name)} t JOIN documents d ON d.doc_id = t.doc_id "
               f"ORDER BY d.ordinal, t.rowid")
    else:
        sql = f"SELECT {cols} FROM {_q(name)} t ORDER BY t.rowid"
    from . import _progress
    if not _progress.enabled(progress):
        rel = con.sql(sql)
        # DuckDB >= 1.4: to_arrow_table(); older: arrow()
        return _to_pandas(rel.to_arrow_table() if hasattr(rel, "to_arrow_table") else rel.arrow())
    import pyarrow as pa
    total = run(con, f"SELECT count(*) FROM {_q(name)}")[0][0]
    rel = con.sql(sql)
    reader = rel.to_arrow_reader(200_000) if hasattr(rel, "to_arrow_reader") else rel.fetch_arrow_reader(200_000)
    batches = []
    with _progress.bar(total, f"reading {name}", "row") as b:
        for rb in reader:
            batches.append(rb)
            b.update(rb.num_rows)
    return _to_pandas(pa.Table.from_batches(batches, schema=reader.schema))


def read_params(con) -> Dict[str, Dict[str, Any]]:
    meta = dict(run(con, "SELECT key, value FROM meta"))
    return {name: json.loads(meta[f"args.{name}"]) if f"args.{name}" in meta else dict(REGISTRY[name].params)
            for name in corpus_tables()}


def read_hashes(con) -> Dict[str, str]:
    return dict(run(con, "SELECT doc_id, content_hash FROM documents"))


# -- whole corpora -------------------------------------------------------------------
def _with_bookkeeping(frames: Dict[str, pd.DataFrame],
                      hashes: Optional[Dict[str, str]]) -> Tuple[Dict[str, str], Dict[str, int]]:
    docs = frames["documents"]
    hashes = dict(hashes or {})
    for i, t in zip(docs["doc_id"].tolist(), docs["text"].tolist()):
        hashes.setdefault(i, text_hash(t if isinstance(t, str) else ""))
    ordinals = {i: k for k, i in enumerate(docs["doc_id"].tolist())}
    for k, i in enumerate(frames["errors"]["doc_id"].tolist()):
        if isinstance(i, str):
            ordinals.setdefault(i, len(docs) + k)
    return hashes, ordinals


def save(frames: Dict[str, pd.DataFrame], params: Dict[str, Dict[str, Any]], path: PathLike,
         hashes: Optional[Dict[str, str]] = None) -> None:
    """Write a corpus's stored tables to a DuckDB file, replacing what the
    file held, in one transaction (an interrupted save leaves the previous
    content)."""
    hashes, ordinals = _with_bookkeeping(frames, hashes)
    con = connect(path)
    try:
        with guarded(path):
            run(con, "BEGIN TRANSACTION")
            try:
                ensure_schema(con)
                for name in schemas():
                    if name != "meta":
                        run(con, f"DELETE FROM {_q(name)}")
                from ._progress import bar
                with bar(2, "save", "step") as b:
                    write_documents(con, frames, hashes, ordinals)
                    b.update(1)
                    replace_corpus_tables(con, frames, params)
                    b.update(1)
                set_meta(con, "last_write", _dt.datetime.now(_dt.timezone.utc).isoformat())
                run(con, "COMMIT")
            except BaseException:
                run(con, "ROLLBACK")
                raise
    finally:
        con.close()


def read(path: PathLike) -> Tuple[Dict[str, pd.DataFrame], Dict[str, Dict[str, Any]], Dict[str, str]]:
    """Every stored table of a store, in corpus order, with the parameters of
    its corpus tables and the content hashes of its documents."""
    con = connect(path, read_only=True)
    try:
        with guarded(path):
            check_version(con)
            frames = {name: read_table(con, name) for name in _tables.names(stored=True)}
            return frames, read_params(con), read_hashes(con)
    finally:
        con.close()


class LazyReader:
    """Reads the tables of a store one at a time, on first use (``pc.open``
    reads none: the BBC store's all-pairs similarity table alone is 2.5M rows,
    1.7 s and 220 MB).  Each read opens the file read-only and closes it again,
    so an open corpus never holds the file; a store written since it was opened
    is refused (StoreError) rather than mixed with the tables already read."""

    def __init__(self, path: PathLike) -> None:
        self.path = path
        con = connect(path, read_only=True)
        try:
            with guarded(path):
                check_version(con)
                self.params = read_params(con)
                self.hashes = read_hashes(con)
        finally:
            con.close()
        self._stamp = self._stat()

    def _stat(self) -> Tuple[int, int, int]:
        st = os.stat(self.path)
        return st.st_ino, st.st_size, st.st_mtime_ns

    def names(self) -> List[str]:
        return _tables.names(stored=True)

    def __call__(self, name: str) -> pd.DataFrame:
        if self._stat() != self._stamp:
            raise StoreError(f"{self.path}: the store was written after it was opened; open it again")
        con = connect(self.path, read_only=True)
        try:
            with guarded(self.path):
                return read_table(con, name, progress=None)   # a bar on a terminal for a big table
        finally:
            con.close()


# -- Parquet -----------------------------------------------------------------------
def to_parquet(frames: Dict[str, pd.DataFrame], params: Dict[str, Dict[str, Any]],
               directory: PathLike, hashes: Optional[Dict[str, str]] = None) -> Path:
    """Write every stored table as ``<directory>/<table>.parquet`` (in corpus
    order) and ``meta.parquet``.  The files are written to a temporary folder
    first and moved in place, so a reader never sees a half-written set."""
    out = Path(directory)
    hashes, _ = _with_bookkeeping(frames, hashes)
    tmp = out.with_name(out.name + ".tmp-" + str(os.getpid()))
    tmp.mkdir(parents=True, exist_ok=True)
    meta = [("schema_version", str(SCHEMA_VERSION))] + [(f"args.{n}", json.dumps(params.get(n, {})))
                                                         for n in corpus_tables()]
    written = []
    for name, df in frames.items():
        if name == "documents":
            df = df.assign(content_hash=pd.array([hashes.get(i) for i in df["doc_id"].tolist()],
                                                 dtype=pd.StringDtype("pyarrow")))
        import pyarrow.parquet as pq
        pq.write_table(_arrow(df, df.columns), tmp / f"{name}.parquet")
        written.append(name)
    import pyarrow as pa
    import pyarrow.parquet as pq
    pq.write_table(pa.table({"key": [k for k, _ in meta], "value": [v for _, v in meta]}), tmp / "meta.parquet")
    out.mkdir(parents=True, exist_ok=True)
    for name in written + ["meta"]:
        os.replace(tmp / f"{name}.parquet", out / f"{name}.parquet")
    tmp.rmdir()
    return out


def read_parquet(directory: PathLike) -> Tuple[Dict[str, pd.DataFrame], Dict[str, Dict[str, Any]],
                                               Dict[str, str]]:
    """The tables of a folder written by :func:`to_parquet`."""
    import pyarrow.parquet as pq
    d = Path(directory)
    if not (d / "documents.parquet").is_file():
        raise FileNotFoundError(f"no documents.parquet in {d}")
    meta = dict(zip(*[pq.read_table(d / "meta.parquet").column(c).to_pylist() for c in ("key", "value")])) \
        if (d / "meta.parquet").is_file() else {}
    if str(meta.get("schema_version")) != str(SCHEMA_VERSION):
        raise StoreError(f"parquet schema version {meta.get('schema_version')}, expected {SCHEMA_VERSION}")
    frames = {}
    for name in _tables.names(stored=True):
        f = d / f"{name}.parquet"
        frames[name] = _to_pandas(pq.read_table(f)) if f.is_file() else _tables.empty(name)
    params = {n: json.loads(meta[f"args.{n}"]) if f"args.{n}" in meta else dict(REGISTRY[n].params)
              for n in corpus_tables()}
    docs = frames["documents"]
    hashes = dict(zip(docs["doc_id"].tolist(), docs["content_hash"].tolist())) if "content_hash" in docs else {}
    return frames, params, hashes
