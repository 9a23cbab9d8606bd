/*
 * py_text.c - binding of the per-document pipeline (pc_doc.h).
 *
 * _core.parse(data, mode=0, flags=0, max_bytes=0) returns a _core.Doc
 * (py_doc.c): the cleaned text, its paragraphs, sentences and tokens, the
 * removed lines, the HTML metadata and the repair counts.  The parse and the
 * one conversion of the document's offsets to str offsets run without the
 * GIL.  _core.parse_many(items, ...) does the same for a list, with the int
 * status code in place of an item the engine failed on.
 */
#include "pcpy.h"

#include <string.h>

#include "pc_doc.h"

/* The engine's view of `data`: a pointer into the str's UTF-8 cache (valid
 * while `data` lives) or into *owned, a bytes object the caller releases.
 * Returns 0, or -1 with an exception set. */
static int S_input(PyObject *data, const char **buf, Py_ssize_t *len, PyObject **owned)
{
    *owned = NULL;
    if (PyUnicode_Check(data)) {
        *buf = PyUnicode_AsUTF8AndSize(data, len);
        if (*buf)
            return 0;
        /* lone surrogates: those made by surrogateescape stand for the
         * original undecodable bytes, others are encoded as they are;
         * either way the engine repairs them to U+FFFD and counts them */
        PyErr_Clear();
        *owned = PyUnicode_AsEncodedString(data, "utf-8", "surrogateescape");
        if (!*owned) {
            PyErr_Clear();
            *owned = PyUnicode_AsEncodedString(data, "utf-8", "surrogatepass");
        }
        if (!*owned)
            return -1;
    } else if (PyBytes_Check(data)) {
        Py_INCREF(data);
        *owned = data;
    } else if (PyByteArray_Check(data) || PyMemoryView_Check(data)) {
        /* copy: a mutable buffer could change while the GIL is released */
        *owned = PyBytes_FromObject(data);
        if (!*owned)
            return -1;
    } else {
        PyErr_Format(PyExc_TypeError, "parse() expects str or bytes, not %.100s",
                     Py_TYPE(data)->tp_name);
        return -1;
    }
    *buf = PyBytes_AS_STRING(*owned);
    *len = PyBytes_GET_SIZE(*owned);
    return 0;
}

/* Parse one document and make its code-point rows (pcpy_doc_prepare),
 * without the GIL when it is long enough to be worth it.  Returns a PC_*
 * status; `doc` must be freed either way, *cp and *rm_pos are set on PC_OK. */
static int S_run(const char *buf, size_t len, const pc_doc_opts *opts, pc_doc *doc, uint32_t **cp,
                 uint32_t **rm_pos)
{
    int rc;
    if (len > PCPY_NOGIL_BYTES) {
        Py_BEGIN_ALLOW_THREADS
        rc = pc_doc_parse(pcpy_mem(), buf, len, opts, doc);
        if (rc == PC_OK)
            rc = pcpy_doc_prepare(doc, cp, rm_pos);
        Py_END_ALLOW_THREADS
    } else {
        rc = pc_doc_parse(pcpy_mem(), buf, len, opts, doc);
        if (rc == PC_OK)
            rc = pcpy_doc_prepare(doc, cp, rm_pos);
    }
    return rc;
}

/* One item: a Doc, or NULL with an exception; *status gets the engine's
 * status code when it failed (then NULL without an exception when
 * `codes`: parse_many reports it as an int). */
static PyObject *S_one(PyObject *module, PyObject *data, const pc_doc_opts *opts, int *status)
{
    PyObject *owned = NULL, *result = NULL;
    const char *buf = NULL;
    Py_ssize_t len = 0;
    uint32_t *cp = NULL, *rm_pos = NULL;
    pc_doc doc;

    memset(&doc, 0, sizeof doc);
    *status = PC_OK;
    if (S_input(data, &buf, &len, &owned) < 0)
        return NULL;
    *status = S_run(buf, (size_t)len, opts, &doc, &cp, &rm_pos);
    if (*status == PC_OK)
        result = pcpy_doc_from_engine(module, &doc, cp, rm_pos);
    if (rm_pos)
        pcpy_mem()->free(pcpy_mem()->ctx, rm_pos);
    pc_doc_free(pcpy_mem(), &doc);
    Py_XDECREF(owned);
    return result;
}

