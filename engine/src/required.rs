//! The required literal: bytes that every match of a pattern contains.
//!
//! `\d{4}-\d{2}-\d{2}` cannot match a span without a `-`; `\w+@\w+` not
//! one without an `@`. Looking for that literal with memchr/memmem is far
//! cheaper than walking a DFA over the span, so searches ask it first and
//! answer "no match" at once when it is absent (PCRE2 calls this the
//! required code unit; regex-automata's meta regex searches for an inner
//! literal). Only a literal that every match contains qualifies, so a
//! rejection is always right; finding it proves nothing.

use memchr::memmem;
use regex_syntax::hir::{Hir, HirKind};

/// A literal every match contains, with a searcher built once.
#[derive(Clone, Debug)]
pub(crate) enum Required {
    /// One byte: memchr.
    Byte(u8),
    /// Several bytes: memmem.
    Bytes(Box<memmem::Finder<'static>>),
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
            _ => Required::Bytes(Box::new(memmem::Finder::new(literal).into_owned())),
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
            Required::Byte(byte) => Some((memchr::memchr(*byte, span)?, 1)),
            Required::Bytes(finder) => Some((finder.find(span)?, finder.needle().len())),
        }
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
            Required::Bytes(finder) => finder.needle().to_vec(),
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
        assert!(matches!(Required::of(&[hir]), Some(Required::Bytes(f)) if f.needle() == b"xy"));
    }
}
