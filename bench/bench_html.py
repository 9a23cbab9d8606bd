"""HTML text extraction: our C scanner against lxml and selectolax (lexbor).

Realistic news pages are generated from the seed articles (paragraphs from the gold file
tests/gold/seeds_documents.json, so no scraper boilerplate ends up inside <p>) and from the
BBC articles of the shared evaluation data (skipped when absent): <head> with <title>, meta
tags, <script> and <style>; a <nav> menu; a <header> with a tagline; an <article> with <h1>,
<h2> section headings, <p> paragraphs with inline markup and entities, a <figure> with
<img> and <figcaption>, a share widget and an "ALSO READ:" teaser paragraph mid-article;
an <aside> "related" list; a <footer> with <p> paragraphs.

Extractors:
* ``peacecorpus``  ``peacecorpus.parse(html, mode="html")`` (extraction + cleaning +
  sentences and tokens: it does more work than the others);
* ``lxml``        ``lxml.html.fromstring``, ``drop_tree`` of script/style/nav/footer,
  ``text_content()`` of p and h1..h6 (lxml's Cleaner now lives in a separate package);
* ``selectolax``  ``LexborHTMLParser``, ``decompose`` script/style/nav/footer, text of
  p and h1..h6 (the Modest backend is deprecated in selectolax 1.0).

Quality per page: "ok" when every heading and body paragraph of the source appears in the
output (whitespace-normalised) and no nav, footer, script or style text does; "strict" also
requires that no header tagline, aside ("related") text, share widget or "ALSO READ" teaser
appears.

    python bench/bench_html.py            # all pages
    python bench/bench_html.py --quick    # 300 pages
"""
from __future__ import annotations

import argparse
import html
import json
import os
import random
import re
import sys
import time
import unicodedata
from pathlib import Path
from typing import Callable, Dict, List, NamedTuple, Optional

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
from peacecorpus._paths import eval_dir as find_eval_dir  # noqa: E402


def eval_dir() -> Path:
    return find_eval_dir(REPO)


class Article(NamedTuple):
    title: str
    blocks: List[tuple]  # ("h2" | "p", text)


class Page(NamedTuple):
    html: str
    must: List[str]       # headings and paragraphs that must be extracted
    forbidden: List[str]  # nav, footer, script, style text
    strict: List[str]     # header tagline and aside text


# -- articles ------------------------------------------------------------------------------

def _is_heading(p: str) -> bool:
    return len(p.split()) <= 8 and p[-1:] not in ".!?:\"”’'"


def seed_articles() -> List[Article]:
    gold = json.loads((REPO / "tests" / "gold" / "seeds_documents.json").read_text(encoding="utf-8"))
    out = []
    for doc_id in sorted(gold):
        paras = list(gold[doc_id]["paragraphs"])
        title = gold[doc_id].get("title") or paras.pop(0)
        out.append(Article(title, [("h2" if _is_heading(p) else "p", p) for p in paras]))
    return out


def bbc_articles(limit: Optional[int]) -> List[Article]:
    path = eval_dir() / "news" / "bbc_news.jsonl"
    if not path.is_file():
        return []
    out = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            rec = json.loads(line)
            paras = [re.sub(r"\s+", " ", p).strip() for p in rec["text"].split("\n\n")]
            out.append(Article(rec["title"].strip(), [("p", p) for p in paras if p]))
            if limit and len(out) >= limit:
                break
    return out


# -- page generator ------------------------------------------------------------------------

NAV = ["Home page", "World news", "Caucasus desk", "Business & markets", "Opinion pieces",
       "Newsletters sign-up", "Podcasts and radio", "Subscribe today"]
FOOTER = ["\u00a9 2024 Caucasus Daily Media Group. All rights reserved.",
          "Terms of use | Privacy policy | Cookie settings", "Contact the newsroom: desk@example.org"]
SCRIPT = ("window.dataLayer = window.dataLayer || []; function gtag(){dataLayer.push(arguments);} "
          "gtag('config', 'UA-000000-1'); var adSlots = {top: 'div-gpt-ad-1', side: 'div-gpt-ad-2'};")
STYLE = ".article-body p { line-height: 1.6; margin: 0 0 1em; } nav ul li { display: inline-block; }"
TAGLINE = "Independent reporting from the South Caucasus since 1998"


def _inline(text: str, rng: random.Random) -> str:
    """HTML-escape and add some inline markup (links, bold, italics) between words."""
    words = text.split(" ")
    out = []
    for w in words:
        e = html.escape(w, quote=False)
        r = rng.random()
        if r < 0.03:
            e = f'<a href="/tag/{rng.randint(1, 999)}">{e}</a>'
        elif r < 0.05:
            e = f"<strong>{e}</strong>"
        elif r < 0.06:
            e = f"<em>{e}</em>"
        out.append(e)
    return " ".join(out)


