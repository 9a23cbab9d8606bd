/*
 * failmem.h - a counting allocator that fails on request, shared by the C unit
 * tests (harness.h) and the fuzz targets (tests/fuzz/fuzz_common.h).
 *
 * Allocation number `fail_at` (1-based; 0 never fails) returns NULL, so a test
 * can loop N = 1, 2, ... until the call succeeds and check that every failure
 * path returns PC_ENOMEM; `count` counts allocations and `live` outstanding
 * blocks, which must be back to 0 after the matching free (no leak on any path).
 */
#ifndef PC_TEST_FAILMEM_H
#define PC_TEST_FAILMEM_H

#include <stdlib.h>

#include "pc.h"

typedef struct {
    long fail_at;
    long count;
    long live;
} pc_test_failctx;

static void *pc_test_fcalloc(void *ctx, size_t n, size_t size)
{
    pc_test_failctx *c = (pc_test_failctx *)ctx;
    void *p;
    if (++c->count == c->fail_at)
        return NULL;
    p = calloc(n ? n : 1, size ? size : 1);
    if (p)
        c->live++;
    return p;
}

static void *pc_test_frealloc(void *ctx, void *p, size_t size)
{
    pc_test_failctx *c = (pc_test_failctx *)ctx;
    void *q;
    if (++c->count == c->fail_at)
        return NULL;
    q = realloc(p, size ? size : 1);
    if (q && !p)
        c->live++;
    return q;
}

static void pc_test_ffree(void *ctx, void *p)
{
    pc_test_failctx *c = (pc_test_failctx *)ctx;
    if (p)
        c->live--;
    free(p);
}

static pc_mem pc_test_failmem(pc_test_failctx *c)
{
    pc_mem m;
    m.calloc = pc_test_fcalloc;
    m.realloc = pc_test_frealloc;
    m.free = pc_test_ffree;
    m.ctx = c;
    return m;
}

#endif
