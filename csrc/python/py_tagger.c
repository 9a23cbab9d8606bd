/* py_tagger.c - _core.Tagger, binding of the averaged-perceptron tagger (pc_tagger.h).
 *
 * Spans arrive as Python code-point offsets and are turned into byte offsets
 * here.  tag_many() copies every input into buffers it owns, then tags with
 * the GIL released: a finalized model is immutable, so concurrent callers
 * need no lock.  Training calls keep the GIL (they mutate the trainer). */
#include "pcpy.h"

#include "pc_tagger.h"

typedef struct {
    PyObject_HEAD
    pc_tagger *t;
} S_Tagger;

/* One sentence converted for the engine; all buffers owned (PyMem_Raw*). */
typedef struct {
    char *text;
    size_t len;
    pc_span *spans;
    int32_t *ext;
    size_t n;
} S_sent;

static void S_sent_clear(S_sent *s)
{
    PyMem_RawFree(s->text);
    PyMem_RawFree(s->spans);
    PyMem_RawFree(s->ext);
    memset(s, 0, sizeof *s);
}

/* Fill `s` from (text, spans, ext).  Returns 0, or -1 with an exception. */
static int S_convert(PyObject *text, PyObject *spans, PyObject *ext, S_sent *s)
{
    const char *utf8;
    Py_ssize_t blen, cplen, i, n;
    size_t *cp2b = NULL;
    PyObject *seq = NULL, *eseq = NULL;

    memset(s, 0, sizeof *s);
    if (!PyUnicode_Check(text)) {
        PyErr_SetString(PyExc_TypeError, "text must be str");
        return -1;
    }
    utf8 = PyUnicode_AsUTF8AndSize(text, &blen);
    if (!utf8)
        return -1;
    cplen = PyUnicode_GET_LENGTH(text);
    if (!PyUnicode_IS_ASCII(text)) {
        Py_ssize_t k = 0, b;
        cp2b = (size_t *)PyMem_RawMalloc(((size_t)cplen + 1) * sizeof(size_t));
        if (!cp2b) {
            PyErr_NoMemory();
            goto error;
        }
        for (b = 0; b < blen; b++)
            if (((unsigned char)utf8[b] & 0xC0) != 0x80 && k <= cplen)
                cp2b[k++] = (size_t)b;
        cp2b[cplen] = (size_t)blen;
    }
    seq = PySequence_Fast(spans, "spans must be a sequence of (start, end) pairs");
    if (!seq)
        goto error;
    if (blen > (Py_ssize_t)UINT32_MAX) {
        PyErr_SetString(PyExc_ValueError, "sentence text too long");
        goto error;
    }
    n = PySequence_Fast_GET_SIZE(seq);
    s->len = (size_t)blen;
    s->n = (size_t)n;
    s->text = (char *)PyMem_RawMalloc((size_t)blen + 1);
    s->spans = (pc_span *)PyMem_RawMalloc(((size_t)n + 1) * sizeof(pc_span));
    if (!s->text || !s->spans) {
        PyErr_NoMemory();
        goto error;
    }
    memcpy(s->text, utf8, (size_t)blen);
    s->text[blen] = '\0';
    for (i = 0; i < n; i++) {
        PyObject *pair = PySequence_Fast_GET_ITEM(seq, i);
        Py_ssize_t a, b;
        if (PyTuple_Check(pair) && PyTuple_GET_SIZE(pair) == 2) {
            a = PyLong_AsSsize_t(PyTuple_GET_ITEM(pair, 0));
            if (a == -1 && PyErr_Occurred())
                goto error;
            b = PyLong_AsSsize_t(PyTuple_GET_ITEM(pair, 1));
            if (b == -1 && PyErr_Occurred())
                goto error;
        } else if (!pcpy_parse_item(pair, "each span", "nn;each span must be a (start, end) tuple", &a, &b)) {
            goto error;
        }
        if (a < 0 || b < a || b > cplen) {
            PyErr_Format(PyExc_ValueError, "span %zd (%zd, %zd) is outside the text (length %zd)", i,
                         a, b, cplen);
            goto error;
        }
        s->spans[i].start = (uint32_t)(cp2b ? cp2b[a] : (size_t)a);
        s->spans[i].end = (uint32_t)(cp2b ? cp2b[b] : (size_t)b);
    }
    if (ext && ext != Py_None) {
        eseq = PySequence_Fast(ext, "ext must be a sequence of int");
        if (!eseq)
            goto error;
        if (PySequence_Fast_GET_SIZE(eseq) != n) {
            PyErr_SetString(PyExc_ValueError, "ext must have one value per span");
            goto error;
        }
        s->ext = (int32_t *)PyMem_RawMalloc(((size_t)n + 1) * sizeof(int32_t));
        if (!s->ext) {
            PyErr_NoMemory();
            goto error;
        }
        for (i = 0; i < n; i++) {
            long v = PyLong_AsLong(PySequence_Fast_GET_ITEM(eseq, i));
            if (v == -1 && PyErr_Occurred())
                goto error;
            if (v < INT32_MIN || v > INT32_MAX) {
                PyErr_SetString(PyExc_OverflowError, "ext value out of int32 range");
                goto error;
            }
            s->ext[i] = (int32_t)v;
        }
    }
    PyMem_RawFree(cp2b);
    Py_DECREF(seq);
    Py_XDECREF(eseq);
    return 0;
error:
    PyMem_RawFree(cp2b);
    Py_XDECREF(seq);
    Py_XDECREF(eseq);
    S_sent_clear(s);
    return -1;
}

