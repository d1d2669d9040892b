/*
 * seed_ferrex.c - the c-ferrex seed runner (bench/seed/PROTOCOL.md): the
 * seed workloads through libferrex's C API, as a C program would use it.
 *
 *     seed-c WORK_DIR [--only WORKLOAD/SIZE]... [--budget-ms N]
 *
 * Prints one CSV line per workload:
 * workload,size,implementation,median_ns,iterations,check,spread_pct
 *
 * Everything is built once, outside the timing; each operation reuses it:
 * regex-count calls ferrex_regex_count with one cache; phrase-count resets
 * one ferrex_phrase_iter and drains it with ferrex_phrase_iter_next_batch; lowercase writes into one buffer; is-match-empty
 * passes one explicit cache. Every status is checked: an error prints
 * ferrex's message and exits non-zero.
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ferrex.h"
#include "manifest.h"
#include "timing.h"

#define IMPLEMENTATION "c-ferrex"
/* Matches fetched per ferrex_phrase_iter_next_batch call. */
#define BATCH 1024

static const char USAGE[] = "usage: seed-c WORK_DIR [--only WORKLOAD/SIZE]... [--budget-ms N]\n";

#if defined(__GNUC__)
#define NORETURN __attribute__((noreturn))
#else
#define NORETURN
#endif

/* A failed call: ferrex's name and description of the status. */
NORETURN static void die_status(int32_t status, const char *what) {
    fprintf(stderr, "seed-c: error: %s returned %s: %s\n", what, ferrex_status_name(status),
            ferrex_status_message(status));
    exit(1);
}

/* A failed constructor: its detailed error message (syntax errors point at
 * the offending text). */
NORETURN static void die_error(ferrex_status status, ferrex_error *err, const char *what, const char *about) {
    fprintf(stderr, "seed-c: error: %s (%s) returned %s:\n%s\n", what, about, ferrex_status_name(status),
            err ? ferrex_error_message(err) : ferrex_status_message(status));
    ferrex_error_free(err);
    exit(1);
}

static const char *need(const char *arg, const manifest_row *row, const char *which) {
    if (!arg) {
        fprintf(stderr, "seed-c: error: %s: kind %s needs %s\n", row->name, row->kind, which);
        exit(1);
    }
    return arg;
}

static ferrex_regex *compile(const manifest_row *row) {
    const char *path = need(row->arg1, row, "arg1 (the pattern file)");
    size_t len;
    uint8_t *pattern = manifest_read_file(path, &len);
    ferrex_regex *re = NULL;
    ferrex_error *err = NULL;
    ferrex_status st = ferrex_regex_new(&re, pattern, len, 0, NULL, &err);
    if (st != FERREX_OK) die_error(st, err, "ferrex_regex_new", path);
    free(pattern);
    return re;
}

/* ---- regex-count ---- */

/* Counting is what ferrex_regex_count does: the matches iteration would
 * report, without their starts (one forward scan), with one cache. */
struct regex_count {
    ferrex_regex *re;
    ferrex_cache *cache;
    const uint8_t *haystack;
    size_t len;
};

static uint64_t regex_count_once(struct regex_count *c) {
    size_t n = 0;
    ferrex_status st = ferrex_regex_count(c->re, c->cache, c->haystack, c->len, NULL, &n);
    if (st != FERREX_OK) die_status(st, "ferrex_regex_count");
    return n;
}

static uint64_t regex_count_batch(void *ctx, uint64_t k) {
    uint64_t sum = 0;
    for (uint64_t i = 0; i < k; i++) sum += regex_count_once(ctx);
    return sum;
}

static timing_stats regex_count(const manifest_row *row, uint64_t budget_ns, char *check, size_t check_cap) {
    struct regex_count c;
    c.re = compile(row);
    uint8_t *haystack = manifest_read_file(need(row->arg2, row, "arg2 (the haystack)"), &c.len);
    c.haystack = haystack;
    ferrex_error *err = NULL;
    ferrex_status st = ferrex_cache_new(&c.cache, c.re, &err);
    if (st != FERREX_OK) die_error(st, err, "ferrex_cache_new", row->name);
    snprintf(check, check_cap, "%llu", (unsigned long long)regex_count_once(&c));
    timing_stats s = timing_measure(regex_count_batch, &c, budget_ns);
    ferrex_cache_free(c.cache);
    ferrex_regex_free(c.re);
    free(haystack);
    return s;
}

/* ---- phrase-count ---- */

struct phrase_count {
    ferrex_phrase_iter *iter;
    const uint8_t *haystack;
    size_t len;
    ferrex_match buf[BATCH];
};

static uint64_t phrase_count_once(struct phrase_count *c) {
    ferrex_status st = ferrex_phrase_iter_reset(c->iter, c->len, NULL);
    if (st != FERREX_OK) die_status(st, "ferrex_phrase_iter_reset");
    uint64_t total = 0;
    for (;;) {
        size_t got = 0;
        int32_t rc = ferrex_phrase_iter_next_batch(c->iter, c->haystack, c->len, c->buf, BATCH, &got);
        if (rc < 0) die_status(rc, "ferrex_phrase_iter_next_batch");
        total += got;
        if (got < BATCH) return total; /* a short batch is the last one */
    }
}

