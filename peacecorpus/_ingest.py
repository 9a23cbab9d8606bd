"""Incremental ingest of files into a store.

:func:`ingest` reads files with :mod:`peacecorpus.readers`, parses only the
new or changed ones (compared by the SHA-256 of their bytes), writes their
document tables, and then recomputes every corpus table (canonical names,
speakers, similarity, near-duplicates, reuse, stories ...) from *all* stored
document rows -- so a store filled one file at a time holds exactly what a
corpus built at once in memory computes.  The store changes in ONE
transaction: an interrupted ingest leaves the store as it was.

The parsed batches are committed one by one to a staging file next to the
store (``<db>.ingest-<pid>.tmp``, removed at the end) and copied into the
store by ``INSERT ... SELECT`` in the final transaction: thousands of small
appends inside one open DuckDB transaction keep all their rows in memory
(47 KB per news article: 4.7 GB at 100,000), the staged copy does not.
"""
from __future__ import annotations

import datetime as _dt
import hashlib
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, Iterable, List, Optional, Tuple, Union

from . import readers, store
from .corpus import Corpus
from .document import DEFAULT_MAX_BYTES

PathLike = Union[str, "os.PathLike[str]"]

__all__ = ["IngestResult", "ingest"]


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


def _is_store_file(f: Path, db: Path) -> bool:
    """The store itself (and DuckDB's write-ahead log) is never an article."""
    try:
        r = f.resolve()
    except OSError:
        return False
    return r == db or r == db.with_name(db.name + ".wal") or r.name.startswith(db.name + ".ingest-")


def _staging_path(db: Path) -> Path:
    """Where the parsed batches wait for the final transaction (next to the store)."""
    return db.with_name(f"{db.name}.ingest-{os.getpid()}.tmp")


def _remove_db_file(path: Path) -> None:
    for f in (path, path.with_name(path.name + ".wal")):
        try:
            f.unlink()
        except FileNotFoundError:
            pass


def ingest(paths: Union[PathLike, Iterable[PathLike]], db: PathLike, pattern: str = "*", *,
           progress: Optional[bool] = None, max_bytes: int = DEFAULT_MAX_BYTES, batch_size: int = 256,
           prune: bool = False, n_jobs: Optional[int] = None,
           language: Optional[Union[str, Iterable[str]]] = None) -> IngestResult:
    """Add files (or folders of files, searched recursively) to the store ``db``.
    ``language``: keep only documents in these languages, the others are
    ``errors`` rows (as in :func:`peacecorpus.read`); without it, a warning
    names the documents in other languages than English.

    A file whose bytes hash to what the store holds for its ``doc_id`` (its
    path below the folder without extension, see :func:`peacecorpus.readers.scan`)
    is skipped without being parsed; changed files replace their document
    and all its rows; new files are added after the stored ones.  When
    anything changed, every corpus table is recomputed over the whole store.
    ``prune=True`` also removes documents whose file is no longer among
    ``paths``.  ``paths`` is one path or a list of paths.

    >>> r = pc.ingest("data/seeds", "corpus.duckdb")          # doctest: +SKIP
    >>> r.parsed, r.unchanged                                 # doctest: +SKIP
    (5, 0)
    """
    t0 = time.perf_counter()
    db_path = Path(db).resolve()
    files = [(i, f) for i, f in readers.scan(paths, pattern) if not _is_store_file(f, db_path)]
    res = IngestResult()
    staging = _staging_path(db_path)
    con = store.connect(db)
    try:
        with store.guarded(db):
            store.run(con, "BEGIN TRANSACTION")
            try:
                store.ensure_schema(con)
                res = _ingest(con, files, res, progress, max_bytes, batch_size, prune, n_jobs, language,
                              staging)
                store.run(con, "COMMIT")
            except BaseException:
                store.run(con, "ROLLBACK")
                raise
            res.documents = store.run(con, "SELECT count(*) FROM documents")[0][0]
    finally:
        con.close()
        _remove_db_file(staging)
    res.seconds = time.perf_counter() - t0
    return res


