/*
 * test_last_error.c - ferrex_error_last(): every failing call leaves its
 * status, message, pattern and span as the calling thread's last error;
 * success and the ferrex_error_* accessors leave it alone; each thread has
 * its own; ferrex_error_clear() forgets it. Under ASan and valgrind this
 * also checks that the replaced and the per-thread errors are freed.
 */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "ferrex.h"

#define LIT(s) (const uint8_t *)(s), (sizeof(s) - 1)

static ferrex_regex *compile(const char *pattern) {
    ferrex_regex *re = NULL;
    CHECK_EQ(ferrex_regex_new(&re, (const uint8_t *)pattern, strlen(pattern), 0, NULL, NULL), FERREX_OK);
    return re;
}

static int contains(const char *text, const char *part) { return text != NULL && strstr(text, part) != NULL; }

static void test_search_failures(void) {
    ferrex_regex *re = compile("b+");
    ferrex_search bad = {2, 9, 0, 0};
    ferrex_match m = {0, 0, 0};
    const ferrex_error *last;

    ferrex_error_clear();
    CHECK(ferrex_error_last() == NULL);

    CHECK_EQ(ferrex_regex_find(re, NULL, LIT("abc"), &bad, &m), FERREX_ERR_OUT_OF_BOUNDS);
    last = ferrex_error_last();
    CHECK(last != NULL);
    CHECK_EQ(ferrex_error_status(last), FERREX_ERR_OUT_OF_BOUNDS);
    CHECK(contains(ferrex_error_message(last), "2..9"));

    /* Success leaves it: the same object, the same message. */
    CHECK_EQ(ferrex_regex_find(re, NULL, LIT("abbc"), NULL, &m), 1);
    CHECK_SPAN(m, 1, 3, 0);
    CHECK(ferrex_error_last() == last);
    CHECK(contains(ferrex_error_message(last), "2..9"));

    /* The accessors never replace it, even when they fail. */
    CHECK_EQ(ferrex_error_span(last, NULL, NULL), FERREX_ERR_NULL_POINTER);
    CHECK_EQ(ferrex_error_pattern(NULL, NULL), FERREX_ERR_NULL_POINTER);
    CHECK(ferrex_error_last() == last);

    /* The next failure of any kind replaces it: a NULL haystack... */
    CHECK_EQ(ferrex_regex_is_match(re, NULL, NULL, 4, NULL), FERREX_ERR_NULL_POINTER);
    CHECK_EQ(ferrex_error_status(ferrex_error_last()), FERREX_ERR_NULL_POINTER);
    CHECK_STR(ferrex_error_message(ferrex_error_last()), "haystack is NULL but its length is 4");

    /* ...a setter... */
    ferrex_options *opts = NULL;
    CHECK_EQ(ferrex_options_new(&opts, NULL), FERREX_OK);
    CHECK_EQ(ferrex_options_set_match_kind(opts, 7), FERREX_ERR_INVALID_ARGUMENT);
    CHECK(contains(ferrex_error_message(ferrex_error_last()), "7"));
    CHECK_EQ(ferrex_options_set_nesting_limit(opts, FERREX_MAX_NESTING_LIMIT + 1), FERREX_ERR_INVALID_ARGUMENT);
    CHECK(contains(ferrex_error_message(ferrex_error_last()), "nesting limit"));
    ferrex_options_free(opts);

    /* ...a bad pattern index. */
    ferrex_search pinned = {0, 3, FERREX_SEARCH_ANCHOR_PATTERN, 5};
    CHECK_EQ(ferrex_regex_is_match(re, NULL, LIT("abc"), &pinned), FERREX_ERR_INDEX);
    CHECK_EQ(ferrex_error_status(ferrex_error_last()), FERREX_ERR_INDEX);
    CHECK(contains(ferrex_error_message(ferrex_error_last()), "pattern index 5"));

    ferrex_error_clear();
    CHECK(ferrex_error_last() == NULL);
    ferrex_error_clear(); /* twice is fine */
    CHECK(ferrex_error_last() == NULL);
    ferrex_regex_free(re);
}

