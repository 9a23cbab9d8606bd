/*
 * pc_strmap.h - a map from byte strings to slots, in insertion order, each
 * slot with a value and an ordered list of int32 items.
 *
 * Why its own file: the per-document name rules (pc_mention) keep several
 * such maps (surnames, acronyms, full names by surname, transliteration
 * keys, one-edit variants) and need both lookups and the insertion order
 * Python's dict gives, so that the rules visit names in the order of the
 * text.  Keys are copied into the map, so callers may pass scratch buffers.
 *
 * Ownership: a zero-initialised pc_strmap is empty and valid; the map owns
 * everything it allocates (pc_strmap_free, with the pc_mem of the calls).
 * Fields are public for reading: slot s has value slot[s].val (the caller's,
 * -1 when created) and its items are item[i] for i = slot[s].head,
 * next[i], ... until -1.  Errors: PC_ENOMEM, PC_ELIMIT (2^30 slots).
 */
#ifndef PC_STRMAP_H
#define PC_STRMAP_H

#include "pc.h"
#include "pc_buf.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
    size_t off, len; /* key in keys.data */
    uint64_t hash;
    int32_t val;     /* the caller's value */
    int32_t head, tail; /* item list, -1 when empty */
} pc_strmap_slot;

typedef struct {
    pc_strmap_slot *slot; /* insertion order */
    size_t n, cap;
    int32_t *table;       /* open addressing over slot indices, -1 empty */
    size_t tcap;
    pc_buf keys;
    int32_t *next, *item; /* item lists */
    size_t nitem, ncap, icap;
} pc_strmap;

/* The slot of key k[0, n), or -1. */
int32_t pc_strmap_find(const pc_strmap *m, const char *k, size_t n);

/* The slot of key k[0, n) in *slot, created (val -1, no items) if absent. */
int pc_strmap_get(const pc_mem *mem, pc_strmap *m, const char *k, size_t n, int32_t *slot);

/* Appends `item` to the list of `slot`. */
int pc_strmap_push(const pc_mem *mem, pc_strmap *m, int32_t slot, int32_t item);

/* The key of `slot` (not NUL-terminated) and its length. */
const char *pc_strmap_key(const pc_strmap *m, int32_t slot, size_t *n);

void pc_strmap_free(const pc_mem *mem, pc_strmap *m);

#ifdef __cplusplus
}
#endif
#endif
