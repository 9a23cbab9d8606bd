/* test_entity.c - unit tests of pc_entity (dictionary + tagger + numex merge). */
#include "harness.h"

#include "pc_entity.h"
#include "pc_gazetteer.h"
#include "pc_segment.h"
#include "pc_tagger.h"

typedef struct {
    pc_seg_result seg;
    pc_sentence sent[8];
    size_t nsent;
} S_doc;

/* tokens by pc_tokenize; a sentence ends after each "." token */
static void S_make_doc(const char *text, S_doc *d)
{
    size_t i, t0 = 0;
    memset(d, 0, sizeof *d);
    CHECK_EQ_INT(pc_tokenize(pc_mem_default(), text, 0, strlen(text), &d->seg), PC_OK);
    for (i = 0; i < d->seg.ntok; i++) {
        int dot = d->seg.toks[i].end - d->seg.toks[i].start == 1 && text[d->seg.toks[i].start] == '.';
        if ((dot || i + 1 == d->seg.ntok) && d->nsent < 8) {
            pc_sentence *s = &d->sent[d->nsent++];
            s->start = d->seg.toks[t0].start;
            s->end = d->seg.toks[i].end;
            s->tok_start = (uint32_t)t0;
            s->tok_end = (uint32_t)(i + 1);
            t0 = i + 1;
        }
    }
}

static void S_free_doc(S_doc *d) { pc_seg_result_free(pc_mem_default(), &d->seg); }

static pc_gaz_matcher *S_matcher(void)
{
    pc_gaz *g = NULL;
    pc_gaz_matcher *m = NULL;
    static const struct {
        const char *s;
        uint32_t label;
    } E[] = {
        {"Baku", PC_ENT_GPE}, {"Armenia", PC_ENT_GPE}, {"Karabakh", PC_ENT_LOC},
        {"Foreign Minister", PC_ENT_TITLE}, {"Armenian", PC_ENT_NORP}, {"Naxçıvan", PC_ENT_GPE},
    };
    size_t i;
    CHECK_EQ_INT(pc_gaz_new(pc_mem_default(), &g), PC_OK);
    for (i = 0; i < sizeof E / sizeof E[0]; i++)
        CHECK_EQ_INT(pc_gaz_add(g, E[i].s, strlen(E[i].s), E[i].label, (uint32_t)i, PC_GAZ_CASE_AUTO, NULL), PC_OK);
    CHECK_EQ_INT(pc_gaz_compile(g, &m), PC_OK);
    pc_gaz_free(g);
    return m;
}

/* A tiny tagger that learned "<Cap> <Cap> spoke/visited" = a person. */
static pc_tagger *S_tagger(void)
{
    static const char *names[][2] = {{"Hasmik", "Tolmajyan"}, {"Anna", "Petrosyan"}, {"Ruben", "Vardanyan"},
                                     {"Leyla", "Abdullayeva"}, {"Togroul", "Djuvarli"}};
    static const char *verbs[] = {"spoke", "visited", "said"};
    pc_tagger *t = NULL;
    int epoch;
    size_t k, v;
    CHECK_EQ_INT(pc_tagger_new(pc_mem_default(), 10, &t), PC_OK);
    for (epoch = 0; epoch < 10; epoch++)
        for (k = 0; k < 5; k++)
            for (v = 0; v < 3; v++) {
                char buf[128];
                pc_span sp[4];
                uint8_t gold[4] = {PC_TAG_B_PER, PC_TAG_I_PER, PC_TAG_O, PC_TAG_O};
                size_t a = strlen(names[k][0]), b = strlen(names[k][1]), c = strlen(verbs[v]);
                snprintf(buf, sizeof buf, "%s %s %s .", names[k][0], names[k][1], verbs[v]);
                sp[0].start = 0, sp[0].end = (uint32_t)a;
                sp[1].start = (uint32_t)a + 1, sp[1].end = (uint32_t)(a + 1 + b);
                sp[2].start = (uint32_t)(a + b + 2), sp[2].end = (uint32_t)(a + b + 2 + c);
                sp[3].start = sp[2].end + 1, sp[3].end = sp[2].end + 2;
                CHECK_EQ_INT(pc_tagger_train_sentence(t, buf, strlen(buf), sp, 4, NULL, gold, NULL), PC_OK);
            }
    CHECK_EQ_INT(pc_tagger_finalize(t), PC_OK);
    return t;
}

