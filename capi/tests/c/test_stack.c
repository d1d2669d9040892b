/*
 * test_stack.c - deeply nested patterns on a thread with a 64 KiB stack.
 *
 * Compiling recurses once per level of nesting, and a stack overflow kills
 * the process. At the default nesting limit and at the maximum, nested
 * patterns must compile (or fail with FERREX_ERR_SYNTAX) and every query
 * must answer, all from a thread with a 64 KiB stack; patterns of ordinary
 * depth, which compile on the calling thread itself, too. The thread
 * records results; the main thread checks them (check.h is not
 * thread-safe).
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "ferrex.h"

#define SMALL_STACK (64 * 1024)
#define LONG_LEN (300 * 1024)
#define NO_MATCH ((size_t)-1)

typedef struct {
    const char *name;
    const char *open, *inner, *close;
    size_t levels;
    uint32_t limit; /* 0: the default */
    const char *haystack;
    ferrex_status want_status;
    size_t want_start, want_end; /* NO_MATCH: no match in the haystack */
} deep_case;

/* What the worker saw for one case. */
typedef struct {
    ferrex_status status;
    int is_match, found, earliest, captures, which, long_found;
    ferrex_match m, group0;
    ferrex_status count_status;
    size_t count;
} outcome;

static deep_case cases[] = {
    /* The default limit (250): one level each for a group, a repetition,
     * an alternation and a concatenation. */
    {"249 nested capture groups", "(", "a", ")", 249, 0, "xxa", FERREX_OK, 2, 3},
    {"124 nested (?:...)*", "(?:", "a", ")*", 124, 0, "xxa", FERREX_OK, 0, 0},
    {"82 nested alternations", "(?:b|c", "a", ")", 82, 0, "xcb", FERREX_OK, 1, 3},
    {"249 nested (?:...)* exceed the default limit", "(?:", "a", ")*", 249, 0, "", FERREX_ERR_SYNTAX, 0, 0},
    /* The maximum. */
    {"999 nested capture groups", "(", "a", ")", 999, FERREX_MAX_NESTING_LIMIT, "xxa", FERREX_OK, 2, 3},
    {"499 nested (?:...)*", "(?:", "a", ")*", 499, FERREX_MAX_NESTING_LIMIT, "xxa", FERREX_OK, 0, 0},
    {"332 nested alternations", "(?:b|c", "a", ")", 332, FERREX_MAX_NESTING_LIMIT, "xcb", FERREX_OK, 1, 3},
    {"30000 nested (?:...)*", "(?:", "a", ")*", 30000, FERREX_MAX_NESTING_LIMIT, "", FERREX_ERR_SYNTAX, 0, 0},
    {"100000 nested groups", "(?:", "a", ")", 100000, FERREX_MAX_NESTING_LIMIT, "", FERREX_ERR_SYNTAX, 0, 0},
    /* Ordinary depth: compiled on the calling thread, the deepest of each
     * shape that is (src/stack.rs, `stack_probe caller`). */
    {"32 nested capture groups", "(", "a", ")", 32, 0, "xxa", FERREX_OK, 2, 3},
    {"6 nested x(...)", "x(", "a", ")", 6, 0, "-xxxxxxa", FERREX_OK, 1, 8},
    {"5 nested (?:b|(?:...)*)", "(?:b|(?:", "a", ")*)", 5, 0, "xxa", FERREX_OK, 0, 0},
    {"6 nested (?:...){2}", "(?:", "a", "){2}", 6, 0,
     "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", FERREX_OK, 0, 64},
    {"4 nested alternations", "(?:b|c", "a", ")", 4, 0, "xcb", FERREX_OK, 1, 3},
};

#define CASES (sizeof cases / sizeof cases[0])

static outcome outcomes[CASES];

static char *long_haystack;

/* `levels` copies of `open`, `inner`, `levels` copies of `close`. */
static char *nest(const char *open, const char *inner, const char *close, size_t levels, size_t *len) {
    size_t lo = strlen(open), li = strlen(inner), lc = strlen(close), i;
    char *out = malloc(levels * (lo + lc) + li + 1), *p = out;
    if (out == NULL)
        return NULL;
    for (i = 0; i < levels; i++, p += lo)
        memcpy(p, open, lo);
    memcpy(p, inner, li);
    p += li;
    for (i = 0; i < levels; i++, p += lc)
        memcpy(p, close, lc);
    *p = '\0';
    *len = (size_t)(p - out);
    return out;
}

