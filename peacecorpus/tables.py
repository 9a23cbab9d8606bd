"""The table registry: every table of a corpus, declared once.

Each :class:`Table` has a name, its columns and their dtypes, a *scope* and
the function that produces it:

- ``"document"`` tables depend on one document only (sentences, mentions,
  quotes as found in the text ...).  They may be computed anywhere -- in a
  thread, a batch of an ingest, a Dask partition -- and the table of a corpus
  is the concatenation of its documents' rows, in document order.
- ``"corpus"`` tables compare or merge across documents (canonical entity
  names, speakers, near-duplicates, similarity, reuse, stories).  Their
  producers read *only* document tables, never documents, so they are
  computed once over all documents' rows -- in memory, after every ingest of
  the store, or after gathering Dask's per-partition rows -- and the answer
  is the same on every route by construction.

:class:`peacecorpus.Corpus` methods, the store's schema (DuckDB and
Parquet), Dask's meta, the CLI, the report and the README's table list all
read this registry.  ``python -m peacecorpus.tables`` prints it.

Dtypes (the same on every route):

==========  ================================  ========================
kind        pandas                            DuckDB
==========  ================================  ========================
string      ``string[pyarrow]`` (missing NA)  VARCHAR
int         ``Int64`` (nullable)              BIGINT
float       ``float64``                       DOUBLE
bool        ``bool``                          BOOLEAN
timestamp   ``datetime64[ns, UTC]``           TIMESTAMPTZ
list        ``list<string>[pyarrow]``         VARCHAR[]
blob        ``binary[pyarrow]``               BLOB
==========  ================================  ========================

Ids and labels are ``string[pyarrow]`` too (not ``category``): one dtype that
concatenates across batches and partitions without unifying categories, and
that Arrow hands to DuckDB and Parquet as it is.

>>> import peacecorpus as pc
>>> from peacecorpus.tables import REGISTRY, empty
>>> REGISTRY["mentions"].scope, REGISTRY["entities"].scope
('document', 'corpus')
>>> empty("quotes").dtypes["speaker"]
string[pyarrow]
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple

import numpy as np
import pandas as pd

from . import _core

__all__ = ["Table", "REGISTRY", "DOCUMENT", "CORPUS", "names", "columns", "dtypes", "empty", "conform",
           "table", "entity_table_from", "sql_type", "describe"]

DOCUMENT = "document"
CORPUS = "corpus"

STRING, INT, FLOAT, BOOL, TIMESTAMP, LIST, BLOB = "string", "int", "float", "bool", "timestamp", "list", "blob"

_SQL = {STRING: "VARCHAR", INT: "BIGINT", FLOAT: "DOUBLE", BOOL: "BOOLEAN", TIMESTAMP: "TIMESTAMPTZ",
        LIST: "VARCHAR[]", BLOB: "BLOB"}


def _pandas_dtype(kind: str) -> Any:
    if kind == STRING:
        return pd.StringDtype("pyarrow")
    if kind == INT:
        return pd.Int64Dtype()
    if kind == FLOAT:
        return np.dtype("float64")
    if kind == BOOL:
        return np.dtype("bool")
    if kind == TIMESTAMP:
        return pd.DatetimeTZDtype("ns", "UTC")
    if kind == LIST:
        import pyarrow as pa
        return pd.ArrowDtype(pa.list_(pa.string()))
    if kind == BLOB:
        import pyarrow as pa
        return pd.ArrowDtype(pa.binary())
    raise ValueError(f"unknown column kind {kind!r}")


@dataclass(frozen=True)
class Table:
    """One table: ``columns`` are ``(name, kind)`` pairs (kinds: see the module
    docstring); ``producer(corpus, **params)`` returns its rows (a DataFrame
    or a mapping of columns) for a :class:`~peacecorpus.Corpus` -- for a
    ``"document"`` table, any corpus of some of the documents; ``params`` are
    the defaults a stored table is computed with; ``stored`` tables are
    persisted by the store; ``public`` tables are :class:`Corpus` methods."""
    name: str
    scope: str
    columns: Tuple[Tuple[str, str], ...]
    producer: Callable[..., Any]
    doc: str
    params: Mapping[str, Any] = field(default_factory=dict)
    stored: bool = True
    public: bool = True

    @property
    def column_names(self) -> List[str]:
        return [c for c, _ in self.columns]


# -- producers of document tables: f(corpus) over the corpus's documents --------------------------
def _docs(corpus: Any) -> List[Any]:
    return corpus._documents()


def _documents(corpus: Any) -> Dict[str, list]:
    cols = columns("documents")
    recs = [d.to_dict() for d in _docs(corpus)]
    return {c: [r[c] for r in recs] for c in cols}


_SPAN_KIND = {"_para": 0, "_sent": 1, "_tok": 2}  # kinds of _core.doc_span_texts


def _span_rows(corpus: Any, attr: str, index: str, names: Sequence[str], text: bool = True) -> Dict[str, Any]:
    docs = _docs(corpus)
    arrays = [getattr(d, attr) for d in docs]
    counts = np.array([a.shape[0] for a in arrays], dtype=np.int64)
    width = arrays[0].shape[1] if arrays else len(names)
    data = np.concatenate(arrays) if arrays else np.zeros((0, width), dtype=np.uint32)
    out: Dict[str, Any] = {"doc_id": _repeated_strings([d.doc_id for d in docs], counts)}
    if index:
        starts = np.repeat(np.cumsum(counts) - counts, counts)
        out[index] = np.arange(len(data), dtype=np.int64) - starts
    for i, n in enumerate(names):
        if n:
            out[n] = data[:, i].astype(np.int64)
    if text:
        # one UTF-8 buffer and its offsets from the engine: no str per row
        import pyarrow as pa
        buf, offsets = _core.doc_span_texts([d._core for d in docs], _SPAN_KIND[attr])
        arr = pa.LargeStringArray.from_buffers(len(data), pa.py_buffer(offsets), pa.py_buffer(buf))
        out["text"] = pd.array(arr, dtype=_pandas_dtype(STRING))
    return out


def _repeated_strings(values: List[str], counts: np.ndarray) -> Any:
    """values[i] repeated counts[i] times, as a ``string[pyarrow]`` array (one str per value, not per row)."""
    import pyarrow as pa
    arr = pa.array(values, type=pa.large_string()).take(pa.array(np.repeat(np.arange(len(values)), counts)))
    return pd.array(arr, dtype=_pandas_dtype(STRING))


def _sentences(corpus: Any) -> Dict[str, Any]:
    return _span_rows(corpus, "_sent", "sentence", ["start", "end", "", "", "paragraph"])


def _paragraphs(corpus: Any) -> Dict[str, Any]:
    from .document import _PARA_KINDS
    out = _span_rows(corpus, "_para", "paragraph", ["start", "end", "kind"])
    out["kind"] = [_PARA_KINDS.get(int(k), "body") for k in out["kind"]]
    return out


def _tokens(corpus: Any) -> Dict[str, Any]:
    from .document import _SPACE_AFTER, _TOKEN_KINDS
    out = _span_rows(corpus, "_tok", "", ["start", "end", "kind"])
    flags = out["kind"]
    names = np.array([_TOKEN_KINDS.get(k, "other") for k in range(max(_TOKEN_KINDS) + 1)], dtype=object)
    kinds = flags & 0xFFFF
    out["kind"] = np.where(kinds < len(names), names[np.minimum(kinds, len(names) - 1)], "other")
    out["space_after"] = ((flags >> 16) & _SPACE_AFTER) != 0
    return out


def _removed(corpus: Any) -> Dict[str, list]:
    rows = [(d.doc_id, i, r.reason, r.text, r.position, r.line)
            for d in _docs(corpus) for i, r in enumerate(d.removed)]
    return dict(zip(columns("removed"), map(list, zip(*rows)))) if rows else {}


#: document tables computed per document after parsing; a document that
#: fails in one of them keeps its other rows and gets an error row
#: (Corpus._stage_error), so their producers run before the errors table's
_STAGES = {"mentions": "entities", "quotes_raw": "quotes", "times": "times", "events_raw": "events"}


def _on_error(corpus: Any, stage: str) -> Callable[[Any, Exception], None]:
    return lambda doc, exc: corpus._stage_error(stage, doc, exc)


def _errors(corpus: Any) -> List[Dict[str, Any]]:
    if corpus._docs is not None:
        for name in _STAGES:
            corpus._table(name, {})
    return list(corpus._errors) + list(corpus._stage_errors.values())


def _doc_data(corpus: Any) -> Dict[str, list]:
    docs = _docs(corpus)
    return {
        "doc_id": [d.doc_id for d in docs],
        "repairs_detail": [json.dumps({k: int(v) for k, v in d.repairs.items()}) for d in docs],
        "html_meta": [json.dumps(list(d.html_meta.items())) for d in docs],
        "extra": [json.dumps(d.extra, default=str) for d in docs],
        # the engine's rows in byte offsets: a Doc again without parsing or converting
        "paragraph_arr": [_le(d._core.paragraphs_utf8) for d in docs],
        "sentence_arr": [_le(d._core.sentences_utf8) for d in docs],
        "token_arr": [_le(d._core.tokens_utf8) for d in docs],
    }


def _le(rows: bytes) -> bytes:
    """uint32 rows as little-endian bytes (the stored form on every machine)."""
    return np.frombuffer(rows, dtype=np.uint32).astype("<u4").tobytes()


def _mentions(corpus: Any) -> Dict[str, list]:
    from .entities import extract_many
    docs = _docs(corpus)
    per_doc = extract_many(docs, n_jobs=getattr(corpus, "_n_jobs", None), on_error=_on_error(corpus, "entities"))
    from itertools import chain, repeat

    from .entities import Entity
    rows = list(chain.from_iterable(per_doc))
    out: Dict[str, list] = {"doc_id": list(chain.from_iterable(
        repeat(d.doc_id, len(ents)) for d, ents in zip(docs, per_doc)))}
    names = columns("mentions")[1:]
    if {type(e) for e in rows} <= {Entity} and set(names) <= set(Entity._fields):
        # one transposition in C instead of a getattr per row and column
        cols = list(zip(*rows)) if rows else [()] * len(Entity._fields)
        for c in names:                        # by field name, never by position
            out[c] = list(cols[Entity._fields.index(c)])
    else:
        for c in names:
            out[c] = [getattr(e, c) for e in rows]
    return out


def _quotes_raw(corpus: Any) -> Dict[str, list]:
    from ._progress import track
    from .events import _each
    from .quotes import document_quotes
    docs = _docs(corpus)
    corpus._table("mentions", {})  # entities first: a document they failed on has none
    rows = [dict(r, doc_id=d.doc_id)
            for d, quotes in _each(track(docs, "quotes"), lambda d: document_quotes(d, d.entities),
                                   _on_error(corpus, "quotes"))
            for r in quotes]
    return {c: [r[c] for r in rows] for c in columns("quotes_raw")}


def _times(corpus: Any) -> Any:
    from .events import times_frame
    return times_frame(_docs(corpus), on_error=_on_error(corpus, "times"))


def _event_frames(corpus: Any) -> Tuple[pd.DataFrame, pd.DataFrame]:
    # events_raw and event_numbers are two views of one extraction over the
    # documents and their mentions (participants named as within each document)
    from .events import events_frames
    docs = _docs(corpus)
    key = (len(docs), docs[0].doc_id if docs else None, docs[-1].doc_id if docs else None)
    cached = corpus.__dict__.get("_event_frames")
    if cached is None or cached[0] != key:
        cached = (key, events_frames(docs, corpus.table("mentions"), n_jobs=getattr(corpus, "_n_jobs", None),
                                      on_error=_on_error(corpus, "events")))
        corpus.__dict__["_event_frames"] = cached
    return cached[1]


def _events_raw(corpus: Any) -> Any:
    return _event_frames(corpus)[0]


def _event_numbers(corpus: Any) -> Any:
    return _event_frames(corpus)[1]


# -- producers of corpus tables: f(corpus) from document tables only --------------------------------
def _ids_texts(corpus: Any) -> Tuple[List[str], List[str]]:
    # straight from the documents: building the documents table (metadata, language
    # detection) took 4x as long as parsing and near_duplicates together (8,000 docs)
    return corpus.doc_ids, corpus.texts()


def _canonical(corpus: Any) -> pd.DataFrame:
    from .entities import canonical_table
    return canonical_table(corpus.table("mentions"))


def _entities(corpus: Any) -> pd.DataFrame:
    from .entities import apply_canonical
    return apply_canonical(corpus.table("mentions"), corpus.table("canonical"))


def _entity_table(corpus: Any, numeric: bool = False) -> pd.DataFrame:
    return entity_table_from(corpus.table("entities"), numeric=numeric)


def _quotes(corpus: Any) -> pd.DataFrame:
    from .quotes import join_speakers
    return join_speakers(corpus.table("quotes_raw"), corpus.table("canonical"))


def _events(corpus: Any) -> pd.DataFrame:
    from .events import apply_canonical
    return apply_canonical(corpus.table("events_raw"), corpus.table("canonical"))


def _event_clusters(corpus: Any) -> Dict[str, Any]:
    from .events import cluster_events
    ev = corpus.table("events")
    return {"doc_id": ev["doc_id"], "event": ev["event"], "event_id": cluster_events(ev)}


def overridden(cls: type, name: str) -> Optional[Callable[..., Any]]:
    """The method ``name`` of a subclass that replaces the one of the first
    class defining it (a Corpus subclass overriding a table method), if any."""
    meth = getattr(cls, name, None)
    first = next((c.__dict__[name] for c in reversed(cls.__mro__) if name in c.__dict__), None)
    return meth if meth is not None and first is not None and meth is not first else None


def doc_columns(corpus: Any, names: Sequence[str]) -> pd.DataFrame:
    """Some columns of the documents table without computing the rest of it
    (the language of each text and its counts cost more than the conflicts of
    a 10,000-document corpus, and a third of the entities of BBC).  The
    documents table itself when it is there already or computed another way
    (a stored corpus, a subclass)."""
    if "documents" in corpus._cache or corpus._docs is None or overridden(type(corpus), "documents") is not None:
        return corpus.table("documents")[list(names)]
    docs = _docs(corpus)
    return pd.DataFrame({n: [getattr(d, n) for d in docs] for n in names})


def _doc_dates(corpus: Any) -> pd.DataFrame:
    """doc_id, published and text of each document: what the events' corpus tables need."""
    return doc_columns(corpus, ["doc_id", "published", "text"])


