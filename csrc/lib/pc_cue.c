/*
 * pc_cue.c - cue verbs, speaker noun phrases and token helpers (see pc_cue.h).
 */
#include "pc_cue.h"

#include <stdlib.h>
#include <string.h>

#include "pc_utf8.h"

#define S_NONE PC_QUOTE_NONE

static const char *const S_pronouns[] = {
    "he", "i", "she", "they", "we",
};
const pc_cue_lex pc_cue_pronouns = {S_pronouns, sizeof S_pronouns / sizeof S_pronouns[0]};

/* Capitalised words that start a sentence without naming anyone. */
static const char *const S_stopcap[] = {
    "a", "according", "after", "ahead", "all", "also", "although", "an", "and", "any", "april",
    "as", "asked", "at", "august", "because", "before", "both", "but", "by", "december",
    "despite", "during", "each", "earlier", "even", "every", "february", "for", "friday", "from",
    "furthermore", "he", "her", "here", "his", "how", "however", "i", "if", "in", "indeed",
    "instead", "it", "its", "january", "july", "june", "just", "last", "later", "like", "many",
    "march", "meanwhile", "monday", "moreover", "most", "my", "nevertheless", "next", "no", "not",
    "november", "now", "october", "of", "on", "once", "one", "only", "or", "other", "our", "over",
    "saturday", "september", "several", "she", "since", "so", "some", "speaking", "still",
    "sunday", "that", "the", "their", "then", "there", "these", "they", "this", "those", "though",
    "thursday", "to", "today", "tuesday", "two", "ultimately", "under", "unlike", "until", "we",
    "wednesday", "what", "when", "where", "whether", "while", "who", "why", "with", "yesterday",
    "yet", "you",
};
const pc_cue_lex pc_cue_stopcap = {S_stopcap, sizeof S_stopcap / sizeof S_stopcap[0]};

static const char *const S_preps[] = {
    "about", "against", "at", "between", "by", "for", "from", "in", "into", "of", "on", "over",
    "than", "to", "toward", "towards", "under", "via", "with", "within",
};
const pc_cue_lex pc_cue_preps = {S_preps, sizeof S_preps / sizeof S_preps[0]};

static const char *const S_adverbs[] = {
    "again", "also", "earlier", "even", "first", "further", "had", "has", "have", "just", "later",
    "now", "often", "once", "previously", "publicly", "quickly", "recently", "repeatedly",
    "reportedly", "simply", "still", "then",
};
const pc_cue_lex pc_cue_adverbs = {S_adverbs, sizeof S_adverbs / sizeof S_adverbs[0]};

/* Words that may follow a closing "Name said" before the full stop. */
static const char *const S_when[] = {
    "after", "at", "before", "during", "earlier", "in", "last", "later", "on", "recently", "this",
    "today", "yesterday",
};
const pc_cue_lex pc_cue_when = {S_when, sizeof S_when / sizeof S_when[0]};

static const char *const S_particles[] = {
    "al", "bin", "da", "de", "del", "den", "der", "di", "dos", "du", "el", "ibn", "la", "le",
    "ter", "van", "von",
};
const pc_cue_lex pc_cue_particles = {S_particles, sizeof S_particles / sizeof S_particles[0]};

/* Words that end a role NP read forwards ("one Western diplomat familiar
 * with ..." -> "one Western diplomat"). */
static const char *const S_np_stop[] = {
    "after", "and", "as", "at", "before", "but", "during", "earlier", "familiar", "for", "from",
    "had", "has", "in", "is", "last", "later", "on", "recently", "speaking", "that", "this", "to",
    "today", "was", "when", "which", "while", "who", "with", "yesterday",
};
const pc_cue_lex pc_cue_np_stop = {S_np_stop, sizeof S_np_stop / sizeof S_np_stop[0]};

/* Finite auxiliaries and modals: the sign of a clause. */
static const char *const S_aux[] = {
    "am", "are", "aren't", "can", "can't", "could", "couldn't", "did", "didn't", "do", "does",
    "doesn't", "don't", "had", "hadn't", "has", "hasn't", "have", "haven't", "he's", "is",
    "isn't", "it's", "may", "might", "must", "mustn't", "shall", "she's", "should", "shouldn't",
    "that's", "there's", "they're", "was", "wasn't", "we're", "were", "weren't", "will", "won't",
    "would", "wouldn't",
};
const pc_cue_lex pc_cue_aux = {S_aux, sizeof S_aux / sizeof S_aux[0]};

