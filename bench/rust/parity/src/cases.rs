//! The parity cases: for every strategy regex-automata's meta regex can
//! pick (meta/strategy.rs, meta/reverse_inner.rs), patterns of the shapes
//! that strategy exists for, each searched in text it is meant for.
//!
//! - prefilter-only (`Pre`): the regex is a finite set of literals with no
//!   look-around or groups, so a literal searcher (memchr, memmem, Teddy,
//!   Aho-Corasick) alone reports matches.
//! - `Core` with a prefix prefilter: a literal every match starts with
//!   lets the lazy DFA skip ahead; look-around or groups keep the regex
//!   engine in play.
//! - `Core` without one: nothing to skip to, every byte through the DFA;
//!   one-pass DFA for anchored captures.
//! - `ReverseAnchored`: anchored at the end only; scanned backwards from it.
//! - `ReverseSuffix`: no usable prefix but a literal suffix every match
//!   ends with; find it, scan backwards for the start.
//! - `ReverseInner`: no prefix or suffix but a literal inside every match;
//!   find it, scan backwards, then forwards.
//!
//! The strategy named here is checked against what the meta regex built
//! (main.rs), so a case cannot silently measure another strategy.

use crate::texts::Text;

/// FERREX_FLAG_NO_UNICODE | FERREX_FLAG_NO_UTF8: rebar's byte mode.
pub const BYTES: u32 = (1 << 5) | (1 << 6);
/// FERREX_FLAG_CASE_INSENSITIVE.
pub const CASELESS: u32 = 1 << 0;

pub struct Case {
    /// The meta regex strategy the case is for.
    pub strategy: &'static str,
    pub name: &'static str,
    pub patterns: &'static [&'static str],
    pub flags: u32,
    pub text: Text,
}

const fn case(strategy: &'static str, name: &'static str, patterns: &'static [&'static str], text: Text) -> Case {
    Case { strategy, name, patterns, flags: 0, text }
}

const fn with_flags(mut c: Case, flags: u32) -> Case {
    c.flags = flags;
    c
}

pub const CASES: &[Case] = &[
    // Prefilter-only: one literal (memmem), a common short one, one byte
    // (memchr), a few alternatives (Teddy), a class product, many words
    // (Aho-Corasick).
    case("Pre", "literal", &["Sherlock Holmes"], Text::English),
    case("Pre", "literal-common", &["the"], Text::English),
    case("Pre", "byte", &["@"], Text::Log),
    case("Pre", "alternates", &["Sherlock|Holmes|Watson|Irene|Adler"], Text::English),
    case("Pre", "class-product", &["[Tt]he [a-c]"], Text::English),
    case("Pre", "many-words", &[crate::texts::WORDS], Text::English),
    with_flags(case("Pre", "literal-bytes", &["Watson"], Text::English), BYTES),
    // Core with a fast prefix prefilter.
    case("Core", "prefix-then-word", &[r"Sherlock\s+\w+"], Text::English),
    case("Core", "word-bounded-literal", &[r"\bthe\b"], Text::English),
    with_flags(case("Core", "caseless-literal", &["sherlock holmes"], Text::English), CASELESS),
    case("Core", "literal-groups", &[r"(Sherlock|John) (Holmes|Watson)"], Text::English),
    case("Core", "many-patterns", &["Sherlock", "Holmes", r"Watson\w*", "Irene"], Text::English),
    // Core with nothing to skip to: every byte through the DFA.
    case("Core", "word", &[r"\w+"], Text::English),
    case("Core", "capitalised", &[r"[A-Z][a-z]+"], Text::English),
    case("Core", "five-letter-word", &[r"\b\w{5}\b"], Text::English),
    case("Core", "two-words-captured", &[r"(\w+)\s+(\w+)"], Text::English),
    case("Core", "unicode-word", &[r"\w+"], Text::Russian),
    case("Core", "unicode-bounded-word", &[r"\b\w+\b"], Text::Russian),
    case("Core", "letter-classes", &[r"\p{Lu}\p{Ll}+"], Text::Russian),
    with_flags(case("Core", "bytes-word", &[r"\w+\s+\w+"], Text::English), BYTES),
    case("Core", "classes-set", &[r"\d+", r"[A-Z]+", r"\s{2,}"], Text::Log),
    // Core, patterns that match empty: in UTF-8 mode the meta regex skips
    // empty matches that would split a character (its utf8-empty rule).
    case("Core", "lines-or-empty", &[r"(?m)^.*$"], Text::English),
    case("Core", "word-or-empty", &[r"\w*"], Text::Russian),
    // Core, always anchored at the start: one-pass DFA for captures.
    case("Core", "anchored-onepass", &[r"^(\d{4})-(\d{2})-(\d{2}) (\w+)"], Text::Log),
    // Reverse anchored: a match must end at the end.
    case("ReverseAnchored", "word-at-end", &[r"\w$"], Text::English),
    case("ReverseAnchored", "printable-run-at-end", &[r"[ -~]*ABCDEFGHIJKLMNOPQRSTUVWXYZ$"], Text::English),
    case("ReverseAnchored", "suffix-at-end", &[r"[a-z]+\.$"], Text::English),
    // Core with a literal every match contains but no reverse strategy
    // (an earlier suffix match could sit inside a longer match).
    case("Core", "word-then-literal", &[r"\w+Holmes"], Text::English),
    case("Core", "ing-words", &[r"[a-z]+ing"], Text::English),
    // Reverse suffix: a literal every match ends with.
    case("ReverseSuffix", "spaces-then-literal", &[r"\s+Holmes"], Text::English),
    case("ReverseSuffix", "digits-then-unit", &[r"\d+ms"], Text::Log),
    case("ReverseSuffix", "host-then-domain", &[r"[a-z0-9]+\.org"], Text::Log),
    // Reverse inner: a literal inside every match.
    case("ReverseInner", "words-around-literal", &[r"\w+\s+Holmes\s+\w+"], Text::English),
    case("ReverseInner", "date", &[r"\d{4}-\d{2}-\d{2}"], Text::Log),
    case("ReverseInner", "email", &[r"[a-z0-9]+@[a-z0-9]+\.[a-z]{2,}"], Text::Log),
    case("ReverseSuffix", "unicode-words-then-literal", &[r"\w+\s+Холмс"], Text::Russian),
];