static PyObject *S_labels_list(const uint8_t *lab, size_t n)
{
    PyObject *out = PyList_New((Py_ssize_t)n);
    size_t i;
    if (!out)
        return NULL;
    for (i = 0; i < n; i++) {
        PyObject *v = PyLong_FromLong(lab[i]);
        if (!v) {
            Py_DECREF(out);
            return NULL;
        }
        PyList_SET_ITEM(out, (Py_ssize_t)i, v);
    }
    return out;
}

static PyObject *S_wrap(PyTypeObject *tp, pc_tagger *t)
{
    S_Tagger *self = (S_Tagger *)tp->tp_alloc(tp, 0);
    if (!self) {
        pc_tagger_free(t);
        return NULL;
    }
    self->t = t;
    return (PyObject *)self;
}

static PyObject *S_new(PyTypeObject *tp, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"n_buckets", "word_dropout", "seed", NULL};
    Py_ssize_t nb = (Py_ssize_t)1 << 18;
    double drop = 0.0;
    unsigned long long seed = 0;
    unsigned log2 = 0;
    pc_tagger *t = NULL;
    int rc;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "|ndK:Tagger", kwlist, &nb, &drop, &seed))
        return NULL;
    if (!(drop >= 0.0 && drop <= 1.0)) {
        PyErr_SetString(PyExc_ValueError, "word_dropout must be in [0, 1]");
        return NULL;
    }
    if (nb <= 0 || (nb & (nb - 1)) != 0) {
        PyErr_SetString(PyExc_ValueError, "n_buckets must be a power of two");
        return NULL;
    }
    while (((Py_ssize_t)1 << log2) < nb)
        log2++;
    rc = pc_tagger_new(pcpy_mem(), log2, &t);
    if (rc == PC_OK)
        rc = pc_tagger_set_dropout(t, (unsigned)(drop * 1000.0 + 0.5), (uint64_t)seed);
    if (rc != PC_OK) {
        pc_tagger_free(t);
        return pcpy_raise(PyType_GetModule(tp), rc, "Tagger");
    }
    return S_wrap(tp, t);
}

static void S_dealloc(PyObject *op)
{
    S_Tagger *self = (S_Tagger *)op;
    PyTypeObject *tp = Py_TYPE(op);
    pc_tagger_free(self->t);
    self->t = NULL;
    tp->tp_free(op);
    Py_DECREF(tp);
}

static PyObject *S_module_of(PyObject *self) { return PyType_GetModule(Py_TYPE(self)); }

static PyObject *S_load(PyObject *cls, PyObject *arg)
{
    Py_buffer view;
    pc_tagger *t = NULL;
    int rc;
    if (PyObject_GetBuffer(arg, &view, PyBUF_SIMPLE) < 0)
        return NULL;
    rc = pc_tagger_load(pcpy_mem(), (const uint8_t *)view.buf, (size_t)view.len, &t);
    PyBuffer_Release(&view);
    if (rc != PC_OK)
        return pcpy_raise(PyType_GetModule((PyTypeObject *)cls), rc, "Tagger.load");
    return S_wrap((PyTypeObject *)cls, t);
}

