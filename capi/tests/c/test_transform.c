/*
 * test_transform.c - the transformations: ferrex_regex_replace*,
 * ferrex_regex_replace_with* (callbacks that read their captures, stop,
 * abort), ferrex_lowercase*, ferrex_escape_alloc. Every function is run
 * both ways: into a caller buffer (size query, too small by one byte with
 * the exact size reported, then exactly big enough) and as a library-owned
 * ferrex_bytes, and both must give the same bytes. Every status each one
 * documents is provoked.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "ferrex.h"

/* A string literal as (const uint8_t *, length), embedded NULs included. */
#define LIT(s) (const uint8_t *)(s), (sizeof(s) - 1)

/* Non-NULL pointers that must be overwritten (never dereferenced). */
static long long sentinel_storage[4];
#define SENTINEL(type) ((type *)(void *)&sentinel_storage[0])

static ferrex_regex *compile(const char *pattern) {
    ferrex_regex *re = NULL;
    ferrex_error *err = NULL;
    if (!CHECK_EQ(ferrex_regex_new(&re, (const uint8_t *)pattern, strlen(pattern), 0, NULL, &err), FERREX_OK))
        fprintf(stderr, "  pattern %s: %s\n", pattern, ferrex_error_message(err));
    ferrex_error_free(err);
    return re;
}

static ferrex_regex *compile_many(const char *const *patterns, size_t count) {
    const uint8_t *ptrs[8];
    size_t lens[8];
    size_t i;
    ferrex_regex *re = NULL;
    for (i = 0; i < count && i < 8; i++) {
        ptrs[i] = (const uint8_t *)patterns[i];
        lens[i] = strlen(patterns[i]);
    }
    CHECK_EQ(ferrex_regex_new_many(&re, ptrs, lens, count, 0, NULL, NULL), FERREX_OK);
    return re;
}

/* A ferrex_bytes holding garbage, as a caller's uninitialized variable would. */
static ferrex_bytes garbage_bytes(void) {
    ferrex_bytes b;
    b.ptr = SENTINEL(uint8_t);
    b.len = 12345;
    return b;
}

/* ------------------------------------------- buffer and _alloc, compared */

/*
 * One producer of bytes, called through both output styles. `into` writes
 * to a caller buffer, `alloc` into a ferrex_bytes.
 */
typedef struct producer {
    int32_t (*into)(const struct producer *p, uint8_t *out, size_t cap, size_t *len);
    int32_t (*alloc)(const struct producer *p, ferrex_bytes *out);
    const ferrex_regex *re;
    ferrex_cache *cache;
    const uint8_t *text;
    size_t text_len;
    const ferrex_search *search;
    const uint8_t *tmpl;
    size_t tmpl_len;
    size_t limit;
    uint32_t mode;
    ferrex_replace_fn callback;
    void *user_data;
    int *run_calls; /* when set, zeroed before every run */
} producer;

static void new_run(const producer *p) {
    if (p->run_calls != NULL)
        *p->run_calls = 0;
}

/*
 * Runs `p` every way and checks the result is `want` (`want_len` bytes):
 * the size query, a buffer one byte short (FERREX_ERR_BUFFER_TOO_SMALL,
 * untouched, exact size reported), a buffer of exactly that size, a roomy
 * one, and _alloc (then freed twice).
 */
static void check_produces(const producer *p, const void *want, size_t want_len, const char *label) {
    uint8_t buf[512];
    size_t len = 777, i;
    int ok = 1;
    ferrex_bytes owned = garbage_bytes();
    int32_t st;

    new_run(p);
    st = p->into(p, NULL, 0, &len);

    ok &= CHECK_EQ(st, want_len == 0 ? FERREX_OK : FERREX_ERR_BUFFER_TOO_SMALL);
    ok &= CHECK_EQ_U(len, want_len);
    if (want_len > 0 && want_len < sizeof buf) {
        memset(buf, 'Z', sizeof buf);
        len = 777;
        new_run(p);
        ok &= CHECK_EQ(p->into(p, buf, want_len - 1, &len), FERREX_ERR_BUFFER_TOO_SMALL);
        ok &= CHECK_EQ_U(len, want_len);
        for (i = 0; i < sizeof buf && buf[i] == 'Z'; i++) {
        }
        ok &= CHECK_EQ_U(i, sizeof buf); /* nothing written */
    }
    if (want_len < sizeof buf) {
        /* retry with exactly the size reported */
        memset(buf, 'Z', sizeof buf);
        len = 777;
        new_run(p);
        ok &= CHECK_EQ(p->into(p, buf, want_len, &len), FERREX_OK);
        ok &= CHECK_MEM(buf, len, want, want_len);
        ok &= CHECK_EQ(buf[want_len], 'Z'); /* not NUL-terminated, nothing past the end */
        len = 777;
        new_run(p);
        ok &= CHECK_EQ(p->into(p, buf, sizeof buf, &len), FERREX_OK);
        ok &= CHECK_MEM(buf, len, want, want_len);
    } else {
        CHECK_FAIL("expected result too long for the test buffer");
        ok = 0;
    }
    new_run(p);
    ok &= CHECK_EQ(p->alloc(p, &owned), FERREX_OK);
    ok &= CHECK_MEM(owned.ptr, owned.len, want, want_len);
    ok &= CHECK(want_len > 0 ? owned.ptr != NULL : owned.ptr == NULL);
    ferrex_bytes_free(&owned);
    ok &= CHECK(owned.ptr == NULL && owned.len == 0);
    ferrex_bytes_free(&owned); /* harmless */
    ok &= CHECK(owned.ptr == NULL && owned.len == 0);
    if (!ok)
        fprintf(stderr, "  in: %s\n", label);
}

