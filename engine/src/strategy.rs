//! The engine choice: which engine answers each query.
//!
//! The meta regex (regex-automata's composition of engines, the one Rust's
//! regex crate runs) picks a strategy per regex when it is built: a literal
//! search alone (prefilter-only), a forward lazy DFA that skips ahead with a
//! prefix prefilter, a reverse scan from a suffix literal (reverse suffix)
//! or from an inner literal (reverse inner), a reverse scan from the end of
//! the haystack (reverse anchored), and the one-pass DFA, backtracker or
//! PikeVM for captures. All but the last skip most of a long haystack, and
//! a forward DFA over every byte must never stand in for them.
//!
//! So the meta regex answers first. ferrex's own paths take over only for
//! the shape of regex and span where they were measured faster than the
//! meta regex, side by side (`make bench-parity`, bench/results/parity.md:
//! every strategy, query and span length; and rebar-style benchmarks
//! through the C API, `make bench-peers`):
//!
//! | path | where | why |
//! |---|---|---|
//! | exact literals | every query but set queries, unanchored, for a single pattern whose matches are the occurrences of a few literals (`@`, `Sherlock\|Holmes`, `(?i)the`: exact.rs) | the literal search the meta regex's prefilter-only strategy runs (memchr/memmem for one literal, its own prefilter for several, Teddy's packed searcher without the anchored automaton only anchored searches use: compiling `agggtaaa\|tttaccct` 1.9x -> 1.16x the meta regex's instructions), without its set-up per search: dense matches count-spans 0.70x (`@` over 1 MiB of log), 0.80x (`the` over English), count 0.51x; through the C API a reset plus batch over 20 bytes 70 -> 50 ns on `Sherlock\|Holmes`, 100 -> 64 on `(?i)the` |
//! | empty everywhere | is-match for one pattern that matches the empty string and has no look-around, where empty matches may split a codepoint | it matches at the start of every span, so no search at all: `''` on each of 76,000 lines (rebar's grep/every-line) 322 -> 108 instructions a line through the C API (callgrind), 1.78x -> 0.72x the regex crate's time, which runs its DFA from the start state |
//! | impossible spans | ferrex's own paths | the meta regex's own test (anchors, shortest and longest match) ahead of them |
//! | required literal | ahead of the walk and the full DFA; ahead of the meta regex where it scans (`Shape::Scan`), unanchored: for find, captures and is-match on spans up to [`REJECT_SPAN`], for count and iteration on any | memchr/memmem rejects a span without a literal every match contains (16x on `\w+Holmes` over prose lines), where a DFA reads every byte. Ahead of the meta regex (make bench-parity, 16 B spans of English, engine crate): find, count, count-spans and captures of `\w+Holmes` 1.06-1.33x -> 0.55-0.63x, of `[a-z]+ing` 1.06-1.32x -> 0.64-0.85x; where the literal is in every span, even (`[a-z]+e`, find over 16 B: 1.00x). That and the following were timed in one process alternating ferrex's engine crate with the meta regex (min of 5-30 rounds over spans of English): count and count-spans over 64 KiB, `[a-z]+qzx` 0.01x, `\w+Watson` 0.56x, `[a-z]+ing` (the literal everywhere) 1.00x and 1.01x |
//! | the required literal's rarest byte | ahead of the meta regex where it searches for a literal itself (`Shape::Literal`, but exact literals), unanchored: for is-match, find, count and captures on spans up to [`REJECT_SPAN`] ([`Ahead::Rarest`]) | one memchr against the meta regex's set-up and literal search, on the lines of grep without the literal: rebar's grep of `([^ @]+)@([^ @]+)` over 8,642 lines 3.12M -> 2.77M instructions through the C API (the regex crate: 2.51M), ruff's noqa grep-captures 5.10M -> 4.63M (4.37M); find over 16 B spans of English or a log (make bench-parity, engine crate): `\s+Holmes` 1.04 -> 0.40-0.46x, `\w+\s+Holmes\s+\w+` 1.06 -> 0.39-0.41x, a date 1.06 -> 0.84-0.85x; count likewise (1.07 -> 0.41-0.42x, 1.10 -> 0.42x); paused where spans keep holding the byte ([`RarestLuck`]), where a paused test costs a find 17-19 instructions (callgrind: `\s+Holmes` over 256 B holding it, 308 -> 327; the meta regex 278) |
//! | first byte | for a regex anchored at its start, on a span at the start of its haystack, once the walk's DFA is built (which learns the bytes, first.rs): in the rejection ahead of ferrex's is-match route, and on the meta regex's plain branch of find, captures and batches (any span length) | a span whose first byte no match begins with is turned away by one load, where the required literal's memchr or the walk's set-up came first: is-match of `^(\d{4})-(\d{2})-(\d{2}) (\w+)` over 256-byte spans of a log 1.41-1.45x -> 0.68-0.74x the meta regex's time, over 16-byte spans 1.0x -> 0.5x, find over 256 bytes 1.18x -> 0.49x (in one process); rebar's grep-captures of `^(?i)[urb]*['"](?P<raw>.*)['"]$` over Python through the C runner 101M -> 60M instructions (the regex crate 102M). Its test of `anchored_start` costs grep of unanchored regexes up to 1.3% more instructions a line |
//! | short-span walk | is-match on spans <= [`WALK_SPAN`] for `Scan`, <= [`WALK_SPAN_REVERSE`] for the reverse strategies, once the regex has answered [`WALK_AFTER`] is-matches (or counts have built the walk's DFA), but not a span starting with a non-ASCII byte for a regex with a Unicode word boundary, where the walk's DFA gives up at once ([`Strategy::walk_quits_at`]): a regex compiled and asked once costs what the meta regex costs (`(?i)hello` 2.05x -> 1.24x, `\w+` 1.61x -> 1.02x, compile and one is-match) | no `Input`, no strategy dispatch, a skip table for the start state: 0.5-0.95x the meta regex per line on rebar's grep benchmarks. Beyond them the reverse strategies' meta regex is asked by its half search, as the regex crate asks it ([`IsMatchPlan`]): its own is_match gives a reverse-inner search that turns quadratic to the PikeVM (`\d{4}-\d{2}-\d{2}` on "id 2024-05-0x ok": 244 ns against the walk's 33) |
//! | count walk | count on spans under [`DENSE_SPAN`] for `Scan` without a prefix prefilter or a literal tested ahead ([`Strategy::walk_below`]), once the walk's DFA is built (after [`WALK_AFTER`] counts or is-matches) | one leftmost walk a match, no half search's set-up: 0.6-0.95x the meta regex over 1-63 byte spans (in one process); rebar's tiny count cells through the C API 1.09x -> 0.91-0.97x the regex crate's time |
//! | walk rejection | find, captures and the first batch of matches on spans under [`DENSE_SPAN`], for the regexes counts walk that are anchored at their start, once the walk's DFA is built; paused where the spans it does not reject outnumber those it does ([`RarestLuck::record_share`]) | the walk, without a skip table, says whether the span has a match at all, ahead of the meta regex's set-up (a forward and a reverse DFA search, or a capture engine); anchored, it ends within the first bytes of a span without a match. rebar's grep-captures through the C API (callgrind), 1.04-1.61x fewer instructions over lines without a match (`^(?P<spaces>\s*)#!(?P<directive>.*)` over Python: 220M -> 137M, the regex crate 209M; `^\s*fn\s+(is_([^\(]+))...` 129M -> 105M); elsewhere 0.98-1.00x. Unanchored, a walk reads the whole span to reject it: 4% more on grep-captures over words |
//! | full DFA | find, count and iteration for `Scan` over spans of at least [`DENSE_SPAN`] bytes, where the DFA has accelerated states, once its searches have covered [`DENSE_AFTER`] bytes and [`DENSE_BUDGET`] times what determinizing it may take | memchr over a state's few exits: 100x on `.*.*=.*` (no Unicode) over 1 MB of prose. Without them a full DFA reads every byte as the lazy DFA does and sets up slower (1.2x on a 16-byte find), so the meta regex keeps the regex |
//!
//! Everything else (the prefix-literal and reverse-anchored strategies,
//! Aho-Corasick over an alternation of 3,000 literals or more
//! ([`Shape::LiteralSet`]), captures but an exact literal's, set queries,
//! and every regex with a prefix prefilter, fast or not) is the meta
//! regex's own answer; a span shorter than every match is-match answers
//! first, as the meta regex does ([`Strategy::rules_out`]). Counting
//! is forward-only on either route, as the regex crate's
//! `find_iter().count()` is.
//!
//! Where no path of ferrex's can take a query, one test sends it to the
//! meta regex ahead of every check above ([`Strategy::meta_below`] and
//! [`IsMatchPlan::PLAIN`], asked by regex.rs: `Inner::plain`): each check
//! is a load and a branch, and on spans of a few bytes through the C API
//! they weighed (a count of `.` over one byte: 146 -> 121 instructions in
//! `ferrex_regex_count`; a line of rebar's grep-captures with no match:
//! 171 -> 129 in the iteration's step).

