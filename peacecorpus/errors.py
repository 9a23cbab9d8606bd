"""Exceptions raised by peacecorpus.

Every error that concerns one document names it (``doc_id``) and, where the
engine knows it, the byte offset in the input (``offset``), so a failure in a
corpus of a million articles can be traced to its file.

The C engine returns status codes; the binding (csrc/python) keeps these
classes in its module state and raises one per code -- PC_ETOOBIG
:class:`DocumentTooLarge`, PC_ELIMIT :class:`LimitExceeded`, PC_ENOMEM
``MemoryError``, PC_EINVAL ``ValueError``, anything else
:class:`EngineError` -- so no caller ever reads an error's message to know
what happened.  Every limit a document can hit is a :class:`LimitExceeded`,
hence a :class:`DocumentError`: it becomes a row of ``Corpus.errors()``.
"""
from __future__ import annotations

from typing import Optional


class PeacecorpusError(Exception):
    """Base class of every peacecorpus error."""


class DocumentError(PeacecorpusError, ValueError):
    """A document could not be processed.

    Attributes:
        doc_id: the document's id (None when parsing a bare string).
        offset: byte offset in the input where the problem is, if known.
        reason: short machine-readable reason (``"too_large"``, ``"binary"``, ...).
    """

    #: the ``reason`` of instances that do not give one
    default_reason = "error"

    def __init__(self, message: str, doc_id: Optional[str] = None,
                 offset: Optional[int] = None, reason: Optional[str] = None) -> None:
        self.doc_id = doc_id
        self.offset = offset
        self.reason = reason or self.default_reason
        self.detail = message
        where = []
        if doc_id is not None:
            where.append(f"document {doc_id!r}")
        if offset is not None:
            where.append(f"byte {offset}")
        super().__init__(f"{', '.join(where)}: {message}" if where else message)


    def for_document(self, doc_id: Optional[str], offset: Optional[int] = None) -> "DocumentError":
        """The same error naming its document (the engine does not know ids)."""
        return type(self)(self.detail, doc_id=doc_id, offset=self.offset if offset is None else offset,
                          reason=self.reason)


class LimitExceeded(DocumentError):
    """A document exceeds a limit of the engine (a size, a count)."""
    default_reason = "limit"


class DocumentTooLarge(LimitExceeded):
    """The input exceeds the configured ``max_bytes`` limit (or the engine's own)."""
    default_reason = "too_large"


class TooManyEntities(LimitExceeded):
    """A document produced more entities than the configured per-document limit."""
    default_reason = "too_many_entities"


class BinaryInput(DocumentError):
    """The input looks like a binary file (image, archive, PDF), not text or HTML."""
    default_reason = "binary"


class EngineError(PeacecorpusError, RuntimeError):
    """An error the C engine reported that is neither a limit nor bad input
    (a bug: please report it with the document)."""


class StaleTable(PeacecorpusError, ValueError):
    """A table handed to the engine no longer matches what it describes (an
    entry was added to a gazetteer meanwhile); build it again and retry."""


class StoreError(PeacecorpusError, RuntimeError):
    """The file is not a peacecorpus store, is of another schema version, or
    cannot be read or written (locked, damaged)."""


class LanguageWarning(UserWarning):
    """A stage made for English (entities, quotes, times, events) runs on
    documents detected in another language; ``pc.read(..., language="en")``
    leaves them out."""
