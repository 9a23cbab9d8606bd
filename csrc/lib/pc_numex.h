/*
 * pc_numex.h - rule-based numeric and temporal expressions over tokens:
 * DATE, TIME, PERCENT, MONEY, QUANTITY, CARDINAL, ORDINAL (OntoNotes labels,
 * as spaCy users know them).
 *
 * Rules, in priority order at each token:
 *   DATE     month names with day/year ("September 26, 2024", "Jan. 19",
 *            "December 2023", "Mar 10"), years 1800-2099 ("in 2020"), decades
 *            ("the 1990s", "the late 1980s"), weekdays, "last/this/next X"
 *            (year, month, week, autumn, September ...), "yesterday/today",
 *            durations "<number> years|months|weeks|days|decades" (+ "ago",
 *            "earlier", "later"), "the early/late/mid <decade>"
 *   TIME     "10:30", "3 p.m.", "noon", "midnight"
 *   PERCENT  "<number> %|percent|per cent"
 *   MONEY    "$1.13bn", "€5 million", "<number> dollars|euros|manats|drams|..."
 *   QUANTITY "<number>[-]<unit>" ("12-kilometer", "30 km", "5,000 square
 *            kilometers") and "<number> residents|people|troops|refugees|..."
 *   ORDINAL  first ... twentieth, 1st, 22nd, 3rd ...
 *   CARDINAL any other number: digits, number words (one, twelve, hundred,
 *            thousand, million, billion) and their combinations, with
 *            "some/nearly/about/around/over/almost" kept outside the span.
 * Only the tokens are read (no allocation but the output array), so this is
 * linear in the number of tokens.
 */
#ifndef PC_NUMEX_H
#define PC_NUMEX_H

#include "pc.h"
#include "pc_segment.h"

enum {
    PC_NX_DATE = 1,
    PC_NX_TIME,
    PC_NX_PERCENT,
    PC_NX_MONEY,
    PC_NX_QUANTITY,
    PC_NX_ORDINAL,
    PC_NX_CARDINAL
};

typedef struct pc_numex {
    uint32_t tok_start, tok_end; /* token index range [start, end) */
    int label;                   /* PC_NX_* */
} pc_numex;

typedef struct pc_numex_result {
    pc_numex *spans;
    size_t n, cap;
} pc_numex_result;

/* Static label name ("DATE", ...), "" for an unknown label. */
const char *pc_numex_label(int label);

/* Scan tokens [t0, t1) of `text` (one sentence or a whole document: spans
 * never cross a sentence boundary if the caller passes sentences). */
int pc_numex_scan(const pc_mem *mem, const char *text, const pc_token *toks, size_t t0, size_t t1,
                  pc_numex_result *res);

void pc_numex_result_free(const pc_mem *mem, pc_numex_result *res);

#endif
