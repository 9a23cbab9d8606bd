/*
 * pc_time.c - see pc_time.h.
 *
 * How it works.  Each sentence is scanned token by token; at every token the
 * rules below are tried and the longest match wins (first rule on a tie).  A
 * match is a S_spec: the calendar fields the text gives (S_NO where it gives
 * none), how the rest is found (nothing, the publication date, an earlier
 * expression), a shift ("last year": -1 year) and, for a month or weekday
 * without a year, the direction to look in.  Resolution turns a spec and a
 * base date into an S_val, which is formatted as a TIMEX3 value.  A base
 * field that is unknown (no publication date) stays unknown (S_X) through
 * the arithmetic and prints as X, so an unresolved expression still has a
 * partial value and never a guessed one.
 *
 * Word lists are small, closed-class and English; they live here rather
 * than in data/ because they are grammar (month names, number words, units),
 * not vocabulary that a user would extend.
 */
#include "pc_time.h"

#include "pc_lowtok.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define S_NO (-1) /* field not given */
#define S_X (-2)  /* field unknown: it would come from a base that is unknown */

/* ---------------------------------------------------------------- names */

static const char *const S_types[] = {"", "DATE", "TIME", "DURATION", "SET"};
static const char *const S_grans[] = {"",        "millennium", "century", "decade", "year",
                                      "half",    "season",     "quarter", "month",  "week",
                                      "day",     "part_of_day", "hour",   "minute", "second"};
static const char *const S_mods[] = {"",           "START",         "MID",          "END",
                                     "BEFORE",     "AFTER",         "ON_OR_BEFORE", "ON_OR_AFTER",
                                     "LESS_THAN",  "MORE_THAN",     "EQUAL_OR_LESS", "EQUAL_OR_MORE",
                                     "APPROX"};
static const char *const S_anchors[] = {"", "publication", "publication (unknown)", "text"};

#define S_NAME(arr, i) ((i) >= 0 && (size_t)(i) < sizeof(arr) / sizeof(arr[0]) ? arr[i] : "")

const char *pc_time_type_name(int type) { return S_NAME(S_types, type); }
const char *pc_time_gran_name(int gran) { return S_NAME(S_grans, gran); }
const char *pc_time_mod_name(int mod) { return S_NAME(S_mods, mod); }
const char *pc_time_anchor_name(int anchor) { return S_NAME(S_anchors, anchor); }

/* ------------------------------------------------------------- calendar */

/* Days since 1970-01-01 (H. Hinnant's days_from_civil). */
long pc_time_days(int y, int m, int d)
{
    long yy = (long)y - (m <= 2);
    long era = (yy >= 0 ? yy : yy - 399) / 400;
    long yoe = yy - era * 400;
    long mp = (long)m + (m > 2 ? -3 : 9);
    long doy = (153 * mp + 2) / 5 + (long)d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void pc_time_civil(long z, int *y, int *m, int *d)
{
    long era, doe, yoe, doy, mp, yy;
    z += 719468;
    era = (z >= 0 ? z : z - 146096) / 146097;
    doe = z - era * 146097;
    yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    yy = yoe + era * 400;
    doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yy + (*m <= 2));
}

int pc_time_weekday(int y, int m, int d)
{
    long z = pc_time_days(y, m, d);
    long w = (z + 3) % 7; /* 1970-01-01 was a Thursday (3 with Monday = 0) */
    if (w < 0)
        w += 7;
    return (int)w + 1;
}

int pc_time_iso_week(int y, int m, int d, int *iso_year)
{
    long z = pc_time_days(y, m, d);
    long thursday = z - pc_time_weekday(y, m, d) + 4; /* the week's Thursday decides its year */
    int ty, tm, td;
    pc_time_civil(thursday, &ty, &tm, &td);
    *iso_year = ty;
    return (int)((thursday - pc_time_days(ty, 1, 1)) / 7 + 1);
}

static int S_mdays(int y, int m)
{
    static const int n[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return n[(m - 1) % 12];
}

/* --------------------------------------------------------------- values */

typedef struct {
    int gran;
    int y, m, d; /* year (ISO year for weeks), month, day */
    int sub;     /* half, season, quarter or ISO week, by granularity */
    int wd;      /* weekday 1-7 of a day whose date is unknown */
    int we;      /* week granularity: the weekend */
    int pod;     /* part of day 1-4: MO AF EV NI */
    int hh, mi;
} S_val;

static void S_val_none(S_val *v)
{
    v->gran = PC_TG_NONE;
    v->y = v->m = v->d = v->sub = v->wd = v->pod = v->hh = v->mi = S_NO;
    v->we = 0;
}

static int S_known(int f) { return f >= 0; }

/* A bounded string builder for values (PC_TIME_VALUE_MAX, always NUL-terminated). */
typedef struct {
    char *out;
    size_t n;
} S_buf;

static void S_str(S_buf *b, const char *s)
{
    while (*s && b->n + 1 < PC_TIME_VALUE_MAX)
        b->out[b->n++] = *s++;
    b->out[b->n] = 0;
}

/* a field as `width` zero-padded digits (more if it needs them), or X's
 * when unknown */
static void S_num(S_buf *b, int v, int width)
{
    char tmp[12];
    int k = 0;
    if (!S_known(v)) {
        for (k = 0; k < width && b->n + 1 < PC_TIME_VALUE_MAX; k++)
            b->out[b->n++] = 'X';
        b->out[b->n] = 0;
        return;
    }
    do {
        tmp[k++] = (char)('0' + v % 10);
        v /= 10;
    } while (v && k < 11);
    while (k < width && k < 11)
        tmp[k++] = '0';
    while (k > 0 && b->n + 1 < PC_TIME_VALUE_MAX)
        b->out[b->n++] = tmp[--k];
    b->out[b->n] = 0;
}

static const char *const S_pods[] = {"", "MO", "AF", "EV", "NI"};
static const char *const S_seasons[] = {"", "SP", "SU", "FA", "WI"};

/* Formats v as a TIMEX3 value into out (PC_TIME_VALUE_MAX bytes); returns
 * 1 when it has an X in it. */
static int S_format(const S_val *v, char *out)
{
    S_buf b;
    int y = v->y;
    b.out = out;
    b.n = 0;
    out[0] = 0;
    switch (v->gran) {
    case PC_TG_MILLENNIUM:
        S_num(&b, S_known(y) ? y / 1000 : S_X, 1);
        break;
    case PC_TG_CENTURY:
        S_num(&b, S_known(y) ? y / 100 : S_X, 2);
        break;
    case PC_TG_DECADE:
        S_num(&b, S_known(y) ? y / 10 : S_X, 3);
        break;
    case PC_TG_YEAR:
        S_num(&b, y, 4);
        break;
    case PC_TG_HALF:
    case PC_TG_QUARTER:
        S_num(&b, y, 4);
        S_str(&b, v->gran == PC_TG_HALF ? "-H" : "-Q");
        S_num(&b, v->sub, 1);
        break;
    case PC_TG_SEASON:
        S_num(&b, y, 4);
        S_str(&b, "-");
        S_str(&b, v->sub >= 1 && v->sub <= 4 ? S_seasons[v->sub] : "XX");
        break;
    case PC_TG_MONTH:
        S_num(&b, y, 4);
        S_str(&b, "-");
        S_num(&b, v->m, 2);
        break;
    case PC_TG_WEEK:
        S_num(&b, y, 4);
        S_str(&b, "-W");
        S_num(&b, v->sub, 2);
        if (v->we)
            S_str(&b, "-WE");
        break;
    default: /* day and finer */
        if (!S_known(v->d) && v->wd >= 1 && v->wd <= 7 && !S_known(y)) {
            S_str(&b, "XXXX-WXX-");
            S_num(&b, v->wd, 1);
        } else {
            S_num(&b, y, 4);
            S_str(&b, "-");
            S_num(&b, v->m, 2);
            S_str(&b, "-");
            S_num(&b, v->d, 2);
        }
        if (v->gran == PC_TG_PART_OF_DAY && v->pod >= 1 && v->pod <= 4) {
            S_str(&b, "T");
            S_str(&b, S_pods[v->pod]);
        } else if (v->gran >= PC_TG_HOUR && S_known(v->hh)) {
            S_str(&b, "T");
            S_num(&b, v->hh, 2);
            S_str(&b, ":");
            S_num(&b, S_known(v->mi) ? v->mi : 0, 2);
        }
        break;
    }
    return strchr(out, 'X') != NULL;
}

/* ---------------------------------------------------------------- specs */

enum { S_ABS = 1, S_DCT, S_REF, S_LIT };
/* direction for a month, season or weekday without a year */
enum { S_DIR_NONE = 0, S_DIR_THIS, S_DIR_LAST, S_DIR_NEXT, S_DIR_TENSE };
enum { S_U_NONE = 0, S_U_SEC, S_U_MIN, S_U_HOUR, S_U_DAY, S_U_WEEK, S_U_FORTNIGHT, S_U_WEEKEND,
       S_U_MONTH, S_U_QUARTER, S_U_HALF, S_U_YEAR, S_U_DECADE, S_U_CENTURY, S_U_MILLENNIUM };

typedef struct {
    size_t n;     /* tokens consumed */
    int type, mod, how;
    S_val v;      /* fields the text gives; v.gran = granularity of the result */
    int shift;    /* add shift units to the base (S_NO: none) */
    int unit;     /* S_U_* of the shift */
    int dir;      /* S_DIR_* */
    char lit[PC_TIME_VALUE_MAX]; /* S_LIT: the value */
    int lit_deictic;             /* S_LIT value that is about the publication date (*_REF) */
    int hol;                     /* a holiday whose day depends on the year (S_HOL_*) */
    int period;                  /* "a year earlier": of the reporting period (a quarter) when
                                  * the text is about one */
} S_spec;

enum { S_HOL_NONE = 0, S_HOL_THANKSGIVING, S_HOL_EASTER };

static void S_spec_init(S_spec *s)
{
    memset(s, 0, sizeof *s);
    S_val_none(&s->v);
    s->shift = 0;
}

/* --------------------------------------------------------------- tokens */

#define S_W PC_LOWTOK_MAX

typedef struct {
    const char *text;
    const pc_token *toks;
    size_t t0, t1; /* the sentence's tokens */
    pc_lowtok *lc;
} S_ctx;

/* token i lowercased (pc_lowtok); "" outside the sentence */
static const char *S_lw(const S_ctx *c, size_t i)
{
    if (i < c->t0 || i >= c->t1)
        return "";
    return pc_lowtok_get(c->lc, i);
}

static int S_eq(const S_ctx *c, size_t i, const char *w)
{
    const char *b = S_lw(c, i);
    return b[0] == w[0] && b[0] && strcmp(b, w) == 0;
}

/* index of token i in a NULL-terminated list, -1 if absent */
static int S_idx(const S_ctx *c, size_t i, const char *const *list)
{
    const char *b = S_lw(c, i);
    int k;
    if (!b[0])
        return -1;
    for (k = 0; list[k]; k++)
        if (list[k][0] == b[0] && strcmp(b, list[k]) == 0)
            return k;
    return -1;
}

static int S_kind(const S_ctx *c, size_t i) { return i >= c->t0 && i < c->t1 ? c->toks[i].kind : 0; }

static int S_cap(const S_ctx *c, size_t i)
{
    char ch;
    if (i < c->t0 || i >= c->t1)
        return 0;
    ch = c->text[c->toks[i].start];
    return ch >= 'A' && ch <= 'Z';
}

static int S_punct(const S_ctx *c, size_t i, char ch)
{
    return i >= c->t0 && i < c->t1 && c->toks[i].end - c->toks[i].start == 1 &&
           c->text[c->toks[i].start] == ch && c->toks[i].kind != PC_TOK_WORD &&
           c->toks[i].kind != PC_TOK_NUM;
}

/* white space between tokens i and i+1 (a hyphen compound has none) */
static int S_tight(const S_ctx *c, size_t i)
{
    return i + 1 < c->t1 && c->toks[i].end == c->toks[i + 1].start;
}

/* value of an all-digit token of 1..ndig digits (no commas), else -1 */
static int S_digits(const S_ctx *c, size_t i, size_t mind, size_t maxd)
{
    const pc_token *t;
    size_t k, n;
    int v = 0;
    if (i < c->t0 || i >= c->t1 || c->toks[i].kind != PC_TOK_NUM)
        return -1;
    t = &c->toks[i];
    n = t->end - t->start;
    if (n < mind || n > maxd)
        return -1;
    for (k = 0; k < n; k++) {
        char ch = c->text[t->start + k];
        if (ch < '0' || ch > '9')
            return -1;
        v = v * 10 + (ch - '0');
    }
    return v;
}

/* ----------------------------------------------------------- word lists */

static const char *const S_month_names[] = {
    "january", "february", "march", "april",  "may",     "june", "july", "august", "september",
    "october", "november", "december", "jan",  "feb",     "mar",  "apr",  "jun",    "jul",
    "aug",     "sep",      "sept",     "oct",  "nov",     "dec",  NULL};
static const int S_month_of[] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 2, 3, 4, 6, 7, 8, 9, 9, 10, 11, 12};

