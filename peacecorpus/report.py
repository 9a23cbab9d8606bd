"""A self-contained HTML report of a corpus: one file, no network.

Sections: overview (counts, documents, top entities), per-document views with
entities and quotes highlighted, speakers and their quotes, near-duplicate
groups with reused passages side by side, a similarity heatmap (inline SVG),
a timeline of the events merged across documents (inline SVG and a table) and
the conflicting reports with both sides' evidence.  CSS and the small script (table filter) are inline; every piece of
article text, title, name and label is HTML-escaped, so an article that
contains markup or script shows it as text and executes nothing.

>>> import peacecorpus as pc
>>> from peacecorpus.report import write_report
>>> write_report(pc.open("corpus.duckdb"), "report.html")      # doctest: +SKIP
"""
from __future__ import annotations

import datetime as _dt
from pathlib import Path
from typing import Any, Dict, Optional, Sequence, Union

import pandas as pd

from . import __version__
from ._display import CSS, HIGHLIGHT_CSS, esc, highlight, legend, render_document
from .tables import entity_table_from, table

#: The heatmap shows at most this many documents (the most connected ones).
HEATMAP_MAX_DOCS = 60
#: Per-document views are written for at most this many documents.
DOC_VIEW_MAX = 500

_PAGE_CSS = """<style>
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",sans-serif;color:#222;background:#fafafa}
header{background:#1f3b57;color:#fff;padding:1em 2em}header h1{margin:0;font-size:1.5em}
header p{margin:.3em 0 0;opacity:.8}
nav{position:sticky;top:0;background:#fff;border-bottom:1px solid #ddd;padding:.5em 2em;z-index:2}
nav a{margin-right:1.2em;color:#1f3b57;text-decoration:none;font-weight:600}
main{padding:0 2em 3em;max-width:78em}
section{margin-top:2em}section>h2{border-bottom:2px solid #1f3b57;padding-bottom:.2em}
.pc-cards{display:flex;flex-wrap:wrap;gap:.8em}
.pc-card{background:#fff;border:1px solid #ddd;border-radius:6px;padding:.6em 1em;min-width:7em}
.pc-card b{display:block;font-size:1.5em}
table.pc-t{border-collapse:collapse;background:#fff;font-size:.9em;margin:.5em 0}
table.pc-t th,table.pc-t td{border:1px solid #e0e0e0;padding:.25em .6em;text-align:left;vertical-align:top}
table.pc-t th{background:#f0f3f6}
td.num{text-align:right;font-variant-numeric:tabular-nums}
details.pc-docv{background:#fff;border:1px solid #ddd;border-radius:6px;margin:.5em 0;padding:.3em 1em}
details.pc-docv>summary{cursor:pointer;font-weight:600}
.pc-side{display:grid;grid-template-columns:1fr 1fr;gap:1em;margin:.6em 0 1.2em}
.pc-side>div{background:#fff;border:1px solid #ddd;border-radius:6px;padding:.5em .8em;font-size:.92em}
.pc-side h4{margin:.1em 0 .4em;font-size:.95em}
.pc-reused{background:#ffd6d6}.pc-muted{color:#777;font-size:.9em}
.pc-spkq{margin:.2em 0 .6em 1em;padding-left:.6em;border-left:3px solid #fff3a8}
input.pc-filter{padding:.3em .5em;width:20em;margin:.3em 0}
svg text{font-family:system-ui,sans-serif}
</style>"""

# The only script: filter the rows of a table by a text box.  It reads the
# text of already-escaped cells (textContent) and never writes markup.
_PAGE_JS = """<script>
document.querySelectorAll('input.pc-filter').forEach(function (box) {
  box.addEventListener('input', function () {
    var q = box.value.toLowerCase();
    var rows = document.getElementById(box.dataset.table).tBodies[0].rows;
    for (var i = 0; i < rows.length; i++) {
      rows[i].style.display = rows[i].textContent.toLowerCase().indexOf(q) >= 0 ? '' : 'none';
    }
  });
});
</script>"""


def _anchor(doc_id: Any) -> str:
    """An id attribute value derived from a doc_id (escaped; hex for anything unusual)."""
    s = str(doc_id)
    safe = "".join(c if c.isalnum() or c in "-_" else f".{ord(c):x}" for c in s)
    return "doc-" + safe


def _doc_link(doc_id: Any) -> str:
    return f'<a href="#{esc(_anchor(doc_id))}">{esc(doc_id)}</a>'


