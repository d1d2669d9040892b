//! What compiling refuses before it builds anything expensive, so that no
//! pattern can make a compile or a search run for seconds or exhaust memory:
//!
//! - **pattern length**: parsing costs about 340 bytes of memory per pattern
//!   byte (AST plus HIR), and a pattern's NFA is in practice many times its
//!   text, so patterns longer in total than 1/8 of the NFA size limit are
//!   refused unread (a 10 MB pattern of `(` took 3.2 GB and a 20 MB error
//!   message; 10 MB of `a?` 31 s before the NFA limit refused it).
//! - **NFA size**: a lower bound of the NFA's heap, counted on the parsed
//!   patterns, refuses at once what the Thompson compiler would refuse only
//!   after building up to the limit (2 MB of `a?`: 5 s).
//! - **search memory**: regex-automata's PikeVM keeps, in every cache, two
//!   tables of `NFA states x capture slots` (8 bytes a slot). Both factors
//!   grow with the number of patterns, so the tables grow with its square:
//!   20,000 seven-byte literals would need 64 GB on the first search. The
//!   table size is bounded below from the parsed patterns, and counted
//!   exactly (from the NFA the meta regex builds) where the bound comes near
//!   the limit, `Options::search_memory_limit`; past it compiling refuses.
//!
//! Every walk here keeps its own stack: patterns may nest deeply.

use regex_syntax::hir::{Hir, HirKind};

use crate::build::{self, Parsed};
use crate::error::{Error, ErrorKind};
use crate::options::Options;

/// Parsing needs this many bytes of NFA size limit per pattern byte.
const LIMIT_PER_PATTERN_BYTE: usize = 8;

/// The heap of the smallest NFA state, in regex-automata's accounting
/// (`size_of::<State>()`).
const STATE_BYTES: usize = 16;

/// Refuses patterns whose total length alone rules them out.
pub(crate) fn check_pattern_length<P: AsRef<[u8]>>(patterns: &[P], opts: &Options) -> Result<(), Error> {
    let total = patterns.iter().fold(0usize, |sum, p| sum.saturating_add(p.as_ref().len()));
    let most = opts.nfa_size_limit / LIMIT_PER_PATTERN_BYTE;
    if total > most {
        return Err(Error::new(
            ErrorKind::SizeLimit,
            format!(
                "the pattern(s) are {total} bytes long, more than 1/{LIMIT_PER_PATTERN_BYTE} of the NFA size limit \
                 ({most} bytes); raise the NFA size limit to compile them"
            ),
        ));
    }
    Ok(())
}

/// At least how many NFA states the Thompson compiler makes for `hir`
/// (saturating): one per literal byte, class, look-around, repetition and
/// alternation, two per capture group, repetitions counted as often as
/// their minimum asks.
fn min_states(hir: &Hir) -> usize {
    fold(hir, |node, children| {
        let sum = children.iter().fold(0usize, |s, &v| s.saturating_add(v));
        match node.kind() {
            HirKind::Empty => 0,
            HirKind::Literal(lit) => lit.0.len(),
            HirKind::Class(_) | HirKind::Look(_) => 1,
            HirKind::Repetition(r) => sum.saturating_mul(r.min.max(1) as usize).saturating_add(1),
            HirKind::Capture(_) => sum.saturating_add(2),
            HirKind::Concat(_) => sum,
            HirKind::Alternation(_) => sum.saturating_add(1),
        }
    })
}

/// `f` of every node of `hir` given its children's values, bottom up,
/// without recursion (patterns may nest deeper than the stack allows):
/// the root's value.
pub(crate) fn fold(hir: &Hir, mut f: impl FnMut(&Hir, &[usize]) -> usize) -> usize {
    // Post-order with an explicit stack: (node, children done?).
    let mut todo: Vec<(&Hir, bool)> = vec![(hir, false)];
    let mut values: Vec<usize> = Vec::new();
    while let Some((node, done)) = todo.pop() {
        let children = node.kind().subs();
        if !done {
            todo.push((node, true));
            todo.extend(children.iter().map(|c| (c, false)));
            continue;
        }
        // The children's values are the last ones pushed, in reverse order
        // (which neither fold here minds); taken in place, not split off: a
        // vector per node made this walk a tenth of the compile's
        // allocations (rebar's 03-date patterns).
        let first = values.len() - children.len();
        let value = f(node, &values[first..]);
        values.truncate(first);
        values.push(value);
    }
    values.pop().unwrap_or(0)
}

