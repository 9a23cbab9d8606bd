/*
 * pc_clean.c - see pc_clean.h.
 *
 * Boilerplate rules look only at short paragraphs (S_RULE_MAX bytes): the
 * junk scraped news carries is one line long, and a bound keeps a 200 MB
 * single-line document linear.
 */
#include "pc_clean.h"

#include <stdlib.h>
#include <string.h>

#define S_RULE_MAX 400
/* words: a <figcaption>/<caption> this long is a paragraph (a slideshow's text,
 * a lead set in a figure), not a caption */
#define S_CAPTION_TEXT 25

typedef struct {
    uint32_t start, len, line; /* in the line buffer; 1-based input line */
    int hint;
    uint8_t blank;
} S_line;

typedef struct {
    uint32_t start, end; /* in the paragraph buffer */
    uint32_t line;       /* first input line */
    int hint;
    int reason; /* PC_RM_* or 0 */
    int kind;
    uint32_t cut;  /* for PC_RM_READ_MORE: bytes kept (the rest is removed) */
    uint32_t words;
} S_para;

static const char *const S_reason_names[PC_RM__COUNT] = {
    "",         "share_prompt", "teaser",   "page_chrome",   "caption",   "credit",
    "syndication", "byline",    "dateline", "citation",      "repeated_line", "read_more",
    "html_chrome", "outside_main", "link_list", "comments", "hidden", "metadata", "headline"};

/* The removal reason of an HTML drop hint (pc_html.h), 0 for other hints. */
static int S_hint_reason(int kind)
{
    switch (kind) {
    case PC_HINT_CHROME: return PC_RM_HTML_CHROME;
    case PC_HINT_OFFMAIN: return PC_RM_OUTSIDE_MAIN;
    case PC_HINT_LINKS: return PC_RM_LINK_LIST;
    case PC_HINT_COMMENTS: return PC_RM_COMMENTS;
    case PC_HINT_HIDDEN: return PC_RM_HIDDEN;
    case PC_HINT_METADATA: return PC_RM_METADATA;
    case PC_HINT_HEADLINE: return PC_RM_HEADLINE;
    default: return 0;
    }
}

const char *pc_reason_name(int reason)
{
    if (reason <= 0 || reason >= PC_RM__COUNT)
        return "";
    return S_reason_names[reason];
}

/* ---- line normalization ------------------------------------------------ */

static int S_is_invisible(int32_t cp)
{
    return cp == 0x200B || cp == 0xFEFF || cp == 0x00AD || cp == 0x2060 || cp == 0x180E;
}

/* Append s[0..n) to out with controls -> space, invisible characters removed,
 * white space collapsed and the ends trimmed. */
static int S_tidy(const pc_mem *mem, const char *s, size_t n, pc_buf *out, pc_repair_stats *st)
{
    size_t i = 0, run = 0, start_len = out->len;
    int space = 0, rc;

    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        int32_t cp;
        size_t k;
        int cls;
        if (c >= 0x21 && c < 0x7F) {
            if (space) {
                if (out->len > start_len && (rc = pc_buf_putc(mem, out, ' ')) != PC_OK)
                    return rc;
                space = 0;
            }
            i++;
            /* the rest of the word and single spaces before the next word
             * stay in the run (i > run holds here, as the rule below asks) */
            for (;;) {
                /* eight bytes at a time while they are 0x20..0x7E with no two
                 * spaces in a row and no space last: exactly what the byte
                 * loop below would take (0x80 of sp marks the spaces) */
                while (n - i >= 8) {
                    const uint64_t ones = 0x0101010101010101ULL, hi = 0x8080808080808080ULL;
                    const uint64_t lo7 = 0x7F7F7F7F7F7F7F7FULL;
                    uint64_t w, x, sp;
                    memcpy(&w, s + i, 8);
                    if (((w - 0x20 * ones) | (w + ones) | w) & hi)
                        break;
                    x = w ^ (0x20 * ones);
                    sp = ~(((x & lo7) + lo7) | x) & hi;
                    if ((sp & (sp << 8)) || s[i + 7] == ' ')
                        break;
                    i += 8;
                }
                while (i < n && (unsigned)((unsigned char)s[i] - 0x21) < 0x5Eu)
                    i++;
                if (i + 1 < n && s[i] == ' ' && (unsigned)((unsigned char)s[i + 1] - 0x21) < 0x5Eu) {
                    i += 2;
                    continue;
                }
                break;
            }
            continue;
        }
        if (c == ' ' && !space && i + 1 < n && (unsigned char)s[i + 1] >= 0x21 &&
            (unsigned char)s[i + 1] < 0x7F && (i > run || out->len > start_len)) {
            /* one space between words is kept as it is: it stays in the run
             * instead of a flush and a put per word */
            i++;
            continue;
        }
        if (c == ' ') {
            if (i > run && (rc = pc_buf_put(mem, out, s + run, i - run)) != PC_OK)
                return rc;
            space = 1;
            run = ++i;
            continue;
        }
        k = pc_utf8_decode(s + i, n - i, &cp);
        cls = pc_utf8_class(cp);
        if (cls == PC_CC_SPACE || cls == PC_CC_CONTROL || S_is_invisible(cp)) {
            if (i > run && (rc = pc_buf_put(mem, out, s + run, i - run)) != PC_OK)
                return rc;
            if (S_is_invisible(cp)) {
                st->invisible++;
            } else {
                if (cls == PC_CC_CONTROL && cp != '\t')
                    st->controls++;
                space = 1;
            }
            i += k;
            run = i;
            continue;
        }
        if (space) {
            if (i > run && (rc = pc_buf_put(mem, out, s + run, i - run)) != PC_OK)
                return rc;
            run = i;
            if (out->len > start_len && (rc = pc_buf_putc(mem, out, ' ')) != PC_OK)
                return rc;
            space = 0;
        }
        i += k;
    }
    if (i > run && (rc = pc_buf_put(mem, out, s + run, i - run)) != PC_OK)
        return rc;
    /* the loop never emits a leading space; a trailing one is dropped here */
    while (out->len > start_len && out->data[out->len - 1] == ' ')
        out->len--;
    if (out->data)
        out->data[out->len] = '\0';
    return PC_OK;
}

