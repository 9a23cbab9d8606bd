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
 * million tuples; the Python layer builds objects lazily.
 */
#include "pcpy.h"

#include <string.h>

#include "pc_doc.h"

/* binding-only status: the engine returned offsets out of order */
#define S_EINTERNAL (-1000)

static const char *S_meta_name(int key)
{
    switch (key) {
    case PC_META_TITLE: return "html_title";
    case PC_META_OG_TITLE: return "og_title";
    case PC_META_AUTHOR: return "author";
    case PC_META_PUBLISHED: return "published";
    case PC_META_MODIFIED: return "modified";
    case PC_META_SITE: return "site_name";
    case PC_META_DESCRIPTION: return "description";
    default: return "unknown";
    }
}

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

static int S_is_ascii(const char *text, size_t n)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t i = 0;
    uint64_t acc = 0;
    for (; n - i >= 8; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        acc |= w;
    }
    for (; i < n; i++)
        acc |= s[i];
    return (acc & 0x8080808080808080ULL) == 0;
}

/* For ASCII text byte and code point offsets agree: what is left of
 * pc_utf8_offsets_to_cp is its order check and the clamp to the length. */
static int S_check_column(uint32_t *offs, size_t count, size_t stride, size_t n)
{
    size_t i;
    for (i = 1; i < count; i++)
        if (offs[i * stride] < offs[(i - 1) * stride])
            return PC_EINVAL;
    for (i = count; i > 0 && offs[(i - 1) * stride] > n; i--)
        offs[(i - 1) * stride] = (uint32_t)n;
    return PC_OK;
}

/* map[b]: code points in text[0..b), the count pc_utf8_offsets_to_cp gives
 * for byte offset b (bytes other than continuation bytes before it) */
static void S_fill_map(const char *text, size_t n, uint32_t *map)
{
    const unsigned char *s = (const unsigned char *)text;
    uint32_t c = 0;
    size_t b;
    for (b = 0; b < n; b++) {
        map[b] = c;
        c += (s[b] & 0xC0) != 0x80;
    }
    map[n] = c;
}

/* One column: ASCII text needs only the order check and the clamp; other
 * text a lookup in `map` when there is one (seven columns of one document
 * share it: the walk of pc_utf8_offsets_to_cp per column was 7% of a parse
 * of text with curly quotes), else pc_utf8_offsets_to_cp. */
static int S_column(const char *text, size_t n, int ascii, const uint32_t *map, uint32_t *offs,
                    size_t count, size_t stride)
{
    size_t i;
    if (!count)
        return PC_OK;
    if (ascii)
        return S_check_column(offs, count, stride, n);
    if (!map)
        return pc_utf8_offsets_to_cp(text, n, offs, count, stride);
    for (i = 1; i < count; i++)
        if (offs[i * stride] < offs[(i - 1) * stride])
            return PC_EINVAL;
    for (i = 0; i < count; i++)
        offs[i * stride] = map[offs[i * stride] < n ? offs[i * stride] : n];
    return PC_OK;
}

/* Byte offsets -> code point offsets, in place in the engine's arrays.  Pure C,
 * called without the GIL.  Each column is non-decreasing.  Most news text is
 * pure ASCII; then one scan of the text replaces the seven of the general
 * conversion (5% of a parse). */
static int S_convert(pc_doc *doc)
{
    const char *text = doc->clean.text.data ? doc->clean.text.data : "";
    size_t tlen = doc->clean.text.len, i;
    size_t np = doc->clean.npara, ns = doc->seg.nsent, nt = doc->seg.ntok;
    size_t nr = doc->clean.nremoved;
    uint32_t *para = (uint32_t *)doc->clean.paras, *sent = (uint32_t *)doc->seg.sents;
    uint32_t *tok = (uint32_t *)doc->seg.toks, *rm = (uint32_t *)doc->clean.removed;
    int ascii = S_is_ascii(text, tlen), rc = PC_OK;
    uint32_t *map = NULL;

    if (!ascii && tlen < UINT32_MAX) {
        /* without memory for the map the slower conversion still works */
        map = (uint32_t *)pcpy_mem()->calloc(pcpy_mem()->ctx, tlen + 1, sizeof(uint32_t));
        if (map)
            S_fill_map(text, tlen, map);
    }
    if (S_column(text, tlen, ascii, map, para, np, 3) != PC_OK ||
        S_column(text, tlen, ascii, map, para + 1, np, 3) != PC_OK ||
        S_column(text, tlen, ascii, map, sent, ns, 5) != PC_OK ||
        S_column(text, tlen, ascii, map, sent + 1, ns, 5) != PC_OK ||
        S_column(text, tlen, ascii, map, tok, nt, 3) != PC_OK ||
        S_column(text, tlen, ascii, map, tok + 1, nt, 3) != PC_OK ||
        S_column(text, tlen, ascii, map, rm + 3, nr, 5) != PC_OK)
        rc = PC_EINVAL;
    if (map)
        pcpy_mem()->free(pcpy_mem()->ctx, map);
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
        item = Py_BuildValue("(ss#)", S_meta_name(m->key), doc->html.metabuf.data + m->start,
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