use regex_automata::meta;
use regex_syntax::hir::{Hir, HirKind, Look, Properties};

use crate::build::Parsed;
use crate::exact::Exact;
use crate::first::FirstBytes;
use crate::required::Required;

/// Spans up to this long are walked by hand for is-match (short.rs), where
/// regex-automata's search set-up (an `Input`, the strategy's dispatch, the
/// start state) weighs; beyond it the meta regex's unrolled loop is as fast
/// and the walk saves nothing.
pub(crate) const WALK_SPAN: usize = 256;

/// Counts and is-matches walk the lazy DFA only once a regex has made this
/// many of them (is-match its own tally; counts and the walk's rejection
/// for find and captures another), unless the other tally has built the
/// walk's DFA already. Building it compiles the patterns' NFA a second
/// time (the meta regex keeps its own to itself): the first count of `\w+`
/// over 5 bytes took 116 us, half its compile, where the walk saves 3-10 ns
/// a search; compiled and asked is-match once, `\w+` took 1.61x the meta
/// regex's time, `(?i)hello` 2.05x (its plan's prefix prefilter, worked
/// out then too). A regex compiled and searched a few times should cost
/// what the meta regex costs. Waiting costs the searches before it a call
/// (about 15 instructions each), and the build, spread over them, at most
/// about 12 ns each (`\b\w+\b`: 191 us).
pub const WALK_AFTER: usize = 16 << 10;

/// ferrex's own route first tries its full DFA once its searches have
/// covered this many bytes, within [`DENSE_BUDGET`]. Determinizing costs up
/// to milliseconds (an anchored log-line regex: about 1 ms), and pays off
/// where the DFA accelerates (`.*.*=.*` over 10 KB: 100x faster than the
/// meta regex's lazy DFA, which has no accelerated states), elsewhere it is
/// even with the meta regex.
pub(crate) const DENSE_AFTER: usize = 256 << 10;

/// Bytes searched on ferrex's route per byte an attempt at the full DFA may
/// determinize (`Inner::try_dense`; the limit applies to the determinizer's
/// memory and to each DFA). Measured (regex-automata 0.4.19, this machine):
/// determinizing costs 10-15 ns per byte of that limit, whether it
/// finishes or is cut short (`\d+\s*(?:am|pm)`: 39 KB in 530 us; `\w+`:
/// cut short at 256 KB after 3.7 ms), and the meta regex's lazy DFA scans
/// prose at 1.5-2 ns a byte. One attempt thus costs at most about 6% of the
/// searches it follows, and all of them at most about 12%, where the DFA
/// never accelerates; one that does is built once 128 times what it needs
/// has been searched (2 KB by the first attempt, after 256 KiB; 4 KB by
/// the second, after 512 KiB; the whole limit after 32 MiB).
pub(crate) const DENSE_BUDGET: usize = 128;

