//! Compile-time flags. The zero value is the sensible default: Unicode-aware,
//! UTF-8 mode, case-sensitive, `^`/`$` at the haystack edges only.

use crate::error::{Error, ErrorKind};

/// A set of compile flags, one bit each. Build it with the associated
/// constants and `|`; [`Flags::from_bits`] rejects bits it does not know.
///
/// ```
/// use ferrex::Flags;
/// let f = Flags::CASE_INSENSITIVE | Flags::MULTI_LINE;
/// assert!(f.contains(Flags::MULTI_LINE));
/// assert!(Flags::from_bits(1 << 31).is_err());
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Flags(u32);

impl Flags {
    /// `(?i)`: case-insensitive matching (Unicode simple case folding when
    /// Unicode is on).
    pub const CASE_INSENSITIVE: Flags = Flags(1 << 0);
    /// `(?m)`: `^` and `$` also match at line starts and ends.
    pub const MULTI_LINE: Flags = Flags(1 << 1);
    /// `(?s)`: `.` also matches `\n`.
    pub const DOT_MATCHES_NEW_LINE: Flags = Flags(1 << 2);
    /// `(?U)`: swap the meaning of greedy and lazy repetitions.
    pub const SWAP_GREED: Flags = Flags(1 << 3);
    /// `(?x)`: whitespace and `#` comments in the pattern are ignored.
    pub const IGNORE_WHITESPACE: Flags = Flags(1 << 4);
    /// Turns Unicode off: `\w`, `\d`, `\s`, `\b` and case folding become
    /// ASCII-only and `.` matches one byte (where UTF-8 mode allows).
    pub const NO_UNICODE: Flags = Flags(1 << 5);
    /// Turns UTF-8 mode off (byte mode): patterns may match invalid UTF-8
    /// and empty matches may split a UTF-8 encoded codepoint.
    pub const NO_UTF8: Flags = Flags(1 << 6);
    /// `(?R)`: in multi-line mode, `\r\n`, `\r` and `\n` are line
    /// terminators, and `.` matches neither `\r` nor `\n`.
    pub const CRLF: Flags = Flags(1 << 7);

    /// Every bit this version defines.
    pub const ALL: Flags = Flags((1 << 8) - 1);

    /// The default flags (no bits set).
    pub const fn empty() -> Flags {
        Flags(0)
    }

    /// Accepts `bits` if every set bit is a defined flag.
    pub fn from_bits(bits: u32) -> Result<Flags, Error> {
        if bits & !Flags::ALL.0 != 0 {
            return Err(Error::new(
                ErrorKind::UnknownFlag,
                format!("unknown compile flag bits 0x{:x}", bits & !Flags::ALL.0),
            ));
        }
        Ok(Flags(bits))
    }

    /// The raw bits.
    pub const fn bits(self) -> u32 {
        self.0
    }

    /// Whether every bit of `other` is set in `self`.
    pub const fn contains(self, other: Flags) -> bool {
        self.0 & other.0 == other.0
    }
}

impl std::ops::BitOr for Flags {
    type Output = Flags;
    fn bitor(self, rhs: Flags) -> Flags {
        Flags(self.0 | rhs.0)
    }
}

impl std::ops::BitOrAssign for Flags {
    fn bitor_assign(&mut self, rhs: Flags) {
        self.0 |= rhs.0;
    }
}
