/*
 * test_utf8_fastpaths.c - the speed-ups in pc_utf8 must agree with the plain
 * definitions: the inline ASCII class with utf8proc-backed pc_utf8_class, and
 * the 8-bytes-at-a-time pc_utf8_offsets_to_cp with a byte-by-byte count, and
 * the other byte -> code point converters (columns, scattered offsets, size_t
 * offsets) with it.
 */
#include "harness.h"
#include "failmem.h"
#include "pc_utf8.h"

static void test_class_ascii_agrees(void)
{
    int32_t cp;
    for (cp = -3; cp < 0x80; cp++)
        CHECK_EQ_INT(pc_utf8_class_ascii(cp), pc_utf8_class(cp));
    CHECK_EQ_INT(pc_utf8_class('a'), PC_CC_LETTER_LOWER);
    CHECK_EQ_INT(pc_utf8_class('Q'), PC_CC_LETTER_UPPER);
    CHECK_EQ_INT(pc_utf8_class('7'), PC_CC_DIGIT);
    CHECK_EQ_INT(pc_utf8_class('\t'), PC_CC_SPACE);
    CHECK_EQ_INT(pc_utf8_class('$'), PC_CC_SYMBOL);
    CHECK_EQ_INT(pc_utf8_class('.'), PC_CC_PUNCT);
    CHECK_EQ_INT(pc_utf8_class(0x01), PC_CC_CONTROL);
    CHECK_EQ_INT(pc_utf8_class(0xE9), PC_CC_LETTER_LOWER); /* é */
}

/* xorshift: reproducible pseudo-random text without global state */
static uint32_t S_next(uint32_t *x)
{
    *x ^= *x << 13;
    *x ^= *x >> 17;
    *x ^= *x << 5;
    return *x;
}

static void test_offsets_to_cp_random(void)
{
    static const char *const pieces[] = {"a", " ", "Zz", "\xc3\xa9", "\xe2\x80\x99",
                                         "\xf0\x9f\x98\x80", "Azerbaijan", "\xd5\x80"};
    char text[4096];
    uint32_t offs[64], want[64], seed = 12345;
    int round;

    for (round = 0; round < 200; round++) {
        size_t n = 0, i, count = 1 + S_next(&seed) % 64;
        while (n < sizeof text - 16) { /* longest piece: 10 bytes */
            /* odd rounds: long ASCII runs, as in English news */
            unsigned pick = S_next(&seed) % 8;
            const char *p;
            if ((round & 1) && S_next(&seed) % 25 != 0)
                pick = (pick & 1) ? 6 : 1;
            p = pieces[pick];
            size_t pl = strlen(p);
            memcpy(text + n, p, pl);
            n += pl;
            if (S_next(&seed) % 997 == 0)
                break;
        }
        for (i = 0; i < count; i++)
            offs[i] = S_next(&seed) % (uint32_t)(n + 10); /* some past the end */
        /* sort (insertion) */
        for (i = 1; i < count; i++) {
            uint32_t v = offs[i];
            size_t j = i;
            while (j > 0 && offs[j - 1] > v) {
                offs[j] = offs[j - 1];
                j--;
            }
            offs[j] = v;
        }
        for (i = 0; i < count; i++) {
            size_t t = offs[i] > n ? n : offs[i], b, c = 0;
            for (b = 0; b < t; b++)
                c += ((unsigned char)text[b] & 0xC0) != 0x80;
            want[i] = (uint32_t)c;
        }
        CHECK_EQ_INT(pc_utf8_offsets_to_cp(text, n, offs, count, 1), PC_OK);
        for (i = 0; i < count; i++)
            CHECK_EQ_INT(offs[i], want[i]);
    }
}

static void test_offsets_to_cp_unsorted(void)
{
    uint32_t offs[2] = {5, 2};
    CHECK_EQ_INT(pc_utf8_offsets_to_cp("hello world", 11, offs, 2, 1), PC_EINVAL);
    CHECK_EQ_INT(offs[0], 5);
}

