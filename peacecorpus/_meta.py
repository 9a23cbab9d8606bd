"""Metadata from the lines the cleaner removed (bylines, syndication notes,
datelines, citation lines) and from HTML <meta> tags.

The C engine classifies and removes those lines; turning them into fields is
string work on a handful of short lines per document, so it lives here.
"""
from __future__ import annotations

import datetime as _dt
import html
import json
import re
from typing import Any, Dict, Iterable, List, Optional, Sequence, Set, Tuple

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


def extract(removed: Iterable[Tuple[str, str]], html_meta: Dict[str, Any],
            head: Sequence[str] = (), lines: Sequence[str] = ()) -> Dict[str, Any]:
    """Fields from (reason, text) pairs of removed lines and from HTML meta values
    (``Document.html_meta``): author, source, syndicated_from, published, updated,
    citation, and for HTML pages also title, site_name, url, description and tags.
    ``head``: the first paragraphs of the text, where a page shows its date under the
    headline when it has no metadata for it; ``lines``: its short paragraphs, where a
    date may be announced ("Datum: ...").
    Every string is one safe line (:func:`clean_field`)."""
    out: Dict[str, Any] = {
        "author": None, "source": None, "syndicated_from": None,
        "published": None, "updated": None, "citation": None,
        "title": None, "site_name": None, "url": None, "description": None, "tags": [],
    }
    removed_list = list(removed)
    for reason, text in removed_list:
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
    if html_meta:
        # the page's own metadata is trusted before lines of its text; the URL last
        page = html_fields(html_meta)
        for key in ("author", "published", "updated"):
            out[key] = page[key] or out[key]
        if page["published_all"]:
            out["published"] = _confirmed(page["published_all"], page, removed_list, lines)
        for key in ("title", "site_name", "url", "description", "tags"):
            out[key] = page[key]
        if out["source"] is None:
            out["source"] = page["site_name"]
        if out["published"] is None:
            out["published"] = _shown_date(page, removed_list, head, lines)
    for key, value in out.items():
        if isinstance(value, str):
            out[key] = clean_field(value)
    return out


# -- HTML pages ------------------------------------------------------------------------------
#
# pc_html/pc_meta (C) collect what a page carries: <title>, <meta> values, JSON-LD scripts
# (raw), the canonical URL, lang attributes, the first <h1>, byline elements, <time>
# values and dates shown as text.  Choosing among them is a few dozen short strings per
# page; it is done here, in the order of trust of issue #13: JSON-LD, OpenGraph and
# article:* meta, Dublin Core and other <meta>, <time> and marked elements, bylines in
# the text, then the URL.

_DATE_CUE = re.compile(
    r"^\W*(?:datum|date|stand|veröffentlicht|aktualisiert|erstellt|published|posted|updated|"
    r"publié|mis à jour|publicado|actualizado|pubblicato|gepubliceerd|opublikowano|"
    r"submitted|gespeichert|geschrieben|eingestellt|verfasst|erschienen)\b", re.I)

#: "This page was last edited on ...": the date of a page that shows no other.
_MODIFIED_CUE = re.compile(r"\blast (?:modified|edited|updated|changed)\b|\bzuletzt (?:am|geändert|bearbeitet)"
                           r"|\bdernière modification\b|\búltima (?:modificación|edición)\b", re.I)

#: Removed lines whose dates are the page's own (metadata shown as text, datelines).
_DATE_REASONS = frozenset({"metadata", "dateline", "byline", "page_chrome"})

#: html_meta keys that hold several values (a list), the others hold one string.
MULTI_KEYS = frozenset({"jsonld", "tags", "byline", "time", "date_text", "twitter"})

_ARTICLE_TYPES = frozenset(t.lower() for t in (
    "Article", "NewsArticle", "ReportageNewsArticle", "AnalysisNewsArticle", "OpinionNewsArticle",
    "ReviewNewsArticle", "BackgroundNewsArticle", "AskPublicNewsArticle", "SatiricalArticle",
    "BlogPosting", "LiveBlogPosting", "SocialMediaPosting", "DiscussionForumPosting",
    "TechArticle", "ScholarlyArticle", "MedicalScholarlyArticle", "Report", "Review", "Recipe",
    "HowTo", "Posting", "Blog"))
