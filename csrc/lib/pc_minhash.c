/* pc_minhash.c - MinHash, LSH banding, verification (see pc_minhash.h). */
#include "pc_minhash.h"

#include <string.h>

#if defined(__GNUC__) && defined(__x86_64__) && !defined(PC_NO_SIMD)
#define S_HAVE_AVX2 1
#include <immintrin.h>
#endif

static uint64_t S_splitmix(uint64_t *state)
{
    uint64_t z = (*state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

int pc_minhash_init(const pc_mem *mem, pc_minhash *mh, size_t num_perm, uint64_t seed)
{
    uint64_t st = seed ^ 0x6D696E68617368ULL; /* "minhash" */
    size_t i;

    memset(mh, 0, sizeof *mh);
    if (num_perm == 0 || num_perm > PC_MINHASH_MAX_PERM)
        return PC_EINVAL;
    mh->a = (uint64_t *)mem->calloc(mem->ctx, num_perm, sizeof(uint64_t));
    mh->b = (uint64_t *)mem->calloc(mem->ctx, num_perm, sizeof(uint64_t));
    if (!mh->a || !mh->b) {
        pc_minhash_free(mem, mh);
        return PC_ENOMEM;
    }
    for (i = 0; i < num_perm; i++) {
        mh->a[i] = S_splitmix(&st);
        mh->b[i] = S_splitmix(&st);
    }
    mh->num_perm = num_perm;
#ifdef S_HAVE_AVX2
    if (num_perm >= 8 && __builtin_cpu_supports("avx2")) {
        /* per block of 8 slots: lanes for odd slots (set A) then even slots
         * (set B): a_lo, a_hi, b -- 24 values (see S_sign_avx2) */
        size_t blocks = num_perm / 8, k, l;
        mh->vec = (uint64_t *)mem->calloc(mem->ctx, blocks * 24, sizeof(uint64_t));
        if (!mh->vec) {
            pc_minhash_free(mem, mh);
            return PC_ENOMEM;
        }
        for (k = 0; k < blocks; k++)
            for (l = 0; l < 4; l++) {
                size_t odd = 8 * k + 2 * l + 1, even = 8 * k + 2 * l;
                uint64_t *v = mh->vec + 24 * k;
                v[l] = mh->a[odd] & 0xFFFFFFFFu;
                v[4 + l] = mh->a[odd] >> 32;
                v[8 + l] = mh->b[odd];
                v[12 + l] = mh->a[even] & 0xFFFFFFFFu;
                v[16 + l] = mh->a[even] >> 32;
                v[20 + l] = mh->b[even];
            }
    }
#endif
    return PC_OK;
}

void pc_minhash_free(const pc_mem *mem, pc_minhash *mh)
{
    mem->free(mem->ctx, mh->a);
    mem->free(mem->ctx, mh->b);
    mem->free(mem->ctx, mh->vec);
    memset(mh, 0, sizeof *mh);
}

static inline uint32_t S_key(uint64_t h) { return (uint32_t)(h ^ (h >> 32)); }

#ifdef S_HAVE_AVX2
/* 8 slots per step.  With t = a_lo*x + b (64-bit lanes) and p = a_hi*x,
 * h = hi32(t) + lo32(p) mod 2^32 = ((a*x + b) mod 2^64) >> 32.  Set A's
 * results land in odd 32-bit lanes, set B's are shifted into even lanes,
 * so one blend gives the 8 slots in order. */
__attribute__((target("avx2"))) static void S_sign_avx2(const pc_minhash *mh, const uint64_t *sh,
                                                       size_t n, uint32_t *sig)
{
    size_t blocks = mh->num_perm / 8, k, i;
    for (k = 0; k < blocks; k++) {
        const uint64_t *v = mh->vec + 24 * k;
        const __m256i alo = _mm256_loadu_si256((const __m256i *)(v + 0));
        const __m256i ahi = _mm256_loadu_si256((const __m256i *)(v + 4));
        const __m256i ba = _mm256_loadu_si256((const __m256i *)(v + 8));
        const __m256i blo = _mm256_loadu_si256((const __m256i *)(v + 12));
        const __m256i bhi = _mm256_loadu_si256((const __m256i *)(v + 16));
        const __m256i bb = _mm256_loadu_si256((const __m256i *)(v + 20));
        __m256i m = _mm256_set1_epi32(-1);
        for (i = 0; i < n; i++) {
            const __m256i x = _mm256_set1_epi64x((long long)S_key(sh[i]));
            __m256i ta = _mm256_add_epi64(_mm256_mul_epu32(alo, x), ba);
            __m256i pa = _mm256_slli_epi64(_mm256_mul_epu32(ahi, x), 32);
            __m256i tb = _mm256_add_epi64(_mm256_mul_epu32(blo, x), bb);
            __m256i pb = _mm256_slli_epi64(_mm256_mul_epu32(bhi, x), 32);
            __m256i ha = _mm256_add_epi32(ta, pa);                        /* odd lanes */
            __m256i hb = _mm256_srli_epi64(_mm256_add_epi32(tb, pb), 32); /* to even lanes */
            m = _mm256_min_epu32(m, _mm256_blend_epi32(hb, ha, 0xAA));
        }
        _mm256_storeu_si256((__m256i *)(sig + 8 * k), m);
    }
}
#endif

void pc_minhash_sign(const pc_minhash *mh, const uint64_t *sh, size_t n, uint32_t *sig)
{
    const size_t k = mh->num_perm;
    const uint64_t *a = mh->a, *b = mh->b;
    size_t i, j = 0;

#ifdef S_HAVE_AVX2
    if (mh->vec) {
        S_sign_avx2(mh, sh, n, sig);
        j = (k / 8) * 8;
    }
#endif
    {
        size_t j0 = j;
        for (j = j0; j < k; j++)
            sig[j] = 0xFFFFFFFFu;
        for (i = 0; i < n; i++) {
            const uint64_t x = S_key(sh[i]);
            for (j = j0; j < k; j++) {
                uint32_t h = (uint32_t)((a[j] * x + b[j]) >> 32);
                sig[j] = h < sig[j] ? h : sig[j];
            }
        }
    }
}

double pc_minhash_estimate(const uint32_t *a, const uint32_t *b, size_t k)
{
    size_t j, eq = 0;
    if (k == 0)
        return 0.0;
    for (j = 0; j < k; j++)
        eq += a[j] == b[j];
    return (double)eq / (double)k;
}

int pc_minhash_batch(const pc_mem *mem, const pc_minhash *mh, const char *const *texts,
                     const size_t *lens, size_t ndocs, unsigned ngram, uint64_t seed, uint32_t *sig,
                     size_t *nshingles)
{
    pc_tokens tok;
    uint64_t *sh = NULL;
    size_t shcap = 0, nsh, d;
    int rc = PC_OK;

    memset(&tok, 0, sizeof tok);
    if (ngram == 0 || ngram > PC_SHINGLE_MAX_NGRAM || !mh->num_perm)
        return PC_EINVAL;
    for (d = 0; d < ndocs; d++) {
        if ((rc = pc_words(mem, texts[d], lens[d], seed, 0, &tok)))
            goto done;
        if ((rc = pc_shingles(mem, tok.hash, tok.n, ngram, seed, 0, &sh, &nsh, &shcap)))
            goto done;
        pc_minhash_sign(mh, sh, nsh, sig + d * mh->num_perm);
        if (nshingles)
            nshingles[d] = nsh;
    }
done:
    pc_tokens_free(mem, &tok);
    mem->free(mem->ctx, sh);
    return rc;
}

/* ---- banding ---- */

/* integral over [lo, hi] of f(t) = 1-(1-t^r)^b (fp) or (1-t^r)^b (fn), Simpson */
static double S_integrate(double lo, double hi, size_t b, size_t r, int fp)
{
    const int n = 200;
    double h = (hi - lo) / n, sum = 0;
    int i;
    for (i = 0; i <= n; i++) {
        double t = lo + h * i, tr = 1, q = 1, f;
        size_t k;
        for (k = 0; k < r; k++)
            tr *= t;
        for (k = 0; k < b; k++)
            q *= 1 - tr;
        f = fp ? 1 - q : q;
        sum += f * (i == 0 || i == n ? 1 : (i % 2 ? 4 : 2));
    }
    return sum * h / 3;
}

int pc_lsh_params(double threshold, size_t num_perm, double wfp, double wfn, size_t *bands,
                  size_t *rows)
{
    double best = 1e300;
    size_t b, r;

    if (!(threshold > 0 && threshold <= 1) || num_perm == 0 || num_perm > PC_MINHASH_MAX_PERM ||
        !(wfp >= 0) || !(wfn >= 0))
        return PC_EINVAL;
    *bands = 1;
    *rows = num_perm;
    for (b = 1; b <= num_perm; b++)
        for (r = 1; r <= num_perm / b; r++) {
            double err = wfp * S_integrate(0, threshold, b, r, 1) +
                         wfn * S_integrate(threshold, 1, b, r, 0);
            if (err < best) {
                best = err;
                *bands = b;
                *rows = r;
            }
        }
    return PC_OK;
}

int pc_lsh_candidates(const pc_mem *mem, const uint32_t *sig, size_t ndocs, size_t num_perm,
                      size_t bands, size_t rows, const unsigned char *skip, size_t max_pairs,
                      uint64_t **pairs, size_t *npairs)
{
    uint64_t *keys = NULL, *out = NULL;
    size_t nout = 0, cap = 0, band, d, nk;
    int rc = PC_OK;

    *pairs = NULL;
    *npairs = 0;
    if (bands == 0 || rows == 0 || bands > num_perm || rows > num_perm / bands ||
        ndocs > 0xFFFFFFFFu)
        return PC_EINVAL;
    if (ndocs < 2)
        return PC_OK;
    keys = (uint64_t *)mem->calloc(mem->ctx, ndocs, sizeof(uint64_t));
    if (!keys)
        return PC_ENOMEM;
    for (band = 0; band < bands; band++) {
        size_t i, j;
        nk = 0;
        for (d = 0; d < ndocs; d++) {
            const uint32_t *s = sig + d * num_perm + band * rows;
            uint64_t h;
            if (skip && skip[d])
                continue;
            h = pc_hash64(s, rows * sizeof(uint32_t), (uint64_t)band);
            keys[nk++] = (h & 0xFFFFFFFF00000000ULL) | (uint64_t)d;
        }
        nk = pc_u64_sort_unique(keys, nk);
        for (i = 0; i < nk; i = j) {
            for (j = i + 1; j < nk && (keys[j] >> 32) == (keys[i] >> 32); j++)
                ;
            if (j - i > 1) {
                size_t x, y, g = j - i, add = g * (g - 1) / 2;
                if (max_pairs && nout + add > max_pairs) {
                    rc = PC_ELIMIT;
                    goto error;
                }
                if ((rc = pc_grow(mem, (void **)&out, &cap, nout + add, sizeof(uint64_t))))
                    goto error;
                /* keys are sorted by doc within a bucket, so x < y gives i < j */
                for (x = i; x < j; x++)
                    for (y = x + 1; y < j; y++)
                        out[nout++] = (keys[x] & 0xFFFFFFFFu) << 32 | (keys[y] & 0xFFFFFFFFu);
            }
        }
        /* keep the pair list small between bands */
        if (nout > 1)
            nout = pc_u64_sort_unique(out, nout);
    }
    mem->free(mem->ctx, keys);
    if (nout == 0) {
        mem->free(mem->ctx, out);
        out = NULL;
    }
    *pairs = out;
    *npairs = nout;
    return PC_OK;
error:
    mem->free(mem->ctx, keys);
    mem->free(mem->ctx, out);
    return rc;
}

int pc_neardup(const pc_mem *mem, const char *const *texts, const size_t *lens, size_t ndocs,
               size_t num_perm, unsigned ngram, uint64_t seed, double threshold, size_t bands,
               size_t rows, double min_exact, size_t max_pairs, pc_dup_pair **out, size_t *nout)
{
    pc_minhash mh;
    pc_tokens tok;
    uint32_t *sig = NULL;
    size_t *setoff = NULL, *setn = NULL, setcap = 0, setlen = 0, npairs = 0, i, cap = 0, n = 0, sz;
    unsigned char *skip = NULL;
    uint64_t *pairs = NULL, *sets = NULL, *shbuf = NULL;
    size_t shcap = 0;
    pc_dup_pair *res = NULL;
    int rc;

    memset(&mh, 0, sizeof mh);
    memset(&tok, 0, sizeof tok);
    *out = NULL;
    *nout = 0;
    if (!(threshold > 0 && threshold <= 1) || ndocs > 0xFFFFFFFFu)
        return PC_EINVAL;
    if ((rc = pc_minhash_init(mem, &mh, num_perm, seed)))
        return rc;
    if (bands == 0 && rows == 0 &&
        (rc = pc_lsh_params(threshold, num_perm, PC_NEARDUP_WFP, PC_NEARDUP_WFN, &bands, &rows)))
        goto done;
    if (!pc_mul_ok(ndocs, num_perm * sizeof(uint32_t), &sz)) {
        rc = PC_EOVERFLOW;
        goto done;
    }
    sig = (uint32_t *)mem->calloc(mem->ctx, sz ? sz : 1, 1);
    skip = (unsigned char *)mem->calloc(mem->ctx, ndocs ? ndocs : 1, 1);
    setoff = (size_t *)mem->calloc(mem->ctx, ndocs + 1, sizeof(size_t));
    setn = (size_t *)mem->calloc(mem->ctx, ndocs ? ndocs : 1, sizeof(size_t));
    if (!sig || !skip || !setoff || !setn) {
        rc = PC_ENOMEM;
        goto done;
    }
    /* One pass per document: its shingles are signed and kept for the exact
     * check of candidate pairs, so no document is tokenized twice (8 bytes per
     * shingle, about 1.5x the text, for the whole corpus at once).  Only the
     * documents of some candidate pair are then sorted into sets: sorting all
     * of them cost more than the signatures. */
    if (ngram == 0 || ngram > PC_SHINGLE_MAX_NGRAM) {
        rc = PC_EINVAL;
        goto done;
    }
    for (i = 0; i < ndocs; i++) {
        size_t k = 0;
        setoff[i] = setlen;
        if ((rc = pc_words(mem, texts[i], lens[i], seed, 0, &tok)) ||
            (rc = pc_shingles(mem, tok.hash, tok.n, ngram, seed, 0, &shbuf, &k, &shcap)) ||
            (rc = pc_grow(mem, (void **)&sets, &setcap, setlen + k, sizeof(uint64_t))))
            goto done;
        pc_minhash_sign(&mh, shbuf, k, sig + i * num_perm);
        if (k)
            memcpy(sets + setlen, shbuf, k * sizeof(uint64_t));
        skip[i] = k == 0;
        setlen += k;
    }
    setoff[ndocs] = setlen;
    if ((rc = pc_lsh_candidates(mem, sig, ndocs, num_perm, bands, rows, skip, max_pairs, &pairs,
                                &npairs)))
        goto done;

    memset(skip, 0, ndocs ? ndocs : 1); /* now: 1 = sorted into a set of setn[d] shingles */
    for (i = 0; i < npairs; i++) {
        size_t a = (size_t)(pairs[i] >> 32), b = (size_t)(pairs[i] & 0xFFFFFFFFu), d, k;
        double j;
        for (k = 0; k < 2; k++) {
            d = k ? b : a;
            if (!skip[d]) {
                setn[d] = pc_u64_sort_unique(sets + setoff[d], setoff[d + 1] - setoff[d]);
                skip[d] = 1;
            }
        }
        j = pc_jaccard(sets + setoff[a], setn[a], sets + setoff[b], setn[b]);
        if (j < min_exact)
            continue;
        if ((rc = pc_grow(mem, (void **)&res, &cap, n + 1, sizeof(pc_dup_pair))))
            goto done;
        res[n].a = (uint32_t)a;
        res[n].b = (uint32_t)b;
        res[n].jaccard = j;
        res[n].jaccard_est = pc_minhash_estimate(sig + a * num_perm, sig + b * num_perm, num_perm);
        n++;
    }
    *out = res;
    *nout = n;
    res = NULL;
done:
    pc_minhash_free(mem, &mh);
    pc_tokens_free(mem, &tok);
    mem->free(mem->ctx, sig);
    mem->free(mem->ctx, skip);
    mem->free(mem->ctx, setoff);
    mem->free(mem->ctx, setn);
    mem->free(mem->ctx, pairs);
    mem->free(mem->ctx, sets);
    mem->free(mem->ctx, shbuf);
    mem->free(mem->ctx, res);
    return rc;
}
