/*
 * pc_html.c - see pc_html.h.
 *
 * Three steps, each one forward pass:
 *   1. tokenize and build the tree (pc_dom.h) while collecting <head>
 *      metadata (pc_meta_tag, pc_meta_add);
 *   2. choose the main content (pc_main_select): a drop reason per node;
 *   3. write the text of every node in order, with hints for the lines the
 *      cleaner should remove and why.
 *
 * Linear time everywhere: the search for a quote that closes an attribute
 * value is cached (a tag with an unclosed quote does not rescan the rest of
 * the page for the next tag), raw-text and comment ends are found with one
 * forward scan that also consumes what it passed, and end tags search at
 * most PC_HTML_MAX_DEPTH open elements.
 */
#include "pc_html.h"

#include <string.h>

#include "pc_charref.h"
#include "pc_dom.h"
#include "pc_main.h"
#include "pc_meta.h"

/* ---- tags ---------------------------------------------------------------- */

#define B PC_T_BLOCK
#define V PC_T_VOID
#define R PC_T_RAW
#define C PC_T_CHROME
#define P PC_T_CLOSES_P
#define S PC_T_SCOPE
#define H PC_T_HEADING
#define L PC_T_LIST
#define F PC_T_FOREIGN
#define I PC_T_FORMAT
static const struct {
    const char *name;
    unsigned flags;
} S_tags[PC_TAG__COUNT] = {
    {"", 0},
    {"a", I}, {"address", B | P}, {"article", B | P}, {"aside", B | P | C}, {"audio", C},
    {"b", I}, {"base", V}, {"blockquote", B | P}, {"body", B}, {"br", V | B}, {"button", C},
    {"canvas", C}, {"caption", B | S}, {"center", B | P}, {"cite", 0}, {"code", I}, {"col", V},
    {"dd", B | P}, {"details", B | P}, {"dialog", B | P | C}, {"div", B | P}, {"dl", B | P | L},
    {"dt", B | P}, {"em", I}, {"embed", V}, {"fieldset", B | P}, {"figcaption", B | P},
    {"figure", B | P}, {"font", I}, {"footer", B | P | C}, {"form", B | P | C},
    {"h1", B | P | H}, {"h2", B | P | H}, {"h3", B | P | H}, {"h4", B | P | H},
    {"h5", B | P | H}, {"h6", B | P | H}, {"head", B}, {"header", B | P}, {"hgroup", B | P},
    {"hr", V | B | P}, {"html", B | S}, {"i", I}, {"iframe", R}, {"img", V}, {"input", V},
    {"label", 0}, {"legend", B}, {"li", B | P}, {"link", V}, {"main", B | P}, {"math", F},
    {"menu", B | P | L | C}, {"meta", V}, {"nav", B | P | C}, {"noembed", R}, {"noframes", R},
    {"noscript", R}, {"object", S}, {"ol", B | P | L}, {"optgroup", B}, {"option", B},
    {"p", B | P}, {"param", V}, {"plaintext", B | P}, {"pre", B | P}, {"q", 0}, {"rp", 0}, {"rt", 0}, {"s", I},
    {"script", R}, {"section", B | P}, {"select", B | C}, {"small", I}, {"source", V},
    {"span", 0}, {"strong", I}, {"style", R}, {"sub", 0}, {"summary", B | P}, {"sup", 0},
    {"svg", F | C}, {"table", B | P | S}, {"tbody", B}, {"td", B | S}, {"template", R | S},
    {"textarea", R | C}, {"tfoot", B}, {"th", B | S}, {"thead", B}, {"time", 0}, {"title", R},
    {"tr", B}, {"track", V}, {"u", I}, {"ul", B | P | L}, {"video", C}, {"wbr", V},
    {"xmp", R | B | P},
};
#undef B
#undef V
#undef R
#undef C
#undef P
#undef S
#undef H
#undef L
#undef F
#undef I

unsigned pc_dom_tag_flags(int tag)
{
    return tag > 0 && tag < PC_TAG__COUNT ? S_tags[tag].flags : 0u;
}

const char *pc_dom_tag_name(int tag)
{
    return tag > 0 && tag < PC_TAG__COUNT ? S_tags[tag].name : "";
}

int pc_dom_ieq(const char *s, size_t n, const char *lit)
{
    size_t i;
    for (i = 0; i < n; i++) {
        char c = s[i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c + 32);
        if (c != lit[i] || lit[i] == 0)
            return 0;
    }
    return lit[n] == 0;
}

const pc_dom_attr *pc_dom_attr_get(const pc_dom_attr *attrs, size_t nattrs, const char *name)
{
    size_t i;
    for (i = 0; i < nattrs; i++)
        if (pc_dom_ieq(attrs[i].name, attrs[i].nlen, name))
            return &attrs[i];
    return NULL;
}

void pc_dom_free(const pc_mem *mem, pc_dom *dom)
{
    if (dom->nodes)
        mem->free(mem->ctx, dom->nodes);
    pc_buf_free(mem, &dom->text);
    memset(dom, 0, sizeof *dom);
}

/* Tag id of a lower-case name (binary search of the sorted table). */
static int S_tag_id(const char *name)
{
    int lo = 1, hi = PC_TAG__COUNT - 1;
    while (lo <= hi) {
        int mid = (lo + hi) / 2, c = strcmp(S_tags[mid].name, name);
        if (c == 0)
            return mid;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid - 1;
    }
    return PC_TAG_UNKNOWN;
}

static int S_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static int S_alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* ---- class / id words ----------------------------------------------------- */

enum { S_SUB = 0, S_TOK = 1, S_PRE = 2, S_START = 3, S_EXACT = 4 };

/* Words in class and id values, lower case.  S_SUB: anywhere in a class name;
 * S_TOK: a whole token (tokens split at anything not a letter); S_PRE: the start
 * of a token; S_START: the start of the class name; S_EXACT: the whole name.
 * Class names starting with has-/no-/with- ("has-sidebar", "no-comments")
 * describe a wrapper, not a block, and mark nothing. */
