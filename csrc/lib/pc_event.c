/*
 * pc_event.c - see pc_event.h.
 *
 * The lexicon is a pool of NUL-separated words and an entry array sorted by
 * (table, first word, longest phrase first), so the phrases that can start
 * at a token are one binary search away and the first that matches is the
 * longest.  The scan works sentence by sentence on a fixed-size working set
 * per sentence (triggers, at most S_MAXTRIG of them are kept) and appends
 * to the result arrays.
 */
#include "pc_event.h"

#include <stdlib.h>
#include <string.h>

#include "pc_lowtok.h"
#include "pc_time.h"

/* ------------------------------------------------------------- lexicon */

typedef struct {
    uint32_t off;     /* first word in the pool */
    uint16_t nw;      /* words */
    uint8_t table;    /* PC_EVL_* */
    uint8_t kind;     /* trigger kind and flags */
    int32_t code;     /* the caller's code */
    const char *word; /* first word (set by compile; the pool no longer moves) */
} S_ent;

struct pc_event_lexicon {
    char *pool;
    size_t plen, pcap;
    S_ent *e;
    size_t n, cap;
    size_t count[PC_EVL_NTABLES];
    int compiled;
};

int pc_event_lexicon_new(const pc_mem *mem, pc_event_lexicon **out)
{
    if (!mem || !out)
        return PC_EINVAL;
    *out = (pc_event_lexicon *)mem->calloc(mem->ctx, 1, sizeof **out);
    return *out ? PC_OK : PC_ENOMEM;
}

int pc_event_lexicon_add(const pc_mem *mem, pc_event_lexicon *lex, int table, const char *phrase, size_t len,
                         int32_t code, int kind)
{
    size_t k, wlen = 0, nw = 1;
    int rc;
    if (!mem || !lex || lex->compiled || table < 0 || table >= PC_EVL_NTABLES || !phrase || len == 0 ||
        len > 200 || kind < 0 || kind > 255)
        return PC_EINVAL;
    for (k = 0; k < len; k++) {
        char ch = phrase[k];
        if (ch == 0 || ch == '\t' || ch == '\n')
            return PC_EINVAL;
        if (ch == ' ') {
            if (wlen == 0 || k + 1 == len)
                return PC_EINVAL; /* leading, trailing or double space */
            nw++;
            wlen = 0;
        } else if (++wlen >= PC_LOWTOK_MAX)
            return PC_EINVAL;
    }
    if ((rc = pc_grow(mem, (void **)&lex->pool, &lex->pcap, lex->plen + len + 1, 1)) != PC_OK ||
        (rc = pc_grow(mem, (void **)&lex->e, &lex->cap, lex->n + 1, sizeof *lex->e)) != PC_OK)
        return rc;
    lex->e[lex->n].off = (uint32_t)lex->plen;
    lex->e[lex->n].nw = (uint16_t)nw;
    lex->e[lex->n].table = (uint8_t)table;
    lex->e[lex->n].kind = (uint8_t)kind;
    lex->e[lex->n].code = code;
    lex->e[lex->n].word = NULL;
    for (k = 0; k < len; k++)
        lex->pool[lex->plen + k] = phrase[k] == ' ' ? 0 : phrase[k];
    lex->pool[lex->plen + len] = 0;
    lex->plen += len + 1;
    lex->n++;
    lex->count[table]++;
    return PC_OK;
}

static int S_ent_cmp(const void *pa, const void *pb)
{
    const S_ent *a = (const S_ent *)pa, *b = (const S_ent *)pb;
    int c;
    if (a->table != b->table)
        return a->table < b->table ? -1 : 1;
    if ((c = strcmp(a->word, b->word)) != 0)
        return c;
    if (a->nw != b->nw)
        return a->nw > b->nw ? -1 : 1; /* longest phrase first */
    return a->off < b->off ? -1 : a->off > b->off;
}

int pc_event_lexicon_compile(const pc_mem *mem, pc_event_lexicon *lex)
{
    size_t k;
    if (!mem || !lex || lex->compiled)
        return PC_EINVAL;
    for (k = 0; k < lex->n; k++)
        lex->e[k].word = lex->pool + lex->e[k].off;
    if (lex->n)
        qsort(lex->e, lex->n, sizeof *lex->e, S_ent_cmp);
    lex->compiled = 1;
    return PC_OK;
}

size_t pc_event_lexicon_size(const pc_event_lexicon *lex, int table)
{
    return lex && table >= 0 && table < PC_EVL_NTABLES ? lex->count[table] : 0;
}

void pc_event_lexicon_free(const pc_mem *mem, pc_event_lexicon *lex)
{
    if (!lex)
        return;
    if (lex->pool)
        mem->free(mem->ctx, lex->pool);
    if (lex->e)
        mem->free(mem->ctx, lex->e);
    mem->free(mem->ctx, lex);
}

/* ---------------------------------------------------------------- scan */

