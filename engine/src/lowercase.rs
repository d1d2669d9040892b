//! Lowercasing byte strings: ASCII, and Unicode over UTF-8.
