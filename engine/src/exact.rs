//! A regex whose matches are exactly the occurrences of a finite set of
//! literals: one literal (`Sherlock Holmes`, `@`), an alternation of them
//! (`Sherlock|Holmes`), or small classes and case folding that expand to
//! a few (`(?i)the`, `[ab][12]`). Its matches are found by a literal
//! search alone, as the meta regex finds them with its prefilter-only
//! strategy, built from the same literals under the same conditions (one
//! pattern, no groups, no look-around, leftmost-first, an exact set of
//! prefixes: regex-automata's meta/strategy.rs, `Pre::from_prefixes`).
//!
//! The meta regex reaches that search through its set-up on every search:
//! an `Input`, its impossibility test, a dispatch to the strategy and from
//! there to the prefilter. Where matches are dense that set-up is a large
//! part of each match's time (strategy.rs has the numbers). Anchored
//! searches stay with the meta regex.

use aho_corasick::packed::{self, Searcher};
use regex_automata::util::prefilter::Prefilter;
use regex_automata::{MatchKind, Span};
use regex_syntax::hir::{Class, Hir, HirKind};

use crate::cursor::Step;
use crate::regex::Match;
use crate::required::Required;

/// The literals a regex is, with a searcher built once.
#[derive(Clone, Debug)]
pub(crate) enum Exact {
    /// One literal: memchr or memmem, inlined into the search loops.
    One(Required),
    /// Several: the prefilter the meta regex builds from them (memchr2/3,
    /// Teddy, a byte set or Aho-Corasick), asked directly, and the length
    /// of the shortest. A span shorter than that is not searched, as the
    /// meta regex does not search a span shorter than any match: an
    /// iteration's last search is over the tail after the last match,
    /// often empty, and the prefilter's call and set-up there cost a
    /// count-spans of `[ac]` over 80 bytes, one match at the end, 55 of
    /// its 230 instructions through the C API (callgrind).
    Set(Prefilter, usize),
    /// Several that the meta regex searches with Teddy: the same packed
    /// searcher its Teddy prefilter asks (aho-corasick's), without the
    /// anchored Aho-Corasick DFA that prefilter also builds for anchored
    /// prefix tests, which exact literals never make (anchored searches
    /// stay with the meta regex). That DFA was most of the build: 157,000
    /// instructions for the prefilter of `agggtaaa|tttaccct`, 11,000 for
    /// the searcher (callgrind), so compiling such a regex cost ferrex
    /// 1.9x the meta regex. The length of the shortest as in `Set`.
    Packed(Searcher, usize),
}

/// The limits of regex-syntax's literal extractor (hir/literal.rs:
/// `Extractor::new`), which build::meta_prefixes uses unchanged, as the
/// meta regex does.
const LIMIT_CLASS: usize = 10;
const LIMIT_LITERAL_LEN: usize = 100;
const LIMIT_TOTAL: usize = 250;

