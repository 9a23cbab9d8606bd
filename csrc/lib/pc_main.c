/*
 * pc_main.c - see pc_main.h.
 *
 * Sizes are in bytes of decoded, white-space-collapsed text; that is what the
 * builder counts, and the thresholds below are tuned on the development half
 * of the evaluation pages (bench/eval_web.py), never on the held-out half.
 */
#include "pc_main.h"

#include <string.h>

#include "pc_html.h"

typedef struct {
    uint32_t raw;      /* all text of the subtree */
    uint32_t raw_good; /* ... in clean paragraphs */
    uint32_t txt, lnk; /* text and link text of the subtree, furniture excluded */
    uint32_t good;     /* ... in clean paragraphs */
    uint32_t bad;      /* ... in link-heavy blocks */
    uint32_t body_raw; /* all text of the largest marked body or <article> inside */
    float content;     /* paragraph scores given to this container */
    uint32_t last;     /* the last child seen (the previous sibling of the next one) */
    uint8_t neg;       /* this node or an ancestor is furniture */
    uint8_t in_art;    /* inside <article>/<main> */
} S_info;

#define S_MIN_PARA 25     /* bytes: a block shorter than this is not a paragraph */
#define S_MIN_MAIN 200    /* bytes of text a chosen container must hold */
#define S_MIN_BODY 150    /* ... and an element marked as the article body */
#define S_MIN_PROSE 1000  /* clean paragraph text that makes a "furniture" element content */
#define S_KIND (PC_CLS_POS | PC_CLS_BODY)
#define S_NARROW 2        /* the choice must hold 1/S_NARROW of the page's clean text */
#define S_BODY_SHARE 4    /* ... which wins unless the best container has 4x its text */

static uint8_t S_base_reason(const pc_dom_node *e, int in_art)
{
    unsigned fl = pc_dom_tag_flags(e->tag);
    if (e->cls & PC_CLS_HIDDEN)
        return PC_HINT_HIDDEN;
    if (e->cls & PC_CLS_COMMENT)
        return PC_HINT_COMMENTS;
    if (e->cls & PC_CLS_META)
        return PC_HINT_METADATA;
    if ((e->cls & PC_CLS_NEG) || (fl & PC_T_CHROME))
        return PC_HINT_CHROME;
    if (e->tag == PC_TAG_HEADER && !in_art)
        return PC_HINT_CHROME;
    return 0;
}

/* The drop reason of element e, unless it is a wrapper of the article: an
 * element holding more than half the page's text, mostly a marked article
 * body, or long clean paragraphs (S_MIN_PROSE bytes, 60% of its text) is not
 * furniture whatever its classes say ("content-sidebar-wrap",
 * "documentContent__sharingContainer", an ASP.NET <form> around the whole
 * page): menus, share bars and footers do not hold prose.  <nav>, <footer>,
 * <aside>, comments and hidden elements keep their meaning. */
static uint8_t S_reason(const pc_dom_node *e, const S_info *x, uint32_t page, int in_art)
{
    uint8_t r = S_base_reason(e, in_art);
    int by_tag = e->tag == PC_TAG_NAV || e->tag == PC_TAG_FOOTER || e->tag == PC_TAG_ASIDE;
    if (r && r != PC_HINT_HIDDEN && r != PC_HINT_COMMENTS && e->tag != PC_TAG_NAV &&
        e->tag != PC_TAG_FOOTER && x->body_raw >= S_MIN_PROSE)
        return 0; /* it holds a whole article ("pagebody--wsidebar", an <aside> around it) */
    if (r && r != PC_HINT_HIDDEN && !by_tag &&
        ((x->body_raw && x->body_raw * 2 >= x->raw) || (page && x->raw * 2 > page) ||
         (r != PC_HINT_COMMENTS && !(e->cls & PC_CLS_RELATED) && x->raw_good >= S_MIN_PROSE &&
          x->raw_good * 10 >= x->raw * 6)))
        return 0;
    return r;
}

static float S_tag_weight(const pc_dom_node *e)
{
    float w = 0;
    switch (e->tag) {
    case PC_TAG_DIV: w = 5; break;
    case PC_TAG_ARTICLE: w = 10; break;
    case PC_TAG_MAIN: case PC_TAG_SECTION: w = 3; break;
    case PC_TAG_PRE: case PC_TAG_TD: case PC_TAG_BLOCKQUOTE: w = 3; break;
    case PC_TAG_ADDRESS: case PC_TAG_OL: case PC_TAG_UL: case PC_TAG_DL: case PC_TAG_DD:
    case PC_TAG_DT: case PC_TAG_LI: case PC_TAG_FORM: w = -3; break;
    case PC_TAG_TH: w = -5; break;
    default:
        if (pc_dom_tag_flags(e->tag) & PC_T_HEADING)
            w = -5;
        break;
    }
    if (e->cls & PC_CLS_BODY)
        w += 25;
    else if (e->cls & PC_CLS_POS)
        w += 10;
    return w;
}

