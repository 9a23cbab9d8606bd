/* test_quote.c - unit tests of the quotation scanner (pc_quote.h). */
#include "harness.h"
#include "pc_cue.h"
#include "pc_quote.h"
#include "pc_segment.h"

/* Scan `text` split into paragraphs at "\n" with pc_quote_scan flags; returns the status. */
static int S_scan_flags(const pc_mem *mem, const char *text, int flags, pc_quote_result *qr)
{
    pc_para paras[16];
    size_t np = 0, s = 0, i, n = strlen(text);
    pc_seg_result seg;
    int rc;
    memset(&seg, 0, sizeof seg);
    memset(qr, 0, sizeof *qr);
    for (i = 0; i <= n && np < 16; i++) {
        if (i == n || text[i] == '\n') {
            if (i > s) {
                paras[np].start = (uint32_t)s;
                paras[np].end = (uint32_t)i;
                paras[np].kind = PC_PARA_BODY;
                np++;
            }
            s = i + 1;
        }
    }
    rc = pc_segment(mem, text, n, paras, np, &seg);
    if (rc == PC_OK)
        rc = pc_quote_scan(mem, text, n, paras, np, &seg, flags, qr);
    pc_seg_result_free(mem, &seg);
    return rc;
}

static int S_scan(const pc_mem *mem, const char *text, pc_quote_result *qr)
{
    return S_scan_flags(mem, text, 0, qr);
}

#define CHECK_SPAN(t, a, b, e) CHECK_EQ_STRN((t) + (a), (b) - (a), e)

static void test_split_quote(void)
{
    const char *t = "\xE2\x80\x9CThey understand it,\xE2\x80\x9D he said. \xE2\x80\x9C"
                    "But they don\xE2\x80\x99t want it.\xE2\x80\x9D";
    pc_quote_result qr;
    CHECK_EQ_INT(S_scan(pc_mem_default(), t, &qr), PC_OK);
    CHECK_EQ_INT(qr.nquote, 2);
    if (qr.nquote == 2) {
        CHECK_SPAN(t, qr.quotes[0].start, qr.quotes[0].end, "They understand it,");
        CHECK_SPAN(t, qr.quotes[0].cue_start, qr.quotes[0].cue_end, "said");
        CHECK_SPAN(t, qr.quotes[0].spk_start, qr.quotes[0].spk_end, "he");
        CHECK_EQ_INT(qr.quotes[0].spk_kind, PC_SPK_PRONOUN);
        CHECK_EQ_INT(qr.quotes[0].kind, PC_QK_DIRECT);
        CHECK(qr.quotes[0].flags & PC_QF_CUE_AFTER);
        CHECK_SPAN(t, qr.quotes[1].start, qr.quotes[1].end, "But they don\xE2\x80\x99t want it.");
        CHECK(qr.quotes[1].flags & PC_QF_SPLIT);
        CHECK_EQ_INT(qr.quotes[1].cont, 0);
        CHECK_SPAN(t, qr.quotes[1].spk_start, qr.quotes[1].spk_end, "he");
        CHECK_EQ_INT(qr.quotes[1].kind, PC_QK_DIRECT);
    }
    pc_quote_free(pc_mem_default(), &qr);
}

static void test_nested_and_brackets(void)
{
    const char *t = "\xE2\x80\x9CSo a decision was made: \xE2\x80\x98OK, we [the government] agree.'\xE2\x80\x9D "
                    "said Benyamin Poghosian, a senior fellow at APRI.";
    pc_quote_result qr;
    CHECK_EQ_INT(S_scan(pc_mem_default(), t, &qr), PC_OK);
    CHECK_EQ_INT(qr.nquote, 1);
    if (qr.nquote == 1) {
        pc_quote *q = &qr.quotes[0];
        CHECK(q->flags & PC_QF_NESTED);
        CHECK(q->flags & PC_QF_BRACKET);
        CHECK_SPAN(t, q->cue_start, q->cue_end, "said");
        CHECK_SPAN(t, q->spk_start, q->spk_end, "Benyamin Poghosian");
        CHECK_SPAN(t, q->role_start, q->role_end, "a senior fellow at APRI");
        CHECK_EQ_INT(q->spk_kind, PC_SPK_NAME);
    }
    pc_quote_free(pc_mem_default(), &qr);
}

