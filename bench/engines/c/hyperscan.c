/*
 * The Hyperscan adapter for the rebar runner core (engine.h), mirroring the
 * choices of rebar's own Hyperscan runner (engines/hyperscan there), so that
 * the per-engine 'hyperscan' counts in the definitions apply:
 *   - block mode, all patterns in one database (hs_compile_multi, as the
 *     runner's Patterns::build does), so several patterns work natively;
 *   - HS_FLAG_CASELESS for case-insensitive, HS_FLAG_UTF8|HS_FLAG_UCP for
 *     unicode, HS_FLAG_SOM_LEFTMOST only when spans are needed;
 *   - count and count-spans count every match Hyperscan reports (it reports
 *     each match end, not leftmost-first non-overlapping matches, which is
 *     why the definitions list separate counts for hyperscan);
 *   - grep stops the scan at the first match from the callback;
 *   - no HS_FLAG_ALLOWEMPTY: a pattern that can match the empty string is a
 *     compile error, as in rebar;
 *   - capture groups do not exist in Hyperscan, so the capture models are
 *     refused.
 */
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hs.h> /* pkg-config libhs puts hs/ on the include path */

#include "engine.h"

struct engine {
    hs_database_t *db;
    /* Allocated at compile time: the engine is then ready to search (what the
     * compile model measures) and no search allocates. */
    hs_scratch_t *scratch;
    int som;  /* compiled with HS_FLAG_SOM_LEFTMOST */
    int utf8; /* compiled with HS_FLAG_UTF8: haystacks must be valid UTF-8 */
    /* The last haystack found to be valid UTF-8, so that repeated searches of
     * it (or of slices of it) are not validated again inside timed loops. */
    const uint8_t *valid_start;
    size_t valid_len;
};

/* engine.h's config says nothing about the model, but Hyperscan must know at
 * compile time whether start offsets will be asked for (SOM costs time and
 * may reject patterns that compile without it). The core asks
 * engine_supports() about the model before it compiles, so that call records
 * whether the model needs spans. */
static int som_wanted;

const char *engine_name(void) { return "hyperscan"; }

const char *engine_version(void) { return hs_version(); }

int engine_supports(const char *model, const engine_config *cfg, const char **reason) {
    (void)cfg;
    if (strcmp(model, "count-captures") == 0 || strcmp(model, "grep-captures") == 0) {
        *reason = "Hyperscan has no capture groups";
        return 0;
    }
    som_wanted = strcmp(model, "count-spans") == 0 || strcmp(model, "regex-redux") == 0;
    return 1;
}

engine *engine_compile(const engine_config *cfg, char **err) {
    if (hs_valid_platform() != HS_SUCCESS) {
        *err = engine_errorf("hyperscan: this CPU lacks the instructions Hyperscan needs (SSSE3)");
        return NULL;
    }
    if (cfg->pattern_count == 0 || cfg->pattern_count > UINT_MAX) {
        *err = engine_errorf("hyperscan: cannot compile %zu patterns", cfg->pattern_count);
        return NULL;
    }
    unsigned n = (unsigned)cfg->pattern_count;
    unsigned base = 0;
    if (cfg->case_insensitive) {
        base |= HS_FLAG_CASELESS;
    }
    if (cfg->unicode) {
        /* HS_FLAG_UCP only has meaning together with HS_FLAG_UTF8. */
        base |= HS_FLAG_UTF8 | HS_FLAG_UCP;
    }
    if (som_wanted) {
        base |= HS_FLAG_SOM_LEFTMOST;
    }
    unsigned *flags = malloc(n * sizeof *flags);
    unsigned *ids = malloc(n * sizeof *ids);
    if (flags == NULL || ids == NULL) {
        free(flags);
        free(ids);
        *err = engine_errorf("hyperscan: out of memory");
        return NULL;
    }
    for (unsigned i = 0; i < n; i++) {
        /* Hyperscan reads patterns as C strings: an embedded NUL would
         * silently cut one short. */
        if (strlen(cfg->patterns[i]) != cfg->pattern_lens[i]) {
            free(flags);
            free(ids);
            *err = engine_errorf("hyperscan: pattern %u contains a NUL byte", i);
            return NULL;
        }
        flags[i] = base;
        ids[i] = i;
    }
    hs_database_t *db = NULL;
    hs_compile_error_t *cerr = NULL;
    hs_error_t rc = hs_compile_multi((const char *const *)cfg->patterns, flags, ids, n,
                                     HS_MODE_BLOCK, NULL, &db, &cerr);
    free(flags);
    free(ids);
    if (rc != HS_SUCCESS) {
        if (cerr != NULL && cerr->expression >= 0 && n > 1) {
            *err = engine_errorf("hyperscan: pattern %d: %s", cerr->expression, cerr->message);
        } else {
            *err = engine_errorf("hyperscan: %s",
                                 cerr != NULL ? cerr->message : "compile failed");
        }
        hs_free_compile_error(cerr);
        return NULL;
    }
    hs_scratch_t *scratch = NULL;
    if (hs_alloc_scratch(db, &scratch) != HS_SUCCESS) {
        hs_free_database(db);
        *err = engine_errorf("hyperscan: could not allocate scratch space");
        return NULL;
    }
    engine *e = calloc(1, sizeof *e);
    if (e == NULL) {
        hs_free_scratch(scratch);
        hs_free_database(db);
        *err = engine_errorf("hyperscan: out of memory");
        return NULL;
    }
    e->db = db;
    e->scratch = scratch;
    e->som = som_wanted;
    e->utf8 = cfg->unicode != 0;
    return e;
}

