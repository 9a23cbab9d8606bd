/* py_similarity.c - bindings for pc_shingle, pc_minhash, pc_tfidf, pc_align.
 *
 * Texts arrive as a sequence of str.  The binding keeps a tuple of them for
 * the whole call (so their cached UTF-8 buffers stay alive) and releases the
 * GIL while the engine reads those buffers.  Results leave as bytes (numpy
 * reads them without copying) or lists of tuples.
 */
#include "pcpy.h"
#include "pc_align.h"
#include "pc_minhash.h"
#include "pc_shingle.h"
#include "pc_tfidf.h"
#include "pc_topk.h"

typedef struct {
    PyObject *tuple;
    const char **ptr;
    size_t *len;
    size_t n, total;
} S_texts;

static void S_texts_free(S_texts *t)
{
    Py_CLEAR(t->tuple);
    PyMem_Free((void *)t->ptr);
    PyMem_Free(t->len);
    t->ptr = NULL;
    t->len = NULL;
}

static int S_texts_get(PyObject *seq, S_texts *t)
{
    Py_ssize_t i, n;
    memset(t, 0, sizeof *t);
    if (PyUnicode_Check(seq) || PyBytes_Check(seq)) {
        PyErr_SetString(PyExc_TypeError, "texts must be a sequence of str, not a single string");
        return -1;
    }
    t->tuple = PySequence_Tuple(seq);
    if (!t->tuple)
        return -1;
    n = PyTuple_GET_SIZE(t->tuple);
    t->n = (size_t)n;
    t->ptr = PyMem_Calloc((size_t)n + 1, sizeof(char *));
    t->len = PyMem_Calloc((size_t)n + 1, sizeof(size_t));
    if (!t->ptr || !t->len) {
        PyErr_NoMemory();
        goto error;
    }
    for (i = 0; i < n; i++) {
        PyObject *s = PyTuple_GET_ITEM(t->tuple, i);
        Py_ssize_t len;
        if (!PyUnicode_Check(s)) {
            PyErr_Format(PyExc_TypeError, "texts[%zd] must be str, not %.100s", i, Py_TYPE(s)->tp_name);
            goto error;
        }
        t->ptr[i] = PyUnicode_AsUTF8AndSize(s, &len);
        if (!t->ptr[i])
            goto error;
        t->len[i] = (size_t)len;
        t->total += (size_t)len;
    }
    return 0;
error:
    S_texts_free(t);
    return -1;
}

static int S_check_ngram(int ngram)
{
    if (ngram < 1 || ngram > PC_SHINGLE_MAX_NGRAM) {
        PyErr_Format(PyExc_ValueError, "ngram must be in 1..%d", PC_SHINGLE_MAX_NGRAM);
        return -1;
    }
    return 0;
}

static int S_check_perm(Py_ssize_t num_perm)
{
    if (num_perm < 1 || num_perm > PC_MINHASH_MAX_PERM) {
        PyErr_Format(PyExc_ValueError, "num_perm must be in 1..%d", PC_MINHASH_MAX_PERM);
        return -1;
    }
    return 0;
}

/* tokens(text, seed=1) -> list[str]: folded words */
static PyObject *S_tokens(PyObject *module, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"text", "seed", NULL};
    const char *text;
    Py_ssize_t len;
    unsigned long long seed = 1;
    pc_tokens tok;
    PyObject *res = NULL;
    size_t i;
    int rc;

    if (!PyArg_ParseTupleAndKeywords(args, kw, "s#|K:sim_tokens", kwlist, &text, &len, &seed))
        return NULL;
    memset(&tok, 0, sizeof tok);
    rc = pc_words(pcpy_mem(), text, (size_t)len, seed, PC_WORDS_KEEP_FOLDED, &tok);
    if (rc) {
        pcpy_raise(module, rc, "tokens");
        goto done;
    }
    res = PyList_New((Py_ssize_t)tok.n);
    if (!res)
        goto done;
    for (i = 0; i < tok.n; i++) {
        PyObject *s = PyUnicode_FromString(tok.folded + tok.foff[i]);
        if (!s) {
            Py_CLEAR(res);
            goto done;
        }
        PyList_SET_ITEM(res, (Py_ssize_t)i, s);
    }
done:
    pc_tokens_free(pcpy_mem(), &tok);
    return res;
}

/* shingles(text, ngram=5, seed=1) -> bytes: sorted distinct uint64 shingle hashes */
static PyObject *S_shingles(PyObject *module, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"text", "ngram", "seed", NULL};
    const char *text;
    Py_ssize_t len;
    int ngram = 5;
    unsigned long long seed = 1;
    pc_tokens tok;
    uint64_t *sh = NULL;
    size_t nsh = 0, cap = 0;
    PyObject *res = NULL;
    int rc;

    if (!PyArg_ParseTupleAndKeywords(args, kw, "s#|iK:sim_shingles", kwlist, &text, &len, &ngram, &seed))
        return NULL;
    if (S_check_ngram(ngram) < 0)
        return NULL;
    memset(&tok, 0, sizeof tok);
    Py_BEGIN_ALLOW_THREADS
    rc = pc_words(pcpy_mem(), text, (size_t)len, seed, 0, &tok);
    if (!rc)
        rc = pc_shingles(pcpy_mem(), tok.hash, tok.n, (unsigned)ngram, seed, 1, &sh, &nsh, &cap);
    Py_END_ALLOW_THREADS
    if (rc)
        pcpy_raise(module, rc, "shingles");
    else
        res = PyBytes_FromStringAndSize((const char *)sh, (Py_ssize_t)(nsh * sizeof(uint64_t)));
    pc_tokens_free(pcpy_mem(), &tok);
    pcpy_mem()->free(NULL, sh);
    return res;
}

