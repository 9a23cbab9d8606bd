/* test_segment.c - tokens and sentences. */
#include "failloop.h"
#include "pc_segment.h"

/* Tokens of `text` joined by '|' into out. */
static void S_toks(const char *text, char *out, size_t cap, pc_seg_result *keep)
{
    pc_seg_result r;
    size_t i, o = 0;
    memset(&r, 0, sizeof r);
    CHECK_EQ_INT(pc_tokenize(pc_mem_default(), text, 0, strlen(text), &r), PC_OK);
    out[0] = 0;
    for (i = 0; i < r.ntok; i++) {
        size_t n = r.toks[i].end - r.toks[i].start;
        if (o + n + 2 >= cap)
            break;
        if (i)
            out[o++] = '|';
        memcpy(out + o, text + r.toks[i].start, n);
        o += n;
        out[o] = 0;
    }
    if (keep)
        *keep = r;
    else
        pc_seg_result_free(pc_mem_default(), &r);
}

#define TOKS(text, expect)                                                       \
    do {                                                                         \
        char buf_[1024];                                                         \
        S_toks(text, buf_, sizeof buf_, NULL);                                   \
        CHECK_EQ_STRN(buf_, strlen(buf_), expect);                               \
    } while (0)

/* Sentences of a one-paragraph body text joined by '|'. */
static void S_sents(const char *text, int kind, char *out, size_t cap)
{
    pc_seg_result r;
    pc_para para;
    size_t i, o = 0;
    memset(&r, 0, sizeof r);
    para.start = 0;
    para.end = (uint32_t)strlen(text);
    para.kind = kind;
    CHECK_EQ_INT(pc_segment(pc_mem_default(), text, strlen(text), &para, 1, &r), PC_OK);
    out[0] = 0;
    for (i = 0; i < r.nsent; i++) {
        size_t n = r.sents[i].end - r.sents[i].start;
        if (o + n + 2 >= cap)
            break;
        if (i)
            out[o++] = '|';
        memcpy(out + o, text + r.sents[i].start, n);
        o += n;
        out[o] = 0;
    }
    pc_seg_result_free(pc_mem_default(), &r);
}

#define SENTS(text, expect)                                                      \
    do {                                                                         \
        char buf_[2048];                                                         \
        S_sents(text, PC_PARA_BODY, buf_, sizeof buf_);                          \
        CHECK_EQ_STRN(buf_, strlen(buf_), expect);                               \
    } while (0)

static void test_tokens(void)
{
    TOKS("", "");
    TOKS("Mr. Aliyev met Dr. Smith.", "Mr.|Aliyev|met|Dr.|Smith|.");
    TOKS("J. R. Tolkien", "J.|R.|Tolkien");
    TOKS("the U.S. and U.K. envoys at 10 a.m.", "the|U.S.|and|U.K.|envoys|at|10|a.m.");
    TOKS("1.13 billion, 120,000 people, 12:30, 3.", "1.13|billion|,|120,000|people|,|12:30|,|3|.");
    TOKS("Armenia's and Azerbaijan\xE2\x80\x99s", "Armenia|'s|and|Azerbaijan|\xE2\x80\x99s");
    TOKS("don't O'Brien rock'n'roll", "don't|O'Brien|rock'n'roll");
    TOKS("the 12-kilometer road/route", "the|12|-|kilometer|road|/|route");
    TOKS("Wait... What?! Yes\xE2\x80\xA6", "Wait|...|What|?!|Yes|\xE2\x80\xA6");
    TOKS("dash -- and \xE2\x80\x94\xE2\x80\x94 here", "dash|--|and|\xE2\x80\x94\xE2\x80\x94|here");
    TOKS("AT&T and R&D", "AT&T|and|R&D");
    TOKS("\"Quoted,\" (he) [said]", "\"|Quoted|,|\"|(|he|)|[|said|]");
    TOKS("caf\xC3\xA9 na\xC3\xAFve e\xCC\x81t\xC3\xA9", "caf\xC3\xA9|na\xC3\xAFve|e\xCC\x81t\xC3\xA9");
    TOKS("\xD4\xB5\xD6\x80\xD6\x87\xD5\xA1\xD5\xB6", "\xD4\xB5\xD6\x80\xD6\x87\xD5\xA1\xD5\xB6");
    /* URLs whole, trailing sentence punctuation split off */
    TOKS("See https://example.com/a?b=1. Then www.gov.am, ok", "See|https://example.com/a?b=1|.|Then|www.gov.am|,|ok");
    TOKS("http:// alone", "http://|alone"); /* a bare scheme is still one URL token */
    /* emoji: a ZWJ family and a flag are single tokens */
    TOKS("\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7 family \xF0\x9F\x87\xA6\xF0\x9F\x87\xB2!",
         "\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7|family|\xF0\x9F\x87\xA6\xF0\x9F\x87\xB2|!");
    TOKS("$5 \xE2\x82\xAC" "10 100%", "$|5|\xE2\x82\xAC|10|100|%");
}

