/* pc_gazetteer.c - gazetteer matching over pc_ac (see pc_gazetteer.h). */
#include "pc_gazetteer.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "pc_ac.h"
#include "pc_utf8.h"

/* bits of S_entry.wflags */
#define S_FIRST_WORD 1u /* surface starts with a word character */
#define S_LAST_WORD 2u  /* surface ends with a word character */

typedef struct {
    uint32_t off, len; /* surface bytes in the pool */
    uint32_t label, entry;
    uint8_t rule, wflags;
} S_entry;

struct pc_gaz {
    const pc_mem *mem;
    char *pool;
    size_t npool, cappool;
    S_entry *e;
    size_t n, cap;
};

struct pc_gaz_matcher {
    const pc_mem *mem;
    char *pool;
    S_entry *e;
    size_t n, npool;
    pc_ac *ac;
    uint8_t first[256]; /* bytes some folded surface starts with */
};

/* A region of the folded text whose length differs from the original, or
 * that came from one code point folding to several: offsets strictly inside
 * it have no original counterpart. */
typedef struct {
    size_t fstart, flen, ostart, olen;
} S_anchor;

typedef struct {
    char *s;
    size_t n, cap;
    S_anchor *a;
    size_t na, capa;
} S_folded;

/* ---- character classes ---------------------------------------------- */

static int S_is_word_cp(utf8proc_int32_t cp)
{
    if (cp < 0x80)
        return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME: case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO:
        return 1;
    default:
        return 0;
    }
}

/* 1 upper/title, -1 lower, 0 not a cased letter */
static int S_case_of(utf8proc_int32_t cp)
{
    utf8proc_category_t c = utf8proc_category(cp);
    if (c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT)
        return 1;
    if (c == UTF8PROC_CATEGORY_LL)
        return -1;
    return 0;
}

static int S_is_letter(utf8proc_int32_t cp)
{
    utf8proc_category_t c = utf8proc_category(cp);
    return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO;
}

/* Decode the code point at s[i]; invalid bytes give -1 and length 1. */
static utf8proc_int32_t S_decode(const char *s, size_t len, size_t i, size_t *n)
{
    utf8proc_int32_t cp = -1;
    utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                          (utf8proc_ssize_t)(len - i < 8 ? len - i : 8), &cp);
    if (k <= 0) {
        *n = 1;
        return -1;
    }
    *n = (size_t)k;
    return cp;
}

/* The code point that ends just before s[i], or -1. */
static utf8proc_int32_t S_decode_before(const char *s, size_t i)
{
    size_t j = i, n;
    utf8proc_int32_t cp;
    if (i == 0)
        return -1;
    j--;
    while (j > 0 && i - j < 4 && ((unsigned char)s[j] & 0xC0) == 0x80)
        j--;
    cp = S_decode(s, i, j, &n);
    return (j + n == i) ? cp : -1;
}

/* ---- folding ---------------------------------------------------------- */

/* Punctuation and letters unified beyond Unicode case folding (see header).
 * Returns the replacement byte or 0. */
static char S_unify(utf8proc_int32_t cp)
{
    switch (cp) {
    case 0x0130: case 0x0131:
        return 'i';
    case 0x2018: case 0x2019: case 0x201B: case 0x02BC: case 0x2032: case 0xFF07:
        return '\'';
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015: case 0x2212:
        return '-';
    case 0x00A0: case 0x2007: case 0x202F: case 0x3000:
        return ' ';
    default:
        return (cp >= 0x2000 && cp <= 0x200A) ? ' ' : 0;
    }
}

static int S_anchor_add(const pc_mem *m, S_folded *f, size_t fstart, size_t flen, size_t ostart, size_t olen)
{
    int rc = pc_grow(m, (void **)&f->a, &f->capa, f->na + 1, sizeof *f->a);
    if (rc != PC_OK)
        return rc;
    f->a[f->na].fstart = fstart;
    f->a[f->na].flen = flen;
    f->a[f->na].ostart = ostart;
    f->a[f->na].olen = olen;
    f->na++;
    return PC_OK;
}

