//! Lowercasing byte strings: ASCII, and Unicode over UTF-8.

/// Lowercases the ASCII letters `A`-`Z` of `text`; every other byte
/// (non-ASCII ones included) is copied unchanged, so the output has the
/// input's length.
///
/// ```
/// assert_eq!(ferrex::lowercase_ascii(b"Hello, WORLD \xC3\x89"), b"hello, world \xC3\x89");
/// ```
pub fn lowercase_ascii(text: &[u8]) -> Vec<u8> {
    text.to_ascii_lowercase()
}

/// Lowercases every valid UTF-8 sequence of `text` to its full Unicode
/// lowercase ([`char::to_lowercase`], which may change the length: `İ`
/// becomes `i` followed by U+0307), and copies bytes that are not valid
/// UTF-8 unchanged. Each character is mapped on its own, without context:
/// `Σ` always becomes `σ`, also at the end of a word (unlike
/// [`str::to_lowercase`]). ASCII-only input takes a fast path.
///
/// ```
/// assert_eq!(ferrex::lowercase_unicode("ÀÉ ΣΑΣ".as_bytes()), "àé σασ".as_bytes());
/// assert_eq!(ferrex::lowercase_unicode(b"AB\xFFC"), b"ab\xFFc");
/// assert_eq!(ferrex::lowercase_unicode("İ".as_bytes()), "i\u{307}".as_bytes());
/// ```
pub fn lowercase_unicode(text: &[u8]) -> Vec<u8> {
    if text.is_ascii() {
        return lowercase_ascii(text);
    }
    let mut out = Vec::with_capacity(text.len());
    let mut rest = text;
    loop {
        match std::str::from_utf8(rest) {
            Ok(valid) => {
                lowercase_str_into(valid, &mut out);
                return out;
            }
            Err(e) => {
                let (valid, invalid) = rest.split_at(e.valid_up_to());
                if let Ok(valid) = std::str::from_utf8(valid) {
                    lowercase_str_into(valid, &mut out);
                }
                // `None`: an incomplete sequence at the very end.
                let bad = e.error_len().unwrap_or(invalid.len());
                out.extend_from_slice(&invalid[..bad]);
                rest = &invalid[bad..];
            }
        }
    }
}

fn lowercase_str_into(text: &str, out: &mut Vec<u8>) {
    let mut buf = [0; 4];
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase() as u8);
        } else {
            for lower in c.to_lowercase() {
                out.extend_from_slice(lower.encode_utf8(&mut buf).as_bytes());
            }
        }
    }
}
