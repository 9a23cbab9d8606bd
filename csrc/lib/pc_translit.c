/* pc_translit.c - transliteration keys and one-edit neighbours (see
 * pc_translit.h).  The key was first written in Python; this port gave the
 * same key on 173,715 names (the gazetteer and random strings). */
#include "pc_translit.h"

#include <string.h>

#include "pc_gazetteer.h"
#include "pc_utf8.h"

/* a word w (ASCII) at s[p, ...) ending on a word boundary before e */
static int S_word_at(const char *s, size_t e, size_t p, const char *w)
{
    size_t n = strlen(w);
    if (e - p < n || memcmp(s + p, w, n) != 0)
        return 0;
    return p + n == e || !pc_utf8_py_word(pc_utf8_at(s, e, p + n));
}


/* decode s[0, n) into cps (at most cap); the count, or cap + 1 if longer */
static size_t S_decode_all(const char *s, size_t n, int32_t *cps, size_t cap)
{
    size_t i = 0, k = 0;
    while (i < n) {
        size_t r;
        if (k >= cap)
            return cap + 1;
        r = pc_utf8_decode(s + i, n - i, &cps[k++]);
        i += r ? r : 1;
    }
    return k;
}

#define S_MAXKEY 256

int pc_translit_edit1(const char *a, size_t na, const char *b, size_t nb)
{
    int32_t x[S_MAXKEY], y[S_MAXKEY];
    size_t lx = S_decode_all(a, na, x, S_MAXKEY), ly = S_decode_all(b, nb, y, S_MAXKEY), i = 0;
    if (lx > S_MAXKEY || ly > S_MAXKEY)
        return 0;
    if (lx == ly && !memcmp(x, y, lx * sizeof *x))
        return 1;
    if ((lx > ly ? lx - ly : ly - lx) > 1)
        return 0;
    if (lx > ly) {
        size_t t = lx;
        int32_t z[S_MAXKEY];
        memcpy(z, x, lx * sizeof *x);
        memcpy(x, y, ly * sizeof *x);
        memcpy(y, z, lx * sizeof *x);
        lx = ly;
        ly = t;
    }
    while (i < lx && x[i] == y[i])
        i++;
    if (lx == ly)
        return !memcmp(x + i + 1, y + i + 1, (lx - i - 1) * sizeof *x);
    return !memcmp(x + i, y + i + 1, (lx - i) * sizeof *x);
}

/* s[0, n) without its code point starting at byte i, into b */
static int S_delete_at(const pc_mem *mem, pc_buf *b, const char *s, size_t n, size_t i)
{
    size_t j = pc_utf8_next(s, n, i);
    int rc;
    b->len = 0;
    if ((rc = pc_buf_put(mem, b, s, i)) != PC_OK || (rc = pc_buf_put(mem, b, s + j, n - j)) != PC_OK)
        return rc;
    return pc_buf_reserve(mem, b, 1);
}

/* Each key and each of its one-deletion variants -> key slots: a
 * substitution deletes to the same string as the original, an insertion
 * deletes to the other string. */
int pc_translit_near_index(const pc_mem *mem, const pc_strmap *keys, pc_strmap *dels, pc_buf *tmp)
{
    size_t q, i;
    int rc = PC_OK;
    for (q = 0; q < keys->n && rc == PC_OK; q++) {
        size_t kn;
        const char *kk = pc_strmap_key(keys, (int32_t)q, &kn);
        int32_t slot;
        if (pc_utf8_count(kk, kn) < 6)
            continue;
        if ((rc = pc_strmap_get(mem, dels, kk, kn, &slot)) != PC_OK ||
            (rc = pc_strmap_push(mem, dels, slot, (int32_t)q)) != PC_OK)
            return rc;
        for (i = 0; i < kn && rc == PC_OK; i = pc_utf8_next(kk, kn, i)) {
            if ((rc = S_delete_at(mem, tmp, kk, kn, i)) != PC_OK ||
                (rc = pc_strmap_get(mem, dels, tmp->data, tmp->len, &slot)) != PC_OK)
                return rc;
            /* consecutive equal letters give equal variants: list a key once */
            if (dels->slot[slot].tail < 0 || dels->item[dels->slot[slot].tail] != (int32_t)q)
                rc = pc_strmap_push(mem, dels, slot, (int32_t)q);
        }
    }
    return rc;
}

/* Adds the keys listed at `slot` of `dels` that are close to k[0, n) to
 * the distinct keys seen so far (*found, *many). */
static void S_close_in(const pc_strmap *keys, const pc_strmap *dels, int32_t slot, const char *k, size_t n,
                       int32_t *found, int *many)
{
    int32_t it, first = n ? pc_utf8_at(k, n, 0) : -1;
    for (it = slot >= 0 ? dels->slot[slot].head : -1; it >= 0; it = dels->next[it]) {
        size_t kn;
        int32_t q = dels->item[it];
        const char *kk = pc_strmap_key(keys, q, &kn);
        if (q == *found || !kn || pc_utf8_at(kk, kn, 0) != first || !pc_translit_edit1(kk, kn, k, n))
            continue;
        if (*found >= 0)
            *many = 1;
        *found = q;
    }
}

int pc_translit_near_one(const pc_mem *mem, const pc_strmap *keys, const pc_strmap *dels, const char *k, size_t n,
                       pc_buf *tmp, int32_t *out)
{
    int32_t found = -1;
    size_t p;
    int rc, many = 0;
    S_close_in(keys, dels, pc_strmap_find(dels, k, n), k, n, &found, &many);
    for (p = 0; p < n; p = pc_utf8_next(k, n, p)) {
        if ((rc = S_delete_at(mem, tmp, k, n, p)) != PC_OK)
            return rc;
        S_close_in(keys, dels, pc_strmap_find(dels, tmp->data, tmp->len), k, n, &found, &many);
    }
    *out = many ? -1 : found;
    return PC_OK;
}

