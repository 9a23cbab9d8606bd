/*
 * pc_meta.c - see pc_meta.h.
 */
#include "pc_meta.h"

#include <string.h>

#include "pc_charref.h"
#include "pc_utf8.h"

#define S_JUNK                                                                               \
    (PC_CLS_COMMENT | PC_CLS_NAV | PC_CLS_FOOTER | PC_CLS_SIDE | PC_CLS_RELATED | PC_CLS_AD |   \
     PC_CLS_CONSENT | PC_CLS_HIDDEN | PC_CLS_SHARE)

static const char *const S_key_names[PC_META__COUNT] = {
    "",          "html_title", "og_title", "meta_title", "author",   "published", "modified",
    "site_name", "description", "jsonld",  "canonical",  "og_url",   "lang",      "locale",
    "tags",      "section",     "h1",      "byline",     "time",     "pubdate",   "date_text",
    "twitter"};

const char *pc_meta_key_name(int key)
{
    return key > 0 && key < PC_META__COUNT ? S_key_names[key] : "";
}

/* Characters a metadata value never keeps: C0/C1 controls (white space has
 * been collapsed already) and the bidirectional embeddings, overrides and
 * isolates, which reorder whatever a terminal prints after them. */
static int S_strip_cp(int32_t cp)
{
    return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || (cp >= 0x202A && cp <= 0x202E) ||
           (cp >= 0x2066 && cp <= 0x2069);
}

static int S_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* Append s[0..n) decoded to b: references resolved, white space collapsed,
 * stripped characters dropped; at most `cap` bytes. */
static int S_decode(const pc_mem *mem, pc_buf *b, const char *s, size_t n, int in_attr,
                    size_t cap)
{
    size_t i = 0, start = b->len;
    int rc, space = 0;
    while (i < n && b->len - start < cap) {
        char c = s[i];
        int32_t cp;
        size_t k;
        if (S_space(c)) {
            space = 1;
            i++;
            continue;
        }
        if (space && b->len > start && (rc = pc_buf_putc(mem, b, ' ')) != PC_OK)
            return rc;
        space = 0;
        if (c == '&') {
            uint32_t cps[2];
            int ncp, j;
            size_t used = pc_charref_decode(s + i, n - i, in_attr, cps, &ncp);
            if (used) {
                for (j = 0; j < ncp; j++) {
                    if (S_strip_cp((int32_t)cps[j]))
                        continue;
                    if ((rc = pc_buf_put_cp(mem, b, (int32_t)cps[j])) != PC_OK)
                        return rc;
                }
                i += used;
                continue;
            }
        }
        k = pc_utf8_decode(s + i, n - i, &cp);
        if (k == 0)
            k = 1;
        if (!S_strip_cp(cp) && (rc = pc_buf_put(mem, b, s + i, k)) != PC_OK)
            return rc;
        i += k;
    }
    /* whole characters only, so a cut never splits a UTF-8 sequence */
    return PC_OK;
}

int pc_meta_add(const pc_mem *mem, pc_html_result *res, int key, const char *v, size_t vn,
                int decode)
{
    size_t start = res->metabuf.len, i, count = 0;
    void *p;
    int rc;

    for (i = 0; i < res->nmeta; i++) {
        if (res->meta[i].key != key)
            continue;
        if (!PC_META_IS_MULTI(key) || ++count >= PC_META_MAX_MULTI)
            return PC_OK; /* first value of a single key wins */
    }
    if (decode == PC_META_RAW) {
        if (vn > PC_META_MAX_RAW)
            return PC_OK;
        rc = pc_buf_put(mem, &res->metabuf, v, vn);
    } else {
        rc = S_decode(mem, &res->metabuf, v, vn, decode == PC_META_ATTR, PC_META_MAX_VALUE);
    }
    if (rc != PC_OK)
        return rc;
    if (res->metabuf.len == start)
        return PC_OK;
    if (res->metabuf.len > UINT32_MAX) {
        res->metabuf.len = start;
        return PC_ETOOBIG;
    }
    p = res->meta;
    if ((rc = pc_grow(mem, &p, &res->mcap, res->nmeta + 1, sizeof(pc_meta_kv))) != PC_OK)
        return rc;
    res->meta = (pc_meta_kv *)p;
    res->meta[res->nmeta].key = key;
    res->meta[res->nmeta].start = (uint32_t)start;
    res->meta[res->nmeta].end = (uint32_t)res->metabuf.len;
    res->nmeta++;
    return PC_OK;
}