_PAGE_TYPES = frozenset({"webpage", "itempage", "aboutpage", "collectionpage", "qapage", "faqpage",
                         "profilepage", "medicalwebpage", "searchresultspage"})
_ORG_TYPES = frozenset({"organization", "newsmediaorganization", "corporation", "ngo",
                        "governmentorganization", "educationalorganization", "localbusiness"})

# Month names of the languages the pages come in (facts of the languages; lower case,
# accents kept and also stripped where pages often drop them).
_MONTH_NAMES = {
    1: "january jan januar jänner jaenner janvier janv enero gennaio janeiro januari stycznia styczeń "
       "styczen leden ledna января январь ocak ιανουαρίου",
    2: "february feb februar feber février fevrier févr fevr febrero febbraio fevereiro februari "
       "lutego luty únor února февраля февраль şubat",
    3: "march mar märz maerz marz mär mrz mars marzo março marco maart marca marzec březen března "
       "марта март mart",
    4: "april apr avril avr abril aprile kwietnia kwiecień kwiecien duben dubna апреля апрель nisan",
    5: "may mai mayo maggio maio mei maja maj květen května мая май mayıs",
    6: "june jun juni juin junio giugno junho czerwca czerwiec červen června июня июнь haziran",
    7: "july jul juli juillet juil julio luglio julho lipca lipiec červenec července июля июль temmuz",
    8: "august aug août aout agosto augustus augusti sierpnia sierpień sierpien srpen srpna "
       "августа август ağustos",
    9: "september sep sept septembre septiembre setiembre settembre setembro wrzesnia września "
       "wrzesień wrzesien září сентября сентябрь eylül",
    10: "october oct oktober okt octobre octubre ottobre outubro października pazdziernika "
        "październik říjen října октября октябрь ekim",
    11: "november nov novembre noviembre novembro listopada listopad listopadu ноября ноябрь kasım",
    12: "december dec dezember dez décembre decembre déc diciembre dicembre dezembro grudnia "
        "grudzień grudzien prosinec prosince декабря декабрь aralık",
}
_MONTH_OF = {name: num for num, names in _MONTH_NAMES.items() for name in names.split()}
_WORD = r"[^\W\d_]{3,12}"
_ISO_RE = re.compile(
    r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?"
    r"\s*(Z|[+-]\d{2}:?\d{2})?)?(?!\d)")
_NUM_DMY_RE = re.compile(r"(?<![\d.])(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})(?!\d)")
_NUM_DMY_SHORT_RE = re.compile(r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{2})(?![\d.])")
_NUM_SLASH_RE = re.compile(r"(?<![\d/])(\d{1,4})/(\d{1,2})/(\d{1,4})(?![\d/])")
_DMY_WORD_RE = re.compile(rf"(?<!\d)(\d{{1,2}})(?:\.|st|nd|rd|th|er|º)?\s*(?:de\s+)?({_WORD})\.?,?\s+(?:de\s+)?(\d{{4}})(?!\d)", re.I)
_MDY_WORD_RE = re.compile(rf"\b({_WORD})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})(?!\d)", re.I)
# "Apr 042013": month, day and year from separate elements, joined without a space
_MDY_GLUED_RE = re.compile(rf"\b({_WORD})\.?\s+(\d{{2}})((?:19|20)\d{{2}})(?!\d)", re.I)
_URL_DATE_RE = re.compile(r"/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?:[/-]|\.html?|$)"
                          r"|[/_-]((?:19|20)\d{2})(\d{2})(\d{2})(?=[/_.-]|$)"
                          r"|/(\d{1,2})-(\d{1,2})-((?:19|20)\d{2})(?=[/_.]|$)")
_ARCHIVED_RE = re.compile(r"^(?:https?:)?//(?:web\.)?archive\.org/web/\d+[a-z_]*/", re.I)
_MIN_YEAR, _MAX_YEAR = 1990, 2035
_DIGIT = re.compile(r"\d{4}")  # every date form has a four-digit year
_WORDS = re.compile(r"[^\W\d_]+")


def _date(y: int, m: int, d: int) -> Optional[_dt.date]:
    if not _MIN_YEAR <= y <= _MAX_YEAR:
        return None
    try:
        return _dt.date(y, m, d)
    except ValueError:
        return None


