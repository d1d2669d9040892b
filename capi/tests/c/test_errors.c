/*
 * test_errors.c - every bad-input path returns its documented negative
 * status (and never crashes): NULL handles and out-parameters, NULL data
 * with a length, bad bounds, unknown flag bits, invalid UTF-8, syntax and
 * size errors, bad indexes, objects used with the wrong regex, small
 * buffers. Also the error object's accessors and NULL-tolerant frees.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "ferrex.h"

#define LIT(s) (const uint8_t *)(s), (sizeof(s) - 1)

/* Non-NULL pointers that must be overwritten (never dereferenced). */
static long long sentinel_storage[4];
#define SENTINEL(type) ((type *)(void *)&sentinel_storage[0])

static ferrex_regex *compile(const char *pattern) {
    ferrex_regex *re = NULL;
    CHECK_EQ(ferrex_regex_new(&re, (const uint8_t *)pattern, strlen(pattern), 0, NULL, NULL), FERREX_OK);
    CHECK(re != NULL);
    return re;
}

/*
 * Checks a failed constructor's error object: its status, a non-empty
 * message, and frees it.
 */
static void check_error(ferrex_error *err, int32_t status) {
    CHECK(err != NULL);
    CHECK_EQ(ferrex_error_status(err), status);
    CHECK(strlen(ferrex_error_message(err)) > 0);
    ferrex_error_free(err);
}

/* Compiles one pattern that must fail with `status`; returns the error. */
static ferrex_error *compile_fail(const void *pattern, size_t len, uint32_t flags, const ferrex_options *opts,
                                  int32_t status) {
    ferrex_regex *re = SENTINEL(ferrex_regex);
    ferrex_error *err = NULL;
    CHECK_EQ(ferrex_regex_new(&re, (const uint8_t *)pattern, len, flags, opts, &err), status);
    CHECK(re == NULL);
    CHECK(err != NULL);
    CHECK_EQ(ferrex_error_status(err), status);
    CHECK(strlen(ferrex_error_message(err)) > 0);
    /* the same call without an error pointer returns the same status */
    re = SENTINEL(ferrex_regex);
    CHECK_EQ(ferrex_regex_new(&re, (const uint8_t *)pattern, len, flags, opts, NULL), status);
    CHECK(re == NULL);
    return err;
}

/* ---------------------------------------------------------------- error object */

static void test_error_object(void) {
    size_t a = 5, b = 6;
    ferrex_error *err;

    /* every accessor accepts NULL */
    CHECK_EQ(ferrex_error_status(NULL), FERREX_ERR_NULL_POINTER);
    CHECK(ferrex_error_message(NULL) != NULL);
    CHECK_STR(ferrex_error_message(NULL), "");
    CHECK_EQ(ferrex_error_pattern(NULL, &a), FERREX_ERR_NULL_POINTER);
    CHECK_EQ(ferrex_error_span(NULL, &a, &b), FERREX_ERR_NULL_POINTER);
    CHECK_EQ_U(a, 5);
    CHECK_EQ_U(b, 6);
    ferrex_error_free(NULL);

    /* a real error with NULL out-pointers */
    err = compile_fail(LIT("a(b"), 0, NULL, FERREX_ERR_SYNTAX);
    CHECK_EQ(ferrex_error_pattern(err, NULL), FERREX_ERR_NULL_POINTER);
    CHECK_EQ(ferrex_error_span(err, NULL, &b), FERREX_ERR_NULL_POINTER);
    CHECK_EQ(ferrex_error_span(err, &a, NULL), FERREX_ERR_NULL_POINTER);
    CHECK_EQ(ferrex_error_span(err, NULL, NULL), FERREX_ERR_NULL_POINTER);
    ferrex_error_free(err);

    /* an error not about a pattern: no index, no span */
    {
        ferrex_options *opts = NULL;
        CHECK_EQ(ferrex_options_new(&opts, NULL), FERREX_OK);
        err = compile_fail(LIT("abc"), 1u << 20, opts, FERREX_ERR_UNKNOWN_FLAG);
        a = 77;
        b = 88;
        CHECK_EQ(ferrex_error_pattern(err, &a), 0);
        CHECK_EQ(ferrex_error_span(err, &a, &b), 0);
        CHECK_EQ_U(a, 77);
        CHECK_EQ_U(b, 88);
        ferrex_error_free(err);
        ferrex_options_free(opts);
    }
}

/* ---------------------------------------------------------------- frees */

static void test_frees(void) {
    ferrex_error_free(NULL);
    ferrex_options_free(NULL);
    ferrex_regex_free(NULL);
    ferrex_cache_free(NULL);
    ferrex_captures_free(NULL);
    ferrex_iter_free(NULL);
    CHECK(1); /* reached */
}

/* ---------------------------------------------------------------- options */

static void test_options(void) {
    ferrex_options *opts = NULL;
    ferrex_error *err = SENTINEL(ferrex_error);

    CHECK_EQ(ferrex_options_new(NULL, NULL), FERREX_ERR_NULL_POINTER);
    CHECK_EQ(ferrex_options_new(NULL, &err), FERREX_ERR_NULL_POINTER);
    check_error(err, FERREX_ERR_NULL_POINTER);

    CHECK_EQ(ferrex_options_set_nfa_size_limit(NULL, 100), FERREX_ERR_NULL_POINTER);
    CHECK_EQ(ferrex_options_set_dfa_size_limit(NULL, 100), FERREX_ERR_NULL_POINTER);
    CHECK_EQ(ferrex_options_set_dfa_cache_capacity(NULL, 100), FERREX_ERR_NULL_POINTER);
    CHECK_EQ(ferrex_options_set_dfa_cache_capacity(NULL, 0), FERREX_ERR_NULL_POINTER);
    CHECK_EQ(ferrex_options_set_nesting_limit(NULL, 10), FERREX_ERR_NULL_POINTER);
    CHECK_EQ(ferrex_options_set_match_kind(NULL, FERREX_MATCH_KIND_ALL), FERREX_ERR_NULL_POINTER);

    err = SENTINEL(ferrex_error);
    CHECK_EQ(ferrex_options_new(&opts, &err), FERREX_OK);
    CHECK(err == NULL); /* set to NULL on success */

    /* invalid match kind; zero cache capacity */
    CHECK_EQ(ferrex_options_set_match_kind(opts, 2), FERREX_ERR_INVALID_ARGUMENT);
    CHECK_EQ(ferrex_options_set_match_kind(opts, 0xFFFFFFFFu), FERREX_ERR_INVALID_ARGUMENT);
    CHECK_EQ(ferrex_options_set_dfa_cache_capacity(opts, 0), FERREX_ERR_INVALID_ARGUMENT);
    /* ... and the options are unchanged: still leftmost-first and usable */
    {
        ferrex_regex *re = NULL;
        ferrex_match m;
        CHECK_EQ(ferrex_regex_new(&re, LIT("a|ab"), 0, opts, NULL), FERREX_OK);
        CHECK_EQ(ferrex_regex_find(re, NULL, LIT("ab"), NULL, &m), 1);
        CHECK_EQ_U(m.end, 1);
        ferrex_regex_free(re);
    }
    ferrex_options_free(opts);
}

/* ---------------------------------------------------------------- compile */

