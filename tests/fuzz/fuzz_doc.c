/* fuzz_doc.c - libFuzzer target for the per-document pipeline pc_doc_parse
 * (UTF-8 repair, HTML extraction, cleaning, tokens, sentences), whose word-
 * and 8-byte-at-a-time fast paths must hold for any bytes.
 *
 * Input layout: byte 0 = option bits, then the payload.
 *   bits 0-1: mode (0 auto, 1 text, 2 html, 3 auto);
 *   bit 2: PC_CLEAN_KEEP_BOILERPLATE; bit 3: PC_CLEAN_NO_MOJIBAKE;
 *   bit 4: PC_CLEAN_NO_NFC; bit 5: max_bytes = half the payload (must fail
 *          with PC_ETOOBIG when the payload is larger).
 * Checked: output text is valid UTF-8; paragraphs, sentences and tokens lie
 * inside it, in order; token kinds are known; sentence token ranges are valid.
 */
#include <stdlib.h>
#include <string.h>

#include "pc_doc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const pc_mem *mem = pc_mem_default();
    pc_doc_opts opts;
    pc_doc doc;
    const char *s;
    size_t n, i, tl;
    int rc, bits;

    if (size < 1)
        return 0;
    bits = data[0];
    s = (const char *)data + 1;
    n = size - 1;
    memset(&doc, 0, sizeof doc);
    opts.mode = (bits & 3) == 3 ? PC_MODE_AUTO : (bits & 3);
    opts.clean_flags = ((bits & 4) ? PC_CLEAN_KEEP_BOILERPLATE : 0) |
                       ((bits & 8) ? PC_CLEAN_NO_MOJIBAKE : 0) | ((bits & 16) ? PC_CLEAN_NO_NFC : 0);
    opts.max_bytes = (bits & 32) ? n / 2 : 0;
    rc = pc_doc_parse(mem, s, n, &opts, &doc);
    if ((bits & 32) && n / 2 > 0 && n > n / 2) {
        if (rc != PC_ETOOBIG)
            abort();
        pc_doc_free(mem, &doc);
        return 0;
    }
    if (rc != PC_OK) {
        if (rc != PC_ENOMEM && rc != PC_ETOOBIG)
            abort();
        pc_doc_free(mem, &doc);
        return 0;
    }
    tl = doc.clean.text.len;
    for (i = 0; i < tl;) {
        int32_t cp;
        size_t k = pc_utf8_decode(doc.clean.text.data + i, tl - i, &cp);
        if (cp == 0xFFFD && k == 1)
            abort(); /* a malformed byte survived the repair */
        i += k;
    }
    for (i = 0; i < doc.clean.npara; i++)
        if (doc.clean.paras[i].start > doc.clean.paras[i].end || doc.clean.paras[i].end > tl ||
            (i && doc.clean.paras[i].start < doc.clean.paras[i - 1].end))
            abort();
    for (i = 0; i < doc.seg.ntok; i++) {
        const pc_token *t = &doc.seg.toks[i];
        if (t->start >= t->end || t->end > tl || (i && t->start < doc.seg.toks[i - 1].end) ||
            t->kind > PC_TOK_URL)
            abort();
    }
    for (i = 0; i < doc.seg.nsent; i++) {
        const pc_sentence *se = &doc.seg.sents[i];
        if (se->start > se->end || se->end > tl || se->tok_start > se->tok_end ||
            se->tok_end > doc.seg.ntok || se->para >= doc.clean.npara)
            abort();
    }
    pc_doc_free(mem, &doc);
    return 0;
}
