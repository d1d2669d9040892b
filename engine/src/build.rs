//! Compiling patterns into the engines a [`crate::Regex`] searches with.
//!
//! Patterns are parsed once. The meta regex (regex-automata's composition of
//! every engine) is always built, configured as Rust's regex crate builds
//! it, so compiling costs what the regex crate's compile costs. Beside it,
//! on the first search that wants them (strategy.rs says which), we build
//! ferrex's own DFAs:
//! - a lazy DFA without prefilter, for the short-span walk (short.rs), and
//! - a fully compiled dense DFA pair (forward + reverse) for small patterns
//!   when it fits `Options::dfa_size_limit`, determinized on first use; it
//!   needs no cache at all.
//!
//! Every build from the parsed patterns (literal extraction, the Thompson
//! compiler and the meta regex recurse over them; DFA construction does
//! not, but its frames are big in a debug build) runs through
//! [`Parsed::recurse`], which gives it the stack it needs (stack.rs).

use regex_automata::{
    dfa::{self, dense, StartKind},
    hybrid, meta,
    nfa::thompson::{self, backtrack::BoundedBacktracker, pikevm::PikeVM, WhichCaptures, NFA},
    util::{prefilter::Prefilter, syntax},
    MatchKind as RaMatchKind,
};
use regex_syntax::hir::literal::{ExtractKind, Extractor, Seq};
use regex_syntax::hir::Hir;

use crate::error::{self, Error, ErrorKind};
use crate::flags::Flags;
use crate::limits;
use crate::options::{MatchKind, Options};
use crate::stack;
use crate::strategy::Prefix;

/// Above this many NFA states a full DFA is not attempted: determinizing
/// large Unicode classes costs milliseconds, and the lazy DFA is as fast on
/// the states a search actually visits.
const DENSE_MAX_NFA_STATES: usize = 150;

/// What compiling checks and builds at once: the parsed patterns and the
/// meta regex (which reports every size-limit error up front).
pub(crate) struct Compiled {
    pub meta: meta::Regex,
    pub parsed: Parsed,
    pub utf8: bool,
}

/// The parsed patterns, and how deep they nest: the steps that recurse
/// over them get them only through [`Parsed::recurse`]. Not `Clone`:
/// [`Parsed::copy`] copies.
pub(crate) struct Parsed {
    hirs: Vec<Hir>,
    depth: stack::Depth,
}

impl Parsed {
    fn new(hirs: Vec<Hir>) -> Parsed {
        Parsed { depth: stack::depth(&hirs), hirs }
    }

    /// The patterns, for walks that do not recurse.
    pub fn hirs(&self) -> &[Hir] {
        &self.hirs
    }

    /// Runs `f`, a build that may recurse over the patterns, with the
    /// stack it needs: on this thread for shallow patterns, else on a
    /// thread sized for them (whose start can fail).
    pub fn recurse<T: Send>(&self, f: impl FnOnce(&[Hir]) -> T + Send) -> Result<T, Error> {
        stack::run(self.depth, || f(&self.hirs))
    }

    /// A copy, made with the stack it needs: a `Hir`'s clone recurses once
    /// per level (its drop does not), so copying a deep pattern on the
    /// caller's stack overflowed a 64 KiB thread (capi/tests/c/test_stack.c,
    /// when find over a long span built the byte-mode twin).
    pub fn copy(&self) -> Result<Parsed, Error> {
        self.recurse(|hirs| Parsed { hirs: hirs.to_vec(), depth: self.depth })
    }
}

/// The DFAs beside the meta regex, built on the first search: a regex that
/// is compiled and searched once should cost what the meta regex costs.
pub(crate) struct Dfas {
    /// The lazy DFA of the short-span walk, where the walk suits it
    /// ([`crate::short::suits`]).
    pub walk: Option<Box<hybrid::dfa::DFA>>,
    /// The forward NFA a full DFA would be determinized from (on first
    /// use of the full DFA), when the patterns are small enough to try.
    pub dense_nfa: Option<NFA>,
}

pub(crate) fn ra_kind(kind: MatchKind) -> RaMatchKind {
    match kind {
        MatchKind::LeftmostFirst => RaMatchKind::LeftmostFirst,
        MatchKind::All => RaMatchKind::All,
    }
}