static void test_compile(void) {
    ferrex_regex *re = SENTINEL(ferrex_regex);
    ferrex_error *err = SENTINEL(ferrex_error);
    ferrex_options *opts = NULL;
    size_t s = 0, e = 0, idx = 0;
    char deep[64];

    /* NULL out */
    CHECK_EQ(ferrex_regex_new(NULL, LIT("a"), 0, NULL, &err), FERREX_ERR_NULL_POINTER);
    check_error(err, FERREX_ERR_NULL_POINTER);
    CHECK_EQ(ferrex_regex_new(NULL, LIT("a"), 0, NULL, NULL), FERREX_ERR_NULL_POINTER);

    /* NULL pattern with a length */
    err = compile_fail(NULL, 3, 0, NULL, FERREX_ERR_NULL_POINTER);
    ferrex_error_free(err);

    /* unknown compile flag bits */
    err = compile_fail(LIT("a"), 1u << 8, NULL, FERREX_ERR_UNKNOWN_FLAG);
    ferrex_error_free(err);
    err = compile_fail(LIT("a"), 1u << 31, NULL, FERREX_ERR_UNKNOWN_FLAG);
    ferrex_error_free(err);
    err = compile_fail(LIT("a"), 0xFFFFFFFFu, NULL, FERREX_ERR_UNKNOWN_FLAG);
    ferrex_error_free(err);
    err = compile_fail(LIT("a"), FERREX_FLAG_CASE_INSENSITIVE | (1u << 9), NULL, FERREX_ERR_UNKNOWN_FLAG);
    ferrex_error_free(err);

    /* invalid UTF-8: the span covers the bad byte */
    err = compile_fail(LIT("ab\xFF" "c"), 0, NULL, FERREX_ERR_INVALID_UTF8);
    CHECK_EQ(ferrex_error_span(err, &s, &e), 1);
    CHECK_EQ_U(s, 2);
    CHECK_EQ_U(e, 3);
    ferrex_error_free(err);
    /* a truncated sequence (é without its second byte) */
    err = compile_fail(LIT("x\xC3"), 0, NULL, FERREX_ERR_INVALID_UTF8);
    CHECK_EQ(ferrex_error_span(err, &s, &e), 1);
    CHECK_EQ_U(s, 1);
    CHECK(e > s && e <= 2);
    ferrex_error_free(err);
    /* invalid UTF-8 even in byte mode: patterns are UTF-8 */
    err = compile_fail(LIT("\xFF"), FERREX_FLAG_NO_UTF8, NULL, FERREX_ERR_INVALID_UTF8);
    ferrex_error_free(err);

    /* syntax errors: the span points at the offending text */
    err = compile_fail(LIT("a(b"), 0, NULL, FERREX_ERR_SYNTAX);
    CHECK_EQ(ferrex_error_span(err, &s, &e), 1);
    CHECK_EQ_U(s, 1); /* the unclosed "(" */
    CHECK_EQ_U(e, 2);
    CHECK(strchr(ferrex_error_message(err), '\n') != NULL); /* multi-line, with a caret */
    CHECK(strchr(ferrex_error_message(err), '^') != NULL);
    CHECK_EQ(ferrex_error_pattern(err, &idx), 1);
    CHECK_EQ_U(idx, 0);
    ferrex_error_free(err);
    err = compile_fail(LIT("x{2,1}"), 0, NULL, FERREX_ERR_SYNTAX);
    CHECK_EQ(ferrex_error_span(err, &s, &e), 1);
    CHECK_EQ_U(s, 1); /* "{2,1}" */
    CHECK_EQ_U(e, 6);
    ferrex_error_free(err);
    err = compile_fail(LIT("ab)"), 0, NULL, FERREX_ERR_SYNTAX);
    CHECK_EQ(ferrex_error_span(err, &s, &e), 1);
    CHECK_EQ_U(s, 2); /* the unopened ")" */
    CHECK_EQ_U(e, 3);
    ferrex_error_free(err);
    err = compile_fail(LIT("\xC3\xA9[z-a]"), 0, NULL, FERREX_ERR_SYNTAX);
    CHECK_EQ(ferrex_error_span(err, &s, &e), 1);
    CHECK_EQ_U(s, 3); /* byte offsets: "z-a" after the 2-byte é and "[" */
    CHECK_EQ_U(e, 6);
    ferrex_error_free(err);
    err = compile_fail(LIT("\\p{NotAClass}"), 0, NULL, FERREX_ERR_SYNTAX);
    CHECK_EQ(ferrex_error_span(err, &s, &e), 1);
    CHECK(s < e && e <= 13);
    ferrex_error_free(err);
    /* a byte escape that can match invalid UTF-8 needs NO_UTF8 */
    err = compile_fail(LIT("(?-u:\\xFF)"), 0, NULL, FERREX_ERR_SYNTAX);
    ferrex_error_free(err);
    /* a pattern containing NUL bytes gets a usable message */
    err = compile_fail(LIT("\0("), 0, NULL, FERREX_ERR_SYNTAX);
    CHECK_EQ(ferrex_error_span(err, &s, &e), 1);
    CHECK_EQ_U(s, 1);
    CHECK_EQ_U(e, 2);
    ferrex_error_free(err);

    /* size limit */
    CHECK_EQ(ferrex_options_new(&opts, NULL), FERREX_OK);
    CHECK_EQ(ferrex_options_set_nfa_size_limit(opts, 1000), FERREX_OK);
    err = compile_fail(LIT("\\w{100}"), 0, opts, FERREX_ERR_SIZE_LIMIT);
    ferrex_error_free(err);
    CHECK_EQ(ferrex_options_set_nfa_size_limit(opts, 0), FERREX_OK);
    err = compile_fail(LIT("\\w{100}"), 0, opts, FERREX_ERR_SIZE_LIMIT);
    ferrex_error_free(err);
    ferrex_options_free(opts);

    /* nesting limit */
    CHECK_EQ(ferrex_options_new(&opts, NULL), FERREX_OK);
    CHECK_EQ(ferrex_options_set_nesting_limit(opts, 4), FERREX_OK);
    snprintf(deep, sizeof deep, "((((((a))))))");
    err = compile_fail(deep, strlen(deep), 0, opts, FERREX_ERR_SYNTAX);
    ferrex_error_free(err);
    err = compile_fail(LIT("(((((a)*)*)*)*)*"), 0, opts, FERREX_ERR_SYNTAX);
    ferrex_error_free(err);
    CHECK_EQ(ferrex_options_set_nesting_limit(opts, 0), FERREX_OK);
    err = compile_fail(LIT("(a)"), 0, opts, FERREX_ERR_SYNTAX);
    ferrex_error_free(err);
    ferrex_options_free(opts);

    /* zero DFA cache capacity cannot be set (checked in test_options) */

    /* success sets *error to NULL */
    re = NULL;
    err = SENTINEL(ferrex_error);
    CHECK_EQ(ferrex_regex_new(&re, LIT("ok"), 0, NULL, &err), FERREX_OK);
    CHECK(err == NULL);
    ferrex_regex_free(re);
}

static void test_compile_many(void) {
    const uint8_t *ptrs[4];
    size_t lens[4];
    ferrex_regex *re = SENTINEL(ferrex_regex);
    ferrex_error *err = NULL;
    size_t idx = 99, s = 0, e = 0;

    ptrs[0] = (const uint8_t *)"a";
    lens[0] = 1;
    ptrs[1] = (const uint8_t *)"b+";
    lens[1] = 2;
    ptrs[2] = (const uint8_t *)"c(d";
    lens[2] = 3;
    ptrs[3] = (const uint8_t *)"e";
    lens[3] = 1;

    /* NULL out */
    CHECK_EQ(ferrex_regex_new_many(NULL, ptrs, lens, 2, 0, NULL, &err), FERREX_ERR_NULL_POINTER);
    check_error(err, FERREX_ERR_NULL_POINTER);

    /* NULL arrays with a count */
    re = SENTINEL(ferrex_regex);
    err = NULL;
    CHECK_EQ(ferrex_regex_new_many(&re, NULL, lens, 2, 0, NULL, &err), FERREX_ERR_NULL_POINTER);
    CHECK(re == NULL);
    check_error(err, FERREX_ERR_NULL_POINTER);
    re = SENTINEL(ferrex_regex);
    err = NULL;
    CHECK_EQ(ferrex_regex_new_many(&re, ptrs, NULL, 2, 0, NULL, &err), FERREX_ERR_NULL_POINTER);
    CHECK(re == NULL);
    check_error(err, FERREX_ERR_NULL_POINTER);
    re = SENTINEL(ferrex_regex);
    CHECK_EQ(ferrex_regex_new_many(&re, NULL, NULL, 1, 0, NULL, NULL), FERREX_ERR_NULL_POINTER);
    CHECK(re == NULL);

    /* one NULL pattern with a length */
    {
        const uint8_t *bad[2];
        size_t bad_lens[2] = {1, 4};
        bad[0] = (const uint8_t *)"a";
        bad[1] = NULL;
        re = SENTINEL(ferrex_regex);
        err = NULL;
        CHECK_EQ(ferrex_regex_new_many(&re, bad, bad_lens, 2, 0, NULL, &err), FERREX_ERR_NULL_POINTER);
        CHECK(re == NULL);
        check_error(err, FERREX_ERR_NULL_POINTER);
    }

    /* unknown flags */
    re = SENTINEL(ferrex_regex);
    err = NULL;
    CHECK_EQ(ferrex_regex_new_many(&re, ptrs, lens, 2, 1u << 12, NULL, &err), FERREX_ERR_UNKNOWN_FLAG);
    CHECK(re == NULL);
    check_error(err, FERREX_ERR_UNKNOWN_FLAG);

    /* a syntax error in pattern 2: its index and the span inside it */
    re = SENTINEL(ferrex_regex);
    err = NULL;
    CHECK_EQ(ferrex_regex_new_many(&re, ptrs, lens, 4, 0, NULL, &err), FERREX_ERR_SYNTAX);
    CHECK(re == NULL);
    CHECK_EQ(ferrex_error_status(err), FERREX_ERR_SYNTAX);
    CHECK(strlen(ferrex_error_message(err)) > 0);
    CHECK_EQ(ferrex_error_pattern(err, &idx), 1);
    CHECK_EQ_U(idx, 2);
    CHECK_EQ(ferrex_error_span(err, &s, &e), 1);
    CHECK_EQ_U(s, 1);
    CHECK_EQ_U(e, 2);
    ferrex_error_free(err);

    /* invalid UTF-8 in pattern 1 */
    ptrs[1] = (const uint8_t *)"b\xFF";
    re = SENTINEL(ferrex_regex);
    err = NULL;
    CHECK_EQ(ferrex_regex_new_many(&re, ptrs, lens, 2, 0, NULL, &err), FERREX_ERR_INVALID_UTF8);
    CHECK(re == NULL);
    CHECK_EQ(ferrex_error_status(err), FERREX_ERR_INVALID_UTF8);
    CHECK_EQ(ferrex_error_pattern(err, &idx), 1);
    CHECK_EQ_U(idx, 1);
    CHECK_EQ(ferrex_error_span(err, &s, &e), 1);
    CHECK_EQ_U(s, 1);
    CHECK_EQ_U(e, 2);
    ferrex_error_free(err);

    /* size limit across patterns */
    {
        ferrex_options *opts = NULL;
        const uint8_t *big[2];
        size_t big_lens[2];
        big[0] = (const uint8_t *)"a";
        big_lens[0] = 1;
        big[1] = (const uint8_t *)"\\w{100}";
        big_lens[1] = 7;
        CHECK_EQ(ferrex_options_new(&opts, NULL), FERREX_OK);
        CHECK_EQ(ferrex_options_set_nfa_size_limit(opts, 1000), FERREX_OK);
        re = SENTINEL(ferrex_regex);
        err = NULL;
        CHECK_EQ(ferrex_regex_new_many(&re, big, big_lens, 2, 0, opts, &err), FERREX_ERR_SIZE_LIMIT);
        CHECK(re == NULL);
        check_error(err, FERREX_ERR_SIZE_LIMIT);
        ferrex_options_free(opts);
    }

    /* success sets *error to NULL */
    ptrs[1] = (const uint8_t *)"b+";
    re = NULL;
    err = SENTINEL(ferrex_error);
    CHECK_EQ(ferrex_regex_new_many(&re, ptrs, lens, 2, 0, NULL, &err), FERREX_OK);
    CHECK(err == NULL);
    CHECK(re != NULL);
    ferrex_regex_free(re);
}

