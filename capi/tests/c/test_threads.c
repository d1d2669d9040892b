/*
 * test_threads.c - one compiled multi-pattern regex shared by 8 threads.
 *
 * Each thread runs a fixed workload (is_match, find, a bounded find,
 * iteration counts, captures, which_matches) over several haystacks for
 * many rounds, alternating between its own ferrex_cache and a NULL cache
 * (the regex's internal pool), and between a reused iterator (iter_reset)
 * and a fresh one. Every result must equal the single-threaded result
 * computed before the threads start.
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "ferrex.h"

#define THREADS 8
#define ROUNDS 24
#define MAX_GROUPS 8
#define PATTERNS 5
#define HAYSTACKS 7

static const char *const patterns[PATTERNS] = {
    "(?<user>[a-z]+)@(?<host>[a-z]+)\\.(?:com|org)",
    "([0-9]{3})-([0-9]{4})",
    "(?i)hello",
    "\\bfoo\\w*",
    "(?<greek>[\xCE\xB1-\xCF\x89]+)", /* [α-ω]+ */
};

/* What the workload computes for one haystack. */
typedef struct {
    int is_match;
    int found;
    ferrex_match m;
    int bounded_found;
    ferrex_match bounded;
    size_t iter_count;
    unsigned long long iter_digest;
    size_t iter_caps_count;
    unsigned long long iter_caps_digest;
    int caps;
    size_t caps_pattern;
    size_t caps_groups;
    int group_present[MAX_GROUPS];
    ferrex_match groups[MAX_GROUPS];
    int which;
    uint8_t set[PATTERNS];
} result;

typedef struct {
    const uint8_t *ptr;
    size_t len;
} haystack;

static haystack haystacks[HAYSTACKS];
static char *big_haystack;
static result expected[HAYSTACKS];
static const ferrex_regex *shared;

static unsigned long long digest(unsigned long long acc, const ferrex_match *m) {
    acc = acc * 1000003ULL + m->start;
    acc = acc * 1000003ULL + m->end;
    acc = acc * 1000003ULL + m->pattern;
    return acc;
}

static int same_match(const ferrex_match *a, const ferrex_match *b) {
    return a->start == b->start && a->end == b->end && a->pattern == b->pattern;
}

static int same_result(const result *a, const result *b) {
    size_t g;
    if (a->is_match != b->is_match || a->found != b->found || a->bounded_found != b->bounded_found ||
        a->iter_count != b->iter_count || a->iter_digest != b->iter_digest ||
        a->iter_caps_count != b->iter_caps_count || a->iter_caps_digest != b->iter_caps_digest ||
        a->caps != b->caps || a->which != b->which || memcmp(a->set, b->set, PATTERNS) != 0)
        return 0;
    if (a->found == 1 && !same_match(&a->m, &b->m))
        return 0;
    if (a->bounded_found == 1 && !same_match(&a->bounded, &b->bounded))
        return 0;
    if (a->caps == 1) {
        if (a->caps_pattern != b->caps_pattern || a->caps_groups != b->caps_groups)
            return 0;
        for (g = 0; g < a->caps_groups && g < MAX_GROUPS; g++) {
            if (a->group_present[g] != b->group_present[g])
                return 0;
            if (a->group_present[g] == 1 && !same_match(&a->groups[g], &b->groups[g]))
                return 0;
        }
    }
    return 1;
}

/*
 * The workload for one haystack. `cache` may be NULL. `iter` is reused with
 * ferrex_iter_reset when non-NULL, else a fresh iterator is made.
 */