static int S_fold(const pc_mem *m, const char *s, size_t len, S_folded *f, int want_anchors)
{
    size_t i = 0;
    int rc;
    f->n = 0;
    f->na = 0;
    /* most text folds to its own length; +16 leaves room for a few expansions */
    if (len > SIZE_MAX - 17)
        return PC_EOVERFLOW;
    if ((rc = pc_grow(m, (void **)&f->s, &f->cap, len + 17, 1)) != PC_OK)
        return rc;
    while (i < len) {
        unsigned char b = (unsigned char)s[i];
        size_t n, k;
        utf8proc_int32_t cp, buf[8];
        utf8proc_ssize_t nf;
        char u;
        if (b < 0x80) {
            /* ASCII fast path: one byte in, one byte out */
            size_t room = f->cap - 1 - f->n, stop = len - i < room ? len - i : room;
            char *d = f->s + f->n;
            size_t j = 0;
            const unsigned char *src = (const unsigned char *)s + i;
            /* eight bytes at a time: bytes in 'A'..'Z' get 0x20 added */
            while (j + 8 <= stop) {
                uint64_t w, upper;
                memcpy(&w, src + j, 8);
                if (w & UINT64_C(0x8080808080808080))
                    break;
                upper = (w + UINT64_C(0x3F3F3F3F3F3F3F3F)) & ~(w + UINT64_C(0x2525252525252525)) &
                        UINT64_C(0x8080808080808080);
                w |= upper >> 2;
                memcpy(d + j, &w, 8);
                j += 8;
            }
            while (j < stop) {
                unsigned char c = src[j];
                if (c & 0x80)
                    break;
                d[j] = (char)(c | (unsigned char)((unsigned)(c - 'A') < 26u ? 0x20 : 0));
                j++;
            }
            f->n += j;
            i += j;
            if (j == 0 && (rc = pc_grow(m, (void **)&f->s, &f->cap, f->n + 2, 1)) != PC_OK)
                return rc;
            continue;
        }
        cp = S_decode(s, len, i, &n);
        if ((rc = pc_grow(m, (void **)&f->s, &f->cap, f->n + 8 * 4 + 1, 1)) != PC_OK)
            return rc;
        if (cp < 0) {
            /* 0xFF never occurs in UTF-8, so invalid input never matches */
            f->s[f->n++] = (char)0xFF;
            i += 1;
            continue;
        }
        if ((u = S_unify(cp)) != 0) {
            f->s[f->n] = u;
            if (want_anchors && n != 1 && (rc = S_anchor_add(m, f, f->n, 1, i, n)) != PC_OK)
                return rc;
            f->n++;
            i += n;
            continue;
        }
        nf = utf8proc_decompose_char(cp, buf, 8, UTF8PROC_CASEFOLD, NULL);
        if (nf == 1 && buf[0] == cp) {
            memcpy(f->s + f->n, s + i, n);
            f->n += n;
        } else if (nf >= 1 && nf <= 8) {
            size_t start = f->n;
            for (k = 0; k < (size_t)nf; k++) {
                utf8proc_int32_t c = buf[k] == 0x0131 || buf[k] == 0x0130 ? 'i' : buf[k];
                f->n += (size_t)utf8proc_encode_char(c, (utf8proc_uint8_t *)f->s + f->n);
            }
            if (want_anchors && (nf != 1 || f->n - start != n) &&
                (rc = S_anchor_add(m, f, start, f->n - start, i, n)) != PC_OK)
                return rc;
        } else {
            memcpy(f->s + f->n, s + i, n);
            f->n += n;
        }
        i += n;
    }
    f->s[f->n] = '\0';
    return PC_OK;
}

static void S_folded_free(const pc_mem *m, S_folded *f)
{
    m->free(m->ctx, f->s);
    m->free(m->ctx, f->a);
}

int pc_gaz_fold(const pc_mem *mem, const char *s, size_t len, char **out, size_t *outlen)
{
    S_folded f;
    int rc;
    if (!mem || (!s && len) || !out)
        return PC_EINVAL;
    memset(&f, 0, sizeof f);
    rc = S_fold(mem, s ? s : "", len, &f, 0);
    mem->free(mem->ctx, f.a);
    if (rc != PC_OK) {
        mem->free(mem->ctx, f.s);
        return rc;
    }
    *out = f.s;
    if (outlen)
        *outlen = f.n;
    return PC_OK;
}

