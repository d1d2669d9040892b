//! The bytes a match of a regex anchored at its start can begin with.
//!
//! Every match of such a regex starts where its haystack starts, so a span
//! there whose first byte leads the DFA from its anchored start state to
//! the dead state holds no match, whatever follows. One load answers that
//! ahead of the required literal's search and of a walk's set-up: is-match
//! of `^(\d{4})-(\d{2})-(\d{2}) (\w+)` over 256-byte spans of a log, most
//! not starting with a digit, took 1.41-1.45x the meta regex's time, which
//! ends its anchored search at the first byte, where memchr for the
//! required `-` came first (make bench-parity's Core/anchored-onepass).

use std::sync::atomic::{AtomicBool, Ordering};

use regex_automata::{hybrid::dfa::DFA, util::start, Anchored};

/// Per byte, whether a match may begin with it. Every byte may until the
/// lazy DFA has been asked ([`FirstBytes::learn`]), so a span is never
/// turned away on a guess; the flags only ever go from may to may not,
/// each store right on its own, so a search racing the learning sees
/// either answer.
pub(crate) struct FirstBytes([AtomicBool; 256]);

impl FirstBytes {
    pub fn new() -> FirstBytes {
        FirstBytes(std::array::from_fn(|_| AtomicBool::new(true)))
    }

    /// Whether no match begins with `byte` (as far as learned).
    #[inline(always)]
    pub fn rules_out(&self, byte: u8) -> bool {
        !self.0[usize::from(byte)].load(Ordering::Relaxed)
    }

    /// Learns the bytes from `dfa` (the patterns' lazy DFA, every one
    /// anchored at its start), with a cache of its own. Learns nothing where
    /// the anchored start state is special (dead, quit) or the transitions
    /// cleared the cache, which renumbers states. A quit byte (say
    /// non-ASCII under a Unicode `\b`) may begin a match: the engines
    /// behind the test decide.
    pub fn learn(&self, dfa: &DFA) {
        let mut cache = dfa.create_cache();
        let Ok(sid) = dfa.start_state(&mut cache, &start::Config::new().anchored(Anchored::Yes)) else { return };
        if sid.is_tagged() {
            return;
        }
        let generation = cache.clear_count();
        let mut dead = [false; 256];
        for byte in 0..=255u8 {
            let Ok(next) = dfa.next_state(&mut cache, sid, byte) else { return };
            if cache.clear_count() != generation {
                return;
            }
            dead[usize::from(byte)] = next.is_dead();
        }
        for (flag, dead) in self.0.iter().zip(dead) {
            if dead {
                flag.store(false, Ordering::Relaxed);
            }
        }
    }
}

impl Clone for FirstBytes {
    fn clone(&self) -> FirstBytes {
        FirstBytes(std::array::from_fn(|i| AtomicBool::new(self.0[i].load(Ordering::Relaxed))))
    }
}

impl std::fmt::Debug for FirstBytes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let ruled_out = (0..=255u8).filter(|&b| self.rules_out(b)).count();
        write!(f, "FirstBytes({ruled_out} ruled out)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex_automata::{hybrid::dfa::DFA, Input};

    /// A byte is ruled out only where no haystack beginning with it has a
    /// match (tried with many continuations, against the DFA's own search),
    /// and the bytes of a pattern's first character are not: learned from
    /// the DFA, not guessed.
    #[test]
    fn only_bytes_no_match_begins_with_are_ruled_out() {
        let tails: Vec<Vec<u8>> = ["", "a", "b", "1", "12", "123-45", " ", "  #x", "\n", "é", "k", "bc", "ab", "x y"]
            .iter()
            .map(|t| t.as_bytes().to_vec())
            .chain([vec![0x80], vec![0xA8, 0x80], vec![0x84, 0xAA]])
            .collect();
        // (pattern, bytes ruled out at least, bytes that must stay in)
        for (pattern, at_least, kept) in [
            // Unicode `\d`: the lead bytes of other scripts' digits stay in.
            (r"^(\d{4})-(\d{2})", 230, &b"0189\xD9"[..]),
            (r"^[ \t]*#", 250, b" \t#"),
            (r"^ab|^\d", 230, b"a5"),
            // A case-insensitive `k` also matches the Kelvin sign (E2 84 AA).
            (r"(?i)^k", 250, b"kK\xE2"),
            (r"^\w", 1, b"a_9\xC3\xE2"),
            // Empty matches: nothing is ruled out.
            (r"^a*", 0, b"a\x00\xFF"),
            (r"^", 0, b"\x00"),
            // An empty match at a word boundary: after a non-word ASCII
            // byte none; non-ASCII bytes quit the DFA, and the engines
            // behind the test decide.
            (r"^\b", 60, b"aZ_0\xC3\xE2\xFF"),
        ] {
            let dfa = DFA::builder().configure(DFA::config().unicode_word_boundary(true)).build(pattern).unwrap();
            let first = FirstBytes::new();
            first.learn(&dfa);
            let mut cache = dfa.create_cache();
            let mut ruled_out = 0;
            for byte in 0..=255u8 {
                if !first.rules_out(byte) {
                    continue;
                }
                ruled_out += 1;
                for tail in &tails {
                    let mut hay = vec![byte];
                    hay.extend_from_slice(tail);
                    let found = dfa.try_search_fwd(&mut cache, &Input::new(&hay)).unwrap();
                    assert!(found.is_none(), "{pattern:?} ruled out {byte:#x}, yet matches {hay:?}");
                }
            }
            assert!(ruled_out >= at_least, "{pattern:?}: only {ruled_out} bytes ruled out");
            if at_least == 0 {
                assert_eq!(ruled_out, 0, "{pattern:?} matches empty: nothing can be ruled out");
            }
            for &byte in kept {
                assert!(!first.rules_out(byte), "{pattern:?} ruled out {byte:#x}");
            }
        }
    }

    /// Until learned, no byte is ruled out; a clone keeps what was learned.
    #[test]
    fn nothing_is_ruled_out_before_learning() {
        let first = FirstBytes::new();
        assert!((0..=255u8).all(|b| !first.rules_out(b)));
        first.learn(&DFA::new(r"^x").unwrap());
        let copy = first.clone();
        assert!(copy.rules_out(b'y') && !copy.rules_out(b'x'));
    }
}
