//! Per-thread scratch space. A [`Cache`] belongs to one regex and one thread
//! at a time; searches that get none borrow one from the regex's pool.

use std::sync::Weak;

use regex_automata::{hybrid, meta, nfa::thompson::pikevm};

use crate::regex::Inner;
use crate::short::StartSkip;

/// The mutable state searches need: the meta regex's caches and the lazy
/// DFA's transition table. Created empty-ish, grown on demand, reused.
pub(crate) struct Scratch {
    pub meta: meta::Cache,
    /// The lazy DFA's cache, made on its first use.
    pub lazy: Option<hybrid::dfa::Cache>,
    /// The All-kind set twin's cache, made on the first set query.
    pub set: Option<meta::Cache>,
    /// The earliest-find lazy DFA pair's cache, made on first use.
    pub earliest: Option<hybrid::regex::Cache>,
    /// The earliest-captures PikeVM's cache, made on first use.
    pub pikevm: Option<pikevm::Cache>,
    /// The short-span walk's start-state skip table, made on first use.
    pub skip: Option<StartSkip>,
    /// The scratch of the regex's byte-mode twin (regex.rs:
    /// `Inner::invalid_twin`), made on first use.
    pub twin: Option<Box<Scratch>>,
}

impl Scratch {
    pub fn new(meta: &meta::Regex) -> Scratch {
        Scratch {
            meta: meta.create_cache(),
            lazy: None,
            set: None,
            earliest: None,
            pikevm: None,
            skip: None,
            twin: None,
        }
    }
}

/// Scratch space for searching with one [`crate::Regex`] from one thread.
/// Passing a cache makes searches allocation-free once it has warmed up.
///
/// ```
/// use ferrex::{Regex, Search};
/// let re = Regex::new(r"\d+").unwrap();
/// let mut cache = re.create_cache();
/// assert!(re.is_match(Some(&mut cache), b"a 42", &Search::default()).unwrap());
/// ```
pub struct Cache {
    pub(crate) owner: Weak<Inner>,
    pub(crate) scratch: Scratch,
}
