"""Web pages: the HTML tokenizer, main-content extraction and the page metadata.

The pages here are written for the tests; the real pages of ../shared/eval/web are
scored by bench/eval_web.py and all parsed by test_every_evaluation_page_parses (under
ASan+UBSan in tests/run_asan_pytest.sh).
"""
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

import peacecorpus as pc

ROOT = Path(__file__).resolve().parents[1]

PARA = ("Armenia and Azerbaijan resumed talks in Washington on Friday, the foreign ministry said. "
        "Both delegations agreed to meet again next month, according to a joint statement.")


def _page(body: str, head: str = "") -> str:
    return f"<!doctype html><html lang='en'><head><title>T</title>{head}</head><body>{body}</body></html>"


def _article_page() -> str:
    paras = "".join(f"<p>{PARA} Paragraph {i}.</p>" for i in range(6))
    return _page(
        "<header class='site-header'><a href='/'>Home</a> <a href='/world'>World</a></header>"
        "<nav><ul><li><a href='/a'>Politics</a></li><li><a href='/b'>Business</a></li></ul></nav>"
        "<div class='content-sidebar-wrap'><main>"
        "<article><h1>Talks resume in Washington</h1>"
        "<p class='byline'>By Jane Roe</p>"
        f"<div class='entry-content'>{paras}"
        "<ul><li>First point of the agreement, on borders.</li><li>Second point, on trade.</li></ul>"
        "<div class='share-buttons'><a href='#'>Share on Facebook</a> <a href='#'>Tweet</a></div>"
        "</div></article>"
        "<section id='comments'><p>I disagree with this analysis, it is too optimistic, really.</p></section>"
        "<div class='related-posts'><h3>Related</h3><ul>"
        + "".join(f"<li><a href='/r{i}'>Another story number {i} about the region</a></li>" for i in range(6))
        + "</ul></div>"
        "</main><aside class='sidebar'><p>Subscribe to our newsletter, it is free and weekly.</p></aside></div>"
        "<footer><p>Copyright 2024 Example News, all rights reserved.</p></footer>")


# -- main content -------------------------------------------------------------------------

def test_main_content_keeps_the_article_and_says_why_the_rest_went():
    doc = pc.parse(_article_page())
    assert doc.is_html
    assert f"{PARA} Paragraph 0." in doc.text and f"{PARA} Paragraph 5." in doc.text
    assert "First point of the agreement, on borders." in doc.text  # the article's own list
    for junk in ["Home", "Politics", "Share on Facebook", "I disagree", "Another story",
                 "Subscribe to our newsletter", "Copyright 2024", "By Jane Roe"]:
        assert junk not in doc.text, junk
    reasons = {}
    for r in doc.removed:
        for key in ["Politics", "Share on Facebook", "I disagree", "Another story number 0",
                    "Subscribe", "Copyright", "By Jane Roe"]:
            if key in r.text:
                reasons[key] = r.reason
    assert reasons == {"Politics": "html_chrome", "Share on Facebook": "html_chrome",
                       "I disagree": "comments", "Another story number 0": "html_chrome",
                       "Subscribe": "html_chrome", "Copyright": "html_chrome",
                       "By Jane Roe": "metadata"}


@pytest.mark.parametrize("line, prompt", [
    ("Follow The Daily on Twitter and Instagram @Daily. Send us a message on WhatsApp at 1-876.", True),
    ("For the latest stories download the News apps for iOS and Android.", True),
    ("¡Mira lo que tiene nuestro canal de YouTube!", True),
    ("Puede escribirnos a x@example.org o seguir a Materia en Facebook.", True),
    # the article's own sentences about social networks stay
    ("The ministry said on Facebook that the talks would resume in Brussels on Monday.", False),
    ("“Follow us on Twitter,” the spokesman told reporters after the meeting.", False),
    ("Ihr findet uns auf Instagram als @laden und auf Facebook, viel Spaß beim Basteln!", False),
    ("You must be logged in to post a comment.", True),
    ("Sie müssen sich einloggen, um sich an einer Diskussion beteiligen zu können.", True),
    ("This entry was posted in Allgemein. Bookmark the permalink.", True),
])
def test_lines_inviting_the_reader_to_social_networks(line, prompt):
    body = "The talks resumed on Friday after a break of two months, officials said. " * 3
    doc = pc.parse(f"<html><body><article><p>{body}</p><p>{line}</p></article></body></html>")
    assert (line not in doc.text) is prompt
    assert any(r.reason == "share_prompt" and line in r.text for r in doc.removed) is prompt


def test_a_wrapper_named_like_furniture_that_holds_the_article_is_kept():
    paras = "".join(f"<p>The ministers met in Brussels on day {i} and agreed to resume the talks next month, "
                    f"officials said.</p>" for i in range(12))
    side = "".join(f"<li><a href='/{i}'>Another long headline about something else, number {i}</a></li>" for i in range(40))
    page = (f"<html><body><div class='site-body site-body--wsidebar'><main><article>{paras}</article></main>"
            f"<div class='widget-area'><ul>{side}</ul></div></div><footer><ul>{side * 3}</ul></footer>"
            "</body></html>")
    doc = pc.parse(page)
    assert doc.text.count("The ministers met in Brussels") == 12
    assert "Another long headline" not in doc.text


