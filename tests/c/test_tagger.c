/* test_tagger.c - unit tests of the averaged-perceptron tagger (pc_tagger). */
#include "harness.h"
#include "pc_tagger.h"

#define MAXTOK 32

typedef struct {
    const char *text;
    const char *labels; /* one char per token: O, P/p (B/I-PER), G/g ORG, L/l LOC, M/m MISC */
} toy;

static const toy S_toys[] = {
    {"Foreign Minister Ararat Mirzoyan met Jeyhun Bayramov in Brussels .", "OOPpOPpOLO"},
    {"The European Union said talks in Washington went well .", "OGgOOOLOOO"},
    {"Nikol Pashinyan and Ilham Aliyev spoke in Armenian and Azerbaijani .", "PpOPpOOMOMO"},
    {"Charles Michel of the European Council hosted them in Brussels .", "PpOOGgOOOLO"},
    {"Analysts at the International Crisis Group in Baku were cautious .", "OOOGggOLOOO"},
    {"Zaur Мамедов from Ереван said nothing .", "PpOLOOO"},
};
#define NTOYS (sizeof S_toys / sizeof S_toys[0])

static int S_label(char c)
{
    switch (c) {
    case 'P': return PC_TAG_B_PER;
    case 'p': return PC_TAG_I_PER;
    case 'G': return PC_TAG_B_ORG;
    case 'g': return PC_TAG_I_ORG;
    case 'L': return PC_TAG_B_LOC;
    case 'l': return PC_TAG_I_LOC;
    case 'M': return PC_TAG_B_MISC;
    case 'm': return PC_TAG_I_MISC;
    default: return PC_TAG_O;
    }
}

/* Split on single spaces into byte spans; returns the token count. */
static size_t S_split(const char *text, pc_span *spans)
{
    size_t n = 0, i = 0, start = 0, len = strlen(text);
    for (i = 0; i <= len; i++) {
        if (i == len || text[i] == ' ') {
            spans[n].start = (uint32_t)start;
            spans[n].end = (uint32_t)i;
            n++;
            start = i + 1;
        }
    }
    return n;
}

static void S_gold(const toy *t, uint8_t *gold, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        gold[i] = (uint8_t)S_label(t->labels[i]);
}

/* Train `epochs` passes over the toys; returns PC_OK or the first error. */
static int S_train(pc_tagger *t, int epochs)
{
    int e, rc;
    size_t k;
    for (e = 0; e < epochs; e++)
        for (k = 0; k < NTOYS; k++) {
            pc_span sp[MAXTOK];
            uint8_t gold[MAXTOK];
            size_t n = S_split(S_toys[k].text, sp);
            S_gold(&S_toys[k], gold, n);
            rc = pc_tagger_train_sentence(t, S_toys[k].text, strlen(S_toys[k].text), sp, n, NULL,
                                          gold, NULL);
            if (rc != PC_OK)
                return rc;
        }
    return PC_OK;
}

/* Number of toy tokens the model gets wrong (or -1 on an error). */
static int S_errors(const pc_tagger *t, const pc_mem *mem)
{
    int errs = 0;
    size_t k, i;
    for (k = 0; k < NTOYS; k++) {
        pc_span sp[MAXTOK];
        uint8_t gold[MAXTOK], out[MAXTOK];
        size_t n = S_split(S_toys[k].text, sp);
        S_gold(&S_toys[k], gold, n);
        if (pc_tagger_tag(t, S_toys[k].text, strlen(S_toys[k].text), sp, n, NULL, out, mem) != PC_OK)
            return -1;
        for (i = 0; i < n; i++)
            errs += out[i] != gold[i];
    }
    return errs;
}

static pc_tagger *S_toy_model(void)
{
    pc_tagger *t = NULL;
    if (pc_tagger_new(pc_mem_default(), 12, &t) != PC_OK)
        return NULL;
    if (S_train(t, 10) != PC_OK || pc_tagger_finalize(t) != PC_OK) {
        pc_tagger_free(t);
        return NULL;
    }
    return t;
}

