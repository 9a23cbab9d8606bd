/* pc_tfidf.c - TF-IDF rows and sparse all-pairs cosine (see pc_tfidf.h). */
#include "pc_tfidf.h"
#include "pc_shingle.h"

#include <string.h>

/* The engine links only utf8proc and libc (the fuzz and test builds pass no
 * -lm), so the two libm functions needed here are written out.  Both are
 * accurate to a few ulp for the positive finite inputs they get. */
static double S_log(double x)
{
    /* x = m * 2^e with m in [sqrt(1/2), sqrt(2)); ln m = 2 atanh((m-1)/(m+1)) */
    uint64_t bits;
    int e;
    double m, s, s2, term, sum;
    int k;
    memcpy(&bits, &x, sizeof bits);
    e = (int)((bits >> 52) & 0x7FF) - 1023;
    bits = (bits & 0x000FFFFFFFFFFFFFULL) | 0x3FF0000000000000ULL;
    memcpy(&m, &bits, sizeof m);
    if (m > 1.4142135623730951) {
        m *= 0.5;
        e++;
    }
    s = (m - 1.0) / (m + 1.0);
    s2 = s * s;
    term = s;
    sum = 0.0;
    for (k = 1; k < 40; k += 2) {
        sum += term / k;
        term *= s2;
    }
    return 2.0 * sum + e * 0.6931471805599453;
}

static double S_sqrt(double x)
{
    double r;
    uint64_t bits;
    int k;
    if (!(x > 0))
        return 0.0;
    memcpy(&bits, &x, sizeof bits);
    bits = (bits >> 1) + 0x1FF8000000000000ULL; /* halve the exponent: a close first guess */
    memcpy(&r, &bits, sizeof r);
    for (k = 0; k < 6; k++)
        r = 0.5 * (r + x / r);
    return r;
}

/* open-addressing table: token hash -> term id (linear probing, <= 50% full) */
typedef struct {
    uint64_t *keys;
    uint32_t *ids; /* id + 1; 0 = empty slot */
    size_t mask, n;
} S_table;

static int S_table_grow(const pc_mem *mem, S_table *t)
{
    size_t ncap = t->mask ? (t->mask + 1) * 2 : 1024, i;
    uint64_t *keys;
    uint32_t *ids;
    if (ncap == 0 || ncap > SIZE_MAX / sizeof(uint64_t))
        return PC_EOVERFLOW;
    keys = (uint64_t *)mem->calloc(mem->ctx, ncap, sizeof(uint64_t));
    ids = (uint32_t *)mem->calloc(mem->ctx, ncap, sizeof(uint32_t));
    if (!keys || !ids) {
        mem->free(mem->ctx, keys);
        mem->free(mem->ctx, ids);
        return PC_ENOMEM;
    }
    if (t->mask)
        for (i = 0; i <= t->mask; i++)
            if (t->ids[i]) {
                size_t h = (size_t)(t->keys[i] * 0x9E3779B97F4A7C15ULL >> 20) & (ncap - 1);
                while (ids[h])
                    h = (h + 1) & (ncap - 1);
                keys[h] = t->keys[i];
                ids[h] = t->ids[i];
            }
    mem->free(mem->ctx, t->keys);
    mem->free(mem->ctx, t->ids);
    t->keys = keys;
    t->ids = ids;
    t->mask = ncap - 1;
    return PC_OK;
}

/* id of key, inserting it as `next` if absent (*added set to 1) */
static int S_table_get(const pc_mem *mem, S_table *t, uint64_t key, uint32_t next, uint32_t *id,
                       int *added)
{
    size_t h;
    int rc;
    *added = 0;
    if ((t->n + 1) * 2 > t->mask + 1 && (rc = S_table_grow(mem, t)))
        return rc;
    h = (size_t)(key * 0x9E3779B97F4A7C15ULL >> 20) & t->mask;
    while (t->ids[h]) {
        if (t->keys[h] == key) {
            *id = t->ids[h] - 1;
            return PC_OK;
        }
        h = (h + 1) & t->mask;
    }
    t->keys[h] = key;
    t->ids[h] = next + 1;
    t->n++;
    *id = next;
    *added = 1;
    return PC_OK;
}

