/*
 * pc_quote.c - quotation scanner (see pc_quote.h); the cue and speaker
 * phrase finders it uses are in pc_cue.c.
 */
#include "pc_quote.h"

#include <string.h>

#include "pc_cue.h"
#include "pc_utf8.h"

#define S_NONE PC_QUOTE_NONE

const char *pc_quote_kind_name(int kind)
{
    switch (kind) {
    case PC_QK_DIRECT: return "direct";
    case PC_QK_PARTIAL: return "partial";
    case PC_QK_SCARE: return "scare";
    default: return "";
    }
}

/* ---- characters and marks --------------------------------------------- */

static int32_t S_prev_cp(const char *t, size_t start, size_t i)
{
    size_t j = i;
    int32_t cp = 0;
    if (i <= start)
        return 0;
    j--;
    while (j > start && ((unsigned char)t[j] & 0xC0) == 0x80)
        j--;
    pc_utf8_decode(t + j, i - j, &cp);
    return cp;
}

static int32_t S_next_cp(const char *t, size_t end, size_t i)
{
    int32_t cp = 0;
    if (i >= end)
        return 0;
    pc_utf8_decode(t + i, end - i, &cp);
    return cp;
}

static int S_is_space_cp(int32_t cp)
{
    return cp == 0 || cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0xA0 ||
           pc_utf8_class(cp) == PC_CC_SPACE;
}

/* A mark right after this code point opens a quote. */
static int S_opens_after(int32_t cp)
{
    return S_is_space_cp(cp) || cp == '(' || cp == '[' || cp == '{' || cp == ':' ||
           cp == 0x2014 || cp == 0x2013 || cp == '-' || cp == 0x201C || cp == 0x2018 ||
           cp == '/';
}

static int S_wordy(int32_t cp)
{
    return cp > 0 && pc_cc_is_word(pc_utf8_class(cp));
}

/* ---- tokens ------------------------------------------------------------- */


static void S_words(const char *s, size_t n, size_t *words, int *ends_stop)
{
    size_t i, w = 0;
    int in = 0;
    for (i = 0; i < n; i++) {
        int sp = s[i] == ' ';
        if (!sp && !in)
            w++;
        in = !sp;
    }
    *words = w;
    i = n;
    while (i > 0 && (s[i - 1] == ' ' || s[i - 1] == '\'' ||
                     (i >= 3 && (unsigned char)s[i - 3] == 0xE2 && (unsigned char)s[i - 2] == 0x80 &&
                      ((unsigned char)s[i - 1] == 0x99)))) {
        i -= (s[i - 1] == ' ' || s[i - 1] == '\'') ? 1 : 3;
    }
    *ends_stop = i > 0 && s[i - 1] == '.';
}

/* Only list glue between a quote closing at byte `close` and the mark token
 * b: '“a con” and “...”', '“nasty guy,” an “...”', '“liar” who is “...”'. */
static int S_list_link(pc_cue_ctx *c, uint32_t close, size_t b)
{
    size_t t = pc_cue_tok_from(c, close) + 1, n = 0;
    for (; t < b; t++, n++) {
        if (n >= 3 || !(pc_cue_ch(c, t, ',') || pc_cue_is(c, t, "and") || pc_cue_is(c, t, "or") ||
                         pc_cue_is(c, t, "a") || pc_cue_is(c, t, "an") || pc_cue_is(c, t, "the") ||
                         pc_cue_is(c, t, "who") || pc_cue_is(c, t, "is") || pc_cue_is(c, t, "was")))
            return 0;
    }
    return 1; /* also two quotes side by side: '“anchor baby,” “unstable”' */
}

/* The quote's words are a title ("Morning Joe", "Face the Nation"): each
 * capitalised, or a short function word inside. */
static int S_title_words(const char *s, size_t n, size_t words)
{
    size_t i = 0;
    if (words == 0 || words > 5)
        return 0;
    while (i < n) {
        size_t j = i;
        while (j < n && s[j] != ' ')
            j++;
        if (j > i && !(s[i] >= 'A' && s[i] <= 'Z') && !(s[i] >= '0' && s[i] <= '9')) {
            size_t len = j - i;
            if (i == 0 || len > 3 || !(s[i] >= 'a' && s[i] <= 'z'))
                return 0; /* "the", "of", "and" may stand inside */
        }
        i = j + 1;
    }
    return 1;
}

