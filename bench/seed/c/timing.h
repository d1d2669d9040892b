/*
 * timing.h - the seed runners' timing (bench/seed/PROTOCOL.md, "Timing"),
 * the same steps and statistics as bench/rust-seed/timing: calibrate a
 * batch size, warm up, take samples, report median and spread.
 */
#ifndef SEED_TIMING_H
#define SEED_TIMING_H

#include <stddef.h>
#include <stdint.h>

/*
 * Runs the operation k times and returns the sum of its results. The loop
 * lives in the callee, so the indirect call is paid once per batch, not once
 * per operation; the sum feeds a volatile sink.
 */
typedef uint64_t (*timing_batch_fn)(void *ctx, uint64_t k);

typedef struct timing_stats {
    double median_ns;    /* median over samples of (sample time / operations) */
    uint64_t iterations; /* operations timed in total (warm-up excluded) */
    double spread_pct;   /* (p75 - p25) / median * 100 */
    size_t samples;
} timing_stats;

/* Calibrates, warms up and samples `batch` within `budget_ns` of sampling. */
timing_stats timing_measure(timing_batch_fn batch, void *ctx, uint64_t budget_ns);

/* CLOCK_MONOTONIC in nanoseconds. */
uint64_t timing_now_ns(void);

#endif
