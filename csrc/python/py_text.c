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

static PyObject *S_rows(uint32_t *rows, size_t nrows, size_t ncols)
{
    size_t bytes;
    if (!pc_mul_ok(nrows, ncols * sizeof(uint32_t), &bytes) || bytes > PY_SSIZE_T_MAX)
        return PyErr_NoMemory();
    return PyBytes_FromStringAndSize((const char *)rows, (Py_ssize_t)bytes);
}

/* Build the result tuple; called with the GIL held. */
static PyObject *S_result(PyObject *module, pc_doc *doc)
{
    const pc_mem *mem = pcpy_mem();
    const char *text = doc->clean.text.data ? doc->clean.text.data : "";
    size_t tlen = doc->clean.text.len, i;
    uint32_t *para = NULL, *sent = NULL, *tok = NULL, *rpos = NULL;
    PyObject *py_text = NULL, *py_para = NULL, *py_sent = NULL, *py_tok = NULL;
    PyObject *removed = NULL, *meta = NULL, *stats = NULL, *result = NULL;
    size_t np = doc->clean.npara, ns = doc->seg.nsent, nt = doc->seg.ntok;
    size_t nr = doc->clean.nremoved;

    para = (uint32_t *)mem->calloc(mem->ctx, np * 3 + 1, sizeof(uint32_t));
    sent = (uint32_t *)mem->calloc(mem->ctx, ns * 5 + 1, sizeof(uint32_t));
    tok = (uint32_t *)mem->calloc(mem->ctx, nt * 3 + 1, sizeof(uint32_t));
    rpos = (uint32_t *)mem->calloc(mem->ctx, nr + 1, sizeof(uint32_t));
    if (!para || !sent || !tok || !rpos) {
        PyErr_NoMemory();
        goto error;
    }
    for (i = 0; i < np; i++) {
        para[3 * i] = doc->clean.paras[i].start;
        para[3 * i + 1] = doc->clean.paras[i].end;
        para[3 * i + 2] = (uint32_t)doc->clean.paras[i].kind;
    }
    for (i = 0; i < ns; i++) {
        pc_sentence *s = &doc->seg.sents[i];
        sent[5 * i] = s->start;
        sent[5 * i + 1] = s->end;
        sent[5 * i + 2] = s->tok_start;
        sent[5 * i + 3] = s->tok_end;
        sent[5 * i + 4] = s->para;
    }
    for (i = 0; i < nt; i++) {
        pc_token *t = &doc->seg.toks[i];
        tok[3 * i] = t->start;
        tok[3 * i + 1] = t->end;
        tok[3 * i + 2] = (uint32_t)t->kind | ((uint32_t)t->flags << 16);
    }
    for (i = 0; i < nr; i++)
        rpos[i] = doc->clean.removed[i].pos;
    /* byte -> code point offsets; each column is non-decreasing */
    if (pc_utf8_offsets_to_cp(text, tlen, para, np, 3) != PC_OK ||
        pc_utf8_offsets_to_cp(text, tlen, para + 1, np, 3) != PC_OK ||
        pc_utf8_offsets_to_cp(text, tlen, sent, ns, 5) != PC_OK ||
        pc_utf8_offsets_to_cp(text, tlen, sent + 1, ns, 5) != PC_OK ||
        pc_utf8_offsets_to_cp(text, tlen, tok, nt, 3) != PC_OK ||
        pc_utf8_offsets_to_cp(text, tlen, tok + 1, nt, 3) != PC_OK ||
        pc_utf8_offsets_to_cp(text, tlen, rpos, nr, 1) != PC_OK) {
        PyErr_SetString(pcpy_get_state(module)->Error, "internal error: unsorted offsets");
        goto error;
    }
    py_text = PyUnicode_DecodeUTF8(text, (Py_ssize_t)tlen, "strict");
    if (!py_text)
        goto error;
    if (!(py_para = S_rows(para, np, 3)) || !(py_sent = S_rows(sent, ns, 5)) ||
        !(py_tok = S_rows(tok, nt, 3)))
        goto error;
    removed = PyList_New((Py_ssize_t)nr);
    if (!removed)
        goto error;
    for (i = 0; i < nr; i++) {
        pc_removed *r = &doc->clean.removed[i];
        PyObject *item = Py_BuildValue(
            "(ss#II)", pc_reason_name(r->reason), doc->clean.removed_text.data + r->text_start,
            (Py_ssize_t)(r->text_end - r->text_start), rpos[i], r->line);
        if (!item)
            goto error;
        PyList_SET_ITEM(removed, (Py_ssize_t)i, item);
    }
    meta = PyList_New((Py_ssize_t)doc->html.nmeta);
    if (!meta)
        goto error;
    for (i = 0; i < doc->html.nmeta; i++) {
        pc_meta_kv *m = &doc->html.meta[i];
        PyObject *item = Py_BuildValue("(ss#)", S_meta_name(m->key), doc->html.metabuf.data + m->start,
                                       (Py_ssize_t)(m->end - m->start));
        if (!item)
            goto error;
        PyList_SET_ITEM(meta, (Py_ssize_t)i, item);
    }
    stats = Py_BuildValue("{s:n,s:n,s:n,s:n,s:n,s:n,s:n}", "invalid_utf8",
                          (Py_ssize_t)doc->clean.stats.invalid, "nul_bytes",
                          (Py_ssize_t)doc->clean.stats.nul, "mojibake",
                          (Py_ssize_t)doc->clean.stats.mojibake, "control_chars",
                          (Py_ssize_t)doc->clean.stats.controls, "invisible_chars",
                          (Py_ssize_t)doc->clean.stats.invisible, "html_dropped_bytes",
                          (Py_ssize_t)doc->html.dropped_bytes, "html_unterminated",
                          (Py_ssize_t)doc->html.unterminated);
    if (!stats)
        goto error;
    result = Py_BuildValue("(OOOOOOOO)", py_text, py_para, py_sent, py_tok, removed, meta, stats,
                           doc->is_html ? Py_True : Py_False);
error:
    Py_XDECREF(py_text);
    Py_XDECREF(py_para);
    Py_XDECREF(py_sent);
    Py_XDECREF(py_tok);
    Py_XDECREF(removed);
    Py_XDECREF(meta);
    Py_XDECREF(stats);
    if (para)
        mem->free(mem->ctx, para);
    if (sent)
        mem->free(mem->ctx, sent);
    if (tok)
        mem->free(mem->ctx, tok);
    if (rpos)
        mem->free(mem->ctx, rpos);
    return result;
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
    if (max_bytes < 0) {
        PyErr_SetString(PyExc_ValueError, "max_bytes must be >= 0");
        return NULL;
    }
    if (PyUnicode_Check(data)) {
        buf = PyUnicode_AsUTF8AndSize(data, &len);
        if (!buf) {
            /* lone surrogates: those made by surrogateescape stand for the
             * original undecodable bytes, others are encoded as they are;
             * either way the engine repairs them to U+FFFD and counts them */
            PyErr_Clear();
            owned = PyUnicode_AsEncodedString(data, "utf-8", "surrogateescape");
            if (!owned) {
                PyErr_Clear();
                owned = PyUnicode_AsEncodedString(data, "utf-8", "surrogatepass");
            }
            if (!owned)
                return NULL;
        }
    } else if (PyBytes_Check(data)) {
        Py_INCREF(data);
        owned = data;
    } else if (PyByteArray_Check(data) || PyMemoryView_Check(data)) {
        /* copy: a mutable buffer could change while the GIL is released */
        owned = PyBytes_FromObject(data);
        if (!owned)
            return NULL;
    } else {
        PyErr_Format(PyExc_TypeError, "parse() expects str or bytes, not %.100s",
                     Py_TYPE(data)->tp_name);
        return NULL;
    }
    if (owned) {
        buf = PyBytes_AS_STRING(owned);
        len = PyBytes_GET_SIZE(owned);
    }
    opts.mode = mode;
    opts.clean_flags = flags;
    opts.max_bytes = (size_t)max_bytes;
    if ((size_t)len > PCPY_NOGIL_BYTES) {
        Py_BEGIN_ALLOW_THREADS
        rc = pc_doc_parse(pcpy_mem(), buf, (size_t)len, &opts, &doc);
        Py_END_ALLOW_THREADS
    } else {
        rc = pc_doc_parse(pcpy_mem(), buf, (size_t)len, &opts, &doc);
    }
    if (rc != PC_OK) {
        pcpy_raise(module, rc, "parse");
        goto done;
    }
    result = S_result(module, &doc);
done:
    pc_doc_free(pcpy_mem(), &doc);
    Py_XDECREF(owned);
    return result;
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