static void test_learns_toys(void)
{
    pc_tagger *t = NULL, *avg = NULL;
    size_t k;
    CHECK_EQ_INT(pc_tagger_new(pc_mem_default(), 12, &t), PC_OK);
    CHECK_EQ_INT(pc_tagger_is_final(t), 0);
    CHECK_EQ_INT(S_train(t, 10), PC_OK);
    /* tagging a trainer is refused; the averaged copy tags */
    CHECK_EQ_INT(S_errors(t, pc_mem_default()), -1);
    CHECK_EQ_INT(pc_tagger_averaged(t, pc_mem_default(), &avg), PC_OK);
    CHECK_EQ_INT(S_errors(avg, pc_mem_default()), 0);
    CHECK_EQ_INT(pc_tagger_finalize(t), PC_OK);
    CHECK_EQ_INT(pc_tagger_finalize(t), PC_OK); /* idempotent */
    CHECK_EQ_INT(pc_tagger_is_final(t), 1);
    CHECK_EQ_INT(S_errors(t, pc_mem_default()), 0);
    /* the in-place and the copying average give the same model */
    for (k = 0; k < NTOYS; k++) {
        pc_span sp[MAXTOK];
        uint8_t a[MAXTOK], b[MAXTOK];
        size_t n = S_split(S_toys[k].text, sp);
        const char *x = S_toys[k].text;
        CHECK_EQ_INT(pc_tagger_tag(t, x, strlen(x), sp, n, NULL, a, pc_mem_default()), PC_OK);
        CHECK_EQ_INT(pc_tagger_tag(avg, x, strlen(x), sp, n, NULL, b, pc_mem_default()), PC_OK);
        CHECK(memcmp(a, b, n) == 0);
    }
    /* training a finalized model is refused */
    CHECK_EQ_INT(S_train(t, 1), PC_EINVAL);
    pc_tagger_free(t);
    pc_tagger_free(avg);
}

static void test_dropout_deterministic(void)
{
    /* same seed -> byte-identical models; dropout still learns the toys */
    pc_tagger *a = NULL, *b = NULL;
    uint8_t *ba = NULL, *bb = NULL;
    size_t la = 0, lb = 0;
    CHECK_EQ_INT(pc_tagger_new(pc_mem_default(), 12, &a), PC_OK);
    CHECK_EQ_INT(pc_tagger_new(pc_mem_default(), 12, &b), PC_OK);
    CHECK_EQ_INT(pc_tagger_set_dropout(a, 100, 7), PC_OK);
    CHECK_EQ_INT(pc_tagger_set_dropout(b, 100, 7), PC_OK);
    CHECK_EQ_INT(S_train(a, 15), PC_OK);
    CHECK_EQ_INT(S_train(b, 15), PC_OK);
    CHECK_EQ_INT(pc_tagger_finalize(a), PC_OK);
    CHECK_EQ_INT(pc_tagger_finalize(b), PC_OK);
    CHECK_EQ_INT(pc_tagger_save(a, pc_mem_default(), &ba, &la), PC_OK);
    CHECK_EQ_INT(pc_tagger_save(b, pc_mem_default(), &bb, &lb), PC_OK);
    CHECK(la == lb && ba && bb && memcmp(ba, bb, la) == 0);
    CHECK_EQ_INT(S_errors(a, pc_mem_default()), 0);
    free(ba);
    free(bb);
    pc_tagger_free(a);
    pc_tagger_free(b);
}

static void test_generalizes_title_cue(void)
{
    /* an unseen name after a title seen in training */
    const char *x = "Foreign Minister Sergei Lavrov met Charles Michel in Baku .";
    pc_span sp[MAXTOK];
    uint8_t out[MAXTOK];
    size_t n = S_split(x, sp);
    pc_tagger *t = S_toy_model();
    CHECK(t != NULL);
    if (!t)
        return;
    CHECK_EQ_INT(pc_tagger_tag(t, x, strlen(x), sp, n, NULL, out, pc_mem_default()), PC_OK);
    CHECK_EQ_INT(out[2], PC_TAG_B_PER);
    CHECK_EQ_INT(out[3], PC_TAG_I_PER);
    CHECK_EQ_INT(out[8], PC_TAG_B_LOC);
    pc_tagger_free(t);
}

