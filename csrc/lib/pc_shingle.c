/* pc_shingle.c - word tokens, folding, hashing and shingles (see pc_shingle.h). */
#include "pc_shingle.h"

#include <string.h>
#include <utf8proc.h>

#define P1 0x9E3779B185EBCA87ULL
#define P2 0xC2B2AE3D27D4EB4FULL
#define P3 0x165667B19E3779F9ULL
#define P4 0x85EBCA77C2B2AE63ULL
#define P5 0x27D4EB2F165667C5ULL

static inline uint64_t S_rotl(uint64_t x, int r) { return (x << r) | (x >> (64 - r)); }

static inline uint64_t S_fmix(uint64_t k)
{
    k ^= k >> 33;
    k *= 0xFF51AFD7ED558CCDULL;
    k ^= k >> 33;
    k *= 0xC4CEB9FE1A85EC53ULL;
    k ^= k >> 33;
    return k;
}

static inline uint64_t S_read64(const unsigned char *p)
{
    /* explicit little-endian so hashes are the same on every platform */
    return (uint64_t)p[0] | (uint64_t)p[1] << 8 | (uint64_t)p[2] << 16 | (uint64_t)p[3] << 24 |
           (uint64_t)p[4] << 32 | (uint64_t)p[5] << 40 | (uint64_t)p[6] << 48 | (uint64_t)p[7] << 56;
}

uint64_t pc_hash64(const void *data, size_t len, uint64_t seed)
{
    const unsigned char *p = (const unsigned char *)data;
    uint64_t h = seed + P5 + (uint64_t)len * P1;
    size_t i = 0;

    for (; i + 8 <= len; i += 8) {
        uint64_t k = S_read64(p + i) * P2;
        h ^= S_rotl(k, 31) * P1;
        h = S_rotl(h, 27) * P1 + P4;
    }
    if (i < len) {
        unsigned char tail[8] = {0};
        memcpy(tail, p + i, len - i);
        h ^= S_rotl(S_read64(tail) * P2, 31) * P1;
        h = S_rotl(h, 27) * P1 + P4;
    }
    return S_fmix(h);
}

uint64_t pc_shingle_hash(const uint64_t *tok, size_t n, uint64_t seed)
{
    uint64_t h = seed ^ P3 ^ ((uint64_t)n * P2);
    size_t i;
    for (i = 0; i < n; i++) {
        h ^= S_rotl(tok[i] * P2, 31) * P1;
        h = S_rotl(h, 27) * P1 + P4;
    }
    return S_fmix(h);
}

/* ---- tokenizer ---- */

static int S_is_word_cp(utf8proc_int32_t cp)
{
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_MN: case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME:
    case UTF8PROC_CATEGORY_ND: case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO:
        return 1;
    default:
        return 0;
    }
}

