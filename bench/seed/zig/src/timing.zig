//! The protocol's timing (bench/seed/PROTOCOL.md, "Timing"), the same as
//! bench/rust-seed/timing: calibrate a batch size, warm up, take samples,
//! report the median time per operation and the spread. The operations of
//! one workload are sampled round-robin (`measureInterleaved`), so machine
//! noise hits all of them alike.
//!
//! An operation is run through a `Batch`, which runs it k times in a loop
//! compiled around the operation itself: one indirect call per batch, not
//! per operation, which matters for operations of a few nanoseconds.
const std = @import("std");
const sys = @import("sys.zig");

/// The largest batch calibration tries (2^24 operations).
pub const max_batch: u64 = 1 << 24;
/// Calibration doubles the batch until one batch takes at least this long.
pub const min_batch_ns: u64 = std.time.ns_per_ms;
/// Warm-up runs batches for at least this long.
pub const warm_up_ns: u64 = 50 * std.time.ns_per_ms;
/// Sampling stops after this many samples...
pub const target_samples = 21;
/// ...or once the budget is spent and at least this many were taken.
pub const min_samples = 3;

/// Runs one operation k times, feeding every result to a sink.
pub const Batch = struct {
    ctx: *anyopaque,
    run_fn: *const fn (ctx: *anyopaque, k: u64) anyerror!void,

    pub fn run(b: Batch, k: u64) !void {
        return b.run_fn(b.ctx, k);
    }

    /// Times one batch of k operations, in nanoseconds.
    fn time(b: Batch, k: u64) !u64 {
        const start = sys.nowNs();
        try b.run(k);
        return sys.nowNs() - start;
    }
};

/// The batch of `impl`, a pointer to a value with `fn op(self) !u64` (one
/// operation; its result is the value the sink gets).
pub fn batchOf(impl: anytype) Batch {
    const T = @typeInfo(@TypeOf(impl)).pointer.child;
    const Gen = struct {
        fn run(ctx: *anyopaque, k: u64) anyerror!void {
            const self: *T = @ptrCast(@alignCast(ctx));
            var acc: u64 = 0;
            var i: u64 = 0;
            while (i < k) : (i += 1) acc +%= try self.op();
            // The sink: the compiler must produce `acc`, hence every result.
            std.mem.doNotOptimizeAway(acc);
        }
    };
    return .{ .ctx = impl, .run_fn = Gen.run };
}

/// What sampling found for one operation.
pub const Stats = struct {
    /// Median over samples of (sample time / operations in the sample).
    median_ns: f64,
    /// Operations timed in total (calibration and warm-up excluded).
    iterations: u64,
    /// (p75 - p25) / median * 100 over the samples.
    spread_pct: f64,
    samples: usize,
};

/// One operation's samples, after calibration and warm-up.
pub const Sampler = struct {
    k: u64,
    per_op_ns: [target_samples]f64 = undefined,
    len: usize = 0,

    /// Calibrates the batch size (k = 1, doubling until a batch takes at
    /// least 1 ms, at most 2^24; an operation slower than 1 ms stays at
    /// k = 1 after a single run), then warms up: batches for at least
    /// 50 ms, or a single batch when one takes longer than that.
    pub fn prepare(batch: Batch) !Sampler {
        var k: u64 = 1;
        while (try batch.time(k) < min_batch_ns and k < max_batch) k *= 2;
        const start = sys.nowNs();
        while (true) {
            try batch.run(k);
            if (sys.nowNs() - start >= warm_up_ns) break;
        }
        return .{ .k = k };
    }

    /// Times one batch and records its time per operation.
    pub fn sample(self: *Sampler, batch: Batch) !void {
        _ = try batch.time(1); // one untimed operation first: see PROTOCOL.md
        const t = try batch.time(self.k);
        self.per_op_ns[self.len] = @as(f64, @floatFromInt(t)) / @as(f64, @floatFromInt(self.k));
        self.len += 1;
    }

    pub fn stats(self: *const Sampler) Stats {
        var sorted = self.per_op_ns;
        const s = sorted[0..self.len];
        std.mem.sort(f64, s, {}, std.sort.asc(f64));
        const median = percentile(s, 0.5);
        const iqr = percentile(s, 0.75) - percentile(s, 0.25);
        return .{
            .median_ns = median,
            .iterations = self.k * self.len,
            .spread_pct = if (median > 0) iqr / median * 100 else 0,
            .samples = self.len,
        };
    }
};

/// The p-quantile of sorted data, interpolating linearly between the two
/// nearest ranks (numpy's default), as every runner computes it.
pub fn percentile(sorted: []const f64, p: f64) f64 {
    const n = sorted.len;
    if (n == 0) return std.math.nan(f64);
    if (n == 1) return sorted[0];
    const pos = p * @as(f64, @floatFromInt(n - 1));
    const lo: usize = @intFromFloat(@floor(pos));
    const hi = @min(lo + 1, n - 1);
    return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - @as(f64, @floatFromInt(lo)));
}

/// The protocol for the operations of one workload: each is calibrated and
/// warmed up in turn, then sampling goes round-robin (one sample of each
/// per round) until every one has 21 samples, or the budget (counted from
/// the first sample) is spent and every one has at least 3. `out` gets one
/// Stats per batch.
pub fn measureInterleaved(batches: []const Batch, budget_ns: u64, samplers: []Sampler, out: []Stats) !void {
    std.debug.assert(samplers.len == batches.len and out.len == batches.len);
    for (batches, samplers) |b, *s| s.* = try Sampler.prepare(b);
    const start = sys.nowNs();
    while (!done(samplers, start, budget_ns)) {
        for (batches, samplers) |b, *s| {
            if (s.len < target_samples) try s.sample(b);
        }
    }
    for (samplers, out) |*s, *o| o.* = s.stats();
}

fn done(samplers: []const Sampler, start: u64, budget_ns: u64) bool {
    var fewest: usize = target_samples;
    for (samplers) |s| fewest = @min(fewest, s.len);
    return fewest >= target_samples or (fewest >= min_samples and sys.nowNs() - start >= budget_ns);
}

test "percentile interpolates like numpy" {
    const v = [_]f64{ 1, 2, 3, 4 };
    try std.testing.expectEqual(@as(f64, 2.5), percentile(&v, 0.5));
    try std.testing.expectEqual(@as(f64, 1.75), percentile(&v, 0.25));
    try std.testing.expectEqual(@as(f64, 7), percentile(&[_]f64{7}, 0.75));
}

test "measureInterleaved counts every timed operation" {
    const Counter = struct {
        calls: u64 = 0,
        fn op(self: *@This()) !u64 {
            self.calls += 1;
            return self.calls;
        }
    };
    var c: Counter = .{};
    var samplers: [1]Sampler = undefined;
    var stats: [1]Stats = undefined;
    try measureInterleaved(&.{batchOf(&c)}, 5 * std.time.ns_per_ms, &samplers, &stats);
    try std.testing.expect(stats[0].samples >= min_samples and stats[0].samples <= target_samples);
    try std.testing.expect(stats[0].iterations > 0 and stats[0].iterations < c.calls);
}
