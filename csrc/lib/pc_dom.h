/*
 * pc_dom.h - the light document tree that pc_html builds and that the
 * main-content selection (pc_main) and the metadata collection (pc_meta) read.
 * Internal to the HTML stage: nothing outside pc_html/pc_main/pc_meta uses it.
 *
 * Nodes live in one array in document order (pre-order), so a subtree is the
 * contiguous index range [i, nodes[i].end) and a parent always has a smaller
 * index than its children: bottom-up sums are one reverse loop, top-down
 * inheritance one forward loop, and no pass recurses.  Node 0 is the
 * document root.
 *
 * Text nodes hold decoded text (character references resolved, white space
 * collapsed to single spaces, kept in <pre>) as a byte range of `text`.
 * Script, style, comments and other raw-text content never become nodes.
 * Empty inline elements are dropped when they close and empty blocks become
 * line breaks, so junk markup costs no memory.
 *
 * While building, every text node's length is added to its nearest block
 * ancestor (own_txt), and to own_lnk when it is inside <a>: the paragraph
 * statistics the content scoring needs, with no second pass over the text.
 */
#ifndef PC_DOM_H
#define PC_DOM_H

#include "pc.h"
#include "pc_buf.h"

enum { PC_DN_ELEM = 0, PC_DN_TEXT = 1, PC_DN_BREAK = 2 };

/* Element kinds (pc_dom_tag_flags) */
#define PC_T_BLOCK 0x0001u   /* starts and ends a line */
#define PC_T_VOID 0x0002u    /* never has content */
#define PC_T_RAW 0x0004u     /* content is raw text, not markup */
#define PC_T_CHROME 0x0008u  /* page furniture by its tag (nav, footer, form ...) */
#define PC_T_CLOSES_P 0x0010u /* opening it closes an open <p> */
#define PC_T_SCOPE 0x0020u   /* end tags do not cross it (table, td, th ...) */
#define PC_T_HEADING 0x0040u /* h1..h6 */
#define PC_T_LIST 0x0080u    /* ul, ol, dl, menu */
#define PC_T_FOREIGN 0x0100u /* svg, math: "/>" closes elements inside */
#define PC_T_FORMAT 0x0200u  /* inline formatting (b, i, em, span ...) */

/* Tag ids: order of the table in pc_html.c (sorted by name). */
enum {
    PC_TAG_UNKNOWN = 0,
    PC_TAG_A, PC_TAG_ADDRESS, PC_TAG_ARTICLE, PC_TAG_ASIDE, PC_TAG_AUDIO, PC_TAG_B, PC_TAG_BASE,
    PC_TAG_BLOCKQUOTE, PC_TAG_BODY, PC_TAG_BR, PC_TAG_BUTTON, PC_TAG_CANVAS, PC_TAG_CAPTION,
    PC_TAG_CENTER, PC_TAG_CITE, PC_TAG_CODE, PC_TAG_COL, PC_TAG_DD, PC_TAG_DETAILS, PC_TAG_DIALOG,
    PC_TAG_DIV, PC_TAG_DL, PC_TAG_DT, PC_TAG_EM, PC_TAG_EMBED, PC_TAG_FIELDSET, PC_TAG_FIGCAPTION,
    PC_TAG_FIGURE, PC_TAG_FONT, PC_TAG_FOOTER, PC_TAG_FORM, PC_TAG_H1, PC_TAG_H2, PC_TAG_H3,
    PC_TAG_H4, PC_TAG_H5, PC_TAG_H6, PC_TAG_HEAD, PC_TAG_HEADER, PC_TAG_HGROUP, PC_TAG_HR,
    PC_TAG_HTML, PC_TAG_I, PC_TAG_IFRAME, PC_TAG_IMG, PC_TAG_INPUT, PC_TAG_LABEL, PC_TAG_LEGEND,
    PC_TAG_LI, PC_TAG_LINK, PC_TAG_MAIN, PC_TAG_MATH, PC_TAG_MENU, PC_TAG_META, PC_TAG_NAV,
    PC_TAG_NOEMBED, PC_TAG_NOFRAMES, PC_TAG_NOSCRIPT, PC_TAG_OBJECT, PC_TAG_OL, PC_TAG_OPTGROUP,
    PC_TAG_OPTION, PC_TAG_P, PC_TAG_PARAM, PC_TAG_PLAINTEXT, PC_TAG_PRE, PC_TAG_Q, PC_TAG_RP,
    PC_TAG_RT, PC_TAG_S,
    PC_TAG_SCRIPT, PC_TAG_SECTION, PC_TAG_SELECT, PC_TAG_SMALL, PC_TAG_SOURCE, PC_TAG_SPAN,
    PC_TAG_STRONG, PC_TAG_STYLE, PC_TAG_SUB, PC_TAG_SUMMARY, PC_TAG_SUP, PC_TAG_SVG, PC_TAG_TABLE,
    PC_TAG_TBODY, PC_TAG_TD, PC_TAG_TEMPLATE, PC_TAG_TEXTAREA, PC_TAG_TFOOT, PC_TAG_TH,
    PC_TAG_THEAD, PC_TAG_TIME, PC_TAG_TITLE, PC_TAG_TR, PC_TAG_TRACK, PC_TAG_U, PC_TAG_UL,
    PC_TAG_VIDEO, PC_TAG_WBR, PC_TAG_XMP,
    PC_TAG__COUNT
};

