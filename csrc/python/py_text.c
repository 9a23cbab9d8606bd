/* py_text.c - bindings for cleaning and segmentation (pc_text.h). */
#include "pcpy.h"

static PyObject *S_errmsg(PyObject *module, PyObject *arg)
{
    long code = PyLong_AsLong(arg);
    if (code == -1 && PyErr_Occurred())
        return NULL;
    return PyUnicode_FromString(pc_errmsg((int)code));
}

static PyMethodDef S_methods[] = {
    {"errmsg", S_errmsg, METH_O, "errmsg(code) -> str: message of an engine status code."},
    {NULL, NULL, 0, NULL},
};

int pcpy_init_text(PyObject *m) { return PyModule_AddFunctions(m, S_methods); }
