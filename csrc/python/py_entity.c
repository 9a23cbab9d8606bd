/* py_entity.c - binding of pc_entity.h: one call per document.
 *
 * The matcher capsules are referenced for the duration of the call and the
 * tagger object is an argument (so referenced by the caller): the extraction
 * runs without the GIL on objects that cannot be freed or changed meanwhile
 * (compiled matchers and finalized models are immutable). */
#include "pcpy.h"

#include "pc_entity.h"
#include "pc_mention.h"
#include "pc_translit.h"

#define S_NCOL 7

/* The matchers and model of one extraction: references the matcher
 * capsules in *keep_gaz / *keep_place (the caller releases them).
 * Returns 0, or -1 with an exception set. */
static int S_config(PyObject *gaz, PyObject *place, PyObject *tagger, pc_entity_config *cfg, PyObject **keep_gaz,
                    PyObject **keep_place)
{
    if (gaz != Py_None && !(cfg->gaz = pcpy_gaz_matcher(gaz, keep_gaz)))
        return -1;
    if (place != Py_None && !(cfg->place = pcpy_gaz_matcher(place, keep_place)))
        return -1;
    if (tagger != Py_None && !(cfg->tagger = pcpy_tagger_model(tagger)))
        return -1;
    return 0;
}

/* entities(doc, gazetteer, place, tagger, title_label, numex)
 * -> bytes of int32 rows [start, end, tok_start, tok_end, label, source, flags] */
