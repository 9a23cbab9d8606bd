/* pc_tagger.c - averaged-perceptron NER tagger; see pc_tagger.h. */
#include "pc_tagger.h"

#include <string.h>
#include <utf8proc.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#define NL PC_TAGGER_NLABELS
#define S_VERSION 1u
#define S_FEATSET 0x46453033u /* "FE03" in ASCII: bump on any feature change */
#define S_SEED 0x7065616365636f72ull
#define S_HDR 32u
#define S_NCUES 64

/* static (label-independent) templates per token */
enum {
    T_BIAS, T_LOWER, T_FORM, T_P1, T_P2, T_P3, T_P4, T_S1, T_S2, T_S3, T_S4,
    T_SHAPE, T_SSHAPE, T_FLAGS, T_LM1, T_LM2, T_LP1, T_LP2, T_SHM1, T_SHP1, T_SHM2, T_SHP2,
    T_POS, T_EXT0, T_EXTM1, T_EXTP1, T_EXTSH, T_CUEM1, T_CUEM2, T_LM1L0, T_L0LP1, T_SH3,
    T_CAPSL0, T_FORMM1, T_FORMP1, T_S3M1, T_S3P1, T_CUESH, T_LM2LM1, T_LP1LP2, T_SHM1L0, T_L0SHP1,
    T_NSTATIC,
    /* label-dependent templates */
    T_Y1 = T_NSTATIC, T_Y12, T_Y1L0, T_Y1SH, T_NALL
};
#define NS T_NSTATIC
#define NF (T_NALL)

/* Words that announce a person (or an organisation right after them).
 * Matched on the casefolded token; a feature carries the cue's index so
 * the model learns what each cue announces. */
static const char *const S_cues[] = {
    "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "president", "minister",
    "prime", "secretary", "chairman", "spokesman", "spokeswoman", "ambassador", "envoy",
    "deputy", "leader", "general", "gen.", "sen.", "senator", "rep.", "governor", "mayor",
    "king", "queen", "prince", "pope", "coach", "captain", "director", "chief", "analyst",
    "fellow", "professor", "prof.", "judge", "commander", "colonel", "col.", "premier",
    "chancellor", "lawmaker", "mp", "official", "counterpart", "st", "st.", "lt.", "sir",
    "chairwoman", "executive", "negotiator", "mediator", "co-chair", "senior", "told",
    "said", "says", "according", "at", NULL};

struct pc_tagger {
    pc_mem mem;
    unsigned log2;
    size_t n_rows;
    uint64_t mask;
    int final;
    /* trainer */
    float *w;
    double *u;
    double c;
    unsigned drop_permille; /* word dropout while training */
    uint64_t rng;
    /* finalized */
    int16_t *q;
    float scale;
    uint64_t cue_hash[S_NCUES];
    int n_cues;
    uint8_t cue_slot[2 * S_NCUES]; /* open addressing over cue_hash: index + 1, 0 = empty */
    uint32_t row_y1[NL + 1], row_y12[(NL + 1) * (NL + 1)]; /* the label-only rows */
    uint32_t row_bias, row_cuem1[S_NCUES + 2], row_cuem2[S_NCUES + 2]; /* cue 0..64, then 999 */
};

typedef struct {
    uint64_t lower, form, shape, sshape, pre[4], suf[4], ext;
    uint32_t flags;
    int cue;
    uint64_t in_lower, in_form, in_sshape, in_s3, in_ext; /* S_inner of the shared values */
    uint32_t guess_l0, guess_sh; /* tagging: T_Y1L0 and T_Y1SH rows if y1 is S_guess */
} S_tok;

enum {
    F_TITLE = 1, F_UPPER = 2, F_LOWER = 4, F_DIGIT = 8, F_ALLDIGIT = 16, F_HYPHEN = 32,
    F_DOT = 64, F_NOALNUM = 128, F_HASLOWER = 256, F_HASUPPER = 512, F_LONG = 1024
};

static inline uint64_t S_mix(uint64_t x)
{
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ull;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebull;
    x ^= x >> 31;
    return x;
}

static inline uint64_t S_pair(uint64_t a, uint64_t b) { return S_mix(a * 0x9e3779b97f4a7c15ull + b + 1); }

/* S_row in two halves: the inner one depends on the value only, so a value
 * that several templates use (a token's word is also the left neighbour of
 * the next token and the right one of the previous) is mixed once. */
static inline uint64_t S_inner(uint64_t v) { return S_mix(v ^ S_SEED); }

static inline uint32_t S_row_in(const pc_tagger *t, unsigned tmpl, uint64_t inner)
{
    return (uint32_t)(S_mix(inner ^ ((uint64_t)(tmpl + 1) << 56)) & t->mask);
}

static inline uint32_t S_row(const pc_tagger *t, unsigned tmpl, uint64_t v)
{
    return S_row_in(t, tmpl, S_inner(v));
}

#define FNV_OFF 0xcbf29ce484222325ull
#define FNV_PRIME 0x100000001b3ull
static inline uint64_t S_fnv(uint64_t h, uint32_t v) { return (h ^ v) * FNV_PRIME; }

