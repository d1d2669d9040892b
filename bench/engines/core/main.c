/*
 * The rebar runner core: reads ONE benchmark as KLV on stdin (rebar's
 * docs/KLV.md), runs it with the engine adapter it is linked with (engine.h)
 * under the model the benchmark names (docs/MODELS.md; regex-redux's steps
 * are in redux.c), and prints one `nanoseconds,count` line per measured
 * iteration, as rebar's own runners do. `--version` prints the engine's
 * version.
 *
 * Behaviour follows rebar's shared Rust code (shared/klv and shared/timer)
 * wherever the docs leave something open:
 *   - every key is optional, an unknown key is an error, `pattern` may be
 *     repeated, durations are integer nanoseconds (what rebar writes);
 *   - warm-up runs at most max-warmup-iters iterations and stops once
 *     max-warmup-time has passed; measurement then runs at most max-iters
 *     iterations and stops once max-time has passed. Unlike rebar, at least
 *     one iteration is always measured, so a result is never empty;
 *   - samples are kept in memory and printed after the last iteration, so
 *     writing them never disturbs a measurement.
 *
 * Exit status: 0 on success; 1 on any error (message on stderr, starting
 * with "error: "); 2 when the benchmark cannot run on this engine (a line
 * "unsupported: <reason>" on stderr), which the driver records as skipped.
 */
#define _POSIX_C_SOURCE 200809L /* clock_gettime */

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "engine.h"
#include "redux.h"

enum { EXIT_FAILED = 1, EXIT_UNSUPPORTED = 2 };

/* ---------------------------------------------------------------- errors */

static void die(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));
static void die(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    fputs("error: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    exit(EXIT_FAILED);
}

static void unsupported(const char *reason) __attribute__((noreturn));
static void unsupported(const char *reason) {
    fprintf(stderr, "unsupported: %s\n", reason != NULL ? reason : "(the engine gave no reason)");
    exit(EXIT_UNSUPPORTED);
}

/* An adapter failed: print its message (which it malloc'd) and exit. */
static void die_engine(const char *what, char *err) __attribute__((noreturn));
static void die_engine(const char *what, char *err) {
    fprintf(stderr, "error: %s: %s\n", what, err != NULL ? err : "(the engine gave no message)");
    free(err);
    exit(EXIT_FAILED);
}

static void *xrealloc(void *ptr, size_t size) {
    void *p = realloc(ptr, size);
    if (p == NULL) {
        die("out of memory (asked for %zu bytes)", size);
    }
    return p;
}

/* Arbitrary bytes made printable for an error message: at most `max` of
 * them, non-printable ones as \xNN. Returns a static buffer. */
static const char *quoted(const uint8_t *p, size_t len, size_t max) {
    static char out[4 * 80 + 8];
    size_t n = len < max ? len : max, o = 0;
    if (n > 80) {
        n = 80;
    }
    out[o++] = '"';
    for (size_t i = 0; i < n; i++) {
        if (p[i] >= 0x20 && p[i] < 0x7f && p[i] != '"' && p[i] != '\\') {
            out[o++] = (char)p[i];
        } else {
            o += (size_t)snprintf(out + o, sizeof out - o, "\\x%02x", p[i]);
        }
    }
    out[o++] = '"';
    out[o] = '\0';
    return out;
}

/* ----------------------------------------------------------------- input */

/* All of stdin: KLV is small enough (haystacks of a few MB) to slurp. */
static uint8_t *read_stdin(size_t *len) {
    size_t cap = 1 << 16, n = 0;
    uint8_t *buf = xrealloc(NULL, cap);
    for (;;) {
        if (n == cap) {
            if (cap > SIZE_MAX / 2) {
                die("input too large");
            }
            cap *= 2;
            buf = xrealloc(buf, cap);
        }
        size_t got = fread(buf + n, 1, cap - n, stdin);
        n += got;
        if (got == 0) {
            if (ferror(stdin)) {
                die("failed to read KLV data from <stdin>");
            }
            break;
        }
    }
    *len = n;
    return buf;
}

/* 1 if p[0..len) is valid UTF-8 (no overlongs, surrogates or values past
 * U+10FFFF), as Rust's str::from_utf8 requires of rebar's text values. */
static int utf8_valid(const uint8_t *p, size_t len) {
    size_t i = 0;
    while (i < len) {
        uint8_t c = p[i];
        size_t n;
        uint32_t cp, min;
        if (c < 0x80) {
            i++;
            continue;
        } else if ((c & 0xe0) == 0xc0) {
            n = 1, cp = c & 0x1f, min = 0x80;
        } else if ((c & 0xf0) == 0xe0) {
            n = 2, cp = c & 0x0f, min = 0x800;
        } else if ((c & 0xf8) == 0xf0) {
            n = 3, cp = c & 0x07, min = 0x10000;
        } else {
            return 0;
        }
        if (len - i <= n) {
            return 0;
        }
        for (size_t k = 1; k <= n; k++) {
            if ((p[i + k] & 0xc0) != 0x80) {
                return 0;
            }
            cp = (cp << 6) | (p[i + k] & 0x3f);
        }
        if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
            return 0;
        }
        i += n + 1;
    }
    return 1;
}

