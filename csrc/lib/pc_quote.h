/*
 * pc_quote.h - quotation marks, cues and speaker mentions in cleaned text.
 *
 * pc_quote_scan() finds the quotations of one document and, for each, the
 * cue verb that introduces it and the words naming its speaker, as byte
 * spans.  It does not decide *who* the speaker is: turning "he", "the
 * diplomat" or "Mirzoian" into a person needs the whole document and,
 * optionally, entity mentions, which is the Python layer's job
 * (peacecorpus/quotes.py).  Keeping the scanner free of that knowledge keeps
 * it linear, small and fuzzable.
 *
 * Quotes.  Outer quotes use double marks: curly “ ” always open/close;
 * a straight " opens after white space, an opening bracket, a dash or a
 * colon, or when no quote is open and a letter follows, and closes
 * otherwise.  Single marks (‘ ’ and a straight ' after white space) inside
 * an outer quote are nested quotes and stay part of its content; a
 * right single mark between letters is an apostrophe.  A paragraph that
 * ends inside a quote closes it there (PC_QF_UNCLOSED); when the next
 * paragraph starts with an opening mark, that quote continues it
 * (PC_QF_PARA_CONT, `cont` = the unclosed one): the newspaper convention
 * for multi-paragraph quotes.  An opening mark met inside an open quote
 * closes it and opens the next one (a missing closing mark, common in
 * wire copy): both quotes share the mark (PC_QF_SHARED_MARK).
 *
 * Cues.  Looked for after the closing mark (“...,” he said / said X /
 * X, the envoy, told Y / X (D-Mo.) said / according to X; after a quote
 * ending in a full stop only a lowercase word or a bare "Name said." counts,
 * since anything else starts a new sentence), then before the opening mark
 * (X said: “...”, X said, “...”, stating: “...”, embedded: X emphasized that
 * the issues “...”).  A participle after the quote with no subject of its
 * own ('"...," adding that') yields to a speaker named before the quote.  A quote
 * with no cue of its own that follows an attributed quote in the same
 * paragraph continues it (PC_QF_SPLIT, `cont`): “...,” he said. “...”.
 * The cue-verb lexicon is compiled in (S_CUES in pc_quote.c).
 *
 * Kinds.  direct: the quote opens a sentence, follows a colon or a cue and
 * comma, continues another quote, or is a clause after "that"; partial: a
 * fragment inside the writer's sentence with a cue; scare: a fragment with
 * no cue (or whose only speaker is a vague "they").
 *
 * Offsets are bytes into `text`.  `seg` must be pc_segment's result for the
 * same text and paragraphs (tokens and sentences are used, not changed).
 * Work is linear in the text length: every cue search looks at a bounded
 * window of tokens, so '"' repeated a million times costs one pass.
 */
#ifndef PC_QUOTE_H
#define PC_QUOTE_H

#include "pc.h"
#include "pc_clean.h"
#include "pc_segment.h"

enum { PC_QK_DIRECT = 1, PC_QK_PARTIAL = 2, PC_QK_SCARE = 3, PC_QK_INDIRECT = 4 };

/* pc_quote_scan flags */
#define PC_QUOTE_REPORTED 1 /* also find reported speech (PC_QK_INDIRECT rows) */

/* How the speaker is named at the cue. */
enum { PC_SPK_NONE = 0, PC_SPK_NAME = 1, PC_SPK_PRONOUN = 2, PC_SPK_ROLE = 3 };

#define PC_QF_UNCLOSED 1      /* paragraph ended before a closing mark */
#define PC_QF_PARA_CONT 2     /* continues the unclosed quote of the previous paragraph */
#define PC_QF_SPLIT 4         /* continues an attributed quote of the same paragraph */
#define PC_QF_NESTED 8        /* contains a nested single-quoted quote */
#define PC_QF_BRACKET 16      /* contains a [bracketed insertion] */
#define PC_QF_CUE_AFTER 32    /* cue found after the closing mark */
#define PC_QF_CUE_BEFORE 64   /* cue found before the opening mark */
#define PC_QF_SHARED_MARK 128 /* closed by the opening mark of the next quote */
#define PC_QF_EMBEDDED 256    /* opens inside a sentence (not after : or a cue) */

#define PC_QUOTE_NONE UINT32_MAX

typedef struct pc_quote {
    uint32_t start, end;             /* content between the marks */
    uint32_t open_mark, close_mark;  /* mark offsets; close_mark == end when unclosed */
    uint32_t cue_start, cue_end;     /* PC_QUOTE_NONE when there is no cue */
    uint32_t spk_start, spk_end;     /* speaker mention, PC_QUOTE_NONE when none */
    uint32_t role_start, role_end;   /* appositive role ("a senior fellow at X"), or NONE */
    uint32_t cont;                   /* index of the quote this one continues, or NONE */
    uint16_t kind;                   /* PC_QK_* */
    uint16_t spk_kind;               /* PC_SPK_* */
    uint32_t flags;                  /* PC_QF_* */
} pc_quote;

typedef struct pc_quote_result {
    pc_quote *quotes;
    size_t nquote, qcap;
    size_t work; /* bytes and tokens visited: a deterministic cost measure for linearity tests */
} pc_quote_result;

/* Scan text[0..len).  paras/npara: the paragraphs (pc_clean's; NULL/0 =
 * the whole text is one paragraph); seg: pc_segment of the same text.
 * flags: PC_QUOTE_REPORTED or 0.  On success out->quotes holds the marked
 * quotes in text order, then (with PC_QUOTE_REPORTED) the reported speech in
 * text order: kind PC_QK_INDIRECT, start/end the reported clause, no marks
 * (open_mark = close_mark = PC_QUOTE_NONE), cue and speaker as for quotes.
 * out is owned by the caller and freed with pc_quote_free, also after an
 * error (PC_ENOMEM, PC_EINVAL for a NULL argument, PC_ETOOBIG for text of
 * 4 GiB or more). */
int pc_quote_scan(const pc_mem *mem, const char *text, size_t len, const pc_para *paras,
                  size_t npara, const pc_seg_result *seg, int flags, pc_quote_result *out);

void pc_quote_free(const pc_mem *mem, pc_quote_result *res);

/* Static name of a kind ("direct", "partial", "scare"), "" if unknown. */
const char *pc_quote_kind_name(int kind);

#endif
