//! The timing of the single-process benchmarks (overhead, parity):
//! calibrate a batch size, warm up, take samples, report the median time
//! per operation and the spread. `measure` does it for one operation;
//! `measure_interleaved` does it for several operations of one case, taking
//! their samples round-robin so that machine noise hits all of them alike.
//!
//! An operation is given as a batch: a closure that runs it `k` times. The
//! loop lives inside the closure (see `repeat`), so the dynamic call is paid
//! once per batch and not once per operation, which matters for operations
//! of a few nanoseconds.

use std::hint::black_box;
use std::time::{Duration, Instant};

mod rng;
pub use rng::Rng;

/// The largest batch calibration tries (2^24 operations).
pub const MAX_BATCH: u64 = 1 << 24;
/// Calibration doubles the batch until one batch takes at least this long.
pub const MIN_BATCH_TIME: Duration = Duration::from_millis(1);
/// Warm-up runs batches for at least this long.
pub const WARM_UP: Duration = Duration::from_millis(50);
/// Sampling stops after this many samples...
pub const TARGET_SAMPLES: usize = 21;
/// ...or once the budget is spent and at least this many were taken.
pub const MIN_SAMPLES: usize = 3;

/// A batch: runs the operation `k` times.
pub type Batch<'a> = dyn FnMut(u64) + 'a;

/// What sampling found for one operation.
#[derive(Clone, Copy, Debug)]
pub struct Stats {
    /// Median over samples of (sample time / operations in the sample).
    pub median_ns: f64,
    /// Operations timed in total (warm-up and calibration excluded).
    pub iterations: u64,
    /// (p75 - p25) / median * 100 over the samples.
    pub spread_pct: f64,
    /// Samples taken.
    pub samples: usize,
}

/// Turns one operation into a batch. Every result is summed into an
/// accumulator that goes through `black_box`, the sink the compiler cannot
/// discard (so no result can be optimized away).
pub fn repeat<F: FnMut() -> u64>(mut op: F) -> impl FnMut(u64) {
    move |k| {
        let mut acc = 0u64;
        for _ in 0..k {
            acc = acc.wrapping_add(op());
        }
        black_box(acc);
    }
}

fn time_batch(batch: &mut Batch<'_>, k: u64) -> Duration {
    let start = Instant::now();
    batch(k);
    start.elapsed()
}

/// One operation's samples, after calibration and warm-up.
pub struct Sampler {
    k: u64,
    per_op_ns: Vec<f64>,
}

impl Sampler {
    /// Calibrates the batch size (k = 1, doubling until a batch takes at
    /// least 1 ms, at most 2^24), then warms up: batches for at least
    /// 50 ms, or a single batch when one takes longer than that.
    pub fn prepare(batch: &mut Batch<'_>) -> Sampler {
        let mut k = 1;
        while time_batch(batch, k) < MIN_BATCH_TIME && k < MAX_BATCH {
            k *= 2;
        }
        let start = Instant::now();
        loop {
            batch(k);
            if start.elapsed() >= WARM_UP {
                break;
            }
        }
        Sampler { k, per_op_ns: Vec::with_capacity(TARGET_SAMPLES) }
    }

    /// Times one batch and records its time per operation.
    pub fn sample(&mut self, batch: &mut Batch<'_>) {
        time_batch(batch, 1); // one untimed operation first: see PROTOCOL.md
        let t = time_batch(batch, self.k);
        self.per_op_ns.push(t.as_nanos() as f64 / self.k as f64);
    }

    /// The number of samples taken so far.
    pub fn len(&self) -> usize {
        self.per_op_ns.len()
    }

    /// Whether no sample was taken yet.
    pub fn is_empty(&self) -> bool {
        self.per_op_ns.is_empty()
    }

    /// The median, spread and operation count of the samples so far.
    pub fn stats(&self) -> Stats {
        let mut sorted = self.per_op_ns.clone();
        sorted.sort_by(f64::total_cmp);
        let median = percentile(&sorted, 0.5);
        let iqr = percentile(&sorted, 0.75) - percentile(&sorted, 0.25);
        Stats {
            median_ns: median,
            iterations: self.k * sorted.len() as u64,
            spread_pct: if median > 0.0 { iqr / median * 100.0 } else { 0.0 },
            samples: sorted.len(),
        }
    }
}

/// The p-quantile of sorted data, interpolating linearly between the two
/// nearest ranks (numpy's default), so that every runner computes the
/// same median and quartiles from the same samples.
pub fn percentile(sorted: &[f64], p: f64) -> f64 {
    match sorted.len() {
        0 => f64::NAN,
        1 => sorted[0],
        n => {
            let pos = p * (n - 1) as f64;
            let lo = pos.floor() as usize;
            let hi = (lo + 1).min(n - 1);
            sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo as f64)
        }
    }
}

fn done(samplers: &[Sampler], start: Instant, budget: Duration) -> bool {
    let fewest = samplers.iter().map(Sampler::len).min().unwrap_or(TARGET_SAMPLES);
    fewest >= TARGET_SAMPLES || (fewest >= MIN_SAMPLES && start.elapsed() >= budget)
}

/// The protocol for one operation: calibrate, warm up, then sample until
/// 21 samples are taken, or the budget (counted from the first sample) is
/// spent and at least 3 are.
pub fn measure(batch: &mut Batch<'_>, budget: Duration) -> Stats {
    measure_interleaved(&mut [batch], budget).remove(0)
}

/// The protocol for the operations of one case at once: each is
/// calibrated and warmed up in turn, then sampling goes round-robin (one
/// sample of each per round) until every one has 21 samples, or the budget
/// is spent and every one has at least 3.
pub fn measure_interleaved(batches: &mut [&mut Batch<'_>], budget: Duration) -> Vec<Stats> {
    let mut samplers: Vec<Sampler> = batches.iter_mut().map(|b| Sampler::prepare(*b)).collect();
    let start = Instant::now();
    while !done(&samplers, start, budget) {
        for (sampler, batch) in samplers.iter_mut().zip(batches.iter_mut()) {
            if sampler.len() < TARGET_SAMPLES {
                sampler.sample(*batch);
            }
        }
    }
    samplers.iter().map(Sampler::stats).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentile_interpolates() {
        let v = [1.0, 2.0, 3.0, 4.0];
        assert_eq!(percentile(&v, 0.5), 2.5);
        assert_eq!(percentile(&v, 0.25), 1.75);
        assert_eq!(percentile(&[7.0], 0.75), 7.0);
    }

    #[test]
    fn measure_counts_every_timed_operation() {
        let mut calls = 0u64;
        let stats = {
            let mut batch = repeat(|| {
                calls += 1;
                calls
            });
            measure(&mut batch, Duration::from_millis(5))
        };
        assert!(stats.samples >= MIN_SAMPLES && stats.samples <= TARGET_SAMPLES);
        assert!(stats.iterations > 0 && stats.iterations < calls);
    }
}