/* signatures(texts, num_perm=128, ngram=5, seed=1) -> (bytes uint32 [n*num_perm], bytes uint64 nshingles[n]) */
static PyObject *S_signatures(PyObject *module, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"texts", "num_perm", "ngram", "seed", NULL};
    PyObject *seq, *sigb = NULL, *nshb = NULL, *res = NULL;
    Py_ssize_t num_perm = 128;
    int ngram = 5, rc;
    unsigned long long seed = 1;
    S_texts t;
    pc_minhash mh;
    size_t *nsh;

    if (!PyArg_ParseTupleAndKeywords(args, kw, "O|niK:sim_signatures", kwlist, &seq, &num_perm, &ngram, &seed))
        return NULL;
    if (S_check_ngram(ngram) < 0 || S_check_perm(num_perm) < 0 || S_texts_get(seq, &t) < 0)
        return NULL;
    memset(&mh, 0, sizeof mh);
    if (t.n > (size_t)PY_SSIZE_T_MAX / 4 / (size_t)num_perm) {
        PyErr_NoMemory();
        goto done;
    }
    sigb = PyBytes_FromStringAndSize(NULL, (Py_ssize_t)(t.n * (size_t)num_perm * sizeof(uint32_t)));
    nshb = PyBytes_FromStringAndSize(NULL, (Py_ssize_t)(t.n * sizeof(size_t)));
    if (!sigb || !nshb)
        goto done;
    if ((rc = pc_minhash_init(pcpy_mem(), &mh, (size_t)num_perm, seed))) {
        pcpy_raise(module, rc, "signatures");
        goto done;
    }
    nsh = (size_t *)PyBytes_AS_STRING(nshb);
    if (t.total > PCPY_NOGIL_BYTES) {
        char *sig = PyBytes_AS_STRING(sigb);
        Py_BEGIN_ALLOW_THREADS
        rc = pc_minhash_batch(pcpy_mem(), &mh, t.ptr, t.len, t.n, (unsigned)ngram, seed, (uint32_t *)sig, nsh);
        Py_END_ALLOW_THREADS
    } else {
        rc = pc_minhash_batch(pcpy_mem(), &mh, t.ptr, t.len, t.n, (unsigned)ngram, seed,
                              (uint32_t *)PyBytes_AS_STRING(sigb), nsh);
    }
    if (rc) {
        pcpy_raise(module, rc, "signatures");
        goto done;
    }
    res = PyTuple_Pack(2, sigb, nshb);
done:
    Py_XDECREF(sigb);
    Py_XDECREF(nshb);
    pc_minhash_free(pcpy_mem(), &mh);
    S_texts_free(&t);
    return res;
}

/* lsh_params(threshold, num_perm, wfp=0.5, wfn=0.5) -> (bands, rows) */
static PyObject *S_lsh_params(PyObject *module, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"threshold", "num_perm", "wfp", "wfn", NULL};
    double thr, wfp = 0.5, wfn = 0.5;
    Py_ssize_t num_perm;
    size_t b, r;
    int rc;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "dn|dd:sim_lsh_params", kwlist, &thr, &num_perm, &wfp, &wfn))
        return NULL;
    if (S_check_perm(num_perm) < 0)
        return NULL;
    if ((rc = pc_lsh_params(thr, (size_t)num_perm, wfp, wfn, &b, &r)))
        return pcpy_raise(module, rc, "lsh_params");
    return Py_BuildValue("(nn)", (Py_ssize_t)b, (Py_ssize_t)r);
}

/* neardup(texts, threshold, num_perm, ngram, seed, bands, rows, min_exact, max_pairs)
 *   -> list[(a, b, jaccard_est, jaccard)] */