/* ---------------------------------------------------------------- regex queries */

static void test_queries(void) {
    ferrex_regex *re = compile("(?<x>a)(b)");
    size_t n = 42, idx = 42;
    const uint8_t *name = NULL;
    size_t name_len = 0;

    CHECK_EQ(ferrex_regex_pattern_count(NULL, &n), FERREX_ERR_NULL_POINTER);
    CHECK_EQ(ferrex_regex_pattern_count(re, NULL), FERREX_ERR_NULL_POINTER);
    CHECK_EQ(ferrex_regex_has_full_dfa(NULL), FERREX_ERR_NULL_POINTER);
    n = 42;
    CHECK_EQ(ferrex_regex_match_len_bounds(NULL, &n, &idx), FERREX_ERR_NULL_POINTER);
    CHECK_EQ(ferrex_regex_match_len_bounds(re, NULL, &idx), FERREX_ERR_NULL_POINTER);
    CHECK_EQ(ferrex_regex_match_len_bounds(re, &n, NULL), FERREX_ERR_NULL_POINTER);
    CHECK_EQ_U(n, 42);
    CHECK_EQ_U(idx, 42);

    CHECK_EQ(ferrex_regex_group_count(NULL, 0, &n), FERREX_ERR_NULL_POINTER);
    CHECK_EQ(ferrex_regex_group_count(re, 0, NULL), FERREX_ERR_NULL_POINTER);
    CHECK_EQ(ferrex_regex_group_count(re, 1, &n), FERREX_ERR_INDEX);
    CHECK_EQ(ferrex_regex_group_count(re, SIZE_MAX, &n), FERREX_ERR_INDEX);
    CHECK_EQ_U(n, 42);

    CHECK_EQ(ferrex_regex_group_name(NULL, 0, 1, &name, &name_len), FERREX_ERR_NULL_POINTER);
    CHECK_EQ(ferrex_regex_group_name(re, 0, 1, NULL, &name_len), FERREX_ERR_NULL_POINTER);
    CHECK_EQ(ferrex_regex_group_name(re, 0, 1, &name, NULL), FERREX_ERR_NULL_POINTER);
    CHECK_EQ(ferrex_regex_group_name(re, 1, 0, &name, &name_len), FERREX_ERR_INDEX);
    CHECK_EQ(ferrex_regex_group_name(re, 0, 3, &name, &name_len), FERREX_ERR_INDEX);
    CHECK_EQ(ferrex_regex_group_name(re, 0, SIZE_MAX, &name, &name_len), FERREX_ERR_INDEX);
    CHECK_EQ(ferrex_regex_group_name(re, 0, 1, &name, &name_len), 1); /* sanity */

    CHECK_EQ(ferrex_regex_group_index(NULL, 0, LIT("x"), &idx), FERREX_ERR_NULL_POINTER);
    CHECK_EQ(ferrex_regex_group_index(re, 0, NULL, 1, &idx), FERREX_ERR_NULL_POINTER);
    CHECK_EQ(ferrex_regex_group_index(re, 0, LIT("x"), NULL), FERREX_ERR_NULL_POINTER);
    CHECK_EQ(ferrex_regex_group_index(re, 1, LIT("x"), &idx), FERREX_ERR_INDEX);
    CHECK_EQ(ferrex_regex_group_index(re, 7, LIT("\xFF"), &idx), FERREX_ERR_INDEX);
    CHECK_EQ_U(idx, 42);
    CHECK_EQ(ferrex_regex_group_index(re, 0, LIT("nope"), &idx), 0); /* unknown name: not an error */
    CHECK_EQ(ferrex_regex_group_index(re, 0, LIT("\xFF"), &idx), 0); /* not UTF-8: no such name */
    CHECK_EQ_U(idx, 42);
    ferrex_regex_free(re);
}

/* ---------------------------------------------------------------- caches, captures */

