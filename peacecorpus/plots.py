"""Plots of a corpus (matplotlib; the network uses networkx).  Each function
draws on ``ax`` (a new figure when None) and returns the Axes.

Needs matplotlib (and networkx for the network): ``pip install matplotlib networkx``,
or from a peacecorpus checkout ``pip install '.[plot]'``.

>>> import peacecorpus as pc
>>> from peacecorpus import plots
>>> corpus = pc.open("corpus.duckdb")                           # doctest: +SKIP
>>> plots.similarity_heatmap(corpus)                            # doctest: +SKIP
>>> plots.speaker_quotes(corpus, n=10)                          # doctest: +SKIP
"""
from __future__ import annotations

import itertools
from typing import Any, Optional, Sequence

import numpy as np
import pandas as pd

from ._display import LABEL_COLOURS
from .tables import entity_table_from, table


def _plt():
    try:
        import matplotlib.pyplot as plt
    except ImportError as exc:  # pragma: no cover - exercised only without the extra
        raise ImportError("plots need matplotlib (networkx for the network): pip install matplotlib networkx "
                          "(from a peacecorpus checkout: pip install '.[plot]')") from exc
    return plt


def _axes(ax, size=(7, 5)):
    if ax is not None:
        return ax
    _, ax = _plt().subplots(figsize=size)
    return ax


def _short(s: Any, n: int = 28) -> str:
    s = str(s)
    return s if len(s) <= n else s[: n - 1] + "…"


def similarity_matrix(corpus: Any, method: str = "tfidf", doc_ids: Optional[Sequence[str]] = None) -> pd.DataFrame:
    """The similarity table (each document's top neighbours) as a square
    DataFrame over ``doc_ids`` (default: every document; at most
    :data:`peacecorpus.similarity.MAX_MATRIX`), 1 on the diagonal, 0 for a
    pair that is not among either document's best.  Exact values among
    chosen documents: :meth:`Corpus.similarity_matrix`."""
    from .similarity import as_matrix
    ids = list(corpus.doc_ids) if doc_ids is None else list(doc_ids)
    return as_matrix(table(corpus, "similarity", method=method), ids)


def most_connected(sim: pd.DataFrame, n: int) -> list:
    """The ``n`` documents with the highest summed similarity to their
    neighbours in a long-form pair table (``doc_a, doc_b, score``)."""
    both = pd.concat([pd.Series(np.asarray(sim["doc_a"], dtype=object)),
                      pd.Series(np.asarray(sim["doc_b"], dtype=object))], ignore_index=True)
    total = pd.Series(np.concatenate([sim["score"].to_numpy(float)] * 2)).groupby(both.to_numpy()).sum()
    return total.sort_values(ascending=False, kind="stable").head(n).index.tolist()


def similarity_heatmap(corpus: Any, ax=None, method: str = "tfidf", max_docs: int = 40, cmap: str = "Blues"):
    """Heatmap of document-to-document similarity among the ``max_docs`` most
    connected documents (highest summed similarity to their top neighbours),
    in corpus order.  Works from the bounded similarity table, so its cost
    grows with the corpus, not with its square."""
    from .similarity import as_matrix
    sim = table(corpus, "similarity", method=method)
    n = len(corpus)
    if n <= max_docs:
        keep = list(corpus.doc_ids)
    else:
        chosen = set(most_connected(sim, max_docs))
        keep = [d for d in corpus.doc_ids if d in chosen]
    m = as_matrix(sim, keep)
    ax = _axes(ax, (7, 6))
    im = ax.imshow(m.to_numpy(), cmap=cmap, vmin=0, vmax=1)
    labels = [_short(i, 20) for i in m.index]
    ax.set_xticks(range(len(m)), labels, rotation=60, ha="right", fontsize=8)
    ax.set_yticks(range(len(m)), labels, fontsize=8)
    shown = f": the {len(m)} most connected of {n:,} documents" if n > len(m) else ""
    ax.set_title(f"Document similarity ({method}){shown}")
    ax.figure.colorbar(im, ax=ax, fraction=0.046, pad=0.04)
    return ax


