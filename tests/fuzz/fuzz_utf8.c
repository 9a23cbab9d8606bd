/*
 * fuzz_utf8.c - pc_utf8_repair, then pc_utf8_nfc, pc_utf8_fix_mojibake,
 * pc_utf8_count and pc_utf8_offsets_to_cp on the repaired text.
 *
 * Input: byte 0 = options (bit 0: compare pc_utf8_nfc with utf8proc_NFC on
 * the whole text; bits 1-7: offset stride seed), the rest is the text.
 * Invariants: every output is valid UTF-8 without NUL; the repair keeps
 * valid input unchanged and adds exactly invalid + nul U+FFFD; segment-wise
 * NFC equals whole-text NFC; converted offsets are monotone and bounded.
 */
#include <utf8proc.h>

#include "fuzz_common.h"
#include "pc_utf8.h"

static size_t S_count_fffd(const char *s, size_t n)
{
    size_t i, c = 0;
    for (i = 0; i + 2 < n; i++)
        if ((unsigned char)s[i] == 0xEF && (unsigned char)s[i + 1] == 0xBF &&
            (unsigned char)s[i + 2] == 0xBD)
            c++;
    return c;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_memctx mc;
    pc_mem mem = fuzz_mem(&mc);
    pc_buf rep = PC_BUF_INIT, nfc = PC_BUF_INIT, moj = PC_BUF_INIT;
    pc_repair_stats st;
    const char *in;
    size_t n, fixed = 0, ncp, i;
    int opt;
    uint32_t *offs = NULL;

    if (size < 1)
        return 0;
    opt = data[0];
    in = (const char *)data + 1;
    n = size - 1;
    memset(&st, 0, sizeof st);

    FUZZ_ASSERT(pc_utf8_repair(&mem, in, n, &rep, &st) == PC_OK);
    FUZZ_ASSERT(fuzz_valid_utf8(rep.data, rep.len));
    if (st.invalid == 0 && st.nul == 0)
        FUZZ_ASSERT(rep.len == n && memcmp(rep.data, in, n) == 0);
    FUZZ_ASSERT(S_count_fffd(rep.data, rep.len) == S_count_fffd(in, n) + st.invalid + st.nul);
    FUZZ_ASSERT(rep.len <= 3 * n);

    /* NFC */
    FUZZ_ASSERT(pc_utf8_nfc(&mem, rep.data, rep.len, &nfc) == PC_OK);
    FUZZ_ASSERT(fuzz_valid_utf8(nfc.data, nfc.len));
    if (opt & 1) {
        utf8proc_uint8_t *ref = NULL;
        utf8proc_ssize_t rl = utf8proc_map((const utf8proc_uint8_t *)rep.data,
                                           (utf8proc_ssize_t)rep.len, &ref,
                                           (utf8proc_option_t)(UTF8PROC_STABLE | UTF8PROC_COMPOSE));
        if (rl >= 0) {
            if ((size_t)rl != nfc.len || memcmp(ref, nfc.data, nfc.len) != 0)
                FUZZ_FAIL("pc_utf8_nfc differs from utf8proc NFC of the whole text");
        }
        free(ref);
    }

    /* mojibake */
    FUZZ_ASSERT(pc_utf8_fix_mojibake(&mem, rep.data, rep.len, &moj, &fixed) == PC_OK);
    FUZZ_ASSERT(fuzz_valid_utf8(moj.data, moj.len));
    FUZZ_ASSERT(moj.len <= rep.len);
    if (fixed == 0)
        FUZZ_ASSERT(moj.len == rep.len && (rep.len == 0 || memcmp(moj.data, rep.data, rep.len) == 0));
    else
        FUZZ_ASSERT(moj.len < rep.len);

    /* offsets: every byte offset (stride 1 or 2) plus some beyond the end */
    ncp = pc_utf8_count(rep.data, rep.len);
    {
        size_t stride = (opt >> 1) & 1 ? 2 : 1, count = rep.len + 3;
        offs = (uint32_t *)calloc(count * stride, sizeof(uint32_t));
        if (offs) {
            for (i = 0; i < count; i++) {
                offs[i * stride] = (uint32_t)i;
                if (stride == 2)
                    offs[i * stride + 1] = 0xABCDu;
            }
            FUZZ_ASSERT(pc_utf8_offsets_to_cp(rep.data, rep.len, offs, count, stride) == PC_OK);
            size_t seen = 0; /* code points before offset i, counted incrementally */
            for (i = 0; i < count; i++) {
                if (i > 0 && i <= rep.len && fuzz_boundary(rep.data, rep.len, i - 1))
                    seen++;
                FUZZ_ASSERT(offs[i * stride] <= ncp);
                if (i)
                    FUZZ_ASSERT(offs[i * stride] >= offs[(i - 1) * stride]);
                if (i <= rep.len && fuzz_boundary(rep.data, rep.len, i))
                    FUZZ_ASSERT(offs[i * stride] == seen);
                if (stride == 2)
                    FUZZ_ASSERT(offs[i * stride + 1] == 0xABCDu);
            }
            FUZZ_ASSERT(offs[(count - 1) * stride] == ncp);
            if (count >= 2) { /* unsorted input is refused and left untouched */
                offs[0] = 5;
                offs[stride] = 4;
                FUZZ_ASSERT(pc_utf8_offsets_to_cp(rep.data, rep.len, offs, 2, stride) == PC_EINVAL);
                FUZZ_ASSERT(offs[0] == 5 && offs[stride] == 4);
            }
            free(offs);
        }
    }
    /* decode never reads past n and always advances on repaired text */
    for (i = 0; i < rep.len;) {
        int32_t cp;
        size_t k = pc_utf8_decode(rep.data + i, rep.len - i, &cp);
        FUZZ_ASSERT(k >= 1 && k <= 4 && i + k <= rep.len);
        FUZZ_ASSERT(cp >= 0 && cp <= 0x10FFFF);
        (void)pc_utf8_class(cp);
        (void)pc_utf8_tolower(cp);
        i += k;
    }

    pc_buf_free(&mem, &rep);
    pc_buf_free(&mem, &nfc);
    pc_buf_free(&mem, &moj);
    FUZZ_ASSERT(mc.live == 0);
    return 0;
}
