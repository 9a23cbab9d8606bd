/*
 * pc_reported.c - reported (indirect) speech: "X said (that) ...",
 * "..., X said.", "according to X, ...", "X told Y ...", "X's claim that
 * ...", found sentence by sentence (see pc_quote.h, PC_QK_INDIRECT).
 *
 * A frame is a speech verb tagged PC_VOCAB_REPORT with a subject noun phrase
 * next to it; the content is the clause the verb governs.  Without a
 * parser, "clause" is approximated from the tokens: it must not start like
 * an object or an infinitive ("reported strong sales", "urged him to") and
 * must show a finite verb within its first words (an auxiliary, a modal, a
 * past form in -ed, "n't", or a word right after a subject pronoun).  That
 * test is what keeps "said he would" and drops "denied suggestions".
 *
 * Sentences holding a direct or partial marked quote are left to the quote
 * scanner: the gold conventions (tests/gold/README.md) annotate only the
 * marked quote there.  Scare quotes do not block a sentence.
 *
 * Work: each sentence is visited a bounded number of times (each frame
 * search moves forward), every look-around is a bounded window, so the
 * pass is linear in the number of tokens.
 */
#include <string.h>

#include "pc_cue.h"
#include "pc_quote.h"

#define S_NONE PC_QUOTE_NONE
#define S_VERB_SIGN_WINDOW 20 /* tokens of the content searched for a finite verb */
#define S_FRAME_TAIL 10       /* tokens allowed after an inverted frame's verb/NP */
#define S_MAX_CLAUSE 150      /* longest reported clause looked for: keeps run-on text linear */
#define S_MAX_COMMAS 4        /* commas looked back for an inverted frame */
#define S_MAX_QUOTES 8        /* marked quotes in a sentence still searched for frames */

typedef struct {
    pc_cue_ctx *c;
    const pc_mem *mem;
    pc_quote_result *out;
    size_t work;       /* token visits, for the linearity test */
    size_t qlo, qhi;   /* marked quotes overlapping the sentence: content must avoid the
                        * direct and partial ones (the quote's own attribution covers them) */
} S_run;

static int S_is_punct(const pc_cue_ctx *c, size_t i, char ch) { return pc_cue_ch(c, i, ch); }

/* A token ending a sentence (. ! ? …) or closing it (a bracket). */
static int S_is_final(const pc_cue_ctx *c, size_t i)
{
    return pc_cue_is_barrier(c, i) || S_is_punct(c, i, ')');
}

/* The token ends in "n't" / "n’t" (didn't, won’t). */
static int S_is_negated(const pc_cue_ctx *c, size_t i)
{
    const char *s = c->text + c->toks[i].start;
    size_t n = pc_cue_tlen(c, i);
    return (n >= 4 && memcmp(s + n - 3, "n't", 3) == 0) ||
           (n >= 6 && memcmp(s + n - 5, "n\xE2\x80\x99t", 5) == 0);
}

static int S_ends_with(const pc_cue_ctx *c, size_t i, const char *suf)
{
    size_t n = pc_cue_tlen(c, i), k = strlen(suf);
    return n > k + 1 && memcmp(c->text + c->toks[i].end - k, suf, k) == 0;
}

/* A finite verb among the first words of [a, b): the clause test. */
static int S_verb_sign(S_run *r, size_t a, size_t b)
{
    const pc_cue_ctx *c = r->c;
    size_t i, lim = a + S_VERB_SIGN_WINDOW < b ? a + S_VERB_SIGN_WINDOW : b;
    for (i = a; i < lim; i++) {
        r->work++;
        if (!pc_cue_is_word(c, i))
            continue;
        if (pc_cue_in(c, i, &pc_cue_aux) || S_is_negated(c, i))
            return 1;
        if (pc_cue_is_lower(c, i) && S_ends_with(c, i, "ed") && i > a &&
            !pc_cue_in(c, i - 1, &pc_cue_dets) && !(i + 1 < lim && pc_cue_is(c, i + 1, "by")))
            return 1;
        if (i > a && pc_cue_is_word(c, i - 1) && pc_cue_in(c, i - 1, &pc_cue_subj_pron) &&
            pc_cue_is_lower(c, i))
            return 1; /* "he agreed", "they feel" */
        if (pc_cue_is_lower(c, i) && S_ends_with(c, i, "s") && i + 1 < lim && pc_cue_is(c, i + 1, "to"))
            return 1; /* "the firm plans to" */
    }
    return 0;
}

