/* py_gazetteer.c - the _core.Gazetteer type over pc_gazetteer.h.
 *
 * Thread safety: adding and compiling happen with the GIL held.  The compiled
 * matcher lives in a capsule; match() takes a reference to the current
 * capsule and to the text under the GIL, then matches without the GIL.  A
 * concurrent add()/compile() only swaps in a new capsule, so a running match
 * keeps using the matcher it started with and never sees it freed.
 */
#include "pcpy.h"

#include "pc_gazetteer.h"

#define S_CAPSULE "peacecorpus._core.GazetteerMatcher"

typedef struct {
    PyObject_HEAD
    pc_gaz *g;
    PyObject *matcher; /* capsule of the compiled pc_gaz_matcher, NULL when stale */
} S_Gaz;

static PyObject *S_raise(PyObject *self, int code, const char *what)
{
    PyObject *module = PyType_GetModule(Py_TYPE(self));
    if (!module) {
        PyErr_Clear();
        if (code == PC_ENOMEM)
            return PyErr_NoMemory();
        PyErr_Format(PyExc_RuntimeError, "%s: %s", what, pc_errmsg(code));
        return NULL;
    }
    return pcpy_raise(module, code, what);
}

static void S_capsule_free(PyObject *cap)
{
    pc_gaz_matcher_free((pc_gaz_matcher *)PyCapsule_GetPointer(cap, S_CAPSULE));
}

static int S_add(S_Gaz *self, PyObject *pattern, unsigned long label, unsigned long entry, int rule,
                 uint32_t *index)
{
    Py_ssize_t n;
    const char *s;
    int rc;
    if (!PyUnicode_Check(pattern)) {
        PyErr_Format(PyExc_TypeError, "pattern must be str, not %.100s", Py_TYPE(pattern)->tp_name);
        return -1;
    }
    if (label > UINT32_MAX || entry > UINT32_MAX) {
        PyErr_SetString(PyExc_OverflowError, "label and entry must fit in 32 bits");
        return -1;
    }
    s = PyUnicode_AsUTF8AndSize(pattern, &n);
    if (!s)
        return -1;
    rc = pc_gaz_add(self->g, s, (size_t)n, (uint32_t)label, (uint32_t)entry, rule, index);
    if (rc != PC_OK) {
        if (rc == PC_EINVAL && n == 0)
            PyErr_SetString(PyExc_ValueError, "Gazetteer.add: empty pattern");
        else
            S_raise((PyObject *)self, rc, "Gazetteer.add");
        return -1;
    }
    Py_CLEAR(self->matcher);
    return 0;
}

static PyObject *S_new(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
    static char *kwlist[] = {"patterns", "labels", "entries", "cases", NULL};
    PyObject *patterns = NULL, *labels = Py_None, *entries = Py_None, *cases = Py_None;
    PyObject *seqs[4] = {NULL, NULL, NULL, NULL};
    S_Gaz *self;
    Py_ssize_t i, n = 0;
    int rc, k;

    if (!PyArg_ParseTupleAndKeywords(args, kwds, "|OOOO:Gazetteer", kwlist, &patterns, &labels,
                                     &entries, &cases))
        return NULL;
    self = (S_Gaz *)type->tp_alloc(type, 0);
    if (!self)
        return NULL;
    rc = pc_gaz_new(pcpy_mem(), &self->g);
    if (rc != PC_OK) {
        S_raise((PyObject *)self, rc, "Gazetteer");
        goto error;
    }
    if (!patterns || patterns == Py_None)
        return (PyObject *)self;
    {
        PyObject *in[4] = {patterns, labels, entries, cases};
        for (k = 0; k < 4; k++) {
            if (in[k] == Py_None)
                continue;
            seqs[k] = PySequence_Fast(in[k], "Gazetteer: patterns, labels, entries and cases must be sequences");
            if (!seqs[k])
                goto error;
            if (k == 0)
                n = PySequence_Fast_GET_SIZE(seqs[0]);
            else if (PySequence_Fast_GET_SIZE(seqs[k]) != n) {
                PyErr_SetString(PyExc_ValueError, "Gazetteer: all lists must have the length of patterns");
                goto error;
            }
        }
    }
    for (i = 0; i < n; i++) {
        unsigned long v[3] = {0, 0, 0};
        for (k = 1; k < 4; k++) {
            if (seqs[k]) {
                v[k - 1] = PyLong_AsUnsignedLong(PySequence_Fast_GET_ITEM(seqs[k], i));
                if (v[k - 1] == (unsigned long)-1 && PyErr_Occurred())
                    goto error;
            }
        }
        if (v[2] > 3) {
            PyErr_SetString(PyExc_ValueError, "Gazetteer: case rules are 0 (auto) to 3");
            goto error;
        }
        if (S_add(self, PySequence_Fast_GET_ITEM(seqs[0], i), v[0], v[1], (int)v[2], NULL) < 0)
            goto error;
    }
    for (k = 0; k < 4; k++)
        Py_XDECREF(seqs[k]);
    return (PyObject *)self;
error:
    for (k = 0; k < 4; k++)
        Py_XDECREF(seqs[k]);
    Py_DECREF(self);
    return NULL;
}