/* ------------------------------------------------------------------- KLV */

/* One benchmark execution, as rebar's shared/klv Benchmark. String values
 * point into the input buffer, NUL-terminated in place (see parse_klv). */
typedef struct {
    const char *name;
    const char *model;
    const char **patterns;
    size_t *pattern_lens;
    size_t pattern_count;
    int case_insensitive;
    int unicode;
    const uint8_t *haystack;
    size_t haystack_len;
    uint64_t max_iters;
    uint64_t max_warmup_iters;
    uint64_t max_time_ns;
    uint64_t max_warmup_time_ns;
} benchmark;

/* Strict decimal: digits only, no sign or spaces, no overflow. */
static int parse_u64(const uint8_t *p, size_t len, uint64_t *out) {
    if (len == 0) {
        return 0;
    }
    uint64_t v = 0;
    for (size_t i = 0; i < len; i++) {
        if (p[i] < '0' || p[i] > '9') {
            return 0;
        }
        unsigned d = (unsigned)(p[i] - '0');
        if (v > (UINT64_MAX - d) / 10) {
            return 0;
        }
        v = v * 10 + d;
    }
    *out = v;
    return 1;
}

static const char *text_value(const char *key, const uint8_t *v, size_t len) {
    if (!utf8_valid(v, len)) {
        die("expected valid UTF-8 for value for key '%s', got %s", key, quoted(v, len, 80));
    }
    return (const char *)v;
}

static int bool_value(const char *key, const uint8_t *v, size_t len) {
    if (len == 4 && memcmp(v, "true", 4) == 0) {
        return 1;
    }
    if (len == 5 && memcmp(v, "false", 5) == 0) {
        return 0;
    }
    die("expected boolean value ('true' or 'false') for key '%s', got %s", key, quoted(v, len, 80));
}

static uint64_t u64_value(const char *key, const uint8_t *v, size_t len) {
    uint64_t n;
    if (!parse_u64(v, len, &n)) {
        die("expected unsigned 64-bit integer value for key '%s', got %s", key, quoted(v, len, 80));
    }
    return n;
}

static uint64_t nanos_value(const char *key, const uint8_t *v, size_t len) {
    uint64_t n;
    if (!parse_u64(v, len, &n)) {
        die("expected a duration in integer nanoseconds for key '%s' (rebar writes durations "
            "that way, e.g. 3000000000 for 3s), got %s",
            key, quoted(v, len, 80));
    }
    return n;
}

static void add_pattern(benchmark *b, const uint8_t *v, size_t len) {
    size_t n = b->pattern_count + 1;
    b->patterns = xrealloc(b->patterns, n * sizeof *b->patterns);
    b->pattern_lens = xrealloc(b->pattern_lens, n * sizeof *b->pattern_lens);
    b->patterns[n - 1] = text_value("pattern", v, len);
    b->pattern_lens[n - 1] = len;
    b->pattern_count = n;
}