/* Can the clause start at token a? */
static int S_clause_start(const pc_cue_ctx *c, size_t a, size_t b)
{
    if (a >= b)
        return 0;
    if (pc_cue_is_word(c, a) && pc_cue_is_lower(c, a) &&
        (pc_cue_in(c, a, &pc_cue_not_clause) || pc_cue_in(c, a, &pc_cue_aux)))
        return 0;
    if (a + 1 < b && pc_cue_is_lower(c, a) && pc_cue_is_lower(c, a + 1) && S_ends_with(c, a + 1, "ing") &&
        !pc_cue_in(c, a, &pc_cue_subj_pron))
        return 0; /* "added language saying ...": an object, not a clause */
    if (!pc_cue_is_word(c, a) && c->toks[a].kind != PC_TOK_NUM && !pc_cue_is_cap(c, a)) {
        /* "£7.2bn", "$5m": a symbol then a number */
        if (!(a + 1 < b && c->toks[a].kind == PC_TOK_SYM && c->toks[a + 1].kind == PC_TOK_NUM))
            return 0;
    }
    return 1;
}

/* Is any token of [a, b) inside a marked quote?  qp: first marked quote that
 * may overlap (by close mark), advanced by the caller sentence by sentence. */
static int S_quoted(const pc_cue_ctx *c, size_t nmarked, size_t qp, size_t i)
{
    uint32_t pos = c->toks[i].start;
    for (; qp < nmarked; qp++) {
        const pc_quote *q = &c->q[qp];
        if (q->open_mark > pos)
            return 0;
        if (pos <= q->close_mark)
            return 1;
    }
    return 0;
}

/* Token range [a, b) to byte span, trimming trailing commas. */
static int S_emit(S_run *r, size_t a, size_t b, size_t cs, size_t ce, int kind, size_t ns, size_t ne,
                  uint32_t flags)
{
    pc_cue_ctx *c = r->c;
    pc_quote *q;
    int rc;
    size_t k;
    while (b > a && (S_is_punct(c, b - 1, ',') || S_is_punct(c, b - 1, ':') || pc_cue_is_dash(c, b - 1)))
        b--;
    if (b <= a)
        return PC_OK;
    for (k = r->qlo; k < r->qhi; k++) { /* at most S_MAX_QUOTES */
        const pc_quote *m = &c->q[k];
        if (m->kind != PC_QK_SCARE && m->open_mark < c->toks[b - 1].end && c->toks[a].start <= m->close_mark)
            return PC_OK;
    }
    rc = pc_grow(r->mem, (void **)&r->out->quotes, &r->out->qcap, r->out->nquote + 1, sizeof(pc_quote));
    if (rc != PC_OK)
        return rc;
    c->q = r->out->quotes; /* may have moved */
    q = &r->out->quotes[r->out->nquote++];
    memset(q, 0, sizeof *q);
    q->start = c->toks[a].start;
    q->end = c->toks[b - 1].end;
    q->open_mark = q->close_mark = S_NONE;
    q->cue_start = q->cue_end = S_NONE;
    q->spk_start = q->spk_end = S_NONE;
    q->role_start = q->role_end = S_NONE;
    q->cont = S_NONE;
    q->kind = PC_QK_INDIRECT;
    q->flags = flags;
    if (ce > cs)
        pc_cue_set_cue(c, q, cs, ce);
    if (kind && ne > ns)
        pc_cue_set_spk(c, q, kind, ns, ne);
    return PC_OK;
}

/* Words opening a sentence that belong to the writer, not to the clause. */
static size_t S_skip_opening(const pc_cue_ctx *c, size_t a, size_t b)
{
    size_t a0 = a;
    while (a < b && a < a0 + 4 && pc_cue_is_word(c, a) && pc_cue_in(c, a, &pc_cue_openers)) {
        a++;
        if (a < b && S_is_punct(c, a, ','))
            a++;
    }
    return a;
}

/* A speaker noun phrase ending at token k (inclusive), at or after lo.
 * Returns the kind (PC_SPK_*) and its start in *ns; 0 if none. */