def entities_by_document(corpus: Any, n: int = 15, labels: Optional[Sequence[str]] = None, ax=None,
                         cmap: str = "Oranges", max_docs: int = 40):
    """Heatmap of mention counts: the ``n`` most mentioned entities (rows) in
    each document (columns); in a larger corpus the ``max_docs`` documents
    that mention them most (the title says so)."""
    ents = table(corpus, "entities")
    if labels is not None:
        ents = ents[ents["label"].isin(list(labels))]
    ax = _axes(ax, (8, 0.35 * n + 2))
    if not len(ents):
        ax.text(0.5, 0.5, "no entities", ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
        return ax
    ents = ents.assign(name=ents["canonical"].where(ents["canonical"].notna(), ents["text"]))
    top = ents["name"].value_counts().head(n).index
    m = pd.crosstab(ents[ents["name"].isin(top)]["name"], ents[ents["name"].isin(top)]["doc_id"])
    n_docs = m.shape[1]
    if n_docs > max_docs:
        chosen = set(m.sum(axis=0).sort_values(ascending=False, kind="stable").head(max_docs).index)
        m = m[[c for c in m.columns if c in chosen]]
    order = {d: i for i, d in enumerate(corpus.doc_ids)}
    m = m.loc[list(top), sorted(m.columns, key=lambda d: order.get(d, len(order)))]
    im = ax.imshow(m.to_numpy(), cmap=cmap, aspect="auto")
    ax.set_yticks(range(len(m)), [_short(i) for i in m.index], fontsize=8)
    ax.set_xticks(range(m.shape[1]), [_short(c, 20) for c in m.columns], rotation=60, ha="right", fontsize=8)
    for (i, j), v in np.ndenumerate(m.to_numpy()):
        if v:
            ax.text(j, i, str(v), ha="center", va="center", fontsize=7)
    more = f" (the {m.shape[1]} of {n_docs:,} documents mentioning them most)" if n_docs > m.shape[1] else ""
    ax.set_title(f"Top {len(m)} entities by document{more}")
    ax.figure.colorbar(im, ax=ax, fraction=0.046, pad=0.04, label="mentions")
    return ax


def top_entities(corpus: Any, n: int = 15, ax=None):
    """Horizontal bars: the entities mentioned in the most documents, coloured by label."""
    et = entity_table_from(table(corpus, "entities")).sort_values(
        ["documents", "mentions"], ascending=False, kind="stable").head(n)
    ax = _axes(ax, (7, 0.3 * n + 1.5))
    if not len(et):
        ax.text(0.5, 0.5, "no entities", ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
        return ax
    et = et.iloc[::-1]
    colours = [LABEL_COLOURS.get(str(l), "#bbbbbb") for l in et["label"]]
    ax.barh([_short(c) for c in et["canonical"]], et["documents"].astype(int), color=colours,
            edgecolor="#555")
    for y, (d, m) in enumerate(zip(et["documents"], et["mentions"])):
        ax.text(int(d), y, f" {int(m)} mentions", va="center", fontsize=7)
    ax.set_xlabel("documents")
    ax.set_title("Top entities by number of documents")
    return ax


def speaker_quotes(corpus: Any, n: int = 15, ax=None):
    """Horizontal stacked bars: quotes per speaker, split by quote kind."""
    q = table(corpus, "quotes")
    ax = _axes(ax, (7, 0.3 * n + 1.5))
    q = q[q["speaker"].notna()]
    if not len(q):
        ax.text(0.5, 0.5, "no attributed quotes", ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
        return ax
    top = q["speaker"].value_counts().head(n).index[::-1]
    m = pd.crosstab(q["speaker"], q["kind"].fillna("unknown")).loc[list(top)]
    left = np.zeros(len(m))
    for kind in m.columns:
        ax.barh([_short(s) for s in m.index], m[kind].to_numpy(), left=left, label=str(kind))
        left += m[kind].to_numpy()
    ax.set_xlabel("quotes")
    ax.set_title("Quotes by speaker")
    ax.legend(fontsize=8, loc="lower right")
    return ax


def cooccurrence_graph(corpus: Any, n: int = 30, within: str = "sentence"):
    """A networkx Graph of the ``n`` most mentioned entities; an edge's
    ``weight`` counts the sentences (or documents, ``within="document"``)
    where both appear.  Node attributes: ``label``, ``mentions``."""
    import networkx as nx
    if within not in ("sentence", "document"):
        raise ValueError("within must be 'sentence' or 'document'")
    ents = table(corpus, "entities")
    g = nx.Graph()
    if not len(ents):
        return g
    ents = ents.assign(name=ents["canonical"].where(ents["canonical"].notna(), ents["text"]))
    counts = ents["name"].value_counts()
    top = set(counts.head(n).index)
    ents = ents[ents["name"].isin(top)]
    labels = ents.groupby("name")["label"].agg(lambda s: s.mode().iloc[0])
    for name in top:
        g.add_node(name, label=labels.get(name), mentions=int(counts[name]))
    keys = ["doc_id", "sentence"] if within == "sentence" else ["doc_id"]
    if within == "sentence" and ents["sentence"].isna().all():
        keys = ["doc_id"]
    for _, grp in ents.dropna(subset=keys).groupby(keys):
        for a, b in itertools.combinations(sorted(set(grp["name"])), 2):
            w = g.get_edge_data(a, b, {"weight": 0})["weight"]
            g.add_edge(a, b, weight=w + 1)
    return g


def entity_network(corpus: Any, n: int = 30, min_weight: int = 1, within: str = "sentence", ax=None,
                   seed: int = 0):
    """Draw the entity co-occurrence network (node size ~ mentions, colour = label,
    edge width ~ co-occurrences; edges below ``min_weight`` are dropped)."""
    import networkx as nx
    g = cooccurrence_graph(corpus, n, within)
    g.remove_edges_from([(a, b) for a, b, w in g.edges(data="weight") if w < min_weight])
    ax = _axes(ax, (8, 7))
    ax.set_axis_off()
    ax.set_title(f"Entity co-occurrence (same {within})")
    if not g.number_of_nodes():
        ax.text(0.5, 0.5, "no entities", ha="center", va="center", transform=ax.transAxes)
        return ax
    pos = nx.spring_layout(g, seed=seed, weight="weight")
    mentions = np.array([g.nodes[v]["mentions"] for v in g.nodes], dtype=float)
    sizes = 150 + 1200 * mentions / mentions.max()
    colours = [LABEL_COLOURS.get(str(g.nodes[v]["label"]), "#bbbbbb") for v in g.nodes]
    weights = np.array([w for _, _, w in g.edges(data="weight")], dtype=float)
    widths = 0.5 + 4 * weights / weights.max() if len(weights) else []
    nx.draw_networkx_edges(g, pos, ax=ax, width=widths, alpha=0.4, edge_color="#555")
    nx.draw_networkx_nodes(g, pos, ax=ax, node_size=sizes, node_color=colours, edgecolors="#333")
    nx.draw_networkx_labels(g, pos, ax=ax, labels={v: _short(v, 20) for v in g.nodes}, font_size=8)
    return ax


__all__ = ["similarity_matrix", "similarity_heatmap", "entities_by_document", "top_entities",
           "speaker_quotes", "cooccurrence_graph", "entity_network"]


def _month_float(iso: Any) -> Optional[float]:
    """'2023-09' / '2024-09-26' as a fractional year; None when not a date."""
    try:
        parts = [int(p) for p in str(iso).split("-")[:3]]
    except ValueError:
        return None
    y, m = parts[0], parts[1] if len(parts) > 1 else 1
    d = parts[2] if len(parts) > 2 else 15
    return y + (m - 1) / 12 + (d - 1) / 365


def timeline(corpus: Any, entity: Optional[str] = None, n: int = 60, ax=None):
    """The merged events of :meth:`peacecorpus.Corpus.timeline` on a time axis:
    one row per event type, a dot per event (its size: the number of
    sources), the ``n`` best supported events; an event whose documents
    disagree on its date is drawn at each date, the versions joined by a red
    line.  ``entity``: only events with this participant or place."""
    tl = corpus.timeline(entity) if entity else table(corpus, "timeline")
    tl = tl[tl["time_start"].notna()]
    ax = _axes(ax, (9, 4.5))
    if not len(tl):
        ax.set_title("no dated events")
        ax.set_axis_off()
        return ax
    tl = tl.sort_values(["n_sources", "n_mentions"], ascending=False, kind="stable").head(n)
    types = sorted(tl["type"].astype(str).unique())
    row = {t: i for i, t in enumerate(types)}
    xs = [_month_float(v) for v in tl["time_start"]]
    ys = [row[str(t)] for t in tl["type"]]
    sizes = [30 + 25 * float(s) for s in tl["n_sources"]]
    colours = ["#c0392b" if bool(c) else "#1f3b57" for c in tl["conflict"]]
    ax.scatter(xs, ys, s=sizes, c=colours, alpha=0.75, edgecolors="white", zorder=3)
    conflicts = table(corpus, "conflicts")
    shown = dict(zip(tl["event_id"].tolist(), ys))
    for r in conflicts[conflicts["kind"] == "time"].itertuples():
        if r.event_id in shown:
            xa, xb = _month_float(r.value_a), _month_float(r.value_b)
            if xa is not None and xb is not None:
                y = shown[r.event_id]
                ax.plot([xa, xb], [y, y], color="#c0392b", lw=1.5, zorder=2)
                ax.scatter([xa, xb], [y, y], s=40, c="#c0392b", marker="x", zorder=4)
    for x, y, label in zip(xs, ys, tl["label"]):
        if x is not None:
            ax.annotate(_short(label, 30), (x, y), xytext=(4, 6), textcoords="offset points", fontsize=7)
    ax.set_yticks(range(len(types)))
    ax.set_yticklabels(types)
    ax.set_ylim(-0.7, len(types) - 0.3)
    ax.grid(axis="x", alpha=0.3)
    ax.set_xlabel("date (red: documents disagree)")
    ax.set_title("Timeline" + (f" of {entity}" if entity else ""))
    return ax
