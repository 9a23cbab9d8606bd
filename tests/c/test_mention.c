/* test_mention.c - unit tests of pc_mention (finishing entity mentions).  The raw spans are written by hand (as pc_entity_extract
 * would return them), so each rule is tested without a tagger. */
#include "harness.h"
#include "failloop.h"

#include "pc_mention.h"
#include "pc_segment.h"

#define MAXS 16

typedef struct {
    const char *text;
    pc_seg_result seg;
    pc_sentence sent[MAXS];
    uint32_t para_kind[MAXS];
    size_t nsent, npara;
    pc_entity_result raw;
    pc_mention_result out;
} S_doc;

/* Tokens by pc_tokenize; a sentence ends after each "." token; a "\n"
 * starts a new paragraph (kind 0 unless set later). */
static void S_make(S_doc *d, const char *text)
{
    size_t i, t0 = 0, para = 0;
    memset(d, 0, sizeof *d);
    d->text = text;
    CHECK_EQ_INT(pc_tokenize(pc_mem_default(), text, 0, strlen(text), &d->seg), PC_OK);
    for (i = 0; i < d->seg.ntok; i++) {
        const pc_token *t = &d->seg.toks[i];
        int dot = t->end - t->start == 1 && text[t->start] == '.';
        int nl = i + 1 < d->seg.ntok && memchr(text + t->end, '\n', d->seg.toks[i + 1].start - t->end) != NULL;
        if ((dot || nl || i + 1 == d->seg.ntok) && d->nsent < MAXS) {
            pc_sentence *s = &d->sent[d->nsent++];
            s->start = d->seg.toks[t0].start;
            s->end = t->end;
            s->tok_start = (uint32_t)t0;
            s->tok_end = (uint32_t)(i + 1);
            s->para = (uint32_t)para;
            t0 = i + 1;
            if (nl)
                para++;
        }
    }
    d->npara = para + 1;
}

/* Add a raw span over occurrence `nth` (0: the first) of `what`. */
static void S_raw(S_doc *d, const char *what, int nth, uint32_t label, int32_t source)
{
    const char *p = strstr(d->text, what);
    while (p && nth-- > 0)
        p = strstr(p + 1, what);
    pc_entity e;
    size_t k;
    CHECK(p != NULL);
    if (!p)
        return;
    memset(&e, 0, sizeof e);
    e.start = (uint32_t)(p - d->text);
    e.end = e.start + (uint32_t)strlen(what);
    for (k = 0; k < d->seg.ntok && d->seg.toks[k].end <= e.start; k++)
        ;
    e.tok_start = (uint32_t)k;
    while (k < d->seg.ntok && d->seg.toks[k].start < e.end)
        k++;
    e.tok_end = (uint32_t)k;
    e.label = label;
    e.source = source;
    e.score = 0.9f; /* a confident tagger (low scores are tested in test_unsure) */
    CHECK_EQ_INT(pc_grow(pc_mem_default(), (void **)&d->raw.v, &d->raw.cap, d->raw.n + 1, sizeof *d->raw.v), PC_OK);
    d->raw.v[d->raw.n++] = e;
}

/* gazetteer entries: 0 "Ararat Mirzoyan" (Q1), 1 "Radio Free Europe/Radio Liberty", 2 "Armenia" (Q399) */
static const char S_blob[] = "Ararat MirzoyanRadio Free Europe/Radio LibertyArmenia";
static const uint32_t S_off[] = {0, 15, 46, 53};
static const uint8_t S_eid[] = {1, 0, 1};
static const pc_mention_names S_names = {S_blob, S_off, S_eid, 3};

static int S_finish_mem(S_doc *d, const pc_mem *mem)
{
    return pc_mention_finish(mem, d->text, strlen(d->text), d->seg.toks, d->seg.ntok, d->sent, d->nsent,
                             d->para_kind, d->npara, &d->raw, PC_ENT_TITLE, &S_names, &d->out);
}

static void S_finish(S_doc *d) { CHECK_EQ_INT(S_finish_mem(d, pc_mem_default()), PC_OK); }