def _conflicts(corpus: Any) -> pd.DataFrame:
    from .events import conflicts_table
    return conflicts_table(corpus.table("events"), corpus.table("event_numbers"),
                           corpus.table("event_clusters")["event_id"].tolist(), _doc_dates(corpus),
                           corpus.table("times"))


def _timeline(corpus: Any) -> pd.DataFrame:
    from .events import timeline_table
    conflicts = corpus.table("conflicts")
    return timeline_table(corpus.table("events"), corpus.table("event_clusters")["event_id"].tolist(),
                          _doc_dates(corpus), conflicts["event_id"].tolist())


def _similarity(corpus: Any, method: str = "tfidf", min_score: float = 0.0, top_k: Optional[int] = 10,
                **kwargs: Any) -> pd.DataFrame:
    from . import similarity
    if method == "entities":
        ids = list(corpus.doc_ids)
        return similarity.entity_similarity(corpus.table("entities"), ids, min_score, top_k, **kwargs)
    if method not in ("tfidf", "minhash"):
        raise ValueError(f"method must be 'tfidf', 'minhash' or 'entities', not {method!r}")
    ids, texts = _ids_texts(corpus)
    return similarity.similarity(ids, texts, method=method, min_score=min_score, top_k=top_k, **kwargs)


def _near_duplicates(corpus: Any, **kwargs: Any) -> pd.DataFrame:
    from . import similarity
    return similarity.near_duplicates(*_ids_texts(corpus), **kwargs)


