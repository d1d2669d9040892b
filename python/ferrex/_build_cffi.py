"""The cffi backend's builder (API mode, out-of-line: a compiled extension,
which PyPy runs natively). setup.py uses it where the C extension is not
built: PyPy, and CPython before 3.11 (whose limited API lacks the buffer
protocol). It links libferrex.a statically, like the C extension.

The cdef is the subset of include/ferrex.h the backend calls, written
here: ffi.cdef() cannot parse the header itself (comments, #if around the
C23 enum bases, the FERREX_VERSION_NUMBER expression). The real header is
#included by the generated C, so the C compiler checks every declaration
below against it: a drift fails the build.
"""
import os

import cffi

CDEF = """
typedef struct ferrex_regex ferrex_regex;
typedef struct ferrex_cache ferrex_cache;
typedef struct ferrex_captures ferrex_captures;
typedef struct ferrex_error ferrex_error;
typedef struct ferrex_options ferrex_options;
typedef struct ferrex_search { size_t start; size_t end; uint32_t flags; size_t pattern; } ferrex_search;
typedef struct ferrex_match { size_t start; size_t end; size_t pattern; } ferrex_match;
typedef struct ferrex_bytes { uint8_t *ptr; size_t len; } ferrex_bytes;
#define FERREX_VERSION_NUMBER ...
const char *ferrex_version(void);
uint32_t ferrex_version_number(void);
const char *ferrex_status_name(int32_t status);
const char *ferrex_status_message(int32_t status);
void ferrex_error_free(ferrex_error *error);
const char *ferrex_error_message(const ferrex_error *error);
const ferrex_error *ferrex_error_last(void);
int32_t ferrex_error_span(const ferrex_error *error, size_t *start, size_t *end);
int32_t ferrex_regex_new(ferrex_regex **out, const uint8_t *pattern, size_t pattern_len, uint32_t flags,
                         const ferrex_options *options, ferrex_error **error);
void ferrex_regex_free(ferrex_regex *regex);
int32_t ferrex_regex_group_count(const ferrex_regex *regex, size_t pattern, size_t *count);
int32_t ferrex_regex_group_name(const ferrex_regex *regex, size_t pattern, size_t group,
                                const uint8_t **name, size_t *name_len);
int32_t ferrex_regex_is_match(const ferrex_regex *regex, ferrex_cache *cache, const uint8_t *haystack,
                              size_t haystack_len, const ferrex_search *search);
int32_t ferrex_regex_find(const ferrex_regex *regex, ferrex_cache *cache, const uint8_t *haystack,
                          size_t haystack_len, const ferrex_search *search, ferrex_match *match);
int32_t ferrex_regex_captures(const ferrex_regex *regex, ferrex_cache *cache, const uint8_t *haystack,
                              size_t haystack_len, const ferrex_search *search, ferrex_captures *captures);
int32_t ferrex_captures_new(ferrex_captures **out, const ferrex_regex *regex, ferrex_error **error);
void ferrex_captures_free(ferrex_captures *captures);
int32_t ferrex_captures_spans(const ferrex_captures *captures, ferrex_match *spans, size_t spans_len,
                              size_t *count);
int32_t ferrex_options_new(ferrex_options **out, ferrex_error **error);
void ferrex_options_free(ferrex_options *options);
int32_t ferrex_options_set_search_memory_limit(ferrex_options *options, size_t bytes);
int32_t ferrex_regex_new_many(ferrex_regex **out, const uint8_t *const *patterns, const size_t *pattern_lens,
                              size_t count, uint32_t flags, const ferrex_options *options, ferrex_error **error);
int32_t ferrex_regex_pattern_count(const ferrex_regex *regex, size_t *count);
int32_t ferrex_regex_which_matches(const ferrex_regex *regex, ferrex_cache *cache, const uint8_t *haystack,
                                   size_t haystack_len, const ferrex_search *search, uint8_t *matched,
                                   size_t matched_len);
int32_t ferrex_captures_pattern(const ferrex_captures *captures, size_t *pattern);
int32_t ferrex_regex_match_len_bounds(const ferrex_regex *regex, size_t *min_len, size_t *max_len);
typedef struct ferrex_iter ferrex_iter;
int32_t ferrex_iter_new(ferrex_iter **out, const ferrex_regex *regex, size_t haystack_len,
                        const ferrex_search *search, ferrex_error **error);
int32_t ferrex_iter_reset(ferrex_iter *iter, size_t haystack_len, const ferrex_search *search);
void ferrex_iter_free(ferrex_iter *iter);
int32_t ferrex_iter_next_spans_batch(ferrex_iter *iter, const uint8_t *haystack, size_t haystack_len,
                                     ferrex_match *spans, size_t stride, size_t cap, size_t *count);
int32_t ferrex_error_pattern(const ferrex_error *error, size_t *index);
typedef struct ferrex_phrases ferrex_phrases;
typedef struct ferrex_phrase_options ferrex_phrase_options;
typedef struct ferrex_phrase_iter ferrex_phrase_iter;
int32_t ferrex_phrase_options_new(ferrex_phrase_options **out, ferrex_error **error);
void ferrex_phrase_options_free(ferrex_phrase_options *options);
int32_t ferrex_phrase_options_set_match_kind(ferrex_phrase_options *options, uint32_t match_kind);
int32_t ferrex_phrase_options_set_ascii_case_insensitive(ferrex_phrase_options *options, uint32_t yes);
int32_t ferrex_phrase_options_set_unicode_case_insensitive(ferrex_phrase_options *options, uint32_t yes);
int32_t ferrex_phrases_new(ferrex_phrases **out, const uint8_t *const *phrases, const size_t *phrase_lens,
                           size_t count, const ferrex_phrase_options *options, ferrex_error **error);
void ferrex_phrases_free(ferrex_phrases *phrases);
int32_t ferrex_phrases_is_match(const ferrex_phrases *phrases, const uint8_t *haystack, size_t haystack_len,
                                const ferrex_search *search);
int32_t ferrex_phrases_find(const ferrex_phrases *phrases, const uint8_t *haystack, size_t haystack_len,
                            const ferrex_search *search, ferrex_match *match);
int32_t ferrex_phrase_iter_new(ferrex_phrase_iter **out, const ferrex_phrases *phrases, size_t haystack_len,
                               const ferrex_search *search, uint32_t overlapping, ferrex_error **error);
void ferrex_phrase_iter_free(ferrex_phrase_iter *iter);
int32_t ferrex_phrase_iter_next_batch(ferrex_phrase_iter *iter, const uint8_t *haystack, size_t haystack_len,
                                      ferrex_match *out, size_t cap, size_t *count);
int32_t ferrex_phrases_replace_alloc(const ferrex_phrases *phrases, const uint8_t *haystack, size_t haystack_len,
                                     const ferrex_search *search, const uint8_t *const *replacements,
                                     const size_t *replacement_lens, size_t count, ferrex_bytes *out);
void ferrex_bytes_free(ferrex_bytes *bytes);
typedef struct ferrex_stream ferrex_stream;
typedef struct ferrex_stream_info { size_t offset; size_t retained; size_t ready; uint32_t finished; } ferrex_stream_info;
int32_t ferrex_stream_new(ferrex_stream **out, const ferrex_regex *regex, size_t retain_limit, uint32_t flags,
                          ferrex_error **error);
int32_t ferrex_stream_new_phrases(ferrex_stream **out, const ferrex_phrases *phrases, size_t retain_limit,
                                  uint32_t flags, ferrex_error **error);
void ferrex_stream_free(ferrex_stream *stream);
int32_t ferrex_stream_feed(ferrex_stream *stream, const uint8_t *chunk, size_t len);
int32_t ferrex_stream_finish(ferrex_stream *stream);
int32_t ferrex_stream_next_batch(ferrex_stream *stream, ferrex_match *out, size_t cap, size_t *count);
int32_t ferrex_stream_reset(ferrex_stream *stream);
int32_t ferrex_stream_describe(const ferrex_stream *stream, ferrex_stream_info *info);
int32_t ferrex_escape_alloc(const uint8_t *text, size_t text_len, ferrex_bytes *out);
int32_t ferrex_lowercase_alloc(const uint8_t *text, size_t text_len, uint32_t mode, ferrex_bytes *out);
"""


def make_ffi(include_dir, archive, libraries):
    ffi = cffi.FFI()
    ffi.cdef(CDEF)
    ffi.set_source(
        "ferrex._ferrex_cffi",
        '#include "ferrex.h"',
        include_dirs=[include_dir],
        extra_objects=[archive],
        libraries=libraries,
    )
    return ffi


# setup.py's cffi_modules entry ("ferrex/_build_cffi.py:ffi") reads this;
# setup.py sets the paths before cffi imports the module.
_root = os.environ.get("FERREX_ROOT", os.path.join(os.path.dirname(__file__), "..", ".."))
_libs = os.environ.get("FERREX_NATIVE_LIBS", "gcc_s util rt pthread m dl c").split()
ffi = make_ffi(os.path.join(_root, "include"), os.path.join(_root, "build", "lib", "libferrex.a"), _libs)