static void S_free(S_doc *d)
{
    pc_seg_result_free(pc_mem_default(), &d->seg);
    pc_entity_result_free(pc_mem_default(), &d->raw);
    pc_mention_result_free(pc_mem_default(), &d->out);
}

static void S_text_is(const S_doc *d, const pc_mention *m, const char *expect)
{
    CHECK_EQ_STRN(d->text + m->start, m->end - m->start, expect);
}

static void S_role_is(const S_doc *d, const pc_mention *m, const char *expect)
{
    CHECK_EQ_INT(m->has_role, 1);
    CHECK_EQ_STRN(d->text + m->role_a, m->role_b - m->role_a, expect);
}

static void S_canon_is(const S_doc *d, const pc_mention *m, const char *expect)
{
    if (m->canon_kind == PC_CANON_ENTRY)
        CHECK_EQ_STRN(S_blob + S_off[m->canon_a], S_off[m->canon_a + 1] - S_off[m->canon_a], expect);
    else if (m->canon_kind == PC_CANON_TEXT)
        CHECK_EQ_STRN(d->text + m->canon_a, m->canon_b - m->canon_a, expect);
    else
        CHECK(expect == NULL);
}

static void test_trim(void)
{
    S_doc d;
    S_make(&d, "Talks with Aliyev's team and Pashinyan, then Baku.");
    S_raw(&d, "Aliyev's", 0, PC_ENT_PERSON, PC_ENT_SRC_TAGGER);
    S_raw(&d, "Pashinyan,", 0, PC_ENT_PERSON, PC_ENT_SRC_TAGGER);
    S_finish(&d);
    CHECK_EQ_INT(d.out.n, 2);
    if (d.out.n == 2) {
        S_text_is(&d, &d.out.v[0], "Aliyev");
        CHECK_EQ_INT(d.out.v[0].tok_end - d.out.v[0].tok_start, 1);
        S_canon_is(&d, &d.out.v[0], "Aliyev");
        S_text_is(&d, &d.out.v[1], "Pashinyan");
        CHECK_EQ_INT(d.out.v[1].sentence, 0);
        CHECK_EQ_INT(d.out.v[1].entity_id, -1);
    }
    S_free(&d);
}

static void test_filter(void)
{
    S_doc d;
    /* paragraph 0 is a heading; then adverb, honorifics, OK, a contraction */
    S_make(&d, "Peace Talks Resume\nFinally Tolmajyan said it. Mr Brown and Mr met. OK said I’m.\n"
               "Ultimately nothing.");
    d.para_kind[0] = PC_PARA_HEADING;
    S_raw(&d, "Peace Talks", 0, PC_ENT_ORG, PC_ENT_SRC_TAGGER);
    d.raw.v[d.raw.n - 1].score = 0.8f; /* in a heading only a surer name (>= 0.85) stays */
    S_raw(&d, "Finally Tolmajyan", 0, PC_ENT_PERSON, PC_ENT_SRC_TAGGER);
    S_raw(&d, "Mr Brown", 0, PC_ENT_PERSON, PC_ENT_SRC_TAGGER);
    S_raw(&d, "Mr met", 0, PC_ENT_PERSON, PC_ENT_SRC_TAGGER); /* not an honorific + name: kept */
    S_raw(&d, "OK", 0, PC_ENT_ORG, PC_ENT_SRC_TAGGER);
    S_raw(&d, "I’m", 0, PC_ENT_PERSON, PC_ENT_SRC_TAGGER);
    S_raw(&d, "Ultimately", 0, PC_ENT_PERSON, PC_ENT_SRC_TAGGER);
    S_finish(&d);
    CHECK_EQ_INT(d.out.n, 3);
    if (d.out.n == 3) {
        S_text_is(&d, &d.out.v[0], "Tolmajyan");
        S_canon_is(&d, &d.out.v[0], "Tolmajyan");
        S_text_is(&d, &d.out.v[1], "Brown");
        S_text_is(&d, &d.out.v[2], "met");
    }
    S_free(&d);
    /* an honorific alone is no name */
    S_make(&d, "Then Mr spoke.");
    S_raw(&d, "Mr", 0, PC_ENT_PERSON, PC_ENT_SRC_TAGGER);
    S_finish(&d);
    CHECK_EQ_INT(d.out.n, 0);
    S_free(&d);
}