static PyObject *S_train_sentence(PyObject *op, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"text", "spans", "labels", "ext", NULL};
    S_Tagger *self = (S_Tagger *)op;
    PyObject *text, *spans, *labels, *ext = Py_None, *lseq = NULL;
    S_sent s;
    uint8_t *gold = NULL;
    size_t ok = 0, i;
    int rc;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "OOO|O:train_sentence", kwlist, &text, &spans,
                                     &labels, &ext))
        return NULL;
    if (pc_tagger_is_final(self->t)) {
        PyErr_SetString(PyExc_ValueError, "train_sentence: the model is finalized");
        return NULL;
    }
    if (S_convert(text, spans, ext, &s) < 0)
        return NULL;
    lseq = PySequence_Fast(labels, "labels must be a sequence of int");
    if (!lseq)
        goto error;
    if ((size_t)PySequence_Fast_GET_SIZE(lseq) != s.n) {
        PyErr_SetString(PyExc_ValueError, "labels must have one value per span");
        goto error;
    }
    gold = (uint8_t *)PyMem_RawMalloc(s.n + 1);
    if (!gold) {
        PyErr_NoMemory();
        goto error;
    }
    for (i = 0; i < s.n; i++) {
        long v = PyLong_AsLong(PySequence_Fast_GET_ITEM(lseq, (Py_ssize_t)i));
        if (v == -1 && PyErr_Occurred())
            goto error;
        if (v < 0 || v >= PC_TAGGER_NLABELS) {
            PyErr_Format(PyExc_ValueError, "label %ld out of range [0, %d)", v, PC_TAGGER_NLABELS);
            goto error;
        }
        gold[i] = (uint8_t)v;
    }
    rc = pc_tagger_train_sentence(self->t, s.text, s.len, s.spans, s.n, s.ext, gold, &ok);
    if (rc != PC_OK) {
        pcpy_raise(S_module_of(op), rc, "train_sentence");
        goto error;
    }
    PyMem_RawFree(gold);
    Py_DECREF(lseq);
    S_sent_clear(&s);
    return PyLong_FromSize_t(ok);
error:
    PyMem_RawFree(gold);
    Py_XDECREF(lseq);
    S_sent_clear(&s);
    return NULL;
}

static PyObject *S_finalize(PyObject *op, PyObject *unused)
{
    S_Tagger *self = (S_Tagger *)op;
    int rc = pc_tagger_finalize(self->t);
    if (rc != PC_OK)
        return pcpy_raise(S_module_of(op), rc, "finalize");
    Py_RETURN_NONE;
}

static PyObject *S_averaged(PyObject *op, PyObject *unused)
{
    S_Tagger *self = (S_Tagger *)op;
    pc_tagger *m = NULL;
    int rc;
    if (pc_tagger_is_final(self->t)) {
        PyErr_SetString(PyExc_ValueError, "averaged: the model is already finalized");
        return NULL;
    }
    rc = pc_tagger_averaged(self->t, pcpy_mem(), &m);
    if (rc != PC_OK)
        return pcpy_raise(S_module_of(op), rc, "averaged");
    return S_wrap(Py_TYPE(op), m);
}

static PyObject *S_save(PyObject *op, PyObject *unused)
{
    S_Tagger *self = (S_Tagger *)op;
    uint8_t *blob = NULL;
    size_t len = 0;
    PyObject *out;
    int rc;
    if (!pc_tagger_is_final(self->t)) {
        PyErr_SetString(PyExc_ValueError, "save: call finalize() first");
        return NULL;
    }
    rc = pc_tagger_save(self->t, pcpy_mem(), &blob, &len);
    if (rc != PC_OK)
        return pcpy_raise(S_module_of(op), rc, "save");
    out = PyBytes_FromStringAndSize((const char *)blob, (Py_ssize_t)len);
    pcpy_mem()->free(NULL, blob);
    return out;
}

static int S_need_final(S_Tagger *self, const char *what)
{
    if (!pc_tagger_is_final(self->t)) {
        PyErr_Format(PyExc_ValueError, "%s: the model is not finalized (call finalize() or averaged())",
                     what);
        return -1;
    }
    return 0;
}