/// Whether literal extraction is sure to find `hir` inexact, worked out
/// without extracting, for patterns of one path (literals, classes,
/// concatenation, bounded repetition; no alternation or optional part).
/// Two things make it so:
/// - A repetition whose count varies (`{2,4}`, `{1,3}?`): the extractor
///   makes its literals inexact (hir/literal.rs, `extract_repetition`),
///   and on one path every literal goes through it. Its strings have
///   several lengths, so one may be a prefix of another, but
///   leftmost-first preference drops only a later string that has an
///   earlier one as its prefix, and here all of them are inexact.
/// - Strings of one length (exact repetition too): no string is a prefix
///   of another, so an exact set holds every string the pattern matches,
///   whole. It has none when they are more than LIMIT_TOTAL, longer than
///   LIMIT_LITERAL_LEN (cut to that), or go through a class of more than
///   LIMIT_CLASS characters (extracted as infinite).
///
/// Other patterns answer false: extraction decides. The extraction this
/// spares was a compile's largest cost after the meta regex's:
/// `a[ab]{20}b` compiled and counted over 57 bytes took 1.53x the meta
/// regex's instructions, `(?i)sherlock holmes` 1.42x; compiling
/// `zzz[0-9]{2,4}?` took 1.66x the meta regex's time (36 us against 22:
/// 100 strings extracted, then trimmed by preference). Never wrong about a
/// regex's matches: a pattern wrongly called inexact is searched by the
/// meta regex alone.
fn surely_inexact(hir: &Hir) -> bool {
    const MANY: usize = LIMIT_TOTAL + 1;
    // Not one path, or not a shape this counts.
    const UNKNOWN: usize = usize::MAX;
    // One path through a repetition whose count varies.
    const VARIES: usize = usize::MAX - 1;
    let strings = crate::limits::fold(hir, |node, children| {
        if children.contains(&UNKNOWN) {
            return UNKNOWN;
        }
        if children.contains(&VARIES) {
            return match node.kind() {
                HirKind::Concat(_) => VARIES,
                HirKind::Repetition(rep) if rep.min > 0 => VARIES,
                _ => UNKNOWN,
            };
        }
        match node.kind() {
            HirKind::Empty | HirKind::Literal(_) => 1,
            HirKind::Class(class) => {
                let chars = match class {
                    Class::Unicode(c) => c.iter().fold(0usize, |n, r| n.saturating_add(r.len())),
                    Class::Bytes(c) => c.iter().fold(0usize, |n, r| n.saturating_add(r.len())),
                };
                if chars > LIMIT_CLASS {
                    MANY
                } else {
                    chars
                }
            }
            HirKind::Concat(_) => children.iter().fold(1usize, |p, &n| p.saturating_mul(n).min(MANY)),
            HirKind::Repetition(rep) if rep.max == Some(rep.min) => {
                let sub = children.first().copied().unwrap_or(1);
                sub.checked_pow(rep.min).map_or(MANY, |n| n.min(MANY))
            }
            HirKind::Repetition(rep) if rep.min > 0 => VARIES,
            HirKind::Repetition(_) | HirKind::Alternation(_) | HirKind::Capture(_) | HirKind::Look(_) => UNKNOWN,
        }
    });
    match strings {
        UNKNOWN => false,
        VARIES => true,
        _ => strings > LIMIT_TOTAL || hir.properties().maximum_len().map_or(true, |len| len > LIMIT_LITERAL_LEN),
    }
}

impl Exact {
    /// The literals of a single pattern whose matches are exactly their
    /// occurrences, if it is such a pattern.
    pub fn of(hirs: &[Hir]) -> Option<Exact> {
        let [hir] = hirs else { return None };
        if let HirKind::Literal(lit) = hir.kind() {
            // Never empty: regex-syntax writes the empty regex as `Empty`.
            return Some(Exact::One(Required::searcher(&lit.0)));
        }
        // Literal extraction takes an assertion to match every empty
        // string (`foo\bbar` yields "foobar"), and a group must be resolved
        // by an engine: as meta/strategy.rs, neither is a literal search.
        let props = hir.properties();
        if props.explicit_captures_len() != 0 || !props.look_set().is_empty() {
            return None;
        }
        // Finitely many literals match only finitely long: an unbounded
        // pattern is never exact, and extracting its literals (a
        // case-insensitive alternation: 120 us) would be compile time lost.
        props.maximum_len()?;
        if surely_inexact(hir) {
            return None;
        }
        let prefixes = crate::build::meta_prefixes(MatchKind::LeftmostFirst, std::slice::from_ref(hir));
        if !prefixes.is_exact() {
            return None;
        }
        let literals: Vec<&[u8]> = prefixes.literals()?.iter().map(|lit| lit.as_bytes()).collect();
        let shortest = literals.iter().map(|lit| lit.len()).min()?;
        if shortest == 0 {
            return None; // it would match everywhere
        }
        if let Some(searcher) = Exact::teddy(&literals) {
            return Some(Exact::Packed(searcher, shortest));
        }
        Prefilter::new(MatchKind::LeftmostFirst, &literals).map(|pre| Exact::Set(pre, shortest))
    }

    /// The packed searcher of the meta regex's Teddy prefilter, where its
    /// prefilter would be Teddy: regex-automata's `Choice::new` tries memchr
    /// (one byte), memchr2 and memchr3 (two or three single bytes) and
    /// memmem (one literal) first, then Teddy, which builds exactly where
    /// this searcher does (the same defaults: SIMD Teddy on x86-64 and
    /// aarch64, within its limits on the number of literals).
    fn teddy(literals: &[&[u8]]) -> Option<Searcher> {
        if literals.len() == 1 || (literals.len() <= 3 && literals.iter().all(|lit| lit.len() == 1)) {
            return None;
        }
        packed::Config::new().match_kind(packed::MatchKind::LeftmostFirst).builder().extend(literals).build()
    }