def _duplicate_groups(corpus: Any, **kwargs: Any) -> pd.DataFrame:
    from . import similarity
    return similarity.duplicate_groups(*_ids_texts(corpus), **kwargs)


def _reuse(corpus: Any, **kwargs: Any) -> pd.DataFrame:
    from . import similarity
    return similarity.reuse(*_ids_texts(corpus), **kwargs)


def _stories(corpus: Any, **kwargs: Any) -> pd.DataFrame:
    from . import similarity
    return similarity.stories(*_ids_texts(corpus), **kwargs)


def _quote_reuse(corpus: Any, **kwargs: Any) -> pd.DataFrame:
    from .quotes import quote_reuse_table
    return quote_reuse_table(corpus.table("quotes"), corpus.table("documents"), **kwargs)


# -- the registry ------------------------------------------------------------------------------
_S, _I, _F, _B, _T, _L = STRING, INT, FLOAT, BOOL, TIMESTAMP, LIST

_EVENT_COLUMNS = (("doc_id", _S), ("event", _I), ("sentence", _I), ("type", _S), ("trigger", _S), ("start", _I),
                  ("end", _I), ("status", _S), ("participants", _L), ("participant_labels", _L), ("place", _S),
                  ("place_label", _S), ("time", _S), ("time_value", _S), ("time_partial", _S),
                  ("time_granularity", _S), ("numbers", _L), ("evidence", _S), ("evidence_start", _I),
                  ("evidence_end", _I))

