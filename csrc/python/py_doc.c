/*
 * py_doc.c - the Doc type: one parsed document as the engine made it.
 *
 * _core.parse and _core.parse_many return Docs; the stages that work on a
 * parsed document (entities, mentions, quotes, times) take one.  A Doc keeps
 * the engine's arrays as they are -- paragraphs, sentences and tokens in
 * *byte* offsets into the UTF-8 of `text` -- so those stages read them with
 * no conversion and no copy.  Python sees code-point offsets (str indices):
 * they are made once per document, by pc_utf8_columns_to_cp, in the worker
 * that parsed it (GIL released), and handed out as bytes of uint32 rows:
 *   paragraphs: start, end, kind
 *   sentences:  start, end, tok_start, tok_end, para
 *   tokens:     start, end, kind | flags << 16
 * The `*_utf8` attributes give the same rows in byte offsets (what the store
 * keeps, so that a stored document becomes a Doc again without parsing or
 * converting: Doc(text, paragraphs_utf8, sentences_utf8, tokens_utf8, ...)).
 *
 * A Doc is immutable and holds only str, bytes, ints and tuples of them, so
 * it never takes part in a reference cycle (no GC tracking) and may be read
 * from any thread; engine calls may use its arrays with the GIL released
 * while a reference to it is held.  All memory comes from pcpy_mem().
 */
#include "pcpy.h"

#include <string.h>

#include "pc_doc.h"
#include "pc_meta.h"

typedef struct pcpy_doc {
    PyObject_HEAD
    PyObject *text;    /* str */
    int is_html;
    pc_para *paras;    /* byte offsets (engine rows) */
    size_t npara;
    pc_sentence *sents;
    size_t nsent;
    pc_token *toks;
    size_t ntok;
    uint32_t *cp;      /* code-point rows: paragraphs, sentences, tokens, one block */
    PyObject *rows[3]; /* the same as bytes, made on first use (then cp is freed) */
    PyObject *removed; /* tuple of Removed (position in code points) */
    PyObject *meta;    /* tuple of (key, value) pairs: HTML metadata, in page order */
    Py_ssize_t stats[PCPY_NSTATS];
} pcpy_doc;

/* Names of the repair counts, in the order of pcpy_doc.stats. */
static const char *const S_stat_names[PCPY_NSTATS] = {
    "invalid_utf8", "nul_bytes", "mojibake", "control_chars", "invisible_chars", "html_dropped_bytes",
    "html_unterminated",
};

static const size_t S_width[3] = {3, 5, 3};

/* -- code-point rows (pure C: called without the GIL) ------------------------------ */

/* The code-point rows of a document and the code-point positions of its
 * removed lines (`rm`, converted in place): one call to pc_utf8_columns_to_cp
 * for the seven columns.  Returns a block of 3*npara + 5*nsent + 3*ntok
 * uint32 (NULL on PC_ENOMEM, *rc set). */
static uint32_t *S_cp_rows(const char *text, size_t len, const pc_para *paras, size_t npara,
                           const pc_sentence *sents, size_t nsent, const pc_token *toks, size_t ntok,
                           uint32_t *rm, size_t nrm, int *rc)
{
    const pc_mem *mem = pcpy_mem();
    size_t total = 3 * npara + 5 * nsent + 3 * ntok, i;
    uint32_t *block = (uint32_t *)mem->calloc(mem->ctx, total + 1, sizeof(uint32_t));
    uint32_t *p, *s, *t, *cols[7];
    size_t counts[7], strides[7];

    if (!block) {
        *rc = PC_ENOMEM;
        return NULL;
    }
    p = block, s = p + 3 * npara, t = s + 5 * nsent;
    for (i = 0; i < npara; i++) {
        p[3 * i] = paras[i].start, p[3 * i + 1] = paras[i].end;
        p[3 * i + 2] = (uint32_t)paras[i].kind;
    }
    for (i = 0; i < nsent; i++) {
        s[5 * i] = sents[i].start, s[5 * i + 1] = sents[i].end;
        s[5 * i + 2] = sents[i].tok_start, s[5 * i + 3] = sents[i].tok_end, s[5 * i + 4] = sents[i].para;
    }
    for (i = 0; i < ntok; i++) {
        t[3 * i] = toks[i].start, t[3 * i + 1] = toks[i].end;
        t[3 * i + 2] = (uint32_t)toks[i].kind | ((uint32_t)toks[i].flags << 16);
    }
    cols[0] = p, cols[1] = p + 1, counts[0] = counts[1] = npara, strides[0] = strides[1] = 3;
    cols[2] = s, cols[3] = s + 1, counts[2] = counts[3] = nsent, strides[2] = strides[3] = 5;
    cols[4] = t, cols[5] = t + 1, counts[4] = counts[5] = ntok, strides[4] = strides[5] = 3;
    cols[6] = rm, counts[6] = nrm, strides[6] = 1;
    *rc = pc_utf8_columns_to_cp(mem, text, len, cols, counts, strides, rm ? 7 : 6);
    if (*rc != PC_OK) {
        mem->free(mem->ctx, block);
        return NULL;
    }
    return block;
}