def _table_html(df: pd.DataFrame, table_id: Optional[str] = None, links: Sequence[str] = (),
                nums: Sequence[str] = ()) -> str:
    if not len(df):
        return '<p class="pc-muted">none</p>'
    head = "".join(f"<th>{esc(c)}</th>" for c in df.columns)
    rows = []
    for rec in df.itertuples(index=False):
        cells = []
        for col, v in zip(df.columns, rec):
            if isinstance(v, (list, tuple)) or (hasattr(v, "tolist") and not isinstance(v, str) and pd.api.types.is_list_like(v)):
                v = "; ".join(map(str, list(v)))   # a list column (entity_table.aliases)
            if v is None or (not isinstance(v, str) and pd.isna(v)):
                cells.append("<td></td>")
            elif col in links:
                cells.append(f"<td>{_doc_link(v)}</td>")
            elif col in nums:
                cells.append(f'<td class="num">{esc(f"{v:.3f}" if isinstance(v, float) else v)}</td>')
            else:
                cells.append(f"<td>{esc(v)}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    tid = f' id="{esc(table_id)}"' if table_id else ""
    return f'<table class="pc-t"{tid}><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'


def _heat_colour(v: float) -> str:
    v = max(0.0, min(1.0, float(v)))
    # white -> dark blue
    r = int(255 - v * (255 - 31))
    g = int(255 - v * (255 - 59))
    b = int(255 - v * (255 - 87))
    return f"#{r:02x}{g:02x}{b:02x}"


def similarity_svg(sim: pd.DataFrame, doc_ids: Sequence[str], max_docs: int = HEATMAP_MAX_DOCS) -> str:
    """An inline SVG heatmap of pairwise scores (symmetric; diagonal = 1).
    Each cell has a tooltip with both doc_ids and the score."""
    ids = list(doc_ids)
    note = ""
    if len(ids) > max_docs:
        deg: Dict[str, float] = {}
        for a, b, s in zip(sim["doc_a"], sim["doc_b"], sim["score"]):
            deg[a] = deg.get(a, 0.0) + float(s)
            deg[b] = deg.get(b, 0.0) + float(s)
        keep = set(sorted(ids, key=lambda i: -deg.get(i, 0.0))[:max_docs])
        ids = [i for i in ids if i in keep]
        note = f'<p class="pc-muted">The {max_docs} documents with the highest total similarity.</p>'
    if not ids:
        return '<p class="pc-muted">no documents</p>'
    pos = {d: i for i, d in enumerate(ids)}
    score: Dict[tuple, float] = {}
    for a, b, s in zip(sim["doc_a"], sim["doc_b"], sim["score"]):
        if a in pos and b in pos:
            score[(pos[a], pos[b])] = score[(pos[b], pos[a])] = float(s)
    n = len(ids)
    cell = max(8, min(44, 640 // n))
    label_w = 170
    size = n * cell
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="similarity heatmap" '
             f'width="{label_w + size + 70}" height="{label_w + size + 10}" class="pc-heat">']
    for i, d in enumerate(ids):
        short = esc(d if len(str(d)) <= 24 else str(d)[:22] + "…")
        y = label_w + i * cell + cell * 0.7
        parts.append(f'<text x="{label_w - 4}" y="{y:.1f}" font-size="{min(11, cell - 1)}" '
                     f'text-anchor="end">{short}</text>')
        x = label_w + i * cell + cell * 0.7
        parts.append(f'<text x="{x:.1f}" y="{label_w - 4}" font-size="{min(11, cell - 1)}" '
                     f'transform="rotate(-60 {x:.1f} {label_w - 4})">{short}</text>')
    for i in range(n):
        for j in range(n):
            v = 1.0 if i == j else score.get((i, j), 0.0)
            parts.append(f'<rect x="{label_w + j * cell}" y="{label_w + i * cell}" width="{cell}" '
                         f'height="{cell}" fill="{_heat_colour(v)}" stroke="#fff" stroke-width="0.5">'
                         f'<title>{esc(ids[i])} × {esc(ids[j])}: {v:.3f}</title></rect>')
    # colour bar
    bx = label_w + size + 15
    for k in range(11):
        parts.append(f'<rect x="{bx}" y="{label_w + (10 - k) * size / 11:.1f}" width="12" '
                     f'height="{size / 11 + 0.5:.1f}" fill="{_heat_colour(k / 10)}"/>')
    parts.append(f'<text x="{bx + 16}" y="{label_w + 9}" font-size="10">1.0</text>')
    parts.append(f'<text x="{bx + 16}" y="{label_w + size}" font-size="10">0.0</text>')
    parts.append("</svg>")
    return note + "".join(parts)


def _overview(corpus: Any, ents: pd.DataFrame, quotes: pd.DataFrame, groups: pd.DataFrame) -> str:
    s = corpus.summary()
    n_groups = groups["group"].nunique() if len(groups) else 0
    cards = [("documents", s["documents"]), ("sentences", s["sentences"]), ("tokens", s["tokens"]),
             ("entities", len(ents)), ("quotes", len(quotes)),
             ("speakers", quotes["speaker"].nunique() if len(quotes) else 0),
             ("near-duplicate groups", n_groups), ("errors", s["errors"])]
    card_html = "".join(f'<div class="pc-card"><b>{v:,}</b>{esc(k)}</div>' for k, v in cards)
    docs = corpus.documents()
    view = docs[["doc_id", "title", "author", "source", "published", "n_sentences"]].copy()
    view["entities"] = view["doc_id"].map(ents.groupby("doc_id").size() if len(ents) else {}).fillna(0).astype(int)
    view["quotes"] = view["doc_id"].map(quotes.groupby("doc_id").size() if len(quotes) else {}).fillna(0).astype(int)
    from .tables import NUMERIC_LABELS as _NUMERIC
    # names, not numbers: dates and cardinals would crowd the top of the list
    named = ents[~ents["label"].isin(list(_NUMERIC))] if len(ents) else ents
    et = entity_table_from(named).head(25)
    by_label = (ents.groupby("label").size().sort_values(ascending=False).reset_index(name="mentions")
                if len(ents) else pd.DataFrame(columns=["label", "mentions"]))
    errs = corpus.errors()
    return (
        f'<section id="overview"><h2>Corpus overview</h2><div class="pc-cards">{card_html}</div>'
        f'<h3>Documents</h3><input class="pc-filter" data-table="pc-doc-table" placeholder="filter documents…">'
        f'{_table_html(view, "pc-doc-table", links=("doc_id",), nums=("n_sentences", "entities", "quotes"))}'
        f'<h3>Top entities</h3>{_table_html(et, "pc-ent-table", nums=("mentions", "documents"))}'
        f'<h3>Mentions by label</h3>{_table_html(by_label, nums=("mentions",))}'
        + (f"<h3>Errors</h3>{_table_html(errs)}" if len(errs) else "")
        + "</section>")


def _documents(corpus: Any, ents: pd.DataFrame, quotes: pd.DataFrame) -> str:
    e_by = {k: v for k, v in ents.groupby("doc_id", sort=False)} if len(ents) else {}
    q_by = {k: v for k, v in quotes.groupby("doc_id", sort=False)} if len(quotes) else {}
    labels = sorted(set(ents["label"].dropna())) if len(ents) else []
    parts = ['<section id="documents"><h2>Documents</h2>']
    if labels:
        parts.append(f'<p>Entity labels: {legend(labels)} — hover a mention for its canonical name; '
                     f'<span class="pc-quote">quotes</span> carry their speaker.</p>')
    docs = list(corpus)
    for i, d in enumerate(docs[:DOC_VIEW_MAX]):
        e = e_by.get(d.doc_id, ents.iloc[0:0])
        q = q_by.get(d.doc_id, quotes.iloc[0:0])
        parts.append(
            f'<details class="pc-docv" id="{esc(_anchor(d.doc_id))}"{" open" if i == 0 else ""}>'
            f'<summary>{esc(d.title or d.doc_id)} <span class="pc-muted">({esc(d.doc_id)}; '
            f'{len(e)} entities, {len(q)} quotes)</span></summary>'
            f'<div class="pc-doc">{render_document(d, e, q, heading=False)}</div></details>')
    if len(docs) > DOC_VIEW_MAX:
        parts.append(f'<p class="pc-muted">… {len(docs) - DOC_VIEW_MAX} more documents not shown.</p>')
    parts.append("</section>")
    return "".join(parts)


def _speakers(quotes: pd.DataFrame) -> str:
    parts = ['<section id="speakers"><h2>Speakers and their quotes</h2>']
    if not len(quotes):
        parts.append('<p class="pc-muted">no quotes</p></section>')
        return "".join(parts)
    q = quotes.copy()
    q["speaker"] = q["speaker"].where(q["speaker"].notna(), "(unattributed)")
    counts = q.groupby("speaker").agg(quotes=("quote", "size"), documents=("doc_id", "nunique"),
                                      role=("speaker_role", lambda s: "; ".join(sorted(set(s.dropna())))))
    counts = counts.sort_values(["quotes", "documents"], ascending=False).reset_index()
    parts.append(_table_html(counts, "pc-spk-table", nums=("quotes", "documents")))
    for spk in counts["speaker"].head(40):
        sub = q[q["speaker"] == spk]
        items = "".join(
            f'<div class="pc-spkq">“{esc(r.quote)}” <span class="pc-muted">{esc(r.kind or "")} · '
            f'{_doc_link(r.doc_id)}</span></div>' for r in sub.head(30).itertuples())
        parts.append(f"<h4>{esc(spk)} <span class=\"pc-muted\">({len(sub)})</span></h4>{items}")
    parts.append("</section>")
    return "".join(parts)


def _passage(text: str, s: int, e: int, ctx: int = 160) -> str:
    a, b = max(0, s - ctx), min(len(text), e + ctx)
    return ((("…" if a > 0 else "") + esc(text[a:s])) + f'<span class="pc-reused">{esc(text[s:e])}</span>'
            + esc(text[e:b]) + ("…" if b < len(text) else ""))


def _dash(title: Optional[str]) -> str:
    return f" — {esc(title)}" if title else ""


def _duplicates(corpus: Any, groups: pd.DataFrame, near: pd.DataFrame, reuse: pd.DataFrame) -> str:
    parts = ['<section id="duplicates"><h2>Near-duplicates and reused text</h2>']
    if len(groups):
        g = groups.groupby("group")["doc_id"].apply(lambda s: ", ".join(map(str, s))).reset_index(name="documents")
        parts.append(f"<h3>Groups</h3>{_table_html(g)}")
    else:
        parts.append('<p class="pc-muted">no near-duplicate groups</p>')
    if len(near):
        parts.append(f"<h3>Pairs</h3>{_table_html(near, links=('doc_a', 'doc_b'), nums=('jaccard_est', 'jaccard'))}")
    if len(reuse):
        parts.append("<h3>Reused passages, side by side</h3>")
        ids = set(corpus.doc_ids)
        shown = reuse.sort_values("words", ascending=False, kind="stable").head(50)
        for r in shown.itertuples():
            if r.doc_a not in ids or r.doc_b not in ids:
                continue
            da, db = corpus[r.doc_a], corpus[r.doc_b]
            ident = "" if pd.isna(r.identity) else f", identity {float(r.identity):.2f}"
            parts.append(
                f'<p class="pc-muted">{esc(r.words)} words{esc(ident)}</p><div class="pc-side">'
                f'<div><h4>{_doc_link(r.doc_a)}{_dash(da.title)}</h4>{_passage(da.text, int(r.a_start), int(r.a_end))}</div>'
                f'<div><h4>{_doc_link(r.doc_b)}{_dash(db.title)}</h4>{_passage(db.text, int(r.b_start), int(r.b_end))}</div>'
                f"</div>")
    else:
        parts.append('<p class="pc-muted">no reused passages</p>')
    parts.append("</section>")
    return "".join(parts)


#: The timeline shows at most this many events (the best supported ones).
TIMELINE_MAX_EVENTS = 150
_TYPE_COLOURS = ["#1f3b57", "#2e86ab", "#6c8e3a", "#b5651d", "#7b3f8c", "#3a7d7c", "#8c6d1f", "#555555"]


def _year_x(iso: Any, y0: float, y1: float, width: float) -> Optional[float]:
    try:
        parts = [int(p) for p in str(iso).split("-")[:3]]
    except ValueError:
        return None
    t = parts[0] + ((parts[1] if len(parts) > 1 else 1) - 1) / 12 + ((parts[2] if len(parts) > 2 else 15) - 1) / 365
    return (t - y0) / max(y1 - y0, 1e-9) * width


def timeline_svg(tl: pd.DataFrame, conflicts: pd.DataFrame, max_events: int = TIMELINE_MAX_EVENTS) -> str:
    """An inline SVG of dated merged events: one row per event type, a dot per
    event (its radius grows with its sources), a tooltip with its label, time
    and documents; an event whose documents disagree on its date is red and
    drawn at each date, the dates joined by a line."""
    tl = tl[tl["time_start"].notna()]
    if not len(tl):
        return '<p class="pc-muted">no dated events</p>'
    note = ""
    if len(tl) > max_events:
        tl = tl.sort_values(["n_sources", "n_mentions"], ascending=False, kind="stable").head(max_events)
        note = f'<p class="pc-muted">The {max_events} events reported by the most sources.</p>'
    starts = [str(v) for v in tl["time_start"]]
    years = [int(v[:4]) for v in starts]
    timec = conflicts[conflicts["kind"] == "time"] if len(conflicts) else conflicts
    for v in list(timec["value_a"]) + list(timec["value_b"]) if len(timec) else []:
        if str(v)[:4].isdigit():
            years.append(int(str(v)[:4]))
    y0, y1 = min(years), max(years) + 1
    types = sorted(set(map(str, tl["type"])))
    row = {t: i for i, t in enumerate(types)}
    left, width, rowh = 150, 760, 34
    height = 40 + rowh * len(types)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="timeline" width="{left + width + 30}" '
             f'height="{height + 20}" class="pc-timeline">']
    step = max(1, (y1 - y0) // 12 or 1)
    for y in range(y0, y1 + 1, step):
        x = left + (y - y0) / max(y1 - y0, 1) * width
        parts.append(f'<line x1="{x:.1f}" y1="10" x2="{x:.1f}" y2="{height - 10}" stroke="#eee"/>'
                     f'<text x="{x:.1f}" y="{height + 8}" font-size="10" text-anchor="middle">{y}</text>')
    for t, i in row.items():
        parts.append(f'<text x="{left - 8}" y="{30 + i * rowh + 4}" font-size="11" text-anchor="end">{esc(t)}</text>')
    conflicted = set(timec["event_id"].tolist()) if len(timec) else set()
    ids = set(tl["event_id"].tolist())
    for r in timec.itertuples() if len(timec) else []:
        if r.event_id not in ids:
            continue
        y = 30 + row[str(tl.loc[tl["event_id"] == r.event_id, "type"].iloc[0])] * rowh
        xa, xb = _year_x(r.value_a, y0, y1, width), _year_x(r.value_b, y0, y1, width)
        if xa is None or xb is None:
            continue
        parts.append(f'<line x1="{left + xa:.1f}" y1="{y}" x2="{left + xb:.1f}" y2="{y}" stroke="#c0392b" '
                     f'stroke-width="2"><title>{esc(r.summary)}</title></line>')
        for cx, v in ((xa, r.value_a), (xb, r.value_b)):
            parts.append(f'<circle cx="{left + cx:.1f}" cy="{y}" r="5" fill="#c0392b">'
                         f'<title>{esc(r.type)} {esc(v)}: {esc(r.summary)}</title></circle>')
    for r, start in zip(tl.itertuples(), starts):
        ex = _year_x(start, y0, y1, width)
        if ex is None:
            continue
        y = 30 + row[str(r.type)] * rowh
        rad = min(12.0, 3.5 + 1.5 * float(r.n_sources))
        colour = "#c0392b" if r.event_id in conflicted else _TYPE_COLOURS[row[str(r.type)] % len(_TYPE_COLOURS)]
        docs = ", ".join(map(str, list(r.documents)[:8])) + (" …" if len(r.documents) > 8 else "")
        parts.append(f'<circle cx="{left + ex:.1f}" cy="{y}" r="{rad:.1f}" fill="{colour}" fill-opacity="0.75">'
                     f'<title>{esc(r.label)} · {esc(r.time)} · {esc(r.n_sources)} source(s): {esc(docs)}</title>'
                     f'</circle>')
    parts.append("</svg>")
    return note + "".join(parts)


def _events_section(corpus: Any) -> str:
    tl = table(corpus, "timeline")
    conflicts = table(corpus, "conflicts")
    parts = ['<section id="timeline"><h2>Timeline</h2>',
             '<p class="pc-muted">Events merged across documents (the same type, main participants and '
             'compatible dates), by date; hover for the documents. Red: documents disagree.</p>',
             timeline_svg(tl, conflicts)]
    dated = tl[tl["time_start"].notna()].sort_values(["time_start", "event_id"], kind="stable")
    if len(dated):
        show = dated[["time", "type", "label", "place", "n_sources", "documents", "status", "conflict"]].head(300)
        parts.append('<input class="pc-filter" data-table="pc-timeline-table" placeholder="filter events">')
        parts.append(_table_html(show, "pc-timeline-table", nums=("n_sources",)))
    parts.append('</section><section id="conflicts"><h2>Conflicting reports</h2>')
    if not len(conflicts):
        parts.append('<p class="pc-muted">no conflicts: no event is reported with incompatible dates or '
                     'numbers</p>')
    for r in conflicts.itertuples():
        more_a = " (supported by more sources)" if str(r.more_support) == "a" else ""
        more_b = " (supported by more sources)" if str(r.more_support) == "b" else ""
        early_a = " · earlier" if str(r.earlier) == "a" else ""
        early_b = " · earlier" if str(r.earlier) == "b" else ""
        side = []
        for v, doc, ev, pub, docs, n, more, early in (
                (r.value_a, r.doc_a, r.evidence_a, r.published_a, r.documents_a, r.sources_a, more_a, early_a),
                (r.value_b, r.doc_b, r.evidence_b, r.published_b, r.documents_b, r.sources_b, more_b, early_b)):
            published = "no publication date" if pub is None or pub is pd.NA else f"published {pub}"
            side.append(f'<div><h4>{esc(v)}{esc(more)}</h4><p class="pc-muted">{_doc_link(doc)} · '
                        f'{esc(published)}{esc(early)} · {esc(n)} source(s): '
                        f'{", ".join(_doc_link(d) for d in list(docs)[:10])}</p><p>{esc(ev)}</p></div>')
        unresolved = list(r.unresolved) if r.unresolved is not None and not isinstance(r.unresolved, float) else []
        tail = (f'<p class="pc-muted">Undated mentions that fit both: {esc("; ".join(map(str, unresolved)))}</p>'
                if unresolved else "")
        parts.append(f'<h3>{esc(r.type)}: {esc(r.kind)} ({esc(r.field)})</h3>'
                     f'<p class="pc-muted">{esc(r.summary)}</p><div class="pc-side">{"".join(side)}</div>{tail}')
    parts.append("</section>")
    return "".join(parts)


def render_report(corpus: Any, title: Optional[str] = None) -> str:
    """The report as one HTML string (see :func:`write_report`)."""
    ents = table(corpus, "entities")
    quotes = table(corpus, "quotes")
    groups = table(corpus, "duplicate_groups")
    near = table(corpus, "near_duplicates", threshold=0.8)
    reuse = table(corpus, "reuse", min_words=8)
    sim = table(corpus, "similarity", method="tfidf")
    title = title or f"peacecorpus report: {len(corpus)} documents"
    when = _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    src = getattr(corpus, "source", "") or ""
    return "".join([
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">",
        # no network: forbid every remote load, allow only inline style/script and data: images
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
        "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">",
        f"<title>{esc(title)}</title>", _PAGE_CSS, CSS, HIGHLIGHT_CSS, "</head><body>",
        f"<header><h1>{esc(title)}</h1><p>{esc(src)} · generated {esc(when)} by peacecorpus "
        f"{esc(__version__)}</p></header>",
        '<nav><a href="#overview">Overview</a><a href="#documents">Documents</a>'
        '<a href="#speakers">Speakers</a><a href="#duplicates">Near-duplicates</a>'
        '<a href="#similarity">Similarity</a><a href="#timeline">Timeline</a>'
        '<a href="#conflicts">Conflicts</a></nav><main>',
        _overview(corpus, ents, quotes, groups),
        _documents(corpus, ents, quotes),
        _speakers(quotes),
        _duplicates(corpus, groups, near, reuse),
        '<section id="similarity"><h2>Similarity</h2>'
        '<p class="pc-muted">TF-IDF cosine similarity between documents; hover a cell for the pair.</p>',
        similarity_svg(sim, corpus.doc_ids), "</section>",
        _events_section(corpus),
        "</main>", _PAGE_JS, "</body></html>",
    ])


def write_report(corpus: Any, path: Union[str, Path] = "report.html", title: Optional[str] = None) -> Path:
    """Write the self-contained HTML report of ``corpus`` to ``path``.

    The file is written next to its destination and renamed into place, so a
    reader never sees half a report.  Returns the path."""
    out = Path(path)
    tmp = out.with_name(out.name + ".tmp")
    tmp.write_text(render_report(corpus, title), encoding="utf-8")
    tmp.replace(out)
    return out


__all__ = ["render_report", "write_report", "similarity_svg", "timeline_svg", "highlight"]