/// ferrex's full DFA answers find, count and iteration over spans of at
/// least this many bytes; shorter ones go to the meta regex. A full-DFA
/// search pays a fixed set-up (the required-literal rejection, a forward
/// and a reverse start state) that only bytes skipped by acceleration win
/// back. Instructions per iteration of a span (callgrind, full DFA /
/// meta regex, no Unicode): `^abcdefghijklmnopqrstuvwxyz.*$` over 26
/// bytes 1,244 / 845, over 48 bytes 1,167 / 980 (rebar's
/// imported/rsc/one-pass-long-prefix, 26 bytes: 1.55x the regex crate's
/// time before this bound); `.*.*=.*` over 16 bytes 1,612 / 1,573 but over
/// 48 bytes 1,531 / 3,230, which this bound gives away: the crossover
/// depends on what the lazy DFA pays per byte, and 64 bytes is where the
/// first shape breaks even.
pub(crate) const DENSE_SPAN: usize = 64;

/// Spans of find, captures and is-match up to this long are rejected by
/// the required literal ahead of the meta regex where it scans every byte
/// ([`Strategy::rejects_short`]): memchr/memmem over a short span costs a
/// few nanoseconds against a lazy DFA's nanosecond a byte. Beyond it the
/// meta regex alone: those searches stop at the first match, and where
/// the literal is there the rejection is a second pass over the bytes
/// before it (1.15x on `[a-z]+ing` over 64 KiB of prose).
pub(crate) const REJECT_SPAN: usize = 256;

/// For the reverse-suffix and reverse-inner strategies, which skip to a
/// literal, the walk pays on shorter spans only: 0.6-0.7x the meta regex
/// on 16 bytes, mixed on 64 (0.6x to 1.8x), up to 4x slower on 256.
pub(crate) const WALK_SPAN_REVERSE: usize = 32;

/// The prefix prefilter the meta regex builds: the same literals, the same
/// constructor (meta/strategy.rs), none for a regex anchored at the start.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Prefix {
    None,
    /// A byte set or similar: it still skips where its bytes are rare
    /// (19x faster than a full DFA on an IP-address regex over a 6 MB text
    /// with few digits), so the meta regex keeps the regex.
    Slow,
    Fast,
}

/// How the meta regex searches this regex, as far as the engine choice
/// needs to know.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Shape {
    /// The meta regex skips ahead with a literal search: prefilter-only or
    /// a fast prefix prefilter ([`Prefix::Fast`]), reverse suffix or
    /// reverse inner (otherwise).
    Literal,
    /// Anchored at the end but not the start: the meta regex scans
    /// backwards from the end of the span (reverse anchored).
    ReverseAnchored,
    /// No literal to skip to: every engine reads every byte with a DFA.
    Scan,
    /// One alternation of so many plain literals that the meta regex
    /// searches for them with Aho-Corasick alone ([`is_literal_set`]),
    /// which it does not count as accelerated. No DFA of ferrex's beats
    /// that search, so every query is the meta regex's.
    LiteralSet,
}

/// From this many literals on, the meta regex answers an alternation of
/// plain literals with Aho-Corasick alone (meta/literal.rs:
/// `alternation_literals`, whose threshold this is).
const AHO_CORASICK_LITERALS: usize = 3000;

/// Whether the meta regex answers `hirs` with Aho-Corasick alone: one
/// pattern, leftmost-first, no look-around or groups, an alternation of
/// at least [`AHO_CORASICK_LITERALS`] plain literals. Taken for `Scan`,
/// such a regex went to ferrex's own route, which compiled its NFA again
/// to find it too big for a full DFA: rebar's dictionary/search/english-tiny
/// (90,000 words) spent 412M instructions so on the search that crossed
/// [`DENSE_AFTER`] bytes, and short is-match spans would have been walked
/// by a lazy DFA over the dictionary instead of Aho-Corasick.
fn is_literal_set(hirs: &[Hir], kind: regex_automata::MatchKind) -> bool {
    let [hir] = hirs else { return false };
    let props = hir.properties();
    kind == regex_automata::MatchKind::LeftmostFirst
        && props.look_set().is_empty()
        && props.explicit_captures_len() == 0
        && props.is_alternation_literal()
        && matches!(hir.kind(), HirKind::Alternation(alts) if alts.len() >= AHO_CORASICK_LITERALS)
}

/// Which engine answers a query.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Route {
    /// The meta regex, with whatever strategy it chose.
    Meta,
    /// ferrex's own paths: rejection, then the short-span walk for
    /// is-match (where the lazy DFA suits it), the full DFA for the
    /// others, the meta regex where neither can answer.
    Own,
}

/// How is-match is answered for one regex ([`Strategy::is_match_plan`]):
/// spans shorter than `own_below` by ferrex's own paths, the others by the
/// meta regex, through its half search when `half`. Kept packed in one
/// word ([`IsMatchPlan::pack`]), so that a search asks one load.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct IsMatchPlan {
    pub own_below: usize,
    pub half: bool,
}

/// The `half` bit of a packed [`IsMatchPlan`] (`own_below` is at most a
/// few hundred).
const HALF: usize = 1 << (usize::BITS - 1);

/// The bit of a packed [`IsMatchPlan::META`] that says nothing else
/// answers before it either ([`IsMatchPlan::PLAIN`]).
const ALONE: usize = 1 << (usize::BITS - 2);

