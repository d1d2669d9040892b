//! A small deterministic generator (xorshift64*) for the benchmarks'
//! generated texts: the same seed gives the same text on every machine.

pub struct Rng(u64);

impl Rng {
    /// A generator started from `seed` (not 0, which xorshift never leaves).
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }

    /// A number below `n`.
    pub fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) % n
    }
}
