/* pc_buf.c - growable byte buffer (see pc_buf.h). */
#include "pc_buf.h"

#include <string.h>

int pc_buf_reserve(const pc_mem *mem, pc_buf *b, size_t extra)
{
    size_t need;
    void *p = b->data;
    int rc;

    if (extra > SIZE_MAX - b->len - 1)
        return PC_EOVERFLOW;
    need = b->len + extra + 1; /* room for the terminating NUL */
    if (need <= b->cap)
        return PC_OK;
    rc = pc_grow(mem, &p, &b->cap, need, 1);
    if (rc != PC_OK)
        return rc;
    b->data = (char *)p;
    return PC_OK;
}

int pc_buf_put(const pc_mem *mem, pc_buf *b, const char *s, size_t n)
{
    int rc = pc_buf_reserve(mem, b, n);
    if (rc != PC_OK)
        return rc;
    if (n)
        memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
    return PC_OK;
}

int pc_buf_putc(const pc_mem *mem, pc_buf *b, char c) { return pc_buf_put(mem, b, &c, 1); }

int pc_buf_put_cp(const pc_mem *mem, pc_buf *b, int32_t cp)
{
    char s[4];
    size_t n;

    if (cp < 0x80) {
        s[0] = (char)cp;
        n = 1;
    } else if (cp < 0x800) {
        s[0] = (char)(0xC0 | (cp >> 6));
        s[1] = (char)(0x80 | (cp & 0x3F));
        n = 2;
    } else if (cp < 0x10000) {
        s[0] = (char)(0xE0 | (cp >> 12));
        s[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        s[2] = (char)(0x80 | (cp & 0x3F));
        n = 3;
    } else {
        s[0] = (char)(0xF0 | (cp >> 18));
        s[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        s[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        s[3] = (char)(0x80 | (cp & 0x3F));
        n = 4;
    }
    return pc_buf_put(mem, b, s, n);
}

char *pc_buf_detach(pc_buf *b, size_t *len)
{
    char *p = b->data;
    if (len)
        *len = b->len;
    b->data = NULL;
    b->len = b->cap = 0;
    return p;
}

void pc_buf_free(const pc_mem *mem, pc_buf *b)
{
    if (b->data)
        mem->free(mem->ctx, b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}
