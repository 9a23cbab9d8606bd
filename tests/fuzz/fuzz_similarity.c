/* fuzz_similarity.c - libFuzzer target for the similarity engine.
 *
 * Input: byte 0 = ngram (1..8), byte 1 = anchor (1..6), byte 2 = min_words
 * (1..16), byte 3 = num_perm (1..64; bit 7 set: automatic LSH bands, else
 * bands = 1 + byte0 % num_perm), then documents separated by 0x01.
 * Calls pc_words, pc_shingles, pc_neardup, pc_tfidf_build/pairs, pc_topk,
 * pc_bag_build and pc_reuse (bounded by num_perm % 3 partners), and checks
 * their documented invariants. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pc_align.h"
#include "pc_minhash.h"
#include "pc_shingle.h"
#include "pc_tfidf.h"
#include "pc_topk.h"

#define MAXD 8

static void S_fail(void) { __builtin_trap(); }

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const pc_mem *mem = pc_mem_default();
    const char *docs[MAXD];
    size_t lens[MAXD], nd = 0, i, n, cap = 0, ntok = 0, tcap = 0, off[MAXD + 1];
    unsigned ngram, anchor;
    size_t min_words, num_perm, bands = 0, rows = 0;
    pc_tokens tok;
    uint64_t *sh = NULL, *toks = NULL;
    pc_dup_pair *dp = NULL;
    pc_tfidf m;
    pc_score_pair *sp = NULL;
    pc_passage *ps = NULL;
    pc_align_params prm;
    const uint8_t *p, *end;

    if (size < 4)
        return 0;
    ngram = 1 + data[0] % 8;
    anchor = 1 + data[1] % 6;
    min_words = 1 + data[2] % 16;
    num_perm = 1 + data[3] % 64;
    if (!(data[3] & 0x80)) {
        bands = 1 + data[0] % num_perm;
        rows = num_perm / bands;
    }
    p = data + 4;
    end = data + size;
    while (p <= end && nd < MAXD) {
        const uint8_t *q = memchr(p, 0x01, (size_t)(end - p));
        if (!q)
            q = end;
        docs[nd] = (const char *)p;
        lens[nd] = (size_t)(q - p);
        nd++;
        p = q + 1;
    }

    memset(&tok, 0, sizeof tok);
    for (i = 0; i < nd; i++) {
        size_t k;
        if (pc_words(mem, docs[i], lens[i], 1, PC_WORDS_KEEP_FOLDED, &tok) != PC_OK)
            S_fail();
        for (k = 0; k < tok.n; k++)
            if (tok.start[k] >= tok.end[k] || tok.end[k] > lens[i] || (k && tok.start[k] < tok.end[k - 1]))
                S_fail();
        if (pc_shingles(mem, tok.hash, tok.n, ngram, 1, 1, &sh, &n, &cap) != PC_OK)
            S_fail();
        if ((tok.n == 0) != (n == 0))
            S_fail();
        for (k = 1; k < n; k++)
            if (sh[k - 1] >= sh[k])
                S_fail();
        off[i] = ntok;
        if (pc_grow(mem, (void **)&toks, &tcap, ntok + tok.n + 1, sizeof(uint64_t)) != PC_OK)
            S_fail();
        if (tok.n)
            memcpy(toks + ntok, tok.hash, tok.n * sizeof(uint64_t));
        ntok += tok.n;
    }
    off[nd] = ntok;

    if (pc_neardup(mem, docs, lens, nd, num_perm, ngram, 1, 0.5, bands, rows, 0.5, 10000, &dp, &n) != PC_OK)
        S_fail();
    for (i = 0; i < n; i++)
        if (dp[i].a >= dp[i].b || dp[i].b >= nd || dp[i].jaccard < 0.5 || dp[i].jaccard > 1.0)
            S_fail();

    if (pc_tfidf_build(mem, toks, off, nd, 1, &m) != PC_OK)
        S_fail();
    if (pc_tfidf_pairs(mem, &m, 0.0, 0, &sp, &n) != PC_OK)
        S_fail();
    for (i = 0; i < n; i++)
        if (sp[i].a >= sp[i].b || !(sp[i].score > 0) || sp[i].score > 1.0 + 1e-9)
            S_fail();

    /* top-k: exact (every pair found above is some row's candidate) and a tiny budget */
    {
        pc_topk_params tp;
        pc_score_pair *tk = NULL;
        size_t ntk = 0, x;
        memset(&tp, 0, sizeof tp);
        tp.k = 1 + (size_t)(num_perm % 5);
        tp.budget = (num_perm & 1) ? UINT64_MAX : 16;
        if (pc_topk(mem, &m, &tp, NULL, NULL, &tk, &ntk, NULL) != PC_OK)
            S_fail();
        for (x = 0; x < ntk; x++)
            if (tk[x].a >= nd || tk[x].b >= nd || tk[x].a == tk[x].b || !(tk[x].score > 0) ||
                tk[x].score > 1.0 + 1e-9 || (x && tk[x].a < tk[x - 1].a))
                S_fail();
        if (ntk > nd * tp.k)
            S_fail();
        mem->free(mem->ctx, tk);
    }
    {
        pc_bag bag;
        if (pc_bag_build(mem, docs, lens, nd, 1, &bag) != PC_OK || bag.rowptr[nd] != bag.nnz)
            S_fail();
        pc_bag_free(mem, &bag);
    }

    pc_align_defaults(&prm);
    prm.anchor = anchor;
    prm.min_words = min_words;
    prm.max_partners = num_perm % 3;
    if (pc_reuse(mem, docs, lens, nd, &prm, &ps, &n) != PC_OK)
        S_fail();
    for (i = 0; i < n; i++)
        if (ps[i].a >= ps[i].b || ps[i].a_start >= ps[i].a_end || ps[i].b_start >= ps[i].b_end ||
            ps[i].a_end > lens[ps[i].a] || ps[i].b_end > lens[ps[i].b] || ps[i].words < min_words)
            S_fail();

    pc_tokens_free(mem, &tok);
    mem->free(mem->ctx, sh);
    mem->free(mem->ctx, toks);
    mem->free(mem->ctx, dp);
    mem->free(mem->ctx, sp);
    mem->free(mem->ctx, ps);
    pc_tfidf_free(mem, &m);
    return 0;
}
