/*
 * test_phrases.c - the phrase-set API (ferrex_phrase_options_*,
 * ferrex_phrases_*, ferrex_phrase_iter_*, ferrex_bytes_free) and the regex
 * batch iterator (ferrex_iter_next_batch), on real inputs with results
 * derived by hand from the documented semantics: match kinds, case
 * folding, bounds and anchoring, overlapping and batched iteration,
 * replacement, every documented status, a 1,000-phrase set checked
 * against a naive leftmost-longest reference, the documented answers for
 * empty phrases, and the build bounds on hostile phrase sets.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "ferrex.h"

/* A string literal as (const uint8_t *, length), embedded NULs included. */
#define LIT(s) (const uint8_t *)(s), (sizeof(s) - 1)
#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* Non-NULL pointers that must be overwritten (never dereferenced). */
static long long sentinel_storage[4];
#define SENTINEL(type) ((type *)(void *)&sentinel_storage[0])

static const uint32_t AUTOMATA[4] = {FERREX_PHRASE_AUTOMATON_AUTO, FERREX_PHRASE_AUTOMATON_NFA,
                                     FERREX_PHRASE_AUTOMATON_CONTIGUOUS_NFA, FERREX_PHRASE_AUTOMATON_DFA};
static const uint32_t KINDS[3] = {FERREX_PHRASE_MATCH_STANDARD, FERREX_PHRASE_MATCH_LEFTMOST_FIRST,
                                  FERREX_PHRASE_MATCH_LEFTMOST_LONGEST};

#define MAXM 256

/* ---------------------------------------------------------------- helpers */

static ferrex_match no_match(void) {
    ferrex_match m;
    m.start = 777;
    m.end = 888;
    m.pattern = 999;
    return m;
}

static ferrex_phrase_options *make_options(uint32_t kind, uint32_t automaton, uint32_t starts, uint32_t ascii,
                                           uint32_t unicode) {
    ferrex_phrase_options *o = NULL;
    CHECK_EQ(ferrex_phrase_options_new(&o, NULL), FERREX_OK);
    CHECK_EQ(ferrex_phrase_options_set_match_kind(o, kind), FERREX_OK);
    CHECK_EQ(ferrex_phrase_options_set_automaton(o, automaton), FERREX_OK);
    CHECK_EQ(ferrex_phrase_options_set_starts(o, starts), FERREX_OK);
    CHECK_EQ(ferrex_phrase_options_set_ascii_case_insensitive(o, ascii), FERREX_OK);
    CHECK_EQ(ferrex_phrase_options_set_unicode_case_insensitive(o, unicode), FERREX_OK);
    return o;
}

/* Builds a set; `lens` NULL means strlen. Records a failure on error. */
static ferrex_phrases *build_lens(const char *const *phrases, const size_t *lens, size_t n,
                                  const ferrex_phrase_options *o) {
    const uint8_t *ptrs[64];
    size_t l[64];
    size_t i;
    ferrex_phrases *set = NULL;
    ferrex_error *err = NULL;
    int32_t st;
    for (i = 0; i < n && i < 64; i++) {
        ptrs[i] = (const uint8_t *)phrases[i];
        l[i] = lens ? lens[i] : strlen(phrases[i]);
    }
    st = ferrex_phrases_new(&set, ptrs, l, n, o, &err);
    if (!CHECK_EQ(st, FERREX_OK))
        fprintf(stderr, "  ferrex_phrases_new: %s\n", ferrex_error_message(err));
    CHECK(err == NULL);
    ferrex_error_free(err);
    return set;
}

static ferrex_phrases *build(const char *const *phrases, size_t n, const ferrex_phrase_options *o) {
    return build_lens(phrases, NULL, n, o);
}

/* Builds with all five options in one call. */
static ferrex_phrases *build_with(const char *const *phrases, size_t n, uint32_t kind, uint32_t automaton,
                                  uint32_t starts, uint32_t ascii, uint32_t unicode) {
    ferrex_phrase_options *o = make_options(kind, automaton, starts, ascii, unicode);
    ferrex_phrases *set = build(phrases, n, o);
    ferrex_phrase_options_free(o);
    return set;
}

/*
 * find, with is_match agreeing (1/0 or the same negative status). `out` is
 * left as no_match() when nothing is found.
 */
static int find(const ferrex_phrases *set, const void *hay, size_t len, const ferrex_search *s, ferrex_match *out) {
    ferrex_match m = no_match();
    int r = ferrex_phrases_find(set, (const uint8_t *)hay, len, s, &m);
    CHECK_EQ(ferrex_phrases_is_match(set, (const uint8_t *)hay, len, s), r);
    if (r != 1) /* unchanged when there is no match (or an error) */
        CHECK_SPAN(m, 777, 888, 999);
    *out = m;
    return r;
}

/*
 * Every match of a full iteration, one ferrex_phrase_iter_next() at a time.
 * Checks that the end is sticky (0, then 0 again). Returns the count (at
 * most cap are stored; more than cap is a failure).
 */
static size_t iterate(const ferrex_phrases *set, const void *hay, size_t len, const ferrex_search *s,
                      uint32_t overlapping, ferrex_match *out, size_t cap) {
    ferrex_phrase_iter *it = NULL;
    ferrex_match m;
    size_t n = 0;
    int r;
    if (!CHECK_EQ(ferrex_phrase_iter_new(&it, set, len, s, overlapping, NULL), FERREX_OK))
        return 0;
    while ((r = ferrex_phrase_iter_next(it, (const uint8_t *)hay, len, &m)) == 1) {
        if (n == cap) {
            CHECK_FAIL("iteration produced more matches than expected");
            break;
        }
        out[n++] = m;
    }
    if (n < cap)
        CHECK_EQ(r, 0);
    m = no_match();
    CHECK_EQ(ferrex_phrase_iter_next(it, (const uint8_t *)hay, len, &m), 0);
    CHECK_SPAN(m, 777, 888, 999);
    ferrex_phrase_iter_free(it);
    return n;
}

/*
 * A full iteration through ferrex_phrase_iter_next_batch() with capacity
 * `batch`. Checks the batch contract: 1 with 1 <= *count <= cap, or 0 with
 * *count 0; a short batch is the last one; exhaustion is sticky.
 */
static size_t iterate_batch(const ferrex_phrases *set, const void *hay, size_t len, const ferrex_search *s,
                            uint32_t overlapping, size_t batch, ferrex_match *out, size_t cap) {
    ferrex_phrase_iter *it = NULL;
    ferrex_match *buf = (ferrex_match *)malloc(batch * sizeof(ferrex_match));
    size_t n = 0, c;
    int r, ok = 1, short_seen = 0;
    if (!CHECK_EQ(ferrex_phrase_iter_new(&it, set, len, s, overlapping, NULL), FERREX_OK) || buf == NULL) {
        free(buf);
        return 0;
    }
    for (;;) {
        c = 12345;
        r = ferrex_phrase_iter_next_batch(it, (const uint8_t *)hay, len, buf, batch, &c);
        if (r == 0) {
            if (c != 0) {
                fprintf(stderr, "  next_batch returned 0 with *count %zu\n", c);
                ok = 0;
            }
            break;
        }
        if (r != 1 || c < 1 || c > batch) {
            fprintf(stderr, "  next_batch(cap %zu) returned %d with *count %zu\n", batch, r, c);
            ok = 0;
            break;
        }
        if (short_seen) {
            fprintf(stderr, "  a batch came after a short batch (cap %zu)\n", batch);
            ok = 0;
            break;
        }
        if (c < batch)
            short_seen = 1;
        if (n + c > cap) {
            fprintf(stderr, "  batched iteration produced more than %zu matches\n", cap);
            ok = 0;
            break;
        }
        memcpy(out + n, buf, c * sizeof(ferrex_match));
        n += c;
    }
    CHECK(ok);
    c = 12345;
    CHECK_EQ(ferrex_phrase_iter_next_batch(it, (const uint8_t *)hay, len, buf, batch, &c), 0);
    CHECK_EQ_U(c, 0);
    ferrex_phrase_iter_free(it);
    free(buf);
    return n;
}

/* Compares a match list with expected {start, end, phrase} triples. */
static void check_list(const char *what, const ferrex_match *got, size_t n, const size_t (*want)[3], size_t wn) {
    size_t i;
    int ok = CHECK_EQ_U(n, wn);
    for (i = 0; i < n && i < wn; i++)
        ok &= CHECK_SPAN(got[i], want[i][0], want[i][1], want[i][2]);
    if (!ok)
        fprintf(stderr, "  (in: %s)\n", what);
}

static int same_lists(const ferrex_match *a, size_t na, const ferrex_match *b, size_t nb) {
    size_t i;
    if (na != nb)
        return 0;
    for (i = 0; i < na; i++)
        if (a[i].start != b[i].start || a[i].end != b[i].end || a[i].pattern != b[i].pattern)
            return 0;
    return 1;
}

/* Every way of iterating must give `want`: next, batches of 1, 3, 64. */
static void check_iteration(const char *what, const ferrex_phrases *set, const void *hay, size_t len,
                            const ferrex_search *s, uint32_t overlapping, const size_t (*want)[3], size_t wn) {
    static const size_t caps[3] = {1, 3, 64};
    ferrex_match got[MAXM];
    size_t n, i;
    n = iterate(set, hay, len, s, overlapping, got, MAXM);
    check_list(what, got, n, want, wn);
    for (i = 0; i < COUNT(caps); i++) {
        n = iterate_batch(set, hay, len, s, overlapping, caps[i], got, MAXM);
        check_list(what, got, n, want, wn);
    }
}

static ferrex_phrases_info info_of(const ferrex_phrases *set) {
    ferrex_phrases_info info;
    memset(&info, 0xAB, sizeof info);
    CHECK_EQ(ferrex_phrases_describe(set, &info), FERREX_OK);
    return info;
}

/* ---------------------------------------------------------------- options */

static void test_options(void) {
    ferrex_phrase_options *o = NULL;
    ferrex_error *err = SENTINEL(ferrex_error);
    uint32_t v;

    CHECK_EQ(ferrex_phrase_options_new(&o, &err), FERREX_OK);
    CHECK(o != NULL);
    CHECK(err == NULL); /* success clears *error */

    /* every valid value of every setter */
    for (v = 0; v < 3; v++)
        CHECK_EQ(ferrex_phrase_options_set_match_kind(o, KINDS[v]), FERREX_OK);
    for (v = 0; v < 4; v++)
        CHECK_EQ(ferrex_phrase_options_set_automaton(o, AUTOMATA[v]), FERREX_OK);
    CHECK_EQ(ferrex_phrase_options_set_starts(o, FERREX_PHRASE_STARTS_UNANCHORED), FERREX_OK);
    CHECK_EQ(ferrex_phrase_options_set_starts(o, FERREX_PHRASE_STARTS_ANCHORED), FERREX_OK);
    CHECK_EQ(ferrex_phrase_options_set_starts(o, FERREX_PHRASE_STARTS_BOTH), FERREX_OK);
    CHECK_EQ(ferrex_phrase_options_set_ascii_case_insensitive(o, 1), FERREX_OK);
    CHECK_EQ(ferrex_phrase_options_set_ascii_case_insensitive(o, 0xFFFFFFFFu), FERREX_OK);
    CHECK_EQ(ferrex_phrase_options_set_ascii_case_insensitive(o, 0), FERREX_OK);
    CHECK_EQ(ferrex_phrase_options_set_unicode_case_insensitive(o, 1), FERREX_OK);
    CHECK_EQ(ferrex_phrase_options_set_unicode_case_insensitive(o, 42), FERREX_OK);
    CHECK_EQ(ferrex_phrase_options_set_unicode_case_insensitive(o, 0), FERREX_OK);
    CHECK_EQ(ferrex_phrase_options_set_dfa_size_limit(o, 0), FERREX_OK);
    CHECK_EQ(ferrex_phrase_options_set_dfa_size_limit(o, SIZE_MAX), FERREX_OK);
    CHECK_EQ(ferrex_phrase_options_set_dfa_size_limit(o, (size_t)8 << 20), FERREX_OK);

    /* invalid enum values */
    CHECK_EQ(ferrex_phrase_options_set_match_kind(o, 3), FERREX_ERR_INVALID_ARGUMENT);
    CHECK_EQ(ferrex_phrase_options_set_match_kind(o, 0xFFFFFFFFu), FERREX_ERR_INVALID_ARGUMENT);
    CHECK_EQ(ferrex_phrase_options_set_automaton(o, 4), FERREX_ERR_INVALID_ARGUMENT);
    CHECK_EQ(ferrex_phrase_options_set_automaton(o, 0x80000000u), FERREX_ERR_INVALID_ARGUMENT);
    CHECK_EQ(ferrex_phrase_options_set_starts(o, 3), FERREX_ERR_INVALID_ARGUMENT);
    CHECK_EQ(ferrex_phrase_options_set_starts(o, 100), FERREX_ERR_INVALID_ARGUMENT);

    /* NULL options */
    CHECK_EQ(ferrex_phrase_options_set_match_kind(NULL, FERREX_PHRASE_MATCH_STANDARD), FERREX_ERR_NULL_POINTER);
    CHECK_EQ(ferrex_phrase_options_set_match_kind(NULL, 99), FERREX_ERR_NULL_POINTER);
    CHECK_EQ(ferrex_phrase_options_set_automaton(NULL, FERREX_PHRASE_AUTOMATON_DFA), FERREX_ERR_NULL_POINTER);
    CHECK_EQ(ferrex_phrase_options_set_starts(NULL, FERREX_PHRASE_STARTS_BOTH), FERREX_ERR_NULL_POINTER);
    CHECK_EQ(ferrex_phrase_options_set_ascii_case_insensitive(NULL, 1), FERREX_ERR_NULL_POINTER);
    CHECK_EQ(ferrex_phrase_options_set_unicode_case_insensitive(NULL, 1), FERREX_ERR_NULL_POINTER);
    CHECK_EQ(ferrex_phrase_options_set_dfa_size_limit(NULL, 1), FERREX_ERR_NULL_POINTER);

    /* a NULL out-parameter */
    CHECK_EQ(ferrex_phrase_options_new(NULL, NULL), FERREX_ERR_NULL_POINTER);
    err = NULL;
    CHECK_EQ(ferrex_phrase_options_new(NULL, &err), FERREX_ERR_NULL_POINTER);
    CHECK(err != NULL);
    CHECK_EQ(ferrex_error_status(err), FERREX_ERR_NULL_POINTER);
    CHECK(strlen(ferrex_error_message(err)) > 0);
    ferrex_error_free(err);

    ferrex_phrase_options_free(o);
    ferrex_phrase_options_free(NULL);
}