static const struct {
    const char *w;
    int mode;
    uint32_t bits;
} S_words[] = {
    {"nav", S_PRE, PC_CLS_NAV},
    {"menu", S_SUB, PC_CLS_NAV},
    {"breadcrumb", S_SUB, PC_CLS_NAV},
    {"pagination", S_SUB, PC_CLS_NAV},
    {"pager", S_TOK, PC_CLS_NAV},
    {"skip", S_PRE, PC_CLS_NAV},
    {"toolbar", S_SUB, PC_CLS_NAV},
    {"masthead", S_SUB, PC_CLS_NAV},
    {"footer", S_SUB, PC_CLS_FOOTER},
    {"copyright", S_SUB, PC_CLS_FOOTER},
    {"colophon", S_SUB, PC_CLS_FOOTER},
    {"sidebar", S_SUB, PC_CLS_SIDE},
    {"widget", S_START, PC_CLS_SIDE}, /* not "elementor-widget": page builders wrap text */
    {"aside", S_TOK, PC_CLS_SIDE},
    {"share", S_SUB, PC_CLS_SHARE},
    {"sharing", S_SUB, PC_CLS_SHARE},
    {"social", S_SUB, PC_CLS_SHARE},
    {"sociable", S_SUB, PC_CLS_SHARE},
    {"addthis", S_SUB, PC_CLS_SHARE},
    {"related", S_SUB, PC_CLS_RELATED},
    {"recommend", S_SUB, PC_CLS_RELATED},
    {"readmore", S_SUB, PC_CLS_RELATED},
    {"popular", S_SUB, PC_CLS_RELATED},
    {"trending", S_SUB, PC_CLS_RELATED},
    {"outbrain", S_SUB, PC_CLS_RELATED},
    {"taboola", S_SUB, PC_CLS_RELATED},
    {"recirc", S_SUB, PC_CLS_RELATED},
    {"disclaimer", S_SUB, PC_CLS_CONSENT},
    {"disclosure", S_SUB, PC_CLS_CONSENT},
    {"donat", S_SUB, PC_CLS_CONSENT},
    {"cta", S_TOK, PC_CLS_AD},
    {"bio", S_TOK, PC_CLS_META},
    {"comment", S_SUB, PC_CLS_COMMENT},
    {"disqus", S_SUB, PC_CLS_COMMENT},
    {"respond", S_TOK, PC_CLS_COMMENT},
    {"replies", S_SUB, PC_CLS_COMMENT},
    {"ad", S_TOK, PC_CLS_AD},
    {"ads", S_TOK, PC_CLS_AD},
    {"advert", S_SUB, PC_CLS_AD},
    {"sponsor", S_SUB, PC_CLS_AD},
    {"promo", S_SUB, PC_CLS_AD},
    {"banner", S_SUB, PC_CLS_AD},
    {"adsense", S_SUB, PC_CLS_AD},
    {"cookie", S_SUB, PC_CLS_CONSENT},
    {"consent", S_SUB, PC_CLS_CONSENT},
    {"gdpr", S_SUB, PC_CLS_CONSENT},
    {"newsletter", S_SUB, PC_CLS_CONSENT},
    {"subscri", S_SUB, PC_CLS_CONSENT},
    {"signup", S_SUB, PC_CLS_CONSENT},
    {"paywall", S_SUB, PC_CLS_CONSENT},
    {"modal", S_SUB, PC_CLS_CONSENT},
    {"popup", S_SUB, PC_CLS_CONSENT},
    {"overlay", S_SUB, PC_CLS_CONSENT},
    {"login", S_SUB, PC_CLS_CONSENT},
    {"byline", S_SUB, PC_CLS_META | PC_CLS_AUTHOR},
    {"author", S_SUB, PC_CLS_META | PC_CLS_AUTHOR},
    {"meta", S_TOK, PC_CLS_META},
    {"postmeta", S_SUB, PC_CLS_META},
    {"entrymeta", S_SUB, PC_CLS_META},
    {"tags", S_TOK, PC_CLS_META},
    {"taglist", S_SUB, PC_CLS_META},
    {"tagcloud", S_SUB, PC_CLS_META},
    {"date", S_TOK, PC_CLS_META | PC_CLS_DATE},
    {"timestamp", S_SUB, PC_CLS_META | PC_CLS_DATE},
    {"dateline", S_SUB, PC_CLS_META | PC_CLS_DATE},
    {"posted", S_PRE, PC_CLS_META | PC_CLS_DATE},
    {"published", S_TOK, PC_CLS_META | PC_CLS_DATE},
    {"updated", S_TOK, PC_CLS_META | PC_CLS_DATE},
    {"datum", S_TOK, PC_CLS_META | PC_CLS_DATE},
    {"time", S_TOK, PC_CLS_META | PC_CLS_DATE},
    {"fecha", S_TOK, PC_CLS_META | PC_CLS_DATE},
    /* hiding classes by their whole name: "field--label-hidden" and
     * "overflow-hidden" hide nothing of the element's text */
    {"hidden", S_EXACT, PC_CLS_HIDDEN},
    {"hide", S_EXACT, PC_CLS_HIDDEN},
    {"is-hidden", S_EXACT, PC_CLS_HIDDEN},
    {"u-hidden", S_EXACT, PC_CLS_HIDDEN},
    {"visually-hidden", S_EXACT, PC_CLS_HIDDEN},
    {"visuallyhidden", S_EXACT, PC_CLS_HIDDEN},
    {"element-invisible", S_EXACT, PC_CLS_HIDDEN},
    {"invisible", S_EXACT, PC_CLS_HIDDEN},
    {"d-none", S_EXACT, PC_CLS_HIDDEN},
    {"sr-only", S_EXACT, PC_CLS_HIDDEN},
    {"screen-reader-text", S_EXACT, PC_CLS_HIDDEN},
    {"offscreen", S_EXACT, PC_CLS_HIDDEN},
    {"caption", S_SUB, PC_CLS_CAPTION},
    {"article", S_SUB, PC_CLS_POS},
    {"content", S_SUB, PC_CLS_POS},
    {"story", S_SUB, PC_CLS_POS},
    {"post", S_PRE, PC_CLS_POS},
    {"entry", S_SUB, PC_CLS_POS},
    {"hentry", S_TOK, PC_CLS_POS},
    {"main", S_PRE, PC_CLS_POS},
    {"text", S_PRE, PC_CLS_POS},
    {"body", S_TOK, PC_CLS_POS},
};

/* Strong article-body names, matched in a class name or id with '-' and '_'
 * removed ("article__body" -> "articlebody"). */
static const char *const S_body_words[] = {
    "articlebody", "articlecontent", "articletext", "articleinner", "entrycontent",
    "entrybody", "postcontent", "postbody", "posttext", "postentry", "storybody",
    "storycontent", "storytext", "bodytext", "contentbody", "textcontent", "newsbody",
    "newstext", "singlecontent", "blogpost", "blogcontent", NULL};

#define S_NWORDS (sizeof S_words / sizeof S_words[0])
#define S_MAX_PER_LETTER 16

/* The words of S_words and S_body_words by first letter, built once per
 * document (no global state): a class name is scanned once, and at each
 * position only the few words starting with that letter are compared. */
typedef struct {
    uint8_t words[26][S_MAX_PER_LETTER], nwords[26];
    uint8_t lens[S_NWORDS];
    uint8_t body[26][S_MAX_PER_LETTER], nbody[26];
    uint8_t body_lens[32];
    uint8_t bigram[26][27]; /* some word starts with these two letters (26: not a letter) */
    uint64_t cache_key[256];
    size_t cache_len[256]; /* value length + 1 (0: empty slot) */
    uint32_t cache_bits[256];
} S_index;

static void S_index_init(S_index *x)
{
    size_t k;
    memset(x, 0, sizeof *x);
    for (k = 0; k < S_NWORDS; k++) {
        int c = S_words[k].w[0] - 'a', c2 = S_words[k].w[1] - 'a';
        x->lens[k] = (uint8_t)strlen(S_words[k].w);
        if (c2 < 0 || c2 >= 26)
            c2 = 26;
        if (c >= 0 && c < 26)
            x->bigram[c][c2] = 1;
        if (c >= 0 && c < 26 && x->nwords[c] < S_MAX_PER_LETTER)
            x->words[c][x->nwords[c]++] = (uint8_t)k;
    }
    for (k = 0; S_body_words[k] && k < 32; k++) {
        int c = S_body_words[k][0] - 'a';
        x->body_lens[k] = (uint8_t)strlen(S_body_words[k]);
        if (c >= 0 && c < 26 && x->nbody[c] < S_MAX_PER_LETTER)
            x->body[c][x->nbody[c]++] = (uint8_t)k;
    }
}

/* Classify one class name or id (already lower case, no white space). */
static uint32_t S_classify_name(const S_index *x, const char *s, size_t n)
{
    uint32_t bits = 0;
    size_t i, k;
    char stripped[96];
    size_t sn = 0;
    int wrapper = (n > 4 && memcmp(s, "has-", 4) == 0) || (n > 3 && memcmp(s, "no-", 3) == 0) ||
                  (n > 5 && memcmp(s, "with-", 5) == 0);

    for (i = 0; i < n; i++) {
        int c = s[i] - 'a', c2 = i + 1 < n ? s[i + 1] - 'a' : 26, tok_start;
        if (s[i] != '-' && s[i] != '_' && sn < sizeof stripped)
            stripped[sn++] = s[i];
        if (c2 < 0 || c2 >= 26)
            c2 = 26;
        /* one table lookup rejects almost every position */
        if (c < 0 || c >= 26 || !x->bigram[c][c2])
            continue;
        tok_start = i == 0 || !S_alpha(s[i - 1]);
        for (k = 0; k < x->nwords[c]; k++) {
            size_t w = x->words[c][k], wl = x->lens[w];
            if ((bits & S_words[w].bits) == S_words[w].bits)
                continue;
            if (S_words[w].mode != S_SUB && !tok_start)
                continue;
            if ((S_words[w].mode == S_START || S_words[w].mode == S_EXACT) && i != 0)
                continue;
            if (S_words[w].mode == S_EXACT && wl != n)
                continue;
            if (i + wl > n || s[i + 1] != S_words[w].w[1] || memcmp(s + i, S_words[w].w, wl) != 0)
                continue;
            if (S_words[w].mode == S_TOK && i + wl < n && S_alpha(s[i + wl]))
                continue;
            bits |= S_words[w].bits;
        }
    }
    for (i = 0; i < sn && !(bits & PC_CLS_BODY); i++) {
        int c = stripped[i] - 'a';
        if (c < 0 || c >= 26)
            continue;
        for (k = 0; k < x->nbody[c]; k++) {
            size_t w = x->body[c][k], wl = x->body_lens[w];
            if (i + wl <= sn && stripped[i + 1] == S_body_words[w][1] &&
                memcmp(stripped + i, S_body_words[w], wl) == 0) {
                bits |= PC_CLS_BODY;
                break;
            }
        }
    }
    if (wrapper)
        bits &= ~(uint32_t)PC_CLS_NEG;
    return bits;
}

