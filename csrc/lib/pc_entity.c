/* pc_entity.c - gazetteer + tagger + numex merged into OntoNotes entities (see pc_entity.h). */
#include "pc_entity.h"

#include <stdlib.h>
#include <string.h>

#include "pc_numex.h"
#include "pc_utf8.h"

static const char *const S_LABELS[PC_ENT_NLABELS] = {
    "PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW",
    "LANGUAGE", "DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL", "TITLE",
};

const char *pc_entity_label(uint32_t label)
{
    return label < PC_ENT_NLABELS ? S_LABELS[label] : "";
}

/* Last words that make a tagger LOC a geographic LOC rather than a GPE. */
static const char *const S_GEO[] = {
    "sea", "ocean", "mountains", "mountain", "mount", "river", "lake", "valley", "gulf", "bay",
    "island", "islands", "peninsula", "desert", "caucasus", "region", "basin", "strait", "coast",
    "highlands", "plateau", "range", "europe", "asia", "africa", "balkans", "steppe", "forest",
    NULL,
};
static const char *const S_EVENT[] = {
    "war", "summit", "conference", "olympics", "games", "cup", "championship", "forum",
    "revolution", "crisis", "uprising", "election", "elections", "referendum", NULL,
};
static const char *const S_LAW[] = {
    "treaty", "accords", "accord", "agreement", "act", "convention", "declaration", "charter",
    "protocol", "constitution", "resolution", NULL,
};

static int S_lower(int c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }

/* 1 if token `t` equals one of the ASCII `words` (ASCII case-insensitive). */
static int S_tok_in(const char *text, const pc_token *t, const char *const *words)
{
    return pc_utf8_ascii_in(text + t->start, t->end - t->start, words);
}

static int S_ends_with(const char *text, const pc_token *t, const char *suffix)
{
    size_t n = t->end - t->start, m = strlen(suffix), i;
    if (m >= n)
        return 0;
    for (i = 0; i < m; i++)
        if (S_lower((unsigned char)text[t->end - m + i]) != suffix[i])
            return 0;
    return 1;
}

static int S_upper_word(const char *text, const pc_token *t);

/* Last words of a name of two or more words that make it an organisation,
 * whatever the tagger called it ("US Embassy", "Tanco Holdings", "Jupiter
 * Research", "Zurich Financial"): the tagger's place feature and the
 * open corpora's few company names make it call such names places or
 * people. */
static const char *const S_ORG_LAST[] = {
    "commission", "committee", "council", "company", "corporation", "association", "authority", "agency",
    "department", "ministry", "institute", "university", "college", "society", "bank", "federation", "trust",
    "foundation", "board", "court", "party", "organisation", "organization", "industries", "inc", "ltd", "plc",
    "league", "embassy", "holdings", "hospital", "police", "airways", "airlines", "research", "financial",
    "securities", "capital", "partners", "communications", "technologies", "motors", "records", "pictures",
    "studios", "telecom", "group", "corp", "co", NULL};

/* OntoNotes label for a tagger span [a, b) of type `type` (1 PER, 2 ORG,
 * 3 LOC, 4 MISC), or -1 to drop it. */
static int S_map(const char *text, const pc_token *toks, uint32_t a, uint32_t b, int type)
{
    const pc_token *last = &toks[b - 1];
    static const char *const demonym[] = {"ian", "ans", "an", "ese", "ish", "ch", "i", "is", NULL};
    size_t k;
    /* a competition of two or more words is an event, whatever the tagger
     * called it ("Dubai Tennis Championships", "Nationwide Irish Cup") */
    static const char *const competition[] = {"cup", "championship", "championships", "olympics", "games",
                                              "tournament", NULL};
    if (type >= 1 && type <= 3 && b - a >= 2 && S_upper_word(text, last) && S_tok_in(text, last, competition))
        return PC_ENT_EVENT;
    if ((type == 1 || type == 3) && b - a >= 2 && S_upper_word(text, last) && S_tok_in(text, last, S_ORG_LAST))
        return PC_ENT_ORG;
    switch (type) {
    case 1:
        return PC_ENT_PERSON;
    case 2:
        return PC_ENT_ORG;
    case 3:
        return S_tok_in(text, last, S_GEO) ? PC_ENT_LOC : PC_ENT_GPE;
    case 4:
        if (S_tok_in(text, last, S_EVENT))
            return PC_ENT_EVENT;
        if (S_tok_in(text, last, S_LAW))
            return PC_ENT_LAW;
        if (b - a == 1 && toks[a].kind == PC_TOK_WORD) {
            unsigned char c = (unsigned char)text[toks[a].start];
            if (c >= 'A' && c <= 'Z')
                for (k = 0; demonym[k]; k++)
                    if (S_ends_with(text, &toks[a], demonym[k]))
                        return PC_ENT_NORP;
        }
        return -1;
    default:
        return -1;
    }
}