static int S_norm_line(const pc_mem *mem, const char *s, size_t n, int flags, pc_buf *t1,
                       pc_buf *t2, pc_buf *out, pc_repair_stats *st)
{
    int rc;
    const char *p = s;
    size_t pn = n;

    if (!(flags & PC_CLEAN_NO_MOJIBAKE)) {
        t1->len = 0;
        if ((rc = pc_utf8_fix_mojibake(mem, p, pn, t1, &st->mojibake)) != PC_OK)
            return rc;
        p = t1->data ? t1->data : "";
        pn = t1->len;
    }
    if (!(flags & PC_CLEAN_NO_NFC)) {
        t2->len = 0;
        if ((rc = pc_utf8_nfc(mem, p, pn, t2)) != PC_OK)
            return rc;
        p = t2->data ? t2->data : "";
        pn = t2->len;
    }
    return S_tidy(mem, p, pn, out, st);
}

/* Length of the line break at s[i] (0 if none): \n, \r\n, \r, \v, \f,
 * U+0085, U+2028, U+2029. */
static size_t S_linebreak(const char *s, size_t n, size_t i)
{
    unsigned char c = (unsigned char)s[i];
    if (c == '\n' || c == '\v' || c == '\f')
        return 1;
    if (c == '\r')
        return (i + 1 < n && s[i + 1] == '\n') ? 2 : 1;
    if (c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0x85)
        return 2;
    if (c == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
        ((unsigned char)s[i + 2] == 0xA8 || (unsigned char)s[i + 2] == 0xA9))
        return 3;
    return 0;
}

/* ---- hints ------------------------------------------------------------ */

static int S_hint_cmp(const void *a, const void *b)
{
    const pc_hint *x = (const pc_hint *)a, *y = (const pc_hint *)b;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    return x->end > y->end ? -1 : (x->end < y->end);
}

static int S_hint_rank(int kind)
{
    switch (kind) {
    case PC_HINT_CHROME: case PC_HINT_OFFMAIN: case PC_HINT_LINKS: case PC_HINT_COMMENTS:
    case PC_HINT_HIDDEN: case PC_HINT_METADATA: case PC_HINT_HEADLINE: return 4;
    case PC_HINT_CAPTION: return 3;
    case PC_HINT_TITLE: return 2;
    case PC_HINT_HEADING: return 1;
    default: return 0;
    }
}

/* ---- paragraph rules ---------------------------------------------------- */

/* ASCII-lowercased copy of at most S_RULE_MAX bytes.  Byte offsets in the
 * copy equal those in the original (callers rely on it). */
static size_t S_lower(const char *s, size_t n, char *out)
{
    size_t i = 0, lim = n < S_RULE_MAX ? n : S_RULE_MAX;
    /* eight ASCII bytes at a time: 0x20 is added to the bytes in 'A'..'Z'
     * (no carries: every byte is below 0x80) */
    for (; lim - i >= 8; i += 8) {
        const uint64_t hi = 0x8080808080808080ULL;
        uint64_t w, ge_a, gt_z;
        memcpy(&w, s + i, 8);
        if (w & hi)
            break;
        ge_a = w + 0x3F3F3F3F3F3F3F3FULL; /* 0x80 set where byte >= 'A' */
        gt_z = w + 0x2525252525252525ULL; /* 0x80 set where byte > 'Z' */
        w |= ((ge_a & ~gt_z) & hi) >> 2;
        memcpy(out + i, &w, 8);
    }
    for (; i < n && i < S_RULE_MAX; i++) {
        unsigned char c = (unsigned char)s[i];
        out[i] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : (char)c;
    }
    out[i] = 0;
    return i;
}

static int S_starts(const char *low, const char *lit)
{
    /* first byte before strlen + strncmp: ~20 rules per paragraph */
    return lit[0] == '\0' || (low[0] == lit[0] && strncmp(low, lit, strlen(lit)) == 0);
}

/* A lowered paragraph and the set of its adjacent byte pairs (512 bits,
 * hashed).  S_has rejects a literal that has a pair the paragraph lacks
 * before it calls strstr: the ~35 strstr calls per short paragraph were a
 * fifth of the whole parse.  The set is a superset test only (a pair present
 * may still be a collision), so the answers are strstr's. */
typedef struct {
    const char *s;
    uint64_t pairs[8];
} S_low;

static unsigned S_pair(unsigned char a, unsigned char b) { return ((unsigned)a * 31u + b) & 511u; }

static void S_low_init(S_low *L, const char *low, size_t n)
{
    size_t i;
    L->s = low;
    memset(L->pairs, 0, sizeof L->pairs);
    for (i = 0; i + 1 < n; i++) {
        unsigned h = S_pair((unsigned char)low[i], (unsigned char)low[i + 1]);
        L->pairs[h >> 6] |= (uint64_t)1 << (h & 63);
    }
}

static int S_has(const S_low *L, const char *lit)
{
    size_t i;
    for (i = 0; lit[i] && lit[i + 1]; i++) {
        unsigned h = S_pair((unsigned char)lit[i], (unsigned char)lit[i + 1]);
        if (!((L->pairs[h >> 6] >> (h & 63)) & 1))
            return 0;
    }
    return strstr(L->s, lit) != NULL;
}

static int S_exact_any(const char *low, size_t n, const char *const *list)
{
    /* compare ignoring trailing punctuation such as ':' '.' '>' */
    while (n > 0 && (low[n - 1] == ':' || low[n - 1] == '.' || low[n - 1] == '>' ||
                     low[n - 1] == '|' || low[n - 1] == ' '))
        n--;
    /* first byte before strlen (no list holds an empty string) */
    for (; *list; list++)
        if (n && (*list)[0] == low[0] && strlen(*list) == n && memcmp(*list, low, n) == 0)
            return 1;
    return 0;
}