static void set_key(benchmark *b, const char *key, const uint8_t *v, size_t len) {
    if (strcmp(key, "name") == 0) {
        b->name = text_value(key, v, len);
    } else if (strcmp(key, "model") == 0) {
        b->model = text_value(key, v, len);
    } else if (strcmp(key, "pattern") == 0) {
        add_pattern(b, v, len);
    } else if (strcmp(key, "case-insensitive") == 0) {
        b->case_insensitive = bool_value(key, v, len);
    } else if (strcmp(key, "unicode") == 0) {
        b->unicode = bool_value(key, v, len);
    } else if (strcmp(key, "haystack") == 0) {
        b->haystack = v;
        b->haystack_len = len;
    } else if (strcmp(key, "max-iters") == 0) {
        b->max_iters = u64_value(key, v, len);
    } else if (strcmp(key, "max-warmup-iters") == 0) {
        b->max_warmup_iters = u64_value(key, v, len);
    } else if (strcmp(key, "max-time") == 0) {
        b->max_time_ns = nanos_value(key, v, len);
    } else if (strcmp(key, "max-warmup-time") == 0) {
        b->max_warmup_time_ns = nanos_value(key, v, len);
    } else {
        die("unrecognized KLV key '%s'", key);
    }
}

/* Parses `key:length:value\n` items until the end of buf. Each item's ':'
 * after the key and '\n' after the value are overwritten with NUL once
 * checked, which makes keys and text values C strings without copying
 * (values are binary-safe all the same: their length is kept). */
static void parse_klv(uint8_t *buf, size_t len, benchmark *b) {
    uint8_t *at = buf, *end = buf + len;
    while (at < end) {
        uint8_t *colon = memchr(at, ':', (size_t)(end - at));
        if (colon == NULL) {
            die("failed to find first ':' in key-length-value item where the next (at most) 80 "
                "bytes are: %s",
                quoted(at, (size_t)(end - at), 80));
        }
        size_t key_len = (size_t)(colon - at);
        if (!utf8_valid(at, key_len) || memchr(at, '\0', key_len) != NULL) {
            die("key %s is not valid UTF-8 text", quoted(at, key_len, 80));
        }
        const char *key = (const char *)at;
        *colon = '\0';

        uint8_t *len_start = colon + 1;
        uint8_t *colon2 = memchr(len_start, ':', (size_t)(end - len_start));
        if (colon2 == NULL) {
            die("failed to find second ':' in key-length-value item for key '%s'", key);
        }
        uint64_t vlen;
        if (!parse_u64(len_start, (size_t)(colon2 - len_start), &vlen)) {
            die("length %s for key '%s' is not a valid integer",
                quoted(len_start, (size_t)(colon2 - len_start), 80), key);
        }
        uint8_t *value = colon2 + 1;
        size_t remain = (size_t)(end - value);
        if (vlen > remain) {
            die("got length of %" PRIu64 " for key '%s', but only %zu bytes remain", vlen, key,
                remain);
        }
        uint8_t *after = value + vlen;
        if (after == end) {
            die("expected trailing '\\n' after value for key '%s', but got EOF", key);
        }
        if (*after != '\n') {
            die("expected '\\n' after value for key '%s', but got %s", key, quoted(after, 1, 1));
        }
        *after = '\0';
        set_key(b, key, value, (size_t)vlen);
        at = after + 1;
    }
}

/* ---------------------------------------------------------------- models */

static uint64_t now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

typedef struct {
    const benchmark *b;
    engine_config cfg;
    engine *e;      /* compiled once, before timing; NULL for compile and regex-redux */
    redux *redux;   /* regex-redux's state; NULL for the other models */
    uint64_t batch; /* calls per sample: 1, except for the batched models */
} runner;

/* One iteration of a model: stores the measured nanoseconds in *elapsed and
 * returns the count to verify, or -1 with *err set. */
typedef int64_t (*iteration_fn)(runner *r, uint64_t *elapsed, char **err);

/* The next line of [*at, end) per MODELS.md: up to '\n' (not included),
 * minus a trailing '\r' (so CRLF works). Advances *at past the '\n'.
 * MODELS.md strips a trailing '\r' even from a last line without '\n'
 * (rebar's Rust runners, using bstr, keep that one); we follow MODELS.md.
 * Call only while *at < end. */
static inline size_t next_line(const uint8_t **at, const uint8_t *end, const uint8_t **line) {
    const uint8_t *start = *at;
    const uint8_t *nl = memchr(start, '\n', (size_t)(end - start));
    const uint8_t *stop = nl != NULL ? nl : end;
    *at = nl != NULL ? nl + 1 : end;
    if (stop > start && stop[-1] == '\r') {
        stop--;
    }
    *line = start;
    return (size_t)(stop - start);
}

