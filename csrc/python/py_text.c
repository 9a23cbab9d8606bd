/*
 * py_text.c - binding of the per-document pipeline (pc_doc.h).
 *
 * _core.parse(data, mode=0, flags=0, max_bytes=0) returns a tuple
 *   (text, paragraphs, sentences, tokens, removed, meta, stats, is_html)
 * where the three arrays are `bytes` holding little-endian... native uint32
 * rows (read with numpy.frombuffer(..., dtype=uint32).reshape(-1, ncols)):
 *   paragraphs: start, end, kind
 *   sentences:  start, end, tok_start, tok_end, para
 *   tokens:     start, end, kind | flags << 16
 * All offsets are Python str indices (code points) into `text`.  Packing rows
 * into bytes keeps a million-token document to one allocation instead of a
 * million tuples; the Python layer builds objects lazily.  removed is a
 * tuple of (reason, text, position, line), meta of (key, value), stats the
 * seven repair counts in the order of peacecorpus.document._STAT_KEYS: all
 * immutable, so the result is untracked by the cyclic GC.
 *
 * _core.parse_many(items, ...) does the same for a list, with an int status
 * code in place of an item the engine failed on.
 */
#include "pcpy.h"

#include <string.h>

#include "pc_doc.h"
#include "pc_meta.h"

/* binding-only status: the engine returned offsets out of order */
#define S_EINTERNAL (-1000)

/* pc_token {u32 start, end; u16 kind, flags}, pc_sentence {5 x u32} and
 * pc_para {u32 start, end; int kind} have the layout of the rows Python
 * reads, so after converting their offsets in place they are copied into
 * the bytes objects as they are (no intermediate arrays).  The u16 pair reads
 * as kind | flags << 16 only on a little-endian machine; S_pack_tokens
 * rewrites that word elsewhere. */
typedef char S_tok_is_3_words[sizeof(pc_token) == 3 * sizeof(uint32_t) ? 1 : -1];
typedef char S_sent_is_5_words[sizeof(pc_sentence) == 5 * sizeof(uint32_t) ? 1 : -1];
typedef char S_para_is_3_words[sizeof(pc_para) == 3 * sizeof(uint32_t) ? 1 : -1];
typedef char S_removed_is_5_words[sizeof(pc_removed) == 5 * sizeof(uint32_t) ? 1 : -1];

static int S_little_endian(void)
{
    const uint16_t one = 1;
    return *(const unsigned char *)&one == 1;
}

/* A byte offset b converts to b minus the continuation bytes (10xxxxxx)
 * before it: exactly what pc_utf8_offsets_to_cp counts.  News text has few
 * of them (curly quotes, accents), so their sorted positions are listed once
 * and the seven columns of a document (each non-decreasing) walk that list:
 * a per-column walk of the text, then a byte->code point map, were 5-8% of
 * a parse. */
#define S_HI 0x8080808080808080ULL

static uint64_t S_cont_mask(const unsigned char *p)
{
    uint64_t w;
    memcpy(&w, p, 8);
    return w & ~(w << 1) & S_HI; /* bit 7 of a byte: set and bit 6 clear */
}

static size_t S_count_cont(const unsigned char *s, size_t n)
{
    size_t i = 0, c = 0;
    for (; n - i >= 8; i += 8) {
        uint64_t m = S_cont_mask(s + i);
        if (m)
            c += (size_t)((((m >> 7) * 0x0101010101010101ULL)) >> 56);
    }
    for (; i < n; i++)
        c += (s[i] & 0xC0) == 0x80;
    return c;
}

static void S_list_cont(const unsigned char *s, size_t n, uint32_t *cont)
{
    size_t i = 0, k, m = 0;
    for (; n - i >= 8; i += 8)
        if (S_cont_mask(s + i))
            for (k = i; k < i + 8; k++)
                if ((s[k] & 0xC0) == 0x80)
                    cont[m++] = (uint32_t)k;
    for (; i < n; i++)
        if ((s[i] & 0xC0) == 0x80)
            cont[m++] = (uint32_t)i;
}

/* One column, in place: order check (PC_EINVAL, as pc_utf8_offsets_to_cp),
 * clamp to n, subtract the continuation bytes before each offset. */
