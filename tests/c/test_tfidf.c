/* test_tfidf.c - TF-IDF weights and all-pairs cosine against values computed
 * with scikit-learn (TfidfVectorizer(sublinear_tf=True) + cosine_similarity)
 * on the same tokens: a a b | b c | (empty) | a b c c c. */
#include "harness.h"
#include "pc_tfidf.h"

static const pc_mem *M;

static double S_abs(double x) { return x < 0 ? -x : x; }

static const uint64_t S_tok[] = {11, 11, 22, 22, 33, 11, 22, 33, 33, 33};
static const size_t S_off[] = {0, 3, 5, 5, 10};

static void test_weights_and_pairs(void)
{
    pc_tfidf m;
    pc_score_pair *p = NULL;
    size_t n = 0, i;
    int found_c = 0;

    CHECK_EQ_INT(pc_tfidf_build(M, S_tok, S_off, 4, 1, &m), PC_OK);
    CHECK_EQ_INT(m.ndocs, 4);
    CHECK_EQ_INT(m.nterms, 3);
    CHECK_EQ_INT(m.rowptr[2], m.rowptr[3]); /* empty document, empty row */
    for (i = m.rowptr[3]; i < m.rowptr[4]; i++)
        if (m.term[m.col[i]] == 33) {
            CHECK(S_abs(m.val[i] - 0.852530870433938) < 1e-12);
            found_c = 1;
        }
    CHECK(found_c);
    CHECK_EQ_INT(pc_tfidf_pairs(M, &m, 0.0, 0, &p, &n), PC_OK);
    CHECK_EQ_INT(n, 3);
    CHECK(p[0].a == 0 && p[0].b == 1 && S_abs(p[0].score - 0.271434592415943) < 1e-12);
    CHECK(p[1].a == 0 && p[1].b == 3 && S_abs(p[1].score - 0.508366707972643) < 1e-12);
    CHECK(p[2].a == 1 && p[2].b == 3 && S_abs(p[2].score - 0.869547059271448) < 1e-12);
    M->free(M->ctx, p);
    CHECK_EQ_INT(pc_tfidf_pairs(M, &m, 0.5, 0, &p, &n), PC_OK);
    CHECK_EQ_INT(n, 2);
    M->free(M->ctx, p);
    CHECK_EQ_INT(pc_tfidf_pairs(M, &m, 0.0, 1, &p, &n), PC_ELIMIT);
    CHECK(p == NULL);
    pc_tfidf_free(M, &m);
}

static void test_empty(void)
{
    pc_tfidf m;
    pc_score_pair *p = NULL;
    size_t n = 7, off[1] = {0};
    CHECK_EQ_INT(pc_tfidf_build(M, NULL, off, 0, 1, &m), PC_OK);
    CHECK_EQ_INT(pc_tfidf_pairs(M, &m, 0.0, 0, &p, &n), PC_OK);
    CHECK_EQ_INT(n, 0);
    pc_tfidf_free(M, &m);
}

static void test_many_terms(void)
{
    /* force table growth: 5000 distinct terms over 50 documents */
    static uint64_t tok[5000];
    size_t off[51], i, n = 0;
    pc_tfidf m;
    pc_score_pair *p = NULL;
    for (i = 0; i < 5000; i++)
        tok[i] = (i % 4000) * 0x9E3779B97F4A7C15ULL + 1;
    for (i = 0; i <= 50; i++)
        off[i] = i * 100;
    CHECK_EQ_INT(pc_tfidf_build(M, tok, off, 50, 0, &m), PC_OK);
    CHECK_EQ_INT(m.nterms, 4000);
    CHECK_EQ_INT(pc_tfidf_pairs(M, &m, 0.0, 0, &p, &n), PC_OK);
    CHECK_EQ_INT(n, 10); /* docs 40..49 repeat docs 0..9 */
    for (i = 0; i < n; i++)
        CHECK(p[i].b == p[i].a + 40 && S_abs(p[i].score - 1.0) < 1e-12);
    M->free(M->ctx, p);
    pc_tfidf_free(M, &m);
}

static void test_enomem(void)
{
    long k;
    int done = 0;
    for (k = 1; k < 200 && !done; k++) {
        pc_test_failctx c = {k, 0, 0};
        pc_mem fm = pc_test_failmem(&c);
        pc_tfidf m;
        pc_score_pair *p = NULL;
        size_t n = 0;
        int rc = pc_tfidf_build(&fm, S_tok, S_off, 4, 1, &m);
        if (!rc) {
            rc = pc_tfidf_pairs(&fm, &m, 0.0, 0, &p, &n);
            pc_tfidf_free(&fm, &m);
        }
        CHECK(rc == PC_OK || rc == PC_ENOMEM);
        if (rc == PC_OK) {
            CHECK_EQ_INT(n, 3);
            done = 1;
        }
        fm.free(fm.ctx, p);
        CHECK_EQ_INT(c.live, 0);
    }
    CHECK(done);
}

int main(void)
{
    M = pc_mem_default();
    RUN(test_weights_and_pairs);
    RUN(test_empty);
    RUN(test_many_terms);
    RUN(test_enomem);
    return pc_test_summary("test_tfidf");
}