/* Options are copied at build time; NULL options are the defaults. */
static void test_options_semantics(void) {
    static const char *const sherlock[] = {"Sherlock", "Sherlock Holmes", "Holmes"};
    static const char hay[] = "Mr Sherlock Holmes";
    ferrex_phrase_options *o;
    ferrex_phrases *set;
    ferrex_phrases_info info;
    ferrex_match m;

    /* NULL options: leftmost-longest, case sensitive, both starts, AUTO -> DFA */
    set = build(sherlock, 3, NULL);
    CHECK_EQ(find(set, LIT(hay), NULL, &m), 1);
    CHECK_SPAN(m, 3, 18, 1);
    CHECK_EQ(ferrex_phrases_is_match(set, LIT("mr sherlock holmes"), NULL), 0);
    {
        ferrex_search a = search_of(3, sizeof(hay) - 1, FERREX_SEARCH_ANCHORED, 0);
        CHECK_EQ(find(set, LIT(hay), &a, &m), 1); /* anchored searches supported */
        CHECK_SPAN(m, 3, 18, 1);
    }
    info = info_of(set);
    CHECK_EQ_U(info.automaton, FERREX_PHRASE_AUTOMATON_DFA);
    ferrex_phrases_free(set);

    /* a fresh options object has the same defaults */
    CHECK_EQ(ferrex_phrase_options_new(&o, NULL), FERREX_OK);
    set = build(sherlock, 3, o);
    CHECK_EQ(find(set, LIT(hay), NULL, &m), 1);
    CHECK_SPAN(m, 3, 18, 1);
    CHECK_EQ_U(info_of(set).automaton, FERREX_PHRASE_AUTOMATON_DFA);
    ferrex_phrases_free(set);

    /* built sets do not see later changes to the options, or their freeing */
    CHECK_EQ(ferrex_phrase_options_set_match_kind(o, FERREX_PHRASE_MATCH_LEFTMOST_FIRST), FERREX_OK);
    set = build(sherlock, 3, o);
    CHECK_EQ(ferrex_phrase_options_set_match_kind(o, FERREX_PHRASE_MATCH_LEFTMOST_LONGEST), FERREX_OK);
    CHECK_EQ(ferrex_phrase_options_set_ascii_case_insensitive(o, 1), FERREX_OK);
    ferrex_phrase_options_free(o);
    CHECK_EQ(find(set, LIT(hay), NULL, &m), 1);
    CHECK_SPAN(m, 3, 11, 0);
    CHECK_EQ(ferrex_phrases_is_match(set, LIT("SHERLOCK"), NULL), 0);
    ferrex_phrases_free(set);
}

/* ---------------------------------------------------------------- build */

static void check_build_fails(const char *what, const uint8_t *const *ptrs, const size_t *lens, size_t n,
                              const ferrex_phrase_options *o, int32_t status, int want_pattern, size_t pattern) {
    ferrex_phrases *set = SENTINEL(ferrex_phrases);
    ferrex_error *err = NULL;
    size_t idx = 12345;
    int ok = CHECK_EQ(ferrex_phrases_new(&set, ptrs, lens, n, o, &err), status);
    ok &= CHECK(set == NULL); /* *out is NULL on failure */
    ok &= CHECK(err != NULL);
    ok &= CHECK_EQ(ferrex_error_status(err), status);
    ok &= CHECK(strlen(ferrex_error_message(err)) > 0);
    if (want_pattern > 0) { /* names the phrase */
        ok &= CHECK_EQ(ferrex_error_pattern(err, &idx), 1);
        ok &= CHECK_EQ_U(idx, pattern);
    } else if (want_pattern == 0) { /* not about one phrase */
        ok &= CHECK_EQ(ferrex_error_pattern(err, &idx), 0);
    } /* < 0: not documented either way */
    ferrex_error_free(err);
    /* the same call without an error pointer */
    set = SENTINEL(ferrex_phrases);
    ok &= CHECK_EQ(ferrex_phrases_new(&set, ptrs, lens, n, o, NULL), status);
    ok &= CHECK(set == NULL);
    if (!ok)
        fprintf(stderr, "  (in: %s)\n", what);
}

static void test_build(void) {
    ferrex_phrases *set;
    ferrex_phrases_info info;
    ferrex_match m;
    ferrex_error *err;
    ferrex_phrase_options *o;

    /* count 0: NULL arrays, never matches */
    set = SENTINEL(ferrex_phrases);
    err = SENTINEL(ferrex_error);
    CHECK_EQ(ferrex_phrases_new(&set, NULL, NULL, 0, NULL, &err), FERREX_OK);
    CHECK(set != NULL && set != SENTINEL(ferrex_phrases));
    CHECK(err == NULL);
    info = info_of(set);
    CHECK_EQ_U(info.count, 0);
    CHECK_EQ_U(info.min_len, 0);
    CHECK_EQ_U(info.max_len, 0);
    CHECK_EQ(find(set, LIT("anything at all"), NULL, &m), 0);
    CHECK_EQ(find(set, NULL, 0, NULL, &m), 0);
    check_iteration("empty set", set, LIT("abc"), NULL, 0, NULL, 0);
    ferrex_phrases_free(set);
    /* count 0 in every configuration, Unicode folding included */
    {
        size_t k, a;
        for (k = 0; k < 3; k++)
            for (a = 0; a < 4; a++) {
                o = make_options(KINDS[k], AUTOMATA[a], FERREX_PHRASE_STARTS_BOTH, 1, 0);
                set = build(NULL, 0, o);
                CHECK_EQ(find(set, LIT("abc"), NULL, &m), 0);
                ferrex_phrase_options_free(o);
                ferrex_phrases_free(set);
            }
        o = make_options(FERREX_PHRASE_MATCH_LEFTMOST_FIRST, 0, FERREX_PHRASE_STARTS_BOTH, 0, 1);
        set = build(NULL, 0, o);
        CHECK_EQ_U(info_of(set).count, 0);
        CHECK_EQ(find(set, LIT("abc"), NULL, &m), 0);
        check_iteration("empty unicode set", set, LIT("abc"), NULL, 0, NULL, 0);
        ferrex_phrase_options_free(o);
        ferrex_phrases_free(set);
    }

    /* an empty phrase (NULL pointer, length 0) matches at every position */
    {
        const uint8_t *p[1] = {NULL};
        size_t l[1] = {0};
        static const size_t want[][3] = {{0, 0, 0}, {1, 1, 0}, {2, 2, 0}};
        set = NULL;
        CHECK_EQ(ferrex_phrases_new(&set, p, l, 1, NULL, NULL), FERREX_OK);
        info = info_of(set);
        CHECK_EQ_U(info.count, 1);
        CHECK_EQ_U(info.min_len, 0);
        CHECK_EQ_U(info.max_len, 0);
        CHECK_EQ(find(set, NULL, 0, NULL, &m), 1);
        CHECK_SPAN(m, 0, 0, 0);
        CHECK_EQ(find(set, LIT("ab"), NULL, &m), 1);
        CHECK_SPAN(m, 0, 0, 0);
        {
            ferrex_search s = search_of(1, 2, 0, 0);
            CHECK_EQ(find(set, LIT("ab"), &s, &m), 1);
            CHECK_SPAN(m, 1, 1, 0);
        }
        check_iteration("empty phrase on \"ab\"", set, LIT("ab"), NULL, 0, want, 3);
        ferrex_phrases_free(set);
    }
    /* "" and "a": leftmost-longest prefers "a"; the empty match right after it is skipped */
    {
        static const char *const ph[] = {"", "a"};
        static const size_t want_ll[][3] = {{0, 1, 1}};
        static const size_t want_lf[][3] = {{0, 0, 0}, {1, 1, 0}};
        static const size_t want_ll2[][3] = {{0, 1, 1}, {2, 2, 0}};
        set = build_with(ph, 2, FERREX_PHRASE_MATCH_LEFTMOST_LONGEST, 0, FERREX_PHRASE_STARTS_BOTH, 0, 0);
        CHECK_EQ(find(set, LIT("a"), NULL, &m), 1);
        CHECK_SPAN(m, 0, 1, 1);
        check_iteration("{\"\", \"a\"} LL on \"a\"", set, LIT("a"), NULL, 0, want_ll, 1);
        /* "ab": [0,1) "a"; empty at 1 skipped (where "a" ended); empty at 2 */
        check_iteration("{\"\", \"a\"} LL on \"ab\"", set, LIT("ab"), NULL, 0, want_ll2, 2);
        ferrex_phrases_free(set);
        /* leftmost-first: "" is given first, so it wins at every position */
        set = build_with(ph, 2, FERREX_PHRASE_MATCH_LEFTMOST_FIRST, 0, FERREX_PHRASE_STARTS_BOTH, 0, 0);
        CHECK_EQ(find(set, LIT("a"), NULL, &m), 1);
        CHECK_SPAN(m, 0, 0, 0);
        check_iteration("{\"\", \"a\"} LF on \"a\"", set, LIT("a"), NULL, 0, want_lf, 2);
        ferrex_phrases_free(set);
    }

    /* duplicates are kept */
    {
        static const char *const ph[] = {"ab", "ab"};
        static const size_t want_ov[][3] = {{1, 3, 0}, {1, 3, 1}};
        set = build_with(ph, 2, FERREX_PHRASE_MATCH_LEFTMOST_FIRST, 0, FERREX_PHRASE_STARTS_BOTH, 0, 0);
        CHECK_EQ_U(info_of(set).count, 2);
        CHECK_EQ(find(set, LIT("xab"), NULL, &m), 1);
        CHECK_SPAN(m, 1, 3, 0); /* the one given first */
        ferrex_phrases_free(set);
        set = build_with(ph, 2, FERREX_PHRASE_MATCH_LEFTMOST_LONGEST, 0, FERREX_PHRASE_STARTS_BOTH, 0, 0);
        CHECK_EQ(find(set, LIT("xab"), NULL, &m), 1);
        CHECK(m.start == 1 && m.end == 3 && m.pattern < 2);
        ferrex_phrases_free(set);
        /* overlapping: both occurrences, same end, in phrase order */
        set = build_with(ph, 2, FERREX_PHRASE_MATCH_STANDARD, 0, FERREX_PHRASE_STARTS_BOTH, 0, 0);
        check_iteration("duplicates overlapping", set, LIT("xab"), NULL, 1, want_ov, 2);
        ferrex_phrases_free(set);
    }

    /* non-UTF-8 phrases are fine without Unicode folding */
    {
        static const char *const ph[] = {"\xff\xfe", "a\x80", "\xc3"};
        static const size_t lens[] = {2, 2, 1};
        static const char hay[] = "zz\xff\xfe a\x80 \xc3\xa9";
        static const size_t want[][3] = {{2, 4, 0}, {5, 7, 1}, {8, 9, 2}};
        size_t a;
        for (a = 0; a < 4; a++) {
            o = make_options(FERREX_PHRASE_MATCH_LEFTMOST_LONGEST, AUTOMATA[a], FERREX_PHRASE_STARTS_BOTH, 1, 0);
            set = build_lens(ph, lens, 3, o);
            info = info_of(set);
            CHECK_EQ_U(info.count, 3);
            CHECK_EQ_U(info.min_len, 1);
            CHECK_EQ_U(info.max_len, 2);
            CHECK_EQ(find(set, LIT(hay), NULL, &m), 1);
            CHECK_SPAN(m, 2, 4, 0);
            check_iteration("non-UTF-8 phrases", set, LIT(hay), NULL, 0, want, 3);
            ferrex_phrase_options_free(o);
            ferrex_phrases_free(set);
        }
    }

    /* a phrase pointer that is NULL with a length of 0 is fine */
    {
        const uint8_t *p[2] = {(const uint8_t *)"xy", NULL};
        size_t l[2] = {2, 0};
        set = NULL;
        CHECK_EQ(ferrex_phrases_new(&set, p, l, 2, NULL, NULL), FERREX_OK);
        CHECK_EQ_U(info_of(set).min_len, 0);
        CHECK_EQ_U(info_of(set).max_len, 2);
        ferrex_phrases_free(set);
    }

    /* the set keeps no pointer to the phrases */
    {
        char buf[] = "needle";
        const uint8_t *p[1];
        size_t l[1] = {6};
        p[0] = (const uint8_t *)buf;
        set = NULL;
        CHECK_EQ(ferrex_phrases_new(&set, p, l, 1, NULL, NULL), FERREX_OK);
        memset(buf, 'x', 6);
        CHECK_EQ(find(set, LIT("a needle"), NULL, &m), 1);
        CHECK_SPAN(m, 2, 8, 0);
        CHECK_EQ(ferrex_phrases_is_match(set, LIT("xxxxxx"), NULL), 0);
        ferrex_phrases_free(set);
    }

    /* Unicode folding with invalid UTF-8: INVALID_UTF8, the error names the phrase */
    {
        /* lengths differ so leftmost-longest reorders them internally */
        const uint8_t *p[4] = {(const uint8_t *)"hello", (const uint8_t *)"x", (const uint8_t *)"ab\xff\xfe",
                               (const uint8_t *)"ok"};
        size_t l[4] = {5, 1, 4, 2};
        size_t k, s = 99, e = 99;
        for (k = 1; k < 3; k++) {
            o = make_options(KINDS[k], 0, FERREX_PHRASE_STARTS_BOTH, 0, 1);
            check_build_fails("unicode + invalid UTF-8", p, l, 4, o, FERREX_ERR_INVALID_UTF8, 1, 2);
            ferrex_phrase_options_free(o);
        }
        /* the span, when reported, is the bad byte inside phrase 2 */
        o = make_options(FERREX_PHRASE_MATCH_LEFTMOST_LONGEST, 0, FERREX_PHRASE_STARTS_BOTH, 0, 1);
        err = NULL;
        set = SENTINEL(ferrex_phrases);
        CHECK_EQ(ferrex_phrases_new(&set, p, l, 4, o, &err), FERREX_ERR_INVALID_UTF8);
        CHECK(set == NULL);
        k = (size_t)ferrex_error_span(err, &s, &e);
        CHECK(k == 0 || k == 1);
        if (k == 1) {
            CHECK_EQ_U(s, 2);
            CHECK_EQ_U(e, 3);
        }
        ferrex_error_free(err);
        /* the same phrases build fine without Unicode folding */
        CHECK_EQ(ferrex_phrase_options_set_unicode_case_insensitive(o, 0), FERREX_OK);
        set = NULL;
        CHECK_EQ(ferrex_phrases_new(&set, p, l, 4, o, NULL), FERREX_OK);
        CHECK_EQ(find(set, LIT("zzab\xff\xfe"), NULL, &m), 1);
        CHECK_SPAN(m, 2, 6, 2);
        ferrex_phrases_free(set);
        ferrex_phrase_options_free(o);
    }

    /* Unicode folding with the standard match kind is unsupported */
    {
        const uint8_t *p[2] = {(const uint8_t *)"abc", (const uint8_t *)"d"};
        size_t l[2] = {3, 1};
        o = make_options(FERREX_PHRASE_MATCH_STANDARD, 0, FERREX_PHRASE_STARTS_BOTH, 0, 1);
        check_build_fails("unicode + standard", p, l, 2, o, FERREX_ERR_UNSUPPORTED, 0, 0);
        ferrex_phrase_options_free(o);
    }

    /* NULL pointers */
    {
        const uint8_t *p[3] = {(const uint8_t *)"abc", NULL, (const uint8_t *)"d"};
        size_t l[3] = {3, 3, 1};
        check_build_fails("NULL phrase with a length", p, l, 3, NULL, FERREX_ERR_NULL_POINTER, 1, 1);
        check_build_fails("NULL phrase array", NULL, l, 3, NULL, FERREX_ERR_NULL_POINTER, 0, 0);
        check_build_fails("NULL length array", p, NULL, 3, NULL, FERREX_ERR_NULL_POINTER, 0, 0);
        err = NULL;
        CHECK_EQ(ferrex_phrases_new(NULL, p, l, 1, NULL, &err), FERREX_ERR_NULL_POINTER);
        CHECK_EQ(ferrex_error_status(err), FERREX_ERR_NULL_POINTER);
        ferrex_error_free(err);
        CHECK_EQ(ferrex_phrases_new(NULL, NULL, NULL, 0, NULL, NULL), FERREX_ERR_NULL_POINTER);
    }
    ferrex_phrases_free(NULL);
}

