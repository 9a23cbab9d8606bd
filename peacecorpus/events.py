"""Time expressions, events, a timeline and conflicting facts.

The C engine finds and normalizes time expressions (``csrc/lib/pc_time.c``)
and finds event mentions with their numbers (``csrc/lib/pc_event.c``), one
call per document with the GIL released.  This module adds what needs the
whole corpus: participants as canonical entities, events merged across
documents (:func:`timeline`), and the merged events whose documents disagree
on a date or a number (:func:`conflicts`).

A relative date ("last September", "on Tuesday") is resolved against the
document's publication date; a document without one keeps the value empty
and says so in ``anchor`` (``"publication (unknown)"``), with the TIMEX3
``partial`` value ("XXXX-09") -- never a guess.

>>> import peacecorpus as pc
>>> from peacecorpus.events import document_times
>>> doc = pc.parse("In September 2022 the army attacked. Last September it withdrew.")
>>> [(t.text, t.value, t.partial, t.anchor) for t in document_times(doc)]
[('September 2022', '2022-09', '2022-09', None), ('Last September', None, 'XXXX-09', 'publication (unknown)')]
>>> [(t.text, t.value) for t in document_times(doc, published="2024-02-01")]
[('September 2022', '2022-09'), ('Last September', '2023-09')]
"""
from __future__ import annotations

import datetime as _dt
import re
from typing import Any, List, NamedTuple, Optional, Tuple

from . import _core

__all__ = ["Time", "document_times", "publication_date"]


class Time(NamedTuple):
    """A time expression; ``start``/``end`` are offsets into the cleaned text.

    ``value`` is the TIMEX3 value ("2022-09", "199", "P3M", "PRESENT_REF")
    or None when it would need an unknown publication date; ``partial`` is
    the value with X for the unknown digits ("XXXX-09"); ``anchor`` is None
    (absolute), ``"publication"``, ``"publication (unknown)"`` or the text of
    the earlier expression it was resolved against."""

    start: int
    end: int
    text: str
    sentence: int
    type: str  # DATE | TIME | DURATION | SET
    value: Optional[str]
    partial: str
    granularity: Optional[str]
    mod: Optional[str]
    anchor: Optional[str]


_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{1,2})(?:-(\d{1,2}))?")


def publication_date(value: Any) -> Optional[Tuple[int, int, int]]:
    """``(year, month, day)`` of a publication date given as a date,
    datetime, pandas Timestamp or ISO 8601 text; None when unknown or
    unreadable ("Mar 10" has no year: unknown).  Month or day 0 = unknown.

    >>> publication_date("2023-08-30"), publication_date("2024-09-27T08:00:00+04:00"), publication_date(None)
    ((2023, 8, 30), (2024, 9, 27), None)
    """
    if value is None:
        return None
    if isinstance(value, (_dt.date, _dt.datetime)) or hasattr(value, "year") and hasattr(value, "month"):
        try:
            y, m, d = int(value.year), int(value.month), int(getattr(value, "day", 0) or 0)
        except (TypeError, ValueError):  # NaT
            return None
        return (y, m, d) if 1 <= y <= 9999 else None
    if isinstance(value, str):
        m_ = _ISO_DATE.match(value)
        if m_:
            y, mo, d = int(m_.group(1)), int(m_.group(2)), int(m_.group(3) or 0)
            if 1 <= mo <= 12:
                return (y, mo, d)
        m_ = re.match(r"^\s*(\d{4})\s*$", value)
        if m_:
            return (int(m_.group(1)), 0, 0)
    return None


def document_times(doc: Any, published: Any = "document") -> List[Time]:
    """Time expressions of one :class:`~peacecorpus.Document`, normalized.

    ``published`` defaults to the document's own publication date
    (``doc.published``); pass None to treat it as unknown, or a date to
    override it."""
    pub = publication_date(getattr(doc, "published", None) if isinstance(published, str) and
                           published == "document" else published)
    y, m, d = pub if pub else (0, 0, 0)
    rows = _core.times(doc.text, doc._raw[3], doc._raw[2], y, m, d)
    if not rows:
        return []
    tok = doc._tok
    sent_starts = doc._sent[:, 2]
    import numpy as np
    out: List[Time] = []
    text = doc.text
    for (t0, t1, typ, value, partial, gran, mod, anchor, aidx) in rows:
        s, e = int(tok[t0, 0]), int(tok[t1 - 1, 1])
        sent = int(np.searchsorted(sent_starts, t0, side="right")) - 1
        if anchor == "text" and 0 <= aidx < len(out):
            anchor = out[aidx].text
        out.append(Time(s, e, text[s:e], sent, typ, value, partial, gran, mod, anchor))
    return out