static void test_bio_constraint(void)
{
    /* the decoder never emits I-X after something other than B-X/I-X */
    const char *x = "talks European Union Brussels Nikol Pashinyan Council Group in . Мамедов Zaur";
    pc_span sp[MAXTOK];
    uint8_t out[MAXTOK];
    size_t n = S_split(x, sp), i;
    pc_tagger *t = S_toy_model();
    CHECK(t != NULL);
    if (!t)
        return;
    CHECK_EQ_INT(pc_tagger_tag(t, x, strlen(x), sp, n, NULL, out, pc_mem_default()), PC_OK);
    for (i = 0; i < n; i++) {
        CHECK(out[i] < PC_TAGGER_NLABELS);
        if (out[i] != 0 && out[i] % 2 == 0)
            CHECK(i > 0 && (out[i - 1] == out[i] || out[i - 1] == out[i] - 1));
    }
    pc_tagger_free(t);
}

static void test_roundtrip(void)
{
    pc_tagger *t = S_toy_model(), *u = NULL;
    uint8_t *blob = NULL, *blob2 = NULL;
    size_t len = 0, len2 = 0, k;
    CHECK(t != NULL);
    if (!t)
        return;
    CHECK_EQ_INT(pc_tagger_save(t, pc_mem_default(), &blob, &len), PC_OK);
    CHECK(len > 32 + (1u << 12) / 8);
    CHECK_EQ_INT(pc_tagger_load(pc_mem_default(), blob, len, &u), PC_OK);
    CHECK_EQ_INT(pc_tagger_is_final(u), 1);
    CHECK_EQ_INT(pc_tagger_save(u, pc_mem_default(), &blob2, &len2), PC_OK);
    CHECK_EQ_INT(len2, len);
    CHECK(blob2 && memcmp(blob, blob2, len) == 0);
    for (k = 0; k < NTOYS; k++) {
        pc_span sp[MAXTOK];
        uint8_t a[MAXTOK], b[MAXTOK];
        size_t n = S_split(S_toys[k].text, sp);
        const char *x = S_toys[k].text;
        CHECK_EQ_INT(pc_tagger_tag(t, x, strlen(x), sp, n, NULL, a, pc_mem_default()), PC_OK);
        CHECK_EQ_INT(pc_tagger_tag(u, x, strlen(x), sp, n, NULL, b, pc_mem_default()), PC_OK);
        CHECK(memcmp(a, b, n) == 0);
    }
    /* a trainer cannot be saved */
    {
        pc_tagger *tr = NULL;
        uint8_t *b3 = NULL;
        size_t l3 = 0;
        CHECK_EQ_INT(pc_tagger_new(pc_mem_default(), 8, &tr), PC_OK);
        CHECK_EQ_INT(pc_tagger_save(tr, pc_mem_default(), &b3, &l3), PC_EINVAL);
        CHECK(b3 == NULL);
        pc_tagger_free(tr);
    }
    free(blob);
    free(blob2);
    pc_tagger_free(t);
    pc_tagger_free(u);
}

static void test_corrupt_blobs(void)
{
    pc_tagger *t = S_toy_model(), *u = NULL;
    uint8_t *blob = NULL, *bad;
    size_t len = 0, i;
    int rejected = 1;
    CHECK(t != NULL);
    if (!t)
        return;
    CHECK_EQ_INT(pc_tagger_save(t, pc_mem_default(), &blob, &len), PC_OK);
    bad = (uint8_t *)malloc(len + 1);
    /* every truncation */
    for (i = 0; i < len; i++) {
        u = NULL;
        if (pc_tagger_load(pc_mem_default(), blob, i, &u) != PC_EINVAL || u != NULL)
            rejected = 0;
        pc_tagger_free(u);
    }
    CHECK(rejected);
    /* one extra byte */
    memcpy(bad, blob, len);
    bad[len] = 0;
    CHECK_EQ_INT(pc_tagger_load(pc_mem_default(), bad, len + 1, &u), PC_EINVAL);
    /* every single-byte corruption */
    rejected = 1;
    for (i = 0; i < len; i++) {
        memcpy(bad, blob, len);
        bad[i] ^= 0x5a;
        u = NULL;
        if (pc_tagger_load(pc_mem_default(), bad, len, &u) != PC_EINVAL || u != NULL)
            rejected = 0;
        pc_tagger_free(u);
    }
    CHECK(rejected);
    CHECK_EQ_INT(pc_tagger_load(pc_mem_default(), NULL, 0, &u), PC_EINVAL);
    CHECK_EQ_INT(pc_tagger_load(pc_mem_default(), NULL, 5, &u), PC_EINVAL);
    free(bad);
    free(blob);
    pc_tagger_free(t);
}

