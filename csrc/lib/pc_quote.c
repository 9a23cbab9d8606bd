/*
 * pc_quote.c - quotation scanner (see pc_quote.h).
 */
#include "pc_quote.h"

#include <string.h>

#include "pc_utf8.h"

#define S_NONE PC_QUOTE_NONE
#define S_WINDOW 40 /* tokens looked at on either side of a quote */

/* Mark kinds */
enum { S_M_NONE = 0, S_M_DOPEN, S_M_DCLOSE, S_M_DSTRAIGHT, S_M_SOPEN, S_M_SCLOSE, S_M_SSTRAIGHT };

typedef struct {
    const char *text;
    size_t len;
    const pc_token *toks;
    size_t ntok;
    const pc_sentence *sents;
    size_t nsent;
    pc_quote *q;
    size_t nq;
} S_ctx;

/* Cue verbs, lowercase.  Participles in -ing are cues too ("stating:").
 * Multi-word cues (according to, described as, expressed concern, told X)
 * are completed in S_cue(). */
static const char *const S_CUES[] = {
    "said", "says", "say", "saying", "stated", "states", "stating", "told", "tells", "telling",
    "argued", "argues", "arguing", "asked", "asks", "asking", "explained", "explains",
    "explaining", "noted", "notes", "noting", "added", "adds", "adding", "insisted", "insists",
    "insisting", "warned", "warns", "warning", "wrote", "writes", "writing", "claimed", "claims",
    "claiming", "according", "stressed", "stresses", "emphasized", "emphasised", "emphasizes",
    "emphasises", "underscored", "underlined", "mentioned", "replied", "replies", "responded",
    "remarked", "declared", "declares", "announced", "admitted", "admits", "acknowledged",
    "suggested", "suggests", "observed", "commented", "continued", "concluded", "recalled",
    "reiterated", "urged", "estimated", "complained", "predicted", "confirmed", "denied",
    "alleged", "maintained", "contended", "tweeted", "posted", "described", "expressed",
    "criticized", "criticised", "pointed", "called", "believes", "thinks", "agreed", "accused",
    "joked", "quipped", "cautioned", "conceded", "revealed", "reported", "shouted", "blasted",
    "vowed", "promised", "proclaimed", "exclaimed", "whispered", "boasted", "insisted",
    "countered", "retorted", "wondered", "recounted", "recalls", "testified", "affirmed",
    "asserted", "assured", "announces", "adds", "calling", "labeled", "labelled", "dubbed",
    "branded", "termed", "describing", "describes", "pledged", "promising", "blamed", "slammed",
    "praised", "hailed", NULL};

static const char *const S_PRONOUNS[] = {"he", "she", "they", "we", "i", NULL};

/* Capitalised words that start a sentence without naming anyone. */
static const char *const S_STOPCAP[] = {
    "the", "a", "an", "in", "on", "at", "for", "but", "and", "or", "however", "it", "this", "that",
    "these", "those", "as", "if", "when", "while", "after", "before", "during", "since", "so",
    "yet", "still", "also", "then", "there", "here", "what", "why", "how", "who", "earlier",
    "later", "meanwhile", "ultimately", "ahead", "instead", "for", "with", "by", "from", "to",
    "of", "his", "her", "their", "its", "our", "my", "we", "he", "she", "they", "i", "you",
    "last", "next", "speaking", "asked", "according", "although", "though", "despite",
    "nevertheless", "moreover", "furthermore", "indeed", "now", "today", "yesterday", "both",
    "each", "every", "some", "many", "most", "one", "two", "once", "monday", "tuesday",
    "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march",
    "april", "june", "july", "august", "september", "october", "november", "december",
    "no", "not", "only", "even", "just", "like", "unlike", "under", "over", "until", "because",
    "where", "whether", "all", "any", "several", "other", NULL};

static const char *const S_PREPS[] = {"of", "in", "at", "to", "for", "from", "with", "by", "on",
                                      "about", "against", "between", "into", "over", "under",
                                      "than", "toward", "towards", "via", "within", NULL};

static const char *const S_ADVERBS[] = {"also", "then", "later", "again", "further", "once",
                                        "previously", "recently", "has", "have", "had",
                                        "repeatedly", "earlier", "often", "simply", "just",
                                        "has", "reportedly", "once", "quickly", NULL};

/* Words that may follow a closing "Name said" before the full stop. */
static const char *const S_WHEN[] = {"on", "in", "at", "last", "this", "during", "after", "before",
                                     "earlier", "later", "yesterday", "today", "recently", NULL};

static const char *const S_PARTICLES[] = {"de", "van", "von", "der", "den", "al", "el", "bin",
                                          "ibn", "da", "di", "du", "la", "le", "del", "dos",
                                          "ter", NULL};

/* Words that end a role NP read forwards ("one Western diplomat familiar
 * with ..." -> "one Western diplomat"). */
static const char *const S_NP_STOP[] = {"who", "which", "that", "familiar", "on", "in", "at",
                                        "with", "from", "to", "for", "when", "after", "before",
                                        "during", "while", "and", "but", "speaking", "as",
                                        "earlier", "later", "last", "this", "yesterday",
                                        "today", "recently", "has", "had", "was", "is", NULL};

