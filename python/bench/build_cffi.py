import cffi, sys
ffi = cffi.FFI()
ffi.cdef("""
typedef struct ferrex_regex ferrex_regex; typedef struct ferrex_cache ferrex_cache; typedef struct ferrex_error ferrex_error; typedef struct ferrex_options ferrex_options;
typedef struct ferrex_search { size_t start; size_t end; uint32_t flags; size_t pattern; } ferrex_search;
typedef struct ferrex_match { size_t start; size_t end; size_t pattern; } ferrex_match;
int32_t ferrex_regex_new(ferrex_regex **out, const uint8_t *pattern, size_t pattern_len, uint32_t flags, const ferrex_options *options, ferrex_error **error);
int32_t ferrex_regex_is_match(const ferrex_regex *regex, ferrex_cache *cache, const uint8_t *haystack, size_t haystack_len, const ferrex_search *search);
int32_t ferrex_regex_find(const ferrex_regex *regex, ferrex_cache *cache, const uint8_t *haystack, size_t haystack_len, const ferrex_search *search, ferrex_match *match);
""")
ffi.set_source("_fxcffi", '#include "ferrex.h"', include_dirs=["/work/wt16/include"], extra_objects=["/work/wt16/build/lib/libferrex.a"], libraries=["gcc_s","util","rt","pthread","m","dl"])
ffi.compile(verbose=False)
