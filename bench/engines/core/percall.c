/*
 * percall MODEL PATTERN HAYSTACK [CALLS]: nanoseconds per call of one
 * engine.h adapter on a haystack given on the command line, best of 15
 * rounds of CALLS calls (default 2,000,000). MODEL is is-match, count,
 * count-spans or count-captures. For the per-call cost that rebar's runner
 * (main.c) cannot show: it times each call with the clock, whose own cost
 * and 10 ns steps swamp calls of a few nanoseconds.
 *
 * Built against one adapter at a time, e.g. ferrex and the regex crate:
 *   gcc -O2 -Iinclude -Ibench/engines/core -o bench/work/bin/percall-ferrex \
 *       bench/engines/core/percall.c bench/engines/c/ferrex.c \
 *       build/lib/libferrex.a -lpthread -ldl -lm
 *   gcc -O2 -Ibench/engines/core -o bench/work/bin/percall-rust \
 *       bench/engines/core/percall.c \
 *       bench/work/target-rust-engines/release/librebar_rust.a -lpthread -ldl -lm
 * (`make lib` and bench/engines/build.sh rust make the libraries.)
 */
#define _POSIX_C_SOURCE 200809L
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "engine.h"

char *engine_errorf(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    char *s = malloc(512);
    if (s != NULL) {
        vsnprintf(s, 512, fmt, ap);
    }
    va_end(ap);
    return s;
}

static double now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e9 + t.tv_nsec;
}

static int64_t call(const char *model, engine *e, const uint8_t *hay, size_t len, char **err) {
    if (strcmp(model, "is-match") == 0) {
        return engine_is_match(e, hay, len, err);
    }
    if (strcmp(model, "count") == 0) {
        return engine_count(e, hay, len, err);
    }
    if (strcmp(model, "count-spans") == 0) {
        return engine_count_spans(e, hay, len, err);
    }
    return engine_count_captures(e, hay, len, err);
}

int main(int argc, char **argv) {
    const char *models[] = {"is-match", "count", "count-spans", "count-captures"};
    int known = 0;
    for (size_t i = 0; argc >= 4 && i < sizeof models / sizeof *models; i++) {
        known |= strcmp(argv[1], models[i]) == 0;
    }
    if (!known) {
        fprintf(stderr, "usage: percall is-match|count|count-spans|count-captures PATTERN HAYSTACK [CALLS]\n");
        return 2;
    }
    const char *patterns[1] = {argv[2]};
    size_t lens[1] = {strlen(argv[2])};
    engine_config cfg = {patterns, lens, 1, 0, 1, NULL, argv[1]};
    char *err = NULL;
    engine *e = engine_compile(&cfg, &err);
    if (e == NULL) {
        fprintf(stderr, "percall: %s\n", err);
        return 1;
    }
    const uint8_t *hay = (const uint8_t *)argv[3];
    size_t len = strlen(argv[3]);
    long calls = argc > 4 ? atol(argv[4]) : 2000000;
    double best = 1e18;
    int64_t result = call(argv[1], e, hay, len, &err);
    for (int round = 0; round < 15 && result >= 0; round++) {
        double start = now_ns();
        for (long i = 0; i < calls; i++) {
            if (call(argv[1], e, hay, len, &err) != result) {
                result = -1;
                break;
            }
        }
        double per = (now_ns() - start) / (double)calls;
        best = per < best ? per : best;
    }
    if (result < 0) {
        fprintf(stderr, "percall: %s\n", err != NULL ? err : "the answer changed between calls");
        return 1;
    }
    printf("%s %s: %.2f ns/call (answer %lld)\n", engine_name(), argv[1], best, (long long)result);
    engine_free(e);
    return 0;
}
