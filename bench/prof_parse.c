/*
 * prof_parse.c - a small C driver for profiling the per-document pipeline
 * without the interpreter: reads files, parses each one N times.
 *
 *   cc -O2 -g -Icsrc/lib $(pkg-config --cflags libutf8proc) bench/prof_parse.c \
 *      csrc/lib/[a-z_]*.c -lutf8proc -o /tmp/prof_parse
 *   perf record -g /tmp/prof_parse 400 data/seeds/[0-9]*.txt && perf report
 *   valgrind --tool=callgrind /tmp/prof_parse 20 data/seeds/[0-9]*.txt
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "pc_doc.h"

static char *S_slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    long n;

    if (!f)
        return NULL;
    if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0) {
        buf = malloc((size_t)n + 1);
        if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
            free(buf);
            buf = NULL;
        }
        *len = (size_t)n;
    }
    fclose(f);
    return buf;
}

int main(int argc, char **argv)
{
    const pc_mem *mem = pc_mem_default();
    pc_doc_opts opts = {PC_MODE_AUTO, 0, 0};
    struct timespec t0, t1;
    size_t total = 0;
    int reps, i, r;

    if (argc < 3) {
        fprintf(stderr, "usage: %s REPS FILE...\n", argv[0]);
        return 2;
    }
    reps = atoi(argv[1]);
    /* CPU time: the machine is shared, wall time is noisy */
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t0);
    for (i = 2; i < argc; i++) {
        size_t len = 0;
        char *data = S_slurp(argv[i], &len);
        if (!data) {
            fprintf(stderr, "cannot read %s\n", argv[i]);
            return 1;
        }
        for (r = 0; r < reps; r++) {
            pc_doc doc;
            int rc = pc_doc_parse(mem, data, len, &opts, &doc);
            pc_doc_free(mem, &doc);
            if (rc != PC_OK) {
                fprintf(stderr, "%s: error %d\n", argv[i], rc);
                free(data);
                return 1;
            }
            total += len;
        }
        free(data);
    }
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t1);
    {
        double dt = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
        printf("%zu bytes in %.3f s CPU: %.1f MB/s\n", total, dt, (double)total / dt / 1e6);
    }
    return 0;
}