def make_page(art: Article, related: List[str], rng: random.Random) -> Page:
    body = []
    blocks = art.blocks
    fig_at = min(len(blocks), 1 + rng.randint(0, 2))
    for i, (kind, text) in enumerate(blocks):
        if i == fig_at:
            body.append('<figure class="lead-image"><img src="/img/%d.jpg" alt="">'
                        "<figcaption>Officials at the talks. (Photo: Agency/File)</figcaption></figure>"
                        % rng.randint(1, 99999))
        if i == len(blocks) // 2 and related:
            # in-article clutter that a block-level recipe keeps
            body.append('<div class="share-tools"><span>Share this article</span> '
                        '<a href="#">Facebook</a> <a href="#">Telegram</a></div>')
            body.append(f'<p class="also-read"><strong>ALSO READ:</strong> '
                        f'<a href="/a/x">{html.escape(related[-1], quote=False)}</a></p>')
        if kind == "h2":
            body.append(f"<h2>{html.escape(text, quote=False)}</h2>")
        else:
            # some sites break long paragraphs over source lines
            inner = _inline(text, rng)
            if rng.random() < 0.2:
                inner = inner.replace(". ", ".\n      ", 1)
            body.append(f"<p>{inner}</p>")
    nav = "".join(f'<li><a href="/s/{i}">{html.escape(n, quote=False)}</a></li>' for i, n in enumerate(NAV))
    rel = "".join(f'<li><a href="/a/{i}">{html.escape(t, quote=False)}</a></li>' for i, t in enumerate(related))
    foot = "".join(f"<p>{html.escape(f, quote=False)}</p>" for f in FOOTER)
    title = html.escape(art.title, quote=False)
    page = f"""<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>{title} | Caucasus Daily</title>
  <meta name="description" content="{html.escape(art.title)}">
  <meta property="og:title" content="{html.escape(art.title)}">
  <meta name="author" content="Staff reporter">
  <meta property="article:published_time" content="2024-09-{rng.randint(10, 28)}T08:00:00Z">
  <script async src="https://www.googletagmanager.com/gtag/js?id=UA-000000-1"></script>
  <script>{SCRIPT}</script>
  <style>{STYLE}</style>
</head>
<body class="article-page">
  <nav class="main-menu"><ul>{nav}</ul></nav>
  <header class="site-header"><a class="logo" href="/">Caucasus Daily</a><p class="tagline">{TAGLINE}</p></header>
  <main>
    <article class="story">
      <h1 class="headline">{title}</h1>
      <div class="byline">By Staff reporter</div>
      <div class="article-body">
      {chr(10).join(body)}
      </div>
    </article>
    <aside class="related"><h2>Related stories</h2><ul>{rel}</ul></aside>
  </main>
  <footer class="site-footer">{foot}</footer>
  <script>document.querySelectorAll('.lead-image img').forEach(function (i) {{ i.loading = 'lazy'; }});</script>
</body>
</html>
"""
    must = [art.title] + [t for _, t in blocks]
    forbidden = NAV + FOOTER + ["window.dataLayer", "line-height: 1.6", "querySelectorAll"]
    strict = [TAGLINE, "Related stories", "Share this article", "ALSO READ"] + related
    # a string the article itself contains ("World news") proves nothing
    own = norm(" ".join(must))
    forbidden = [f for f in forbidden if norm(f) not in own]
    strict = [f for f in strict if norm(f) not in own]
    return Page(page, must, forbidden, strict)


def make_pages(articles: List[Article]) -> List[Page]:
    rng = random.Random(20240926)
    titles = [a.title for a in articles]
    pages = []
    for i, art in enumerate(articles):
        related = [titles[(i + k) % len(titles)] for k in (1, 2, 3)] if len(titles) > 3 else []
        related = [t for t in related if t != art.title]
        pages.append(make_page(art, related, rng))
    return pages


# -- extractors ----------------------------------------------------------------------------

BLOCKS = "p, h1, h2, h3, h4, h5, h6"


def ex_peacecorpus() -> Callable[[str], str]:
    import peacecorpus as pc

    def run(page: str) -> str:
        return pc.parse(page, mode="html").text
    return run


def ex_lxml() -> Callable[[str], str]:
    import lxml.html

    def run(page: str) -> str:
        root = lxml.html.fromstring(page)
        for el in root.xpath("//script|//style|//nav|//footer"):
            el.drop_tree()
        return "\n\n".join(el.text_content() for el in root.xpath("//p|//h1|//h2|//h3|//h4|//h5|//h6"))
    return run


