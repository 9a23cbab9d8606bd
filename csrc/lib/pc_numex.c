/*
 * pc_numex.c - see pc_numex.h.
 */
#include "pc_numex.h"

#include <string.h>

static const char *const S_labels[] = {"",         "DATE",    "TIME",    "PERCENT",
                                       "MONEY",    "QUANTITY", "ORDINAL", "CARDINAL"};

const char *pc_numex_label(int label)
{
    if (label < PC_NX_DATE || label > PC_NX_CARDINAL)
        return "";
    return S_labels[label];
}

typedef struct {
    const char *text;
    const pc_token *toks;
    size_t t1; /* end of the range */
    /* bit n of first[c - 'a']: some word a rule can start with begins with
     * c and has n letters (see S_start_filter) */
    uint16_t first[26];
} S_ctx;

/* Token text without an abbreviation's final period. */
static size_t S_len(const S_ctx *c, size_t i)
{
    const pc_token *t = &c->toks[i];
    size_t n = t->end - t->start;
    if ((t->flags & PC_TF_ABBREV) && n > 1 && c->text[t->end - 1] == '.')
        n--;
    return n;
}

static int S_eq(const S_ctx *c, size_t i, const char *lit)
{
    size_t n, k;
    char first;
    if (i >= c->t1)
        return 0;
    n = S_len(c, i);
    /* cheap rejections first: this runs for every token against every word list */
    if (n == 0)
        return lit[0] == 0;
    first = c->text[c->toks[i].start];
    if (first >= 'A' && first <= 'Z')
        first = (char)(first + 32);
    if (first != lit[0] || strlen(lit) != n)
        return 0;
    for (k = 1; k < n; k++) {
        char ch = c->text[c->toks[i].start + k];
        if (ch >= 'A' && ch <= 'Z')
            ch = (char)(ch + 32);
        if (ch != lit[k])
            return 0;
    }
    return 1;
}

static int S_in(const S_ctx *c, size_t i, const char *const *list)
{
    char first;
    if (i >= c->t1 || c->toks[i].start == c->toks[i].end)
        return 0;
    /* the token's first letter, once: most list entries are rejected on it
     * without a call (this runs for every token against every list) */
    first = c->text[c->toks[i].start];
    if (first >= 'A' && first <= 'Z')
        first = (char)(first + 32);
    for (; *list; list++)
        if ((*list)[0] == first && S_eq(c, i, *list))
            return 1;
    return 0;
}

static int S_cap(const S_ctx *c, size_t i)
{
    char ch = c->text[c->toks[i].start];
    return ch >= 'A' && ch <= 'Z';
}

static int S_is(const S_ctx *c, size_t i, int kind) { return i < c->t1 && c->toks[i].kind == kind; }

static int S_punct(const S_ctx *c, size_t i, char ch)
{
    return i < c->t1 && c->toks[i].kind == PC_TOK_PUNCT && c->toks[i].end - c->toks[i].start == 1 &&
           c->text[c->toks[i].start] == ch;
}

/* Digits-only value of a NUM token (commas skipped); -1 if not all digits. */
static long S_value(const S_ctx *c, size_t i, size_t *ndigits)
{
    const pc_token *t = &c->toks[i];
    long v = 0;
    size_t k, d = 0;
    if (ndigits)
        *ndigits = 0; /* also on the early "not all digits" return */
    for (k = t->start; k < t->end; k++) {
        char ch = c->text[k];
        if (ch == ',')
            continue;
        if (ch < '0' || ch > '9')
            return -1;
        if (v < 100000000L)
            v = v * 10 + (ch - '0');
        d++;
    }
    if (ndigits)
        *ndigits = d;
    return v;
}

static const char *const S_months[] = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", NULL};
static const char *const S_weekdays[] = {"monday", "tuesday", "wednesday", "thursday", "friday",
                                         "saturday", "sunday", NULL};
static const char *const S_rel_words[] = {"last", "this", "next", "previous", "coming", "past",
                                          "early", "late", "mid", NULL};
static const char *const S_periods[] = {"year", "month", "week", "weekend", "autumn", "spring",
                                        "summer", "winter", "fall", "season", "decade", "century",
                                        "quarter", NULL};
static const char *const S_duration[] = {"year",  "years",  "month",  "months",  "week",
                                         "weeks", "day",    "days",   "decade",  "decades",
                                         "century", "centuries", NULL};
static const char *const S_after_duration[] = {"ago", "earlier", "later", NULL};
static const char *const S_numwords[] = {
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
    "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred",
    "thousand", "million", "billion", "trillion", "dozen", "dozens", "hundreds", "thousands",
    "millions", "billions", NULL};
static const char *const S_multipliers[] = {"hundred", "thousand", "million", "billion", "trillion",
                                            "bn", "m", "mn", "k", NULL};
