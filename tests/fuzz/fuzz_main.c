/*
 * fuzz_main.c - replay driver: runs a fuzz target without libFuzzer.
 *
 * Link it with one tests/fuzz/fuzz_*.c target (the Makefile's `replay`
 * target does, with ASan+UBSan) and pass files or directories of saved inputs:
 * each is read whole and given to LLVMFuzzerTestOneInput once.  Regression
 * inputs (corpus/regress-*) therefore run in every `make replay` on machines
 * without clang's libFuzzer.
 */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int S_run_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    uint8_t *buf = NULL;
    size_t len = 0, cap = 0, got;

    if (!f) {
        perror(path);
        return 1;
    }
    for (;;) {
        if (len == cap) {
            size_t ncap = cap ? cap * 2 : 65536;
            uint8_t *p = (uint8_t *)realloc(buf, ncap);
            if (!p) {
                fclose(f);
                free(buf);
                fprintf(stderr, "%s: out of memory\n", path);
                return 1;
            }
            buf = p;
            cap = ncap;
        }
        got = fread(buf + len, 1, cap - len, f);
        len += got;
        if (got == 0)
            break;
    }
    fclose(f);
    /* an exact-size copy so that ASan catches a read one past the input */
    {
        uint8_t *exact = (uint8_t *)malloc(len ? len : 1);
        if (!exact) {
            free(buf);
            return 1;
        }
        if (len)
            memcpy(exact, buf, len);
        free(buf);
        LLVMFuzzerTestOneInput(exact, len);
        free(exact);
    }
    return 0;
}

static int S_run_path(const char *path, size_t *count)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        perror(path);
        return 1;
    }
    if (S_ISDIR(st.st_mode)) {
        DIR *d = opendir(path);
        struct dirent *e;
        int bad = 0;
        if (!d) {
            perror(path);
            return 1;
        }
        while ((e = readdir(d)) != NULL) {
            char *sub;
            size_t n;
            if (e->d_name[0] == '.')
                continue;
            n = strlen(path) + strlen(e->d_name) + 2;
            sub = (char *)malloc(n);
            if (!sub) {
                closedir(d);
                return 1;
            }
            snprintf(sub, n, "%s/%s", path, e->d_name);
            bad |= S_run_path(sub, count);
            free(sub);
        }
        closedir(d);
        return bad;
    }
    (*count)++;
    return S_run_file(path);
}

int main(int argc, char **argv)
{
    size_t count = 0;
    int i, bad = 0;
    for (i = 1; i < argc; i++)
        bad |= S_run_path(argv[i], &count);
    printf("%s: replayed %zu inputs\n", argc > 0 ? argv[0] : "fuzz", count);
    return bad;
}
