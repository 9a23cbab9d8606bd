/* py_time.c - binding of the time-expression engine (pc_time.h). */
#include "pcpy.h"

#include "pc_time.h"

static PyObject *S_name_or_none(const char *s)
{
    if (!s[0])
        Py_RETURN_NONE;
    return PyUnicode_FromString(s);
}

/* times(text, tokens, sentences, year, month, day) -> list of
 * (tok_start, tok_end, type, value|None, partial, granularity|None,
 *  mod|None, anchor|None, anchor_index) */
static PyObject *S_times(PyObject *module, PyObject *args)
{
    PyObject *text, *toks, *sents, *out = NULL;
    pcpy_docview v;
    pc_time_result r = {NULL, 0, 0};
    pc_time_dct dct = {0, 0, 0};
    size_t i;
    int rc;

    if (!PyArg_ParseTuple(args, "UOOiii:times", &text, &toks, &sents, &dct.year, &dct.month, &dct.day))
        return NULL;
    if (pcpy_docview_init(text, toks, sents, &v) < 0)
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
        PyObject *t = Py_BuildValue("(IIsNsNNNi)", x->tok_start, x->tok_end, pc_time_type_name(x->type),
                                    S_name_or_none(x->value), x->partial,
                                    S_name_or_none(pc_time_gran_name(x->gran)),
                                    S_name_or_none(pc_time_mod_name(x->mod)),
                                    S_name_or_none(pc_time_anchor_name(x->anchor)), (int)x->anchor_index);
        if (!t) {
            Py_CLEAR(out);
            goto done;
        }
        PyList_SET_ITEM(out, (Py_ssize_t)i, t);
    }
done:
    pc_time_result_free(pcpy_mem(), &r);
    pcpy_docview_free(&v);
    return out;
}

static PyMethodDef S_methods[] = {
    {"times", S_times, METH_VARARGS,
     "times(text, tokens, sentences, year, month, day) -> list of (tok_start, tok_end, type, value, "
     "partial, granularity, mod, anchor, anchor_index): normalized time expressions; year 0 = the "
     "publication date is unknown (relative expressions then have value None)."},
    {NULL, NULL, 0, NULL},
};

int pcpy_init_time(PyObject *m) { return PyModule_AddFunctions(m, S_methods); }
