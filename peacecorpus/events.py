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
import functools
import math
import os
import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, Callable, Dict, Iterable, Iterator, List, NamedTuple, Optional, Sequence, Tuple, Union

import numpy as np
import pandas as pd

from . import _core
from ._parallel import in_processes
from ._paths import data_path
from .similarity import _UnionFind

__all__ = ["Time", "Event", "Number", "Lexicon", "document_times", "document_events", "publication_date",
           "default_lexicon"]


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


def _times_with_tokens(doc: Any, published: Any) -> Tuple[List[Time], List[Tuple[int, int]]]:
    own = isinstance(published, str) and published == "document"
    if own:
        cached = doc.__dict__.get("_times")  # the times table and the events share one scan
        if cached is not None:
            return cached
    out = _scan_times(doc, getattr(doc, "published", None) if own else published)
    if own:
        doc.__dict__["_times"] = out
    return out


def _scan_times(doc: Any, published: Any) -> Tuple[List[Time], List[Tuple[int, int]]]:
    pub = publication_date(published)
    y, m, d = pub if pub else (0, 0, 0)
    rows = _core.times(doc._core, y, m, d)
    if not rows:
        return [], []
    tok = doc._tok
    # all rows at once: their characters and sentences (one searchsorted)
    t0 = np.fromiter((r.tok_start for r in rows), dtype=np.int64, count=len(rows))
    t1 = np.fromiter((r.tok_end for r in rows), dtype=np.int64, count=len(rows))
    starts, ends = tok[t0, 0].tolist(), tok[t1 - 1, 1].tolist()
    sent_of = (np.searchsorted(doc._sent[:, 2].astype(np.int64), t0, side="right") - 1).tolist()
    out: List[Time] = []
    spans: List[Tuple[int, int]] = []
    text = doc.text
    for r, s, e, sent in zip(rows, starts, ends, sent_of):
        anchor = r.anchor
        if anchor == "text" and 0 <= r.anchor_index < len(out):
            anchor = out[r.anchor_index].text
        out.append(Time(s, e, text[s:e], sent, r.type, r.value, r.partial, r.granularity, r.mod, anchor))
        spans.append((r.tok_start, r.tok_end))
    return out, spans


def document_times(doc: Any, published: Any = "document") -> List[Time]:
    """Time expressions of one :class:`~peacecorpus.Document`, normalized.

    ``published`` defaults to the document's own publication date
    (``doc.published``); pass None to treat it as unknown, or a date to
    override it."""
    return _times_with_tokens(doc, published)[0]


# -- events -------------------------------------------------------------------------------------

_TABLES = {"trigger": 0, "cue": 1, "unit": 2, "qualifier": 3}
_KINDS = {"verb": 1, "noun": 2, "named": 3}
_PLACE_OBJECT = 0x10
_CUE_CODES = {"planned": 1, "did_not_occur": 2, "hypothetical": 3, "cancelled": 4, "report": 5, "support": 6}
_STATUS = {0: "occurred", 1: "planned", 2: "did_not_occur"}
_ENTITY_LABELS = {"PERSON": 1, "ORG": 2, "GPE": 3, "LOC": 4, "FAC": 5, "NORP": 6, "EVENT": 7, "LAW": 8}
_TIME_TYPES = {"DATE": 1, "TIME": 2, "DURATION": 3, "SET": 4}
_VAGUE = 8  # PC_EVT_VAGUE: PRESENT_REF, PXY ... do not date an event noun
_PARTIAL = 16  # PC_EVT_PARTIAL: XXXX-09 -- a date, but chosen after a resolved one


def _phrase(text: str) -> str:
    """A lexicon phrase as the engine reads tokens: lowercase, hyphens as words of their own."""
    text = text.lower().replace("\u2019", "'").replace("\u2018", "'")
    return " ".join(re.sub(r"\s*-\s*", " - ", text).split())


def _rows(path: Path, ncols: int) -> List[List[str]]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) < ncols:
            raise ValueError(f"{path}: expected {ncols} tab-separated columns: {line!r}")
        out.append(cols)
    return out


class Lexicon:
    """The vocabulary of event extraction, from four TSV files (see
    ``data/lexicons``): triggers with their type and kind, status cues,
    unit words and number qualifiers.  ``Lexicon.default()`` reads the
    bundled files; pass your own paths to extend them."""

    def __init__(self, triggers: Union[str, Path], cues: Union[str, Path], units: Union[str, Path],
                 qualifiers: Union[str, Path]) -> None:
        self.types: List[str] = []
        self.units: List[Tuple[str, str, float]] = []          # word, unit, factor
        self.qualifiers: List[Tuple[str, str, float, float]] = []  # phrase, kind, low, high
        entries: List[Tuple[int, str, int, int]] = []
        for typ, kind, forms in _rows(Path(triggers), 3):
            base, _, flag = kind.partition(",")
            if base not in _KINDS or flag not in ("", "place"):
                raise ValueError(f"{triggers}: unknown trigger kind {kind!r}")
            if typ not in self.types:
                self.types.append(typ)
            code = self.types.index(typ)
            k = _KINDS[base] | (_PLACE_OBJECT if flag else 0)
            entries += [(_TABLES["trigger"], _phrase(f), code, k) for f in forms.split("|") if f.strip()]
        for status, phrase in _rows(Path(cues), 2):
            if status not in _CUE_CODES:
                raise ValueError(f"{cues}: unknown status {status!r}")
            entries.append((_TABLES["cue"], _phrase(phrase), _CUE_CODES[status], 0))
        for word, unit, factor in _rows(Path(units), 3):
            entries.append((_TABLES["unit"], _phrase(word), len(self.units), 0))
            self.units.append((word, unit, float(factor)))
        for phrase, kind, low, high in _rows(Path(qualifiers), 4):
            entries.append((_TABLES["qualifier"], _phrase(phrase), len(self.qualifiers), 0))
            self.qualifiers.append((phrase, kind, float(low), float(high)))
        self._dead_words = {w for w, u, _ in self.units if u == "dead"}
        self.capsule = _core.event_lexicon(entries)
        self.n_entries = len(entries)

    @classmethod
    def default(cls) -> "Lexicon":
        return default_lexicon()

    def __repr__(self) -> str:
        return f"<Lexicon {len(self.types)} event types, {self.n_entries} entries>"


@functools.lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    """The bundled lexicon (``data/lexicons/*.tsv``), loaded once."""
    d = data_path("lexicons")
    return Lexicon(d / "event_triggers.tsv", d / "event_cues.tsv", d / "number_units.tsv",
                   d / "number_qualifiers.tsv")


