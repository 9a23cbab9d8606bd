/* test_event.c - event mentions (pc_event): triggers, status, participants,
 * place, time, numbers; bad input and every allocation failure. */
#include "harness.h"

#include "failloop.h"
#include "pc_doc.h"
#include "pc_event.h"
#include "pc_time.h"

enum { T_MEET, T_ATTACK, T_AGREE, T_WAR };

static int S_lexicon(const pc_mem *mem, pc_event_lexicon **out)
{
    static const struct {
        int table;
        const char *phrase;
        int code, kind;
    } entries[] = {
        {PC_EVL_TRIGGER, "met", T_MEET, PC_EVK_VERB},
        {PC_EVL_TRIGGER, "talks", T_MEET, PC_EVK_NOUN},
        {PC_EVL_TRIGGER, "meeting", T_MEET, PC_EVK_NOUN},
        {PC_EVL_TRIGGER, "seized", T_ATTACK, PC_EVK_VERB | PC_EVK_PLACE_OBJECT},
        {PC_EVL_TRIGGER, "seized back", T_ATTACK, PC_EVK_VERB | PC_EVK_PLACE_OBJECT},
        {PC_EVL_TRIGGER, "agreed", T_AGREE, PC_EVK_VERB},
        {PC_EVL_TRIGGER, "agreement", T_AGREE, PC_EVK_NOUN},
        {PC_EVL_TRIGGER, "war", T_WAR, PC_EVK_NAMED},
        {PC_EVL_TRIGGER, "cease - fire", T_WAR, PC_EVK_NOUN},
        {PC_EVL_CUE, "expected to", PC_EVC_PLANNED, 0},
        {PC_EVL_CUE, "wants to", PC_EVC_HYPOTHETICAL, 0},
        {PC_EVL_CUE, "never took place", PC_EVC_CANCELLED, 0},
        {PC_EVL_CUE, "said", 5, 0},
        {PC_EVL_UNIT, "residents", 0, 0},
        {PC_EVL_UNIT, "percent", 1, 0},
        {PC_EVL_UNIT, "kilometer", 2, 0},
        {PC_EVL_UNIT, "$", 3, 0},
        {PC_EVL_QUAL, "nearly", 0, 0},
        {PC_EVL_QUAL, "more than", 1, 0},
    };
    size_t k;
    int rc = pc_event_lexicon_new(mem, out);
    for (k = 0; rc == PC_OK && k < sizeof entries / sizeof entries[0]; k++)
        rc = pc_event_lexicon_add(mem, *out, entries[k].table, entries[k].phrase, strlen(entries[k].phrase),
                                  entries[k].code, entries[k].kind);
    if (rc == PC_OK)
        rc = pc_event_lexicon_compile(mem, *out);
    return rc;
}

/* entity spans by exact token text (single or several tokens) */
static size_t S_entities(const pc_doc *doc, const char *const *names, const int *labels, pc_event_span *out,
                         size_t cap)
{
    size_t n = 0, i, k;
    for (i = 0; i < doc->seg.ntok && n < cap; i++) {
        for (k = 0; names[k]; k++) {
            size_t len = strlen(names[k]), j = i;
            const char *t = doc->clean.text.data;
            if (doc->seg.toks[i].start + len > doc->clean.text.len ||
                memcmp(t + doc->seg.toks[i].start, names[k], len) != 0)
                continue;
            while (j < doc->seg.ntok && doc->seg.toks[j].end <= doc->seg.toks[i].start + len)
                j++;
            if (j == i || doc->seg.toks[j - 1].end != doc->seg.toks[i].start + len)
                continue;
            out[n].tok_start = (uint32_t)i;
            out[n].tok_end = (uint32_t)j;
            out[n].label = labels[k];
            n++;
            i = j - 1;
            break;
        }
    }
    return n;
}

typedef struct {
    const char *text;
    char out[2048];
} S_case;

static const char *const S_names[] = {"Azerbaijan", "Nagorno-Karabakh", "Armenia", "Blinken", "Washington", "Lavrov",
                                      "Azerbaijani", "Aliyev", NULL};
static const int S_labels[] = {PC_EL_GPE,    PC_EL_LOC,  PC_EL_GPE,  PC_EL_PERSON,
                               PC_EL_GPE,    PC_EL_PERSON, PC_EL_NORP, PC_EL_PERSON};

