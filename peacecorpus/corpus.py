"""The :class:`Corpus`: documents and a cache of their tables.

There is one Corpus class.  Its tables (see :mod:`peacecorpus.tables`) are
computed on first use and cached; a corpus read from a store
(:func:`open`, :func:`read_parquet`) or gathered from Dask is the same class
with its cache filled from there, and its documents re-materialised from the
stored text and arrays when they are asked for (no parsing).
"""
from __future__ import annotations

import contextlib
import gc
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, Dict, Iterable, Iterator, List, Optional, Sequence, Union, cast

import numpy as np
import pandas as pd

from . import readers
from . import tables as _tables
from ._display import CSS, esc
from . import _core
from .document import _STAT_KEYS, DEFAULT_MAX_BYTES, Document
from .readers import decode_bytes  # noqa: F401  (re-exported: peacecorpus.decode_bytes)
from .tables import REGISTRY, conform

if TYPE_CHECKING:
    from ._display import ReuseView
    from .store import LazyReader

PathLike = Union[str, "os.PathLike[str]"]
#: ``language=`` of the readers: one ISO 639-1 code or several
Languages = Optional[Union[str, Iterable[str]]]
#: tables of the stages made for English text (their results on other languages are noise)
_ENGLISH_ONLY = frozenset({"mentions", "quotes_raw", "times", "events_raw"})

__all__ = ["Corpus", "read", "read_dir", "open", "read_parquet"]


