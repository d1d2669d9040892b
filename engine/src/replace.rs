//! Regex replacement: templates ($1, ${name}, $$), limits and callbacks.
//!
//! Every replacement runs through one loop (`Regex::rewrite`) driven by
//! [`FindState`], so replacing follows exactly the iteration rules (empty
//! matches, anchoring, bounds) of finding.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use regex_automata::util::captures as ra;

use crate::cache::Cache;
use crate::captures::Captures;
use crate::error::{Error, ErrorKind};
use crate::iter::FindState;
use crate::regex::{Owner, Regex};
use crate::search::Search;

/// What a replacement callback wants after it has appended its replacement.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Flow {
    /// Go on to the next match.
    Continue,
    /// Stop after this match: the rest of the haystack is copied unchanged.
    Stop,
}

/// A replacement template, parsed once for one [`Regex`] and reused for any
/// number of replacements with it.
///
/// - `$$` is a literal `$`;
/// - `$N` and `${N}` insert group `N` (`$0` is the whole match);
/// - `$name` and `${name}` insert the group called `name`. A bare name is
///   the longest run of `[_0-9A-Za-z]` after the `$` (as in the regex
///   crate), so `$1a` refers to a group named `1a`: write `${1}a` instead;
/// - a `$` followed by anything else is a literal `$`.
///
/// A group reference resolves per matched pattern: one that the matched
/// pattern lacks (but another pattern has), or that did not take part in
/// the match, inserts nothing. Malformed braces (`${` without `}`, `${}`)
/// are [`ErrorKind::InvalidArgument`] errors, and a reference to a group
/// that no pattern of the regex has is an [`ErrorKind::Index`] error.
///
/// ```
/// use ferrex::{Regex, Search, Template};
/// let re = Regex::new(r"(?<y>\d{4})-(\d{2})").unwrap();
/// let t = Template::new(&re, b"$2/${y} ($$)").unwrap();
/// let out = re.replace(None, b"on 2024-05 and 2025-01", &Search::default(), &t, 0).unwrap();
/// assert_eq!(out, b"on 05/2024 ($) and 01/2025 ($)");
///
/// let err = Template::new(&re, b"$month").unwrap_err();
/// assert_eq!(err.kind(), ferrex::ErrorKind::Index);
/// ```
#[derive(Clone, Debug)]
pub struct Template {
    owner: Owner,
    /// The literal bytes of the template, `$$` already collapsed.
    literal: Vec<u8>,
    pieces: Vec<Piece>,
    /// Whether some piece needs a group other than 0 (else a plain find,
    /// without capture groups, is enough).
    needs_groups: bool,
}

#[derive(Clone, Debug)]
enum Piece {
    /// A range of `Template::literal`.
    Literal(Range<usize>),
    /// A group reference, resolved per pattern: entry `p` is the group's
    /// index in pattern `p`, or `None` when pattern `p` has no such group.
    /// Shared by every reference to the same group: a table is as long as
    /// the pattern count (40 KB of `$0` over 1,000 patterns took 101 MB).
    Group(Arc<[Option<usize>]>),
}

/// A group reference as written in a template.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Ref<'t> {
    Index(usize),
    Name(&'t [u8]),
}

