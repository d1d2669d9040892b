//! The engine answers with its own choice of engine (strategy.rs: the meta
//! regex, or ferrex's walk, full DFA and rejections). Whatever it picks, the
//! answers must be the meta regex's: these tests compare them over a table
//! of patterns and haystacks (short and long), with the full DFA on and off,
//! in every search mode, once per engine path (the engine's choice, and
//! every query forced through each path: feature `testing`).

use ferrex::testing::{with_path, Forced};
use ferrex::{Anchor, FindState, Flags, MatchKind, Options, Regex, Search};
use regex_automata::{meta, util::syntax, Anchored, Input, PatternID};

const PATTERNS: &[&[&str]] = &[
    &["abc"],
    &[r"\d{4}-\d{2}-\d{2}"],
    &[r"\bcat\b"],
    &[r"\w+@\w+\.\w+"],
    &[r"(?i)sherlock|holmes|watson"],
    &[r"[a-z]+ing"],
    // Regexes that match the empty string: without look-around at every
    // position (is-match answers without a search outside UTF-8 mode),
    // with it only where the assertion holds.
    &[r"a*"],
    &[""],
    &[r"(?:ab)?c*"],
    &[r"^a*"],
    &[r"a*$"],
    &[r"\b(?:cat)?"],
    &[r"(?m)^\w+$"],
    &[r"\b\w+\b"],
    &["foo", "foobar", r"\d+", "bar"],
    &[r"[0-9]+", r"[a-z]+", r"\s+"],
    &[r"(a|aa)+$"],
    &[r"é+|ß"],
    // Required literals inside groups and repetitions (spans without them
    // are rejected before any automaton runs).
    &[r"x(?:ab){2,}(y)"],
    &[r"(?:cat)+\b"],
    // A required literal the meta regex does not search for (it scans
    // every byte): short unanchored spans without it are rejected ahead of
    // the meta regex, also for captures and iteration.
    &[r"\w+cat"],
    // Required literals the meta regex searches for itself (reverse
    // suffix, reverse inner): short spans without the literal's rarest byte
    // are rejected ahead of it for is-match, find, count and captures; "H"
    // and "m" also occur without "Holmes" and "ms".
    &[r"\s+(Holmes)"],
    &[r"(\d+)ms"],
    &[r"(\w+)\s+Holmes\s+(\w+)"],
    // A regex that is one literal: its occurrences are searched for
    // directly (exact.rs); "aa" overlaps itself, "é" spans two bytes.
    &["aa"],
    &["@"],
    &["é"],
    &["cat"],
    // Regexes whose matches are the occurrences of a few literals, found
    // by the prefilter alone (exact.rs): an alternation, one trimmed by
    // preference ("samwise" can never win), case folding, small classes.
    &["cat|dog|bird"],
    &["sam|samwise"],
    &["(?i)cat"],
    &["[ab][12]"],
];

const HAYSTACKS: &[&str] = &[
    "",
    "abc",
    "id 2024-05-0x ok, 2024-05-01 fine",
    "the cat concat cats catalog cat",
    "mail bob@example.com or alice@x.org",
    "Sherlock HOLMES and watson",
    "singing and dancing",
    "baaab",
    "line one\nline\n two",
    "foobar 123 bar foo",
    "aaaaaaaaaa",
    "naïve café ÉÉé straße ☃ cat",
    "xabababy xaby catécat catcat écat",
    "a1b2 samwise sam dog bird CAT cAt a2a",
    // A tail as short as the shortest literal but not the longest.
    "a catdog",
    "Hello Holm, 12 m 3 s said Mr Holmes in 40ms to Sherlock  Holmes ok",
];

fn reference(patterns: &[&str], flags: &syntax::Config, kind: regex_automata::MatchKind) -> meta::Regex {
    meta::Builder::new()
        .syntax(*flags)
        // Byte mode also lets empty matches split codepoints, as regex::bytes does.
        .configure(meta::Config::new().match_kind(kind).utf8_empty(flags.get_utf8()))
        .build_many(patterns)
        .unwrap()
}