#define S_MAXTRIG 64  /* triggers kept per sentence */
#define S_MAXARGS 8   /* participants per event */
#define S_WINDOW 6    /* tokens before a trigger where its cues are */
#define S_REACH 15    /* farthest participant from its trigger, in tokens */
#define S_MAXNUM 32   /* numbers kept per sentence */
#define S_ANCHOR 8    /* farthest date or place that makes an event noun one occurrence */
#define S_ACTOR 6     /* ... and farthest named person or organisation */

/* cue codes beyond the public ones: reporting verbs ("said") end a clause;
 * support verbs ("held", "conducted") make an event noun one occurrence */
enum { S_EVC_REPORT = 5, S_EVC_SUPPORT = 6 };

typedef struct {
    const char *text;
    const pc_token *toks;
    size_t t0, t1;
    pc_lowtok *lc;
    const pc_event_lexicon *lex;
    const pc_event_span *times;
    size_t ntime;
    size_t tcur; /* the first time span that may lie in the sentence */
} S_ctx;

static const char *S_lw(const S_ctx *c, size_t i)
{
    return i >= c->t0 && i < c->t1 ? pc_lowtok_get(c->lc, i) : "";
}

static int S_eq(const S_ctx *c, size_t i, const char *w)
{
    const char *b = S_lw(c, i);
    return b[0] && b[0] == w[0] && strcmp(b, w) == 0;
}

static int S_cap(const S_ctx *c, size_t i)
{
    char ch = c->text[c->toks[i].start];
    return ch >= 'A' && ch <= 'Z';
}

/* ASCII punctuation token ch, or one of the UTF-8 marks that end a clause */
static int S_barrier_punct(const S_ctx *c, size_t i)
{
    const pc_token *t = &c->toks[i];
    const char *p = c->text + t->start;
    size_t n = t->end - t->start;
    if (t->kind != PC_TOK_PUNCT && t->kind != PC_TOK_SYM && t->kind != PC_TOK_OTHER)
        return 0;
    if (n == 1)
        return *p == ';' || *p == ':' || *p == '(' || *p == ')' || *p == '"' || *p == '[' || *p == ']';
    /* “ ” — – */
    return n == 3 && (unsigned char)p[0] == 0xE2 && (unsigned char)p[1] == 0x80 &&
           ((unsigned char)p[2] == 0x9C || (unsigned char)p[2] == 0x9D || (unsigned char)p[2] == 0x94 ||
            (unsigned char)p[2] == 0x93);
}

/* The longest entry of `table` that matches tokens from i (in the
 * sentence); NULL if none.  *nw = its words. */
