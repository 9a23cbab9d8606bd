/* pc_topk.c - per-row top-k neighbours through an inverted index (see pc_topk.h). */
#include "pc_topk.h"

#include <string.h>

typedef struct {
    double s;
    uint32_t b;
} S_item;

/* x ranks below y: lower score, or the same score and a later row */
static int S_worse(const S_item *x, const S_item *y)
{
    return x->s < y->s || (x->s == y->s && x->b > y->b);
}

/* A bounded heap whose root is the worst item kept. */
typedef struct {
    S_item *v;
    size_t n, cap;
} S_heap;

static void S_sift_down(S_item *v, size_t n, size_t i)
{
    for (;;) {
        size_t l = 2 * i + 1, r = l + 1, w = i;
        S_item t;
        if (l < n && S_worse(&v[l], &v[w]))
            w = l;
        if (r < n && S_worse(&v[r], &v[w]))
            w = r;
        if (w == i)
            return;
        t = v[i];
        v[i] = v[w];
        v[w] = t;
        i = w;
    }
}

static void S_push(S_heap *h, double s, uint32_t b)
{
    S_item it;
    it.s = s;
    it.b = b;
    if (h->n < h->cap) {
        size_t i = h->n++;
        h->v[i] = it;
        while (i > 0) {
            size_t up = (i - 1) / 2;
            S_item t;
            if (!S_worse(&h->v[i], &h->v[up]))
                break;
            t = h->v[i];
            h->v[i] = h->v[up];
            h->v[up] = t;
            i = up;
        }
    } else if (h->cap && S_worse(&h->v[0], &it)) {
        h->v[0] = it;
        S_sift_down(h->v, h->n, 0);
    }
}

/* Empty the heap into v[0..n) best first. */
static size_t S_drain(S_heap *h)
{
    size_t n = h->n, end = n;
    while (end > 1) {
        S_item t = h->v[0];
        h->v[0] = h->v[end - 1];
        h->v[end - 1] = t;
        end--;
        S_sift_down(h->v, end, 0);
    }
    h->n = 0;
    return n;
}

static uint64_t S_sat_add(uint64_t a, uint64_t b)
{
    return a > UINT64_MAX - b ? UINT64_MAX : a + b;
}

/* dot product of row b with the row scattered into dense[] */
static double S_dot(const pc_tfidf *m, const double *dense, size_t b)
{
    double s = 0;
    size_t i;
    for (i = m->rowptr[b]; i < m->rowptr[b + 1]; i++)
        s += dense[m->col[i]] * m->val[i];
    return s;
}

/* Largest document frequency D such that searching every term with
 * 2 <= df <= D costs at most budget visits (budget 0: the default). */
static int S_plan(const pc_mem *mem, const pc_tfidf *m, uint64_t budget, size_t *max_df,
                  pc_topk_stats *st)
{
    size_t *count, t, df;
    uint64_t work = 0;
    count = (size_t *)mem->calloc(mem->ctx, m->ndocs + 1, sizeof(size_t));
    if (!count)
        return PC_ENOMEM;
    for (t = 0; t < m->nterms; t++)
        if (m->df[t] >= 2 && m->df[t] <= m->ndocs)
            count[m->df[t]]++;
    if (!budget) {
        budget = m->nnz > UINT64_MAX / PC_TOPK_BUDGET_PER_NNZ ? UINT64_MAX : PC_TOPK_BUDGET_PER_NNZ * m->nnz;
        if (budget < PC_TOPK_MIN_BUDGET)
            budget = PC_TOPK_MIN_BUDGET;
    }
    *max_df = 1;
    for (df = 2; df <= m->ndocs; df++) {
        uint64_t level;
        if (!count[df])
            continue;
        level = (uint64_t)df * (uint64_t)df;
        level = level > UINT64_MAX / count[df] ? UINT64_MAX : level * count[df];
        if (S_sat_add(work, level) > budget)
            break;
        work = S_sat_add(work, level);
        st->terms_used += count[df];
        *max_df = df;
    }
    for (; df <= m->ndocs; df++)
        st->terms_skipped += count[df];
    st->work = work;
    st->max_df = *max_df;
    st->exact = st->terms_skipped == 0;
    mem->free(mem->ctx, count);
    return PC_OK;
}