impl IsMatchPlan {
    /// Not yet worked out (no plan packs to it).
    pub const UNKNOWN: usize = usize::MAX;
    /// Every span to the meta regex, asked by its is_match.
    pub const META: IsMatchPlan = IsMatchPlan { own_below: 0, half: false };
    /// [`IsMatchPlan::META`], packed, for a regex where no other path
    /// comes first (no exact literals, no rejection, no empty match
    /// everywhere, no twin, few patterns): one comparison then sends a
    /// search straight to the meta regex.
    pub const PLAIN: usize = ALONE;

    /// The plan in one word; `alone` (nothing else answers ahead of the
    /// meta regex) marks [`IsMatchPlan::META`] as [`IsMatchPlan::PLAIN`].
    #[inline]
    pub fn pack(self, alone: bool) -> usize {
        let alone = if alone && self == IsMatchPlan::META { ALONE } else { 0 };
        self.own_below | alone | if self.half { HALF } else { 0 }
    }

    #[inline]
    pub fn unpack(word: usize) -> IsMatchPlan {
        IsMatchPlan { own_below: word & !(HALF | ALONE), half: word & HALF != 0 }
    }
}

/// What the engine choice knows of one regex, decided at compile time
/// from the parsed patterns and the meta regex.
#[derive(Clone, Debug)]
pub(crate) struct Strategy {
    shape: Shape,
    /// Every pattern starts with `\A` / ends with `\z` (`^` / `$` outside
    /// multi-line mode).
    anchored_start: bool,
    anchored_end: bool,
    /// The fewest and the most bytes a match spans (`None`: no bound).
    min_len: Option<usize>,
    max_len: Option<usize>,
    /// `min_len`, 0 for none: spans shorter are rejected ([`Strategy::rules_out`]),
    /// in one comparison where the option takes two.
    reject_below: usize,
    /// How many bytes past `reject_below` a whole haystack may hold and a
    /// match still fit: `max_len - min_len` for a regex anchored at both
    /// ends, else all the rest ([`Strategy::rules_out`]).
    whole_slack: usize,
    /// A literal every match contains (single-pattern regexes only).
    required: Option<Required>,
    /// The literals whose occurrences are the matches, for a regex that is
    /// nothing else (exact.rs).
    exact: Option<Exact>,
    /// One pattern that matches the empty string and asserts nothing
    /// about its surroundings: it matches (empty) at every position.
    empty_everywhere: bool,
    /// Some pattern has a Unicode word boundary, so the walk's lazy DFA
    /// gives up at the first non-ASCII byte ([`Strategy::walk_quits_at`]).
    walk_may_quit: bool,
    /// What rejects spans ahead of the meta regex ([`Ahead`]).
    ahead: Ahead,
    /// For a regex anchored at its start, the bytes a match may begin
    /// with, learned once the walk's lazy DFA is built ([`Strategy::learn_first_bytes`]).
    first: FirstBytes,
}

/// What is tested ahead of the meta regex to reject a span without a match
/// (only for a regex not anchored at the start, with a `required` literal).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Ahead {
    Nothing,
    /// The meta regex scans (`Shape::Scan`): the required literal itself,
    /// for is-match, find and captures on spans up to [`REJECT_SPAN`]
    /// ([`Strategy::rejects_short`]), for count and iteration on any
    /// ([`Strategy::rejects_scan`]).
    Literal,
    /// The meta regex searches for a literal itself (`Shape::Literal`, but
    /// exact literals, which exact.rs answers): the required literal's
    /// rarest byte (memchr's ranking; where text seldom holds it:
    /// [`Required::rarest_is_rare`]), for is-match, find, count and
    /// captures on spans up to [`REJECT_SPAN`]. A span without
    /// it costs one memchr instead of the meta regex's set-up and literal
    /// search; one with it costs that memchr more. Per is-match through
    /// the engine crate (callgrind), 111-241 byte lines of prose without
    /// the literal: `\s+Holmes`, `\d{4}-\d{2}-\d{2}`, an e-mail regex
    /// 198-272 instructions for the meta regex, 252-326 for ferrex before,
    /// 131-151 now; a 138-byte line holding `Holmes` 46 bytes in: 831,
    /// 885, 959. A memmem of the whole literal rejects a little more but
    /// costs a few instructions a byte on short spans (that line: 1,059).
    /// Grep's lines are mostly the first kind; where spans keep holding the
    /// byte, the test pauses ([`RarestLuck`]). Not for longer spans, which
    /// the meta regex's literal search serves, nor for the batches of an
    /// iteration (the test, inlined into the C library's find-all, left
    /// its body behind a call: 48 instructions more a call), nor reverse
    /// anchored regexes, whose scan from the end of a span stops within a
    /// few bytes.
    Rarest,
}

/// After this many rarest-byte tests in a row that found the byte (and so
/// rejected nothing), a scratch pauses the test ([`RarestLuck`]).
const RAREST_MISSES: u16 = 16;

/// For this many spans: then it tries again.
const RAREST_PAUSE: u16 = 256;

/// How the rarest-byte test ([`Ahead::Rarest`]) has fared on a scratch's
/// recent spans. A test that finds the byte only adds its memchr, so where
/// the spans keep holding it (lines of a log, each with the `-` of its
/// date) the test pauses for a while, and tries again after. Measured per
/// call through the engine crate on 248 bytes of a log that hold the byte
/// (callgrind): is-match of `\d{4}-\d{2}-\d{2}` 936 instructions before
/// the test, 1,023 testing every span; captures 955 and 1,060. The walk's
/// rejection of short spans (regex.rs: `Inner::walk_rejects`) pauses by
/// the same counts ([`RarestLuck::record_share`]).
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct RarestLuck {
    /// Tests in a row that found the byte.
    misses: u16,
    /// Spans left to search without the test.
    paused: u16,
}

