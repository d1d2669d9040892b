/*
 * test_api.c - every function in ferrex.h, exercised on real inputs with
 * real assertions on the results. Error paths live in test_errors.c.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "ferrex.h"

/* A string literal as (const uint8_t *, length), embedded NULs included. */
#define LIT(s) (const uint8_t *)(s), (sizeof(s) - 1)

/* ---------------------------------------------------------------- helpers */

static ferrex_regex *compile(const char *pattern, uint32_t flags, const ferrex_options *opts) {
    ferrex_regex *re = NULL;
    ferrex_error *err = NULL;
    int32_t st = ferrex_regex_new(&re, (const uint8_t *)pattern, strlen(pattern), flags, opts, &err);
    if (!CHECK_EQ(st, FERREX_OK))
        fprintf(stderr, "  pattern %s: %s\n", pattern, ferrex_error_message(err));
    CHECK(err == NULL);
    ferrex_error_free(err);
    return re;
}

static ferrex_regex *compile_many(const char *const *patterns, size_t count, uint32_t flags,
                                  const ferrex_options *opts) {
    const uint8_t *ptrs[16];
    size_t lens[16];
    size_t i;
    ferrex_regex *re = NULL;
    ferrex_error *err = NULL;
    for (i = 0; i < count && i < 16; i++) {
        ptrs[i] = (const uint8_t *)patterns[i];
        lens[i] = strlen(patterns[i]);
    }
    if (!CHECK_EQ(ferrex_regex_new_many(&re, ptrs, lens, count, flags, opts, &err), FERREX_OK))
        fprintf(stderr, "  %s\n", ferrex_error_message(err));
    CHECK(err == NULL);
    ferrex_error_free(err);
    return re;
}

static ferrex_match no_match(void) {
    ferrex_match m;
    m.start = 777;
    m.end = 888;
    m.pattern = 999;
    return m;
}

/*
 * The four searches, each run twice: with a fresh explicit cache and with a
 * NULL cache (the internal pool). Both must agree; the shared result is
 * returned.
 */
static int is_match(const ferrex_regex *re, const void *hay, size_t len, const ferrex_search *s) {
    ferrex_cache *cache = NULL;
    int with_cache, without;
    CHECK_EQ(ferrex_cache_new(&cache, re, NULL), FERREX_OK);
    with_cache = ferrex_regex_is_match(re, cache, (const uint8_t *)hay, len, s);
    without = ferrex_regex_is_match(re, NULL, (const uint8_t *)hay, len, s);
    CHECK_EQ(with_cache, without);
    ferrex_cache_free(cache);
    return with_cache;
}

static int find(const ferrex_regex *re, const void *hay, size_t len, const ferrex_search *s, ferrex_match *out) {
    ferrex_cache *cache = NULL;
    ferrex_match a = no_match(), b = no_match();
    int ra, rb;
    CHECK_EQ(ferrex_cache_new(&cache, re, NULL), FERREX_OK);
    ra = ferrex_regex_find(re, cache, (const uint8_t *)hay, len, s, &a);
    rb = ferrex_regex_find(re, NULL, (const uint8_t *)hay, len, s, &b);
    CHECK_EQ(ra, rb);
    CHECK_SPAN(a, b.start, b.end, b.pattern);
    if (ra == 0) /* left unchanged when there is no match */
        CHECK_SPAN(a, 777, 888, 999);
    /* is_match agrees with find */
    CHECK_EQ(ferrex_regex_is_match(re, cache, (const uint8_t *)hay, len, s), ra);
    ferrex_cache_free(cache);
    *out = a;
    return ra;
}

/* captures with an explicit cache into `caps`; a NULL-cache run must agree. */
static int captures(const ferrex_regex *re, const void *hay, size_t len, const ferrex_search *s,
                    ferrex_captures *caps) {
    ferrex_cache *cache = NULL;
    ferrex_captures *other = NULL;
    int ra, rb;
    size_t g, na = 0, nb = 0;
    CHECK_EQ(ferrex_cache_new(&cache, re, NULL), FERREX_OK);
    CHECK_EQ(ferrex_captures_new(&other, re, NULL), FERREX_OK);
    ra = ferrex_regex_captures(re, cache, (const uint8_t *)hay, len, s, caps);
    rb = ferrex_regex_captures(re, NULL, (const uint8_t *)hay, len, s, other);
    CHECK_EQ(ra, rb);
    CHECK_EQ(ferrex_captures_group_count(caps, &na), ferrex_captures_group_count(other, &nb));
    if (ra == 1) {
        CHECK_EQ_U(na, nb);
        for (g = 0; g < na; g++) {
            ferrex_match x = no_match(), y = no_match();
            CHECK_EQ(ferrex_captures_group(caps, g, &x), ferrex_captures_group(other, g, &y));
            CHECK_SPAN(x, y.start, y.end, y.pattern);
        }
    }
    ferrex_captures_free(other);
    ferrex_cache_free(cache);
    return ra;
}

/* which_matches with an explicit cache and with NULL; both must agree. */
static int which(const ferrex_regex *re, const void *hay, size_t len, const ferrex_search *s, uint8_t *out,
                 size_t out_len) {
    ferrex_cache *cache = NULL;
    uint8_t other[16];
    int ra, rb;
    CHECK(out_len <= sizeof other);
    memcpy(other, out, out_len);
    CHECK_EQ(ferrex_cache_new(&cache, re, NULL), FERREX_OK);
    ra = ferrex_regex_which_matches(re, cache, (const uint8_t *)hay, len, s, out, out_len);
    rb = ferrex_regex_which_matches(re, NULL, (const uint8_t *)hay, len, s, other, out_len);
    CHECK_EQ(ra, rb);
    CHECK_MEM(out, out_len, other, out_len);
    ferrex_cache_free(cache);
    return ra;
}

/* Runs a set query (memory pre-filled with junk) and checks its result and
 * every pattern's flag against `want`: "0110" means only patterns 1 and 2. */
#define CHECK_WHICH(re, hay, len, s, ret, want) check_which((re), (hay), (len), (s), (ret), (want), __FILE__, __LINE__)
static void check_which(const ferrex_regex *re, const char *hay, size_t len, const ferrex_search *s, int ret,
                        const char *want, const char *file, int line) {
    uint8_t set[16];
    size_t i, n = strlen(want);
    memset(set, 0xAA, sizeof set);
    check_eq_int(which(re, hay, len, s, set, n), ret, "which()", "expected result", file, line);
    for (i = 0; i < n; i++)
        check_eq_int(set[i], want[i] == '1', "pattern flag", want, file, line);
}

/* Every match of an iteration into `out` (at most cap); returns the count. */
static size_t collect(const ferrex_regex *re, const void *hay, size_t len, const ferrex_search *s,
                      ferrex_match *out, size_t cap) {
    ferrex_iter *it = NULL;
    ferrex_error *err = NULL;
    ferrex_match m;
    size_t n = 0;
    int r;
    for (n = 0; n < cap; n++) /* slots past the count stay defined */
        out[n] = no_match();
    n = 0;
    if (!CHECK_EQ(ferrex_iter_new(&it, re, len, s, &err), FERREX_OK)) {
        ferrex_error_free(err);
        return 0;
    }
    CHECK(err == NULL);
    while ((r = ferrex_iter_next(it, (const uint8_t *)hay, len, &m)) == 1) {
        if (n < cap)
            out[n] = m;
        n++;
        if (n > 10000)
            break;
    }
    CHECK_EQ(r, 0);
    /* exhausted iterators keep returning 0 */
    CHECK_EQ(ferrex_iter_next(it, (const uint8_t *)hay, len, &m), 0);
    CHECK_EQ(ferrex_iter_next(it, (const uint8_t *)hay, len, &m), 0);
    ferrex_iter_free(it);
    /* counting finds the same matches without their starts */
    if (n <= 10000) {
        size_t counted = 12345;
        CHECK_EQ(ferrex_regex_count(re, NULL, (const uint8_t *)hay, len, s, &counted), FERREX_OK);
        CHECK_EQ_U(counted, n);
    }
    return n;
}

/* ---------------------------------------------------------------- version */

static void test_version(void) {
    char want[64];
    snprintf(want, sizeof want, "%d.%d.%d", FERREX_VERSION_MAJOR, FERREX_VERSION_MINOR, FERREX_VERSION_PATCH);
    CHECK(ferrex_version() != NULL);
    CHECK_STR(ferrex_version(), want);
    CHECK_EQ_U(ferrex_version_number(), FERREX_VERSION_NUMBER);
    CHECK_EQ_U(ferrex_version_number(),
               FERREX_VERSION_MAJOR * 10000 + FERREX_VERSION_MINOR * 100 + FERREX_VERSION_PATCH);
    CHECK(ferrex_version() == ferrex_version()); /* static */
}

/* ---------------------------------------------------------------- statuses */

static void test_status(void) {
    static const struct {
        int32_t value;
        const char *name;
    } all[] = {
        {FERREX_OK, "FERREX_OK"},
        {FERREX_ERR_INTERNAL, "FERREX_ERR_INTERNAL"},
        {FERREX_ERR_NULL_POINTER, "FERREX_ERR_NULL_POINTER"},
        {FERREX_ERR_INVALID_ARGUMENT, "FERREX_ERR_INVALID_ARGUMENT"},
        {FERREX_ERR_UNKNOWN_FLAG, "FERREX_ERR_UNKNOWN_FLAG"},
        {FERREX_ERR_OUT_OF_BOUNDS, "FERREX_ERR_OUT_OF_BOUNDS"},
        {FERREX_ERR_INDEX, "FERREX_ERR_INDEX"},
        {FERREX_ERR_WRONG_REGEX, "FERREX_ERR_WRONG_REGEX"},
        {FERREX_ERR_INVALID_UTF8, "FERREX_ERR_INVALID_UTF8"},
        {FERREX_ERR_SYNTAX, "FERREX_ERR_SYNTAX"},
        {FERREX_ERR_SIZE_LIMIT, "FERREX_ERR_SIZE_LIMIT"},
        {FERREX_ERR_BUFFER_TOO_SMALL, "FERREX_ERR_BUFFER_TOO_SMALL"},
        {FERREX_ERR_UNSUPPORTED, "FERREX_ERR_UNSUPPORTED"},
        {FERREX_ERR_ABORTED, "FERREX_ERR_ABORTED"},
        {FERREX_ERR_RETAIN_LIMIT, "FERREX_ERR_RETAIN_LIMIT"},
    };
    const size_t statuses = sizeof all / sizeof all[0];
    static const int32_t unknown[] = {1, 2, -15, 100, -100, INT32_MAX, INT32_MIN};
    const char *unknown_message = ferrex_status_message(-15);
    size_t i, j;

    /* the values are the documented ones */
    CHECK_EQ(FERREX_OK, 0);
    CHECK_EQ(FERREX_ERR_INTERNAL, -1);
    CHECK_EQ(FERREX_ERR_UNSUPPORTED, -12);
    for (i = 0; i < statuses; i++) {
        const char *msg = ferrex_status_message(all[i].value);
        CHECK_EQ(all[i].value, -(int32_t)i);
        CHECK_STR(ferrex_status_name(all[i].value), all[i].name);
        CHECK(msg != NULL && strlen(msg) > 0);
        CHECK(msg != NULL && strchr(msg, '\n') == NULL); /* one line */
        CHECK(msg != NULL && strcmp(msg, unknown_message) != 0);
        for (j = 0; j < i; j++) /* every status has its own description */
            CHECK(strcmp(msg, ferrex_status_message(all[j].value)) != 0);
    }
    CHECK_STR(ferrex_status_message(FERREX_ERR_SYNTAX), "the pattern is not valid regex syntax");
    for (i = 0; i < sizeof unknown / sizeof unknown[0]; i++) {
        CHECK_STR(ferrex_status_name(unknown[i]), "FERREX_ERR_UNKNOWN");
        CHECK(ferrex_status_message(unknown[i]) != NULL && strlen(ferrex_status_message(unknown[i])) > 0);
        CHECK_STR(ferrex_status_message(unknown[i]), unknown_message);
    }
}

