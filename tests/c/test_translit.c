/* test_translit.c - unit tests of pc_translit (keys, one-edit neighbours)
 * and pc_strmap. */
#include "harness.h"
#include "failloop.h"

#include "pc_strmap.h"
#include "pc_translit.h"

static void S_key_is(const char *name, const char *expect)
{
    pc_buf b = PC_BUF_INIT;
    CHECK_EQ_INT(pc_translit_key(pc_mem_default(), name, strlen(name), &b), PC_OK);
    CHECK_EQ_STRN(b.data ? b.data : "", b.len, expect);
    pc_buf_free(pc_mem_default(), &b);
}

static int S_key_fn(const pc_mem *mem, void *arg)
{
    pc_buf b = PC_BUF_INIT;
    int rc = pc_translit_key(mem, (const char *)arg, strlen((const char *)arg), &b);
    pc_buf_free(mem, &b);
    return rc;
}

static void test_translit_key(void)
{
    pc_buf b = PC_BUF_INIT;
    S_key_is("Mirzoyan", "mirzoian");
    S_key_is("Mirzoian", "mirzoian");
    S_key_is("Naxçıvan", "nahchivan");
    S_key_is("Nakhchivan", "nahchivan");
    S_key_is("Naxcivan", "nahchivan");
    S_key_is("Pashinyan's", "pashinian");
    S_key_is("  Jeyhun  Bayramov ", "djeihun bairamov");
    S_key_is("Lachin-corridor", "lachin coridor");
    S_key_is("", "");
    S_key_is("...", "");
    CHECK_EQ_INT(pc_translit_key(pc_mem_default(), "a\xff", 2, &b), PC_EUTF8);
    pc_buf_free(pc_mem_default(), &b);
    CHECK(pc_failloop("pc_translit_key", S_key_fn, (void *)"Naxçıvan’s Şuşa") > 2);
}

static void test_edit1(void)
{
    CHECK(pc_translit_edit1("blinken", 7, "blinkin", 7));
    CHECK(pc_translit_edit1("blinken", 7, "blinke", 6));
    CHECK(pc_translit_edit1("blinke", 6, "blinken", 7));
    CHECK(pc_translit_edit1("same", 4, "same", 4));
    CHECK(!pc_translit_edit1("abcx", 4, "abxc", 4)); /* a transposition is two edits */
    CHECK(!pc_translit_edit1("blinken", 7, "blink", 5));
    CHECK(pc_translit_edit1("aliyev", 6, "\xc9\x99liyev", 7)); /* one code point, two bytes */
}

static int S_near_fn(const pc_mem *mem, void *arg)
{
    static const char *const keys[] = {"antony blinken", "ilham aliyev", "heydar aliyev", "mirzoian", "abc"};
    pc_strmap k, dels;
    pc_buf tmp = PC_BUF_INIT;
    int32_t slot, out = -2;
    size_t i;
    int rc = PC_OK;
    (void)arg;
    memset(&k, 0, sizeof k);
    memset(&dels, 0, sizeof dels);
    for (i = 0; i < 5 && rc == PC_OK; i++)
        rc = pc_strmap_get(mem, &k, keys[i], strlen(keys[i]), &slot);
    if (rc == PC_OK)
        rc = pc_translit_near_index(mem, &k, &dels, &tmp);
    if (rc == PC_OK)
        rc = pc_translit_near_one(mem, &k, &dels, "antony blinkin", 14, &tmp, &out);
    if (rc == PC_OK) {
        CHECK_EQ_INT(out, 0);
        rc = pc_translit_near_one(mem, &k, &dels, "mirzoyanx", 9, &tmp, &out); /* two edits */
        CHECK_EQ_INT(out, -1);
    }
    if (rc == PC_OK) {
        rc = pc_translit_near_one(mem, &k, &dels, "heydar aliyev", 13, &tmp, &out); /* the key itself */
        CHECK_EQ_INT(out, 2);
    }
    if (rc == PC_OK) {
        rc = pc_translit_near_one(mem, &k, &dels, "abd", 3, &tmp, &out); /* keys under 6 are not indexed */
        CHECK_EQ_INT(out, -1);
    }
    pc_strmap_free(mem, &k);
    pc_strmap_free(mem, &dels);
    pc_buf_free(mem, &tmp);
    return rc;
}

static void test_near(void)
{
    pc_strmap k, dels;
    pc_buf tmp = PC_BUF_INIT;
    int32_t slot, out;
    CHECK(pc_failloop("pc_translit_near", S_near_fn, NULL) > 5);
    /* two keys one edit from the name: none chosen */
    memset(&k, 0, sizeof k);
    memset(&dels, 0, sizeof dels);
    CHECK_EQ_INT(pc_strmap_get(pc_mem_default(), &k, "petrosyan", 9, &slot), PC_OK);
    CHECK_EQ_INT(pc_strmap_get(pc_mem_default(), &k, "petrosian", 9, &slot), PC_OK);
    CHECK_EQ_INT(pc_translit_near_index(pc_mem_default(), &k, &dels, &tmp), PC_OK);
    CHECK_EQ_INT(pc_translit_near_one(pc_mem_default(), &k, &dels, "petrosyen", 9, &tmp, &out), PC_OK);
    CHECK_EQ_INT(out, 0);
    CHECK_EQ_INT(pc_translit_near_one(pc_mem_default(), &k, &dels, "petrosxan", 9, &tmp, &out), PC_OK);
    CHECK_EQ_INT(out, -1);
    pc_strmap_free(pc_mem_default(), &k);
    pc_strmap_free(pc_mem_default(), &dels);
    pc_buf_free(pc_mem_default(), &tmp);
}

static int S_map_fn(const pc_mem *mem, void *arg)
{
    pc_strmap m;
    char key[16];
    int32_t s, it;
    size_t i, n;
    int rc = PC_OK;
    (void)arg;
    memset(&m, 0, sizeof m);
    for (i = 0; i < 300 && rc == PC_OK; i++) { /* grows the table several times */
        snprintf(key, sizeof key, "k%zu", i % 100);
        rc = pc_strmap_get(mem, &m, key, strlen(key), &s);
        if (rc == PC_OK)
            rc = pc_strmap_push(mem, &m, s, (int32_t)i);
    }
    if (rc == PC_OK) {
        CHECK_EQ_INT(m.n, 100);
        CHECK_EQ_INT(pc_strmap_find(&m, "k42", 3), 42); /* slots in insertion order */
        CHECK_EQ_INT(pc_strmap_find(&m, "k100", 4), -1);
        {
            const char *k7 = pc_strmap_key(&m, 7, &n);
            CHECK_EQ_STRN(k7, n, "k7");
        }
        CHECK_EQ_INT(m.slot[7].val, -1);
        for (i = 0, it = m.slot[7].head; it >= 0; it = m.next[it], i++)
            CHECK_EQ_INT(m.item[it], 7 + 100 * (int)i);
        CHECK_EQ_INT(i, 3);
        CHECK_EQ_INT(pc_strmap_get(mem, &m, "", 0, &s), PC_OK); /* the empty key is a key */
        CHECK_EQ_INT(pc_strmap_find(&m, "", 0), s);
    }
    pc_strmap_free(mem, &m);
    return rc;
}

static void test_strmap(void) { CHECK(pc_failloop("pc_strmap", S_map_fn, NULL) > 10); }

int main(void)
{
    RUN(test_translit_key);
    RUN(test_edit1);
    RUN(test_near);
    RUN(test_strmap);
    return pc_test_summary("test_translit");
}
