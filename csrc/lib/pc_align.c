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
    p->max_partners = 5;
    p->seed = 1;
}

static int S_check(const pc_align_params *p)
{
    return p && p->anchor >= 1 && p->anchor <= PC_SHINGLE_MAX_NGRAM && p->min_words >= 1;
}

/* The n-grams of t, sorted by hash then position.  Hashes keep their top 40
 * bits (both sides of a comparison are made here, so they agree; two
 * distinct n-grams of one pair collide with probability ~n^2 / 2^40), which
 * lets documents under 2^24 words sort one packed uint64 per n-gram. */
#define S_GRAM_HASH 0xFFFFFFFFFF000000ULL

static S_gram *S_grams(const pc_mem *mem, const uint64_t *t, size_t n, unsigned k, size_t *ng)
{
    S_gram *g;
    size_t i;
    *ng = n >= k ? n - k + 1 : 0;
    g = (S_gram *)mem->calloc(mem->ctx, *ng ? *ng : 1, sizeof(S_gram));
    if (!g)
        return NULL;
    if (*ng < ((size_t)1 << 24)) {
        uint64_t *key = (uint64_t *)g; /* sorted in place: S_gram is two 8-byte words */
        for (i = 0; i < *ng; i++)
            key[i] = (pc_shingle_hash(t + i, k, 0x616E63686F72ULL) & S_GRAM_HASH) | (uint64_t)i; /* "anchor" */
        pc_u64_sort(key, *ng);
        for (i = *ng; i-- > 0;) { /* back to front: slot i of g covers key[2i], key[2i+1] */
            uint64_t v = key[i];
            g[i].h = v & S_GRAM_HASH;
            g[i].pos = (size_t)(v & ~S_GRAM_HASH);
        }
        return g;
    }
    for (i = 0; i < *ng; i++) {
        g[i].h = pc_shingle_hash(t + i, k, 0x616E63686F72ULL) & S_GRAM_HASH;
        g[i].pos = i;
    }
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

/* Shortest edit script (insertions and deletions) of a and b by Myers'
 * O((la + lb) D) greedy algorithm, when D <= dmax; v holds 2 dmax + 3
 * values.  The LCS length is (la + lb - D) / 2: near-identical passages
 * (small D, the common case of copies) cost a few passes over them instead
 * of the la x lb table.  Returns D, or (size_t)-1 when D > dmax. */
static size_t S_edit_distance(const uint64_t *a, size_t la, const uint64_t *b, size_t lb, size_t dmax, size_t *v)
{
    size_t d, off = dmax + 1;
    v[off + 1] = 0;
    for (d = 0; d <= dmax; d++) {
        size_t kk;
        for (kk = 0; kk <= 2 * d; kk += 2) {
            /* diagonal k = kk - d, stored at off + k */
            size_t at = off + kk - d, x, y;
            if (kk == 0 || (kk != 2 * d && v[at - 1] < v[at + 1]))
                x = v[at + 1];      /* down: a word of b inserted */
            else
                x = v[at - 1] + 1;  /* right: a word of a deleted */
            if (x + d < kk) /* y = x - k would be negative: not reachable */
                continue;
            y = x + d - kk;
            while (x < la && y < lb && a[x] == b[y])
                x++, y++;
            v[at] = x;
            if (x >= la && y >= lb)
                return d;
        }
    }
    return (size_t)-1;
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

/* Align with the sorted anchor n-grams of both sides given (S_grams). */
static int S_align(const pc_mem *mem, const uint64_t *ta, size_t na, const S_gram *ga, size_t nga,
                   const uint64_t *tb, size_t nb, const S_gram *gb, size_t ngb, const pc_align_params *p,
                   pc_passage **out, size_t *nout, size_t *cap)
{
    S_anchor *an = NULL;
    S_chain *ch = NULL;
    size_t *open = NULL, *diag = NULL;
    uint32_t *rows = NULL;
    size_t nan = 0, ancap = 0, nch = 0, chcap = 0, nopen = 0, opencap = 0, rowcap = 0, diagcap = 0;
    size_t x, y, k;
    int rc = PC_OK;

    k = p->anchor;
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
            /* Myers while it costs less than half the table, else the table */
            size_t dmax = la * lb / (2 * (la + lb)) + 8, dist;
            if (dmax > la + lb)
                dmax = la + lb;
            if ((rc = pc_grow(mem, (void **)&diag, &diagcap, 2 * dmax + 3, sizeof(size_t))))
                goto done;
            dist = S_edit_distance(ta + a0, la, tb + b0, lb, dmax, diag);
            if (dist != (size_t)-1) {
                words = (la + lb - dist) / 2;
            } else {
                if ((rc = pc_grow(mem, (void **)&rows, &rowcap, 2 * (lb + 1), sizeof(uint32_t))))
                    goto done;
                words = S_lcs(ta + a0, la, tb + b0, lb, rows, rows + lb + 1);
            }
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
    mem->free(mem->ctx, an);
    mem->free(mem->ctx, ch);
    mem->free(mem->ctx, open);
    mem->free(mem->ctx, rows);
    mem->free(mem->ctx, diag);
    return rc;
}

int pc_align_pair(const pc_mem *mem, const uint64_t *ta, size_t na, const uint64_t *tb, size_t nb,
                  const pc_align_params *p, pc_passage **out, size_t *nout, size_t *cap)
{
    S_gram *ga, *gb;
    size_t nga, ngb;
    int rc;

    if (!S_check(p))
        return PC_EINVAL;
    ga = S_grams(mem, ta, na, p->anchor, &nga);
    gb = S_grams(mem, tb, nb, p->anchor, &ngb);
    rc = ga && gb ? S_align(mem, ta, na, ga, nga, tb, nb, gb, ngb, p, out, nout, cap) : PC_ENOMEM;
    mem->free(mem->ctx, ga);
    mem->free(mem->ctx, gb);
    return rc;
}

/* One document's words (hashes, code-point offsets) and sorted anchor n-grams. */
typedef struct {
    pc_tokens tok;
    S_gram *grams;
    size_t ngrams;
    size_t doc; /* which document it holds, (size_t)-1 for none */
} S_side;

static void S_side_free(const pc_mem *mem, S_side *s)
{
    pc_tokens_free(mem, &s->tok);
    mem->free(mem->ctx, s->grams);
    memset(s, 0, sizeof *s);
    s->doc = (size_t)-1;
}

static int S_side_load(const pc_mem *mem, S_side *s, const char *text, size_t len, size_t doc,
                       const pc_align_params *p)
{
    int rc;
    if (s->doc == doc)
        return PC_OK;
    s->doc = (size_t)-1;
    mem->free(mem->ctx, s->grams);
    s->grams = NULL;
    if ((rc = pc_words(mem, text, len, p->seed, 0, &s->tok)))
        return rc;
    s->grams = S_grams(mem, s->tok.hash, s->tok.n, p->anchor, &s->ngrams);
    if (!s->grams)
        return PC_ENOMEM;
    if (s->tok.n) {
        pc_utf8_sizes_to_cp(text, len, s->tok.start, s->tok.n, 1);
        pc_utf8_sizes_to_cp(text, len, s->tok.end, s->tok.n, 1);
    }
    s->doc = doc;
    return PC_OK;
}

/* Keep the `cap` best of (shared count, document): key = count << 32 | ~doc,
 * a bounded min-heap whose root is the worst kept. */
static void S_keep(uint64_t *heap, size_t *n, size_t cap, uint64_t key)
{
    size_t i;
    if (*n < cap) {
        i = (*n)++;
        heap[i] = key;
        while (i > 0 && heap[(i - 1) / 2] > heap[i]) {
            uint64_t t = heap[i];
            heap[i] = heap[(i - 1) / 2];
            heap[(i - 1) / 2] = t;
            i = (i - 1) / 2;
        }
        return;
    }
    if (!cap || key <= heap[0])
        return;
    heap[0] = key;
    for (i = 0;;) {
        size_t l = 2 * i + 1, r = l + 1, w = i;
        uint64_t t;
        if (l < *n && heap[l] < heap[w])
            w = l;
        if (r < *n && heap[r] < heap[w])
            w = r;
        if (w == i)
            break;
        t = heap[i];
        heap[i] = heap[w];
        heap[w] = t;
        i = w;
    }
}

int pc_reuse(const pc_mem *mem, const char *const *texts, const size_t *lens, size_t ndocs,
             const pc_align_params *p, pc_passage **out, size_t *nout)
{
    pc_tokens tok;
    S_side sa, sb;
    uint64_t *keys = NULL, *pairs = NULL, *sh = NULL, *heap = NULL;
    uint32_t *dgrp = NULL, *cnt = NULL, *mark = NULL, *touched = NULL;
    size_t *dptr = NULL, *gptr = NULL;
    size_t nkeys = 0, kcap = 0, npairs = 0, pcap = 0, shcap = 0, nsh, ngroups = 0, d, i, j, cap = 0, n = 0, keep;
    pc_passage *res = NULL;
    int rc = PC_OK;

    memset(&tok, 0, sizeof tok);
    memset(&sa, 0, sizeof sa);
    memset(&sb, 0, sizeof sb);
    sa.doc = sb.doc = (size_t)-1;
    *out = NULL;
    *nout = 0;
    if (!S_check(p) || ndocs >= ((size_t)1 << 24))
        return PC_EINVAL;
    /* candidate keys: the distinct anchor n-grams of every document */
    for (d = 0; d < ndocs; d++) {
        if ((rc = pc_words(mem, texts[d], lens[d], p->seed, 0, &tok)))
            goto done;
        if (tok.n < p->anchor)
            continue;
        if ((rc = pc_shingles(mem, tok.hash, tok.n, p->anchor, 0x616E63686F72ULL, 1, &sh, &nsh, &shcap)) ||
            (rc = pc_grow(mem, (void **)&keys, &kcap, nkeys + nsh, sizeof(uint64_t))))
            goto done;
        for (i = 0; i < nsh; i++)
            keys[nkeys++] = (sh[i] & 0xFFFFFFFFFF000000ULL) | (uint64_t)d;
    }
    pc_tokens_free(mem, &tok);
    mem->free(mem->ctx, sh);
    sh = NULL;
    pc_u64_sort(keys, nkeys);

    /* groups: runs of one n-gram in 2..max_df documents (at most nkeys / 2 of
     * them); the groups of each document */
    dptr = (size_t *)mem->calloc(mem->ctx, ndocs + 1, sizeof(size_t));
    gptr = (size_t *)mem->calloc(mem->ctx, nkeys + 2, sizeof(size_t)); /* [start, end) of group g at 2g */
    if (!dptr || !gptr) {
        rc = PC_ENOMEM;
        goto done;
    }
    for (i = 0; i < nkeys; i = j) {
        for (j = i + 1; j < nkeys && (keys[j] >> 24) == (keys[i] >> 24); j++)
            ;
        if (j - i < 2 || (p->max_df && j - i > p->max_df))
            continue;
        gptr[2 * ngroups] = i;
        gptr[2 * ngroups + 1] = j;
        ngroups++;
        for (; i < j; i++)
            dptr[(keys[i] & 0xFFFFFF) + 1]++;
    }
    for (d = 0; d < ndocs; d++)
        dptr[d + 1] += dptr[d];
    if (ngroups >= 0xFFFFFFFFu) {
        rc = PC_EOVERFLOW;
        goto done;
    }
    dgrp = (uint32_t *)mem->calloc(mem->ctx, dptr[ndocs] + 1, sizeof(uint32_t));
    cnt = (uint32_t *)mem->calloc(mem->ctx, ndocs + 1, sizeof(uint32_t));
    mark = (uint32_t *)mem->calloc(mem->ctx, ndocs + 1, sizeof(uint32_t));
    touched = (uint32_t *)mem->calloc(mem->ctx, ndocs + 1, sizeof(uint32_t));
    /* a document has fewer than ndocs partners: a larger max_partners (a
     * caller's 2**32) must not size the heap (issue #21, fuzz_binding) */
    keep = p->max_partners < ndocs ? p->max_partners : ndocs;
    heap = (uint64_t *)mem->calloc(mem->ctx, keep + 1, sizeof(uint64_t));
    if (!dgrp || !cnt || !mark || !touched || !heap) {
        rc = PC_ENOMEM;
        goto done;
    }
    {
        size_t g, *fill = (size_t *)mem->calloc(mem->ctx, ndocs + 1, sizeof(size_t));
        if (!fill) {
            rc = PC_ENOMEM;
            goto done;
        }
        memcpy(fill, dptr, (ndocs + 1) * sizeof(size_t));
        for (g = 0; g < ngroups; g++)
            for (i = gptr[2 * g]; i < gptr[2 * g + 1]; i++)
                dgrp[fill[keys[i] & 0xFFFFFF]++] = (uint32_t)g;
        mem->free(mem->ctx, fill);
    }

    /* pairs worth aligning: sharing >= 2 n-grams (one is not worth it); with
     * max_partners, only each document's best partners by shared n-grams */
    for (d = 0; d < ndocs; d++) {
        size_t nt = 0, nh = 0, x;
        uint32_t stamp = (uint32_t)d + 1;
        for (x = dptr[d]; x < dptr[d + 1]; x++) {
            size_t g = dgrp[x];
            for (i = gptr[2 * g]; i < gptr[2 * g + 1]; i++) {
                uint32_t b = (uint32_t)(keys[i] & 0xFFFFFF);
                if (b == d)
                    continue;
                if (mark[b] != stamp) {
                    mark[b] = stamp;
                    cnt[b] = 0;
                    touched[nt++] = b;
                }
                cnt[b]++;
            }
        }
        for (x = 0; x < nt; x++) {
            uint32_t b = touched[x];
            if (cnt[b] < 2)
                continue;
            if (p->max_partners)
                S_keep(heap, &nh, keep, (uint64_t)cnt[b] << 32 | (uint32_t)~b);
            else if (b > d) {
                if ((rc = pc_grow(mem, (void **)&pairs, &pcap, npairs + 1, sizeof(uint64_t))))
                    goto done;
                pairs[npairs++] = (uint64_t)d << 32 | b;
            }
        }
        if ((rc = pc_grow(mem, (void **)&pairs, &pcap, npairs + nh, sizeof(uint64_t))))
            goto done;
        for (x = 0; x < nh; x++) {
            uint64_t b = (uint32_t)~(uint32_t)heap[x];
            pairs[npairs++] = b < d ? b << 32 | d : (uint64_t)d << 32 | b;
        }
    }
    mem->free(mem->ctx, keys);
    mem->free(mem->ctx, dgrp);
    keys = NULL;
    dgrp = NULL;
    npairs = pc_u64_sort_unique(pairs, npairs);

    /* align each pair; pairs are sorted by a, so a's words are read once */
    for (i = 0; i < npairs; i++) {
        size_t a = (size_t)(pairs[i] >> 32), b = (size_t)(pairs[i] & 0xFFFFFFFFu), first = n;
        if ((rc = S_side_load(mem, &sa, texts[a], lens[a], a, p)) ||
            (rc = S_side_load(mem, &sb, texts[b], lens[b], b, p)) ||
            (rc = S_align(mem, sa.tok.hash, sa.tok.n, sa.grams, sa.ngrams, sb.tok.hash, sb.tok.n, sb.grams,
                          sb.ngrams, p, &res, &n, &cap)))
            goto done;
        for (; first < n; first++) {
            pc_passage *q = &res[first];
            q->a = (uint32_t)a;
            q->b = (uint32_t)b;
            q->a_end = sa.tok.end[q->a_end - 1];
            q->a_start = sa.tok.start[q->a_start];
            q->b_end = sb.tok.end[q->b_end - 1];
            q->b_start = sb.tok.start[q->b_start];
        }
    }
    *out = res;
    *nout = n;
    res = NULL;
done:
    pc_tokens_free(mem, &tok);
    S_side_free(mem, &sa);
    S_side_free(mem, &sb);
    mem->free(mem->ctx, keys);
    mem->free(mem->ctx, pairs);
    mem->free(mem->ctx, sh);
    mem->free(mem->ctx, heap);
    mem->free(mem->ctx, dgrp);
    mem->free(mem->ctx, cnt);
    mem->free(mem->ctx, mark);
    mem->free(mem->ctx, touched);
    mem->free(mem->ctx, dptr);
    mem->free(mem->ctx, gptr);
    mem->free(mem->ctx, res);
    return rc;
}
