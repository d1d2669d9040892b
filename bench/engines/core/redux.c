/*
 * The regex-redux model: see redux.h for the steps. The patterns, the
 * replacements and the expected output are rebar's (shared/regexredux),
 * which takes them from the Benchmark Game.
 */
#include "redux.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"

/* The Benchmark Game's `>.*\n|\n`, written so that it means the same
 * whatever `.` matches. */
static const char FLATTEN[] = ">[^\\n]*\\n|\\n";

static const char *const VARIANTS[] = {
    "agggtaaa|tttaccct",         "[cgt]gggtaaa|tttaccc[acg]", "a[act]ggtaaa|tttacc[agt]t",
    "ag[act]gtaaa|tttac[agt]ct", "agg[act]taaa|ttta[agt]cct", "aggg[acg]aaa|ttt[cgt]ccct",
    "agggt[cgt]aa|tt[acg]accct", "agggta[cgt]a|t[acg]taccct", "agggtaa[cgt]|[acg]ttaccct",
};

static const struct {
    const char *pattern;
    const char *with;
} REPLACEMENTS[] = {
    {"tHa[Nt]", "<4>"}, {"aND|caN|Ha[DS]|WaS", "<3>"}, {"a[NSt]|BY", "<2>"},
    {"<[^>]*>", "|"},   {"\\|[^|][^|]*\\|", "-"},
};

/* MODELS.md's required output: that of the 100,000-base input, the
 * haystack of rebar's regex-redux benchmark. */
static const char EXPECTED[] = "agggtaaa|tttaccct 6\n"
                               "[cgt]gggtaaa|tttaccc[acg] 26\n"
                               "a[act]ggtaaa|tttacc[agt]t 86\n"
                               "ag[act]gtaaa|tttac[agt]ct 58\n"
                               "agg[act]taaa|ttta[agt]cct 113\n"
                               "aggg[acg]aaa|ttt[cgt]ccct 31\n"
                               "agggt[cgt]aa|tt[acg]accct 31\n"
                               "agggta[cgt]a|t[acg]taccct 32\n"
                               "agggtaa[cgt]|[acg]ttaccct 43\n"
                               "\n"
                               "1016745\n"
                               "1000000\n"
                               "547899\n";

/* Room for the output text: the expected one is about 320 bytes; a longer
 * one is wrong anyway and is reported as such. */
enum { TEXT_MAX = 1024 };

typedef struct {
    uint8_t *bytes;
    size_t len, cap;
} buffer;

struct redux {
    int case_insensitive, unicode;
    buffer seq;  /* the sequence */
    buffer next; /* the next replacement's result; then swapped with seq */
    char text[TEXT_MAX];
    size_t text_len;
};

/* ---------------------------------------------------------------- errors */

/* Replaces *err (an adapter's message, or NULL) by one that names the step
 * and pattern it came from; returns -1. */
static int in_pattern(char **err, const char *what, const char *pattern) {
    char *cause = *err;
    *err = engine_errorf("regex-redux: %s %s: %s", what, pattern,
                         cause != NULL ? cause : "(the engine gave no message)");
    free(cause);
    return -1;
}

static int out_of_memory(char **err) {
    *err = engine_errorf("out of memory");
    return -1;
}

/* ---------------------------------------------------------------- buffers */

/* Room for `extra` more bytes, growing by doubling. */
static int reserve(buffer *b, size_t extra) {
    if (extra <= b->cap - b->len) {
        return 0;
    }
    size_t cap = b->cap > 0 ? b->cap : 4096;
    while (cap - b->len < extra) {
        if (cap > SIZE_MAX / 2) {
            return -1;
        }
        cap *= 2;
    }
    uint8_t *p = realloc(b->bytes, cap);
    if (p == NULL) {
        return -1;
    }
    b->bytes = p;
    b->cap = cap;
    return 0;
}

static int append(buffer *b, const void *src, size_t n) {
    if (reserve(b, n) < 0) {
        return -1;
    }
    memcpy(b->bytes + b->len, src, n);
    b->len += n;
    return 0;
}

