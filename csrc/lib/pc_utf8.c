/*
 * pc_utf8.c - see pc_utf8.h.  The only file that includes utf8proc.h.
 */
#include "pc_utf8.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#define S_REPLACEMENT 0xFFFD

/* Length of a well-formed sequence starting with byte b, 0 if b cannot start
 * one.  Second-byte ranges are checked separately (Unicode Table 3-7). */
static size_t S_seq_len(unsigned char b)
{
    if (b < 0x80)
        return 1;
    if (b >= 0xC2 && b <= 0xDF)
        return 2;
    if (b >= 0xE0 && b <= 0xEF)
        return 3;
    if (b >= 0xF0 && b <= 0xF4)
        return 4;
    return 0;
}

/* Number of bytes of a valid sequence at s[0..n), or 0 when the bytes do not
 * form one.  *bad gets the length of the maximal invalid subpart to replace. */
static size_t S_valid_seq(const unsigned char *s, size_t n, size_t *bad)
{
    size_t len = S_seq_len(s[0]), i;
    unsigned char lo = 0x80, hi = 0xBF;

    *bad = 1;
    if (len == 0)
        return 0;
    if (len == 1)
        return 1;
    if (s[0] == 0xE0)
        lo = 0xA0; /* overlong */
    else if (s[0] == 0xED)
        hi = 0x9F; /* surrogates */
    else if (s[0] == 0xF0)
        lo = 0x90; /* overlong */
    else if (s[0] == 0xF4)
        hi = 0x8F; /* > U+10FFFF */
    for (i = 1; i < len; i++) {
        unsigned char lo_i = i == 1 ? lo : 0x80, hi_i = i == 1 ? hi : 0xBF;
        if (i >= n || s[i] < lo_i || s[i] > hi_i) {
            *bad = i; /* the valid prefix is one maximal subpart */
            return 0;
        }
    }
    return len;
}

int pc_utf8_repair(const pc_mem *mem, const char *in, size_t len, pc_buf *out,
                   pc_repair_stats *stats)
{
    const unsigned char *s = (const unsigned char *)in;
    size_t i = 0, run = 0, bad;
    int rc;

    rc = pc_buf_reserve(mem, out, len);
    if (rc != PC_OK)
        return rc;
    while (i < len) {
        size_t k;
        /* eight ASCII bytes, none of them NUL, at a time */
        while (len - i >= 8) {
            uint64_t w;
            memcpy(&w, s + i, 8);
            if ((w | ((w - 0x0101010101010101ULL) & ~w)) & 0x8080808080808080ULL)
                break;
            i += 8;
        }
        if (i >= len)
            break;
        if (s[i] >= 0x01 && s[i] < 0x80) {
            i++;
            continue;
        }
        k = s[i] ? S_valid_seq(s + i, len - i, &bad) : 0;
        if (k) {
            i += k;
            continue;
        }
        /* flush the valid run, then one U+FFFD for the bad part */
        if ((rc = pc_buf_put(mem, out, in + run, i - run)) != PC_OK)
            return rc;
        if ((rc = pc_buf_put_cp(mem, out, S_REPLACEMENT)) != PC_OK)
            return rc;
        if (s[i] == 0) {
            stats->nul++;
            i += 1;
        } else {
            stats->invalid++;
            i += bad;
        }
        run = i;
    }
    return pc_buf_put(mem, out, in + run, len - run);
}

size_t pc_utf8_decode(const char *str, size_t n, int32_t *cp)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t bad, k;

    if (n == 0) {
        *cp = S_REPLACEMENT;
        return 0;
    }
    if (s[0] < 0x80) {
        *cp = s[0];
        return 1;
    }
    k = S_valid_seq(s, n, &bad);
    switch (k) {
    case 2:
        *cp = ((s[0] & 0x1F) << 6) | (s[1] & 0x3F);
        return 2;
    case 3:
        *cp = ((s[0] & 0x0F) << 12) | ((s[1] & 0x3F) << 6) | (s[2] & 0x3F);
        return 3;
    case 4:
        *cp = ((int32_t)(s[0] & 0x07) << 18) | ((s[1] & 0x3F) << 12) | ((s[2] & 0x3F) << 6) |
              (s[3] & 0x3F);
        return 4;
    default:
        *cp = S_REPLACEMENT;
        return 1;
    }
}

