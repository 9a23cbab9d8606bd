/* pc_mention.c - finishing entity mentions: tagger cleanup, surnames, roles,
 * canonical names within a document (see pc_mention.h).
 *
 * The rules were first written in Python with regular expressions; each
 * matcher below names the expression it implements, and lengths and
 * windows are counted in code points as Python counted them, so that the
 * C port gives the same mentions (bench/check_entities_identical.py hashed
 * both over the seeds, 2,225 BBC articles and 400 generated texts). */
#include "pc_mention.h"

#include <stdlib.h>
#include <string.h>

#include "pc_ac.h"
#include "pc_strmap.h"
#include "pc_translit.h"
#include "pc_utf8.h"
#include "pc_vocab.h"

/* ---- characters ---------------------------------------------------------- */

static int S_upper(int32_t cp) { return pc_utf8_class(cp) == PC_CC_LETTER_UPPER; }

/* The start of the code point before byte p (> lo), never below lo: text
 * that is not valid UTF-8 (the engine's callers repair it; the fuzzers do
 * not) must not step out of the span being read. */
static size_t S_back(const char *s, size_t lo, size_t p)
{
    size_t q = pc_utf8_prev(s, p);
    return q < lo ? lo : q;
}

static int S_is_numeric(uint32_t label) { return label >= PC_ENT_DATE && label <= PC_ENT_CARDINAL; }

/* i advanced by up to k code points, not beyond n */
static size_t S_fwd(const char *s, size_t n, size_t i, size_t k)
{
    while (k-- && i < n)
        i = pc_utf8_next(s, n, i);
    return i;
}

static size_t S_ncp(const char *s, size_t a, size_t b) { return pc_utf8_count(s + a, b - a); }

static int S_eq(const char *a, size_t na, const char *b, size_t nb)
{
    return na == nb && (na == 0 || memcmp(a, b, na) == 0);
}

/* Python's str.split(): the number of words of s[a, b) and the first and
 * last word (empty spans when there is none). */
typedef struct {
    size_t n, f0, f1, l0, l1;
} S_words;

static S_words S_split(const char *s, size_t a, size_t b)
{
    S_words w = {0, a, a, a, a};
    size_t i = a;
    while (i < b) {
        size_t j;
        while (i < b && pc_utf8_py_space(pc_utf8_at(s, b, i)))
            i = pc_utf8_next(s, b, i);
        if (i >= b)
            break;
        j = i;
        while (j < b && !pc_utf8_py_space(pc_utf8_at(s, b, j)))
            j = pc_utf8_next(s, b, j);
        if (w.n++ == 0) {
            w.f0 = i;
            w.f1 = j;
        }
        w.l0 = i;
        w.l1 = j;
        i = j;
    }
    return w;
}

/* s == t after the simple lower-case mapping of each code point */
static int S_lower_eq(const char *s, size_t ns, const char *t, size_t nt)
{
    size_t i = 0, j = 0;
    while (i < ns && j < nt) {
        int32_t a, b;
        size_t ka = pc_utf8_decode(s + i, ns - i, &a), kb = pc_utf8_decode(t + j, nt - j, &b);
        if (pc_utf8_tolower(a) != pc_utf8_tolower(b))
            return 0;
        i += ka ? ka : 1;
        j += kb ? kb : 1;
    }
    return i == ns && j == nt;
}

static int S_put_lower(const pc_mem *mem, pc_buf *b, const char *s, size_t n)
{
    size_t i = 0;
    int rc = PC_OK;
    while (i < n && rc == PC_OK) {
        int32_t cp;
        size_t k = pc_utf8_decode(s + i, n - i, &cp);
        rc = pc_buf_put_cp(mem, b, pc_utf8_tolower(cp));
        i += k ? k : 1;
    }
    return rc;
}

/* ---- the document ------------------------------------------------------- */

typedef struct {
    const pc_mem *mem;
    const char *text;
    size_t len;
    const pc_token *toks;
    size_t ntok;
    const pc_sentence *sents;
    size_t nsent;
    const uint32_t *para_kind;
    size_t npara;
    const pc_mention_names *names;
    pc_mention_result *out;
} S_doc;

static int S_push(const pc_mem *mem, pc_mention_result *r, const pc_mention *m)
{
    int rc = pc_grow(mem, (void **)&r->v, &r->cap, r->n + 1, sizeof *r->v);
    if (rc != PC_OK)
        return rc;
    r->v[r->n++] = *m;
    return PC_OK;
}

/* canonical name of m as a string ("canonical or text") */
static const char *S_canon(const S_doc *d, const pc_mention *m, size_t *n)
{
    if (m->canon_kind == PC_CANON_ENTRY) {
        *n = d->names->off[m->canon_a + 1] - d->names->off[m->canon_a];
        return d->names->blob + d->names->off[m->canon_a];
    }
    if (m->canon_kind == PC_CANON_TEXT) {
        *n = m->canon_b - m->canon_a;
        return d->text + m->canon_a;
    }
    *n = m->end - m->start;
    return d->text + m->start;
}

/* the last sentence starting at or before byte `off`, -1 */
static int32_t S_sentence_before(const S_doc *d, size_t off)
{
    return (int32_t)pc_seg_sentences_upto(d->sents, d->nsent, off) - 1;
}

/* ---- 1. tagger spans: trailing punctuation and possessives --------------- */

/* (?:[\s,;:)\]}(\[&/-]|(?<=[a-z]{3})\.)+$ and (?:['’]s|['’])$, each cut
 * only when something is left */
static void S_trim(const S_doc *d, pc_mention *m)
{
    const char *s = d->text;
    size_t a = m->start, b = m->end, p = b, q;
    while (p > a) {
        int32_t cp;
        q = S_back(s, a, p);
        cp = pc_utf8_at(s, d->len, q);
        if (pc_utf8_py_space(cp) || (cp > 0 && cp < 128 && strchr(",;:)]}([&/-", (int)cp)))
            p = q;
        else if (cp == '.' && q - a >= 3 && s[q - 1] >= 'a' && s[q - 1] <= 'z' && s[q - 2] >= 'a' &&
                 s[q - 2] <= 'z' && s[q - 3] >= 'a' && s[q - 3] <= 'z')
            p = q;
        else
            break;
    }
    if (p > a && p < b)
        b = p;
    if (b > a) {
        int32_t cp;
        q = S_back(s, a, b);
        cp = pc_utf8_at(s, d->len, q);
        if (cp == 's' && q > a) {
            size_t q2 = S_back(s, a, q);
            int32_t c2 = pc_utf8_at(s, d->len, q2);
            if ((c2 == '\'' || c2 == 0x2019) && q2 > a) {
                b = q2;
                m->tok_end = m->tok_end - 1 > m->tok_start + 1 ? m->tok_end - 1 : m->tok_start + 1;
            }
        } else if ((cp == '\'' || cp == 0x2019) && q > a) {
            b = q;
            m->tok_end = m->tok_end - 1 > m->tok_start + 1 ? m->tok_end - 1 : m->tok_start + 1;
        }
    }
    m->end = (uint32_t)b;
}

static int S_collect(S_doc *d, const pc_entity_result *raw, uint32_t title_label, int32_t *title_at)
{
    size_t k;
    int rc;
    for (k = 0; k < raw->n; k++) {
        const pc_entity *e = &raw->v[k];
        pc_mention m;
        if (e->start > e->end || e->end > d->len || e->tok_start > e->tok_end || e->tok_end > d->ntok)
            return PC_EINVAL;
        if (e->label == title_label) {
            title_at[e->tok_end] = (int32_t)k;
            continue;
        }
        memset(&m, 0, sizeof m);
        m.start = e->start;
        m.end = e->end;
        m.tok_start = e->tok_start;
        m.tok_end = e->tok_end;
        m.label = e->label;
        m.source = e->source;
        m.score = e->score;
        m.sentence = S_sentence_before(d, e->start);
        m.entity_id = -1;
        if (e->source >= 0) {
            if ((size_t)e->source >= d->names->n)
                return PC_EINVAL;
            m.canon_kind = PC_CANON_ENTRY;
            m.canon_a = (uint32_t)e->source;
            if (d->names->has_eid[e->source] & PC_ENT_ENTRY_EID)
                m.entity_id = e->source;
        } else if (e->source == PC_ENT_SRC_TAGGER) {
            S_trim(d, &m);
            if (!S_is_numeric(m.label)) {
                m.canon_kind = PC_CANON_TEXT;
                m.canon_a = m.start;
                m.canon_b = m.end;
            }
        }
        if ((rc = S_push(d->mem, d->out, &m)) != PC_OK)
            return rc;
    }
    return PC_OK;
}