/* ---------------------------------------------------------------- options */

/* n nested groups around "a": nesting depth exactly n. */
static char *nested(size_t n) {
    char *p = (char *)malloc(2 * n + 2);
    size_t i;
    if (p == NULL)
        return NULL;
    for (i = 0; i < n; i++)
        p[i] = '(';
    p[n] = 'a';
    for (i = 0; i < n; i++)
        p[n + 1 + i] = ')';
    p[2 * n + 1] = '\0';
    return p;
}

static int32_t try_compile(const char *pattern, uint32_t flags, const ferrex_options *opts) {
    ferrex_regex *re = NULL;
    int32_t st = ferrex_regex_new(&re, (const uint8_t *)pattern, strlen(pattern), flags, opts, NULL);
    CHECK((st == FERREX_OK) == (re != NULL));
    ferrex_regex_free(re);
    return st;
}

static void test_options(void) {
    ferrex_options *opts = NULL;
    ferrex_error *err = NULL;
    ferrex_regex *a, *b;
    ferrex_match m = no_match();
    char *p250 = nested(250), *p251 = nested(251);

    CHECK_EQ(ferrex_options_new(&opts, &err), FERREX_OK);
    CHECK(opts != NULL);
    CHECK(err == NULL);

    /* defaults: leftmost-first, a full DFA for small patterns, nesting 250 */
    a = compile("a|ab", 0, opts);
    b = compile("a|ab", 0, NULL);
    CHECK_EQ(find(a, "ab", 2, NULL, &m), 1);
    CHECK_SPAN(m, 0, 1, 0);
    CHECK_EQ(find(b, "ab", 2, NULL, &m), 1);
    CHECK_SPAN(m, 0, 1, 0);
    CHECK_EQ(ferrex_regex_has_full_dfa(a), 1);
    CHECK_EQ(ferrex_regex_has_full_dfa(b), 1);
    ferrex_regex_free(a);
    ferrex_regex_free(b);
    CHECK(p250 != NULL && p251 != NULL);
    if (p250 != NULL && p251 != NULL) {
        CHECK_EQ(try_compile(p250, 0, opts), FERREX_OK);
        CHECK_EQ(try_compile(p251, 0, opts), FERREX_ERR_SYNTAX);
        CHECK_EQ(try_compile(p250, 0, NULL), FERREX_OK);
        CHECK_EQ(try_compile(p251, 0, NULL), FERREX_ERR_SYNTAX);
    }
    /* the default NFA limit (10 MiB) admits a moderately large pattern */
    CHECK_EQ(try_compile("\\w{100}", 0, opts), FERREX_OK);

    /* nesting limit */
    CHECK_EQ(ferrex_options_set_nesting_limit(opts, 3), FERREX_OK);
    CHECK_EQ(try_compile("(((a)))", 0, opts), FERREX_OK);
    CHECK_EQ(try_compile("((((a))))", 0, opts), FERREX_ERR_SYNTAX);
    CHECK_EQ(ferrex_options_set_nesting_limit(opts, 1000), FERREX_OK);
    if (p251 != NULL)
        CHECK_EQ(try_compile(p251, 0, opts), FERREX_OK);

    /* NFA size limit */
    CHECK_EQ(ferrex_options_set_nfa_size_limit(opts, 100), FERREX_OK);
    CHECK_EQ(try_compile("\\w{100}", 0, opts), FERREX_ERR_SIZE_LIMIT);
    CHECK_EQ(ferrex_options_set_nfa_size_limit(opts, SIZE_MAX), FERREX_OK);
    CHECK_EQ(try_compile("\\w{100}", 0, opts), FERREX_OK);

    /* full DFA size limit: 0 never builds one */
    CHECK_EQ(ferrex_options_set_dfa_size_limit(opts, 0), FERREX_OK);
    a = compile("abc", 0, opts);
    CHECK_EQ(ferrex_regex_has_full_dfa(a), 0);
    CHECK_EQ(find(a, "xxabc", 5, NULL, &m), 1);
    CHECK_SPAN(m, 2, 5, 0);
    ferrex_regex_free(a);
    CHECK_EQ(ferrex_options_set_dfa_size_limit(opts, 1 << 20), FERREX_OK);
    a = compile("abc", 0, opts);
    CHECK_EQ(ferrex_regex_has_full_dfa(a), 1);
    ferrex_regex_free(a);

    /* lazy DFA cache capacity: tiny or huge, searches stay correct */
    CHECK_EQ(ferrex_options_set_dfa_cache_capacity(opts, 1), FERREX_OK);
    CHECK_EQ(ferrex_options_set_dfa_size_limit(opts, 0), FERREX_OK);
    a = compile("[a-z]+[0-9]", 0, opts);
    CHECK_EQ(find(a, "!! abc9 ", 8, NULL, &m), 1);
    CHECK_SPAN(m, 3, 7, 0);
    ferrex_regex_free(a);
    CHECK_EQ(ferrex_options_set_dfa_cache_capacity(opts, (size_t)64 << 20), FERREX_OK);
    a = compile("[a-z]+[0-9]", 0, opts);
    CHECK_EQ(find(a, "!! abc9 ", 8, NULL, &m), 1);
    CHECK_SPAN(m, 3, 7, 0);
    ferrex_regex_free(a);

    /* match kind */
    CHECK_EQ(ferrex_options_set_match_kind(opts, FERREX_MATCH_KIND_ALL), FERREX_OK);
    a = compile("a|ab", 0, opts);
    CHECK_EQ(find(a, "ab", 2, NULL, &m), 1);
    CHECK_SPAN(m, 0, 2, 0);
    ferrex_regex_free(a);
    CHECK_EQ(ferrex_options_set_match_kind(opts, FERREX_MATCH_KIND_LEFTMOST_FIRST), FERREX_OK);

    /* options are copied: changing or freeing them later changes nothing */
    a = compile("a|ab", 0, opts);
    CHECK_EQ(ferrex_options_set_match_kind(opts, FERREX_MATCH_KIND_ALL), FERREX_OK);
    CHECK_EQ(ferrex_options_set_nfa_size_limit(opts, 1), FERREX_OK);
    ferrex_options_free(opts);
    CHECK_EQ(find(a, "ab", 2, NULL, &m), 1);
    CHECK_SPAN(m, 0, 1, 0);
    ferrex_regex_free(a);

    free(p250);
    free(p251);
}

/* ---------------------------------------------------------------- compile */

static void test_compile(void) {
    static const char *const pats[] = {"[0-9]+", "[a-z]+", "@"};
    ferrex_regex *re;
    ferrex_error *err = NULL;
    ferrex_match m = no_match();
    size_t count = 99;
    uint8_t set[4];

    /* one pattern */
    re = compile("b+", 0, NULL);
    CHECK_EQ(ferrex_regex_pattern_count(re, &count), FERREX_OK);
    CHECK_EQ_U(count, 1);
    CHECK_EQ(find(re, "abbbc", 5, NULL, &m), 1);
    CHECK_SPAN(m, 1, 4, 0);
    ferrex_regex_free(re);

    /* a pattern with an embedded NUL, passed by length */
    re = NULL;
    CHECK_EQ(ferrex_regex_new(&re, LIT("a\0b"), 0, NULL, NULL), FERREX_OK);
    CHECK_EQ(find(re, "xa\0b", 4, NULL, &m), 1);
    CHECK_SPAN(m, 1, 4, 0);
    CHECK_EQ(find(re, "xab", 3, NULL, &m), 0);
    ferrex_regex_free(re);

    /* the empty pattern from (NULL, 0): matches the empty string at 0 */
    re = NULL;
    err = (ferrex_error *)(void *)&count; /* must be overwritten with NULL */
    CHECK_EQ(ferrex_regex_new(&re, NULL, 0, 0, NULL, &err), FERREX_OK);
    CHECK(err == NULL);
    CHECK(re != NULL);
    CHECK_EQ(find(re, "xyz", 3, NULL, &m), 1);
    CHECK_SPAN(m, 0, 0, 0);
    CHECK_EQ(find(re, NULL, 0, NULL, &m), 1);
    CHECK_SPAN(m, 0, 0, 0);
    ferrex_regex_free(re);

    /* several patterns: every match names its pattern */
    re = compile_many(pats, 3, 0, NULL);
    CHECK_EQ(ferrex_regex_pattern_count(re, &count), FERREX_OK);
    CHECK_EQ_U(count, 3);
    CHECK_EQ(find(re, "  42", 4, NULL, &m), 1);
    CHECK_SPAN(m, 2, 4, 0);
    CHECK_EQ(find(re, "  abc", 5, NULL, &m), 1);
    CHECK_SPAN(m, 2, 5, 1);
    CHECK_EQ(find(re, "  @", 3, NULL, &m), 1);
    CHECK_SPAN(m, 2, 3, 2);
    CHECK_EQ(find(re, "  !", 3, NULL, &m), 0);
    ferrex_regex_free(re);

    /* zero patterns (NULL arrays): a regex that never matches */
    re = NULL;
    CHECK_EQ(ferrex_regex_new_many(&re, NULL, NULL, 0, 0, NULL, &err), FERREX_OK);
    CHECK(err == NULL);
    CHECK(re != NULL);
    CHECK_EQ(ferrex_regex_pattern_count(re, &count), FERREX_OK);
    CHECK_EQ_U(count, 0);
    CHECK_EQ(is_match(re, "abc", 3, NULL), 0);
    CHECK_EQ(is_match(re, NULL, 0, NULL), 0);
    CHECK_EQ(find(re, "abc", 3, NULL, &m), 0);
    CHECK_EQ(ferrex_regex_which_matches(re, NULL, LIT("abc"), NULL, NULL, 0), 0);
    CHECK_EQ_U(collect(re, "abc", 3, NULL, &m, 1), 0);
    ferrex_regex_free(re);

    /* new_many with one NULL, empty pattern */
    {
        const uint8_t *ptrs[2] = {(const uint8_t *)"z", NULL};
        size_t lens[2] = {1, 0};
        re = NULL;
        CHECK_EQ(ferrex_regex_new_many(&re, ptrs, lens, 2, 0, NULL, NULL), FERREX_OK);
        CHECK_EQ(find(re, "az", 2, NULL, &m), 1);
        CHECK_SPAN(m, 0, 0, 1);
        memset(set, 0, sizeof set);
        CHECK_EQ(which(re, "az", 2, NULL, set, 2), 1);
        CHECK_EQ(set[0], 1);
        CHECK_EQ(set[1], 1);
        ferrex_regex_free(re);
    }
}