/* Determiners and possessive pronouns. */
static const char *const S_dets[] = {
    "a", "all", "an", "another", "any", "both", "each", "every", "her", "his", "its", "many",
    "most", "my", "no", "one", "our", "several", "some", "the", "their", "these", "this", "those",
    "your",
};
const pc_cue_lex pc_cue_dets = {S_dets, sizeof S_dets / sizeof S_dets[0]};

/* Subject pronouns. */
static const char *const S_subj_pron[] = {
    "he", "i", "it", "she", "there", "they", "we", "you",
};
const pc_cue_lex pc_cue_subj_pron = {S_subj_pron, sizeof S_subj_pron / sizeof S_subj_pron[0]};

/* Object pronouns (the hearer of "told"). */
static const char *const S_object_pron[] = {
    "her", "him", "me", "them", "us", "you",
};
const pc_cue_lex pc_cue_object_pron = {S_object_pron, sizeof S_object_pron / sizeof S_object_pron[0]};

/* Lowercase words that cannot open a reported clause. */
static const char *const S_not_clause[] = {
    "about", "again", "against", "also", "and", "as", "at", "but", "by", "for", "from", "goodbye",
    "how", "if", "in", "into", "no", "not", "nothing", "of", "on", "or", "please", "so",
    "something", "sorry", "than", "thanks", "then", "to", "very", "what", "when", "where",
    "whether", "which", "who", "whom", "why", "with", "yes",
};
const pc_cue_lex pc_cue_not_clause = {S_not_clause, sizeof S_not_clause / sizeof S_not_clause[0]};

/* Writer's words that open a sentence before the reported clause. */
static const char *const S_openers[] = {
    "also", "although", "and", "but", "furthermore", "however", "indeed", "meanwhile", "moreover",
    "nevertheless", "now", "so", "still", "though", "yet",
};
const pc_cue_lex pc_cue_openers = {S_openers, sizeof S_openers / sizeof S_openers[0]};

/* Words that are never the subject of a report verb. */
static const char *const S_not_subject[] = {
    "also", "data", "evidence", "figures", "here", "how", "however", "it's", "meanwhile", "polls",
    "report's", "reports", "rule", "rumors", "rumours", "speculation", "statistics", "than",
    "that", "then", "there", "this", "what", "when", "where", "which", "while", "who", "whom",
    "whose", "why",
};
const pc_cue_lex pc_cue_not_subject = {S_not_subject, sizeof S_not_subject / sizeof S_not_subject[0]};

/* Prepositions inside a speaker phrase ("economists at PwC"). */
static const char *const S_np_links[] = {
    "at", "for", "from", "in", "of", "with",
};
const pc_cue_lex pc_cue_np_links = {S_np_links, sizeof S_np_links / sizeof S_np_links[0]};

/* Words ending a time or place adverbial after a verb ("on Thursday", "in a statement"). */
static const char *const S_time[] = {
    "afternoon", "april", "august", "blog", "book", "briefing", "commons", "conference", "court",
    "day", "debate", "december", "documentary", "evening", "february", "friday", "hearing",
    "interview", "january", "july", "june", "letter", "march", "may", "meeting", "monday",
    "month", "morning", "night", "november", "october", "parliament", "press", "program",
    "programme", "radio", "rally", "report", "saturday", "september", "speech", "statement",
    "sunday", "television", "thursday", "tuesday", "tv", "website", "wednesday", "week",
    "weekend", "year",
};
const pc_cue_lex pc_cue_time = {S_time, sizeof S_time / sizeof S_time[0]};

/* Forms of "be" before a verb make it passive ("researchers were told"). */
static const char *const S_passive[] = {
    "am", "are", "be", "been", "being", "is", "was", "were",
};
const pc_cue_lex pc_cue_passive = {S_passive, sizeof S_passive / sizeof S_passive[0]};

/* Nouns of speech in "X's statement that ...". */
static const char *const S_report_nouns[] = {
    "admission", "allegation", "announcement", "argument", "assertion", "claim", "comment",
    "contention", "denial", "insistence", "pledge", "prediction", "promise", "remark",
    "statement", "suggestion", "warning",
};
const pc_cue_lex pc_cue_report_nouns = {S_report_nouns, sizeof S_report_nouns / sizeof S_report_nouns[0]};

/* Words opening a fronted adverbial ("During the speech, X said"). */
static const char *const S_fronted[] = {
    "across", "after", "although", "amid", "among", "amongst", "as", "at", "because", "before",
    "by", "despite", "during", "following", "for", "from", "if", "in", "like", "on", "over",
    "since", "though", "throughout", "under", "unlike", "when", "while", "with", "within",
    "without",
};
const pc_cue_lex pc_cue_fronted = {S_fronted, sizeof S_fronted / sizeof S_fronted[0]};

