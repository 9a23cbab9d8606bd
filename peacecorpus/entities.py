"""Named entities: dictionary + statistical tagger + numeric rules, with roles
and canonical names.

The hot path is one C call per document (``_core.entities``: gazetteer
matching, the perceptron tagger with its place feature, the numeric rules and
their merge, GIL released).  This module attaches what needs the whole
document or corpus: roles ("Foreign Minister", ", the Armenian ambassador in
Paris,"), in-document canonical names ("Aliyev" -> "Ilham Aliyev", acronyms
defined in the text) and cross-document merging of spelling variants
(:func:`canonicalize`).

>>> import peacecorpus as pc
>>> doc = pc.parse("Foreign Minister Ararat Mirzoian met Antony Blinken in Washington. Mirzoian said talks went well.")
>>> [(e.text, e.label, e.canonical, e.role) for e in doc.entities if e.label == "PERSON"]
[('Ararat Mirzoian', 'PERSON', 'Ararat Mirzoyan', 'Foreign Minister'), ('Antony Blinken', 'PERSON', 'Antony Blinken', None), ('Mirzoian', 'PERSON', 'Ararat Mirzoyan', 'Foreign Minister')]
"""
from __future__ import annotations

import bisect
import functools
import operator
import re
import threading
import unicodedata
from collections import defaultdict
from typing import Any, Dict, Iterable, List, NamedTuple, Optional, Sequence, Tuple

import numpy as np

from . import _core
from .gazetteer import LABELS, Gazetteer
from .errors import TooManyEntities

__all__ = ["Entity", "EntityExtractor", "canonicalize", "default_extractor", "translit_key"]

_NCOL = 7
_SRC_TAGGER, _SRC_NUMEX = -1, -2
_TITLE = LABELS.index("TITLE")

#: Lower-case words that make an appositive (", the/a/an ... ,") a role.
ROLE_WORDS = frozenset("""
ambassador minister president prime deputy secretary spokesperson spokesman spokeswoman adviser
advisor envoy analyst expert researcher fellow professor director head chairman chair chief
correspondent editor journalist official diplomat leader member founder author representative
commissioner governor mayor senator lawmaker politician scholar lecturer economist coordinator
negotiator ombudsman chancellor premier general commander officer aide consultant specialist
""".split())

_TRAIL = re.compile(r"(?:[\s,;:)\]}(\[&/-]|(?<=[a-z]{3})\.)+$")
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
# the last characters _TRAIL and _POSSESSIVE can end on: other spans skip the regex
_TRAIL_LAST = frozenset(" \t\n\r\f\v,;:)]}([&/-.") | frozenset(c for c in map(chr, range(0x80, 0x3001)) if c.isspace())
_POSS_LAST = frozenset("s'’")


class Entity(NamedTuple):
    """One entity mention; ``doc.text[start:end] == text``.

    ``canonical`` is the name all mentions of the same entity share;
    ``entity_id`` a stable id (Wikidata QID, GeoNames id) when the gazetteer
    knows the entity; ``role`` the title or appositive describing a person;
    ``sentence`` the sentence index; ``source`` "gazetteer", "tagger" or
    "rules".
    """
    start: int
    end: int
    text: str
    label: str
    canonical: Optional[str]
    entity_id: Optional[str]
    role: Optional[str]
    sentence: int
    source: str = ""


_ENTITY_FIELDS = operator.itemgetter(*Entity._fields)