static uint64_t S_hash_ascii(const char *s)
{
    uint64_t h = FNV_OFF;
    for (; *s; s++)
        h = S_fnv(h, (unsigned char)*s);
    return S_mix(h);
}

static int S_shape_char(int32_t cp)
{
    if (cp < 128) {
        if (cp >= 'A' && cp <= 'Z')
            return 'X';
        if (cp >= 'a' && cp <= 'z')
            return 'x';
        if (cp >= '0' && cp <= '9')
            return 'd';
        return (int)cp;
    }
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LT: return 'X';
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO: return 'x';
    case UTF8PROC_CATEGORY_ND: return 'd';
    default: return cp < 128 ? (int)cp : '*';
    }
}

/* 1 + the index of the first cue whose hash is `h`, 0 for none (a hash
 * table: scanning all 64 cues for every token was ~7% of tagging). */
static inline unsigned S_cue_slot(uint64_t h) { return (unsigned)(h >> 57) & (2 * S_NCUES - 1); }

static int S_cue(const pc_tagger *t, uint64_t h)
{
    unsigned i = S_cue_slot(h);
    while (t->cue_slot[i]) {
        if (t->cue_hash[t->cue_slot[i] - 1] == h)
            return t->cue_slot[i];
        i = (i + 1) & (2 * S_NCUES - 1);
    }
    return 0;
}

/* Everything the features need from one token, in one pass over its bytes. */
static void S_token(const pc_tagger *t, const uint8_t *s, size_t len, int32_t ext, S_tok *k)
{
    uint64_t hl = FNV_OFF, hf = FNV_OFF, hs = FNV_OFF, hss = FNV_OFF;
    int32_t ring[4] = {0, 0, 0, 0};
    size_t nlow = 0, i = 0, ncp = 0;
    int last = -1, run = 0, nalnum = 0, nupper = 0, nlower = 0, ndigit = 0;
    uint32_t flags = 0;
    int j;

    /* every field is set below (no memset: it showed in the profile) */
    while (i < len) {
        int32_t cp, low[8];
        utf8proc_ssize_t r, nl;
        int bc = 0, sc;
        if (s[i] < 0x80) {
            cp = s[i];
            r = 1;
        } else {
            r = utf8proc_iterate(s + i, (utf8proc_ssize_t)(len - i), &cp);
            if (r <= 0) {
                cp = 0xFFFD;
                r = 1;
            }
        }
        i += (size_t)r;
        ncp++;
        hf = S_fnv(hf, (uint32_t)cp);
        sc = S_shape_char(cp);
        if (sc == 'X')
            nupper++;
        else if (sc == 'x')
            nlower++;
        else if (sc == 'd')
            ndigit++;
        if (sc == 'X' || sc == 'x' || sc == 'd')
            nalnum++;
        if (cp == '-')
            flags |= F_HYPHEN;
        if (cp == '.')
            flags |= F_DOT;
        if (ncp == 1 && sc == 'X')
            flags |= F_TITLE;
        if (sc != last) {
            hss = S_fnv(hss, (uint32_t)sc);
            run = 0;
        }
        if (run < 4)
            hs = S_fnv(hs, (uint32_t)sc);
        run++;
        last = sc;
        if (cp < 128) {
            low[0] = (cp >= 'A' && cp <= 'Z') ? cp + 32 : cp;
            nl = 1;
        } else {
            nl = utf8proc_decompose_char(cp, low, 8, UTF8PROC_CASEFOLD, &bc);
        }
        if (nl <= 0 || nl > 8) {
            low[0] = cp;
            nl = 1;
        }
        for (j = 0; j < (int)nl; j++) {
            hl = S_fnv(hl, (uint32_t)low[j]);
            if (nlow < 4)
                k->pre[nlow] = S_mix(hl);
            ring[nlow & 3] = low[j];
            nlow++;
        }
    }
    for (j = (int)nlow; j < 4; j++)
        k->pre[j] = nlow ? k->pre[nlow - 1] : 0;
    for (j = 0; j < 4; j++) {
        uint64_t h = FNV_OFF;
        size_t m = (size_t)j + 1 < nlow ? (size_t)j + 1 : nlow, q;
        for (q = nlow - m; q < nlow; q++)
            h = S_fnv(h, (uint32_t)ring[q & 3]);
        k->suf[j] = S_mix(h ^ 0x5f);
    }
    k->lower = S_mix(hl);
    k->form = S_mix(hf ^ 0x1);
    k->shape = S_mix(hs ^ 0x2);
    k->sshape = S_mix(hss ^ 0x3);
    if (nupper && !nlower)
        flags |= F_UPPER;
    if (nlower && !nupper)
        flags |= F_LOWER;
    if (nlower)
        flags |= F_HASLOWER;
    if (nupper)
        flags |= F_HASUPPER;
    if (ndigit)
        flags |= F_DIGIT;
    if (ndigit && ndigit == nalnum && nalnum)
        flags |= F_ALLDIGIT;
    if (!nalnum)
        flags |= F_NOALNUM;
    if (ncp > 8)
        flags |= F_LONG;
    k->flags = flags;
    k->ext = S_mix((uint64_t)(uint32_t)ext + 0x77);
    k->cue = S_cue(t, k->lower);
}

