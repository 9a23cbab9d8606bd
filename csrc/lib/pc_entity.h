/*
 * pc_entity.h - named-entity extraction for one document: gazetteer hits,
 * the statistical tagger and the numeric rules merged into one list of
 * OntoNotes-labelled spans.
 *
 * Why one call per document: the three sources all need the same byte
 * offsets, tokens and sentences, and their merge needs to know which tokens
 * each source claimed.  Doing it in one pass in C keeps the per-document
 * cost at a few microseconds per sentence and lets the binding release the
 * GIL for the whole extraction.
 *
 * Pipeline:
 *  1. The gazetteer matcher (leftmost-longest) gives the dictionary hits.
 *     Hits whose label is `title_label` are roles ("Foreign Minister"): they
 *     are returned (source = entry index, label = title_label) so the caller
 *     can attach roles, but they are not entities; tagger spans that overlap
 *     them are trimmed to the tokens outside them.
 *  2. The tagger's external feature is computed as it was in training:
 *     1 on the first token of a place name, 2 on the following tokens.  The
 *     place names come from `place` (a matcher over the list the model was
 *     trained with) or, when it is NULL, from the gazetteer hits labelled
 *     GPE or LOC.  Only hits that start and end on token boundaries count.
 *  3. Each sentence is tagged (with cfg->window only the windows around
 *     capitalised words no dictionary entry claimed, with 3 tokens of
 *     context on the left and 2 on the right: names are capitalised, and
 *     the tagger is most of the cost; on the seeds and BBC news this finds
 *     the same entities as tagging whole sentences in all but a handful of
 *     cases, at about twice the speed); BIO spans are mapped to OntoNotes labels:
 *     PER -> PERSON, ORG -> ORG, LOC -> GPE (LOC when the last word is a
 *     geographic feature such as "Sea", "Mountains", "Caucasus"), MISC ->
 *     NORP for one-word demonym shapes, EVENT for "... War/Summit/...",
 *     LAW for "... Treaty/Accords/...", otherwise dropped (MISC has no
 *     reliable OntoNotes counterpart).
 *  4. Merge: gazetteer entities always win; a tagger span that overlaps a
 *     gazetteer entity is dropped, unless it is ORG or PERSON, strictly
 *     contains every gazetteer hit it overlaps, and those hits are all
 *     GPE/NORP/LOC (the "Armenian Foreign Ministry" case): then the tagger
 *     span replaces them (flag PC_ENT_WIDEN) -- only with cfg->widen: on
 *     the seeds it turned "International Cooperation of Sierra Leone" and
 *     "Azerbaijani and Armenian" into ORGs and fixed nothing, so it is off
 *     by default.
 *  5. Numeric/temporal expressions (pc_numex) fill tokens nobody claimed.
 *
 * Everything returned is sorted by start and non-overlapping.  The result
 * owns its array (pc_entity_result_free).  Objects passed in are only read,
 * so any number of threads may extract with the same matcher and tagger.
 */
#ifndef PC_ENTITY_H
#define PC_ENTITY_H

#include "pc.h"
#include "pc_gazetteer.h"
#include "pc_segment.h"
#include "pc_tagger.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Label ids: the order of peacecorpus.gazetteer.LABELS (the gazetteer uses
 * the same ids, so its hits need no mapping). */
enum {
    PC_ENT_PERSON = 0, PC_ENT_NORP, PC_ENT_FAC, PC_ENT_ORG, PC_ENT_GPE, PC_ENT_LOC,
    PC_ENT_PRODUCT, PC_ENT_EVENT, PC_ENT_WORK_OF_ART, PC_ENT_LAW, PC_ENT_LANGUAGE,
    PC_ENT_DATE, PC_ENT_TIME, PC_ENT_PERCENT, PC_ENT_MONEY, PC_ENT_QUANTITY,
    PC_ENT_ORDINAL, PC_ENT_CARDINAL, PC_ENT_TITLE, PC_ENT_NLABELS
};