/* Scan c->text and write "trigger|type|status|participants|place|time|numbers;" */
static int S_scan(const pc_mem *mem, void *arg)
{
    S_case *c = (S_case *)arg;
    pc_doc doc;
    pc_doc_opts opts = {PC_MODE_TEXT, PC_CLEAN_KEEP_BOILERPLATE, 0};
    pc_event_lexicon *lex = NULL;
    pc_time_result tr = {NULL, 0, 0};
    pc_event_result er;
    pc_event_span ents[32], times[32];
    size_t nent, ntime = 0, i, k, o = 0;
    const char *t;
    int rc;

    memset(&er, 0, sizeof er);
    c->out[0] = 0;
    if ((rc = pc_doc_parse(pc_mem_default(), c->text, strlen(c->text), &opts, &doc)) != PC_OK)
        return rc;
    t = doc.clean.text.data;
    nent = S_entities(&doc, S_names, S_labels, ents, 32);
    rc = pc_time_scan(pc_mem_default(), t, doc.clean.text.len, doc.seg.toks, doc.seg.ntok, doc.seg.sents,
                      doc.seg.nsent, NULL, &tr);
    for (i = 0; rc == PC_OK && i < tr.n && ntime < 32; i++, ntime++) {
        times[ntime].tok_start = tr.items[i].tok_start;
        times[ntime].tok_end = tr.items[i].tok_end;
        times[ntime].label = tr.items[i].type;
    }
    if (rc == PC_OK)
        rc = S_lexicon(mem, &lex);
    if (rc == PC_OK)
        rc = pc_event_scan(mem, t, doc.clean.text.len, doc.seg.toks, doc.seg.ntok, doc.seg.sents, doc.seg.nsent,
                           lex, ents, nent, times, ntime, &er);
    for (i = 0; rc == PC_OK && i < er.n && o < sizeof c->out; i++) {
        const pc_event *e = &er.events[i];
        const pc_token *a = &doc.seg.toks[e->tok_start], *b = &doc.seg.toks[e->tok_end - 1];
        o += (size_t)snprintf(c->out + o, sizeof c->out - o, "%.*s|%d|%d|", (int)(b->end - a->start), t + a->start,
                              (int)e->type, (int)e->status);
        for (k = 0; k < e->arg_n && o < sizeof c->out; k++) {
            const pc_event_span *s = &ents[er.args[e->arg_first + k].entity];
            o += (size_t)snprintf(c->out + o, sizeof c->out - o, "%s%.*s", k ? "+" : "",
                                  (int)(doc.seg.toks[s->tok_end - 1].end - doc.seg.toks[s->tok_start].start),
                                  t + doc.seg.toks[s->tok_start].start);
        }
        if (o < sizeof c->out && e->place >= 0) {
            const pc_event_span *s = &ents[e->place];
            o += (size_t)snprintf(c->out + o, sizeof c->out - o, "|@%.*s",
                                  (int)(doc.seg.toks[s->tok_end - 1].end - doc.seg.toks[s->tok_start].start),
                                  t + doc.seg.toks[s->tok_start].start);
        }
        if (o < sizeof c->out && e->time >= 0)
            o += (size_t)snprintf(c->out + o, sizeof c->out - o, "|t=%s", tr.items[e->time].partial);
        for (k = 0; k < e->num_n && o < sizeof c->out; k++) {
            const pc_event_number *x = &er.nums[e->num_first + k];
            o += (size_t)snprintf(c->out + o, sizeof c->out - o, "|#%g-%g u%d q%d", x->value, x->value2,
                                  (int)x->unit, (int)x->qual);
        }
        if (o < sizeof c->out)
            o += (size_t)snprintf(c->out + o, sizeof c->out - o, ";");
    }
    pc_event_result_free(mem, &er);
    pc_event_lexicon_free(mem, lex);
    pc_time_result_free(pc_mem_default(), &tr);
    pc_doc_free(pc_mem_default(), &doc);
    return rc;
}

#define HAS(s) CHECK(strstr(c.out, s) != NULL)
#define LACKS(s) CHECK(strstr(c.out, s) == NULL)

static void test_events(void)
{
    S_case c;
    c.text = "In September 2022, Azerbaijan seized back Nagorno-Karabakh. Nearly 120,000 residents left. "
             "Blinken is expected to meet Armenia. Blinken met Lavrov in Washington and the talks went well. "
             "Armenia wants to sign an agreement. A meeting in Washington had been planned, but it never took "
             "place. The war was long. The 2020 war ended. They agreed on nearly 80 percent of a 12-kilometer "
             "border worth more than $5 million.";
    CHECK_EQ_INT(S_scan(pc_mem_default(), &c), PC_OK);
    HAS("seized back|1|0|Azerbaijan|@Nagorno-Karabakh|t=2022-09;");
    LACKS("|@Armenia"); /* no place without a cue */
    HAS("met|0|0|Blinken+Lavrov|@Washington;"); /* one MEET per sentence: "talks" joins it */
    LACKS("talks|");
    LACKS("expected");      /* "meet" is not a trigger of this lexicon */
    LACKS("agreement|2|");  /* wants to: hypothetical */
    HAS("meeting|0|2||@Washington;"); /* never took place */
    LACKS("war|3|0|;The");  /* an undated war is not one war */
    HAS("war|3|0||t=2020;");
    HAS("agreed|2|0||#80-80 u1 q0|#12-12 u2 q-1|#5e+06-5e+06 u3 q1;");
    /* a question asks, it does not report */
    c.text = "Will Azerbaijan and Armenia sign the agreement in Washington?";
    CHECK_EQ_INT(S_scan(pc_mem_default(), &c), PC_OK);
    CHECK(c.out[0] == 0);
    c.text = "";
    CHECK_EQ_INT(S_scan(pc_mem_default(), &c), PC_OK);
    CHECK(c.out[0] == 0);
}