static int S_np_back(S_run *r, size_t k, size_t lo, size_t *ns)
{
    const pc_cue_ctx *c = r->c;
    size_t j;
    if (k < lo || !pc_cue_is_word(c, k))
        return PC_SPK_NONE;
    if (pc_cue_in(c, k, &pc_cue_pronouns) || pc_cue_is(c, k, "it")) {
        *ns = k;
        return PC_SPK_PRONOUN;
    }
    if (pc_cue_in(c, k, &pc_cue_not_subject))
        return PC_SPK_NONE;
    j = k;
    if (pc_cue_is_cap(c, k)) {
        j = pc_cue_name_run_back(c, k, lo);
        if (j > k)
            return PC_SPK_NONE;
    } else if (pc_cue_in(c, k, &pc_cue_preps) || pc_cue_in(c, k, &pc_cue_stopcap) ||
               pc_cue_in(c, k, &pc_cue_dets)) {
        return PC_SPK_NONE;
    }
    /* extend left over modifiers, possessives, determiners and "X of/at/for Y":
     * "the central bank", "Australia's competition watchdog", "economists at
     * PricewaterhouseCoopers", "a spokeswoman for the St David's Shopping Centre" */
    while (j > lo && j + 12 > k) {
        size_t p = j - 1;
        r->work++;
        if (pc_cue_is_possessive(c, p) && p > lo && pc_cue_is_word(c, p - 1)) {
            j = pc_cue_is_cap(c, p - 1) ? pc_cue_name_run_back(c, p - 1, lo) : p - 1;
            continue;
        }
        if (pc_cue_in(c, p, &pc_cue_dets)) {
            j = p;
            /* "sources familiar with the matter": the phrase goes on before the link */
            if (p > lo + 1 && pc_cue_in(c, p - 1, &pc_cue_np_links) && pc_cue_is_word(c, p - 2) &&
                !pc_cue_in(c, p - 2, &pc_cue_stopcap) && !pc_cue_speech(c, p - 2, PC_VOCAB_REPORT) &&
                !pc_cue_in(c, p - 2, &pc_cue_aux) && !pc_cue_in(c, p - 2, &pc_cue_preps)) {
                j = p - 2;
                continue;
            }
            break; /* a determiner opens the phrase */
        }
        if (pc_cue_is(c, p, "and") && p > lo && pc_cue_is_cap(c, p - 1) && pc_cue_is_cap(c, j)) {
            j = pc_cue_name_run_back(c, p - 1, lo); /* "Washington and Brussels" */
            continue;
        }
        if (pc_cue_is_word(c, p) && pc_cue_in(c, p, &pc_cue_np_links) && p > lo &&
            pc_cue_is_word(c, p - 1) && !pc_cue_in(c, p - 1, &pc_cue_stopcap) &&
            !pc_cue_speech(c, p - 1, PC_VOCAB_REPORT)) {
            j = p - 1;
            if (pc_cue_is_cap(c, j))
                j = pc_cue_name_run_back(c, j, lo);
            continue;
        }
        if (pc_cue_is_word(c, p) && (pc_cue_is_cap(c, p) || pc_cue_is_lower(c, p)) &&
            !pc_cue_in(c, p, &pc_cue_preps) && !pc_cue_in(c, p, &pc_cue_stopcap) &&
            !pc_cue_speech(c, p, PC_VOCAB_REPORT) && !pc_cue_in(c, p, &pc_cue_aux) &&
            !pc_cue_in(c, p, &pc_cue_not_subject)) {
            j = p;
            continue;
        }
        break;
    }
    /* a capitalised sentence opener ("But") is not part of the phrase */
    while (j < k && pc_cue_is_cap(c, j) && pc_cue_in(c, j, &pc_cue_openers))
        j++;
    *ns = j;
    if (j == k && pc_cue_is_cap(c, k))
        return PC_SPK_NAME;
    {
        size_t m;
        for (m = j; m <= k; m++)
            if (!pc_cue_is_cap(c, m) && !pc_cue_is(c, m, "de") && !pc_cue_is(c, m, "van"))
                return PC_SPK_ROLE;
    }
    return PC_SPK_NAME;
}

/* Subject of the verb at token v in the sentence starting at s0: the phrase
 * right before it (adverbs and auxiliaries skipped), or, across comma
 * blocks ("Mark Rimmer, the service director ..., said"), the first phrase
 * of the sentence.  Participles after a comma (", saying") and verbs after
 * "and"/"but" take the sentence subject. */
