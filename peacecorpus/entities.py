"""Named entities: dictionary + statistical tagger + numeric rules, with roles
and canonical names.

One C call per document (``_core.mentions``, GIL released) does the work:
gazetteer matching, the perceptron tagger with its place feature, the
numeric rules and their merge (csrc/lib/pc_entity.c), then the cleanup of
tagger spans, surnames found alone, roles ("Foreign Minister", ", the
Armenian ambassador in Paris,") and in-document canonical names ("Aliyev" ->
"Ilham Aliyev", acronyms defined in the text; csrc/lib/pc_mention.c).  This
module adds the cross-document merging of spelling variants
(:func:`canonicalize`).

>>> import peacecorpus as pc
>>> doc = pc.parse("Foreign Minister Ararat Mirzoian met Antony Blinken in Washington. Mirzoian said talks went well.")
>>> [(e.text, e.label, e.canonical, e.role) for e in doc.entities if e.label == "PERSON"]
[('Ararat Mirzoian', 'PERSON', 'Ararat Mirzoyan', 'Foreign Minister'), ('Antony Blinken', 'PERSON', 'Antony Blinken', None), ('Mirzoian', 'PERSON', 'Ararat Mirzoyan', 'Foreign Minister')]
"""
from __future__ import annotations

import contextlib
import functools
import re
import threading
from collections import Counter, defaultdict
from itertools import compress
from typing import Any, Callable, Dict, List, NamedTuple, Optional, Sequence, Tuple, cast

import numpy as np

from . import _core, vocab
from ._parallel import in_processes
from ._progress import bar
from .gazetteer import LABELS, Gazetteer
from .errors import DocumentError, StaleTable, TooManyEntities

__all__ = ["Entity", "EntityExtractor", "canonicalize", "canonical_table", "apply_canonical", "default_extractor",
           "extract_many", "translit_key"]

_TITLE = LABELS.index("TITLE")

#: Lower-case words that make an appositive (", the/a/an ... ,") a role;
#: canonicalize() compares roles by these words (data/lexicons/role_words.txt,
#: the same list as the engine's: peacecorpus.vocab).
ROLE_WORDS = vocab.ROLE_WORDS