class Number(NamedTuple):
    """A number reported with an event: ``value`` (``value2`` > value for a
    range) in ``unit`` (a unit class from ``number_units.tsv``, or the noun
    itself), the ``qualifier`` as written ("nearly"), and the interval
    [``low``, ``high``] it stands for (qualifier and rounding)."""

    text: str
    value: float
    value2: float
    unit: str
    qualifier: Optional[str]
    low: float
    high: float


class Event(NamedTuple):
    """An event mention; ``start``/``end`` are the trigger's offsets,
    ``evidence_start``/``evidence_end`` the sentence's."""

    event: int
    sentence: int
    type: str
    trigger: str
    start: int
    end: int
    status: str  # occurred | planned | did_not_occur
    participants: Tuple[str, ...]
    participant_labels: Tuple[str, ...]
    place: Optional[str]
    place_label: Optional[str]
    time: Optional[str]
    time_value: Optional[str]
    time_partial: Optional[str]
    time_granularity: Optional[str]
    numbers: Tuple[Number, ...]
    evidence: str
    evidence_start: int
    evidence_end: int


def _rounding(value: float) -> float:
    """How far a number written without a hedge may be from the truth: half a
    unit of its last non-zero digit ("120,000" -> 5,000; "12" -> 0.5; "2.5" ->
    0.05), at most 5% of it ("100,000" is not 50,000..150,000), at least 0.5
    for whole numbers."""
    if value == 0 or not math.isfinite(value):
        return 0.5
    if value != int(value):
        s = repr(value).rstrip("0")
        decimals = len(s.split(".")[1]) if "." in s else 0
        return 0.5 * 10 ** -decimals
    v, step = int(abs(value)), 1
    while v and v % 10 == 0:
        v //= 10
        step *= 10
    return max(0.5, min(step / 2, 0.05 * abs(value)))


def _interval(value: float, value2: float, qual: Optional[Tuple[str, str, float, float]]) -> Tuple[float, float]:
    """What a reported number allows: its hedge's interval ("nearly 120,000":
    102,000..120,000), or without a hedge its rounding (:func:`_rounding`)."""
    if qual is not None:
        _, _, qlo, qhi = qual
        return max(value * qlo, 0.0), math.inf if math.isinf(qhi) else value2 * qhi
    return max(value - _rounding(value), 0.0), value2 + _rounding(value2)


class _Ents(NamedTuple):
    """A document's entity mentions as columns (offsets into its text)."""
    start: np.ndarray
    end: np.ndarray
    label: List[str]
    name: List[str]


def _ents_of(entities: Sequence[Any]) -> _Ents:
    """Entity mentions given as objects or dicts (``start, end, label,
    canonical`` and ``text``) as columns; the name is the canonical name,
    else the text."""
    st, en, lab, nm = [], [], [], []
    for e in entities:
        get = e.get if isinstance(e, dict) else (lambda k, _e=e: getattr(_e, k, None))
        st.append(int(get("start")))  # type: ignore[arg-type]
        en.append(int(get("end")))  # type: ignore[arg-type]
        lab.append(str(get("label")))
        name = get("canonical")
        if name is None or name is pd.NA or (isinstance(name, float) and math.isnan(name)):
            name = get("text")
        nm.append(str(name))
    return _Ents(np.asarray(st, dtype=np.int64), np.asarray(en, dtype=np.int64), lab, nm)


def _entity_rows(doc: Any, ents: _Ents) -> Tuple[bytes, np.ndarray]:
    """The engine's entity spans (token range and label code, sorted by first
    token) and, for each, its index in ``ents``."""
    tok = doc._tok
    codes = np.array([_ENTITY_LABELS.get(lab, 0) for lab in ents.label], dtype=np.int64)
    if not len(tok) or not len(codes):
        return b"", np.zeros(0, dtype=np.int64)
    t0 = np.searchsorted(tok[:, 1], ents.start, side="right")
    t1 = np.searchsorted(tok[:, 0], ents.end, side="left")
    keep = np.flatnonzero((codes > 0) & (t0 < t1))
    order = keep[np.lexsort((-(t1[keep] - t0[keep]), t0[keep]))]
    rows = np.stack([t0[order], t1[order], codes[order]], axis=1).astype(np.uint32)
    return rows.tobytes(), order


def document_events(doc: Any, entities: Optional[Sequence[Any]] = None, published: Any = "document",
                    lexicon: Optional[Lexicon] = None) -> List[Event]:
    """Event mentions of one document.

    ``entities`` are the document's entity mentions (objects or dicts with
    ``start, end, label, canonical``; default ``doc.entities``): participants
    and places are their canonical names.  Times are resolved against
    ``published`` as in :func:`document_times`.

    >>> import peacecorpus as pc
    >>> doc = pc.parse("In September 2022, Azerbaijan seized Nagorno-Karabakh. Nearly 120,000 residents fled to Armenia.")
    >>> [(e.type, e.participants, e.place, e.time_value, [n.text for n in e.numbers]) for e in document_events(doc)]
    [('ATTACK', ('Azerbaijan',), 'Nagorno-Karabakh', '2022-09', []), ('DISPLACEMENT', ('Armenia',), None, None, ['Nearly 120,000 residents'])]
    """
    return _events_of(doc, _ents_of(doc.entities if entities is None else entities), published,
                      lexicon or default_lexicon())


#: "the two sides" as the subject right before a trigger ("the two sides agreed", "Both
#: countries quickly signed"), resolved to the pair last coordinated ("Armenia and Azerbaijan")
_SIDES = re.compile(r"\b(?:the two|both) (?:sides|countries|parties|governments|nations)\s+(?:\w+ly\s+)?$",
                    re.IGNORECASE)
_AND = re.compile(r"^(?:['\u2019]s)?\s+and\s+$")
_SIDES_REACH = 2000  # characters back to the pair


def _pairs(text: str, ents: _Ents) -> List[Tuple[int, int, int]]:
    """Coordinated pairs of countries or organisations ("Armenia and
    Azerbaijan", "Baku's and Yerevan's"): (end, entity a, entity b) by end."""
    order = np.argsort(ents.start, kind="stable")
    out = []
    for a, b in zip(order[:-1], order[1:]):
        la, lb = ents.label[a], ents.label[b]
        if (la == lb and la in ("GPE", "ORG") and ents.name[a] != ents.name[b] and ents.end[a] <= ents.start[b]
                and ents.start[b] - ents.end[a] < 12 and _AND.match(text[ents.end[a]:ents.start[b]])):
            out.append((int(ents.end[b]), int(a), int(b)))
    return out


def _the_two_sides(text: str, s0: int, start: int, pairs: List[Tuple[int, int, int]]) -> Optional[Tuple[int, int]]:
    """The pair "the two sides" right before a trigger at ``start`` stands for."""
    if not pairs or not _SIDES.search(text, max(s0, start - 40), start):
        return None
    best = None
    for end, a, b in pairs:
        if end > start:
            break
        best = (end, a, b)
    if best is None or start - best[0] > _SIDES_REACH:
        return None
    return best[1], best[2]