static int S_subject(S_run *r, size_t v, size_t s0, size_t *ns, size_t *ne)
{
    const pc_cue_ctx *c = r->c;
    size_t k = v, j, first;
    int kind;
    if (v <= s0)
        return PC_SPK_NONE;
    k = v - 1;
    while (k > s0 && (pc_cue_in(c, k, &pc_cue_adverbs) || pc_cue_in(c, k, &pc_cue_aux)))
        k--;
    if (S_is_punct(c, k, ')')) { /* "economists at PwC (PWC) warned" */
        size_t o = k;
        while (o > s0 && o + 10 > k && !S_is_punct(c, o, '('))
            o--;
        if (S_is_punct(c, o, '(') && o > s0)
            k = o - 1;
    }
    if (pc_cue_is_word(c, k) && !pc_cue_is(c, k, "and") && !pc_cue_is(c, k, "but") &&
        !pc_cue_is(c, k, "who") && !pc_cue_is(c, k, "which")) {
        kind = S_np_back(r, k, s0, ns);
        if (kind) {
            *ne = k + 1;
            return kind;
        }
        return PC_SPK_NONE;
    }
    /* "Registrars' spokesman, Mark Rimmer, said": the name between commas (not for a
     * participle, whose subject is the sentence's: "in Tulsa, Oklahoma, arguing") */
    if (S_is_punct(c, k, ',') && k > s0 + 1 && pc_cue_is_cap(c, k - 1) && !S_ends_with(c, v, "ing")) {
        size_t nb = pc_cue_name_run_back(c, k - 1, s0), pb = nb;
        if (nb > s0 + 2 && pc_cue_is_cap(c, nb - 2))
            pb = pc_cue_name_run_back(c, nb - 2, s0); /* the name before the first comma */
        /* "in Tulsa, Oklahoma, said": a place and its state, not an apposition */
        if (nb + 1 < k && nb > s0 && S_is_punct(c, nb - 1, ',') &&
            !(pb < nb && pb > s0 && pc_cue_in(c, pb - 1, &pc_cue_preps))) {
            *ns = nb;
            *ne = k;
            return PC_SPK_NAME;
        }
    }
    /* ", said" / "and said" / ", who said" / ", saying": the first phrase of
     * the sentence, after a fronted adverbial ("In January, ...") */
    first = S_skip_opening(c, s0, v);
    if (first < v && pc_cue_is_word(c, first) &&
        (pc_cue_in(c, first, &pc_cue_preps) || pc_cue_in(c, first, &pc_cue_fronted))) {
        for (j = first; j < v && j < first + 14; j++)
            if (S_is_punct(c, j, ','))
                break;
        if (j < v && S_is_punct(c, j, ','))
            first = j + 1;
    }
    /* a name or determiner phrase followed by its verb or an appositive:
     * "Hillary Clinton spoke out ..., arguing", "Mark Rimmer, the ..., said" */
    if (first < v && (pc_cue_is_cap(c, first) || pc_cue_is_det(c, first)) &&
        !pc_cue_in(c, first, &pc_cue_stopcap)) {
        int pass;
        for (pass = 0; pass < 2; pass++) {
            /* the phrase as np_forward reads it, then the bare name ("Hillary Clinton
             * spoke out Tuesday ...": not "Hillary Clinton spoke out Tuesday") */
            if (pass == 0) {
                kind = pc_cue_np_forward(c, first, v, ns, ne);
            } else {
                *ns = first;
                *ne = pc_cue_name_run(c, first, v);
                kind = *ne > first ? PC_SPK_NAME : PC_SPK_NONE;
            }
            if (kind == PC_SPK_NAME && *ne < v && !S_ends_with(c, first, "ing") &&
                (S_is_punct(c, *ne, ',') || S_is_punct(c, *ne, '(') ||
                 (pc_cue_is_lower(c, *ne) && !pc_cue_in(c, *ne, &pc_cue_preps) &&
                  !pc_cue_is(c, *ne, "and") && !pc_cue_is(c, *ne, "or"))))
                return kind;
        }
    }
    /* the phrase: up to the first comma or verb-like word */
    for (j = first; j < v && j < first + 12; j++) {
        r->work++;
        if (!pc_cue_is_word(c, j) && !pc_cue_is_possessive(c, j) && !S_is_punct(c, j, '-') &&
            !S_is_punct(c, j, '.'))
            break;
        if (j > first && (pc_cue_speech(c, j, PC_VOCAB_REPORT) || pc_cue_in(c, j, &pc_cue_aux) ||
                          pc_cue_is(c, j, "who") || pc_cue_is(c, j, "which") ||
                          (pc_cue_is_lower(c, j) && S_ends_with(c, j, "ed"))))
            break;
    }
    if (j == first || j == first + 12 || j == v)
        return PC_SPK_NONE; /* no phrase, or no clear end of it */
    kind = S_np_back(r, j - 1, first, ns);
    if (!kind || *ns != first)
        return PC_SPK_NONE;
    *ne = j;
    return kind;
}

/* After a verb at v: "told Reuters", "told the BBC", "on Thursday", "in a
 * statement", "that".  Returns the first token of the content. */
