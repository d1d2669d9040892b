//! `ferrex_phrases`: many literal phrases matched at once.