/* Appends printf-formatted text to the output text. */
static int say(redux *rx, char **err, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int say(redux *rx, char **err, const char *fmt, ...) {
    size_t room = sizeof rx->text - rx->text_len;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(rx->text + rx->text_len, room, fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= room) {
        *err = engine_errorf("regex-redux: the output text outgrew its %d bytes", TEXT_MAX);
        return -1;
    }
    rx->text_len += (size_t)n;
    return 0;
}

/* --------------------------------------------------------------- searches */

static engine *compile(const redux *rx, const char *pattern, char **err) {
    size_t len = strlen(pattern);
    engine_config cfg = {
        .patterns = &pattern,
        .pattern_lens = &len,
        .pattern_count = 1,
        .case_insensitive = rx->case_insensitive,
        .unicode = rx->unicode,
    };
    engine *e = engine_compile(&cfg, err);
    if (e == NULL) {
        in_pattern(err, "cannot compile", pattern);
    }
    return e;
}

/* The next match at or after `at`. Its span is checked to lie in
 * [at, len], so that a faulty adapter cannot make the core copy from
 * outside the haystack. Always inlined: with the self-check's callers
 * GCC put it behind a call, 33 instructions a match, in every runner. */
static inline __attribute__((always_inline)) int find(engine *e, const uint8_t *hay, size_t len,
                                                      size_t at, size_t *start, size_t *end,
                                                      char **err) {
    int rc = engine_find_at(e, hay, len, at, start, end, err);
    if (rc == 1 && !(at <= *start && *start <= *end && *end <= len)) {
        *err = engine_errorf("engine_find_at from %zu returned [%zu, %zu) in a haystack of %zu bytes",
                             at, *start, *end, len);
        return -1;
    }
    return rc;
}

/* Where the search after the match [start, end) begins: at its end, or one
 * byte further after an empty match, so that every loop advances. (None of
 * the model's patterns can match empty.) */
static size_t after(size_t start, size_t end) { return end > start ? end : end + 1; }

static int64_t count_matches(engine *e, const uint8_t *hay, size_t len, char **err) {
    int64_t count = 0;
    size_t at = 0, start, end;
    while (at <= len) {
        int rc = find(e, hay, len, at, &start, &end, err);
        if (rc < 0) {
            return -1;
        }
        if (rc == 0) {
            break;
        }
        count++;
        at = after(start, end);
    }
    return count;
}

/* dst = hay with every match replaced by `with`. */
static int replace_all(engine *e, const uint8_t *hay, size_t len, const char *with, buffer *dst,
                       char **err) {
    size_t with_len = strlen(with), at = 0, copied = 0, start, end;
    dst->len = 0;
    /* Room for a result the size of hay; this also makes dst->bytes non-NULL
     * even when the result is empty, as not every engine accepts a NULL
     * haystack. */
    if (reserve(dst, len + 1) < 0) {
        return out_of_memory(err);
    }
    while (at <= len) {
        int rc = find(e, hay, len, at, &start, &end, err);
        if (rc < 0) {
            return -1;
        }
        if (rc == 0) {
            break;
        }
        if (append(dst, hay + copied, start - copied) < 0 || append(dst, with, with_len) < 0) {
            return out_of_memory(err);
        }
        copied = end;
        at = after(start, end);
    }
    return append(dst, hay + copied, len - copied) < 0 ? out_of_memory(err) : 0;
}

/* ------------------------------------------------------------------ steps */

/* dst = hay with `pattern` replaced by `with`, the regex compiled for it. */
static int substitute(redux *rx, const char *pattern, const char *with, const uint8_t *hay,
                      size_t len, buffer *dst, char **err) {
    engine *e = compile(rx, pattern, err);
    if (e == NULL) {
        return -1;
    }
    int rc = replace_all(e, hay, len, with, dst, err);
    engine_free(e);
    return rc < 0 ? in_pattern(err, "replacing", pattern) : 0;
}

/* The output line "<pattern> <count>" for the matches in seq. */
static int count_variant(redux *rx, const char *pattern, char **err) {
    engine *e = compile(rx, pattern, err);
    if (e == NULL) {
        return -1;
    }
    int64_t n = count_matches(e, rx->seq.bytes, rx->seq.len, err);
    engine_free(e);
    if (n < 0) {
        return in_pattern(err, "counting", pattern);
    }
    return say(rx, err, "%s %lld\n", pattern, (long long)n);
}

/* ------------------------------------------------------------------- API */

redux *redux_new(int case_insensitive, int unicode) {
    redux *rx = calloc(1, sizeof *rx);
    if (rx == NULL) {
        return NULL;
    }
    rx->case_insensitive = case_insensitive;
    rx->unicode = unicode;
    return rx;
}

void redux_free(redux *rx) {
    if (rx == NULL) {
        return;
    }
    free(rx->seq.bytes);
    free(rx->next.bytes);
    free(rx);
}

int redux_supported(const redux *rx, const char **reason) {
    const char *patterns[1 + sizeof VARIANTS / sizeof VARIANTS[0] +
                         sizeof REPLACEMENTS / sizeof REPLACEMENTS[0]];
    size_t n = 0;
    patterns[n++] = FLATTEN;
    for (size_t i = 0; i < sizeof VARIANTS / sizeof VARIANTS[0]; i++) {
        patterns[n++] = VARIANTS[i];
    }
    for (size_t i = 0; i < sizeof REPLACEMENTS / sizeof REPLACEMENTS[0]; i++) {
        patterns[n++] = REPLACEMENTS[i].pattern;
    }
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(patterns[i]);
        engine_config cfg = {
            .patterns = &patterns[i],
            .pattern_lens = &len,
            .pattern_count = 1,
            .case_insensitive = rx->case_insensitive,
            .unicode = rx->unicode,
        };
        if (!engine_supports("regex-redux", &cfg, reason)) {
            return 0;
        }
    }
    return 1;
}

