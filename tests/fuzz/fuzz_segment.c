/*
 * fuzz_segment.c - pc_segment over pc_clean output (and pc_tokenize over an
 * arbitrary range of it).
 *
 * Input: byte 0 = pc_clean flags (bits 0-2) and bit 3: treat every
 * paragraph as body; the rest is plain text.  Invariants: cleaned text is
 * valid UTF-8 without control characters; paragraphs are sorted and
 * disjoint; tokens are non-empty, sorted, on code point boundaries and
 * inside their paragraph; sentences cover the tokens exactly, in order,
 * and never cross a paragraph.
 */
#include "fuzz_common.h"
#include "pc_clean.h"
#include "pc_segment.h"
#include "pc_utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_memctx mc;
    pc_mem mem = fuzz_mem(&mc);
    pc_buf rep = PC_BUF_INIT;
    pc_repair_stats st;
    pc_clean_result cr;
    pc_seg_result sr;
    size_t i, p, t;
    int opt;
    const char *text;

    if (size < 1)
        return 0;
    opt = data[0];
    memset(&st, 0, sizeof st);
    memset(&cr, 0, sizeof cr);
    memset(&sr, 0, sizeof sr);
    FUZZ_ASSERT(pc_utf8_repair(&mem, (const char *)data + 1, size - 1, &rep, &st) == PC_OK);
    FUZZ_ASSERT(pc_clean(&mem, rep.data ? rep.data : "", rep.len, NULL, 0, opt & 7, &cr) == PC_OK);
    text = cr.text.data;
    FUZZ_ASSERT(text != NULL);
    FUZZ_ASSERT(fuzz_valid_utf8(text, cr.text.len));
    FUZZ_ASSERT(fuzz_valid_utf8(cr.removed_text.data, cr.removed_text.len));
    for (i = 0; i < cr.text.len; i++) /* controls became spaces, lines became paragraphs */
        FUZZ_ASSERT((unsigned char)text[i] >= 0x20 || text[i] == '\n');
    for (p = 0; p < cr.npara; p++) {
        FUZZ_ASSERT(cr.paras[p].start < cr.paras[p].end && cr.paras[p].end <= cr.text.len);
        FUZZ_ASSERT(p == 0 || cr.paras[p].start >= cr.paras[p - 1].end + 2);
        FUZZ_ASSERT(text[cr.paras[p].start] != ' ' && text[cr.paras[p].end - 1] != ' ');
        FUZZ_ASSERT(memchr(text + cr.paras[p].start, '\n', cr.paras[p].end - cr.paras[p].start) == NULL);
        if (opt & 8)
            cr.paras[p].kind = PC_PARA_BODY;
    }
    for (i = 0; i < cr.nremoved; i++) {
        const pc_removed *r = &cr.removed[i];
        FUZZ_ASSERT(r->text_start <= r->text_end && r->text_end <= cr.removed_text.len);
        FUZZ_ASSERT(r->pos <= cr.text.len);
        FUZZ_ASSERT(r->reason > 0 && r->reason < PC_RM__COUNT);
        FUZZ_ASSERT(pc_reason_name(r->reason)[0] != '\0');
        FUZZ_ASSERT(i == 0 || r->pos >= cr.removed[i - 1].pos);
    }

    FUZZ_ASSERT(pc_segment(&mem, text, cr.text.len, cr.paras, cr.npara, &sr) == PC_OK);
    for (t = 0, p = 0; t < sr.ntok; t++) {
        const pc_token *tk = &sr.toks[t];
        FUZZ_ASSERT(tk->start < tk->end);
        FUZZ_ASSERT(t == 0 || tk->start >= sr.toks[t - 1].end);
        FUZZ_ASSERT(fuzz_boundary(text, cr.text.len, tk->start));
        FUZZ_ASSERT(fuzz_boundary(text, cr.text.len, tk->end));
        FUZZ_ASSERT(tk->kind >= PC_TOK_WORD && tk->kind <= PC_TOK_URL);
        while (p < cr.npara && cr.paras[p].end <= tk->start)
            p++;
        FUZZ_ASSERT(p < cr.npara && tk->start >= cr.paras[p].start && tk->end <= cr.paras[p].end);
        FUZZ_ASSERT(text[tk->start] != ' ');
    }
    /* every non-empty paragraph has a token, every token one sentence */
    FUZZ_ASSERT(cr.npara == 0 || sr.ntok > 0);
    FUZZ_ASSERT((sr.ntok == 0) == (sr.nsent == 0));
    for (i = 0; i < sr.nsent; i++) {
        const pc_sentence *s = &sr.sents[i];
        FUZZ_ASSERT(s->tok_start < s->tok_end && s->tok_end <= sr.ntok);
        FUZZ_ASSERT(s->tok_start == (i ? sr.sents[i - 1].tok_end : 0));
        FUZZ_ASSERT(s->start == sr.toks[s->tok_start].start && s->end == sr.toks[s->tok_end - 1].end);
        FUZZ_ASSERT(s->para < cr.npara);
        FUZZ_ASSERT(s->start >= cr.paras[s->para].start && s->end <= cr.paras[s->para].end);
        FUZZ_ASSERT(i == 0 || s->para >= sr.sents[i - 1].para);
    }
    FUZZ_ASSERT(sr.nsent == 0 || sr.sents[sr.nsent - 1].tok_end == sr.ntok);

    /* pc_tokenize over an arbitrary code point range of the text */
    if (cr.text.len > 2) {
        pc_seg_result r2;
        size_t a = (size_t)data[0] % cr.text.len, b = cr.text.len - a / 2;
        memset(&r2, 0, sizeof r2);
        while (a < cr.text.len && !fuzz_boundary(text, cr.text.len, a))
            a++;
        if (b < a)
            b = a;
        while (b < cr.text.len && !fuzz_boundary(text, cr.text.len, b))
            b++;
        FUZZ_ASSERT(pc_tokenize(&mem, text, a, b, &r2) == PC_OK);
        for (t = 0; t < r2.ntok; t++)
            FUZZ_ASSERT(r2.toks[t].start >= a && r2.toks[t].end <= b &&
                        r2.toks[t].start < r2.toks[t].end);
        pc_seg_result_free(&mem, &r2);
    }

    pc_seg_result_free(&mem, &sr);
    pc_clean_result_free(&mem, &cr);
    pc_buf_free(&mem, &rep);
    FUZZ_ASSERT(mc.live == 0);
    return 0;
}
