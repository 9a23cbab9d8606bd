/* test_html.c - the HTML scanner: text, hints, entities, metadata, robustness. */
#include "failloop.h"
#include "pc_html.h"
#include "pc_meta.h"

static void S_html(const char *in, size_t n, pc_html_result *res)
{
    memset(res, 0, sizeof *res);
    CHECK_EQ_INT(pc_html_to_text(pc_mem_default(), in, n, res), PC_OK);
}

static void S_text_case(const char *in, const char *expect)
{
    pc_html_result res;
    S_html(in, strlen(in), &res);
    CHECK_EQ_STRN(res.text.data ? res.text.data : "", res.text.len, expect);
    pc_html_result_free(pc_mem_default(), &res);
}

/* the text of the first hint of `kind`, or "" */
static const char *S_hint_text(const pc_html_result *r, int kind, size_t *len)
{
    size_t i;
    for (i = 0; i < r->nhints; i++)
        if (r->hints[i].kind == kind) {
            *len = r->hints[i].end - r->hints[i].start;
            return r->text.data + r->hints[i].start;
        }
    *len = 0;
    return "";
}

/* The drop hint kind that covers the whole line `line` of the text, 0 if
 * none, -1 if there is no such line. */
static int S_line_drop(const pc_html_result *r, const char *line)
{
    size_t ln = strlen(line), i = 0, k;
    while (i < r->text.len) {
        size_t e = i;
        while (e < r->text.len && r->text.data[e] != '\n')
            e++;
        if (e - i == ln && memcmp(r->text.data + i, line, ln) == 0) {
            for (k = 0; k < r->nhints; k++)
                if (PC_HINT_IS_DROP(r->hints[k].kind) && r->hints[k].start <= i &&
                    r->hints[k].end >= e)
                    return r->hints[k].kind;
            return 0;
        }
        i = e + 1;
    }
    return -1;
}

static const char *S_meta(const pc_html_result *r, int key, size_t *len)
{
    size_t i;
    for (i = 0; i < r->nmeta; i++)
        if (r->meta[i].key == key) {
            *len = r->meta[i].end - r->meta[i].start;
            return r->metabuf.data + r->meta[i].start;
        }
    *len = 0;
    return "";
}

static void test_blocks_and_spaces(void)
{
    S_text_case("<p>One  two\n three</p><p>Four</p>", "One two three\nFour\n");
    S_text_case("<div>a<br>b</div>c<span>d</span> <b>e</b>", "a\nb\ncd e");
    S_text_case("", "");
    S_text_case("no tags at all", "no tags at all");
    /* line breaks in <pre> are kept; other white space still collapses */
    S_text_case("<pre>x\n  y</pre>", "x\ny\n");
    /* a literal '<' that does not start a tag stays text */
    S_text_case("<p>a < b and 3<4</p>", "a < b and 3<4\n");
}

static void test_dropped(void)
{
    pc_html_result res;
    const char *in = "<p>Keep</p><script>var s = \"<p>no</p>\";</script><style>p{}</style>"
                     "<!-- hidden --><template><p>t</p></template><p>Also</p>";
    S_html(in, strlen(in), &res);
    CHECK_EQ_STRN(res.text.data, res.text.len, "Keep\nAlso\n");
    /* script body 20 + style 3 + comment 15 + template 8 */
    CHECK_EQ_INT(res.dropped_bytes, 20 + 3 + 15 + 8);
    CHECK_EQ_INT(res.unterminated, 0);
    pc_html_result_free(pc_mem_default(), &res);
    /* "</script" only counts as the end tag when followed by a delimiter */
    S_text_case("<script>a</scripty>b</script><p>c</p>", "c\n");
    S_text_case("<SCRIPT>x</Script >y", "y");
}