def parse_datetime(value: Optional[str], short_year: bool = False) -> Optional[str]:
    """The first date in ``value`` as ISO 8601: ``YYYY-MM-DD``, or with the time when it
    is given (``YYYY-MM-DDTHH:MM:SS``, plus the UTC offset when that is given too).
    ``short_year``: ``D.M.YY`` is a date of this century too (for text the page marks as
    a date; elsewhere "1.2.24" is as likely a version number).

    >>> parse_datetime("2019-08-02T14:05:00+02:00"), parse_datetime("Posted 2. März 2020")
    ('2019-08-02T14:05:00+02:00', '2020-03-02')
    >>> parse_datetime("August 2, 2019"), parse_datetime("02/08/2019"), parse_datetime("no")
    ('2019-08-02', '2019-08-02', None)
    """
    if not value:
        return None
    if not _DIGIT.search(value):
        m = _NUM_DMY_SHORT_RE.search(value) if short_year else None
        day = _date(2000 + int(m.group(3)), int(m.group(2)), int(m.group(1))) if m else None
        return day.isoformat() if day else None
    best: Optional[Tuple[int, str]] = None

    def offer(pos: int, iso: Optional[str]) -> None:
        nonlocal best
        if iso and (best is None or pos < best[0]):
            best = (pos, iso)

    for m in _ISO_RE.finditer(value):
        day = _date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if day is None:
            continue
        iso = day.isoformat()
        if m.group(4) is not None:
            iso += f"T{int(m.group(4)):02d}:{m.group(5)}:{m.group(6) or '00'}"
            tz = m.group(7)
            if tz:
                iso += "+00:00" if tz == "Z" else f"{tz[:3]}:{tz[-2:]}"
        offer(m.start(), iso)
        break
    for m in _NUM_DMY_RE.finditer(value):
        day = _date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        offer(m.start(), day.isoformat() if day else None)
    for m in _NUM_SLASH_RE.finditer(value):
        a, b, c = (int(x) for x in m.groups())
        if len(m.group(1)) == 4:
            day = _date(a, b, c)
        elif len(m.group(3)) == 4:
            # day first unless that is impossible (the web outside the US mostly writes D/M/Y)
            day = _date(c, b, a) if b <= 12 else _date(c, a, b)
        else:
            day = None
        offer(m.start(), day.isoformat() if day else None)
    for m in _DMY_WORD_RE.finditer(value):
        mon = _MONTH_OF.get(m.group(2).lower().rstrip("."))
        day = _date(int(m.group(3)), mon, int(m.group(1))) if mon else None
        offer(m.start(), day.isoformat() if day else None)
    for m in _MDY_WORD_RE.finditer(value):
        mon = _MONTH_OF.get(m.group(1).lower())
        day = _date(int(m.group(3)), mon, int(m.group(2))) if mon else None
        offer(m.start(), day.isoformat() if day else None)
    for m in _MDY_GLUED_RE.finditer(value):
        mon = _MONTH_OF.get(m.group(1).lower())
        day = _date(int(m.group(3)), mon, int(m.group(2))) if mon else None
        offer(m.start(), day.isoformat() if day else None)
    return best[1] if best else None


def url_date(url: Optional[str]) -> Optional[str]:
    """A date in a URL path (``/2019/08/02/``, ``/2019-08-02-``, ``/20190802/``, ``/02-08-2019``).

    >>> url_date("https://example.org/blog/2019/08/02/title/"), url_date("/Reden/20030331_Rede2.html")
    ('2019-08-02', '2003-03-31')
    >>> url_date("https://web.archive.org/web/20131110121040/http://example.org/a-post/") is None
    True
    """
    if not url:
        return None
    # a web archive's copy: the date in its path is when it was captured (/web/20131110121040/)
    url = _ARCHIVED_RE.sub("", url)
    m = _URL_DATE_RE.search(url)
    if not m:
        return None
    g = m.groups()
    y, mo, d = g[0:3] if g[0] else g[3:6] if g[3] else (g[8], g[7], g[6])
    day = _date(int(y), int(mo), int(d))
    return day.isoformat() if day else None


# -- strings -------------------------------------------------------------------------------