/* ---------------------------------------------------------------- info, automata */

static void test_info_and_automata(void) {
    static const char *const sherlock[] = {"Sherlock", "Sherlock Holmes", "Holmes"};
    ferrex_phrase_options *o;
    ferrex_phrases *set;
    ferrex_phrases_info info;
    size_t a;

    /* AUTO resolves to a DFA for a small set, to a contiguous NFA with limit 0 */
    o = make_options(FERREX_PHRASE_MATCH_LEFTMOST_LONGEST, FERREX_PHRASE_AUTOMATON_AUTO, FERREX_PHRASE_STARTS_BOTH,
                     0, 0);
    set = build(sherlock, 3, o);
    info = info_of(set);
    CHECK_EQ_U(info.count, 3);
    CHECK_EQ_U(info.min_len, 6);
    CHECK_EQ_U(info.max_len, 15);
    CHECK(info.memory_usage > 0);
    CHECK_EQ_U(info.automaton, FERREX_PHRASE_AUTOMATON_DFA);
    ferrex_phrases_free(set);
    CHECK_EQ(ferrex_phrase_options_set_dfa_size_limit(o, 0), FERREX_OK);
    set = build(sherlock, 3, o);
    info = info_of(set);
    CHECK_EQ_U(info.count, 3);
    CHECK(info.memory_usage > 0);
    CHECK_EQ_U(info.automaton, FERREX_PHRASE_AUTOMATON_CONTIGUOUS_NFA);
    ferrex_phrases_free(set);

    /* explicit choices are reported as chosen (the size limit only guides AUTO) */
    for (a = 1; a < 4; a++) {
        CHECK_EQ(ferrex_phrase_options_set_automaton(o, AUTOMATA[a]), FERREX_OK);
        set = build(sherlock, 3, o);
        info = info_of(set);
        CHECK_EQ_U(info.automaton, AUTOMATA[a]);
        CHECK_EQ_U(info.count, 3);
        CHECK_EQ_U(info.min_len, 6);
        CHECK_EQ_U(info.max_len, 15);
        CHECK(info.memory_usage > 0);
        ferrex_phrases_free(set);
    }
    ferrex_phrase_options_free(o);

    /* NULL handles */
    set = build(sherlock, 3, NULL);
    CHECK_EQ(ferrex_phrases_describe(NULL, &info), FERREX_ERR_NULL_POINTER);
    CHECK_EQ(ferrex_phrases_describe(set, NULL), FERREX_ERR_NULL_POINTER);
    CHECK_EQ(ferrex_phrases_describe(NULL, NULL), FERREX_ERR_NULL_POINTER);
    ferrex_phrases_free(set);

    /*
     * Results identical across the four automata, for every match kind and
     * both ASCII folding settings: finds (unanchored, anchored at every
     * offset, earliest), full non-overlapping iteration, and overlapping
     * iteration for the standard kind.
     */
    {
        static const char *const ph[] = {"he", "she", "his", "hers", "HE", "s", "ushers", "r"};
        static const char hay[] = "ushers and she said his HERS he Hers ushers";
        const size_t len = sizeof(hay) - 1;
        size_t k, ci, pos, i;
        for (k = 0; k < 3; k++)
            for (ci = 0; ci < 2; ci++) {
                ferrex_match ref_it[MAXM], ref_ov[MAXM], ref_find[64], ref_early[64], got[MAXM];
                size_t ref_n = 0, ref_ov_n = 0;
                int ref_r[64], ref_er[64];
                for (a = 0; a < 4; a++) {
                    ferrex_match mm[64], me[64];
                    int rr[64], er[64];
                    size_t n;
                    int ok = 1;
                    set = build_with(ph, COUNT(ph), KINDS[k], AUTOMATA[a], FERREX_PHRASE_STARTS_BOTH,
                                     (uint32_t)ci, 0);
                    for (pos = 0; pos <= len && pos < 64; pos++) {
                        ferrex_search s = search_of(pos, len, FERREX_SEARCH_ANCHORED, 0);
                        ferrex_search e = search_of(pos, len, FERREX_SEARCH_EARLIEST, 0);
                        mm[pos] = no_match();
                        me[pos] = no_match();
                        rr[pos] = ferrex_phrases_find(set, (const uint8_t *)hay, len, &s, &mm[pos]);
                        er[pos] = ferrex_phrases_find(set, (const uint8_t *)hay, len, &e, &me[pos]);
                        ok &= rr[pos] == 0 || rr[pos] == 1;
                        ok &= er[pos] == 0 || er[pos] == 1;
                        ok &= ferrex_phrases_is_match(set, (const uint8_t *)hay, len, &s) == rr[pos];
                        ok &= ferrex_phrases_is_match(set, (const uint8_t *)hay, len, &e) == er[pos];
                    }
                    CHECK(ok);
                    n = iterate(set, hay, len, NULL, 0, got, MAXM);
                    if (a == 0) {
                        memcpy(ref_it, got, n * sizeof(ferrex_match));
                        ref_n = n;
                        memcpy(ref_find, mm, sizeof mm);
                        memcpy(ref_r, rr, sizeof rr);
                        memcpy(ref_early, me, sizeof me);
                        memcpy(ref_er, er, sizeof er);
                        CHECK(n > 0);
                    } else {
                        if (!CHECK(same_lists(got, n, ref_it, ref_n)))
                            fprintf(stderr, "  kind %u ascii %u automaton %u: iteration differs from AUTO\n",
                                    (unsigned)KINDS[k], (unsigned)ci, (unsigned)AUTOMATA[a]);
                        ok = 1;
                        for (i = 0; i <= len && i < 64; i++) {
                            ok &= rr[i] == ref_r[i] && er[i] == ref_er[i];
                            ok &= same_lists(&mm[i], 1, &ref_find[i], 1);
                            ok &= same_lists(&me[i], 1, &ref_early[i], 1);
                        }
                        if (!CHECK(ok))
                            fprintf(stderr, "  kind %u ascii %u automaton %u: finds differ from AUTO\n",
                                    (unsigned)KINDS[k], (unsigned)ci, (unsigned)AUTOMATA[a]);
                    }
                    if (KINDS[k] == FERREX_PHRASE_MATCH_STANDARD) {
                        n = iterate(set, hay, len, NULL, 1, got, MAXM);
                        if (a == 0) {
                            memcpy(ref_ov, got, n * sizeof(ferrex_match));
                            ref_ov_n = n;
                            CHECK(n > ref_n); /* overlapping finds more */
                        } else if (!CHECK(same_lists(got, n, ref_ov, ref_ov_n))) {
                            fprintf(stderr, "  ascii %u automaton %u: overlapping differs from AUTO\n",
                                    (unsigned)ci, (unsigned)AUTOMATA[a]);
                        }
                    }
                    ferrex_phrases_free(set);
                }
            }
    }
}

/* ---------------------------------------------------------------- match kinds */

/*
 * What each match kind finds is tested from tables in the engine
 * (engine/tests/phrase_tables.rs, every automaton, kind and folding);
 * here, what the C API reports: overlapping iteration needs the standard
 * kind, refused with a status, a NULL iterator and an error object.
 */
static void test_match_kinds(void) {
    static const char *const sherlock[] = {"Sherlock", "Sherlock Holmes", "Holmes"};
    static const char hay[] = "Mr Sherlock Holmes";
    static const size_t want[][3] = {{3, 11, 0}, {3, 18, 1}, {12, 18, 2}};
    ferrex_phrases *set;
    size_t k, a;

    for (a = 0; a < 4; a++) {
        for (k = 1; k < 3; k++) {
            ferrex_phrase_iter *it = SENTINEL(ferrex_phrase_iter);
            ferrex_error *err = NULL;
            set = build_with(sherlock, 3, KINDS[k], AUTOMATA[a], FERREX_PHRASE_STARTS_BOTH, 0, 0);
            CHECK_EQ(ferrex_phrase_iter_new(&it, set, sizeof(hay) - 1, NULL, 1, &err), FERREX_ERR_UNSUPPORTED);
            CHECK(it == NULL);
            CHECK_EQ(ferrex_error_status(err), FERREX_ERR_UNSUPPORTED);
            ferrex_error_free(err);
            it = SENTINEL(ferrex_phrase_iter);
            CHECK_EQ(ferrex_phrase_iter_new(&it, set, sizeof(hay) - 1, NULL, 1, NULL), FERREX_ERR_UNSUPPORTED);
            CHECK(it == NULL);
            ferrex_phrases_free(set);
        }
        /* the standard kind iterates overlapping matches through the C API */
        set = build_with(sherlock, 3, FERREX_PHRASE_MATCH_STANDARD, AUTOMATA[a], FERREX_PHRASE_STARTS_BOTH, 0, 0);
        check_iteration("sherlock standard overlapping", set, LIT(hay), NULL, 1, want, 3);
        ferrex_phrases_free(set);
    }
}

/* ---------------------------------------------------------------- case folding */

/*
 * What folding matches is tested from tables in the engine
 * (engine/tests/phrase_tables.rs); here, the C API's side: the setters
 * switch folding on and off, a Unicode-folding set describes itself and
 * refuses what it cannot do with a status.
 */