class Corpus:
    """A collection of :class:`Document` objects and their pandas tables.

    Every table of :data:`peacecorpus.tables.REGISTRY` is a method of the
    same name (``corpus.sentences()``, ``corpus.entities()`` ...) and
    ``corpus.table(name, **params)``.  A table is computed once and cached;
    calls with other parameters than the registered defaults are computed
    afresh.  Document ids are strings and unique.

    >>> import peacecorpus as pc
    >>> corpus = pc.read("data/seeds")                           # doctest: +SKIP
    >>> corpus.documents()[["doc_id", "title", "n_sentences"]]   # doctest: +SKIP
    """

    def __init__(self, documents: Iterable[Document] = (), errors: Iterable[Dict[str, Any]] = (), *,
                 tables: Optional[Dict[str, pd.DataFrame]] = None,
                 params: Optional[Dict[str, Dict[str, Any]]] = None,
                 source: Optional[str] = None, n_jobs: Optional[int] = None,
                 hashes: Optional[Dict[str, str]] = None) -> None:
        docs = list(documents)
        ids = [d.doc_id for d in docs]
        if len(set(ids)) != len(ids):
            counts: Dict[Optional[str], int] = {}
            for i in ids:
                counts[i] = counts.get(i, 0) + 1
            dup = [i for i, k in counts.items() if k > 1]
            if None in dup:
                raise ValueError(f"{counts[None]} documents have no doc_id: give each one an id "
                                 "(pc.parse(text, doc_id=...)) or build the corpus with pc.read / "
                                 "Corpus.from_pandas, which name them")
            raise ValueError(f"duplicate doc_id(s): {', '.join(map(repr, dup[:5]))}")
        self._errors: List[Dict[str, Any]] = list(errors)
        # (doc_id, stage) -> error row of a document that failed after parsing
        # (its entities, quotes, times or events): see _stage_error
        self._stage_errors: Dict[Any, Dict[str, Any]] = {}
        self._cache: Dict[str, pd.DataFrame] = {}
        self._params: Dict[str, Dict[str, Any]] = {}
        self._other: Dict[Any, pd.DataFrame] = {}
        self._n_jobs = n_jobs
        self._overriding: set = set()
        # content hashes of the inputs (kept from a store, so that a save elsewhere keeps them)
        self._hashes: Dict[str, str] = dict(hashes or {})
        #: where the tables came from (a store path), None in memory
        self.source = source
        if tables is None:
            self._docs: Optional[List[Document]] = docs
        else:
            # tables filled from a store or Dask: documents re-materialised on demand
            if docs or self._errors:
                raise ValueError("give documents or tables, not both")
            self._docs = None
            for name, df in tables.items():
                self._cache[name] = conform(df, name)
                self._params[name] = dict((params or {}).get(name, REGISTRY[name].params))
            if "documents" not in self._cache:
                self._cache["documents"] = _tables.empty("documents")
        self._index: Optional[Dict[Optional[str], int]] = None
        self._language_checked = False

    # -- construction ----------------------------------------------------------
    @classmethod
    def _parsed(cls, items: Sequence[Any], n_jobs: Optional[int], max_bytes: int,
                keep_boilerplate: bool, language: Languages = None) -> "Corpus":
        with _gc_paused():  # a Doc and its arrays per input, none in a cycle
            docs, errors = readers.parse_inputs(items, n_jobs, max_bytes, keep_boilerplate)
        if language is not None:
            docs, errors = _keep_languages(docs, errors, language)
        return cls(docs, errors, n_jobs=n_jobs)

    @classmethod
    def from_texts(cls, texts: Iterable[Union[str, bytes]], ids: Optional[Iterable[Any]] = None, *,
                   n_jobs: Optional[int] = None, max_bytes: int = DEFAULT_MAX_BYTES,
                   keep_boilerplate: bool = False, language: Languages = None) -> "Corpus":
        """Parse texts (plain text or HTML); ids default to ``"0", "1", ...``;
        ``language``: keep only documents in these languages (see :func:`read`).

        >>> import peacecorpus as pc
        >>> pc.Corpus.from_texts(["Hello there. Bye."], ids=["a"]).doc_ids
        ['a']
        """
        return cls._parsed(readers.from_texts(texts, ids), n_jobs, max_bytes, keep_boilerplate, language)

    @classmethod
    def from_pandas(cls, df: pd.DataFrame, text: str = "text", id: Optional[str] = "doc_id", *,
                    n_jobs: Optional[int] = None, max_bytes: int = DEFAULT_MAX_BYTES,
                    keep_boilerplate: bool = False, language: Languages = None) -> "Corpus":
        """Build a corpus from a DataFrame with a text column and an id column
        (``id=None``: the row index).  Other columns are kept in
        ``Document.extra``; ``title``, ``author``, ``source`` and ``published``
        fill those fields when the text itself does not give them, ``path``
        the document's path.  Missing or non-text values become error rows
        (see :mod:`peacecorpus.readers`).

        >>> import pandas as pd, peacecorpus as pc
        >>> c = pc.Corpus.from_pandas(pd.DataFrame({"doc_id": ["a"], "text": ["Hello there. Bye."]}))
        >>> c.documents()[["doc_id", "n_sentences"]].values.tolist()
        [['a', 2]]
        """
        return cls._parsed(readers.from_frame(df, text, id), n_jobs, max_bytes, keep_boilerplate,
                           language)

    @classmethod
    def open(cls, path: PathLike) -> "Corpus":
        """A corpus from a store written by :meth:`save` or :func:`peacecorpus.ingest`.
        Its tables are read when first used (see :class:`peacecorpus.store.LazyReader`)."""
        from . import store
        reader = store.LazyReader(path)
        corpus = cls(tables={}, params=reader.params, source=str(path), hashes=reader.hashes)
        corpus._cache = _StoredTables(reader)
        for name in reader.names():
            corpus._params[name] = dict(reader.params.get(name, REGISTRY[name].params))
        return corpus

    # -- documents ---------------------------------------------------------------
    def _documents(self) -> List[Document]:
        if self._docs is None:
            self._docs = _documents_from_tables(self._cache)
        return self._docs

    def __len__(self) -> int:
        if self._docs is not None:
            return len(self._docs)
        if isinstance(self._cache, _StoredTables):
            return len(self._hashes)  # one per stored document: len() reads no table
        return len(self._cache["documents"])

    def __iter__(self) -> Iterator[Document]:
        return iter(self._documents())

    def __getitem__(self, key: str) -> Document:
        if not isinstance(key, str):
            raise TypeError(f"corpus[...] takes a doc_id (str), not {type(key).__name__}: "
                            f"use corpus[corpus.doc_ids[i]] or list(corpus)[i] for the i-th document")
        docs = self._documents()
        if self._index is None:
            self._index = {d.doc_id: i for i, d in enumerate(docs)}
        i = self._index.get(key)
        if i is None:
            raise KeyError(f"no document {key!r} in the corpus ({len(docs)} documents)")
        doc = docs[i]
        # a notebook view of the document shows the corpus's rows when they are at hand
        shown = {n: t[t["doc_id"] == key].reset_index(drop=True)
                 for n, t in ((n, self._cache.get(n)) for n in ("entities", "quotes")) if t is not None}
        if shown:
            doc.__dict__["_stored_tables"] = shown
        return doc

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and key in set(self.doc_ids)

    @property
    def doc_ids(self) -> List[str]:
        if self._docs is not None:
            # every document of a corpus has an id (the readers set it)
            return cast(List[str], [d.doc_id for d in self._docs])
        return self._cache["documents"]["doc_id"].tolist()

    def texts(self) -> List[str]:
        """The cleaned texts, in corpus order."""
        if self._docs is not None:
            return [d.text for d in self._docs]
        return self._cache["documents"]["text"].tolist()

    # -- tables -----------------------------------------------------------------
    def table(self, name: str, **params: Any) -> pd.DataFrame:
        """Table ``name`` of the registry, computed once and cached (a copy is
        returned).  ``params`` other than the registered defaults compute it
        afresh.

        >>> import peacecorpus as pc
        >>> pc.Corpus.from_texts(["One. Two."]).table("sentences")["text"].tolist()
        ['One.', 'Two.']
        """
        return self._table(name, params).copy()

    def _table(self, name: str, params: Dict[str, Any]) -> pd.DataFrame:
        spec = REGISTRY.get(name)
        if spec is None:
            raise ValueError(f"no table {name!r}; tables: {', '.join(REGISTRY)}")
        override = _tables.overridden(type(self), name) if spec.public and name not in self._overriding else None
        if override is not None:
            # a subclass that computes the table its own way (fixed rows, another model);
            # its own call of super().<name>() comes back here and is computed
            self._overriding.add(name)
            try:
                return conform(override(self, **params), name)
            finally:
                self._overriding.discard(name)
        full = {**spec.params, **params}
        if name in self._cache and self._params.get(name, dict(spec.params)) == full:
            return self._cache[name]
        key = (name, tuple(sorted((k, repr(v)) for k, v in full.items())))
        if key in self._other:
            return self._other[key]
        if self._docs is None and spec.scope == _tables.DOCUMENT and name in self._cache:
            raise ValueError(f"the stored {name} table was computed with {self._params.get(name)}")
        if name in _ENGLISH_ONLY and not self._language_checked:
            self._language_checked = True
            _warn_languages(_tables.doc_columns(self, ["language"]))
        with _gc_paused():
            df = conform(spec.producer(self, **params), name)
        if full == dict(spec.params) and name not in self._cache:
            self._cache[name] = df
            self._params[name] = full
        else:
            self._other[key] = df
        return df

    def documents(self) -> pd.DataFrame:
        """One row per document: the ``documents`` table of the registry
        (``python -m peacecorpus.tables``), then one column per field of
        ``Document.extra`` (a DataFrame's or a JSONL file's other columns, a
        WARC record's ``fetched``...), in name order, missing where a document
        has no such field."""
        df = self.table("documents")
        if self._docs is not None:
            extras = {d.doc_id: d.extra for d in self._docs}
        elif "doc_data" in self._cache:
            data = self._cache["doc_data"]
            extras = {i: json.loads(e) for i, e in zip(data["doc_id"].tolist(), data["extra"].tolist())}
        else:
            extras = {}
        keys = sorted({k for e in extras.values() for k in e} - set(df.columns))
        ids = df["doc_id"].tolist()
        for key in keys:
            values = [extras.get(i, {}).get(key) for i in ids]
            if all(v is None or isinstance(v, str) for v in values):
                df[key] = pd.array(values, dtype=pd.StringDtype("pyarrow"))
            else:
                df[key] = pd.Series(values, index=df.index, dtype=object)
        return df

    def paragraphs(self) -> pd.DataFrame:
        """One row per paragraph: ``doc_id, paragraph, start, end, kind, text``."""
        return self.table("paragraphs")

    def sentences(self, text: bool = True) -> pd.DataFrame:
        """One row per sentence: ``doc_id, sentence, start, end, paragraph, text``."""
        df = self.table("sentences")
        return df if text else df.drop(columns=["text"])

    def tokens(self, text: bool = True) -> pd.DataFrame:
        """One row per token: ``doc_id, start, end, kind, space_after, text``."""
        df = self.table("tokens")
        return df if text else df.drop(columns=["text"])

    def removed(self) -> pd.DataFrame:
        """Every boilerplate line removed: ``doc_id, item, reason, text, position, line``."""
        return self.table("removed")

    def errors(self) -> pd.DataFrame:
        """Inputs that could not be read or parsed, and documents that failed
        in a later stage: ``doc_id, path, reason, offset, message``.  Nothing
        is dropped silently: every input is either a document or a row here;
        a document whose entities (quotes, times, events) could not be
        extracted -- a limit, an engine error -- is kept, without those rows,
        and has a row here whose message names the stage.  The stages run
        first if they have not yet."""
        return self.table("errors")

    def _stage_error(self, stage: str, doc: Document, exc: Exception) -> None:
        """Record that ``doc`` failed in ``stage`` (once per document and stage)."""
        from .errors import DocumentError
        key = (doc.doc_id, stage)
        if key in self._stage_errors:
            return
        if isinstance(exc, DocumentError):
            reason, offset, message = exc.reason, exc.offset, exc.detail
        else:
            reason, offset, message = "error", None, f"{type(exc).__name__}: {exc}"
        self._stage_errors[key] = readers.error_row(doc.doc_id, doc.path, reason, f"{stage}: {message}", offset)
        self._cache.pop("errors", None)

    def summary(self) -> Dict[str, int]:
        """Counts for a quick look (documents, sentences, tokens, removed lines,
        errors: those known so far, see :meth:`errors`)."""
        n_errors = len(self._errors) + len(self._stage_errors) if self._docs is not None \
            else len(self._cache["errors"]) if "errors" in self._cache else 0
        if self._docs is not None and "documents" not in self._cache:
            # straight from the documents: no table of a million rows for five numbers
            docs = self._docs
            return {"documents": len(docs), "paragraphs": sum(int(d._para.shape[0]) for d in docs),
                    "sentences": sum(d.n_sentences for d in docs), "tokens": sum(d.n_tokens for d in docs),
                    "removed_lines": sum(len(d.removed) for d in docs),
                    "repairs": sum(d.n_repairs for d in docs), "errors": n_errors}
        docs_t = self._cache["documents"]

        def total(c: str) -> int:
            return int(docs_t[c].sum()) if len(docs_t) else 0

        return {"documents": len(docs_t), "paragraphs": total("n_paragraphs"), "sentences": total("n_sentences"),
                "tokens": total("n_tokens"), "removed_lines": total("n_removed"), "repairs": total("repairs"),
                "errors": n_errors}

    # -- entities --------------------------------------------------------------
    def mentions(self) -> pd.DataFrame:
        """Entity mentions with the canonical name *within their document*:
        ``doc_id, start, end, text, label, canonical, entity_id, role, sentence,
        score, source`` (a document table: the same whatever else is in the corpus)."""
        return self.table("mentions")

    def canonical(self) -> pd.DataFrame:
        """The corpus-wide name of each ``(label, name)``: spelling variants of
        one entity merged across documents (:func:`peacecorpus.entities.canonical_table`)."""
        return self.table("canonical")

    def entities(self, n_jobs: Optional[int] = None) -> pd.DataFrame:
        """Entity mentions of all documents with their corpus-wide canonical names:
        ``doc_id, start, end, text, label, canonical, entity_id, role, sentence,
        score, source``.  Extraction runs in ``n_jobs`` threads (the engine releases the GIL)."""
        if n_jobs is not None:
            self._n_jobs = n_jobs
        return self.table("entities")

    def entity_table(self, numeric: bool = False) -> pd.DataFrame:
        """One row per canonical entity: ``canonical, label, entity_id,
        mentions, documents, aliases`` (most mentioned first).  Names only;
        ``numeric=True`` also lists numbers and dates (CARDINAL, DATE, ...)."""
        return self.table("entity_table", numeric=numeric)

    # -- quotations -------------------------------------------------------------
    def quotes_raw(self) -> pd.DataFrame:
        """Quotes with the speaker as named within their document (a document table)."""
        return self.table("quotes_raw")

    def quotes(self) -> pd.DataFrame:
        """Every quotation: ``doc_id, start, end, quote, kind, speaker, speaker_mention,
        speaker_role, cue, cue_start, cue_end`` (offsets into each document's
        cleaned text); speakers carry their corpus-wide canonical name."""
        return self.table("quotes")

    def quote_reuse(self, min_overlap: float = 0.5, min_words: int = 6) -> pd.DataFrame:
        """The same utterance carried by several documents, grouped, with the
        earliest and the longest version of each group marked."""
        return self.table("quote_reuse", min_overlap=min_overlap, min_words=min_words)

    # -- similarity --------------------------------------------------------------
    def near_duplicates(self, threshold: float = 0.8, num_perm: int = 128, ngram: int = 5,
                        seed: int = 1) -> pd.DataFrame:
        """Near-duplicate pairs by MinHash + LSH, verified by exact Jaccard of word
        ``ngram`` shingles: ``doc_a, doc_b, jaccard_est, jaccard``."""
        return self.table("near_duplicates", **_given(threshold=threshold, num_perm=(num_perm, 128),
                                                      ngram=(ngram, 5), seed=(seed, 1)))

    def duplicate_groups(self, threshold: float = 0.8, num_perm: int = 128, ngram: int = 5,
                         seed: int = 1) -> pd.DataFrame:
        """Clusters of near-duplicates (connected components): ``group, doc_id``."""
        return self.table("duplicate_groups", **_given(threshold=threshold, num_perm=(num_perm, 128),
                                                       ngram=(ngram, 5), seed=(seed, 1)))

    def similarity(self, method: str = "tfidf", min_score: float = 0.0, top_k: Optional[int] = 10,
                   **kwargs: Any) -> pd.DataFrame:
        """Each document's ``top_k`` most similar documents, in long form
        ``doc_a, doc_b, score`` (best first; a pair is listed once, ``doc_a``
        first in corpus order).  Bounded by default: at most ``N * top_k``
        rows; ``top_k=None`` lists every pair (N^2 rows, only on request).

        ``method`` is ``"tfidf"`` (cosine of sublinear, l2-normalised TF-IDF),
        ``"minhash"`` (estimated Jaccard of word shingles) or ``"entities"``
        (weighted overlap of canonical entities); see
        :func:`peacecorpus.similarity.similarity`.  :meth:`similarity_matrix`
        gives exact values among chosen documents as a square matrix.
        """
        if method not in ("tfidf", "minhash", "entities"):
            raise ValueError(f"method must be 'tfidf', 'minhash' or 'entities', not {method!r}")
        return self.table("similarity", method=method, **_given(min_score=(min_score, 0.0), top_k=(top_k, 10)),
                          **kwargs)

    def similarity_matrix(self, doc_ids: Optional[Sequence[str]] = None, method: str = "tfidf") -> pd.DataFrame:
        """Exact similarity among chosen documents (default: all, if there are
        at most :data:`peacecorpus.similarity.MAX_MATRIX`) as a square
        DataFrame, ``doc_ids`` in their order on both axes."""
        from . import similarity
        docs = self._table("documents", {})
        ids = docs["doc_id"].tolist()
        if method == "entities":
            return similarity.entity_matrix(self.table("entities"), ids, doc_ids)
        return similarity.matrix(ids, docs["text"].fillna("").tolist(), doc_ids, method)

    def reuse(self, min_words: int = 8, **kwargs: Any) -> pd.DataFrame:
        """Passages shared between documents: ``doc_a, a_start, a_end, doc_b, b_start,
        b_end, words, identity`` (offsets into each document's cleaned text)."""
        return self.table("reuse", min_words=min_words, **kwargs)

    def stories(self, threshold: float = 0.4, n_terms: int = 4) -> pd.DataFrame:
        """Documents clustered into stories from the TF-IDF similarity graph,
        each named by its top terms: ``story, doc_id, label``."""
        return self.table("stories", threshold=threshold, **_given(n_terms=(n_terms, 4)))

    def compare(self, doc_a: str, doc_b: str, min_words: int = 8) -> "ReuseView":
        """Two documents side by side in a notebook, with the passages they share
        (:meth:`reuse`) highlighted."""
        from ._display import ReuseView
        return ReuseView(self[doc_a], self[doc_b], self.reuse(min_words=min_words))

    # -- time expressions, events, timeline, conflicts (peacecorpus.events) -----
    def times(self) -> pd.DataFrame:
        """Time expressions, normalized against each document's publication
        date: ``doc_id, sentence, start, end, text, type, value, partial,
        granularity, mod, anchor``.  Without a publication date a relative
        expression ("last September") has value None and a partial value
        ("XXXX-09"), never a guessed year; see :mod:`peacecorpus.events`."""
        return self.table("times")

    def events(self) -> pd.DataFrame:
        """Event mentions: ``doc_id, event, sentence, type, trigger, start, end,
        status, participants, participant_labels, place, place_label, time,
        time_value, time_partial, time_granularity, numbers, evidence,
        evidence_start, evidence_end``; participants and place carry their
        corpus-wide canonical names."""
        return self.table("events")

    def event_numbers(self) -> pd.DataFrame:
        """The numbers reported with events: ``doc_id, event, text, value,
        value2, unit, qualifier, low, high`` (low/high: the interval the
        qualifier and the rounding allow)."""
        return self.table("event_numbers")

    def timeline(self, entity: Optional[str] = None) -> pd.DataFrame:
        """Events merged across documents, in time order (dated ones), with the
        documents that report them: ``event_id, type, label, time, time_start,
        granularity, participants, place, documents, n_documents, n_sources,
        n_mentions, status, conflict, evidence, doc_id, first_published``.
        ``entity``: only events with this participant or place (canonical
        name, any case)."""
        from .events import timeline_of
        return timeline_of(self.table("timeline"), entity)

    def conflicts(self) -> pd.DataFrame:
        """Merged events that documents report with incompatible times or
        numbers: both versions with their evidence sentence, documents,
        earliest publication date and number of sources (near-duplicate
        copies count once), which version more and earlier sources support,
        and the mentions whose unresolved dates fit both."""
        return self.table("conflicts")

    # -- storage ----------------------------------------------------------------
    def stored_tables(self) -> Dict[str, pd.DataFrame]:
        """Every stored table of the registry (what :meth:`save` writes)."""
        from ._progress import track
        names = _tables.names(stored=True)
        return {name: self._table(name, {}) for name in track(names, "tables", len(names), "table")}

    def save(self, path: PathLike) -> None:
        """Write the corpus and all its tables to a DuckDB file (one transaction);
        read it back with :func:`peacecorpus.open`.  See :mod:`peacecorpus.store`."""
        from . import store
        store.save(self.stored_tables(), self._stored_params(), path, self._hashes)

    def to_parquet(self, directory: PathLike) -> Path:
        """Write every stored table as ``<directory>/<table>.parquet``; read it back
        with :func:`peacecorpus.read_parquet`."""
        from . import store
        return store.to_parquet(self.stored_tables(), self._stored_params(), directory, self._hashes)

    def _stored_params(self) -> Dict[str, Dict[str, Any]]:
        return {n: self._params.get(n, dict(REGISTRY[n].params)) for n in _tables.names(stored=True)}

    # -- display ----------------------------------------------------------------
    def __repr__(self) -> str:
        s = self.summary()
        where = f" from {self.source}" if self.source else ""
        return (f"<Corpus {s['documents']} documents, {s['sentences']} sentences, "
                f"{s['tokens']} tokens, {s['errors']} errors{where}>")

    def _repr_html_(self) -> str:
        s = self.summary()
        head = "".join(f"<tr><td>{esc(k)}</td><td>{esc(v)}</td></tr>" for k, v in s.items())
        docs = self._table("documents", {}).head(50)
        rows = "".join(
            f"<tr><td>{esc(i)}</td><td>{esc(_na(t))}</td><td>{esc(_na(src))}</td>"
            f"<td>{esc(_na(p))}</td><td>{n}</td></tr>"
            for i, t, src, p, n in zip(docs["doc_id"], docs["title"], docs["source"], docs["published"],
                                       docs["n_sentences"]))
        more = f"<p>… {len(self) - 50} more</p>" if len(self) > 50 else ""
        where = f" <small>{esc(self.source)}</small>" if self.source else ""
        return (f'{CSS}<div class="pc-doc"><h3>Corpus{where}</h3><table class="pc-meta">{head}</table>'
                f"<table><tr><th>doc_id</th><th>title</th><th>source</th><th>published</th>"
                f"<th>sentences</th></tr>{rows}</table>{more}</div>")