static const char *const S_weekday_names[] = {"monday", "tuesday", "wednesday", "thursday", "friday",
                                              "saturday", "sunday", NULL};
static const char *const S_season_names[] = {"spring", "summer", "autumn", "fall", "winter", NULL};
static const int S_season_of[] = {1, 2, 3, 3, 4};
static const char *const S_pod_names[] = {"morning", "afternoon", "evening", "night", NULL};

static const char *const S_ordinals[] = {"first", "second", "third", "fourth", "fifth", "sixth", "seventh",
                                         "eighth", "ninth", "tenth", "eleventh", "twelfth", NULL};
static const char *const S_vague[] = {"few", "several", "many", "some", "numerous", NULL};

/* unit words, singular then plural, with their S_U_* */
static const struct {
    const char *sg, *pl;
    int unit;
} S_units[] = {
    {"second", "seconds", S_U_SEC},   {"sec", "secs", S_U_SEC},
    {"minute", "minutes", S_U_MIN},   {"min", "mins", S_U_MIN},
    {"hour", "hours", S_U_HOUR},      {"hr", "hrs", S_U_HOUR},
    {"day", "days", S_U_DAY},         {"week", "weeks", S_U_WEEK},
    {"fortnight", "fortnights", S_U_FORTNIGHT}, {"weekend", "weekends", S_U_WEEKEND},
    {"month", "months", S_U_MONTH},   {"quarter", "quarters", S_U_QUARTER},
    {"year", "years", S_U_YEAR},      {"yr", "yrs", S_U_YEAR},
    {"decade", "decades", S_U_DECADE}, {"century", "centuries", S_U_CENTURY},
    {"millennium", "millennia", S_U_MILLENNIUM},
};

/* unit at token i: S_U_* (0 if none); *plural set */
static int S_unit(const S_ctx *c, size_t i, int *plural)
{
    const char *b = S_lw(c, i);
    size_t k;
    if (!b[0])
        return 0;
    for (k = 0; k < sizeof S_units / sizeof S_units[0]; k++) {
        if (strcmp(b, S_units[k].sg) == 0) {
            *plural = 0;
            return S_units[k].unit;
        }
        if (strcmp(b, S_units[k].pl) == 0) {
            *plural = 1;
            return S_units[k].unit;
        }
    }
    return 0;
}

static int S_unit_gran(int unit)
{
    switch (unit) {
    case S_U_SEC: return PC_TG_SECOND;
    case S_U_MIN: return PC_TG_MINUTE;
    case S_U_HOUR: return PC_TG_HOUR;
    case S_U_DAY: return PC_TG_DAY;
    case S_U_WEEK: case S_U_FORTNIGHT: case S_U_WEEKEND: return PC_TG_WEEK;
    case S_U_MONTH: return PC_TG_MONTH;
    case S_U_QUARTER: return PC_TG_QUARTER;
    case S_U_HALF: return PC_TG_HALF;
    case S_U_YEAR: return PC_TG_YEAR;
    case S_U_DECADE: return PC_TG_DECADE;
    case S_U_CENTURY: return PC_TG_CENTURY;
    case S_U_MILLENNIUM: return PC_TG_MILLENNIUM;
    default: return PC_TG_NONE;
    }
}

/* ISO 8601 duration of n units (n < 0: unknown count, X) */
static void S_duration(char *out, long n, int unit)
{
    char num[24];
    const char *pre = "P", *u = "D";
    long mult = 1;
    switch (unit) {
    case S_U_SEC: pre = "PT"; u = "S"; break;
    case S_U_MIN: pre = "PT"; u = "M"; break;
    case S_U_HOUR: pre = "PT"; u = "H"; break;
    case S_U_DAY: u = "D"; break;
    case S_U_WEEK: u = "W"; break;
    case S_U_FORTNIGHT: u = "W"; mult = 2; break;
    case S_U_WEEKEND: u = "WE"; break;
    case S_U_MONTH: u = "M"; break;
    case S_U_QUARTER: u = "Q"; break;
    case S_U_HALF: u = "M"; mult = 6; break;
    case S_U_YEAR: u = "Y"; break;
    case S_U_DECADE: u = n < 0 ? "DE" : "Y"; mult = 10; break;
    case S_U_CENTURY: u = n < 0 ? "CE" : "Y"; mult = 100; break;
    case S_U_MILLENNIUM: u = n < 0 ? "ML" : "Y"; mult = 1000; break;
    default: break;
    }
    if (n < 0)
        snprintf(num, sizeof num, "X");
    else
        snprintf(num, sizeof num, "%ld", n > 100000 ? 100000 : n * mult);
    snprintf(out, PC_TIME_VALUE_MAX, "%s%s%s", pre, num, u);
}

/* A count at token i: digits ("3", "12"), number words ("three",
 * "twenty-four", "twenty four"), "a"/"an" (1) when allow_a, "a couple of"
 * (2), "a dozen" (12), vague words ("several", "a few": *val = -1).
 * Returns tokens consumed. */
static size_t S_count(const S_ctx *c, size_t i, long *val, int allow_a)
{
    int k, t;
    size_t j = i;
    if (S_kind(c, i) == PC_TOK_NUM) {
        const pc_token *tk = &c->toks[i];
        long v = 0;
        size_t p;
        int digits = 0;
        for (p = tk->start; p < tk->end; p++) {
            char ch = c->text[p];
            if (ch == ',')
                continue;
            if (ch < '0' || ch > '9')
                return 0;
            if (v < 10000000)
                v = v * 10 + (ch - '0');
            digits++;
        }
        if (!digits)
            return 0;
        *val = v;
        return 1;
    }
    if ((allow_a && (S_eq(c, j, "a") || S_eq(c, j, "an"))) || S_eq(c, j, "the")) {
        int a = !S_eq(c, j, "the");
        if (S_eq(c, j + 1, "few") || S_eq(c, j + 1, "couple")) {
            int couple = S_eq(c, j + 1, "couple");
            *val = couple ? 2 : -1;
            return S_eq(c, j + 2, "of") ? 3 : 2;
        }
        if (S_eq(c, j + 1, "dozen")) {
            *val = 12;
            return 2;
        }
        if (a && allow_a) {
            *val = 1;
            return 1;
        }
        return 0;
    }
    if (S_idx(c, j, S_vague) >= 0) {
        *val = -1;
        return 1;
    }
    if (S_eq(c, j, "dozens") || S_eq(c, j, "hundreds")) {
        if (S_eq(c, j + 1, "of")) {
            *val = -1;
            return 2;
        }
        return 0;
    }
    if ((t = S_idx(c, j, pc_lowtok_tens)) >= 0) {
        *val = 20 + 10 * t;
        if (S_punct(c, j + 1, '-') && (k = S_idx(c, j + 2, pc_lowtok_ones)) > 0 && k < 10) {
            *val += k;
            return 3;
        }
        if ((k = S_idx(c, j + 1, pc_lowtok_ones)) > 0 && k < 10) {
            *val += k;
            return 2;
        }
        return 1;
    }
    if ((k = S_idx(c, j, pc_lowtok_ones)) >= 0) {
        *val = k;
        if (S_eq(c, j + 1, "hundred")) {
            *val = k * 100;
            return 2;
        }
        return 1;
    }
    if (S_eq(c, j, "hundred") || S_eq(c, j, "thousand")) {
        *val = S_eq(c, j, "hundred") ? 100 : 1000;
        return 1;
    }
    return 0;
}

/* ------------------------------------------------------------ lexicon */

static int S_month(const S_ctx *c, size_t i)
{
    int k = S_idx(c, i, S_month_names);
    if (k < 0)
        return 0;
    /* abbreviations only with their period or in front of a day/year; all
     * month names capitalised (lowercase "may", "march" are words) */
    if (!S_cap(c, i))
        return 0;
    if (k >= 12 && !(c->toks[i].flags & PC_TF_ABBREV) && S_kind(c, i + 1) != PC_TOK_NUM)
        return 0;
    return S_month_of[k];
}

/* A day of the month: "26", "26th", "1st"; returns 1-31 or 0. */
static int S_day(const S_ctx *c, size_t i)
{
    int v = S_digits(c, i, 1, 2);
    const pc_token *t;
    if (v >= 1 && v <= 31)
        return v;
    if (S_kind(c, i) != PC_TOK_NUM && S_kind(c, i) != PC_TOK_WORD)
        return 0;
    t = &c->toks[i];
    if (t->end - t->start >= 3 && t->end - t->start <= 4) {
        const char *s = c->text + t->start;
        size_t n = t->end - t->start;
        int d = 0;
        size_t k = 0;
        while (k < n && s[k] >= '0' && s[k] <= '9')
            d = d * 10 + (s[k++] - '0');
        if (k >= 1 && k <= 2 && n - k == 2 && d >= 1 && d <= 31) {
            char a = (char)(s[k] | 32), b = (char)(s[k + 1] | 32);
            if ((a == 's' && b == 't') || (a == 'n' && b == 'd') || (a == 'r' && b == 'd') ||
                (a == 't' && b == 'h'))
                return d;
        }
    }
    return 0;
}

/* Count nouns and measure words after a four-digit number that make it a
 * quantity, not a year ("2000 people", "1500 km"). */
static const char *const S_not_year_after[] = {
    "people",  "persons", "troops",  "soldiers", "residents", "refugees", "votes",    "km",
    "miles",   "meters",  "metres",  "tonnes",   "tons",      "dollars",  "euros",    "pounds",
    "percent", "per",     "%",       "million",  "billion",   "thousand", "hectares", "kilometers",
    "kilometres", "feet", "homes",   "jobs",     "workers",   "members",  "cases",    "deaths",
    "units",   "shares",  "barrels", "points",   "students",  "children", "civilians", "fighters",
    "hours",   "minutes", "days",    "copies",   "users",     "customers", "staff",   "employees",
    "seats",   "calories", "mph",    "kg",       "lbs",       "yards",    NULL};
static const char *const S_currency[] = {"$", "€", "£", "¥", "us$", "usd", "eur", "gbp", "rs", NULL};

/* A year: a four-digit number 1000-2099 that is not a quantity. */
static int S_year(const S_ctx *c, size_t i)
{
    int v = S_digits(c, i, 4, 4);
    if (v < 1000 || v > 2099)
        return 0;
    if (i > c->t0 && (S_idx(c, i - 1, S_currency) >= 0 || S_punct(c, i - 1, '#')))
        return 0;
    if (S_idx(c, i + 1, S_not_year_after) >= 0)
        return 0;
    /* part of a longer number written with separators ("1998.5", "12:1998") */
    if ((S_tight(c, i) && (S_punct(c, i + 1, ':') || S_punct(c, i + 1, '.')) && S_tight(c, i + 1) &&
         S_kind(c, i + 2) == PC_TOK_NUM) ||
        (i > c->t0 + 1 && S_tight(c, i - 1) && (S_punct(c, i - 1, ':') || S_punct(c, i - 1, '.')) &&
         S_tight(c, i - 2) && S_kind(c, i - 2) == PC_TOK_NUM))
        return 0;
    return v;
}

/* ------------------------------------------------------------------ tense */

static const char *const S_future_cues[] = {"will", "shall", "'ll", "upcoming", "scheduled", "expected",
                                            "due", "planned", "plans", "plan", "planning", "intends",
                                            "aims", "going", "forthcoming", "next", "tomorrow", "would",
                                            "until", "deadline", NULL};
static const char *const S_past_cues[] = {
    "was",   "were",   "had",   "did",    "said",   "told",   "ago",    "last",   "met",    "took",
    "came",  "went",   "began", "won",    "lost",   "held",   "left",   "made",   "gave",   "saw",
    "sought", "fought", "brought", "spoke", "broke", "wrote", "became", "fell",  "rose",   "paid",
    "sold",  "led",    "found", "kept",   "struck", "yesterday", "earlier", "been", "got", "ran",
    "killed", "signed", "reported", "announced", "agreed", "visited", NULL};

