/* py_common.c - allocator and error mapping shared by the binding files. */
#include "pcpy.h"

#include <stdarg.h>
#include <string.h>

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

int pcpy_get_buffer(PyObject *obj, Py_buffer *view, int uint32, const char *what)
{
    const char *f;
    if (PyObject_GetBuffer(obj, view, PyBUF_C_CONTIGUOUS | PyBUF_FORMAT) < 0)
        return -1;
    f = view->format ? view->format : "B";
    if (*f == '@' || *f == '=' || (*f == '<' && PY_LITTLE_ENDIAN))
        f++;
    if (!((view->itemsize == 1 && f[0] && strchr("Bbc", f[0]) && !f[1]) ||
          (uint32 && view->itemsize == 4 && f[0] == 'I' && !f[1]))) {
        PyErr_Format(PyExc_TypeError, "%s: expected bytes%s, not a buffer of format '%.20s'", what,
                     uint32 ? " or native uint32" : "", view->format ? view->format : "B");
        PyBuffer_Release(view);
        return -1;
    }
    return 0;
}