static uint32_t S_words(const char *s, size_t n)
{
    const uint64_t hi = 0x8080808080808080ULL, lo7 = 0x7F7F7F7F7F7F7F7FULL;
    const uint64_t sp = 0x2020202020202020ULL;
    uint32_t w = 0;
    size_t i = 1;
    /* a word starts at a non-space after a space or at 0 */
    if (n)
        w = s[0] != ' ';
    /* eight starts at a time: byte k of `prev` is s[i-1+k], of `cur` s[i+k]
     * (no byte-order dependence); 0x80 marks the bytes equal to ' ' */
    for (; n >= 8 && i <= n - 8; i += 8) {
        uint64_t prev, cur, sp_prev, sp_cur;
        memcpy(&prev, s + i - 1, 8);
        memcpy(&cur, s + i, 8);
        prev ^= sp;
        cur ^= sp;
        sp_prev = ~(((prev & lo7) + lo7) | prev) & hi;
        sp_cur = ~(((cur & lo7) + lo7) | cur) & hi;
        w += (uint32_t)((((sp_prev & ~sp_cur) >> 7) * 0x0101010101010101ULL) >> 56);
    }
    for (; i < n; i++)
        w += (uint32_t)((s[i] != ' ') & (s[i - 1] == ' '));
    return w;
}

/* The last code point of s[0..n) that is not a closing quote or bracket. */
static int32_t S_last_cp(const char *s, size_t n)
{
    while (n > 0) {
        size_t b = n - 1;
        int32_t cp;
        while (b > 0 && ((unsigned char)s[b] & 0xC0) == 0x80)
            b--;
        pc_utf8_decode(s + b, n - b, &cp);
        if (cp == '"' || cp == '\'' || cp == ')' || cp == ']' || cp == 0x201D || cp == 0x2019 ||
            cp == 0xBB || cp == 0x203A) {
            n = b;
            continue;
        }
        return cp;
    }
    return 0;
}

static int S_terminal(int32_t cp) { return cp == '.' || cp == '!' || cp == '?' || cp == 0x2026; }

static int S_is_upper_start(const char *s, size_t n)
{
    int32_t cp;
    size_t i = 0;
    while (i < n) {
        size_t k = pc_utf8_decode(s + i, n - i, &cp);
        int c = pc_utf8_class(cp);
        if (c == PC_CC_LETTER_UPPER || c == PC_CC_DIGIT || c == PC_CC_LETTER_OTHER)
            return 1;
        if (c == PC_CC_LETTER_LOWER)
            return 0;
        i += k;
    }
    return 0;
}

/* Fraction (0..100) of words that start with an uppercase letter or digit. */
static int S_capitalized_pct(const char *s, size_t n)
{
    size_t i = 0;
    int words = 0, caps = 0, start = 1;
    while (i < n) {
        int32_t cp;
        size_t k = pc_utf8_decode(s + i, n - i, &cp);
        if (cp == ' ') {
            start = 1;
        } else if (start) {
            int c = pc_utf8_class(cp);
            start = 0;
            words++;
            if (c == PC_CC_LETTER_UPPER || c == PC_CC_DIGIT)
                caps++;
        }
        i += k;
    }
    return words ? caps * 100 / words : 0;
}

/* "Name (Agency/Released)", "... (Getty Images)": a short line that ends
 * with a parenthesised credit. */
static int S_caption_credit(const char *low, size_t n, uint32_t words)
{
    static const char *const agencies[] = {"getty", "afp", "reuters", "ap photo", "epa",
                                           "anadolu", "tass", "ria novosti", "released",
                                           "handout", "file photo", "photo", "xinhua",
                                           "associated press", "shutterstock", NULL};
    const char *open;
    const char *const *a;
    size_t i;
    if (n < 3 || low[n - 1] != ')' || words > 25)
        return 0;
    open = NULL;
    for (i = n - 1; i > 0; i--)
        if (low[i - 1] == '(') {
            open = low + i - 1;
            break;
        }
    if (!open || open == low)
        return 0;
    for (i = 0; low + i < open; i++)
        if (low[i] == '.' || low[i] == '!' || low[i] == '?')
            return 0; /* a sentence, not a caption */
    if (memchr(open, '/', (size_t)(low + n - open)))
        return 1;
    for (a = agencies; *a; a++) {
        const char *hit = strstr(open, *a);
        if (hit)
            return 1;
    }
    return 0;
}

/* Does low start with one of the (lower-case) prefixes? */
static int S_starts_any(const char *low, const char *const *list)
{
    for (; *list; list++)
        if (S_starts(low, *list))
            return 1;
    return 0;
}

/* "Read also:" in the languages of scraped news (lines that point to other
 * articles); lower case as S_lower leaves them (ASCII letters only lowered). */
static const char *const S_teasers[] = {
    "read more:", "more on this", "related posts", "lea también", "lea tambien", "lea más:",
    "lea mas:", "lea:", "lee también", "lee tambien", "vea también", "vea tambien",
    "ver también", "ver tambien", "\xc3\x80 lire aussi", "a lire aussi", "lire aussi",
    "voir aussi", "auch interessant", "lesen sie auch", "lesen sie mehr", "lies auch",
    "mehr zum thema", "das k\xc3\xb6nnte sie auch interessieren", "das k\xc3\xb6nnte dich auch",
    "leggi anche", "vedi anche", "leia tamb\xc3\xa9m", "veja tamb\xc3\xa9m", "zie ook",
    "lees ook", "czytaj te\xc5\xbc", "czytaj tak\xc5\xbc" "e", "zobacz te\xc5\xbc", NULL};

