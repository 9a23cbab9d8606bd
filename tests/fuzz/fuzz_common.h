/*
 * fuzz_common.h - invariant checks shared by the fuzz targets (header only,
 * so that each target still builds from its own .c plus the engine sources).
 *
 * A violated invariant calls FUZZ_FAIL, which prints the reason and aborts:
 * libFuzzer saves the input as a crash, the replay driver stops.
 */
#ifndef FUZZ_COMMON_H
#define FUZZ_COMMON_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pc.h"
#include "../c/failmem.h"

#define FUZZ_FAIL(msg)                                                          \
    do {                                                                        \
        fprintf(stderr, "%s:%d: invariant violated: %s\n", __FILE__, __LINE__, msg); \
        abort();                                                                \
    } while (0)
#define FUZZ_ASSERT(cond)                                                       \
    do {                                                                        \
        if (!(cond))                                                            \
            FUZZ_FAIL(#cond);                                                   \
    } while (0)

/* Strict UTF-8 validation written independently of pc_utf8.c (Unicode
 * Table 3-7), NUL bytes rejected.  Returns 1 when s[0..n) is valid. */
static int fuzz_valid_utf8(const char *str, size_t n)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0;
    while (i < n) {
        unsigned char c = s[i];
        uint32_t cp;
        size_t len, k;
        if (c == 0)
            return 0;
        if (c < 0x80) {
            i++;
            continue;
        }
        if ((c & 0xE0) == 0xC0) {
            len = 2;
            cp = c & 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            len = 3;
            cp = c & 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            len = 4;
            cp = c & 0x07;
        } else {
            return 0;
        }
        if (i + len > n)
            return 0;
        for (k = 1; k < len; k++) {
            if ((s[i + k] & 0xC0) != 0x80)
                return 0;
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
            cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return 0;
        i += len;
    }
    return 1;
}

/* 1 when `off` is on a code point boundary of valid UTF-8 s[0..n). */
static int fuzz_boundary(const char *s, size_t n, size_t off)
{
    return off == n || (off < n && ((unsigned char)s[off] & 0xC0) != 0x80);
}

/* A counting allocator: `live` must be 0 after every matching free, and
 * allocation number `fail_at` (1-based, 0 = never) fails (tests/c/failmem.h). */
typedef pc_test_failctx fuzz_memctx;

static pc_mem fuzz_mem(fuzz_memctx *c)
{
    pc_mem m;
    memset(c, 0, sizeof *c);
    m = pc_test_failmem(c);
    return m;
}

#endif
