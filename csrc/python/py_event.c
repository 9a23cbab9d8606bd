/* py_event.c - binding of the event engine (pc_event.h): a compiled lexicon
 * held in a capsule, and one scan per document with the GIL released. */
#include "pcpy.h"

#include "pc_event.h"

#define S_CAPSULE "peacecorpus._core.EventLexicon"

static void S_lexicon_destroy(PyObject *capsule)
{
    pc_event_lexicon *lex = (pc_event_lexicon *)PyCapsule_GetPointer(capsule, S_CAPSULE);
    if (lex)
        pc_event_lexicon_free(pcpy_mem(), lex);
}

/* event_lexicon(entries) -> capsule; entries: iterable of (table, phrase, code, kind) */
static PyObject *S_event_lexicon(PyObject *module, PyObject *entries)
{
    pc_event_lexicon *lex = NULL;
    PyObject *it = NULL, *item, *capsule = NULL;
    int rc = pc_event_lexicon_new(pcpy_mem(), &lex);

    if (rc != PC_OK)
        return pcpy_raise(module, rc, "event_lexicon");
    if (!(it = PyObject_GetIter(entries)))
        goto error;
    while ((item = PyIter_Next(it)) != NULL) {
        int table, kind;
        long code;
        const char *phrase;
        Py_ssize_t len;
        PyObject *p;
        if (!pcpy_parse_item(item, "event_lexicon: an entry", "iUli:event_lexicon entry", &table, &p, &code, &kind)) {
            Py_DECREF(item);
            goto error;
        }
        phrase = PyUnicode_AsUTF8AndSize(p, &len);
        if (!phrase) {
            Py_DECREF(item);
            goto error;
        }
        rc = pc_event_lexicon_add(pcpy_mem(), lex, table, phrase, (size_t)len, (int32_t)code, kind);
        Py_DECREF(item);
        if (rc != PC_OK) {
            if (rc == PC_EINVAL)
                PyErr_Format(PyExc_ValueError, "event_lexicon: bad entry (table %d) %R", table, p);
            else
                pcpy_raise(module, rc, "event_lexicon");
            goto error;
        }
    }
    if (PyErr_Occurred())
        goto error;
    if ((rc = pc_event_lexicon_compile(pcpy_mem(), lex)) != PC_OK) {
        pcpy_raise(module, rc, "event_lexicon");
        goto error;
    }
    if (!(capsule = PyCapsule_New(lex, S_CAPSULE, S_lexicon_destroy)))
        goto error;
    Py_DECREF(it);
    return capsule;
error:
    Py_XDECREF(it);
    pc_event_lexicon_free(pcpy_mem(), lex);
    return NULL;
}

/* spans: bytes of uint32 rows [tok_start, tok_end, label] */
static int S_spans(PyObject *obj, pc_event_span **out, size_t *n, const char *what)
{
    const uint32_t *rows;
    Py_ssize_t len;
    size_t i;
    *out = NULL;
    *n = 0;
    if (!PyBytes_Check(obj)) {
        PyErr_Format(PyExc_TypeError, "%s must be bytes of uint32 rows", what);
        return -1;
    }
    len = PyBytes_GET_SIZE(obj);
    if (len % (Py_ssize_t)(3 * sizeof(uint32_t)) != 0) {
        PyErr_Format(PyExc_ValueError, "%s: length %zd is not a multiple of 3-column rows", what, len);
        return -1;
    }
    *n = (size_t)len / (3 * sizeof(uint32_t));
    *out = (pc_event_span *)PyMem_Calloc(*n + 1, sizeof **out);
    if (!*out) {
        PyErr_NoMemory();
        return -1;
    }
    rows = (const uint32_t *)PyBytes_AS_STRING(obj);
    for (i = 0; i < *n; i++) {
        (*out)[i].tok_start = rows[3 * i];
        (*out)[i].tok_end = rows[3 * i + 1];
        (*out)[i].label = (int32_t)rows[3 * i + 2];
    }
    return 0;
}

/* A struct sequence of type tp holding the items of tuple (stolen; NULL
 * passes through), which has as many items as tp has fields. */
static PyObject *S_named(PyTypeObject *tp, PyObject *tuple)
{
    PyObject *out;
    Py_ssize_t k;
    if (!tuple)
        return NULL;
    if (!(out = PyStructSequence_New(tp))) {
        Py_DECREF(tuple);
        return NULL;
    }
    for (k = 0; k < PyTuple_GET_SIZE(tuple); k++)
        PyStructSequence_SET_ITEM(out, k, Py_NewRef(PyTuple_GET_ITEM(tuple, k)));
    Py_DECREF(tuple);
    return out;
}

static PyObject *S_event_tuple(const pcpy_state *st, const pc_event_result *r, const pc_event *e)
{
    PyObject *args = PyTuple_New((Py_ssize_t)e->arg_n), *nums = NULL;
    uint32_t k;
    if (!args)
        return NULL;
    for (k = 0; k < e->arg_n; k++) {
        const pc_event_arg *a = &r->args[e->arg_first + k];
        PyObject *t = S_named(st->ParticipantType, Py_BuildValue("(ii)", (int)a->entity, (int)a->role));
        if (!t)
            goto error;
        PyTuple_SET_ITEM(args, k, t);
    }
    if (!(nums = PyTuple_New((Py_ssize_t)e->num_n)))
        goto error;
    for (k = 0; k < e->num_n; k++) {
        const pc_event_number *x = &r->nums[e->num_first + k];
        PyObject *t = S_named(st->NumberType, Py_BuildValue("(IIddiIi)", x->tok_start, x->tok_end, x->value,
                                                            x->value2, (int)x->unit, x->unit_tok, (int)x->qual));
        if (!t)
            goto error;
        PyTuple_SET_ITEM(nums, k, t);
    }
    return S_named(st->EventType, Py_BuildValue("(IIIiiiiiNN)", e->sentence, e->tok_start, e->tok_end, (int)e->type,
                                                (int)e->status, (int)e->kind, (int)e->time, (int)e->place, args,
                                                nums));
error:
    Py_XDECREF(args);
    Py_XDECREF(nums);
    return NULL;
}

