/*
 * pc_html.c - see pc_html.h.
 */
#include "pc_html.h"
#include "pc_utf8.h"

#include <string.h>

enum { S_T_OTHER = 0, S_T_BLOCK = 1, S_T_RAW = 2, S_T_VOID = 4 };

typedef struct {
    char name[16];
    uint32_t open_pos;
    int hint;
} S_open;

typedef struct {
    const pc_mem *mem;
    pc_html_result *res;
    S_open stack[PC_HTML_MAX_DEPTH];
    int depth;         /* tracked elements on the stack */
    int untracked;     /* elements opened beyond PC_HTML_MAX_DEPTH */
    int chrome;        /* open chrome elements on the stack */
    int article;       /* open <article>/<main> elements */
    int pre;           /* open <pre> elements */
    int pending_space; /* whitespace seen since the last character */
} S_state;

static int S_ieq(const char *a, size_t n, const char *lit)
{
    size_t i, m = strlen(lit);
    if (n != m)
        return 0;
    for (i = 0; i < n; i++) {
        char c = a[i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c + 32);
        if (c != lit[i])
            return 0;
    }
    return 1;
}

static int S_in_list(const char *name, const char *const *list)
{
    /* first byte before strcmp: the full compare against every name was 40%
     * of HTML time */
    for (; *list; list++)
        if ((*list)[0] == name[0] && strcmp(name, *list) == 0)
            return 1;
    return 0;
}

static const char *const S_blocks[] = {
    "p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "tr", "td", "th",
    "table", "section", "article", "main", "blockquote", "pre", "figure", "figcaption", "caption",
    "dd", "dt", "dl", "hr", "header", "footer", "nav", "aside", "form", "address", "title", "body",
    "html", "head", "option", "legend", "fieldset", "details", "summary", "center", NULL};
static const char *const S_raw[] = {"script", "style", "template", "textarea", "title", "xmp",
                                    "noembed", "noframes", "iframe", "noscript", NULL};
static const char *const S_void[] = {"br", "hr", "img", "meta", "link", "input", "source",
                                     "area", "base", "col", "embed", "param", "track", "wbr", NULL};
static const char *const S_chrome_tags[] = {"nav", "footer", "aside", "form", "button", "select",
                                            "svg", "menu", "dialog", NULL};
/* class/id words that mark page furniture rather than article text */
static const char *const S_chrome_words[] = {
    "share", "social", "related", "comment", "newsletter", "subscribe", "advert", "promo",
    "cookie", "breadcrumb", "sidebar", "navbar", "menu", "popup", "banner", "sponsor",
    "recommend", "more-stories", "read-more", "tags", NULL};

static int S_flags(const char *name)
{
    int f = 0;
    if (S_in_list(name, S_blocks))
        f |= S_T_BLOCK;
    if (S_in_list(name, S_raw))
        f |= S_T_RAW;
    if (S_in_list(name, S_void))
        f |= S_T_VOID;
    return f;
}

static int S_newline(S_state *st)
{
    pc_buf *b = &st->res->text;
    st->pending_space = 0;
    if (b->len == 0 || b->data[b->len - 1] == '\n')
        return PC_OK;
    return pc_buf_putc(st->mem, b, '\n');
}

static int S_emit(S_state *st, const char *s, size_t n)
{
    pc_buf *b = &st->res->text;
    int rc;
    if (st->pending_space && b->len && b->data[b->len - 1] != '\n') {
        if ((rc = pc_buf_putc(st->mem, b, ' ')) != PC_OK)
            return rc;
    }
    st->pending_space = 0;
    return pc_buf_put(st->mem, b, s, n);
}

static int S_add_hint(S_state *st, uint32_t start, uint32_t end, int kind)
{
    pc_html_result *r = st->res;
    void *p = r->hints;
    int rc;
    if (end <= start || kind == PC_HINT_NONE)
        return PC_OK;
    rc = pc_grow(st->mem, &p, &r->hcap, r->nhints + 1, sizeof(pc_hint));
    if (rc != PC_OK)
        return rc;
    r->hints = (pc_hint *)p;
    r->hints[r->nhints].start = start;
    r->hints[r->nhints].end = end;
    r->hints[r->nhints].kind = kind;
    r->nhints++;
    return PC_OK;
}