#define B_LOW1 0x1111111111111111ull /* boundary stand-ins for absent neighbours */
#define B_LOW2 0x2222222222222222ull
#define B_HIGH1 0x3333333333333333ull
#define B_HIGH2 0x4444444444444444ull

static int S_check(const pc_span *spans, size_t n, size_t len, const void *a, const void *b)
{
    size_t i;
    if (n == 0)
        return PC_OK;
    if (!spans || !a || !b)
        return PC_EINVAL;
    if (n > PC_TAGGER_MAX_TOKENS)
        return PC_ETOOBIG;
    for (i = 0; i < n; i++)
        if (spans[i].start > spans[i].end || spans[i].end > len)
            return PC_EINVAL;
    return PC_OK;
}

/* The weight rows of one token are scattered over a table far larger than
 * the caches: asking for them as soon as they are known (while the next
 * tokens are hashed) hides much of the memory latency.  A hint only: no
 * effect on the result, a no-op for compilers without the builtin. */
static inline void S_prefetch(const pc_tagger *t, const uint32_t *r, int n)
{
#if defined(__GNUC__) || defined(__clang__)
    int f;
    for (f = 0; f < n; f++)
        __builtin_prefetch(t->q + (size_t)r[f] * NL);
#else
    (void)t, (void)r, (void)n;
#endif
}

/* The previous label that tagging guesses for token i: sentence start for
 * the first, O after it (right for 92% of the tokens of 6-token windows of
 * BBC news). */
static inline uint64_t S_guess(size_t i) { return i == 0 ? NL : 0; }

/* Fills rows[i * NS + f] for every static template f; `toks` is scratch.
 * For a finalized model the rows are prefetched (S_prefetch). */