static void test_multi_paragraph(void)
{
    const char *t = "He said: \"We will win this election.\n\"And then we will govern.\"\nThe end.";
    pc_quote_result qr;
    CHECK_EQ_INT(S_scan(pc_mem_default(), t, &qr), PC_OK);
    CHECK_EQ_INT(qr.nquote, 2);
    if (qr.nquote == 2) {
        CHECK(qr.quotes[0].flags & PC_QF_UNCLOSED);
        CHECK_SPAN(t, qr.quotes[0].start, qr.quotes[0].end, "We will win this election.");
        CHECK_SPAN(t, qr.quotes[0].spk_start, qr.quotes[0].spk_end, "He");
        CHECK(qr.quotes[1].flags & PC_QF_PARA_CONT);
        CHECK_EQ_INT(qr.quotes[1].cont, 0);
        CHECK_EQ_INT(qr.quotes[1].kind, PC_QK_DIRECT);
    }
    pc_quote_free(pc_mem_default(), &qr);
}

static void test_kinds(void)
{
    const char *t = "Critics call it \"ethnic cleansing\" in private. The envoy said the issues "
                    "\"cannot be swept under the rug.\" Officials reported \"significant progress\", "
                    "the ministry said.";
    pc_quote_result qr;
    CHECK_EQ_INT(S_scan(pc_mem_default(), t, &qr), PC_OK);
    CHECK_EQ_INT(qr.nquote, 3);
    if (qr.nquote == 3) {
        CHECK_EQ_INT(qr.quotes[0].kind, PC_QK_SCARE);
        CHECK_EQ_INT(qr.quotes[0].cue_start, PC_QUOTE_NONE);
        CHECK_EQ_INT(qr.quotes[1].kind, PC_QK_PARTIAL);
        CHECK_SPAN(t, qr.quotes[1].cue_start, qr.quotes[1].cue_end, "said");
        CHECK_SPAN(t, qr.quotes[1].spk_start, qr.quotes[1].spk_end, "The envoy");
        CHECK_EQ_INT(qr.quotes[2].kind, PC_QK_PARTIAL);
        CHECK_SPAN(t, qr.quotes[2].spk_start, qr.quotes[2].spk_end, "the ministry");
    }
    pc_quote_free(pc_mem_default(), &qr);
}

static void test_cue_before_and_shared_mark(void)
{
    const char *t = "Sullivan explained: \xE2\x80\x9CWe see progress.\xE2\x80\x9D\n"
                    "\"The light is flashing. \"We must act,\" she said.";
    pc_quote_result qr;
    CHECK_EQ_INT(S_scan(pc_mem_default(), t, &qr), PC_OK);
    CHECK_EQ_INT(qr.nquote, 3);
    if (qr.nquote == 3) {
        CHECK_SPAN(t, qr.quotes[0].cue_start, qr.quotes[0].cue_end, "explained");
        CHECK_SPAN(t, qr.quotes[0].spk_start, qr.quotes[0].spk_end, "Sullivan");
        CHECK(qr.quotes[0].flags & PC_QF_CUE_BEFORE);
        CHECK(qr.quotes[1].flags & PC_QF_SHARED_MARK);
        CHECK_SPAN(t, qr.quotes[1].start, qr.quotes[1].end, "The light is flashing. ");
        CHECK_SPAN(t, qr.quotes[2].start, qr.quotes[2].end, "We must act,");
        CHECK_SPAN(t, qr.quotes[2].spk_start, qr.quotes[2].spk_end, "she");
    }
    pc_quote_free(pc_mem_default(), &qr);
}