static PyObject *S_tag(PyObject *op, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"text", "spans", "ext", NULL};
    S_Tagger *self = (S_Tagger *)op;
    PyObject *text, *spans, *ext = Py_None, *out = NULL;
    S_sent s;
    uint8_t *lab = NULL;
    int rc;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "OO|O:tag", kwlist, &text, &spans, &ext))
        return NULL;
    if (S_need_final(self, "tag") < 0 || S_convert(text, spans, ext, &s) < 0)
        return NULL;
    lab = (uint8_t *)PyMem_RawMalloc(s.n + 1);
    if (!lab) {
        PyErr_NoMemory();
        goto done;
    }
    if (s.len > PCPY_NOGIL_BYTES) {
        Py_BEGIN_ALLOW_THREADS
        rc = pc_tagger_tag(self->t, s.text, s.len, s.spans, s.n, s.ext, lab, pcpy_mem());
        Py_END_ALLOW_THREADS
    } else {
        rc = pc_tagger_tag(self->t, s.text, s.len, s.spans, s.n, s.ext, lab, pcpy_mem());
    }
    if (rc != PC_OK) {
        pcpy_raise(S_module_of(op), rc, "tag");
        goto done;
    }
    out = S_labels_list(lab, s.n);
done:
    PyMem_RawFree(lab);
    S_sent_clear(&s);
    return out;
}

static PyObject *S_tag_many(PyObject *op, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"texts", "spans", "ext", NULL};
    S_Tagger *self = (S_Tagger *)op;
    PyObject *texts, *spans, *ext = Py_None, *tseq = NULL, *sseq = NULL, *eseq = NULL;
    PyObject *out = NULL;
    S_sent *ss = NULL;
    uint8_t **labs = NULL;
    Py_ssize_t n = 0, i, done_conv = 0;
    size_t total = 0;
    int rc = PC_OK;

    if (!PyArg_ParseTupleAndKeywords(args, kw, "OO|O:tag_many", kwlist, &texts, &spans, &ext))
        return NULL;
    if (S_need_final(self, "tag_many") < 0)
        return NULL;
    tseq = PySequence_Fast(texts, "texts must be a sequence of str");
    if (!tseq)
        goto error;
    sseq = PySequence_Fast(spans, "spans must be a sequence of span lists");
    if (!sseq)
        goto error;
    n = PySequence_Fast_GET_SIZE(tseq);
    if (PySequence_Fast_GET_SIZE(sseq) != n) {
        PyErr_SetString(PyExc_ValueError, "texts and spans must have the same length");
        goto error;
    }
    if (ext != Py_None) {
        eseq = PySequence_Fast(ext, "ext must be a sequence of int lists (or None)");
        if (!eseq)
            goto error;
        if (PySequence_Fast_GET_SIZE(eseq) != n) {
            PyErr_SetString(PyExc_ValueError, "texts and ext must have the same length");
            goto error;
        }
    }
    ss = (S_sent *)PyMem_RawCalloc((size_t)n + 1, sizeof(S_sent));
    labs = (uint8_t **)PyMem_RawCalloc((size_t)n + 1, sizeof(uint8_t *));
    if (!ss || !labs) {
        PyErr_NoMemory();
        goto error;
    }
    for (i = 0; i < n; i++) {
        if (S_convert(PySequence_Fast_GET_ITEM(tseq, i), PySequence_Fast_GET_ITEM(sseq, i),
                      eseq ? PySequence_Fast_GET_ITEM(eseq, i) : Py_None, &ss[i]) < 0)
            goto error;
        done_conv = i + 1;
        labs[i] = (uint8_t *)PyMem_RawMalloc(ss[i].n + 1);
        if (!labs[i]) {
            PyErr_NoMemory();
            goto error;
        }
        total += ss[i].len;
    }
    if (total > PCPY_NOGIL_BYTES) {
        Py_BEGIN_ALLOW_THREADS
        for (i = 0; i < n && rc == PC_OK; i++)
            rc = pc_tagger_tag(self->t, ss[i].text, ss[i].len, ss[i].spans, ss[i].n, ss[i].ext,
                               labs[i], pcpy_mem());
        Py_END_ALLOW_THREADS
    } else {
        for (i = 0; i < n && rc == PC_OK; i++)
            rc = pc_tagger_tag(self->t, ss[i].text, ss[i].len, ss[i].spans, ss[i].n, ss[i].ext,
                               labs[i], pcpy_mem());
    }
    if (rc != PC_OK) {
        pcpy_raise(S_module_of(op), rc, "tag_many");
        goto error;
    }
    out = PyList_New(n);
    if (!out)
        goto error;
    for (i = 0; i < n; i++) {
        PyObject *l = S_labels_list(labs[i], ss[i].n);
        if (!l) {
            Py_CLEAR(out);
            goto error;
        }
        PyList_SET_ITEM(out, i, l);
    }
