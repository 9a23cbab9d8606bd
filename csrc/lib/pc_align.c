/* pc_align.c - anchored text-reuse alignment (see pc_align.h). */
#include "pc_align.h"
#include "pc_shingle.h"
#include "pc_utf8.h"

#include <stdlib.h>
#include <string.h>

#define S_LCS_MAX_CELLS ((size_t)64 * 1024 * 1024)

typedef struct {
    uint64_t h;
    size_t pos;
} S_gram;

typedef struct {
    size_t i, j;
} S_anchor;

typedef struct {
    size_t i0, j0, il, jl, n;
} S_chain;

static int S_gram_cmp(const void *x, const void *y)
{
    const S_gram *a = (const S_gram *)x, *b = (const S_gram *)y;
    if (a->h != b->h)
        return a->h < b->h ? -1 : 1;
    return a->pos < b->pos ? -1 : a->pos > b->pos;
}

static int S_anchor_cmp(const void *x, const void *y)
{
    const S_anchor *a = (const S_anchor *)x, *b = (const S_anchor *)y;
    if (a->j != b->j)
        return a->j < b->j ? -1 : 1;
    return a->i < b->i ? -1 : a->i > b->i;
}

void pc_align_defaults(pc_align_params *p)
{
    p->anchor = 4;
    p->min_words = 8;
    p->max_gap = 20;
    p->max_df = 50;
    p->seed = 1;
}

static int S_check(const pc_align_params *p)
{
    return p && p->anchor >= 1 && p->anchor <= PC_SHINGLE_MAX_NGRAM && p->min_words >= 1;
}

static S_gram *S_grams(const pc_mem *mem, const uint64_t *t, size_t n, unsigned k, size_t *ng)
{
    S_gram *g;
    size_t i;
    *ng = n >= k ? n - k + 1 : 0;
    g = (S_gram *)mem->calloc(mem->ctx, *ng ? *ng : 1, sizeof(S_gram));
    if (!g)
        return NULL;
    for (i = 0; i < *ng; i++) {
        g[i].h = pc_shingle_hash(t + i, k, 0x616E63686F72ULL); /* "anchor" */
        g[i].pos = i;
    }
    if (*ng > 1)
        qsort(g, *ng, sizeof(S_gram), S_gram_cmp);
    return g;
}

/* LCS length of a[0..la) and b[0..lb) with two rows of lb+1 counters */
static size_t S_lcs(const uint64_t *a, size_t la, const uint64_t *b, size_t lb, uint32_t *row0,
                    uint32_t *row1)
{
    size_t i, j;
    memset(row0, 0, (lb + 1) * sizeof(uint32_t));
    for (i = 1; i <= la; i++) {
        row1[0] = 0;
        for (j = 1; j <= lb; j++) {
            if (a[i - 1] == b[j - 1])
                row1[j] = row0[j - 1] + 1;
            else
                row1[j] = row0[j] > row1[j - 1] ? row0[j] : row1[j - 1];
        }
        {
            uint32_t *t = row0;
            row0 = row1;
            row1 = t;
        }
    }
    return row0[lb];
}

/* Extension past the chain ends: exact matches first, then hops over at
 * most S_HOP skipped words on either side when S_HOP_MATCH words agree right
 * after the hop (a reworded or inserted word near the end of a passage,
 * where no anchor fits). */
#define S_HOP 4
#define S_HOP_MATCH 3

static int S_eq_run(const uint64_t *a, size_t na, size_t i, const uint64_t *b, size_t nb, size_t j,
                    size_t k, int fwd)
{
    size_t t;
    for (t = 0; t < k; t++) {
        if (fwd) {
            if (i + t >= na || j + t >= nb || a[i + t] != b[j + t])
                return 0;
        } else {
            if (i < t + 1 || j < t + 1 || a[i - t - 1] != b[j - t - 1])
                return 0;
        }
    }
    return 1;
}