def test_an_aside_around_a_microdata_article_is_kept():
    paras = "".join(f"<p>{PARA} Part {i}.</p>" for i in range(6))
    page = _page("<nav><a href='/'>Home</a></nav><main><aside class='pa direct-content'>"
                 f"<section itemscope itemtype='http://schema.org/NewsArticle'>{paras}</section>"
                 "</aside></main><aside><p>Subscribe to our newsletter, it is free and weekly.</p></aside>")
    doc = pc.parse(page)
    assert "Part 5." in doc.text and "Subscribe" not in doc.text


def test_related_posts_with_excerpts_are_furniture():
    excerpts = "".join(f"<li><a href='/p{i}'>Older post {i}</a><small>{PARA} Excerpt {i} ...</small></li>"
                       for i in range(5))
    body = (f"<div class='entry'>{''.join(f'<p>{PARA} Body {i}.</p>' for i in range(8))}"
            f"<ul class='related_post wp_rp'>{excerpts}</ul></div>")
    doc = pc.parse(_page(body))
    assert "Body 7." in doc.text and "Excerpt 2" not in doc.text


def test_ruby_annotations_are_not_text():
    page = _page("<article><p><ruby>子<rt>こ</rt></ruby>どもへの<ruby>虐待<rp>(</rp><rt>ぎゃくたい"
                 "<rp>)</rp></ruby>をなくすための<ruby>漢<rt>かん<rt>じ</ruby>の法律ができました。"
                 + "これは長い文章です。" * 10 + "</p></article>")
    assert pc.parse(page).text.startswith("子どもへの虐待をなくすための漢の法律ができました。")


def test_long_captions_are_text_short_ones_are_removed():
    slide = ("The latest phone is not what you would expect: it is designed to look like the model "
             "from three years ago, but it is a lot faster, cheaper and smaller than anything else.")
    body = (f"<article>{''.join(f'<p>{PARA} {i}.</p>' for i in range(3))}"
            f"<figure><img src='a.jpg'><figcaption>{slide}</figcaption></figure>"
            "<figure><img src='b.jpg'><figcaption>The ministers in Washington.</figcaption></figure></article>")
    doc = pc.parse(_page(body))
    assert slide in doc.text and "The ministers in Washington." not in doc.text
    assert [r.reason for r in doc.removed if r.text.startswith("The ministers in")] == ["caption"]


def test_jsonld_article_body_when_the_dom_gives_little():
    body_json = " ".join(f"Sentence {i} of the full article, with \\u00e9t\\u00e9 and \\ud83d\\ude00 too." for i in range(20))
    ld = ('<script type="application/ld+json">{"@type": "NewsArticle", "headline": "H", '
          f'"articleBody": "First paragraph, in JSON &amp; HTML.\\n{body_json}"}}</script>')
    page = _page("<article><h1>H</h1><p>A short teaser of the story, read the rest in the app.</p></article>", ld)
    doc = pc.parse(page)
    teaser, _, body = doc.text.partition("\n\n")
    assert teaser == "A short teaser of the story, read the rest in the app."  # kept, the body follows
    assert body.startswith("First paragraph, in JSON & HTML.\n\nSentence 0 of the full article, with été and \U0001F600 too.")
    full = _page("<article>" + "".join(f"<p>{PARA} {i}</p>" for i in range(8)) + "</article>", ld)
    assert "in JSON" not in pc.parse(full).text  # the DOM's article is kept when it has one


def test_main_content_outside_text_and_link_lists_have_reasons():
    body = ("<div id='top'><p>Welcome to the site of the association, founded 1990.</p></div>"
            "<div class='story'>" + "".join(f"<p>{PARA} {i}</p>" for i in range(5))
            + "<ul>" + "".join(f"<li><a href='/x{i}'>Link {i}</a></li>" for i in range(8)) + "</ul>"
            + "</div>")
    doc = pc.parse(_page(body))
    assert f"{PARA} 4" in doc.text and "Welcome" not in doc.text and "Link 3" not in doc.text
    why = {r.text.split()[0]: r.reason for r in doc.removed}
    assert why["Welcome"] == "outside_main" and why["Link"] == "link_list"


def test_marked_article_body_wins_over_a_longer_teaser_list():
    teasers = "".join(f"<div class='teaser'><h3><a href='/t{i}'>Teaser headline {i}</a></h3>"
                      f"<p><a href='/t{i}'>{PARA} teaser {i}</a></p></div>" for i in range(6))
    body = (f"<div class='home'>{teasers}</div>"
            f"<div itemprop='articleBody'><p>{PARA} body one.</p><p>{PARA} body two.</p></div>")
    doc = pc.parse(_page(body))
    assert "body one." in doc.text and "body two." in doc.text and "teaser 3" not in doc.text