fn searches(len: usize, patterns: usize) -> Vec<Search> {
    let mut out = vec![Search::default(), Search::default().earliest(true), Search::default().anchored(Anchor::Start)];
    for (s, e) in [(1, len), (0, len.saturating_sub(1)), (len / 2, len), (len / 3, 2 * len / 3)] {
        if s <= e {
            out.push(Search::bounds(s, e));
            out.push(Search::bounds(s, e).anchored(Anchor::Start));
        }
    }
    for p in 0..patterns {
        out.push(Search::default().anchored(Anchor::Pattern(p)));
    }
    out
}

fn input<'h>(hay: &'h [u8], s: &Search) -> Input<'h> {
    let anchored = match s.anchor {
        Anchor::None => Anchored::No,
        Anchor::Start => Anchored::Yes,
        Anchor::Pattern(p) => Anchored::Pattern(PatternID::must(p)),
    };
    Input::new(hay).range(s.start..s.end.unwrap_or(hay.len())).anchored(anchored).earliest(s.earliest)
}

/// The haystacks, and long versions of them: each repeated past 600 bytes,
/// where ferrex's long-span paths run.
fn haystacks() -> Vec<Vec<u8>> {
    let mut out: Vec<Vec<u8>> = HAYSTACKS.iter().map(|h| h.as_bytes().to_vec()).collect();
    for h in HAYSTACKS.iter().filter(|h| !h.is_empty()) {
        out.push(h.repeat(600 / h.len() + 1).into_bytes());
    }
    out
}

fn check(flags: Flags, syntax: syntax::Config, kind: MatchKind) {
    for path in [None, Some(Forced::Meta), Some(Forced::Own)] {
        with_path(path, || check_path(flags, syntax, kind));
    }
}

fn check_path(flags: Flags, syntax: syntax::Config, kind: MatchKind) {
    let ra_kind = match kind {
        MatchKind::LeftmostFirst => regex_automata::MatchKind::LeftmostFirst,
        MatchKind::All => regex_automata::MatchKind::All,
    };
    for patterns in PATTERNS {
        let want = reference(patterns, &syntax, ra_kind);
        for dfa_size_limit in [0, Options::default().get_dfa_size_limit()] {
            let opts = Options::new().dfa_size_limit(dfa_size_limit).match_kind(kind);
            let re = Regex::with_options(patterns, flags, &opts).unwrap();
            let mut cache = re.create_cache();
            for hay in haystacks() {
                let hay = &hay[..];
                for s in searches(hay.len(), patterns.len()) {
                    let inp = input(hay, &s);
                    let ctx = format!(
                        "{patterns:?} on {:?} with {s:?}, dfa limit {dfa_size_limit}, path {:?}",
                        String::from_utf8_lossy(&hay[..hay.len().min(60)]),
                        ferrex::testing::forced()
                    );
                    assert_eq!(
                        re.is_match(Some(&mut cache), hay, &s).unwrap(),
                        want.is_match(inp.clone()),
                        "is_match {ctx}"
                    );
                    assert_eq!(
                        re.is_match(None, hay, &s).unwrap(),
                        want.is_match(inp.clone()),
                        "pooled is_match {ctx}"
                    );
                    if kind == MatchKind::LeftmostFirst && !s.earliest {
                        // Earliest and All-kind find report "a" match whose
                        // end depends on the engine; conformance covers them.
                        let got = re.find(Some(&mut cache), hay, &s).unwrap().map(|m| (m.start, m.end, m.pattern));
                        let exp = want.search(&inp).map(|m| (m.start(), m.end(), m.pattern().as_usize()));
                        assert_eq!(got, exp, "find {ctx}");
                    }
                    if kind == MatchKind::LeftmostFirst && !s.earliest {
                        let mut caps = re.create_captures();
                        let matched = re.captures(Some(&mut cache), hay, &s, &mut caps).unwrap();
                        let mut exp = want.create_captures();
                        want.search_captures(&inp, &mut exp);
                        assert_eq!(matched, exp.is_match(), "captures {ctx}");
                        for g in 0..caps.group_count().unwrap_or(0) {
                            let got = caps.get(g).unwrap().map(|m| (m.start, m.end));
                            assert_eq!(got, exp.get_group(g).map(|m| (m.start, m.end)), "group {g} of captures {ctx}");
                        }
                    }
                    // Iteration reports the meta regex's find_iter matches
                    // (where the answer is not engine-defined), and count
                    // is iteration without the starts: the same number.
                    let mut it = FindState::new(&re, hay.len(), &s).unwrap();
                    let mut iterated = vec![];
                    while let Some(m) = it.next(&re, &mut cache, hay).unwrap() {
                        iterated.push((m.start, m.end, m.pattern));
                    }
                    if kind == MatchKind::LeftmostFirst && !s.earliest {
                        let exp: Vec<_> =
                            want.find_iter(inp.clone()).map(|m| (m.start(), m.end(), m.pattern().as_usize())).collect();
                        assert_eq!(iterated, exp, "iteration {ctx}");
                    }
                    assert_eq!(re.count(Some(&mut cache), hay, &s).unwrap(), iterated.len(), "count {ctx}");
                }
            }
        }
    }
}