static void S_extend(const uint64_t *ta, size_t na, const uint64_t *tb, size_t nb, size_t *a0,
                     size_t *b0, size_t *a1, size_t *b1, size_t max_gap)
{
    size_t hop = max_gap < S_HOP ? max_gap : S_HOP;
    int moved = 1;
    while (moved) {
        size_t da, db;
        moved = 0;
        while (*a1 < na && *b1 < nb && ta[*a1] == tb[*b1])
            (*a1)++, (*b1)++;
        for (da = 0; da <= hop && !moved; da++)
            for (db = 0; db <= hop && !moved; db++)
                if ((da || db) && S_eq_run(ta, na, *a1 + da, tb, nb, *b1 + db, S_HOP_MATCH, 1)) {
                    *a1 += da + S_HOP_MATCH;
                    *b1 += db + S_HOP_MATCH;
                    moved = 1;
                }
    }
    moved = 1;
    while (moved) {
        size_t da, db;
        moved = 0;
        while (*a0 > 0 && *b0 > 0 && ta[*a0 - 1] == tb[*b0 - 1])
            (*a0)--, (*b0)--;
        for (da = 0; da <= hop && !moved; da++)
            for (db = 0; db <= hop && !moved; db++)
                if ((da || db) && *a0 >= da && *b0 >= db &&
                    S_eq_run(ta, na, *a0 - da, tb, nb, *b0 - db, S_HOP_MATCH, 0)) {
                    *a0 -= da + S_HOP_MATCH;
                    *b0 -= db + S_HOP_MATCH;
                    moved = 1;
                }
    }
}