/// Capture slots per NFA state in the PikeVM: two per group of every
/// pattern, the implicit group 0 included.
fn slot_count(hirs: &[Hir]) -> usize {
    hirs.iter().map(|h| 2 * (1 + h.properties().explicit_captures_len())).sum()
}

/// The PikeVM's two slot tables, in bytes, for `states` NFA states.
fn slot_table_bytes(states: usize, slots: usize) -> usize {
    states.saturating_mul(slots).saturating_mul(2 * 8)
}

/// Refuses, before the meta regex is built, what its NFA or its caches
/// could not afford by a lower bound; where the bound comes near the
/// search memory limit, counts the NFA's states exactly.
pub(crate) fn check_compiled_size(parsed: &Parsed, utf8: bool, opts: &Options) -> Result<(), Error> {
    let hirs = parsed.hirs();
    // Every pattern ends in a match state, plus its group 0's two states.
    let states = hirs.iter().fold(0usize, |s, h| s.saturating_add(min_states(h)).saturating_add(3));
    if states.saturating_mul(STATE_BYTES) > opts.nfa_size_limit {
        return Err(nfa_too_big(opts));
    }
    let slots = slot_count(hirs);
    let mut need = slot_table_bytes(states, slots);
    // Counting exactly compiles the NFA a second time (1 ms of 4 on rebar's
    // noseyparker patterns when done from 1/16 of the limit): only where
    // the lower bound alone comes within a factor of two. Below that the
    // bound decides, so a regex whose NFA is far larger than its text (big
    // Unicode classes) may need more than the limit, by a bounded factor.
    if need > opts.search_memory_limit / 2 {
        // Close enough to matter: count exactly, with the NFA the meta
        // regex builds (all groups, the unanchored prefix).
        // The Thompson compiler recurses: deep patterns get the stack they need.
        let nfa = parsed.recurse(|hirs| build::captures_nfa(hirs, utf8, opts))?.ok_or_else(|| nfa_too_big(opts))?;
        need = slot_table_bytes(nfa.states().len(), nfa.group_info().slot_len());
    }
    if need > opts.search_memory_limit {
        return Err(Error::new(
            ErrorKind::SizeLimit,
            format!(
                "searching these {} pattern(s) would need {} MiB per cache for the NFA simulation's capture slots \
                 (NFA states x capture slots, growing with the square of the pattern count), more than the search \
                 memory limit of {} MiB; raise the limit, use fewer patterns or groups, or a phrase set for literals",
                hirs.len(),
                need >> 20,
                opts.search_memory_limit >> 20
            ),
        ));
    }
    Ok(())
}

#[cold]
fn nfa_too_big(opts: &Options) -> Error {
    Error::new(
        ErrorKind::SizeLimit,
        format!("the compiled pattern(s) exceed the NFA size limit of {} bytes", opts.nfa_size_limit),
    )
}

#[cfg(test)]
mod tests {
    use regex_automata::nfa::thompson::{self, WhichCaptures};

    use super::*;
    use regex_syntax::ParserBuilder;

    fn hir(p: &str) -> Hir {
        ParserBuilder::new().nest_limit(100_000).build().parse(p).unwrap()
    }

    /// The bound must never exceed the real count, or compiling would
    /// refuse what fits.
    #[test]
    fn the_state_bound_is_below_the_nfa_the_compiler_builds() {
        for p in ["", "a", "abc", "a?", "(a)|b", "[a-z]{3,5}", r"\bfoo\b", "(?:ab){10}", "x*y+z?", r"\pL+", "((a)(b))*"]
        {
            let h = hir(p);
            let nfa = thompson::Compiler::new()
                .configure(thompson::Config::new().which_captures(WhichCaptures::All))
                .build_from_hir(&h)
                .unwrap();
            let bound = min_states(&h) + 3;
            assert!(bound <= nfa.states().len(), "{p:?}: bound {bound} > {} states", nfa.states().len());
        }
    }

    #[test]
    fn deep_nesting_is_walked_without_recursion() {
        let deep = format!("{}a{}", "(?:".repeat(50_000), ")*".repeat(50_000));
        assert_eq!(min_states(&hir(&deep)), 50_001);
    }
}
