//! Escaping literal text into a pattern.

use crate::error::{Error, ErrorKind};

/// Escapes every meta character in `text` so the result is a pattern that
/// matches `text` literally, with or without IGNORE_WHITESPACE (`(?x)`):
/// whitespace is escaped (`\ `, or `\x{A0}` beyond ASCII), which `(?x)`
/// keeps. `text` must be UTF-8 (patterns are).
///
/// ```
/// let p = ferrex::escape("1+1=2? ok\u{a0}".as_bytes()).unwrap();
/// assert_eq!(p, r"1\+1=2\?\ ok\x{A0}");
/// ```
pub fn escape(text: &[u8]) -> Result<String, Error> {
    let text = std::str::from_utf8(text).map_err(|e| {
        Error::new(
            ErrorKind::InvalidUtf8,
            format!("text to escape is not valid UTF-8 (invalid byte at offset {})", e.valid_up_to()),
        )
        .with_span(e.valid_up_to(), e.valid_up_to() + e.error_len().unwrap_or(1))
    })?;
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii_whitespace() {
            out.push('\\');
            out.push(c);
        } else if c.is_whitespace() {
            out.push_str(&format!("\\x{{{:X}}}", c as u32));
        } else {
            regex_syntax::escape_into(c.encode_utf8(&mut [0; 4]), &mut out);
        }
    }
    Ok(out)
}