static void run(const ferrex_regex *re, ferrex_cache *cache, ferrex_iter *iter, ferrex_captures *caps,
                const haystack *h, result *out) {
    ferrex_search bounds;
    ferrex_match m;
    ferrex_iter *own = NULL;
    size_t g;
    int r;

    memset(out, 0, sizeof *out);
    out->is_match = ferrex_regex_is_match(re, cache, h->ptr, h->len, NULL);
    out->found = ferrex_regex_find(re, cache, h->ptr, h->len, NULL, &out->m);
    bounds.start = h->len / 3;
    bounds.end = h->len - h->len / 4;
    bounds.flags = 0;
    bounds.pattern = 0;
    out->bounded_found = ferrex_regex_find(re, cache, h->ptr, h->len, &bounds, &out->bounded);

    if (iter != NULL) {
        if (ferrex_iter_reset(iter, h->len, NULL) != FERREX_OK)
            out->iter_count = (size_t)-1;
    } else if (ferrex_iter_new(&own, re, h->len, NULL, NULL) != FERREX_OK) {
        out->iter_count = (size_t)-1;
    }
    if (out->iter_count == 0) {
        ferrex_iter *it = iter != NULL ? iter : own;
        while ((r = ferrex_iter_next(it, h->ptr, h->len, &m)) == 1) {
            out->iter_count++;
            out->iter_digest = digest(out->iter_digest, &m);
        }
        if (r != 0)
            out->iter_digest ^= 0xBADULL;
        /* again, with captures (group 1 of each match where present) */
        if (ferrex_iter_reset(it, h->len, NULL) != FERREX_OK)
            out->iter_caps_count = (size_t)-1;
        while ((r = ferrex_iter_next_captures(it, h->ptr, h->len, caps)) == 1) {
            out->iter_caps_count++;
            if (ferrex_captures_group(caps, 0, &m) == 1)
                out->iter_caps_digest = digest(out->iter_caps_digest, &m);
            if (ferrex_captures_group(caps, 1, &m) == 1)
                out->iter_caps_digest = digest(out->iter_caps_digest, &m);
        }
        if (r != 0)
            out->iter_caps_digest ^= 0xBADULL;
    }
    ferrex_iter_free(own);

    out->caps = ferrex_regex_captures(re, cache, h->ptr, h->len, NULL, caps);
    if (out->caps == 1) {
        ferrex_captures_pattern(caps, &out->caps_pattern);
        ferrex_captures_group_count(caps, &out->caps_groups);
        for (g = 0; g < out->caps_groups && g < MAX_GROUPS; g++)
            out->group_present[g] = ferrex_captures_group(caps, g, &out->groups[g]);
    }
    out->which = ferrex_regex_which_matches(re, cache, h->ptr, h->len, NULL, out->set, PATTERNS);
}

typedef struct {
    int id;
    pthread_barrier_t *barrier;
    int setup_failed;
    int rounds_done;
    unsigned long mismatches;
    unsigned long runs;
    int first_bad_haystack;
    int first_bad_round;
} worker;

static void *work(void *arg) {
    worker *w = (worker *)arg;
    ferrex_cache *cache = NULL;
    ferrex_captures *caps = NULL;
    ferrex_iter *iter = NULL;
    int round, i;

    w->first_bad_haystack = -1;
    w->first_bad_round = -1;
    if (ferrex_cache_new(&cache, shared, NULL) != FERREX_OK || ferrex_captures_new(&caps, shared, NULL) != FERREX_OK ||
        ferrex_iter_new(&iter, shared, 0, NULL, NULL) != FERREX_OK)
        w->setup_failed = 1;
    pthread_barrier_wait(w->barrier);
    if (!w->setup_failed) {
        for (round = 0; round < ROUNDS; round++) {
            /* half the rounds with the thread's own cache, half with NULL;
             * threads start at different haystacks to mix the workload */
            ferrex_cache *c = (round + w->id) % 2 == 0 ? cache : NULL;
            ferrex_iter *it = (round / 2) % 2 == 0 ? iter : NULL;
            for (i = 0; i < HAYSTACKS; i++) {
                int h = (i + w->id + round) % HAYSTACKS;
                result got;
                run(shared, c, it, caps, &haystacks[h], &got);
                w->runs++;
                if (!same_result(&got, &expected[h])) {
                    if (w->mismatches == 0) {
                        w->first_bad_haystack = h;
                        w->first_bad_round = round;
                    }
                    w->mismatches++;
                }
            }
            w->rounds_done++;
        }
    }
    ferrex_iter_free(iter);
    ferrex_captures_free(caps);
    ferrex_cache_free(cache);
    return NULL;
}