/* <meta name|property|itemprop=...> names, lower case. */
static const struct {
    const char *name;
    int key;
} S_meta_names[] = {
    {"og:title", PC_META_OG_TITLE},
    {"twitter:title", PC_META_META_TITLE},
    {"dc.title", PC_META_META_TITLE},
    {"dcterms.title", PC_META_META_TITLE},
    {"parsely-title", PC_META_META_TITLE},
    {"sailthru.title", PC_META_META_TITLE},
    {"headline", PC_META_META_TITLE},
    {"title", PC_META_META_TITLE},
    {"author", PC_META_AUTHOR},
    {"article:author", PC_META_AUTHOR},
    {"og:article:author", PC_META_AUTHOR},
    {"dc.creator", PC_META_AUTHOR},
    {"dcterms.creator", PC_META_AUTHOR},
    {"parsely-author", PC_META_AUTHOR},
    {"sailthru.author", PC_META_AUTHOR},
    {"byl", PC_META_AUTHOR},
    {"citation_author", PC_META_AUTHOR},
    {"book:author", PC_META_AUTHOR},
    {"article:published_time", PC_META_PUBLISHED},
    {"og:published_time", PC_META_PUBLISHED},
    {"published_time", PC_META_PUBLISHED},
    {"datepublished", PC_META_PUBLISHED},
    {"datecreated", PC_META_PUBLISHED},
    {"pubdate", PC_META_PUBLISHED},
    {"publish-date", PC_META_PUBLISHED},
    {"publishdate", PC_META_PUBLISHED},
    {"publish_date", PC_META_PUBLISHED},
    {"date", PC_META_PUBLISHED},
    {"dc.date", PC_META_PUBLISHED},
    {"dc.date.issued", PC_META_PUBLISHED},
    {"dc.date.created", PC_META_PUBLISHED},
    {"dcterms.date", PC_META_PUBLISHED},
    {"dcterms.issued", PC_META_PUBLISHED},
    {"dcterms.created", PC_META_PUBLISHED},
    {"sailthru.date", PC_META_PUBLISHED},
    {"parsely-pub-date", PC_META_PUBLISHED},
    {"citation_publication_date", PC_META_PUBLISHED},
    {"citation_date", PC_META_PUBLISHED},
    {"article.published", PC_META_PUBLISHED},
    {"article_date_original", PC_META_PUBLISHED},
    {"original-publish-date", PC_META_PUBLISHED},
    {"release_date", PC_META_PUBLISHED},
    {"publication_date", PC_META_PUBLISHED},
    {"publication-date", PC_META_PUBLISHED},
    {"article_date", PC_META_PUBLISHED},
    {"date_published", PC_META_PUBLISHED},
    {"uploaddate", PC_META_PUBLISHED},
    {"dateupdate", PC_META_MODIFIED},
    {"article:modified_time", PC_META_MODIFIED},
    {"og:updated_time", PC_META_MODIFIED},
    {"datemodified", PC_META_MODIFIED},
    {"last-modified", PC_META_MODIFIED},
    {"dcterms.modified", PC_META_MODIFIED},
    {"dc.date.modified", PC_META_MODIFIED},
    {"article.updated", PC_META_MODIFIED},
    {"og:site_name", PC_META_SITE},
    {"application-name", PC_META_SITE},
    {"publisher", PC_META_SITE},
    {"dc.publisher", PC_META_SITE},
    {"dcterms.publisher", PC_META_SITE},
    {"description", PC_META_DESCRIPTION},
    {"og:description", PC_META_DESCRIPTION},
    {"twitter:description", PC_META_DESCRIPTION},
    {"dc.description", PC_META_DESCRIPTION},
    {"dcterms.description", PC_META_DESCRIPTION},
    {"og:url", PC_META_URL},
    {"twitter:url", PC_META_URL},
    {"og:locale", PC_META_LOCALE},
    {"dc.language", PC_META_LOCALE},
    {"dcterms.language", PC_META_LOCALE},
    {"language", PC_META_LOCALE},
    {"inlanguage", PC_META_LOCALE},
    {"keywords", PC_META_TAGS},
    {"news_keywords", PC_META_TAGS},
    {"article:tag", PC_META_TAGS},
    {"parsely-tags", PC_META_TAGS},
    {"sailthru.tags", PC_META_TAGS},
    {"article:section", PC_META_SECTION},
    {"parsely-section", PC_META_SECTION},
    {NULL, 0}};

static int S_meta_key(const char *name, size_t nn)
{
    int i;
    for (i = 0; S_meta_names[i].name; i++)
        if (pc_dom_ieq(name, nn, S_meta_names[i].name))
            return S_meta_names[i].key;
    return 0;
}

/* Does the space-separated value v contain the token `tok` (ASCII, any case)? */
static int S_has_token(const char *v, size_t vn, const char *tok)
{
    size_t i = 0, tl = strlen(tok);
    while (i < vn) {
        size_t s;
        while (i < vn && S_space(v[i]))
            i++;
        s = i;
        while (i < vn && !S_space(v[i]))
            i++;
        if (i - s == tl && pc_dom_ieq(v + s, tl, tok))
            return 1;
    }
    return 0;
}