/* ---------------------------------------------------------------- flags */

/* find with `pattern` compiled with `flags`; returns the result, span in *m. */
static int find_with(const char *pattern, uint32_t flags, const void *hay, size_t len, ferrex_match *m) {
    ferrex_regex *re = compile(pattern, flags, NULL);
    int r;
    *m = no_match();
    if (re == NULL)
        return -100;
    r = find(re, hay, len, NULL, m);
    ferrex_regex_free(re);
    return r;
}

static void test_flags(void) {
    ferrex_match m = no_match();
    ferrex_regex *re;
    ferrex_match spans[8];

    /* CASE_INSENSITIVE */
    CHECK_EQ(find_with("hello", 0, "say HeLLo", 9, &m), 0);
    CHECK_EQ(find_with("hello", FERREX_FLAG_CASE_INSENSITIVE, "say HeLLo", 9, &m), 1);
    CHECK_SPAN(m, 4, 9, 0);
    /* Unicode simple case folding: K matches KELVIN SIGN (U+212A) */
    CHECK_EQ(find_with("k", FERREX_FLAG_CASE_INSENSITIVE, "\xE2\x84\xAA", 3, &m), 1);
    CHECK_SPAN(m, 0, 3, 0);

    /* MULTI_LINE */
    CHECK_EQ(find_with("^b$", 0, "a\nb\nc", 5, &m), 0);
    CHECK_EQ(find_with("^b$", FERREX_FLAG_MULTI_LINE, "a\nb\nc", 5, &m), 1);
    CHECK_SPAN(m, 2, 3, 0);

    /* DOT_MATCHES_NEW_LINE */
    CHECK_EQ(find_with("a.b", 0, "a\nb", 3, &m), 0);
    CHECK_EQ(find_with("a.b", FERREX_FLAG_DOT_MATCHES_NEW_LINE, "a\nb", 3, &m), 1);
    CHECK_SPAN(m, 0, 3, 0);

    /* SWAP_GREED */
    CHECK_EQ(find_with("a+", 0, "aaa", 3, &m), 1);
    CHECK_SPAN(m, 0, 3, 0);
    CHECK_EQ(find_with("a+", FERREX_FLAG_SWAP_GREED, "aaa", 3, &m), 1);
    CHECK_SPAN(m, 0, 1, 0);
    CHECK_EQ(find_with("a+?", FERREX_FLAG_SWAP_GREED, "aaa", 3, &m), 1);
    CHECK_SPAN(m, 0, 3, 0);

    /* IGNORE_WHITESPACE */
    CHECK_EQ(find_with("a b", 0, "ab a b", 6, &m), 1);
    CHECK_SPAN(m, 3, 6, 0);
    CHECK_EQ(find_with("a b  # a comment", FERREX_FLAG_IGNORE_WHITESPACE, "ab a b", 6, &m), 1);
    CHECK_SPAN(m, 0, 2, 0);

    /* NO_UNICODE: \w, \d and case folding become ASCII-only */
    CHECK_EQ(find_with("\\w+", 0, "\xC3\xA9" "1", 3, &m), 1); /* "é1" */
    CHECK_SPAN(m, 0, 3, 0);
    CHECK_EQ(find_with("\\w+", FERREX_FLAG_NO_UNICODE, "\xC3\xA9" "1", 3, &m), 1);
    CHECK_SPAN(m, 2, 3, 0);
    CHECK_EQ(find_with("\\d", 0, "\xD9\xA3", 2, &m), 1); /* ARABIC-INDIC DIGIT THREE */
    CHECK_SPAN(m, 0, 2, 0);
    CHECK_EQ(find_with("\\d", FERREX_FLAG_NO_UNICODE, "\xD9\xA3", 2, &m), 0);
    CHECK_EQ(find_with("k", FERREX_FLAG_CASE_INSENSITIVE | FERREX_FLAG_NO_UNICODE, "\xE2\x84\xAA", 3, &m), 0);
    CHECK_EQ(find_with("k", FERREX_FLAG_CASE_INSENSITIVE | FERREX_FLAG_NO_UNICODE, "K", 1, &m), 1);
    CHECK_SPAN(m, 0, 1, 0);

    /* NO_UTF8: patterns may match invalid UTF-8 */
    CHECK_EQ(try_compile("(?-u:\\xFF)", 0, NULL), FERREX_ERR_SYNTAX);
    CHECK_EQ(find_with("(?-u:\\xFF)", FERREX_FLAG_NO_UTF8, "a\xFF" "b", 3, &m), 1);
    CHECK_SPAN(m, 1, 2, 0);
    CHECK_EQ(find_with("(?-u:[\\x80-\\xFF]+)", FERREX_FLAG_NO_UTF8, "a\xFF\xFE" "b", 4, &m), 1);
    CHECK_SPAN(m, 1, 3, 0);
    CHECK_EQ(find_with("(?-u:\\xFF)", FERREX_FLAG_NO_UTF8, "abc", 3, &m), 0);
    /* and empty matches may split a codepoint: "" over a snowman (3 bytes) */
    re = compile("", 0, NULL);
    CHECK_EQ_U(collect(re, "\xE2\x98\x83", 3, NULL, spans, 8), 2);
    CHECK_SPAN(spans[0], 0, 0, 0);
    CHECK_SPAN(spans[1], 3, 3, 0);
    ferrex_regex_free(re);
    re = compile("", FERREX_FLAG_NO_UTF8, NULL);
    CHECK_EQ_U(collect(re, "\xE2\x98\x83", 3, NULL, spans, 8), 4);
    CHECK_SPAN(spans[0], 0, 0, 0);
    CHECK_SPAN(spans[1], 1, 1, 0);
    CHECK_SPAN(spans[2], 2, 2, 0);
    CHECK_SPAN(spans[3], 3, 3, 0);
    ferrex_regex_free(re);
    /* same for an explicit empty-matching pattern found after the start */
    {
        ferrex_search s = search_of(1, 3, 0, 0);
        CHECK_EQ(find_with("", 0, "\xE2\x98\x83", 3, &m), 1);
        CHECK_SPAN(m, 0, 0, 0);
        re = compile("", 0, NULL);
        CHECK_EQ(find(re, "\xE2\x98\x83", 3, &s, &m), 1);
        CHECK_SPAN(m, 3, 3, 0);
        ferrex_regex_free(re);
        re = compile("", FERREX_FLAG_NO_UTF8, NULL);
        CHECK_EQ(find(re, "\xE2\x98\x83", 3, &s, &m), 1);
        CHECK_SPAN(m, 1, 1, 0);
        ferrex_regex_free(re);
    }

    /* CRLF: \r\n ends a line for ^/$ in multi-line mode; . skips \r */
    CHECK_EQ(find_with("^a$", FERREX_FLAG_MULTI_LINE, "a\r\nb", 4, &m), 0);
    CHECK_EQ(find_with("^a$", FERREX_FLAG_MULTI_LINE | FERREX_FLAG_CRLF, "a\r\nb", 4, &m), 1);
    CHECK_SPAN(m, 0, 1, 0);
    CHECK_EQ(find_with("^b$", FERREX_FLAG_MULTI_LINE | FERREX_FLAG_CRLF, "a\r\nb", 4, &m), 1);
    CHECK_SPAN(m, 3, 4, 0);
    CHECK_EQ(find_with("a.", FERREX_FLAG_MULTI_LINE, "a\r", 2, &m), 1);
    CHECK_SPAN(m, 0, 2, 0);
    CHECK_EQ(find_with("a.", FERREX_FLAG_MULTI_LINE | FERREX_FLAG_CRLF, "a\r", 2, &m), 0);

    /* flags combine */
    CHECK_EQ(find_with("^B.C$", FERREX_FLAG_CASE_INSENSITIVE | FERREX_FLAG_MULTI_LINE | FERREX_FLAG_DOT_MATCHES_NEW_LINE,
                       "a\nb\nc\nd", 7, &m),
             1);
    CHECK_SPAN(m, 2, 5, 0);
}

/* ---------------------------------------------------------------- match kinds */

static void test_match_kinds(void) {
    static const char *const pats[] = {"a", "ab"};
    ferrex_options *opts = NULL;
    ferrex_regex *lf, *all;
    ferrex_match m = no_match();
    uint8_t set[2];

    CHECK_EQ(ferrex_options_new(&opts, NULL), FERREX_OK);
    lf = compile_many(pats, 2, 0, opts);
    CHECK_EQ(ferrex_options_set_match_kind(opts, FERREX_MATCH_KIND_ALL), FERREX_OK);
    all = compile_many(pats, 2, 0, opts);

    /* leftmost-first: the first pattern wins a tie at the same start */
    CHECK_EQ(find(lf, "xab", 3, NULL, &m), 1);
    CHECK_SPAN(m, 1, 2, 0);
    /* all: the match that ends last (here also the longest) */
    CHECK_EQ(find(all, "xab", 3, NULL, &m), 1);
    CHECK_SPAN(m, 1, 3, 1);
    /* all scans the whole span: a later match ends last and is the one found */
    CHECK_EQ(find(lf, "ab a", 4, NULL, &m), 1);
    CHECK_SPAN(m, 0, 1, 0);
    CHECK_EQ(find(all, "ab a", 4, NULL, &m), 1);
    CHECK_SPAN(m, 3, 4, 0);

    /* set queries report every matching pattern in both kinds */
    memset(set, 0, sizeof set);
    CHECK_EQ(which(lf, "xab", 3, NULL, set, 2), 1);
    CHECK_EQ(set[0], 1);
    CHECK_EQ(set[1], 1);
    memset(set, 0, sizeof set);
    CHECK_EQ(which(all, "xab", 3, NULL, set, 2), 1);
    CHECK_EQ(set[0], 1);
    CHECK_EQ(set[1], 1);
    memset(set, 9, sizeof set);
    CHECK_EQ(which(all, "xa", 2, NULL, set, 2), 1);
    CHECK_EQ(set[0], 1);
    CHECK_EQ(set[1], 0);
    ferrex_regex_free(lf);
    ferrex_regex_free(all);

    /* a single pattern */
    lf = compile("a|ab", 0, NULL);
    all = compile("a|ab", 0, opts);
    CHECK_EQ(find(lf, "ab a", 4, NULL, &m), 1);
    CHECK_SPAN(m, 0, 1, 0);
    CHECK_EQ(find(all, "ab a", 4, NULL, &m), 1);
    CHECK_SPAN(m, 3, 4, 0);
    /* with bounds that end before it, the earlier match is the last one */
    {
        ferrex_search first = {0, 2, 0, 0};
        CHECK_EQ(find(all, "ab a", 4, &first, &m), 1);
        CHECK_SPAN(m, 0, 2, 0);
    }
    /* iteration: leftmost-first yields every non-overlapping match; all
     * yields the one that ends last, after which nothing remains */
    {
        ferrex_match spans[4];
        CHECK_EQ_U(collect(lf, "ab a", 4, NULL, spans, 4), 2);
        CHECK_SPAN(spans[0], 0, 1, 0);
        CHECK_SPAN(spans[1], 3, 4, 0);
        CHECK_EQ_U(collect(all, "ab a", 4, NULL, spans, 4), 1);
        CHECK_SPAN(spans[0], 3, 4, 0);
    }
    ferrex_regex_free(lf);
    ferrex_regex_free(all);
    ferrex_options_free(opts);
}