fn syntax_config(flags: Flags, opts: &Options) -> syntax::Config {
    syntax::Config::new()
        .case_insensitive(flags.contains(Flags::CASE_INSENSITIVE))
        .multi_line(flags.contains(Flags::MULTI_LINE))
        .dot_matches_new_line(flags.contains(Flags::DOT_MATCHES_NEW_LINE))
        .swap_greed(flags.contains(Flags::SWAP_GREED))
        .ignore_whitespace(flags.contains(Flags::IGNORE_WHITESPACE))
        .unicode(!flags.contains(Flags::NO_UNICODE))
        .utf8(!flags.contains(Flags::NO_UTF8))
        .crlf(flags.contains(Flags::CRLF))
        .nest_limit(opts.nesting_limit)
}

/// Parses every pattern, reporting the first failure with its index.
fn parse<P: AsRef<[u8]>>(patterns: &[P], config: &syntax::Config) -> Result<Vec<Hir>, Error> {
    let many = patterns.len() > 1;
    let mut hirs = Vec::with_capacity(patterns.len());
    for (index, pattern) in patterns.iter().enumerate() {
        let text = std::str::from_utf8(pattern.as_ref()).map_err(|e| {
            Error::new(
                ErrorKind::InvalidUtf8,
                format!("pattern {index} is not valid UTF-8 (invalid byte at offset {})", e.valid_up_to()),
            )
            .with_pattern(index)
            .with_span(e.valid_up_to(), e.valid_up_to() + e.error_len().unwrap_or(1))
        })?;
        let hir = syntax::parse_with(text, config).map_err(|e| error::from_syntax(index, many, &e))?;
        hirs.push(hir);
    }
    Ok(hirs)
}

pub(crate) fn compile<P: AsRef<[u8]>>(patterns: &[P], flags: Flags, opts: &Options) -> Result<Compiled, Error> {
    opts.check()?;
    limits::check_pattern_length(patterns, opts)?;
    // regex-syntax parses without recursion, whatever the depth.
    let parsed = Parsed::new(parse(patterns, &syntax_config(flags, opts))?);
    let utf8 = !flags.contains(Flags::NO_UTF8);
    limits::check_compiled_size(&parsed, utf8, opts)?;
    let meta = compile_meta(&parsed, utf8, opts)?;
    Ok(Compiled { meta, parsed, utf8 })
}

/// The meta regex for parsed patterns; `utf8` rules out empty matches
/// inside a character (regex-automata's `utf8_empty`).
pub(crate) fn compile_meta(parsed: &Parsed, utf8: bool, opts: &Options) -> Result<meta::Regex, Error> {
    let many = is_many(parsed.hirs());
    // Many patterns search with the DFA pair (regex.rs: `Inner::needs_pair`)
    // and ask the meta regex only for groups pinned to a match, which its
    // lazy DFAs would not narrow: without them it also skips its reverse
    // NFA, a second Thompson compile of every pattern (rebar's
    // 13-noseyparker/compile-multi: 1.48x -> 1.17x the regex crate's
    // instructions).
    let config = meta_config(ra_kind(opts.match_kind), utf8, opts, many).hybrid(!many);
    parsed
        .recurse(|hirs| meta::Builder::new().configure(config).build_many_from_hir(hirs).map_err(|e| build_error(&e)))?
}

/// Builds the lazy DFA and keeps the NFA for the full DFA. The lazy DFA
/// has no prefilter, whose tagged start states would slow every byte of
/// the walk (strategy.rs routes regexes with a fast literal to the meta
/// regex instead).
pub(crate) fn compile_dfas(parsed: &Parsed, kind: RaMatchKind, utf8: bool, opts: &Options) -> Dfas {
    let dfas = parsed.recurse(|hirs| {
        let nfa = forward_nfa(hirs, utf8, opts)?;
        let walk = build_lazy(&nfa, kind, opts).filter(crate::short::suits).map(Box::new);
        let small = opts.dfa_size_limit != 0 && nfa.states().len() <= DENSE_MAX_NFA_STATES;
        Some(Dfas { walk, dense_nfa: small.then_some(nfa) })
    });
    dfas.ok().flatten().unwrap_or(Dfas { walk: None, dense_nfa: None })
}