_TABLES = [
    Table("documents", DOCUMENT,
          (("doc_id", _S), ("title", _S), ("author", _S), ("source", _S), ("syndicated_from", _S),
           ("published", _T), ("updated", _T), ("citation", _S), ("site_name", _S), ("url", _S),
           ("language", _S), ("description", _S), ("tags", _S), ("path", _S), ("is_html", _B),
           ("text", _S), ("n_paragraphs", _I), ("n_sentences", _I), ("n_tokens", _I), ("n_words", _I),
           ("n_removed", _I), ("repairs", _I)),
          _documents, "one row per document: metadata, cleaned text and counts"),
    Table("paragraphs", DOCUMENT,
          (("doc_id", _S), ("paragraph", _I), ("start", _I), ("end", _I), ("kind", _S), ("text", _S)),
          _paragraphs, "paragraphs; kind is body, title or heading"),
    Table("sentences", DOCUMENT,
          (("doc_id", _S), ("sentence", _I), ("start", _I), ("end", _I), ("paragraph", _I), ("text", _S)),
          _sentences, "sentences in text order"),
    Table("tokens", DOCUMENT,
          (("doc_id", _S), ("start", _I), ("end", _I), ("kind", _S), ("space_after", _B), ("text", _S)),
          _tokens, "tokens; kind is word, num, punct, sym, url or other", stored=False),
    Table("removed", DOCUMENT,
          (("doc_id", _S), ("item", _I), ("reason", _S), ("text", _S), ("position", _I), ("line", _I)),
          _removed, "boilerplate taken out of the text, kept for inspection"),
    Table("doc_data", DOCUMENT,
          (("doc_id", _S), ("repairs_detail", _S), ("html_meta", _S), ("extra", _S),
           ("paragraph_arr", BLOB), ("sentence_arr", BLOB), ("token_arr", BLOB)),
          _doc_data, "what re-materialises a Document without parsing (JSON fields; the engine's "
          "paragraph/sentence/token rows as little-endian uint32, byte offsets into the UTF-8 text)",
          public=False),
    Table("mentions", DOCUMENT,
          (("doc_id", _S), ("start", _I), ("end", _I), ("text", _S), ("label", _S), ("canonical", _S),
           ("entity_id", _S), ("role", _S), ("sentence", _I), ("score", _F), ("source", _S)),
          _mentions, "entity mentions with the canonical name within their document"),
    Table("quotes_raw", DOCUMENT,
          (("doc_id", _S), ("start", _I), ("end", _I), ("quote", _S), ("kind", _S), ("speaker", _S),
           ("speaker_label", _S), ("speaker_mention", _S), ("speaker_role", _S), ("cue", _S),
           ("cue_start", _I), ("cue_end", _I), ("speaker_score", _F)),
          _quotes_raw, "quotes with the speaker as named within their document (speaker_label: "
          "the label of the entity the speaker resolved to)"),
    Table("times", DOCUMENT,
          (("doc_id", _S), ("sentence", _I), ("start", _I), ("end", _I), ("text", _S), ("type", _S),
           ("value", _S), ("partial", _S), ("granularity", _S), ("mod", _S), ("anchor", _S)),
          _times, "time expressions normalized against the publication date (value None and a partial value "
          "like XXXX-09 when the date is unknown)"),
    Table("events_raw", DOCUMENT, _EVENT_COLUMNS, _events_raw,
          "event mentions with participants and place as named within their document", public=False),
    Table("event_numbers", DOCUMENT,
          (("doc_id", _S), ("event", _I), ("text", _S), ("value", _F), ("value2", _F), ("unit", _S),
           ("qualifier", _S), ("low", _F), ("high", _F)),
          _event_numbers, "numbers reported with events, with the interval their hedge and rounding allow"),
    Table("errors", DOCUMENT,
          (("doc_id", _S), ("path", _S), ("reason", _S), ("offset", _I), ("message", _S)),
          _errors, "inputs that could not be read or parsed, and documents a later stage failed on "
          "(message 'entities: ...'; nothing is dropped silently)"),
    Table("canonical", CORPUS,
          (("label", _S), ("name", _S), ("canonical", _S), ("entity_id", _S)),
          _canonical, "corpus-wide canonical name of each (label, document canonical name): "
          "spelling variants merged across documents"),
    Table("entities", CORPUS,
          (("doc_id", _S), ("start", _I), ("end", _I), ("text", _S), ("label", _S), ("canonical", _S),
           ("entity_id", _S), ("role", _S), ("sentence", _I), ("score", _F), ("source", _S)),
          _entities, "mentions with their corpus-wide canonical name"),
    Table("entity_table", CORPUS,
          (("canonical", _S), ("label", _S), ("entity_id", _S), ("mentions", _I), ("documents", _I),
           ("aliases", _L)),
          _entity_table, "one row per canonical entity, most mentioned first (names; numeric=True adds "
          "numbers and dates)", {"numeric": False}),
    Table("quotes", CORPUS,
          (("doc_id", _S), ("start", _I), ("end", _I), ("quote", _S), ("kind", _S), ("speaker", _S),
           ("speaker_mention", _S), ("speaker_role", _S), ("cue", _S), ("cue_start", _I), ("cue_end", _I),
           ("speaker_score", _F)),
          _quotes, "quotes with the speaker's corpus-wide canonical name"),
    Table("quote_reuse", CORPUS,
          (("group", _I), ("doc_id", _S), ("start", _I), ("end", _I), ("quote", _S), ("speaker", _S),
           ("cue", _S), ("is_earliest", _B), ("is_longest", _B)),
          _quote_reuse, "the same utterance quoted by several documents", {"min_overlap": 0.5, "min_words": 6}),
    Table("events", CORPUS, _EVENT_COLUMNS, _events,
          "event mentions with participants and place under their corpus-wide canonical names"),
    Table("similarity", CORPUS, (("doc_a", _S), ("doc_b", _S), ("score", _F)),
          _similarity, "each document's most similar documents (top_k per document; pairs listed once), "
          "best first", {"method": "tfidf", "top_k": 10}),
    Table("near_duplicates", CORPUS,
          (("doc_a", _S), ("doc_b", _S), ("jaccard_est", _F), ("jaccard", _F)),
          _near_duplicates, "near-duplicate pairs (MinHash + LSH, verified)", {"threshold": 0.8}),
    Table("duplicate_groups", CORPUS, (("group", _I), ("doc_id", _S)),
          _duplicate_groups, "clusters of near-duplicates", {"threshold": 0.8}),
    Table("reuse", CORPUS,
          (("doc_a", _S), ("a_start", _I), ("a_end", _I), ("doc_b", _S), ("b_start", _I), ("b_end", _I),
           ("words", _I), ("identity", _F)),
          _reuse, "passages shared between documents", {"min_words": 8}),
    Table("stories", CORPUS, (("story", _I), ("doc_id", _S), ("label", _S)),
          _stories, "documents clustered into stories, named by their top terms", {"threshold": 0.4}),
    Table("event_clusters", CORPUS, (("doc_id", _S), ("event", _I), ("event_id", _I)),
          _event_clusters, "the merged event (event_id) of each event mention", public=False),
    Table("conflicts", CORPUS,
          (("conflict", _I), ("event_id", _I), ("type", _S), ("kind", _S), ("field", _S), ("value_a", _S),
           ("value_b", _S), ("doc_a", _S), ("doc_b", _S), ("evidence_a", _S), ("evidence_b", _S),
           ("published_a", _S), ("published_b", _S), ("documents_a", _L), ("documents_b", _L),
           ("sources_a", _I), ("sources_b", _I), ("more_support", _S), ("earlier", _S), ("unresolved", _L),
           ("summary", _S)),
          _conflicts, "merged events reported with incompatible times or numbers, both sides' evidence"),
    Table("timeline", CORPUS,
          (("event_id", _I), ("type", _S), ("label", _S), ("time", _S), ("time_start", _S), ("granularity", _S),
           ("participants", _L), ("place", _S), ("documents", _L), ("n_documents", _I), ("n_sources", _I),
           ("n_mentions", _I), ("status", _S), ("conflict", _B), ("evidence", _S), ("doc_id", _S),
           ("first_published", _S)),
          _timeline, "events merged across documents, with their documents and sources"),
]