#[test]
fn default_flags_agree_with_meta() {
    check(Flags::empty(), syntax::Config::new(), MatchKind::LeftmostFirst);
}

#[test]
fn case_insensitive_agrees_with_meta() {
    check(Flags::CASE_INSENSITIVE, syntax::Config::new().case_insensitive(true), MatchKind::LeftmostFirst);
}

#[test]
fn ascii_byte_mode_agrees_with_meta() {
    check(
        Flags::NO_UNICODE | Flags::NO_UTF8,
        syntax::Config::new().unicode(false).utf8(false),
        MatchKind::LeftmostFirst,
    );
}

#[test]
fn match_kind_all_is_match_agrees_with_meta() {
    check(Flags::empty(), syntax::Config::new(), MatchKind::All);
}

/// `has_full_dfa` answers whether searches would use one: small patterns
/// whose DFA accelerates.
#[test]
fn small_accelerating_patterns_get_a_full_dfa_and_others_do_not() {
    assert!(Regex::new("abc").unwrap().has_full_dfa());
    assert!(Regex::new(r"a[0-9]+x").unwrap().has_full_dfa());
    // Small, but every state has more than three exits (`s`, `S`, `h`,
    // `H` and the first byte of U+017F leave the start state).
    assert!(!Regex::new(r"(?i)sherlock|holmes").unwrap().has_full_dfa());
    assert!(!Regex::new(r"[a-z]+[0-9]").unwrap().has_full_dfa());
    // Too big an NFA.
    assert!(!Regex::new(r"\w+@\w+\.\w+").unwrap().has_full_dfa());
    let off = Options::new().dfa_size_limit(0);
    assert!(!Regex::with_options(&["abc"], Flags::empty(), &off).unwrap().has_full_dfa());
    // Too big for a smaller limit.
    let small = Options::new().dfa_size_limit(1 << 10);
    assert!(!Regex::with_options(&[r"(?m)^.{80,}$"], Flags::NO_UNICODE | Flags::NO_UTF8, &small)
        .unwrap()
        .has_full_dfa());
}

#[test]
fn debug_reports_the_full_dfa_without_building_it_and_memory_usage_counts_it_once_built() {
    let re = Regex::new("a[0-9]+x").unwrap();
    let before = re.memory_usage();
    assert!(format!("{re:?}").contains("full_dfa_built: false"), "{re:?}");
    // Debug built nothing: the figure is unchanged.
    assert_eq!(re.memory_usage(), before);
    assert!(re.has_full_dfa());
    assert!(format!("{re:?}").contains("full_dfa_built: true"), "{re:?}");
    assert!(re.memory_usage() > before, "{} <= {before}", re.memory_usage());
}

/// Lines of 1 to 159 bytes of words, digits, `am`/`pm` and `=`, about
/// `len` bytes in all.
fn prose_lines(len: usize) -> Vec<u8> {
    let mut x: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = |m: u64| {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x % m
    };
    let words: [&[u8]; 8] = [b"the", b"at", b"9 am", b"12pm", b"x=1", b"holmes", b"2024", b"a"];
    let mut text = Vec::with_capacity(len + 200);
    while text.len() < len {
        let line = 1 + next(159) as usize;
        let start = text.len();
        while text.len() - start < line {
            text.extend_from_slice(words[next(8) as usize]);
            text.push(b' ');
        }
        text.push(b'\n');
    }
    text
}