static void test_handles(void) {
    ferrex_regex *re = compile("(a)(b)?"), *other = compile("(a)(b)?");
    ferrex_cache *cache = SENTINEL(ferrex_cache), *other_cache = NULL;
    ferrex_captures *caps = SENTINEL(ferrex_captures), *other_caps = NULL;
    ferrex_error *err = NULL;
    ferrex_match m;
    size_t n = 42;

    CHECK_EQ(ferrex_cache_new(NULL, re, &err), FERREX_ERR_NULL_POINTER);
    check_error(err, FERREX_ERR_NULL_POINTER);
    err = NULL;
    CHECK_EQ(ferrex_cache_new(&cache, NULL, &err), FERREX_ERR_NULL_POINTER);
    CHECK(cache == NULL);
    check_error(err, FERREX_ERR_NULL_POINTER);
    err = NULL;
    CHECK_EQ(ferrex_captures_new(NULL, re, &err), FERREX_ERR_NULL_POINTER);
    check_error(err, FERREX_ERR_NULL_POINTER);
    err = NULL;
    CHECK_EQ(ferrex_captures_new(&caps, NULL, &err), FERREX_ERR_NULL_POINTER);
    CHECK(caps == NULL);
    check_error(err, FERREX_ERR_NULL_POINTER);
    CHECK_EQ(ferrex_captures_new(&caps, NULL, NULL), FERREX_ERR_NULL_POINTER);

    err = SENTINEL(ferrex_error);
    CHECK_EQ(ferrex_cache_new(&cache, re, &err), FERREX_OK);
    CHECK(err == NULL);
    err = SENTINEL(ferrex_error);
    CHECK_EQ(ferrex_captures_new(&caps, re, &err), FERREX_OK);
    CHECK(err == NULL);
    CHECK_EQ(ferrex_cache_new(&other_cache, other, NULL), FERREX_OK);
    CHECK_EQ(ferrex_captures_new(&other_caps, other, NULL), FERREX_OK);

    /* captures accessors: NULL handle / NULL out */
    CHECK_EQ(ferrex_captures_pattern(NULL, &n), FERREX_ERR_NULL_POINTER);
    CHECK_EQ(ferrex_captures_pattern(caps, NULL), FERREX_ERR_NULL_POINTER);
    CHECK_EQ(ferrex_captures_group_count(NULL, &n), FERREX_ERR_NULL_POINTER);
    CHECK_EQ(ferrex_captures_group_count(caps, NULL), FERREX_ERR_NULL_POINTER);
    CHECK_EQ(ferrex_captures_group(NULL, 0, &m), FERREX_ERR_NULL_POINTER);
    CHECK_EQ(ferrex_captures_group(caps, 0, NULL), FERREX_ERR_NULL_POINTER);
    CHECK_EQ(ferrex_captures_group_by_name(NULL, LIT("x"), &m), FERREX_ERR_NULL_POINTER);
    CHECK_EQ(ferrex_captures_group_by_name(caps, NULL, 1, &m), FERREX_ERR_NULL_POINTER);
    CHECK_EQ(ferrex_captures_group_by_name(caps, LIT("x"), NULL), FERREX_ERR_NULL_POINTER);

    /* a cache or captures made for another regex (same pattern even) */
    CHECK_EQ(ferrex_regex_is_match(re, other_cache, LIT("ab"), NULL), FERREX_ERR_WRONG_REGEX);
    CHECK_EQ(ferrex_regex_find(re, other_cache, LIT("ab"), NULL, &m), FERREX_ERR_WRONG_REGEX);
    {
        size_t n = 7;
        CHECK_EQ(ferrex_regex_count(re, other_cache, LIT("ab"), NULL, &n), FERREX_ERR_WRONG_REGEX);
        CHECK_EQ_U(n, 0);
    }
    CHECK_EQ(ferrex_regex_captures(re, other_cache, LIT("ab"), NULL, caps), FERREX_ERR_WRONG_REGEX);
    CHECK_EQ(ferrex_regex_captures(re, cache, LIT("ab"), NULL, other_caps), FERREX_ERR_WRONG_REGEX);
    CHECK_EQ(ferrex_regex_captures(re, NULL, LIT("ab"), NULL, other_caps), FERREX_ERR_WRONG_REGEX);
    {
        uint8_t set[1];
        CHECK_EQ(ferrex_regex_which_matches(re, other_cache, LIT("ab"), NULL, set, 1), FERREX_ERR_WRONG_REGEX);
    }
    /* the right ones still work */
    CHECK_EQ(ferrex_regex_captures(re, cache, LIT("ab"), NULL, caps), 1);
    CHECK_EQ(ferrex_regex_captures(other, other_cache, LIT("ab"), NULL, other_caps), 1);

    /* every span at once: NULLs, too little room (nothing written, the
     * room needed reported) */
    {
        ferrex_match spans[4];
        size_t i;
        for (i = 0; i < 4; i++) {
            spans[i].start = 777;
        }
        n = 42;
        CHECK_EQ(ferrex_captures_spans(NULL, spans, 4, &n), FERREX_ERR_NULL_POINTER);
        CHECK_EQ(ferrex_captures_spans(caps, spans, 4, NULL), FERREX_ERR_NULL_POINTER);
        CHECK_EQ(ferrex_captures_spans(caps, NULL, 3, &n), FERREX_ERR_NULL_POINTER);
        CHECK_EQ(ferrex_captures_spans(caps, spans, 2, &n), FERREX_ERR_BUFFER_TOO_SMALL);
        CHECK_EQ_U(n, 3);
        CHECK_EQ_U(spans[0].start, 777);
        CHECK_EQ(ferrex_captures_spans(caps, NULL, 0, &n), FERREX_ERR_BUFFER_TOO_SMALL);
        CHECK_EQ_U(n, 3);
        CHECK_EQ(ferrex_captures_spans(caps, spans, 3, &n), 1);
        CHECK_SPAN(spans[2], 1, 2, 0); /* "ab": (b)? took part */
        CHECK_EQ_U(spans[3].start, 777); /* past the groups: untouched */
    }

    /* group index out of range, unknown group name */
    CHECK_EQ(ferrex_captures_group(caps, 3, &m), FERREX_ERR_INDEX);
    CHECK_EQ(ferrex_captures_group(caps, SIZE_MAX, &m), FERREX_ERR_INDEX);
    CHECK_EQ(ferrex_captures_group_by_name(caps, LIT("nope"), &m), FERREX_ERR_INDEX);
    CHECK_EQ(ferrex_captures_group_by_name(caps, LIT("\xFF"), &m), FERREX_ERR_INDEX);
    CHECK_EQ(ferrex_captures_group_by_name(caps, NULL, 0, &m), FERREX_ERR_INDEX);

    /* a cache whose regex was freed is still "another regex" for a new one */
    ferrex_regex_free(other);
    other = compile("(a)(b)?");
    CHECK_EQ(ferrex_regex_is_match(other, other_cache, LIT("ab"), NULL), FERREX_ERR_WRONG_REGEX);
    CHECK_EQ(ferrex_regex_captures(other, NULL, LIT("ab"), NULL, other_caps), FERREX_ERR_WRONG_REGEX);

    ferrex_cache_free(cache);
    ferrex_cache_free(other_cache);
    ferrex_captures_free(caps);
    ferrex_captures_free(other_caps);
    ferrex_regex_free(re);
    ferrex_regex_free(other);
}

/* ---------------------------------------------------------------- searches */