#: name -> Table, in dependency order (a producer reads only tables before it).
REGISTRY: Dict[str, Table] = {t.name: t for t in _TABLES}


def names(scope: Optional[str] = None, *, stored: Optional[bool] = None,
          public: Optional[bool] = None) -> List[str]:
    """Table names in registry order, optionally filtered."""
    return [t.name for t in _TABLES if (scope is None or t.scope == scope)
            and (stored is None or t.stored == stored) and (public is None or t.public == public)]


def columns(name: str) -> List[str]:
    return REGISTRY[name].column_names


def dtypes(name: str) -> Dict[str, Any]:
    """Column -> pandas dtype."""
    return {c: _pandas_dtype(k) for c, k in REGISTRY[name].columns}


def sql_type(kind: str) -> str:
    return _SQL[kind]


def empty(name: str) -> pd.DataFrame:
    """An empty table with the registered columns and dtypes."""
    return conform(None, name)


# -- conforming rows to the registry ------------------------------------------------------------
def _is_missing(v: Any) -> bool:
    if v is None:
        return True
    try:
        return bool(pd.isna(v)) if np.ndim(v) == 0 else False
    except (TypeError, ValueError):
        return False


def _column(values: Any, kind: str, n: int) -> Any:
    if kind == STRING:
        if isinstance(values, (pd.Series, pd.api.extensions.ExtensionArray)) \
                and isinstance(values.dtype, pd.StringDtype) \
                and values.dtype.storage == "pyarrow" and values.dtype.na_value is pd.NA:
            return values.array if isinstance(values, pd.Series) else values
        if isinstance(values, pd.Series) and values.dtype != object:
            return values.astype(_pandas_dtype(STRING)).array
        return _strings(values.tolist() if isinstance(values, pd.Series) else list(values))
    if kind == INT:
        if isinstance(values, pd.Series) and values.dtype != object:
            return values.astype("Int64").array
        return _ints(values.tolist() if isinstance(values, pd.Series) else
                     values if isinstance(values, np.ndarray) else list(values))
    if kind == FLOAT:
        s = values if isinstance(values, pd.Series) else pd.Series(values, dtype=object if not n else None)
        return pd.to_numeric(s, errors="coerce").to_numpy(dtype="float64", na_value=np.nan) if n \
            else np.zeros(0, dtype="float64")
    if kind == BOOL:
        s = values if isinstance(values, pd.Series) else pd.Series(values)
        return s.fillna(False).to_numpy(dtype=bool) if n else np.zeros(0, dtype=bool)
    if kind == TIMESTAMP:
        return _timestamps(values, n)
    if kind == LIST:
        import pyarrow as pa
        vals = [None if v is None or (not isinstance(v, (list, tuple, np.ndarray)) and _is_missing(v))
                else [str(x) for x in v] for v in (values if values is not None else [])]
        return pd.array(pa.array(vals, type=pa.list_(pa.string())), dtype=_pandas_dtype(LIST))
    if kind == BLOB:
        import pyarrow as pa
        if isinstance(values, pd.Series) and values.dtype == _pandas_dtype(BLOB):
            return values.array
        blobs = [None if v is None or (not isinstance(v, (bytes, bytearray, memoryview)) and _is_missing(v))
                 else bytes(v) for v in (values if values is not None else [])]
        return pd.array(pa.array(blobs, type=pa.binary()), dtype=_pandas_dtype(BLOB))
    raise ValueError(kind)