static PyObject *S_neardup(PyObject *module, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"texts", "threshold", "num_perm", "ngram", "seed",
                             "bands", "rows", "min_exact", "max_pairs", NULL};
    PyObject *seq, *res = NULL;
    double thr = 0.8, min_exact = -1;
    Py_ssize_t num_perm = 128, bands = 0, rows = 0, max_pairs = 0;
    int ngram = 5, rc;
    unsigned long long seed = 1;
    S_texts t;
    pc_dup_pair *pairs = NULL;
    size_t n = 0, i;

    if (!PyArg_ParseTupleAndKeywords(args, kw, "O|dniKnndn:sim_neardup", kwlist, &seq, &thr, &num_perm,
                                     &ngram, &seed, &bands, &rows, &min_exact, &max_pairs))
        return NULL;
    if (S_check_ngram(ngram) < 0 || S_check_perm(num_perm) < 0)
        return NULL;
    if (bands < 0 || rows < 0 || max_pairs < 0 || (bands == 0) != (rows == 0)) {
        PyErr_SetString(PyExc_ValueError, "bands and rows must both be 0 (automatic) or both positive");
        return NULL;
    }
    if (!(thr > 0 && thr <= 1)) {
        PyErr_SetString(PyExc_ValueError, "threshold must be in (0, 1]");
        return NULL;
    }
    if (S_texts_get(seq, &t) < 0)
        return NULL;
    if (min_exact < 0)
        min_exact = thr;
    Py_BEGIN_ALLOW_THREADS
    rc = pc_neardup(pcpy_mem(), t.ptr, t.len, t.n, (size_t)num_perm, (unsigned)ngram, seed, thr,
                    (size_t)bands, (size_t)rows, min_exact, (size_t)max_pairs, &pairs, &n);
    Py_END_ALLOW_THREADS
    if (rc) {
        pcpy_raise(module, rc, "near_duplicates");
        goto done;
    }
    res = PyList_New((Py_ssize_t)n);
    if (!res)
        goto done;
    for (i = 0; i < n; i++) {
        PyObject *tp = Py_BuildValue("(IIdd)", pairs[i].a, pairs[i].b, pairs[i].jaccard_est, pairs[i].jaccard);
        if (!tp) {
            Py_CLEAR(res);
            goto done;
        }
        PyList_SET_ITEM(res, (Py_ssize_t)i, tp);
    }
done:
    pcpy_mem()->free(NULL, pairs);
    S_texts_free(&t);
    return res;
}

/* (bytes uint32 a[n], bytes uint32 b[n], bytes float64 score[n]): numpy reads
 * them without copying, which matters for dense similarity output */
static PyObject *S_pairs_arrays(const pc_score_pair *p, size_t n)
{
    PyObject *ab = NULL, *bb = NULL, *sb = NULL, *res = NULL;
    size_t i;
    ab = PyBytes_FromStringAndSize(NULL, (Py_ssize_t)(n * sizeof(uint32_t)));
    bb = PyBytes_FromStringAndSize(NULL, (Py_ssize_t)(n * sizeof(uint32_t)));
    sb = PyBytes_FromStringAndSize(NULL, (Py_ssize_t)(n * sizeof(double)));
    if (ab && bb && sb) {
        uint32_t *pa = (uint32_t *)PyBytes_AS_STRING(ab), *pb = (uint32_t *)PyBytes_AS_STRING(bb);
        double *ps = (double *)PyBytes_AS_STRING(sb);
        for (i = 0; i < n; i++) {
            pa[i] = p[i].a;
            pb[i] = p[i].b;
            ps[i] = p[i].score;
        }
        res = PyTuple_Pack(3, ab, bb, sb);
    }
    Py_XDECREF(ab);
    Py_XDECREF(bb);
    Py_XDECREF(sb);
    return res;
}

/* Tokenize all texts into one contiguous hash array with offsets (no GIL needed). */
static int S_tokenize_all(const S_texts *t, uint64_t seed, uint64_t **toks, size_t **off)
{
    const pc_mem *mem = pcpy_mem();
    pc_tokens tok;
    size_t cap = 0, n = 0, d;
    int rc = PC_OK;

    memset(&tok, 0, sizeof tok);
    *toks = NULL;
    *off = (size_t *)mem->calloc(NULL, t->n + 1, sizeof(size_t));
    if (!*off)
        return PC_ENOMEM;
    for (d = 0; d < t->n; d++) {
        (*off)[d] = n;
        if ((rc = pc_words(mem, t->ptr[d], t->len[d], seed, 0, &tok)) ||
            (rc = pc_grow(mem, (void **)toks, &cap, n + tok.n, sizeof(uint64_t))))
            break;
        if (tok.n)
            memcpy(*toks + n, tok.hash, tok.n * sizeof(uint64_t));
        n += tok.n;
    }
    (*off)[t->n] = n;
    pc_tokens_free(mem, &tok);
    return rc;
}