static void test_unterminated(void)
{
    pc_html_result res;
    const char *c = "<p>before</p><!-- never closed <p>lost</p>";
    const char *s = "<p>before</p><script>while (1) { </p>";
    S_html(c, strlen(c), &res);
    CHECK_EQ_STRN(res.text.data, res.text.len, "before\n");
    CHECK_EQ_INT(res.unterminated, 1);
    CHECK_EQ_INT(res.dropped_bytes, strlen(c) - 13);
    pc_html_result_free(pc_mem_default(), &res);
    S_html(s, strlen(s), &res);
    CHECK_EQ_STRN(res.text.data, res.text.len, "before\n");
    CHECK_EQ_INT(res.unterminated, 1);
    pc_html_result_free(pc_mem_default(), &res);
    /* WHATWG: "<!-->" and "<!--->" are whole (empty) comments, "--!>" ends one */
    S_html("x<!--->y", 8, &res);
    CHECK_EQ_INT(res.unterminated, 0);
    CHECK_EQ_STRN(res.text.data, res.text.len, "xy");
    pc_html_result_free(pc_mem_default(), &res);
    S_text_case("a<!-->b", "ab");
    S_text_case("a<!-- c --!>b", "ab");
    S_text_case("a<!-- c -- d -->b", "ab");
    S_text_case("a<!-- <!-- c -->b", "ab");
    /* everything after <plaintext> is text, markup included, no references */
    S_text_case("<p>a</p><plaintext><b>x</b> &amp;", "a\n<b>x</b> &amp;\n");
    /* a comment cut right after its opener, and a bare "<!" */
    S_text_case("a<!--", "a");
    S_text_case("a<!", "a");
    S_text_case("a<", "a<");
}

static void test_chrome_hints(void)
{
    pc_html_result res;
    size_t n;
    const char *t;
    const char *in = "<header>Site</header><nav><a>Home</a> <a>World</a></nav>"
                     "<article><header><h1>Big news</h1></header><p>Body text.</p>"
                     "<h2>Part two</h2><figure><figcaption>A photo</figcaption></figure>"
                     "<div class=\"social-share\">Share</div><p>More.</p></article>"
                     "<footer>Copyright</footer>";
    S_html(in, strlen(in), &res);
    CHECK_EQ_STRN(res.text.data, res.text.len,
                  "Site\nHome World\nBig news\nBody text.\nPart two\nA photo\nShare\nMore.\nCopyright\n");
    /* the article's first <h1> is its headline: set aside for Document.title */
    CHECK_EQ_INT(S_line_drop(&res, "Big news"), PC_HINT_HEADLINE);
    t = S_hint_text(&res, PC_HINT_HEADING, &n);
    CHECK_EQ_STRN(t, n, "Part two\n");
    t = S_hint_text(&res, PC_HINT_CAPTION, &n);
    CHECK_EQ_STRN(t, n, "A photo\n");
    /* dropped lines: the page header, nav, the share div and the footer */
    CHECK_EQ_INT(S_line_drop(&res, "Site"), PC_HINT_CHROME);
    CHECK_EQ_INT(S_line_drop(&res, "Home World"), PC_HINT_CHROME);
    CHECK_EQ_INT(S_line_drop(&res, "Share"), PC_HINT_CHROME);
    CHECK_EQ_INT(S_line_drop(&res, "Copyright"), PC_HINT_CHROME);
    CHECK_EQ_INT(S_line_drop(&res, "Body text."), 0);
    CHECK_EQ_INT(S_line_drop(&res, "More."), 0);
    pc_html_result_free(pc_mem_default(), &res);
}