def _strip_marks(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


_TRANSLIT = [
    ("ə", "a"), ("ı", "i"), ("ç", "ch"), ("ş", "sh"), ("ğ", "gh"), ("ü", "u"), ("ö", "o"),
    ("x", "kh"), ("kh", "h"), ("ck", "k"), ("ou", "u"), ("yo", "io"), ("ye", "ie"), ("y", "i"),
    ("w", "v"), ("j", "dj"), ("ddj", "dj"),
]


@functools.lru_cache(maxsize=65536)
def translit_key(name: str) -> str:
    """A spelling-insensitive key for transliterated names: case-folded,
    diacritics and punctuation removed, common transliteration alternatives
    unified (y/i, x/kh/h, ç/ch, ou/u, doubled letters).

    >>> translit_key("Mirzoyan") == translit_key("Mirzoian"), translit_key("Naxçıvan") == translit_key("Nakhchivan")
    (True, True)
    """
    s = _core.gazetteer_fold(name)
    for a, b in _TRANSLIT[:7]:
        s = s.replace(a, b)
    s = _strip_marks(s)
    s = re.sub(r"['’`]s\b", "", s)
    s = re.sub(r"[^\w ]+", " ", s)
    for a, b in _TRANSLIT[7:]:
        s = s.replace(a, b)
    s = re.sub(r"c(?=[ie])", "ch", s)  # Azerbaijani c/ç without the cedilla (Naxcivan)
    s = re.sub(r"(\w)\1+", r"\1", s)
    return " ".join(s.split())


def _edit1(a: str, b: str) -> bool:
    """True when a and b differ by at most one substitution, insertion or deletion."""
    if a == b:
        return True
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    if la > lb:
        a, b, la, lb = b, a, lb, la
    i = 0
    while i < la and a[i] == b[i]:
        i += 1
    if la == lb:
        return a[i + 1:] == b[i + 1:]
    return a[i:] == b[i + 1:]


#: Default per-document entity limit of :class:`EntityExtractor`.
DEFAULT_MAX_ENTITIES = 1_000_000


class EntityExtractor:
    """Entity extraction with a gazetteer (default: the bundled lists plus
    roles) and a tagger (default: the bundled CoNLL model).  Immutable after
    construction except through ``gazetteer.add``, which takes effect at the
    next extraction; safe to share between threads.

    The tagger's place feature (it was trained with a list of place names,
    data/gazetteers/ner_loc.txt) comes by default from the gazetteer's GPE
    and LOC entries (``place_feature="gazetteer"``), which saves a second
    dictionary pass; ``place_feature="list"`` uses the training list.  Both
    give the same seed F1 (0.996) and CoNLL-2003 dev F1 within 0.001 (0.797
    vs 0.798, bench/eval_conll_entities.py); the gazetteer is ~10% faster.

    >>> import peacecorpus as pc
    >>> ex = EntityExtractor()
    >>> [(e.text, e.label) for e in ex.extract(pc.parse("Talks in Baku on 5 May 2024."))]
    [('Baku', 'GPE'), ('5 May 2024', 'DATE')]
    """

    def __init__(self, gazetteer: Optional[Gazetteer] = None, tagger: Any = None,
                 place_feature: str = "gazetteer", numex: bool = True,
                 max_entities: Optional[int] = DEFAULT_MAX_ENTITIES) -> None:
        from .ner import Tagger, gazetteer_path

        #: per-document limit: more entities raise TooManyEntities (None: no limit)
        self.max_entities = max_entities
        self.gazetteer = gazetteer if gazetteer is not None else Gazetteer.default(titles=True)
        self.tagger = tagger if tagger is not None else Tagger()
        self.numex = bool(numex)
        self._title_label = self.gazetteer._label_ids.get("TITLE", _TITLE)
        self._place = None
        self._names: Optional[Tuple[int, Dict[int, str]]] = None  # label id -> name, rebuilt when labels grow
        if place_feature == "list":
            place = _core.Gazetteer()
            with open(gazetteer_path(), encoding="utf-8") as fh:
                for i, line in enumerate(fh):
                    name = line.strip()
                    if name:
                        try:
                            place.add(name, 0, i, 3)  # case rule TITLE: capitalised in the text
                        except ValueError:
                            pass
            place.compile()
            self._place = place
        elif place_feature != "gazetteer":
            raise ValueError("place_feature must be 'list' or 'gazetteer'")

    # -- raw rows ---------------------------------------------------------
    def rows(self, doc: Any) -> np.ndarray:
        """int32 rows [start, end, tok_start, tok_end, label, source, flags]
        from the C engine (TITLE rows included)."""
        core_tagger = getattr(self.tagger, "core", self.tagger)
        b = _core.entities(doc.text, doc._tok.tobytes(), doc._sent.tobytes(), self.gazetteer._core,
                           self._place, core_tagger, self._title_label, self.numex)
        rows = np.frombuffer(b, dtype=np.int32).reshape(-1, _NCOL)
        if self.max_entities is not None and len(rows) > self.max_entities:
            raise TooManyEntities(
                f"{len(rows)} entity spans exceed max_entities={self.max_entities}",
                doc_id=getattr(doc, "doc_id", None), offset=None, reason="too_many_entities")
        return rows

    # -- full extraction --------------------------------------------------
    def extract(self, doc: Any) -> List[Entity]:
        """Entities of one :class:`~peacecorpus.Document`, in text order."""
        rows = self.rows(doc)
        text = doc.text
        gz = self.gazetteer
        ids = gz._label_ids
        if self._names is None or self._names[0] != len(ids):  # gazetteer.add may add labels
            self._names = (len(ids), {v: k for k, v in ids.items()})
        names = self._names[1]
        title_label = self._title_label
        gz_canonical, gz_eid = gz._canonical, gz._entity_id
        sent_starts = doc._sent[:, 0] if len(doc._sent) else np.zeros(0, dtype=np.uint32)
        sidx = (np.searchsorted(sent_starts, rows[:, 0], side="right") - 1).tolist() if len(rows) else []
        ents: List[Dict[str, Any]] = []
        titles: Dict[int, Tuple[int, int]] = {}  # tok_end of a title -> (start, tok_start)
        for (start, end, t0, t1, label, src, _flags), si in zip(rows.tolist(), sidx):
            if label == title_label:
                titles[t1] = (start, t0)
                continue
            lab = names.get(label) or str(label)
            surface = text[start:end]
            if src >= 0:
                canonical, eid, source = gz_canonical[src], gz_eid[src], "gazetteer"
            else:
                canonical, eid = None, None
                source = "tagger" if src == _SRC_TAGGER else "rules"
            if src == _SRC_TAGGER:
                # the tagger works on tokens: cut punctuation and a possessive it kept
                m = _TRAIL.search(surface) if surface[-1:] in _TRAIL_LAST else None
                if m and m.start() > 0:
                    end -= len(m.group(0))
                    surface = text[start:end]
                m = _POSSESSIVE.search(surface) if surface[-1:] in _POSS_LAST else None
                if m and m.start() > 0:
                    end -= len(m.group(0))
                    surface = text[start:end]
                    t1 = max(t0 + 1, t1 - 1) if surface else t1
                canonical = surface if lab not in _NUMERIC else None
            ents.append({"start": start, "end": end, "text": surface, "label": lab, "canonical": canonical,
                         "entity_id": eid, "role": None, "sentence": si, "source": source,
                         "t0": t0, "t1": t1})
        ents = _filter_tagger(doc, ents)
        ents = _propagate_names(text, ents, doc)
        self._roles(doc, ents, titles)
        _canonical_in_doc(text, ents)
        return list(map(Entity._make, map(_ENTITY_FIELDS, ents)))

    def _roles(self, doc: Any, ents: List[Dict[str, Any]], titles: Dict[int, Tuple[int, int]]) -> None:
        text = doc.text
        by_tend = {e["t1"]: e for e in ents} if titles else {}  # only titles look up their modifiers
        for e in ents:
            if e["label"] != "PERSON":
                continue
            # title before the name, with its country/nationality modifiers
            if e["t0"] in titles:
                start, t0 = titles[e["t0"]]
                mod = by_tend.get(t0)
                while mod is not None and mod["label"] in ("NORP", "GPE", "ORG") and mod is not e:
                    start, t0 = mod["start"], mod["t0"]
                    mod = by_tend.get(t0)
                e["role"] = text[start:titles[e["t0"]][0]] + text[titles[e["t0"]][0]:e["start"]].rstrip()
                e["role"] = " ".join(e["role"].split())
                continue
            # appositive after the name: ", the Armenian ambassador in Paris,"
            sent = e["sentence"]
            if sent < 0:
                continue
            send = int(doc._sent[sent, 1])
            m = _APPOS.match(text, e["end"], send)
            if m:
                role = m.group(1).strip().rstrip(".”\"'’")
                role = re.split(r"\s+(?:said|says|told|stated|noted|added|argued|explained|wrote)\b", role)[0]
                words = {w.lower() for w in re.findall(r"\w+", role)}
                if words & ROLE_WORDS and len(role) <= 120:
                    e["role"] = " ".join(role.split())


_HONORIFIC = re.compile(r"(?:Mr|Mrs|Ms|Miss|Dr|Sir|Dame|Lord|Lady|Prof|Professor|Mr\.|Mrs\.|Ms\.|Dr\.)(?:\s+|$)")
_FUNCTION = frozenset("and or of the for in on to with a an at by from as vs".split())
_HEADING_KINDS = (1, 2)  # paragraph kinds title, heading


def _filter_tagger(doc: Any, ents: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
    """Drop tagger spans the model is known to get wrong on news pages:
    anything in a title/heading or a headline-case line (capitalised words
    look like names there), a sentence-initial adverb ("Ultimately"), and
    contractions ("I’m")."""
    text = doc.text
    todo = {e["sentence"] for e in ents if e["source"] == "tagger"}
    if not todo:
        return ents
    todo.discard(-1)
    sl = doc._sent.tolist()  # plain lists: indexing numpy rows one by one is slow
    heading = set()
    para_kind = doc._para[:, 2].tolist() if len(doc._para) else []
    gaz_tok = None  # built on first need (rare: headline-like sentences only)
    for i in sorted(todo):
        s0, s1, t0, t1, para = sl[i]
        if para < len(para_kind) and para_kind[para] in _HEADING_KINDS:
            heading.add(i)
            continue
        st = text[s0:s1].rstrip("”\"'’) ")
        terminal = st.endswith((".", "!", "?", "…", ":"))
        if terminal and not (t1 - t0 <= 9 and st.endswith(".") and (i == 0 or sl[i - 1][4] != para)):
            continue  # an ordinary sentence (the common case): no word list needed
        if gaz_tok is None:
            gaz_tok = set()
            for e in ents:
                if e["source"] == "gazetteer":
                    gaz_tok.update(range(e["t0"], e["t1"]))
        words = [text[a:b] for k, (a, b, kind) in enumerate(doc._tok[t0:t1].tolist(), start=t0)
                 if k not in gaz_tok and b - a >= 2 and text[a:b].isalpha() and text[a:b] not in _FUNCTION]
        caps = sum(w[0].isupper() for w in words)
        if not terminal:
            if words and caps >= 0.6 * len(words):
                heading.add(i)
        elif st.endswith(".") and 2 <= len(words) == caps and t1 - t0 <= 9 \
                and (i == 0 or sl[i - 1][4] != para):
            # a run-in heading: "Constitutional Amendments and Legal Guarantees." opening a paragraph
            heading.add(i)
    out = []
    for e in ents:
        if e["source"] != "tagger":
            out.append(e)
            continue
        si = e["sentence"]
        if si in heading:
            continue
        t = e["text"]
        if e["label"] == "PERSON" and len(t) <= 4 and ("'" in t or "’" in t):
            continue
        first = t.split(" ", 1)
        if len(first) == 2 and first[0].endswith("ly") and first[0][:1].isupper() and si >= 0 \
                and not text[sl[si][0]:e["start"]].strip(" “\"‘'(—-"):
            # "Later Tolmajyen said": a sentence-initial adverb is not part of the name
            cut = len(first[0]) + 1
            e["start"] += cut
            e["text"] = t = t[cut:]
            e["canonical"] = t
            e["t0"] += 1
        if e["t1"] - e["t0"] == 1 and si >= 0 and t.lower().endswith("ly") \
                and not text[sl[si][0]:e["start"]].strip(" “\"‘'(—-"):
            continue
        if t in ("OK", "Okay"):
            continue
        if e["label"] == "PERSON":  # honorifics are not part of the name ("Mr Brown" -> "Brown")
            m = _HONORIFIC.match(t)
            if m:
                if m.end() >= len(t):
                    continue
                e["start"] += m.end()
                e["text"] = t[m.end():]
                e["canonical"] = e["text"]
                e["t0"] += 1
        out.append(e)
    return out


def _propagate_names(text: str, ents: List[Dict[str, Any]], doc: Any) -> List[Dict[str, Any]]:
    """A person the tagger found with a full name is also found where only
    the surname appears later in the document (the tagger misses some of
    these: "Poghosian estimated ...")."""
    surnames = {}
    for e in ents:
        if e["label"] == "PERSON" and e["source"] == "tagger":
            parts = e["text"].split()
            if len(parts) >= 2 and parts[-1][:1].isupper() and len(parts[-1]) >= 3:
                surnames.setdefault(parts[-1], e)
    if not surnames:
        return ents
    for e in ents:  # the tagger sometimes calls a lone surname MISC ("Poghosian" -> NORP)
        if e["source"] == "tagger" and e["text"] in surnames and e["label"] != "PERSON":
            e["label"], e["canonical"] = "PERSON", e["text"]
    starts = [e["start"] for e in ents]
    ends = [e["end"] for e in ents]
    tok_starts = doc._tok[:, 0]
    added = []
    hits = []
    for name in surnames:  # str.find per name: faster than one regex compiled per document
        a = text.find(name)
        while a >= 0:
            b = a + len(name)
            if (a == 0 or not text[a - 1].isalnum()) and (b >= len(text) or not text[b].isalnum()):
                hits.append((a, b, name))
            a = text.find(name, b)
    hits.sort()
    for a, b, name in hits:
        k = bisect.bisect_right(starts, a) - 1  # the entity starting at or before a
        if (k >= 0 and ends[k] > a) or (k + 1 < len(starts) and starts[k + 1] < b):
            continue
        t0 = int(np.searchsorted(tok_starts, a))
        if t0 >= len(tok_starts) or int(tok_starts[t0]) != a:
            continue
        si = doc.sentence_index(a)
        added.append({"start": a, "end": b, "text": name, "label": "PERSON", "canonical": name,
                      "entity_id": None, "role": None, "sentence": si, "source": "tagger",
                      "t0": t0, "t1": t0 + 1})
    if not added:
        return ents
    return sorted(ents + added, key=lambda e: e["start"])


_APPOS = re.compile(r"[ \u00a0]*,[ \u00a0]+(?:the|a|an|(?=[A-Z][\w.]*['’]s\b))[ \u00a0]*([^,;:()\u2014\u201c\u201d\"]+?)(?=[,;:()\u2014]|\.(?:\s|$)|$)")
_NUMERIC = frozenset(("DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"))
_PAREN = re.compile(r"\s*\(([^()]{2,30})\)")
_ACR_PAREN = re.compile(r"\(([A-Z][A-Z/&.-]{1,9})\)")
_STOP = frozenset(("of", "the", "and", "for", "on", "in", "de", "la", "du", "at", "&"))


def _initials(name: str) -> str:
    words = re.findall(r"[^\W\d_][\w]*", name)
    return "".join(w[0] for w in words if w.lower() not in _STOP).upper()


def _canonical_in_doc(text: str, ents: List[Dict[str, Any]]) -> None:
    """Surname-only persons -> the fuller name in the same document;
    acronyms defined in the text ("Long Name (ACR)", "ACR (Long Name)")."""
    # acronym definitions
    acr: Dict[str, Tuple[str, Optional[str]]] = {}
    # both kinds of definition need a parenthesis: most short articles have none
    for e in (ents if "(" in text else ()):
        if text.find("(", e["end"], e["end"] + 3) < 0:
            continue
        if e["label"] in _NUMERIC or e["label"] == "PERSON":
            continue
        m = _PAREN.match(text, e["end"], e["end"] + 40)
        if not m:
            continue
        inner = m.group(1).strip()
        long_, short = (e, inner) if len(inner) < len(e["text"]) else (None, e["text"])
        if long_ is not None:
            letters = re.sub(r"[^A-Z]", "", short)
            if letters and letters == _initials(e["text"]):
                acr[short] = (e["canonical"] or e["text"], e["entity_id"])
        else:
            letters = re.sub(r"[^A-Z]", "", e["text"])
            if letters and letters == _initials(inner) and e["text"].isupper():
                acr[e["text"]] = (inner, e["entity_id"])
    # "Long Name (ACR)" where the long name is not one entity: match initials on the words before
    for m in (_ACR_PAREN.finditer(text) if "(" in text else ()):
        short = m.group(1)
        letters = re.sub(r"[^A-Z]", "", short)
        if short in acr or len(letters) < 2:
            continue
        words = list(re.finditer(r"[^\W\d_][\w'’-]*", text[max(0, m.start() - 200):m.start()]))
        base = max(0, m.start() - 200)
        content = [w for w in words if w.group(0).lower() not in _STOP]
        if len(content) < len(letters):
            continue
        tail = content[-len(letters):]
        if "".join(w.group(0)[0] for w in tail).upper() == letters and all(w.group(0)[0].isupper() for w in tail):
            long_name = text[base + tail[0].start():base + words[-1].end()]
            if "\n" not in long_name:
                acr[short] = (long_name, None)
    if acr:
        for e in ents:
            if e["text"] in acr and e["label"] not in _NUMERIC:
                can, eid = acr[e["text"]]
                if e["source"] != "gazetteer" or e["canonical"] == e["text"]:
                    e["canonical"] = can
                    e["entity_id"] = e["entity_id"] or eid
    # persons: last-name matching within the document
    people = [e for e in ents if e["label"] == "PERSON"]
    if not people:
        return
    full: Dict[str, List[Dict[str, Any]]] = defaultdict(list)
    fuzzy: Dict[str, List[Dict[str, Any]]] = {}  # by transliteration key, built on first need
    for e in people:
        can = e["canonical"] or e["text"]
        parts = can.split()
        if len(parts) >= 2:
            full[parts[-1].lower()].append(e)
    for e in people:
        parts = e["text"].split()
        if len(parts) >= 2 and e["source"] == "gazetteer":
            continue
        can = e["canonical"] or e["text"]
        if len(can.split()) >= 2 and e["source"] == "gazetteer":
            continue
        last = parts[-1] if parts else ""
        cands = full.get(last.lower())
        if not cands and full:
            if not fuzzy:
                for key, es in full.items():
                    fuzzy.setdefault(translit_key(key), []).extend(es)
            cands = fuzzy.get(translit_key(last))
            if not cands and len(last) >= 6 and last[:1].isupper():
                # a typo of a surname given in full in the same document ("Blinkin")
                lk = translit_key(last)
                close = [k for k in fuzzy if len(k) >= 6 and k[:1] == lk[:1] and _edit1(k, lk)]
                if len(close) == 1:
                    cands = fuzzy[close[0]]
        cands = cands or []
        cands = [c for c in cands if c is not e and len((c["canonical"] or c["text"]).split()) > len(parts)
                 and (len(parts) == 1 or (c["canonical"] or c["text"]).split()[0].lower() == parts[0].lower()
                      or (c["text"].split()[0].lower() == parts[0].lower()))]
        if not cands:
            continue
        names = {c["canonical"] or c["text"] for c in cands}
        if len(names) == 1:
            best = cands[0]
        else:  # several people share the surname: the nearest earlier full mention
            before = [c for c in cands if c["start"] < e["start"]]
            if not before:
                continue
            best = before[-1]
        e["canonical"] = best["canonical"] or best["text"]
        e["entity_id"] = e["entity_id"] or best["entity_id"]
    # roles for the whole document
    roles: Dict[str, str] = {}
    for e in people:
        if e["role"]:
            roles.setdefault(e["canonical"], e["role"])
    for e in people:
        if not e["role"] and e["canonical"] in roles:
            e["role"] = roles[e["canonical"]]


_lock = threading.Lock()
_default: Optional[EntityExtractor] = None


def default_extractor() -> EntityExtractor:
    """The module-level extractor (built once, on first use)."""
    global _default
    if _default is None:
        with _lock:
            if _default is None:
                _default = EntityExtractor()
    return _default


# -- cross-document canonicalisation ------------------------------------------
def canonicalize(ents: Any, gazetteer: Optional[Gazetteer] = None):
    """Merge spelling variants of the same entity across documents.

    ``ents`` is a mention table (columns doc_id, label, canonical, entity_id,
    role, ...).  Within one label, canonical names whose transliteration keys
    (:func:`translit_key`) are equal, or differ by one edit ("Blinkin"), are
    merged -- for persons only when the first names agree (or one side has
    none) *and* the context agrees: the same role words, or at least one
    other canonical entity shared by their documents.  Edit-distance matches
    always need context.  String similarity alone never merges.  Returns a
    copy with the ``canonical`` (and missing ``entity_id``) column rewritten.
    """

    df = ents.copy()
    if not len(df):
        return df
    # plain lists: iterating (Arrow-backed) columns row by row is slow
    texts = df["text"].tolist()
    can = [c if isinstance(c, str) else t for c, t in zip(df["canonical"].tolist(), texts)]
    labels = df["label"].tolist()
    eids_in = df["entity_id"].tolist()
    skip = [lab in _NUMERIC for lab in labels]
    srcs = df["source"].tolist() if "source" in df.columns else [""] * len(df)
    role_words: Dict[str, set] = {}
    # documents of each (label, canonical) and the entities of each document
    groups: Dict[Tuple[str, str], Dict[str, Any]] = {}
    doc_ents: Dict[Any, set] = defaultdict(set)
    for doc_id, label, c, eid, role, src in zip(df["doc_id"].tolist(), labels, can, eids_in,
                                               df["role"].tolist(), srcs):
        if label in _NUMERIC:
            continue
        g = groups.setdefault((label, c), {"docs": set(), "n": 0, "eid": None, "roles": set(),
                                           "gaz": False})
        g["docs"].add(doc_id)
        g["n"] += 1
        if isinstance(eid, str) and eid:
            g["eid"] = eid
        if isinstance(role, str) and role:
            rw = role_words.get(role)
            if rw is None:
                rw = role_words[role] = {w.lower() for w in re.findall(r"\w+", role) if w.lower() in ROLE_WORDS}
            g["roles"].update(rw)
        if src == "gazetteer":
            g["gaz"] = True
        doc_ents[doc_id].add((label, c))

    def context(a: Tuple[str, str], b: Tuple[str, str]) -> bool:
        ga, gb = groups[a], groups[b]
        if ga["roles"] & gb["roles"]:
            return True
        ca = set().union(*(doc_ents[d] for d in ga["docs"])) - {a, b}
        cb = set().union(*(doc_ents[d] for d in gb["docs"])) - {a, b}
        both = ca & cb
        # places and nationalities are shared by too many unrelated articles to count
        return any(x[0] == "PERSON" for x in both) or \
            sum(x[0] in ("ORG", "EVENT", "LAW", "FAC") for x in both) >= 2

    def first_ok(a: str, b: str) -> bool:
        pa, pb = a.split(), b.split()
        if len(pa) < 2 or len(pb) < 2:
            return True
        return translit_key(pa[0]) == translit_key(pb[0])

    # union-find over (label, canonical)
    parent: Dict[Tuple[str, str], Tuple[str, str]] = {k: k for k in groups}

    def find(k):
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    def union(a, b):
        ra, rb = find(a), find(b)
        if ra == rb:
            return
        # the root is the better-attested name: gazetteer, more mentions, longer
        def rank(k):
            g = groups[k]
            return (g["gaz"] or g["eid"] is not None, g["n"], len(k[1]))
        if rank(ra) >= rank(rb):
            parent[rb] = ra
        else:
            parent[ra] = rb

    by_label: Dict[str, List[Tuple[str, str]]] = defaultdict(list)
    for k in groups:
        by_label[k[0]].append(k)
    for label, keys in by_label.items():
        bykey: Dict[str, List[Tuple[str, str]]] = defaultdict(list)
        for k in keys:
            # acronyms and short names only merge when written the same (BA/BAA, Eco/Echo)
            name = k[1]
            key = translit_key(name)
            if len(key) < 5 or (name.isupper() and len(name) <= 6):
                key = "\0" + name
            bykey[key].append(k)
        # same key
        for tk, ks in bykey.items():
            for i in range(1, len(ks)):
                for j in range(i):
                    a, b = ks[j], ks[i]
                    if label == "PERSON":
                        # a short single name ("Good", "God") is too weak a key
                        if (len(tk) >= 5 or " " in tk) and first_ok(a[1], b[1]) and context(a, b):
                            union(a, b)
                    else:
                        union(a, b)
        # one edit apart (typos), with context.  Candidate pairs share a
        # one-deletion variant (symmetric-delete index); the first letter
        # must agree (a typo there is too risky to guess)
        variants: Dict[str, List[str]] = defaultdict(list)
        for tk in bykey:
            if len(tk) >= 6 and tk[0] != "\0":
                variants[tk].append(tk)
                for p in range(1, len(tk)):
                    variants[tk[:p] + tk[p + 1:]].append(tk)
        pairs = set()
        for vs in variants.values():
            if len(vs) > 1:
                for i in range(1, len(vs)):
                    for j in range(i):
                        if vs[i] != vs[j] and vs[i][0] == vs[j][0]:
                            pairs.add((min(vs[i], vs[j]), max(vs[i], vs[j])))
        for tk, other in sorted(pairs):
            if not _edit1(tk, other) or min(len(tk), len(other)) < (6 if label == "PERSON" else 8):
                continue
            if label == "PERSON" and (" " not in tk or " " not in other):
                continue  # a lone surname one letter off is another person too often (Jason, Jackson)
            if tk.split()[-1:] != other.split()[-1:] and len(tk.split()) != len(other.split()):
                continue
            for a in bykey[tk]:
                for b in bykey[other]:
                    if label == "PERSON" and not first_ok(a[1], b[1]):
                        continue
                    # a typo is the rare form: at most two documents, and the other
                    # spelling at least twice as frequent (David Davis / David Davies
                    # are two people, both well attested)
                    small, big = sorted((groups[a], groups[b]), key=lambda g: g["n"])
                    if len(small["docs"]) > 2 or big["n"] < 2 * small["n"]:
                        continue
                    if context(a, b):
                        union(a, b)
    mapping = {k: find(k)[1] for k in groups}
    eids = {}
    for k in groups:
        r = find(k)
        if groups[k]["eid"] and not eids.get(r):
            eids[r] = groups[k]["eid"]
    roots = {k: find(k) for k in groups}
    df["canonical"] = [c if s else mapping.get((lab, c), c) for lab, c, s in zip(labels, can, skip)]
    df["entity_id"] = [e if isinstance(e, str) and e else (None if s else eids.get(roots[(lab, c)]))
                       for e, lab, c, s in zip(eids_in, labels, can, skip)]
    return df
