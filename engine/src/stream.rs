//! Streams: searching text that arrives in chunks, with bounded memory.
//!
//! A [`Stream`] is made from a [`Regex`] or a [`PhraseSet`] and fed the
//! text one chunk at a time; it reports, with absolute offsets (bytes since
//! the stream started or was last reset), exactly the matches the one-shot
//! iteration over the concatenation of all the chunks would report: the
//! same leftmost-first non-overlapping matches with the same empty-match
//! rule, the same phrase matches under every match kind, overlapping ones
//! included. Look-around (`\b`, `$`, `(?m)^`) sees across chunk boundaries.
//!
//! # The calls
//!
//! - [`Stream::feed`] appends a chunk and settles the matches it can;
//!   [`Stream::finish`] says the text is over and settles the rest. No
//!   reference to a chunk outlives the call: the stream copies what it
//!   keeps. A long chunk is searched where it lies, after its first bytes
//!   were searched with the kept ones (the seam), so only its tail is
//!   copied.
//! - [`Iterator::next`] (or [`Stream::next_batch`]) hands the settled matches
//!   over, in order. A match is settled once no later byte can change it,
//!   which may be several chunks after its end (a leftmost-first match
//!   ends only where its longer alternatives die).
//! - [`Stream::reset`] forgets everything (bytes, offsets, matches not yet
//!   taken) and starts a new text at offset 0; the compiled regex, the
//!   caches and the allocations are kept.
//!
//! # What is kept
//!
//! [`Stream::retained`] says how many bytes the stream holds between calls.
//! - A regex whose matches are at most `L` bytes long (regex-syntax's
//!   maximum length: `[0-9]{4}-[0-9]{2}` is 7, `\w{3}` 12 with Unicode), and
//!   every phrase set (`L`: the longest text a phrase matches, up to three
//!   times the phrase under Unicode case folding), keeps at most `L + A + 3`
//!   bytes after a call: the last `L + A - 1` bytes, where a match may have
//!   started that the next bytes can still change, and four bytes of
//!   look-behind context (one UTF-8 character, what a Unicode `\b` reads).
//!   `A` is what the patterns' look-ahead reads past a match: 0 without
//!   look-ahead and for phrases (`\A`, `^`, `(?m)^` look back only), 4 with
//!   a Unicode `\b`, else 1. So `L + 3` bytes, `L + 4`, at most `L + 7`.
//!   More is kept only while a match found there is not yet settled, and
//!   a match is settled once `L + A` bytes lie after its start.
//! - A regex with unbounded matches (`a+`, `".*"`) keeps the bytes from
//!   where the earliest match that may still be in progress began (the
//!   reverse lazy DFA of the matches' prefixes, run back from the newest
//!   bytes until it dies, finds it), or where a match found but not yet
//!   settled begins, plus four bytes of context and the last `A` bytes:
//!   `A + 4` bytes (4 to 8) when no match is in progress. A match is
//!   settled once no match still in progress before the last `A` bytes
//!   starts at or before it (the one starting there: once the anchored
//!   lazy DFA from its start dies, one byte after its end at the
//!   earliest: `[0-9]+` in `id 12` once the byte after the `2` is fed).
//!   Past 64 bytes of a match in progress the prefix DFA is asked again
//!   only once that distance has doubled, so up to twice the match in
//!   progress may be kept. A Unicode word boundary makes the lazy DFA give up on non-ASCII
//!   bytes: a match whose walk meets one is settled only by
//!   [`Stream::finish`], and its bytes are kept till then.
//! - Overlapping phrase matches keep the last `L` bytes.
//! - [`StreamReport::Ends`] (every match end) and
//!   [`StreamReport::Patterns`] (which patterns matched) keep nothing: one
//!   lazy DFA state crosses the chunk boundaries.
//!
//! Where a match may be in progress is judged without look-around (every
//! assertion taken as true, prefixes.rs), which only ever keeps more:
//! `\Aa+b` fed `x` and then a run of `a` keeps the run.
//!
//! Bytes held past [`StreamOptions::retain_limit`] (1 MiB by default) make
//! the call fail with [`ErrorKind::RetainLimit`]: the matches settled
//! before are still handed over, the match in progress is abandoned (the
//! text it spans is forgotten), and the stream goes on from the end of the
//! chunk, usable as before.
//!
//! # What differs from the one-shot iteration
//!
//! Nothing, except where ferrex's one-shot answer depends on bytes no
//! stream can have seen yet: in UTF-8 mode, a pattern that can match the
//! empty string over text that is not valid UTF-8 is searched in byte mode
//! by the one-shot search when invalid UTF-8 appears anywhere after the
//! search start (regex.rs: the byte-mode twin); a stream decides that from
//! the bytes it holds. Regexes built with [`MatchKind::All`] iterate by a
//! rule that needs the whole text and cannot stream
//! ([`ErrorKind::Unsupported`]).
//!
//! ```
//! use ferrex::{Regex, Stream, StreamOptions};
//! let re = Regex::new(r"\b[a-z]+@[a-z]+\.com\b").unwrap();
//! let mut stream = Stream::for_regex(&re, &StreamOptions::new()).unwrap();
//! let mut found = vec![];
//! for chunk in [&b"mail al"[..], b"ice@exam", b"ple.com or bob@x.co", b"m"] {
//!     stream.feed(chunk).unwrap();
//!     found.extend(stream.by_ref().map(|m| (m.start, m.end)));
//! }
//! stream.finish().unwrap();
//! found.extend(stream.by_ref().map(|m| (m.start, m.end)));
//! assert_eq!(found, [(5, 22), (26, 35)]);
//! assert!(stream.retained() <= 32);
//! ```