#: nouns for people: a demonym before one of them is the group as a participant
#: ("Armenian separatists", "Armenian and Azerbaijani officials" -> Armenians, Azerbaijanis)
_GROUP_NOUNS = frozenset("""officials counterparts separatists forces troops soldiers fighters leaders leadership
    authorities ministers diplomats negotiators mediators mediation peacekeepers delegation delegations side sides
    army military police rebels militants residents people civilians refugees protesters activists""".split())
_NEXT_WORDS = re.compile(r"[ \t]+([\w'’]+)")


def _group_name(text: str, ents: _Ents, k: int) -> Optional[str]:
    """A demonym (NORP) participant as the group it names ("Armenians" for
    "Armenians fled", "Armenian separatists", "Armenian-backed forces"), or
    None when it describes something else ("Azerbaijani media", "an ethnic
    Armenian population", "the Armenian-populated region")."""
    name = ents.name[k]
    plural = name if name.endswith("s") else name + "s" if name.endswith(("an", "i")) else name
    start, end = int(ents.start[k]), int(ents.end[k])
    if text[start:end].endswith("s") and not name.endswith("s"):
        return plural                                   # the noun itself
    if text.startswith(("-backed", "-led"), end):
        return plural
    pos = end
    for _ in range(3):                                  # "Russian and international mediation"
        m = _NEXT_WORDS.match(text, pos)
        if m is None:
            return None
        if m.group(1).lower() in _GROUP_NOUNS:
            return plural
        pos = m.end()
    return None


def _events_of(doc: Any, ents: _Ents, published: Any, lex: Lexicon) -> List[Event]:
    times, time_toks = _times_with_tokens(doc, published)
    ent_rows, ent_index = _entity_rows(doc, ents)
    time_rows = np.array([(t0, t1, _TIME_TYPES[t.type] | (_VAGUE if t.partial.endswith("_REF") or
                                                           (t.type == "DURATION" and "X" in t.partial) else 0)
                           | (_PARTIAL if t.value is None else 0))
                          for t, (t0, t1) in zip(times, time_toks)], dtype=np.uint32).reshape(-1, 3).tobytes()
    raw = _core.events(doc._core, lex.capsule, ent_rows, time_rows)
    if not raw:
        return []
    tok, sents, text = doc._tok, doc._sent, doc.text
    names_of, labels_of = ents.name, ents.label
    pairs: Optional[List[Tuple[int, int, int]]] = None
    out: List[Event] = []
    for e in raw:      # _core.EventSpan
        sent, t0, t1, typ, status, ti, pi = e.sentence, e.tok_start, e.tok_end, e.type, e.status, e.time, e.place
        s0, s1 = int(sents[sent, 0]), int(sents[sent, 1])
        start, end = int(tok[t0, 0]), int(tok[t1 - 1, 1])
        evidence = text[s0:s1]
        names: List[str] = []
        labels: List[str] = []
        ks = [int(ent_index[a.entity]) for a in sorted(e.participants, key=lambda a: (a.role, a.entity))]
        if "sides" in evidence or "countries" in evidence or "parties" in evidence or "governments" in evidence \
                or "nations" in evidence:
            if pairs is None:
                pairs = _pairs(text, ents)
            two = _the_two_sides(text, s0, start, pairs)
            if two is not None:
                ks = list(two) + ks
        for k in ks:
            name = names_of[k] if labels_of[k] != "NORP" else _group_name(text, ents, k)
            if name is not None and name not in names:
                names.append(name)
                labels.append(labels_of[k])
        numbers = []
        for n in e.numbers:     # _core.EventNumber
            n0, n1, v, v2, unit, qual = n.tok_start, n.tok_end, n.value, n.value2, n.unit, n.qual
            if unit >= 0:
                _word, unit_name, factor = lex.units[unit]
            else:
                unit_name, factor = text[int(tok[n.unit_tok, 0]):int(tok[n.unit_tok, 1])].lower(), 1.0
            if unit_name == "people" and lex._dead_words & set(w.lower() for w in re.findall(r"\w+", evidence)):
                unit_name = "dead"
            q = lex.qualifiers[qual] if qual >= 0 else None
            lo, hi = _interval(v * factor, v2 * factor, q)
            numbers.append(Number(text[int(tok[n0, 0]):int(tok[n1 - 1, 1])], v * factor, v2 * factor, unit_name,
                                  q[0] if q else None, lo, hi))
        t = times[ti] if ti >= 0 else None
        place = int(ent_index[pi]) if pi >= 0 else -1
        out.append(Event(len(out), int(sent), lex.types[typ], text[start:end], start, end, _STATUS[status],
                         tuple(names), tuple(labels), names_of[place] if place >= 0 else None,
                         labels_of[place] if place >= 0 else None,
                         t.text if t else None, t.value if t else None, t.partial if t else None,
                         t.granularity if t else None, tuple(numbers), evidence, s0, s1))
    return out


# -- tables over documents --------------------------------------------------------------------

TIME_COLUMNS = ["doc_id", "sentence", "start", "end", "text", "type", "value", "partial", "granularity", "mod",
                "anchor"]
EVENT_COLUMNS = ["doc_id", "event", "sentence", "type", "trigger", "start", "end", "status", "participants",
                 "participant_labels", "place", "place_label", "time", "time_value", "time_partial",
                 "time_granularity", "numbers", "evidence", "evidence_start", "evidence_end"]
NUMBER_COLUMNS = ["doc_id", "event", "text", "value", "value2", "unit", "qualifier", "low", "high"]


OnError = Optional[Callable[[Any, Exception], None]]


def _each(docs: Iterable[Any], fn: Callable[[Any], Any], on_error: OnError) -> Iterator[Tuple[Any, Any]]:
    """(doc, fn(doc)) for each document; a document whose fn raises is
    handed to ``on_error`` and left out (raised when it is None)."""
    for d in docs:
        try:
            got = fn(d)
        except Exception as exc:  # that document's failure only
            if on_error is None:
                raise
            on_error(d, exc)
            continue
        yield d, got


def times_frame(docs: Iterable[Any], on_error: OnError = None) -> pd.DataFrame:
    """Time expressions of documents (the ``times`` table): ``doc_id,
    sentence, start, end, text, type, value, partial, granularity, mod,
    anchor``, each resolved against its document's publication date.
    ``on_error(doc, exc)``: see :func:`events_frames`."""
    rows = [(d.doc_id, t.sentence, t.start, t.end, t.text, t.type, t.value, t.partial, t.granularity, t.mod, t.anchor)
            for d, times in _each(docs, document_times, on_error) for t in times]
    return pd.DataFrame(rows, columns=TIME_COLUMNS)


