//! The benchmark's inputs, all made here from fixed text and a fixed seed,
//! so every run and every machine searches the same bytes.

use timing::Rng;

/// The date regex of the is-match and find cases.
pub const DATE: &str = r"\d{4}-\d{2}-\d{2}";
/// The same date with three groups, for the captures case.
pub const DATE_GROUPS: &str = r"(\d{4})-(\d{2})-(\d{2})";
/// The iteration case's regex: one match per generated word.
pub const WORD: &str = r"[a-z]+";

/// 16-byte haystacks: a match, a near miss (one digit short), no digits.
pub const SHORT: [(&str, &str); 3] =
    [("match", "on 2024-05-06 ok"), ("near miss", "id 2024-05-0x ok"), ("no digits", "plain text here!")];

/// Prepended to a 16-byte haystack to make a 64-byte one: no digits, so it
/// changes no answer, only where the search must look.
const PAD: &str = "the quick brown fox jumps over the lazy dog and t";

/// The 64-byte version of a 16-byte haystack.
pub fn padded(short: &str) -> String {
    let long = format!("{}{short}", &PAD[..64 - short.len()]);
    debug_assert_eq!(long.len(), 64);
    long
}

/// Size of the find case's haystack.
pub const FIND_LEN: usize = 1 << 20;
/// Where its only date starts: near the end.
pub const FIND_AT: usize = FIND_LEN - 40;
/// The number of words, so matches of WORD, in the iteration case.
pub const WORDS: usize = 100_000;

/// A lowercase word of 1 to 10 letters.
fn word(rng: &mut Rng, out: &mut String) {
    for _ in 0..=rng.below(10) {
        out.push((b'a' + rng.below(26) as u8) as char);
    }
}

/// What goes between words: never a letter or a digit.
fn separator(rng: &mut Rng, out: &mut String) {
    out.push_str(match rng.below(12) {
        0 => ", ",
        1 => ".\n",
        2 => " - ",
        _ => " ",
    });
}

/// FIND_LEN bytes of lowercase words without a digit, and one date,
/// "2024-05-06", at FIND_AT.
pub fn find_haystack() -> String {
    let mut rng = Rng::new(0x9e37_79b9_7f4a_7c15);
    let mut text = String::with_capacity(FIND_LEN + 16);
    while text.len() < FIND_AT - 1 {
        word(&mut rng, &mut text);
        separator(&mut rng, &mut text);
    }
    text.truncate(FIND_AT - 1);
    text.push(' ');
    text.push_str("2024-05-06");
    while text.len() < FIND_LEN {
        text.push_str(" end");
    }
    text.truncate(FIND_LEN);
    text
}

/// WORDS lowercase words with separators between them, so WORD matches
/// exactly WORDS times.
pub fn words_haystack() -> String {
    let mut rng = Rng::new(0x2545_f491_4f6c_dd1d);
    let mut text = String::with_capacity(WORDS * 8);
    for i in 0..WORDS {
        if i > 0 {
            separator(&mut rng, &mut text);
        }
        word(&mut rng, &mut text);
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes() {
        for (_, s) in SHORT {
            assert_eq!(s.len(), 16);
            assert_eq!(padded(s).len(), 64);
        }
        let f = find_haystack();
        assert_eq!(f.len(), FIND_LEN);
        assert_eq!(&f[FIND_AT..FIND_AT + 10], "2024-05-06");
        assert_eq!(f.bytes().filter(u8::is_ascii_digit).count(), 8);
        let w = words_haystack();
        assert_eq!(w.split(|c: char| !c.is_ascii_lowercase()).filter(|s| !s.is_empty()).count(), WORDS);
    }
}