impl RarestLuck {
    /// Whether to test this span (else it counts one paused span).
    #[inline(always)]
    pub fn tries(&mut self) -> bool {
        if self.paused == 0 {
            return true;
        }
        self.paused -= 1;
        false
    }

    /// Records a test's outcome and passes it on (`rejected`: the span
    /// lacked the byte).
    #[inline(always)]
    pub fn record(&mut self, rejected: bool) -> bool {
        if rejected {
            self.misses = 0;
        } else {
            self.misses += 1;
            if self.misses == RAREST_MISSES {
                self.misses = 0;
                self.paused = RAREST_PAUSE;
            }
        }
        rejected
    }

    /// As [`RarestLuck::record`], but a rejection takes one miss back
    /// rather than clearing the run: the test pauses once the spans it did
    /// not reject outnumber those it did by [`RAREST_MISSES`] (over half
    /// of them, for a while). For the walk's rejection (regex.rs:
    /// `Inner::walk_rejects`), where each line of grep-captures over
    /// words has a search or two that match before the one that rejects
    /// the rest: cleared by that one, the run never reached its end, and
    /// the walks over matching spans cost `\b(?:(\w{6})|(\w{5}))\b` over
    /// English 6% more instructions than no walk.
    #[inline(always)]
    pub fn record_share(&mut self, rejected: bool) -> bool {
        if rejected {
            self.misses = self.misses.saturating_sub(1);
            return true;
        }
        self.record(false)
    }
}

impl Strategy {
    pub fn new(meta: &meta::Regex, parsed: &Parsed) -> Strategy {
        let hirs = parsed.hirs();
        // The meta regex is accelerated exactly when it has a fast literal
        // search or is reverse anchored (meta/strategy.rs: `is_accelerated`
        // of Pre, Core, ReverseAnchored, ReverseSuffix, ReverseInner). It
        // is reverse anchored when every pattern ends with `$` (\z) and
        // not every one starts with `^` (\A).
        // The properties of all patterns together, as the meta regex's
        // RegexInfo holds them.
        let props = Properties::union(hirs.iter().map(Hir::properties));
        let anchored_start = props.look_set_prefix().contains(Look::Start);
        let anchored_end = props.look_set_suffix().contains(Look::End);
        let shape = match meta.is_accelerated() {
            true if anchored_end && !anchored_start => Shape::ReverseAnchored,
            true => Shape::Literal,
            false if is_literal_set(hirs, meta.get_config().get_match_kind()) => Shape::LiteralSet,
            false => Shape::Scan,
        };
        // Only where the meta regex searches for literals does it use
        // them alone (a prefilter-only strategy is accelerated), so only
        // there is the extraction worth its compile time. It recurses
        // over the pattern: with the stack it needs, and no literal path
        // if that cannot be had.
        let exact = match shape {
            Shape::Literal => parsed.recurse(Exact::of).ok().flatten(),
            _ => None,
        };
        // A regex of exact literals has no use for a required literal: its
        // unanchored searches are the literals' search, and the meta
        // regex's anchored ones end within a few bytes. Building its
        // searcher took 8% of compiling `the` (24.5k -> 22.4k
        // instructions).
        let required = match exact {
            Some(_) => None,
            None => Required::of(hirs),
        };
        Strategy {
            ahead: match shape {
                _ if anchored_start || required.is_none() => Ahead::Nothing,
                Shape::Scan => Ahead::Literal,
                Shape::Literal if required.as_ref().is_some_and(Required::rarest_is_rare) => Ahead::Rarest,
                Shape::Literal | Shape::ReverseAnchored | Shape::LiteralSet => Ahead::Nothing,
            },
            shape,
            anchored_start,
            anchored_end,
            first: FirstBytes::new(),
            min_len: props.minimum_len(),
            max_len: props.maximum_len(),
            reject_below: props.minimum_len().unwrap_or(0),
            whole_slack: match (props.minimum_len(), props.maximum_len()) {
                (Some(min), Some(max)) if anchored_start && anchored_end => max - min,
                (min, _) => usize::MAX - min.unwrap_or(0),
            },
            empty_everywhere: hirs.len() == 1 && props.minimum_len() == Some(0) && props.look_set().is_empty(),
            walk_may_quit: props.look_set().contains_word_unicode(),
            required,
            exact,
        }
    }

    /// The fewest and the most bytes a match spans (see [`crate::Regex::match_len_bounds`]).
    pub fn len_bounds(&self) -> (Option<usize>, Option<usize>) {
        (self.min_len, self.max_len)
    }

    /// The fewest bytes any match spans (0 where no pattern can match).
    #[inline(always)]
    pub fn shortest(&self) -> usize {
        self.reject_below
    }

    /// The meta regex's shape, as classified.
    pub fn shape(&self) -> Shape {
        self.shape
    }

    /// Whether no match fits a span of `len` bytes by its length alone:
    /// shorter than every match, or for a regex anchored at both ends
    /// (whose match is a whole haystack) longer than any. The meta regex's
    /// own first tests (RegexInfo::is_impossible), asked ahead of is-match's
    /// plan, of a short count's walk and of the walk's rejection, and by
    /// the C API before its guard for a whole haystack (`Regex::rules_out`):
    /// one comparison, as below `reject_below` the difference wraps past
    /// any slack. Such spans are common where a caller asks line by line
    /// (empty lines: rebar's grep model over imported/lh3lh3-reb/date ran
    /// 3% fewer instructions so), and a walk would read one up to where the
    /// DFA dies (a count of `^\w{30}$` over 52 bytes, rebar's
    /// opt/fixed-length/too-big-ascii: 4x the regex crate's time). Never
    /// while tests force a route: the route is to see every span.
    #[inline(always)]
    pub fn rules_out(&self, len: usize) -> bool {
        self.len_rules_out(len) && !self.is_forced()
    }

