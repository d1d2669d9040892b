/*
 * The PCRE2 adapter for the rebar runner core (engine.h), 8-bit library.
 * One source, compiled twice: with -DPCRE2_ADAPTER_JIT it is engine
 * "pcre2/jit" (pcre2_jit_compile + pcre2_jit_match), without it engine
 * "pcre2" (the interpreter, pcre2_match).
 *
 * It mirrors rebar's own PCRE2 runner (engines/pcre2 there), so that the
 * definitions' counts for pcre2 apply:
 *   - `unicode` compiles with PCRE2_UTF | PCRE2_UCP | PCRE2_MATCH_INVALID_UTF:
 *     Unicode-aware classes and case folding, and haystacks that are not
 *     valid UTF-8 are searched anyway (invalid sequences never match)
 *     instead of failing with a UTF error; without `unicode`, bytes;
 *   - `case-insensitive` is PCRE2_CASELESS;
 *   - one pattern only: rebar's runner refuses several (PCRE2 has no
 *     multi-pattern API, and joining patterns into one alternation would
 *     change which match wins, so it is not done here either);
 *   - the match limit is raised to its maximum, so that catastrophic
 *     backtracking shows up as time rather than as an error; the JIT gets
 *     a 32 KiB to 10 MiB stack;
 *   - counting uses a match data block for the overall match only; the
 *     capture models use one sized for every group;
 *   - empty matches are iterated as the regex crate does: an empty match
 *     ending where the previous match ended is skipped by searching again
 *     one byte further on.
 * rebar also sets PCRE2_USE_OFFSET_LIMIT, because its API can bound the end
 * of a search; every search here runs to the end of the haystack, so the
 * option would do nothing and is left out.
 *
 * Match data and match context are made on first use, so the compile model
 * times pcre2_compile (and the JIT compile) only, as rebar's runner does.
 */
#define PCRE2_CODE_UNIT_WIDTH 8

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pcre2.h>

#include "engine.h"

#ifdef PCRE2_ADAPTER_JIT
#define ADAPTER_NAME "pcre2/jit"
#define match_fn pcre2_jit_match
#else
#define ADAPTER_NAME "pcre2"
#define match_fn pcre2_match
#endif

struct engine {
    pcre2_code *code;
    pcre2_match_context *mctx;
    pcre2_jit_stack *jit_stack;   /* JIT build only */
    pcre2_match_data *md_match;   /* room for the overall match only */
    pcre2_match_data *md_groups;  /* room for every group */
};

/* A PCRE2 error code as an engine.h error; returns -1. */
static int fail(char **err, const char *call, int code) {
    PCRE2_UCHAR msg[256];
    if (pcre2_get_error_message(code, msg, sizeof msg) < 0) {
        snprintf((char *)msg, sizeof msg, "unknown error");
    }
    *err = engine_errorf("%s: %s (PCRE2 error %d)", call, (const char *)msg, code);
    return -1;
}

const char *engine_name(void) { return ADAPTER_NAME; }

/* PCRE2's version, e.g. "10.42 2022-12-11". */
const char *engine_version(void) {
    static char version[64];
    if (pcre2_config(PCRE2_CONFIG_VERSION, version) < 0) {
        snprintf(version, sizeof version, "unknown");
    }
    return version;
}

int engine_supports(const char *model, const engine_config *cfg, const char **reason) {
    (void)model; /* every model main.c knows (it refuses the rest first) */
    if (cfg->pattern_count != 1) {
        *reason = "PCRE2 compiles one pattern at a time (rebar's pcre2 runner refuses several)";
        return 0;
    }
    return 1;
}

engine *engine_compile(const engine_config *cfg, char **err) {
    if (cfg->pattern_count != 1) {
        *err = engine_errorf("PCRE2 compiles exactly one pattern, got %zu", cfg->pattern_count);
        return NULL;
    }
    uint32_t options = 0;
    if (cfg->unicode) {
        options |= PCRE2_UTF | PCRE2_UCP | PCRE2_MATCH_INVALID_UTF;
    }
    if (cfg->case_insensitive) {
        options |= PCRE2_CASELESS;
    }
    engine *e = calloc(1, sizeof *e);
    if (e == NULL) {
        *err = engine_errorf("out of memory");
        return NULL;
    }
    int code;
    PCRE2_SIZE offset;
    e->code = pcre2_compile((PCRE2_SPTR)cfg->patterns[0], cfg->pattern_lens[0], options, &code,
                            &offset, NULL);
    if (e->code == NULL) {
        PCRE2_UCHAR msg[256];
        pcre2_get_error_message(code, msg, sizeof msg);
        *err = engine_errorf("pcre2_compile: %s at pattern offset %zu", (const char *)msg,
                             (size_t)offset);
        free(e);
        return NULL;
    }
#ifdef PCRE2_ADAPTER_JIT
    uint32_t jit = 0;
    if (pcre2_config(PCRE2_CONFIG_JIT, &jit) < 0 || jit != 1) {
        *err = engine_errorf("this PCRE2 build has no JIT");
        engine_free(e);
        return NULL;
    }
    code = pcre2_jit_compile(e->code, PCRE2_JIT_COMPLETE);
    if (code != 0) {
        fail(err, "pcre2_jit_compile", code);
        engine_free(e);
        return NULL;
    }
#endif
    return e;
}

