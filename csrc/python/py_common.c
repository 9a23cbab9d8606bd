/* py_common.c - allocator and error mapping shared by the binding files. */
#include "pcpy.h"

#include <stdarg.h>

static void *S_calloc(void *ctx, size_t n, size_t size)
{
    (void)ctx;
    return PyMem_RawCalloc(n ? n : 1, size ? size : 1);
}

static void *S_realloc(void *ctx, void *p, size_t size)
{
    (void)ctx;
    return PyMem_RawRealloc(p, size ? size : 1);
}

static void S_free(void *ctx, void *p)
{
    (void)ctx;
    PyMem_RawFree(p);
}

static const pc_mem S_mem = {S_calloc, S_realloc, S_free, NULL};

const pc_mem *pcpy_mem(void) { return &S_mem; }

PyObject *pcpy_raise(PyObject *module, int code, const char *what)
{
    switch (code) {
    case PC_ENOMEM:
        PyErr_NoMemory();
        break;
    case PC_ETOOBIG:
        PyErr_Format(pcpy_get_state(module)->DocumentTooLarge, "%s: %s", what, pc_errmsg(code));
        break;
    case PC_ELIMIT:
        PyErr_Format(pcpy_get_state(module)->LimitExceeded, "%s: %s", what, pc_errmsg(code));
        break;
    case PC_EINVAL:
    case PC_EUTF8:
        PyErr_Format(PyExc_ValueError, "%s: %s", what, pc_errmsg(code));
        break;
    default:
        PyErr_Format(pcpy_get_state(module)->Error, "%s: %s (code %d)", what, pc_errmsg(code), code);
        break;
    }
    return NULL;
}

int pcpy_parse_item(PyObject *item, const char *what, const char *format, ...)
{
    va_list va;
    int ok;
    if (!PyTuple_Check(item)) {
        PyErr_Format(PyExc_TypeError, "%s must be a tuple, not %.100s", what, Py_TYPE(item)->tp_name);
        return 0;
    }
    va_start(va, format);
    ok = PyArg_VaParse(item, format, va);
    va_end(va);
    return ok;
}