static inline int S_ascii_word(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* Length of the valid UTF-8 word code point at p (0 if not a word char or invalid). */
static size_t S_word_char(const unsigned char *p, size_t avail)
{
    utf8proc_int32_t cp;
    utf8proc_ssize_t k;
    if (p[0] < 0x80)
        return S_ascii_word(p[0]) ? 1 : 0;
    k = utf8proc_iterate(p, (utf8proc_ssize_t)(avail > 4 ? 4 : avail), &cp);
    if (k <= 0 || !S_is_word_cp(cp))
        return 0;
    return (size_t)k;
}

static utf8proc_int32_t S_custom(utf8proc_int32_t cp, void *data)
{
    (void)data;
    return cp == 0x0131 ? 'i' : cp; /* dotless i: see header */
}

#define S_FOLD_OPTS                                                                              \
    (UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD | UTF8PROC_IGNORE | \
     UTF8PROC_STRIPMARK)

/* Fold the non-ASCII word w[0..n) into t->scratch; returns byte length of
 * the folded UTF-8 (written at the start of scratch, reinterpreted as bytes)
 * or a negative status. */
static long S_fold_unicode(const pc_mem *mem, pc_tokens *t, const unsigned char *w, size_t n)
{
    utf8proc_ssize_t need, len;
    int rc;

    for (;;) {
        need = utf8proc_decompose_custom(w, (utf8proc_ssize_t)n, t->scratch, (utf8proc_ssize_t)t->scap,
                                         (utf8proc_option_t)S_FOLD_OPTS, S_custom, NULL);
        if (need < 0)
            return PC_EINVAL; /* cannot happen: w is validated word code points */
        if ((size_t)need <= t->scap)
            break;
        rc = pc_grow(mem, (void **)&t->scratch, &t->scap, (size_t)need, sizeof(int32_t));
        if (rc)
            return rc;
    }
    if (need == 0)
        return 0;
    len = utf8proc_normalize_utf32(t->scratch, need, (utf8proc_option_t)S_FOLD_OPTS);
    if (len < 0)
        return PC_EINVAL;
    len = utf8proc_reencode(t->scratch, len, (utf8proc_option_t)S_FOLD_OPTS);
    if (len < 0)
        return PC_EINVAL;
    return (long)len;
}

static int S_push(const pc_mem *mem, pc_tokens *t, int keep, uint64_t h, size_t s, size_t e)
{
    int rc;
    size_t need = t->n + 1;
    if ((rc = pc_grow(mem, (void **)&t->hash, &t->cap[0], need, sizeof(uint64_t))) ||
        (rc = pc_grow(mem, (void **)&t->start, &t->cap[1], need, sizeof(size_t))) ||
        (rc = pc_grow(mem, (void **)&t->end, &t->cap[2], need, sizeof(size_t))) ||
        (keep && (rc = pc_grow(mem, (void **)&t->foff, &t->cap[3], need, sizeof(size_t)))))
        return rc;
    t->hash[t->n] = h;
    t->start[t->n] = s;
    t->end[t->n] = e;
    t->n++;
    return PC_OK;
}

int pc_words(const pc_mem *mem, const char *text, size_t len, uint64_t seed, int flags,
                pc_tokens *t)
{
    const unsigned char *p = (const unsigned char *)text;
    unsigned char buf[256];
    size_t i = 0;
    int keep = (flags & PC_WORDS_KEEP_FOLDED) != 0;
    int rc;

    t->n = 0;
    t->flen = 0;
    if (!text && len)
        return PC_EINVAL;

    while (i < len) {
        size_t s = i, k, wlen;
        int ascii = 1;
        const unsigned char *folded;
        uint64_t h;

        /* fast path: ASCII separators and ASCII words, folded while scanning */
        if (p[i] < 0x80 && !S_ascii_word(p[i])) {
            i++;
            continue;
        }
        if (p[i] < 0x80) {
            size_t j = 0;
            while (i < len && p[i] < 0x80 && S_ascii_word(p[i])) {
                if (j < sizeof buf)
                    buf[j] = (p[i] >= 'A' && p[i] <= 'Z') ? (unsigned char)(p[i] + 32) : p[i];
                j++;
                i++;
            }
            if (i >= len || p[i] < 0x80 || !S_word_char(p + i, len - i)) {
                wlen = i - s;
                if (wlen <= sizeof buf) {
                    folded = buf;
                    goto hashed;
                }
            }
            i = s; /* mixed or very long word: general path */
        }
        k = S_word_char(p + i, len - i);
        if (!k) {
            i++;
            while (i < len && (p[i] & 0xC0) == 0x80 && !S_word_char(p + i, len - i))
                i++; /* skip the rest of a non-word or invalid sequence */
            continue;
        }
        while (k) {
            if (k > 1)
                ascii = 0;
            i += k;
            if (i >= len)
                break;
            k = S_word_char(p + i, len - i);
        }
        wlen = i - s;
        if (ascii && wlen <= sizeof buf) {
            size_t j;
            for (j = 0; j < wlen; j++) {
                unsigned char c = p[s + j];
                buf[j] = (c >= 'A' && c <= 'Z') ? (unsigned char)(c + 32) : c;
            }
            folded = buf;
        } else if (ascii) {
            /* very long ASCII run: fold through scratch (rare) */
            size_t j;
            if (wlen > t->scap * sizeof(int32_t) &&
                (rc = pc_grow(mem, (void **)&t->scratch, &t->scap, wlen / sizeof(int32_t) + 1,
                              sizeof(int32_t))))
                return rc;
            for (j = 0; j < wlen; j++) {
                unsigned char c = p[s + j];
                ((unsigned char *)t->scratch)[j] = (c >= 'A' && c <= 'Z') ? (unsigned char)(c + 32) : c;
            }
            folded = (const unsigned char *)t->scratch;
        } else {
            long fl = S_fold_unicode(mem, t, p + s, wlen);
            if (fl < 0)
                return (int)fl;
            if (fl == 0)
                continue; /* only ignorable code points: not a word */
            wlen = (size_t)fl;
            folded = (const unsigned char *)t->scratch;
        }
    hashed:
        h = pc_hash64(folded, wlen, seed);
        if (t->n < t->cap[0] && t->n < t->cap[1] && t->n < t->cap[2] && !keep) {
            t->hash[t->n] = h;
            t->start[t->n] = s;
            t->end[t->n] = i;
            t->n++;
        } else if ((rc = S_push(mem, t, keep, h, s, i)))
            return rc;
        if (keep) {
            size_t need = t->flen + wlen + 1;
            if (need < wlen)
                return PC_EOVERFLOW;
            if ((rc = pc_grow(mem, (void **)&t->folded, &t->fcap, need, 1)))
                return rc;
            memcpy(t->folded + t->flen, folded, wlen);
            t->folded[t->flen + wlen] = '\0';
            t->foff[t->n - 1] = t->flen;
            t->flen = need;
        }
    }
    return PC_OK;
}

void pc_tokens_free(const pc_mem *mem, pc_tokens *t)
{
    if (!t)
        return;
    mem->free(mem->ctx, t->hash);
    mem->free(mem->ctx, t->start);
    mem->free(mem->ctx, t->end);
    mem->free(mem->ctx, t->folded);
    mem->free(mem->ctx, t->foff);
    mem->free(mem->ctx, t->scratch);
    memset(t, 0, sizeof *t);
}

/* ---- sorting ---- */

static void S_isort(uint64_t *v, size_t n)
{
    size_t i, j;
    for (i = 1; i < n; i++) {
        uint64_t x = v[i];
        for (j = i; j > 0 && v[j - 1] > x; j--)
            v[j] = v[j - 1];
        v[j] = x;
    }
}

static void S_sift(uint64_t *v, size_t root, size_t n)
{
    for (;;) {
        size_t c = 2 * root + 1;
        uint64_t x;
        if (c >= n)
            return;
        if (c + 1 < n && v[c + 1] > v[c])
            c++;
        if (v[root] >= v[c])
            return;
        x = v[root];
        v[root] = v[c];
        v[c] = x;
        root = c;
    }
}

static void S_heapsort(uint64_t *v, size_t n)
{
    size_t i;
    for (i = n / 2; i-- > 0;)
        S_sift(v, i, n);
    for (i = n; i-- > 1;) {
        uint64_t x = v[0];
        v[0] = v[i];
        v[i] = x;
        S_sift(v, 0, i);
    }
}

/* introsort: quicksort, heapsort past the depth limit, insertion sort for small runs */
static void S_qsort(uint64_t *v, size_t n, int depth)
{
    while (n > 16) {
        uint64_t a, b, c, pivot;
        size_t i, j;
        if (depth-- == 0) {
            S_heapsort(v, n);
            return;
        }
        a = v[0], b = v[n / 2], c = v[n - 1];
        pivot = a < b ? (b < c ? b : (a < c ? c : a)) : (a < c ? a : (b < c ? c : b));
        i = 0;
        j = n - 1;
        for (;;) {
            uint64_t x;
            while (v[i] < pivot)
                i++;
            while (v[j] > pivot)
                j--;
            if (i >= j)
                break;
            x = v[i];
            v[i] = v[j];
            v[j] = x;
            i++;
            j--;
        }
        /* [0, j] <= pivot <= [j+1, n): recurse on the smaller side */
        if (j + 1 < n - j - 1) {
            S_qsort(v, j + 1, depth);
            v += j + 1;
            n -= j + 1;
        } else {
            S_qsort(v + j + 1, n - j - 1, depth);
            n = j + 1;
        }
    }
    S_isort(v, n);
}

void pc_u64_sort(uint64_t *v, size_t n)
{
    if (n > 1)
        S_qsort(v, n, 2 * 64);
}

size_t pc_u64_sort_unique(uint64_t *v, size_t n)
{
    size_t i, k;
    if (n < 2)
        return n;
    S_qsort(v, n, 2 * 64);
    for (i = 1, k = 1; i < n; i++)
        if (v[i] != v[k - 1])
            v[k++] = v[i];
    return k;
}

int pc_shingles(const pc_mem *mem, const uint64_t *tok, size_t ntok, unsigned ngram, uint64_t seed,
                int sorted_unique, uint64_t **out, size_t *nout, size_t *cap)
{
    size_t n, i;
    int rc;

    *nout = 0;
    if (ngram == 0 || ngram > PC_SHINGLE_MAX_NGRAM)
        return PC_EINVAL;
    if (ntok == 0)
        return PC_OK;
    n = ntok < ngram ? 1 : ntok - ngram + 1;
    if ((rc = pc_grow(mem, (void **)out, cap, n, sizeof(uint64_t))))
        return rc;
    if (ntok < ngram)
        (*out)[0] = pc_shingle_hash(tok, ntok, seed);
    else
        for (i = 0; i < n; i++)
            (*out)[i] = pc_shingle_hash(tok + i, ngram, seed);
    *nout = sorted_unique ? pc_u64_sort_unique(*out, n) : n;
    return PC_OK;
}

double pc_jaccard(const uint64_t *a, size_t na, const uint64_t *b, size_t nb)
{
    size_t i = 0, j = 0, inter = 0;
    if (na + nb == 0)
        return 0.0;
    while (i < na && j < nb) {
        if (a[i] < b[j])
            i++;
        else if (a[i] > b[j])
            j++;
        else {
            inter++;
            i++;
            j++;
        }
    }
    return (double)inter / (double)(na + nb - inter);
}
