"""Table schemas shared by the store, the CLI, the plots and the report.

The analysis tables (entities, quotes, similarity, ...) come from
:class:`~peacecorpus.Corpus` methods that other modules provide.  Everything
that *consumes* them goes through :func:`table`, the one place that knows a
method may be missing: then the table is empty with the documented columns,
so a store, a report or a plot is still well-formed.

>>> import peacecorpus as pc
>>> from peacecorpus._tables import table
>>> list(table(pc.Corpus(), "quotes").columns)
['doc_id', 'start', 'end', 'quote', 'kind', 'speaker', 'speaker_mention', 'speaker_role', 'cue']
"""
from __future__ import annotations

from typing import Any, Dict, List, Tuple

import numpy as np
import pandas as pd

# name -> [(column, SQL type)].  SQL types are DuckDB's; pandas dtypes follow them.
SCHEMAS: Dict[str, List[Tuple[str, str]]] = {
    "entities": [("doc_id", "VARCHAR"), ("start", "BIGINT"), ("end", "BIGINT"), ("text", "VARCHAR"),
                 ("label", "VARCHAR"), ("canonical", "VARCHAR"), ("entity_id", "VARCHAR"),
                 ("role", "VARCHAR"), ("sentence", "BIGINT"), ("score", "DOUBLE")],
    "entity_table": [("canonical", "VARCHAR"), ("label", "VARCHAR"), ("entity_id", "VARCHAR"),
                     ("mentions", "BIGINT"), ("documents", "BIGINT"), ("aliases", "VARCHAR")],
    "quotes": [("doc_id", "VARCHAR"), ("start", "BIGINT"), ("end", "BIGINT"), ("quote", "VARCHAR"),
               ("kind", "VARCHAR"), ("speaker", "VARCHAR"), ("speaker_mention", "VARCHAR"),
               ("speaker_role", "VARCHAR"), ("cue", "VARCHAR")],
    "similarity": [("doc_a", "VARCHAR"), ("doc_b", "VARCHAR"), ("score", "DOUBLE")],
    "near_duplicates": [("doc_a", "VARCHAR"), ("doc_b", "VARCHAR"), ("jaccard_est", "DOUBLE"),
                        ("jaccard", "DOUBLE")],
    "duplicate_groups": [("group", "BIGINT"), ("doc_id", "VARCHAR")],
    "reuse": [("doc_a", "VARCHAR"), ("a_start", "BIGINT"), ("a_end", "BIGINT"), ("doc_b", "VARCHAR"),
              ("b_start", "BIGINT"), ("b_end", "BIGINT"), ("words", "BIGINT"), ("identity", "DOUBLE")],
    "sentences": [("doc_id", "VARCHAR"), ("sentence", "BIGINT"), ("start", "BIGINT"), ("end", "BIGINT"),
                  ("paragraph", "BIGINT"), ("text", "VARCHAR")],
    "paragraphs": [("doc_id", "VARCHAR"), ("paragraph", "BIGINT"), ("start", "BIGINT"), ("end", "BIGINT"),
                   ("kind", "VARCHAR"), ("text", "VARCHAR")],
    "removed": [("doc_id", "VARCHAR"), ("item", "BIGINT"), ("reason", "VARCHAR"), ("text", "VARCHAR"),
                ("position", "BIGINT"), ("line", "BIGINT")],
    "errors": [("doc_id", "VARCHAR"), ("path", "VARCHAR"), ("reason", "VARCHAR"), ("offset", "BIGINT"),
               ("message", "VARCHAR")],
}

#: Tables computed per document (replaced document by document on ingest).
PER_DOCUMENT = ("sentences", "paragraphs", "removed", "entities", "quotes")
#: Tables computed over the whole corpus (recomputed when any document changes).
CROSS_DOCUMENT = ("similarity", "near_duplicates", "duplicate_groups", "reuse")
#: Parameters the cross-document tables are computed (and stored) with.
DEFAULT_ARGS: Dict[str, Dict[str, Any]] = {
    "similarity": {"method": "tfidf"},
    "near_duplicates": {"threshold": 0.8},
    "duplicate_groups": {},
    "reuse": {"min_words": 8},
}

