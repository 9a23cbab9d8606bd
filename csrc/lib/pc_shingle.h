/*
 * pc_shingle.h - normalized word tokens, 64-bit hashes and word n-gram
 * shingles: the common input of near-duplicate detection (pc_minhash),
 * TF-IDF (pc_tfidf) and text-reuse alignment (pc_align).
 *
 * Words.  A word is a maximal run of code points of Unicode category L*, N*
 * or M* (letters, digits, marks; categories come from utf8proc).  Everything
 * else separates words, including apostrophes and hyphens: "Azerbaijan's",
 * "Azerbaijan’s" and "Azerbaijan s" all give the same two words, so the
 * choice of apostrophe or dash (which editors change freely) never changes a
 * shingle.  Invalid UTF-8 bytes and NUL are separators too, so any byte
 * string is accepted.
 *
 * Folding.  Each word is mapped with utf8proc to NFKC + case fold + compose
 * + strip marks + drop default-ignorables, plus one extra mapping, dotless
 * i (U+0131) -> i, so that "Naxçıvan", "NAXÇIVAN" and "naxcivan" fold to the
 * same word (Turkic/Azerbaijani names are spelled both ways in the press).
 * ASCII words skip utf8proc (lower-casing is the whole fold) for speed.
 *
 * Hashing.  pc_hash64 is an xxHash64-style hash written for this library (not
 * bit-compatible with xxh64): 8-byte lanes multiplied by 64-bit primes and
 * rotated, then the murmur3 fmix64 finalizer so every input bit reaches
 * every output bit.  Seeded; not cryptographic.  Shingle hashes combine the
 * n word hashes in order (order matters) and finalize again.
 */
#ifndef PC_SHINGLE_H
#define PC_SHINGLE_H

#include "pc.h"

#ifdef __cplusplus
extern "C" {
#endif

#define PC_SHINGLE_MAX_NGRAM 64

/* Seeded 64-bit hash of `len` bytes. */
uint64_t pc_hash64(const void *data, size_t len, uint64_t seed);

/* Words of one text.  All arrays are owned by the struct and freed by
 * pc_tokens_free with the same pc_mem.  A zeroed struct is a valid empty
 * value; pc_words may be called again on the same struct to reuse its
 * buffers (it resets n). */
typedef struct pc_tokens {
    size_t n;          /* number of words */
    uint64_t *hash;    /* [n] pc_hash64 of the folded word, seeded */
    size_t *start;     /* [n] byte offset of the word in the input */
    size_t *end;       /* [n] byte offset one past the word */
    char *folded;      /* only with PC_WORDS_KEEP_FOLDED: folded words, each NUL-terminated */
    size_t *foff;      /* only with PC_WORDS_KEEP_FOLDED: [n] offset of word i in `folded` */
    /* private: capacities and scratch */
    size_t cap[4], fcap, flen, scap;
    int32_t *scratch;
} pc_tokens;

enum { PC_WORDS_KEEP_FOLDED = 1 };

/* Tokenize and fold `text` (`len` bytes, any bytes accepted).  On error the
 * struct stays valid (and must still be freed) but its content is
 * unspecified.  Errors: PC_ENOMEM, PC_EOVERFLOW. */
int pc_words(const pc_mem *mem, const char *text, size_t len, uint64_t seed, int flags,
                pc_tokens *out);
void pc_tokens_free(const pc_mem *mem, pc_tokens *t);

/* Hash of the word n-gram tok[0..n-1]. */
uint64_t pc_shingle_hash(const uint64_t *tok, size_t n, uint64_t seed);

/* Word n-gram shingle hashes of a token-hash sequence, written to *out
 * (grown with pc_grow; *cap is its capacity; caller owns and frees *out with
 * mem->free).  ntok < ngram gives one shingle of all ntok words; ntok == 0
 * gives none.  With `sorted_unique` the result is sorted ascending without
 * repeats (a set, as pc_jaccard needs); otherwise it is in text order.
 * Errors: PC_EINVAL (ngram 0 or > PC_SHINGLE_MAX_NGRAM), PC_ENOMEM. */
int pc_shingles(const pc_mem *mem, const uint64_t *tok, size_t ntok, unsigned ngram, uint64_t seed,
                int sorted_unique, uint64_t **out, size_t *nout, size_t *cap);

/* Sort `n` values ascending, in place (introsort). */
void pc_u64_sort(uint64_t *v, size_t n);

/* Sort `n` values ascending and drop repeats in place; returns the new length. */
size_t pc_u64_sort_unique(uint64_t *v, size_t n);

/* Exact Jaccard |A & B| / |A | B| of two sorted, repeat-free sets; two empty
 * sets give 0 (nothing to be similar about). */
double pc_jaccard(const uint64_t *a, size_t na, const uint64_t *b, size_t nb);


#ifdef __cplusplus
}
#endif
#endif
