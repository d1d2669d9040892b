/*
 * test_stream.c - streams (ferrex_stream_*): the matches a stream reports
 * over text split at every position equal those of the one-shot iteration
 * (ferrex_iter_next) over the whole text, for bounded and unbounded
 * regexes with look-around and empty matches, and for phrase sets
 * (leftmost and overlapping); absolute offsets; what is kept between
 * calls; reset; the retain limit and that the stream stays usable past
 * it; and every documented status of every call.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "ferrex.h"

#define LIT(s) (const uint8_t *)(s), (sizeof(s) - 1)
#define MAXM 256

static ferrex_regex *compile(const char *pattern, uint32_t match_kind) {
    ferrex_options *o = NULL;
    ferrex_regex *re = NULL;
    CHECK_EQ(ferrex_options_new(&o, NULL), FERREX_OK);
    CHECK_EQ(ferrex_options_set_match_kind(o, match_kind), FERREX_OK);
    CHECK_EQ(ferrex_regex_new(&re, (const uint8_t *)pattern, strlen(pattern), 0, o, NULL), FERREX_OK);
    ferrex_options_free(o);
    return re;
}

static ferrex_phrases *phrases(const char *const *words, size_t n, uint32_t kind) {
    const uint8_t *ptrs[16];
    size_t lens[16];
    ferrex_phrase_options *o = NULL;
    ferrex_phrases *set = NULL;
    for (size_t i = 0; i < n; i++) {
        ptrs[i] = (const uint8_t *)words[i];
        lens[i] = strlen(words[i]);
    }
    CHECK_EQ(ferrex_phrase_options_new(&o, NULL), FERREX_OK);
    CHECK_EQ(ferrex_phrase_options_set_match_kind(o, kind), FERREX_OK);
    CHECK_EQ(ferrex_phrases_new(&set, ptrs, lens, n, o, NULL), FERREX_OK);
    ferrex_phrase_options_free(o);
    return set;
}

/* Every match the one-shot iteration reports over `text`. */
static size_t one_shot(const ferrex_regex *re, const char *text, ferrex_match *out) {
    size_t len = strlen(text), n = 0;
    ferrex_iter *it = NULL;
    CHECK_EQ(ferrex_iter_new(&it, re, len, NULL, NULL), FERREX_OK);
    while (n < MAXM && ferrex_iter_next(it, (const uint8_t *)text, len, &out[n]) == 1)
        n++;
    ferrex_iter_free(it);
    return n;
}

/* Takes every settled match, 3 at a time (several batches per call). */
static size_t drain(ferrex_stream *s, ferrex_match *out, size_t n) {
    size_t got = 0;
    while (n < MAXM - 3 && ferrex_stream_next_batch(s, out + n, 3, &got) == 1) {
        CHECK(got >= 1 && got <= 3);
        n += got;
    }
    CHECK_EQ_U(got, 0);
    return n;
}

/* Feeds `text` in pieces of `step` bytes (the last shorter), then finishes. */
static size_t streamed(ferrex_stream *s, const char *text, size_t step, ferrex_match *out) {
    size_t len = strlen(text), n = 0;
    CHECK_EQ(ferrex_stream_reset(s), FERREX_OK);
    for (size_t at = 0; at < len; at += step) {
        size_t piece = len - at < step ? len - at : step;
        CHECK_EQ(ferrex_stream_feed(s, (const uint8_t *)text + at, piece), FERREX_OK);
        n = drain(s, out, n);
    }
    CHECK_EQ(ferrex_stream_finish(s), FERREX_OK);
    return drain(s, out, n);
}

static int same_matches(const ferrex_match *a, size_t na, const ferrex_match *b, size_t nb) {
    if (na != nb)
        return 0;
    for (size_t i = 0; i < na; i++)
        if (a[i].start != b[i].start || a[i].end != b[i].end || a[i].pattern != b[i].pattern)
            return 0;
    return 1;
}

/* ------------------------------------------------------------ semantics */

