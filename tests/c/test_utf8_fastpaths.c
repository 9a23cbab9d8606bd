/*
 * test_utf8_fastpaths.c - the speed-ups in pc_utf8 must agree with the plain
 * definitions: the inline ASCII class with utf8proc-backed pc_utf8_class, and
 * the 8-bytes-at-a-time pc_utf8_offsets_to_cp with a byte-by-byte count.
 */
#include "harness.h"
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

int main(void)
{
    RUN(test_class_ascii_agrees);
    RUN(test_offsets_to_cp_random);
    RUN(test_offsets_to_cp_unsorted);
    return pc_test_summary("test_utf8_fastpaths");
}
