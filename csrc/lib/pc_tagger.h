/*
 * pc_tagger.h - averaged-perceptron named-entity tagger (greedy, BIO).
 *
 * Why a perceptron and not a CRF or a neural model: it trains in minutes on
 * one core from C, needs no model download beyond a few MB of int16 weights
 * shipped in the package, and tags a sentence in microseconds.  Decoding is
 * greedy left to right with the two previous *predicted* labels as features
 * (trained the same way, so the model learns to recover from its own
 * mistakes) and a hard BIO constraint: I-X may only follow B-X or I-X.
 *
 * The tagger knows nothing about tokenization: the caller passes the UTF-8
 * text of one sentence and the byte spans of its tokens.  All features are
 * computed here from the token bytes (casefolded form, affixes, word shape,
 * flags, neighbours, title cues) and hashed into a table of
 * 2^log2_buckets rows of PC_TAGGER_NLABELS weights each.  An optional
 * per-token int32 array of "external" feature values (for instance the
 * label id of a gazetteer hit, 0 = none) lets callers add knowledge the
 * model cannot see in the bytes; a model must then be used with the same
 * kind of ext values it was trained with.
 *
 * Life cycle.  pc_tagger_new() makes a *trainer* (float weights plus the
 * accumulators needed for averaging).  pc_tagger_train_sentence() does one
 * online update.  pc_tagger_finalize() averages, quantizes to int16 with one
 * per-model scale and drops the training state; pc_tagger_averaged() does the
 * same into a new object and leaves the trainer going (per-epoch
 * evaluation).  A finalized model (also the result of pc_tagger_load) is
 * immutable: pc_tagger_tag() only reads it, so one model may tag from many
 * threads at once.  Tagging is refused (PC_EINVAL) on a trainer and training
 * on a finalized model.
 *
 * Blob format (pc_tagger_save/pc_tagger_load), all integers little-endian:
 *   "PCTAGGR\0" magic, u32 version, u32 n_labels (9), u32 feature-set id,
 *   u32 log2_buckets, f32 scale, u32 n_nonzero_rows,
 *   bitmap of non-zero rows (2^log2_buckets / 8 bytes),
 *   n_nonzero_rows * 9 int16 weights, u32 FNV-1a checksum of all before it.
 * Rows whose weights are all zero after quantization are not stored.  The
 * feature-set id changes whenever feature extraction changes, so a blob
 * trained with other features is rejected instead of tagging garbage.
 */
#ifndef PC_TAGGER_H
#define PC_TAGGER_H

#include "pc.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A token: bytes [start, end) of the sentence text. */
typedef struct {
    uint32_t start, end;
} pc_span;

/* Label ids: 0 = O, then B/I pairs for PER, ORG, LOC, MISC. */
enum {
    PC_TAG_O = 0,
    PC_TAG_B_PER = 1, PC_TAG_I_PER = 2,
    PC_TAG_B_ORG = 3, PC_TAG_I_ORG = 4,
    PC_TAG_B_LOC = 5, PC_TAG_I_LOC = 6,
    PC_TAG_B_MISC = 7, PC_TAG_I_MISC = 8,
    PC_TAGGER_NLABELS = 9
};

/* Limits checked on every call (PC_ETOOBIG beyond them). */
#define PC_TAGGER_MAX_TOKENS (1u << 20)
#define PC_TAGGER_MIN_LOG2 8
#define PC_TAGGER_MAX_LOG2 24

typedef struct pc_tagger pc_tagger;

/* Static label name ("O", "B-PER", ...); "?" for an unknown id. */
const char *pc_tagger_label_name(int label);

/* A new trainer with 2^log2_buckets weight rows (PC_EINVAL outside
 * [PC_TAGGER_MIN_LOG2, PC_TAGGER_MAX_LOG2]).  `mem` (copied, so it may be a
 * temporary) serves every allocation of the object; free with
 * pc_tagger_free().  *out is set only on PC_OK. */
int pc_tagger_new(const pc_mem *mem, unsigned log2_buckets, pc_tagger **out);

/* Frees a trainer or a model; NULL is allowed. */
void pc_tagger_free(pc_tagger *t);

/* 1 if `t` is finalized (taggable, immutable), 0 if it is a trainer. */
int pc_tagger_is_final(const pc_tagger *t);

