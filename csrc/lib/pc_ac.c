/* pc_ac.c - Aho-Corasick automaton (see pc_ac.h). */
#include "pc_ac.h"

#include <string.h>

struct pc_ac_builder {
    const pc_mem *mem;
    uint8_t *bytes; /* all patterns, concatenated */
    size_t nbytes, capbytes;
    uint32_t *off; /* pattern i is bytes[off[i], off[i] + len[i]) */
    uint32_t *len;
    uint32_t *id;
    size_t n, capoff, caplen, capid;
};

typedef struct {
    uint32_t edge;  /* first edge in labels/targets */
    uint32_t fail;  /* longest proper suffix state */
    uint32_t dict;  /* next suffix state with outputs, 0 if none */
    uint32_t out;   /* first id in outs */
    uint32_t nout;  /* ids ending here */
    uint32_t depth; /* = length of the patterns ending here */
    uint32_t nedge;
} S_node;

struct pc_ac {
    const pc_mem *mem;
    uint32_t root[256]; /* root transitions, 0 = stay at root */
    S_node *nodes;
    uint8_t *labels;
    uint32_t *targets;
    uint32_t *outs;
    uint32_t *dense; /* full rows of states 1..ndense: dense[(s - 1) * 256 + c] */
    size_t nnodes, nouts, maxlen, ndense;
};

/* The shallowest states are visited at almost every word start; giving them
 * full 256-entry rows (at most S_DENSE_MAX KiB) makes the first steps of a
 * walk one load each.  BFS numbering makes them states 1..ndense. */
#define S_DENSE_MAX 1024

int pc_ac_builder_new(const pc_mem *mem, pc_ac_builder **out)
{
    pc_ac_builder *b;
    if (!mem || !out)
        return PC_EINVAL;
    b = (pc_ac_builder *)mem->calloc(mem->ctx, 1, sizeof *b);
    if (!b)
        return PC_ENOMEM;
    b->mem = mem;
    *out = b;
    return PC_OK;
}

void pc_ac_builder_free(pc_ac_builder *b)
{
    const pc_mem *m;
    if (!b)
        return;
    m = b->mem;
    m->free(m->ctx, b->bytes);
    m->free(m->ctx, b->off);
    m->free(m->ctx, b->len);
    m->free(m->ctx, b->id);
    m->free(m->ctx, b);
}

size_t pc_ac_builder_count(const pc_ac_builder *b) { return b ? b->n : 0; }

int pc_ac_builder_add(pc_ac_builder *b, const uint8_t *pat, size_t len, uint32_t id)
{
    int rc;
    if (!b || !pat || len == 0)
        return PC_EINVAL;
    /* node and edge indices are uint32; keep one spare for the root */
    if (len >= UINT32_MAX - 1 || b->nbytes >= UINT32_MAX - 1 - len || b->n >= UINT32_MAX - 1)
        return PC_ETOOBIG;
    /* grow everything first so that a failure leaves the builder unchanged */
    if ((rc = pc_grow(b->mem, (void **)&b->bytes, &b->capbytes, b->nbytes + len, 1)) != PC_OK ||
        (rc = pc_grow(b->mem, (void **)&b->off, &b->capoff, b->n + 1, sizeof *b->off)) != PC_OK ||
        (rc = pc_grow(b->mem, (void **)&b->len, &b->caplen, b->n + 1, sizeof *b->len)) != PC_OK ||
        (rc = pc_grow(b->mem, (void **)&b->id, &b->capid, b->n + 1, sizeof *b->id)) != PC_OK)
        return rc;
    memcpy(b->bytes + b->nbytes, pat, len);
    b->off[b->n] = (uint32_t)b->nbytes;
    b->len[b->n] = (uint32_t)len;
    b->id[b->n] = id;
    b->nbytes += len;
    b->n++;
    return PC_OK;
}

void pc_ac_free(pc_ac *ac)
{
    const pc_mem *m;
    if (!ac)
        return;
    m = ac->mem;
    m->free(m->ctx, ac->nodes);
    m->free(m->ctx, ac->labels);
    m->free(m->ctx, ac->targets);
    m->free(m->ctx, ac->outs);
    m->free(m->ctx, ac->dense);
    m->free(m->ctx, ac);
}

/* Transition from a non-root state; 0 when there is none (the root is never
 * a target, so 0 is free to mean "no edge"). */
static inline uint32_t S_goto(const pc_ac *ac, const S_node *nd, uint8_t c)
{
    const uint8_t *lab = ac->labels + nd->edge;
    uint32_t n = nd->nedge, lo, hi;
    if (n <= 8) {
        for (lo = 0; lo < n; lo++)
            if (lab[lo] == c)
                return ac->targets[nd->edge + lo];
        return 0;
    }
    lo = 0;
    hi = n;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (lab[mid] < c)
            lo = mid + 1;
        else
            hi = mid;
    }
    return (lo < n && lab[lo] == c) ? ac->targets[nd->edge + lo] : 0;
}

