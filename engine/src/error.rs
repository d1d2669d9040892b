//! The one error type of the engine: a kind, a message, and where known the
//! failing pattern and the byte span of a syntax error inside it.

use std::borrow::Cow;
use std::fmt;

/// What went wrong. Each kind maps to exactly one C status code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    /// A pattern is not valid regex syntax (this includes exceeding the
    /// nesting limit and byte escapes that are illegal in UTF-8 mode).
    Syntax,
    /// A pattern is not valid UTF-8.
    InvalidUtf8,
    /// The compiled program would exceed a configured size limit.
    SizeLimit,
    /// A flag word had bits this version does not define.
    UnknownFlag,
    /// An option value is out of its documented domain.
    InvalidArgument,
    /// Search bounds lie outside the haystack, or start > end.
    OutOfBounds,
    /// A pattern index, group index or group name that does not exist.
    Index,
    /// A cache, captures or iterator was made for a different regex.
    WrongRegex,
    /// A caller-provided output is too small for the result.
    BufferTooSmall,
    /// The operation is not available for this regex's configuration.
    Unsupported,
    /// A stream would keep more bytes than its retain limit for a match
    /// in progress (the match is abandoned; the stream stays usable).
    RetainLimit,
}

/// An error from building or searching with a [`crate::Regex`]. Boxed, so
/// a `Result<T, Error>` stays small on the search paths that return one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error(Box<Details>);

#[derive(Clone, Debug, PartialEq, Eq)]
struct Details {
    kind: ErrorKind,
    message: Cow<'static, str>,
    pattern: Option<usize>,
    span: Option<(usize, usize)>,
}

impl Error {
    pub(crate) fn new(kind: ErrorKind, message: impl Into<Cow<'static, str>>) -> Error {
        Error(Box::new(Details { kind, message: message.into(), pattern: None, span: None }))
    }

    pub(crate) fn with_pattern(mut self, index: usize) -> Error {
        self.0.pattern = Some(index);
        self
    }

    pub(crate) fn with_span(mut self, start: usize, end: usize) -> Error {
        self.0.span = Some((start, end));
        self
    }

    /// The kind of failure.
    pub fn kind(&self) -> ErrorKind {
        self.0.kind
    }

    /// A human-readable description (multi-line for syntax errors, with a
    /// caret under the offending text, as regex-syntax renders it).
    pub fn message(&self) -> &str {
        &self.0.message
    }

    /// For a multi-pattern build, the index of the pattern that failed.
    pub fn pattern(&self) -> Option<usize> {
        self.0.pattern
    }

    /// For a syntax error, the byte span `(start, end)` of the offending
    /// text inside the failing pattern.
    pub fn span(&self) -> Option<(usize, usize)> {
        self.0.span
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0.message)
    }
}

impl std::error::Error for Error {}

/// Converts a regex-syntax error into ours, keeping the offending span.
/// Patterns longer than this are not quoted in error messages.
const LONG_PATTERN: usize = 200;

fn long_message(kind: &dyn std::fmt::Display, span: regex_syntax::ast::Span) -> String {
    format!("regex parse error at bytes {}..{}: {kind}", span.start.offset, span.end.offset)
}

pub(crate) fn from_syntax(index: usize, many: bool, err: &regex_syntax::Error) -> Error {
    let span = match err {
        regex_syntax::Error::Parse(e) => Some(*e.span()),
        regex_syntax::Error::Translate(e) => Some(*e.span()),
        _ => None,
    };
    // regex-syntax's message quotes the whole pattern with a caret line
    // under it: for a long pattern, the error kind and where it is instead
    // (a 10 MB pattern made a 20 MB message).
    let text = match (err, span) {
        (regex_syntax::Error::Parse(e), Some(sp)) if e.pattern().len() > LONG_PATTERN => long_message(e.kind(), sp),
        (regex_syntax::Error::Translate(e), Some(sp)) if e.pattern().len() > LONG_PATTERN => long_message(e.kind(), sp),
        _ => err.to_string(),
    };
    let message = if many { format!("pattern {index}: {text}") } else { text };
    let mut out = Error::new(ErrorKind::Syntax, message).with_pattern(index);
    if let Some(span) = span {
        out = out.with_span(span.start.offset, span.end.offset);
    }
    out
}