/* -- the type ----------------------------------------------------------------------- */

static void S_release(pcpy_doc *d)
{
    const pc_mem *mem = pcpy_mem();
    int k;
    if (d->paras)
        mem->free(mem->ctx, d->paras);
    if (d->sents)
        mem->free(mem->ctx, d->sents);
    if (d->toks)
        mem->free(mem->ctx, d->toks);
    if (d->cp)
        mem->free(mem->ctx, d->cp);
    d->paras = NULL, d->sents = NULL, d->toks = NULL, d->cp = NULL;
    for (k = 0; k < 3; k++)
        Py_CLEAR(d->rows[k]);
    Py_CLEAR(d->text);
    Py_CLEAR(d->removed);
    Py_CLEAR(d->meta);
}

static void S_dealloc(PyObject *self)
{
    PyTypeObject *tp = Py_TYPE(self);
    S_release((pcpy_doc *)self);
    tp->tp_free(self);
    Py_DECREF(tp);
}

static pcpy_doc *S_alloc(PyObject *module)
{
    PyTypeObject *tp = pcpy_get_state(module)->DocType;
    return (pcpy_doc *)tp->tp_alloc(tp, 0);
}

/* The removed lines as a tuple of Removed, from engine rows and their
 * code-point positions. */
static PyObject *S_removed_engine(PyObject *module, const pc_doc *doc, const uint32_t *pos)
{
    PyTypeObject *tp = pcpy_get_state(module)->RemovedType;
    size_t n = doc->clean.nremoved, i;
    PyObject *out = PyTuple_New((Py_ssize_t)n);
    if (!out)
        return NULL;
    for (i = 0; i < n; i++) {
        const pc_removed *r = &doc->clean.removed[i];
        PyObject *item = PyStructSequence_New(tp), *v[4];
        int k;
        if (!item)
            goto error;
        PyTuple_SET_ITEM(out, (Py_ssize_t)i, item);
        v[0] = PyUnicode_FromString(pc_reason_name(r->reason));
        v[1] = PyUnicode_DecodeUTF8(doc->clean.removed_text.data + r->text_start,
                                    (Py_ssize_t)(r->text_end - r->text_start), "replace");
        v[2] = PyLong_FromUnsignedLong(pos ? pos[i] : r->pos);
        v[3] = PyLong_FromUnsignedLong(r->line);
        for (k = 0; k < 4; k++) {
            if (!v[k]) {
                while (++k < 4)
                    Py_XDECREF(v[k]);
                goto error;
            }
            PyStructSequence_SET_ITEM(item, k, v[k]);
        }
    }
    return out;
error:
    Py_DECREF(out);
    return NULL;
}

static PyObject *S_meta_engine(const pc_doc *doc)
{
    PyObject *out = PyTuple_New((Py_ssize_t)doc->html.nmeta);
    size_t i;
    if (!out)
        return NULL;
    for (i = 0; i < doc->html.nmeta; i++) {
        const pc_meta_kv *m = &doc->html.meta[i];
        PyObject *pair = Py_BuildValue("(sN)", pc_meta_key_name(m->key),
                                       PyUnicode_DecodeUTF8(doc->html.metabuf.data + m->start,
                                                            (Py_ssize_t)(m->end - m->start), "replace"));
        if (!pair) {
            Py_DECREF(out);
            return NULL;
        }
        PyTuple_SET_ITEM(out, (Py_ssize_t)i, pair);
    }
    return out;
}

/* Metadata given to Doc(): a mapping or (key, value) pairs; a list value
 * (several values of one key, as a store keeps them) becomes a tuple so that
 * the Doc holds only immutable objects. */
static PyObject *S_meta_arg(PyObject *obj)
{
    PyObject *items, *seq, *out = NULL;
    Py_ssize_t n, i;
    if (obj == Py_None)
        return PyTuple_New(0);
    items = PyDict_Check(obj) ? PyDict_Items(obj) : Py_NewRef(obj);
    if (!items)
        return NULL;
    seq = PySequence_Fast(items, "Doc: meta must be a dict or (key, value) pairs");
    Py_DECREF(items);
    if (!seq)
        return NULL;
    n = PySequence_Fast_GET_SIZE(seq);
    if (!(out = PyTuple_New(n)))
        goto done;
    for (i = 0; i < n; i++) {
        PyObject *key, *value, *pair;
        if (!pcpy_parse_item(PySequence_Fast_GET_ITEM(seq, i), "Doc: a meta pair", "UO:Doc meta pair", &key, &value)) {
            Py_CLEAR(out);
            goto done;
        }
        value = PyList_Check(value) ? PyList_AsTuple(value) : Py_NewRef(value);
        pair = value ? PyTuple_Pack(2, key, value) : NULL;
        Py_XDECREF(value);
        if (!pair) {
            Py_CLEAR(out);
            goto done;
        }
        PyTuple_SET_ITEM(out, i, pair);
    }
done:
    Py_DECREF(seq);
    return out;
}