int pc_cue_mark(const char *t, size_t n, size_t i, size_t *mlen)
{
    unsigned char c = (unsigned char)t[i];
    *mlen = 1;
    if (c == '"')
        return PC_CUE_M_DSTRAIGHT;
    if (c == '\'')
        return PC_CUE_M_SSTRAIGHT;
    if (c == 0xE2 && i + 2 < n && (unsigned char)t[i + 1] == 0x80) {
        unsigned char d = (unsigned char)t[i + 2];
        *mlen = 3;
        if (d == 0x9C)
            return PC_CUE_M_DOPEN; /* “ */
        if (d == 0x9E)
            return PC_CUE_M_DLOW; /* „ (closed by “ or ”) */
        if (d == 0x9D)
            return PC_CUE_M_DCLOSE; /* ” */
        if (d == 0x98 || d == 0x9A || d == 0xB9)
            return PC_CUE_M_SOPEN; /* ‘ ‚ ‹ */
        if (d == 0x99 || d == 0xBA)
            return PC_CUE_M_SCLOSE; /* ’ › */
    }
    if (c == 0xE3 && i + 2 < n && (unsigned char)t[i + 1] == 0x80) {
        unsigned char d = (unsigned char)t[i + 2];
        *mlen = 3;
        if (d == 0x8C)
            return PC_CUE_M_DOPEN; /* 「 */
        if (d == 0x8D)
            return PC_CUE_M_DCLOSE; /* 」 */
        if (d == 0x8E)
            return PC_CUE_M_SOPEN; /* 『 */
        if (d == 0x8F)
            return PC_CUE_M_SCLOSE; /* 』 */
    }
    if (c == 0xC2 && i + 1 < n) {
        *mlen = 2;
        if ((unsigned char)t[i + 1] == 0xAB)
            return PC_CUE_M_DOPEN;
        if ((unsigned char)t[i + 1] == 0xBB)
            return PC_CUE_M_DCLOSE;
    }
    *mlen = 1;
    return PC_CUE_M_NONE;
}


/* First token starting at or after byte pos. */
size_t pc_cue_tok_from(const pc_cue_ctx *c, size_t pos) { return pc_seg_token_from(c->toks, c->ntok, pos); }

/* Sentence containing byte pos (the last one starting at or before it). */
size_t pc_cue_sent_of(const pc_cue_ctx *c, size_t pos)
{
    size_t n = pc_seg_sentences_upto(c->sents, c->nsent, pos);
    return n ? n - 1 : 0;
}

size_t pc_cue_tlen(const pc_cue_ctx *c, size_t i) { return c->toks[i].end - c->toks[i].start; }

int pc_cue_is(const pc_cue_ctx *c, size_t i, const char *w)
{
    size_t n = strlen(w), k;
    const char *s = c->text + c->toks[i].start;
    if (pc_cue_tlen(c, i) != n)
        return 0;
    for (k = 0; k < n; k++) {
        char ch = s[k];
        if (ch >= 'A' && ch <= 'Z')
            ch = (char)(ch - 'A' + 'a');
        if (ch != w[k])
            return 0;
    }
    return 1;
}

static int S_cmp(const void *key, const void *elem)
{
    return strcmp((const char *)key, *(const char *const *)elem);
}

int pc_cue_in(const pc_cue_ctx *c, size_t i, const pc_cue_lex *lex)
{
    char low[24];
    size_t n = pc_cue_tlen(c, i), k;
    const char *s = c->text + c->toks[i].start;
    if (n == 0 || n >= sizeof low)
        return 0;
    for (k = 0; k < n; k++) {
        char ch = s[k];
        if ((unsigned char)ch >= 0x80)
            return 0; /* the lexicons are ASCII */
        low[k] = (ch >= 'A' && ch <= 'Z') ? (char)(ch - 'A' + 'a') : ch;
    }
    low[n] = 0;
    return bsearch(low, lex->w, lex->n, sizeof lex->w[0], S_cmp) != NULL;
}

int pc_cue_speech(const pc_cue_ctx *c, size_t i, unsigned tags)
{
    return (pc_vocab_verb_tags(c->text + c->toks[i].start, pc_cue_tlen(c, i), 1) & tags) != 0;
}

int pc_cue_ch(const pc_cue_ctx *c, size_t i, char ch)
{
    return pc_cue_tlen(c, i) == 1 && c->text[c->toks[i].start] == ch;
}

int pc_cue_is_word(const pc_cue_ctx *c, size_t i)
{
    return c->toks[i].kind == PC_TOK_WORD;
}