static void test_appositive_before_cue(void)
{
    const char *t = "\xE2\x80\x9CWe are ready,\xE2\x80\x9D Elchin Amirbayov, the senior envoy, told RFE/RL.";
    pc_quote_result qr;
    CHECK_EQ_INT(S_scan(pc_mem_default(), t, &qr), PC_OK);
    CHECK_EQ_INT(qr.nquote, 1);
    if (qr.nquote == 1) {
        CHECK_SPAN(t, qr.quotes[0].cue_start, qr.quotes[0].cue_end, "told RFE/RL");
        CHECK_SPAN(t, qr.quotes[0].spk_start, qr.quotes[0].spk_end, "Elchin Amirbayov");
        CHECK_SPAN(t, qr.quotes[0].role_start, qr.quotes[0].role_end, "the senior envoy");
    }
    pc_quote_free(pc_mem_default(), &qr);
}

static void test_name_said_after_full_stop(void)
{
    const char *t = "\"Trump is no Romney.\" Sen. Claire McCaskill (D-Mo.) said.\n"
                    "\"It is over.\" Mr Smith said the plan was dead.";
    pc_quote_result qr;
    CHECK_EQ_INT(S_scan(pc_mem_default(), t, &qr), PC_OK);
    CHECK_EQ_INT(qr.nquote, 2);
    if (qr.nquote == 2) {
        CHECK_SPAN(t, qr.quotes[0].spk_start, qr.quotes[0].spk_end, "Sen. Claire McCaskill");
        CHECK_SPAN(t, qr.quotes[0].cue_start, qr.quotes[0].cue_end, "said");
        CHECK_EQ_INT(qr.quotes[1].cue_start, PC_QUOTE_NONE); /* a new sentence of reported speech */
        CHECK_EQ_INT(qr.quotes[1].spk_kind, PC_SPK_NONE);
    }
    pc_quote_free(pc_mem_default(), &qr);
}

static void test_edge_inputs(void)
{
    pc_quote_result qr;
    pc_seg_result seg;
    memset(&seg, 0, sizeof seg);
    CHECK_EQ_INT(S_scan(pc_mem_default(), "", &qr), PC_OK);
    CHECK_EQ_INT(qr.nquote, 0);
    pc_quote_free(pc_mem_default(), &qr);
    CHECK_EQ_INT(S_scan(pc_mem_default(), "\"\"\"\" ' ' \xE2\x80\x9D \xE2\x80\x9C", &qr), PC_OK);
    pc_quote_free(pc_mem_default(), &qr);
    CHECK_EQ_INT(pc_quote_scan(pc_mem_default(), "x", 1, NULL, 0, NULL, 0, &qr), PC_EINVAL);
    CHECK_EQ_INT(pc_quote_scan(NULL, "x", 1, NULL, 0, &seg, 0, &qr), PC_EINVAL);
    /* no tokens: quotes are still found, unattributed */
    CHECK_EQ_INT(pc_quote_scan(pc_mem_default(), "a \"b c\" d", 9, NULL, 0, &seg, 0, &qr), PC_OK);
    CHECK_EQ_INT(qr.nquote, 1);
    pc_quote_free(pc_mem_default(), &qr);
    CHECK(strcmp(pc_quote_kind_name(PC_QK_PARTIAL), "partial") == 0);
    CHECK(strcmp(pc_quote_kind_name(99), "") == 0);
}

static size_t S_work_scan(char *t, size_t n, const char *unit, size_t ulen, size_t *nq)
{
    size_t i, work;
    pc_quote_result qr;
    for (i = 0; i + ulen <= n; i += ulen)
        memcpy(t + i, unit, ulen);
    for (; i < n; i++)
        t[i] = ' ';
    t[n] = 0;
    CHECK_EQ_INT(S_scan_flags(pc_mem_default(), t, PC_QUOTE_REPORTED, &qr), PC_OK);
    *nq = qr.nquote;
    work = qr.work;
    pc_quote_free(pc_mem_default(), &qr);
    return work;
}

/* Pathological and ordinary inputs: the counted work (bytes and tokens
 * visited, pc_quote_result.work) grows linearly: 4x the input costs at most
 * 4.4x, whatever the speed of the machine (no clock involved). */
