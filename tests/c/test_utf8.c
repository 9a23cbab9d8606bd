/* test_utf8.c - UTF-8 repair, decoding, NFC, mojibake, classes, offsets. */
#include "failloop.h"
#include "pc_utf8.h"

static pc_buf S_repair(const char *in, size_t n, pc_repair_stats *st)
{
    pc_buf out = PC_BUF_INIT;
    memset(st, 0, sizeof *st);
    CHECK_EQ_INT(pc_utf8_repair(pc_mem_default(), in, n, &out, st), PC_OK);
    return out;
}

#define FFFD "\xEF\xBF\xBD"

/* one case: input, expected output, expected invalid and nul counts */
static void S_repair_case(const char *in, size_t n, const char *expect, size_t invalid, size_t nul)
{
    pc_repair_stats st;
    pc_buf out = S_repair(in, n, &st);
    CHECK_EQ_STRN(out.data, out.len, expect);
    CHECK_EQ_INT(st.invalid, invalid);
    CHECK_EQ_INT(st.nul, nul);
    pc_buf_free(pc_mem_default(), &out);
}

static void test_repair(void)
{
    /* valid text is copied unchanged, an existing U+FFFD is not counted */
    S_repair_case("plain \xC3\xA9 \xE2\x80\x99 \xF0\x9F\x98\x80 " FFFD, 21, "plain \xC3\xA9 \xE2\x80\x99 \xF0\x9F\x98\x80 " FFFD, 0, 0);
    /* overlong 2-byte: C0 can never start a sequence -> two maximal subparts */
    S_repair_case("a\xC0\xAF" "b", 4, "a" FFFD FFFD "b", 2, 0);
    S_repair_case("\xC1\xBF", 2, FFFD FFFD, 2, 0);
    /* overlong 3- and 4-byte */
    S_repair_case("\xE0\x80\xAF", 3, FFFD FFFD FFFD, 3, 0);
    S_repair_case("\xF0\x8F\xBF\xBF", 4, FFFD FFFD FFFD FFFD, 4, 0);
    /* surrogates (CESU-8 style pair: six replacements) */
    S_repair_case("\xED\xA0\x80", 3, FFFD FFFD FFFD, 3, 0);
    S_repair_case("\xED\xA0\xBD\xED\xB8\x80", 6, FFFD FFFD FFFD FFFD FFFD FFFD, 6, 0);
    /* above U+10FFFF, and the old 5-byte forms */
    S_repair_case("\xF4\x90\x80\x80", 4, FFFD FFFD FFFD FFFD, 4, 0);
    S_repair_case("\xF8\x88\x80\x80\x80", 5, FFFD FFFD FFFD FFFD FFFD, 5, 0);
    S_repair_case("\xFF\xFE", 2, FFFD FFFD, 2, 0);
    /* stray continuation bytes: one each */
    S_repair_case("x\x80\xBFy", 4, "x" FFFD FFFD "y", 2, 0);
    /* truncated sequences: the valid prefix is one maximal subpart */
    S_repair_case("\xE2\x82", 2, FFFD, 1, 0);
    S_repair_case("\xE2\x82" "A", 3, FFFD "A", 1, 0);
    S_repair_case("\xF0\x9F\x98", 3, FFFD, 1, 0);
    S_repair_case("\xF0\x9F\x98\xE2\x80\x99", 6, FFFD "\xE2\x80\x99", 1, 0);
    S_repair_case("end\xC3", 4, "end" FFFD, 1, 0);
    /* NUL bytes are replaced and counted apart */
    S_repair_case("a\0\0b", 4, "a" FFFD FFFD "b", 0, 2);
    S_repair_case("\0", 1, FFFD, 0, 1);
    S_repair_case("\xC3\0", 2, FFFD FFFD, 1, 1);
    /* empty input: nothing appended, still no error */
    {
        pc_repair_stats st;
        pc_buf out = S_repair("", 0, &st);
        CHECK_EQ_INT(out.len, 0);
        pc_buf_free(pc_mem_default(), &out);
    }
}

