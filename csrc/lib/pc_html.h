/*
 * pc_html.h - HTML to article text: a WHATWG-style tokenizer, a light tree
 * (pc_dom.h), main-content selection (pc_main.h) and metadata collection
 * (pc_meta.h), in one linear pass each.
 *
 * The tokenizer follows the standard where it matters for text: character
 * references from the full HTML5 table (pc_charref.h); comments end at "-->",
 * "--!>", and "<!-->" / "<!--->" are empty comments; raw-text elements
 * (script, style, textarea, title, ...) end only at their own end tag;
 * everything after <plaintext> is text; implied end tags for p, li, dd/dt,
 * table cells and options; end tags do not cross table cells.  It is not a
 * full HTML5 tree builder (no adoption agency, no foster parenting): the tree
 * is exact enough to tell paragraphs, links, lists and containers apart.
 * Open elements are tracked up to PC_HTML_MAX_DEPTH; deeper nesting is still
 * scanned, only not tracked.  Nothing recurses and every scan moves forward,
 * so any input, however malformed or deeply nested, costs linear time.
 *
 * Output: all visible text, in document order, one '\n' between blocks, and
 * hints that tell the cleaner what some lines are:
 *   PC_HINT_TITLE    <h1>           PC_HINT_HEADING  <h2>..<h6>
 *   PC_HINT_CAPTION  <figcaption>, <caption>
 * and, for text that is not the article, why it is not (the cleaner moves
 * those lines to Document.removed with that reason):
 *   PC_HINT_CHROME    navigation, footers, sidebars, forms, share and related
 *                     blocks (by element or class/id)          "html_chrome"
 *   PC_HINT_OFFMAIN   outside the main content                  "outside_main"
 *   PC_HINT_LINKS     link lists inside it (link farms)         "link_list"
 *   PC_HINT_COMMENTS  reader comments                           "comments"
 *   PC_HINT_HIDDEN    hidden elements                           "hidden"
 *   PC_HINT_METADATA  bylines, dates, tags shown as page text   "metadata"
 *   PC_HINT_HEADLINE  the article's <h1>: it is the title         "headline"
 * The content of <script>, <style>, <template> and comments is not text; it
 * is dropped and its size counted in `dropped_bytes`.  An unterminated
 * comment or raw-text element runs to the end of the input, as in browsers;
 * `unterminated` counts such cases.  Metadata (title, <meta>, JSON-LD,
 * canonical URL, lang, bylines, <time>) goes to `meta`: key/value pairs, the
 * values in `metabuf` (pc_meta.h lists the keys).
 *
 * Input must be valid UTF-8 (pc_utf8_repair); output is valid UTF-8.
 * Everything in pc_html_result is owned by it: free with pc_html_result_free.
 */
#ifndef PC_HTML_H
#define PC_HTML_H

#include "pc.h"
#include "pc_buf.h"

#define PC_HTML_MAX_DEPTH 256

enum {
    PC_HINT_NONE = 0,
    PC_HINT_TITLE,
    PC_HINT_HEADING,
    PC_HINT_CAPTION,
    PC_HINT_CHROME,
    PC_HINT_OFFMAIN,
    PC_HINT_LINKS,
    PC_HINT_COMMENTS,
    PC_HINT_HIDDEN,
    PC_HINT_METADATA,
    PC_HINT_HEADLINE,
    PC_HINT__COUNT
};

/* Is this hint kind one that removes its lines (CHROME and after)? */
#define PC_HINT_IS_DROP(k) ((k) >= PC_HINT_CHROME)

typedef struct pc_hint {
    uint32_t start, end; /* byte range in text */
    int kind;
} pc_hint;

typedef struct pc_meta_kv {
    int key;             /* PC_META_* (pc_meta.h) */
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

/* Does this look like HTML rather than plain text?  True when the input
 * starts (after a BOM and white space) with a doctype, a comment or one of
 * the elements that open a page (html, head, body, meta, title, ...), or when
 * two known tags appear anywhere in the first 64 KiB: a long attribute or
 * comment in front of the first tag does not hide a page. */
int pc_html_sniff(const char *s, size_t n);

/* Convert; `res` must be zeroed by the caller.  On error the partial result
 * is still owned by `res` and must be freed. */
int pc_html_to_text(const pc_mem *mem, const char *s, size_t n, pc_html_result *res);

void pc_html_result_free(const pc_mem *mem, pc_html_result *res);

#endif