static void S_dealloc(S_Gaz *self)
{
    PyTypeObject *tp = Py_TYPE(self);
    Py_CLEAR(self->matcher);
    pc_gaz_free(self->g);
    tp->tp_free((PyObject *)self);
    Py_DECREF(tp);
}

static PyObject *S_add_method(S_Gaz *self, PyObject *args, PyObject *kwds)
{
    static char *kwlist[] = {"pattern", "label", "entry", "case", NULL};
    PyObject *pattern;
    unsigned long label = 0, entry = 0;
    int rule = PC_GAZ_CASE_AUTO;
    uint32_t index = 0;
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "U|kki:add", kwlist, &pattern, &label, &entry, &rule))
        return NULL;
    if (rule < 0 || rule > 3) {
        PyErr_SetString(PyExc_ValueError, "Gazetteer.add: case rules are 0 (auto) to 3");
        return NULL;
    }
    if (S_add(self, pattern, label, entry, rule, &index) < 0)
        return NULL;
    return PyLong_FromUnsignedLong(index);
}

/* Returns a new reference to the current matcher capsule, compiling first
 * when entries were added since the last compile. */
static PyObject *S_current(S_Gaz *self)
{
    pc_gaz_matcher *m = NULL;
    PyObject *cap;
    int rc;
    if (self->matcher) {
        Py_INCREF(self->matcher);
        return self->matcher;
    }
    rc = pc_gaz_compile(self->g, &m);
    if (rc != PC_OK)
        return S_raise((PyObject *)self, rc, "Gazetteer.compile");
    cap = PyCapsule_New(m, S_CAPSULE, S_capsule_free);
    if (!cap) {
        pc_gaz_matcher_free(m);
        return NULL;
    }
    self->matcher = cap;
    Py_INCREF(cap);
    return cap;
}

static PyObject *S_compile(S_Gaz *self, PyObject *unused)
{
    PyObject *cap = S_current(self);
    if (!cap)
        return NULL;
    Py_DECREF(cap);
    Py_RETURN_NONE;
}