/* Whole lines that are page furniture in the languages of scraped news. */
static const char *const S_web_chrome[] = {
    "weitere informationen", "mehr infos", "mehr erfahren", "mehr lesen", "weiterlesen",
    "kommentieren", "kommentar schreiben", "antworten", "inhaltsverzeichnis", "table of contents",
    "contents", "quellen ausblenden", "bild anzeigen", "lust auf mehr?", "dowiedz si\xc4\x99 wi\xc4\x99" "cej",
    "en savoir plus", "lire la suite", "m\xc3\xa1s informaci\xc3\xb3n", "leer m\xc3\xa1s", "ver m\xc3\xa1s",
    "leggi di pi\xc3\xb9", "saiba mais", "lees meer", "learn more", "show more", "load more",
    "view all", "see all", "all articles", "alle artikel", "zur\xc3\xbc" "ck", "back", "next", "previous",
    "nach oben", "drucken", "teilen", "twittern", "e-mail", "whatsapp", "facebook", "twitter",
    "instagram", "linkedin", "pinterest", "xing", "reddit", "telegram",
    /* headers of related-post lists */
    "\xc3\xa4hnliche beitr\xc3\xa4ge", "\xc3\x84hnliche beitr\xc3\xa4ge", "\xc3\x84hnliche artikel",
    "verwandte beitr\xc3\xa4ge", "weitere beitr\xc3\xa4ge", "weitere artikel", "similar posts",
    "articles similaires", "art\xc3\xad" "culos relacionados", "noticias relacionadas", NULL};

/* Picture credits and sources, as captions start ("Foto: ...", "Bild: ..."). */
static const char *const S_web_credits[] = {
    "foto:", "fotos:", "foto :", "bild:", "bilder:", "bildquelle", "titelbild:", "quelle:",
    "abbildung ", "abb.", "photo :", "cr\xc3\xa9" "dit", "credit:", "credits:", "\xc2\xa9 ",
    "copyright ", "(c) ", "image courtesy", "courtesy of", NULL};

/* "Follow The Gleaner on Twitter ... Send us a message on WhatsApp", "download
 * the Nationnews apps for iOS and Android", "¡Mira lo que tiene nuestro canal de
 * YouTube!": a line that names a social network, an app store or a newsletter
 * and speaks to the reader (follow, download, join, "send us", "our channel").
 * Lines with quotation marks are somebody's words, not the page's. */
static int S_social_invite(const S_low *L, uint32_t words)
{
    static const char *const where[] = {
        "twitter", "facebook", "instagram", "whatsapp", "telegram", "youtube", "tiktok",
        "linkedin", "newsletter", "ios and android", "android and ios", "app store",
        "google play", NULL};
    static const char *const starts[] = {
        "follow ", "download ", "join ", "subscribe", "sign up", "for the latest", "like us",
        "find us", "\xc2\xa1mira ", "mira ", "suivez", "abonnez", "folgen sie", "folge uns",
        "abonniere", NULL};
    static const char *const has[] = {
        " us on ", " us at ", "send us", "email us", "e-mail us", "contact us", "our newsletter",
        "our channel", "our app", "nuestro canal", "nuestra newsletter", "tenemos canal",
        "escribirnos", "\xc3\xbanete", "s\xc3\xadguenos", "siguenos", "suscr\xc3\xad" "bete",
        "unseren newsletter", "unserem kanal", "notre newsletter", "apps for ios",
        "app for ios", NULL};
    const char *low = L->s;
    size_t i;

    if (words > 45)
        return 0;
    for (i = 0; where[i] && !S_has(L, where[i]); i++)
        ;
    if (!where[i])
        return 0;
    if (strchr(low, '"') || S_has(L, "\xe2\x80\x9c") || S_has(L, "\xe2\x80\x9d") ||
        S_has(L, "\xe2\x80\x9e") || S_has(L, "\xc2\xab"))
        return 0;
    if (S_starts_any(low, starts))
        return 1;
    for (i = 0; has[i]; i++)
        if (S_has(L, has[i]))
            return 1;
    return 0;
}

/* A call to act on the page rather than article text: follow, subscribe,
 * support, print, "if you enjoyed this".  Short lines only. */
static int S_web_prompt(const S_low *L, uint32_t words)
{
    static const char *const starts[] = {
        "subscribe now", "please subscribe", "to view the full story", "print recipe",
        "view comments", "if you enjoyed", "if you like this", "support us", "donate",
        "jetzt abonnieren", "newsletter abonnieren", "unterst\xc3\xbc" "tze", "unterst\xc3\xbc" "tzen sie",
        "abonnieren sie", "suivez-nous", "abonnez-vous", "s\xc3\xadguenos", "siguenos",
        "suscr\xc3\xad" "bete", "suscribete", "seguici", "volg ons", NULL};
    const char *low = L->s;

    if (words > 40)
        return 0;
    if (S_starts_any(low, starts))
        return 1;
    /* "Follow The Gleaner on Twitter and Instagram" */
    if (S_starts(low, "follow ") && words <= 25 &&
        (S_has(L, "twitter") || S_has(L, "facebook") || S_has(L, "instagram") ||
         S_has(L, "telegram") || S_has(L, "whatsapp")))
        return 1;
    if (S_has(L, "already a subscriber") || S_has(L, "subscribe to read") ||
        S_has(L, "subscribe now to"))
        return 1;
    /* "You must be logged in to post a comment", "Sie müssen sich einloggen, um
     * ...", WordPress's "This entry was posted in X. Bookmark the permalink." */
    if (S_has(L, "logged in to post a comment") || S_has(L, "logged in to comment") ||
        S_has(L, "einloggen, um") || S_has(L, "um kommentare zu schreiben") ||
        S_has(L, "bookmark the permalink") || S_starts(low, "this entry was posted in") ||
        S_starts(low, "weitere beitr\xc3\xa4ge aus") ||
        S_starts(low, "diese beitr\xc3\xa4ge solltest du"))
        return 1;
    return S_social_invite(L, words);
}