def events_frames(docs: Sequence[Any], entities: Optional[pd.DataFrame] = None,
                  lexicon: Optional[Lexicon] = None, n_jobs: Optional[int] = None, on_error: OnError = None
                  ) -> Tuple[pd.DataFrame, pd.DataFrame]:
    """Events and their numbers for documents (the ``events_raw`` and
    ``event_numbers`` tables).  Participants are named by the ``canonical``
    column (else ``text``) of ``entities``, a mention or entity table with
    its rows in document order; None: each document's own ``doc.entities``.
    Returns (events, numbers).  ``on_error(doc, exc)``, when given, is
    called for a document whose extraction raised, which then gives no rows
    (the others are not affected); without it the failure is raised."""
    lex = lexicon or default_lexicon()
    spans: Dict[Any, Tuple[int, int]] = {}
    cols: Optional[_Ents] = None
    if entities is not None:
        ids = entities["doc_id"].astype(object).to_numpy()
        canon = entities["canonical"].astype(object).to_numpy() if "canonical" in entities.columns else \
            np.full(len(entities), None, dtype=object)
        texts = entities["text"].astype(object).to_numpy()
        names = [c if isinstance(c, str) else str(t) for c, t in zip(canon, texts)]
        cols = _Ents(entities["start"].to_numpy(dtype=np.int64), entities["end"].to_numpy(dtype=np.int64),
                     [str(x) for x in entities["label"].astype(object).to_numpy()], names)
        if len(ids):
            cut = np.flatnonzero(ids[1:] != ids[:-1]) + 1
            bounds = np.concatenate(([0], cut, [len(ids)]))
            for a, b in zip(bounds[:-1], bounds[1:]):
                spans.setdefault(ids[a], (int(a), int(b)))
    def one(d: Any) -> Union[List[Event], Exception]:
        try:
            if cols is not None:
                a, b = spans.get(d.doc_id, (0, 0))
                ents = _Ents(cols.start[a:b], cols.end[a:b], cols.label[a:b], cols.name[a:b])
            else:
                ents = _ents_of(d.entities)
            return _events_of(d, ents, "document", lex)
        except Exception as exc:  # that document's failure only
            if on_error is None:
                raise
            return exc

    def rows(part: Sequence[Any], threads: int) -> Tuple[List[tuple], List[tuple], List[Tuple[int, Exception]]]:
        # the engine's calls release the GIL: threads overlap them
        if threads > 1 and len(part) > 64:
            with ThreadPoolExecutor(max_workers=threads) as pool:
                per_doc = list(pool.map(one, part, chunksize=64))
        else:
            per_doc = [one(d) for d in part]
        ev_rows: List[tuple] = []
        num_rows: List[tuple] = []
        failed: List[Tuple[int, Exception]] = []
        for k, (d, evs) in enumerate(zip(part, per_doc)):
            if isinstance(evs, Exception):
                failed.append((k, evs))
                continue
            for e in evs:
                ev_rows.append((d.doc_id, e.event, e.sentence, e.type, e.trigger, e.start, e.end, e.status,
                                list(e.participants), list(e.participant_labels), e.place, e.place_label, e.time,
                                e.time_value, e.time_partial, e.time_granularity, [n.text for n in e.numbers],
                                e.evidence, e.evidence_start, e.evidence_end))
                num_rows += [(d.doc_id, e.event, n.text, n.value, n.value2, n.unit, n.qualifier, n.low, n.high)
                             for n in e.numbers]
        return ev_rows, num_rows, failed

    n = n_jobs or min(4, os.cpu_count() or 1)
    ev_rows: List[tuple] = []
    num_rows: List[tuple] = []
    for offset, (ev, num, failed) in in_processes(rows, docs, n):
        ev_rows += ev
        num_rows += num
        for k, exc in failed:
            assert on_error is not None
            on_error(docs[offset + k], exc)
    return pd.DataFrame(ev_rows, columns=EVENT_COLUMNS), pd.DataFrame(num_rows, columns=NUMBER_COLUMNS)


def apply_canonical(events_raw: pd.DataFrame, canonical: pd.DataFrame) -> pd.DataFrame:
    """The ``events`` table: participants and place of ``events_raw`` (named
    as within their document) with their corpus-wide canonical names from a
    :func:`peacecorpus.entities.canonical_table`."""
    df = events_raw.copy()
    if not len(df):
        return df
    table = dict(zip(zip(canonical["label"].tolist(), canonical["name"].tolist()), canonical["canonical"].tolist()))
    parts = []
    for names, labels in zip(df["participants"].tolist(), df["participant_labels"].tolist()):
        names = list(names) if names is not None else []
        labels = list(labels) if labels is not None else []
        seen: List[str] = []
        for n, lab in zip(names, labels):
            c = table.get((lab, n), n)
            if c not in seen:
                seen.append(c)
        parts.append(seen)
    df["participants"] = parts
    df["participant_labels"] = [
        [lab for _, lab in dict.fromkeys((table.get((lab, n), n), lab) for n, lab in zip(
            list(ns) if ns is not None else [], list(ls) if ls is not None else []))]
        for ns, ls in zip(events_raw["participants"].tolist(), events_raw["participant_labels"].tolist())]
    df["place"] = [table.get((lab, p), p) if isinstance(p, str) and isinstance(lab, str) else p
                   for p, lab in zip(df["place"].tolist(), df["place_label"].tolist())]
    return df


# -- comparing times --------------------------------------------------------------------------

_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}


class _When(NamedTuple):
    """A time as month ranges: [lo, hi] in months since year 0 when the year is
    known; else the month (and day) alone.  gran: 'decade', 'year', 'month',
    'day' ... as far as the value says."""
    lo: Optional[int]
    hi: Optional[int]
    year: Optional[int]
    month: Optional[int]
    day: Optional[int]
    gran: str


