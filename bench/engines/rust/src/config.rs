//! engine.h's engine_config, and the meta::Regex it describes, built the way
//! regex::bytes::RegexBuilder builds one (leftmost-first, UTF-8 mode off so
//! any haystack bytes can be searched) with rebar's size limit.

use std::ffi::{c_char, c_int};

use regex_automata::{
    meta::{self, Regex},
    util::syntax,
    MatchKind,
};

/// Mirrors `engine_config` in bench/engines/core/engine.h field by field.
#[repr(C)]
pub struct EngineConfig {
    patterns: *const *const c_char,
    pattern_lens: *const usize,
    pattern_count: usize,
    case_insensitive: c_int,
    unicode: c_int,
    engine: *const c_char,
    model: *const c_char,
}

/// The engines this runner serves (engine.h's `--engine NAME`).
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Which {
    /// regex-automata's meta::Regex, the regex crate's engine (the default).
    Regex,
    /// The aho-corasick crate, the patterns as literals, leftmost-first:
    /// rebar's rust/aho-corasick/dfa.
    AhoCorasick,
    /// The standard library: `str::to_lowercase` for the lowercase model.
    Std,
}

impl EngineConfig {
    /// The engine asked for, or an error naming the ones there are.
    ///
    /// # Safety
    /// `engine` is NULL or a NUL-terminated string, as engine.h says.
    pub(crate) unsafe fn which(&self) -> Result<Which, String> {
        if self.engine.is_null() {
            return Ok(Which::Regex);
        }
        match std::ffi::CStr::from_ptr(self.engine).to_bytes() {
            b"rust/regex" => Ok(Which::Regex),
            b"rust/aho-corasick" => Ok(Which::AhoCorasick),
            b"rust/std" => Ok(Which::Std),
            other => Err(format!(
                "no engine {:?} in this runner (rust/regex, rust/aho-corasick, rust/std)",
                String::from_utf8_lossy(other)
            )),
        }
    }

    pub(crate) fn case_insensitive(&self) -> bool {
        self.case_insensitive != 0
    }

    /// The benchmark's model.
    ///
    /// # Safety
    /// As for `which`, for `model`.
    pub(crate) unsafe fn model(&self) -> &[u8] {
        if self.model.is_null() {
            b""
        } else {
            std::ffi::CStr::from_ptr(self.model).to_bytes()
        }
    }
}

/// rebar's regex runners raise the NFA size limit to 100 MiB so that its big
/// benchmark regexes (dictionaries, Unicode classes) compile.
const NFA_SIZE_LIMIT: usize = 100 * (1 << 20);
/// The regex crate's default lazy DFA cache capacity.
const HYBRID_CACHE_CAPACITY: usize = 2 * (1 << 20);

/// The patterns of `cfg`, checked to be UTF-8.
///
/// # Safety
/// `cfg` must follow engine.h: `pattern_count` entries in both arrays, each
/// pattern pointing at `pattern_lens[i]` readable bytes.
pub(crate) unsafe fn patterns(cfg: &EngineConfig) -> Result<Vec<&str>, String> {
    if cfg.pattern_count > 0 && (cfg.patterns.is_null() || cfg.pattern_lens.is_null()) {
        return Err("rust/regex: engine_config has NULL pattern arrays".to_string());
    }
    (0..cfg.pattern_count)
        .map(|i| {
            let ptr = *cfg.patterns.add(i);
            let len = *cfg.pattern_lens.add(i);
            if ptr.is_null() {
                return Err(format!("rust/regex: pattern {i} is NULL"));
            }
            let bytes = std::slice::from_raw_parts(ptr.cast::<u8>(), len);
            std::str::from_utf8(bytes).map_err(|e| format!("rust/regex: pattern {i} is not valid UTF-8: {e}"))
        })
        .collect()
}

/// Compiles the regex `cfg` describes; several patterns make one regex that
/// reports which pattern matched (meta::Regex::new_many's semantics).
///
/// # Safety
/// As for `patterns`.
pub(crate) unsafe fn compile(cfg: &EngineConfig) -> Result<Regex, String> {
    let pats = patterns(cfg)?;
    let syntax =
        syntax::Config::new().utf8(false).unicode(cfg.unicode != 0).case_insensitive(cfg.case_insensitive != 0);
    let meta = meta::Config::new()
        .match_kind(MatchKind::LeftmostFirst)
        .utf8_empty(false)
        .nfa_size_limit(Some(NFA_SIZE_LIMIT))
        .hybrid_cache_capacity(HYBRID_CACHE_CAPACITY);
    Regex::builder().syntax(syntax).configure(meta).build_many(&pats).map_err(|e| match std::error::Error::source(&e) {
        Some(cause) => format!("rust/regex: {e}: {}", one_line(&cause.to_string())),
        None => format!("rust/regex: {e}"),
    })
}

/// regex-syntax draws its errors over several lines (the pattern, a caret
/// line, then "error: what"), but the core reports an error on one line: keep
/// the "error:" line, which says what is wrong.
fn one_line(msg: &str) -> String {
    match msg.lines().rev().find_map(|l| l.trim().strip_prefix("error: ")) {
        Some(what) => what.to_string(),
        None => msg.split_whitespace().collect::<Vec<_>>().join(" "),
    }
}