/* Word dropout for training: each token's word identity (casefolded and
 * exact form, also as a neighbour of other tokens) is replaced by an
 * "unknown word" value with probability permille/1000, so that shape,
 * affix and context features learn to carry names the training data never
 * had (news about other regions).  Deterministic for a given seed.
 * PC_EINVAL on a finalized model or permille > 1000. */
int pc_tagger_set_dropout(pc_tagger *t, unsigned permille, uint64_t seed);

/* One online perceptron update over one sentence: tokens are predicted left
 * to right with the current weights and, where the prediction differs from
 * gold[i] (< PC_TAGGER_NLABELS), the weights move toward gold.  `ext` may be
 * NULL (all zero).  If n_correct is not NULL it receives the number of
 * tokens predicted right before their update.  Spans must lie inside
 * [0, len] with start <= end.  Scratch memory comes from the trainer's
 * allocator; on error the weights may hold a partial update of this
 * sentence (harmless for training, never unsafe). */
int pc_tagger_train_sentence(pc_tagger *t, const char *text, size_t len, const pc_span *spans,
                             size_t n, const int32_t *ext, const uint8_t *gold, size_t *n_correct);

/* Turn a trainer into a finalized model in place (average, quantize, drop the
 * training state).  On PC_ENOMEM the trainer is unchanged.  Finalizing a
 * finalized model is a no-op. */
int pc_tagger_finalize(pc_tagger *t);

/* A new finalized model holding the current averaged weights of trainer
 * `t`, which is left unchanged and may keep training.  Owned by the caller
 * (pc_tagger_free); it uses `mem`. */
int pc_tagger_averaged(const pc_tagger *t, const pc_mem *mem, pc_tagger **out);

/* Tag one sentence: labels[i] receives the label id of token i.  `ext` may
 * be NULL.  Scratch memory comes from `mem` (the caller's, so that
 * concurrent callers never share state).  PC_EINVAL for a trainer, a span
 * out of range or NULL arrays with n > 0. */
int pc_tagger_tag(const pc_tagger *t, const char *text, size_t len, const pc_span *spans, size_t n,
                  const int32_t *ext, uint8_t *labels, const pc_mem *mem);

/* Reusable scratch memory for pc_tagger_tag_scratch: callers that tag many
 * short windows (pc_entity tags a handful of tokens at a time) save one
 * allocation pair per call.  It grows to the longest sentence seen and is
 * freed with pc_tagger_scratch_free (NULL allowed).  One scratch serves one
 * thread at a time; the model may still be shared.  *out is set only on
 * PC_OK. */
typedef struct pc_tagger_scratch pc_tagger_scratch;
int pc_tagger_scratch_new(const pc_mem *mem, pc_tagger_scratch **out);
void pc_tagger_scratch_free(pc_tagger_scratch *sc);

/* pc_tagger_tag with the scratch memory of `sc` (grown with its allocator;
 * PC_EINVAL if `sc` is NULL).  Same labels as pc_tagger_tag. */
int pc_tagger_tag_scratch(const pc_tagger *t, pc_tagger_scratch *sc, const char *text, size_t len,
                          const pc_span *spans, size_t n, const int32_t *ext, uint8_t *labels);

/* pc_tagger_tag_scratch that also gives, for each token, how sure the
 * model is of its label: margin[i] = score of the chosen label minus the
 * best other label allowed at that position, in the model's weight units
 * (>= 0; about 0-30 for the bundled model).  Greedy decoding, so this is the
 * margin of the decision actually taken.  PC_EINVAL if margin is NULL. */
int pc_tagger_tag_margin(const pc_tagger *t, pc_tagger_scratch *sc, const char *text, size_t len,
                         const pc_span *spans, size_t n, const int32_t *ext, uint8_t *labels, float *margin);

/* Serialize a finalized model.  *blob is allocated with `mem` and owned by
 * the caller, who frees it with mem->free; *blob_len receives its size. */
int pc_tagger_save(const pc_tagger *t, const pc_mem *mem, uint8_t **blob, size_t *blob_len);

/* Validate and load a blob written by pc_tagger_save.  Any truncation,
 * corruption (checksum), unknown version or feature set gives PC_EINVAL and
 * no object; the blob is not retained.  Free with pc_tagger_free. */
int pc_tagger_load(const pc_mem *mem, const uint8_t *blob, size_t blob_len, pc_tagger **out);

#ifdef __cplusplus
}
#endif
#endif
