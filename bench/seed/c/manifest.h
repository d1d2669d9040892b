/*
 * manifest.h - reads the workloads bench/seed/gen.py writes: WORK_DIR/
 * manifest.tsv (one row per line, tab-separated: workload, size, kind,
 * arg1, arg2; '-' means unused) and the files its rows name. Any problem
 * ends the program with a message naming the file.
 */
#ifndef SEED_MANIFEST_H
#define SEED_MANIFEST_H

#include <stddef.h>
#include <stdint.h>

typedef struct manifest_row {
    char *workload;
    char *size;
    char *kind;
    char *arg1; /* a path inside the work directory, or NULL for '-' */
    char *arg2;
    char *name; /* "workload/size", as --only names it */
} manifest_row;

typedef struct manifest {
    manifest_row *rows;
    size_t count;
    char *text; /* the file, which the rows' first three fields point into */
} manifest;

/* Reads WORK_DIR/manifest.tsv. */
manifest manifest_read(const char *work_dir);

/* Frees what manifest_read allocated. */
void manifest_free(manifest *m);

/* A whole file in a new buffer (NUL-terminated, not counted in *len). */
uint8_t *manifest_read_file(const char *path, size_t *len);

/* malloc that exits with a message when out of memory (never NULL). */
void *xmalloc(size_t n);

#endif
