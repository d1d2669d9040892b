//! The bytes a stream keeps between calls, addressed by absolute offset
//! (bytes since the stream started or was reset), and [`Text`], the view
//! the searches read: those bytes, or a chunk searched where it lies.

/// Bytes of the text at absolute offsets `[base, base + bytes.len())`.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Text<'a> {
    bytes: &'a [u8],
    base: usize,
}

impl<'a> Text<'a> {
    pub fn new(bytes: &'a [u8], base: usize) -> Text<'a> {
        Text { bytes, base }
    }

    /// The absolute offset of the first byte.
    pub fn base(&self) -> usize {
        self.base
    }

    /// The absolute offset just past the last byte.
    pub fn end(&self) -> usize {
        self.base + self.bytes.len()
    }

    /// All of them: `bytes()[i]` is the byte at `base() + i`.
    pub fn bytes(&self) -> &'a [u8] {
        self.bytes
    }

    /// The bytes `[from, to)`, absolute; both must be in view.
    pub fn slice(&self, from: usize, to: usize) -> &'a [u8] {
        &self.bytes[from - self.base..to - self.base]
    }

    /// The byte before absolute offset `at` (`None` at the stream's start);
    /// it must be in view.
    pub fn byte_before(&self, at: usize) -> Option<u8> {
        (at > 0).then(|| self.bytes[at - 1 - self.base])
    }
}

#[derive(Debug, Default)]
pub(crate) struct Retained {
    bytes: Vec<u8>,
    /// The absolute offset of `bytes[0]`.
    base: usize,
}

impl Retained {
    /// The absolute offset just past the newest byte: the stream's length.
    pub fn end(&self) -> usize {
        self.base + self.bytes.len()
    }

    /// How many bytes are kept.
    pub fn len(&self) -> usize {
        self.bytes.len()
    }

    /// The kept bytes as a view.
    pub fn text(&self) -> Text<'_> {
        Text::new(&self.bytes, self.base)
    }

    /// Keeps `bytes`, which start at absolute offset `base`, instead
    /// (the tail of a chunk searched where it lay).
    pub fn replace(&mut self, base: usize, bytes: &[u8]) {
        self.bytes.clear();
        self.bytes.extend_from_slice(bytes);
        self.base = base;
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
