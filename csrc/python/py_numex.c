/* py_numex.c - binding of the numeric/temporal expression rules (pc_numex.h). */
#include "pcpy.h"

#include "pc_numex.h"

/* numex(text, tokens, sentences) -> bytes of uint32 rows [tok_start, tok_end, label] */
static PyObject *S_numex(PyObject *module, PyObject *args)
{
    PyObject *text, *toks, *sents, *result = NULL;
    pcpy_docview v;
    pc_numex_result r = {NULL, 0, 0};
    uint32_t *rows = NULL;
    size_t i;
    int rc = PC_OK;

    if (!PyArg_ParseTuple(args, "UOO:numex", &text, &toks, &sents))
        return NULL;
    if (pcpy_docview_init(text, toks, sents, &v) < 0)
        return NULL;
    Py_BEGIN_ALLOW_THREADS
    for (i = 0; i < v.nsent && rc == PC_OK; i++)
        rc = pc_numex_scan(pcpy_mem(), v.text, v.toks, v.sents[i].tok_start, v.sents[i].tok_end, &r);
    Py_END_ALLOW_THREADS
    if (rc != PC_OK) {
        pcpy_raise(module, rc, "numex");
        goto done;
    }
    rows = (uint32_t *)PyMem_Calloc(3 * r.n + 1, sizeof(uint32_t));
    if (!rows) {
        PyErr_NoMemory();
        goto done;
    }
    for (i = 0; i < r.n; i++) {
        rows[3 * i] = r.spans[i].tok_start;
        rows[3 * i + 1] = r.spans[i].tok_end;
        rows[3 * i + 2] = (uint32_t)r.spans[i].label;
    }
    result = PyBytes_FromStringAndSize((const char *)rows, (Py_ssize_t)(3 * r.n * sizeof(uint32_t)));
done:
    PyMem_Free(rows);
    pc_numex_result_free(pcpy_mem(), &r);
    pcpy_docview_free(&v);
    return result;
}

static PyObject *S_numex_labels(PyObject *module, PyObject *unused)
{
    PyObject *d = PyDict_New();
    int label;
    if (!d)
        return NULL;
    for (label = PC_NX_DATE; label <= PC_NX_CARDINAL; label++) {
        PyObject *k = PyLong_FromLong(label), *v = PyUnicode_FromString(pc_numex_label(label));
        if (!k || !v || PyDict_SetItem(d, k, v) < 0) {
            Py_XDECREF(k);
            Py_XDECREF(v);
            Py_DECREF(d);
            return NULL;
        }
        Py_DECREF(k);
        Py_DECREF(v);
    }
    return d;
}

static PyMethodDef S_methods[] = {
    {"numex", S_numex, METH_VARARGS,
     "numex(text, tokens, sentences) -> bytes: uint32 rows [tok_start, tok_end, label] of "
     "DATE/TIME/PERCENT/MONEY/QUANTITY/ORDINAL/CARDINAL expressions."},
    {"numex_labels", S_numex_labels, METH_NOARGS, "numex_labels() -> dict: label id -> name."},
    {NULL, NULL, 0, NULL},
};

int pcpy_init_numex(PyObject *m) { return PyModule_AddFunctions(m, S_methods); }