const char *pc_quote_kind_name(int kind)
{
    switch (kind) {
    case PC_QK_DIRECT: return "direct";
    case PC_QK_PARTIAL: return "partial";
    case PC_QK_SCARE: return "scare";
    default: return "";
    }
}

/* ---- characters and marks --------------------------------------------- */

static int S_mark(const char *t, size_t n, size_t i, size_t *mlen)
{
    unsigned char c = (unsigned char)t[i];
    *mlen = 1;
    if (c == '"')
        return S_M_DSTRAIGHT;
    if (c == '\'')
        return S_M_SSTRAIGHT;
    if (c == 0xE2 && i + 2 < n && (unsigned char)t[i + 1] == 0x80) {
        unsigned char d = (unsigned char)t[i + 2];
        *mlen = 3;
        if (d == 0x9C || d == 0x9E)
            return S_M_DOPEN;
        if (d == 0x9D)
            return S_M_DCLOSE;
        if (d == 0x98)
            return S_M_SOPEN;
        if (d == 0x99)
            return S_M_SCLOSE;
    }
    if (c == 0xC2 && i + 1 < n) {
        *mlen = 2;
        if ((unsigned char)t[i + 1] == 0xAB)
            return S_M_DOPEN;
        if ((unsigned char)t[i + 1] == 0xBB)
            return S_M_DCLOSE;
    }
    *mlen = 1;
    return S_M_NONE;
}

/* Class of the code point ending just before byte i (0 at the start). */
static int32_t S_prev_cp(const char *t, size_t start, size_t i)
{
    size_t j = i;
    int32_t cp = 0;
    if (i <= start)
        return 0;
    j--;
    while (j > start && ((unsigned char)t[j] & 0xC0) == 0x80)
        j--;
    pc_utf8_decode(t + j, i - j, &cp);
    return cp;
}

static int32_t S_next_cp(const char *t, size_t end, size_t i)
{
    int32_t cp = 0;
    if (i >= end)
        return 0;
    pc_utf8_decode(t + i, end - i, &cp);
    return cp;
}

static int S_is_space_cp(int32_t cp)
{
    return cp == 0 || cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0xA0 ||
           pc_utf8_class(cp) == PC_CC_SPACE;
}

/* A mark right after this code point opens a quote. */
static int S_opens_after(int32_t cp)
{
    return S_is_space_cp(cp) || cp == '(' || cp == '[' || cp == '{' || cp == ':' ||
           cp == 0x2014 || cp == 0x2013 || cp == '-' || cp == 0x201C || cp == 0x2018 ||
           cp == '/';
}

static int S_wordy(int32_t cp)
{
    return cp > 0 && pc_cc_is_word(pc_utf8_class(cp));
}

/* ---- tokens ------------------------------------------------------------- */

/* First token starting at or after byte pos. */
static size_t S_tok_from(const S_ctx *c, size_t pos) { return pc_seg_token_from(c->toks, c->ntok, pos); }

/* Sentence containing byte pos (the last one starting at or before it). */
static size_t S_sent_of(const S_ctx *c, size_t pos)
{
    size_t n = pc_seg_sentences_upto(c->sents, c->nsent, pos);
    return n ? n - 1 : 0;
}

static size_t S_tlen(const S_ctx *c, size_t i) { return c->toks[i].end - c->toks[i].start; }

static int S_tok_is(const S_ctx *c, size_t i, const char *w)
{
    size_t n = strlen(w), k;
    const char *s = c->text + c->toks[i].start;
    if (S_tlen(c, i) != n)
        return 0;
    for (k = 0; k < n; k++) {
        char ch = s[k];
        if (ch >= 'A' && ch <= 'Z')
            ch = (char)(ch - 'A' + 'a');
        if (ch != w[k])
            return 0;
    }
    return 1;
}

static int S_tok_in(const S_ctx *c, size_t i, const char *const *list)
{
    size_t k;
    for (k = 0; list[k]; k++)
        if (S_tok_is(c, i, list[k]))
            return 1;
    return 0;
}

static int S_tok_ch(const S_ctx *c, size_t i, char ch)
{
    return S_tlen(c, i) == 1 && c->text[c->toks[i].start] == ch;
}

static int S_is_word(const S_ctx *c, size_t i)
{
    return c->toks[i].kind == PC_TOK_WORD;
}

static int S_is_cap(const S_ctx *c, size_t i)
{
    int32_t cp = 0;
    if (!S_is_word(c, i))
        return 0;
    pc_utf8_decode(c->text + c->toks[i].start, S_tlen(c, i), &cp);
    return pc_utf8_class(cp) == PC_CC_LETTER_UPPER;
}

static int S_is_lower(const S_ctx *c, size_t i)
{
    int32_t cp = 0;
    if (!S_is_word(c, i))
        return 0;
    pc_utf8_decode(c->text + c->toks[i].start, S_tlen(c, i), &cp);
    return pc_utf8_class(cp) == PC_CC_LETTER_LOWER;
}

static int S_is_possessive(const S_ctx *c, size_t i)
{
    const char *s = c->text + c->toks[i].start;
    size_t n = S_tlen(c, i);
    return (n == 2 && s[0] == '\'' && (s[1] == 's' || s[1] == 'S')) ||
           (n == 4 && memcmp(s, "\xE2\x80\x99s", 4) == 0);
}

