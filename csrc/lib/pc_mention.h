/*
 * pc_mention.h - the per-document finishing of entity mentions: what turns
 * the spans of pc_entity_extract into the mentions a user sees.
 *
 *  1. Tagger spans lose trailing punctuation and a possessive ("Aliyev's").
 *  2. Tagger spans the model is known to get wrong on news pages are
 *     dropped: anything in a title/heading paragraph or a headline-case
 *     line, contractions ("I'm"), "OK", a lone sentence-initial adverb;
 *     a sentence-initial adverb ("Later Tolmajyan") and an honorific
 *     ("Mr Brown") are cut off a name.
 *  3. A surname the tagger found in a full name is also a PERSON where it
 *     appears alone later in the document and nothing else claimed it.
 *  4. Roles: a title before a person ("Armenian Foreign Minister Ararat
 *     Mirzoyan", with its country/nationality modifiers) or an appositive
 *     after it (", the Armenian ambassador in Paris,", kept when it holds
 *     a role word such as "ambassador" or "analyst").
 *  5. Canonical names within the document: acronyms defined in the text
 *     ("Radio Free Europe/Radio Liberty (RFE/RL)", "CSTO (Collective
 *     Security Treaty Organization)") map to the long form; a surname
 *     alone ("Aliyev"), or one spelled differently ("Mirzoian") or with a
 *     one-letter typo ("Blinkin") maps to the full name given in the same
 *     document, when exactly one person fits; every mention of a person
 *     gets the role given at any of its mentions.
 *
 * Why in C: these rules look at every mention and at the text around it.
 * Written in Python they cost as much as the whole C extraction on short
 * news articles; here they are a few percent of it, and the binding keeps
 * the GIL released for the whole document.
 *
 * Strings are not built here: a canonical name is a reference, either to a
 * gazetteer entry (whose canonical name the caller holds) or to a span of
 * the text; a role is a span of the text that still needs its white space
 * collapsed (" ".join(role.split()) in Python terms).  The caller passes the
 * gazetteer's canonical names as one UTF-8 blob (pc_mention_names) because
 * surname resolution compares them with names from the text.
 *
 * Ownership: the result owns its array (pc_mention_result_free); inputs are
 * only read, so threads may share them.  Errors: PC_EINVAL (NULL or
 * inconsistent arguments, a gazetteer entry outside the names table),
 * PC_ENOMEM; on error the result is empty but valid for _free.
 */
#ifndef PC_MENTION_H
#define PC_MENTION_H

#include "pc.h"
#include "pc_buf.h"
#include "pc_entity.h"
#include "pc_segment.h"

#ifdef __cplusplus
extern "C" {
#endif

/* canonical kinds */
enum { PC_CANON_NONE = 0, PC_CANON_ENTRY = 1, PC_CANON_TEXT = 2 };

typedef struct {
    uint32_t start, end;         /* bytes; code points after pc_mention_to_cp */
    uint32_t tok_start, tok_end;
    uint32_t label;              /* PC_ENT_* or a user gazetteer label */
    int32_t source;              /* gazetteer entry, PC_ENT_SRC_TAGGER or PC_ENT_SRC_NUMEX */
    int32_t sentence;            /* last sentence starting at or before `start`, -1 */
    uint32_t canon_kind;         /* PC_CANON_* */
    uint32_t canon_a, canon_b;   /* ENTRY: entry index in canon_a; TEXT: text[canon_a, canon_b) */
    int32_t entity_id;           /* gazetteer entry whose entity id applies, -1 */
    uint32_t has_role;
    uint32_t role_a, role_b;     /* text[role_a, role_b), white space not yet collapsed */
    float score;                 /* confidence in [0, 1] (pc_entity.score) */
} pc_mention;

typedef struct {
    pc_mention *v;
    size_t n, cap;
} pc_mention_result;

/* The gazetteer entries' canonical names: entry i is
 * blob[off[i], off[i + 1]) (UTF-8); has_eid[i] holds the entry's
 * PC_ENT_ENTRY_* flags (bit PC_ENT_ENTRY_EID when it has an entity id).
 * n == 0 (all NULL) when there is no gazetteer. */
typedef struct {
    const char *blob;
    const uint32_t *off;
    const uint8_t *has_eid;
    size_t n;
} pc_mention_names;

/* Finish the raw spans `raw` (from pc_entity_extract, byte offsets, sorted)
 * of one document.  `para_kind[p]` is the kind of paragraph p (sentences
 * name their paragraph); `title_label` marks the role rows of `raw`. */
int pc_mention_finish(const pc_mem *mem, const char *text, size_t len, const pc_token *toks, size_t ntok,
                      const pc_sentence *sents, size_t nsent, const uint32_t *para_kind, size_t npara,
                      const pc_entity_result *raw, uint32_t title_label, const pc_mention_names *names,
                      pc_mention_result *out);

/* Rewrites every byte offset of `r` (spans, canonical text spans, roles) as
 * a code-point offset into the same text.  PC_ENOMEM (r unchanged) or PC_OK. */
int pc_mention_to_cp(const pc_mem *mem, const char *text, size_t len, pc_mention_result *r);

void pc_mention_result_free(const pc_mem *mem, pc_mention_result *r);

#ifdef __cplusplus
}
#endif
#endif