int64_t redux_run(redux *rx, const uint8_t *hay, size_t len, char **err) {
    rx->text_len = 0;
    if (substitute(rx, FLATTEN, "", hay, len, &rx->seq, err) < 0) {
        return -1;
    }
    size_t flat_len = rx->seq.len;
    for (size_t i = 0; i < sizeof VARIANTS / sizeof VARIANTS[0]; i++) {
        if (count_variant(rx, VARIANTS[i], err) < 0) {
            return -1;
        }
    }
    for (size_t i = 0; i < sizeof REPLACEMENTS / sizeof REPLACEMENTS[0]; i++) {
        if (substitute(rx, REPLACEMENTS[i].pattern, REPLACEMENTS[i].with, rx->seq.bytes,
                       rx->seq.len, &rx->next, err) < 0) {
            return -1;
        }
        buffer done = rx->next;
        rx->next = rx->seq;
        rx->seq = done;
    }
    if (say(rx, err, "\n%zu\n%zu\n%zu\n", len, flat_len, rx->seq.len) < 0) {
        return -1;
    }
    return (int64_t)rx->seq.len;
}

/* The line of `text` (length len) that holds offset `at`, without its
 * '\n': its start, and its length in *line_len. */
static const char *line_at(const char *text, size_t len, size_t at, int *line_len) {
    size_t start = at, end = at;
    while (start > 0 && text[start - 1] != '\n') {
        start--;
    }
    while (end < len && text[end] != '\n') {
        end++;
    }
    *line_len = (int)(end - start);
    return text + start;
}

int redux_check(const redux *rx, char **err) {
    const char *got = rx->text;
    size_t got_len = rx->text_len, want_len = sizeof EXPECTED - 1, at = 0, line = 1;
    while (at < got_len && at < want_len && got[at] == EXPECTED[at]) {
        line += got[at] == '\n';
        at++;
    }
    if (at == got_len && at == want_len) {
        return 0;
    }
    int got_n, want_n;
    const char *got_line = line_at(got, got_len, at, &got_n);
    const char *want_line = line_at(EXPECTED, want_len, at, &want_n);
    *err = engine_errorf("regex-redux: the output is not the expected text: line %zu is \"%.*s\", "
                         "expected \"%.*s\"%s",
                         line, got_n, got_line, want_n, want_line,
                         got_len < want_len && at == got_len ? " (the output ends early)" : "");
    return -1;
}

/* ------------------------------------------------------------ self-check */

/* Patterns whose matches can be empty, where the answer to "the next match
 * from where the last ended" and an iteration's next match differ (after
 * "a" in "ab", `a|` answers the empty match at 1, an iteration skips it),
 * and patterns with more matches than an adapter may read ahead at once
 * (BATCH, 256, in ferrex.c) over the long haystack. */