/* Attribute quote qi; paragraph token range [plo, phi). */
static void S_attribute(pc_cue_ctx *c, size_t qi, size_t qfirst, size_t plo, size_t phi)
{
    pc_quote *q = &c->q[qi];
    size_t a, b, sent, slo, lim, cs, ce, k, words, mlen;
    int ends_stop, sentence_start, colon = 0, comma_cue = 0, that_clause = 0;
    int have_cue = 0, sig = 0;
    uint32_t save_cs = S_NONE, save_ce = S_NONE;
    size_t prev = S_NONE; /* previous quote in the same paragraph */
    size_t ns2, ne2;
    int kind2;

    if (qi > qfirst)
        prev = qi - 1;
    S_words(c->text + q->start, q->end - q->start, &words, &ends_stop);

    /* after the closing mark, same sentence */
    if (!(q->flags & PC_QF_UNCLOSED) && !(q->flags & PC_QF_SHARED_MARK)) {
        pc_cue_mark(c->text, c->len, q->close_mark, &mlen);
        a = pc_cue_tok_from(c, q->close_mark + mlen);
        int cap_after_stop = ends_stop && a < phi && !pc_cue_is_lower(c, a);
        lim = a;
        c->work += PC_CUE_WINDOW; /* the window below and the cue searches in it */
        while (lim < phi && lim < a + PC_CUE_WINDOW &&
               (!pc_cue_is_barrier(c, lim) || (lim + 1 < phi && pc_cue_ch(c, lim + 1, ')'))))
            lim++; /* "(D-Mo.)" does not end the sentence */
        if (a + 1 < phi && pc_cue_is_dash(c, a) && pc_cue_is_cap(c, a + 1)) {
            /* "“...” ― Pamela Padilla": a signature ending the paragraph */
            size_t e = pc_cue_name_run(c, a + 1, phi), t = e;
            while (t < phi && t < e + 2 && (pc_cue_ch(c, t, '.') || pc_cue_ch(c, t, ',')))
                t++;
            if (e > a + 1 && t == phi) {
                pc_cue_set_spk(c, q, PC_SPK_NAME, a + 1, e);
                q->flags |= PC_QF_CUE_AFTER;
                sig = 1;
            }
        }
        if (!sig && a < phi && pc_cue_after(c, q, a, lim)) {
            size_t cend = pc_cue_tok_from(c, q->cue_end);
            /* after a full stop a capitalised word starts a new sentence, unless
             * it is just "Name said." (the cue ends the sentence within a few words) */
            int stop = lim < phi && (c->text[c->toks[lim].start] == '.' ||
                                     c->text[c->toks[lim].start] == '!' ||
                                     c->text[c->toks[lim].start] == '?');
            int short_tail = lim <= cend + 4 && (pc_cue_in(c, cend, &pc_cue_when) || pc_cue_is_cap(c, cend));
            if (cap_after_stop && !(stop && (lim == cend || short_tail))) {
                q->cue_start = q->cue_end = S_NONE;
                q->spk_kind = PC_SPK_NONE;
                q->spk_start = q->spk_end = S_NONE;
                q->role_start = q->role_end = S_NONE;
            } else {
                q->flags |= PC_QF_CUE_AFTER;
                have_cue = 1;
            }
        }
        if (have_cue && !q->spk_kind) {
            /* '"..." adding that ...': a participle with no subject; keep it
             * only if nothing before the quote names the speaker */
            save_cs = q->cue_start;
            save_ce = q->cue_end;
            q->cue_start = q->cue_end = S_NONE;
            q->flags &= ~(uint32_t)PC_QF_CUE_AFTER;
            have_cue = 0;
        }
    }

    /* before the opening mark */
    b = pc_cue_tok_from(c, q->open_mark); /* the mark's own token */
    sent = pc_cue_sent_of(c, q->open_mark);
    slo = c->sents[sent].tok_start;
    if (slo < plo)
        slo = plo;
    if (prev != S_NONE) {
        size_t pc_ = pc_cue_tok_from(c, c->q[prev].close_mark);
        if (pc_ + 1 > slo && pc_ < b)
            slo = pc_ + 1;
    }
    sentence_start = b <= slo || c->sents[sent].start == q->open_mark;
    if (!sentence_start && b > 0) {
        k = b - 1;
        colon = pc_cue_ch(c, k, ':');
        if (pc_cue_is(c, k, "that"))
            that_clause = 1;
        if (!have_cue && !sig) {
            size_t lo = b > slo + PC_CUE_WINDOW ? b - PC_CUE_WINDOW : slo;
            size_t first_cs = S_NONE, first_ce = 0;
            for (cs = b; cs > lo; cs--) {
                c->work++;
                if (pc_cue_verb(c, cs - 1, b, &ce)) {
                    size_t v = cs - 1;
                    int found = 0;
                    if (first_cs == S_NONE) {
                        first_cs = v;
                        first_ce = ce;
                    }
                    if (v > slo && (pc_cue_ch(c, v - 1, ',') || pc_cue_ch(c, v - 1, ')') ||
                                    pc_cue_is(c, v - 1, "and") || pc_cue_is(c, v - 1, "but")) &&
                        (kind2 = pc_reported_subject(c, v, c->sents[sent].tok_start, &ns2, &ne2)) != 0 &&
                        !pc_cue_in_quote(c, ns2, qi)) {
                        pc_cue_set_spk(c, q, kind2, ns2, ne2); /* "X, a role, said" / ", saying" */
                        found = 1;
                    } else {
                        found = pc_cue_subject(c, q, v, lo, qi);
                    }
                    if (found) { /* else an earlier cue may have a subject ("She says tweets accusing X are") */
                        cs = v;
                        break;
                    }
                }
                if (pc_cue_in_quote(c, cs - 1, qi))
                    break;
            }
            if (first_cs != S_NONE) {
                if (!q->spk_kind) { /* no subject: the nearest cue, the speaker of the quote before */
                    cs = first_cs;
                    ce = first_ce;
                    if (prev != S_NONE && c->q[prev].spk_kind) {
                        q->spk_kind = c->q[prev].spk_kind;
                        q->spk_start = c->q[prev].spk_start;
                        q->spk_end = c->q[prev].spk_end;
                    }
                } else {
                    pc_cue_verb(c, cs, b, &ce);
                }
                pc_cue_set_cue(c, q, cs, ce);
                q->flags |= PC_QF_CUE_BEFORE;
                have_cue = 1;
                if (pc_cue_ch(c, k, ',') && ce == k)
                    comma_cue = 1;
                if (colon && ce == k)
                    comma_cue = 1;
            }
            if (!have_cue && colon) {
                /* "Borrell criticized the comments: “...”" without a lexicon verb */
                if (pc_cue_subject(c, q, k, slo, qi))
                    q->flags |= PC_QF_CUE_BEFORE;
            }
        }
    }
    if (!have_cue && !q->spk_kind && !sig && prev == S_NONE && b == plo && plo > 0 &&
        pc_cue_ch(c, plo - 1, ':')) {
        /* "Caddell continued:" ends the paragraph before the quote */
        size_t psent = pc_cue_sent_of(c, c->toks[plo - 1].start), lo2;
        k = plo - 1;
        lo2 = c->sents[psent].tok_start;
        if (lo2 + PC_CUE_WINDOW < k)
            lo2 = k - PC_CUE_WINDOW;
        for (cs = k; cs > lo2; cs--) {
            c->work++;
            if (pc_cue_verb(c, cs - 1, k, &ce)) {
                cs--;
                pc_cue_set_cue(c, q, cs, ce);
                break;
            }
        }
        if (q->cue_start != S_NONE ? pc_cue_subject(c, q, cs, lo2, qi) : pc_cue_subject(c, q, k, lo2, qi)) {
            q->flags |= PC_QF_CUE_BEFORE;
            have_cue = q->cue_start != S_NONE;
        } else {
            q->cue_start = q->cue_end = S_NONE;
        }
    }
    if (!have_cue && save_cs != S_NONE && !q->spk_kind) { /* the participle after all */
        q->cue_start = save_cs;
        q->cue_end = save_ce;
        q->flags |= PC_QF_CUE_AFTER;
        have_cue = 1;
    }
    if (!have_cue && !q->spk_kind && prev != S_NONE &&
        (c->q[prev].cue_start != S_NONE || c->q[prev].spk_kind) &&
        (sentence_start || colon || (q->flags & PC_QF_SHARED_MARK) ||
         pc_cue_ch(c, b > 0 ? b - 1 : 0, ',') || S_list_link(c, c->q[prev].close_mark, b))) {
        pc_quote *p = &c->q[prev];
        q->cont = (uint32_t)prev;
        q->flags |= PC_QF_SPLIT;
        q->cue_start = p->cue_start;
        q->cue_end = p->cue_end;
        q->spk_kind = p->spk_kind;
        q->spk_start = p->spk_start;
        q->spk_end = p->spk_end;
        q->role_start = p->role_start;
        q->role_end = p->role_end;
    }

    /* "If it did not accede, “first, Armenia would ...,” Poghosian said." */
    if (!sentence_start && b > 0 && pc_cue_ch(c, b - 1, ',') && (q->flags & PC_QF_CUE_AFTER) &&
        words >= 4 && !pc_cue_is(c, pc_cue_tok_from(c, q->cue_start), "according"))
        comma_cue = 1;
    if (!sentence_start && b > 0 && (pc_cue_is_possessive(c, b - 1) || pc_cue_is(c, b - 1, "on")) &&
        S_title_words(c->text + q->start, q->end - q->start, words)) {
        /* "told MSNBC's “Morning Joe”", "on “Face the Nation”": a programme */
        q->kind = PC_QK_SCARE;
        q->flags |= PC_QF_EMBEDDED;
        q->spk_kind = PC_SPK_NONE;
        q->spk_start = q->spk_end = S_NONE;
        q->role_start = q->role_end = S_NONE;
        q->cue_start = q->cue_end = S_NONE;
        q->cont = S_NONE;
        q->flags &= ~(uint32_t)PC_QF_SPLIT;
        return;
    }
    if (sentence_start || colon || comma_cue || (q->flags & (PC_QF_SPLIT | PC_QF_PARA_CONT)) ||
        (that_clause && have_cue && words >= 4)) {
        q->kind = PC_QK_DIRECT;
        if (sentence_start && !have_cue && !(q->flags & (PC_QF_SPLIT | PC_QF_PARA_CONT)) &&
            words < 4 && !ends_stop && !q->spk_kind)
            q->kind = PC_QK_SCARE; /* a quoted title or term opening a sentence */
    } else {
        q->flags |= PC_QF_EMBEDDED;
        if (q->spk_kind == PC_SPK_PRONOUN && pc_cue_tlen(c, pc_cue_tok_from(c, q->spk_start)) == 4 &&
            q->cue_start != S_NONE) {
            /* "what they described as “...”": a vague group, a scare quote */
            size_t t = pc_cue_tok_from(c, q->spk_start);
            if (pc_cue_is(c, t, "they")) {
                q->spk_kind = PC_SPK_NONE;
                q->spk_start = q->spk_end = S_NONE;
                q->cue_start = q->cue_end = S_NONE;
            }
        }
        q->kind = (q->cue_start != S_NONE || q->spk_kind) ? PC_QK_PARTIAL : PC_QK_SCARE;
        if (q->kind == PC_QK_SCARE) {
            q->spk_kind = PC_SPK_NONE;
            q->spk_start = q->spk_end = S_NONE;
            q->role_start = q->role_end = S_NONE;
        }
    }
}