/* a word in -ed that reads as a past verb ("predicted", "closed"): not
 * -eed ("need", "proceed") nor a few nouns and adjectives */
static const char *const S_not_past_ed[] = {"hundred", "red", "bed", "shed", "wed", "united", "limited",
                                            "related", "based", "used", "supposed", "alleged", "armed",
                                            "advanced", "detailed", "concerned", "interested", "proposed",
                                            NULL};
static int S_past_ed(const S_ctx *c, size_t i)
{
    const char *w = S_lw(c, i);
    size_t n = strlen(w);
    if (n < 5 || w[n - 2] != 'e' || w[n - 1] != 'd' || w[n - 3] == 'e')
        return 0;
    return S_idx(c, i, S_not_past_ed) < 0;
}

/* -1 past, +1 future, 0 unknown: the cue nearest to tokens [a, b) in the
 * sentence decides ("will" or "scheduled" against "was", "said", a past
 * participle in -ed). */
static int S_tense(const S_ctx *c, size_t a, size_t b)
{
    size_t dist;
    for (dist = 1; dist < 40; dist++) {
        size_t l = a >= c->t0 + dist ? a - dist : (size_t)-1;
        size_t r = b - 1 + dist;
        size_t side[2];
        int s;
        side[0] = l;
        side[1] = r;
        if (l == (size_t)-1 && r >= c->t1)
            break;
        for (s = 0; s < 2; s++) {
            size_t i = side[s];
            if (i == (size_t)-1 || i < c->t0 || i >= c->t1 || S_kind(c, i) != PC_TOK_WORD)
                continue;
            if (S_idx(c, i, S_future_cues) >= 0) {
                if (S_eq(c, i, "going") && !S_eq(c, i + 1, "to"))
                    continue;
                if (S_eq(c, i, "due") && !S_eq(c, i + 1, "to"))
                    continue;
                return 1;
            }
            if (S_idx(c, i, S_past_cues) >= 0 || S_past_ed(c, i))
                return -1;
        }
    }
    return 0;
}



/* ------------------------------------------------------------------ rules */

/* Rules return the number of tokens they consume from i (0: no match) and
 * fill *s.  They never read outside the sentence. */

/* "September 26, 2024", "Monday, Jan. 5", "26 September 2024", "the 26th of
 * September", "September 2022", "September of 2023", "September", numeric
 * d/m/y, m/d/y and y-m-d. */
static size_t S_r_calendar(const S_ctx *c, size_t i, S_spec *s)
{
    size_t j = i;
    int m, d = 0, y = 0, wd = 0, k, yshift = 0, named_year = 0;
    if ((k = S_idx(c, j, S_weekday_names)) >= 0 && S_cap(c, j)) {
        size_t j2 = j + 1 + (S_punct(c, j + 1, ',') ? 1 : 0);
        if (S_month(c, j2) || (S_day(c, j2) && S_month(c, j2 + 1 + (S_eq(c, j2 + 1, "of") ? 1 : 0)))) {
            wd = k + 1;
            j = j2;
        }
    }
    if (S_eq(c, j, "the") && S_day(c, j + 1) && S_digits(c, j + 1, 1, 2) < 0 && S_eq(c, j + 2, "of") &&
        S_month(c, j + 3)) {
        /* the 26th of September [2024] */
        d = S_day(c, j + 1);
        m = S_month(c, j + 3);
        j += 4;
        if (S_punct(c, j, ',') && S_year(c, j + 1))
            j++;
        if ((y = S_year(c, j)) != 0)
            j++;
    } else if ((m = S_month(c, j)) != 0) {
        j++;
        if (S_punct(c, j, '.') && S_tight(c, j - 1) && S_day(c, j + 1))
            j++; /* "Sept . 3" written apart */
        if ((d = S_day(c, j)) != 0 && !S_year(c, j)) {
            j++;
            if (S_punct(c, j, ',') && S_year(c, j + 1))
                j++;
            if ((y = S_year(c, j)) != 0)
                j++;
        } else {
            d = 0;
            if (S_punct(c, j, ',') && S_year(c, j + 1))
                j++;
            else if (S_eq(c, j, "of") && S_year(c, j + 1))
                j++;
            if ((y = S_year(c, j)) != 0)
                j++;
        }
        if (!y) {
            /* "June last year", "April of next year": that month of the year so named */
            size_t q = j + (S_eq(c, j, "of") ? 1u : 0u);
            if ((S_eq(c, q, "last") || S_eq(c, q, "this") || S_eq(c, q, "next")) && S_eq(c, q + 1, "year")) {
                yshift = S_eq(c, q, "last") ? -1 : S_eq(c, q, "next") ? 1 : 0;
                named_year = 1;
                j = q + 2;
            }
        }
        if (!d && !y && !named_year) {
            /* a month name alone: "May" and "March" are also words */
            if ((m == 5 || m == 3) && !(i > c->t0 && (S_eq(c, i - 1, "in") || S_eq(c, i - 1, "since") ||
                                                     S_eq(c, i - 1, "until") || S_eq(c, i - 1, "of") ||
                                                     S_eq(c, i - 1, "early") || S_eq(c, i - 1, "late") ||
                                                     S_eq(c, i - 1, "by") || S_eq(c, i - 1, "mid") ||
                                                     (S_punct(c, i - 1, '-') && (S_eq(c, i - 2, "mid") ||
                                                                                  S_eq(c, i - 2, "early") ||
                                                                                  S_eq(c, i - 2, "late"))))))
                return 0;
            if (c->toks[i].flags & PC_TF_ABBREV && !S_eq(c, i - 1, "in"))
                return 0;
        }
    } else if ((d = S_day(c, j)) != 0 && (m = S_month(c, j + 1 + (S_eq(c, j + 1, "of") ? 1 : 0))) != 0) {
        /* 26 September [2024] */
        j += S_eq(c, j + 1, "of") ? 3u : 2u;
        if (S_punct(c, j, ',') && S_year(c, j + 1))
            j++;
        if ((y = S_year(c, j)) != 0)
            j++;
    } else {
        /* numeric: 26/09/2024, 09/26/2024, 2024-09-26 */
        int a = S_digits(c, j, 1, 4), b = S_digits(c, j + 2, 1, 2), e = S_digits(c, j + 4, 2, 4);
        char sep;
        if (a < 0 || b < 0 || e < 0 || !S_tight(c, j) || !S_tight(c, j + 1) || !S_tight(c, j + 2) ||
            !S_tight(c, j + 3))
            return 0;
        sep = c->text[c->toks[j + 1].start];
        if (!(S_punct(c, j + 1, '/') || S_punct(c, j + 1, '-') || S_punct(c, j + 1, '.')) ||
            !S_punct(c, j + 3, sep))
            return 0;
        if (c->toks[j].end - c->toks[j].start == 4) { /* y-m-d */
            y = a;
            m = b;
            d = e;
            if (c->toks[j + 4].end - c->toks[j + 4].start != 2)
                return 0;
        } else {
            if (c->toks[j + 4].end - c->toks[j + 4].start != 4)
                return 0;
            y = e;
            if (a > 12 && b <= 12) {
                d = a;
                m = b;
            } else if (b > 12 && a <= 12) {
                m = a;
                d = b;
            } else if (sep == '/') { /* ambiguous: US order with slashes */
                m = a;
                d = b;
            } else {
                d = a;
                m = b;
            }
        }
        if (y < 1000 || y > 2099 || m < 1 || m > 12 || d < 1 || d > S_mdays(y, m))
            return 0;
        if (j + 5 < c->t1 && S_tight(c, j + 4) && (S_kind(c, j + 5) == PC_TOK_NUM || S_punct(c, j + 5, '/')))
            return 0;
        j += 5;
    }
    if (d && y && d > S_mdays(y, m))
        return 0;
    s->type = PC_TX_DATE;
    s->v.m = m;
    s->v.d = d ? d : S_NO;
    s->v.gran = d ? PC_TG_DAY : PC_TG_MONTH;
    if (y) {
        s->how = S_ABS;
        s->v.y = y;
    } else if (named_year) {
        s->how = S_DCT;
        s->dir = S_DIR_NONE;
        s->unit = S_U_YEAR;
        s->shift = yshift;
    } else {
        s->how = S_DCT;
        s->dir = S_DIR_TENSE;
    }
    (void)wd;
    return j - i;
}

/* "2020", "the year 2000", "fiscal 1989", "fiscal year 1990", "post-2020" */
static size_t S_r_year(const S_ctx *c, size_t i, S_spec *s)
{
    size_t j = i;
    int y;
    if (S_eq(c, j, "the") && S_eq(c, j + 1, "year") && S_year(c, j + 2))
        j += 2;
    else if (S_eq(c, j, "fiscal")) {
        j++;
        if (S_eq(c, j, "year"))
            j++;
        if (!S_year(c, j))
            return 0;
    } else if ((S_eq(c, j, "post") || S_eq(c, j, "pre")) && S_punct(c, j + 1, '-') && S_tight(c, j) &&
               S_tight(c, j + 1) && S_year(c, j + 2)) {
        s->mod = S_eq(c, j, "post") ? PC_TM_AFTER : PC_TM_BEFORE;
        j += 2;
    }
    if ((y = S_year(c, j)) == 0)
        return 0;
    /* a year in a numeric range "2020-21" or "2019/20" stays the first year */
    s->type = PC_TX_DATE;
    s->how = S_ABS;
    s->v.y = y;
    s->v.gran = PC_TG_YEAR;
    return j + 1 - i;
}

/* decade/century: "1990s", "the 1990s", "the '90s", "the nineties",
 * "the 20th century", "the twentieth century" */
static const char *const S_decade_words[] = {"twenties", "thirties", "forties", "fifties", "sixties",
                                             "seventies", "eighties", "nineties", NULL};
static const char *const S_century_ords[] = {"eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth",
                                             "sixteenth", "seventeenth", "eighteenth", "nineteenth",
                                             "twentieth", NULL};

static size_t S_r_decade(const S_ctx *c, size_t i, S_spec *s)
{
    size_t j = i, n;
    int the = 0, k;
    const pc_token *t;
    if (S_eq(c, j, "the")) {
        the = 1;
        j++;
    }
    if (S_punct(c, j, '\'') || S_eq(c, j, "'")) /* the '90s: apostrophe token */
        j++;
    t = j < c->t1 ? &c->toks[j] : NULL;
    if (t && t->kind == PC_TOK_NUM && (n = t->end - t->start) >= 3 && n <= 5 &&
        (c->text[t->end - 1] == 's' || c->text[t->end - 1] == 'S')) {
        const char *p = c->text + t->start;
        int v = 0;
        size_t q;
        for (q = 0; q + 1 < n; q++) {
            if (p[q] < '0' || p[q] > '9')
                return 0;
            v = v * 10 + (p[q] - '0');
        }
        if (n - 1 == 4 && v % 10 == 0 && v >= 1000 && v <= 2090)
            s->v.y = v;
        else if (n - 1 == 2 && v % 10 == 0)
            s->v.y = 1900 + v; /* the '90s, the 90s */
        else
            return 0;
        s->type = PC_TX_DATE;
        s->how = S_ABS;
        s->v.gran = PC_TG_DECADE;
        return j + 1 - i;
    }
    if (the && (k = S_idx(c, j, S_decade_words)) >= 0) {
        s->type = PC_TX_DATE;
        s->how = S_ABS;
        s->v.y = 1920 + 10 * k;
        s->v.gran = PC_TG_DECADE;
        return j + 1 - i;
    }
    {
        /* the 20th century; 20th-century (adjective) */
        int cent = 0, twenty_first = 0;
        size_t u;
        if (S_eq(c, j, "twenty") && S_punct(c, j + 1, '-') && S_eq(c, j + 2, "first")) {
            twenty_first = 1;
            j += 2;
        }
        u = j + 1; /* the word "century" */
        if (S_punct(c, u, '-') && !the)
            u++;
        if (!S_eq(c, u, "century") || (!the && u == j + 1))
            return 0;
        if ((k = S_idx(c, j, S_century_ords)) >= 0)
            cent = k + 11;
        else if (S_day(c, j) && S_digits(c, j, 1, 2) < 0)
            cent = S_day(c, j);
        if (twenty_first)
            cent = 21;
        j = u - 1;
        if (cent >= 1 && cent <= 21) {
            s->type = PC_TX_DATE;
            s->how = S_ABS;
            s->v.y = (cent - 1) * 100;
            s->v.gran = PC_TG_CENTURY;
            return j + 2 - i;
        }
    }
    return 0;
}