size_t pc_utf8_count(const char *str, size_t n)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i, count = 0;
    for (i = 0; i < n; i++)
        count += (s[i] & 0xC0) != 0x80;
    return count;
}

/* The byte -> code point conversion of the whole engine: every converter
 * below is this walk.  (pos, cps) advance to a byte offset, counting the
 * bytes that are not UTF-8 continuation bytes (10xxxxxx), which is Python's
 * code-point count; `nx`, the next non-ASCII byte at or after pos, lets an
 * offset inside an ASCII run cost one subtraction (news text is mostly
 * ASCII, and a document has one offset every few bytes). */
typedef struct {
    size_t pos, cps, nx;
    int have_nx;
} S_walk;

/* The first byte at or after i (a multiple of 8 bytes further, at most n)
 * where an 8-byte word holds a non-ASCII byte, or where fewer than 8 remain. */
static size_t S_skip_ascii8(const unsigned char *s, size_t i, size_t n)
{
    while (n - i >= 8) {
        uint64_t word;
        memcpy(&word, s + i, 8);
        if (word & 0x8080808080808080ULL)
            break;
        i += 8;
    }
    return i;
}

static size_t S_walk_to(const unsigned char *s, size_t n, S_walk *w, size_t target)
{
    if (target > n)
        target = n;
    while (w->pos < target) {
        if (!w->have_nx || w->nx < w->pos) {
            size_t nx = S_skip_ascii8(s, w->pos, n);
            while (nx < n && s[nx] < 0x80)
                nx++;
            w->nx = nx;
            w->have_nx = 1;
        }
        if (target <= w->nx) {
            w->cps += target - w->pos;
            w->pos = target;
            break;
        }
        w->cps += w->nx - w->pos;
        w->pos = w->nx;
        w->cps += (s[w->pos] & 0xC0) != 0x80;
        w->pos++;
    }
    return w->cps;
}

int pc_utf8_offsets_to_cp(const char *str, size_t n, uint32_t *offs, size_t count, size_t stride)
{
    S_walk w = {0, 0, 0, 0};
    size_t i;
    for (i = 1; i < count; i++)
        if (offs[i * stride] < offs[(i - 1) * stride])
            return PC_EINVAL;
    for (i = 0; i < count; i++)
        offs[i * stride] = (uint32_t)S_walk_to((const unsigned char *)str, n, &w, offs[i * stride]);
    return PC_OK;
}

int pc_utf8_sizes_to_cp(const char *str, size_t n, size_t *offs, size_t count, size_t stride)
{
    S_walk w = {0, 0, 0, 0};
    size_t i;
    for (i = 1; i < count; i++)
        if (offs[i * stride] < offs[(i - 1) * stride])
            return PC_EINVAL;
    for (i = 0; i < count; i++)
        offs[i * stride] = S_walk_to((const unsigned char *)str, n, &w, offs[i * stride]);
    return PC_OK;
}

static int S_ptr_cmp(const void *x, const void *y)
{
    uint32_t a = **(uint32_t *const *)x, b = **(uint32_t *const *)y;
    return a < b ? -1 : a > b ? 1 : 0;
}

int pc_utf8_scatter_to_cp(const pc_mem *mem, const char *str, size_t n, uint32_t **ptrs, size_t count)
{
    S_walk w = {0, 0, 0, 0};
    uint32_t **order;
    size_t i;
    if (!count)
        return PC_OK;
    order = (uint32_t **)mem->calloc(mem->ctx, count, sizeof *order);
    if (!order)
        return PC_ENOMEM;
    memcpy(order, ptrs, count * sizeof *order);
    /* sorted by value they are one non-decreasing column: one walk */
    qsort(order, count, sizeof *order, S_ptr_cmp);
    for (i = 0; i < count; i++)
        *order[i] = (uint32_t)S_walk_to((const unsigned char *)str, n, &w, *order[i]);
    mem->free(mem->ctx, order);
    return PC_OK;
}

/* Several columns of one document: the continuation bytes of the text are
 * listed once and each column subtracts the number before each offset, so
 * seven columns cost one scan of the text instead of seven. */
static uint64_t S_cont_mask(const unsigned char *p)
{
    uint64_t w;
    memcpy(&w, p, 8);
    return w & ~(w << 1) & 0x8080808080808080ULL; /* bit 7 of a byte set and bit 6 clear */
}