error:
    if (ss)
        for (i = 0; i < done_conv; i++)
            S_sent_clear(&ss[i]);
    if (labs)
        for (i = 0; i < n; i++)
            PyMem_RawFree(labs[i]);
    PyMem_RawFree(ss);
    PyMem_RawFree(labs);
    Py_XDECREF(tseq);
    Py_XDECREF(sseq);
    Py_XDECREF(eseq);
    return out;
}

/* Append n bytes to a PyMem_Raw buffer; -1 with MemoryError. */
static int S_append(char **buf, size_t *len, size_t *cap, const char *src, size_t n)
{
    if (pc_grow(pcpy_mem(), (void **)buf, cap, *len + n + 1, 1) != PC_OK) {
        PyErr_NoMemory();
        return -1;
    }
    memcpy(*buf + *len, src, n);
    *len += n;
    return 0;
}

/* tag_tokens(sentences, ext=None, as_str=False): sentences are lists of token
 * strings, joined here with single spaces (as peacecorpus.ner.join_tokens
 * does) so that no per-token tuple is built in Python. */
static PyObject *S_tag_tokens(PyObject *op, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"sentences", "ext", "as_str", NULL};
    S_Tagger *self = (S_Tagger *)op;
    PyObject *sents, *ext = Py_None, *sseq = NULL, *eseq = NULL, *out = NULL, *names = NULL;
    int as_str = 0, rc = PC_OK;
    char *buf = NULL;
    size_t blen = 0, bcap = 0, ntok = 0, scap = 0, ecap = 0, i;
    pc_span *sp = NULL;
    int32_t *ex = NULL;
    size_t *meta = NULL; /* per sentence: byte offset, byte length, first token, n tokens */
    uint8_t *lab = NULL;
    Py_ssize_t n = 0, k;

    if (!PyArg_ParseTupleAndKeywords(args, kw, "O|Op:tag_tokens", kwlist, &sents, &ext, &as_str))
        return NULL;
    if (S_need_final(self, "tag_tokens") < 0)
        return NULL;
    sseq = PySequence_Fast(sents, "sentences must be a sequence of token lists");
    if (!sseq)
        goto error;
    n = PySequence_Fast_GET_SIZE(sseq);
    if (ext != Py_None) {
        eseq = PySequence_Fast(ext, "ext must be a sequence of int lists (or None)");
        if (!eseq)
            goto error;
        if (PySequence_Fast_GET_SIZE(eseq) != n) {
            PyErr_SetString(PyExc_ValueError, "sentences and ext must have the same length");
            goto error;
        }
    }
    meta = (size_t *)PyMem_RawCalloc((size_t)n + 1, 4 * sizeof(size_t));
    if (!meta) {
        PyErr_NoMemory();
        goto error;
    }
    for (k = 0; k < n; k++) {
        PyObject *toks = PySequence_Fast(PySequence_Fast_GET_ITEM(sseq, k), "each sentence must be a sequence of str");
        PyObject *es = NULL;
        Py_ssize_t m, j;
        size_t start = blen;
        if (!toks)
            goto error;
        m = PySequence_Fast_GET_SIZE(toks);
        if (eseq) {
            es = PySequence_Fast(PySequence_Fast_GET_ITEM(eseq, k), "each ext must be a sequence of int");
            if (!es || PySequence_Fast_GET_SIZE(es) != m) {
                if (es)
                    PyErr_SetString(PyExc_ValueError, "ext must have one value per token");
                Py_DECREF(toks);
                Py_XDECREF(es);
                goto error;
            }
        }
        meta[4 * k] = start;
        meta[4 * k + 2] = ntok;
        meta[4 * k + 3] = (size_t)m;
        if (pc_grow(pcpy_mem(), (void **)&sp, &scap, ntok + (size_t)m + 1, sizeof(pc_span)) != PC_OK ||
            (eseq && pc_grow(pcpy_mem(), (void **)&ex, &ecap, ntok + (size_t)m + 1, sizeof(int32_t)) != PC_OK)) {
            PyErr_NoMemory();
            Py_DECREF(toks);
            Py_XDECREF(es);
            goto error;
        }
        for (j = 0; j < m; j++) {
            PyObject *tok = PySequence_Fast_GET_ITEM(toks, j);
            Py_ssize_t tl;
            const char *u;
            if (!PyUnicode_Check(tok)) {
                PyErr_SetString(PyExc_TypeError, "tokens must be str");
                u = NULL;
            } else {
                u = PyUnicode_AsUTF8AndSize(tok, &tl);
            }
            if (!u || (j > 0 && S_append(&buf, &blen, &bcap, " ", 1) < 0)) {
                Py_DECREF(toks);
                Py_XDECREF(es);
                goto error;
            }
            sp[ntok].start = (uint32_t)(blen - start);
            if (S_append(&buf, &blen, &bcap, u, (size_t)tl) < 0) {
                Py_DECREF(toks);
                Py_XDECREF(es);
                goto error;
            }
            sp[ntok].end = (uint32_t)(blen - start);
            if (es) {
                long v = PyLong_AsLong(PySequence_Fast_GET_ITEM(es, j));
                if ((v == -1 && PyErr_Occurred()) || v < INT32_MIN || v > INT32_MAX) {
                    if (!PyErr_Occurred())
                        PyErr_SetString(PyExc_OverflowError, "ext value out of int32 range");
                    Py_DECREF(toks);
                    Py_XDECREF(es);
                    goto error;
                }
                ex[ntok] = (int32_t)v;
            }
            ntok++;
        }
        Py_DECREF(toks);
        Py_XDECREF(es);
        meta[4 * k + 1] = blen - start;
        if (blen - start > UINT32_MAX) {
            PyErr_SetString(PyExc_ValueError, "sentence text too long");
            goto error;
        }
    }
    if (!buf && S_append(&buf, &blen, &bcap, "", 0) < 0)
        goto error;
    lab = (uint8_t *)PyMem_RawMalloc(ntok + 1);
    if (!lab) {
        PyErr_NoMemory();
        goto error;
    }
    if (blen > PCPY_NOGIL_BYTES) {
        Py_BEGIN_ALLOW_THREADS
        for (k = 0; k < n && rc == PC_OK; k++)
            rc = pc_tagger_tag(self->t, buf + meta[4 * k], meta[4 * k + 1], sp + meta[4 * k + 2],
                               meta[4 * k + 3], ex ? ex + meta[4 * k + 2] : NULL, lab + meta[4 * k + 2],
                               pcpy_mem());
        Py_END_ALLOW_THREADS
    } else {
        for (k = 0; k < n && rc == PC_OK; k++)
            rc = pc_tagger_tag(self->t, buf + meta[4 * k], meta[4 * k + 1], sp + meta[4 * k + 2],
                               meta[4 * k + 3], ex ? ex + meta[4 * k + 2] : NULL, lab + meta[4 * k + 2],
                               pcpy_mem());
    }
    if (rc != PC_OK) {
        pcpy_raise(S_module_of(op), rc, "tag_tokens");
        goto error;
    }
    if (as_str) {
        names = PyObject_GetAttrString(S_module_of(op), "TAGGER_LABELS");
        if (!names || !PyTuple_Check(names) || PyTuple_GET_SIZE(names) != PC_TAGGER_NLABELS) {
            if (!PyErr_Occurred())
                PyErr_SetString(PyExc_RuntimeError, "_core.TAGGER_LABELS is damaged");
            goto error;
        }
    }
    out = PyList_New(n);
    if (!out)
        goto error;
    for (k = 0; k < n; k++) {
        size_t first = meta[4 * k + 2], m = meta[4 * k + 3];
        PyObject *l;
        if (as_str) {
            l = PyList_New((Py_ssize_t)m);
            if (l)
                for (i = 0; i < m; i++) {
                    PyObject *v = PyTuple_GET_ITEM(names, lab[first + i]);
                    Py_INCREF(v);
                    PyList_SET_ITEM(l, (Py_ssize_t)i, v);
                }
        } else {
            l = S_labels_list(lab + first, m);
        }
        if (!l) {
            Py_CLEAR(out);
            goto error;
        }
        PyList_SET_ITEM(out, k, l);
    }