PyObject *pcpy_doc_from_engine(PyObject *module, pc_doc *doc, uint32_t *cp, const uint32_t *rm_pos)
{
    const char *text = doc->clean.text.data ? doc->clean.text.data : "";
    pcpy_doc *d = S_alloc(module);
    if (!d) {
        pcpy_mem()->free(pcpy_mem()->ctx, cp);
        return NULL;
    }
    d->cp = cp;
    d->is_html = doc->is_html;
    if (!(d->text = PyUnicode_DecodeUTF8(text, (Py_ssize_t)doc->clean.text.len, "strict")) ||
        !(d->removed = S_removed_engine(module, doc, rm_pos)) || !(d->meta = S_meta_engine(doc)))
        goto error;
    /* the arrays move from the engine's result to the Doc */
    d->paras = doc->clean.paras, d->npara = doc->clean.npara;
    d->sents = doc->seg.sents, d->nsent = doc->seg.nsent;
    d->toks = doc->seg.toks, d->ntok = doc->seg.ntok;
    doc->clean.paras = NULL, doc->clean.npara = doc->clean.pcap = 0;
    doc->seg.sents = NULL, doc->seg.nsent = doc->seg.scap = 0;
    doc->seg.toks = NULL, doc->seg.ntok = doc->seg.tcap = 0;
    d->stats[0] = (Py_ssize_t)doc->clean.stats.invalid;
    d->stats[1] = (Py_ssize_t)doc->clean.stats.nul;
    d->stats[2] = (Py_ssize_t)doc->clean.stats.mojibake;
    d->stats[3] = (Py_ssize_t)doc->clean.stats.controls;
    d->stats[4] = (Py_ssize_t)doc->clean.stats.invisible;
    d->stats[5] = (Py_ssize_t)doc->html.dropped_bytes;
    d->stats[6] = (Py_ssize_t)doc->html.unterminated;
    return (PyObject *)d;
error:
    Py_DECREF(d);
    return NULL;
}

int pcpy_doc_prepare(pc_doc *doc, uint32_t **cp, uint32_t **rm_pos)
{
    const pc_mem *mem = pcpy_mem();
    const char *text = doc->clean.text.data ? doc->clean.text.data : "";
    size_t i, nrm = doc->clean.nremoved;
    int rc = PC_OK;
    *cp = NULL;
    *rm_pos = (uint32_t *)mem->calloc(mem->ctx, nrm + 1, sizeof(uint32_t));
    if (!*rm_pos)
        return PC_ENOMEM;
    for (i = 0; i < nrm; i++)
        (*rm_pos)[i] = doc->clean.removed[i].pos;
    *cp = S_cp_rows(text, doc->clean.text.len, doc->clean.paras, doc->clean.npara, doc->seg.sents,
                    doc->seg.nsent, doc->seg.toks, doc->seg.ntok, *rm_pos, nrm, &rc);
    if (rc != PC_OK) {
        mem->free(mem->ctx, *rm_pos);
        *rm_pos = NULL;
    }
    return rc;
}

int pcpy_doc_view(PyObject *module, PyObject *obj, pcpy_docview *v)
{
    pcpy_doc *d;
    Py_ssize_t len;
    if (!PyObject_TypeCheck(obj, pcpy_get_state(module)->DocType)) {
        PyErr_Format(PyExc_TypeError, "expected a peacecorpus._core.Doc, not %.100s", Py_TYPE(obj)->tp_name);
        return -1;
    }
    d = (pcpy_doc *)obj;
    if (!(v->text = PyUnicode_AsUTF8AndSize(d->text, &len)))
        return -1;
    v->str = d->text;
    v->len = (size_t)len;
    v->paras = d->paras, v->npara = d->npara;
    v->toks = d->toks, v->ntok = d->ntok;
    v->sents = d->sents, v->nsent = d->nsent;
    return 0;
}

/* -- Doc(text, paragraphs, sentences, tokens, removed=(), meta=None, repairs=None, is_html=False) -- */

