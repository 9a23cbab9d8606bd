/* test_ac.c - unit tests of the Aho-Corasick automaton (pc_ac.h). */
#include "harness.h"
#include "pc_ac.h"

typedef struct {
    size_t start[4096], end[4096];
    uint32_t id[4096];
    size_t n;
    size_t stop_after; /* 0 = never stop */
} hits;

static int collect(void *ud, size_t start, size_t end, uint32_t id)
{
    hits *h = (hits *)ud;
    if (h->n >= 4096)
        return PC_ELIMIT;
    h->start[h->n] = start;
    h->end[h->n] = end;
    h->id[h->n] = id;
    h->n++;
    if (h->stop_after && h->n == h->stop_after)
        return 42;
    return 0;
}

static pc_ac *build_strs(const pc_mem *m, const char **pats, size_t n)
{
    pc_ac_builder *b = NULL;
    pc_ac *ac = NULL;
    size_t i;
    if (pc_ac_builder_new(m, &b) != PC_OK)
        return NULL;
    for (i = 0; i < n; i++)
        if (pc_ac_builder_add(b, (const uint8_t *)pats[i], strlen(pats[i]), (uint32_t)i) != PC_OK)
            goto done;
    pc_ac_build(b, &ac);
done:
    pc_ac_builder_free(b);
    return ac;
}

static void test_classic(void)
{
    const char *pats[] = {"he", "she", "his", "hers"};
    const char *text = "ushers";
    hits h;
    pc_ac *ac = build_strs(pc_mem_default(), pats, 4);
    CHECK(ac != NULL);
    if (!ac)
        return;
    memset(&h, 0, sizeof h);
    CHECK_EQ_INT(pc_ac_scan(ac, (const uint8_t *)text, strlen(text), collect, &h), PC_OK);
    /* ushers: she [1,4), he [2,4), hers [2,6) */
    CHECK_EQ_INT(h.n, 3);
    CHECK_EQ_INT(h.id[0], 1);
    CHECK_EQ_INT(h.start[0], 1);
    CHECK_EQ_INT(h.end[0], 4);
    CHECK_EQ_INT(h.id[1], 0);
    CHECK_EQ_INT(h.start[1], 2);
    CHECK_EQ_INT(h.id[2], 3);
    CHECK_EQ_INT(h.start[2], 2);
    CHECK_EQ_INT(h.end[2], 6);
    CHECK_EQ_INT(pc_ac_max_len(ac), 4);
    CHECK(pc_ac_states(ac) == 10); /* root h he her hers hi his s sh she */
    CHECK(pc_ac_memory(ac) > 0);

    /* the callback's value stops the scan and comes back */
    memset(&h, 0, sizeof h);
    h.stop_after = 2;
    CHECK_EQ_INT(pc_ac_scan(ac, (const uint8_t *)text, strlen(text), collect, &h), 42);
    CHECK_EQ_INT(h.n, 2);
    pc_ac_free(ac);
}

static void test_duplicates_and_binary(void)
{
    pc_ac_builder *b = NULL;
    pc_ac *ac = NULL;
    hits h;
    const uint8_t zero[] = {0, 0xff, 0};
    CHECK_EQ_INT(pc_ac_builder_new(pc_mem_default(), &b), PC_OK);
    CHECK_EQ_INT(pc_ac_builder_add(b, (const uint8_t *)"ab", 2, 7), PC_OK);
    CHECK_EQ_INT(pc_ac_builder_add(b, (const uint8_t *)"ab", 2, 9), PC_OK);
    CHECK_EQ_INT(pc_ac_builder_add(b, zero, 3, 5), PC_OK);
    /* empty and NULL patterns are rejected and leave the builder unchanged */
    CHECK_EQ_INT(pc_ac_builder_add(b, (const uint8_t *)"x", 0, 1), PC_EINVAL);
    CHECK_EQ_INT(pc_ac_builder_add(b, NULL, 3, 1), PC_EINVAL);
    CHECK_EQ_INT(pc_ac_builder_count(b), 3);
    CHECK_EQ_INT(pc_ac_build(b, &ac), PC_OK);
    memset(&h, 0, sizeof h);
    CHECK_EQ_INT(pc_ac_scan(ac, (const uint8_t *)"xab\0\xff\0ab", 8, collect, &h), PC_OK);
    CHECK_EQ_INT(h.n, 5);
    CHECK_EQ_INT(h.id[0], 7); /* insertion order among equal patterns */
    CHECK_EQ_INT(h.id[1], 9);
    CHECK_EQ_INT(h.id[2], 5);
    CHECK_EQ_INT(h.start[2], 3);
    CHECK_EQ_INT(h.end[4], 8);
    /* the builder still works after a build */
    CHECK_EQ_INT(pc_ac_builder_add(b, (const uint8_t *)"b", 1, 1), PC_OK);
    pc_ac_free(ac);
    ac = NULL;
    CHECK_EQ_INT(pc_ac_build(b, &ac), PC_OK);
    memset(&h, 0, sizeof h);
    CHECK_EQ_INT(pc_ac_scan(ac, (const uint8_t *)"ab", 2, collect, &h), PC_OK);
    CHECK_EQ_INT(h.n, 3);
    /* no text, empty automaton */
    CHECK_EQ_INT(pc_ac_scan(ac, NULL, 0, collect, &h), PC_OK);
    CHECK_EQ_INT(pc_ac_scan(ac, NULL, 1, collect, &h), PC_EINVAL);
    CHECK_EQ_INT(pc_ac_prefixes(ac, (const uint8_t *)"ab", 2, 3, collect, &h), PC_EINVAL);
    CHECK_EQ_INT(pc_ac_prefixes(ac, (const uint8_t *)"ab", 2, 2, collect, &h), PC_OK);
    pc_ac_free(ac);
    pc_ac_builder_free(b);

    CHECK_EQ_INT(pc_ac_builder_new(pc_mem_default(), &b), PC_OK);
    CHECK_EQ_INT(pc_ac_build(b, &ac), PC_OK);
    memset(&h, 0, sizeof h);
    CHECK_EQ_INT(pc_ac_scan(ac, (const uint8_t *)"abc", 3, collect, &h), PC_OK);
    CHECK_EQ_INT(h.n, 0);
    pc_ac_free(ac);
    pc_ac_builder_free(b);
    pc_ac_free(NULL);
    pc_ac_builder_free(NULL);
}