/* Length of the space (ASCII, no-break, narrow no-break, thin) at t[i], 0 if none. */
static size_t S_space_at(const char *t, size_t i, size_t end)
{
    unsigned char c = (unsigned char)t[i];
    if (c == ' ')
        return 1;
    if (c == 0xC2 && i + 1 < end && (unsigned char)t[i + 1] == 0xA0)
        return 2;
    if (c == 0xE2 && i + 2 < end && (unsigned char)t[i + 1] == 0x80 &&
        ((unsigned char)t[i + 2] == 0xAF || (unsigned char)t[i + 2] == 0x89))
        return 3;
    return 0;
}

/* trim: drop the spaces French typography puts inside guillemets (« oui »). */
static int S_push(const pc_mem *mem, const char *t, pc_quote_result *out, uint32_t open, size_t olen,
                  uint32_t end, uint32_t close, uint32_t flags, int trim)
{
    pc_quote *q;
    int rc;
    size_t s = open + olen, n;
    if (trim) {
        while (s < end && (n = S_space_at(t, s, end)) > 0)
            s += n;
        while (end > s) {
            if (t[end - 1] == ' ')
                end--;
            else if (end >= s + 2 && S_space_at(t, end - 2, end) == 2)
                end -= 2;
            else if (end >= s + 3 && S_space_at(t, end - 3, end) == 3)
                end -= 3;
            else
                break;
        }
        olen = s - open;
    }
    if (open + olen >= end)
        return PC_OK; /* empty */
    rc = pc_grow(mem, (void **)&out->quotes, &out->qcap, out->nquote + 1, sizeof(pc_quote));
    if (rc != PC_OK)
        return rc;
    q = &out->quotes[out->nquote++];
    memset(q, 0, sizeof *q);
    q->start = open + (uint32_t)olen;
    q->end = end;
    q->open_mark = open;
    q->close_mark = close;
    q->cue_start = q->cue_end = S_NONE;
    q->spk_start = q->spk_end = S_NONE;
    q->role_start = q->role_end = S_NONE;
    q->cont = S_NONE;
    q->flags = flags;
    return PC_OK;
}

