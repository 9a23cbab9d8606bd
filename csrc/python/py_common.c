/* py_common.c - allocator and error mapping shared by the binding files. */
#include "pcpy.h"

static void *S_calloc(void *ctx, size_t n, size_t size)
{
    (void)ctx;
    return PyMem_RawCalloc(n ? n : 1, size ? size : 1);
}

static void *S_realloc(void *ctx, void *p, size_t size)
{
    (void)ctx;
    return PyMem_RawRealloc(p, size ? size : 1);
}

static void S_free(void *ctx, void *p)
{
    (void)ctx;
    PyMem_RawFree(p);
}

static const pc_mem S_mem = {S_calloc, S_realloc, S_free, NULL};

const pc_mem *pcpy_mem(void) { return &S_mem; }

PyObject *pcpy_raise(PyObject *module, int code, const char *what)
{
    switch (code) {
    case PC_ENOMEM:
        PyErr_NoMemory();
        break;
    case PC_EINVAL:
    case PC_ETOOBIG:
    case PC_ELIMIT:
    case PC_EUTF8:
        PyErr_Format(PyExc_ValueError, "%s: %s", what, pc_errmsg(code));
        break;
    default:
        PyErr_Format(pcpy_get_state(module)->Error, "%s: %s (code %d)", what, pc_errmsg(code), code);
        break;
    }
    return NULL;
}

#include <string.h>

#include "pc_utf8.h"

static int S_rows(PyObject *obj, size_t ncols, const uint32_t **rows, size_t *n, const char *what)
{
    Py_ssize_t len;
    if (obj == NULL || obj == Py_None) {
        *rows = NULL;
        *n = 0;
        return 0;
    }
    if (!PyBytes_Check(obj)) {
        PyErr_Format(PyExc_TypeError, "%s must be bytes of uint32 rows", what);
        return -1;
    }
    len = PyBytes_GET_SIZE(obj);
    if (len % (Py_ssize_t)(ncols * sizeof(uint32_t)) != 0) {
        PyErr_Format(PyExc_ValueError, "%s: length %zd is not a multiple of %zu-column rows", what,
                     len, ncols);
        return -1;
    }
    *rows = (const uint32_t *)PyBytes_AS_STRING(obj);
    *n = (size_t)len / (ncols * sizeof(uint32_t));
    return 0;
}

void pcpy_docview_free(pcpy_docview *v)
{
    const pc_mem *mem = pcpy_mem();
    if (v->toks)
        mem->free(mem->ctx, v->toks);
    if (v->sents)
        mem->free(mem->ctx, v->sents);
    memset(v, 0, sizeof *v);
}

int pcpy_docview_init(PyObject *text, PyObject *tok_rows, PyObject *sent_rows, pcpy_docview *v)
{
    const pc_mem *mem = pcpy_mem();
    const uint32_t *tr, *sr;
    size_t nt, ns, i, cp_len;
    uint32_t *tmp = NULL;
    Py_ssize_t len;

    memset(v, 0, sizeof *v);
    if (!PyUnicode_Check(text)) {
        PyErr_SetString(PyExc_TypeError, "text must be str");
        return -1;
    }
    v->text = PyUnicode_AsUTF8AndSize(text, &len);
    if (!v->text)
        return -1;
    v->len = (size_t)len;
    cp_len = (size_t)PyUnicode_GET_LENGTH(text);
    if (S_rows(tok_rows, 3, &tr, &nt, "tokens") < 0 || S_rows(sent_rows, 5, &sr, &ns, "sentences") < 0)
        return -1;
    v->toks = (pc_token *)mem->calloc(mem->ctx, nt + 1, sizeof(pc_token));
    v->sents = (pc_sentence *)mem->calloc(mem->ctx, ns + 1, sizeof(pc_sentence));
    tmp = (uint32_t *)mem->calloc(mem->ctx, 2 * (nt > ns ? nt : ns) + 1, sizeof(uint32_t));
    if (!v->toks || !v->sents || !tmp) {
        PyErr_NoMemory();
        goto error;
    }
    /* validate, then convert to bytes */
    for (i = 0; i < nt; i++) {
        if (tr[3 * i] > tr[3 * i + 1] || tr[3 * i + 1] > cp_len ||
            (i && (tr[3 * i] < tr[3 * (i - 1) + 1]))) {
            PyErr_SetString(PyExc_ValueError, "tokens: offsets out of order or out of range");
            goto error;
        }
        tmp[2 * i] = tr[3 * i];
        tmp[2 * i + 1] = tr[3 * i + 1];
    }
    /* starts and ends interleave in one monotone sequence (tokens are sorted
     * and do not overlap): one pass over the text, none when it is ASCII */
    if (v->len != cp_len && pc_utf8_offsets_to_bytes(v->text, v->len, tmp, 2 * nt, 1) != PC_OK) {
        PyErr_SetString(PyExc_ValueError, "tokens: offsets out of order");
        goto error;
    }
    for (i = 0; i < nt; i++) {
        v->toks[i].start = tmp[2 * i];
        v->toks[i].end = tmp[2 * i + 1];
        v->toks[i].kind = (uint16_t)(tr[3 * i + 2] & 0xFFFF);
        v->toks[i].flags = (uint16_t)(tr[3 * i + 2] >> 16);
    }
    v->ntok = nt;
    for (i = 0; i < ns; i++) {
        const uint32_t *r = sr + 5 * i;
        if (r[0] > r[1] || r[1] > cp_len || r[2] > r[3] || r[3] > nt ||
            (i && r[2] < sr[5 * (i - 1) + 3])) {
            PyErr_SetString(PyExc_ValueError, "sentences: rows out of order or out of range");
            goto error;
        }
        v->sents[i].tok_start = r[2];
        v->sents[i].tok_end = r[3];
        v->sents[i].para = r[4];
        v->sents[i].start = r[2] < r[3] ? v->toks[r[2]].start : 0;
        v->sents[i].end = r[2] < r[3] ? v->toks[r[3] - 1].end : 0;
    }
    v->nsent = ns;
    mem->free(mem->ctx, tmp);
    return 0;
error:
    if (tmp)
        mem->free(mem->ctx, tmp);
    pcpy_docview_free(v);
    return -1;
}