/* Every chunk size, for regexes of every kind of bound and look-around. */
static void test_every_split_matches_one_shot(void) {
    static const struct {
        const char *pattern, *text;
    } cases[] = {
        {"\\bcat\\b", "concat cat catalog cat"},
        {"[0-9]{4}-[0-9]{2}", "released 2024-05, patched 2024-06 and 2024-"},
        {"a+", "baaab aa a baaaa"},
        {"a*", "baaab"},
        {"(?m)^\\w+$", "alpha\nbeta gamma\ndelta\n"},
        {"\"[^\"]*\"", "say \"hello\" and \"good bye\" now"},
        {"x|xyz|", "axyzx"},
        {"caf\xc3\xa9|\xc3\xa9t\xc3\xa9", "un caf\xc3\xa9 en \xc3\xa9t\xc3\xa9"},
        {"$", "ab\n"},
    };
    ferrex_match want[MAXM], got[MAXM];
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        ferrex_regex *re = compile(cases[c].pattern, FERREX_MATCH_KIND_LEFTMOST_FIRST);
        ferrex_stream *s = NULL;
        CHECK_EQ(ferrex_stream_new(&s, re, 0, 0, NULL), FERREX_OK);
        size_t nwant = one_shot(re, cases[c].text, want);
        CHECK(nwant > 0);
        for (size_t step = 1; step <= strlen(cases[c].text); step++) {
            size_t ngot = streamed(s, cases[c].text, step, got);
            if (!CHECK(same_matches(got, ngot, want, nwant)))
                fprintf(stderr, "  pattern %s, chunks of %zu: %zu matches, one-shot %zu\n", cases[c].pattern, step,
                        ngot, nwant);
        }
        ferrex_stream_free(s);
        ferrex_regex_free(re);
    }
}

/* A match is handed over once settled, with absolute offsets; `a+` is
 * settled only when the run of `a` ends. */
static void test_settling_and_offsets(void) {
    ferrex_regex *re = compile("a+", FERREX_MATCH_KIND_LEFTMOST_FIRST);
    ferrex_stream *s = NULL;
    ferrex_match m;
    ferrex_stream_info info;
    CHECK_EQ(ferrex_stream_new(&s, re, 0, 0, NULL), FERREX_OK);
    ferrex_regex_free(re); /* the stream holds its own reference */
    CHECK_EQ(ferrex_stream_feed(s, LIT("xxaa")), FERREX_OK);
    CHECK_EQ(ferrex_stream_next(s, &m), 0);
    CHECK_EQ(ferrex_stream_feed(s, LIT("aa")), FERREX_OK);
    CHECK_EQ(ferrex_stream_next(s, &m), 0);
    CHECK_EQ(ferrex_stream_describe(s, &info), FERREX_OK);
    CHECK_EQ_U(info.offset, 6);
    CHECK(info.retained >= 4 && info.retained <= 6); /* the run in progress */
    CHECK_EQ_U(info.ready, 0);
    CHECK_EQ_U(info.finished, 0);
    /* The "b" ends the run: with no look-ahead in the pattern, that byte
     * settles the match. */
    CHECK_EQ(ferrex_stream_feed(s, LIT("b")), FERREX_OK);
    CHECK_EQ(ferrex_stream_describe(s, &info), FERREX_OK);
    CHECK_EQ_U(info.ready, 1);
    CHECK_EQ(ferrex_stream_next(s, &m), 1);
    CHECK_SPAN(m, 2, 6, 0);
    CHECK_EQ(ferrex_stream_feed(s, LIT("b")), FERREX_OK);
    CHECK_EQ(ferrex_stream_next(s, &m), 0);
    CHECK_EQ(ferrex_stream_feed(s, LIT("a")), FERREX_OK);
    CHECK_EQ(ferrex_stream_finish(s), FERREX_OK);
    CHECK_EQ(ferrex_stream_next(s, &m), 1);
    CHECK_SPAN(m, 8, 9, 0);
    CHECK_EQ(ferrex_stream_next(s, &m), 0);
    CHECK_EQ(ferrex_stream_describe(s, &info), FERREX_OK);
    CHECK_EQ_U(info.finished, 1);
    CHECK_EQ_U(info.retained, 0);
    /* Reset: offsets restart at 0. */
    CHECK_EQ(ferrex_stream_reset(s), FERREX_OK);
    CHECK_EQ(ferrex_stream_feed(s, LIT("ab")), FERREX_OK);
    CHECK_EQ(ferrex_stream_finish(s), FERREX_OK);
    CHECK_EQ(ferrex_stream_next(s, &m), 1);
    CHECK_SPAN(m, 0, 1, 0);
    ferrex_stream_free(s);
}