static void test_case_folding(void) {
    static const char *const hello[] = {"hello"};
    /* "straße", "ÉTÉ", "k" */
    static const char *const uni[] = {"stra\xc3\x9f\x65", "\xc3\x89T\xc3\x89", "k"};
    static const char hay[] = "Stra\xc3\x9f\x65, \xc3\xa9t\xc3\xa9, \xe2\x84\xaa K";
    ferrex_phrase_options *o;
    ferrex_phrases *set;
    ferrex_phrases_info info;
    ferrex_match m;
    size_t k, a;

    /* the setters take effect, and switch back off */
    o = make_options(FERREX_PHRASE_MATCH_LEFTMOST_LONGEST, 0, FERREX_PHRASE_STARTS_BOTH, 1, 0);
    set = build(hello, 1, o);
    CHECK_EQ(find(set, LIT("HELLO"), NULL, &m), 1);
    CHECK_SPAN(m, 0, 5, 0);
    ferrex_phrases_free(set);
    CHECK_EQ(ferrex_phrase_options_set_ascii_case_insensitive(o, 0), FERREX_OK);
    set = build(hello, 1, o);
    CHECK_EQ(find(set, LIT("HELLO"), NULL, &m), 0);
    ferrex_phrases_free(set);
    ferrex_phrase_options_free(o);

    /* a Unicode-folding set, every leftmost kind and automaton setting (ignored) */
    for (k = 1; k < 3; k++)
        for (a = 0; a < 4; a++) {
            o = make_options(KINDS[k], AUTOMATA[a], FERREX_PHRASE_STARTS_BOTH, 0, 1);
            set = build(uni, 3, o);
            info = info_of(set);
            CHECK_EQ_U(info.count, 3);
            CHECK_EQ_U(info.min_len, 1);
            CHECK_EQ_U(info.max_len, 7);
            CHECK(info.memory_usage > 0);
            CHECK_EQ_U(info.automaton, AUTOMATA[a]);
            CHECK_EQ(find(set, LIT("\xe2\x84\xaa"), NULL, &m), 1);
            CHECK_SPAN(m, 0, 3, 2);
            {
                ferrex_search s = search_of(0, 0, FERREX_SEARCH_ANCHOR_PATTERN, 0);
                CHECK_EQ(find(set, LIT(hay), &s, &m), FERREX_ERR_UNSUPPORTED);
            }
            {
                /* overlapping is not available with Unicode folding */
                ferrex_phrase_iter *it = SENTINEL(ferrex_phrase_iter);
                CHECK_EQ(ferrex_phrase_iter_new(&it, set, sizeof(hay) - 1, NULL, 1, NULL), FERREX_ERR_UNSUPPORTED);
                CHECK(it == NULL);
            }
            ferrex_phrase_options_free(o);
            ferrex_phrases_free(set);
        }
    /* Unicode folding refuses the standard kind; switched back off, it is allowed */
    o = make_options(FERREX_PHRASE_MATCH_STANDARD, 0, FERREX_PHRASE_STARTS_BOTH, 0, 1);
    {
        const uint8_t *p = (const uint8_t *)"hello";
        size_t len = 5;
        ferrex_phrases *bad = SENTINEL(ferrex_phrases);
        CHECK_EQ(ferrex_phrases_new(&bad, &p, &len, 1, o, NULL), FERREX_ERR_UNSUPPORTED);
        CHECK(bad == NULL);
    }
    CHECK_EQ(ferrex_phrase_options_set_unicode_case_insensitive(o, 0), FERREX_OK);
    set = build(hello, 1, o);
    CHECK_EQ(find(set, LIT("hello"), NULL, &m), 1);
    ferrex_phrases_free(set);
    ferrex_phrase_options_free(o);
}

/* ---------------------------------------------------------------- searches */

static void test_searches(void) {
    static const char *const ph[] = {"foo", "bar"};
    static const char hay[] = "xfoo bar foo"; /* foo [1,4), bar [5,8), foo [9,12) */
    const size_t len = sizeof(hay) - 1;
    ferrex_phrases *set;
    ferrex_match m;
    ferrex_search s;
    size_t a;

    for (a = 0; a < 4; a++) {
        set = build_with(ph, 2, FERREX_PHRASE_MATCH_LEFTMOST_LONGEST, AUTOMATA[a], FERREX_PHRASE_STARTS_BOTH, 0, 0);
        /* NULL search: the whole haystack, unanchored */
        CHECK_EQ(find(set, LIT(hay), NULL, &m), 1);
        CHECK_SPAN(m, 1, 4, 0);
        /* bounds */
        s = search_of(2, len, 0, 0);
        CHECK_EQ(find(set, LIT(hay), &s, &m), 1);
        CHECK_SPAN(m, 5, 8, 1);
        s = search_of(1, 3, 0, 0); /* "foo" crosses the end bound */
        CHECK_EQ(find(set, LIT(hay), &s, &m), 0);
        s = search_of(1, 4, 0, 0);
        CHECK_EQ(find(set, LIT(hay), &s, &m), 1);
        CHECK_SPAN(m, 1, 4, 0);
        s = search_of(6, len, 0, 0);
        CHECK_EQ(find(set, LIT(hay), &s, &m), 1);
        CHECK_SPAN(m, 9, 12, 0);
        s = search_of(0, 0, 0, 0);
        CHECK_EQ(find(set, LIT(hay), &s, &m), 0);
        s = search_of(len, len, 0, 0);
        CHECK_EQ(find(set, LIT(hay), &s, &m), 0);
        /* anchored */
        s = search_of(0, len, FERREX_SEARCH_ANCHORED, 0);
        CHECK_EQ(find(set, LIT(hay), &s, &m), 0);
        s = search_of(1, len, FERREX_SEARCH_ANCHORED, 0);
        CHECK_EQ(find(set, LIT(hay), &s, &m), 1);
        CHECK_SPAN(m, 1, 4, 0);
        s = search_of(5, len, FERREX_SEARCH_ANCHORED, 0);
        CHECK_EQ(find(set, LIT(hay), &s, &m), 1);
        CHECK_SPAN(m, 5, 8, 1);
        s = search_of(4, len, FERREX_SEARCH_ANCHORED, 0);
        CHECK_EQ(find(set, LIT(hay), &s, &m), 0);
        s = search_of(5, 7, FERREX_SEARCH_ANCHORED, 0);
        CHECK_EQ(find(set, LIT(hay), &s, &m), 0);
        /* earliest (only one candidate here) */
        s = search_of(0, len, FERREX_SEARCH_EARLIEST, 0);
        CHECK_EQ(find(set, LIT(hay), &s, &m), 1);
        CHECK_SPAN(m, 1, 4, 0);
        s = search_of(5, len, FERREX_SEARCH_EARLIEST | FERREX_SEARCH_ANCHORED, 0);
        CHECK_EQ(find(set, LIT(hay), &s, &m), 1);
        CHECK_SPAN(m, 5, 8, 1);
        /* ANCHOR_PATTERN does not apply to phrase sets */
        s = search_of(1, len, FERREX_SEARCH_ANCHOR_PATTERN, 0);
        CHECK_EQ(find(set, LIT(hay), &s, &m), FERREX_ERR_UNSUPPORTED);
        s = search_of(1, len, FERREX_SEARCH_ANCHOR_PATTERN | FERREX_SEARCH_ANCHORED, 1);
        CHECK_EQ(find(set, LIT(hay), &s, &m), FERREX_ERR_UNSUPPORTED);
        /* unknown flag bits */
        s = search_of(0, len, 1u << 4, 0);
        CHECK_EQ(find(set, LIT(hay), &s, &m), FERREX_ERR_UNKNOWN_FLAG);
        s = search_of(0, len, 0x80000000u | FERREX_SEARCH_ANCHORED, 0);
        CHECK_EQ(find(set, LIT(hay), &s, &m), FERREX_ERR_UNKNOWN_FLAG);
        /* out-of-range bounds */
        s = search_of(0, len + 1, 0, 0);
        CHECK_EQ(find(set, LIT(hay), &s, &m), FERREX_ERR_OUT_OF_BOUNDS);
        s = search_of(5, 4, 0, 0);
        CHECK_EQ(find(set, LIT(hay), &s, &m), FERREX_ERR_OUT_OF_BOUNDS);
        s = search_of(len + 1, len + 1, 0, 0);
        CHECK_EQ(find(set, LIT(hay), &s, &m), FERREX_ERR_OUT_OF_BOUNDS);
        s = search_of(0, SIZE_MAX, 0, 0);
        CHECK_EQ(find(set, LIT(hay), &s, &m), FERREX_ERR_OUT_OF_BOUNDS);
        /* empty and NULL haystacks */
        CHECK_EQ(find(set, NULL, 0, NULL, &m), 0);
        CHECK_EQ(find(set, "", 0, NULL, &m), 0);
        /* NULL pointers */
        m = no_match();
        CHECK_EQ(ferrex_phrases_is_match(NULL, LIT(hay), NULL), FERREX_ERR_NULL_POINTER);
        CHECK_EQ(ferrex_phrases_find(NULL, LIT(hay), NULL, &m), FERREX_ERR_NULL_POINTER);
        CHECK_EQ(ferrex_phrases_is_match(set, NULL, 3, NULL), FERREX_ERR_NULL_POINTER);
        CHECK_EQ(ferrex_phrases_find(set, NULL, 3, NULL, &m), FERREX_ERR_NULL_POINTER);
        CHECK_EQ(ferrex_phrases_find(set, LIT(hay), NULL, NULL), FERREX_ERR_NULL_POINTER);
        CHECK_SPAN(m, 777, 888, 999);
        ferrex_phrases_free(set);
    }

    /* earliest under a leftmost kind: a real occurrence, ending no later than the full match */
    {
        static const char *const sherlock[] = {"Sherlock", "Sherlock Holmes", "Holmes"};
        static const char sh[] = "Mr Sherlock Holmes";
        size_t k;
        for (k = 0; k < 3; k++)
            for (a = 0; a < 4; a++) {
                ferrex_match full;
                set = build_with(sherlock, 3, KINDS[k], AUTOMATA[a], FERREX_PHRASE_STARTS_BOTH, 0, 0);
                s = search_of(0, sizeof(sh) - 1, FERREX_SEARCH_EARLIEST, 0);
                CHECK_EQ(find(set, LIT(sh), NULL, &full), 1);
                CHECK_EQ(find(set, LIT(sh), &s, &m), 1);
                CHECK(m.pattern < 3 && m.end <= full.end && m.end >= m.start &&
                      m.end - m.start == strlen(sherlock[m.pattern]) &&
                      memcmp(sh + m.start, sherlock[m.pattern], m.end - m.start) == 0);
                if (KINDS[k] == FERREX_PHRASE_MATCH_STANDARD) /* already earliest */
                    CHECK_SPAN(m, 3, 11, 0);
                ferrex_phrases_free(set);
            }
    }

    /* start kinds: a set built for unanchored searches only */
    for (a = 0; a < 4; a++) {
        ferrex_phrase_iter *it = NULL;
        int32_t st;
        set = build_with(ph, 2, FERREX_PHRASE_MATCH_LEFTMOST_LONGEST, AUTOMATA[a], FERREX_PHRASE_STARTS_UNANCHORED,
                         0, 0);
        CHECK_EQ(find(set, LIT(hay), NULL, &m), 1);
        CHECK_SPAN(m, 1, 4, 0);
        s = search_of(2, len, FERREX_SEARCH_EARLIEST, 0);
        CHECK_EQ(find(set, LIT(hay), &s, &m), 1);
        CHECK_SPAN(m, 5, 8, 1);
        s = search_of(1, len, FERREX_SEARCH_ANCHORED, 0);
        CHECK_EQ(find(set, LIT(hay), &s, &m), FERREX_ERR_UNSUPPORTED);
        /* an anchored iteration fails, at the start or at the first step */
        st = ferrex_phrase_iter_new(&it, set, len, &s, 0, NULL);
        if (st == FERREX_OK) {
            CHECK_EQ(ferrex_phrase_iter_next(it, LIT(hay), &m), FERREX_ERR_UNSUPPORTED);
            ferrex_phrase_iter_free(it);
        } else {
            CHECK_EQ(st, FERREX_ERR_UNSUPPORTED);
            CHECK(it == NULL);
        }
        ferrex_phrases_free(set);
    }
    /* a set built for anchored searches only */
    for (a = 0; a < 4; a++) {
        static const size_t want[][3] = {{0, 3, 0}, {3, 6, 1}, {6, 9, 0}};
        static const char anch[] = "foobarfoo bar";
        ferrex_phrase_iter *it = NULL;
        int32_t st;
        set = build_with(ph, 2, FERREX_PHRASE_MATCH_LEFTMOST_LONGEST, AUTOMATA[a], FERREX_PHRASE_STARTS_ANCHORED, 0,
                         0);
        s = search_of(1, len, FERREX_SEARCH_ANCHORED, 0);
        CHECK_EQ(find(set, LIT(hay), &s, &m), 1);
        CHECK_SPAN(m, 1, 4, 0);
        s = search_of(0, len, FERREX_SEARCH_ANCHORED, 0);
        CHECK_EQ(find(set, LIT(hay), &s, &m), 0);
        CHECK_EQ(find(set, LIT(hay), NULL, &m), FERREX_ERR_UNSUPPORTED);
        s = search_of(1, len, 0, 0);
        CHECK_EQ(find(set, LIT(hay), &s, &m), FERREX_ERR_UNSUPPORTED);
        /* anchored iteration: each match starts where the last ended */
        s = search_of(0, sizeof(anch) - 1, FERREX_SEARCH_ANCHORED, 0);
        check_iteration("anchored-only iteration", set, LIT(anch), &s, 0, want, 3);
        st = ferrex_phrase_iter_new(&it, set, len, NULL, 0, NULL);
        if (st == FERREX_OK) {
            CHECK_EQ(ferrex_phrase_iter_next(it, LIT(hay), &m), FERREX_ERR_UNSUPPORTED);
            ferrex_phrase_iter_free(it);
        } else {
            CHECK_EQ(st, FERREX_ERR_UNSUPPORTED);
            CHECK(it == NULL);
        }
        ferrex_phrases_free(set);
    }
    /* the same anchored iteration on a BOTH set */
    {
        static const size_t want[][3] = {{0, 3, 0}, {3, 6, 1}, {6, 9, 0}};
        static const char anch[] = "foobarfoo bar";
        set = build(ph, 2, NULL);
        s = search_of(0, sizeof(anch) - 1, FERREX_SEARCH_ANCHORED, 0);
        check_iteration("anchored iteration", set, LIT(anch), &s, 0, want, 3);
        ferrex_phrases_free(set);
    }
    /*
     * Start kinds on a Unicode case-insensitive set: ferrex.h makes no
     * exception for them (unlike the automaton, "ignored by Unicode
     * case-insensitive sets"), so anchoring the set was not built for is
     * FERREX_ERR_UNSUPPORTED here too.
     */
    {
        static const char *const uph[] = {"foo", "bar"};
        ferrex_phrase_options *o =
            make_options(FERREX_PHRASE_MATCH_LEFTMOST_LONGEST, 0, FERREX_PHRASE_STARTS_UNANCHORED, 0, 1);
        set = build(uph, 2, o);
        CHECK_EQ(find(set, LIT("xFOO"), NULL, &m), 1);
        CHECK_SPAN(m, 1, 4, 0);
        s = search_of(1, 4, FERREX_SEARCH_ANCHORED, 0);
        CHECK_EQ(find(set, LIT("xFOO"), &s, &m), FERREX_ERR_UNSUPPORTED);
        ferrex_phrases_free(set);
        CHECK_EQ(ferrex_phrase_options_set_starts(o, FERREX_PHRASE_STARTS_ANCHORED), FERREX_OK);
        set = build(uph, 2, o);
        CHECK_EQ(find(set, LIT("xFOO"), &s, &m), 1);
        CHECK_SPAN(m, 1, 4, 0);
        CHECK_EQ(find(set, LIT("xFOO"), NULL, &m), FERREX_ERR_UNSUPPORTED);
        ferrex_phrases_free(set);
        ferrex_phrase_options_free(o);
    }
}

