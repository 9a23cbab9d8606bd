/*
 * pc.h - common conventions of the peacecorpus C engine.
 *
 * Every public symbol starts with `pc_`; file-static helpers start with `S_`.
 * No file under csrc/lib includes Python.h: the engine is plain C99 so it can
 * be unit tested, sanitized and fuzzed on its own (tests/c, tests/fuzz).
 *
 * Errors.  Functions that can fail return `int`: PC_OK (0) on success or a
 * negative PC_E* code.  pc_errmsg() turns a code into a static string.  The
 * engine never calls abort() or exit(): it is loaded into notebook kernels.
 *
 * Memory.  Every allocation goes through a `pc_mem` (calloc/realloc/free with
 * an opaque context).  The Python binding passes one backed by PyMem_Raw*
 * (thread-safe, usable without the GIL); tests pass one that fails the Nth
 * allocation so that every failure path is exercised.  Whoever receives a
 * pointer from a `pc_*_new`/`pc_*_init` call frees it with the matching
 * `pc_*_free` and the same `pc_mem`.
 *
 * Text.  The engine works on UTF-8 bytes and byte offsets.  Inputs are
 * validated and repaired on entry (pc_utf8_repair), so every later stage may
 * assume valid UTF-8 without NUL bytes.  Byte offsets become Python code-point
 * offsets only at the very end (pc_utf8_offsets_to_cp).
 *
 * Threads.  There is no global mutable state: every function works on the
 * objects it is given, so different objects may be used from different
 * threads at once without locks.
 */
#ifndef PC_H
#define PC_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define PC_VERSION "0.1.0"

enum {
    PC_OK = 0,
    PC_ENOMEM = -1,    /* an allocation failed */
    PC_EINVAL = -2,    /* an argument is out of its documented range */
    PC_ETOOBIG = -3,   /* input larger than the configured limit */
    PC_EOVERFLOW = -4, /* a size computation would overflow */
    PC_EUTF8 = -5,     /* invalid UTF-8 where repair was not requested */
    PC_ELIMIT = -6     /* a per-document limit (entities, spans) was hit */
};

/* Static, never NULL. */
const char *pc_errmsg(int code);

typedef struct pc_mem {
    void *(*calloc)(void *ctx, size_t n, size_t size);
    void *(*realloc)(void *ctx, void *p, size_t size);
    void (*free)(void *ctx, void *p);
    void *ctx;
} pc_mem;

/* The C library allocator; never NULL. */
const pc_mem *pc_mem_default(void);

/* Overflow-checked n * size; returns 0 and leaves *out untouched on overflow. */
static inline int pc_mul_ok(size_t n, size_t size, size_t *out)
{
    if (size != 0 && n > SIZE_MAX / size)
        return 0;
    *out = n * size;
    return 1;
}

/* Grow *arr (element size `esize`) so that it holds at least `need` elements.
 * *cap is updated.  Returns PC_OK or PC_ENOMEM/PC_EOVERFLOW; on failure *arr
 * is untouched and still owned by the caller. */
int pc_grow(const pc_mem *mem, void **arr, size_t *cap, size_t need, size_t esize);

#ifdef __cplusplus
}
#endif
#endif
