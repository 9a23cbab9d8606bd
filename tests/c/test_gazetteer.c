/* test_gazetteer.c - unit tests of gazetteer matching (pc_gazetteer.h). */
#include "harness.h"
#include "pc_gazetteer.h"

static pc_gaz_matcher *compile_list(const pc_mem *mem, const char **surf, const int *rules, size_t n)
{
    pc_gaz *g = NULL;
    pc_gaz_matcher *m = NULL;
    size_t i;
    if (pc_gaz_new(mem, &g) != PC_OK)
        return NULL;
    for (i = 0; i < n; i++)
        if (pc_gaz_add(g, surf[i], strlen(surf[i]), (uint32_t)(100 + i), (uint32_t)(1000 + i),
                       rules ? rules[i] : PC_GAZ_CASE_AUTO, NULL) != PC_OK)
            goto done;
    pc_gaz_compile(g, &m);
done:
    pc_gaz_free(g);
    return m;
}

/* "start:end:entry;..." of the hits, for compact comparisons */
static const char *fmt(const pc_gaz_hits *h)
{
    static char buf[1024];
    size_t i, k = 0;
    buf[0] = '\0';
    for (i = 0; i < h->n && k < sizeof buf - 40; i++)
        k += (size_t)snprintf(buf + k, sizeof buf - k, "%zu:%zu:%u;", h->v[i].start, h->v[i].end,
                              (unsigned)h->v[i].entry);
    return buf;
}

static void match_expect(const pc_gaz_matcher *m, const char *text, int flags, const char *expect)
{
    pc_gaz_hits h = {NULL, 0, 0};
    const char *got;
    CHECK_EQ_INT(pc_gaz_match(m, text, strlen(text), flags, &h), PC_OK);
    got = fmt(&h);
    CHECK_EQ_STRN(got, strlen(got), expect);
    pc_gaz_hits_free(pc_mem_default(), &h);
}

static void test_longest_and_overlapping(void)
{
    const char *s[] = {"Nagorno-Karabakh", "Karabakh", "Second Karabakh War", "Karabakh War", "war"};
    pc_gaz_matcher *m = compile_list(pc_mem_default(), s, NULL, 5);
    uint32_t label = 0, entry = 0;
    CHECK(m != NULL);
    if (!m)
        return;
    CHECK_EQ_INT(pc_gaz_matcher_count(m), 5);
    CHECK(pc_gaz_matcher_memory(m) > 0);
    CHECK_EQ_INT(pc_gaz_matcher_entry(m, 2, &label, &entry), PC_OK);
    CHECK_EQ_INT(label, 102);
    CHECK_EQ_INT(entry, 1002);
    CHECK_EQ_INT(pc_gaz_matcher_entry(m, 5, &label, &entry), PC_EINVAL);
    /*          0123456789012345678901234567890 */
    match_expect(m, "After the Second Karabakh War, Nagorno-Karabakh", 0, "10:29:2;31:47:0;");
    match_expect(m, "After the Second Karabakh War, Nagorno-Karabakh", PC_GAZ_OVERLAPPING,
                 "10:29:2;17:29:3;17:25:1;26:29:4;31:47:0;39:47:1;");
    /* word boundaries: not inside words, but punctuation is fine */
    match_expect(m, "Karabakhs warfare (Karabakh)", 0, "19:27:1;");
    match_expect(m, "", 0, "");
    pc_gaz_matcher_free(m);
}

