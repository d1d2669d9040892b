//! What compiling refuses so that no search has to allocate gigabytes and
//! no compile runs for seconds (issue 13), and what still compiles.

use ferrex::{ErrorKind, Flags, Options, PhraseOptions, PhraseSet, Regex, Search, Template};

fn literals(n: usize) -> Vec<String> {
    (0..n).map(|i| format!("p{i:06}")).collect()
}

#[test]
fn many_patterns_are_refused_by_the_search_memory_limit() {
    // 20,000 literals: the first search once aborted on a 64 GB allocation.
    let err = Regex::with_options(&literals(20_000), Flags::empty(), &Options::default()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::SizeLimit);
    // 2,500 would need 1.9 GB per cache: over the default 512 MiB.
    let err = Regex::with_options(&literals(2_500), Flags::empty(), &Options::default()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::SizeLimit);
    assert!(err.message().contains("search memory limit"), "{}", err.message());
    // A few hundred fit, search, and answer the set query.
    let re = Regex::with_options(&literals(300), Flags::empty(), &Options::default()).unwrap();
    let m = re.find(None, b"xx p000299 yy", &Search::default()).unwrap().unwrap();
    assert_eq!((m.start, m.pattern), (3, 299));
    let mut hits = vec![false; 300];
    re.which_matches(None, b"p000007p000123", &Search::default(), &mut hits).unwrap();
    assert!(hits[7] && hits[123] && !hits[8]);
    // The caller sets the bound.
    let tight = Options::new().search_memory_limit(1 << 20);
    let err = Regex::with_options(&literals(300), Flags::empty(), &tight).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::SizeLimit);
    // 100,000 literals are refused before the meta regex is built (19 s before).
    let err = Regex::with_options(&literals(100_000), Flags::empty(), &Options::default()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::SizeLimit);
}

#[test]
fn huge_patterns_are_refused_before_parsing_or_building() {
    // 10 MB of `(`: 3.2 GB and a 20 MB message before; now refused unread.
    let err = Regex::new(&"(".repeat(10_000_000)).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::SizeLimit);
    assert!(err.message().len() < 300);
    // 1 MB of `a?`: the NFA lower bound refuses it without building.
    let err = Regex::new(&"a?".repeat(500_000)).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::SizeLimit);
    // A long pattern's syntax error says where, without quoting it all.
    let long = format!("{}[z-a]", "a".repeat(5_000));
    let err = Regex::new(&long).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Syntax);
    assert!(err.message().len() < 300 && err.message().contains("5001"), "{}", err.message());
    // Raising the NFA limit raises the length limit with it.
    let roomy = Options::new().nfa_size_limit(100 << 20);
    assert!(Regex::with_options(&["a".repeat(2_000_000)], Flags::empty(), &roomy).is_ok());
}

#[test]
fn a_unicode_folded_phrase_set_of_many_phrases_is_refused_quickly() {
    // 20,000 folded phrases go through the regex backend: refused by the
    // same bounds (once a 16 GB abort on the first set query).
    let phrases = literals(20_000);
    let opts = PhraseOptions::new().unicode_case_insensitive(true);
    match PhraseSet::new(&phrases, &opts) {
        Err(e) => assert_eq!(e.kind(), ErrorKind::SizeLimit),
        Ok(set) => assert!(set.is_match(b"p012345", &Search::default()).unwrap()),
    }
}

#[test]
fn templates_share_their_group_tables() {
    // 40 KB of `$0` over 1,000 patterns took 101 MB: one table per group now.
    let re = Regex::with_options(
        &(0..1_000).map(|i| format!("w{i}")).collect::<Vec<_>>(),
        Flags::empty(),
        &Options::default(),
    )
    .unwrap();
    let template = Template::new(&re, "$0".repeat(20_000).as_bytes()).unwrap();
    let out = re.replace(None, b"w5 w7", &Search::default(), &template, 0).unwrap();
    assert_eq!(out.len(), 2 * 2 * 20_000 + 1);
}

#[test]
fn a_regex_that_compiles_answers_set_queries_past_the_reverse_nfa_limit() {
    // 64 patterns (the many-pattern paths, which build no reverse NFA at
    // compile time) whose forward NFA fits 2 MB and whose reverse one does
    // not: the set query's twin once failed to build, and which_matches
    // refused with a size-limit error the compile had not given.
    let patterns: Vec<String> = (0..64).map(|i| format!(r"\PL{i}")).collect();
    let re = Regex::with_options(&patterns, Flags::empty(), &Options::default().nfa_size_limit(2 << 20)).unwrap();
    for (hay, want) in [(&b" 1 27"[..], vec![1, 2, 7, 27]), (b"x1", vec![]), (b"", vec![])] {
        let mut matched = vec![false; 64];
        re.which_matches(None, hay, &Search::default(), &mut matched).unwrap();
        let got: Vec<usize> = (0..64).filter(|&i| matched[i]).collect();
        assert_eq!(got, want, "{:?}", String::from_utf8_lossy(hay));
        assert_eq!(re.is_match(None, hay, &Search::default()).unwrap(), !want.is_empty());
    }
}