/* A bounded regex over 1 MB in 4 KB chunks keeps at most its length + 7. */
static void test_bounded_memory(void) {
    ferrex_regex *re = compile("[0-9]{4}-[0-9]{2}-[0-9]{2}", FERREX_MATCH_KIND_LEFTMOST_FIRST);
    ferrex_stream *s = NULL;
    ferrex_stream_info info;
    ferrex_match batch[64];
    size_t n = 0, total = 0, most = 0;
    static char chunk[4096];
    CHECK_EQ(ferrex_stream_new(&s, re, 0, 0, NULL), FERREX_OK);
    for (size_t i = 0; i < sizeof chunk; i++)
        chunk[i] = "on 2024-05-06 at noon\n"[i % 22];
    for (int i = 0; i < 256; i++) {
        CHECK_EQ(ferrex_stream_feed(s, (const uint8_t *)chunk, sizeof chunk), FERREX_OK);
        while (ferrex_stream_next_batch(s, batch, 64, &n) == 1)
            total += n;
        CHECK_EQ(ferrex_stream_describe(s, &info), FERREX_OK);
        most = info.retained > most ? info.retained : most;
    }
    CHECK_EQ(ferrex_stream_finish(s), FERREX_OK);
    while (ferrex_stream_next_batch(s, batch, 64, &n) == 1)
        total += n;
    CHECK(most <= 10 + 7);
    /* Each 4 KB chunk restarts the 22-byte line: a date at 3 + 22k wherever
     * it fits whole before the chunk's end, 186 per chunk. */
    CHECK_EQ_U(total, 256 * 186);
    ferrex_stream_free(s);
    ferrex_regex_free(re);
}

/* Phrase streams: leftmost-longest across a split, overlapping standard. */
static void test_phrases(void) {
    static const char *const words[] = {"Sherlock", "Sherlock Holmes", "Holmes", "lock"};
    ferrex_match got[MAXM];
    ferrex_phrases *longest = phrases(words, 4, FERREX_PHRASE_MATCH_LEFTMOST_LONGEST);
    ferrex_stream *s = NULL;
    CHECK_EQ(ferrex_stream_new_phrases(&s, longest, 0, 0, NULL), FERREX_OK);
    size_t n = streamed(s, "Mr Sherlock Holmes; Sherlock.", 5, got);
    CHECK_EQ_U(n, 2);
    CHECK_SPAN(got[0], 3, 18, 1);
    CHECK_SPAN(got[1], 20, 28, 0);
    ferrex_stream_free(s);
    ferrex_phrases_free(longest);

    ferrex_phrases *standard = phrases(words, 4, FERREX_PHRASE_MATCH_STANDARD);
    CHECK_EQ(ferrex_stream_new_phrases(&s, standard, 0, FERREX_STREAM_OVERLAPPING, NULL), FERREX_OK);
    n = streamed(s, "Sherlock Holmes", 4, got);
    CHECK_EQ_U(n, 4); /* by end, then start: Sherlock, lock, Sherlock Holmes, Holmes */
    CHECK_SPAN(got[0], 0, 8, 0);
    CHECK_SPAN(got[1], 4, 8, 3);
    CHECK_SPAN(got[2], 0, 15, 1);
    CHECK_SPAN(got[3], 9, 15, 2);
    ferrex_stream_free(s);
    ferrex_phrases_free(standard);
}