/* participants: a person's affiliation is not an actor, a possessor is; a
 * speaker "said during" the talks took part in them */
static void test_participants(void)
{
    S_case c;
    c.text = "Azerbaijani President Aliyev met Lavrov.";
    CHECK_EQ_INT(S_scan(pc_mem_default(), &c), PC_OK);
    HAS("met|0|0|Aliyev+Lavrov;");
    c.text = "Lavrov, the foreign minister of Armenia, met Blinken.";
    CHECK_EQ_INT(S_scan(pc_mem_default(), &c), PC_OK);
    HAS("met|0|0|Lavrov+Blinken;");
    c.text = "Armenia's envoy met Blinken.";
    CHECK_EQ_INT(S_scan(pc_mem_default(), &c), PC_OK);
    HAS("met|0|0|Armenia+Blinken;");
    c.text = "Lavrov said during the talks that the war was over.";
    CHECK_EQ_INT(S_scan(pc_mem_default(), &c), PC_OK);
    HAS("talks|0|0|Lavrov;");
    c.text = "Lavrov said the talks in Washington went well.";
    CHECK_EQ_INT(S_scan(pc_mem_default(), &c), PC_OK);
    LACKS("talks|0|0|Lavrov");
}

static void test_lexicon_and_bad_input(void)
{
    const pc_mem *mem = pc_mem_default();
    pc_event_lexicon *lex = NULL;
    pc_event_result r;
    pc_token toks[1] = {{0, 3, PC_TOK_WORD, 0}};
    pc_sentence sent = {0, 3, 0, 1, 0};
    pc_event_span bad[2] = {{0, 1, PC_EL_GPE}, {0, 2, PC_EL_GPE}};
    memset(&r, 0, sizeof r);
    CHECK_EQ_INT(pc_event_lexicon_new(mem, &lex), PC_OK);
    CHECK_EQ_INT(pc_event_lexicon_add(mem, lex, PC_EVL_TRIGGER, " met", 4, 0, 1), PC_EINVAL);
    CHECK_EQ_INT(pc_event_lexicon_add(mem, lex, PC_EVL_TRIGGER, "met ", 4, 0, 1), PC_EINVAL);
    CHECK_EQ_INT(pc_event_lexicon_add(mem, lex, PC_EVL_TRIGGER, "a  b", 4, 0, 1), PC_EINVAL);
    CHECK_EQ_INT(pc_event_lexicon_add(mem, lex, PC_EVL_TRIGGER, "", 0, 0, 1), PC_EINVAL);
    CHECK_EQ_INT(pc_event_lexicon_add(mem, lex, 9, "met", 3, 0, 1), PC_EINVAL);
    CHECK_EQ_INT(pc_event_lexicon_add(mem, lex, PC_EVL_TRIGGER, "averyveryveryverylongwordindeed", 31, 0, 1),
                 PC_EINVAL);
    CHECK_EQ_INT(pc_event_lexicon_add(mem, lex, PC_EVL_TRIGGER, "met", 3, 0, PC_EVK_VERB), PC_OK);
    /* not compiled yet */
    CHECK_EQ_INT(pc_event_scan(mem, "met", 3, toks, 1, &sent, 1, lex, NULL, 0, NULL, 0, &r), PC_EINVAL);
    CHECK_EQ_INT(pc_event_lexicon_compile(mem, lex), PC_OK);
    CHECK_EQ_INT(pc_event_lexicon_add(mem, lex, PC_EVL_TRIGGER, "meet", 4, 0, 1), PC_EINVAL);
    CHECK_EQ_INT(pc_event_lexicon_size(lex, PC_EVL_TRIGGER), 1);
    CHECK_EQ_INT(pc_event_lexicon_size(lex, PC_EVL_UNIT), 0);
    CHECK_EQ_INT(pc_event_scan(mem, "met", 3, toks, 1, &sent, 1, lex, bad, 2, NULL, 0, &r), PC_EINVAL);
    bad[0].tok_end = 5;
    CHECK_EQ_INT(pc_event_scan(mem, "met", 3, toks, 1, &sent, 1, lex, bad, 1, NULL, 0, &r), PC_EINVAL);
    CHECK_EQ_INT(pc_event_scan(mem, "met", 3, toks, 1, &sent, 1, lex, NULL, 0, NULL, 0, &r), PC_OK);
    CHECK_EQ_INT(r.n, 0); /* a verb with nothing specific about it */
    pc_event_result_free(mem, &r);
    pc_event_lexicon_free(mem, lex);
    pc_event_lexicon_free(mem, NULL);
}

static void test_enomem(void)
{
    S_case c;
    c.text = "In September 2022, Azerbaijan seized back Nagorno-Karabakh. Blinken met Lavrov in Washington. "
             "They agreed on nearly 80 percent.";
    CHECK(pc_failloop("pc_event_scan", S_scan, &c) > 0);
}

int main(void)
{
    RUN(test_events);
    RUN(test_participants);
    RUN(test_lexicon_and_bad_input);
    RUN(test_enomem);
    return pc_test_summary("test_event");
}