static const char *const S_ordinals[] = {
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
    "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
    "seventeenth", "eighteenth", "nineteenth", "twentieth", "thirtieth", "fortieth", "fiftieth",
    "hundredth", "thousandth", NULL};
static const char *const S_currency_words[] = {
    "dollar", "dollars", "euro", "euros", "pound", "pounds", "manat", "manats", "dram", "drams",
    "ruble", "rubles", "rouble", "roubles", "lira", "liras", "yuan", "yen", "cents", "rupees",
    "francs", NULL};
static const char *const S_units[] = {
    "km", "kilometer", "kilometers", "kilometre", "kilometres", "mile", "miles", "meter",
    "meters", "metre", "metres", "m2", "km2", "kg", "kilogram", "kilograms", "ton", "tons",
    "tonne", "tonnes", "hectare", "hectares", "barrel", "barrels", "mw", "gw", "kw", "feet",
    "foot", "inch", "inches", "cm", "mm", "liter", "liters", "litre", "litres", "acre",
    "acres", "square", "sq", "mph", "kmh", NULL};
static const char *const S_count_nouns[] = {
    "residents", "people", "troops", "soldiers", "refugees", "civilians", "prisoners",
    "households", "families", "inhabitants", "persons", "servicemen", "detainees", NULL};
static const char *const S_percent[] = {"percent", "pct", NULL};

static int S_numberish(const S_ctx *c, size_t i)
{
    if (i >= c->t1)
        return 0;
    if (c->toks[i].kind == PC_TOK_NUM) {
        /* a NUM token is a plain number when it is digits with separators,
         * or digits followed by a multiplier suffix ("1.13bn") */
        return 1;
    }
    return c->toks[i].kind == PC_TOK_WORD && S_in(c, i, S_numwords) &&
           !(S_eq(c, i, "one") && S_eq(c, i + 1, "another"));
}

static int S_is_ordinal_num(const S_ctx *c, size_t i)
{
    const pc_token *t = &c->toks[i];
    size_t n = t->end - t->start;
    const char *s = c->text + t->start;
    if (t->kind != PC_TOK_NUM || n < 3)
        return 0;
    return (!strncmp(s + n - 2, "st", 2) || !strncmp(s + n - 2, "nd", 2) ||
            !strncmp(s + n - 2, "rd", 2) || !strncmp(s + n - 2, "th", 2)) &&
           s[n - 3] >= '0' && s[n - 3] <= '9';
}

/* End (exclusive) of a number phrase starting at i: "120,000", "two to
 * three", "twenty-five", "one hundred and twenty", "1.13 billion". */
static size_t S_number_end(const S_ctx *c, size_t i)
{
    size_t j = i + 1, guard = 0;
    while (j < c->t1 && guard++ < 16) {
        if (S_numberish(c, j) && !S_is(c, j, PC_TOK_NUM)) {
            j++;
        } else if (S_in(c, j, S_multipliers) && S_is(c, j, PC_TOK_WORD)) {
            j++;
        } else if (S_punct(c, j, '-') && c->toks[j].start == c->toks[j - 1].end && j + 1 < c->t1 &&
                   S_numberish(c, j + 1) && S_is(c, j + 1, PC_TOK_WORD)) {
            j += 2; /* twenty-five */
        } else if ((S_eq(c, j, "to") || S_eq(c, j, "and")) && S_numberish(c, j + 1) &&
                   (S_is(c, j - 1, PC_TOK_NUM) == S_is(c, j + 1, PC_TOK_NUM))) {
            j += 2;
        } else {
            break;
        }
    }
    return j;
}

static int S_year(const S_ctx *c, size_t i)
{
    size_t d;
    long v;
    if (!S_is(c, i, PC_TOK_NUM))
        return 0;
    v = S_value(c, i, &d);
    return d == 4 && v >= 1800 && v <= 2099 && c->toks[i].end - c->toks[i].start == 4;
}

static int S_decade(const S_ctx *c, size_t i)
{
    const pc_token *t = &c->toks[i];
    const char *s = c->text + t->start;
    size_t n = t->end - t->start;
    return t->kind == PC_TOK_NUM && n == 5 && s[4] == 's' && s[3] == '0';
}

static int S_month(const S_ctx *c, size_t i)
{
    return i < c->t1 && S_is(c, i, PC_TOK_WORD) && S_cap(c, i) && S_in(c, i, S_months);
}

static int S_day(const S_ctx *c, size_t i)
{
    size_t d;
    long v;
    if (!S_is(c, i, PC_TOK_NUM))
        return 0;
    if (S_is_ordinal_num(c, i)) {
        const pc_token *t = &c->toks[i];
        size_t n = t->end - t->start;
        return n <= 4; /* 1st .. 31st */
    }
    v = S_value(c, i, &d);
    return d <= 2 && v >= 1 && v <= 31;
}