def _strings(vals: List[Any]) -> Any:
    """A list of str/None/NaN as a ``string[pyarrow]`` array (other values
    written with str())."""
    import pyarrow as pa
    try:
        arr = pa.array(vals, type=pa.large_string(), from_pandas=True)
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        arr = pa.array([None if _is_missing(v) else v if isinstance(v, str) else str(v) for v in vals],
                       type=pa.large_string())
    return pd.array(arr, dtype=_pandas_dtype(STRING))


def _ints(vals: Any) -> Any:
    """Integers (None/NaN missing) as ``Int64``."""
    import pyarrow as pa
    if isinstance(vals, np.ndarray) and vals.dtype.kind in "iu":
        return pd.array(vals.astype(np.int64), dtype="Int64")
    try:
        arr = pa.array(vals, type=pa.int64(), from_pandas=True)
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        return pd.to_numeric(pd.Series([None if _is_missing(v) else v for v in vals], dtype=object),
                             errors="raise").astype("Int64").array
    return pd.array(arr.to_pandas(types_mapper={pa.int64(): pd.Int64Dtype()}.get), dtype="Int64")


def _timestamps(values: Any, n: int) -> Any:
    """Timestamps as ``datetime64[ns, UTC]``: datetimes and ISO 8601 text are
    read (naive ones as UTC); anything else (``"Mar 10"``, a year alone) is NaT
    -- the Document keeps the text as written."""
    dt = _pandas_dtype(TIMESTAMP)
    if not n:
        return pd.array([], dtype=dt)
    s = values if isinstance(values, pd.Series) else pd.Series(values, dtype=object)
    if isinstance(s.dtype, pd.DatetimeTZDtype):
        return s.dt.tz_convert("UTC").astype(dt).array
    if pd.api.types.is_datetime64_dtype(s.dtype):
        return s.dt.tz_localize("UTC").astype(dt).array
    vals = s.tolist()
    if all(v is None for v in vals):
        return pd.array(pd.DatetimeIndex([pd.NaT] * n, tz="UTC"), dtype=dt)
    out = []
    for v in vals:
        if _is_missing(v):
            out.append(pd.NaT)
            continue
        try:
            t = pd.Timestamp(v) if not isinstance(v, str) else pd.to_datetime(v, format="ISO8601")
        except (ValueError, TypeError, OverflowError):
            out.append(pd.NaT)
            continue
        out.append(t.tz_localize("UTC") if t.tzinfo is None else t.tz_convert("UTC"))
    return pd.array(pd.DatetimeIndex(out, tz="UTC") if out else [], dtype=dt)


