//! Transformations from C: regex replace (template or callback) and lowercase.