/* source values other than a gazetteer entry index */
#define PC_ENT_SRC_TAGGER (-1)
#define PC_ENT_SRC_NUMEX (-2)

/* flags */
enum { PC_ENT_WIDEN = 1 };

/* Per gazetteer entry flags (pc_entity_config.entry_flags): EID, the entry
 * has an entity id (used by pc_mention); WEAK, the name often names
 * something else too -- a city is also a football club or a company
 * ("Chelsea", "Leeds"), so a sure tagger ORG/PERSON on exactly its words
 * wins over it. */
enum { PC_ENT_ENTRY_EID = 1, PC_ENT_ENTRY_WEAK = 2 };

typedef struct {
    uint32_t start, end;         /* bytes, or code points after pc_entity_to_cp */
    uint32_t tok_start, tok_end; /* token range covering the span */
    uint32_t label;              /* PC_ENT_* or a user gazetteer label id */
    int32_t source;              /* gazetteer entry index, PC_ENT_SRC_TAGGER or _NUMEX */
    uint32_t flags;
    float score;                 /* confidence in [0, 1]: tagger margin, gazetteer/rule certainty */
} pc_entity;

typedef struct {
    pc_entity *v;
    size_t n, cap;
} pc_entity_result;

typedef struct {
    const pc_gaz_matcher *gaz;   /* entity + title dictionary; may be NULL */
    const pc_gaz_matcher *place; /* tagger ext places; NULL: GPE/LOC hits of gaz */
    const pc_tagger *tagger;     /* may be NULL (dictionary + rules only) */
    uint32_t title_label;        /* gazetteer label of roles (PC_ENT_TITLE) */
    int numex;                   /* 1: add numeric/temporal expressions */
    int widen;                   /* 1: ORG/PERSON tagger spans may replace contained places */
    int window;                  /* 1: tag only windows around capitalised free tokens */
    const uint8_t *entry_flags;  /* PC_ENT_ENTRY_* per gazetteer entry index; NULL: none */
    size_t n_entry_flags;
} pc_entity_config;

/* Longest run of tokens tagged in one call.  A window grows while
 * capitalised words follow each other, and a sentence without windows is
 * tagged whole; a run of a million capitalised words ('A A A ...') or a
 * sentence that never ends would otherwise reach the tagger's own limit
 * (PC_TAGGER_MAX_TOKENS) and cost the document all its entities.  Longer
 * runs are tagged in pieces of at most this many tokens, cut where a token
 * is not capitalised when there is one in the last half of the piece, so
 * names in well-formed text are never cut (the longest window of the
 * 2,225 BBC News articles of ../shared/eval has 239 tokens). */
#define PC_ENT_MAX_WINDOW 512u

/* Static label name ("PERSON", ...), "" beyond PC_ENT_TITLE. */
const char *pc_entity_label(uint32_t label);

/* Extract the entities of one document.  `toks`/`sents` are the document's
 * tokens and sentences (byte offsets into text[0, len), as pc_segment makes
 * them).  `out` (zero-initialised or from an earlier call) is overwritten.
 * Scratch memory and `out` come from `mem`.  Errors: PC_EINVAL (NULL
 * arguments, tokens/sentences out of range), PC_ENOMEM, errors of the
 * tagger and matcher; on error `out` holds nothing meaningful but stays
 * valid for pc_entity_result_free. */
int pc_entity_extract(const pc_entity_config *cfg, const pc_mem *mem, const char *text, size_t len,
                      const pc_token *toks, size_t ntok, const pc_sentence *sents, size_t nsent,
                      pc_entity_result *out);

/* Rewrites byte offsets of `r` (sorted, non-overlapping, as returned) as
 * code-point offsets into the same text. */
void pc_entity_to_cp(const char *text, size_t len, pc_entity_result *r);

void pc_entity_result_free(const pc_mem *mem, pc_entity_result *r);

#ifdef __cplusplus
}
#endif
#endif