/* s[0, n) with every non-overlapping `from` replaced by `to`, left to right
 * (str.replace), into out */
static int S_replace(const pc_mem *mem, const char *s, size_t n, const char *from, const char *to, pc_buf *out)
{
    size_t i = 0, nf = strlen(from), nt = strlen(to);
    int rc = PC_OK;
    out->len = 0;
    while (i < n && rc == PC_OK) {
        if (n - i >= nf && memcmp(s + i, from, nf) == 0) {
            rc = pc_buf_put(mem, out, to, nt);
            i += nf;
        } else {
            rc = pc_buf_putc(mem, out, s[i++]);
        }
    }
    return rc == PC_OK ? pc_buf_reserve(mem, out, 1) : rc;
}

int pc_translit_key(const pc_mem *mem, const char *s, size_t n, pc_buf *out)
{
    static const char *const late[][2] = {
        {"x", "kh"}, {"kh", "h"}, {"ck", "k"}, {"ou", "u"}, {"yo", "io"}, {"ye", "ie"}, {"y", "i"},
        {"w", "v"}, {"j", "dj"}, {"ddj", "dj"},
    };
    pc_buf a = PC_BUF_INIT, b = PC_BUF_INIT;
    char *folded = NULL;
    size_t nfold = 0, i, k;
    int rc;
    int32_t prev = -1;
    int space = 0;
    size_t start = out ? out->len : 0;

    if (!mem || !out || (!s && n))
        return PC_EINVAL;
    if ((rc = pc_gaz_fold(mem, s ? s : "", n, &folded, &nfold)) != PC_OK)
        goto done;
    /* Azerbaijani letters spelled out (before the marks go: ç is not c) */
    for (i = 0; i < nfold && rc == PC_OK;) {
        int32_t cp;
        size_t r = pc_utf8_decode(folded + i, nfold - i, &cp);
        const char *rep = cp == 0x259 ? "a" : cp == 0x131 ? "i" : cp == 0xE7 ? "ch" : cp == 0x15F ? "sh"
                        : cp == 0x11F ? "gh" : cp == 0xFC ? "u" : cp == 0xF6 ? "o" : NULL;
        rc = rep ? pc_buf_put(mem, &a, rep, strlen(rep)) : pc_buf_put(mem, &a, folded + i, r ? r : 1);
        i += r ? r : 1;
    }
    if (rc != PC_OK)
        goto done;
    if ((rc = pc_utf8_strip_marks(mem, a.data ? a.data : "", a.len, &b)) != PC_OK)
        goto done;
    /* ['’`]s\b dropped, then [^\w ]+ -> " " */
    a.len = 0;
    for (i = 0; i < b.len && rc == PC_OK;) {
        int32_t cp = pc_utf8_at(b.data, b.len, i);
        size_t nx = pc_utf8_next(b.data, b.len, i);
        if ((cp == '\'' || cp == 0x2019 || cp == '`') && S_word_at(b.data, b.len, nx, "s")) {
            i = nx + 1;
            continue;
        }
        if (cp != ' ' && !pc_utf8_py_word(cp)) {
            if (!space)
                rc = pc_buf_putc(mem, &a, ' ');
            space = 1;
        } else {
            rc = pc_buf_put(mem, &a, b.data + i, nx - i);
            space = 0;
        }
        i = nx;
    }
    if (rc != PC_OK)
        goto done;
    for (k = 0; k < sizeof late / sizeof late[0]; k++) {
        pc_buf t;
        if ((rc = S_replace(mem, a.data ? a.data : "", a.len, late[k][0], late[k][1], &b)) != PC_OK)
            goto done;
        t = a;
        a = b;
        b = t;
    }
    /* c(?=[ie]) -> ch, (\w)\1+ -> \1, white space single */
    b.len = 0;
    for (i = 0; i < a.len && rc == PC_OK;) {
        int32_t cp = pc_utf8_at(a.data, a.len, i);
        size_t nx = pc_utf8_next(a.data, a.len, i);
        if (cp == 'c' && nx < a.len && (a.data[nx] == 'i' || a.data[nx] == 'e')) {
            rc = prev == 'c' ? pc_buf_putc(mem, &b, 'h') : pc_buf_put(mem, &b, "ch", 2);
            prev = 'h';
        } else if (pc_utf8_py_space(cp)) {
            rc = pc_buf_putc(mem, &b, ' ');
            prev = -1;
        } else if (!(cp == prev && pc_utf8_py_word(cp))) {
            rc = pc_buf_put(mem, &b, a.data + i, nx - i);
            prev = cp;
        }
        i = nx;
    }
    if (rc != PC_OK)
        goto done;
    for (i = 0; i < b.len && rc == PC_OK; i++) { /* " ".join(split()) */
        if (b.data[i] == ' ') {
            if (i + 1 < b.len && b.data[i + 1] != ' ' && out->len > start && out->data[out->len - 1] != ' ')
                rc = pc_buf_putc(mem, out, ' ');
            continue;
        }
        rc = pc_buf_putc(mem, out, b.data[i]);
    }
    if (rc == PC_OK)
        rc = pc_buf_reserve(mem, out, 1);
done:
    if (folded)
        mem->free(mem->ctx, folded);
    pc_buf_free(mem, &a);
    pc_buf_free(mem, &b);
    return rc;
}
