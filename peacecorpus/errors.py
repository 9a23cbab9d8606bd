"""Exceptions raised by peacecorpus.

Every error that concerns one document names it (``doc_id``) and, where the
engine knows it, the byte offset in the input (``offset``), so a failure in a
corpus of a million articles can be traced to its file.
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

    def __init__(self, message: str, doc_id: Optional[str] = None,
                 offset: Optional[int] = None, reason: str = "error") -> None:
        self.doc_id = doc_id
        self.offset = offset
        self.reason = reason
        where = []
        if doc_id is not None:
            where.append(f"document {doc_id!r}")
        if offset is not None:
            where.append(f"byte {offset}")
        super().__init__(f"{', '.join(where)}: {message}" if where else message)


class DocumentTooLarge(DocumentError):
    """The input exceeds the configured ``max_bytes`` limit."""


class BinaryInput(DocumentError):
    """The input looks like a binary file (image, archive, PDF), not text or HTML."""


class TooManyEntities(DocumentError):
    """A document produced more entities than the configured per-document limit."""


class StoreError(PeacecorpusError, RuntimeError):
    """The file is not a peacecorpus store, is of another schema version, or
    cannot be read or written (locked, damaged)."""
