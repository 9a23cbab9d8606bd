/*
 * pc_align.h - text-reuse alignment: passages of one document that come from
 * another, tolerant of light rewording (in the spirit of passim).
 *
 * Method.  Anchors are word n-grams (`anchor` words, folded, pc_shingle.h)
 * that occur exactly once in each of the two documents; repeated n-grams are
 * ambiguous and boilerplate, so they are not used to place passages.
 * Anchors are chained greedily in B order: an anchor continues an open
 * chain when it moves forward in both documents by at most `max_gap` words
 * past the chain's last anchor (so inserted, deleted or replaced words up to
 * that length are bridged), preferring the chain on the nearest diagonal.
 * Each chain's box is extended at both ends while the words agree, hopping
 * over up to 4 unmatched words on either side when 3 words agree after the
 * hop (edits near a passage end, where no anchor fits), then scored with a
 * longest-common-subsequence alignment of the two boxes: `words` is the LCS
 * length (matching words in order) and `identity` = 2*words / (len_a + len_b),
 * the fraction of words of both sides that align.  Chains with fewer than
 * `min_words` matching words are dropped.
 *
 * Across a corpus (pc_reuse), pairs to align are those sharing at least two
 * anchor n-grams, found by sorting (n-gram, document) keys; n-grams found in
 * more than `max_df` documents (boilerplate) are ignored for that purpose.
 * Bounded: each document is aligned with at most `max_partners` others, those
 * sharing the most n-grams (ties: the earlier document), so a corpus of N
 * documents needs at most N * max_partners alignments however many copies
 * of one article it holds; the counting visits at most max_df postings per
 * n-gram of each document.  Memory: 16 bytes per distinct n-gram of the
 * corpus; the words of only two documents at a time.
 */
#ifndef PC_ALIGN_H
#define PC_ALIGN_H

#include "pc.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct pc_align_params {
    unsigned anchor;  /* anchor n-gram length, 1..PC_SHINGLE_MAX_NGRAM (default 4) */
    size_t min_words; /* minimum matching words of a passage (default 8) */
    size_t max_gap;   /* longest run of unmatched words bridged inside a passage (default 20) */
    size_t max_df;    /* pc_reuse: ignore anchors in more documents than this (default 50) */
    size_t max_partners; /* pc_reuse: documents aligned with each document, at most (default
                          * 5; 0 = every document sharing >= 2 n-grams) */
    uint64_t seed;    /* token hash seed (default 1) */
} pc_align_params;

/* Fill p with the defaults above. */
void pc_align_defaults(pc_align_params *p);

typedef struct pc_passage {
    uint32_t a, b;           /* document indices (pc_reuse); 0, 1 from pc_align_pair */
    size_t a_start, a_end;   /* pc_align_pair: word indices [start, end); pc_reuse: code points */
    size_t b_start, b_end;
    size_t words;            /* matching words (LCS of the two spans) */
    double identity;         /* 2 * words / (a words + b words) */
} pc_passage;

/* Align two word-hash sequences; passages are appended to *out (grown with
 * pc_grow, *cap its capacity; caller frees *out with mem->free), ordered by
 * b_start.  Errors: PC_EINVAL (bad params), PC_ENOMEM. */
int pc_align_pair(const pc_mem *mem, const uint64_t *ta, size_t na, const uint64_t *tb, size_t nb,
                  const pc_align_params *p, pc_passage **out, size_t *nout, size_t *cap);

/* All reused passages between documents of a corpus, a < b, offsets in code
 * points of the texts.  *out allocated with mem (caller frees with
 * mem->free; NULL when none).  Errors: PC_EINVAL (bad params or more than
 * 2^24 documents), PC_ENOMEM, PC_EOVERFLOW. */
int pc_reuse(const pc_mem *mem, const char *const *texts, const size_t *lens, size_t ndocs,
             const pc_align_params *p, pc_passage **out, size_t *nout);

#ifdef __cplusplus
}
#endif
#endif
