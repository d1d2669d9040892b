//! Phrase sets: many literal phrases matched at once (Aho-Corasick).