/* Token i ends a sentence or starts/ends a quote: windows stop there. */
static int S_is_barrier(const S_ctx *c, size_t i)
{
    const char *s = c->text + c->toks[i].start;
    size_t n = S_tlen(c, i), ml;
    if (c->toks[i].kind != PC_TOK_PUNCT && c->toks[i].kind != PC_TOK_OTHER &&
        c->toks[i].kind != PC_TOK_SYM)
        return 0;
    if (s[0] == '.' || s[0] == '!' || s[0] == '?' || s[0] == ';')
        return 1;
    if (n >= 3 && memcmp(s, "\xE2\x80\xA6", 3) == 0) /* … */
        return 1;
    switch (S_mark(s, n, 0, &ml)) {
    case S_M_DOPEN:
    case S_M_DCLOSE:
    case S_M_DSTRAIGHT: return 1;
    default: return 0;
    }
}

static int S_adjacent(const S_ctx *c, size_t i) /* no space between i and i+1 */
{
    return i + 1 < c->ntok && c->toks[i].end == c->toks[i + 1].start;
}

/* Is token i a cue?  Sets *end to the token after the cue phrase. */
static int S_cue(const S_ctx *c, size_t i, size_t lim, size_t *end)
{
    if (i >= lim || !S_is_lower(c, i) || !S_tok_in(c, i, S_CUES))
        return 0;
    *end = i + 1;
    if (S_tok_is(c, i, "according")) {
        if (i + 1 < lim && S_tok_is(c, i + 1, "to")) {
            *end = i + 2;
            return 1;
        }
        return 0;
    }
    if (S_tok_is(c, i, "described")) {
        if (i + 1 < lim && S_tok_is(c, i + 1, "as"))
            *end = i + 2;
        return 1;
    }
    if (S_tok_is(c, i, "pointed")) { /* "pointed out"; "pointed to" is not speech */
        if (i + 1 < lim && S_tok_is(c, i + 1, "out")) {
            *end = i + 2;
            return 1;
        }
        return 0;
    }
    if (S_tok_is(c, i, "expressed")) {
        if (i + 1 < lim && S_tok_is(c, i + 1, "concern"))
            *end = i + 2;
        return 1;
    }
    if (S_tok_is(c, i, "told") || S_tok_is(c, i, "telling") || S_tok_is(c, i, "tells")) {
        size_t j = i + 1;
        /* told RFE/RL, told RFE/RL's Armenian Service */
        while (j < lim && (S_is_cap(c, j) ||
                           ((S_tok_ch(c, j, '/') || S_tok_ch(c, j, '-') || S_is_possessive(c, j)) &&
                            j + 1 < lim && S_is_cap(c, j + 1))))
            j++;
        *end = j;
    }
    return 1;
}

/* End (exclusive) of the name run starting at i, or i if none.  A run is
 * capitalised words joined by spaces, hyphens, slashes or particles. */
static size_t S_name_run(const S_ctx *c, size_t i, size_t lim)
{
    size_t j = i;
    if (i + 1 < lim && S_tok_in(c, i, S_PARTICLES) && S_is_cap(c, i + 1))
        i++; /* "de Waal said" */
    else if (i >= lim || !S_is_cap(c, i))
        return i;
    j = i + 1;
    while (j < lim) {
        if (S_is_cap(c, j) && (c->toks[j - 1].flags & PC_TF_SPACE_AFTER || S_adjacent(c, j - 1))) {
            j++;
            continue;
        }
        if ((S_tok_ch(c, j, '-') || S_tok_ch(c, j, '/')) && j + 1 < lim && S_is_cap(c, j + 1) &&
            S_adjacent(c, j - 1) && S_adjacent(c, j)) {
            j += 2;
            continue;
        }
        if (S_tok_in(c, j, S_PARTICLES) && j + 1 < lim && S_is_cap(c, j + 1)) {
            j += 2;
            continue;
        }
        break;
    }
    return j;
}

/* Start of the name run ending at token k (inclusive), scanning back to lo. */
static size_t S_name_run_back(const S_ctx *c, size_t k, size_t lo)
{
    size_t j = k;
    if (!S_is_cap(c, k))
        return k + 1;
    while (j > lo) {
        if (S_is_cap(c, j - 1)) {
            j--;
            continue;
        }
        if (j >= lo + 2 && (S_tok_ch(c, j - 1, '-') || S_tok_ch(c, j - 1, '/')) &&
            S_is_cap(c, j - 2) && S_adjacent(c, j - 2) && S_adjacent(c, j - 1)) {
            j -= 2;
            continue;
        }
        if (j >= lo + 2 && S_tok_in(c, j - 1, S_PARTICLES) && S_is_cap(c, j - 2)) {
            j -= 2;
            continue;
        }
        break;
    }
    return j;
}

static int S_is_det(const S_ctx *c, size_t i)
{
    return S_tok_is(c, i, "the") || S_tok_is(c, i, "a") || S_tok_is(c, i, "an") ||
           S_tok_is(c, i, "one");
}

/* A speaker NP starting at token i (up to lim).  Returns the kind and sets
 * [*ns, *ne) in tokens; 0 when there is none. */