/// The prefix prefilter the meta regex builds for these patterns (none
/// when they are all anchored at the start), by its speed. `Slow` when it
/// cannot be worked out (no thread to extract the literals of a deep
/// pattern on): that leaves the regex to the meta regex.
///
/// `known_slow`: the meta regex does not accelerate these patterns, so
/// any prefilter of theirs is slow (meta/strategy.rs: `is_accelerated` is
/// the prefilter's `is_fast`), and only whether there is one is worked
/// out, from the literals alone: building Teddy or Aho-Corasick to rate
/// it cost a first search 270K instructions (rebar's
/// 09-aws-keys/compile-full, whose compile and count take 1.6M).
pub(crate) fn meta_prefix(parsed: &Parsed, kind: RaMatchKind, anchored_start: bool, known_slow: bool) -> Prefix {
    if anchored_start {
        return Prefix::None;
    }
    let prefix = parsed.recurse(|hirs| {
        let prefixes = meta_prefixes(kind, hirs);
        let literals = prefixes.literals()?;
        if known_slow {
            // What makes regex-automata's `Choice::new` build nothing.
            let some = !literals.is_empty() && literals.iter().all(|lit| !lit.as_bytes().is_empty());
            return some.then_some(Prefix::Slow);
        }
        Prefilter::new(kind, literals).map(|pre| if pre.is_fast() { Prefix::Fast } else { Prefix::Slow })
    });
    match prefix {
        Ok(Some(prefix)) => prefix,
        Ok(None) => Prefix::None,
        Err(_) => Prefix::Slow,
    }
}

/// The prefix literals the meta regex builds its prefilter from, as
/// regex-automata's `prefixes` extracts them (util/prefilter/mod.rs: the
/// same extractor limits, the same trimming for the match kind).
/// Recurses over `hirs` (see [`Parsed::recurse`]).
pub(crate) fn meta_prefixes(kind: RaMatchKind, hirs: &[Hir]) -> Seq {
    let mut extractor = Extractor::new();
    extractor.kind(ExtractKind::Prefix);
    let mut prefixes = Seq::empty();
    for hir in hirs {
        prefixes.union(&mut extractor.extract(hir));
    }
    match kind {
        RaMatchKind::LeftmostFirst => prefixes.optimize_for_prefix_by_preference(),
        _ => {
            prefixes.sort();
            prefixes.dedup();
        }
    }
    prefixes
}

/// Builds the lazy DFA pair (forward and reverse) that answers find under
/// earliest semantics or the ALL match kind when there is no full DFA: the
/// meta regex's literal strategies report the leftmost-first match whatever
/// `earliest` says (`abc|a` in "abc": 0..3 where earliest is 0..1), and its
/// engines disagree on ties (which start, which pattern) under ALL. The
/// pair never gives up on a thrashing cache and its cache is never smaller
/// than the minimum a search needs, so that its answers, unlike the meta
/// regex's, do not depend on the cache capacity.
pub(crate) fn compile_pair(
    forward: hybrid::dfa::DFA,
    parsed: &Parsed,
    utf8: bool,
    opts: &Options,
) -> Option<hybrid::regex::Regex> {
    parsed
        .recurse(|hirs| {
            let reverse = build_unfailing(reverse_nfa(hirs, utf8, opts)?, RaMatchKind::All, false, opts)?;
            Some(hybrid::regex::Builder::new().build_from_dfas(forward, reverse))
        })
        .ok()?
}

/// The forward half of [`compile_pair`], which alone finds match ends (a
/// count needs no more).
pub(crate) fn compile_pair_forward(
    parsed: &Parsed,
    kind: RaMatchKind,
    utf8: bool,
    opts: &Options,
) -> Option<hybrid::dfa::DFA> {
    parsed.recurse(|hirs| build_unfailing(forward_nfa(hirs, utf8, opts)?, kind, true, opts)).ok()?
}

/// A lazy DFA that never gives up: no limit on cache clearing, and a cache
/// at least as large as a search needs (regex-automata does not expose
/// that minimum: the capacity doubles until the builder accepts it).
pub(crate) fn build_unfailing(
    nfa: NFA,
    kind: RaMatchKind,
    per_pattern: bool,
    opts: &Options,
) -> Option<hybrid::dfa::DFA> {
    let mut capacity = opts.dfa_cache_capacity;
    loop {
        let config = hybrid::dfa::Config::new()
            .match_kind(kind)
            .cache_capacity(capacity)
            .unicode_word_boundary(true)
            .starts_for_each_pattern(per_pattern)
            .specialize_start_states(false)
            .minimum_cache_clear_count(None);
        match hybrid::dfa::Builder::new().configure(config).build_from_nfa(nfa.clone()) {
            Ok(dfa) => return Some(dfa),
            Err(_) if capacity < opts.dfa_cache_capacity.max(1 << 30) => {
                capacity = capacity.saturating_mul(2).max(4096)
            }
            Err(_) => return None,
        }
    }
}

