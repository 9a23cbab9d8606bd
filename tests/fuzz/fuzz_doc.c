/*
 * fuzz_doc.c - the whole pipeline, pc_doc_parse.
 *
 * Input: byte 0 = options: bits 0-1 mode (3 -> AUTO), bits 2-4 pc_clean
 * flags, bit 5: max_bytes = half the input (PC_ETOOBIG path), bit 6: fail
 * allocation number byte1 (ENOMEM paths); the rest is the document.
 * Invariants: success or the documented error; all offsets inside the text;
 * sentences cover the tokens; no block outlives pc_doc_free.
 */
#include "fuzz_common.h"
#include "pc_doc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_memctx mc;
    pc_mem mem = fuzz_mem(&mc);
    pc_doc_opts opts;
    pc_doc doc;
    const char *in;
    size_t n, i;
    int opt, rc;

    if (size < 2)
        return 0;
    opt = data[0];
    in = (const char *)data + 2;
    n = size - 2;
    opts.mode = (opt & 3) == 3 ? PC_MODE_AUTO : (opt & 3);
    opts.clean_flags = (opt >> 2) & 7;
    opts.max_bytes = (opt & 32) ? n / 2 + 1 : 0;
    if (opt & 64)
        mc.fail_at = data[1] + 1;
    rc = pc_doc_parse(&mem, in, n, &opts, &doc);
    if (opts.max_bytes && n > opts.max_bytes) {
        FUZZ_ASSERT(rc == PC_ETOOBIG);
    } else if (mc.fail_at && mc.count >= mc.fail_at) {
        FUZZ_ASSERT(rc == PC_ENOMEM);
    } else {
        FUZZ_ASSERT(rc == PC_OK);
        FUZZ_ASSERT(doc.clean.text.data != NULL);
        FUZZ_ASSERT(fuzz_valid_utf8(doc.clean.text.data, doc.clean.text.len));
        FUZZ_ASSERT(doc.is_html || opts.mode != PC_MODE_HTML || 0);
        FUZZ_ASSERT(!doc.is_html || opts.mode != PC_MODE_TEXT);
        for (i = 0; i < doc.clean.npara; i++)
            FUZZ_ASSERT(doc.clean.paras[i].start < doc.clean.paras[i].end &&
                        doc.clean.paras[i].end <= doc.clean.text.len);
        for (i = 0; i < doc.seg.ntok; i++)
            FUZZ_ASSERT(doc.seg.toks[i].start < doc.seg.toks[i].end &&
                        doc.seg.toks[i].end <= doc.clean.text.len &&
                        (i == 0 || doc.seg.toks[i].start >= doc.seg.toks[i - 1].end));
        for (i = 0; i < doc.seg.nsent; i++)
            FUZZ_ASSERT(doc.seg.sents[i].tok_start == (i ? doc.seg.sents[i - 1].tok_end : 0));
        FUZZ_ASSERT(doc.seg.nsent == 0 || doc.seg.sents[doc.seg.nsent - 1].tok_end == doc.seg.ntok);
        FUZZ_ASSERT(doc.seg.ntok == 0 || doc.seg.nsent > 0);
        for (i = 0; i < doc.html.nmeta; i++)
            FUZZ_ASSERT(doc.html.meta[i].end <= doc.html.metabuf.len);
        if (doc.clean.stats.invalid == 0 && doc.clean.stats.nul == 0)
            FUZZ_ASSERT(fuzz_valid_utf8(in, n));
        else
            FUZZ_ASSERT(!fuzz_valid_utf8(in, n));
    }
    pc_doc_free(&mem, &doc);
    FUZZ_ASSERT(mc.live == 0);
    return 0;
}