static const char *const CHECK_PATTERNS[] = {
    "a",     "[ab]+", "ab|b", "\\w+", "[^a]", "a|",   "a*",   "a+?",
    "x|",    "",      "\\b",  "\\B",  "(?m)^", "(?m)$", "\u00e9|", "(?m)^a|b$",
};

/* `check`'s questions, one fresh engine each (nothing to read ahead), for
 * the question starting at `at`. */
static int fresh_find(const engine_config *cfg, const uint8_t *hay, size_t len, size_t at,
                      size_t *start, size_t *end, char **err) {
    engine *e = engine_compile(cfg, err);
    if (e == NULL) {
        return -1;
    }
    int rc = find(e, hay, len, at, start, end, err);
    engine_free(e);
    return rc;
}

/* One pattern over one haystack: the model's loop on one engine against
 * a fresh engine per question. 1 if they agree, 0 if the engine cannot
 * compile the pattern (Hyperscan: Unicode `\w+` is too large; the
 * benchmarks say so themselves), else -1 and *err. */
static int check_one(const engine_config *cfg, const uint8_t *hay, size_t len, char **err) {
    engine *e = engine_compile(cfg, err);
    if (e == NULL) {
        free(*err);
        *err = NULL;
        return 0;
    }
    int rc = 1;
    size_t at = 0, start = 0, end = 0, want_start = 0, want_end = 0;
    while (rc == 1 && at <= len) {
        int got = find(e, hay, len, at, &start, &end, err);
        int want = got < 0 ? -1 : fresh_find(cfg, hay, len, at, &want_start, &want_end, err);
        if (got < 0 || want < 0) {
            rc = -1;
        } else if (got != want || (got == 1 && (start != want_start || end != want_end))) {
            *err = engine_errorf("engine_find_at from %zu in the loop over a haystack of %zu bytes "
                                 "answered %s [%zu, %zu), a fresh engine %s [%zu, %zu)",
                                 at, len, got ? "match" : "none", start, end,
                                 want ? "match" : "none", want_start, want_end);
            rc = -1;
        } else if (got == 0) {
            break;
        } else {
            at = after(start, end);
        }
    }
    engine_free(e);
    return rc;
}

int redux_check_find_at(const char *engine_name, int *checked, char **err) {
    enum { LONG = 700 };
    static uint8_t long_hay[LONG];
    for (size_t i = 0; i < LONG; i++) {
        long_hay[i] = i % 7 == 6 ? '\n' : "ab a b"[i % 7];
    }
    static const char *const short_hays[] = {"", "a", "aaa", "abab aab", "ab\nba\n", "\u00e9\u00e9a \u00e9"};
    *checked = 0;
    for (size_t p = 0; p < sizeof CHECK_PATTERNS / sizeof CHECK_PATTERNS[0]; p++) {
        for (int unicode = 0; unicode <= 1; unicode++) {
            size_t pattern_len = strlen(CHECK_PATTERNS[p]);
            engine_config cfg = {
                .patterns = &CHECK_PATTERNS[p],
                .pattern_lens = &pattern_len,
                .pattern_count = 1,
                .unicode = unicode,
                .engine = engine_name,
                .model = "regex-redux",
            };
            const char *reason = NULL;
            if (!engine_supports("regex-redux", &cfg, &reason)) {
                continue; /* the engine says it cannot run this pattern */
            }
            int ran = 1;
            for (size_t h = 0; ran == 1 && h <= sizeof short_hays / sizeof short_hays[0]; h++) {
                const uint8_t *hay = h < sizeof short_hays / sizeof short_hays[0]
                                         ? (const uint8_t *)short_hays[h] : long_hay;
                size_t len = hay == long_hay ? LONG : strlen(short_hays[h]);
                ran = check_one(&cfg, hay, len, err);
                if (ran < 0) {
                    char *why = *err;
                    *err = engine_errorf("pattern /%s/ (unicode %d): %s", CHECK_PATTERNS[p], unicode,
                                         why != NULL ? why : "out of memory");
                    free(why);
                    return -1;
                }
            }
            *checked += ran;
        }
    }
    return 0;
}