static inline uint32_t S_next(const pc_ac *ac, uint32_t s, uint8_t c)
{
    if (s - 1 < ac->ndense) /* s >= 1 here; s == 0 wraps and falls through */
        return ac->dense[(size_t)(s - 1) * 256 + c];
    return S_goto(ac, &ac->nodes[s], c);
}

/* Temporary trie used while building: first-child/next-sibling lists. */
typedef struct {
    uint32_t child, sibling, pats, newid;
    uint8_t byte;
} S_tnode;

int pc_ac_build(const pc_ac_builder *b, pc_ac **out)
{
    const pc_mem *m;
    pc_ac *ac = NULL;
    S_tnode *t = NULL;
    uint32_t *patnext = NULL, *queue = NULL;
    size_t ntn = 1, maxn, i, bytes;
    size_t qhead, qtail, nedges = 0, nouts = 0;
    int rc = PC_ENOMEM;

    if (!b || !out)
        return PC_EINVAL;
    m = b->mem;
    maxn = b->nbytes + 1;
    if (!pc_mul_ok(maxn, sizeof *t, &bytes))
        return PC_EOVERFLOW;
    ac = (pc_ac *)m->calloc(m->ctx, 1, sizeof *ac);
    if (ac)
        ac->mem = m;
    t = (S_tnode *)m->calloc(m->ctx, maxn, sizeof *t);
    patnext = (uint32_t *)m->calloc(m->ctx, b->n + 1, sizeof *patnext);
    queue = (uint32_t *)m->calloc(m->ctx, maxn, sizeof *queue);
    if (!ac || !t || !patnext || !queue)
        goto error;
    ac->mem = m;

    /* 1. trie; UINT32_MAX terminates lists */
    t[0].child = t[0].sibling = t[0].pats = UINT32_MAX;
    for (i = 0; i < b->n; i++) {
        const uint8_t *p = b->bytes + b->off[i];
        uint32_t cur = 0, k;
        for (k = 0; k < b->len[i]; k++) {
            uint32_t c = t[cur].child;
            while (c != UINT32_MAX && t[c].byte != p[k])
                c = t[c].sibling;
            if (c == UINT32_MAX) {
                c = (uint32_t)ntn++;
                t[c].byte = p[k];
                t[c].child = t[c].pats = UINT32_MAX;
                t[c].sibling = t[cur].child;
                t[cur].child = c;
            }
            cur = c;
        }
        /* keep ids in insertion order: append at the tail */
        patnext[i] = UINT32_MAX;
        if (t[cur].pats == UINT32_MAX) {
            t[cur].pats = (uint32_t)i;
        } else {
            uint32_t q = t[cur].pats;
            while (patnext[q] != UINT32_MAX)
                q = patnext[q];
            patnext[q] = (uint32_t)i;
        }
        if (b->len[i] > ac->maxlen)
            ac->maxlen = b->len[i];
    }

    ac->nodes = (S_node *)m->calloc(m->ctx, ntn, sizeof *ac->nodes);
    ac->labels = (uint8_t *)m->calloc(m->ctx, ntn, 1);
    ac->targets = (uint32_t *)m->calloc(m->ctx, ntn, sizeof *ac->targets);
    ac->outs = (uint32_t *)m->calloc(m->ctx, b->n + 1, sizeof *ac->outs);
    if (!ac->nodes || !ac->labels || !ac->targets || !ac->outs)
        goto error;
    ac->nnodes = ntn;

    /* 2. breadth-first renumbering with sorted edge runs */
    queue[0] = 0;
    t[0].newid = 0;
    qhead = 0;
    qtail = 1;
    while (qhead < qtail) {
        uint32_t old = queue[qhead], nid = (uint32_t)qhead, c, p;
        S_node *nd = &ac->nodes[nid];
        size_t first = qtail, k;
        qhead++;
        nd->edge = (uint32_t)nedges;
        for (c = t[old].child; c != UINT32_MAX; c = t[c].sibling)
            queue[qtail++] = c;
        /* insertion sort of this node's children by byte (<= 256 of them) */
        for (k = first + 1; k < qtail; k++) {
            uint32_t v = queue[k];
            size_t j = k;
            while (j > first && t[queue[j - 1]].byte > t[v].byte) {
                queue[j] = queue[j - 1];
                j--;
            }
            queue[j] = v;
        }
        for (k = first; k < qtail; k++) {
            t[queue[k]].newid = (uint32_t)k;
            ac->labels[nedges] = t[queue[k]].byte;
            ac->targets[nedges] = (uint32_t)k;
            nedges++;
            ac->nodes[k].depth = nd->depth + 1;
        }
        nd->nedge = (uint32_t)(qtail - first);
        nd->out = (uint32_t)nouts;
        for (p = t[old].pats; p != UINT32_MAX; p = patnext[p])
            ac->outs[nouts++] = b->id[p];
        nd->nout = (uint32_t)(nouts - nd->out);
    }
    ac->nouts = nouts;
    for (i = 0; i < ac->nodes[0].nedge; i++)
        ac->root[ac->labels[i]] = ac->targets[i];
    ac->ndense = ntn - 1 < S_DENSE_MAX ? ntn - 1 : S_DENSE_MAX;
    if (ac->ndense) {
        ac->dense = (uint32_t *)m->calloc(m->ctx, ac->ndense * 256, sizeof *ac->dense);
        if (!ac->dense)
            goto error;
        for (i = 1; i <= ac->ndense; i++) {
            const S_node *nd = &ac->nodes[i];
            uint32_t k;
            for (k = 0; k < nd->nedge; k++)
                ac->dense[(i - 1) * 256 + ac->labels[nd->edge + k]] = ac->targets[nd->edge + k];
        }
    }

    /* 3. failure and dictionary links, parents before children (BFS order) */
    for (i = 0; i < ntn; i++) {
        S_node *u = &ac->nodes[i];
        uint32_t k;
        for (k = 0; k < u->nedge; k++) {
            uint8_t c = ac->labels[u->edge + k];
            S_node *v = &ac->nodes[ac->targets[u->edge + k]];
            uint32_t f;
            if (i == 0) {
                v->fail = 0;
            } else {
                f = u->fail;
                for (;;) {
                    uint32_t to = f == 0 ? ac->root[c] : S_goto(ac, &ac->nodes[f], c);
                    if (to || f == 0) {
                        v->fail = to;
                        break;
                    }
                    f = ac->nodes[f].fail;
                }
            }
            v->dict = ac->nodes[v->fail].nout ? v->fail : ac->nodes[v->fail].dict;
        }
    }

    m->free(m->ctx, t);
    m->free(m->ctx, patnext);
    m->free(m->ctx, queue);
    *out = ac;
    return PC_OK;

error:
    m->free(m->ctx, t);
    m->free(m->ctx, patnext);
    m->free(m->ctx, queue);
    pc_ac_free(ac);
    return rc;
}

