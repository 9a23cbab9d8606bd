/* test_clean.c - normalization, paragraphs, boilerplate removal, kinds. */
#include "failloop.h"
#include "pc_clean.h"

static void S_clean(const char *in, int flags, pc_clean_result *res)
{
    memset(res, 0, sizeof *res);
    CHECK_EQ_INT(pc_clean(pc_mem_default(), in, strlen(in), NULL, 0, flags, res), PC_OK);
}

/* The reason given to `line` when it sits between two body sentences. */
static int S_reason_of(const char *line)
{
    char buf[1024];
    pc_clean_result res;
    int reason = -1;
    size_t i;
    snprintf(buf, sizeof buf, "The talks began on Monday in the capital.\n%s\n"
                              "Both sides said progress was made.", line);
    S_clean(buf, 0, &res);
    for (i = 0; i < res.nremoved; i++)
        if (res.removed[i].line == 2)
            reason = res.removed[i].reason;
    if (reason == -1)
        reason = 0;
    pc_clean_result_free(pc_mem_default(), &res);
    return reason;
}

static void test_reasons(void)
{
    CHECK_EQ_INT(S_reason_of("Share this article"), PC_RM_SHARE_PROMPT);
    CHECK_EQ_INT(S_reason_of("Subscribe to our newsletter for daily updates"), PC_RM_SHARE_PROMPT);
    CHECK_EQ_INT(S_reason_of("Join our Telegram channel"), PC_RM_SHARE_PROMPT);
    CHECK_EQ_INT(S_reason_of("Also read: Armenia's new border deal"), PC_RM_TEASER);
    CHECK_EQ_INT(S_reason_of("Advertisement"), PC_RM_PAGE_CHROME);
    CHECK_EQ_INT(S_reason_of("Skip to main content"), PC_RM_PAGE_CHROME);
    CHECK_EQ_INT(S_reason_of("Ilham Aliyev and Nikol Pashinyan (AFP/Getty)"), PC_RM_CAPTION);
    CHECK_EQ_INT(S_reason_of("Photo: Reuters"), PC_RM_CREDIT);
    CHECK_EQ_INT(S_reason_of("(REUTERS)"), PC_RM_CREDIT);
    CHECK_EQ_INT(S_reason_of("This article was originally published by Eurasianet."), PC_RM_SYNDICATION);
    CHECK_EQ_INT(S_reason_of("By John Smith"), PC_RM_BYLINE);
    CHECK_EQ_INT(S_reason_of("Updated: 12 May 2024, 10:15"), PC_RM_DATELINE);
    CHECK_EQ_INT(S_reason_of("To cite this article: Smith, J. (2024). Peace talks."), PC_RM_CITATION);
    /* ordinary sentences are kept, also ones that start like a rule */
    CHECK_EQ_INT(S_reason_of("By the end of the day, no deal was signed."), 0);
    CHECK_EQ_INT(S_reason_of("He said the photo was taken in 2020 (by a soldier)."), 0);
    CHECK_EQ_INT(S_reason_of("Share prices rose after the announcement."), 0);
    CHECK_EQ_STRN(pc_reason_name(PC_RM_REPEATED), strlen(pc_reason_name(PC_RM_REPEATED)), "repeated_line");
    CHECK_EQ_STRN(pc_reason_name(PC_RM_HTML_CHROME), strlen(pc_reason_name(PC_RM_HTML_CHROME)), "html_chrome");
    CHECK_EQ_INT(strlen(pc_reason_name(0)), 0);
    CHECK_EQ_INT(strlen(pc_reason_name(PC_RM__COUNT)), 0);
    CHECK_EQ_INT(strlen(pc_reason_name(-3)), 0);
}

