/*
 * pc_gazetteer.h - dictionary (gazetteer) matching of names in text.
 *
 * A gazetteer is a list of entries (surface string, label id, entry id, case
 * rule).  As with pc_ac, building and matching are separate objects: the
 * mutable `pc_gaz` collects entries, pc_gaz_compile() makes an immutable
 * `pc_gaz_matcher` that owns copies of everything it needs, so the `pc_gaz`
 * can keep changing (users add entries at run time) while matchers compiled
 * earlier keep serving other threads.  A matcher is read-only during
 * matching: any number of threads may match with one matcher at once.
 *
 * Matching is case-insensitive on a case-folded copy of the text (utf8proc
 * casefold, plus a few unifications a reader would not notice: the Turkic
 * dotted/dotless i (U+0130, U+0131) fold to "i" because upper-case
 * Azerbaijani "NAXÇIVAN" loses the distinction; typographic apostrophes to
 * "'", Unicode dashes to "-", no-break and other spaces to " ").  Offsets in
 * the folded copy are mapped back to byte offsets of the original text.
 * Because a hit may never start inside a word, the matcher does not run the
 * Aho-Corasick automaton over every byte: it walks the automaton's trie from
 * each position that is not inside a word (pc_ac_prefixes), which visits
 * about one position in five and needs no failure links.
 *
 * A hit is kept only if
 *  - it does not start or end inside a word: when the surface starts
 *    (ends) with a word character (a letter, mark or digit by Unicode
 *    category) the text character before (after) the hit must not be one;
 *  - it satisfies the entry's case rule, checked on the original text:
 *      PC_GAZ_CASE_ANY    any case ("foreign minister", "Foreign Minister");
 *      PC_GAZ_CASE_EXACT  every letter has the case of the surface
 *                         ("US" but not "us", "UN" but not French "un");
 *      PC_GAZ_CASE_TITLE  the first letter is upper/title case ("Turkey"
 *                         but not "turkey", "May" but not "may");
 *      PC_GAZ_CASE_AUTO   decided from the surface when it is added:
 *                         acronyms (no lower-case letter, 1-4 letters) ->
 *                         EXACT; surfaces whose first letter is upper case
 *                         -> TITLE; otherwise ANY.
 *
 * Selection: by default leftmost-longest, non-overlapping (what an entity
 * tagger wants); with PC_GAZ_OVERLAPPING every kept hit is returned (what a
 * feature extractor wants).  Hits are sorted by start, then longer first,
 * then by entry index descending; when several entries have the same span
 * the non-overlapping selection keeps the one added last, so entries added
 * by a user override bundled ones.
 *
 * Offsets are byte offsets into the text; pc_gaz_hits_to_cp converts them to
 * code-point offsets (Python str indices).
 */
#ifndef PC_GAZETTEER_H
#define PC_GAZETTEER_H

#include "pc.h"

#ifdef __cplusplus
extern "C" {
#endif

enum {
    PC_GAZ_CASE_AUTO = 0,
    PC_GAZ_CASE_ANY = 1,
    PC_GAZ_CASE_EXACT = 2,
    PC_GAZ_CASE_TITLE = 3
};

/* flags of pc_gaz_match */
enum { PC_GAZ_OVERLAPPING = 1 };

typedef struct pc_gaz pc_gaz;
typedef struct pc_gaz_matcher pc_gaz_matcher;

typedef struct {
    size_t start, end; /* [start, end) in bytes, or code points after pc_gaz_hits_to_cp */
    uint32_t entry;    /* entry index: order of pc_gaz_add, from 0 */
} pc_gaz_hit;

/* A growable result array owned by the caller.  Zero-initialise it, pass it
 * to any number of pc_gaz_match calls (each overwrites it), then free it with
 * pc_gaz_hits_free and the allocator of the matcher. */
typedef struct {
    pc_gaz_hit *v;
    size_t n, cap;
} pc_gaz_hits;

void pc_gaz_hits_free(const pc_mem *mem, pc_gaz_hits *hits);

/* *out is owned by the caller; free with pc_gaz_free.  Errors: PC_EINVAL,
 * PC_ENOMEM. */
int pc_gaz_new(const pc_mem *mem, pc_gaz **out);
void pc_gaz_free(pc_gaz *g); /* NULL is a no-op */

/* Adds an entry; the surface is copied.  *index (may be NULL) receives the
 * entry index that hits report.  Errors: PC_EINVAL (empty surface, a surface
 * that folds to nothing, case rule out of range, NUL byte), PC_EUTF8
 * (invalid UTF-8), PC_ENOMEM, PC_ETOOBIG (more than UINT32_MAX - 2 entries
 * or surface bytes).  On error the gazetteer is unchanged. */
int pc_gaz_add(pc_gaz *g, const char *surface, size_t len, uint32_t label, uint32_t entry,
               int case_rule, uint32_t *index);

size_t pc_gaz_count(const pc_gaz *g);

/* The rule of entry `index` after AUTO was resolved, or PC_EINVAL. */
int pc_gaz_case_rule(const pc_gaz *g, uint32_t index);

/* Compiles the current entries.  *out is owned by the caller (free with
 * pc_gaz_matcher_free) and does not refer to `g` afterwards.  Errors:
 * PC_EINVAL, PC_ENOMEM. */
int pc_gaz_compile(const pc_gaz *g, pc_gaz_matcher **out);
void pc_gaz_matcher_free(pc_gaz_matcher *m); /* NULL is a no-op */

size_t pc_gaz_matcher_count(const pc_gaz_matcher *m);
size_t pc_gaz_matcher_memory(const pc_gaz_matcher *m); /* bytes held */

/* The allocator the matcher uses (also for the arrays of pc_gaz_match, so
 * callers free hits with it). */
const pc_mem *pc_gaz_matcher_mem(const pc_gaz_matcher *m);

/* Label and entry id of entry `index`.  Errors: PC_EINVAL. */
int pc_gaz_matcher_entry(const pc_gaz_matcher *m, uint32_t index, uint32_t *label, uint32_t *entry);

/* Matches `text` (UTF-8; invalid bytes never match and count as non-word
 * characters) and overwrites `out` with the hits.  Allocates only temporary
 * buffers of about the size of the text and the result; uses the matcher's
 * allocator.  On error `out` holds no meaningful hits but stays valid for
 * pc_gaz_hits_free.  Errors: PC_EINVAL, PC_ENOMEM. */
int pc_gaz_match(const pc_gaz_matcher *m, const char *text, size_t len, int flags, pc_gaz_hits *out);

/* Rewrites the byte offsets of `hits` (sorted by start, as pc_gaz_match
 * returns them, all within text[0, len)) as code-point offsets: the number
 * of UTF-8 lead bytes before each offset.  Cost O(len + total hit length). */
void pc_gaz_hits_to_cp(const char *text, size_t len, pc_gaz_hits *hits);

/* The case folding used for matching, exposed for tests and for callers that
 * build their own patterns (benchmarks).  *out is NUL-terminated, owned by
 * the caller, freed with mem->free.  Errors: PC_EINVAL, PC_ENOMEM. */
int pc_gaz_fold(const pc_mem *mem, const char *s, size_t len, char **out, size_t *outlen);

#ifdef __cplusplus
}
#endif
#endif
