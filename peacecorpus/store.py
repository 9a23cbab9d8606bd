"""The embedded store: a corpus in one DuckDB file (or a folder of Parquet files).

``Corpus.save("corpus.duckdb")`` writes a corpus; :func:`open` reads it back;
:func:`ingest` adds a folder of files incrementally (only new or changed files
are parsed, keyed by the SHA-256 of their bytes).  Every write is one
transaction: a write that is interrupted (Ctrl-C, ``kill -9``, a crash) leaves
the store exactly as it was before it started.

Tables (query them with SQL: ``duckdb.connect("corpus.duckdb", read_only=True)``):

==================  =========================================================================
documents           doc_id, content_hash, title, author, source, syndicated_from, published,
                    updated, citation, path, is_html, text, n_paragraphs, n_sentences,
                    n_tokens, n_words, n_removed, repairs, ingested_at
sentences           doc_id, sentence, start, end, paragraph, text
paragraphs          doc_id, paragraph, start, end, kind, text
removed             doc_id, item, reason, text, position, line   (boilerplate taken out)
entities            doc_id, start, end, text, label, canonical, entity_id, role, sentence, score
quotes              doc_id, start, end, quote, kind, speaker, speaker_mention, speaker_role, cue
similarity          doc_a, doc_b, score                      (TF-IDF cosine)
near_duplicates     doc_a, doc_b, jaccard_est, jaccard       (threshold 0.8)
duplicate_groups    group, doc_id
reuse               doc_a, a_start, a_end, doc_b, b_start, b_end, words, identity
errors              doc_id, path, reason, offset, message, content_hash
doc_data            doc_id, repairs_detail, html_meta, extra (JSON), paragraph/sentence/token
                    arrays (uint32 little-endian BLOBs) -- what re-materialises a Document
meta                key, value   (schema_version, parameters of the cross-document tables)
==================  =========================================================================

``start``/``end`` are Python ``str`` offsets into ``documents.text``; DuckDB's
``substring(text, start + 1, "end" - start)`` gives the same span.

:func:`open` reads the whole store into memory and closes the file (so the
CLI can keep writing to it while a notebook holds the corpus): documents are
re-materialised from their stored text and arrays -- no parsing -- and the
analysis tables are answered from what was stored, not recomputed.

>>> import peacecorpus as pc, tempfile, os
>>> db = os.path.join(tempfile.mkdtemp(), "c.duckdb")
>>> pc.Corpus.from_texts(["Talks resumed. Both sides attended."], ids=["a"]).save(db)
>>> pc.open(db).sentences()["text"].tolist()
['Talks resumed.', 'Both sides attended.']
"""
from __future__ import annotations

import datetime as _dt
import hashlib
import json
import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, Iterable, List, Optional, Sequence, Tuple, Union

import numpy as np
import pandas as pd

from . import _tables
from ._tables import CROSS_DOCUMENT, DEFAULT_ARGS, PER_DOCUMENT, SCHEMAS
from .corpus import Corpus, _parse_many
from .document import DEFAULT_MAX_BYTES, Document

PathLike = Union[str, os.PathLike]

#: Bumped when a table changes incompatibly; :func:`open` refuses other versions.
SCHEMA_VERSION = 1

_DOC_COLS: List[Tuple[str, str]] = [
    ("doc_id", "VARCHAR"), ("content_hash", "VARCHAR"), ("title", "VARCHAR"), ("author", "VARCHAR"),
    ("source", "VARCHAR"), ("syndicated_from", "VARCHAR"), ("published", "VARCHAR"),
    ("updated", "VARCHAR"), ("citation", "VARCHAR"), ("path", "VARCHAR"), ("is_html", "BOOLEAN"),
    ("text", "VARCHAR"), ("n_paragraphs", "BIGINT"), ("n_sentences", "BIGINT"), ("n_tokens", "BIGINT"),
    ("n_words", "BIGINT"), ("n_removed", "BIGINT"), ("repairs", "BIGINT"), ("ingested_at", "TIMESTAMP"),
]
_DATA_COLS: List[Tuple[str, str]] = [
    ("doc_id", "VARCHAR"), ("repairs_detail", "VARCHAR"), ("html_meta", "VARCHAR"), ("extra", "VARCHAR"),
    ("paragraph_arr", "BLOB"), ("sentence_arr", "BLOB"), ("token_arr", "BLOB"),
]
_ERR_COLS = SCHEMAS["errors"] + [("content_hash", "VARCHAR")]
_META_COLS = [("key", "VARCHAR"), ("value", "VARCHAR")]