static const pc_entity *S_find(const pc_entity_result *r, const char *text, const char *surface)
{
    size_t i, n = strlen(surface);
    for (i = 0; i < r->n; i++)
        if (r->v[i].end - r->v[i].start == n && memcmp(text + r->v[i].start, surface, n) == 0)
            return &r->v[i];
    return NULL;
}

static void test_pipeline(void)
{
    const char *text = "Foreign Minister Hasmik Tolmajyan visited Baku in September 2022 . "
                       "Armenian troops left Karabakh .";
    S_doc d;
    pc_gaz_matcher *m = S_matcher();
    pc_tagger *t = S_tagger();
    pc_entity_config cfg;
    pc_entity_result r = {NULL, 0, 0};
    const pc_entity *e;
    size_t i;

    S_make_doc(text, &d);
    CHECK_EQ_INT(d.nsent, 2);
    memset(&cfg, 0, sizeof cfg);
    cfg.gaz = m;
    cfg.tagger = t;
    cfg.title_label = PC_ENT_TITLE;
    cfg.numex = 1;
    CHECK_EQ_INT(pc_entity_extract(&cfg, pc_mem_default(), text, strlen(text), d.seg.toks, d.seg.ntok, d.sent,
                                   d.nsent, &r),
                 PC_OK);
    e = S_find(&r, text, "Foreign Minister");
    CHECK(e && e->label == PC_ENT_TITLE && e->source == 3);
    e = S_find(&r, text, "Hasmik Tolmajyan");
    CHECK(e && e->label == PC_ENT_PERSON && e->source == PC_ENT_SRC_TAGGER && e->tok_end - e->tok_start == 2);
    e = S_find(&r, text, "Baku");
    CHECK(e && e->label == PC_ENT_GPE && e->source == 0);
    e = S_find(&r, text, "September 2022");
    CHECK(e && e->label == PC_ENT_DATE && e->source == PC_ENT_SRC_NUMEX);
    e = S_find(&r, text, "Armenian");
    CHECK(e && e->label == PC_ENT_NORP);
    e = S_find(&r, text, "Karabakh");
    CHECK(e && e->label == PC_ENT_LOC);
    for (i = 1; i < r.n; i++) /* sorted, non-overlapping */
        CHECK(r.v[i - 1].end <= r.v[i].start);

    /* without tagger and numex: dictionary only */
    cfg.tagger = NULL;
    cfg.numex = 0;
    CHECK_EQ_INT(pc_entity_extract(&cfg, pc_mem_default(), text, strlen(text), d.seg.toks, d.seg.ntok, d.sent,
                                   d.nsent, &r),
                 PC_OK);
    CHECK_EQ_INT(r.n, 4); /* title, Baku, Armenian, Karabakh */
    CHECK(S_find(&r, text, "Hasmik Tolmajyan") == NULL);

    /* the place feature from the gazetteer (place == NULL) and from a separate matcher agree here */
    cfg.tagger = t;
    cfg.place = m;
    CHECK_EQ_INT(pc_entity_extract(&cfg, pc_mem_default(), text, strlen(text), d.seg.toks, d.seg.ntok, d.sent,
                                   d.nsent, &r),
                 PC_OK);
    CHECK(S_find(&r, text, "Hasmik Tolmajyan") != NULL);

    pc_entity_result_free(pc_mem_default(), &r);
    S_free_doc(&d);
    pc_tagger_free(t);
    pc_gaz_matcher_free(m);
}

