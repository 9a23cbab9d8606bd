/*
 * pc_time.h - time expressions (TIMEX3-style) found over tokens and
 * normalized against the document's publication date or an earlier date in
 * the text.
 *
 * What is found, in the extents of TimeML 1.2.1 / TempEval-3 (determiners
 * and modifiers inside, prepositions outside):
 *   DATE      "September 26, 2024", "26 September 2024", "26/09/2024",
 *             "2024-09-26", "September 2022", "September of 2023", "2020",
 *             "fiscal 1989", "the 1990s", "the late 1980s", "the 20th century",
 *             "the third quarter", "Q3 2024", "the first half of 2023",
 *             "this autumn", "early 2023", "the end of 1994", "post-2020",
 *             "today", "yesterday", "last September", "next month", "this
 *             week", "the weekend", "on Tuesday", "two weeks ago", "earlier
 *             this year", "three decades earlier", "the following day",
 *             "Later that month", and the symbolic now/recently/soon family
 *             (PRESENT_REF, PAST_REF, FUTURE_REF)
 *   TIME      "3 p.m.", "10:30", "noon", "midnight", "this morning",
 *             "Friday night", "last night"
 *   DURATION  "six weeks", "less than three months", "10-year", "the past
 *             two years", "decades", "the coming days", "the months that
 *             followed"
 *   SET       "every day", "daily", "weekly", "each year"
 *
 * Normalization.  Values are TIMEX3 strings ("2022-09", "199", "2023-Q3",
 * "2024-W05", "2024-01-20TNI", "P3M", "PXY", "PRESENT_REF").  Each
 * expression says what its value was resolved against (`anchor`):
 *   PC_TA_NONE         absolute: the text alone gives the value;
 *   PC_TA_DCT          the publication date (document creation time);
 *   PC_TA_DCT_UNKNOWN  it would need the publication date, which the caller
 *                      does not know: `value` stays empty (never guessed) and
 *                      `partial` holds the value with X for the unknown
 *                      digits ("XXXX-09" for "last September");
 *   PC_TA_TEXT         an earlier expression of the document (index in the
 *                      result), e.g. "three decades earlier" after
 *                      "September 2022" -> "199".
 * Month names and dates without a year ("in September", "January 20") are
 * deictic as in news: they resolve against the publication date (direction
 * by the sentence's tense, else the nearest), never against a year
 * mentioned earlier in the text.
 *
 * Errors: PC_ENOMEM, PC_EINVAL (tokens or sentences that pc_segment would
 * not make).  The result is owned by the caller (pc_time_result_free).
 * Linear in the number of tokens; no global state.
 */
#ifndef PC_TIME_H
#define PC_TIME_H

#include "pc.h"
#include "pc_segment.h"

enum { PC_TX_DATE = 1, PC_TX_TIME, PC_TX_DURATION, PC_TX_SET };

/* Granularity of a value (for DURATION and SET: the unit). */
enum {
    PC_TG_NONE = 0, /* symbolic values (PRESENT_REF ...) */
    PC_TG_MILLENNIUM,
    PC_TG_CENTURY,
    PC_TG_DECADE,
    PC_TG_YEAR,
    PC_TG_HALF,
    PC_TG_SEASON,
    PC_TG_QUARTER,
    PC_TG_MONTH,
    PC_TG_WEEK,
    PC_TG_DAY,
    PC_TG_PART_OF_DAY,
    PC_TG_HOUR,
    PC_TG_MINUTE,
    PC_TG_SECOND
};

/* TimeML `mod` values. */
enum {
    PC_TM_NONE = 0,
    PC_TM_START,
    PC_TM_MID,
    PC_TM_END,
    PC_TM_BEFORE,
    PC_TM_AFTER,
    PC_TM_ON_OR_BEFORE,
    PC_TM_ON_OR_AFTER,
    PC_TM_LESS_THAN,
    PC_TM_MORE_THAN,
    PC_TM_EQUAL_OR_LESS,
    PC_TM_EQUAL_OR_MORE,
    PC_TM_APPROX
};

enum { PC_TA_NONE = 0, PC_TA_DCT, PC_TA_DCT_UNKNOWN, PC_TA_TEXT };

#define PC_TIME_VALUE_MAX 32

typedef struct pc_timex {
    uint32_t tok_start, tok_end; /* token index range [start, end) */
    uint8_t type;                /* PC_TX_* */
    uint8_t gran;                /* PC_TG_* */
    uint8_t mod;                 /* PC_TM_* */
    uint8_t anchor;              /* PC_TA_* */
    int32_t anchor_index;        /* PC_TA_TEXT: index of the expression anchored on; else -1 */
    char value[PC_TIME_VALUE_MAX];   /* NUL-terminated; "" when unresolved */
    char partial[PC_TIME_VALUE_MAX]; /* the value with X for unknown digits; always set */
} pc_timex;

/* The publication date; year 0 = unknown.  month/day 0 = unknown within a
 * known year (then the day-level expressions stay partial). */
typedef struct pc_time_dct {
    int year, month, day;
} pc_time_dct;

typedef struct pc_time_result {
    pc_timex *items;
    size_t n, cap;
} pc_time_result;

/* Find and normalize the time expressions of a document (text of `len`
 * bytes, its tokens and sentences as pc_segment made them).  `dct` may be
 * NULL (unknown).  Appends to `res`. */
int pc_time_scan(const pc_mem *mem, const char *text, size_t len, const pc_token *toks, size_t ntok,
                 const pc_sentence *sents, size_t nsent, const pc_time_dct *dct, pc_time_result *res);

void pc_time_result_free(const pc_mem *mem, pc_time_result *res);

/* Static names ("DATE", "month", "START", "publication" ...); "" for an
 * unknown code, and for PC_TG_NONE / PC_TM_NONE. */
const char *pc_time_type_name(int type);
const char *pc_time_gran_name(int gran);
const char *pc_time_mod_name(int mod);
const char *pc_time_anchor_name(int anchor);

/* Calendar helpers, exposed for the tests: days since 1970-01-01 of a
 * proleptic Gregorian date, its inverse, ISO weekday (1 = Monday) and ISO
 * week (year in *iso_year). */
long pc_time_days(int y, int m, int d);
void pc_time_civil(long days, int *y, int *m, int *d);
int pc_time_weekday(int y, int m, int d);
int pc_time_iso_week(int y, int m, int d, int *iso_year);

#endif
