/*
 * pc_utf8.h - UTF-8 validation and repair, Unicode normalization, character
 * classes and offset conversion.  This is the only engine file that talks to
 * utf8proc; the others ask it questions through the functions below.
 *
 * Repair contract (pc_utf8_repair): the output is valid UTF-8 with no NUL
 * byte.  Each maximal invalid subsequence (WHATWG/Unicode "maximal subpart"
 * practice: overlong forms, surrogates, code points above U+10FFFF, stray
 * continuation bytes, truncated sequences) becomes one U+FFFD and is counted
 * in `invalid`; each NUL byte becomes U+FFFD and is counted in `nul`.  Nothing
 * is dropped silently: the counts reach the user as Document.repairs.
 */
#ifndef PC_UTF8_H
#define PC_UTF8_H

#include "pc.h"
#include "pc_buf.h"

typedef struct pc_repair_stats {
    size_t invalid;     /* invalid byte sequences replaced by U+FFFD */
    size_t nul;         /* NUL bytes replaced by U+FFFD */
    size_t mojibake;    /* Windows-1252 mojibake sequences repaired ("â€™" -> "’") */
    size_t controls;    /* C0/C1 control characters replaced by a space */
    size_t invisible;   /* zero-width characters, BOMs and soft hyphens removed */
} pc_repair_stats;

/* Validate `in` and append a repaired copy to `out`.  Never fails on content,
 * only on memory (PC_ENOMEM/PC_EOVERFLOW). */
int pc_utf8_repair(const pc_mem *mem, const char *in, size_t len, pc_buf *out,
                   pc_repair_stats *stats);

/* Decode one code point from valid UTF-8 at s[0..n).  Returns its length
 * (1..4) and stores it in *cp.  Callers pass only repaired text; on a
 * malformed byte it still returns 1 with *cp = 0xFFFD so that a bug can never
 * read out of bounds. */
size_t pc_utf8_decode(const char *s, size_t n, int32_t *cp);

/* Length in code points of valid UTF-8 s[0..n). */
size_t pc_utf8_count(const char *s, size_t n);

/* Stepping through valid UTF-8 by code points (i < n; i > 0 for _prev):
 * the code point at byte i, the byte after it, the start of the one before. */
static inline int32_t pc_utf8_at(const char *s, size_t n, size_t i)
{
    int32_t cp;
    if ((unsigned char)s[i] < 0x80)
        return (unsigned char)s[i];
    pc_utf8_decode(s + i, n - i, &cp);
    return cp;
}
static inline size_t pc_utf8_next(const char *s, size_t n, size_t i)
{
    int32_t cp;
    return (unsigned char)s[i] < 0x80 ? i + 1 : i + pc_utf8_decode(s + i, n - i, &cp);
}
static inline size_t pc_utf8_prev(const char *s, size_t i)
{
    do
        i--;
    while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80);
    return i;
}

/* Byte offsets -> code-point offsets (Python str indices), in place.  The
 * engine works in bytes and converts once, at the end, through these four
 * (all one walk over the text, in pc_utf8.c):
 *   pc_utf8_offsets_to_cp   one non-decreasing column of uint32 offsets,
 *                           `stride` uint32s apart;
 *   pc_utf8_sizes_to_cp     the same for size_t offsets;
 *   pc_utf8_scatter_to_cp   uint32 offsets anywhere, in any order (pointers;
 *                           PC_ENOMEM possible);
 *   pc_utf8_columns_to_cp   several non-decreasing columns of one text (the
 *                           columns of a parsed document), one scan of the
 *                           text for all of them when memory allows.
 * Offsets beyond `n` are clamped to the code-point length.  An unsorted
 * column gives PC_EINVAL (nothing is converted then). */
int pc_utf8_offsets_to_cp(const char *s, size_t n, uint32_t *offs, size_t count, size_t stride);
int pc_utf8_sizes_to_cp(const char *s, size_t n, size_t *offs, size_t count, size_t stride);
int pc_utf8_scatter_to_cp(const pc_mem *mem, const char *s, size_t n, uint32_t **ptrs, size_t count);
int pc_utf8_columns_to_cp(const pc_mem *mem, const char *s, size_t n, uint32_t *const *cols,
                          const size_t *counts, const size_t *strides, size_t ncols);

/* The inverse: non-decreasing code-point offsets -> byte offsets, in place.
 * Offsets beyond the text are clamped to n. */
int pc_utf8_offsets_to_bytes(const char *s, size_t n, uint32_t *offs, size_t count, size_t stride);

