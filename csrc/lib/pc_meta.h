/*
 * pc_meta.h - metadata of an HTML page, collected while pc_html builds its
 * tree: <title>, <meta> (OpenGraph, article:*, Dublin Core, Twitter,
 * schema.org itemprop, common CMS names), JSON-LD scripts (raw: the Python
 * layer parses them with its json module), <link rel=canonical>, <html lang>,
 * and from the tree: the first <h1>, author/byline elements, <time datetime>.
 *
 * Values are stored in pc_html_result.metabuf with character references
 * decoded and white space collapsed (JSON-LD is kept raw).  Single-valued
 * keys keep their first value; multi-valued keys (PC_META_IS_MULTI) keep up
 * to PC_META_MAX_MULTI values each, so a hostile page cannot grow the list
 * beyond a bound.  Names for Python: pc_meta_key_name.
 */
#ifndef PC_META_H
#define PC_META_H

#include "pc.h"
#include "pc_dom.h"
#include "pc_html.h"

enum {
    PC_META_TITLE = 1,     /* <title> */
    PC_META_OG_TITLE,      /* og:title */
    PC_META_META_TITLE,    /* twitter:title, dc.title, itemprop=headline, parsely-title ... */
    PC_META_AUTHOR,        /* author, article:author, dc.creator, parsely-author ... */
    PC_META_PUBLISHED,     /* article:published_time, datePublished, dc.date ... */
    PC_META_MODIFIED,      /* article:modified_time, dateModified, og:updated_time ... */
    PC_META_SITE,          /* og:site_name, application-name, publisher */
    PC_META_DESCRIPTION,   /* description, og:description, twitter:description */
    PC_META_JSONLD,        /* <script type=application/ld+json> (multi, raw) */
    PC_META_CANONICAL,     /* <link rel=canonical href> */
    PC_META_URL,           /* og:url */
    PC_META_LANG,          /* <html lang> */
    PC_META_LOCALE,        /* og:locale, content-language, dc.language */
    PC_META_TAGS,          /* keywords, news_keywords, article:tag (multi) */
    PC_META_SECTION,       /* article:section */
    PC_META_H1,            /* first <h1> of the main content (else of the page) */
    PC_META_BYLINE,        /* text of author/byline elements (multi) */
    PC_META_TIME,          /* <time datetime> values, in order (multi) */
    PC_META_PUBDATE,       /* <time pubdate> / itemprop=datePublished on an element */
    PC_META_DATETEXT,      /* text of date-marked elements (class date, ...) (multi) */
    PC_META_TWITTER,       /* twitter:labelN / twitter:dataN as "labelN=..." (multi) */
    PC_META__COUNT
};

#define PC_META_IS_MULTI(k)                                                               \
    ((k) == PC_META_JSONLD || (k) == PC_META_TAGS || (k) == PC_META_BYLINE ||                  \
     (k) == PC_META_TIME || (k) == PC_META_DATETEXT || (k) == PC_META_TWITTER)
#define PC_META_MAX_MULTI 16
#define PC_META_MAX_VALUE 4096
#define PC_META_MAX_RAW (4u << 20)

/* Static name of a key ("html_title", "jsonld", ...); "" when unknown. */
const char *pc_meta_key_name(int key);

enum { PC_META_RAW = 0, PC_META_TEXT = 1, PC_META_ATTR = 2 };

/* Add a value.  `decode` PC_META_TEXT / PC_META_ATTR: resolve character
 * references (with the text or the attribute-value rules), collapse white
 * space, trim, and strip C0/C1 controls and bidirectional overrides/isolates
 * (a title must not carry terminal escapes or reorder what is printed after
 * it); PC_META_RAW: store the bytes as they are (JSON-LD).  Values are cut
 * at PC_META_MAX_VALUE bytes (JSON-LD at PC_META_MAX_RAW). */
int pc_meta_add(const pc_mem *mem, pc_html_result *res, int key, const char *v, size_t vn,
                int decode);

/* A start tag's contribution: <meta>, <link>, <html>; on any element, a date it
 * carries in an attribute: itemprop/property datePublished (and kin), or a
 * datetime/content/title attribute of an element marked as a date (`cls`,
 * PC_CLS_DATE: hAtom "published"/"updated", class "date" ...). */
int pc_meta_tag(const pc_mem *mem, pc_html_result *res, int tag, uint32_t cls,
                const pc_dom_attr *attrs, size_t nattrs);

/* After the tree is built and the main content chosen: the first <h1>
 * (inside node `main` when it has one), author/byline elements and <time>
 * elements with a datetime (times in `main` first; a <time> node's
 * tstart/tlen is its datetime value in `src`).  `main` 0: no main node. */
int pc_meta_from_dom(const pc_mem *mem, pc_html_result *res, const pc_dom *dom, const char *src,
                     uint32_t main);

#endif
