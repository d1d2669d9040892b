/*
 * test_hostile.c - inputs that once crashed, blew up or answered
 * differently with a performance setting (issue 13), each with the answer
 * the header documents now:
 * - many patterns: compiling refuses what the search memory limit cannot
 *   afford (before, the first search aborted on a 64 GB allocation);
 * - huge patterns: refused by length or NFA size before they cost seconds
 *   and gigabytes, with a short message;
 * - no answer depends on the lazy DFA cache capacity or the full DFA size
 *   limit (ALL match kind, EARLIEST), and anchored set queries report only
 *   patterns that match at the start.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "ferrex.h"

#define LIT(s) (const uint8_t *)(s), (sizeof(s) - 1)

/* `count` seven-byte literals p000000, p000001, ... compiled together. */
static int32_t compile_literals(size_t count, const ferrex_options *opts, ferrex_regex **out, ferrex_error **err) {
    char *text = malloc(count * 8);
    const uint8_t **patterns = malloc(count * sizeof *patterns);
    size_t *lens = malloc(count * sizeof *lens);
    for (size_t i = 0; i < count; i++) {
        snprintf(text + i * 8, 8, "p%06u", (unsigned)(i % 1000000));
        patterns[i] = (const uint8_t *)(text + i * 8);
        lens[i] = 7;
    }
    int32_t rc = ferrex_regex_new_many(out, patterns, lens, count, 0, opts, err);
    free(lens);
    free(patterns);
    free(text);
    return rc;
}

static void many_patterns_are_refused_before_a_search_needs_gigabytes(void) {
    ferrex_regex *re = NULL;
    ferrex_error *err = NULL;
    CHECK_EQ(compile_literals(20000, NULL, &re, &err), FERREX_ERR_SIZE_LIMIT);
    CHECK(re == NULL);
    CHECK(err != NULL && strstr(ferrex_error_message(err), "search memory limit") != NULL);
    ferrex_error_free(err);

    /* A few hundred patterns fit the default and search normally... */
    err = NULL;
    CHECK_EQ(compile_literals(300, NULL, &re, &err), FERREX_OK);
    ferrex_match m;
    CHECK_EQ(ferrex_regex_find(re, NULL, LIT("xx p000299 yy"), NULL, &m), 1);
    CHECK_EQ(m.start, 3);
    CHECK_EQ(m.pattern, 299);
    uint8_t matched[300];
    CHECK_EQ(ferrex_regex_which_matches(re, NULL, LIT("p000007p000123"), NULL, matched, sizeof matched), 1);
    CHECK(matched[7] && matched[123] && !matched[8]);
    ferrex_regex_free(re);

    /* ...and a lower limit refuses them: the caller sets the bound. */
    ferrex_options *opts = NULL;
    CHECK_EQ(ferrex_options_new(&opts, NULL), FERREX_OK);
    CHECK_EQ(ferrex_options_set_search_memory_limit(opts, 1 << 20), FERREX_OK);
    CHECK_EQ(ferrex_options_set_search_memory_limit(NULL, 1), FERREX_ERR_NULL_POINTER);
    re = NULL;
    CHECK_EQ(compile_literals(300, opts, &re, NULL), FERREX_ERR_SIZE_LIMIT);
    CHECK(re == NULL);
    ferrex_options_free(opts);
}

/* A pattern of `reps` copies of `unit`; returns the status, checks the message is short. */
static int32_t compile_repeated(const char *unit, size_t reps, size_t max_message) {
    size_t n = strlen(unit), len = n * reps;
    char *pattern = malloc(len);
    for (size_t i = 0; i < reps; i++)
        memcpy(pattern + i * n, unit, n);
    ferrex_regex *re = NULL;
    ferrex_error *err = NULL;
    int32_t rc = ferrex_regex_new(&re, (const uint8_t *)pattern, len, 0, NULL, &err);
    if (err != NULL) {
        CHECK(strlen(ferrex_error_message(err)) <= max_message);
        ferrex_error_free(err);
    }
    ferrex_regex_free(re);
    free(pattern);
    return rc;
}

