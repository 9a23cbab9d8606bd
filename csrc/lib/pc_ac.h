/*
 * pc_ac.h - Aho-Corasick automaton over bytes.
 *
 * Two objects, because building and matching have different lifetimes: a
 * mutable `pc_ac_builder` collects (pattern, id) pairs; pc_ac_build() turns
 * it into an immutable `pc_ac`.  The automaton is never written after it is
 * built, so one `pc_ac` may be scanned by any number of threads at once
 * without locks (the scan state lives on the caller's stack).
 *
 * Layout (why it is fast and small): states are numbered in breadth-first
 * order, so a scan that keeps falling back to shallow states stays in a few
 * cache lines.  The root and the first 1024 states after it (the shallowest,
 * visited at almost every step) have full 256-entry rows; every other state
 * keeps its outgoing edges as a sorted run of (byte, target) pairs, which in
 * a dictionary of names is almost always one edge.  Failure links are precomputed; "dictionary" links jump straight
 * to the next shorter suffix state that ends a pattern, so reporting all
 * overlapping matches costs time proportional to the matches, not the depth.
 *
 * Patterns are raw bytes: callers decide the normalisation (pc_gazetteer
 * case-folds).  Several patterns may be equal; each id is reported.
 *
 * Limits: a pattern must be non-empty (PC_EINVAL) and the total pattern
 * bytes must stay below UINT32_MAX (PC_ETOOBIG).
 */
#ifndef PC_AC_H
#define PC_AC_H

#include "pc.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct pc_ac_builder pc_ac_builder;
typedef struct pc_ac pc_ac;

/* *out receives a builder owned by the caller (free with
 * pc_ac_builder_free).  Errors: PC_ENOMEM, PC_EINVAL (NULL argument). */
int pc_ac_builder_new(const pc_mem *mem, pc_ac_builder **out);

/* Frees the builder and the pattern copies it holds.  NULL is a no-op. */
void pc_ac_builder_free(pc_ac_builder *b);

/* Copies `len` bytes of `pat`; the caller keeps `pat`.  On error the builder
 * is unchanged.  Errors: PC_EINVAL (len == 0 or NULL), PC_ENOMEM,
 * PC_ETOOBIG. */
int pc_ac_builder_add(pc_ac_builder *b, const uint8_t *pat, size_t len, uint32_t id);

/* Number of patterns added so far. */
size_t pc_ac_builder_count(const pc_ac_builder *b);

/* Builds an automaton from the builder's current patterns (the builder is
 * not modified and can be extended and built again).  *out is owned by the
 * caller: free with pc_ac_free.  Zero patterns give a valid automaton that
 * never matches.  Errors: PC_ENOMEM, PC_EINVAL. */
int pc_ac_build(const pc_ac_builder *b, pc_ac **out);

/* NULL is a no-op. */
void pc_ac_free(pc_ac *ac);

/* Called once per (match, id): text[start, end) equals pattern `id`.
 * Matches arrive in order of `end`; at equal ends, longer patterns first.
 * Return 0 to continue; any other value stops the scan and is returned by
 * pc_ac_scan (so a callback can propagate PC_ENOMEM). */
typedef int (*pc_ac_cb)(void *ud, size_t start, size_t end, uint32_t id);

/* Reports every (possibly overlapping) occurrence of every pattern.  Reads
 * the automaton only.  Returns PC_OK or the callback's non-zero value. */
int pc_ac_scan(const pc_ac *ac, const uint8_t *text, size_t len, pc_ac_cb cb, void *ud);

/* Reports every pattern that text[pos, ...) starts with (shortest first),
 * by walking the trie from the root without failure links.  A caller that
 * only accepts matches at known start positions (pc_gazetteer: word starts)
 * calls this at those positions instead of scanning every byte: cost per
 * call is the length of the longest pattern prefix found there, usually a
 * few bytes, whatever the number of patterns.  Returns PC_OK, PC_EINVAL or
 * the callback's non-zero value. */
int pc_ac_prefixes(const pc_ac *ac, const uint8_t *text, size_t len, size_t pos, pc_ac_cb cb, void *ud);

/* mask[c] = 1 if some pattern starts with byte c (lets a caller skip
 * positions without a call). */
void pc_ac_first_bytes(const pc_ac *ac, uint8_t mask[256]);

/* Introspection for benchmarks and tests. */
size_t pc_ac_states(const pc_ac *ac);
size_t pc_ac_memory(const pc_ac *ac); /* bytes held by the automaton */
size_t pc_ac_max_len(const pc_ac *ac); /* longest pattern, in bytes */

#ifdef __cplusplus
}
#endif
#endif
