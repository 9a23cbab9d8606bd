/*
 * py_quote.c - binding of the quotation scanner (pc_quote.h).
 *
 * _core.quotes(text, paras=None, reported=False, with_work=False) -> list of tuples
 *   (start, end, open_mark, close_mark, cue_start, cue_end, spk_start, spk_end,
 *    role_start, role_end, cont, kind, spk_kind, flags)
 * Offsets are code-point indices into `text`, -1 where absent; `cont` is the
 * row index of the quote this one continues or -1.  reported=True appends
 * the reported speech (kind QK_INDIRECT, no marks) after the marked quotes.
 * with_work=True returns (rows, work), work being pc_quote_result.work.  `paras` is the
 * Document's paragraph array (uint32 rows start, end, kind in code points,
 * any buffer); without it paragraphs are the text's "\n"-separated lines.
 *
 * The text is re-segmented in C (pc_segment) instead of converting the
 * Document's token array from code points to bytes: segmentation costs about
 * as much as the conversion and keeps this call usable on any string.
 */
#include "pcpy.h"

#include <string.h>

#include "pc_quote.h"
#include "pc_segment.h"
#include "pc_utf8.h"

#define S_NCOL 14

static int S_work(const pc_mem *mem, const char *buf, size_t len, pc_para *paras, size_t npara,
                  pc_seg_result *seg, int flags, pc_quote_result *qr, uint32_t **cpmap)
{
    int rc = pc_segment(mem, buf, len, paras, npara, seg);
    size_t i, cp = 0;
    if (rc != PC_OK)
        return rc;
    rc = pc_quote_scan(mem, buf, len, paras, npara, seg, flags, qr);
    if (rc != PC_OK || !qr->nquote)
        return rc;
    /* byte -> code point table (offsets in the rows are not sorted) */
    *cpmap = (uint32_t *)mem->calloc(mem->ctx, len + 1, sizeof(uint32_t));
    if (!*cpmap)
        return PC_ENOMEM;
    for (i = 0; i < len; i++) {
        (*cpmap)[i] = (uint32_t)cp;
        cp += ((unsigned char)buf[i] & 0xC0) != 0x80;
    }
    (*cpmap)[len] = (uint32_t)cp;
    return PC_OK;
}

static PyObject *S_off(const uint32_t *map, uint32_t off)
{
    if (off == PC_QUOTE_NONE)
        return PyLong_FromLong(-1);
    return PyLong_FromUnsignedLong(map[off]);
}

static PyObject *S_quotes(PyObject *module, PyObject *args, PyObject *kwargs)
{
    static char *kwlist[] = {"text", "paras", "reported", "with_work", NULL};
    PyObject *text, *py_paras = Py_None, *result = NULL;
    int reported = 0, with_work = 0;
    const pc_mem *mem = pcpy_mem();
    Py_buffer view;
    int have_view = 0, rc = PC_OK;
    Py_ssize_t len;
    const char *buf;
    pc_para *paras = NULL;
    size_t npara = 0, i, pcap = 0;
    pc_seg_result seg;
    pc_quote_result qr;
    uint32_t *cpmap = NULL;

    memset(&seg, 0, sizeof seg);
    memset(&qr, 0, sizeof qr);
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "U|Opp:quotes", kwlist, &text, &py_paras, &reported,
                                     &with_work))
        return NULL;
    buf = PyUnicode_AsUTF8AndSize(text, &len);
    if (!buf)
        return NULL;
    if ((size_t)len >= UINT32_MAX)
        return pcpy_raise(module, PC_ETOOBIG, "quotes");
    if (py_paras != Py_None) {
        const uint32_t *rows;
        size_t nrows, b = 0, cp = 0;
        if (PyObject_GetBuffer(py_paras, &view, PyBUF_C_CONTIGUOUS) < 0)
            return NULL;
        have_view = 1;
        if (view.len % (3 * (Py_ssize_t)sizeof(uint32_t)) != 0) {
            PyErr_SetString(PyExc_ValueError, "paras: expected uint32 rows of (start, end, kind)");
            goto error;
        }
        rows = (const uint32_t *)view.buf;
        nrows = (size_t)view.len / (3 * sizeof(uint32_t));
        paras = (pc_para *)mem->calloc(mem->ctx, nrows + 1, sizeof(pc_para));
        if (!paras) {
            PyErr_NoMemory();
            goto error;
        }
        /* code points -> bytes; rows are in text order */
        for (i = 0; i < nrows; i++) {
            uint32_t s = rows[3 * i], e = rows[3 * i + 1];
            if (e < s || (i && s < rows[3 * i - 2])) {
                PyErr_SetString(PyExc_ValueError, "paras: rows must be sorted, start <= end");
                goto error;
            }
            while (cp < s && b < (size_t)len) {
                b++;
                while (b < (size_t)len && ((unsigned char)buf[b] & 0xC0) == 0x80)
                    b++;
                cp++;
            }
            paras[i].start = (uint32_t)b;
            while (cp < e && b < (size_t)len) {
                b++;
                while (b < (size_t)len && ((unsigned char)buf[b] & 0xC0) == 0x80)
                    b++;
                cp++;
            }
            paras[i].end = (uint32_t)b;
            paras[i].kind = (int)rows[3 * i + 2];
        }
        npara = nrows;
    } else {
        size_t s = 0;
        for (i = 0; i <= (size_t)len; i++) {
            if (i == (size_t)len || buf[i] == '\n') {
                if (i > s) {
                    rc = pc_grow(mem, (void **)&paras, &pcap, npara + 1, sizeof(pc_para));
                    if (rc != PC_OK) {
                        pcpy_raise(module, rc, "quotes");
                        goto error;
                    }
                    paras[npara].start = (uint32_t)s;
                    paras[npara].end = (uint32_t)i;
                    paras[npara].kind = PC_PARA_BODY;
                    npara++;
                }
                s = i + 1;
            }
        }
    }

    if ((size_t)len > PCPY_NOGIL_BYTES) {
        Py_BEGIN_ALLOW_THREADS
        rc = S_work(mem, buf, (size_t)len, paras, npara, &seg, reported ? PC_QUOTE_REPORTED : 0, &qr,
                    &cpmap);
        Py_END_ALLOW_THREADS
    } else {
        rc = S_work(mem, buf, (size_t)len, paras, npara, &seg, reported ? PC_QUOTE_REPORTED : 0, &qr,
                    &cpmap);
    }
    if (rc != PC_OK) {
        pcpy_raise(module, rc, "quotes");
        goto error;
    }
    result = PyList_New((Py_ssize_t)qr.nquote);
    if (!result)
        goto error;
    for (i = 0; i < qr.nquote; i++) {
        const pc_quote *q = &qr.quotes[i];
        PyObject *row = PyTuple_New(S_NCOL), *v[S_NCOL];
        int k;
        if (!row) {
            Py_CLEAR(result);
            goto error;
        }
        PyList_SET_ITEM(result, (Py_ssize_t)i, row);
        v[0] = S_off(cpmap, q->start);
        v[1] = S_off(cpmap, q->end);
        v[2] = S_off(cpmap, q->open_mark);
        v[3] = S_off(cpmap, q->close_mark);
        v[4] = S_off(cpmap, q->cue_start);
        v[5] = S_off(cpmap, q->cue_end);
        v[6] = S_off(cpmap, q->spk_start);
        v[7] = S_off(cpmap, q->spk_end);
        v[8] = S_off(cpmap, q->role_start);
        v[9] = S_off(cpmap, q->role_end);
        v[10] = q->cont == PC_QUOTE_NONE ? PyLong_FromLong(-1) : PyLong_FromUnsignedLong(q->cont);
        v[11] = PyLong_FromLong(q->kind);
        v[12] = PyLong_FromLong(q->spk_kind);
        v[13] = PyLong_FromUnsignedLong(q->flags);
        for (k = 0; k < S_NCOL; k++) {
            if (!v[k]) {
                int j;
                for (j = k + 1; j < S_NCOL; j++)
                    Py_XDECREF(v[j]);
                Py_CLEAR(result);
                goto error;
            }
            PyTuple_SET_ITEM(row, k, v[k]);
        }
    }
    if (result && with_work) {
        PyObject *pair = Py_BuildValue("(Nn)", result, (Py_ssize_t)qr.work);
        result = pair; /* Py_BuildValue's N took the list, also on failure */
    }