/* ---------------------------------------------------------------- searches */

static void test_searches(void) {
    static const char *const pats[] = {"a", "b", "ab", "z"};
    ferrex_regex *re;
    ferrex_match m = no_match();
    ferrex_search s;
    ferrex_captures *caps = NULL;
    uint8_t set[6];

    /* NULL search: whole haystack, unanchored */
    re = compile("[0-9]+", 0, NULL);
    CHECK_EQ(is_match(re, "ab 123 c", 8, NULL), 1);
    CHECK_EQ(is_match(re, "ab c", 4, NULL), 0);
    CHECK_EQ(is_match(re, NULL, 0, NULL), 0);
    CHECK_EQ(find(re, "ab 123 c", 8, NULL, &m), 1);
    CHECK_SPAN(m, 3, 6, 0);

    /* bounds */
    s = search_of(4, 8, 0, 0);
    CHECK_EQ(find(re, "ab 123 c", 8, &s, &m), 1);
    CHECK_SPAN(m, 4, 6, 0);
    s = search_of(0, 4, 0, 0);
    CHECK_EQ(find(re, "ab 123 c", 8, &s, &m), 1);
    CHECK_SPAN(m, 3, 4, 0);
    s = search_of(6, 8, 0, 0);
    CHECK_EQ(find(re, "ab 123 c", 8, &s, &m), 0);
    CHECK_EQ(is_match(re, "ab 123 c", 8, &s), 0);
    s = search_of(8, 8, 0, 0);
    CHECK_EQ(find(re, "ab 123 c", 8, &s, &m), 0);

    /* anchored */
    s = search_of(0, 8, FERREX_SEARCH_ANCHORED, 0);
    CHECK_EQ(find(re, "ab 123 c", 8, &s, &m), 0);
    CHECK_EQ(is_match(re, "ab 123 c", 8, &s), 0);
    s = search_of(3, 8, FERREX_SEARCH_ANCHORED, 0);
    CHECK_EQ(find(re, "ab 123 c", 8, &s, &m), 1);
    CHECK_SPAN(m, 3, 6, 0);
    s = search_of(4, 8, FERREX_SEARCH_ANCHORED, 0);
    CHECK_EQ(find(re, "ab 123 c", 8, &s, &m), 1);
    CHECK_SPAN(m, 4, 6, 0);

    /* earliest: stops at the first certain match end */
    s = search_of(0, 8, FERREX_SEARCH_EARLIEST, 0);
    CHECK_EQ(find(re, "ab 123 c", 8, &s, &m), 1);
    CHECK_SPAN(m, 3, 4, 0);
    CHECK_EQ(is_match(re, "ab 123 c", 8, &s), 1);
    s = search_of(0, 8, FERREX_SEARCH_EARLIEST | FERREX_SEARCH_ANCHORED, 0);
    CHECK_EQ(find(re, "ab 123 c", 8, &s, &m), 0);
    s = search_of(3, 8, FERREX_SEARCH_EARLIEST | FERREX_SEARCH_ANCHORED, 0);
    CHECK_EQ(find(re, "ab 123 c", 8, &s, &m), 1);
    CHECK_SPAN(m, 3, 4, 0);
    ferrex_regex_free(re);

    /* look-around sees the bytes outside the bounds */
    re = compile("\\bcat\\b", 0, NULL);
    s = search_of(3, 6, 0, 0);
    CHECK_EQ(is_match(re, "concat", 6, &s), 0);
    CHECK_EQ(find(re, "concat", 6, &s, &m), 0);
    CHECK_EQ(is_match(re, &"concat"[3], 3, NULL), 1); /* the sub-slice matches */
    CHECK_EQ(find(re, &"concat"[3], 3, NULL, &m), 1);
    CHECK_SPAN(m, 0, 3, 0);
    CHECK_EQ(find(re, "con cat", 7, NULL, &m), 1);
    CHECK_SPAN(m, 4, 7, 0);
    s = search_of(4, 7, 0, 0);
    CHECK_EQ(find(re, "con cat", 7, &s, &m), 1);
    CHECK_SPAN(m, 4, 7, 0);
    /* cat followed by a word byte outside the end bound */
    s = search_of(0, 7, 0, 0);
    CHECK_EQ(find(re, "con catx", 8, &s, &m), 0);
    CHECK_EQ_U(ferrex_captures_new(&caps, re, NULL), FERREX_OK);
    s = search_of(3, 6, 0, 0);
    CHECK_EQ(captures(re, "concat", 6, &s, caps), 0);
    ferrex_captures_free(caps);
    caps = NULL;
    memset(set, 0, sizeof set);
    CHECK_EQ(which(re, "concat", 6, &s, set, 1), 0);
    CHECK_EQ(set[0], 0);
    ferrex_regex_free(re);
    re = compile("^b", 0, NULL);
    s = search_of(1, 2, 0, 0);
    CHECK_EQ(is_match(re, "ab", 2, &s), 0);
    CHECK_EQ(is_match(re, "b", 1, NULL), 1);
    ferrex_regex_free(re);
    re = compile("a$", 0, NULL);
    s = search_of(0, 1, 0, 0);
    CHECK_EQ(is_match(re, "ab", 2, &s), 0);
    CHECK_EQ(is_match(re, "a", 1, NULL), 1);
    ferrex_regex_free(re);

    /* several patterns: anchoring to one pattern */
    re = compile_many(pats, 4, 0, NULL);
    CHECK_EQ(find(re, "xab", 3, NULL, &m), 1);
    CHECK_SPAN(m, 1, 2, 0); /* leftmost-first: "a" before "ab" */
    s = search_of(1, 3, FERREX_SEARCH_ANCHOR_PATTERN, 2);
    CHECK_EQ(find(re, "xab", 3, &s, &m), 1);
    CHECK_SPAN(m, 1, 3, 2);
    CHECK_EQ(is_match(re, "xab", 3, &s), 1);
    s = search_of(1, 3, FERREX_SEARCH_ANCHOR_PATTERN, 1);
    CHECK_EQ(find(re, "xab", 3, &s, &m), 0);
    CHECK_EQ(is_match(re, "xab", 3, &s), 0);
    s = search_of(2, 3, FERREX_SEARCH_ANCHOR_PATTERN, 1);
    CHECK_EQ(find(re, "xab", 3, &s, &m), 1);
    CHECK_SPAN(m, 2, 3, 1);
    s = search_of(0, 3, FERREX_SEARCH_ANCHOR_PATTERN, 0);
    CHECK_EQ(find(re, "xab", 3, &s, &m), 0);
    s = search_of(0, 3, FERREX_SEARCH_ANCHOR_PATTERN, 3);
    CHECK_EQ(find(re, "zab", 3, &s, &m), 1);
    CHECK_SPAN(m, 0, 1, 3);
    /* ANCHOR_PATTERN together with ANCHORED is still anchored to the pattern */
    s = search_of(1, 3, FERREX_SEARCH_ANCHOR_PATTERN | FERREX_SEARCH_ANCHORED, 2);
    CHECK_EQ(find(re, "xab", 3, &s, &m), 1);
    CHECK_SPAN(m, 1, 3, 2);
    /* plain anchoring: any pattern, at start */
    s = search_of(2, 3, FERREX_SEARCH_ANCHORED, 0);
    CHECK_EQ(find(re, "xab", 3, &s, &m), 1);
    CHECK_SPAN(m, 2, 3, 1);

    /* which_matches: every pattern that matches anywhere (overlapping) */
    memset(set, 0xAA, sizeof set);
    CHECK_EQ(which(re, "xab", 3, NULL, set, 6), 1);
    CHECK_EQ(set[0], 1);
    CHECK_EQ(set[1], 1);
    CHECK_EQ(set[2], 1);
    CHECK_EQ(set[3], 0);
    CHECK_EQ(set[4], 0xAA); /* past the pattern count: untouched */
    CHECK_EQ(set[5], 0xAA);
    CHECK_WHICH(re, "zzz", 3, NULL, 1, "0001");
    CHECK_WHICH(re, "xyw", 3, NULL, 0, "0000");
    CHECK_EQ(which(re, NULL, 0, NULL, set, 4), 0);
    /* ... within bounds */
    s = search_of(2, 3, 0, 0);
    CHECK_WHICH(re, "xab", 3, &s, 1, "0100");
    /* ... anchored */
    s = search_of(0, 2, FERREX_SEARCH_ANCHORED, 0);
    CHECK_WHICH(re, "abz", 3, &s, 1, "1010");
    /* ... anchored to one pattern */
    s = search_of(1, 3, FERREX_SEARCH_ANCHOR_PATTERN, 1);
    CHECK_WHICH(re, "xab", 3, &s, 0, "0000"); /* "b" does not start at 1 */
    s = search_of(1, 3, FERREX_SEARCH_ANCHOR_PATTERN, 2);
    CHECK_WHICH(re, "xab", 3, &s, 1, "0010"); /* only "ab", though "a" matches at 1 too */
    s = search_of(2, 3, FERREX_SEARCH_ANCHOR_PATTERN, 1);
    CHECK_WHICH(re, "xab", 3, &s, 1, "0100");
    /* ... EARLIEST has no effect */
    s = search_of(0, 3, FERREX_SEARCH_EARLIEST, 0);
    CHECK_WHICH(re, "xab", 3, &s, 1, "1110");
    ferrex_regex_free(re);

    /* which_matches with a single pattern */
    re = compile("o+", 0, NULL);
    memset(set, 0xAA, sizeof set);
    CHECK_EQ(which(re, "foo", 3, NULL, set, 2), 1);
    CHECK_EQ(set[0], 1);
    CHECK_EQ(set[1], 0xAA);
    CHECK_EQ(which(re, "bar", 3, NULL, set, 1), 0);
    CHECK_EQ(set[0], 0);
    ferrex_regex_free(re);

    /* earliest with several patterns and a longer leftmost-first match */
    re = compile("[a-z]+@[a-z]+", 0, NULL);
    CHECK_EQ(find(re, "to: bob@example now", 19, NULL, &m), 1);
    CHECK_SPAN(m, 4, 15, 0);
    s = search_of(0, 19, FERREX_SEARCH_EARLIEST, 0);
    CHECK_EQ(find(re, "to: bob@example now", 19, &s, &m), 1);
    CHECK(m.start >= 4 && m.start <= 6);
    CHECK_EQ_U(m.end, 9);
    CHECK_EQ_U(m.pattern, 0);
    ferrex_regex_free(re);

    /* the same regex and cache serve many searches */
    {
        ferrex_cache *cache = NULL;
        int i, hits = 0;
        re = compile("x[0-9]", 0, NULL);
        CHECK_EQ(ferrex_cache_new(&cache, re, NULL), FERREX_OK);
        for (i = 0; i < 100; i++) {
            char hay[8];
            snprintf(hay, sizeof hay, "%cx%d", i % 2 ? 'a' : 'b', i % 10);
            hits += ferrex_regex_is_match(re, cache, (const uint8_t *)hay, strlen(hay), NULL);
            CHECK_EQ(ferrex_regex_find(re, cache, (const uint8_t *)hay, strlen(hay), NULL, &m), 1);
            CHECK_SPAN(m, 1, 3, 0);
        }
        CHECK_EQ(hits, 100);
        ferrex_cache_free(cache);
        ferrex_regex_free(re);
    }
}