# C0/C1 controls and bidirectional embeddings, overrides and isolates never reach a field
# (issue #21: a title must not move a terminal's cursor or reorder what follows it).
UNSAFE_CHARS = "\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069"
_UNSAFE = re.compile(f"[{UNSAFE_CHARS}]")
# the same but tab and line feed: for values that may be several lines
_UNSAFE_INLINE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_SPACES = re.compile(r"\s+")


def clean_field(value: Any) -> Optional[str]:
    """A metadata value as one safe line: controls and bidi overrides removed, white
    space collapsed, ``None`` when nothing is left.

    >>> clean_field("  Peace\\x1b[2J talks\\u202e ")
    'Peace[2J talks'
    """
    if value is None:
        return None
    if not isinstance(value, str):
        value = str(value)
    if value.isprintable() and "  " not in value and value.strip() == value:
        return value or None  # the common case: nothing to remove
    value = _SPACES.sub(" ", _UNSAFE.sub("", value)).strip()
    return value or None


def clean_value(value: Any) -> Any:
    """A value of ``Document.extra`` (a column of the caller's DataFrame, a
    field of a JSON record) without the characters :func:`clean_field`
    removes, except tab and line feed (CR LF becomes LF); lists and dicts
    value by value, other types as they are.

    >>> clean_value({"note" + chr(27): ["a" + chr(9) + "b" + chr(0x202E), 3]})
    {'note': ['a\\tb', 3]}
    """
    if isinstance(value, str):
        return value if value.isprintable() else _UNSAFE_INLINE.sub("", value.replace("\r\n", "\n"))
    if isinstance(value, list):
        return [clean_value(v) for v in value]
    if isinstance(value, dict):
        return {clean_value(k): clean_value(v) for k, v in value.items()}
    return value


def _unescape(value: str) -> str:
    return html.unescape(value) if "&" in value else value


def _jsonld(blocks: Sequence[str]) -> List[Dict[str, Any]]:
    """Every JSON-LD object of the page, @graph and lists flattened, in order."""
    out: List[Dict[str, Any]] = []
    for raw in blocks:
        text = raw.strip()
        if text.startswith("<!--"):
            text = text[4:]
        if text.endswith("-->"):
            text = text[:-3]
        text = text.replace("//<![CDATA[", "").replace("//]]>", "").strip()
        try:
            data = json.loads(text, strict=False)
        except ValueError:
            try:  # a trailing comma is the usual slip
                data = json.loads(re.sub(r",\s*([}\]])", r"\1", text), strict=False)
            except ValueError:
                continue
        stack = [data]
        while stack and len(out) < 200:
            item = stack.pop(0)
            if isinstance(item, list):
                stack[:0] = item
            elif isinstance(item, dict):
                out.append(item)
                graph = item.get("@graph")
                if graph is not None:
                    stack[:0] = graph if isinstance(graph, list) else [graph]
    return out


def _types(obj: Dict[str, Any]) -> Set[str]:
    t = obj.get("@type")
    items = t if isinstance(t, list) else [t]
    return {x.lower().rsplit("/", 1)[-1] for x in items if isinstance(x, str)}


def _text_of(value: Any) -> Optional[str]:
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, (str, dict))), None)
    if isinstance(value, dict):
        value = value.get("@value") or value.get("name")
    if isinstance(value, str):
        return clean_field(_unescape(value))
    return None


_BY_PREFIX = re.compile(
    r"^(?:post\s+author|posted\s+by|written\s+by|published\s+by|article\s+by|story\s+by|"
    r"text\s+(?:von|by|de|par)|eingestellt\s+von|gespeichert\s+von|geschrieben\s+von|"
    r"verfasst\s+von|ein\s+beitrag\s+von|publié\s+par|écrit\s+par|escrito\s+por|scritto\s+da|"
    r"a\s+cura\s+di|autor(?:in)?|author|auteur|autore|text|texto|redaktion|by|von|par|por|di|door|av"
    r")\s*[:：\-–]?\s+", re.I)
_GLUED_PREFIX = re.compile(r"^(?:Author|Autor|Auteur|By|Von)(?=[A-ZÄÖÜ])")
_TAIL = re.compile(r"\s*(?:,|\b(?:am|on|le|el|il|at|um|den|vom|du|del|op)\b|[|•·–—-])?\s*$", re.I)
_NOT_NAME = re.compile(r"https?://|www\.|@\w+\.\w|[<>{}=]|^\W*$")
_NOT_NAME_WORDS = frozenset("""
    name posted share comments comment reply antworten kommentar kommentare says sagt dit dice
    schreibt wrote redaktionell anonymous anonym admin administrator by von unknown
    monday tuesday wednesday thursday friday saturday sunday montag dienstag mittwoch donnerstag
    freitag samstag sonntag lundi mardi mercredi jeudi vendredi samedi dimanche
""".split())