/* First token whose end is after `off` (tokens sorted, non-overlapping). */
static size_t S_tok_after(const pc_token *toks, size_t ntok, size_t off)
{
    size_t lo = 0, hi = ntok;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (toks[mid].end <= off)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Token range [*a, *b) overlapping bytes [s, e). */
static void S_tok_range(const pc_token *toks, size_t ntok, size_t s, size_t e, uint32_t *a, uint32_t *b)
{
    size_t i = S_tok_after(toks, ntok, s), j = i;
    while (j < ntok && toks[j].start < e)
        j++;
    *a = (uint32_t)i;
    *b = (uint32_t)(j > i ? j : i);
}

static int S_push(const pc_mem *mem, pc_entity_result *r, const pc_entity *e)
{
    int rc = pc_grow(mem, (void **)&r->v, &r->cap, r->n + 1, sizeof *r->v);
    if (rc != PC_OK)
        return rc;
    r->v[r->n++] = *e;
    return PC_OK;
}

static int S_cmp(const void *pa, const void *pb)
{
    const pc_entity *a = (const pc_entity *)pa, *b = (const pc_entity *)pb;
    if (a->start != b->start)
        return a->start < b->start ? -1 : 1;
    if (a->end != b->end)
        return a->end < b->end ? -1 : 1;
    return 0;
}

/* A token the tagger window must cover: a word starting with an upper-case
 * ASCII letter or a non-ASCII letter, not claimed by a dictionary entity
 * (titles do not count as claims: "Minister" precedes names). */
static int S_candidate(const char *text, const pc_token *toks, const int32_t *owner, const pc_entity *cand,
                       uint32_t title_label, uint32_t k)
{
    unsigned char c = (unsigned char)text[toks[k].start];
    if (toks[k].start == toks[k].end || toks[k].kind != PC_TOK_WORD || !((c >= 'A' && c <= 'Z') || c >= 0xC3))
        return 0;
    /* a city may name a club or a company ("Chelsea beat Arsenal"): the
     * tagger sees those too, and wins when it is sure (S_tagger_piece) */
    return owner[k] < 0 || cand[owner[k]].label == title_label || cand[owner[k]].label == PC_ENT_GPE;
}

/* ext feature from place hits aligned on token boundaries */
static void S_ext_from_hits(const pc_gaz_hits *h, const pc_gaz_matcher *m, int filter, const pc_token *toks,
                            size_t ntok, int32_t *ext)
{
    size_t k;
    for (k = 0; k < h->n; k++) {
        size_t i, j;
        if (filter) {
            uint32_t label, entry;
            if (pc_gaz_matcher_entry(m, h->v[k].entry, &label, &entry) != PC_OK ||
                (label != PC_ENT_GPE && label != PC_ENT_LOC))
                continue;
        }
        i = S_tok_after(toks, ntok, h->v[k].start);
        if (i >= ntok || toks[i].start != h->v[k].start)
            continue;
        for (j = i; j < ntok && toks[j].end < h->v[k].end; j++)
            ;
        if (j >= ntok || toks[j].end != h->v[k].end)
            continue;
        ext[i] = 1;
        while (++i <= j)
            ext[i] = 2;
    }
}

/* A tagger span of one window: tokens [a, b), type 1 PER .. 4 MISC. */
typedef struct {
    uint32_t a, b;
    int typ;
} S_wspan;

/* What tagging one window needs; all arrays are the extraction's scratch. */
typedef struct {
    const pc_entity_config *cfg;
    const pc_mem *mem;
    const char *text;
    size_t len;
    const pc_token *toks;
    const int32_t *owner; /* token -> dictionary hit index, -1 */
    const pc_entity *cand; /* dictionary hits */
    uint8_t *dead;        /* dictionary hits replaced by a widening tagger span */
    uint8_t *taken;       /* tokens claimed by tagger spans */
    const int32_t *ext;
    pc_span *spans;
    uint8_t *labels;
    float *margin;              /* per token of the window: the tagger's margin */
    uint32_t win0;              /* first token of the window (margin[0]) */
    pc_tagger_scratch *scratch; /* reused by every window */
    S_wspan *wspans;            /* spans of one window */
    pc_entity_result *out;
} S_tagstate;

/* The end of a piece of a long run that starts at token a and may end at
 * most at b: after the last token in its second half that is not a
 * candidate (so no name is cut), else b. */
static uint32_t S_cut(const S_tagstate *st, uint32_t a, uint32_t b)
{
    uint32_t j;
    for (j = b - 1; j > a + (b - a) / 2; j--)
        if (!S_candidate(st->text, st->toks, st->owner, st->cand, st->cfg->title_label, j))
            return j + 1;
    return b;
}

/* The next window [*a, *b) to tag in sentence tokens [cursor, se) (sentence
 * starts at s0), or 0 when no candidate token is left.  3 tokens of left
 * context, so that the first candidate sees the position feature it has in
 * the whole sentence (a window starting within 4 tokens of the sentence
 * start starts at the sentence start); 2 of right context; candidates
 * closer than 6 tokens share a window, so windows never overlap; a window
 * is at most PC_ENT_MAX_WINDOW tokens long. */
static int S_next_window(const S_tagstate *st, uint32_t s0, uint32_t cursor, uint32_t se, uint32_t *a, uint32_t *b)
{
    uint32_t k = cursor, last, j;
    while (k < se && !S_candidate(st->text, st->toks, st->owner, st->cand, st->cfg->title_label, k))
        k++;
    if (k >= se)
        return 0;
    *a = k >= cursor + 3 ? k - 3 : cursor;
    if (*a < s0 + 4)
        *a = s0 < cursor ? cursor : s0;
    for (last = k, j = k + 1; j < se && j - last <= 5 && j - *a < PC_ENT_MAX_WINDOW; j++)
        if (S_candidate(st->text, st->toks, st->owner, st->cand, st->cfg->title_label, j))
            last = j;
    *b = last + 3 < se ? last + 3 : se;
    if (*b - *a > PC_ENT_MAX_WINDOW)
        *b = S_cut(st, *a, *a + PC_ENT_MAX_WINDOW);
    return 1;
}

/* Lower-case words that may stand inside a person's name ("Staffan de
 * Mistura", "Mohammed bin Salman", "Ruud van Nistelrooy", "al-Assad"). */
static const char *const S_PARTICLES[] = {
    "de", "da", "di", "del", "della", "dos", "das", "do", "du", "van", "von", "der", "den", "ter", "ten", "zu",
    "bin", "ibn", "bint", "al", "el", "ul", "la", "le", "y", "e", "st", NULL,
};
/* Capitalised words that start a sentence, never continue a name: after a
 * token ending in '.' they mean the segmenter missed a sentence end
 * ("Warner Bros. He said"). */
static const char *const S_OPENERS[] = {
    "he", "she", "it", "they", "we", "i", "you", "his", "her", "its", "their", "our", "the", "this", "that",
    "these", "those", "but", "and", "so", "yet", "a", "an", "in", "on", "at", "if", "when", "there", NULL,
};
/* Words inside a span before which an "and" belongs to the name
 * ("Department of Trade and Industry", "Secretary for Culture, Media and Sport"). */
static const char *const S_OF[] = {"of", "for", "&", NULL};
static const char *const S_POSTNOMINALS[] = {"qc", "kc", "mp", "mep", "msp", "obe", "mbe", "cbe", "kbe",
                                             "dbe", "jr", "snr", "jnr", NULL};
static const char *const S_AND[] = {"and", "or", NULL};
/* Head nouns that end an organisation's name: an "and" before them is part
 * of the name ("Securities and Exchange Commission", "Public and
 * Commercial Services Union"). */
static const char *const S_ORG_HEADS[] = {
    "commission", "committee", "council", "company", "corporation", "association", "authority", "agency",
    "department", "ministry", "institute", "university", "college", "society", "service", "services", "bank",
    "group", "union", "federation", "trust", "foundation", "board", "court", "party", "centre", "center",
    "office", "organisation", "organization", "industries", "co", "inc", "ltd", "plc", "league", "club", NULL};
/* Capitalised function words that no organisation name holds but titles
 * of songs, films and books do ("Riders On The Storm", "Learn To Be Lonely"). */
static const char *const S_WORK_CAPS[] = {"on", "to", "in", "with", "from", "up", "out", "off", "over", "by", "into",
                                          "is", "be", "my", "your", NULL};
static const char *const S_FUNCTION_CAPS[] = {"on", "of", "the", "in", "and", "to", "at", "for", "with", "from",
                                              "up", "out", "off", "over", "by", "into", "is", NULL};

static int S_lower_word(const char *text, const pc_token *t)
{
    unsigned char c = (unsigned char)text[t->start];
    return t->kind == PC_TOK_WORD && t->end > t->start && c >= 'a' && c <= 'z';
}

static int S_upper_word(const char *text, const pc_token *t)
{
    unsigned char c = (unsigned char)text[t->start];
    return t->kind == PC_TOK_WORD && t->end > t->start && ((c >= 'A' && c <= 'Z') || c >= 0xC3);
}

/* 1 if tokens k and k + 1 touch (no white space between them). */
static int S_glued(const pc_token *toks, uint32_t k) { return toks[k].end == toks[k + 1].start; }

/* Tagger confidence of a span from its weakest token's margin: m / (m + 8)
 * maps the bundled model's margins (0-30) to 0-0.8; spans whose weakest
 * token has a margin of 8 get 0.5. */
static float S_conf(const float *margin, uint32_t t0, uint32_t a, uint32_t b)
{
    float m = -1.0f;
    uint32_t k;
    for (k = a; k < b; k++)
        if (m < 0.0f || margin[k - t0] < m)
            m = margin[k - t0];
    if (m < 0.0f)
        m = 0.0f;
    return m / (m + 8.0f);
}

/* Tagger confidence above which a tagger ORG/PERSON replaces a city hit
 * of exactly the same words ("Chelsea beat Arsenal", "Leeds 2 Hull 1"), and
 * above which a longer tagger name replaces a contained hit that is not a
 * city (a country in "Bank of England"; not in "... International
 * Cooperation of Sierra Leone", 0.68 on the seeds). */
#define S_OVERRIDE_CONF 0.6f
#define S_CONTAIN_CONF 0.75f

static int S_weak(const S_tagstate *st, int32_t o)
{
    const pc_entity_config *cfg = st->cfg;
    int32_t src = st->cand[o].source;
    return cfg->entry_flags && src >= 0 && (size_t)src < cfg->n_entry_flags &&
           (cfg->entry_flags[src] & PC_ENT_ENTRY_WEAK);
}

/* Merge one piece [a, b) of a tagger span into the result. */
static int S_tagger_piece(S_tagstate *st, uint32_t a, uint32_t b, int typ, float conf)
{
    const pc_entity_config *cfg = st->cfg;
    const int32_t *owner = st->owner;
    const pc_entity *cand = st->cand;
    const char *text = st->text;
    const pc_token *toks = st->toks;
    uint32_t t;
    int label, ok = 1, any = 0, free_word = 0, strong = 0, city = 1;
    pc_entity e;

    /* a name starts and ends with a word of its own: not with a quote,
     * a dash or a lower-case word ("of Azerbaijan", "“Armenia"); a
     * person's name may start with a particle ("de Mistura", "al-Assad") */
    while (a < b && (toks[a].kind != PC_TOK_WORD || S_lower_word(text, &toks[a])) &&
           !(typ == 1 && S_tok_in(text, &toks[a], S_PARTICLES) && a + 1 < b))
        a++;
    while (b > a && (toks[b - 1].kind != PC_TOK_WORD || S_lower_word(text, &toks[b - 1])))
        b--;
    label = a < b ? S_map(text, toks, a, b, typ) : -1;
    if (label < 0)
        return PC_OK;
    /* a capitalised function word inside a "person" makes it a title of a
     * work ("Carry On", "Gone With The Wind"): not a person */
    if (label == PC_ENT_PERSON && cfg->widen)
        for (t = a + 1; t < b; t++)
            if (S_upper_word(text, &toks[t]) && S_tok_in(text, &toks[t], S_FUNCTION_CAPS))
                return PC_OK;
    if (label == PC_ENT_ORG && cfg->widen)
        for (t = a + 1; t < b; t++)
            if (S_upper_word(text, &toks[t]) && S_tok_in(text, &toks[t], S_WORK_CAPS))
                return PC_OK;
    for (t = a; t < b; t++) {
        int32_t o = owner[t];
        if (o < 0) {
            free_word |= S_upper_word(text, &toks[t]);
            continue;
        }
        any = 1;
        /* a nationality opening a longer name is part of it ("Armenian
         * Service", "American Express"): only countries need a sure tagger */
        strong |= !S_weak(st, o) && cand[o].label != PC_ENT_NORP;
        city &= S_weak(st, o);
        /* a dictionary hit only gives way to a tagger span that holds it
         * whole (a place inside a longer name: "Real Madrid", "Barbara
         * Windsor", "New York Stock Exchange"); a hit that crosses the
         * span's edge wins */
        if (!cfg->widen || st->dead[o] || cand[o].tok_start < a || cand[o].tok_end > b ||
            cand[o].start < toks[a].start || cand[o].end > toks[b - 1].end)
            ok = 0;
    }
    if (ok && any) {
        if (free_word) {
            /* a longer name around the hits: a capitalised word of its own */
            if (strong && conf < S_CONTAIN_CONF &&
                !(label == PC_ENT_ORG && b - a >= 2 && S_tok_in(text, &toks[b - 1], S_ORG_LAST)))
                ok = 0; /* unless an organisation's last word ends it ("US Embassy") */
        } else {
            /* the same words as dictionary hits: they stay, unless they are
             * cities and the tagger is sure of an organisation or person
             * there (a club or company named after a city) */
            if (!city || !(label == PC_ENT_ORG || label == PC_ENT_PERSON) || conf < S_OVERRIDE_CONF)
                ok = 0;
        }
    }
    for (t = a; ok && t < b; t++)
        if (st->taken[t])
            ok = 0;
    if (!ok)
        return PC_OK;
    if (any)
        for (t = a; t < b; t++)
            if (owner[t] >= 0)
                st->dead[owner[t]] = 1;
    e.start = toks[a].start;
    e.end = toks[b - 1].end;
    e.tok_start = a;
    e.tok_end = b;
    e.label = (uint32_t)label;
    e.source = PC_ENT_SRC_TAGGER;
    e.flags = any ? PC_ENT_WIDEN : 0;
    e.score = conf;
    for (t = a; t < b; t++)
        st->taken[t] = 1;
    return S_push(st->mem, st->out, &e);
}

/* Lower-case words that may stand inside an organisation's or a place's
 * name ("Bank of England", "Trinidad and Tobago", "Stratford-upon-Avon"). */
static const char *const S_NAME_GLUE[] = {
    "of", "for", "and", "the", "on", "upon", "in", "at", "de", "du", "la", "le", "les", "des", "del", "da",
    "di", "y", "van", "von", "der", "den", "am", "an", "sur", "et", "und", "al", "el", "bin", "st", "e", NULL,
};

/* Merge the tagger span of tokens [a, b) and type `typ` into the result,
 * cut where a name cannot go on: at a coordination ("Apple and
 * Microsoft"; not after "of"/"for": "Department of Trade and Industry"),
 * at a lower-case word that cannot stand in a name -- a verb ("Howard
 * denied Mr Yeo", "Peace Agreement is Delayed"; only particles in a
 * person's name) -- and at a sentence opener after a full stop the
 * segmenter took for an abbreviation ("Warner Bros. He"). */
static int S_tagger_span(S_tagstate *st, uint32_t a, uint32_t b, int typ, float conf)
{
    const pc_entity_config *cfg = st->cfg;
    const int32_t *owner = st->owner;
    const pc_entity *cand = st->cand;
    const char *text = st->text;
    const pc_token *toks = st->toks;
    uint32_t t, p;
    int of = 0, rc;

    /* roles are not part of names: trim title tokens at either end */
    while (a < b && owner[a] >= 0 && cand[owner[a]].label == cfg->title_label)
        a++;
    while (b > a && owner[b - 1] >= 0 && cand[owner[b - 1]].label == cfg->title_label)
        b--;
    /* a name right after a role is a person's ("Actress Patsy Rowlands",
     * "striker Thierry Henry"), whatever the model called it */
    if (cfg->widen && a < b && a > 0 && owner[a - 1] >= 0 && cand[owner[a - 1]].label == cfg->title_label &&
        cand[owner[a - 1]].end <= toks[a].start && S_upper_word(text, &toks[a]))
        typ = 1;
    if (!cfg->widen)
        return a < b ? S_tagger_piece(st, a, b, typ, conf) : PC_OK;
    /* post-nominal letters are no part of a name ("Guy Mansfield QC") */
    while (typ == 1 && b > a + 1 && S_tok_in(text, &toks[b - 1], S_POSTNOMINALS))
        b--;
    for (p = t = a; t < b; t++) {
        const pc_token *k = &toks[t];
        int cut = 0;
        if (t > p) {
            int hyph = (t > a && S_glued(toks, t - 1)) || (t + 1 < b && S_glued(toks, t));
            if (S_tok_in(text, k, S_AND) && !of && !S_tok_in(text, &toks[b - 1], S_ORG_HEADS))
                cut = 1;
            else if (owner[t] >= 0 && cand[owner[t]].label == cfg->title_label)
                cut = 1; /* "Azerbaijani President Ilham Aliyev" */
            else if (S_lower_word(text, k) && !hyph &&
                     !S_tok_in(text, k, typ == 1 ? S_PARTICLES : S_NAME_GLUE))
                cut = 1;
            else if (S_upper_word(text, k) && S_tok_in(text, k, S_OPENERS) && text[toks[t - 1].end - 1] == '.')
                cut = 1; /* the opener itself is no name either */
        }
        if (cut) {
            if (p < t && (rc = S_tagger_piece(st, p, t, typ, S_conf(st->margin, st->win0, p, t))) != PC_OK)
                return rc;
            p = t + 1;
            of = 0;
            continue;
        }
        if (S_tok_in(text, k, S_OF))
            of = 1;
    }
    if (p > a) /* a piece of a cut span: its own weakest word */
        conf = S_conf(st->margin, st->win0, p, b);
    return p < b ? S_tagger_piece(st, p, b, typ, conf) : PC_OK;
}

/* Spans of one window joined where a name goes on through a hyphen without
 * spaces ("Kilroy" "-" "Silk", "al" "-" "Assad", "Boix-Vives") or through
 * a name particle ("Staffan" "de" "Mistura", "bin Salman"); a particle
 * right before a person's name joins it too ("de Mistura said").  Only
 * words no dictionary entry claimed join ("Armenia-Azerbaijan" stays two
 * places) and only capitalised words or particles ("Baku-based" does not). */
static int S_hyphen_at(const S_tagstate *st, uint32_t h, uint32_t t0, uint32_t t1)
{
    const pc_token *toks = st->toks;
    const char *text = st->text;
    if (h <= t0 || h + 1 >= t1 || toks[h].end - toks[h].start != 1 || text[toks[h].start] != '-' ||
        !S_glued(toks, h - 1) || !S_glued(toks, h))
        return 0;
    if (st->owner[h - 1] >= 0 || st->owner[h + 1] >= 0)
        return 0;
    return (S_upper_word(text, &toks[h - 1]) || S_tok_in(text, &toks[h - 1], S_PARTICLES)) &&
           S_upper_word(text, &toks[h + 1]);
}

static size_t S_join(const S_tagstate *st, uint32_t t0, uint32_t t1, S_wspan *v, size_t n)
{
    const char *text = st->text;
    const pc_token *toks = st->toks;
    size_t i, w;
    for (i = 0; i < n; i++) {
        uint32_t a = v[i].a;
        /* the rules below also read a place: the model took the first name
         * of "Bashar al-Assad" and "Guy Mansfield QC" for one */
        int joins = v[i].typ == 1 || v[i].typ == 2;
        if (!joins && v[i].typ != 3)
            continue;
        /* post-nominal letters after capitalised words make them a
         * person's name, whatever the model called its parts and even where
         * a town's name is one of them ("Guy Mansfield QC"): the words
         * before, free or weak (city) dictionary hits, join the span, which
         * S_tagger_span then ends before the letters */
        if (v[i].b == a + 1 && S_upper_word(text, &toks[a]) && S_tok_in(text, &toks[a], S_POSTNOMINALS)) {
            uint32_t p = a;
            while (p > t0 && a - p < 3 && S_upper_word(text, &toks[p - 1]) && !S_glued(toks, p - 1) &&
                   (st->owner[p - 1] < 0 || S_weak(st, st->owner[p - 1])))
                p--;
            if (a - p >= 2) {
                a = p;
                v[i].typ = 1;
            }
        }
        v[i].a = a;
        if (!joins && v[i].typ != 1) {
            /* a place: only a particle's hyphenated chain after it ("al-Assad") */
            while (v[i].b + 2 < t1 && S_lower_word(text, &toks[v[i].b]) && S_tok_in(text, &toks[v[i].b], S_PARTICLES) &&
                   st->owner[v[i].b] < 0 && S_glued(toks, v[i].b) && S_hyphen_at(st, v[i].b + 1, t0, t1) &&
                   (i + 1 == n || v[i + 1].a > v[i].b + 2))
                v[i].b += 3;
            continue;
        }
        /* a hyphenated chain or a particle before the span */
        while (a > t0) {
            if (a >= t0 + 2 && S_hyphen_at(st, a - 1, t0, t1) && (i == 0 || v[i - 1].b <= a - 2))
                a -= 2;
            else if (v[i].typ == 1 && S_lower_word(text, &toks[a - 1]) && S_tok_in(text, &toks[a - 1], S_PARTICLES) &&
                     st->owner[a - 1] < 0 && (i == 0 || v[i - 1].b <= a - 1) && !(a - 1 > t0 && S_glued(toks, a - 2)))
                a -= 1;
            else if (v[i].typ == 1 && S_lower_word(text, &toks[a]) && S_tok_in(text, &toks[a], S_PARTICLES) &&
                     S_upper_word(text, &toks[a - 1]) && st->owner[a - 1] < 0 && (i == 0 || v[i - 1].b <= a - 1))
                a -= 1; /* the given name before "bin Salman", "de Mistura" */
            else
                break;
        }
        v[i].a = a;
        /* a hyphenated chain after the span, also one that opens with a
         * particle ("Bashar" "al-Assad") */
        for (;;) {
            if (S_hyphen_at(st, v[i].b, t0, t1) && (i + 1 == n || v[i + 1].a > v[i].b + 1))
                v[i].b += 2;
            else if (v[i].b + 2 < t1 && S_lower_word(text, &toks[v[i].b]) &&
                     S_tok_in(text, &toks[v[i].b], S_PARTICLES) && st->owner[v[i].b] < 0 &&
                     S_glued(toks, v[i].b) && S_hyphen_at(st, v[i].b + 1, t0, t1) &&
                     (i + 1 == n || v[i + 1].a > v[i].b + 2))
                v[i].b += 3;
            else
                break;
        }
    }
    /* neighbours that now touch, or are joined by one particle or hyphen, become one span */
    for (i = w = 0; i < n; i++) {
        if (w > 0) {
            S_wspan *q = &v[w - 1];
            int same = q->typ == v[i].typ || q->typ == 1 || v[i].typ == 1;
            int touch = v[i].a < q->b; /* overlap after the extensions above */
            /* one particle between two names, or a span that now starts
             * with one right after the other ("Bashar" + "al-Assad",
             * "Staffan" "de" "Mistura"): a person's name, whatever the
             * model called its parts */
            int particle = (v[i].a == q->b + 1 && S_lower_word(text, &toks[q->b]) &&
                            S_tok_in(text, &toks[q->b], S_PARTICLES) && S_upper_word(text, &toks[v[i].a])) ||
                           (v[i].a == q->b && S_lower_word(text, &toks[v[i].a]) &&
                            S_tok_in(text, &toks[v[i].a], S_PARTICLES));
            int hyphen = v[i].a == q->b + 1 && S_hyphen_at(st, q->b, t0, t1);
            if (particle || (same && (touch || hyphen))) {
                if (v[i].b > q->b)
                    q->b = v[i].b;
                if (v[i].typ == 1 || particle)
                    q->typ = 1;
                continue;
            }
        }
        v[w++] = v[i];
    }
    return w;
}

/* Tag tokens [t0, t1) and merge the BIO spans (conlleval semantics: an I-X
 * after O or another type starts a new span). */
static int S_tag_window(S_tagstate *st, uint32_t t0, uint32_t t1)
{
    uint32_t n = t1 - t0, j, start = 0;
    int typ = 0, rc;
    size_t nsp = 0, i;
    S_wspan *sp = st->wspans;
    for (j = 0; j < n; j++) {
        st->spans[j].start = st->toks[t0 + j].start;
        st->spans[j].end = st->toks[t0 + j].end;
    }
    rc = pc_tagger_tag_margin(st->cfg->tagger, st->scratch, st->text, st->len, st->spans, n, st->ext + t0,
                              st->labels, st->margin);
    if (rc != PC_OK)
        return rc;
    st->win0 = t0;
    for (j = 0; j <= n; j++) {
        int lab = j < n ? st->labels[j] : 0;
        int begin = lab != 0 && (lab - 1) % 2 == 0;
        int ty = lab == 0 ? 0 : (lab - 1) / 2 + 1;
        if (typ && (lab == 0 || begin || ty != typ)) {
            sp[nsp].a = t0 + start;
            sp[nsp].b = t0 + j;
            sp[nsp].typ = typ;
            nsp++;
            typ = 0;
        }
        if (j < n && lab && !typ) {
            typ = ty;
            start = j;
        }
    }
    if (st->cfg->widen)
        nsp = S_join(st, t0, t1, sp, nsp);
    for (i = 0; i < nsp; i++)
        if ((rc = S_tagger_span(st, sp[i].a, sp[i].b, sp[i].typ, S_conf(st->margin, t0, sp[i].a, sp[i].b))) != PC_OK)
            return rc;
    return PC_OK;
}

int pc_entity_extract(const pc_entity_config *cfg, const pc_mem *mem, const char *text, size_t len,
                      const pc_token *toks, size_t ntok, const pc_sentence *sents, size_t nsent,
                      pc_entity_result *out)
{
    pc_gaz_hits hits = {NULL, 0, 0}, phits = {NULL, 0, 0};
    pc_entity_result cand = {NULL, 0, 0};
    pc_numex_result nx = {NULL, 0, 0};
    int32_t *owner = NULL, *ext = NULL;
    uint8_t *taken = NULL, *labels = NULL, *dead = NULL;
    float *margin = NULL;
    S_wspan *wspans = NULL;
    pc_span *spans = NULL;
    pc_tagger_scratch *scratch = NULL;
    size_t i, k, s, maxsent = 0;
    int rc = PC_OK;
    S_tagstate st;

    if (!cfg || !mem || !out || (!text && len) || (!toks && ntok) || (!sents && nsent))
        return PC_EINVAL;
    out->n = 0;
    if (len > UINT32_MAX || ntok > UINT32_MAX)
        return PC_ETOOBIG;
    if (pc_seg_check(len, toks, ntok, sents, nsent) != PC_OK)
        return PC_EINVAL;
    for (s = 0; s < nsent; s++) {
        if (sents[s].tok_end - sents[s].tok_start > maxsent)
            maxsent = sents[s].tok_end - sents[s].tok_start;
    }
    owner = (int32_t *)mem->calloc(mem->ctx, ntok + 1, sizeof *owner);
    ext = (int32_t *)mem->calloc(mem->ctx, ntok + 1, sizeof *ext);
    taken = (uint8_t *)mem->calloc(mem->ctx, ntok + 1, 1);
    if (!owner || !ext || !taken) {
        rc = PC_ENOMEM;
        goto done;
    }
    for (i = 0; i < ntok; i++)
        owner[i] = -1;

    /* 1. dictionary */
    if (cfg->gaz) {
        rc = pc_gaz_match(cfg->gaz, text, len, 0, &hits);
        if (rc != PC_OK)
            goto done;
        for (k = 0; k < hits.n; k++) {
            pc_entity e;
            uint32_t label, entry, t;
            rc = pc_gaz_matcher_entry(cfg->gaz, hits.v[k].entry, &label, &entry);
            if (rc != PC_OK)
                goto done;
            e.start = (uint32_t)hits.v[k].start;
            e.end = (uint32_t)hits.v[k].end;
            e.label = label;
            e.source = (int32_t)hits.v[k].entry;
            e.flags = 0;
            S_tok_range(toks, ntok, e.start, e.end, &e.tok_start, &e.tok_end);
            /* a listed name of several words is near certain; one word may
             * be something else with the same name (a club, a surname) */
            e.score = e.tok_end - e.tok_start > 1 ? 0.95f : 0.9f;
            for (t = e.tok_start; t < e.tok_end; t++)
                owner[t] = (int32_t)cand.n;
            rc = S_push(mem, &cand, &e);
            if (rc != PC_OK)
                goto done;
        }
    }
    dead = (uint8_t *)mem->calloc(mem->ctx, cand.n + 1, 1);
    if (!dead) {
        rc = PC_ENOMEM;
        goto done;
    }

    /* 2 + 3. tagger with the place feature */
    if (cfg->tagger && nsent) {
        if (cfg->place) {
            rc = pc_gaz_match(cfg->place, text, len, 0, &phits);
            if (rc != PC_OK)
                goto done;
            S_ext_from_hits(&phits, cfg->place, 0, toks, ntok, ext);
        } else if (cfg->gaz) {
            S_ext_from_hits(&hits, cfg->gaz, 1, toks, ntok, ext);
        }
        spans = (pc_span *)mem->calloc(mem->ctx, maxsent + 1, sizeof *spans);
        labels = (uint8_t *)mem->calloc(mem->ctx, maxsent + 1, 1);
        margin = (float *)mem->calloc(mem->ctx, maxsent + 1, sizeof *margin);
        wspans = (S_wspan *)mem->calloc(mem->ctx, maxsent + 1, sizeof *wspans);
        if (!spans || !labels || !margin || !wspans) {
            rc = PC_ENOMEM;
            goto done;
        }
        if ((rc = pc_tagger_scratch_new(mem, &scratch)) != PC_OK)
            goto done;
        st.cfg = cfg;
        st.mem = mem;
        st.text = text;
        st.len = len;
        st.toks = toks;
        st.owner = owner;
        st.cand = cand.v;
        st.dead = dead;
        st.taken = taken;
        st.ext = ext;
        st.spans = spans;
        st.labels = labels;
        st.margin = margin;
        st.wspans = wspans;
        st.scratch = scratch;
        st.out = out;
        for (s = 0; s < nsent; s++) {
            uint32_t cursor = sents[s].tok_start, se = sents[s].tok_end, a, b;
            while (cursor < se) {
                if (!cfg->window) {
                    a = cursor;
                    b = se - cursor > PC_ENT_MAX_WINDOW ? S_cut(&st, a, a + PC_ENT_MAX_WINDOW) : se;
                } else if (!S_next_window(&st, sents[s].tok_start, cursor, se, &a, &b)) {
                    break;
                }
                cursor = b;
                if (a < b && (rc = S_tag_window(&st, a, b)) != PC_OK)
                    goto done;
            }
        }
    }
    for (k = 0; k < cand.n; k++) {
        uint32_t t;
        if (dead[k])
            continue;
        for (t = cand.v[k].tok_start; t < cand.v[k].tok_end; t++)
            taken[t] = 1;
        rc = S_push(mem, out, &cand.v[k]);
        if (rc != PC_OK)
            goto done;
    }

    /* 5. numeric/temporal expressions on free tokens */
    if (cfg->numex) {
        for (s = 0; s < nsent && rc == PC_OK; s++)
            rc = pc_numex_scan(mem, text, toks, sents[s].tok_start, sents[s].tok_end, &nx);
        if (rc != PC_OK)
            goto done;
        for (k = 0; k < nx.n; k++) {
            pc_entity e;
            uint32_t t, a = nx.spans[k].tok_start, b = nx.spans[k].tok_end;
            int ok = a < b && b <= ntok && nx.spans[k].label >= PC_NX_DATE && nx.spans[k].label <= PC_NX_CARDINAL;
            for (t = a; ok && t < b; t++)
                if (taken[t])
                    ok = 0;
            if (!ok)
                continue;
            e.start = toks[a].start;
            e.end = toks[b - 1].end;
            e.tok_start = a;
            e.tok_end = b;
            e.label = (uint32_t)(PC_ENT_DATE + (nx.spans[k].label - PC_NX_DATE));
            e.source = PC_ENT_SRC_NUMEX;
            e.flags = 0;
            e.score = 0.9f;
            for (t = a; t < b; t++)
                taken[t] = 1;
            rc = S_push(mem, out, &e);
            if (rc != PC_OK)
                goto done;
        }
    }
    if (out->n > 1)
        qsort(out->v, out->n, sizeof *out->v, S_cmp);
done:
    if (rc != PC_OK)
        out->n = 0;
    if (cfg->gaz)
        pc_gaz_hits_free(pc_gaz_matcher_mem(cfg->gaz), &hits);
    if (cfg->place)
        pc_gaz_hits_free(pc_gaz_matcher_mem(cfg->place), &phits);
    pc_numex_result_free(mem, &nx);
    pc_tagger_scratch_free(scratch);
    if (cand.v)
        mem->free(mem->ctx, cand.v);
    if (owner)
        mem->free(mem->ctx, owner);
    if (ext)
        mem->free(mem->ctx, ext);
    if (taken)
        mem->free(mem->ctx, taken);
    if (dead)
        mem->free(mem->ctx, dead);
    if (spans)
        mem->free(mem->ctx, spans);
    if (labels)
        mem->free(mem->ctx, labels);
    if (margin)
        mem->free(mem->ctx, margin);
    if (wspans)
        mem->free(mem->ctx, wspans);
    return rc;
}

typedef char S_entity_is_words[sizeof(pc_entity) % sizeof(uint32_t) == 0 ? 1 : -1];

void pc_entity_to_cp(const char *text, size_t len, pc_entity_result *r)
{
    /* sorted and non-overlapping: the starts and the ends are each one
     * non-decreasing column of the result array (S_entity_is_words) */
    const size_t stride = sizeof(pc_entity) / sizeof(uint32_t);
    if (!r->n)
        return;
    pc_utf8_offsets_to_cp(text, len, &r->v[0].start, r->n, stride);
    pc_utf8_offsets_to_cp(text, len, &r->v[0].end, r->n, stride);
}

void pc_entity_result_free(const pc_mem *mem, pc_entity_result *r)
{
    if (r && r->v && mem)
        mem->free(mem->ctx, r->v);
    if (r) {
        r->v = NULL;
        r->n = r->cap = 0;
    }
}
