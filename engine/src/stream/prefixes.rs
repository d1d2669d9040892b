//! The language of the prefixes of a regex's matches, as a regex: what an
//! unbounded stream asks to learn where the earliest match still in
//! progress may start (oracle.rs). `[s, q)` is a prefix of some match iff
//! a match starting at `s` may still be under way at `q`.
//!
//! The translation over-approximates, which only ever keeps more bytes:
//! look-around assertions become empty (always true), repetitions lose
//! their minimum count, and a Unicode class admits any partial UTF-8
//! sequence, since a chunk may end inside a character.

use regex_syntax::hir::{Class, ClassBytes, ClassBytesRange, Hir, HirKind, Repetition};

/// Literals up to this many bytes get their exact prefixes; a longer one
/// its first `EXACT_LITERAL` bytes' prefixes, then any bytes up to its
/// length (the prefixes of a 10 KB literal, exactly, would be 50 MB).
const EXACT_LITERAL: usize = 32;

/// Concatenations of more pieces than this get the prefixes of their
/// first `EXACT_CONCAT` pieces followed by anything: the exact form grows
/// with the square of the piece count.
const EXACT_CONCAT: usize = 32;

/// The prefixes (the empty one included) of the matches of any of `hirs`.
pub(crate) fn prefixes_of_any(hirs: &[Hir]) -> Hir {
    Hir::alternation(hirs.iter().map(|h| prefixes(&without_looks(h))).collect())
}

/// `hir` with every look-around assertion taken as true (and no groups):
/// it matches everything `hir` matches, and its DFA never gives up on a
/// Unicode word boundary.
fn without_looks(hir: &Hir) -> Hir {
    match hir.kind() {
        HirKind::Look(_) => Hir::empty(),
        HirKind::Empty | HirKind::Literal(_) | HirKind::Class(_) => hir.clone(),
        HirKind::Capture(cap) => without_looks(&cap.sub),
        HirKind::Repetition(rep) => {
            Hir::repetition(Repetition { sub: Box::new(without_looks(&rep.sub)), ..rep.clone() })
        }
        HirKind::Alternation(subs) => Hir::alternation(subs.iter().map(without_looks).collect()),
        HirKind::Concat(subs) => Hir::concat(subs.iter().map(without_looks).collect()),
    }
}

/// The prefixes of the matches of `hir`.
fn prefixes(hir: &Hir) -> Hir {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => Hir::empty(),
        HirKind::Literal(lit) => literal_prefixes(&lit.0),
        HirKind::Class(Class::Bytes(_)) => either_empty(hir.clone()),
        HirKind::Class(Class::Unicode(_)) => Hir::alternation(vec![Hir::empty(), hir.clone(), partial_utf8()]),
        HirKind::Capture(cap) => prefixes(&cap.sub),
        HirKind::Repetition(rep) => {
            // j whole copies (j < max), then a prefix of one more.
            if rep.max == Some(0) {
                return Hir::empty();
            }
            let max = rep.max.map(|m| m - 1);
            let whole = Hir::repetition(Repetition { min: 0, max, greedy: true, sub: rep.sub.clone() });
            Hir::concat(vec![whole, prefixes(&rep.sub)])
        }
        HirKind::Alternation(subs) => Hir::alternation(subs.iter().map(prefixes).collect()),
        HirKind::Concat(subs) => concat_prefixes(subs),
    }
}

fn either_empty(hir: Hir) -> Hir {
    Hir::alternation(vec![Hir::empty(), hir])
}

fn literal_prefixes(bytes: &[u8]) -> Hir {
    let exact = bytes.len().min(EXACT_LITERAL);
    let mut alts: Vec<Hir> = (0..=exact).map(|n| Hir::literal(bytes[..n].to_vec())).collect();
    if bytes.len() > exact {
        let rest = (bytes.len() - exact) as u32;
        alts.push(Hir::concat(vec![Hir::literal(bytes[..exact].to_vec()), any_bytes(rest)]));
    }
    Hir::alternation(alts)
}