static float S_density(uint32_t lnk, uint32_t txt)
{
    return txt ? (float)lnk / (float)txt : 0.0f;
}

/* A clean paragraph on its own: long enough, few links, some punctuation. */
static int S_good_para(const pc_dom_node *e)
{
    if (e->own_txt < 60 || e->own_punct == 0)
        return 0;
    return S_density(e->own_lnk, e->own_txt) < 0.3f;
}

/* A block of links inside the article (a teaser box, "more on this"): a
 * container, not a paragraph of its own, whose text is mostly link text. */
static int S_link_block(const pc_dom_node *e, const S_info *x)
{
    unsigned fl = pc_dom_tag_flags(e->tag);
    if (!(fl & PC_T_BLOCK) || (fl & PC_T_HEADING) || e->tag == PC_TAG_P || e->tag == PC_TAG_TD ||
        e->tag == PC_TAG_TH || e->tag == PC_TAG_LI || e->tag == PC_TAG_BODY || e->tag == PC_TAG_HTML)
        return 0;
    return x->txt >= 20 && e->own_txt * 2 < x->txt && S_density(x->lnk, x->txt) > 0.6f;
}

/* A paragraph that reads as text: some length, punctuation, few links. */
static int S_clean_para(const pc_dom_node *e)
{
    return e->own_txt >= S_MIN_PARA && e->own_punct > 0 &&
           S_density(e->own_lnk, e->own_txt) < 0.3f;
}

