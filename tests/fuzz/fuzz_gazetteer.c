/* fuzz_gazetteer.c - libFuzzer target for pc_ac and pc_gazetteer.
 *
 * Input layout: byte 0 = options (bit 0: overlapping; bits 1-2: case rule
 * for every pattern; bit 3: also scan the raw automaton), byte 1 = number of
 * patterns (low 4 bits), then per pattern one length byte (low 5 bits) and
 * that many bytes; the rest is the text.  Every reported hit is checked
 * against the input, so wrong offsets crash, not only memory errors.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pc_ac.h"
#include "pc_gazetteer.h"

typedef struct {
    const uint8_t *text;
    size_t len;
    const uint8_t *pat[16];
    size_t plen[16];
    size_t last_end;
} S_check;

static int S_ac_hit(void *ud, size_t start, size_t end, uint32_t id)
{
    S_check *c = (S_check *)ud;
    if (id >= 16 || end > c->len || end - start != c->plen[id] || end < c->last_end ||
        memcmp(c->text + start, c->pat[id], c->plen[id]) != 0)
        abort();
    c->last_end = end;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const pc_mem *mem = pc_mem_default();
    S_check chk;
    pc_ac_builder *b = NULL;
    pc_ac *ac = NULL;
    pc_gaz *g = NULL;
    pc_gaz_matcher *m = NULL;
    pc_gaz_hits hits = {NULL, 0, 0};
    char *folded = NULL;
    size_t pos = 2, i, npat, flen = 0;
    uint8_t opt;

    if (size < 2)
        return 0;
    opt = data[0];
    npat = data[1] & 15u;
    memset(&chk, 0, sizeof chk);
    if (pc_ac_builder_new(mem, &b) != PC_OK || pc_gaz_new(mem, &g) != PC_OK)
        goto done;
    for (i = 0; i < npat && pos < size; i++) {
        size_t l = data[pos++] & 31u;
        if (l > size - pos)
            l = size - pos;
        chk.pat[i] = data + pos;
        chk.plen[i] = l;
        if (pc_ac_builder_add(b, data + pos, l, (uint32_t)i) != PC_OK && l != 0)
            abort();
        /* errors (empty, invalid UTF-8, NUL) are fine; crashes are not */
        pc_gaz_add(g, (const char *)data + pos, l, (uint32_t)i, (uint32_t)i, (opt >> 1) & 3, NULL);
        pos += l;
    }
    chk.text = data + pos;
    chk.len = size - pos;

    if (opt & 8) {
        if (pc_ac_build(b, &ac) != PC_OK)
            goto done;
        if (pc_ac_scan(ac, chk.text, chk.len, S_ac_hit, &chk) != PC_OK)
            abort();
        for (i = 0; i <= chk.len && i < 512; i++) {
            chk.last_end = 0;
            if (pc_ac_prefixes(ac, chk.text, chk.len, i, S_ac_hit, &chk) != PC_OK)
                abort();
        }
    }

    if (pc_gaz_fold(mem, (const char *)chk.text, chk.len, &folded, &flen) != PC_OK)
        goto done;
    if (folded[flen] != '\0')
        abort();

    if (pc_gaz_compile(g, &m) != PC_OK)
        goto done;
    if (pc_gaz_match(m, (const char *)chk.text, chk.len, (opt & 1) ? PC_GAZ_OVERLAPPING : 0, &hits) != PC_OK)
        goto done;
    for (i = 0; i < hits.n; i++) {
        const pc_gaz_hit *h = &hits.v[i];
        if (h->start >= h->end || h->end > chk.len || h->entry >= pc_gaz_matcher_count(m))
            abort();
        if (i > 0 && h->start < hits.v[i - 1].start)
            abort();
        if (!(opt & 1) && i > 0 && h->start < hits.v[i - 1].end)
            abort();
    }
    pc_gaz_hits_to_cp((const char *)chk.text, chk.len, &hits);
    for (i = 0; i < hits.n; i++)
        if (hits.v[i].start > hits.v[i].end || hits.v[i].end > chk.len)
            abort();

done:
    free(folded);
    pc_gaz_hits_free(mem, &hits);
    pc_gaz_matcher_free(m);
    pc_gaz_free(g);
    pc_ac_free(ac);
    pc_ac_builder_free(b);
    return 0;
}