static PyObject *S_entities(PyObject *module, PyObject *args)
{
    PyObject *doc, *gaz, *place, *tagger, *result = NULL;
    PyObject *keep_gaz = NULL, *keep_place = NULL;
    unsigned int title_label = PC_ENT_TITLE;
    int numex = 1, window = 1, widen = 1, rc;
    pcpy_docview v;
    pc_entity_config cfg;
    pc_entity_result r = {NULL, 0, 0};
    int32_t *rows = NULL;
    size_t i;

    if (!PyArg_ParseTuple(args, "OOOO|Ippp:entities", &doc, &gaz, &place, &tagger, &title_label, &numex, &window,
                          &widen))
        return NULL;
    memset(&cfg, 0, sizeof cfg);
    cfg.title_label = title_label;
    cfg.numex = numex;
    cfg.window = window;
    cfg.widen = widen;
    if (S_config(gaz, place, tagger, &cfg, &keep_gaz, &keep_place) < 0 || pcpy_doc_view(module, doc, &v) < 0)
        goto done;
    if (v.len > PCPY_NOGIL_BYTES) {
        Py_BEGIN_ALLOW_THREADS
        rc = pc_entity_extract(&cfg, pcpy_mem(), v.text, v.len, v.toks, v.ntok, v.sents, v.nsent, &r);
        if (rc == PC_OK)
            pc_entity_to_cp(v.text, v.len, &r);
        Py_END_ALLOW_THREADS
    } else {
        rc = pc_entity_extract(&cfg, pcpy_mem(), v.text, v.len, v.toks, v.ntok, v.sents, v.nsent, &r);
        if (rc == PC_OK)
            pc_entity_to_cp(v.text, v.len, &r);
    }
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

/* Bytes-like argument as (pointer, length); the view is released by the caller. */
static int S_bytes(PyObject *obj, Py_buffer *view, int *have, size_t unit, const char *what)
{
    /* bytes only: the engine reads the table without the GIL after its
     * offsets were checked, so a buffer another thread can change (a
     * bytearray, a view of one) could move them out of range meanwhile */
    if (!PyBytes_Check(obj)) {
        PyErr_Format(PyExc_TypeError, "%s: expected bytes, not %.100s", what, Py_TYPE(obj)->tp_name);
        return -1;
    }
    if (PyObject_GetBuffer(obj, view, PyBUF_SIMPLE) < 0)
        return -1;
    *have = 1;
    if (view->len % (Py_ssize_t)unit != 0) {
        PyErr_Format(PyExc_ValueError, "%s: length %zd is not a multiple of %zu", what, view->len, unit);
        return -1;
    }
    return 0;
}

/* " ".join(s.split()) */
static PyObject *S_collapse(PyObject *s)
{
    PyObject *parts, *sep, *out;
    if (!s)
        return NULL;
    parts = PyUnicode_Split(s, NULL, -1);
    Py_DECREF(s);
    if (!parts)
        return NULL;
    sep = PyUnicode_FromStringAndSize(" ", 1);
    out = sep ? PyUnicode_Join(sep, parts) : NULL;
    Py_XDECREF(sep);
    Py_DECREF(parts);
    return out;
}

static PyObject *S_item(PyObject *list, Py_ssize_t i)
{
    if (i < 0 || i >= PyList_GET_SIZE(list)) {
        PyErr_SetString(PyExc_ValueError, "mentions: gazetteer entry outside the names table");
        return NULL;
    }
    return Py_NewRef(PyList_GET_ITEM(list, i));
}

/* One finished mention as the tuple (start, end, text, label, canonical,
 * entity_id, role, sentence, source, score) of peacecorpus.entities.Entity. */
static PyObject *S_mention_tuple(const pc_mention *m, PyTypeObject *type, PyObject *text, PyObject *labels,
                                 PyObject *canon, PyObject *eids, PyObject *const *sources)
{
    /* `type` is a tuple subclass without fields of its own (a NamedTuple,
     * checked by the caller): allocated as tuple.__new__ would, it saves a
     * Python-level _make per mention (a tenth of the extraction time). */
    PyObject *t = type ? type->tp_alloc(type, 10) : PyTuple_New(10), *surface, *v;
    if (!t)
        return NULL;
    if (!(v = PyLong_FromUnsignedLong(m->start)))
        goto error;
    PyTuple_SET_ITEM(t, 0, v);
    if (!(v = PyLong_FromUnsignedLong(m->end)))
        goto error;
    PyTuple_SET_ITEM(t, 1, v);
    if (!(surface = PyUnicode_Substring(text, m->start, m->end)))
        goto error;
    PyTuple_SET_ITEM(t, 2, surface);
    if ((Py_ssize_t)m->label < PyTuple_GET_SIZE(labels))
        v = Py_NewRef(PyTuple_GET_ITEM(labels, m->label));
    else
        v = PyUnicode_FromFormat("%u", (unsigned)m->label);
    if (!v)
        goto error;
    PyTuple_SET_ITEM(t, 3, v);
    if (m->canon_kind == PC_CANON_ENTRY)
        v = canon ? S_item(canon, (Py_ssize_t)m->canon_a) : NULL;
    else if (m->canon_kind == PC_CANON_TEXT)
        v = m->canon_a == m->start && m->canon_b == m->end ? Py_NewRef(surface)
                                                           : PyUnicode_Substring(text, m->canon_a, m->canon_b);
    else
        v = Py_NewRef(Py_None);
    if (!v) {
        if (!PyErr_Occurred())
            PyErr_SetString(PyExc_ValueError, "mentions: no names table for a gazetteer entry");
        goto error;
    }
    PyTuple_SET_ITEM(t, 4, v);
    v = m->entity_id >= 0 ? (eids ? S_item(eids, m->entity_id) : NULL) : Py_NewRef(Py_None);
    if (!v) {
        if (!PyErr_Occurred())
            PyErr_SetString(PyExc_ValueError, "mentions: no names table for a gazetteer entry");
        goto error;
    }
    PyTuple_SET_ITEM(t, 5, v);
    v = m->has_role ? S_collapse(PyUnicode_Substring(text, m->role_a, m->role_b)) : Py_NewRef(Py_None);
    if (!v)
        goto error;
    PyTuple_SET_ITEM(t, 6, v);
    if (!(v = PyLong_FromLong(m->sentence)))
        goto error;
    PyTuple_SET_ITEM(t, 7, v);
    v = sources[m->source >= 0 ? 0 : m->source == PC_ENT_SRC_TAGGER ? 1 : 2];
    PyTuple_SET_ITEM(t, 8, Py_NewRef(v));
    /* rounded to 3 decimals: the float32 value printed as such */
    if (!(v = PyFloat_FromDouble((double)(int)(m->score * 1000.0f + 0.5f) / 1000.0)))
        goto error;
    PyTuple_SET_ITEM(t, 9, v);
    return t;
error:
    Py_DECREF(t);
    return NULL;
}

/* mentions(doc, gazetteer, place, tagger, title_label, numex,
 *          names, labels, max_entities, entity_type=tuple) -> list of entity_type tuples, or the int number of raw
 * spans when it exceeds max_entities (>= 0).  names: None or (blob, offsets, has_eid,
 * canonical list, entity_id list) of the gazetteer entries. */
static PyObject *S_mentions(PyObject *module, PyObject *args)
{
    PyObject *doc, *gaz, *place, *tagger, *names, *labels, *result = NULL;
    PyTypeObject *type = NULL;
    PyObject *keep_gaz = NULL, *keep_place = NULL, *canon = NULL, *eids = NULL, *sources[3] = {NULL, NULL, NULL};
    Py_buffer vblob, voff, veid;
    int have_blob = 0, have_off = 0, have_eid = 0, numex = 1, rc = PC_OK, stale = 0;
    unsigned int title_label = PC_ENT_TITLE;
    Py_ssize_t max_entities = -1;
    uint32_t *kinds = NULL;
    size_t npara = 0, i;
    pcpy_docview v;
    pc_entity_config cfg;
    pc_mention_names nm = {NULL, NULL, NULL, 0};
    pc_entity_result raw = {NULL, 0, 0};
    pc_mention_result out = {NULL, 0, 0};
    const pc_mem *mem = pcpy_mem();

    if (!PyArg_ParseTuple(args, "OOOOIpOO!n|O!:mentions", &doc, &gaz, &place, &tagger, &title_label, &numex, &names,
                          &PyTuple_Type, &labels, &max_entities, &PyType_Type, &type))
        return NULL;
    if (type && (!PyType_IsSubtype(type, &PyTuple_Type) || type->tp_basicsize != PyTuple_Type.tp_basicsize ||
                 type->tp_itemsize != PyTuple_Type.tp_itemsize)) {
        PyErr_SetString(PyExc_TypeError, "mentions: entity_type must be a tuple subclass without fields");
        return NULL;
    }
    memset(&cfg, 0, sizeof cfg);
    cfg.title_label = title_label;
    cfg.numex = numex;
    cfg.window = 1;
    cfg.widen = 1;
    if (pcpy_doc_view(module, doc, &v) < 0)
        return NULL;
    npara = v.npara;
    if (!(kinds = (uint32_t *)PyMem_Calloc(npara + 1, sizeof *kinds)))
        return PyErr_NoMemory();
    for (i = 0; i < npara; i++)
        kinds[i] = (uint32_t)v.paras[i].kind;
    if (names != Py_None) {
        PyObject *blob, *off, *has;
        if (!PyTuple_Check(names) || PyTuple_GET_SIZE(names) != 5 ||
            !PyList_Check(PyTuple_GET_ITEM(names, 3)) || !PyList_Check(PyTuple_GET_ITEM(names, 4))) {
            PyErr_SetString(PyExc_TypeError, "mentions: names must be (blob, offsets, has_eid, list, list)");
            goto done;
        }
        blob = PyTuple_GET_ITEM(names, 0);
        off = PyTuple_GET_ITEM(names, 1);
        has = PyTuple_GET_ITEM(names, 2);
        canon = PyTuple_GET_ITEM(names, 3);
        eids = PyTuple_GET_ITEM(names, 4);
        if (S_bytes(blob, &vblob, &have_blob, 1, "names blob") < 0 ||
            S_bytes(off, &voff, &have_off, sizeof(uint32_t), "names offsets") < 0 ||
            S_bytes(has, &veid, &have_eid, 1, "names has_eid") < 0)
            goto done;
        nm.n = (size_t)veid.len;
        nm.blob = (const char *)vblob.buf;
        nm.off = (const uint32_t *)voff.buf;
        nm.has_eid = (const uint8_t *)veid.buf;
        if ((size_t)voff.len / sizeof(uint32_t) != nm.n + 1 || (size_t)PyList_GET_SIZE(canon) != nm.n ||
            (size_t)PyList_GET_SIZE(eids) != nm.n) {
            PyErr_SetString(pcpy_get_state(module)->StaleTable, "mentions: names table sizes disagree");
            goto done;
        }
        for (i = 0; i < nm.n; i++)
            if (nm.off[i] > nm.off[i + 1] || nm.off[i + 1] > (size_t)vblob.len) {
                PyErr_SetString(PyExc_ValueError, "mentions: names offsets out of range");
                goto done;
            }
    }
    if (S_config(gaz, place, tagger, &cfg, &keep_gaz, &keep_place) < 0)
        goto done;
    cfg.entry_flags = nm.has_eid;
    cfg.n_entry_flags = nm.n;
    Py_BEGIN_ALLOW_THREADS
    rc = pc_entity_extract(&cfg, mem, v.text, v.len, v.toks, v.ntok, v.sents, v.nsent, &raw);
    for (i = 0; rc == PC_OK && i < raw.n; i++) /* an entry added after the table was built */
        stale |= raw.v[i].source >= 0 && (size_t)raw.v[i].source >= nm.n;
    if (rc == PC_OK && !stale && (max_entities < 0 || raw.n <= (size_t)max_entities))
        rc = pc_mention_finish(mem, v.text, v.len, v.toks, v.ntok, v.sents, v.nsent, kinds, npara, &raw,
                               title_label, &nm, &out);
    if (rc == PC_OK && out.n && !PyUnicode_IS_ASCII(v.str))
        rc = pc_mention_to_cp(mem, v.text, v.len, &out);
    Py_END_ALLOW_THREADS
    if (rc != PC_OK) {
        pcpy_raise(module, rc, "mentions");
        goto done;
    }
    if (stale) {
        PyErr_SetString(pcpy_get_state(module)->StaleTable, "mentions: a gazetteer entry outside the names table");
        goto done;
    }
    if (max_entities >= 0 && raw.n > (size_t)max_entities) {
        result = PyLong_FromSize_t(raw.n);
        goto done;
    }
    if (!(sources[0] = PyUnicode_InternFromString("gazetteer")) ||
        !(sources[1] = PyUnicode_InternFromString("tagger")) || !(sources[2] = PyUnicode_InternFromString("rules")))
        goto done;
    if (!(result = PyList_New((Py_ssize_t)out.n)))
        goto done;
    for (i = 0; i < out.n; i++) {
        PyObject *t = S_mention_tuple(&out.v[i], type, v.str, labels, canon, eids, sources);
        if (!t) {
            Py_CLEAR(result);
            goto done;
        }
        PyList_SET_ITEM(result, (Py_ssize_t)i, t);
    }
done:
    pc_entity_result_free(mem, &raw);
    pc_mention_result_free(mem, &out);
    PyMem_Free(kinds);
    if (have_blob)
        PyBuffer_Release(&vblob);
    if (have_off)
        PyBuffer_Release(&voff);
    if (have_eid)
        PyBuffer_Release(&veid);
    Py_XDECREF(keep_gaz);
    Py_XDECREF(keep_place);
    for (i = 0; i < 3; i++)
        Py_XDECREF(sources[i]);
    return result;
}

/* translit_key(name) -> str: see pc_translit_key */
static PyObject *S_translit_key(PyObject *module, PyObject *arg)
{
    Py_ssize_t n;
    const char *s;
    pc_buf out = PC_BUF_INIT;
    PyObject *result;
    int rc;
    if (!PyUnicode_Check(arg)) {
        PyErr_SetString(PyExc_TypeError, "translit_key: name must be str");
        return NULL;
    }
    if (!(s = PyUnicode_AsUTF8AndSize(arg, &n)))
        return NULL;
    rc = pc_translit_key(pcpy_mem(), s, (size_t)n, &out);
    if (rc != PC_OK) {
        pc_buf_free(pcpy_mem(), &out);
        return pcpy_raise(module, rc, "translit_key");
    }
    result = PyUnicode_DecodeUTF8(out.data ? out.data : "", (Py_ssize_t)out.len, "strict");
    pc_buf_free(pcpy_mem(), &out);
    return result;
}

/* translit_edit1(a, b) -> bool: see pc_translit_edit1 */
static PyObject *S_translit_edit1(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    Py_ssize_t na, nb;
    const char *a, *b;
    if (nargs != 2 || !PyUnicode_Check(args[0]) || !PyUnicode_Check(args[1])) {
        PyErr_SetString(PyExc_TypeError, "translit_edit1(a, b): two str arguments");
        return NULL;
    }
    if (!(a = PyUnicode_AsUTF8AndSize(args[0], &na)) || !(b = PyUnicode_AsUTF8AndSize(args[1], &nb)))
        return NULL;
    return PyBool_FromLong(pc_translit_edit1(a, (size_t)na, b, (size_t)nb));
}

static PyMethodDef S_methods[] = {
    {"entities", S_entities, METH_VARARGS,
     "entities(doc, gazetteer, place, tagger, title_label=18, numex=True, "
     "window=True, widen=True) -> "
     "bytes: int32 rows [start, end, tok_start, tok_end, label, source, flags] (str offsets); "
     "source is a gazetteer entry index, -1 tagger, -2 numeric rules."},
    {"mentions", S_mentions, METH_VARARGS,
     "mentions(doc, gazetteer, place, tagger, title_label, numex, names, "
     "labels, max_entities, entity_type=tuple) -> list of entity_type (start, end, text, label, "
     "canonical, entity_id, role, sentence, source, score) tuples (code-point offsets), or the number of raw spans (int) when it exceeds "
     "max_entities >= 0.  names: None or (utf8 blob, uint32 offsets, uint8 has_entity_id, canonical "
     "list, entity_id list) of the gazetteer entries; labels: label names by id."},
    {"translit_key", S_translit_key, METH_O,
     "translit_key(name) -> str: spelling-insensitive key of a transliterated name."},
    {"translit_edit1", (PyCFunction)(void (*)(void))S_translit_edit1, METH_FASTCALL,
     "translit_edit1(a, b) -> bool: a and b (up to 256 code points) are equal or one substitution, "
     "insertion or deletion apart."},
    {NULL, NULL, 0, NULL},
};

int pcpy_init_entity(PyObject *m) { return PyModule_AddFunctions(m, S_methods); }