void engine_free(engine *e) {
    if (e == NULL) {
        return;
    }
    hs_free_scratch(e->scratch);
    hs_free_database(e->db);
    free(e);
}

/* Strict UTF-8 (no overlongs, surrogates or code points past U+10FFFF). */
static int is_valid_utf8(const uint8_t *s, size_t n) {
    size_t i = 0;
    while (i < n) {
        uint8_t b = s[i];
        if (b < 0x80) {
            i++;
            continue;
        }
        size_t need;
        uint8_t lo = 0x80, hi = 0xBF; /* allowed range of the second byte */
        if (b >= 0xC2 && b <= 0xDF) {
            need = 1;
        } else if (b >= 0xE0 && b <= 0xEF) {
            need = 2;
            if (b == 0xE0) lo = 0xA0;
            if (b == 0xED) hi = 0x9F;
        } else if (b >= 0xF0 && b <= 0xF4) {
            need = 3;
            if (b == 0xF0) lo = 0x90;
            if (b == 0xF4) hi = 0x8F;
        } else {
            return 0;
        }
        if (n - i <= need || s[i + 1] < lo || s[i + 1] > hi) {
            return 0;
        }
        for (size_t k = 2; k <= need; k++) {
            if ((s[i + k] & 0xC0) != 0x80) {
                return 0;
            }
        }
        i += need + 1;
    }
    return 1;
}

static int is_continuation(uint8_t b) { return (b & 0xC0) == 0x80; }

static int check_length(size_t len, char **err) {
    if (len > UINT_MAX) {
        *err = engine_errorf("hyperscan: haystack of %zu bytes is longer than hs_scan accepts", len);
        return -1;
    }
    return 0;
}

/* Hyperscan's results on invalid UTF-8 with HS_FLAG_UTF8 are undefined
 * (rebar's runner refuses such haystacks up front), so whole-haystack
 * searches check first. A slice of the last validated haystack that starts
 * and ends on character boundaries is valid as well and needs no new pass:
 * repeated searches of one haystack pay for validation once. */
static int check_haystack(engine *e, const uint8_t *hay, size_t len, char **err) {
    if (check_length(len, err) < 0) {
        return -1;
    }
    if (!e->utf8 || len == 0) {
        return 0;
    }
    /* Addresses compared as integers: the pointers may be unrelated. */
    uintptr_t vs = (uintptr_t)e->valid_start, h = (uintptr_t)hay;
    if (e->valid_start != NULL && h >= vs && len <= e->valid_len && h - vs <= e->valid_len - len) {
        int ends_at_region_end = h - vs + len == e->valid_len;
        if (!is_continuation(hay[0]) && (ends_at_region_end || !is_continuation(hay[len]))) {
            return 0;
        }
    }
    if (!is_valid_utf8(hay, len)) {
        *err = engine_errorf("hyperscan: haystack is not valid UTF-8, which unicode mode "
                             "(HS_FLAG_UTF8) requires");
        return -1;
    }
    e->valid_start = hay;
    e->valid_len = len;
    return 0;
}

static int on_match_count(unsigned id, unsigned long long from, unsigned long long to,
                          unsigned flags, void *ctx) {
    (void)id, (void)from, (void)to, (void)flags;
    ++*(int64_t *)ctx;
    return 0;
}