static uint64_t phrase_count_batch(void *ctx, uint64_t k) {
    uint64_t sum = 0;
    for (uint64_t i = 0; i < k; i++) sum += phrase_count_once(ctx);
    return sum;
}

/* Phrases are the file's lines, each ended by '\n', matched case-sensitively,
 * leftmost-longest, non-overlapping. */
static ferrex_phrases *build_phrases(const manifest_row *row) {
    const char *path = need(row->arg1, row, "arg1 (the phrase file)");
    size_t len;
    uint8_t *file = manifest_read_file(path, &len);
    if (len && file[len - 1] == '\n') len--;
    size_t count = 1;
    for (size_t i = 0; i < len; i++) count += file[i] == '\n';
    const uint8_t **phrases = xmalloc(count * sizeof *phrases);
    size_t *lens = xmalloc(count * sizeof *lens);
    size_t start = 0, n = 0;
    for (size_t i = 0; i <= len; i++) {
        if (i == len || file[i] == '\n') {
            phrases[n] = file + start;
            lens[n++] = i - start;
            start = i + 1;
        }
    }
    ferrex_phrase_options *opts = NULL;
    ferrex_error *err = NULL;
    ferrex_status st = ferrex_phrase_options_new(&opts, &err);
    if (st != FERREX_OK) die_error(st, err, "ferrex_phrase_options_new", row->name);
    st = ferrex_phrase_options_set_match_kind(opts, FERREX_PHRASE_MATCH_LEFTMOST_LONGEST);
    if (st != FERREX_OK) die_status(st, "ferrex_phrase_options_set_match_kind");
    ferrex_phrases *set = NULL;
    st = ferrex_phrases_new(&set, phrases, lens, n, opts, &err);
    if (st != FERREX_OK) die_error(st, err, "ferrex_phrases_new", path);
    ferrex_phrase_options_free(opts);
    free(lens);
    free(phrases);
    free(file);
    return set;
}

static timing_stats phrase_count(const manifest_row *row, uint64_t budget_ns, char *check, size_t check_cap) {
    static struct phrase_count c;
    ferrex_phrases *set = build_phrases(row);
    uint8_t *haystack = manifest_read_file(need(row->arg2, row, "arg2 (the haystack)"), &c.len);
    c.haystack = haystack;
    ferrex_error *err = NULL;
    ferrex_status st = ferrex_phrase_iter_new(&c.iter, set, c.len, NULL, 0, &err);
    if (st != FERREX_OK) die_error(st, err, "ferrex_phrase_iter_new", row->name);
    snprintf(check, check_cap, "%llu", (unsigned long long)phrase_count_once(&c));
    timing_stats s = timing_measure(phrase_count_batch, &c, budget_ns);
    ferrex_phrase_iter_free(c.iter);
    ferrex_phrases_free(set);
    free(haystack);
    return s;
}

/* ---- lowercase ---- */

struct lowercase {
    const uint8_t *text;
    size_t len;
    uint8_t *out; /* reused by every call */
    size_t cap;
};

static uint64_t lowercase_once(struct lowercase *c) {
    size_t out_len = 0;
    ferrex_status st = ferrex_lowercase(c->text, c->len, FERREX_LOWERCASE_UNICODE, c->out, c->cap, &out_len);
    if (st != FERREX_OK) die_status(st, "ferrex_lowercase");
    return out_len;
}

static uint64_t lowercase_batch(void *ctx, uint64_t k) {
    uint64_t sum = 0;
    for (uint64_t i = 0; i < k; i++) sum += lowercase_once(ctx);
    return sum;
}

/* FNV-1a 32-bit, the lowercase check. */
static uint32_t fnv1a32(const uint8_t *p, size_t n) {
    uint32_t h = 0x811c9dc5u;
    for (size_t i = 0; i < n; i++) h = (h ^ p[i]) * 0x01000193u;
    return h;
}

static timing_stats lowercase(const manifest_row *row, uint64_t budget_ns, char *check, size_t check_cap) {
    struct lowercase c;
    uint8_t *text = manifest_read_file(need(row->arg1, row, "arg1 (the text)"), &c.len);
    c.text = text;
    /* A zero capacity asks for the size: BUFFER_TOO_SMALL with the length. */
    ferrex_status st = ferrex_lowercase(c.text, c.len, FERREX_LOWERCASE_UNICODE, NULL, 0, &c.cap);
    if (st != FERREX_OK && st != FERREX_ERR_BUFFER_TOO_SMALL) die_status(st, "ferrex_lowercase (size)");
    c.out = xmalloc(c.cap);
    size_t n = lowercase_once(&c);
    snprintf(check, check_cap, "%08x", (unsigned)fnv1a32(c.out, n));
    timing_stats s = timing_measure(lowercase_batch, &c, budget_ns);
    free(c.out);
    free(text);
    return s;
}