int pc_align_pair(const pc_mem *mem, const uint64_t *ta, size_t na, const uint64_t *tb, size_t nb,
                  const pc_align_params *p, pc_passage **out, size_t *nout, size_t *cap)
{
    S_gram *ga = NULL, *gb = NULL;
    S_anchor *an = NULL;
    S_chain *ch = NULL;
    size_t *open = NULL;
    uint32_t *rows = NULL;
    size_t nga, ngb, nan = 0, ancap = 0, nch = 0, chcap = 0, nopen = 0, opencap = 0, rowcap = 0;
    size_t x, y, k;
    int rc = PC_OK;

    if (!S_check(p))
        return PC_EINVAL;
    k = p->anchor;
    ga = S_grams(mem, ta, na, p->anchor, &nga);
    gb = S_grams(mem, tb, nb, p->anchor, &ngb);
    if (!ga || !gb) {
        rc = PC_ENOMEM;
        goto done;
    }
    /* anchors: n-grams occurring exactly once on each side */
    for (x = 0, y = 0; x < nga && y < ngb;) {
        size_t xe, ye;
        if (ga[x].h < gb[y].h) {
            x++;
            continue;
        }
        if (ga[x].h > gb[y].h) {
            y++;
            continue;
        }
        for (xe = x + 1; xe < nga && ga[xe].h == ga[x].h; xe++)
            ;
        for (ye = y + 1; ye < ngb && gb[ye].h == gb[y].h; ye++)
            ;
        if (xe - x == 1 && ye - y == 1) {
            if ((rc = pc_grow(mem, (void **)&an, &ancap, nan + 1, sizeof(S_anchor))))
                goto done;
            an[nan].i = ga[x].pos;
            an[nan].j = gb[y].pos;
            nan++;
        }
        x = xe;
        y = ye;
    }
    if (nan > 1)
        qsort(an, nan, sizeof(S_anchor), S_anchor_cmp);

    /* greedy chaining in B order */
    for (x = 0; x < nan; x++) {
        size_t i = an[x].i, j = an[x].j, best = (size_t)-1, bestd = (size_t)-1, o, w;
        for (o = 0, w = 0; o < nopen; o++) {
            S_chain *c = &ch[open[o]];
            if (c->jl + k + p->max_gap < j)
                continue; /* closed for good: drop from the open list */
            open[w++] = open[o];
            if (i > c->il && j > c->jl && i <= c->il + k + p->max_gap) {
                size_t d1 = j - c->jl, d2 = i - c->il, dd = d1 > d2 ? d1 - d2 : d2 - d1;
                if (dd < bestd) {
                    bestd = dd;
                    best = open[o];
                }
            }
        }
        nopen = w;
        if (best != (size_t)-1) {
            ch[best].il = i;
            ch[best].jl = j;
            ch[best].n++;
            continue;
        }
        if ((rc = pc_grow(mem, (void **)&ch, &chcap, nch + 1, sizeof(S_chain))) ||
            (rc = pc_grow(mem, (void **)&open, &opencap, nopen + 1, sizeof(size_t))))
            goto done;
        ch[nch].i0 = ch[nch].il = i;
        ch[nch].j0 = ch[nch].jl = j;
        ch[nch].n = 1;
        open[nopen++] = nch++;
    }

    for (x = 0; x < nch; x++) {
        size_t a0 = ch[x].i0, a1 = ch[x].il + k, b0 = ch[x].j0, b1 = ch[x].jl + k, la, lb, words;
        S_extend(ta, na, tb, nb, &a0, &b0, &a1, &b1, p->max_gap);
        la = a1 - a0;
        lb = b1 - b0;
        if (la < p->min_words || lb < p->min_words)
            continue;
        if (la <= S_LCS_MAX_CELLS / (lb + 1)) {
            if ((rc = pc_grow(mem, (void **)&rows, &rowcap, 2 * (lb + 1), sizeof(uint32_t))))
                goto done;
            words = S_lcs(ta + a0, la, tb + b0, lb, rows, rows + lb + 1);
        } else {
            words = ch[x].n + k - 1; /* huge box: anchored words are a lower bound */
        }
        if (words < p->min_words)
            continue;
        if ((rc = pc_grow(mem, (void **)out, cap, *nout + 1, sizeof(pc_passage))))
            goto done;
        (*out)[*nout].a = 0;
        (*out)[*nout].b = 1;
        (*out)[*nout].a_start = a0;
        (*out)[*nout].a_end = a1;
        (*out)[*nout].b_start = b0;
        (*out)[*nout].b_end = b1;
        (*out)[*nout].words = words;
        (*out)[*nout].identity = 2.0 * (double)words / (double)(la + lb);
        (*nout)++;
    }
done:
    mem->free(mem->ctx, ga);
    mem->free(mem->ctx, gb);
    mem->free(mem->ctx, an);
    mem->free(mem->ctx, ch);
    mem->free(mem->ctx, open);
    mem->free(mem->ctx, rows);
    return rc;
}