_INT = {"BIGINT"}
_FLOAT = {"DOUBLE"}


def columns(name: str) -> List[str]:
    return [c for c, _ in SCHEMAS[name]]


def empty(name: str) -> pd.DataFrame:
    """An empty table with the documented columns and dtypes."""
    return conform(pd.DataFrame(), name)


def conform(df: Any, name: str) -> pd.DataFrame:
    """Coerce ``df`` (a DataFrame, or rows as dicts, tuples or objects) to the
    schema of ``name``: documented columns in order, missing ones as nulls,
    integers as nullable ``Int64``, other columns as text."""
    cols = columns(name)
    if not isinstance(df, pd.DataFrame):
        recs = []
        for r in list(df if df is not None else ()):
            if isinstance(r, dict):
                recs.append(r)
            elif hasattr(r, "_asdict"):
                recs.append(r._asdict())
            elif isinstance(r, (tuple, list)):
                recs.append(dict(zip(cols, r)))
            else:
                recs.append({c: getattr(r, c, None) for c in cols})
        df = pd.DataFrame(recs)
    n = len(df)
    data: Dict[str, Any] = {}
    for col, sql in SCHEMAS[name]:
        if col in df.columns:
            s = df[col]
        elif name == "removed" and col == "item" and n:
            s = df.groupby("doc_id", sort=False).cumcount()
        else:
            s = pd.Series([None] * n, dtype=object)
        if sql in _INT:
            data[col] = pd.to_numeric(s, errors="coerce").astype("Int64").array
        elif sql in _FLOAT:
            data[col] = pd.to_numeric(s, errors="coerce").to_numpy(dtype="float64")
        else:
            values = s.to_numpy(dtype=object, na_value=None) if n else np.empty(0, dtype=object)
            if pd.api.types.infer_dtype(values, skipna=True) not in ("string", "empty"):
                values = np.array([v if v is None or isinstance(v, str) else
                                   (None if _isna(v) else str(v)) for v in values], dtype=object)
            data[col] = pd.Series(values, dtype=object, index=pd.RangeIndex(n))
    return pd.DataFrame(data, index=pd.RangeIndex(n))


def _isna(v: Any) -> bool:
    try:
        return bool(pd.isna(v))
    except (TypeError, ValueError):
        return False


def table(corpus: Any, name: str, **kwargs: Any) -> pd.DataFrame:
    """``corpus.<name>(**kwargs)`` conformed to its schema; an empty table
    when the corpus has no such method (the module providing it is not
    installed) -- the only place that tolerates a missing analysis."""
    if name == "entity_table" and not callable(getattr(corpus, name, None)):
        return entity_table_from(table(corpus, "entities"))
    meth = getattr(corpus, name, None)
    if not callable(meth):
        return empty(name)
    return conform(meth(**kwargs), name)


#: Labels of numbers and times: left out of entity tables unless asked for.
NUMERIC_LABELS = frozenset(("DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"))


def entity_table_from(ents: pd.DataFrame, numeric: bool = False) -> pd.DataFrame:
    """One row per distinct entity from a mention table (used when the corpus
    cannot build it itself, and for stored corpora).  Names only (PERSON,
    ORG, GPE, LOC, NORP, FAC, EVENT, LAW and user labels); ``numeric=True``
    keeps numbers and dates (DATE, CARDINAL, ...) too."""
    if len(ents) and not numeric:
        ents = ents[~ents["label"].isin(NUMERIC_LABELS)]
    if not len(ents):
        return empty("entity_table")
    e = ents.copy()
    e["canonical"] = e["canonical"].where(e["canonical"].notna(), e["text"])
    e["entity_id"] = e["entity_id"].astype(object).where(e["entity_id"].notna(), "")
    g = e.groupby(["canonical", "label", "entity_id"], sort=False, dropna=False)
    out = g.agg(mentions=("doc_id", "size"), documents=("doc_id", "nunique"),
                aliases=("text", lambda s: "; ".join(sorted(set(map(str, s)))))).reset_index()
    out["entity_id"] = out["entity_id"].replace("", None)
    out = out.sort_values(["mentions", "canonical"], ascending=[False, True], kind="stable")
    return conform(out.reset_index(drop=True), "entity_table")
