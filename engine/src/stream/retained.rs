//! The bytes a stream keeps between calls, addressed by absolute offset
//! (bytes since the stream started or was reset).

#[derive(Debug, Default)]
pub(crate) struct Retained {
    bytes: Vec<u8>,
    /// The absolute offset of `bytes[0]`.
    base: usize,
}

impl Retained {
    /// The absolute offset of the first byte kept.
    pub fn base(&self) -> usize {
        self.base
    }

    /// The absolute offset just past the newest byte: the stream's length.
    pub fn end(&self) -> usize {
        self.base + self.bytes.len()
    }

    /// How many bytes are kept.
    pub fn len(&self) -> usize {
        self.bytes.len()
    }

    /// Everything kept: `bytes()[i]` is the byte at `base() + i`.
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// The kept bytes `[from, to)`, absolute; both must be kept.
    pub fn slice(&self, from: usize, to: usize) -> &[u8] {
        &self.bytes[from - self.base..to - self.base]
    }

    /// The byte before absolute offset `at` (`None` at the stream's start).
    pub fn byte_before(&self, at: usize) -> Option<u8> {
        (at > 0).then(|| self.bytes[at - 1 - self.base])
    }

    pub fn push(&mut self, chunk: &[u8]) {
        self.bytes.extend_from_slice(chunk);
    }

    /// Forgets the bytes before absolute offset `at` (a no-op for those
    /// already forgotten). The allocation is kept for the next chunk.
    pub fn forget_before(&mut self, at: usize) {
        let n = at.saturating_sub(self.base).min(self.bytes.len());
        if n > 0 {
            self.bytes.drain(..n);
            self.base += n;
        }
    }

    /// Forgets everything and starts over at offset 0.
    pub fn reset(&mut self) {
        self.bytes.clear();
        self.base = 0;
    }
}