static void test_entities(void)
{
    S_text_case("<p>&amp; &lt;b&gt; &quot;q&quot; &rsquo;s &mdash; caf&eacute;</p>",
                "& <b> \"q\" \xE2\x80\x99s \xE2\x80\x94 caf\xC3\xA9\n");
    /* numeric: NUL, beyond U+10FFFF and surrogates become U+FFFD */
    S_text_case("&#0;|&#x110000;|&#xD800;|&#xdfff;|&#99999999999999999999;",
                "\xEF\xBF\xBD|\xEF\xBF\xBD|\xEF\xBF\xBD|\xEF\xBF\xBD|\xEF\xBF\xBD");
    /* C1 references go through Windows-1252: &#150; is an en dash; &#x81; has
     * no Windows-1252 character and stays U+0081 (the cleaner removes controls) */
    S_text_case("&#150;&#147;&#x81;", "\xE2\x80\x93\xE2\x80\x9C\xC2\x81");
    S_text_case("&#65;&#x42;&#X43;&#x1F600;", "ABC\xF0\x9F\x98\x80");
    /* the semicolon is optional for numeric references and for the 106 legacy
     * names, as browsers decode them; the longest name wins */
    S_text_case("&#65 x &amp y &ampz; &unknown; &; &#; &#x; & end &",
                "A x & y &z; &unknown; &; &#; &#x; & end &");
    S_text_case("&notit; &notin; &copy2020 &Scaron;ef&ccedil;ovi&ccaron;",
                "\xC2\xACit; \xE2\x88\x89 \xC2\xA9" "2020 \xC5\xA0" "ef\xC3\xA7ovi\xC4\x8D");
    /* two code points, and the longest name (32 bytes) */
    S_text_case("&NotEqualTilde;&CounterClockwiseContourIntegral;",
                "\xE2\x89\x82\xCC\xB8\xE2\x88\xB3");
    /* references inside attributes are decoded in metadata, not text */
    S_text_case("<a title=\"&amp;\">t</a>", "t");
}

static void test_attributes(void)
{
    pc_html_result res;
    size_t n;
    const char *t;
    /* '>' inside a quoted attribute does not end the tag */
    S_text_case("<div data-x=\"a>b\" class='c>d'>inside</div>", "inside\n");
    /* a stray quote: the tag ends at the first '>' rather than eating the page */
    S_text_case("<p class=\"x>Text one</p><p>Text two</p>", "Text one\nText two\n");
    S_text_case("<a href=x\">Link</a> after", "Link after");
    /* class words make chrome also on unquoted values */
    {
        const char *in = "<div id=sidebar>Side</div><p>Main</p>";
        S_html(in, strlen(in), &res);
        t = S_hint_text(&res, PC_HINT_CHROME, &n);
        CHECK_EQ_STRN(t, n, "Side\n");
        pc_html_result_free(pc_mem_default(), &res);
    }
}

static void test_meta(void)
{
    pc_html_result res;
    size_t n;
    const char *t;
    const char *in =
        "<html><head><title> Peace  talks &amp; more </title>"
        "<meta name=\"author\" content=\"Jane Doe\">"
        "<meta name=\"author\" content=\"Second Author\">"
        "<meta property=\"article:published_time\" content=\"2024-05-01T10:00:00Z\" />"
        "<meta content=\"News Line\" property=\"og:site_name\">"
        "<meta name=description content='Talks &quot;resume&quot;'>"
        "<meta name=\"viewport\" content=\"width=device-width\">"
        "<meta property=\"og:title\" content=\"\">"
        "</head><body><p>x</p></body></html>";
    S_html(in, strlen(in), &res);
    t = S_meta(&res, PC_META_TITLE, &n);
    CHECK_EQ_STRN(t, n, "Peace talks & more");
    t = S_meta(&res, PC_META_AUTHOR, &n);
    CHECK_EQ_STRN(t, n, "Jane Doe"); /* the first value wins */
    t = S_meta(&res, PC_META_PUBLISHED, &n);
    CHECK_EQ_STRN(t, n, "2024-05-01T10:00:00Z");
    t = S_meta(&res, PC_META_SITE, &n);
    CHECK_EQ_STRN(t, n, "News Line");
    t = S_meta(&res, PC_META_DESCRIPTION, &n);
    CHECK_EQ_STRN(t, n, "Talks \"resume\"");
    CHECK_EQ_INT(res.nmeta, 5); /* viewport ignored, empty og:title not stored */
    CHECK_EQ_STRN(res.text.data, res.text.len, "x\n");
    pc_html_result_free(pc_mem_default(), &res);
}