def parse_timex(value: Optional[str]) -> Optional[_When]:
    """A TIMEX3 date value ("2022-09", "XXXX-09", "199", "2023-Q3") as a
    comparable range; None for durations, sets and symbolic values.

    >>> parse_timex("2022-09").gran, parse_timex("XXXX-09").month, parse_timex("199").lo // 12
    ('month', 9, 1990)
    """
    if not value or value.startswith("P") or value.endswith("_REF"):
        return None
    v = value.split("T")[0]
    m = re.fullmatch(r"(\d{4}|XXXX)(?:-(\d{2}|XX)(?:-(\d{2}|XX))?)?", v)
    if m:
        y = None if m.group(1) == "XXXX" else int(m.group(1))
        mo = None if not m.group(2) or m.group(2) == "XX" else int(m.group(2))
        d = None if not m.group(3) or m.group(3) == "XX" else int(m.group(3))
        gran = "day" if m.group(3) else "month" if m.group(2) else "year"
        if y is None:
            return _When(None, None, None, mo, d, gran)
        lo = y * 12 + ((mo or 1) - 1)
        hi = y * 12 + ((mo or 12) - 1)
        return _When(lo, hi, y, mo, d, gran)
    m = re.fullmatch(r"(\d{4})-(Q|H)(\d)", v)
    if m:
        y, k, n = int(m.group(1)), m.group(2), int(m.group(3))
        span = 3 if k == "Q" else 6
        return _When(y * 12 + (n - 1) * span, y * 12 + n * span - 1, y, None, None, "quarter" if k == "Q" else "half")
    m = re.fullmatch(r"(\d{4})-(SP|SU|FA|WI)", v)
    if m:
        y, (a, b) = int(m.group(1)), _SEASON_MONTHS[m.group(2)]
        return _When(y * 12 + a - 1, y * 12 + b - 1, y, None, None, "season")
    m = re.fullmatch(r"(\d{4})-W(\d{2})(?:-WE)?", v)
    if m:
        y, w = int(m.group(1)), int(m.group(2))
        try:
            day = _dt.date.fromisocalendar(y, max(1, min(w, 53)), 1)
        except ValueError:
            return None
        return _When(day.year * 12 + day.month - 1, day.year * 12 + day.month - 1 + (1 if day.day > 24 else 0), y,
                     None, None, "week")
    m = re.fullmatch(r"(\d{3})", v)
    if m:
        y = int(m.group(1)) * 10
        return _When(y * 12, (y + 9) * 12 + 11, None, None, None, "decade")
    m = re.fullmatch(r"(\d{2})", v)
    if m:
        y = int(m.group(1)) * 100
        return _When(y * 12, (y + 99) * 12 + 11, None, None, None, "century")
    return None


def times_compatible(a: Optional[_When], b: Optional[_When]) -> bool:
    """Can the two times be the same time?  Unknown parts match anything."""
    if a is None or b is None:
        return True
    if a.lo is not None and b.lo is not None:
        if a.hi < b.lo or b.hi < a.lo:  # type: ignore[operator]
            return False
        if a.day and b.day and a.month and b.month and a.year and b.year:
            return (a.year, a.month, a.day) == (b.year, b.month, b.day)
        return True
    if a.month and b.month and a.month != b.month:
        return False
    if a.day and b.day and a.month == b.month and a.day != b.day:
        return False
    return True


def time_conflict(a: Optional[_When], b: Optional[_When]) -> Optional[str]:
    """How two resolved times of one event disagree, or None.

    The same month in a different year (a year off by at most 5: "September
    2022" vs "September 2023") is a year conflict; at year granularity a
    different year; at month or day granularity the same year with a
    different month or day.  Unresolved values (XXXX-09) never conflict:
    they are compatible with every year."""
    if a is None or b is None or a.lo is None or b.lo is None or times_compatible(a, b):
        return None
    order = ["century", "decade", "year", "half", "season", "quarter", "month", "week", "day"]
    if order.index(a.gran) < order.index("year") or order.index(b.gran) < order.index("year"):
        return None  # decades and centuries are too coarse to contradict a date
    if a.year != b.year:
        if abs((a.year or 0) - (b.year or 0)) > 5:
            return None
        if a.month and b.month and a.month != b.month:
            return None  # two parts differ: more likely two events than one misdated
        return "year"
    if a.month and b.month and a.month != b.month:
        return "month"
    if a.day and b.day and a.day != b.day:
        return "day"
    return None


# -- merging mentions across documents: timeline and conflicts --------------------------------

#: entity labels whose names identify an event's main participants (with the place);
#: nationalities (NORP) describe rather than identify
CORE_LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "LAW"}

_STOP = set("""a an the and or but of to in on at for from by with as is are was were be been being has have had
do does did this that these those it its their his her they them he she we our you your i not no nor so than then
there here which who whom whose what when where while after before since until into over under about against
between through during without within also only just more most other some any such very can could would should
will shall may might must said says told one two three four five six seven eight nine ten first second third
january february march april may june july august september october november december monday tuesday wednesday
thursday friday saturday sunday year years month months week weeks day days today yesterday tomorrow last next
ago earlier later percent per cent""".split())

TIMELINE_COLUMNS = ["event_id", "type", "label", "time", "time_start", "granularity", "participants", "place",
                    "documents", "n_documents", "n_sources", "n_mentions", "status", "conflict", "evidence",
                    "doc_id", "first_published"]
CONFLICT_COLUMNS = ["conflict", "event_id", "type", "kind", "field", "value_a", "value_b", "doc_a", "doc_b",
                    "evidence_a", "evidence_b", "published_a", "published_b", "documents_a", "documents_b",
                    "sources_a", "sources_b", "more_support", "earlier", "unresolved", "summary"]


# on lowercased text, the month names by their common prefixes (twice as fast as a list with re.I)
_SKELETON = re.compile(r"\d[\d,.]*|\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|"
                       r"aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b")


# copies repeat their sentences: each distinct sentence is worked on once
@functools.lru_cache(maxsize=1 << 16)
def _skeleton(sentence: str) -> str:
    """A sentence without its digits and month names, lowercased, white space
    folded: two reports of one event in the same words but for a date or a
    number."""
    return " ".join(_SKELETON.sub("#", sentence.lower()).split())


@functools.lru_cache(maxsize=1 << 16)
def _words(text: str) -> frozenset:
    return frozenset(w for w in re.findall(r"[a-z][a-z'’-]{2,}", text.lower()) if w not in _STOP)


def _similarity(a: frozenset, b: frozenset) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def _first_text(values: Iterable[Any]) -> Optional[str]:
    for v in values:
        if isinstance(v, str) and v:
            return v
    return None


def _core_names(names: Any, labels: Any, place: Any) -> frozenset:
    """The main participants and the place: what identifies an event."""
    c = {n for n, lab in zip(list(names) if names is not None else [], list(labels) if labels is not None else [])
         if lab in CORE_LABELS}
    if isinstance(place, str) and place:
        c.add(place)
    return frozenset(c)


def _whens(events: pd.DataFrame) -> List[Optional[_When]]:
    return [parse_timex(v if isinstance(v, str) else p if isinstance(p, str) else None)
            for v, p in zip(events["time_value"].tolist(), events["time_partial"].tolist())]