error:
    Py_XDECREF(names);
    Py_XDECREF(sseq);
    Py_XDECREF(eseq);
    PyMem_RawFree(buf);
    PyMem_RawFree(sp);
    PyMem_RawFree(ex);
    PyMem_RawFree(meta);
    PyMem_RawFree(lab);
    return out;
}

static PyObject *S_get_final(PyObject *op, void *closure)
{
    return PyBool_FromLong(pc_tagger_is_final(((S_Tagger *)op)->t));
}

static PyMethodDef S_tagger_methods[] = {
    {"load", S_load, METH_O | METH_CLASS,
     "Tagger.load(blob: bytes) -> Tagger: validate and load a saved model (ValueError if corrupt)."},
    {"train_sentence", (PyCFunction)(void (*)(void))S_train_sentence, METH_VARARGS | METH_KEYWORDS,
     "train_sentence(text, spans, labels, ext=None) -> int: one perceptron update; returns the "
     "number of tokens that were already right."},
    {"finalize", S_finalize, METH_NOARGS, "finalize(): average and quantize; the model becomes immutable."},
    {"averaged", S_averaged, METH_NOARGS,
     "averaged() -> Tagger: a finalized copy with the current averaged weights (training goes on)."},
    {"save", S_save, METH_NOARGS, "save() -> bytes: serialize a finalized model."},
    {"tag", (PyCFunction)(void (*)(void))S_tag, METH_VARARGS | METH_KEYWORDS,
     "tag(text, spans, ext=None) -> list[int]: label ids of one sentence's tokens; spans are "
     "(start, end) code-point offsets."},
    {"tag_many", (PyCFunction)(void (*)(void))S_tag_many, METH_VARARGS | METH_KEYWORDS,
     "tag_many(texts, spans, ext=None) -> list[list[int]]: tag many sentences with the GIL released."},
    {"tag_tokens", (PyCFunction)(void (*)(void))S_tag_tokens, METH_VARARGS | METH_KEYWORDS,
     "tag_tokens(sentences, ext=None, as_str=False) -> list[list[int | str]]: tag token lists "
     "(joined with single spaces) with the GIL released; as_str gives label names."},
    {NULL, NULL, 0, NULL},
};

