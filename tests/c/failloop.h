/*
 * failloop.h - run one engine call under the failing allocator for
 * N = 1, 2, ... until it succeeds.
 *
 * `fn` makes the call with the given allocator, releases everything it got
 * (the contract says results are freed even after an error) and returns the
 * call's status.  For every N, the test checks that an injected failure
 * comes back as PC_ENOMEM (never swallowed, never another code) and that
 * no block is left allocated.  Returns the number of allocations of a
 * successful run.
 */
#ifndef PC_TEST_FAILLOOP_H
#define PC_TEST_FAILLOOP_H

#include "harness.h"

typedef int (*pc_failloop_fn)(const pc_mem *mem, void *arg);

static long pc_failloop(const char *what, pc_failloop_fn fn, void *arg)
{
    long n;
    for (n = 1; n < 1000000; n++) {
        pc_test_failctx ctx = {0, 0, 0};
        pc_mem mem;
        int rc;
        ctx.fail_at = n;
        mem = pc_test_failmem(&ctx);
        rc = fn(&mem, arg);
        pc_test_checks++;
        if (ctx.live != 0) {
            pc_test_failures++;
            fprintf(stderr, "%s: fail_at=%ld leaves %ld blocks (rc=%d)\n", what, n, ctx.live, rc);
        }
        if (ctx.count < n) { /* nothing failed: the call must succeed */
            CHECK_EQ_INT(rc, PC_OK);
            return ctx.count;
        }
        pc_test_checks++;
        if (rc != PC_ENOMEM) {
            pc_test_failures++;
            fprintf(stderr, "%s: fail_at=%ld returned %d, expected PC_ENOMEM\n", what, n, rc);
        }
    }
    return -1;
}

#endif