    /// The leftmost-first match inside `haystack[start..end]`.
    #[inline(always)]
    pub fn find(&self, haystack: &[u8], start: usize, end: usize) -> Option<Match> {
        match self {
            Exact::One(literal) => {
                let (at, len) = literal.find(&haystack[start..end])?;
                Some(Match { start: start + at, end: start + at + len, pattern: 0 })
            }
            Exact::Set(pre, shortest) => {
                if end - start < *shortest {
                    return None;
                }
                let span = pre.find(haystack, Span { start, end })?;
                Some(Match { start: span.start, end: span.end, pattern: 0 })
            }
            Exact::Packed(searcher, shortest) => {
                if end - start < *shortest {
                    return None;
                }
                let m = searcher.find_in(haystack, aho_corasick::Span { start, end })?;
                Some(Match { start: m.start(), end: m.end(), pattern: 0 })
            }
        }
    }

    /// How many matches `haystack[start..end]` holds. A loop per kind of
    /// search, the kind chosen once: one loop around [`Exact::find`],
    /// inlined into the count's large body, went back to the enum and the
    /// prefilter's vtable at every match (`Tom|Sawyer|Huckleberry|Finn`
    /// over prose, 2,067 matches: 10 -> 20 instructions a match). No
    /// empty-match rule: a literal match is never empty.
    #[inline(never)]
    pub fn count(&self, haystack: &[u8], start: usize, end: usize) -> usize {
        let (mut at, mut n) = (start, 0);
        match self {
            Exact::One(literal) => {
                while let Some((found, len)) = literal.find(&haystack[at..end]) {
                    n += 1;
                    at += found + len;
                }
            }
            Exact::Set(pre, shortest) => {
                while end - at >= *shortest {
                    let Some(span) = pre.find(haystack, Span { start: at, end }) else { break };
                    n += 1;
                    at = span.end;
                }
            }
            Exact::Packed(searcher, shortest) => {
                while end - at >= *shortest {
                    let Some(m) = searcher.find_in(haystack, aho_corasick::Span { start: at, end }) else { break };
                    n += 1;
                    at = m.end();
                }
            }
        }
        n
    }

    /// A step of an iteration over `haystack` (cursor.rs), inlined into
    /// its loop.
    #[inline(always)]
    pub fn step<'a>(&'a self, haystack: &'a [u8]) -> ExactStep<'a> {
        ExactStep { exact: self, haystack }
    }
}

/// [`Exact::find`] as one step of an iteration: span iteration and the
/// captures step run it (counting has a loop of its own, [`Exact::count`]).
pub(crate) struct ExactStep<'a> {
    exact: &'a Exact,
    haystack: &'a [u8],
}

