/* test_numex.c - numeric and temporal expressions (pc_numex) over real tokens. */
#include "harness.h"

#include "pc_doc.h"
#include "pc_numex.h"

/* Run the pipeline on `text`, scan every sentence and write "text|LABEL;" for
 * each span into out. */
static int S_scan(const pc_mem *mem, const char *text, char *out, size_t cap)
{
    pc_doc doc;
    pc_doc_opts opts = {PC_MODE_TEXT, PC_CLEAN_KEEP_BOILERPLATE, 0};
    pc_numex_result r = {NULL, 0, 0};
    size_t i, o = 0;
    int rc = pc_doc_parse(pc_mem_default(), text, strlen(text), &opts, &doc);
    if (rc == PC_OK) {
        for (i = 0; i < doc.seg.nsent && rc == PC_OK; i++)
            rc = pc_numex_scan(mem, doc.clean.text.data, doc.seg.toks, doc.seg.sents[i].tok_start,
                               doc.seg.sents[i].tok_end, &r);
    }
    out[0] = 0;
    for (i = 0; rc == PC_OK && i < r.n; i++) {
        const pc_token *a = &doc.seg.toks[r.spans[i].tok_start];
        const pc_token *b = &doc.seg.toks[r.spans[i].tok_end - 1];
        o += (size_t)snprintf(out + o, cap - o, "%.*s|%s;", (int)(b->end - a->start),
                              doc.clean.text.data + a->start, pc_numex_label(r.spans[i].label));
        if (o >= cap)
            break;
    }
    pc_numex_result_free(mem, &r);
    pc_doc_free(pc_mem_default(), &doc);
    return rc;
}

static void test_labels(void)
{
    char out[1024];
    CHECK_EQ_INT(S_scan(pc_mem_default(),
                        "On September 26, 2024 nearly 120,000 residents left. Prices rose 80 percent "
                        "and 2.5% in the late 1980s, costing $1.13bn at 10:30 a.m. on Monday.",
                        out, sizeof out), PC_OK);
    CHECK(strstr(out, "September 26, 2024|DATE;") != NULL);
    CHECK(strstr(out, "120,000 residents|QUANTITY;") != NULL);
    CHECK(strstr(out, "80 percent|PERCENT;") != NULL);
    CHECK(strstr(out, "2.5%|PERCENT;") != NULL);
    CHECK(strstr(out, "the late 1980s|DATE;") != NULL);
    CHECK(strstr(out, "$1.13bn|MONEY;") != NULL);
    CHECK(strstr(out, "10:30 a.m.|TIME;") != NULL);
    CHECK(strstr(out, "Monday|DATE;") != NULL);
    CHECK_EQ_INT(S_scan(pc_mem_default(),
                        "A 12-kilometer border, two to three pages, the seventh round, three decades "
                        "earlier, last September, one another.", out, sizeof out), PC_OK);
    CHECK(strstr(out, "12-kilometer|QUANTITY;") != NULL);
    CHECK(strstr(out, "two to three|CARDINAL;") != NULL);
    CHECK(strstr(out, "seventh|ORDINAL;") != NULL);
    CHECK(strstr(out, "three decades earlier|DATE;") != NULL);
    CHECK(strstr(out, "last September|DATE;") != NULL);
    CHECK(strstr(out, "one another") == NULL); /* a pronoun, not a number */
    /* "may" as a verb is no month */
    CHECK_EQ_INT(S_scan(pc_mem_default(), "They may come. May 5 is set.", out, sizeof out), PC_OK);
    CHECK(strcmp(out, "May 5|DATE;") == 0);
    CHECK_EQ_INT(S_scan(pc_mem_default(), "", out, sizeof out), PC_OK);
    CHECK(out[0] == 0);
}

static void test_enomem(void)
{
    char out[256];
    long n;
    int ok = 0;
    for (n = 1; n < 64 && !ok; n++) {
        pc_test_failctx c = {n, 0, 0};
        pc_mem m = pc_test_failmem(&c);
        int rc = S_scan(&m, "In 2020 and 2021, 3 of 5 said 10% on May 5.", out, sizeof out);
        CHECK(rc == PC_OK || rc == PC_ENOMEM);
        CHECK_EQ_INT(c.live, 0);
        ok = rc == PC_OK;
    }
    CHECK(ok);
}

int main(void)
{
    RUN(test_labels);
    RUN(test_enomem);
    return pc_test_summary("test_numex");
}
