// The RE2 adapter for the rebar runner core (engine.h), mirroring the choices
// of rebar's own RE2 runner (engines/re2 there) so that our numbers for "re2"
// mean what rebar's do:
//   - one pattern only: rebar's runner takes exactly one and neither builds
//     an RE2::Set nor joins patterns into an alternation;
//   - Latin-1 encoding when unicode is off (RE2 then matches arbitrary bytes
//     and classes stop at 0xFF), UTF-8 (RE2's default) when it is on;
//   - case-insensitivity through RE2::Options, error logging off;
//   - every search is RE2::Match(UNANCHORED) over [at, len) of the whole
//     haystack, so ^, $ and \b see the real context around `at`.
// never_capture is not set: the core compiles before it says which search
// it will run, and with nsubmatch <= 1 RE2 already skips capture tracking.

#include <re2/re2.h>

#include <cstdlib>
#include <cstring>
#include <new>
#include <string>
#include <vector>

extern "C" {
#include "engine.h"
}

#ifndef REBAR_RE2_VERSION
#error "REBAR_RE2_VERSION must be defined by the build script (the libre2 version)"
#endif

struct engine {
    RE2 *re;
    // Reused by every captures search so no search allocates.
    std::vector<re2::StringPiece> groups;
};

// A malloc'd copy of msg for *err (the core frees it with free()).
static char *malloc_message(const std::string &msg) {
    char *s = static_cast<char *>(std::malloc(msg.size() + 1));
    if (s != nullptr) {
        std::memcpy(s, msg.data(), msg.size());
        s[msg.size()] = '\0';
    }
    return s;
}

// RE2 reports an unmatched group as a NULL data pointer; an empty haystack
// given as (NULL, 0) would make an empty match look unmatched too.
static re2::StringPiece haystack_piece(const uint8_t *hay, size_t len) {
    static const char empty[1] = {0};
    if (len == 0) {
        return re2::StringPiece(empty, 0);
    }
    return re2::StringPiece(reinterpret_cast<const char *>(hay), len);
}

extern "C" const char *engine_name(void) { return "re2"; }

extern "C" const char *engine_version(void) { return REBAR_RE2_VERSION; }

extern "C" int engine_supports(const char *model, const engine_config *cfg,
                               const char **reason) {
    (void)model;
    if (cfg->pattern_count != 1) {
        *reason = "re2 takes exactly one pattern (rebar's RE2 runner neither "
                  "uses RE2::Set nor joins patterns)";
        return 0;
    }
    return 1;
}

extern "C" engine *engine_compile(const engine_config *cfg, char **err) {
    if (cfg->pattern_count != 1) {
        *err = malloc_message("re2 takes exactly one pattern, got " +
                              std::to_string(cfg->pattern_count));
        return nullptr;
    }
    try {
        RE2::Options opts;
        opts.set_log_errors(false);
        opts.set_encoding(cfg->unicode ? RE2::Options::EncodingUTF8
                                       : RE2::Options::EncodingLatin1);
        opts.set_case_sensitive(!cfg->case_insensitive);
        re2::StringPiece pattern(cfg->patterns[0], cfg->pattern_lens[0]);
        RE2 *re = new RE2(pattern, opts);
        if (!re->ok()) {
            std::string msg = "re2: " + re->error();
            delete re;
            *err = malloc_message(msg);
            return nullptr;
        }
        engine *e = new engine;
        e->re = re;
        e->groups.resize(1 + static_cast<size_t>(re->NumberOfCapturingGroups()));
        return e;
    } catch (const std::exception &ex) {
        *err = malloc_message(std::string("re2: compile failed: ") + ex.what());
        return nullptr;
    }
}

extern "C" void engine_free(engine *e) {
    if (e == nullptr) {
        return;
    }
    delete e->re;
    delete e;
}

// Calls on_match(start, end) for each match in the order the regex crate's
// find_iter reports them: after a match ending at E, an empty match at E is
// skipped by searching again from E+1 (as rebar's RE2 iterator does).
template <typename OnMatch>
static void for_each_match(const engine *e, re2::StringPiece text,
                           OnMatch on_match) {
    const size_t len = text.size();
    size_t at = 0;
    bool have_last = false;
    size_t last_end = 0;
    re2::StringPiece m;
    while (at <= len &&
           e->re->Match(text, at, len, RE2::UNANCHORED, &m, 1)) {
        size_t start = static_cast<size_t>(m.data() - text.data());
        size_t end = start + m.size();
        if (start == end && have_last && end == last_end) {
            at = end + 1;
            continue;
        }
        on_match(start, end);
        have_last = true;
        last_end = end;
        at = end;
    }
}

extern "C" int64_t engine_count(engine *e, const uint8_t *hay, size_t len,
                                char **err) {
    (void)err;
    int64_t count = 0;
    for_each_match(e, haystack_piece(hay, len),
                   [&](size_t, size_t) { count++; });
    return count;
}

extern "C" int64_t engine_count_spans(engine *e, const uint8_t *hay, size_t len,
                                      char **err) {
    (void)err;
    int64_t sum = 0;
    for_each_match(e, haystack_piece(hay, len), [&](size_t start, size_t end) {
        sum += static_cast<int64_t>(end - start);
    });
    return sum;
}

// Same matches as engine_count, but each search fills every group so the
// participating ones can be counted; RE2 marks a group that did not take
// part with a NULL data pointer.
extern "C" int64_t engine_count_captures(engine *e, const uint8_t *hay,
                                         size_t len, char **err) {
    (void)err;
    re2::StringPiece text = haystack_piece(hay, len);
    re2::StringPiece *groups = e->groups.data();
    const int ngroups = static_cast<int>(e->groups.size());
    int64_t count = 0;
    size_t at = 0;
    bool have_last = false;
    size_t last_end = 0;
    while (at <= len &&
           e->re->Match(text, at, len, RE2::UNANCHORED, groups, ngroups)) {
        size_t start = static_cast<size_t>(groups[0].data() - text.data());
        size_t end = start + groups[0].size();
        if (start == end && have_last && end == last_end) {
            at = end + 1;
            continue;
        }
        for (int i = 0; i < ngroups; i++) {
            if (groups[i].data() != nullptr) {
                count++;
            }
        }
        have_last = true;
        last_end = end;
        at = end;
    }
    return count;
}

extern "C" int engine_is_match(engine *e, const uint8_t *hay, size_t len,
                               char **err) {
    (void)err;
    re2::StringPiece text = haystack_piece(hay, len);
    // nsubmatch 0: RE2 only has to answer yes or no, its fastest mode.
    return e->re->Match(text, 0, len, RE2::UNANCHORED, nullptr, 0) ? 1 : 0;
}

// regex-redux's search: RE2::Match over [start, len) of the whole haystack,
// as every search here is.
extern "C" int engine_find_at(engine *e, const uint8_t *hay, size_t len,
                              size_t start, size_t *match_start,
                              size_t *match_end, char **err) {
    (void)err;
    re2::StringPiece text = haystack_piece(hay, len);
    re2::StringPiece m;
    if (!e->re->Match(text, start, len, RE2::UNANCHORED, &m, 1)) {
        return 0;
    }
    *match_start = static_cast<size_t>(m.data() - text.data());
    *match_end = *match_start + m.size();
    return 1;
}