static PyObject *S_match(S_Gaz *self, PyObject *args, PyObject *kwds)
{
    static char *kwlist[] = {"text", "overlapping", NULL};
    PyObject *text, *cap = NULL, *list = NULL;
    int overlapping = 0, rc;
    const char *s;
    Py_ssize_t n, i;
    pc_gaz_hits hits = {NULL, 0, 0};
    const pc_gaz_matcher *m;

    if (!PyArg_ParseTupleAndKeywords(args, kwds, "U|p:match", kwlist, &text, &overlapping))
        return NULL;
    s = PyUnicode_AsUTF8AndSize(text, &n);
    if (!s)
        return NULL;
    cap = S_current(self);
    if (!cap)
        return NULL;
    m = (const pc_gaz_matcher *)PyCapsule_GetPointer(cap, S_CAPSULE);
    if (!m)
        goto error;
    /* `text` (argument, so referenced by the caller) keeps its UTF-8 cache
     * alive and `cap` keeps the matcher alive while the GIL is released */
    if (n > PCPY_NOGIL_BYTES) {
        Py_BEGIN_ALLOW_THREADS
        rc = pc_gaz_match(m, s, (size_t)n, overlapping ? PC_GAZ_OVERLAPPING : 0, &hits);
        if (rc == PC_OK && !PyUnicode_IS_ASCII(text))
            pc_gaz_hits_to_cp(s, (size_t)n, &hits);
        Py_END_ALLOW_THREADS
    } else {
        rc = pc_gaz_match(m, s, (size_t)n, overlapping ? PC_GAZ_OVERLAPPING : 0, &hits);
        if (rc == PC_OK && !PyUnicode_IS_ASCII(text))
            pc_gaz_hits_to_cp(s, (size_t)n, &hits);
    }
    if (rc != PC_OK) {
        S_raise((PyObject *)self, rc, "Gazetteer.match");
        goto error;
    }
    list = PyList_New((Py_ssize_t)hits.n);
    if (!list)
        goto error;
    for (i = 0; i < (Py_ssize_t)hits.n; i++) {
        PyObject *t = PyTuple_New(3), *a, *b, *c;
        if (!t)
            goto error;
        PyList_SET_ITEM(list, i, t); /* owned by the list from here on */
        a = PyLong_FromSize_t(hits.v[i].start);
        b = PyLong_FromSize_t(hits.v[i].end);
        c = PyLong_FromUnsignedLong(hits.v[i].entry);
        if (a)
            PyTuple_SET_ITEM(t, 0, a);
        if (b)
            PyTuple_SET_ITEM(t, 1, b);
        if (c)
            PyTuple_SET_ITEM(t, 2, c);
        if (!a || !b || !c)
            goto error;
    }
    pc_gaz_hits_free(pcpy_mem(), &hits);
    Py_DECREF(cap);
    return list;
error:
    pc_gaz_hits_free(pcpy_mem(), &hits);
    Py_XDECREF(list);
    Py_XDECREF(cap);
    return NULL;
}

static PyObject *S_case_rule(S_Gaz *self, PyObject *arg)
{
    Py_ssize_t i = PyLong_AsSsize_t(arg);
    int r;
    if (i == -1 && PyErr_Occurred())
        return NULL;
    if (i < 0 || (size_t)i >= pc_gaz_count(self->g) || i > (Py_ssize_t)UINT32_MAX) {
        PyErr_SetString(PyExc_IndexError, "Gazetteer.case_rule: index out of range");
        return NULL;
    }
    r = pc_gaz_case_rule(self->g, (uint32_t)i);
    return PyLong_FromLong(r);
}

static PyObject *S_nbytes(S_Gaz *self, void *closure)
{
    PyObject *cap = S_current(self);
    size_t n;
    if (!cap)
        return NULL;
    n = pc_gaz_matcher_memory((const pc_gaz_matcher *)PyCapsule_GetPointer(cap, S_CAPSULE));
    Py_DECREF(cap);
    return PyLong_FromSize_t(n);
}

static Py_ssize_t S_len(S_Gaz *self) { return (Py_ssize_t)pc_gaz_count(self->g); }

static PyObject *S_fold(PyObject *module, PyObject *arg)
{
    Py_ssize_t n;
    const char *s;
    char *out = NULL;
    size_t outlen = 0;
    int rc;
    PyObject *res;
    if (!PyUnicode_Check(arg)) {
        PyErr_SetString(PyExc_TypeError, "gazetteer_fold: text must be str");
        return NULL;
    }
    s = PyUnicode_AsUTF8AndSize(arg, &n);
    if (!s)
        return NULL;
    if (n > PCPY_NOGIL_BYTES) {
        Py_BEGIN_ALLOW_THREADS
        rc = pc_gaz_fold(pcpy_mem(), s, (size_t)n, &out, &outlen);
        Py_END_ALLOW_THREADS
    } else {
        rc = pc_gaz_fold(pcpy_mem(), s, (size_t)n, &out, &outlen);
    }
    if (rc != PC_OK)
        return pcpy_raise(module, rc, "gazetteer_fold");
    res = PyUnicode_DecodeUTF8(out, (Py_ssize_t)outlen, "surrogateescape");
    pcpy_mem()->free(NULL, out);
    return res;
}