/* ---- 2. tagger spans the model gets wrong on news pages ------------------ */

static const char *const S_function_words[] = {
    "and", "or", "of", "the", "for", "in", "on", "to", "with", "a", "an", "at", "by", "from", "as", "vs", NULL};

/* A heading-like sentence: in a title/heading paragraph, or a line without
 * final punctuation whose words are mostly capitalised, or a short
 * paragraph-opening run-in heading ("Constitutional Amendments and Legal
 * Guarantees."): capitalised words look like names there. */
static int S_heading(const S_doc *d, size_t i, const uint8_t *gaz_tok)
{
    const pc_sentence *st = &d->sents[i];
    const char *s = d->text;
    size_t p = st->end, ntokens = st->tok_end - st->tok_start, k, nw = 0, caps = 0;
    int terminal = 0, dot = 0, newpara, question = 0;
    if (st->para < d->npara && (d->para_kind[st->para] == PC_PARA_TITLE || d->para_kind[st->para] == PC_PARA_HEADING))
        return 1;
    while (p > st->start) { /* .rstrip('”"\'’) ') */
        size_t q = S_back(s, st->start, p);
        int32_t cp = pc_utf8_at(s, d->len, q);
        if (cp == 0x201D || cp == '"' || cp == '\'' || cp == 0x2019 || cp == ')' || cp == ' ')
            p = q;
        else
            break;
    }
    if (p > st->start) {
        int32_t cp = pc_utf8_at(s, d->len, S_back(s, st->start, p));
        terminal = cp == '.' || cp == '!' || cp == '?' || cp == 0x2026 || cp == ':';
        dot = cp == '.';
    }
    newpara = i == 0 || d->sents[i - 1].para != st->para;
    /* a line with numbers is a row of a table or a list (results, line-ups,
     * "1. Frankie Fredericks (Namibia) 19.97"), not a heading */
    if (!terminal)
        for (k = st->tok_start; k < st->tok_end; k++)
            if (d->toks[k].kind == PC_TOK_NUM)
                return 0;
    /* a title-case question alone in its paragraph is a heading too ("Can
     * a Peace Agreement be Reached Before COP29?") */
    if (terminal && !dot && p > st->start && pc_utf8_at(s, d->len, S_back(s, st->start, p)) == '?' && newpara &&
        ntokens <= 14 && (i + 1 >= d->nsent || d->sents[i + 1].para != st->para))
        question = 1;
    if (terminal && !question && !(ntokens <= 9 && dot && newpara))
        return 0;
    for (k = st->tok_start; k < st->tok_end; k++) {
        size_t a = d->toks[k].start, b = d->toks[k].end, j;
        int alpha = 1;
        if (gaz_tok[k] || S_ncp(s, a, b) < 2)
            continue;
        for (j = a; j < b && alpha; j = pc_utf8_next(s, b, j))
            alpha = pc_cc_is_letter(pc_utf8_class(pc_utf8_at(s, b, j)));
        if (!alpha)
            continue;
        {
            size_t w;
            int fn = 0;
            for (w = 0; S_function_words[w]; w++)
                if (S_eq(s + a, b - a, S_function_words[w], strlen(S_function_words[w])))
                    fn = 1;
            if (fn)
                continue;
        }
        nw++;
        caps += (size_t)S_upper(pc_utf8_at(s, b, a));
    }
    if (question)
        return nw >= 3 && (double)caps >= 0.8 * (double)nw;
    if (!terminal)
        return nw && (double)caps >= 0.6 * (double)nw;
    return dot && nw >= 2 && nw == caps && ntokens <= 9 && newpara;
}

/* nothing but opening quotes, brackets and dashes between the sentence
 * start and byte `at` */
static int S_opens_sentence(const S_doc *d, int32_t si, size_t at)
{
    size_t i = d->sents[si].start;
    while (i < at) {
        int32_t cp = pc_utf8_at(d->text, d->len, i);
        if (!(cp == ' ' || cp == 0x201C || cp == '"' || cp == 0x2018 || cp == '\'' || cp == '(' || cp == 0x2014 ||
              cp == '-'))
            return 0;
        i = pc_utf8_next(d->text, d->len, i);
    }
    return 1;
}

/* name particles that stay with a surname found alone ("de Waal") */
static const char *const S_particles[] = {"de", "da", "di", "du", "dos", "das", "van", "von", "der", "den",
                                          "ter", "ten", "bin", "ibn", "al", "el", "la", "le", NULL};

/* Bytes an honorific and the white space after it take at the start of
 * s[a, b), 0 if none. */
static size_t S_honorific(const char *s, size_t a, size_t b)
{
    size_t k;
    for (k = 0; pc_vocab_honorifics[k]; k++) {
        size_t n = strlen(pc_vocab_honorifics[k]), p;
        if (b - a < n || memcmp(s + a, pc_vocab_honorifics[k], n) != 0)
            continue;
        p = a + n;
        if (p == b)
            return n;
        if (!pc_utf8_py_space(pc_utf8_at(s, b, p)))
            continue;
        while (p < b && pc_utf8_py_space(pc_utf8_at(s, b, p)))
            p = pc_utf8_next(s, b, p);
        return p - a;
    }
    return 0;
}

/* pc_entity's tagger confidence (weakest token margin m, m / (m + 8))
 * a name in a heading-like line needs to be kept */
#define S_HEADING_CONF 0.85f

/* 1 to keep tagger mention m (possibly cut), 0 to drop it */
static int S_keep_tagged(const S_doc *d, pc_mention *m, const uint8_t *heading)
{
    const char *s = d->text;
    int32_t si = m->sentence;
    size_t a = m->start, b = m->end, sp;
    /* in a heading-like line every capitalised word looks like a name to
     * the model: only names it is sure of stay */
    if (si >= 0 && heading[si] == 1 && m->score < S_HEADING_CONF)
        return 0;
    if (m->label == PC_ENT_PERSON && S_ncp(s, a, b) <= 4) {
        size_t i;
        for (i = a; i < b; i = pc_utf8_next(s, b, i)) {
            int32_t cp = pc_utf8_at(s, b, i);
            if (cp == '\'' || cp == 0x2019)
                return 0;
        }
    }
    /* "Later Tolmajyan said": a sentence-initial adverb is not part of the name */
    for (sp = a; sp < b && s[sp] != ' '; sp++)
        ;
    if (sp < b && sp - a >= 2 && s[sp - 2] == 'l' && s[sp - 1] == 'y' && S_upper(pc_utf8_at(s, b, a)) && si >= 0 &&
        S_opens_sentence(d, si, a)) {
        m->start = (uint32_t)(sp + 1);
        m->canon_a = m->start;
        m->tok_start++;
        a = m->start;
    }
    if (m->tok_end - m->tok_start == 1 && si >= 0 && S_ncp(s, a, b) >= 2) {
        size_t q1 = pc_utf8_prev(s, b), q2 = pc_utf8_prev(s, q1);
        int32_t c1 = pc_utf8_at(s, b, q1), c2 = pc_utf8_at(s, b, q2);
        if ((c1 == 'y' || c1 == 'Y') && (c2 == 'l' || c2 == 'L') && S_opens_sentence(d, si, a))
            return 0;
    }
    if (S_eq(s + a, b - a, "OK", 2) || S_eq(s + a, b - a, "Okay", 4))
        return 0;
    /* one capitalised word opening a sentence that the model is unsure of
     * ("Bleak political realities ..."): capitalisation says nothing there */
    if (m->tok_end - m->tok_start == 1 && si >= 0 && m->score < 0.6f && S_opens_sentence(d, si, a))
        return 0;
    if (!S_is_numeric(m->label)) { /* honorifics are not part of the name ("Mr Brown" -> "Brown") */
        size_t h = S_honorific(s, a, b);
        if (h) {
            if (a + h >= b)
                return 0;
            m->start = (uint32_t)(a + h);
            m->canon_a = m->start;
            m->tok_start++;
            m->label = PC_ENT_PERSON;
        }
    }
    /* a name right after an honorific is a person whatever the model
     * thought it was ("Mr Chidambaram", "Dr. Iwata") */
    if (!S_is_numeric(m->label) && m->label != PC_ENT_PERSON && m->tok_start > 0) {
        uint32_t t = m->tok_start - 1;
        if (d->toks[t].end - d->toks[t].start == 1 && d->text[d->toks[t].start] == '.' && t > 0)
            t--;
        if (S_honorific(s, d->toks[t].start, d->toks[t].end) == d->toks[t].end - d->toks[t].start)
            m->label = PC_ENT_PERSON;
    }
    return 1;
}