static void make_haystacks(void) {
    static const char *const small[HAYSTACKS - 1] = {
        "mail bob@example.com or call 555-1234, say HELLO",
        "nothing to see here",
        "foobar foo xfoo foo_1 \xCE\xB1\xCE\xB2\xCE\xB3 HeLLo 123-4567 ann@site.org",
        "",
        "\xCE\xBB\xCE\xBC\xCE\xBD \xE2\x98\x83 foo\xCE\xB1 zed@q.org 999-0000",
        "hello@world.com 000-0000 foo",
    };
    static const char chunk[] =
        "lorem ipsum dolor sit amet, foo@bar.com 123-4567 hellO \xCF\x80\xCF\x81 foofoo; ";
    size_t i, n = 0, chunk_len = sizeof chunk - 1, reps = 60;

    for (i = 0; i < HAYSTACKS - 1; i++) {
        haystacks[i].ptr = (const uint8_t *)small[i];
        haystacks[i].len = strlen(small[i]);
    }
    big_haystack = (char *)malloc(chunk_len * reps + 16);
    if (big_haystack == NULL)
        return;
    for (i = 0; i < reps; i++) {
        memcpy(big_haystack + n, chunk, chunk_len);
        n += chunk_len;
    }
    memcpy(big_haystack + n, "tail 777-7777", 13);
    n += 13;
    haystacks[HAYSTACKS - 1].ptr = (const uint8_t *)big_haystack;
    haystacks[HAYSTACKS - 1].len = n;
}

