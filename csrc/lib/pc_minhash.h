/*
 * pc_minhash.h - MinHash signatures, LSH banding and exact verification:
 * near-duplicate detection without comparing all pairs.
 *
 * Permutations.  Shingle hashes (pc_shingle.h) are well-mixed 64-bit
 * values; each is folded to a 32-bit key x = lo ^ hi, and permutation i is
 * h_i(x) = ((a_i * x + b_i) mod 2^64) >> 32 with a_i, b_i uniform 64-bit
 * (from a splitmix64 stream of `seed`).  That is Dietzfelbinger's
 * multiply-add-shift scheme, which is exactly 2-independent for 32-bit keys
 * -- the same guarantee as datasketch's (a x + b) mod (2^61-1), without the
 * 128-bit modular reduction.  It needs only 32x32->64 multiplies, so on
 * x86-64 CPUs with AVX2 an intrinsics kernel (chosen at run time) does 8
 * permutations per step; other CPUs run the scalar loop, with identical
 * results.  Folding to 32 bits merges two distinct shingles with probability
 * 2^-32 per pair, a negligible bias.  The signature of a set is the per-
 * permutation minimum; P[min_i(A) == min_i(B)] = J(A,B) up to those ties, so
 * the fraction of equal slots is an unbiased Jaccard estimate with standard
 * error sqrt(J(1-J)/k) (tests/c/test_minhash.c and tests/test_similarity.py
 * check both against exact Jaccard).
 *
 * An empty set signs as all 0xFFFFFFFF; pc_lsh_candidates skips documents
 * the caller marks empty, so empty documents never pair with each other.
 *
 * Banding.  pc_lsh_params picks b bands of r rows (b*r <= num_perm) that
 * minimise wfp * P(false positive) + wfn * P(false negative) integrated over
 * Jaccard, like datasketch's _optimal_param.  Candidates are found by
 * sorting (band-hash << 32 | doc) keys band by band: documents with equal
 * band hashes become candidate pairs.  Nothing is quadratic except inside a
 * bucket of equal band hashes, which holds true near-duplicates (or rare
 * 32-bit band-hash collisions that verification removes).
 */
#ifndef PC_MINHASH_H
#define PC_MINHASH_H

#include "pc.h"
#include "pc_shingle.h"

#ifdef __cplusplus
extern "C" {
#endif

#define PC_MINHASH_MAX_PERM 4096
#define PC_NEARDUP_WFP 0.05
#define PC_NEARDUP_WFN 0.95

typedef struct pc_minhash {
    size_t num_perm;
    uint64_t *a; /* [num_perm] */
    uint64_t *b; /* [num_perm] */
    uint64_t *vec; /* private: a, b re-laid for the AVX2 kernel (NULL without it) */
} pc_minhash;

/* Draw the permutations.  Free with pc_minhash_free.  Errors: PC_EINVAL
 * (num_perm 0 or > PC_MINHASH_MAX_PERM), PC_ENOMEM. */
int pc_minhash_init(const pc_mem *mem, pc_minhash *mh, size_t num_perm, uint64_t seed);
void pc_minhash_free(const pc_mem *mem, pc_minhash *mh);

/* Signature of `n` shingle hashes (repeats allowed) into sig[num_perm].
 * Never fails, never allocates. */
void pc_minhash_sign(const pc_minhash *mh, const uint64_t *shingles, size_t n, uint32_t *sig);

/* Fraction of equal slots: the Jaccard estimate. */
double pc_minhash_estimate(const uint32_t *a, const uint32_t *b, size_t num_perm);

/* Text -> signature for many documents.  texts[i] has lens[i] bytes.  Writes
 * sig[i*num_perm .. +num_perm) and, if nshingles is not NULL, the number of
 * distinct-position shingles of each document (0 = empty document).
 * `ngram`, `seed` as in pc_shingles/pc_words.  Errors: PC_EINVAL,
 * PC_ENOMEM (nothing is left allocated). */
int pc_minhash_batch(const pc_mem *mem, const pc_minhash *mh, const char *const *texts,
                     const size_t *lens, size_t ndocs, unsigned ngram, uint64_t seed, uint32_t *sig,
                     size_t *nshingles);

/* Optimal bands/rows for `threshold` in (0,1].  Errors: PC_EINVAL. */
int pc_lsh_params(double threshold, size_t num_perm, double wfp, double wfn, size_t *bands,
                  size_t *rows);

/* Candidate pairs from banded signatures.  sig is ndocs x num_perm; only
 * the first bands*rows columns are used.  skip (may be NULL) marks documents
 * to leave out.  *pairs receives (i << 32 | j), i < j, sorted and repeat-
 * free, allocated with mem (caller frees with mem->free; NULL when there are
 * none).  max_pairs > 0 bounds the work: PC_ELIMIT when more raw pairs would
 * be produced.  Errors: PC_EINVAL (bands*rows > num_perm, ndocs >= 2^32),
 * PC_ENOMEM, PC_ELIMIT. */
int pc_lsh_candidates(const pc_mem *mem, const uint32_t *sig, size_t ndocs, size_t num_perm,
                      size_t bands, size_t rows, const unsigned char *skip, size_t max_pairs,
                      uint64_t **pairs, size_t *npairs);

/* A verified near-duplicate pair. */
typedef struct pc_dup_pair {
    uint32_t a, b;     /* document indices, a < b */
    double jaccard_est; /* MinHash estimate */
    double jaccard;     /* exact Jaccard of the shingle sets */
} pc_dup_pair;

/* The whole pipeline: signatures, LSH candidates, exact verification.
 * Pairs with exact Jaccard >= min_exact are returned in *out (allocated with
 * mem, caller frees with mem->free; NULL when none), ordered by (a, b).
 * bands = rows = 0 chooses pc_lsh_params(threshold, num_perm, PC_NEARDUP_WFP,
 * PC_NEARDUP_WFN): since every candidate is verified exactly, a false
 * positive costs one Jaccard computation while a false negative is a lost
 * duplicate, so misses are weighted 19 times more than datasketch's 0.5/0.5
 * (at 0.8 / 128 permutations: 16 bands x 8 rows, P(candidate | J=0.8) =
 * 0.95 instead of 0.40 with 9 x 13).
 * Errors: as the steps above. */
int pc_neardup(const pc_mem *mem, const char *const *texts, const size_t *lens, size_t ndocs,
               size_t num_perm, unsigned ngram, uint64_t seed, double threshold, size_t bands,
               size_t rows, double min_exact, size_t max_pairs, pc_dup_pair **out, size_t *nout);

#ifdef __cplusplus
}
#endif
#endif