/* ---------------------------------------------------------------- iterators */

static void test_iterators(void) {
    static const char *const ph[] = {"foo", "bar"};
    static const char hay[] = "foo bar foo barfoo";
    static const size_t want[][3] = {{0, 3, 0}, {4, 7, 1}, {8, 11, 0}, {12, 15, 1}, {15, 18, 0}};
    const size_t len = sizeof(hay) - 1;
    ferrex_phrases *set = build(ph, 2, NULL);
    ferrex_phrase_iter *it = NULL;
    ferrex_match m, buf[8], all[MAXM];
    ferrex_search s;
    ferrex_error *err;
    size_t c, n;
    int r = 0;

    check_iteration("foo/bar", set, LIT(hay), NULL, 0, want, 5);

    /* batches: cap 1, cap 3 (3 then 2), large; count < cap at the end */
    CHECK_EQ(ferrex_phrase_iter_new(&it, set, len, NULL, 0, NULL), FERREX_OK);
    c = 99;
    CHECK_EQ(ferrex_phrase_iter_next_batch(it, LIT(hay), buf, 1, &c), 1);
    CHECK_EQ_U(c, 1);
    CHECK_SPAN(buf[0], 0, 3, 0);
    c = 99;
    CHECK_EQ(ferrex_phrase_iter_next_batch(it, LIT(hay), buf, 3, &c), 1);
    CHECK_EQ_U(c, 3);
    CHECK_SPAN(buf[0], 4, 7, 1);
    CHECK_SPAN(buf[1], 8, 11, 0);
    CHECK_SPAN(buf[2], 12, 15, 1);
    /* cap 0 with a NULL out writes nothing and consumes nothing */
    c = 99;
    CHECK_EQ(ferrex_phrase_iter_next_batch(it, LIT(hay), NULL, 0, &c), 0);
    CHECK_EQ_U(c, 0);
    c = 99;
    CHECK_EQ(ferrex_phrase_iter_next_batch(it, LIT(hay), buf, 8, &c), 1);
    CHECK_EQ_U(c, 1);
    CHECK_SPAN(buf[0], 15, 18, 0);
    c = 99;
    CHECK_EQ(ferrex_phrase_iter_next_batch(it, LIT(hay), buf, 8, &c), 0);
    CHECK_EQ_U(c, 0);
    c = 99;
    CHECK_EQ(ferrex_phrase_iter_next_batch(it, LIT(hay), NULL, 0, &c), 0);
    CHECK_EQ_U(c, 0);
    m = no_match();
    CHECK_EQ(ferrex_phrase_iter_next(it, LIT(hay), &m), 0);
    CHECK_SPAN(m, 777, 888, 999);

    /* reset: the whole haystack again, then within bounds */
    CHECK_EQ(ferrex_phrase_iter_reset(it, len, NULL), FERREX_OK);
    c = 99;
    CHECK_EQ(ferrex_phrase_iter_next_batch(it, LIT(hay), buf, 8, &c), 1);
    CHECK_EQ_U(c, 5);
    check_list("after reset", buf, c, want, 5);
    s = search_of(4, 11, 0, 0);
    CHECK_EQ(ferrex_phrase_iter_reset(it, len, &s), FERREX_OK);
    n = 0;
    while (n < 8 && (r = ferrex_phrase_iter_next(it, LIT(hay), &buf[n])) == 1)
        n++;
    check_list("reset [4,11)", buf, n, want + 1, 2);
    /* reset to a haystack of another length */
    CHECK_EQ(ferrex_phrase_iter_reset(it, 3, NULL), FERREX_OK);
    CHECK_EQ(ferrex_phrase_iter_next(it, LIT("bar"), &m), 1);
    CHECK_SPAN(m, 0, 3, 1);
    CHECK_EQ(ferrex_phrase_iter_next(it, LIT("bar"), &m), 0);

    /* a failed reset leaves the iterator unchanged */
    CHECK_EQ(ferrex_phrase_iter_reset(it, len, NULL), FERREX_OK);
    CHECK_EQ(ferrex_phrase_iter_next(it, LIT(hay), &m), 1);
    CHECK_SPAN(m, 0, 3, 0);
    s = search_of(0, len + 1, 0, 0);
    CHECK_EQ(ferrex_phrase_iter_reset(it, len, &s), FERREX_ERR_OUT_OF_BOUNDS);
    s = search_of(3, 2, 0, 0);
    CHECK_EQ(ferrex_phrase_iter_reset(it, len, &s), FERREX_ERR_OUT_OF_BOUNDS);
    s = search_of(0, len, 1u << 5, 0);
    CHECK_EQ(ferrex_phrase_iter_reset(it, len, &s), FERREX_ERR_UNKNOWN_FLAG);
    s = search_of(0, len, FERREX_SEARCH_ANCHOR_PATTERN, 0);
    CHECK_EQ(ferrex_phrase_iter_reset(it, len, &s), FERREX_ERR_UNSUPPORTED);
    CHECK_EQ(ferrex_phrase_iter_reset(NULL, len, NULL), FERREX_ERR_NULL_POINTER);
    CHECK_EQ(ferrex_phrase_iter_next(it, LIT(hay), &m), 1);
    CHECK_SPAN(m, 4, 7, 1);

    /* a haystack of another length */
    CHECK_EQ(ferrex_phrase_iter_next(it, (const uint8_t *)hay, len - 1, &m), FERREX_ERR_INVALID_ARGUMENT);
    CHECK_EQ(ferrex_phrase_iter_next(it, LIT("foo"), &m), FERREX_ERR_INVALID_ARGUMENT);
    c = 99;
    CHECK_EQ(ferrex_phrase_iter_next_batch(it, (const uint8_t *)hay, len - 2, buf, 8, &c),
             FERREX_ERR_INVALID_ARGUMENT);
    CHECK_EQ(ferrex_phrase_iter_next_batch(it, NULL, 0, buf, 8, &c), FERREX_ERR_INVALID_ARGUMENT);

    /* NULL pointers */
    CHECK_EQ(ferrex_phrase_iter_next(NULL, LIT(hay), &m), FERREX_ERR_NULL_POINTER);
    CHECK_EQ(ferrex_phrase_iter_next(it, NULL, len, &m), FERREX_ERR_NULL_POINTER);
    CHECK_EQ(ferrex_phrase_iter_next(it, LIT(hay), NULL), FERREX_ERR_NULL_POINTER);
    CHECK_EQ(ferrex_phrase_iter_next_batch(NULL, LIT(hay), buf, 8, &c), FERREX_ERR_NULL_POINTER);
    CHECK_EQ(ferrex_phrase_iter_next_batch(it, NULL, len, buf, 8, &c), FERREX_ERR_NULL_POINTER);
    CHECK_EQ(ferrex_phrase_iter_next_batch(it, LIT(hay), NULL, 8, &c), FERREX_ERR_NULL_POINTER);
    CHECK_EQ(ferrex_phrase_iter_next_batch(it, LIT(hay), buf, 8, NULL), FERREX_ERR_NULL_POINTER);
    ferrex_phrase_iter_free(it);
    ferrex_phrase_iter_free(NULL);

    /* iter_new statuses */
    it = SENTINEL(ferrex_phrase_iter);
    err = SENTINEL(ferrex_error);
    CHECK_EQ(ferrex_phrase_iter_new(&it, set, len, NULL, 0, &err), FERREX_OK);
    CHECK(it != NULL && it != SENTINEL(ferrex_phrase_iter));
    CHECK(err == NULL);
    ferrex_phrase_iter_free(it);
    {
        struct {
            ferrex_search s;
            int has;
            int32_t status;
        } bad[6];
        size_t i;
        bad[0].s = search_of(0, len + 1, 0, 0), bad[0].has = 1, bad[0].status = FERREX_ERR_OUT_OF_BOUNDS;
        bad[1].s = search_of(9, 8, 0, 0), bad[1].has = 1, bad[1].status = FERREX_ERR_OUT_OF_BOUNDS;
        bad[2].s = search_of(0, len, 1u << 4, 0), bad[2].has = 1, bad[2].status = FERREX_ERR_UNKNOWN_FLAG;
        bad[3].s = search_of(0, len, FERREX_SEARCH_ANCHOR_PATTERN, 0), bad[3].has = 1,
        bad[3].status = FERREX_ERR_UNSUPPORTED;
        bad[4].s = search_of(0, len, 0xFFFFFFF0u, 0), bad[4].has = 1, bad[4].status = FERREX_ERR_UNKNOWN_FLAG;
        bad[5].s = search_of(0, 0, 0, 0), bad[5].has = 0, bad[5].status = FERREX_ERR_NULL_POINTER; /* NULL set */
        for (i = 0; i < COUNT(bad); i++) {
            it = SENTINEL(ferrex_phrase_iter);
            err = NULL;
            CHECK_EQ(ferrex_phrase_iter_new(&it, bad[i].has ? set : NULL, len, &bad[i].s, 0, &err), bad[i].status);
            CHECK(it == NULL);
            CHECK_EQ(ferrex_error_status(err), bad[i].status);
            ferrex_error_free(err);
        }
        CHECK_EQ(ferrex_phrase_iter_new(NULL, set, len, NULL, 0, NULL), FERREX_ERR_NULL_POINTER);
    }

    /* the iterator outlives its set */
    CHECK_EQ(ferrex_phrase_iter_new(&it, set, len, NULL, 0, NULL), FERREX_OK);
    CHECK_EQ(ferrex_phrase_iter_next(it, LIT(hay), &m), 1);
    CHECK_SPAN(m, 0, 3, 0);
    ferrex_phrases_free(set);
    set = NULL;
    n = 0;
    c = 0;
    while (n < MAXM && (r = ferrex_phrase_iter_next_batch(it, LIT(hay), all + n, 2, &c)) == 1)
        n += c;
    CHECK_EQ(r, 0);
    check_list("after ferrex_phrases_free", all, n, want + 1, 4);
    CHECK_EQ(ferrex_phrase_iter_reset(it, len, NULL), FERREX_OK);
    n = 0;
    while (n < MAXM && ferrex_phrase_iter_next(it, LIT(hay), &all[n]) == 1)
        n++;
    check_list("reset after ferrex_phrases_free", all, n, want, 5);
    ferrex_phrase_iter_free(it);

    /* an overlapping iterator stays overlapping across reset, and outlives its set */
    {
        static const char *const app[] = {"append", "appendage", "age"};
        static const size_t want_ov[][3] = {{0, 6, 0}, {0, 9, 1}, {6, 9, 2}};
        static const size_t want_ov2[][3] = {{0, 3, 2}, {6, 12, 0}, {6, 15, 1}, {12, 15, 2}};
        set = build_with(app, 3, FERREX_PHRASE_MATCH_STANDARD, 0, FERREX_PHRASE_STARTS_BOTH, 0, 0);
        CHECK_EQ(ferrex_phrase_iter_new(&it, set, 9, NULL, 1, NULL), FERREX_OK);
        ferrex_phrases_free(set);
        n = 0;
        while (n < MAXM && ferrex_phrase_iter_next(it, LIT("appendage"), &all[n]) == 1)
            n++;
        check_list("overlapping after free", all, n, want_ov, 3);
        CHECK_EQ(ferrex_phrase_iter_reset(it, 15, NULL), FERREX_OK);
        n = 0;
        while (n < MAXM && ferrex_phrase_iter_next(it, LIT("age + appendage"), &all[n]) == 1)
            n++;
        check_list("overlapping after reset", all, n, want_ov2, 4);
        /* batches on an overlapping iterator */
        CHECK_EQ(ferrex_phrase_iter_reset(it, 15, NULL), FERREX_OK);
        c = 0;
        CHECK_EQ(ferrex_phrase_iter_next_batch(it, LIT("age + appendage"), buf, 3, &c), 1);
        CHECK_EQ_U(c, 3);
        CHECK_EQ(ferrex_phrase_iter_next_batch(it, LIT("age + appendage"), buf + 3, 3, &c), 1);
        CHECK_EQ_U(c, 1);
        check_list("overlapping batches", buf, 4, want_ov2, 4);
        CHECK_EQ(ferrex_phrase_iter_next_batch(it, LIT("age + appendage"), buf, 3, &c), 0);
        CHECK_EQ_U(c, 0);
        CHECK_EQ(ferrex_phrase_iter_next(it, (const uint8_t *)"appendage", 9, &m), FERREX_ERR_INVALID_ARGUMENT);
        ferrex_phrase_iter_free(it);
    }

    /* a Unicode-folding iterator outlives its set as well */
    {
        static const char *const uph[] = {"\xc3\xa9t\xc3\xa9"};
        static const size_t want_u[][3] = {{0, 5, 0}, {6, 11, 0}};
        set = build_with(uph, 1, FERREX_PHRASE_MATCH_LEFTMOST_FIRST, 0, FERREX_PHRASE_STARTS_BOTH, 0, 1);
        CHECK_EQ(ferrex_phrase_iter_new(&it, set, 11, NULL, 0, NULL), FERREX_OK);
        ferrex_phrases_free(set);
        n = 0;
        while (n < MAXM && ferrex_phrase_iter_next(it, LIT("\xc3\x89T\xc3\x89 \xc3\xa9t\xc3\xa9"), &all[n]) == 1)
            n++;
        check_list("unicode iterator after free", all, n, want_u, 2);
        ferrex_phrase_iter_free(it);
    }
}

