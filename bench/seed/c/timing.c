/* timing.c - see timing.h; constants and statistics as in PROTOCOL.md. */
#define _POSIX_C_SOURCE 200809L

#include "timing.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define MAX_BATCH (UINT64_C(1) << 24)
#define MIN_BATCH_NS UINT64_C(1000000) /* a calibrated batch takes >= 1 ms */
#define WARM_UP_NS UINT64_C(50000000)  /* warm-up runs batches for >= 50 ms */
#define TARGET_SAMPLES 21
#define MIN_SAMPLES 3

/* Every batch's result lands here, so no operation can be optimized away. */
static volatile uint64_t sink;

uint64_t timing_now_ns(void) {
    struct timespec ts;
    if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0) {
        perror("clock_gettime(CLOCK_MONOTONIC)");
        exit(1);
    }
    return (uint64_t)ts.tv_sec * UINT64_C(1000000000) + (uint64_t)ts.tv_nsec;
}

static uint64_t time_batch(timing_batch_fn batch, void *ctx, uint64_t k) {
    uint64_t start = timing_now_ns();
    sink += batch(ctx, k);
    return timing_now_ns() - start;
}

static int cmp_double(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* The p-quantile of sorted data, interpolating linearly between the two
 * nearest ranks (numpy's default), as every runner does. */
static double percentile(const double *sorted, size_t n, double p) {
    if (n == 1) return sorted[0];
    double pos = p * (double)(n - 1);
    size_t lo = (size_t)pos;
    size_t hi = lo + 1 < n ? lo + 1 : n - 1;
    return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - (double)lo);
}

timing_stats timing_measure(timing_batch_fn batch, void *ctx, uint64_t budget_ns) {
    uint64_t k = 1;
    while (time_batch(batch, ctx, k) < MIN_BATCH_NS && k < MAX_BATCH) k *= 2;

    uint64_t warm_start = timing_now_ns();
    do {
        sink += batch(ctx, k);
    } while (timing_now_ns() - warm_start < WARM_UP_NS);

    double per_op[TARGET_SAMPLES];
    size_t n = 0;
    uint64_t start = timing_now_ns();
    while (n < TARGET_SAMPLES && !(n >= MIN_SAMPLES && timing_now_ns() - start >= budget_ns)) {
        sink += batch(ctx, 1); /* one untimed operation first: see PROTOCOL.md */
        per_op[n++] = (double)time_batch(batch, ctx, k) / (double)k;
    }

    qsort(per_op, n, sizeof per_op[0], cmp_double);
    timing_stats s;
    s.median_ns = percentile(per_op, n, 0.5);
    s.spread_pct = s.median_ns > 0
        ? (percentile(per_op, n, 0.75) - percentile(per_op, n, 0.25)) / s.median_ns * 100.0
        : 0.0;
    s.iterations = k * (uint64_t)n;
    s.samples = n;
    return s;
}
