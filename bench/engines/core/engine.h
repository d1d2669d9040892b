/*
 * The interface between the rebar runner core (main.c: KLV input, models,
 * timing, output; redux.c: the regex-redux model) and one regex engine
 * adapter. Every adapter implements exactly these functions; the runner
 * binary for engine E is the core linked with E's adapter. The core owns all
 * timing and all model semantics that do not depend on the engine (line
 * splitting for grep, summing, iteration limits, regex-redux's steps); an
 * adapter only compiles and searches.
 *
 * Conventions: haystacks are arbitrary bytes (not NUL-terminated, may be
 * invalid UTF-8). Errors are reported by returning -1 / NULL and writing a
 * malloc'd, NUL-terminated message to *err (the core prints it and frees it).
 * A model an engine cannot run at all is refused by engine_supports() with a
 * static reason: the core then prints "unsupported: <reason>" on stderr and
 * exits with status 2, which the driver records as skipped (any other
 * failure prints "error: <message>" and exits with status 1).
 */
#ifndef REBAR_ENGINE_H
#define REBAR_ENGINE_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
    const char *const *patterns; /* UTF-8, each NUL-terminated as well */
    const size_t *pattern_lens;
    size_t pattern_count;        /* >= 1 (the core refuses benchmarks without a
                                    pattern); several means one multi-pattern regex */
    int case_insensitive;        /* rebar's case-insensitive key */
    int unicode;                 /* rebar's unicode key */
    const char *engine;          /* the engine asked for with --engine NAME, NULL if none:
                                    an adapter that serves several engines (zig.zig: ferrex,
                                    PCRE2, a linear loop) picks by it, the others check it */
    const char *model;           /* the benchmark's model */
} engine_config;

typedef struct engine engine; /* adapter-defined compiled state (regex, scratch, match data) */

/* The engine's name as registered with rebar (e.g. "ferrex/api"; the
 * default when no --engine is given) and its version. */
const char *engine_name(void);
const char *engine_version(void);

/* 1 if this engine can run `model` with this configuration; else 0 and
 * *reason set to a static string (e.g. "no capture groups"). For
 * regex-redux, whose benchmarks carry no pattern, the core asks once per
 * pattern the model compiles, each as a one-pattern configuration. */
int engine_supports(const char *model, const engine_config *cfg, const char **reason);

/* Compile; NULL and *err on failure. */
engine *engine_compile(const engine_config *cfg, char **err);
void engine_free(engine *e);

/* The searches the models need; each returns -1 and sets *err on failure.
 * count: number of non-overlapping matches (empty matches handled as the
 *        regex crate does: an empty match right after a match is skipped).
 * count_spans: sum of match lengths in bytes over the same matches.
 * count_captures: sum over the same matches of the number of participating
 *        groups (group 0 included).
 * is_match: 1 if the haystack has a match, else 0 (used by grep per line).
 * All searches treat [0, len) as the whole haystack. */
int64_t engine_count(engine *e, const uint8_t *hay, size_t len, char **err);
int64_t engine_count_spans(engine *e, const uint8_t *hay, size_t len, char **err);
int64_t engine_count_captures(engine *e, const uint8_t *hay, size_t len, char **err);
int engine_is_match(engine *e, const uint8_t *hay, size_t len, char **err);

/* The regex-redux model's search (its steps are the core's, redux.c): the
 * leftmost-first match that starts at or after `start` (0 <= start <= len),
 * with look-around (^, $, \b) seeing the whole haystack [0, len) rather
 * than a slice. Returns 1 and sets *match_start and *match_end (absolute
 * offsets), 0 when there is none, -1 and *err on failure. The core compiles
 * one pattern per engine for this model and handles empty matches itself.
 * It asks in loops over one haystack, left unchanged during a loop: the
 * first question of a loop starts at 0, each next one where the last
 * match ended (one byte later after an empty match), so an adapter may
 * find matches ahead, as rebar's own runners iterate (find_iter). */
int engine_find_at(engine *e, const uint8_t *hay, size_t len, size_t start, size_t *match_start,
                   size_t *match_end, char **err);

/* The seed table's `lowercase` model (bench/definitions/seed.toml, not one
 * of rebar's): the Unicode lowercase of the haystack, written to a buffer
 * the adapter owns (valid until the next call) at *out, *out_len. `e` was
 * compiled with no pattern. Optional: an adapter without it refuses the
 * model (the core declares it weak). Returns 0, or -1 and *err. */
int engine_lowercase(engine *e, const uint8_t *text, size_t len, const uint8_t **out, size_t *out_len,
                     char **err) __attribute__((weak));

/* For adapters: a malloc'd, printf-formatted error message (NULL if out of
 * memory), as the searches' *err wants it. Defined by the core (main.c). */
char *engine_errorf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