/* Append the NFC form of s[0..n) to out.  Text made of characters that are
 * already stable under NFC (ASCII, Latin-1 and general punctuation: the bulk
 * of English news) is copied without calling utf8proc. */
int pc_utf8_nfc(const pc_mem *mem, const char *s, size_t n, pc_buf *out);

/* Repair Windows-1252 mojibake: a run of characters that are the cp1252
 * reading of the bytes of one UTF-8 sequence ("Ã©" for "é", "â€™" for "’")
 * is replaced by that character.  Only complete, valid sequences are
 * repaired, so genuine "Ã" followed by ordinary text is left alone.  Appends
 * to out, adds to *fixed. */
int pc_utf8_fix_mojibake(const pc_mem *mem, const char *s, size_t n, pc_buf *out, size_t *fixed);

/* Character classes (thin wrappers over utf8proc's category table). */
enum {
    PC_CC_OTHER = 0,
    PC_CC_LETTER_UPPER,
    PC_CC_LETTER_LOWER,
    PC_CC_LETTER_OTHER, /* titlecase, modifier and other letters */
    PC_CC_MARK,
    PC_CC_DIGIT,
    PC_CC_NUMBER_OTHER,
    PC_CC_SPACE,        /* Unicode White_Space (Zs, tab, line breaks) */
    PC_CC_PUNCT,
    PC_CC_SYMBOL,
    PC_CC_CONTROL,
    PC_CC_FORMAT        /* Cf: zero-width joiners, BOM, soft hyphen ... */
};
int pc_utf8_class(int32_t cp);

/* The ASCII half of pc_utf8_class (any cp < 0x80; negative values class as
 * control), inline because the tokenizer asks for the class of every
 * character and English news is almost all ASCII: a call per byte into
 * another file cost a tenth of the pipeline.  pc_utf8_class itself uses this for ASCII, so the two agree. */
static inline int pc_utf8_class_ascii(int32_t cp)
{
    if (cp >= 'a' && cp <= 'z')
        return PC_CC_LETTER_LOWER;
    if (cp >= 'A' && cp <= 'Z')
        return PC_CC_LETTER_UPPER;
    if (cp >= '0' && cp <= '9')
        return PC_CC_DIGIT;
    if (cp == ' ' || (cp >= 0x09 && cp <= 0x0D))
        return PC_CC_SPACE;
    if (cp < 0x20 || cp == 0x7F)
        return PC_CC_CONTROL;
    if (cp == '$' || cp == '+' || cp == '<' || cp == '=' || cp == '>' || cp == '^' || cp == '`' ||
        cp == '|' || cp == '~')
        return PC_CC_SYMBOL;
    return PC_CC_PUNCT;
}
static inline int pc_cc_is_letter(int c)
{
    return c == PC_CC_LETTER_UPPER || c == PC_CC_LETTER_LOWER || c == PC_CC_LETTER_OTHER;
}
static inline int pc_cc_is_word(int c)
{
    return pc_cc_is_letter(c) || c == PC_CC_MARK || c == PC_CC_DIGIT || c == PC_CC_NUMBER_OTHER;
}

/* True when there is a grapheme cluster break between `prev` and `cp`;
 * *state carries utf8proc's extended-grapheme state (start with 0). */
int pc_utf8_grapheme_break(int32_t prev, int32_t cp, int32_t *state);

/* Python's character predicates, for rules that were first written as
 * Python regular expressions: str.isspace() (re's \s: White_Space plus the
 * separators U+001C..U+001F) and str.isalnum() (letters and numbers; re's
 * \w adds '_'). */
int pc_utf8_py_space(int32_t cp);
int pc_utf8_py_alnum(int32_t cp);
static inline int pc_utf8_py_word(int32_t cp) { return cp == '_' || pc_utf8_py_alnum(cp); }

/* 1 when s[0, n) equals one of the lower-case ASCII `words` (NULL-ended
 * list) with ASCII letters compared case-insensitively ("Treaty" is in
 * {"treaty", ...}); other bytes must match exactly. */
int pc_utf8_ascii_in(const char *s, size_t n, const char *const *words);

/* Simple lowercase / uppercase mapping of one code point. */
int32_t pc_utf8_tolower(int32_t cp);
int32_t pc_utf8_toupper(int32_t cp);

/* Appends s[0, n) to `out` with compatibility decomposition (NFKD) and
 * every combining character (canonical combining class > 0) dropped:
 * "Naxçıvan" -> "Naxcıvan", "ﬁ" -> "fi".  Invalid UTF-8 gives PC_EUTF8. */
int pc_utf8_strip_marks(const pc_mem *mem, const char *s, size_t n, pc_buf *out);

#endif