mod ends;
mod oracle;
mod overlapping;
mod prefixes;
mod retained;
mod sequential;

use std::collections::VecDeque;

use crate::cache::Cache;
use crate::error::{Error, ErrorKind};
use crate::iter::FindState;
use crate::options::MatchKind;
use crate::phrases::{PhraseIter, PhraseSet};
use crate::regex::{Match, Regex};
use crate::search::Search;

use self::ends::Ends;
use self::oracle::Oracle;
use self::overlapping::Overlapping;
use self::retained::{Retained, Text};
use self::sequential::{Bound, Sequential};

/// How to build a [`Stream`]. Set with the builder methods, read with the
/// `get_` methods.
///
/// ```
/// use ferrex::StreamOptions;
/// let opts = StreamOptions::new().retain_limit(64 << 10).overlapping(true);
/// assert_eq!(opts.get_retain_limit(), 65536);
/// assert!(opts.get_overlapping());
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StreamOptions {
    retain_limit: usize,
    overlapping: bool,
    report: StreamReport,
}

impl Default for StreamOptions {
    fn default() -> StreamOptions {
        StreamOptions { retain_limit: 1 << 20, overlapping: false, report: StreamReport::Matches }
    }
}

/// What a regex's stream reports.
///
/// ```
/// use ferrex::{Flags, Options, Regex, Stream, StreamOptions, StreamReport};
/// let re = Regex::with_options(&["ab+", "b"], Flags::empty(), &Options::new()).unwrap();
/// let ends = |report| {
///     let mut stream = Stream::for_regex(&re, &StreamOptions::new().report(report)).unwrap();
///     stream.feed(b"xab").unwrap();
///     stream.feed(b"bb").unwrap();
///     stream.finish().unwrap();
///     assert_eq!(stream.retained(), 0);
///     stream.map(|m| (m.end, m.pattern)).collect::<Vec<_>>()
/// };
/// assert_eq!(ends(StreamReport::Ends), [(3, 0), (3, 1), (4, 0), (4, 1), (5, 0), (5, 1)]);
/// assert_eq!(ends(StreamReport::Patterns), [(3, 0), (3, 1)]);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum StreamReport {
    /// The one-shot iteration's matches (the default).
    #[default]
    Matches,
    /// Every offset where a match of a pattern ends, for every pattern,
    /// in order of end, then pattern: Hyperscan's model. Keeps no byte;
    /// `start` is `usize::MAX` (unknown). Patterns that can match the
    /// empty string, and Unicode word boundaries, are refused
    /// ([`ErrorKind::Unsupported`]).
    Ends,
    /// Which patterns matched: each pattern once, at the end of its first
    /// match (the earliest end), as [`StreamReport::Ends`] would report it
    /// first. Keeps no byte; once every pattern has matched, the stream
    /// stops reading.
    Patterns,
}

impl StreamOptions {
    /// The defaults: a retain limit of 1 MiB, non-overlapping matches.
    pub fn new() -> StreamOptions {
        StreamOptions::default()
    }

    /// Sets the most bytes a stream may keep between calls (see
    /// [`ErrorKind::RetainLimit`]). A stream refuses a limit below what it
    /// keeps with no match in progress (the module docs: `L + A + 3`,
    /// `A + 4` with `A` from 0 to 4, or `L` for overlapping phrases) with
    /// [`ErrorKind::InvalidArgument`].
    pub fn retain_limit(mut self, bytes: usize) -> StreamOptions {
        self.retain_limit = bytes;
        self
    }