static int S_np_forward(const S_ctx *c, size_t i, size_t lim, size_t *ns, size_t *ne)
{
    size_t j, cend;
    if (i >= lim)
        return PC_SPK_NONE;
    if (S_is_lower(c, i) && S_tok_in(c, i, S_PRONOUNS)) {
        *ns = i;
        *ne = i + 1;
        return PC_SPK_PRONOUN;
    }
    if (S_is_word(c, i) && S_tok_in(c, i, S_PRONOUNS) && S_tok_is(c, i, "i")) {
        *ns = i;
        *ne = i + 1;
        return PC_SPK_PRONOUN;
    }
    if (S_is_det(c, i)) {
        j = i + 1;
        while (j < lim && j < i + 6 && S_is_word(c, j) && !S_tok_in(c, j, S_NP_STOP) &&
               !S_cue(c, j, lim, &cend))
            j++;
        if (j == i + 1)
            return PC_SPK_NONE;
        *ns = i;
        *ne = j;
        return PC_SPK_ROLE;
    }
    j = S_name_run(c, i, lim);
    if (j > i) {
        /* "Azerbaijani analyst Togroul Djuvarli": adjective, role word, name */
        size_t k = j, e;
        while (k < lim && k < j + 3 && S_is_lower(c, k) && !S_tok_in(c, k, S_NP_STOP) &&
               !S_tok_in(c, k, S_PREPS) && !S_cue(c, k, lim, &cend))
            k++;
        if (k > j && k < lim && (e = S_name_run(c, k, lim)) > k)
            j = e;
        *ns = i;
        *ne = j;
        return PC_SPK_NAME;
    }
    /* a bare plural role: "officials said", "analysts say" */
    if (S_is_lower(c, i) && i + 1 < lim && S_cue(c, i + 1, lim, &cend) &&
        c->text[c->toks[i].end - 1] == 's') {
        *ns = i;
        *ne = i + 1;
        return PC_SPK_ROLE;
    }
    return PC_SPK_NONE;
}

/* Appositive after an NP ending at token j: ", <role>," -> role tokens and
 * the index after the second comma (or the end of the role at a full stop). */
static int S_appositive(const S_ctx *c, size_t j, size_t lim, size_t *rs, size_t *re, size_t *after)
{
    size_t k;
    if (j >= lim || !S_tok_ch(c, j, ','))
        return 0;
    for (k = j + 1; k < lim && k < j + S_WINDOW; k++) {
        if (S_tok_ch(c, k, ',') || S_is_barrier(c, k)) {
            if (k == j + 1)
                return 0;
            *rs = j + 1;
            *re = k;
            *after = S_tok_ch(c, k, ',') ? k + 1 : k;
            return 1;
        }
    }
    if (k == lim && k > j + 1) {
        *rs = j + 1;
        *re = k;
        *after = k;
        return 1;
    }
    return 0;
}

static void S_set_cue(const S_ctx *c, pc_quote *q, size_t cs, size_t ce)
{
    q->cue_start = c->toks[cs].start;
    q->cue_end = c->toks[ce - 1].end;
}

static void S_set_spk(const S_ctx *c, pc_quote *q, int kind, size_t ns, size_t ne)
{
    q->spk_kind = (uint16_t)kind;
    q->spk_start = c->toks[ns].start;
    q->spk_end = c->toks[ne - 1].end;
}

static void S_set_role(const S_ctx *c, pc_quote *q, size_t rs, size_t re)
{
    if (re > rs) {
        q->role_start = c->toks[rs].start;
        q->role_end = c->toks[re - 1].end;
    }
}

static int S_skip_adverbs(const S_ctx *c, size_t *j, size_t lim)
{
    int n = 0;
    while (*j < lim && n < 3 && S_tok_in(c, *j, S_ADVERBS)) {
        (*j)++;
        n++;
    }
    return n;
}

/* Index after a parenthetical "(D-S.C.)" starting at j, or j. */
static size_t S_skip_paren(const S_ctx *c, size_t j, size_t lim)
{
    size_t k;
    if (j >= lim || !S_tok_ch(c, j, '('))
        return j;
    for (k = j + 1; k < lim && k < j + 10; k++)
        if (S_tok_ch(c, k, ')'))
            return k + 1;
    return j;
}

/* Cue after the closing mark: tokens [a, lim). */
static int S_cue_after(const S_ctx *c, pc_quote *q, size_t a, size_t lim)
{
    size_t i = a, ce, ns, ne, rs, re, after, j;
    int kind;
    if (i < lim && S_tok_ch(c, i, ','))
        i++;
    if (i >= lim)
        return 0;
    if (S_cue(c, i, lim, &ce)) { /* said X */
        S_set_cue(c, q, i, ce);
        kind = S_np_forward(c, ce, lim, &ns, &ne);
        if (kind) {
            S_set_spk(c, q, kind, ns, ne);
            if (S_appositive(c, ne, lim, &rs, &re, &after))
                S_set_role(c, q, rs, re);
        }
        return 1;
    }
    kind = S_np_forward(c, i, lim, &ns, &ne); /* X said */
    if (!kind)
        return 0;
    j = S_skip_paren(c, ne, lim);
    S_skip_adverbs(c, &j, lim);
    if (S_cue(c, j, lim, &ce)) {
        S_set_cue(c, q, j, ce);
        S_set_spk(c, q, kind, ns, ne);
        return 1;
    }
    if (kind == PC_SPK_NAME && S_appositive(c, S_skip_paren(c, ne, lim), lim, &rs, &re, &after)) {
        j = after;
        S_skip_adverbs(c, &j, lim);
        if (S_cue(c, j, lim, &ce)) {
            S_set_cue(c, q, j, ce);
            S_set_spk(c, q, kind, ns, ne);
            S_set_role(c, q, rs, re);
            return 1;
        }
    }
    return 0;
}

