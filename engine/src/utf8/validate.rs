//! Whether bytes are valid UTF-8, faster than `std::str::from_utf8` on
//! text that is not ASCII: searches under the utf8-empty rule read whole
//! spans to find out (utf8.rs: `last_invalid`), and std's validation,
//! which branches on every character, took 1.3-1.5 ns a byte of Russian
//! or Chinese, as long as a lazy DFA's search of the same bytes (a count
//! of `(?-u:\b)` over Russian: 1.96x the meta regex's time).
//!
//! A shift DFA (one table load and one shift a byte, the load off the
//! chain of dependent instructions) over UTF-8's nine states, after an
//! ASCII fast path 16 bytes at a time. std answers where the bytes are
//! invalid: only that is then worked out again.

/// A state is its transitions' shift in [`TABLE`]'s entries: state `s`
/// keeps its next state for byte `b` in bits `s..s + 6` of `TABLE[b]`.
const ACCEPT: u32 = 0;
const ERROR: u32 = 6;
/// One continuation byte (0x80-0xBF) to go.
const TAIL1: u32 = 12;
/// Two continuation bytes to go.
const TAIL2: u32 = 18;
/// Three continuation bytes to go.
const TAIL3: u32 = 24;
/// After 0xE0: 0xA0-0xBF next (no overlong three-byte forms).
const AFTER_E0: u32 = 30;
/// After 0xED: 0x80-0x9F next (no surrogates).
const AFTER_ED: u32 = 36;
/// After 0xF0: 0x90-0xBF next (no overlong four-byte forms).
const AFTER_F0: u32 = 42;
/// After 0xF4: 0x80-0x8F next (nothing past U+10FFFF).
const AFTER_F4: u32 = 48;
const STATES: [u32; 9] = [ACCEPT, ERROR, TAIL1, TAIL2, TAIL3, AFTER_E0, AFTER_ED, AFTER_F0, AFTER_F4];

/// The transition of UTF-8's DFA (the Unicode standard's table 3-7).
const fn next(state: u32, b: u8) -> u32 {
    const fn within(b: u8, lo: u8, hi: u8) -> bool {
        lo <= b && b <= hi
    }
    match state {
        ACCEPT => match b {
            0x00..=0x7F => ACCEPT,
            0xC2..=0xDF => TAIL1,
            0xE0 => AFTER_E0,
            0xE1..=0xEC | 0xEE..=0xEF => TAIL2,
            0xED => AFTER_ED,
            0xF0 => AFTER_F0,
            0xF1..=0xF3 => TAIL3,
            0xF4 => AFTER_F4,
            _ => ERROR,
        },
        TAIL1 if within(b, 0x80, 0xBF) => ACCEPT,
        TAIL2 if within(b, 0x80, 0xBF) => TAIL1,
        TAIL3 if within(b, 0x80, 0xBF) => TAIL2,
        AFTER_E0 if within(b, 0xA0, 0xBF) => TAIL1,
        AFTER_ED if within(b, 0x80, 0x9F) => TAIL1,
        AFTER_F0 if within(b, 0x90, 0xBF) => TAIL2,
        AFTER_F4 if within(b, 0x80, 0x8F) => TAIL2,
        _ => ERROR,
    }
}

const fn table() -> [u64; 256] {
    let mut table = [0u64; 256];
    let mut b = 0;
    while b < 256 {
        let mut i = 0;
        while i < STATES.len() {
            table[b] |= (next(STATES[i], b as u8) as u64) << STATES[i];
            i += 1;
        }
        b += 1;
    }
    table
}

static TABLE: [u64; 256] = table();

/// Every byte of an 8-byte word is ASCII.
const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

/// Whether `bytes` are valid UTF-8 (as `std::str::from_utf8(bytes).is_ok()`).
pub(crate) fn is_valid(bytes: &[u8]) -> bool {
    let mut state = ACCEPT as u64;
    let mut rest = bytes;
    while !rest.is_empty() {
        if state & 63 == ACCEPT as u64 {
            // Between characters: skip ASCII 16 bytes at a time.
            while rest.len() >= 16 {
                let word = |half: &[u8]| u64::from_le_bytes(half.try_into().unwrap_or([0x80; 8]));
                if (word(&rest[..8]) | word(&rest[8..16])) & HIGH_BITS != 0 {
                    break;
                }
                rest = &rest[16..];
            }
        }
        // Then a block through the DFA, whose error state is absorbing:
        // checked once a block.
        let (block, after) = rest.split_at(rest.len().min(64));
        for &b in block {
            state = TABLE[b as usize] >> (state & 63);
        }
        if state & 63 == ERROR as u64 {
            return false;
        }
        rest = after;
    }
    state & 63 == ACCEPT as u64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn agrees(bytes: &[u8]) {
        assert_eq!(is_valid(bytes), std::str::from_utf8(bytes).is_ok(), "{bytes:x?}");
    }

    /// Every one- and two-byte sequence, and each followed by the bytes at
    /// the edges of every continuation range (and a fourth and fifth byte).
    #[test]
    fn every_byte_pair_and_the_range_edges_after_it_agree_with_std() {
        for a in 0..=255u8 {
            agrees(&[a]);
            for b in 0..=255u8 {
                agrees(&[a, b]);
                for c in [0x00, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xFF] {
                    agrees(&[a, b, c]);
                    agrees(&[a, b, c, 0x80]);
                    agrees(&[a, b, c, 0xBF, b'x']);
                }
            }
        }
    }

    #[test]
    fn long_mixed_text_agrees_with_std_wherever_it_is_cut_or_broken() {
        let text = "ASCII only for a while, then Шерлок Холмс, 福尔摩斯, 🦀 and é. ".repeat(20);
        let bytes = text.as_bytes();
        for start in 0..12 {
            for end in (bytes.len() - 12..=bytes.len()).chain([start, start + 1, 70, 71, 72, 200]) {
                agrees(&bytes[start..end.max(start)]);
            }
        }
        for at in (0..bytes.len()).step_by(37) {
            let mut broken = bytes.to_vec();
            broken[at] = 0xFF;
            agrees(&broken);
            let mut cut = bytes.to_vec();
            cut.insert(at, 0xE2);
            agrees(&cut);
        }
    }
}
