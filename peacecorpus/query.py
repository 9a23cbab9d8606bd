"""Bounded questions to a corpus, each one SQL query on DuckDB.

The command line, the plots and the report ask the same questions -- the
most mentioned entities, a speaker's quotes, a document's neighbours, the
entities of one period -- and never load a whole table to answer them.
:class:`Tables` is a DuckDB connection that sees a corpus's tables under
their registry names (:mod:`peacecorpus.tables`): the tables of a store file
(read-only, nothing loaded into Python), or those of a :class:`~peacecorpus.Corpus`
in memory (handed to DuckDB as Arrow, without copying).  ``documents`` has
an ``ordinal`` column (the corpus order) on both.  Each question is a
function that takes a :class:`Tables`, optional :class:`Filters` and a
``limit``, and returns a DataFrame; :meth:`Tables.stream` yields a large
answer in batches.

>>> import peacecorpus as pc
>>> from peacecorpus import query
>>> t = query.Tables("corpus.duckdb")                              # doctest: +SKIP
>>> query.entities(t, query.Filters(labels=["person"]), limit=5)   # doctest: +SKIP
"""
from __future__ import annotations

import datetime as _dt
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, Iterator, List, Optional, Sequence, Tuple

import pandas as pd

from . import tables as _tables
from .errors import PeacecorpusError
from .store import _lit, _q
from .tables import NUMERIC_LABELS, REGISTRY

__all__ = ["Tables", "Filters", "QueryError", "UnknownDocument", "LABELS", "normalise_labels", "summary", "entities",
           "mentions", "quotes", "similar", "search", "label_counts", "speakers", "entity_by_period",
           "cooccurrence", "most_similar_documents", "documents_index"]

#: Entity labels (OntoNotes', as the tagger and the gazetteers use them).
LABELS = ("PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE",
          "DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL")


class QueryError(PeacecorpusError, ValueError):
    """A question asked with a value it cannot take (an unknown label, a
    date that is not one, a negative limit): the CLI prints it and exits 2."""


class UnknownDocument(QueryError, KeyError):
    """A doc_id that is not in the corpus."""

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0]) if self.args else ""