/* Decode the character reference at s[0..n) (s[0] == '&').  Appends the
 * result to out and returns the bytes consumed, or 0 when it is not a
 * reference (the '&' is then literal text). */
static size_t S_entity(const char *s, size_t n, int32_t *cp_out, const char **str_out)
{
    static const struct {
        const char *name;
        int32_t cp;
    } named[] = {{"amp", '&'},      {"lt", '<'},       {"gt", '>'},       {"quot", '"'},
                 {"apos", '\''},    {"nbsp", 0xA0},    {"mdash", 0x2014}, {"ndash", 0x2013},
                 {"hellip", 0x2026}, {"rsquo", 0x2019}, {"lsquo", 0x2018}, {"rdquo", 0x201D},
                 {"ldquo", 0x201C}, {"sbquo", 0x201A}, {"bdquo", 0x201E}, {"laquo", 0xAB},
                 {"raquo", 0xBB},   {"copy", 0xA9},    {"reg", 0xAE},     {"trade", 0x2122},
                 {"euro", 0x20AC},  {"pound", 0xA3},   {"yen", 0xA5},     {"cent", 0xA2},
                 {"bull", 0x2022},  {"middot", 0xB7},  {"shy", 0xAD},     {"times", 0xD7},
                 {"deg", 0xB0},     {"eacute", 0xE9},  {"egrave", 0xE8},  {"aacute", 0xE1},
                 {"agrave", 0xE0},  {"ccedil", 0xE7},  {"uuml", 0xFC},    {"ouml", 0xF6},
                 {"auml", 0xE4},    {"iacute", 0xED},  {"oacute", 0xF3},  {"uacute", 0xFA},
                 {"ntilde", 0xF1},  {"szlig", 0xDF},   {"zwj", 0x200D},   {"zwnj", 0x200C},
                 {"thinsp", 0x2009}, {"ensp", 0x2002}, {"emsp", 0x2003},  {"prime", 0x2032},
                 {"sect", 0xA7},    {"para", 0xB6},    {"frac12", 0xBD},  {"plusmn", 0xB1},
                 {NULL, 0}};
    size_t i = 1, j;
    *str_out = NULL;
    if (n < 3)
        return 0;
    if (s[1] == '#') {
        int hex = 0;
        int32_t v = 0;
        size_t digits = 0;
        i = 2;
        if (i < n && (s[i] == 'x' || s[i] == 'X')) {
            hex = 1;
            i++;
        }
        for (; i < n; i++) {
            int d;
            char c = s[i];
            if (c >= '0' && c <= '9')
                d = c - '0';
            else if (hex && c >= 'a' && c <= 'f')
                d = c - 'a' + 10;
            else if (hex && c >= 'A' && c <= 'F')
                d = c - 'A' + 10;
            else
                break;
            if (v <= 0x10FFFF) /* saturate: stays out of range, no overflow */
                v = v * (hex ? 16 : 10) + d;
            digits++;
        }
        if (!digits)
            return 0;
        if (i < n && s[i] == ';')
            i++;
        if (v >= 0x80 && v <= 0x9F) {
            /* HTML maps C1 references through Windows-1252 */
            static const int32_t c1[32] = {
                0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
                0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
                0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
                0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178};
            v = c1[v - 0x80];
        }
        if (v == 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
            v = 0xFFFD;
        *cp_out = v;
        return i;
    }
    for (j = 1; j < n && j < 12; j++) {
        char c = s[j];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')))
            break;
    }
    if (j >= n || s[j] != ';' || j == 1)
        return 0;
    for (i = 0; named[i].name; i++) {
        if (strlen(named[i].name) == j - 1 && memcmp(named[i].name, s + 1, j - 1) == 0) {
            *cp_out = named[i].cp;
            return j + 1;
        }
    }
    return 0;
}

/* Append text s[0..n) with whitespace collapsed and references decoded. */
static int S_text(S_state *st, const char *s, size_t n)
{
    size_t i = 0, run = 0;
    int rc;
    while (i < n) {
        char c = s[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
            if (i > run && (rc = S_emit(st, s + run, i - run)) != PC_OK)
                return rc;
            if (st->pre && c == '\n') {
                if ((rc = S_newline(st)) != PC_OK)
                    return rc;
            } else {
                st->pending_space = 1;
            }
            run = ++i;
        } else if (c == '&') {
            int32_t cp = 0;
            const char *str;
            size_t k = S_entity(s + i, n - i, &cp, &str);
            if (!k) {
                i++;
                continue;
            }
            if (i > run && (rc = S_emit(st, s + run, i - run)) != PC_OK)
                return rc;
            if ((rc = S_emit(st, "", 0)) != PC_OK) /* flush pending space */
                return rc;
            if ((rc = pc_buf_put_cp(st->mem, &st->res->text, cp)) != PC_OK)
                return rc;
            i += k;
            run = i;
        } else {
            i++;
        }
    }
    if (i > run)
        return S_emit(st, s + run, i - run);
    return PC_OK;
}

/* Find attribute `attr` in the tag body a[0..n); returns value via *v,*vn. */
static int S_attr(const char *a, size_t n, const char *attr, const char **v, size_t *vn)
{
    size_t i = 0, alen = strlen(attr);
    while (i < n) {
        size_t ns, ne;
        while (i < n && (a[i] == ' ' || a[i] == '\t' || a[i] == '\n' || a[i] == '\r' ||
                         a[i] == '/' || a[i] == '\f'))
            i++;
        ns = i;
        while (i < n && a[i] != '=' && a[i] != ' ' && a[i] != '\t' && a[i] != '\n' &&
               a[i] != '\r' && a[i] != '/' && a[i] != '>')
            i++;
        ne = i;
        if (ne == ns) {
            i++;
            continue;
        }
        while (i < n && (a[i] == ' ' || a[i] == '\t' || a[i] == '\n' || a[i] == '\r'))
            i++;
        if (i < n && a[i] == '=') {
            size_t vs, ve;
            i++;
            while (i < n && (a[i] == ' ' || a[i] == '\t' || a[i] == '\n' || a[i] == '\r'))
                i++;
            if (i < n && (a[i] == '"' || a[i] == '\'')) {
                char q = a[i++];
                vs = i;
                while (i < n && a[i] != q)
                    i++;
                ve = i;
                if (i < n)
                    i++;
            } else {
                vs = i;
                while (i < n && a[i] != ' ' && a[i] != '\t' && a[i] != '\n' && a[i] != '>')
                    i++;
                ve = i;
            }
            if (ne - ns == alen && S_ieq(a + ns, alen, attr)) {
                *v = a + vs;
                *vn = ve - vs;
                return 1;
            }
        } else if (ne - ns == alen && S_ieq(a + ns, alen, attr)) {
            *v = a + ne;
            *vn = 0;
            return 1;
        }
    }
    return 0;
}

static int S_contains_word(const char *v, size_t vn, const char *const *words)
{
    size_t i, j;
    for (; *words; words++) {
        size_t wl = strlen(*words);
        for (i = 0; i + wl <= vn; i++) {
            for (j = 0; j < wl; j++) {
                char c = v[i + j];
                if (c >= 'A' && c <= 'Z')
                    c = (char)(c + 32);
                if (c != (*words)[j])
                    break;
            }
            if (j == wl)
                return 1;
        }
    }
    return 0;
}

static int S_add_meta(S_state *st, int key, const char *v, size_t vn)
{
    pc_html_result *r = st->res;
    void *p = r->meta;
    size_t start = r->metabuf.len, i;
    int rc;

    /* decode references and collapse whitespace through a scratch state */
    S_state tmp;
    pc_html_result sub;
    memset(&sub, 0, sizeof sub);
    memset(&tmp, 0, sizeof tmp);
    tmp.mem = st->mem;
    tmp.res = &sub;
    rc = S_text(&tmp, v, vn);
    if (rc == PC_OK)
        rc = pc_buf_put(st->mem, &r->metabuf, sub.text.data ? sub.text.data : "", sub.text.len);
    pc_buf_free(st->mem, &sub.text);
    if (rc != PC_OK)
        return rc;
    for (i = 0; i < r->nmeta; i++) /* first value of a key wins */
        if (r->meta[i].key == key) {
            r->metabuf.len = start;
            return PC_OK;
        }
    if (r->metabuf.len == start)
        return PC_OK;
    rc = pc_grow(st->mem, &p, &r->mcap, r->nmeta + 1, sizeof(pc_meta_kv));
    if (rc != PC_OK)
        return rc;
    r->meta = (pc_meta_kv *)p;
    r->meta[r->nmeta].key = key;
    r->meta[r->nmeta].start = (uint32_t)start;
    r->meta[r->nmeta].end = (uint32_t)r->metabuf.len;
    r->nmeta++;
    return PC_OK;
}

static int S_meta_tag(S_state *st, const char *a, size_t n)
{
    const char *name, *content;
    size_t nn, cn;
    static const struct {
        const char *name;
        int key;
    } map[] = {{"og:title", PC_META_OG_TITLE},
               {"twitter:title", PC_META_OG_TITLE},
               {"author", PC_META_AUTHOR},
               {"article:author", PC_META_AUTHOR},
               {"byl", PC_META_AUTHOR},
               {"article:published_time", PC_META_PUBLISHED},
               {"datepublished", PC_META_PUBLISHED},
               {"pubdate", PC_META_PUBLISHED},
               {"publish-date", PC_META_PUBLISHED},
               {"date", PC_META_PUBLISHED},
               {"dc.date", PC_META_PUBLISHED},
               {"article:modified_time", PC_META_MODIFIED},
               {"datemodified", PC_META_MODIFIED},
               {"og:site_name", PC_META_SITE},
               {"application-name", PC_META_SITE},
               {"description", PC_META_DESCRIPTION},
               {"og:description", PC_META_DESCRIPTION},
               {NULL, 0}};
    int i;
    if (!S_attr(a, n, "content", &content, &cn))
        return PC_OK;
    if (!S_attr(a, n, "property", &name, &nn) && !S_attr(a, n, "name", &name, &nn) &&
        !S_attr(a, n, "itemprop", &name, &nn))
        return PC_OK;
    for (i = 0; map[i].name; i++)
        if (S_ieq(name, nn, map[i].name))
            return S_add_meta(st, map[i].key, content, cn);
    return PC_OK;
}

static int S_hint_for(S_state *st, const char *name, const char *attrs, size_t an)
{
    const char *v;
    size_t vn;
    if (strcmp(name, "h1") == 0)
        return PC_HINT_TITLE;
    if (name[0] == 'h' && name[1] >= '2' && name[1] <= '6' && name[2] == 0)
        return PC_HINT_HEADING;
    if (strcmp(name, "figcaption") == 0 || strcmp(name, "caption") == 0)
        return PC_HINT_CAPTION;
    if (S_in_list(name, S_chrome_tags))
        return PC_HINT_CHROME;
    if (strcmp(name, "header") == 0 && st->article == 0)
        return PC_HINT_CHROME; /* page header, not an article's own header */
    if ((strcmp(name, "div") == 0 || strcmp(name, "section") == 0 || strcmp(name, "ul") == 0 ||
         strcmp(name, "aside") == 0) &&
        ((S_attr(attrs, an, "class", &v, &vn) && S_contains_word(v, vn, S_chrome_words)) ||
         (S_attr(attrs, an, "id", &v, &vn) && S_contains_word(v, vn, S_chrome_words))))
        return PC_HINT_CHROME;
    return PC_HINT_NONE;
}

static int S_pop(S_state *st, int upto)
{
    int rc;
    while (st->depth > upto) {
        S_open *o = &st->stack[--st->depth];
        if (o->hint == PC_HINT_CHROME)
            st->chrome--;
        if (strcmp(o->name, "article") == 0 || strcmp(o->name, "main") == 0)
            st->article--;
        if (strcmp(o->name, "pre") == 0)
            st->pre--;
        if (o->hint != PC_HINT_NONE) {
            if ((rc = S_newline(st)) != PC_OK)
                return rc;
            rc = S_add_hint(st, o->open_pos, (uint32_t)st->res->text.len, o->hint);
            if (rc != PC_OK)
                return rc;
        }
    }
    return PC_OK;
}

static int S_open_tag(S_state *st, const char *name, int flags, const char *attrs, size_t an)
{
    int rc, hint;
    S_open *o;

    if (flags & S_T_BLOCK) {
        if ((rc = S_newline(st)) != PC_OK)
            return rc;
    }
    if (strcmp(name, "meta") == 0)
        return S_meta_tag(st, attrs, an);
    if (flags & S_T_VOID)
        return PC_OK;
    /* <p> and <li> close an open element of the same name (implied end tags) */
    if ((strcmp(name, "p") == 0 || strcmp(name, "li") == 0) && st->depth > 0 &&
        strcmp(st->stack[st->depth - 1].name, name) == 0) {
        if ((rc = S_pop(st, st->depth - 1)) != PC_OK)
            return rc;
    }
    if (st->depth >= PC_HTML_MAX_DEPTH) {
        st->untracked++;
        return PC_OK;
    }
    hint = S_hint_for(st, name, attrs, an);
    if (hint != PC_HINT_NONE && !(flags & S_T_BLOCK)) {
        if ((rc = S_newline(st)) != PC_OK)
            return rc;
    }
    o = &st->stack[st->depth++];
    memcpy(o->name, name, strlen(name) + 1);
    o->open_pos = (uint32_t)st->res->text.len;
    o->hint = hint;
    if (hint == PC_HINT_CHROME)
        st->chrome++;
    if (strcmp(name, "article") == 0 || strcmp(name, "main") == 0)
        st->article++;
    if (strcmp(name, "pre") == 0)
        st->pre++;
    return PC_OK;
}

static int S_close_tag(S_state *st, const char *name, int flags)
{
    int i, rc;
    if (flags & S_T_BLOCK) {
        if ((rc = S_newline(st)) != PC_OK)
            return rc;
    }
    if (st->untracked > 0) {
        st->untracked--;
        return PC_OK;
    }
    for (i = st->depth - 1; i >= 0; i--) {
        if (strcmp(st->stack[i].name, name) == 0)
            return S_pop(st, i);
    }
    return PC_OK; /* stray end tag: ignored, as browsers do */
}

/* Position of the case-insensitive end tag "</name" at or after i, or n. */
static size_t S_find_end_tag(const char *s, size_t n, size_t i, const char *name)
{
    size_t nl = strlen(name);
    for (; i + 2 + nl <= n; i++) {
        if (s[i] == '<' && s[i + 1] == '/' && S_ieq(s + i + 2, nl, name)) {
            char c = i + 2 + nl < n ? s[i + 2 + nl] : '>';
            if (c == '>' || c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '/')
                return i;
        }
    }
    return n;
}

int pc_html_sniff(const char *s, size_t n)
{
    static const char *const tags[] = {"html", "head", "body", "p", "div", "article", "span",
                                       "br", "meta", "title", "script", "a", "h1", "h2",
                                       "section", "!doctype", NULL};
    size_t i, lim = n < 4096 ? n : 4096;
    int hits = 0, t;
    for (i = 0; i + 1 < lim; i++) {
        const char *lt = (const char *)memchr(s + i, '<', lim - 1 - i);
        if (!lt)
            break;
        i = (size_t)(lt - s);
        for (t = 0; tags[t]; t++) {
            size_t tl = strlen(tags[t]), k = i + 1;
            if (k < lim && s[k] == '/')
                k++;
            if (k + tl < lim && S_ieq(s + k, tl, tags[t])) {
                char c = s[k + tl];
                if (c == '>' || c == ' ' || c == '/' || c == '\n' || c == '\t') {
                    hits++;
                    break;
                }
            }
        }
        if (hits >= 2)
            return 1;
    }
    return 0;
}

int pc_html_to_text(const pc_mem *mem, const char *s, size_t n, pc_html_result *res)
{
    S_state *st;
    size_t i = 0, text_start = 0;
    int rc = PC_OK;

    if (n > UINT32_MAX)
        return PC_ETOOBIG;
    st = (S_state *)mem->calloc(mem->ctx, 1, sizeof(S_state));
    if (!st)
        return PC_ENOMEM;
    st->mem = mem;
    st->res = res;
    if ((rc = pc_buf_reserve(mem, &res->text, n / 2)) != PC_OK)
        goto done;

    while (i < n) {
        size_t j, ns, ne, tag_end;
        int closing = 0, flags;
        char name[16];

        if (s[i] != '<') {
            i++;
            continue;
        }
        /* flush text before the tag */
        if (i > text_start && (rc = S_text(st, s + text_start, i - text_start)) != PC_OK)
            goto done;
        text_start = i;
        if (i + 3 < n && s[i + 1] == '!' && s[i + 2] == '-' && s[i + 3] == '-') {
            size_t k = i + 4;
            while (k + 2 < n && !(s[k] == '-' && s[k + 1] == '-' && s[k + 2] == '>'))
                k++;
            if (k + 2 >= n) {
                res->unterminated++;
                res->dropped_bytes += n - i;
                i = text_start = n;
                break;
            }
            res->dropped_bytes += k + 3 - i;
            i = text_start = k + 3;
            continue;
        }
        if (i + 1 < n && (s[i + 1] == '!' || s[i + 1] == '?')) {
            size_t k = i + 2;
            while (k < n && s[k] != '>')
                k++;
            res->dropped_bytes += (k < n ? k + 1 : n) - i;
            i = text_start = k < n ? k + 1 : n;
            continue;
        }
        j = i + 1;
        if (j < n && s[j] == '/') {
            closing = 1;
            j++;
        }
        if (j >= n || !((s[j] >= 'a' && s[j] <= 'z') || (s[j] >= 'A' && s[j] <= 'Z'))) {
            i++; /* a literal '<' */
            continue;
        }
        ns = j;
        while (j < n && s[j] != '>' && s[j] != ' ' && s[j] != '\t' && s[j] != '\n' &&
               s[j] != '\r' && s[j] != '/' && s[j] != '\f')
            j++;
        ne = j;
        /* end of tag: the first '>' outside quotes; if a quote never closes,
         * fall back to the first '>' at all so one stray quote cannot eat
         * the whole page */
        {
            size_t k = j, first_gt = n;
            char q = 0;
            for (; k < n; k++) {
                char c = s[k];
                if (c == '>' && first_gt == n)
                    first_gt = k;
                if (q) {
                    if (c == q)
                        q = 0;
                } else if (c == '"' || c == '\'') {
                    q = c;
                } else if (c == '>') {
                    break;
                }
            }
            tag_end = k < n ? k : first_gt;
        }
        {
            size_t L = ne - ns, c;
            if (L >= sizeof name)
                L = sizeof name - 1; /* unknown long names never match lists */
            for (c = 0; c < L; c++) {
                char ch = s[ns + c];
                name[c] = (ch >= 'A' && ch <= 'Z') ? (char)(ch + 32) : ch;
            }
            name[L] = 0;
        }
        flags = S_flags(name);
        if (closing) {
            rc = S_close_tag(st, name, flags);
        } else {
            rc = S_open_tag(st, name, flags, s + ne, (tag_end < n ? tag_end : n) - ne);
        }
        if (rc != PC_OK)
            goto done;
        i = text_start = tag_end < n ? tag_end + 1 : n;
        if (!closing && (flags & S_T_RAW)) {
            size_t end = S_find_end_tag(s, n, i, name);
            if (strcmp(name, "title") == 0) {
                rc = S_add_meta(st, PC_META_TITLE, s + i, end - i);
                if (rc != PC_OK)
                    goto done;
            }
            res->dropped_bytes += end - i;
            if (end == n)
                res->unterminated++;
            /* pop what the open tag pushed */
            if ((rc = S_close_tag(st, name, flags)) != PC_OK)
                goto done;
            if (end < n) {
                size_t k = end;
                while (k < n && s[k] != '>')
                    k++;
                i = k < n ? k + 1 : n;
            } else {
                i = n;
            }
            text_start = i;
        }
    }
    if (n > text_start && (rc = S_text(st, s + text_start, n - text_start)) != PC_OK)
        goto done;
    rc = S_pop(st, 0);
done:
    mem->free(mem->ctx, st);
    return rc;
}

void pc_html_result_free(const pc_mem *mem, pc_html_result *res)
{
    pc_buf_free(mem, &res->text);
    pc_buf_free(mem, &res->metabuf);
    if (res->hints)
        mem->free(mem->ctx, res->hints);
    if (res->meta)
        mem->free(mem->ctx, res->meta);
    memset(res, 0, sizeof *res);
}