static void test_repeated_and_trailing(void)
{
    pc_clean_result res;
    const char *in = "Peace talks resume\n"
                     "The ministers met on Monday.\n"
                     "A quote was repeated here.\n"
                     "They will meet again in May.\n"
                     "A quote was repeated here.\n"
                     "Caucasus\n"
                     "News Line\n";
    size_t i;
    S_clean(in, 0, &res);
    CHECK_EQ_STRN(res.text.data, res.text.len,
                  "Peace talks resume\n\nThe ministers met on Monday.\n\nA quote was repeated here."
                  "\n\nThey will meet again in May.");
    CHECK_EQ_INT(res.nremoved, 3);
    if (res.nremoved == 3) {
        CHECK_EQ_INT(res.removed[0].reason, PC_RM_REPEATED);
        CHECK_EQ_INT(res.removed[0].line, 5);
        CHECK_EQ_INT(res.removed[0].pos, res.text.len);
        CHECK_EQ_INT(res.removed[1].reason, PC_RM_PAGE_CHROME);
        CHECK_EQ_INT(res.removed[2].reason, PC_RM_PAGE_CHROME);
        CHECK_EQ_STRN(res.removed_text.data + res.removed[2].text_start,
                      res.removed[2].text_end - res.removed[2].text_start, "News Line");
    }
    CHECK_EQ_INT(res.npara, 4);
    CHECK_EQ_INT(res.paras[0].kind, PC_PARA_TITLE);
    for (i = 1; i < res.npara; i++)
        CHECK_EQ_INT(res.paras[i].kind, PC_PARA_BODY);
    pc_clean_result_free(pc_mem_default(), &res);
    /* PC_CLEAN_KEEP_BOILERPLATE keeps everything */
    S_clean(in, PC_CLEAN_KEEP_BOILERPLATE, &res);
    CHECK_EQ_INT(res.nremoved, 0);
    CHECK_EQ_INT(res.npara, 7);
    pc_clean_result_free(pc_mem_default(), &res);
}

static void test_read_more(void)
{
    pc_clean_result res;
    S_clean("The talks ended without a deal. Continue reading on the original site\n"
            "Both sides will meet again.", 0, &res);
    CHECK_EQ_STRN(res.text.data, res.text.len,
                  "The talks ended without a deal.\n\nBoth sides will meet again.");
    CHECK_EQ_INT(res.nremoved, 1);
    if (res.nremoved == 1) {
        CHECK_EQ_INT(res.removed[0].reason, PC_RM_READ_MORE);
        CHECK_EQ_STRN(res.removed_text.data + res.removed[0].text_start,
                      res.removed[0].text_end - res.removed[0].text_start,
                      "Continue reading on the original site");
        CHECK_EQ_INT(res.removed[0].pos, 31); /* right after the kept sentence */
    }
    pc_clean_result_free(pc_mem_default(), &res);
    /* a whole-paragraph cue is a teaser; a cue followed by more sentences stays */
    S_clean("Read the full story here\nThe talks ended.", 0, &res);
    CHECK_EQ_STRN(res.text.data, res.text.len, "The talks ended.");
    CHECK(res.nremoved == 1 && res.removed[0].reason == PC_RM_TEASER);
    pc_clean_result_free(pc_mem_default(), &res);
    S_clean("He left. Continue reading was his advice. Then he went home.", 0, &res);
    CHECK_EQ_INT(res.nremoved, 0);
    pc_clean_result_free(pc_mem_default(), &res);
}

static void test_wrapped(void)
{
    pc_clean_result res;
    const char *in =
        "The foreign ministers of Armenia and Azerbaijan met again on\n"
        "Thursday in the capital of Kazakhstan to discuss the draft of\n"
        "the peace treaty, officials said in separate statements.\n"
        "\n"
        "Another paragraph follows here with enough words to wrap it\n"
        "onto a second line of the hard-wrapped plain text file.\n";
    S_clean(in, 0, &res);
    CHECK_EQ_STRN(res.text.data, res.text.len,
                  "The foreign ministers of Armenia and Azerbaijan met again on Thursday in the "
                  "capital of Kazakhstan to discuss the draft of the peace treaty, officials said "
                  "in separate statements.\n\nAnother paragraph follows here with enough words to "
                  "wrap it onto a second line of the hard-wrapped plain text file.");
    CHECK_EQ_INT(res.npara, 2);
    pc_clean_result_free(pc_mem_default(), &res);
    /* one paragraph per line (scraped news) is not joined */
    S_clean("First line of text.\nSecond line of text.\n\nThird.", 0, &res);
    CHECK_EQ_INT(res.npara, 3);
    pc_clean_result_free(pc_mem_default(), &res);
}