/* Is token k inside the content of a quote found so far? */
static int S_in_quote(const S_ctx *c, size_t k, size_t qi)
{
    uint32_t pos = c->toks[k].start;
    size_t n = 0;
    while (qi > 0 && n < 8) { /* only the few quotes just before matter */
        const pc_quote *p = &c->q[qi - 1];
        if (pos >= p->open_mark && pos <= p->close_mark)
            return 1;
        if (p->close_mark < pos)
            return 0;
        qi--;
        n++;
    }
    return 0;
}

/* Subject of the cue at token cs, searched back to lo (inclusive). */
static int S_subject_before(const S_ctx *c, pc_quote *q, size_t cs, size_t lo, size_t qi)
{
    size_t k, m, ns, ne;
    if (cs <= lo)
        return 0;
    k = cs - 1;
    while (k > lo && S_tok_in(c, k, S_ADVERBS))
        k--;
    if (S_in_quote(c, k, qi))
        return 0;
    /* a pronoun: lowercase, or capitalised at the start of the clause */
    if (S_is_word(c, k) && S_tok_in(c, k, S_PRONOUNS) && (!S_is_cap(c, k) || k == lo)) {
        S_set_spk(c, q, PC_SPK_PRONOUN, k, k + 1);
        return 1;
    }
    if (S_is_cap(c, k)) {
        ns = S_name_run_back(c, k, lo);
        if (!(ns > lo && S_tok_in(c, ns - 1, S_PREPS))) {
            S_set_spk(c, q, PC_SPK_NAME, ns, k + 1);
            return 1;
        }
    }
    if (S_is_lower(c, k) && !S_tok_in(c, k, S_PREPS) && !S_tok_in(c, k, S_STOPCAP)) {
        /* role NP: "the diplomat", "U.S. officials", "the Western diplomat" */
        size_t j = k;
        while (j > lo && j + 4 > k && (S_is_cap(c, j - 1) || S_is_det(c, j - 1) ||
                                       (S_is_lower(c, j - 1) && !S_tok_in(c, j - 1, S_PREPS) &&
                                        !S_tok_in(c, j - 1, S_STOPCAP))))
            j--;
        if (S_is_det(c, j) || S_is_cap(c, j)) {
            S_set_spk(c, q, PC_SPK_ROLE, j, k + 1);
            return 1;
        }
    }
    /* "X, R-Ky., said" / "X (D-S.C.), the party's leader, said" */
    if (S_tok_ch(c, k, ',') && k > lo) {
        for (m = k - 1; m > lo && m + 25 > k; m--) {
            if (S_is_barrier(c, m))
                break;
            if (S_tok_ch(c, m, ',')) {
                size_t e = m;
                if (e > lo && S_tok_ch(c, e - 1, ')')) { /* skip "(D-S.C.)" */
                    size_t o = e - 1;
                    while (o > lo && o + 10 > e && !S_tok_ch(c, o, '('))
                        o--;
                    if (S_tok_ch(c, o, '('))
                        e = o;
                }
                if (e > lo && S_is_cap(c, e - 1)) {
                    ns = S_name_run_back(c, e - 1, lo);
                    if (!(ns > lo && S_tok_in(c, ns - 1, S_PREPS)) &&
                        !(e - 1 == ns && S_tok_in(c, ns, S_STOPCAP))) {
                        S_set_spk(c, q, PC_SPK_NAME, ns, e);
                        S_set_role(c, q, m + 1, k);
                        return 1;
                    }
                }
                break;
            }
        }
    }
    /* appositive: "X, the ambassador in Paris said" */
    for (m = k; m > lo && m + 25 > k; m--) {
        if (S_tok_ch(c, m, ',')) {
            if (m > lo && S_is_cap(c, m - 1) && m + 1 <= k && m + 12 > k &&
                !(m - 1 == lo && S_tok_in(c, m - 1, S_STOPCAP)) &&
                (S_is_det(c, m + 1) || (m + 2 <= k && S_is_possessive(c, m + 2)))) {
                ns = S_name_run_back(c, m - 1, lo);
                S_set_spk(c, q, PC_SPK_NAME, ns, m);
                S_set_role(c, q, m + 1, k + 1);
                return 1;
            }
            break;
        }
        if (S_is_barrier(c, m))
            break;
    }
    /* the sentence subject: the last name run not after a preposition and
     * followed by a comma or a lowercase word */
    ne = 0;
    for (m = lo; m < cs; m++) {
        size_t e;
        if (!S_is_cap(c, m) || S_in_quote(c, m, qi))
            continue;
        e = S_name_run(c, m, cs);
        if (!(m > lo && S_tok_in(c, m - 1, S_PREPS)) && e < cs &&
            (S_tok_ch(c, e, ',') || S_is_lower(c, e)) &&
            !(e == m + 1 && S_tok_in(c, m, S_STOPCAP))) {
            ns = m;
            ne = e;
        }
        m = e - 1;
    }
    if (ne) {
        S_set_spk(c, q, PC_SPK_NAME, ns, ne);
        return 1;
    }
    return 0;
}