static int S_rows_arg(PyObject *obj, size_t width, Py_buffer *view, size_t *n, const char *what)
{
    if (pcpy_get_buffer(obj, view, 1, what) < 0)
        return -1;
    if (view->len % (Py_ssize_t)(width * sizeof(uint32_t)) != 0) {
        PyErr_Format(PyExc_ValueError, "%s: length %zd is not a multiple of %zu-column uint32 rows", what,
                     view->len, width);
        PyBuffer_Release(view);
        return -1;
    }
    *n = (size_t)view->len / (width * sizeof(uint32_t));
    return 0;
}

/* Copy rows into the engine's structs; codepoints: the offsets are str
 * indices and are turned into byte offsets (pc_utf8_offsets_to_bytes). */
static int S_fill(pcpy_doc *d, const char *text, size_t len, const uint32_t *rows[3], int codepoints)
{
    const pc_mem *mem = pcpy_mem();
    size_t i;
    d->paras = (pc_para *)mem->calloc(mem->ctx, d->npara + 1, sizeof(pc_para));
    d->sents = (pc_sentence *)mem->calloc(mem->ctx, d->nsent + 1, sizeof(pc_sentence));
    d->toks = (pc_token *)mem->calloc(mem->ctx, d->ntok + 1, sizeof(pc_token));
    if (!d->paras || !d->sents || !d->toks) {
        PyErr_NoMemory();
        return -1;
    }
    for (i = 0; i < d->npara; i++) {
        const uint32_t *r = rows[0] + 3 * i;
        d->paras[i].start = r[0], d->paras[i].end = r[1], d->paras[i].kind = (int)r[2];
    }
    for (i = 0; i < d->nsent; i++) {
        const uint32_t *r = rows[1] + 5 * i;
        d->sents[i].start = r[0], d->sents[i].end = r[1];
        d->sents[i].tok_start = r[2], d->sents[i].tok_end = r[3], d->sents[i].para = r[4];
    }
    for (i = 0; i < d->ntok; i++) {
        const uint32_t *r = rows[2] + 3 * i;
        d->toks[i].start = r[0], d->toks[i].end = r[1];
        d->toks[i].kind = (uint16_t)(r[2] & 0xFFFF), d->toks[i].flags = (uint16_t)(r[2] >> 16);
    }
    if (codepoints && d->npara + d->nsent + d->ntok) {
        const size_t ps = sizeof(pc_para) / sizeof(uint32_t), ss = sizeof(pc_sentence) / sizeof(uint32_t),
                     ts = sizeof(pc_token) / sizeof(uint32_t);
        if (pc_utf8_offsets_to_bytes(text, len, &d->paras[0].start, d->npara, ps) != PC_OK ||
            pc_utf8_offsets_to_bytes(text, len, &d->paras[0].end, d->npara, ps) != PC_OK ||
            pc_utf8_offsets_to_bytes(text, len, &d->sents[0].start, d->nsent, ss) != PC_OK ||
            pc_utf8_offsets_to_bytes(text, len, &d->sents[0].end, d->nsent, ss) != PC_OK ||
            pc_utf8_offsets_to_bytes(text, len, &d->toks[0].start, d->ntok, ts) != PC_OK ||
            pc_utf8_offsets_to_bytes(text, len, &d->toks[0].end, d->ntok, ts) != PC_OK) {
            PyErr_SetString(PyExc_ValueError, "Doc: offsets out of order");
            return -1;
        }
    }
    /* what a stage indexes must be what pc_segment could have made */
    for (i = 0; i < d->npara; i++)
        if (d->paras[i].start > d->paras[i].end || d->paras[i].end > len ||
            (i && d->paras[i].start < d->paras[i - 1].end)) {
            PyErr_SetString(PyExc_ValueError, "Doc: paragraphs out of order or out of range");
            return -1;
        }
    if (pc_seg_check(len, d->toks, d->ntok, d->sents, d->nsent) != PC_OK) {
        PyErr_SetString(PyExc_ValueError, "Doc: tokens or sentences out of order or out of range");
        return -1;
    }
    for (i = 0; i < d->nsent; i++)
        if (d->sents[i].start > d->sents[i].end || d->sents[i].end > len ||
            (d->npara && d->sents[i].para >= d->npara)) {
            PyErr_SetString(PyExc_ValueError, "Doc: sentences out of order or out of range");
            return -1;
        }
    return 0;
}

