/* pc_doc.c - see pc_doc.h. */
#include "pc_doc.h"

#include <string.h>

/* Offsets are stored as uint32 and the cleaner may add a few bytes per
 * paragraph, so inputs stay below 2 GiB. */
#define S_ENGINE_MAX ((size_t)0x7FFFFFFF)

int pc_doc_parse(const pc_mem *mem, const char *in, size_t len, const pc_doc_opts *opts,
                 pc_doc *doc)
{
    pc_buf repaired = PC_BUF_INIT;
    const char *src;
    size_t srclen, limit = S_ENGINE_MAX;
    int rc, mode;

    if (!mem || !doc || (!in && len) || !opts)
        return PC_EINVAL;
    memset(doc, 0, sizeof *doc);
    if (opts->max_bytes && opts->max_bytes < limit)
        limit = opts->max_bytes;
    if (len > limit)
        return PC_ETOOBIG;
    mode = opts->mode;
    if (mode < PC_MODE_AUTO || mode > PC_MODE_HTML)
        return PC_EINVAL;

    rc = pc_utf8_repair(mem, in ? in : "", len, &repaired, &doc->clean.stats);
    if (rc != PC_OK)
        goto done;
    src = repaired.data ? repaired.data : "";
    srclen = repaired.len;
    if (mode == PC_MODE_HTML || (mode == PC_MODE_AUTO && pc_html_sniff(src, srclen))) {
        doc->is_html = 1;
        rc = pc_html_to_text(mem, src, srclen, &doc->html);
        if (rc != PC_OK)
            goto done;
        pc_buf_free(mem, &repaired);
        rc = pc_clean(mem, doc->html.text.data ? doc->html.text.data : "", doc->html.text.len,
                      doc->html.hints, doc->html.nhints, opts->clean_flags, &doc->clean);
        /* the extracted text and its hints are not needed past cleaning */
        pc_buf_free(mem, &doc->html.text);
    } else {
        rc = pc_clean(mem, src, srclen, NULL, 0, opts->clean_flags, &doc->clean);
    }
    if (rc != PC_OK)
        goto done;
    rc = pc_segment(mem, doc->clean.text.data, doc->clean.text.len, doc->clean.paras,
                    doc->clean.npara, &doc->seg);
done:
    pc_buf_free(mem, &repaired);
    return rc;
}

void pc_doc_free(const pc_mem *mem, pc_doc *doc)
{
    pc_clean_result_free(mem, &doc->clean);
    pc_seg_result_free(mem, &doc->seg);
    pc_html_result_free(mem, &doc->html);
}
