/* test_topk.c - per-row top-k neighbours (pc_topk) against all pairs
 * (pc_tfidf_pairs), the budgeted candidate search, blocks of exact scores,
 * and the bag of words (pc_bag). */
#include "failloop.h"
#include "pc_shingle.h"
#include "pc_topk.h"

static const pc_mem *M;

static double S_abs(double x) { return x < 0 ? -x : x; }

/* a small random corpus: 60 documents of 5..40 tokens over a Zipf-ish vocabulary */
#define S_NDOCS 60
static uint64_t S_tok[S_NDOCS * 40];
static size_t S_off[S_NDOCS + 1];

static uint64_t S_rng(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

static void S_corpus(void)
{
    uint64_t r = 88172645463325252ULL;
    size_t d, n = 0;
    for (d = 0; d < S_NDOCS; d++) {
        size_t len = 5 + (size_t)(S_rng(&r) % 36), i;
        S_off[d] = n;
        for (i = 0; i < len; i++) {
            uint64_t x = S_rng(&r) % 1000;
            S_tok[n++] = 1 + x * x / 5000; /* small ids are frequent */
        }
    }
    S_off[S_NDOCS] = n;
}

/* reference: each row's k best from all pairs, ties by the smaller row */
static int S_better(double s1, size_t b1, double s2, size_t b2)
{
    return s1 > s2 || (s1 == s2 && b1 < b2);
}

static void S_check_against_pairs(const pc_tfidf *m, const pc_score_pair *got, size_t ngot, size_t k,
                                   int exact_order)
{
    static double full[S_NDOCS][S_NDOCS];
    pc_score_pair *all = NULL;
    size_t nall = 0, i, d, at = 0;
    memset(full, 0, sizeof full);
    CHECK_EQ_INT(pc_tfidf_pairs(M, m, 0.0, 0, &all, &nall), PC_OK);
    for (i = 0; i < nall; i++)
        full[all[i].a][all[i].b] = full[all[i].b][all[i].a] = all[i].score;
    M->free(M->ctx, all);
    for (d = 0; d < S_NDOCS; d++) {
        size_t want = 0, j, x;
        size_t best[S_NDOCS];
        /* selection of the k best by (score desc, row asc) */
        for (x = 0; x < k; x++) {
            size_t pick = S_NDOCS;
            for (j = 0; j < S_NDOCS; j++) {
                size_t y;
                int used = 0;
                if (j == d || !(full[d][j] > 0))
                    continue;
                for (y = 0; y < want; y++)
                    used |= best[y] == j;
                if (!used && (pick == S_NDOCS || S_better(full[d][j], j, full[d][pick], pick)))
                    pick = j;
            }
            if (pick == S_NDOCS)
                break;
            best[want++] = pick;
        }
        for (x = 0; x < want; x++, at++) {
            CHECK(at < ngot);
            if (at >= ngot)
                return;
            CHECK_EQ_INT(got[at].a, d);
            if (exact_order)
                CHECK_EQ_INT(got[at].b, best[x]);
            CHECK(S_abs(got[at].score - full[d][got[at].b]) < 1e-12);
        }
    }
    CHECK_EQ_INT(at, ngot);
}

static void test_exact_equals_all_pairs(void)
{
    pc_tfidf m;
    pc_topk_params p;
    pc_topk_stats st;
    pc_score_pair *out = NULL;
    size_t n = 0, k;
    CHECK_EQ_INT(pc_tfidf_build(M, S_tok, S_off, S_NDOCS, PC_TFIDF_SUBLINEAR, &m), PC_OK);
    for (k = 1; k <= S_NDOCS; k += 7) {
        memset(&p, 0, sizeof p);
        p.k = k;
        p.budget = UINT64_MAX;
        CHECK_EQ_INT(pc_topk(M, &m, &p, NULL, NULL, &out, &n, &st), PC_OK);
        CHECK(st.exact && st.terms_skipped == 0);
        S_check_against_pairs(&m, out, n, k, 1);
        M->free(M->ctx, out);
        /* the default budget is exact for a corpus this small */
        p.budget = 0;
        CHECK_EQ_INT(pc_topk(M, &m, &p, NULL, NULL, &out, &n, &st), PC_OK);
        CHECK(st.exact);
        S_check_against_pairs(&m, out, n, k, 1);
        M->free(M->ctx, out);
    }
    pc_tfidf_free(M, &m);
}

static void test_budget_skips_common_terms(void)
{
    pc_tfidf m;
    pc_topk_params p;
    pc_topk_stats st;
    pc_score_pair *out = NULL;
    size_t n = 0, i;
    CHECK_EQ_INT(pc_tfidf_build(M, S_tok, S_off, S_NDOCS, PC_TFIDF_SUBLINEAR, &m), PC_OK);
    memset(&p, 0, sizeof p);
    p.k = 5;
    p.budget = 2000; /* far less than every shared term needs */
    CHECK_EQ_INT(pc_topk(M, &m, &p, NULL, NULL, &out, &n, &st), PC_OK);
    CHECK(!st.exact && st.terms_skipped > 0 && st.work <= 2000 && st.max_df < S_NDOCS);
    /* scores are still exact dot products, best first within each row */
    for (i = 0; i < n; i++) {
        size_t j;
        double dot = 0;
        for (j = m.rowptr[out[i].a]; j < m.rowptr[out[i].a + 1]; j++) {
            size_t q;
            for (q = m.rowptr[out[i].b]; q < m.rowptr[out[i].b + 1]; q++)
                if (m.col[q] == m.col[j])
                    dot += m.val[j] * m.val[q];
        }
        CHECK(S_abs(dot - out[i].score) < 1e-12);
        CHECK(out[i].a != out[i].b);
        if (i && out[i].a == out[i - 1].a)
            CHECK(out[i].score <= out[i - 1].score);
    }
    M->free(M->ctx, out);
    /* min_score and k = 0 */
    p.budget = UINT64_MAX;
    p.min_score = 0.5;
    CHECK_EQ_INT(pc_topk(M, &m, &p, NULL, NULL, &out, &n, NULL), PC_OK);
    for (i = 0; i < n; i++)
        CHECK(out[i].score >= 0.5);
    M->free(M->ctx, out);
    p.k = 0;
    CHECK_EQ_INT(pc_topk(M, &m, &p, NULL, NULL, &out, &n, NULL), PC_EINVAL);
    pc_tfidf_free(M, &m);
}

/* rescoring by the caller: a score that prefers the larger row */
static double S_by_index(void *ctx, size_t a, size_t b)
{
    (void)ctx;
    (void)a;
    return (double)(b + 1);
}

static void test_rescore_and_block(void)
{
    pc_tfidf m;
    pc_topk_params p;
    pc_score_pair *out = NULL, *all = NULL;
    size_t n = 0, nall = 0, i, idx[4] = {3, 0, 7, 3};
    double block[16];
    CHECK_EQ_INT(pc_tfidf_build(M, S_tok, S_off, S_NDOCS, PC_TFIDF_SUBLINEAR, &m), PC_OK);
    memset(&p, 0, sizeof p);
    p.k = 2;
    p.candidates = S_NDOCS;
    CHECK_EQ_INT(pc_topk(M, &m, &p, S_by_index, NULL, &out, &n, NULL), PC_OK);
    for (i = 0; i + 1 < n; i++)
        if (out[i].a == out[i + 1].a)
            CHECK(out[i].b > out[i + 1].b);
    M->free(M->ctx, out);
    CHECK_EQ_INT(pc_tfidf_block(M, &m, idx, 4, block), PC_OK);
    CHECK_EQ_INT(pc_tfidf_pairs(M, &m, 0.0, 0, &all, &nall), PC_OK);
    CHECK(S_abs(block[0] - 1.0) < 1e-12 && S_abs(block[3] - 1.0) < 1e-12 && block[1] == block[4]);
    for (i = 0; i < nall; i++)
        if (all[i].a == 0 && all[i].b == 3)
            CHECK(S_abs(block[1] - all[i].score) < 1e-12);
    M->free(M->ctx, all);
    idx[0] = S_NDOCS;
    CHECK_EQ_INT(pc_tfidf_block(M, &m, idx, 4, block), PC_EINVAL);
    pc_tfidf_free(M, &m);
}

static void test_tiny(void)
{
    pc_tfidf m;
    pc_topk_params p;
    pc_score_pair *out = NULL;
    size_t n = 9, off[2] = {0, 0};
    memset(&p, 0, sizeof p);
    p.k = 3;
    CHECK_EQ_INT(pc_tfidf_build(M, NULL, off, 1, 1, &m), PC_OK);
    CHECK_EQ_INT(pc_topk(M, &m, &p, NULL, NULL, &out, &n, NULL), PC_OK);
    CHECK(n == 0 && out == NULL);
    pc_tfidf_free(M, &m);
}

static int S_topk_call(const pc_mem *mem, void *arg)
{
    pc_tfidf m;
    pc_topk_params p;
    pc_score_pair *out = NULL;
    size_t n = 0;
    int rc;
    memset(&p, 0, sizeof p);
    p.k = 4;
    p.budget = *(uint64_t *)arg;
    rc = pc_tfidf_build(mem, S_tok, S_off, S_NDOCS, PC_TFIDF_SUBLINEAR, &m);
    if (rc)
        return rc;
    rc = pc_topk(mem, &m, &p, NULL, NULL, &out, &n, NULL);
    mem->free(mem->ctx, out);
    pc_tfidf_free(mem, &m);
    return rc;
}

static void test_enomem(void)
{
    uint64_t exact = UINT64_MAX, pruned = 2000;
    CHECK(pc_failloop("topk exact", S_topk_call, &exact) > 0);
    CHECK(pc_failloop("topk pruned", S_topk_call, &pruned) > 0);
}

static const char *S_texts[] = {"Peace talks in Baku, peace talks.", "", "Talks resumed in BAKU"};

static int S_bag_call(const pc_mem *mem, void *arg)
{
    pc_bag b;
    size_t lens[3], i;
    int rc;
    (void)arg;
    for (i = 0; i < 3; i++)
        lens[i] = strlen(S_texts[i]);
    rc = pc_bag_build(mem, S_texts, lens, 3, 1, &b);
    pc_bag_free(mem, &b);
    return rc;
}

static void test_bag(void)
{
    pc_bag b;
    size_t lens[3], i, n;
    const char *w;
    for (i = 0; i < 3; i++)
        lens[i] = strlen(S_texts[i]);
    CHECK_EQ_INT(pc_bag_build(M, S_texts, lens, 3, 1, &b), PC_OK);
    CHECK_EQ_INT(b.vocab.n, 5); /* peace talks in baku resumed */
    w = pc_strmap_key(&b.vocab, 3, &n);
    CHECK(n == 4 && memcmp(w, "baku", 4) == 0);
    CHECK_EQ_INT(b.rowptr[1] - b.rowptr[0], 4);
    CHECK_EQ_INT(b.rowptr[2], b.rowptr[1]);
    CHECK(b.word[0] == 0 && b.count[0] == 2 && b.word[1] == 1 && b.count[1] == 2);
    CHECK_EQ_INT(b.nnz, 8);
    pc_bag_free(M, &b);
    CHECK(pc_failloop("bag", S_bag_call, NULL) > 0);
}

int main(void)
{
    M = pc_mem_default();
    S_corpus();
    RUN(test_exact_equals_all_pairs);
    RUN(test_budget_skips_common_terms);
    RUN(test_rescore_and_block);
    RUN(test_tiny);
    RUN(test_enomem);
    RUN(test_bag);
    return pc_test_summary("test_topk");
}