/// Builds the PikeVM that answers captures under earliest semantics, which
/// the meta regex's capture engines do not honour (they report the
/// leftmost-first match), and find where no DFA can search. Linear time;
/// slow, but rarely needed.
pub(crate) fn compile_vm(parsed: &Parsed, kind: RaMatchKind, utf8: bool, opts: &Options) -> Option<PikeVM> {
    parsed.recurse(|hirs| captures_vm(captures_nfa(hirs, utf8, opts)?, kind)).ok()?
}

/// The NFA of `hirs` with every group, as the meta regex and the capture
/// engines build it.
pub(crate) fn captures_nfa(hirs: &[Hir], utf8: bool, opts: &Options) -> Option<NFA> {
    let config = thompson_config(utf8, opts).which_captures(WhichCaptures::All);
    thompson::Compiler::new().configure(config).build_many_from_hir(hirs).ok()
}

fn captures_vm(nfa: NFA, kind: RaMatchKind) -> Option<PikeVM> {
    PikeVM::builder().configure(PikeVM::config().match_kind(kind)).build_from_nfa(nfa).ok()
}

/// One pattern of many, compiled alone: it records the groups of a match
/// pinned to find's span, or finds where no DFA can search, without the
/// slot table of the engines of all patterns, which keeps every pattern's
/// slots per NFA state (900 patterns: 390 MB, copied at every step).
pub(crate) struct OnePattern {
    /// Every query's engine, under the regex's match kind.
    pub vm: PikeVM,
    /// Leftmost-first groups on spans up to its `max_haystack_len` (what
    /// the meta regex would pick for a short pinned span: 1.5x faster than
    /// the PikeVM on rebar's parol-veryl captures).
    pub bt: Option<BoundedBacktracker>,
}

/// Builds [`OnePattern`] for pattern `pattern`.
pub(crate) fn compile_one(
    parsed: &Parsed,
    pattern: usize,
    kind: RaMatchKind,
    utf8: bool,
    opts: &Options,
) -> Option<OnePattern> {
    parsed
        .recurse(|hirs| {
            let nfa = captures_nfa(hirs.get(pattern..=pattern)?, utf8, opts)?;
            let bt = match kind {
                RaMatchKind::LeftmostFirst => BoundedBacktracker::new_from_nfa(nfa.clone()).ok(),
                _ => None,
            };
            // Its prefix literals let an unanchored find skip to where a
            // match can start, as the meta regex's PikeVM does for all
            // patterns together (anchored searches, the pinned captures,
            // never use it).
            let pre = Prefilter::from_hir_prefix(kind, &hirs[pattern]);
            let config = PikeVM::config().match_kind(kind).prefilter(pre);
            let vm = PikeVM::builder().configure(config).build_from_nfa(nfa).ok()?;
            Some(OnePattern { vm, bt })
        })
        .ok()?
}

/// Builds the All-kind twin used for set queries on a leftmost-first regex
/// (and on an All-kind regex of many patterns).
/// A set query reports no offsets, so the twin keeps no capture slots: its
/// PikeVM cache stays small however many patterns there are. Without slots
/// the one-pass DFA must stay off: regex-automata 0.4.19's meta regex then
/// indexes an empty slot array in its anchored is-match (a panic).
///
/// Its lazy DFA needs a reverse NFA too, which may exceed the NFA size
/// limit where the forward one does not (a reverse compile of a Unicode
/// class shares fewer states: 64 patterns `\PL0`..`\PL63` fit 2 MB
/// forward, not reverse). The regex compiled, so its set queries are
/// answered: then by a twin without the lazy DFA (the PikeVM over the
/// forward NFA alone, which fits as the regex's own did), where they were
/// refused with a size-limit error the compile had not given.
pub(crate) fn compile_set(parsed: &Parsed, utf8: bool, opts: &Options) -> Option<meta::Regex> {
    let config = meta_config(RaMatchKind::All, utf8, opts, is_many(parsed.hirs()))
        .which_captures(WhichCaptures::None)
        .onepass(false);
    parsed
        .recurse(|hirs| {
            // Err(true): over a size limit.
            let build = |config: meta::Config| {
                meta::Builder::new().configure(config).build_many_from_hir(hirs).map_err(|e| e.size_limit().is_some())
            };
            build(config.clone())
                .or_else(|over_limit| if over_limit { build(config.hybrid(false)) } else { Err(false) })
                .ok()
        })
        .ok()?
}