static void test_work_is_linear(void)
{
    static const char *units[] = {
        "\"", "\"a ", "\"ab,\" he sd ", "\xE2\x80\x9C", "\xE2\x80\x9C" "a said X, ",
        "The firm said profits had risen. ", "Sales rose, the firm said, and ",
        "According to Ann Lee, talks, he said, would, she said, go on, ", "said said that that ",
        "\xE2\x80\x9CWe will sign,\xE2\x80\x9D said Foreign Minister Ararat Mirzoyan. "};
    size_t n = 400000, k, nq;
    char *t = (char *)malloc(n + 1);
    if (!t)
        return;
    for (k = 0; k < sizeof units / sizeof units[0]; k++) {
        size_t ul = strlen(units[k]);
        size_t small = S_work_scan(t, n / 4, units[k], ul, &nq);
        size_t big = S_work_scan(t, n, units[k], ul, &nq);
        if (!(small > 0 && (double)big <= 4.4 * (double)small))
            printf("    unit %zu: work %zu -> %zu\n", k, small, big);
        CHECK(small > 0 && (double)big <= 4.4 * (double)small);
        if (k == 1)
            CHECK(nq > 1000);
        if (k == 5)
            CHECK(nq > 1000); /* one reported clause per sentence */
    }
    free(t);
}

/* The lexicons are binary-searched: sorted, no duplicates, lowercase ASCII. */
static void test_lexicons_sorted(void)
{
    size_t l, i;
    for (l = 0; pc_cue_all_lexicons[l]; l++) {
        const pc_cue_lex *x = pc_cue_all_lexicons[l];
        CHECK(x->n > 0);
        for (i = 0; i < x->n; i++) {
            const char *w = x->w[i];
            CHECK(strlen(w) < 24);
            for (; *w; w++)
                CHECK(!(*w >= 'A' && *w <= 'Z') && (unsigned char)*w < 0x80);
            if (i)
                CHECK(strcmp(x->w[i - 1], x->w[i]) < 0);
        }
    }
    /* the speech verbs (pc_vocab, generated) are searched the same way */
    CHECK(pc_vocab_n_speech_verbs > 100);
    for (i = 0; i < pc_vocab_n_speech_verbs; i++) {
        const char *w = pc_vocab_speech_verbs[i].w;
        CHECK(pc_vocab_speech_verbs[i].tags != 0 && strlen(w) < 24);
        CHECK(pc_vocab_verb_tags(w, strlen(w), 0) == pc_vocab_speech_verbs[i].tags);
        if (i)
            CHECK(strcmp(pc_vocab_speech_verbs[i - 1].w, w) < 0);
    }
    CHECK(pc_vocab_verb_tags("Said", 4, 1) & PC_VOCAB_QUOTE_CUE);
    CHECK(pc_vocab_verb_tags("Said", 4, 0) == 0);
    CHECK(pc_vocab_verb_tags("said\0x", 6, 1) == 0 && pc_vocab_verb_tags("sai", 3, 1) == 0);
    CHECK(pc_vocab_verb_tags("", 0, 1) == 0);
    CHECK((pc_vocab_verb_tags("accepted", 8, 0) & (PC_VOCAB_REPORT | PC_VOCAB_NEED_THAT)) ==
          (PC_VOCAB_REPORT | PC_VOCAB_NEED_THAT));
}