class Tables:
    """A DuckDB connection over a corpus's tables.

    ``source`` is the path of a store (:func:`peacecorpus.ingest`,
    :meth:`Corpus.save`), opened read-only, or a corpus object: its tables
    are handed to DuckDB when a query first names them (a table a Corpus
    has not computed yet is computed then; one it read from a store is read
    by DuckDB from the file).  Close it (or use ``with``) when done.
    """

    def __init__(self, source: Any) -> None:
        import duckdb
        self._corpus = None
        self._registered: set = set()
        self._store: Optional[str] = None
        if isinstance(source, (str, os.PathLike)):
            from . import store
            path = Path(source)
            if not path.exists():
                raise FileNotFoundError(f"no store at {path}")
            self.con = store.connect(path, read_only=True)
            try:
                with store.guarded(path):     # one line naming the file (a foreign, damaged or newer store)
                    store.check_version(self.con)
            except BaseException:
                self.con.close()
                raise
            self.name = str(path)
        else:
            self._corpus = source
            self.con = duckdb.connect(":memory:")
            from .store import session
            session(self.con)
            self.name = str(getattr(source, "source", None) or "corpus")
            src = getattr(source, "source", None)
            if isinstance(src, str) and Path(src).is_file() and not Path(src).is_dir():
                try:
                    self.con.execute(f"ATTACH {_lit(src)} AS pc_store (READ_ONLY)")
                    self._store = src
                except Exception:
                    self._store = None

    # -- the corpus's tables as views ------------------------------------------------------------
    def _need(self, sql: str) -> None:
        if self._corpus is None:
            return
        for name in REGISTRY:
            if name not in self._registered and re.search(rf"\b{name}\b", sql):
                self._register(name)

    def _register(self, name: str) -> None:
        corpus = self._corpus
        cached = getattr(corpus, "_cache", {})
        params = getattr(corpus, "_params", {})
        spec = REGISTRY[name]
        fresh = name in cached and params.get(name, dict(spec.params)) == {**spec.params, **params.get(name, {})}
        if self._store and spec.stored and not (fresh and getattr(corpus, "_docs", None) is not None):
            # the store the corpus came from: DuckDB reads it, Python loads nothing
            self.con.execute(f"CREATE VIEW {_q(name)} AS SELECT * FROM pc_store.{_q(name)}")
        else:
            df = _tables.table(corpus, name)
            if name in ("documents", "errors"):   # as the store keeps them: with the corpus order
                df = df.assign(ordinal=range(len(df)))
            from .store import _arrow
            self.con.register(f"_pc_{name}", _arrow(df, list(df.columns)))
            self.con.execute(f"CREATE VIEW {_q(name)} AS SELECT * FROM _pc_{name}")
        self._registered.add(name)

    # -- running --------------------------------------------------------------------------------
    def _rel(self, sql: str, params: Sequence[Any]) -> Any:
        self._need(sql)
        return self.con.sql(sql, params=list(params) or None)

    def sql(self, sql: str, params: Sequence[Any] = ()) -> pd.DataFrame:
        """Run ``sql`` and return every row as a DataFrame (registry dtypes)."""
        from .store import _to_pandas
        rel = self._rel(sql, params)
        # DuckDB >= 1.4: to_arrow_table(); older: arrow()
        return _to_pandas(rel.to_arrow_table() if hasattr(rel, "to_arrow_table") else rel.arrow())

    def stream(self, sql: str, params: Sequence[Any] = (), batch: int = 10_000) -> Iterator[pd.DataFrame]:
        """The rows of ``sql`` in DataFrames of at most ``batch`` rows, read as they are needed."""
        import pyarrow as pa
        from .store import _to_pandas
        rel = self._rel(sql, params)
        reader = rel.to_arrow_reader(batch) if hasattr(rel, "to_arrow_reader") else rel.fetch_arrow_reader(batch)
        for rb in reader:
            yield _to_pandas(pa.Table.from_batches([rb]))

    def scalar(self, sql: str, params: Sequence[Any] = ()) -> Any:
        self._need(sql)
        rows = self.con.execute(sql, list(params)).fetchall()
        return rows[0][0] if rows else None

    def has_document(self, doc_id: str) -> bool:
        return bool(self.scalar("SELECT count(*) FROM documents WHERE doc_id = ?", [doc_id]))

    def check_documents(self, doc_ids: Sequence[str]) -> None:
        """Raise :class:`UnknownDocument` naming the first id that is not in the corpus."""
        for d in doc_ids:
            if not self.has_document(d):
                n = self.scalar("SELECT count(*) FROM documents")
                raise UnknownDocument(f"no document {d!r} in {self.name} ({n:,} documents; "
                                      f"'peacecorpus search WORDS' lists ids)")

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> "Tables":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()


# -- filters --------------------------------------------------------------------------------------
def normalise_labels(labels: Sequence[str]) -> List[str]:
    """Labels in upper case; an unknown one raises ValueError listing the known ones."""
    out = []
    for label in labels:
        up = str(label).strip().upper()
        if up not in LABELS:
            raise QueryError(f"unknown label {label!r}: labels are {', '.join(LABELS)} (any case)")
        out.append(up)
    return out