/* ---- is-match-empty ---- */

struct is_match_empty {
    ferrex_regex *re;
    ferrex_cache *cache;
};

static uint64_t is_match_empty_once(struct is_match_empty *c) {
    int32_t rc = ferrex_regex_is_match(c->re, c->cache, (const uint8_t *)"", 0, NULL);
    if (rc < 0) die_status(rc, "ferrex_regex_is_match");
    return (uint64_t)rc;
}

static uint64_t is_match_empty_batch(void *ctx, uint64_t k) {
    uint64_t sum = 0;
    for (uint64_t i = 0; i < k; i++) sum += is_match_empty_once(ctx);
    return sum;
}

static timing_stats is_match_empty(const manifest_row *row, uint64_t budget_ns, char *check, size_t check_cap) {
    struct is_match_empty c;
    c.re = compile(row);
    ferrex_error *err = NULL;
    ferrex_status st = ferrex_cache_new(&c.cache, c.re, &err);
    if (st != FERREX_OK) die_error(st, err, "ferrex_cache_new", row->name);
    snprintf(check, check_cap, "%llu", (unsigned long long)is_match_empty_once(&c));
    timing_stats s = timing_measure(is_match_empty_batch, &c, budget_ns);
    ferrex_cache_free(c.cache);
    ferrex_regex_free(c.re);
    return s;
}

/* ---- main ---- */

static uint64_t parse_budget_ms(const char *s) {
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (!*s || *end || errno || s[0] == '-') {
        fprintf(stderr, "seed-c: error: --budget-ms: not a whole number of milliseconds: \"%s\"\n", s);
        exit(2);
    }
    return (uint64_t)v;
}

int main(int argc, char **argv) {
    const char *work_dir = NULL;
    const char **only = xmalloc((size_t)argc * sizeof *only);
    size_t n_only = 0;
    uint64_t budget_ms = 1000;
    for (int i = 1; i < argc; i++) {
        int takes_value = !strcmp(argv[i], "--only") || !strcmp(argv[i], "--budget-ms");
        if (takes_value && i + 1 == argc) {
            fprintf(stderr, "seed-c: error: %s needs a value\n%s", argv[i], USAGE);
            return 2;
        }
        if (!strcmp(argv[i], "--only")) {
            only[n_only++] = argv[++i];
        } else if (!strcmp(argv[i], "--budget-ms")) {
            budget_ms = parse_budget_ms(argv[++i]);
        } else if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
            fputs(USAGE, stdout);
            return 0;
        } else if (argv[i][0] == '-' || work_dir) {
            fprintf(stderr, "seed-c: error: unexpected argument \"%s\"\n%s", argv[i], USAGE);
            return 2;
        } else {
            work_dir = argv[i];
        }
    }
    if (!work_dir) {
        fprintf(stderr, "seed-c: error: missing WORK_DIR\n%s", USAGE);
        return 2;
    }
    if (budget_ms > UINT64_MAX / 1000000) {
        fprintf(stderr, "seed-c: error: --budget-ms is too large\n");
        return 2;
    }

    manifest m = manifest_read(work_dir);
    const manifest_row *rows = m.rows;
    size_t n_rows = m.count;
    /* A misspelt --only would otherwise quietly run nothing. */
    for (size_t j = 0; j < n_only; j++) {
        size_t i = 0;
        while (i < n_rows && strcmp(rows[i].name, only[j])) i++;
        if (i == n_rows) {
            fprintf(stderr, "seed-c: error: --only %s: no such row in the manifest\n", only[j]);
            return 2;
        }
    }

    for (size_t i = 0; i < n_rows; i++) {
        const manifest_row *row = &rows[i];
        int selected = n_only == 0;
        for (size_t j = 0; j < n_only && !selected; j++) selected = !strcmp(row->name, only[j]);
        if (!selected) continue;
        fprintf(stderr, "seed-c: %s (%s)\n", row->name, row->kind);
        char check[32];
        timing_stats s;
        uint64_t budget_ns = budget_ms * 1000000;
        if (!strcmp(row->kind, "regex-count")) s = regex_count(row, budget_ns, check, sizeof check);
        else if (!strcmp(row->kind, "phrase-count")) s = phrase_count(row, budget_ns, check, sizeof check);
        else if (!strcmp(row->kind, "lowercase")) s = lowercase(row, budget_ns, check, sizeof check);
        else if (!strcmp(row->kind, "is-match-empty")) s = is_match_empty(row, budget_ns, check, sizeof check);
        else {
            fprintf(stderr, "seed-c: error: %s: unknown workload kind \"%s\"\n", row->name, row->kind);
            return 1;
        }
        printf("%s,%s,%s,%.1f,%llu,%s,%.1f\n", row->workload, row->size, IMPLEMENTATION, s.median_ns,
               (unsigned long long)s.iterations, check, s.spread_pct);
        fflush(stdout);
    }
    manifest_free(&m);
    free(only);
    return 0;
}