static PyObject *S_removed_arg(PyObject *module, PyObject *obj)
{
    PyTypeObject *tp = pcpy_get_state(module)->RemovedType;
    PyObject *seq = PySequence_Fast(obj, "Doc: removed must be a sequence of (reason, text, position, line)");
    PyObject *out = NULL;
    Py_ssize_t n, i;
    if (!seq)
        return NULL;
    n = PySequence_Fast_GET_SIZE(seq);
    if (!(out = PyTuple_New(n)))
        goto done;
    for (i = 0; i < n; i++) {
        PyObject *r = PySequence_Fast_GET_ITEM(seq, i), *item;
        PyObject *reason, *text;
        unsigned long pos, line;
        if (!pcpy_parse_item(r, "Doc: a removed line", "UUkk:Doc removed line", &reason, &text, &pos, &line) ||
            !(item = PyStructSequence_New(tp))) {
            Py_CLEAR(out);
            goto done;
        }
        PyStructSequence_SET_ITEM(item, 0, Py_NewRef(reason));
        PyStructSequence_SET_ITEM(item, 1, Py_NewRef(text));
        PyStructSequence_SET_ITEM(item, 2, PyLong_FromUnsignedLong(pos));
        PyStructSequence_SET_ITEM(item, 3, PyLong_FromUnsignedLong(line));
        PyTuple_SET_ITEM(out, i, item);
        if (!PyStructSequence_GET_ITEM(item, 2) || !PyStructSequence_GET_ITEM(item, 3)) {
            Py_CLEAR(out);
            goto done;
        }
    }
done:
    Py_DECREF(seq);
    return out;
}

static PyObject *S_build(PyObject *module, PyTypeObject *type, PyObject *args, PyObject *kwargs, int codepoints)
{
    static char *kwlist[] = {"text", "paragraphs", "sentences", "tokens", "removed", "meta", "repairs", "is_html",
                             NULL};
    PyObject *text, *rowobj[3], *removed = NULL, *meta = Py_None, *repairs = Py_None;
    Py_buffer views[3];
    const uint32_t *rows[3];
    size_t n[3];
    int is_html = 0, have = 0, rc = PC_OK, k;
    const char *utf8;
    Py_ssize_t len;
    pcpy_doc *d = NULL;

    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "UOOO|OOOp:Doc", kwlist, &text, &rowobj[0], &rowobj[1],
                                     &rowobj[2], &removed, &meta, &repairs, &is_html))
        return NULL;
    if (!(utf8 = PyUnicode_AsUTF8AndSize(text, &len)))
        return NULL;
    for (have = 0; have < 3; have++) {
        static const char *const what[3] = {"paragraphs", "sentences", "tokens"};
        if (S_rows_arg(rowobj[have], S_width[have], &views[have], &n[have], what[have]) < 0)
            goto done;
        rows[have] = (const uint32_t *)views[have].buf;
    }
    if (!(d = (pcpy_doc *)type->tp_alloc(type, 0)))
        goto done;
    d->text = Py_NewRef(text);
    d->is_html = is_html;
    d->npara = n[0], d->nsent = n[1], d->ntok = n[2];
    if (S_fill(d, utf8, (size_t)len, rows, codepoints) < 0)
        goto error;
    d->removed = removed ? S_removed_arg(module, removed) : PyTuple_New(0);
    if (!d->removed)
        goto error;
    if (!(d->meta = S_meta_arg(meta)))
        goto error;
    if (repairs != Py_None) {
        PyObject *seq = PySequence_Fast(repairs, "Doc: repairs must be a sequence of 7 ints");
        if (!seq)
            goto error;
        if (PySequence_Fast_GET_SIZE(seq) != PCPY_NSTATS) {
            Py_DECREF(seq);
            PyErr_SetString(PyExc_ValueError, "Doc: repairs must be a sequence of 7 ints");
            goto error;
        }
        for (k = 0; k < PCPY_NSTATS; k++)
            d->stats[k] = PyLong_AsSsize_t(PySequence_Fast_GET_ITEM(seq, k));
        Py_DECREF(seq);
        if (PyErr_Occurred())
            goto error;
    }
    Py_BEGIN_ALLOW_THREADS
    d->cp = S_cp_rows(utf8, (size_t)len, d->paras, d->npara, d->sents, d->nsent, d->toks, d->ntok, NULL, 0, &rc);
    Py_END_ALLOW_THREADS
    if (rc != PC_OK) {
        pcpy_raise(module, rc, "Doc");
        goto error;
    }
    goto done;
error:
    Py_CLEAR(d);
done:
    for (k = 0; k < have; k++)
        PyBuffer_Release(&views[k]);
    return (PyObject *)d;
}

static PyObject *S_new(PyTypeObject *type, PyObject *args, PyObject *kwargs)
{
    PyObject *module = PyType_GetModule(type);
    return module ? S_build(module, type, args, kwargs, 0) : NULL;
}

static PyObject *S_doc_from_codepoints(PyObject *module, PyObject *args, PyObject *kwargs)
{
    return S_build(module, pcpy_get_state(module)->DocType, args, kwargs, 1);
}

/* -- attributes ---------------------------------------------------------------------- */

