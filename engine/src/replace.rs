//! Regex replacement: templates ($1, ${name}, $$), limits and callbacks.