static PyGetSetDef S_tagger_getset[] = {
    {"is_final", S_get_final, NULL, "True once finalized (taggable, immutable).", NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static PyType_Slot S_tagger_slots[] = {
    {Py_tp_new, (void *)S_new},
    {Py_tp_dealloc, (void *)S_dealloc},
    {Py_tp_methods, S_tagger_methods},
    {Py_tp_getset, S_tagger_getset},
    {Py_tp_doc, (void *)"Tagger(n_buckets=2**18, word_dropout=0.0, seed=0): averaged-perceptron BIO tagger (PER/ORG/LOC/MISC).\n\n"
                        "A new Tagger is a trainer; Tagger.load(blob) gives a finalized model."},
    {0, NULL},
};

static PyType_Spec S_tagger_spec = {
    .name = "peacecorpus._core.Tagger",
    .basicsize = sizeof(S_Tagger),
#ifdef Py_TPFLAGS_IMMUTABLETYPE
    .flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_IMMUTABLETYPE,
#else
    .flags = Py_TPFLAGS_DEFAULT,
#endif
    .slots = S_tagger_slots,
};

int pcpy_init_tagger(PyObject *m)
{
    PyObject *tp, *names;
    int i;
    tp = PyType_FromModuleAndSpec(m, &S_tagger_spec, NULL);
    if (!tp)
        return -1;
    names = PyTuple_New(PC_TAGGER_NLABELS);
    if (!names)
        goto error;
    for (i = 0; i < PC_TAGGER_NLABELS; i++) {
        PyObject *s = PyUnicode_FromString(pc_tagger_label_name(i));
        if (!s) {
            Py_DECREF(names);
            goto error;
        }
        PyTuple_SET_ITEM(names, i, s);
    }
    if (PyModule_AddObject(m, "TAGGER_LABELS", names) < 0) {
        Py_DECREF(names);
        goto error;
    }
    if (PyModule_AddObjectRef(m, "Tagger", tp) < 0)
        goto error;
    Py_DECREF(tp);
    return 0;
error:
    Py_DECREF(tp);
    return -1;
}

const pc_tagger *pcpy_tagger_model(PyObject *obj)
{
    if (Py_TYPE(obj)->tp_dealloc != (destructor)S_dealloc) {
        PyErr_Format(PyExc_TypeError, "expected a _core.Tagger, not %.100s", Py_TYPE(obj)->tp_name);
        return NULL;
    }
    if (!((S_Tagger *)obj)->t || !pc_tagger_is_final(((S_Tagger *)obj)->t)) {
        PyErr_SetString(PyExc_ValueError, "the tagger is not a finalized model");
        return NULL;
    }
    return ((S_Tagger *)obj)->t;
}