/* Classify a space-separated attribute value (class) or a single one (id).
 * Pages repeat the same values (every menu item, every teaser): a small
 * direct-mapped cache by hash and length answers the repeats. */
static uint32_t S_classify_value(S_index *x, const char *v, size_t vn, int single)
{
    uint32_t bits = 0;
    size_t i = 0;
    uint64_t h = 1469598103934665603ULL;
    size_t slot;
    for (i = 0; i < vn; i++)
        h = (h ^ (uint8_t)v[i]) * 1099511628211ULL;
    h ^= (uint64_t)single;
    slot = (size_t)(h >> 56);
    if (x->cache_key[slot] == h && x->cache_len[slot] == vn + 1)
        return x->cache_bits[slot];
    i = 0;
    while (i < vn) {
        char name[96];
        size_t n = 0;
        while (i < vn && S_space(v[i]))
            i++;
        while (i < vn && (single || !S_space(v[i]))) {
            char c = v[i++];
            if (n < sizeof name)
                name[n++] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
        }
        if (n)
            bits |= S_classify_name(x, name, n);
    }
    x->cache_key[slot] = h;
    x->cache_len[slot] = vn + 1;
    x->cache_bits[slot] = bits;
    return bits;
}

/* Does the (undecoded) style value hide the element? */
static int S_style_hidden(const char *v, size_t vn)
{
    char buf[24];
    size_t i, k = 0;
    for (i = 0; i < vn; i++) {
        char c = v[i];
        if (S_space(c))
            continue;
        if (c >= 'A' && c <= 'Z')
            c = (char)(c + 32);
        if (k == sizeof buf) {
            memmove(buf, buf + 1, sizeof buf - 1);
            k--;
        }
        buf[k++] = c;
        if ((k >= 12 && memcmp(buf + k - 12, "display:none", 12) == 0) ||
            (k >= 17 && memcmp(buf + k - 17, "visibility:hidden", 17) == 0))
            return 1;
    }
    return 0;
}

/* Does an itemtype URL name an article (schema.org Article, NewsArticle,
 * BlogPosting, ReportageNewsArticle ...; not WebPage or ItemList)? */
static int S_article_type(const char *v, size_t vn)
{
    size_t i = vn, k;
    static const char *const types[] = {"article", "blogposting", "posting", NULL};
    while (i > 0 && v[i - 1] != '/' && v[i - 1] != '#' && v[i - 1] != ' ')
        i--;
    for (k = 0; types[k]; k++) {
        size_t tl = strlen(types[k]);
        if (vn - i >= tl && pc_dom_ieq(v + vn - tl, tl, types[k]))
            return 1;
    }
    return 0;
}

static uint32_t S_classify(S_index *ix, int tag, const pc_dom_attr *a, size_t na)
{
    uint32_t bits = 0;
    const pc_dom_attr *x;
    size_t i;
    for (i = 0; i < na; i++) {
        const char *nm = a[i].name;
        size_t nl = a[i].nlen;
        if (pc_dom_ieq(nm, nl, "class"))
            bits |= S_classify_value(ix, a[i].val, a[i].vlen, 0);
        else if (pc_dom_ieq(nm, nl, "id"))
            bits |= S_classify_value(ix, a[i].val, a[i].vlen, 1);
        else if (pc_dom_ieq(nm, nl, "hidden"))
            bits |= PC_CLS_HIDDEN;
        else if (pc_dom_ieq(nm, nl, "style") && S_style_hidden(a[i].val, a[i].vlen))
            bits |= PC_CLS_HIDDEN;
    }
    if ((x = pc_dom_attr_get(a, na, "aria-hidden")) && pc_dom_ieq(x->val, x->vlen, "true") &&
        tag != PC_TAG_BODY && tag != PC_TAG_HTML)
        bits |= PC_CLS_HIDDEN;
    if ((x = pc_dom_attr_get(a, na, "itemprop"))) {
        if (pc_dom_ieq(x->val, x->vlen, "articlebody") || pc_dom_ieq(x->val, x->vlen, "text"))
            bits |= PC_CLS_BODY;
        else if (pc_dom_ieq(x->val, x->vlen, "author") || pc_dom_ieq(x->val, x->vlen, "creator"))
            bits |= PC_CLS_META | PC_CLS_AUTHOR;
        else if (pc_dom_ieq(x->val, x->vlen, "datepublished") ||
                 pc_dom_ieq(x->val, x->vlen, "datemodified") ||
                 pc_dom_ieq(x->val, x->vlen, "datecreated"))
            bits |= PC_CLS_META | PC_CLS_DATE;
    }
    if ((x = pc_dom_attr_get(a, na, "rel")) && pc_dom_ieq(x->val, x->vlen, "author"))
        bits |= PC_CLS_META | PC_CLS_AUTHOR;
    if ((x = pc_dom_attr_get(a, na, "role"))) {
        const char *v = x->val;
        size_t vn = x->vlen;
        if (pc_dom_ieq(v, vn, "navigation") || pc_dom_ieq(v, vn, "menu") ||
            pc_dom_ieq(v, vn, "menubar") || pc_dom_ieq(v, vn, "banner") ||
            pc_dom_ieq(v, vn, "search"))
            bits |= PC_CLS_NAV;
        else if (pc_dom_ieq(v, vn, "contentinfo"))
            bits |= PC_CLS_FOOTER;
        else if (pc_dom_ieq(v, vn, "complementary"))
            bits |= PC_CLS_SIDE;
        else if (pc_dom_ieq(v, vn, "dialog") || pc_dom_ieq(v, vn, "alertdialog"))
            bits |= PC_CLS_CONSENT;
        else if (pc_dom_ieq(v, vn, "main"))
            bits |= PC_CLS_MAINROLE | PC_CLS_POS;
        else if (pc_dom_ieq(v, vn, "article"))
            bits |= PC_CLS_POS;
    }
    if (tag == PC_TAG_MAIN)
        bits |= PC_CLS_MAINROLE;
    if ((x = pc_dom_attr_get(a, na, "itemtype")) && S_article_type(x->val, x->vlen))
        bits |= PC_CLS_ARTICLE;
    if (bits & PC_CLS_BODY)
        bits &= ~(uint32_t)(PC_CLS_NEG & ~PC_CLS_HIDDEN);
    /* the elements that say "this is the page" or "this is the article" are
     * not furniture whatever their classes say ("enable-pin-share") */
    if (tag == PC_TAG_HTML || tag == PC_TAG_BODY || tag == PC_TAG_ARTICLE || tag == PC_TAG_MAIN ||
        (pc_dom_tag_flags(tag) & PC_T_HEADING)) /* <h3 id="nav_part_two"> is a heading */
        bits &= ~(uint32_t)(PC_CLS_NEG & ~PC_CLS_HIDDEN);
    if (tag == PC_TAG_HTML || tag == PC_TAG_BODY)
        bits &= ~(uint32_t)PC_CLS_HIDDEN;
    return bits;
}

/* ---- builder -------------------------------------------------------------- */

typedef struct {
    uint32_t node;  /* index in dom->nodes */
    uint32_t blk;   /* nearest block element (itself if a block) */
    uint32_t hash;  /* name hash, for unknown tags */
    uint16_t tag;
    uint16_t in_a;  /* open <a> elements up to here */
} S_open;

typedef struct {
    const pc_mem *mem;
    pc_html_result *res;
    pc_dom *dom;
    const char *src;
    size_t n;
    S_open stack[PC_HTML_MAX_DEPTH];
    int depth;       /* tracked open elements */
    size_t untracked; /* elements opened beyond PC_HTML_MAX_DEPTH */
    int pre;         /* open <pre> elements */
    int foreign;     /* open svg/math elements */
    int open_p;      /* open <p> elements */
    int have_html, have_head, have_body;
    size_t next_q[2]; /* cached position of the next '"' and '\'' (n: none) */
    pc_dom_attr attrs[PC_DOM_MAX_ATTRS];
    size_t nattrs;
    S_index index;
} S_state;