int pc_cue_is_cap(const pc_cue_ctx *c, size_t i)
{
    int32_t cp = 0;
    if (!pc_cue_is_word(c, i))
        return 0;
    pc_utf8_decode(c->text + c->toks[i].start, pc_cue_tlen(c, i), &cp);
    return pc_utf8_class(cp) == PC_CC_LETTER_UPPER;
}

int pc_cue_is_lower(const pc_cue_ctx *c, size_t i)
{
    int32_t cp = 0;
    if (!pc_cue_is_word(c, i))
        return 0;
    pc_utf8_decode(c->text + c->toks[i].start, pc_cue_tlen(c, i), &cp);
    return pc_utf8_class(cp) == PC_CC_LETTER_LOWER;
}

int pc_cue_is_possessive(const pc_cue_ctx *c, size_t i)
{
    const char *s = c->text + c->toks[i].start;
    size_t n = pc_cue_tlen(c, i);
    return (n == 2 && s[0] == '\'' && (s[1] == 's' || s[1] == 'S')) ||
           (n == 4 && memcmp(s, "\xE2\x80\x99s", 4) == 0);
}

/* Token i ends a sentence or starts/ends a quote: windows stop there. */
int pc_cue_is_barrier(const pc_cue_ctx *c, size_t i)
{
    const char *s = c->text + c->toks[i].start;
    size_t n = pc_cue_tlen(c, i), ml;
    if (c->toks[i].kind != PC_TOK_PUNCT && c->toks[i].kind != PC_TOK_OTHER &&
        c->toks[i].kind != PC_TOK_SYM)
        return 0;
    if (s[0] == '.' || s[0] == '!' || s[0] == '?' || s[0] == ';')
        return 1;
    if (n >= 3 && memcmp(s, "\xE2\x80\xA6", 3) == 0) /* … */
        return 1;
    switch (pc_cue_mark(s, n, 0, &ml)) {
    case PC_CUE_M_DOPEN:
    case PC_CUE_M_DLOW:
    case PC_CUE_M_DCLOSE:
    case PC_CUE_M_DSTRAIGHT: return 1;
    default: return 0;
    }
}

int pc_cue_adjacent(const pc_cue_ctx *c, size_t i) /* no space between i and i+1 */
{
    return i + 1 < c->ntok && c->toks[i].end == c->toks[i + 1].start;
}

/* Is token i a cue?  Sets *end to the token after the cue phrase. */
int pc_cue_verb(const pc_cue_ctx *c, size_t i, size_t lim, size_t *end)
{
    if (i >= lim || !pc_cue_is_lower(c, i) || !pc_cue_speech(c, i, PC_VOCAB_QUOTE_CUE))
        return 0;
    *end = i + 1;
    if (pc_cue_is(c, i, "according")) {
        if (i + 1 < lim && pc_cue_is(c, i + 1, "to")) {
            *end = i + 2;
            return 1;
        }
        return 0;
    }
    if (pc_cue_is(c, i, "described")) {
        if (i + 1 < lim && pc_cue_is(c, i + 1, "as"))
            *end = i + 2;
        return 1;
    }
    if (pc_cue_is(c, i, "pointed")) { /* "pointed out"; "pointed to" is not speech */
        if (i + 1 < lim && pc_cue_is(c, i + 1, "out")) {
            *end = i + 2;
            return 1;
        }
        return 0;
    }
    if (pc_cue_is(c, i, "expressed")) {
        if (i + 1 < lim && pc_cue_is(c, i + 1, "concern"))
            *end = i + 2;
        return 1;
    }
    if (pc_cue_is(c, i, "told") || pc_cue_is(c, i, "telling") || pc_cue_is(c, i, "tells")) {
        size_t j = i + 1;
        /* told RFE/RL, told RFE/RL's Armenian Service */
        while (j < lim && (pc_cue_is_cap(c, j) ||
                           ((pc_cue_ch(c, j, '/') || pc_cue_ch(c, j, '-') || pc_cue_is_possessive(c, j)) &&
                            j + 1 < lim && pc_cue_is_cap(c, j + 1))))
            j++;
        *end = j;
    }
    return 1;
}

/* End (exclusive) of the name run starting at i, or i if none.  A run is
 * capitalised words joined by spaces, hyphens, slashes or particles. */