    /// Sets whether a phrase set's stream reports overlapping matches
    /// (standard match kind only, as [`PhraseIter`]).
    pub fn overlapping(mut self, yes: bool) -> StreamOptions {
        self.overlapping = yes;
        self
    }

    /// Sets what a regex's stream reports (phrase sets: matches only).
    pub fn report(mut self, report: StreamReport) -> StreamOptions {
        self.report = report;
        self
    }

    /// What the stream reports ([`StreamOptions::report`]).
    pub fn get_report(&self) -> StreamReport {
        self.report
    }

    /// The retain limit ([`StreamOptions::retain_limit`]).
    pub fn get_retain_limit(&self) -> usize {
        self.retain_limit
    }

    /// Whether matches overlap ([`StreamOptions::overlapping`]).
    pub fn get_overlapping(&self) -> bool {
        self.overlapping
    }
}

/// What a stream searches with.
pub(crate) enum Searcher {
    Regex(Regex, Box<Cache>),
    Phrases(PhraseSet),
}

impl Searcher {
    /// Runs the one-shot iteration over the bytes `[from, end)` of `kept`
    /// (absolute; `end` is the end of the text when `finished`), handing
    /// the matches to `f` in batches, as the one-shot iteration's fastest
    /// loop produces them, with absolute offsets; `f` returns how many of
    /// a batch it took, and fewer than all ends the iteration.
    fn each_batch(
        &mut self,
        kept: Text<'_>,
        from: usize,
        end: usize,
        finished: bool,
        mut f: impl FnMut(&[Match]) -> Result<usize, Error>,
    ) -> Result<(), Error> {
        let (base, hay) = (kept.base(), kept.bytes());
        let mut batch = [Match::default(); 128];
        let mut take = |batch: &mut [Match]| -> Result<bool, Error> {
            for m in batch.iter_mut() {
                m.start += base;
                m.end += base;
            }
            Ok(f(batch)? == batch.len())
        };
        match self {
            Searcher::Regex(re, cache) => {
                // A chunk may end inside a character, which the one-shot
                // search would take for invalid UTF-8 (and search a regex
                // that can match empty in byte mode): in UTF-8 mode no
                // match ends inside a character, so the search stops
                // before it until the character is complete.
                let end = if re.is_utf8() && !finished { end - incomplete_tail(hay) } else { end };
                if end < from {
                    return Ok(());
                }
                #[cfg(feature = "testing")]
                crate::testing::count_stream_search(end - from);
                let mut it = FindState::new(re, hay.len(), &Search::bounds(from - base, end - base))?;
                loop {
                    let n = it.next_batch(re, cache, hay, &mut batch)?;
                    if !take(&mut batch[..n])? || n < batch.len() {
                        return Ok(());
                    }
                }
            }
            Searcher::Phrases(set) => {
                let mut it = PhraseIter::new(set, hay.len(), &Search::bounds(from - base, end - base), false)?;
                loop {
                    let n = it.next_batch(set, hay, &mut batch)?;
                    if !take(&mut batch[..n])? || n < batch.len() {
                        return Ok(());
                    }
                }
            }
        }
    }
}

/// How many bytes at the end of `bytes` begin a character they do not
/// complete (0 to 3).
fn incomplete_tail(bytes: &[u8]) -> usize {
    for back in 1..=bytes.len().min(4) {
        let b = bytes[bytes.len() - back];
        if b & 0xC0 != 0x80 {
            let need = match b {
                0xC0..=0xDF => 2,
                0xE0..=0xEF => 3,
                0xF0..=0xF7 => 4,
                _ => 1,
            };
            return if need > back { back } else { 0 };
        }
    }
    0
}

enum Mode {
    Sequential(Sequential),
    Overlapping(Overlapping),
    Ends(Box<Ends>),
}

/// A search over text that arrives in chunks (see the [module
/// docs](crate::stream) for the calls, the semantics and what is kept). One stream
/// serves one text at a time, on one thread at a time.
pub struct Stream {
    searcher: Searcher,
    mode: Mode,
    kept: Retained,
    ready: VecDeque<Match>,
    retain_limit: usize,
    finished: bool,
}

impl std::fmt::Debug for Stream {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Stream")
            .field("offset", &self.offset())
            .field("retained", &self.retained())
            .field("ready", &self.ready.len())
            .field("finished", &self.finished)
            .finish()
    }
}

/// The settled matches, in the order the one-shot iteration reports them:
/// `None` when none waits, which feeding more text may change.
impl Iterator for Stream {
    type Item = Match;

    fn next(&mut self) -> Option<Match> {
        self.ready.pop_front()
    }
}