/* quarters and halves: "the third quarter [of 1989]", "third-quarter",
 * "Q3 [2024]", "the first half [of 2023]", "1989's third quarter" */
static size_t S_r_quarter(const S_ctx *c, size_t i, S_spec *s)
{
    size_t j = i;
    int q = 0, half = 0, y = 0, k;
    const char *b;
    if ((y = S_year(c, j)) != 0 && (S_eq(c, j + 1, "'s") || S_eq(c, j + 1, "’s")))
        j += 2;
    else
        y = 0;
    if (S_eq(c, j, "the")) {
        /* "the third-quarter results": the article belongs to the noun */
        if (S_punct(c, j + 2, '-') && S_tight(c, j + 1))
            return 0;
        j++;
        if (!y && (y = S_year(c, j)) != 0) /* the 1988 third quarter */
            j++;
    }
    b = S_lw(c, j);
    if ((b[0] == 'q' || b[0] == 'h') && b[1] >= '1' && b[1] <= '4' && b[2] == 0 && S_cap(c, j)) {
        if (b[0] == 'q')
            q = b[1] - '0';
        else if (b[1] <= '2')
            half = b[1] - '0';
        else
            return 0;
        j++;
    } else {
        if ((k = S_idx(c, j, S_ordinals)) >= 0 && k < 4)
            ;
        else if (S_eq(c, j, "1st"))
            k = 0;
        else if (S_eq(c, j, "2nd"))
            k = 1;
        else if (S_eq(c, j, "3rd"))
            k = 2;
        else if (S_eq(c, j, "4th"))
            k = 3;
        else
            return 0;
        j++;
        if (S_punct(c, j, '-'))
            j++;
        if (S_eq(c, j, "quarter"))
            q = k + 1;
        else if (S_eq(c, j, "half") && k < 2)
            half = k + 1;
        else
            return 0;
        j++;
    }
    if (!y) {
        if (S_eq(c, j, "of") && (y = S_year(c, j + 1)) != 0)
            j += 2;
        else if ((y = S_year(c, j)) != 0)
            j++;
        else if (S_eq(c, j, "of") && (S_eq(c, j + 1, "this") || S_eq(c, j + 1, "next") ||
                                       S_eq(c, j + 1, "last")) && S_eq(c, j + 2, "year")) {
            s->shift = S_eq(c, j + 1, "this") ? 0 : S_eq(c, j + 1, "next") ? 1 : -1;
            s->unit = S_U_YEAR;
            j += 3;
        } else if (S_eq(c, j, "of") && S_eq(c, j + 1, "the") && S_eq(c, j + 2, "year"))
            j += 3;
    }
    /* "the second half" alone is as often a match's half as the year's:
     * halves need a year */
    if (half && !y && !s->unit && !S_eq(c, j - 1, "year"))
        return 0;
    s->type = PC_TX_DATE;
    s->v.sub = q ? q : half;
    s->v.gran = q ? PC_TG_QUARTER : PC_TG_HALF;
    if (y) {
        s->how = S_ABS;
        s->v.y = y;
    } else {
        s->how = S_DCT;
        if (!s->unit) {
            s->unit = S_U_YEAR;
            s->shift = 0;
        }
    }
    return j - i;
}

/* seasons: "spring 2020", "the spring of 2020", "the summer" (+ this/last/next in S_r_deictic) */
static size_t S_r_season(const S_ctx *c, size_t i, S_spec *s)
{
    size_t j = i;
    int k, y, the = 0;
    if (S_eq(c, j, "the")) {
        the = 1;
        j++;
    }
    if ((k = S_idx(c, j, S_season_names)) < 0)
        return 0;
    if (S_eq(c, j + 1, "of") && (y = S_year(c, j + 2)) != 0)
        j += 3;
    else if ((y = S_year(c, j + 1)) != 0)
        j += 2;
    else {
        /* "the summer", "in winter": the season around the publication date;
         * "fall" and "spring" are verbs and nouns too */
        if (k == 3 || k == 0)
            return 0;
        if (S_eq(c, j + 1, "of"))
            return 0;
        if (!the && !(i > c->t0 && (S_eq(c, i - 1, "in") || S_eq(c, i - 1, "during") ||
                                    S_eq(c, i - 1, "until") || S_eq(c, i - 1, "since"))))
            return 0;
        j++;
        s->type = PC_TX_DATE;
        s->how = S_DCT;
        s->dir = S_DIR_TENSE;
        s->v.sub = S_season_of[k];
        s->v.gran = PC_TG_SEASON;
        return j - i;
    }
    s->type = PC_TX_DATE;
    s->how = S_ABS;
    s->v.y = y;
    s->v.sub = S_season_of[k];
    s->v.gran = PC_TG_SEASON;
    return j - i;
}

/* symbolic values */
static const struct {
    const char *w1, *w2;
    const char *value;
} S_symbolic[] = {
    {"right", "now", "PRESENT_REF"}, {"now", NULL, "PRESENT_REF"},     {"currently", NULL, "PRESENT_REF"},
    {"nowadays", NULL, "PRESENT_REF"}, {"presently", NULL, "PRESENT_REF"}, {"current", NULL, "PRESENT_REF"},
    {"these", "days", "PRESENT_REF"},  {"the", "present", "PRESENT_REF"},  {"at", "present", "PRESENT_REF"},
    {"recently", NULL, "PAST_REF"},    {"lately", NULL, "PAST_REF"},       {"recent", NULL, "PAST_REF"},
    {"the", "future", "FUTURE_REF"},
};

/* the deictic family: today/yesterday/tomorrow/tonight, this/last/next +
 * unit|month|weekday|season, the past/coming + unit, earlier/later this X,
 * N units ago/earlier/later, the following/previous/same + unit, that + unit,
 * weekdays, parts of the day, symbolic values */