static void S_static(const pc_tagger *t, const char *text, const pc_span *spans, size_t n,
                     const int32_t *ext, S_tok *toks, uint32_t *rows, uint64_t *rng)
{
    size_t i;
    int caps = 1, anyupper = 0;

    for (i = 0; i < n; i++) {
        S_token(t, (const uint8_t *)text + spans[i].start, spans[i].end - spans[i].start,
                ext ? ext[i] : 0, &toks[i]);
        if (rng) {
            /* word dropout: hide the word's identity (not its shape, affixes
             * or cue) so the model also learns to tag words it never saw */
            *rng = S_mix(*rng + 0x9e3779b97f4a7c15ull);
            if ((*rng >> 32) % 1000u < t->drop_permille) {
                toks[i].lower = 0x5555555555555555ull;
                toks[i].form = 0x6666666666666666ull;
            }
        }
        toks[i].in_lower = S_inner(toks[i].lower);
        toks[i].in_form = S_inner(toks[i].form);
        toks[i].in_sshape = S_inner(toks[i].sshape);
        toks[i].in_s3 = S_inner(toks[i].suf[2]);
        toks[i].in_ext = S_inner(toks[i].ext);
        if (toks[i].flags & F_HASLOWER)
            caps = 0;
        if (toks[i].flags & F_HASUPPER)
            anyupper = 1;
    }
    caps = caps && anyupper;
    for (i = 0; i < n; i++) {
        const S_tok *k = &toks[i];
        const S_tok *m1 = i >= 1 ? &toks[i - 1] : NULL, *m2 = i >= 2 ? &toks[i - 2] : NULL;
        const S_tok *p1 = i + 1 < n ? &toks[i + 1] : NULL, *p2 = i + 2 < n ? &toks[i + 2] : NULL;
        uint64_t lm1 = m1 ? m1->lower : B_LOW1, lm2 = m2 ? m2->lower : B_LOW2;
        uint64_t lp1 = p1 ? p1->lower : B_HIGH1, lp2 = p2 ? p2->lower : B_HIGH2;
        uint64_t sm1 = m1 ? m1->sshape : B_LOW1, sp1 = p1 ? p1->sshape : B_HIGH1;
        uint32_t *r = rows + i * NS;
        uint64_t pos = i < 3 ? i : 3;

        r[T_BIAS] = t->row_bias;
        r[T_LOWER] = S_row_in(t, T_LOWER, k->in_lower);
        r[T_FORM] = S_row_in(t, T_FORM, k->in_form);
        r[T_P1] = S_row(t, T_P1, k->pre[0]);
        r[T_P2] = S_row(t, T_P2, k->pre[1]);
        r[T_P3] = S_row(t, T_P3, k->pre[2]);
        r[T_P4] = S_row(t, T_P4, k->pre[3]);
        r[T_S1] = S_row(t, T_S1, k->suf[0]);
        r[T_S2] = S_row(t, T_S2, k->suf[1]);
        r[T_S3] = S_row_in(t, T_S3, k->in_s3);
        r[T_S4] = S_row(t, T_S4, k->suf[3]);
        r[T_SHAPE] = S_row(t, T_SHAPE, k->shape);
        r[T_SSHAPE] = S_row_in(t, T_SSHAPE, k->in_sshape);
        r[T_FLAGS] = S_row(t, T_FLAGS, k->flags);
        r[T_LM1] = S_row_in(t, T_LM1, m1 ? m1->in_lower : S_inner(B_LOW1));
        r[T_LM2] = S_row_in(t, T_LM2, m2 ? m2->in_lower : S_inner(B_LOW2));
        r[T_LP1] = S_row_in(t, T_LP1, p1 ? p1->in_lower : S_inner(B_HIGH1));
        r[T_LP2] = S_row_in(t, T_LP2, p2 ? p2->in_lower : S_inner(B_HIGH2));
        r[T_SHM1] = S_row_in(t, T_SHM1, m1 ? m1->in_sshape : S_inner(B_LOW1));
        r[T_SHP1] = S_row_in(t, T_SHP1, p1 ? p1->in_sshape : S_inner(B_HIGH1));
        r[T_SHM2] = S_row_in(t, T_SHM2, m2 ? m2->in_sshape : S_inner(B_LOW2));
        r[T_SHP2] = S_row_in(t, T_SHP2, p2 ? p2->in_sshape : S_inner(B_HIGH2));
        r[T_POS] = S_row(t, T_POS, S_pair(pos, k->sshape));
        r[T_EXT0] = S_row_in(t, T_EXT0, k->in_ext);
        r[T_EXTM1] = S_row_in(t, T_EXTM1, m1 ? m1->in_ext : S_inner(B_LOW1));
        r[T_EXTP1] = S_row_in(t, T_EXTP1, p1 ? p1->in_ext : S_inner(B_HIGH1));
        r[T_EXTSH] = S_row(t, T_EXTSH, S_pair(k->ext, k->sshape));
        r[T_CUEM1] = t->row_cuem1[m1 ? m1->cue : S_NCUES + 1];
        r[T_CUEM2] = t->row_cuem2[m2 ? m2->cue : S_NCUES + 1];
        r[T_LM1L0] = S_row(t, T_LM1L0, S_pair(lm1, k->lower));
        r[T_L0LP1] = S_row(t, T_L0LP1, S_pair(k->lower, lp1));
        r[T_SH3] = S_row(t, T_SH3, S_pair(S_pair(sm1, k->sshape), sp1));
        r[T_CAPSL0] = S_row(t, T_CAPSL0, S_pair((uint64_t)caps, caps ? k->lower : k->sshape));
        r[T_FORMM1] = S_row_in(t, T_FORMM1, m1 ? m1->in_form : S_inner(B_LOW1));
        r[T_FORMP1] = S_row_in(t, T_FORMP1, p1 ? p1->in_form : S_inner(B_HIGH1));
        r[T_S3M1] = S_row_in(t, T_S3M1, m1 ? m1->in_s3 : S_inner(B_LOW1));
        r[T_S3P1] = S_row_in(t, T_S3P1, p1 ? p1->in_s3 : S_inner(B_HIGH1));
        r[T_CUESH] = S_row(t, T_CUESH, S_pair(m1 ? (uint64_t)m1->cue : 999, k->sshape));
        r[T_LM2LM1] = S_row(t, T_LM2LM1, S_pair(lm2, lm1));
        r[T_LP1LP2] = S_row(t, T_LP1LP2, S_pair(lp1, lp2));
        r[T_SHM1L0] = S_row(t, T_SHM1L0, S_pair(sm1, k->lower));
        r[T_L0SHP1] = S_row(t, T_L0SHP1, S_pair(k->lower, sp1));
        if (t->final) {
            /* most tokens follow an O: their label rows are then known now */
            uint64_t g = S_guess(i);
            toks[i].guess_l0 = S_row(t, T_Y1L0, S_pair(g, k->lower));
            toks[i].guess_sh = S_row(t, T_Y1SH, S_pair(g, k->sshape));
            S_prefetch(t, r, NS);
            S_prefetch(t, &toks[i].guess_l0, 2);
        }
    }
}

static void S_dynamic(const pc_tagger *t, const S_tok *k, int y1, int y2, uint32_t *r)
{
    r[0] = S_row(t, T_Y1, (uint64_t)y1);
    r[1] = S_row(t, T_Y12, (uint64_t)(y1 * 16 + y2));
    r[2] = S_row(t, T_Y1L0, S_pair((uint64_t)y1, k->lower));
    r[3] = S_row(t, T_Y1SH, S_pair((uint64_t)y1, k->sshape));
}

/* I-X only after B-X or I-X; y1 == NL means sentence start. */
static inline int S_allowed(int y, int y1)
{
    if (y == 0 || (y & 1))
        return 1;
    return y1 == y - 1 || y1 == y;
}

static int S_best_f(const double *s, int y1)
{
    int y, best = 0;
    for (y = 1; y < NL; y++)
        if (S_allowed(y, y1) && s[y] > s[best])
            best = y;
    return best;
}

static int S_best_i(const int32_t *s, int y1)
{
    int y, best = 0;
    for (y = 1; y < NL; y++)
        if (S_allowed(y, y1) && s[y] > s[best])
            best = y;
    return best;
}

