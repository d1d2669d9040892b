//! What building an Aho-Corasick automaton costs, bounded from above before
//! building it, so that no build can run for seconds or take gigabytes.
//!
//! aho-corasick 1.1.5 first builds a trie with failure links (the
//! noncontiguous NFA), then, for the other automata, converts it. Two parts
//! of that can grow with the square of the input, where the rest is linear:
//!
//! - The DFA fills every missing transition of every state by walking the
//!   state's failure chain (`nnfa.next_state`, once per state and byte
//!   class, nothing memoized). A state's chain holds every proper suffix of
//!   its text that is also a phrase prefix, so in a long phrase that repeats
//!   itself (`aaaa...`, `abab...`) it grows with the depth: 64 KiB of `a`
//!   takes 10 s, 128 KiB over 40 s.
//! - Under the standard match kind every state lists every phrase that ends
//!   there (copied along the failure links), so phrases that are suffixes
//!   of many prefixes of other phrases (`a`, `aa`, ..., 1,000 of them, and a
//!   1 MiB run of `a`) make lists of 10^9 entries: 26 s and 8 GB, for every
//!   automaton alike.
//!
//! Both are bounded here from the phrases alone, in time linear in their
//! bytes (plus sorting them). The failure chain of the state for `p[..i]`
//! (phrase `p`, depth `i`) visits only states for suffixes `p[j..i]` that
//! are phrase prefixes; such a suffix longer than [`GRAM`] bytes starts
//! with a `GRAM`-byte phrase prefix, so counting the positions `j` where
//! one starts bounds the chain: exact for `aaaa...`, a few steps per byte
//! for text that does not repeat phrase beginnings. Walking the phrases in
//! sorted order visits each state (each distinct prefix) once.

use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hasher};

/// The work, in transition writes plus failure-chain steps, that a DFA
/// build may take: a fifth of a second at most, measured on one core at
/// the limit, where the bound is tight: a 6,600-byte run of `a` builds in
/// 0.1 s, a 10,200-byte cycle of all 256 byte values in 0.14 s, a cycle of
/// 64 in 0.17 s, 52,000 random bytes (a 100 MB DFA) in 0.13 s. Beyond it
/// AUTO builds a contiguous NFA and an explicit DFA request is refused.
pub(super) const DFA_WORK_LIMIT: usize = 1 << 26;

/// The match-list entries a standard-kind automaton may hold (8 bytes each
/// in the NFA, copied into the other automata): beyond it every automaton
/// is refused. Measured at the limit: `a`, `aa`, ..., 1,000 a's and a run
/// of 16,000 (1.6 * 10^7 entries) build a noncontiguous NFA in 0.12 s
/// (118 MB), a contiguous one in 0.2 s.
pub(super) const MATCH_ENTRY_LIMIT: usize = 1 << 24;

/// The phrase-prefix length the failure-chain bound looks up.
const GRAM: usize = 4;

/// Upper bounds on what building an automaton for a set of (non-empty)
/// phrases costs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Cost {
    /// The trie's states: one per distinct phrase prefix, plus the start,
    /// DEAD and FAIL states.
    states: usize,
    /// The byte classes (aho-corasick's alphabet).
    classes: usize,
    /// Whether the DFA keeps both start kinds (two copies of each state).
    both_starts: bool,
    /// The failure-chain steps per byte class, over all states.
    chain_steps: usize,
    /// The match-list entries under the standard match kind (every
    /// automaton holds them; leftmost kinds copy none).
    pub match_entries: usize,
}

impl Cost {
    /// The transitions of a DFA (a power-of-two stride per state).
    fn transitions(&self) -> usize {
        let copies = if self.both_starts { 2 } else { 1 };
        self.states.saturating_mul(self.classes.next_power_of_two()).saturating_mul(copies)
    }

    /// The heap of a DFA's transitions, in bytes.
    pub fn dfa_bytes(&self) -> usize {
        self.transitions().saturating_mul(std::mem::size_of::<u32>())
    }

    /// The work of a DFA build: transitions written plus failure-chain
    /// steps, one walk per state and byte class (see [`DFA_WORK_LIMIT`]).
    pub fn dfa_work(&self) -> usize {
        self.transitions().saturating_add(self.chain_steps.saturating_mul(self.classes))
    }
}

