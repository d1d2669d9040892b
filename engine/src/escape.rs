//! Escaping literal text into a pattern.

use crate::error::{Error, ErrorKind};

/// Escapes every meta character in `text` so the result is a pattern that
/// matches `text` literally. `text` must be UTF-8 (patterns are).
///
/// ```
/// let p = ferrex::escape(b"1+1=2?").unwrap();
/// assert_eq!(p, r"1\+1=2\?");
/// ```
pub fn escape(text: &[u8]) -> Result<String, Error> {
    let text = std::str::from_utf8(text).map_err(|e| {
        Error::new(
            ErrorKind::InvalidUtf8,
            format!("text to escape is not valid UTF-8 (invalid byte at offset {})", e.valid_up_to()),
        )
        .with_span(e.valid_up_to(), e.valid_up_to() + e.error_len().unwrap_or(1))
    })?;
    Ok(regex_syntax::escape(text))
}