static void test_kinds(void)
{
    pc_clean_result res;
    S_clean("Armenia and Azerbaijan agree on border\n"
            "The two sides met in Brussels.\n"
            "Next steps\n"
            "A new round is planned for May.\n"
            "What Comes Next?\n" /* a question heading is title-cased */
            "Nobody knows yet.", 0, &res);
    CHECK_EQ_INT(res.npara, 6);
    if (res.npara == 6) {
        CHECK_EQ_INT(res.paras[0].kind, PC_PARA_TITLE);
        CHECK_EQ_INT(res.paras[1].kind, PC_PARA_BODY);
        CHECK_EQ_INT(res.paras[2].kind, PC_PARA_HEADING);
        CHECK_EQ_INT(res.paras[3].kind, PC_PARA_BODY);
        CHECK_EQ_INT(res.paras[4].kind, PC_PARA_HEADING);
        CHECK_EQ_INT(res.paras[5].kind, PC_PARA_BODY);
    }
    pc_clean_result_free(pc_mem_default(), &res);
}

static void test_normalize(void)
{
    pc_clean_result res;
    /* controls -> space, invisible removed, white space collapsed, mojibake, NFC */
    S_clean("  Caf\xC3\x83\xC2\xA9\x07 it\xC3\xA2\xE2\x82\xAC\xE2\x84\xA2s\xE2\x80\x8B  e\xCC\x81"
            "\xC2\xA0\xC2\xA0x\xC2\xAD" "y\tz\xEF\xBB\xBF  ", 0, &res);
    CHECK_EQ_STRN(res.text.data, res.text.len, "Caf\xC3\xA9 it\xE2\x80\x99s \xC3\xA9 xy z");
    CHECK_EQ_INT(res.stats.mojibake, 2);
    CHECK_EQ_INT(res.stats.controls, 1);
    CHECK_EQ_INT(res.stats.invisible, 3);
    pc_clean_result_free(pc_mem_default(), &res);
    /* flags switch mojibake repair and NFC off */
    S_clean("Caf\xC3\x83\xC2\xA9 e\xCC\x81", PC_CLEAN_NO_MOJIBAKE | PC_CLEAN_NO_NFC, &res);
    CHECK_EQ_STRN(res.text.data, res.text.len, "Caf\xC3\x83\xC2\xA9 e\xCC\x81");
    CHECK_EQ_INT(res.stats.mojibake, 0);
    pc_clean_result_free(pc_mem_default(), &res);
    /* every kind of line break separates paragraphs */
    S_clean("a.\r\nb.\rc.\vd.\fe.\xC2\x85" "f.\xE2\x80\xA8g.\xE2\x80\xA9h.", 0, &res);
    CHECK_EQ_STRN(res.text.data, res.text.len, "a.\n\nb.\n\nc.\n\nd.\n\ne.\n\nf.\n\ng.\n\nh.");
    CHECK_EQ_INT(res.npara, 8);
    pc_clean_result_free(pc_mem_default(), &res);
    /* empty and blank inputs give an empty, non-NULL text */
    S_clean("", 0, &res);
    CHECK(res.text.data != NULL && res.text.len == 0 && res.npara == 0);
    pc_clean_result_free(pc_mem_default(), &res);
    S_clean(" \n\t\n\xC2\xA0\n", 0, &res);
    CHECK(res.text.data != NULL && res.text.len == 0 && res.npara == 0);
    pc_clean_result_free(pc_mem_default(), &res);
}