int pc_main_select(const pc_mem *mem, const pc_dom *dom, uint8_t *reason, uint32_t *main_out)
{
    size_t n = dom->n, i;
    const pc_dom_node *N = dom->nodes;
    S_info *info;
    uint8_t *keep_root, *in_keep;
    uint32_t best = 0, body = 0, m = 0, total = 0;
    float best_score = 0;
    int rc = PC_OK, fallback = 0, headline = 0;

    *main_out = 0;
    if (n == 0)
        return PC_OK;
    info = (S_info *)mem->calloc(mem->ctx, n, sizeof(S_info));
    keep_root = (uint8_t *)mem->calloc(mem->ctx, n, 2);
    if (!info || !keep_root) {
        rc = PC_ENOMEM;
        goto done;
    }
    in_keep = keep_root + n;

    /* 1. all text per subtree, and where the marked bodies are, bottom up */
    for (i = n; i-- > 1;) {
        const pc_dom_node *e = &N[i];
        S_info *p = &info[e->parent];
        if (e->kind == PC_DN_ELEM) {
            info[i].raw += e->own_txt;
            if (S_clean_para(e))
                info[i].raw_good += e->own_txt;
            if (((e->cls & (PC_CLS_BODY | PC_CLS_ARTICLE)) || e->tag == PC_TAG_ARTICLE) &&
                info[i].raw > p->body_raw)
                p->body_raw = info[i].raw;
        }
        p->raw += info[i].raw;
        p->raw_good += info[i].raw_good;
        if (info[i].body_raw > p->body_raw)
            p->body_raw = info[i].body_raw;
    }
    /* 2. furniture and article context, top down */
    for (i = 1; i < n; i++) {
        const pc_dom_node *e = &N[i];
        const S_info *p = &info[e->parent];
        if (e->kind != PC_DN_ELEM) {
            info[i].neg = p->neg;
            info[i].in_art = p->in_art;
            continue;
        }
        info[i].in_art = (uint8_t)(p->in_art || e->tag == PC_TAG_ARTICLE || e->tag == PC_TAG_MAIN ||
                                   (e->cls & (PC_CLS_MAINROLE | PC_CLS_ARTICLE)));
        info[i].neg = (uint8_t)(p->neg || S_reason(e, &info[i], info[0].raw, p->in_art) != 0);
    }

    /* 3. text and link text per subtree, bottom up, furniture excluded */
    for (i = n; i-- > 1;) {
        const pc_dom_node *e = &N[i];
        if (e->kind == PC_DN_ELEM && !info[i].neg) {
            info[i].txt += e->own_txt;
            info[i].lnk += e->own_lnk;
            if (S_clean_para(e))
                info[i].good += e->own_txt;
            else if (e->own_txt && S_density(e->own_lnk, e->own_txt) >= 0.5f)
                info[i].bad += e->own_txt;
        }
        info[e->parent].txt += info[i].txt;
        info[e->parent].lnk += info[i].lnk;
        info[e->parent].good += info[i].good;
        info[e->parent].bad += info[i].bad;
    }
    total = info[0].txt;

    /* 4. paragraph scores to their containers */
    for (i = 1; i < n; i++) {
        const pc_dom_node *e = &N[i];
        float s;
        uint32_t up;
        int level;
        if (e->kind != PC_DN_ELEM || info[i].neg || e->own_txt < S_MIN_PARA)
            continue;
        s = 1.0f + (float)e->own_punct * 0.5f + (float)(e->own_txt / 100 > 3 ? 3 : e->own_txt / 100);
        s *= 1.0f - S_density(e->own_lnk, e->own_txt);
        for (up = e->parent, level = 1; level <= 3; up = N[up].parent, level++) {
            info[up].content += s / (level == 1 ? 1.0f : level == 2 ? 2.0f : (float)level * 3.0f);
            if (up == 0)
                break;
        }
    }
    for (i = 1; i < n; i++) {
        const pc_dom_node *e = &N[i];
        float score;
        if (e->kind != PC_DN_ELEM || info[i].neg || info[i].content <= 0)
            continue;
        score = (info[i].content + S_tag_weight(e)) * (1.0f - S_density(info[i].lnk, info[i].txt));
        if (score > best_score) {
            best_score = score;
            best = (uint32_t)i;
        }
    }
    /* 5. a marked article body with enough text wins */
    for (i = 1; i < n; i++) {
        const pc_dom_node *e = &N[i];
        if (e->kind == PC_DN_ELEM && (e->cls & PC_CLS_BODY) && !info[i].neg &&
            info[i].txt - info[i].lnk >= S_MIN_BODY &&
            S_density(info[i].lnk, info[i].txt) < 0.5f) {
            body = (uint32_t)i;
            break;
        }
    }
    m = best;
    if (body) {
        int related = best == 0 || (best >= body && best < N[body].end) ||
                      (body >= best && body < N[best].end);
        if (related || info[body].txt * S_BODY_SHARE >= info[best].txt)
            m = body;
    }
    /* grow the container while its parent adds clean paragraphs (a lead in
     * the article header, an intro before the marked body) and hardly any
     * link-heavy text */
    if (m) {
        uint32_t cur = m;
        int idle = 0;
        while (N[cur].parent != 0 && idle < 4) {
            uint32_t p = N[cur].parent;
            uint32_t dgood = info[p].good - info[m].good, dbad = info[p].bad - info[m].bad;
            if (N[p].tag == PC_TAG_BODY || N[p].tag == PC_TAG_HTML || info[p].neg)
                break;
            if (dbad * 4 > dgood || dbad * 8 > info[m].good + 64)
                break;
            if (dgood > 0) {
                m = p; /* a wrapper that adds nothing is passed, not taken */
                idle = 0;
            } else {
                idle++;
            }
            cur = p;
        }
    }
    if (m && info[m].txt - info[m].lnk < S_MIN_MAIN && total > 2 * S_MIN_MAIN)
        m = 0;

    if (m) {
        /* 6. the container and its siblings of the same kind */
        uint32_t parent = N[m].parent, j;
        float thresh = best_score * 0.2f;
        float ms = (info[m].content + S_tag_weight(&N[m])) *
                   (1.0f - S_density(info[m].lnk, info[m].txt));
        if (ms * 0.2f > thresh)
            thresh = ms * 0.2f;
        if (thresh < 10)
            thresh = 10;
        keep_root[m] = 1;
        for (j = parent + 1; j < N[parent].end; j = N[j].end) {
            const pc_dom_node *e = &N[j];
            float s;
            if (j == m || e->kind != PC_DN_ELEM || info[j].neg)
                continue;
            s = (info[j].content + S_tag_weight(e)) * (1.0f - S_density(info[j].lnk, info[j].txt));
            /* a container of the same kind (tag and article hints) that
             * scores well, or a clean paragraph (or a block of them) next to it */
            if (e->tag == N[m].tag && (e->cls & S_KIND) == (N[m].cls & S_KIND) &&
                info[j].content > 0 && s >= thresh)
                keep_root[j] = 1;
            else if (S_good_para(e))
                keep_root[j] = 1;
            else if (!(N[m].cls & PC_CLS_BODY) && info[j].good >= 80 &&
                     info[j].good * 10 >= info[j].txt * 7 &&
                     S_density(info[j].lnk, info[j].txt) < 0.25f)
                keep_root[j] = 1; /* not next to a marked body: the page said where it is */
        }
        /* the lead: clean paragraphs between the headline and the container
         * (an intro in the article header, a "bajada" above the body) */
        {
            uint32_t h1 = 0, k;
            for (k = 1; k < m; k++)
                if (N[k].kind == PC_DN_ELEM && N[k].tag == PC_TAG_H1 && !info[k].neg)
                    h1 = k;
            for (k = h1 ? N[h1].end : m; h1 && k < m; k++) {
                const pc_dom_node *e = &N[k];
                if (e->kind == PC_DN_ELEM && !info[k].neg && S_clean_para(e) && e->own_txt >= 40 &&
                    S_density(e->own_lnk, e->own_txt) < 0.1f)
                    keep_root[k] = 1;
            }
        }
        /* too narrow a choice: when what is kept holds less than half of the
         * page's clean paragraph text outside furniture, the other clean
         * paragraphs are kept as well (the fallback, added to the choice) */
        {
            uint32_t kept_good = 0, k;
            for (k = 1; k < n; k = keep_root[k] ? N[k].end : k + 1)
                if (keep_root[k])
                    kept_good += info[k].good;
            if (kept_good * S_NARROW < info[0].good)
                for (k = 1; k < n; k++)
                    if (N[k].kind == PC_DN_ELEM && !info[k].neg && S_good_para(&N[k]))
                        keep_root[k] = 1;
        }
        *main_out = m;
    } else {
        /* 7. fallback: every clean paragraph of the page */
        for (i = 1; i < n; i++)
            if (N[i].kind == PC_DN_ELEM && !info[i].neg && S_good_para(&N[i])) {
                keep_root[i] = 1;
                fallback = 1;
            }
    }

    /* 8. reasons, top down */
    reason[0] = (uint8_t)((m || fallback) ? PC_HINT_OFFMAIN : 0);
    in_keep[0] = (uint8_t)!(m || fallback);
    for (i = 1; i < n; i++) {
        const pc_dom_node *e = &N[i];
        uint32_t p = e->parent;
        uint8_t base = 0;
        in_keep[i] = (uint8_t)(in_keep[p] || keep_root[i]);
        if (e->kind == PC_DN_ELEM) {
            base = S_reason(e, &info[i], info[0].raw, info[p].in_art);
            if (!base && in_keep[i] && (pc_dom_tag_flags(e->tag) & PC_T_LIST) &&
                e->tag != PC_TAG_DL && S_density(info[i].lnk, info[i].txt) > 0.5f)
                base = PC_HINT_LINKS;
        }
        if (!base && in_keep[i] && e->kind == PC_DN_ELEM && S_link_block(e, &info[i]))
            base = PC_HINT_LINKS;
        if (!base && in_keep[i] && e->kind == PC_DN_ELEM && e->tag == PC_TAG_H1 && !headline &&
            !reason[p]) {
            base = PC_HINT_HEADLINE; /* the title, not text: Document.title has it */
            headline = 1;
        }
        if (base)
            reason[i] = base;
        else if (keep_root[i])
            reason[i] = 0;
        else
            reason[i] = reason[p];
        /* the heading of a box that goes ("Related posts" over its links) goes with it */
        if (base && (base == PC_HINT_LINKS || base == PC_HINT_CHROME) && in_keep[p] && !reason[p] &&
            info[p].last) {
            uint32_t ps = info[p].last, k;
            const pc_dom_node *h = &N[ps];
            if (h->kind == PC_DN_ELEM && !reason[ps] &&
                ((pc_dom_tag_flags(h->tag) & PC_T_HEADING) ||
                 ((pc_dom_tag_flags(h->tag) & PC_T_BLOCK) && info[ps].raw <= 80 && !h->own_punct &&
                  h->own_txt == info[ps].raw && h->end - ps <= 8)))
                for (k = ps; k < h->end; k++)
                    reason[k] = base;
        }
        if (e->kind != PC_DN_TEXT || e->tlen > 1)
            info[p].last = (uint32_t)i;
    }
done:
    if (info)
        mem->free(mem->ctx, info);
    if (keep_root)
        mem->free(mem->ctx, keep_root);
    return rc;
}