impl Template {
    /// Parses `template` for replacements with `re` (and only `re`: using
    /// it with another regex is an [`ErrorKind::WrongRegex`] error). The
    /// template is bytes and need not be UTF-8; see [`Template`] for the
    /// syntax and the errors.
    ///
    /// ```
    /// use ferrex::{ErrorKind, Regex, Template};
    /// let re = Regex::new(r"(\w+)").unwrap();
    /// assert!(Template::new(&re, b"<$1> costs $$5 or $").is_ok());
    /// assert_eq!(Template::new(&re, b"${1").unwrap_err().kind(), ErrorKind::InvalidArgument);
    /// assert_eq!(Template::new(&re, b"${}").unwrap_err().kind(), ErrorKind::InvalidArgument);
    /// assert_eq!(Template::new(&re, b"$2").unwrap_err().kind(), ErrorKind::Index);
    /// ```
    pub fn new(re: &Regex, template: &[u8]) -> Result<Template, Error> {
        let mut out = Template {
            // The regex's identity (what `check_owner` compares).
            owner: re.identity(),
            literal: Vec::with_capacity(template.len()),
            pieces: Vec::new(),
            needs_groups: false,
        };
        let mut tables = HashMap::new();
        let mut rest = template;
        while let Some(dollar) = memchr::memchr(b'$', rest) {
            out.push_literal(&rest[..dollar]);
            let offset = template.len() - rest.len() + dollar;
            rest = &rest[dollar + 1..];
            match parse_ref(rest, offset)? {
                Some((reference, len)) => {
                    out.push_group(re, reference, &template[offset..offset + 1 + len], &mut tables)?;
                    rest = &rest[len..];
                }
                None => {
                    out.push_literal(b"$");
                    // `$$` is one literal `$`; any other `$` stands for itself.
                    if rest.first() == Some(&b'$') {
                        rest = &rest[1..];
                    }
                }
            }
        }
        out.push_literal(rest);
        Ok(out)
    }

    fn push_literal(&mut self, bytes: &[u8]) {
        if bytes.is_empty() {
            return;
        }
        let start = self.literal.len();
        self.literal.extend_from_slice(bytes);
        // Adjacent literals (e.g. around a `$$`) become one piece.
        if let Some(Piece::Literal(range)) = self.pieces.last_mut() {
            if range.end == start {
                range.end = self.literal.len();
                return;
            }
        }
        self.pieces.push(Piece::Literal(start..self.literal.len()));
    }

    fn push_group<'t>(
        &mut self,
        re: &Regex,
        reference: Ref<'t>,
        written: &[u8],
        tables: &mut HashMap<Ref<'t>, Arc<[Option<usize>]>>,
    ) -> Result<(), Error> {
        if let Some(table) = tables.get(&reference) {
            self.pieces.push(Piece::Group(Arc::clone(table)));
            return Ok(());
        }
        let mut table = Vec::with_capacity(re.pattern_count());
        for pattern in 0..re.pattern_count() {
            table.push(match reference {
                Ref::Index(index) => Some(index).filter(|&i| i < re.group_count(pattern).unwrap_or(0)),
                Ref::Name(name) => match std::str::from_utf8(name) {
                    Ok(name) => re.group_index(pattern, name)?,
                    // Group names are UTF-8, so no group has this name.
                    Err(_) => None,
                },
            });
        }
        if table.iter().all(Option::is_none) {
            let written = String::from_utf8_lossy(written);
            let what = match reference {
                Ref::Index(index) => format!("group index {index}"),
                Ref::Name(_) => "a group of that name".to_owned(),
            };
            return Err(Error::new(
                ErrorKind::Index,
                format!("the template refers to {written:?}, but no pattern of the regex has {what}"),
            ));
        }
        self.needs_groups |= table.iter().any(|g| g.is_some_and(|g| g != 0));
        let table: Arc<[Option<usize>]> = table.into();
        tables.insert(reference, Arc::clone(&table));
        self.pieces.push(Piece::Group(table));
        Ok(())
    }

    /// Appends the expansion for the match recorded in `caps` to `out`.
    fn expand(&self, haystack: &[u8], caps: &Captures, out: &mut Vec<u8>) {
        let pattern = caps.caps.pattern().map_or(0, |p| p.as_usize());
        for piece in &self.pieces {
            match piece {
                Piece::Literal(range) => out.extend_from_slice(&self.literal[range.clone()]),
                Piece::Group(table) => {
                    let span = table.get(pattern).copied().flatten().and_then(|g| caps.caps.get_group(g));
                    if let Some(span) = span {
                        out.extend_from_slice(&haystack[span.range()]);
                    }
                }
            }
        }
    }
}

