/* fuzz_tagger.c - libFuzzer target for pc_tagger.
 *
 * Input layout: byte 0 = option bits, then the payload.
 *   bit 0 set: the payload is a model blob for pc_tagger_load (must be
 *              rejected or loaded, never crash); if it loads, it tags the
 *              payload itself as text.
 *   bit 0 clear: the payload is text; a tiny model is trained on it (two
 *              epochs, labels taken from the bytes) with token spans cut
 *              from the input (bit 1: spans from whitespace, else from
 *              pairs of bytes clipped to the text), then finalized, saved,
 *              re-loaded and used to tag the same spans; both models must
 *              agree, and so must one reused pc_tagger_scratch tagging
 *              the spans, their first half, then the spans again.
 *   bit 2: pass an ext array derived from the bytes.
 *   bit 3 (with bit 0): overwrite the blob's last 4 bytes with a valid
 *              checksum first, so the checks behind it (sizes, bitmap
 *              population, scale) get explored too.
 */
#include <stdlib.h>
#include <string.h>

#include "pc_tagger.h"

#define MAXTOK 256

static size_t S_spans(const uint8_t *d, size_t n, int ws, pc_span *sp)
{
    size_t k = 0, i, start = 0;
    if (ws) {
        for (i = 0; i <= n && k < MAXTOK; i++)
            if (i == n || d[i] == ' ' || d[i] == '\n') {
                sp[k].start = (uint32_t)start;
                sp[k].end = (uint32_t)i;
                k++;
                start = i + 1;
            }
        return k;
    }
    for (i = 0; i + 1 < n && k < MAXTOK; i += 2) {
        uint32_t a = d[i] % (uint32_t)(n + 1), b = d[i + 1] % (uint32_t)(n + 1);
        sp[k].start = a < b ? a : b;
        sp[k].end = a < b ? b : a;
        k++;
    }
    return k;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const pc_mem *mem = pc_mem_default();
    pc_span sp[MAXTOK];
    uint8_t gold[MAXTOK], out1[MAXTOK], out2[MAXTOK];
    int32_t ext[MAXTOK];
    const char *text;
    size_t n, len, i;
    int opt, e;
    pc_tagger *t = NULL, *u = NULL;
    uint8_t *blob = NULL;
    size_t blen = 0;

    if (size < 1)
        return 0;
    opt = data[0];
    data++;
    size--;
    text = (const char *)data;
    len = size;
    n = S_spans(data, len, (opt & 2) != 0, sp);
    for (i = 0; i < n; i++) {
        gold[i] = len ? (uint8_t)(data[sp[i].start < len ? sp[i].start : 0] % PC_TAGGER_NLABELS) : 0;
        ext[i] = (int32_t)(sp[i].end - sp[i].start) % 4;
    }

    if (opt & 1) {
        uint8_t *copy = NULL;
        const uint8_t *b = data;
        if ((opt & 8) && size >= 4) {
            uint32_t h = 2166136261u;
            copy = (uint8_t *)malloc(size);
            if (!copy)
                return 0;
            memcpy(copy, data, size);
            for (i = 0; i + 4 < size; i++)
                h = (h ^ copy[i]) * 16777619u;
            copy[size - 4] = (uint8_t)h;
            copy[size - 3] = (uint8_t)(h >> 8);
            copy[size - 2] = (uint8_t)(h >> 16);
            copy[size - 1] = (uint8_t)(h >> 24);
            b = copy;
        }
        if (pc_tagger_load(mem, b, size, &u) == PC_OK) {
            if (pc_tagger_tag(u, text, len, sp, n, (opt & 4) ? ext : NULL, out1, mem) != PC_OK)
                abort();
            for (i = 0; i < n; i++)
                if (out1[i] >= PC_TAGGER_NLABELS)
                    abort();
        }
        pc_tagger_free(u);
        free(copy);
        return 0;
    }

    if (pc_tagger_new(mem, 8, &t) != PC_OK)
        return 0;
    for (e = 0; e < 2; e++)
        if (pc_tagger_train_sentence(t, text, len, sp, n, (opt & 4) ? ext : NULL, gold, NULL) != PC_OK)
            abort();
    if (pc_tagger_finalize(t) != PC_OK || pc_tagger_save(t, mem, &blob, &blen) != PC_OK)
        abort();
    if (pc_tagger_load(mem, blob, blen, &u) != PC_OK)
        abort();
    if (pc_tagger_tag(t, text, len, sp, n, (opt & 4) ? ext : NULL, out1, mem) != PC_OK ||
        pc_tagger_tag(u, text, len, sp, n, (opt & 4) ? ext : NULL, out2, mem) != PC_OK)
        abort();
    if (n && memcmp(out1, out2, n) != 0)
        abort();
    {
        pc_tagger_scratch *sc = NULL;
        if (pc_tagger_scratch_new(mem, &sc) != PC_OK)
            abort();
        if (pc_tagger_tag_scratch(u, sc, text, len, sp, n, (opt & 4) ? ext : NULL, out2) != PC_OK ||
            (n && memcmp(out1, out2, n) != 0))
            abort();
        if (pc_tagger_tag_scratch(u, sc, text, len, sp, n / 2, (opt & 4) ? ext : NULL, out2) != PC_OK ||
            pc_tagger_tag_scratch(u, sc, text, len, sp, n, (opt & 4) ? ext : NULL, out2) != PC_OK ||
            (n && memcmp(out1, out2, n) != 0))
            abort();
        pc_tagger_scratch_free(sc);
    }
    /* a truncated copy of a valid blob is always rejected */
    if (blen > 1) {
        pc_tagger *v = NULL;
        if (pc_tagger_load(mem, blob, blen - 1 - (size % (blen - 1)), &v) != PC_EINVAL)
            abort();
    }
    mem->free(mem->ctx, blob);
    pc_tagger_free(t);
    pc_tagger_free(u);
    return 0;
}
