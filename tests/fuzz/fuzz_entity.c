/* fuzz_entity.c - libFuzzer target for pc_entity_extract and
 * pc_mention_finish (the two halves of one extraction, as the binding runs
 * them).
 *
 * Input layout: byte 0 = options (bit 0: numeric rules; bit 1: tagger;
 * bit 2: separate place matcher for the tagger feature; bit 3: widen;
 * bit 4: max 1 token per sentence; bits 5-6: kind of every second
 * paragraph), the rest is the text.  Tokens come from pc_tokenize,
 * sentences end after each "." token, and each sentence is a paragraph.
 * Every result is checked: inside the text, sorted, non-overlapping, token
 * ranges consistent, labels known; canonical and role spans inside the
 * text; the code-point conversions must stay monotone.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pc_entity.h"
#include "pc_gazetteer.h"
#include "pc_mention.h"
#include "pc_segment.h"
#include "pc_tagger.h"

static pc_gaz_matcher *S_gaz, *S_place;
static pc_tagger *S_tg;

/* canonical names of the 10 entries of S_init */
static const char S_blob[] = "BakuArmeniaKarabakhForeign MinisterArmenianNakhchivanUnited NationsSouth CaucasusAa";
static const uint32_t S_off[] = {0, 4, 11, 19, 35, 43, 53, 67, 81, 82, 83};
/* PC_ENT_ENTRY_* flags: entity ids, and some entries weak (cities that may name a club) */
static const uint8_t S_has_eid[] = {1, 3, 0, 2, 0, 3, 1, 2, 0, 1};
static const pc_mention_names S_names = {S_blob, S_off, S_has_eid, 10};

/* Finish the spans of `r` and check the mentions. */
static void S_mentions(const char *text, size_t len, const pc_seg_result *seg, const pc_sentence *sents,
                       size_t ns, const uint32_t *kinds, const pc_entity_result *r)
{
    const pc_mem *mem = pc_mem_default();
    pc_mention_result m = {NULL, 0, 0};
    size_t i;
    if (pc_mention_finish(mem, text, len, seg->toks, seg->ntok, sents, ns, kinds, ns, r, PC_ENT_TITLE, &S_names,
                          &m) != PC_OK)
        goto done;
    for (i = 0; i < m.n; i++) {
        const pc_mention *e = &m.v[i];
        if (e->start > e->end || e->end > len || e->tok_start > e->tok_end || e->tok_end > seg->ntok ||
            (i && m.v[i - 1].start > e->start) || e->sentence >= (int32_t)ns || e->entity_id >= 10 ||
            (e->canon_kind == PC_CANON_ENTRY && e->canon_a >= 10) ||
            (e->canon_kind == PC_CANON_TEXT && (e->canon_a > e->canon_b || e->canon_b > len)) ||
            (e->has_role && (e->role_a > e->role_b || e->role_b > len)))
            abort();
    }
    if (pc_mention_to_cp(mem, text, len, &m) != PC_OK)
        goto done;
    for (i = 0; i < m.n; i++)
        if (m.v[i].start > m.v[i].end || m.v[i].end > len)
            abort();
done:
    pc_mention_result_free(mem, &m);
}