def cluster_events(events: pd.DataFrame, *, max_block: int = 200, same_event: float = 0.5) -> List[int]:
    """The merged event of each mention of an ``events`` table (ids 0, 1, ...
    in order of first mention).

    Two mentions are one event when they have the same type and either the
    same sentence but for its digits and month names (copies, one of them
    perhaps changed) or the same main participants and place (the
    participants whose entity label is in :data:`CORE_LABELS`, and the
    place) with the same resolved time -- or times that contradict each other
    in one part (:func:`time_conflict`): the same month in a neighbouring
    year, with at least two of those names, is one event misdated; any other
    contradiction needs ``same_event`` + 0.1 of the sentences' words in
    common (Jaccard, without time and number words).  A mention without a
    resolved time joins the timed mention of its block whose sentence shares
    at least ``same_event`` of its words.  Blocks of more than ``max_block``
    distinct sentences are merged on exact keys only (the work stays linear)."""
    n = len(events)
    uf = _UnionFind(n)
    if n == 0:
        return []
    types = events["type"].tolist()
    status = events["status"].tolist()
    evid = events["evidence"].tolist()
    tvals = events["time_value"].tolist()
    words = [_words(e) for e in evid]
    whens = _whens(events)
    cores = [_core_names(p, lab, pl) for p, lab, pl in zip(events["participants"].tolist(),
                                                  events["participant_labels"].tolist(), events["place"].tolist())]
    seen: Dict[Tuple[str, str], int] = {}
    for i in range(n):  # the same sentence in two documents, but for its dates and numbers: one event
        key = (types[i], _skeleton(evid[i]))
        if key in seen:
            uf.union(seen[key], i)
        else:
            seen[key] = i
    blocks: Dict[Tuple[str, frozenset], List[int]] = {}
    for i in range(n):
        if cores[i] and status[i] != "did_not_occur":
            blocks.setdefault((types[i], cores[i]), []).append(i)
    for (_typ, core), members in blocks.items():
        reps: Dict[int, int] = {}  # one mention per distinct sentence
        for i in members:
            reps.setdefault(uf.find(i), i)
        by_value: Dict[str, List[int]] = {}
        untimed: List[int] = []
        for i in reps.values():
            w = whens[i]
            if w is not None and w.lo is not None and isinstance(tvals[i], str):
                by_value.setdefault(tvals[i], []).append(i)
            else:
                untimed.append(i)
        for vals in by_value.values():
            for i in vals[1:]:
                uf.union(vals[0], i)
        if len(reps) > max_block:
            continue
        values = list(by_value)
        for x in range(len(values)):
            for y in range(x + 1, len(values)):
                ga, gb = by_value[values[x]], by_value[values[y]]
                wa, wb = whens[ga[0]], whens[gb[0]]
                kind = time_conflict(wa, wb)
                if kind is None:
                    continue
                strong = kind == "year" and wa is not None and wa.month is not None and len(core) >= 2
                if strong or max(_similarity(words[i], words[j]) for i in ga for j in gb) >= same_event + 0.1:
                    uf.union(ga[0], gb[0])
        timed = [v[0] for v in by_value.values()]
        for i in untimed:
            best, bs = -1, same_event
            for j in timed:
                sim = _similarity(words[i], words[j])
                if sim >= bs and times_compatible(whens[i], whens[j]):
                    best, bs = j, sim
            if best >= 0:
                uf.union(i, best)
    ids: Dict[int, int] = {}
    out = []
    for i in range(n):
        r = uf.find(i)
        out.append(ids.setdefault(r, len(ids)))
    return out


def _published_of(documents: pd.DataFrame) -> Dict[Any, Optional[str]]:
    """doc_id -> publication date as ISO text (day, month or year), None when unknown."""
    out: Dict[Any, Optional[str]] = {}
    for d, v in zip(documents["doc_id"].tolist(), documents["published"].tolist()):
        p = publication_date(v)
        out[d] = (f"{p[0]:04d}-{p[1]:02d}-{p[2]:02d}" if p[2] else f"{p[0]:04d}-{p[1]:02d}" if p[1]
                  else f"{p[0]:04d}") if p else None
    return out


def source_groups(doc_ids: Iterable[Any], documents: pd.DataFrame) -> Dict[Any, Any]:
    """doc_id -> its group of near-duplicate copies, among ``doc_ids`` only
    (:func:`peacecorpus.similarity.duplicate_groups` with its defaults on
    their texts): copies of one text count once as sources.  Computed on the
    documents that report the same event, not on the whole corpus, so the
    answer depends on those documents alone (and a 100,000-document corpus
    does not pay for a corpus-wide comparison it does not need)."""
    from . import similarity
    wanted = set(doc_ids)
    if len(wanted) < 2:
        return {}
    sub = documents[documents["doc_id"].isin(wanted)]
    ids = sub["doc_id"].astype(object).tolist()
    texts = ["" if not isinstance(t, str) else t for t in sub["text"].astype(object).tolist()]
    dg = similarity.duplicate_groups(ids, texts)
    return {d: ("group", g) for g, d in zip(dg["group"].tolist(), dg["doc_id"].tolist())}


def _members(clusters: Sequence[int]) -> Dict[int, List[int]]:
    out: Dict[int, List[int]] = {}
    for i, e in enumerate(clusters):
        out.setdefault(int(e), []).append(i)
    return out


def timeline_table(events: pd.DataFrame, clusters: Sequence[int], documents: pd.DataFrame,
                   conflicted: Iterable[int] = ()) -> pd.DataFrame:
    """One row per merged event (the ``timeline`` table, in event_id order):
    its type, a label, the time most documents give (the finest on a tie),
    participants by frequency, place, documents, sources (near-duplicate
    copies count once), mentions, status, whether it has a conflict, the
    first mention's evidence and the earliest publication date."""
    if not len(events):
        return pd.DataFrame(columns=TIMELINE_COLUMNS)
    published = _published_of(documents)
    conflicted = set(conflicted)
    types, docs, evid = events["type"].tolist(), events["doc_id"].tolist(), events["evidence"].tolist()
    parts, places, status = events["participants"].tolist(), events["place"].tolist(), events["status"].tolist()
    tvals, tparts = events["time_value"].tolist(), events["time_partial"].tolist()
    whens = _whens(events)
    members = _members(clusters)
    groups = source_groups({docs[i] for mem in members.values() if len({docs[j] for j in mem}) > 1 for i in mem},
                           documents)
    rows = []
    for eid, mem in sorted(members.items()):
        ds = list(dict.fromkeys(docs[i] for i in mem))
        counts: Dict[str, int] = {}
        for i in mem:
            for p in (parts[i] if parts[i] is not None else ()):
                counts[p] = counts.get(p, 0) + 1
        pl = [places[i] for i in mem if isinstance(places[i], str) and places[i]]
        resolved = [tvals[i] for i in mem if isinstance(tvals[i], str) and whens[i] is not None]
        tv = sorted(set(resolved), key=lambda v: (-resolved.count(v), -len(v), v))[0] if resolved else \
            _first_text(tparts[i] for i in mem if whens[i] is not None)
        w = parse_timex(tv)
        start = None
        if w is not None and w.lo is not None:
            start = f"{w.lo // 12:04d}-{w.lo % 12 + 1:02d}"
            if w.day and w.gran == "day":
                start += f"-{w.day:02d}"
        names = sorted(counts, key=lambda p: (-counts[p], p))
        dated = sorted(p for p in (published.get(d) for d in ds) if p)
        rows.append({
            "event_id": eid, "type": types[mem[0]], "label": f"{types[mem[0]]}: " + ", ".join(names[:4]) if names
            else types[mem[0]], "time": tv, "time_start": start, "granularity": w.gran if w else None,
            "participants": names, "place": sorted(set(pl), key=lambda x: (-pl.count(x), x))[0] if pl else None,
            "documents": ds, "n_documents": len(ds), "n_sources": len({groups.get(d, d) for d in ds}),
            "n_mentions": len(mem), "status": sorted(set(status[i] for i in mem),
                                                     key=lambda x: (-[status[i] for i in mem].count(x), x))[0],
            "conflict": eid in conflicted, "evidence": evid[mem[0]], "doc_id": docs[mem[0]],
            "first_published": dated[0] if dated else None})
    return pd.DataFrame(rows, columns=TIMELINE_COLUMNS)