size_t pc_cue_name_run(const pc_cue_ctx *c, size_t i, size_t lim)
{
    size_t j = i;
    if (i + 1 < lim && pc_cue_in(c, i, &pc_cue_particles) && pc_cue_is_cap(c, i + 1))
        i++; /* "de Waal said" */
    else if (i >= lim || !pc_cue_is_cap(c, i))
        return i;
    j = i + 1;
    while (j < lim) {
        if (pc_cue_is_cap(c, j) && (c->toks[j - 1].flags & PC_TF_SPACE_AFTER || pc_cue_adjacent(c, j - 1))) {
            j++;
            continue;
        }
        if ((pc_cue_ch(c, j, '-') || pc_cue_ch(c, j, '/')) && j + 1 < lim && pc_cue_is_cap(c, j + 1) &&
            pc_cue_adjacent(c, j - 1) && pc_cue_adjacent(c, j)) {
            j += 2;
            continue;
        }
        if (pc_cue_in(c, j, &pc_cue_particles) && j + 1 < lim && pc_cue_is_cap(c, j + 1)) {
            j += 2;
            continue;
        }
        break;
    }
    return j;
}

/* Start of the name run ending at token k (inclusive), scanning back to lo. */
size_t pc_cue_name_run_back(const pc_cue_ctx *c, size_t k, size_t lo)
{
    size_t j = k;
    if (!pc_cue_is_cap(c, k))
        return k + 1;
    while (j > lo) {
        if (pc_cue_is_cap(c, j - 1)) {
            j--;
            continue;
        }
        if (j >= lo + 2 && (pc_cue_ch(c, j - 1, '-') || pc_cue_ch(c, j - 1, '/')) &&
            pc_cue_is_cap(c, j - 2) && pc_cue_adjacent(c, j - 2) && pc_cue_adjacent(c, j - 1)) {
            j -= 2;
            continue;
        }
        if (j >= lo + 2 && pc_cue_in(c, j - 1, &pc_cue_particles) && pc_cue_is_cap(c, j - 2)) {
            j -= 2;
            continue;
        }
        break;
    }
    return j;
}

int pc_cue_is_det(const pc_cue_ctx *c, size_t i)
{
    return pc_cue_is(c, i, "the") || pc_cue_is(c, i, "a") || pc_cue_is(c, i, "an") ||
           pc_cue_is(c, i, "one") || pc_cue_is(c, i, "my") || pc_cue_is(c, i, "his") ||
           pc_cue_is(c, i, "her") || pc_cue_is(c, i, "their") || pc_cue_is(c, i, "our");
}

/* A speaker NP starting at token i (up to lim).  Returns the kind and sets
 * [*ns, *ne) in tokens; 0 when there is none. */
int pc_cue_np_forward(const pc_cue_ctx *c, size_t i, size_t lim, size_t *ns, size_t *ne)
{
    size_t j, cend;
    if (i >= lim)
        return PC_SPK_NONE;
    if (pc_cue_is_lower(c, i) && pc_cue_in(c, i, &pc_cue_pronouns)) {
        *ns = i;
        *ne = i + 1;
        return PC_SPK_PRONOUN;
    }
    if (pc_cue_is_word(c, i) && pc_cue_in(c, i, &pc_cue_pronouns) && pc_cue_is(c, i, "i")) {
        *ns = i;
        *ne = i + 1;
        return PC_SPK_PRONOUN;
    }
    if (pc_cue_is_det(c, i)) {
        j = i + 1;
        while (j < lim && j < i + 6 && pc_cue_is_word(c, j) && !pc_cue_in(c, j, &pc_cue_np_stop) &&
               !pc_cue_verb(c, j, lim, &cend) && !(j > i + 1 && pc_cue_is_adverb(c, j)))
            j++;
        if (j == i + 1)
            return PC_SPK_NONE;
        *ns = i;
        *ne = j;
        return PC_SPK_ROLE;
    }
    if (pc_cue_is_lower(c, i) && !pc_cue_in(c, i, &pc_cue_np_stop) && !pc_cue_in(c, i, &pc_cue_preps)) {
        /* "panel Chairman Rep. Jason Chaffetz": a lowercase word or two, then a name */
        size_t k = i;
        while (k < lim && k < i + 2 && pc_cue_is_lower(c, k) && !pc_cue_in(c, k, &pc_cue_np_stop) &&
               !pc_cue_verb(c, k, lim, &cend))
            k++;
        if (k > i && k < lim && (j = pc_cue_name_run(c, k, lim)) > k) {
            *ns = i;
            *ne = j;
            return PC_SPK_NAME;
        }
    }
    j = pc_cue_name_run(c, i, lim);
    if (j > i && j + 1 < lim && pc_cue_is_possessive(c, j) && pc_cue_is_lower(c, j + 1)) {
        /* "Obama's former campaign strategist" */
        size_t k = j + 1;
        while (k < lim && k < j + 5 && pc_cue_is_word(c, k) && !pc_cue_in(c, k, &pc_cue_np_stop) &&
               !pc_cue_verb(c, k, lim, &cend))
            k++;
        *ns = i;
        *ne = k;
        return PC_SPK_ROLE;
    }
    if (j > i) {
        /* "Azerbaijani analyst Togroul Djuvarli": adjective, role word, name */
        size_t k = j, e;
        while (k < lim && k < j + 3 && pc_cue_is_lower(c, k) && !pc_cue_in(c, k, &pc_cue_np_stop) &&
               !pc_cue_in(c, k, &pc_cue_preps) && !pc_cue_verb(c, k, lim, &cend))
            k++;
        if (k > j && k < lim && (e = pc_cue_name_run(c, k, lim)) > k)
            j = e;
        *ns = i;
        *ne = j;
        return PC_SPK_NAME;
    }
    /* a bare plural role: "officials said", "analysts say" */
    if (pc_cue_is_lower(c, i) && i + 1 < lim && pc_cue_verb(c, i + 1, lim, &cend) &&
        c->text[c->toks[i].end - 1] == 's') {
        *ns = i;
        *ne = i + 1;
        return PC_SPK_ROLE;
    }
    return PC_SPK_NONE;
}