static void huge_patterns_are_refused_early_with_short_messages(void) {
    /* 10 MB of `(`: refused by length, unread (was 3.2 GB, 20 MB message). */
    CHECK_EQ(compile_repeated("(", 10000000, 300), FERREX_ERR_SIZE_LIMIT);
    /* 1 MB of `a?`: the NFA's lower bound refuses it before it is built. */
    CHECK_EQ(compile_repeated("a?", 500000, 300), FERREX_ERR_SIZE_LIMIT);
    /* A long pattern's syntax error names the place without quoting it all. */
    CHECK_EQ(compile_repeated("(((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((", 100, 300),
             FERREX_ERR_SYNTAX);
}

/* find with `opts` on `hay` (whole, `search_flags`), as start/end/pattern. */
static ferrex_match find_with(const char *const *patterns, size_t count, const ferrex_options *opts, const char *hay,
                              uint32_t search_flags) {
    const uint8_t *ps[4];
    size_t lens[4];
    for (size_t i = 0; i < count; i++) {
        ps[i] = (const uint8_t *)patterns[i];
        lens[i] = strlen(patterns[i]);
    }
    ferrex_regex *re = NULL;
    ferrex_match m = {99, 99, 99};
    if (!CHECK_EQ(ferrex_regex_new_many(&re, ps, lens, count, 0, opts, NULL), FERREX_OK))
        return m;
    ferrex_search search = {0, strlen(hay), search_flags, 0};
    ferrex_regex_find(re, NULL, (const uint8_t *)hay, strlen(hay), &search, &m);
    ferrex_regex_free(re);
    return m;
}

static ferrex_options *options(uint32_t kind, size_t cache, size_t dfa_limit) {
    ferrex_options *o = NULL;
    CHECK_EQ(ferrex_options_new(&o, NULL), FERREX_OK);
    CHECK_EQ(ferrex_options_set_match_kind(o, kind), FERREX_OK);
    CHECK_EQ(ferrex_options_set_dfa_cache_capacity(o, cache), FERREX_OK);
    CHECK_EQ(ferrex_options_set_dfa_size_limit(o, dfa_limit), FERREX_OK);
    return o;
}

static void answers_do_not_depend_on_cache_or_dfa_limits(void) {
    const char *words[] = {"\\w+", "\\d+"};
    const char *empty_first[] = {"", "\\w"};
    const char *alt[] = {"ab|a"};
    const char *plus[] = {"\\w+"};
    for (int variant = 0; variant < 3; variant++) {
        size_t cache = variant == 1 ? 1 : 2 << 20, dfa = variant == 2 ? 0 : 256 << 10;
        ferrex_options *all = options(FERREX_MATCH_KIND_ALL, cache, dfa);
        ferrex_options *first = options(FERREX_MATCH_KIND_LEFTMOST_FIRST, cache, dfa);
        /* ALL: the match that ends last, extended as far left as it reaches. */
        ferrex_match m = find_with(words, 2, all, "123 abc_9", 0);
        CHECK(m.start == 4 && m.end == 9 && m.pattern == 0);
        m = find_with(empty_first, 2, all, "c", 0);
        CHECK(m.start == 0 && m.end == 1 && m.pattern == 1);
        /* EARLIEST: the first match end, whatever engine runs. */
        m = find_with(alt, 1, first, "ab", FERREX_SEARCH_EARLIEST);
        CHECK(m.start == 0 && m.end == 1);
        m = find_with(plus, 1, first, "abc", FERREX_SEARCH_EARLIEST);
        CHECK(m.start == 0 && m.end == 1);
        ferrex_options_free(all);
        ferrex_options_free(first);
    }
}

static void anchored_set_queries_report_only_matches_at_the_start(void) {
    const uint8_t *ps[] = {(const uint8_t *)"b", (const uint8_t *)"\\ba"};
    size_t lens[] = {1, 3};
    ferrex_regex *re = NULL;
    CHECK_EQ(ferrex_regex_new_many(&re, ps, lens, 2, 0, NULL, NULL), FERREX_OK);
    ferrex_search search = {0, 4, FERREX_SEARCH_ANCHORED, 0};
    uint8_t matched[2] = {9, 9};
    CHECK_EQ(ferrex_regex_which_matches(re, NULL, LIT("ab\xC3\xA9"), &search, matched, 2), 1);
    CHECK(!matched[0] && matched[1]);
    ferrex_regex_free(re);
}

