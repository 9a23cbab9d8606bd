"""Reading articles: the one place that walks folders, opens files, sniffs
formats, decodes charsets and assigns ``doc_id``.

Every source -- files and folders, a DataFrame, a list of texts, a Dask
partition -- becomes a sequence of :class:`Input` (an id, the raw value, the
path and extra fields) or of error rows, in input order, through the same
two functions: :func:`coerce_id` and :func:`coerce_text`.  So a ``None``, a
``NaN``, bytes or a number means the same thing wherever it comes from:

==========================  ==========================================================
value of the text           becomes
==========================  ==========================================================
``str``                     the document's text (plain text or HTML, sniffed)
``bytes``                   decoded (UTF-8, else Windows-1252 when nothing in it is
                            UTF-8, else repaired by the engine); an error row
                            ``binary`` when it is an image, archive, PDF ...
None, NaN, ``pd.NA``        an error row ``missing_text``
anything else (12345)       an error row ``type``
==========================  ==========================================================

An id is a ``str``; integers (and integral floats, as pandas gives them when a
column has missing values) are written in decimal; a missing id is an error
row ``missing_id``.  Duplicate ids in a DataFrame or a list raise
``ValueError`` (they are a mistake in the data the caller holds); duplicate
file names become error rows ``duplicate_id`` (a crawl keeps going).

Formats: :data:`FORMATS` maps a file extension to a function that yields
inputs from one file; plain text and HTML files are read whole.  Files that
hold many articles -- WARC (``.warc``, ``.warc.gz``: response records, read
with FastWARC), JSON Lines (``.jsonl``, ``.ndjson``, also gzipped), CSV/TSV
and Parquet -- give one document per record, with the id
``<file id>/<record id>`` (the record's ``id``-like field, else its 1-based
number), the text from the ``text`` column (or ``html``, ``content``,
``body`` ...), and the other fields as ``Document.extra`` (``url`` and a
``date``/``published`` field fill ``doc.url`` and ``doc.published`` when the
text has none; WARC records give ``url``, ``fetched`` and ``content_type``).

>>> import peacecorpus as pc
>>> corpus = pc.read("data/seeds")                       # doctest: +SKIP
>>> coerce_text(float("nan"))[1]
'missing_text'
"""
from __future__ import annotations

import gzip
import json
import os
import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, Callable, Dict, Iterable, Iterator, List, NamedTuple, Optional, Sequence, Tuple, Union

import numpy as np

from . import _charset, _core
from .document import DEFAULT_MAX_BYTES, Document, parse
from .errors import DocumentError

__all__ = ["Input", "FORMATS", "coerce_id", "coerce_text", "decode_bytes", "binary_reason", "as_paths",
           "scan", "read_file", "from_files", "from_frame", "from_texts", "parse_inputs", "error_row"]

PathLike = Union[str, "os.PathLike[str]"]


class Input(NamedTuple):
    """One article as read, before parsing: ``data`` is ``str`` or ``bytes``."""
    doc_id: str
    data: Union[str, bytes]
    path: Optional[str] = None
    extra: Dict[str, Any] = {}


Row = Dict[str, Any]


def error_row(doc_id: Optional[str], path: Optional[str], reason: str, message: str,
              offset: Optional[int] = None) -> Row:
    """One row of the ``errors`` table; the message names the document and
    the byte offset as :class:`~peacecorpus.errors.DocumentError` does."""
    text = str(DocumentError(message, doc_id=doc_id, offset=offset, reason=reason))
    return {"doc_id": doc_id, "path": path, "reason": reason, "offset": offset, "message": text}


# -- values -------------------------------------------------------------------------------------
def _missing(v: Any) -> bool:
    if v is None or type(v).__name__ in ("NAType", "NaTType"):
        return True
    try:
        return bool(v != v)          # NaN
    except (TypeError, ValueError):
        return False