/* compile: only building the regex is timed; counting its matches (the
 * verification) and freeing it are not. */
static int64_t iteration_compile(runner *r, uint64_t *elapsed, char **err) {
    uint64_t start = now_ns();
    engine *e = engine_compile(&r->cfg, err);
    *elapsed = now_ns() - start;
    if (e == NULL) {
        return -1;
    }
    int64_t n = engine_count(e, r->b->haystack, r->b->haystack_len, err);
    engine_free(e);
    return n;
}

static int64_t iteration_count(runner *r, uint64_t *elapsed, char **err) {
    uint64_t start = now_ns();
    int64_t n = engine_count(r->e, r->b->haystack, r->b->haystack_len, err);
    *elapsed = now_ns() - start;
    return n;
}

static int64_t iteration_count_spans(runner *r, uint64_t *elapsed, char **err) {
    uint64_t start = now_ns();
    int64_t n = engine_count_spans(r->e, r->b->haystack, r->b->haystack_len, err);
    *elapsed = now_ns() - start;
    return n;
}

static int64_t iteration_count_captures(runner *r, uint64_t *elapsed, char **err) {
    uint64_t start = now_ns();
    int64_t n = engine_count_captures(r->e, r->b->haystack, r->b->haystack_len, err);
    *elapsed = now_ns() - start;
    return n;
}

/* grep: the number of lines with a match; line splitting is timed too. */
static int64_t iteration_grep(runner *r, uint64_t *elapsed, char **err) {
    uint64_t start = now_ns();
    const uint8_t *at = r->b->haystack, *end = at + r->b->haystack_len, *line;
    int64_t count = 0;
    while (at < end) {
        size_t len = next_line(&at, end, &line);
        int m = engine_is_match(r->e, line, len, err);
        if (m < 0) {
            return -1;
        }
        count += m;
    }
    *elapsed = now_ns() - start;
    return count;
}

/* grep-captures: matching groups summed over every match of every line. */
static int64_t iteration_grep_captures(runner *r, uint64_t *elapsed, char **err) {
    uint64_t start = now_ns();
    const uint8_t *at = r->b->haystack, *end = at + r->b->haystack_len, *line;
    int64_t count = 0;
    while (at < end) {
        size_t len = next_line(&at, end, &line);
        int64_t n = engine_count_captures(r->e, line, len, err);
        if (n < 0) {
            return -1;
        }
        count += n;
    }
    *elapsed = now_ns() - start;
    return count;
}

/* The seed table's own models (bench/definitions/seed.toml), for calls of a
 * few nanoseconds that one clock reading per call cannot resolve: each
 * sample times a batch of r->batch calls (calibrated in run_model to take
 * about BATCH_NS) and reports the time per call. */
enum { BATCH_NS = 20000 };

/* is-match: whether the haystack has a match (the seed's call overhead, on
 * an empty haystack). */
static int64_t iteration_is_match(runner *r, uint64_t *elapsed, char **err) {
    int m = 0;
    uint64_t start = now_ns();
    for (uint64_t i = 0; i < r->batch; i++) {
        m = engine_is_match(r->e, r->b->haystack, r->b->haystack_len, err);
        if (m < 0) {
            return -1;
        }
    }
    *elapsed = now_ns() - start;
    return m;
}

/* FNV-1a, 32 bits: the lowercase model's count is the output's hash. */
static int64_t fnv1a32(const uint8_t *p, size_t len) {
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < len; i++) {
        h = (h ^ p[i]) * 16777619u;
    }
    return (int64_t)h;
}

/* lowercase: the Unicode lowercase of the haystack; hashing it (the check)
 * is not timed. */
static int64_t iteration_lowercase(runner *r, uint64_t *elapsed, char **err) {
    const uint8_t *out = NULL;
    size_t out_len = 0;
    uint64_t start = now_ns();
    for (uint64_t i = 0; i < r->batch; i++) {
        if (engine_lowercase(r->e, r->b->haystack, r->b->haystack_len, &out, &out_len, err) < 0) {
            return -1;
        }
    }
    *elapsed = now_ns() - start;
    return fnv1a32(out, out_len);
}

/* regex-redux: compiling its regexes is timed, every iteration, as rebar
 * does; checking the output text is not. */
