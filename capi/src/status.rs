//! Status codes: the one place a C caller learns what happened.

use engine::ErrorKind;

/// The result of a call. `FERREX_OK` is zero, every error is negative.
/// Searches return 1 (match) or 0 (no match) instead of `FERREX_OK`, and a
/// negative status for bad input; use `ferrex_status_message()` for text.
#[repr(i32)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ferrex_status {
    /// Success.
    FERREX_OK = 0,
    /// A bug in ferrex: a panic was caught at the boundary. Please report it.
    FERREX_ERR_INTERNAL = -1,
    /// A pointer that may not be NULL was NULL (or NULL with a length > 0).
    FERREX_ERR_NULL_POINTER = -2,
    /// An argument is outside its documented domain (an unknown enum value,
    /// a zero capacity, a haystack whose length changed mid-iteration).
    FERREX_ERR_INVALID_ARGUMENT = -3,
    /// A flags word has bits this version does not define.
    FERREX_ERR_UNKNOWN_FLAG = -4,
    /// Search bounds lie outside the haystack, or start > end.
    FERREX_ERR_OUT_OF_BOUNDS = -5,
    /// A pattern index, group index or group name that does not exist.
    FERREX_ERR_INDEX = -6,
    /// A cache, captures or iterator was created for a different regex.
    FERREX_ERR_WRONG_REGEX = -7,
    /// A pattern (or text to escape) is not valid UTF-8.
    FERREX_ERR_INVALID_UTF8 = -8,
    /// A pattern is not valid regex syntax (including the nesting limit).
    FERREX_ERR_SYNTAX = -9,
    /// The compiled regex would exceed a configured size limit (or a
    /// deeply nested pattern found no thread to compile on: see
    /// ferrex_options_set_nesting_limit()).
    FERREX_ERR_SIZE_LIMIT = -10,
    /// A caller-provided output buffer is too small; the needed size is
    /// reported through the call's length out-parameter.
    FERREX_ERR_BUFFER_TOO_SMALL = -11,
    /// The operation is not available for this configuration.
    FERREX_ERR_UNSUPPORTED = -12,
    /// A callback asked to abort the call.
    FERREX_ERR_ABORTED = -13,
    /// A stream would keep more bytes than its retain limit for a match in
    /// progress: the match was abandoned, and the stream goes on (see
    /// ferrex_stream).
    FERREX_ERR_RETAIN_LIMIT = -14,
}

use ferrex_status::*;

impl ferrex_status {
    /// Every status, for lookups by value.
    pub(crate) const ALL: [ferrex_status; 15] = [
        FERREX_OK,
        FERREX_ERR_INTERNAL,
        FERREX_ERR_NULL_POINTER,
        FERREX_ERR_INVALID_ARGUMENT,
        FERREX_ERR_UNKNOWN_FLAG,
        FERREX_ERR_OUT_OF_BOUNDS,
        FERREX_ERR_INDEX,
        FERREX_ERR_WRONG_REGEX,
        FERREX_ERR_INVALID_UTF8,
        FERREX_ERR_SYNTAX,
        FERREX_ERR_SIZE_LIMIT,
        FERREX_ERR_BUFFER_TOO_SMALL,
        FERREX_ERR_UNSUPPORTED,
        FERREX_ERR_ABORTED,
        FERREX_ERR_RETAIN_LIMIT,
    ];

    pub(crate) fn from_code(code: i32) -> Option<ferrex_status> {
        ferrex_status::ALL.iter().copied().find(|s| *s as i32 == code)
    }