def test_fallback_keeps_clean_paragraphs_when_no_container_wins():
    body = "".join(f"<table><tr><td><font>{PARA} cell {i}</font></td></tr></table>"
                   "<div><a href='/m'>Menu</a> <a href='/n'>News</a></div>" for i in range(3))
    doc = pc.parse(_page(body))
    assert "cell 0" in doc.text and "cell 1" in doc.text and "cell 2" in doc.text
    assert "Menu" not in doc.text


def test_hidden_and_wrapper_classes():
    body = ("<div class='field--label-hidden overflow-hidden'><p>" + PARA + " visible.</p></div>"
            "<span class='sr-only'>Skip to content</span><div style='display: none'>Popup text</div>"
            "<div class='has-sidebar'><p>" + PARA + " wrapped.</p></div>")
    doc = pc.parse(_page(body))
    assert "visible." in doc.text and "wrapped." in doc.text
    assert "Skip to content" not in doc.text and "Popup text" not in doc.text
    assert {r.reason for r in doc.removed if "Skip" in r.text or "Popup" in r.text} == {"hidden"}


def test_keep_boilerplate_keeps_every_line():
    doc = pc.parse(_article_page(), keep_boilerplate=True)
    assert "Politics" in doc.text and "I disagree" in doc.text and not doc.removed


# -- tokenizer (WHATWG rules; issue #21 item 7) --------------------------------------------

@pytest.mark.parametrize("comment", ["<!-->", "<!--->", "<!-- x --!>", "<!---->"])
def test_comments_end_as_in_browsers(comment):
    doc = pc.parse(_page(f"<p>Before the comment.{comment} Visible after it.</p>"))
    assert doc.text == "Before the comment. Visible after it."
    assert doc.repairs["html_unterminated"] == 0


def test_plaintext_keeps_everything_after_it():
    doc = pc.parse("<html><body><p>Intro line.</p><plaintext><b>Bold</b> &amp; the rest "
                   "of the page is text, markup and all.</p>")
    assert doc.text == "Intro line.\n\n<b>Bold</b> &amp; the rest of the page is text, markup and all.</p>"


def test_sniffing_looks_past_a_long_first_tag():
    page = ("<div data-config='" + "x" * 5000 + "'><script>var secret = 1;</script>"
            "<p>Real text of the page.</p></div>")
    doc = pc.parse(page)
    assert doc.is_html and doc.text == "Real text of the page." and "secret" not in doc.text
    assert not pc.parse("I <3 peace and a < b.").is_html


def test_all_named_character_references():
    doc = pc.parse(_page("<p>&Scaron;ef&ccedil;ovi&ccaron; &NotEqualTilde; &notit; &amp &copy 2024</p>"))
    assert doc.text == "Šefçovič \u2242\u0338 ¬it; & © 2024"