/// Parses the reference after a `$` (`rest` starts right after it; the `$`
/// is at `offset` in the template). Returns the reference and how many
/// bytes of `rest` it spans, `None` when the `$` is a literal one.
fn parse_ref(rest: &[u8], offset: usize) -> Result<Option<(Ref<'_>, usize)>, Error> {
    let malformed = |what: &str, end: usize| {
        let end = offset + 1 + end;
        Error::new(ErrorKind::InvalidArgument, format!("invalid replacement template: {what} at byte {offset}"))
            .with_span(offset, end)
    };
    if rest.first() == Some(&b'{') {
        let Some(close) = memchr::memchr(b'}', rest) else {
            return Err(malformed("`${` without a closing `}`", rest.len()));
        };
        if close == 1 {
            return Err(malformed("an empty `${}`", close + 1));
        }
        return Ok(Some((classify(&rest[1..close]), close + 1)));
    }
    let len = rest.iter().take_while(|&&b| b == b'_' || b.is_ascii_alphanumeric()).count();
    Ok((len > 0).then(|| (classify(&rest[..len]), len)))
}

/// A name that parses as a number is a group index, as in the regex crate.
fn classify(name: &[u8]) -> Ref<'_> {
    match std::str::from_utf8(name).ok().and_then(|s| s.parse::<usize>().ok()) {
        Some(index) => Ref::Index(index),
        None => Ref::Name(name),
    }
}

impl Regex {
    /// Replaces matches inside the search's bounds with `template`'s
    /// expansion and returns the new text; everything else (including the
    /// bytes outside the bounds) is copied unchanged. `limit` caps the
    /// number of replacements: 0 replaces every match, 1 the first, N at
    /// most N. Matches are the ones [`FindState`] reports (empty matches
    /// included), and capture groups are searched for only when the
    /// template needs them.
    ///
    /// ```
    /// use ferrex::{Regex, Search, Template};
    /// let re = Regex::new(r"a*").unwrap();
    /// let t = Template::new(&re, b"-").unwrap();
    /// assert_eq!(re.replace(None, b"baaac", &Search::default(), &t, 0).unwrap(), b"-b-c-");
    /// assert_eq!(re.replace(None, b"baaac", &Search::bounds(1, 5), &t, 1).unwrap(), b"b-c");
    /// ```
    pub fn replace(
        &self,
        cache: Option<&mut Cache>,
        haystack: &[u8],
        search: &Search,
        template: &Template,
        limit: usize,
    ) -> Result<Vec<u8>, Error> {
        self.check_owner(&template.owner, "template")?;
        let mut caps = self.create_captures();
        if !template.needs_groups {
            // Room for the whole match only: the loop fills it from a find.
            caps.caps = ra::Captures::matches(caps.caps.group_info().clone());
        }
        let groups = if template.needs_groups { Groups::All } else { Groups::MatchOnly };
        self.rewrite(cache, haystack, search, limit, &mut caps, groups, |caps: &Captures, out: &mut Vec<u8>| {
            template.expand(haystack, caps, out);
            Ok::<_, Error>(Flow::Continue)
        })
    }

    /// Replaces matches inside the search's bounds with whatever `f`
    /// appends to the output for each of them (it sees the match's capture
    /// groups), and returns the new text. `f` returns [`Flow::Stop`] to
    /// make its replacement the last one, or an error to abandon the whole
    /// replacement. `limit` and everything else are as for
    /// [`Regex::replace`].
    ///
    /// ```
    /// use ferrex::{Flow, Regex, Search};
    /// let re = Regex::new(r"\d+").unwrap();
    /// let hay = b"1 22 333 4444";
    /// let out = re
    ///     .replace_with(None, hay, &Search::default(), 0, |caps, out| {
    ///         let m = caps.get(0)?.unwrap();
    ///         out.extend_from_slice(format!("<{}>", m.end - m.start).as_bytes());
    ///         Ok(if m.end - m.start == 3 { Flow::Stop } else { Flow::Continue })
    ///     })
    ///     .unwrap();
    /// assert_eq!(out, b"<1> <2> <3> 4444");
    /// ```
    pub fn replace_with<F>(
        &self,
        cache: Option<&mut Cache>,
        haystack: &[u8],
        search: &Search,
        limit: usize,
        f: F,
    ) -> Result<Vec<u8>, Error>
    where
        F: FnMut(&Captures, &mut Vec<u8>) -> Result<Flow, Error>,
    {
        let mut caps = self.create_captures();
        self.replace_with_captures(cache, haystack, search, limit, &mut caps, f)
    }

