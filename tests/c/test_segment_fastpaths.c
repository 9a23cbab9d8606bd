/*
 * test_segment_fastpaths.c - the tokenizer scans ASCII letter/digit runs
 * eight bytes at a time (S_alnum_run); a word must still end exactly at the
 * first byte that is not a letter or digit, wherever it falls in the
 * eight-byte window and however close to the end of the text.
 */
#include <string.h>

#include "harness.h"
#include "pc_segment.h"

static int S_alnum(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static void test_word_ends_at_every_byte_and_alignment(void)
{
    const pc_mem *mem = pc_mem_default();
    char text[64];
    int b, len, tail;
    for (b = 1; b < 0x80; b++) {
        /* these may join a word ("3.5", "don't", "AT&T"): other rules */
        if (b == '.' || b == ',' || b == ':' || b == '\'' || b == '&')
            continue;
        for (len = 1; len <= 17; len++) {
            for (tail = 0; tail <= 9; tail++) {
                pc_seg_result res;
                size_t n = 0;
                int i;
                memset(&res, 0, sizeof res);
                for (i = 0; i < len; i++)
                    text[n++] = (char)("aZ09kQ"[i % 6]);
                text[n++] = (char)b;
                for (i = 0; i < tail; i++)
                    text[n++] = 'w';
                CHECK_EQ_INT(pc_tokenize(mem, text, 0, n, &res), PC_OK);
                CHECK(res.ntok >= 1);
                if (res.ntok >= 1) {
                    CHECK_EQ_INT(res.toks[0].start, 0);
                    CHECK_EQ_INT(res.toks[0].end, S_alnum(b) ? (uint32_t)n : (uint32_t)len);
                }
                pc_seg_result_free(mem, &res);
            }
        }
    }
}

static void test_non_ascii_letters_continue_words(void)
{
    const pc_mem *mem = pc_mem_default();
    /* "Azerbaijani" with e-acute after 9 ASCII letters, and a word ending in
     * a curly apostrophe + s */
    const char *t = "Azerbaija\xc3\xa9ni Aliyev\xe2\x80\x99s";
    pc_seg_result res;
    memset(&res, 0, sizeof res);
    CHECK_EQ_INT(pc_tokenize(mem, t, 0, strlen(t), &res), PC_OK);
    CHECK_EQ_INT(res.ntok, 3);
    if (res.ntok == 3) {
        CHECK_EQ_INT(res.toks[0].end, 13);
        CHECK_EQ_INT(res.toks[1].start, 14);
        CHECK_EQ_INT(res.toks[1].end, 20);
        CHECK_EQ_INT(res.toks[2].end, (uint32_t)strlen(t));
    }
    pc_seg_result_free(mem, &res);
}

int main(void)
{
    RUN(test_word_ends_at_every_byte_and_alignment);
    RUN(test_non_ascii_letters_continue_words);
    return pc_test_summary("test_segment_fastpaths");
}