def _clean_author(value: Optional[str], orgs: Iterable[str] = ()) -> Optional[str]:
    """A byline as names: "By Jane Roe | 2 May 2019" -> "Jane Roe", "VON X am 21. April
    2020" -> "X", "Rob Picheta, CNN" -> "Rob Picheta"; None for what is not a name.

    >>> _clean_author("Post author By Helge Fahrnberger"), _clean_author("Harry says")
    ('Helge Fahrnberger', None)
    """
    value = clean_field(value)
    if not value:
        return None
    for line in value.split(" | "):
        line = _GLUED_PREFIX.sub("", line.strip())
        for _ in range(2):  # "Post author By X"
            line = _BY_PREFIX.sub("", line)
        digit = re.search(r"\d", line)
        if digit:  # a date or time after the name
            line = _TAIL.sub("", line[:digit.start()])
        line = re.sub(r"\s*\([^)]*\)$|\s*@\w+$", "", line).strip(" ,;:-–—|•·")
        if ", " in line:
            head, _, tail = line.rpartition(", ")
            if tail.lower() in set(orgs) or (tail.isupper() and len(tail) <= 6):
                line = head
        words = line.split()
        if not line or _NOT_NAME.search(line) or len(line) > 80 or not words:
            continue
        if any(w.lower().strip(".:,*") in _NOT_NAME_WORDS for w in words[-1:] + words[:1]):
            continue
        if len(words) > 8 and not re.search(r"[,;&]| and | und ", line):
            continue
        return line
    return None


def _jsonld_authors(obj: Dict[str, Any], org_names: Set[str],
                    by_id: Dict[str, Dict[str, Any]]) -> Optional[str]:
    raw = obj.get("author") or obj.get("creator")
    items = raw if isinstance(raw, list) else [raw]
    names: List[str] = []
    for item in items:
        if isinstance(item, dict):
            if "name" not in item and isinstance(item.get("@id"), str):
                item = by_id.get(item["@id"], item)  # a reference into the @graph
            if _types(item) & _ORG_TYPES:
                continue
            name = _text_of(item.get("name"))
        else:
            name = _text_of(item)
        name = _clean_author(name, org_names)
        if name and name.lower() not in org_names and name not in names:
            names.append(name)
    return "; ".join(names) or None


_TITLE_SEPS = re.compile(r"\s+(?:[|•·»«:/–—]|-{1,2}|::)\s+")


def _strip_site(title: str, site: Optional[str], others: Sequence[Optional[str]]) -> str:
    """The headline part of a title: " | Site", "Site - " and similar removed."""
    parts = [p for p in _TITLE_SEPS.split(title) if p.strip()]
    if len(parts) < 2:
        return title
    for other in others:  # the title part that another candidate confirms
        if other and other in parts:
            return other
    if site:
        low = site.lower()
        kept = [p for p in parts if low not in p.lower() and p.lower() not in low]
        if kept and len(kept) < len(parts):
            return _TITLE_SEPS.split(title)[0] if kept[0] == parts[0] and len(kept) == 1 else \
                max(kept, key=len) if len(kept) > 1 else kept[0]
    return max(parts, key=len) if len(parts[0]) < 0.5 * len(max(parts, key=len)) else parts[0]


def _first_date(values: Iterable[Any], short_year: bool = False) -> Optional[str]:
    for value in values:
        if isinstance(value, str) and (day := parse_datetime(value, short_year)):
            return day
    return None