/* Match ends and which patterns matched: nothing is kept. */
static void test_ends_and_patterns(void) {
    const uint8_t *pats[2] = {(const uint8_t *)"ab+", (const uint8_t *)"b"};
    size_t lens[2] = {3, 1};
    ferrex_regex *re = NULL;
    ferrex_stream *ends = NULL, *which = NULL;
    ferrex_match got[16];
    ferrex_stream_info info;
    CHECK_EQ(ferrex_regex_new_many(&re, pats, lens, 2, 0, NULL, NULL), FERREX_OK);
    CHECK_EQ(ferrex_stream_new(&ends, re, 0, FERREX_STREAM_ENDS, NULL), FERREX_OK);
    CHECK_EQ(ferrex_stream_new(&which, re, 0, FERREX_STREAM_PATTERNS, NULL), FERREX_OK);
    /* "xabbxb": ab+ ends at 3 and 4, b at 3, 4 and 6. */
    size_t n = streamed(ends, "xabbxb", 2, got);
    CHECK_EQ_U(n, 5);
    static const size_t want_end[5] = {3, 3, 4, 4, 6}, want_pattern[5] = {0, 1, 0, 1, 1};
    for (size_t i = 0; i < n && i < 5; i++) {
        CHECK_EQ_U(got[i].start, FERREX_UNSET);
        CHECK_EQ_U(got[i].end, want_end[i]);
        CHECK_EQ_U(got[i].pattern, want_pattern[i]);
    }
    CHECK_EQ(ferrex_stream_describe(ends, &info), FERREX_OK);
    CHECK_EQ_U(info.offset, 6);
    CHECK_EQ_U(info.retained, 0);
    n = streamed(which, "xabbxb", 1, got);
    CHECK_EQ_U(n, 2);
    CHECK_EQ_U(got[0].end, 3);
    CHECK_EQ_U(got[0].pattern, 0);
    CHECK_EQ_U(got[1].end, 3);
    CHECK_EQ_U(got[1].pattern, 1);
    ferrex_stream_free(ends);
    ferrex_stream_free(which);
    ferrex_regex_free(re);
}

/* -------------------------------------------------------------- statuses */

