"""Gazetteer: find known names (people, places, organisations, events,
treaties) in text, with canonical names and stable ids.

The matching runs in C (``peacecorpus._core.Gazetteer``: Aho-Corasick over
case-folded text with word-boundary and case rules); this module keeps the
entry table and turns hits into pandas DataFrames.

>>> from peacecorpus.gazetteer import Gazetteer
>>> gz = Gazetteer.default()
>>> gz.find("Mirzoian met Blinkin in Baku.")[["text", "label", "canonical"]].values.tolist()
[['Mirzoian', 'PERSON', 'Ararat Mirzoyan'], ['Blinkin', 'PERSON', 'Antony Blinken'], ['Baku', 'GPE', 'Baku']]
"""
from __future__ import annotations

import csv
import functools
import html
import threading
from pathlib import Path
from typing import Iterable, List, Optional, Sequence, Tuple

from . import _core
from ._paths import data_path

#: OntoNotes entity labels (as spaCy uses them) plus TITLE for roles.
LABELS: Tuple[str, ...] = (
    "PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW",
    "LANGUAGE", "DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL", "TITLE",
)

#: Case rules understood by the engine; see ``Gazetteer.add``.
CASE_RULES = {"auto": 0, "any": 1, "exact": 2, "title": 3}
_CASE_NAMES = {v: k for k, v in CASE_RULES.items()}

#: Bundled gazetteer files (data/gazetteers/<name>.tsv), in load order: later
#: files win when two entries have the same span (curated lists last).
DEFAULT_FILES: Tuple[str, ...] = (
    "countries", "subdivisions", "cities", "norp", "places", "orgs", "events", "laws", "people",
)