static void run_case(const deep_case *c, outcome *o) {
    size_t len = 0, count = 0;
    char *pattern = nest(c->open, c->inner, c->close, c->levels, &len);
    const uint8_t *hay = (const uint8_t *)c->haystack;
    size_t hay_len = strlen(c->haystack);
    ferrex_options *options = NULL;
    ferrex_regex *re = NULL, *two = NULL;
    ferrex_cache *cache = NULL;
    ferrex_captures *caps = NULL;
    ferrex_match m;
    uint8_t matched[2] = {0, 0};
    const uint8_t *many[2];
    size_t lens[2];
    ferrex_search earliest = search_of(0, hay_len, FERREX_SEARCH_EARLIEST, 0);

    o->status = FERREX_ERR_INTERNAL;
    if (pattern == NULL || ferrex_options_new(&options, NULL) != FERREX_OK)
        goto done;
    if (c->limit != 0 && ferrex_options_set_nesting_limit(options, c->limit) != FERREX_OK)
        goto done;
    o->status = ferrex_regex_new(&re, (const uint8_t *)pattern, len, 0, options, NULL);
    if (o->status != FERREX_OK)
        goto done;
    /* Each query builds what it needs on first use (lazy DFAs, the set
     * form, the earliest engines, the full DFA after 256 KiB). */
    ferrex_cache_new(&cache, re, NULL);
    o->is_match = ferrex_regex_is_match(re, cache, hay, hay_len, NULL);
    o->found = ferrex_regex_find(re, NULL, hay, hay_len, NULL, &o->m);
    o->earliest = ferrex_regex_find(re, cache, hay, hay_len, &earliest, &m);
    ferrex_captures_new(&caps, re, NULL);
    o->captures = ferrex_regex_captures(re, cache, hay, hay_len, NULL, caps);
    if (o->captures == 1)
        ferrex_captures_group(caps, 0, &o->group0);
    o->count_status = ferrex_regex_count(re, cache, hay, hay_len, NULL, &count);
    o->count = count;
    memcpy(long_haystack + LONG_LEN - hay_len, hay, hay_len);
    o->long_found = ferrex_regex_find(re, cache, (const uint8_t *)long_haystack, LONG_LEN, NULL, &m);
    o->long_found = ferrex_regex_find(re, NULL, (const uint8_t *)long_haystack, LONG_LEN, NULL, &m);
    memset(long_haystack + LONG_LEN - hay_len, 'z', hay_len);
    many[0] = (const uint8_t *)pattern;
    lens[0] = len;
    many[1] = (const uint8_t *)"q";
    lens[1] = 1;
    if (ferrex_regex_new_many(&two, many, lens, 2, 0, options, NULL) == FERREX_OK)
        o->which = ferrex_regex_which_matches(two, NULL, hay, hay_len, NULL, matched, 2) == 1 && matched[0];
done:
    /* Freed here too: dropping a deep regex must not recurse either. */
    ferrex_captures_free(caps);
    ferrex_cache_free(cache);
    ferrex_regex_free(two);
    ferrex_regex_free(re);
    ferrex_options_free(options);
    free(pattern);
}

static void *worker(void *arg) {
    size_t i;
    (void)arg;
    for (i = 0; i < CASES; i++)
        run_case(&cases[i], &outcomes[i]);
    return NULL;
}

static void check_case(const deep_case *c, const outcome *o) {
    int want_found = c->want_start != NO_MATCH;
    if (!CHECK_EQ(o->status, c->want_status))
        fprintf(stderr, "  case: %s\n", c->name);
    if (o->status != FERREX_OK || c->want_status != FERREX_OK)
        return;
    CHECK_EQ(o->is_match, want_found);
    CHECK_EQ(o->found, want_found);
    if (want_found && !CHECK_SPAN(o->m, c->want_start, c->want_end, 0))
        fprintf(stderr, "  case: %s\n", c->name);
    CHECK_EQ(o->earliest, want_found);
    CHECK_EQ(o->captures, want_found);
    if (want_found)
        CHECK_SPAN(o->group0, c->want_start, c->want_end, 0);
    CHECK_EQ(o->count_status, FERREX_OK);
    CHECK(o->count >= (size_t)want_found);
    CHECK_EQ(o->long_found, 1);
    CHECK_EQ(o->which, want_found);
}

int main(void) {
    pthread_attr_t attr;
    pthread_t thread;
    size_t i;
    ferrex_options *options = NULL;

    long_haystack = malloc(LONG_LEN);
    if (long_haystack == NULL)
        return 1;
    memset(long_haystack, 'z', LONG_LEN);

    CHECK_EQ(pthread_attr_init(&attr), 0);
    CHECK_EQ(pthread_attr_setstacksize(&attr, SMALL_STACK), 0);
    if (CHECK_EQ(pthread_create(&thread, &attr, worker, NULL), 0))
        CHECK_EQ(pthread_join(thread, NULL), 0);
    pthread_attr_destroy(&attr);
    for (i = 0; i < CASES; i++)
        check_case(&cases[i], &outcomes[i]);

    /* Past the maximum, the limit is refused and left as it was. */
    CHECK_EQ(ferrex_options_new(&options, NULL), FERREX_OK);
    CHECK_EQ(ferrex_options_set_nesting_limit(options, FERREX_MAX_NESTING_LIMIT), FERREX_OK);
    CHECK_EQ(ferrex_options_set_nesting_limit(options, FERREX_MAX_NESTING_LIMIT + 1), FERREX_ERR_INVALID_ARGUMENT);
    CHECK_EQ(ferrex_options_set_nesting_limit(options, UINT32_MAX), FERREX_ERR_INVALID_ARGUMENT);
    ferrex_options_free(options);

    free(long_haystack);
    return check_report("test_stack");
}