/* ---------------------------------------------------------------- captures */

static void check_group_name(const ferrex_regex *re, size_t pattern, size_t group, const char *want) {
    const uint8_t *name = (const uint8_t *)"junk";
    size_t len = 99;
    int r = ferrex_regex_group_name(re, pattern, group, &name, &len);
    if (want == NULL) {
        CHECK_EQ(r, 0);
        CHECK(name == NULL);
        CHECK_EQ_U(len, 0);
    } else {
        CHECK_EQ(r, 1);
        CHECK_MEM(name, len, want, strlen(want));
    }
}

static void test_captures(void) {
    static const char *const pats[] = {"(a)(b)?", "(?<x>c)(?P<y>d)?", "e"};
    ferrex_regex *re;
    ferrex_captures *caps = NULL;
    ferrex_error *err = NULL;
    ferrex_match g = no_match();
    size_t n = 99, idx = 99;
    ferrex_search s;
    const char *hay = "on 2024-05, 2025-06-07";

    re = compile("(?<year>[0-9]{4})-([0-9]{2})(?:-(?<day>[0-9]{2}))?", 0, NULL);
    CHECK_EQ(ferrex_regex_group_count(re, 0, &n), FERREX_OK);
    CHECK_EQ_U(n, 4);
    check_group_name(re, 0, 0, NULL);
    check_group_name(re, 0, 1, "year");
    check_group_name(re, 0, 2, NULL);
    check_group_name(re, 0, 3, "day");
    CHECK_EQ(ferrex_regex_group_index(re, 0, LIT("year"), &idx), 1);
    CHECK_EQ_U(idx, 1);
    CHECK_EQ(ferrex_regex_group_index(re, 0, LIT("day"), &idx), 1);
    CHECK_EQ_U(idx, 3);
    idx = 99;
    CHECK_EQ(ferrex_regex_group_index(re, 0, LIT("month"), &idx), 0);
    CHECK_EQ(ferrex_regex_group_index(re, 0, LIT("yea"), &idx), 0);
    CHECK_EQ(ferrex_regex_group_index(re, 0, NULL, 0, &idx), 0);
    CHECK_EQ_U(idx, 99);

    err = (ferrex_error *)(void *)&n;
    CHECK_EQ(ferrex_captures_new(&caps, re, &err), FERREX_OK);
    CHECK(err == NULL);
    /* fresh: no match yet */
    CHECK_EQ(ferrex_captures_pattern(caps, &n), 0);
    CHECK_EQ(ferrex_captures_group_count(caps, &n), 0);
    CHECK_EQ(ferrex_captures_group(caps, 0, &g), 0);
    CHECK_SPAN(g, 777, 888, 999);

    /* first match: the optional day group does not take part */
    CHECK_EQ(captures(re, hay, strlen(hay), NULL, caps), 1);
    CHECK_EQ(ferrex_captures_pattern(caps, &n), 1);
    CHECK_EQ_U(n, 0);
    CHECK_EQ(ferrex_captures_group_count(caps, &n), 1);
    CHECK_EQ_U(n, 4);
    CHECK_EQ(ferrex_captures_group(caps, 0, &g), 1);
    CHECK_SPAN(g, 3, 10, 0);
    CHECK_EQ(ferrex_captures_group(caps, 1, &g), 1);
    CHECK_SPAN(g, 3, 7, 0);
    CHECK_EQ(ferrex_captures_group(caps, 2, &g), 1);
    CHECK_SPAN(g, 8, 10, 0);
    g = no_match();
    CHECK_EQ(ferrex_captures_group(caps, 3, &g), 0);
    CHECK_SPAN(g, 777, 888, 999); /* unchanged */
    CHECK_EQ(ferrex_captures_group_by_name(caps, LIT("year"), &g), 1);
    CHECK_SPAN(g, 3, 7, 0);
    g = no_match();
    CHECK_EQ(ferrex_captures_group_by_name(caps, LIT("day"), &g), 0);
    CHECK_SPAN(g, 777, 888, 999);

    /* every group in one call: the day group is FERREX_UNSET */
    {
        ferrex_match spans[5];
        n = 0;
        CHECK_EQ(ferrex_captures_spans(caps, spans, 5, &n), 1);
        CHECK_EQ_U(n, 4);
        CHECK_SPAN(spans[0], 3, 10, 0);
        CHECK_SPAN(spans[1], 3, 7, 0);
        CHECK_SPAN(spans[2], 8, 10, 0);
        CHECK_SPAN(spans[3], FERREX_UNSET, FERREX_UNSET, FERREX_UNSET);
    }

    /* bounded: the second date, where every group takes part */
    s = search_of(10, strlen(hay), 0, 0);
    CHECK_EQ(captures(re, hay, strlen(hay), &s, caps), 1);
    CHECK_EQ(ferrex_captures_group(caps, 0, &g), 1);
    CHECK_SPAN(g, 12, 22, 0);
    CHECK_EQ(ferrex_captures_group(caps, 1, &g), 1);
    CHECK_SPAN(g, 12, 16, 0);
    CHECK_EQ(ferrex_captures_group(caps, 2, &g), 1);
    CHECK_SPAN(g, 17, 19, 0);
    CHECK_EQ(ferrex_captures_group(caps, 3, &g), 1);
    CHECK_SPAN(g, 20, 22, 0);
    CHECK_EQ(ferrex_captures_group_by_name(caps, LIT("day"), &g), 1);
    CHECK_SPAN(g, 20, 22, 0);

    /* anchored: no date starts at 0 */
    s = search_of(0, strlen(hay), FERREX_SEARCH_ANCHORED, 0);
    CHECK_EQ(captures(re, hay, strlen(hay), &s, caps), 0);
    CHECK_EQ(ferrex_captures_pattern(caps, &n), 0);
    CHECK_EQ(ferrex_captures_group_count(caps, &n), 0);
    g = no_match();
    CHECK_EQ(ferrex_captures_group(caps, 0, &g), 0);
    CHECK_EQ(ferrex_captures_group_by_name(caps, LIT("year"), &g), 0);
    CHECK_SPAN(g, 777, 888, 999);
    s = search_of(12, strlen(hay), FERREX_SEARCH_ANCHORED, 0);
    CHECK_EQ(captures(re, hay, strlen(hay), &s, caps), 1);
    CHECK_EQ(ferrex_captures_group(caps, 0, &g), 1);
    CHECK_SPAN(g, 12, 22, 0);

    /* no match anywhere: captures report no match */
    CHECK_EQ(captures(re, "no dates", 8, NULL, caps), 0);
    CHECK_EQ(ferrex_captures_pattern(caps, &n), 0);
    {
        ferrex_match spans[4];
        n = 9;
        CHECK_EQ(ferrex_captures_spans(caps, spans, 4, &n), 0);
        CHECK_EQ_U(n, 0);
    }
    ferrex_captures_free(caps);
    ferrex_regex_free(re);

    /* several patterns: groups are per pattern */
    re = compile_many(pats, 3, 0, NULL);
    CHECK_EQ(ferrex_regex_group_count(re, 0, &n), FERREX_OK);
    CHECK_EQ_U(n, 3);
    CHECK_EQ(ferrex_regex_group_count(re, 1, &n), FERREX_OK);
    CHECK_EQ_U(n, 3);
    CHECK_EQ(ferrex_regex_group_count(re, 2, &n), FERREX_OK);
    CHECK_EQ_U(n, 1);
    check_group_name(re, 0, 1, NULL);
    check_group_name(re, 1, 1, "x");
    check_group_name(re, 1, 2, "y");
    check_group_name(re, 2, 0, NULL);
    CHECK_EQ(ferrex_regex_group_index(re, 1, LIT("y"), &idx), 1);
    CHECK_EQ_U(idx, 2);
    CHECK_EQ(ferrex_regex_group_index(re, 0, LIT("y"), &idx), 0);
    CHECK_EQ(ferrex_captures_new(&caps, re, NULL), FERREX_OK);
    CHECK_EQ(captures(re, "zzcd", 4, NULL, caps), 1);
    CHECK_EQ(ferrex_captures_pattern(caps, &n), 1);
    CHECK_EQ_U(n, 1);
    CHECK_EQ(ferrex_captures_group_count(caps, &n), 1);
    CHECK_EQ_U(n, 3);
    CHECK_EQ(ferrex_captures_group(caps, 0, &g), 1);
    CHECK_SPAN(g, 2, 4, 1);
    CHECK_EQ(ferrex_captures_group_by_name(caps, LIT("x"), &g), 1);
    CHECK_SPAN(g, 2, 3, 1);
    CHECK_EQ(ferrex_captures_group_by_name(caps, LIT("y"), &g), 1);
    CHECK_SPAN(g, 3, 4, 1);
    CHECK_EQ(captures(re, "za", 2, NULL, caps), 1);
    CHECK_EQ(ferrex_captures_pattern(caps, &n), 1);
    CHECK_EQ_U(n, 0);
    CHECK_EQ(ferrex_captures_group(caps, 1, &g), 1);
    CHECK_SPAN(g, 1, 2, 0);
    g = no_match();
    CHECK_EQ(ferrex_captures_group(caps, 2, &g), 0);
    CHECK_SPAN(g, 777, 888, 999);
    CHECK_EQ(captures(re, "xe", 2, NULL, caps), 1);
    CHECK_EQ(ferrex_captures_group_count(caps, &n), 1);
    CHECK_EQ_U(n, 1);
    CHECK_EQ(ferrex_captures_group(caps, 0, &g), 1);
    CHECK_SPAN(g, 1, 2, 2);
    /* anchored to pattern 1 */
    s = search_of(0, 4, FERREX_SEARCH_ANCHOR_PATTERN, 1);
    CHECK_EQ(captures(re, "abcd", 4, &s, caps), 0);
    s = search_of(2, 4, FERREX_SEARCH_ANCHOR_PATTERN, 1);
    CHECK_EQ(captures(re, "abcd", 4, &s, caps), 1);
    CHECK_EQ(ferrex_captures_group(caps, 2, &g), 1);
    CHECK_SPAN(g, 3, 4, 1);
    ferrex_captures_free(caps);
    ferrex_regex_free(re);

    /* repeated groups keep their last iteration; nested groups */
    re = compile("((\\w)\\w)+", 0, NULL);
    CHECK_EQ(ferrex_captures_new(&caps, re, NULL), FERREX_OK);
    CHECK_EQ(captures(re, " abcdef ", 8, NULL, caps), 1);
    CHECK_EQ(ferrex_captures_group(caps, 0, &g), 1);
    CHECK_SPAN(g, 1, 7, 0);
    CHECK_EQ(ferrex_captures_group(caps, 1, &g), 1);
    CHECK_SPAN(g, 5, 7, 0);
    CHECK_EQ(ferrex_captures_group(caps, 2, &g), 1);
    CHECK_SPAN(g, 5, 6, 0);
    ferrex_captures_free(caps);
    ferrex_regex_free(re);
}