/// Bounds the cost of building an automaton over `phrases`, with ASCII
/// case folding as given, and both start kinds or one.
pub(super) fn estimate<P: AsRef<[u8]>>(phrases: &[P], ascii_case_insensitive: bool, both_starts: bool) -> Cost {
    // Folding makes `ab` and `AB` one trie path: reason about folded text.
    let mut folded: Vec<std::borrow::Cow<[u8]>> = phrases
        .iter()
        .map(|p| {
            let p = p.as_ref();
            if ascii_case_insensitive && p.iter().any(u8::is_ascii_uppercase) {
                p.to_ascii_lowercase().into()
            } else {
                p.into()
            }
        })
        .collect();
    // Sorted, a phrase shares with the one before it exactly the prefixes
    // (states) that earlier phrases already made.
    folded.sort_unstable();
    let starts: HashSet<u32, Fast> = folded.iter().filter_map(|p| gram(p, 0)).collect();
    // The most phrases sharing one state (duplicates, or case variants when
    // folding), adjacent once sorted: each is listed wherever it is.
    let (mut most_copies, mut run) = (0, 0);
    for (i, p) in folded.iter().enumerate() {
        run = if i > 0 && folded[i - 1] == *p { run + 1 } else { 1 };
        most_copies = most_copies.max(run);
    }
    let mut lengths: Vec<usize> = folded.iter().map(|p| p.len()).collect();
    lengths.sort_unstable();

    let mut cost = Cost {
        states: 4,
        classes: byte_classes(phrases, ascii_case_insensitive),
        both_starts,
        chain_steps: 0,
        match_entries: 0,
    };
    let mut previous: &[u8] = &[];
    for p in &folded {
        let shared = p.iter().zip(previous).take_while(|(a, b)| a == b).count();
        previous = p;
        cost.states = cost.states.saturating_add(p.len() - shared);
        // Positions j in 1..=i-GRAM where a phrase prefix of GRAM bytes starts.
        let mut repeats = 0usize;
        for i in 1..=p.len() {
            if i > GRAM && gram(p, i - GRAM).is_some_and(|g| starts.contains(&g)) {
                repeats += 1;
            }
            if i <= shared {
                continue; // counted with an earlier phrase
            }
            // The suffixes of p[..i] that may be states: the short ones, and
            // the long ones that begin with a phrase prefix.
            let chain = (i - 1).min(GRAM - 1) + repeats;
            cost.chain_steps = cost.chain_steps.saturating_add(chain);
            // A state lists the phrases among its suffixes (itself and its
            // chain), none longer than it is.
            let at_most_this_long = lengths.partition_point(|&n| n <= i);
            let listed = (chain + 1).saturating_mul(most_copies).min(at_most_this_long);
            cost.match_entries = cost.match_entries.saturating_add(listed);
        }
    }
    cost
}

/// The byte classes of the automaton, as aho-corasick counts them: each
/// phrase byte (both cases of letters when folding) is a class of its own
/// and splits the range of bytes around it, so `a` and `c` make five
/// classes (below `a`, `a`, `b`, `c`, above `c`).
fn byte_classes<P: AsRef<[u8]>>(phrases: &[P], ascii_case_insensitive: bool) -> usize {
    // boundary[b]: a class ends at byte b.
    let mut boundary = [false; 256];
    let mut mark = |b: u8| {
        if b > 0 {
            boundary[usize::from(b - 1)] = true;
        }
        boundary[usize::from(b)] = true;
    };
    for &b in phrases.iter().flat_map(|p| p.as_ref()) {
        mark(b);
        if ascii_case_insensitive {
            mark(b.to_ascii_lowercase());
            mark(b.to_ascii_uppercase());
        }
    }
    1 + boundary[..255].iter().filter(|&&b| b).count()
}

/// The `GRAM` bytes of `p` at `at`, as one integer, if there are that many.
fn gram(p: &[u8], at: usize) -> Option<u32> {
    let bytes: [u8; GRAM] = p.get(at..at + GRAM)?.try_into().ok()?;
    Some(u32::from_le_bytes(bytes))
}

/// A multiplicative hash for the 4-byte keys above: one lookup per phrase
/// byte, so SipHash would cost more than the rest of the estimate.
#[derive(Default)]
struct FastHasher(u64);

