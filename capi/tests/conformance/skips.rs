//! Every test the runner does not run, and why. This is the only place a
//! test can be skipped. An entry belongs here only when the C API has no
//! way to express what the test asks for, or the test's expectations are
//! not the regex crate's; a test that runs and gets a wrong answer is a
//! failure, never a skip.

use crate::spec::{MatchKind, RegexTest, Regexes, SearchKind};

/// Why `test` is skipped, or None to run it.
pub fn skip_reason(test: &RegexTest) -> Option<&'static str> {
    match test {
        // regex-lite.toml pins down regex-lite's own semantics where they
        // differ from the regex crate's (ASCII-only \d, \s, \w and \b even
        // in Unicode mode). rust-lang/regex loads it only in regex-lite's
        // tests, never in the regex or regex-automata suites ferrex follows.
        t if t.group == "regex-lite" => Some("regex-lite's semantics, not the regex crate's (not in regex's suite)"),
        t if t.match_kind == MatchKind::LeftmostLongest => {
            Some("match-kind leftmost-longest: the C API offers leftmost-first and all only")
        }
        // The C API's set query (ferrex_regex_which_matches) always reports
        // every pattern that matches anywhere, as the regex crate's RegexSet
        // does, whatever the match kind. Leftmost-first overlapping search
        // (a DFA mode that hides a pattern losing to an earlier one, e.g.
        // "samwise" behind "sam") is a different question the API does not ask.
        // With one pattern the two questions coincide, so those tests run.
        t if t.search_kind == SearchKind::Overlapping
            && t.match_kind == MatchKind::LeftmostFirst
            && matches!(&t.regex, Regexes::Many(list) if list.len() > 1) =>
        {
            Some("multi-pattern overlapping search under leftmost-first: the C set query has RegexSet semantics for every match kind")
        }
        t if t.line_terminator != b'\n' => {
            Some("line-terminator other than \\n: the C API has no option to set the line terminator")
        }
        _ => None,
    }
}