static int S_filter(S_doc *d)
{
    pc_mention_result *r = d->out;
    uint8_t *heading = NULL, *gaz_tok = NULL;
    size_t k, w;
    int any = 0, rc = PC_OK;
    for (k = 0; k < r->n && !any; k++)
        any = r->v[k].source == PC_ENT_SRC_TAGGER;
    if (!any)
        return PC_OK;
    heading = (uint8_t *)d->mem->calloc(d->mem->ctx, d->nsent + 1, 1); /* 0 unknown, 1 yes, 2 no */
    gaz_tok = (uint8_t *)d->mem->calloc(d->mem->ctx, d->ntok + 1, 1);
    if (!heading || !gaz_tok) {
        rc = PC_ENOMEM;
        goto done;
    }
    for (k = 0; k < r->n; k++)
        if (r->v[k].source >= 0)
            memset(gaz_tok + r->v[k].tok_start, 1, r->v[k].tok_end - r->v[k].tok_start);
    for (k = 0; k < r->n; k++) {
        int32_t si = r->v[k].sentence;
        if (r->v[k].source == PC_ENT_SRC_TAGGER && si >= 0 && !heading[si])
            heading[si] = S_heading(d, (size_t)si, gaz_tok) ? 1 : 2;
    }
    for (k = w = 0; k < r->n; k++)
        if (r->v[k].source != PC_ENT_SRC_TAGGER || S_keep_tagged(d, &r->v[k], heading))
            r->v[w++] = r->v[k];
    r->n = w;
done:
    if (heading)
        d->mem->free(d->mem->ctx, heading);
    if (gaz_tok)
        d->mem->free(d->mem->ctx, gaz_tok);
    return rc;
}

/* ---- 3. surnames of full names found alone ------------------------------ */

typedef struct {
    size_t a, b;
} S_hit;

static int S_hit_cmp(const void *x, const void *y)
{
    const S_hit *p = (const S_hit *)x, *q = (const S_hit *)y;
    return p->a < q->a ? -1 : p->a > q->a ? 1 : 0;
}

static int S_bounded(const S_doc *d, size_t a, size_t b)
{
    if (a > 0 && pc_utf8_py_alnum(pc_utf8_at(d->text, d->len, pc_utf8_prev(d->text, a))))
        return 0;
    return b >= d->len || !pc_utf8_py_alnum(pc_utf8_at(d->text, d->len, b));
}

typedef struct {
    const S_doc *d;
    size_t *last_end; /* per surname: end of its previous occurrence */
    S_hit *hits;
    size_t n, cap;
} S_hitlist;

/* One occurrence of surname `id` at [a, b): str.find semantics (an
 * occurrence overlapping the previous one of the same name is not one),
 * kept when it is a whole word. */
static int S_on_surname(void *ud, size_t a, size_t b, uint32_t id)
{
    S_hitlist *h = (S_hitlist *)ud;
    int rc;
    if (a < h->last_end[id])
        return PC_OK;
    h->last_end[id] = b;
    if (!S_bounded(h->d, a, b))
        return PC_OK;
    if ((rc = pc_grow(h->d->mem, (void **)&h->hits, &h->cap, h->n + 1, sizeof *h->hits)) != PC_OK)
        return rc;
    h->hits[h->n].a = a;
    h->hits[h->n++].b = b;
    return PC_OK;
}

/* Every whole-word occurrence of the surnames in the text.  A few names
 * (the usual case) are searched one by one; many (a list of casualties,
 * say) with one Aho-Corasick scan, so the cost stays linear in the text. */
static int S_find_surnames(const S_doc *d, const pc_strmap *sur, S_hit **hits, size_t *nh)
{
    S_hitlist h;
    pc_ac_builder *b = NULL;
    pc_ac *ac = NULL;
    size_t k;
    int rc = PC_OK;
    memset(&h, 0, sizeof h);
    h.d = d;
    h.last_end = (size_t *)d->mem->calloc(d->mem->ctx, sur->n + 1, sizeof *h.last_end);
    if (!h.last_end)
        return PC_ENOMEM;
    if (sur->n <= 8) {
        for (k = 0; k < sur->n && rc == PC_OK; k++) {
            size_t n, a = 0;
            const char *key = pc_strmap_key(sur, (int32_t)k, &n);
            while (rc == PC_OK && n && a + n <= d->len) {
                const char *p = (const char *)memchr(d->text + a, key[0], d->len - a - n + 1);
                if (!p)
                    break;
                a = (size_t)(p - d->text);
                if (memcmp(d->text + a, key, n) != 0) {
                    a++;
                    continue;
                }
                rc = S_on_surname(&h, a, a + n, (uint32_t)k);
                a += n;
            }
        }
    } else {
        rc = pc_ac_builder_new(d->mem, &b);
        for (k = 0; k < sur->n && rc == PC_OK; k++) {
            size_t n;
            const char *key = pc_strmap_key(sur, (int32_t)k, &n);
            rc = pc_ac_builder_add(b, (const uint8_t *)key, n, (uint32_t)k);
        }
        if (rc == PC_OK)
            rc = pc_ac_build(b, &ac);
        if (rc == PC_OK)
            rc = pc_ac_scan(ac, (const uint8_t *)d->text, d->len, S_on_surname, &h);
    }
    pc_ac_free(ac);
    pc_ac_builder_free(b);
    d->mem->free(d->mem->ctx, h.last_end);
    if (rc != PC_OK) {
        if (h.hits)
            d->mem->free(d->mem->ctx, h.hits);
        return rc;
    }
    *hits = h.hits;
    *nh = h.n;
    return PC_OK;
}