static void test_token_fields(void)
{
    char buf[256];
    pc_seg_result r;
    S_toks("Mr. Smith said: yes", buf, sizeof buf, &r);
    CHECK_EQ_INT(r.ntok, 5);
    if (r.ntok == 5) {
        CHECK_EQ_INT(r.toks[0].kind, PC_TOK_WORD);
        CHECK(r.toks[0].flags & PC_TF_ABBREV);
        CHECK(r.toks[0].flags & PC_TF_SPACE_AFTER);
        CHECK(!(r.toks[1].flags & PC_TF_ABBREV));
        CHECK(!(r.toks[2].flags & PC_TF_SPACE_AFTER)); /* "said" glued to ':' */
        CHECK_EQ_INT(r.toks[3].kind, PC_TOK_PUNCT);
        CHECK(!(r.toks[4].flags & PC_TF_SPACE_AFTER)); /* last token */
    }
    pc_seg_result_free(pc_mem_default(), &r);
    S_toks("42 x https://a.bc \xE2\x82\xAC \xE2\x80\x8D", buf, sizeof buf, &r);
    CHECK_EQ_INT(r.ntok, 5);
    if (r.ntok == 5) {
        CHECK_EQ_INT(r.toks[0].kind, PC_TOK_NUM);
        CHECK_EQ_INT(r.toks[1].kind, PC_TOK_WORD);
        CHECK_EQ_INT(r.toks[2].kind, PC_TOK_URL);
        CHECK_EQ_INT(r.toks[3].kind, PC_TOK_SYM);
        CHECK_EQ_INT(r.toks[4].kind, PC_TOK_OTHER);
    }
    pc_seg_result_free(pc_mem_default(), &r);
}

static void test_sentences(void)
{
    SENTS("Mr. Aliyev met Dr. Smith. They spoke.", "Mr. Aliyev met Dr. Smith.|They spoke.");
    SENTS("J. R. R. Tolkien wrote it. He died in 1973.", "J. R. R. Tolkien wrote it.|He died in 1973.");
    SENTS("The U.S. Senate voted. It passed.", "The U.S. Senate voted.|It passed.");
    SENTS("It cost 1.13 billion. Then 120,000 more.", "It cost 1.13 billion.|Then 120,000 more.");
    /* closing quotes and brackets belong to the sentence they end */
    SENTS("\"We will win.\" He left. (It rained.) Later \xE2\x80\x9CNo!\xE2\x80\x9D she said.",
          "\"We will win.\"|He left.|(It rained.)|Later \xE2\x80\x9CNo!\xE2\x80\x9D she said.");
    /* the next sentence may open with a quote, digit or bracket */
    SENTS("He left. \"Why?\" 2024 was hard. [Note] end.", "He left.|\"Why?\"|2024 was hard.|[Note] end.");
    /* ellipsis: ends before a capital, not before lowercase or without a space */
    SENTS("He paused... Then he spoke.", "He paused...|Then he spoke.");
    SENTS("Wait... and see.", "Wait... and see.");
    SENTS("active\xE2\x80\xA6particularly Now.", "active\xE2\x80\xA6particularly Now.");
    SENTS("He paused\xE2\x80\xA6 Then spoke.", "He paused\xE2\x80\xA6|Then spoke.");
    /* lowercase after a period does not start a sentence */
    SENTS("See fig. 3 and p. the end.", "See fig. 3 and p. the end.");
    /* final abbreviations end a sentence before a capital */
    SENTS("Apples, pears, etc. The next day came.", "Apples, pears, etc.|The next day came.");
    SENTS("We met at 10 a.m. The talks began.", "We met at 10 a.m.|The talks began.");
    SENTS("Acme Inc. Sales rose.", "Acme Inc.|Sales rose.");
    /* URLs do not end sentences inside them */
    SENTS("Visit www.gov.am. Then call.", "Visit www.gov.am.|Then call.");
    SENTS("What?! Really?", "What?!|Really?");
    SENTS("No punctuation at all", "No punctuation at all");
    SENTS("", "");
    /* Armenian capital after a period starts a sentence */
    SENTS("It ended. \xD4\xB1\xD5\xB5\xD5\xB8.", "It ended.|\xD4\xB1\xD5\xB5\xD5\xB8.");
    /* title and heading paragraphs are one sentence each */
    {
        char buf[256];
        S_sents("Talks end. Deal signed. More", PC_PARA_TITLE, buf, sizeof buf);
        CHECK_EQ_STRN(buf, strlen(buf), "Talks end. Deal signed. More");
    }
}