static uint32_t S_hash(const char *s, size_t n)
{
    uint32_t h = 2166136261u;
    size_t i;
    for (i = 0; i < n; i++) {
        char c = s[i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c + 32);
        h = (h ^ (uint8_t)c) * 16777619u;
    }
    return h;
}

static int S_new_node(S_state *st, int kind, uint32_t *out)
{
    pc_dom *d = st->dom;
    void *p = d->nodes;
    int rc;
    if (d->n >= UINT32_MAX - 1)
        return PC_ETOOBIG;
    if ((rc = pc_grow(st->mem, &p, &d->cap, d->n + 1, sizeof(pc_dom_node))) != PC_OK)
        return rc;
    d->nodes = (pc_dom_node *)p;
    memset(&d->nodes[d->n], 0, sizeof(pc_dom_node));
    d->nodes[d->n].kind = (uint8_t)kind;
    d->nodes[d->n].parent = st->depth ? st->stack[st->depth - 1].node : 0;
    d->nodes[d->n].end = (uint32_t)d->n + 1;
    *out = (uint32_t)d->n++;
    return PC_OK;
}

static uint32_t S_cur_blk(const S_state *st)
{
    return st->depth ? st->stack[st->depth - 1].blk : 0;
}

/* Append decoded, white-space-collapsed text s[0..n) as a text node.  `raw`:
 * no character references (plaintext). */
static int S_text(S_state *st, const char *s, size_t n, int raw)
{
    pc_dom *d = st->dom;
    pc_buf *t = &d->text;
    size_t i = 0, run = 0, start = t->len, k;
    unsigned punct = 0;
    int rc, space = 0;
    uint32_t blk, idx;
    pc_dom_node *last;

    if (n == 0)
        return PC_OK;
    if ((rc = pc_buf_reserve(st->mem, t, n + 1)) != PC_OK)
        return rc;
    while (i < n) {
        char c = s[i];
        if (S_space(c)) {
            if (st->pre && c == '\n') {
                if (i > run && (rc = pc_buf_put(st->mem, t, s + run, i - run)) != PC_OK)
                    return rc;
                if ((rc = pc_buf_putc(st->mem, t, '\n')) != PC_OK)
                    return rc;
                space = 0;
                run = ++i;
                continue;
            }
            if (i > run && (rc = pc_buf_put(st->mem, t, s + run, i - run)) != PC_OK)
                return rc;
            while (i < n && S_space(s[i]) && !(st->pre && s[i] == '\n'))
                i++;
            if (!(t->len > start && (t->data[t->len - 1] == ' ' || t->data[t->len - 1] == '\n')) &&
                (rc = pc_buf_putc(st->mem, t, ' ')) != PC_OK)
                return rc;
            space = 1;
            run = i;
            continue;
        }
        if (c == '&' && !raw) {
            uint32_t cp[2];
            int ncp;
            size_t used = pc_charref_decode(s + i, n - i, 0, cp, &ncp);
            if (used) {
                if (i > run && (rc = pc_buf_put(st->mem, t, s + run, i - run)) != PC_OK)
                    return rc;
                for (k = 0; k < (size_t)ncp; k++)
                    if ((rc = pc_buf_put_cp(st->mem, t, (int32_t)cp[k])) != PC_OK)
                        return rc;
                i += used;
                run = i;
                space = 0;
                continue;
            }
        } else if (c == '.' || c == ',' || c == '!' || c == '?' || c == ';' || c == ':') {
            punct++;
        }
        space = 0;
        i++;
    }
    (void)space;
    if (i > run && (rc = pc_buf_put(st->mem, t, s + run, i - run)) != PC_OK)
        return rc;
    if (t->len == start)
        return PC_OK;
    /* the text belongs to the nearest block; link text counts separately */
    blk = S_cur_blk(st);
    if (blk < d->n) {
        pc_dom_node *b = &d->nodes[blk];
        size_t len = t->len - start;
        if (!(len == 1 && t->data[start] == ' ')) {
            b->own_txt = (uint32_t)(b->own_txt + len > UINT32_MAX ? UINT32_MAX : b->own_txt + len);
            if (st->depth && st->stack[st->depth - 1].in_a)
                b->own_lnk =
                    (uint32_t)(b->own_lnk + len > UINT32_MAX ? UINT32_MAX : b->own_lnk + len);
            b->own_punct = (uint16_t)(b->own_punct + punct > 0xFFFF ? 0xFFFF : b->own_punct + punct);
        }
    }
    /* merge with the previous text node when it is the last node, has the
     * same parent and its text ends where this one starts */
    last = d->n ? &d->nodes[d->n - 1] : NULL;
    if (last && last->kind == PC_DN_TEXT &&
        last->parent == (st->depth ? st->stack[st->depth - 1].node : 0) &&
        last->tstart + last->tlen == start) {
        last->tlen += (uint32_t)(t->len - start);
        return PC_OK;
    }
    if ((rc = S_new_node(st, PC_DN_TEXT, &idx)) != PC_OK)
        return rc;
    d->nodes[idx].tstart = (uint32_t)start;
    d->nodes[idx].tlen = (uint32_t)(t->len - start);
    return PC_OK;
}

static int S_break(S_state *st)
{
    pc_dom *d = st->dom;
    uint32_t idx, parent = st->depth ? st->stack[st->depth - 1].node : 0;
    if (d->n && d->nodes[d->n - 1].kind == PC_DN_BREAK && d->nodes[d->n - 1].parent == parent)
        return PC_OK;
    return S_new_node(st, PC_DN_BREAK, &idx);
}

/* Pop open elements down to `upto` (exclusive). */
static void S_pop(S_state *st, int upto)
{
    pc_dom *d = st->dom;
    while (st->depth > upto) {
        S_open *o = &st->stack[--st->depth];
        pc_dom_node *e = &d->nodes[o->node];
        unsigned fl = pc_dom_tag_flags(o->tag);
        if (o->tag == PC_TAG_PRE)
            st->pre--;
        else if (o->tag == PC_TAG_P)
            st->open_p--;
        if (fl & PC_T_FOREIGN)
            st->foreign--;
        e->end = (uint32_t)d->n;
        if ((size_t)o->node + 1 == d->n && o->node > 0) {
            /* empty: an inline element disappears, a block becomes a break */
            if (!(fl & PC_T_BLOCK) && o->tag != PC_TAG_TIME) {
                d->n--;
            } else if (fl & PC_T_BLOCK) {
                uint32_t parent = e->parent;
                if (o->node > 0 && d->nodes[o->node - 1].kind == PC_DN_BREAK &&
                    d->nodes[o->node - 1].parent == parent) {
                    d->n--;
                } else {
                    memset(e, 0, sizeof *e);
                    e->kind = PC_DN_BREAK;
                    e->parent = parent;
                    e->end = o->node + 1;
                }
            }
        }
    }
}

/* Index in the stack of the innermost open `tag` that is not behind a scope
 * boundary (`stop`: extra boundary flags), or -1. */
static int S_in_scope(const S_state *st, int tag, unsigned stop)
{
    int i;
    for (i = st->depth - 1; i >= 0; i--) {
        int t = st->stack[i].tag;
        if (t == tag)
            return i;
        if (pc_dom_tag_flags(t) & (PC_T_SCOPE | stop))
            return -1;
    }
    return -1;
}

static void S_close_p(S_state *st)
{
    int at;
    if (st->open_p <= 0)
        return;
    if ((at = S_in_scope(st, PC_TAG_P, 0)) >= 0)
        S_pop(st, at);
}

/* Implied end tags of a start tag (the parts of the HTML5 rules that change
 * which element text lands in). */
