/*
 * fuzz_event.c - event mentions, pc_event_scan, over what pc_doc_parse and
 * pc_time_scan make of the input, with a fixed small lexicon.
 *
 * Input: byte 0 = options: bit 0: every capitalised word is an entity span
 * (labels cycling through PC_EL_*), else none; bit 1: pass the time spans;
 * bit 2: fail allocation number byte1 + 1 of the scan (ENOMEM paths); the
 * rest (from byte 2) is the document.
 * Invariants: success or PC_ENOMEM; events in sentence order, each trigger
 * inside its sentence; participant, place and time indices inside the
 * spans given; numbers inside the sentence, finite, value <= value2; no
 * block left allocated.
 */
#include <math.h>

#include "fuzz_common.h"
#include "pc_doc.h"
#include "pc_event.h"
#include "pc_time.h"

static const struct {
    int table;
    const char *phrase;
    int code, kind;
} S_entries[] = {
    {PC_EVL_TRIGGER, "met", 0, PC_EVK_VERB},
    {PC_EVL_TRIGGER, "talks", 0, PC_EVK_NOUN},
    {PC_EVL_TRIGGER, "seized", 1, PC_EVK_VERB | PC_EVK_PLACE_OBJECT},
    {PC_EVL_TRIGGER, "seized back", 1, PC_EVK_VERB | PC_EVK_PLACE_OBJECT},
    {PC_EVL_TRIGGER, "war", 2, PC_EVK_NAMED},
    {PC_EVL_TRIGGER, "agreement", 3, PC_EVK_NOUN},
    {PC_EVL_TRIGGER, "cease - fire", 3, PC_EVK_NOUN},
    {PC_EVL_CUE, "will", PC_EVC_PLANNED, 0},
    {PC_EVL_CUE, "expected to", PC_EVC_PLANNED, 0},
    {PC_EVL_CUE, "not", PC_EVC_NOT, 0},
    {PC_EVL_CUE, "whether", PC_EVC_HYPOTHETICAL, 0},
    {PC_EVL_CUE, "never took place", PC_EVC_CANCELLED, 0},
    {PC_EVL_CUE, "said", 5, 0},
    {PC_EVL_CUE, "held", 6, 0},
    {PC_EVL_UNIT, "people", 0, 0},
    {PC_EVL_UNIT, "%", 1, 0},
    {PC_EVL_UNIT, "$", 2, 0},
    {PC_EVL_UNIT, "per cent", 1, 0},
    {PC_EVL_QUAL, "nearly", 0, 0},
    {PC_EVL_QUAL, "more than", 1, 0},
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_memctx mc;
    pc_mem mem = fuzz_mem(&mc);
    pc_doc_opts opts = {PC_MODE_TEXT, 0, 0};
    pc_doc doc;
    pc_event_lexicon *lex = NULL;
    pc_time_result tr = {NULL, 0, 0};
    pc_event_result er;
    pc_event_span *ents = NULL, *times = NULL;
    size_t nent = 0, ntime = 0, i, k;
    int opt, rc;

    if (size < 2)
        return 0;
    opt = data[0];
    memset(&er, 0, sizeof er);
    if (pc_doc_parse(pc_mem_default(), (const char *)data + 2, size - 2, &opts, &doc) != PC_OK)
        return 0;
    if (pc_event_lexicon_new(pc_mem_default(), &lex) != PC_OK)
        goto done;
    for (k = 0; k < sizeof S_entries / sizeof S_entries[0]; k++)
        FUZZ_ASSERT(pc_event_lexicon_add(pc_mem_default(), lex, S_entries[k].table, S_entries[k].phrase,
                                         strlen(S_entries[k].phrase), S_entries[k].code, S_entries[k].kind) == PC_OK);
    FUZZ_ASSERT(pc_event_lexicon_compile(pc_mem_default(), lex) == PC_OK);
    ents = (pc_event_span *)calloc(doc.seg.ntok + 1, sizeof *ents);
    if (!ents)
        goto done;
    if (opt & 1)
        for (i = 0; i < doc.seg.ntok; i++) {
            char ch = doc.clean.text.data[doc.seg.toks[i].start];
            if (ch >= 'A' && ch <= 'Z') {
                ents[nent].tok_start = (uint32_t)i;
                ents[nent].tok_end = (uint32_t)(i + 1);
                ents[nent].label = (int32_t)(nent % PC_EL_OTHER) + 1;
                nent++;
            }
        }
    if (opt & 2) {
        if (pc_time_scan(pc_mem_default(), doc.clean.text.data, doc.clean.text.len, doc.seg.toks, doc.seg.ntok,
                         doc.seg.sents, doc.seg.nsent, NULL, &tr) != PC_OK)
            goto done;
        times = (pc_event_span *)calloc(tr.n + 1, sizeof *times);
        if (!times)
            goto done;
        for (i = 0; i < tr.n; i++) {
            times[i].tok_start = tr.items[i].tok_start;
            times[i].tok_end = tr.items[i].tok_end;
            times[i].label = tr.items[i].type | (i % 3 == 0 ? PC_EVT_VAGUE : 0);
        }
        ntime = tr.n;
    }
    if (opt & 4)
        mc.fail_at = data[1] + 1;
    rc = pc_event_scan(&mem, doc.clean.text.data, doc.clean.text.len, doc.seg.toks, doc.seg.ntok, doc.seg.sents,
                       doc.seg.nsent, lex, ents, nent, times, ntime, &er);
    if (mc.fail_at && mc.count >= mc.fail_at) {
        FUZZ_ASSERT(rc == PC_ENOMEM);
    } else {
        FUZZ_ASSERT(rc == PC_OK);
        for (i = 0; i < er.n; i++) {
            const pc_event *e = &er.events[i];
            const pc_sentence *s;
            FUZZ_ASSERT(e->sentence < doc.seg.nsent && (i == 0 || er.events[i - 1].sentence <= e->sentence));
            s = &doc.seg.sents[e->sentence];
            FUZZ_ASSERT(s->tok_start <= e->tok_start && e->tok_start < e->tok_end && e->tok_end <= s->tok_end);
            FUZZ_ASSERT(e->type >= 0 && e->type <= 3 && e->status <= PC_EV_DID_NOT_OCCUR);
            FUZZ_ASSERT(e->time < (int32_t)ntime && e->place < (int32_t)nent);
            FUZZ_ASSERT(e->arg_first + e->arg_n <= er.nargs && e->num_first + e->num_n <= er.nnums);
            for (k = 0; k < e->arg_n; k++)
                FUZZ_ASSERT(er.args[e->arg_first + k].entity >= 0 &&
                            er.args[e->arg_first + k].entity < (int32_t)nent);
            for (k = 0; k < e->num_n; k++) {
                const pc_event_number *x = &er.nums[e->num_first + k];
                FUZZ_ASSERT(s->tok_start <= x->tok_start && x->tok_start < x->tok_end && x->tok_end <= s->tok_end);
                FUZZ_ASSERT(isfinite(x->value) && isfinite(x->value2) && x->value <= x->value2);
                FUZZ_ASSERT(x->unit >= -1 && x->unit <= 2 && x->qual >= -1 && x->qual <= 1);
                FUZZ_ASSERT(x->unit_tok < doc.seg.ntok);
            }
        }
    }
    pc_event_result_free(&mem, &er);
    FUZZ_ASSERT(mc.live == 0);
done:
    free(ents);
    free(times);
    pc_time_result_free(pc_mem_default(), &tr);
    pc_event_lexicon_free(pc_mem_default(), lex);
    pc_doc_free(pc_mem_default(), &doc);
    return 0;
}