/* Appositive after an NP ending at token j: ", <role>," -> role tokens and
 * the index after the second comma (or the end of the role at a full stop). */
int pc_cue_appositive(const pc_cue_ctx *c, size_t j, size_t lim, size_t *rs, size_t *re, size_t *after)
{
    size_t k;
    if (j >= lim || !pc_cue_ch(c, j, ','))
        return 0;
    for (k = j + 1; k < lim && k < j + PC_CUE_WINDOW; k++) {
        if (pc_cue_ch(c, k, ',') || pc_cue_is_barrier(c, k)) {
            if (k == j + 1)
                return 0;
            *rs = j + 1;
            *re = k;
            *after = pc_cue_ch(c, k, ',') ? k + 1 : k;
            return 1;
        }
    }
    if (k == lim && k > j + 1) {
        *rs = j + 1;
        *re = k;
        *after = k;
        return 1;
    }
    return 0;
}

void pc_cue_set_cue(const pc_cue_ctx *c, pc_quote *q, size_t cs, size_t ce)
{
    q->cue_start = c->toks[cs].start;
    q->cue_end = c->toks[ce - 1].end;
}

void pc_cue_set_spk(const pc_cue_ctx *c, pc_quote *q, int kind, size_t ns, size_t ne)
{
    q->spk_kind = (uint16_t)kind;
    q->spk_start = c->toks[ns].start;
    q->spk_end = c->toks[ne - 1].end;
}

void pc_cue_set_role(const pc_cue_ctx *c, pc_quote *q, size_t rs, size_t re)
{
    if (re > rs) {
        q->role_start = c->toks[rs].start;
        q->role_end = c->toks[re - 1].end;
    }
}

/* An adverb between a subject and its verb: a listed one or a word in -ly. */
int pc_cue_is_adverb(const pc_cue_ctx *c, size_t i)
{
    size_t n = pc_cue_tlen(c, i);
    if (pc_cue_in(c, i, &pc_cue_adverbs))
        return 1;
    return n > 4 && pc_cue_is_lower(c, i) && c->text[c->toks[i].end - 2] == 'l' &&
           c->text[c->toks[i].end - 1] == 'y';
}

int pc_cue_skip_adverbs(const pc_cue_ctx *c, size_t *j, size_t lim)
{
    int n = 0;
    while (*j < lim && n < 3 && pc_cue_is_adverb(c, *j)) {
        (*j)++;
        n++;
    }
    return n;
}

/* Index after a parenthetical "(D-S.C.)" starting at j, or j. */
size_t pc_cue_skip_paren(const pc_cue_ctx *c, size_t j, size_t lim)
{
    size_t k;
    if (j >= lim || !pc_cue_ch(c, j, '('))
        return j;
    for (k = j + 1; k < lim && k < j + 10; k++)
        if (pc_cue_ch(c, k, ')'))
            return k + 1;
    return j;
}