/// Searches determinize the full DFA themselves, within a budget of the
/// bytes they have read (regex.rs: `Inner::try_dense`): one attempt per
/// doubling of those bytes, all of them together within 2/128 of them, and
/// a DFA kept only where it accelerates. A DFA too big for the first
/// attempt's budget is built by a later one. Every count is the meta
/// regex's.
#[test]
fn searches_determinize_the_full_dfa_within_a_budget_of_the_bytes_they_read() {
    let text = prose_lines(300 << 10);
    let bytes = Flags::NO_UNICODE | Flags::NO_UTF8;
    let all = Search::default();
    // (pattern, flags, accelerates, built by the first search)
    for (pattern, flags, accelerates, at_once) in [
        (r".*.*=.*", bytes, true, true),
        (r"(?m)^.{80,}$", bytes, true, false),
        (r"\d+\s*(?:am|pm)", Flags::empty(), false, false),
        (r"[a-z]+[0-9]", Flags::empty(), false, false),
        (r"(?m)^(?:[a-z]+ ){3,}[0-9]+", Flags::empty(), true, true),
    ] {
        let expected = with_path(Some(Forced::Meta), || {
            Regex::with_options(&[pattern], flags, &Options::new()).unwrap().count(None, &text, &all).unwrap()
        });
        let re = Regex::with_options(&[pattern], flags, &Options::new()).unwrap();
        assert!(re.pattern_count() == 1 && format!("{re:?}").contains("meta_shape: Scan"), "{pattern}: {re:?}");
        ferrex::testing::take_dense_attempts();
        let (mut seen, mut attempts, mut spent) = (0u64, 0u64, 0u64);
        let mut built_after = None;
        for i in 1..=48 {
            assert_eq!(re.count(None, &text, &all).unwrap(), expected, "{pattern}, search {i}");
            seen += text.len() as u64;
            let (a, s) = ferrex::testing::take_dense_attempts();
            attempts += a;
            spent += s;
            assert!(spent <= 2 * seen / 128, "{pattern}: {spent} bytes of attempts after {seen} searched");
            if built_after.is_none() && format!("{re:?}").contains("full_dfa_built: true") {
                built_after = Some(i);
            }
        }
        // 48 x 300 KiB is 14.4 MiB: attempts at 300 KiB, then each doubling.
        assert!((1..=7).contains(&attempts), "{pattern}: {attempts} attempts");
        assert_eq!(built_after.is_some(), accelerates, "{pattern}: {re:?}");
        assert_eq!(built_after == Some(1), at_once, "{pattern}: built after {built_after:?} searches");
    }
}