static int S_propagate(S_doc *d)
{
    pc_mention_result *r = d->out;
    const char *s = d->text;
    pc_strmap sur;
    S_hit *hits = NULL;
    pc_mention *merged = NULL;
    size_t nh = 0, k, i, j, nadd = 0, mcap = 0;
    int rc = PC_OK;

    memset(&sur, 0, sizeof sur);
    for (k = 0; k < r->n; k++) {
        const pc_mention *m = &r->v[k];
        S_words w;
        int32_t slot;
        if (m->label != PC_ENT_PERSON || m->source != PC_ENT_SRC_TAGGER)
            continue;
        w = S_split(s, m->start, m->end);
        if (w.n < 2 || !S_upper(pc_utf8_at(s, w.l1, w.l0)) || S_ncp(s, w.l0, w.l1) < 3)
            continue;
        if ((rc = pc_strmap_get(d->mem, &sur, s + w.l0, w.l1 - w.l0, &slot)) != PC_OK)
            goto done;
    }
    if (!sur.n)
        goto done;
    /* the tagger sometimes calls a lone surname MISC ("Poghosian" -> NORP) */
    for (k = 0; k < r->n; k++) {
        pc_mention *m = &r->v[k];
        if (m->source == PC_ENT_SRC_TAGGER && m->label != PC_ENT_PERSON &&
            pc_strmap_find(&sur, s + m->start, m->end - m->start) >= 0) {
            m->label = PC_ENT_PERSON;
            m->canon_kind = PC_CANON_TEXT;
            m->canon_a = m->start;
            m->canon_b = m->end;
        }
    }
    if ((rc = S_find_surnames(d, &sur, &hits, &nh)) != PC_OK)
        goto done;
    if (nh > 1)
        qsort(hits, nh, sizeof *hits, S_hit_cmp);
    for (k = 0; k < nh; k++) {
        size_t a = hits[k].a, b = hits[k].b, lo = 0, hi = r->n, t0;
        pc_mention m;
        int32_t si;
        while (lo < hi) { /* first mention starting after a */
            size_t mid = lo + (hi - lo) / 2;
            if (r->v[mid].start <= a)
                lo = mid + 1;
            else
                hi = mid;
        }
        if ((lo > 0 && r->v[lo - 1].end > a) || (lo < r->n && r->v[lo].start < b))
            continue;
        t0 = pc_seg_token_from(d->toks, d->ntok, a);
        if (t0 >= d->ntok || d->toks[t0].start != a)
            continue;
        si = S_sentence_before(d, a);
        if (si >= 0 && a >= d->sents[si].end)
            si = -1;
        /* a name particle before the surname belongs to it ("de Waal") */
        if (t0 > 0 && d->toks[t0 - 1].end + 1 == a && d->text[a - 1] == ' ' &&
            pc_utf8_ascii_in(d->text + d->toks[t0 - 1].start, d->toks[t0 - 1].end - d->toks[t0 - 1].start,
                             S_particles) &&
            d->text[d->toks[t0 - 1].start] >= 'a' && d->text[d->toks[t0 - 1].start] <= 'z' &&
            (lo == 0 || r->v[lo - 1].end <= d->toks[t0 - 1].start)) {
            t0--;
            a = d->toks[t0].start;
        }
        memset(&m, 0, sizeof m);
        m.start = (uint32_t)a;
        m.end = (uint32_t)b;
        m.tok_start = (uint32_t)t0;
        m.tok_end = (uint32_t)pc_seg_token_from(d->toks, d->ntok, b - 1) + 1;
        m.label = PC_ENT_PERSON;
        m.source = PC_ENT_SRC_TAGGER;
        m.score = 0.7f; /* a rule: the surname of a full name found alone */
        m.sentence = si;
        m.canon_kind = PC_CANON_TEXT;
        m.canon_a = (uint32_t)a;
        m.canon_b = (uint32_t)b;
        m.entity_id = -1;
        if ((rc = pc_grow(d->mem, (void **)&merged, &mcap, nadd + 1, sizeof *merged)) != PC_OK)
            goto done;
        merged[nadd++] = m;
    }
    if (nadd) { /* merge the additions (sorted, disjoint from the rest) by start */
        pc_mention *all = (pc_mention *)d->mem->calloc(d->mem->ctx, 1, (r->n + nadd) * sizeof *all);
        size_t o = 0;
        if (!all) {
            rc = PC_ENOMEM;
            goto done;
        }
        for (i = j = 0; i < r->n || j < nadd;)
            all[o++] = (j >= nadd || (i < r->n && r->v[i].start <= merged[j].start)) ? r->v[i++] : merged[j++];
        d->mem->free(d->mem->ctx, r->v);
        r->v = all;
        r->n = r->cap = o;
    }
done:
    pc_strmap_free(d->mem, &sur);
    if (hits)
        d->mem->free(d->mem->ctx, hits);
    if (merged)
        d->mem->free(d->mem->ctx, merged);
    return rc;
}

/* ---- 4. roles ------------------------------------------------------------ */


/* a word w (ASCII) at s[p, ...) ending on a word boundary before e */
static int S_word_at(const char *s, size_t e, size_t p, const char *w)
{
    size_t n = strlen(w);
    if (e - p < n || memcmp(s + p, w, n) != 0)
        return 0;
    return p + n == e || !pc_utf8_py_word(pc_utf8_at(s, e, p + n));
}

/* (?=[A-Z][\w.]*['’]s\b) at p, text ending at e */
static int S_possessive_ahead(const char *s, size_t e, size_t p)
{
    if (p >= e || s[p] < 'A' || s[p] > 'Z')
        return 0;
    p++;
    while (p < e) {
        int32_t cp = pc_utf8_at(s, e, p);
        if (cp != '.' && !pc_utf8_py_word(cp))
            break;
        p = pc_utf8_next(s, e, p);
    }
    if (p >= e)
        return 0;
    {
        int32_t cp = pc_utf8_at(s, e, p);
        if (cp != '\'' && cp != 0x2019)
            return 0;
        p = pc_utf8_next(s, e, p);
    }
    return S_word_at(s, e, p, "s");
}

static int S_nbsp_or_space(const char *s, size_t e, size_t p, size_t *next)
{
    if (p < e && s[p] == ' ') {
        *next = p + 1;
        return 1;
    }
    if (p + 1 < e && (unsigned char)s[p] == 0xC2 && (unsigned char)s[p + 1] == 0xA0) {
        *next = p + 2;
        return 1;
    }
    return 0;
}

/* the end of the appositive group at g (lookahead
 * (?=[,;:()\u2014]|\.(?:\s|$)|$) with the text ending at e) */
static int S_appos_end(const char *s, size_t e, size_t g)
{
    int32_t cp;
    if (g == e || (g + 1 == e && s[g] == '\n'))
        return 1;
    cp = pc_utf8_at(s, e, g);
    if (cp == ',' || cp == ';' || cp == ':' || cp == '(' || cp == ')' || cp == 0x2014)
        return 1;
    if (cp == '.') {
        size_t h = g + 1;
        return h == e || pc_utf8_py_space(pc_utf8_at(s, e, h));
    }
    return 0;
}

/* An appositive role after a name ending at p, in a sentence ending at e:
 * [ \u00a0]*,[ \u00a0]+(?:(?:the|a|an)\b|(?=[A-Z][\w.]*['’]s\b))[ \u00a0]*
 * ([^,;:()\u2014\u201c\u201d"]+?)(?=[,;:()\u2014]|\.(?:\s|$)|$), the group
 * stripped of white space and trailing .”"'’, cut before a speech verb
 * ("... said"), kept when it holds a role word and has at most 120 code
 * points. */
static int S_appositive(const S_doc *d, size_t p, size_t e, uint32_t *ra, uint32_t *rb)
{
    const char *s = d->text;
    size_t q, g, ga, gb, cut, i;
    int ok = 0;
    if (p > e)
        return 0;
    while (S_nbsp_or_space(s, e, p, &q))
        p = q;
    if (p >= e || s[p] != ',')
        return 0;
    p++;
    if (!S_nbsp_or_space(s, e, p, &q))
        return 0;
    while (S_nbsp_or_space(s, e, p, &q))
        p = q;
    if (S_word_at(s, e, p, "the"))
        p += 3;
    else if (S_word_at(s, e, p, "a"))
        p += 1;
    else if (S_word_at(s, e, p, "an"))
        p += 2;
    else if (!S_possessive_ahead(s, e, p))
        return 0;
    while (S_nbsp_or_space(s, e, p, &q))
        p = q;
    for (g = p;; g = pc_utf8_next(s, e, g)) {
        int32_t cp;
        if (g > p && S_appos_end(s, e, g))
            break;
        if (g >= e)
            return 0;
        cp = pc_utf8_at(s, e, g);
        if (cp == ',' || cp == ';' || cp == ':' || cp == '(' || cp == ')' || cp == 0x2014 || cp == 0x201C ||
            cp == 0x201D || cp == '"')
            return 0; /* (backtracking can only make a white-space group: no role) */
    }
    ga = p;
    gb = g;
    while (ga < gb && pc_utf8_py_space(pc_utf8_at(s, gb, ga)))
        ga = pc_utf8_next(s, gb, ga);
    while (gb > ga && pc_utf8_py_space(pc_utf8_at(s, gb, S_back(s, ga, gb))))
        gb = S_back(s, ga, gb);
    while (gb > ga) {
        int32_t cp = pc_utf8_at(s, gb, S_back(s, ga, gb));
        if (cp == '.' || cp == 0x201D || cp == '"' || cp == '\'' || cp == 0x2019)
            gb = S_back(s, ga, gb);
        else
            break;
    }
    /* re.split(r"\s+(?:said|says|...)\b", role)[0] */
    for (cut = gb, i = ga; i < gb; i = pc_utf8_next(s, gb, i)) {
        size_t j = i, k;
        if (!pc_utf8_py_space(pc_utf8_at(s, gb, i)))
            continue;
        while (j < gb && pc_utf8_py_space(pc_utf8_at(s, gb, j)))
            j = pc_utf8_next(s, gb, j);
        for (k = j; k < gb && pc_utf8_py_word(pc_utf8_at(s, gb, k));)
            k = pc_utf8_next(s, gb, k);
        if (pc_vocab_verb_tags(s + j, k - j, 0) & PC_VOCAB_NAME_CUE) {
            cut = i;
            break;
        }
        i = S_back(s, i, j); /* the next run starts after j */
    }
    for (i = ga; i < cut && !ok;) { /* a role word among the \w+ runs */
        size_t j = i;
        while (j < cut && pc_utf8_py_word(pc_utf8_at(s, cut, j)))
            j = pc_utf8_next(s, cut, j);
        if (j > i) {
            ok = pc_utf8_ascii_in(s + i, j - i, pc_vocab_role_words);
            i = j;
        } else {
            i = pc_utf8_next(s, cut, i);
        }
    }
    if (!ok || S_ncp(s, ga, cut) > 120)
        return 0;
    *ra = (uint32_t)ga;
    *rb = (uint32_t)cut;
    return 1;
}

