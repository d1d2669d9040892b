/* manifest.c - see manifest.h. */
#define _POSIX_C_SOURCE 200809L

#include "manifest.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void *xmalloc(size_t n) {
    void *p = malloc(n ? n : 1);
    if (!p) {
        fprintf(stderr, "seed-c: error: out of memory (%zu bytes)\n", n);
        exit(1);
    }
    return p;
}

static char *join(const char *a, const char *sep, const char *b) {
    size_t la = strlen(a), ls = strlen(sep), lb = strlen(b);
    char *s = xmalloc(la + ls + lb + 1);
    memcpy(s, a, la);
    memcpy(s + la, sep, ls);
    memcpy(s + la + ls, b, lb + 1);
    return s;
}

uint8_t *manifest_read_file(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "seed-c: error: cannot open %s: %s\n", path, strerror(errno));
        exit(1);
    }
    size_t cap = 1 << 16, n = 0;
    uint8_t *buf = xmalloc(cap);
    size_t got;
    while ((got = fread(buf + n, 1, cap - n - 1, f)) > 0) {
        n += got;
        if (cap - n - 1 == 0) {
            cap *= 2;
            uint8_t *bigger = realloc(buf, cap);
            if (!bigger) {
                fprintf(stderr, "seed-c: error: out of memory reading %s\n", path);
                exit(1);
            }
            buf = bigger;
        }
    }
    if (ferror(f)) {
        fprintf(stderr, "seed-c: error: cannot read %s: %s\n", path, strerror(errno));
        exit(1);
    }
    fclose(f);
    buf[n] = 0;
    *len = n;
    return buf;
}

manifest manifest_read(const char *work_dir) {
    char *path = join(work_dir, "/", "manifest.tsv");
    size_t len;
    char *text = (char *)manifest_read_file(path, &len);
    if (strlen(text) != len) {
        fprintf(stderr, "seed-c: error: %s contains a NUL byte\n", path);
        exit(1);
    }
    size_t cap = 16, n = 0, line_no = 0;
    manifest_row *out = xmalloc(cap * sizeof *out);
    char *line = text;
    while (line && *line) {
        char *next = strchr(line, '\n');
        if (next) *next++ = 0;
        line_no++;
        size_t l = strlen(line);
        if (l && line[l - 1] == '\r') line[--l] = 0;
        if (l == 0) {
            line = next;
            continue;
        }
        char *field[5];
        size_t nf = 0;
        for (char *p = line;;) {
            if (nf == 5) { /* a sixth field */
                nf++;
                break;
            }
            field[nf++] = p;
            char *tab = strchr(p, '\t');
            if (!tab) break;
            *tab = 0;
            p = tab + 1;
        }
        if (nf != 5) {
            fprintf(stderr, "seed-c: error: %s:%zu: expected 5 tab-separated fields (workload, size, kind, arg1, arg2)\n",
                    path, line_no);
            exit(1);
        }
        if (n == cap) {
            cap *= 2;
            manifest_row *bigger = realloc(out, cap * sizeof *out);
            if (!bigger) {
                fprintf(stderr, "seed-c: error: out of memory reading %s\n", path);
                exit(1);
            }
            out = bigger;
        }
        manifest_row *r = &out[n++];
        r->workload = field[0];
        r->size = field[1];
        r->kind = field[2];
        r->arg1 = strcmp(field[3], "-") ? join(work_dir, "/", field[3]) : NULL;
        r->arg2 = strcmp(field[4], "-") ? join(work_dir, "/", field[4]) : NULL;
        r->name = join(field[0], "/", field[1]);
        line = next;
    }
    free(path);
    manifest m = {out, n, text};
    return m;
}

void manifest_free(manifest *m) {
    for (size_t i = 0; i < m->count; i++) {
        free(m->rows[i].arg1);
        free(m->rows[i].arg2);
        free(m->rows[i].name);
    }
    free(m->rows);
    free(m->text);
    m->rows = NULL;
    m->text = NULL;
    m->count = 0;
}