int pc_tfidf_build(const pc_mem *mem, const uint64_t *tokens, const size_t *off, size_t ndocs,
                   int flags, pc_tfidf *m)
{
    int sublinear = flags & PC_TFIDF_SUBLINEAR;
    S_table tab;
    uint64_t *buf = NULL;
    size_t bufcap = 0, termcap = 0, dfcap = 0, colcap = 0, valcap = 0, d, i;
    int rc = PC_OK;

    memset(&tab, 0, sizeof tab);
    memset(m, 0, sizeof *m);
    if (ndocs >= 0xFFFFFFFFu)
        return PC_EINVAL;
    m->rowptr = (size_t *)mem->calloc(mem->ctx, ndocs + 1, sizeof(size_t));
    if (!m->rowptr)
        return PC_ENOMEM;
    m->ndocs = ndocs;
    for (d = 0; d < ndocs; d++) {
        size_t n = off[d + 1] - off[d], j, k;
        m->rowptr[d] = m->nnz;
        if (n == 0)
            continue;
        if ((rc = pc_grow(mem, (void **)&buf, &bufcap, n, sizeof(uint64_t))))
            goto error;
        memcpy(buf, tokens + off[d], n * sizeof(uint64_t));
        pc_u64_sort(buf, n); /* repeats kept: run lengths are the term counts */
        for (j = 0; j < n; j = k) {
            uint32_t id;
            int added;
            double tf;
            for (k = j + 1; k < n && buf[k] == buf[j]; k++)
                ;
            if (m->nterms >= 0xFFFFFFFEu) {
                rc = PC_EINVAL;
                goto error;
            }
            if ((rc = S_table_get(mem, &tab, buf[j], (uint32_t)m->nterms, &id, &added)))
                goto error;
            if (added) {
                if ((rc = pc_grow(mem, (void **)&m->term, &termcap, m->nterms + 1, sizeof(uint64_t))) ||
                    (rc = pc_grow(mem, (void **)&m->df, &dfcap, m->nterms + 1, sizeof(uint32_t))))
                    goto error;
                m->term[m->nterms] = buf[j];
                m->df[m->nterms] = 0;
                m->nterms++;
            }
            m->df[id]++;
            tf = (double)(k - j);
            if ((rc = pc_grow(mem, (void **)&m->col, &colcap, m->nnz + 1, sizeof(uint32_t))) ||
                (rc = pc_grow(mem, (void **)&m->val, &valcap, m->nnz + 1, sizeof(double))))
                goto error;
            m->col[m->nnz] = id;
            m->val[m->nnz] = sublinear ? 1.0 + S_log(tf) : tf;
            m->nnz++;
        }
    }
    m->rowptr[ndocs] = m->nnz;
    m->idf = (double *)mem->calloc(mem->ctx, m->nterms ? m->nterms : 1, sizeof(double));
    if (!m->idf) {
        rc = PC_ENOMEM;
        goto error;
    }
    for (i = 0; i < m->nterms; i++)
        m->idf[i] = (flags & PC_TFIDF_NO_IDF) ? 1.0
                    : S_log((1.0 + (double)ndocs) / (1.0 + (double)m->df[i])) + 1.0;
    for (d = 0; d < ndocs; d++) {
        double ss = 0;
        for (i = m->rowptr[d]; i < m->rowptr[d + 1]; i++) {
            m->val[i] *= m->idf[m->col[i]];
            ss += m->val[i] * m->val[i];
        }
        if (ss > 0) {
            ss = S_sqrt(ss);
            for (i = m->rowptr[d]; i < m->rowptr[d + 1]; i++)
                m->val[i] /= ss;
        }
    }
    mem->free(mem->ctx, buf);
    mem->free(mem->ctx, tab.keys);
    mem->free(mem->ctx, tab.ids);
    return PC_OK;
error:
    mem->free(mem->ctx, buf);
    mem->free(mem->ctx, tab.keys);
    mem->free(mem->ctx, tab.ids);
    pc_tfidf_free(mem, m);
    return rc;
}

void pc_tfidf_free(const pc_mem *mem, pc_tfidf *m)
{
    mem->free(mem->ctx, m->term);
    mem->free(mem->ctx, m->df);
    mem->free(mem->ctx, m->idf);
    mem->free(mem->ctx, m->rowptr);
    mem->free(mem->ctx, m->col);
    mem->free(mem->ctx, m->val);
    memset(m, 0, sizeof *m);
}

static void S_sort_size(size_t *v, size_t n)
{
    size_t x, gap;
    for (gap = n / 2; gap > 0; gap = gap == 2 ? 1 : gap * 5 / 11)
        for (x = gap; x < n; x++) {
            size_t t = v[x], y = x;
            while (y >= gap && v[y - gap] > t) {
                v[y] = v[y - gap];
                y -= gap;
            }
            v[y] = t;
        }
}