/// Counts and is-matches over short spans walk the lazy DFA of the
/// short-span walk (short.rs), which compiles the patterns a second time:
/// only once a regex has been counted `WALK_AFTER` times, or asked
/// is-match that many times (which then builds it for counts too), so
/// that a regex compiled and searched a few times costs what the meta
/// regex costs; never for a regex the meta regex searches with a
/// prefilter or as literals. Every answer is the meta regex's, before and
/// after.
#[test]
fn counts_and_is_matches_build_the_walk_only_once_they_pay_for_it() {
    let all = Search::default();
    let hay = "ab 12 cat 345 x\u{2000}é".as_bytes();
    let after = ferrex::testing::WALK_AFTER;
    for (pattern, walks) in [(r"\w+", true), (r"\s", true), (r"(?m)^\w+", true), (r"[0-9]{2,4}", false), ("cat", false)]
    {
        let want = reference(&[pattern], &syntax::Config::new(), regex_automata::MatchKind::LeftmostFirst);
        let expected = want.find_iter(hay).count();
        assert!(expected > 0, "{pattern}");
        let re = Regex::with_options(&[pattern], Flags::empty(), &Options::new()).unwrap();
        let mut cache = re.create_cache();
        ferrex::testing::take_walk_builds();
        for i in 1..after {
            assert_eq!(re.count(Some(&mut cache), hay, &all).unwrap(), expected, "{pattern}, count {i}");
        }
        assert_eq!(ferrex::testing::take_walk_builds(), 0, "{pattern}: built within {after} counts");
        for i in 0..100 {
            assert_eq!(re.count(Some(&mut cache), hay, &all).unwrap(), expected, "{pattern}, count {} more", i + 1);
        }
        assert_eq!(ferrex::testing::take_walk_builds(), u64::from(walks), "{pattern}: walk built");
        // is-match waits alike (the meta regex answers), then builds it
        // where it walks: counts then use it without a build of their own.
        let re = Regex::with_options(&[pattern], Flags::empty(), &Options::new()).unwrap();
        assert!(re.is_match(Some(&mut cache), hay, &all).is_err(), "{pattern}: another regex's cache");
        let mut cache = re.create_cache();
        for i in 1..after {
            // Every other span without a match.
            let (span, want): (&[u8], bool) = if i % 2 == 0 { (b"-", false) } else { (hay, true) };
            assert_eq!(re.is_match(Some(&mut cache), span, &all).unwrap(), want, "{pattern}, is-match {i}");
        }
        assert_eq!(ferrex::testing::take_walk_builds(), 0, "{pattern}: built within {after} is-matches");
        assert!(re.is_match(Some(&mut cache), hay, &all).unwrap());
        assert_eq!(ferrex::testing::take_walk_builds(), u64::from(walks), "{pattern}: walk built by is-match");
        assert_eq!(re.count(Some(&mut cache), hay, &all).unwrap(), expected, "{pattern}, after is-match");
        assert_eq!(ferrex::testing::take_walk_builds(), 0, "{pattern}: built again by a count");
    }
}

/// Threads sharing a regex race to determinize its full DFA (each attempt
/// within its budget, a lost update only delaying the next): every count
/// stays the meta regex's, and the DFA is built.
#[test]
fn threads_racing_to_determinize_the_full_dfa_all_count_right() {
    let text = prose_lines(300 << 10);
    let all = Search::default();
    for pattern in [r"(?m)^.{80,}$", r"\d+\s*(?:am|pm)"] {
        let flags = Flags::NO_UNICODE | Flags::NO_UTF8;
        let expected = with_path(Some(Forced::Meta), || {
            Regex::with_options(&[pattern], flags, &Options::new()).unwrap().count(None, &text, &all).unwrap()
        });
        let re = Regex::with_options(&[pattern], flags, &Options::new()).unwrap();
        std::thread::scope(|scope| {
            for _ in 0..4 {
                scope.spawn(|| {
                    for i in 0..12 {
                        assert_eq!(re.count(None, &text, &all).unwrap(), expected, "{pattern}, search {i}");
                    }
                });
            }
        });
        // 48 searches of 300 KiB: an accelerating DFA of a few KB is built.
        let built = format!("{re:?}").contains("full_dfa_built: true");
        assert_eq!(built, pattern.starts_with("(?m)"), "{pattern}: {re:?}");
    }
}

/// An alternation of 3,000 literals or more is the meta regex's
/// Aho-Corasick search (regex-automata's meta/literal.rs), which it does
/// not count as accelerated: every query stays with it, so no search
/// builds ferrex's own automata (which would compile the whole
/// dictionary's NFA again, on the search that crossed 256 KiB).
#[test]
fn a_big_alternation_of_literals_stays_with_the_meta_regexs_aho_corasick() {
    let words = |n: usize| (0..n).map(|i| format!("w{i:04}x")).collect::<Vec<_>>().join("|");
    let re = Regex::new(&words(3000)).unwrap();
    assert!(format!("{re:?}").contains("meta_shape: LiteralSet"), "{re:?}");
    assert!(!format!("{:?}", Regex::new(&words(2999)).unwrap()).contains("LiteralSet"));
    let before = re.memory_usage();
    let line = b"a w0001x and w2999x but not w3000x ";
    let text: Vec<u8> = line.iter().copied().cycle().take(line.len() * 10_000).collect();
    let mut cache = re.create_cache();
    let all = ferrex::Search::default();
    assert_eq!(re.count(Some(&mut cache), &text, &all).unwrap(), 20_000);
    for chunk in text.chunks(16) {
        let expected = chunk.windows(6).any(|w| w[0] == b'w' && w[5] == b'x' && &w[1..5] < b"3000".as_slice());
        assert_eq!(re.is_match(Some(&mut cache), chunk, &all).unwrap(), expected, "{:?}", chunk);
    }
    assert_eq!(re.memory_usage(), before, "no automaton of ferrex's was built");
}

