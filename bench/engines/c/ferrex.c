/*
 * The ferrex adapter for the rebar runner core (engine.h): ferrex through
 * its C API, as a C program would use it. Two engines:
 *   - "ferrex/api" (the default): the regex calls, and ferrex_lowercase for
 *     the seed table's lowercase model;
 *   - "ferrex/phrases": the patterns as literal phrases in one phrase set
 *     (Aho-Corasick, leftmost-first as rebar's count means), for the count
 *     model, as rebar's rust/aho-corasick engines run its dictionaries.
 *
 * Semantics mirror rebar's rust/regex runner (regex::bytes::Regex with
 * `unicode` as the benchmark says), since ferrex is built on the same
 * regex-automata and the definitions' counts were checked against it:
 *   - FERREX_FLAG_NO_UTF8 always: regex::bytes searches arbitrary bytes, so
 *     haystacks need not be UTF-8 and empty matches may split a codepoint;
 *   - FERREX_FLAG_NO_UNICODE when `unicode` is false (ASCII \w, \d, \s, \b
 *     and case folding), FERREX_FLAG_CASE_INSENSITIVE for `case-insensitive`;
 *   - several patterns compile into one regex (ferrex_regex_new_many) whose
 *     matches are those of any pattern, leftmost-first;
 *   - the NFA size limit is 100 MiB, the limit rebar's runner gives regex;
 *   - no search memory limit, as the regex crate has none: thousands of
 *     patterns (opt/literal-alt/pattern-per-word, 2,663) need GBs of NFA
 *     simulation slots per cache in both, which ferrex's default refuses.
 *
 * Search scratch (the cache for the one-call searches, the captures of a
 * first match, the iterator with its own cache) is made on first use and
 * then reused: the compile model then times building the regex only, as
 * rebar's runners do, and the warm-up absorbs the one-time allocation in
 * the other models.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"
#include "ferrex.h"

/* Matches fetched per ferrex_iter_next_batch call, and per
 * ferrex_iter_next_spans_batch call (each match's groups then take
 * spans_len entries of e->spans). */
enum { BATCH = 256, SPANS_BATCH = 64 };

struct engine {
    ferrex_phrases *phrases; /* ferrex/phrases only; then re is NULL */
    ferrex_phrase_iter *phrase_iter;
    uint8_t *lower;          /* the lowercase model's output buffer */
    size_t lower_cap;
    ferrex_regex *re;
    ferrex_cache *cache; /* for the ferrex_regex_* searches */
    ferrex_iter *iter;   /* count_captures: reset after a haystack's first match */
    ferrex_captures *caps; /* a haystack's first match (count_captures) */
    /* The buffers below are made on first use, not by engine_compile:
     * the compile model times engine_compile, and zeroing them there
     * (calloc) was 7,500 of its 110,000 instructions for [a-z]{5}. */
    ferrex_match *batch; /* BATCH matches (sum_spans, count_phrases) */
    ferrex_match *spans; /* every group of SPANS_BATCH matches (count_captures) */
    size_t spans_len;    /* the most groups any pattern has: entries a match */
    /* engine_find_at's matches read ahead: batch[ahead, ahead_len) of the
     * haystack at ahead_hay, ahead_hay_len bytes long, and ahead_is_all
     * if no match follows them; may_read_ahead is 0 until the first call,
     * then 1 if the regex cannot match empty, else 2. */
    int may_read_ahead, ahead_is_all;
    size_t ahead, ahead_len;
    const uint8_t *ahead_hay;
    size_t ahead_hay_len;
};

/* A failed call's status as an engine.h error; returns -1. Cold and out of
 * line, as are the first-use constructors below: inlined, their locals and
 * calls made every search's caller save registers and keep a stack frame
 * (engine_is_match, a line of rebar's grep model: 27 instructions, 19 so). */
static __attribute__((cold, noinline)) int fail(char **err, const char *call, int32_t status) {
    *err = engine_errorf("%s: %s (%s)", call, ferrex_status_message(status),
                         ferrex_status_name(status));
    return -1;
}