static void S_words(const char *s, size_t n, size_t *words, int *ends_stop)
{
    size_t i, w = 0;
    int in = 0;
    for (i = 0; i < n; i++) {
        int sp = s[i] == ' ';
        if (!sp && !in)
            w++;
        in = !sp;
    }
    *words = w;
    i = n;
    while (i > 0 && (s[i - 1] == ' ' || s[i - 1] == '\'' ||
                     (i >= 3 && (unsigned char)s[i - 3] == 0xE2 && (unsigned char)s[i - 2] == 0x80 &&
                      ((unsigned char)s[i - 1] == 0x99)))) {
        i -= (s[i - 1] == ' ' || s[i - 1] == '\'') ? 1 : 3;
    }
    *ends_stop = i > 0 && s[i - 1] == '.';
}

/* Attribute quote qi; paragraph token range [plo, phi). */
static void S_attribute(S_ctx *c, size_t qi, size_t qfirst, size_t plo, size_t phi)
{
    pc_quote *q = &c->q[qi];
    size_t a, b, sent, slo, lim, cs, ce, k, words, mlen;
    int ends_stop, sentence_start, colon = 0, comma_cue = 0, that_clause = 0;
    int have_cue = 0;
    uint32_t save_cs = S_NONE, save_ce = S_NONE;
    size_t prev = S_NONE; /* previous quote in the same paragraph */

    if (qi > qfirst)
        prev = qi - 1;
    S_words(c->text + q->start, q->end - q->start, &words, &ends_stop);

    /* after the closing mark, same sentence */
    if (!(q->flags & PC_QF_UNCLOSED) && !(q->flags & PC_QF_SHARED_MARK)) {
        S_mark(c->text, c->len, q->close_mark, &mlen);
        a = S_tok_from(c, q->close_mark + mlen);
        int cap_after_stop = ends_stop && a < phi && !S_is_lower(c, a);
        lim = a;
        while (lim < phi && lim < a + S_WINDOW &&
               (!S_is_barrier(c, lim) || (lim + 1 < phi && S_tok_ch(c, lim + 1, ')'))))
            lim++; /* "(D-Mo.)" does not end the sentence */
        if (a < phi && S_cue_after(c, q, a, lim)) {
            size_t cend = S_tok_from(c, q->cue_end);
            /* after a full stop a capitalised word starts a new sentence, unless
             * it is just "Name said." (the cue ends the sentence within a few words) */
            int stop = lim < phi && (c->text[c->toks[lim].start] == '.' ||
                                     c->text[c->toks[lim].start] == '!' ||
                                     c->text[c->toks[lim].start] == '?');
            if (cap_after_stop && !(stop && (lim == cend || (lim <= cend + 4 &&
                                                              (S_tok_in(c, cend, S_WHEN) || S_is_cap(c, cend)))))) {
                q->cue_start = q->cue_end = S_NONE;
                q->spk_kind = PC_SPK_NONE;
                q->spk_start = q->spk_end = S_NONE;
                q->role_start = q->role_end = S_NONE;
            } else {
                q->flags |= PC_QF_CUE_AFTER;
                have_cue = 1;
            }
        }
        if (have_cue && !q->spk_kind) {
            /* '"..." adding that ...': a participle with no subject; keep it
             * only if nothing before the quote names the speaker */
            save_cs = q->cue_start;
            save_ce = q->cue_end;
            q->cue_start = q->cue_end = S_NONE;
            q->flags &= ~(uint32_t)PC_QF_CUE_AFTER;
            have_cue = 0;
        }
    }

    /* before the opening mark */
    b = S_tok_from(c, q->open_mark); /* the mark's own token */
    sent = S_sent_of(c, q->open_mark);
    slo = c->sents[sent].tok_start;
    if (slo < plo)
        slo = plo;
    if (prev != S_NONE) {
        size_t pc_ = S_tok_from(c, c->q[prev].close_mark);
        if (pc_ + 1 > slo && pc_ < b)
            slo = pc_ + 1;
    }
    sentence_start = b <= slo || c->sents[sent].start == q->open_mark;
    if (!sentence_start && b > 0) {
        k = b - 1;
        colon = S_tok_ch(c, k, ':');
        if (S_tok_is(c, k, "that"))
            that_clause = 1;
        if (!have_cue) {
            size_t lo = b > slo + S_WINDOW ? b - S_WINDOW : slo;
            for (cs = b; cs > lo; cs--) {
                if (S_cue(c, cs - 1, b, &ce)) {
                    cs--;
                    S_set_cue(c, q, cs, ce);
                    q->flags |= PC_QF_CUE_BEFORE;
                    have_cue = 1;
                    if (S_tok_ch(c, k, ',') && ce == k)
                        comma_cue = 1;
                    if (colon && ce == k)
                        comma_cue = 1;
                    if (!S_subject_before(c, q, cs, lo, qi) && prev != S_NONE &&
                        c->q[prev].spk_kind) {
                        q->spk_kind = c->q[prev].spk_kind;
                        q->spk_start = c->q[prev].spk_start;
                        q->spk_end = c->q[prev].spk_end;
                    }
                    break;
                }
                if (S_in_quote(c, cs - 1, qi))
                    break;
            }
            if (!have_cue && colon) {
                /* "Borrell criticized the comments: “...”" without a lexicon verb */
                if (S_subject_before(c, q, k, slo, qi))
                    q->flags |= PC_QF_CUE_BEFORE;
            }
        }
    }
    if (!have_cue && save_cs != S_NONE && !q->spk_kind) { /* the participle after all */
        q->cue_start = save_cs;
        q->cue_end = save_ce;
        q->flags |= PC_QF_CUE_AFTER;
        have_cue = 1;
    }
    if (!have_cue && !q->spk_kind && prev != S_NONE &&
        (c->q[prev].cue_start != S_NONE || c->q[prev].spk_kind) &&
        (sentence_start || colon || (q->flags & PC_QF_SHARED_MARK) ||
         S_tok_ch(c, b > 0 ? b - 1 : 0, ','))) {
        pc_quote *p = &c->q[prev];
        q->cont = (uint32_t)prev;
        q->flags |= PC_QF_SPLIT;
        q->cue_start = p->cue_start;
        q->cue_end = p->cue_end;
        q->spk_kind = p->spk_kind;
        q->spk_start = p->spk_start;
        q->spk_end = p->spk_end;
        q->role_start = p->role_start;
        q->role_end = p->role_end;
    }

    /* "If it did not accede, “first, Armenia would ...,” Poghosian said." */
    if (!sentence_start && b > 0 && S_tok_ch(c, b - 1, ',') && (q->flags & PC_QF_CUE_AFTER) &&
        words >= 4 && !S_tok_is(c, S_tok_from(c, q->cue_start), "according"))
        comma_cue = 1;
    if (sentence_start || colon || comma_cue || (q->flags & (PC_QF_SPLIT | PC_QF_PARA_CONT)) ||
        (that_clause && have_cue && words >= 4)) {
        q->kind = PC_QK_DIRECT;
        if (sentence_start && !have_cue && !(q->flags & (PC_QF_SPLIT | PC_QF_PARA_CONT)) &&
            words < 4 && !ends_stop && !q->spk_kind)
            q->kind = PC_QK_SCARE; /* a quoted title or term opening a sentence */
    } else {
        q->flags |= PC_QF_EMBEDDED;
        if (q->spk_kind == PC_SPK_PRONOUN && S_tlen(c, S_tok_from(c, q->spk_start)) == 4 &&
            q->cue_start != S_NONE) {
            /* "what they described as “...”": a vague group, a scare quote */
            size_t t = S_tok_from(c, q->spk_start);
            if (S_tok_is(c, t, "they")) {
                q->spk_kind = PC_SPK_NONE;
                q->spk_start = q->spk_end = S_NONE;
                q->cue_start = q->cue_end = S_NONE;
            }
        }
        q->kind = (q->cue_start != S_NONE || q->spk_kind) ? PC_QK_PARTIAL : PC_QK_SCARE;
        if (q->kind == PC_QK_SCARE) {
            q->spk_kind = PC_SPK_NONE;
            q->spk_start = q->spk_end = S_NONE;
            q->role_start = q->role_end = S_NONE;
        }
    }
}

