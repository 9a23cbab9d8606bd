/*
 * pc_tfidf.h - sparse TF-IDF rows and cosine similarity of all pairs.
 *
 * Terms are 64-bit token hashes (pc_tokens.hash), so no strings are stored
 * and two corpora tokenized with the same seed share term identities.  The
 * weighting is scikit-learn's TfidfVectorizer(sublinear_tf=..., smooth_idf=
 * True, norm="l2"): tf -> 1 + ln(tf) when sublinear, idf = ln((1+N)/(1+df))
 * + 1, rows scaled to unit l2 norm.  Identical tokenization gives the same
 * scores as scikit-learn to floating-point rounding (tests check 1e-6).
 *
 * Cosine of all pairs uses an inverted index (term -> postings), so the cost
 * is the sum over terms of df^2 rather than N^2 * vocabulary, and memory is
 * O(nnz + N): no dense N x N matrix is built.  Very common words still make
 * that sum grow as N^2; pass min_score > 0 to keep only the interesting
 * pairs in the output (the work is the same).
 */
#ifndef PC_TFIDF_H
#define PC_TFIDF_H

#include "pc.h"
#include "pc_strmap.h"

#ifdef __cplusplus
extern "C" {
#endif

/* CSR matrix, rows = documents.  All arrays owned by the struct; free with
 * pc_tfidf_free and the same pc_mem.  A zeroed struct is a valid empty value. */
typedef struct pc_tfidf {
    size_t ndocs, nterms, nnz;
    uint64_t *term;  /* [nterms] token hash of term id t */
    uint32_t *df;    /* [nterms] document frequency */
    double *idf;     /* [nterms] */
    size_t *rowptr;  /* [ndocs+1] row d is col/val[rowptr[d] .. rowptr[d+1]) */
    uint32_t *col;   /* [nnz] term ids */
    double *val;     /* [nnz] weights, each non-empty row has unit l2 norm */
} pc_tfidf;

/* Flags of pc_tfidf_build. */
enum {
    PC_TFIDF_SUBLINEAR = 1, /* tf -> 1 + ln(tf) */
    PC_TFIDF_NO_IDF = 2     /* idf = 1: rows are l2-normalised term counts (distinct
                             * terms: binary rows, the cosine of two sets) */
};

/* Build from token hashes: document d is tokens[off[d] .. off[d+1]).  An
 * empty document gives an empty row.  `flags`: PC_TFIDF_* (0: raw tf times
 * idf).  Errors: PC_ENOMEM, PC_EINVAL (more than 2^32-1 distinct terms or
 * documents), PC_EOVERFLOW. */
int pc_tfidf_build(const pc_mem *mem, const uint64_t *tokens, const size_t *off, size_t ndocs,
                   int flags, pc_tfidf *out);
void pc_tfidf_free(const pc_mem *mem, pc_tfidf *m);

typedef struct pc_score_pair {
    uint32_t a, b; /* a < b */
    double score;
} pc_score_pair;

/* Cosine (dot product of the unit rows) of every pair a < b whose score is
 * > 0 and >= min_score.  *out is allocated with mem (caller frees with
 * mem->free; NULL when empty), ordered by a, then b.  max_pairs > 0 limits
 * the output size (PC_ELIMIT beyond it).  Errors: PC_ENOMEM, PC_ELIMIT. */
int pc_tfidf_pairs(const pc_mem *mem, const pc_tfidf *m, double min_score, size_t max_pairs,
                   pc_score_pair **out, size_t *nout);

/* Sort pairs by descending score, ties by (a, b), in place.  Keys are the
 * score's IEEE bits with the low bits replaced by the pair's position, so
 * one 64-bit integer sort does it; scores closer than 2^-(52-log2 n)
 * relative count as ties.  Scores must be >= 0.  Errors: PC_ENOMEM. */
int pc_score_pairs_sort(const pc_mem *mem, pc_score_pair *p, size_t n);

/* Bag of words of many texts, for labels that need the words themselves
 * (story names): the vocabulary of folded words (pc_words) in first-seen
 * order, and per document its (word id, count) pairs by word id.  Owned by
 * the struct; free with pc_bag_free and the same pc_mem.  A zeroed struct is
 * a valid empty value. */
typedef struct pc_bag {
    size_t ndocs, nnz;
    pc_strmap vocab; /* slot s is word id s; pc_strmap_key gives the folded word */
    size_t *rowptr;  /* [ndocs+1] */
    uint32_t *word;  /* [nnz] */
    uint32_t *count; /* [nnz] */
} pc_bag;

/* Errors: PC_ENOMEM, PC_EOVERFLOW, PC_ELIMIT (2^30 distinct words). */
int pc_bag_build(const pc_mem *mem, const char *const *texts, const size_t *lens, size_t ndocs, uint64_t seed,
                 pc_bag *out);
void pc_bag_free(const pc_mem *mem, pc_bag *b);

#ifdef __cplusplus
}
#endif
#endif