    /// [`Strategy::rules_out`], forced routes or not.
    #[inline(always)]
    fn len_rules_out(&self, len: usize) -> bool {
        len.wrapping_sub(self.reject_below) > self.whole_slack
    }

    /// Whether `haystack[start..end]` certainly holds no match (a search
    /// anchored at `start` when `anchored`): the test the meta regex makes
    /// before any search (its RegexInfo::is_impossible: anchors that the
    /// bounds rule out, a span shorter than any match, or for a regex
    /// anchored at both ends, or at its end and searched anchored, longer
    /// than any), then the literal every match contains. Between the two,
    /// for a regex anchored at its start, the span's first byte
    /// ([`Strategy::first_byte_rules_out`]). Asked on ferrex's own paths
    /// only: the meta regex makes the first test itself, and its literal
    /// strategies search for literals anyway. Always inlined: the first
    /// byte's test grew it past LLVM's bound at is-match's call, and the
    /// call cost grep of `^[ \t\f]*#.*?coding[:=]` over Python 10% more
    /// instructions.
    #[inline(always)]
    pub fn rejects(&self, haystack: &[u8], start: usize, end: usize, anchored: bool) -> bool {
        // A searcher past an empty match at the end asks about start = end + 1.
        if start > end
            || self.anchors_rule_out(haystack.len(), start, end)
            || self.first_byte_rules_out(haystack, start, end)
        {
            return true;
        }
        let span = end - start;
        if self.len_rules_out(span) || (anchored && self.anchored_end && self.max_len.is_some_and(|max| span > max)) {
            return true;
        }
        match &self.required {
            Some(r) => !r.present(&haystack[start..end]),
            None => false,
        }
    }

    /// Whether an unanchored search of `haystack[start..end]` that the
    /// meta regex would answer can be skipped: the span is at most
    /// [`REJECT_SPAN`] bytes and lacks the required literal, where the meta
    /// regex would run its lazy DFA over every byte (`Shape::Scan`,
    /// [`Ahead::Literal`]), or lacks that literal's rarest byte, where the
    /// meta regex would set up its own literal search ([`Ahead::Rarest`],
    /// paused by `luck` where spans keep holding it). Not for an anchored
    /// search, which the DFA usually ends within a few bytes. The price of
    /// the literal's test, where every span holds it near its end:
    /// a count-spans over 58 bytes whose last 26 are the literal (rebar's
    /// imported/rsc/reallyhard0-32) takes 6.5% longer (callgrind: 2,810 ->
    /// 3,018 instructions; 321 -> 331 ns, median of 7 processes each).
    #[inline(always)]
    pub fn rejects_short(
        &self,
        luck: &mut RarestLuck,
        haystack: &[u8],
        start: usize,
        end: usize,
        anchored: bool,
    ) -> bool {
        match self.ahead {
            Ahead::Nothing => false,
            Ahead::Literal => self.rejects_ahead(haystack, (start, end), anchored, REJECT_SPAN),
            Ahead::Rarest => {
                !anchored
                    && end.saturating_sub(start) <= REJECT_SPAN
                    && luck.tries()
                    && luck.record(self.lacks_rarest(haystack, (start, end)))
            }
        }
    }

    /// [`Strategy::rejects_short`] for a count or an iteration's batch, on
    /// spans of any length: the meta regex's DFA reads the whole span
    /// there, so memchr/memmem up to the literal's first occurrence costs
    /// a fraction of it.
    ///
    /// A span shorter than every match first, as the meta regex's own first
    /// test: the literal's search is a call and its set-up (a count of
    /// `[a-z]+ing` over one byte took 2-4x the meta regex's time).
    #[inline(always)]
    pub fn rejects_scan(&self, haystack: &[u8], start: usize, end: usize, anchored: bool) -> bool {
        end.saturating_sub(start) < self.reject_below
            || self.rejects_ahead(haystack, (start, end), anchored, usize::MAX)
    }

    #[inline(always)]
    fn rejects_ahead(&self, haystack: &[u8], span: (usize, usize), anchored: bool, longest: usize) -> bool {
        self.ahead == Ahead::Literal && !anchored && self.lacks_required(haystack, span, longest)
    }

    /// Out of line: inlined, the literal search grew every query's path
    /// and cost regexes without a required literal their inlining (a C
    /// count of `.` over one byte: 1,301 -> 1,358 instructions, a set-up
    /// call no longer inlined).
    #[inline(never)]
    fn lacks_required(&self, haystack: &[u8], span: (usize, usize), longest: usize) -> bool {
        self.required_and_span(haystack, span, longest).is_some_and(|(r, span)| !r.present(span))
    }

    /// Whether a span lacks the required literal's rarest byte
    /// ([`Ahead::Rarest`]). Its caller bounds the span to [`REJECT_SPAN`]
    /// ahead of the pause counter, so that a long span neither takes nor
    /// counts a test; a second bound here cost a line of ruff's noqa
    /// grep-captures 2 instructions.
    #[inline(always)]
    fn lacks_rarest(&self, haystack: &[u8], span: (usize, usize)) -> bool {
        self.required_and_span(haystack, span, usize::MAX).is_some_and(|(r, span)| !r.rarest_in(span))
    }