static void test_arguments(void)
{
    pc_tagger *t = S_toy_model(), *tr = NULL;
    const char *x = "Baku talks";
    pc_span sp[2] = {{0, 4}, {5, 10}}, badsp[1] = {{5, 11}}, inv[1] = {{4, 3}};
    uint8_t out[2], gold[2] = {PC_TAG_B_LOC, 9};
    int32_t ext[2] = {3, -7};
    CHECK(t != NULL);
    if (!t)
        return;
    CHECK_EQ_INT(pc_tagger_new(pc_mem_default(), PC_TAGGER_MIN_LOG2 - 1, &tr), PC_EINVAL);
    CHECK_EQ_INT(pc_tagger_new(pc_mem_default(), PC_TAGGER_MAX_LOG2 + 1, &tr), PC_EINVAL);
    CHECK(tr == NULL);
    CHECK_EQ_INT(pc_tagger_tag(t, x, strlen(x), badsp, 1, NULL, out, pc_mem_default()), PC_EINVAL);
    CHECK_EQ_INT(pc_tagger_tag(t, x, strlen(x), inv, 1, NULL, out, pc_mem_default()), PC_EINVAL);
    CHECK_EQ_INT(pc_tagger_tag(t, x, strlen(x), NULL, 1, NULL, out, pc_mem_default()), PC_EINVAL);
    CHECK_EQ_INT(pc_tagger_tag(t, x, strlen(x), sp, 0, NULL, NULL, pc_mem_default()), PC_OK);
    CHECK_EQ_INT(pc_tagger_tag(t, x, strlen(x), sp, 2, ext, out, pc_mem_default()), PC_OK);
    CHECK_EQ_INT(pc_tagger_tag(NULL, x, strlen(x), sp, 2, NULL, out, pc_mem_default()), PC_EINVAL);
    CHECK_EQ_INT(pc_tagger_new(pc_mem_default(), 8, &tr), PC_OK);
    CHECK_EQ_INT(pc_tagger_train_sentence(tr, x, strlen(x), sp, 2, NULL, gold, NULL), PC_EINVAL);
    gold[1] = PC_TAG_O;
    CHECK_EQ_INT(pc_tagger_train_sentence(tr, x, strlen(x), badsp, 1, NULL, gold, NULL), PC_EINVAL);
    CHECK_EQ_INT(pc_tagger_train_sentence(tr, x, strlen(x), sp, 2, ext, gold, NULL), PC_OK);
    CHECK_EQ_INT(pc_tagger_set_dropout(tr, 1001, 1), PC_EINVAL);
    CHECK_EQ_INT(pc_tagger_set_dropout(tr, 100, 1), PC_OK);
    CHECK_EQ_INT(pc_tagger_train_sentence(tr, x, strlen(x), sp, 2, ext, gold, NULL), PC_OK);
    CHECK_EQ_INT(pc_tagger_set_dropout(t, 100, 1), PC_EINVAL); /* finalized */
    CHECK_EQ_STRN(pc_tagger_label_name(PC_TAG_I_MISC), 6, "I-MISC");
    CHECK_EQ_STRN(pc_tagger_label_name(42), 1, "?");
    pc_tagger_free(tr);
    pc_tagger_free(t);
    pc_tagger_free(NULL);
}