class _StoredTables(dict):
    """The table cache of a corpus opened from a store: a stored table counts
    as cached and is read (and conformed) when first looked up."""

    def __init__(self, reader: "LazyReader") -> None:
        super().__init__()
        self._load = reader
        self._pending = set(reader.names())

    def __missing__(self, name: str) -> pd.DataFrame:
        if name not in self._pending:
            raise KeyError(name)
        df = conform(self._load(name), name)
        self[name] = df
        self._pending.discard(name)
        return df

    def __contains__(self, name: object) -> bool:
        return dict.__contains__(self, name) or name in self._pending

    def get(self, name: str, default: Any = None) -> Any:
        return self[name] if name in self else default

    def pop(self, name: str, *default: Any) -> Any:
        self._pending.discard(name)
        return dict.pop(self, name, *default)


def _na(v: Any) -> Any:
    return None if v is None or v is pd.NA or v is pd.NaT or (isinstance(v, float) and v != v) else v


def _given(**pairs: Any) -> Dict[str, Any]:
    """Keyword arguments for a table call: ``name=(value, default)`` pairs are
    passed only when not the default (so a default call hits the cache of a
    table computed with the registry's parameters); plain ``name=value`` always."""
    out = {}
    for k, v in pairs.items():
        if isinstance(v, tuple):
            if v[0] != v[1]:
                out[k] = v[0]
        else:
            out[k] = v
    return out


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """The cyclic garbage collector paused while a table is computed: a table
    is millions of new small objects (row tuples, lists, strings), hardly any
    of them in a cycle, and each collection they trigger walks every object
    of the corpus (26% of the CPU time of the events pipeline on 10,000
    documents).  Collection resumes afterwards; nesting is fine."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _native(rows: Any) -> bytes:
    """Stored little-endian uint32 rows in this machine's byte order."""
    return np.frombuffer(bytes(rows), dtype="<u4").astype(np.uint32).tobytes()