impl Stream {
    /// A stream of a leftmost-first regex's non-overlapping matches. Fails
    /// with [`ErrorKind::Unsupported`] for a regex built with
    /// [`MatchKind::All`] or asked for overlapping matches, and with
    /// [`ErrorKind::SizeLimit`] when the lazy DFAs of an unbounded regex
    /// cannot be built within the regex's limits.
    pub fn for_regex(re: &Regex, opts: &StreamOptions) -> Result<Stream, Error> {
        if re.match_kind() != MatchKind::LeftmostFirst {
            return Err(Error::new(ErrorKind::Unsupported, "a stream needs a leftmost-first regex"));
        }
        if opts.overlapping {
            return Err(Error::new(ErrorKind::Unsupported, "overlapping streams are for phrase sets"));
        }
        let searcher = Searcher::Regex(re.clone(), Box::new(re.create_cache()));
        if opts.report != StreamReport::Matches {
            let (parsed, utf8, options) = re.stream_parts();
            let ends = Ends::new(parsed, utf8, options, opts.report == StreamReport::Patterns)?;
            return Stream::with(searcher, Mode::Ends(Box::new(ends)), opts);
        }
        let (parsed, utf8, options) = re.stream_parts();
        let bound = match re.max_match_len() {
            Some(len) => Bound::Window(len),
            None => Bound::Oracle(Box::new(Oracle::new(parsed, utf8, options)?)),
        };
        let ahead = sequential::look_ahead(parsed.hirs());
        Stream::with(searcher, Mode::Sequential(Sequential::new(bound, ahead)), opts)
    }

    /// A stream of a phrase set's matches, by its match kind, overlapping
    /// when asked (standard kind only, else [`ErrorKind::Unsupported`]).
    /// A set built for anchored searches only is refused here
    /// ([`ErrorKind::Unsupported`]): a stream searches unanchored, and
    /// every feed would fail.
    pub fn for_phrases(set: &PhraseSet, opts: &StreamOptions) -> Result<Stream, Error> {
        if opts.report != StreamReport::Matches {
            return Err(Error::new(ErrorKind::Unsupported, "a phrase set's stream reports matches only"));
        }
        set.anchored(&Search::default())?;
        let max_len = set.match_max_len();
        let mode = if opts.overlapping {
            // Checks that this set can iterate overlapping matches.
            PhraseIter::new(set, 0, &Search::default(), true)?;
            Mode::Overlapping(Overlapping::new(set.clone(), max_len))
        } else {
            Mode::Sequential(Sequential::new(Bound::Window(max_len), 0)) // phrases have no look-around
        };
        Stream::with(Searcher::Phrases(set.clone()), mode, opts)
    }

    /// Refuses a retain limit below what the stream keeps with no match in
    /// progress: every feed would fail and abandon matches that never
    /// came near the limit.
    fn with(searcher: Searcher, mode: Mode, opts: &StreamOptions) -> Result<Stream, Error> {
        let floor = match &mode {
            Mode::Sequential(s) => s.floor(),
            Mode::Overlapping(o) => o.floor(),
            Mode::Ends(_) => 0,
        };
        if opts.retain_limit < floor {
            return Err(Error::new(
                ErrorKind::InvalidArgument,
                format!(
                    "a retain limit of {} bytes is below the {floor} bytes this stream keeps with no match in \
                     progress (its longest match and the look-around context)",
                    opts.retain_limit
                ),
            ));
        }
        Ok(Stream {
            searcher,
            mode,
            kept: Retained::default(),
            ready: VecDeque::new(),
            retain_limit: opts.retain_limit,
            finished: false,
        })
    }

    /// Appends a chunk and settles the matches it can (take them with
    /// [`Iterator::next`]). Fails with [`ErrorKind::InvalidArgument`] after
    /// [`Stream::finish`] (until [`Stream::reset`]), and with
    /// [`ErrorKind::RetainLimit`] when a match in progress would keep more
    /// than the retain limit (the module docs say what happens then).
    pub fn feed(&mut self, chunk: &[u8]) -> Result<(), Error> {
        if self.finished {
            return Err(Error::new(ErrorKind::InvalidArgument, "the stream is finished: reset it to start a new text"));
        }
        let seam = match &mut self.mode {
            Mode::Ends(ends) => return ends.feed(chunk, &mut self.ready),
            Mode::Sequential(s) => s.seam_len(),
            Mode::Overlapping(_) => usize::MAX,
        };
        if chunk.len() <= seam {
            self.kept.push(chunk);
            return self.resolve(false);
        }
        // Most of a long chunk is searched where it lies: first the kept
        // bytes with the chunk's first bytes (the seam), where matches that
        // began before the chunk settle; then, when nothing before the
        // chunk is needed any more, the chunk itself, of which only the
        // tail the iteration still needs is copied.
        let start = self.kept.end();
        self.kept.push(&chunk[..seam]);
        let settled = self.settle(false);
        let Mode::Sequential(s) = &mut self.mode else { unreachable_mode() };
        if settled.is_err() || s.needed_from() < start {
            self.kept.push(&chunk[seam..]);
            settled?;
            return self.resolve(false);
        }
        let in_place = Text::new(chunk, start);
        let result = s.resolve(&mut self.searcher, in_place, false, &mut self.ready);
        if result.is_err() {
            // A failed search leaves nothing settled to rely on.
            s.abandon(in_place.end());
        }
        let needed = s.needed_from().max(start);
        self.kept.replace(needed, &chunk[needed - start..]);
        result?;
        self.check_limit(false)
    }