static void test_searches(void) {
    static const char *const pats[] = {"a", "b"};
    ferrex_regex *re = compile("b"), *multi = NULL;
    ferrex_cache *cache = NULL;
    ferrex_captures *caps = NULL;
    ferrex_match m;
    ferrex_search s;
    uint8_t set[4];
    size_t i;
    const uint8_t *ptrs[2];
    size_t lens[2];
    static const struct {
        size_t start, end;
    } bad_bounds[] = {{0, 4}, {4, 4}, {2, 1}, {4, 3}, {0, SIZE_MAX}, {SIZE_MAX, SIZE_MAX}, {SIZE_MAX, 0}};

    ptrs[0] = (const uint8_t *)pats[0];
    ptrs[1] = (const uint8_t *)pats[1];
    lens[0] = lens[1] = 1;
    CHECK_EQ(ferrex_regex_new_many(&multi, ptrs, lens, 2, 0, NULL, NULL), FERREX_OK);
    CHECK_EQ(ferrex_cache_new(&cache, re, NULL), FERREX_OK);
    CHECK_EQ(ferrex_captures_new(&caps, re, NULL), FERREX_OK);

    /* NULL regex */
    CHECK_EQ(ferrex_regex_is_match(NULL, NULL, LIT("abc"), NULL), FERREX_ERR_NULL_POINTER);
    CHECK_EQ(ferrex_regex_find(NULL, NULL, LIT("abc"), NULL, &m), FERREX_ERR_NULL_POINTER);
    CHECK_EQ(ferrex_regex_captures(NULL, NULL, LIT("abc"), NULL, caps), FERREX_ERR_NULL_POINTER);
    CHECK_EQ(ferrex_regex_which_matches(NULL, NULL, LIT("abc"), NULL, set, 4), FERREX_ERR_NULL_POINTER);
    {
        size_t n = 7;
        CHECK_EQ(ferrex_regex_count(NULL, NULL, LIT("abc"), NULL, &n), FERREX_ERR_NULL_POINTER);
        CHECK_EQ_U(n, 0); /* zeroed on failure */
        CHECK_EQ(ferrex_regex_count(re, cache, NULL, 3, NULL, &n), FERREX_ERR_NULL_POINTER);
        CHECK_EQ(ferrex_regex_count(re, cache, LIT("abc"), NULL, NULL), FERREX_ERR_NULL_POINTER);
    }
    /* NULL haystack with a length */
    CHECK_EQ(ferrex_regex_is_match(re, cache, NULL, 3, NULL), FERREX_ERR_NULL_POINTER);
    CHECK_EQ(ferrex_regex_is_match(re, NULL, NULL, 3, NULL), FERREX_ERR_NULL_POINTER);
    CHECK_EQ(ferrex_regex_find(re, cache, NULL, 3, NULL, &m), FERREX_ERR_NULL_POINTER);
    CHECK_EQ(ferrex_regex_captures(re, cache, NULL, 3, NULL, caps), FERREX_ERR_NULL_POINTER);
    CHECK_EQ(ferrex_regex_which_matches(re, cache, NULL, 3, NULL, set, 4), FERREX_ERR_NULL_POINTER);
    /* NULL outputs */
    CHECK_EQ(ferrex_regex_find(re, cache, LIT("abc"), NULL, NULL), FERREX_ERR_NULL_POINTER);
    CHECK_EQ(ferrex_regex_captures(re, cache, LIT("abc"), NULL, NULL), FERREX_ERR_NULL_POINTER);
    CHECK_EQ(ferrex_regex_which_matches(re, cache, LIT("abc"), NULL, NULL, 4), FERREX_ERR_NULL_POINTER);
    /* a too-small set array */
    CHECK_EQ(ferrex_regex_which_matches(re, cache, LIT("abc"), NULL, NULL, 0), FERREX_ERR_BUFFER_TOO_SMALL);
    CHECK_EQ(ferrex_regex_which_matches(re, cache, LIT("abc"), NULL, set, 0), FERREX_ERR_BUFFER_TOO_SMALL);
    set[0] = 0x5A;
    CHECK_EQ(ferrex_regex_which_matches(multi, NULL, LIT("abc"), NULL, set, 1), FERREX_ERR_BUFFER_TOO_SMALL);
    CHECK_EQ(set[0], 0x5A); /* nothing written */
    CHECK_EQ(ferrex_regex_which_matches(multi, NULL, LIT("abc"), NULL, set, 2), 1); /* enough */

    /* out-of-range bounds: end > len, start > end */
    for (i = 0; i < sizeof bad_bounds / sizeof bad_bounds[0]; i++) {
        s = search_of(bad_bounds[i].start, bad_bounds[i].end, 0, 0);
        CHECK_EQ(ferrex_regex_is_match(re, cache, LIT("abc"), &s), FERREX_ERR_OUT_OF_BOUNDS);
        CHECK_EQ(ferrex_regex_is_match(re, NULL, LIT("abc"), &s), FERREX_ERR_OUT_OF_BOUNDS);
        CHECK_EQ(ferrex_regex_find(re, cache, LIT("abc"), &s, &m), FERREX_ERR_OUT_OF_BOUNDS);
        CHECK_EQ(ferrex_regex_captures(re, cache, LIT("abc"), &s, caps), FERREX_ERR_OUT_OF_BOUNDS);
        {
            size_t n = 7;
            CHECK_EQ(ferrex_regex_count(re, cache, LIT("abc"), &s, &n), FERREX_ERR_OUT_OF_BOUNDS);
            CHECK_EQ_U(n, 0);
        }
        CHECK_EQ(ferrex_regex_which_matches(re, cache, LIT("abc"), &s, set, 4), FERREX_ERR_OUT_OF_BOUNDS);
    }
    s = search_of(0, 1, 0, 0);
    CHECK_EQ(ferrex_regex_is_match(re, cache, NULL, 0, &s), FERREX_ERR_OUT_OF_BOUNDS);
    s = search_of(3, 3, 0, 0); /* at the end: fine */
    CHECK_EQ(ferrex_regex_is_match(re, cache, LIT("abc"), &s), 0);

    /* unknown search flag bits */
    s = search_of(0, 3, 1u << 4, 0);
    CHECK_EQ(ferrex_regex_is_match(re, cache, LIT("abc"), &s), FERREX_ERR_UNKNOWN_FLAG);
    CHECK_EQ(ferrex_regex_find(re, cache, LIT("abc"), &s, &m), FERREX_ERR_UNKNOWN_FLAG);
    CHECK_EQ(ferrex_regex_captures(re, cache, LIT("abc"), &s, caps), FERREX_ERR_UNKNOWN_FLAG);
    CHECK_EQ(ferrex_regex_which_matches(re, cache, LIT("abc"), &s, set, 4), FERREX_ERR_UNKNOWN_FLAG);
    s = search_of(0, 3, FERREX_SEARCH_ANCHORED | (1u << 31), 0);
    CHECK_EQ(ferrex_regex_is_match(re, NULL, LIT("abc"), &s), FERREX_ERR_UNKNOWN_FLAG);
    s = search_of(0, 3, 0xFFFFFFFFu, 0);
    CHECK_EQ(ferrex_regex_find(re, NULL, LIT("abc"), &s, &m), FERREX_ERR_UNKNOWN_FLAG);

    /* anchor pattern out of range */
    s = search_of(0, 3, FERREX_SEARCH_ANCHOR_PATTERN, 1);
    CHECK_EQ(ferrex_regex_is_match(re, cache, LIT("abc"), &s), FERREX_ERR_INDEX);
    CHECK_EQ(ferrex_regex_find(re, cache, LIT("abc"), &s, &m), FERREX_ERR_INDEX);
    CHECK_EQ(ferrex_regex_captures(re, cache, LIT("abc"), &s, caps), FERREX_ERR_INDEX);
    CHECK_EQ(ferrex_regex_which_matches(re, cache, LIT("abc"), &s, set, 4), FERREX_ERR_INDEX);
    s = search_of(0, 3, FERREX_SEARCH_ANCHOR_PATTERN, 2);
    CHECK_EQ(ferrex_regex_find(multi, NULL, LIT("abc"), &s, &m), FERREX_ERR_INDEX);
    s = search_of(0, 3, FERREX_SEARCH_ANCHOR_PATTERN, SIZE_MAX);
    CHECK_EQ(ferrex_regex_is_match(multi, NULL, LIT("abc"), &s), FERREX_ERR_INDEX);
    s = search_of(0, 3, FERREX_SEARCH_ANCHOR_PATTERN, 1); /* in range: fine */
    CHECK_EQ(ferrex_regex_is_match(multi, NULL, LIT("abc"), &s), 0);
    /* the pattern field is ignored without ANCHOR_PATTERN */
    s = search_of(0, 3, 0, 12345);
    CHECK_EQ(ferrex_regex_is_match(re, cache, LIT("abc"), &s), 1);

    /* ferrex_regex_find_all: every argument checked, *count zeroed first */
    {
        ferrex_match out[4];
        ferrex_cache *other_cache = NULL;
        size_t n = 7;
        CHECK_EQ(ferrex_regex_find_all(NULL, NULL, LIT("abc"), NULL, out, 4, &n), FERREX_ERR_NULL_POINTER);
        CHECK_EQ_U(n, 0);
        n = 7;
        CHECK_EQ(ferrex_regex_find_all(re, cache, NULL, 3, NULL, out, 4, &n), FERREX_ERR_NULL_POINTER);
        CHECK_EQ_U(n, 0);
        CHECK_EQ(ferrex_regex_find_all(re, cache, LIT("abc"), NULL, NULL, 4, &n), FERREX_ERR_NULL_POINTER);
        CHECK_EQ(ferrex_regex_find_all(re, cache, LIT("abc"), NULL, out, 4, NULL), FERREX_ERR_NULL_POINTER);
        CHECK_EQ(ferrex_regex_find_all(re, cache, LIT("abc"), NULL, out, SIZE_MAX, &n), FERREX_ERR_INVALID_ARGUMENT);
        CHECK_EQ(ferrex_regex_find_all(re, cache, LIT("abc"), NULL, NULL, 0, &n), 0); /* no room: fine */
        s = search_of(2, 9, 0, 0);
        n = 7;
        CHECK_EQ(ferrex_regex_find_all(re, cache, LIT("abc"), &s, out, 4, &n), FERREX_ERR_OUT_OF_BOUNDS);
        CHECK_EQ_U(n, 0);
        s = search_of(0, 3, 1u << 4, 0);
        CHECK_EQ(ferrex_regex_find_all(re, cache, LIT("abc"), &s, out, 4, &n), FERREX_ERR_UNKNOWN_FLAG);
        s = search_of(0, 3, FERREX_SEARCH_ANCHOR_PATTERN, 1);
        CHECK_EQ(ferrex_regex_find_all(re, cache, LIT("abc"), &s, out, 4, &n), FERREX_ERR_INDEX);
        CHECK_EQ(ferrex_cache_new(&other_cache, multi, NULL), FERREX_OK);
        CHECK_EQ(ferrex_regex_find_all(re, other_cache, LIT("abc"), NULL, out, 4, &n), FERREX_ERR_WRONG_REGEX);
        ferrex_cache_free(other_cache);
        CHECK_EQ(ferrex_regex_find_all(re, cache, LIT("abcb"), NULL, out, 4, &n), 1);
        CHECK_EQ_U(n, 2);
    }

    /* FERREX_SEARCH_AFTER_MATCH: the set query's matches may overlap, so
     * no iteration goes on from one of them */
    s = search_of(1, 3, FERREX_SEARCH_AFTER_MATCH, 0);
    CHECK_EQ(ferrex_regex_which_matches(re, cache, LIT("abc"), &s, set, 4), FERREX_ERR_INVALID_ARGUMENT);
    CHECK_EQ(ferrex_regex_which_matches(multi, NULL, LIT("abc"), &s, set, 4), FERREX_ERR_INVALID_ARGUMENT);
    CHECK_EQ(ferrex_regex_is_match(re, cache, LIT("abc"), &s), 1); /* the other searches take it */

    /* after all that, the cache and captures still work */
    CHECK_EQ(ferrex_regex_find(re, cache, LIT("abc"), NULL, &m), 1);
    CHECK_EQ_U(m.start, 1);
    CHECK_EQ(ferrex_regex_captures(re, cache, LIT("abc"), NULL, caps), 1);

    ferrex_captures_free(caps);
    ferrex_cache_free(cache);
    ferrex_regex_free(re);
    ferrex_regex_free(multi);
}

/* ---------------------------------------------------------------- iteration */