static void test_decode_count(void)
{
    int32_t cp = 0;
    CHECK_EQ_INT(pc_utf8_decode("A", 1, &cp), 1);
    CHECK_EQ_INT(cp, 'A');
    CHECK_EQ_INT(pc_utf8_decode("\xC3\xA9z", 3, &cp), 2);
    CHECK_EQ_INT(cp, 0xE9);
    CHECK_EQ_INT(pc_utf8_decode("\xE2\x80\x99", 3, &cp), 3);
    CHECK_EQ_INT(cp, 0x2019);
    CHECK_EQ_INT(pc_utf8_decode("\xF0\x9F\x98\x80", 4, &cp), 4);
    CHECK_EQ_INT(cp, 0x1F600);
    /* malformed or cut short: one byte, U+FFFD, never past n */
    CHECK_EQ_INT(pc_utf8_decode("\xF0\x9F\x98\x80", 3, &cp), 1);
    CHECK_EQ_INT(cp, 0xFFFD);
    CHECK_EQ_INT(pc_utf8_decode("\x80", 1, &cp), 1);
    CHECK_EQ_INT(cp, 0xFFFD);
    CHECK_EQ_INT(pc_utf8_decode("", 0, &cp), 0);
    CHECK_EQ_INT(pc_utf8_count("a\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80", 10), 4);
    CHECK_EQ_INT(pc_utf8_count("", 0), 0);
}

static void test_offsets(void)
{
    /* a(0) é(1..3) €(3..6) 😀(6..10) */
    const char *s = "a\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80";
    uint32_t offs[6] = {0, 1, 3, 6, 10, 99};
    uint32_t pairs[6] = {1, 3, 3, 6, 6, 10}; /* (start, end) pairs: stride 2 per column */
    uint32_t bad[3] = {3, 1, 6};
    CHECK_EQ_INT(pc_utf8_offsets_to_cp(s, 10, offs, 6, 1), PC_OK);
    CHECK_EQ_INT(offs[0], 0);
    CHECK_EQ_INT(offs[1], 1);
    CHECK_EQ_INT(offs[2], 2);
    CHECK_EQ_INT(offs[3], 3);
    CHECK_EQ_INT(offs[4], 4);
    CHECK_EQ_INT(offs[5], 4); /* clamped */
    /* starts column only (stride 2): ends untouched */
    CHECK_EQ_INT(pc_utf8_offsets_to_cp(s, 10, pairs, 3, 2), PC_OK);
    CHECK_EQ_INT(pairs[0], 1);
    CHECK_EQ_INT(pairs[1], 3);
    CHECK_EQ_INT(pairs[2], 2);
    CHECK_EQ_INT(pairs[4], 3);
    CHECK_EQ_INT(pairs[5], 10);
    /* unsorted: refused, nothing converted */
    CHECK_EQ_INT(pc_utf8_offsets_to_cp(s, 10, bad, 3, 1), PC_EINVAL);
    CHECK_EQ_INT(bad[0], 3);
    CHECK_EQ_INT(bad[2], 6);
    CHECK_EQ_INT(pc_utf8_offsets_to_cp(s, 10, bad, 0, 1), PC_OK);
}

static void S_nfc_case(const char *in, const char *expect)
{
    pc_buf out = PC_BUF_INIT;
    CHECK_EQ_INT(pc_utf8_nfc(pc_mem_default(), in, strlen(in), &out), PC_OK);
    CHECK_EQ_STRN(out.data ? out.data : "", out.len, expect);
    pc_buf_free(pc_mem_default(), &out);
}

static void test_nfc(void)
{
    S_nfc_case("", "");
    S_nfc_case("plain ASCII, caf\xC3\xA9 \xE2\x80\x99 \xE2\x82\xAC", "plain ASCII, caf\xC3\xA9 \xE2\x80\x99 \xE2\x82\xAC");
    /* combining mark right after ASCII: "Cafe\u0301" -> "Café" */
    S_nfc_case("Cafe\xCC\x81 au lait", "Caf\xC3\xA9 au lait");
    S_nfc_case("e\xCC\x81", "\xC3\xA9");
    /* after a non-ASCII stable character: "xü\u0301" -> "xǘ" (U+01D8) */
    S_nfc_case("x\xC3\xBC\xCC\x81y", "x\xC7\x98y");
    S_nfc_case("\xC3\xBC\xCC\x81", "\xC7\x98");
    /* canonical reordering: é + cedilla -> ȩ (U+0229) + acute */
    S_nfc_case("\xC3\xA9\xCC\xA7", "\xC8\xA9\xCC\x81");
    S_nfc_case("e\xCC\x81\xCC\xA7", "\xC8\xA9\xCC\x81");
    /* Hangul jamo compose; singletons map */
    S_nfc_case("\xE1\x84\x80\xE1\x85\xA1\xE1\x86\xA8", "\xEA\xB0\x81");
    S_nfc_case("\xE2\x84\xAB", "\xC3\x85");                /* U+212B ANGSTROM SIGN */
    S_nfc_case("a\xE2\x80\x80" "b", "a\xE2\x80\x82" "b"); /* U+2000 -> U+2002 */
    /* two dirty segments separated by ASCII */
    S_nfc_case("A\xCC\x8A and a\xCC\x8A", "\xC3\x85 and \xC3\xA5");
}