static PyMethodDef S_gaz_methods[] = {
    {"add", (PyCFunction)(void (*)(void))S_add_method, METH_VARARGS | METH_KEYWORDS,
     "add(pattern, label=0, entry=0, case=0) -> int\n\nAdd an entry; returns its index (what "
     "match() reports).  case: 0 auto, 1 any, 2 exact, 3 title."},
    {"compile", (PyCFunction)S_compile, METH_NOARGS,
     "compile() -> None\n\nBuild the automaton now (match() does it lazily after add())."},
    {"match", (PyCFunction)(void (*)(void))S_match, METH_VARARGS | METH_KEYWORDS,
     "match(text, overlapping=False) -> list[tuple[int, int, int]]\n\n(start, end, entry index) "
     "with str offsets; leftmost-longest unless overlapping.  Releases the GIL for long texts."},
    {"case_rule", (PyCFunction)S_case_rule, METH_O,
     "case_rule(index) -> int\n\nResolved case rule of an entry (1 any, 2 exact, 3 title)."},
    {NULL, NULL, 0, NULL},
};

static PyGetSetDef S_gaz_getset[] = {
    {"nbytes", (getter)S_nbytes, NULL, "Bytes held by the compiled matcher.", NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static PyType_Slot S_gaz_slots[] = {
    {Py_tp_new, (void *)S_new},
    {Py_tp_dealloc, (void *)S_dealloc},
    {Py_tp_methods, S_gaz_methods},
    {Py_tp_getset, S_gaz_getset},
    {Py_sq_length, (void *)S_len},
    {Py_tp_doc, (void *)"Gazetteer(patterns=None, labels=None, entries=None, cases=None)\n\n"
                        "Case-insensitive, word-bounded dictionary matcher (Aho-Corasick in C)."},
    {0, NULL},
};

static PyType_Spec S_gaz_spec = {
    .name = "peacecorpus._core.Gazetteer",
    .basicsize = sizeof(S_Gaz),
    .itemsize = 0,
    .flags = Py_TPFLAGS_DEFAULT,
    .slots = S_gaz_slots,
};

static PyMethodDef S_methods[] = {
    {"gazetteer_fold", S_fold, METH_O,
     "gazetteer_fold(text) -> str: the case folding the gazetteer matches on."},
    {NULL, NULL, 0, NULL},
};

int pcpy_init_gazetteer(PyObject *m)
{
    PyObject *tp = PyType_FromModuleAndSpec(m, &S_gaz_spec, NULL);
    int rc;
    if (!tp)
        return -1;
    rc = PyModule_AddObjectRef(m, "Gazetteer", tp);
    Py_DECREF(tp);
    if (rc < 0)
        return -1;
    return PyModule_AddFunctions(m, S_methods);
}

const pc_gaz_matcher *pcpy_gaz_matcher(PyObject *obj, PyObject **keep)
{
    PyObject *cap;
    const pc_gaz_matcher *m;
    *keep = NULL;
    if (Py_TYPE(obj)->tp_dealloc != (destructor)S_dealloc) {
        PyErr_Format(PyExc_TypeError, "expected a _core.Gazetteer, not %.100s", Py_TYPE(obj)->tp_name);
        return NULL;
    }
    cap = S_current((S_Gaz *)obj);
    if (!cap)
        return NULL;
    m = (const pc_gaz_matcher *)PyCapsule_GetPointer(cap, S_CAPSULE);
    if (!m) {
        Py_DECREF(cap);
        return NULL;
    }
    *keep = cap;
    return m;
}