int pc_utf8_columns_to_cp(const pc_mem *mem, const char *str, size_t n, uint32_t *const *cols,
                          const size_t *counts, const size_t *strides, size_t ncols)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i, k, c, ncont = 0, m = 0;
    uint32_t *cont = NULL;
    int rc = PC_OK;

    for (c = 0; c < ncols; c++)
        for (i = 1; i < counts[c]; i++)
            if (cols[c][i * strides[c]] < cols[c][(i - 1) * strides[c]])
                return PC_EINVAL;
    for (i = 0; n - i >= 8 && i < n; i += 8) {
        uint64_t mask = S_cont_mask(s + i);
        if (mask)
            ncont += (size_t)((((mask >> 7) * 0x0101010101010101ULL)) >> 56);
    }
    for (; i < n; i++)
        ncont += (s[i] & 0xC0) == 0x80;
    if (!ncont)
        return PC_OK; /* ASCII: byte and code-point offsets are the same */
    cont = mem ? (uint32_t *)mem->calloc(mem->ctx, ncont, sizeof(uint32_t)) : NULL;
    if (!cont) { /* no memory for the list: one walk per column */
        for (c = 0; c < ncols && rc == PC_OK; c++)
            rc = pc_utf8_offsets_to_cp(str, n, cols[c], counts[c], strides[c]);
        return rc;
    }
    for (i = 0; n - i >= 8 && i < n; i += 8)
        if (S_cont_mask(s + i))
            for (k = i; k < i + 8; k++)
                if ((s[k] & 0xC0) == 0x80)
                    cont[m++] = (uint32_t)k;
    for (; i < n; i++)
        if ((s[i] & 0xC0) == 0x80)
            cont[m++] = (uint32_t)i;
    for (c = 0; c < ncols; c++) {
        size_t p = 0;
        for (i = 0; i < counts[c]; i++) {
            uint32_t *o = &cols[c][i * strides[c]];
            size_t b = *o < n ? *o : n;
            while (p < ncont && cont[p] < b)
                p++;
            *o = (uint32_t)(b - p);
        }
    }
    mem->free(mem->ctx, cont);
    return PC_OK;
}

int pc_utf8_offsets_to_bytes(const char *str, size_t n, uint32_t *offs, size_t count, size_t stride)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i, pos = 0, cps = 0;

    for (i = 1; i < count; i++)
        if (offs[i * stride] < offs[(i - 1) * stride])
            return PC_EINVAL;
    for (i = 0; i < count; i++) {
        size_t target = offs[i * stride];
        while (cps < target && pos < n) {
            pos++;
            while (pos < n && (s[pos] & 0xC0) == 0x80)
                pos++;
            cps++;
        }
        offs[i * stride] = (uint32_t)pos;
    }
    return PC_OK;
}

/* Characters that NFC never changes and that never combine with a
 * neighbour: everything below U+0300 (combining marks start there) and
 * general punctuation except U+2000/U+2001, which have singleton
 * decompositions.  Checking this first keeps utf8proc off the hot path. */
static int S_nfc_stable(int32_t cp)
{
    return cp < 0x300 || (cp >= 0x2002 && cp <= 0x206F) || cp == 0x20AC || cp == 0xFFFD;
}

