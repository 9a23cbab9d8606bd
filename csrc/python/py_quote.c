/*
 * py_quote.c - binding of the quotation scanner (pc_quote.h).
 *
 * _core.quotes(doc, *, reported=False, with_work=False) -> list of
 *   QuoteSpan(start, end, open_mark, close_mark, cue_start, cue_end,
 *   spk_start, spk_end, role_start, role_end, cont, kind, spk_kind, flags)
 * reported=True appends the reported speech (kind QK_INDIRECT, no marks)
 * after the marked quotes; with_work=True returns (rows, work), work being
 * pc_quote_result.work (what the linear-time tests count).
 * `doc` is a _core.Doc: its paragraphs and segmentation are used as they are
 * (byte offsets, no conversion).  A plain str is accepted too: its lines are
 * the paragraphs and it is segmented here.  Offsets come back as str
 * indices (one pc_utf8_scatter_to_cp over every offset of the result), -1
 * where absent; `cont` is the index of the quote this one continues or -1.
 */
#include "pcpy.h"

#include <string.h>

#include "pc_quote.h"
#include "pc_segment.h"
#include "pc_utf8.h"

#define S_NCOL 14
#define S_NOFF 10 /* the first ten fields are text offsets */

/* The scan, then the offsets of the result to code points in place
 * (PC_QUOTE_NONE stays).  Pure C, called without the GIL. */
static int S_work(const pc_mem *mem, const char *buf, size_t len, const pc_para *paras, size_t npara,
                  pc_seg_result *own_seg, const pc_seg_result *seg, int flags, pc_quote_result *qr)
{
    uint32_t **offs;
    size_t i, n = 0;
    int rc = PC_OK, k;
    if (own_seg) {
        rc = pc_segment(mem, buf, len, paras, npara, own_seg);
        seg = own_seg;
    }
    if (rc == PC_OK)
        rc = pc_quote_scan(mem, buf, len, paras, npara, seg, flags, qr);
    if (rc != PC_OK || !qr->nquote)
        return rc;
    offs = (uint32_t **)mem->calloc(mem->ctx, qr->nquote * S_NOFF, sizeof *offs);
    if (!offs)
        return PC_ENOMEM;
    for (i = 0; i < qr->nquote; i++) {
        uint32_t *f[S_NOFF];
        pc_quote *q = &qr->quotes[i];
        f[0] = &q->start, f[1] = &q->end, f[2] = &q->open_mark, f[3] = &q->close_mark;
        f[4] = &q->cue_start, f[5] = &q->cue_end, f[6] = &q->spk_start, f[7] = &q->spk_end;
        f[8] = &q->role_start, f[9] = &q->role_end;
        for (k = 0; k < S_NOFF; k++)
            if (*f[k] != PC_QUOTE_NONE)
                offs[n++] = f[k];
    }
    rc = pc_utf8_scatter_to_cp(mem, buf, len, offs, n);
    mem->free(mem->ctx, offs);
    return rc;
}

static PyObject *S_off(uint32_t off)
{
    return off == PC_QUOTE_NONE ? PyLong_FromLong(-1) : PyLong_FromUnsignedLong(off);
}

/* Paragraphs of a plain str: its non-empty lines. */
static int S_lines(const pc_mem *mem, const char *buf, size_t len, pc_para **paras, size_t *npara)
{
    size_t i, s = 0, cap = 0;
    int rc;
    for (i = 0; i <= len; i++) {
        if (i == len || buf[i] == '\n') {
            if (i > s) {
                if ((rc = pc_grow(mem, (void **)paras, &cap, *npara + 1, sizeof(pc_para))) != PC_OK)
                    return rc;
                (*paras)[*npara].start = (uint32_t)s;
                (*paras)[*npara].end = (uint32_t)i;
                (*paras)[*npara].kind = PC_PARA_BODY;
                (*npara)++;
            }
            s = i + 1;
        }
    }
    return PC_OK;
}