static int S_role_nonempty(const S_doc *d, const pc_mention *m)
{
    size_t i;
    if (!m->has_role)
        return 0;
    for (i = m->role_a; i < m->role_b; i = pc_utf8_next(d->text, m->role_b, i))
        if (!pc_utf8_py_space(pc_utf8_at(d->text, m->role_b, i)))
            return 1;
    return 0;
}

static int S_roles(S_doc *d, const pc_entity_result *raw, const int32_t *title_at, int any_title)
{
    pc_mention_result *r = d->out;
    int32_t *by_tend = NULL;
    size_t k;
    if (any_title) {
        by_tend = (int32_t *)d->mem->calloc(d->mem->ctx, 1, (d->ntok + 1) * sizeof *by_tend);
        if (!by_tend)
            return PC_ENOMEM;
        for (k = 0; k <= d->ntok; k++)
            by_tend[k] = -1;
        for (k = 0; k < r->n; k++)
            by_tend[r->v[k].tok_end] = (int32_t)k;
    }
    for (k = 0; k < r->n; k++) {
        pc_mention *e = &r->v[k];
        if (e->label != PC_ENT_PERSON)
            continue;
        if (any_title && title_at[e->tok_start] >= 0) {
            /* title before the name, with its country/nationality modifiers */
            const pc_entity *t = &raw->v[title_at[e->tok_start]];
            size_t start = t->start, t0 = t->tok_start, p = e->start;
            int32_t mod = by_tend[t0];
            while (mod >= 0 && (size_t)mod != k && r->v[mod].tok_start < t0 &&
                   (r->v[mod].label == PC_ENT_NORP || r->v[mod].label == PC_ENT_GPE ||
                    r->v[mod].label == PC_ENT_ORG)) {
                start = r->v[mod].start;
                t0 = r->v[mod].tok_start;
                mod = by_tend[t0];
            }
            while (p > start && pc_utf8_py_space(pc_utf8_at(d->text, d->len, S_back(d->text, start, p))))
                p = S_back(d->text, start, p);
            e->has_role = 1;
            e->role_a = (uint32_t)start;
            e->role_b = (uint32_t)(p > start ? p : start);
            continue;
        }
        if (e->sentence >= 0 &&
            S_appositive(d, e->end, d->sents[e->sentence].end, &e->role_a, &e->role_b))
            e->has_role = 1;
    }
    if (by_tend)
        d->mem->free(d->mem->ctx, by_tend);
    return PC_OK;
}

/* ---- 5. canonical names within the document ----------------------------- */

static const char *const S_stop[] = {"of", "the", "and", "for", "on", "in", "de", "la", "du", "at", "&", NULL};

/* [^\W\d_] : a \w character that is neither a decimal digit nor '_' */
static int S_word_start(int32_t cp) { return cp != '_' && pc_utf8_py_word(cp) && pc_utf8_class(cp) != PC_CC_DIGIT; }

/* the upper-case A-Z letters of s[a, b) into buf (at most cap), -1 if more */
static int S_caps(const char *s, size_t a, size_t b, char *buf, size_t cap, size_t *n)
{
    size_t i;
    *n = 0;
    for (i = a; i < b; i++)
        if (s[i] >= 'A' && s[i] <= 'Z') {
            if (*n >= cap)
                return -1;
            buf[(*n)++] = s[i];
        }
    return 0;
}

/* The end of the name word starting at s[i] (a S_word_start character):
 * [^\W\d_][\w]*, or [^\W\d_][\w'’-]* with `apostrophes`. */
static size_t S_name_word(const char *s, size_t e, size_t i, int apostrophes)
{
    size_t j = pc_utf8_next(s, e, i);
    while (j < e) {
        int32_t cp = pc_utf8_at(s, e, j);
        if (!pc_utf8_py_word(cp) && !(apostrophes && (cp == '\'' || cp == 0x2019 || cp == '-')))
            break;
        j = pc_utf8_next(s, e, j);
    }
    return j;
}

/* 1 when the initials of the words of s[a, b) that are not stop words
 * (words: [^\W\d_][\w]*) spell letters[0, n) */
static int S_initials_are(const char *s, size_t a, size_t b, const char *letters, size_t n)
{
    size_t i = a, k = 0;
    while (i < b) {
        int32_t cp = pc_utf8_at(s, b, i);
        size_t j;
        if (!S_word_start(cp)) {
            i = pc_utf8_next(s, b, i);
            continue;
        }
        j = S_name_word(s, b, i, 0);
        if (!pc_utf8_ascii_in(s + i, j - i, S_stop)) {
            int32_t up = pc_utf8_toupper(cp);
            if (k >= n || up != (unsigned char)letters[k])
                return 0;
            k++;
        }
        i = j;
    }
    return k == n;
}

/* Python's str.isupper() */
static int S_isupper(const char *s, size_t a, size_t b)
{
    size_t i;
    int upper = 0;
    for (i = a; i < b; i = pc_utf8_next(s, b, i)) {
        int c = pc_utf8_class(pc_utf8_at(s, b, i));
        if (c == PC_CC_LETTER_LOWER)
            return 0;
        upper |= c == PC_CC_LETTER_UPPER;
    }
    return upper;
}

/* an acronym's expansion: canonical reference and entity id */
typedef struct {
    uint32_t kind, a, b;
    int32_t eid;
} S_acr;

static int S_acr_set(const S_doc *d, pc_strmap *m, S_acr **vals, size_t *cap, const char *k, size_t n,
                     const S_acr *v)
{
    int32_t slot;
    int rc = pc_strmap_get(d->mem, m, k, n, &slot);
    if (rc != PC_OK)
        return rc;
    if ((rc = pc_grow(d->mem, (void **)vals, cap, m->n, sizeof **vals)) != PC_OK)
        return rc;
    (*vals)[slot] = *v;
    return PC_OK;
}

static S_acr S_ref_of(const pc_mention *m)
{
    S_acr v;
    v.kind = m->canon_kind;
    v.a = m->canon_a;
    v.b = m->canon_b;
    v.eid = m->entity_id;
    if (v.kind == PC_CANON_NONE) {
        v.kind = PC_CANON_TEXT;
        v.a = m->start;
        v.b = m->end;
    }
    return v;
}

#define S_MAXLET 32

/* Acronyms defined in the text: "Long Name (ACR)" where Long Name is a
 * mention or the words before the parenthesis, and "ACR (Long Name)". */