class Entity(NamedTuple):
    """One entity mention; ``doc.text[start:end] == text``.

    ``canonical`` is the name all mentions of the same entity share;
    ``entity_id`` a stable id (Wikidata QID, GeoNames id) when the gazetteer
    knows the entity; ``role`` the title or appositive describing a person;
    ``sentence`` the sentence index; ``source`` "gazetteer", "tagger" or
    "rules"; ``score`` how sure the engine is, from 0 to 1 (for tagger
    mentions the model's margin on the span's weakest word, for gazetteer
    names 0.95 for several words and 0.9 for one, 0.9 for numbers and
    dates, 0.7 for a surname found alone): filter on it to trade recall for
    precision.
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
    score: float = 1.0


@functools.lru_cache(maxsize=65536)
def translit_key(name: str) -> str:
    """A spelling-insensitive key for transliterated names: case-folded,
    diacritics and punctuation removed, common transliteration alternatives
    unified (y/i, x/kh/h, ç/ch, ou/u, doubled letters); the engine's
    pc_translit_key, which also resolves surnames within a document.

    >>> translit_key("Mirzoyan") == translit_key("Mirzoian"), translit_key("Naxçıvan") == translit_key("Nakhchivan")
    (True, True)
    """
    return _core.translit_key(name)


#: Default per-document entity limit of :class:`EntityExtractor`: none.  The
#: engine's limits are per sentence and per tagger window, so a well-formed
#: document of any length keeps all its entities (a 105 MB document has
#: millions); memory stays proportional to the input, which ``max_bytes``
#: bounds.  Pass ``max_entities`` to cap a document's entities.
DEFAULT_MAX_ENTITIES: Optional[int] = None


class EntityExtractor:
    """Entity extraction with a gazetteer (default: the bundled lists plus
    roles) and a tagger (default: the bundled open-data model).  Immutable after
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
        # ((entries, labels), names table, label names): see _tables()
        self._names: Optional[Tuple[Tuple[int, int], Any, Tuple[str, ...]]] = None
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

    # -- full extraction --------------------------------------------------
    def _tables(self, locked: bool = False) -> Tuple[Any, Tuple[str, ...]]:
        """The gazetteer's canonical names as the engine reads them (UTF-8
        blob, offsets, per-entry flags, and the lists the results come
        from) and the label names by id; rebuilt when the gazetteer grows."""
        gz = self.gazetteer
        key = (len(gz._canonical), len(gz._label_ids))
        cached = self._names
        if cached is not None and cached[0] == key:
            return cached[1], cached[2]
        with contextlib.nullcontext() if locked else gz._lock:  # one state of the lists add() appends to
            key = (len(gz._canonical), len(gz._label_ids))
            canon, eids = list(gz._canonical), list(gz._entity_id)
            ids = dict(gz._label_ids)
        encoded = [c.encode("utf-8", "surrogatepass") for c in canon]
        off = np.zeros(len(encoded) + 1, dtype=np.uint32)
        if encoded:
            np.cumsum([len(b) for b in encoded], out=off[1:])
        # bit 1: has an entity id; bit 2: a city, which may also name a club
        # or a company (the engine lets a sure tagger ORG/PERSON win there)
        has = bytes((1 if e else 0) | (2 if e and e.startswith("geonames:") else 0) for e in eids)
        table = (b"".join(encoded), off.tobytes(), has, canon, eids)
        labels = tuple(sorted(ids, key=ids.__getitem__))
        self._names = (key, table, labels)
        return table, labels

    def extract(self, doc: Any) -> List[Entity]:
        """Entities of one :class:`~peacecorpus.Document`, in text order
        (one C call: matching, tagging, numeric rules, roles and in-document
        canonical names; see csrc/lib/pc_mention.h)."""
        core_tagger: Any = getattr(self.tagger, "core", self.tagger)
        limit = -1 if self.max_entities is None else int(self.max_entities)
        args = (doc._core, self.gazetteer._core, self._place, core_tagger, self._title_label, self.numex)
        try:
            table, labels = self._tables()
            try:
                out = _core.mentions(*args, table, labels, limit, Entity)
            except StaleTable:
                # another thread added an entry this text contains after the
                # table was built: again with the gazetteer's writers held
                # off, so that the table and the matcher agree (issue #21)
                with self.gazetteer._lock:
                    self._names = None
                    table, labels = self._tables(locked=True)
                    out = _core.mentions(*args, table, labels, limit, Entity)
        except DocumentError as exc:
            raise exc.for_document(getattr(doc, "doc_id", None)) from None
        if isinstance(out, int):
            raise TooManyEntities(
                f"{out} entity spans exceed max_entities={self.max_entities}",
                doc_id=getattr(doc, "doc_id", None))
        return _clubs(doc.text, cast(List[Entity], out))  # the engine built Entity tuples (entity_type=Entity)


# A town that is a sports club (issue #14): "Bolton boss Sam Allardyce",
# "play for Bolton", "Oldham's 1-0 win", "beaten 5-1 by Newry".  Clubs named
# after their town are ORG (OntoNotes); a national side named by its country
# stays GPE, so countries never change.  One sense per document: when one
# mention of a place has such a cue, every mention of it in the document is
# the club.  The CoNLL-trained tagger learnt this from Reuters' results
# tables; the openly licensed corpora have no sports teams to learn it from.
_CLUB_AFTER = re.compile(
    r"(?:'s)?\s+(?:boss|manager|striker|midfielder|defender|winger|goalkeeper|keeper|coach|chairman|fans|"
    r"supporters|captain|skipper|full-back|centre-back|team-mates?|youngsters?|squad|"
    r"\d{1,2}-\d{1,2})\b|'s\s+\d{1,2}-\d{1,2}\b")
_CLUB_BEFORE = re.compile(
    r"\b(?:(?:play|plays|played|playing|signed|signs|sign|signing|joined|joins|join|joining|"
    r"loan to|loan at|departing|beaten(?: \d{1,2}-\d{1,2})? by|take on|takes on|took on|beat|beats|beating|"
    r"play for|plays for|played for|playing for|signed for|signs for)|\d{1,2}-\d{1,2} (?:win|victory|defeat|"
    r"draw|loss) (?:over|against|to|at|with))\s+$")
_HOME_NATIONS = frozenset(("England", "Scotland", "Wales", "Ireland", "Northern Ireland", "Britain",
                           "Great Britain", "UK", "US", "USA"))


