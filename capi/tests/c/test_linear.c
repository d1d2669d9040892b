/*
 * test_linear.c - patterns that make backtracking engines take exponential
 * (or polynomial) time, on inputs of 10 KB and 1 MB. ferrex searches in
 * linear time, so is_match, find and captures all finish, and they must
 * give the RIGHT answer. There are deliberately no timing assertions.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "ferrex.h"

#define KB10 ((size_t)10 * 1024)
#define MB1 ((size_t)1 << 20)

/* What a case expects: a match [start, end) with group 1 at [g1s, g1e)
 * (g1 < 0: do not check group 1), or no match. */
typedef struct {
    int match;
    size_t start, end;
    int g1;
    size_t g1s, g1e;
} want;

static want none(void) {
    want w;
    memset(&w, 0, sizeof w);
    w.match = 0;
    w.g1 = -1;
    return w;
}

static want span(size_t start, size_t end, int g1, size_t g1s, size_t g1e) {
    want w;
    w.match = 1;
    w.start = start;
    w.end = end;
    w.g1 = g1;
    w.g1s = g1s;
    w.g1e = g1e;
    return w;
}

static unsigned cases;

/* Runs is_match, find and captures (with a cache and/or NULL). */
static void run_case(const char *pattern, const uint8_t *hay, size_t len, want w, const char *what) {
    ferrex_regex *re = NULL;
    ferrex_error *err = NULL;
    ferrex_cache *cache = NULL;
    ferrex_captures *caps = NULL;
    ferrex_match m, g;
    int pass, r;
    unsigned long failed_before = check_failed_count;

    if (!CHECK_EQ(ferrex_regex_new(&re, (const uint8_t *)pattern, strlen(pattern), 0, NULL, &err), FERREX_OK)) {
        fprintf(stderr, "  %s: %s\n", pattern, ferrex_error_message(err));
        ferrex_error_free(err);
        return;
    }
    CHECK_EQ(ferrex_cache_new(&cache, re, NULL), FERREX_OK);
    CHECK_EQ(ferrex_captures_new(&caps, re, NULL), FERREX_OK);
    /* small inputs: with the cache and with NULL; big inputs (to keep
     * valgrind runs short): one pass, alternating cache and NULL by case */
    cases++;
    for (pass = 0; pass < (len > KB10 * 4 ? 1 : 2); pass++) {
        ferrex_cache *c = (pass + cases) % 2 == 0 ? cache : NULL;
        CHECK_EQ(ferrex_regex_is_match(re, c, hay, len, NULL), w.match);

        memset(&m, 0, sizeof m);
        r = ferrex_regex_find(re, c, hay, len, NULL, &m);
        CHECK_EQ(r, w.match);
        if (r == 1 && w.match == 1)
            CHECK_SPAN(m, w.start, w.end, 0);

        r = ferrex_regex_captures(re, c, hay, len, NULL, caps);
        CHECK_EQ(r, w.match);
        if (r == 1 && w.match == 1) {
            CHECK_EQ(ferrex_captures_group(caps, 0, &g), 1);
            CHECK_SPAN(g, w.start, w.end, 0);
            if (w.g1 == 1) {
                CHECK_EQ(ferrex_captures_group(caps, 1, &g), 1);
                CHECK_SPAN(g, w.g1s, w.g1e, 0);
            } else if (w.g1 == 0) {
                CHECK_EQ(ferrex_captures_group(caps, 1, &g), 0);
            }
        } else if (r == 0) {
            size_t p;
            CHECK_EQ(ferrex_captures_pattern(caps, &p), 0);
        }
    }
    if (check_failed_count != failed_before)
        fprintf(stderr, "  ^ pattern %s on %s (%zu bytes)\n", pattern, what, len);
    ferrex_captures_free(caps);
    ferrex_cache_free(cache);
    ferrex_regex_free(re);
}

/* n bytes of `c`, then `tail` (may be ""), into buf (capacity >= n + strlen(tail)). */
static size_t fill(uint8_t *buf, size_t n, char c, const char *tail) {
    size_t t = strlen(tail);
    memset(buf, c, n);
    memcpy(buf + n, tail, t);
    return n + t;
}

/* "ab ab ab ... ab" of exactly n bytes (n = 3k + 2). */
static size_t words(uint8_t *buf, size_t n) {
    size_t i;
    for (i = 0; i < n; i++)
        buf[i] = (uint8_t)(i % 3 == 2 ? ' ' : "ab"[i % 3]);
    return n;
}

static void run_size(size_t n, uint8_t *buf) {
    size_t len, wn;
    char what[64];

    snprintf(what, sizeof what, "%zu 'a'", n);
    /* (a*)*b: all a's, no b -- no match at all */
    len = fill(buf, n, 'a', "");
    run_case("(a*)*b", buf, len, none(), what);
    run_case("(a+)+b", buf, len, none(), what);
    run_case("(a|a)*b", buf, len, none(), what);
    run_case("^(a+)+$", buf, len, span(0, n, 1, 0, n), what);
    /* (a|aa)+$: the whole input; the last iteration takes one "a" */
    run_case("(a|aa)+$", buf, len, span(0, n, 1, n - 1, n), what);
    run_case("(aa|a)+$", buf, len, span(0, n, 1, n - (n % 2 == 0 ? 2 : 1), n), what);
    /* (.*a){3}: the first .* takes all it can, the other two iterations one "a" each */
    run_case("(.*a){3}", buf, len, span(0, n, 1, n - 1, n), what);
    run_case("(.*a){3}x", buf, len, none(), what);

    snprintf(what, sizeof what, "%zu 'a' then b", n);
    len = fill(buf, n, 'a', "b");
    run_case("(a*)*b", buf, len, span(0, n + 1, -1, 0, 0), what);
    run_case("^(a+)+$", buf, len, none(), what);
    run_case("(a|aa)+$", buf, len, none(), what);
    run_case("(a+)+c", buf, len, none(), what);

    snprintf(what, sizeof what, "%zu 'x'", n);
    len = fill(buf, n, 'x', "");
    run_case("(x+x+)+y", buf, len, none(), what);
    len = fill(buf, n, 'x', "y");
    /* greedy: the first x+ takes all but one x, the second the last one */
    run_case("(x+x+)+y", buf, len, span(0, n + 1, 1, 0, n), what);

    /* (\w+\s?)+$ over "ab ab ... ab": a match of everything; then with a
     * trailing "!" nothing can reach the end */
    wn = n - (n + 1) % 3; /* 3k + 2 */
    snprintf(what, sizeof what, "%zu bytes of \"ab \" words", wn);
    len = words(buf, wn);
    run_case("(\\w+\\s?)+$", buf, len, span(0, wn, 1, wn - 2, wn), what);
    buf[wn - 1] = '!';
    run_case("(\\w+\\s?)+$", buf, len, none(), what);
    run_case("^(\\w+\\s?)+$", buf, len, none(), what);
    run_case("(?:[a-z]+ ?)+!", buf, len, span(0, wn, -1, 0, 0), what);
}

int main(void) {
    uint8_t *buf = (uint8_t *)malloc(MB1 + 16);
    if (!CHECK(buf != NULL))
        return check_report("test_linear");
    run_size(KB10, buf);
    run_size(MB1, buf);
    free(buf);
    return check_report("test_linear");
}