static void test_paragraphs(void)
{
    const char *text = "Title here\n\nOne. Two.\n\nThree";
    pc_para paras[3] = {{0, 10, PC_PARA_TITLE}, {12, 21, PC_PARA_BODY}, {23, 28, PC_PARA_BODY}};
    pc_para bad[1] = {{5, 99, PC_PARA_BODY}};
    pc_seg_result r;
    memset(&r, 0, sizeof r);
    CHECK_EQ_INT(pc_segment(pc_mem_default(), text, strlen(text), paras, 3, &r), PC_OK);
    CHECK_EQ_INT(r.nsent, 4);
    if (r.nsent == 4) {
        CHECK_EQ_INT(r.sents[0].para, 0);
        CHECK_EQ_INT(r.sents[1].para, 1);
        CHECK_EQ_INT(r.sents[2].para, 1);
        CHECK_EQ_INT(r.sents[3].para, 2);
        CHECK_EQ_INT(r.sents[3].start, 23);
        CHECK_EQ_INT(r.sents[3].tok_end, r.ntok);
        CHECK_EQ_INT(r.sents[1].tok_start, r.sents[0].tok_end);
    }
    pc_seg_result_free(pc_mem_default(), &r);
    /* a paragraph outside the text is refused */
    CHECK_EQ_INT(pc_segment(pc_mem_default(), text, strlen(text), bad, 1, &r), PC_EINVAL);
    pc_seg_result_free(pc_mem_default(), &r);
}

static void test_long_runs(void)
{
    /* 10^5 dots, quotes and parentheses: linear, a bounded number of tokens */
    size_t n = 100000, i;
    char *s = (char *)malloc(n + 1);
    pc_seg_result r;
    pc_para para = {0, 0, PC_PARA_BODY};
    if (!s) {
        CHECK(0);
        return;
    }
    memset(s, '.', n);
    s[n] = 0;
    para.end = (uint32_t)n;
    memset(&r, 0, sizeof r);
    CHECK_EQ_INT(pc_segment(pc_mem_default(), s, n, &para, 1, &r), PC_OK);
    CHECK_EQ_INT(r.ntok, 1);
    CHECK_EQ_INT(r.nsent, 1);
    pc_seg_result_free(pc_mem_default(), &r);
    memset(s, '"', n);
    CHECK_EQ_INT(pc_segment(pc_mem_default(), s, n, &para, 1, &r), PC_OK);
    CHECK_EQ_INT(r.ntok, n);
    CHECK_EQ_INT(r.nsent, 1);
    pc_seg_result_free(pc_mem_default(), &r);
    for (i = 0; i < n; i += 2) {
        s[i] = 'A';
        s[i + 1] = '.';
    }
    CHECK_EQ_INT(pc_segment(pc_mem_default(), s, n, &para, 1, &r), PC_OK);
    CHECK_EQ_INT(r.ntok, 1); /* one long initialism "A.A.A...." */
    pc_seg_result_free(pc_mem_default(), &r);
    free(s);
}

static int S_fl_segment(const pc_mem *mem, void *arg)
{
    const char *text = (const char *)arg;
    pc_para paras[2];
    pc_seg_result r;
    int rc;
    paras[0].start = 0;
    paras[0].end = 11;
    paras[0].kind = PC_PARA_TITLE;
    paras[1].start = 13;
    paras[1].end = (uint32_t)strlen(text);
    paras[1].kind = PC_PARA_BODY;
    memset(&r, 0, sizeof r);
    rc = pc_segment(mem, text, strlen(text), paras, 2, &r);
    pc_seg_result_free(mem, &r);
    return rc;
}

static void test_enomem(void)
{
    static char text[4096];
    size_t i;
    strcpy(text, "Peace talks\n\n");
    for (i = 0; i < 40; i++) /* enough tokens and sentences to grow both arrays */
        strcat(text, "Mr. Aliyev met the U.S. envoy. ");
    strcat(text, "\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7 https://a.am/x done.");
    CHECK(pc_failloop("pc_segment", S_fl_segment, text) >= 4);
}

int main(void)
{
    RUN(test_tokens);
    RUN(test_token_fields);
    RUN(test_sentences);
    RUN(test_paragraphs);
    RUN(test_long_runs);
    RUN(test_enomem);
    return pc_test_summary("test_segment");
}