static int64_t iteration_regex_redux(runner *r, uint64_t *elapsed, char **err) {
    uint64_t start = now_ns();
    int64_t len = redux_run(r->redux, r->b->haystack, r->b->haystack_len, err);
    *elapsed = now_ns() - start;
    if (len < 0 || redux_check(r->redux, err) < 0) {
        return -1;
    }
    return len;
}

static const struct {
    const char *name;
    iteration_fn run;
} MODELS[] = {
    {"compile", iteration_compile},
    {"count", iteration_count},
    {"count-spans", iteration_count_spans},
    {"count-captures", iteration_count_captures},
    {"grep", iteration_grep},
    {"grep-captures", iteration_grep_captures},
    {"regex-redux", iteration_regex_redux},
    {"is-match", iteration_is_match},
    {"lowercase", iteration_lowercase},
};

static int batched(iteration_fn run) { return run == iteration_is_match || run == iteration_lowercase; }

/* ---------------------------------------------------------------- timing */

typedef struct {
    uint64_t ns;
    int64_t count;
} sample;

typedef struct {
    sample *items;
    size_t len, cap;
} samples;

static void push_sample(samples *s, uint64_t ns, int64_t count) {
    if (s->len == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 1024;
        s->items = xrealloc(s->items, s->cap * sizeof *s->items);
    }
    s->items[s->len++] = (sample){ns, count};
}

/* Warm-up, then measurement, as rebar's shared/timer run_and_count: each
 * phase ends at its iteration limit or once its time limit has passed. */
static void run_model(runner *r, iteration_fn run, samples *out) {
    const benchmark *b = r->b;
    uint64_t elapsed;
    char *err = NULL;

    r->batch = 1;
    if (batched(run)) {
        /* After one untimed call (first-call costs: buffers, page faults),
         * double the batch until two in a row take BATCH_NS (at most 2^24
         * calls), so one slow batch does not end the calibration early. */
        for (int long_ones = 0; long_ones < 2 && r->batch < (1u << 24);) {
            if (run(r, &elapsed, &err) < 0) {
                die_engine("calibrating iteration failed", err);
            }
            if (elapsed >= BATCH_NS) {
                long_ones++;
            } else {
                long_ones = 0;
                r->batch *= 2;
            }
        }
    }
    uint64_t warmup_start = now_ns();
    for (uint64_t i = 0; i < b->max_warmup_iters; i++) {
        if (run(r, &elapsed, &err) < 0) {
            die_engine("warm-up iteration failed", err);
        }
        if (now_ns() - warmup_start >= b->max_warmup_time_ns) {
            break;
        }
    }

    uint64_t iters = b->max_iters > 0 ? b->max_iters : 1; /* always one sample */
    uint64_t run_start = now_ns();
    for (uint64_t i = 0; i < iters; i++) {
        int64_t count = run(r, &elapsed, &err);
        if (count < 0) {
            die_engine("measured iteration failed", err);
        }
        push_sample(out, elapsed, count);
        if (now_ns() - run_start >= b->max_time_ns) {
            break;
        }
    }
}

/* ------------------------------------------------------------------ main */

/* The models that search with the benchmark's own regex: it is checked,
 * then compiled once, outside timing (except by the compile model). */
static void prepare_regex(runner *r, iteration_fn run) {
    if (run == iteration_lowercase) {
        if (engine_lowercase == NULL) {
            unsupported("this engine has no lowercase");
        }
        if (r->cfg.pattern_count != 0) {
            die("the lowercase model takes no pattern (regex = []); got %zu", r->cfg.pattern_count);
        }
    } else if (r->cfg.pattern_count == 0) {
        /* engine.h promises adapters at least one pattern. */
        unsupported("the benchmark has no pattern; this runner needs at least one");
    }
    const char *reason = NULL;
    if (!engine_supports(r->b->model, &r->cfg, &reason)) {
        unsupported(reason);
    }
    if (run != iteration_compile) {
        char *err = NULL;
        r->e = engine_compile(&r->cfg, &err);
        if (r->e == NULL) {
            die_engine("failed to compile the regex", err);
        }
    }
}

/* regex-redux compiles its own patterns in every iteration; the benchmark
 * only gives the haystack and the settings. */