/// From this many patterns on, every query goes to engines whose time and
/// memory do not grow with the square of the pattern count: the lazy DFA
/// pair that never gives up, each pattern's own engines for groups and
/// where no DFA can search ([`OnePattern`]), and the slot-free set twin
/// (regex.rs: `Inner::needs_pair`).
pub(crate) const MANY_PATTERNS: usize = 64;

/// Whether `hirs` take the paths of many patterns: at least
/// [`MANY_PATTERNS`] of them, not all plain literals. Plain literals stay
/// with the meta regex and its prefilter (Teddy or Aho-Corasick), which
/// answers them in one pass however many there are (rebar's
/// 12-dictionary/multi, 2,663 words over 61 KB: 0.4 ms, where the lazy DFA
/// pair rebuilt its states on every search, 400 ms).
pub(crate) fn is_many(hirs: &[Hir]) -> bool {
    hirs.len() >= MANY_PATTERNS && !hirs.iter().all(|h| h.properties().is_literal())
}

fn meta_config(kind: RaMatchKind, utf8: bool, opts: &Options, many: bool) -> meta::Config {
    meta::Config::new()
        // Its prefix prefilter unions the patterns' literals one pattern at
        // a time, each union sorting and deduplicating everything so far:
        // 900 case-folded patterns took 50 ms a build, three quarters of
        // compiling. For many patterns ([`is_many`]) the meta regex answers
        // only set queries and pinned captures (regex.rs), which need none.
        .auto_prefilter(!many)
        // As the regex crate builds it (its regex-automata has no
        // `dfa-build`): no full DFA, whose determinization at compile time
        // would cost up to milliseconds. ferrex's own full DFA is built on
        // the first search that the engine choice gives it.
        .dfa(false)
        .match_kind(kind)
        .utf8_empty(utf8)
        .nfa_size_limit(Some(opts.nfa_size_limit))
        .hybrid_cache_capacity(opts.dfa_cache_capacity)
}

/// Patterns arrive parsed, so the meta builder can only fail on size:
/// the NFA limit, or a pattern/state count past what the engines index.
fn build_error(err: &meta::BuildError) -> Error {
    let message = match err.size_limit() {
        Some(limit) => format!("the compiled pattern(s) exceed the NFA size limit of {limit} bytes"),
        None => format!("the compiled pattern(s) are too large: {err}"),
    };
    let out = Error::new(ErrorKind::SizeLimit, message);
    match err.pattern() {
        Some(pid) => out.with_pattern(pid.as_usize()),
        None => out,
    }
}

pub(crate) fn thompson_config(utf8: bool, opts: &Options) -> thompson::Config {
    thompson::Config::new().utf8(utf8).nfa_size_limit(Some(opts.nfa_size_limit)).which_captures(WhichCaptures::None)
}

/// Recurses over `hirs` (see [`Parsed::recurse`]).
pub(crate) fn forward_nfa(hirs: &[Hir], utf8: bool, opts: &Options) -> Option<NFA> {
    thompson::Compiler::new().configure(thompson_config(utf8, opts)).build_many_from_hir(hirs).ok()
}

/// Recurses over `hirs` (see [`Parsed::recurse`]).
fn reverse_nfa(hirs: &[Hir], utf8: bool, opts: &Options) -> Option<NFA> {
    thompson::Compiler::new().configure(thompson_config(utf8, opts).reverse(true)).build_many_from_hir(hirs).ok()
}

fn lazy_config(kind: RaMatchKind, opts: &Options) -> hybrid::dfa::Config {
    hybrid::dfa::Config::new()
        .match_kind(kind)
        .cache_capacity(opts.dfa_cache_capacity)
        .unicode_word_boundary(true)
        // Like the meta regex: give up (and fall back) when the cache thrashes.
        .minimum_cache_clear_count(Some(3))
        .minimum_bytes_per_state(Some(10))
}