def coerce_id(value: Any) -> Optional[str]:
    """The ``doc_id`` for a value of an id column, or None when it is missing.

    >>> coerce_id(12345), coerce_id(7.0), coerce_id("a"), coerce_id(float("nan"))
    ('12345', '7', 'a', None)
    """
    if isinstance(value, str):
        return value if value != "" else None
    if _missing(value):
        return None
    if isinstance(value, (bool, np.bool_)):
        return str(bool(value))
    if isinstance(value, (int, np.integer)):
        return str(int(value))
    if isinstance(value, (float, np.floating)):
        return str(int(value)) if float(value).is_integer() else repr(float(value))
    if isinstance(value, bytes):
        return value.decode("utf-8", "backslashreplace")
    return str(value)


# Files whose first bytes say they are not text (PDF, images, archives, office files).
_MAGIC = (b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"PK\x03\x04", b"\x1f\x8b", b"BZh",
          b"\xfd7zXZ", b"7z\xbc\xaf", b"Rar!", b"\xd0\xcf\x11\xe0", b"\x7fELF", b"RIFF", b"OggS",
          b"SQLite format 3\x00")
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def binary_reason(data: bytes) -> Optional[str]:
    """Why ``data`` looks binary, or None when it looks like text."""
    head = data[:8192]
    for magic in _MAGIC:
        if head.startswith(magic):
            return f"binary file (starts with {magic!r})"
    if len(head) >= 12 and head[8:12] == b"DUCK":   # DuckDB's file header
        return "binary file (a DuckDB database)"
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
    counts them.  A page that declares another encoding (byte order mark,
    ``<meta charset>``: :func:`peacecorpus._charset.decode_declared`) is
    decoded with it.  Returns the input for :func:`parse` and the encoding used.
    """
    declared = _charset.decode_declared(data)
    if declared is not None:            # a page saying koi8-r, a UTF-16 BOM
        return declared
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    if not _UTF8_MULTIBYTE.search(data):
        return data.decode("cp1252", errors="replace"), "cp1252"
    return data, "utf-8 (repaired)"


def coerce_text(value: Any) -> Tuple[Optional[Union[str, bytes]], Optional[str], str, Dict[str, Any]]:
    """``(data, error reason, message, extra fields)`` for the value of a text:
    ``data`` is what :func:`peacecorpus.parse` gets (None on error); extra
    holds the ``encoding`` of decoded bytes.  See the module docstring.

    >>> coerce_text(b"caf\\xe9")[0], coerce_text(12345)[1:3]
    ('café', ('type', 'expected str or bytes, got int'))
    """
    if isinstance(value, str):
        return value, None, "", {}
    if isinstance(value, (bytes, bytearray, memoryview)):
        data = bytes(value)
        why = binary_reason(data)
        if why:
            return None, "binary", why, {}
        text, encoding = decode_bytes(data)
        return text, None, "", {"encoding": encoding}
    if _missing(value):
        return None, "missing_text", "no text (None or NaN)", {}
    return None, "type", f"expected str or bytes, got {type(value).__name__}", {}


# -- files --------------------------------------------------------------------------------------
def as_paths(paths: Union[PathLike, Iterable[PathLike]]) -> List[Path]:
    """One path or several as a list (a ``str`` is one path, never its characters)."""
    if isinstance(paths, (str, os.PathLike)):
        return [Path(paths)]
    if isinstance(paths, (bytes, bytearray)):
        raise TypeError("paths must be str or os.PathLike, not bytes")
    out = list(paths)
    for p in out:
        if not isinstance(p, (str, os.PathLike)):
            raise TypeError(f"paths must be str or os.PathLike, not {type(p).__name__}")
    return [Path(p) for p in out]


def _default_format(path: Path, doc_id: str, max_bytes: int, **columns: Optional[str]
                    ) -> Iterator[Union[Input, Row]]:
    """A plain text or HTML file, read whole (the engine sniffs which)."""
    try:
        size = path.stat().st_size
        if max_bytes and size > max_bytes:
            yield error_row(doc_id, str(path), "too_large", f"{size} bytes exceeds max_bytes={max_bytes}",
                            max_bytes)
            return
        data = path.read_bytes()
    except OSError as exc:
        yield error_row(doc_id, str(path), "io", str(exc))
        return
    yield Input(doc_id, data, str(path), {})


#: extension (lower case, with the dot) -> reader(path, doc_id, max_bytes, text=, id=) yielding
#: inputs or error rows; files of other extensions are read as plain text or HTML.
FORMATS: Dict[str, Callable[..., Iterator[Union[Input, Row]]]] = {}


def format_of(path: Path) -> Optional[str]:
    """The key of :data:`FORMATS` that reads ``path`` (``.warc.gz`` before ``.gz``), or None."""
    name = path.name.lower()
    for ext in sorted(FORMATS, key=len, reverse=True):
        if name.endswith(ext):
            return ext
    return None


def scan(paths: Union[PathLike, Iterable[PathLike]], pattern: str = "*", *,
         recursive: bool = True) -> List[Tuple[str, Path]]:
    """``(doc_id, file)`` for every file under ``paths``, sorted within each
    folder.  The id of a file in a folder is its path relative to the folder
    without the extension (``sub/name``), of a file given directly its name
    without the extension.  Missing paths raise ``FileNotFoundError``."""
    out: List[Tuple[str, Path]] = []
    for p in as_paths(paths):
        if p.is_dir():
            files = p.rglob(pattern) if recursive else p.glob(pattern)
            for f in sorted(q for q in files if q.is_file()):
                rel = f.relative_to(p).as_posix()
                ext = format_of(f)
                out.append((rel[:-len(ext)] if ext else f.relative_to(p).with_suffix("").as_posix(), f))
        elif p.is_file():
            ext = format_of(p)
            out.append((p.name[:-len(ext)] if ext else p.stem, p))
        else:
            raise FileNotFoundError(f"no such file or folder: {p}")
    return out


def read_file(doc_id: str, path: Path, max_bytes: int = DEFAULT_MAX_BYTES, *,
              text: Optional[str] = None, id: Optional[str] = None) -> List[Union[Input, Row]]:
    """The inputs (or error rows) of one file, by its format; ``text`` and
    ``id`` name the columns of a file of records (default: found by name)."""
    ext = format_of(path)
    reader = FORMATS[ext] if ext else _default_format
    out: List[Union[Input, Row]] = []
    for k, it in enumerate(reader(path, doc_id, max_bytes, text=text, id=id)):
        out.append(_input(k, it.doc_id, it.data, it.path, it.extra) if isinstance(it, Input) else it)
    return out


def from_files(paths: Union[PathLike, Iterable[PathLike]], pattern: str = "*", *, recursive: bool = True,
               max_bytes: int = DEFAULT_MAX_BYTES, text: Optional[str] = None,
               id: Optional[str] = None) -> List[Union[Input, Row]]:
    """Inputs of every file under ``paths``; a second file with an id already
    seen is an error row ``duplicate_id``."""
    seen: Dict[str, Path] = {}
    out: List[Union[Input, Row]] = []
    for doc_id, f in scan(paths, pattern, recursive=recursive):
        if doc_id in seen:
            out.append(error_row(doc_id, str(f), "duplicate_id",
                                 f"doc_id {doc_id!r} already read from {seen[doc_id]}"))
            continue
        seen[doc_id] = f
        out.extend(read_file(doc_id, f, max_bytes, text=text, id=id))
    return out


# -- files of records: WARC, JSON Lines, CSV/TSV, Parquet ----------------------------------------
_TEXT_FIELDS = ("text", "html", "content", "body", "article", "raw_html", "raw_content", "full_text",
                "maintext", "article_text")
_ID_FIELDS = ("doc_id", "id", "article_id", "docid", "uuid", "guid", "key")
_URL_FIELDS = ("url", "link", "uri", "source_url", "canonical_url")
_DATE_FIELDS = ("published", "date", "pubdate", "published_at", "publish_date", "date_published",
                "datetime", "timestamp")


def _field(row: Dict[str, Any], wanted: Optional[str], names: Sequence[str]) -> Optional[str]:
    if wanted is not None:
        return wanted if wanted in row else None
    lower = {str(k).lower(): k for k in row}
    for name in names:
        if name in lower:
            return lower[name]
    return None


def _records(path: Path, file_id: str, rows: Iterable[Any], text: Optional[str],
             id: Optional[str]) -> Iterator[Union[Input, Row]]:
    """Inputs of the records of one file: ``<file id>/<record id>`` ids, text
    from the text field, the other fields as extra (url and date under those names)."""
    seen: set = set()
    for n, row in enumerate(rows, start=1):
        if isinstance(row, BaseException):
            yield error_row(f"{file_id}/{n}", str(path), "bad_record", f"record {n}: {row}")
            continue
        if not isinstance(row, dict):
            yield error_row(f"{file_id}/{n}", str(path), "bad_record",
                            f"record {n}: expected an object, got {type(row).__name__}")
            continue
        id_key = _field(row, id, _ID_FIELDS)
        rid = coerce_id(row.get(id_key)) if id_key is not None else None
        doc_id = f"{file_id}/{rid if rid is not None else n}"
        if doc_id in seen:
            yield error_row(doc_id, str(path), "duplicate_id", f"record {n}: doc_id {doc_id!r} repeated")
            continue
        seen.add(doc_id)
        text_key = _field(row, text, _TEXT_FIELDS)
        if text_key is None:
            yield error_row(doc_id, str(path), "missing_text",
                            f"record {n}: no text field ({text or ', '.join(_TEXT_FIELDS[:4])} ...) "
                            f"among {sorted(map(str, row))[:8]}")
            continue
        extra = {str(k): v for k, v in row.items()
                 if k not in (text_key, id_key) and not _missing_scalar(v)}
        url_key, date_key = _field(extra, None, _URL_FIELDS), _field(extra, None, _DATE_FIELDS)
        if url_key is not None and "url" not in extra:
            extra["url"] = extra[url_key]
        if date_key is not None and "published" not in extra:
            extra["published"] = extra[date_key]
        yield Input(doc_id, row[text_key], str(path), extra)


def _open_text(path: Path):
    return gzip.open(path, "rt", encoding="utf-8-sig") if path.name.lower().endswith(".gz") \
        else open(path, encoding="utf-8-sig")


def _jsonl(path: Path, doc_id: str, max_bytes: int, text: Optional[str] = None,
           id: Optional[str] = None) -> Iterator[Union[Input, Row]]:
    """JSON Lines: one object per line; a line that is not JSON is an error row."""
    def rows() -> Iterator[Any]:
        with _open_text(path) as f:
            for line in f:
                if not line.strip():
                    continue
                try:
                    yield json.loads(line)
                except ValueError as exc:
                    yield exc
    try:
        yield from _records(path, doc_id, rows(), text, id)
    except (OSError, UnicodeDecodeError) as exc:
        yield error_row(doc_id, str(path), "io", str(exc))


def _frame_records(df: Any) -> Iterator[Dict[str, Any]]:
    cols = [str(c) for c in df.columns]
    for values in zip(*(df[c].tolist() for c in df.columns)):
        yield dict(zip(cols, values))


def _table_file(read: Callable[[Path], Any]) -> Callable[..., Iterator[Union[Input, Row]]]:
    def reader(path: Path, doc_id: str, max_bytes: int, text: Optional[str] = None,
               id: Optional[str] = None) -> Iterator[Union[Input, Row]]:
        try:
            df = read(path)
        except Exception as exc:  # a malformed file is an error row, whatever the library raises
            yield error_row(doc_id, str(path), "io", f"{type(exc).__name__}: {exc}")
            return
        yield from _records(path, doc_id, _frame_records(df), text, id)
    return reader


def _read_csv(path: Path) -> Any:
    import pandas as pd
    sep = "\t" if path.name.lower().endswith((".tsv", ".tsv.gz")) else ","
    return pd.read_csv(path, sep=sep, dtype=str, keep_default_na=False, na_values=[""])


def _read_parquet(path: Path) -> Any:
    import pandas as pd
    return pd.read_parquet(path)


def _warc(path: Path, doc_id: str, max_bytes: int, text: Optional[str] = None,
          id: Optional[str] = None) -> Iterator[Union[Input, Row]]:
    """WARC response records (HTTP 2xx, text/html or text/plain), read with
    FastWARC; the body is decoded by the HTTP charset, else the page's own."""
    try:
        from fastwarc.warc import ArchiveIterator, WarcRecordType
    except ImportError:
        yield error_row(doc_id, str(path), "missing_dependency",
                        "reading WARC files needs FastWARC: pip install 'peacecorpus[warc]'")
        return
    n = 0
    try:
        with open(path, "rb") as f:
            for rec in ArchiveIterator(f, record_types=WarcRecordType.response, parse_http=True):
                ctype = rec.http_headers.get("Content-Type", "") if rec.http_headers else ""
                status = (rec.http_headers.status_code or 0) if rec.http_headers else 0
                if not (200 <= status < 300) or not re.match(r"\s*(text/html|text/plain|application/xhtml)",
                                                              ctype or "text/html", re.I):
                    continue
                n += 1
                rid = f"{doc_id}/{n}"
                body = rec.reader.read(max_bytes + 1 if max_bytes else -1)
                if max_bytes and len(body) > max_bytes:
                    yield error_row(rid, str(path), "too_large",
                                    f"record {n}: more than max_bytes={max_bytes}", max_bytes)
                    continue
                data, encoding = _charset.decode_html(body, ctype)
                extra: Dict[str, Any] = {"url": rec.headers.get("WARC-Target-URI"),
                                         "fetched": rec.record_date.isoformat() if rec.record_date else None,
                                         "content_type": ctype or None, "encoding": encoding}
                yield Input(rid, data, str(path), {k: v for k, v in extra.items() if v})
    except Exception as exc:  # a truncated or corrupt archive: the records read so far are kept
        yield error_row(doc_id, str(path), "io", f"WARC: {type(exc).__name__}: {exc}")