def _all_schemas() -> Dict[str, List[Tuple[str, str]]]:
    out = {"documents": _DOC_COLS, "doc_data": _DATA_COLS, "errors": _ERR_COLS, "meta": _META_COLS}
    for name in PER_DOCUMENT + CROSS_DOCUMENT:
        out[name] = SCHEMAS[name]
    return out


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


class StoreError(RuntimeError):
    """The file is not a peacecorpus store, or one of another schema version."""


# -- connection and schema ----------------------------------------------------
def _connect(path: PathLike, read_only: bool = False):
    import duckdb
    if read_only and not Path(path).exists():
        raise FileNotFoundError(f"no store at {path}")
    return duckdb.connect(str(path), read_only=read_only)


def _run(con, sql: str, params: Optional[Sequence[Any]] = None) -> List[tuple]:
    """Execute and drain (DuckDB refuses new work while a result is unread)."""
    return con.execute(sql, params or []).fetchall()


def _ensure_schema(con) -> None:
    tables = {r[0] for r in _run(con, "SELECT table_name FROM information_schema.tables "
                                      "WHERE table_schema = 'main'")}
    if "meta" in tables:
        _check_version(con)
    for name, cols in _all_schemas().items():
        if name not in tables:
            ddl = ", ".join(f"{_q(c)} {t}" for c, t in cols)
            _run(con, f"CREATE TABLE {_q(name)} ({ddl})")
    if "meta" not in tables:
        _run(con, "INSERT INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)])


def _check_version(con) -> None:
    rows = _run(con, "SELECT value FROM meta WHERE key = 'schema_version'")
    if not rows:
        raise StoreError("not a peacecorpus store (no schema_version)")
    if int(rows[0][0]) != SCHEMA_VERSION:
        raise StoreError(f"store schema version {rows[0][0]}, this peacecorpus reads {SCHEMA_VERSION}")


def _set_meta(con, key: str, value: Any) -> None:
    _run(con, "DELETE FROM meta WHERE key = ?", [key])
    _run(con, "INSERT INTO meta VALUES (?, ?)", [key, json.dumps(value)])


def _insert(con, name: str, df: pd.DataFrame) -> None:
    if not len(df):
        return
    cols = [c for c, _ in _all_schemas()[name]]
    view = f"_pc_in_{name}"
    con.register(view, df[cols])
    try:
        collist = ", ".join(_q(c) for c in cols)
        _run(con, f"INSERT INTO {_q(name)} ({collist}) SELECT {collist} FROM {view}")
    finally:
        con.unregister(view)


def _delete_ids(con, ids: Sequence[str]) -> None:
    """Remove every row of these documents (documents, their tables, errors)."""
    if not ids:
        return
    con.register("_pc_ids", pd.DataFrame({"doc_id": pd.Series(list(ids), dtype=object)}))
    try:
        for name in ("documents", "doc_data", "errors") + PER_DOCUMENT:
            _run(con, f"DELETE FROM {_q(name)} WHERE doc_id IN (SELECT doc_id FROM _pc_ids)")
    finally:
        con.unregister("_pc_ids")


# -- corpus <-> frames ----------------------------------------------------------
def _text_hash(doc: Document) -> str:
    return "text:" + hashlib.sha256(doc.text.encode("utf-8", "surrogatepass")).hexdigest()


def _doc_frames(docs: Sequence[Document], hashes: Dict[str, str]) -> Dict[str, pd.DataFrame]:
    """documents + doc_data rows for ``docs``."""
    now = _dt.datetime.now(_dt.timezone.utc).replace(tzinfo=None)
    rows, data = [], []
    for d in docs:
        r = d.to_dict()
        r["content_hash"] = (hashes.get(d.doc_id) if d.doc_id is not None else None) or _text_hash(d)
        r["ingested_at"] = now
        rows.append(r)
        data.append({
            "doc_id": d.doc_id,
            "repairs_detail": json.dumps({k: int(v) for k, v in d.repairs.items()}),
            "html_meta": json.dumps(list(d.html_meta.items())),
            "extra": json.dumps(d.extra, default=str),
            "paragraph_arr": np.ascontiguousarray(d._para, dtype="<u4").tobytes(),
            "sentence_arr": np.ascontiguousarray(d._sent, dtype="<u4").tobytes(),
            "token_arr": np.ascontiguousarray(d._tok, dtype="<u4").tobytes(),
        })
    docs_df = pd.DataFrame(rows, columns=[c for c, _ in _DOC_COLS])
    for c, t in _DOC_COLS:
        if t == "BIGINT":
            docs_df[c] = docs_df[c].astype("Int64")
    return {"documents": docs_df, "doc_data": pd.DataFrame(data, columns=[c for c, _ in _DATA_COLS])}


def _per_doc_frames(corpus: Corpus) -> Dict[str, pd.DataFrame]:
    return {name: _tables.table(corpus, name) for name in PER_DOCUMENT}


def _cross_frames(corpus: Corpus) -> Dict[str, pd.DataFrame]:
    return {name: _tables.table(corpus, name, **DEFAULT_ARGS[name]) for name in CROSS_DOCUMENT}


def _error_frame(errors: Iterable[Dict[str, Any]], hashes: Dict[str, str]) -> pd.DataFrame:
    df = _tables.conform(list(errors), "errors")
    df["content_hash"] = [hashes.get(i) for i in df["doc_id"]]
    return df


def _documents_from(docs: pd.DataFrame, data: pd.DataFrame, removed: pd.DataFrame) -> List[Document]:
    """Re-materialise Documents from stored text, arrays and removed lines (no parsing)."""
    rm: Dict[str, List[tuple]] = {}
    if len(removed):
        removed = removed.sort_values(["doc_id", "item"], kind="stable")
        for doc_id, reason, text, pos, line in zip(removed["doc_id"], removed["reason"], removed["text"],
                                                   removed["position"], removed["line"]):
            rm.setdefault(doc_id, []).append((reason, text, int(pos), int(line)))
    by_id = {r["doc_id"]: r for r in data.to_dict("records")}
    out = []
    for row in docs.to_dict("records"):
        d = by_id[row["doc_id"]]
        raw = (row["text"], bytes(d["paragraph_arr"]), bytes(d["sentence_arr"]), bytes(d["token_arr"]),
               rm.get(row["doc_id"], []), [tuple(kv) for kv in json.loads(d["html_meta"])],
               json.loads(d["repairs_detail"]), bool(row["is_html"]))
        path = row["path"] if isinstance(row["path"], str) else None
        out.append(Document(raw, doc_id=row["doc_id"], path=path, extra=json.loads(d["extra"])))
    return out


class StoredCorpus(Corpus):
    """A :class:`Corpus` read from a store: its documents are re-materialised,
    and its analysis tables (entities, quotes, similarity, ...) are the stored
    ones.  Asking for a cross-document table with other parameters than the
    stored ones computes it afresh (when the method is available)."""

    def __init__(self, documents: Iterable[Document], errors: Iterable[Dict[str, Any]],
                 tables: Dict[str, pd.DataFrame], hashes: Dict[str, str],
                 params: Dict[str, Dict[str, Any]], source: str = "") -> None:
        super().__init__(documents, errors)
        self._tables = tables
        self._hashes = hashes
        self._params = params
        self.store_path = source
        for name in ("entities", "quotes"):
            t = tables.get(name)
            if t is None or not len(t):
                continue
            for doc_id, sub in t.groupby("doc_id", sort=False):
                try:
                    self[doc_id].__dict__.setdefault("_stored_tables", {})[name] = sub.reset_index(drop=True)
                except KeyError:
                    pass

    def _stored(self, name: str, kwargs: Dict[str, Any]) -> pd.DataFrame:
        """The stored table when ``kwargs`` are the parameters it was stored
        with; otherwise computed afresh by the Corpus method (if available)."""
        stored_args = self._params.get(name, DEFAULT_ARGS.get(name, {}))
        if all(k in stored_args and stored_args[k] == v for k, v in kwargs.items()):
            return self._tables[name].copy()
        meth = getattr(super(), name, None)
        if meth is None:
            raise ValueError(f"the store holds {name} computed with {stored_args or 'defaults'}; "
                             f"computing it with {kwargs} needs the analysis module")
        return _tables.conform(meth(**kwargs), name)

    def entities(self, **kwargs: Any) -> pd.DataFrame:  # type: ignore[override]
        """Entity mentions as stored: ``doc_id, start, end, text, label, canonical, entity_id, role, sentence``."""
        return self._stored("entities", kwargs)

    def entity_table(self, numeric: bool = False, **kwargs: Any) -> pd.DataFrame:
        """One row per entity, from the stored mentions (names only unless ``numeric``)."""
        if kwargs:
            return self._stored("entity_table", {"numeric": numeric, **kwargs})
        return _tables.entity_table_from(self._tables["entities"], numeric=numeric)

    def quotes(self, **kwargs: Any) -> pd.DataFrame:
        """Quotes as stored: ``doc_id, start, end, quote, kind, speaker, speaker_mention, speaker_role, cue``."""
        return self._stored("quotes", kwargs)

    def similarity(self, method: str = "tfidf", **kwargs: Any) -> pd.DataFrame:  # type: ignore[override]
        """Document pairs and their similarity ``doc_a, doc_b, score`` (stored: TF-IDF)."""
        return self._stored("similarity", {"method": method, **kwargs})

    def near_duplicates(self, threshold: float = 0.8, **kwargs: Any) -> pd.DataFrame:  # type: ignore[override]
        """Near-duplicate pairs ``doc_a, doc_b, jaccard_est, jaccard``."""
        return self._stored("near_duplicates", {"threshold": threshold, **kwargs})

    def duplicate_groups(self, **kwargs: Any) -> pd.DataFrame:  # type: ignore[override]
        """Clusters of near-duplicates ``group, doc_id``."""
        return self._stored("duplicate_groups", kwargs)

    def reuse(self, min_words: int = 8, **kwargs: Any) -> pd.DataFrame:
        """Reused passages ``doc_a, a_start, a_end, doc_b, b_start, b_end, words, identity``."""
        return self._stored("reuse", {"min_words": min_words, **kwargs})

    def __repr__(self) -> str:
        return super().__repr__()[:-1] + f" from {self.store_path}>"

    def _repr_html_(self) -> str:
        """The corpus summary plus the stored analyses: counts, top entities, top speakers."""
        from ._display import esc
        ents, quotes = self._tables["entities"], self._tables["quotes"]
        groups = self._tables["duplicate_groups"]
        counts = [("entity mentions", len(ents)), ("quotes", len(quotes)),
                  ("near-duplicate groups", groups["group"].nunique() if len(groups) else 0)]
        extra = "".join(f"<tr><td>{esc(k)}</td><td>{esc(v)}</td></tr>" for k, v in counts)
        top_e = _tables.entity_table_from(ents).head(8)
        top_s = quotes["speaker"].dropna().value_counts().head(8) if len(quotes) else pd.Series(dtype=int)
        lists = ""
        if len(top_e):
            lists += "<p><b>Top entities:</b> " + ", ".join(
                f"{esc(c)} ({esc(l)}, {m})" for c, l, m in zip(top_e["canonical"], top_e["label"], top_e["mentions"])) + "</p>"
        if len(top_s):
            lists += "<p><b>Top speakers:</b> " + ", ".join(f"{esc(k)} ({v})" for k, v in top_s.items()) + "</p>"
        base = super()._repr_html_()
        at = base.index("</table>")
        return (base[:at] + extra + base[at:at + len("</table>")] + lists + base[at + len("</table>"):]
                ).replace("<h3>Corpus</h3>", f"<h3>Corpus <small>{esc(self.store_path)}</small></h3>", 1)


def _corpus_from_frames(frames: Dict[str, pd.DataFrame], source: str) -> StoredCorpus:
    docs_df = frames["documents"].sort_values("doc_id", kind="stable").reset_index(drop=True)
    docs = _documents_from(docs_df, frames["doc_data"], frames["removed"])
    errs = frames["errors"]
    errors = [{k: (None if pd.isna(v) else v) for k, v in r.items()}
              for r in errs[[c for c, _ in SCHEMAS["errors"]]].to_dict("records")]
    tables = {name: _tables.conform(frames[name], name) for name in PER_DOCUMENT + CROSS_DOCUMENT}
    hashes = dict(zip(docs_df["doc_id"], docs_df["content_hash"]))
    meta = dict(zip(frames["meta"]["key"], frames["meta"]["value"]))
    params = {name: json.loads(meta.get(f"args.{name}", json.dumps(DEFAULT_ARGS[name])))
              for name in CROSS_DOCUMENT}
    return StoredCorpus(docs, errors, tables, hashes, params, source)


def _frames_from_corpus(corpus: Corpus) -> Dict[str, pd.DataFrame]:
    hashes = dict(getattr(corpus, "_hashes", {}) or {})
    frames = _doc_frames(list(corpus), hashes)
    frames.update(_per_doc_frames(corpus))
    frames.update(_cross_frames(corpus))
    frames["errors"] = _error_frame(corpus._errors, hashes)
    frames["meta"] = pd.DataFrame(
        [("schema_version", str(SCHEMA_VERSION))]
        + [(f"args.{n}", json.dumps(DEFAULT_ARGS[n])) for n in CROSS_DOCUMENT], columns=["key", "value"])
    return frames


# -- DuckDB ----------------------------------------------------------------------
def save(corpus: Corpus, path: PathLike) -> None:
    """Write ``corpus`` to a DuckDB file, replacing what the file held, in one
    transaction (an interrupted save leaves the previous content)."""
    frames = _frames_from_corpus(corpus)   # compute everything before touching the file
    con = _connect(path)
    try:
        _ensure_schema(con)
        _run(con, "BEGIN TRANSACTION")
        try:
            for name in _all_schemas():
                _run(con, f"DELETE FROM {_q(name)}")
            for name, df in frames.items():
                _insert(con, name, df)
            _run(con, "COMMIT")
        except BaseException:
            _run(con, "ROLLBACK")
            raise
    finally:
        con.close()


def _read_frames(con) -> Dict[str, pd.DataFrame]:
    _check_version(con)
    return {name: con.execute(f"SELECT * FROM {_q(name)}").df() for name in _all_schemas()}


def open(path: PathLike) -> StoredCorpus:  # noqa: A001 - mirrors builtins.open on purpose
    """Read a store written by :meth:`Corpus.save` or :func:`ingest`.

    >>> corpus = pc.open("corpus.duckdb")                      # doctest: +SKIP
    >>> corpus.quotes().groupby("speaker").size().nlargest(5)  # doctest: +SKIP
    """
    con = _connect(path, read_only=True)
    try:
        frames = _read_frames(con)
    finally:
        con.close()
    return _corpus_from_frames(frames, str(path))


# -- incremental ingest -----------------------------------------------------------
@dataclass
class IngestResult:
    """What one :func:`ingest` call did.  ``parsed`` counts documents that
    were actually read and parsed (0 when nothing changed)."""
    parsed: int = 0
    unchanged: int = 0
    errors: int = 0
    pruned: int = 0
    documents: int = 0
    seconds: float = 0.0
    duplicates: List[str] = field(default_factory=list)


def list_files(paths: Sequence[PathLike], pattern: str = "*") -> List[Path]:
    """Files under ``paths`` (folders are searched recursively, sorted)."""
    out: List[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(sorted(q for q in p.rglob(pattern) if q.is_file()))
        elif p.is_file():
            out.append(p)
        else:
            raise FileNotFoundError(f"no such file or folder: {p}")
    return out


def _write_batch(con, docs: List[Document], errors: List[Dict[str, Any]], hashes: Dict[str, str],
                 known: Optional[Iterable[str]] = None) -> None:
    """Replace the rows of one batch of parsed documents (inside the open
    transaction).  ``known``: ids the store may hold (None: any)."""
    ids = [d.doc_id for d in docs] + [e["doc_id"] for e in errors]
    if known is not None:
        ids = [i for i in ids if i in known]
    _delete_ids(con, ids)
    for name, df in _doc_frames(docs, hashes).items():
        _insert(con, name, df)
    for name, df in _per_doc_frames(Corpus(docs)).items():
        _insert(con, name, df)
    _insert(con, "errors", _error_frame(errors, hashes))


def _load_all_documents(con) -> List[Document]:
    docs = con.execute("SELECT * FROM documents ORDER BY doc_id").df()
    data = con.execute("SELECT * FROM doc_data").df()
    removed = con.execute("SELECT * FROM removed").df()
    return _documents_from(docs, data, removed)


def ingest(paths: Sequence[PathLike], db: PathLike, pattern: str = "*", *, progress: bool = True,
           max_bytes: int = DEFAULT_MAX_BYTES, batch_size: int = 256, prune: bool = False,
           n_jobs: Optional[int] = None) -> IngestResult:
    """Add files (or folders of files) to the store ``db``, incrementally.

    A file whose bytes hash (SHA-256) to what the store holds for its
    ``doc_id`` (the file name without extension) is skipped without being
    read twice or parsed; changed files replace their document and all its
    rows; new files are added.  When anything changed, the cross-document
    tables (similarity, near-duplicates, reuse) are recomputed over the whole
    store.  ``prune=True`` also removes documents whose file is no longer
    among ``paths``.  Everything happens in ONE transaction, so an
    interrupted ingest leaves the store as it was.

    >>> r = pc.ingest(["data/seeds"], "corpus.duckdb")        # doctest: +SKIP
    >>> r.parsed, r.unchanged                                 # doctest: +SKIP
    (5, 0)
    """
    t0 = time.perf_counter()
    files = list_files(paths, pattern)
    res = IngestResult()
    con = _connect(db)
    try:
        _ensure_schema(con)
        known = dict(_run(con, "SELECT doc_id, content_hash FROM documents UNION ALL "
                               "SELECT doc_id, content_hash FROM errors"))
        todo: List[Tuple[str, bytes, str, Dict[str, Any]]] = []
        hashes: Dict[str, str] = {}
        io_errors: List[Dict[str, Any]] = []
        seen = set()
        for f in files:
            doc_id = f.stem
            if doc_id in seen:
                res.duplicates.append(str(f))
                continue
            seen.add(doc_id)
            try:
                size = f.stat().st_size
                if max_bytes and size > max_bytes:
                    hashes[doc_id] = f"size:{size}:{f.stat().st_mtime_ns}"
                    if known.get(doc_id) != hashes[doc_id]:
                        io_errors.append({"doc_id": doc_id, "path": str(f), "reason": "too_large",
                                          "offset": max_bytes,
                                          "message": f"{size} bytes exceeds max_bytes={max_bytes}"})
                    else:
                        res.unchanged += 1
                    continue
                data = f.read_bytes()
            except OSError as exc:
                io_errors.append({"doc_id": doc_id, "path": str(f), "reason": "io", "offset": None,
                                  "message": str(exc)})
                continue
            h = hashlib.sha256(data).hexdigest()
            if known.get(doc_id) == h:
                res.unchanged += 1
                continue
            hashes[doc_id] = h
            todo.append((doc_id, data, str(f), {}))
        stale = sorted(set(known) - seen) if prune else []

        bar = None
        if progress and todo:
            from tqdm.auto import tqdm
            bar = tqdm(total=len(todo), unit="doc", file=sys.stderr, desc="ingest")
        _run(con, "BEGIN TRANSACTION")
        try:
            for i in range(0, len(todo), batch_size):
                chunk = todo[i:i + batch_size]
                docs, errs = _parse_many(chunk, n_jobs or os.cpu_count() or 1, max_bytes, False)
                res.parsed += len(chunk)
                res.errors += len(errs)
                _write_batch(con, docs, errs, hashes, known)
                if bar is not None:
                    bar.update(len(chunk))
            if io_errors:
                _delete_ids(con, [e["doc_id"] for e in io_errors])
                _insert(con, "errors", _error_frame(io_errors, hashes))
                res.errors += len(io_errors)
            if stale:
                _delete_ids(con, stale)
                res.pruned = len(stale)
            if todo or io_errors or stale:
                everything = Corpus(_load_all_documents(con))
                for name, df in _cross_frames(everything).items():
                    _run(con, f"DELETE FROM {_q(name)}")
                    _insert(con, name, df)
                for name in CROSS_DOCUMENT:
                    _set_meta(con, f"args.{name}", DEFAULT_ARGS[name])
                _set_meta(con, "last_ingest", _dt.datetime.now(_dt.timezone.utc).isoformat())
            _run(con, "COMMIT")
        except BaseException:
            _run(con, "ROLLBACK")
            raise
        finally:
            if bar is not None:
                bar.close()
        res.documents = _run(con, "SELECT count(*) FROM documents")[0][0]
    finally:
        con.close()
    res.seconds = time.perf_counter() - t0
    return res


# -- Parquet -----------------------------------------------------------------------
def to_parquet(corpus: Corpus, directory: PathLike) -> Path:
    """Write every table of ``corpus`` as ``<directory>/<table>.parquet``.

    The files are written to a temporary folder first and moved in place, so
    a reader never sees a half-written set."""
    out = Path(directory)
    frames = _frames_from_corpus(corpus)
    tmp = out.with_name(out.name + ".tmp-" + str(os.getpid()))
    tmp.mkdir(parents=True, exist_ok=True)
    for name, df in frames.items():
        _parquet_frame(df, name).to_parquet(tmp / f"{name}.parquet", index=False)
    out.mkdir(parents=True, exist_ok=True)
    for name in frames:
        os.replace(tmp / f"{name}.parquet", out / f"{name}.parquet")
    tmp.rmdir()
    return out


def _parquet_frame(df: pd.DataFrame, name: str) -> pd.DataFrame:
    """Object columns holding only None get a string type (pyarrow cannot type a null column usefully)."""
    df = df.copy()
    types = dict(_all_schemas()[name])
    for c in df.columns:
        if df[c].dtype == object and types.get(c) == "VARCHAR":
            df[c] = df[c].astype("string")
    return df


def read_parquet(directory: PathLike) -> StoredCorpus:
    """Read a folder written by :meth:`Corpus.to_parquet`."""
    d = Path(directory)
    if not (d / "documents.parquet").is_file():
        raise FileNotFoundError(f"no documents.parquet in {d}")
    frames = {}
    for name, cols in _all_schemas().items():
        f = d / f"{name}.parquet"
        df = pd.read_parquet(f) if f.is_file() else pd.DataFrame(columns=[c for c, _ in cols])
        for c in df.columns:
            if str(df[c].dtype) in ("string", "str"):
                df[c] = df[c].astype(object).where(df[c].notna(), None)
        frames[name] = df
    meta = dict(zip(frames["meta"]["key"], frames["meta"]["value"]))
    if int(meta.get("schema_version", -1)) != SCHEMA_VERSION:
        raise StoreError(f"parquet schema version {meta.get('schema_version')}, expected {SCHEMA_VERSION}")
    return _corpus_from_frames(frames, str(d))


__all__ = ["SCHEMA_VERSION", "StoreError", "StoredCorpus", "IngestResult", "save", "open", "ingest",
           "to_parquet", "read_parquet", "list_files"]
