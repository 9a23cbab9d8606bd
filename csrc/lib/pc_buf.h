/*
 * pc_buf.h - a growable byte buffer.
 *
 * The buffer owns `data` (allocated with the pc_mem given to each call; use
 * the same one throughout).  `data` is always NUL-terminated when non-NULL so
 * that debugging is easy, but lengths are explicit: the text may not contain
 * NUL by the time it reaches the buffer (inputs are repaired first).
 */
#ifndef PC_BUF_H
#define PC_BUF_H

#include "pc.h"

typedef struct pc_buf {
    char *data;
    size_t len;
    size_t cap;
} pc_buf;

#define PC_BUF_INIT {NULL, 0, 0}

int pc_buf_reserve(const pc_mem *mem, pc_buf *b, size_t extra);
int pc_buf_put(const pc_mem *mem, pc_buf *b, const char *s, size_t n);
int pc_buf_putc(const pc_mem *mem, pc_buf *b, char c);
/* Append code point `cp` (must be a valid scalar value) as UTF-8. */
int pc_buf_put_cp(const pc_mem *mem, pc_buf *b, int32_t cp);
/* Hand the data to the caller (who frees it with mem->free); b is reset. */
char *pc_buf_detach(pc_buf *b, size_t *len);
void pc_buf_free(const pc_mem *mem, pc_buf *b);

#endif