static void test_surnames(void)
{
    S_doc d;
    S_make(&d, "Hovhannes Poghosian spoke. Poghosian estimated costs. Poghosianville grew. Poghosian left.");
    S_raw(&d, "Hovhannes Poghosian", 0, PC_ENT_PERSON, PC_ENT_SRC_TAGGER);
    S_raw(&d, "Poghosian", 3, PC_ENT_NORP, PC_ENT_SRC_TAGGER); /* the last one, mislabelled */
    S_finish(&d);
    CHECK_EQ_INT(d.out.n, 3);
    if (d.out.n == 3) {
        S_text_is(&d, &d.out.v[1], "Poghosian");
        CHECK_EQ_INT(d.out.v[1].start, 27);
        CHECK_EQ_INT(d.out.v[1].label, PC_ENT_PERSON);
        CHECK_EQ_INT(d.out.v[1].sentence, 1);
        S_canon_is(&d, &d.out.v[1], "Hovhannes Poghosian");
        CHECK_EQ_INT(d.out.v[2].label, PC_ENT_PERSON);
        S_canon_is(&d, &d.out.v[2], "Hovhannes Poghosian");
    }
    S_free(&d);
}

static int S_enomem_fn(const pc_mem *mem, void *arg);

/* more surnames than the one-by-one search takes: one Aho-Corasick scan */
static void test_many_surnames(void)
{
    static const char *const first[] = {"Anna", "Ruben", "Leyla", "Togrul", "Hasmik", "Arman", "Sona", "Elnur",
                                        "Nigar", "Davit", "Lilit", "Murad"};
    static const char *const last[] = {"Petrosyan", "Vardanyan", "Abdullayeva", "Djuvarli", "Tolmajyan",
                                       "Grigoryan", "Hakobyan", "Mammadov", "Aliyeva", "Sargsyan", "Karapetyan",
                                       "Huseynov"};
    static char text[2048];
    S_doc d;
    size_t k, n = 0;
    for (k = 0; k < 12; k++)
        n += (size_t)snprintf(text + n, sizeof text - n, "%s %s met. ", first[k], last[k]);
    for (k = 0; k < 12; k++) /* alone, and inside a longer word (no match) */
        n += (size_t)snprintf(text + n, sizeof text - n, "%s spoke of %sville. ", last[11 - k], last[k]);
    S_make(&d, text);
    for (k = 0; k < 12; k++) {
        char full[64];
        snprintf(full, sizeof full, "%s %s", first[k], last[k]);
        S_raw(&d, full, 0, PC_ENT_PERSON, PC_ENT_SRC_TAGGER);
    }
    S_finish(&d);
    CHECK_EQ_INT(d.out.n, 24);
    if (d.out.n == 24) {
        S_text_is(&d, &d.out.v[12], "Huseynov");
        S_canon_is(&d, &d.out.v[12], "Murad Huseynov");
        S_text_is(&d, &d.out.v[23], "Petrosyan");
        S_canon_is(&d, &d.out.v[23], "Anna Petrosyan");
    }
    pc_mention_result_free(pc_mem_default(), &d.out);
    CHECK(pc_failloop("pc_mention_finish, many surnames", S_enomem_fn, &d) > 5);
    S_free(&d);
}