FORMATS.update({
    ".warc": _warc, ".warc.gz": _warc, ".arc.gz": _warc,
    ".jsonl": _jsonl, ".ndjson": _jsonl, ".jsonl.gz": _jsonl, ".ndjson.gz": _jsonl,
    ".csv": _table_file(_read_csv), ".tsv": _table_file(_read_csv), ".csv.gz": _table_file(_read_csv),
    ".parquet": _table_file(_read_parquet),
})


def is_container(path: Path) -> bool:
    """Does ``path`` hold many documents (ids ``<file id>/<record>``)?"""
    return format_of(path) is not None


# -- in-memory sources --------------------------------------------------------------------------
def _unique(ids: Sequence[Optional[str]], what: str) -> None:
    seen, dup = set(), []
    for i in ids:
        if i is not None:
            if i in seen:
                dup.append(i)
            seen.add(i)
    if dup:
        shown = ", ".join(repr(d) for d in sorted(set(dup))[:5])
        raise ValueError(f"{what}: {len(set(dup))} duplicate doc_id(s): {shown}"
                         + (" ..." if len(set(dup)) > 5 else ""))


def from_texts(texts: Iterable[Any], ids: Optional[Iterable[Any]] = None) -> List[Union[Input, Row]]:
    """Inputs of a list of texts; ids default to ``"0", "1", ...``."""
    texts = list(texts)
    if isinstance(ids, (str, bytes)):
        raise TypeError("ids must be a sequence of ids, not one string")
    raw_ids = list(range(len(texts))) if ids is None else list(ids)
    if len(raw_ids) != len(texts):
        raise ValueError(f"texts and ids differ in length ({len(texts)} and {len(raw_ids)})")
    doc_ids = [coerce_id(i) for i in raw_ids]
    _unique(doc_ids, "from_texts")
    return [_input(i, d, t, None, {}) for i, (d, t) in enumerate(zip(doc_ids, texts))]


