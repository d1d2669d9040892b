//! The required literal: bytes that every match of a pattern contains.
//!
//! `\d{4}-\d{2}-\d{2}` cannot match a span without a `-`; `\w+@\w+` not
//! one without an `@`. Looking for that literal with memchr/memmem is far
//! cheaper than walking a DFA over the span, so searches ask it first and
//! answer "no match" at once when it is absent (PCRE2 calls this the
//! required code unit; regex-automata's meta regex searches for an inner
//! literal). Only a literal that every match contains qualifies, so a
//! rejection is always right; finding it proves nothing.

use memchr::{arch::all::packedpair::Pair, memmem};
use regex_syntax::hir::{Hir, HirKind};

/// A literal every match contains, with a searcher built once.
#[derive(Clone, Debug)]
pub(crate) enum Required {
    /// One byte: memchr.
    Byte(u8),
    /// Several bytes: memmem, and the one of them that text holds fewest
    /// of (memchr's own ranking).
    Bytes(Box<memmem::Finder<'static>>, u8),
}

impl Required {
    /// The best required literal of a single-pattern regex, if it has one.
    /// (With several patterns a literal would have to be required by all.)
    pub fn of(hirs: &[Hir]) -> Option<Required> {
        let [hir] = hirs else { return None };
        let mut found = Vec::new();
        collect(hir, &mut found);
        // Longest first, then rarest; among equals the leftmost.
        let best = found.iter().rev().max_by_key(|lit| (lit.len(), rarity(lit)))?;
        Some(Required::searcher(best))
    }

    /// A searcher for `literal`, which is not empty.
    pub fn searcher(literal: &[u8]) -> Required {
        match *literal {
            [byte] => Required::Byte(byte),
            _ => {
                let rarest = Pair::new(literal).map_or(literal[0], |pair| literal[usize::from(pair.index1())]);
                Required::Bytes(Box::new(memmem::Finder::new(literal).into_owned()), rarest)
            }
        }
    }

    /// Whether the span can hold a match: false means it cannot.
    #[inline]
    pub fn present(&self, span: &[u8]) -> bool {
        self.find(span).is_some()
    }

    /// Where the literal first occurs in `span`, and its length.
    #[inline(always)]
    pub fn find(&self, span: &[u8]) -> Option<(usize, usize)> {
        match self {
            // An empty span, as an iteration's last search after a match
            // at the end asks, is not searched: the meta regex's
            // impossibility test skips it, and memchr's call costs 25
            // instructions more than this test (count-spans of `y` over 52
            // bytes ending in one: 1,436 -> 1,410 instructions an iteration of
            // the C rebar runner, callgrind).
            Required::Byte(_) if span.is_empty() => None,
            Required::Byte(byte) => Some((memchr::memchr(*byte, span)?, 1)),
            Required::Bytes(finder, _) => Some((finder.find(span)?, finder.needle().len())),
        }
    }

    /// Whether the span holds the literal's rarest byte (one memchr): false
    /// means it cannot hold the literal, true proves nothing. Cheaper than
    /// [`Required::present`] where most spans lack the literal but some
    /// hold it far in (a memmem over a short span costs a few instructions
    /// a byte).
    #[inline(always)]
    pub fn rarest_in(&self, span: &[u8]) -> bool {
        memchr::memchr(self.rarest(), span).is_some()
    }

    /// Whether lines of text seldom hold the rarest byte, so that
    /// [`Required::rarest_in`] rejects most: not a lowercase letter, a
    /// digit or white space, which prose, code and logs hold on nearly
    /// every line (`ms` of `\d+ms`, `ing` of `[a-z]+ing`).
    pub fn rarest_is_rare(&self) -> bool {
        let byte = self.rarest();
        !(byte.is_ascii_lowercase() || byte.is_ascii_digit() || byte.is_ascii_whitespace())
    }

