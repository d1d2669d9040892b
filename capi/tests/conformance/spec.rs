//! The test format of the `regex-test` crate (rust-lang/regex), read from
//! TOML into plain structs. Like regex-test, an unknown key is an error: a
//! newer suite must not silently lose an option this runner does not know.

use std::fmt;
use std::path::Path;

use toml::{Table, Value};

/// Byte offsets `[start, end)`.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl fmt::Debug for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}..{}", self.start, self.end)
    }
}

/// An overall match: the pattern that matched and its span.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Match {
    pub id: usize,
    pub span: Span,
}

impl fmt::Debug for Match {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{:?}", self.id, self.span)
    }
}

impl From<&ferrex::ferrex_match> for Match {
    fn from(m: &ferrex::ferrex_match) -> Match {
        Match { id: m.pattern, span: Span { start: m.start, end: m.end } }
    }
}

/// A match with every capture group's span (`None`: the group did not
/// take part). Group 0 is the overall match and is always present.
#[derive(Clone, PartialEq, Eq)]
pub struct Captures {
    pub id: usize,
    pub groups: Vec<Option<Span>>,
}

impl Captures {
    pub fn to_match(&self) -> Match {
        Match { id: self.id, span: self.groups[0].expect("group 0 is always present") }
    }
}

impl fmt::Debug for Captures {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:[", self.id)?;
        for (i, group) in self.groups.iter().enumerate() {
            if i > 0 {
                write!(f, ", ")?;
            }
            match group {
                Some(span) => write!(f, "{span:?}")?,
                None => write!(f, "-")?,
            }
        }
        write!(f, "]")
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MatchKind {
    All,
    LeftmostFirst,
    LeftmostLongest,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SearchKind {
    Earliest,
    Leftmost,
    Overlapping,
}

/// The `regex` key: one pattern, or a list (possibly empty) of patterns
/// that must compile into one multi-pattern regex.
#[derive(Clone, Debug)]
pub enum Regexes {
    One(String),
    Many(Vec<String>),
}

/// One `[[test]]` table, with regex-test's defaults filled in.
#[derive(Clone, Debug)]
pub struct RegexTest {
    /// The file stem, e.g. `anchored` for anchored.toml.
    pub group: String,
    pub name: String,
    pub regex: Regexes,
    /// Already unescaped when the test sets `unescape = true`.
    pub haystack: Vec<u8>,
    pub bounds: Option<Span>,
    pub matches: Vec<Captures>,
    pub match_limit: Option<usize>,
    pub compiles: bool,
    pub anchored: bool,
    pub case_insensitive: bool,
    pub unicode: bool,
    pub utf8: bool,
    /// Exactly one byte, unescaped (the format allows e.g. `'\xFF'`).
    pub line_terminator: u8,
    pub match_kind: MatchKind,
    pub search_kind: SearchKind,
}

impl RegexTest {
    pub fn full_name(&self) -> String {
        format!("{}/{}", self.group, self.name)
    }

    pub fn patterns(&self) -> &[String] {
        match &self.regex {
            Regexes::One(p) => std::slice::from_ref(p),
            Regexes::Many(ps) => ps,
        }
    }

    /// The search bounds; the whole haystack when the test sets none.
    pub fn bounds(&self) -> Span {
        self.bounds.unwrap_or(Span { start: 0, end: self.haystack.len() })
    }

    pub fn expected_matches(&self) -> Vec<Match> {
        self.matches.iter().map(Captures::to_match).collect()
    }

    /// The patterns that match anywhere: sorted, without duplicates.
    pub fn expected_pattern_ids(&self) -> Vec<usize> {
        let mut ids: Vec<usize> = self.matches.iter().map(|c| c.id).collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    }
}

/// Reads every test of one TOML file. Unnamed tests are numbered "1", "2",
/// ... and duplicate names are errors, as in regex-test.
pub fn load_file(path: &Path) -> Result<Vec<RegexTest>, String> {
    let group = path.file_stem().and_then(|s| s.to_str()).ok_or("file name is not UTF-8")?.to_string();
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read: {e}"))?;
    let mut root: Table = text.parse().map_err(|e| format!("invalid TOML: {e}"))?;
    let tables = match root.remove("test") {
        None => vec![],
        Some(Value::Array(items)) => items,
        Some(_) => return Err("`test` is not an array of tables".into()),
    };
    if let Some(key) = root.keys().next() {
        return Err(format!("unknown top-level key `{key}`"));
    }
    let mut tests: Vec<RegexTest> = Vec::with_capacity(tables.len());
    let mut unnamed = 0;
    for (i, item) in tables.into_iter().enumerate() {
        let Value::Table(table) = item else { return Err(format!("test #{} is not a table", i + 1)) };
        let mut test = parse_test(&group, table).map_err(|e| format!("test #{}: {e}", i + 1))?;
        if test.name.is_empty() {
            unnamed += 1;
            test.name = unnamed.to_string();
        }
        if tests.iter().any(|t| t.name == test.name) {
            return Err(format!("duplicate test name `{}`", test.name));
        }
        tests.push(test);
    }
    Ok(tests)
}

fn parse_test(group: &str, mut t: Table) -> Result<RegexTest, String> {
    let name = optional(&mut t, "name", string)?.unwrap_or_default();
    // Report errors under the test's name once it is known.
    let in_test = |e: String| if name.is_empty() { e } else { format!("`{name}`: {e}") };
    let test = parse_fields(group, name.clone(), &mut t).map_err(in_test)?;
    if let Some(key) = t.keys().next() {
        return Err(in_test(format!("unknown key `{key}`")));
    }
    Ok(test)
}

fn parse_fields(group: &str, name: String, t: &mut Table) -> Result<RegexTest, String> {
    let regex = required(t, "regex", regexes)?;
    let unescape_haystack = optional(t, "unescape", boolean)?.unwrap_or(false);
    let haystack = required(t, "haystack", string)?;
    let haystack = if unescape_haystack { unescape(&haystack) } else { haystack.into_bytes() };
    // An empty line terminator means the default; any other is unescaped.
    let line_terminator = match optional(t, "line-terminator", string)?.filter(|s| !s.is_empty()) {
        None => b'\n',
        Some(s) => match unescape(&s)[..] {
            [byte] => byte,
            _ => return Err(format!("line-terminator {s:?} is not exactly one byte")),
        },
    };
    Ok(RegexTest {
        group: group.to_string(),
        name,
        regex,
        haystack,
        bounds: optional(t, "bounds", span)?,
        matches: required(t, "matches", |v| array(v)?.iter().map(captures).collect())?,
        match_limit: optional(t, "match-limit", integer)?,
        compiles: optional(t, "compiles", boolean)?.unwrap_or(true),
        anchored: optional(t, "anchored", boolean)?.unwrap_or(false),
        case_insensitive: optional(t, "case-insensitive", boolean)?.unwrap_or(false),
        unicode: optional(t, "unicode", boolean)?.unwrap_or(true),
        utf8: optional(t, "utf8", boolean)?.unwrap_or(true),
        line_terminator,
        match_kind: optional(t, "match-kind", match_kind)?.unwrap_or(MatchKind::LeftmostFirst),
        search_kind: optional(t, "search-kind", search_kind)?.unwrap_or(SearchKind::Leftmost),
    })
}

/// Removes `key` from the table (so leftovers are unknown keys) and parses it.
fn optional<T>(t: &mut Table, key: &str, parse: impl Fn(&Value) -> Result<T, String>) -> Result<Option<T>, String> {
    t.remove(key).map(|v| parse(&v).map_err(|e| format!("`{key}`: {e}"))).transpose()
}

fn required<T>(t: &mut Table, key: &str, parse: impl Fn(&Value) -> Result<T, String>) -> Result<T, String> {
    optional(t, key, parse)?.ok_or_else(|| format!("missing `{key}`"))
}

fn string(v: &Value) -> Result<String, String> {
    v.as_str().map(str::to_string).ok_or_else(|| format!("expected a string, found {v}"))
}

fn boolean(v: &Value) -> Result<bool, String> {
    v.as_bool().ok_or_else(|| format!("expected a boolean, found {v}"))
}

fn integer(v: &Value) -> Result<usize, String> {
    v.as_integer().and_then(|i| usize::try_from(i).ok()).ok_or_else(|| format!("expected an offset, found {v}"))
}

fn array(v: &Value) -> Result<&Vec<Value>, String> {
    v.as_array().ok_or_else(|| format!("expected an array, found {v}"))
}

fn regexes(v: &Value) -> Result<Regexes, String> {
    match v {
        Value::String(s) => Ok(Regexes::One(s.clone())),
        Value::Array(items) => Ok(Regexes::Many(items.iter().map(string).collect::<Result<_, _>>()?)),
        _ => Err(format!("expected a string or an array of strings, found {v}")),
    }
}

/// `[start, end]`, or `{ start = .., end = .. }` as regex-test's Span also
/// deserializes from.
fn span(v: &Value) -> Result<Span, String> {
    match v {
        Value::Array(items) if items.len() == 2 => Ok(Span { start: integer(&items[0])?, end: integer(&items[1])? }),
        Value::Table(t) if t.len() == 2 && t.contains_key("start") && t.contains_key("end") => {
            Ok(Span { start: integer(&t["start"])?, end: integer(&t["end"])? })
        }
        _ => Err(format!("expected a span [start, end], found {v}")),
    }
}

/// A capture group: `[start, end]`, or `[]` for a group that did not match.
fn maybe_span(v: &Value) -> Result<Option<Span>, String> {
    match v {
        Value::Array(items) if items.is_empty() => Ok(None),
        _ => span(v).map(Some),
    }
}

/// One entry of `matches`, in any of regex-test's four spellings:
/// `[s, e]`, `{ id, span = [s, e] }`, `[[s, e], [], ...]` and
/// `{ id, spans = [[s, e], [], ...] }`.
fn captures(v: &Value) -> Result<Captures, String> {
    let (id, groups) = match v {
        Value::Array(items) if items.len() == 2 && items.iter().all(Value::is_integer) => (0, vec![Some(span(v)?)]),
        Value::Array(items) => (0, items.iter().map(maybe_span).collect::<Result<Vec<_>, _>>()?),
        Value::Table(t) => {
            let mut t = t.clone();
            let id = required(&mut t, "id", integer)?;
            let groups = if t.contains_key("span") {
                vec![Some(required(&mut t, "span", span)?)]
            } else {
                required(&mut t, "spans", |v| array(v)?.iter().map(maybe_span).collect())?
            };
            if let Some(key) = t.keys().next() {
                return Err(format!("unknown key `{key}` in a match"));
            }
            (id, groups)
        }
        _ => return Err(format!("expected a match, found {v}")),
    };
    match groups.first() {
        Some(Some(_)) => Ok(Captures { id, groups }),
        _ => Err(format!("a match needs its overall span first, found {v}")),
    }
}

fn match_kind(v: &Value) -> Result<MatchKind, String> {
    match v.as_str() {
        Some("all") => Ok(MatchKind::All),
        Some("leftmost-first") => Ok(MatchKind::LeftmostFirst),
        Some("leftmost-longest") => Ok(MatchKind::LeftmostLongest),
        _ => Err(format!("unknown match kind {v}")),
    }
}

fn search_kind(v: &Value) -> Result<SearchKind, String> {
    match v.as_str() {
        Some("earliest") => Ok(SearchKind::Earliest),
        Some("leftmost") => Ok(SearchKind::Leftmost),
        Some("overlapping") => Ok(SearchKind::Overlapping),
        _ => Err(format!("unknown search kind {v}")),
    }
}

/// regex-test's unescaping (bstr's `unescape_bytes`): `\xNN` gives the byte
/// NN; `\0`, `\n`, `\r`, `\t` and `\\` the usual bytes; anything else that
/// looks like an escape (`\q`, `\xZZ`, a trailing `\`) stays as written.
pub fn unescape(s: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.len());
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'\\' || i + 1 == bytes.len() {
            out.push(bytes[i]);
            i += 1;
            continue;
        }
        let simple = match bytes[i + 1] {
            b'0' => Some(0),
            b'n' => Some(b'\n'),
            b'r' => Some(b'\r'),
            b't' => Some(b'\t'),
            b'\\' => Some(b'\\'),
            _ => None,
        };
        if let Some(byte) = simple {
            out.push(byte);
            i += 2;
            continue;
        }
        let hex = bytes.get(i + 2..i + 4).filter(|h| bytes[i + 1] == b'x' && h.iter().all(u8::is_ascii_hexdigit));
        match hex {
            Some(h) => {
                out.push(u8::from_str_radix(std::str::from_utf8(h).unwrap(), 16).unwrap());
                i += 4;
            }
            None => {
                // Not an escape: keep the backslash, go on after it.
                out.push(b'\\');
                i += 1;
            }
        }
    }
    out
}
