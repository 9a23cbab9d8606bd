/*
 * pcpy.h - shared declarations of the CPython binding files (csrc/python/).
 *
 * Conventions: every function returns NULL/-1 only with an exception set;
 * one `goto error` exit per function releases what it took; long engine work
 * (more than PCPY_NOGIL_BYTES of input) runs with the GIL released, on
 * buffers the binding owns for the duration of the call.
 */
#ifndef PCPY_H
#define PCPY_H

#include <Python.h>

#include "pc.h"

/* Above this input size the GIL is released around engine calls. */
#define PCPY_NOGIL_BYTES 4096

typedef struct {
    PyObject *Error; /* peacecorpus._core.EngineError */
} pcpy_state;

static inline pcpy_state *pcpy_get_state(PyObject *module)
{
    return (pcpy_state *)PyModule_GetState(module);
}

/* Allocator backed by PyMem_Raw*: thread-safe and callable without the GIL. */
const pc_mem *pcpy_mem(void);

/* Set a Python exception for engine status `code` (MemoryError for
 * PC_ENOMEM, ValueError for PC_EINVAL/PC_ETOOBIG/PC_ELIMIT, EngineError
 * otherwise) and return NULL.  `what` names the operation. */
PyObject *pcpy_raise(PyObject *module, int code, const char *what);

/* Per-concern initialisers, called from _core.c */
int pcpy_init_quote(PyObject *m);
int pcpy_init_text(PyObject *m);

#endif