/* A failed constructor's ferrex_error as an engine.h error (frees it). */
static char *error_text(const char *call, int32_t status, ferrex_error *error) {
    char *s;
    size_t pattern;
    if (error == NULL) {
        s = engine_errorf("%s: %s (%s)", call, ferrex_status_message(status),
                          ferrex_status_name(status));
    } else if (ferrex_error_pattern(error, &pattern) == 1) {
        s = engine_errorf("%s: pattern %zu: %s", call, pattern, ferrex_error_message(error));
    } else {
        s = engine_errorf("%s: %s", call, ferrex_error_message(error));
    }
    ferrex_error_free(error);
    return s;
}

const char *engine_name(void) { return "ferrex/api"; }

const char *engine_version(void) { return ferrex_version(); }

static int is_phrases(const engine_config *cfg) {
    return cfg->engine != NULL && strcmp(cfg->engine, "ferrex/phrases") == 0;
}

int engine_supports(const char *model, const engine_config *cfg, const char **reason) {
    if (cfg->engine != NULL && !is_phrases(cfg) && strcmp(cfg->engine, "ferrex/api") != 0) {
        *reason = "this runner's engines are ferrex/api and ferrex/phrases";
        return 0;
    }
    if (is_phrases(cfg) && strcmp(model, "count") != 0) {
        *reason = "ferrex/phrases runs the count model only";
        return 0;
    }
    if (is_phrases(cfg) && (cfg->case_insensitive || cfg->unicode)) {
        *reason = "ferrex/phrases matches bytes exactly (no case-insensitive or unicode)";
        return 0;
    }
    return 1; /* ferrex/api: every model main.c knows (it refuses the rest first) */
}

/* The match batch, made once, outside engine_compile for regexes (see
 * struct engine); -1 on failure. */
static int ensure_batch(engine *e, char **err) {
    if (e->batch == NULL && (e->batch = malloc(BATCH * sizeof *e->batch)) == NULL) {
        *err = engine_errorf("out of memory");
        return -1;
    }
    return 0;
}

/* ferrex/phrases: the patterns as phrases, leftmost-first. */
static engine *compile_phrases(engine *e, const engine_config *cfg, char **err) {
    ferrex_phrase_options *opts = NULL;
    ferrex_error *error = NULL;
    int32_t rc = ferrex_phrase_options_new(&opts, &error);
    if (rc == FERREX_OK) {
        rc = ferrex_phrase_options_set_match_kind(opts, FERREX_PHRASE_MATCH_LEFTMOST_FIRST);
        if (rc == FERREX_OK) {
            rc = ferrex_phrases_new(&e->phrases, (const uint8_t *const *)cfg->patterns, cfg->pattern_lens,
                                    cfg->pattern_count, opts, &error);
        }
        ferrex_phrase_options_free(opts);
    }
    if (rc == FERREX_OK) {
        rc = ferrex_phrase_iter_new(&e->phrase_iter, e->phrases, 0, NULL, 0, &error);
    }
    if (rc != FERREX_OK) {
        *err = error_text("ferrex_phrases_new", rc, error);
        engine_free(e);
        return NULL;
    }
    if (ensure_batch(e, err) < 0) {
        engine_free(e);
        return NULL;
    }
    return e;
}

/* The number of phrase matches, a batch at a time. Out of line: inlined
 * into engine_count, its loop made every regex count save and restore six
 * registers (12 of the adapter's 35 instructions a call). */
static __attribute__((noinline)) int64_t count_phrases(engine *e, const uint8_t *hay, size_t len, char **err) {
    int32_t rc = ferrex_phrase_iter_reset(e->phrase_iter, len, NULL);
    if (rc != FERREX_OK) {
        return fail(err, "ferrex_phrase_iter_reset", rc);
    }
    int64_t total = 0;
    size_t n = BATCH;
    while (n == BATCH) {
        rc = ferrex_phrase_iter_next_batch(e->phrase_iter, hay, len, e->batch, BATCH, &n);
        if (rc < 0) {
            return fail(err, "ferrex_phrase_iter_next_batch", rc);
        }
        total += (int64_t)n;
    }
    return total;
}

int engine_lowercase(engine *e, const uint8_t *text, size_t len, const uint8_t **out, size_t *out_len,
                     char **err) {
    for (;;) {
        int32_t rc = ferrex_lowercase(text, len, FERREX_LOWERCASE_UNICODE, e->lower, e->lower_cap, out_len);
        if (rc == FERREX_OK) {
            *out = e->lower;
            return 0;
        }
        if (rc != FERREX_ERR_BUFFER_TOO_SMALL) {
            return fail(err, "ferrex_lowercase", rc);
        }
        free(e->lower); /* grows once: the size asked for is kept */
        e->lower = malloc(*out_len);
        e->lower_cap = e->lower != NULL ? *out_len : 0;
        if (e->lower == NULL) {
            *err = engine_errorf("out of memory");
            return -1;
        }
    }
}