static size_t S_content_start(S_run *r, size_t v, size_t ve, size_t b, int *that)
{
    const pc_cue_ctx *c = r->c;
    size_t a = ve, j;
    *that = 0;
    if (pc_cue_is(c, v, "told") || pc_cue_is(c, v, "tells") || pc_cue_is(c, v, "telling") ||
        pc_cue_is(c, v, "tell")) {
        /* the hearer: a name, a pronoun or a short determiner phrase */
        if (a < b && pc_cue_is_cap(c, a) && !pc_cue_in(c, a, &pc_cue_dets)) {
            a = pc_cue_name_run(c, a, b);
            if (a < b && pc_cue_is_possessive(c, a)) /* "told BBC Radio 4's Today programme" */
                while (a < b && a < ve + 10 && pc_cue_is_word(c, a + 1 < b ? a + 1 : a) && !pc_cue_is(c, a, "that"))
                    a++;
        } else if (a < b && pc_cue_in(c, a, &pc_cue_object_pron)) {
            a++;
        } else if (a < b && pc_cue_in(c, a, &pc_cue_dets)) {
            a++;
            while (a < b && a < ve + 5 && pc_cue_is_word(c, a) && !pc_cue_is(c, a, "that") &&
                   !pc_cue_in(c, a, &pc_cue_dets) && !pc_cue_in(c, a, &pc_cue_subj_pron))
                a++;
        } else if (a < b && pc_cue_is_lower(c, a) && !pc_cue_is(c, a, "that")) {
            a++; /* "told reporters" */
        }
    }
    /* "tell the congregation of 2,000 at Westminster Cathedral that ...": a "that" in reach */
    if (a > ve) {
        for (j = a; j < b && j < ve + 10; j++) {
            if (pc_cue_is(c, j, "that")) {
                a = j;
                break;
            }
            if (!pc_cue_is_word(c, j) && c->toks[j].kind != PC_TOK_NUM && !pc_cue_is_possessive(c, j))
                break;
        }
    }
    /* a prepositional adverbial: "on Thursday", "in a statement", "last week" */
    for (j = 0; j < 2 && a < b; j++) {
        size_t k;
        if (!(pc_cue_in(c, a, &pc_cue_when) || pc_cue_is(c, a, "in") || pc_cue_is(c, a, "after") ||
              pc_cue_is(c, a, "during")))
            break;
        k = a + 1;
        while (k < b && k < a + 6 && (pc_cue_in(c, k, &pc_cue_dets) || pc_cue_in(c, k, &pc_cue_time) ||
                                      c->toks[k].kind == PC_TOK_NUM ||
                                      (pc_cue_is_cap(c, k) && !pc_cue_in(c, k, &pc_cue_subj_pron))))
            k++;
        if (k == a + 1 || k >= b)
            break;
        if (!(pc_cue_in(c, k - 1, &pc_cue_time) || c->toks[k - 1].kind == PC_TOK_NUM ||
              pc_cue_is_cap(c, k - 1)))
            break;
        a = k;
        if (a < b && S_is_punct(c, a, ','))
            a++;
    }
    if (a + 1 < b && pc_cue_is_lower(c, a) && S_ends_with(c, a, "ly") && pc_cue_is(c, a + 1, "that"))
        a++; /* "argue publicly that" */
    if (a < b && pc_cue_is(c, a, "that")) {
        *that = 1;
        a++;
    }
    return a;
}

/* End of the content starting at a, at most b: a colon, a semicolon, a dash,
 * ", but", ", <participle>", or a comma closing a relative clause (rel).
 * S_NONE when the clause would run longer than S_MAX_CLAUSE tokens. */
static size_t S_content_end(S_run *r, size_t a, size_t b, int rel)
{
    const pc_cue_ctx *c = r->c;
    size_t i;
    int depth = 0;
    for (i = a; i < b; i++) {
        if (i >= a + S_MAX_CLAUSE)
            return S_NONE;
        r->work++;
        if (S_is_punct(c, i, '('))
            depth++;
        else if (S_is_punct(c, i, ')') && depth > 0)
            depth--;
        if (depth)
            continue; /* "($915,000; £486,000)" */
        if (S_is_punct(c, i, ':') || S_is_punct(c, i, ';') || (pc_cue_is_dash(c, i) && i > a &&
                                                               !pc_cue_adjacent(c, i - 1)))
            return i;
        if (i > a + 2 && (pc_cue_is(c, i, "despite") ||
                          (pc_cue_is(c, i, "and") && i + 1 < b && pc_cue_is_lower(c, i + 1) &&
                           S_ends_with(c, i + 1, "ing") && pc_cue_tlen(c, i + 1) > 5)))
            return i; /* "... and expressing optimism" */
        if (S_is_punct(c, i, ',') && i + 1 < b) {
            if (rel)
                return i;
            if (pc_cue_is(c, i + 1, "but") || pc_cue_is(c, i + 1, "although") ||
                pc_cue_is(c, i + 1, "though") ||
                (pc_cue_is_lower(c, i + 1) && S_ends_with(c, i + 1, "ing") &&
                 pc_cue_tlen(c, i + 1) > 5))
                return i;
        }
    }
    return b;
}