/* tfidf_pairs(texts, min_score=0.0, sublinear=True, seed=1, max_pairs=0) -> (a, b, score) arrays */
static PyObject *S_tfidf_pairs(PyObject *module, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"texts", "min_score", "sublinear", "seed", "max_pairs", NULL};
    PyObject *seq, *res = NULL;
    double min_score = 0.0;
    int sublinear = 1, rc;
    unsigned long long seed = 1;
    Py_ssize_t max_pairs = 0;
    S_texts t;
    uint64_t *toks = NULL;
    size_t *off = NULL, n = 0;
    pc_tfidf m;
    pc_score_pair *pairs = NULL;

    if (!PyArg_ParseTupleAndKeywords(args, kw, "O|dpKn:sim_tfidf_pairs", kwlist, &seq, &min_score,
                                     &sublinear, &seed, &max_pairs))
        return NULL;
    if (max_pairs < 0) {
        PyErr_SetString(PyExc_ValueError, "max_pairs must be >= 0");
        return NULL;
    }
    if (S_texts_get(seq, &t) < 0)
        return NULL;
    memset(&m, 0, sizeof m);
    Py_BEGIN_ALLOW_THREADS
    rc = S_tokenize_all(&t, seed, &toks, &off);
    if (!rc)
        rc = pc_tfidf_build(pcpy_mem(), toks, off, t.n, sublinear, &m);
    if (!rc)
        rc = pc_tfidf_pairs(pcpy_mem(), &m, min_score, (size_t)max_pairs, &pairs, &n);
    if (!rc)
        rc = pc_score_pairs_sort(pcpy_mem(), pairs, n);
    Py_END_ALLOW_THREADS
    if (rc)
        pcpy_raise(module, rc, "tfidf similarity");
    else
        res = S_pairs_arrays(pairs, n);
    pcpy_mem()->free(NULL, toks);
    pcpy_mem()->free(NULL, off);
    pcpy_mem()->free(NULL, pairs);
    pc_tfidf_free(pcpy_mem(), &m);
    S_texts_free(&t);
    return res;
}

/* minhash_pairs(sig: bytes, ndocs, num_perm, min_score=0.0, skip: bytes|None) -> (a, b, score) arrays
 * all pairs of estimated Jaccard; skip[i] != 0 leaves document i out */
static PyObject *S_minhash_pairs(PyObject *module, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"sig", "ndocs", "num_perm", "min_score", "skip", NULL};
    Py_buffer sig, skip;
    Py_ssize_t ndocs, num_perm;
    double min_score = 0.0;
    PyObject *res = NULL;
    pc_score_pair *pairs = NULL;
    size_t n = 0, cap = 0, a, b;
    int rc = PC_OK;

    memset(&skip, 0, sizeof skip);
    if (!PyArg_ParseTupleAndKeywords(args, kw, "y*nn|dy*:sim_minhash_pairs", kwlist, &sig, &ndocs,
                                     &num_perm, &min_score, &skip))
        return NULL;
    if (S_check_perm(num_perm) < 0 || ndocs < 0 || ndocs > 0xFFFFFFFFLL ||
        (size_t)sig.len / sizeof(uint32_t) / (size_t)num_perm < (size_t)ndocs ||
        (skip.buf && skip.len < ndocs)) {
        if (!PyErr_Occurred())
            PyErr_SetString(PyExc_ValueError, "signature/skip buffers are smaller than ndocs x num_perm");
        goto done;
    }
    Py_BEGIN_ALLOW_THREADS
    for (a = 0; a < (size_t)ndocs && !rc; a++) {
        const uint32_t *sa = (const uint32_t *)sig.buf + a * (size_t)num_perm;
        if (skip.buf && ((const char *)skip.buf)[a])
            continue;
        for (b = a + 1; b < (size_t)ndocs; b++) {
            double s;
            if (skip.buf && ((const char *)skip.buf)[b])
                continue;
            s = pc_minhash_estimate(sa, (const uint32_t *)sig.buf + b * (size_t)num_perm, (size_t)num_perm);
            if (!(s > 0) || s < min_score)
                continue;
            if ((rc = pc_grow(pcpy_mem(), (void **)&pairs, &cap, n + 1, sizeof *pairs)))
                break;
            pairs[n].a = (uint32_t)a;
            pairs[n].b = (uint32_t)b;
            pairs[n].score = s;
            n++;
        }
    }
    if (!rc)
        rc = pc_score_pairs_sort(pcpy_mem(), pairs, n);
    Py_END_ALLOW_THREADS
    if (rc)
        pcpy_raise(module, rc, "minhash similarity");
    else
        res = S_pairs_arrays(pairs, n);
done:
    pcpy_mem()->free(NULL, pairs);
    PyBuffer_Release(&sig);
    if (skip.buf)
        PyBuffer_Release(&skip);
    return res;
}

/* reuse(texts, min_words=8, anchor=4, max_gap=20, seed=1, max_df=50)
 *   -> list[(a, b, a_start, a_end, b_start, b_end, words, identity)], code-point offsets */