static size_t S_count(const char *s, size_t n, size_t off)
{
    size_t b, c = 0;
    if (off > n)
        off = n;
    for (b = 0; b < off; b++)
        c += ((unsigned char)s[b] & 0xC0) != 0x80;
    return c;
}

/* columns_to_cp (with and without memory for its list), scatter_to_cp and
 * sizes_to_cp agree with the byte-by-byte count */
static void test_other_converters(void)
{
    const char *text = "Na\xc3\xa7 \xe2\x80\x9cquoted\xe2\x80\x9d word \xf0\x9f\x98\x80 end";
    size_t n = strlen(text), i, k;
    uint32_t a[6] = {0, 2, 4, 5, 9, 30}, b[3] = {1, 4, 40}, want_a[6], want_b[3];
    uint32_t col_a[6], col_b[3], *cols[2], *ptrs[9];
    size_t counts[2] = {6, 3}, strides[2] = {1, 1}, sz[4] = {0, 3, 12, 100};
    pc_test_failctx fc;
    pc_mem fail;

    for (i = 0; i < 6; i++)
        want_a[i] = (uint32_t)S_count(text, n, a[i]);
    for (i = 0; i < 3; i++)
        want_b[i] = (uint32_t)S_count(text, n, b[i]);
    for (k = 0; k < 2; k++) { /* k = 1: no memory for the list, one walk per column */
        memset(&fc, 0, sizeof fc);
        fc.fail_at = k ? 1 : 0;
        fail = pc_test_failmem(&fc);
        memcpy(col_a, a, sizeof a);
        memcpy(col_b, b, sizeof b);
        cols[0] = col_a, cols[1] = col_b;
        CHECK_EQ_INT(pc_utf8_columns_to_cp(&fail, text, n, cols, counts, strides, 2), PC_OK);
        for (i = 0; i < 6; i++)
            CHECK_EQ_INT(col_a[i], want_a[i]);
        for (i = 0; i < 3; i++)
            CHECK_EQ_INT(col_b[i], want_b[i]);
        CHECK_EQ_INT(fc.live, 0);
    }
    /* scattered: both arrays interleaved, in no order */
    memcpy(col_a, a, sizeof a);
    memcpy(col_b, b, sizeof b);
    for (i = 0; i < 3; i++)
        ptrs[2 * i] = &col_a[5 - i], ptrs[2 * i + 1] = &col_b[2 - i];
    for (i = 0; i < 3; i++)
        ptrs[6 + i] = &col_a[i];
    CHECK_EQ_INT(pc_utf8_scatter_to_cp(pc_mem_default(), text, n, ptrs, 9), PC_OK);
    for (i = 0; i < 6; i++)
        CHECK_EQ_INT(col_a[i], want_a[i]);
    for (i = 0; i < 3; i++)
        CHECK_EQ_INT(col_b[i], want_b[i]);
    memset(&fc, 0, sizeof fc);
    fc.fail_at = 1;
    fail = pc_test_failmem(&fc);
    CHECK_EQ_INT(pc_utf8_scatter_to_cp(&fail, text, n, ptrs, 9), PC_ENOMEM);
    /* size_t offsets, and an unsorted column left as it was */
    CHECK_EQ_INT(pc_utf8_sizes_to_cp(text, n, sz, 4, 1), PC_OK);
    CHECK_EQ_INT(sz[0], 0);
    CHECK_EQ_INT(sz[1], 3);
    CHECK_EQ_INT(sz[2], S_count(text, n, 12));
    CHECK_EQ_INT(sz[3], S_count(text, n, n));
    memcpy(col_a, a, sizeof a);
    col_a[3] = 1;
    cols[0] = col_a;
    CHECK_EQ_INT(pc_utf8_columns_to_cp(pc_mem_default(), text, n, cols, counts, strides, 1), PC_EINVAL);
    CHECK_EQ_INT(col_a[5], 30);
}

int main(void)
{
    RUN(test_class_ascii_agrees);
    RUN(test_offsets_to_cp_random);
    RUN(test_offsets_to_cp_unsorted);
    RUN(test_other_converters);
    return pc_test_summary("test_utf8_fastpaths");
}
