/*
 * pc_topk.h - each document's k most similar documents, without all pairs.
 *
 * Rows are the sparse, l2-normalised vectors of a pc_tfidf (TF-IDF weights,
 * or any non-negative weights the caller put there).  For every row d the
 * dot products with all other rows are accumulated through an inverted
 * index (term -> rows), and the k best are kept in a heap: memory is
 * O(nnz + N + N k), never N x N.
 *
 * Budget.  Walking the postings of a term that occurs in df rows costs
 * df * df visits over all rows, so words found in most documents make the
 * work grow as N^2.  Within a budget of B visits the terms are taken in
 * increasing order of df while the total stays within B; the others (the most common
 * words, which also weigh least under idf) are left out of the search.  When
 * every shared term fits, the search is exact: the accumulated dot product
 * is the cosine.  Otherwise it is a candidate search: the `candidates` rows
 * with the best partial score are rescored exactly (the full sparse dot
 * product, or the caller's `rescore`), and the k best of those are kept.  A
 * neighbour can then be missed only when the rows it shares with d are all
 * among the skipped common terms (pc_topk_stats says how many were skipped).
 *
 * Ties are broken by the smaller row index, so the output is deterministic.
 */
#ifndef PC_TOPK_H
#define PC_TOPK_H

#include "pc.h"
#include "pc_tfidf.h"

#ifdef __cplusplus
extern "C" {
#endif

#define PC_TOPK_MIN_BUDGET 250000000ULL
#define PC_TOPK_BUDGET_PER_NNZ 16ULL

/* Exact score of rows a and b (called only in a candidate search). */
typedef double (*pc_topk_rescore)(void *ctx, size_t a, size_t b);

typedef struct pc_topk_params {
    size_t k;          /* neighbours kept per row, >= 1 */
    double min_score;  /* keep scores > 0 and >= min_score */
    uint64_t budget;   /* most posting visits of the search; 0 = the default,
                        * max(PC_TOPK_MIN_BUDGET, PC_TOPK_BUDGET_PER_NNZ * nnz): linear in
                        * the corpus size, exact for a few thousand news articles;
                        * UINT64_MAX = no limit (always exact) */
    size_t candidates; /* rows rescored per row in a candidate search; 0 = max(4k, 32) */
} pc_topk_params;

typedef struct pc_topk_stats {
    uint64_t work;        /* posting visits done */
    size_t terms_used;    /* terms shared by >= 2 rows that were searched */
    size_t terms_skipped; /* terms shared by >= 2 rows left out (budget) */
    size_t max_df;        /* largest document frequency searched */
    int exact;            /* 1 when nothing was skipped */
} pc_topk_stats;

/* For each row d of m (in order), its best neighbours as pairs (a = d,
 * b = neighbour, score), best first: *out allocated with mem (caller frees
 * with mem->free; NULL when empty).  rescore may be NULL (the exact dot
 * product of the rows).  stats may be NULL.  Errors: PC_EINVAL (k == 0),
 * PC_ENOMEM, PC_EOVERFLOW. */
int pc_topk(const pc_mem *mem, const pc_tfidf *m, const pc_topk_params *p, pc_topk_rescore rescore,
            void *ctx, pc_score_pair **out, size_t *nout, pc_topk_stats *stats);

/* Dot products of the rows idx[0..n) with each other into out[n * n]
 * (row-major; the diagonal is each row's squared norm, 1 for non-empty
 * rows).  Errors: PC_EINVAL (an index out of range), PC_ENOMEM. */
int pc_tfidf_block(const pc_mem *mem, const pc_tfidf *m, const size_t *idx, size_t n, double *out);

#ifdef __cplusplus
}
#endif
#endif