    /// [`Regex::replace_with`] with capture storage of the caller's (made
    /// by [`Regex::create_captures`] for this regex, reused across calls,
    /// and reporting the last match replaced once the call returns), and
    /// errors of the caller's type (any that an engine [`Error`] converts
    /// into), so that `f` can abandon the replacement with its own reason.
    ///
    /// ```
    /// use ferrex::{Flow, Regex, Search};
    /// #[derive(Debug)]
    /// enum MyError { Engine(ferrex::Error), TooLong }
    /// impl From<ferrex::Error> for MyError {
    ///     fn from(e: ferrex::Error) -> MyError { MyError::Engine(e) }
    /// }
    /// let re = Regex::new(r"(\w)\w*").unwrap();
    /// let mut caps = re.create_captures();
    /// let hay = b"hello big world";
    /// let out = re.replace_with_captures(None, hay, &Search::default(), 0, &mut caps, |caps, out| {
    ///     let first = caps.get(1)?.unwrap();
    ///     out.extend_from_slice(&hay[first.start..first.end]);
    ///     Ok::<_, MyError>(Flow::Continue)
    /// });
    /// assert_eq!(out.unwrap(), b"h b w");
    /// let err = re.replace_with_captures(None, hay, &Search::default(), 0, &mut caps, |caps, _| {
    ///     let m = caps.get(0)?.unwrap();
    ///     if m.end - m.start > 4 { Err(MyError::TooLong) } else { Ok(Flow::Continue) }
    /// });
    /// assert!(matches!(err, Err(MyError::TooLong)));
    /// ```
    pub fn replace_with_captures<E, F>(
        &self,
        cache: Option<&mut Cache>,
        haystack: &[u8],
        search: &Search,
        limit: usize,
        caps: &mut Captures,
        f: F,
    ) -> Result<Vec<u8>, E>
    where
        E: From<Error>,
        F: FnMut(&Captures, &mut Vec<u8>) -> Result<Flow, E>,
    {
        self.rewrite(cache, haystack, search, limit, caps, Groups::All, f)
    }

    /// The one replacement loop: copies the text between matches, lets `f`
    /// append each match's replacement, stops at the limit or when told.
    #[allow(clippy::too_many_arguments)]
    fn rewrite<E, F>(
        &self,
        cache: Option<&mut Cache>,
        haystack: &[u8],
        search: &Search,
        limit: usize,
        caps: &mut Captures,
        groups: Groups,
        mut f: F,
    ) -> Result<Vec<u8>, E>
    where
        E: From<Error>,
        F: FnMut(&Captures, &mut Vec<u8>) -> Result<Flow, E>,
    {
        self.check_captures(caps)?;
        let mut iter = FindState::new(self, haystack.len(), search)?;
        // With no cache given, one is borrowed from the regex's pool.
        self.with_scratch(cache, |scratch| {
            let mut out = Vec::with_capacity(haystack.len());
            let mut copied = 0;
            let mut replaced = 0;
            loop {
                let found = match groups {
                    Groups::All => iter.next_captures_in(self, scratch, haystack, caps)?,
                    Groups::MatchOnly => {
                        let found = iter.next_in(self, scratch, haystack)?;
                        crate::captures::record_match(&mut caps.caps, found);
                        found
                    }
                };
                let Some(m) = found else { break };
                out.extend_from_slice(&haystack[copied..m.start]);
                copied = m.end;
                replaced += 1;
                if f(caps, &mut out)? == Flow::Stop || replaced == limit {
                    break;
                }
            }
            out.extend_from_slice(&haystack[copied..]);
            Ok(out)
        })
    }
}

/// Which capture groups a replacement loop must search for.
#[derive(Clone, Copy)]
enum Groups {
    /// Every group: a captures search per match.
    All,
    /// Group 0 only, taken from a plain find (`caps` was made by
    /// `Captures::matches`).
    MatchOnly,
}
