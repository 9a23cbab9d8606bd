/*
 * fuzz_content.c - main-content selection (pc_main via pc_html_to_text) on
 * pages the fuzzer composes from page-like pieces, so that the scoring, the
 * marked-body preference, the container growth, the sibling and fallback
 * steps and the link-list rule are reached far more often than from raw
 * bytes (fuzz_html covers those).
 *
 * Input: byte 0 = options (bit 0: run pc_clean on the result; bit 1: run the
 * page twice and require the same output).  Every further byte is one piece:
 * its low 3 bits choose the kind (open a tag, open a container with class
 * words, close, text, link, comment or raw element, metadata, a raw
 * character), the high 5 bits which one.  Invariants: as fuzz_html (valid
 * UTF-8, hints inside the text on code point boundaries, valid kinds), every
 * removal reason of pc_clean has a name, the same page gives the same output,
 * and no block is left allocated.
 */
#include "fuzz_common.h"
#include "pc_buf.h"
#include "pc_clean.h"
#include "pc_html.h"

static const char *const S_tags[32] = {
    "div", "p", "article", "main", "section", "ul", "li", "ol", "nav", "footer", "aside",
    "header", "h1", "h2", "table", "tr", "td", "span", "b", "a", "form", "figure", "figcaption",
    "blockquote", "pre", "dl", "dt", "dd", "svg", "x-custom", "button", "time"};
static const char *const S_classes[32] = {
    "entry-content", "article-body", "post", "content", "sidebar", "comments", "share-bar",
    "related-posts", "footer", "nav-menu", "hidden", "byline author", "post-meta", "widget_text",
    "cookie-banner", "newsletter", "has-sidebar", "content-sidebar-wrap", "main", "story",
    "ad", "breadcrumb", "tags", "date", "sr-only", "field--label-hidden", "elementor-widget",
    "itemprop", "teaser", "promo", "wrapper", "text"};
static const char *const S_texts[32] = {
    "Armenia and Azerbaijan met on Friday, and both sides agreed to meet again.",
    "Home", "Menu", "Share", "Read more", "© 2024 News",
    "The talks, which lasted three hours, ended without a joint statement.",
    "By Jane Roe", "12. März 2020", "&amp; &eacute;&#x1F600; &notit; &#150;",
    "Comment by reader: I disagree.", "Subscribe to our newsletter!",
    "A", " ", "\n\n", "...", "Q: What next? A: Another round.",
    "Das ist ein längerer deutscher Satz, der weitergeht.", "Москва", "日本語の文。",
    "x", "1.", "— «cité» —", "Lorem ipsum dolor sit amet, consectetur adipiscing elit.",
    "\xC2\xA0", "tag1, tag2", "Related: another story", "Photo: AFP", "2024-09-27",
    "Next", "Previous", "\xE2\x80\xAE" "evil"};

static void S_put(pc_buf *b, const char *s)
{
    FUZZ_ASSERT(pc_buf_put(pc_mem_default(), b, s, strlen(s)) == PC_OK);
}