    /// The constant's name and a one-line description, NUL-terminated.
    pub(crate) fn describe(self) -> (&'static str, &'static str) {
        match self {
            FERREX_OK => ("FERREX_OK\0", "success\0"),
            FERREX_ERR_INTERNAL => ("FERREX_ERR_INTERNAL\0", "internal error in ferrex (a bug; please report it)\0"),
            FERREX_ERR_NULL_POINTER => ("FERREX_ERR_NULL_POINTER\0", "a required pointer was NULL\0"),
            FERREX_ERR_INVALID_ARGUMENT => {
                ("FERREX_ERR_INVALID_ARGUMENT\0", "an argument is outside its documented domain\0")
            }
            FERREX_ERR_UNKNOWN_FLAG => ("FERREX_ERR_UNKNOWN_FLAG\0", "a flags word has undefined bits set\0"),
            FERREX_ERR_OUT_OF_BOUNDS => ("FERREX_ERR_OUT_OF_BOUNDS\0", "search bounds lie outside the haystack\0"),
            FERREX_ERR_INDEX => ("FERREX_ERR_INDEX\0", "no such pattern index, group index or group name\0"),
            FERREX_ERR_WRONG_REGEX => ("FERREX_ERR_WRONG_REGEX\0", "the object was created for a different regex\0"),
            FERREX_ERR_INVALID_UTF8 => ("FERREX_ERR_INVALID_UTF8\0", "the text is not valid UTF-8\0"),
            FERREX_ERR_SYNTAX => ("FERREX_ERR_SYNTAX\0", "the pattern is not valid regex syntax\0"),
            FERREX_ERR_SIZE_LIMIT => ("FERREX_ERR_SIZE_LIMIT\0", "the compiled regex exceeds a size limit\0"),
            FERREX_ERR_BUFFER_TOO_SMALL => ("FERREX_ERR_BUFFER_TOO_SMALL\0", "the output buffer is too small\0"),
            FERREX_ERR_UNSUPPORTED => {
                ("FERREX_ERR_UNSUPPORTED\0", "the operation is not supported in this configuration\0")
            }
            FERREX_ERR_ABORTED => ("FERREX_ERR_ABORTED\0", "a callback asked to abort the call\0"),
            FERREX_ERR_RETAIN_LIMIT => {
                ("FERREX_ERR_RETAIN_LIMIT\0", "a stream's match in progress exceeds its retain limit\0")
            }
        }
    }
}

impl From<ErrorKind> for ferrex_status {
    fn from(kind: ErrorKind) -> ferrex_status {
        match kind {
            ErrorKind::Syntax => FERREX_ERR_SYNTAX,
            ErrorKind::InvalidUtf8 => FERREX_ERR_INVALID_UTF8,
            ErrorKind::SizeLimit => FERREX_ERR_SIZE_LIMIT,
            ErrorKind::UnknownFlag => FERREX_ERR_UNKNOWN_FLAG,
            ErrorKind::InvalidArgument => FERREX_ERR_INVALID_ARGUMENT,
            ErrorKind::OutOfBounds => FERREX_ERR_OUT_OF_BOUNDS,
            ErrorKind::Index => FERREX_ERR_INDEX,
            ErrorKind::WrongRegex => FERREX_ERR_WRONG_REGEX,
            ErrorKind::BufferTooSmall => FERREX_ERR_BUFFER_TOO_SMALL,
            ErrorKind::Unsupported => FERREX_ERR_UNSUPPORTED,
            ErrorKind::RetainLimit => FERREX_ERR_RETAIN_LIMIT,
        }
    }
}

const UNKNOWN: (&str, &str) = ("FERREX_ERR_UNKNOWN\0", "not a ferrex status code\0");

fn lookup(status: i32) -> (&'static str, &'static str) {
    ferrex_status::from_code(status).map_or(UNKNOWN, ferrex_status::describe)
}

/// The name of a status constant, e.g. "FERREX_ERR_SYNTAX". Accepts any
/// value: one that is not a status gives "FERREX_ERR_UNKNOWN", and 1 / 0
/// search results are not statuses. The string is static; never free it.
/// Thread-safe.
#[no_mangle]
pub extern "C" fn ferrex_status_name(status: i32) -> *const std::ffi::c_char {
    lookup(status).0.as_ptr().cast()
}

/// A one-line English description of a status, e.g. "the pattern is not
/// valid regex syntax". Accepts any value (unknown ones are described as
/// such). The string is static; never free it. Thread-safe.
#[no_mangle]
pub extern "C" fn ferrex_status_message(status: i32) -> *const std::ffi::c_char {
    lookup(status).1.as_ptr().cast()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn every_status_has_a_distinct_name_and_round_trips() {
        let mut names = HashSet::new();
        for s in ferrex_status::ALL {
            assert_eq!(ferrex_status::from_code(s as i32), Some(s));
            let (name, message) = s.describe();
            assert!(name.ends_with('\0') && message.ends_with('\0'));
            assert!(names.insert(name), "duplicate name {name}");
        }
        assert_eq!(ferrex_status::from_code(1), None);
        assert_eq!(ferrex_status::from_code(-15), None);
        assert_eq!(ferrex_status::from_code(-14), Some(FERREX_ERR_RETAIN_LIMIT));
    }
}