static void prepare_redux(runner *r) {
    if (r->cfg.pattern_count != 0) {
        die("the regex-redux model has its own patterns, so the benchmark must have none "
            "(regex = []); got %zu",
            r->cfg.pattern_count);
    }
    r->redux = redux_new(r->cfg.case_insensitive, r->cfg.unicode);
    if (r->redux == NULL) {
        die("out of memory");
    }
    const char *reason = NULL;
    if (!redux_supported(r->redux, &reason)) {
        unsupported(reason);
    }
}

static const char USAGE[] =
    "usage: rebar-<runner> [--engine NAME] [--version | --quiet]  (benchmark as KLV on stdin)\n"
    "       rebar-<runner> [--engine NAME] --check-find-at  (regex-redux's search, checked)\n";

char *engine_errorf(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) {
        return NULL;
    }
    char *s = malloc((size_t)n + 1);
    if (s != NULL) {
        va_start(ap, fmt);
        vsnprintf(s, (size_t)n + 1, fmt, ap);
        va_end(ap);
    }
    return s;
}

int main(int argc, char **argv) {
    int quiet = 0, check_find_at = 0;
    const char *engine = NULL; /* the adapter's own name unless --engine says */
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--engine") == 0 && i + 1 < argc) {
            engine = argv[++i];
        } else if (strcmp(argv[i], "--version") == 0) {
            printf("%s\n", engine_version());
            return fflush(stdout) == 0 ? 0 : EXIT_FAILED;
        } else if (strcmp(argv[i], "--check-find-at") == 0) {
            check_find_at = 1;
        } else if (strcmp(argv[i], "-q") == 0 || strcmp(argv[i], "--quiet") == 0) {
            quiet = 1;
        } else if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
            fputs(USAGE, stdout);
            printf("engine: %s %s\n", engine_name(), engine_version());
            return 0;
        } else {
            fputs(USAGE, stderr);
            die("unrecognized argument '%s'", argv[i]);
        }
    }

    if (check_find_at) {
        char *err = NULL;
        int checked = 0;
        if (redux_check_find_at(engine, &checked, &err) < 0) {
            die("--check-find-at: %s", err != NULL ? err : "out of memory");
        }
        printf("--check-find-at: engine_find_at agrees with a fresh engine a search "
               "on %d pattern/unicode pairs\n", checked);
        return fflush(stdout) == 0 ? 0 : EXIT_FAILED;
    }

    size_t input_len;
    uint8_t *input = read_stdin(&input_len);
    benchmark b = {0};
    static const uint8_t empty[1];
    b.haystack = empty; /* no haystack key: an empty one, never NULL */
    parse_klv(input, input_len, &b);

    if (b.model == NULL) {
        die("the KLV input has no 'model' key");
    }
    iteration_fn run = NULL;
    for (size_t i = 0; i < sizeof MODELS / sizeof MODELS[0]; i++) {
        if (strcmp(b.model, MODELS[i].name) == 0) {
            run = MODELS[i].run;
        }
    }
    if (run == NULL) {
        die("unrecognized benchmark model '%s'", b.model);
    }

    runner r = {.b = &b};
    r.cfg = (engine_config){
        .patterns = b.patterns,
        .pattern_lens = b.pattern_lens,
        .pattern_count = b.pattern_count,
        .case_insensitive = b.case_insensitive,
        .unicode = b.unicode,
        .engine = engine,
        .model = b.model,
    };
    if (run == iteration_regex_redux) {
        prepare_redux(&r);
    } else {
        prepare_regex(&r, run);
    }

    samples s = {0};
    run_model(&r, run, &s);
    if (r.e != NULL) {
        engine_free(r.e);
    }
    redux_free(r.redux);

    if (!quiet) {
        for (size_t i = 0; i < s.len; i++) {
            if (r.batch == 1) {
                printf("%" PRIu64 ",%" PRId64 "\n", s.items[i].ns, s.items[i].count);
            } else { /* per call, to a tenth of a nanosecond */
                printf("%.1f,%" PRId64 "\n", (double)s.items[i].ns / (double)r.batch, s.items[i].count);
            }
        }
    }
    if (fflush(stdout) != 0 || ferror(stdout)) {
        die("failed to write the samples to stdout");
    }
    free(s.items);
    free(b.patterns);
    free(b.pattern_lens);
    free(input);
    return 0;
}