/* ---- life cycle -------------------------------------------------------- */

static int S_alloc(const pc_mem *mem, unsigned log2, pc_tagger **out)
{
    pc_tagger *t;
    int i;
    unsigned y1, y2;
    if (!mem || !out)
        return PC_EINVAL;
    if (log2 < PC_TAGGER_MIN_LOG2 || log2 > PC_TAGGER_MAX_LOG2)
        return PC_EINVAL;
    t = (pc_tagger *)mem->calloc(mem->ctx, 1, sizeof *t);
    if (!t)
        return PC_ENOMEM;
    t->mem = *mem;
    t->log2 = log2;
    t->n_rows = (size_t)1 << log2;
    t->mask = t->n_rows - 1;
    for (i = 0; S_cues[i] && i < S_NCUES; i++)
        t->cue_hash[i] = S_hash_ascii(S_cues[i]);
    t->n_cues = i;
    for (i = 0; i < t->n_cues; i++) {
        unsigned j = S_cue_slot(t->cue_hash[i]);
        if (S_cue(t, t->cue_hash[i])) /* a duplicate: the first one wins */
            continue;
        while (t->cue_slot[j])
            j = (j + 1) & (2 * S_NCUES - 1);
        t->cue_slot[j] = (uint8_t)(i + 1);
    }
    t->row_bias = S_row(t, T_BIAS, 0);
    for (i = 0; i < S_NCUES + 2; i++) {
        uint64_t cue = i <= S_NCUES ? (uint64_t)i : 999;
        t->row_cuem1[i] = S_row(t, T_CUEM1, cue);
        t->row_cuem2[i] = S_row(t, T_CUEM2, cue);
    }
    for (y1 = 0; y1 <= NL; y1++) {
        t->row_y1[y1] = S_row(t, T_Y1, y1);
        for (y2 = 0; y2 <= NL; y2++)
            t->row_y12[y1 * (NL + 1) + y2] = S_row(t, T_Y12, (uint64_t)(y1 * 16 + y2));
    }
    *out = t;
    return PC_OK;
}

int pc_tagger_new(const pc_mem *mem, unsigned log2_buckets, pc_tagger **out)
{
    pc_tagger *t = NULL;
    size_t n;
    int rc = S_alloc(mem, log2_buckets, &t);
    if (rc != PC_OK)
        return rc;
    n = t->n_rows * NL;
    t->w = (float *)mem->calloc(mem->ctx, n, sizeof(float));
    t->u = (double *)mem->calloc(mem->ctx, n, sizeof(double));
    if (!t->w || !t->u) {
        pc_tagger_free(t);
        return PC_ENOMEM;
    }
    t->c = 1.0;
    *out = t;
    return PC_OK;
}

void pc_tagger_free(pc_tagger *t)
{
    pc_mem m;
    if (!t)
        return;
    m = t->mem;
    m.free(m.ctx, t->w);
    m.free(m.ctx, t->u);
    m.free(m.ctx, t->q);
    m.free(m.ctx, t);
}

int pc_tagger_is_final(const pc_tagger *t) { return t && t->final; }

int pc_tagger_set_dropout(pc_tagger *t, unsigned permille, uint64_t seed)
{
    if (!t || t->final || permille > 1000)
        return PC_EINVAL;
    t->drop_permille = permille;
    t->rng = seed;
    return PC_OK;
}

const char *pc_tagger_label_name(int label)
{
    static const char *const names[NL] = {"O",     "B-PER", "I-PER",  "B-ORG", "I-ORG",
                                          "B-LOC", "I-LOC", "B-MISC", "I-MISC"};
    return label >= 0 && label < NL ? names[label] : "?";
}

/* ---- training ---------------------------------------------------------- */

int pc_tagger_train_sentence(pc_tagger *t, const char *text, size_t len, const pc_span *spans,
                             size_t n, const int32_t *ext, const uint8_t *gold, size_t *n_correct)
{
    S_tok *toks = NULL;
    uint32_t *rows = NULL;
    size_t i, ok = 0, bytes;
    int rc, y1 = NL, y2 = NL;

    if (!t || t->final)
        return PC_EINVAL;
    if ((rc = S_check(spans, n, len, text, gold)) != PC_OK)
        return rc;
    if (n_correct)
        *n_correct = 0;
    if (n == 0)
        return PC_OK;
    for (i = 0; i < n; i++)
        if (gold[i] >= NL)
            return PC_EINVAL;
    if (!pc_mul_ok(n, sizeof(S_tok), &bytes) || !pc_mul_ok(n, NS * sizeof(uint32_t), &bytes))
        return PC_EOVERFLOW;
    toks = (S_tok *)t->mem.calloc(t->mem.ctx, n, sizeof(S_tok));
    rows = (uint32_t *)t->mem.calloc(t->mem.ctx, n, NS * sizeof(uint32_t));
    if (!toks || !rows) {
        rc = PC_ENOMEM;
        goto done;
    }
    S_static(t, text, spans, n, ext, toks, rows, t->drop_permille ? &t->rng : NULL);
    for (i = 0; i < n; i++) {
        uint32_t r[NF];
        double s[NL] = {0};
        int f, y, g = gold[i], p;
        memcpy(r, rows + i * NS, NS * sizeof(uint32_t));
        S_dynamic(t, &toks[i], y1, y2, r + NS);
        for (f = 0; f < NF; f++) {
            const float *w = t->w + (size_t)r[f] * NL;
            for (y = 0; y < NL; y++)
                s[y] += w[y];
        }
        p = S_best_f(s, y1);
        if (p == g) {
            ok++;
        } else {
            for (f = 0; f < NF; f++) {
                size_t base = (size_t)r[f] * NL;
                t->w[base + (size_t)g] += 1.0f;
                t->u[base + (size_t)g] += t->c;
                t->w[base + (size_t)p] -= 1.0f;
                t->u[base + (size_t)p] -= t->c;
            }
        }
        t->c += 1.0;
        y2 = y1;
        y1 = p;
    }
    if (n_correct)
        *n_correct = ok;
    rc = PC_OK;
done:
    t->mem.free(t->mem.ctx, toks);
    t->mem.free(t->mem.ctx, rows);
    return rc;
}

