/* py_time.c - binding of the time-expression engine (pc_time.h). */
#include "pcpy.h"

#include "pc_time.h"

static PyObject *S_name_or_none(const char *s)
{
    if (!s[0])
        Py_RETURN_NONE;
    return PyUnicode_FromString(s);
}

/* times(doc, year, month, day) -> list of TimeSpan(tok_start, tok_end, type,
 * value|None, partial, granularity|None, mod|None, anchor|None, anchor_index) */
static PyObject *S_times(PyObject *module, PyObject *args)
{
    PyTypeObject *tp = pcpy_get_state(module)->TimeType;
    PyObject *doc, *out = NULL;
    pcpy_docview v;
    pc_time_result r = {NULL, 0, 0};
    pc_time_dct dct = {0, 0, 0};
    size_t i;
    int rc, k;

    if (!PyArg_ParseTuple(args, "Oiii:times", &doc, &dct.year, &dct.month, &dct.day))
        return NULL;
    if (pcpy_doc_view(module, doc, &v) < 0)
        return NULL;
    Py_BEGIN_ALLOW_THREADS
    rc = pc_time_scan(pcpy_mem(), v.text, v.len, v.toks, v.ntok, v.sents, v.nsent, &dct, &r);
    Py_END_ALLOW_THREADS
    if (rc != PC_OK) {
        pcpy_raise(module, rc, "times");
        goto done;
    }
    if (!(out = PyList_New((Py_ssize_t)r.n)))
        goto done;
    for (i = 0; i < r.n; i++) {
        const pc_timex *x = &r.items[i];
        PyObject *t = PyStructSequence_New(tp), *f[9];
        if (!t) {
            Py_CLEAR(out);
            goto done;
        }
        PyList_SET_ITEM(out, (Py_ssize_t)i, t);
        f[0] = PyLong_FromUnsignedLong(x->tok_start);
        f[1] = PyLong_FromUnsignedLong(x->tok_end);
        f[2] = PyUnicode_FromString(pc_time_type_name(x->type));
        f[3] = S_name_or_none(x->value);
        f[4] = PyUnicode_FromString(x->partial);
        f[5] = S_name_or_none(pc_time_gran_name(x->gran));
        f[6] = S_name_or_none(pc_time_mod_name(x->mod));
        f[7] = S_name_or_none(pc_time_anchor_name(x->anchor));
        f[8] = PyLong_FromLong((long)x->anchor_index);
        for (k = 0; k < 9; k++) {
            if (!f[k]) {
                while (++k < 9)
                    Py_XDECREF(f[k]);
                Py_CLEAR(out);
                goto done;
            }
            PyStructSequence_SET_ITEM(t, k, f[k]);
        }
    }
done:
    pc_time_result_free(pcpy_mem(), &r);
    return out;
}

static PyMethodDef S_methods[] = {
    {"times", S_times, METH_VARARGS,
     "times(doc, year, month, day) -> list of TimeSpan(tok_start, tok_end, type, value, partial, granularity, "
     "mod, anchor, anchor_index): normalized time expressions of a Doc; year 0 = the publication date is "
     "unknown (relative expressions then have value None)."},
    {NULL, NULL, 0, NULL},
};

static PyStructSequence_Field S_fields[] = {
    {"tok_start", "first token"},
    {"tok_end", "token after the last"},
    {"type", "DATE, TIME, DURATION or SET"},
    {"value", "TIMEX3 value, or None when it cannot be resolved"},
    {"partial", "the value as far as the text gives it (XXXX-09)"},
    {"granularity", "day, month, year ..."},
    {"mod", "TIMEX3 modifier (EARLY, APPROX ...)"},
    {"anchor", "what a relative expression was resolved against (publication, text)"},
    {"anchor_index", "index of the anchoring expression (-1: none)"},
    {NULL, NULL},
};

static PyStructSequence_Desc S_desc = {"peacecorpus._core.TimeSpan", "A time expression found by _core.times.",
                                       S_fields, 9};

int pcpy_init_time(PyObject *m)
{
    pcpy_state *st = pcpy_get_state(m);
    st->TimeType = PyStructSequence_NewType(&S_desc);
    if (!st->TimeType || PyModule_AddObjectRef(m, "TimeSpan", (PyObject *)st->TimeType) < 0)
        return -1;
    return PyModule_AddFunctions(m, S_methods);
}