static int S_column(uint32_t *offs, size_t count, size_t stride, size_t n, const uint32_t *cont,
                    size_t ncont)
{
    size_t i, p = 0;
    for (i = 1; i < count; i++)
        if (offs[i * stride] < offs[(i - 1) * stride])
            return PC_EINVAL;
    for (i = 0; i < count; i++) {
        size_t b = offs[i * stride] < n ? offs[i * stride] : n;
        while (p < ncont && cont[p] < b)
            p++;
        offs[i * stride] = (uint32_t)(b - p);
    }
    return PC_OK;
}

/* Byte offsets -> code point offsets, in place in the engine's arrays.  Pure C,
 * called without the GIL. */
static int S_convert(pc_doc *doc)
{
    const char *text = doc->clean.text.data ? doc->clean.text.data : "";
    size_t tlen = doc->clean.text.len, i, c;
    size_t np = doc->clean.npara, ns = doc->seg.nsent, nt = doc->seg.ntok;
    size_t nr = doc->clean.nremoved, ncont;
    uint32_t *para = (uint32_t *)doc->clean.paras, *sent = (uint32_t *)doc->seg.sents;
    uint32_t *tok = (uint32_t *)doc->seg.toks, *rm = (uint32_t *)doc->clean.removed;
    uint32_t *cols[7], *cont = NULL;
    size_t counts[7], strides[7];
    int rc = PC_OK;

    cols[0] = para, cols[1] = para + 1, counts[0] = counts[1] = np, strides[0] = strides[1] = 3;
    cols[2] = sent, cols[3] = sent + 1, counts[2] = counts[3] = ns, strides[2] = strides[3] = 5;
    cols[4] = tok, cols[5] = tok + 1, counts[4] = counts[5] = nt, strides[4] = strides[5] = 3;
    cols[6] = rm + 3, counts[6] = nr, strides[6] = 5;
    ncont = S_count_cont((const unsigned char *)text, tlen);
    if (ncont) {
        cont = (uint32_t *)pcpy_mem()->calloc(pcpy_mem()->ctx, ncont, sizeof(uint32_t));
        if (cont)
            S_list_cont((const unsigned char *)text, tlen, cont);
    }
    for (c = 0; c < 7 && rc == PC_OK; c++) {
        if (!counts[c])
            continue;
        if (ncont && !cont) /* no memory for the list: the slower walk */
            rc = pc_utf8_offsets_to_cp(text, tlen, cols[c], counts[c], strides[c]);
        else
            rc = S_column(cols[c], counts[c], strides[c], tlen, cont, ncont);
    }
    if (cont)
        pcpy_mem()->free(pcpy_mem()->ctx, cont);
    if (rc != PC_OK)
        return rc;
    if (!S_little_endian()) {
        for (i = 0; i < nt; i++) {
            uint32_t v = (uint32_t)doc->seg.toks[i].kind | ((uint32_t)doc->seg.toks[i].flags << 16);
            memcpy(tok + 3 * i + 2, &v, sizeof v);
        }
    }
    return PC_OK;
}

static PyObject *S_rows(const void *rows, size_t nrows, size_t ncols)
{
    size_t bytes;
    if (!pc_mul_ok(nrows, ncols * sizeof(uint32_t), &bytes) || bytes > PY_SSIZE_T_MAX)
        return PyErr_NoMemory();
    return PyBytes_FromStringAndSize(nrows ? (const char *)rows : "", (Py_ssize_t)bytes);
}

/* Build the result tuple from a converted document; called with the GIL held.
 * removed and meta are tuples of tuples (immutable, see the GC note below).
 * stats is a plain tuple in PCPY_STATS order (the Python layer names them
 * when asked: seven key strings per document were 10% of the binding). */