/* ferrex_iter_next_batch: the regex iterator's batches */
static void test_regex_batch(void) {
    static const char hay[] = "a1 22 333 4444 x55555";
    static const size_t want[][3] = {{1, 2, 0}, {3, 5, 0}, {6, 9, 0}, {10, 14, 0}, {16, 21, 0}};
    static const size_t caps[] = {1, 3, 5, 64};
    const size_t len = sizeof(hay) - 1;
    ferrex_regex *re = NULL;
    ferrex_iter *it = NULL;
    ferrex_match buf[64], all[64], m;
    size_t c, n, i;
    int r;

    CHECK_EQ(ferrex_regex_new(&re, LIT("[0-9]+"), 0, NULL, NULL), FERREX_OK);
    /* one by one */
    CHECK_EQ(ferrex_iter_new(&it, re, len, NULL, NULL), FERREX_OK);
    n = 0;
    while (n < 64 && ferrex_iter_next(it, LIT(hay), &all[n]) == 1)
        n++;
    check_list("regex one by one", all, n, want, 5);
    ferrex_iter_free(it);

    for (i = 0; i < COUNT(caps); i++) {
        int short_seen = 0;
        CHECK_EQ(ferrex_iter_new(&it, re, len, NULL, NULL), FERREX_OK);
        n = 0;
        for (;;) {
            c = 99;
            r = ferrex_iter_next_batch(it, LIT(hay), buf, caps[i], &c);
            if (r == 0) {
                CHECK_EQ_U(c, 0);
                break;
            }
            if (!CHECK_EQ(r, 1) || !CHECK(c >= 1 && c <= caps[i]) || !CHECK(!short_seen) || n + c > 64)
                break;
            short_seen = c < caps[i];
            memcpy(all + n, buf, c * sizeof(ferrex_match));
            n += c;
        }
        check_list("regex batches", all, n, want, 5);
        c = 99;
        CHECK_EQ(ferrex_iter_next_batch(it, LIT(hay), buf, caps[i], &c), 0);
        CHECK_EQ_U(c, 0);
        ferrex_iter_free(it);
    }

    /* exact counts for cap 3: 3, then 2 (< cap: the end), then 0 */
    CHECK_EQ(ferrex_iter_new(&it, re, len, NULL, NULL), FERREX_OK);
    c = 99;
    CHECK_EQ(ferrex_iter_next_batch(it, LIT(hay), buf, 3, &c), 1);
    CHECK_EQ_U(c, 3);
    /* cap 0 and a NULL out: nothing written, nothing consumed */
    c = 99;
    CHECK_EQ(ferrex_iter_next_batch(it, LIT(hay), NULL, 0, &c), 0);
    CHECK_EQ_U(c, 0);
    c = 99;
    CHECK_EQ(ferrex_iter_next_batch(it, LIT(hay), buf + 3, 3, &c), 1);
    CHECK_EQ_U(c, 2);
    check_list("regex cap 3", buf, 5, want, 5);
    c = 99;
    CHECK_EQ(ferrex_iter_next_batch(it, LIT(hay), buf, 3, &c), 0);
    CHECK_EQ_U(c, 0);
    /* errors */
    CHECK_EQ(ferrex_iter_next_batch(it, (const uint8_t *)hay, len - 1, buf, 3, &c), FERREX_ERR_INVALID_ARGUMENT);
    CHECK_EQ(ferrex_iter_next_batch(NULL, LIT(hay), buf, 3, &c), FERREX_ERR_NULL_POINTER);
    CHECK_EQ(ferrex_iter_next_batch(it, NULL, len, buf, 3, &c), FERREX_ERR_NULL_POINTER);
    CHECK_EQ(ferrex_iter_next_batch(it, LIT(hay), NULL, 3, &c), FERREX_ERR_NULL_POINTER);
    CHECK_EQ(ferrex_iter_next_batch(it, LIT(hay), buf, 3, NULL), FERREX_ERR_NULL_POINTER);
    /* a batch after reset, and after the regex is freed */
    CHECK_EQ(ferrex_iter_reset(it, len, NULL), FERREX_OK);
    ferrex_regex_free(re);
    c = 99;
    CHECK_EQ(ferrex_iter_next_batch(it, LIT(hay), buf, 64, &c), 1);
    CHECK_EQ_U(c, 5);
    check_list("regex batch after free", buf, c, want, 5);
    m = no_match();
    CHECK_EQ(ferrex_iter_next(it, LIT(hay), &m), 0);
    CHECK_SPAN(m, 777, 888, 999);
    ferrex_iter_free(it);
}

/* ---------------------------------------------------------------- a large case */

#define BIG_PHRASES 1000
#define BIG_TEXT 100000
#define BIG_ALPHA 6

static uint64_t rng_state = 0x9E3779B97F4A7C15ull;

static uint32_t rng(void) { /* xorshift64 */
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return (uint32_t)(rng_state >> 32);
}

static size_t tri_key(const uint8_t *p) {
    return ((size_t)(p[0] - 'a') * BIG_ALPHA + (size_t)(p[1] - 'a')) * BIG_ALPHA + (size_t)(p[2] - 'a');
}

static void test_large(void) {
    static uint8_t store[BIG_PHRASES][10];
    static const uint8_t *ptrs[BIG_PHRASES];
    static size_t lens[BIG_PHRASES];
    static size_t bucket_start[BIG_ALPHA * BIG_ALPHA * BIG_ALPHA + 1];
    static size_t bucket_items[BIG_PHRASES];
    uint8_t *text = (uint8_t *)malloc(BIG_TEXT);
    ferrex_match *ref = (ferrex_match *)malloc((BIG_TEXT / 3 + 1) * sizeof(ferrex_match));
    ferrex_match *got = (ferrex_match *)malloc((BIG_TEXT / 3 + 1) * sizeof(ferrex_match));
    static const size_t batch_caps[4] = {4096, 1000, 7, 1};
    size_t i, j, nref = 0, pos, a;
    size_t fill[BIG_ALPHA * BIG_ALPHA * BIG_ALPHA];

    if (!CHECK(text != NULL && ref != NULL && got != NULL)) {
        free(text);
        free(ref);
        free(got);
        return;
    }
    /* 1,000 distinct phrases of 3..9 letters from a..f */
    for (i = 0; i < BIG_PHRASES; i++) {
        int dup;
        do {
            lens[i] = 3 + rng() % 7;
            for (j = 0; j < lens[i]; j++)
                store[i][j] = (uint8_t)('a' + rng() % BIG_ALPHA);
            dup = 0;
            for (j = 0; j < i && !dup; j++)
                dup = lens[j] == lens[i] && memcmp(store[j], store[i], lens[i]) == 0;
        } while (dup);
        ptrs[i] = store[i];
    }
    for (i = 0; i < BIG_TEXT; i++)
        text[i] = (uint8_t)('a' + rng() % BIG_ALPHA);

    /* bucket the phrases by their first three bytes */
    memset(bucket_start, 0, sizeof bucket_start);
    for (i = 0; i < BIG_PHRASES; i++)
        bucket_start[tri_key(store[i]) + 1]++;
    for (i = 1; i < COUNT(bucket_start); i++)
        bucket_start[i] += bucket_start[i - 1];
    memcpy(fill, bucket_start, sizeof fill);
    for (i = 0; i < BIG_PHRASES; i++)
        bucket_items[fill[tri_key(store[i])]++] = i;

    /*
     * The naive leftmost-longest reference: at each position the longest
     * phrase starting there (phrases are distinct and non-empty, so it is
     * unique); take it and continue after it, else move one byte on.
     */
    pos = 0;
    while (pos < BIG_TEXT) {
        size_t best = 0, best_i = 0;
        if (pos + 3 <= BIG_TEXT) {
            size_t k = tri_key(text + pos);
            for (j = bucket_start[k]; j < bucket_start[k + 1]; j++) {
                size_t p = bucket_items[j];
                if (lens[p] <= BIG_TEXT - pos && lens[p] > best && memcmp(text + pos, store[p], lens[p]) == 0) {
                    best = lens[p];
                    best_i = p;
                }
            }
        }
        if (best > 0) {
            ref[nref].start = pos;
            ref[nref].end = pos + best;
            ref[nref].pattern = best_i;
            nref++;
            pos += best;
        } else {
            pos++;
        }
    }
    CHECK(nref > 1000);

    for (a = 0; a < 4; a++) {
        ferrex_phrase_options *o =
            make_options(FERREX_PHRASE_MATCH_LEFTMOST_LONGEST, AUTOMATA[a], FERREX_PHRASE_STARTS_BOTH, 0, 0);
        ferrex_phrases *set = NULL;
        ferrex_phrases_info info;
        size_t n;
        CHECK_EQ(ferrex_phrases_new(&set, ptrs, lens, BIG_PHRASES, o, NULL), FERREX_OK);
        info = info_of(set);
        CHECK_EQ_U(info.count, BIG_PHRASES);
        CHECK_EQ_U(info.min_len, 3);
        CHECK_EQ_U(info.max_len, 9);
        CHECK(info.memory_usage > 0);
        /* AUTO: a DFA of ~6,000 states x 7 classes is far below the 8 MiB limit */
        CHECK_EQ_U(info.automaton, a == 0 ? FERREX_PHRASE_AUTOMATON_DFA : AUTOMATA[a]);
        n = iterate_batch(set, text, BIG_TEXT, NULL, 0, batch_caps[a], got, BIG_TEXT / 3 + 1);
        if (!CHECK_EQ_U(n, nref))
            fprintf(stderr, "  automaton %u, batch %zu\n", (unsigned)AUTOMATA[a], batch_caps[a]);
        for (i = 0; i < n && i < nref; i++)
            if (!same_lists(&got[i], 1, &ref[i], 1))
                break;
        if (!CHECK(i == n && n == nref) && i < n && i < nref)
            fprintf(stderr, "  match %zu: [%zu,%zu) phrase %zu, reference [%zu,%zu) phrase %zu\n", i, got[i].start,
                    got[i].end, got[i].pattern, ref[i].start, ref[i].end, ref[i].pattern);
        if (a == 0) { /* one at a time agrees with the batches */
            n = iterate(set, text, BIG_TEXT, NULL, 0, got, BIG_TEXT / 3 + 1);
            CHECK(same_lists(got, n, ref, nref));
        }
        ferrex_phrase_options_free(o);
        ferrex_phrases_free(set);
    }
    free(text);
    free(ref);
    free(got);
}

/* ---------------------------------------------------------------- replace */