def ex_selectolax() -> Callable[[str], str]:
    from selectolax.lexbor import LexborHTMLParser

    def run(page: str) -> str:
        tree = LexborHTMLParser(page)
        for node in tree.css("script, style, nav, footer"):
            node.decompose()
        return "\n\n".join(node.text(deep=True) for node in tree.css(BLOCKS))
    return run


EXTRACTORS: Dict[str, Callable[[], Callable[[str], str]]] = {
    "peacecorpus": ex_peacecorpus, "lxml": ex_lxml, "selectolax": ex_selectolax}


# -- quality -------------------------------------------------------------------------------

_WS = re.compile(r"\s+")


def norm(s: str) -> str:
    return _WS.sub(" ", unicodedata.normalize("NFC", s)).strip()


def judge(page: Page, out: str) -> tuple:
    o = norm(out)
    missing = [m for m in page.must if norm(m) not in o]
    leaked = [f for f in page.forbidden if norm(f) in o]
    strict_leak = [s for s in page.strict if norm(s) in o]
    return missing, leaked, strict_leak


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="300 BBC pages (+ the seeds)")
    ap.add_argument("--repeat", type=int, default=3, help="timing runs per extractor (best kept)")
    ap.add_argument("--show", type=int, default=2, help="print this many failures per extractor")
    args = ap.parse_args()

    articles = seed_articles()
    bbc = bbc_articles(300 if args.quick else None)
    if not bbc:
        print(f"BBC corpus not found under {eval_dir()}: seeds only (set PEACECORPUS_EVAL)")
    articles += bbc
    pages = make_pages(articles)
    nbytes = sum(len(p.html.encode("utf-8")) for p in pages)
    print(f"{len(pages)} pages, {nbytes / 1e6:.1f} MB of HTML "
          f"({len(articles) - len(bbc)} seed articles, {len(bbc)} BBC); {os.cpu_count()} CPUs")
    import lxml, selectolax  # noqa: E401
    print(f"lxml {lxml.__version__}, selectolax {selectolax.__version__} (lexbor); best of "
          f"{args.repeat}; MB/s from wall clock and from CPU time (x ours: CPU)")
    header = f"{'extractor':<12} {'MB/s':>7} {'MB/s CPU':>8} {'x ours':>7} {'ok %':>6} {'strict %':>9} " \
             f"{'missing paras':>14} {'leaked pages':>13}"
    print()
    print(header)
    print("-" * len(header))
    speeds: Dict[str, float] = {}
    rows = []
    for name, factory in EXTRACTORS.items():
        fn = factory()
        best = best_cpu = float("inf")
        outs: List[str] = []
        for _ in range(args.repeat):
            t0, c0 = time.perf_counter(), time.process_time()
            outs = [fn(p.html) for p in pages]
            best = min(best, time.perf_counter() - t0)
            best_cpu = min(best_cpu, time.process_time() - c0)
        speeds[name] = nbytes / best
        speeds[name + " CPU"] = nbytes / best_cpu
        ok = strict_ok = missing_total = leaked_pages = 0
        shown = 0
        for p, o in zip(pages, outs):
            missing, leaked, strict_leak = judge(p, o)
            missing_total += len(missing)
            leaked_pages += bool(leaked)
            if not missing and not leaked:
                ok += 1
                if not strict_leak:
                    strict_ok += 1
            elif shown < args.show:
                shown += 1
                rows.append(f"  {name}: page {p.must[0][:50]!r}: missing {[m[:60] for m in missing[:2]]}"
                            f" leaked {leaked[:2]}")
        print(f"{name:<12} {speeds[name] / 1e6:>7.2f} {speeds[name + ' CPU'] / 1e6:>8.2f} "
              f"{speeds[name + ' CPU'] / speeds['peacecorpus CPU']:>7.2f} "
              f"{100 * ok / len(pages):>6.1f} {100 * strict_ok / len(pages):>9.1f} "
              f"{missing_total:>14} {leaked_pages:>13}")
    if rows:
        print("\nexamples of failures:")
        print("\n".join(rows))
    print("\npeacecorpus MB/s includes cleaning, sentences and tokens (the others only extract).")
    diagnose(pages)


def diagnose(pages: List[Page]) -> None:
    """Why our missing paragraphs are missing: the reason the cleaner gave, or 'not extracted'."""
    import collections
    import peacecorpus as pc

    why: collections.Counter = collections.Counter()
    for p in pages:
        d = pc.parse(p.html, mode="html")
        text = norm(d.text)
        removed = {norm(r.text): r.reason for r in d.removed}
        for m in p.must:
            if norm(m) not in text:
                why[removed.get(norm(m), "not extracted")] += 1
    if why:
        print("peacecorpus missing paragraphs by cause: " +
              ", ".join(f"{k} {v}" for k, v in why.most_common()))


if __name__ == "__main__":
    main()