/* ---------------------------------------------------------------- iteration */

static void test_iter(void) {
    static const char *const pats[] = {"[0-9]+", "[a-z]+"};
    ferrex_regex *re;
    ferrex_iter *it = NULL;
    ferrex_error *err = NULL;
    ferrex_captures *caps = NULL;
    ferrex_match spans[8], m = no_match(), g = no_match();
    ferrex_search s;
    size_t n;

    /* empty matches: a* over "baaab" */
    re = compile("a*", 0, NULL);
    n = collect(re, "baaab", 5, NULL, spans, 8);
    CHECK_EQ_U(n, 3);
    CHECK_SPAN(spans[0], 0, 0, 0);
    CHECK_SPAN(spans[1], 1, 4, 0);
    CHECK_SPAN(spans[2], 5, 5, 0);
    /* over an empty haystack: one empty match */
    n = collect(re, NULL, 0, NULL, spans, 8);
    CHECK_EQ_U(n, 1);
    CHECK_SPAN(spans[0], 0, 0, 0);
    ferrex_regex_free(re);

    /* several patterns */
    re = compile_many(pats, 2, 0, NULL);
    n = collect(re, "ab12cd", 6, NULL, spans, 8);
    CHECK_EQ_U(n, 3);
    CHECK_SPAN(spans[0], 0, 2, 1);
    CHECK_SPAN(spans[1], 2, 4, 0);
    CHECK_SPAN(spans[2], 4, 6, 1);
    /* bounds (matches are clipped to the bounds) */
    s = search_of(1, 5, 0, 0);
    n = collect(re, "ab12cd", 6, &s, spans, 8);
    CHECK_EQ_U(n, 3);
    CHECK_SPAN(spans[0], 1, 2, 1);
    CHECK_SPAN(spans[1], 2, 4, 0);
    CHECK_SPAN(spans[2], 4, 5, 1);
    /* anchored: each match must start where the last ended */
    s = search_of(0, 8, FERREX_SEARCH_ANCHORED, 0);
    n = collect(re, "ab12 cd", 7, NULL, spans, 8);
    CHECK_EQ_U(n, 3);
    n = collect(re, "ab12 cd!", 8, &s, spans, 8);
    CHECK_EQ_U(n, 2);
    CHECK_SPAN(spans[0], 0, 2, 1);
    CHECK_SPAN(spans[1], 2, 4, 0);
    /* anchored with empty matches (the regex crate's rule): after [0,2) the
     * only match starting at 2 is the empty one where the last match ended;
     * it is skipped and the anchored search resumes one byte later, at 3 */
    {
        ferrex_regex *star = compile("a*", 0, NULL);
        s = search_of(0, 4, FERREX_SEARCH_ANCHORED, 0);
        n = collect(star, "aaba", 4, &s, spans, 8);
        CHECK_EQ_U(n, 2);
        CHECK_SPAN(spans[0], 0, 2, 0);
        CHECK_SPAN(spans[1], 3, 4, 0);
        s = search_of(0, 3, FERREX_SEARCH_ANCHORED, 0);
        n = collect(star, "aab", 3, &s, spans, 8);
        CHECK_EQ_U(n, 2);
        CHECK_SPAN(spans[0], 0, 2, 0);
        CHECK_SPAN(spans[1], 3, 3, 0);
        ferrex_regex_free(star);
    }
    /* anchored to one pattern */
    s = search_of(0, 6, FERREX_SEARCH_ANCHOR_PATTERN, 1);
    n = collect(re, "ab12cd", 6, &s, spans, 8);
    CHECK_EQ_U(n, 1);
    CHECK_SPAN(spans[0], 0, 2, 1);

    /* the haystack may move between calls (same bytes, same length) */
    {
        char *copy1 = (char *)malloc(6), *copy2 = (char *)malloc(6);
        CHECK(copy1 != NULL && copy2 != NULL);
        if (copy1 != NULL && copy2 != NULL) {
            memcpy(copy1, "ab12cd", 6);
            memcpy(copy2, "ab12cd", 6);
            CHECK_EQ(ferrex_iter_new(&it, re, 6, NULL, &err), FERREX_OK);
            CHECK(err == NULL);
            CHECK_EQ(ferrex_iter_next(it, (const uint8_t *)copy1, 6, &m), 1);
            CHECK_SPAN(m, 0, 2, 1);
            free(copy1);
            copy1 = NULL;
            CHECK_EQ(ferrex_iter_next(it, (const uint8_t *)copy2, 6, &m), 1);
            CHECK_SPAN(m, 2, 4, 0);
            CHECK_EQ(ferrex_iter_next(it, (const uint8_t *)"ab12cd", 6, &m), 1);
            CHECK_SPAN(m, 4, 6, 1);
            CHECK_EQ(ferrex_iter_next(it, (const uint8_t *)copy2, 6, &m), 0);

            /* reset: a new haystack, whole */
            CHECK_EQ(ferrex_iter_reset(it, 3, NULL), FERREX_OK);
            CHECK_EQ(ferrex_iter_next(it, LIT("7x7"), &m), 1);
            CHECK_SPAN(m, 0, 1, 0);
            /* reset again mid-way, with bounds */
            s = search_of(2, 6, 0, 0);
            CHECK_EQ(ferrex_iter_reset(it, 6, &s), FERREX_OK);
            CHECK_EQ(ferrex_iter_next(it, (const uint8_t *)copy2, 6, &m), 1);
            CHECK_SPAN(m, 2, 4, 0);
            CHECK_EQ(ferrex_iter_next(it, (const uint8_t *)copy2, 6, &m), 1);
            CHECK_SPAN(m, 4, 6, 1);
            CHECK_EQ(ferrex_iter_next(it, (const uint8_t *)copy2, 6, &m), 0);
            /* reset after exhaustion restarts */
            CHECK_EQ(ferrex_iter_reset(it, 6, NULL), FERREX_OK);
            CHECK_EQ(ferrex_iter_next(it, (const uint8_t *)copy2, 6, &m), 1);
            CHECK_SPAN(m, 0, 2, 1);
        }
        free(copy1);
        free(copy2);
    }

    /* the iterator outlives its regex */
    CHECK_EQ(ferrex_iter_reset(it, 5, NULL), FERREX_OK);
    ferrex_regex_free(re);
    CHECK_EQ(ferrex_iter_next(it, LIT("x1 22"), &m), 1);
    CHECK_SPAN(m, 0, 1, 1);
    CHECK_EQ(ferrex_iter_next(it, LIT("x1 22"), &m), 1);
    CHECK_SPAN(m, 1, 2, 0);
    CHECK_EQ(ferrex_iter_next(it, LIT("x1 22"), &m), 1);
    CHECK_SPAN(m, 3, 5, 0);
    CHECK_EQ(ferrex_iter_next(it, LIT("x1 22"), &m), 0);
    ferrex_iter_free(it);
    it = NULL;

    /* iter_next_captures */
    re = compile("([0-9])(x)?", 0, NULL);
    CHECK_EQ(ferrex_captures_new(&caps, re, NULL), FERREX_OK);
    CHECK_EQ(ferrex_iter_new(&it, re, 5, NULL, NULL), FERREX_OK);
    CHECK_EQ(ferrex_iter_next_captures(it, LIT("1x 2!"), caps), 1);
    CHECK_EQ(ferrex_captures_group(caps, 0, &g), 1);
    CHECK_SPAN(g, 0, 2, 0);
    CHECK_EQ(ferrex_captures_group(caps, 1, &g), 1);
    CHECK_SPAN(g, 0, 1, 0);
    CHECK_EQ(ferrex_captures_group(caps, 2, &g), 1);
    CHECK_SPAN(g, 1, 2, 0);
    CHECK_EQ(ferrex_iter_next_captures(it, LIT("1x 2!"), caps), 1);
    CHECK_EQ(ferrex_captures_group(caps, 0, &g), 1);
    CHECK_SPAN(g, 3, 4, 0);
    CHECK_EQ(ferrex_captures_group(caps, 1, &g), 1);
    CHECK_SPAN(g, 3, 4, 0);
    g = no_match();
    CHECK_EQ(ferrex_captures_group(caps, 2, &g), 0);
    CHECK_SPAN(g, 777, 888, 999);
    CHECK_EQ(ferrex_iter_next_captures(it, LIT("1x 2!"), caps), 0);
    CHECK_EQ(ferrex_captures_pattern(caps, &n), 0);
    CHECK_EQ(ferrex_captures_group(caps, 0, &g), 0);
    CHECK_EQ(ferrex_iter_next_captures(it, LIT("1x 2!"), caps), 0);
    /* mixing next and next_captures on one iterator */
    CHECK_EQ(ferrex_iter_reset(it, 6, NULL), FERREX_OK);
    CHECK_EQ(ferrex_iter_next(it, LIT("1 2x 3"), &m), 1);
    CHECK_SPAN(m, 0, 1, 0);
    CHECK_EQ(ferrex_iter_next_captures(it, LIT("1 2x 3"), caps), 1);
    CHECK_EQ(ferrex_captures_group(caps, 2, &g), 1);
    CHECK_SPAN(g, 3, 4, 0);
    CHECK_EQ(ferrex_iter_next(it, LIT("1 2x 3"), &m), 1);
    CHECK_SPAN(m, 5, 6, 0);
    CHECK_EQ(ferrex_iter_next(it, LIT("1 2x 3"), &m), 0);
    ferrex_iter_free(it);
    ferrex_captures_free(caps);
    ferrex_regex_free(re);

    /* iter_next_spans: every group of every match, one call each, the
     * pattern that matched in each span; room is checked before moving */
    {
        static const char *const two[] = {"([0-9])(x)?", "(y)"};
        ferrex_match spans[3];
        re = compile_many(two, 2, 0, NULL);
        CHECK_EQ(ferrex_iter_new(&it, re, 6, NULL, NULL), FERREX_OK);
        n = 0;
        CHECK_EQ(ferrex_iter_next_spans(it, LIT("1x y2!"), spans, 2, &n), FERREX_ERR_BUFFER_TOO_SMALL);
        CHECK_EQ_U(n, 3);
        CHECK_EQ(ferrex_iter_next_spans(it, LIT("1x y2!"), spans, 3, &n), 1);
        CHECK_EQ_U(n, 3);
        CHECK_SPAN(spans[0], 0, 2, 0);
        CHECK_SPAN(spans[1], 0, 1, 0);
        CHECK_SPAN(spans[2], 1, 2, 0);
        CHECK_EQ(ferrex_iter_next_spans(it, LIT("1x y2!"), spans, 3, &n), 1);
        CHECK_EQ_U(n, 2);
        CHECK_SPAN(spans[0], 3, 4, 1);
        CHECK_SPAN(spans[1], 3, 4, 1);
        CHECK_EQ(ferrex_iter_next_spans(it, LIT("1x y2!"), spans, 3, &n), 1);
        CHECK_EQ_U(n, 3);
        CHECK_SPAN(spans[0], 4, 5, 0);
        CHECK_SPAN(spans[2], FERREX_UNSET, FERREX_UNSET, FERREX_UNSET);
        CHECK_EQ(ferrex_iter_next_spans(it, LIT("1x y2!"), spans, 3, &n), 0);
        CHECK_EQ_U(n, 0);
        CHECK_EQ(ferrex_iter_next_spans(it, LIT("1x y2!"), spans, 3, &n), 0);
        ferrex_iter_free(it);
        ferrex_regex_free(re);
    }

    /* iter_next_spans_batch: the same matches, two a call, four entries a
     * match (one past the most groups): each match's groups, then
     * FERREX_UNSET up to the stride; a short batch ends the iteration */
    {
        static const char *const two[] = {"([0-9])(x)?", "(y)"};
        ferrex_match spans[8];
        re = compile_many(two, 2, 0, NULL);
        CHECK_EQ(ferrex_iter_new(&it, re, 6, NULL, NULL), FERREX_OK);
        n = 42;
        CHECK_EQ(ferrex_iter_next_spans_batch(it, LIT("1x y2!"), NULL, 4, 0, &n), 0); /* the stride will do */
        CHECK_EQ_U(n, 0);
        CHECK_EQ(ferrex_iter_next_spans_batch(it, LIT("1x y2!"), spans, 4, 2, &n), 1);
        CHECK_EQ_U(n, 2);
        CHECK_SPAN(spans[0], 0, 2, 0);
        CHECK_SPAN(spans[1], 0, 1, 0);
        CHECK_SPAN(spans[2], 1, 2, 0);
        CHECK_SPAN(spans[3], FERREX_UNSET, FERREX_UNSET, FERREX_UNSET);
        CHECK_SPAN(spans[4], 3, 4, 1);
        CHECK_SPAN(spans[5], 3, 4, 1);
        CHECK_SPAN(spans[6], FERREX_UNSET, FERREX_UNSET, FERREX_UNSET); /* "(y)" has two groups */
        CHECK_SPAN(spans[7], FERREX_UNSET, FERREX_UNSET, FERREX_UNSET);
        CHECK_EQ(ferrex_iter_next_spans_batch(it, LIT("1x y2!"), spans, 4, 2, &n), 1);
        CHECK_EQ_U(n, 1);
        CHECK_SPAN(spans[0], 4, 5, 0);
        CHECK_SPAN(spans[1], 4, 5, 0);
        CHECK_SPAN(spans[2], FERREX_UNSET, FERREX_UNSET, FERREX_UNSET); /* (x)? took no part */
        CHECK_EQ(ferrex_iter_next_spans_batch(it, LIT("1x y2!"), spans, 4, 2, &n), 0);
        CHECK_EQ_U(n, 0);
        /* mixed with one-match steps on the same iterator, stride exact */
        CHECK_EQ(ferrex_iter_reset(it, 6, NULL), FERREX_OK);
        CHECK_EQ(ferrex_iter_next(it, LIT("1x y2!"), &m), 1);
        CHECK_SPAN(m, 0, 2, 0);
        CHECK_EQ(ferrex_iter_next_spans_batch(it, LIT("1x y2!"), spans, 3, 1, &n), 1);
        CHECK_EQ_U(n, 1);
        CHECK_SPAN(spans[0], 3, 4, 1);
        CHECK_SPAN(spans[2], FERREX_UNSET, FERREX_UNSET, FERREX_UNSET);
        CHECK_EQ(ferrex_iter_next_spans(it, LIT("1x y2!"), spans, 3, &n), 1);
        CHECK_SPAN(spans[0], 4, 5, 0);
        CHECK_EQ(ferrex_iter_next_spans_batch(it, LIT("1x y2!"), spans, 3, 2, &n), 0);
        ferrex_iter_free(it);
        ferrex_regex_free(re);
    }

    /* empty matches with captures: a* over "baaab" again */
    re = compile("(a*)", 0, NULL);
    CHECK_EQ(ferrex_captures_new(&caps, re, NULL), FERREX_OK);
    CHECK_EQ(ferrex_iter_new(&it, re, 5, NULL, NULL), FERREX_OK);
    CHECK_EQ(ferrex_iter_next_captures(it, LIT("baaab"), caps), 1);
    CHECK_EQ(ferrex_captures_group(caps, 1, &g), 1);
    CHECK_SPAN(g, 0, 0, 0);
    CHECK_EQ(ferrex_iter_next_captures(it, LIT("baaab"), caps), 1);
    CHECK_EQ(ferrex_captures_group(caps, 1, &g), 1);
    CHECK_SPAN(g, 1, 4, 0);
    CHECK_EQ(ferrex_iter_next_captures(it, LIT("baaab"), caps), 1);
    CHECK_EQ(ferrex_captures_group(caps, 1, &g), 1);
    CHECK_SPAN(g, 5, 5, 0);
    CHECK_EQ(ferrex_iter_next_captures(it, LIT("baaab"), caps), 0);
    ferrex_iter_free(it);
    ferrex_captures_free(caps);
    ferrex_regex_free(re);

    /* a Unicode haystack: \w+ over "héllo wörld" */
    re = compile("\\w+", 0, NULL);
    n = collect(re, "h\xC3\xA9llo w\xC3\xB6rld", 13, NULL, spans, 8);
    CHECK_EQ_U(n, 2);
    CHECK_SPAN(spans[0], 0, 6, 0);
    CHECK_SPAN(spans[1], 7, 13, 0);
    ferrex_regex_free(re);
}