/* How the open quote was opened: its closing mark depends on it. */
enum { S_STYLE_PLAIN = 0, S_STYLE_LOW, S_STYLE_REV, S_STYLE_GUIL };

/* Find the quotes of paragraph [ps, pe); `pending` is the index of the
 * previous paragraph's unclosed quote (or NONE), updated for the next. */
static int S_scan_para(const pc_mem *mem, const char *t, size_t ps, size_t pe,
                       pc_quote_result *out, uint32_t *pending)
{
    size_t i = ps, ml, olen = 0, first = ps, nbefore = out->nquote;
    int open = 0, inner = 0, rc, style = S_STYLE_PLAIN;
    uint32_t opos = 0, flags = 0, cont_of = *pending;

    while (first < pe && (t[first] == ' '))
        first++;
    *pending = S_NONE;
    while (i < pe) {
        int m = pc_cue_mark(t, pe, i, &ml);
        int32_t pcp, ncp;
        int opener;
        if (m == PC_CUE_M_NONE) {
            if (open && t[i] == '[')
                flags |= PC_QF_BRACKET;
            i++;
            continue;
        }
        pcp = S_prev_cp(t, ps, i);
        ncp = S_next_cp(t, pe, i + ml);
        switch (m) {
        case PC_CUE_M_DOPEN:
        case PC_CUE_M_DLOW:
        case PC_CUE_M_DCLOSE:
        case PC_CUE_M_DSTRAIGHT:
            if (m == PC_CUE_M_DSTRAIGHT)
                opener = S_opens_after(pcp) ? !S_is_space_cp(ncp) : (!open && S_wordy(ncp));
            else if (m == PC_CUE_M_DOPEN)
                /* “ closes „...“ (German); « closes »...« (German, Danish) */
                opener = !(open && ((style == S_STYLE_LOW && ml == 3 && (unsigned char)t[i + 2] == 0x9C) ||
                                    (style == S_STYLE_REV && ml == 2)));
            else if (m == PC_CUE_M_DCLOSE)
                opener = !open && ml == 2 && S_wordy(ncp) && !S_wordy(pcp); /* »...« */
            else
                opener = 1; /* „ */
            if (opener) {
                if (open) {
                    rc = S_push(mem, t, out, opos, olen, (uint32_t)i, (uint32_t)i,
                                flags | PC_QF_SHARED_MARK, style >= S_STYLE_REV);
                    if (rc != PC_OK)
                        return rc;
                }
                style = m == PC_CUE_M_DLOW ? S_STYLE_LOW : m == PC_CUE_M_DCLOSE ? S_STYLE_REV
                        : (m == PC_CUE_M_DOPEN && ml == 2) ? S_STYLE_GUIL : S_STYLE_PLAIN;
                open = 1;
                inner = 0;
                opos = (uint32_t)i;
                olen = ml;
                flags = (i == first && cont_of != S_NONE) ? PC_QF_PARA_CONT : 0;
            } else if (open) {
                size_t before = out->nquote;
                rc = S_push(mem, t, out, opos, olen, (uint32_t)i, (uint32_t)i, flags, style >= S_STYLE_REV);
                if (rc != PC_OK)
                    return rc;
                if (out->nquote > before && (flags & PC_QF_PARA_CONT))
                    out->quotes[out->nquote - 1].cont = cont_of;
                open = 0;
                inner = 0;
            }
            break;
        case PC_CUE_M_SOPEN:
            if (open) {
                inner = 1;
                flags |= PC_QF_NESTED;
            }
            break;
        case PC_CUE_M_SSTRAIGHT:
        case PC_CUE_M_SCLOSE:
            if (open && !inner && m == PC_CUE_M_SSTRAIGHT && S_opens_after(pcp) && S_wordy(ncp)) {
                inner = 1;
                flags |= PC_QF_NESTED;
            } else if (open && inner && !(S_wordy(pcp) && S_wordy(ncp)) && !S_is_space_cp(pcp)) {
                inner = 0;
            }
            break;
        }
        i += ml;
    }
    if (open) {
        size_t before = out->nquote;
        rc = S_push(mem, t, out, opos, olen, (uint32_t)pe, (uint32_t)pe, flags | PC_QF_UNCLOSED,
                    style >= S_STYLE_REV);
        if (rc != PC_OK)
            return rc;
        if (out->nquote > before) {
            if (flags & PC_QF_PARA_CONT)
                out->quotes[out->nquote - 1].cont = cont_of;
            *pending = (uint32_t)(out->nquote - 1);
        }
    }
    /* the unclosed quote's continuation, when it closed inside this paragraph */
    for (i = nbefore; i < out->nquote; i++)
        if ((out->quotes[i].flags & PC_QF_PARA_CONT) && out->quotes[i].cont == S_NONE)
            out->quotes[i].cont = cont_of;
    return PC_OK;
}

