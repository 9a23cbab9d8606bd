/* test_doc.c - the whole pipeline (pc_doc_parse): modes, limits, bad input. */
#include "failloop.h"
#include "pc_doc.h"

static int S_parse(const char *in, size_t n, int mode, int flags, size_t max, pc_doc *doc)
{
    pc_doc_opts o;
    o.mode = mode;
    o.clean_flags = flags;
    o.max_bytes = max;
    return pc_doc_parse(pc_mem_default(), in, n, &o, doc);
}

static void test_empty(void)
{
    pc_doc doc;
    CHECK_EQ_INT(S_parse("", 0, PC_MODE_AUTO, 0, 0, &doc), PC_OK);
    CHECK(doc.clean.text.data != NULL);
    CHECK_EQ_INT(doc.clean.text.len, 0);
    CHECK_EQ_INT(doc.clean.npara, 0);
    CHECK_EQ_INT(doc.seg.ntok, 0);
    CHECK_EQ_INT(doc.seg.nsent, 0);
    CHECK_EQ_INT(doc.is_html, 0);
    pc_doc_free(pc_mem_default(), &doc);
    /* NULL with length 0 is an empty document, NULL with a length is an error */
    CHECK_EQ_INT(S_parse(NULL, 0, PC_MODE_TEXT, 0, 0, &doc), PC_OK);
    CHECK_EQ_INT(doc.clean.text.len, 0);
    pc_doc_free(pc_mem_default(), &doc);
    CHECK_EQ_INT(S_parse(NULL, 3, PC_MODE_TEXT, 0, 0, &doc), PC_EINVAL);
    /* empty HTML */
    CHECK_EQ_INT(S_parse("", 0, PC_MODE_HTML, 0, 0, &doc), PC_OK);
    CHECK_EQ_INT(doc.is_html, 1);
    CHECK_EQ_INT(doc.clean.text.len, 0);
    pc_doc_free(pc_mem_default(), &doc);
}

static void test_whitespace_only(void)
{
    pc_doc doc;
    const char *ws = " \t\r\n\n\xC2\xA0\xE2\x80\x83\xE2\x80\xA8\x0B\x0C \xE2\x80\x8B ";
    CHECK_EQ_INT(S_parse(ws, strlen(ws), PC_MODE_AUTO, 0, 0, &doc), PC_OK);
    CHECK_EQ_INT(doc.clean.text.len, 0);
    CHECK_EQ_INT(doc.clean.npara, 0);
    CHECK_EQ_INT(doc.seg.ntok, 0);
    CHECK_EQ_INT(doc.clean.stats.invisible, 1);
    pc_doc_free(pc_mem_default(), &doc);
    CHECK_EQ_INT(S_parse("<p> </p><div>&nbsp;</div>", 25, PC_MODE_AUTO, 0, 0, &doc), PC_OK);
    CHECK_EQ_INT(doc.is_html, 1);
    CHECK_EQ_INT(doc.clean.text.len, 0);
    pc_doc_free(pc_mem_default(), &doc);
}

static void test_nul_and_invalid(void)
{
    pc_doc doc;
    static const char in[] = "Talks\0resume.\0\0 Both \xC3 sides \xED\xA0\x80 agree.";
    CHECK_EQ_INT(S_parse(in, sizeof in - 1, PC_MODE_TEXT, 0, 0, &doc), PC_OK);
    CHECK_EQ_INT(doc.clean.stats.nul, 3);
    CHECK_EQ_INT(doc.clean.stats.invalid, 4);
    CHECK_EQ_STRN(doc.clean.text.data, doc.clean.text.len,
                  "Talks\xEF\xBF\xBDresume.\xEF\xBF\xBD\xEF\xBF\xBD Both \xEF\xBF\xBD sides "
                  "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD agree.");
    CHECK(memchr(doc.clean.text.data, 0, doc.clean.text.len) == NULL);
    pc_doc_free(pc_mem_default(), &doc);
    /* only NUL bytes */
    CHECK_EQ_INT(S_parse("\0\0\0\0", 4, PC_MODE_AUTO, 0, 0, &doc), PC_OK);
    CHECK_EQ_INT(doc.clean.stats.nul, 4);
    CHECK_EQ_INT(doc.seg.ntok, 4); /* one symbol token per U+FFFD */
    pc_doc_free(pc_mem_default(), &doc);
}