static int S_classify(const char *s, size_t n, uint32_t words)
{
    static const char *const chrome_exact[] = {
        "top of page", "bottom of page", "back to top", "comments", "comment", "advertisement",
        "advertising", "skip to content", "skip to main content", "menu", "search", "log in",
        "login", "sign in", "related", "related articles", "related stories", "related news",
        "more stories", "most read", "most popular", "trending", "cookie settings",
        "accept cookies", "next article", "previous article", "home", "news line",
        "latest news", "tags", NULL};
    static const char *const share_exact[] = {
        "leave a review", "leave a comment", "leave a reply", "share", "share this",
        "share this article", "share this story", "share on facebook", "share on twitter",
        "share on whatsapp", "tweet", "print", "email", "e-mail", "subscribe", "subscribe now",
        "follow us", "like us on facebook", NULL};
    char low[S_RULE_MAX + 1];
    size_t ln;
    S_low L;

    if (n > S_RULE_MAX)
        return 0;
    ln = S_lower(s, n, low);
    S_low_init(&L, low, ln);
    if (S_exact_any(low, ln, share_exact))
        return PC_RM_SHARE_PROMPT;
    if (S_exact_any(low, ln, chrome_exact))
        return PC_RM_PAGE_CHROME;
    if ((S_starts(low, "join our") || S_starts(low, "join us")) &&
        (S_has(&L, "channel") || S_has(&L, "telegram") || S_has(&L, "whatsapp") ||
         S_has(&L, "newsletter") || S_has(&L, "community") || S_has(&L, "group")))
        return PC_RM_SHARE_PROMPT;
    if (S_starts(low, "follow us") || S_starts(low, "subscribe to") ||
        S_starts(low, "sign up for") || S_starts(low, "sign up to") ||
        S_starts(low, "click here to") || S_starts(low, "download our app") ||
        (S_starts(low, "share this") && words <= 8))
        return PC_RM_SHARE_PROMPT;
    if (S_web_prompt(&L, words))
        return PC_RM_SHARE_PROMPT;
    if (S_starts(low, "also read") || S_starts(low, "read also") || S_starts(low, "read more:") ||
        S_starts(low, "related:") || S_starts(low, "see also:") || S_starts(low, "recommended:") ||
        S_starts(low, "you may also like") || S_starts(low, "you might also like") ||
        S_starts(low, "more from") || S_starts(low, "watch:") || S_starts(low, "listen:") ||
        S_starts(low, "read next:") || S_starts(low, "don't miss:") ||
        S_starts(low, "don\xe2\x80\x99t miss:"))
        return PC_RM_TEASER;
    if (words <= 30 && S_starts_any(low, S_teasers))
        return PC_RM_TEASER;
    if (words <= 8 && S_exact_any(low, ln, S_web_chrome))
        return PC_RM_PAGE_CHROME;
    if (words <= 25 && S_starts_any(low, S_web_credits))
        return PC_RM_CREDIT;
    if (S_starts(low, "photo by") || S_starts(low, "photo:") || S_starts(low, "photos:") ||
        S_starts(low, "photograph:") || S_starts(low, "image:") || S_starts(low, "picture:") ||
        S_starts(low, "photo credit") || S_starts(low, "image credit") ||
        S_starts(low, "file photo") || S_starts(low, "image source") ||
        (S_has(&L, "via getty images") && words <= 25))
        return PC_RM_CREDIT;
    if (low[0] == '(' && low[ln - 1] == ')' && words <= 12) {
        /* "(INCLUDES INPUTS FROM ONLINE SOURCES)", "(REUTERS)": an all-caps
         * parenthesised note */
        size_t i, lower = 0;
        for (i = 0; i < n; i++)
            if (s[i] >= 'a' && s[i] <= 'z')
                lower++;
        if (lower == 0)
            return PC_RM_CREDIT;
    }
    if (S_starts(low, "to cite this article"))
        return PC_RM_CITATION;
    if (words <= 12 &&
        (S_starts(low, "updated:") || S_starts(low, "updated on") || S_starts(low, "last updated") ||
         S_starts(low, "published:") || S_starts(low, "published on") ||
         S_starts(low, "posted:") || S_starts(low, "posted on") ||
         S_starts(low, "first published") || S_starts(low, "date:")))
        return PC_RM_DATELINE;
    if (S_has(&L, "originally published") || S_has(&L, "reprinted with permission") ||
        S_has(&L, "republished with permission") || S_has(&L, "originally appeared"))
        return PC_RM_SYNDICATION;
    if ((S_has(&L, " | ") && S_has(&L, "published") && words <= 20) ||
        (S_starts(low, "by ") && words >= 2 && words <= 8 && S_capitalized_pct(s, n) >= 60 &&
         !S_terminal(S_last_cp(s, n))))
        return PC_RM_BYLINE;
    if (S_caption_credit(low, ln, words))
        return PC_RM_CAPTION;
    return 0;
}

/* Byte offset where a trailing "Continue reading ..." sentence starts, or
 * n when there is none. */