static void check_replace(const char *what, const ferrex_phrases *set, const void *hay, size_t len,
                          const ferrex_search *s, const char *const *reps, size_t count, const char *want) {
    const uint8_t *rp[16];
    size_t rl[16], i, out_len = 12345, want_len = strlen(want);
    ferrex_bytes b;
    uint8_t *buf;
    int ok = 1;
    for (i = 0; i < count && i < 16; i++) {
        rp[i] = (const uint8_t *)reps[i];
        rl[i] = strlen(reps[i]);
    }
    b.ptr = (uint8_t *)SENTINEL(uint8_t);
    b.len = 77;
    if (!CHECK_EQ(ferrex_phrases_replace_alloc(set, (const uint8_t *)hay, len, s, rp, rl, count, &b), FERREX_OK)) {
        ok = 0;
        b.ptr = NULL; /* never free what the library did not hand out */
        b.len = 0;
    }
    ok &= CHECK_MEM(b.ptr, b.len, want, want_len);
    if (want_len == 0)
        ok &= CHECK(b.ptr == NULL);
    /* size query: NULL buffer, capacity 0 */
    if (want_len > 0) {
        ok &= CHECK_EQ(ferrex_phrases_replace(set, (const uint8_t *)hay, len, s, rp, rl, count, NULL, 0, &out_len),
                       FERREX_ERR_BUFFER_TOO_SMALL);
        ok &= CHECK_EQ_U(out_len, want_len);
    }
    /* one byte short: nothing written, the exact size reported */
    buf = (uint8_t *)malloc(want_len + 8);
    if (buf != NULL) {
        memset(buf, '#', want_len + 8);
        if (want_len > 0) {
            out_len = 12345;
            ok &= CHECK_EQ(
                ferrex_phrases_replace(set, (const uint8_t *)hay, len, s, rp, rl, count, buf, want_len - 1, &out_len),
                FERREX_ERR_BUFFER_TOO_SMALL);
            ok &= CHECK_EQ_U(out_len, want_len);
            for (i = 0; i < want_len + 8; i++)
                if (buf[i] != '#')
                    break;
            ok &= CHECK_EQ_U(i, want_len + 8);
        }
        /* the retry with that size gives the bytes _alloc gave */
        out_len = 12345;
        ok &= CHECK_EQ(
            ferrex_phrases_replace(set, (const uint8_t *)hay, len, s, rp, rl, count, buf, want_len, &out_len),
            FERREX_OK);
        ok &= CHECK_EQ_U(out_len, want_len);
        ok &= CHECK_MEM(buf, out_len, b.ptr, b.len);
        ok &= CHECK_EQ(buf[want_len], '#');
        free(buf);
    }
    ferrex_bytes_free(&b);
    ok &= CHECK(b.ptr == NULL && b.len == 0);
    ferrex_bytes_free(&b); /* twice: harmless */
    ok &= CHECK(b.ptr == NULL && b.len == 0);
    if (!ok)
        fprintf(stderr, "  (in: %s)\n", what);
}

static void test_replace(void) {
    static const char *const pets[] = {"cat", "dog"};
    static const char *const swap[] = {"dog", "cat"};
    static const char *const grow[] = {"tiger", "ox"};
    static const char hay[] = "cat and dog, dogcat";
    const size_t len = sizeof(hay) - 1;
    ferrex_phrases *set;
    ferrex_bytes b;
    ferrex_search s;
    const uint8_t *rp[3];
    size_t rl[3], out_len;
    uint8_t buf[64];
    size_t a;

    for (a = 0; a < 4; a++) {
        set = build_with(pets, 2, FERREX_PHRASE_MATCH_LEFTMOST_LONGEST, AUTOMATA[a], FERREX_PHRASE_STARTS_BOTH, 0,
                         0);
        check_replace("swap", set, LIT(hay), NULL, swap, 2, "dog and cat, catdog");
        check_replace("grow", set, LIT(hay), NULL, grow, 2, "tiger and ox, oxtiger");
        /* bounds: text outside them is copied unchanged */
        s = search_of(4, len, 0, 0);
        check_replace("bounds [4,len)", set, LIT(hay), &s, swap, 2, "cat and cat, catdog");
        s = search_of(0, 12, 0, 0);
        check_replace("bounds [0,12)", set, LIT(hay), &s, swap, 2, "dog and cat, dogcat");
        s = search_of(1, 15, 0, 0); /* cuts both "cat" at 0 and "dog" at 13 */
        check_replace("bounds [1,15)", set, LIT(hay), &s, swap, 2, "cat and cat, dogcat");
        s = search_of(5, 5, 0, 0);
        check_replace("empty bounds", set, LIT(hay), &s, swap, 2, hay);
        /* anchored: each match must start where the last ended */
        s = search_of(0, 7, FERREX_SEARCH_ANCHORED, 0);
        check_replace("anchored", set, LIT("catdog dog"), &s, swap, 2, "dogcat dog");
        /* no match: a copy */
        check_replace("no match", set, LIT("bird"), NULL, swap, 2, "bird");
        /* empty haystack, empty result: {NULL, 0} */
        check_replace("empty haystack", set, NULL, 0, NULL, swap, 2, "");
        {
            static const char *const gone[] = {"", ""};
            check_replace("deleted", set, LIT("catdog"), NULL, gone, 2, "");
            check_replace("deleted some", set, LIT("a cat, a dog"), NULL, gone, 2, "a , a ");
        }
        ferrex_phrases_free(set);
    }

    set = build(pets, 2, NULL);
    rp[0] = (const uint8_t *)"dog";
    rp[1] = (const uint8_t *)"cat";
    rp[2] = (const uint8_t *)"eel";
    rl[0] = rl[1] = rl[2] = 3;

    /* the replacement count must be the phrase count */
    out_len = 12345;
    CHECK_EQ(ferrex_phrases_replace(set, LIT(hay), NULL, rp, rl, 1, buf, sizeof buf, &out_len),
             FERREX_ERR_INVALID_ARGUMENT);
    CHECK_EQ(ferrex_phrases_replace(set, LIT(hay), NULL, rp, rl, 3, buf, sizeof buf, &out_len),
             FERREX_ERR_INVALID_ARGUMENT);
    CHECK_EQ(ferrex_phrases_replace(set, LIT(hay), NULL, NULL, NULL, 0, buf, sizeof buf, &out_len),
             FERREX_ERR_INVALID_ARGUMENT);
    b.ptr = (uint8_t *)SENTINEL(uint8_t);
    b.len = 5;
    CHECK_EQ(ferrex_phrases_replace_alloc(set, LIT(hay), NULL, rp, rl, 3, &b), FERREX_ERR_INVALID_ARGUMENT);
    CHECK(b.ptr == NULL && b.len == 0); /* a failed _alloc leaves {NULL, 0} */

    /* every other failure of _alloc leaves {NULL, 0} too, with the documented status */
    {
        struct {
            ferrex_search s;
            int32_t status;
        } bad[5];
        size_t i;
        bad[0].s = search_of(0, len + 1, 0, 0), bad[0].status = FERREX_ERR_OUT_OF_BOUNDS;
        bad[1].s = search_of(4, 3, 0, 0), bad[1].status = FERREX_ERR_OUT_OF_BOUNDS;
        bad[2].s = search_of(0, len, 1u << 4, 0), bad[2].status = FERREX_ERR_UNKNOWN_FLAG;
        bad[3].s = search_of(0, len, FERREX_SEARCH_ANCHOR_PATTERN, 1), bad[3].status = FERREX_ERR_UNSUPPORTED;
        bad[4].s = search_of(0, len, 0x100u, 0), bad[4].status = FERREX_ERR_UNKNOWN_FLAG;
        for (i = 0; i < COUNT(bad); i++) {
            b.ptr = (uint8_t *)SENTINEL(uint8_t);
            b.len = 5;
            CHECK_EQ(ferrex_phrases_replace_alloc(set, LIT(hay), &bad[i].s, rp, rl, 2, &b), bad[i].status);
            CHECK(b.ptr == NULL && b.len == 0);
            CHECK_EQ(ferrex_phrases_replace(set, LIT(hay), &bad[i].s, rp, rl, 2, buf, sizeof buf, &out_len),
                     bad[i].status);
        }
    }

    /* NULL pointers */
    CHECK_EQ(ferrex_phrases_replace(NULL, LIT(hay), NULL, rp, rl, 2, buf, sizeof buf, &out_len),
             FERREX_ERR_NULL_POINTER);
    CHECK_EQ(ferrex_phrases_replace(set, NULL, 3, NULL, rp, rl, 2, buf, sizeof buf, &out_len),
             FERREX_ERR_NULL_POINTER);
    CHECK_EQ(ferrex_phrases_replace(set, LIT(hay), NULL, NULL, rl, 2, buf, sizeof buf, &out_len),
             FERREX_ERR_NULL_POINTER);
    CHECK_EQ(ferrex_phrases_replace(set, LIT(hay), NULL, rp, NULL, 2, buf, sizeof buf, &out_len),
             FERREX_ERR_NULL_POINTER);
    CHECK_EQ(ferrex_phrases_replace(set, LIT(hay), NULL, rp, rl, 2, NULL, sizeof buf, &out_len),
             FERREX_ERR_NULL_POINTER);
    CHECK_EQ(ferrex_phrases_replace(set, LIT(hay), NULL, rp, rl, 2, buf, sizeof buf, NULL),
             FERREX_ERR_NULL_POINTER);
    {
        const uint8_t *np[2] = {(const uint8_t *)"dog", NULL};
        size_t nl[2] = {3, 2};
        CHECK_EQ(ferrex_phrases_replace(set, LIT(hay), NULL, np, nl, 2, buf, sizeof buf, &out_len),
                 FERREX_ERR_NULL_POINTER);
        b.ptr = (uint8_t *)SENTINEL(uint8_t);
        b.len = 5;
        CHECK_EQ(ferrex_phrases_replace_alloc(set, LIT(hay), NULL, np, nl, 2, &b), FERREX_ERR_NULL_POINTER);
        CHECK(b.ptr == NULL && b.len == 0);
        /* a NULL replacement of length 0 deletes */
        nl[1] = 0;
        CHECK_EQ(ferrex_phrases_replace_alloc(set, LIT("dog cat"), NULL, np, nl, 2, &b), FERREX_OK);
        CHECK_MEM(b.ptr, b.len, " dog", 4);
        ferrex_bytes_free(&b);
    }
    b.ptr = (uint8_t *)SENTINEL(uint8_t);
    b.len = 5;
    CHECK_EQ(ferrex_phrases_replace_alloc(NULL, LIT(hay), NULL, rp, rl, 2, &b), FERREX_ERR_NULL_POINTER);
    CHECK(b.ptr == NULL && b.len == 0);
    CHECK_EQ(ferrex_phrases_replace_alloc(set, NULL, 2, NULL, rp, rl, 2, &b), FERREX_ERR_NULL_POINTER);
    CHECK(b.ptr == NULL && b.len == 0);
    CHECK_EQ(ferrex_phrases_replace_alloc(set, LIT(hay), NULL, NULL, rl, 2, &b), FERREX_ERR_NULL_POINTER);
    CHECK_EQ(ferrex_phrases_replace_alloc(set, LIT(hay), NULL, rp, NULL, 2, &b), FERREX_ERR_NULL_POINTER);
    CHECK_EQ(ferrex_phrases_replace_alloc(set, LIT(hay), NULL, rp, rl, 2, NULL), FERREX_ERR_NULL_POINTER);
    ferrex_bytes_free(NULL);
    b.ptr = NULL;
    b.len = 0;
    ferrex_bytes_free(&b);
    CHECK(b.ptr == NULL && b.len == 0);
    ferrex_phrases_free(set);

    /* a set built for unanchored searches only cannot replace anchored */
    set = build_with(pets, 2, FERREX_PHRASE_MATCH_LEFTMOST_LONGEST, 0, FERREX_PHRASE_STARTS_UNANCHORED, 0, 0);
    s = search_of(0, len, FERREX_SEARCH_ANCHORED, 0);
    b.ptr = (uint8_t *)SENTINEL(uint8_t);
    CHECK_EQ(ferrex_phrases_replace_alloc(set, LIT(hay), &s, rp, rl, 2, &b), FERREX_ERR_UNSUPPORTED);
    CHECK(b.ptr == NULL && b.len == 0);
    CHECK_EQ(ferrex_phrases_replace(set, LIT(hay), &s, rp, rl, 2, buf, sizeof buf, &out_len),
             FERREX_ERR_UNSUPPORTED);
    check_replace("unanchored-only set", set, LIT(hay), NULL, swap, 2, "dog and cat, catdog");
    ferrex_phrases_free(set);

    /* the empty set replaces nothing (count 0, NULL arrays) */
    set = build(NULL, 0, NULL);
    check_replace("empty set", set, LIT(hay), NULL, NULL, 0, hay);
    out_len = 12345;
    CHECK_EQ(ferrex_phrases_replace(set, LIT(hay), NULL, NULL, NULL, 0, buf, sizeof buf, &out_len), FERREX_OK);
    CHECK_MEM(buf, out_len, hay, len);
    CHECK_EQ(ferrex_phrases_replace_alloc(set, LIT(hay), NULL, NULL, NULL, 0, &b), FERREX_OK);
    CHECK_MEM(b.ptr, b.len, hay, len);
    ferrex_bytes_free(&b);
    ferrex_phrases_free(set);

    /* an empty phrase: a replacement at every position */
    {
        static const char *const e[] = {""};
        static const char *const dash[] = {"-"};
        set = build(e, 1, NULL);
        check_replace("empty phrase", set, LIT("ab"), NULL, dash, 1, "-a-b-");
        ferrex_phrases_free(set);
    }
    /* match kinds decide what is replaced */
    {
        static const char *const app[] = {"append", "appendage", "age"};
        static const char *const abc[] = {"A", "B", "C"};
        set = build_with(app, 3, FERREX_PHRASE_MATCH_STANDARD, 0, FERREX_PHRASE_STARTS_BOTH, 0, 0);
        check_replace("standard", set, LIT("appendage"), NULL, abc, 3, "AC");
        ferrex_phrases_free(set);
        set = build_with(app, 3, FERREX_PHRASE_MATCH_LEFTMOST_LONGEST, 0, FERREX_PHRASE_STARTS_BOTH, 0, 0);
        check_replace("leftmost-longest", set, LIT("appendage"), NULL, abc, 3, "B");
        ferrex_phrases_free(set);
    }
    /* ASCII and Unicode folding */
    set = build_with(pets, 2, FERREX_PHRASE_MATCH_LEFTMOST_LONGEST, 0, FERREX_PHRASE_STARTS_BOTH, 1, 0);
    check_replace("ascii folding", set, LIT("Cat and DOG"), NULL, swap, 2, "dog and cat");
    ferrex_phrases_free(set);
    {
        static const char *const st[] = {"stra\xc3\x9f\x65",
                                         "\xc3\xa9t\xc3\xa9"};
        static const char *const xy[] = {"X", "Y"};
        set = build_with(st, 2, FERREX_PHRASE_MATCH_LEFTMOST_LONGEST, 0, FERREX_PHRASE_STARTS_BOTH, 0, 1);
        check_replace("unicode folding",
                      set, LIT("STRA\xc3\x9f\x45 im \xc3\x89T\xc3\x89"),
                      NULL, xy, 2, "X im Y");
        ferrex_phrases_free(set);
    }
}