/// A regex beside the meta regex it must agree with, each with its own
/// cache and captures.
struct Agreeing {
    re: Regex,
    cache: ferrex::Cache,
    caps: ferrex::Captures,
    want: meta::Regex,
    want_cache: meta::Cache,
    want_caps: regex_automata::util::captures::Captures,
}

impl Agreeing {
    fn new(pattern: &str) -> Agreeing {
        let want = reference(&[pattern], &syntax::Config::new(), regex_automata::MatchKind::LeftmostFirst);
        let re = Regex::with_options(&[pattern], Flags::empty(), &Options::new()).unwrap();
        Agreeing {
            cache: re.create_cache(),
            caps: re.create_captures(),
            want_cache: want.create_cache(),
            want_caps: want.create_captures(),
            re,
            want,
        }
    }

    /// Asserts that find, captures (every group) and a batch of up to four
    /// matches over `search` answer as the meta regex over `input` (the
    /// same haystack and bounds); returns the meta regex's matches.
    fn finds(&mut self, search: &Search, input: &Input<'_>, at: &str) -> Vec<(usize, usize)> {
        let hay = input.haystack();
        let (re, cache, want, want_cache) = (&self.re, &mut self.cache, &self.want, &mut self.want_cache);
        let expected = want.search_with(want_cache, input).map(|m| (m.start(), m.end()));
        let found = re.find(Some(&mut *cache), hay, search).unwrap();
        assert_eq!(found.map(|m| (m.start, m.end)), expected, "find: {at}");
        want.search_captures_with(want_cache, input, &mut self.want_caps);
        assert_eq!(re.captures(Some(&mut *cache), hay, search, &mut self.caps).unwrap(), expected.is_some());
        for group in 0..self.want_caps.group_len() {
            let got = self.caps.get(group).unwrap().map(|m| (m.start, m.end));
            let span = self.want_caps.get_group(group).map(|m| (m.start, m.end));
            assert_eq!(got, span, "captures, group {group}: {at}");
        }
        let mut out = [ferrex::Match::default(); 4];
        let n = re.find_all(Some(cache), hay, search, &mut out).unwrap();
        let all: Vec<_> = regex_automata::util::iter::Searcher::new(input.clone())
            .into_matches_iter(|i| Ok(want.search_with(want_cache, i)))
            .infallible()
            .map(|m| (m.start(), m.end()))
            .collect();
        let got: Vec<_> = out[..n].iter().map(|m| (m.start, m.end)).collect();
        assert_eq!(got, all.iter().copied().take(4).collect::<Vec<_>>(), "find_all: {at}");
        all
    }
}

/// A haystack no match fits (shorter than every match, or for a regex
/// anchored at both ends longer than any: the meta regex's first test,
/// `Strategy::impossible`, and `Regex::rules_out`) is answered without the
/// short-span walk by count, find, captures and a batch of matches, however
/// many such searches there are: they never build the walk's DFA, where
/// each was walked up to where the DFA died (a count of `^\w{30}$` over 52
/// bytes took 4x the regex crate's time). Every answer is the meta regex's,
/// and as many searches of a haystack that fits do build the walk.
#[test]
fn haystacks_no_match_fits_are_answered_without_a_walk() {
    let after = ferrex::testing::WALK_AFTER;
    let all = Search::default();
    for (pattern, ruled_out, fits) in [
        (r"(?-u)^\w{30}$", "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz", "abcdefghijklmnopqrstuvwxyzabcd"),
        (r"(?-u)^a{2,5}$", "aaaaaa", "aaaa"),
        // Eleven 4-byte letters against at most ten.
        (r"^\w{10}$", "\u{1D6C3}".repeat(11).as_str(), "\u{1D6C3}".repeat(10).as_str()),
        (r"^(\d{4})-(\d{2})", "2024-0", "2024-05 and more"),
    ] {
        let mut pair = Agreeing::new(pattern);
        assert!(pair.re.rules_out(ruled_out.len()) && !pair.re.rules_out(fits.len()), "{pattern}");
        ferrex::testing::take_walk_builds();
        for (hay, builds) in [(ruled_out, 0), (fits, 1)] {
            let want = pair.want.find_iter(hay.as_bytes()).count();
            for i in 0..after + 100 {
                let at = format!("{pattern} over {hay:?}, search {i}");
                let matches = pair.finds(&all, &Input::new(hay), &at);
                assert_eq!(matches.len(), want, "{at}");
                assert_eq!(pair.re.count(Some(&mut pair.cache), hay.as_bytes(), &all).unwrap(), want, "count: {at}");
            }
            assert_eq!(ferrex::testing::take_walk_builds(), builds, "{pattern} over {hay:?}: walk builds");
        }
    }
}