def _confirmed(candidates: Sequence[str], page: Dict[str, Any],
               removed: Sequence[Tuple[str, str]], lines: Sequence[str] = ()) -> str:
    """The publication date among the metadata's candidates (in order of trust): the
    first whose day the page also shows (JSON-LD is often written at another time than
    the <meta> tags, or in UTC while the page shows its local day); when the page shows
    none of them but its first <time> and its first date-marked text agree, that <time>;
    else a shown day that is a candidate read month-first or the candidate's day in
    another time zone; else the first candidate."""
    shown = {d[:10] for d in (
        *(parse_datetime(t, True) for t in page["date_texts"][:3]),
        *(parse_datetime(t) for t in page["times"][:3]),
        *(parse_datetime(t) for r, t in removed
          if len(t) < 200 and (r in _DATE_REASONS or _DATE_CUE.match(t))),
        *(parse_datetime(t, True) for t in lines if len(t) < 120 and _DATE_CUE.match(t)),
    ) if d}
    hit = next((c for c in candidates if c[:10] in shown), None)
    if hit:
        return hit
    t = parse_datetime(page["times"][0]) if page["times"] else None
    d = parse_datetime(page["date_texts"][0], True) if page["date_texts"] else None
    if t and d and t[:10] == d[:10]:
        return t
    if t and not d and any(t[:10] == (parse_datetime(x, True) or "")[:10]
                           for r, x in removed if r in _DATE_REASONS and len(x) < 60):
        return t  # no date text, but a metadata line shows the <time>'s day
    for c in candidates:
        # 11/01/2023 read the other way round (month first) is the day the page shows
        swapped = f"{c[:4]}-{c[8:10]}-{c[5:7]}"
        if c[8:10] != c[5:7] and int(c[8:10]) <= 12 and swapped in shown:
            return swapped
    for c in candidates:
        # the page's local day: a time given in UTC (or without an offset) falls on
        # the day before or after the one the page shows ("2021-11-04T23:00Z" on a
        # page that says "5. November 2021"); the day shown, when only one is near
        near = [day for day in _local_days(c) if day in shown]
        if len(near) == 1:
            return near[0]
    return candidates[0]


def _local_days(value: str) -> List[str]:
    """The other days a timestamp falls on in the time zones pages are written in
    (UTC-10 to UTC+14): none for a date without a time."""
    m = re.match(r"(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})", value)
    if not m:
        return []
    day = _dt.date.fromisoformat(m.group(1))
    tz = re.search(r"([+-])(\d{2}):(\d{2})$", value)
    minutes = int(m.group(2)) * 60 + int(m.group(3))
    if tz:
        minutes -= (1 if tz.group(1) == "+" else -1) * (int(tz.group(2)) * 60 + int(tz.group(3)))
    out = []
    if minutes + 14 * 60 >= 24 * 60:
        out.append((day + _dt.timedelta(days=1)).isoformat())
    if minutes - 10 * 60 < 0:
        out.append((day - _dt.timedelta(days=1)).isoformat())
    return out


def _few_words(text: str) -> bool:
    """A short line that is mostly a date: at most three words besides month names
    ("Pressemitteilung vom 20.01.2022", "1. November 2021 | Naturschutz")."""
    words = [w for w in _WORDS.findall(text) if w.lower() not in _MONTH_OF]
    return len(words) <= 3 and sum(map(len, words)) <= 24


def _date_leads(text: str) -> bool:
    """A line under a headline that shows the page's date: the date within its first
    five words, or the line mostly a date (a sentence that mentions a date does not)."""
    return _few_words(text) or parse_datetime(" ".join(text.split(maxsplit=5)[:5])) is not None


def _shown_date(page: Dict[str, Any], removed: Sequence[Tuple[str, str]], head: Sequence[str],
                lines: Sequence[str]) -> Optional[str]:
    """The publication date when the metadata has none: the URL, then dates the page
    shows (date-marked elements, metadata lines set aside, under the headline, announced
    by a cue), then <time> values, the title, the modification date."""
    short_removed = [t for _, t in removed if len(t) <= 120]
    steps = (
        lambda: url_date(page["url"]),
        lambda: _first_date(page["date_texts"][:1], True),
        lambda: _first_date((t for r, t in removed if r in _DATE_REASONS and len(t) < 200), True),
        lambda: _first_date(p for p in head if len(p) < 200 and _date_leads(p)),
        lambda: _first_date(t for t in (*short_removed, *lines) if _DATE_CUE.match(t)),
        lambda: _first_date(t for t in short_removed if len(t) <= 60 and _DIGIT.search(t) and _few_words(t)),
        lambda: _first_date(page["times"]),
        lambda: _first_date(page["date_texts"][1:], True),
        lambda: _first_date([page["page_published"], page["raw_title"], page["updated"]]),
        lambda: _first_date(t for t in short_removed if _MODIFIED_CUE.search(t)),
    )
    for step in steps:
        day = step()
        if day:
            return day
    return None