/* Cue after the closing mark: tokens [a, lim). */
int pc_cue_after(const pc_cue_ctx *c, pc_quote *q, size_t a, size_t lim)
{
    size_t i = a, ce, ns, ne, rs, re, after, j;
    int kind;
    if (i < lim && pc_cue_ch(c, i, ','))
        i++;
    if (i >= lim)
        return 0;
    if (pc_cue_verb(c, i, lim, &ce)) { /* said X */
        pc_cue_set_cue(c, q, i, ce);
        kind = pc_cue_np_forward(c, ce, lim, &ns, &ne);
        if (kind) {
            pc_cue_set_spk(c, q, kind, ns, ne);
            if (pc_cue_appositive(c, ne, lim, &rs, &re, &after))
                pc_cue_set_role(c, q, rs, re);
        }
        return 1;
    }
    kind = pc_cue_np_forward(c, i, lim, &ns, &ne); /* X said */
    if (!kind)
        return 0;
    j = pc_cue_skip_paren(c, ne, lim);
    if (j + 1 < lim && (pc_cue_is(c, j, "of") || pc_cue_is(c, j, "at") || pc_cue_is(c, j, "from") ||
                        pc_cue_is(c, j, "in"))) {
        /* "Mr. Morgan of the Sierra Club said", "a narrator in the Clinton ad asks" */
        size_t k = j + 1;
        if (pc_cue_is_det(c, k))
            k++;
        while (k < lim && k < j + 7 && pc_cue_is_word(c, k) && !pc_cue_verb(c, k, lim, &ce) &&
               !pc_cue_in(c, k, &pc_cue_np_stop))
            k++;
        if (k > j + 1 && pc_cue_verb(c, k, lim, &ce))
            j = k;
    }
    pc_cue_skip_adverbs(c, &j, lim);
    if (pc_cue_verb(c, j, lim, &ce)) {
        pc_cue_set_cue(c, q, j, ce);
        pc_cue_set_spk(c, q, kind, ns, ne);
        return 1;
    }
    if (kind == PC_SPK_NAME && pc_cue_appositive(c, pc_cue_skip_paren(c, ne, lim), lim, &rs, &re, &after)) {
        size_t rs2, re2, after2;
        j = after;
        /* a second appositive: "Scott Pruitt, the attorney general of Oklahoma, one of
         * the states suing the EPA, said" */
        if (j > 0 && pc_cue_ch(c, j - 1, ',') && !pc_cue_verb(c, j, lim, &ce) &&
            pc_cue_appositive(c, j - 1, lim, &rs2, &re2, &after2) && pc_cue_ch(c, after2 - 1, ','))
            j = after2;
        pc_cue_skip_adverbs(c, &j, lim);
        if (pc_cue_verb(c, j, lim, &ce)) {
            pc_cue_set_cue(c, q, j, ce);
            pc_cue_set_spk(c, q, kind, ns, ne);
            pc_cue_set_role(c, q, rs, re);
            return 1;
        }
    }
    return 0;
}

/* Is token k inside the content of a quote found so far? */
int pc_cue_in_quote(const pc_cue_ctx *c, size_t k, size_t qi)
{
    uint32_t pos = c->toks[k].start;
    size_t n = 0;
    while (qi > 0 && n < 8) { /* only the few quotes just before matter */
        const pc_quote *p = &c->q[qi - 1];
        if (pos >= p->open_mark && pos <= p->close_mark)
            return 1;
        if (p->close_mark < pos)
            return 0;
        qi--;
        n++;
    }
    return 0;
}