/* Averaged weights w - u/c, quantized to int16 with one scale. */
static int S_quantize(const pc_tagger *t, const pc_mem *mem, int16_t **qout, float *scale)
{
    size_t i, n = t->n_rows * NL;
    double maxabs = 0.0, sc;
    int16_t *q = (int16_t *)mem->calloc(mem->ctx, n, sizeof(int16_t));
    if (!q)
        return PC_ENOMEM;
    for (i = 0; i < n; i++) {
        double a = (double)t->w[i] - t->u[i] / t->c;
        if (a < 0)
            a = -a;
        if (a > maxabs)
            maxabs = a;
    }
    sc = maxabs > 0.0 ? maxabs / 32767.0 : 1.0;
    for (i = 0; i < n; i++) {
        double v = ((double)t->w[i] - t->u[i] / t->c) / sc;
        /* no libm: round half away from zero by hand (|v| <= 32767) */
        long r = (long)(v < 0 ? v - 0.5 : v + 0.5);
        q[i] = (int16_t)(r > 32767 ? 32767 : r < -32767 ? -32767 : r);
    }
    *qout = q;
    *scale = (float)sc;
    return PC_OK;
}

int pc_tagger_finalize(pc_tagger *t)
{
    int rc;
    if (!t)
        return PC_EINVAL;
    if (t->final)
        return PC_OK;
    if ((rc = S_quantize(t, &t->mem, &t->q, &t->scale)) != PC_OK)
        return rc;
    t->mem.free(t->mem.ctx, t->w);
    t->mem.free(t->mem.ctx, t->u);
    t->w = NULL;
    t->u = NULL;
    t->final = 1;
    return PC_OK;
}

int pc_tagger_averaged(const pc_tagger *t, const pc_mem *mem, pc_tagger **out)
{
    pc_tagger *m = NULL;
    int rc;
    if (!t || t->final || !mem || !out)
        return PC_EINVAL;
    if ((rc = S_alloc(mem, t->log2, &m)) != PC_OK)
        return rc;
    if ((rc = S_quantize(t, mem, &m->q, &m->scale)) != PC_OK) {
        pc_tagger_free(m);
        return rc;
    }
    m->final = 1;
    *out = m;
    return PC_OK;
}

/* ---- tagging ----------------------------------------------------------- */

struct pc_tagger_scratch {
    pc_mem mem;
    S_tok *toks;
    size_t cap_toks;
    uint32_t *rows;
    size_t cap_rows;
};

int pc_tagger_scratch_new(const pc_mem *mem, pc_tagger_scratch **out)
{
    pc_tagger_scratch *sc;
    if (!mem || !out)
        return PC_EINVAL;
    sc = (pc_tagger_scratch *)mem->calloc(mem->ctx, 1, sizeof *sc);
    if (!sc)
        return PC_ENOMEM;
    sc->mem = *mem;
    *out = sc;
    return PC_OK;
}

static void S_scratch_clear(pc_tagger_scratch *sc)
{
    sc->mem.free(sc->mem.ctx, sc->toks);
    sc->mem.free(sc->mem.ctx, sc->rows);
}

void pc_tagger_scratch_free(pc_tagger_scratch *sc)
{
    if (!sc)
        return;
    S_scratch_clear(sc);
    sc->mem.free(sc->mem.ctx, sc);
}

/* The scores of one token: 46 rows of nine int16 added into int32 (no
 * overflow: 46 * 32767 < 2^31).  Kept in registers: summing into an array
 * made every add a load and a store through memory, which cost as much as
 * all the hashing. */
#if defined(__SSE2__)
typedef struct {
    __m128i lo, hi;
    int32_t last;
} S_acc;

static inline void S_acc_zero(S_acc *a)
{
    a->lo = _mm_setzero_si128();
    a->hi = _mm_setzero_si128();
    a->last = 0;
}