int pc_topk(const pc_mem *mem, const pc_tfidf *m, const pc_topk_params *p, pc_topk_rescore rescore,
            void *ctx, pc_score_pair **out, size_t *nout, pc_topk_stats *stats)
{
    pc_topk_stats st;
    size_t *cptr = NULL, max_df = 1, t, i, d, cap = 0, n = 0, ncand;
    uint32_t *pdoc = NULL, *mark = NULL, *touched = NULL;
    double *pval = NULL, *acc = NULL, *dense = NULL;
    S_heap top, cand;
    pc_score_pair *res = NULL;
    int rc = PC_OK, direct;

    memset(&st, 0, sizeof st);
    memset(&top, 0, sizeof top);
    memset(&cand, 0, sizeof cand);
    *out = NULL;
    *nout = 0;
    if (!p || p->k == 0)
        return PC_EINVAL;
    if (m->ndocs >= 0xFFFFFFFFu)
        return PC_EINVAL;
    if (m->ndocs < 2)
        goto finish;
    if ((rc = S_plan(mem, m, p->budget, &max_df, &st)))
        return rc;
    /* the accumulated dot product is the answer when nothing was left out */
    direct = st.exact && !rescore;
    ncand = p->candidates ? p->candidates : (p->k * 4 > 32 ? p->k * 4 : 32);
    if (ncand < p->k)
        ncand = p->k;
    top.cap = p->k < m->ndocs ? p->k : m->ndocs;
    cand.cap = ncand < m->ndocs ? ncand : m->ndocs;
    cptr = (size_t *)mem->calloc(mem->ctx, m->nterms + 1, sizeof(size_t));
    pdoc = (uint32_t *)mem->calloc(mem->ctx, m->nnz ? m->nnz : 1, sizeof(uint32_t));
    pval = (double *)mem->calloc(mem->ctx, m->nnz ? m->nnz : 1, sizeof(double));
    acc = (double *)mem->calloc(mem->ctx, m->ndocs, sizeof(double));
    mark = (uint32_t *)mem->calloc(mem->ctx, m->ndocs, sizeof(uint32_t));
    touched = (uint32_t *)mem->calloc(mem->ctx, m->ndocs, sizeof(uint32_t));
    top.v = (S_item *)mem->calloc(mem->ctx, top.cap + 1, sizeof(S_item));
    cand.v = (S_item *)mem->calloc(mem->ctx, cand.cap + 1, sizeof(S_item));
    if (!direct && !rescore)
        dense = (double *)mem->calloc(mem->ctx, m->nterms ? m->nterms : 1, sizeof(double));
    if (!cptr || !pdoc || !pval || !acc || !mark || !touched || !top.v || !cand.v ||
        (!direct && !rescore && !dense)) {
        rc = PC_ENOMEM;
        goto done;
    }
    /* postings of the searched terms, rows ascending */
    for (i = 0; i < m->nnz; i++) {
        uint32_t df = m->df[m->col[i]];
        if (df >= 2 && df <= max_df)
            cptr[m->col[i] + 1]++;
    }
    for (t = 0; t < m->nterms; t++)
        cptr[t + 1] += cptr[t];
    for (d = 0; d < m->ndocs; d++)
        for (i = m->rowptr[d]; i < m->rowptr[d + 1]; i++) {
            uint32_t term = m->col[i], df = m->df[term];
            if (df >= 2 && df <= max_df) {
                size_t q = cptr[term]++;
                pdoc[q] = (uint32_t)d;
                pval[q] = m->val[i];
            }
        }
    for (t = m->nterms; t > 0; t--) /* the fill moved each start to the next one's */
        cptr[t] = cptr[t - 1];
    cptr[0] = 0;

    for (d = 0; d < m->ndocs; d++) {
        size_t ntouched = 0, x, k;
        uint32_t stamp = (uint32_t)d + 1;
        for (i = m->rowptr[d]; i < m->rowptr[d + 1]; i++) {
            uint32_t term = m->col[i], df = m->df[term];
            double v = m->val[i];
            size_t q;
            if (df < 2 || df > max_df)
                continue;
            for (q = cptr[term]; q < cptr[term + 1]; q++) {
                uint32_t b = pdoc[q];
                if (b == d)
                    continue;
                if (mark[b] != stamp) {
                    mark[b] = stamp;
                    acc[b] = 0.0;
                    touched[ntouched++] = b;
                }
                acc[b] += v * pval[q];
            }
        }
        if (direct) {
            for (x = 0; x < ntouched; x++) {
                double s = acc[touched[x]];
                if (s > 0 && s >= p->min_score)
                    S_push(&top, s, touched[x]);
            }
        } else {
            for (x = 0; x < ntouched; x++)
                if (acc[touched[x]] > 0)
                    S_push(&cand, acc[touched[x]], touched[x]);
            k = S_drain(&cand);
            if (dense)
                for (i = m->rowptr[d]; i < m->rowptr[d + 1]; i++)
                    dense[m->col[i]] = m->val[i];
            for (x = 0; x < k; x++) {
                uint32_t b = cand.v[x].b;
                double s = rescore ? rescore(ctx, d, b) : S_dot(m, dense, b);
                if (s > 0 && s >= p->min_score)
                    S_push(&top, s, b);
            }
            if (dense)
                for (i = m->rowptr[d]; i < m->rowptr[d + 1]; i++)
                    dense[m->col[i]] = 0.0;
        }
        k = S_drain(&top);
        if (!k)
            continue;
        if ((rc = pc_grow(mem, (void **)&res, &cap, n + k, sizeof(pc_score_pair))))
            goto done;
        for (x = 0; x < k; x++) {
            res[n].a = (uint32_t)d;
            res[n].b = top.v[x].b;
            res[n].score = top.v[x].s;
            n++;
        }
    }
finish:
    *out = res;
    *nout = n;
    res = NULL;
    if (stats)
        *stats = st;
done:
    mem->free(mem->ctx, cptr);
    mem->free(mem->ctx, pdoc);
    mem->free(mem->ctx, pval);
    mem->free(mem->ctx, acc);
    mem->free(mem->ctx, mark);
    mem->free(mem->ctx, touched);
    mem->free(mem->ctx, top.v);
    mem->free(mem->ctx, cand.v);
    mem->free(mem->ctx, dense);
    mem->free(mem->ctx, res);
    return rc;
}

int pc_tfidf_block(const pc_mem *mem, const pc_tfidf *m, const size_t *idx, size_t n, double *out)
{
    double *dense;
    size_t x, y, i;
    for (x = 0; x < n; x++)
        if (idx[x] >= m->ndocs)
            return PC_EINVAL;
    if (!n)
        return PC_OK;
    dense = (double *)mem->calloc(mem->ctx, m->nterms ? m->nterms : 1, sizeof(double));
    if (!dense)
        return PC_ENOMEM;
    for (x = 0; x < n; x++) {
        size_t a = idx[x];
        for (i = m->rowptr[a]; i < m->rowptr[a + 1]; i++)
            dense[m->col[i]] = m->val[i];
        for (y = 0; y < n; y++)
            out[x * n + y] = S_dot(m, dense, idx[y]);
        for (i = m->rowptr[a]; i < m->rowptr[a + 1]; i++)
            dense[m->col[i]] = 0.0;
    }
    mem->free(mem->ctx, dense);
    return PC_OK;
}