def conform(rows: Any, name: str) -> pd.DataFrame:
    """``rows`` (a DataFrame, a mapping of columns, or a list of dicts,
    tuples or objects; None for no rows) as the table ``name``: the registered
    columns in order (missing ones as nulls, others dropped) with their dtypes
    and a RangeIndex."""
    spec = REGISTRY[name]
    cols = spec.column_names
    if rows is None:
        data: Mapping[str, Any] = {}
        n = 0
    elif isinstance(rows, pd.DataFrame):
        data = {c: rows[c].reset_index(drop=True) for c in cols if c in rows.columns}
        n = len(rows)
    elif isinstance(rows, Mapping):
        data = rows
        n = len(next(iter(rows.values()))) if rows else 0
    else:
        recs = list(rows)
        n = len(recs)
        data = {c: [_field(r, c, i) for r in recs] for i, c in enumerate(cols)}
    out = {}
    for c, kind in spec.columns:
        if c in data:
            out[c] = _column(data[c], kind, n)
        else:
            out[c] = _column([None] * n, kind, n)
    return pd.DataFrame(out, index=pd.RangeIndex(n))


def _field(r: Any, c: str, i: int) -> Any:
    if isinstance(r, Mapping):
        return r.get(c)
    if hasattr(r, "_asdict"):
        return r._asdict().get(c)
    if isinstance(r, (tuple, list)):
        return r[i] if i < len(r) else None
    return getattr(r, c, None)