static void test_code_points(void)
{
    const char *text = "«Naxçıvan» and Baku .";
    S_doc d;
    pc_gaz_matcher *m = S_matcher();
    pc_entity_config cfg;
    pc_entity_result r = {NULL, 0, 0};
    S_make_doc(text, &d);
    memset(&cfg, 0, sizeof cfg);
    cfg.gaz = m;
    cfg.title_label = PC_ENT_TITLE;
    CHECK_EQ_INT(pc_entity_extract(&cfg, pc_mem_default(), text, strlen(text), d.seg.toks, d.seg.ntok, d.sent,
                                   d.nsent, &r),
                 PC_OK);
    CHECK_EQ_INT(r.n, 2);
    pc_entity_to_cp(text, strlen(text), &r);
    CHECK_EQ_INT(r.v[0].start, 1); /* after « (one code point, two bytes) */
    CHECK_EQ_INT(r.v[0].end, 9);
    CHECK_EQ_INT(r.v[1].start, 15);
    CHECK_EQ_INT(r.v[1].end, 19);
    pc_entity_result_free(pc_mem_default(), &r);
    S_free_doc(&d);
    pc_gaz_matcher_free(m);
}

static void test_invalid(void)
{
    const char *text = "Baku .";
    pc_entity_config cfg;
    pc_entity_result r = {NULL, 0, 0};
    pc_token bad = {0, 99, PC_TOK_WORD, 0};
    pc_sentence s = {0, 6, 0, 5, 0};
    memset(&cfg, 0, sizeof cfg);
    CHECK_EQ_INT(pc_entity_extract(NULL, pc_mem_default(), text, 6, NULL, 0, NULL, 0, &r), PC_EINVAL);
    CHECK_EQ_INT(pc_entity_extract(&cfg, pc_mem_default(), text, 6, &bad, 1, NULL, 0, &r), PC_EINVAL);
    bad.end = 4;
    CHECK_EQ_INT(pc_entity_extract(&cfg, pc_mem_default(), text, 6, &bad, 1, &s, 1, &r), PC_EINVAL);
    CHECK_EQ_INT(pc_entity_extract(&cfg, pc_mem_default(), "", 0, NULL, 0, NULL, 0, &r), PC_OK);
    CHECK_EQ_INT(r.n, 0);
    CHECK(strcmp(pc_entity_label(PC_ENT_GPE), "GPE") == 0 && pc_entity_label(999)[0] == 0);
    pc_entity_result_free(pc_mem_default(), &r);
}

static void test_enomem(void)
{
    const char *text = "Foreign Minister Hasmik Tolmajyan visited Baku in September 2022 . Armenian troops left .";
    S_doc d;
    pc_gaz_matcher *m = S_matcher();
    pc_tagger *t = S_tagger();
    pc_entity_config cfg;
    long k;
    size_t ok_n = 0;
    S_make_doc(text, &d);
    memset(&cfg, 0, sizeof cfg);
    cfg.gaz = m;
    cfg.tagger = t;
    cfg.title_label = PC_ENT_TITLE;
    cfg.numex = 1;
    for (k = 1; k < 200; k++) {
        pc_test_failctx c = {k, 0, 0};
        pc_mem fm = pc_test_failmem(&c);
        pc_entity_result r = {NULL, 0, 0};
        int rc = pc_entity_extract(&cfg, &fm, text, strlen(text), d.seg.toks, d.seg.ntok, d.sent, d.nsent, &r);
        CHECK(rc == PC_OK || rc == PC_ENOMEM);
        if (rc == PC_OK)
            ok_n = r.n;
        pc_entity_result_free(&fm, &r);
        CHECK_EQ_INT(c.live, 0);
        if (rc == PC_OK)
            break;
    }
    CHECK(k < 200);
    CHECK(ok_n >= 5);
    S_free_doc(&d);
    pc_tagger_free(t);
    pc_gaz_matcher_free(m);
}

int main(void)
{
    RUN(test_pipeline);
    RUN(test_code_points);
    RUN(test_invalid);
    RUN(test_enomem);
    return pc_test_summary("test_entity");
}