static void test_hints(void)
{
    /* text as pc_html_to_text would give it, with hints */
    const char *text = "Menu Home\nBig headline\nBody sentence here.\nSection\nA photo\nMore body.\n";
    pc_hint hints[4] = {{0, 10, PC_HINT_CHROME}, {10, 23, PC_HINT_TITLE},
                        {43, 51, PC_HINT_HEADING}, {51, 59, PC_HINT_CAPTION}};
    pc_clean_result res;
    memset(&res, 0, sizeof res);
    CHECK_EQ_INT(pc_clean(pc_mem_default(), text, strlen(text), hints, 4, 0, &res), PC_OK);
    CHECK_EQ_STRN(res.text.data, res.text.len,
                  "Big headline\n\nBody sentence here.\n\nSection\n\nMore body.");
    CHECK_EQ_INT(res.npara, 4);
    if (res.npara == 4) {
        CHECK_EQ_INT(res.paras[0].kind, PC_PARA_TITLE);
        CHECK_EQ_INT(res.paras[2].kind, PC_PARA_HEADING);
    }
    CHECK_EQ_INT(res.nremoved, 2);
    if (res.nremoved == 2) {
        CHECK_EQ_INT(res.removed[0].reason, PC_RM_HTML_CHROME);
        CHECK_EQ_INT(res.removed[1].reason, PC_RM_CAPTION);
    }
    pc_clean_result_free(pc_mem_default(), &res);
}

typedef struct {
    const char *text;
    const pc_hint *hints;
    size_t nhints;
    int flags;
} S_fl_arg;

static int S_fl_clean(const pc_mem *mem, void *arg)
{
    S_fl_arg *a = (S_fl_arg *)arg;
    pc_clean_result res;
    int rc;
    memset(&res, 0, sizeof res);
    rc = pc_clean(mem, a->text, strlen(a->text), a->hints, a->nhints, a->flags, &res);
    pc_clean_result_free(mem, &res);
    return rc;
}

static void test_enomem(void)
{
    static const char plain[] =
        "Peace talks resume\nBy John Smith\nCaf\xC3\x83\xC2\xA9 e\xCC\x81 talks went on.\n"
        "Share this article\nThe talks ended. Continue reading at the source\n"
        "The talks ended. Continue reading at the source\nNews Line\n";
    static const char wrapped[] =
        "The foreign ministers of Armenia and Azerbaijan met again on\n"
        "Thursday in the capital of Kazakhstan to discuss the draft of\n"
        "the peace treaty, officials said in separate statements.\n\n"
        "Another paragraph follows here with enough words to wrap it\n"
        "onto a second line of the hard-wrapped plain text file.\n";
    static const char html_text[] = "Menu Home\nBig headline\nBody sentence here.\nSection\nA photo\nMore body.\n";
    static const pc_hint hints[4] = {{0, 10, PC_HINT_CHROME}, {10, 23, PC_HINT_TITLE},
                                     {43, 51, PC_HINT_HEADING}, {51, 59, PC_HINT_CAPTION}};
    S_fl_arg a1 = {plain, NULL, 0, 0}, a2 = {wrapped, NULL, 0, 0}, a3 = {html_text, hints, 4, 0},
             a4 = {plain, NULL, 0, PC_CLEAN_KEEP_BOILERPLATE}, a5 = {"", NULL, 0, 0};
    CHECK(pc_failloop("pc_clean plain", S_fl_clean, &a1) >= 5);
    CHECK(pc_failloop("pc_clean wrapped", S_fl_clean, &a2) >= 5);
    CHECK(pc_failloop("pc_clean hints", S_fl_clean, &a3) >= 5);
    CHECK(pc_failloop("pc_clean keep", S_fl_clean, &a4) >= 5);
    CHECK(pc_failloop("pc_clean empty", S_fl_clean, &a5) >= 1);
}

int main(void)
{
    RUN(test_reasons);
    RUN(test_repeated_and_trailing);
    RUN(test_read_more);
    RUN(test_wrapped);
    RUN(test_kinds);
    RUN(test_normalize);
    RUN(test_hints);
    RUN(test_enomem);
    return pc_test_summary("test_clean");
}