engine *engine_compile(const engine_config *cfg, char **err) {
    if (ferrex_version_number() != FERREX_VERSION_NUMBER) {
        *err = engine_errorf("libferrex is version %s but ferrex.h is %d.%d.%d: rebuild", ferrex_version(),
                             FERREX_VERSION_MAJOR, FERREX_VERSION_MINOR, FERREX_VERSION_PATCH);
        return NULL;
    }
    engine *e = calloc(1, sizeof *e);
    if (e == NULL) {
        *err = engine_errorf("out of memory");
        return NULL;
    }
    if (is_phrases(cfg)) {
        return compile_phrases(e, cfg, err);
    }
    if (cfg->pattern_count == 0) { /* the lowercase model: no regex */
        return e;
    }
    ferrex_options *opts = NULL;
    ferrex_error *error = NULL;
    int32_t rc = ferrex_options_new(&opts, &error);
    if (rc != FERREX_OK) {
        *err = error_text("ferrex_options_new", rc, error);
        free(e);
        return NULL;
    }
    rc = ferrex_options_set_nfa_size_limit(opts, (size_t)100 << 20);
    if (rc == FERREX_OK) {
        rc = ferrex_options_set_search_memory_limit(opts, SIZE_MAX);
    }
    if (rc != FERREX_OK) {
        fail(err, "ferrex_options_set_*_limit", rc);
        ferrex_options_free(opts);
        free(e);
        return NULL;
    }

    uint32_t flags = FERREX_FLAG_NO_UTF8;
    if (!cfg->unicode) {
        flags |= FERREX_FLAG_NO_UNICODE;
    }
    if (cfg->case_insensitive) {
        flags |= FERREX_FLAG_CASE_INSENSITIVE;
    }
    if (cfg->pattern_count == 1) {
        rc = ferrex_regex_new(&e->re, (const uint8_t *)cfg->patterns[0], cfg->pattern_lens[0],
                              flags, opts, &error);
    } else {
        rc = ferrex_regex_new_many(&e->re, (const uint8_t *const *)cfg->patterns,
                                   cfg->pattern_lens, cfg->pattern_count, flags, opts, &error);
    }
    ferrex_options_free(opts);
    if (rc != FERREX_OK) {
        *err = error_text(cfg->pattern_count == 1 ? "ferrex_regex_new" : "ferrex_regex_new_many",
                          rc, error);
        free(e);
        return NULL;
    }
    return e;
}

void engine_free(engine *e) {
    if (e == NULL) {
        return;
    }
    free(e->batch);
    free(e->spans);
    free(e->lower);
    ferrex_phrase_iter_free(e->phrase_iter);
    ferrex_phrases_free(e->phrases);
    ferrex_iter_free(e->iter);
    ferrex_captures_free(e->caps);
    ferrex_cache_free(e->cache);
    ferrex_regex_free(e->re);
    free(e);
}

/* The engine's match batch and cache, made on first use; -1 on failure.
 * The cache comes last: ensure_cache tests it alone. */
static __attribute__((cold, noinline)) int new_cache(engine *e, char **err) {
    if (ensure_batch(e, err) < 0) {
        return -1;
    }
    ferrex_error *error = NULL;
    int32_t rc = ferrex_cache_new(&e->cache, e->re, &error);
    if (rc != FERREX_OK) {
        *err = error_text("ferrex_cache_new", rc, error);
        return -1;
    }
    return 0;
}

static inline int ensure_cache(engine *e, char **err) {
    return e->cache != NULL ? 0 : new_cache(e, err);
}

/* The room for every group of SPANS_BATCH matches of any pattern and the
 * captures for a haystack's first match, made on first use. The captures
 * come last: ensure_captures tests them alone. */