int pc_ac_scan(const pc_ac *ac, const uint8_t *text, size_t len, pc_ac_cb cb, void *ud)
{
    const S_node *nodes;
    uint32_t s = 0;
    size_t i;

    if (!ac || (!text && len) || !cb)
        return PC_EINVAL;
    nodes = ac->nodes;
    for (i = 0; i < len; i++) {
        uint8_t c = text[i];
        for (;;) {
            uint32_t to;
            if (s == 0) {
                s = ac->root[c];
                break;
            }
            to = S_next(ac, s, c);
            if (to) {
                s = to;
                break;
            }
            s = nodes[s].fail;
        }
        if (s && (nodes[s].nout | nodes[s].dict)) {
            uint32_t u = nodes[s].nout ? s : nodes[s].dict;
            while (u) {
                const S_node *nd = &nodes[u];
                uint32_t k;
                for (k = 0; k < nd->nout; k++) {
                    int rc = cb(ud, i + 1 - nd->depth, i + 1, ac->outs[nd->out + k]);
                    if (rc)
                        return rc;
                }
                u = nd->dict;
            }
        }
    }
    return PC_OK;
}

int pc_ac_prefixes(const pc_ac *ac, const uint8_t *text, size_t len, size_t pos, pc_ac_cb cb, void *ud)
{
    const S_node *nodes;
    uint32_t s;
    size_t i;

    if (!ac || !text || !cb || pos > len)
        return PC_EINVAL;
    if (pos == len)
        return PC_OK;
    nodes = ac->nodes;
    s = ac->root[text[pos]];
    for (i = pos + 1; s; i++) {
        const S_node *nd = &nodes[s];
        uint32_t k;
        for (k = 0; k < nd->nout; k++) {
            int rc = cb(ud, pos, i, ac->outs[nd->out + k]);
            if (rc)
                return rc;
        }
        if (i >= len || nd->nedge == 0)
            break;
        s = S_next(ac, s, text[i]);
    }
    return PC_OK;
}

void pc_ac_first_bytes(const pc_ac *ac, uint8_t mask[256])
{
    int c;
    for (c = 0; c < 256; c++)
        mask[c] = (uint8_t)(ac && ac->root[c] != 0);
}

size_t pc_ac_states(const pc_ac *ac) { return ac ? ac->nnodes : 0; }

size_t pc_ac_max_len(const pc_ac *ac) { return ac ? ac->maxlen : 0; }

size_t pc_ac_memory(const pc_ac *ac)
{
    if (!ac)
        return 0;
    return sizeof *ac + ac->nnodes * (sizeof(S_node) + 1 + sizeof(uint32_t)) +
           (ac->nouts + 1 + ac->ndense * 256) * sizeof(uint32_t);
}