def conflicts_table(events: pd.DataFrame, numbers: pd.DataFrame, clusters: Sequence[int],
                    documents: pd.DataFrame, times: Optional[pd.DataFrame] = None, *,
                    same_event: float = 0.5) -> pd.DataFrame:
    """The merged events whose documents disagree (the ``conflicts`` table).

    Times: two resolved values of one merged event that :func:`time_conflict`
    calls contradictory; in copies of one sentence (the same words but for
    digits and month names) every date of the sentence is compared, place by
    place (``times``: the times table).  Numbers: two values of one unit reported with one
    merged event by different documents whose intervals (the hedge and the
    rounding, see ``data/lexicons/number_qualifiers.tsv``) do not meet, in
    sentences sharing ``same_event`` of their words.  For each side: the
    value, the first mention's document and evidence sentence, all its
    documents, its earliest publication date and its number of sources
    (near-duplicate copies count once); ``more_support`` and ``earlier`` say
    which side ("a"/"b") more and earlier sources support (None: a tie or
    no dates); ``unresolved`` lists mentions whose partial date fits both."""
    if not len(events):
        return pd.DataFrame(columns=CONFLICT_COLUMNS)
    published = _published_of(documents)
    types, docs, evid = events["type"].tolist(), events["doc_id"].tolist(), events["evidence"].tolist()
    tvals, tparts = events["time_value"].tolist(), events["time_partial"].tolist()
    places, ttext = events["place"].tolist(), events["time"].tolist()
    whens = _whens(events)
    words: Dict[int, frozenset] = {}
    # mentions whose date lacks a part (no publication date), by type and place: the undated
    # reports of an event, listed with its conflict when they fit both versions
    partial_at: Dict[Tuple[str, str], List[int]] = {}
    for i, (t, pl, v, w) in enumerate(zip(types, places, tvals, whens)):
        if isinstance(pl, str) and pl and not isinstance(v, str) and w is not None:
            partial_at.setdefault((t, pl), []).append(i)

    def w_of(i: int) -> frozenset:
        if i not in words:
            words[i] = _words(evid[i])
        return words[i]

    def side(ids: List[int]) -> Tuple[List[Any], Optional[str]]:
        ds = list(dict.fromkeys(docs[i] for i in ids))
        dated = sorted(p for p in (published.get(d) for d in ds) if p)
        return ds, dated[0] if dated else None

    rows: List[Dict[str, Any]] = []

    def add(eid: int, kind: str, field: str, va: Any, vb: Any, sa: List[int], sb: List[int],
            unresolved: List[int]) -> None:
        if " ".join(evid[sa[0]].split()) == " ".join(evid[sb[0]].split()):
            return  # the same sentence: the difference is in its context (an anchor), reported there
        (da, pa), (db, pb) = side(sa), side(sb)
        # side a is the one published first (undated sides last)
        if (pb is not None and pa is None) or (pa is not None and pb is not None and pb < pa):
            (va, sa, da, pa), (vb, sb, db, pb) = (vb, sb, db, pb), (va, sa, da, pa)
        earlier = "a" if pa and (not pb or pa < pb) else "b" if pb and (not pa or pb < pa) else None
        what = ("a different " if kind == "time" else "") + field
        rows.append({"conflict": len(rows), "event_id": eid, "type": types[sa[0]], "kind": kind, "field": field,
                     "value_a": str(va), "value_b": str(vb), "doc_a": docs[sa[0]], "doc_b": docs[sb[0]],
                     "evidence_a": evid[sa[0]], "evidence_b": evid[sb[0]], "published_a": pa, "published_b": pb,
                     "documents_a": da, "documents_b": db, "sources_a": None, "sources_b": None,
                     "more_support": None, "earlier": earlier,
                     "unresolved": [f"{docs[i]}: {ttext[i]} ({tparts[i]})" for i in unresolved],
                     "summary": f"{types[sa[0]]} with {what}: {va} in {', '.join(map(str, da))}; "
                                f"{vb} in {', '.join(map(str, db))}"})

    sent_times: Dict[Tuple[Any, int], List[str]] = {}
    if times is not None and len(times):
        for d, sn, typ, v, p in zip(times["doc_id"].tolist(), times["sentence"].tolist(), times["type"].tolist(),
                                    times["value"].tolist(), times["partial"].tolist()):
            if typ in ("DATE", "TIME"):
                sent_times.setdefault((d, int(sn)), []).append(v if isinstance(v, str) else str(p))
    sents = events["sentence"].tolist()
    members = _members(clusters)
    for eid, mem in sorted(members.items()):
        reported: set = set()
        # copies of one sentence: every date compared place by place
        if sent_times:
            by_skel: Dict[Tuple[str, int], List[int]] = {}
            for i in mem:
                st = sent_times.get((docs[i], int(sents[i])), [])
                by_skel.setdefault((_skeleton(evid[i]), len(st)), []).append(i)
            for (_sk, width), group in by_skel.items():
                if width == 0 or len({docs[i] for i in group}) < 2:
                    continue
                for k in range(width):
                    slot: Dict[str, List[int]] = {}
                    for i in group:
                        slot.setdefault(sent_times[(docs[i], int(sents[i]))][k], []).append(i)
                    vals = sorted(slot)
                    for x in range(len(vals)):
                        for y in range(x + 1, len(vals)):
                            part = time_conflict(parse_timex(vals[x]), parse_timex(vals[y]))
                            if part is None or {docs[i] for i in slot[vals[x]]} & {docs[i] for i in slot[vals[y]]}:
                                continue
                            reported.add((vals[x], vals[y]))
                            add(eid, "time", part, vals[x], vals[y], slot[vals[x]], slot[vals[y]], [])
        by_value: Dict[str, List[int]] = {}
        for i in mem:
            if isinstance(tvals[i], str) and whens[i] is not None and whens[i].lo is not None:  # type: ignore[union-attr]
                by_value.setdefault(tvals[i], []).append(i)
        vals = sorted(by_value)
        for x in range(len(vals)):
            for y in range(x + 1, len(vals)):
                ia, ib = by_value[vals[x]][0], by_value[vals[y]][0]
                part = time_conflict(whens[ia], whens[ib])
                if part is None or (vals[x], vals[y]) in reported or \
                        {docs[i] for i in by_value[vals[x]]} & {docs[i] for i in by_value[vals[y]]}:
                    continue  # a document that gives both: two times, not two versions
                near = set(mem)
                for i in by_value[vals[x]] + by_value[vals[y]]:
                    if isinstance(places[i], str):
                        near.update(partial_at.get((types[i], places[i]), ()))
                unresolved = sorted(i for i in near if not isinstance(tvals[i], str) and whens[i] is not None and
                                    times_compatible(whens[i], whens[ia]) and times_compatible(whens[i], whens[ib]))
                add(eid, "time", part, vals[x], vals[y], by_value[vals[x]], by_value[vals[y]], unresolved)
    if len(numbers):
        row_of = {(d, e): i for i, (d, e) in enumerate(zip(docs, events["event"].tolist()))}
        nums: Dict[int, List[Tuple[str, float, float, Tuple[float, float], str]]] = {}
        for d, e, unit, lo, hi, val, val2, text in zip(
                numbers["doc_id"].tolist(), numbers["event"].tolist(), numbers["unit"].tolist(),
                numbers["low"].tolist(), numbers["high"].tolist(), numbers["value"].tolist(),
                numbers["value2"].tolist(), numbers["text"].tolist()):
            row = row_of.get((d, e))
            if row is not None:
                nums.setdefault(row, []).append((str(unit), float(lo), float(hi),
                                                 (round(float(val), 6), round(float(val2), 6)), str(text)))
        for eid, mem in sorted(members.items()):
            withnum = [i for i in mem if i in nums]
            if len({docs[i] for i in withnum}) < 2:
                continue
            nreported: set = set()
            # copies of one sentence (the same but for digits): numbers compared slot by slot
            nby_skel: Dict[Tuple[str, int], List[int]] = {}
            for i in withnum:
                nby_skel.setdefault((_skeleton(evid[i]), len(nums[i])), []).append(i)
            for (_sk, width), group in nby_skel.items():
                if len({docs[i] for i in group}) < 2:
                    continue
                for k in range(width):
                    nslot: Dict[Tuple[str, Tuple[float, float]], List[int]] = {}
                    span: Dict[Tuple[str, Tuple[float, float]], Tuple[float, float, str]] = {}
                    for i in group:
                        unit, lo, hi, val, text = nums[i][k]
                        key = (unit, val)
                        nslot.setdefault(key, []).append(i)
                        span.setdefault(key, (lo, hi, text))
                    keys = sorted(nslot)
                    for x in range(len(keys)):
                        for y in range(x + 1, len(keys)):
                            ka, kb = keys[x], keys[y]
                            (la, ha, ta), (lb, hb, tb) = span[ka], span[kb]
                            if ka[0] != kb[0] or not (ha <= lb or hb <= la):
                                continue
                            nreported.add((ka, kb))
                            add(eid, "number", ka[0], ta, tb, nslot[ka], nslot[kb], [])
            # otherwise: values of one unit that no document reports together
            versions: Dict[Tuple[str, Tuple[float, float]], List[int]] = {}
            spans: Dict[Tuple[str, Tuple[float, float]], Tuple[float, float, str]] = {}
            for i in withnum:
                for unit, lo, hi, val, text in nums[i]:
                    key = (unit, val)
                    versions.setdefault(key, []).append(i)
                    lo0, hi0, t0 = spans.get(key, (lo, hi, text))
                    spans[key] = (max(lo0, lo), min(hi0, hi), t0)
            keys = sorted(versions)
            for x in range(len(keys)):
                for y in range(x + 1, len(keys)):
                    ka, kb = keys[x], keys[y]
                    if ka[0] != kb[0] or (ka, kb) in nreported:
                        continue
                    (la, ha, ta), (lb, hb, tb) = spans[ka], spans[kb]
                    if not (ha <= lb or hb <= la):
                        continue  # "nearly 120,000" and "more than 100,000" agree
                    sa, sb = versions[ka], versions[kb]
                    if {docs[i] for i in sa} & {docs[i] for i in sb}:
                        continue  # a document that reports both: two quantities, not two versions
                    if {_skeleton(evid[i]) for i in sa} == {_skeleton(evid[i]) for i in sb}:
                        continue  # copies of one sentence: compared slot by slot above
                    if max(_similarity(w_of(i), w_of(j)) for i in sa for j in sb) < same_event:
                        continue
                    add(eid, "number", ka[0], ta, tb, sa, sb, [])
    # sources: near-duplicate copies among the documents of each conflict count once
    groups = source_groups({d for r in rows for d in list(r["documents_a"]) + list(r["documents_b"])}, documents)
    for r in rows:
        na = len({groups.get(d, d) for d in r["documents_a"]})
        nb = len({groups.get(d, d) for d in r["documents_b"]})
        r["sources_a"], r["sources_b"] = na, nb
        r["more_support"] = "a" if na > nb else "b" if nb > na else None
    return pd.DataFrame(rows, columns=CONFLICT_COLUMNS)


def timeline_of(merged: pd.DataFrame, entity: Optional[str] = None, dated_only: bool = True) -> pd.DataFrame:
    """Merged events in time order (earliest first), optionally only those
    with ``entity`` among their participants or as their place (a canonical
    name, case-insensitive)."""
    df = merged
    if dated_only:
        df = df[df["time_start"].notna()]
    if entity:
        want = entity.casefold()
        keep = [any(str(p).casefold() == want for p in (ps if ps is not None else ())) or
                (isinstance(pl, str) and pl.casefold() == want) for ps, pl in zip(df["participants"], df["place"])]
        df = df[keep]
    return df.sort_values(["time_start", "n_sources", "event_id"], ascending=[True, False, True],
                          kind="stable").reset_index(drop=True)
