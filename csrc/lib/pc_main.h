/*
 * pc_main.h - which part of an HTML page is the article.
 *
 * In the spirit of the published extractors (readability's paragraph scores
 * spread to their containers, boilerpipe's text and link density, jusText's
 * good/bad paragraphs, trafilatura's preference for marked article bodies),
 * written for the flat tree of pc_dom.h:
 *   1. page furniture by tag (nav, footer, aside, form ...) and by class/id/
 *      role words (PC_CLS_NEG) is set aside;
 *   2. every paragraph (a block that owns text) scores 1 + its punctuation
 *      + its length in hundreds of bytes (at most 3), given to its parent,
 *      half to its grandparent, a third to the next; a container's score,
 *      plus tag and class hints, times one minus its link density, ranks it;
 *   3. an element marked as the article body (itemprop=articleBody,
 *      entry-content, article-body ...) is preferred when it holds enough text;
 *   4. siblings of the chosen container that score well or are clean
 *      paragraphs are kept with it ("same-kind siblings");
 *   5. when nothing holds enough text, every clean paragraph of the page is
 *      kept (the fallback);
 *   6. inside what is kept, furniture and link lists (link farms) still go.
 * Every dropped node gets a reason (a PC_HINT_* drop kind).  Linear time: a
 * fixed number of forward and backward loops over the node array.
 */
#ifndef PC_MAIN_H
#define PC_MAIN_H

#include "pc.h"
#include "pc_dom.h"

/* reason[0..dom->n) receives, for every node, 0 (article text) or the
 * PC_HINT_* kind that says why it is dropped.  *main_out: the chosen
 * container (0 when the fallback or the whole page was used). */
int pc_main_select(const pc_mem *mem, const pc_dom *dom, uint8_t *reason, uint32_t *main_out);

#endif