static void test_case_rules(void)
{
    const char *s[] = {"UN", "Turkey", "foreign minister", "May", "US", "us", "Minsk"};
    const int r[] = {PC_GAZ_CASE_AUTO, PC_GAZ_CASE_AUTO, PC_GAZ_CASE_AUTO, PC_GAZ_CASE_AUTO,
                     PC_GAZ_CASE_AUTO, PC_GAZ_CASE_EXACT, PC_GAZ_CASE_ANY};
    pc_gaz *g = NULL;
    pc_gaz_matcher *m;
    size_t i;
    CHECK_EQ_INT(pc_gaz_new(pc_mem_default(), &g), PC_OK);
    for (i = 0; i < 7; i++)
        CHECK_EQ_INT(pc_gaz_add(g, s[i], strlen(s[i]), 0, 0, r[i], NULL), PC_OK);
    CHECK_EQ_INT(pc_gaz_case_rule(g, 0), PC_GAZ_CASE_EXACT);
    CHECK_EQ_INT(pc_gaz_case_rule(g, 1), PC_GAZ_CASE_TITLE);
    CHECK_EQ_INT(pc_gaz_case_rule(g, 2), PC_GAZ_CASE_ANY);
    CHECK_EQ_INT(pc_gaz_case_rule(g, 6), PC_GAZ_CASE_ANY);
    CHECK_EQ_INT(pc_gaz_case_rule(g, 7), PC_EINVAL);
    CHECK_EQ_INT(pc_gaz_compile(g, &m), PC_OK);
    pc_gaz_free(g);
    match_expect(m, "un accord, the UN and the Un", 0, "15:17:0;");
    match_expect(m, "roast turkey in Turkey", 0, "16:22:1;");
    match_expect(m, "TURKEY", 0, "0:6:1;");
    match_expect(m, "the Foreign Minister and the foreign minister", 0, "4:20:2;29:45:2;");
    match_expect(m, "in May we may", 0, "3:6:3;");
    /* "US" (auto: exact) and "us" (explicit exact) never mix */
    match_expect(m, "the US told us", 0, "4:6:4;12:14:5;");
    match_expect(m, "MINSK minsk", 0, "0:5:6;6:11:6;");
    pc_gaz_matcher_free(m);
}

static void test_unicode_folding(void)
{
    const char *s[] = {"Naxçıvan", "İstanbul", "Côte d'Ivoire", "Straße", "Sumgait"};
    const char *t = "NAXÇIVAN, istanbul? İSTANBUL and Côte d\xE2\x80\x99Ivoire; STRASSE strasse-x";
    pc_gaz_hits h = {NULL, 0, 0};
    pc_gaz_matcher *m = compile_list(pc_mem_default(), s, NULL, 5);
    char *folded = NULL;
    size_t flen = 0;
    CHECK(m != NULL);
    if (!m)
        return;
    CHECK_EQ_INT(pc_gaz_match(m, t, strlen(t), 0, &h), PC_OK);
    /* NAXÇIVAN [0,9); "istanbul" is lower case, rule TITLE rejects it;
     * İSTANBUL [21,30) (İ is 2 bytes, folds to 1); Côte d’Ivoire with a
     * typographic apostrophe [35,51); STRASSE (ß in the surface folds to ss) */
    CHECK_EQ_STRN(fmt(&h), strlen(fmt(&h)), "0:9:0;21:30:1;35:51:2;53:60:3;");
    CHECK_EQ_STRN(t + h.v[2].start, h.v[2].end - h.v[2].start, "Côte d\xE2\x80\x99Ivoire");
    pc_gaz_hits_to_cp(t, strlen(t), &h);
    CHECK_EQ_STRN(fmt(&h), strlen(fmt(&h)), "0:8:0;20:28:1;33:46:2;48:55:3;");
    pc_gaz_hits_free(pc_mem_default(), &h);
    pc_gaz_matcher_free(m);

    CHECK_EQ_INT(pc_gaz_fold(pc_mem_default(), "NAXÇIVAN Naxçıvan ß", strlen("NAXÇIVAN Naxçıvan ß"), &folded, &flen), PC_OK);
    CHECK_EQ_STRN(folded, flen, "naxçivan naxçivan ss");
    free(folded);

    /* a match may not end inside the folding of one code point: "ss" of ß */
    {
        const char *s2[] = {"s", "Stra"};
        const int r2[] = {PC_GAZ_CASE_ANY, PC_GAZ_CASE_ANY};
        m = compile_list(pc_mem_default(), s2, r2, 2);
        match_expect(m, "ß s Straße", 0, "3:4:0;");
        pc_gaz_matcher_free(m);
    }
}