error:
    if (have_view)
        PyBuffer_Release(&view);
    if (paras)
        mem->free(mem->ctx, paras);
    if (cpmap)
        mem->free(mem->ctx, cpmap);
    pc_seg_result_free(mem, &seg);
    pc_quote_free(mem, &qr);
    return result;
}

static PyMethodDef S_methods[] = {
    {"quotes", (PyCFunction)(void (*)(void))S_quotes, METH_VARARGS | METH_KEYWORDS,
     "quotes(text, paras=None, reported=False, with_work=False) -> list of (start, end, open_mark, "
     "close_mark, cue_start, cue_end, spk_start, spk_end, role_start, role_end, cont, kind, spk_kind, "
     "flags); with_work=True returns (rows, work)"},
    {NULL, NULL, 0, NULL},
};

int pcpy_init_quote(PyObject *m)
{
    if (PyModule_AddFunctions(m, S_methods) < 0)
        return -1;
    if (PyModule_AddIntConstant(m, "QK_DIRECT", PC_QK_DIRECT) < 0 ||
        PyModule_AddIntConstant(m, "QK_PARTIAL", PC_QK_PARTIAL) < 0 ||
        PyModule_AddIntConstant(m, "QK_SCARE", PC_QK_SCARE) < 0 ||
        PyModule_AddIntConstant(m, "QK_INDIRECT", PC_QK_INDIRECT) < 0 ||
        PyModule_AddIntConstant(m, "SPK_NAME", PC_SPK_NAME) < 0 ||
        PyModule_AddIntConstant(m, "SPK_PRONOUN", PC_SPK_PRONOUN) < 0 ||
        PyModule_AddIntConstant(m, "SPK_ROLE", PC_SPK_ROLE) < 0 ||
        PyModule_AddIntConstant(m, "QF_UNCLOSED", PC_QF_UNCLOSED) < 0 ||
        PyModule_AddIntConstant(m, "QF_PARA_CONT", PC_QF_PARA_CONT) < 0 ||
        PyModule_AddIntConstant(m, "QF_SPLIT", PC_QF_SPLIT) < 0 ||
        PyModule_AddIntConstant(m, "QF_NESTED", PC_QF_NESTED) < 0 ||
        PyModule_AddIntConstant(m, "QF_BRACKET", PC_QF_BRACKET) < 0 ||
        PyModule_AddIntConstant(m, "QF_CUE_AFTER", PC_QF_CUE_AFTER) < 0 ||
        PyModule_AddIntConstant(m, "QF_CUE_BEFORE", PC_QF_CUE_BEFORE) < 0 ||
        PyModule_AddIntConstant(m, "QF_SHARED_MARK", PC_QF_SHARED_MARK) < 0 ||
        PyModule_AddIntConstant(m, "QF_EMBEDDED", PC_QF_EMBEDDED) < 0)
        return -1;
    return 0;
}