static void S_implied_ends(S_state *st, int tag, unsigned fl)
{
    int at, i;
    if (fl & PC_T_CLOSES_P)
        S_close_p(st);
    switch (tag) {
    case PC_TAG_LI:
        for (i = st->depth - 1; i >= 0; i--) {
            int t = st->stack[i].tag;
            if (t == PC_TAG_LI) {
                S_pop(st, i);
                break;
            }
            if (pc_dom_tag_flags(t) & (PC_T_LIST | PC_T_SCOPE))
                break;
        }
        break;
    case PC_TAG_DD:
    case PC_TAG_DT:
        for (i = st->depth - 1; i >= 0; i--) {
            int t = st->stack[i].tag;
            if (t == PC_TAG_DD || t == PC_TAG_DT) {
                S_pop(st, i);
                break;
            }
            if (pc_dom_tag_flags(t) & (PC_T_LIST | PC_T_SCOPE))
                break;
        }
        break;
    case PC_TAG_TD:
    case PC_TAG_TH:
        for (i = st->depth - 1; i >= 0; i--) {
            int t = st->stack[i].tag;
            if (t == PC_TAG_TD || t == PC_TAG_TH) {
                S_pop(st, i);
                break;
            }
            if (t == PC_TAG_TR || t == PC_TAG_TABLE)
                break;
        }
        break;
    case PC_TAG_TR:
        for (i = st->depth - 1; i >= 0; i--) {
            int t = st->stack[i].tag;
            if (t == PC_TAG_TR) {
                S_pop(st, i);
                break;
            }
            if (t == PC_TAG_TABLE)
                break;
        }
        break;
    case PC_TAG_TBODY:
    case PC_TAG_THEAD:
    case PC_TAG_TFOOT:
        for (i = st->depth - 1; i >= 0; i--) {
            int t = st->stack[i].tag;
            if (t == PC_TAG_TBODY || t == PC_TAG_THEAD || t == PC_TAG_TFOOT) {
                S_pop(st, i);
                break;
            }
            if (t == PC_TAG_TABLE)
                break;
        }
        break;
    case PC_TAG_OPTION:
    case PC_TAG_OPTGROUP:
        if (st->depth && st->stack[st->depth - 1].tag == PC_TAG_OPTION)
            S_pop(st, st->depth - 1);
        if (tag == PC_TAG_OPTGROUP && st->depth &&
            st->stack[st->depth - 1].tag == PC_TAG_OPTGROUP)
            S_pop(st, st->depth - 1);
        break;
    case PC_TAG_A:
        if ((at = S_in_scope(st, PC_TAG_A, 0)) >= 0)
            S_pop(st, at);
        break;
    case PC_TAG_BUTTON:
        if ((at = S_in_scope(st, PC_TAG_BUTTON, 0)) >= 0)
            S_pop(st, at);
        break;
    default:
        if ((fl & PC_T_HEADING) && st->depth &&
            (pc_dom_tag_flags(st->stack[st->depth - 1].tag) & PC_T_HEADING))
            S_pop(st, st->depth - 1);
        break;
    }
}

static int S_push(S_state *st, int tag, uint32_t hash, uint32_t cls, size_t tag_start)
{
    uint32_t idx;
    S_open *o;
    unsigned fl = pc_dom_tag_flags(tag);
    int rc;
    if (st->depth >= PC_HTML_MAX_DEPTH) {
        st->untracked++;
        return PC_OK;
    }
    if ((rc = S_new_node(st, PC_DN_ELEM, &idx)) != PC_OK)
        return rc;
    st->dom->nodes[idx].tag = (uint16_t)tag;
    st->dom->nodes[idx].cls = cls;
    st->dom->nodes[idx].tstart = (uint32_t)tag_start;
    o = &st->stack[st->depth];
    o->node = idx;
    o->tag = (uint16_t)tag;
    o->hash = hash;
    o->blk = (fl & PC_T_BLOCK) ? idx : S_cur_blk(st);
    o->in_a = (uint16_t)((st->depth ? st->stack[st->depth - 1].in_a : 0) + (tag == PC_TAG_A));
    st->depth++;
    if (tag == PC_TAG_PRE)
        st->pre++;
    else if (tag == PC_TAG_P)
        st->open_p++;
    if (fl & PC_T_FOREIGN)
        st->foreign++;
    return PC_OK;
}

/* An end tag: pop to the matching open element.  Formatting elements and
 * blocks close what is open inside them; other inline and unknown elements
 * (span, custom elements) never close a block ("any other end tag"). */
static void S_end_tag(S_state *st, int tag, uint32_t hash)
{
    int i;
    unsigned fl = pc_dom_tag_flags(tag);
    if (st->untracked > 0) {
        st->untracked--;
        return;
    }
    if (tag == PC_TAG_HTML || tag == PC_TAG_BODY)
        return; /* content after </body> still belongs to the body */
    for (i = st->depth - 1; i >= 0; i--) {
        const S_open *o = &st->stack[i];
        unsigned ofl;
        if (o->tag == tag && (tag != PC_TAG_UNKNOWN || o->hash == hash)) {
            S_pop(st, i);
            return;
        }
        ofl = pc_dom_tag_flags(o->tag);
        if (ofl & PC_T_SCOPE)
            return;
        if (!(fl & (PC_T_BLOCK | PC_T_FORMAT)) && (ofl & PC_T_BLOCK))
            return;
        if (tag == PC_TAG_LI && (ofl & PC_T_LIST))
            return;
    }
}

/* Scan the attributes of a start tag from s[i] (after the name) to the '>'
 * that ends it; fills st->attrs.  Returns the position of that '>' or n.
 * *self_closing: the tag ended with "/>". */
static size_t S_attrs(S_state *st, size_t i, int *self_closing)
{
    const char *s = st->src;
    size_t n = st->n;
    st->nattrs = 0;
    *self_closing = 0;
    while (i < n) {
        size_t ns, ne, vs = 0, ve = 0;
        int has_val = 0;
        while (i < n && (S_space(s[i]) || s[i] == '/')) {
            if (s[i] == '/' && i + 1 < n && s[i + 1] == '>')
                *self_closing = 1;
            i++;
        }
        if (i >= n || s[i] == '>')
            return i;
        ns = i++; /* a leading '=' belongs to the name */
        while (i < n && !S_space(s[i]) && s[i] != '/' && s[i] != '>' && s[i] != '=')
            i++;
        ne = i;
        while (i < n && S_space(s[i]))
            i++;
        if (i < n && s[i] == '=') {
            i++;
            while (i < n && S_space(s[i]))
                i++;
            has_val = 1;
            if (i < n && (s[i] == '"' || s[i] == '\'')) {
                int q = s[i] == '"' ? 0 : 1;
                size_t close;
                vs = ++i;
                if (st->next_q[q] < vs) {
                    const char *hit = (const char *)memchr(s + vs, q ? '\'' : '"', n - vs);
                    st->next_q[q] = hit ? (size_t)(hit - s) : n;
                }
                close = st->next_q[q];
                if (close >= n) {
                    /* the quote never closes: the value ends at the first '>',
                     * so one stray quote cannot swallow the rest of the page */
                    const char *gt = (const char *)memchr(s + vs, '>', n - vs);
                    ve = gt ? (size_t)(gt - s) : n;
                    i = ve;
                } else {
                    ve = close;
                    i = close + 1;
                }
            } else {
                vs = i;
                while (i < n && !S_space(s[i]) && s[i] != '>')
                    i++;
                ve = i;
            }
        }
        if (st->nattrs < PC_DOM_MAX_ATTRS) {
            pc_dom_attr *a = &st->attrs[st->nattrs++];
            a->name = s + ns;
            a->nlen = ne - ns;
            a->val = has_val ? s + vs : s + ne;
            a->vlen = has_val ? ve - vs : 0;
        }
    }
    return n;
}

/* Position of the case-insensitive end tag "</name" followed by white space,
 * '/' or '>' at or after i, or n. */
static size_t S_find_end_tag(const char *s, size_t n, size_t i, const char *name)
{
    size_t nl = strlen(name);
    while (i + 2 + nl <= n) {
        const char *lt = (const char *)memchr(s + i, '<', n - i);
        if (!lt)
            return n;
        i = (size_t)(lt - s);
        if (i + 2 + nl <= n && s[i + 1] == '/' && pc_dom_ieq(s + i + 2, nl, name)) {
            char c = i + 2 + nl < n ? s[i + 2 + nl] : '>';
            if (c == '>' || c == '/' || S_space(c))
                return i;
        }
        i++;
    }
    return n;
}

/* The end of a ruby annotation (<rt>, <rp>) whose content starts at s[i]:
 * after its end tag, or at the next <rt>, <rp> or </ruby> (the end tags are
 * optional).  The readings over CJK text are not the text. */
