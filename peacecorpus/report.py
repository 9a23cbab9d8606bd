"""A self-contained HTML report of a corpus: one file, no network.

Sections: overview (counts, documents, top entities), every document with
entities and quotes highlighted, speakers and their quotes, near-duplicate
groups with reused passages side by side, a similarity heatmap (inline SVG),
a timeline of the events merged across documents (inline SVG and a table) and
the conflicting reports with both sides' evidence.  Every piece of the report comes from a bounded query
(:mod:`peacecorpus.query`): the most mentioned entities, the most quoted
speakers, the largest groups, each with a note when more exist -- so the
report of 100,000 articles has the same sections as that of five.

Documents.  Up to :data:`INLINE_DOCUMENTS` documents are written as HTML.
A larger corpus embeds every document as data -- text, paragraphs, entity
and quote spans, gzip-compressed in blocks of :data:`BLOCK` documents -- and
the report's script renders a document when a link to it is followed or it
is picked in the paged document index, so every link works and the file
stays under :data:`BYTES_PER_1000` bytes per 1,000 documents (news
articles of a few kilobytes).  The script builds the page with DOM calls
(``textContent``, never ``innerHTML``), so article text stays text.

Every piece of article text, title, name and label is HTML-escaped, so an
article that contains markup or script shows it as text and executes
nothing; CSS and script are inline.

>>> import peacecorpus as pc
>>> from peacecorpus.report import write_report
>>> write_report("corpus.duckdb", "report.html")                # doctest: +SKIP
>>> write_report(pc.read("data/seeds"), "report.html")         # doctest: +SKIP
"""
from __future__ import annotations

import base64
import datetime as _dt
import gzip
import json
import re
from pathlib import Path
from typing import Any, Dict, Iterator, List, Optional, Sequence, Tuple, Union

import numpy as np
import pandas as pd

from . import __version__, query
from ._display import CSS, HIGHLIGHT_CSS, _Spans, esc, legend

