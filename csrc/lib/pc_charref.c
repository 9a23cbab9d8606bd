/*
 * pc_charref.c - see pc_charref.h.
 */
#include "pc_charref.h"

#include <string.h>

#include "pc_charref_table.h"

static int S_alnum(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* Index of the name s[0..len) in the table, or -1. */
static int S_find(const char *s, size_t len)
{
    int lo = 0, hi = PC_CHARREF_COUNT - 1;
    while (lo <= hi) {
        int mid = lo + (hi - lo) / 2;
        const char *name = pc_charref_table[mid].name;
        size_t nl = strlen(name), m = nl < len ? nl : len;
        int c = memcmp(name, s, m);
        if (c == 0)
            c = nl < len ? -1 : (nl > len ? 1 : 0);
        if (c == 0)
            return mid;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid - 1;
    }
    return -1;
}

static size_t S_numeric(const char *s, size_t n, uint32_t cp[2], int *ncp)
{
    /* Windows-1252 for the C1 range, as HTML maps numeric references there */
    static const uint16_t c1[32] = {0x20AC, 0x81,   0x201A, 0x0192, 0x201E, 0x2026, 0x2020,
                                    0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D,
                                    0x017D, 0x8F,   0x90,   0x2018, 0x2019, 0x201C, 0x201D,
                                    0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A,
                                    0x0153, 0x9D,   0x017E, 0x0178};
    size_t i = 2, digits = 0;
    uint32_t v = 0;
    int hex = 0;
    if (i < n && (s[i] == 'x' || s[i] == 'X')) {
        hex = 1;
        i++;
    }
    for (; i < n; i++) {
        uint32_t d;
        char c = s[i];
        if (c >= '0' && c <= '9')
            d = (uint32_t)(c - '0');
        else if (hex && c >= 'a' && c <= 'f')
            d = (uint32_t)(c - 'a' + 10);
        else if (hex && c >= 'A' && c <= 'F')
            d = (uint32_t)(c - 'A' + 10);
        else
            break;
        if (v <= 0x10FFFF) /* saturate: stays out of range, never overflows */
            v = v * (hex ? 16u : 10u) + d;
        digits++;
    }
    if (!digits)
        return 0;
    if (i < n && s[i] == ';')
        i++;
    if (v >= 0x80 && v <= 0x9F)
        v = c1[v - 0x80];
    if (v == 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        v = 0xFFFD;
    cp[0] = v;
    cp[1] = 0;
    *ncp = 1;
    return i;
}

size_t pc_charref_decode(const char *s, size_t n, int in_attr, uint32_t cp[2], int *ncp)
{
    size_t run = 0, len;
    int k = -1;
    *ncp = 0;
    if (n < 2 || s[0] != '&')
        return 0;
    if (s[1] == '#')
        return S_numeric(s, n, cp, ncp);
    while (1 + run < n && run <= PC_CHARREF_MAX_NAME && S_alnum(s[1 + run]))
        run++;
    if (run == 0)
        return 0;
    if (run < PC_CHARREF_MAX_NAME && 1 + run < n && s[1 + run] == ';')
        k = S_find(s + 1, run + 1); /* the name with its ';' */
    if (k >= 0) {
        len = run + 2;
    } else {
        /* the longest legacy name (no ';') that starts the run */
        for (len = run < PC_CHARREF_MAX_LEGACY ? run : PC_CHARREF_MAX_LEGACY; len >= 2; len--)
            if ((k = S_find(s + 1, len)) >= 0)
                break;
        if (k < 0)
            return 0;
        if (in_attr && 1 + len < n && (s[1 + len] == '=' || S_alnum(s[1 + len])))
            return 0;
        len += 1;
    }
    cp[0] = pc_charref_table[k].cp[0];
    cp[1] = pc_charref_table[k].cp[1];
    *ncp = cp[1] ? 2 : 1;
    return len;
}
