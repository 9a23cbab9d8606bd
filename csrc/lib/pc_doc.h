/*
 * pc_doc.h - the whole per-document pipeline in one call:
 *   bytes -> pc_utf8_repair -> (pc_html_to_text) -> pc_clean -> pc_segment
 *
 * pc_doc_parse never fails on content: any byte sequence gives a document
 * (possibly empty) and the repairs it needed are counted in doc->stats.  It
 * fails only on memory (PC_ENOMEM), on a size limit (PC_ETOOBIG when the
 * input exceeds opts->max_bytes) or on arguments (PC_EINVAL).  On failure the
 * partially filled doc must still be released with pc_doc_free.
 */
#ifndef PC_DOC_H
#define PC_DOC_H

#include "pc.h"
#include "pc_clean.h"
#include "pc_html.h"
#include "pc_segment.h"
#include "pc_utf8.h"

enum { PC_MODE_AUTO = 0, PC_MODE_TEXT = 1, PC_MODE_HTML = 2 };

typedef struct pc_doc_opts {
    int mode;         /* PC_MODE_* */
    int clean_flags;  /* PC_CLEAN_* */
    size_t max_bytes; /* 0: no limit beyond the engine's own (2 GiB) */
} pc_doc_opts;

typedef struct pc_doc {
    int is_html;
    pc_clean_result clean; /* text, paragraphs, removed, repair stats */
    pc_seg_result seg;     /* tokens, sentences */
    pc_html_result html;   /* metadata from <title>/<meta>, dropped bytes */
} pc_doc;

int pc_doc_parse(const pc_mem *mem, const char *in, size_t len, const pc_doc_opts *opts,
                 pc_doc *doc);
void pc_doc_free(const pc_mem *mem, pc_doc *doc);

#endif