static size_t S_ruby_end(const char *s, size_t n, size_t i)
{
    while (i < n) {
        const char *lt = (const char *)memchr(s + i, '<', n - i);
        size_t k, nl;
        int end;
        if (!lt)
            return n;
        i = (size_t)(lt - s);
        end = i + 1 < n && s[i + 1] == '/';
        k = i + 1 + (size_t)end;
        nl = k + 2 <= n && (pc_dom_ieq(s + k, 2, "rt") || pc_dom_ieq(s + k, 2, "rp")) ? 2
             : end && k + 4 <= n && pc_dom_ieq(s + k, 4, "ruby")                 ? 4
                                                                                  : 0;
        if (nl && (k + nl == n || s[k + nl] == '>' || s[k + nl] == '/' || S_space(s[k + nl]))) {
            const char *close;
            if (!end || nl == 4)
                return i;
            close = (const char *)memchr(s + k, '>', n - k);
            return close ? (size_t)(close - s) + 1 : n;
        }
        i++;
    }
    return n;
}

/* A comment from s[i] == '<' ("<!--"): returns the position after it. */
static size_t S_comment(S_state *st, size_t i)
{
    const char *s = st->src;
    size_t n = st->n, k = i + 4;
    /* "<!-->" and "<!--->" are complete (empty) comments */
    if (k < n && s[k] == '>')
        return k + 1;
    if (k + 1 < n && s[k] == '-' && s[k + 1] == '>')
        return k + 2;
    while (k + 2 < n) {
        const char *dash = (const char *)memchr(s + k, '-', n - k);
        if (!dash)
            break;
        k = (size_t)(dash - s);
        if (k + 2 < n && s[k + 1] == '-' && s[k + 2] == '>')
            return k + 3;
        if (k + 3 < n && s[k + 1] == '-' && s[k + 2] == '!' && s[k + 3] == '>')
            return k + 4;
        k++;
    }
    st->res->unterminated++;
    return n;
}

static int S_raw_content(S_state *st, int tag, size_t i, size_t end, const pc_dom_attr *type)
{
    if (tag == PC_TAG_TITLE && !st->foreign)
        return pc_meta_add(st->mem, st->res, PC_META_TITLE, st->src + i, end - i, PC_META_TEXT);
    if (tag == PC_TAG_SCRIPT && type && pc_dom_ieq(type->val, type->vlen, "application/ld+json"))
        return pc_meta_add(st->mem, st->res, PC_META_JSONLD, st->src + i, end - i, PC_META_RAW);
    return PC_OK;
}

static int S_start_tag(S_state *st, size_t lt, size_t *pos)
{
    const char *s = st->src;
    size_t n = st->n, j = lt + 1, ns, ne, gt;
    char name[16];
    int tag, self_closing, rc;
    unsigned fl;
    uint32_t hash, cls;

    ns = j;
    while (j < n && s[j] != '>' && s[j] != '/' && !S_space(s[j]))
        j++;
    ne = j;
    {
        size_t len = ne - ns, c;
        if (len >= sizeof name)
            len = 0; /* unknown long names never match the table */
        for (c = 0; c < len; c++) {
            char ch = s[ns + c];
            name[c] = (ch >= 'A' && ch <= 'Z') ? (char)(ch + 32) : ch;
        }
        name[len] = 0;
        tag = len ? S_tag_id(name) : PC_TAG_UNKNOWN;
    }
    hash = tag == PC_TAG_UNKNOWN ? S_hash(s + ns, ne - ns) : 0;
    gt = S_attrs(st, ne, &self_closing);
    *pos = gt < n ? gt + 1 : n;
    fl = pc_dom_tag_flags(tag);
    if (st->foreign && tag == PC_TAG_TITLE)
        fl = 0; /* an SVG <title> is an ordinary element */

    cls = (fl & (PC_T_VOID | PC_T_RAW)) ? 0 : S_classify(&st->index, tag, st->attrs, st->nattrs);
    if (st->nattrs &&
        (rc = pc_meta_tag(st->mem, st->res, tag, cls, st->attrs, st->nattrs)) != PC_OK)
        return rc;
    if (tag == PC_TAG_HTML || tag == PC_TAG_HEAD || tag == PC_TAG_BODY) {
        int *have = tag == PC_TAG_HTML ? &st->have_html
                    : tag == PC_TAG_HEAD ? &st->have_head
                                         : &st->have_body;
        if (*have)
            return PC_OK;
        *have = 1;
        if (tag == PC_TAG_BODY) {
            int at = S_in_scope(st, PC_TAG_HEAD, 0);
            if (at >= 0)
                S_pop(st, at);
        }
    }
    if (tag == PC_TAG_BR || tag == PC_TAG_HR) {
        if (tag == PC_TAG_HR)
            S_close_p(st);
        return S_break(st);
    }
    if (fl & PC_T_VOID)
        return PC_OK;
    if (tag == PC_TAG_RT || tag == PC_TAG_RP) {
        size_t end = self_closing ? *pos : S_ruby_end(s, n, *pos);
        st->res->dropped_bytes += end - *pos;
        *pos = end;
        return PC_OK;
    }
    if (fl & PC_T_RAW && !(st->foreign && tag != PC_TAG_SCRIPT && tag != PC_TAG_STYLE)) {
        size_t start = *pos, end;
        const pc_dom_attr *type = pc_dom_attr_get(st->attrs, st->nattrs, "type");
        if (self_closing && st->foreign)
            return PC_OK;
        end = S_find_end_tag(s, n, start, name);
        if ((rc = S_raw_content(st, tag, start, end, type)) != PC_OK)
            return rc;
        st->res->dropped_bytes += end - start;
        if (end >= n) {
            st->res->unterminated++;
            *pos = n;
        } else {
            const char *close = (const char *)memchr(s + end, '>', n - end);
            *pos = close ? (size_t)(close - s) + 1 : n;
        }
        if (fl & PC_T_BLOCK)
            return S_break(st);
        return PC_OK;
    }
    S_implied_ends(st, tag, fl);
    if (tag == PC_TAG_TIME) {
        /* remember where the datetime value is (pc_meta_from_dom reads it) */
        const pc_dom_attr *dt = pc_dom_attr_get(st->attrs, st->nattrs, "datetime");
        if ((rc = S_push(st, tag, hash, cls, lt)) != PC_OK)
            return rc;
        if (st->untracked == 0 && st->depth && dt) {
            pc_dom_node *e = &st->dom->nodes[st->stack[st->depth - 1].node];
            e->tstart = (uint32_t)(dt->val - s);
            e->tlen = (uint32_t)dt->vlen;
        }
        return PC_OK;
    }
    if ((rc = S_push(st, tag, hash, cls, lt)) != PC_OK)
        return rc;
    if (self_closing && st->foreign && st->untracked == 0 && !(fl & PC_T_FOREIGN))
        S_pop(st, st->depth - 1);
    if (tag == PC_TAG_PLAINTEXT) {
        /* everything after <plaintext> is text, markup included */
        rc = S_text(st, s + *pos, n - *pos, 1);
        *pos = n;
        return rc;
    }
    return PC_OK;
}

