//! Which files are searched, by whom, and in which order their output
//! appears. The main thread walks the paths (directories recursively,
//! --include/--exclude/--exclude-dir applied) and queues one job per file;
//! worker threads, each with its own Finder (regex cache) and read buffer,
//! search the jobs while the one compiled matcher is shared. Output appears
//! in the order the files were found, as with one thread: a job's output is
//! held until the jobs before it are printed, and the job whose turn it is
//! writes straight to stdout.
const std = @import("std");
const libc = @import("libc.zig");
const Options = @import("options.zig").Options;
const matcher = @import("matcher.zig");
const search = @import("search.zig");
const Reader = @import("input.zig").Reader;
const out_mod = @import("out.zig");

const Allocator = std.mem.Allocator;
const Out = out_mod.Out;

pub const Job = struct {
    index: usize,
    /// NUL-terminated for open(); "-" is stdin.
    path: [:0]const u8,
    /// As printed: the path, or "(standard input)".
    name: []const u8,
    out: Out,
    result: search.FileResult = .{},
    done: bool = false,
    /// Its output already went to stdout while it was searched.
    streaming: bool = false,
};

pub const Totals = struct {
    selected_any: bool = false,
    had_error: bool = false,
    files: u64 = 0,
    bytes: u64 = 0,
    lines: u64 = 0,
};

pub const Pool = struct {
    gpa: Allocator,
    o: *const Options,
    m: *const matcher.Matcher,
    settings: search.Settings,
    mutex: libc.Mutex = .{},
    cond: libc.Cond = .{},
    jobs: std.ArrayList(*Job) = .empty,
    /// Next job a worker takes, next job to print.
    next_take: usize = 0,
    head: usize = 0,
    walk_done: bool = false,
    /// Something was printed: a later line group starts with "--".
    used: bool = false,
    quit: bool = false,
    totals: Totals = .{},
    threads: []c_ulong = &.{},
    /// With one thread the walker searches each job itself, at once.
    inline_worker: ?*Worker = null,
    /// The first worker error that is not about a file (out of memory, a
    /// library failure), reported at the end.
    fatal: ?anyerror = null,

    pub fn init(gpa: Allocator, o: *const Options, m: *const matcher.Matcher, settings: search.Settings) Pool {
        return .{ .gpa = gpa, .o = o, .m = m, .settings = settings };
    }

    /// Starts `n` workers (n > 1), or prepares to search inline (n == 1).
    pub fn start(self: *Pool, n: usize) !void {
        if (n <= 1) {
            const w = try self.gpa.create(Worker);
            w.* = try Worker.init(self);
            self.inline_worker = w;
            return;
        }
        self.threads = try self.gpa.alloc(c_ulong, n);
        for (self.threads) |*t| {
            if (libc.pthread_create(t, null, workerMain, self) != 0) return error.ThreadCreate;
        }
    }

    /// Waits for every job and every worker.
    pub fn finish(self: *Pool) void {
        libc.lock(&self.mutex);
        self.walk_done = true;
        _ = libc.pthread_cond_broadcast(&self.cond);
        libc.unlock(&self.mutex);
        for (self.threads) |t| _ = libc.pthread_join(t, null);
        if (self.inline_worker) |w| w.deinit();
    }

    /// Queues a file; with one thread, searches it now.
    pub fn add(self: *Pool, path: []const u8, name: ?[]const u8) !void {
        const job = try self.gpa.create(Job);
        const z = try libc.dupeZ(self.gpa, path);
        job.* = .{ .index = 0, .path = z, .name = name orelse z, .out = .{ .gpa = self.gpa } };
        libc.lock(&self.mutex);
        job.index = self.jobs.items.len;
        self.jobs.append(self.gpa, job) catch |err| {
            libc.unlock(&self.mutex);
            return err;
        };
        _ = libc.pthread_cond_broadcast(&self.cond);
        libc.unlock(&self.mutex);
        if (self.inline_worker) |w| {
            self.next_take += 1;
            w.run(job);
        }
    }

    /// An error about a path that is not a job (a directory that cannot be
    /// read): printed in its place in the output order.
    pub fn pathError(self: *Pool, path: []const u8) void {
        const text = libc.errorText();
        libc.lock(&self.mutex);
        defer libc.unlock(&self.mutex);
        self.totals.had_error = true;
        if (self.o.no_messages) return;
        // Everything before it must be printed first; with workers still
        // busy on earlier jobs, the message waits in a job of its own.
        const job = self.gpa.create(Job) catch return;
        job.* = .{ .index = self.jobs.items.len, .path = "", .name = "", .out = .{ .gpa = self.gpa }, .done = true };
        job.out.message("fxgrep: {s}: {s}\n", .{ path, text });
        self.jobs.append(self.gpa, job) catch return;
        self.next_take += @intFromBool(self.inline_worker != null);
        self.printReady();
    }

    fn takeJob(self: *Pool) ?*Job {
        libc.lock(&self.mutex);
        defer libc.unlock(&self.mutex);
        while (true) {
            if (self.quit) return null;
            // Skip the message-only jobs pathError queued.
            while (self.next_take < self.jobs.items.len and self.jobs.items[self.next_take].done) self.next_take += 1;
            if (self.next_take < self.jobs.items.len) {
                const job = self.jobs.items[self.next_take];
                self.next_take += 1;
                return job;
            }
            if (self.walk_done) return null;
            _ = libc.pthread_cond_wait(&self.cond, &self.mutex);
        }
    }

    fn jobDone(self: *Pool, job: *Job) void {
        libc.lock(&self.mutex);
        defer libc.unlock(&self.mutex);
        job.done = true;
        if (@atomicLoad(bool, &self.quit, .monotonic)) _ = libc.pthread_cond_broadcast(&self.cond);
        self.printReady();
    }

    /// Prints every finished job whose turn has come. Under the mutex.
    fn printReady(self: *Pool) void {
        while (self.head < self.jobs.items.len and self.jobs.items[self.head].done) {
            const job = self.jobs.items[self.head];
            if (!job.streaming) self.beginOutput(job);
            job.out.fd = 1;
            job.out.flush();
            if (job.out.msg.items.len > 0) libc.writeAll(2, job.out.msg.items);
            self.used = self.used or job.result.used;
            const r = job.result;
            if (job.path.len > 0) {
                self.totals.files += 1;
                self.totals.bytes += r.bytes;
                self.totals.lines += r.selected;
                self.totals.selected_any = self.totals.selected_any or r.selected > 0;
            }
            self.totals.had_error = self.totals.had_error or r.err;
            job.out.deinit();
            if (job.path.len > 0) self.gpa.free(job.path);
            self.gpa.destroy(job);
            self.jobs.items[self.head] = undefined;
            self.head += 1;
        }
    }

    /// The job's turn: the "--" it may owe an earlier file.
    fn beginOutput(self: *Pool, job: *Job) void {
        if (job.out.sep_if_used and self.used) {
            libc.writeAll(1, if (self.settings.color) out_mod.Color.sep ++ "--" ++ out_mod.Color.end ++ "\n" else "--\n");
        }
    }

    /// Out.spill: a job with a big held output streams if its turn has come.
    fn spill(ctx: *anyopaque, out: *Out) void {
        const self: *Pool = @ptrCast(@alignCast(ctx));
        const job: *Job = @fieldParentPtr("out", out);
        libc.lock(&self.mutex);
        defer libc.unlock(&self.mutex);
        if (self.head != job.index) return;
        self.beginOutput(job);
        job.streaming = true;
        out.fd = 1;
        out.flush();
    }
};