/* Does v[0..n) contain the lower-case ASCII word w, in any case? */
static int S_contains(const char *v, size_t n, const char *w)
{
    size_t wl = strlen(w), i;
    for (i = 0; i + wl <= n; i++)
        if (pc_dom_ieq(v + i, wl, w))
            return 1;
    return 0;
}

/* itemprop / RDFa property values that name the publication date */
static int S_pubdate_name(const char *v, size_t n)
{
    static const char *const names[] = {"datepublished", "schema:datepublished", "datecreated",
                                        "schema:datecreated", "uploaddate", "dc:date",
                                        "dcterms:created", "dcterms:issued", "dc:created", NULL};
    int i;
    for (i = 0; names[i]; i++)
        if (pc_dom_ieq(v, n, names[i]))
            return 1;
    return 0;
}

int pc_meta_tag(const pc_mem *mem, pc_html_result *res, int tag, uint32_t cls,
                const pc_dom_attr *attrs, size_t nattrs)
{
    const pc_dom_attr *a, *c;
    int key = 0;
    switch (tag) {
    case PC_TAG_META:
        if (!(c = pc_dom_attr_get(attrs, nattrs, "content")))
            return PC_OK;
        if ((a = pc_dom_attr_get(attrs, nattrs, "property")))
            key = S_meta_key(a->val, a->vlen);
        if (!key && (a = pc_dom_attr_get(attrs, nattrs, "name")))
            key = S_meta_key(a->val, a->vlen);
        if (!key && (a = pc_dom_attr_get(attrs, nattrs, "itemprop")))
            key = S_meta_key(a->val, a->vlen);
        if (!key && (a = pc_dom_attr_get(attrs, nattrs, "name")) && a->vlen >= 13 &&
            a->vlen <= 14 &&
            (pc_dom_ieq(a->val, 13, "twitter:label") || pc_dom_ieq(a->val, 12, "twitter:data"))) {
            /* Yoast's "Written by" label/value pairs: kept as "label1=..." / "data1=..." */
            char buf[PC_META_MAX_VALUE + 16];
            size_t nl = a->vlen - 8, cn = c->vlen < PC_META_MAX_VALUE ? c->vlen : PC_META_MAX_VALUE;
            memcpy(buf, a->val + 8, nl);
            buf[nl] = '=';
            memcpy(buf + nl + 1, c->val, cn);
            return pc_meta_add(mem, res, PC_META_TWITTER, buf, nl + 1 + cn, PC_META_ATTR);
        }
        if (!key && (a = pc_dom_attr_get(attrs, nattrs, "http-equiv")) &&
            pc_dom_ieq(a->val, a->vlen, "content-language"))
            key = PC_META_LOCALE;
        /* other names that speak of a publication date ("sw-pubdate",
         * "date.publication"): a date of lower trust, in order */
        if (!key && ((a = pc_dom_attr_get(attrs, nattrs, "name")) ||
                     (a = pc_dom_attr_get(attrs, nattrs, "property"))) &&
            (S_contains(a->val, a->vlen, "pubdate") || S_contains(a->val, a->vlen, "publish")))
            key = PC_META_TIME;
        return key ? pc_meta_add(mem, res, key, c->val, c->vlen, PC_META_ATTR) : PC_OK;
    case PC_TAG_LINK:
        if ((a = pc_dom_attr_get(attrs, nattrs, "rel")) && S_has_token(a->val, a->vlen, "canonical") &&
            (c = pc_dom_attr_get(attrs, nattrs, "href")))
            return pc_meta_add(mem, res, PC_META_CANONICAL, c->val, c->vlen, PC_META_ATTR);
        return PC_OK;
    case PC_TAG_HTML:
        if ((a = pc_dom_attr_get(attrs, nattrs, "lang")) ||
            (a = pc_dom_attr_get(attrs, nattrs, "xml:lang")))
            return pc_meta_add(mem, res, PC_META_LANG, a->val, a->vlen, PC_META_ATTR);
        return PC_OK;
    default:
        break;
    }
    /* an element that says it holds the publication date */
    a = pc_dom_attr_get(attrs, nattrs, "itemprop");
    if (!a || !S_pubdate_name(a->val, a->vlen))
        a = pc_dom_attr_get(attrs, nattrs, "property");
    if ((a && S_pubdate_name(a->val, a->vlen)) ||
        (tag == PC_TAG_TIME && pc_dom_attr_get(attrs, nattrs, "pubdate"))) {
        if ((c = pc_dom_attr_get(attrs, nattrs, "datetime")) ||
            (c = pc_dom_attr_get(attrs, nattrs, "content")))
            return pc_meta_add(mem, res, PC_META_PUBDATE, c->val, c->vlen, PC_META_ATTR);
    }
    /* a date-marked element with the date in an attribute (hAtom's
     * <abbr class="published" title="...">); <time datetime> is read from
     * the tree, in document order */
    if ((cls & PC_CLS_DATE) && tag != PC_TAG_TIME &&
        ((c = pc_dom_attr_get(attrs, nattrs, "datetime")) ||
         (c = pc_dom_attr_get(attrs, nattrs, "content")) ||
         (c = pc_dom_attr_get(attrs, nattrs, "title"))))
        return pc_meta_add(mem, res, PC_META_TIME, c->val, c->vlen, PC_META_ATTR);
    return PC_OK;
}