static void S_init(void)
{
    static const char *ents[] = {"Baku", "Armenia", "Karabakh", "Foreign Minister", "Armenian", "Naxçıvan",
                                 "UN", "South Caucasus", "a", "é"};
    static const uint32_t labels[] = {PC_ENT_GPE, PC_ENT_GPE, PC_ENT_LOC, PC_ENT_TITLE, PC_ENT_NORP,
                                      PC_ENT_GPE, PC_ENT_ORG, PC_ENT_LOC, PC_ENT_ORG, PC_ENT_PERSON};
    const pc_mem *mem = pc_mem_default();
    pc_gaz *g = NULL;
    size_t i;
    int epoch;
    if (S_gaz)
        return;
    if (pc_gaz_new(mem, &g) != PC_OK)
        abort();
    for (i = 0; i < sizeof ents / sizeof ents[0]; i++)
        if (pc_gaz_add(g, ents[i], strlen(ents[i]), labels[i], (uint32_t)i, PC_GAZ_CASE_AUTO, NULL) != PC_OK)
            abort();
    if (pc_gaz_compile(g, &S_gaz) != PC_OK || pc_gaz_compile(g, &S_place) != PC_OK)
        abort();
    pc_gaz_free(g);
    if (pc_tagger_new(mem, 8, &S_tg) != PC_OK)
        abort();
    for (epoch = 0; epoch < 5; epoch++) {
        const char *s = "Hasmik Tolmajyan met Lavrov in Baku and the UN Army .";
        pc_span sp[11];
        uint8_t gold[11] = {1, 2, 0, 1, 0, 5, 0, 0, 3, 4, 0};
        size_t k = 0, p = 0, n = strlen(s);
        while (p < n && k < 11) {
            size_t q = p;
            while (q < n && s[q] != ' ')
                q++;
            sp[k].start = (uint32_t)p;
            sp[k].end = (uint32_t)q;
            k++;
            p = q + 1;
        }
        if (pc_tagger_train_sentence(S_tg, s, n, sp, k, NULL, gold, NULL) != PC_OK)
            abort();
    }
    if (pc_tagger_finalize(S_tg) != PC_OK)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const pc_mem *mem = pc_mem_default();
    pc_seg_result seg;
    pc_sentence *sents = NULL;
    uint32_t *kinds = NULL;
    pc_entity_config cfg;
    pc_entity_result r = {NULL, 0, 0};
    const char *text;
    size_t len, i, ns = 0, t0 = 0;
    uint8_t opt;
    int rc;

    if (size < 1)
        return 0;
    S_init();
    opt = data[0];
    text = (const char *)data + 1;
    len = size - 1;
    memset(&seg, 0, sizeof seg);
    if (pc_tokenize(mem, text, 0, len, &seg) != PC_OK)
        goto done;
    sents = (pc_sentence *)calloc(seg.ntok + 1, sizeof *sents);
    kinds = (uint32_t *)calloc(seg.ntok + 1, sizeof *kinds);
    if (!sents || !kinds)
        goto done;
    for (i = 0; i < seg.ntok; i++) {
        int dot = seg.toks[i].end - seg.toks[i].start == 1 && text[seg.toks[i].start] == '.';
        if (dot || i + 1 == seg.ntok || (opt & 16)) {
            sents[ns].start = seg.toks[t0].start;
            sents[ns].end = seg.toks[i].end;
            sents[ns].tok_start = (uint32_t)t0;
            sents[ns].tok_end = (uint32_t)(i + 1);
            sents[ns].para = (uint32_t)ns;
            kinds[ns] = ns % 2 ? (uint32_t)((opt >> 5) & 3) : 0;
            ns++;
            t0 = i + 1;
        }
    }
    memset(&cfg, 0, sizeof cfg);
    cfg.gaz = S_gaz;
    cfg.place = (opt & 4) ? S_place : NULL;
    cfg.tagger = (opt & 2) ? S_tg : NULL;
    cfg.title_label = PC_ENT_TITLE;
    cfg.numex = opt & 1;
    cfg.widen = (opt >> 3) & 1;
    cfg.entry_flags = S_has_eid;
    cfg.n_entry_flags = 10;
    rc = pc_entity_extract(&cfg, mem, text, len, seg.toks, seg.ntok, sents, ns, &r);
    if (rc != PC_OK)
        goto done;
    for (i = 0; i < r.n; i++) {
        const pc_entity *e = &r.v[i];
        if (e->start >= e->end || e->end > len || e->tok_start > e->tok_end || e->tok_end > seg.ntok ||
            e->label >= PC_ENT_NLABELS || (i && r.v[i - 1].end > e->start))
            abort();
    }
    S_mentions(text, len, &seg, sents, ns, kinds, &r);
    pc_entity_to_cp(text, len, &r);
    for (i = 0; i < r.n; i++)
        if (r.v[i].start > r.v[i].end || r.v[i].end > len || (i && r.v[i - 1].end > r.v[i].start))
            abort();
done:
    pc_entity_result_free(mem, &r);
    pc_seg_result_free(mem, &seg);
    free(sents);
    free(kinds);
    return 0;
}
