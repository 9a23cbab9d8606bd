"""The :class:`Corpus`: a collection of documents and their tables."""
from __future__ import annotations

import os
import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any, Dict, Iterable, Iterator, List, Optional, Sequence, Tuple, Union, cast

import numpy as np
import pandas as pd

from . import _core
from ._display import CSS, esc
from .document import DEFAULT_MAX_BYTES, Document, parse
from .errors import BinaryInput, DocumentError

if TYPE_CHECKING:
    from ._display import ReuseView

# Files whose first bytes say they are not text (PDF, images, archives, office files).
_MAGIC = (b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"PK\x03\x04", b"\x1f\x8b", b"BZh",
          b"\xfd7zXZ", b"7z\xbc\xaf", b"Rar!", b"\xd0\xcf\x11\xe0", b"\x7fELF", b"RIFF", b"OggS")
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def _binary_reason(data: bytes) -> Optional[str]:
    """Why ``data`` looks binary, or None when it looks like text."""
    head = data[:8192]
    for magic in _MAGIC:
        if head.startswith(magic):
            return f"binary file (starts with {magic!r})"
    if not head:
        return None
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    if controls / len(head) > 0.10:
        return f"binary content ({controls} control bytes in the first {len(head)})"
    return None


def decode_bytes(data: bytes) -> Tuple[Union[str, bytes], Optional[str]]:
    """Decide how to read raw file bytes.

    Valid UTF-8 (with or without BOM) is decoded.  Bytes that are not valid
    UTF-8 and contain no UTF-8 multi-byte sequence at all are legacy 8-bit
    text and are decoded as Windows-1252 (a superset of Latin-1); otherwise the
    bytes go to the engine, which repairs invalid sequences with U+FFFD and
    counts them.  Returns the input for :func:`parse` and the encoding used.
    """
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    if not _UTF8_MULTIBYTE.search(data):
        return data.decode("cp1252", errors="replace"), "cp1252"
    return data, "utf-8 (repaired)"


_CHUNK = 64  # documents per thread task in _parse_many