static int S_opts(PyObject *module, int mode, int flags, Py_ssize_t max_bytes, pc_doc_opts *opts)
{
    if (max_bytes < 0) {
        PyErr_SetString(PyExc_ValueError, "max_bytes must be >= 0");
        return -1;
    }
    opts->mode = mode;
    opts->clean_flags = flags;
    opts->max_bytes = (size_t)max_bytes;
    return 0;
}

static PyObject *S_parse(PyObject *module, PyObject *args, PyObject *kwargs)
{
    static char *kwlist[] = {"data", "mode", "flags", "max_bytes", NULL};
    PyObject *data, *result;
    int mode = PC_MODE_AUTO, flags = 0, status;
    Py_ssize_t max_bytes = 0;
    pc_doc_opts opts;

    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "O|iin:parse", kwlist, &data, &mode, &flags, &max_bytes))
        return NULL;
    if (S_opts(module, mode, flags, max_bytes, &opts) < 0)
        return NULL;
    result = S_one(module, data, &opts, &status);
    if (!result && status != PC_OK && !PyErr_Occurred())
        pcpy_raise(module, status, "parse");
    return result;
}

/* One item of a parse_many block: its input, then the engine's result. */
typedef struct {
    PyObject *owned;
    const char *buf;
    Py_ssize_t len;
    pc_doc doc;
    uint32_t *cp, *rm_pos;
    int status;
} S_job;

/* parse_many parses a block of items per release of the GIL (at most
 * S_BLOCK_ITEMS items or about S_BLOCK_BYTES of input), not one: with a
 * thread pool over the corpus, taking the GIL back after every document cost
 * a quarter of the CPU time of Corpus.from_pandas on two cores. */
#define S_BLOCK_ITEMS 64
#define S_BLOCK_BYTES ((Py_ssize_t)4 << 20)

static void S_job_free(S_job *j)
{
    if (j->rm_pos)
        pcpy_mem()->free(pcpy_mem()->ctx, j->rm_pos);
    j->rm_pos = NULL;
    pc_doc_free(pcpy_mem(), &j->doc);
    Py_CLEAR(j->owned);
}

static void S_job_run(S_job *j, const pc_doc_opts *opts)
{
    j->status = pc_doc_parse(pcpy_mem(), j->buf, (size_t)j->len, opts, &j->doc);
    if (j->status == PC_OK)
        j->status = pcpy_doc_prepare(&j->doc, &j->cp, &j->rm_pos);
}

/* parse_many(items, mode=0, flags=0, max_bytes=0) -> list: one parse() result
 * per item, or, where the engine failed (memory, size limit), the negative
 * status code as an int so that the caller can turn that one document into an
 * error row and go on.  Items that are not str/bytes raise TypeError.  The
 * list is copied and every item referenced while it is parsed: another
 * thread may change the caller's list meanwhile. */