static PyObject *S_rows_cp(pcpy_doc *d, int k)
{
    if (!d->rows[k]) {
        size_t off = k == 0 ? 0 : k == 1 ? 3 * d->npara : 3 * d->npara + 5 * d->nsent;
        size_t n = k == 0 ? d->npara : k == 1 ? d->nsent : d->ntok, j;
        d->rows[k] = PyBytes_FromStringAndSize(n ? (const char *)(d->cp + off) : "",
                                               (Py_ssize_t)(n * S_width[k] * sizeof(uint32_t)));
        if (!d->rows[k])
            return NULL;
        for (j = 0; j < 3 && d->rows[j]; j++)
            ;
        if (j == 3) { /* all three made: the block is no longer needed */
            pcpy_mem()->free(pcpy_mem()->ctx, d->cp);
            d->cp = NULL;
        }
    }
    return Py_NewRef(d->rows[k]);
}

static PyObject *S_paragraphs(PyObject *self, void *c) { return S_rows_cp((pcpy_doc *)self, 0); }
static PyObject *S_sentences(PyObject *self, void *c) { return S_rows_cp((pcpy_doc *)self, 1); }
static PyObject *S_tokens(PyObject *self, void *c) { return S_rows_cp((pcpy_doc *)self, 2); }

static PyObject *S_rows_utf8(pcpy_doc *d, int k)
{
    size_t n = k == 0 ? d->npara : k == 1 ? d->nsent : d->ntok, i;
    PyObject *out = PyBytes_FromStringAndSize(NULL, (Py_ssize_t)(n * S_width[k] * sizeof(uint32_t)));
    uint32_t *r;
    if (!out)
        return NULL;
    r = (uint32_t *)PyBytes_AS_STRING(out);
    for (i = 0; i < n; i++) {
        if (k == 0) {
            r[3 * i] = d->paras[i].start, r[3 * i + 1] = d->paras[i].end, r[3 * i + 2] = (uint32_t)d->paras[i].kind;
        } else if (k == 1) {
            const pc_sentence *s = &d->sents[i];
            r[5 * i] = s->start, r[5 * i + 1] = s->end, r[5 * i + 2] = s->tok_start;
            r[5 * i + 3] = s->tok_end, r[5 * i + 4] = s->para;
        } else {
            r[3 * i] = d->toks[i].start, r[3 * i + 1] = d->toks[i].end;
            r[3 * i + 2] = (uint32_t)d->toks[i].kind | ((uint32_t)d->toks[i].flags << 16);
        }
    }
    return out;
}

static PyObject *S_paragraphs_utf8(PyObject *self, void *c) { return S_rows_utf8((pcpy_doc *)self, 0); }
static PyObject *S_sentences_utf8(PyObject *self, void *c) { return S_rows_utf8((pcpy_doc *)self, 1); }
static PyObject *S_tokens_utf8(PyObject *self, void *c) { return S_rows_utf8((pcpy_doc *)self, 2); }

static PyObject *S_text(PyObject *self, void *c) { return Py_NewRef(((pcpy_doc *)self)->text); }
static PyObject *S_is_html(PyObject *self, void *c) { return PyBool_FromLong(((pcpy_doc *)self)->is_html); }
static PyObject *S_removed(PyObject *self, void *c) { return Py_NewRef(((pcpy_doc *)self)->removed); }
static PyObject *S_meta(PyObject *self, void *c) { return Py_NewRef(((pcpy_doc *)self)->meta); }
static PyObject *S_n_paragraphs(PyObject *self, void *c) { return PyLong_FromSize_t(((pcpy_doc *)self)->npara); }
static PyObject *S_n_sentences(PyObject *self, void *c) { return PyLong_FromSize_t(((pcpy_doc *)self)->nsent); }
static PyObject *S_n_tokens(PyObject *self, void *c) { return PyLong_FromSize_t(((pcpy_doc *)self)->ntok); }

static PyObject *S_repairs(PyObject *self, void *c)
{
    pcpy_doc *d = (pcpy_doc *)self;
    PyObject *out = PyDict_New();
    int k;
    if (!out)
        return NULL;
    for (k = 0; k < PCPY_NSTATS; k++) {
        PyObject *v = PyLong_FromSsize_t(d->stats[k]);
        if (!v || PyDict_SetItemString(out, S_stat_names[k], v) < 0) {
            Py_XDECREF(v);
            Py_DECREF(out);
            return NULL;
        }
        Py_DECREF(v);
    }
    return out;
}