/* events(doc, lexicon, entity_rows, time_rows) -> list of EventSpan
 * (sentence, tok_start, tok_end, type, status, kind, time, place,
 *  participants: (EventParticipant(entity, role), ...),
 *  numbers: (EventNumber(tok_start, tok_end, value, value2, unit, unit_tok, qual), ...)) */
static PyObject *S_events(PyObject *module, PyObject *args)
{
    PyObject *doc, *capsule, *ent_rows, *time_rows, *out = NULL;
    pcpy_docview v;
    pc_event_span *ents = NULL, *times = NULL;
    size_t nent = 0, ntime = 0, i;
    pc_event_result r;
    const pc_event_lexicon *lex;
    int rc;

    memset(&r, 0, sizeof r);
    if (!PyArg_ParseTuple(args, "OOOO:events", &doc, &capsule, &ent_rows, &time_rows))
        return NULL;
    if (!(lex = (const pc_event_lexicon *)PyCapsule_GetPointer(capsule, S_CAPSULE)))
        return NULL;
    if (S_spans(ent_rows, &ents, &nent, "entities") < 0 || S_spans(time_rows, &times, &ntime, "times") < 0)
        goto done;
    if (pcpy_doc_view(module, doc, &v) < 0)
        goto done;
    Py_BEGIN_ALLOW_THREADS
    rc = pc_event_scan(pcpy_mem(), v.text, v.len, v.toks, v.ntok, v.sents, v.nsent, lex, ents, nent, times, ntime,
                       &r);
    Py_END_ALLOW_THREADS
    if (rc != PC_OK) {
        pcpy_raise(module, rc, "events");
        goto done;
    }
    if (!(out = PyList_New((Py_ssize_t)r.n)))
        goto done;
    for (i = 0; i < r.n; i++) {
        PyObject *t = S_event_tuple(pcpy_get_state(module), &r, &r.events[i]);
        if (!t) {
            Py_CLEAR(out);
            goto done;
        }
        PyList_SET_ITEM(out, (Py_ssize_t)i, t);
    }
done:
    pc_event_result_free(pcpy_mem(), &r);
    PyMem_Free(ents);
    PyMem_Free(times);
    return out;
}

static PyMethodDef S_methods[] = {
    {"event_lexicon", S_event_lexicon, METH_O,
     "event_lexicon(entries) -> capsule: compile (table, phrase, code, kind) entries (pc_event.h)."},
    {"events", S_events, METH_VARARGS,
     "events(doc, lexicon, entity_rows, time_rows) -> list of EventSpan(sentence, tok_start, "
     "tok_end, type, status, kind, time, place, participants, numbers); rows are bytes of uint32 "
     "[tok_start, tok_end, label]."},
    {NULL, NULL, 0, NULL},
};

static PyStructSequence_Field S_event_fields[] = {
    {"sentence", "index of the sentence"},
    {"tok_start", "first token of the trigger"},
    {"tok_end", "token after the last"},
    {"type", "the trigger entry's code"},
    {"status", "PC_EV_* status"},
    {"kind", "the trigger entry's kind"},
    {"time", "index into the time rows, or -1"},
    {"place", "index into the entity rows, or -1"},
    {"participants", "tuple of EventParticipant"},
    {"numbers", "tuple of EventNumber"},
    {NULL, NULL},
};
static PyStructSequence_Field S_participant_fields[] = {
    {"entity", "index into the entity rows"},
    {"role", "PC_ER_* role"},
    {NULL, NULL},
};
static PyStructSequence_Field S_number_fields[] = {
    {"tok_start", "first token of the phrase"},
    {"tok_end", "token after the last"},
    {"value", "the number"},
    {"value2", "the upper end of a range, else value"},
    {"unit", "unit entry code; -1: an unlisted noun at unit_tok"},
    {"unit_tok", "the unit's token"},
    {"qual", "qualifier entry code, or -1"},
    {NULL, NULL},
};
static PyStructSequence_Desc S_event_desc = {"peacecorpus._core.EventSpan", "An event found by _core.events.",
                                             S_event_fields, 10};
static PyStructSequence_Desc S_participant_desc = {"peacecorpus._core.EventParticipant",
                                                   "A participant of an EventSpan.", S_participant_fields, 2};
static PyStructSequence_Desc S_number_desc = {"peacecorpus._core.EventNumber", "A number reported with an EventSpan.",
                                              S_number_fields, 7};

int pcpy_init_event(PyObject *m)
{
    pcpy_state *st = pcpy_get_state(m);
    if (!(st->EventType = PyStructSequence_NewType(&S_event_desc)) ||
        PyModule_AddObjectRef(m, "EventSpan", (PyObject *)st->EventType) < 0)
        return -1;
    if (!(st->ParticipantType = PyStructSequence_NewType(&S_participant_desc)) ||
        PyModule_AddObjectRef(m, "EventParticipant", (PyObject *)st->ParticipantType) < 0)
        return -1;
    if (!(st->NumberType = PyStructSequence_NewType(&S_number_desc)) ||
        PyModule_AddObjectRef(m, "EventNumber", (PyObject *)st->NumberType) < 0)
        return -1;
    return PyModule_AddFunctions(m, S_methods);
}