static int S_nfc_segment(const pc_mem *mem, const char *s, size_t n, pc_buf *out,
                         int32_t **scratch, size_t *scap)
{
    utf8proc_ssize_t need, got;
    int opts = UTF8PROC_STABLE | UTF8PROC_COMPOSE;
    int rc;
    void *p;

    need = utf8proc_decompose((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, NULL, 0,
                              (utf8proc_option_t)opts);
    if (need < 0)
        return pc_buf_put(mem, out, s, n); /* cannot happen on repaired text */
    p = *scratch;
    rc = pc_grow(mem, &p, scap, (size_t)need + 1, sizeof(int32_t));
    if (rc != PC_OK)
        return rc;
    *scratch = (int32_t *)p;
    got = utf8proc_decompose((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, *scratch, need,
                             (utf8proc_option_t)opts);
    if (got < 0 || got > need)
        return pc_buf_put(mem, out, s, n);
    got = utf8proc_normalize_utf32(*scratch, got, (utf8proc_option_t)opts);
    if (got < 0)
        return pc_buf_put(mem, out, s, n);
    /* re-encode in place: 4 bytes per code point is always enough */
    got = utf8proc_reencode(*scratch, got, (utf8proc_option_t)opts);
    if (got < 0)
        return pc_buf_put(mem, out, s, n);
    return pc_buf_put(mem, out, (const char *)*scratch, (size_t)got);
}

int pc_utf8_nfc(const pc_mem *mem, const char *s, size_t n, pc_buf *out)
{
    size_t i = 0, seg = 0;
    int dirty = 0, rc = PC_OK;
    int32_t *scratch = NULL;
    size_t scap = 0;

    /* Segments start just before an ASCII character: ASCII never composes
     * with what precedes it, so normalising segment by segment equals
     * normalising the whole text, with bounded scratch memory. */
    while (i < n) {
        int32_t cp;
        size_t k;
        if (!dirty) {
            /* skip clean ASCII eight bytes at a time */
            i = S_skip_ascii8((const unsigned char *)s, i, n);
            if (i >= n)
                break;
        }
        if ((unsigned char)s[i] < 0x80) {
            if (dirty) {
                rc = S_nfc_segment(mem, s + seg, i - seg, out, &scratch, &scap);
                if (rc != PC_OK)
                    goto done;
                seg = i;
                dirty = 0;
            }
            i++;
            continue;
        }
        k = pc_utf8_decode(s + i, n - i, &cp);
        if (!S_nfc_stable(cp)) {
            if (!dirty) {
                /* flush the stable text before the segment's ASCII start */
                size_t start = i;
                while (start > seg && (unsigned char)s[start - 1] >= 0x80)
                    start--;
                if (start > seg)
                    start--; /* include the ASCII base character */
                rc = pc_buf_put(mem, out, s + seg, start - seg);
                if (rc != PC_OK)
                    goto done;
                seg = start;
            }
            dirty = 1;
        }
        i += k;
    }
    if (dirty)
        rc = S_nfc_segment(mem, s + seg, n - seg, out, &scratch, &scap);
    else
        rc = pc_buf_put(mem, out, s + seg, n - seg);
done:
    if (scratch)
        mem->free(mem->ctx, scratch);
    return rc;
}

/* Windows-1252 byte for a code point, or -1.  0x80-0x9F code points map to
 * themselves too (Latin-1 decoders leave the five undefined cp1252 bytes as
 * C1 controls). */
static int S_cp1252_byte(int32_t cp)
{
    static const int32_t hi[32] = {
        0x20AC, 0x81,   0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D,   0x017D, 0x8F,
        0x90,   0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D,   0x017E, 0x0178};
    int i;
    if (cp >= 0xA0 && cp <= 0xFF)
        return (int)cp;
    if (cp >= 0x80 && cp <= 0x9F)
        return (int)cp;
    for (i = 0; i < 32; i++)
        if (hi[i] == cp)
            return 0x80 + i;
    return -1;
}

int pc_utf8_fix_mojibake(const pc_mem *mem, const char *s, size_t n, pc_buf *out, size_t *fixed)
{
    size_t i = 0, run = 0;
    int rc;

    while (i < n) {
        int32_t cp;
        size_t k, want, j, pos, bad;
        unsigned char bytes[4];
        int ok = 1;
        /* a candidate (U+00C2..U+00F4) is always encoded 0xC3 0x82..0xB4, and
         * 0xC3 is never a continuation byte: jump from one 0xC3 to the next */
        const char *lead = (const char *)memchr(s + i, 0xC3, n - i);

        if (!lead)
            break;
        i = (size_t)(lead - s);
        k = pc_utf8_decode(s + i, n - i, &cp);
        if (cp < 0xC2 || cp > 0xF4) {
            i += k;
            continue;
        }
        want = S_seq_len((unsigned char)cp);
        bytes[0] = (unsigned char)cp;
        pos = i + k;
        for (j = 1; j < want && ok; j++) {
            int32_t c2;
            size_t k2;
            int b;
            if (pos >= n) {
                ok = 0;
                break;
            }
            k2 = pc_utf8_decode(s + pos, n - pos, &c2);
            b = S_cp1252_byte(c2);
            if (b < 0x80 || b > 0xBF) {
                ok = 0;
                break;
            }
            bytes[j] = (unsigned char)b;
            pos += k2;
        }
        if (!ok || S_valid_seq(bytes, want, &bad) != want) {
            i += k;
            continue;
        }
        if ((rc = pc_buf_put(mem, out, s + run, i - run)) != PC_OK)
            return rc;
        if ((rc = pc_buf_put(mem, out, (const char *)bytes, want)) != PC_OK)
            return rc;
        (*fixed)++;
        i = run = pos;
    }
    return pc_buf_put(mem, out, s + run, n - run);
}

int pc_utf8_class(int32_t cp)
{
    if (cp < 0x80) /* negative values included: they class as control */
        return pc_utf8_class_ascii(cp);
    if (cp == 0x85 || cp == 0xA0)
        return PC_CC_SPACE;
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU: return PC_CC_LETTER_UPPER;
    case UTF8PROC_CATEGORY_LL: return PC_CC_LETTER_LOWER;
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO: return PC_CC_LETTER_OTHER;
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ME: return PC_CC_MARK;
    case UTF8PROC_CATEGORY_ND: return PC_CC_DIGIT;
    case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO: return PC_CC_NUMBER_OTHER;
    case UTF8PROC_CATEGORY_ZS:
    case UTF8PROC_CATEGORY_ZL:
    case UTF8PROC_CATEGORY_ZP: return PC_CC_SPACE;
    case UTF8PROC_CATEGORY_PC:
    case UTF8PROC_CATEGORY_PD:
    case UTF8PROC_CATEGORY_PS:
    case UTF8PROC_CATEGORY_PE:
    case UTF8PROC_CATEGORY_PI:
    case UTF8PROC_CATEGORY_PF:
    case UTF8PROC_CATEGORY_PO: return PC_CC_PUNCT;
    case UTF8PROC_CATEGORY_SM:
    case UTF8PROC_CATEGORY_SC:
    case UTF8PROC_CATEGORY_SK:
    case UTF8PROC_CATEGORY_SO: return PC_CC_SYMBOL;
    case UTF8PROC_CATEGORY_CC: return PC_CC_CONTROL;
    case UTF8PROC_CATEGORY_CF: return PC_CC_FORMAT;
    default: return PC_CC_OTHER;
    }
}

int pc_utf8_grapheme_break(int32_t prev, int32_t cp, int32_t *state)
{
    return utf8proc_grapheme_break_stateful(prev, cp, state) ? 1 : 0;
}

int32_t pc_utf8_tolower(int32_t cp)
{
    if (cp < 0x80)
        return (cp >= 'A' && cp <= 'Z') ? cp + 32 : cp;
    return utf8proc_tolower(cp);
}

int pc_utf8_ascii_in(const char *s, size_t n, const char *const *words)
{
    size_t k, i;
    for (k = 0; words[k]; k++) {
        if (strlen(words[k]) != n)
            continue;
        for (i = 0; i < n; i++) {
            char c = s[i];
            if (c >= 'A' && c <= 'Z')
                c = (char)(c + 32);
            if (c != words[k][i])
                break;
        }
        if (i == n)
            return 1;
    }
    return 0;
}

int pc_utf8_py_space(int32_t cp)
{
    return (cp >= 0x1C && cp <= 0x1F) || pc_utf8_class(cp) == PC_CC_SPACE;
}

int pc_utf8_py_alnum(int32_t cp)
{
    int c = pc_utf8_class(cp);
    return pc_cc_is_letter(c) || c == PC_CC_DIGIT || c == PC_CC_NUMBER_OTHER;
}

int32_t pc_utf8_toupper(int32_t cp)
{
    if (cp < 0x80)
        return (cp >= 'a' && cp <= 'z') ? cp - 32 : cp;
    return utf8proc_toupper(cp);
}

int pc_utf8_strip_marks(const pc_mem *mem, const char *s, size_t n, pc_buf *out)
{
    size_t i = 0;
    int rc;
    while (i < n) {
        utf8proc_int32_t cp, dec[32];
        utf8proc_ssize_t r, nd, j;
        if ((unsigned char)s[i] < 0x80) {
            if ((rc = pc_buf_putc(mem, out, s[i])) != PC_OK)
                return rc;
            i++;
            continue;
        }
        r = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &cp);
        if (r <= 0)
            return PC_EUTF8;
        i += (size_t)r;
        /* 32 code points hold the longest compatibility decomposition
         * (U+FDFA has 18) */
        nd = utf8proc_decompose_char(cp, dec, 32, UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT, NULL);
        if (nd < 0 || nd > 32) {
            dec[0] = cp;
            nd = 1;
        }
        for (j = 0; j < nd; j++) {
            if (utf8proc_get_property(dec[j])->combining_class)
                continue;
            if ((rc = pc_buf_put_cp(mem, out, dec[j])) != PC_OK)
                return rc;
        }
    }
    return PC_OK;
}