static int S_build(S_state *st)
{
    const char *s = st->src;
    size_t n = st->n, i = 0;
    uint32_t root;
    int rc;

    if ((rc = S_new_node(st, PC_DN_ELEM, &root)) != PC_OK)
        return rc;
    st->next_q[0] = st->next_q[1] = 0;
    while (i < n) {
        const char *lt = (const char *)memchr(s + i, '<', n - i);
        size_t at, next;
        if (!lt)
            return S_text(st, s + i, n - i, 0);
        at = (size_t)(lt - s);
        if (at + 1 >= n) {
            rc = S_text(st, s + i, n - i, 0);
            return rc;
        }
        {
            char c = s[at + 1];
            if (c == '!' || c == '?' || c == '/' || S_alpha(c)) {
                if (at > i && (rc = S_text(st, s + i, at - i, 0)) != PC_OK)
                    return rc;
            } else {
                /* a literal '<': text continues through it */
                const char *more = (const char *)memchr(s + at + 1, '<', n - at - 1);
                size_t upto = more ? (size_t)(more - s) : n;
                if ((rc = S_text(st, s + i, upto - i, 0)) != PC_OK)
                    return rc;
                i = upto;
                continue;
            }
        }
        if (s[at + 1] == '!' && at + 3 < n && s[at + 2] == '-' && s[at + 3] == '-') {
            next = S_comment(st, at);
            st->res->dropped_bytes += next - at;
        } else if (s[at + 1] == '!' || s[at + 1] == '?') {
            /* doctype, CDATA, processing instruction: a bogus comment to '>' */
            const char *gt = (const char *)memchr(s + at, '>', n - at);
            next = gt ? (size_t)(gt - s) + 1 : n;
            st->res->dropped_bytes += next - at;
        } else if (s[at + 1] == '/') {
            if (at + 2 < n && S_alpha(s[at + 2])) {
                size_t j = at + 2, ns = j, len;
                char name[16];
                int tag;
                while (j < n && s[j] != '>' && s[j] != '/' && !S_space(s[j]))
                    j++;
                len = j - ns;
                if (len < sizeof name) {
                    size_t c;
                    for (c = 0; c < len; c++) {
                        char ch = s[ns + c];
                        name[c] = (ch >= 'A' && ch <= 'Z') ? (char)(ch + 32) : ch;
                    }
                    name[len] = 0;
                    tag = S_tag_id(name);
                } else {
                    tag = PC_TAG_UNKNOWN;
                }
                {
                    int sc;
                    size_t gt = S_attrs(st, j, &sc);
                    next = gt < n ? gt + 1 : n;
                }
                if (tag == PC_TAG_BR) {
                    if ((rc = S_break(st)) != PC_OK)
                        return rc;
                } else {
                    if (tag == PC_TAG_P && S_in_scope(st, PC_TAG_P, 0) < 0)
                        ; /* a stray </p> */
                    else
                        S_end_tag(st, tag, tag == PC_TAG_UNKNOWN ? S_hash(s + ns, len) : 0);
                }
            } else if (at + 2 < n && s[at + 2] == '>') {
                next = at + 3; /* "</>" is nothing */
            } else {
                const char *gt = (const char *)memchr(s + at, '>', n - at);
                next = gt ? (size_t)(gt - s) + 1 : n;
                st->res->dropped_bytes += next - at;
            }
        } else {
            if ((rc = S_start_tag(st, at, &next)) != PC_OK)
                return rc;
        }
        i = next;
    }
    return PC_OK;
}

/* ---- output ------------------------------------------------------------- */

typedef struct {
    const pc_mem *mem;
    pc_html_result *res;
    int run;           /* drop kind of the current run of text (0: kept) */
    uint32_t run_start;
} S_out;

static int S_add_hint(S_out *o, uint32_t start, uint32_t end, int kind)
{
    pc_html_result *r = o->res;
    void *p = r->hints;
    int rc;
    if (end <= start || kind == PC_HINT_NONE)
        return PC_OK;
    if ((rc = pc_grow(o->mem, &p, &r->hcap, r->nhints + 1, sizeof(pc_hint))) != PC_OK)
        return rc;
    r->hints = (pc_hint *)p;
    r->hints[r->nhints].start = start;
    r->hints[r->nhints].end = end;
    r->hints[r->nhints].kind = kind;
    r->nhints++;
    return PC_OK;
}

static int S_newline(S_out *o)
{
    pc_buf *b = &o->res->text;
    if (b->len == 0 || b->data[b->len - 1] == '\n')
        return PC_OK;
    if (b->data[b->len - 1] == ' ') {
        b->data[b->len - 1] = '\n';
        return PC_OK;
    }
    return pc_buf_putc(o->mem, b, '\n');
}

/* Start a run of text with drop kind `kind` (0: kept). */
static int S_set_run(S_out *o, int kind)
{
    int rc;
    if (kind == o->run)
        return PC_OK;
    if ((rc = S_newline(o)) != PC_OK)
        return rc;
    if (o->run && (rc = S_add_hint(o, o->run_start, (uint32_t)o->res->text.len, o->run)) != PC_OK)
        return rc;
    o->run = kind;
    o->run_start = (uint32_t)o->res->text.len;
    return PC_OK;
}

static int S_elem_hint(const pc_dom_node *e)
{
    int tag = e->tag;
    if (tag == PC_TAG_FIGCAPTION || tag == PC_TAG_CAPTION || (e->cls & PC_CLS_CAPTION))
        return PC_HINT_CAPTION;
    if (tag == PC_TAG_H1)
        return PC_HINT_TITLE;
    if (pc_dom_tag_flags(tag) & PC_T_HEADING)
        return PC_HINT_HEADING;
    return PC_HINT_NONE;
}

static int S_write(const pc_mem *mem, const pc_dom *d, const uint8_t *reason, pc_html_result *res)
{
    struct {
        uint32_t node, pos;
    } stack[PC_HTML_MAX_DEPTH + 2];
    int depth = 0, rc;
    size_t i;
    S_out o;
    pc_buf *b = &res->text;

    memset(&o, 0, sizeof o);
    o.mem = mem;
    o.res = res;
    if ((rc = pc_buf_reserve(mem, b, d->text.len + d->n / 4 + 1)) != PC_OK)
        return rc;
    for (i = 1; i <= d->n; i++) {
        /* close the elements that end here */
        while (depth > 0 && d->nodes[stack[depth - 1].node].end <= i) {
            const pc_dom_node *e = &d->nodes[stack[--depth].node];
            int hint = S_elem_hint(e);
            if (pc_dom_tag_flags(e->tag) & PC_T_BLOCK) {
                if ((rc = S_newline(&o)) != PC_OK)
                    return rc;
            }
            if (hint && !reason[stack[depth].node] &&
                (rc = S_add_hint(&o, stack[depth].pos, (uint32_t)b->len, hint)) != PC_OK)
                return rc;
        }
        if (i == d->n)
            break;
        {
            const pc_dom_node *e = &d->nodes[i];
            if (e->kind == PC_DN_ELEM) {
                if (pc_dom_tag_flags(e->tag) & PC_T_BLOCK || S_elem_hint(e)) {
                    if ((rc = S_newline(&o)) != PC_OK)
                        return rc;
                }
                if (depth < PC_HTML_MAX_DEPTH + 2) {
                    stack[depth].node = (uint32_t)i;
                    stack[depth].pos = (uint32_t)b->len;
                    depth++;
                }
            } else if (e->kind == PC_DN_BREAK) {
                if ((rc = S_newline(&o)) != PC_OK)
                    return rc;
            } else {
                const char *t = d->text.data + e->tstart;
                size_t tl = e->tlen;
                if ((rc = S_set_run(&o, reason[i])) != PC_OK)
                    return rc;
                if (tl && t[0] == ' ' && (b->len == 0 || b->data[b->len - 1] == ' ' ||
                                          b->data[b->len - 1] == '\n')) {
                    t++;
                    tl--;
                }
                if (tl && (rc = pc_buf_put(mem, b, t, tl)) != PC_OK)
                    return rc;
            }
        }
    }
    /* a trailing space is not text */
    if (b->len && b->data[b->len - 1] == ' ')
        b->len--;
    if (o.run)
        return S_add_hint(&o, o.run_start, (uint32_t)b->len, o.run);
    return PC_OK;
}

/* ---- schema.org articleBody fallback -------------------------------------- */

#define S_BODY_MIN 500 /* bytes an articleBody must hold to replace the DOM's text */
#define S_BODY_GAIN 3  /* ... and this many times the text the DOM gave, plus 200 */

static int S_hex4(const char *s, size_t n, size_t i, uint32_t *v)
{
    size_t k;
    *v = 0;
    if (i + 4 > n)
        return 0;
    for (k = i; k < i + 4; k++) {
        char c = s[k];
        int d = c >= '0' && c <= '9'   ? c - '0'
                : c >= 'a' && c <= 'f' ? c - 'a' + 10
                : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                       : -1;
        if (d < 0)
            return 0;
        *v = *v * 16 + (uint32_t)d;
    }
    return 1;
}

/* Decode the JSON string starting after its opening quote at s[i] into out:
 * escapes resolved, a line break between paragraphs.  Returns 0 when the
 * string is unterminated or carries markup (an HTML articleBody). */