int pc_reuse(const pc_mem *mem, const char *const *texts, const size_t *lens, size_t ndocs,
             const pc_align_params *p, pc_passage **out, size_t *nout)
{
    pc_tokens tok;
    uint64_t *toks = NULL, *keys = NULL, *pairs = NULL, *sh = NULL;
    size_t *off = NULL, *cps = NULL, *cpe = NULL;
    size_t ntok = 0, tcap = 0, scap = 0, ecap = 0, nkeys = 0, kcap = 0, npairs = 0, pcap = 0;
    size_t shcap = 0, nsh, d, i, j, cap = 0, n = 0;
    pc_passage *res = NULL;
    int rc = PC_OK;

    memset(&tok, 0, sizeof tok);
    *out = NULL;
    *nout = 0;
    if (!S_check(p) || ndocs >= ((size_t)1 << 24))
        return PC_EINVAL;
    off = (size_t *)mem->calloc(mem->ctx, ndocs + 1, sizeof(size_t));
    if (!off)
        return PC_ENOMEM;
    for (d = 0; d < ndocs; d++) {
        off[d] = ntok;
        if ((rc = pc_words(mem, texts[d], lens[d], p->seed, 0, &tok)))
            goto done;
        if ((rc = pc_grow(mem, (void **)&toks, &tcap, ntok + tok.n, sizeof(uint64_t))) ||
            (rc = pc_grow(mem, (void **)&cps, &scap, ntok + tok.n, sizeof(size_t))) ||
            (rc = pc_grow(mem, (void **)&cpe, &ecap, ntok + tok.n, sizeof(size_t))))
            goto done;
        if (tok.n) {
            pc_utf8_sizes_to_cp(texts[d], lens[d], tok.start, tok.n, 1);
            pc_utf8_sizes_to_cp(texts[d], lens[d], tok.end, tok.n, 1);
            memcpy(toks + ntok, tok.hash, tok.n * sizeof(uint64_t));
            memcpy(cps + ntok, tok.start, tok.n * sizeof(size_t));
            memcpy(cpe + ntok, tok.end, tok.n * sizeof(size_t));
        }
        ntok += tok.n;
        /* candidate keys: distinct anchor n-grams of the document */
        if (tok.n >= p->anchor) {
            if ((rc = pc_shingles(mem, tok.hash, tok.n, p->anchor, 0x616E63686F72ULL, 1, &sh, &nsh,
                                  &shcap)) ||
                (rc = pc_grow(mem, (void **)&keys, &kcap, nkeys + nsh, sizeof(uint64_t))))
                goto done;
            for (i = 0; i < nsh; i++)
                keys[nkeys++] = (sh[i] & 0xFFFFFFFFFF000000ULL) | (uint64_t)d;
        }
    }
    off[ndocs] = ntok;

    pc_u64_sort(keys, nkeys);
    for (i = 0; i < nkeys; i = j) {
        size_t g, x, y;
        for (j = i + 1; j < nkeys && (keys[j] >> 24) == (keys[i] >> 24); j++)
            ;
        g = j - i;
        if (g < 2 || (p->max_df && g > p->max_df))
            continue;
        if ((rc = pc_grow(mem, (void **)&pairs, &pcap, npairs + g * (g - 1) / 2, sizeof(uint64_t))))
            goto done;
        for (x = i; x < j; x++)
            for (y = x + 1; y < j; y++)
                if ((keys[x] & 0xFFFFFF) != (keys[y] & 0xFFFFFF))
                    pairs[npairs++] = (keys[x] & 0xFFFFFF) << 32 | (keys[y] & 0xFFFFFF);
    }
    pc_u64_sort(pairs, npairs);
    for (i = 0; i < npairs; i = j) {
        size_t a, b, first = n;
        for (j = i + 1; j < npairs && pairs[j] == pairs[i]; j++)
            ;
        if (j - i < 2)
            continue; /* one shared n-gram is not worth aligning */
        a = (size_t)(pairs[i] >> 32);
        b = (size_t)(pairs[i] & 0xFFFFFFFFu);
        if ((rc = pc_align_pair(mem, toks + off[a], off[a + 1] - off[a], toks + off[b],
                                off[b + 1] - off[b], p, &res, &n, &cap)))
            goto done;
        for (; first < n; first++) {
            pc_passage *q = &res[first];
            q->a = (uint32_t)a;
            q->b = (uint32_t)b;
            q->a_end = cpe[off[a] + q->a_end - 1];
            q->a_start = cps[off[a] + q->a_start];
            q->b_end = cpe[off[b] + q->b_end - 1];
            q->b_start = cps[off[b] + q->b_start];
        }
    }
    *out = res;
    *nout = n;
    res = NULL;
done:
    pc_tokens_free(mem, &tok);
    mem->free(mem->ctx, toks);
    mem->free(mem->ctx, keys);
    mem->free(mem->ctx, pairs);
    mem->free(mem->ctx, sh);
    mem->free(mem->ctx, off);
    mem->free(mem->ctx, cps);
    mem->free(mem->ctx, cpe);
    mem->free(mem->ctx, res);
    return rc;
}