static PyObject *S_parse_many(PyObject *module, PyObject *args, PyObject *kwargs)
{
    static char *kwlist[] = {"items", "mode", "flags", "max_bytes", NULL};
    PyObject *items, *seq = NULL, *out = NULL, *res;
    int mode = PC_MODE_AUTO, flags = 0;
    Py_ssize_t max_bytes = 0, n, lo, hi, k;
    pc_doc_opts opts;
    S_job jobs[S_BLOCK_ITEMS];

    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "O|iin:parse_many", kwlist, &items, &mode, &flags, &max_bytes))
        return NULL;
    if (S_opts(module, mode, flags, max_bytes, &opts) < 0)
        return NULL;
    if (!(seq = PySequence_Tuple(items)))
        return NULL;
    n = PyTuple_GET_SIZE(seq);
    if (!(out = PyList_New(n)))
        goto error;
    memset(jobs, 0, sizeof jobs);
    for (lo = 0; lo < n; lo = hi) {
        Py_ssize_t bytes = 0;
        /* the inputs of the block, with the GIL */
        for (hi = lo; hi < n && hi - lo < S_BLOCK_ITEMS && bytes < S_BLOCK_BYTES; hi++) {
            S_job *j = &jobs[hi - lo];
            memset(j, 0, sizeof *j);
            if (S_input(PyTuple_GET_ITEM(seq, hi), &j->buf, &j->len, &j->owned) < 0) {
                for (k = lo; k < hi; k++)
                    S_job_free(&jobs[k - lo]);
                goto error;
            }
            bytes += j->len;
        }
        /* the engine over the block, without it when the block is long enough */
        if (bytes > PCPY_NOGIL_BYTES) {
            Py_BEGIN_ALLOW_THREADS
            for (k = lo; k < hi; k++)
                S_job_run(&jobs[k - lo], &opts);
            Py_END_ALLOW_THREADS
        } else {
            for (k = lo; k < hi; k++)
                S_job_run(&jobs[k - lo], &opts);
        }
        /* the Docs, with the GIL */
        for (k = lo; k < hi; k++) {
            S_job *j = &jobs[k - lo];
            res = j->status == PC_OK ? pcpy_doc_from_engine(module, &j->doc, j->cp, j->rm_pos)
                                     : PyLong_FromLong(j->status);
            S_job_free(j);
            if (!res) {
                for (k = k + 1; k < hi; k++) {
                    /* pcpy_doc_from_engine takes cp; here nobody did */
                    if (jobs[k - lo].status == PC_OK && jobs[k - lo].cp)
                        pcpy_mem()->free(pcpy_mem()->ctx, jobs[k - lo].cp);
                    S_job_free(&jobs[k - lo]);
                }
                goto error;
            }
            PyList_SET_ITEM(out, k, res);
        }
    }
    Py_DECREF(seq);
    return out;
error:
    Py_XDECREF(out);
    Py_XDECREF(seq);
    return NULL;
}

static PyObject *S_errmsg(PyObject *module, PyObject *arg)
{
    long code = PyLong_AsLong(arg);
    if (code == -1 && PyErr_Occurred())
        return NULL;
    return PyUnicode_FromString(pc_errmsg((int)code));
}

static PyMethodDef S_methods[] = {
    {"parse", (PyCFunction)(void (*)(void))S_parse, METH_VARARGS | METH_KEYWORDS,
     "parse(data, mode=0, flags=0, max_bytes=0) -> Doc: clean and segment one document."},
    {"parse_many", (PyCFunction)(void (*)(void))S_parse_many, METH_VARARGS | METH_KEYWORDS,
     "parse_many(items, mode=0, flags=0, max_bytes=0) -> list: parse() of each item; an int "
     "status code where the engine failed on that item."},
    {"errmsg", S_errmsg, METH_O, "errmsg(code) -> str: message of an engine status code."},
    {NULL, NULL, 0, NULL},
};

int pcpy_init_text(PyObject *m)
{
    if (PyModule_AddFunctions(m, S_methods) < 0)
        return -1;
    if (PyModule_AddIntConstant(m, "MODE_AUTO", PC_MODE_AUTO) < 0 ||
        PyModule_AddIntConstant(m, "MODE_TEXT", PC_MODE_TEXT) < 0 ||
        PyModule_AddIntConstant(m, "MODE_HTML", PC_MODE_HTML) < 0 ||
        PyModule_AddIntConstant(m, "CLEAN_KEEP_BOILERPLATE", PC_CLEAN_KEEP_BOILERPLATE) < 0 ||
        PyModule_AddIntConstant(m, "CLEAN_NO_MOJIBAKE", PC_CLEAN_NO_MOJIBAKE) < 0 ||
        PyModule_AddIntConstant(m, "CLEAN_NO_NFC", PC_CLEAN_NO_NFC) < 0 ||
        PyModule_AddIntConstant(m, "TOK_WORD", PC_TOK_WORD) < 0 ||
        PyModule_AddIntConstant(m, "TOK_NUM", PC_TOK_NUM) < 0 ||
        PyModule_AddIntConstant(m, "TOK_PUNCT", PC_TOK_PUNCT) < 0 ||
        PyModule_AddIntConstant(m, "TOK_SYM", PC_TOK_SYM) < 0 ||
        PyModule_AddIntConstant(m, "TOK_OTHER", PC_TOK_OTHER) < 0 ||
        PyModule_AddIntConstant(m, "TOK_URL", PC_TOK_URL) < 0)
        return -1;
    return 0;
}