static void test_deep_nesting(void)
{
    /* 10^5 nested divs: linear, bounded stack, text kept */
    size_t depth = 100000, i, n;
    char *in = (char *)malloc(depth * 11 + 16), *p;
    pc_html_result res;
    if (!in) {
        CHECK(0);
        return;
    }
    p = in;
    for (i = 0; i < depth; i++) {
        memcpy(p, "<div>", 5);
        p += 5;
    }
    memcpy(p, "deep", 4);
    p += 4;
    for (i = 0; i < depth; i++) {
        memcpy(p, "</div>", 6);
        p += 6;
    }
    memcpy(p, "<p>after</p>", 12);
    p += 12;
    n = (size_t)(p - in);
    S_html(in, n, &res);
    CHECK_EQ_STRN(res.text.data, res.text.len, "deep\nafter\n");
    pc_html_result_free(pc_mem_default(), &res);
    /* the same with chrome elements: hints stay balanced */
    p = in;
    for (i = 0; i < depth; i++) {
        memcpy(p, "<nav>", 5);
        p += 5;
    }
    memcpy(p, "x", 1);
    p += 1;
    n = (size_t)(p - in);
    S_html(in, n, &res);
    CHECK_EQ_STRN(res.text.data, res.text.len, "x\n");
    CHECK_EQ_INT(res.nhints, 1);
    CHECK_EQ_INT(res.hints[0].kind, PC_HINT_CHROME);
    pc_html_result_free(pc_mem_default(), &res);
    free(in);
}

static void test_sniff(void)
{
    CHECK(pc_html_sniff("<html><body>x", 13));
    CHECK(pc_html_sniff("<p>a</p>", 8));
    CHECK(!pc_html_sniff("a < b and c > d", 15));
    CHECK(!pc_html_sniff("<3 love", 7));
    CHECK(!pc_html_sniff("", 0));
    /* a page is a page from its first tag (MIME sniffing), however long it is */
    CHECK(pc_html_sniff("<p>", 3));
    CHECK(pc_html_sniff("\xEF\xBB\xBF  <!DOCTYPE html>", 20));
    /* XHTML: an XML declaration, then HTML */
    CHECK(pc_html_sniff("<?xml version=\"1.0\"?><!DOCTYPE html><html><body><p>x</p>", 55));
    CHECK(!pc_html_sniff("<?xml version=\"1.0\"?><feed><entry>x</entry></feed>", 51));
    {
        size_t n = 6000, i;
        char *in = (char *)malloc(n + 64);
        if (!in) {
            CHECK(0);
            return;
        }
        memcpy(in, "<div data-x=\"", 13);
        for (i = 13; i < n; i++)
            in[i] = 'a';
        memcpy(in + n, "\"><script>x</script><p>text</p></div>", 37);
        CHECK(pc_html_sniff(in, n + 37));
        /* text first, tags after 4 KiB */
        for (i = 0; i < n; i++)
            in[i] = i % 7 ? 'w' : ' ';
        memcpy(in + n, "<p>a</p><div>b</div>", 20);
        CHECK(pc_html_sniff(in, n + 20));
        free(in);
    }
}

static int S_fl_html(const pc_mem *mem, void *arg)
{
    const char *in = (const char *)arg;
    pc_html_result res;
    int rc;
    memset(&res, 0, sizeof res);
    rc = pc_html_to_text(mem, in, strlen(in), &res);
    pc_html_result_free(mem, &res);
    return rc;
}

static void test_enomem(void)
{
    static const char in[] =
        "<html><head><title>T &amp; t</title><meta name=author content=\"A B\">"
        "<meta name=date content=2024></head><body><nav>N</nav><h1>Head</h1>"
        "<p>Text &mdash; more text that is long enough to need the buffer to grow once or "
        "twice while it is scanned</p><h2>Sub</h2><figcaption>Cap</figcaption>"
        "<div class=related>R</div><p>End</p></body></html>";
    CHECK(pc_failloop("pc_html_to_text", S_fl_html, (void *)in) >= 5);
}

int main(void)
{
    RUN(test_blocks_and_spaces);
    RUN(test_dropped);
    RUN(test_unterminated);
    RUN(test_chrome_hints);
    RUN(test_entities);
    RUN(test_attributes);
    RUN(test_meta);
    RUN(test_deep_nesting);
    RUN(test_sniff);
    RUN(test_enomem);
    return pc_test_summary("test_html");
}