def _ingest(con, files: List[Tuple[str, Path]], res: IngestResult, progress: Optional[bool], max_bytes: int,
            batch_size: int, prune: bool, n_jobs: Optional[int],
            language: Optional[Union[str, Iterable[str]]] = None,
            staging: Optional[Path] = None) -> IngestResult:
    known = store.known(con)
    next_ordinal = max((o for _, o in known.values()), default=-1) + 1
    todo: List[Tuple[str, Path, str]] = []
    seen: Dict[str, Path] = {}
    # a file of records (JSONL, CSV, Parquet, WARC) stores its documents as
    # "<file id>/<record>": they share the file's hash and go or stay with it
    members: Dict[str, List[str]] = {}
    for doc_id, f in files:
        if readers.is_container(f):
            members[doc_id] = [d for d in known if d.startswith(doc_id + "/")]
    for doc_id, f in files:
        if doc_id in seen:
            res.duplicates.append(str(f))
            continue
        seen[doc_id] = f
        try:
            st = f.stat()
            if max_bytes and st.st_size > max_bytes:
                h = f"size:{st.st_size}:{st.st_mtime_ns}"
            else:
                h = hashlib.sha256(f.read_bytes()).hexdigest()
        except OSError as exc:
            h = f"io:{exc}"
        if doc_id in members:
            if members[doc_id] and all(known[m][0] == h for m in members[doc_id]):
                res.unchanged += 1
                continue
        elif known.get(doc_id, (None,))[0] == h:
            res.unchanged += 1
            continue
        todo.append((doc_id, f, h))
    kept = set(seen).union(*(members[d] for d in seen if d in members))
    stale = sorted(set(known) - kept) if prune else []

    languages: List[Any] = []
    bar = None
    if todo:
        from ._progress import bar as _bar
        bar = _bar(len(todo), "ingest", "doc", progress)
    ordinals: Dict[str, int] = {}
    for doc_id, _, _ in todo:
        if doc_id in known and known[doc_id][1] >= 0:
            ordinals[doc_id] = known[doc_id][1]      # a changed document keeps its place
        else:
            ordinals[doc_id] = next_ordinal
            next_ordinal += 1
    hashes = {doc_id: h for doc_id, _, h in todo}
    now = _dt.datetime.now(_dt.timezone.utc)
    replaced_all: List[str] = []
    stage = None
    if todo:
        if staging is None:
            raise ValueError("ingest needs a staging file")
        _remove_db_file(staging)
        stage = store.connect(staging)
        store.ensure_schema(stage)
    try:
        for i in range(0, len(todo), batch_size):
            chunk = todo[i:i + batch_size]
            items: List[Any] = []
            replaced = [d for d, _, _ in chunk]
            for doc_id, f, h in chunk:
                got = readers.read_file(doc_id, f, max_bytes)
                if doc_id in members:
                    replaced += members[doc_id]
                    for it in got:
                        rid = it.doc_id if isinstance(it, readers.Input) else it.get("doc_id")
                        if rid is None or rid in hashes:
                            continue
                        hashes[rid] = h
                        replaced.append(rid)
                        if rid in known and known[rid][1] >= 0:
                            ordinals[rid] = known[rid][1]
                        else:
                            ordinals[rid] = next_ordinal
                            next_ordinal += 1
                items.extend(got)
            batch = Corpus._parsed(items, n_jobs, max_bytes, False, language)
            batch._language_checked = True  # one warning for the whole ingest, below
            frames = {name: batch._table(name, {}) for name in store.document_tables()}
            languages.extend(frames["documents"]["language"].tolist())
            res.parsed += len(chunk)
            res.errors += len(frames["errors"])
            replaced_all.extend(d for d in replaced if d in known)
            _write_batch(stage, frames, hashes, ordinals, now, replaced)
            if bar is not None:
                bar.update(len(chunk))
    finally:
        if bar is not None:
            bar.close()
        if stage is not None:
            stage.close()
    if todo and staging is not None:
        store.delete_ids(con, replaced_all)
        store.copy_document_tables(con, staging)
    if language is None and languages:
        import pandas as pd

        from .corpus import _warn_languages
        _warn_languages(pd.DataFrame({"language": languages}))
    if stale:
        store.delete_ids(con, stale)
        res.pruned = len(stale)
    if todo or stale:
        update_corpus_tables(con)
        store.set_meta(con, "last_ingest", now.isoformat())
    return res


def _write_batch(stage, frames, hashes, ordinals, now, ids) -> None:
    """Stage the rows of one batch of documents (committed to the staging
    file; ``ids``, the documents they replace, are deleted from the store in
    the final transaction)."""
    store.write_documents(stage, frames, hashes, ordinals, now)


def update_corpus_tables(con) -> None:
    """Recompute every corpus table from all stored document rows (inside the
    open transaction).  The document tables are read when a corpus table
    needs them (sentences, paragraphs and removed text never are), and each
    corpus table is written as soon as it is computed."""
    from .corpus import _StoredTables
    from .tables import REGISTRY
    everything = Corpus(tables={}, hashes=store.read_hashes(con))
    everything._cache = _StoredTables(_InTransaction(con))  # type: ignore[arg-type]
    for name in everything._cache._pending:
        everything._params[name] = dict(REGISTRY[name].params)
    for name in store.corpus_tables():
        store.replace_corpus_table(con, name, everything._table(name, {}))


class _InTransaction:
    """The document tables of the store, read through the open write
    transaction (a :class:`peacecorpus.store.LazyReader` for ingest)."""

    def __init__(self, con) -> None:
        self.con = con

    def names(self) -> List[str]:
        return [n for n in store.document_tables() if n != "doc_data"]

    def __call__(self, name: str) -> Any:
        return store.read_table(self.con, name)
