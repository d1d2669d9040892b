//! The sections of include/ferrex.h, in reading order: what a program
//! needs first (versions, statuses, errors) before the regex path from
//! options to iterators, then what builds on it (buffers, replacement),
//! phrase sets, and the text helpers.
//!
//! Each entry places items by name: an entry ending in `_` is a prefix
//! (`ferrex_iter_` places every ferrex_iter function, present and future),
//! any other entry one exact name. The most specific entry wins: an exact
//! name over a prefix, a longer prefix over a shorter one. Within a
//! section, items follow their entries' order, and the items of one prefix
//! keep their order in capi/src.
//!
//! The regex's own functions are listed by exact name, because they are
//! split across sections (building in "Regexes", searching in "Searches",
//! ferrex_regex_captures() in "Captures", replacing in "Regex
//! replacement"): a new ferrex_regex_* function then fails the generation
//! until it is placed, instead of landing in the wrong section.
//!
//! To add a handle: a section with its type's name and its prefix (e.g.
//! "ferrex_stream", "FERREX_STREAM_", "ferrex_stream_"), after the sections
//! of the types it uses. The generation fails, naming the item, when an
//! item has no entry, an entry places nothing, or an item comes before a
//! type or macro it uses.

/// One section of the header: a heading, an introduction (a few lines of
/// at most 76 characters: what the handle is, who owns it, which threads
/// may use it) and the entries that place its items.
pub struct Section {
    pub title: &'static str,
    pub intro: &'static str,
    pub entries: &'static [&'static str],
}

