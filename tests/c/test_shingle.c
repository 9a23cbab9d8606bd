/* test_shingle.c - tokenizer, folding, hashing, shingles, sorting, Jaccard. */
#include "pc_utf8.h"
#include "harness.h"
#include "pc_shingle.h"

static const pc_mem *M;

static pc_tokens S_tok(const char *s, int flags)
{
    pc_tokens t;
    memset(&t, 0, sizeof t);
    CHECK_EQ_INT(pc_words(M, s, strlen(s), 1, flags, &t), PC_OK);
    return t;
}

static void test_words_and_offsets(void)
{
    const char *s = "  Azerbaijan’s  co-chair, 12 talks!";
    pc_tokens t = S_tok(s, PC_WORDS_KEEP_FOLDED);
    CHECK_EQ_INT(t.n, 6);
    CHECK_EQ_STRN(s + t.start[0], t.end[0] - t.start[0], "Azerbaijan");
    CHECK_EQ_STRN(t.folded + t.foff[0], strlen(t.folded + t.foff[0]), "azerbaijan");
    CHECK_EQ_STRN(t.folded + t.foff[1], strlen(t.folded + t.foff[1]), "s");
    CHECK_EQ_STRN(t.folded + t.foff[2], strlen(t.folded + t.foff[2]), "co");
    CHECK_EQ_STRN(t.folded + t.foff[4], strlen(t.folded + t.foff[4]), "12");
    CHECK_EQ_STRN(s + t.start[5], t.end[5] - t.start[5], "talks");
    pc_tokens_free(M, &t);
}

static void test_folding(void)
{
    /* Naxçıvan (dotless i), upper case, NFKC ligature, combining accent */
    pc_tokens a = S_tok("Naxçıvan NAXÇIVAN naxcivan \xef\xac\x81ne fine Cafe\xcc\x81 cafe", PC_WORDS_KEEP_FOLDED);
    CHECK_EQ_INT(a.n, 7);
    CHECK(a.hash[0] == a.hash[1]);
    CHECK(a.hash[1] == a.hash[2]);
    CHECK(a.hash[3] == a.hash[4]);
    CHECK(a.hash[5] == a.hash[6]);
    CHECK(a.hash[0] != a.hash[3]);
    CHECK_EQ_STRN(a.folded + a.foff[0], strlen(a.folded + a.foff[0]), "naxcivan");
    pc_tokens_free(M, &a);
}

static void test_invalid_and_empty(void)
{
    pc_tokens t;
    memset(&t, 0, sizeof t);
    CHECK_EQ_INT(pc_words(M, "", 0, 1, 0, &t), PC_OK);
    CHECK_EQ_INT(t.n, 0);
    CHECK_EQ_INT(pc_words(M, "ab\xff\xfe" "cd\x00" "ef\xe2\x82", 11, 1, 0, &t), PC_OK);
    CHECK_EQ_INT(t.n, 3);
    CHECK_EQ_INT(pc_words(M, "...,;", 5, 1, 0, &t), PC_OK);
    CHECK_EQ_INT(t.n, 0);
    pc_tokens_free(M, &t);
}

static void test_hash(void)
{
    CHECK(pc_hash64("abc", 3, 1) == pc_hash64("abc", 3, 1));
    CHECK(pc_hash64("abc", 3, 1) != pc_hash64("abc", 3, 2));
    CHECK(pc_hash64("abc", 3, 1) != pc_hash64("abd", 3, 1));
    CHECK(pc_hash64("", 0, 1) != pc_hash64("\0", 1, 1));
    CHECK(pc_hash64("0123456789abcdef", 16, 1) != pc_hash64("0123456789abcdeg", 16, 1));
}