    /// Ends the text and settles every remaining match. Finishing again is
    /// a no-op.
    pub fn finish(&mut self) -> Result<(), Error> {
        if self.finished {
            return Ok(());
        }
        self.finished = true;
        self.resolve(true)?;
        self.kept.forget_before(self.kept.end());
        Ok(())
    }

    /// Moves up to `out.len()` settled matches into `out` and returns how
    /// many.
    pub fn next_batch<T: From<Match>>(&mut self, out: &mut [T]) -> usize {
        let n = out.len().min(self.ready.len());
        for (slot, m) in out.iter_mut().zip(self.ready.drain(..n)) {
            *slot = T::from(m);
        }
        n
    }

    /// How many settled matches wait to be taken.
    pub fn ready(&self) -> usize {
        self.ready.len()
    }

    /// Starts a new text at offset 0: bytes, matches not yet taken and the
    /// finished state are forgotten; the compiled searcher, its caches and
    /// the allocations are kept.
    pub fn reset(&mut self) {
        self.kept.reset();
        self.ready.clear();
        self.finished = false;
        match &mut self.mode {
            Mode::Sequential(s) => s.reset(),
            Mode::Overlapping(o) => o.reset(),
            Mode::Ends(e) => e.reset(),
        }
    }

    /// How many bytes the stream holds between calls.
    pub fn retained(&self) -> usize {
        self.kept.len()
    }

    /// How many bytes have been fed since the start or the last reset.
    pub fn offset(&self) -> usize {
        match &self.mode {
            Mode::Ends(e) => e.offset(),
            _ => self.kept.end(),
        }
    }

    /// Whether [`Stream::finish`] was called (since the last reset).
    pub fn is_finished(&self) -> bool {
        self.finished
    }

    /// Settles what the kept bytes allow, then holds the retain limit.
    fn resolve(&mut self, finishing: bool) -> Result<(), Error> {
        self.settle(finishing)?;
        self.check_limit(finishing)
    }

    /// Settles what the kept bytes allow and forgets the bytes no longer
    /// needed.
    fn settle(&mut self, finishing: bool) -> Result<(), Error> {
        let end = self.kept.end();
        let needed = match &mut self.mode {
            Mode::Sequential(s) => {
                let result = s.resolve(&mut self.searcher, self.kept.text(), finishing, &mut self.ready);
                if let Err(e) = result {
                    // A failed search leaves nothing settled to rely on.
                    s.abandon(end);
                    self.kept.forget_before(s.needed_from());
                    return Err(e);
                }
                s.needed_from()
            }
            Mode::Overlapping(o) => {
                o.resolve(self.kept.text(), &mut self.ready)?;
                o.needed_from(end)
            }
            Mode::Ends(e) => {
                if finishing {
                    e.finish(&mut self.ready)?;
                }
                return Ok(());
            }
        };
        self.kept.forget_before(needed);
        Ok(())
    }

    /// Past the retain limit, abandons the match in progress.
    fn check_limit(&mut self, finishing: bool) -> Result<(), Error> {
        if finishing || self.kept.len() <= self.retain_limit {
            return Ok(());
        }
        let (held, end) = (self.kept.len(), self.kept.end());
        if let Mode::Sequential(s) = &mut self.mode {
            s.abandon(end);
            self.kept.forget_before(s.needed_from());
        } else {
            self.kept.forget_before(end);
        }
        Err(Error::new(
            ErrorKind::RetainLimit,
            format!(
                "a match in progress would keep {held} bytes, over the stream's retain limit of {} bytes; \
                 it was abandoned and the stream goes on from offset {end}",
                self.retain_limit
            ),
        ))
    }
}

/// Where only one mode can be, by the branch taken just before.
#[cold]
fn unreachable_mode() -> ! {
    unreachable!("the stream's mode changed within a call")
}