static size_t S_r_deictic(const S_ctx *c, size_t i, S_spec *s)
{
    size_t j = i;
    int k, plural = 0, unit, mod = PC_TM_NONE;
    long n;
    size_t m;

    /* today, yesterday, tomorrow, tonight [+ part of day] */
    if (S_eq(c, j, "today") || S_eq(c, j, "yesterday") || S_eq(c, j, "tomorrow") || S_eq(c, j, "tonight")) {
        int sh = S_eq(c, j, "yesterday") ? -1 : S_eq(c, j, "tomorrow") ? 1 : 0;
        s->type = PC_TX_DATE;
        s->how = S_DCT;
        s->unit = S_U_DAY;
        s->shift = sh;
        s->v.gran = PC_TG_DAY;
        if (S_eq(c, j, "tonight")) {
            s->type = PC_TX_TIME;
            s->v.pod = 4;
            s->v.gran = PC_TG_PART_OF_DAY;
        } else if ((k = S_idx(c, j + 1, S_pod_names)) >= 0 && !S_eq(c, j, "today")) {
            s->type = PC_TX_TIME;
            s->v.pod = k + 1;
            s->v.gran = PC_TG_PART_OF_DAY;
            j++;
        }
        return j + 1 - i;
    }
    if (S_eq(c, j, "the") && S_eq(c, j + 1, "day") && (S_eq(c, j + 2, "before") || S_eq(c, j + 2, "after")) &&
        (S_eq(c, j + 3, "yesterday") || S_eq(c, j + 3, "tomorrow"))) {
        s->type = PC_TX_DATE;
        s->how = S_DCT;
        s->unit = S_U_DAY;
        s->shift = S_eq(c, j + 3, "yesterday") ? -2 : 2;
        s->v.gran = PC_TG_DAY;
        return 4;
    }

    /* earlier/later this|last|next X; early/late/mid this|last|next X */
    if (S_eq(c, j, "earlier") || S_eq(c, j, "later") || S_eq(c, j, "early") || S_eq(c, j, "late") ||
        S_eq(c, j, "mid")) {
        if (S_eq(c, j + 1, "this") || S_eq(c, j + 1, "last") || S_eq(c, j + 1, "next") ||
            (S_eq(c, j + 1, "that") && (S_eq(c, j, "later") || S_eq(c, j, "earlier")))) {
            mod = (S_eq(c, j, "earlier") || S_eq(c, j, "early")) ? PC_TM_START
                  : S_eq(c, j, "mid")                          ? PC_TM_MID
                                                               : PC_TM_END;
            if (S_eq(c, j + 1, "that"))
                mod = PC_TM_NONE;
            j++;
        }
    }

    /* this/last/next/that/the following/the previous/the same + X */
    {
        int det = 0; /* 1 this, 2 last, 3 next, 4 that/same (ref), 5 following (ref+1), 6 previous (ref-1) */
        size_t j0 = j;
        if (S_eq(c, j, "this") && S_eq(c, j + 1, "past")) {
            det = 2; /* this past weekend */
            j++;
        } else if (S_eq(c, j, "this"))
            det = 1;
        else if (S_eq(c, j, "last") || S_eq(c, j, "past"))
            det = 2;
        else if (S_eq(c, j, "next") || S_eq(c, j, "coming"))
            det = 3;
        else if (S_eq(c, j, "that"))
            det = 4;
        else if (S_eq(c, j, "the") && S_eq(c, j + 1, "same"))
            det = 4;
        else if (S_eq(c, j, "the") && (S_eq(c, j + 1, "following") || S_eq(c, j + 1, "next")))
            det = 5;
        else if (S_eq(c, j, "the") && S_eq(c, j + 1, "previous"))
            det = 6;
        else if (S_eq(c, j, "the") && (S_eq(c, j + 1, "past") || S_eq(c, j + 1, "last")) &&
                 (unit = S_unit(c, j + 2, &plural)) != 0 && !plural && unit != S_U_WEEKEND) {
            /* "the past year": a duration */
            s->type = PC_TX_DURATION;
            s->how = S_LIT;
            S_duration(s->lit, 1, unit);
            s->v.gran = S_unit_gran(unit);
            return j + 3 - i;
        }
        if (det) {
            int bare_past = S_eq(c, j0, "past") || S_eq(c, j0, "coming");
            j += (det >= 4 && S_eq(c, j, "the")) ? 2 : 1;
            unit = S_unit(c, j, &plural);
            if (unit && !plural && unit != S_U_SEC && unit != S_U_MIN && unit != S_U_HOUR &&
                unit != S_U_FORTNIGHT) {
                if (bare_past) {
                    /* "past year" as an adjective phrase: a duration */
                    s->type = PC_TX_DURATION;
                    s->how = S_LIT;
                    S_duration(s->lit, 1, unit);
                    s->v.gran = S_unit_gran(unit);
                    return j + 1 - i;
                }
                s->type = PC_TX_DATE;
                s->how = det >= 4 ? S_REF : S_DCT;
                s->unit = unit == S_U_WEEKEND ? S_U_WEEK : unit;
                s->shift = det == 2 || det == 6 ? -1 : det == 3 || det == 5 ? 1 : 0;
                s->v.gran = S_unit_gran(unit);
                s->v.we = unit == S_U_WEEKEND;
                s->mod = mod;
                return j + 1 - i;
            }
            if (det <= 3 && !bare_past) {
                int mo = S_month(c, j), se = S_idx(c, j, S_season_names), wdy = S_idx(c, j, S_weekday_names);
                if (!mo && S_idx(c, j, S_month_names) >= 0 && S_idx(c, j, S_month_names) < 12)
                    mo = S_month_of[S_idx(c, j, S_month_names)];
                if (mo || se >= 0 || wdy >= 0) {
                    s->type = PC_TX_DATE;
                    s->how = S_DCT;
                    s->dir = det == 1 ? S_DIR_THIS : det == 2 ? S_DIR_LAST : S_DIR_NEXT;
                    s->mod = mod;
                    if (mo) {
                        s->v.m = mo;
                        s->v.gran = PC_TG_MONTH;
                        if ((k = S_day(c, j + 1)) != 0 && !S_year(c, j + 1)) {
                            s->v.d = k; /* last Oct. 23 */
                            s->v.gran = PC_TG_DAY;
                            j++;
                        }
                    } else if (se >= 0) {
                        s->v.sub = S_season_of[se];
                        s->v.gran = PC_TG_SEASON;
                    } else {
                        s->v.wd = wdy + 1;
                        s->v.gran = PC_TG_DAY;
                        if ((k = S_idx(c, j + 1, S_pod_names)) >= 0) {
                            s->type = PC_TX_TIME;
                            s->v.pod = k + 1;
                            s->v.gran = PC_TG_PART_OF_DAY;
                            j++;
                        }
                    }
                    return j + 1 - i;
                }
                /* this morning, last night */
                if ((k = S_idx(c, j, S_pod_names)) >= 0 && det <= 2) {
                    s->type = PC_TX_TIME;
                    s->how = S_DCT;
                    s->unit = S_U_DAY;
                    s->shift = det == 2 ? -1 : 0;
                    s->v.pod = k + 1;
                    s->v.gran = PC_TG_PART_OF_DAY;
                    return j + 1 - i;
                }
            }
        }
        j = j0;
    }
    if (mod != PC_TM_NONE || j != i)
        return 0; /* "earlier" + something else */

    /* N units ago / earlier / later */
    if ((m = S_count(c, j, &n, 1)) != 0 && (unit = S_unit(c, j + m, &plural)) != 0 &&
        (S_eq(c, j + m + 1, "ago") || S_eq(c, j + m + 1, "earlier") || S_eq(c, j + m + 1, "later"))) {
        int ago = S_eq(c, j + m + 1, "ago"), dirn = S_eq(c, j + m + 1, "later") ? 1 : -1;
        if (unit == S_U_SEC || unit == S_U_MIN || unit == S_U_HOUR || unit == S_U_WEEKEND)
            return 0;
        s->type = PC_TX_DATE;
        if (n < 0) {
            s->how = S_LIT;
            snprintf(s->lit, sizeof s->lit, "%s", dirn < 0 ? "PAST_REF" : "FUTURE_REF");
            s->lit_deictic = 1;
            return m + 2;
        }
        s->how = ago ? S_DCT : S_REF;
        s->period = unit == S_U_YEAR;
        s->unit = unit == S_U_FORTNIGHT ? S_U_WEEK : unit;
        s->shift = (int)(dirn * (unit == S_U_FORTNIGHT ? 2 * n : n));
        s->v.gran = S_unit_gran(unit);
        return m + 2;
    }

    /* a weekday [part of day] */
    if ((k = S_idx(c, j, S_weekday_names)) >= 0 && S_cap(c, j)) {
        s->type = PC_TX_DATE;
        s->how = S_DCT;
        s->dir = S_DIR_TENSE;
        s->v.wd = k + 1;
        s->v.gran = PC_TG_DAY;
        if ((k = S_idx(c, j + 1, S_pod_names)) >= 0) {
            s->type = PC_TX_TIME;
            s->v.pod = k + 1;
            s->v.gran = PC_TG_PART_OF_DAY;
            return 2;
        }
        return 1;
    }

    /* year-earlier, the year-ago quarter, the comparable year-earlier period */
    {
        size_t q = j;
        if (S_eq(c, q, "the"))
            q++;
        if (S_eq(c, q, "comparable") || S_eq(c, q, "corresponding") || S_eq(c, q, "same"))
            q++;
        if (S_eq(c, q, "year") && S_punct(c, q + 1, '-') && (S_eq(c, q + 2, "earlier") || S_eq(c, q + 2, "ago"))) {
            q += 3;
            if (S_idx(c, q, S_ordinals) >= 0 && S_idx(c, q, S_ordinals) < 4 && S_eq(c, q + 1, "quarter"))
                q += 2;
            else if (S_eq(c, q, "quarter") || S_eq(c, q, "period"))
                q++;
            else if (S_eq(c, j, "the"))
                return 0;
            s->type = PC_TX_DATE;
            s->how = S_REF;
            s->period = 1;
            s->unit = S_U_YEAR;
            s->shift = -1;
            s->v.gran = PC_TG_YEAR;
            return q - i;
        }
    }

    /* for the year: a duration */
    if (S_eq(c, j, "the") && S_eq(c, j + 1, "year") && i > c->t0 &&
        (S_eq(c, i - 1, "for") || S_eq(c, i - 1, "over") || S_eq(c, i - 1, "throughout"))) {
        s->type = PC_TX_DURATION;
        s->how = S_LIT;
        S_duration(s->lit, 1, S_U_YEAR);
        s->v.gran = PC_TG_YEAR;
        return 2;
    }

    /* the year, the month, the week, the weekend (around the publication date) */
    if (S_eq(c, j, "the") &&
        (S_eq(c, j + 1, "weekend") || S_eq(c, j + 1, "year") || S_eq(c, j + 1, "week") || S_eq(c, j + 1, "month")) &&
        !S_eq(c, j + 2, "of") && !S_eq(c, j + 2, "before") && !S_eq(c, j + 2, "after") &&
        !S_eq(c, j + 2, "'s") && !S_eq(c, j + 2, "ahead") && !S_eq(c, j + 2, "earlier") &&
        !S_eq(c, j + 2, "ago") && !S_eq(c, j + 2, "later") && !S_punct(c, j + 2, '-')) {
        int wk = S_eq(c, j + 1, "weekend"), u = S_eq(c, j + 1, "year") ? S_U_YEAR
                                                 : S_eq(c, j + 1, "month") ? S_U_MONTH
                                                                          : S_U_WEEK;
        if (S_year(c, j + 2) || S_kind(c, j + 2) == PC_TOK_NUM)
            return 0;
        s->type = PC_TX_DATE;
        s->how = S_DCT;
        s->unit = u;
        s->shift = 0;
        s->dir = wk ? S_DIR_TENSE : S_DIR_NONE;
        s->v.we = wk;
        s->v.gran = S_unit_gran(u);
        return 2;
    }

    /* the near term, the near future */
    if (S_eq(c, j, "the") && S_eq(c, j + 1, "near") && (S_eq(c, j + 2, "term") || S_eq(c, j + 2, "future"))) {
        s->type = PC_TX_DATE;
        s->how = S_LIT;
        snprintf(s->lit, sizeof s->lit, "FUTURE_REF");
        s->lit_deictic = 1;
        return 3;
    }

    /* symbolic: now, currently, recently, soon, the future ... */
    for (k = 0; k < (int)(sizeof S_symbolic / sizeof S_symbolic[0]); k++) {
        if (!S_eq(c, j, S_symbolic[k].w1))
            continue;
        if (S_symbolic[k].w2 && !S_eq(c, j + 1, S_symbolic[k].w2))
            continue;
        /* "present" only as "the present"/"at present"; "current"/"recent"/
         * "future" only as adjectives in front of a noun (not "current
         * account" ... we cannot tell; keep it simple) */
        if (strcmp(S_symbolic[k].w1, "now") == 0 && (S_eq(c, j + 1, "that") || S_punct(c, j - 1, '-')))
            continue;
        if (strcmp(S_symbolic[k].w1, "future") == 0 && !S_symbolic[k].w2 &&
            (S_kind(c, j + 1) != PC_TOK_WORD || (i > c->t0 && S_eq(c, i - 1, "the"))))
            continue;
        s->type = PC_TX_DATE;
        s->how = S_LIT;
        snprintf(s->lit, sizeof s->lit, "%s", S_symbolic[k].value);
        s->lit_deictic = 1;
        return S_symbolic[k].w2 ? 2 : 1;
    }
    return 0;
}

/* clock times: "3 p.m.", "10:30", "10:30am", "5pm", "noon", "midnight" */
static size_t S_r_clock(const S_ctx *c, size_t i, S_spec *s)
{
    size_t j = i;
    int hh = -1, mi = 0, ampm = 0;
    const char *b;
    if (S_eq(c, j, "noon") || S_eq(c, j, "midday") || S_eq(c, j, "midnight")) {
        if (S_eq(c, j, "midnight"))
            hh = 24;
        else
            hh = 12;
        j++;
    } else if (S_kind(c, j) == PC_TOK_NUM) {
        const pc_token *t = &c->toks[j];
        const char *p = c->text + t->start;
        size_t n = t->end - t->start, q = 0;
        int h = 0, mm = -1;
        while (q < n && p[q] >= '0' && p[q] <= '9' && q < 2)
            h = h * 10 + (p[q++] - '0');
        if (q == 0)
            return 0;
        if (q < n && p[q] == ':') {
            q++;
            if (q + 2 > n || p[q] < '0' || p[q] > '5' || p[q + 1] < '0' || p[q + 1] > '9')
                return 0;
            mm = (p[q] - '0') * 10 + (p[q + 1] - '0');
            q += 2;
        }
        if (q < n) { /* 10:30am, 5pm */
            char a0 = (char)(p[q] | 32), a1 = q + 1 < n ? (char)(p[q + 1] | 32) : 0;
            if (q + 2 != n || (a0 != 'a' && a0 != 'p') || a1 != 'm')
                return 0;
            ampm = a0 == 'a' ? 1 : 2;
        }
        j++;
        if (!ampm) {
            b = S_lw(c, j);
            if (strcmp(b, "a.m") == 0 || strcmp(b, "a.m.") == 0 || strcmp(b, "am") == 0)
                ampm = 1;
            else if (strcmp(b, "p.m") == 0 || strcmp(b, "p.m.") == 0 || strcmp(b, "pm") == 0)
                ampm = 2;
            if (ampm)
                j++;
        }
        if (mm < 0 && !ampm)
            return 0;
        if (mm >= 0 && !ampm && (h > 24 || S_punct(c, j, ':') || S_kind(c, j) == PC_TOK_NUM))
            return 0;
        if (ampm && (h < 1 || h > 12))
            return 0;
        if (h > 24)
            return 0;
        hh = h == 12 && ampm == 1 ? 0 : ampm == 2 && h < 12 ? h + 12 : h;
        mi = mm < 0 ? 0 : mm;
        /* a time zone */
        b = S_lw(c, j);
        if (strcmp(b, "gmt") == 0 || strcmp(b, "utc") == 0 || strcmp(b, "est") == 0 || strcmp(b, "edt") == 0 ||
            strcmp(b, "bst") == 0 || strcmp(b, "cet") == 0 || strcmp(b, "pst") == 0 || strcmp(b, "et") == 0)
            j++;
    } else
        return 0;
    s->type = PC_TX_TIME;
    s->how = S_DCT;
    s->unit = S_U_DAY;
    s->shift = 0;
    s->v.hh = hh;
    s->v.mi = mi;
    s->v.gran = PC_TG_MINUTE;
    return j - i;
}

/* words before a bare plural unit that make it something other than a
 * duration ("the early days", "working hours", "these years") */
static const char *const S_not_before_bare[] = {
    "the",   "these",   "those",  "his",    "her",    "their",  "its",    "our",    "my",     "your",
    "early", "final",   "last",   "first",  "next",   "past",   "recent", "coming", "working", "business",
    "office", "opening", "peak",  "school", "visiting", "happy", "glory",  "salad",  "dog",    "golden",
    "old",   "good",    "bad",    "dark",   "teenage", "student", "college", "formative", "man", "person",
    "light", "calendar", "fiscal", "leap",  "later",  "earlier", "following", "previous", "same", "other",
    "few",   "several", "many",   "some",   "all",    "both",   "dozen",  "of",     "what",   "which",
    NULL};