static void test_odd_bytes(void)
{
    /* invalid UTF-8, empty tokens, NUL-free garbage: no crash, valid labels */
    const char x[] = "\xff\xfe Ab\xc3 \xe2\x82 Z\xcc\x81 ";
    pc_span sp[5] = {{0, 2}, {3, 6}, {6, 6}, {7, 9}, {10, 13}};
    uint8_t out[5];
    size_t i;
    pc_tagger *t = S_toy_model();
    CHECK(t != NULL);
    if (!t)
        return;
    CHECK_EQ_INT(pc_tagger_tag(t, x, sizeof x - 1, sp, 5, NULL, out, pc_mem_default()), PC_OK);
    for (i = 0; i < 5; i++)
        CHECK(out[i] < PC_TAGGER_NLABELS);
    pc_tagger_free(t);
}

static void test_enomem(void)
{
    pc_test_failctx c;
    pc_mem fm;
    long k;
    int rc;
    pc_tagger *good = S_toy_model();
    uint8_t *blob = NULL;
    size_t len = 0;
    const char *x = S_toys[0].text;
    pc_span sp[MAXTOK];
    uint8_t out[MAXTOK];
    size_t n = S_split(x, sp);

    CHECK(good != NULL);
    if (!good)
        return;
    CHECK_EQ_INT(pc_tagger_save(good, pc_mem_default(), &blob, &len), PC_OK);

    /* new + train + averaged + finalize + save + tag, failing at every allocation */
    for (k = 1;; k++) {
        pc_tagger *t = NULL, *avg = NULL;
        uint8_t *b = NULL;
        size_t bl = 0;
        memset(&c, 0, sizeof c);
        c.fail_at = k;
        fm = pc_test_failmem(&c);
        rc = pc_tagger_new(&fm, 10, &t);
        if (rc == PC_OK)
            rc = S_train(t, 2);
        if (rc == PC_OK)
            rc = pc_tagger_averaged(t, &fm, &avg);
        if (rc == PC_OK) {
            rc = pc_tagger_finalize(t);
            if (rc != PC_OK) /* the trainer survives a failed finalize */
                CHECK(!pc_tagger_is_final(t));
        }
        if (rc == PC_OK)
            rc = pc_tagger_save(t, &fm, &b, &bl);
        if (rc == PC_OK)
            rc = pc_tagger_tag(t, x, strlen(x), sp, n, NULL, out, &fm);
        CHECK(rc == PC_OK || rc == PC_ENOMEM);
        fm.free(fm.ctx, b);
        pc_tagger_free(avg);
        pc_tagger_free(t);
        CHECK_EQ_INT(c.live, 0);
        if (rc == PC_OK)
            break;
        if (k > 1000) {
            CHECK(0);
            break;
        }
    }
    CHECK(k > 8);

    /* load, failing at every allocation */
    for (k = 1;; k++) {
        pc_tagger *u = NULL;
        memset(&c, 0, sizeof c);
        c.fail_at = k;
        fm = pc_test_failmem(&c);
        rc = pc_tagger_load(&fm, blob, len, &u);
        CHECK(rc == PC_OK || rc == PC_ENOMEM);
        CHECK(rc == PC_OK || u == NULL);
        pc_tagger_free(u);
        CHECK_EQ_INT(c.live, 0);
        if (rc == PC_OK || k > 100)
            break;
    }
    CHECK_EQ_INT(rc, PC_OK);
    free(blob);
    pc_tagger_free(good);
}

/* One scratch reused over sentences of growing and shrinking length gives
 * the labels of pc_tagger_tag; failing allocations give PC_ENOMEM, no leak. */