static int S_json_string(const pc_mem *mem, const char *s, size_t n, size_t i, pc_buf *out, int *rc)
{
    while (i < n && s[i] != '"') {
        char c = s[i];
        if (c == '<' && i + 1 < n && ((s[i + 1] | 0x20) >= 'a' && (s[i + 1] | 0x20) <= 'z'))
            return 0;
        if (c == '&') { /* pages often write the body's text HTML-escaped */
            uint32_t cp[2];
            int ncp = 0, k;
            size_t used = pc_charref_decode(s + i, n - i, 1, cp, &ncp);
            if (used == 0) {
                *rc = pc_buf_putc(mem, out, c);
                i++;
            } else {
                for (k = 0; k < ncp && *rc == PC_OK; k++)
                    *rc = pc_buf_put_cp(mem, out, (int32_t)cp[k]);
                i += used;
            }
        } else if (c != '\\') {
            *rc = pc_buf_putc(mem, out, (unsigned char)c < 0x20 ? ' ' : c);
            i++;
        } else if (i + 1 >= n) {
            return 0;
        } else {
            char e = s[i + 1];
            uint32_t cp = 0, lo = 0;
            i += 2;
            switch (e) {
            case 'n': *rc = pc_buf_putc(mem, out, '\n'); break;
            case 't': case 'r': case 'b': case 'f': *rc = pc_buf_putc(mem, out, ' '); break;
            case 'u':
                if (!S_hex4(s, n, i, &cp))
                    return 0;
                i += 4;
                if (cp >= 0xD800 && cp <= 0xDBFF && i + 6 <= n && s[i] == '\\' && s[i + 1] == 'u' &&
                    S_hex4(s, n, i + 2, &lo) && lo >= 0xDC00 && lo <= 0xDFFF) {
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                    i += 6;
                }
                if (cp >= 0xD800 && cp <= 0xDFFF)
                    cp = 0xFFFD;
                *rc = pc_buf_put_cp(mem, out, cp < 0x20 ? ' ' : (int32_t)cp);
                break;
            default: *rc = pc_buf_putc(mem, out, e); break;
            }
        }
        if (*rc != PC_OK)
            return 0;
    }
    return i < n;
}

/* The longest "articleBody" string of the page's JSON-LD blocks, decoded into
 * out (empty when there is none). */
static int S_article_body(const pc_mem *mem, const pc_html_result *res, pc_buf *out)
{
    pc_buf cand;
    size_t m;
    int rc = PC_OK;
    memset(&cand, 0, sizeof cand);
    for (m = 0; m < res->nmeta && rc == PC_OK; m++) {
        const char *v = res->metabuf.data + res->meta[m].start;
        size_t vn = res->meta[m].end - res->meta[m].start, i = 0;
        if (res->meta[m].key != PC_META_JSONLD)
            continue;
        while (i + 13 < vn && rc == PC_OK) {
            const char *k = (const char *)memchr(v + i, '"', vn - i);
            if (!k)
                break;
            i = (size_t)(k - v) + 1;
            if (vn - i < 12 || memcmp(v + i, "articleBody\"", 12) != 0)
                continue;
            i += 12;
            while (i < vn && (S_space(v[i]) || v[i] == ':'))
                i++;
            if (i >= vn || v[i] != '"')
                continue;
            cand.len = 0;
            if (S_json_string(mem, v, vn, i + 1, &cand, &rc) && cand.len > out->len) {
                out->len = 0;
                rc = pc_buf_put(mem, out, cand.data, cand.len);
            }
        }
    }
    pc_buf_free(mem, &cand);
    return rc;
}

/* When the DOM gave little text and the page's JSON-LD carries a much longer
 * articleBody (pages that build the article with scripts, teasers over a
 * paywall), the body's paragraphs are appended to what the DOM kept (a lead or
 * a list the body lacks stays; paragraphs found twice go as repeated lines). */
static int S_body_fallback(const pc_mem *mem, const pc_dom *d, const uint8_t *reason,
                           pc_html_result *res, pc_buf *body)
{
    size_t kept = 0, i;
    int rc;
    for (i = 1; i < d->n; i++)
        if (d->nodes[i].kind == PC_DN_TEXT && !reason[i])
            kept += d->nodes[i].tlen;
    if (kept >= S_BODY_MIN * 2)
        return PC_OK;
    if ((rc = S_article_body(mem, res, body)) != PC_OK)
        return rc;
    if (body->len < S_BODY_MIN || body->len < kept * S_BODY_GAIN + 200)
        body->len = 0;
    return PC_OK;
}

/* ---- entry points ----------------------------------------------------------- */

static const char *const S_sniff_starts[] = {
    "!doctype html", "html", "head", "body", "script", "iframe", "h1", "div", "font", "table",
    "a", "style", "title", "b", "br", "p", "meta", "link", "article", "section", "span", NULL};

int pc_html_sniff(const char *s, size_t n)
{
    static const char *const tags[] = {"html", "head", "body", "p", "div", "article", "span",
                                       "br", "meta", "title", "script", "a", "h1", "h2",
                                       "section", "!doctype", "li", "ul", "table", "link",
                                       "img", "main", "nav", "header", "footer", "strong",
                                       "em", "b", "i", "style", "form", "td", "tr", NULL};
    size_t i = 0, lim = n < 65536 ? n : 65536;
    int hits = 0, t;
    /* a page starts with a tag (after a BOM and white space) */
    if (lim >= 3 && (unsigned char)s[0] == 0xEF && (unsigned char)s[1] == 0xBB &&
        (unsigned char)s[2] == 0xBF)
        i = 3;
    while (i < lim && S_space(s[i]))
        i++;
    if (i + 1 < lim && s[i] == '<') {
        if (i + 4 <= lim && memcmp(s + i, "<!--", 4) == 0)
            return 1;
        /* "<?xml ...?>": XHTML when HTML tags follow (the scan below) */
        for (t = 0; S_sniff_starts[t]; t++) {
            size_t tl = strlen(S_sniff_starts[t]);
            if (i + 1 + tl < lim && pc_dom_ieq(s + i + 1, tl, S_sniff_starts[t])) {
                char c = s[i + 1 + tl];
                if (c == '>' || S_space(c) || c == '/')
                    return 1;
            }
        }
    }
    /* or carries known tags further in (a fragment, a page after junk) */
    for (i = 0; i + 1 < lim; i++) {
        const char *lt = (const char *)memchr(s + i, '<', lim - 1 - i);
        if (!lt)
            break;
        i = (size_t)(lt - s);
        for (t = 0; tags[t]; t++) {
            size_t tl = strlen(tags[t]), k = i + 1;
            if (k < lim && s[k] == '/')
                k++;
            if (k + tl < lim && pc_dom_ieq(s + k, tl, tags[t])) {
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
    pc_dom dom;
    uint8_t *reason = NULL;
    uint32_t main = 0;
    pc_buf body;
    int rc;

    if (n > UINT32_MAX / 2)
        return PC_ETOOBIG;
    memset(&dom, 0, sizeof dom);
    memset(&body, 0, sizeof body);
    st = (S_state *)mem->calloc(mem->ctx, 1, sizeof(S_state));
    if (!st)
        return PC_ENOMEM;
    st->mem = mem;
    st->res = res;
    st->dom = &dom;
    st->src = s;
    st->n = n;
    S_index_init(&st->index);
    if ((rc = pc_buf_reserve(mem, &dom.text, n / 4 + 16)) != PC_OK)
        goto done;
    if ((rc = S_build(st)) != PC_OK)
        goto done;
    S_pop(st, 0);
    dom.nodes[0].end = (uint32_t)dom.n;
    if (!(reason = (uint8_t *)mem->calloc(mem->ctx, dom.n, 1))) {
        rc = PC_ENOMEM;
        goto done;
    }
    if ((rc = pc_main_select(mem, &dom, reason, &main)) != PC_OK)
        goto done;
    if ((rc = pc_meta_from_dom(mem, res, &dom, s, main)) != PC_OK)
        goto done;
    if ((rc = S_body_fallback(mem, &dom, reason, res, &body)) != PC_OK)
        goto done;
    if ((rc = S_write(mem, &dom, reason, res)) != PC_OK)
        goto done;
    if (body.len && (rc = pc_buf_putc(mem, &res->text, '\n')) == PC_OK)
        rc = pc_buf_put(mem, &res->text, body.data, body.len);
done:
    pc_buf_free(mem, &body);
    if (reason)
        mem->free(mem->ctx, reason);
    pc_dom_free(mem, &dom);
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
