/*
 * The regex-redux model (rebar's docs/MODELS.md): the Benchmark Game's
 * regex-redux, without parallelism, on top of engine.h. Its steps do not
 * depend on the engine, so they live here in the core; an engine only
 * compiles one pattern at a time (engine_compile) and finds the next match
 * (engine_find_at).
 *
 * One iteration, as rebar's shared/regexredux does it, on a FASTA haystack:
 *   1. seq = the haystack without its header lines and line breaks
 *      (every match of `>[^\n]*\n|\n` removed);
 *   2. for each of nine variant patterns, the line "<pattern> <count>", the
 *      count being its non-overlapping matches in seq;
 *   3. five replacements applied to seq in turn, each to every match;
 *   4. a blank line, then the lengths of the haystack, of seq after step 1
 *      and of seq after step 3, one per line.
 * Every pattern is compiled during the iteration (rebar times compilation
 * too) with the benchmark's case-insensitive and unicode settings, and
 * freed after its step.
 */
#ifndef REBAR_REDUX_H
#define REBAR_REDUX_H

#include <stddef.h>
#include <stdint.h>

typedef struct redux redux;

/* The model's state for one benchmark: its settings, and the buffers and
 * output text its iterations reuse. NULL if out of memory. */
redux *redux_new(int case_insensitive, int unicode);
void redux_free(redux *rx);

/* 1 if the engine accepts every pattern the model compiles (engine_supports
 * asked about each as a one-pattern configuration); else 0 and *reason. */
int redux_supported(const redux *rx, const char **reason);

/* One iteration (everything rebar times). Returns the length of seq after
 * the replacements, the count the benchmark checks, or -1 and *err. */
int64_t redux_run(redux *rx, const uint8_t *hay, size_t len, char **err);

/* 0 if the last redux_run's output text is exactly the one MODELS.md
 * requires (that of the 100,000-base input); else -1 and *err saying
 * where it differs. */
int redux_check(const redux *rx, char **err);

/* The adapter's engine_find_at (of the engine --engine names, NULL: the
 * adapter's own), asked as this model's loops ask, against a fresh engine
 * per question: an adapter may read matches ahead (engine.h), and this
 * shows it answers as if it did not, over patterns that can match empty
 * and haystacks with more matches than a read-ahead holds. 0 and, in
 * *checked, the patterns (each with unicode off, then on) the engine
 * supports and compiles; else -1 and *err. */
int redux_check_find_at(const char *engine_name, int *checked, char **err);

#endif
