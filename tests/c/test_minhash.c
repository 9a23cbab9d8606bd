/* test_minhash.c - MinHash estimator vs exact Jaccard, LSH params and
 * candidates, the near-duplicate pipeline, every ENOMEM path. */
#include "harness.h"
#include "pc_minhash.h"

static const pc_mem *M;

/* the tests link without -lm, like the engine */
static double S_sqrt(double x)
{
    double r = x > 1 ? x : 1;
    int k;
    if (x <= 0)
        return 0;
    for (k = 0; k < 60; k++)
        r = 0.5 * (r + x / r);
    return r;
}

static double S_fabs(double x) { return x < 0 ? -x : x; }

static uint64_t S_rng(uint64_t *s)
{
    uint64_t z = (*s += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

/* A and B of size n sharing `common` elements: J = common / (2n - common) */
static void S_sets(uint64_t *a, uint64_t *b, size_t n, size_t common, uint64_t *st)
{
    size_t i;
    for (i = 0; i < n; i++) {
        a[i] = S_rng(st);
        b[i] = i < common ? a[i] : S_rng(st);
    }
}

static void test_estimator(void)
{
    enum { N = 600, K = 256, TRIALS = 40 };
    static uint64_t a[N], b[N];
    static const size_t commons[] = {0, 100, 400, 540, 600};
    uint32_t sa[K], sb[K];
    uint64_t st = 42;
    size_t c, t;

    for (c = 0; c < sizeof commons / sizeof commons[0]; c++) {
        double j = (double)commons[c] / (2.0 * N - (double)commons[c]);
        double se = S_sqrt(j * (1 - j) / K), mean = 0;
        for (t = 0; t < TRIALS; t++) {
            pc_minhash mh;
            double est;
            S_sets(a, b, N, commons[c], &st);
            CHECK_EQ_INT(pc_minhash_init(M, &mh, K, 1000 + t), PC_OK);
            pc_minhash_sign(&mh, a, N, sa);
            pc_minhash_sign(&mh, b, N, sb);
            est = pc_minhash_estimate(sa, sb, K);
            /* each estimate within 4 standard errors (+1 slot for J = 0 or 1) */
            CHECK(S_fabs(est - j) <= 4 * se + 1.0 / K);
            mean += est / TRIALS;
            pc_minhash_free(M, &mh);
        }
        /* unbiased: the mean of 40 estimates within 3 standard errors of the mean */
        CHECK(S_fabs(mean - j) <= 3 * se / S_sqrt((double)TRIALS) + 1e-9);
    }
}

static void test_sign_properties(void)
{
    pc_minhash mh;
    uint64_t x[3] = {5, 6, 7}, y[6] = {7, 6, 5, 5, 6, 7};
    uint32_t s1[64], s2[64];
    size_t i;
    CHECK_EQ_INT(pc_minhash_init(M, &mh, 0, 1), PC_EINVAL);
    CHECK_EQ_INT(pc_minhash_init(M, &mh, PC_MINHASH_MAX_PERM + 1, 1), PC_EINVAL);
    CHECK_EQ_INT(pc_minhash_init(M, &mh, 64, 1), PC_OK);
    /* order and repeats do not matter */
    pc_minhash_sign(&mh, x, 3, s1);
    pc_minhash_sign(&mh, y, 6, s2);
    CHECK(memcmp(s1, s2, sizeof s1) == 0);
    CHECK(pc_minhash_estimate(s1, s2, 64) == 1.0);
    pc_minhash_sign(&mh, x, 0, s1);
    for (i = 0; i < 64; i++)
        CHECK(s1[i] == 0xFFFFFFFFu);
    pc_minhash_free(M, &mh);
}

/* the SIMD kernel (when the CPU has it) equals the documented formula */
static void test_sign_matches_formula(void)
{
    static const size_t ks[] = {8, 13, 64, 130};
    uint64_t sh[300], st = 99;
    uint32_t sig[130];
    size_t c, i, j;
    for (i = 0; i < 300; i++)
        sh[i] = S_rng(&st);
    for (c = 0; c < 4; c++) {
        pc_minhash mh;
        int same = 1;
        CHECK_EQ_INT(pc_minhash_init(M, &mh, ks[c], 5), PC_OK);
        pc_minhash_sign(&mh, sh, 300, sig);
        for (j = 0; j < ks[c]; j++) {
            uint32_t best = 0xFFFFFFFFu;
            for (i = 0; i < 300; i++) {
                uint64_t x = (uint32_t)(sh[i] ^ (sh[i] >> 32));
                uint32_t h = (uint32_t)((mh.a[j] * x + mh.b[j]) >> 32);
                best = h < best ? h : best;
            }
            same &= sig[j] == best;
        }
        CHECK(same);
        pc_minhash_free(M, &mh);
    }
}

static void test_lsh_params(void)
{
    size_t b, r;
    /* the same choices as datasketch's _optimal_param */
    CHECK_EQ_INT(pc_lsh_params(0.8, 128, 0.5, 0.5, &b, &r), PC_OK);
    CHECK_EQ_INT(b, 9);
    CHECK_EQ_INT(r, 13);
    CHECK_EQ_INT(pc_lsh_params(0.5, 128, 0.5, 0.5, &b, &r), PC_OK);
    CHECK_EQ_INT(b, 25);
    CHECK_EQ_INT(r, 5);
    CHECK_EQ_INT(pc_lsh_params(0.9, 256, 0.5, 0.5, &b, &r), PC_OK);
    CHECK_EQ_INT(b, 9);
    CHECK_EQ_INT(r, 28);
    CHECK_EQ_INT(pc_lsh_params(0.0, 128, 0.5, 0.5, &b, &r), PC_EINVAL);
    CHECK_EQ_INT(pc_lsh_params(1.5, 128, 0.5, 0.5, &b, &r), PC_EINVAL);
}

/* 300 random sets; docs 2i and 2i+1 (i < 50) share 90%+ of elements */
static void test_lsh_finds_planted(void)
{
    enum { D = 300, N = 200, K = 128 };
    static uint64_t sets[D][N];
    static uint32_t sig[D * K];
    pc_minhash mh;
    uint64_t st = 7, *pairs = NULL;
    size_t d, i, np = 0, b, r, found = 0;

    for (d = 0; d < D; d++)
        for (i = 0; i < N; i++)
            sets[d][i] = S_rng(&st);
    for (d = 0; d < 100; d += 2)
        for (i = 0; i < N - 10; i++)
            sets[d + 1][i] = sets[d][i]; /* J = 190/210 = 0.905 */
    CHECK_EQ_INT(pc_minhash_init(M, &mh, K, 3), PC_OK);
    for (d = 0; d < D; d++)
        pc_minhash_sign(&mh, sets[d], N, sig + d * K);
    CHECK_EQ_INT(pc_lsh_params(0.8, K, PC_NEARDUP_WFP, PC_NEARDUP_WFN, &b, &r), PC_OK);
    CHECK_EQ_INT(b, 16);
    CHECK_EQ_INT(r, 8);
    CHECK_EQ_INT(pc_lsh_candidates(M, sig, D, K, b, r, NULL, 0, &pairs, &np), PC_OK);
    for (i = 0; i < np; i++) {
        size_t x = (size_t)(pairs[i] >> 32), y = (size_t)(pairs[i] & 0xFFFFFFFFu);
        CHECK(x < y);
        if (x % 2 == 0 && y == x + 1 && x < 100)
            found++;
    }
    CHECK_EQ_INT(found, 50);
    CHECK(np < 60); /* random pairs (J ~ 0) almost never collide */
    M->free(M->ctx, pairs);
    /* limits and bad arguments */
    CHECK_EQ_INT(pc_lsh_candidates(M, sig, D, K, b, r, NULL, 10, &pairs, &np), PC_ELIMIT);
    CHECK(pairs == NULL);
    CHECK_EQ_INT(pc_lsh_candidates(M, sig, D, K, 20, 13, NULL, 0, &pairs, &np), PC_EINVAL);
    pc_minhash_free(M, &mh);
}

static const char *S_docs[] = {
    "The foreign ministers of Armenia and Azerbaijan met in Washington to discuss the draft peace treaty and border delimitation.",
    "The foreign ministers of Armenia and Azerbaijan met in Washington to discuss the draft peace treaty and border delimitation!",
    "Completely different text about football results and the weather in the mountains this weekend.",
    "",
    "",
    "THE FOREIGN MINISTERS OF ARMENIA AND AZERBAIJAN MET IN WASHINGTON TO DISCUSS THE DRAFT PEACE TREATY AND BORDER DELIMITATION",
};

static void test_neardup(void)
{
    size_t lens[6], i, n = 0;
    pc_dup_pair *out = NULL;
    for (i = 0; i < 6; i++)
        lens[i] = strlen(S_docs[i]);
    CHECK_EQ_INT(pc_neardup(M, S_docs, lens, 6, 128, 5, 1, 0.8, 0, 0, 0.8, 0, &out, &n), PC_OK);
    CHECK_EQ_INT(n, 3); /* 0-1, 0-5, 1-5; the empty documents 3, 4 never pair */
    CHECK_EQ_INT(out[0].a, 0);
    CHECK_EQ_INT(out[0].b, 1);
    CHECK(out[0].jaccard == 1.0 && out[0].jaccard_est == 1.0);
    CHECK_EQ_INT(out[2].a, 1);
    CHECK_EQ_INT(out[2].b, 5);
    M->free(M->ctx, out);
    CHECK_EQ_INT(pc_neardup(M, S_docs, lens, 6, 128, 5, 1, 0.0, 0, 0, 0.8, 0, &out, &n), PC_EINVAL);
    CHECK_EQ_INT(pc_neardup(M, S_docs, lens, 0, 128, 5, 1, 0.8, 0, 0, 0.8, 0, &out, &n), PC_OK);
    CHECK_EQ_INT(n, 0);
}

static void test_enomem(void)
{
    size_t lens[6], i;
    long k;
    int done = 0;
    for (i = 0; i < 6; i++)
        lens[i] = strlen(S_docs[i]);
    for (k = 1; k < 500 && !done; k++) {
        pc_test_failctx c = {k, 0, 0};
        pc_mem fm = pc_test_failmem(&c);
        pc_dup_pair *out = NULL;
        size_t n = 0;
        int rc = pc_neardup(&fm, S_docs, lens, 6, 64, 3, 1, 0.7, 0, 0, 0.7, 0, &out, &n);
        CHECK(rc == PC_OK || rc == PC_ENOMEM);
        if (rc == PC_OK) {
            done = 1;
            CHECK_EQ_INT(n, 3);
        } else {
            CHECK(out == NULL);
        }
        fm.free(fm.ctx, out);
        CHECK_EQ_INT(c.live, 0);
    }
    CHECK(done);
}

int main(void)
{
    M = pc_mem_default();
    RUN(test_estimator);
    RUN(test_sign_properties);
    RUN(test_sign_matches_formula);
    RUN(test_lsh_params);
    RUN(test_lsh_finds_planted);
    RUN(test_neardup);
    RUN(test_enomem);
    return pc_test_summary("test_minhash");
}