@functools.lru_cache(maxsize=1)
def _countries() -> frozenset:
    from ._paths import data_path
    names = set(_HOME_NATIONS)
    for fname in ("countries.tsv",):
        with open(data_path("gazetteers", fname), encoding="utf-8") as fh:
            next(fh, None)
            names.update(line.split("\t", 1)[0] for line in fh)
    return frozenset(names)


def _clubs(text: str, ents: List[Entity]) -> List[Entity]:
    towns = {e.text for e in ents if e.label == "GPE" and e.text[:1].isupper()}
    if not towns:
        return ents
    towns -= _countries()
    clubs = set()
    for e in ents:
        if e.label in ("GPE", "ORG") and e.text in towns and e.text not in clubs and (
                _CLUB_AFTER.match(text, e.end) or _CLUB_BEFORE.search(text[max(0, e.start - 40):e.start])):
            clubs.add(e.text)
    if not clubs:
        return ents
    return [e._replace(label="ORG", entity_id=None, canonical=e.text) if e.label == "GPE" and e.text in clubs
            else e for e in ents]


_NUMERIC = frozenset(("DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"))


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


def extract_many(docs: List[Any], n_jobs: Optional[int] = None,
                 on_error: Optional[Callable[[Any, Exception], None]] = None) -> List[List[Entity]]:
    """``doc.entities`` of each document, extracted in ``n_jobs`` threads
    (the engine releases the GIL) where not done yet.

    ``on_error(doc, exc)``, when given, is called for a document whose
    extraction raised; that document then has no entities (``doc.entities``
    is ``[]``) and the others are not affected.  Without it the first
    failure is raised."""
    import os
    from concurrent.futures import ThreadPoolExecutor

    todo = [d for d in docs if "_entities" not in d.__dict__]
    if not todo:
        return [d.entities for d in docs]
    ex = default_extractor()

    def one(d: Any) -> Any:
        try:
            return ex.extract(d)
        except Exception as exc:  # one document's failure, whatever it is, is that document's
            if on_error is None:
                raise
            return exc

    parent = os.getpid()

    ticks: List[Callable[[int], Any]] = []

    def part(chunk: Sequence[Any], threads: int) -> List[Any]:
        def tick(k: int) -> None:
            if ticks and os.getpid() == parent:   # a forked child draws no bar
                ticks[0](k)
        if threads > 1:
            # tasks of up to 32 documents: a task per document cost a queue
            # hand-off and a thread wake-up each (a fifth of the CPU time
            # of the extraction on two cores)
            size = max(1, min(32, -(-len(chunk) // (threads * 4))))
            pieces = [chunk[i:i + size] for i in range(0, len(chunk), size)]
            with ThreadPoolExecutor(max_workers=threads) as pool:
                out = []
                for got in pool.map(lambda p: [one(d) for d in p], pieces):
                    out.extend(got)
                    tick(len(got))
                return out
        out = []
        for d in chunk:
            out.append(one(d))
            tick(1)
        return out

    n = min(n_jobs or min(8, os.cpu_count() or 1), len(todo))
    # past a few thousand documents, forked processes (the Python around the engine too); the bar
    # follows this process's documents (its part comes last, the children's parts run meanwhile)
    with bar(len(todo), "entities") as b:
        ticks.append(b.update)
        results = [r for _, got in in_processes(part, todo, n) for r in got]
        b.update(len(todo) - b.n)
    for d, ents in zip(todo, results):
        if isinstance(ents, Exception):
            assert on_error is not None
            on_error(d, ents)
            ents = []
        d.__dict__["_entities"] = ents
    return [d.entities for d in docs]


# -- cross-document canonicalisation ------------------------------------------
def _name(canonical: Any, text: Any) -> str:
    return canonical if isinstance(canonical, str) else text


def _eid(v: Any) -> Optional[str]:
    return v if isinstance(v, str) and v else None


def canonical_table(mentions: Any):
    """The corpus-wide canonical name of each ``(label, name)`` of a mention
    table (``name``: a mention's canonical name within its document, or its
    text): ``label, name, canonical, entity_id``, one row per pair in order of
    first mention; numeric labels (DATE, MONEY ...) are not merged and not
    listed.  See :func:`canonicalize` for the rules."""
    import pandas as pd

    keys, mapping, eids = _merge(mentions)
    return pd.DataFrame({"label": [k[0] for k in keys], "name": [k[1] for k in keys],
                         "canonical": [mapping[k] for k in keys], "entity_id": [eids[k] for k in keys]},
                        columns=["label", "name", "canonical", "entity_id"])


def apply_canonical(mentions: Any, canonical: Any):
    """``mentions`` with ``canonical`` (and a missing ``entity_id``) taken from a
    :func:`canonical_table`; a mention's own entity_id is kept."""
    df = mentions.copy()
    if not len(df):
        return df
    table = {(lab, n): (c, _eid(e)) for lab, n, c, e in zip(
        canonical["label"].tolist(), canonical["name"].tolist(), canonical["canonical"].tolist(),
        canonical["entity_id"].tolist())}
    out_c: List[Any] = []
    out_e: List[Any] = []
    for lab, c, t, e in zip(df["label"].tolist(), df["canonical"].tolist(), df["text"].tolist(),
                            df["entity_id"].tolist()):
        name = _name(c, t)
        if lab in _NUMERIC:
            out_c.append(name)
            out_e.append(_eid(e))
        else:
            cc, ce = table.get((lab, name), (name, None))
            out_c.append(cc)
            out_e.append(_eid(e) or ce)
    df["canonical"] = out_c
    df["entity_id"] = out_e
    return df


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

    return apply_canonical(ents, canonical_table(ents))


def _merge(df: Any) -> Tuple[List[Tuple[str, str]], Dict[Tuple[str, str], str], Dict[Tuple[str, str], Optional[str]]]:
    """The (label, name) groups in order of first mention, each one's
    canonical name and entity id (see :func:`canonicalize`)."""
    if not len(df):
        return [], {}, {}
    # plain lists: iterating (Arrow-backed) columns row by row is slow
    texts = df["text"].tolist()
    can = [c if isinstance(c, str) else t for c, t in zip(df["canonical"].tolist(), texts)]
    labels = df["label"].tolist()
    eids_in = df["entity_id"].tolist()
    srcs = df["source"].tolist() if "source" in df.columns else [""] * len(df)
    role_words: Dict[str, set] = {}
    # documents of each (label, canonical) and the entities of each document
    groups: Dict[Tuple[str, str], Dict[str, Any]] = {}
    doc_ents: Dict[Any, set] = defaultdict(set)
    for doc_id, label, c, eid, role, src in zip(df["doc_id"].tolist(), labels, can, eids_in,
                                               df["role"].tolist(), srcs):
        if label in _NUMERIC:
            continue
        g = groups.get((label, c))
        if g is None:
            g = groups[(label, c)] = {"docs": set(), "n": 0, "eid": None, "roles": set(), "gaz": False}
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
        # only keys a typo merge can join: 6+ letters and two words for
        # persons (a lone surname one letter off is another person too
        # often: Jason, Jackson), 8+ letters otherwise
        min_len = 6 if label == "PERSON" else 8
        # (every variant in one comprehension, then only those shared by two
        # keys indexed: a dict append per variant was 40% of the merge)
        cands = [tk for tk in bykey if len(tk) >= min_len and tk[0] != "\0" and (label != "PERSON" or " " in tk)]
        dels = [tk[:p] + tk[p + 1:] if p else tk for tk in cands for p in range(len(tk))]
        seen = Counter(dels)
        if len(seen) < len(dels):
            owners = [tk for tk in cands for _ in range(len(tk))]
            for v, tk in compress(zip(dels, owners), [seen[v] > 1 for v in dels]):
                variants[v].append(tk)
        pairs = set()
        for vs in variants.values():
            if len(vs) > 1:
                for i in range(1, len(vs)):
                    for j in range(i):
                        if vs[i] != vs[j] and vs[i][0] == vs[j][0]:
                            pairs.add((min(vs[i], vs[j]), max(vs[i], vs[j])))
        for tk, other in sorted(pairs):
            if not _core.translit_edit1(tk, other):
                continue
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
    eids: Dict[Tuple[str, str], Optional[str]] = {}
    for k in groups:
        r = find(k)
        if groups[k]["eid"] and not eids.get(r):
            eids[r] = groups[k]["eid"]
    return list(groups), mapping, {k: eids.get(find(k)) for k in groups}