/* A NULL pattern with a length names its index, like a syntax error does. */
static void a_null_pattern_is_named_in_the_error(void) {
    const uint8_t *ps[] = {(const uint8_t *)"a", NULL};
    size_t lens[] = {1, 3};
    ferrex_regex *re = NULL;
    ferrex_error *err = NULL;
    CHECK_EQ(ferrex_regex_new_many(&re, ps, lens, 2, 0, NULL, &err), FERREX_ERR_NULL_POINTER);
    size_t index = 99;
    CHECK_EQ(ferrex_error_pattern(err, &index), 1);
    CHECK_EQ(index, 1);
    ferrex_error_free(err);
}

/*
 * UTF-8 mode on invalid UTF-8, with regexes that can match empty: every
 * query agrees, and they find what byte mode finds (regex-automata alone
 * dropped matches ending before a stray continuation byte, or panicked).
 */
static void invalid_utf8_answers_agree_between_queries(void) {
    const char *three[] = {"ab", "a", ""};
    ferrex_match m = find_with(three, 3, NULL, "ab\x80", 0);
    CHECK(m.start == 0 && m.end == 2 && m.pattern == 0);

    const uint8_t *ps[] = {(const uint8_t *)"ab", (const uint8_t *)""};
    size_t lens[] = {2, 0};
    ferrex_regex *re = NULL;
    CHECK_EQ(ferrex_regex_new_many(&re, ps, lens, 2, 0, NULL, NULL), FERREX_OK);
    uint8_t matched[2] = {9, 9};
    CHECK_EQ(ferrex_regex_which_matches(re, NULL, LIT("ab\x80"), NULL, matched, 2), 1);
    CHECK(matched[0] && matched[1]);
    ferrex_regex_free(re);

    re = NULL;
    CHECK_EQ(ferrex_regex_new(&re, LIT("(a*)(b*)"), 0, NULL, NULL), FERREX_OK);
    ferrex_search anchored = {0, 2, FERREX_SEARCH_ANCHORED, 0};
    CHECK_EQ(ferrex_regex_is_match(re, NULL, LIT("a\x87"), &anchored), 1);
    ferrex_match found = {99, 99, 99};
    CHECK_EQ(ferrex_regex_find(re, NULL, LIT("a\x87"), &anchored, &found), 1);
    CHECK(found.start == 0 && found.end == 1);
    ferrex_captures *caps = NULL;
    CHECK_EQ(ferrex_captures_new(&caps, re, NULL), FERREX_OK);
    CHECK_EQ(ferrex_regex_captures(re, NULL, LIT("a\x87"), &anchored, caps), 1);
    ferrex_match group = {99, 99, 99};
    CHECK_EQ(ferrex_captures_group(caps, 1, &group), 1);
    CHECK(group.start == 0 && group.end == 1);
    ferrex_captures_free(caps);
    ferrex_regex_free(re);

    /* `[^a]*ab?` with a one-byte cache and no full DFA once returned INTERNAL. */
    ferrex_options *tiny = options(FERREX_MATCH_KIND_LEFTMOST_FIRST, 1, 0);
    re = NULL;
    CHECK_EQ(ferrex_regex_new(&re, LIT("[^a]*ab?"), 0, tiny, NULL), FERREX_OK);
    CHECK_EQ(ferrex_captures_new(&caps, re, NULL), FERREX_OK);
    CHECK_EQ(ferrex_regex_captures(re, NULL, LIT("a"), NULL, caps), 1);
    CHECK_EQ(ferrex_captures_group(caps, 0, &group), 1);
    CHECK(group.start == 0 && group.end == 1);
    ferrex_captures_free(caps);
    ferrex_regex_free(re);
    ferrex_options_free(tiny);
}

int main(void) {
    invalid_utf8_answers_agree_between_queries();
    a_null_pattern_is_named_in_the_error();
    many_patterns_are_refused_before_a_search_needs_gigabytes();
    huge_patterns_are_refused_early_with_short_messages();
    answers_do_not_depend_on_cache_or_dfa_limits();
    anchored_set_queries_report_only_matches_at_the_start();
    return check_report("test_hostile");
}
