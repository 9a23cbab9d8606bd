/*
 * fuzz_time.c - time expressions, pc_time_scan, over what pc_doc_parse makes
 * of the input.
 *
 * Input: byte 0 = options: bits 0-1 the publication date (0 unknown, 1
 * 2024-02-29, 2 year only, 3 from bytes 1-2: year 1900 + byte1, month
 * byte2 % 14, day byte2 / 8 -- out-of-range months and days included), bit
 * 2: fail allocation number byte1 + 1 of the scan (ENOMEM paths); the rest
 * is the document (plain text).
 * Invariants: success or PC_ENOMEM; expressions sorted, disjoint, non-empty,
 * inside one sentence; value empty or equal to the partial value; both
 * NUL-terminated and X-free when resolved; an unknown publication date never
 * yields a resolved deictic value; anchors point backwards; no block is left.
 */
#include "fuzz_common.h"
#include "pc_doc.h"
#include "pc_time.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_memctx mc;
    pc_mem mem = fuzz_mem(&mc);
    pc_doc_opts opts = {PC_MODE_TEXT, 0, 0};
    pc_doc doc;
    pc_time_result r = {NULL, 0, 0};
    pc_time_dct dct = {0, 0, 0};
    size_t i, s = 0;
    int opt, rc;

    if (size < 3)
        return 0;
    opt = data[0];
    switch (opt & 3) {
    case 1:
        dct.year = 2024, dct.month = 2, dct.day = 29;
        break;
    case 2:
        dct.year = 2013;
        break;
    case 3:
        dct.year = 1900 + data[1], dct.month = data[2] % 14, dct.day = data[2] / 8;
        break;
    default:
        break;
    }
    if (pc_doc_parse(pc_mem_default(), (const char *)data + 3, size - 3, &opts, &doc) != PC_OK)
        return 0;
    if (opt & 4)
        mc.fail_at = data[1] + 1;
    rc = pc_time_scan(&mem, doc.clean.text.data, doc.clean.text.len, doc.seg.toks, doc.seg.ntok, doc.seg.sents,
                      doc.seg.nsent, (opt & 3) ? &dct : NULL, &r);
    if (mc.fail_at && mc.count >= mc.fail_at) {
        FUZZ_ASSERT(rc == PC_ENOMEM);
    } else {
        FUZZ_ASSERT(rc == PC_OK);
        for (i = 0; i < r.n; i++) {
            const pc_timex *x = &r.items[i];
            FUZZ_ASSERT(x->tok_start < x->tok_end && x->tok_end <= doc.seg.ntok);
            FUZZ_ASSERT(i == 0 || x->tok_start >= r.items[i - 1].tok_end);
            while (s < doc.seg.nsent && doc.seg.sents[s].tok_end <= x->tok_start)
                s++;
            FUZZ_ASSERT(s < doc.seg.nsent && x->tok_end <= doc.seg.sents[s].tok_end);
            FUZZ_ASSERT(x->type >= PC_TX_DATE && x->type <= PC_TX_SET);
            FUZZ_ASSERT(memchr(x->value, 0, sizeof x->value) && memchr(x->partial, 0, sizeof x->partial));
            FUZZ_ASSERT(x->partial[0] != 0);
            FUZZ_ASSERT(x->value[0] == 0 || strcmp(x->value, x->partial) == 0);
            FUZZ_ASSERT(x->value[0] == 0 || x->type == PC_TX_DURATION || x->type == PC_TX_SET ||
                        strchr(x->value, 'X') == NULL);
            FUZZ_ASSERT(x->anchor <= PC_TA_TEXT);
            FUZZ_ASSERT((x->anchor == PC_TA_TEXT) == (x->anchor_index >= 0));
            FUZZ_ASSERT(x->anchor_index < (int32_t)i);
            if (!(opt & 3))
                FUZZ_ASSERT(x->anchor != PC_TA_DCT);
            if ((opt & 3) && x->anchor == PC_TA_DCT_UNKNOWN)
                FUZZ_ASSERT(dct.year < 1 || dct.year > 9999);
        }
    }
    pc_time_result_free(&mem, &r);
    FUZZ_ASSERT(mc.live == 0);
    pc_doc_free(pc_mem_default(), &doc);
    return 0;
}
