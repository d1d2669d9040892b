/*
 * check.h - a tiny header-only assertion harness for the ferrex C tests.
 *
 * Every CHECK* macro counts one check. A failing check prints
 * "file:line: the expression" and the actual values to stderr and lets the
 * program go on. End main() with
 *
 *     return check_report("test_NAME");
 *
 * which prints exactly one line, "test_NAME: N passed, N failed", to stdout
 * and returns non-zero when any check failed.
 *
 * Not thread-safe: call the macros from one thread only (threads record
 * their results, the main thread checks them).
 */
#ifndef FERREX_CHECK_H
#define FERREX_CHECK_H

#include <stdio.h>
#include <string.h>

static unsigned long check_passed_count;
static unsigned long check_failed_count;

static inline int check_count(int ok) {
    if (ok)
        check_passed_count++;
    else
        check_failed_count++;
    return ok;
}

static inline int check_true(int ok, const char *expr, const char *file, int line) {
    if (!check_count(ok))
        fprintf(stderr, "%s:%d: CHECK(%s) failed\n", file, line, expr);
    return ok;
}

static inline int check_eq_int(long long actual, long long expected, const char *ea, const char *ee,
                               const char *file, int line) {
    int ok = actual == expected;
    if (!check_count(ok))
        fprintf(stderr, "%s:%d: CHECK_EQ(%s, %s) failed: %lld != %lld\n", file, line, ea, ee, actual, expected);
    return ok;
}

static inline int check_eq_uint(unsigned long long actual, unsigned long long expected, const char *ea,
                                const char *ee, const char *file, int line) {
    int ok = actual == expected;
    if (!check_count(ok))
        fprintf(stderr, "%s:%d: CHECK_EQ_U(%s, %s) failed: %llu != %llu\n", file, line, ea, ee, actual, expected);
    return ok;
}

static inline int check_eq_str(const char *actual, const char *expected, const char *ea, const char *ee,
                               const char *file, int line) {
    int ok = actual != NULL && expected != NULL ? strcmp(actual, expected) == 0 : actual == expected;
    if (!check_count(ok))
        fprintf(stderr, "%s:%d: CHECK_STR(%s, %s) failed: \"%s\" != \"%s\"\n", file, line, ea, ee,
                actual ? actual : "(null)", expected ? expected : "(null)");
    return ok;
}

/* Prints bytes with non-printable ones escaped. */
static inline void check_print_bytes(const void *p, size_t n) {
    const unsigned char *s = (const unsigned char *)p;
    size_t i;
    if (s == NULL) {
        fputs("(null)", stderr);
        return;
    }
    fputc('"', stderr);
    for (i = 0; i < n; i++) {
        if (s[i] >= 0x20 && s[i] < 0x7f && s[i] != '"' && s[i] != '\\')
            fputc(s[i], stderr);
        else
            fprintf(stderr, "\\x%02x", s[i]);
    }
    fputc('"', stderr);
}

static inline int check_eq_mem(const void *actual, size_t actual_len, const void *expected, size_t expected_len,
                               const char *ea, const char *ee, const char *file, int line) {
    int ok = actual_len == expected_len &&
             (actual_len == 0 || (actual != NULL && expected != NULL && memcmp(actual, expected, actual_len) == 0));
    if (!check_count(ok)) {
        fprintf(stderr, "%s:%d: CHECK_MEM(%s, %s) failed: ", file, line, ea, ee);
        check_print_bytes(actual, actual_len);
        fprintf(stderr, " (%zu bytes) != ", actual_len);
        check_print_bytes(expected, expected_len);
        fprintf(stderr, " (%zu bytes)\n", expected_len);
    }
    return ok;
}

static inline int check_span(unsigned long long start, unsigned long long end, unsigned long long pattern,
                             unsigned long long want_start, unsigned long long want_end,
                             unsigned long long want_pattern, const char *expr, const char *file, int line) {
    int ok = start == want_start && end == want_end && pattern == want_pattern;
    if (!check_count(ok))
        fprintf(stderr, "%s:%d: CHECK_SPAN(%s) failed: [%llu, %llu) pattern %llu != [%llu, %llu) pattern %llu\n",
                file, line, expr, start, end, pattern, want_start, want_end, want_pattern);
    return ok;
}

/* Records a failure with a free-form note (e.g. from a loop). */
static inline void check_fail_note(const char *note, const char *file, int line) {
    check_count(0);
    fprintf(stderr, "%s:%d: FAIL: %s\n", file, line, note);
}

static inline int check_report(const char *name) {
    printf("%s: %lu passed, %lu failed\n", name, check_passed_count, check_failed_count);
    fflush(stdout);
    return check_failed_count == 0 ? 0 : 1;
}

/* A condition that must hold. */
#define CHECK(expr) check_true((expr) ? 1 : 0, #expr, __FILE__, __LINE__)
/* Signed integers (statuses, search results, ints). */
#define CHECK_EQ(actual, expected) \
    check_eq_int((long long)(actual), (long long)(expected), #actual, #expected, __FILE__, __LINE__)
/* Unsigned integers (size_t offsets and counts). */
#define CHECK_EQ_U(actual, expected)                                                                     \
    check_eq_uint((unsigned long long)(actual), (unsigned long long)(expected), #actual, #expected, \
                  __FILE__, __LINE__)
/* NUL-terminated strings (NULL equals only NULL). */
#define CHECK_STR(actual, expected) check_eq_str((actual), (expected), #actual, #expected, __FILE__, __LINE__)
/* Byte ranges. */
#define CHECK_MEM(actual, actual_len, expected, expected_len) \
    check_eq_mem((actual), (actual_len), (expected), (expected_len), #actual, #expected, __FILE__, __LINE__)
/* A struct with start / end / pattern members equals [s, e) of pattern p. */
#define CHECK_SPAN(m, s, e, p)                                                                           \
    check_span((unsigned long long)(m).start, (unsigned long long)(m).end, (unsigned long long)(m).pattern, \
               (unsigned long long)(s), (unsigned long long)(e), (unsigned long long)(p), #m, __FILE__, __LINE__)
#define CHECK_FAIL(note) check_fail_note((note), __FILE__, __LINE__)

/* ---- ferrex helpers shared by the test programs ---- */

#include "ferrex.h"

/* A search request; C99 compound literals would do, but not in C++. */
static inline ferrex_search search_of(size_t start, size_t end, uint32_t flags, size_t pattern) {
    ferrex_search s;
    s.start = start;
    s.end = end;
    s.flags = flags;
    s.pattern = pattern;
    return s;
}

#endif /* FERREX_CHECK_H */