static int S_acronyms(S_doc *d)
{
    pc_mention_result *r = d->out;
    const char *s = d->text;
    pc_strmap acr;
    S_acr *vals = NULL;
    size_t vcap = 0, k, i;
    int rc = PC_OK;

    if (!memchr(s, '(', d->len))
        return PC_OK;
    memset(&acr, 0, sizeof acr);
    for (k = 0; k < r->n; k++) { /* \s*\(([^()]{2,30})\) right after a mention */
        pc_mention *e = &r->v[k];
        size_t lim = S_fwd(s, d->len, e->end, 40), p = e->end, q, n = 0, ia, ib, nl;
        char letters[S_MAXLET];
        S_acr v;
        if (S_is_numeric(e->label) || e->label == PC_ENT_PERSON)
            continue;
        for (q = e->end, i = 0; i < 3 && q < d->len && s[q] != '('; i++)
            q = pc_utf8_next(s, d->len, q);
        if (i == 3 || q >= d->len)
            continue;
        while (p < lim && pc_utf8_py_space(pc_utf8_at(s, lim, p)))
            p = pc_utf8_next(s, lim, p);
        if (p >= lim || s[p] != '(')
            continue;
        ia = ++p;
        while (p < lim && s[p] != '(' && s[p] != ')') {
            p = pc_utf8_next(s, lim, p);
            n++;
        }
        if (p >= lim || s[p] != ')' || n < 2 || n > 30)
            continue;
        ib = p;
        while (ia < ib && pc_utf8_py_space(pc_utf8_at(s, ib, ia)))
            ia = pc_utf8_next(s, ib, ia);
        while (ib > ia && pc_utf8_py_space(pc_utf8_at(s, ib, S_back(s, ia, ib))))
            ib = S_back(s, ia, ib);
        if (S_ncp(s, ia, ib) < S_ncp(s, e->start, e->end)) { /* "Long Name (ACR)" */
            if (S_caps(s, ia, ib, letters, S_MAXLET, &nl) < 0 || !nl ||
                !S_initials_are(s, e->start, e->end, letters, nl))
                continue;
            v = S_ref_of(e);
            rc = S_acr_set(d, &acr, &vals, &vcap, s + ia, ib - ia, &v);
        } else { /* "ACR (Long Name)" */
            if (S_caps(s, e->start, e->end, letters, S_MAXLET, &nl) < 0 || !nl ||
                !S_initials_are(s, ia, ib, letters, nl) || !S_isupper(s, e->start, e->end))
                continue;
            v.kind = PC_CANON_TEXT;
            v.a = (uint32_t)ia;
            v.b = (uint32_t)ib;
            v.eid = e->entity_id;
            rc = S_acr_set(d, &acr, &vals, &vcap, s + e->start, e->end - e->start, &v);
        }
        if (rc != PC_OK)
            goto done;
    }
    /* \(([A-Z][A-Z/&.-]{1,9})\) whose letters are the initials of the
     * capitalised words before it (within 200 code points) */
    for (i = 0; i < d->len;) {
        size_t p = i + 1, run = 0, nl, base, w, nw = 0, nc = 0, lim;
        size_t ws[256], we[256], cs[256];
        char letters[S_MAXLET];
        const char *open = (const char *)memchr(s + i, '(', d->len - i);
        int ok = 1;
        if (!open)
            break;
        i = (size_t)(open - s);
        p = i + 1;
        if (p >= d->len || s[p] < 'A' || s[p] > 'Z') {
            i++;
            continue;
        }
        p++;
        while (p < d->len && ((s[p] >= 'A' && s[p] <= 'Z') || s[p] == '/' || s[p] == '&' || s[p] == '.' ||
                              s[p] == '-')) {
            p++;
            run++;
        }
        if (run < 1 || run > 9 || p >= d->len || s[p] != ')') {
            i++;
            continue;
        }
        lim = i; /* the match is s[i, p]; the next search starts after it */
        {
            size_t sa = i + 1, sb = p;
            i = p + 1;
            if (S_caps(s, sa, sb, letters, S_MAXLET, &nl) < 0 || nl < 2 || pc_strmap_find(&acr, s + sa, sb - sa) >= 0)
                continue;
            for (base = lim, w = 0; w < 200 && base > 0; w++)
                base = pc_utf8_prev(s, base);
            for (w = base; w < lim && nw < 256;) { /* [^\W\d_][\w'’-]* */
                int32_t cp = pc_utf8_at(s, lim, w);
                size_t j;
                if (!S_word_start(cp)) {
                    w = pc_utf8_next(s, lim, w);
                    continue;
                }
                j = S_name_word(s, lim, w, 1);
                ws[nw] = w;
                we[nw++] = j;
                if (!pc_utf8_ascii_in(s + w, j - w, S_stop))
                    cs[nc++] = nw - 1;
                w = j;
            }
            if (nc < nl)
                continue;
            for (k = 0; k < nl && ok; k++) {
                size_t at = ws[cs[nc - nl + k]];
                ok = s[at] == letters[k];
            }
            if (!ok || memchr(s + ws[cs[nc - nl]], '\n', we[nw - 1] - ws[cs[nc - nl]]))
                continue;
            {
                S_acr v;
                v.kind = PC_CANON_TEXT;
                v.a = (uint32_t)ws[cs[nc - nl]];
                v.b = (uint32_t)we[nw - 1];
                v.eid = -1;
                if ((rc = S_acr_set(d, &acr, &vals, &vcap, s + sa, sb - sa, &v)) != PC_OK)
                    goto done;
            }
        }
    }
    if (acr.n) {
        for (k = 0; k < r->n; k++) {
            pc_mention *e = &r->v[k];
            int32_t slot;
            size_t cn;
            const char *c;
            if (S_is_numeric(e->label) || (slot = pc_strmap_find(&acr, s + e->start, e->end - e->start)) < 0)
                continue;
            c = S_canon(d, e, &cn);
            if (e->source >= 0 && !S_eq(c, cn, s + e->start, e->end - e->start))
                continue;
            e->canon_kind = vals[slot].kind;
            e->canon_a = vals[slot].a;
            e->canon_b = vals[slot].b;
            if (e->entity_id < 0)
                e->entity_id = vals[slot].eid;
        }
    }
done:
    pc_strmap_free(d->mem, &acr);
    if (vals)
        d->mem->free(d->mem->ctx, vals);
    return rc;
}

/* The full names of each surname (a slot of S_people's `full` or `fuzzy`
 * map) in groups of what its rule compares: the canonical name and the
 * first word of the text.  A surname found alone is compared with each
 * group once, not with every full mention: a long document names the same
 * people thousands of times, and comparing each mention with all of them
 * made a 16 MB document take 13x the time of a 4 MB one.  Each group's
 * mentions are in text order (one canonical name has one surname); `cur`
 * follows the surnames, which are visited in text order too. */
typedef struct {
    pc_strmap keys; /* "<slot><canonical length><canonical><first word, lower case>" -> group; items: mentions */
    int32_t *head;  /* per slot of the surname map: its first group, -1 */
    int32_t *next;  /* per group: the next group of the same slot, -1 */
    int32_t *cur;   /* per group: the item of its last mention before the surname visited last, -1 */
} S_groups;

static void S_groups_free(const pc_mem *mem, S_groups *g)
{
    pc_strmap_free(mem, &g->keys);
    if (g->head)
        mem->free(mem->ctx, g->head);
    if (g->next)
        mem->free(mem->ctx, g->next);
    if (g->cur)
        mem->free(mem->ctx, g->cur);
    memset(g, 0, sizeof *g);
}