int main(void) {
    const uint8_t *ptrs[PATTERNS];
    size_t lens[PATTERNS], i;
    ferrex_regex *re = NULL;
    ferrex_error *err = NULL;
    ferrex_cache *cache = NULL;
    ferrex_captures *caps = NULL;
    ferrex_iter *iter = NULL;
    pthread_t tids[THREADS];
    worker workers[THREADS];
    pthread_barrier_t barrier;
    int started[THREADS];

    make_haystacks();
    if (!CHECK(big_haystack != NULL))
        return check_report("test_threads");
    for (i = 0; i < PATTERNS; i++) {
        ptrs[i] = (const uint8_t *)patterns[i];
        lens[i] = strlen(patterns[i]);
    }
    if (!CHECK_EQ(ferrex_regex_new_many(&re, ptrs, lens, PATTERNS, 0, NULL, &err), FERREX_OK)) {
        fprintf(stderr, "%s\n", ferrex_error_message(err));
        ferrex_error_free(err);
        free(big_haystack);
        return check_report("test_threads");
    }
    shared = re;

    /* the single-threaded reference, checked for internal consistency */
    CHECK_EQ(ferrex_cache_new(&cache, re, NULL), FERREX_OK);
    CHECK_EQ(ferrex_captures_new(&caps, re, NULL), FERREX_OK);
    CHECK_EQ(ferrex_iter_new(&iter, re, 0, NULL, NULL), FERREX_OK);
    for (i = 0; i < HAYSTACKS; i++) {
        result with_null, fresh_iter;
        run(re, cache, iter, caps, &haystacks[i], &expected[i]);
        run(re, NULL, NULL, caps, &haystacks[i], &with_null);
        run(re, cache, NULL, caps, &haystacks[i], &fresh_iter);
        CHECK(same_result(&expected[i], &with_null));
        CHECK(same_result(&expected[i], &fresh_iter));
        CHECK(expected[i].is_match == 0 || expected[i].is_match == 1);
        CHECK_EQ(expected[i].found, expected[i].is_match);
        CHECK_EQ(expected[i].caps, expected[i].is_match);
        CHECK_EQ(expected[i].which, expected[i].is_match);
        CHECK(expected[i].iter_count != (size_t)-1);
        CHECK_EQ_U(expected[i].iter_caps_count, expected[i].iter_count);
        CHECK((expected[i].iter_count > 0) == (expected[i].is_match == 1));
    }
    /* spot checks of the reference against hand-derived answers */
    CHECK_EQ(expected[0].found, 1);
    CHECK_SPAN(expected[0].m, 5, 20, 0); /* bob@example.com */
    CHECK_EQ_U(expected[0].iter_count, 3); /* the mail, the number, HELLO */
    CHECK_EQ(expected[0].set[0], 1);
    CHECK_EQ(expected[0].set[1], 1);
    CHECK_EQ(expected[0].set[2], 1);
    CHECK_EQ(expected[0].set[3], 0);
    CHECK_EQ(expected[0].set[4], 0);
    CHECK_EQ_U(expected[0].caps_groups, 3);
    CHECK_SPAN(expected[0].groups[1], 5, 8, 0);  /* bob */
    CHECK_SPAN(expected[0].groups[2], 9, 16, 0); /* example */
    CHECK_EQ(expected[1].is_match, 0);
    CHECK_EQ_U(expected[1].iter_count, 0);
    CHECK_EQ(expected[3].is_match, 0);
    CHECK_EQ(expected[2].found, 1);
    CHECK_SPAN(expected[2].m, 0, 6, 3); /* foobar */
    CHECK_EQ_U(expected[2].iter_count, 7); /* foobar foo foo_1 αβγ HeLLo 123-4567 ann@site.org */
    CHECK_EQ(expected[2].set[0], 1);
    CHECK_EQ(expected[2].set[1], 1);
    CHECK_EQ(expected[2].set[2], 1);
    CHECK_EQ(expected[2].set[3], 1);
    CHECK_EQ(expected[2].set[4], 1);
    CHECK_EQ(expected[4].found, 1);
    CHECK_SPAN(expected[4].m, 0, 6, 4); /* λμν */
    CHECK_EQ_U(expected[HAYSTACKS - 1].iter_count, 60 * 5 + 1);
    iter = (ferrex_iter_free(iter), NULL);
    ferrex_captures_free(caps);
    ferrex_cache_free(cache);

    /* the threads */
    CHECK_EQ(pthread_barrier_init(&barrier, NULL, THREADS), 0);
    for (i = 0; i < THREADS; i++) {
        memset(&workers[i], 0, sizeof workers[i]);
        workers[i].id = (int)i;
        workers[i].barrier = &barrier;
        started[i] = pthread_create(&tids[i], NULL, work, &workers[i]) == 0;
        CHECK(started[i]);
    }
    for (i = 0; i < THREADS; i++) {
        if (started[i])
            CHECK_EQ(pthread_join(tids[i], NULL), 0);
    }
    pthread_barrier_destroy(&barrier);
    for (i = 0; i < THREADS; i++) {
        CHECK_EQ(workers[i].setup_failed, 0);
        CHECK_EQ(workers[i].rounds_done, ROUNDS);
        CHECK_EQ_U(workers[i].runs, (unsigned long)ROUNDS * HAYSTACKS);
        if (!CHECK_EQ_U(workers[i].mismatches, 0))
            fprintf(stderr, "  thread %zu: first mismatch on haystack %d in round %d\n", i,
                    workers[i].first_bad_haystack, workers[i].first_bad_round);
    }

    /* the regex is unchanged by all that: one more reference run */
    for (i = 0; i < HAYSTACKS; i++) {
        result again;
        CHECK_EQ(ferrex_captures_new(&caps, re, NULL), FERREX_OK);
        run(re, NULL, NULL, caps, &haystacks[i], &again);
        CHECK(same_result(&expected[i], &again));
        ferrex_captures_free(caps);
        caps = NULL;
    }

    ferrex_regex_free(re);
    free(big_haystack);
    return check_report("test_threads");
}