static int S_push(const pc_mem *mem, pc_quote_result *out, uint32_t open, size_t olen,
                  uint32_t end, uint32_t close, uint32_t flags)
{
    pc_quote *q;
    int rc;
    if (open + olen >= end)
        return PC_OK; /* empty */
    rc = pc_grow(mem, (void **)&out->quotes, &out->qcap, out->nquote + 1, sizeof(pc_quote));
    if (rc != PC_OK)
        return rc;
    q = &out->quotes[out->nquote++];
    memset(q, 0, sizeof *q);
    q->start = open + (uint32_t)olen;
    q->end = end;
    q->open_mark = open;
    q->close_mark = close;
    q->cue_start = q->cue_end = S_NONE;
    q->spk_start = q->spk_end = S_NONE;
    q->role_start = q->role_end = S_NONE;
    q->cont = S_NONE;
    q->flags = flags;
    return PC_OK;
}

/* Find the quotes of paragraph [ps, pe); `pending` is the index of the
 * previous paragraph's unclosed quote (or NONE), updated for the next. */
static int S_scan_para(const pc_mem *mem, const char *t, size_t ps, size_t pe,
                       pc_quote_result *out, uint32_t *pending)
{
    size_t i = ps, ml, olen = 0, first = ps, nbefore = out->nquote;
    int open = 0, inner = 0, rc;
    uint32_t opos = 0, flags = 0, cont_of = *pending;

    while (first < pe && (t[first] == ' '))
        first++;
    *pending = S_NONE;
    while (i < pe) {
        int m = S_mark(t, pe, i, &ml);
        int32_t pcp, ncp;
        int opener;
        if (m == S_M_NONE) {
            if (open && t[i] == '[')
                flags |= PC_QF_BRACKET;
            i++;
            continue;
        }
        pcp = S_prev_cp(t, ps, i);
        ncp = S_next_cp(t, pe, i + ml);
        switch (m) {
        case S_M_DOPEN:
        case S_M_DCLOSE:
        case S_M_DSTRAIGHT:
            if (m == S_M_DSTRAIGHT)
                opener = S_opens_after(pcp) ? !S_is_space_cp(ncp) : (!open && S_wordy(ncp));
            else
                opener = m == S_M_DOPEN;
            if (opener) {
                if (open) {
                    rc = S_push(mem, out, opos, olen, (uint32_t)i, (uint32_t)i,
                                flags | PC_QF_SHARED_MARK);
                    if (rc != PC_OK)
                        return rc;
                }
                open = 1;
                inner = 0;
                opos = (uint32_t)i;
                olen = ml;
                flags = (i == first && cont_of != S_NONE) ? PC_QF_PARA_CONT : 0;
            } else if (open) {
                size_t before = out->nquote;
                rc = S_push(mem, out, opos, olen, (uint32_t)i, (uint32_t)i, flags);
                if (rc != PC_OK)
                    return rc;
                if (out->nquote > before && (flags & PC_QF_PARA_CONT))
                    out->quotes[out->nquote - 1].cont = cont_of;
                open = 0;
                inner = 0;
            }
            break;
        case S_M_SOPEN:
            if (open) {
                inner = 1;
                flags |= PC_QF_NESTED;
            }
            break;
        case S_M_SSTRAIGHT:
        case S_M_SCLOSE:
            if (open && !inner && m == S_M_SSTRAIGHT && S_opens_after(pcp) && S_wordy(ncp)) {
                inner = 1;
                flags |= PC_QF_NESTED;
            } else if (open && inner && !(S_wordy(pcp) && S_wordy(ncp)) && !S_is_space_cp(pcp)) {
                inner = 0;
            }
            break;
        }
        i += ml;
    }
    if (open) {
        size_t before = out->nquote;
        rc = S_push(mem, out, opos, olen, (uint32_t)pe, (uint32_t)pe, flags | PC_QF_UNCLOSED);
        if (rc != PC_OK)
            return rc;
        if (out->nquote > before) {
            if (flags & PC_QF_PARA_CONT)
                out->quotes[out->nquote - 1].cont = cont_of;
            *pending = (uint32_t)(out->nquote - 1);
        }
    }
    /* the unclosed quote's continuation, when it closed inside this paragraph */
    for (i = nbefore; i < out->nquote; i++)
        if ((out->quotes[i].flags & PC_QF_PARA_CONT) && out->quotes[i].cont == S_NONE)
            out->quotes[i].cont = cont_of;
    return PC_OK;
}