/* Checks that both styles fail with `status`, writing nothing. */
static void check_fails(const producer *p, int32_t status, const char *label) {
    uint8_t buf[64];
    size_t len = 777;
    int ok = 1;
    ferrex_bytes owned = garbage_bytes();
    memset(buf, 'Z', sizeof buf);
    new_run(p);
    ok &= CHECK_EQ(p->into(p, buf, sizeof buf, &len), status);
    ok &= CHECK_EQ_U(len, 777);
    ok &= CHECK_EQ(buf[0], 'Z');
    new_run(p);
    ok &= CHECK_EQ(p->alloc(p, &owned), status);
    ok &= CHECK(owned.ptr == NULL && owned.len == 0); /* cleared first */
    if (!ok)
        fprintf(stderr, "  in: %s\n", label);
}

static int32_t replace_into(const producer *p, uint8_t *out, size_t cap, size_t *len) {
    return ferrex_regex_replace(p->re, p->cache, p->text, p->text_len, p->search, p->tmpl, p->tmpl_len, p->limit, out,
                                cap, len);
}

static int32_t replace_alloc(const producer *p, ferrex_bytes *out) {
    return ferrex_regex_replace_alloc(p->re, p->cache, p->text, p->text_len, p->search, p->tmpl, p->tmpl_len,
                                      p->limit, out);
}

static int32_t replace_with_into(const producer *p, uint8_t *out, size_t cap, size_t *len) {
    return ferrex_regex_replace_with(p->re, p->cache, p->text, p->text_len, p->search, p->limit, p->callback,
                                     p->user_data, out, cap, len);
}

static int32_t replace_with_alloc(const producer *p, ferrex_bytes *out) {
    return ferrex_regex_replace_with_alloc(p->re, p->cache, p->text, p->text_len, p->search, p->limit, p->callback,
                                           p->user_data, out);
}

static int32_t lowercase_into(const producer *p, uint8_t *out, size_t cap, size_t *len) {
    return ferrex_lowercase(p->text, p->text_len, p->mode, out, cap, len);
}

static int32_t lowercase_alloc(const producer *p, ferrex_bytes *out) {
    return ferrex_lowercase_alloc(p->text, p->text_len, p->mode, out);
}

static int32_t escape_into(const producer *p, uint8_t *out, size_t cap, size_t *len) {
    return ferrex_escape(p->text, p->text_len, out, cap, len);
}

static int32_t escape_alloc(const producer *p, ferrex_bytes *out) {
    return ferrex_escape_alloc(p->text, p->text_len, out);
}

static producer replacer(const ferrex_regex *re, ferrex_cache *cache, const char *hay, const ferrex_search *search,
                         const char *tmpl, size_t limit) {
    producer p;
    memset(&p, 0, sizeof p);
    p.into = replace_into;
    p.alloc = replace_alloc;
    p.re = re;
    p.cache = cache;
    p.text = (const uint8_t *)hay;
    p.text_len = strlen(hay);
    p.search = search;
    p.tmpl = (const uint8_t *)tmpl;
    p.tmpl_len = strlen(tmpl);
    p.limit = limit;
    return p;
}

/* Replaces with and without a cache; both must give `want`. */
static void check_replace(const ferrex_regex *re, const char *hay, const ferrex_search *search, const char *tmpl,
                          size_t limit, const char *want) {
    ferrex_cache *cache = NULL;
    char label[256];
    producer p;
    snprintf(label, sizeof label, "replace \"%s\" with \"%s\", limit %zu", hay, tmpl, limit);
    CHECK_EQ(ferrex_cache_new(&cache, re, NULL), FERREX_OK);
    p = replacer(re, NULL, hay, search, tmpl, limit);
    check_produces(&p, want, strlen(want), label);
    p.cache = cache;
    check_produces(&p, want, strlen(want), label);
    ferrex_cache_free(cache);
}