    fn rarest(&self) -> u8 {
        let (Required::Byte(byte) | Required::Bytes(_, byte)) = self;
        *byte
    }
}

/// Pushes every literal that all matches of `hir` contain, in pattern
/// order. With a stack of its own, not recursion: a pattern may nest as
/// deep as the nesting limit allows (stack.rs).
fn collect<'h>(hir: &'h Hir, out: &mut Vec<&'h [u8]>) {
    let mut todo = vec![hir];
    while let Some(hir) = todo.pop() {
        match hir.kind() {
            HirKind::Literal(lit) => out.push(&lit.0),
            HirKind::Capture(cap) => todo.push(&cap.sub),
            HirKind::Repetition(rep) if rep.min >= 1 => todo.push(&rep.sub),
            // Reversed, so that the first is popped first.
            HirKind::Concat(subs) => todo.extend(subs.iter().rev()),
            // An alternation requires only what all branches share, a class
            // or assertion no particular byte, a repetition that may run zero
            // times nothing at all.
            _ => {}
        }
    }
}

/// Prefers literals without the bytes text is full of, so that memchr
/// skips far: punctuation over letters and digits, anything over spaces.
fn rarity(lit: &[u8]) -> u8 {
    lit.iter()
        .map(|&b| match b {
            b' ' | b'\n' | b'\t' => 0,
            b'e' | b't' | b'a' | b'o' | b'i' | b'n' | b's' | b'r' | b'h' => 1,
            b'.' | b',' => 2,
            _ if b.is_ascii_alphanumeric() => 2,
            _ => 3,
        })
        .max()
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex_syntax::parse;

    fn required(pattern: &str) -> Option<Vec<u8>> {
        Required::of(&[parse(pattern).unwrap()]).map(|r| match r {
            Required::Byte(byte) => vec![byte],
            Required::Bytes(finder, _) => finder.needle().to_vec(),
        })
    }

    #[test]
    fn literals_every_match_contains() {
        assert_eq!(required(r"\d{4}-\d{2}-\d{2}"), Some(b"-".to_vec()));
        assert_eq!(required(r"\w+@\w+\.\w+"), Some(b"@".to_vec()));
        assert_eq!(required(r"[a-z]+ing"), Some(b"ing".to_vec()));
        assert_eq!(required(r"(foo)+bar?"), Some(b"foo".to_vec()));
        assert_eq!(required(r"x(?:abc){2,}"), Some(b"abc".to_vec()));
    }

    #[test]
    fn the_rarest_byte_is_one_of_the_literal_that_text_holds_few_of() {
        let rarest = |pattern: &str| match Required::of(&[parse(pattern).unwrap()]).unwrap() {
            Required::Byte(byte) | Required::Bytes(_, byte) => byte,
        };
        assert_eq!(rarest(r"\s+Holmes"), b'H');
        assert_eq!(rarest(r"\d{4}-\d{2}"), b'-');
        assert_eq!(rarest(r"[a-z]+ing"), b'g');
        let r = Required::of(&[parse(r"\s+Holmes").unwrap()]).unwrap();
        assert!(!r.rarest_in(b"sherlock holmes"));
        assert!(r.rarest_in(b"Hello"));
        assert!(r.rarest_is_rare());
        let common = |pattern: &str| !Required::of(&[parse(pattern).unwrap()]).unwrap().rarest_is_rare();
        assert!(common(r"\d+ms") && common(r"[a-z]+ing") && common(r"\w+ 2\w+"));
        assert!(!common(r"\w+@\w+") && !common(r"\w+://"));
    }

    #[test]
    fn nothing_is_required_where_a_match_can_avoid_it() {
        assert_eq!(required(r"sherlock|holmes"), None);
        assert_eq!(required(r"(?i)abc"), None);
        assert_eq!(required(r"a*b?"), None);
        assert_eq!(required(r"(?:abc)?\d"), None);
        assert_eq!(required(r""), None);
        assert!(Required::of(&[parse("a").unwrap(), parse("b").unwrap()]).is_none());
    }

    /// The walk keeps its own stack: recursion would overflow a test
    /// thread's 2 MiB at this depth.
    #[test]
    fn a_deeply_nested_literal_is_found_without_recursion() {
        let deep = format!("{}xy{}", "(?:".repeat(100_000), ")+".repeat(100_000));
        let hir = regex_syntax::ParserBuilder::new().nest_limit(u32::MAX).build().parse(&deep).unwrap();
        assert!(matches!(Required::of(&[hir]), Some(Required::Bytes(f, _)) if f.needle() == b"xy"));
    }
}