/* Random patterns over a tiny alphabet against a brute-force search; many
 * children per state (> 8) exercise the binary-search edge lookup. */
static void test_random_vs_bruteforce(void)
{
    unsigned seed = 12345;
    int round;
    for (round = 0; round < 60; round++) {
        char pats[40][8];
        size_t plen[40], npat, i, j;
        uint8_t text[300];
        size_t tlen = 300, nb = 0;
        int alpha = round % 2 ? 3 : 20;
        pc_ac_builder *b = NULL;
        pc_ac *ac = NULL;
        static hits h;
        npat = 1 + (size_t)(round % 40);
        CHECK_EQ_INT(pc_ac_builder_new(pc_mem_default(), &b), PC_OK);
        for (i = 0; i < npat; i++) {
            seed = seed * 1103515245u + 12345u;
            plen[i] = 1 + (seed >> 16) % 6;
            for (j = 0; j < plen[i]; j++) {
                seed = seed * 1103515245u + 12345u;
                pats[i][j] = (char)('a' + (seed >> 16) % (unsigned)alpha);
            }
            CHECK_EQ_INT(pc_ac_builder_add(b, (const uint8_t *)pats[i], plen[i], (uint32_t)i), PC_OK);
        }
        for (i = 0; i < tlen; i++) {
            seed = seed * 1103515245u + 12345u;
            text[i] = (uint8_t)('a' + (seed >> 16) % (unsigned)alpha);
        }
        CHECK_EQ_INT(pc_ac_build(b, &ac), PC_OK);
        memset(&h, 0, sizeof h);
        CHECK_EQ_INT(pc_ac_scan(ac, text, tlen, collect, &h), PC_OK);
        /* every brute-force hit must be reported, and nothing else */
        for (i = 0; i < npat; i++) {
            size_t e;
            for (e = plen[i]; e <= tlen; e++) {
                if (memcmp(text + e - plen[i], pats[i], plen[i]) == 0) {
                    size_t k;
                    int found = 0;
                    nb++;
                    for (k = 0; k < h.n; k++)
                        if (h.id[k] == i && h.end[k] == e && h.start[k] == e - plen[i])
                            found = 1;
                    CHECK(found);
                }
            }
        }
        CHECK_EQ_INT(h.n, nb);
        /* anchored walks: the hits starting at each position, shortest first */
        {
            size_t pos, total = 0;
            uint8_t mask[256];
            pc_ac_first_bytes(ac, mask);
            for (pos = 0; pos <= tlen; pos++) {
                size_t k, expect = 0;
                memset(&h, 0, sizeof h);
                CHECK_EQ_INT(pc_ac_prefixes(ac, text, tlen, pos, collect, &h), PC_OK);
                for (i = 0; i < npat; i++)
                    if (pos + plen[i] <= tlen && memcmp(text + pos, pats[i], plen[i]) == 0)
                        expect++;
                CHECK_EQ_INT(h.n, expect);
                for (k = 0; k < h.n; k++) {
                    CHECK_EQ_INT(h.start[k], pos);
                    CHECK(memcmp(text + pos, pats[h.id[k]], h.end[k] - pos) == 0);
                    CHECK(k == 0 || h.end[k] >= h.end[k - 1]);
                }
                if (pos < tlen && h.n)
                    CHECK(mask[text[pos]] == 1);
                total += h.n;
            }
            CHECK_EQ_INT(total, nb);
        }
        pc_ac_free(ac);
        pc_ac_builder_free(b);
    }
}

static void test_enomem(void)
{
    const char *pats[] = {"armenia", "azerbaijan", "baku", "yerevan", "bak", "a"};
    long n;
    int ok = 0;
    for (n = 1; n < 200 && !ok; n++) {
        pc_test_failctx c = {n, 0, 0};
        pc_mem m = pc_test_failmem(&c);
        pc_ac_builder *b = NULL;
        pc_ac *ac = NULL;
        int rc = pc_ac_builder_new(&m, &b);
        size_t i;
        for (i = 0; rc == PC_OK && i < 6; i++)
            rc = pc_ac_builder_add(b, (const uint8_t *)pats[i], strlen(pats[i]), (uint32_t)i);
        if (rc == PC_OK)
            rc = pc_ac_build(b, &ac);
        if (rc == PC_OK) {
            hits h;
            memset(&h, 0, sizeof h);
            CHECK_EQ_INT(pc_ac_scan(ac, (const uint8_t *)"in baku", 7, collect, &h), PC_OK);
            CHECK_EQ_INT(h.n, 3); /* bak, baku, a */
            ok = 1;
        } else {
            CHECK_EQ_INT(rc, PC_ENOMEM);
        }
        pc_ac_free(ac);
        pc_ac_builder_free(b);
        CHECK_EQ_INT(c.live, 0);
    }
    CHECK(ok);
    CHECK(n > 3);
}

int main(void)
{
    RUN(test_classic);
    RUN(test_duplicates_and_binary);
    RUN(test_random_vs_bruteforce);
    RUN(test_enomem);
    return pc_test_summary("test_ac");
}