int pc_quote_scan(const pc_mem *mem, const char *text, size_t len, const pc_para *paras,
                  size_t npara, const pc_seg_result *seg, int flags, pc_quote_result *out)
{
    S_ctx c;
    size_t p, qi, qfirst, tp = 0;
    uint32_t pending = S_NONE;
    pc_para whole;
    int rc;

    (void)flags;
    if (!mem || !out || !seg || (!text && len))
        return PC_EINVAL;
    memset(out, 0, sizeof *out);
    if (len >= UINT32_MAX)
        return PC_ETOOBIG;
    if (!paras || !npara) {
        whole.start = 0;
        whole.end = (uint32_t)len;
        whole.kind = PC_PARA_BODY;
        paras = &whole;
        npara = 1;
    }
    c.text = text ? text : "";
    c.len = len;
    c.toks = seg->toks;
    c.ntok = seg->ntok;
    c.sents = seg->sents;
    c.nsent = seg->nsent;

    for (p = 0; p < npara; p++) {
        size_t ps = paras[p].start, pe = paras[p].end, plo, phi;
        if (pe > len || ps > pe)
            return PC_EINVAL;
        qfirst = out->nquote;
        rc = S_scan_para(mem, c.text, ps, pe, out, &pending);
        if (rc != PC_OK)
            return rc;
        if (!c.nsent || !c.ntok)
            continue;
        /* token range of the paragraph; paragraphs come in text order */
        while (tp < c.ntok && c.toks[tp].start < ps)
            tp++;
        plo = tp;
        phi = plo;
        while (phi < c.ntok && c.toks[phi].start < pe)
            phi++;
        c.q = out->quotes;
        c.nq = out->nquote;
        for (qi = qfirst; qi < out->nquote; qi++)
            S_attribute(&c, qi, qfirst, plo, phi);
        tp = phi;
    }
    /* without tokens nothing can be attributed: everything is a bare quote */
    for (qi = 0; qi < out->nquote; qi++)
        if (!out->quotes[qi].kind)
            out->quotes[qi].kind = PC_QK_DIRECT;
    return PC_OK;
}

void pc_quote_free(const pc_mem *mem, pc_quote_result *res)
{
    if (!res)
        return;
    if (res->quotes)
        mem->free(mem->ctx, res->quotes);
    memset(res, 0, sizeof *res);
}