static __attribute__((cold, noinline)) int new_captures(engine *e, char **err) {
    int32_t rc;
    if (e->spans == NULL) {
        size_t patterns = 0, most = 0;
        rc = ferrex_regex_pattern_count(e->re, &patterns);
        for (size_t p = 0; rc == FERREX_OK && p < patterns; p++) {
            size_t groups = 0;
            rc = ferrex_regex_group_count(e->re, p, &groups);
            most = groups > most ? groups : most;
        }
        if (rc != FERREX_OK) {
            return fail(err, "ferrex_regex_pattern_count/_group_count", rc);
        }
        if ((e->spans = malloc(most * SPANS_BATCH * sizeof *e->spans)) == NULL) {
            *err = engine_errorf("out of memory");
            return -1;
        }
        e->spans_len = most;
    }
    ferrex_error *error = NULL;
    rc = ferrex_captures_new(&e->caps, e->re, &error);
    if (rc != FERREX_OK) {
        *err = error_text("ferrex_captures_new", rc, error);
        return -1;
    }
    return 0;
}

static inline int ensure_captures(engine *e, char **err) {
    return e->caps != NULL ? 0 : new_captures(e, err);
}

/* The reusable iterator, made on the first haystack. */
static __attribute__((cold, noinline)) int new_iter(engine *e, size_t len, const ferrex_search *search,
                                                    char **err) {
    ferrex_error *error = NULL;
    int32_t rc = ferrex_iter_new(&e->iter, e->re, len, search, &error);
    if (rc != FERREX_OK) {
        *err = error_text("ferrex_iter_new", rc, error);
        return -1;
    }
    return 0;
}

/* Points the reusable iterator at bytes [from, len) of a haystack of `len`
 * bytes, going on after a match that ended at `from`: look-around still
 * sees the bytes before it, and FERREX_SEARCH_AFTER_MATCH skips an empty
 * match there, as an iteration that had found that match would. */
static int resume_iter(engine *e, size_t len, size_t from, char **err) {
    const ferrex_search after = {.start = from, .end = len, .flags = FERREX_SEARCH_AFTER_MATCH, .pattern = 0};
    if (e->iter == NULL) {
        return new_iter(e, len, &after, err);
    }
    int32_t rc = ferrex_iter_reset(e->iter, len, &after);
    return rc == FERREX_OK ? 0 : fail(err, "ferrex_iter_reset", rc);
}

/* The sum of the lengths of n matches in e->batch. */
static int64_t batch_lengths(const engine *e, size_t n) {
    int64_t total = 0;
    for (size_t i = 0; i < n; i++) {
        total += (int64_t)(e->batch[i].end - e->batch[i].start);
    }
    return total;
}

/* The rest of sum_spans after a full batch, each next batch going on after
 * the last match of the one before. Out of line: most haystacks' matches
 * fit one batch. */
static __attribute__((noinline)) int64_t more_spans(engine *e, const uint8_t *hay, size_t len, int64_t total,
                                                    char **err) {
    ferrex_search after = {.start = 0, .end = len, .flags = FERREX_SEARCH_AFTER_MATCH, .pattern = 0};
    size_t n = BATCH;
    while (n == BATCH) {
        after.start = e->batch[BATCH - 1].end;
        int32_t rc = ferrex_regex_find_all(e->re, e->cache, hay, len, &after, e->batch, BATCH, &n);
        if (rc < 0) {
            return fail(err, "ferrex_regex_find_all", rc);
        }
        total += batch_lengths(e, n);
    }
    return total;
}

/* The sum of the lengths of the haystack's matches: ferrex_regex_find_all
 * fills a batch in one call. */
static int64_t sum_spans(engine *e, const uint8_t *hay, size_t len, char **err) {
    if (ensure_cache(e, err) < 0) {
        return -1;
    }
    size_t n = 0;
    int32_t rc = ferrex_regex_find_all(e->re, e->cache, hay, len, NULL, e->batch, BATCH, &n);
    if (rc < 0) {
        return fail(err, "ferrex_regex_find_all", rc);
    }
    int64_t total = batch_lengths(e, n);
    return n < BATCH ? total : more_spans(e, hay, len, total, err);
}

/* The count model asks for the number of matches only, so ferrex_regex_count
 * answers it: match ends by forward scans, no reverse scan for the starts
 * (MODELS.md allows avoiding the start of a match). */
int64_t engine_count(engine *e, const uint8_t *hay, size_t len, char **err) {
    if (e->phrases != NULL) {
        return count_phrases(e, hay, len, err);
    }
    if (ensure_cache(e, err) < 0) {
        return -1;
    }
    size_t n = 0;
    int32_t rc = ferrex_regex_count(e->re, e->cache, hay, len, NULL, &n);
    return rc == FERREX_OK ? (int64_t)n : fail(err, "ferrex_regex_count", rc);
}