static void S_compose(const uint8_t *data, size_t size, pc_buf *b)
{
    size_t i;
    char tmp[160];
    for (i = 1; i < size; i++) {
        int op = data[i] & 7, arg = data[i] >> 3;
        switch (op) {
        case 0:
            snprintf(tmp, sizeof tmp, "<%s>", S_tags[arg]);
            break;
        case 1:
            snprintf(tmp, sizeof tmp, "<%s class=\"%s\"%s>", S_tags[arg & 7], S_classes[arg],
                     arg & 8 ? " itemprop=\"articleBody\"" : "");
            break;
        case 2:
            snprintf(tmp, sizeof tmp, "</%s>", S_tags[arg]);
            break;
        case 3:
            snprintf(tmp, sizeof tmp, "%s", S_texts[arg]);
            break;
        case 4:
            snprintf(tmp, sizeof tmp, "<a href=\"/x?a=1&copy=2\">%s</a>", S_texts[arg]);
            break;
        case 5: {
            static const char *const raw[8] = {"<!-- c -->", "<!-->", "<!--->", "<!-- a --!>",
                                               "<script>var a='</p>';</script>",
                                               "<style>p{}</style>", "<br>", "<plaintext>"};
            /* <plaintext> ends all markup: rarely */
            snprintf(tmp, sizeof tmp, "%s", raw[(arg & 7) == 7 && arg != 31 ? 6 : arg & 7]);
            break;
        }
        case 6: {
            static const char *const meta[8] = {
                "<title>T &amp; \x1B[2J</title>", "<meta name=author content=\"A\">",
                "<meta property=og:title content=\"O\">",
                "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\"}</script>",
                "<link rel=canonical href=\"https://x/y\">", "<html lang=de>",
                "<time datetime=\"2024-01-02\">2 Jan</time>",
                "<span itemprop=datePublished content=2020-01-01>x</span>"};
            snprintf(tmp, sizeof tmp, "%s", meta[arg & 7]);
            break;
        }
        default:
            tmp[0] = "<>&\"'=/ !-abcp#;x\t\nzqwertyuiopASDF"[arg];
            tmp[1] = 0;
            break;
        }
        S_put(b, tmp);
    }
}

static void S_check(const pc_mem *mem, const pc_html_result *res, int clean)
{
    size_t i;
    FUZZ_ASSERT(fuzz_valid_utf8(res->text.data, res->text.len));
    FUZZ_ASSERT(fuzz_valid_utf8(res->metabuf.data, res->metabuf.len));
    for (i = 0; i < res->nhints; i++) {
        const pc_hint *h = &res->hints[i];
        FUZZ_ASSERT(h->start < h->end && h->end <= res->text.len);
        FUZZ_ASSERT(fuzz_boundary(res->text.data, res->text.len, h->start));
        FUZZ_ASSERT(fuzz_boundary(res->text.data, res->text.len, h->end));
        FUZZ_ASSERT(h->kind >= PC_HINT_TITLE && h->kind < PC_HINT__COUNT);
    }
    if (clean) {
        pc_clean_result cr;
        memset(&cr, 0, sizeof cr);
        FUZZ_ASSERT(pc_clean(mem, res->text.data ? res->text.data : "", res->text.len, res->hints,
                             res->nhints, 0, &cr) == PC_OK);
        FUZZ_ASSERT(fuzz_valid_utf8(cr.text.data, cr.text.len));
        for (i = 0; i < cr.nremoved; i++)
            FUZZ_ASSERT(pc_reason_name(cr.removed[i].reason)[0] != 0);
        pc_clean_result_free(mem, &cr);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_memctx mc;
    pc_mem mem = fuzz_mem(&mc);
    pc_buf page = PC_BUF_INIT;
    pc_html_result a, b;
    int opt;

    if (size < 1 || size > 4096)
        return 0;
    opt = data[0];
    S_compose(data, size, &page);
    memset(&a, 0, sizeof a);
    memset(&b, 0, sizeof b);
    FUZZ_ASSERT(pc_html_to_text(&mem, page.data ? page.data : "", page.len, &a) == PC_OK);
    S_check(&mem, &a, opt & 1);
    if (opt & 2) {
        size_t i;
        FUZZ_ASSERT(pc_html_to_text(&mem, page.data ? page.data : "", page.len, &b) == PC_OK);
        FUZZ_ASSERT(a.text.len == b.text.len && a.nhints == b.nhints && a.nmeta == b.nmeta);
        FUZZ_ASSERT(a.text.len == 0 || memcmp(a.text.data, b.text.data, a.text.len) == 0);
        for (i = 0; i < a.nhints; i++)
            FUZZ_ASSERT(a.hints[i].start == b.hints[i].start && a.hints[i].end == b.hints[i].end &&
                        a.hints[i].kind == b.hints[i].kind);
        pc_html_result_free(&mem, &b);
    }
    pc_html_result_free(&mem, &a);
    pc_buf_free(pc_mem_default(), &page);
    FUZZ_ASSERT(mc.live == 0);
    return 0;
}