static void test_roles(void)
{
    S_doc d;
    S_make(&d, "Armenian Foreign Minister Ararat Mirzoyan met Hasmik Tolmajyan, the Armenian ambassador in "
               "Paris, and Anna Petrosyan, an analyst at Carnegie, said. Later Mirzoyan and Tolmajyan spoke.");
    S_raw(&d, "Armenian", 0, PC_ENT_NORP, 2);
    S_raw(&d, "Foreign Minister", 0, PC_ENT_TITLE, 0);
    S_raw(&d, "Ararat Mirzoyan", 0, PC_ENT_PERSON, 0);
    S_raw(&d, "Hasmik Tolmajyan", 0, PC_ENT_PERSON, PC_ENT_SRC_TAGGER);
    S_raw(&d, "Armenian", 1, PC_ENT_NORP, 2);
    S_raw(&d, "Paris", 0, PC_ENT_GPE, 2);
    S_raw(&d, "Anna Petrosyan", 0, PC_ENT_PERSON, PC_ENT_SRC_TAGGER);
    S_raw(&d, "Carnegie", 0, PC_ENT_ORG, PC_ENT_SRC_TAGGER);
    S_raw(&d, "Mirzoyan", 1, PC_ENT_PERSON, 0);
    S_raw(&d, "Tolmajyan", 1, PC_ENT_PERSON, PC_ENT_SRC_TAGGER);
    S_finish(&d);
    CHECK_EQ_INT(d.out.n, 9);
    if (d.out.n == 9) {
        const pc_mention *m = d.out.v;
        CHECK_EQ_INT(m[1].has_role, 1);
        S_role_is(&d, &m[1], "Armenian Foreign Minister");
        CHECK_EQ_INT(m[1].entity_id, 0);
        S_role_is(&d, &m[2], "Armenian ambassador in Paris");
        S_role_is(&d, &m[5], "analyst at Carnegie"); /* not "n analyst" */
        /* later mentions take the full name and its role */
        S_text_is(&d, &m[7], "Mirzoyan");
        S_canon_is(&d, &m[7], "Ararat Mirzoyan");
        S_role_is(&d, &m[7], "Armenian Foreign Minister");
        S_canon_is(&d, &m[8], "Hasmik Tolmajyan");
        S_role_is(&d, &m[8], "Armenian ambassador in Paris");
        CHECK_EQ_INT(m[0].has_role, 0);
    }
    S_free(&d);
    /* no role word, a speech verb cut, an unterminated quote */
    S_make(&d, "Ruben Vardanyan, the man from Moscow, left. Leyla Abdullayeva, the spokeswoman said. "
               "Togrul Djuvarli, the \"expert, smiled.");
    S_raw(&d, "Ruben Vardanyan", 0, PC_ENT_PERSON, PC_ENT_SRC_TAGGER);
    S_raw(&d, "Leyla Abdullayeva", 0, PC_ENT_PERSON, PC_ENT_SRC_TAGGER);
    S_raw(&d, "Togrul Djuvarli", 0, PC_ENT_PERSON, PC_ENT_SRC_TAGGER);
    S_finish(&d);
    CHECK_EQ_INT(d.out.n, 3);
    if (d.out.n == 3) {
        CHECK_EQ_INT(d.out.v[0].has_role, 0);
        S_role_is(&d, &d.out.v[1], "spokeswoman");
        CHECK_EQ_INT(d.out.v[2].has_role, 0);
    }
    S_free(&d);
}

static void test_acronyms(void)
{
    S_doc d;
    /* the long form as a mention, in parentheses (at most 30 code points),
     * or as the capitalised words before "(ACR)" */
    S_make(&d, "Radio Free Europe/Radio Liberty (RFE/RL) reported. RFE/RL said the EU (European Union) met. "
               "EU and the Eurasian Economic Union (EEU) grew. EEU left. The CSTO (Collective Security Treaty "
               "Organization) and CSTO.");
    S_raw(&d, "Radio Free Europe/Radio Liberty", 0, PC_ENT_ORG, 1);
    S_raw(&d, "RFE/RL", 1, PC_ENT_ORG, PC_ENT_SRC_TAGGER);
    S_raw(&d, "EU", 0, PC_ENT_ORG, PC_ENT_SRC_TAGGER);
    S_raw(&d, "EU", 1, PC_ENT_ORG, PC_ENT_SRC_TAGGER);
    S_raw(&d, "EEU", 1, PC_ENT_ORG, PC_ENT_SRC_TAGGER);
    S_raw(&d, "CSTO", 0, PC_ENT_ORG, PC_ENT_SRC_TAGGER);
    S_raw(&d, "CSTO", 1, PC_ENT_ORG, PC_ENT_SRC_TAGGER);
    S_finish(&d);
    CHECK_EQ_INT(d.out.n, 7);
    if (d.out.n == 7) {
        S_canon_is(&d, &d.out.v[1], "Radio Free Europe/Radio Liberty");
        S_canon_is(&d, &d.out.v[2], "European Union");
        S_canon_is(&d, &d.out.v[3], "European Union");
        S_canon_is(&d, &d.out.v[4], "Eurasian Economic Union");
        S_canon_is(&d, &d.out.v[6], "CSTO"); /* the expansion is longer than 30 */
    }
    S_free(&d);
}