static int on_match_span(unsigned id, unsigned long long from, unsigned long long to,
                         unsigned flags, void *ctx) {
    (void)id, (void)flags;
    *(int64_t *)ctx += (int64_t)(to - from);
    return 0;
}

/* Returning non-zero makes hs_scan stop and return HS_SCAN_TERMINATED. */
static int on_match_stop(unsigned id, unsigned long long from, unsigned long long to,
                         unsigned flags, void *ctx) {
    (void)id, (void)from, (void)to, (void)flags, (void)ctx;
    return 1;
}

static int scan(engine *e, const uint8_t *hay, size_t len, match_event_handler on_match,
                void *ctx, char **err) {
    /* hs_scan rejects a NULL buffer even when it is empty. */
    static const char empty[1];
    if (hay == NULL) {
        hay = (const uint8_t *)empty;
    }
    hs_error_t rc = hs_scan(e->db, (const char *)hay, (unsigned)len, 0, e->scratch, on_match, ctx);
    if (rc == HS_SUCCESS || rc == HS_SCAN_TERMINATED) {
        return rc == HS_SCAN_TERMINATED;
    }
    *err = engine_errorf("hyperscan: hs_scan failed with error %d", (int)rc);
    return -1;
}

int64_t engine_count(engine *e, const uint8_t *hay, size_t len, char **err) {
    int64_t count = 0;
    if (check_haystack(e, hay, len, err) < 0 || scan(e, hay, len, on_match_count, &count, err) < 0) {
        return -1;
    }
    return count;
}

int64_t engine_count_spans(engine *e, const uint8_t *hay, size_t len, char **err) {
    if (!e->som) {
        *err = engine_errorf("hyperscan: count-spans needs a database compiled with "
                             "HS_FLAG_SOM_LEFTMOST; call engine_supports(\"count-spans\", ...) "
                             "before engine_compile");
        return -1;
    }
    int64_t sum = 0;
    if (check_haystack(e, hay, len, err) < 0 || scan(e, hay, len, on_match_span, &sum, err) < 0) {
        return -1;
    }
    return sum;
}

int64_t engine_count_captures(engine *e, const uint8_t *hay, size_t len, char **err) {
    (void)e, (void)hay, (void)len;
    *err = engine_errorf("hyperscan: no capture groups");
    return -1;
}

/* Used by grep, one line per call. Lines are not UTF-8 checked: each is a
 * new slice, and checking every line more than doubled the time of a casei
 * unicode grep of ru-sampled.txt. An invalid line then gets Hyperscan's
 * undefined answer (a wrong match, not a crash: scanning reads only the
 * given bytes), which the count verification catches. */
int engine_is_match(engine *e, const uint8_t *hay, size_t len, char **err) {
    if (check_length(len, err) < 0) {
        return -1;
    }
    return scan(e, hay, len, on_match_stop, NULL, err);
}

/* regex-redux: the first match Hyperscan reports, whose start is found with
 * HS_FLAG_SOM_LEFTMOST, after which the scan stops. */
static int on_match_first(unsigned id, unsigned long long from, unsigned long long to,
                          unsigned flags, void *ctx) {
    (void)id, (void)flags;
    unsigned long long *span = ctx;
    span[0] = from;
    span[1] = to;
    return 1;
}

/* regex-redux's search, as rebar's Hyperscan runner does it: the scan
 * covers the slice [start, len) only (block mode has no way to show it the
 * bytes before), and the match is the first one reported: the earliest
 * end, with the leftmost start for that end. Hyperscan has no
 * leftmost-first semantics; for regex-redux's patterns (fixed-length
 * alternations, and runs up to the next delimiter) that match is the
 * leftmost-first one all the same, which the output check confirms. */
int engine_find_at(engine *e, const uint8_t *hay, size_t len, size_t start, size_t *match_start,
                   size_t *match_end, char **err) {
    if (!e->som) {
        *err = engine_errorf("hyperscan: regex-redux needs a database compiled with "
                             "HS_FLAG_SOM_LEFTMOST; call engine_supports(\"regex-redux\", ...) "
                             "before engine_compile");
        return -1;
    }
    const uint8_t *slice = hay + start;
    size_t slice_len = len - start;
    if (check_haystack(e, slice, slice_len, err) < 0) {
        return -1;
    }
    unsigned long long span[2];
    int found = scan(e, slice, slice_len, on_match_first, span, err);
    if (found == 1) {
        *match_start = start + (size_t)span[0];
        *match_end = start + (size_t)span[1];
    }
    return found;
}