static PyObject *S_reduce(PyObject *self, PyObject *unused)
{
    pcpy_doc *d = (pcpy_doc *)self;
    PyObject *rows[3] = {NULL, NULL, NULL}, *removed = NULL, *stats = NULL, *out = NULL;
    Py_ssize_t i, n = PyTuple_GET_SIZE(d->removed);
    int k;
    for (k = 0; k < 3; k++)
        if (!(rows[k] = S_rows_utf8(d, k)))
            goto done;
    if (!(removed = PyTuple_New(n)) || !(stats = PyTuple_New(PCPY_NSTATS)))
        goto done;
    for (i = 0; i < n; i++) { /* plain tuples: the struct sequence type is per module */
        PyObject *t = PySequence_Tuple(PyTuple_GET_ITEM(d->removed, i));
        if (!t)
            goto done;
        PyTuple_SET_ITEM(removed, i, t);
    }
    for (k = 0; k < PCPY_NSTATS; k++) {
        PyObject *v = PyLong_FromSsize_t(d->stats[k]);
        if (!v)
            goto done;
        PyTuple_SET_ITEM(stats, k, v);
    }
    out = Py_BuildValue("(O(OOOOOOOO))", Py_TYPE(self), d->text, rows[0], rows[1], rows[2], removed, d->meta, stats,
                        d->is_html ? Py_True : Py_False);
done:
    for (k = 0; k < 3; k++)
        Py_XDECREF(rows[k]);
    Py_XDECREF(removed);
    Py_XDECREF(stats);
    return out;
}

static PyObject *S_repr(PyObject *self)
{
    pcpy_doc *d = (pcpy_doc *)self;
    return PyUnicode_FromFormat("<_core.Doc %zd chars, %zu paragraphs, %zu sentences, %zu tokens>",
                                PyUnicode_GET_LENGTH(d->text), d->npara, d->nsent, d->ntok);
}