static const S_ent *S_lookup(const S_ctx *c, int table, size_t i, size_t *nw)
{
    const pc_event_lexicon *lex = c->lex;
    const char *w = S_lw(c, i);
    size_t lo = 0, hi = lex->n;
    if (!w[0])
        return NULL;
    while (lo < hi) { /* first entry >= (table, w) */
        size_t mid = lo + (hi - lo) / 2;
        const S_ent *e = &lex->e[mid];
        int cmp = e->table != table ? (e->table < table ? -1 : 1) : strcmp(e->word, w);
        if (cmp < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (; lo < lex->n && lex->e[lo].table == table && strcmp(lex->e[lo].word, w) == 0; lo++) {
        const S_ent *e = &lex->e[lo];
        const char *p = e->word;
        size_t k;
        for (k = 1; k < e->nw; k++) {
            p += strlen(p) + 1;
            if (!S_eq(c, i + k, p))
                break;
        }
        if (k == e->nw) {
            *nw = e->nw;
            return e;
        }
    }
    return NULL;
}

/* a cue at token i: a phrase of the cue table, or a clitic written into the
 * word ("didn't" -> "n't", "he'll" -> "'ll"); returns its code or 0 */
static int S_cue_at(const S_ctx *c, size_t i, size_t *nw)
{
    const S_ent *e = S_lookup(c, PC_EVL_CUE, i, nw);
    const char *w;
    size_t n;
    if (e)
        return e->code;
    w = S_lw(c, i);
    n = strlen(w);
    *nw = 1;
    if (n > 3 && strcmp(w + n - 3, "n't") == 0)
        return PC_EVC_NOT;
    if (n > 3 && strcmp(w + n - 3, "'ll") == 0)
        return PC_EVC_PLANNED;
    return 0;
}

/* token i lies in a time span (spans sorted; *k is a moving cursor) */
static int S_in_time(const S_ctx *c, size_t i, size_t *k)
{
    while (*k < c->ntime && c->times[*k].tok_end <= i)
        (*k)++;
    return *k < c->ntime && c->times[*k].tok_start <= i;
}

/* ------------------------------------------------------------- numbers */

static double S_multiplier(const char *w)
{
    if (!strcmp(w, "hundred"))
        return 1e2;
    if (!strcmp(w, "thousand") || !strcmp(w, "k"))
        return 1e3;
    if (!strcmp(w, "million") || !strcmp(w, "m") || !strcmp(w, "mn") || !strcmp(w, "mln"))
        return 1e6;
    if (!strcmp(w, "billion") || !strcmp(w, "bn") || !strcmp(w, "b"))
        return 1e9;
    if (!strcmp(w, "trillion") || !strcmp(w, "tn"))
        return 1e12;
    return 0;
}

/* A value at token i: digits ("120,000", "1.5", "1.13bn") or number words
 * ("seven", "twenty-four"), then multipliers ("million").  Returns tokens
 * used, 0 if none; *words: written in words. */
static size_t S_value(const S_ctx *c, size_t i, double *v, int *words)
{
    const char *w = S_lw(c, i);
    size_t j = i;
    int k;
    double m;
    *words = 0;
    if (c->toks[i].kind == PC_TOK_NUM) {
        const char *p = c->text + c->toks[i].start;
        size_t n = c->toks[i].end - c->toks[i].start, q = 0;
        double val = 0, frac = 0.1;
        int dot = 0, digits = 0;
        char suf[8];
        size_t sl = 0;
        for (; q < n; q++) {
            char ch = p[q];
            if (ch >= '0' && ch <= '9') {
                if (dot) {
                    val += (ch - '0') * frac;
                    frac /= 10;
                } else
                    val = val * 10 + (ch - '0');
                digits++;
            } else if (ch == ',' && !dot)
                continue;
            else if (ch == '.' && !dot && q + 1 < n && p[q + 1] >= '0' && p[q + 1] <= '9')
                dot = 1;
            else
                break;
        }
        if (!digits)
            return 0;
        for (; q < n && sl + 1 < sizeof suf; q++)
            suf[sl++] = (char)(p[q] >= 'A' && p[q] <= 'Z' ? p[q] + 32 : p[q]);
        suf[sl] = 0;
        if (q < n)
            return 0;
        if (sl) { /* 1.13bn, 5m, 10k; "1990s", "3rd", "5pm" are not amounts */
            if ((m = S_multiplier(suf)) == 0)
                return 0;
            val *= m;
        }
        *v = val;
        j++;
    } else if ((k = pc_lowtok_index(w, pc_lowtok_tens)) >= 0) {
        *v = 20 + 10 * k;
        j++;
        if (j < c->t1 && c->toks[j].end - c->toks[j].start == 1 && c->text[c->toks[j].start] == '-' &&
            (k = pc_lowtok_index(S_lw(c, j + 1), pc_lowtok_ones)) > 0 && k < 10) {
            *v += k;
            j += 2;
        }
        *words = 1;
    } else if ((k = pc_lowtok_index(w, pc_lowtok_ones)) > 0) {
        *v = k;
        j++;
        *words = 1;
    } else if (!strcmp(w, "a") && !strcmp(S_lw(c, i + 1), "dozen")) {
        *v = 12;
        j += 2;
        *words = 1;
    } else
        return 0;
    while (j < c->t1 && (m = S_multiplier(S_lw(c, j))) != 0 && !(m < 1e3 && *v >= 100)) {
        *v *= m;
        j++;
    }
    return j - i;
}

static int S_plural_noun(const char *w)
{
    size_t n = strlen(w), k;
    if (n < 4 || w[n - 1] != 's' || w[n - 2] == 's' || w[n - 2] == '\'')
        return 0;
    for (k = 0; k < n; k++)
        if (w[k] < 'a' || w[k] > 'z')
            return 0;
    return 1;
}

static const char *const S_not_adj[] = {"of", "and", "or", "the", "to", "in", "on", "at", "for", "from", "by",
                                        "with", "as", "than", "that", "which", "who", "a", "an", "per", "were",
                                        "was", "are", "is", "have", "had", "has", "more", "less", NULL};

/* A number with its unit at token i (qualifier and currency included). */
static size_t S_number(const S_ctx *c, size_t i, pc_event_number *out)
{
    size_t j = i, nw = 0, m, k;
    const S_ent *q = S_lookup(c, PC_EVL_QUAL, j, &nw), *u;
    int32_t unit = -2;
    uint32_t unit_tok = 0;
    double v, v2;
    int words;
    if (q)
        j += nw;
    /* a currency sign or word before the value: $5, US$ 5, EUR 5 */
    if ((u = S_lookup(c, PC_EVL_UNIT, j, &nw)) != NULL && nw == 1 &&
        c->toks[j].kind != PC_TOK_WORD && j + 1 < c->t1) {
        unit = u->code;
        unit_tok = (uint32_t)j;
        j++;
    }
    if (j >= c->t1 || (m = S_value(c, j, &v, &words)) == 0)
        return 0;
    j += m;
    v2 = v;
    /* a range: 15 to 20, 15-20 */
    if (j + 1 < c->t1 && (S_eq(c, j, "to") || (c->toks[j].end - c->toks[j].start == 1 &&
                                                c->text[c->toks[j].start] == '-'))) {
        double w2;
        int wd2;
        size_t m2 = S_value(c, j + 1, &w2, &wd2);
        if (m2 && w2 > v) {
            v2 = w2;
            j += 1 + m2;
        }
    }
    if (unit == -2) {
        if ((u = S_lookup(c, PC_EVL_UNIT, j, &nw)) != NULL) { /* 80 percent, 30 km, 120,000 residents */
            unit = u->code;
            unit_tok = (uint32_t)j;
            j += nw;
        } else if (j + 1 < c->t1 && c->toks[j].end - c->toks[j].start == 1 && c->text[c->toks[j].start] == '-' &&
                   c->toks[j].start == c->toks[j - 1].end &&
                   (u = S_lookup(c, PC_EVL_UNIT, j + 1, &nw)) != NULL) { /* 12-kilometer */
            unit = u->code;
            unit_tok = (uint32_t)(j + 1);
            j += 1 + nw;
        } else {
            /* up to two modifiers, then a listed unit or (for digits) a plural noun */
            for (k = 0; k < 3 && j + k < c->t1; k++) {
                const char *w = S_lw(c, j + k);
                if (c->toks[j + k].kind != PC_TOK_WORD || !w[0] || pc_lowtok_index(w, S_not_adj) >= 0)
                    break;
                if ((u = S_lookup(c, PC_EVL_UNIT, j + k, &nw)) != NULL) {
                    unit = u->code;
                    unit_tok = (uint32_t)(j + k);
                    j += k + nw;
                    break;
                }
                if (!words && v >= 2 && S_plural_noun(w) && !S_cap(c, j + k)) {
                    unit = -1;
                    unit_tok = (uint32_t)(j + k);
                    j += k + 1;
                    break;
                }
            }
        }
    }
    if (unit == -2)
        return 0;
    out->tok_start = (uint32_t)i;
    out->tok_end = (uint32_t)j;
    out->value = v;
    out->value2 = v2;
    out->unit = unit;
    out->unit_tok = unit_tok;
    out->qual = q ? q->code : -1;
    return j - i;
}

/* -------------------------------------------------------------- events */

typedef struct {
    size_t t0, t1; /* trigger tokens */
    const S_ent *e;
    int status, drop;
    long time, place;
    size_t nargs, nnum;
    int named_actor; /* a person or organisation among the participants */
    pc_event_arg args[S_MAXARGS];
} S_trig;

static int S_in_span(const pc_event_span *s, size_t i) { return s->tok_start <= i && i < s->tok_end; }

static size_t S_dist(size_t a0, size_t a1, size_t b0, size_t b1)
{
    if (a1 <= b0)
        return b0 - a1 + 1;
    if (b1 <= a0)
        return a0 - b1 + 1;
    return 0;
}

/* nothing between tokens a and b (exclusive) stops an entity belonging to a
 * trigger: no clause mark, no reporting verb */
/* conjunctions that start another clause ("visited Yerevan but not Baku") */
static const char *const S_clause_words[] = {"but", "while", "whereas", "although", "though", "because", "which",
                                             "who", "whose", "whom", NULL};

static int S_clear(const S_ctx *c, size_t a, size_t b, int noun_after)
{
    size_t i, nw;
    for (i = a; i < b; i++) {
        if (S_barrier_punct(c, i) || pc_lowtok_index(S_lw(c, i), S_clause_words) >= 0)
            return 0;
        if (c->toks[i].kind == PC_TOK_WORD && S_cue_at(c, i, &nw) == S_EVC_REPORT) {
            /* the speaker of "X said in a January 10 interview" gave it */
            const char *p = i + nw < b ? S_lw(c, i + nw) : "";
            if (!(noun_after && (!strcmp(p, "in") || !strcmp(p, "during"))))
                return 0;
        }
    }
    return 1;
}

/* is entity i (of the sentence's e0..e1) a person's affiliation rather than
 * an actor: "Azerbaijani President Ilham Aliyev", "Minister of Foreign Affairs
 * of Armenia Ararat Mirzoyan" (a few words, then the person) or "Timothy Musa
 * Kabba, the Minister of Foreign Affairs of Sierra Leone" (an apposition
 * after the person ending in "of")? A possessor ("the EU's envoy") acts. */
static int S_affiliation(const S_ctx *c, const pc_event_span *ents, size_t i, size_t e0, size_t e1)
{
    const pc_event_span *s = &ents[i];
    size_t j;
    if (s->label != PC_EL_NORP && s->label != PC_EL_GPE && s->label != PC_EL_ORG)
        return 0;
    if (S_eq(c, s->tok_end, "'s"))
        return 0;
    if (i + 1 < e1 && ents[i + 1].label == PC_EL_PERSON && ents[i + 1].tok_start >= s->tok_end &&
        ents[i + 1].tok_start - s->tok_end <= 5) {
        for (j = s->tok_end; j < ents[i + 1].tok_start; j++)
            if (c->toks[j].kind != PC_TOK_WORD || pc_lowtok_index(S_lw(c, j), S_clause_words) >= 0)
                break;
        if (j == ents[i + 1].tok_start)
            return 1;
    }
    if (i > e0 && ents[i - 1].label == PC_EL_PERSON && ents[i - 1].tok_end + 3 <= s->tok_start &&
        s->tok_start - ents[i - 1].tok_end <= 12 && S_eq(c, ents[i - 1].tok_end, ",") &&
        S_eq(c, s->tok_start - 1, "of")) {
        for (j = ents[i - 1].tok_end + 1; j < s->tok_start; j++)
            if (c->toks[j].kind != PC_TOK_WORD || pc_lowtok_index(S_lw(c, j), S_clause_words) >= 0)
                break;
        if (j == s->tok_start)
            return 1;
    }
    return 0;
}

static int S_place_label(int label) { return label == PC_EL_GPE || label == PC_EL_LOC || label == PC_EL_FAC; }

/* is entity span s a place of trigger tr? */
static int S_is_place(const S_ctx *c, const pc_event_span *s, const S_trig *tr)
{
    size_t a = s->tok_start;
    const char *p1 = a > c->t0 ? S_lw(c, a - 1) : "";
    int label = s->label;
    if (S_place_label(label) && (!strcmp(p1, "in") || !strcmp(p1, "at") || !strcmp(p1, "near") ||
                                 !strcmp(p1, "inside") || !strcmp(p1, "into") || !strcmp(p1, "outside")))
        return 1;
    if ((label == PC_EL_EVENT || S_place_label(label)) &&
        (!strcmp(p1, "at") || ((!strcmp(p1, "of") || !strcmp(p1, "the")) && a > c->t0 + 1 &&
                               (S_eq(c, a - 2, "sidelines") || S_eq(c, a - 2, "sideline") ||
                                (S_eq(c, a - 2, "of") && a > c->t0 + 2 &&
                                 (S_eq(c, a - 3, "sidelines") || S_eq(c, a - 3, "sideline")))))))
        return 1;
    if (!S_place_label(label))
        return 0;
    /* the Washington talks */
    if ((tr->e->kind & PC_EVK_MASK) == PC_EVK_NOUN && s->tok_end == tr->t0)
        return 1;
    /* seized Nagorno-Karabakh, visited Yerevan; the takeover of the whole of
     * Karabakh, re-captured the Armenian-populated region of Nagorno-Karabakh */
    if ((tr->e->kind & PC_EVK_PLACE_OBJECT) && a >= tr->t1 && a <= tr->t1 + 6) {
        size_t k;
        if (a > tr->t1 && S_eq(c, a - 1, "of")) {
            for (k = tr->t1; k < a; k++)
                if (S_barrier_punct(c, k) || S_eq(c, k, ","))
                    return 0;
            return 1;
        }
        for (k = tr->t1; k < a; k++)
            if (!S_eq(c, k, "the") && !S_eq(c, k, "back") && !S_eq(c, k, "control") && !S_eq(c, k, "of"))
                return 0;
        return 1;
    }
    return 0;
}

/* words before a verb trigger that make it a noun or an adjective ("sees
 * signs of", "despite increased meetings", "the importance of signing") */
static const char *const S_not_verb_before[] = {"a",    "an",  "the",    "some",  "any",     "many", "no",
                                                "its",  "their", "his",  "her",   "our",     "these", "those",
                                                "despite", "of", "with", "without", "for",   "about", "proposed",
                                                "suggested", "considering", NULL};

/* 0: a resolved date or clock time; 1: one that is partial (XXXX-09); 2: a
 * vague value or a duration */
static int S_time_class(int32_t label)
{
    int type = label & PC_EVT_TYPE;
    if ((type != PC_TX_DATE && type != PC_TX_TIME) || (label & PC_EVT_VAGUE))
        return 2;
    return (label & PC_EVT_PARTIAL) ? 1 : 0;
}

/* a calendar time (a date or a clock time, not PRESENT_REF or a vague
 * duration) of the sentence within `reach` tokens of the trigger */
static int S_dated(const S_ctx *c, const S_trig *t, size_t reach)
{
    size_t i;
    for (i = c->tcur; i < c->ntime && c->times[i].tok_start < c->t1; i++)
        if (S_time_class(c->times[i].label) < 2 &&
            S_dist(c->times[i].tok_start, c->times[i].tok_end, t->t0, t->t1) <= reach)
            return 1;
    return 0;
}

static int S_scan_sentence(const pc_mem *mem, S_ctx *c, size_t si, const pc_event_span *ents, size_t e0,
                           size_t e1, size_t *tcur, pc_event_result *res)
{
    S_trig tr[S_MAXTRIG];
    pc_event_number nums[S_MAXNUM];
    size_t owner[S_MAXNUM];
    size_t nt = 0, nnum = 0, i, k, nw, tk = *tcur;
    int rc, question = 0, pass, last = 0;

    /* 1. triggers, the first of each type; verbs used as nouns or adjectives dropped */
    for (i = c->t0; i < c->t1 && nt < S_MAXTRIG;) {
        const S_ent *e = c->toks[i].kind == PC_TOK_WORD ? S_lookup(c, PC_EVL_TRIGGER, i, &nw) : NULL;
        if (!e) {
            i++;
            continue;
        }
        if ((e->kind & PC_EVK_MASK) == PC_EVK_VERB) {
            const char *w = S_lw(c, i);
            size_t n = strlen(w);
            if ((i > c->t0 && pc_lowtok_index(S_lw(c, i - 1), S_not_verb_before) >= 0) ||
                (S_eq(c, i + nw, "of") && n > 1 && w[n - 1] == 's') || /* "signs of", not "died of" */
                (S_eq(c, i + nw, "-") && c->toks[i + nw - 1].end == c->toks[i + nw].start) ||
                (n > 4 && strcmp(w + n - 3, "ing") == 0 && i > c->t0 &&
                 !S_eq(c, i - 1, "is") && !S_eq(c, i - 1, "are") && !S_eq(c, i - 1, "was") &&
                 !S_eq(c, i - 1, "were") && !S_eq(c, i - 1, "been") && !S_eq(c, i - 1, "be"))) {
                i += nw;
                continue;
            }
        }
        for (k = 0; k < nt && tr[k].e->code != e->code; k++)
            ;
        if (k == nt) {
            memset(&tr[nt], 0, sizeof tr[nt]);
            tr[nt].t0 = i;
            tr[nt].t1 = i + nw;
            tr[nt].e = e;
            tr[nt].time = tr[nt].place = -1;
            nt++;
        }
        i += nw;
    }
    if (!nt)
        return PC_OK;
    /* a question mark after the first trigger: asked, not reported */
    for (i = tr[0].t1; i < c->t1 && !question; i++)
        question = S_eq(c, i, "?");

    /* 2. status */
    {
        int cancelled = 0;
        for (i = c->t0; i < c->t1; i++)
            if (c->toks[i].kind == PC_TOK_WORD && S_cue_at(c, i, &nw) == PC_EVC_CANCELLED)
                cancelled = 1;
        for (k = 0; k < nt; k++) {
            size_t from = tr[k].t0 > c->t0 + S_WINDOW ? tr[k].t0 - S_WINDOW : c->t0, j;
            int st = PC_EV_OCCURRED, hypo = question, planned = 0, negated = 0;
            for (j = tr[k].t0; j > from; j--) {
                int cue;
                if (S_barrier_punct(c, j - 1))
                    break;
                if (c->toks[j - 1].kind != PC_TOK_WORD)
                    continue;
                if (S_cap(c, j - 1) && j - 1 > c->t0)
                    continue; /* "May", "Will Smith": names, not cues */
                cue = S_cue_at(c, j - 1, &nw);
                if (cue == PC_EVC_HYPOTHETICAL)
                    hypo = 1;
                else if (cue == PC_EVC_NOT || cue == PC_EVC_CANCELLED)
                    negated = 1;
                else if (cue == PC_EVC_PLANNED)
                    planned = 1;
                else if (cue == S_EVC_REPORT)
                    break;
            }
            /* "will not be part of this agreement": a future that is denied */
            if (planned && negated)
                hypo = 1;
            st = negated ? PC_EV_DID_NOT_OCCUR : planned ? PC_EV_PLANNED : PC_EV_OCCURRED;
            if (cancelled && (tr[k].e->kind & PC_EVK_MASK) != PC_EVK_VERB)
                st = PC_EV_DID_NOT_OCCUR;
            tr[k].status = st;
            tr[k].drop = hypo;
        }
    }

    /* 3-6 again when a trigger is dropped for want of an anchor: what it
     * had goes to the triggers that stay ("discussed the importance of a
     * peace treaty with Azerbaijan": Azerbaijan is the discussion's) */
    for (pass = 0; pass < 4; pass++) {
        int dropped = 0;
        if (pass == 3)
            last = 1;
        for (k = 0; k < nt; k++) {
            tr[k].nargs = tr[k].nnum = 0;
            tr[k].named_actor = 0;
            tr[k].place = tr[k].time = -1;
            dropped += tr[k].drop;
        }
        nnum = 0;
        /* 3. participants and places: each entity goes to its nearest trigger
         * (a verb it stands before wins a tie: the subject of "X, Y, visited") */
        for (i = e0; i < e1; i++) {
            const pc_event_span *s = &ents[i];
            size_t best = nt, bd = S_REACH + 1;
            int possessive = S_eq(c, s->tok_end, "'s");
            for (k = 0; k < nt; k++) {
                size_t d = S_dist(s->tok_start, s->tok_end, tr[k].t0, tr[k].t1);
                int verb_after = (tr[k].e->kind & PC_EVK_MASK) == PC_EVK_VERB && s->tok_end <= tr[k].t0;
                if (tr[k].drop || d == 0 || d > bd || (d == bd && !verb_after))
                    continue;
                {
                    size_t a = s->tok_end <= tr[k].t0 ? s->tok_end : tr[k].t1;
                    size_t b = s->tok_end <= tr[k].t0 ? tr[k].t0 : s->tok_start;
                    int noun = (tr[k].e->kind & PC_EVK_MASK) == PC_EVK_NOUN && s->tok_end <= tr[k].t0;
                    if (S_clear(c, a, b, noun)) {
                        bd = d;
                        best = k;
                    }
                }
            }
            if (best == nt)
                continue;
            if (s->label == PC_EL_EVENT && S_in_span(s, tr[best].t0))
                continue; /* the trigger names this event ("Second Karabakh War") */
            if (!possessive && S_is_place(c, s, &tr[best])) {
                if (tr[best].place < 0)
                    tr[best].place = (long)i;
                continue;
            }
            if (s->label == PC_EL_LOC || s->label == PC_EL_FAC || s->label == PC_EL_EVENT || s->label == PC_EL_OTHER ||
                S_affiliation(c, ents, i, e0, e1))
                continue;
            if (tr[best].nargs < S_MAXARGS) {
                tr[best].args[tr[best].nargs].entity = (int32_t)i;
                tr[best].args[tr[best].nargs].role = (uint8_t)(s->tok_end <= tr[best].t0 ? PC_ER_AGENT : PC_ER_PATIENT);
                tr[best].nargs++;
                if ((s->label == PC_EL_PERSON || s->label == PC_EL_ORG) && bd <= S_ACTOR)
                    tr[best].named_actor = 1;
            }
        }

        /* 4. times: of the sentence's, one right next to the trigger, else a
         * resolved date before a partial one before a vague one or a duration
         * ("cut its forecast in nine months for the year to March 2005":
         * March 2005), the nearest of a kind */
        while (tk < c->ntime && c->times[tk].tok_end <= c->t0)
            tk++;
        for (i = tk; i < c->ntime && c->times[i].tok_start < c->t1; i++) {
            if ((c->times[i].label & PC_EVT_TYPE) == PC_TX_SET)
                continue;
            for (k = 0; k < nt; k++) {
                size_t d = S_dist(c->times[i].tok_start, c->times[i].tok_end, tr[k].t0, tr[k].t1), dk;
                int cls = S_time_class(c->times[i].label), ck;
                if (tr[k].time < 0) {
                    tr[k].time = (long)i;
                    continue;
                }
                ck = S_time_class(c->times[tr[k].time].label);
                dk = S_dist(c->times[tr[k].time].tok_start, c->times[tr[k].time].tok_end, tr[k].t0, tr[k].t1);
                /* right next to the trigger ("In January 18 remarks") wins over any kind */
                if (d <= 2)
                    cls = -1;
                if (dk <= 2)
                    ck = -1;
                if (cls < ck || (cls == ck && d < dk))
                    tr[k].time = (long)i;
            }
        }
        *tcur = tk;
        c->tcur = tk;

        /* 5. numbers of the sentence, each given to its nearest trigger */
        {
            size_t tnum = *tcur;
            for (i = c->t0; i < c->t1 && nnum < S_MAXNUM;) {
                size_t m, best = nt, bd = (size_t)-1;
                if (S_in_time(c, i, &tnum) || (m = S_number(c, i, &nums[nnum])) == 0) {
                    i++;
                    continue;
                }
                for (k = 0; k < nt; k++) {
                    size_t d = S_dist(nums[nnum].tok_start, nums[nnum].tok_end, tr[k].t0, tr[k].t1);
                    if (!tr[k].drop && d < bd) {
                        bd = d;
                        best = k;
                    }
                }
                if (best < nt)
                    tr[best].nnum++;
                owner[nnum++] = best;
                i += m;
            }
        }

        /* 6. what makes a mention one occurrence: a named war needs a date near
         * to it or its own name; an event noun a date or a place close by, a
         * number, a named person or organisation, a demonstrative, a possessor
         * ("Yesterday's meeting", "Aliyev's statements") or a support verb
         * ("held talks"); a verb something specific at all */
        for (k = 0; k < nt; k++) {
            int kind = tr[k].e->kind & PC_EVK_MASK, anchored = 0;
            size_t j, from = tr[k].t0 > c->t0 + 3 ? tr[k].t0 - 3 : c->t0;
            if (tr[k].drop)
                continue;
            if (kind == PC_EVK_NAMED) {
                anchored = S_dated(c, &tr[k], S_ANCHOR);
                for (i = e0; i < e1 && !anchored; i++)
                    anchored = ents[i].label == PC_EL_EVENT && S_in_span(&ents[i], tr[k].t0);
            } else if (kind == PC_EVK_NOUN) {
                int indefinite = 0;
            for (j = from; j < tr[k].t0; j++)
                if ((S_eq(c, j, "a") || S_eq(c, j, "an") || S_eq(c, j, "any")) && !S_eq(c, j - 1, "in"))
                    indefinite = 1; /* "wants a deal"; but "in a statement" is the statement */
            anchored = S_dated(c, &tr[k], S_ANCHOR) || tr[k].nnum > 0 || (tr[k].named_actor && !indefinite) ||
                           (tr[k].place >= 0 && S_dist(ents[tr[k].place].tok_start, ents[tr[k].place].tok_end, tr[k].t0,
                                                       tr[k].t1) <= S_ANCHOR);
                for (j = from; j < tr[k].t0 && !anchored; j++) {
                    const char *w = S_lw(c, j);
                    if (!strcmp(w, "these") || !strcmp(w, "those") || !strcmp(w, "'s") ||
                        ((!strcmp(w, "this") || !strcmp(w, "that")) && j + 1 == tr[k].t0) ||
                        (!strcmp(w, "this") && j + 2 == tr[k].t0))
                        anchored = 1;
                    else if (c->toks[j].kind == PC_TOK_WORD && S_cue_at(c, j, &nw) == S_EVC_SUPPORT)
                        anchored = 1;
                }
            } else /* verbs: once the nouns are settled (they may pass entities on) */
                anchored = !last || tr[k].nargs > 0 || tr[k].place >= 0 || tr[k].nnum > 0 ||
                           S_dated(c, &tr[k], S_REACH);
            if (!anchored)
                tr[k].drop = 1;
        }
        for (k = 0, i = 0; k < nt; k++)
            i += (size_t)tr[k].drop;
        if (last)
            break;
        if ((int)i == dropped)
            last = 1; /* nouns settled: one more pass that also checks verbs */
    }

    for (k = 0; k < nt; k++) {
        pc_event *ev;
        size_t q;
        if (tr[k].drop)
            continue;
        if ((rc = pc_grow(mem, (void **)&res->events, &res->cap, res->n + 1, sizeof *res->events)) != PC_OK ||
            (rc = pc_grow(mem, (void **)&res->args, &res->acap, res->nargs + tr[k].nargs + 1, sizeof *res->args)) !=
                PC_OK ||
            (rc = pc_grow(mem, (void **)&res->nums, &res->ncap, res->nnums + nnum + 1, sizeof *res->nums)) != PC_OK)
            return rc;
        ev = &res->events[res->n++];
        memset(ev, 0, sizeof *ev);
        ev->sentence = (uint32_t)si;
        ev->tok_start = (uint32_t)tr[k].t0;
        ev->tok_end = (uint32_t)tr[k].t1;
        ev->type = tr[k].e->code;
        ev->status = (uint8_t)tr[k].status;
        ev->kind = tr[k].e->kind;
        ev->time = (int32_t)tr[k].time;
        ev->place = (int32_t)tr[k].place;
        ev->arg_first = (uint32_t)res->nargs;
        ev->arg_n = (uint32_t)tr[k].nargs;
        memcpy(res->args + res->nargs, tr[k].args, tr[k].nargs * sizeof *res->args);
        res->nargs += tr[k].nargs;
        ev->num_first = (uint32_t)res->nnums;
        for (q = 0; q < nnum; q++)
            if (owner[q] == k)
                res->nums[res->nnums++] = nums[q];
        ev->num_n = (uint32_t)(res->nnums - ev->num_first);
    }
    return PC_OK;
}

static int S_spans_ok(const pc_event_span *s, size_t n, size_t ntok)
{
    size_t i;
    for (i = 0; i < n; i++)
        if (s[i].tok_start >= s[i].tok_end || s[i].tok_end > ntok || (i && s[i].tok_start < s[i - 1].tok_start))
            return 0;
    return 1;
}

int pc_event_scan(const pc_mem *mem, const char *text, size_t len, const pc_token *toks, size_t ntok,
                  const pc_sentence *sents, size_t nsent, const pc_event_lexicon *lex, const pc_event_span *ents,
                  size_t nent, const pc_event_span *times, size_t ntime, pc_event_result *res)
{
    pc_lowtok lc;
    S_ctx c;
    size_t si, e0 = 0, tcur = 0;
    int rc;
    if (!mem || !res || !lex || !lex->compiled || (!text && len) || (!toks && ntok) || (!sents && nsent) ||
        (!ents && nent) || (!times && ntime))
        return PC_EINVAL;
    if ((rc = pc_seg_check(len, toks, ntok, sents, nsent)) != PC_OK)
        return rc;
    if (!S_spans_ok(ents, nent, ntok) || !S_spans_ok(times, ntime, ntok))
        return PC_EINVAL;
    pc_lowtok_init(&lc, text, toks, ntok);
    c.text = text;
    c.toks = toks;
    c.lc = &lc;
    c.lex = lex;
    c.times = times;
    c.ntime = ntime;
    c.tcur = 0;
    for (si = 0; si < nsent; si++) {
        size_t e1;
        c.t0 = sents[si].tok_start;
        c.t1 = sents[si].tok_end;
        while (e0 < nent && ents[e0].tok_start < c.t0)
            e0++;
        for (e1 = e0; e1 < nent && ents[e1].tok_end <= c.t1; e1++)
            ;
        if ((rc = S_scan_sentence(mem, &c, si, ents, e0, e1, &tcur, res)) != PC_OK)
            return rc;
        e0 = e1;
    }
    return PC_OK;
}

void pc_event_result_free(const pc_mem *mem, pc_event_result *res)
{
    if (res->events)
        mem->free(mem->ctx, res->events);
    if (res->args)
        mem->free(mem->ctx, res->args);
    if (res->nums)
        mem->free(mem->ctx, res->nums);
    memset(res, 0, sizeof *res);
}
