/*
 * pc_segment.c - see pc_segment.h.
 */
#include "pc_segment.h"
#include "pc_utf8.h"

#include <string.h>

/* Abbreviations that take a period and usually do not end a sentence. */
static const char *const S_abbrev[] = {
    "Mr", "Mrs", "Ms", "Dr", "Prof", "Gen", "Sen", "Rep", "Gov", "Lt", "Col", "Capt", "Sgt",
    "Cpl", "Maj", "Adm", "Cmdr", "Rev", "Hon", "Pres", "Amb", "Fr", "St", "Mt", "Ft", "Ave",
    "Blvd", "Rd", "No", "Nos", "Vol", "vol", "pp", "vs", "cf", "approx", "est", "dept", "Dept",
    "Univ", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
    "Gov", "Sens", "Reps", "Messrs", "Mmes", "Gens", "Figs", "Fig", "fig", "al", "Op", "ed",
    "Insp", "Supt", "Det", "Brig", "Cdr", "Pvt", "Atty", "Assn", "Bros", NULL};
/* ... and those that often do end one ("... and so on, etc. The next"). */
static const char *const S_abbrev_final[] = {"etc", "Inc", "Ltd", "Corp", "Co", "Jr", "Sr",
                                             "LLC", "Plc", "plc", NULL};
/* ... but "a.m."/"p.m." continue into a day or a time zone ("9 a.m. Tuesday",
 * "4 a.m. EDT Thursday"): one time expression, not two sentences. */
static const char *const S_after_clock[] = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
                                            "Saturday", "Sunday", "GMT", "UTC", "EST", "EDT", "CST",
                                            "CDT", "PST", "PDT", "BST", "CET", "ET", NULL};

static int S_in(const char *s, size_t n, const char *const *list)
{
    /* first byte before strlen: every word before a period is looked up */
    for (; *list; list++)
        if (n && (*list)[0] == s[0] && (n == 1 || (*list)[1] == s[1]) && strlen(*list) == n &&
            memcmp(*list, s, n) == 0)
            return 1;
    return 0;
}

static int S_class_slow(const char *t, size_t end, size_t i, int32_t *cp, size_t *k)
{
    if (i >= end) {
        *cp = 0;
        *k = 0;
        return PC_CC_OTHER;
    }
    *k = pc_utf8_decode(t + i, end - i, cp);
    return pc_utf8_class(*cp);
}

#if defined(__GNUC__)
#define S_INLINE static inline __attribute__((always_inline))
#else
#define S_INLINE static inline
#endif

/* Class of the character at t[i] (PC_CC_OTHER with *k = 0 at the end).  The
 * ASCII case is kept small enough to be inlined into the tokenizer loops
 * (forced: GCC -O2 left it a call, 11% of the engine). */
S_INLINE int S_class_at(const char *t, size_t end, size_t i, int32_t *cp, size_t *k)
{
    if (i < end && (unsigned char)t[i] < 0x80) {
        *cp = (unsigned char)t[i];
        *k = 1;
        return pc_utf8_class_ascii(*cp);
    }
    return S_class_slow(t, end, i, cp, k);
}