/// `x1 x2 ... xn`: a prefix of `xi` after `x1 ... x(i-1)` whole, for some i.
fn concat_prefixes(subs: &[Hir]) -> Hir {
    let exact = subs.len().min(EXACT_CONCAT);
    let mut alts = Vec::with_capacity(exact + 1);
    for i in 0..exact {
        let mut pieces = subs[..i].to_vec();
        pieces.push(prefixes(&subs[i]));
        alts.push(Hir::concat(pieces));
    }
    if subs.len() > exact {
        let mut pieces = subs[..exact].to_vec();
        pieces.push(Hir::repetition(Repetition { min: 0, max: None, greedy: true, sub: Box::new(any_byte()) }));
        alts.push(Hir::concat(pieces));
    }
    Hir::alternation(alts)
}

fn any_byte() -> Hir {
    Hir::class(Class::Bytes(ClassBytes::new([ClassBytesRange::new(0, 255)])))
}

fn any_bytes(max: u32) -> Hir {
    Hir::repetition(Repetition { min: 0, max: Some(max), greedy: true, sub: Box::new(any_byte()) })
}

/// A character cut short: a leading byte and up to two continuation bytes
/// (a superset of the real partial sequences).
fn partial_utf8() -> Hir {
    let lead = Hir::class(Class::Bytes(ClassBytes::new([ClassBytesRange::new(0xC0, 0xFF)])));
    let cont = Hir::class(Class::Bytes(ClassBytes::new([ClassBytesRange::new(0x80, 0xBF)])));
    Hir::concat(vec![lead, Hir::repetition(Repetition { min: 0, max: Some(2), greedy: true, sub: Box::new(cont) })])
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex_automata::{meta, Input};

    /// Whether `text` is, anchored at both ends, in the prefix language.
    fn is_prefix(pattern: &str, text: &[u8]) -> bool {
        let hir = regex_syntax::parse(pattern).unwrap();
        let re = meta::Builder::new()
            .syntax(regex_automata::util::syntax::Config::new().utf8(false))
            .build_from_hir(&Hir::concat(vec![
                Hir::look(regex_syntax::hir::Look::Start),
                prefixes_of_any(&[hir]),
                Hir::look(regex_syntax::hir::Look::End),
            ]))
            .unwrap();
        re.is_match(Input::new(text))
    }

    #[test]
    fn every_prefix_of_a_match_is_in_and_non_prefixes_are_out() {
        for (pattern, yes, no) in [
            ("abc", &[&b""[..], b"a", b"ab", b"abc"][..], &[&b"b"[..], b"abcd", b"ac"][..]),
            ("a+b", &[b"a", b"aaa", b"aab"], &[b"b", b"aba"]),
            (r"x\d{2,3}y", &[b"x", b"x1", b"x12", b"x123y"], &[b"x1234", b"xy"]),
            ("(?:ab|cd)*e", &[b"abc", b"abcde", b"e"], &[b"ac", b"ee"]),
            (r"\bfoo$", &[b"fo", b"foo"], &[b"xfoo"]),
            ("é+", &["é".as_bytes(), b"\xC3", "éé".as_bytes(), b"\xC3\xA9\xC3"], &[b"e"]),
        ] {
            for text in yes {
                assert!(is_prefix(pattern, text), "{pattern:?}: {text:?} is a prefix of a match");
            }
            for text in no {
                assert!(!is_prefix(pattern, text), "{pattern:?}: {text:?} is no prefix of a match");
            }
        }
    }

    #[test]
    fn long_literals_and_concatenations_over_approximate() {
        let long = "a".repeat(100);
        assert!(is_prefix(&long, &[b'a'; 60]));
        assert!(!is_prefix(&long, &[b'a'; 101]));
    }
}