static void test_statuses(void) {
    ferrex_regex *re = compile("\"[^\"]*\"", FERREX_MATCH_KIND_LEFTMOST_FIRST);
    ferrex_regex *all = compile("a", FERREX_MATCH_KIND_ALL);
    static const char *const words[] = {"ab", "b"};
    ferrex_phrases *leftmost = phrases(words, 2, FERREX_PHRASE_MATCH_LEFTMOST_FIRST);
    ferrex_stream *s = (ferrex_stream *)(void *)&re; /* must be overwritten */
    ferrex_error *err = NULL;
    ferrex_match m, batch[4];
    size_t n = 99;
    ferrex_stream_info info;

    /* Constructors. */
    CHECK_EQ(ferrex_stream_new(NULL, re, 0, 0, NULL), FERREX_ERR_NULL_POINTER);
    CHECK_EQ(ferrex_stream_new(&s, NULL, 0, 0, &err), FERREX_ERR_NULL_POINTER);
    CHECK(s == NULL);
    CHECK(err != NULL && strstr(ferrex_error_message(err), "regex") != NULL);
    ferrex_error_free(err);
    CHECK_EQ(ferrex_stream_new(&s, re, 0, 1u << 7, &err), FERREX_ERR_UNKNOWN_FLAG);
    CHECK(err != NULL && ferrex_error_status(err) == FERREX_ERR_UNKNOWN_FLAG);
    ferrex_error_free(err);
    CHECK_EQ(ferrex_stream_new(&s, re, 0, FERREX_STREAM_OVERLAPPING, NULL), FERREX_ERR_UNSUPPORTED);
    CHECK_EQ(ferrex_stream_new(&s, all, 0, 0, NULL), FERREX_ERR_UNSUPPORTED);
    /* A retain limit below what the stream always keeps (4 bytes for an
     * unbounded regex without look-ahead, 8 with a Unicode \b) would fail
     * every feed: refused, with the floor. */
    CHECK_EQ(ferrex_stream_new(&s, re, 3, 0, &err), FERREX_ERR_INVALID_ARGUMENT);
    CHECK(err != NULL && strstr(ferrex_error_message(err), "below the 4 bytes") != NULL);
    ferrex_error_free(err);
    CHECK_EQ(ferrex_stream_new(&s, re, 4, 0, NULL), FERREX_OK);
    ferrex_stream_free(s);
    {
        ferrex_regex *word = compile("\\b\"[^\"]*\"", FERREX_MATCH_KIND_LEFTMOST_FIRST);
        CHECK_EQ(ferrex_stream_new(&s, word, 7, 0, &err), FERREX_ERR_INVALID_ARGUMENT);
        CHECK(err != NULL && strstr(ferrex_error_message(err), "below the 8 bytes") != NULL);
        ferrex_error_free(err);
        CHECK_EQ(ferrex_stream_new(&s, word, 8, 0, NULL), FERREX_OK);
        ferrex_stream_free(s);
        ferrex_regex_free(word);
    }
    CHECK_EQ(ferrex_stream_new_phrases(&s, NULL, 0, 0, NULL), FERREX_ERR_NULL_POINTER);
    CHECK_EQ(ferrex_stream_new_phrases(NULL, leftmost, 0, 0, NULL), FERREX_ERR_NULL_POINTER);
    CHECK_EQ(ferrex_stream_new_phrases(&s, leftmost, 0, 1u << 31, NULL), FERREX_ERR_UNKNOWN_FLAG);
    CHECK_EQ(ferrex_stream_new_phrases(&s, leftmost, 0, FERREX_STREAM_OVERLAPPING, NULL), FERREX_ERR_UNSUPPORTED);
    CHECK_EQ(ferrex_stream_new_phrases(&s, leftmost, 0, FERREX_STREAM_ENDS, NULL), FERREX_ERR_UNSUPPORTED);
    CHECK_EQ(ferrex_stream_new(&s, re, 0, FERREX_STREAM_ENDS | FERREX_STREAM_PATTERNS, NULL),
             FERREX_ERR_INVALID_ARGUMENT);
    {
        /* A set built for anchored searches only: refused when the stream
         * is made (a stream searches unanchored), not at every feed. */
        const uint8_t *ab[] = {(const uint8_t *)"ab"};
        size_t ab_len[] = {2};
        ferrex_phrase_options *o = NULL;
        ferrex_phrases *anchored = NULL;
        CHECK_EQ(ferrex_phrase_options_new(&o, NULL), FERREX_OK);
        CHECK_EQ(ferrex_phrase_options_set_starts(o, FERREX_PHRASE_STARTS_ANCHORED), FERREX_OK);
        CHECK_EQ(ferrex_phrases_new(&anchored, ab, ab_len, 1, o, NULL), FERREX_OK);
        CHECK_EQ(ferrex_stream_new_phrases(&s, anchored, 0, 0, &err), FERREX_ERR_UNSUPPORTED);
        CHECK(err != NULL && strstr(ferrex_error_message(err), "anchored searches only") != NULL);
        ferrex_error_free(err);
        ferrex_phrases_free(anchored);
        ferrex_phrase_options_free(o);
    }
    {
        ferrex_regex *empty = compile("a*", FERREX_MATCH_KIND_LEFTMOST_FIRST);
        ferrex_regex *word = compile("\\bword", FERREX_MATCH_KIND_LEFTMOST_FIRST);
        CHECK_EQ(ferrex_stream_new(&s, empty, 0, FERREX_STREAM_ENDS, NULL), FERREX_ERR_UNSUPPORTED);
        CHECK_EQ(ferrex_stream_new(&s, word, 0, FERREX_STREAM_PATTERNS, NULL), FERREX_ERR_UNSUPPORTED);
        ferrex_regex_free(empty);
        ferrex_regex_free(word);
    }
    CHECK(s == NULL);

    /* NULL handles and pointers in every call. */
    ferrex_stream_free(NULL);
    CHECK_EQ(ferrex_stream_feed(NULL, LIT("x")), FERREX_ERR_NULL_POINTER);
    CHECK_EQ(ferrex_stream_finish(NULL), FERREX_ERR_NULL_POINTER);
    CHECK_EQ(ferrex_stream_reset(NULL), FERREX_ERR_NULL_POINTER);
    CHECK_EQ(ferrex_stream_next(NULL, &m), FERREX_ERR_NULL_POINTER);
    CHECK_EQ(ferrex_stream_next_batch(NULL, batch, 4, &n), FERREX_ERR_NULL_POINTER);
    CHECK_EQ(ferrex_stream_describe(NULL, &info), FERREX_ERR_NULL_POINTER);

    /* A retain limit of 100 bytes: a quote that does not close in time. */
    CHECK_EQ(ferrex_stream_new(&s, re, 100, 0, NULL), FERREX_OK);
    CHECK_EQ(ferrex_stream_feed(s, NULL, 0), FERREX_OK);
    CHECK_EQ(ferrex_stream_feed(s, NULL, 3), FERREX_ERR_NULL_POINTER);
    CHECK_EQ(ferrex_stream_next(s, NULL), FERREX_ERR_NULL_POINTER);
    CHECK_EQ(ferrex_stream_next_batch(s, NULL, 4, &n), FERREX_ERR_NULL_POINTER);
    CHECK_EQ(ferrex_stream_next_batch(s, batch, 4, NULL), FERREX_ERR_NULL_POINTER);
    CHECK_EQ(ferrex_stream_next_batch(s, batch, 0, &n), FERREX_ERR_INVALID_ARGUMENT);
    CHECK_EQ_U(n, 0);
    CHECK_EQ(ferrex_stream_describe(s, NULL), FERREX_ERR_NULL_POINTER);
    CHECK_EQ(ferrex_stream_feed(s, LIT("\"a\" \"never closed ")), FERREX_OK);
    int status = FERREX_OK;
    for (int i = 0; i < 20 && status == FERREX_OK; i++)
        status = ferrex_stream_feed(s, LIT("0123456789"));
    CHECK_EQ(status, FERREX_ERR_RETAIN_LIMIT);
    CHECK(strstr(ferrex_error_message(ferrex_error_last()), "retain limit of 100 bytes") != NULL);
    CHECK_STR(ferrex_status_name(FERREX_ERR_RETAIN_LIMIT), "FERREX_ERR_RETAIN_LIMIT");
    /* The match settled before the limit is still handed over... */
    CHECK_EQ(ferrex_stream_next(s, &m), 1);
    CHECK_SPAN(m, 0, 3, 0);
    CHECK_EQ(ferrex_stream_describe(s, &info), FERREX_OK);
    CHECK(info.retained <= 4);
    /* ...and the stream goes on after the abandoned one. */
    CHECK_EQ(ferrex_stream_feed(s, LIT(" \"ok\"")), FERREX_OK);
    CHECK_EQ(ferrex_stream_finish(s), FERREX_OK);
    CHECK_EQ(ferrex_stream_next(s, &m), 1);
    CHECK_EQ_U(m.end - m.start, 4);
    CHECK_EQ_U(m.end, info.offset + 5);
    /* Feeding a finished stream. */
    CHECK_EQ(ferrex_stream_feed(s, LIT("x")), FERREX_ERR_INVALID_ARGUMENT);
    CHECK_EQ(ferrex_stream_finish(s), FERREX_OK);
    CHECK_EQ(ferrex_stream_reset(s), FERREX_OK);
    CHECK_EQ(ferrex_stream_feed(s, LIT("x")), FERREX_OK);
    ferrex_stream_free(s);

    ferrex_phrases_free(leftmost);
    ferrex_regex_free(all);
    ferrex_regex_free(re);
}