static size_t S_read_more(const char *s, size_t n)
{
    static const char *const cues[] = {"continue reading", "read the full article",
                                       "read the full story", "read more at",
                                       "read the rest", "click here to read", NULL};
    size_t from = n > S_RULE_MAX ? n - S_RULE_MAX : 0, i;
    char low[S_RULE_MAX + 1];
    size_t ln;
    const char *const *c;

    /* start on a character boundary */
    while (from < n && ((unsigned char)s[from] & 0xC0) == 0x80)
        from++;
    /* every cue contains "read": most paragraphs are rejected by one scan
     * for it, in any ASCII case, before the lowercased copy is made */
    {
        size_t r;
        for (r = from; r + 4 <= n; r++) {
            /* eight bytes with no 'r' or 'R' at a time (b | 0x20 == 'r'
             * only for those two; 0x80 of nz marks the other bytes) */
            while (n - r >= 8) {
                const uint64_t lo7 = 0x7F7F7F7F7F7F7F7FULL, hi = 0x8080808080808080ULL;
                uint64_t w, x, nz;
                memcpy(&w, s + r, 8);
                x = (w | 0x2020202020202020ULL) ^ 0x7272727272727272ULL;
                nz = (((x & lo7) + lo7) | x) & hi;
                if (nz != hi)
                    break;
                r += 8;
            }
            if (r + 4 <= n && (s[r] | 0x20) == 'r' && (s[r + 1] | 0x20) == 'e' &&
                (s[r + 2] | 0x20) == 'a' && (s[r + 3] | 0x20) == 'd')
                break;
        }
        if (r + 4 > n)
            return n;
    }
    ln = S_lower(s + from, n - from, low);
    for (c = cues; *c; c++) {
        size_t cl = strlen(*c);
        for (i = 0; i + cl <= ln; i++) {
            /* first byte first: memcmp per position was a quarter of the
             * whole pipeline's time */
            if (low[i] != (*c)[0] || memcmp(low + i, *c, cl) != 0)
                continue;
            /* must start a sentence: at the paragraph start or after ". " */
            if (i == 0 && from == 0)
                return 0;
            if (i >= 2 && low[i - 1] == ' ' &&
                (low[i - 2] == '.' || low[i - 2] == '!' || low[i - 2] == '?')) {
                /* and run to the end as one sentence */
                const char *rest = low + i;
                const char *dot = strpbrk(rest, ".!?");
                if (!dot || (size_t)(dot - low) >= ln - 2)
                    return from + i;
            }
        }
    }
    return n;
}

/* ---- paragraph grouping ----------------------------------------------- */

/* Plain text hard-wrapped at a fixed width ("...of the\nregion, ...") has
 * paragraphs separated by blank lines and many lines per paragraph; in that
 * case lines are joined.  Scraped news with one paragraph per line is left
 * alone. */
static int S_is_wrapped(const S_line *L, size_t nlines)
{
    size_t i, nonblank = 0, followed = 0, blanks = 0, mid = 0;
    for (i = 0; i < nlines; i++) {
        if (L[i].blank) {
            blanks++;
            continue;
        }
        nonblank++;
        if (i + 1 < nlines && !L[i + 1].blank) {
            followed++;
            if (L[i].len >= 40 && L[i].len <= 100)
                mid++;
        }
    }
    return blanks > 0 && nonblank >= 4 && followed * 2 > nonblank && mid * 10 >= followed * 8;
}

/* ---- main ------------------------------------------------------------- */

static int S_add_removed(const pc_mem *mem, pc_clean_result *res, int reason, const char *s,
                         size_t n, size_t pos, uint32_t line)
{
    void *p = res->removed;
    size_t start = res->removed_text.len;
    int rc = pc_grow(mem, &p, &res->rcap, res->nremoved + 1, sizeof(pc_removed));
    if (rc != PC_OK)
        return rc;
    res->removed = (pc_removed *)p;
    if ((rc = pc_buf_put(mem, &res->removed_text, s, n)) != PC_OK)
        return rc;
    res->removed[res->nremoved].reason = reason;
    res->removed[res->nremoved].text_start = (uint32_t)start;
    res->removed[res->nremoved].text_end = (uint32_t)res->removed_text.len;
    res->removed[res->nremoved].pos = (uint32_t)pos;
    res->removed[res->nremoved].line = line;
    res->nremoved++;
    return PC_OK;
}

static uint64_t S_hash(const char *s, size_t n)
{
    /* only for the repeat set (equal hashes are confirmed with memcmp, and
     * which paragraphs are repeats does not depend on the hash), so any
     * mixing will do: FNV-1a style over eight bytes at a time, of the length
     * and the first and last 64 bytes only */
    uint64_t h = 1469598103934665603ULL ^ (uint64_t)n;
    size_t i = 0;
    if (n > 128) {
        for (; i < 64; i += 8) {
            uint64_t w;
            memcpy(&w, s + i, 8);
            h = (h ^ w) * 1099511628211ULL;
            h ^= h >> 29;
        }
        s += n - 64;
        n = 64;
        i = 0;
    }
    for (; n - i >= 8; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        h = (h ^ w) * 1099511628211ULL;
        h ^= h >> 29;
    }
    for (; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ULL;
    }
    return h ? h : 1;
}

