/*
 * _core.c - module definition of peacecorpus._core.
 *
 * This is the only file family (csrc/python/) that includes Python.h.  It
 * follows PEP 489/630: multi-phase initialisation, exception types kept in
 * module state.  Each py_*.c file owns one concern of the engine and exposes
 * `int pcpy_init_<name>(PyObject *module)`, called from S_exec below, which
 * adds its functions and types to the module.
 */
#include "pcpy.h"

static int S_exec(PyObject *m)
{
    pcpy_state *st = pcpy_get_state(m);

    /* the exception types live in peacecorpus.errors (Python classes with
     * doc_id/offset/reason); the module state holds them so that a status
     * code is raised as its type without importing anything per call */
    PyObject *errors = PyImport_ImportModule("peacecorpus.errors");
    if (!errors)
        return -1;
    st->Error = PyObject_GetAttrString(errors, "EngineError");
    st->DocumentTooLarge = PyObject_GetAttrString(errors, "DocumentTooLarge");
    st->LimitExceeded = PyObject_GetAttrString(errors, "LimitExceeded");
    st->StaleTable = PyObject_GetAttrString(errors, "StaleTable");
    Py_DECREF(errors);
    if (!st->Error || !st->DocumentTooLarge || !st->LimitExceeded || !st->StaleTable ||
        PyModule_AddObjectRef(m, "EngineError", st->Error) < 0 ||
        PyModule_AddObjectRef(m, "DocumentTooLarge", st->DocumentTooLarge) < 0 ||
        PyModule_AddObjectRef(m, "LimitExceeded", st->LimitExceeded) < 0 ||
        PyModule_AddObjectRef(m, "StaleTable", st->StaleTable) < 0)
        return -1;
    if (PyModule_AddStringConstant(m, "ENGINE_VERSION", PC_VERSION) < 0)
        return -1;

    /* one line per engine concern, each adding its own types and functions */
    if (pcpy_init_doc(m) < 0) /* first: the other concerns take Docs */
        return -1;
    if (pcpy_init_entity(m) < 0)
        return -1;
    if (pcpy_init_gazetteer(m) < 0)
        return -1;
    if (pcpy_init_similarity(m) < 0)
        return -1;
    if (pcpy_init_tagger(m) < 0)
        return -1;
    if (pcpy_init_quote(m) < 0)
        return -1;
    if (pcpy_init_text(m) < 0)
        return -1;
    if (pcpy_init_time(m) < 0)
        return -1;
    if (pcpy_init_event(m) < 0)
        return -1;
    if (pcpy_init_vocab(m) < 0)
        return -1;
    return 0;
}

static int S_traverse(PyObject *m, visitproc visit, void *arg)
{
    pcpy_state *st = pcpy_get_state(m);
    Py_VISIT(st->Error);
    Py_VISIT(st->DocumentTooLarge);
    Py_VISIT(st->LimitExceeded);
    Py_VISIT(st->StaleTable);
    Py_VISIT(st->DocType);
    Py_VISIT(st->RemovedType);
    Py_VISIT(st->QuoteType);
    Py_VISIT(st->TimeType);
    Py_VISIT(st->EventType);
    Py_VISIT(st->ParticipantType);
    Py_VISIT(st->NumberType);
    return 0;
}

static int S_clear(PyObject *m)
{
    pcpy_state *st = pcpy_get_state(m);
    Py_CLEAR(st->Error);
    Py_CLEAR(st->DocumentTooLarge);
    Py_CLEAR(st->LimitExceeded);
    Py_CLEAR(st->StaleTable);
    Py_CLEAR(st->DocType);
    Py_CLEAR(st->RemovedType);
    Py_CLEAR(st->QuoteType);
    Py_CLEAR(st->TimeType);
    Py_CLEAR(st->EventType);
    Py_CLEAR(st->ParticipantType);
    Py_CLEAR(st->NumberType);
    return 0;
}

static void S_free(void *m) { S_clear((PyObject *)m); }

static PyModuleDef_Slot S_slots[] = {
    {Py_mod_exec, (void *)S_exec},
    {0, NULL},
};

static struct PyModuleDef S_module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "peacecorpus._core",
    .m_doc = "C engine of peacecorpus (cleaning, segmentation, matching, hashing).",
    .m_size = sizeof(pcpy_state),
    .m_slots = S_slots,
    .m_traverse = S_traverse,
    .m_clear = S_clear,
    .m_free = S_free,
};

PyMODINIT_FUNC PyInit__core(void) { return PyModuleDef_Init(&S_module); }