static int S_groups_build(S_doc *d, const pc_strmap *map, S_groups *g, pc_buf *tmp)
{
    const pc_mention_result *r = d->out;
    int32_t s, it, gi;
    size_t q;
    int rc;
    g->head = (int32_t *)d->mem->calloc(d->mem->ctx, map->n + 1, sizeof *g->head);
    g->next = (int32_t *)d->mem->calloc(d->mem->ctx, map->nitem + 1, sizeof *g->next);
    g->cur = (int32_t *)d->mem->calloc(d->mem->ctx, map->nitem + 1, sizeof *g->cur);
    if (!g->head || !g->next || !g->cur)
        return PC_ENOMEM;
    for (q = 0; q < map->n; q++)
        g->head[q] = -1;
    for (s = 0; (size_t)s < map->n; s++) {
        for (it = map->slot[s].head; it >= 0; it = map->next[it]) {
            const pc_mention *m = &r->v[map->item[it]];
            size_t cn;
            const char *c = S_canon(d, m, &cn);
            S_words tw = S_split(d->text, m->start, m->end);
            uint32_t head[2];
            head[0] = (uint32_t)s;
            head[1] = (uint32_t)cn;
            tmp->len = 0;
            if ((rc = pc_buf_put(d->mem, tmp, (const char *)head, sizeof head)) != PC_OK ||
                (rc = pc_buf_put(d->mem, tmp, c, cn)) != PC_OK ||
                (rc = S_put_lower(d->mem, tmp, d->text + tw.f0, tw.f1 - tw.f0)) != PC_OK ||
                (rc = pc_strmap_get(d->mem, &g->keys, tmp->data, tmp->len, &gi)) != PC_OK)
                return rc;
            if (g->keys.slot[gi].head < 0) { /* a new group of slot s */
                g->next[gi] = g->head[s];
                g->head[s] = gi;
                g->cur[gi] = -1;
            }
            if ((rc = pc_strmap_push(d->mem, &g->keys, gi, map->item[it])) != PC_OK)
                return rc;
        }
    }
    return PC_OK;
}

/* The full name that the surname alone k (words w) takes from the groups
 * of slot `slot`: groups with more words than it and, when it has a first
 * name, the same first name (in their canonical name or their text) are
 * the candidates; if they all have one canonical name, its first mention,
 * else the last candidate mention before k (several people share the
 * surname); -1 when there is none. */
static int32_t S_pick(const S_doc *d, S_groups *g, int32_t slot, int32_t k, S_words w)
{
    const pc_mention_result *r = d->out;
    const pc_strmap *keys = &g->keys;
    const char *s = d->text, *c0 = NULL;
    size_t n0 = 0;
    int32_t gi, first = -1, last = -1;
    int same = 1;
    for (gi = g->head[slot]; gi >= 0; gi = g->next[gi]) {
        size_t kn, cn;
        const char *key = pc_strmap_key(keys, gi, &kn), *c = key + 2 * sizeof(uint32_t), *fw;
        uint32_t head[2];
        int32_t it = keys->slot[gi].head, nx, f;
        S_words cw;
        memcpy(head, key, sizeof head);
        cn = head[1];
        fw = c + cn;
        cw = S_split(c, 0, cn);
        if (cw.n <= w.n)
            continue;
        if (w.n != 1 && !S_lower_eq(c + cw.f0, cw.f1 - cw.f0, s + w.f0, w.f1 - w.f0) &&
            !S_lower_eq(fw, kn - 2 * sizeof(uint32_t) - cn, s + w.f0, w.f1 - w.f0))
            continue;
        f = keys->item[it] != k ? keys->item[it] : keys->next[it] >= 0 ? keys->item[keys->next[it]] : -1;
        if (f < 0) /* k is its group's only mention */
            continue;
        if (!c0) {
            c0 = c;
            n0 = cn;
        } else if (!S_eq(c0, n0, c, cn)) {
            same = 0;
        }
        if (first < 0 || f < first)
            first = f;
        for (nx = g->cur[gi] < 0 ? it : keys->next[g->cur[gi]]; nx >= 0 && r->v[keys->item[nx]].start < r->v[k].start;
             nx = keys->next[nx])
            g->cur[gi] = nx;
        if (g->cur[gi] >= 0 && keys->item[g->cur[gi]] > last)
            last = keys->item[g->cur[gi]];
    }
    return first < 0 ? -1 : same ? first : last;
}

/* Persons: a surname alone, or a variant spelling or typo of one, takes
 * the full name given in the same document when one person fits; then
 * every mention of a person gets the role given at any of them. */
static int S_people(S_doc *d)
{
    pc_mention_result *r = d->out;
    const char *s = d->text;
    pc_strmap full, fuzzy, roles, dels;
    pc_buf tmp = PC_BUF_INIT, key = PC_BUF_INIT;
    S_groups gfull, gfuzzy;
    size_t k;
    int rc = PC_OK, fuzzy_built = 0, dels_built = 0;

    memset(&dels, 0, sizeof dels);
    memset(&full, 0, sizeof full);
    memset(&fuzzy, 0, sizeof fuzzy);
    memset(&roles, 0, sizeof roles);
    memset(&gfull, 0, sizeof gfull);
    memset(&gfuzzy, 0, sizeof gfuzzy);
    for (k = 0; k < r->n; k++) {
        size_t cn;
        const char *c;
        S_words w;
        int32_t slot;
        if (r->v[k].label != PC_ENT_PERSON)
            continue;
        c = S_canon(d, &r->v[k], &cn);
        w = S_split(c, 0, cn);
        if (w.n < 2)
            continue;
        tmp.len = 0;
        if ((rc = S_put_lower(d->mem, &tmp, c + w.l0, w.l1 - w.l0)) != PC_OK ||
            (rc = pc_strmap_get(d->mem, &full, tmp.data, tmp.len, &slot)) != PC_OK ||
            (rc = pc_strmap_push(d->mem, &full, slot, (int32_t)k)) != PC_OK)
            goto done;
    }
    if (full.n && (rc = S_groups_build(d, &full, &gfull, &tmp)) != PC_OK)
        goto done;
    for (k = 0; k < r->n; k++) {
        pc_mention *e = &r->v[k];
        S_words w;
        size_t cn, last_n;
        const char *c, *last;
        int32_t slot = -1, best;
        if (e->label != PC_ENT_PERSON)
            continue;
        w = S_split(s, e->start, e->end);
        if (w.n >= 2 && e->source >= 0)
            continue;
        c = S_canon(d, e, &cn);
        if (e->source >= 0 && S_split(c, 0, cn).n >= 2)
            continue;
        if (w.n == 0 || !full.n)
            continue;
        last = s + w.l0;
        last_n = w.l1 - w.l0;
        tmp.len = 0;
        if ((rc = S_put_lower(d->mem, &tmp, last, last_n)) != PC_OK)
            goto done;
        slot = pc_strmap_find(&full, tmp.data, tmp.len);
        if (slot >= 0) {
            best = S_pick(d, &gfull, slot, (int32_t)k, w);
        } else {
            int32_t fs, it;
            if (!fuzzy_built) {
                size_t q;
                for (q = 0; q < full.n; q++) {
                    size_t kn;
                    const char *kk = pc_strmap_key(&full, (int32_t)q, &kn);
                    key.len = 0;
                    rc = pc_translit_key(d->mem, kk, kn, &key);
                    if (rc == PC_OK)
                        rc = pc_strmap_get(d->mem, &fuzzy, key.data ? key.data : "", key.len, &fs);
                    for (it = full.slot[q].head; rc == PC_OK && it >= 0; it = full.next[it])
                        rc = pc_strmap_push(d->mem, &fuzzy, fs, full.item[it]);
                    if (rc != PC_OK)
                        goto done;
                }
                if ((rc = S_groups_build(d, &fuzzy, &gfuzzy, &tmp)) != PC_OK)
                    goto done;
                fuzzy_built = 1;
            }
            key.len = 0;
            if ((rc = pc_translit_key(d->mem, last, last_n, &key)) != PC_OK)
                goto done;
            fs = pc_strmap_find(&fuzzy, key.data ? key.data : "", key.len);
            if (fs < 0 && S_ncp(last, 0, last_n) >= 6 && S_upper(pc_utf8_at(last, last_n, 0))) {
                /* a typo of a surname given in full in the same document ("Blinkin") */
                if (!dels_built) {
                    if ((rc = pc_translit_near_index(d->mem, &fuzzy, &dels, &tmp)) != PC_OK)
                        goto done;
                    dels_built = 1;
                }
                rc = pc_translit_near_one(d->mem, &fuzzy, &dels, key.data ? key.data : "", key.len, &tmp, &fs);
                if (rc != PC_OK)
                    goto done;
            }
            best = fs >= 0 ? S_pick(d, &gfuzzy, fs, (int32_t)k, w) : -1;
        }
        if (best < 0)
            continue;
        {
            S_acr v = S_ref_of(&r->v[best]);
            e->canon_kind = v.kind;
            e->canon_a = v.a;
            e->canon_b = v.b;
            if (e->entity_id < 0)
                e->entity_id = v.eid;
        }
    }
    /* roles for the whole document */
    for (k = 0; k < r->n; k++) {
        size_t cn;
        const char *c;
        int32_t slot;
        if (r->v[k].label != PC_ENT_PERSON || !S_role_nonempty(d, &r->v[k]))
            continue;
        c = S_canon(d, &r->v[k], &cn);
        if ((rc = pc_strmap_get(d->mem, &roles, c, cn, &slot)) != PC_OK)
            goto done;
        if (roles.slot[slot].val < 0)
            roles.slot[slot].val = (int32_t)k;
    }
    for (k = 0; roles.n && k < r->n; k++) {
        size_t cn;
        const char *c;
        int32_t slot;
        pc_mention *e = &r->v[k];
        if (e->label != PC_ENT_PERSON || S_role_nonempty(d, e))
            continue;
        c = S_canon(d, e, &cn);
        if ((slot = pc_strmap_find(&roles, c, cn)) >= 0) {
            const pc_mention *src = &r->v[roles.slot[slot].val];
            e->has_role = 1;
            e->role_a = src->role_a;
            e->role_b = src->role_b;
        }
    }
done:
    pc_strmap_free(d->mem, &full);
    pc_strmap_free(d->mem, &fuzzy);
    pc_strmap_free(d->mem, &roles);
    pc_strmap_free(d->mem, &dels);
    S_groups_free(d->mem, &gfull);
    S_groups_free(d->mem, &gfuzzy);
    pc_buf_free(d->mem, &tmp);
    pc_buf_free(d->mem, &key);
    return rc;
}