int64_t engine_count_spans(engine *e, const uint8_t *hay, size_t len, char **err) {
    return sum_spans(e, hay, len, err);
}

/* How many of `len` group spans took part in their match. Four at a
 * time into four sums: the plain loop compiles to 7 instructions a span
 * chained through one sum, which over the 89 groups of rebar's
 * parol-veryl (most of them unset) was 9% of the count-captures model's
 * instructions; so, 6% (callgrind, the whole runner: 870M -> 845M). */
static inline __attribute__((always_inline)) int64_t participating(const ferrex_match *spans, size_t len) {
    int64_t a = 0, b = 0, c = 0, d = 0;
    size_t g = 0;
    for (; g + 4 <= len; g += 4) {
        a += spans[g].start != FERREX_UNSET;
        b += spans[g + 1].start != FERREX_UNSET;
        c += spans[g + 2].start != FERREX_UNSET;
        d += spans[g + 3].start != FERREX_UNSET;
    }
    for (; g < len; g++) {
        a += spans[g].start != FERREX_UNSET;
    }
    return a + b + c + d;
}

/* One ferrex_regex_captures call over `search` (NULL: the whole haystack):
 * 1 with the match's groups added to *total and its end in *end, 0 without
 * a match, -1 on failure. Inlined into each of its two calls: out of line
 * (as GCC left it) it cost a haystack with one match about 60 instructions
 * of passing *total and *end through memory. */
static inline __attribute__((always_inline)) int captures_once(engine *e, const uint8_t *hay, size_t len, const ferrex_search *search, int64_t *total,
                         size_t *end, char **err) {
    int32_t rc = ferrex_regex_captures(e->re, e->cache, hay, len, search, e->caps);
    if (rc <= 0) {
        return rc == 0 ? 0 : fail(err, "ferrex_regex_captures", rc);
    }
    size_t groups = 0;
    rc = ferrex_captures_spans(e->caps, e->spans, e->spans_len, &groups);
    if (rc < 0) {
        return fail(err, "ferrex_captures_spans", rc);
    }
    *total += participating(e->spans, groups);
    *end = e->spans[0].end;
    return 1;
}

/* Every group span of each match. Most haystacks of grep-captures (a line
 * each) have no match or one, and ferrex_regex_captures settles those in
 * one call or two, where an iterator takes a reset and a step (the second
 * resumes after the first match with FERREX_SEARCH_AFTER_MATCH; for a
 * regex that cannot match empty that is a plain search). After a second
 * match the iterator goes on from its end (resume_iter), SPANS_BATCH
 * matches a ferrex_iter_next_spans_batch call (a short batch is the end).
 * Measured with percall.c under callgrind, instructions a haystack before /
 * after (the regex crate's runner): a log line with one match 2,379 / 2,274
 * (2,024), `(\w+)@(\w+)\.com` over a line with two 3,969 / 3,707 (3,380),
 * `(\w+)\s+(\w+)` over one with three 9,710 / 9,823 (9,294). */
int64_t engine_count_captures(engine *e, const uint8_t *hay, size_t len, char **err) {
    if (ensure_cache(e, err) < 0 || ensure_captures(e, err) < 0) {
        return -1;
    }
    int64_t total = 0;
    size_t end = 0;
    int found = captures_once(e, hay, len, NULL, &total, &end, err);
    if (found == 1 && end < len) {
        const ferrex_search after = {.start = end, .end = len, .flags = FERREX_SEARCH_AFTER_MATCH, .pattern = 0};
        found = captures_once(e, hay, len, &after, &total, &end, err);
    }
    if (found <= 0 || end == len) {
        /* After a match at the end only an empty one could follow, and it
         * is skipped. */
        return found < 0 ? -1 : total;
    }
    if (resume_iter(e, len, end, err) < 0) {
        return -1;
    }
    size_t n = SPANS_BATCH;
    while (n == SPANS_BATCH) {
        int32_t rc = ferrex_iter_next_spans_batch(e->iter, hay, len, e->spans, e->spans_len, SPANS_BATCH, &n);
        if (rc < 0) {
            return fail(err, "ferrex_iter_next_spans_batch", rc);
        }
        /* Entries past a match's own groups are FERREX_UNSET, so the whole
         * stride counts alike. */
        total += participating(e->spans, n * e->spans_len);
    }
    return total;
}