static PyObject *S_quotes(PyObject *module, PyObject *args, PyObject *kwargs)
{
    static char *kwlist[] = {"doc", "reported", "with_work", NULL};
    PyTypeObject *tp = pcpy_get_state(module)->QuoteType;
    PyObject *arg, *result = NULL;
    const pc_mem *mem = pcpy_mem();
    int rc = PC_OK, own = 0, reported = 0, with_work = 0, flags;
    size_t i;
    pcpy_docview v;
    pc_para *lines = NULL;
    pc_seg_result seg, view;
    pc_quote_result qr;

    memset(&seg, 0, sizeof seg);
    memset(&view, 0, sizeof view);
    memset(&qr, 0, sizeof qr);
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "O|$pp:quotes", kwlist, &arg, &reported, &with_work))
        return NULL;
    flags = reported ? PC_QUOTE_REPORTED : 0;
    if (PyUnicode_Check(arg)) {
        Py_ssize_t len;
        memset(&v, 0, sizeof v);
        if (!(v.text = PyUnicode_AsUTF8AndSize(arg, &len)))
            return NULL;
        v.len = (size_t)len;
        own = 1;
    } else if (pcpy_doc_view(module, arg, &v) < 0) {
        return NULL;
    }
    if (v.len >= UINT32_MAX)
        return pcpy_raise(module, PC_ETOOBIG, "quotes");
    if (own) {
        rc = S_lines(mem, v.text, v.len, &lines, &v.npara);
        v.paras = lines;
    } else { /* the Doc's segmentation, read only */
        view.toks = (pc_token *)v.toks, view.ntok = v.ntok;
        view.sents = (pc_sentence *)v.sents, view.nsent = v.nsent;
    }
    if (rc == PC_OK && v.len > PCPY_NOGIL_BYTES) {
        Py_BEGIN_ALLOW_THREADS
        rc = S_work(mem, v.text, v.len, v.paras, v.npara, own ? &seg : NULL, &view, flags, &qr);
        Py_END_ALLOW_THREADS
    } else if (rc == PC_OK) {
        rc = S_work(mem, v.text, v.len, v.paras, v.npara, own ? &seg : NULL, &view, flags, &qr);
    }
    if (rc != PC_OK) {
        pcpy_raise(module, rc, "quotes");
        goto done;
    }
    if (!(result = PyList_New((Py_ssize_t)qr.nquote)))
        goto done;
    for (i = 0; i < qr.nquote; i++) {
        const pc_quote *q = &qr.quotes[i];
        PyObject *row = PyStructSequence_New(tp), *f[S_NCOL];
        int k;
        if (!row) {
            Py_CLEAR(result);
            goto done;
        }
        PyList_SET_ITEM(result, (Py_ssize_t)i, row);
        f[0] = S_off(q->start), f[1] = S_off(q->end), f[2] = S_off(q->open_mark), f[3] = S_off(q->close_mark);
        f[4] = S_off(q->cue_start), f[5] = S_off(q->cue_end), f[6] = S_off(q->spk_start);
        f[7] = S_off(q->spk_end), f[8] = S_off(q->role_start), f[9] = S_off(q->role_end);
        f[10] = q->cont == PC_QUOTE_NONE ? PyLong_FromLong(-1) : PyLong_FromUnsignedLong(q->cont);
        f[11] = PyLong_FromLong(q->kind);
        f[12] = PyLong_FromLong(q->spk_kind);
        f[13] = PyLong_FromUnsignedLong(q->flags);
        for (k = 0; k < S_NCOL; k++) {
            if (!f[k]) {
                while (++k < S_NCOL)
                    Py_XDECREF(f[k]);
                Py_CLEAR(result);
                goto done;
            }
            PyStructSequence_SET_ITEM(row, k, f[k]);
        }
    }
    if (result && with_work) {
        PyObject *pair = Py_BuildValue("(Nn)", result, (Py_ssize_t)qr.work);
        result = pair; /* Py_BuildValue's N took the list, also on failure */
    }
done:
    if (lines)
        mem->free(mem->ctx, lines);
    pc_seg_result_free(mem, &seg);
    pc_quote_free(mem, &qr);
    return result;
}

static PyMethodDef S_methods[] = {
    {"quotes", (PyCFunction)(void (*)(void))S_quotes, METH_VARARGS | METH_KEYWORDS,
     "quotes(doc, *, reported=False, with_work=False) -> list of QuoteSpan(start, end, open_mark, close_mark, "
     "cue_start, cue_end, spk_start, spk_end, role_start, role_end, cont, kind, spk_kind, flags): quotations "
     "of a Doc (or of a str, its lines as paragraphs); str offsets, -1 where absent; reported=True adds "
     "reported speech (QK_INDIRECT); with_work=True returns (rows, work)."},
    {NULL, NULL, 0, NULL},
};

static PyStructSequence_Field S_fields[] = {
    {"start", "start of the quoted words"},
    {"end", "end of the quoted words"},
    {"open_mark", "offset of the opening mark"},
    {"close_mark", "offset of the closing mark (end when unclosed)"},
    {"cue_start", "start of the cue verb, -1 when none"},
    {"cue_end", "end of the cue verb"},
    {"spk_start", "start of the words naming the speaker, -1 when none"},
    {"spk_end", "end of the speaker mention"},
    {"role_start", "start of an appositive role, -1 when none"},
    {"role_end", "end of the role"},
    {"cont", "index of the quote this one continues, -1 when none"},
    {"kind", "QK_DIRECT, QK_PARTIAL or QK_SCARE"},
    {"spk_kind", "SPK_NAME, SPK_PRONOUN, SPK_ROLE or 0"},
    {"flags", "QF_* bits"},
    {NULL, NULL},
};

static PyStructSequence_Desc S_desc = {"peacecorpus._core.QuoteSpan", "A quotation found by _core.quotes.",
                                       S_fields, S_NCOL};

int pcpy_init_quote(PyObject *m)
{
    pcpy_state *st = pcpy_get_state(m);
    st->QuoteType = PyStructSequence_NewType(&S_desc);
    if (!st->QuoteType || PyModule_AddObjectRef(m, "QuoteSpan", (PyObject *)st->QuoteType) < 0)
        return -1;
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