/* ------------------------------------------------------ template replace */

static void test_replace_templates(void) {
    ferrex_regex *date = compile("(?<y>[0-9]{4})-([0-9]{2})");
    ferrex_regex *words = compile("(\\w+) (\\w+)");
    ferrex_regex *ab = compile("(a)|(b)");
    ferrex_regex *stars = compile("a*");
    ferrex_regex *x = compile("(x)");
    static const char *const two[] = {"(?<n>[0-9]+)", "(?<w>[a-z]+)-(?<n>[a-z]+)"};
    ferrex_regex *multi = compile_many(two, 2);
    const char *hay = "on 2024-05 and 2025-01";

    /* groups by index and name, braced and bare */
    check_replace(date, hay, NULL, "$2/${y}", 0, "on 05/2024 and 01/2025");
    check_replace(date, hay, NULL, "${2}/$y!", 0, "on 05/2024! and 01/2025!");
    check_replace(date, hay, NULL, "[$0]", 0, "on [2024-05] and [2025-01]");
    check_replace(words, "hello big world", NULL, "$2 $1", 0, "big hello world");
    /* $$ is a `$`; any other `$` stands for itself; ${1}a is group 1 then "a" */
    check_replace(x, "axb", NULL, "$$1", 0, "a$1b");
    check_replace(x, "axb", NULL, "$", 0, "a$b");
    check_replace(x, "axb", NULL, "$-$ $.", 0, "a$-$ $.b");
    check_replace(x, "axb", NULL, "${1}a$", 0, "axa$b");
    check_replace(x, "axb", NULL, "$$$$", 0, "a$$b");
    /* a group that did not take part inserts nothing */
    check_replace(ab, "abc", NULL, "[$1|$2]", 0, "[a|][|b]c");
    /* groups resolve per matched pattern; $w and $2 exist in pattern 1 only */
    check_replace(multi, "12 ab-cd", NULL, "<$n|$w|$2>", 0, "<12||> <cd|ab|cd>");
    /* empty matches, as the regex crate replaces them */
    check_replace(stars, "baaac", NULL, "-", 0, "-b-c-");
    check_replace(stars, "", NULL, "-", 0, "-");
    /* limits: 0 all, 1 the first, N at most N */
    check_replace(stars, "baaac", NULL, "-", 1, "-baaac");
    check_replace(stars, "baaac", NULL, "-", 2, "-b-c");
    check_replace(stars, "baaac", NULL, "-", 99, "-b-c-");
    /* an empty result */
    check_replace(x, "xx", NULL, "", 0, "");
    /* no match: the haystack comes back */
    check_replace(date, "no dates", NULL, "$1", 0, "no dates");

    /* bounds: outside text is copied, look-around still sees it */
    {
        ferrex_regex *cat = compile("\\bcat\\b");
        ferrex_search s = search_of(1, 14, 0, 0);
        check_replace(cat, "cat concat cat", &s, "dog", 0, "cat concat dog");
        s = search_of(7, 10, 0, 0);
        check_replace(cat, "cat concat cat", &s, "dog", 0, "cat concat cat");
        s = search_of(0, 3, 0, 0);
        check_replace(cat, "cat concat cat", &s, "dog", 0, "dog concat cat");
        ferrex_regex_free(cat);
    }
    /* anchored: matches must follow one another from the start */
    {
        ferrex_regex *re = compile("ab");
        ferrex_search s = search_of(0, 7, FERREX_SEARCH_ANCHORED, 0);
        check_replace(re, "ababxab", &s, "-", 0, "--xab");
        ferrex_regex_free(re);
    }

    ferrex_regex_free(date);
    ferrex_regex_free(words);
    ferrex_regex_free(ab);
    ferrex_regex_free(stars);
    ferrex_regex_free(x);
    ferrex_regex_free(multi);
}