/* ------------------------------------------------------ find_all, after a match */

/* Every match by ferrex_regex_find_all, `cap` at a time, each full buffer
 * going on after its last match; returns the count (at most max kept). */
static size_t find_all_by(const ferrex_regex *re, const char *hay, size_t len, const ferrex_search *s, size_t cap,
                          ferrex_match *out, size_t max) {
    ferrex_match buf[4];
    ferrex_search next;
    const ferrex_search *search = s;
    size_t total = 0, n = cap;
    while (n == cap && total < 64) {
        size_t i;
        int r = ferrex_regex_find_all(re, NULL, (const uint8_t *)hay, len, search, buf, cap, &n);
        CHECK_EQ(r, n > 0);
        for (i = 0; i < n; i++, total++)
            if (total < max)
                out[total] = buf[i];
        next = s != NULL ? *s : search_of(0, len, 0, 0);
        next.start = n > 0 ? buf[n - 1].end : next.start;
        next.flags |= FERREX_SEARCH_AFTER_MATCH;
        search = &next;
    }
    return total;
}

static void test_find_all(void) {
    ferrex_regex *star = compile("a*", 0, NULL), *digits = compile("[0-9]+", 0, NULL);
    ferrex_iter *it = NULL;
    ferrex_captures *caps = NULL;
    ferrex_match out[8], m = no_match();
    ferrex_search s;
    size_t n, cap;

    /* the iteration's matches, one call or several: a* over "baaab" is
     * (0,0) (1,4) (5,5) whatever the buffer */
    for (cap = 1; cap <= 4; cap++) {
        n = find_all_by(star, "baaab", 5, NULL, cap, out, 8);
        CHECK_EQ_U(n, 3);
        CHECK_SPAN(out[0], 0, 0, 0);
        CHECK_SPAN(out[1], 1, 4, 0);
        CHECK_SPAN(out[2], 5, 5, 0);
    }
    /* bounds and anchoring as for an iteration */
    s = search_of(2, 11, 0, 0);
    n = find_all_by(digits, "1 22 333 4444", 13, &s, 2, out, 8);
    CHECK_EQ_U(n, 3);
    CHECK_SPAN(out[0], 2, 4, 0);
    CHECK_SPAN(out[2], 9, 11, 0);
    s = search_of(0, 4, FERREX_SEARCH_ANCHORED, 0);
    n = find_all_by(star, "aaba", 4, &s, 1, out, 8);
    CHECK_EQ_U(n, 2);
    CHECK_SPAN(out[0], 0, 2, 0);
    CHECK_SPAN(out[1], 3, 4, 0);
    /* no match, an empty haystack, no room */
    n = 7;
    CHECK_EQ(ferrex_regex_find_all(digits, NULL, LIT("abc"), NULL, out, 8, &n), 0);
    CHECK_EQ_U(n, 0);
    CHECK_EQ(ferrex_regex_find_all(star, NULL, NULL, 0, NULL, out, 8, &n), 1);
    CHECK_EQ_U(n, 1);
    CHECK_SPAN(out[0], 0, 0, 0);
    CHECK_EQ(ferrex_regex_find_all(digits, NULL, LIT("12"), NULL, NULL, 0, &n), 0);
    CHECK_EQ_U(n, 0);

    /* FERREX_SEARCH_AFTER_MATCH on the one-match calls: after (1,4) in
     * "baaab" the empty match at 4 is skipped; the next is (5,5) */
    s = search_of(4, 5, FERREX_SEARCH_AFTER_MATCH, 0);
    CHECK_EQ(ferrex_regex_find(star, NULL, LIT("baaab"), &s, &m), 1);
    CHECK_SPAN(m, 5, 5, 0);
    CHECK_EQ(ferrex_regex_is_match(star, NULL, LIT("baaab"), &s), 1);
    n = 0;
    CHECK_EQ(ferrex_regex_count(star, NULL, LIT("baaab"), &s, &n), FERREX_OK);
    CHECK_EQ_U(n, 1);
    CHECK_EQ(ferrex_captures_new(&caps, star, NULL), FERREX_OK);
    CHECK_EQ(ferrex_regex_captures(star, NULL, LIT("baaab"), &s, caps), 1);
    CHECK_EQ(ferrex_captures_group(caps, 0, &m), 1);
    CHECK_SPAN(m, 5, 5, 0);
    /* without the flag the empty match at 4 comes first */
    s = search_of(4, 5, 0, 0);
    CHECK_EQ(ferrex_regex_find(star, NULL, LIT("baaab"), &s, &m), 1);
    CHECK_SPAN(m, 4, 4, 0);
    /* at the end of the bounds, after a match, nothing is left */
    s = search_of(5, 5, FERREX_SEARCH_AFTER_MATCH, 0);
    CHECK_EQ(ferrex_regex_find(star, NULL, LIT("baaab"), &s, &m), 0);
    CHECK_EQ(ferrex_regex_is_match(star, NULL, LIT("baaab"), &s), 0);
    /* only an empty match is skipped: a non-empty one at the start counts */
    s = search_of(2, 13, FERREX_SEARCH_AFTER_MATCH, 0);
    CHECK_EQ(ferrex_regex_find(digits, NULL, LIT("1 22 333 4444"), &s, &m), 1);
    CHECK_SPAN(m, 2, 4, 0);
    /* an iterator reset after a first match goes on as the iteration would */
    s = search_of(4, 5, FERREX_SEARCH_AFTER_MATCH, 0);
    CHECK_EQ(ferrex_iter_new(&it, star, 5, &s, NULL), FERREX_OK);
    CHECK_EQ(ferrex_iter_next(it, LIT("baaab"), &m), 1);
    CHECK_SPAN(m, 5, 5, 0);
    CHECK_EQ(ferrex_iter_next(it, LIT("baaab"), &m), 0);
    s = search_of(0, 3, FERREX_SEARCH_AFTER_MATCH, 0); /* "after" an empty match at 0 */
    CHECK_EQ(ferrex_iter_reset(it, 3, &s), FERREX_OK);
    CHECK_EQ(ferrex_iter_next(it, LIT("aab"), &m), 1);
    CHECK_SPAN(m, 0, 2, 0); /* a non-empty match at the start is not skipped */

    ferrex_iter_free(it);
    ferrex_captures_free(caps);
    ferrex_regex_free(star);
    ferrex_regex_free(digits);
}

