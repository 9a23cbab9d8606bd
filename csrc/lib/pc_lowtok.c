/*
 * pc_lowtok.c - see pc_lowtok.h.
 */
#include "pc_lowtok.h"

#include <string.h>

void pc_lowtok_init(pc_lowtok *c, const char *text, const pc_token *toks, size_t ntok)
{
    c->text = text;
    c->toks = toks;
    c->ntok = ntok;
    memset(c->idx, 0, sizeof c->idx);
}

const char *pc_lowtok_get(pc_lowtok *c, size_t i)
{
    const pc_token *t;
    size_t n, k, o = 0, slot;
    char *buf;
    if (i >= c->ntok)
        return "";
    slot = i % PC_LOWTOK_SLOTS;
    buf = c->s[slot];
    if (c->idx[slot] == i + 1)
        return buf;
    c->idx[slot] = i + 1;
    t = &c->toks[i];
    n = t->end - t->start;
    if ((t->flags & PC_TF_ABBREV) && n > 1 && c->text[t->end - 1] == '.')
        n--;
    for (k = 0; k < n && o + 1 < PC_LOWTOK_MAX; k++) {
        unsigned char ch = (unsigned char)c->text[t->start + k];
        /* U+2018/U+2019 (E2 80 98/99) read as an ASCII apostrophe */
        if (ch == 0xE2 && k + 2 < n && (unsigned char)c->text[t->start + k + 1] == 0x80 &&
            ((unsigned char)c->text[t->start + k + 2] == 0x99 || (unsigned char)c->text[t->start + k + 2] == 0x98)) {
            buf[o++] = '\'';
            k += 2;
            continue;
        }
        buf[o++] = (char)(ch >= 'A' && ch <= 'Z' ? ch + 32 : ch);
    }
    if (k < n)
        o = 0;
    buf[o] = 0;
    return buf;
}

const char *const pc_lowtok_ones[] = {"zero",    "one",     "two",       "three",    "four",
                                      "five",    "six",     "seven",     "eight",    "nine",
                                      "ten",     "eleven",  "twelve",    "thirteen", "fourteen",
                                      "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", NULL};
const char *const pc_lowtok_tens[] = {"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty",
                                      "ninety", NULL};

int pc_lowtok_index(const char *w, const char *const *list)
{
    int k;
    for (k = 0; list[k]; k++)
        if (w[0] == list[k][0] && strcmp(w, list[k]) == 0)
            return k;
    return -1;
}