static void test_replace_errors(void) {
    ferrex_regex *re = compile("(?<y>[0-9]{4})");
    ferrex_regex *other = compile("x");
    ferrex_cache *other_cache = NULL;
    ferrex_search s;
    producer p;
    uint8_t buf[16];
    size_t len = 777;
    ferrex_bytes owned = garbage_bytes();
    const char *hay = "in 2024";

    /* malformed templates and unknown groups */
    p = replacer(re, NULL, hay, NULL, "${", 0);
    check_fails(&p, FERREX_ERR_INVALID_ARGUMENT, "${");
    p = replacer(re, NULL, hay, NULL, "a ${y b", 0);
    check_fails(&p, FERREX_ERR_INVALID_ARGUMENT, "unclosed ${y");
    p = replacer(re, NULL, hay, NULL, "${}", 0);
    check_fails(&p, FERREX_ERR_INVALID_ARGUMENT, "${}");
    p = replacer(re, NULL, hay, NULL, "$2", 0);
    check_fails(&p, FERREX_ERR_INDEX, "$2");
    p = replacer(re, NULL, hay, NULL, "${month}", 0);
    check_fails(&p, FERREX_ERR_INDEX, "${month}");
    p = replacer(re, NULL, hay, NULL, "$1a", 0); /* the group named "1a" */
    check_fails(&p, FERREX_ERR_INDEX, "$1a");
    /* an invalid template fails even where nothing matches */
    p = replacer(re, NULL, "", NULL, "$9", 0);
    check_fails(&p, FERREX_ERR_INDEX, "$9 on empty");

    /* NULL pointers, and NULL with a non-zero length */
    p = replacer(NULL, NULL, hay, NULL, "$1", 0);
    check_fails(&p, FERREX_ERR_NULL_POINTER, "NULL regex");
    p = replacer(re, NULL, hay, NULL, "$1", 0);
    p.text = NULL;
    check_fails(&p, FERREX_ERR_NULL_POINTER, "NULL haystack");
    p = replacer(re, NULL, hay, NULL, "$1", 0);
    p.tmpl = NULL;
    check_fails(&p, FERREX_ERR_NULL_POINTER, "NULL template");
    CHECK_EQ(ferrex_regex_replace(re, NULL, LIT("in 2024"), NULL, LIT("$1"), 0, buf, sizeof buf, NULL),
             FERREX_ERR_NULL_POINTER);
    CHECK_EQ(ferrex_regex_replace(re, NULL, LIT("in 2024"), NULL, LIT("$1"), 0, NULL, 8, &len),
             FERREX_ERR_NULL_POINTER);
    CHECK_EQ_U(len, 777);
    CHECK_EQ(ferrex_regex_replace_alloc(re, NULL, LIT("in 2024"), NULL, LIT("$1"), 0, NULL), FERREX_ERR_NULL_POINTER);
    /* NULL is fine with a zero length */
    CHECK_EQ(ferrex_regex_replace(re, NULL, NULL, 0, NULL, NULL, 0, 0, NULL, 0, &len), FERREX_OK);
    CHECK_EQ_U(len, 0);
    CHECK_EQ(ferrex_regex_replace_alloc(re, NULL, NULL, 0, NULL, NULL, 0, 0, &owned), FERREX_OK);
    CHECK(owned.ptr == NULL && owned.len == 0);

    /* search requests */
    s = search_of(3, 99, 0, 0);
    p = replacer(re, NULL, hay, &s, "$1", 0);
    check_fails(&p, FERREX_ERR_OUT_OF_BOUNDS, "bounds past the end");
    s = search_of(5, 4, 0, 0);
    p.search = &s;
    check_fails(&p, FERREX_ERR_OUT_OF_BOUNDS, "start > end");
    s = search_of(0, 7, 1u << 20, 0);
    p.search = &s;
    check_fails(&p, FERREX_ERR_UNKNOWN_FLAG, "unknown search flag");
    s = search_of(0, 7, FERREX_SEARCH_ANCHOR_PATTERN, 3);
    p.search = &s;
    check_fails(&p, FERREX_ERR_INDEX, "no such anchor pattern");

    /* a cache of another regex */
    CHECK_EQ(ferrex_cache_new(&other_cache, other, NULL), FERREX_OK);
    p = replacer(re, other_cache, hay, NULL, "$1", 0);
    check_fails(&p, FERREX_ERR_WRONG_REGEX, "wrong cache");

    /* lengths beyond the address space */
    CHECK_EQ(ferrex_regex_replace(re, NULL, LIT("in 2024"), NULL, (const uint8_t *)"x", SIZE_MAX, 0, buf, sizeof buf,
                                  &len),
             FERREX_ERR_INVALID_ARGUMENT);
    CHECK_EQ(ferrex_regex_replace(re, NULL, LIT("in 2024"), NULL, LIT("$1"), 0, buf, SIZE_MAX, &len),
             FERREX_ERR_INVALID_ARGUMENT);

    ferrex_cache_free(other_cache);
    ferrex_regex_free(re);
    ferrex_regex_free(other);
}

/* ------------------------------------------------------------- callbacks */