static void test_people(void)
{
    S_doc d;
    /* a transliteration variant, a typo, two people sharing a surname */
    S_make(&d, "Ararat Mirzoian met Antony Blinken and Ilham Aliyev and Heydar Aliyev. Mirzoyan thanked "
               "Blinkin. Aliyev spoke.");
    S_raw(&d, "Ararat Mirzoian", 0, PC_ENT_PERSON, PC_ENT_SRC_TAGGER);
    S_raw(&d, "Antony Blinken", 0, PC_ENT_PERSON, PC_ENT_SRC_TAGGER);
    S_raw(&d, "Ilham Aliyev", 0, PC_ENT_PERSON, PC_ENT_SRC_TAGGER);
    S_raw(&d, "Heydar Aliyev", 0, PC_ENT_PERSON, PC_ENT_SRC_TAGGER);
    S_raw(&d, "Mirzoyan", 0, PC_ENT_PERSON, PC_ENT_SRC_TAGGER);
    S_raw(&d, "Blinkin", 0, PC_ENT_PERSON, PC_ENT_SRC_TAGGER);
    S_raw(&d, "Aliyev", 2, PC_ENT_PERSON, PC_ENT_SRC_TAGGER);
    S_finish(&d);
    CHECK_EQ_INT(d.out.n, 7);
    if (d.out.n == 7) {
        S_canon_is(&d, &d.out.v[4], "Ararat Mirzoian");
        S_canon_is(&d, &d.out.v[5], "Antony Blinken");
        S_canon_is(&d, &d.out.v[6], "Heydar Aliyev"); /* the nearest earlier full name */
    }
    S_free(&d);
}

static void test_unsure(void)
{
    S_doc d;
    /* one capitalised word opening a sentence is dropped when the model is
     * unsure of it, kept when it is sure; the rest of a sentence is not
     * affected */
    S_make(&d, "Bleak realities remain. Aliyev spoke. Then Bleak left.");
    S_raw(&d, "Bleak", 0, PC_ENT_PERSON, PC_ENT_SRC_TAGGER);
    d.raw.v[d.raw.n - 1].score = 0.5f;
    S_raw(&d, "Aliyev", 0, PC_ENT_PERSON, PC_ENT_SRC_TAGGER);
    S_raw(&d, "Bleak", 1, PC_ENT_PERSON, PC_ENT_SRC_TAGGER);
    d.raw.v[d.raw.n - 1].score = 0.5f;
    S_finish(&d);
    CHECK_EQ_INT(d.out.n, 2);
    if (d.out.n == 2) {
        CHECK_EQ_STRN(d.text + d.out.v[0].start, d.out.v[0].end - d.out.v[0].start, "Aliyev");
        CHECK_EQ_STRN(d.text + d.out.v[1].start, d.out.v[1].end - d.out.v[1].start, "Bleak");
        CHECK(d.out.v[1].score > 0.49f && d.out.v[1].score < 0.51f);
    }
    S_free(&d);
}

static void test_code_points(void)
{
    S_doc d;
    S_make(&d, "Naxçıvan’s Əli Həsənov, the İlham-era envoy, spoke.");
    S_raw(&d, "Əli Həsənov", 0, PC_ENT_PERSON, PC_ENT_SRC_TAGGER);
    S_finish(&d);
    CHECK_EQ_INT(d.out.n, 1);
    CHECK_EQ_INT(pc_mention_to_cp(pc_mem_default(), d.text, strlen(d.text), &d.out), PC_OK);
    if (d.out.n == 1) {
        CHECK_EQ_INT(d.out.v[0].start, 11);
        CHECK_EQ_INT(d.out.v[0].end, 22);
        CHECK_EQ_INT(d.out.v[0].canon_a, 11);
        CHECK_EQ_INT(d.out.v[0].role_a, 28);
        CHECK_EQ_INT(d.out.v[0].role_b, 43);
    }
    S_free(&d);
}