/// A span after the haystack's start has no match of a regex anchored
/// there (the meta regex's first test): find, captures and a batch of
/// matches answer it without the short-span walk, however many such
/// searches there are (an iteration's search after each match, a C
/// runner's second captures call on a line with a match), and never build
/// the walk's DFA for them, where each went through the walk's set-up.
/// Every answer is the meta regex's, resumed after a match or not, and as
/// many searches from the start do build the walk.
#[test]
fn spans_after_the_start_of_a_start_anchored_regex_are_answered_without_a_walk() {
    let after = ferrex::testing::WALK_AFTER;
    let hay = "ab 12 cat sat 42\nthe cat sat on";
    for pattern in [r"^ *(\w+) +(\w+)", r"^([a-z]+) (\d+)", r"^(\S{2})(\S)?\b"] {
        let mut pair = Agreeing::new(pattern);
        ferrex::testing::take_walk_builds();
        for (later, builds) in [(true, 0), (false, 1)] {
            for i in 0..after + 100 {
                let start = if later { 1 + i % (hay.len() - 1) } else { 0 };
                let search = Search::bounds(start, hay.len()).after_match(i % 2 == 0);
                let input = Input::new(hay).range(start..);
                pair.finds(&search, &input, &format!("{pattern} from {start}, search {i}"));
            }
            assert_eq!(ferrex::testing::take_walk_builds(), builds, "{pattern}, later {later}: walk builds");
        }
    }
}

/// Find, captures and batches of matches over spans under 64 bytes ask
/// the short-span walk whether the span has a match at all (for a regex
/// anchored at its start), once it is built (after `WALK_AFTER` such
/// searches): every answer stays the meta regex's, on spans inside a
/// haystack (look-around sees the bytes around them), anchored or not,
/// where the walk gives up (a Unicode `\b` meeting non-ASCII text) and
/// where the spans keep matching (the walk pauses). Regexes that walk
/// counts but not this, and ones that walk neither, answer alike.
#[test]
fn the_walk_rejects_only_spans_without_a_match() {
    let text = "ab 12 cat 345 x\u{2000}é\nthe cat sat on 42 mats\n  foo bar baz qux\nЖук 7 ok\n".repeat(3);
    let hay = text.as_bytes();
    let after = ferrex::testing::WALK_AFTER;
    for (pattern, walks) in [
        (r"^ *(\w+) +(\w+)", true),
        (r"^([a-z]+) (\d+)", true),
        (r"^(\S{3})(\S)\b", true),
        // Unanchored, or another strategy: no walk for find and captures.
        (r"(?m)^(\w+) (\w+)$", false),
        (r"\b(\w+)\b", false),
        (r"([a-z]+)(\d)", false),
        (r"(c)(a)t|(\d+)", false),
        (r"(?i)(ok)$", false),
    ] {
        let mut pair = Agreeing::new(pattern);
        ferrex::testing::take_walk_builds();
        for round in ["waiting", "walked"] {
            for start in 0..hay.len() {
                for len in [0, 1, 3, 8, 20, 63] {
                    let end = (start + len).min(hay.len());
                    if round == "walked" {
                        // A cache of its own: the walk's pause (`RarestLuck`)
                        // is the cache's, and would leave spans to the meta
                        // regex after a run of others.
                        pair.cache = pair.re.create_cache();
                    }
                    for (anchor, anchored) in [(Anchor::None, Anchored::No), (Anchor::Start, Anchored::Yes)] {
                        let search = Search::bounds(start, end).anchored(anchor);
                        let input = Input::new(hay).range(start..end).anchored(anchored);
                        pair.finds(&search, &input, &format!("{pattern} ({round}) over {start}..{end} {anchor:?}"));
                    }
                }
            }
            if round == "waiting" {
                // The rest of the wait, on one short span.
                let span = Search::bounds(0, 9);
                for _ in 0..after {
                    pair.re.find(Some(&mut pair.cache), hay, &span).unwrap();
                }
            }
        }
        assert_eq!(ferrex::testing::take_walk_builds(), u64::from(walks), "{pattern}: walk built");
    }
}