/* What the test callback does, and what it saw. */
typedef struct cb_state {
    const ferrex_regex *re;     /* searched again from inside the callback */
    const uint8_t *haystack;    /* the pointer the callback must receive */
    int calls;                  /* in this run (see producer.run_calls) */
    int total;                  /* in all runs */
    int stop_at;                /* return 1 on this call (1-based), 0: never */
    int abort_at;               /* return -1 on this call, 0: never */
    int bad_at;                 /* return 7 on this call */
    int null_at;                /* NULL replacement with a length on this call */
    int silent;                 /* leave *replacement untouched */
    int failures;               /* checks that failed inside the callback */
    char buf[64];               /* the replacement, reused by every call */
} cb_state;

/*
 * Replaces each match of "(?<word>\w)\w*|(\d+)" by "<pattern:word-initial
 * uppercase,group count>" built in state->buf, using the captures API.
 */
static int32_t cb_initials(void *user_data, const ferrex_captures *captures, const uint8_t *haystack,
                           size_t haystack_len, const uint8_t **replacement, size_t *replacement_len) {
    cb_state *st = (cb_state *)user_data;
    ferrex_match whole, word;
    size_t pattern = 99, groups = 0;
    int n;
    st->calls++;
    st->total++;
    if (haystack != st->haystack || *replacement != NULL || *replacement_len != 0)
        st->failures++;
    if (ferrex_captures_group(captures, 0, &whole) != 1 || whole.end > haystack_len)
        st->failures++;
    if (ferrex_captures_pattern(captures, &pattern) != 1 || ferrex_captures_group_count(captures, &groups) != 1)
        st->failures++;
    /* a search with the same regex from inside the callback (pool cache) */
    if (st->re != NULL && ferrex_regex_is_match(st->re, NULL, haystack, haystack_len, NULL) != 1)
        st->failures++;
    if (st->abort_at == st->calls)
        return -1;
    if (st->bad_at == st->calls)
        return 7;
    if (st->null_at == st->calls) {
        *replacement = NULL;
        *replacement_len = 3;
        return 0;
    }
    if (st->silent)
        return 0;
    if (ferrex_captures_group_by_name(captures, LIT("word"), &word) == 1) {
        char c = (char)haystack[word.start];
        if (c >= 'a' && c <= 'z')
            c = (char)(c - 'a' + 'A');
        n = snprintf(st->buf, sizeof st->buf, "<%zu:%c,%zu>", pattern, c, groups);
    } else {
        const char *text = whole.end > whole.start ? (const char *)haystack + whole.start : "";
        n = snprintf(st->buf, sizeof st->buf, "<%zu:%.*s,%zu>", pattern, (int)(whole.end - whole.start), text,
                     groups);
    }
    *replacement = (const uint8_t *)st->buf;
    *replacement_len = (size_t)n;
    return st->stop_at == st->calls ? 1 : 0;
}

static producer with_callback(const ferrex_regex *re, const char *hay, cb_state *st, size_t limit) {
    producer p;
    memset(&p, 0, sizeof p);
    memset(st, 0, sizeof *st);
    p.into = replace_with_into;
    p.alloc = replace_with_alloc;
    p.re = re;
    p.text = (const uint8_t *)hay;
    p.text_len = strlen(hay);
    p.limit = limit;
    p.callback = cb_initials;
    p.user_data = st;
    p.run_calls = &st->calls;
    st->re = re;
    st->haystack = p.text;
    return p;
}

