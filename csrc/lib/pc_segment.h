/*
 * pc_segment.h - tokens and sentences of cleaned text.
 *
 * Tokens: words (letters, marks, digits; internal apostrophes as in "don't",
 * digit groups as in "120,000" and "1.13", initialisms "U.S." and known
 * abbreviations "Mr." "Jan." kept whole), the English possessive "'s"/"’s"
 * as its own token, hyphens and slashes split ("12-kilometer" -> "12", "-",
 * "kilometer"), runs of sentence punctuation ("...", "?!", "…."), URLs whole,
 * and any other character as one grapheme cluster (emoji sequences and flags
 * stay whole).
 *
 * Sentences: a paragraph boundary always ends a sentence; inside a
 * paragraph a sentence ends after . ! ? … (plus closing quotes/brackets
 * attached to it) when white space follows and the next token starts with
 * an uppercase letter, a digit or an opening quote/bracket.  Abbreviations
 * and initials do not end a sentence, except "etc." "Inc." "Jr." "a.m."
 * and similar before a capitalised word.  Title and heading paragraphs are
 * one sentence each.
 *
 * Offsets are bytes into the text; the arrays in pc_seg_result are owned by
 * it (pc_seg_result_free).  Linear time in the text length.
 */
#ifndef PC_SEGMENT_H
#define PC_SEGMENT_H

#include "pc.h"
#include "pc_clean.h"

enum { PC_TOK_WORD = 1, PC_TOK_NUM, PC_TOK_PUNCT, PC_TOK_SYM, PC_TOK_OTHER, PC_TOK_URL };

#define PC_TF_ABBREV 1     /* word with an abbreviation period */
#define PC_TF_SPACE_AFTER 2 /* white space follows the token */

typedef struct pc_token {
    uint32_t start, end;
    uint16_t kind;
    uint16_t flags;
} pc_token;

typedef struct pc_sentence {
    uint32_t start, end;         /* bytes */
    uint32_t tok_start, tok_end; /* token index range */
    uint32_t para;               /* paragraph index */
} pc_sentence;

typedef struct pc_seg_result {
    pc_token *toks;
    size_t ntok, tcap;
    pc_sentence *sents;
    size_t nsent, scap;
} pc_seg_result;

/* Tokenize text[start..end) and append to res->toks. */
int pc_tokenize(const pc_mem *mem, const char *text, size_t start, size_t end, pc_seg_result *res);

/* Tokens and sentences for every paragraph. */
int pc_segment(const pc_mem *mem, const char *text, size_t len, const pc_para *paras,
               size_t npara, pc_seg_result *res);

void pc_seg_result_free(const pc_mem *mem, pc_seg_result *res);

/* Searches over sorted tokens / sentences (binary, as every later stage
 * maps byte offsets back to them): the first token starting at or after
 * byte `off` (n if none), and the number of sentences starting at or before
 * `off` (so the sentence holding `off` is that number minus one). */
size_t pc_seg_token_from(const pc_token *toks, size_t n, size_t off);
size_t pc_seg_sentences_upto(const pc_sentence *sents, size_t n, size_t off);

/* PC_OK when tokens and sentences are what pc_segment makes of a text of
 * `len` bytes: tokens inside it, sorted and disjoint; sentences inside it
 * with token ranges inside the tokens.  PC_EINVAL otherwise.  Stages that
 * take tokens from a caller check them with this before indexing. */
int pc_seg_check(size_t len, const pc_token *toks, size_t ntok, const pc_sentence *sents, size_t nsent);

#endif
