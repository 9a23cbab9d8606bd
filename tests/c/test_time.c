/* test_time.c - time expressions (pc_time): extents, values, anchors, the
 * calendar helpers, bad input and every allocation failure. */
#include "harness.h"

#include "failloop.h"
#include "pc_doc.h"
#include "pc_time.h"

/* Parse `text`, scan it with publication date y-m-d (y 0: unknown) and
 * write "extent=value|partial|anchor;" per expression into out. */
static int S_scan(const pc_mem *mem, const char *text, int y, int m, int d, char *out, size_t cap)
{
    pc_doc doc;
    pc_doc_opts opts = {PC_MODE_TEXT, PC_CLEAN_KEEP_BOILERPLATE, 0};
    pc_time_result r = {NULL, 0, 0};
    pc_time_dct dct;
    size_t i, o = 0;
    int rc = pc_doc_parse(pc_mem_default(), text, strlen(text), &opts, &doc);
    dct.year = y;
    dct.month = m;
    dct.day = d;
    out[0] = 0;
    if (rc == PC_OK)
        rc = pc_time_scan(mem, doc.clean.text.data, doc.clean.text.len, doc.seg.toks, doc.seg.ntok,
                          doc.seg.sents, doc.seg.nsent, y ? &dct : NULL, &r);
    for (i = 0; rc == PC_OK && i < r.n; i++) {
        const pc_timex *x = &r.items[i];
        const pc_token *a = &doc.seg.toks[x->tok_start];
        const pc_token *b = &doc.seg.toks[x->tok_end - 1];
        o += (size_t)snprintf(out + o, cap - o, "%.*s=%s|%s|%s;", (int)(b->end - a->start),
                              doc.clean.text.data + a->start, x->value, x->partial,
                              pc_time_anchor_name(x->anchor));
        if (o >= cap)
            break;
    }
    pc_time_result_free(mem, &r);
    pc_doc_free(pc_mem_default(), &doc);
    return rc;
}

#define HAS(s) CHECK(strstr(out, s) != NULL)

static void test_calendar(void)
{
    int y, m, d, iy;
    CHECK_EQ_INT(pc_time_days(1970, 1, 1), 0);
    CHECK_EQ_INT(pc_time_days(2000, 3, 1), 11017);
    pc_time_civil(pc_time_days(2024, 2, 29) + 1, &y, &m, &d);
    CHECK(y == 2024 && m == 3 && d == 1);
    pc_time_civil(-1, &y, &m, &d);
    CHECK(y == 1969 && m == 12 && d == 31);
    CHECK_EQ_INT(pc_time_weekday(2024, 9, 26), 4); /* a Thursday */
    CHECK_EQ_INT(pc_time_weekday(1970, 1, 1), 4);
    CHECK_EQ_INT(pc_time_iso_week(2021, 1, 3, &iy), 53); /* belongs to 2020-W53 */
    CHECK_EQ_INT(iy, 2020);
    CHECK_EQ_INT(pc_time_iso_week(2024, 12, 30, &iy), 1); /* 2025-W01 */
    CHECK_EQ_INT(iy, 2025);
    CHECK(strcmp(pc_time_type_name(PC_TX_DURATION), "DURATION") == 0);
    CHECK(strcmp(pc_time_gran_name(PC_TG_DECADE), "decade") == 0);
    CHECK(strcmp(pc_time_mod_name(PC_TM_LESS_THAN), "LESS_THAN") == 0);
    CHECK(strcmp(pc_time_anchor_name(PC_TA_DCT_UNKNOWN), "publication (unknown)") == 0);
    CHECK(strcmp(pc_time_type_name(99), "") == 0 && strcmp(pc_time_gran_name(-1), "") == 0);
}

static void test_absolute(void)
{
    char out[2048];
    CHECK_EQ_INT(S_scan(pc_mem_default(),
                        "In September 2022, Azerbaijan seized it. On September 26, 2024 and 26 September 2024 "
                        "and 26/09/2024 and 2024-09-26 they met, since 2020, in the late 1980s, early 2023, "
                        "the third quarter of 1989, Q3 2024, the 20th century, post-2020, September of 2023.",
                        0, 0, 0, out, sizeof out), PC_OK);
    HAS("September 2022=2022-09|2022-09|;");
    HAS("September 26, 2024=2024-09-26|2024-09-26|;");
    HAS("26 September 2024=2024-09-26|");
    HAS("26/09/2024=2024-09-26|");
    HAS("2024-09-26=2024-09-26|");
    HAS("2020=2020|");
    HAS("the late 1980s=198|");
    HAS("early 2023=2023|");
    HAS("the third quarter of 1989=1989-Q3|");
    HAS("Q3 2024=2024-Q3|");
    HAS("the 20th century=19|");
    HAS("post-2020=2020|");
    HAS("September of 2023=2023-09|");
    /* numbers that are not years, months that are words */
    CHECK_EQ_INT(S_scan(pc_mem_default(), "Some 2000 people may march; $1999 was paid. 1,500 came.", 0, 0, 0,
                        out, sizeof out), PC_OK);
    CHECK(out[0] == 0);
}