/* durations and sets */
static size_t S_r_duration(const S_ctx *c, size_t i, S_spec *s)
{
    size_t j = i, m;
    int unit, plural = 0, mod = PC_TM_NONE, the = 0, k;
    long n = 0;

    /* SET: every/each [other] unit|weekday; daily, weekly ... */
    if (S_eq(c, j, "every") || S_eq(c, j, "each")) {
        size_t q = j + 1;
        long every = 1;
        if (S_eq(c, q, "other")) {
            every = 2;
            q++;
        }
        if ((unit = S_unit(c, q, &plural)) != 0 && !plural) {
            s->type = PC_TX_SET;
            s->how = S_LIT;
            S_duration(s->lit, every, unit);
            s->v.gran = S_unit_gran(unit);
            return q + 1 - i;
        }
        if ((k = S_idx(c, q, S_weekday_names)) >= 0) {
            s->type = PC_TX_SET;
            s->how = S_LIT;
            snprintf(s->lit, sizeof s->lit, "XXXX-WXX-%d", k + 1);
            s->v.gran = PC_TG_DAY;
            return q + 1 - i;
        }
        return 0;
    }
    {
        static const char *const adv[] = {"daily", "weekly", "monthly", "yearly", "hourly", "nightly", NULL};
        static const int adv_unit[] = {S_U_DAY, S_U_WEEK, S_U_MONTH, S_U_YEAR, S_U_HOUR, S_U_DAY};
        if ((k = S_idx(c, j, adv)) >= 0) {
            s->type = PC_TX_SET;
            s->how = S_LIT;
            S_duration(s->lit, 1, adv_unit[k]);
            s->v.gran = S_unit_gran(adv_unit[k]);
            return 1;
        }
    }

    /* per year */
    if (S_eq(c, j, "per") && (unit = S_unit(c, j + 1, &plural)) != 0 && !plural) {
        s->type = PC_TX_SET;
        s->how = S_LIT;
        S_duration(s->lit, 1, unit);
        s->v.gran = S_unit_gran(unit);
        return 2;
    }

    /* modifiers */
    if (S_eq(c, j, "less") && S_eq(c, j + 1, "than")) {
        mod = PC_TM_LESS_THAN;
        j += 2;
    } else if (S_eq(c, j, "fewer") && S_eq(c, j + 1, "than")) {
        mod = PC_TM_LESS_THAN;
        j += 2;
    } else if (S_eq(c, j, "more") && S_eq(c, j + 1, "than")) {
        mod = PC_TM_MORE_THAN;
        j += 2;
    } else if (S_eq(c, j, "at") && S_eq(c, j + 1, "least")) {
        mod = PC_TM_EQUAL_OR_MORE;
        j += 2;
    } else if (S_eq(c, j, "at") && S_eq(c, j + 1, "most")) {
        mod = PC_TM_EQUAL_OR_LESS;
        j += 2;
    } else if (S_eq(c, j, "up") && S_eq(c, j + 1, "to")) {
        mod = PC_TM_EQUAL_OR_LESS;
        j += 2;
    }
    /* nearly/about/over stay outside the extent (TimeBank), and give the mod */
    if (i > c->t0 && mod == PC_TM_NONE) {
        if (S_eq(c, i - 1, "nearly") || S_eq(c, i - 1, "almost"))
            mod = PC_TM_LESS_THAN;
        else if (S_eq(c, i - 1, "about") || S_eq(c, i - 1, "around") || S_eq(c, i - 1, "approximately") ||
                 S_eq(c, i - 1, "roughly"))
            mod = PC_TM_APPROX;
        else if (S_eq(c, i - 1, "over") && !S_eq(c, i, "the"))
            mod = PC_TM_MORE_THAN;
    }

    /* the [past|last|next|first|coming|previous|following|latest|final] ... */
    if (S_eq(c, j, "the")) {
        the = 1;
        j++;
    }
    if (S_eq(c, j, "past") || S_eq(c, j, "last") || S_eq(c, j, "next") || S_eq(c, j, "first") ||
        S_eq(c, j, "coming") || S_eq(c, j, "previous") || S_eq(c, j, "following") || S_eq(c, j, "latest") ||
        S_eq(c, j, "final") || S_eq(c, j, "initial") || S_eq(c, j, "recent") || S_eq(c, j, "remaining")) {
        size_t q = j + 1;
        if ((unit = S_unit(c, q, &plural)) != 0 && plural && S_eq(c, j, "recent") && !the) {
            /* "recent years": the past */
            s->type = PC_TX_DATE;
            s->how = S_LIT;
            snprintf(s->lit, sizeof s->lit, "PAST_REF");
            s->lit_deictic = 1;
            return q + 1 - i;
        }
        if ((unit = S_unit(c, q, &plural)) != 0 && plural && (the || S_eq(c, j, "coming"))) {
            /* "the coming days", "coming weeks": vague */
            s->type = PC_TX_DURATION;
            s->how = S_LIT;
            S_duration(s->lit, -1, unit);
            s->v.gran = S_unit_gran(unit);
            s->mod = mod;
            return q + 1 - i;
        }
        if (!S_count(c, q, &n, 0))
            return 0;
        j = q;
    } else if (the && !S_count(c, j, &n, 0))
        return 0;

    if ((m = S_count(c, j, &n, 1)) == 0) {
        /* a bare plural unit: "for years", "within days", "For decades", "took
         * months" -- unless a determiner or modifier makes it a noun phrase
         * of its own ("the early days", "working hours", "his years") */
        if ((unit = S_unit(c, j, &plural)) != 0 && plural && !the && mod == PC_TM_NONE &&
            !(j > c->t0 && (S_idx(c, j - 1, S_not_before_bare) >= 0 || S_kind(c, j - 1) == PC_TOK_NUM ||
                            S_eq(c, j - 1, "'s"))) &&
            !S_eq(c, j + 1, "old") && !(S_eq(c, j + 1, "of") && S_eq(c, j + 2, "age")) &&
            !S_punct(c, j + 1, '-') && !(j > c->t0 && S_punct(c, j - 1, '-')) &&
            unit != S_U_SEC && unit != S_U_WEEKEND && unit != S_U_QUARTER && unit != S_U_MIN) {
            if (S_eq(c, j + 1, "ago")) {
                s->type = PC_TX_DATE;
                s->how = S_LIT;
                snprintf(s->lit, sizeof s->lit, "PAST_REF");
                s->lit_deictic = 1;
                return 2;
            }
            s->type = PC_TX_DURATION;
            s->how = S_LIT;
            S_duration(s->lit, -1, unit);
            s->v.gran = S_unit_gran(unit);
            return j + 1 - i;
        }
        return 0;
    }
    if (n == 0 || (m == 1 && S_year(c, j) && S_digits(c, j, 4, 4) == n))
        return 0; /* "the 1988 second quarter": a year, not a count */
    j += m;
    /* N to M units: a vague count */
    {
        long n2;
        if ((S_eq(c, j, "to") || S_eq(c, j, "or") || S_punct(c, j, '-')) && S_count(c, j + 1, &n2, 0) == 1 &&
            S_unit(c, j + 2, &plural)) {
            n = -1;
            j += 2;
        }
    }
    if (S_eq(c, j, "more") && S_unit(c, j + 1, &plural))
        j++; /* two more weeks */
    if (S_punct(c, j, '-') && S_tight(c, j - 1) && S_tight(c, j)) {
        /* 10-year (adjective): the article belongs to the noun */
        if (!(unit = S_unit(c, j + 1, &plural)) || plural || (the && j == i + 2))
            return 0;
        j++;
        if (S_punct(c, j + 1, '-') && S_eq(c, j + 2, "old"))
            return 0; /* a 10-year-old: an age */
    } else if ((unit = S_unit(c, j, &plural)) == 0)
        return 0;
    if (unit == S_U_SEC && n < 2 && S_kind(c, i) != PC_TOK_NUM)
        return 0; /* "a second" */
    if (S_eq(c, j + 1, "ago") || S_eq(c, j + 1, "earlier") || S_eq(c, j + 1, "later"))
        return 0; /* dates (S_r_deictic) */
    if (S_eq(c, j + 1, "old") || (S_punct(c, j + 1, '-') && S_eq(c, j + 2, "old")) ||
        (S_eq(c, j + 1, "of") && S_eq(c, j + 2, "age")))
        return 0; /* an age */
    /* "a year" after an amount is a rate ("$5 a year"), not a time; after a
     * frequency it is a SET ("twice a year") */
    if (m == 1 && S_eq(c, i, "a") && i > c->t0 &&
        (S_kind(c, i - 1) == PC_TOK_NUM || S_eq(c, i - 1, "million") || S_eq(c, i - 1, "billion") ||
         S_eq(c, i - 1, "cents") || S_eq(c, i - 1, "dollars") || S_eq(c, i - 1, "euros") ||
         S_eq(c, i - 1, "pounds")))
        return 0;
    if (m == 1 && S_eq(c, i, "a") && i > c->t0 &&
        (S_eq(c, i - 1, "once") || S_eq(c, i - 1, "twice") || S_eq(c, i - 1, "times"))) {
        s->type = PC_TX_SET;
        s->how = S_LIT;
        S_duration(s->lit, 1, unit);
        s->v.gran = S_unit_gran(unit);
        return j + 1 - i;
    }
    j++;
    if (S_eq(c, j, "or") && S_eq(c, j + 1, "so")) {
        j += 2;
        if (mod == PC_TM_NONE)
            mod = PC_TM_APPROX;
    }
    if (plural && (S_eq(c, j, "ahead") || (S_eq(c, j, "to") && S_eq(c, j + 1, "come"))))
        j += S_eq(c, j, "ahead") ? 1 : 2;
    s->type = PC_TX_DURATION;
    s->how = S_LIT;
    S_duration(s->lit, n, unit);
    s->v.gran = S_unit_gran(unit);
    s->mod = mod;
    return j - i;
}

/* "the months that followed", "the weeks ahead" */
static size_t S_r_vague_span(const S_ctx *c, size_t i, S_spec *s)
{
    int unit, plural = 0;
    if (!S_eq(c, i, "the") || (unit = S_unit(c, i + 1, &plural)) == 0 || !plural)
        return 0;
    if (S_eq(c, i + 2, "that") && (S_eq(c, i + 3, "followed") || S_eq(c, i + 3, "follow"))) {
        s->type = PC_TX_DURATION;
        s->how = S_LIT;
        S_duration(s->lit, -1, unit);
        s->v.gran = S_unit_gran(unit);
        return 4;
    }
    if (S_eq(c, i + 2, "ahead") || (S_eq(c, i + 2, "to") && S_eq(c, i + 3, "come"))) {
        s->type = PC_TX_DURATION;
        s->how = S_LIT;
        S_duration(s->lit, -1, unit);
        s->v.gran = S_unit_gran(unit);
        return S_eq(c, i + 2, "ahead") ? 3 : 4;
    }
    return 0;
}

/* the reporting period of business news: "the quarter", "the latest
 * quarter", "the current quarter" (relative to the publication date) */
static size_t S_r_period(const S_ctx *c, size_t i, S_spec *s)
{
    size_t j = i;
    int shift = -1;
    if (!S_eq(c, j, "the"))
        return 0;
    j++;
    if (S_eq(c, j, "latest") || S_eq(c, j, "previous") || S_eq(c, j, "past"))
        j++;
    else if (S_eq(c, j, "most") && S_eq(c, j + 1, "recent"))
        j += 2;
    else if (S_eq(c, j, "current")) {
        shift = 0;
        j++;
    }
    if (!S_eq(c, j, "quarter") || S_eq(c, j + 1, "of") || S_eq(c, j + 1, "century") || S_punct(c, j + 1, '-'))
        return 0;
    s->type = PC_TX_DATE;
    s->how = S_DCT;
    s->unit = S_U_QUARTER;
    s->shift = shift;
    s->v.gran = PC_TG_QUARTER;
    return j + 1 - i;
}

/* holidays: Christmas, New Year's Day, Thanksgiving, Easter ... [YEAR] */
static size_t S_r_holiday(const S_ctx *c, size_t i, S_spec *s)
{
    size_t j = i;
    int m = 0, d = 0, hol = S_HOL_NONE, y;
    if (S_eq(c, j, "christmas") && S_cap(c, j)) {
        m = 12;
        d = 25;
        j++;
        if (S_eq(c, j, "eve")) {
            d = 24;
            j++;
        } else if (S_eq(c, j, "day"))
            j++;
    } else if (S_eq(c, j, "new") && S_cap(c, j) && S_eq(c, j + 1, "year") && S_cap(c, j + 1) &&
               S_eq(c, j + 2, "'s") && (S_eq(c, j + 3, "day") || S_eq(c, j + 3, "eve")) && S_cap(c, j + 3)) {
        m = S_eq(c, j + 3, "day") ? 1 : 12;
        d = m == 1 ? 1 : 31;
        j += 4;
    } else if (S_eq(c, j, "valentine") && S_eq(c, j + 1, "'s") && S_eq(c, j + 2, "day")) {
        m = 2;
        d = 14;
        j += 3;
    } else if (S_eq(c, j, "halloween") && S_cap(c, j)) {
        m = 10;
        d = 31;
        j++;
    } else if (S_eq(c, j, "thanksgiving") && S_cap(c, j)) {
        m = 11;
        d = 25;
        hol = S_HOL_THANKSGIVING;
        j += S_eq(c, j + 1, "day") ? 2 : 1;
    } else if (S_eq(c, j, "easter") && S_cap(c, j)) {
        m = 4;
        d = 1;
        hol = S_HOL_EASTER;
        j += S_eq(c, j + 1, "sunday") ? 2 : 1;
    } else
        return 0;
    s->type = PC_TX_DATE;
    s->v.m = m;
    s->v.d = d;
    s->v.gran = PC_TG_DAY;
    s->hol = hol;
    if (S_punct(c, j, ',') && S_year(c, j + 1))
        j++;
    if ((y = S_year(c, j)) != 0) {
        s->how = S_ABS;
        s->v.y = y;
        j++;
    } else {
        s->how = S_DCT;
        s->dir = S_DIR_TENSE;
    }
    return j - i;
}