/* ---------------------------------------------------------------- escape */

static void test_escape(void) {
    static const char text[] = "1+1=2? (a|b) [x] {3} ^$ \\ . * # & - ~ \xC3\xA9 \n\0end";
    const size_t text_len = sizeof text - 1;
    uint8_t buf[256];
    size_t len = 0, need = 0;
    ferrex_regex *re = NULL;
    ferrex_match m = no_match();

    /* the documented example */
    CHECK_EQ(ferrex_escape(LIT("1+1=2?"), buf, sizeof buf, &len), FERREX_OK);
    CHECK_MEM(buf, len, "1\\+1=2\\?", 8);

    /* size query: capacity 0 reports the needed length */
    CHECK_EQ(ferrex_escape(LIT("1+1=2?"), NULL, 0, &need), FERREX_ERR_BUFFER_TOO_SMALL);
    CHECK_EQ_U(need, 8);
    /* too small by one: nothing written, needed length reported */
    memset(buf, 'Z', sizeof buf);
    need = 0;
    CHECK_EQ(ferrex_escape(LIT("1+1=2?"), buf, 7, &need), FERREX_ERR_BUFFER_TOO_SMALL);
    CHECK_EQ_U(need, 8);
    CHECK_MEM(buf, 8, "ZZZZZZZZ", 8);
    /* exactly enough */
    CHECK_EQ(ferrex_escape(LIT("1+1=2?"), buf, 8, &len), FERREX_OK);
    CHECK_MEM(buf, len, "1\\+1=2\\?", 8);
    CHECK_EQ(buf[8], 'Z'); /* not NUL-terminated, nothing past the length */

    /* text without meta characters is unchanged but for whitespace, which
       is escaped so that FERREX_FLAG_IGNORE_WHITESPACE keeps it; empty text
       is empty */
    CHECK_EQ(ferrex_escape(LIT("plain text \xE2\x98\x83"), buf, sizeof buf, &len), FERREX_OK);
    CHECK_MEM(buf, len, "plain\\ text\\ \xE2\x98\x83", 16);
    len = 99;
    CHECK_EQ(ferrex_escape(NULL, 0, NULL, 0, &len), FERREX_OK);
    CHECK_EQ_U(len, 0);

    /* round trip: every meta character, Unicode, a newline and a NUL */
    CHECK_EQ(ferrex_escape((const uint8_t *)text, text_len, NULL, 0, &need), FERREX_ERR_BUFFER_TOO_SMALL);
    CHECK(need > text_len && need <= sizeof buf);
    len = 0;
    CHECK_EQ(ferrex_escape((const uint8_t *)text, text_len, buf, sizeof buf, &len), FERREX_OK);
    CHECK_EQ_U(len, need);
    CHECK_EQ(ferrex_regex_new(&re, buf, len, 0, NULL, NULL), FERREX_OK);
    if (re != NULL) {
        char hay[128];
        CHECK(text_len + 4 <= sizeof hay);
        memcpy(hay, "<<", 2);
        memcpy(hay + 2, text, text_len);
        memcpy(hay + 2 + text_len, ">>", 2);
        CHECK_EQ(find(re, hay, text_len + 4, NULL, &m), 1);
        CHECK_SPAN(m, 2, 2 + text_len, 0);
        /* it matches only itself: change one meta character */
        hay[2 + 1] = '1'; /* "1+1" -> "111" */
        CHECK_EQ(find(re, hay, text_len + 4, NULL, &m), 0);
        ferrex_regex_free(re);
    }
    /* and with case-insensitivity, still literal */
    re = NULL;
    CHECK_EQ(ferrex_escape(LIT("a.b"), buf, sizeof buf, &len), FERREX_OK);
    CHECK_EQ(ferrex_regex_new(&re, buf, len, FERREX_FLAG_CASE_INSENSITIVE, NULL, NULL), FERREX_OK);
    CHECK_EQ(find(re, "axb A.B", 7, NULL, &m), 1);
    CHECK_SPAN(m, 4, 7, 0);
    ferrex_regex_free(re);
}

/* ---------------------------------------------------------------- full DFA */

static void same_results(const ferrex_regex *a, const ferrex_regex *b, const char *hay) {
    size_t len = strlen(hay), i, na, nb;
    ferrex_match ma = no_match(), mb = no_match();
    ferrex_match sa[16], sb[16];
    uint8_t wa[4], wb[4];
    size_t np = 0;
    uint32_t flags[] = {0, FERREX_SEARCH_ANCHORED, FERREX_SEARCH_EARLIEST};
    CHECK_EQ(ferrex_regex_pattern_count(a, &np), FERREX_OK);
    CHECK(np >= 1 && np <= 4);
    for (i = 0; i < sizeof flags / sizeof flags[0]; i++) {
        size_t start;
        for (start = 0; start <= len; start++) {
            ferrex_search s = search_of(start, len, flags[i], 0);
            CHECK_EQ(is_match(a, hay, len, &s), is_match(b, hay, len, &s));
            CHECK_EQ(find(a, hay, len, &s, &ma), find(b, hay, len, &s, &mb));
            CHECK_SPAN(ma, mb.start, mb.end, mb.pattern);
            CHECK_EQ(which(a, hay, len, &s, wa, np), which(b, hay, len, &s, wb, np));
            CHECK_MEM(wa, np, wb, np);
        }
    }
    na = collect(a, hay, len, NULL, sa, 16);
    nb = collect(b, hay, len, NULL, sb, 16);
    CHECK_EQ_U(na, nb);
    for (i = 0; i < na && i < nb && i < 16; i++)
        CHECK_SPAN(sa[i], sb[i].start, sb[i].end, sb[i].pattern);
}

static void test_full_dfa(void) {
    ferrex_options *opts = NULL;
    ferrex_regex *full, *lazy;
    ferrex_match m = no_match();
    static const char *const pats[] = {"abc", "[0-9]+", "\\bfoo\\b", "x*"};
    size_t i;

    CHECK_EQ(ferrex_options_new(&opts, NULL), FERREX_OK);
    CHECK_EQ(ferrex_options_set_dfa_size_limit(opts, 0), FERREX_OK);
    for (i = 0; i < sizeof pats / sizeof pats[0]; i++) {
        full = compile(pats[i], 0, NULL);
        lazy = compile(pats[i], 0, opts);
        if (i == 0) {
            CHECK_EQ(ferrex_regex_has_full_dfa(full), 1);
            CHECK_EQ(ferrex_regex_has_full_dfa(lazy), 0);
            CHECK_EQ(find(full, "xxabcx", 6, NULL, &m), 1);
            CHECK_SPAN(m, 2, 5, 0);
            CHECK_EQ(find(lazy, "xxabcx", 6, NULL, &m), 1);
            CHECK_SPAN(m, 2, 5, 0);
        }
        CHECK_EQ(ferrex_regex_has_full_dfa(lazy), 0);
        CHECK(ferrex_regex_has_full_dfa(full) == 0 || ferrex_regex_has_full_dfa(full) == 1);
        same_results(full, lazy, "zabc 12 foo abcabc foox xx");
        same_results(full, lazy, "");
        same_results(full, lazy, "\xC3\xA9" "foo" "\xC3\xA9" " foo 9");
        ferrex_regex_free(full);
        ferrex_regex_free(lazy);
    }
    /* multi-pattern too */
    full = compile_many(pats, 3, 0, NULL);
    lazy = compile_many(pats, 3, 0, opts);
    CHECK_EQ(ferrex_regex_has_full_dfa(lazy), 0);
    same_results(full, lazy, "zabc 12 foo abcabc foox xx");
    ferrex_regex_free(full);
    ferrex_regex_free(lazy);
    ferrex_options_free(opts);
}

/* Bounds on a match's length, from the patterns' syntax. */
static void test_match_len_bounds(void) {
    static const struct {
        const char *pattern;
        uint32_t flags;
        size_t min, max;
    } cases[] = {
        {"[0-9]{4}-[0-9]{2}", 0, 7, 7},
        {"a+|bc", 0, 1, FERREX_UNSET},
        {"x*", 0, 0, FERREX_UNSET},
        {"\\b", 0, 0, 0},
        {"(?m)^$", 0, 0, 0},
        {"\\w", 0, 1, 4},                      /* a Unicode word character: 1 to 4 bytes */
        {"\\w", FERREX_FLAG_NO_UNICODE, 1, 1},
        {"é{2,3}", 0, 4, 6},
        {"[^\\s\\S]", 0, FERREX_UNSET, FERREX_UNSET}, /* can never match */
    };
    static const char *const many[] = {"abc", "[0-9]{2,}", "q?"};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ferrex_regex *re = compile(cases[i].pattern, cases[i].flags, NULL);
        size_t lo = 42, hi = 42;
        CHECK_EQ(ferrex_regex_match_len_bounds(re, &lo, &hi), FERREX_OK);
        CHECK_EQ_U(lo, cases[i].min);
        CHECK_EQ_U(hi, cases[i].max);
        ferrex_regex_free(re);
    }
    /* over every pattern of a set: the shortest and the longest */
    ferrex_regex *re = compile_many(many, 3, 0, NULL);
    size_t lo = 42, hi = 42;
    CHECK_EQ(ferrex_regex_match_len_bounds(re, &lo, &hi), FERREX_OK);
    CHECK_EQ_U(lo, 0);
    CHECK_EQ_U(hi, FERREX_UNSET);
    ferrex_regex_free(re);
}

int main(void) {
    test_version();
    test_status();
    test_options();
    test_compile();
    test_flags();
    test_match_kinds();
    test_searches();
    test_captures();
    test_iter();
    test_find_all();
    test_escape();
    test_full_dfa();
    test_match_len_bounds();
    return check_report("test_api");
}
