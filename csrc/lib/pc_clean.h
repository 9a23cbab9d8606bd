/*
 * pc_clean.h - text normalization and boilerplate removal.
 *
 * pc_clean() turns repaired UTF-8 (pc_utf8_repair; optionally HTML already
 * converted by pc_html_to_text, whose hints it uses) into the cleaned text a
 * user analyses:
 *   - Windows-1252 mojibake repaired, NFC, C0/C1 controls -> space,
 *     invisible characters (ZWSP, BOM, soft hyphen, word joiner) removed, all
 *     Unicode white space collapsed to one space; every such repair counted;
 *   - lines grouped into paragraphs (hard-wrapped plain text is re-joined);
 *   - boilerplate paragraphs removed *with their reason* (pc_removed): share
 *     and subscribe prompts, teasers, page chrome, photo captions and credits,
 *     syndication notes, bylines, datelines, citation lines, repeated lines,
 *     trailing "continue reading" sentences, HTML navigation;
 *   - the headline and section headings marked (PC_PARA_TITLE/HEADING).
 * Output text: kept paragraphs joined by "\n\n".  Removed text is kept, with
 * the byte position in the output where it was taken out, so nothing is lost.
 *
 * All arrays and buffers in pc_clean_result are owned by it; free with
 * pc_clean_result_free (also after an error).
 */
#ifndef PC_CLEAN_H
#define PC_CLEAN_H

#include "pc.h"
#include "pc_buf.h"
#include "pc_html.h"
#include "pc_utf8.h"

enum { PC_PARA_BODY = 0, PC_PARA_TITLE = 1, PC_PARA_HEADING = 2 };

enum {
    PC_RM_SHARE_PROMPT = 1,
    PC_RM_TEASER,
    PC_RM_PAGE_CHROME,
    PC_RM_CAPTION,
    PC_RM_CREDIT,
    PC_RM_SYNDICATION,
    PC_RM_BYLINE,
    PC_RM_DATELINE,
    PC_RM_CITATION,
    PC_RM_REPEATED,
    PC_RM_READ_MORE,
    PC_RM_HTML_CHROME,
    PC_RM_OUTSIDE_MAIN, /* HTML: outside the main content (pc_main) */
    PC_RM_LINK_LIST,    /* HTML: a link list inside it */
    PC_RM_COMMENTS,     /* HTML: reader comments */
    PC_RM_HIDDEN,       /* HTML: hidden elements */
    PC_RM_METADATA,     /* HTML: bylines, dates, tags shown as text */
    PC_RM_HEADLINE,     /* HTML: the article's headline (Document.title has it) */
    PC_RM__COUNT
};

/* Static name of a removal reason ("share_prompt", ...), "" if unknown. */
const char *pc_reason_name(int reason);

/* Flags for pc_clean */
#define PC_CLEAN_KEEP_BOILERPLATE 1 /* classify nothing as boilerplate */
#define PC_CLEAN_NO_MOJIBAKE 2      /* leave cp1252 mojibake alone */
#define PC_CLEAN_NO_NFC 4           /* skip Unicode normalization */

typedef struct pc_para {
    uint32_t start, end; /* byte range in text */
    int kind;            /* PC_PARA_* */
} pc_para;

typedef struct pc_removed {
    int reason;                  /* PC_RM_* */
    uint32_t text_start, text_end; /* byte range in removed_text */
    uint32_t pos;                /* byte offset in text where it was removed */
    uint32_t line;               /* 1-based line of the (extracted) input */
} pc_removed;

typedef struct pc_clean_result {
    pc_buf text;
    pc_para *paras;
    size_t npara, pcap;
    pc_removed *removed;
    size_t nremoved, rcap;
    pc_buf removed_text;
    pc_repair_stats stats; /* mojibake, controls, invisible are filled here */
} pc_clean_result;

int pc_clean(const pc_mem *mem, const char *s, size_t n, const pc_hint *hints, size_t nhints,
             int flags, pc_clean_result *res);

void pc_clean_result_free(const pc_mem *mem, pc_clean_result *res);

#endif