/// A regex anchored at its start has no match in a haystack whose first
/// byte kills its DFA's anchored start state (first.rs): is-match, find,
/// captures, count and a batch of matches turn such haystacks away by one
/// load once the walk's DFA is built. Every answer is the meta regex's,
/// before the bytes are learned and after, over haystacks cut from a text
/// at every offset (so each begins with another byte), and haystacks were
/// turned away that way only after.
#[test]
fn haystacks_are_turned_away_by_a_first_byte_no_match_begins_with() {
    let text = "2024-05-01 ok\n  # coding: utf-8\nab 12 cat\n#!/bin/sh -e\nkelvin \u{212A} 7\né 9 K\n".repeat(2);
    let hay = text.as_bytes();
    let after = ferrex::testing::WALK_AFTER;
    for (pattern, learns) in [
        (r"^(\d{4})-(\d{2})", true),
        (r"^[ \t]*#.*?coding[:=]", true),
        // Also the Kelvin sign, whose first byte (E2) must stay in.
        (r"(?i)^k", true),
        (r"^(\w+) (\d+)", true),
        (r"^#!(.*)", true),
        (r"^\b\w+", true),
        // Matches empty at the start: no first byte rules anything out.
        (r"^a*", false),
        // Not anchored at its start: no test.
        (r"(\d+)", false),
    ] {
        let mut pair = Agreeing::new(pattern);
        let matches_empty = pair.re.match_len_bounds().0 == Some(0);
        for round in ["waiting", "learned"] {
            ferrex::testing::take_first_byte_rejections();
            for start in 0..hay.len() {
                for len in [0, 1, 2, 5, 17, 40, 63, 64, 100, 300] {
                    let piece = &hay[start..(start + len).min(hay.len())];
                    if matches_empty && std::str::from_utf8(piece).is_err() {
                        // Empty matches on invalid UTF-8 are byte mode's
                        // (FERREX_FLAG_NO_UTF8's doc), not the meta regex's.
                        continue;
                    }
                    let all = Search::default();
                    let at = format!("{pattern} ({round}) over {:?}", String::from_utf8_lossy(piece));
                    let matches = pair.finds(&all, &Input::new(piece), &at);
                    let (re, cache) = (&pair.re, &mut pair.cache);
                    assert_eq!(re.is_match(Some(cache), piece, &all).unwrap(), !matches.is_empty(), "is-match: {at}");
                    assert_eq!(re.count(Some(cache), piece, &all).unwrap(), matches.len(), "count: {at}");
                }
            }
            let rejected = ferrex::testing::take_first_byte_rejections();
            match round {
                "waiting" => {
                    assert_eq!(rejected, 0, "{pattern}: nothing learned while waiting");
                    // The rest of the wait, for is-match and for find, over
                    // a haystack long enough for every pattern here (one
                    // that length rules out is answered without a walk, and
                    // counts toward none).
                    let wait = b"xxxxxxxxxxxxxxxx";
                    for _ in 0..after {
                        pair.re.is_match(Some(&mut pair.cache), wait, &Search::default()).unwrap();
                        pair.re.find(Some(&mut pair.cache), wait, &Search::default()).unwrap();
                    }
                }
                _ => {
                    assert_eq!(rejected > 0, learns, "{pattern}: {rejected} haystacks turned away by their first byte")
                }
            }
        }
    }
}