def _documents_from_tables(cache: Dict[str, pd.DataFrame]) -> List[Document]:
    """Re-materialise Documents from the stored documents, doc_data and removed
    tables (no parsing)."""
    docs = cache["documents"]
    data = cache.get("doc_data")
    if len(docs) and (data is None or len(data) != len(docs)):
        raise ValueError("the stored tables cannot re-materialise the documents (no doc_data)")
    removed = cache.get("removed", _tables.empty("removed"))
    rm: Dict[str, List[tuple]] = {}
    for doc_id, reason, text, pos, line in zip(removed["doc_id"].tolist(), removed["reason"].tolist(),
                                               removed["text"].tolist(), removed["position"].tolist(),
                                               removed["line"].tolist()):
        rm.setdefault(doc_id, []).append((reason, text, int(pos), int(line)))
    by_id = {} if data is None else {r["doc_id"]: r for r in data.to_dict("records")}
    out = []
    for doc_id, text, path, is_html in zip(docs["doc_id"].tolist(), docs["text"].tolist(),
                                           docs["path"].tolist(), docs["is_html"].tolist()):
        d = by_id[doc_id]
        repairs = json.loads(d["repairs_detail"])
        core = _core.Doc(text if isinstance(text, str) else "", _native(d["paragraph_arr"]),
                         _native(d["sentence_arr"]), _native(d["token_arr"]), removed=rm.get(doc_id, []),
                         meta=dict(json.loads(d["html_meta"])),
                         repairs=[int(repairs.get(k, 0)) for k in _STAT_KEYS], is_html=bool(is_html))
        out.append(Document(core, doc_id=doc_id, path=path if isinstance(path, str) else None,
                            extra=json.loads(d["extra"])))
    return out