static void S_moji_case(const char *in, const char *expect, size_t nfixed)
{
    pc_buf out = PC_BUF_INIT;
    size_t fixed = 0;
    CHECK_EQ_INT(pc_utf8_fix_mojibake(pc_mem_default(), in, strlen(in), &out, &fixed), PC_OK);
    CHECK_EQ_STRN(out.data ? out.data : "", out.len, expect);
    CHECK_EQ_INT(fixed, nfixed);
    pc_buf_free(pc_mem_default(), &out);
}

static void test_mojibake(void)
{
    /* "â€™" (cp1252 reading of E2 80 99) -> "’" */
    S_moji_case("it\xC3\xA2\xE2\x82\xAC\xE2\x84\xA2s", "it\xE2\x80\x99s", 1);
    /* "Ã©" -> "é" */
    S_moji_case("caf\xC3\x83\xC2\xA9", "caf\xC3\xA9", 1);
    /* "â€œ" ... "â€\x9D" (C1 control kept by Latin-1 decoders) */
    S_moji_case("\xC3\xA2\xE2\x82\xAC\xC5\x93Hi\xC3\xA2\xE2\x82\xAC\xC2\x9D",
                "\xE2\x80\x9CHi\xE2\x80\x9D", 2);
    /* genuine "Ã" followed by ordinary text is left alone */
    S_moji_case("\xC3\x83 text and \xC3\x83lvaro", "\xC3\x83 text and \xC3\x83lvaro", 0);
    /* an incomplete sequence at the end is left alone */
    S_moji_case("x\xC3\xA2\xE2\x82\xAC", "x\xC3\xA2\xE2\x82\xAC", 0);
    /* a well-formed reading of an invalid sequence (overlong C3 then E0 80) is not "fixed" */
    S_moji_case("\xC3\xA0\xE2\x82\xAC\xE2\x82\xAC", "\xC3\xA0\xE2\x82\xAC\xE2\x82\xAC", 0);
    S_moji_case("", "", 0);
}