    /// The required literal and the span to test for it: none where tests
    /// force the meta regex, the regex has no such literal, or the span is
    /// out of bounds or longer than `longest`.
    #[inline(always)]
    fn required_and_span<'h>(
        &self,
        haystack: &'h [u8],
        (start, end): (usize, usize),
        longest: usize,
    ) -> Option<(&Required, &'h [u8])> {
        if forced() == Some(Forced::Meta) {
            return None;
        }
        let span = haystack.get(start..end).filter(|span| span.len() <= longest)?;
        Some((self.required.as_ref()?, span))
    }

    /// Whether every span holds a match, the empty one at its start (see
    /// `empty_everywhere`), so that is-match needs no search. Only where
    /// empty matches may split a codepoint: in UTF-8 mode one that would
    /// is no match, which depends on the bytes (the caller decides).
    #[inline(always)]
    pub fn empty_everywhere(&self) -> bool {
        self.empty_everywhere && forced() != Some(Forced::Meta)
    }

    /// The engine for is-match over a span of `len` bytes, given
    /// [`Strategy::is_match_plan`]'s `own_below` (which the caller keeps,
    /// so that a search asks one load).
    #[inline]
    pub fn is_match(&self, len: usize, own_below: usize) -> Route {
        match forced() {
            Some(Forced::Meta) => Route::Meta,
            Some(Forced::Own) => Route::Own,
            None if len < own_below => Route::Own,
            None => Route::Meta,
        }
    }

    /// How is-match is answered for this regex. `prefix` is the meta
    /// regex's prefix prefilter, asked only where it decides.
    pub fn is_match_plan(&self, prefix: impl FnOnce() -> Prefix) -> IsMatchPlan {
        let (own_below, half) = match self.shape {
            Shape::ReverseAnchored | Shape::LiteralSet => (0, false),
            Shape::Literal => match prefix() {
                Prefix::Fast => (0, false),
                // Reverse suffix or reverse inner: the meta regex's own
                // is_match hands a search that turns quadratic to the NFA
                // engines, its half search to the lazy DFA (`\d{4}-\d{2}-\d{2}`
                // on a 64-byte near miss: 550 ns against 160, make
                // bench-overhead), so it is asked as the regex crate's
                // `Regex::is_match` asks it. Rejecting spans without the
                // literal by ferrex's own path up to the walk's spans was
                // measured and left: 64 bytes without a `-` 12 ns against
                // 19, but a match among them 63 ns against 58.
                _ => (WALK_SPAN_REVERSE + 1, true),
            },
            // Beyond the walk's spans the meta regex: the required literal
            // would still reject a long span without it, but costs a second
            // pass where the literal is there (1.15x on `[a-z]+ing` over
            // 64 KiB of prose, and 2.3x on a start-anchored regex, which
            // the meta regex answers from the first bytes).
            Shape::Scan => match prefix() {
                Prefix::None => (WALK_SPAN + 1, false),
                _ => (0, false),
            },
        };
        IsMatchPlan { own_below, half }
    }

    /// The engine for find, count and iteration (captures and set queries
    /// always go to the meta regex).
    #[inline]
    pub fn search(&self, prefix: impl FnOnce() -> Prefix) -> Route {
        match forced() {
            Some(Forced::Meta) => Route::Meta,
            Some(Forced::Own) => Route::Own,
            None if self.shape == Shape::Scan && prefix() == Prefix::None => Route::Own,
            None => Route::Meta,
        }
    }

    /// Whether no path of ferrex's answers ahead of the meta regex, for
    /// any query: no exact literals, no rejection ahead of it.
    fn nothing_ahead(&self) -> bool {
        self.exact.is_none() && self.ahead == Ahead::Nothing
    }

    /// Whether the rarest byte is tested ahead of the meta regex
    /// ([`Ahead::Rarest`]): captures, single or iterated, then leave their
    /// plain path, which tests nothing ahead of it.
    #[inline(always)]
    pub fn rarest_ahead(&self) -> bool {
        self.ahead == Ahead::Rarest
    }

    /// Whether is-match is the meta regex's alone once the plan sends it
    /// there: nothing ahead of it, no empty match everywhere.
    pub fn is_match_alone(&self) -> bool {
        self.nothing_ahead() && !self.empty_everywhere
    }

    /// Spans shorter than this are searched by the meta regex alone for
    /// find, count, iteration and captures (leftmost-first, not earliest,
    /// one of few patterns): nothing ahead of it (but [`Ahead::Rarest`],
    /// which is-match, find, count and captures test), and the full
    /// DFA only for `Scan` and from [`DENSE_SPAN`] bytes.
    pub fn meta_below(&self) -> usize {
        let nothing_ahead = self.exact.is_none() && self.ahead != Ahead::Literal;
        match (nothing_ahead, self.shape) {
            (false, _) => 0,
            (true, Shape::Scan) => DENSE_SPAN,
            (true, _) => usize::MAX,
        }
    }

    /// Whether counts may be walked and find and captures rejected by the
    /// walk ([`Strategy::walk_below`], which also asks the prefix
    /// prefilter): the meta regex scans and nothing is tested ahead of it.
    pub fn may_walk(&self) -> bool {
        self.meta_below() == DENSE_SPAN
    }

    /// Spans shorter than this are counted by the short-span walk, one
    /// walk a match (leftmost-first, not earliest, one of few patterns):
    /// where is-match walks a scanning regex, one without a prefix
    /// prefilter ([`Strategy::is_match_plan`]), and nothing is tested
    /// ahead of the meta regex, the spans [`Strategy::meta_below`] gives it
    /// (longer ones take the route to the full DFA). regex-automata's half
    /// search prepares for long haystacks (the strategy's dispatch, an
    /// `Input`, prefilter checks, an unrolled loop); on a few bytes the
    /// walk costs less: counts over 4-63 byte spans of English and Russian,
    /// 0.6-0.95x the meta regex's time (`\s`, `\w+`, `\p{L}`, `\b\w+\b`,
    /// `[A-Z][a-z]+`, in one process). A prefilter of any speed stays the
    /// meta regex's: a byte set still skips where its bytes are rare
    /// (`[0-9]{2,4}` over English, walked: 1.3-2.6x the meta regex's time
    /// on 16-64 byte spans).
    pub fn walk_below(&self, prefix: impl FnOnce() -> Prefix) -> usize {
        match self.may_walk() && prefix() == Prefix::None {
            true => DENSE_SPAN,
            false => 0,
        }
    }

    /// Whether is-match may be answered ahead of its plan: by exact
    /// literals or an empty match everywhere (whatever tests force).
    pub fn may_answer_is_match(&self) -> bool {
        self.exact.is_some() || self.empty_everywhere
    }

    /// Whether the walk of a span starting at `start` would give up at
    /// its first byte: a Unicode word boundary's lazy DFA quits on every
    /// non-ASCII byte (regex-automata cannot decide the boundary there),
    /// and the meta regex's answer follows. The byte before `start` is not
    /// looked at: a start state that needs it, and finds it non-ASCII,
    /// gives up as fast.
    #[inline(always)]
    pub fn walk_quits_at(&self, haystack: &[u8], start: usize) -> bool {
        self.walk_may_quit && haystack.get(start).is_some_and(|&byte| !byte.is_ascii())
    }

    /// The literals whose occurrences answer a search that is not
    /// `anchored` (exact.rs); `None` leaves it to the other paths.
    #[inline(always)]
    pub fn exact(&self, anchored: bool) -> Option<&Exact> {
        match forced() {
            Some(Forced::Meta) => None,
            _ if anchored => None,
            _ => self.exact.as_ref(),
        }
    }

    /// Whether tests force a route (never without the `testing` feature).
    #[inline]
    pub fn is_forced(&self) -> bool {
        forced().is_some()
    }

    /// Whether ferrex's own paths build what they use at once, without
    /// waiting to be worth it (tests forcing them, so that they run).
    #[inline]
    pub fn eager(&self) -> bool {
        forced() == Some(Forced::Own)
    }

    /// Whether every pattern is anchored at the start: the meta regex then
    /// uses no prefilter.
    pub fn anchored_start(&self) -> bool {
        self.anchored_start
    }

    /// Whether every pattern is anchored at the end: every match ends at
    /// the haystack's end.
    pub fn anchored_end(&self) -> bool {
        self.anchored_end
    }

    /// Whether the anchors rule out a span of a haystack `len` bytes long:
    /// it starts after the haystack's start and every match starts there,
    /// or ends before its end and every match ends there.
    #[inline(always)]
    pub fn anchors_rule_out(&self, len: usize, start: usize, end: usize) -> bool {
        (start > 0 && self.anchored_start) || (end < len && self.anchored_end)
    }

    /// Whether a regex anchored at its start has no match in a span at the
    /// start of its haystack, by the span's first byte (first.rs): one
    /// load, ahead of the required literal's search and of a walk's
    /// set-up. A span elsewhere is the anchors' to rule out.
    #[inline(always)]
    pub fn first_byte_rules_out(&self, haystack: &[u8], start: usize, end: usize) -> bool {
        let out = self.anchored_start
            && start == 0
            && start < end
            && haystack.first().is_some_and(|&byte| self.first.rules_out(byte));
        #[cfg(feature = "testing")]
        if out {
            crate::testing::count_first_byte_rejection();
        }
        out
    }

    /// Learns the bytes a match may begin with from the patterns' lazy
    /// DFA, for a regex anchored at its start (nothing to learn for others).
    pub fn learn_first_bytes(&self, dfa: &regex_automata::hybrid::dfa::DFA) {
        if self.anchored_start {
            self.first.learn(dfa);
        }
    }
}