/// One searching thread's state: its Finder over the shared matcher and
/// its read buffer.
const Worker = struct {
    pool: *Pool,
    finder: matcher.Finder,
    reader: Reader,

    fn init(pool: *Pool) !Worker {
        return .{
            .pool = pool,
            .finder = try matcher.Finder.init(pool.gpa, pool.m, pool.o),
            .reader = try Reader.init(pool.gpa, pool.o.chunk_size, !pool.o.no_mmap),
        };
    }

    fn deinit(self: *Worker) void {
        self.finder.deinit(self.pool.gpa);
        self.reader.deinit();
    }

    fn run(self: *Worker, job: *Job) void {
        const pool = self.pool;
        job.out.spill = .{ .ctx = pool, .f = Pool.spill };
        self.searchJob(job) catch |err| {
            job.result.err = true;
            job.out.message("fxgrep: {s}: {s}\n", .{ job.name, @errorName(err) });
        };
        pool.jobDone(job);
    }

    fn searchJob(self: *Worker, job: *Job) !void {
        const pool = self.pool;
        const stdin = std.mem.eql(u8, job.path, "-");
        const fd = if (stdin) 0 else libc.open(job.path.ptr, libc.O_RDONLY | libc.O_CLOEXEC);
        if (fd < 0) {
            job.result.err = true;
            if (!pool.o.no_messages) job.out.message("fxgrep: {s}: {s}\n", .{ job.name, libc.errorText() });
            return;
        }
        defer if (!stdin) {
            _ = libc.close(fd);
        };
        var settings = pool.settings;
        settings.quit = &pool.quit;
        var sr = search.Searcher.init(settings, &self.finder, &job.out, job.name);
        self.reader.search(fd, !stdin, &sr) catch |err| switch (err) {
            error.Read => {
                sr.result.err = true;
                if (!pool.o.no_messages) job.out.message("fxgrep: {s}: {s}\n", .{ job.name, libc.errorText() });
            },
            else => return err,
        };
        sr.finish();
        job.result = sr.result;
    }
};

fn workerMain(arg: ?*anyopaque) callconv(.c) ?*anyopaque {
    const pool: *Pool = @ptrCast(@alignCast(arg.?));
    var w = Worker.init(pool) catch |err| {
        libc.lock(&pool.mutex);
        pool.fatal = err;
        libc.unlock(&pool.mutex);
        // Still drain the queue, so the printer is not left waiting.
        while (pool.takeJob()) |job| {
            job.result.err = true;
            pool.jobDone(job);
        }
        return null;
    };
    defer w.deinit();
    while (pool.takeJob()) |job| w.run(job);
    return null;
}