def _period(value: Optional[str], what: str) -> Optional[Tuple[_dt.date, _dt.date]]:
    """The first day of a date, month (``2023-09``) or year (``2023``) and
    the first day after it."""
    if value is None:
        return None
    m = re.fullmatch(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", str(value).strip())
    try:
        if not m:
            raise ValueError
        y, mo, d = int(m[1]), int(m[2] or 1), int(m[3] or 1)
        first = _dt.date(y, mo, d)
        if m[3]:
            after = first + _dt.timedelta(days=1)
        elif m[2]:
            after = _dt.date(y + (mo == 12), mo % 12 + 1, 1)
        else:
            after = _dt.date(y + 1, 1, 1)
    except ValueError:
        raise QueryError(f"{what} must be a date like 2023-09-19, 2023-09 or 2023, not {value!r}") from None
    return first, after


@dataclass(frozen=True)
class Filters:
    """What a question is restricted to.  ``labels`` are entity labels (any
    case); ``doc_ids`` documents; ``source`` a case-insensitive part of the
    document's source or site name; ``since``/``until`` publication dates
    (ISO, inclusive; ``2023-09`` is the first of the month); ``speaker`` a
    case-insensitive part of a speaker's name; ``kinds`` quote kinds."""
    labels: Sequence[str] = ()
    doc_ids: Sequence[str] = ()
    source: Optional[str] = None
    since: Optional[str] = None
    until: Optional[str] = None
    speaker: Optional[str] = None
    kinds: Sequence[str] = ()

    def documents_where(self, d: str = "d") -> Tuple[List[str], List[Any]]:
        """WHERE clauses on the documents table (alias ``d``) and their parameters."""
        where: List[str] = []
        params: List[Any] = []
        if self.doc_ids:
            where.append(f"{d}.doc_id IN ({', '.join('?' for _ in self.doc_ids)})")
            params += list(self.doc_ids)
        if self.source:
            where.append(f"(coalesce({d}.source, '') ILIKE ? OR coalesce({d}.site_name, '') ILIKE ?)")
            params += [f"%{_like(self.source)}%"] * 2
        since, until = _period(self.since, "since"), _period(self.until, "until")
        if since:
            where.append(f"{d}.published >= CAST(? AS TIMESTAMPTZ)")
            params.append(since[0].isoformat())
        if until:
            where.append(f"{d}.published < CAST(? AS TIMESTAMPTZ)")
            params.append(until[1].isoformat())
        return where, params

    @property
    def on_documents(self) -> bool:
        return bool(self.doc_ids or self.source or self.since or self.until)


#: No restriction (the default of every question).
NO_FILTERS = Filters()

def _like(s: str) -> str:
    """A user's text inside ILIKE '%...%': wildcards taken literally."""
    return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _where(clauses: List[str]) -> str:
    return (" WHERE " + " AND ".join(clauses)) if clauses else ""


def _limit(limit: Optional[int]) -> str:
    if limit is None:
        return ""
    if int(limit) < 0:
        raise QueryError(f"limit must be >= 0, not {limit}")
    return f" LIMIT {int(limit)}"


# -- questions --------------------------------------------------------------------------------------
def summary(t: Tables) -> Dict[str, int]:
    """Counts: documents, paragraphs, sentences, tokens, removed lines, repairs,
    errors, entity mentions and distinct entities, quotes and speakers,
    near-duplicate groups, stories."""
    d = t.sql("SELECT count(*) AS documents, coalesce(sum(n_paragraphs), 0) AS paragraphs, "
              "coalesce(sum(n_sentences), 0) AS sentences, coalesce(sum(n_tokens), 0) AS tokens, "
              "coalesce(sum(n_removed), 0) AS removed_lines, coalesce(sum(repairs), 0) AS repairs FROM documents")
    out = {k: int(v) for k, v in d.iloc[0].items()}
    out["errors"] = int(t.scalar("SELECT count(*) FROM errors"))
    e = t.sql("SELECT count(*) AS n, count(DISTINCT coalesce(canonical, text)) AS k FROM entities")
    out["entities"], out["distinct_entities"] = int(e["n"].iloc[0]), int(e["k"].iloc[0])
    q = t.sql("SELECT count(*) AS n, count(DISTINCT speaker) AS k FROM quotes")
    out["quotes"], out["speakers"] = int(q["n"].iloc[0]), int(q["k"].iloc[0])
    out["duplicate_groups"] = int(t.scalar('SELECT count(DISTINCT "group") FROM duplicate_groups'))
    return out


def entities(t: Tables, f: Filters = NO_FILTERS, limit: Optional[int] = None, numeric: bool = False,
             order: str = "mentions") -> pd.DataFrame:
    """One row per canonical entity: ``canonical, label, entity_id, mentions,
    documents, aliases``, most mentioned first (``order="documents"``: in
    most documents first).  Names only unless ``numeric`` or a numeric label
    is asked for."""
    labels = normalise_labels(f.labels)
    first = "documents DESC, mentions DESC" if order == "documents" else "mentions DESC, documents DESC"
    if not f.on_documents and not numeric and not set(labels) & set(NUMERIC_LABELS):
        # the stored entity_table already holds these rows (one per canonical name entity, computed at
        # ingest): a read of a few thousand rows instead of a GROUP BY over every mention (4M at 100k)
        where = [f"label IN ({', '.join('?' for _ in labels)})"] if labels else []
        return t.sql(f"SELECT canonical, label, entity_id, mentions, documents, aliases FROM entity_table"
                     f"{_where(where)} ORDER BY {first}, canonical, label{_limit(limit)}", list(labels))
    return _entities_from_mentions(t, f, labels, limit, numeric, first)


def _entities_from_mentions(t: Tables, f: Filters, labels: List[str], limit: Optional[int], numeric: bool,
                            first: str) -> pd.DataFrame:
    """:func:`entities` aggregated from the mentions (document filters, numeric labels)."""
    where, params = [], []
    if labels:
        where.append(f"e.label IN ({', '.join('?' for _ in labels)})")
        params += labels
    elif not numeric:
        where.append(f"e.label NOT IN ({', '.join(_lit(x) for x in sorted(NUMERIC_LABELS))})")
    join = ""
    if f.on_documents:
        dw, dp = f.documents_where()
        join = " JOIN documents d ON d.doc_id = e.doc_id"
        where += dw
        params += dp
    sql = ("SELECT coalesce(e.canonical, e.text) AS canonical, e.label, e.entity_id, count(*) AS mentions, "
           "count(DISTINCT e.doc_id) AS documents, list_sort(list(DISTINCT e.text)) AS aliases "
           f"FROM entities e{join}{_where(where)} GROUP BY ALL ORDER BY {first}, canonical, label{_limit(limit)}")
    return t.sql(sql, params)


def _mentions_sql(f: Filters, limit: Optional[int]) -> Tuple[str, List[Any]]:
    labels = normalise_labels(f.labels)
    where, params = f.documents_where()
    if labels:
        where.append(f"e.label IN ({', '.join('?' for _ in labels)})")
        params += labels
    cols = ", ".join(f"e.{_q(c)}" for c in _tables.columns("entities"))
    return (f"SELECT {cols} FROM entities e JOIN documents d ON d.doc_id = e.doc_id{_where(where)} "
            f"ORDER BY d.ordinal, e.start, e.\"end\"{_limit(limit)}", params)


def mentions(t: Tables, f: Filters = NO_FILTERS, limit: Optional[int] = None) -> pd.DataFrame:
    """Entity mentions (the ``entities`` table's rows) in corpus order."""
    return t.sql(*_mentions_sql(f, limit))


QUOTE_COLUMNS = ["doc_id", "speaker", "speaker_role", "kind", "cue", "quote", "start", "end"]


def _quotes_sql(f: Filters, limit: Optional[int]) -> Tuple[str, List[Any]]:
    where, params = f.documents_where()
    if f.speaker:
        where.append("coalesce(q.speaker, '') ILIKE ?")
        params.append(f"%{_like(f.speaker)}%")
    if f.kinds:
        where.append(f"q.kind IN ({', '.join('?' for _ in f.kinds)})")
        params += [str(k).lower() for k in f.kinds]
    cols = ", ".join(f"q.{_q(c)}" for c in QUOTE_COLUMNS)
    return (f"SELECT {cols} FROM quotes q JOIN documents d ON d.doc_id = q.doc_id{_where(where)} "
            f"ORDER BY d.ordinal, q.start{_limit(limit)}", params)


def quotes(t: Tables, f: Filters = NO_FILTERS, limit: Optional[int] = None) -> pd.DataFrame:
    """Quotes (``doc_id, speaker, speaker_role, kind, cue, quote, start, end``) in corpus order."""
    return t.sql(*_quotes_sql(f, limit))


def _similar_sql(doc_id: Optional[str], min_score: float, limit: Optional[int]) -> Tuple[str, List[Any]]:
    if doc_id is None:
        return ("SELECT doc_a, doc_b, score FROM similarity WHERE score >= ? "
                f"ORDER BY score DESC, doc_a, doc_b{_limit(limit)}", [min_score])
    # the pairs as stored (doc_a < doc_b), so the columns are those of the whole table; title is the neighbour's
    return ("SELECT s.doc_a, s.doc_b, s.score, d.title FROM similarity s LEFT JOIN documents d "
            "ON d.doc_id = CASE WHEN s.doc_a = ? THEN s.doc_b ELSE s.doc_a END "
            "WHERE (s.doc_a = ? OR s.doc_b = ?) AND s.score >= ? "
            f"ORDER BY s.score DESC, s.doc_a, s.doc_b{_limit(limit)}", [doc_id, doc_id, doc_id, min_score])


def similar(t: Tables, doc_id: Optional[str] = None, min_score: float = 0.0,
            limit: Optional[int] = None) -> pd.DataFrame:
    """The stored similarity (each document's top_k neighbours): with
    ``doc_id`` the pairs it is in ``doc_a, doc_b, score, title`` (the
    neighbour's title), best first; without, the most similar pairs ``doc_a, doc_b, score``."""
    if doc_id is not None:
        t.check_documents([doc_id])
    return t.sql(*_similar_sql(doc_id, min_score, limit))


def _search_sql(words: str, f: Filters, limit: Optional[int], context: int = 60) -> Tuple[str, List[Any]]:
    if not words or not words.strip():
        raise QueryError("search needs some words")
    where, params = f.documents_where()
    # a search is case-insensitive on the cleaned text and the title
    where.append("(d.text ILIKE ? OR coalesce(d.title, '') ILIKE ?)")
    pat = f"%{_like(words.strip())}%"
    needle = words.strip().lower()
    sql = ("SELECT d.doc_id, d.title, d.source, d.published, "
           "(length(lower(d.text)) - length(replace(lower(d.text), ?, ''))) // length(?) AS hits, "
           "CASE WHEN instr(lower(d.text), ?) > 0 THEN "
           f"substring(d.text, greatest(instr(lower(d.text), ?) - {context}, 1), length(?) + {2 * context}) "
           "ELSE NULL END AS snippet "
           f"FROM documents d{_where(where)} ORDER BY d.ordinal{_limit(limit)}")
    return sql, [needle, needle, needle, needle, needle] + params + [pat, pat]


def search(t: Tables, words: str, f: Filters = NO_FILTERS, limit: Optional[int] = None) -> pd.DataFrame:
    """Documents whose text or title contains ``words`` (case-insensitive):
    ``doc_id, title, source, published, hits, snippet``, in corpus order."""
    return t.sql(*_search_sql(words, f, limit))


def label_counts(t: Tables) -> pd.DataFrame:
    """Mentions per label, most first: ``label, mentions``."""
    return t.sql("SELECT label, count(*) AS mentions FROM entities GROUP BY label ORDER BY mentions DESC, label")


def speakers(t: Tables, limit: Optional[int] = 100) -> pd.DataFrame:
    """Speakers with ``quotes, documents, kinds`` (counts per kind as
    ``direct 3; indirect 2``) and their most frequent roles, most quoted first;
    unattributed quotes are one row ``(unattributed)``."""
    return t.sql(
        "WITH q AS (SELECT coalesce(speaker, '(unattributed)') AS speaker, doc_id, kind, speaker_role FROM quotes), "
        "r AS (SELECT speaker, speaker_role AS role, count(*) AS n FROM q WHERE speaker_role IS NOT NULL "
        "GROUP BY ALL), "
        "k AS (SELECT speaker, kind, count(*) AS n FROM q GROUP BY ALL) "
        "SELECT q.speaker, count(*) AS quotes, count(DISTINCT q.doc_id) AS documents, "
        "(SELECT string_agg(kind || ' ' || n, '; ' ORDER BY n DESC, kind) FROM k WHERE k.speaker = q.speaker) "
        "AS kinds, (SELECT list(role ORDER BY n DESC, length(role), role) FROM r WHERE r.speaker = q.speaker) "
        "AS roles FROM q GROUP BY q.speaker ORDER BY quotes DESC, documents DESC, q.speaker" + _limit(limit))


def entity_by_period(t: Tables, names: Sequence[str], by: str, bins: int = 40) -> Tuple[pd.DataFrame, List[str]]:
    """Mentions of the entities ``names`` (canonical, else text) per column of
    documents: ``by="document"`` one column per document, ``"month"`` per
    publication month, ``"source"`` per source, ``"bin"`` consecutive runs
    of documents in corpus order (``bins`` of them).  Returns the long table
    ``name, column, mentions`` and the columns in order."""
    if not names:
        return pd.DataFrame({"name": [], "column": [], "mentions": []}), []
    keys = {"document": "d.doc_id",
            "month": "coalesce(strftime(d.published, '%Y-%m'), 'undated')",
            "source": "coalesce(d.source, d.site_name, 'unknown')"}
    if by == "bin":
        n = int(t.scalar("SELECT count(*) FROM documents"))
        size = max(1, -(-n // bins))
        col = (f"'documents ' || lpad(CAST(d.ordinal // {size} * {size} + 1 AS VARCHAR), {len(str(n))}, '0') "
               f"|| '-' || CAST(least(d.ordinal // {size} * {size} + {size}, {n}) AS VARCHAR)")
        order = "min(d.ordinal)"
    else:
        col = keys[by]
        order = "min(d.ordinal)" if by == "document" else "min(" + col + ")"
    marks = ", ".join("?" for _ in names)
    sql = (f"SELECT coalesce(e.canonical, e.text) AS name, {col} AS \"column\", count(*) AS mentions, "
           f"{order} AS pos FROM entities e JOIN documents d ON d.doc_id = e.doc_id "
           f"WHERE coalesce(e.canonical, e.text) IN ({marks}) GROUP BY ALL")
    df = t.sql(sql, list(names))
    cols = df.groupby("column")["pos"].min().sort_values(kind="stable").index.tolist() if len(df) else []
    return df.drop(columns=["pos"]), [str(c) for c in cols]


def cooccurrence(t: Tables, names: Sequence[str], within: str = "sentence") -> pd.DataFrame:
    """How often two of the entities ``names`` appear in the same sentence
    (or document): ``a, b, weight`` with a < b."""
    if not names:
        return pd.DataFrame({"a": [], "b": [], "weight": []})
    keys = "doc_id, sentence" if within == "sentence" else "doc_id"
    marks = ", ".join("?" for _ in names)
    null = " AND sentence IS NOT NULL" if within == "sentence" else ""
    sql = (f"WITH m AS (SELECT DISTINCT {keys}, coalesce(canonical, text) AS name FROM entities "
           f"WHERE coalesce(canonical, text) IN ({marks}){null}) "
           f"SELECT x.name AS a, y.name AS b, count(*) AS weight FROM m x JOIN m y USING ({keys}) "
           "WHERE x.name < y.name GROUP BY ALL ORDER BY weight DESC, a, b")
    return t.sql(sql, list(names))


def most_similar_documents(t: Tables, n: int = 40) -> List[str]:
    """The ``n`` documents with the highest summed similarity to their
    neighbours (the stored similarity table), in corpus order."""
    df = t.sql("WITH s AS (SELECT doc_a AS doc_id, score FROM similarity UNION ALL "
               "SELECT doc_b, score FROM similarity), top AS (SELECT doc_id, sum(score) AS total FROM s "
               "GROUP BY doc_id ORDER BY total DESC, doc_id LIMIT ?) "
               "SELECT top.doc_id FROM top JOIN documents d ON d.doc_id = top.doc_id ORDER BY d.ordinal", [n])
    return df["doc_id"].tolist()


def documents_index(t: Tables, limit: Optional[int] = None) -> pd.DataFrame:
    """One row per document for an index: ``doc_id, title, source, published,
    n_sentences, entities, quotes`` in corpus order."""
    return t.sql(
        "WITH e AS (SELECT doc_id, count(*) AS n FROM entities GROUP BY doc_id), "
        "q AS (SELECT doc_id, count(*) AS n FROM quotes GROUP BY doc_id) "
        "SELECT d.doc_id, d.title, d.source, d.published, d.n_sentences, coalesce(e.n, 0) AS entities, "
        "coalesce(q.n, 0) AS quotes FROM documents d LEFT JOIN e ON e.doc_id = d.doc_id "
        "LEFT JOIN q ON q.doc_id = d.doc_id ORDER BY d.ordinal" + _limit(limit))

