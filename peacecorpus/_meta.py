"""Metadata from the lines the cleaner removed (bylines, syndication notes,
datelines, citation lines) and from HTML <meta> tags.

The C engine classifies and removes those lines; turning them into fields is
string work on a handful of short lines per document, so it lives here.
"""
from __future__ import annotations

import datetime as _dt
import re
from typing import Dict, Iterable, Optional, Tuple

_MONTHS = {m.lower(): i for i, m in enumerate(
    ["January", "February", "March", "April", "May", "June", "July", "August",
     "September", "October", "November", "December"], start=1)}
_MONTHS.update({k[:3]: v for k, v in list(_MONTHS.items())})
_MONTHS["sept"] = 9

_MONTH_RE = r"(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
_DATE_PATTERNS = [
    # 2023-08-30, 2023-08-30T10:00:00Z
    (re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)"), ("y", "m", "d")),
    # August 30, 2023 / Aug. 30 2023
    (re.compile(_MONTH_RE + r"\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b", re.I), ("M", "d", "y")),
    # 30 August 2023
    (re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH_RE + r",?\s+(\d{4})\b", re.I), ("d", "M", "y")),
]

_SYNDICATION_RE = re.compile(
    r"originally (?:published|appeared)\s+(?:by|in|on|at)\s+(?:the\s+website\s+of\s+)?(.+?)"
    r"(?:\s+and\s+(?:is|was|has been)\b|\s+on\s+\w+\s+\d|,|\.\s|\.$|$)", re.I)
_BYLINE_PIPE_RE = re.compile(r"^(.*?)\s*\|\s*(?:Published\s+(?:at|in|by|on)\s+)?(.*)$", re.I)
_BY_RE = re.compile(r"^By\s+(.+?)\s*(?:,\s*(.+))?$", re.I)


def outlet_name(text: str) -> str:
    """Normalise an outlet name: "The Middle East Institute (MEI)" -> "Middle East Institute".

    >>> outlet_name("The Middle East Institute (MEI)")
    'Middle East Institute'
    """
    text = re.sub(r"\s*\([A-Z][A-Za-z/&.]{1,9}\)\s*$", "", text.strip())
    return re.sub(r"^the\s+", "", text, flags=re.I).strip()


def find_date(text: str) -> Optional[str]:
    """Return the last full date (day, month, year) in ``text`` as ISO ``YYYY-MM-DD``.

    >>> find_date("Middle East Institute, August 30, 2023.")
    '2023-08-30'
    """
    best: Optional[Tuple[int, str]] = None
    for rx, order in _DATE_PATTERNS:
        for m in rx.finditer(text):
            parts = dict(zip(order, m.groups()))
            try:
                month = int(parts["m"]) if "m" in parts else _MONTHS[parts["M"].lower().rstrip(".")]
                date = _dt.date(int(parts["y"]), month, int(parts["d"]))
            except (KeyError, ValueError):
                continue
            if best is None or m.start() > best[0]:
                best = (m.start(), date.isoformat())
    return best[1] if best else None


def extract(removed: Iterable[Tuple[str, str]], html_meta: Dict[str, str]) -> Dict[str, Optional[str]]:
    """Fields from (reason, text) pairs of removed lines and from HTML meta values."""
    out: Dict[str, Optional[str]] = {
        "author": None, "source": None, "syndicated_from": None,
        "published": None, "updated": None, "citation": None,
    }
    for reason, text in removed:
        if reason == "byline" and out["author"] is None:
            m = _BYLINE_PIPE_RE.match(text) if "|" in text else None
            if m:
                out["author"] = m.group(1).strip() or None
                out["source"] = outlet_name(m.group(2)) or None
            else:
                m = _BY_RE.match(text)
                if m:
                    out["author"] = m.group(1).strip()
                    if m.group(2):
                        out["source"] = outlet_name(m.group(2))
        elif reason == "syndication" and out["syndicated_from"] is None:
            m = _SYNDICATION_RE.search(text)
            if m:
                out["syndicated_from"] = m.group(1).strip().rstrip(".")
        elif reason == "dateline":
            head, _, value = text.partition(":")
            value = value.strip() if value else text
            key = "updated" if "updat" in head.lower() else "published"
            if key == "published":
                out["published"] = out["published"] or find_date(value) or value
            elif out["updated"] is None:
                out["updated"] = value
        elif reason == "citation" and out["citation"] is None:
            cite = re.sub(r"^to cite this article[^:]*:\s*", "", text, flags=re.I)
            out["citation"] = cite
            if out["published"] is None:
                out["published"] = find_date(cite)
    if out["author"] is None and html_meta.get("author"):
        out["author"] = html_meta["author"]
    if out["source"] is None and html_meta.get("site_name"):
        out["source"] = html_meta["site_name"]
    if out["published"] is None and html_meta.get("published"):
        out["published"] = find_date(html_meta["published"]) or html_meta["published"]
    if out["updated"] is None and html_meta.get("modified"):
        out["updated"] = html_meta["modified"]
    return out