/* Match a rule at i; returns the end token (exclusive) and sets *label, or
 * returns i when nothing matches.  *start may move left over a prefix word. */
static size_t S_match(const S_ctx *c, size_t i, size_t lo, size_t *start, int *label)
{
    size_t j;
    *start = i;
    /* --- DATE ---------------------------------------------------------- */
    /* day first ("26 September 2024"): decided at the day, which the scan
     * reaches before the month (a CARDINAL would otherwise take it) */
    if (S_day(c, i) && S_month(c, i + 1)) {
        j = i + 2;
        if (S_year(c, j))
            j++;
        *label = PC_NX_DATE;
        return j;
    }
    if (S_month(c, i) && !(S_eq(c, i, "may") && !S_day(c, i + 1) && !S_year(c, i + 1))) {
        j = i + 1;
        if (S_day(c, j)) {
            j++;
            if (S_punct(c, j, ',') && S_year(c, j + 1))
                j += 2;
            else if (S_year(c, j))
                j++;
        } else if (S_year(c, j)) {
            j++;
        }
        if (i > lo && (S_in(c, i - 1, S_rel_words)))
            *start = i - 1;
        if (i > lo && S_day(c, i - 1) && *start == i)
            *start = i - 1; /* 26 September 2024 */
        *label = PC_NX_DATE;
        return j;
    }
    if (S_year(c, i) && !S_punct(c, i + 1, '%') && !S_in(c, i + 1, S_percent) &&
        !S_in(c, i + 1, S_units) && !S_in(c, i + 1, S_count_nouns)) {
        if (i > lo && S_in(c, i - 1, S_rel_words) && !S_eq(c, i - 1, "this") &&
            !S_eq(c, i - 1, "next"))
            *start = i - 1;
        *label = PC_NX_DATE;
        return i + 1;
    }
    if (S_decade(c, i)) {
        size_t s = i;
        if (s > lo && S_in(c, s - 1, S_rel_words))
            s--;
        if (s > lo && S_eq(c, s - 1, "the"))
            s--;
        *start = s;
        *label = PC_NX_DATE;
        return i + 1;
    }
    if (S_is(c, i, PC_TOK_WORD) && S_cap(c, i) && S_in(c, i, S_weekdays)) {
        *label = PC_NX_DATE;
        return i + 1;
    }
    if (S_eq(c, i, "yesterday") || S_eq(c, i, "today") || S_eq(c, i, "tomorrow")) {
        *label = PC_NX_DATE;
        return i + 1;
    }
    if (S_in(c, i, S_rel_words) && !S_eq(c, i, "early") && !S_eq(c, i, "late") &&
        !S_eq(c, i, "mid") && S_in(c, i + 1, S_periods)) {
        *label = PC_NX_DATE;
        return i + 2;
    }
    /* --- numbers with a head word ------------------------------------------ */
    if (S_numberish(c, i) || (S_is(c, i, PC_TOK_SYM) && S_numberish(c, i + 1))) {
        size_t ne;
        if (S_is(c, i, PC_TOK_SYM)) {
            /* $1.13bn, € 5 million */
            size_t n = c->toks[i].end - c->toks[i].start;
            const char *s = c->text + c->toks[i].start;
            if ((n == 1 && s[0] == '$') || (n == 3 && (!memcmp(s, "\xe2\x82\xac", 3) ||
                                                       !memcmp(s, "\xe2\x82\xbd", 3) ||
                                                       !memcmp(s, "\xe2\x82\xbc", 3))) ||
                (n == 2 && (!memcmp(s, "\xc2\xa3", 2) || !memcmp(s, "\xc2\xa5", 2))) ||
                (n == 2 && !memcmp(s, "\xd6\x8f", 2))) {
                *label = PC_NX_MONEY;
                return S_number_end(c, i + 1);
            }
            return i;
        }
        if (S_is(c, i, PC_TOK_NUM) && strchr("0123456789", c->text[c->toks[i].start]) &&
            memchr(c->text + c->toks[i].start, ':', c->toks[i].end - c->toks[i].start)) {
            j = i + 1;
            if (S_eq(c, j, "a.m") || S_eq(c, j, "p.m") || S_eq(c, j, "am") || S_eq(c, j, "pm"))
                j++;
            *label = PC_NX_TIME;
            return j;
        }
        if (S_is_ordinal_num(c, i)) {
            *label = PC_NX_ORDINAL;
            return i + 1;
        }
        ne = S_number_end(c, i);
        if (S_eq(c, ne, "a.m") || S_eq(c, ne, "p.m")) {
            *label = PC_NX_TIME;
            return ne + 1;
        }
        if (S_punct(c, ne, '%') || S_in(c, ne, S_percent)) {
            *label = PC_NX_PERCENT;
            return ne + 1;
        }
        if (S_eq(c, ne, "per") && S_eq(c, ne + 1, "cent")) {
            *label = PC_NX_PERCENT;
            return ne + 2;
        }
        if (S_in(c, ne, S_currency_words)) {
            *label = PC_NX_MONEY;
            return ne + 1;
        }
        if (S_in(c, ne, S_duration)) {
            j = ne + 1;
            if (S_in(c, j, S_after_duration))
                j++;
            *label = PC_NX_DATE;
            return j;
        }
        j = ne;
        if (S_punct(c, j, '-') && c->toks[j].start == c->toks[j - 1].end)
            j++;
        if (S_in(c, j, S_units)) {
            if (S_eq(c, j, "square") || S_eq(c, j, "sq"))
                j++;
            *label = PC_NX_QUANTITY;
            return j + 1;
        }
        if (S_in(c, ne, S_count_nouns)) {
            *label = PC_NX_QUANTITY;
            return ne + 1;
        }
        *label = PC_NX_CARDINAL;
        return ne;
    }
    if (S_is(c, i, PC_TOK_WORD) && S_in(c, i, S_ordinals)) {
        *label = PC_NX_ORDINAL;
        return i + 1;
    }
    if (S_eq(c, i, "noon") || S_eq(c, i, "midnight")) {
        *label = PC_NX_TIME;
        return i + 1;
    }
    return i;
}

