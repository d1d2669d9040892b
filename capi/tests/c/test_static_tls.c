/*
 * test_static_tls.c - deep patterns in a program with a large static TLS.
 *
 * A deep pattern compiles on a thread ferrex starts with a stack sized for
 * its nesting (engine/src/stack.rs). glibc carves every thread's static
 * TLS (the program's and its libraries' __thread/thread_local variables)
 * out of that stack, so a program with much of it (Zig 0.17's standard
 * library has a 256 KiB signal stack in TLS; fxgrep crashed so) left the
 * compile a fraction of the room it was sized for, and it overflowed. This
 * program has 1 MiB of static TLS; every pattern must compile and answer.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "ferrex.h"

/* 1 MiB of static TLS, as a program's own thread_local data. */
static __thread unsigned char tls_block[1 << 20];

typedef struct {
    const char *name;
    const char *pattern; /* NULL: `levels` nested capture groups around "a" */
    size_t levels;
    const char *haystack;
    int want_match;
} tls_case;

static const tls_case cases[] = {
    /* Random patterns that crashed fxgrep (found by a differential test). */
    {"nested counted alternations", "(a|(b|(c|(d|e){2}){2}){2}){2}", 0, "abc", 0},
    {"empty alternatives, counted", "|((|oo{3}){2}$)*$", 0, "abc", 1},
    /* The deepest the nesting limit allows. */
    {"999 nested capture groups", NULL, 999, "xxa", 1},
};

/* `levels` nested capture groups around "a". */
static char *groups(size_t levels) {
    char *p = malloc(2 * levels + 2);
    if (p == NULL)
        return NULL;
    memset(p, '(', levels);
    p[levels] = 'a';
    memset(p + levels + 1, ')', levels);
    p[2 * levels + 1] = '\0';
    return p;
}

int main(void) {
    tls_block[0] = 1; /* the block is this thread's; it must stay usable */
    ferrex_options *opts = NULL;
    CHECK_EQ(ferrex_options_new(&opts, NULL), FERREX_OK);
    CHECK_EQ(ferrex_options_set_nesting_limit(opts, FERREX_MAX_NESTING_LIMIT), FERREX_OK);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const tls_case *c = &cases[i];
        char *built = c->pattern == NULL ? groups(c->levels) : NULL;
        const char *pattern = c->pattern != NULL ? c->pattern : built;
        if (!CHECK(pattern != NULL))
            continue;
        ferrex_regex *re = NULL;
        ferrex_error *error = NULL;
        int32_t rc = ferrex_regex_new(&re, (const uint8_t *)pattern, strlen(pattern), 0, opts, &error);
        if (!CHECK_EQ(rc, FERREX_OK)) {
            fprintf(stderr, "%s: %s\n", c->name, error != NULL ? ferrex_error_message(error) : "?");
            ferrex_error_free(error);
        } else {
            CHECK_EQ(ferrex_regex_is_match(re, NULL, (const uint8_t *)c->haystack, strlen(c->haystack), NULL),
                     c->want_match);
            size_t count = 0;
            CHECK_EQ(ferrex_regex_count(re, NULL, (const uint8_t *)c->haystack, strlen(c->haystack), NULL, &count),
                     FERREX_OK);
            CHECK_EQ(count > 0, c->want_match);
        }
        ferrex_regex_free(re);
        free(built);
    }
    ferrex_options_free(opts);
    CHECK_EQ(tls_block[0], 1);
    return check_report("test_static_tls");
}