static int S_ascii_alnum(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* Skip ASCII letters and digits from t[i] eight bytes at a time; *prev is set
 * to the last one skipped.  The byte loop that follows finishes the run
 * either way; this saves its per-letter branches (a mispredicted exit per
 * word was a third of the tokenizer).  0x80 of a mask byte marks: `digit`
 * '0'..'9', `alpha` 'A'..'Z' / 'a'..'z' (b | 0x20 folds case), computed on
 * the low seven bits so that no byte carries into the next; bytes >= 0x80
 * are never alphanumeric here. */
static size_t S_alnum_run(const char *t, size_t i, size_t end, int32_t *prev)
{
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    const uint64_t ones = 0x0101010101010101ULL, hi = 0x8080808080808080ULL;
    size_t start = i;
    while (end - i >= 8) {
        uint64_t w, x, y, digit, alpha, stop;
        memcpy(&w, t + i, 8);
        x = w & ~hi;
        y = x | (0x20 * ones);
        digit = (x + 0x50 * ones) & ~(x + 0x46 * ones) & hi;
        alpha = (y + 0x1F * ones) & ~(y + 0x05 * ones) & hi;
        stop = ~((digit | alpha) & ~(w & hi)) & hi;
        if (stop) {
            i += (size_t)__builtin_ctzll(stop) >> 3;
            break;
        }
        i += 8;
    }
    if (i > start)
        *prev = (unsigned char)t[i - 1];
#else
    (void)t;
    (void)end;
    (void)prev;
#endif
    return i;
}

static int S_is_apos(int32_t cp) { return cp == '\'' || cp == 0x2019; }

S_INLINE int S_push(const pc_mem *mem, pc_seg_result *r, size_t s, size_t e, int kind, int flags)
{
    if (r->ntok >= r->tcap) { /* a call per token only when it must grow */
        void *p = r->toks;
        int rc = pc_grow(mem, &p, &r->tcap, r->ntok + 1, sizeof(pc_token));
        if (rc != PC_OK)
            return rc;
        r->toks = (pc_token *)p;
    }
    r->toks[r->ntok].start = (uint32_t)s;
    r->toks[r->ntok].end = (uint32_t)e;
    r->toks[r->ntok].kind = (uint16_t)kind;
    r->toks[r->ntok].flags = (uint16_t)flags;
    r->ntok++;
    return PC_OK;
}

static int S_sent_punct(int32_t cp) { return cp == '.' || cp == '!' || cp == '?' || cp == 0x2026; }

static size_t S_url_end(const char *t, size_t i, size_t end)
{
    /* called for every word starting with h or w ("he", "with"): lengths
     * are constants and the second byte is checked before the compare */
    static const char *const pre[] = {"http://", "https://", "www.", NULL};
    static const size_t plen[] = {7, 8, 4};
    const char *const *p;
    for (p = pre; *p; p++) {
        size_t pl = plen[p - pre];
        if (t[i] != (*p)[0] || end - i <= pl + 2 || t[i + 1] != (*p)[1])
            continue;
        if (memcmp(t + i, *p, pl) == 0) {
            size_t j = i + pl;
            while (j < end && t[j] != ' ' && t[j] != '\n' && t[j] != '"' && t[j] != '<' &&
                   t[j] != '>')
                j++;
            /* trailing punctuation belongs to the sentence */
            while (j > i + pl && (t[j - 1] == '.' || t[j - 1] == ',' || t[j - 1] == ')' ||
                                  t[j - 1] == ';' || t[j - 1] == ':' || t[j - 1] == '!' ||
                                  t[j - 1] == '?' || t[j - 1] == '\''))
                j--;
            return j;
        }
    }
    return i;
}

int pc_tokenize(const pc_mem *mem, const char *t, size_t start, size_t end, pc_seg_result *res)
{
    size_t i = start;
    int rc;

    while (i < end) {
        int32_t cp, cp2;
        size_t k, k2, s = i, u;
        int cls = S_class_at(t, end, i, &cp, &k), flags = 0;

        if (cls == PC_CC_SPACE || cp == '\n') {
            if (res->ntok && res->toks[res->ntok - 1].end == i)
                res->toks[res->ntok - 1].flags |= PC_TF_SPACE_AFTER;
            i += k;
            continue;
        }
        if ((cp == 'h' || cp == 'w') && (u = S_url_end(t, i, end)) > i) {
            if ((rc = S_push(mem, res, i, u, PC_TOK_URL, 0)) != PC_OK)
                return rc;
            i = u;
            continue;
        }
        /* possessive 's after a word: its own token */
        if (S_is_apos(cp) && res->ntok && res->toks[res->ntok - 1].end == i &&
            res->toks[res->ntok - 1].kind == PC_TOK_WORD) {
            int c2 = S_class_at(t, end, i + k, &cp2, &k2);
            int32_t cp3;
            size_t k3;
            (void)c2;
            if ((cp2 == 's' || cp2 == 'S') && !pc_cc_is_word(S_class_at(t, end, i + k + k2, &cp3, &k3))) {
                if ((rc = S_push(mem, res, i, i + k + k2, PC_TOK_WORD, 0)) != PC_OK)
                    return rc;
                i += k + k2;
                continue;
            }
        }
        if (pc_cc_is_word(cls)) {
            int kind = cls == PC_CC_DIGIT ? PC_TOK_NUM : PC_TOK_WORD;
            int32_t prev = cp;
            size_t single_letter;
            i += k;
            for (;;) {
                int c;
                /* ASCII letters and digits, the bulk of every word */
                i = S_alnum_run(t, i, end, &prev);
                while (i < end && S_ascii_alnum((unsigned char)t[i])) {
                    prev = (unsigned char)t[i];
                    i++;
                }
                c = S_class_at(t, end, i, &cp, &k);
                if (pc_cc_is_word(c)) {
                    prev = cp;
                    i += k;
                    continue;
                }
                /* only . , : ' U+2019 & can continue a word */
                if (k && i + k < end &&
                    (cp == '.' || cp == ',' || cp == ':' || cp == '&' || S_is_apos(cp))) {
                    int cn = S_class_at(t, end, i + k, &cp2, &k2);
                    int prev_digit = pc_utf8_class(prev) == PC_CC_DIGIT;
                    if ((cp == '.' || cp == ',' || cp == ':') && prev_digit && cn == PC_CC_DIGIT) {
                        prev = cp2;
                        i += k + k2;
                        continue;
                    }
                    if (S_is_apos(cp) && pc_cc_is_letter(pc_utf8_class(prev)) && pc_cc_is_letter(cn)) {
                        /* "don't", "O'Brien"; but not the possessive 's */
                        int32_t cp3;
                        size_t k3;
                        if ((cp2 == 's' || cp2 == 'S') &&
                            !pc_cc_is_word(S_class_at(t, end, i + k + k2, &cp3, &k3)))
                            break;
                        prev = cp2;
                        i += k + k2;
                        continue;
                    }
                    if (cp == '&' && pc_utf8_class(prev) == PC_CC_LETTER_UPPER &&
                        cn == PC_CC_LETTER_UPPER) {
                        prev = cp2;
                        i += k + k2;
                        continue;
                    }
                }
                break;
            }
            /* abbreviation period: "U.S.", "J.", "Mr.", "Jan." */
            if (i < end && t[i] == '.') {
                single_letter = i - s <= 4 && pc_utf8_count(t + s, i - s) == 1 &&
                                pc_cc_is_letter(pc_utf8_class(prev));
                if (single_letter) {
                    i++;
                    /* more letter-period pairs: "U.S.", "a.m." */
                    for (;;) {
                        int c = S_class_at(t, end, i, &cp, &k);
                        if (pc_cc_is_letter(c) && i + k < end && t[i + k] == '.') {
                            int32_t cp3;
                            size_t k3;
                            int c3 = S_class_at(t, end, i + k + 1, &cp3, &k3);
                            (void)c3;
                            i += k + 1;
                            continue;
                        }
                        break;
                    }
                    flags |= PC_TF_ABBREV;
                } else if (S_in(t + s, i - s, S_abbrev) || S_in(t + s, i - s, S_abbrev_final)) {
                    i++;
                    flags |= PC_TF_ABBREV;
                }
            }
            if ((rc = S_push(mem, res, s, i, kind, flags)) != PC_OK)
                return rc;
            continue;
        }
        if (S_sent_punct(cp)) {
            i += k;
            while (i < end) {
                S_class_at(t, end, i, &cp, &k);
                if (!S_sent_punct(cp))
                    break;
                i += k;
            }
            if ((rc = S_push(mem, res, s, i, PC_TOK_PUNCT, 0)) != PC_OK)
                return rc;
            continue;
        }
        if (cls == PC_CC_PUNCT) {
            int32_t first = cp;
            i += k;
            if (first == '-' || first == 0x2014 || first == 0x2013) {
                while (i < end) {
                    S_class_at(t, end, i, &cp, &k);
                    if (cp != first)
                        break;
                    i += k;
                }
            }
            if ((rc = S_push(mem, res, s, i, PC_TOK_PUNCT, 0)) != PC_OK)
                return rc;
            continue;
        }
        /* symbols and everything else: one grapheme cluster */
        {
            int32_t state = 0, prevcp = cp;
            i += k;
            while (i < end) {
                int c = S_class_at(t, end, i, &cp, &k);
                if (c == PC_CC_SPACE || pc_utf8_grapheme_break(prevcp, cp, &state))
                    break;
                prevcp = cp;
                i += k;
            }
            if ((rc = S_push(mem, res, s, i, cls == PC_CC_SYMBOL ? PC_TOK_SYM : PC_TOK_OTHER, 0)) !=
                PC_OK)
                return rc;
        }
    }
    return PC_OK;
}

static int S_closing(int32_t cp)
{
    return cp == '"' || cp == '\'' || cp == ')' || cp == ']' || cp == 0x201D || cp == 0x2019 ||
           cp == 0xBB || cp == 0x203A;
}

static int S_opening(int32_t cp)
{
    return cp == '"' || cp == '\'' || cp == '(' || cp == '[' || cp == 0x201C || cp == 0x2018 ||
           cp == 0xAB || cp == 0x2039 || cp == 0xBF || cp == 0xA1;
}

static int S_add_sent(const pc_mem *mem, pc_seg_result *r, size_t t0, size_t t1, size_t para)
{
    void *p = r->sents;
    int rc;
    if (t1 <= t0)
        return PC_OK;
    rc = pc_grow(mem, &p, &r->scap, r->nsent + 1, sizeof(pc_sentence));
    if (rc != PC_OK)
        return rc;
    r->sents = (pc_sentence *)p;
    r->sents[r->nsent].start = r->toks[t0].start;
    r->sents[r->nsent].end = r->toks[t1 - 1].end;
    r->sents[r->nsent].tok_start = (uint32_t)t0;
    r->sents[r->nsent].tok_end = (uint32_t)t1;
    r->sents[r->nsent].para = (uint32_t)para;
    r->nsent++;
    return PC_OK;
}

int pc_segment(const pc_mem *mem, const char *t, size_t len, const pc_para *paras, size_t npara,
               pc_seg_result *res)
{
    size_t pi;
    int rc;

    for (pi = 0; pi < npara; pi++) {
        size_t t0 = res->ntok, k, sent0;
        if (paras[pi].end > len || paras[pi].start > paras[pi].end)
            return PC_EINVAL;
        if ((rc = pc_tokenize(mem, t, paras[pi].start, paras[pi].end, res)) != PC_OK)
            return rc;
        sent0 = t0;
        if (paras[pi].kind != PC_PARA_BODY) {
            if ((rc = S_add_sent(mem, res, t0, res->ntok, pi)) != PC_OK)
                return rc;
            continue;
        }
        for (k = t0; k < res->ntok; k++) {
            pc_token *tk = &res->toks[k];
            size_t j;
            int32_t cp, first;
            int ends = 0;

            if (tk->kind == PC_TOK_PUNCT) {
                if ((unsigned char)t[tk->start] < 0x80) /* ASCII decodes to itself */
                    first = (unsigned char)t[tk->start];
                else
                    pc_utf8_decode(t + tk->start, tk->end - tk->start, &first);
                ends = S_sent_punct(first);
            } else if ((tk->flags & PC_TF_ABBREV) && tk->kind == PC_TOK_WORD) {
                size_t wl = tk->end - tk->start - 1;
                ends = S_in(t + tk->start, wl, S_abbrev_final) ||
                       (wl == 3 && (memcmp(t + tk->start, "a.m", 3) == 0 ||
                                    memcmp(t + tk->start, "p.m", 3) == 0) &&
                        !(k + 1 < res->ntok &&
                          S_in(t + res->toks[k + 1].start, res->toks[k + 1].end - res->toks[k + 1].start,
                               S_after_clock)));
            }
            if (!ends)
                continue;
            /* closing quotes/brackets glued to the punctuation */
            j = k + 1;
            while (j < res->ntok && res->toks[j].start == res->toks[j - 1].end &&
                   res->toks[j].kind == PC_TOK_PUNCT) {
                pc_utf8_decode(t + res->toks[j].start, res->toks[j].end - res->toks[j].start, &cp);
                if (!S_closing(cp))
                    break;
                j++;
            }
            if (j >= res->ntok)
                break; /* paragraph end */
            if (res->toks[j].start == res->toks[j - 1].end)
                continue; /* no white space: "active…particularly" */
            pc_utf8_decode(t + res->toks[j].start, res->toks[j].end - res->toks[j].start, &cp);
            {
                int c = pc_utf8_class(cp);
                if (!(c == PC_CC_LETTER_UPPER || c == PC_CC_DIGIT || c == PC_CC_LETTER_OTHER ||
                      S_opening(cp)))
                    continue;
            }
            if ((rc = S_add_sent(mem, res, sent0, j, pi)) != PC_OK)
                return rc;
            sent0 = j;
            k = j - 1;
        }
        if ((rc = S_add_sent(mem, res, sent0, res->ntok, pi)) != PC_OK)
            return rc;
    }
    return PC_OK;
}

void pc_seg_result_free(const pc_mem *mem, pc_seg_result *res)
{
    if (res->toks)
        mem->free(mem->ctx, res->toks);
    if (res->sents)
        mem->free(mem->ctx, res->sents);
    memset(res, 0, sizeof *res);
}

size_t pc_seg_token_from(const pc_token *toks, size_t n, size_t off)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (toks[mid].start < off)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

size_t pc_seg_sentences_upto(const pc_sentence *sents, size_t n, size_t off)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (sents[mid].start <= off)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

int pc_seg_check(size_t len, const pc_token *toks, size_t ntok, const pc_sentence *sents, size_t nsent)
{
    size_t i;
    if ((!toks && ntok) || (!sents && nsent))
        return PC_EINVAL;
    for (i = 0; i < ntok; i++)
        if (toks[i].start > toks[i].end || toks[i].end > len || (i && toks[i].start < toks[i - 1].end))
            return PC_EINVAL;
    for (i = 0; i < nsent; i++)
        if (sents[i].start > sents[i].end || sents[i].end > len || sents[i].tok_start > sents[i].tok_end ||
            sents[i].tok_end > ntok)
            return PC_EINVAL;
    return PC_OK;
}