static void test_modes_and_limits(void)
{
    pc_doc doc;
    const char *html = "<html><head><title>T</title><meta name=author content=\"A\"></head>"
                       "<body><nav>Home</nav><h1>Talks resume</h1><p>Mr. X met Dr. Yan. They spoke.</p>"
                       "<script>x()</script></body></html>";
    CHECK_EQ_INT(S_parse(html, strlen(html), PC_MODE_AUTO, 0, 0, &doc), PC_OK);
    CHECK_EQ_INT(doc.is_html, 1);
    /* the article's <h1> is its title (metadata), removed as 'headline'; the nav as html_chrome */
    CHECK_EQ_STRN(doc.clean.text.data, doc.clean.text.len, "Mr. X met Dr. Yan. They spoke.");
    CHECK_EQ_INT(doc.seg.nsent, 2);
    CHECK_EQ_INT(doc.clean.nremoved, 2);
    if (doc.clean.nremoved == 2)
        CHECK_EQ_INT(doc.clean.removed[1].reason, PC_RM_HEADLINE);
    CHECK_EQ_INT(doc.html.nmeta, 3); /* title, author and the first <h1> */
    CHECK_EQ_INT(doc.html.dropped_bytes, 4); /* <title> body "T" and the script "x()" */
    CHECK(doc.html.text.data == NULL); /* released after cleaning */
    pc_doc_free(pc_mem_default(), &doc);
    /* the same bytes as text keep the tags */
    CHECK_EQ_INT(S_parse(html, strlen(html), PC_MODE_TEXT, 0, 0, &doc), PC_OK);
    CHECK_EQ_INT(doc.is_html, 0);
    CHECK(doc.clean.text.len > 100);
    pc_doc_free(pc_mem_default(), &doc);
    /* limits and bad arguments */
    CHECK_EQ_INT(S_parse("12345", 5, PC_MODE_TEXT, 0, 4, &doc), PC_ETOOBIG);
    pc_doc_free(pc_mem_default(), &doc);
    CHECK_EQ_INT(S_parse("1234", 4, PC_MODE_TEXT, 0, 4, &doc), PC_OK);
    pc_doc_free(pc_mem_default(), &doc);
    CHECK_EQ_INT(S_parse("x", 1, 7, 0, 0, &doc), PC_EINVAL);
    pc_doc_free(pc_mem_default(), &doc);
    CHECK_EQ_INT(S_parse("x", 1, -1, 0, 0, &doc), PC_EINVAL);
    pc_doc_free(pc_mem_default(), &doc);
    {
        pc_doc_opts o = {0, 0, 0};
        CHECK_EQ_INT(pc_doc_parse(NULL, "x", 1, &o, &doc), PC_EINVAL);
        CHECK_EQ_INT(pc_doc_parse(pc_mem_default(), "x", 1, NULL, &doc), PC_EINVAL);
        CHECK_EQ_INT(pc_doc_parse(pc_mem_default(), "x", 1, &o, NULL), PC_EINVAL);
    }
    CHECK(strlen(pc_errmsg(PC_ETOOBIG)) > 0 && strcmp(pc_errmsg(12345), "unknown error") == 0);
}

static void test_pathological(void)
{
    /* 10^6 quotes and parentheses through the whole pipeline */
    size_t n = 1000000;
    char *s = (char *)malloc(n);
    pc_doc doc;
    if (!s) {
        CHECK(0);
        return;
    }
    memset(s, '"', n);
    CHECK_EQ_INT(S_parse(s, n, PC_MODE_AUTO, 0, 0, &doc), PC_OK);
    CHECK_EQ_INT(doc.seg.ntok, n);
    CHECK_EQ_INT(doc.seg.nsent, 1);
    pc_doc_free(pc_mem_default(), &doc);
    memset(s, '(', n);
    CHECK_EQ_INT(S_parse(s, n, PC_MODE_HTML, 0, 0, &doc), PC_OK);
    CHECK_EQ_INT(doc.seg.ntok, n);
    pc_doc_free(pc_mem_default(), &doc);
    memset(s, '<', n);
    CHECK_EQ_INT(S_parse(s, n, PC_MODE_HTML, 0, 0, &doc), PC_OK);
    CHECK_EQ_INT(doc.clean.text.len, n);
    pc_doc_free(pc_mem_default(), &doc);
    free(s);
}

typedef struct {
    const char *in;
    size_t n;
    int mode, flags;
} S_fl_arg;

static int S_fl_doc(const pc_mem *mem, void *arg)
{
    S_fl_arg *a = (S_fl_arg *)arg;
    pc_doc_opts o;
    pc_doc doc;
    int rc;
    o.mode = a->mode;
    o.clean_flags = a->flags;
    o.max_bytes = 0;
    rc = pc_doc_parse(mem, a->in, a->n, &o, &doc);
    pc_doc_free(mem, &doc);
    return rc;
}

static void test_enomem(void)
{
    static const char html[] =
        "<html><head><title>Talks &amp; more</title><meta name=author content=\"Jane Doe\">"
        "</head><body><nav>Home</nav><h1>Talks resume</h1><p>Mr. X met Dr. Y. They spoke "
        "about the U.S. plan.</p><h2>Border</h2><p>Share this article</p><figcaption>Cap "
        "(AFP)</figcaption><p>End \xC3\x83\xC2\xA9.</p></body></html>";
    static const char text[] = "Talks resume\nBy Jane Doe\nMr. X met Dr. Y.\0 They spoke \xC3 on.\n"
                               "Share this article\nThe end. Continue reading at the site\n";
    S_fl_arg a1 = {html, sizeof html - 1, PC_MODE_AUTO, 0};
    S_fl_arg a2 = {text, sizeof text - 1, PC_MODE_TEXT, 0};
    S_fl_arg a3 = {text, sizeof text - 1, PC_MODE_HTML, PC_CLEAN_KEEP_BOILERPLATE};
    S_fl_arg a4 = {"", 0, PC_MODE_AUTO, 0};
    CHECK(pc_failloop("pc_doc_parse html", S_fl_doc, &a1) >= 10);
    CHECK(pc_failloop("pc_doc_parse text", S_fl_doc, &a2) >= 10);
    CHECK(pc_failloop("pc_doc_parse text-as-html", S_fl_doc, &a3) >= 10);
    CHECK(pc_failloop("pc_doc_parse empty", S_fl_doc, &a4) >= 1);
}

int main(void)
{
    RUN(test_empty);
    RUN(test_whitespace_only);
    RUN(test_nul_and_invalid);
    RUN(test_modes_and_limits);
    RUN(test_pathological);
    RUN(test_enomem);
    return pc_test_summary("test_doc");
}