/* Reported speech: the frames, the clause test, the content edges. */
static void test_reported(void)
{
    static const struct {
        const char *text, *content, *cue, *spk;
        int spk_kind;
    } cases[] = {
        {"Chief executive Peter McGuigan said the firm plans to grow sales.",
         "the firm plans to grow sales", "said", "Chief executive Peter McGuigan", PC_SPK_ROLE},
        {"Prices rose a seasonally adjusted 0.5% in February, says the Nationwide building society.",
         "Prices rose a seasonally adjusted 0.5% in February", "says", "the Nationwide building society",
         PC_SPK_ROLE},
        {"The firm, reporting its results, said the UK market had seen sales growth of 8%.",
         "the UK market had seen sales growth of 8%", "said", "The firm", PC_SPK_ROLE},
        {"According to Tom Sullivan, only a few issues remain.", "only a few issues remain",
         "According to", "Tom Sullivan", PC_SPK_NAME},
        {"Iraq, they insisted, would not be a factor for most voters.",
         "Iraq, they insisted, would not be a factor for most voters", "insisted", "they", PC_SPK_PRONOUN},
        {"He told Gordon Brown he would quit before the election.", "he would quit before the election",
         "told Gordon Brown", "He", PC_SPK_PRONOUN},
        {"AOL announced on Tuesday that it had plans to launch a phone service.",
         "it had plans to launch a phone service", "announced", "AOL", PC_SPK_NAME},
        {"But Rogge said it was too early to speculate, hoping only for the truth.",
         "it was too early to speculate", "said", "Rogge", PC_SPK_NAME},
    };
    static const char *const none[] = {
        "The company reported strong sales in the first quarter of the year.",
        "Ministers urged the next government to reassure people about pensions.",
        "He denied suggestions that his club was suffering a dip in form.",
        "She said \xE2\x80\x9Cwe will win the election\xE2\x80\x9D on Monday.",
    };
    size_t k;
    for (k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        const char *t = cases[k].text;
        pc_quote_result qr;
        CHECK_EQ_INT(S_scan_flags(pc_mem_default(), t, PC_QUOTE_REPORTED, &qr), PC_OK);
        CHECK_EQ_INT(qr.nquote, 1);
        if (qr.nquote == 1) {
            const pc_quote *q = &qr.quotes[0];
            CHECK_EQ_INT(q->kind, PC_QK_INDIRECT);
            CHECK(q->open_mark == PC_QUOTE_NONE && q->close_mark == PC_QUOTE_NONE);
            CHECK_SPAN(t, q->start, q->end, cases[k].content);
            CHECK_SPAN(t, q->cue_start, q->cue_end, cases[k].cue);
            CHECK_SPAN(t, q->spk_start, q->spk_end, cases[k].spk);
            CHECK_EQ_INT(q->spk_kind, cases[k].spk_kind);
        }
        pc_quote_free(pc_mem_default(), &qr);
    }
    for (k = 0; k < sizeof none / sizeof none[0]; k++) {
        pc_quote_result qr;
        size_t i, nind = 0;
        CHECK_EQ_INT(S_scan_flags(pc_mem_default(), none[k], PC_QUOTE_REPORTED, &qr), PC_OK);
        for (i = 0; i < qr.nquote; i++)
            nind += qr.quotes[i].kind == PC_QK_INDIRECT;
        CHECK_EQ_INT(nind, 0);
        pc_quote_free(pc_mem_default(), &qr);
    }
}

static void test_enomem(void)
{
    const char *t = "\xE2\x80\x9C" "A b c,\xE2\x80\x9D he said. \xE2\x80\x9C" "D e.\xE2\x80\x9D \"F g,\" "
                    "said Ann Lee. \"H i\" and \"j k\" and \"l\". The firm said sales had risen. "
                    "Sales fell, the bank said.";
    long k;
    int ok = 0;
    for (k = 1; k < 200 && !ok; k++) {
        pc_test_failctx fc = {k, 0, 0};
        pc_mem m = pc_test_failmem(&fc);
        pc_quote_result qr;
        int rc = S_scan_flags(&m, t, PC_QUOTE_REPORTED, &qr);
        pc_quote_free(&m, &qr);
        CHECK(rc == PC_OK || rc == PC_ENOMEM);
        CHECK_EQ_INT(fc.live, 0);
        if (rc == PC_OK) {
            ok = 1;
            CHECK(qr.nquote == 0); /* freed */
        }
    }
    CHECK(ok);
}

int main(void)
{
    RUN(test_split_quote);
    RUN(test_nested_and_brackets);
    RUN(test_multi_paragraph);
    RUN(test_kinds);
    RUN(test_cue_before_and_shared_mark);
    RUN(test_appositive_before_cue);
    RUN(test_name_said_after_full_stop);
    RUN(test_edge_inputs);
    RUN(test_work_is_linear);
    RUN(test_lexicons_sorted);
    RUN(test_reported);
    RUN(test_enomem);
    return pc_test_summary("test_quote");
}
