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

/* Above this input size the GIL is released around engine calls: releasing
 * and re-taking it costs well under a microsecond against ~10 us of parsing
 * per KB, and a typical 2 KB article must not hold it (threads would not
 * scale). */
#define PCPY_NOGIL_BYTES 256

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

/* A document as the engine sees it, rebuilt from what the Python Document
 * holds (its str and the uint32 token/sentence rows in code points): byte
 * offsets, tokens, sentences.  `text` points into the str's UTF-8 cache, so
 * the str must outlive the view.  Built with the GIL held; the engine may then
 * use it without the GIL. */
#include "pc_segment.h"
typedef struct {
    const char *text;
    size_t len;
    pc_token *toks;
    size_t ntok;
    pc_sentence *sents;
    size_t nsent;
} pcpy_docview;

/* tok_rows: bytes of uint32 [start, end, kind|flags<<16] rows; sent_rows:
 * [start, end, tok_start, tok_end, para] rows (either may be None).
 * Returns 0, or -1 with an exception set (the view is then empty). */
int pcpy_docview_init(PyObject *text, PyObject *tok_rows, PyObject *sent_rows, pcpy_docview *v);
void pcpy_docview_free(pcpy_docview *v);

/* Per-concern initialisers, called from _core.c */
int pcpy_init_gazetteer(PyObject *m);
int pcpy_init_similarity(PyObject *m);
int pcpy_init_tagger(PyObject *m);
int pcpy_init_quote(PyObject *m);
int pcpy_init_text(PyObject *m);
int pcpy_init_numex(PyObject *m);
int pcpy_init_entity(PyObject *m);
int pcpy_init_time(PyObject *m);
int pcpy_init_event(PyObject *m);

/* Accessors used by py_entity.c.  pcpy_gaz_matcher returns the current
 * compiled matcher of a _core.Gazetteer and a new reference in *keep that
 * keeps it alive (NULL with an exception on error).  pcpy_tagger_model
 * returns the finalized model of a _core.Tagger (borrowed from obj). */
struct pc_gaz_matcher;
struct pc_tagger;
const struct pc_gaz_matcher *pcpy_gaz_matcher(PyObject *obj, PyObject **keep);
const struct pc_tagger *pcpy_tagger_model(PyObject *obj);

#endif