static void test_iter(void) {
    ferrex_regex *re = compile("[0-9]"), *other = compile("[0-9]");
    ferrex_iter *it = SENTINEL(ferrex_iter);
    ferrex_captures *caps = NULL, *other_caps = NULL;
    ferrex_error *err = NULL;
    ferrex_search s;
    ferrex_match m;

    CHECK_EQ(ferrex_captures_new(&caps, re, NULL), FERREX_OK);
    CHECK_EQ(ferrex_captures_new(&other_caps, other, NULL), FERREX_OK);

    /* iter_new failures: *out NULL, error set */
    CHECK_EQ(ferrex_iter_new(NULL, re, 3, NULL, &err), FERREX_ERR_NULL_POINTER);
    check_error(err, FERREX_ERR_NULL_POINTER);
    err = NULL;
    CHECK_EQ(ferrex_iter_new(&it, NULL, 3, NULL, &err), FERREX_ERR_NULL_POINTER);
    CHECK(it == NULL);
    check_error(err, FERREX_ERR_NULL_POINTER);
    s = search_of(0, 4, 0, 0);
    it = SENTINEL(ferrex_iter);
    err = NULL;
    CHECK_EQ(ferrex_iter_new(&it, re, 3, &s, &err), FERREX_ERR_OUT_OF_BOUNDS);
    CHECK(it == NULL);
    check_error(err, FERREX_ERR_OUT_OF_BOUNDS);
    s = search_of(2, 1, 0, 0);
    it = SENTINEL(ferrex_iter);
    CHECK_EQ(ferrex_iter_new(&it, re, 3, &s, NULL), FERREX_ERR_OUT_OF_BOUNDS);
    CHECK(it == NULL);
    s = search_of(0, 3, 1u << 5, 0);
    it = SENTINEL(ferrex_iter);
    err = NULL;
    CHECK_EQ(ferrex_iter_new(&it, re, 3, &s, &err), FERREX_ERR_UNKNOWN_FLAG);
    CHECK(it == NULL);
    check_error(err, FERREX_ERR_UNKNOWN_FLAG);
    s = search_of(0, 3, FERREX_SEARCH_ANCHOR_PATTERN, 1);
    it = SENTINEL(ferrex_iter);
    err = NULL;
    CHECK_EQ(ferrex_iter_new(&it, re, 3, &s, &err), FERREX_ERR_INDEX);
    CHECK(it == NULL);
    check_error(err, FERREX_ERR_INDEX);

    /* a good iterator */
    err = SENTINEL(ferrex_error);
    CHECK_EQ(ferrex_iter_new(&it, re, 5, NULL, &err), FERREX_OK);
    CHECK(err == NULL);

    /* iter_next / next_captures: NULLs */
    CHECK_EQ(ferrex_iter_next(NULL, LIT("1a2b3"), &m), FERREX_ERR_NULL_POINTER);
    CHECK_EQ(ferrex_iter_next(it, NULL, 5, &m), FERREX_ERR_NULL_POINTER);
    CHECK_EQ(ferrex_iter_next(it, LIT("1a2b3"), NULL), FERREX_ERR_NULL_POINTER);
    CHECK_EQ(ferrex_iter_next_captures(NULL, LIT("1a2b3"), caps), FERREX_ERR_NULL_POINTER);
    CHECK_EQ(ferrex_iter_next_captures(it, NULL, 5, caps), FERREX_ERR_NULL_POINTER);
    CHECK_EQ(ferrex_iter_next_captures(it, LIT("1a2b3"), NULL), FERREX_ERR_NULL_POINTER);
    /* a haystack of another length */
    CHECK_EQ(ferrex_iter_next(it, LIT("1a2b"), &m), FERREX_ERR_INVALID_ARGUMENT);
    CHECK_EQ(ferrex_iter_next(it, LIT("1a2b3c"), &m), FERREX_ERR_INVALID_ARGUMENT);
    CHECK_EQ(ferrex_iter_next(it, NULL, 0, &m), FERREX_ERR_INVALID_ARGUMENT);
    CHECK_EQ(ferrex_iter_next_captures(it, LIT("1a2b"), caps), FERREX_ERR_INVALID_ARGUMENT);
    /* captures of another regex */
    CHECK_EQ(ferrex_iter_next_captures(it, LIT("1a2b3"), other_caps), FERREX_ERR_WRONG_REGEX);
    /* none of the failures advanced the iterator */
    CHECK_EQ(ferrex_iter_next(it, LIT("1a2b3"), &m), 1);
    CHECK_EQ_U(m.start, 0);
    CHECK_EQ(ferrex_iter_next_captures(it, LIT("1a2b3"), caps), 1);
    CHECK_EQ(ferrex_captures_group(caps, 0, &m), 1);
    CHECK_EQ_U(m.start, 2);

    /* iter_reset failures leave the iterator unchanged */
    CHECK_EQ(ferrex_iter_reset(NULL, 5, NULL), FERREX_ERR_NULL_POINTER);
    s = search_of(0, 9, 0, 0);
    CHECK_EQ(ferrex_iter_reset(it, 5, &s), FERREX_ERR_OUT_OF_BOUNDS);
    s = search_of(3, 2, 0, 0);
    CHECK_EQ(ferrex_iter_reset(it, 5, &s), FERREX_ERR_OUT_OF_BOUNDS);
    s = search_of(0, 5, 1u << 4, 0);
    CHECK_EQ(ferrex_iter_reset(it, 5, &s), FERREX_ERR_UNKNOWN_FLAG);
    s = search_of(0, 5, FERREX_SEARCH_ANCHOR_PATTERN, 3);
    CHECK_EQ(ferrex_iter_reset(it, 5, &s), FERREX_ERR_INDEX);
    s = search_of(0, 2, 0, 0);
    CHECK_EQ(ferrex_iter_reset(it, 1, &s), FERREX_ERR_OUT_OF_BOUNDS);
    CHECK_EQ(ferrex_iter_next(it, LIT("1a2b3"), &m), 1); /* still the old haystack, third match */
    CHECK_EQ_U(m.start, 4);
    CHECK_EQ(ferrex_iter_next(it, LIT("1a2b3"), &m), 0);
    CHECK_EQ(ferrex_iter_next(it, LIT("1a2b"), &m), FERREX_ERR_INVALID_ARGUMENT); /* even when done */

    /* iter_next_spans: NULLs, another length, too little room; none of
     * them moves the iteration */
    {
        ferrex_match spans[2];
        size_t n = 42;
        CHECK_EQ(ferrex_iter_reset(it, 5, NULL), FERREX_OK);
        CHECK_EQ(ferrex_iter_next_spans(NULL, LIT("1a2b3"), spans, 2, &n), FERREX_ERR_NULL_POINTER);
        CHECK_EQ(ferrex_iter_next_spans(it, NULL, 5, spans, 2, &n), FERREX_ERR_NULL_POINTER);
        CHECK_EQ(ferrex_iter_next_spans(it, LIT("1a2b3"), NULL, 2, &n), FERREX_ERR_NULL_POINTER);
        CHECK_EQ(ferrex_iter_next_spans(it, LIT("1a2b3"), spans, 2, NULL), FERREX_ERR_NULL_POINTER);
        CHECK_EQ(ferrex_iter_next_spans(it, LIT("1a2b"), spans, 2, &n), FERREX_ERR_INVALID_ARGUMENT);
        n = 42;
        CHECK_EQ(ferrex_iter_next_spans(it, LIT("1a2b3"), NULL, 0, &n), FERREX_ERR_BUFFER_TOO_SMALL);
        CHECK_EQ_U(n, 1); /* "[0-9]": group 0 only */
        CHECK_EQ(ferrex_iter_next_spans(it, LIT("1a2b3"), spans, 2, &n), 1);
        CHECK_EQ_U(n, 1);
        CHECK_SPAN(spans[0], 0, 1, 0); /* the first match: nothing moved before */
    }

    /* iter_next_spans_batch: NULLs, another length, a stride too small,
     * a size past the address space; none of them moves the iteration */
    {
        ferrex_match spans[4];
        size_t n = 42;
        CHECK_EQ(ferrex_iter_reset(it, 5, NULL), FERREX_OK);
        CHECK_EQ(ferrex_iter_next_spans_batch(NULL, LIT("1a2b3"), spans, 1, 4, &n), FERREX_ERR_NULL_POINTER);
        CHECK_EQ(ferrex_iter_next_spans_batch(it, NULL, 5, spans, 1, 4, &n), FERREX_ERR_NULL_POINTER);
        CHECK_EQ(ferrex_iter_next_spans_batch(it, LIT("1a2b3"), NULL, 1, 4, &n), FERREX_ERR_NULL_POINTER);
        CHECK_EQ(ferrex_iter_next_spans_batch(it, LIT("1a2b3"), spans, 1, 4, NULL), FERREX_ERR_NULL_POINTER);
        CHECK_EQ(ferrex_iter_next_spans_batch(it, LIT("1a2b"), spans, 1, 4, &n), FERREX_ERR_INVALID_ARGUMENT);
        CHECK_EQ(ferrex_iter_next_spans_batch(it, LIT("1a2b3"), spans, 2, SIZE_MAX, &n), FERREX_ERR_INVALID_ARGUMENT);
        CHECK_EQ(ferrex_iter_next_spans_batch(it, LIT("1a2b3"), spans, SIZE_MAX / 2, 3, &n), FERREX_ERR_INVALID_ARGUMENT);
        n = 42;
        CHECK_EQ(ferrex_iter_next_spans_batch(it, LIT("1a2b3"), NULL, 0, 0, &n), FERREX_ERR_BUFFER_TOO_SMALL);
        CHECK_EQ_U(n, 1); /* "[0-9]": group 0 only */
        CHECK_EQ(ferrex_iter_next_spans_batch(it, LIT("1a2b3"), spans, 0, 4, &n), FERREX_ERR_BUFFER_TOO_SMALL);
        CHECK_EQ_U(n, 1);
        CHECK(strstr(ferrex_error_message(ferrex_error_last()), "a match needs at least 1") != NULL);
        CHECK_EQ(ferrex_iter_next_spans_batch(it, LIT("1a2b3"), spans, 1, 4, &n), 1);
        CHECK_EQ_U(n, 3); /* every match, the first included: nothing moved before */
        CHECK_SPAN(spans[0], 0, 1, 0);
        CHECK_SPAN(spans[2], 4, 5, 0);
        CHECK_EQ(ferrex_iter_next_spans_batch(it, LIT("1a2b"), spans, 1, 4, &n), FERREX_ERR_INVALID_ARGUMENT); /* even when done */
    }

    ferrex_iter_free(it);
    ferrex_captures_free(caps);
    ferrex_captures_free(other_caps);
    ferrex_regex_free(re);
    ferrex_regex_free(other);
}