static PyObject *S_reuse(PyObject *module, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"texts", "min_words", "anchor", "max_gap", "seed", "max_df", "max_partners", NULL};
    PyObject *seq, *res = NULL;
    Py_ssize_t min_words = 8, max_gap = 20, max_df = 50, max_partners = 5;
    int anchor = 4, rc;
    unsigned long long seed = 1;
    S_texts t;
    pc_align_params prm;
    pc_passage *ps = NULL;
    size_t n = 0, i;

    if (!PyArg_ParseTupleAndKeywords(args, kw, "O|ninKnn:sim_reuse", kwlist, &seq, &min_words, &anchor,
                                     &max_gap, &seed, &max_df, &max_partners))
        return NULL;
    if (min_words < 1 || max_gap < 0 || max_df < 0 || max_partners < 0 || S_check_ngram(anchor) < 0) {
        if (!PyErr_Occurred())
            PyErr_SetString(PyExc_ValueError, "min_words must be >= 1, max_gap, max_df and max_partners >= 0");
        return NULL;
    }
    if (S_texts_get(seq, &t) < 0)
        return NULL;
    pc_align_defaults(&prm);
    prm.anchor = (unsigned)anchor;
    prm.min_words = (size_t)min_words;
    prm.max_gap = (size_t)max_gap;
    prm.max_df = (size_t)max_df;
    prm.max_partners = (size_t)max_partners;
    prm.seed = seed;
    Py_BEGIN_ALLOW_THREADS
    rc = pc_reuse(pcpy_mem(), t.ptr, t.len, t.n, &prm, &ps, &n);
    Py_END_ALLOW_THREADS
    if (rc) {
        pcpy_raise(module, rc, "reuse");
        goto done;
    }
    res = PyList_New((Py_ssize_t)n);
    if (!res)
        goto done;
    for (i = 0; i < n; i++) {
        PyObject *tp = Py_BuildValue("(IInnnnnd)", ps[i].a, ps[i].b, (Py_ssize_t)ps[i].a_start,
                                     (Py_ssize_t)ps[i].a_end, (Py_ssize_t)ps[i].b_start,
                                     (Py_ssize_t)ps[i].b_end, (Py_ssize_t)ps[i].words, ps[i].identity);
        if (!tp) {
            Py_CLEAR(res);
            goto done;
        }
        PyList_SET_ITEM(res, (Py_ssize_t)i, tp);
    }
done:
    pcpy_mem()->free(NULL, ps);
    S_texts_free(&t);
    return res;
}


/* -- top-k neighbours and blocks of exact scores (pc_topk) ------------------------------------ */

/* Rows for pc_topk: texts (sequence of str) tokenized here, or a pair
 * (tokens, offsets) of uint64 buffers -- document d is tokens[offsets[d] ..
 * offsets[d+1]) -- for terms the caller hashed itself (canonical entities). */
typedef struct {
    S_texts t;         /* texts, when given */
    Py_buffer tok, off;
    size_t *offs;      /* the offsets, copied and checked with the GIL held: the
                        * rows are built without it, when another thread could
                        * change a mutable buffer (issue #21, fuzz_binding) */
    int has_bufs;
} S_source;

static void S_source_free(S_source *s)
{
    S_texts_free(&s->t);
    if (s->has_bufs) {
        PyBuffer_Release(&s->tok);
        PyBuffer_Release(&s->off);
        s->has_bufs = 0;
    }
    PyMem_RawFree(s->offs);
    s->offs = NULL;
}

static int S_source_get(PyObject *src, S_source *s)
{
    size_t nd, d;
    const uint64_t *o;
    size_t *off;
    memset(s, 0, sizeof *s);
    if (!PyTuple_Check(src))
        return S_texts_get(src, &s->t);
    if (PyTuple_GET_SIZE(src) != 2) {
        PyErr_SetString(PyExc_TypeError, "rows must be texts or a (tokens, offsets) pair of uint64 buffers");
        return -1;
    }
    if (PyObject_GetBuffer(PyTuple_GET_ITEM(src, 0), &s->tok, PyBUF_SIMPLE) < 0)
        return -1;
    if (PyObject_GetBuffer(PyTuple_GET_ITEM(src, 1), &s->off, PyBUF_SIMPLE) < 0) {
        PyBuffer_Release(&s->tok);
        return -1;
    }
    s->has_bufs = 1;
    if (s->tok.len % 8 || s->off.len % 8 || s->off.len < 8) {
        PyErr_SetString(PyExc_ValueError, "tokens and offsets must be uint64 buffers, offsets of length ndocs + 1");
        goto error;
    }
    nd = (size_t)s->off.len / 8 - 1;
    o = (const uint64_t *)s->off.buf;
    if (!(off = s->offs = (size_t *)PyMem_RawMalloc((nd + 1) * sizeof(size_t)))) {
        PyErr_NoMemory();
        goto error;
    }
    for (d = 0; d <= nd; d++)
        off[d] = (size_t)o[d];
    if (off[0] != 0 || off[nd] != (uint64_t)s->tok.len / 8) {
        PyErr_SetString(PyExc_ValueError, "offsets must start at 0 and end at the number of tokens");
        goto error;
    }
    for (d = 0; d < nd; d++)
        if (off[d] > off[d + 1]) {
            PyErr_SetString(PyExc_ValueError, "offsets must be non-decreasing");
            goto error;
        }
    s->t.n = nd;
    return 0;
error:
    S_source_free(s);
    return -1;
}

/* Build the rows (no GIL needed).  minhash: binary rows of the distinct word
 * ngram shingles, for the candidate search; sig receives the signatures. */
