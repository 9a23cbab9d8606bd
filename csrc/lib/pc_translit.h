/*
 * pc_translit.h - spelling-insensitive keys for transliterated names, and
 * the keys one edit away from a name.
 *
 * Why: outlets spell the same Armenian or Azerbaijani name differently
 * (Mirzoyan/Mirzoian, Naxçıvan/Nakhchivan/Naxcivan) and captions carry
 * typos ("Blinkin").  A key that folds the transliteration alternatives
 * makes the spellings one string; the one-edit search finds typos of a
 * known key.  pc_mention uses both within a document; the Python
 * cross-document merge (peacecorpus.entities.canonicalize) uses the key.
 *
 * Ownership: results go into caller-owned buffers/maps; nothing is kept.
 * Errors: PC_ENOMEM, PC_EUTF8 (invalid UTF-8 in a name), PC_EINVAL.
 */
#ifndef PC_TRANSLIT_H
#define PC_TRANSLIT_H

#include "pc.h"
#include "pc_buf.h"
#include "pc_strmap.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The key of s[0, n), appended to `out`: case-folded (pc_gaz_fold),
 * Azerbaijani letters spelled out (ə a, ç ch, ş sh, ğ gh), diacritics
 * removed, possessive 's and punctuation dropped, transliteration
 * alternatives unified (x/kh/h, y/i, ou/u, j/dj, w/v, c before i/e as ch),
 * letter runs collapsed, white space single.  "Mirzoyan" and "Mirzoian"
 * get one key, and so do "Naxçıvan" and "Nakhchivan". */
int pc_translit_key(const pc_mem *mem, const char *s, size_t n, pc_buf *out);

/* 1 when a and b (UTF-8, at most 256 code points each) are at most one
 * substitution, insertion or deletion apart, counted in code points. */
int pc_translit_edit1(const char *a, size_t na, const char *b, size_t nb);

/* Symmetric-delete index of the keys of `keys` with at least 6 code
 * points, into `dels` (variant -> items: slots of `keys`); `tmp` is
 * scratch.  Two strings one edit apart share a variant, so
 * pc_translit_near_one finds a name's typo neighbours without comparing it
 * with every key: a document listing thousands of names stays linear. */
int pc_translit_near_index(const pc_mem *mem, const pc_strmap *keys, pc_strmap *dels, pc_buf *tmp);

/* The one slot of `keys` whose key has at least 6 code points, the same
 * first code point as k[0, n) and is one edit from it, in *out; -1 when
 * there is none or more than one.  `dels` comes from
 * pc_translit_near_index over the same keys. */
int pc_translit_near_one(const pc_mem *mem, const pc_strmap *keys, const pc_strmap *dels, const char *k, size_t n,
                         pc_buf *tmp, int32_t *out);

#ifdef __cplusplus
}
#endif
#endif