/* An unbounded regex whose prefix DFA (stream.rs) needs a larger NFA than
 * the regex itself: the smallest NFA size limit the regex compiles under
 * is too small for the stream. */
static void test_size_limit(void) {
    const char *pattern = "\\w\\d\\w\\d\\w\\d\\w\\d\\w\\d\\w\\d\\w\\d\\w\\d\\w\\d\\w\\d+";
    ferrex_status status = FERREX_ERR_INTERNAL;
    size_t limit;
    for (limit = 1 << 10; limit < ((size_t)1 << 26); limit += limit / 8) {
        ferrex_options *o = NULL;
        ferrex_regex *re = NULL;
        CHECK_EQ(ferrex_options_new(&o, NULL), FERREX_OK);
        CHECK_EQ(ferrex_options_set_nfa_size_limit(o, limit), FERREX_OK);
        int compiled = ferrex_regex_new(&re, (const uint8_t *)pattern, strlen(pattern), 0, o, NULL) == FERREX_OK;
        ferrex_options_free(o);
        if (compiled) {
            ferrex_stream *s = NULL;
            ferrex_error *err = NULL;
            status = ferrex_stream_new(&s, re, 0, 0, &err);
            CHECK(s == NULL && err != NULL && ferrex_error_status(err) == FERREX_ERR_SIZE_LIMIT);
            ferrex_error_free(err);
            ferrex_regex_free(re);
            break;
        }
    }
    CHECK_EQ(status, FERREX_ERR_SIZE_LIMIT);
}

int main(void) {
    test_every_split_matches_one_shot();
    test_settling_and_offsets();
    test_bounded_memory();
    test_phrases();
    test_ends_and_patterns();
    test_statuses();
    test_size_limit();
    return check_report("test_stream");
}