/* ---- building --------------------------------------------------------- */

int pc_gaz_new(const pc_mem *mem, pc_gaz **out)
{
    pc_gaz *g;
    if (!mem || !out)
        return PC_EINVAL;
    g = (pc_gaz *)mem->calloc(mem->ctx, 1, sizeof *g);
    if (!g)
        return PC_ENOMEM;
    g->mem = mem;
    *out = g;
    return PC_OK;
}

void pc_gaz_free(pc_gaz *g)
{
    if (!g)
        return;
    g->mem->free(g->mem->ctx, g->pool);
    g->mem->free(g->mem->ctx, g->e);
    g->mem->free(g->mem->ctx, g);
}

size_t pc_gaz_count(const pc_gaz *g) { return g ? g->n : 0; }

int pc_gaz_case_rule(const pc_gaz *g, uint32_t index)
{
    if (!g || index >= g->n)
        return PC_EINVAL;
    return g->e[index].rule;
}

int pc_gaz_add(pc_gaz *g, const char *surface, size_t len, uint32_t label, uint32_t entry,
               int case_rule, uint32_t *index)
{
    size_t i = 0, n, letters = 0, upper = 0, lower = 0;
    int first_case = 0, rc;
    utf8proc_int32_t cp, last = -1, first = -1;
    S_entry *e;

    if (!g || !surface || len == 0 || case_rule < PC_GAZ_CASE_AUTO || case_rule > PC_GAZ_CASE_TITLE)
        return PC_EINVAL;
    if (len >= UINT32_MAX - 1 || g->npool >= UINT32_MAX - 1 - len || g->n >= UINT32_MAX - 2)
        return PC_ETOOBIG;
    while (i < len) {
        cp = S_decode(surface, len, i, &n);
        if (cp < 0)
            return PC_EUTF8;
        if (cp == 0)
            return PC_EINVAL;
        if (first < 0)
            first = cp;
        last = cp;
        if (S_is_letter(cp)) {
            int c = S_case_of(cp);
            if (letters == 0)
                first_case = c;
            letters++;
            upper += c > 0;
            lower += c < 0;
        }
        i += n;
    }
    if ((rc = pc_grow(g->mem, (void **)&g->pool, &g->cappool, g->npool + len, 1)) != PC_OK ||
        (rc = pc_grow(g->mem, (void **)&g->e, &g->cap, g->n + 1, sizeof *g->e)) != PC_OK)
        return rc;
    if (case_rule == PC_GAZ_CASE_AUTO) {
        if (lower == 0 && upper >= 1 && letters <= 4)
            case_rule = PC_GAZ_CASE_EXACT;
        else if (first_case > 0)
            case_rule = PC_GAZ_CASE_TITLE;
        else
            case_rule = PC_GAZ_CASE_ANY;
    }
    memcpy(g->pool + g->npool, surface, len);
    e = &g->e[g->n];
    e->off = (uint32_t)g->npool;
    e->len = (uint32_t)len;
    e->label = label;
    e->entry = entry;
    e->rule = (uint8_t)case_rule;
    e->wflags = (uint8_t)((S_is_word_cp(first) ? S_FIRST_WORD : 0) | (S_is_word_cp(last) ? S_LAST_WORD : 0));
    g->npool += len;
    if (index)
        *index = (uint32_t)g->n;
    g->n++;
    return PC_OK;
}

void pc_gaz_matcher_free(pc_gaz_matcher *m)
{
    if (!m)
        return;
    pc_ac_free(m->ac);
    m->mem->free(m->mem->ctx, m->pool);
    m->mem->free(m->mem->ctx, m->e);
    m->mem->free(m->mem->ctx, m);
}