/* ---------------------------------------------------------------- escape */

static void test_escape(void) {
    uint8_t buf[32];
    size_t len = 0;

    CHECK_EQ(ferrex_escape(NULL, 3, buf, sizeof buf, &len), FERREX_ERR_NULL_POINTER);
    CHECK_EQ(ferrex_escape(LIT("a.b"), buf, sizeof buf, NULL), FERREX_ERR_NULL_POINTER);
    CHECK_EQ(ferrex_escape(LIT("a.b"), NULL, 8, &len), FERREX_ERR_NULL_POINTER);
    CHECK_EQ(ferrex_escape(LIT("a\xFF"), buf, sizeof buf, &len), FERREX_ERR_INVALID_UTF8);
    CHECK_EQ(ferrex_escape(LIT("\xC3"), buf, sizeof buf, &len), FERREX_ERR_INVALID_UTF8);
    len = 0;
    memset(buf, 'Z', sizeof buf);
    CHECK_EQ(ferrex_escape(LIT("a.b"), buf, 3, &len), FERREX_ERR_BUFFER_TOO_SMALL);
    CHECK_EQ_U(len, 4);
    CHECK_MEM(buf, 4, "ZZZZ", 4);
    len = 0;
    CHECK_EQ(ferrex_escape(LIT("a.b"), NULL, 0, &len), FERREX_ERR_BUFFER_TOO_SMALL);
    CHECK_EQ_U(len, 4);
}

/* ---------------------------------------------------------------- huge lengths */

/* Any call may return FERREX_ERR_INVALID_ARGUMENT for a length over
 * PTRDIFF_MAX; nothing is read (the pointers point at one byte). */
static void test_huge_lengths(void) {
    static const uint8_t one[1] = {'a'};
    const uint8_t *ptrs[1];
    size_t lens[1];
    uint8_t set[1], out[1];
    size_t n = 0;
    ferrex_regex *re = compile("a"), *bad = SENTINEL(ferrex_regex);
    ferrex_captures *caps = NULL;
    ferrex_error *err = NULL;
    ferrex_match m;
    const size_t huge = SIZE_MAX, over = (size_t)PTRDIFF_MAX + 1;

    CHECK_EQ(ferrex_captures_new(&caps, re, NULL), FERREX_OK);
    CHECK_EQ(ferrex_regex_new(&bad, one, huge, 0, NULL, &err), FERREX_ERR_INVALID_ARGUMENT);
    CHECK(bad == NULL);
    check_error(err, FERREX_ERR_INVALID_ARGUMENT);
    CHECK_EQ(ferrex_regex_new(&bad, one, over, 0, NULL, NULL), FERREX_ERR_INVALID_ARGUMENT);
    ptrs[0] = one;
    lens[0] = huge;
    CHECK_EQ(ferrex_regex_new_many(&bad, ptrs, lens, 1, 0, NULL, NULL), FERREX_ERR_INVALID_ARGUMENT);
    CHECK_EQ(ferrex_regex_new_many(&bad, ptrs, lens, huge, 0, NULL, NULL), FERREX_ERR_INVALID_ARGUMENT);
    CHECK(bad == NULL);
    CHECK_EQ(ferrex_regex_is_match(re, NULL, one, huge, NULL), FERREX_ERR_INVALID_ARGUMENT);
    CHECK_EQ(ferrex_regex_find(re, NULL, one, over, NULL, &m), FERREX_ERR_INVALID_ARGUMENT);
    CHECK_EQ(ferrex_regex_captures(re, NULL, one, huge, NULL, caps), FERREX_ERR_INVALID_ARGUMENT);
    CHECK_EQ(ferrex_regex_which_matches(re, NULL, one, huge, NULL, set, 1), FERREX_ERR_INVALID_ARGUMENT);
    CHECK_EQ(ferrex_regex_which_matches(re, NULL, one, 1, NULL, set, huge), FERREX_ERR_INVALID_ARGUMENT);
    CHECK_EQ(ferrex_regex_find_all(re, NULL, one, huge, NULL, &m, 1, &n), FERREX_ERR_INVALID_ARGUMENT);
    CHECK_EQ(ferrex_regex_find_all(re, NULL, one, 1, NULL, &m, over, &n), FERREX_ERR_INVALID_ARGUMENT);
    CHECK_EQ(ferrex_regex_group_index(re, 0, one, huge, &n), FERREX_ERR_INVALID_ARGUMENT);
    CHECK_EQ(ferrex_escape(one, huge, out, 1, &n), FERREX_ERR_INVALID_ARGUMENT);
    CHECK_EQ(ferrex_escape(one, 1, out, huge, &n), FERREX_ERR_INVALID_ARGUMENT);
    CHECK_EQ(ferrex_regex_captures(re, NULL, one, 1, NULL, caps), 1); /* sanity */
    CHECK_EQ(ferrex_captures_group_by_name(caps, one, huge, &m), FERREX_ERR_INVALID_ARGUMENT);
    ferrex_captures_free(caps);
    ferrex_regex_free(re);
}

/*
 * A haystack shorter than every match is answered "no match" by is-match
 * and find before the guard (capi/src/search.rs: rejected_early); bad
 * arguments with one still get their statuses, and the answer leaves the
 * last error alone.
 */
static void test_too_short_haystacks(void) {
    ferrex_regex *re = compile("[0-9]{4}-[0-9]{2}"), *other = compile("[0-9]{4}-[0-9]{2}");
    ferrex_cache *cache = NULL, *other_cache = NULL;
    ferrex_search s = search_of(0, 6, 1u << 4, 0);
    ferrex_match m;
    CHECK_EQ(ferrex_cache_new(&cache, re, NULL), FERREX_OK);
    CHECK_EQ(ferrex_cache_new(&other_cache, other, NULL), FERREX_OK);

    CHECK_EQ(ferrex_regex_is_match(re, cache, LIT("2024-1"), NULL), 0);
    CHECK_EQ(ferrex_regex_is_match(re, NULL, LIT("2024-1"), NULL), 0);
    CHECK_EQ(ferrex_regex_is_match(re, cache, NULL, 0, NULL), 0);
    CHECK_EQ(ferrex_regex_is_match(re, cache, LIT("2024-12"), NULL), 1); /* just long enough */
    CHECK_EQ(ferrex_regex_is_match(re, NULL, LIT("2024-12"), NULL), 1);
    m.start = m.end = m.pattern = 77;
    CHECK_EQ(ferrex_regex_find(re, cache, LIT("2024-1"), NULL, &m), 0);
    CHECK_EQ(ferrex_regex_find(re, NULL, NULL, 0, NULL, &m), 0);
    CHECK_SPAN(m, 77, 77, 77); /* left alone */
    CHECK_EQ(ferrex_regex_find(re, cache, LIT("2024-12"), NULL, &m), 1);
    CHECK_SPAN(m, 0, 7, 0);

    ferrex_error_clear();
    CHECK_EQ(ferrex_regex_is_match(NULL, cache, LIT("2024-1"), NULL), FERREX_ERR_NULL_POINTER);
    CHECK(ferrex_error_last() != NULL && ferrex_error_status(ferrex_error_last()) == FERREX_ERR_NULL_POINTER);
    CHECK_EQ(ferrex_regex_is_match(re, cache, NULL, 6, NULL), FERREX_ERR_NULL_POINTER);
    CHECK_EQ(ferrex_regex_is_match(re, NULL, NULL, 6, NULL), FERREX_ERR_NULL_POINTER);
    CHECK_EQ(ferrex_regex_is_match(re, other_cache, LIT("2024-1"), NULL), FERREX_ERR_WRONG_REGEX);
    CHECK_EQ(ferrex_regex_is_match(re, other_cache, NULL, 0, NULL), FERREX_ERR_WRONG_REGEX);
    CHECK_EQ(ferrex_regex_find(re, cache, LIT("2024-1"), NULL, NULL), FERREX_ERR_NULL_POINTER);
    CHECK_EQ(ferrex_regex_find(re, cache, NULL, 6, NULL, &m), FERREX_ERR_NULL_POINTER);
    CHECK_EQ(ferrex_regex_find(NULL, cache, LIT("2024-1"), NULL, &m), FERREX_ERR_NULL_POINTER);
    CHECK_EQ(ferrex_regex_find(re, other_cache, LIT("2024-1"), NULL, &m), FERREX_ERR_WRONG_REGEX);
    CHECK_EQ(ferrex_regex_is_match(re, cache, LIT("2024-1"), &s), FERREX_ERR_UNKNOWN_FLAG);
    CHECK_EQ(ferrex_regex_find(re, cache, LIT("2024-1"), &s, &m), FERREX_ERR_UNKNOWN_FLAG);
    s = search_of(0, 7, 0, 0);
    CHECK_EQ(ferrex_regex_is_match(re, cache, LIT("2024-1"), &s), FERREX_ERR_OUT_OF_BOUNDS);
    CHECK(ferrex_error_status(ferrex_error_last()) == FERREX_ERR_OUT_OF_BOUNDS);
    /* a rejection is a success: the last error stays */
    CHECK_EQ(ferrex_regex_is_match(re, cache, LIT("2024-1"), NULL), 0);
    CHECK(ferrex_error_status(ferrex_error_last()) == FERREX_ERR_OUT_OF_BOUNDS);

    ferrex_cache_free(cache);
    ferrex_cache_free(other_cache);
    ferrex_regex_free(re);
    ferrex_regex_free(other);
}