/* q[0..7] in one (unaligned) load, q[8] alone: no read past the row */
static inline void S_acc_add(S_acc *a, const int16_t *q)
{
    __m128i v = _mm_loadu_si128((const __m128i *)(const void *)q);
    a->lo = _mm_add_epi32(a->lo, _mm_srai_epi32(_mm_unpacklo_epi16(v, v), 16));
    a->hi = _mm_add_epi32(a->hi, _mm_srai_epi32(_mm_unpackhi_epi16(v, v), 16));
    a->last += q[8];
}

static inline void S_acc_get(const S_acc *a, int32_t *s)
{
    _mm_storeu_si128((__m128i *)(void *)s, a->lo);
    _mm_storeu_si128((__m128i *)(void *)(s + 4), a->hi);
    s[8] = a->last;
}
#else
typedef struct {
    int32_t s[NL];
} S_acc;

static inline void S_acc_zero(S_acc *a) { memset(a, 0, sizeof *a); }

static inline void S_acc_add(S_acc *a, const int16_t *q)
{
    int y;
    for (y = 0; y < NL; y++)
        a->s[y] += q[y];
}

static inline void S_acc_get(const S_acc *a, int32_t *s) { memcpy(s, a->s, sizeof a->s); }
#endif

static int S_tag(const pc_tagger *t, pc_tagger_scratch *sc, const char *text, size_t len,
                 const pc_span *spans, size_t n, const int32_t *ext, uint8_t *labels, float *margin)
{
    size_t i, bytes;
    int rc, y1 = NL, y2 = NL;

    if (!t || !t->final)
        return PC_EINVAL;
    if ((rc = S_check(spans, n, len, text, labels)) != PC_OK)
        return rc;
    if (n == 0)
        return PC_OK;
    if (!pc_mul_ok(n, sizeof(S_tok), &bytes) || !pc_mul_ok(n, NS * sizeof(uint32_t), &bytes))
        return PC_EOVERFLOW;
    if ((rc = pc_grow(&sc->mem, (void **)&sc->toks, &sc->cap_toks, n, sizeof(S_tok))) != PC_OK ||
        (rc = pc_grow(&sc->mem, (void **)&sc->rows, &sc->cap_rows, n * NS, sizeof(uint32_t))) != PC_OK)
        return rc;
    S_static(t, text, spans, n, ext, sc->toks, sc->rows, NULL);
    for (i = 0; i < n; i++) {
        const S_tok *k = &sc->toks[i];
        const uint32_t *r = sc->rows + i * NS;
        int32_t s[NL];
        S_acc acc;
        int f, p;
        S_acc_zero(&acc);
        /* the label-dependent rows (S_dynamic) */
        if ((uint64_t)y1 == S_guess(i)) {
            S_acc_add(&acc, t->q + (size_t)k->guess_l0 * NL);
            S_acc_add(&acc, t->q + (size_t)k->guess_sh * NL);
        } else {
            S_acc_add(&acc, t->q + (size_t)S_row(t, T_Y1L0, S_pair((uint64_t)y1, k->lower)) * NL);
            S_acc_add(&acc, t->q + (size_t)S_row(t, T_Y1SH, S_pair((uint64_t)y1, k->sshape)) * NL);
        }
        S_acc_add(&acc, t->q + (size_t)t->row_y1[y1] * NL);
        S_acc_add(&acc, t->q + (size_t)t->row_y12[y1 * (NL + 1) + y2] * NL);
        for (f = 0; f < NS; f++)
            S_acc_add(&acc, t->q + (size_t)r[f] * NL);
        S_acc_get(&acc, s);
        p = S_best_i(s, y1);
        labels[i] = (uint8_t)p;
        if (margin) { /* best minus the runner-up among the allowed labels */
            int y, second = -1;
            for (y = 0; y < NL; y++)
                if (y != p && S_allowed(y, y1) && (second < 0 || s[y] > s[second]))
                    second = y;
            margin[i] = second < 0 ? 0.0f : (float)(s[p] - s[second]) * t->scale;
        }
        y2 = y1;
        y1 = p;
    }
    return PC_OK;
}

int pc_tagger_tag_scratch(const pc_tagger *t, pc_tagger_scratch *sc, const char *text, size_t len,
                          const pc_span *spans, size_t n, const int32_t *ext, uint8_t *labels)
{
    if (!sc)
        return PC_EINVAL;
    return S_tag(t, sc, text, len, spans, n, ext, labels, NULL);
}

int pc_tagger_tag_margin(const pc_tagger *t, pc_tagger_scratch *sc, const char *text, size_t len,
                         const pc_span *spans, size_t n, const int32_t *ext, uint8_t *labels, float *margin)
{
    if (!sc || (!margin && n))
        return PC_EINVAL;
    return S_tag(t, sc, text, len, spans, n, ext, labels, margin);
}

int pc_tagger_tag(const pc_tagger *t, const char *text, size_t len, const pc_span *spans, size_t n,
                  const int32_t *ext, uint8_t *labels, const pc_mem *mem)
{
    pc_tagger_scratch sc;
    int rc;
    if (!mem)
        return PC_EINVAL;
    memset(&sc, 0, sizeof sc);
    sc.mem = *mem;
    rc = S_tag(t, &sc, text, len, spans, n, ext, labels, NULL);
    S_scratch_clear(&sc);
    return rc;
}