int pc_gaz_compile(const pc_gaz *g, pc_gaz_matcher **out)
{
    const pc_mem *mem;
    pc_gaz_matcher *m = NULL;
    pc_ac_builder *b = NULL;
    S_folded f;
    size_t i;
    int rc = PC_ENOMEM;

    if (!g || !out)
        return PC_EINVAL;
    mem = g->mem;
    memset(&f, 0, sizeof f);
    m = (pc_gaz_matcher *)mem->calloc(mem->ctx, 1, sizeof *m);
    if (!m)
        return PC_ENOMEM;
    m->mem = mem;
    m->pool = (char *)mem->calloc(mem->ctx, g->npool + 1, 1);
    m->e = (S_entry *)mem->calloc(mem->ctx, g->n + 1, sizeof *m->e);
    if (!m->pool || !m->e)
        goto error;
    if (g->npool)
        memcpy(m->pool, g->pool, g->npool);
    if (g->n)
        memcpy(m->e, g->e, g->n * sizeof *m->e);
    m->n = g->n;
    m->npool = g->npool;
    if ((rc = pc_ac_builder_new(mem, &b)) != PC_OK)
        goto error;
    for (i = 0; i < g->n; i++) {
        if ((rc = S_fold(mem, g->pool + g->e[i].off, g->e[i].len, &f, 0)) != PC_OK)
            goto error;
        /* pc_gaz_add rejects empty surfaces and every code point folds to
         * at least one byte, so f.n > 0 here */
        if ((rc = pc_ac_builder_add(b, (const uint8_t *)f.s, f.n, (uint32_t)i)) != PC_OK)
            goto error;
    }
    if ((rc = pc_ac_build(b, &m->ac)) != PC_OK)
        goto error;
    pc_ac_first_bytes(m->ac, m->first);
    pc_ac_builder_free(b);
    S_folded_free(mem, &f);
    *out = m;
    return PC_OK;

error:
    pc_ac_builder_free(b);
    S_folded_free(mem, &f);
    pc_gaz_matcher_free(m);
    return rc;
}

size_t pc_gaz_matcher_count(const pc_gaz_matcher *m) { return m ? m->n : 0; }

const pc_mem *pc_gaz_matcher_mem(const pc_gaz_matcher *m) { return m ? m->mem : NULL; }

size_t pc_gaz_matcher_memory(const pc_gaz_matcher *m)
{
    if (!m)
        return 0;
    return sizeof *m + m->npool + m->n * sizeof *m->e + pc_ac_memory(m->ac);
}

int pc_gaz_matcher_entry(const pc_gaz_matcher *m, uint32_t index, uint32_t *label, uint32_t *entry)
{
    if (!m || index >= m->n)
        return PC_EINVAL;
    if (label)
        *label = m->e[index].label;
    if (entry)
        *entry = m->e[index].entry;
    return PC_OK;
}

void pc_gaz_hits_free(const pc_mem *mem, pc_gaz_hits *hits)
{
    if (!mem || !hits)
        return;
    mem->free(mem->ctx, hits->v);
    hits->v = NULL;
    hits->n = hits->cap = 0;
}

/* ---- matching --------------------------------------------------------- */

typedef struct {
    const pc_gaz_matcher *m;
    const char *text;
    size_t len;
    const S_folded *f;
    pc_gaz_hits *out;
    size_t hint; /* anchors starting at or before the current walk's start */
} S_scan;

/* Folded offset -> original offset.  `k` is the number of anchors that
 * start before `fo` (at or before it for a start offset); `is_end` selects
 * which side of an anchor an offset on its border belongs to.  Returns 0 for
 * offsets strictly inside an anchor. */
static int S_map(const S_folded *f, size_t k, size_t fo, int is_end, size_t *oo)
{
    const S_anchor *a;
    if (k == 0) {
        *oo = fo;
        return 1;
    }
    a = &f->a[k - 1];
    if (!is_end && fo == a->fstart) {
        *oo = a->ostart;
        return 1;
    }
    if (fo < a->fstart + a->flen)
        return 0;
    *oo = a->ostart + a->olen + (fo - a->fstart - a->flen);
    return 1;
}

