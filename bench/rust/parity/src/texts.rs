//! The haystacks: English and Russian prose (rebar's OpenSubtitles samples
//! in ../shared, repeated to 1 MiB) and a generated log (dates, hosts,
//! e-mail addresses, durations), and the spans cut from them: 64 different
//! short spans per short length, so that no single lucky span decides, and
//! one prefix per long length.

use std::path::{Path, PathBuf};

use timing::Rng;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Text {
    English,
    Russian,
    Log,
}

/// Span lengths: short (the C call and set-up dominate) and long (the
/// scan dominates).
pub const LENGTHS: [usize; 4] = [16, 256, 64 << 10, 1 << 20];
/// Spans up to this long are cut 64 times from different places.
pub const SHORT_MAX: usize = 4096;
const SHORT_SPANS: usize = 64;

/// 200 frequent English words as one alternation: the prefilter-only
/// strategy's Aho-Corasick case.
pub const WORDS: &str = "about|after|again|against|almost|alone|along|already|also|always|among|another|answer|anything|around|asked|away|back|became|because|become|been|before|began|behind|being|believe|better|between|brought|called|came|cannot|certain|change|child|close|come|could|country|course|didn|different|does|done|door|down|during|each|early|either|else|end|enough|even|ever|every|face|fact|father|feel|felt|find|first|found|friend|from|gave|give|going|gone|good|great|hand|have|having|head|heard|help|here|herself|high|himself|home|house|however|idea|into|itself|just|keep|kind|knew|know|large|last|least|leave|left|less|life|light|like|little|long|look|made|make|many|matter|might|mind|moment|money|more|most|mother|much|must|myself|name|near|need|never|next|night|nothing|number|often|once|only|open|order|other|over|own|part|people|perhaps|place|point|possible|present|quite|rather|really|right|room|said|same|saw|seemed|seen|several|shall|should|since|small|something|soon|still|such|sure|take|tell|than|that|their|them|then|there|these|they|thing|think|those|though|thought|three|through|time|told|together|took|toward|turned|under|until|upon|very|want|water|well|went|were|what|when|where|whether|which|while|whole|whose|without|woman|word|work|world|would|year|young";

fn shared_dir() -> PathBuf {
    // bench/rust/parity -> the repository root -> ../shared.
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../../shared/bench/rebar/haystacks/opensubtitles")
}

fn read_prose(name: &str) -> Result<Vec<u8>, String> {
    let path = shared_dir().join(name);
    std::fs::read(&path).map_err(|e| format!("cannot read {}: {e} (the parity bench needs ../shared)", path.display()))
}

/// A web-server-like log: one event per line.
fn log_text(len: usize) -> Vec<u8> {
    const LEVELS: [&str; 4] = ["INFO", "WARN", "DEBUG", "ERROR"];
    const USERS: [&str; 6] = ["alice", "bob", "carol", "dave", "erin", "frank"];
    const PATHS: [&str; 5] = ["/", "/index.html", "/api/v1/items", "/login", "/static/app.js"];
    let mut rng = Rng::new(0x9e37_79b9_7f4a_7c15);
    let mut out = Vec::with_capacity(len + 200);
    while out.len() < len {
        let line = format!(
            "{:04}-{:02}-{:02} {:02}:{:02}:{:02} {} host{}.example.net {}{}@mail{}.example.org GET {} {} {}ms\n",
            2020 + rng.below(6),
            1 + rng.below(12),
            1 + rng.below(28),
            rng.below(24),
            rng.below(60),
            rng.below(60),
            LEVELS[rng.below(4) as usize],
            rng.below(100),
            USERS[rng.below(6) as usize],
            rng.below(1000),
            rng.below(10),
            PATHS[rng.below(5) as usize],
            [200, 200, 200, 304, 404, 500][rng.below(6) as usize],
            rng.below(5000),
        );
        out.extend_from_slice(line.as_bytes());
    }
    out.truncate(len);
    out
}

/// `data` repeated to `len` bytes, cut back to a character boundary.
fn repeated(data: &[u8], len: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(len);
    while out.len() < len {
        let take = (len - out.len()).min(data.len());
        out.extend_from_slice(&data[..take]);
    }
    // End on a character boundary: drop a character the cut split, lead
    // byte and all (a span of invalid UTF-8 is another question for a
    // regex that can match empty: FERREX_FLAG_NO_UTF8's rule).
    let mut cut = out.len();
    while cut > 0 && data[cut % data.len()] & 0xC0 == 0x80 {
        cut -= 1;
    }
    out.truncate(cut);
    out
}

pub struct Texts {
    english: Vec<u8>,
    russian: Vec<u8>,
    log: Vec<u8>,
}

impl Texts {
    pub fn load() -> Result<Texts, String> {
        let max = LENGTHS[LENGTHS.len() - 1];
        Ok(Texts {
            english: repeated(&read_prose("en-sampled.txt")?, max),
            russian: repeated(&read_prose("ru-sampled.txt")?, max),
            log: log_text(max),
        })
    }

    pub fn get(&self, text: Text) -> &[u8] {
        match text {
            Text::English => &self.english,
            Text::Russian => &self.russian,
            Text::Log => &self.log,
        }
    }

    /// The spans of one length: 64 spread through the text (starting on a
    /// character) when short, the prefix when long; each ends on a
    /// character, so that every span is valid UTF-8.
    pub fn spans(&self, text: Text, len: usize) -> Vec<&[u8]> {
        let data = self.get(text);
        if len > SHORT_MAX {
            let mut end = len.min(data.len());
            while end < data.len() && data[end] & 0xC0 == 0x80 {
                end -= 1;
            }
            return vec![&data[..end]];
        }
        let mut rng = Rng::new(0x1234_5678_9abc_def1 ^ len as u64);
        (0..SHORT_SPANS)
            .map(|_| {
                let mut at = rng.below((data.len() - len * 2) as u64) as usize;
                while data[at] & 0xC0 == 0x80 {
                    at += 1;
                }
                let mut end = at + len;
                while end < data.len() && data[end] & 0xC0 == 0x80 {
                    end += 1;
                }
                &data[at..end]
            })
            .collect()
    }
}