/* ---------------------------------------------------------------- build bounds */

/* A phrase of `len` bytes, byte i being `cycle[i % period]`. */
static uint8_t *repeated(size_t len, const char *cycle, size_t period) {
    uint8_t *p = (uint8_t *)malloc(len);
    size_t i;
    if (p != NULL)
        for (i = 0; i < len; i++)
            p[i] = (uint8_t)cycle[i % period];
    return p;
}

/* Builds one phrase with the given automaton and kind; returns the status. */
static int32_t build_one(const uint8_t *phrase, size_t len, uint32_t automaton, uint32_t kind, uint32_t ascii,
                         ferrex_phrases **out) {
    ferrex_phrase_options *o = make_options(kind, automaton, FERREX_PHRASE_STARTS_BOTH, ascii, 0);
    int32_t st = ferrex_phrases_new(out, &phrase, &len, 1, o, NULL);
    ferrex_phrase_options_free(o);
    return st;
}

/*
 * Hostile inputs: no build may go quadratic. AUTO settles for a contiguous
 * NFA where a DFA's build would (long phrases that repeat themselves), an
 * explicit DFA is refused there, and a standard-kind set whose match lists
 * would explode is refused, all before anything is built.
 */
/* FERREX_SEARCH_AFTER_MATCH: phrase searches go on after a match as the
 * non-overlapping iteration does; overlapping iteration refuses it. */
static void test_after_match(void) {
    static const char *const phrases[] = {"", "ab"};
    ferrex_phrases *set = build_with(phrases, 2, FERREX_PHRASE_MATCH_LEFTMOST_FIRST, FERREX_PHRASE_AUTOMATON_AUTO,
                                     FERREX_PHRASE_STARTS_UNANCHORED, 0, 0);
    ferrex_phrase_iter *it = NULL;
    ferrex_search s;
    ferrex_match m = no_match(), buf[4];
    size_t n = 0;
    if (!CHECK(set != NULL))
        return;
    /* leftmost-first, "" given first wins everywhere: the iteration over
     * "xab" is (0,0) (1,1) (2,2) (3,3); after the match ending at 1, the
     * empty match there is skipped and the next is (2,2) */
    s = search_of(1, 3, FERREX_SEARCH_AFTER_MATCH, 0);
    CHECK_EQ(find(set, LIT("xab"), &s, &m), 1);
    CHECK_SPAN(m, 2, 2, 0);
    s = search_of(1, 3, 0, 0);
    CHECK_EQ(find(set, LIT("xab"), &s, &m), 1);
    CHECK_SPAN(m, 1, 1, 0);
    s = search_of(3, 3, FERREX_SEARCH_AFTER_MATCH, 0);
    CHECK_EQ(find(set, LIT("xab"), &s, &m), 0);
    /* a non-overlapping iterator resumed the same way */
    s = search_of(1, 3, FERREX_SEARCH_AFTER_MATCH, 0);
    CHECK_EQ(ferrex_phrase_iter_new(&it, set, 3, &s, 0, NULL), FERREX_OK);
    CHECK_EQ(ferrex_phrase_iter_next_batch(it, LIT("xab"), buf, 4, &n), 1);
    CHECK_EQ_U(n, 2);
    CHECK_SPAN(buf[0], 2, 2, 0);
    CHECK_SPAN(buf[1], 3, 3, 0);
    ferrex_phrase_iter_free(it);
    ferrex_phrases_free(set);

    /* overlapping: matches overlap, so no iteration goes on from one */
    {
        static const char *const words[] = {"ab", "b"};
        ferrex_phrases *std = build_with(words, 2, FERREX_PHRASE_MATCH_STANDARD, FERREX_PHRASE_AUTOMATON_AUTO,
                                         FERREX_PHRASE_STARTS_UNANCHORED, 0, 0);
        it = SENTINEL(ferrex_phrase_iter);
        s = search_of(1, 3, FERREX_SEARCH_AFTER_MATCH, 0);
        CHECK_EQ(ferrex_phrase_iter_new(&it, std, 3, &s, 1, NULL), FERREX_ERR_INVALID_ARGUMENT);
        CHECK(it == NULL);
        CHECK_EQ(ferrex_phrase_iter_new(&it, std, 3, &s, 0, NULL), FERREX_OK); /* non-overlapping: fine */
        s = search_of(0, 3, FERREX_SEARCH_AFTER_MATCH, 0);
        CHECK_EQ(ferrex_phrase_iter_reset(it, 3, &s), FERREX_OK);
        ferrex_phrase_iter_free(it);
        it = NULL;
        s = search_of(0, 3, 0, 0);
        CHECK_EQ(ferrex_phrase_iter_new(&it, std, 3, &s, 1, NULL), FERREX_OK);
        s = search_of(0, 3, FERREX_SEARCH_AFTER_MATCH, 0);
        CHECK_EQ(ferrex_phrase_iter_reset(it, 3, &s), FERREX_ERR_INVALID_ARGUMENT);
        ferrex_phrase_iter_free(it);
        ferrex_phrases_free(std);
    }
}

static void test_build_bounds(void) {
    char cycle[256];
    size_t i, lens[2], fold;
    ferrex_phrases *set;
    ferrex_phrase_options *o;
    ferrex_match m;
    uint8_t *a128k = repeated(128 << 10, "a", 1), *a1m = repeated(1 << 20, "a", 1);
    uint8_t *bytes = NULL;
    for (i = 0; i < 256; i++)
        cycle[i] = (char)i;
    bytes = repeated(128 << 10, cycle, 256);
    if (!CHECK(a128k != NULL && a1m != NULL && bytes != NULL)) {
        free(a128k);
        free(a1m);
        free(bytes);
        return;
    }

    /* 128 KiB of `a`: AUTO builds a contiguous NFA (a DFA took over 15 s), which finds it */
    for (fold = 0; fold < 2; fold++) {
        set = NULL;
        if (CHECK_EQ(build_one(a128k, 128 << 10, FERREX_PHRASE_AUTOMATON_AUTO, FERREX_PHRASE_MATCH_LEFTMOST_LONGEST,
                               (uint32_t)fold, &set),
                     FERREX_OK)) {
            CHECK_EQ_U(info_of(set).automaton, FERREX_PHRASE_AUTOMATON_CONTIGUOUS_NFA);
            CHECK_EQ(find(set, a128k, 128 << 10, NULL, &m), 1);
            CHECK_SPAN(m, 0, 128 << 10, 0);
        }
        ferrex_phrases_free(set);
        /* an explicit DFA is refused, not built for seconds */
        set = SENTINEL(ferrex_phrases);
        CHECK_EQ(build_one(a128k, 128 << 10, FERREX_PHRASE_AUTOMATON_DFA, FERREX_PHRASE_MATCH_LEFTMOST_LONGEST,
                           (uint32_t)fold, &set),
                 FERREX_ERR_SIZE_LIMIT);
        CHECK(set == NULL);
    }
    /* with the error's details, not about one phrase */
    {
        const uint8_t *p[1];
        p[0] = a128k;
        lens[0] = 128 << 10;
        o = make_options(FERREX_PHRASE_MATCH_STANDARD, FERREX_PHRASE_AUTOMATON_DFA, FERREX_PHRASE_STARTS_BOTH, 0, 0);
        check_build_fails("explicit DFA over 128 KiB of a", p, lens, 1, o, FERREX_ERR_SIZE_LIMIT, 0, 0);
        ferrex_phrase_options_free(o);
    }
    /* 1 MiB of `a`: the NFAs build (linear), the DFA is refused */
    set = NULL;
    CHECK_EQ(build_one(a1m, 1 << 20, FERREX_PHRASE_AUTOMATON_AUTO, FERREX_PHRASE_MATCH_STANDARD, 1, &set), FERREX_OK);
    CHECK_EQ_U(info_of(set).automaton, FERREX_PHRASE_AUTOMATON_CONTIGUOUS_NFA);
    ferrex_phrases_free(set);
    set = NULL;
    CHECK_EQ(build_one(a1m, 1 << 20, FERREX_PHRASE_AUTOMATON_NFA, FERREX_PHRASE_MATCH_LEFTMOST_FIRST, 0, &set),
             FERREX_OK);
    ferrex_phrases_free(set);
    set = NULL;
    CHECK_EQ(build_one(a1m, 1 << 20, FERREX_PHRASE_AUTOMATON_DFA, FERREX_PHRASE_MATCH_LEFTMOST_FIRST, 0, &set),
             FERREX_ERR_SIZE_LIMIT);
    /* every byte value, cycled over 128 KiB: the same */
    set = NULL;
    CHECK_EQ(build_one(bytes, 128 << 10, FERREX_PHRASE_AUTOMATON_AUTO, FERREX_PHRASE_MATCH_LEFTMOST_LONGEST, 0, &set),
             FERREX_OK);
    CHECK_EQ_U(info_of(set).automaton, FERREX_PHRASE_AUTOMATON_CONTIGUOUS_NFA);
    ferrex_phrases_free(set);
    set = NULL;
    CHECK_EQ(build_one(bytes, 128 << 10, FERREX_PHRASE_AUTOMATON_DFA, FERREX_PHRASE_MATCH_STANDARD, 0, &set),
             FERREX_ERR_SIZE_LIMIT);
    /* a DFA within the bound is built as asked */
    set = NULL;
    CHECK_EQ(build_one(a128k, 4000, FERREX_PHRASE_AUTOMATON_DFA, FERREX_PHRASE_MATCH_LEFTMOST_LONGEST, 0, &set),
             FERREX_OK);
    CHECK_EQ_U(info_of(set).automaton, FERREX_PHRASE_AUTOMATON_DFA);
    ferrex_phrases_free(set);

    /*
     * "a", "aa", ..., 600 a's, and 64 KiB of a: under the standard kind each
     * state of the long run would list up to 600 phrases (4 * 10^7 entries),
     * with every automaton; the leftmost kinds list none.
     */
    {
        static const uint8_t *ptrs[601];
        static size_t nested_lens[601];
        size_t a;
        for (i = 0; i < 601; i++) {
            ptrs[i] = a128k;
            nested_lens[i] = i < 600 ? i + 1 : 64 << 10;
        }
        for (a = 0; a < 4; a++) {
            o = make_options(FERREX_PHRASE_MATCH_STANDARD, AUTOMATA[a], FERREX_PHRASE_STARTS_BOTH, 0, 0);
            check_build_fails("nested runs of a, standard kind", ptrs, nested_lens, 601, o, FERREX_ERR_SIZE_LIMIT,
                              0, 0);
            ferrex_phrase_options_free(o);
        }
        o = make_options(FERREX_PHRASE_MATCH_LEFTMOST_LONGEST, 0, FERREX_PHRASE_STARTS_BOTH, 0, 0);
        set = NULL;
        CHECK_EQ(ferrex_phrases_new(&set, ptrs, nested_lens, 601, o, NULL), FERREX_OK);
        CHECK_EQ(find(set, a128k, 700, NULL, &m), 1);
        CHECK_SPAN(m, 0, 600, 599);
        ferrex_phrases_free(set);
        ferrex_phrase_options_free(o);
    }
    free(a128k);
    free(a1m);
    free(bytes);
}

int main(void) {
    test_options();
    test_options_semantics();
    test_build();
    test_info_and_automata();
    test_match_kinds();
    test_case_folding();
    test_searches();
    test_iterators();
    test_regex_batch();
    test_large();
    test_replace();
    test_after_match();
    test_build_bounds();
    return check_report("test_phrases");
}
