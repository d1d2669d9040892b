/*
 * The rure adapter for the rebar runner core (engine.h): the C API of Rust's
 * regex crate (crate rure, built by bench/engines/c/rure-lib). Engine name
 * "rust/rure". It shows what the regex crate costs through a C boundary,
 * next to ferrex's own C API.
 *
 * As rebar's rust/regex runner: rure wraps regex::bytes::Regex, so
 * haystacks need not be UTF-8; RURE_FLAG_UNICODE only when `unicode` is
 * true, RURE_FLAG_CASEI for `case-insensitive`; the size limit is raised to
 * the 100 MiB rebar's runner gives the regex crate.
 *
 * One pattern only: rure_set tells which patterns match but not where, so
 * it cannot count matches, and joining patterns into one alternation would
 * be a different regex.
 *
 * Counting uses rure_iter (a new one per haystack: rure has no way to
 * restart one), captures use rure_iter_next_captures with one reused
 * rure_captures, grep uses rure_is_match. Captures storage is made on first
 * use, so the compile model times rure_compile only.
 *
 * rure_iter keeps the regex crate's pre-1.9 iteration: after an empty match
 * it searches again from one byte past where the previous search started,
 * not past the match, so a regex whose empty matches lie far apart (`\b` in
 * a long word) takes quadratic time. Counts are still right; it is rure's
 * behaviour and measured as such.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"
#include "rure.h"

#ifndef RURE_ADAPTER_VERSION
#error "build with -DRURE_ADAPTER_VERSION='\"<rure version> (regex <version>)\"' (see build/rure.sh)"
#endif

struct engine {
    rure *re;
    rure_captures *captures;
};

const char *engine_name(void) { return "rust/rure"; }

/* rure has no version call: the build passes the crate versions in. */
const char *engine_version(void) { return RURE_ADAPTER_VERSION; }

int engine_supports(const char *model, const engine_config *cfg, const char **reason) {
    (void)model; /* every model main.c knows (it refuses the rest first) */
    if (cfg->pattern_count != 1) {
        *reason = "rure compiles one pattern per regex; rure_set reports which patterns match "
                  "but not where, so it cannot count matches";
        return 0;
    }
    return 1;
}

engine *engine_compile(const engine_config *cfg, char **err) {
    if (cfg->pattern_count != 1) {
        *err = engine_errorf("rure compiles exactly one pattern, got %zu", cfg->pattern_count);
        return NULL;
    }
    uint32_t flags = 0;
    if (cfg->unicode) {
        flags |= RURE_FLAG_UNICODE;
    }
    if (cfg->case_insensitive) {
        flags |= RURE_FLAG_CASEI;
    }
    engine *e = calloc(1, sizeof *e);
    rure_options *opts = rure_options_new();
    rure_error *error = rure_error_new();
    if (e == NULL || opts == NULL || error == NULL) {
        *err = engine_errorf("out of memory");
    } else {
        rure_options_size_limit(opts, (size_t)100 << 20);
        e->re = rure_compile((const uint8_t *)cfg->patterns[0], cfg->pattern_lens[0], flags,
                             opts, error);
        if (e->re == NULL) {
            *err = engine_errorf("rure_compile: %s", rure_error_message(error));
        }
    }
    rure_error_free(error);
    rure_options_free(opts);
    if (e != NULL && e->re == NULL) {
        free(e);
        e = NULL;
    }
    return e;
}

void engine_free(engine *e) {
    if (e == NULL) {
        return;
    }
    if (e->captures != NULL) {
        rure_captures_free(e->captures);
    }
    rure_free(e->re);
    free(e);
}

static int64_t sum_matches(engine *e, const uint8_t *hay, size_t len, int spans, char **err) {
    rure_iter *it = rure_iter_new(e->re);
    if (it == NULL) {
        *err = engine_errorf("rure_iter_new: out of memory");
        return -1;
    }
    int64_t total = 0;
    rure_match m;
    while (rure_iter_next(it, hay, len, &m)) {
        total += spans ? (int64_t)(m.end - m.start) : 1;
    }
    rure_iter_free(it);
    return total;
}

int64_t engine_count(engine *e, const uint8_t *hay, size_t len, char **err) {
    return sum_matches(e, hay, len, 0, err);
}

int64_t engine_count_spans(engine *e, const uint8_t *hay, size_t len, char **err) {
    return sum_matches(e, hay, len, 1, err);
}

int64_t engine_count_captures(engine *e, const uint8_t *hay, size_t len, char **err) {
    if (e->captures == NULL) {
        e->captures = rure_captures_new(e->re);
        if (e->captures == NULL) {
            *err = engine_errorf("rure_captures_new: out of memory");
            return -1;
        }
    }
    rure_iter *it = rure_iter_new(e->re);
    if (it == NULL) {
        *err = engine_errorf("rure_iter_new: out of memory");
        return -1;
    }
    size_t groups = rure_captures_len(e->captures);
    int64_t total = 0;
    rure_match m;
    while (rure_iter_next_captures(it, hay, len, e->captures)) {
        for (size_t g = 0; g < groups; g++) {
            total += rure_captures_at(e->captures, g, &m);
        }
    }
    rure_iter_free(it);
    return total;
}

int engine_is_match(engine *e, const uint8_t *hay, size_t len, char **err) {
    (void)err;
    return rure_is_match(e->re, hay, len, 0);
}

/* regex-redux's search: rure_find's `start` keeps the bytes before it
 * visible to look-around. */
int engine_find_at(engine *e, const uint8_t *hay, size_t len, size_t start, size_t *match_start,
                   size_t *match_end, char **err) {
    (void)err;
    rure_match m;
    if (!rure_find(e->re, hay, len, start, &m)) {
        return 0;
    }
    *match_start = m.start;
    *match_end = m.end;
    return 1;
}