/* ---- serialization ----------------------------------------------------- */

static void S_put32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
    p[2] = (uint8_t)(v >> 16);
    p[3] = (uint8_t)(v >> 24);
}

static uint32_t S_get32(const uint8_t *p)
{
    return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
}

static uint32_t S_checksum(const uint8_t *p, size_t n)
{
    uint32_t h = 2166136261u;
    size_t i;
    for (i = 0; i < n; i++)
        h = (h ^ p[i]) * 16777619u;
    return h;
}

static const uint8_t S_magic[8] = {'P', 'C', 'T', 'A', 'G', 'G', 'R', 0};

static int S_row_nonzero(const int16_t *q)
{
    int y;
    for (y = 0; y < NL; y++)
        if (q[y])
            return 1;
    return 0;
}

int pc_tagger_save(const pc_tagger *t, const pc_mem *mem, uint8_t **blob, size_t *blob_len)
{
    size_t i, nz = 0, total, bm = 0, off;
    uint8_t *b, *bits;
    uint32_t fbits;

    if (!t || !t->final || !mem || !blob || !blob_len)
        return PC_EINVAL;
    for (i = 0; i < t->n_rows; i++)
        nz += (size_t)S_row_nonzero(t->q + i * NL);
    bm = t->n_rows / 8;
    total = S_HDR + bm + nz * NL * 2 + 4;
    b = (uint8_t *)mem->calloc(mem->ctx, total, 1);
    if (!b)
        return PC_ENOMEM;
    memcpy(b, S_magic, 8);
    S_put32(b + 8, S_VERSION);
    S_put32(b + 12, NL);
    S_put32(b + 16, S_FEATSET);
    S_put32(b + 20, t->log2);
    memcpy(&fbits, &t->scale, 4);
    S_put32(b + 24, fbits);
    S_put32(b + 28, (uint32_t)nz);
    bits = b + S_HDR;
    off = S_HDR + bm;
    for (i = 0; i < t->n_rows; i++) {
        const int16_t *q = t->q + i * NL;
        int y;
        if (!S_row_nonzero(q))
            continue;
        bits[i >> 3] |= (uint8_t)(1u << (i & 7));
        for (y = 0; y < NL; y++) {
            uint16_t v = (uint16_t)q[y];
            b[off++] = (uint8_t)v;
            b[off++] = (uint8_t)(v >> 8);
        }
    }
    S_put32(b + off, S_checksum(b, off));
    *blob = b;
    *blob_len = total;
    return PC_OK;
}

int pc_tagger_load(const pc_mem *mem, const uint8_t *blob, size_t blob_len, pc_tagger **out)
{
    pc_tagger *t = NULL;
    uint32_t log2, nz, fbits;
    size_t n_rows, bm, need, i, off, count = 0;
    float scale;
    int rc;

    if (!mem || !out || (!blob && blob_len))
        return PC_EINVAL;
    if (blob_len < S_HDR + 4 || memcmp(blob, S_magic, 8) != 0)
        return PC_EINVAL;
    if (S_get32(blob + 8) != S_VERSION || S_get32(blob + 12) != NL || S_get32(blob + 16) != S_FEATSET)
        return PC_EINVAL;
    log2 = S_get32(blob + 20);
    if (log2 < PC_TAGGER_MIN_LOG2 || log2 > PC_TAGGER_MAX_LOG2)
        return PC_EINVAL;
    fbits = S_get32(blob + 24);
    memcpy(&scale, &fbits, 4);
    if (!(scale > 0.0f) || !(scale < 3.4e38f)) /* rejects NaN and infinity without libm */
        return PC_EINVAL;
    nz = S_get32(blob + 28);
    n_rows = (size_t)1 << log2;
    if (nz > n_rows)
        return PC_EINVAL;
    bm = n_rows / 8;
    need = S_HDR + bm + (size_t)nz * NL * 2 + 4;
    if (blob_len != need)
        return PC_EINVAL;
    if (S_get32(blob + need - 4) != S_checksum(blob, need - 4))
        return PC_EINVAL;
    for (i = 0; i < bm; i++) {
        unsigned v = blob[S_HDR + i];
        while (v) {
            count += v & 1u;
            v >>= 1;
        }
    }
    if (count != nz)
        return PC_EINVAL;
    if ((rc = S_alloc(mem, log2, &t)) != PC_OK)
        return rc;
    t->q = (int16_t *)mem->calloc(mem->ctx, n_rows * NL, sizeof(int16_t));
    if (!t->q) {
        pc_tagger_free(t);
        return PC_ENOMEM;
    }
    off = S_HDR + bm;
    for (i = 0; i < n_rows; i++) {
        int y;
        if (!(blob[S_HDR + (i >> 3)] & (1u << (i & 7))))
            continue;
        for (y = 0; y < NL; y++, off += 2)
            t->q[i * NL + (size_t)y] = (int16_t)(uint16_t)(blob[off] | (blob[off + 1] << 8));
    }
    t->scale = scale;
    t->final = 1;
    *out = t;
    return PC_OK;
}