static void test_replace_with(void) {
    static const char *const pats[] = {"(?<word>[a-z])[a-z]*", "([0-9])[0-9]*"};
    ferrex_regex *re = compile_many(pats, 2);
    ferrex_cache *cache = NULL;
    const char *hay = "hello 42 big world";
    cb_state st;
    producer p = with_callback(re, hay, &st, 0);
    uint8_t buf[128];
    size_t len = 777;
    ferrex_bytes owned = garbage_bytes();
    int32_t rc;

    /* every way (5 runs of 4 matches, the size query included) */
    check_produces(&p, "<0:H,2> <1:42,2> <0:B,2> <0:W,2>", 32, "callback, all");
    CHECK_EQ(st.total, 5 * 4);
    CHECK_EQ(st.failures, 0);

    /* with a cache, too */
    CHECK_EQ(ferrex_cache_new(&cache, re, NULL), FERREX_OK);
    p = with_callback(re, hay, &st, 0);
    p.cache = cache;
    CHECK_EQ(ferrex_regex_replace_with_alloc(re, cache, p.text, p.text_len, NULL, 0, cb_initials, &st, &owned),
             FERREX_OK);
    CHECK_MEM(owned.ptr, owned.len, "<0:H,2> <1:42,2> <0:B,2> <0:W,2>", 32);
    CHECK_EQ(st.calls, 4);
    ferrex_bytes_free(&owned);

    /* buffer too small: the exact size is reported, the retry calls the
     * callback again and gives the _alloc bytes */
    p = with_callback(re, hay, &st, 0);
    CHECK_EQ(replace_with_into(&p, buf, 10, &len), FERREX_ERR_BUFFER_TOO_SMALL);
    CHECK_EQ_U(len, 32);
    CHECK_EQ(st.calls, 4);
    CHECK_EQ(replace_with_into(&p, buf, len, &len), FERREX_OK);
    CHECK_EQ(st.calls, 8);
    CHECK_EQ(replace_with_alloc(&p, &owned), FERREX_OK);
    CHECK_MEM(buf, len, owned.ptr, owned.len);
    ferrex_bytes_free(&owned);

    /* returning 1 replaces this match and stops */
    p = with_callback(re, hay, &st, 0);
    st.stop_at = 2;
    CHECK_EQ(replace_with_alloc(&p, &owned), FERREX_OK);
    CHECK_MEM(owned.ptr, owned.len, "<0:H,2> <1:42,2> big world", 26);
    CHECK_EQ(st.calls, 2);
    ferrex_bytes_free(&owned);

    /* the limit: the callback is not called past it */
    p = with_callback(re, hay, &st, 3);
    CHECK_EQ(replace_with_alloc(&p, &owned), FERREX_OK);
    CHECK_MEM(owned.ptr, owned.len, "<0:H,2> <1:42,2> <0:B,2> world", 30);
    CHECK_EQ(st.calls, 3);
    ferrex_bytes_free(&owned);

    /* bounds: only "42 big" is searched */
    {
        ferrex_search s = search_of(6, 12, 0, 0);
        p = with_callback(re, hay, &st, 0);
        p.search = &s;
        CHECK_EQ(replace_with_alloc(&p, &owned), FERREX_OK);
        CHECK_MEM(owned.ptr, owned.len, "hello <1:42,2> <0:B,2> world", 28);
        ferrex_bytes_free(&owned);
    }

    /* leaving *replacement alone replaces with nothing */
    p = with_callback(re, hay, &st, 0);
    st.silent = 1;
    check_produces(&p, "   ", 3, "callback, silent");

    /* a negative return aborts: FERREX_ERR_ABORTED, no output */
    p = with_callback(re, hay, &st, 0);
    st.abort_at = 2;
    check_fails(&p, FERREX_ERR_ABORTED, "abort");
    CHECK_EQ(st.total, 2 + 2); /* buffer run, then alloc run; each stops at the abort */
    /* other positive values are an invalid argument */
    p = with_callback(re, hay, &st, 0);
    st.bad_at = 1;
    check_fails(&p, FERREX_ERR_INVALID_ARGUMENT, "return 7");
    /* a NULL replacement with a length */
    p = with_callback(re, hay, &st, 0);
    st.null_at = 3;
    check_fails(&p, FERREX_ERR_NULL_POINTER, "NULL replacement");
    CHECK_EQ(st.failures, 0);

    /* NULL callback, NULL regex, NULL haystack with a length, NULL out:
     * all reported before any callback */
    p = with_callback(re, hay, &st, 0);
    p.callback = NULL;
    check_fails(&p, FERREX_ERR_NULL_POINTER, "NULL callback");
    p = with_callback(NULL, hay, &st, 0);
    check_fails(&p, FERREX_ERR_NULL_POINTER, "NULL regex");
    p = with_callback(re, hay, &st, 0);
    p.text = NULL;
    check_fails(&p, FERREX_ERR_NULL_POINTER, "NULL haystack");
    p = with_callback(re, hay, &st, 0);
    CHECK_EQ(replace_with_into(&p, buf, sizeof buf, NULL), FERREX_ERR_NULL_POINTER);
    CHECK_EQ(replace_with_into(&p, NULL, 5, &len), FERREX_ERR_NULL_POINTER);
    CHECK_EQ(replace_with_alloc(&p, NULL), FERREX_ERR_NULL_POINTER);
    CHECK_EQ(st.calls, 0);

    /* search errors, wrong cache */
    {
        ferrex_search s = search_of(0, 99, 0, 0);
        ferrex_regex *other = compile("x");
        ferrex_cache *other_cache = NULL;
        p = with_callback(re, hay, &st, 0);
        p.search = &s;
        check_fails(&p, FERREX_ERR_OUT_OF_BOUNDS, "callback, bounds");
        s = search_of(0, 3, 1u << 9, 0);
        check_fails(&p, FERREX_ERR_UNKNOWN_FLAG, "callback, flag");
        s = search_of(0, 3, FERREX_SEARCH_ANCHOR_PATTERN, 2);
        check_fails(&p, FERREX_ERR_INDEX, "callback, anchor pattern");
        CHECK_EQ(ferrex_cache_new(&other_cache, other, NULL), FERREX_OK);
        p = with_callback(re, hay, &st, 0);
        p.cache = other_cache;
        check_fails(&p, FERREX_ERR_WRONG_REGEX, "callback, wrong cache");
        CHECK_EQ(st.calls, 0);
        ferrex_cache_free(other_cache);
        ferrex_regex_free(other);
    }

    /* an empty haystack: NULL allowed; "a*" matches once, empty */
    {
        ferrex_regex *stars = compile("a*");
        p = with_callback(stars, "", &st, 0);
        p.text = NULL;
        st.haystack = NULL;
        st.re = NULL;
        rc = replace_with_alloc(&p, &owned);
        CHECK_EQ(rc, FERREX_OK);
        CHECK_MEM(owned.ptr, owned.len, "<0:,1>", 6);
        CHECK_EQ(st.calls, 1);
        CHECK_EQ(st.failures, 0);
        ferrex_bytes_free(&owned);
        ferrex_regex_free(stars);
    }

    ferrex_cache_free(cache);
    ferrex_regex_free(re);
}

