//! The naive phrase-set reference: every phrase checked at every position,
//! each match kind's definition applied directly. Shared, as a module file,
//! by the engine's phrase tests (engine/tests/phrases.rs) and the C API's
//! phrase fuzz target (fuzz/fuzz_targets/phrases_diff.rs), both with
//! `#[path = ...] mod`: it depends on nothing (not even the engine, whose
//! answers it judges, nor a cargo feature that would change the library
//! the fuzzer builds), so either crate compiles it as its own.
#![allow(dead_code)]

/// A match: (start, end, phrase index).
pub type Hit = (usize, usize, usize);

/// The match kinds, by definition.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Kind {
    /// Ends first; at the same end the longest; then the first given.
    Standard,
    /// Starts first; there the first given.
    LeftmostFirst,
    /// Starts first; there the longest; then the first given.
    LeftmostLongest,
}

/// Whether `a` equals `b`, ASCII letters folded when `fold`.
pub fn same(a: &[u8], b: &[u8], fold: bool) -> bool {
    if fold {
        a.eq_ignore_ascii_case(b)
    } else {
        a == b
    }
}

/// Every occurrence of every phrase inside [start, end]: an empty phrase at
/// every offset, ends included.
pub fn occurrences<P: AsRef<[u8]>>(phrases: &[P], hay: &[u8], start: usize, end: usize, fold: bool) -> Vec<Hit> {
    let mut out = vec![];
    for at in start..=end {
        for (id, p) in phrases.iter().enumerate() {
            let p = p.as_ref();
            if at + p.len() <= end && same(&hay[at..at + p.len()], p, fold) {
                out.push((at, at + p.len(), id));
            }
        }
    }
    out
}

/// The first match at or after `from` by the match kind's definition.
pub fn first(hits: &[Hit], from: usize, kind: Kind, anchored: bool) -> Option<Hit> {
    let hits = hits.iter().copied().filter(|h| h.0 >= from && (!anchored || h.0 == from));
    match kind {
        Kind::Standard => hits.min_by_key(|&(s, e, id)| (e, s, id)),
        Kind::LeftmostFirst => hits.min_by_key(|&(s, _, id)| (s, id)),
        Kind::LeftmostLongest => hits.min_by_key(|&(s, e, id)| (s, std::cmp::Reverse(e), id)),
    }
}

/// Non-overlapping iteration with the regex crate's empty-match rule.
pub fn iterate(hits: &[Hit], start: usize, end: usize, kind: Kind, anchored: bool) -> Vec<Hit> {
    let (mut out, mut pos, mut last_end) = (vec![], start, None);
    while let Some(mut m) = first(hits, pos, kind, anchored) {
        if m.0 == m.1 && Some(m.1) == last_end {
            if pos + 1 > end {
                break;
            }
            match first(hits, pos + 1, kind, anchored) {
                Some(next) => m = next,
                None => break,
            }
        }
        out.push(m);
        pos = m.1;
        last_end = Some(m.1);
    }
    out
}

/// Overlapping iteration: every occurrence (starting at the start bound
/// when anchored), by end, then start, then phrase.
pub fn overlapping(hits: &[Hit], start: usize, anchored: bool) -> Vec<Hit> {
    let mut out: Vec<Hit> = hits.iter().copied().filter(|h| !anchored || h.0 == start).collect();
    out.sort_by_key(|&(s, e, id)| (e, s, id));
    out
}

/// Replacement: phrase i becomes `<i>`, at each match of the iteration.
pub fn replaced(hay: &[u8], matches: &[Hit]) -> Vec<u8> {
    let (mut out, mut copied) = (vec![], 0);
    for &(s, e, id) in matches {
        out.extend_from_slice(&hay[copied..s]);
        out.extend_from_slice(format!("<{id}>").as_bytes());
        copied = e;
    }
    out.extend_from_slice(&hay[copied..]);
    out
}
