/* py_vocab.c - the engine's word lists for Python (pc_vocab.h, generated from
 * data/lexicons by scripts/gen_vocab.py): one copy, compiled into the engine. */
#include "pcpy.h"

#include "pc_vocab.h"

/* a tuple of the speech verbs whose tags meet mask (0: every verb) */
static PyObject *S_verbs(unsigned mask)
{
    PyObject *list = PyList_New(0), *t;
    size_t i;
    if (!list)
        return NULL;
    for (i = 0; i < pc_vocab_n_speech_verbs; i++) {
        PyObject *w;
        int rc;
        if (mask && !(pc_vocab_speech_verbs[i].tags & mask))
            continue;
        if (!(w = PyUnicode_FromString(pc_vocab_speech_verbs[i].w))) {
            Py_DECREF(list);
            return NULL;
        }
        rc = PyList_Append(list, w);
        Py_DECREF(w);
        if (rc < 0) {
            Py_DECREF(list);
            return NULL;
        }
    }
    t = PyList_AsTuple(list);
    Py_DECREF(list);
    return t;
}

/* a tuple of a NULL-terminated list */
static PyObject *S_words(const char *const *words)
{
    Py_ssize_t n = 0, i;
    PyObject *t;
    while (words[n])
        n++;
    if (!(t = PyTuple_New(n)))
        return NULL;
    for (i = 0; i < n; i++) {
        PyObject *w = PyUnicode_FromString(words[i]);
        if (!w) {
            Py_DECREF(t);
            return NULL;
        }
        PyTuple_SET_ITEM(t, i, w);
    }
    return t;
}

/* out[name] = v, taking the reference to v */
static int S_set(PyObject *out, const char *name, PyObject *v)
{
    int rc;
    if (!v)
        return -1;
    rc = PyDict_SetItemString(out, name, v);
    Py_DECREF(v);
    return rc;
}

static PyObject *S_vocabulary(PyObject *module, PyObject *unused)
{
    static const char *const tags[] = {PC_VOCAB_TAG_NAMES};
    PyObject *out = PyDict_New();
    int i;
    if (!out || S_set(out, "role_words", S_words(pc_vocab_role_words)) < 0 ||
        S_set(out, "honorifics", S_words(pc_vocab_honorifics)) < 0 || S_set(out, "speech_verbs", S_verbs(0)) < 0)
        goto fail;
    for (i = 0; i < PC_VOCAB_NTAGS; i++) {
        char key[64];
        PyOS_snprintf(key, sizeof key, "%s_verbs", tags[i]);
        if (S_set(out, key, S_verbs(1u << i)) < 0)
            goto fail;
    }
    return out;
fail:
    Py_XDECREF(out);
    return NULL;
}

static PyMethodDef S_methods[] = {
    {"vocabulary", S_vocabulary, METH_NOARGS,
     "vocabulary() -> dict: the engine's word lists as tuples in the order of their data files: role_words, "
     "honorifics, speech_verbs and its subsets by rule (quote_cue_verbs, report_verbs, need_that_verbs, "
     "name_cue_verbs, person_cue_verbs)."},
    {NULL, NULL, 0, NULL},
};

int pcpy_init_vocab(PyObject *m) { return PyModule_AddFunctions(m, S_methods); }