static int S_source_rows(const S_source *s, int flags, uint64_t seed, unsigned ngram, pc_tfidf *m)
{
    const pc_mem *mem = pcpy_mem();
    uint64_t *toks = NULL, *sh = NULL;
    size_t *off = NULL, d, n = 0, cap = 0, shcap = 0, nsh;
    pc_tokens tok;
    int rc = PC_OK;

    memset(&tok, 0, sizeof tok);
    if (s->has_bufs) /* the checked copy of the offsets, never the caller's buffer */
        return pc_tfidf_build(mem, (const uint64_t *)s->tok.buf, s->offs, s->t.n, flags, m);
    if (!ngram) {
        rc = S_tokenize_all(&s->t, seed, &toks, &off);
    } else {
        off = (size_t *)mem->calloc(NULL, s->t.n + 1, sizeof(size_t));
        if (!off)
            return PC_ENOMEM;
        for (d = 0; d < s->t.n && !rc; d++) {
            off[d] = n;
            if ((rc = pc_words(mem, s->t.ptr[d], s->t.len[d], seed, 0, &tok)) ||
                (rc = pc_shingles(mem, tok.hash, tok.n, ngram, seed, 1, &sh, &nsh, &shcap)) ||
                (rc = pc_grow(mem, (void **)&toks, &cap, n + nsh, sizeof(uint64_t))))
                break;
            if (nsh)
                memcpy(toks + n, sh, nsh * sizeof(uint64_t));
            n += nsh;
        }
        off[s->t.n] = n;
    }
    if (!rc)
        rc = pc_tfidf_build(mem, toks, off, s->t.n, flags, m);
    pc_tokens_free(mem, &tok);
    mem->free(NULL, sh);
    mem->free(NULL, toks);
    mem->free(NULL, off);
    return rc;
}

typedef struct {
    const uint32_t *sig;
    size_t num_perm;
} S_sigs;

static double S_minhash_rescore(void *ctx, size_t a, size_t b)
{
    const S_sigs *g = (const S_sigs *)ctx;
    return pc_minhash_estimate(g->sig + a * g->num_perm, g->sig + b * g->num_perm, g->num_perm);
}

/* topk(rows, k, min_score=0.0, sublinear=True, seed=1, budget=0, candidates=0, minhash=False,
 *      num_perm=256, ngram=3) -> (bytes uint32 a, bytes uint32 b, bytes float64 score, stats dict) */
static PyObject *S_topk(PyObject *module, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"rows", "k", "min_score", "sublinear", "seed", "budget", "candidates",
                             "minhash", "num_perm", "ngram", NULL};
    PyObject *src, *arrays = NULL, *res = NULL;
    Py_ssize_t k, candidates = 0, num_perm = 256;
    double min_score = 0.0;
    int sublinear = 1, minhash = 0, ngram = 3, rc = PC_OK;
    unsigned long long seed = 1, budget = 0;
    S_source s;
    pc_tfidf m;
    pc_topk_params prm;
    pc_topk_stats st;
    pc_minhash mh;
    S_sigs sigs;
    uint32_t *sig = NULL;
    pc_score_pair *pairs = NULL;
    size_t n = 0;

    if (!PyArg_ParseTupleAndKeywords(args, kw, "On|dpKKnpni:sim_topk", kwlist, &src, &k, &min_score,
                                     &sublinear, &seed, &budget, &candidates, &minhash, &num_perm, &ngram))
        return NULL;
    if (k < 1 || candidates < 0) {
        PyErr_SetString(PyExc_ValueError, "k must be >= 1 and candidates >= 0");
        return NULL;
    }
    if (minhash && (S_check_ngram(ngram) < 0 || S_check_perm(num_perm) < 0))
        return NULL;
    if (S_source_get(src, &s) < 0)
        return NULL;
    if (minhash && s.has_bufs) {
        PyErr_SetString(PyExc_TypeError, "minhash needs texts");
        S_source_free(&s);
        return NULL;
    }
    memset(&m, 0, sizeof m);
    memset(&mh, 0, sizeof mh);
    memset(&st, 0, sizeof st);
    memset(&prm, 0, sizeof prm);
    prm.k = (size_t)k;
    prm.min_score = min_score;
    prm.budget = budget;
    prm.candidates = (size_t)candidates;
    Py_BEGIN_ALLOW_THREADS
    if (minhash) {
        rc = pc_minhash_init(pcpy_mem(), &mh, (size_t)num_perm, seed);
        if (!rc && s.t.n > SIZE_MAX / sizeof(uint32_t) / (size_t)num_perm)
            rc = PC_EOVERFLOW;
        if (!rc && !(sig = (uint32_t *)pcpy_mem()->calloc(NULL, s.t.n * (size_t)num_perm + 1, sizeof(uint32_t))))
            rc = PC_ENOMEM;
        if (!rc)
            rc = pc_minhash_batch(pcpy_mem(), &mh, s.t.ptr, s.t.len, s.t.n, (unsigned)ngram, seed, sig, NULL);
        if (!rc)
            rc = S_source_rows(&s, PC_TFIDF_NO_IDF, seed, (unsigned)ngram, &m);
        sigs.sig = sig;
        sigs.num_perm = (size_t)num_perm;
        if (!rc)
            rc = pc_topk(pcpy_mem(), &m, &prm, S_minhash_rescore, &sigs, &pairs, &n, &st);
    } else {
        rc = S_source_rows(&s, sublinear ? PC_TFIDF_SUBLINEAR : 0, seed, 0, &m);
        if (!rc)
            rc = pc_topk(pcpy_mem(), &m, &prm, NULL, NULL, &pairs, &n, &st);
    }
    Py_END_ALLOW_THREADS
    if (rc) {
        pcpy_raise(module, rc, "similarity top-k");
        goto done;
    }
    arrays = S_pairs_arrays(pairs, n);
    if (arrays)
        res = Py_BuildValue("(OOO{sKsnsnsnsO})", PyTuple_GET_ITEM(arrays, 0), PyTuple_GET_ITEM(arrays, 1),
                            PyTuple_GET_ITEM(arrays, 2), "work", (unsigned long long)st.work,
                            "terms_used", (Py_ssize_t)st.terms_used, "terms_skipped",
                            (Py_ssize_t)st.terms_skipped, "max_df", (Py_ssize_t)st.max_df, "exact",
                            st.exact ? Py_True : Py_False);