@functools.lru_cache(maxsize=None)
def _read_tsv(path: str) -> Tuple[Tuple[str, str, str, str, str], ...]:
    rows: List[Tuple[str, str, str, str, str]] = []
    with open(path, encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(reader, None)
        if header is None or header[:2] != ["surface", "label"]:
            raise ValueError(f"{path}: expected a header starting with 'surface\\tlabel'")
        for lineno, row in enumerate(reader, start=2):
            if not row or not row[0]:
                continue
            row = (row + ["", "", ""])[:5]
            if len(row) < 2 or not row[1]:
                raise ValueError(f"{path}:{lineno}: missing label")
            rows.append((row[0], row[1], row[2], row[3], row[4]))
    return tuple(rows)


class Gazetteer:
    """A list of named entries and a fast matcher over them.

    Entries are (surface, label, canonical, entity_id, case).  Matching is
    case-insensitive and Unicode-aware ("NAXÇIVAN" finds "Naxçıvan"), never
    inside a word, and leftmost-longest ("Second Karabakh War" beats
    "Karabakh").  Case rules: ``"auto"`` (default: acronyms of up to four
    letters such as "UN" must match exactly, capitalised names must be
    capitalised in the text, lower-case surfaces match in any case),
    ``"any"``, ``"exact"``, ``"title"``.  When two entries have the same span
    the one added last wins, so your own entries override bundled ones.

    One gazetteer can be used from many threads at once; matching releases
    the GIL.

    >>> gz = Gazetteer()
    >>> gz.add("Zangezur corridor", "FAC")
    0
    >>> gz.find("the ZANGEZUR Corridor plan; a zangezur corridor").text.tolist()
    ['ZANGEZUR Corridor']
    """

    def __init__(self, entries: Optional[Iterable[Sequence[str]]] = None) -> None:
        self._surface: List[str] = []
        self._label: List[str] = []
        self._canonical: List[str] = []
        self._entity_id: List[Optional[str]] = []
        self._case: List[str] = []
        self._label_ids = {name: i for i, name in enumerate(LABELS)}
        self._core = _core.Gazetteer()
        self._lock = threading.Lock()  # serialises add(); matching needs no lock
        if entries is not None:
            for e in entries:
                self.add(*e)

    # -- construction ----------------------------------------------------
    @classmethod
    def default(cls, titles: bool = False) -> "Gazetteer":
        """The bundled gazetteers (countries, subdivisions, cities, NORP,
        places, organisations, events, laws, people; with ``titles=True``
        also the TITLE list of roles such as "Foreign Minister").

        >>> len(Gazetteer.default()) > 10000
        True
        """
        names = DEFAULT_FILES + (("titles",) if titles else ())
        return cls.from_tsv(*(data_path("gazetteers", f"{n}.tsv") for n in names))

    @classmethod
    def from_tsv(cls, *paths: "str | Path") -> "Gazetteer":
        """Load TSV files with columns surface, label[, canonical, entity_id, case]."""
        gz = cls()
        for p in paths:
            for row in _read_tsv(str(p)):
                gz.add(row[0], row[1], row[2] or None, row[3] or None, row[4] or "auto")
        gz._core.compile()
        return gz

    def add(self, surface: str, label: str, canonical: Optional[str] = None,
            entity_id: Optional[str] = None, case: str = "auto") -> int:
        """Add one entry and return its index.

        >>> gz = Gazetteer()
        >>> gz.add("Pashinian", "PERSON", canonical="Nikol Pashinyan")
        0
        """
        if not isinstance(surface, str) or not surface.strip():
            raise ValueError("Gazetteer.add: surface must be a non-empty string")
        if not isinstance(label, str) or label not in LABELS:
            raise ValueError(f"Gazetteer.add: label must be one of {', '.join(LABELS)}, not {label!r}")
        if case not in CASE_RULES:
            raise ValueError(f"Gazetteer.add: case must be one of {sorted(CASE_RULES)}, not {case!r}")
        with self._lock:
            lid = self._label_ids.setdefault(label, len(self._label_ids))
            index = self._core.add(surface, lid, len(self._surface), CASE_RULES[case])
            self._surface.append(surface)
            self._label.append(label)
            self._canonical.append(canonical if canonical else surface)
            self._entity_id.append(entity_id if entity_id else None)
            self._case.append(_CASE_NAMES[self._core.case_rule(index)])
        return index

    def add_many(self, entries) -> int:
        """Add rows of a DataFrame (or any iterable of dicts) with columns
        ``surface``, ``label`` and optionally ``canonical``, ``entity_id``,
        ``case``.  Returns the number of entries added.

        >>> import pandas as pd
        >>> Gazetteer().add_many(pd.DataFrame({"surface": ["Sotk"], "label": ["FAC"]}))
        1
        """
        if hasattr(entries, "to_dict"):
            records = entries.to_dict("records")
        else:
            records = list(entries)
        n = 0
        for r in records:
            def get(k, r=r):
                v = r.get(k)
                return None if v is None or v != v or v == "" else v  # NaN -> None
            self.add(r["surface"], r["label"], get("canonical"), get("entity_id"), get("case") or "auto")
            n += 1
        return n

    # -- matching --------------------------------------------------------
    def match(self, text: str, overlapping: bool = False) -> List[Tuple[int, int, int]]:
        """(start, end, entry index) of every hit, with str offsets."""
        return self._core.match(text, overlapping=overlapping)

    def find(self, text: str, overlapping: bool = False):
        """Known names in ``text`` as a DataFrame with columns start, end,
        text, label, canonical, entity_id (str offsets: ``text[start:end]``).

        >>> Gazetteer.default().find("Talks in Yerevan").iloc[0][["label", "entity_id"]].tolist()
        ['GPE', 'Q1953']
        """
        hits = self._core.match(text, overlapping=overlapping)
        return self._frame(None, [text[h[0]:h[1]] for h in hits], hits)

    def find_many(self, texts: Iterable[str], overlapping: bool = False):
        """``find`` over many documents at once, with a ``doc`` column (the
        position of the text in ``texts``).  Builds one DataFrame for the
        whole corpus, which is much faster than concatenating per-document
        frames.

        >>> Gazetteer.default().find_many(["in Baku", "no names", "UN and EU"])[["doc", "text"]].values.tolist()
        [[0, 'Baku'], [2, 'UN'], [2, 'EU']]
        """
        doc: List[int] = []
        surf: List[str] = []
        hits: List[Tuple[int, int, int]] = []
        for d, text in enumerate(texts):
            h = self._core.match(text, overlapping=overlapping)
            doc.extend([d] * len(h))
            surf.extend(text[s:e] for s, e, _ in h)
            hits.extend(h)
        return self._frame(doc, surf, hits)

    def _frame(self, doc, surf, hits):
        import pandas as pd

        idx = [h[2] for h in hits]
        cols = {} if doc is None else {"doc": pd.Series(doc, dtype="int64")}
        cols.update({
            "start": pd.Series([h[0] for h in hits], dtype="int64"),
            "end": pd.Series([h[1] for h in hits], dtype="int64"),
            # str columns: no dtype, so pandas uses its default (object, or
            # the str dtype of pandas >= 3); a missing entity_id is None/NaN
            "text": surf,
            "label": [self._label[i] for i in idx],
            "canonical": [self._canonical[i] for i in idx],
            "entity_id": [self._entity_id[i] for i in idx],
        })
        return pd.DataFrame(cols)

    # -- inspection ------------------------------------------------------
    def entries(self):
        """All entries as a DataFrame (surface, label, canonical, entity_id, case)."""
        import pandas as pd

        return pd.DataFrame({
            "surface": self._surface, "label": self._label, "canonical": self._canonical,
            "entity_id": self._entity_id, "case": self._case,
        })

    def __len__(self) -> int:
        return len(self._surface)

    def _label_counts(self) -> List[Tuple[str, int]]:
        counts: dict = {}
        for lab in self._label:
            counts[lab] = counts.get(lab, 0) + 1
        return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))

    def __repr__(self) -> str:
        labels = ", ".join(f"{k}={v}" for k, v in self._label_counts())
        return f"<Gazetteer: {len(self)} entries ({labels})>"

    def _repr_html_(self) -> str:
        rows = "".join(f"<tr><td>{html.escape(k)}</td><td>{v}</td></tr>" for k, v in self._label_counts())
        return (f"<div><b>Gazetteer</b>: {len(self)} entries<table>"
                f"<tr><th>label</th><th>entries</th></tr>{rows}</table></div>")