static void test_invalid_input(void)
{
    pc_gaz *g = NULL;
    pc_gaz_matcher *m = NULL;
    pc_gaz_hits h = {NULL, 0, 0};
    const char bad[] = "Baku \xC3 Baku\xFF\xFE Baku";
    CHECK_EQ_INT(pc_gaz_new(pc_mem_default(), &g), PC_OK);
    CHECK_EQ_INT(pc_gaz_add(g, "", 0, 0, 0, 0, NULL), PC_EINVAL);
    CHECK_EQ_INT(pc_gaz_add(g, "a\0b", 3, 0, 0, 0, NULL), PC_EINVAL);
    CHECK_EQ_INT(pc_gaz_add(g, "\xC3(", 2, 0, 0, 0, NULL), PC_EUTF8);
    CHECK_EQ_INT(pc_gaz_add(g, "x", 1, 0, 0, 9, NULL), PC_EINVAL);
    CHECK_EQ_INT(pc_gaz_count(g), 0);
    /* an empty gazetteer compiles and matches nothing */
    CHECK_EQ_INT(pc_gaz_compile(g, &m), PC_OK);
    CHECK_EQ_INT(pc_gaz_match(m, "Baku", 4, 0, &h), PC_OK);
    CHECK_EQ_INT(h.n, 0);
    pc_gaz_matcher_free(m);
    {
        uint32_t idx = 99;
        CHECK_EQ_INT(pc_gaz_add(g, "Baku", 4, 1, 2, 0, &idx), PC_OK);
        CHECK_EQ_INT(idx, 0);
    }
    CHECK_EQ_INT(pc_gaz_compile(g, &m), PC_OK);
    /* invalid bytes are non-word characters and never part of a match */
    CHECK_EQ_INT(pc_gaz_match(m, bad, sizeof bad - 1, 0, &h), PC_OK);
    CHECK_EQ_STRN(fmt(&h), strlen(fmt(&h)), "0:4:0;7:11:0;14:18:0;");
    CHECK_EQ_INT(pc_gaz_match(m, NULL, 3, 0, &h), PC_EINVAL);
    CHECK_EQ_INT(pc_gaz_match(m, NULL, 0, 0, &h), PC_OK);
    /* the gazetteer can grow while the old matcher stays valid */
    CHECK_EQ_INT(pc_gaz_add(g, "Baku", 4, 1, 3, 0, NULL), PC_OK);
    CHECK_EQ_INT(pc_gaz_match(m, "Baku", 4, 0, &h), PC_OK);
    CHECK_EQ_STRN(fmt(&h), strlen(fmt(&h)), "0:4:0;");
    pc_gaz_matcher_free(m);
    CHECK_EQ_INT(pc_gaz_compile(g, &m), PC_OK);
    /* same span: the entry added last wins; overlapping mode returns both */
    match_expect(m, "Baku", 0, "0:4:1;");
    match_expect(m, "Baku", PC_GAZ_OVERLAPPING, "0:4:1;0:4:0;");
    pc_gaz_hits_free(pc_mem_default(), &h);
    pc_gaz_matcher_free(m);
    pc_gaz_free(g);
    pc_gaz_free(NULL);
    pc_gaz_matcher_free(NULL);
}

static void test_enomem(void)
{
    const char *s[] = {"Baku", "Yerevan", "İstanbul", "UN", "Straße"};
    const char *t = "Baku and Yerevan at the UN, İSTANBUL STRASSE.";
    long n;
    int ok = 0;
    for (n = 1; n < 500 && !ok; n++) {
        pc_test_failctx c = {n, 0, 0};
        pc_mem mem = pc_test_failmem(&c);
        pc_gaz *g = NULL;
        pc_gaz_matcher *m = NULL;
        pc_gaz_hits h = {NULL, 0, 0};
        size_t i;
        int rc = pc_gaz_new(&mem, &g);
        for (i = 0; rc == PC_OK && i < 5; i++)
            rc = pc_gaz_add(g, s[i], strlen(s[i]), 0, 0, 0, NULL);
        if (rc == PC_OK)
            rc = pc_gaz_compile(g, &m);
        if (rc == PC_OK)
            rc = pc_gaz_match(m, t, strlen(t), 0, &h);
        if (rc == PC_OK) {
            CHECK_EQ_STRN(fmt(&h), strlen(fmt(&h)), "0:4:0;9:16:1;24:26:3;28:37:2;38:45:4;");
            ok = 1;
        } else {
            CHECK_EQ_INT(rc, PC_ENOMEM);
            CHECK_EQ_INT(h.n, 0);
        }
        pc_gaz_hits_free(&mem, &h);
        pc_gaz_matcher_free(m);
        pc_gaz_free(g);
        CHECK_EQ_INT(c.live, 0);
    }
    CHECK(ok);
}

int main(void)
{
    RUN(test_longest_and_overlapping);
    RUN(test_case_rules);
    RUN(test_unicode_folding);
    RUN(test_invalid_input);
    RUN(test_enomem);
    return pc_test_summary("test_gazetteer");
}