int pc_clean(const pc_mem *mem, const char *s, size_t n, const pc_hint *hints, size_t nhints,
             int flags, pc_clean_result *res)
{
    pc_buf lines = PC_BUF_INIT, t1 = PC_BUF_INIT, t2 = PC_BUF_INIT, pbuf = PC_BUF_INIT;
    S_line *L = NULL;
    size_t nlines = 0, lcap = 0, i, j;
    S_para *paras = NULL;
    size_t npara = 0, pcap = 0;
    pc_hint *sorted = NULL;
    const pc_hint **active = NULL;
    size_t nactive = 0, acap = 0, hpos = 0;
    uint64_t *seen = NULL;   /* open addressing: hash of a kept paragraph ... */
    uint32_t *seen_at = NULL; /* ... and its index */
    size_t seen_cap = 0;
    int rc = PC_OK, wrapped;

    if (n > UINT32_MAX / 2)
        return PC_ETOOBIG;
    if (nhints) {
        size_t bytes;
        if (!pc_mul_ok(nhints, sizeof(pc_hint), &bytes))
            return PC_EOVERFLOW;
        sorted = (pc_hint *)mem->calloc(mem->ctx, nhints, sizeof(pc_hint));
        if (!sorted)
            return PC_ENOMEM;
        memcpy(sorted, hints, bytes);
        qsort(sorted, nhints, sizeof(pc_hint), S_hint_cmp);
    }
    if ((rc = pc_buf_reserve(mem, &lines, n)) != PC_OK)
        goto done;

    /* 1. split and normalize lines */
    {
        size_t ls = 0, line_no = 1;
        i = 0;
        while (ls <= n) {
            size_t br = 0, le;
            while (i < n) {
                /* only \n \v \f \r, 0xC2 (U+0085) and 0xE2 (U+2028/9)
                 * can start a break: skip eight bytes with none below 0x0E
                 * and none above 0x7F at a time */
                unsigned char c;
                while (n - i >= 8) {
                    uint64_t w;
                    memcpy(&w, s + i, 8);
                    if (((w - 0x0E0E0E0E0E0E0E0EULL) | w) & 0x8080808080808080ULL)
                        break;
                    i += 8;
                }
                if (i >= n)
                    break;
                c = (unsigned char)s[i];
                if ((c > '\r' && c != 0xC2 && c != 0xE2) || c < '\n') {
                    i++;
                    continue;
                }
                if ((br = S_linebreak(s, n, i)) != 0)
                    break;
                i++;
            }
            le = i;
            {
                void *p = L;
                if ((rc = pc_grow(mem, &p, &lcap, nlines + 1, sizeof(S_line))) != PC_OK)
                    goto done;
                L = (S_line *)p;
            }
            L[nlines].start = (uint32_t)lines.len;
            rc = S_norm_line(mem, s + ls, le - ls, flags, &t1, &t2, &lines, &res->stats);
            if (rc != PC_OK)
                goto done;
            L[nlines].len = (uint32_t)(lines.len - L[nlines].start);
            L[nlines].blank = L[nlines].len == 0;
            L[nlines].line = (uint32_t)line_no;
            /* hint: the highest-ranked hint that contains the whole line */
            L[nlines].hint = PC_HINT_NONE;
            if (nhints && le > ls) {
                size_t a, keep = 0;
                while (hpos < nhints && sorted[hpos].start <= ls) {
                    void *p = (void *)active;
                    if ((rc = pc_grow(mem, &p, &acap, nactive + 1, sizeof(*active))) != PC_OK)
                        goto done;
                    active = (const pc_hint **)p;
                    active[nactive++] = &sorted[hpos++];
                }
                for (a = 0; a < nactive; a++) {
                    if (active[a]->end <= ls)
                        continue;
                    active[keep++] = active[a];
                }
                nactive = keep;
                for (a = 0; a < nactive; a++)
                    if (active[a]->end >= le &&
                        S_hint_rank(active[a]->kind) > S_hint_rank(L[nlines].hint))
                        L[nlines].hint = active[a]->kind;
            }
            nlines++;
            line_no++;
            if (i >= n)
                break;
            i += br;
            ls = i;
        }
    }
    pc_buf_free(mem, &t1);
    pc_buf_free(mem, &t2);

    /* 2. group lines into paragraphs */
    wrapped = nhints == 0 && S_is_wrapped(L, nlines);
    if ((rc = pc_buf_reserve(mem, &pbuf, lines.len + nlines)) != PC_OK)
        goto done;
    for (i = 0; i < nlines; i++) {
        void *p;
        if (L[i].blank)
            continue;
        p = paras;
        if ((rc = pc_grow(mem, &p, &pcap, npara + 1, sizeof(S_para))) != PC_OK)
            goto done;
        paras = (S_para *)p;
        memset(&paras[npara], 0, sizeof(S_para));
        paras[npara].start = (uint32_t)pbuf.len;
        paras[npara].line = L[i].line;
        paras[npara].hint = L[i].hint;
        if ((rc = pc_buf_put(mem, &pbuf, lines.data + L[i].start, L[i].len)) != PC_OK)
            goto done;
        while (wrapped && i + 1 < nlines && !L[i + 1].blank && L[i + 1].hint == L[i].hint) {
            i++;
            if ((rc = pc_buf_putc(mem, &pbuf, ' ')) != PC_OK)
                goto done;
            if ((rc = pc_buf_put(mem, &pbuf, lines.data + L[i].start, L[i].len)) != PC_OK)
                goto done;
        }
        paras[npara].end = (uint32_t)pbuf.len;
        paras[npara].words = S_words(pbuf.data + paras[npara].start, pbuf.len - paras[npara].start);
        paras[npara].cut = paras[npara].end - paras[npara].start;
        npara++;
    }
    pc_buf_free(mem, &lines);

    /* 3. classify */
    if (!(flags & PC_CLEAN_KEEP_BOILERPLATE)) {
        size_t last_body = npara, first_kept;
        int any_sentence = 0;

        /* exact repeats: a later copy of a paragraph is removed */
        for (seen_cap = 16; seen_cap < npara * 2; seen_cap *= 2)
            ;
        seen = (uint64_t *)mem->calloc(mem->ctx, seen_cap, sizeof(uint64_t));
        seen_at = (uint32_t *)mem->calloc(mem->ctx, seen_cap, sizeof(uint32_t));
        if (!seen || !seen_at) {
            rc = PC_ENOMEM;
            goto done;
        }
        for (i = 0; i < npara; i++) {
            S_para *p = &paras[i];
            const char *ps = pbuf.data + p->start;
            size_t pn = p->end - p->start;
            if (S_hint_reason(p->hint)) {
                p->reason = S_hint_reason(p->hint);
                continue;
            }
            p->reason = S_classify(ps, pn, p->words);
            if (!p->reason && p->hint == PC_HINT_CAPTION && p->words < S_CAPTION_TEXT)
                p->reason = PC_RM_CAPTION;
            if (!p->reason) {
                uint64_t h = S_hash(ps, pn);
                size_t slot = (size_t)(h & (seen_cap - 1));
                while (seen[slot]) {
                    j = seen_at[slot];
                    if (seen[slot] == h && paras[j].end - paras[j].start == pn &&
                        memcmp(pbuf.data + paras[j].start, ps, pn) == 0) {
                        p->reason = PC_RM_REPEATED;
                        break;
                    }
                    slot = (slot + 1) & (seen_cap - 1);
                }
                if (!p->reason) {
                    seen[slot] = h;
                    seen_at[slot] = (uint32_t)i;
                }
            }
            if (!p->reason) {
                size_t cut = S_read_more(ps, pn);
                if (cut == 0)
                    p->reason = PC_RM_TEASER;
                else if (cut < pn) {
                    while (cut > 0 && ps[cut - 1] == ' ')
                        cut--;
                    p->cut = (uint32_t)cut;
                }
            }
        }
        /* trailing page furniture: short lines without sentence punctuation
         * after the article's last sentence ("Caucasus", "News Line") */
        for (i = 0; i < npara; i++)
            if (!paras[i].reason && S_terminal(S_last_cp(pbuf.data + paras[i].start,
                                                         paras[i].cut)))
                any_sentence = 1;
        if (any_sentence) {
            for (i = npara; i-- > 0;) {
                S_para *p = &paras[i];
                if (p->reason)
                    continue;
                if (p->words <= 4 && !S_terminal(S_last_cp(pbuf.data + p->start, p->cut))) {
                    p->reason = PC_RM_PAGE_CHROME;
                    continue;
                }
                last_body = i;
                break;
            }
        }
        (void)last_body;
        /* leading page furniture of a web page (hints: the text came from
         * HTML): short lines without any closing punctuation before the
         * first sentence ("Start-ups", "Zusatzinformationen") */
        if (nhints && any_sentence) {
            for (i = 0; i < npara; i++) {
                S_para *p = &paras[i];
                int32_t last;
                if (p->reason)
                    continue;
                last = S_last_cp(pbuf.data + p->start, p->cut);
                if (p->hint == PC_HINT_TITLE || p->hint == PC_HINT_HEADING || p->words > 5 || S_terminal(last) ||
                    last == ':' || last == '"' || last == 0x201D || last == 0xBB || last == ')')
                    break;
                p->reason = PC_RM_PAGE_CHROME;
            }
        }
        /* headline and headings */
        first_kept = npara;
        for (i = 0; i < npara; i++)
            if (!paras[i].reason) {
                first_kept = i;
                break;
            }
        for (i = 0; i < npara; i++) {
            S_para *p = &paras[i];
            const char *ps = pbuf.data + p->start;
            int32_t last;
            if (p->reason)
                continue;
            last = S_last_cp(ps, p->cut);
            if (p->hint == PC_HINT_TITLE) {
                p->kind = PC_PARA_TITLE;
                continue;
            }
            if (p->hint == PC_HINT_HEADING) {
                p->kind = PC_PARA_HEADING;
                continue;
            }
            if (p->words == 0 || !S_is_upper_start(ps, p->cut))
                continue;
            if (i == first_kept && p->words <= 25 && !S_terminal(last) && last != ':' &&
                last != ';' && last != ',' && i + 1 < npara) {
                p->kind = PC_PARA_TITLE;
                continue;
            }
            if (p->words <= 12 && i + 1 < npara &&
                ((!S_terminal(last) && last != ':' && last != ';' && last != ',') ||
                 (last == '?' && S_capitalized_pct(ps, p->cut) >= 60)))
                p->kind = PC_PARA_HEADING;
        }
    }

    /* 4. write the output */
    if ((rc = pc_buf_reserve(mem, &res->text, pbuf.len + 2 * npara)) != PC_OK)
        goto done;
    for (i = 0; i < npara; i++) {
        S_para *p = &paras[i];
        const char *ps = pbuf.data + p->start;
        size_t pn = p->end - p->start;
        void *vp;
        if (p->reason) {
            rc = S_add_removed(mem, res, p->reason, ps, pn, res->text.len, p->line);
            if (rc != PC_OK)
                goto done;
            continue;
        }
        if (res->text.len && (rc = pc_buf_put(mem, &res->text, "\n\n", 2)) != PC_OK)
            goto done;
        vp = res->paras;
        if ((rc = pc_grow(mem, &vp, &res->pcap, res->npara + 1, sizeof(pc_para))) != PC_OK)
            goto done;
        res->paras = (pc_para *)vp;
        res->paras[res->npara].start = (uint32_t)res->text.len;
        if ((rc = pc_buf_put(mem, &res->text, ps, p->cut)) != PC_OK)
            goto done;
        res->paras[res->npara].end = (uint32_t)res->text.len;
        res->paras[res->npara].kind = p->kind;
        res->npara++;
        if (p->cut < pn) {
            size_t from = p->cut;
            while (from < pn && ps[from] == ' ')
                from++;
            rc = S_add_removed(mem, res, PC_RM_READ_MORE, ps + from, pn - from, res->text.len,
                               p->line);
            if (rc != PC_OK)
                goto done;
        }
    }
    if (!res->text.data && (rc = pc_buf_reserve(mem, &res->text, 0)) != PC_OK)
        goto done;
    if (!res->removed_text.data && (rc = pc_buf_reserve(mem, &res->removed_text, 0)) != PC_OK)
        goto done;
done:
    pc_buf_free(mem, &lines);
    pc_buf_free(mem, &t1);
    pc_buf_free(mem, &t2);
    pc_buf_free(mem, &pbuf);
    if (L)
        mem->free(mem->ctx, L);
    if (paras)
        mem->free(mem->ctx, paras);
    if (sorted)
        mem->free(mem->ctx, sorted);
    if (active)
        mem->free(mem->ctx, (void *)active);
    if (seen)
        mem->free(mem->ctx, seen);
    if (seen_at)
        mem->free(mem->ctx, seen_at);
    return rc;
}

void pc_clean_result_free(const pc_mem *mem, pc_clean_result *res)
{
    pc_buf_free(mem, &res->text);
    pc_buf_free(mem, &res->removed_text);
    if (res->paras)
        mem->free(mem->ctx, res->paras);
    if (res->removed)
        mem->free(mem->ctx, res->removed);
    memset(res, 0, sizeof *res);
}