/* ------------------------------------------------------------- lowercase */

static producer lowercaser(const void *text, size_t len, uint32_t mode) {
    producer p;
    memset(&p, 0, sizeof p);
    p.into = lowercase_into;
    p.alloc = lowercase_alloc;
    p.text = (const uint8_t *)text;
    p.text_len = len;
    p.mode = mode;
    return p;
}

static void test_lowercase(void) {
    /* "Hello ÀB" + invalid byte + "ÉΣ" */
    static const char mixed[] = "Hello \xC3\x80" "B\xFF\xC3\x89\xCE\xA3";
    producer p;
    uint8_t buf[8];
    size_t len = 777;
    ferrex_bytes owned = garbage_bytes();

    p = lowercaser(mixed, sizeof mixed - 1, FERREX_LOWERCASE_ASCII);
    check_produces(&p, "hello \xC3\x80" "b\xFF\xC3\x89\xCE\xA3", sizeof mixed - 1, "ascii");
    p = lowercaser(mixed, sizeof mixed - 1, FERREX_LOWERCASE_UNICODE);
    check_produces(&p, "hello \xC3\xA0" "b\xFF\xC3\xA9\xCF\x83", sizeof mixed - 1, "unicode");
    /* U+0130 (2 bytes) lowercases to "i" + U+0307 (3 bytes) */
    p = lowercaser(LIT("\xC4\xB0STANBUL"), FERREX_LOWERCASE_UNICODE);
    check_produces(&p, "i\xCC\x87stanbul", 10, "dotted I");
    p = lowercaser(LIT("\xC4\xB0STANBUL"), FERREX_LOWERCASE_ASCII);
    check_produces(&p, "\xC4\xB0stanbul", 9, "dotted I, ascii");
    /* a word-final capital sigma is a plain small sigma too */
    p = lowercaser(LIT("\xCE\xA3\xCE\x91\xCE\xA3"), FERREX_LOWERCASE_UNICODE);
    check_produces(&p, "\xCF\x83\xCE\xB1\xCF\x83", 6, "sigma");
    /* invalid and truncated sequences pass through */
    p = lowercaser(LIT("\xC3(A\xE2\x82"), FERREX_LOWERCASE_UNICODE);
    check_produces(&p, "\xC3(a\xE2\x82", 5, "invalid");
    /* embedded NUL, ASCII only */
    p = lowercaser(LIT("A\0B"), FERREX_LOWERCASE_UNICODE);
    check_produces(&p, "a\0b", 3, "NUL");
    /* empty: NULL allowed */
    p = lowercaser(NULL, 0, FERREX_LOWERCASE_UNICODE);
    check_produces(&p, "", 0, "empty");

    /* errors */
    p = lowercaser(LIT("ABC"), 2);
    check_fails(&p, FERREX_ERR_INVALID_ARGUMENT, "mode 2");
    p = lowercaser(LIT("ABC"), UINT32_MAX);
    check_fails(&p, FERREX_ERR_INVALID_ARGUMENT, "mode UINT32_MAX");
    p = lowercaser(NULL, 3, FERREX_LOWERCASE_ASCII);
    check_fails(&p, FERREX_ERR_NULL_POINTER, "NULL text");
    CHECK_EQ(ferrex_lowercase(LIT("ABC"), FERREX_LOWERCASE_ASCII, buf, sizeof buf, NULL), FERREX_ERR_NULL_POINTER);
    CHECK_EQ(ferrex_lowercase(LIT("ABC"), FERREX_LOWERCASE_ASCII, NULL, 4, &len), FERREX_ERR_NULL_POINTER);
    CHECK_EQ(ferrex_lowercase_alloc(LIT("ABC"), FERREX_LOWERCASE_ASCII, NULL), FERREX_ERR_NULL_POINTER);
    CHECK_EQ(ferrex_lowercase((const uint8_t *)"A", SIZE_MAX, FERREX_LOWERCASE_ASCII, buf, sizeof buf, &len),
             FERREX_ERR_INVALID_ARGUMENT);
    CHECK_EQ(ferrex_lowercase_alloc((const uint8_t *)"A", SIZE_MAX, FERREX_LOWERCASE_ASCII, &owned),
             FERREX_ERR_INVALID_ARGUMENT);
    CHECK(owned.ptr == NULL && owned.len == 0);
    CHECK_EQ_U(len, 777);
}