static void test_constructor_failures(void) {
    const uint8_t *pats[2] = {(const uint8_t *)"ok", (const uint8_t *)"a(b"};
    size_t lens[2] = {2, 3};
    ferrex_regex *re = NULL;
    ferrex_error *mine = NULL;
    size_t start = 0, end = 0, pattern = 0;

    CHECK_EQ(ferrex_regex_new_many(&re, pats, lens, 2, 0, NULL, &mine), FERREX_ERR_SYNTAX);
    const ferrex_error *last = ferrex_error_last();
    /* The library's own copy, which the caller's free does not touch. */
    CHECK(last != NULL && last != mine);
    CHECK_STR(ferrex_error_message(last), ferrex_error_message(mine));
    ferrex_error_free(mine);
    CHECK_EQ(ferrex_error_pattern(last, &pattern), 1);
    CHECK_EQ_U(pattern, 1);
    CHECK_EQ(ferrex_error_span(last, &start, &end), 1);
    CHECK_EQ_U(start, 1);
    CHECK_EQ_U(end, 2);

    /* Without an error out-parameter the details are still there. */
    CHECK_EQ(ferrex_regex_new(&re, LIT("x{2,1}"), 0, NULL, NULL), FERREX_ERR_SYNTAX);
    CHECK_EQ(ferrex_error_span(ferrex_error_last(), &start, &end), 1);
    CHECK_EQ_U(start, 1);
    CHECK_EQ_U(end, 6);
}

/* ---------------------------------------------------------------- threads */

#define THREADS 4
#define ROUNDS 200

typedef struct {
    const ferrex_regex *re;
    size_t index;
    pthread_barrier_t *barrier;
    int started_empty;  /* the thread's last error was NULL at its start */
    int wrong;          /* rounds whose last error was not the thread's own */
} worker;

static void *work(void *arg) {
    worker *w = (worker *)arg;
    char want[64];
    ferrex_match m;
    w->started_empty = ferrex_error_last() == NULL;
    pthread_barrier_wait(w->barrier);
    for (size_t round = 0; round < ROUNDS; round++) {
        /* Each thread fails with its own bounds, then succeeds, while the
           others do the same: its last error must stay its own. */
        size_t end = 10 + w->index;
        ferrex_search bad = {0, end, 0, 0};
        if (ferrex_regex_find(w->re, NULL, LIT("abc"), &bad, &m) != FERREX_ERR_OUT_OF_BOUNDS)
            w->wrong++;
        if (ferrex_regex_find(w->re, NULL, LIT("abc"), NULL, &m) != 1)
            w->wrong++;
        snprintf(want, sizeof want, "0..%zu", end);
        if (!contains(ferrex_error_message(ferrex_error_last()), want))
            w->wrong++;
    }
    return NULL; /* the thread's last error is freed at its exit */
}

static void test_threads(void) {
    ferrex_regex *re = compile("b");
    ferrex_search mine = {3, 1, 0, 0};
    ferrex_match m;
    pthread_t tids[THREADS];
    worker workers[THREADS];
    pthread_barrier_t barrier;
    int started[THREADS];

    CHECK_EQ(ferrex_regex_find(re, NULL, LIT("abc"), &mine, &m), FERREX_ERR_OUT_OF_BOUNDS);
    const ferrex_error *before = ferrex_error_last();
    CHECK_EQ(pthread_barrier_init(&barrier, NULL, THREADS), 0);
    for (size_t i = 0; i < THREADS; i++) {
        workers[i] = (worker){re, i, &barrier, 0, 0};
        started[i] = pthread_create(&tids[i], NULL, work, &workers[i]) == 0;
        CHECK(started[i]);
    }
    for (size_t i = 0; i < THREADS; i++) {
        if (!started[i])
            continue;
        CHECK_EQ(pthread_join(tids[i], NULL), 0);
        CHECK(workers[i].started_empty);
        CHECK_EQ(workers[i].wrong, 0);
    }
    pthread_barrier_destroy(&barrier);
    /* Nothing the other threads did reached this thread's error. */
    CHECK(ferrex_error_last() == before);
    CHECK(contains(ferrex_error_message(before), "3..1"));
    ferrex_error_clear();
    ferrex_regex_free(re);
}

int main(void) {
    test_search_failures();
    test_constructor_failures();
    test_threads();
    return check_report("test_last_error");
}