fn build_lazy(nfa: &NFA, kind: RaMatchKind, opts: &Options) -> Option<hybrid::dfa::DFA> {
    hybrid::dfa::Builder::new().configure(lazy_config(kind, opts)).build_from_nfa(nfa.clone()).ok()
}

/// Determinizes the full DFA pair. Called on the first search that wants
/// it, not at compile time: determinization can cost milliseconds even for
/// small patterns, which a regex that is compiled and used once (or only
/// on long haystacks) should not pay.
/// The full DFA pair, and whether it pays: the forward DFA has
/// accelerated states (a state with at most three exits, which a search
/// leaves with memchr instead of a byte at a time). Without them it reads
/// every byte as the meta regex's lazy DFA does, a little slower to set up
/// per search (1.2x on a find over 16 bytes), so only then does ferrex's
/// route use it (strategy.rs).
pub(crate) struct Dense {
    pub re: dfa::regex::Regex,
    pub accelerates: bool,
}

/// What one attempt at the full DFA pair gave.
pub(crate) enum DenseBuild {
    Built(Box<Dense>),
    /// Determinizing went past the attempt's size limit: a larger limit
    /// may succeed.
    TooBig,
    /// No limit gives a pair worth building: the forward DFA has no
    /// accelerated state (and only an accelerating one was asked for), or
    /// the build failed for a reason no limit changes.
    Never,
}

/// What to determinize: the full DFA pair of a regex of this match kind
/// and UTF-8 mode, within `limit` bytes (each of the determinizer's memory
/// and each DFA's). The reverse DFA, which only finds where a match
/// starts, is determinized only after the forward one accelerates, unless
/// `accelerating_only` is false: for a regex it would never serve, the
/// reverse often cost as much again (`\d+\s*(?:am|pm)`: 573 us forward,
/// 626 us reverse).
pub(crate) struct DenseJob {
    pub kind: RaMatchKind,
    pub utf8: bool,
    pub limit: usize,
    pub accelerating_only: bool,
}

/// Determinizes the full DFA pair of `nfa` (the forward NFA of `parsed`)
/// as `job` says.
pub(crate) fn build_dense(nfa: &NFA, parsed: &Parsed, opts: &Options, job: &DenseJob) -> DenseBuild {
    parsed.recurse(|hirs| dense_pair(nfa, hirs, opts, job)).unwrap_or(DenseBuild::Never)
}

/// [`build_dense`]'s work; recurses over `hirs`.
fn dense_pair(nfa: &NFA, hirs: &[Hir], opts: &Options, job: &DenseJob) -> DenseBuild {
    let DenseJob { kind, utf8, limit, accelerating_only } = *job;
    let failed = |e: dense::BuildError| if e.is_size_limit_exceeded() { DenseBuild::TooBig } else { DenseBuild::Never };
    let limit = Some(limit);
    let forward = dense::Builder::new()
        .configure(
            dense::Config::new()
                .match_kind(kind)
                .start_kind(StartKind::Both)
                .unicode_word_boundary(true)
                .dfa_size_limit(limit)
                .determinize_size_limit(limit),
        )
        .build_from_nfa(nfa);
    let forward = match forward {
        Ok(forward) => forward,
        Err(e) => return failed(e),
    };
    let accelerates = has_accelerated_state(&forward);
    if accelerating_only && !accelerates {
        return DenseBuild::Never;
    }
    let Some(reverse_nfa) = reverse_nfa(hirs, utf8, opts) else { return DenseBuild::Never };
    let reverse = dense::Builder::new()
        .configure(
            dense::Config::new()
                .match_kind(RaMatchKind::All)
                .prefilter(None)
                .start_kind(StartKind::Anchored)
                .specialize_start_states(false)
                .unicode_word_boundary(true)
                .dfa_size_limit(limit)
                .determinize_size_limit(limit),
        )
        .build_from_nfa(&reverse_nfa);
    match reverse {
        Ok(reverse) => DenseBuild::Built(Box::new(Dense {
            re: dfa::regex::Builder::new().build_from_dfas(forward, reverse),
            accelerates,
        })),
        Err(e) => failed(e),
    }
}