# -- reading ------------------------------------------------------------------------------------
def _wanted(language: Union[str, Iterable[str]]) -> List[str]:
    from ._lang import primary
    codes = [language] if isinstance(language, str) else list(language)
    wanted = [c for c in (primary(x) for x in codes) if c]
    if not wanted:
        raise ValueError(f"language={language!r}: give ISO 639-1 codes such as 'en' or ['en', 'de']")
    return wanted


def _keep_languages(docs: List[Document], errors: List[Dict[str, Any]],
                    language: Union[str, Iterable[str]]) -> "tuple[List[Document], List[Dict[str, Any]]]":
    """The documents in ``language`` (or too short to tell); the others as error rows."""
    wanted = _wanted(language)
    kept: List[Document] = []
    errors = list(errors)
    for doc in docs:
        lang = doc.language
        if lang is None or lang in wanted:
            kept.append(doc)
        else:
            errors.append(readers.error_row(
                doc.doc_id, doc.path, "language",
                f"language {lang!r} is not {' or '.join(map(repr, wanted))} (language= filter)"))
    return kept, errors


def _warn_languages(documents: pd.DataFrame) -> None:
    """Warn once per corpus that documents in other languages than English are in it."""
    if "language" not in documents.columns or not len(documents):
        return
    langs = documents["language"].dropna()
    other = langs[~langs.astype(str).str.startswith("en")]
    if len(other):
        import warnings

        from .errors import LanguageWarning
        counts = ", ".join(f"{k} {v}" for k, v in other.value_counts().head(5).items())
        warnings.warn(
            f"{len(other)} of {len(documents)} documents are not in English ({counts}): entities, "
            "quotes, times and events are made for English text and are unreliable on them; "
            "pc.read(..., language='en') leaves them out (see the language column of documents())",
            LanguageWarning, stacklevel=_caller_level())