void engine_free(engine *e) {
    if (e == NULL) {
        return;
    }
    pcre2_match_data_free(e->md_groups);
    pcre2_match_data_free(e->md_match);
    pcre2_jit_stack_free(e->jit_stack);
    pcre2_match_context_free(e->mctx);
    pcre2_code_free(e->code);
    free(e);
}

/* The match context and the match data block a search needs, made once. */
static int prepare(engine *e, int groups, char **err) {
    if (e->mctx == NULL) {
        e->mctx = pcre2_match_context_create(NULL);
        if (e->mctx == NULL) {
            *err = engine_errorf("pcre2_match_context_create: out of memory");
            return -1;
        }
        pcre2_set_match_limit(e->mctx, UINT32_MAX);
#ifdef PCRE2_ADAPTER_JIT
        e->jit_stack = pcre2_jit_stack_create(32 << 10, 10 << 20, NULL);
        if (e->jit_stack == NULL) {
            *err = engine_errorf("pcre2_jit_stack_create: out of memory");
            return -1;
        }
        pcre2_jit_stack_assign(e->mctx, NULL, e->jit_stack);
#endif
    }
    pcre2_match_data **md = groups ? &e->md_groups : &e->md_match;
    if (*md == NULL) {
        *md = groups ? pcre2_match_data_create_from_pattern(e->code, NULL)
                     : pcre2_match_data_create(1, NULL);
        if (*md == NULL) {
            *err = engine_errorf("pcre2_match_data_create: out of memory");
            return -1;
        }
    }
    return 0;
}

/* The next match at or after *at that does not end where the previous one
 * did (*last_end, SIZE_MAX before the first) if it is empty. Returns the
 * pcre2 result (>= 0: a match, its span in the ovector; 0 only if the
 * ovector were too small, which the blocks made above rule out),
 * PCRE2_ERROR_NOMATCH, or another error. Advances *at and *last_end. */
static int next_match(engine *e, pcre2_match_data *md, const uint8_t *hay, size_t len,
                      size_t *at, size_t *last_end) {
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
    int rc = match_fn(e->code, hay, len, *at, 0, md, e->mctx);
    if (rc >= 0 && ov[0] >= ov[1] && ov[1] == *last_end) {
        /* An empty match right after the previous match: skip it. */
        if (*at >= len) {
            return PCRE2_ERROR_NOMATCH;
        }
        *at += 1;
        rc = match_fn(e->code, hay, len, *at, 0, md, e->mctx);
    }
    if (rc >= 0) {
        *at = ov[1];
        *last_end = ov[1];
    }
    return rc;
}

static int64_t sum_matches(engine *e, const uint8_t *hay, size_t len, int spans, char **err) {
    if (prepare(e, 0, err) < 0) {
        return -1;
    }
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(e->md_match);
    size_t at = 0, last_end = SIZE_MAX;
    int64_t total = 0;
    for (;;) {
        int rc = next_match(e, e->md_match, hay, len, &at, &last_end);
        if (rc == PCRE2_ERROR_NOMATCH) {
            return total;
        }
        if (rc < 0) {
            return fail(err, "pcre2 match", rc);
        }
        total += spans ? (int64_t)(ov[1] - ov[0]) : 1;
    }
}

int64_t engine_count(engine *e, const uint8_t *hay, size_t len, char **err) {
    return sum_matches(e, hay, len, 0, err);
}

int64_t engine_count_spans(engine *e, const uint8_t *hay, size_t len, char **err) {
    return sum_matches(e, hay, len, 1, err);
}

int64_t engine_count_captures(engine *e, const uint8_t *hay, size_t len, char **err) {
    if (prepare(e, 1, err) < 0) {
        return -1;
    }
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(e->md_groups);
    size_t at = 0, last_end = SIZE_MAX;
    int64_t total = 0;
    for (;;) {
        int rc = next_match(e, e->md_groups, hay, len, &at, &last_end);
        if (rc == PCRE2_ERROR_NOMATCH) {
            return total;
        }
        if (rc <= 0) {
            return fail(err, "pcre2 match", rc == 0 ? PCRE2_ERROR_NOMEMORY : rc);
        }
        /* rc is one more than the highest group that took part; groups
         * below it may still be unset. */
        for (int g = 0; g < rc; g++) {
            total += ov[2 * g] != PCRE2_UNSET;
        }
    }
}

int engine_is_match(engine *e, const uint8_t *hay, size_t len, char **err) {
    if (prepare(e, 0, err) < 0) {
        return -1;
    }
    int rc = match_fn(e->code, hay, len, 0, 0, e->md_match, e->mctx);
    if (rc == PCRE2_ERROR_NOMATCH) {
        return 0;
    }
    return rc < 0 ? fail(err, "pcre2 match", rc) : 1;
}

/* regex-redux's search: pcre2's start offset keeps the bytes before it
 * visible to look-behind and \b. */
int engine_find_at(engine *e, const uint8_t *hay, size_t len, size_t start, size_t *match_start,
                   size_t *match_end, char **err) {
    if (prepare(e, 0, err) < 0) {
        return -1;
    }
    int rc = match_fn(e->code, hay, len, start, 0, e->md_match, e->mctx);
    if (rc == PCRE2_ERROR_NOMATCH) {
        return 0;
    }
    if (rc < 0) {
        return fail(err, "pcre2 match", rc);
    }
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(e->md_match);
    *match_start = ov[0];
    *match_end = ov[1];
    return 1;
}
