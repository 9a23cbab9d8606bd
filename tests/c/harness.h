/*
 * harness.h - a tiny test harness for the engine's C unit tests.
 *
 * Each test program includes this, defines test functions and calls them from
 * main() through RUN(); main returns pc_test_summary().  The harness also
 * provides a failing allocator (pc_test_failmem): it fails the Nth allocation,
 * so a test can loop N = 1, 2, ... until the call succeeds and check that
 * every failure path returns PC_ENOMEM and leaks nothing (ASan/valgrind).
 */
#ifndef PC_TEST_HARNESS_H
#define PC_TEST_HARNESS_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pc.h"
#include "failmem.h"

static int pc_test_failures = 0;
static int pc_test_checks = 0;

#define CHECK(cond)                                                              \
    do {                                                                         \
        pc_test_checks++;                                                        \
        if (!(cond)) {                                                           \
            pc_test_failures++;                                                  \
            fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
        }                                                                        \
    } while (0)

#define CHECK_EQ_INT(a, b)                                                       \
    do {                                                                         \
        long long va_ = (long long)(a), vb_ = (long long)(b);                    \
        pc_test_checks++;                                                        \
        if (va_ != vb_) {                                                        \
            pc_test_failures++;                                                  \
            fprintf(stderr, "%s:%d: %s == %lld, expected %s == %lld\n", __FILE__, \
                    __LINE__, #a, va_, #b, vb_);                                 \
        }                                                                        \
    } while (0)

#define CHECK_EQ_STRN(s, n, expect)                                              \
    do {                                                                         \
        size_t ln_ = strlen(expect);                                             \
        pc_test_checks++;                                                        \
        if ((size_t)(n) != ln_ || memcmp((s), (expect), ln_) != 0) {             \
            pc_test_failures++;                                                  \
            fprintf(stderr, "%s:%d: got \"%.*s\", expected \"%s\"\n", __FILE__,   \
                    __LINE__, (int)(n), (const char *)(s), (expect));            \
        }                                                                        \
    } while (0)

#define RUN(fn)                                                                  \
    do {                                                                         \
        fprintf(stderr, "  %s\n", #fn);                                          \
        fn();                                                                    \
    } while (0)

static int pc_test_summary(const char *name)
{
    printf("%s: %d checks, %d failed\n", name, pc_test_checks, pc_test_failures);
    return pc_test_failures ? 1 : 0;
}

#endif