/// A route that tests force on every query (feature `testing`), so that a
/// test suite can run through each engine path, whatever the regex.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(not(feature = "testing"), allow(dead_code))]
pub enum Forced {
    /// The meta regex answers everything; no rejection ahead of it.
    Meta,
    /// ferrex's own paths answer wherever they can (the walk on spans of
    /// any length where the lazy DFA suits it, else the full DFA where
    /// there is one), the required-literal rejection always ahead of them.
    Own,
}

#[cfg(feature = "testing")]
#[inline]
fn forced() -> Option<Forced> {
    crate::testing::forced()
}

#[cfg(not(feature = "testing"))]
#[inline(always)]
fn forced() -> Option<Forced> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The test runs until RAREST_MISSES spans in a row hold the byte, then
    /// pauses for RAREST_PAUSE spans; a span that lacks it resets the run.
    #[test]
    fn the_rarest_byte_test_pauses_after_a_run_of_misses_and_tries_again() {
        let mut luck = RarestLuck::default();
        for _ in 0..RAREST_MISSES - 1 {
            assert!(luck.tries());
            assert!(!luck.record(false));
        }
        assert!(luck.tries() && luck.record(true), "a rejection is passed on and resets the run");
        for _ in 0..RAREST_MISSES {
            assert!(luck.tries());
            luck.record(false);
        }
        for _ in 0..RAREST_PAUSE {
            assert!(!luck.tries(), "paused");
        }
        assert!(luck.tries(), "tried again after the pause");
    }

    /// The walk's share: a rejection takes one miss back, so spans that
    /// alternate never pause it, and two matching spans a rejected one
    /// pause it once the run of misses reaches RAREST_MISSES.
    #[test]
    fn the_walks_share_pauses_once_matching_spans_outnumber_rejected_ones() {
        let mut luck = RarestLuck::default();
        for _ in 0..1000 {
            assert!(luck.tries());
            assert!(!luck.record_share(false));
            assert!(luck.tries());
            assert!(luck.record_share(true));
        }
        let mut rounds = 0;
        while luck.tries() {
            luck.record_share(false);
            luck.record_share(false);
            luck.record_share(true);
            rounds += 1;
            assert!(rounds <= usize::from(RAREST_MISSES), "no pause after {rounds} rounds");
        }
        for _ in 1..RAREST_PAUSE {
            assert!(!luck.tries());
        }
        assert!(luck.tries());
    }
}