impl Step for ExactStep<'_> {
    #[inline(always)]
    fn find(&mut self, start: usize, end: usize) -> Option<Match> {
        self.exact.find(self.haystack, start, end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex_automata::meta;
    use regex_syntax::parse;

    /// Which searcher `pattern`'s literals get, and that its matches over
    /// `haystack` are the meta regex's (every match, by iteration).
    fn searcher_of(pattern: &str, haystack: &[u8]) -> &'static str {
        let exact = Exact::of(&[parse(pattern).unwrap()]).unwrap_or_else(|| panic!("{pattern}: not exact"));
        let re = meta::Regex::new(pattern).unwrap();
        let want: Vec<(usize, usize)> = re.find_iter(haystack).map(|m| (m.start(), m.end())).collect();
        let (mut got, mut at) = (vec![], 0);
        while let Some(m) = exact.find(haystack, at, haystack.len()) {
            got.push((m.start, m.end));
            at = m.end;
        }
        assert_eq!(got, want, "{pattern}");
        assert_eq!(exact.count(haystack, 0, haystack.len()), want.len(), "{pattern}");
        match exact {
            Exact::One(_) => "one",
            Exact::Set(..) => "prefilter",
            Exact::Packed(..) => "packed",
        }
    }

    /// surely_inexact says so only where extraction finds no exact set:
    /// random bounded patterns around each limit (classes of 10 and 11
    /// characters, counts near 250 strings, literals near 100 bytes), with
    /// and without alternations and optional parts.
    #[test]
    fn surely_inexact_only_where_extraction_is_inexact() {
        const ATOMS: &[&str] = &[
            "a",
            "bc",
            "é",
            "[ab]",
            "[a-c]",
            "[a-j]",
            "[a-k]",
            "(?i)k",
            "(?i)s",
            "x{2}",
            "[01]{3}",
            "[ab]{0,4}",
            "(?:a|bb)?",
            "(?:ab|cd|ef)",
            "[a-e]{2}",
            "(?:q|)",
            "z{40}",
            "y{1,60}",
            "[0-9]{2,4}?",
            "b{1,3}",
            "[ab]{2,3}",
            "(?:ab){1,2}?",
            "(?:ab){0,2}?",
            "(?:[ab]{1,2}c){2}",
        ];
        let mut rng = crate::test_rng::Rng(0x2545_F491_4F6C_DD1D);
        let mut below = |n: usize| rng.below(n);
        let (mut sure, mut exact) = (0, 0);
        for _ in 0..4000 {
            let mut pattern = String::new();
            for _ in 0..1 + below(5) {
                if below(5) == 0 && !pattern.is_empty() {
                    pattern.push('|');
                }
                pattern.push_str(ATOMS[below(ATOMS.len())]);
            }
            let hir = parse(&pattern).unwrap();
            let is_exact = crate::build::meta_prefixes(MatchKind::LeftmostFirst, std::slice::from_ref(&hir)).is_exact();
            if surely_inexact(&hir) {
                assert!(!is_exact, "{pattern}: extraction is exact");
                sure += 1;
            }
            exact += usize::from(is_exact);
        }
        // Both answers occur often, and the quick test catches many of the
        // inexact ones.
        assert!(sure > 200 && exact > 300, "{sure} surely inexact, {exact} exact");
        let sure_of = |pattern: &str| surely_inexact(&parse(pattern).unwrap());
        assert!(
            sure_of("a[ab]{20}b") && sure_of("(?i)sherlock holmes") && sure_of("[a-k]x") && sure_of(&"z".repeat(101))
        );
        assert!(sure_of("zzz[0-9]{2,4}?") && sure_of("(?:a[bc]{1,2}){3}") && sure_of("x{1,2}"));
        assert!(!sure_of("(?:ab){0,2}?a") && !sure_of("a{1,2}|b") && !sure_of("(?:x{1,2})?"));
        assert!(!sure_of("[ab][12]") && !sure_of("(?i)the") && !sure_of("a|a[a-z]") && !sure_of(&"z".repeat(100)));
    }

    #[test]
    fn literals_get_the_searcher_the_meta_regex_would_pick() {
        let hay = b"agggtaaa tttaccct a b c d cat dog bird tHe The thE samwise sam xa ab a2b1";
        // Teddy's packed searcher where the meta regex's prefilter is Teddy.
        assert_eq!(searcher_of("agggtaaa|tttaccct", hay), "packed");
        assert_eq!(searcher_of("cat|dog|bird", hay), "packed");
        assert_eq!(searcher_of("(?i)the", hay), "packed");
        assert_eq!(searcher_of("[ab][12]", hay), "packed");
        assert_eq!(searcher_of("a|b|c|d", hay), "packed");
        // memchr2 and memchr3 come before Teddy; one literal is memchr or
        // memmem (`One` unless case folding or a class makes it a set).
        assert_eq!(searcher_of("a|b", hay), "prefilter");
        assert_eq!(searcher_of("[abc]", hay), "prefilter");
        assert_eq!(searcher_of("cat", hay), "one");
        // "samwise" can never win over "sam": one literal left, memmem.
        assert_eq!(searcher_of("sam|samwise", hay), "prefilter");
        // More literals than Teddy takes: Aho-Corasick.
        let many: Vec<String> = (0..80).map(|i| format!("{:05}", i * 7919 % 100_000)).collect();
        let hay = many.iter().rev().map(|w| format!("{w} ")).collect::<String>();
        assert_eq!(searcher_of(&many.join("|"), hay.as_bytes()), "prefilter");
    }
}