static void test_relative(void)
{
    char out[2048];
    const char *text = "Last September it fell. He said on Friday that he will meet on Tuesday at 3 p.m. "
                       "Yesterday, two weeks ago and next month, this year and last year. "
                       "In December they agreed; on January 20 he spoke.";
    /* no publication date: values stay empty, partials say what is known */
    CHECK_EQ_INT(S_scan(pc_mem_default(), text, 0, 0, 0, out, sizeof out), PC_OK);
    HAS("Last September=|XXXX-09|publication (unknown);");
    HAS("Friday=|XXXX-WXX-5|publication (unknown);");
    HAS("Yesterday=|XXXX-XX-XX|");
    HAS("this year=|XXXX|");
    HAS("December=|XXXX-12|");
    HAS("January 20=|XXXX-01-20|");
    /* with one (a Thursday) */
    CHECK_EQ_INT(S_scan(pc_mem_default(), text, 2024, 2, 1, out, sizeof out), PC_OK);
    HAS("Last September=2023-09|2023-09|publication;");
    HAS("Friday=2024-01-26|");  /* said ... Friday: the last one */
    HAS("Tuesday=2024-02-06|"); /* will meet on Tuesday: the next one */
    HAS("3 p.m.=2024-02-01T15:00|");
    HAS("Yesterday=2024-01-31|");
    HAS("two weeks ago=2024-W03|");
    HAS("next month=2024-03|");
    HAS("this year=2024|");
    HAS("last year=2023|");
    HAS("December=2023-12|");    /* the nearest December */
    HAS("January 20=2024-01-20|");
}

static void test_anchored_and_durations(void)
{
    char out[2048];
    CHECK_EQ_INT(S_scan(pc_mem_default(),
                        "In September 2022 it broke away three decades earlier. In January, he came. Later "
                        "that month he left. It lasted six weeks, less than three months, the months that "
                        "followed, for decades, in the coming days and weeks, a 10-year plan. Now, recently, "
                        "every day, daily.",
                        0, 0, 0, out, sizeof out), PC_OK);
    HAS("three decades earlier=199|199|text;");
    HAS("Later that month=|XXXX-01|text;");
    HAS("six weeks=P6W|");
    HAS("less than three months=P3M|");
    HAS("the months that followed=PXM|");
    HAS("decades=PXDE|");
    HAS("the coming days=PXD|");
    HAS("weeks=PXW|");
    HAS("10-year=P10Y|");
    HAS("Now=PRESENT_REF|PRESENT_REF|publication (unknown);");
    HAS("recently=PAST_REF|");
    HAS("every day=P1D|");
    HAS("daily=P1D|");
}

/* hand-made tokens that pc_segment would never make are refused */
static void test_bad_input(void)
{
    pc_token toks[2] = {{0, 4, PC_TOK_WORD, 0}, {2, 3, PC_TOK_WORD, 0}};
    pc_sentence sent = {0, 4, 0, 2, 0};
    pc_time_result r = {NULL, 0, 0};
    CHECK_EQ_INT(pc_time_scan(pc_mem_default(), "abcd", 4, toks, 2, &sent, 1, NULL, &r), PC_EINVAL);
    CHECK_EQ_INT(pc_time_scan(pc_mem_default(), NULL, 4, NULL, 0, NULL, 0, NULL, &r), PC_EINVAL);
    CHECK_EQ_INT(pc_time_scan(pc_mem_default(), "", 0, NULL, 0, NULL, 0, NULL, &r), PC_OK);
    CHECK_EQ_INT(r.n, 0);
    pc_time_result_free(pc_mem_default(), &r);
}

static int S_fail_call(const pc_mem *mem, void *arg)
{
    char out[1024];
    (void)arg;
    return S_scan(mem, "In September 2022, three decades earlier, on Friday, for six weeks, now. Later that "
                       "month, 2020 and 2021 and 2022 and 2023 and 2024.",
                  2024, 2, 1, out, sizeof out);
}

static void test_enomem(void) { CHECK(pc_failloop("pc_time_scan", S_fail_call, NULL) > 0); }

static void test_named_year_hedges_and_tense(void)
{
    char out[2048];
    CHECK_EQ_INT(S_scan(pc_mem_default(),
                        "In June last year it fell, on June 5 last year and in April of next year. "
                        "It began in mid-March and early-May. Nearly two years ago it lasted about five hours. "
                        "Cuba predicted Wednesday that it would win.",
                        2013, 3, 22, out, sizeof out), PC_OK);
    HAS("June last year=2012-06|");
    HAS("June 5 last year=2012-06-05|");
    HAS("April of next year=2014-04|");
    HAS("mid-March=2013-03|");
    HAS("early-May=");
    HAS("Nearly two years ago=2011|");
    HAS("about five hours=PT5H|");
    HAS("Wednesday=2013-03-20|"); /* a past verb in -ed right before: the last Wednesday */
}

int main(void)
{
    RUN(test_calendar);
    RUN(test_absolute);
    RUN(test_relative);
    RUN(test_named_year_hedges_and_tense);
    RUN(test_anchored_and_durations);
    RUN(test_bad_input);
    RUN(test_enomem);
    return pc_test_summary("test_time");
}