def _input(row: int, doc_id: Optional[str], value: Any, path: Optional[str],
           extra: Dict[str, Any]) -> Union[Input, Row]:
    if doc_id is None:
        return error_row(None, path, "missing_id", f"row {row}: no doc_id")
    data, reason, message, more = coerce_text(value)
    if reason is not None or data is None:
        return error_row(doc_id, path, reason or "type", message, 0 if reason == "binary" else None)
    return Input(doc_id, data, path, dict(extra, **more) if more else extra)


_ID_LIKE = ("id", "ID", "Id", "doc_id", "docid", "article_id", "uuid", "guid", "key", "url")


def from_frame(df: Any, text: str = "text", id: Optional[str] = "doc_id") -> List[Union[Input, Row]]:
    """Inputs of a pandas DataFrame with a text column and an id column.

    ``id=None`` takes the row index as the id.  A ``path`` column is the
    document's path; other columns go to ``Document.extra`` (missing values
    left out).  A missing id column is an
    error that names the columns there are, not a silent fallback."""
    if text not in df.columns:
        raise KeyError(f"no column {text!r} in the DataFrame (columns: {list(map(str, df.columns))})")
    if id is None:
        raw_ids = list(df.index)
    elif id in df.columns:
        raw_ids = df[id].tolist()
    else:
        like = [c for c in df.columns if str(c) in _ID_LIKE or str(c).lower().endswith("_id")]
        hint = f"; pass id={like[0]!r}" if like else ""
        raise KeyError(f"no id column {id!r} in the DataFrame (columns: {list(map(str, df.columns))}){hint}, "
                       "or id=None to use the row index")
    doc_ids = [coerce_id(i) for i in raw_ids]
    _unique(doc_ids, "from_pandas")
    paths = [p if isinstance(p, str) else None for p in df["path"].tolist()] \
        if "path" in df.columns and "path" not in (text, id) else [None] * len(doc_ids)
    others = [c for c in df.columns if c not in (text, id, "path")]
    if others:
        sub = df[others]
        cols = [sub[c].tolist() for c in others]
        extras = [{k: v for k, v in zip(others, vals) if not _missing_scalar(v)} for vals in zip(*cols)]
    else:
        extras = [{} for _ in doc_ids]
    return [_input(i, d, v, p, e) for i, (d, v, p, e) in enumerate(zip(doc_ids, df[text].tolist(), paths, extras))]