static PyObject *S_result(pc_doc *doc)
{
    const char *text = doc->clean.text.data ? doc->clean.text.data : "";
    size_t tlen = doc->clean.text.len, i;
    size_t nr = doc->clean.nremoved;
    PyObject *result = NULL, *item = NULL, *list;
    Py_ssize_t st[7];

    result = PyTuple_New(8);
    if (!result)
        return NULL;
    if (!(item = PyUnicode_DecodeUTF8(text, (Py_ssize_t)tlen, "strict")))
        goto error;
    PyTuple_SET_ITEM(result, 0, item);
    if (!(item = S_rows(doc->clean.paras, doc->clean.npara, 3)))
        goto error;
    PyTuple_SET_ITEM(result, 1, item);
    if (!(item = S_rows(doc->seg.sents, doc->seg.nsent, 5)))
        goto error;
    PyTuple_SET_ITEM(result, 2, item);
    if (!(item = S_rows(doc->seg.toks, doc->seg.ntok, 3)))
        goto error;
    PyTuple_SET_ITEM(result, 3, item);
    if (!(list = PyTuple_New((Py_ssize_t)nr)))
        goto error;
    PyTuple_SET_ITEM(result, 4, list);
    for (i = 0; i < nr; i++) {
        pc_removed *r = &doc->clean.removed[i];
        item = Py_BuildValue("(ss#II)", pc_reason_name(r->reason),
                             doc->clean.removed_text.data + r->text_start,
                             (Py_ssize_t)(r->text_end - r->text_start), r->pos, r->line);
        if (!item)
            goto error;
        PyObject_GC_UnTrack(item);
        PyTuple_SET_ITEM(list, (Py_ssize_t)i, item);
    }
    PyObject_GC_UnTrack(list);
    if (!(list = PyTuple_New((Py_ssize_t)doc->html.nmeta)))
        goto error;
    PyTuple_SET_ITEM(result, 5, list);
    for (i = 0; i < doc->html.nmeta; i++) {
        pc_meta_kv *m = &doc->html.meta[i];
        item = Py_BuildValue("(ss#)", pc_meta_key_name(m->key), doc->html.metabuf.data + m->start,
                             (Py_ssize_t)(m->end - m->start));
        if (!item)
            goto error;
        PyObject_GC_UnTrack(item);
        PyTuple_SET_ITEM(list, (Py_ssize_t)i, item);
    }
    PyObject_GC_UnTrack(list);
    st[0] = (Py_ssize_t)doc->clean.stats.invalid;
    st[1] = (Py_ssize_t)doc->clean.stats.nul;
    st[2] = (Py_ssize_t)doc->clean.stats.mojibake;
    st[3] = (Py_ssize_t)doc->clean.stats.controls;
    st[4] = (Py_ssize_t)doc->clean.stats.invisible;
    st[5] = (Py_ssize_t)doc->html.dropped_bytes;
    st[6] = (Py_ssize_t)doc->html.unterminated;
    if (!(list = PyTuple_New(7)))
        goto error;
    PyTuple_SET_ITEM(result, 6, list);
    for (i = 0; i < 7; i++) {
        if (!(item = PyLong_FromSsize_t(st[i])))
            goto error;
        PyTuple_SET_ITEM(list, (Py_ssize_t)i, item);
    }
    PyObject_GC_UnTrack(list);
    item = doc->is_html ? Py_True : Py_False;
    Py_INCREF(item);
    PyTuple_SET_ITEM(result, 7, item);
    /* every container here holds only str, bytes, int, bool or such tuples,
     * so none can be part of a cycle: untracked, they cost the cyclic GC
     * nothing (it was 10% of a parse, run every ~150 documents) */
    PyObject_GC_UnTrack(result);
    return result;
error:
    Py_DECREF(result);
    return NULL;
}

/* The engine's view of `data`: a pointer into the str's UTF-8 cache (valid
 * while `data` lives) or into *owned, a bytes object the caller releases.
 * Returns 0, or -1 with an exception set. */
static int S_input(PyObject *data, const char **buf, Py_ssize_t *len, PyObject **owned)
{
    *owned = NULL;
    if (PyUnicode_Check(data)) {
        *buf = PyUnicode_AsUTF8AndSize(data, len);
        if (*buf)
            return 0;
        /* lone surrogates: those made by surrogateescape stand for the
         * original undecodable bytes, others are encoded as they are;
         * either way the engine repairs them to U+FFFD and counts them */
        PyErr_Clear();
        *owned = PyUnicode_AsEncodedString(data, "utf-8", "surrogateescape");
        if (!*owned) {
            PyErr_Clear();
            *owned = PyUnicode_AsEncodedString(data, "utf-8", "surrogatepass");
        }
        if (!*owned)
            return -1;
    } else if (PyBytes_Check(data)) {
        Py_INCREF(data);
        *owned = data;
    } else if (PyByteArray_Check(data) || PyMemoryView_Check(data)) {
        /* copy: a mutable buffer could change while the GIL is released */
        *owned = PyBytes_FromObject(data);
        if (!*owned)
            return -1;
    } else {
        PyErr_Format(PyExc_TypeError, "parse() expects str or bytes, not %.100s",
                     Py_TYPE(data)->tp_name);
        return -1;
    }
    *buf = PyBytes_AS_STRING(*owned);
    *len = PyBytes_GET_SIZE(*owned);
    return 0;
}