#: The heatmap shows at most this many documents (the most connected ones).
HEATMAP_MAX_DOCS = 60
#: Up to this many documents are written as HTML; above, as data the script renders.
INLINE_DOCUMENTS = 300
#: Documents per compressed block of a large report.
BLOCK = 500
#: What a large report may take per 1,000 documents of news (tests/test_scale.py checks the payload
#: is smaller than the text; bench/bench_scale.py measures it on BBC-based articles).
BYTES_PER_1000 = 3_000_000
#: Rows of the bounded tables.
TOP_ENTITIES, TOP_SPEAKERS, SPEAKERS_WITH_QUOTES, QUOTES_PER_SPEAKER = 25, 100, 40, 30
TOP_GROUPS, TOP_PAIRS, TOP_PASSAGES, MAX_ERRORS = 50, 100, 50, 50

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
button.pc-page{margin:0 .3em}
svg text{font-family:system-ui,sans-serif}
</style>"""

# The only script.  It filters the rows of a table by a text box and, in a
# large report, pages through the document index and renders documents from
# the embedded blocks.  It reads text with textContent and builds every node
# with createElement/textContent: article text never becomes markup.
_PAGE_JS = """<script>
(function () {
  document.querySelectorAll('input.pc-filter[data-table]').forEach(function (box) {
    box.addEventListener('input', function () {
      var q = box.value.toLowerCase();
      var rows = document.getElementById(box.dataset.table).tBodies[0].rows;
      for (var i = 0; i < rows.length; i++) {
        rows[i].style.display = rows[i].textContent.toLowerCase().indexOf(q) >= 0 ? '' : 'none';
      }
    });
  });
  var idxEl = document.getElementById('pc-index');
  if (!idxEl) { return; }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }
  function unpack(id) {
    var raw = atob(document.getElementById(id).textContent.trim());
    var bytes = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) { bytes[i] = raw.charCodeAt(i); }
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
    return new Response(stream).text().then(JSON.parse);
  }
  var meta = JSON.parse(document.getElementById('pc-meta').textContent);
  var blocks = {}, index = null, byAnchor = {}, shown = [], page = 0, per = 100;
  function block(k) {
    if (!blocks[k]) { blocks[k] = unpack('pc-block-' + k); }
    return blocks[k];
  }
  function safe(s) { return String(s).replace(/[^A-Za-z0-9_]/g, '_') || 'other'; }
  function spans(text, lo, hi, ents, quos, strs, kinds) {
    // ents: [start, end, label, title]; quos: [start, end, kind, speaker, tip]; both sorted, disjoint
    var frag = document.createDocumentFragment(), cuts = [lo, hi], i;
    function keep(list) {
      var out = [];
      for (i = 0; i < list.length; i++) {
        var s = Math.max(list[i][0], lo), e = Math.min(list[i][1], hi);
        if (s < e) { out.push([s, e, list[i]]); cuts.push(s, e); }
      }
      return out;
    }
    var E = keep(ents), Q = keep(quos), ie = 0, iq = 0, curE = null, curQ = null, eNode = null, qNode = null;
    cuts = cuts.filter(function (c, j) { return cuts.indexOf(c) === j; }).sort(function (a, b) { return a - b; });
    function open(list, j, pos) {
      while (j < list.length && list[j][1] <= pos) { j++; }
      return [j, j < list.length && list[j][0] <= pos ? list[j] : null];
    }
    function closeE(at) {
      if (curE && curE[1] === at) { eNode.appendChild(el('span', 'pc-lab', meta.labels[curE[2][2]])); }
      curE = null; eNode = null;
    }
    for (var c = 0; c + 1 < cuts.length; c++) {
      var a = cuts[c], b = cuts[c + 1], r;
      r = open(Q, iq, a); iq = r[0]; var q = r[1];
      r = open(E, ie, a); ie = r[0]; var e = r[1];
      if (e !== curE || q !== curQ) { if (curE) { closeE(a); } }
      if (q !== curQ) {
        if (curQ && curQ[1] === a && curQ[2][3] >= 0) {
          frag.appendChild(el('span', 'pc-spk', '\\u2014 ' + strs[curQ[2][3]]));
        }
        curQ = q; qNode = null;
        if (q) {
          qNode = el('span', 'pc-quote pc-quote-' + safe(kinds[q[2][2]]));
          qNode.title = strs[q[2][4]];
          frag.appendChild(qNode);
        }
      }
      var parent = qNode || frag;
      if (e && !curE) {
        curE = e; eNode = el('mark', 'pc-ent pc-ent-' + safe(meta.labels[e[2][2]]));
        eNode.title = strs[e[2][3]];
        parent.appendChild(eNode);
      }
      (eNode || parent).appendChild(document.createTextNode(text.slice(a, b)));
    }
    if (curE) { closeE(hi); }
    if (curQ && curQ[1] === hi && curQ[2][3] >= 0) {
      frag.appendChild(el('span', 'pc-spk', '\\u2014 ' + strs[curQ[2][3]]));
    }
    return frag;
  }
  function render(row) {
    var anchor = row[0], k = Math.floor(row[8] / meta.block), at = row[8] % meta.block;
    var box = document.getElementById(anchor);
    if (box) { box.open = true; box.scrollIntoView(); return; }
    block(k).then(function (data) {
      var d = data.docs[at], strs = data.strings;
      box = el('details', 'pc-docv'); box.id = anchor; box.open = true;
      var sum = el('summary', null, d[1] || d[0]);
      sum.appendChild(el('span', 'pc-muted', ' (' + d[0] + '; ' + d[5].length / 4 + ' entities, ' +
                                              d[6].length / 5 + ' quotes)'));
      box.appendChild(sum);
      var body = el('div', 'pc-doc'), tab = el('table', 'pc-meta');
      for (var m = 0; m < meta.fields.length; m++) {
        if (d[2][m] === null || d[2][m] === '') { continue; }
        var tr = el('tr');
        tr.appendChild(el('td', null, meta.fields[m])); tr.appendChild(el('td', null, d[2][m]));
        tab.appendChild(tr);
      }
      body.appendChild(tab);
      var ents = [], quos = [], i;
      for (i = 0; i < d[5].length; i += 4) { ents.push(d[5].slice(i, i + 4)); }
      for (i = 0; i < d[6].length; i += 5) { quos.push(d[6].slice(i, i + 5)); }
      for (i = 0; i < d[4].length; i += 3) {
        var p = el('div', d[4][i + 2] ? 'pc-h' : 'pc-p');
        p.appendChild(spans(d[3], d[4][i], d[4][i + 1], ents, quos, strs, meta.kinds));
        body.appendChild(p);
      }
      box.appendChild(body);
      var view = document.getElementById('pc-viewer');
      view.insertBefore(box, view.firstChild);
      box.scrollIntoView();
    });
  }
  function table() {
    var q = document.getElementById('pc-doc-filter').value.toLowerCase();
    shown = index.filter(function (r) {
      return !q || (r[1] + ' ' + r[2] + ' ' + (r[3] || '') + ' ' + (r[4] || '')).toLowerCase().indexOf(q) >= 0;
    });
    page = Math.min(page, Math.max(0, Math.ceil(shown.length / per) - 1));
    var body = document.getElementById('pc-doc-table').tBodies[0];
    while (body.firstChild) { body.removeChild(body.firstChild); }
    shown.slice(page * per, page * per + per).forEach(function (r) {
      var tr = el('tr'), td = el('td'), a = el('a', null, r[1]);
      a.href = '#' + r[0]; td.appendChild(a); tr.appendChild(td);
      [r[2], r[3], r[4]].forEach(function (v) { tr.appendChild(el('td', null, v)); });
      [r[5], r[6], r[7]].forEach(function (v) { tr.appendChild(el('td', 'num', v)); });
      body.appendChild(tr);
    });
    document.getElementById('pc-doc-page').textContent = shown.length ? 'documents ' + (page * per + 1) +
      '\\u2013' + Math.min(shown.length, page * per + per) + ' of ' + shown.length : 'no documents';
  }
  function follow() {
    var h = decodeURIComponent(location.hash.slice(1));
    if (index && byAnchor[h]) { render(byAnchor[h]); }
  }
  unpack('pc-index').then(function (rows) {
    index = rows;
    rows.forEach(function (r, i) { r.push(i); byAnchor[r[0]] = r; });
    document.getElementById('pc-doc-filter').addEventListener('input', function () { page = 0; table(); });
    document.getElementById('pc-doc-prev').addEventListener('click', function () {
      page = Math.max(0, page - 1); table();
    });
    document.getElementById('pc-doc-next').addEventListener('click', function () {
      if ((page + 1) * per < shown.length) { page++; table(); }
    });
    table();
    follow();
  });
  window.addEventListener('hashchange', follow);
})();
</script>"""


def _anchor(doc_id: Any) -> str:
    """An id attribute value derived from a doc_id (escaped; hex for anything unusual)."""
    s = str(doc_id)
    safe = "".join(c if c.isalnum() or c in "-_" else f".{ord(c):x}" for c in s)
    return "doc-" + safe


def _doc_link(doc_id: Any) -> str:
    return f'<a href="#{esc(_anchor(doc_id))}">{esc(doc_id)}</a>'


def _missing(v: Any) -> bool:
    if v is None or v is pd.NA or v is pd.NaT:
        return True
    try:
        return bool(pd.isna(v)) if not isinstance(v, (list, tuple, str)) and pd.api.types.is_scalar(v) else False
    except (TypeError, ValueError):
        return False


def _table_html(df: pd.DataFrame, table_id: Optional[str] = None, links: Sequence[str] = (),
                nums: Sequence[str] = ()) -> str:
    if not len(df):
        return '<p class="pc-muted">none</p>'
    head = "".join(f"<th>{esc(c)}</th>" for c in df.columns)
    rows = []
    for rec in df.itertuples(index=False):
        cells = []
        for col, v in zip(df.columns, rec):
            if not isinstance(v, str) and hasattr(v, "__len__") and not _missing(v) and \
                    pd.api.types.is_list_like(v):
                v = "; ".join(map(str, list(v)))   # a list column (aliases)
            if _missing(v):
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


def _more(shown: int, total: int, what: str, how: str) -> str:
    """The note under a bounded table."""
    if total <= shown:
        return ""
    return f'<p class="pc-muted">The first {shown:,} of {total:,} {esc(what)}; {esc(how)}.</p>'


def _heat_colour(v: float) -> str:
    v = max(0.0, min(1.0, float(v)))
    # white -> dark blue
    r = int(255 - v * (255 - 31))
    g = int(255 - v * (255 - 59))
    b = int(255 - v * (255 - 87))
    return f"#{r:02x}{g:02x}{b:02x}"


def similarity_svg(sim: pd.DataFrame, doc_ids: Sequence[str], max_docs: int = HEATMAP_MAX_DOCS,
                   note: str = "") -> str:
    """An inline SVG heatmap of pairwise scores (symmetric; diagonal = 1).
    Each cell has a tooltip with both doc_ids and the score; a pair that the
    table does not have (not among either document's nearest) is grey."""
    ids = list(doc_ids)
    if len(ids) > max_docs:
        deg: Dict[str, float] = {}
        for a, b, s in zip(sim["doc_a"], sim["doc_b"], sim["score"]):
            deg[a] = deg.get(a, 0.0) + float(s)
            deg[b] = deg.get(b, 0.0) + float(s)
        keep = set(sorted(ids, key=lambda i: -deg.get(i, 0.0))[:max_docs])
        ids = [i for i in ids if i in keep]
        note = note or f"The {max_docs} documents with the highest total similarity."
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
    parts = [f'<p class="pc-muted">{esc(note)}</p>' if note else "",
             f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="similarity heatmap" '
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
            v = 1.0 if i == j else score.get((i, j))
            fill = "#e6e6e6" if v is None else _heat_colour(v)
            tip = "not among either document's nearest" if v is None else f"{v:.3f}"
            parts.append(f'<rect x="{label_w + j * cell}" y="{label_w + i * cell}" width="{cell}" '
                         f'height="{cell}" fill="{fill}" stroke="#fff" stroke-width="0.5">'
                         f'<title>{esc(ids[i])} × {esc(ids[j])}: {tip}</title></rect>')
    # colour bar
    bx = label_w + size + 15
    for k in range(11):
        parts.append(f'<rect x="{bx}" y="{label_w + (10 - k) * size / 11:.1f}" width="12" '
                     f'height="{size / 11 + 0.5:.1f}" fill="{_heat_colour(k / 10)}"/>')
    parts.append(f'<text x="{bx + 16}" y="{label_w + 9}" font-size="10">1.0</text>')
    parts.append(f'<text x="{bx + 16}" y="{label_w + size}" font-size="10">0.0</text>')
    parts.append("</svg>")
    return "".join(parts)


# -- overview ------------------------------------------------------------------------------------
def _overview(t: query.Tables, s: Dict[str, int], index: pd.DataFrame) -> Iterator[str]:
    cards = [("documents", s["documents"]), ("sentences", s["sentences"]), ("tokens", s["tokens"]),
             ("entities", s["entities"]), ("quotes", s["quotes"]), ("speakers", s["speakers"]),
             ("near-duplicate groups", s["duplicate_groups"]), ("errors", s["errors"])]
    yield '<section id="overview"><h2>Corpus overview</h2><div class="pc-cards">'
    yield "".join(f'<div class="pc-card"><b>{v:,}</b>{esc(k)}</div>' for k, v in cards) + "</div>"
    yield '<h3>Documents</h3>'
    if s["documents"] <= INLINE_DOCUMENTS:
        view = index.rename(columns={"n_sentences": "sentences"})
        yield ('<input class="pc-filter" data-table="pc-doc-table" placeholder="filter documents…">'
               + _table_html(view, "pc-doc-table", links=("doc_id",), nums=("sentences", "entities", "quotes")))
    else:
        yield ('<p><input class="pc-filter" id="pc-doc-filter" placeholder="filter documents…"> '
               '<button class="pc-page" id="pc-doc-prev">previous</button>'
               '<button class="pc-page" id="pc-doc-next">next</button> <span class="pc-muted" id="pc-doc-page">'
               f'{s["documents"]:,} documents (the index needs JavaScript)</span></p>'
               '<table class="pc-t" id="pc-doc-table"><thead><tr><th>title</th><th>doc_id</th><th>source</th>'
               '<th>published</th><th>sentences</th><th>entities</th><th>quotes</th></tr></thead>'
               '<tbody></tbody></table>')
    et = query.entities(t, limit=TOP_ENTITIES)
    yield f'<h3>Top entities</h3>{_table_html(et, "pc-ent-table", nums=("mentions", "documents"))}'
    yield f'<h3>Mentions by label</h3>{_table_html(query.label_counts(t), nums=("mentions",))}'
    if s["errors"]:
        errs = t.sql(f"SELECT doc_id, path, reason, message FROM errors ORDER BY ordinal LIMIT {MAX_ERRORS}")
        yield (f"<h3>Errors</h3>{_table_html(errs)}"
               + _more(len(errs), s["errors"], "errors", "all of them: SELECT * FROM errors"))
    yield "</section>"


# -- documents -------------------------------------------------------------------------------------
_FIELDS = ("doc_id", "author", "source", "syndicated from", "published", "sentences", "tokens")


def _doc_rows(t: query.Tables, lo: int, hi: int) -> Tuple[pd.DataFrame, Dict[str, pd.DataFrame]]:
    """Documents lo..hi-1 (corpus order) and their paragraphs, entities, quotes, removed lines."""
    docs = t.sql("SELECT ordinal, doc_id, title, author, source, syndicated_from, published, n_sentences, "
                 "n_tokens, text FROM documents WHERE ordinal >= ? AND ordinal < ? ORDER BY ordinal", [lo, hi])
    ids = docs["doc_id"].tolist()
    if not ids:
        return docs, {}
    marks = ", ".join("?" for _ in ids)
    parts = {
        "paragraphs": t.sql(f'SELECT doc_id, start, "end", kind FROM paragraphs WHERE doc_id IN ({marks})', ids),
        "entities": t.sql(f"SELECT * FROM entities WHERE doc_id IN ({marks})", ids),
        "quotes": t.sql(f"SELECT * FROM quotes WHERE doc_id IN ({marks})", ids),
        "removed": t.sql(f"SELECT doc_id, reason, text FROM removed WHERE doc_id IN ({marks})", ids),
    }
    return docs, parts


def _split(df: pd.DataFrame) -> Dict[Any, pd.DataFrame]:
    return {k: v for k, v in df.groupby("doc_id", sort=False)} if len(df) else {}


def _meta_values(row: Any) -> List[Any]:
    return [row.doc_id, row.author, row.source, row.syndicated_from,
            None if _missing(row.published) else str(row.published), row.n_sentences, row.n_tokens]


def _static_documents(t: query.Tables, n: int) -> Iterator[str]:
    docs, parts = _doc_rows(t, 0, n)
    by = {name: _split(df) for name, df in parts.items()}
    empty_e, empty_q = parts["entities"].iloc[0:0], parts["quotes"].iloc[0:0]
    for i, row in enumerate(docs.itertuples(index=False)):
        e = by["entities"].get(row.doc_id, empty_e)
        q = by["quotes"].get(row.doc_id, empty_q)
        text = row.text if isinstance(row.text, str) else ""
        meta = "".join(f"<tr><td>{esc(k)}</td><td>{esc(v)}</td></tr>" for k, v in zip(_FIELDS, _meta_values(row))
                       if not _missing(v) and v != "")
        spans = _Spans(e, q)
        paras = by["paragraphs"].get(row.doc_id)
        body = []
        if paras is not None:
            for s, end, kind in zip(paras["start"], paras["end"], paras["kind"]):
                cls = "pc-h" if kind in ("heading", "title") else "pc-p"
                body.append(f'<div class="{cls}">{spans.html(text, int(s), int(end))}</div>')
        rm = by["removed"].get(row.doc_id)
        removed = ""
        if rm is not None:
            items = "".join(f'<li><span class="pc-tag">{esc(r)}</span>{esc(x)}</li>'
                            for r, x in zip(rm["reason"], rm["text"]))
            removed = (f'<details class="pc-rm"><summary>{len(rm)} boilerplate lines removed</summary>'
                       f'<ul>{items}</ul></details>')
        title = row.title if isinstance(row.title, str) and row.title else row.doc_id
        yield (f'<details class="pc-docv" id="{esc(_anchor(row.doc_id))}"{" open" if i == 0 else ""}>'
               f'<summary>{esc(title)} <span class="pc-muted">({esc(row.doc_id)}; {len(e)} entities, '
               f'{len(q)} quotes)</span></summary><div class="pc-doc"><table class="pc-meta">{meta}</table>'
               f'{"".join(body)}{removed}</div></details>')


def _json_bytes(obj: Any) -> bytes:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode("utf-8")


def _b64gz(obj: Any) -> str:
    # level 1: 4x faster than 6 for 15% more bytes (a 100,000-document report spent 40% of its time in zlib)
    return base64.b64encode(gzip.compress(_json_bytes(obj), compresslevel=1, mtime=0)).decode("ascii")


def _packed(block_id: str, raw: bytes) -> str:
    """_data of JSON bytes already encoded (zlib and base64 release the GIL: run in a thread)."""
    return (f'<script type="application/x-peacecorpus" id="{block_id}">'
            f'{base64.b64encode(gzip.compress(raw, compresslevel=1, mtime=0)).decode("ascii")}</script>')


def _data(block_id: str, obj: Any) -> str:
    # base64 has no '<': the block cannot end the script element early
    return f'<script type="application/x-peacecorpus" id="{block_id}">{_b64gz(obj)}</script>'


def _flat_by_doc(df: Optional[pd.DataFrame], cols: List[str]) -> Dict[Any, List[int]]:
    """doc_id -> the flat int list of its rows' ``cols`` (rows in table
    order): one numpy conversion for the whole block, then a slice per
    document (a DataFrame per document cost 15 ms each)."""
    if df is None or not len(df):
        return {}
    arr = df[cols].to_numpy(dtype="int64")
    codes, uniq = pd.factorize(np.asarray(df["doc_id"], dtype=object))
    order = np.argsort(codes, kind="stable")
    arr = arr[order]
    ends = np.cumsum(np.bincount(codes, minlength=len(uniq)))
    starts = ends - np.bincount(codes, minlength=len(uniq))
    return {u: arr[a:b].ravel().tolist() for u, a, b in zip(uniq, starts.tolist(), ends.tolist())}


_POS = ("WITH _d AS (SELECT doc_id, (row_number() OVER (ORDER BY ordinal) - 1) // {B} AS _blk, "
        "row_number() OVER (ORDER BY ordinal) AS _pos FROM documents) ")
_BLOCK_SQL = {
    "documents": ("SELECT _d._blk, x.ordinal, x.doc_id, x.title, x.author, x.source, x.syndicated_from, x.published, "
                  "x.n_sentences, x.n_tokens, x.text FROM documents x JOIN _d ON _d.doc_id = x.doc_id "
                  "ORDER BY _d._pos"),
    "paragraphs": ('SELECT _d._blk, x.doc_id, x.start, x."end", x.kind FROM paragraphs x '
                   'JOIN _d ON _d.doc_id = x.doc_id ORDER BY _d._pos, x.start, x."end"'),
    "entities": ('SELECT _d._blk, x.* FROM entities x JOIN _d ON _d.doc_id = x.doc_id '
                 'ORDER BY _d._pos, x.start, x."end"'),
    "quotes": ('SELECT _d._blk, x.* FROM quotes x JOIN _d ON _d.doc_id = x.doc_id '
               'ORDER BY _d._pos, x.start, x."end"'),
}


def _by_block(frames: Iterator[pd.DataFrame]) -> Iterator[Tuple[int, pd.DataFrame]]:
    """(block, its rows) from a stream of DataFrames ordered by ``_blk``."""
    held: List[pd.DataFrame] = []
    cur = None
    for df in frames:
        blk = df["_blk"].to_numpy(dtype="int64")
        cuts = np.flatnonzero(np.diff(blk)) + 1
        for a, b in zip([0] + cuts.tolist(), cuts.tolist() + [len(df)]):
            if a == b:
                continue
            k = int(blk[a])
            if cur is not None and k != cur:
                yield cur, pd.concat(held, ignore_index=True) if len(held) > 1 else held[0]
                held = []
            cur = k
            held.append(df.iloc[a:b].reset_index(drop=True))
    if held and cur is not None:
        yield cur, pd.concat(held, ignore_index=True) if len(held) > 1 else held[0]


def _stream(t: query.Tables, sql: str) -> Iterator[pd.DataFrame]:
    """The rows of ``sql`` in batches.  On a store each stream has its own
    cursor (a DuckDB connection runs one query at a time; the four streams
    of _block_rows are read side by side); a corpus in memory registered its
    frames on ``t.con`` alone, so its rows are read at once."""
    if t._corpus is not None:
        yield t.sql(sql)
        return
    import pyarrow as pa
    from .store import _to_pandas
    cur = t.con.cursor()
    try:
        rel = cur.sql(sql)
        reader = rel.to_arrow_reader(50_000) if hasattr(rel, "to_arrow_reader") else rel.fetch_arrow_reader(50_000)
        for rb in reader:
            yield _to_pandas(pa.Table.from_batches([rb]))
    finally:
        cur.close()


def _block_rows(t: query.Tables) -> Iterator[Tuple[pd.DataFrame, Dict[str, pd.DataFrame]]]:
    """The documents of each block of BLOCK documents (by position in corpus
    order) with their paragraphs, entities and quotes: one streamed, ordered
    query per table for the whole report (a query per block scanned every
    table once per block: quadratic in the corpus size)."""
    streams = {name: _by_block(_stream(t, _POS.format(B=BLOCK) + sql)) for name, sql in _BLOCK_SQL.items()}
    heads: Dict[str, Optional[Tuple[int, pd.DataFrame]]] = {name: next(it, None) for name, it in streams.items()}
    empty = {name: t.sql(_POS.format(B=BLOCK) + sql + " LIMIT 0") for name, sql in _BLOCK_SQL.items()}
    while heads["documents"] is not None:
        k = heads["documents"][0]
        got = {}
        for name in _BLOCK_SQL:
            head = heads[name]
            while head is not None and head[0] < k:   # rows of no document (cannot happen): skipped
                head = next(streams[name], None)
            if head is not None and head[0] == k:
                got[name] = head[1]
                head = next(streams[name], None)
            else:
                got[name] = empty[name]
            heads[name] = head
        docs = got.pop("documents")
        yield docs, got


def _suffix(values: pd.Series, pre: str, post: str = "") -> pd.Series:
    """pre + value + post for each value, "" where it is missing (vectorised)."""
    v = values.astype(object)
    miss = v.isna().to_numpy(dtype=bool)
    out = np.full(len(v), "", dtype=object)
    if (~miss).any():
        out[~miss] = [f"{pre}{x}{post}" for x in v[~miss].tolist()]
    return pd.Series(out, index=values.index, dtype=object)


def _codes(values: pd.Series, table: Dict[str, int], default: Optional[str] = None) -> pd.Series:
    """The id of each value in ``table`` (new values are added), by unique value."""
    v = values.astype(object)
    if default is not None:
        v = v.where(v.notna(), default)
    codes, uniq = pd.factorize(v, use_na_sentinel=False)
    look = np.asarray([table.setdefault(str(u), len(table)) for u in uniq] or [0], dtype=np.int64)
    return pd.Series(look[codes], index=values.index)


def _block(docs: pd.DataFrame, parts: Dict[str, pd.DataFrame], labels: Dict[str, int],
           kinds: Dict[str, int]) -> Dict[str, Any]:
    """The documents of one block as compact rows (see _PAGE_JS, render())."""
    strings: Dict[str, int] = {}

    def sid(values: pd.Series) -> pd.Series:
        codes, uniq = pd.factorize(values.astype(object), use_na_sentinel=True)
        base = []
        for u in uniq:
            base.append(strings.setdefault(str(u), len(strings)))
        look = np.asarray(base + [-1], dtype=np.int64)
        return pd.Series(look[codes], index=values.index)

    ents = parts.get("entities")
    if ents is not None and len(ents):
        ents = _disjoint(ents)
        title = ents["canonical"].astype(object).where(ents["canonical"].notna(), ents["text"].astype(object))
        title = title + _suffix(ents["entity_id"], " (", ")") + _suffix(ents["role"], " — ")
        ents = ents.assign(lab=_codes(ents["label"], labels), tid=sid(title))
    quos = parts.get("quotes")
    if quos is not None and len(quos):
        quos = _disjoint(quos)
        tip = quos["speaker"].astype(object).where(quos["speaker"].notna(), "unknown speaker")
        for col, pre in (("speaker_role", " · "), ("kind", " · "), ("cue", " · cue: ")):
            tip = tip + _suffix(quos[col], pre)
        quos = quos.assign(kd=_codes(quos["kind"], kinds, "direct"), spk=sid(quos["speaker"]), tip=sid(tip))
    paras = _flat_by_doc(parts["paragraphs"].assign(h=parts["paragraphs"]["kind"].isin(["heading", "title"])
                                                    .astype("int64")), ["start", "end", "h"]) if parts else {}
    e_by = _flat_by_doc(ents, ["start", "end", "lab", "tid"])
    q_by = _flat_by_doc(quos, ["start", "end", "kd", "spk", "tip"])
    rows = []
    for row in docs.itertuples(index=False):
        meta = [None if _missing(v) else str(v) for v in _meta_values(row)]
        rows.append([row.doc_id, None if _missing(row.title) else row.title, meta,
                     row.text if isinstance(row.text, str) else "",
                     paras.get(row.doc_id, []), e_by.get(row.doc_id, []), q_by.get(row.doc_id, [])])
    return {"docs": rows, "strings": list(strings)}


def _disjoint(df: pd.DataFrame) -> pd.DataFrame:
    """Keep the longest span where spans of one document overlap (as the
    notebook view does), vectorised: sorted by start, longest first, a span
    is kept when it starts at or after the end of everything before it."""
    df = df[df["start"].notna() & df["end"].notna() & (df["end"] > df["start"])]
    df = df.assign(_len=df["end"] - df["start"]).sort_values(["doc_id", "start", "_len"],
                                                             ascending=[True, True, False], kind="stable")
    # the largest end before each span of its document (grouped cummax, then shift: no Python per group)
    cm = df.assign(_cm=df.groupby("doc_id", sort=False)["end"].cummax())
    before = cm.groupby("doc_id", sort=False)["_cm"].shift(fill_value=-1)
    return df[(df["start"] >= before).to_numpy(dtype=bool)].drop(columns=["_len"])


def _documents(t: query.Tables, s: Dict[str, int], index: pd.DataFrame) -> Iterator[str]:
    labels = sorted(set(query.label_counts(t)["label"].dropna())) if s["entities"] else []
    yield '<section id="documents"><h2>Documents</h2>'
    if labels:
        yield (f'<p>Entity labels: {legend(labels)} — hover a mention for its canonical name; '
               f'<span class="pc-quote">quotes</span> carry their speaker.</p>')
    n = s["documents"]
    if n <= INLINE_DOCUMENTS:
        yield from _static_documents(t, n)
        yield "</section>"
        return
    yield (f'<p class="pc-muted">{n:,} documents: pick one in the index above or follow any link; it is '
           f'rendered here from the data embedded in this file (JavaScript).</p><div id="pc-viewer"></div>')
    label_ids: Dict[str, int] = {}
    kind_ids: Dict[str, int] = {}
    from concurrent.futures import ThreadPoolExecutor

    from ._progress import bar
    futures = []
    with ThreadPoolExecutor(1) as pool, bar(n, "report", "doc") as b:   # compresses block k while k + 1 is built
        for k, (docs, parts) in enumerate(_block_rows(t)):
            futures.append(pool.submit(_packed, f"pc-block-{k}", _json_bytes(_block(docs, parts, label_ids, kind_ids))))
            b.update(len(docs))
        blocks = [f.result() for f in futures]
    rows = [[_anchor(r.doc_id), "" if _missing(r.title) else r.title, r.doc_id,
             None if _missing(r.source) else r.source, None if _missing(r.published) else str(r.published)[:10],
             int(r.n_sentences or 0), int(r.entities), int(r.quotes)] for r in index.itertuples(index=False)]
    yield _data("pc-index", rows)
    meta = {"block": BLOCK, "labels": list(label_ids), "kinds": list(kind_ids), "fields": list(_FIELDS)}
    meta_json = json.dumps(meta).replace("<", "\\u003c")
    yield f'<script type="application/json" id="pc-meta">{meta_json}</script>'
    yield from blocks
    yield "</section>"


# -- speakers ------------------------------------------------------------------------------------
#: Words that make a "role" a piece of a clause rather than a title or a job.
_CLAUSE = re.compile(r"\b(?:i|you|he|she|it|we|they|this|that|these|those|could|would|should|will|can|may|"
                     r"might|must|is|are|was|were|has|have|had|do|does|did|said|says|told|not|if|because|"
                     r"when|which|who|what)\b", re.I)


def role_of(roles: Any) -> Optional[str]:
    """The role to show for a speaker: the most frequent of ``roles`` (most
    frequent first) that reads as a title or a job, not a clause fragment
    ("ultimately it could mean"): at most 12 words, no pronoun, verb or
    conjunction of a clause, not starting with a lowercase word that ends
    with a comma."""
    if roles is None or _missing(roles):
        return None
    for r in list(roles):
        if not isinstance(r, str):
            continue
        r = r.strip(" ,;:")
        if r and len(r.split()) <= 12 and not _CLAUSE.search(r) and not r.endswith(("of", "the", "and")):
            return r
    return None


def _speakers(t: query.Tables, s: Dict[str, int]) -> Iterator[str]:
    yield '<section id="speakers"><h2>Speakers and their quotes</h2>'
    if not s["quotes"]:
        yield '<p class="pc-muted">no quotes</p></section>'
        return
    sp = query.speakers(t, limit=TOP_SPEAKERS)
    n_speakers = int(t.scalar("SELECT count(DISTINCT coalesce(speaker, '(unattributed)')) FROM quotes"))
    view = pd.DataFrame({"speaker": sp["speaker"], "role": sp["roles"].map(role_of), "quotes": sp["quotes"],
                         "documents": sp["documents"], "kinds": sp["kinds"]})
    yield _table_html(view, "pc-spk-table", nums=("quotes", "documents"))
    yield _more(len(view), n_speakers, "speakers", "all of them: peacecorpus quotes --speaker NAME, or SQL")
    top = [x for x in sp["speaker"].head(SPEAKERS_WITH_QUOTES).tolist()]
    if top:
        marks = ", ".join("?" for _ in top)
        qs = t.sql("SELECT coalesce(q.speaker, '(unattributed)') AS speaker, q.quote, q.kind, q.doc_id "
                   "FROM quotes q JOIN documents d ON d.doc_id = q.doc_id "
                   f"WHERE coalesce(q.speaker, '(unattributed)') IN ({marks}) "
                   "QUALIFY row_number() OVER (PARTITION BY coalesce(q.speaker, '(unattributed)') "
                   f"ORDER BY d.ordinal, q.start) <= {QUOTES_PER_SPEAKER}", top)
        by = _split(qs.rename(columns={"doc_id": "doc"}).assign(doc_id=qs["speaker"]))
        counts = dict(zip(sp["speaker"], sp["quotes"]))
        for spk in top:
            sub = by.get(spk)
            if sub is None:
                continue
            items = "".join(
                f'<div class="pc-spkq">“{esc(qt)}” <span class="pc-muted">{esc(k if not _missing(k) else "")} · '
                f'{_doc_link(d)}</span></div>' for qt, k, d in zip(sub["quote"], sub["kind"], sub["doc"]))
            yield f'<h4>{esc(spk)} <span class="pc-muted">({counts[spk]:,})</span></h4>{items}'
    yield "</section>"


# -- duplicates ----------------------------------------------------------------------------------
def _passage(text: str, s: int, e: int, ctx: int = 160) -> str:
    a, b = max(0, s - ctx), min(len(text), e + ctx)
    return ((("…" if a > 0 else "") + esc(text[a:s])) + f'<span class="pc-reused">{esc(text[s:e])}</span>'
            + esc(text[e:b]) + ("…" if b < len(text) else ""))


def _dash(title: Any) -> str:
    return f" — {esc(title)}" if isinstance(title, str) and title else ""


def _duplicates(t: query.Tables) -> Iterator[str]:
    yield '<section id="duplicates"><h2>Near-duplicates and reused text</h2>'
    n_groups = int(t.scalar('SELECT count(DISTINCT "group") FROM duplicate_groups'))
    if n_groups:
        g = t.sql('SELECT "group", count(*) AS size, string_agg(doc_id, \', \' ORDER BY doc_id) AS documents '
                  f'FROM duplicate_groups GROUP BY "group" ORDER BY size DESC, "group" LIMIT {TOP_GROUPS}')
        yield "<h3>Groups</h3>" + _table_html(g, nums=("size",))
        yield _more(len(g), n_groups, "groups (largest first)", "all of them: SELECT * FROM duplicate_groups")
    else:
        yield '<p class="pc-muted">no near-duplicate groups</p>'
    n_pairs = int(t.scalar("SELECT count(*) FROM near_duplicates"))
    if n_pairs:
        near = t.sql("SELECT doc_a, doc_b, jaccard_est, jaccard FROM near_duplicates "
                     f"ORDER BY jaccard DESC, doc_a, doc_b LIMIT {TOP_PAIRS}")
        yield f"<h3>Pairs</h3>{_table_html(near, links=('doc_a', 'doc_b'), nums=('jaccard_est', 'jaccard'))}"
        yield _more(len(near), n_pairs, "pairs (most similar first)", "all of them: SELECT * FROM near_duplicates")
    reuse = t.sql("SELECT * FROM reuse ORDER BY words DESC, doc_a, doc_b, a_start "
                  f"LIMIT {TOP_PASSAGES}")
    if len(reuse):
        yield "<h3>Reused passages, side by side</h3>"
        n_reuse = int(t.scalar("SELECT count(*) FROM reuse"))
        yield _more(len(reuse), n_reuse, "passages (longest first)", "all of them: SELECT * FROM reuse")
        ids = sorted(set(reuse["doc_a"]) | set(reuse["doc_b"]))
        marks = ", ".join("?" for _ in ids)
        docs = t.sql(f"SELECT doc_id, title, text FROM documents WHERE doc_id IN ({marks})", ids)
        got = {i: (ti, tx) for i, ti, tx in zip(docs["doc_id"], docs["title"], docs["text"])}
        for r in reuse.itertuples(index=False):
            if r.doc_a not in got or r.doc_b not in got:
                continue
            (ta, xa), (tb, xb) = got[r.doc_a], got[r.doc_b]
            ident = "" if _missing(r.identity) else f", identity {float(r.identity):.2f}"
            yield (f'<p class="pc-muted">{esc(r.words)} words{esc(ident)}</p><div class="pc-side">'
                   f'<div><h4>{_doc_link(r.doc_a)}{_dash(ta)}</h4>{_passage(xa, int(r.a_start), int(r.a_end))}</div>'
                   f'<div><h4>{_doc_link(r.doc_b)}{_dash(tb)}</h4>{_passage(xb, int(r.b_start), int(r.b_end))}</div>'
                   f"</div>")
    else:
        yield '<p class="pc-muted">no reused passages</p>'
    yield "</section>"


def _similarity(t: query.Tables, n: int) -> Iterator[str]:
    yield ('<section id="similarity"><h2>Similarity</h2>'
           '<p class="pc-muted">TF-IDF cosine similarity between documents; hover a cell for the pair.</p>')
    if n <= HEATMAP_MAX_DOCS:
        ids = t.sql("SELECT doc_id FROM documents ORDER BY ordinal")["doc_id"].tolist()
        note = ""
    else:
        ids = query.most_similar_documents(t, HEATMAP_MAX_DOCS)
        note = (f"The {len(ids)} of {n:,} documents with the highest total similarity to their nearest "
                f"documents; grey: a pair the bounded similarity table does not hold (not among either "
                f"document's nearest).")
    sim = pd.DataFrame({"doc_a": [], "doc_b": [], "score": []})
    if ids:
        marks = ", ".join("?" for _ in ids)
        sim = t.sql(f"SELECT doc_a, doc_b, score FROM similarity WHERE doc_a IN ({marks}) AND doc_b IN ({marks})",
                    ids + ids)
    yield similarity_svg(sim, ids, max_docs=max(HEATMAP_MAX_DOCS, len(ids)), note=note)
    yield "</section>"


# -- the page ------------------------------------------------------------------------------------
def _parts(source: Any, title: Optional[str]) -> Iterator[str]:
    t = source if isinstance(source, query.Tables) else query.Tables(source)
    try:
        s = query.summary(t)
        title = title or f"peacecorpus report: {s['documents']} documents"
        when = _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
        index = query.documents_index(t)
        yield ("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
               # no network: forbid every remote load, allow only inline style/script and data: images
               "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
               "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">"
               f"<title>{esc(title)}</title>{_PAGE_CSS}{CSS}{HIGHLIGHT_CSS}</head><body>"
               f"<header><h1>{esc(title)}</h1><p>{esc(t.name)} · generated {esc(when)} by peacecorpus "
               f"{esc(__version__)}</p></header>"
               '<nav><a href="#overview">Overview</a><a href="#documents">Documents</a>'
               '<a href="#speakers">Speakers</a><a href="#duplicates">Near-duplicates</a>'
               '<a href="#similarity">Similarity</a><a href="#timeline">Timeline</a>'
               '<a href="#conflicts">Conflicts</a></nav><main>')
        yield from _overview(t, s, index)
        yield from _speakers(t, s)
        yield from _duplicates(t)
        yield from _similarity(t, s["documents"])
        yield _events_section(t)
        yield from _documents(t, s, index)
        yield "</main>" + _PAGE_JS + "</body></html>"
    finally:
        if t is not source:
            t.close()


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


#: The timeline table and the conflicts section show at most this many rows.
TIMELINE_MAX_ROWS = 300
CONFLICTS_MAX = 100


def _events_section(t: query.Tables) -> str:
    # bounded: the best supported dated events and the first conflicts, each with a note when more exist
    n_dated = int(t.scalar("SELECT count(*) FROM timeline WHERE time_start IS NOT NULL") or 0)
    tl = t.sql("SELECT * FROM timeline WHERE time_start IS NOT NULL "
               "ORDER BY n_sources DESC, n_mentions DESC, event_id LIMIT ?", [TIMELINE_MAX_ROWS])
    n_conf = int(t.scalar("SELECT count(*) FROM conflicts") or 0)
    conflicts = t.sql("SELECT * FROM conflicts ORDER BY conflict LIMIT ?", [CONFLICTS_MAX])
    parts = ['<section id="timeline"><h2>Timeline</h2>',
             '<p class="pc-muted">Events merged across documents (the same type, main participants and '
             'compatible dates), by date; hover for the documents. Red: documents disagree.</p>',
             timeline_svg(tl, conflicts)]
    dated = tl.sort_values(["time_start", "event_id"], kind="stable")
    if len(dated):
        show = dated[["time", "type", "label", "place", "n_sources", "documents", "status", "conflict"]]
        parts.append('<input class="pc-filter" data-table="pc-timeline-table" placeholder="filter events">')
        parts.append(_table_html(show, "pc-timeline-table", nums=("n_sources",)))
        parts.append(_more(len(show), n_dated, "dated events", "the ones reported by the most sources"))
    parts.append('</section><section id="conflicts"><h2>Conflicting reports</h2>')
    parts.append(_more(len(conflicts), n_conf, "conflicts", "the first ones"))
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
    """The report as one HTML string (see :func:`write_report`); ``corpus`` is a
    :class:`~peacecorpus.Corpus` (or any object with the table methods) or
    the path of a store."""
    return "".join(_parts(corpus, title))


def write_report(corpus: Any, path: Union[str, Path] = "report.html", title: Optional[str] = None) -> Path:
    """Write the self-contained HTML report of ``corpus`` (a Corpus or the
    path of a store: then nothing but the bounded queries' rows is loaded)
    to ``path``.  Written piece by piece next to its destination and renamed
    into place, so a reader never sees half a report.  Returns the path."""
    out = Path(path)
    tmp = out.with_name(out.name + ".tmp")
    try:
        with tmp.open("w", encoding="utf-8") as f:
            for part in _parts(corpus, title):
                f.write(part)
        tmp.replace(out)
    finally:
        if tmp.exists():
            tmp.unlink()
    return out


__all__ = ["render_report", "write_report", "similarity_svg", "timeline_svg", "role_of", "INLINE_DOCUMENTS",
           "BYTES_PER_1000"]