static void test_invalid(void)
{
    S_doc d;
    pc_mention_result out = {NULL, 0, 0};
    S_make(&d, "Baku and Yerevan.");
    S_raw(&d, "Baku", 0, PC_ENT_GPE, 7); /* no entry 7 in the names table */
    CHECK_EQ_INT(S_finish_mem(&d, pc_mem_default()), PC_EINVAL);
    CHECK_EQ_INT(d.out.n, 0);
    d.raw.v[0].source = 2;
    d.raw.v[0].tok_end = 99; /* token range out of the document */
    CHECK_EQ_INT(S_finish_mem(&d, pc_mem_default()), PC_EINVAL);
    d.raw.v[0].tok_end = 1;
    CHECK_EQ_INT(pc_mention_finish(NULL, d.text, 4, NULL, 0, NULL, 0, NULL, 0, &d.raw, PC_ENT_TITLE, NULL, &out),
                 PC_EINVAL);
    /* nothing at all */
    CHECK_EQ_INT(pc_mention_finish(pc_mem_default(), "", 0, NULL, 0, NULL, 0, NULL, 0, &d.raw,
                                   PC_ENT_TITLE, NULL, &out),
                 PC_EINVAL); /* raw span beyond the empty text */
    d.raw.n = 0;
    CHECK_EQ_INT(pc_mention_finish(pc_mem_default(), "", 0, NULL, 0, NULL, 0, NULL, 0, &d.raw, PC_ENT_TITLE, NULL,
                                   &out),
                 PC_OK);
    CHECK_EQ_INT(out.n, 0);
    pc_mention_result_free(pc_mem_default(), &out);
    S_free(&d);
}

static int S_enomem_fn(const pc_mem *mem, void *arg)
{
    S_doc *d = (S_doc *)arg;
    int rc = S_finish_mem(d, mem);
    if (rc == PC_OK)
        rc = pc_mention_to_cp(mem, d->text, strlen(d->text), &d->out);
    pc_mention_result_free(mem, &d->out);
    return rc;
}

static void test_enomem(void)
{
    S_doc d;
    S_make(&d, "Armenian Foreign Minister Ararat Mirzoian met Antony Blinken (AB) in Baku. Mr Blinkin said "
               "Mirzoyan, the top envoy, and the CSTO (Collective Security Treaty Organization) agreed. "
               "Mirzoian and Blinkin left, with Dr Aliyev.");
    S_raw(&d, "Armenian", 0, PC_ENT_NORP, 2);
    S_raw(&d, "Foreign Minister", 0, PC_ENT_TITLE, 0);
    S_raw(&d, "Ararat Mirzoian", 0, PC_ENT_PERSON, PC_ENT_SRC_TAGGER);
    S_raw(&d, "Antony Blinken", 0, PC_ENT_PERSON, PC_ENT_SRC_TAGGER);
    S_raw(&d, "Baku", 0, PC_ENT_GPE, 2);
    S_raw(&d, "Mr Blinkin", 0, PC_ENT_PERSON, PC_ENT_SRC_TAGGER);
    S_raw(&d, "Mirzoyan", 0, PC_ENT_PERSON, 0);
    S_raw(&d, "CSTO", 0, PC_ENT_ORG, PC_ENT_SRC_TAGGER);
    S_raw(&d, "Dr Aliyev", 0, PC_ENT_PERSON, PC_ENT_SRC_TAGGER);
    CHECK(pc_failloop("pc_mention_finish", S_enomem_fn, &d) > 5);
    S_finish(&d);
    CHECK(d.out.n >= 9);
    S_free(&d);
}

int main(void)
{
    RUN(test_trim);
    RUN(test_filter);
    RUN(test_surnames);
    RUN(test_many_surnames);
    RUN(test_roles);
    RUN(test_acronyms);
    RUN(test_people);
    RUN(test_unsure);
    RUN(test_code_points);
    RUN(test_invalid);
    RUN(test_enomem);
    return pc_test_summary("test_mention");
}