/* the day of a movable holiday in year y */
static void S_holiday_day(int hol, int y, int *m, int *d)
{
    if (hol == S_HOL_THANKSGIVING) { /* fourth Thursday of November */
        int wd1 = pc_time_weekday(y, 11, 1);
        *m = 11;
        *d = 1 + (4 - wd1 + 7) % 7 + 21;
    } else if (hol == S_HOL_EASTER) { /* anonymous Gregorian computus */
        int a = y % 19, b = y / 100, cc = y % 100, dd = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3;
        int h = (19 * a + b - dd - g + 15) % 30, ii = cc / 4, k = cc % 4, l = (32 + 2 * e + 2 * ii - h - k) % 7;
        int mm = (a + 11 * h + 22 * l) / 451;
        *m = (h + l - 7 * mm + 114) / 31;
        *d = (h + l - 7 * mm + 114) % 31 + 1;
    }
}

typedef size_t (*S_rule)(const S_ctx *, size_t, S_spec *);
static const S_rule S_rules[] = {S_r_calendar, S_r_decade,  S_r_quarter,    S_r_period, S_r_holiday, S_r_season,
                                 S_r_deictic,  S_r_clock,   S_r_duration,   S_r_vague_span, S_r_year};

static size_t S_best(const S_ctx *c, size_t i, S_spec *best)
{
    size_t k, n = 0;
    for (k = 0; k < sizeof S_rules / sizeof S_rules[0]; k++) {
        S_spec s;
        size_t m;
        S_spec_init(&s);
        m = S_rules[k](c, i, &s);
        if (m > n && i + m <= c->t1) {
            n = m;
            *best = s;
        }
    }
    best->n = n;
    return n;
}

/* A match with a prefix: "early"/"late"/"mid"/"mid-" + date, "the
 * end|beginning|start|middle of" + date.  The prefix sets the mod. */
static size_t S_match(const S_ctx *c, size_t i, S_spec *s)
{
    size_t pre = 0;
    int mod = PC_TM_NONE;
    size_t n;
    if (S_eq(c, i, "early") || S_eq(c, i, "late") || S_eq(c, i, "mid")) {
        mod = S_eq(c, i, "early") ? PC_TM_START : S_eq(c, i, "late") ? PC_TM_END : PC_TM_MID;
        pre = 1 + (S_punct(c, i + 1, '-') ? 1 : 0);
    } else if (S_eq(c, i, "the") && S_eq(c, i + 2, "of") &&
               (S_eq(c, i + 1, "end") || S_eq(c, i + 1, "beginning") || S_eq(c, i + 1, "start") ||
                S_eq(c, i + 1, "middle"))) {
        mod = S_eq(c, i + 1, "end") ? PC_TM_END : S_eq(c, i + 1, "middle") ? PC_TM_MID : PC_TM_START;
        pre = 3;
    } else if (S_eq(c, i, "the") && (S_eq(c, i + 1, "early") || S_eq(c, i + 1, "late") || S_eq(c, i + 1, "mid"))) {
        mod = S_eq(c, i + 1, "early") ? PC_TM_START : S_eq(c, i + 1, "late") ? PC_TM_END : PC_TM_MID;
        pre = 2 + (S_punct(c, i + 2, '-') ? 1 : 0);
    }
    if (pre) {
        S_spec in;
        size_t m = S_best(c, i + pre, &in);
        int inner_the = m && S_eq(c, i + pre, "the");
        /* "the late 1980s" -> decade after "the ... "; the prefixed part must be a date */
        if (m && in.type == PC_TX_DATE && in.how != S_LIT && in.mod == PC_TM_NONE &&
            !(pre <= 3 && S_eq(c, i, "the") && S_eq(c, i + 2, "of") == 0 && inner_the)) {
            *s = in;
            s->mod = mod;
            s->n = pre + m;
            /* the plain match may still be longer ("late" is not part of it) */
            n = S_best(c, i, &in);
            if (n > s->n)
                *s = in;
            return s->n;
        }
    }
    n = S_best(c, i, s);
    if (n && s->type == PC_TX_TIME && S_known(s->v.hh) && s->how == S_DCT && s->shift == 0) {
        /* a clock time followed by its day: "9 a.m. Tuesday", "noon Thursday" */
        S_spec day;
        size_t m = S_best(c, i + n, &day);
        if (m && day.type == PC_TX_DATE && day.v.gran == PC_TG_DAY && day.how != S_LIT && day.mod == PC_TM_NONE) {
            day.type = PC_TX_TIME;
            day.v.hh = s->v.hh;
            day.v.mi = s->v.mi;
            day.v.gran = PC_TG_MINUTE;
            day.n = n + m;
            *s = day;
            return s->n;
        }
    }
    return n;
}

/* Every word a rule can start with (sorted, for bsearch): a token that is
 * not a number and not one of these starts nothing, so the rules are not
 * tried on it -- most tokens of a text.  A rule that starts with a new word
 * must add it here (the unit tests of that rule fail otherwise). */
static const char *const S_starts[] = {
    "'", "a", "afternoon", "an", "apr", "april", "at", "aug", "august", "autumn", "centuries",
    "century", "christmas", "coming", "comparable", "corresponding", "couple", "current",
    "currently", "daily", "day", "days", "dec", "decade", "decades", "december", "dozen", "dozens",
    "each", "earlier", "early", "easter", "eight", "eighteen", "eighteenth", "eighth", "eighties",
    "eighty", "eleven", "eleventh", "evening", "every", "fall", "feb", "february", "few", "fewer",
    "fifteen", "fifteenth", "fifth", "fifties", "fifty", "final", "first", "fiscal", "five",
    "following", "forties", "fortnight", "fortnights", "forty", "four", "fourteen", "fourteenth",
    "fourth", "friday", "h1", "h2", "halloween", "hour", "hourly", "hours", "hr", "hrs", "hundred",
    "hundreds", "initial", "jan", "january", "jul", "july", "jun", "june", "last", "late", "lately",
    "later", "latest", "less", "many", "mar", "march", "may", "mid", "midday", "midnight",
    "millennia", "millennium", "min", "mins", "minute", "minutes", "monday", "month", "monthly",
    "months", "more", "morning", "most", "new", "next", "night", "nightly", "nine", "nineteen",
    "nineteenth", "nineties", "ninety", "ninth", "noon", "nov", "november", "now", "nowadays",
    "numerous", "oct", "october", "one", "past", "per", "post", "pre", "presently", "previous",
    "q1", "q2", "q3", "q4", "quarter", "quarters", "recent", "recently", "remaining", "right",
    "same", "saturday", "sec", "second", "seconds", "secs", "sep", "sept", "september", "seven",
    "seventeen", "seventeenth", "seventh", "seventies", "seventy", "several", "six", "sixteen",
    "sixteenth", "sixth", "sixties", "sixty", "some", "spring", "summer", "sunday", "ten", "tenth",
    "thanksgiving", "that", "the", "these", "third", "thirteen", "thirteenth", "thirties", "thirty",
    "this", "thousand", "three", "thursday", "today", "tomorrow", "tonight", "tuesday", "twelfth",
    "twelve", "twenties", "twentieth", "twenty", "two", "up", "valentine", "wednesday", "week",
    "weekend", "weekends", "weekly", "weeks", "winter", "year", "yearly", "years", "yesterday",
    "yr", "yrs", "zero",
};

static int S_cmp(const void *a, const void *b) { return strcmp((const char *)a, *(const char *const *)b); }

static int S_may_start(const S_ctx *c, size_t i)
{
    const char *w;
    char ch = c->text[c->toks[i].start];
    if (ch >= '0' && ch <= '9')
        return 1;
    w = S_lw(c, i);
    return w[0] && bsearch(w, S_starts, sizeof S_starts / sizeof S_starts[0], sizeof S_starts[0], S_cmp) != NULL;
}

/* ---------------------------------------------------------- resolution */

/* the base date as a value with all fields down to the day */
static void S_base_dct(const pc_time_dct *dct, S_val *b)
{
    S_val_none(b);
    b->gran = PC_TG_DAY;
    if (dct && dct->year >= 1 && dct->year <= 9999) {
        b->y = dct->year;
        b->m = dct->month >= 1 && dct->month <= 12 ? dct->month : S_X;
        b->d = S_known(b->m) && dct->day >= 1 && dct->day <= S_mdays(b->y, b->m) ? dct->day : S_X;
    } else
        b->y = b->m = b->d = S_X;
}

static int S_full(const S_val *b) { return S_known(b->y) && S_known(b->m) && S_known(b->d); }

/* fill derived fields (quarter, week, season ...) of a value from y/m/d */
static void S_derive(S_val *v, int gran)
{
    int iy;
    v->gran = gran;
    switch (gran) {
    case PC_TG_QUARTER:
        if (!S_known(v->sub))
            v->sub = S_known(v->m) ? (v->m - 1) / 3 + 1 : S_X;
        break;
    case PC_TG_HALF:
        if (!S_known(v->sub))
            v->sub = S_known(v->m) ? (v->m - 1) / 6 + 1 : S_X;
        break;
    case PC_TG_SEASON:
        if (!S_known(v->sub))
            v->sub = S_known(v->m) ? (v->m == 12 || v->m <= 2 ? 4 : (v->m - 3) / 3 + 1) : S_X;
        break;
    case PC_TG_WEEK:
        if (S_full(v)) {
            v->sub = pc_time_iso_week(v->y, v->m, v->d, &iy);
            v->y = iy;
        } else
            v->sub = S_X;
        break;
    default:
        break;
    }
}

/* add n units to a full or partial value; unknown stays unknown */
static void S_shift(S_val *v, int n, int unit)
{
    long z;
    if (n == 0)
        return;
    switch (unit) {
    case S_U_DAY:
    case S_U_WEEK:
        if (S_full(v)) {
            z = pc_time_days(v->y, v->m, v->d) + (long)n * (unit == S_U_WEEK ? 7 : 1);
            pc_time_civil(z, &v->y, &v->m, &v->d);
        } else {
            /* a shift from a partial date: which month and year is unknown */
            v->d = S_X;
            if (S_known(v->m))
                v->m = S_X;
            if (S_known(v->y))
                v->y = S_X;
        }
        break;
    case S_U_MONTH:
    case S_U_QUARTER:
    case S_U_HALF: {
        int k = n * (unit == S_U_MONTH ? 1 : unit == S_U_QUARTER ? 3 : 6);
        if (S_known(v->y) && S_known(v->m)) {
            int t = v->y * 12 + (v->m - 1) + k;
            v->y = t / 12;
            v->m = t % 12 + 1;
            if (S_known(v->d) && v->d > S_mdays(v->y, v->m))
                v->d = S_mdays(v->y, v->m);
        } else {
            v->m = S_X;
            v->y = S_X;
        }
        if (S_known(v->sub) && unit != S_U_MONTH)
            v->sub = S_NO; /* re-derived from the month */
        break;
    }
    case S_U_YEAR:
    case S_U_DECADE:
    case S_U_CENTURY:
    case S_U_MILLENNIUM:
        if (S_known(v->y))
            v->y += n * (unit == S_U_YEAR ? 1 : unit == S_U_DECADE ? 10 : unit == S_U_CENTURY ? 100 : 1000);
        if (S_known(v->y) && (v->y < 0 || v->y > 9999))
            v->y = S_X;
        if (S_known(v->d) && S_known(v->m) && S_known(v->y) && v->d > S_mdays(v->y, v->m))
            v->d = S_mdays(v->y, v->m);
        break;
    default:
        break;
    }
}