/* 1 for ASCII letters and digits; bytes >= 0x80 are 0 (decoded separately) */
static const uint8_t S_ascii_word[256] = {
    ['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1, ['6'] = 1, ['7'] = 1,
    ['8'] = 1, ['9'] = 1,
    ['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1, ['G'] = 1, ['H'] = 1,
    ['I'] = 1, ['J'] = 1, ['K'] = 1, ['L'] = 1, ['M'] = 1, ['N'] = 1, ['O'] = 1, ['P'] = 1,
    ['Q'] = 1, ['R'] = 1, ['S'] = 1, ['T'] = 1, ['U'] = 1, ['V'] = 1, ['W'] = 1, ['X'] = 1,
    ['Y'] = 1, ['Z'] = 1,
    ['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1, ['g'] = 1, ['h'] = 1,
    ['i'] = 1, ['j'] = 1, ['k'] = 1, ['l'] = 1, ['m'] = 1, ['n'] = 1, ['o'] = 1, ['p'] = 1,
    ['q'] = 1, ['r'] = 1, ['s'] = 1, ['t'] = 1, ['u'] = 1, ['v'] = 1, ['w'] = 1, ['x'] = 1,
    ['y'] = 1, ['z'] = 1,
};

static int S_is_ascii_word(unsigned char c) { return S_ascii_word[c]; }

static int S_case_ok(const S_entry *e, const char *pool, const char *t, size_t tlen)
{
    size_t i = 0, j = 0, n;
    const char *s = pool + e->off;
    if (e->rule == PC_GAZ_CASE_ANY)
        return 1;
    if (e->rule == PC_GAZ_CASE_TITLE) {
        while (i < tlen) {
            utf8proc_int32_t cp = S_decode(t, tlen, i, &n);
            if (cp >= 0 && S_is_letter(cp))
                return S_case_of(cp) > 0;
            i += n;
        }
        return 1;
    }
    /* EXACT: letter by letter, the case of the text equals the surface's */
    if (tlen == e->len && memcmp(t, s, tlen) == 0)
        return 1;
    while (i < tlen && j < e->len) {
        size_t nj;
        utf8proc_int32_t a = S_decode(t, tlen, i, &n), b = S_decode(s, e->len, j, &nj);
        if (a < 0 || b < 0 || S_case_of(a) != S_case_of(b))
            return 0;
        i += n;
        j += nj;
    }
    return i == tlen && j == e->len;
}

static int S_on_hit(void *ud, size_t fs, size_t fe, uint32_t id)
{
    S_scan *sc = (S_scan *)ud;
    const S_entry *e = &sc->m->e[id];
    const S_folded *f = sc->f;
    size_t os, oe, n;
    int rc;

    /* cheap rejection of hits inside ASCII words before any decoding */
    if ((e->wflags & S_FIRST_WORD) && fs > 0 && S_is_ascii_word((unsigned char)f->s[fs - 1]))
        return 0;
    if ((e->wflags & S_LAST_WORD) && fe < f->n && S_is_ascii_word((unsigned char)f->s[fe]))
        return 0;
    if (f->na) {
        /* walks go left to right, so the anchor count only moves forward */
        size_t k = sc->hint, ke;
        while (k < f->na && f->a[k].fstart <= fs)
            k++;
        sc->hint = k;
        ke = k;
        while (ke < f->na && f->a[ke].fstart < fe)
            ke++;
        if (!S_map(f, k, fs, 0, &os) || !S_map(f, ke, fe, 1, &oe))
            return 0;
    } else {
        os = fs;
        oe = fe;
    }
    if ((e->wflags & S_FIRST_WORD) && os > 0 && S_is_word_cp(S_decode_before(sc->text, os)))
        return 0;
    if ((e->wflags & S_LAST_WORD) && oe < sc->len && S_is_word_cp(S_decode(sc->text, sc->len, oe, &n)))
        return 0;
    if (!S_case_ok(e, sc->m->pool, sc->text + os, oe - os))
        return 0;
    if ((rc = pc_grow(sc->m->mem, (void **)&sc->out->v, &sc->out->cap, sc->out->n + 1, sizeof *sc->out->v)) != PC_OK)
        return rc;
    sc->out->v[sc->out->n].start = os;
    sc->out->v[sc->out->n].end = oe;
    sc->out->v[sc->out->n].entry = id;
    sc->out->n++;
    return 0;
}

/* A hit that starts inside a word is always rejected, so instead of running
 * the automaton over every byte, walk the trie only from positions that are
 * not inside a word (about one in five bytes of prose): no failure links, and
 * usually a walk of one to three bytes. */
static int S_scan_word_starts(const pc_gaz_matcher *m, const S_folded *f, S_scan *sc)
{
    const uint8_t *t = (const uint8_t *)f->s;
    size_t i = 0, n;
    int prev_word = 0, w, rc;
    while (i < f->n) {
        if (t[i] < 0x80) {
            w = S_is_ascii_word(t[i]);
            n = 1;
        } else {
            utf8proc_int32_t cp = S_decode(f->s, f->n, i, &n);
            w = cp >= 0 && S_is_word_cp(cp);
        }
        if (!(w && prev_word) && m->first[t[i]] &&
            (rc = pc_ac_prefixes(m->ac, t, f->n, i, S_on_hit, sc)) != PC_OK)
            return rc;
        prev_word = w;
        i += n;
    }
    return PC_OK;
}

/* Walks report hits by start, then shortest first, then by entry; reverse
 * each run of equal starts to get longest first and the last-added entry
 * first, the order documented in the header. */
static void S_order(pc_gaz_hits *out)
{
    size_t i = 0, j;
    while (i < out->n) {
        size_t lo, hi;
        for (j = i + 1; j < out->n && out->v[j].start == out->v[i].start; j++)
            ;
        for (lo = i, hi = j - 1; lo < hi; lo++, hi--) {
            pc_gaz_hit t = out->v[lo];
            out->v[lo] = out->v[hi];
            out->v[hi] = t;
        }
        i = j;
    }
}

int pc_gaz_match(const pc_gaz_matcher *m, const char *text, size_t len, int flags, pc_gaz_hits *out)
{
    S_folded f;
    S_scan sc;
    int rc;

    if (!m || (!text && len) || !out)
        return PC_EINVAL;
    out->n = 0;
    if (len == 0 || m->n == 0)
        return PC_OK;
    memset(&f, 0, sizeof f);
    if ((rc = S_fold(m->mem, text, len, &f, 1)) != PC_OK)
        goto done;
    sc.m = m;
    sc.text = text;
    sc.len = len;
    sc.f = &f;
    sc.out = out;
    sc.hint = 0;
    if ((rc = S_scan_word_starts(m, &f, &sc)) != PC_OK)
        goto done;
    S_order(out);
    if (!(flags & PC_GAZ_OVERLAPPING) && out->n > 1) {
        size_t i, k = 1, last_end = out->v[0].end;
        for (i = 1; i < out->n; i++) {
            if (out->v[i].start >= last_end) {
                out->v[k++] = out->v[i];
                last_end = out->v[i].end;
            }
        }
        out->n = k;
    }
done:
    if (rc != PC_OK)
        out->n = 0;
    S_folded_free(m->mem, &f);
    return rc;
}

typedef char S_hit_is_sizes[sizeof(pc_gaz_hit) % sizeof(size_t) == 0 ? 1 : -1];

void pc_gaz_hits_to_cp(const char *text, size_t len, pc_gaz_hits *hits)
{
    const size_t stride = sizeof(pc_gaz_hit) / sizeof(size_t);
    size_t i;
    if (!text || !hits || !hits->n)
        return;
    /* ends as lengths first (overlapping hits are not sorted by end) */
    for (i = 0; i < hits->n; i++) {
        pc_gaz_hit *h = &hits->v[i];
        size_t s = h->start < len ? h->start : len, e = h->end < len ? h->end : len;
        h->end = e > s ? pc_utf8_count(text + s, e - s) : 0;
        h->start = s;
    }
    if (pc_utf8_sizes_to_cp(text, len, &hits->v[0].start, hits->n, stride) != PC_OK)
        for (i = 0; i < hits->n; i++) /* starts not sorted: each on its own */
            hits->v[i].start = pc_utf8_count(text, hits->v[i].start);
    for (i = 0; i < hits->n; i++)
        hits->v[i].end += hits->v[i].start;
}