def _parse_many(items: Sequence[Tuple[str, Any, Optional[str], Dict[str, Any]]], n_jobs: int,
                max_bytes: int, keep_boilerplate: bool) -> Tuple[List[Document], List[Dict[str, Any]]]:
    """Parse (doc_id, data, path, extra) items; returns documents and error rows, in input order."""

    def one(item):
        doc_id, data, path, extra = item
        try:
            if isinstance(data, (bytes, bytearray)):
                reason = _binary_reason(bytes(data))
                if reason:
                    raise BinaryInput(reason, doc_id=doc_id, offset=0, reason="binary")
                data, encoding = decode_bytes(bytes(data))
                extra = dict(extra, encoding=encoding)
            elif not isinstance(data, str):
                raise DocumentError(f"expected str or bytes, got {type(data).__name__}",
                                    doc_id=doc_id, reason="type")
            return parse(data, doc_id=doc_id, path=path, extra=extra, max_bytes=max_bytes,
                         keep_boilerplate=keep_boilerplate), None
        except DocumentError as exc:
            return None, {"doc_id": doc_id, "path": path, "reason": exc.reason,
                          "offset": exc.offset, "message": str(exc)}

    flags = _core.CLEAN_KEEP_BOILERPLATE if keep_boilerplate else 0

    def run(part):
        # str items: one C call for the whole part (the GIL is released per
        # document inside it); bytes and odd types, and any item the engine
        # failed on (its status code comes back as an int), go through one()
        # so that errors become the same rows as before.
        out: List[Any] = [None] * len(part)
        idx = [i for i, it in enumerate(part) if type(it[1]) is str]
        raws: List[Any] = _core.parse_many([part[i][1] for i in idx], _core.MODE_AUTO, flags, max_bytes or 0)
        for i, raw in zip(idx, raws):
            if type(raw) is int:
                out[i] = one(part[i])
            else:
                doc_id, _, path, extra = part[i]
                out[i] = Document(raw, doc_id=doc_id, path=path, extra=extra), None
        for i, it in enumerate(part):
            if out[i] is None:
                out[i] = one(it)
        return out

    if n_jobs == 1 or len(items) < 2:
        results = run(items)
    else:
        # contiguous chunks, not one future per document: a future costs
        # about as much Python time as parsing a short article
        size = max(1, min(_CHUNK, -(-len(items) // n_jobs)))
        parts = [items[i:i + size] for i in range(0, len(items), size)]
        with ThreadPoolExecutor(max_workers=n_jobs) as pool:
            results = [r for part in pool.map(run, parts) for r in part]
    docs = [d for d, _ in results if d is not None]
    errors = [e for _, e in results if e is not None]
    return docs, errors


class Corpus:
    """A collection of :class:`Document` objects, with pandas tables.

    >>> import peacecorpus as pc
    >>> corpus = pc.read_dir("data/seeds")            # doctest: +SKIP
    >>> corpus.documents()[["doc_id", "title", "n_sentences"]]   # doctest: +SKIP
    """

    def __init__(self, documents: Iterable[Document] = (), errors: Iterable[Dict[str, Any]] = ()) -> None:
        self._docs: List[Document] = list(documents)
        self._errors: List[Dict[str, Any]] = list(errors)
        self._index: Optional[Dict[Optional[str], int]] = None

    # -- construction ----------------------------------------------------------
    @classmethod
    def from_texts(cls, texts: Iterable[Union[str, bytes]], ids: Optional[Iterable[str]] = None, *,
                   n_jobs: Optional[int] = None, max_bytes: int = DEFAULT_MAX_BYTES,
                   keep_boilerplate: bool = False) -> "Corpus":
        """Parse texts (plain text or HTML); ids default to ``"0", "1", ...``."""
        texts = list(texts)
        ids = [str(i) for i in range(len(texts))] if ids is None else [str(i) for i in ids]
        if len(ids) != len(texts):
            raise ValueError("texts and ids differ in length")
        items: List[Tuple[str, Any, Optional[str], Dict[str, Any]]] = [(i, t, None, {}) for i, t in zip(ids, texts)]
        docs, errors = _parse_many(items, n_jobs or os.cpu_count() or 1, max_bytes, keep_boilerplate)
        return cls(docs, errors)

    @classmethod
    def from_pandas(cls, df: pd.DataFrame, text: str = "text", id: str = "doc_id", *,
                    n_jobs: Optional[int] = None, max_bytes: int = DEFAULT_MAX_BYTES,
                    keep_boilerplate: bool = False) -> "Corpus":
        """Build a corpus from a DataFrame with a text column and an id column.

        Other columns are kept in ``Document.extra``; ``title``, ``author``,
        ``source`` and ``published`` columns fill those fields when the text
        itself does not give them.

        >>> import pandas as pd, peacecorpus as pc
        >>> c = pc.Corpus.from_pandas(pd.DataFrame({"doc_id": ["a"], "text": ["Hello there. Bye."]}))
        >>> c.documents()[["doc_id", "n_sentences"]].values.tolist()
        [['a', 2]]
        """
        if text not in df.columns:
            raise KeyError(f"no column {text!r} in the DataFrame")
        ids = df[id].astype(str).tolist() if id in df.columns else [str(i) for i in df.index]
        others = [c for c in df.columns if c not in (text, id)]
        extras = df[others].to_dict("records") if others else [{} for _ in ids]
        items = []
        for doc_id, value, extra in zip(ids, df[text].tolist(), extras):
            if value is None or (isinstance(value, float) and np.isnan(value)):
                value = ""
            items.append((doc_id, value, None, {k: v for k, v in extra.items() if not _isna(v)}))
        docs, errors = _parse_many(items, n_jobs or os.cpu_count() or 1, max_bytes, keep_boilerplate)
        return cls(docs, errors)

    # -- container protocol -----------------------------------------------------
    def __len__(self) -> int:
        return len(self._docs)

    def __iter__(self) -> Iterator[Document]:
        return iter(self._docs)

    def __getitem__(self, key: Union[int, str]) -> Document:
        if isinstance(key, str):
            if self._index is None:
                self._index = {d.doc_id: i for i, d in enumerate(self._docs)}
            return self._docs[self._index[key]]
        return self._docs[key]

    @property
    def doc_ids(self) -> List[str]:
        # every document of a corpus has an id (read_dir, from_texts and from_pandas set it)
        return cast(List[str], [d.doc_id for d in self._docs])

    # -- tables -----------------------------------------------------------------
    def documents(self) -> pd.DataFrame:
        """One row per document: ``doc_id, title, author, source, syndicated_from,
        published, updated, citation, path, is_html, text, n_paragraphs,
        n_sentences, n_tokens, n_words, n_removed, repairs``."""
        cols = ["doc_id", "title", "author", "source", "syndicated_from", "published", "updated",
                "citation", "path", "is_html", "text", "n_paragraphs", "n_sentences", "n_tokens",
                "n_words", "n_removed", "repairs"]
        return pd.DataFrame([d.to_dict() for d in self._docs], columns=cols)

    def _spans(self, attr: str, ncols: int, names: List[str]) -> pd.DataFrame:
        arrays = [getattr(d, attr) for d in self._docs]
        counts = [a.shape[0] for a in arrays]
        data = np.concatenate(arrays) if arrays else np.zeros((0, ncols), dtype=np.uint32)
        df = pd.DataFrame(data.astype(np.int64), columns=names)
        df.insert(0, "doc_id", np.repeat(np.array(self.doc_ids, dtype=object), counts))
        return df

    def sentences(self, text: bool = True) -> pd.DataFrame:
        """One row per sentence: ``doc_id, sentence, start, end, paragraph, text``."""
        df = self._spans("_sent", 5, ["start", "end", "tok_start", "tok_end", "paragraph"])
        df.insert(1, "sentence", df.groupby("doc_id", sort=False).cumcount())
        df = df.drop(columns=["tok_start", "tok_end"])
        if text:
            df["text"] = [d.text[s:e] for d in self._docs for s, e in d._sent[:, :2]]
        return df

    def paragraphs(self) -> pd.DataFrame:
        """One row per paragraph: ``doc_id, paragraph, start, end, kind, text``."""
        df = self._spans("_para", 3, ["start", "end", "kind"])
        df.insert(1, "paragraph", df.groupby("doc_id", sort=False).cumcount())
        df["kind"] = df["kind"].map({0: "body", 1: "title", 2: "heading"})
        df["text"] = [d.text[s:e] for d in self._docs for s, e in d._para[:, :2]]
        return df

    def tokens(self, text: bool = True) -> pd.DataFrame:
        """One row per token: ``doc_id, start, end, kind, space_after, text``."""
        from .document import _TOKEN_KINDS, _SPACE_AFTER
        df = self._spans("_tok", 3, ["start", "end", "flags"])
        kinds = (df["flags"].to_numpy() & 0xFFFF)
        df["kind"] = pd.Categorical.from_codes(
            np.searchsorted(sorted(_TOKEN_KINDS), kinds),
            categories=[_TOKEN_KINDS[k] for k in sorted(_TOKEN_KINDS)])
        df["space_after"] = ((df["flags"].to_numpy() >> 16) & _SPACE_AFTER) != 0
        df = df.drop(columns=["flags"])
        if text:
            df["text"] = [d.text[s:e] for d in self._docs for s, e in d._tok[:, :2]]
        return df

    def removed(self) -> pd.DataFrame:
        """Every boilerplate line removed: ``doc_id, reason, text, position, line``."""
        rows = [{"doc_id": d.doc_id, **r._asdict()} for d in self._docs for r in d.removed]
        return pd.DataFrame(rows, columns=["doc_id", "reason", "text", "position", "line"])

    def errors(self) -> pd.DataFrame:
        """Inputs that could not be parsed: ``doc_id, path, reason, offset, message``.
        Nothing is dropped silently: every input is either a document or a row here."""
        return pd.DataFrame(self._errors, columns=["doc_id", "path", "reason", "offset", "message"])

    def summary(self) -> Dict[str, int]:
        """Counts for a quick look (documents, sentences, tokens, removed lines, errors)."""
        return {
            "documents": len(self._docs),
            "paragraphs": int(sum(d._para.shape[0] for d in self._docs)),
            "sentences": int(sum(d.n_sentences for d in self._docs)),
            "tokens": int(sum(d.n_tokens for d in self._docs)),
            "removed_lines": int(sum(len(d.removed) for d in self._docs)),
            "repairs": int(sum(d.to_dict()["repairs"] for d in self._docs)),
            "errors": len(self._errors),
        }

    # -- entities (peacecorpus.entities does the work, in C) ---------------------
    def entities(self, n_jobs: Optional[int] = None) -> pd.DataFrame:
        """Entity mentions of all documents: ``doc_id, start, end, text, label,
        canonical, entity_id, role, sentence, score, source``, with spelling variants
        merged across documents (:func:`peacecorpus.entities.canonicalize`).
        Computed in parallel threads (the C engine releases the GIL) and cached.
        """
        cached = self.__dict__.get("_entities_cache")
        if cached is not None and cached[0] == len(self._docs):
            return cached[1].copy()
        from .entities import canonicalize, default_extractor
        ex = default_extractor()
        todo = [d for d in self._docs if "_entities" not in d.__dict__]
        if len(todo) > 1:
            n = n_jobs or min(8, os.cpu_count() or 1)
            with ThreadPoolExecutor(max_workers=n) as pool:
                for d, ents in zip(todo, pool.map(ex.extract, todo)):
                    d.__dict__["_entities"] = ents
        cols = ["doc_id", "start", "end", "text", "label", "canonical", "entity_id", "role", "sentence", "source",
                "score"]
        rows = [(d.doc_id,) + tuple(e) for d in self._docs for e in d.entities]
        # the stored columns first (store.py schema), then "source"
        df = pd.DataFrame(rows, columns=cols)[cols[:9] + ["score", "source"]]
        for c in ("start", "end", "sentence"):
            df[c] = df[c].astype("int64")
        df = canonicalize(df)
        self.__dict__["_entities_cache"] = (len(self._docs), df)
        return df.copy()

    def entity_table(self, numeric: bool = False) -> pd.DataFrame:
        """One row per canonical entity: ``canonical, label, entity_id,
        mentions, documents, aliases`` (most mentioned first).  Names only;
        ``numeric=True`` also lists numbers and dates (CARDINAL, DATE, ...)."""
        from ._tables import entity_table_from
        return entity_table_from(self.entities(), numeric=numeric)

    # -- similarity (peacecorpus.similarity does the work, in C) -----------------
    def texts(self) -> List[str]:
        """The cleaned texts, in corpus order."""
        return [d.text for d in self._docs]

    def near_duplicates(self, threshold: float = 0.8, num_perm: int = 128, ngram: int = 5,
                        seed: int = 1) -> pd.DataFrame:
        """Near-duplicate pairs by MinHash + LSH, verified by exact Jaccard of word
        ``ngram`` shingles: ``doc_a, doc_b, jaccard_est, jaccard``."""
        from . import similarity
        return similarity.near_duplicates(self.doc_ids, self.texts(), threshold=threshold,
                                          num_perm=num_perm, ngram=ngram, seed=seed)

    def duplicate_groups(self, threshold: float = 0.8, num_perm: int = 128, ngram: int = 5,
                         seed: int = 1) -> pd.DataFrame:
        """Clusters of near-duplicates (connected components): ``group, doc_id``."""
        from . import similarity
        return similarity.duplicate_groups(self.doc_ids, self.texts(), threshold=threshold,
                                           num_perm=num_perm, ngram=ngram, seed=seed)

    def similarity(self, method: str = "tfidf", min_score: float = 0.0, **kwargs: Any) -> pd.DataFrame:
        """Pairwise document similarity in long form ``doc_a, doc_b, score`` (best first).

        ``method`` is ``"tfidf"`` (cosine of sublinear, l2-normalised TF-IDF),
        ``"minhash"`` (estimated Jaccard of word shingles) or ``"entities"``
        (weighted overlap of canonical entities).  Use
        :func:`peacecorpus.similarity.as_matrix` for a square matrix.
        """
        from . import similarity
        if method == "entities":
            return self._entity_similarity(min_score)
        return similarity.similarity(self.doc_ids, self.texts(), method=method,
                                     min_score=min_score, **kwargs)

    def reuse(self, min_words: int = 8, **kwargs: Any) -> pd.DataFrame:
        """Passages shared between documents: ``doc_a, a_start, a_end, doc_b, b_start,
        b_end, words, identity`` (offsets into each document's cleaned text)."""
        from . import similarity
        return similarity.reuse(self.doc_ids, self.texts(), min_words=min_words, **kwargs)

    def compare(self, doc_a: str, doc_b: str, min_words: int = 8) -> "ReuseView":
        """Two documents side by side in a notebook, with the passages they share
        (:meth:`reuse`) highlighted."""
        from ._display import ReuseView
        return ReuseView(self[doc_a], self[doc_b], self.reuse(min_words=min_words))

    def stories(self, threshold: float = 0.4, n_terms: int = 4) -> pd.DataFrame:
        """Documents clustered into stories from the TF-IDF similarity graph,
        each named by its top terms: ``story, doc_id, label``."""
        from . import similarity
        return similarity.stories(self.doc_ids, self.texts(), threshold=threshold, n_terms=n_terms)

    def _entity_similarity(self, min_score: float) -> pd.DataFrame:
        ents = self.entities()
        cols = ["doc_a", "doc_b", "score"]
        if ents.empty:
            return pd.DataFrame(columns=cols)
        # weight each canonical entity by idf over documents, cosine over documents
        counts = ents.groupby(["doc_id", "canonical"]).size().rename("n").reset_index()
        n_docs = max(len(self._docs), 1)
        df = counts.groupby("canonical")["doc_id"].nunique()
        idf = np.log((1 + n_docs) / (1 + df)) + 1.0
        counts["w"] = (1 + np.log(counts["n"])) * counts["canonical"].map(idf)
        norms = np.sqrt(counts.groupby("doc_id")["w"].apply(lambda x: float((x ** 2).sum())))
        counts["w"] = counts["w"] / counts["doc_id"].map(norms)
        pairs = counts.merge(counts, on="canonical", suffixes=("_a", "_b"))
        pairs = pairs[pairs["doc_id_a"] < pairs["doc_id_b"]]
        pairs["score"] = pairs["w_a"] * pairs["w_b"]
        out = pairs.groupby(["doc_id_a", "doc_id_b"])["score"].sum().reset_index()
        out.columns = cols
        out = out[out["score"] >= min_score]
        return out.sort_values("score", ascending=False, kind="stable").reset_index(drop=True)

    # -- quotations -------------------------------------------------------------
    def quotes(self) -> pd.DataFrame:
        """Every quotation: ``doc_id, start, end, quote, kind, speaker, speaker_mention,
        speaker_role, cue, ...`` (offsets into each document's cleaned text)."""
        from .quotes import Quote, extract_quotes
        # speakers resolve to the corpus-wide canonical names (variants merged
        # across documents), not only to each document's own
        ents = self.entities()
        by_doc = {k: g.to_dict("records") for k, g in ents.groupby("doc_id", sort=False)}
        rows = [(d.doc_id,) + tuple(q) for d in self._docs
                for q in extract_quotes(d, by_doc.get(d.doc_id, []))]
        return pd.DataFrame(rows, columns=["doc_id"] + list(Quote._fields))

    def quote_reuse(self, min_overlap: float = 0.5, min_words: int = 6) -> pd.DataFrame:
        """The same utterance carried by several documents, grouped, with the
        earliest and the longest version of each group marked."""
        from .quotes import quote_reuse
        return quote_reuse(self, min_overlap, min_words)

    # -- storage ----------------------------------------------------------------
    def save(self, path: Union[str, os.PathLike]) -> None:
        """Write the corpus and all its tables to a DuckDB file (one transaction);
        read it back with :func:`peacecorpus.open`.  See :mod:`peacecorpus.store`."""
        from . import store
        store.save(self, path)

    def to_parquet(self, directory: Union[str, os.PathLike]) -> Path:
        """Write every table as ``<directory>/<table>.parquet``; read it back
        with :func:`peacecorpus.read_parquet`."""
        from . import store
        return store.to_parquet(self, directory)

    # -- display ----------------------------------------------------------------
    def __repr__(self) -> str:
        s = self.summary()
        return (f"<Corpus {s['documents']} documents, {s['sentences']} sentences, "
                f"{s['tokens']} tokens, {s['errors']} errors>")

    def _repr_html_(self) -> str:
        s = self.summary()
        head = "".join(f"<tr><td>{esc(k)}</td><td>{esc(v)}</td></tr>" for k, v in s.items())
        rows = "".join(
            f"<tr><td>{esc(d.doc_id)}</td><td>{esc(d.title)}</td><td>{esc(d.source)}</td>"
            f"<td>{esc(d.published)}</td><td>{d.n_sentences}</td></tr>" for d in self._docs[:50])
        more = f"<p>… {len(self._docs) - 50} more</p>" if len(self._docs) > 50 else ""
        return (f'{CSS}<div class="pc-doc"><h3>Corpus</h3><table class="pc-meta">{head}</table>'
                f"<table><tr><th>doc_id</th><th>title</th><th>source</th><th>published</th>"
                f"<th>sentences</th></tr>{rows}</table>{more}</div>")


def _isna(v: Any) -> bool:
    try:
        return bool(pd.isna(v)) if np.ndim(v) == 0 else False
    except (TypeError, ValueError):
        return False


def read_dir(path: Union[str, os.PathLike], pattern: str = "*", *, recursive: bool = False,
             n_jobs: Optional[int] = None, max_bytes: int = DEFAULT_MAX_BYTES,
             keep_boilerplate: bool = False) -> Corpus:
    """Read every file matching ``pattern`` in a folder (text or HTML).

    ``doc_id`` is the file name without its extension.  Binary files, files
    over ``max_bytes`` and unreadable files are not fatal: they are listed in
    :meth:`Corpus.errors` with the reason.

    >>> import peacecorpus as pc
    >>> corpus = pc.read_dir("data/seeds", "*.txt")     # doctest: +SKIP
    >>> len(corpus)                                     # doctest: +SKIP
    5
    """
    root = Path(path)
    if not root.is_dir():
        raise NotADirectoryError(f"{str(root)!r} is not a directory")
    files = sorted(p for p in (root.rglob(pattern) if recursive else root.glob(pattern)) if p.is_file())
    items: List[Tuple[str, Any, Optional[str], Dict[str, Any]]] = []
    errors: List[Dict[str, Any]] = []
    for p in files:
        doc_id = p.stem if not recursive else str(p.relative_to(root).with_suffix(""))
        try:
            size = p.stat().st_size
            if max_bytes and size > max_bytes:
                errors.append({"doc_id": doc_id, "path": str(p), "reason": "too_large", "offset": max_bytes,
                               "message": f"{size} bytes exceeds max_bytes={max_bytes}"})
                continue
            items.append((doc_id, p.read_bytes(), str(p), {}))
        except OSError as exc:
            errors.append({"doc_id": doc_id, "path": str(p), "reason": "io", "offset": None,
                           "message": str(exc)})
    docs, parse_errors = _parse_many(items, n_jobs or os.cpu_count() or 1, max_bytes, keep_boilerplate)
    return Corpus(docs, errors + parse_errors)