/* What may follow an inverted frame's verb or speaker up to b: nothing, or
 * an adverbial ("on Friday", "in a statement", "last week", "familiar with
 * the talks"); never an object ("the importance of ...") or a verb. */
static int S_frame_tail(S_run *r, size_t e, size_t b)
{
    const pc_cue_ctx *c = r->c;
    if (e >= b)
        return 1;
    if (b > e + S_FRAME_TAIL || S_verb_sign(r, e, b) || pc_cue_is(c, e, "to"))
        return 0;
    return pc_cue_in(c, e, &pc_cue_when) || pc_cue_in(c, e, &pc_cue_preps) || pc_cue_is_adverb(c, e) ||
           pc_cue_is(c, e, "familiar") || pc_cue_is(c, e, "after") || pc_cue_is(c, e, "during") ||
           S_is_punct(c, e, '(');
}

/* The inverted frame ending the sentence at the comma k: ", X said (on
 * Friday)." / ", said X." / ", according to X." over [k+1, b).  Sets the cue
 * and speaker token spans. */
static int S_frame_after(S_run *r, size_t k, size_t b, size_t *cs, size_t *ce, size_t *ns, size_t *ne,
                         int *kind)
{
    const pc_cue_ctx *c = r->c;
    size_t i = k + 1, v, e;
    if (i >= b)
        return 0;
    if (pc_cue_is(c, i, "according") && i + 1 < b && pc_cue_is(c, i + 1, "to")) {
        *cs = i;
        *ce = i + 2;
        *kind = pc_cue_np_forward(c, i + 2, b, ns, ne);
        if (!*kind)
            return 0;
        return 1; /* "according to findings published in ..." runs to the end */
    }
    if (pc_cue_is_lower(c, i) && pc_cue_speech(c, i, PC_VOCAB_REPORT)) { /* said X */
        if (S_ends_with(c, i, "ing"))
            return 0; /* ", claiming he ..." is not a frame */
        *cs = i;
        *ce = i + 1;
        *kind = pc_cue_np_forward(c, i + 1, b, ns, ne);
        if (!*kind || (*kind == PC_SPK_PRONOUN && *ne + 1 < b))
            return 0;
        e = *ne;
        if (S_is_punct(c, e, ',')) /* ", said Robert McAtee, one of several ..." */
            return 1;
        return S_frame_tail(r, e, b);
    }
    /* X said */
    for (v = i + 1; v < b && v < i + 14; v++) {
        r->work++;
        if (pc_cue_is_lower(c, v) && pc_cue_speech(c, v, PC_VOCAB_REPORT)) {
            size_t s;
            if (!S_np_back(r, v - 1, i, &s) && !(pc_cue_in(c, v - 1, &pc_cue_adverbs) ||
                                                  pc_cue_in(c, v - 1, &pc_cue_aux)))
                return 0;
            if (pc_cue_in(c, v - 1, &pc_cue_passive) || S_ends_with(c, v, "ing"))
                return 0; /* "researchers were told", "research suggesting" */
            *kind = S_subject(r, v, i, ns, ne);
            if (!*kind || *ns != i)
                return 0;
            *cs = v;
            *ce = v + 1;
            if (pc_cue_is(c, v, "told") && v + 1 < b && pc_cue_is_cap(c, v + 1))
                *ce = pc_cue_name_run(c, v + 1, b); /* "the firm told Reuters" */
            return S_frame_tail(r, *ce, b);
        }
        if (S_is_punct(c, v, ',') || !(pc_cue_is_word(c, v) || pc_cue_is_possessive(c, v) ||
                                       S_is_punct(c, v, '(') || S_is_punct(c, v, ')') ||
                                       S_is_punct(c, v, '-') || S_is_punct(c, v, '.')))
            return 0;
    }
    return 0;
}

/* The content of an inverted frame, [a, k): a sentence-final "..., X said"
 * is a strong sign by itself, so a short clause start test is enough. */
static int S_inverted_content(S_run *r, size_t a, size_t k)
{
    const pc_cue_ctx *c = r->c;
    if (k < a + 4)
        return 0;
    if (pc_cue_is_word(c, a) && pc_cue_is_lower(c, a) && pc_cue_in(c, a, &pc_cue_not_clause) &&
        !pc_cue_in(c, a, &pc_cue_preps))
        return 0;
    return S_verb_sign(r, a, k) || pc_cue_is_cap(c, a) || pc_cue_in(c, a, &pc_cue_dets);
}