static PyGetSetDef S_getset[] = {
    {"text", S_text, NULL, "the cleaned text (str)", NULL},
    {"is_html", S_is_html, NULL, "True when the input was read as HTML", NULL},
    {"paragraphs", S_paragraphs, NULL, "bytes of uint32 rows (start, end, kind), str offsets", NULL},
    {"sentences", S_sentences, NULL, "bytes of uint32 rows (start, end, tok_start, tok_end, para), str offsets",
     NULL},
    {"tokens", S_tokens, NULL, "bytes of uint32 rows (start, end, kind | flags << 16), str offsets", NULL},
    {"paragraphs_utf8", S_paragraphs_utf8, NULL, "the paragraph rows in byte offsets into text's UTF-8", NULL},
    {"sentences_utf8", S_sentences_utf8, NULL, "the sentence rows in byte offsets", NULL},
    {"tokens_utf8", S_tokens_utf8, NULL, "the token rows in byte offsets", NULL},
    {"removed", S_removed, NULL, "tuple of Removed(reason, text, position, line); position in str offsets", NULL},
    {"meta", S_meta, NULL, "HTML metadata: (key, value) pairs in page order (html_title, author, published ...)",
     NULL},
    {"repairs", S_repairs, NULL, "repair counts (a new dict)", NULL},
    {"n_paragraphs", S_n_paragraphs, NULL, NULL, NULL},
    {"n_sentences", S_n_sentences, NULL, NULL, NULL},
    {"n_tokens", S_n_tokens, NULL, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static PyMethodDef S_doc_methods[] = {
    {"__reduce__", S_reduce, METH_NOARGS, "pickle support (rows in byte offsets: no conversion back)"},
    {NULL, NULL, 0, NULL},
};

/* doc_span_texts(docs, kind) -> (data, offsets): the text of every paragraph
 * (kind 0), sentence (1) or token (2) of the documents, in document order, as
 * one UTF-8 buffer and n+1 int64 offsets into it: the two buffers of an Arrow
 * large_string array, so a table's text column needs no str per row.  The
 * spans are copied from the Docs' UTF-8 with their byte rows (no conversion). */
static PyObject *S_span_texts(PyObject *module, PyObject *args)
{
    PyObject *seq, *fast = NULL, *data = NULL, *offs = NULL, *res = NULL;
    int kind;
    Py_ssize_t nd, i;
    size_t nrows = 0, nbytes = 0, j, r = 0;
    int64_t *o;
    char *p;
    pcpy_docview v;

    if (!PyArg_ParseTuple(args, "Oi:doc_span_texts", &seq, &kind))
        return NULL;
    if (kind < 0 || kind > 2) {
        PyErr_SetString(PyExc_ValueError, "kind must be 0 (paragraphs), 1 (sentences) or 2 (tokens)");
        return NULL;
    }
    if (!(fast = PySequence_Fast(seq, "docs must be a sequence of Doc")))
        return NULL;
    nd = PySequence_Fast_GET_SIZE(fast);
    for (i = 0; i < nd; i++) { /* sizes first: one allocation per buffer */
        size_t n;
        if (pcpy_doc_view(module, PySequence_Fast_GET_ITEM(fast, i), &v) < 0)
            goto done;
        n = kind == 0 ? v.npara : kind == 1 ? v.nsent : v.ntok;
        for (j = 0; j < n; j++) {
            uint32_t a = kind == 0 ? v.paras[j].start : kind == 1 ? v.sents[j].start : v.toks[j].start;
            uint32_t b = kind == 0 ? v.paras[j].end : kind == 1 ? v.sents[j].end : v.toks[j].end;
            if (a > b || b > v.len) {
                PyErr_SetString(PyExc_ValueError, "a span outside its document's text");
                goto done;
            }
            nbytes += b - a;
        }
        nrows += n;
    }
    if (nrows >= (size_t)PY_SSIZE_T_MAX / sizeof(int64_t) - 1 || nbytes > (size_t)PY_SSIZE_T_MAX) {
        PyErr_NoMemory();
        goto done;
    }
    if (!(data = PyBytes_FromStringAndSize(NULL, (Py_ssize_t)nbytes)) ||
        !(offs = PyBytes_FromStringAndSize(NULL, (Py_ssize_t)((nrows + 1) * sizeof(int64_t)))))
        goto done;
    p = PyBytes_AS_STRING(data);
    o = (int64_t *)(void *)PyBytes_AS_STRING(offs);
    o[0] = 0;
    nbytes = 0;
    for (i = 0; i < nd; i++) {
        size_t n;
        if (pcpy_doc_view(module, PySequence_Fast_GET_ITEM(fast, i), &v) < 0)
            goto done;
        n = kind == 0 ? v.npara : kind == 1 ? v.nsent : v.ntok;
        for (j = 0; j < n; j++, r++) {
            uint32_t a = kind == 0 ? v.paras[j].start : kind == 1 ? v.sents[j].start : v.toks[j].start;
            uint32_t b = kind == 0 ? v.paras[j].end : kind == 1 ? v.sents[j].end : v.toks[j].end;
            memcpy(p + nbytes, v.text + a, b - a);
            nbytes += b - a;
            o[r + 1] = (int64_t)nbytes;
        }
    }
    res = PyTuple_Pack(2, data, offs);
done:
    Py_XDECREF(fast);
    Py_XDECREF(data);
    Py_XDECREF(offs);
    return res;
}

static PyMethodDef S_module_methods[] = {
    {"doc_from_codepoints", (PyCFunction)(void (*)(void))S_doc_from_codepoints, METH_VARARGS | METH_KEYWORDS,
     "doc_from_codepoints(text, paragraphs, sentences, tokens, ...) -> Doc: as Doc(), with the rows in str "
     "offsets (tokens made outside peacecorpus), turned into byte offsets once."},
    {"doc_span_texts", S_span_texts, METH_VARARGS,
     "doc_span_texts(docs, kind) -> (bytes, bytes): the UTF-8 of every paragraph (0), sentence (1) or token (2) "
     "of the docs, concatenated, and n+1 int64 offsets into it (an Arrow large_string array's buffers)."},
    {NULL, NULL, 0, NULL},
};

static PyType_Slot S_slots[] = {
    {Py_tp_doc, "Doc(text, paragraphs, sentences, tokens, removed=(), meta=None, repairs=None, is_html=False)\n--\n\n"
                "One parsed document: the cleaned text and the engine's rows (byte offsets given, str offsets "
                "handed out).  Made by _core.parse; the store rebuilds one from its rows."},
    {Py_tp_new, S_new},
    {Py_tp_dealloc, S_dealloc},
    {Py_tp_repr, S_repr},
    {Py_tp_getset, S_getset},
    {Py_tp_methods, S_doc_methods},
    {0, NULL},
};

static PyType_Spec S_spec = {
    .name = "peacecorpus._core.Doc",
    .basicsize = sizeof(pcpy_doc),
    .flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_IMMUTABLETYPE,
    .slots = S_slots,
};

static PyStructSequence_Field S_removed_fields[] = {
    {"reason", "why it was taken out (teaser, caption, html_chrome ...)"},
    {"text", "the text taken out"},
    {"position", "str offset in the document text where it was"},
    {"line", "1-based line of the input (of the extracted text for HTML)"},
    {NULL, NULL},
};

static PyStructSequence_Desc S_removed_desc = {
    "peacecorpus._core.Removed", "A line of boilerplate taken out of the text.", S_removed_fields, 4,
};

int pcpy_init_doc(PyObject *m)
{
    pcpy_state *st = pcpy_get_state(m);
    st->DocType = (PyTypeObject *)PyType_FromModuleAndSpec(m, &S_spec, NULL);
    if (!st->DocType || PyModule_AddObjectRef(m, "Doc", (PyObject *)st->DocType) < 0)
        return -1;
    st->RemovedType = PyStructSequence_NewType(&S_removed_desc);
    if (!st->RemovedType || PyModule_AddObjectRef(m, "Removed", (PyObject *)st->RemovedType) < 0)
        return -1;
    return PyModule_AddFunctions(m, S_module_methods);
}
