/* pc_mem.c - default allocator, growth helper and error strings. */
#include "pc.h"

#include <stdlib.h>

static void *S_calloc(void *ctx, size_t n, size_t size)
{
    (void)ctx;
    return calloc(n ? n : 1, size ? size : 1);
}

static void *S_realloc(void *ctx, void *p, size_t size)
{
    (void)ctx;
    return realloc(p, size ? size : 1);
}

static void S_free(void *ctx, void *p)
{
    (void)ctx;
    free(p);
}

/* const and immutable, so sharing it between threads is safe */
static const pc_mem S_default_mem = {S_calloc, S_realloc, S_free, NULL};

const pc_mem *pc_mem_default(void) { return &S_default_mem; }

int pc_grow(const pc_mem *mem, void **arr, size_t *cap, size_t need, size_t esize)
{
    size_t ncap, bytes;
    void *p;

    if (need <= *cap)
        return PC_OK;
    ncap = *cap ? *cap : 16;
    while (ncap < need) {
        if (ncap > SIZE_MAX / 2)
            return PC_EOVERFLOW;
        ncap *= 2;
    }
    if (!pc_mul_ok(ncap, esize, &bytes))
        return PC_EOVERFLOW;
    p = mem->realloc(mem->ctx, *arr, bytes);
    if (!p)
        return PC_ENOMEM;
    *arr = p;
    *cap = ncap;
    return PC_OK;
}

const char *pc_errmsg(int code)
{
    switch (code) {
    case PC_OK: return "success";
    case PC_ENOMEM: return "out of memory";
    case PC_EINVAL: return "invalid argument";
    case PC_ETOOBIG: return "input exceeds the configured size limit";
    case PC_EOVERFLOW: return "size computation overflow";
    case PC_EUTF8: return "invalid UTF-8";
    case PC_ELIMIT: return "per-document limit exceeded";
    default: return "unknown error";
    }
}