/*
 * A haystack no match fits (shorter than every match, or for a regex
 * anchored at both ends longer than any) is answered "no match" by count
 * and captures before the guard too, as by is-match and find (find-all
 * answers it behind the guard); captures then report no match. Bad
 * arguments with one still get their statuses: a NULL count, an output
 * buffer that cannot be, another regex's cache or captures, and a length
 * past the address space, which no length test may answer for a regex
 * anchored at both ends.
 */
static void test_haystacks_no_match_fits(void) {
    static const uint8_t one[1] = {'a'};
    ferrex_regex *re = compile("^([0-9]{2})-([0-9]{2})$"), *other = compile("^([0-9]{2})-([0-9]{2})$");
    ferrex_cache *cache = NULL, *other_cache = NULL;
    ferrex_captures *caps = NULL, *other_caps = NULL;
    ferrex_match out[2], m;
    size_t n = 77, pattern = 0;
    CHECK_EQ(ferrex_cache_new(&cache, re, NULL), FERREX_OK);
    CHECK_EQ(ferrex_cache_new(&other_cache, other, NULL), FERREX_OK);
    CHECK_EQ(ferrex_captures_new(&caps, re, NULL), FERREX_OK);
    CHECK_EQ(ferrex_captures_new(&other_caps, other, NULL), FERREX_OK);

    /* too short, fitting, too long */
    CHECK_EQ(ferrex_regex_count(re, cache, LIT("12-3"), NULL, &n), FERREX_OK);
    CHECK_EQ(n, 0);
    CHECK_EQ(ferrex_regex_count(re, NULL, LIT("12-34"), NULL, &n), FERREX_OK);
    CHECK_EQ(n, 1);
    CHECK_EQ(ferrex_regex_count(re, cache, LIT("12-345"), NULL, &n), FERREX_OK);
    CHECK_EQ(n, 0);
    CHECK_EQ(ferrex_regex_is_match(re, cache, LIT("12-345"), NULL), 0);
    CHECK_EQ(ferrex_regex_find(re, cache, LIT("12-345"), NULL, &m), 0);
    n = 77;
    CHECK_EQ(ferrex_regex_find_all(re, cache, LIT("12-345"), NULL, out, 2, &n), 0);
    CHECK_EQ(n, 0);
    n = 77;
    CHECK_EQ(ferrex_regex_find_all(re, cache, LIT("1"), NULL, NULL, 0, &n), 0);
    CHECK_EQ(n, 0);
    CHECK_EQ(ferrex_regex_find_all(re, cache, LIT("12-34"), NULL, out, 2, &n), 1);
    CHECK_EQ(n, 1);
    CHECK_SPAN(out[0], 0, 5, 0);
    CHECK_EQ(ferrex_regex_captures(re, cache, LIT("12-34"), NULL, caps), 1);
    CHECK_EQ(ferrex_captures_group(caps, 2, &m), 1);
    CHECK_SPAN(m, 3, 5, 0);
    CHECK_EQ(ferrex_regex_captures(re, cache, LIT("12-345"), NULL, caps), 0);
    CHECK_EQ(ferrex_captures_pattern(caps, &pattern), 0); /* the match before is gone */
    CHECK_EQ(ferrex_captures_group(caps, 0, &m), 0);
    CHECK_EQ(ferrex_regex_captures(re, NULL, NULL, 0, NULL, caps), 0);

    ferrex_error_clear();
    CHECK_EQ(ferrex_regex_count(re, cache, LIT("12-345"), NULL, NULL), FERREX_ERR_NULL_POINTER);
    CHECK_EQ(ferrex_regex_count(re, other_cache, LIT("12-345"), NULL, &n), FERREX_ERR_WRONG_REGEX);
    CHECK_EQ(ferrex_regex_count(NULL, cache, LIT("12-345"), NULL, &n), FERREX_ERR_NULL_POINTER);
    CHECK_EQ(ferrex_regex_find_all(re, cache, LIT("12-345"), NULL, out, 2, NULL), FERREX_ERR_NULL_POINTER);
    CHECK_EQ(ferrex_regex_find_all(re, cache, LIT("12-345"), NULL, NULL, 2, &n), FERREX_ERR_NULL_POINTER);
    CHECK_EQ(ferrex_regex_find_all(re, cache, LIT("12-345"), NULL, out, (size_t)PTRDIFF_MAX, &n),
             FERREX_ERR_INVALID_ARGUMENT);
    CHECK_EQ(ferrex_regex_find_all(re, other_cache, LIT("12-345"), NULL, out, 2, &n), FERREX_ERR_WRONG_REGEX);
    CHECK_EQ(ferrex_regex_captures(re, cache, LIT("12-345"), NULL, NULL), FERREX_ERR_NULL_POINTER);
    CHECK_EQ(ferrex_regex_captures(re, cache, LIT("12-345"), NULL, other_caps), FERREX_ERR_WRONG_REGEX);
    CHECK_EQ(ferrex_regex_captures(re, other_cache, LIT("12-345"), NULL, caps), FERREX_ERR_WRONG_REGEX);
    /* longer than any match, and than the address space */
    CHECK_EQ(ferrex_regex_is_match(re, NULL, one, SIZE_MAX, NULL), FERREX_ERR_INVALID_ARGUMENT);
    CHECK_EQ(ferrex_regex_find(re, NULL, one, SIZE_MAX, NULL, &m), FERREX_ERR_INVALID_ARGUMENT);
    CHECK_EQ(ferrex_regex_count(re, NULL, one, SIZE_MAX, NULL, &n), FERREX_ERR_INVALID_ARGUMENT);
    CHECK_EQ(ferrex_regex_find_all(re, NULL, one, SIZE_MAX, NULL, out, 2, &n), FERREX_ERR_INVALID_ARGUMENT);
    CHECK_EQ(ferrex_regex_captures(re, NULL, one, SIZE_MAX, NULL, caps), FERREX_ERR_INVALID_ARGUMENT);
    CHECK(ferrex_error_status(ferrex_error_last()) == FERREX_ERR_INVALID_ARGUMENT);
    /* a rejection is a success: the last error stays */
    CHECK_EQ(ferrex_regex_count(re, cache, LIT("12-345"), NULL, &n), FERREX_OK);
    CHECK_EQ(ferrex_regex_captures(re, cache, LIT("12-345"), NULL, caps), 0);
    CHECK(ferrex_error_status(ferrex_error_last()) == FERREX_ERR_INVALID_ARGUMENT);

    ferrex_captures_free(caps);
    ferrex_captures_free(other_caps);
    ferrex_cache_free(cache);
    ferrex_cache_free(other_cache);
    ferrex_regex_free(re);
    ferrex_regex_free(other);
}

int main(void) {
    test_error_object();
    test_frees();
    test_options();
    test_compile();
    test_compile_many();
    test_queries();
    test_handles();
    test_searches();
    test_too_short_haystacks();
    test_haystacks_no_match_fits();
    test_iter();
    test_escape();
    test_huge_lengths();
    return check_report("test_errors");
}