def _caller_level() -> int:
    """The ``stacklevel`` that names the first frame outside this package (the user's call)."""
    import sys
    pkg = os.path.dirname(os.path.abspath(__file__))
    frame: Any = sys._getframe(1)
    level = 1
    while frame is not None and os.path.dirname(os.path.abspath(frame.f_code.co_filename)) == pkg:
        frame, level = frame.f_back, level + 1
    return level


def read(paths: Union[PathLike, Iterable[PathLike], pd.DataFrame], pattern: str = "*", *,
         recursive: bool = True, text: str = "text", id: Optional[str] = "doc_id",
         n_jobs: Optional[int] = None, max_bytes: int = DEFAULT_MAX_BYTES,
         keep_boilerplate: bool = False, language: Languages = None) -> Corpus:
    """Read articles into a :class:`Corpus`: a file, a folder (searched
    recursively for ``pattern``), a list of them, or a DataFrame (``text`` and
    ``id`` name its columns, and the fields of JSONL/CSV/Parquet records).
    WARC, JSON Lines, CSV/TSV and Parquet files give one document per record
    (see :mod:`peacecorpus.readers`).  Files are read by :mod:`peacecorpus.readers`:
    ``doc_id`` is the path below the folder without extension; binary,
    too-large, unreadable and duplicate files become rows of
    :meth:`Corpus.errors`, never exceptions.

    ``language`` (``"en"`` or a list of ISO 639-1 codes) keeps only the documents
    detected in those languages (the ``language`` column of :meth:`Corpus.documents`;
    documents too short to tell are kept); the others become ``errors`` rows with
    reason ``language``.  Entities, quotes, times and events are made for English:
    without a filter they warn when the corpus has documents in other languages.

    >>> import peacecorpus as pc
    >>> len(pc.read("data/seeds"))                        # doctest: +SKIP
    5
    """
    if isinstance(paths, pd.DataFrame):
        items = readers.from_frame(paths, text, id)
    else:
        # files of records (JSONL, CSV, Parquet, WARC) find their text and id fields by
        # name unless named here
        items = readers.from_files(paths, pattern, recursive=recursive, max_bytes=max_bytes,
                                   text=None if text == "text" else text,
                                   id=None if id == "doc_id" else id)
    return Corpus._parsed(items, n_jobs, max_bytes, keep_boilerplate, language)