/* Parse and convert one document, without the GIL when it is long enough to
 * be worth it.  Returns a PC_* status; `doc` must be freed either way. */
static int S_run(const char *buf, size_t len, const pc_doc_opts *opts, pc_doc *doc)
{
    int rc;
    if (len > PCPY_NOGIL_BYTES) {
        Py_BEGIN_ALLOW_THREADS
        rc = pc_doc_parse(pcpy_mem(), buf, len, opts, doc);
        if (rc == PC_OK)
            rc = S_convert(doc) == PC_OK ? PC_OK : S_EINTERNAL;
        Py_END_ALLOW_THREADS
    } else {
        rc = pc_doc_parse(pcpy_mem(), buf, len, opts, doc);
        if (rc == PC_OK)
            rc = S_convert(doc) == PC_OK ? PC_OK : S_EINTERNAL;
    }
    return rc;
}

static int S_opts(PyObject *module, int mode, int flags, Py_ssize_t max_bytes, pc_doc_opts *opts)
{
    if (max_bytes < 0) {
        PyErr_SetString(PyExc_ValueError, "max_bytes must be >= 0");
        return -1;
    }
    opts->mode = mode;
    opts->clean_flags = flags;
    opts->max_bytes = (size_t)max_bytes;
    return 0;
}

static PyObject *S_raise(PyObject *module, int rc)
{
    if (rc == S_EINTERNAL) {
        PyErr_SetString(pcpy_get_state(module)->Error, "internal error: unsorted offsets");
        return NULL;
    }
    return pcpy_raise(module, rc, "parse");
}

static PyObject *S_parse(PyObject *module, PyObject *args, PyObject *kwargs)
{
    static char *kwlist[] = {"data", "mode", "flags", "max_bytes", NULL};
    PyObject *data, *owned = NULL, *result = NULL;
    int mode = PC_MODE_AUTO, flags = 0, rc;
    Py_ssize_t max_bytes = 0, len = 0;
    const char *buf = NULL;
    pc_doc_opts opts;
    pc_doc doc;

    memset(&doc, 0, sizeof doc);
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "O|iin:parse", kwlist, &data, &mode, &flags,
                                     &max_bytes))
        return NULL;
    if (S_opts(module, mode, flags, max_bytes, &opts) < 0 || S_input(data, &buf, &len, &owned) < 0)
        return NULL;
    rc = S_run(buf, (size_t)len, &opts, &doc);
    result = rc == PC_OK ? S_result(&doc) : S_raise(module, rc);
    pc_doc_free(pcpy_mem(), &doc);
    Py_XDECREF(owned);
    return result;
}

/* parse_many(items, mode=0, flags=0, max_bytes=0) -> list: one parse() result
 * per item, or, where the engine failed (memory, size limit), the negative
 * status code as an int so that the caller can turn that one document into an
 * error row and go on.  Items that are not str/bytes raise TypeError. */