# -- helpers for consumers (report, plots, CLI) -------------------------------------------------
def table(corpus: Any, name: str, **params: Any) -> pd.DataFrame:
    """Table ``name`` of ``corpus``, conformed: ``corpus.table(name)`` for a
    :class:`~peacecorpus.Corpus`; for any other object its method of that
    name, or an empty table when it has none."""
    if callable(getattr(corpus, "table", None)):
        return corpus.table(name, **params)
    meth = getattr(corpus, name, None)
    if not callable(meth):
        if name == "entity_table":
            return entity_table_from(table(corpus, "entities"))
        return empty(name)
    return conform(meth(**params), name)


#: Labels of numbers and times: left out of entity tables unless asked for.
NUMERIC_LABELS = frozenset(("DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"))


def entity_table_from(ents: pd.DataFrame, numeric: bool = False) -> pd.DataFrame:
    """One row per canonical entity of a mention table: ``canonical, label,
    entity_id, mentions, documents, aliases`` (the distinct surface forms,
    sorted), most mentioned first.  Names only (PERSON, ORG, GPE ...);
    ``numeric=True`` keeps numbers and dates (DATE, CARDINAL ...) too."""
    if len(ents) and not numeric:
        ents = ents[~ents["label"].isin(list(NUMERIC_LABELS))]
    if not len(ents):
        return empty("entity_table")
    e = pd.DataFrame({
        "doc_id": ents["doc_id"].astype(object).to_numpy(),
        "canonical": ents["canonical"].astype(object).where(ents["canonical"].notna(),
                                                            ents["text"].astype(object)).to_numpy(),
        "label": ents["label"].astype(object).to_numpy(),
        "entity_id": ents["entity_id"].astype(object).where(ents["entity_id"].notna(), "").to_numpy(),
        "text": ents["text"].astype(object).to_numpy(),
    })
    g = e.groupby(["canonical", "label", "entity_id"], sort=False, dropna=False)
    out = g.agg(mentions=("doc_id", "size"), documents=("doc_id", "nunique"),
                aliases=("text", lambda s: sorted(set(map(str, s))))).reset_index()
    out["entity_id"] = out["entity_id"].replace("", None)
    out = out.sort_values(["mentions", "canonical"], ascending=[False, True], kind="stable")
    return conform(out.reset_index(drop=True), "entity_table")


def dtype_name(kind: str) -> str:
    """How the dtype of a column kind is written (``string[pyarrow]``, ``Int64`` ...)."""
    return "string[pyarrow]" if kind == STRING else str(_pandas_dtype(kind))


def describe() -> pd.DataFrame:
    """The registry as a DataFrame: table, scope, stored, column, kind, pandas dtype, SQL type."""
    rows = [(t.name, t.scope, t.stored, t.public, c, k, dtype_name(k), _SQL[k])
            for t in _TABLES for c, k in t.columns]
    return pd.DataFrame(rows, columns=["table", "scope", "stored", "public", "column", "kind", "dtype", "sql"])


def _main(argv: Optional[Iterable[str]] = None) -> int:
    import argparse
    ap = argparse.ArgumentParser(prog="python -m peacecorpus.tables", description="Print the table registry.")
    ap.add_argument("--markdown", action="store_true", help="the README's table list")
    args = ap.parse_args(list(argv) if argv is not None else None)
    if args.markdown:
        print(markdown())
        return 0
    for t in _TABLES:
        flags = [t.scope] + ([] if t.stored else ["not stored"]) + ([] if t.public else ["internal"])
        params = f"  defaults {dict(t.params)}" if t.params else ""
        print(f"{t.name}  ({', '.join(flags)}){params}: {t.doc}")
        for c, k in t.columns:
            print(f"    {c:<16} {dtype_name(k):<28} {_SQL[k]}")
    return 0


def markdown() -> str:
    """The public tables as the README lists them (a test keeps the two equal)."""
    lines = ["| table | scope | columns |", "|---|---|---|"]
    for t in _TABLES:
        if t.public:
            lines.append(f"| `{t.name}` | {t.scope} | {', '.join(t.column_names)} |")
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(_main())