/* Subject of the cue at token cs, searched back to lo (inclusive). */
int pc_cue_subject(const pc_cue_ctx *c, pc_quote *q, size_t cs, size_t lo, size_t qi)
{
    size_t k, m, ns, ne;
    if (cs <= lo)
        return 0;
    k = cs - 1;
    while (k > lo && pc_cue_is_adverb(c, k))
        k--;
    if (pc_cue_in_quote(c, k, qi))
        return 0;
    /* a pronoun: lowercase, or capitalised at the start of the clause */
    if (pc_cue_is_word(c, k) && pc_cue_in(c, k, &pc_cue_pronouns) && (!pc_cue_is_cap(c, k) || k == lo)) {
        pc_cue_set_spk(c, q, PC_SPK_PRONOUN, k, k + 1);
        return 1;
    }
    if (pc_cue_is_cap(c, k)) {
        size_t cl = pc_cue_tlen(c, cs);
        int participle = cl > 4 && memcmp(c->text + c->toks[cs].end - 3, "ing", 3) == 0 && k + 1 == cs;
        ns = pc_cue_name_run_back(c, k, lo);
        if (!(ns > lo && pc_cue_in(c, ns - 1, &pc_cue_preps)) || participle) {
            pc_cue_set_spk(c, q, PC_SPK_NAME, ns, k + 1);
            return 1;
        }
    }
    if (pc_cue_is_lower(c, k) && !pc_cue_in(c, k, &pc_cue_preps) && !pc_cue_in(c, k, &pc_cue_stopcap)) {
        /* role NP: "the diplomat", "U.S. officials", "the Western diplomat" */
        size_t j = k;
        while (j > lo && j + 4 > k && (pc_cue_is_cap(c, j - 1) || pc_cue_is_det(c, j - 1) ||
                                       (pc_cue_is_lower(c, j - 1) && !pc_cue_in(c, j - 1, &pc_cue_preps) &&
                                        !pc_cue_in(c, j - 1, &pc_cue_stopcap))))
            j--;
        if (pc_cue_is_det(c, j) || pc_cue_is_cap(c, j)) {
            pc_cue_set_spk(c, q, PC_SPK_ROLE, j, k + 1);
            return 1;
        }
    }
    /* "X, R-Ky., said" / "X (D-S.C.), the party's leader, said" */
    if (pc_cue_ch(c, k, ',') && k > lo) {
        for (m = k - 1; m > lo && m + 25 > k; m--) {
            if (pc_cue_is_barrier(c, m))
                break;
            if (pc_cue_ch(c, m, ',')) {
                size_t e = m;
                if (e > lo && pc_cue_ch(c, e - 1, ')')) { /* skip "(D-S.C.)" */
                    size_t o = e - 1;
                    while (o > lo && o + 10 > e && !pc_cue_ch(c, o, '('))
                        o--;
                    if (pc_cue_ch(c, o, '('))
                        e = o;
                }
                if (e > lo && pc_cue_is_cap(c, e - 1)) {
                    ns = pc_cue_name_run_back(c, e - 1, lo);
                    if (!(ns > lo && pc_cue_in(c, ns - 1, &pc_cue_preps)) &&
                        !(e - 1 == ns && pc_cue_in(c, ns, &pc_cue_stopcap))) {
                        pc_cue_set_spk(c, q, PC_SPK_NAME, ns, e);
                        pc_cue_set_role(c, q, m + 1, k);
                        return 1;
                    }
                }
                break;
            }
        }
    }
    /* appositive: "X, the ambassador in Paris said" */
    for (m = k; m > lo && m + 25 > k; m--) {
        if (pc_cue_ch(c, m, ',')) {
            if (m > lo && pc_cue_is_cap(c, m - 1) && m + 1 <= k && m + 12 > k &&
                !(m - 1 == lo && pc_cue_in(c, m - 1, &pc_cue_stopcap)) &&
                (pc_cue_is_det(c, m + 1) || (m + 2 <= k && pc_cue_is_possessive(c, m + 2)))) {
                ns = pc_cue_name_run_back(c, m - 1, lo);
                pc_cue_set_spk(c, q, PC_SPK_NAME, ns, m);
                pc_cue_set_role(c, q, m + 1, k + 1);
                return 1;
            }
            break;
        }
        if (pc_cue_is_barrier(c, m))
            break;
    }
    /* the sentence subject: the last name run not after a preposition and
     * followed by a comma or a lowercase word */
    ne = 0;
    for (m = lo; m < cs; m++) {
        size_t e;
        if (!pc_cue_is_cap(c, m) || pc_cue_in_quote(c, m, qi))
            continue;
        e = pc_cue_name_run(c, m, cs);
        if (!(m > lo && pc_cue_in(c, m - 1, &pc_cue_preps)) && e < cs &&
            (pc_cue_ch(c, e, ',') || pc_cue_is_lower(c, e)) &&
            !(e == m + 1 && pc_cue_in(c, m, &pc_cue_stopcap))) {
            ns = m;
            ne = e;
        }
        m = e - 1;
    }
    if (ne) {
        pc_cue_set_spk(c, q, PC_SPK_NAME, ns, ne);
        return 1;
    }
    return 0;
}

const pc_cue_lex *const pc_cue_all_lexicons[] = {
    &pc_cue_pronouns, &pc_cue_stopcap, &pc_cue_preps, &pc_cue_adverbs, &pc_cue_when,
    &pc_cue_particles, &pc_cue_np_stop, &pc_cue_aux, &pc_cue_dets,
    &pc_cue_subj_pron, &pc_cue_object_pron, &pc_cue_not_clause, &pc_cue_openers, &pc_cue_not_subject,
    &pc_cue_np_links, &pc_cue_time, &pc_cue_passive, &pc_cue_report_nouns, &pc_cue_fronted, NULL};

int pc_cue_is_dash(const pc_cue_ctx *c, size_t i)
{
    const char *s = c->text + c->toks[i].start;
    size_t n = pc_cue_tlen(c, i);
    return (n == 1 && s[0] == '-') ||
           (n == 3 && (unsigned char)s[0] == 0xE2 && (unsigned char)s[1] == 0x80 &&
            (unsigned char)s[2] >= 0x93 && (unsigned char)s[2] <= 0x95); /* – — ― */
}