def html_fields(meta: Dict[str, Any]) -> Dict[str, Any]:
    """Title, author, dates, site, URL, description and tags of an HTML page from the
    values pc_html collected (``Document.html_meta``); None where the page says nothing.
    """
    def one(key: str) -> Optional[str]:
        v = meta.get(key)
        return clean_field(v[0] if isinstance(v, list) and v else v)

    def many(key: str) -> List[str]:
        v = meta.get(key)
        return [x for x in (clean_field(s) for s in (v if isinstance(v, list) else [v])) if x]

    objs = _jsonld(meta.get("jsonld") or [])
    article = next((o for o in objs if _types(o) & _ARTICLE_TYPES), None)
    page = next((o for o in objs if _types(o) & _PAGE_TYPES), None)
    orgs = [o for o in objs if _types(o) & _ORG_TYPES]
    publisher = None
    if article and isinstance(article.get("publisher"), dict):
        publisher = _text_of(article["publisher"].get("name"))
    site = one("site_name") or publisher or (_text_of(orgs[0].get("name")) if orgs else None)
    org_names = {n.lower() for n in (site, publisher, *(_text_of(o.get("name")) for o in orgs)) if n}

    # title
    h1 = one("h1")
    ld_title = _text_of(article.get("headline") or article.get("name")) if article else None
    og, mt, tt = one("og_title"), one("meta_title"), one("html_title")
    title = None
    parts = [p for c in (ld_title, og, mt, tt) if c for p in _TITLE_SEPS.split(c)]
    if h1 and (any(c and h1 in c for c in (ld_title, og, mt, tt)) or
               any(len(p) >= 4 and h1.startswith(p) for p in parts)):
        title = h1
    else:
        for cand in (ld_title, og, mt, tt, h1):
            if cand:
                title = _strip_site(cand, site, (h1, ld_title, og))
                break

    # author
    by_id = {o["@id"]: o for o in objs if isinstance(o.get("@id"), str)}
    author = _jsonld_authors(article, org_names, by_id) if article else None
    twitter = dict(t.split("=", 1) for t in many("twitter") if "=" in t)
    written_by = [twitter.get("data" + k[5:]) for k, v in twitter.items()
                  if k.startswith("label") and re.search(r"written by|autor|author|verfasst", v, re.I)]
    candidates: List[Optional[str]] = [one("author"), *written_by, *many("byline")]
    for cand_text in candidates if not author else []:
        cand = _clean_author(cand_text, org_names)
        if cand and cand.lower() not in org_names:
            author = cand
            break

    # dates: the sources that name the publication date; the others are tried by
    # extract() in the order of their precision on the development pages
    # every source that names the publication date, in order of trust; extract() takes
    # the first, or the first that a date the page shows confirms when they disagree
    published_all: List[str] = []
    for value in ((article or {}).get("datePublished"), (article or {}).get("dateCreated"),
                  one("published"), one("pubdate")):
        if isinstance(value, str) and (parsed := parse_datetime(value)):
            published_all.append(parsed)
    published = published_all[0] if published_all else None
    modified = None
    for value in ((article or {}).get("dateModified"), one("modified"),
                  (page or {}).get("dateModified")):
        if isinstance(value, str) and (modified := parse_datetime(value)):
            break

    url = one("canonical") or one("og_url") or (_text_of((article or {}).get("url")))
    tags: List[str] = []
    for value in many("tags"):
        for tag in value.split(","):
            tag = tag.strip()
            if tag and tag not in tags:
                tags.append(tag)
    kw = (article or {}).get("keywords")
    for item in (kw if isinstance(kw, list) else str(kw or "").split(",")):
        keyword = clean_field(item) if isinstance(item, str) else None
        if keyword and keyword not in tags:
            tags.append(keyword)
    description = one("description") or _text_of((article or {}).get("description"))
    return {"title": title, "author": author, "published": published, "updated": modified,
            "site_name": site, "url": url, "description": description, "tags": tags,
            "raw_title": og or tt, "times": many("time"), "date_texts": many("date_text"),
            "page_published": (page or {}).get("datePublished"), "published_all": published_all}
