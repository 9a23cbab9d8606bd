/* py_entity.c - binding of pc_entity.h: one call per document.
 *
 * The matcher capsules are referenced for the duration of the call and the
 * tagger object is an argument (so referenced by the caller): the extraction
 * runs without the GIL on objects that cannot be freed or changed meanwhile
 * (compiled matchers and finalized models are immutable). */
#include "pcpy.h"

#include "pc_entity.h"

#define S_NCOL 7

/* entities(text, tok_rows, sent_rows, gazetteer, place, tagger, title_label, numex)
 * -> bytes of int32 rows [start, end, tok_start, tok_end, label, source, flags] */
static PyObject *S_entities(PyObject *module, PyObject *args)
{
    PyObject *text, *toks, *sents, *gaz, *place, *tagger, *result = NULL;
    PyObject *keep_gaz = NULL, *keep_place = NULL;
    unsigned int title_label = PC_ENT_TITLE;
    int numex = 1, window = 1, widen = 0, rc;
    pcpy_docview v;
    pc_entity_config cfg;
    pc_entity_result r = {NULL, 0, 0};
    int32_t *rows = NULL;
    size_t i;

    if (!PyArg_ParseTuple(args, "UOOOOO|Ippp:entities", &text, &toks, &sents, &gaz, &place, &tagger,
                          &title_label, &numex, &window, &widen))
        return NULL;
    memset(&cfg, 0, sizeof cfg);
    cfg.title_label = title_label;
    cfg.numex = numex;
    cfg.window = window;
    cfg.widen = widen;
    if (gaz != Py_None && !(cfg.gaz = pcpy_gaz_matcher(gaz, &keep_gaz)))
        return NULL;
    if (place != Py_None && !(cfg.place = pcpy_gaz_matcher(place, &keep_place)))
        goto done;
    if (tagger != Py_None && !(cfg.tagger = pcpy_tagger_model(tagger)))
        goto done;
    if (pcpy_docview_init(text, toks, sents, &v) < 0)
        goto done;
    if (v.len > PCPY_NOGIL_BYTES) {
        Py_BEGIN_ALLOW_THREADS
        rc = pc_entity_extract(&cfg, pcpy_mem(), v.text, v.len, v.toks, v.ntok, v.sents, v.nsent, &r);
        if (rc == PC_OK && !PyUnicode_IS_ASCII(text))
            pc_entity_to_cp(v.text, v.len, &r);
        Py_END_ALLOW_THREADS
    } else {
        rc = pc_entity_extract(&cfg, pcpy_mem(), v.text, v.len, v.toks, v.ntok, v.sents, v.nsent, &r);
        if (rc == PC_OK && !PyUnicode_IS_ASCII(text))
            pc_entity_to_cp(v.text, v.len, &r);
    }
    pcpy_docview_free(&v);
    if (rc != PC_OK) {
        pcpy_raise(module, rc, "entities");
        goto done;
    }
    rows = (int32_t *)PyMem_Calloc(S_NCOL * r.n + 1, sizeof *rows);
    if (!rows) {
        PyErr_NoMemory();
        goto done;
    }
    for (i = 0; i < r.n; i++) {
        int32_t *row = rows + S_NCOL * i;
        row[0] = (int32_t)r.v[i].start;
        row[1] = (int32_t)r.v[i].end;
        row[2] = (int32_t)r.v[i].tok_start;
        row[3] = (int32_t)r.v[i].tok_end;
        row[4] = (int32_t)r.v[i].label;
        row[5] = r.v[i].source;
        row[6] = (int32_t)r.v[i].flags;
    }
    result = PyBytes_FromStringAndSize((const char *)rows, (Py_ssize_t)(S_NCOL * r.n * sizeof *rows));
done:
    PyMem_Free(rows);
    pc_entity_result_free(pcpy_mem(), &r);
    Py_XDECREF(keep_gaz);
    Py_XDECREF(keep_place);
    return result;
}

static PyMethodDef S_methods[] = {
    {"entities", S_entities, METH_VARARGS,
     "entities(text, tok_rows, sent_rows, gazetteer, place, tagger, title_label=18, numex=True, "
     "window=True, widen=False) -> "
     "bytes: int32 rows [start, end, tok_start, tok_end, label, source, flags] (str offsets); "
     "source is a gazetteer entry index, -1 tagger, -2 numeric rules."},
    {NULL, NULL, 0, NULL},
};

int pcpy_init_entity(PyObject *m) { return PyModule_AddFunctions(m, S_methods); }
