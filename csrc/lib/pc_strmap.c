/* pc_strmap.c - string-keyed map with insertion order (see pc_strmap.h). */
#include "pc_strmap.h"

#include <string.h>

static uint64_t S_hash(const char *s, size_t n)
{
    uint64_t h = 0xcbf29ce484222325ull;
    size_t i;
    for (i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 0x100000001b3ull;
    return h;
}

static int S_eq(const char *a, size_t na, const char *b, size_t nb)
{
    return na == nb && (na == 0 || memcmp(a, b, na) == 0);
}

void pc_strmap_free(const pc_mem *mem, pc_strmap *m)
{
    if (m->slot)
        mem->free(mem->ctx, m->slot);
    if (m->table)
        mem->free(mem->ctx, m->table);
    if (m->next)
        mem->free(mem->ctx, m->next);
    if (m->item)
        mem->free(mem->ctx, m->item);
    pc_buf_free(mem, &m->keys);
    memset(m, 0, sizeof *m);
}

int32_t pc_strmap_find(const pc_strmap *m, const char *k, size_t n)
{
    uint64_t h;
    size_t i;
    if (!m->tcap)
        return -1;
    h = S_hash(k, n);
    for (i = (size_t)h & (m->tcap - 1);; i = (i + 1) & (m->tcap - 1)) {
        int32_t s = m->table[i];
        if (s < 0)
            return -1;
        if (m->slot[s].hash == h && S_eq(m->keys.data + m->slot[s].off, m->slot[s].len, k, n))
            return s;
    }
}

/* doubles the table (at most half full, so probes stay short) */
static int S_rehash(const pc_mem *mem, pc_strmap *m)
{
    size_t cap = m->tcap ? m->tcap * 2 : 16, i;
    int32_t *t = (int32_t *)mem->calloc(mem->ctx, cap, sizeof *t);
    if (!t)
        return PC_ENOMEM;
    for (i = 0; i < cap; i++)
        t[i] = -1;
    for (i = 0; i < m->n; i++) {
        size_t j = (size_t)m->slot[i].hash & (cap - 1);
        while (t[j] >= 0)
            j = (j + 1) & (cap - 1);
        t[j] = (int32_t)i;
    }
    if (m->table)
        mem->free(mem->ctx, m->table);
    m->table = t;
    m->tcap = cap;
    return PC_OK;
}

int pc_strmap_get(const pc_mem *mem, pc_strmap *m, const char *k, size_t n, int32_t *out)
{
    int32_t s = pc_strmap_find(m, k, n);
    pc_strmap_slot *sl;
    size_t j;
    int rc;
    if (s >= 0) {
        *out = s;
        return PC_OK;
    }
    if (m->n >= ((size_t)1 << 30))
        return PC_ELIMIT;
    if ((m->n + 1) * 2 > m->tcap && (rc = S_rehash(mem, m)) != PC_OK)
        return rc;
    if ((rc = pc_grow(mem, (void **)&m->slot, &m->cap, m->n + 1, sizeof *m->slot)) != PC_OK)
        return rc;
    sl = &m->slot[m->n];
    sl->off = m->keys.len;
    sl->len = n;
    sl->hash = S_hash(k, n);
    sl->val = sl->head = sl->tail = -1;
    if ((rc = pc_buf_put(mem, &m->keys, k, n)) != PC_OK)
        return rc;
    for (j = (size_t)sl->hash & (m->tcap - 1); m->table[j] >= 0; j = (j + 1) & (m->tcap - 1))
        ;
    m->table[j] = (int32_t)m->n;
    *out = (int32_t)m->n++;
    return PC_OK;
}

int pc_strmap_push(const pc_mem *mem, pc_strmap *m, int32_t s, int32_t item)
{
    int rc;
    if ((rc = pc_grow(mem, (void **)&m->next, &m->ncap, m->nitem + 1, sizeof *m->next)) != PC_OK ||
        (rc = pc_grow(mem, (void **)&m->item, &m->icap, m->nitem + 1, sizeof *m->item)) != PC_OK)
        return rc;
    m->item[m->nitem] = item;
    m->next[m->nitem] = -1;
    if (m->slot[s].tail >= 0)
        m->next[m->slot[s].tail] = (int32_t)m->nitem;
    else
        m->slot[s].head = (int32_t)m->nitem;
    m->slot[s].tail = (int32_t)m->nitem++;
    return PC_OK;
}

const char *pc_strmap_key(const pc_strmap *m, int32_t s, size_t *n)
{
    *n = m->slot[s].len;
    return m->keys.data + m->slot[s].off;
}