static PyObject *S_parse_many(PyObject *module, PyObject *args, PyObject *kwargs)
{
    static char *kwlist[] = {"items", "mode", "flags", "max_bytes", NULL};
    PyObject *items, *seq = NULL, *out = NULL, *owned, *res;
    int mode = PC_MODE_AUTO, flags = 0, rc;
    Py_ssize_t max_bytes = 0, len, n, i;
    const char *buf;
    pc_doc_opts opts;
    pc_doc doc;

    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "O|iin:parse_many", kwlist, &items, &mode,
                                     &flags, &max_bytes))
        return NULL;
    if (S_opts(module, mode, flags, max_bytes, &opts) < 0)
        return NULL;
    if (!(seq = PySequence_Fast(items, "parse_many() expects a sequence")))
        return NULL;
    n = PySequence_Fast_GET_SIZE(seq);
    if (!(out = PyList_New(n)))
        goto error;
    for (i = 0; i < n; i++) {
        if (S_input(PySequence_Fast_GET_ITEM(seq, i), &buf, &len, &owned) < 0)
            goto error;
        memset(&doc, 0, sizeof doc);
        rc = S_run(buf, (size_t)len, &opts, &doc);
        res = rc == PC_OK ? S_result(&doc) : PyLong_FromLong(rc);
        pc_doc_free(pcpy_mem(), &doc);
        Py_XDECREF(owned);
        if (!res)
            goto error;
        PyList_SET_ITEM(out, i, res);
    }
    Py_DECREF(seq);
    return out;
error:
    Py_XDECREF(out);
    Py_XDECREF(seq);
    return NULL;
}

static PyObject *S_errmsg(PyObject *module, PyObject *arg)
{
    long code = PyLong_AsLong(arg);
    if (code == -1 && PyErr_Occurred())
        return NULL;
    return PyUnicode_FromString(pc_errmsg((int)code));
}

static PyObject *S_sniff_html(PyObject *module, PyObject *arg)
{
    Py_ssize_t len;
    const char *s;
    if (PyUnicode_Check(arg)) {
        s = PyUnicode_AsUTF8AndSize(arg, &len);
        if (!s)
            return NULL;
    } else if (PyBytes_Check(arg)) {
        s = PyBytes_AS_STRING(arg);
        len = PyBytes_GET_SIZE(arg);
    } else {
        PyErr_SetString(PyExc_TypeError, "sniff_html() expects str or bytes");
        return NULL;
    }
    return PyBool_FromLong(pc_html_sniff(s, (size_t)len));
}

static PyMethodDef S_methods[] = {
    {"parse", (PyCFunction)(void (*)(void))S_parse, METH_VARARGS | METH_KEYWORDS,
     "parse(data, mode=0, flags=0, max_bytes=0) -> tuple: clean and segment one document."},
    {"parse_many", (PyCFunction)(void (*)(void))S_parse_many, METH_VARARGS | METH_KEYWORDS,
     "parse_many(items, mode=0, flags=0, max_bytes=0) -> list: parse() of each item; an int "
     "status code where the engine failed on that item."},
    {"sniff_html", S_sniff_html, METH_O, "sniff_html(data) -> bool: does this look like HTML?"},
    {"errmsg", S_errmsg, METH_O, "errmsg(code) -> str: message of an engine status code."},
    {NULL, NULL, 0, NULL},
};

int pcpy_init_text(PyObject *m)
{
    if (PyModule_AddFunctions(m, S_methods) < 0)
        return -1;
    if (PyModule_AddIntConstant(m, "MODE_AUTO", PC_MODE_AUTO) < 0 ||
        PyModule_AddIntConstant(m, "MODE_TEXT", PC_MODE_TEXT) < 0 ||
        PyModule_AddIntConstant(m, "MODE_HTML", PC_MODE_HTML) < 0 ||
        PyModule_AddIntConstant(m, "CLEAN_KEEP_BOILERPLATE", PC_CLEAN_KEEP_BOILERPLATE) < 0 ||
        PyModule_AddIntConstant(m, "CLEAN_NO_MOJIBAKE", PC_CLEAN_NO_MOJIBAKE) < 0 ||
        PyModule_AddIntConstant(m, "CLEAN_NO_NFC", PC_CLEAN_NO_NFC) < 0 ||
        PyModule_AddIntConstant(m, "TOK_WORD", PC_TOK_WORD) < 0 ||
        PyModule_AddIntConstant(m, "TOK_NUM", PC_TOK_NUM) < 0 ||
        PyModule_AddIntConstant(m, "TOK_PUNCT", PC_TOK_PUNCT) < 0 ||
        PyModule_AddIntConstant(m, "TOK_SYM", PC_TOK_SYM) < 0 ||
        PyModule_AddIntConstant(m, "TOK_OTHER", PC_TOK_OTHER) < 0 ||
        PyModule_AddIntConstant(m, "TOK_URL", PC_TOK_URL) < 0)
        return -1;
    return 0;
}