int pc_tfidf_pairs(const pc_mem *mem, const pc_tfidf *m, double min_score, size_t max_pairs,
                   pc_score_pair **out, size_t *nout)
{
    size_t *cptr = NULL, *fill = NULL, *touched = NULL, ntouched = 0, i, t, d, cap = 0, n = 0;
    uint32_t *pdoc = NULL;
    double *pval = NULL, *acc = NULL;
    pc_score_pair *res = NULL;
    int rc = PC_OK;

    *out = NULL;
    *nout = 0;
    if (m->ndocs < 2)
        return PC_OK;
    cptr = (size_t *)mem->calloc(mem->ctx, m->nterms + 1, sizeof(size_t));
    fill = (size_t *)mem->calloc(mem->ctx, m->nterms + 1, sizeof(size_t));
    pdoc = (uint32_t *)mem->calloc(mem->ctx, m->nnz ? m->nnz : 1, sizeof(uint32_t));
    pval = (double *)mem->calloc(mem->ctx, m->nnz ? m->nnz : 1, sizeof(double));
    acc = (double *)mem->calloc(mem->ctx, m->ndocs, sizeof(double));
    touched = (size_t *)mem->calloc(mem->ctx, m->ndocs, sizeof(size_t));
    if (!cptr || !fill || !pdoc || !pval || !acc || !touched) {
        rc = PC_ENOMEM;
        goto done;
    }
    /* transpose: postings of each term, documents ascending */
    for (i = 0; i < m->nnz; i++)
        cptr[m->col[i] + 1]++;
    for (t = 0; t < m->nterms; t++)
        cptr[t + 1] += cptr[t];
    memcpy(fill, cptr, (m->nterms + 1) * sizeof(size_t));
    for (d = 0; d < m->ndocs; d++)
        for (i = m->rowptr[d]; i < m->rowptr[d + 1]; i++) {
            size_t p = fill[m->col[i]]++;
            pdoc[p] = (uint32_t)d;
            pval[p] = m->val[i];
        }
    for (d = 0; d < m->ndocs; d++) {
        /* Dense rows (most later documents share a word, typical with stop
         * words) skip the touched list and scan the accumulator instead.  The
         * previous row predicts the mode; both modes are exact. */
        int dense = ntouched * 8 > m->ndocs - d + 1;
        ntouched = 0;
        for (i = m->rowptr[d]; i < m->rowptr[d + 1]; i++) {
            uint32_t term = m->col[i];
            double v = m->val[i];
            size_t p, lo = cptr[term];
            /* postings ascending: walk back from the end while doc > d */
            if (dense) {
                for (p = cptr[term + 1]; p > lo && pdoc[p - 1] > d; p--)
                    acc[pdoc[p - 1]] += v * pval[p - 1];
            } else {
                for (p = cptr[term + 1]; p > lo && pdoc[p - 1] > d; p--) {
                    uint32_t b = pdoc[p - 1];
                    if (acc[b] == 0.0)
                        touched[ntouched++] = b;
                    acc[b] += v * pval[p - 1];
                }
            }
        }
        if (dense || ntouched * 8 > m->ndocs - d) {
            size_t b, k = 0;
            if ((rc = pc_grow(mem, (void **)&res, &cap, n + (m->ndocs - d), sizeof(pc_score_pair))))
                goto done;
            for (b = d + 1; b < m->ndocs; b++) {
                double s = acc[b];
                if (s == 0.0)
                    continue;
                acc[b] = 0.0;
                k++;
                if (!(s > 0) || s < min_score)
                    continue;
                res[n].a = (uint32_t)d;
                res[n].b = (uint32_t)b;
                res[n].score = s;
                n++;
            }
            ntouched = dense ? k : ntouched;
        } else {
            S_sort_size(touched, ntouched);
            if ((rc = pc_grow(mem, (void **)&res, &cap, n + ntouched, sizeof(pc_score_pair))))
                goto done;
            for (i = 0; i < ntouched; i++) {
                size_t b = touched[i];
                double s = acc[b];
                acc[b] = 0.0;
                if (!(s > 0) || s < min_score)
                    continue;
                res[n].a = (uint32_t)d;
                res[n].b = (uint32_t)b;
                res[n].score = s;
                n++;
            }
        }
        if (max_pairs && n > max_pairs) {
            rc = PC_ELIMIT;
            goto done;
        }
    }
    *out = res;
    *nout = n;
    res = NULL;
done:
    mem->free(mem->ctx, cptr);
    mem->free(mem->ctx, fill);
    mem->free(mem->ctx, pdoc);
    mem->free(mem->ctx, pval);
    mem->free(mem->ctx, acc);
    mem->free(mem->ctx, touched);
    mem->free(mem->ctx, res);
    return rc;
}

/* LSD radix sort, 8 bits a pass, passes where every key has the same digit
 * skipped; tmp holds n values. */
