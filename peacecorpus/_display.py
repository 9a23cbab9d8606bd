"""HTML rendering helpers for notebook display.  Every piece of article text
goes through :func:`esc`; nothing else is ever interpolated into markup."""
from __future__ import annotations

import html
from typing import Any

CSS = (
    "<style>"
    ".pc-doc{font-family:system-ui,sans-serif;max-width:52em;line-height:1.5}"
    ".pc-doc h3{margin:.2em 0}.pc-meta{color:#555;font-size:.9em}"
    ".pc-meta td{padding:0 .8em 0 0;vertical-align:top}"
    ".pc-p{margin:.4em 0}.pc-h{font-weight:600;margin:.8em 0 .2em}"
    ".pc-rm{color:#999;font-size:.85em}.pc-rm summary{cursor:pointer}"
    ".pc-tag{display:inline-block;background:#eee;border-radius:3px;padding:0 .3em;margin-right:.3em;font-size:.8em}"
    "</style>"
)


def esc(value: Any) -> str:
    """HTML-escape ``value`` (quotes included)."""
    return html.escape("" if value is None else str(value), quote=True)
