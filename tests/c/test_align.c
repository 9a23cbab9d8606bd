/* test_align.c - anchored reuse alignment on word sequences and texts. */
#include "harness.h"
#include "pc_align.h"
#include "pc_shingle.h"

static const pc_mem *M;

static void test_pair_with_rewording(void)
{
    /* B = 10 new words, then A[0..40) with A[15] replaced and 3 words
     * inserted after A[30], then 10 new words */
    uint64_t a[60], b[70];
    size_t i, nb = 0, n = 0, cap = 0;
    pc_passage *out = NULL;
    pc_align_params p;

    for (i = 0; i < 60; i++)
        a[i] = 1000 + i;
    for (i = 0; i < 10; i++)
        b[nb++] = 5000 + i;
    for (i = 0; i < 40; i++) {
        b[nb++] = i == 15 ? 7777 : a[i];
        if (i == 30)
            b[nb++] = 8001, b[nb++] = 8002, b[nb++] = 8003;
    }
    for (i = 0; i < 10; i++)
        b[nb++] = 6000 + i;
    pc_align_defaults(&p);
    CHECK_EQ_INT(pc_align_pair(M, a, 60, b, nb, &p, &out, &n, &cap), PC_OK);
    CHECK_EQ_INT(n, 1);
    if (n == 1) {
        CHECK_EQ_INT(out[0].a_start, 0);
        CHECK_EQ_INT(out[0].a_end, 40);
        CHECK_EQ_INT(out[0].b_start, 10);
        CHECK_EQ_INT(out[0].b_end, 53);
        CHECK_EQ_INT(out[0].words, 39);
        CHECK(out[0].identity > 0.9 && out[0].identity < 1.0);
    }
    /* a long gap is not bridged with max_gap = 2 */
    n = 0;
    p.max_gap = 2;
    CHECK_EQ_INT(pc_align_pair(M, a, 60, b, nb, &p, &out, &n, &cap), PC_OK);
    CHECK_EQ_INT(n, 2);
    /* nothing shared */
    n = 0;
    CHECK_EQ_INT(pc_align_pair(M, a, 60, a + 30, 0, &p, &out, &n, &cap), PC_OK);
    CHECK_EQ_INT(n, 0);
    p.anchor = 0;
    CHECK_EQ_INT(pc_align_pair(M, a, 60, b, nb, &p, &out, &n, &cap), PC_EINVAL);
    M->free(M->ctx, out);
}

static const char *S_docs[] = {
    "Baku, 3 May. The two foreign ministers agreed to continue work on the draft peace treaty and "
    "to hold the next round of border talks in Almaty, the ministry said.",
    "Yerevan — Officials confirmed on Friday that the two foreign ministers agreed to continue "
    "work on the draft peace treaty and to hold the next round of border commission talks in Almaty.",
    "Unrelated: the football season ended with a draw.",
};

static void test_reuse_offsets(void)
{
    size_t lens[3], i, n = 0;
    pc_passage *out = NULL;
    pc_align_params p;
    const char *want = "the two foreign ministers agreed to continue work on the draft peace treaty and "
                       "to hold the next round of border commission talks in Almaty";
    for (i = 0; i < 3; i++)
        lens[i] = strlen(S_docs[i]);
    pc_align_defaults(&p);
    CHECK_EQ_INT(pc_reuse(M, S_docs, lens, 3, &p, &out, &n), PC_OK);
    CHECK_EQ_INT(n, 1);
    if (n == 1) {
        /* ASCII except the em dash (3 bytes, 1 code point) in doc 1 */
        CHECK_EQ_INT(out[0].a, 0);
        CHECK_EQ_INT(out[0].b, 1);
        CHECK_EQ_STRN(S_docs[1] + out[0].b_start + 2, out[0].b_end - out[0].b_start, want);
        CHECK(out[0].words >= 24);
    }
    M->free(M->ctx, out);
}

/* LCS by the full table, to check the words of every passage (the engine
 * uses Myers' edit distance for close passages, the table otherwise) */
static size_t S_ref_lcs(const uint64_t *a, size_t la, const uint64_t *b, size_t lb)
{
    static size_t t[401][401];
    size_t i, j;
    for (i = 0; i <= la; i++)
        for (j = 0; j <= lb; j++)
            t[i][j] = !i || !j ? 0 : a[i - 1] == b[j - 1] ? t[i - 1][j - 1] + 1
                                   : t[i - 1][j] > t[i][j - 1] ? t[i - 1][j] : t[i][j - 1];
    return t[la][lb];
}

static void test_words_are_the_lcs(void)
{
    static uint64_t a[400], b[400];
    uint64_t r = 0x2545F4914F6CDD1DULL;
    pc_align_params p;
    pc_passage *out = NULL;
    size_t round, n, cap = 0, checked = 0;
    pc_align_defaults(&p);
    for (round = 0; round < 300; round++) {
        size_t na = 50 + round % 300, nb = 0, i, x, edits = round % 40;
        for (i = 0; i < na; i++) {
            r ^= r << 13, r ^= r >> 7, r ^= r << 17;
            a[i] = r % 5000;
        }
        /* b: a with `edits` random deletions, insertions and substitutions */
        for (i = 0; i < na && nb < 400; i++) {
            r ^= r << 13, r ^= r >> 7, r ^= r << 17;
            x = (size_t)(r % 1000);
            if (x < edits * 4) /* delete */
                continue;
            if (x < edits * 8 && nb < 399)
                b[nb++] = 9000 + r % 7; /* insert before */
            b[nb++] = x < edits * 12 ? 8000 + r % 3 : a[i];
        }
        n = 0;
        CHECK_EQ_INT(pc_align_pair(M, a, na, b, nb, &p, &out, &n, &cap), PC_OK);
        for (i = 0; i < n; i++, checked++)
            CHECK_EQ_INT(out[i].words, S_ref_lcs(a + out[i].a_start, out[i].a_end - out[i].a_start,
                                                 b + out[i].b_start, out[i].b_end - out[i].b_start));
    }
    CHECK(checked > 250);
    M->free(M->ctx, out);
}

static void test_enomem(void)
{
    size_t lens[3], i;
    long k;
    int done = 0;
    pc_align_params p;
    pc_align_defaults(&p);
    for (i = 0; i < 3; i++)
        lens[i] = strlen(S_docs[i]);
    for (k = 1; k < 500 && !done; k++) {
        pc_test_failctx c = {k, 0, 0};
        pc_mem fm = pc_test_failmem(&c);
        pc_passage *out = NULL;
        size_t n = 0;
        int rc = pc_reuse(&fm, S_docs, lens, 3, &p, &out, &n);
        CHECK(rc == PC_OK || rc == PC_ENOMEM);
        if (rc == PC_OK)
            done = 1;
        fm.free(fm.ctx, out);
        CHECK_EQ_INT(c.live, 0);
    }
    CHECK(done);
}

int main(void)
{
    M = pc_mem_default();
    RUN(test_pair_with_rewording);
    RUN(test_reuse_offsets);
    RUN(test_words_are_the_lcs);
    RUN(test_enomem);
    return pc_test_summary("test_align");
}