/* What class, id, role, itemprop and a few other attributes say about an
 * element (pc_dom_node.cls).  NEG_* words mark page furniture, POS_* article
 * content; see S_words in pc_html.c for the lists. */
#define PC_CLS_NAV 0x0001u      /* navigation, menus, breadcrumbs, pagination */
#define PC_CLS_FOOTER 0x0002u   /* footers, copyright */
#define PC_CLS_SIDE 0x0004u     /* sidebars, widgets */
#define PC_CLS_SHARE 0x0008u    /* share and social buttons */
#define PC_CLS_RELATED 0x0010u  /* related, recommended, popular, "read more" */
#define PC_CLS_COMMENT 0x0020u  /* comments and replies */
#define PC_CLS_AD 0x0040u       /* advertising, sponsors, promos */
#define PC_CLS_CONSENT 0x0080u  /* cookie notices, newsletter, subscription, modals */
#define PC_CLS_META 0x0100u     /* bylines, authors, dates, tags (metadata, not text) */
#define PC_CLS_HIDDEN 0x0200u   /* hidden, display:none, aria-hidden, screen-reader only */
#define PC_CLS_POS 0x0400u      /* weak article hint: article, content, story, post ... */
#define PC_CLS_BODY 0x0800u     /* strong article-body hint: articleBody, entry-content ... */
#define PC_CLS_AUTHOR 0x1000u   /* author/byline element (for metadata) */
#define PC_CLS_DATE 0x2000u     /* date/time element (for metadata) */
#define PC_CLS_MAINROLE 0x4000u /* role=main / <main> */
#define PC_CLS_CAPTION 0x8000u  /* a caption by its class (wp-caption-text, image-caption) */
#define PC_CLS_ARTICLE 0x10000u /* schema.org microdata: itemtype ...Article, BlogPosting */
#define PC_CLS_NEG                                                                           \
    (PC_CLS_NAV | PC_CLS_FOOTER | PC_CLS_SIDE | PC_CLS_SHARE | PC_CLS_RELATED | PC_CLS_COMMENT | \
     PC_CLS_AD | PC_CLS_CONSENT | PC_CLS_META | PC_CLS_HIDDEN)

typedef struct pc_dom_node {
    uint32_t parent;    /* index of the parent element (root: 0) */
    uint32_t end;       /* one past the last node of the subtree */
    uint32_t tstart;    /* text: byte range in dom->text; element: start tag offset in input */
    uint32_t tlen;
    uint32_t cls;       /* PC_CLS_* (elements) */
    uint32_t own_txt;   /* bytes of text whose nearest block ancestor this is */
    uint32_t own_lnk;   /* ... of which inside <a> */
    uint16_t own_punct; /* sentence punctuation and commas in that text (saturating) */
    uint16_t tag;       /* PC_TAG_* */
    uint8_t kind;       /* PC_DN_* */
    uint8_t pad[3];
} pc_dom_node;

/* One attribute of a start tag, as byte ranges of the input (value not decoded). */
typedef struct pc_dom_attr {
    const char *name, *val;
    size_t nlen, vlen;
} pc_dom_attr;

#define PC_DOM_MAX_ATTRS 24

/* The value of attribute `name` (lower-case ASCII) among attrs, or NULL. */
const pc_dom_attr *pc_dom_attr_get(const pc_dom_attr *attrs, size_t nattrs, const char *name);

/* Case-insensitive ASCII compare of s[0..n) with the lower-case literal `lit`. */
int pc_dom_ieq(const char *s, size_t n, const char *lit);

typedef struct pc_dom {
    pc_dom_node *nodes;
    size_t n, cap;
    pc_buf text; /* decoded text of the text nodes */
} pc_dom;

unsigned pc_dom_tag_flags(int tag);
const char *pc_dom_tag_name(int tag);
void pc_dom_free(const pc_mem *mem, pc_dom *dom);

#endif