impl Hasher for FastHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }

    fn write_u32(&mut self, n: u32) {
        self.write_u64(u64::from(n));
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

type Fast = BuildHasherDefault<FastHasher>;

#[cfg(test)]
mod tests {
    use super::*;

    fn chain_work(phrases: &[&[u8]]) -> usize {
        estimate(phrases, false, false).chain_steps
    }

    #[test]
    fn a_run_of_one_byte_is_bounded_by_the_square_of_its_length() {
        // The state at depth i has i - 1 suffixes that are phrase prefixes.
        let n = 1000;
        assert_eq!(chain_work(&[&vec![b'a'; n]]), n * (n - 1) / 2);
    }

    #[test]
    fn text_that_does_not_repeat_its_beginning_is_linear() {
        let phrase: Vec<u8> = (0..=255u8).chain(0..=255u8).collect();
        // One repeat of "\0\x01\x02\x03", at 256: the states past it have
        // one more suffix to try.
        let n = phrase.len();
        let short = 3 * n - 6; // min(i - 1, 3) summed over i
        assert_eq!(chain_work(&[&phrase]), short + (n - 259));
    }

    #[test]
    fn nested_suffixes_fill_the_match_lists_of_the_standard_kind() {
        // "a", "aa", ..., "a" x 100: the state for "a" x i lists i phrases.
        let mut phrases: Vec<Vec<u8>> = (1..=100).map(|n| vec![b'a'; n]).collect();
        assert_eq!(estimate(&phrases, false, true).match_entries, (1..=100).sum::<usize>());
        // Past the longest of them, a longer run lists all 100 at each state.
        phrases.push(vec![b'a'; 1000]);
        assert_eq!(estimate(&phrases, false, true).match_entries, (1..=100).sum::<usize>() + 900 * 100 + 1);
        // One long phrase lists itself once, however long.
        assert_eq!(estimate(&[vec![b'a'; 10_000]], false, true).match_entries, 1);
    }

    /// The exact failure-chain lengths and match-list sizes, summed over the
    /// trie's states (each distinct prefix once), by brute force.
    fn exact(phrases: &[Vec<u8>], fold: bool) -> (usize, usize, usize) {
        let folded: Vec<Vec<u8>> =
            phrases.iter().map(|p| if fold { p.to_ascii_lowercase() } else { p.clone() }).collect();
        let states: HashSet<&[u8]> = folded.iter().flat_map(|p| (1..=p.len()).map(move |i| &p[..i])).collect();
        let (mut chains, mut entries) = (0, 0);
        for s in &states {
            chains += (1..s.len()).filter(|&j| states.contains(&s[j..])).count();
            entries += folded.iter().filter(|q| s.ends_with(q)).count();
        }
        (states.len(), chains, entries)
    }

    #[test]
    fn the_bounds_hold_on_random_sets() {
        let mut x = 0x2545_F491_4F6C_DD1Du64;
        let mut next = |n: u64| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x % n) as usize
        };
        for _ in 0..2000 {
            let fold = next(2) == 0;
            let phrases: Vec<Vec<u8>> = (0..1 + next(8))
                .map(|_| (0..1 + next(12)).map(|_| b"abAB"[next(if fold { 4 } else { 2 })]).collect())
                .collect();
            let cost = estimate(&phrases, fold, false);
            let (states, chains, entries) = exact(&phrases, fold);
            assert_eq!(cost.states, 4 + states, "{phrases:?}");
            assert!(cost.chain_steps >= chains, "{phrases:?}: {} < {chains} chain steps", cost.chain_steps);
            assert!(cost.match_entries >= entries, "{phrases:?}: {} < {entries} entries", cost.match_entries);
        }
    }

    #[test]
    fn byte_classes_split_the_byte_range_as_aho_corasick_does() {
        assert_eq!(byte_classes(&[b"abc"], false), 5); // ..a, a, b, c, d..
        assert_eq!(byte_classes(&[b"ac"], false), 5);
        assert_eq!(byte_classes(&[b"a"], true), 5); // ..A, A, B..a, a, b..
        assert_eq!(byte_classes(&[b"\0\xff"], false), 3);
        assert_eq!(byte_classes(&[(0..=255u8).collect::<Vec<u8>>()], false), 256);
        assert_eq!(byte_classes::<&[u8]>(&[], false), 1);
    }

    #[test]
    fn dfa_bytes_count_both_start_kinds() {
        let one = estimate(&[b"abc"], false, false);
        let both = estimate(&[b"abc"], false, true);
        assert_eq!(both.dfa_bytes(), 2 * one.dfa_bytes());
        // 4 + 3 states, 5 classes in a stride of 8, 4 bytes each.
        assert_eq!(one.dfa_bytes(), 7 * 8 * 4);
        // Shared prefixes are one state: 4 + 4 ("a", "ab", "abc", "abd").
        assert_eq!(estimate(&[&b"abc"[..], b"abd", b"ab"], false, false).states, 8);
    }

    #[test]
    fn dfa_bytes_bound_what_aho_corasick_builds() {
        use aho_corasick::{AhoCorasick, AhoCorasickKind, StartKind};
        let sets: [&[&[u8]]; 4] =
            [&[b"abc", b"xyz"], &[b"Sherlock", b"Holmes"], &[b"\0\x01\xfe\xff"], &[&b"aaaa"[..]; 8]];
        for phrases in sets {
            for (fold, both) in [(false, false), (true, true)] {
                let start_kind = if both { StartKind::Both } else { StartKind::Unanchored };
                let dfa = AhoCorasick::builder()
                    .kind(Some(AhoCorasickKind::DFA))
                    .ascii_case_insensitive(fold)
                    .start_kind(start_kind)
                    .prefilter(false)
                    .build(phrases)
                    .unwrap();
                let estimate = estimate(phrases, fold, both).dfa_bytes();
                // Beyond the transitions the DFA holds its match lists.
                let lists = 64 * phrases.len() + 256;
                assert!(estimate + lists >= dfa.memory_usage(), "{phrases:?}: {estimate} < {}", dfa.memory_usage());
            }
        }
    }
}
