/* fuzz_quote.c - libFuzzer target for the quotation scanner.
 *
 * Input byte 0 picks options: bit 0 = split paragraphs at '\n' (else the
 * whole input is one paragraph), bit 1 = scan without tokens (empty
 * segmentation), bit 2 = also find reported speech (PC_QUOTE_REPORTED).  The rest is the text, repaired to valid UTF-8 first as
 * the engine's contract requires. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pc_buf.h"
#include "pc_quote.h"
#include "pc_segment.h"
#include "pc_utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const pc_mem *mem = pc_mem_default();
    pc_buf text;
    pc_repair_stats st;
    pc_seg_result seg;
    pc_quote_result qr;
    pc_para *paras = NULL;
    size_t np = 0, cap = 0, s = 0, i, len;
    int opts;

    if (size < 1)
        return 0;
    opts = data[0];
    memset(&text, 0, sizeof text);
    memset(&st, 0, sizeof st);
    memset(&seg, 0, sizeof seg);
    memset(&qr, 0, sizeof qr);
    if (pc_utf8_repair(mem, (const char *)data + 1, size - 1, &text, &st) != PC_OK)
        goto done;
    len = text.len;
    if (opts & 1) {
        for (i = 0; i <= len; i++) {
            if (i == len || text.data[i] == '\n') {
                if (i > s) {
                    if (pc_grow(mem, (void **)&paras, &cap, np + 1, sizeof(pc_para)) != PC_OK)
                        goto done;
                    paras[np].start = (uint32_t)s;
                    paras[np].end = (uint32_t)i;
                    paras[np].kind = PC_PARA_BODY;
                    np++;
                }
                s = i + 1;
            }
        }
    }
    if (!(opts & 2) && pc_segment(mem, text.data ? text.data : "", len, paras, np, &seg) != PC_OK)
        goto done;
    if (pc_quote_scan(mem, text.data ? text.data : "", len, paras, np, &seg,
                      (opts & 4) ? PC_QUOTE_REPORTED : 0, &qr) == PC_OK) {
        for (i = 0; i < qr.nquote; i++) {
            const pc_quote *q = &qr.quotes[i];
            if (q->start > q->end || q->end > len)
                abort();
            if (q->kind == PC_QK_INDIRECT ? (q->open_mark != PC_QUOTE_NONE || q->close_mark != PC_QUOTE_NONE)
                                          : q->open_mark >= q->start)
                abort();
            if (q->cue_start != PC_QUOTE_NONE && (q->cue_start > q->cue_end || q->cue_end > len))
                abort();
            if (q->spk_start != PC_QUOTE_NONE && (q->spk_start > q->spk_end || q->spk_end > len))
                abort();
            if (q->cont != PC_QUOTE_NONE && q->cont >= i)
                abort();
            if (q->kind < PC_QK_DIRECT || q->kind > PC_QK_INDIRECT)
                abort();
        }
    }
done:
    pc_quote_free(mem, &qr);
    pc_seg_result_free(mem, &seg);
    pc_buf_free(mem, &text);
    if (paras)
        mem->free(mem->ctx, paras);
    return 0;
}