done:
    Py_XDECREF(arrays);
    pcpy_mem()->free(NULL, pairs);
    pcpy_mem()->free(NULL, sig);
    pc_minhash_free(pcpy_mem(), &mh);
    pc_tfidf_free(pcpy_mem(), &m);
    S_source_free(&s);
    return res;
}

/* block(rows, idx, sublinear=True, seed=1) -> bytes float64 [n * n]: exact
 * cosines among the rows idx (uint64 buffer), weights of the whole corpus */
static PyObject *S_block(PyObject *module, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"rows", "idx", "sublinear", "seed", NULL};
    PyObject *src, *out = NULL;
    Py_buffer idx;
    int sublinear = 1, rc = PC_OK;
    unsigned long long seed = 1;
    S_source s;
    pc_tfidf m;
    size_t n, *ix = NULL, i;

    if (!PyArg_ParseTupleAndKeywords(args, kw, "Oy*|pK:sim_block", kwlist, &src, &idx, &sublinear, &seed))
        return NULL;
    if (idx.len % 8) {
        PyErr_SetString(PyExc_ValueError, "idx must be a uint64 buffer");
        PyBuffer_Release(&idx);
        return NULL;
    }
    n = (size_t)idx.len / 8;
    if (n > 65536) {
        PyErr_SetString(PyExc_ValueError, "at most 65,536 documents in one block");
        PyBuffer_Release(&idx);
        return NULL;
    }
    if (S_source_get(src, &s) < 0) {
        PyBuffer_Release(&idx);
        return NULL;
    }
    memset(&m, 0, sizeof m);
    out = PyBytes_FromStringAndSize(NULL, (Py_ssize_t)(n * n * sizeof(double)));
    ix = (size_t *)PyMem_Calloc(n + 1, sizeof(size_t));
    if (!out || !ix) {
        if (!PyErr_Occurred())
            PyErr_NoMemory();
        Py_CLEAR(out);
        goto done;
    }
    for (i = 0; i < n; i++) {
        uint64_t v = ((const uint64_t *)idx.buf)[i];
        if (v >= s.t.n) {
            PyErr_Format(PyExc_IndexError, "idx[%zu] = %llu is not a row (%zu rows)", i, (unsigned long long)v, s.t.n);
            Py_CLEAR(out);
            goto done;
        }
        ix[i] = (size_t)v;
    }
    {
        double *o = (double *)PyBytes_AS_STRING(out);
        Py_BEGIN_ALLOW_THREADS
        rc = S_source_rows(&s, sublinear ? PC_TFIDF_SUBLINEAR : 0, seed, 0, &m);
        if (!rc)
            rc = pc_tfidf_block(pcpy_mem(), &m, ix, n, o);
        Py_END_ALLOW_THREADS
    }
    if (rc) {
        pcpy_raise(module, rc, "similarity block");
        Py_CLEAR(out);
    }
done:
    PyMem_Free(ix);
    pc_tfidf_free(pcpy_mem(), &m);
    S_source_free(&s);
    PyBuffer_Release(&idx);
    return out;
}


/* bag(texts, seed=1) -> (vocab list[str], bytes uint32 word[nnz], bytes uint32 count[nnz],
 *                        bytes uint64 rowptr[n+1]) */
