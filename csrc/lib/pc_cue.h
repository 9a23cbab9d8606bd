/*
 * pc_cue.h - the words of attribution: cue verbs, speaker noun phrases and
 * the token helpers the quotation scanner (pc_quote.c) and the reported
 * speech finder (pc_reported.c) share.  Internal to the engine: nothing here
 * is part of the Python binding.
 *
 * Everything works on one document's tokens (pc_segment) and looks at
 * bounded windows of them, so callers stay linear in the text length.
 * Functions take token indices and return token indices; "lim" is an
 * exclusive bound, "lo" an inclusive lower bound.  No function allocates.
 *
 * Lexicons are sorted arrays of lowercase ASCII words (pc_cue_in is a
 * binary search; tests/c/test_quote.c checks the order).
 */
#ifndef PC_CUE_H
#define PC_CUE_H

#include "pc_quote.h"
#include "pc_segment.h"
#include "pc_vocab.h"

#define PC_CUE_WINDOW 40 /* tokens looked at on either side of a quote */

/* Quotation mark kinds (pc_cue_mark). */
enum { PC_CUE_M_NONE = 0, PC_CUE_M_DOPEN, PC_CUE_M_DCLOSE, PC_CUE_M_DSTRAIGHT, PC_CUE_M_SOPEN,
       PC_CUE_M_SCLOSE, PC_CUE_M_SSTRAIGHT, PC_CUE_M_DLOW };

/* One document: its text, tokens and sentences, and the quotes found so far
 * (q[0..nq), in text order) that the windows must not look into. */
typedef struct {
    const char *text;
    size_t len;
    const pc_token *toks;
    size_t ntok;
    const pc_sentence *sents;
    size_t nsent;
    pc_quote *q;
    size_t nq;
    size_t work; /* tokens visited (see pc_quote_result.work) */
} pc_cue_ctx;

typedef struct {
    const char *const *w; /* sorted, lowercase ASCII */
    size_t n;
} pc_cue_lex;

extern const pc_cue_lex pc_cue_pronouns, pc_cue_stopcap, pc_cue_preps,
    pc_cue_adverbs, pc_cue_when, pc_cue_particles, pc_cue_np_stop,
    pc_cue_aux, pc_cue_dets, pc_cue_subj_pron, pc_cue_object_pron, pc_cue_not_clause, pc_cue_openers,
    pc_cue_not_subject, pc_cue_np_links, pc_cue_time, pc_cue_fronted, pc_cue_report_nouns, pc_cue_passive;

/* All lexicons, for the order test (NULL-terminated). */
extern const pc_cue_lex *const pc_cue_all_lexicons[];

int pc_cue_mark(const char *t, size_t n, size_t i, size_t *mlen);
size_t pc_cue_tok_from(const pc_cue_ctx *c, size_t pos);
size_t pc_cue_sent_of(const pc_cue_ctx *c, size_t pos);
size_t pc_cue_tlen(const pc_cue_ctx *c, size_t i);
int pc_cue_is(const pc_cue_ctx *c, size_t i, const char *w);
int pc_cue_in(const pc_cue_ctx *c, size_t i, const pc_cue_lex *lex);
/* token i is a speech verb serving one of the rules in tags (PC_VOCAB_*, pc_vocab.h) */
int pc_cue_speech(const pc_cue_ctx *c, size_t i, unsigned tags);
int pc_cue_ch(const pc_cue_ctx *c, size_t i, char ch);
int pc_cue_is_word(const pc_cue_ctx *c, size_t i);
int pc_cue_is_cap(const pc_cue_ctx *c, size_t i);
int pc_cue_is_lower(const pc_cue_ctx *c, size_t i);
int pc_cue_is_possessive(const pc_cue_ctx *c, size_t i);
int pc_cue_is_barrier(const pc_cue_ctx *c, size_t i);
int pc_cue_adjacent(const pc_cue_ctx *c, size_t i);
int pc_cue_verb(const pc_cue_ctx *c, size_t i, size_t lim, size_t *end);
size_t pc_cue_name_run(const pc_cue_ctx *c, size_t i, size_t lim);
size_t pc_cue_name_run_back(const pc_cue_ctx *c, size_t k, size_t lo);
int pc_cue_is_det(const pc_cue_ctx *c, size_t i);
int pc_cue_np_forward(const pc_cue_ctx *c, size_t i, size_t lim, size_t *ns, size_t *ne);
int pc_cue_appositive(const pc_cue_ctx *c, size_t j, size_t lim, size_t *rs, size_t *re, size_t *after);
void pc_cue_set_cue(const pc_cue_ctx *c, pc_quote *q, size_t cs, size_t ce);
void pc_cue_set_spk(const pc_cue_ctx *c, pc_quote *q, int kind, size_t ns, size_t ne);
void pc_cue_set_role(const pc_cue_ctx *c, pc_quote *q, size_t rs, size_t re);
int pc_cue_is_adverb(const pc_cue_ctx *c, size_t i);
int pc_cue_skip_adverbs(const pc_cue_ctx *c, size_t *j, size_t lim);
size_t pc_cue_skip_paren(const pc_cue_ctx *c, size_t j, size_t lim);
int pc_cue_after(const pc_cue_ctx *c, pc_quote *q, size_t a, size_t lim);
int pc_cue_in_quote(const pc_cue_ctx *c, size_t k, size_t qi);
int pc_cue_subject(const pc_cue_ctx *c, pc_quote *q, size_t cs, size_t lo, size_t qi);

/* A dash token: - – — ―. */
int pc_cue_is_dash(const pc_cue_ctx *c, size_t i);

/* The subject of a report verb at token v in the sentence starting at token
 * s0, across appositive comma blocks ("Mark Rimmer, the service director ...,
 * said") and for participles (", saying" takes the sentence subject).
 * Returns PC_SPK_* and the phrase [*ns, *ne), or PC_SPK_NONE. */
int pc_reported_subject(pc_cue_ctx *c, size_t v, size_t s0, size_t *ns, size_t *ne);

/* Reported speech (pc_reported.c): appends PC_QK_INDIRECT rows to out, after
 * the marked quotes already in it (which c->q must hold).  *work (if not
 * NULL) is increased by the number of token visits, a deterministic measure
 * of the pass's cost for the linearity tests. */
int pc_reported_scan(const pc_mem *mem, pc_cue_ctx *c, const pc_para *paras, size_t npara,
                     pc_quote_result *out, size_t *work);

#endif
