/*
 * pc_lowtok.h - tokens as lowercase ASCII words, cached around a scan
 * position, for the rule-based scanners (pc_time, pc_event) that compare
 * the same few tokens against many word lists.
 *
 * A token reads as its bytes with ASCII letters lowercased, an abbreviation's
 * final period dropped ("Jan." -> "jan") and curly apostrophes as "'"; a
 * token longer than PC_LOWTOK_MAX - 1 bytes reads as "" (no word of ours is
 * that long).  The cache keeps PC_LOWTOK_SLOTS tokens keyed by index: a scan
 * that looks at most that many tokens around its position computes each
 * token once.  It lives on the caller's stack (no allocation, no global
 * state); pc_lowtok_init before the first use.
 *
 * Also the English number words both scanners read: pc_lowtok_ones
 * ("zero" .. "nineteen", index = value) and pc_lowtok_tens ("twenty" ..
 * "ninety", index k = 20 + 10k), NULL-terminated, read-only.
 */
#ifndef PC_LOWTOK_H
#define PC_LOWTOK_H

#include "pc.h"
#include "pc_segment.h"

#define PC_LOWTOK_MAX 24
#define PC_LOWTOK_SLOTS 64

typedef struct pc_lowtok {
    const char *text;
    const pc_token *toks;
    size_t ntok;
    size_t idx[PC_LOWTOK_SLOTS]; /* token index + 1; 0 = empty */
    char s[PC_LOWTOK_SLOTS][PC_LOWTOK_MAX];
} pc_lowtok;

void pc_lowtok_init(pc_lowtok *c, const char *text, const pc_token *toks, size_t ntok);

/* Token i lowercased; "" when i >= ntok. */
const char *pc_lowtok_get(pc_lowtok *c, size_t i);

extern const char *const pc_lowtok_ones[];
extern const char *const pc_lowtok_tens[];

/* Index of w in a NULL-terminated word list, -1 if absent. */
int pc_lowtok_index(const char *w, const char *const *list);

#endif
