"""Which encoding a page's bytes are in, and decoding them (the Python codecs do the work).

The order follows the WHATWG encoding sniffing algorithm: a byte order mark; then the
transport layer (the HTTP ``Content-Type`` charset, e.g. from a WARC record); then a
``<meta charset>`` or ``<meta http-equiv="Content-Type" content="...; charset=...">`` near
the start of the page; then the bytes themselves (valid UTF-8 is UTF-8, anything else
is Windows-1252, the web's fallback for Western pages).  Labels are mapped as the
Encoding Standard maps them (``latin1`` and ``iso-8859-1`` are windows-1252, ``gb2312``
is gb18030, ``euc-kr`` is windows-949 ...).  A page that says UTF-8 but is not valid
UTF-8 and has no UTF-8 multi-byte sequence at all is Windows-1252 in practice.

>>> decode_html(b'<meta charset="koi8-r"><p>\\xcd\\xcf\\xd3\\xcb\\xd7\\xc1')
('<meta charset="koi8-r"><p>москва', 'koi8-r')
"""
from __future__ import annotations

import codecs
import re
from typing import Optional, Tuple, Union

#: How far into the page a ``<meta>`` declaration is looked for.  The standard's
#: pre-scan reads 1,024 bytes; pages put long comments and scripts first, and
#: browsers find the declaration later through the tree builder.
PRESCAN_BYTES = 16384

# Encoding Standard labels whose Python codec has another name or another table.
_ALIASES = {
    "latin1": "cp1252", "latin-1": "cp1252", "iso-8859-1": "cp1252", "iso8859-1": "cp1252",
    "iso_8859-1": "cp1252", "l1": "cp1252", "ascii": "cp1252", "us-ascii": "cp1252",
    "iso-ir-100": "cp1252", "cp819": "cp1252", "ibm819": "cp1252", "windows-1252": "cp1252",
    "x-cp1252": "cp1252", "iso-8859-9": "cp1254", "latin5": "cp1254", "iso-8859-11": "cp874",
    "tis-620": "cp874", "windows-874": "cp874", "gb2312": "gb18030", "gbk": "gb18030",
    "x-gbk": "gb18030", "gb_2312-80": "gb18030", "chinese": "gb18030", "euc-kr": "cp949",
    "ks_c_5601-1987": "cp949", "windows-949": "cp949", "big5": "big5hkscs", "x-sjis": "shift_jis",
    "sjis": "shift_jis", "ms_kanji": "cp932", "windows-31j": "cp932", "x-user-defined": "cp1252",
    "unicode": "utf-8", "utf-16": "utf-8", "utf-16le": "utf-8", "utf-16be": "utf-8",
    "unicode-1-1-utf-8": "utf-8", "utf8": "utf-8", "x-mac-roman": "mac_roman",
    "macintosh": "mac_roman", "mac": "mac_roman",
}

_META = re.compile(
    rb"""<meta\b[^>]*?(?:charset\s*=\s*["']?\s*([-\w.:]+)"""
    rb"""|http-equiv\s*=\s*["']?content-type["']?[^>]*?content\s*=\s*["'][^"']*charset\s*=\s*([-\w.:]+))""",
    re.I)
_CONTENT_TYPE = re.compile(r"charset\s*=\s*[\"']?\s*([-\w.:]+)", re.I)
_PAGE = re.compile(rb"\s*<")
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def normalize_label(label: Optional[str]) -> Optional[str]:
    """Python codec name for an encoding label, or None when unknown.

    >>> normalize_label(" ISO-8859-1 "), normalize_label("Shift_JIS"), normalize_label("nope")
    ('cp1252', 'shift_jis', None)
    """
    if not label:
        return None
    key = label.strip().strip("\"'").lower()
    name = _ALIASES.get(key, key)
    try:
        return codecs.lookup(name).name if name not in ("cp1252", "utf-8") else name
    except LookupError:
        return None


def declared_encoding(data: bytes, content_type: Optional[str] = None) -> Optional[str]:
    """The encoding a page declares: BOM, then HTTP header, then ``<meta>``; None if none."""
    if data.startswith(b"\xef\xbb\xbf"):
        return "utf-8"
    if data.startswith(b"\xff\xfe"):
        return "utf-16-le"
    if data.startswith(b"\xfe\xff"):
        return "utf-16-be"
    if content_type:
        ct = _CONTENT_TYPE.search(content_type)
        enc = normalize_label(ct.group(1)) if ct else None
        if enc:
            return enc
    # find "charset" with bytes.find (fast) and read the <meta> around it
    head = data[:PRESCAN_BYTES].lower()
    at = head.find(b"charset")
    while at >= 0:
        lt = head.rfind(b"<", max(0, at - 512), at)
        if lt >= 0 and head.startswith(b"<meta", lt):
            gt = head.find(b">", at)
            m = _META.match(head, lt, gt + 1 if gt >= 0 else len(head))
            if m:
                enc = normalize_label((m.group(1) or m.group(2) or b"").decode("ascii", "replace"))
                if enc:
                    return enc
        at = head.find(b"charset", at + 7)
    return None


def _utf8_first_high(data: bytes) -> bool:
    """True for ASCII, and when the first byte above 0x7F starts a valid UTF-8
    sequence (found by the C ASCII decoder, not a regex scan of the page)."""
    try:
        data.decode("ascii")
        return True
    except UnicodeDecodeError as exc:
        return _UTF8_MULTIBYTE.match(data, exc.start) is not None


def decode_declared(data: bytes, content_type: Optional[str] = None) -> Optional[Tuple[str, str]]:
    """The text and encoding when the bytes declare an encoding other than UTF-8 (a
    UTF-16 BOM, a header, a ``<meta>``) and are not valid UTF-8 after all; else None."""
    enc = declared_encoding(data, content_type)
    if enc in ("utf-16-le", "utf-16-be"):
        return data[2:].decode(enc, errors="replace"), enc
    if enc is None or enc == "utf-8":
        return None
    if _utf8_first_high(data):
        try:  # labelled latin-1, written in UTF-8: the bytes win
            data.decode("utf-8")
            return None
        except UnicodeDecodeError:
            pass
    return data.decode(enc, errors="replace"), enc


def decode_html(data: bytes, content_type: Optional[str] = None) -> Tuple[Union[str, bytes], str]:
    """Input for the engine and the encoding used.

    UTF-8 comes back as the original bytes (the engine validates them and repairs
    invalid sequences, counting them in ``doc.repairs``); other encodings are
    decoded to ``str`` (undecodable bytes become U+FFFD).  Bytes that declare
    nothing are UTF-8, unless they are a page (they start with a tag) with high
    bytes but no UTF-8 sequence at all: then Windows-1252.
    """
    declared = decode_declared(data, content_type)
    if declared is not None:
        return declared
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    # UTF-8 pages: no decoding here (the engine validates and repairs); a page
    # whose first high byte does not start a UTF-8 sequence is Windows-1252
    if not _PAGE.match(data) or _utf8_first_high(data):
        return data, "utf-8"
    return data.decode("cp1252", errors="replace"), "cp1252"