/* ---- the pipeline ------------------------------------------------------- */

/* ---- 6. one-word "persons" that are no person -------------------------- */

/* News writing introduces a person by full name before the surname is used
 * alone ("Satoru Iwata ... Mr Iwata").  A one-word tagger PERSON that is
 * no surname of a full name in the document (step 5 found none), has no
 * honorific before it and no role is a company, a club or a product line
 * the model took for a surname ("Nintendo", "Chelsea", "Marvel"): it
 * becomes an ORG -- unless a speech verb or "who" next to one of its
 * mentions says it is a person known by one name ("Juninho said").  On
 * the BBC dev gold this is +0.03 micro F1. */
/* words after (or before) a name that say it is a person's: the speech
 * verbs tagged person_cue and these */
static const char *const S_person_words[] = {"who", "himself", "herself", "whose", "scored", "beat", NULL};

static int S_person_word(const S_doc *d, uint32_t k)
{
    const char *s = d->text + d->toks[k].start;
    size_t n = d->toks[k].end - d->toks[k].start;
    return (pc_vocab_verb_tags(s, n, 1) & PC_VOCAB_PERSON_CUE) || pc_utf8_ascii_in(s, n, S_person_words);
}

static int S_person_cue(const S_doc *d, const pc_mention *m)
{
    uint32_t t = m->tok_start, e = m->tok_end;
    if (e < d->ntok && S_person_word(d, e))
        return 1;
    if (e + 1 < d->ntok && d->toks[e].end - d->toks[e].start == 1 && d->text[d->toks[e].start] == ',' &&
        S_person_word(d, e + 1))
        return 1; /* "Hewitt, who ..." */
    return t > 0 && S_person_word(d, t - 1); /* "said Hewitt" */
}

static void S_lone_names(S_doc *d)
{
    size_t k, j;
    for (k = 0; k < d->out->n; k++) {
        pc_mention *m = &d->out->v[k];
        uint32_t t = m->tok_start;
        if (m->label != PC_ENT_PERSON || m->source != PC_ENT_SRC_TAGGER || m->tok_end != t + 1 || m->has_role ||
            m->canon_kind != PC_CANON_TEXT || m->canon_a != m->start || m->canon_b != m->end)
            continue;
        if (t > 0 && S_honorific(d->text, d->toks[t - 1].start, d->toks[t].start))
            continue;
        if (t > 1 && d->toks[t - 1].end - d->toks[t - 1].start == 1 && d->text[d->toks[t - 1].start] == '.' &&
            S_honorific(d->text, d->toks[t - 2].start, d->toks[t - 2].end))
            continue; /* "Mr. Iwata" */
        /* a speech verb or "who" at any mention of the same word: a person
         * known by one name ("Juninho", "Hewitt said") */
        for (j = 0; j < d->out->n; j++) {
            const pc_mention *o = &d->out->v[j];
            if (o->label == PC_ENT_PERSON && o->end - o->start == m->end - m->start &&
                memcmp(d->text + o->start, d->text + m->start, m->end - m->start) == 0 && S_person_cue(d, o))
                break;
        }
        if (j < d->out->n)
            continue;
        m->label = PC_ENT_ORG;
    }
}

int pc_mention_finish(const pc_mem *mem, const char *text, size_t len, const pc_token *toks, size_t ntok,
                      const pc_sentence *sents, size_t nsent, const uint32_t *para_kind, size_t npara,
                      const pc_entity_result *raw, uint32_t title_label, const pc_mention_names *names,
                      pc_mention_result *out)
{
    static const pc_mention_names no_names = {NULL, NULL, NULL, 0};
    int32_t *title_at = NULL;
    size_t k;
    int rc, any_title = 0;
    S_doc d;

    if (!mem || !out || !raw || (!text && len) || (!toks && ntok) || (!sents && nsent) || (!para_kind && npara) ||
        (raw->n && !raw->v) || (names && names->n && (!names->blob || !names->off || !names->has_eid)))
        return PC_EINVAL;
    out->n = 0;
    if (len > UINT32_MAX || ntok >= UINT32_MAX)
        return PC_ETOOBIG;
    if (pc_seg_check(len, toks, ntok, sents, nsent) != PC_OK)
        return PC_EINVAL;
    d.mem = mem;
    d.text = text;
    d.len = len;
    d.toks = toks;
    d.ntok = ntok;
    d.sents = sents;
    d.nsent = nsent;
    d.para_kind = para_kind;
    d.npara = npara;
    d.names = names ? names : &no_names;
    d.out = out;
    for (k = 0; k < raw->n; k++)
        any_title |= raw->v[k].label == title_label;
    title_at = (int32_t *)mem->calloc(mem->ctx, 1, (ntok + 1) * sizeof *title_at);
    if (!title_at)
        return PC_ENOMEM;
    for (k = 0; k <= ntok; k++)
        title_at[k] = -1;
    if ((rc = S_collect(&d, raw, title_label, title_at)) != PC_OK || (rc = S_filter(&d)) != PC_OK ||
        (rc = S_propagate(&d)) != PC_OK || (rc = S_roles(&d, raw, title_at, any_title)) != PC_OK ||
        (rc = S_acronyms(&d)) != PC_OK || (rc = S_people(&d)) != PC_OK)
        out->n = 0;
    else
        S_lone_names(&d);
    mem->free(mem->ctx, title_at);
    return rc;
}

int pc_mention_to_cp(const pc_mem *mem, const char *text, size_t len, pc_mention_result *r)
{
    uint32_t **offs;
    size_t n = 0, k;
    int rc;
    if (!r->n)
        return PC_OK;
    /* the offsets are scattered over the mentions (spans, canonical spans, roles) */
    offs = (uint32_t **)mem->calloc(mem->ctx, r->n * 6, sizeof *offs);
    if (!offs)
        return PC_ENOMEM;
    for (k = 0; k < r->n; k++) {
        pc_mention *m = &r->v[k];
        offs[n++] = &m->start;
        offs[n++] = &m->end;
        if (m->canon_kind == PC_CANON_TEXT) {
            offs[n++] = &m->canon_a;
            offs[n++] = &m->canon_b;
        }
        if (m->has_role) {
            offs[n++] = &m->role_a;
            offs[n++] = &m->role_b;
        }
    }
    rc = pc_utf8_scatter_to_cp(mem, text, len, offs, n);
    mem->free(mem->ctx, offs);
    return rc;
}

void pc_mention_result_free(const pc_mem *mem, pc_mention_result *r)
{
    if (r && r->v && mem)
        mem->free(mem->ctx, r->v);
    if (r) {
        r->v = NULL;
        r->n = r->cap = 0;
    }
}