static PyObject *S_bag(PyObject *module, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"texts", "seed", NULL};
    PyObject *seq, *vocab = NULL, *wb = NULL, *cb = NULL, *rb = NULL, *res = NULL;
    unsigned long long seed = 1;
    S_texts t;
    pc_bag bag;
    size_t i;
    int rc;

    if (!PyArg_ParseTupleAndKeywords(args, kw, "O|K:sim_bag", kwlist, &seq, &seed))
        return NULL;
    if (S_texts_get(seq, &t) < 0)
        return NULL;
    Py_BEGIN_ALLOW_THREADS
    rc = pc_bag_build(pcpy_mem(), t.ptr, t.len, t.n, seed, &bag);
    Py_END_ALLOW_THREADS
    if (rc) {
        pcpy_raise(module, rc, "bag of words");
        S_texts_free(&t);
        return NULL;
    }
    vocab = PyList_New((Py_ssize_t)bag.vocab.n);
    wb = PyBytes_FromStringAndSize((const char *)bag.word, (Py_ssize_t)(bag.nnz * sizeof(uint32_t)));
    cb = PyBytes_FromStringAndSize((const char *)bag.count, (Py_ssize_t)(bag.nnz * sizeof(uint32_t)));
    rb = PyBytes_FromStringAndSize(NULL, (Py_ssize_t)((bag.ndocs + 1) * sizeof(uint64_t)));
    if (!vocab || !wb || !cb || !rb)
        goto done;
    for (i = 0; i <= bag.ndocs; i++)
        ((uint64_t *)PyBytes_AS_STRING(rb))[i] = (uint64_t)bag.rowptr[i];
    for (i = 0; i < bag.vocab.n; i++) {
        size_t n;
        const char *k = pc_strmap_key(&bag.vocab, (int32_t)i, &n);
        PyObject *w = PyUnicode_DecodeUTF8(k, (Py_ssize_t)n, "replace");
        if (!w)
            goto done;
        PyList_SET_ITEM(vocab, (Py_ssize_t)i, w);
    }
    res = PyTuple_Pack(4, vocab, wb, cb, rb);
done:
    Py_XDECREF(vocab);
    Py_XDECREF(wb);
    Py_XDECREF(cb);
    Py_XDECREF(rb);
    pc_bag_free(pcpy_mem(), &bag);
    S_texts_free(&t);
    return res;
}

static PyMethodDef S_methods[] = {
    {"sim_tokens", (PyCFunction)(void (*)(void))S_tokens, METH_VARARGS | METH_KEYWORDS,
     "sim_tokens(text, seed=1) -> list[str]: folded word tokens."},
    {"sim_shingles", (PyCFunction)(void (*)(void))S_shingles, METH_VARARGS | METH_KEYWORDS,
     "sim_shingles(text, ngram=5, seed=1) -> bytes of sorted distinct uint64 shingle hashes."},
    {"sim_signatures", (PyCFunction)(void (*)(void))S_signatures, METH_VARARGS | METH_KEYWORDS,
     "sim_signatures(texts, num_perm=128, ngram=5, seed=1) -> (bytes uint32 signatures, bytes size_t shingle counts)."},
    {"sim_lsh_params", (PyCFunction)(void (*)(void))S_lsh_params, METH_VARARGS | METH_KEYWORDS,
     "sim_lsh_params(threshold, num_perm, wfp=0.5, wfn=0.5) -> (bands, rows)."},
    {"sim_neardup", (PyCFunction)(void (*)(void))S_neardup, METH_VARARGS | METH_KEYWORDS,
     "sim_neardup(texts, threshold=0.8, num_perm=128, ngram=5, seed=1, bands=0, rows=0, min_exact=threshold,"
     " max_pairs=0) -> list[(a, b, jaccard_est, jaccard)]."},
    {"sim_tfidf_pairs", (PyCFunction)(void (*)(void))S_tfidf_pairs, METH_VARARGS | METH_KEYWORDS,
     "sim_tfidf_pairs(texts, min_score=0.0, sublinear=True, seed=1, max_pairs=0) -> (bytes uint32 a, bytes uint32 b, bytes float64 cosine), best first."},
    {"sim_minhash_pairs", (PyCFunction)(void (*)(void))S_minhash_pairs, METH_VARARGS | METH_KEYWORDS,
     "sim_minhash_pairs(sig, ndocs, num_perm, min_score=0.0, skip=None) -> (bytes uint32 a, bytes uint32 b, bytes float64 jaccard_est), best first."},
    {"sim_reuse", (PyCFunction)(void (*)(void))S_reuse, METH_VARARGS | METH_KEYWORDS,
     "sim_reuse(texts, min_words=8, anchor=4, max_gap=20, seed=1, max_df=50, max_partners=5) -> list[(a, b, a_start, a_end,"
     " b_start, b_end, words, identity)]."},
    {"sim_topk", (PyCFunction)(void (*)(void))S_topk, METH_VARARGS | METH_KEYWORDS,
     "sim_topk(rows, k, min_score=0.0, sublinear=True, seed=1, budget=0, candidates=0, minhash=False, num_perm=256,"
     " ngram=3) -> (bytes uint32 a, bytes uint32 b, bytes float64 score, stats): each row's k best neighbours;"
     " rows are texts or (uint64 tokens, uint64 offsets)."},
    {"sim_bag", (PyCFunction)(void (*)(void))S_bag, METH_VARARGS | METH_KEYWORDS,
     "sim_bag(texts, seed=1) -> (vocab list[str], bytes uint32 word, bytes uint32 count, bytes uint64 rowptr):"
     " each document's folded words (ids into vocab) with their counts."},
    {"sim_block", (PyCFunction)(void (*)(void))S_block, METH_VARARGS | METH_KEYWORDS,
     "sim_block(rows, idx, sublinear=True, seed=1) -> bytes float64 [n*n]: exact TF-IDF cosines among rows idx."},
    {NULL, NULL, 0, NULL},
};

int pcpy_init_similarity(PyObject *m) { return PyModule_AddFunctions(m, S_methods); }