static void test_scratch(void)
{
    pc_tagger *t = S_toy_model(), *tr = NULL;
    pc_tagger_scratch *sc = NULL;
    pc_test_failctx c;
    pc_mem fm;
    char big[40 * 64];
    pc_span bsp[40 * 16];
    uint8_t a[40 * 16], b[40 * 16];
    size_t k, bn, blen = 0;
    int rep, rc;
    long i;

    CHECK(t != NULL);
    if (!t)
        return;
    /* 40 copies of every toy in one long sentence (past any initial capacity) */
    big[0] = 0;
    for (k = 0; k < 40; k++) {
        const char *x = S_toys[k % NTOYS].text;
        if (blen)
            big[blen++] = ' ';
        memcpy(big + blen, x, strlen(x) + 1);
        blen += strlen(x);
    }
    bn = S_split(big, bsp);
    CHECK(bn > 300 && bn <= sizeof a);
    CHECK_EQ_INT(pc_tagger_scratch_new(pc_mem_default(), &sc), PC_OK);
    for (rep = 0; rep < 2; rep++) {
        for (k = 0; k < NTOYS; k++) {
            pc_span sp[MAXTOK];
            const char *x = S_toys[k].text;
            size_t n = S_split(x, sp);
            CHECK_EQ_INT(pc_tagger_tag_scratch(t, sc, x, strlen(x), sp, n, NULL, a), PC_OK);
            CHECK_EQ_INT(pc_tagger_tag(t, x, strlen(x), sp, n, NULL, b, pc_mem_default()), PC_OK);
            CHECK(memcmp(a, b, n) == 0);
        }
        CHECK_EQ_INT(pc_tagger_tag_scratch(t, sc, big, blen, bsp, bn, NULL, a), PC_OK);
        CHECK_EQ_INT(pc_tagger_tag(t, big, blen, bsp, bn, NULL, b, pc_mem_default()), PC_OK);
        CHECK(memcmp(a, b, bn) == 0);
    }
    /* the long sentence tags its copies of the first toy as the toy alone */
    CHECK_EQ_INT(S_label(S_toys[0].labels[2]), PC_TAG_B_PER);
    CHECK_EQ_INT(a[2], PC_TAG_B_PER);
    /* arguments */
    CHECK_EQ_INT(pc_tagger_tag_scratch(t, NULL, big, blen, bsp, bn, NULL, a), PC_EINVAL);
    CHECK_EQ_INT(pc_tagger_tag_scratch(t, sc, big, blen, bsp, 0, NULL, a), PC_OK);
    CHECK_EQ_INT(pc_tagger_tag_scratch(t, sc, big, blen, NULL, 3, NULL, a), PC_EINVAL);
    CHECK_EQ_INT(pc_tagger_new(pc_mem_default(), 8, &tr), PC_OK);
    CHECK_EQ_INT(pc_tagger_tag_scratch(tr, sc, big, blen, bsp, bn, NULL, a), PC_EINVAL);
    CHECK_EQ_INT(pc_tagger_scratch_new(NULL, &sc), PC_EINVAL);
    CHECK_EQ_INT(pc_tagger_scratch_new(pc_mem_default(), NULL), PC_EINVAL);
    pc_tagger_scratch_free(sc);
    pc_tagger_scratch_free(NULL);
    pc_tagger_free(tr);

    /* failing at every allocation of new + tag + tag (growing) */
    for (i = 1;; i++) {
        pc_tagger_scratch *s2 = NULL;
        memset(&c, 0, sizeof c);
        c.fail_at = i;
        fm = pc_test_failmem(&c);
        rc = pc_tagger_scratch_new(&fm, &s2);
        if (rc == PC_OK)
            rc = pc_tagger_tag_scratch(t, s2, big, blen, bsp, 5, NULL, a);
        if (rc == PC_OK)
            rc = pc_tagger_tag_scratch(t, s2, big, blen, bsp, bn, NULL, a);
        CHECK(rc == PC_OK || rc == PC_ENOMEM);
        pc_tagger_scratch_free(s2);
        CHECK_EQ_INT(c.live, 0);
        if (rc == PC_OK || i > 100)
            break;
    }
    CHECK_EQ_INT(rc, PC_OK);
    CHECK(i > 3);
    CHECK(memcmp(a, b, bn) == 0);
    pc_tagger_free(t);
}

int main(void)
{
    RUN(test_learns_toys);
    RUN(test_dropout_deterministic);
    RUN(test_generalizes_title_cue);
    RUN(test_bio_constraint);
    RUN(test_roundtrip);
    RUN(test_corrupt_blobs);
    RUN(test_arguments);
    RUN(test_odd_bytes);
    RUN(test_enomem);
    RUN(test_scratch);
    return pc_test_summary("test_tagger");
}
