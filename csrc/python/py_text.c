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
    int mode = PC_MODE_AUTO, flags = 0, status;
    Py_ssize_t max_bytes = 0, n, i;
    pc_doc_opts opts;

    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "O|iin:parse_many", kwlist, &items, &mode, &flags, &max_bytes))
        return NULL;
    if (S_opts(module, mode, flags, max_bytes, &opts) < 0)
        return NULL;
    if (!(seq = PySequence_Tuple(items)))
        return NULL;
    n = PyTuple_GET_SIZE(seq);
    if (!(out = PyList_New(n)))
        goto error;
    for (i = 0; i < n; i++) {
        res = S_one(module, PyTuple_GET_ITEM(seq, i), &opts, &status);
        if (!res && status != PC_OK && !PyErr_Occurred())
            res = PyLong_FromLong(status);
        if (!res)
            goto error;
        PyList_SET_ITEM(out, i, res);
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