def test_charref_table_is_generated_from_the_whatwg_list():
    out = subprocess.run([sys.executable, str(ROOT / "scripts" / "gen_charrefs.py"), "--check"],
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stdout
    from html.entities import html5
    table = (ROOT / "csrc" / "lib" / "pc_charref_table.h").read_text()
    assert f"#define PC_CHARREF_COUNT {len(html5)}" in table and len(html5) == 2231


# -- linear time ---------------------------------------------------------------------------

def test_pathological_nesting_and_broken_markup():
    depth = 200_000
    doc = pc.parse("<div>" * depth + f"<p>{PARA}</p>" + "</div>" * depth)
    assert doc.text == PARA
    doc = pc.parse("<span><a>" * depth + "deep text" + "<table><td><li><p>" * 10_000)
    assert doc.text == "deep text"
    doc = pc.parse("<p class=\"" + "<a b=\"" * 100_000 + ">tail")
    assert doc.is_html
    doc = pc.parse("<div><p>x</div>" * 50_000)
    assert doc.text.count("x") == 50_000 or doc.n_sentences >= 1


def _cpu(fn) -> float:
    best = float("inf")
    for _ in range(3):
        t0 = time.process_time()
        fn()
        best = min(best, time.process_time() - t0)
    return best


@pytest.mark.timing
def test_extraction_is_linear_on_a_50_mb_page_and_deep_nesting():
    # Inputs four times apart: linear work takes ~4x, quadratic work ~16x.  The 8x bound
    # leaves room for a machine whose caches and memory bus are shared with other jobs
    # (CPU time still grows when a neighbour evicts our cache lines).
    block = _article_page()
    page = block * (48 * 1024 * 1024 // len(block) + 1)
    assert len(page) >= 48 * 1024 * 1024
    quarter = page[: len(page) // 4]
    t_full = _cpu(lambda: pc.parse(page, max_bytes=0))
    t_quarter = _cpu(lambda: pc.parse(quarter, max_bytes=0))
    assert t_full < 8.0 * t_quarter, (t_quarter, t_full)
    deep = lambda n: "<div><span class='a b c'>" * n + PARA + "</span></div>" * n  # noqa: E731
    small, big = deep(250_000), deep(1_000_000)
    t1 = _cpu(lambda: pc.parse(small))
    t4 = _cpu(lambda: pc.parse(big))
    assert t4 < 8.0 * t1, (t1, t4)


# -- metadata ------------------------------------------------------------------------------

JSONLD = """<script type="application/ld+json">{"@context": "https://schema.org", "@graph": [
  {"@type": "WebSite", "@id": "https://news.example/#site", "name": "Example News"},
  {"@type": ["NewsArticle"], "headline": "Talks resume in Washington",
   "datePublished": "2024-09-27T10:00:00+02:00", "dateModified": "2024-09-28T08:00:00Z",
   "author": [{"@id": "https://news.example/#/person/1"}, {"@type": "Person", "name": "John Doe"},
              {"@type": "Organization", "name": "Example News"}],
   "publisher": {"@type": "Organization", "name": "Example News"},
   "keywords": ["Armenia", "Azerbaijan"], "url": "https://news.example/a/1"},
  {"@type": "Person", "@id": "https://news.example/#/person/1", "name": "Jane Roe"}]}</script>"""


def _meta_page(head: str, body: str = "") -> str:
    paras = "".join(f"<p>{PARA} {i}</p>" for i in range(4))
    return f"<!doctype html><html lang='en'><head>{head}</head><body>{body}<article>{paras}</article></body></html>"


def test_jsonld_graph_article_with_referenced_and_nested_authors():
    head = ("<title>Talks resume in Washington | Example News</title>"
            "<meta property='og:title' content='Talks resume - Example News'>"
            "<link rel='canonical' href='https://news.example/a/1'>"
            "<meta name='description' content='Ministers meet again.'>" + JSONLD)
    doc = pc.parse(_meta_page(head))
    assert doc.title == "Talks resume in Washington"
    assert doc.author == "Jane Roe; John Doe"
    assert doc.published == "2024-09-27T10:00:00+02:00" and doc.updated == "2024-09-28T08:00:00+00:00"
    assert doc.site_name == "Example News" and doc.source == "Example News"
    assert doc.url == "https://news.example/a/1" and doc.description == "Ministers meet again."
    assert doc.tags == ["Armenia", "Azerbaijan"] and doc.language == "en"
    row = doc.to_dict()
    assert row["url"] == "https://news.example/a/1" and row["language"] == "en"


def test_opengraph_dublin_core_and_title_without_the_site_name():
    head = ("<title>Example News | Talks resume in Washington</title>"
            "<meta property='og:site_name' content='Example News'>"
            "<meta name='DC.creator' content='Jane Roe'>"
            "<meta name='dc.date' content='2024-09-27'>"
            "<meta name='keywords' content='peace, talks'>")
    doc = pc.parse(_meta_page(head))
    assert doc.title == "Talks resume in Washington"
    assert doc.author == "Jane Roe" and doc.published == "2024-09-27" and doc.tags == ["peace", "talks"]


def test_headline_h1_bylines_time_and_url_dates():
    head = "<title>Talks resume in Washington – Example</title><meta property='og:url' content='https://x.example/2019/08/02/talks/'>"
    body = ("<h1>Talks resume in Washington</h1>"
            "<p class='byline__author'>VON JANE ROE am 21. April 2020</p>")
    doc = pc.parse(_meta_page(head, body))
    assert doc.title == "Talks resume in Washington" and doc.author == "JANE ROE"
    assert doc.published == "2019-08-02"  # no date in the metadata: the URL's first
    no_url = "<title>Talks resume in Washington – Example</title>"
    doc = pc.parse(_meta_page(no_url, body))
    assert doc.published == "2020-04-21"  # then the date the byline shows
    doc = pc.parse(_meta_page(no_url, "<time datetime='2021-11-19T10:13:50+01:00'>19.11.2021</time>"
                                      "<div class='comments'><span class='author'>Reader</span></div>"))
    assert doc.published == "2021-11-19" and doc.author is None  # shown under the headline


def test_date_formats():
    from peacecorpus._meta import parse_datetime, url_date
    assert parse_datetime("Veröffentlicht am 3. März 2021") == "2021-03-03"
    assert parse_datetime("le 12 août 2019 à 10h") == "2019-08-12"
    assert parse_datetime("12 de agosto de 2019") == "2019-08-12"
    assert parse_datetime("2019-08-02T14:05:00Z") == "2019-08-02T14:05:00+00:00"
    assert parse_datetime("31.12.1899") is None and parse_datetime("99.99.2020") is None
    assert url_date("https://x.example/news/2020-01-14-title") == "2020-01-14"
    assert url_date("https://x.example/meldungen/29-10-2021") == "2021-10-29"
    assert url_date("https://web.archive.org/web/20131110121040/http://x.example/post/") is None
    assert parse_datetime("Apr 042013") == "2013-04-04" and parse_datetime("Version 102019") is None
    # two-digit years only where the page marks the text as a date
    assert parse_datetime("Kultur, 2.11.22") is None
    assert parse_datetime("Kultur, 2.11.22", short_year=True) == "2022-11-02"


def test_metadata_dates_that_disagree_are_settled_by_the_shown_date():
    # JSON-LD written days before the <meta> tags; the page shows the <meta> day
    ld = ('<script type="application/ld+json">{"@type": "NewsArticle", "headline": "H",'
          ' "datePublished": "2023-11-03T10:25:56+00:00"}</script>')
    meta = "<meta property='article:published_time' content='2023-11-06T14:25:00+00:00'>"
    shown = "<div class='post-date'>6. November 2023, 15:25 Uhr</div>"
    assert pc.parse(_meta_page(ld + meta, shown)).published == "2023-11-06T14:25:00+00:00"
    assert pc.parse(_meta_page(ld + meta)).published == "2023-11-03T10:25:56+00:00"  # trust order
    # the only candidate is contradicted by a <time> and a date text that agree
    both = "<div class='date'>Brasília 03/05/2022 21:44</div><time datetime='2022-05-03T21:44:52Z'>3 May</time>"
    ld = ld.replace("2023-11-03T10:25:56", "2022-05-04T00:44:52")
    assert pc.parse(_meta_page(ld, both)).published == "2022-05-03T21:44:52+00:00"


def test_metadata_dates_take_the_shown_day_across_a_time_zone_or_month_first():
    body = f"<article><h1>Talks</h1><p>{PARA}</p><p class='date'>5. November 2021</p></article>"
    utc = "<meta property='article:published_time' content='2021-11-04T23:00Z'>"
    assert str(pc.parse(_page(body, utc)).published)[:10] == "2021-11-05"
    far = "<meta property='article:published_time' content='2021-11-03T12:00Z'>"
    assert str(pc.parse(_page(body, far)).published)[:10] == "2021-11-03"
    us = "<meta name='date' content='11/05/2021 12:43:42'>"
    assert str(pc.parse(_page(body, us)).published)[:10] == "2021-11-05"
    # the <time> shown in the page's metadata line wins over a <meta> written days before
    shown = (f"<article><h1>Talks</h1><div class='meta'><time datetime='2022-01-25T08:00:00+01:00'>"
             f"25.01.2022</time></div><p>{PARA}</p></article>")
    early = "<meta property='article:published_time' content='2022-01-21T09:43+01:00'>"
    assert pc.parse(_page(shown, early)).published == "2022-01-25T08:00:00+01:00"


def test_shown_dates_without_metadata():
    def published(body: str) -> object:
        return pc.parse(_meta_page("<title>T</title>", body)).published
    assert published("<p class='date'>23.09.22</p>") == "2022-09-23"
    assert published("<p class='submitted'>Gespeichert von rasos am 24. Juli 2017 - 18:55</p>") == "2017-07-24"
    # a sentence that mentions a date is not the page's date; "last edited" is the last resort
    assert published("<h1>Stammtisch</h1><p>Der nächste Stammtisch findet am 5. Februar 2020 statt.</p>") is None
    assert published("<h1>Stammtisch</h1><p>Der nächste Stammtisch findet am 5. Februar 2020 statt.</p>"
                     "<footer>Diese Seite wurde zuletzt am 29. Januar 2020 um 13:22 Uhr geändert.</footer>"
                     ) == "2020-01-29"


_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def test_metadata_never_carries_control_or_bidi_characters():
    """Issue #21 item 4: a title with terminal escapes or bidi overrides."""
    hostile = "Peace\x1b]0;PWNED\x07\x1b[2J talks\u202e\u2066evil\u2069"
    page = (f"<html><head><title>{hostile}</title><meta name='author' content='Jane\x1b[31m Roe\u202e'>"
            f"<meta name='description' content='a\x00b\x85c'></head><body><p>{PARA}</p></body></html>")
    doc = pc.parse(page)
    for value in (doc.title, doc.author, doc.description, *doc.html_meta.values()):
        for ch in (value if isinstance(value, str) else "".join(value)):
            assert not (ord(ch) < 32 or 0x7F <= ord(ch) <= 0x9F or 0x202A <= ord(ch) <= 0x202E
                        or 0x2066 <= ord(ch) <= 0x2069), (value, hex(ord(ch)))
    assert doc.title == "Peace]0;PWNED[2J talksevil" and doc.author.startswith("Jane")


def test_languages_from_lang_attributes_and_text():
    german = "Die Gespräche wurden am Freitag fortgesetzt, und die Minister sagten, dass sie sich im Mai wieder treffen."
    assert pc.parse(f"<html lang='de-AT'><body><p>{german}</p></body></html>").language == "de"
    # the attribute says English, the text is German: the text wins
    assert pc.parse(f"<html lang='en'><body><p>{german}</p></body></html>").language == "de"
    assert pc.parse("<html lang='fr'><body><p>Oui.</p></body></html>").language == "fr"
    assert pc.parse("The talks resumed on Friday and the ministers said that they would meet again.").language == "en"


_EN = "The minister said that the talks were over and the sides would meet again in the spring."
_RU = "В Москве прошли переговоры, и министры заявили, что они снова встретятся в следующем месяце."
_FR = "Le ministre a dit que les négociations étaient terminées et que les deux parties se reverraient."


def test_english_only_stages_warn_and_the_language_filter(tmp_path):
    import warnings
    corpus = pc.Corpus.from_texts([_EN, _RU, _FR], ids=["en", "ru", "fr"])
    assert corpus.documents()["language"].tolist() == ["en", "ru", "fr"]
    with pytest.warns(pc.errors.LanguageWarning, match=r"2 of 3 documents are not in English \(ru 1, fr 1\)"):
        corpus.entities()
    with warnings.catch_warnings():  # once per corpus
        warnings.simplefilter("error")
        corpus.quotes()
        corpus.times()
    for kept in (pc.Corpus.from_texts([_EN, _RU, _FR], ids=["en", "ru", "fr"], language="en"),
                 pc.Corpus.from_texts([_EN, _RU, _FR], ids=["en", "ru", "fr"], language=["EN-gb"])):
        assert kept.doc_ids == ["en"]
        errors = kept.errors()
        assert errors["doc_id"].tolist() == ["ru", "fr"] and set(errors["reason"]) == {"language"}
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            kept.entities()
            kept.quotes()
    assert pc.Corpus.from_texts([_EN, _RU, "Kurz."], language=["en", "ru"]).doc_ids == ["0", "1", "2"]
    with pytest.raises(ValueError, match="ISO 639-1"):
        pc.Corpus.from_texts([_EN], language=[""])
    # files: pc.read, ingest (one warning for the whole ingest) and the CLI
    src = tmp_path / "src"
    src.mkdir()
    for name, text in (("en", _EN), ("ru", _RU), ("fr", _FR)):
        (src / f"{name}.txt").write_text(text, encoding="utf-8")
    assert pc.read(src, language="en").doc_ids == ["en"]
    with pytest.warns(pc.errors.LanguageWarning, match="2 of 3"):
        pc.ingest(src, tmp_path / "all.duckdb", progress=False)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        res = pc.ingest(src, tmp_path / "en.duckdb", progress=False, language="en")
    assert res.errors == 2 and pc.open(tmp_path / "en.duckdb").doc_ids == ["en"]
    out = subprocess.run([sys.executable, "-m", "peacecorpus", "analyze", str(src), "--no-db", "-q",
                          "--language", "en"], capture_output=True, text=True, cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert ": 1 documents from" in out.stdout, out.stdout


def test_stored_html_documents_keep_their_metadata(tmp_path):
    (tmp_path / "page.html").write_text(_meta_page("<title>T | Example News</title>" + JSONLD), encoding="utf-8")
    doc = list(pc.read_dir(tmp_path))[0]
    db = tmp_path / "c.duckdb"
    pc.ingest([tmp_path], db, progress=False)
    back = list(pc.open(db))[0]
    for attr in ("title", "author", "published", "url", "site_name", "tags", "language"):
        assert getattr(back, attr) == getattr(doc, attr), attr


# -- encodings -----------------------------------------------------------------------------

@pytest.mark.parametrize("encoding,declare", [
    ("koi8-r", "<meta charset='koi8-r'>"),
    ("cp1251", '<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">'),
    ("shift_jis", "<meta charset=Shift_JIS>"),
    ("gb18030", "<meta charset='gb2312'>"),
    ("cp1252", "<meta charset='iso-8859-1'>"),
    ("cp1250", "<meta charset='windows-1250'>"),
])
def test_declared_legacy_encodings(encoding, declare):
    text = {"koi8-r": "Переговоры в Москве", "cp1251": "Переговоры в Москве", "shift_jis": "東京で会議",
            "gb18030": "北京会议", "cp1252": "Café crème – «Šefcovic»", "cp1250": "Šefčovič řekl"}[encoding]
    page = f"<html><head>{declare}<title>t</title></head><body><p>{text}</p></body></html>".encode(encoding)
    assert pc.parse(page).text == text


def test_bom_and_undeclared_bytes():
    page = "<html><body><p>Šefčovič: «peace»</p></body></html>"
    assert pc.parse(b"\xff\xfe" + page.encode("utf-16-le")).text == "Šefčovič: «peace»"
    assert pc.parse(b"\xef\xbb\xbf" + page.encode()).text == "Šefčovič: «peace»"
    # says UTF-8, is Windows-1252 (no UTF-8 sequence at all): read as Windows-1252
    latin = "<html><head><meta charset=utf-8></head><body><p>Caf\xe9 cr\xe8me \u2013 fine</p></body></html>"
    assert pc.parse(latin.encode("cp1252")).text == "Café crème – fine"
    # plain-text bytes keep the engine's repair (counted)
    doc = pc.parse(b"ok \x80 fine")
    assert doc.text == "ok \ufffd fine" and doc.repairs["invalid_utf8"] == 1


# -- inputs a scraper writes: WARC, JSON Lines, CSV, Parquet (issue #13 item 4) -------------

def _warc_record(kind: str, uri: str, date: str, block: bytes, block_type: str) -> bytes:
    head = (f"WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: {date}\r\n"
            f"WARC-Record-ID: <urn:uuid:{abs(hash((uri, kind))):032x}>\r\n"
            f"Content-Type: {block_type}\r\nContent-Length: {len(block)}\r\n\r\n")
    return head.encode() + block + b"\r\n\r\n"


def _http(ctype: str, body: bytes, status: str = "200 OK") -> bytes:
    return f"HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\n\r\n".encode() + body


def _write_warc(path, gzipped: bool) -> None:
    import gzip
    page_ru = ("<html><head><title>Переговоры | Вести</title></head><body><article>"
               "<p>Переговоры в Москве продолжились, министры встретились снова и обсудили мир.</p>"
               "<p>Стороны договорились встретиться ещё раз в следующем месяце.</p></article></body></html>")
    page_en = _meta_page("<title>Talks resume | Example News</title>").encode()
    records = [
        _warc_record("warcinfo", "", "2024-09-27T09:00:00Z", b"software: test\r\n", "application/warc-fields"),
        _warc_record("request", "https://news.example/a", "2024-09-27T10:00:00Z",
                     b"GET /a HTTP/1.1\r\nHost: news.example\r\n\r\n", "application/http; msgtype=request"),
        _warc_record("response", "https://news.example/a", "2024-09-27T10:00:01Z",
                     _http("text/html; charset=utf-8", page_en), "application/http; msgtype=response"),
        _warc_record("response", "https://news.example/logo.png", "2024-09-27T10:00:02Z",
                     _http("image/png", b"\x89PNG\r\n\x1a\n" + bytes(64)), "application/http; msgtype=response"),
        _warc_record("response", "https://news.example/gone", "2024-09-27T10:00:03Z",
                     _http("text/html", b"<p>Not found</p>", "404 Not Found"), "application/http; msgtype=response"),
        _warc_record("response", "https://vesti.example/ru", "2024-09-27T10:00:04Z",
                     _http("text/html; charset=koi8-r", page_ru.encode("koi8-r")),
                     "application/http; msgtype=response"),
    ]
    data = b"".join(gzip.compress(r) for r in records) if gzipped else b"".join(records)
    path.write_bytes(data)


def _jsonl_rows():
    return [
        {"id": "bbc-1", "text": f"{PARA} First.", "url": "https://bbc.example/1", "date": "2005-03-01",
         "category": "politics"},
        {"id": "bbc-2", "text": f"{PARA} Second.", "url": "https://bbc.example/2", "date": "2005-03-02",
         "category": "business"},
        {"id": "bbc-3", "html": _meta_page("<title>Third | BBC</title>"), "category": "tech"},
    ]


@pytest.mark.parametrize("gzipped", [False, True])
def test_warc_response_records_become_documents(tmp_path, gzipped):
    pytest.importorskip("fastwarc")
    path = tmp_path / ("crawl.warc.gz" if gzipped else "crawl.warc")
    _write_warc(path, gzipped)
    corpus = pc.read(path)
    assert corpus.doc_ids == ["crawl/1", "crawl/2"]  # the image and the 404 are not articles
    docs = corpus.documents()
    assert docs["url"].tolist() == ["https://news.example/a", "https://vesti.example/ru"]
    assert docs["fetched"].tolist() == ["2024-09-27T10:00:01+00:00", "2024-09-27T10:00:04+00:00"]
    assert docs["language"].tolist() == ["en", "ru"]
    ru = corpus["crawl/2"]
    assert "Переговоры в Москве продолжились" in ru.text and ru.title == "Переговоры"  # koi8-r from the HTTP header
    assert ru.extra["encoding"] == "koi8-r"


def _write_records(tmp_path):
    import json as _json
    import pandas as pd
    rows = _jsonl_rows()
    (tmp_path / "bbc.jsonl").write_text("\n".join(_json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    flat = [dict(r, text=r.get("text") or r.get("html")) for r in rows]
    for r in flat:
        r.pop("html", None)
    pd.DataFrame(flat).to_csv(tmp_path / "bbc_csv.csv", index=False)
    pd.DataFrame(flat).to_parquet(tmp_path / "bbc_parquet.parquet", index=False)


def test_jsonl_csv_parquet_give_one_document_per_record(tmp_path):
    _write_records(tmp_path)
    corpus = pc.read(tmp_path)
    ids = corpus.doc_ids
    for stem in ("bbc", "bbc_csv", "bbc_parquet"):
        assert [i for i in ids if i.startswith(stem + "/")] == [f"{stem}/bbc-1", f"{stem}/bbc-2", f"{stem}/bbc-3"]
    docs = corpus.documents().set_index("doc_id")
    for stem in ("bbc", "bbc_csv", "bbc_parquet"):
        row = docs.loc[f"{stem}/bbc-1"]
        assert row["url"] == "https://bbc.example/1" and row["category"] == "politics"
        assert str(row["published"].date()) == "2005-03-01"  # datetime64[ns, UTC] in the table
        assert docs.loc[f"{stem}/bbc-3", "title"] == "Third"   # the HTML record's own metadata
    assert str(docs["published"].dtype) == "datetime64[ns, UTC]"
    assert corpus.errors().empty


def test_bad_records_are_error_rows_not_exceptions(tmp_path):
    (tmp_path / "mixed.jsonl").write_text(
        '{"id": 1, "text": "A fine article. It has two sentences."}\nnot json\n[1, 2]\n'
        '{"id": 1, "text": "A duplicate id."}\n{"id": 5, "title": "no text here"}\n', encoding="utf-8")
    corpus = pc.read(tmp_path / "mixed.jsonl")
    assert corpus.doc_ids == ["mixed/1"]
    errs = corpus.errors()
    assert sorted(errs["reason"]) == ["bad_record", "bad_record", "duplicate_id", "missing_text"]
    assert errs["doc_id"].tolist() == ["mixed/2", "mixed/3", "mixed/1", "mixed/5"]


def test_named_text_and_id_columns(tmp_path):
    import pandas as pd
    pd.DataFrame({"article_key": ["x", "y"], "body_html": [f"<p>{PARA} x</p>", f"<p>{PARA} y</p>"],
                  "content": ["not this", "nor this"]}).to_csv(tmp_path / "n.csv", index=False)
    corpus = pc.read(tmp_path / "n.csv", text="body_html", id="article_key")
    assert corpus.doc_ids == ["n/x", "n/y"] and corpus["n/x"].text.endswith(" x")


def test_records_through_ingest_duckdb_and_the_cli(tmp_path):
    import duckdb
    pytest.importorskip("fastwarc")
    src = tmp_path / "in"
    src.mkdir()
    _write_records(src)
    _write_warc(src / "crawl.warc.gz", True)
    db = tmp_path / "c.duckdb"
    res = pc.ingest([src], db, progress=False)
    assert res.errors == 0
    con = duckdb.connect(str(db), read_only=True)
    rows = dict(con.execute("SELECT doc_id, url FROM documents").fetchall())
    pub = dict(con.execute("SELECT doc_id, published FROM documents").fetchall())
    types = dict(con.execute("SELECT column_name, data_type FROM information_schema.columns "
                             "WHERE table_name = 'documents'").fetchall())
    con.close()
    assert rows["bbc/bbc-2"] == "https://bbc.example/2" and rows["crawl/1"] == "https://news.example/a"
    assert str(pub["bbc_csv/bbc-1"].date()) == "2005-03-01" and types["published"] == "TIMESTAMP WITH TIME ZONE"
    assert len(rows) == 3 * 3 + 2
    # unchanged files are skipped; a changed file replaces all its records
    assert pc.ingest([src], db, progress=False).unchanged == 4
    (src / "bbc.jsonl").write_text('{"id": "only", "text": "One record now. Really."}\n', encoding="utf-8")
    res = pc.ingest([src], db, progress=False)
    assert res.unchanged == 3
    ids = pc.open(db).doc_ids
    assert "bbc/only" in ids and "bbc/bbc-1" not in ids and "bbc_csv/bbc-1" in ids
    # the CLI reads a .jsonl file as many documents, not one
    out = subprocess.run([sys.executable, "-m", "peacecorpus", "analyze", str(src / "bbc_csv.csv"),
                          "--no-db"], capture_output=True, text=True, cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert "3 documents" in out.stdout and "bbc_csv/bbc-2" in out.stdout


# -- the real pages --------------------------------------------------------------------------

def test_every_evaluation_page_parses(eval_path):
    """Every page of ../shared/eval/web parses, with consistent offsets and clean
    metadata; tests/run_asan_pytest.sh runs this under ASan+UBSan (issue #13)."""
    import gzip
    import json as _json
    pages = sorted((eval_path / "web" / "pages").glob("*.html.gz"))
    if not pages:
        pytest.skip("no web pages in the evaluation data")
    assert len(pages) == len(_json.loads((eval_path / "web" / "evaldata.json").read_text()))
    for path in pages:
        doc = pc.parse(gzip.decompress(path.read_bytes()))
        assert doc.is_html, path.name
        for s in doc.sentences[:50]:
            assert doc.text[s.start:s.end] == s.text
        for value in (doc.title, doc.author, doc.description, doc.site_name):
            assert value is None or not _UNSAFE.search(value), (path.name, value)
