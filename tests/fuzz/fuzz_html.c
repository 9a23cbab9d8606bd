/*
 * fuzz_html.c - pc_html_sniff and pc_html_to_text on repaired input.
 *
 * Input: byte 0 = options (bit 0: also run pc_clean with the hints; bits
 * 1-7 with bit 0 clear: fail allocation number byte0>>1 to exercise the
 * error paths), the rest is the page.  Invariants: text and metadata are
 * valid UTF-8; hints and meta ranges lie inside their buffers on code point
 * boundaries; single-valued meta keys appear once, multi-valued ones at most
 * PC_META_MAX_MULTI times; metadata values carry no C0/C1 control or bidi
 * override; every block is freed (the counting allocator ends at 0).
 */
#include "fuzz_common.h"
#include "pc_clean.h"
#include "pc_html.h"
#include "pc_meta.h"
#include "pc_utf8.h"

/* No C0/C1 control (white space included: it is collapsed) and no bidi
 * embedding, override or isolate in a decoded metadata value. */
static int fuzz_clean_meta(const char *s, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x20 || c == 0x7F)
            return 0;
        if (c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] >= 0x80 &&
            (unsigned char)s[i + 1] <= 0x9F)
            return 0;
        if (c == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
            (unsigned char)s[i + 2] >= 0xAA && (unsigned char)s[i + 2] <= 0xAE)
            return 0;
        if (c == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x81 &&
            (unsigned char)s[i + 2] >= 0xA6 && (unsigned char)s[i + 2] <= 0xA9)
            return 0;
    }
    return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_memctx mc;
    pc_mem mem = fuzz_mem(&mc);
    pc_buf rep = PC_BUF_INIT;
    pc_repair_stats st;
    pc_html_result res;
    size_t i;
    int opt, rc;

    if (size < 1)
        return 0;
    opt = data[0];
    memset(&st, 0, sizeof st);
    memset(&res, 0, sizeof res);
    FUZZ_ASSERT(pc_utf8_repair(&mem, (const char *)data + 1, size - 1, &rep, &st) == PC_OK);
    (void)pc_html_sniff(rep.data ? rep.data : "", rep.len);
    if (!(opt & 1) && (opt >> 1))
        mc.fail_at = mc.count + (opt >> 1);
    rc = pc_html_to_text(&mem, rep.data ? rep.data : "", rep.len, &res);
    if (mc.fail_at) {
        FUZZ_ASSERT(rc == PC_OK || rc == PC_ENOMEM);
        FUZZ_ASSERT(rc == PC_ENOMEM || mc.count < mc.fail_at);
        goto out;
    }
    FUZZ_ASSERT(rc == PC_OK);
    FUZZ_ASSERT(fuzz_valid_utf8(res.text.data, res.text.len));
    FUZZ_ASSERT(fuzz_valid_utf8(res.metabuf.data, res.metabuf.len));
    FUZZ_ASSERT(res.dropped_bytes <= rep.len);
    for (i = 0; i < res.nhints; i++) {
        const pc_hint *h = &res.hints[i];
        FUZZ_ASSERT(h->start < h->end && h->end <= res.text.len);
        FUZZ_ASSERT(fuzz_boundary(res.text.data, res.text.len, h->start));
        FUZZ_ASSERT(fuzz_boundary(res.text.data, res.text.len, h->end));
        FUZZ_ASSERT(h->kind >= PC_HINT_TITLE && h->kind < PC_HINT__COUNT);
    }
    for (i = 0; i < res.nmeta; i++) {
        const pc_meta_kv *m = &res.meta[i];
        size_t j;
        FUZZ_ASSERT(m->start < m->end && m->end <= res.metabuf.len);
        size_t same = 0;
        FUZZ_ASSERT(m->key >= PC_META_TITLE && m->key < PC_META__COUNT);
        FUZZ_ASSERT(fuzz_boundary(res.metabuf.data, res.metabuf.len, m->start));
        FUZZ_ASSERT(fuzz_boundary(res.metabuf.data, res.metabuf.len, m->end));
        for (j = 0; j < i; j++)
            same += res.meta[j].key == m->key;
        FUZZ_ASSERT(PC_META_IS_MULTI(m->key) ? same < PC_META_MAX_MULTI : same == 0);
        if (m->key != PC_META_JSONLD)
            FUZZ_ASSERT(fuzz_clean_meta(res.metabuf.data + m->start, m->end - m->start));
    }
    if (opt & 1) {
        pc_clean_result cr;
        memset(&cr, 0, sizeof cr);
        FUZZ_ASSERT(pc_clean(&mem, res.text.data ? res.text.data : "", res.text.len, res.hints,
                             res.nhints, opt >> 1, &cr) == PC_OK);
        FUZZ_ASSERT(fuzz_valid_utf8(cr.text.data, cr.text.len));
        pc_clean_result_free(&mem, &cr);
    }
out:
    pc_html_result_free(&mem, &res);
    pc_buf_free(&mem, &rep);
    FUZZ_ASSERT(mc.live == 0);
    return 0;
}