int engine_is_match(engine *e, const uint8_t *hay, size_t len, char **err) {
    if (ensure_cache(e, err) < 0) {
        return -1;
    }
    int32_t rc = ferrex_regex_is_match(e->re, e->cache, hay, len, NULL);
    return rc < 0 ? fail(err, "ferrex_regex_is_match", rc) : rc;
}

/* 1 if engine_find_at may read ahead, else 2: only when no match can be
 * empty. After a match ending at e, an iteration skips an empty match at
 * e and goes on from e + 1, where the core's next question, from e,
 * wants that empty match. */
static __attribute__((cold, noinline)) int read_ahead_kind(engine *e, char **err) {
    size_t min_len = 0, max_len = 0;
    int32_t rc = ferrex_regex_match_len_bounds(e->re, &min_len, &max_len);
    if (rc != FERREX_OK) {
        return fail(err, "ferrex_regex_match_len_bounds", rc);
    }
    e->may_read_ahead = min_len > 0 && min_len != FERREX_UNSET ? 1 : 2;
    return 0;
}

/* Whether a question from `start` goes on where the last answer (the
 * batch's entry before e->ahead) ended, in the same haystack. */
static inline int goes_on(const engine *e, const uint8_t *hay, size_t len, size_t start) {
    return e->ahead_len > 0 && hay == e->ahead_hay && len == e->ahead_hay_len &&
           start == e->batch[e->ahead - 1].end;
}

/* engine_find_at's search: BATCH matches (one where a match can be empty)
 * from `start` into the batch, the first one answered. Out of line, so
 * that answering from the batch saves no registers (inlined, the batch's
 * answers took 49 instructions a question, callgrind). */
static __attribute__((noinline)) int find_ahead(engine *e, const uint8_t *hay, size_t len, size_t start,
                                                size_t *match_start, size_t *match_end, char **err) {
    if (ensure_cache(e, err) < 0 || (e->may_read_ahead == 0 && read_ahead_kind(e, err) < 0)) {
        return -1;
    }
    if (e->ahead_is_all && e->ahead == e->ahead_len && goes_on(e, hay, len, start)) {
        return 0; /* not searched again: the batch ended with the last match */
    }
    /* bounded to [start, len), so that look-around still sees the bytes
     * before `start` */
    const ferrex_search search = {.start = start, .end = len, .flags = 0, .pattern = 0};
    size_t n = 0, cap = e->may_read_ahead == 1 ? BATCH : 1;
    int32_t rc = ferrex_regex_find_all(e->re, e->cache, hay, len, &search, e->batch, cap, &n);
    e->ahead = 1;
    e->ahead_len = rc == 1 ? n : 0;
    e->ahead_is_all = n < cap;
    e->ahead_hay = hay;
    e->ahead_hay_len = len;
    if (rc <= 0) {
        return rc == 0 ? 0 : fail(err, "ferrex_regex_find_all", rc);
    }
    *match_start = e->batch[0].start;
    *match_end = e->batch[0].end;
    return 1;
}

/* regex-redux's search. The core asks for one match at a time, but in a
 * loop over one haystack whose every question after the first goes on
 * where the last answer ended (engine.h). An iteration's next match is
 * the answer to that question when no match can be empty, so then
 * ferrex_regex_find_all reads BATCH matches ahead and the questions that
 * follow are answered from them. Against one ferrex_regex_find call a
 * question (about 190,000 an iteration), callgrind (bench/driver/icount.py)
 * counted 210.2M -> 190.6M instructions an iteration of rebar's
 * regex-redux, where the regex crate's runner takes 184.8M asking one
 * search a question and 185.0M reading ahead as this does. */
int engine_find_at(engine *e, const uint8_t *hay, size_t len, size_t start, size_t *match_start,
                   size_t *match_end, char **err) {
    if (e->ahead < e->ahead_len && goes_on(e, hay, len, start)) {
        const ferrex_match *m = &e->batch[e->ahead++];
        *match_start = m->start;
        *match_end = m->end;
        return 1;
    }
    return find_ahead(e, hay, len, start, match_start, match_end, err);
}