/* One sentence [s0, s1) (s1 excludes the final punctuation). */
static int S_sentence(S_run *r, size_t s0, size_t s1)
{
    pc_cue_ctx *c = r->c;
    size_t a0 = S_skip_opening(c, s0, s1), i, k, cs, ce, ns, ne;
    int kind, rc, found = 0;

    if (s1 <= a0 + 3)
        return PC_OK;
    /* "According to X, CONTENT" */
    if (pc_cue_is(c, a0, "according") && a0 + 1 < s1 && pc_cue_is(c, a0 + 1, "to")) {
        kind = pc_cue_np_forward(c, a0 + 2, s1, &ns, &ne);
        for (k = a0 + 2; k < s1 && k < a0 + 20 && !S_is_punct(c, k, ','); k++)
            ;
        if (kind && k < s1 && S_is_punct(c, k, ',')) {
            size_t a = k + 1, k2;
            /* an appositive after the source: "According to a new book, Brown's Britain, ..." */
            for (k2 = a; k2 < s1 && k2 < a + 5 && !S_is_punct(c, k2, ','); k2++)
                ;
            if (k2 < s1 && S_is_punct(c, k2, ',') && !S_verb_sign(r, a, k2) && S_verb_sign(r, k2 + 1, s1))
                a = k2 + 1;
            if (S_clause_start(c, a, s1) && s1 >= a + 3)
                return S_emit(r, a, s1, a0, a0 + 2, kind, ns, ne, PC_QF_CUE_BEFORE);
        }
        return PC_OK;
    }
    /* "X said (that) CONTENT", possibly several times ("claiming ... - but said ..."),
     * and "X's statement that CONTENT" */
    for (i = a0 + 1; i < s1; i++) {
        int that, rel;
        size_t a, e, w;
        r->work++;
        if (i + 2 < s1 && pc_cue_is_possessive(c, i - 1) && pc_cue_in(c, i, &pc_cue_report_nouns) &&
            pc_cue_is(c, i + 1, "that") && i >= a0 + 2) {
            size_t nb;
            kind = S_np_back(r, i - 2, s0, &nb);
            e = S_content_end(r, i + 2, s1, 0);
            if (kind && e != S_NONE && e >= i + 4 && S_clause_start(c, i + 2, e) && S_verb_sign(r, i + 2, e)) {
                rc = S_emit(r, i + 2, e, i, i + 1, kind, nb, i - 1, PC_QF_CUE_BEFORE);
                if (rc != PC_OK)
                    return rc;
                found++;
                i = e;
                continue;
            }
        }
        if (!pc_cue_is_lower(c, i) || !pc_cue_speech(c, i, PC_VOCAB_REPORT))
            continue;
        if (pc_cue_in(c, i - 1, &pc_cue_passive))
            continue; /* "researchers were told" */
        if (S_ends_with(c, i, "ing") && !S_is_punct(c, i - 1, ','))
            continue; /* "a rule stating that", "language saying that": a modifier */
        kind = S_subject(r, i, s0, &ns, &ne);
        if (!kind)
            continue;
        w = pc_cue_in(c, i - 1, &pc_cue_adverbs) && i > s0 + 2 ? i - 2 : i - 1;
        rel = pc_cue_is(c, w, "who") || pc_cue_is(c, w, "which");
        if (rel && !(w > s0 && S_is_punct(c, w - 1, ',')))
            continue; /* "The man who said X has been ...": where X ends is unknown */
        a = S_content_start(r, i, i + 1, s1, &that);
        if (!that && pc_cue_speech(c, i, PC_VOCAB_NEED_THAT))
            continue;
        if (!S_clause_start(c, a, s1))
            continue;
        if (pc_cue_is_cap(c, a) && S_is_punct(c, pc_cue_name_run(c, a, s1), ','))
            continue; /* "..., said Shujaat Ahmadzada, a fellow at ...": a name, not a clause */
        e = S_content_end(r, a, s1, rel);
        if (e == S_NONE || e < a + 2 || !S_verb_sign(r, a, e))
            continue;
        /* "denied suggestions that ...", "rejected claims that ...": an object noun */
        if (a + 1 < e && pc_cue_is_lower(c, a) && pc_cue_is(c, a + 1, "that"))
            continue;
        cs = i;
        ce = i + 1;
        if ((pc_cue_is(c, i, "told") || pc_cue_is(c, i, "tells")) && a > i + 1)
            ce = that ? a - 1 : a; /* the cue keeps its hearer: "told Reuters" */
        rc = S_emit(r, a, e, cs, ce, kind, ns, ne, PC_QF_CUE_BEFORE);
        if (rc != PC_OK)
            return rc;
        found++;
        i = e;
    }
    if (found)
        return PC_OK;


    /* "CONTENT, X said." / "CONTENT, said X, a role, who ..." / "CONTENT, according to
     * X." / "A, X said, B.": the frame follows one of the last commas; what comes
     * after it is either appositives (a final frame) or the rest of the clause */
    {
        size_t commas[S_MAX_COMMAS], nc = 0, idx;
        for (k = s1; k > a0 + 1 && nc < S_MAX_COMMAS && k + S_MAX_CLAUSE > s1; k--) {
            r->work++;
            if (S_is_punct(c, k - 1, ','))
                commas[nc++] = k - 1;
        }
        for (idx = 0; idx < nc; idx++) {
            size_t kk = commas[idx], seg_end = idx ? commas[idx - 1] : s1, after = seg_end + 1;
            if (kk > a0 + S_MAX_CLAUSE)
                break;
            if (!S_frame_after(r, kk, seg_end, &cs, &ce, &ns, &ne, &kind))
                continue;
            if (idx && S_verb_sign(r, after, s1) && !pc_cue_is(c, after, "who") && !pc_cue_is(c, after, "which")) {
                /* interrupting: "Iraq, they insisted, would not be a factor" */
                if (idx == 1 && seg_end <= ce + 3 && S_verb_sign(r, a0, s1) && S_clause_start(c, a0, s1))
                    return S_emit(r, a0, s1, cs, ce, kind, ns, ne, PC_QF_CUE_AFTER);
                return PC_OK;
            }
            if (S_inverted_content(r, a0, kk))
                return S_emit(r, a0, kk, cs, ce, kind, ns, ne, PC_QF_CUE_AFTER);
            return PC_OK;
        }
    }
    return PC_OK;
}