static void S_radix(uint64_t *v, uint64_t *tmp, size_t n)
{
    size_t cnt[256], i;
    int shift;
    for (shift = 0; shift < 64; shift += 8) {
        size_t sum = 0;
        memset(cnt, 0, sizeof cnt);
        for (i = 0; i < n; i++)
            cnt[(v[i] >> shift) & 0xFF]++;
        if (cnt[(v[0] >> shift) & 0xFF] == n)
            continue;
        for (i = 0; i < 256; i++) {
            size_t c = cnt[i];
            cnt[i] = sum;
            sum += c;
        }
        for (i = 0; i < n; i++)
            tmp[cnt[(v[i] >> shift) & 0xFF]++] = v[i];
        memcpy(v, tmp, n * sizeof(uint64_t));
    }
}

int pc_score_pairs_sort(const pc_mem *mem, pc_score_pair *p, size_t n)
{
    uint64_t *keys, mask;
    pc_score_pair *tmp;
    size_t i;
    int bits = 0;

    if (n < 2)
        return PC_OK;
    while (bits < 63 && ((uint64_t)1 << bits) < (uint64_t)n)
        bits++;
    mask = ((uint64_t)1 << bits) - 1;
    keys = (uint64_t *)mem->calloc(mem->ctx, n, sizeof(uint64_t));
    tmp = (pc_score_pair *)mem->calloc(mem->ctx, n, sizeof(pc_score_pair));
    if (!keys || !tmp) {
        mem->free(mem->ctx, keys);
        mem->free(mem->ctx, tmp);
        return PC_ENOMEM;
    }
    for (i = 0; i < n; i++) {
        uint64_t sb;
        double s = p[i].score > 0 ? p[i].score : 0.0;
        memcpy(&sb, &s, sizeof sb); /* non-negative doubles order like their bits */
        keys[i] = ((~sb) & ~mask) | (uint64_t)i;
    }
    S_radix(keys, (uint64_t *)tmp, n); /* tmp doubles as radix scratch (16 >= 8 bytes) */
    memcpy(tmp, p, n * sizeof(pc_score_pair));
    for (i = 0; i < n; i++)
        p[i] = tmp[keys[i] & mask];
    mem->free(mem->ctx, keys);
    mem->free(mem->ctx, tmp);
    return PC_OK;
}

int pc_bag_build(const pc_mem *mem, const char *const *texts, const size_t *lens, size_t ndocs, uint64_t seed,
                 pc_bag *b)
{
    pc_tokens tok;
    uint64_t *ids = NULL;
    size_t idcap = 0, wcap = 0, ccap = 0, d, i, j;
    int rc = PC_OK;

    memset(&tok, 0, sizeof tok);
    memset(b, 0, sizeof *b);
    b->rowptr = (size_t *)mem->calloc(mem->ctx, ndocs + 1, sizeof(size_t));
    if (!b->rowptr)
        return PC_ENOMEM;
    b->ndocs = ndocs;
    for (d = 0; d < ndocs; d++) {
        b->rowptr[d] = b->nnz;
        if ((rc = pc_words(mem, texts[d], lens[d], seed, PC_WORDS_KEEP_FOLDED, &tok)) ||
            (rc = pc_grow(mem, (void **)&ids, &idcap, tok.n + 1, sizeof(uint64_t))))
            goto error;
        for (i = 0; i < tok.n; i++) {
            const char *w = tok.folded + tok.foff[i];
            int32_t slot;
            if ((rc = pc_strmap_get(mem, &b->vocab, w, strlen(w), &slot)))
                goto error;
            ids[i] = (uint64_t)slot;
        }
        pc_u64_sort(ids, tok.n);
        for (i = 0; i < tok.n; i = j) {
            for (j = i + 1; j < tok.n && ids[j] == ids[i]; j++)
                ;
            if ((rc = pc_grow(mem, (void **)&b->word, &wcap, b->nnz + 1, sizeof(uint32_t))) ||
                (rc = pc_grow(mem, (void **)&b->count, &ccap, b->nnz + 1, sizeof(uint32_t))))
                goto error;
            b->word[b->nnz] = (uint32_t)ids[i];
            b->count[b->nnz] = (uint32_t)(j - i > 0xFFFFFFFFu ? 0xFFFFFFFFu : j - i);
            b->nnz++;
        }
    }
    b->rowptr[ndocs] = b->nnz;
    pc_tokens_free(mem, &tok);
    mem->free(mem->ctx, ids);
    return PC_OK;
error:
    pc_tokens_free(mem, &tok);
    mem->free(mem->ctx, ids);
    pc_bag_free(mem, b);
    return rc;
}

void pc_bag_free(const pc_mem *mem, pc_bag *b)
{
    pc_strmap_free(mem, &b->vocab);
    mem->free(mem->ctx, b->rowptr);
    mem->free(mem->ctx, b->word);
    mem->free(mem->ctx, b->count);
    memset(b, 0, sizeof *b);
}