pub const SECTIONS: &[Section] = &[
    Section {
        title: "Version",
        intro: "
FERREX_VERSION_* describe the header you compiled against, ferrex_version()
and ferrex_version_number() the library you run with: a program that loads
libferrex dynamically compares FERREX_VERSION_NUMBER with
ferrex_version_number() to detect a mismatched library. Thread-safe; the
version string is static.
",
        entries: &["FERREX_VERSION_", "ferrex_version", "ferrex_version_number"],
    },
    Section {
        title: "Statuses",
        intro: "
Every call returns a ferrex_status: FERREX_OK (0) or a negative error.
Searches return 1 (match) or 0 (no match) in place of FERREX_OK.
ferrex_status_name() and ferrex_status_message() turn any value into
static text (never free it). Thread-safe.
",
        entries: &["ferrex_status", "ferrex_status_"],
    },
    Section {
        title: "Errors",
        intro: "
A ferrex_error is the detailed account of a failure: its status, a message
(a caret under the offending bytes for a syntax error) and, where known,
the failing pattern's index and byte span. Constructors hand one over
through their optional `ferrex_error **error` parameter: the caller owns it
and frees it with ferrex_error_free(). ferrex_error_last() lends the calling
thread's last failure, of any call, searches included: it is owned by
ferrex. An error is immutable: read it from any thread.
",
        entries: &["ferrex_error", "ferrex_error_"],
    },
    Section {
        title: "Compile flags and options",
        intro: "
How a pattern compiles. FERREX_FLAG_* bits, passed to ferrex_regex_new()
and ferrex_regex_new_many() as `flags` (0 for none), set the syntax of the
whole pattern; most are inline flags such as `(?i)`. A ferrex_options
object (NULL: the defaults) sets the size limits and the match kind. The
caller owns it; building a regex copies it, so it may be changed or freed
afterwards. One thread at a time per options object.
",
        entries: &[
            "FERREX_FLAG_",
            "ferrex_options",
            "ferrex_match_kind",
            "FERREX_MAX_NESTING_LIMIT",
            "ferrex_options_",
        ],
    },
    Section {
        title: "Regexes",
        intro: "
A ferrex_regex is one or more compiled patterns (ferrex_regex_new(),
ferrex_regex_new_many()), freed with ferrex_regex_free(). It is immutable:
share it across threads. Searching it needs per-thread scratch space, a
ferrex_cache (see Searches), or borrows one from the regex's internal
pool. The calls here describe it: its patterns and their capture groups.
",
        entries: &[
            "ferrex_regex",
            "ferrex_regex_new",
            "ferrex_regex_new_many",
            "ferrex_regex_free",
            "ferrex_regex_pattern_count",
            "ferrex_regex_match_len_bounds",
            "ferrex_regex_has_full_dfa",
            "ferrex_regex_group_count",
            "ferrex_regex_group_name",
            "ferrex_regex_group_index",
        ],
    },
    Section {
        title: "Searches",
        intro: "
A search takes a regex, a cache, the haystack (`ptr` + `len`) and a
`const ferrex_search *` holding the bounds and FERREX_SEARCH_* flags (NULL:
the whole haystack, unanchored). A match comes back as a ferrex_match: its
byte offsets and the index of the pattern that matched.

A ferrex_cache is a regex's scratch space for one thread: made for one
regex, used by one thread at a time, it makes searches allocation-free
once warm. Passing NULL instead borrows one from the regex's internal pool.
Searches keep no pointer to the haystack.
",
        entries: &[
            "ferrex_search",
            "FERREX_SEARCH_",
            "ferrex_match",
            "ferrex_cache",
            "ferrex_cache_",
            "ferrex_regex_is_match",
            "ferrex_regex_find",
            "ferrex_regex_count",
            "ferrex_regex_find_all",
            "ferrex_regex_which_matches",
        ],
    },
    Section {
        title: "Captures",
        intro: "
A ferrex_captures holds the capture group spans of one match: made for one
regex by ferrex_captures_new(), filled by ferrex_regex_captures() or
ferrex_iter_next_captures(), read by the ferrex_captures_* calls. It keeps
offsets only, never the haystack. A search writes it, so one thread at a
time; between searches, several threads may read it.
",
        entries: &[
            "ferrex_captures",
            "FERREX_UNSET",
            "ferrex_captures_new",
            "ferrex_captures_free",
            "ferrex_regex_captures",
            "ferrex_captures_",
        ],
    },
    Section {
        title: "Iterators",
        intro: "
A ferrex_iter walks the non-overlapping matches of a regex in one haystack,
with its own cache: one match per step, a batch of matches, or a match with
all its groups. It keeps offsets only, so every step is given the haystack
again (the same bytes; they may move in memory). It holds a reference to its
regex and outlives ferrex_regex_free(). One thread at a time per iterator.
",
        entries: &["ferrex_iter", "ferrex_iter_"],
    },
    Section {
        title: "Library-owned buffers",
        intro: "
The calls that produce text (replacement, ferrex_escape(),
ferrex_lowercase()) write it into the caller's buffer, reporting the size
needed when it is too small (FERREX_ERR_BUFFER_TOO_SMALL), or, in their
`_alloc` form, into a ferrex_bytes the library allocates: the caller owns
it and frees it with ferrex_bytes_free().
",
        entries: &["ferrex_bytes", "ferrex_bytes_"],
    },
    Section {
        title: "Regex replacement",
        intro: "
Replaces the matches of a regex, those a ferrex_iter reports for the same
search, with a template (`$1`, `${name}`, `$$`) or with what a
ferrex_replace_fn callback returns for each, and writes the whole new text.
Thread-safe given distinct caches; the callback runs on the calling thread.
",
        entries: &["ferrex_replace_fn", "ferrex_regex_replace", "ferrex_regex_replace_"],
    },
    Section {
        title: "Phrase set options",
        intro: "
A phrase set matches many literal phrases at once (Aho-Corasick), in time
linear in the haystack. A ferrex_phrase_options object (NULL: the defaults)
sets how it matches (the match kind, case folding), which automaton it
builds and which searches it supports. The caller owns it; building a set
copies it. One thread at a time per options object.
",
        entries: &[
            "ferrex_phrase_options",
            "ferrex_phrase_match_kind",
            "ferrex_phrase_automaton",
            "ferrex_phrase_starts",
            "ferrex_phrase_options_",
        ],
    },
    Section {
        title: "Phrase sets",
        intro: "
A ferrex_phrases is a compiled set of literal phrases, made by
ferrex_phrases_new() and freed with ferrex_phrases_free(). It is immutable
and its searches need no cache: share it across threads and search it from
any of them. Searches take the bounds and flags of a ferrex_search (not
FERREX_SEARCH_ANCHOR_PATTERN) and report the phrase's index as the match's
`pattern`; ferrex_phrases_replace() replaces each phrase by its own text.
",
        entries: &["ferrex_phrases", "ferrex_phrases_info", "ferrex_phrases_"],
    },
    Section {
        title: "Phrase iterators",
        intro: "
A ferrex_phrase_iter walks the matches of a phrase set in one haystack,
non-overlapping or (standard match kind) overlapping, one per step or in
batches. Like ferrex_iter it keeps offsets only (every step is given the
same haystack bytes) and holds a reference to its set, so it outlives
ferrex_phrases_free(). One thread at a time per iterator.
",
        entries: &["ferrex_phrase_iter", "ferrex_phrase_iter_"],
    },
    Section {
        title: "Streams",
        intro: "
A ferrex_stream searches text that arrives in chunks, for a regex or a
phrase set, and reports the matches a one-shot search over all the chunks
together would (absolute offsets), as soon as no later byte can change them.
It keeps no pointer to a chunk: only the bytes a match in progress may still
need, bounded by the retain limit. One thread at a time per stream.
",
        entries: &["FERREX_STREAM_", "ferrex_stream", "ferrex_stream_info", "ferrex_stream_"],
    },
    Section {
        title: "Text helpers",
        intro: "
Functions of text alone, with no handle: ferrex_escape() turns text into a
pattern that matches it literally; ferrex_lowercase() lowercases it, ASCII
letters only or full Unicode. Each writes into the caller's buffer or, with
`_alloc`, a ferrex_bytes. Thread-safe.
",
        entries: &["ferrex_escape", "ferrex_escape_", "ferrex_lowercase_mode", "ferrex_lowercase", "ferrex_lowercase_"],
    },
];