/* a month (and day) without a year: the year by direction or tense */
static void S_pick_year(S_val *r, const S_val *b, int dir, int tense, int month, int day)
{
    int y, cmp;
    if (!S_known(b->y) || !S_known(b->m)) {
        r->y = S_X;
        return;
    }
    y = b->y;
    cmp = month != b->m ? (month < b->m ? -1 : 1)
          : (day > 0 && S_known(b->d)) ? (day < b->d ? -1 : day > b->d ? 1 : 0)
                                      : 0;
    switch (dir) {
    case S_DIR_THIS:
        break;
    case S_DIR_LAST:
        if (cmp >= 0)
            y--;
        break;
    case S_DIR_NEXT:
        if (cmp <= 0)
            y++;
        break;
    default: {
        /* The nearest of the three candidate years, on or after the
         * publication date when a future cue says so ("will", "until",
         * "scheduled").  Past cues are not used: "said" is the verb of most
         * news sentences, and the date it governs is often ahead ("must
         * be returned by Jan. 14", said the agency).  Otherwise a date
         * in the future costs more than one in the past (news reports more
         * than it announces): 1.5 times for a day, 3 times for a month
         * alone ("In January" in October is the last one).  A date without
         * a year in news is close to the publication date (deadlines,
         * record dates, meetings); on development data distance guessed
         * the year better than any verb-based tense. */
        long best = y, bd = LONG_MAX, k, bz = pc_time_days(b->y, b->m, S_known(b->d) ? b->d : 15);
        for (k = -1; k <= 1; k++) {
            int cy = (int)(y + k);
            long dd = pc_time_days(cy, month, day > 0 ? (day <= S_mdays(cy, month) ? day : S_mdays(cy, month))
                                                     : 15) - bz;
            long cost;
            if (tense > 0 && dd < (day > 0 ? 0 : -20))
                continue;
            cost = dd >= 0 ? (day > 0 ? dd * 3 / 2 : dd * 3) : -dd;
            if (cost < bd) {
                bd = cost;
                best = cy;
            }
        }
        y = (int)best;
        break;
    }
    }
    r->y = y;
}

/* a weekday without a date, by direction or tense */
static void S_pick_weekday(S_val *r, const S_val *b, int dir, int tense, int wd)
{
    long z;
    int bw, delta;
    if (!S_full(b)) {
        r->y = r->m = r->d = S_X;
        r->wd = wd;
        return;
    }
    z = pc_time_days(b->y, b->m, b->d);
    bw = pc_time_weekday(b->y, b->m, b->d);
    delta = wd - bw; /* -6..6 */
    switch (dir) {
    case S_DIR_THIS: /* in the same ISO week */
        break;
    case S_DIR_LAST:
        if (delta >= 0)
            delta -= 7;
        break;
    case S_DIR_NEXT:
        if (delta <= 0)
            delta += 7;
        break;
    default:
        /* a weekday in news is the last one unless the sentence says it is
         * ahead ("will meet on Thursday") */
        if (tense > 0) {
            if (delta < 0)
                delta += 7;
        } else if (delta > 0)
            delta -= 7;
        break;
    }
    pc_time_civil(z + delta, &r->y, &r->m, &r->d);
}

/* a season without a year */
static void S_pick_season(S_val *r, const S_val *b, int dir, int tense, int season)
{
    int start = season == 4 ? 12 : 3 * season; /* first month */
    S_pick_year(r, b, dir, tense, start, 0);
    /* winter belongs to the year of its December */
    if (season == 4 && S_known(r->y) && S_known(b->m) && b->m <= 2 && dir != S_DIR_NEXT && dir != S_DIR_LAST)
        r->y = b->y - 1;
}

static void S_truncate(S_val *v)
{
    int g = v->gran;
    if (g < PC_TG_MONTH && g != PC_TG_WEEK)
        v->m = S_NO;
    if (g < PC_TG_DAY)
        v->d = S_NO;
    if (g < PC_TG_PART_OF_DAY)
        v->pod = S_NO;
    if (g < PC_TG_HOUR)
        v->hh = v->mi = S_NO;
}

/* resolve a calendar spec against a base (DCT or an earlier expression) */
static void S_resolve(const S_spec *s, const S_val *base, int tense, S_val *r)
{
    const S_val *g = &s->v;
    *r = *base;
    r->wd = S_NO;
    r->we = 0;
    r->pod = S_NO;
    r->hh = r->mi = S_NO;
    r->sub = (base->gran == PC_TG_QUARTER || base->gran == PC_TG_HALF || base->gran == PC_TG_SEASON)
                 ? base->sub : S_NO;
    if (s->how == S_ABS) {
        S_val_none(r);
        r->y = g->y;
        r->m = g->m;
        r->d = g->d;
        r->sub = g->sub;
    } else if (S_known(g->m) && s->dir != S_DIR_NONE) {
        S_pick_year(r, base, s->dir, tense, g->m, S_known(g->d) ? g->d : 0);
        r->m = g->m;
        r->d = g->d;
    } else if (S_known(g->wd)) {
        S_pick_weekday(r, base, s->dir, tense, g->wd);
    } else if (g->gran == PC_TG_SEASON && S_known(g->sub) && s->dir != S_DIR_NONE) {
        S_pick_season(r, base, s->dir, tense, g->sub);
        r->sub = g->sub;
        r->m = S_NO;
    } else {
        if (g->gran == PC_TG_WEEK && g->we && s->dir == S_DIR_TENSE && tense < 0 && S_full(r)) {
            /* "the weekend" in past narration: the last one */
            if (pc_time_weekday(r->y, r->m, r->d) < 6)
                S_shift(r, -1, S_U_WEEK);
        }
        if (s->unit == S_U_QUARTER || s->unit == S_U_HALF) {
            /* quarters and halves move by their own length from the base's */
            S_shift(r, s->shift, s->unit);
        } else if (s->unit == S_U_DECADE && base->gran == PC_TG_DECADE) {
            if (S_known(r->y))
                r->y += 10 * s->shift;
        } else if (s->unit)
            S_shift(r, s->shift, s->unit);
        if (s->unit == S_U_YEAR && S_known(g->m)) {
            /* "June last year": the month (and day) in the shifted year */
            r->m = g->m;
            r->d = g->d;
        }
        if (S_known(g->sub) && (g->gran == PC_TG_QUARTER || g->gran == PC_TG_HALF))
            r->sub = g->sub;
        else if (g->gran == PC_TG_QUARTER || g->gran == PC_TG_HALF || g->gran == PC_TG_SEASON)
            r->sub = S_NO;
    }
    if (s->hol && S_known(r->y))
        S_holiday_day(s->hol, r->y, &r->m, &r->d);
    if (S_known(g->pod))
        r->pod = g->pod;
    if (S_known(g->hh)) {
        r->hh = g->hh;
        r->mi = g->mi;
    }
    r->we = g->we;
    S_derive(r, g->gran);
    S_truncate(r);
}

/* A hedge right before a duration, an "N units ago" or a clock time is part
 * of the extent (TimeML: modifiers inside, their meaning in mod; TimeBank
 * has "nearly two years", "almost four years ago", "around 7:15 p.m."):
 * the first token of the expression, and the mod when the rule gave none.
 * `prev_end` is where the previous expression ended. */
static const char *const S_hedges[] = {"nearly", "almost", "about", "around", "approximately", "roughly",
                                       NULL};
static size_t S_approx_before(const S_ctx *c, size_t i, size_t n, S_spec *s, size_t prev_end)
{
    int k;
    if (i <= c->t0 || i - 1 < prev_end || S_kind(c, i - 1) != PC_TOK_WORD ||
        (k = S_idx(c, i - 1, S_hedges)) < 0)
        return i;
    if (s->type != PC_TX_DURATION && !(s->type == PC_TX_TIME && S_kind(c, i) == PC_TOK_NUM) &&
        !(s->type == PC_TX_DATE && S_eq(c, i + n - 1, "ago")))
        return i;
    if (s->mod == PC_TM_NONE)
        s->mod = k < 2 ? PC_TM_LESS_THAN : PC_TM_APPROX;
    return i - 1;
}


/* ------------------------------------------------------------------ scan */

int pc_time_scan(const pc_mem *mem, const char *text, size_t len, const pc_token *toks, size_t ntok,
                 const pc_sentence *sents, size_t nsent, const pc_time_dct *dct, pc_time_result *res)
{
    pc_lowtok lc;
    S_val dctv, *vals = NULL;
    size_t vcap = 0, si, first = res->n;
    int rc = PC_OK, have_dct;
    long last_ref = -1; /* index (into this call's items) of the last calendar expression */

    if (!mem || !res || (!text && len) || (!toks && ntok) || (!sents && nsent))
        return PC_EINVAL;
    if ((rc = pc_seg_check(len, toks, ntok, sents, nsent)) != PC_OK)
        return rc;
    S_base_dct(dct, &dctv);
    have_dct = S_known(dctv.y);
    pc_lowtok_init(&lc, text, toks, ntok);

    for (si = 0; si < nsent && rc == PC_OK; si++) {
        S_ctx c;
        size_t i;
        c.text = text;
        c.toks = toks;
        c.t0 = sents[si].tok_start;
        c.t1 = sents[si].tok_end;
        c.lc = &lc;
        for (i = c.t0; i < c.t1;) {
            S_spec s;
            pc_timex *x;
            S_val r, base;
            int anchor = PC_TA_NONE, tense;
            long aidx = -1;
            size_t n = S_may_start(&c, i) ? S_match(&c, i, &s) : 0;
            if (!n) {
                i++;
                continue;
            }
            if ((rc = pc_grow(mem, (void **)&res->items, &res->cap, res->n + 1, sizeof *res->items)) != PC_OK ||
                (rc = pc_grow(mem, (void **)&vals, &vcap, res->n - first + 1, sizeof *vals)) != PC_OK)
                break;
            x = &res->items[res->n];
            memset(x, 0, sizeof *x);
            x->tok_start =
                (uint32_t)S_approx_before(&c, i, n, &s, res->n > first ? res->items[res->n - 1].tok_end : 0);
            x->tok_end = (uint32_t)(i + n);
            x->type = (uint8_t)s.type;
            x->mod = (uint8_t)s.mod;
            x->anchor_index = -1;
            S_val_none(&r);
            if (s.how == S_LIT) {
                snprintf(x->partial, sizeof x->partial, "%s", s.lit);
                x->gran = (uint8_t)s.v.gran;
                if (s.lit_deictic)
                    anchor = have_dct ? PC_TA_DCT : PC_TA_DCT_UNKNOWN;
            } else {
                tense = S_tense(&c, i, i + n);
                if (s.period && last_ref >= 0 &&
                    (vals[last_ref].gran == PC_TG_QUARTER || vals[last_ref].gran == PC_TG_HALF)) {
                    /* "a year ago" in a report about a quarter: that quarter, a year before */
                    base = vals[last_ref];
                    s.v.gran = base.gran;
                    s.v.sub = base.sub;
                    anchor = PC_TA_TEXT;
                    aidx = (long)first + last_ref;
                } else if (s.how == S_REF && last_ref >= 0) {
                    base = vals[last_ref];
                    anchor = PC_TA_TEXT;
                    aidx = (long)first + last_ref;
                } else if (s.how == S_ABS) {
                    S_val_none(&base);
                    anchor = PC_TA_NONE;
                } else {
                    base = dctv;
                    anchor = have_dct ? PC_TA_DCT : PC_TA_DCT_UNKNOWN;
                }
                S_resolve(&s, &base, tense, &r);
                S_format(&r, x->partial);
                x->gran = (uint8_t)r.gran;
                /* an anaphoric value that needed nothing unknown from an
                 * unresolved anchor is still resolved ("three decades
                 * earlier" after "September 2022") */
            }
            if (!strchr(x->partial, 'X') || x->type == PC_TX_DURATION || x->type == PC_TX_SET)
                memcpy(x->value, x->partial, sizeof x->value);
            x->anchor = (uint8_t)anchor;
            x->anchor_index = (int32_t)aidx;
            vals[res->n - first] = r;
            if (s.how != S_LIT && !s.period && (x->type == PC_TX_DATE || x->type == PC_TX_TIME) &&
                r.gran >= PC_TG_DECADE && x->mod == PC_TM_NONE)
                last_ref = (long)(res->n - first);
            res->n++;
            i += n;
        }
    }
    if (vals)
        mem->free(mem->ctx, vals);
    return rc;
}

void pc_time_result_free(const pc_mem *mem, pc_time_result *res)
{
    if (res->items)
        mem->free(mem->ctx, res->items);
    res->items = NULL;
    res->n = res->cap = 0;
}