def _missing_scalar(v: Any) -> bool:
    try:
        return np.ndim(v) == 0 and _missing(v)
    except (TypeError, ValueError):
        return False


# -- parsing ------------------------------------------------------------------------------------
_CHUNK = 64  # documents per thread task


def parse_inputs(items: Sequence[Union[Input, Row]], n_jobs: Optional[int] = None,
                 max_bytes: int = DEFAULT_MAX_BYTES,
                 keep_boilerplate: bool = False) -> Tuple[List[Document], List[Row]]:
    """Parse the inputs (error rows pass through); returns the documents and
    the error rows, each in input order.  Threads share the work in
    contiguous chunks (the engine releases the GIL per document)."""
    n_jobs = n_jobs or os.cpu_count() or 1
    flags = _core.CLEAN_KEEP_BOILERPLATE if keep_boilerplate else 0

    def one(it: Input) -> Union[Document, Row]:
        try:
            return parse(it.data, doc_id=it.doc_id, path=it.path, extra=it.extra, max_bytes=max_bytes,
                         keep_boilerplate=keep_boilerplate)
        except DocumentError as exc:
            return {"doc_id": it.doc_id, "path": it.path, "reason": exc.reason, "offset": exc.offset,
                    "message": str(exc)}

    def run(part: Sequence[Union[Input, Row]]) -> List[Union[Document, Row]]:
        # one C call for the str inputs of the part; an input the engine
        # failed on (its status code comes back as an int) goes through
        # parse() so that it becomes the same error row
        out: List[Any] = list(part)
        inputs = [(i, it) for i, it in enumerate(part) if isinstance(it, Input) and type(it.data) is str]
        raws: List[Any] = _core.parse_many([it.data for _, it in inputs], _core.MODE_AUTO, flags, max_bytes or 0)
        for (i, it), raw in zip(inputs, raws):
            out[i] = one(it) if type(raw) is int else Document(raw, doc_id=it.doc_id, path=it.path, extra=it.extra)
        for i, item in enumerate(part):
            if isinstance(item, Input) and out[i] is item:
                out[i] = one(item)
        return out

    items = list(items)
    if n_jobs == 1 or len(items) < 2:
        results = run(items)
    else:
        size = max(1, min(_CHUNK, -(-len(items) // n_jobs)))
        parts = [items[i:i + size] for i in range(0, len(items), size)]
        with ThreadPoolExecutor(max_workers=n_jobs) as pool:
            results = [r for part in pool.map(run, parts) for r in part]
    docs = [r for r in results if isinstance(r, Document)]
    errors = [r for r in results if not isinstance(r, Document)]
    return docs, errors