static void test_classes(void)
{
    int32_t st = 0;
    CHECK_EQ_INT(pc_utf8_class('A'), PC_CC_LETTER_UPPER);
    CHECK_EQ_INT(pc_utf8_class('z'), PC_CC_LETTER_LOWER);
    CHECK_EQ_INT(pc_utf8_class(0xE9), PC_CC_LETTER_LOWER);
    CHECK_EQ_INT(pc_utf8_class(0x0531), PC_CC_LETTER_UPPER); /* Armenian Ayb */
    CHECK_EQ_INT(pc_utf8_class(0x4E2D), PC_CC_LETTER_OTHER);
    CHECK_EQ_INT(pc_utf8_class(0x0301), PC_CC_MARK);
    CHECK_EQ_INT(pc_utf8_class('7'), PC_CC_DIGIT);
    CHECK_EQ_INT(pc_utf8_class(0x0663), PC_CC_DIGIT);
    CHECK_EQ_INT(pc_utf8_class(0xBD), PC_CC_NUMBER_OTHER);
    CHECK_EQ_INT(pc_utf8_class(' '), PC_CC_SPACE);
    CHECK_EQ_INT(pc_utf8_class(0xA0), PC_CC_SPACE);
    CHECK_EQ_INT(pc_utf8_class(0x2028), PC_CC_SPACE);
    CHECK_EQ_INT(pc_utf8_class('.'), PC_CC_PUNCT);
    CHECK_EQ_INT(pc_utf8_class(0x201C), PC_CC_PUNCT);
    CHECK_EQ_INT(pc_utf8_class('$'), PC_CC_SYMBOL);
    CHECK_EQ_INT(pc_utf8_class(0x20AC), PC_CC_SYMBOL);
    CHECK_EQ_INT(pc_utf8_class(0x07), PC_CC_CONTROL);
    CHECK_EQ_INT(pc_utf8_class(0x9C), PC_CC_CONTROL);
    CHECK_EQ_INT(pc_utf8_class(0x200D), PC_CC_FORMAT);
    CHECK_EQ_INT(pc_utf8_class(0xE000), PC_CC_OTHER);
    CHECK(pc_cc_is_word(PC_CC_MARK) && !pc_cc_is_word(PC_CC_PUNCT));
    /* 👩 ZWJ 👩: no break inside; a break before 'a' */
    CHECK_EQ_INT(pc_utf8_grapheme_break(0x1F469, 0x200D, &st), 0);
    CHECK_EQ_INT(pc_utf8_grapheme_break(0x200D, 0x1F469, &st), 0);
    CHECK_EQ_INT(pc_utf8_grapheme_break(0x1F469, 'a', &st), 1);
    CHECK_EQ_INT(pc_utf8_tolower('Q'), 'q');
    CHECK_EQ_INT(pc_utf8_tolower(0xC9), 0xE9);
    CHECK_EQ_INT(pc_utf8_tolower(0x0531), 0x0561);
    CHECK_EQ_INT(pc_utf8_tolower('1'), '1');
}

/* ---- allocation failures ---------------------------------------------- */

static const char S_mixed[] = "Caf\xC3\x83\xC2\xA9 \0 e\xCC\x81 \xE2\x82 \xC3\xA2\xE2\x82\xAC\xE2\x84\xA2 end";

static int S_fl_repair(const pc_mem *mem, void *arg)
{
    pc_buf out = PC_BUF_INIT;
    pc_repair_stats st;
    int rc;
    (void)arg;
    memset(&st, 0, sizeof st);
    rc = pc_utf8_repair(mem, S_mixed, sizeof S_mixed - 1, &out, &st);
    pc_buf_free(mem, &out);
    return rc;
}

static int S_fl_nfc(const pc_mem *mem, void *arg)
{
    pc_buf out = PC_BUF_INIT;
    int rc;
    const char *s = (const char *)arg;
    /* a prefix so that the output buffer must grow while a segment is dirty */
    rc = pc_buf_put(mem, &out, "x", 1);
    if (rc == PC_OK)
        rc = pc_utf8_nfc(mem, s, strlen(s), &out);
    if (rc == PC_OK && out.len < 2)
        rc = PC_EINVAL;
    pc_buf_free(mem, &out);
    return rc;
}

static int S_fl_moji(const pc_mem *mem, void *arg)
{
    pc_buf out = PC_BUF_INIT;
    size_t fixed = 0;
    int rc;
    const char *s = (const char *)arg;
    rc = pc_utf8_fix_mojibake(mem, s, strlen(s), &out, &fixed);
    pc_buf_free(mem, &out);
    return rc;
}

static void test_enomem(void)
{
    static const char nfc_in[] = "Cafe\xCC\x81 A\xCC\x8A \xE1\x84\x80\xE1\x85\xA1 and more text after it";
    static const char moji_in[] = "it\xC3\xA2\xE2\x82\xAC\xE2\x84\xA2s caf\xC3\x83\xC2\xA9 ok";
    CHECK(pc_failloop("pc_utf8_repair", S_fl_repair, NULL) >= 1);
    CHECK(pc_failloop("pc_utf8_nfc", S_fl_nfc, (void *)nfc_in) >= 2);
    CHECK(pc_failloop("pc_utf8_fix_mojibake", S_fl_moji, (void *)moji_in) >= 1);
}

int main(void)
{
    RUN(test_repair);
    RUN(test_decode_count);
    RUN(test_offsets);
    RUN(test_nfc);
    RUN(test_mojibake);
    RUN(test_classes);
    RUN(test_enomem);
    return pc_test_summary("test_utf8");
}