/* ---------------------------------------------------------------- escape */

static void test_escape_alloc(void) {
    static const char text[] = "1+1=2? (a|b) \xE2\x98\x83 $^";
    producer p;
    uint8_t buf[128];
    size_t len = 0;
    ferrex_bytes owned = garbage_bytes();
    ferrex_regex *re = NULL;
    ferrex_match m;
    static const char hay[] = "say: 1+1=2? (a|b) \xE2\x98\x83 $^ twice";

    /* the same bytes as ferrex_escape, every way */
    CHECK_EQ(ferrex_escape(LIT(text), buf, sizeof buf, &len), FERREX_OK);
    memset(&p, 0, sizeof p);
    p.into = escape_into;
    p.alloc = escape_alloc;
    p.text = (const uint8_t *)text;
    p.text_len = sizeof text - 1;
    check_produces(&p, buf, len, "escape");

    /* round trip: the escaped pattern finds the text literally */
    CHECK_EQ(ferrex_escape_alloc(LIT(text), &owned), FERREX_OK);
    CHECK_EQ(ferrex_regex_new(&re, owned.ptr, owned.len, 0, NULL, NULL), FERREX_OK);
    CHECK_EQ(ferrex_regex_find(re, NULL, LIT(hay), NULL, &m), 1);
    CHECK_SPAN(m, 5, 5 + sizeof text - 1, 0);
    ferrex_regex_free(re);
    ferrex_bytes_free(&owned);
    ferrex_bytes_free(&owned);
    CHECK(owned.ptr == NULL && owned.len == 0);

    /* empty text: {NULL, 0} */
    owned = garbage_bytes();
    CHECK_EQ(ferrex_escape_alloc(NULL, 0, &owned), FERREX_OK);
    CHECK(owned.ptr == NULL && owned.len == 0);

    /* errors leave {NULL, 0} */
    owned = garbage_bytes();
    CHECK_EQ(ferrex_escape_alloc(LIT("a\xFF"), &owned), FERREX_ERR_INVALID_UTF8);
    CHECK(owned.ptr == NULL && owned.len == 0);
    owned = garbage_bytes();
    CHECK_EQ(ferrex_escape_alloc(NULL, 3, &owned), FERREX_ERR_NULL_POINTER);
    CHECK(owned.ptr == NULL && owned.len == 0);
    CHECK_EQ(ferrex_escape_alloc(LIT("a.b"), NULL), FERREX_ERR_NULL_POINTER);
    owned = garbage_bytes();
    CHECK_EQ(ferrex_escape_alloc((const uint8_t *)"a", SIZE_MAX, &owned), FERREX_ERR_INVALID_ARGUMENT);
    CHECK(owned.ptr == NULL && owned.len == 0);
    /* ferrex_escape itself, through the shared output path */
    len = 777;
    CHECK_EQ(ferrex_escape(LIT("a.b"), buf, 3, &len), FERREX_ERR_BUFFER_TOO_SMALL);
    CHECK_EQ_U(len, 4);
    CHECK_EQ(ferrex_escape(LIT("a.b"), buf, sizeof buf, NULL), FERREX_ERR_NULL_POINTER);

    /* freeing NULL and an empty ferrex_bytes is a no-op */
    ferrex_bytes_free(NULL);
    owned.ptr = NULL;
    owned.len = 0;
    ferrex_bytes_free(&owned);
    CHECK(owned.ptr == NULL && owned.len == 0);
}

static void test_aborted_status(void) {
    CHECK_EQ(FERREX_ERR_ABORTED, -13);
    CHECK_STR(ferrex_status_name(FERREX_ERR_ABORTED), "FERREX_ERR_ABORTED");
    CHECK_STR(ferrex_status_message(FERREX_ERR_ABORTED), "a callback asked to abort the call");
    CHECK_STR(ferrex_status_name(-15), "FERREX_ERR_UNKNOWN");
}

int main(void) {
    test_replace_templates();
    test_replace_errors();
    test_replace_with();
    test_lowercase();
    test_escape_alloc();
    test_aborted_status();
    return check_report("test_transform");
}