def read_dir(path: PathLike, pattern: str = "*", *, recursive: bool = False,
             n_jobs: Optional[int] = None, max_bytes: int = DEFAULT_MAX_BYTES,
             keep_boilerplate: bool = False, language: Languages = None) -> Corpus:
    """Read every file matching ``pattern`` in one folder (text or HTML);
    :func:`read` with ``recursive=False`` by default.

    >>> import peacecorpus as pc
    >>> corpus = pc.read_dir("data/seeds", "*.txt")     # doctest: +SKIP
    """
    root = Path(path)
    if not root.is_dir():
        raise NotADirectoryError(f"{str(root)!r} is not a directory")
    return read(root, pattern, recursive=recursive, n_jobs=n_jobs, max_bytes=max_bytes,
                keep_boilerplate=keep_boilerplate, language=language)


def open(path: PathLike) -> Corpus:  # noqa: A001 - mirrors builtins.open on purpose
    """Read a store written by :meth:`Corpus.save` or :func:`peacecorpus.ingest`.

    >>> corpus = pc.open("corpus.duckdb")                      # doctest: +SKIP
    >>> corpus.quotes().groupby("speaker").size().nlargest(5)  # doctest: +SKIP
    """
    return Corpus.open(path)


def read_parquet(directory: PathLike) -> Corpus:
    """Read a folder written by :meth:`Corpus.to_parquet`."""
    from . import store
    frames, params, hashes = store.read_parquet(directory)
    return Corpus(tables=frames, params=params, source=str(directory), hashes=hashes)