/// Walks the command-line paths, adding a job per file to search.
pub const Walker = struct {
    pool: *Pool,
    gpa: Allocator,
    o: *const Options,

    /// grep -r without FILE: the working directory, its files named
    /// without a leading "./".
    pub fn workingDirectory(self: *Walker) !void {
        const dir = libc.opendir(".") orelse return self.pool.pathError(".");
        defer _ = libc.closedir(dir);
        try self.walk(dir, "");
    }

    /// A command-line path: "-" (stdin), a directory (recursively) or a file.
    /// grep matches the globs against any suffix of it after a '/'.
    pub fn path(self: *Walker, p: []const u8) !void {
        if (@atomicLoad(bool, &self.pool.quit, .monotonic)) return;
        if (std.mem.eql(u8, p, "-")) return self.pool.add("-", "(standard input)");
        const z = try libc.dupeZ(self.gpa, p);
        defer self.gpa.free(z);
        if (libc.opendir(z)) |dir| {
            defer _ = libc.closedir(dir);
            if (self.o.exclude_dirs.items.len > 0 and try anySuffixMatches(self.gpa, self.o.exclude_dirs.items, p)) return;
            return self.walk(dir, p);
        }
        if (libc.errno() != libc.ENOTDIR) {
            // Missing or unreadable: the job reports it, in order.
            return self.pool.add(p, null);
        }
        if (!try self.fileWanted(p, true)) return;
        try self.pool.add(p, null);
    }

    fn walk(self: *Walker, dir: *anyopaque, dir_path: []const u8) anyerror!void {
        while (libc.readdir(dir)) |ent| {
            if (@atomicLoad(bool, &self.pool.quit, .monotonic)) return;
            const name = std.mem.sliceTo(&ent.name, 0);
            if (std.mem.eql(u8, name, ".") or std.mem.eql(u8, name, "..")) continue;
            const sep: []const u8 = if (dir_path.len == 0 or dir_path[dir_path.len - 1] == '/') "" else "/";
            const child = try std.mem.concat(self.gpa, u8, &.{ dir_path, sep, name });
            defer self.gpa.free(child);
            var kind = ent.type;
            var sub: ?*anyopaque = null;
            if (kind == libc.DT_UNKNOWN) {
                const cz = try libc.dupeZ(self.gpa, child);
                defer self.gpa.free(cz);
                sub = libc.opendir(cz);
                kind = if (sub != null) libc.DT_DIR else if (libc.errno() == libc.ENOTDIR) libc.DT_REG else libc.DT_DIR;
            }
            switch (kind) {
                libc.DT_DIR => {
                    if (self.o.exclude_dirs.items.len > 0 and try globMatches(self.gpa, self.o.exclude_dirs.items, name)) {
                        if (sub) |d| _ = libc.closedir(d);
                        continue;
                    }
                    if (sub == null) {
                        const cz = try libc.dupeZ(self.gpa, child);
                        defer self.gpa.free(cz);
                        sub = libc.opendir(cz);
                    }
                    const d = sub orelse {
                        self.pool.pathError(child);
                        continue;
                    };
                    defer _ = libc.closedir(d);
                    try self.walk(d, child);
                },
                libc.DT_REG => {
                    if (!try self.fileWanted(name, false)) continue;
                    try self.pool.add(child, null);
                },
                else => {}, // symlinks, devices, fifos, sockets: skipped, as grep -r does
            }
        }
    }

    /// --include and --exclude, by grep's rule: the last of them whose
    /// glob matches the name decides; a name none matches is searched
    /// unless the first of them was an --include (`--exclude='*.log'
    /// --include='*.c'` searches x.txt; `--include='*.c'` alone does not).
    fn fileWanted(self: *Walker, name: []const u8, command_line: bool) !bool {
        const globs = self.o.file_globs.items;
        if (globs.len == 0) return true;
        const matches = if (command_line) &anySuffixMatches else &globMatches;
        var i = globs.len;
        while (i > 0) {
            i -= 1;
            if (try matches(self.gpa, &.{globs[i].glob}, name)) return globs[i].include;
        }
        return !globs[0].include;
    }
};

fn globMatches(gpa: Allocator, globs: []const []const u8, name: []const u8) Allocator.Error!bool {
    const z = try libc.dupeZ(gpa, name);
    defer gpa.free(z);
    for (globs) |g| {
        const gz = try libc.dupeZ(gpa, g);
        defer gpa.free(gz);
        if (libc.fnmatch(gz, z, 0) == 0) return true;
    }
    return false;
}

/// The name, or any part of it after a '/', matches a glob.
fn anySuffixMatches(gpa: Allocator, globs: []const []const u8, p: []const u8) Allocator.Error!bool {
    if (try globMatches(gpa, globs, p)) return true;
    var k: usize = 0;
    while (std.mem.indexOfScalarPos(u8, p, k, '/')) |slash| : (k = slash + 1) {
        if (slash + 1 < p.len and try globMatches(gpa, globs, p[slash + 1 ..])) return true;
    }
    return false;
}
