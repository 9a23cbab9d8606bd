"""The :class:`Document`: one cleaned, segmented article."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Dict, List, NamedTuple, Optional, Union

import numpy as np

from . import _charset, _core, _lang, _meta
from ._display import CSS
from .errors import DocumentError, DocumentTooLarge

if TYPE_CHECKING:
    from .quotes import Quote

_MODES = {"auto": _core.MODE_AUTO, "text": _core.MODE_TEXT, "html": _core.MODE_HTML}
_TOKEN_KINDS = {
    _core.TOK_WORD: "word", _core.TOK_NUM: "num", _core.TOK_PUNCT: "punct",
    _core.TOK_SYM: "sym", _core.TOK_OTHER: "other", _core.TOK_URL: "url",
}
_PARA_KINDS = {0: "body", 1: "title", 2: "heading"}
_SPACE_AFTER = 2  # PC_TF_SPACE_AFTER

#: Names of the repair counts, in the order of ``_core.Doc(repairs=...)``.
_STAT_KEYS = ("invalid_utf8", "nul_bytes", "mojibake", "control_chars", "invisible_chars",
              "html_dropped_bytes", "html_unterminated")
#: Fields that fall back to ``extra`` (e.g. a DataFrame column) when the text has none.
_EXTRA_FALLBACK = ("author", "source", "published", "url")

#: Default maximum input size of one document (bytes).  Larger inputs raise
#: :class:`~peacecorpus.errors.DocumentTooLarge`; pass ``max_bytes=0`` for
#: the engine's own limit (2 GiB).
DEFAULT_MAX_BYTES = 512 * 1024 * 1024


class Span(NamedTuple):
    """A character span of :attr:`Document.text` (Python ``str`` indices)."""
    start: int
    end: int
    text: str
    kind: str = ""


class Token(NamedTuple):
    """A token: ``text == doc.text[start:end]``; ``kind`` is word, num, punct, sym, url or other."""
    start: int
    end: int
    text: str
    kind: str
    space_after: bool


class Removed(NamedTuple):
    """Boilerplate taken out of the text, kept so that nothing is lost.

    ``position`` is the offset in :attr:`Document.text` where it was removed;
    ``line`` the 1-based line of the input (of the extracted text for HTML).
    """
    reason: str
    text: str
    position: int
    line: int


class Document:
    """A cleaned and segmented article.

    Build one with :func:`peacecorpus.parse` or get them from a
    :class:`~peacecorpus.Corpus`.  All offsets (``start``/``end``) are
    indices into :attr:`text`, so ``doc.text[s.start:s.end] == s.text``.

    >>> import peacecorpus as pc
    >>> doc = pc.parse("Top of page\\nPeace talks resume\\nMr. Aliyev met Dr. Smith. They spoke.")
    >>> doc.title
    'Peace talks resume'
    >>> [s.text for s in doc.sentences]
    ['Peace talks resume', 'Mr. Aliyev met Dr. Smith.', 'They spoke.']
    """

    def __init__(self, core: Any, doc_id: Optional[str] = None, path: Optional[str] = None,
                 extra: Optional[Dict[str, Any]] = None) -> None:
        # ``core`` is the engine's document (:class:`peacecorpus._core.Doc`).
        # Only what every caller needs is set here; the rest (arrays, removed
        # lines, metadata fields, title) is computed on first access by
        # __getattr__ and then stored as a plain attribute, so a parse that
        # only counts sentences never pays for regexes or numpy views.
        self._core = core
        self.doc_id: Optional[str] = doc_id
        self.path: Optional[str] = path
        self.text: str = core.text
        self.is_html: bool = core.is_html
        # the caller's other fields, without control or bidi characters (issue #21)
        self.extra: Dict[str, Any] = _meta.clean_value(dict(extra)) if extra else {}
        self._quotes: Optional[list] = None

    # lazily computed attributes (see __getattr__)
    repairs: Dict[str, Any]
    html_meta: Dict[str, Any]
    removed: List[Removed]
    title: Optional[str]
    author: Optional[str]
    site_name: Optional[str]
    language: Optional[str]
    url: Optional[str]
    description: Optional[str]
    tags: List[str]
    source: Optional[str]
    syndicated_from: Optional[str]
    published: Optional[str]
    updated: Optional[str]
    citation: Optional[str]

    def __getattr__(self, name: str) -> Any:
        # called only when `name` is not (yet) an instance attribute
        loader = _LAZY.get(name)
        if loader is None or "_core" not in self.__dict__:
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
        value = loader(self)
        self.__dict__[name] = value
        return value

    def __dir__(self) -> List[str]:
        return sorted(set(super().__dir__()) | set(_LAZY))

    def _fields(self) -> Dict[str, Any]:
        fields = self.__dict__.get("_fields_cache")
        if fields is None:
            text = self.text
            paras = [text[s:e] for s, e in self._para[:, :2].tolist()] if self.is_html else []
            # the engine's Removed lines, by name: no peacecorpus.Removed objects needed
            fields = _meta.extract(((r.reason, r.text) for r in self._core.removed), self.html_meta,
                                   paras[:4], [p for p in paras if len(p) <= 120])
            self.__dict__["_fields_cache"] = fields
        return fields

    def _field(self, key: str) -> Optional[str]:
        value = self._fields()[key]
        if value is None and key in _EXTRA_FALLBACK:
            value = _meta.clean_field(self.extra.get(key))
        return value

    def _load_title(self) -> Optional[str]:
        if self.is_html and self._fields()["title"]:
            return self._fields()["title"]  # the page's headline, not the site's name
        kinds = self._para[:, 2]
        hit = np.flatnonzero(kinds == 1)
        if hit.size:
            start, end = self._para[hit[0], :2]
            title: Optional[str] = self.text[start:end]
        else:
            title = self.html_meta.get("og_title") or self.html_meta.get("html_title")
        if title is None:
            title = self.extra.get("title")
        return _meta.clean_field(title)


    # -- segmentation -------------------------------------------------------
    @property
    def paragraphs(self) -> List[Span]:
        """Paragraphs, with ``kind`` ``"title"``, ``"heading"`` or ``"body"``."""
        t = self.text
        return [Span(int(s), int(e), t[s:e], _PARA_KINDS.get(int(k), "body")) for s, e, k in self._para]

    @property
    def sentences(self) -> List[Span]:
        """Sentences in text order."""
        t = self.text
        return [Span(int(r[0]), int(r[1]), t[r[0]:r[1]]) for r in self._sent]

    @property
    def tokens(self) -> List[Token]:
        """Tokens in text order."""
        t = self.text
        return [Token(int(s), int(e), t[s:e], _TOKEN_KINDS.get(int(k) & 0xFFFF, "other"),
                      bool((int(k) >> 16) & _SPACE_AFTER))
                for s, e, k in self._tok]

    @property
    def n_sentences(self) -> int:
        return self._core.n_sentences

    @property
    def n_tokens(self) -> int:
        return self._core.n_tokens

    @property
    def n_words(self) -> int:
        """Number of word and number tokens."""
        kinds = self._tok[:, 2] & 0xFFFF
        return int(np.count_nonzero((kinds == _core.TOK_WORD) | (kinds == _core.TOK_NUM)))

    def sentence_index(self, offset: int) -> int:
        """Index of the sentence that contains character ``offset`` (-1 if none)."""
        i = int(np.searchsorted(self._sent[:, 0], offset, side="right")) - 1
        if i >= 0 and offset < self._sent[i, 1]:
            return i
        return -1

    # -- entities (peacecorpus.entities does the work, in C) -------------------
    @property
    def entities(self) -> List[Any]:
        """Named entities (:class:`peacecorpus.entities.Entity`: text, label,
        start, end, canonical, entity_id, role, sentence), computed once with
        the default extractor.

        >>> [e.text for e in parse("Pashinyan met Aliyev in Prague.").entities]
        ['Pashinyan', 'Aliyev', 'Prague']
        """
        ents = self.__dict__.get("_entities")
        if ents is None:
            from .entities import default_extractor
            ents = self.__dict__["_entities"] = default_extractor().extract(self)
        return ents

    @property
    def quotes(self) -> List["Quote"]:
        """Quotations with their speakers (direct, partial, scare and indirect), see
        :func:`peacecorpus.quotes.extract_quotes`; speakers resolve to the canonical
        entity names when entities are available."""
        if self._quotes is None:
            from .quotes import extract_quotes
            self._quotes = extract_quotes(self, self.entities)
        return self._quotes

    def to_dict(self) -> Dict[str, Any]:
        """Metadata and counts as a plain dict (one row of ``Corpus.documents()``)."""
        return {
            "doc_id": self.doc_id, "title": self.title, "author": self.author,
            "source": self.source, "syndicated_from": self.syndicated_from,
            "published": self.published, "updated": self.updated, "citation": self.citation,
            "site_name": self.site_name, "url": self.url, "description": self.description,
            "tags": "; ".join(self.tags) or None, "language": self.language,
            "path": self.path, "is_html": self.is_html, "text": self.text,
            "n_paragraphs": int(self._para.shape[0]), "n_sentences": self.n_sentences,
            "n_tokens": self.n_tokens, "n_words": self.n_words, "n_removed": len(self.removed),
            "repairs": self.n_repairs,
        }

    @property
    def n_repairs(self) -> int:
        """Characters repaired (invalid UTF-8, NUL, mojibake, controls, invisibles, unterminated HTML)."""
        return sum(int(v) for k, v in self.repairs.items() if k != "html_dropped_bytes")

    def __getstate__(self) -> Dict[str, Any]:
        return self.__dict__

    def __setstate__(self, state: Dict[str, Any]) -> None:
        self.__dict__.update(state)

    # -- display -------------------------------------------------------------
    def __repr__(self) -> str:
        title = self.title if self.title is None or len(self.title) <= 60 else self.title[:57] + "..."
        return (f"<Document {self.doc_id!r} title={title!r} {len(self.text)} chars, "
                f"{self.n_sentences} sentences, {self.n_tokens} tokens, {len(self.removed)} removed>")

    def __len__(self) -> int:
        return len(self.text)

    def _repr_html_(self) -> str:
        """Article view for Jupyter: entities highlighted by label (canonical
        name on hover), quotes marked with their speaker; all text escaped."""
        from ._display import HIGHLIGHT_CSS, render_document
        return f'{CSS}{HIGHLIGHT_CSS}<div class="pc-doc">{render_document(self)}</div>'


def parse(text_or_html: Union[str, bytes], doc_id: Optional[str] = None, *, mode: str = "auto",
          keep_boilerplate: bool = False, max_bytes: int = DEFAULT_MAX_BYTES,
          path: Optional[str] = None, extra: Optional[Dict[str, Any]] = None) -> Document:
    """Clean and segment one article given as plain text or HTML.

    ``bytes`` are decoded as UTF-8 with invalid sequences repaired (U+FFFD,
    counted in ``doc.repairs``), unless a page declares another encoding (BOM,
    ``<meta charset>``, ``http-equiv``; see :mod:`peacecorpus._charset`).  ``mode`` is ``"auto"`` (sniff), ``"text"``
    or ``"html"``.  With ``keep_boilerplate=True`` no line is removed.
    The GIL is released while the C engine works, so threads parse in parallel.

    >>> doc = parse("<html><title>T</title><p>One. Two.</p><nav>Home</nav></html>")
    >>> [s.text for s in doc.sentences], [r.reason for r in doc.removed]
    (['One.', 'Two.'], ['html_chrome'])
    """
    if mode not in _MODES:
        raise ValueError(f"mode must be one of {sorted(_MODES)}, not {mode!r}")
    if isinstance(text_or_html, (bytes, bytearray)) and mode != "text":
        # a page says its encoding (BOM, <meta charset>): legacy ones are decoded here
        text_or_html, _ = _charset.decode_html(bytes(text_or_html))
    flags = _core.CLEAN_KEEP_BOILERPLATE if keep_boilerplate else 0
    try:
        core = _core.parse(text_or_html, _MODES[mode], flags, max_bytes or 0)
    except DocumentTooLarge:
        size = len(text_or_html.encode("utf-8", "surrogatepass")) if isinstance(text_or_html, str) \
            else len(text_or_html)
        raise DocumentTooLarge(f"input of {size} bytes exceeds max_bytes={max_bytes}",
                               doc_id=doc_id, offset=max_bytes) from None
    except DocumentError as exc:
        raise exc.for_document(doc_id) from None
    return Document(core, doc_id=doc_id, path=path, extra=extra)


def _rows(name: str, ncols: int):
    def load(doc: Document) -> np.ndarray:
        return np.frombuffer(getattr(doc._core, name), dtype=np.uint32).reshape(-1, ncols)
    return load


def _meta_dict(pairs) -> Dict[str, Any]:
    """``html_meta`` from the engine's (key, value) pairs: the first value of a key, a
    list for the keys that hold several (JSON-LD blocks, tags, bylines, times); pairs
    that already hold a list (a stored document) are taken as they are."""
    out: Dict[str, Any] = {}
    for key, value in pairs:
        if isinstance(value, (list, tuple)):
            out[key] = list(value)
        elif key in _meta.MULTI_KEYS:
            out.setdefault(key, []).append(value)
        else:
            out.setdefault(key, value)
    return out


def _field(key: str):
    return lambda doc: doc._field(key)


#: attribute -> loader(doc); see Document.__getattr__
_LAZY = {
    "_para": _rows("paragraphs", 3), "_sent": _rows("sentences", 5), "_tok": _rows("tokens", 3),
    "removed": lambda d: [Removed(reason=r.reason, text=r.text, position=r.position, line=r.line)
                          for r in d._core.removed],
    "html_meta": lambda d: _meta_dict(d._core.meta),
    "repairs": lambda d: d._core.repairs,
    "title": Document._load_title,
    "language": lambda d: _lang.document_language(
        d.text, [d.html_meta.get("lang"), d.html_meta.get("locale")]),
    **{k: _field(k) for k in ("author", "source", "syndicated_from", "published", "updated",
                              "citation", "site_name", "url", "description", "tags")},
}
