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
    /* exception types, from peacecorpus.errors (one per engine status code) */
    PyObject *Error;            /* EngineError: a status that is neither a limit nor bad input */
    PyObject *DocumentTooLarge; /* PC_ETOOBIG */
    PyObject *LimitExceeded;    /* PC_ELIMIT */
    PyObject *StaleTable;       /* a names table that no longer matches its gazetteer */
    PyTypeObject *DocType;     /* peacecorpus._core.Doc (py_doc.c) */
    PyTypeObject *RemovedType; /* peacecorpus._core.Removed (struct sequence) */
    PyTypeObject *QuoteType;   /* peacecorpus._core.QuoteSpan (py_quote.c) */
    PyTypeObject *TimeType;    /* peacecorpus._core.TimeSpan (py_time.c) */
    PyTypeObject *EventType;       /* peacecorpus._core.EventSpan (py_event.c) */
    PyTypeObject *ParticipantType; /* peacecorpus._core.EventParticipant (py_event.c) */
    PyTypeObject *NumberType;      /* peacecorpus._core.EventNumber (py_event.c) */
} pcpy_state;

static inline pcpy_state *pcpy_get_state(PyObject *module)
{
    return (pcpy_state *)PyModule_GetState(module);
}

/* Allocator backed by PyMem_Raw*: thread-safe and callable without the GIL. */
const pc_mem *pcpy_mem(void);

/* Set the Python exception of engine status `code` and return NULL:
 * MemoryError for PC_ENOMEM, DocumentTooLarge for PC_ETOOBIG, LimitExceeded
 * for PC_ELIMIT (both peacecorpus.errors.DocumentError subclasses),
 * ValueError for PC_EINVAL and PC_EUTF8, EngineError otherwise.  The type
 * says what happened; `what` (the operation) only goes into the message. */
PyObject *pcpy_raise(PyObject *module, int code, const char *what);

/* PyArg_ParseTuple of one item of a caller's sequence (a meta pair, a span,
 * a lexicon entry): TypeError naming `what` when the item is not a tuple
 * (PyArg_ParseTuple itself raises SystemError for a list).  Returns 1, or 0
 * with an exception set. */
int pcpy_parse_item(PyObject *item, const char *what, const char *format, ...);

/* A C-contiguous buffer of bytes or of native uint32 (`uint32` = 1 allows
 * format "I" besides the byte formats "B", "b", "c"); anything else (an
 * array of floats, of int64, big-endian) is a TypeError naming `what`.
 * Returns 0 with the view held (release it), or -1 with none held. */
int pcpy_get_buffer(PyObject *obj, Py_buffer *view, int uint32, const char *what);

/* A parsed document as the engine sees it, borrowed from a _core.Doc (valid
 * while the Doc is referenced; the Doc is immutable, so the engine may read
 * it without the GIL): the UTF-8 text and its paragraphs, tokens and
 * sentences in byte offsets. */
#include "pc_clean.h"
#include "pc_doc.h"
#include "pc_segment.h"
typedef struct {
    PyObject *str; /* the text as str (borrowed from the Doc) */
    const char *text;
    size_t len;
    const pc_para *paras;
    size_t npara;
    const pc_token *toks;
    size_t ntok;
    const pc_sentence *sents;
    size_t nsent;
} pcpy_docview;

/* The view of `obj`, which must be a _core.Doc (TypeError otherwise).
 * Returns 0, or -1 with an exception set. */
int pcpy_doc_view(PyObject *module, PyObject *obj, pcpy_docview *v);

/* Number of repair counts of a document (see py_doc.c). */
#define PCPY_NSTATS 7

/* After pc_doc_parse, without the GIL: the code-point rows and removed-line
 * positions of the document (the one conversion, pc_utf8_columns_to_cp).
 * Returns a PC_* status; on success the caller hands both to
 * pcpy_doc_from_engine (which takes cp) and frees rm_pos. */
int pcpy_doc_prepare(pc_doc *doc, uint32_t **cp, uint32_t **rm_pos);

/* With the GIL: a new Doc that takes over the engine's arrays (doc keeps
 * the rest, to be freed with pc_doc_free) and `cp`.  NULL with an exception. */
PyObject *pcpy_doc_from_engine(PyObject *module, pc_doc *doc, uint32_t *cp, const uint32_t *rm_pos);

/* Per-concern initialisers, called from _core.c */
int pcpy_init_doc(PyObject *m);
int pcpy_init_gazetteer(PyObject *m);
int pcpy_init_similarity(PyObject *m);
int pcpy_init_tagger(PyObject *m);
int pcpy_init_quote(PyObject *m);
int pcpy_init_text(PyObject *m);
int pcpy_init_entity(PyObject *m);
int pcpy_init_time(PyObject *m);
int pcpy_init_vocab(PyObject *m);
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