/* The words a rule can start with, as (first letter, length) bits: most
 * tokens are ordinary words that no rule can start with, and one table look-up
 * rejects them before S_match tries a dozen word lists on each.  Built from
 * the lists themselves on every scan (a hundred words: cheap), so it cannot
 * fall out of step with them. */
static void S_start_filter(S_ctx *c)
{
    static const char *const extra[] = {"yesterday", "today", "tomorrow", "noon", "midnight", NULL};
    const char *const *lists[] = {S_months, S_weekdays, S_rel_words, S_numwords, S_ordinals, extra};
    size_t l;
    memset(c->first, 0, sizeof c->first);
    for (l = 0; l < sizeof lists / sizeof *lists; l++) {
        const char *const *w;
        for (w = lists[l]; *w; w++) {
            size_t n = strlen(*w);
            if ((*w)[0] >= 'a' && (*w)[0] <= 'z' && n < 16)
                c->first[(*w)[0] - 'a'] |= (uint16_t)(1u << n);
            else
                memset(c->first, 0xff, sizeof c->first); /* cannot happen with the lists above */
        }
    }
}

/* False when no rule can start at token i (a word or punctuation that is in
 * none of the start lists); numbers and symbols always go to S_match. */
static int S_may_start(const S_ctx *c, size_t i)
{
    const pc_token *t = &c->toks[i];
    size_t n;
    char ch;
    if (t->kind == PC_TOK_NUM || t->kind == PC_TOK_SYM)
        return 1;
    n = S_len(c, i);
    if (n == 0 || n >= 16)
        return 0;
    ch = c->text[t->start];
    if (ch >= 'A' && ch <= 'Z')
        ch = (char)(ch + 32);
    if (ch < 'a' || ch > 'z')
        return 0;
    return (c->first[ch - 'a'] >> n) & 1u;
}

int pc_numex_scan(const pc_mem *mem, const char *text, const pc_token *toks, size_t t0, size_t t1,
                  pc_numex_result *res)
{
    S_ctx c;
    size_t i = t0;
    c.text = text;
    c.toks = toks;
    c.t1 = t1;
    S_start_filter(&c);
    while (i < t1) {
        size_t start, end;
        int label = 0;
        if (!S_may_start(&c, i)) {
            i++;
            continue;
        }
        end = S_match(&c, i, t0, &start, &label);
        if (end > i && end <= t1) {
            void *p = res->spans;
            int rc;
            /* a prefix word may not reach into the previous span */
            if (res->n && start < res->spans[res->n - 1].tok_end)
                start = res->spans[res->n - 1].tok_end;
            rc = pc_grow(mem, &p, &res->cap, res->n + 1, sizeof(pc_numex));
            if (rc != PC_OK)
                return rc;
            res->spans = (pc_numex *)p;
            res->spans[res->n].tok_start = (uint32_t)start;
            res->spans[res->n].tok_end = (uint32_t)end;
            res->spans[res->n].label = label;
            res->n++;
            i = end;
        } else {
            i++;
        }
    }
    return PC_OK;
}

void pc_numex_result_free(const pc_mem *mem, pc_numex_result *res)
{
    if (res->spans)
        mem->free(mem->ctx, res->spans);
    memset(res, 0, sizeof *res);
}
