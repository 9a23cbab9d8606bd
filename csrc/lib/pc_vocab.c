/*
 * pc_vocab.c - the shared word lists (pc_vocab.h, generated from data/lexicons)
 * and the speech-verb lookup.
 *
 * Why one table with tag bits: the quote cues, the reported-speech frames and
 * the name rules each use a subset of the same verbs; writing each subset out
 * would copy most words several times and let them drift apart.
 */
#include "pc_vocab.h"

#include <stdlib.h>
#include <string.h>

const pc_vocab_verb pc_vocab_speech_verbs[] = {PC_VOCAB_SPEECH_VERBS_INIT};
const size_t pc_vocab_n_speech_verbs = sizeof pc_vocab_speech_verbs / sizeof pc_vocab_speech_verbs[0];
const char *const pc_vocab_role_words[] = {PC_VOCAB_ROLE_WORDS_INIT, NULL};
const char *const pc_vocab_honorifics[] = {PC_VOCAB_HONORIFICS_INIT, NULL};

static int S_cmp(const void *key, const void *elem)
{
    return strcmp((const char *)key, ((const pc_vocab_verb *)elem)->w);
}

unsigned pc_vocab_verb_tags(const char *s, size_t n, int fold)
{
    char low[24]; /* gen_vocab.py keeps every word shorter */
    const pc_vocab_verb *v;
    size_t k;
    if (n == 0 || n >= sizeof low)
        return 0;
    for (k = 0; k < n; k++) {
        char ch = s[k];
        if (ch == 0)
            return 0; /* a NUL inside a token ends no word */
        low[k] = (fold && ch >= 'A' && ch <= 'Z') ? (char)(ch - 'A' + 'a') : ch;
    }
    low[n] = 0;
    v = bsearch(low, pc_vocab_speech_verbs, pc_vocab_n_speech_verbs, sizeof pc_vocab_speech_verbs[0], S_cmp);
    return v ? v->tags : 0;
}