int pc_quote_scan(const pc_mem *mem, const char *text, size_t len, const pc_para *paras,
                  size_t npara, const pc_seg_result *seg, int flags, pc_quote_result *out)
{
    pc_cue_ctx c;
    size_t p, qi, qfirst, tp = 0;
    uint32_t pending = S_NONE;
    pc_para whole;
    int rc;

    if (!mem || !out || !seg || (!text && len))
        return PC_EINVAL;
    memset(out, 0, sizeof *out);
    if (len >= UINT32_MAX)
        return PC_ETOOBIG;
    if (!paras || !npara) {
        whole.start = 0;
        whole.end = (uint32_t)len;
        whole.kind = PC_PARA_BODY;
        paras = &whole;
        npara = 1;
    }
    c.text = text ? text : "";
    c.len = len;
    c.toks = seg->toks;
    c.ntok = seg->ntok;
    c.sents = seg->sents;
    c.nsent = seg->nsent;
    c.work = 0;

    for (p = 0; p < npara; p++) {
        size_t ps = paras[p].start, pe = paras[p].end, plo, phi;
        if (pe > len || ps > pe)
            return PC_EINVAL;
        qfirst = out->nquote;
        rc = S_scan_para(mem, c.text, ps, pe, out, &pending);
        if (rc != PC_OK)
            return rc;
        if (!c.nsent || !c.ntok)
            continue;
        /* token range of the paragraph; paragraphs come in text order */
        while (tp < c.ntok && c.toks[tp].start < ps)
            tp++;
        plo = tp;
        phi = plo;
        while (phi < c.ntok && c.toks[phi].start < pe)
            phi++;
        c.q = out->quotes;
        c.nq = out->nquote;
        for (qi = qfirst; qi < out->nquote; qi++)
            S_attribute(&c, qi, qfirst, plo, phi);
        tp = phi;
    }
    /* without tokens nothing can be attributed: everything is a bare quote */
    for (qi = 0; qi < out->nquote; qi++)
        if (!out->quotes[qi].kind)
            out->quotes[qi].kind = PC_QK_DIRECT;
    out->work += len + c.ntok + c.work;
    if ((flags & PC_QUOTE_REPORTED) && c.nsent && c.ntok)
        return pc_reported_scan(mem, &c, paras, npara, out, &out->work);
    return PC_OK;
}

void pc_quote_free(const pc_mem *mem, pc_quote_result *res)
{
    if (!res)
        return;
    if (res->quotes)
        mem->free(mem->ctx, res->quotes);
    memset(res, 0, sizeof *res);
}