/// Whether any state of `dfa` is accelerated. Every state of a
/// determinized DFA is reachable from a start state, so a walk over the
/// transitions from every start state visits them all.
fn has_accelerated_state(dfa: &dense::DFA<Vec<u32>>) -> bool {
    use regex_automata::{dfa::Automaton, util::start, Anchored};
    use std::collections::HashSet;

    let mut seen = HashSet::new();
    let mut todo = Vec::new();
    let behind = std::iter::once(None).chain((0..=255u8).map(Some));
    for (look_behind, anchored) in behind.flat_map(|b| [(b, Anchored::No), (b, Anchored::Yes)]) {
        if let Ok(id) = dfa.start_state(&start::Config::new().look_behind(look_behind).anchored(anchored)) {
            if seen.insert(id) {
                todo.push(id);
            }
        }
    }
    let bytes: Vec<u8> = dfa.byte_classes().representatives(..).filter_map(|unit| unit.as_u8()).collect();
    while let Some(id) = todo.pop() {
        if dfa.is_accel_state(id) {
            return true;
        }
        for &b in &bytes {
            let next = dfa.next_state(id, b);
            if !dfa.is_dead_state(next) && !dfa.is_quit_state(next) && seen.insert(next) {
                todo.push(next);
            }
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dense_of(pattern: &str, flags: Flags) -> Dense {
        let opts = Options::default();
        let parsed = Parsed::new(parse(&[pattern], &syntax_config(flags, &opts)).unwrap());
        let utf8 = !flags.contains(Flags::NO_UTF8);
        let nfa = forward_nfa(parsed.hirs(), utf8, &opts).unwrap();
        let job =
            DenseJob { kind: RaMatchKind::LeftmostFirst, utf8, limit: opts.dfa_size_limit, accelerating_only: false };
        match build_dense(&nfa, &parsed, &opts, &job) {
            DenseBuild::Built(dense) => *dense,
            _ => panic!("{pattern:?} determinizes within the default limit"),
        }
    }

    /// The full DFA serves ferrex's route only where it accelerates, so
    /// the test must tell the two kinds of DFA apart.
    #[test]
    fn accelerated_states_are_found_exactly_where_a_state_has_few_exits() {
        let bytes = Flags::NO_UNICODE | Flags::NO_UTF8;
        for pattern in [r".*.*=.*", r#""[^"]*""#, r"(?s)a.*b"] {
            assert!(dense_of(pattern, bytes).accelerates, "{pattern:?} has a state left only by a few bytes");
        }
        for pattern in [r"[A-Z][a-z]+", r"\w+\s+\w+", r"[a-z]+ing"] {
            assert!(!dense_of(pattern, bytes).accelerates, "{pattern:?} has no state with three exits or fewer");
        }
        // With Unicode, `.` leaves its loop on every leading byte of a
        // multi-byte character.
        assert!(!dense_of(r".*.*=.*", Flags::empty()).accelerates);
    }

    /// For a regex the meta regex does not accelerate, whether it has a
    /// prefix prefilter is worked out from the literals alone; the answer
    /// must be the one building the prefilter gives.
    #[test]
    fn an_unaccelerated_regex_has_a_prefix_exactly_where_its_prefilter_builds() {
        let opts = Options::default();
        let (mut none, mut slow) = (0, 0);
        for pattern in [
            r"[0-9]+x",
            r"[a-f0-9]{8}-[a-f0-9]{4}",
            r"[A-Z][a-z]+",
            r"\w+\s+\w+",
            r"(?i)[a-z]{2}[0-9]",
            r"x*y",
            r"[ab]c|[de]f|[gh]i|[jk]l",
            r"(a|b|)c",
            r"\d{4}",
        ] {
            let parsed = Parsed::new(parse(&[pattern], &syntax_config(Flags::empty(), &opts)).unwrap());
            let meta = compile_meta(&parsed, true, &opts).unwrap();
            if meta.is_accelerated() {
                continue;
            }
            let rated = meta_prefix(&parsed, RaMatchKind::LeftmostFirst, false, false);
            assert_ne!(rated, Prefix::Fast, "{pattern:?}: not accelerated, so no fast prefilter");
            assert_eq!(meta_prefix(&parsed, RaMatchKind::LeftmostFirst, false, true), rated, "{pattern:?}");
            match rated {
                Prefix::None => none += 1,
                _ => slow += 1,
            }
        }
        assert!(none > 0 && slow > 0, "both answers were checked: {none} without a prefix, {slow} with a slow one");
    }
}