static void test_shingles(void)
{
    uint64_t tok[6] = {1, 2, 3, 4, 5, 1}, *out = NULL;
    size_t n = 0, cap = 0;
    CHECK_EQ_INT(pc_shingles(M, tok, 6, 5, 1, 1, &out, &n, &cap), PC_OK);
    CHECK_EQ_INT(n, 2);
    CHECK(out[0] < out[1]);
    CHECK_EQ_INT(pc_shingles(M, tok, 3, 5, 1, 1, &out, &n, &cap), PC_OK);
    CHECK_EQ_INT(n, 1);
    CHECK(out[0] == pc_shingle_hash(tok, 3, 1));
    CHECK_EQ_INT(pc_shingles(M, tok, 0, 5, 1, 1, &out, &n, &cap), PC_OK);
    CHECK_EQ_INT(n, 0);
    CHECK_EQ_INT(pc_shingles(M, tok, 6, 0, 1, 1, &out, &n, &cap), PC_EINVAL);
    CHECK_EQ_INT(pc_shingles(M, tok, 6, PC_SHINGLE_MAX_NGRAM + 1, 1, 1, &out, &n, &cap), PC_EINVAL);
    /* order matters */
    {
        uint64_t ab[2] = {7, 8}, ba[2] = {8, 7};
        CHECK(pc_shingle_hash(ab, 2, 1) != pc_shingle_hash(ba, 2, 1));
    }
    M->free(M->ctx, out);
}

static void test_sort_jaccard(void)
{
    uint64_t v[2000], a[4] = {1, 2, 3, 4}, b[4] = {3, 4, 5, 6};
    size_t i, n;
    uint64_t x = 88172645463325252ULL;
    for (i = 0; i < 2000; i++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        v[i] = x % 500;
    }
    n = pc_u64_sort_unique(v, 2000);
    CHECK(n <= 500 && n > 450);
    for (i = 1; i < n; i++)
        CHECK(v[i - 1] < v[i]);
    CHECK(pc_jaccard(a, 4, b, 4) == 2.0 / 6.0);
    CHECK(pc_jaccard(a, 0, b, 0) == 0.0);
    CHECK(pc_jaccard(a, 4, a, 4) == 1.0);
}

static void test_bytes_to_cp(void)
{
    const char *s = "a\xc3\xa7" "b\xe2\x80\x99" "c";
    size_t off[4] = {0, 1, 3, 7};
    CHECK_EQ_INT(pc_utf8_sizes_to_cp(s, strlen(s), off, 4, 1), PC_OK);
    CHECK_EQ_INT(off[0], 0);
    CHECK_EQ_INT(off[1], 1);
    CHECK_EQ_INT(off[2], 2);
    CHECK_EQ_INT(off[3], 4);
}

static void test_enomem(void)
{
    const char *s = "Naxçıvan talks resumed in Baku; Əliyev and Paşinyan met";
    long k;
    int done = 0;
    for (k = 1; k < 200 && !done; k++) {
        pc_test_failctx c = {k, 0, 0};
        pc_mem fm = pc_test_failmem(&c);
        pc_tokens t;
        uint64_t *sh = NULL;
        size_t n = 0, cap = 0;
        int rc;
        memset(&t, 0, sizeof t);
        rc = pc_words(&fm, s, strlen(s), 1, PC_WORDS_KEEP_FOLDED, &t);
        if (!rc)
            rc = pc_shingles(&fm, t.hash, t.n, 3, 1, 1, &sh, &n, &cap);
        CHECK(rc == PC_OK || rc == PC_ENOMEM);
        if (rc == PC_OK)
            done = 1;
        pc_tokens_free(&fm, &t);
        fm.free(fm.ctx, sh);
        CHECK_EQ_INT(c.live, 0);
    }
    CHECK(done);
}

int main(void)
{
    M = pc_mem_default();
    RUN(test_words_and_offsets);
    RUN(test_folding);
    RUN(test_invalid_and_empty);
    RUN(test_hash);
    RUN(test_shingles);
    RUN(test_sort_jaccard);
    RUN(test_bytes_to_cp);
    RUN(test_enomem);
    return pc_test_summary("test_shingle");
}
