/*
 * pc_html.h - a forgiving HTML-to-text scanner for scraped news pages.
 *
 * It is not an HTML5 tree builder: it streams over the bytes once, keeps a
 * bounded stack of open elements (PC_HTML_MAX_DEPTH; deeper nesting is still
 * scanned, only not tracked) and never recurses, so any input, however
 * malformed or deeply nested, is handled in linear time and bounded memory.
 *
 * Output: the visible text with one '\n' between block elements, and hints
 * that tell the cleaner what some lines were:
 *   PC_HINT_TITLE    <h1> (headline candidate)
 *   PC_HINT_HEADING  <h2>..<h6>
 *   PC_HINT_CAPTION  <figcaption>, <caption>
 *   PC_HINT_CHROME   navigation, footers, sidebars, forms, share/related/
 *                    comment blocks (by element or class/id): the cleaner
 *                    removes these lines and keeps them in Document.removed.
 * The content of <script>, <style>, <template> and comments is not text; it
 * is dropped and its size counted in `dropped_bytes`.  An unterminated
 * comment or raw-text element runs to the end of the input, as in browsers;
 * `unterminated` counts such cases so the caller can report them.
 * <title> and <meta> values (author, dates, site name, description) go to
 * `meta`, a list of key/value pairs stored in `metabuf`.
 *
 * Input must be valid UTF-8 (pc_utf8_repair); output is valid UTF-8.
 * Everything in pc_html_result is owned by it: free with pc_html_result_free.
 */
#ifndef PC_HTML_H
#define PC_HTML_H

#include "pc.h"
#include "pc_buf.h"

#define PC_HTML_MAX_DEPTH 256

enum { PC_HINT_NONE = 0, PC_HINT_TITLE, PC_HINT_HEADING, PC_HINT_CAPTION, PC_HINT_CHROME };

enum {
    PC_META_TITLE = 1,     /* <title> */
    PC_META_OG_TITLE,      /* og:title, twitter:title */
    PC_META_AUTHOR,        /* author, article:author */
    PC_META_PUBLISHED,     /* article:published_time, date, pubdate, datePublished */
    PC_META_MODIFIED,      /* article:modified_time, dateModified */
    PC_META_SITE,          /* og:site_name, application-name */
    PC_META_DESCRIPTION    /* description, og:description */
};

typedef struct pc_hint {
    uint32_t start, end; /* byte range in text */
    int kind;
} pc_hint;

typedef struct pc_meta_kv {
    int key;             /* PC_META_* */
    uint32_t start, end; /* value: byte range in metabuf */
} pc_meta_kv;

typedef struct pc_html_result {
    pc_buf text;
    pc_hint *hints;
    size_t nhints, hcap;
    pc_buf metabuf;
    pc_meta_kv *meta;
    size_t nmeta, mcap;
    size_t dropped_bytes; /* script/style/comment bytes not turned into text */
    size_t unterminated;  /* comments/raw-text elements that ran to the end */
} pc_html_result;

/* Heuristic: does this look like HTML rather than plain text?  Looks at the
 * first 4 KiB for known tags. */
int pc_html_sniff(const char *s, size_t n);

/* Convert; `res` must be zeroed by the caller.  On error the partial result
 * is still owned by `res` and must be freed. */
int pc_html_to_text(const pc_mem *mem, const char *s, size_t n, pc_html_result *res);

void pc_html_result_free(const pc_mem *mem, pc_html_result *res);

#endif