/* The text of element e, at most cap bytes; blocks and breaks inside it are
 * joined by `sep` (" " for a headline, " | " for a byline whose lines are
 * separate facts: name, date, "all articles"). */
static int S_elem_text(const pc_mem *mem, const pc_dom *dom, uint32_t e, pc_buf *out, size_t cap,
                       const char *sep)
{
    uint32_t j;
    int rc;
    out->len = 0;
    for (j = e + 1; j < dom->nodes[e].end && out->len < cap; j++) {
        const pc_dom_node *x = &dom->nodes[j];
        if (x->kind == PC_DN_TEXT) {
            const char *t = dom->text.data + x->tstart;
            size_t len = x->tlen;
            if (len > cap - out->len) {
                /* cut before a character, never inside one */
                len = cap - out->len;
                while (len > 0 && ((unsigned char)t[len] & 0xC0) == 0x80)
                    len--;
            }
            rc = pc_buf_put(mem, out, t, len);
        } else if (x->kind == PC_DN_BREAK || (pc_dom_tag_flags(x->tag) & PC_T_BLOCK)) {
            rc = out->len ? pc_buf_put(mem, out, sep, strlen(sep)) : PC_OK;
        } else {
            rc = PC_OK;
        }
        if (rc != PC_OK)
            return rc;
    }
    return PC_OK;
}

static int S_add_elem_text(const pc_mem *mem, pc_html_result *res, const pc_dom *dom, uint32_t e,
                           int key, pc_buf *tmp)
{
    int rc = S_elem_text(mem, dom, e, tmp, 1024, key == PC_META_BYLINE ? " | " : " ");
    if (rc != PC_OK)
        return rc;
    return pc_meta_add(mem, res, key, tmp->data ? tmp->data : "", tmp->len, PC_META_TEXT);
}

int pc_meta_from_dom(const pc_mem *mem, pc_html_result *res, const pc_dom *dom, const char *src,
                     uint32_t main)
{
    pc_buf tmp = PC_BUF_INIT;
    uint32_t i, h1 = 0, lo = main, hi = main ? dom->nodes[main].end : 0;
    int pass, rc = PC_OK;

    for (i = 1; i < dom->n; i++)
        if (dom->nodes[i].kind == PC_DN_ELEM && dom->nodes[i].tag == PC_TAG_H1) {
            if (!h1)
                h1 = i;
            if (main && i > lo && i < hi) {
                h1 = i;
                break;
            }
        }
    if (h1 && (rc = S_add_elem_text(mem, res, dom, h1, PC_META_H1, &tmp)) != PC_OK)
        goto done;
    /* bylines, times and date texts: inside the main content first */
    for (pass = 0; pass < 2; pass++) {
        uint32_t skip_to = 0, skip_junk = 0;
        for (i = 1; i < dom->n; i++) {
            const pc_dom_node *e = &dom->nodes[i];
            int inside = main && i >= lo && i < hi;
            if (e->kind != PC_DN_ELEM || (pass == 0) != inside || i < skip_junk)
                continue;
            if ((e->cls & S_JUNK) || e->tag == PC_TAG_FORM || e->tag == PC_TAG_NAV ||
                e->tag == PC_TAG_FOOTER || e->tag == PC_TAG_ASIDE) {
                skip_junk = e->end; /* a reader's name in a comment is not the author */
                continue;
            }
            if (e->tag == PC_TAG_TIME && e->tlen) {
                rc = pc_meta_add(mem, res, PC_META_TIME, src + e->tstart, e->tlen, PC_META_ATTR);
            } else if (i < skip_to) {
                continue;
            } else if (e->cls & PC_CLS_AUTHOR) {
                rc = S_add_elem_text(mem, res, dom, i, PC_META_BYLINE, &tmp);
                skip_to = e->end;
            } else if (e->cls & PC_CLS_DATE) {
                rc = S_add_elem_text(mem, res, dom, i, PC_META_DATETEXT, &tmp);
                skip_to = e->end;
            }
            if (rc != PC_OK)
                goto done;
        }
    }
done:
    pc_buf_free(mem, &tmp);
    return rc;
}