int pc_reported_subject(pc_cue_ctx *c, size_t v, size_t s0, size_t *ns, size_t *ne)
{
    S_run r;
    int kind;
    r.c = c;
    r.mem = NULL;
    r.out = NULL;
    r.work = 0;
    r.qlo = r.qhi = 0;
    kind = S_subject(&r, v, s0, ns, ne);
    c->work += r.work;
    return kind;
}

int pc_reported_scan(const pc_mem *mem, pc_cue_ctx *c, const pc_para *paras, size_t npara,
                     pc_quote_result *out, size_t *work)
{
    S_run r;
    size_t s, qp = 0, nmarked = out->nquote;
    int rc = PC_OK;
    r.c = c;
    r.mem = mem;
    r.out = out;
    r.work = 0;
    r.qlo = r.qhi = 0;
    c->q = out->quotes;
    c->nq = nmarked;
    for (s = 0; s < c->nsent && rc == PC_OK; s++) {
        const pc_sentence *st = &c->sents[s];
        size_t s0 = st->tok_start, s1 = st->tok_end, i;
        int blocked = 0;
        r.work++;
        if (s1 > c->ntok || s0 >= s1)
            continue;
        if (paras && st->para < npara && paras[st->para].kind != PC_PARA_BODY)
            continue;
        /* marked quotes: skip those that ended before; the content of a frame must
         * not overlap the direct and partial ones of the sentence */
        while (qp < nmarked && out->quotes[qp].close_mark < st->start)
            qp++;
        for (i = qp; i < nmarked && out->quotes[i].open_mark < st->end; i++)
            r.work++;
        if (i - qp > S_MAX_QUOTES)
            continue; /* a sentence made of quotes */
        r.qlo = qp;
        r.qhi = i;
        while (s1 > s0 && S_is_final(c, s1 - 1))
            s1--;
        for (i = s0; i < s1; i++) { /* a double quote mark the scanner left (odd count) */
            size_t ml = 0;
            int m = pc_cue_mark(c->text, c->toks[i].end, c->toks[i].start, &ml);
            if ((m == PC_CUE_M_DOPEN || m == PC_CUE_M_DCLOSE || m == PC_CUE_M_DSTRAIGHT || m == PC_CUE_M_DLOW) &&
                ml == pc_cue_tlen(c, i) && !S_quoted(c, nmarked, qp, i)) {
                blocked = 1;
                break;
            }
        }
        if (!blocked)
            rc = S_sentence(&r, s0, s1);
    }
    if (work)
        *work += r.work;
    return rc;
}
