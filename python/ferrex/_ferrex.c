/*
 * ferrex._ferrex: the CPython backend of the Python package, a C extension
 * on the limited API of CPython 3.11 (abi3: one build serves 3.11 and
 * later; 3.11 is the first limited API with the buffer protocol). It knows
 * only include/ferrex.h and libferrex.a, linked in statically.
 *
 * It offers the few coarse calls the pure-Python layer (ferrex/__init__.py)
 * needs, the same ones ferrex/_backend_cffi.py offers on PyPy:
 *
 *   compile(pattern: bytes, flags: int) -> Regex
 *       raises ValueError(message, status_name, span_start, span_end)
 *       (span -1, -1 when unknown)
 *   Regex.group_count() -> int             groups, group 0 included
 *   Regex.group_names() -> [(name, index)]
 *   Regex.is_match(hay, start, end, flags) -> bool
 *   Regex.search(hay, start, end, flags) -> (s0, e0, s1, e1, ...) | None
 *       every group's byte span, -1 for a group that took no part
 *   escape(bytes) -> bytes, lowercase(bytes, mode) -> bytes, version() -> str
 *
 * and for ferrex.RegexSet and ferrex.PhraseSet (ferrex/_sets.py):
 *
 *   compile_many(patterns: tuple of bytes, flags, kind, search_memory_limit)
 *       -> Regex (a limit of None: libferrex's default)
 *       raises ValueError(message, status_name, span_start, span_end,
 *       pattern_index) (-1 when unknown)
 *   Regex.pattern_count() -> int
 *   Regex.which(hay, start, end, flags) -> [index of each pattern that matches]
 *   Regex.search_set(hay, start, end, flags) -> (pattern, spans) | None
 *   SetBase: the native half of RegexSet, with search() on a whole
 *       haystack in C, as PatternBase's fast paths read it (else RegexSet._search_slow)
 *   compile_phrases(...) -> Phrases: see _phrases.c
 *
 * `hay` is an ASCII str (read in place, no copy) or any object with the
 * buffer protocol (bytes, bytearray, memoryview, array, mmap: no copy);
 * `flags` are FERREX_SEARCH_* bits. Searches over at least
 * RELEASE_GIL_AT bytes run without the GIL: the buffer stays exported
 * (a bytearray cannot be resized meanwhile) and the regex's internal cache
 * pool serves concurrent threads (the C API is thread-safe).
 */
#define Py_LIMITED_API 0x030B0000
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <structmember.h>
#include <stddef.h>
#include <string.h>

#include "ferrex.h"
#include "_ferrex.h"
#include "_strhay.h"

#define STACK_SPANS 32

typedef struct {
    PyObject_HEAD
    ferrex_regex *re;
    size_t groups;            /* the most groups of any pattern, group 0 included */
    size_t patterns;          /* the pattern count: 1, or a RegexSet's */
    ferrex_captures *spare;   /* one reusable captures, taken under the GIL */
    int kind;                 /* the haystacks PatternBase's fast path reads: KIND_* */
    ferrex_iter *spare_iter;  /* one reusable iterator (its cache warm), taken under the GIL */
    Py_ssize_t *close_order;  /* each group's rank by where its ")" is (Match.lastindex), once
                                 the Python layer has worked it out (set_group_info), or NULL */
    PyObject *group_names;    /* with close_order, each group's name or None (Match.lastgroup) */
    int never_empty;          /* no match can be empty (ferrex_regex_match_len_bounds): then
                                 ferrex_iter's empty-match rule and re's cannot differ (else
                                 re_matches() makes up the difference) */
} RegexObject;

/* Matches fetched per ferrex_iter_next_batch call. */
#define BATCH 256

/* finditer over a long span fetches BATCH matches a call, or with groups
 * as many as fit BATCH group spans (ferrex_iter_next_spans_batch, one call
 * where a ferrex_regex_captures and a ferrex_captures_spans call a match
 * were made), at least 16. Regexes with more groups than
 * MAX_BATCH_GROUPS search match by match. */
#define MAX_BATCH_GROUPS 256
static size_t batch_matches(size_t stride) { return stride * 16 > BATCH ? 16 : BATCH / stride; }

/* An iterator over [pos, endpos) of a haystack of endpos bytes: the
 * regex's spare one reset (taken, under the GIL: starting an iterator
 * makes a cache, tens of microseconds), or a new one; NULL with an
 * exception on failure. give_iter() hands it back. */
static ferrex_iter *take_iter(RegexObject *rx, Py_ssize_t pos, Py_ssize_t endpos) {
    ferrex_search s = {(size_t)pos, (size_t)endpos, 0, 0};
    ferrex_iter *it = rx->spare_iter;
    rx->spare_iter = NULL;
    int32_t r = it != NULL ? ferrex_iter_reset(it, (size_t)endpos, &s)
                           : ferrex_iter_new(&it, rx->re, (size_t)endpos, &s, NULL);
    if (check(r) < 0) {
        ferrex_iter_free(it);
        return NULL;
    }
    return it;
}

static void give_iter(RegexObject *rx, ferrex_iter *it) {
    if (rx->spare_iter == NULL)
        rx->spare_iter = it;
    else
        ferrex_iter_free(it);
}

/* re's matches, from `got` matches of the library's iteration at `in`
 * (byte offsets, no groups), into `out` (room for 2 * got; `in` may be
 * its second half): after a non-empty match ending at b, re reports the
 * empty match at b if there is one, which the library's iteration skips
 * (searching on from b it finds that same match, the leftmost there and
 * the first by priority, and steps one character past it, as re does
 * after reporting it); a search anchored at b tells. In a str's encoding
 * (`str`), an empty match inside a character is dropped: a lone
 * surrogate's three bytes are invalid UTF-8, which the library steps
 * over a byte at a time, re a character (no other match can start inside
 * it). When no match can be empty, a copy. Sets *n; returns 0 or a
 * negative status. Touches no Python object (runs without the GIL). */
static int32_t re_matches(RegexObject *rx, const uint8_t *ptr, size_t len, int str, const ferrex_match *in,
                          size_t got, ferrex_match *out, size_t *n) {
    size_t k = 0;
    for (size_t i = 0; i < got; i++) {
        ferrex_match m = in[i];
        if (rx->never_empty) {
            out[k++] = m;
            continue;
        }
        if (m.start == m.end) {
            if (!str || m.start >= len || (ptr[m.start] & 0xC0) != 0x80)
                out[k++] = m;
            continue;
        }
        out[k++] = m;
        ferrex_search s = {m.end, len, FERREX_SEARCH_ANCHORED, 0};
        ferrex_match e;
        int32_t r = ferrex_regex_find(rx->re, NULL, ptr, len, &s, &e);
        if (r < 0)
            return r;
        if (r == 1 && e.end == m.end)
            out[k++] = e;
    }
    *n = k;
    return 0;
}

#define KIND_NONE 0
#define KIND_BYTES 1 /* bytes patterns: exact bytes read in place */
#define KIND_STR 2   /* str patterns: exact str, read in place when ASCII */

/* The haystack of PatternBase's fast paths over string[pos:endpos]: exact
 * bytes for a bytes pattern, or an exact str for a str pattern, read in
 * place when ASCII (byte offsets are then character offsets), else encoded
 * (u.bytes set: _strhay.h). The search runs over bytes [start, end) of
 * ptr, a haystack of `end` bytes; pos and endpos are the string's own
 * offsets, clamped as re clamps them: a Match's. */
typedef struct {
    const uint8_t *ptr;
    Py_ssize_t start, end;
    Py_ssize_t pos, endpos;
    strhay u;
} fast_hay;

typedef struct {
    PyTypeObject *regex_type;
    PyTypeObject *match_base;   /* MatchBase */
    PyTypeObject *pattern_base; /* PatternBase */
    PyTypeObject *match_type;   /* ferrex.Match (set_match_type), a subclass of MatchBase */
    PyTypeObject *set_match_type; /* ferrex.SetMatch (set_match_type), a subclass of Match */
    PyTypeObject *iter_type;    /* MatchIter */
    PyObject *isascii;          /* str.isascii, the method descriptor */
    PyCFunction isascii_fn;     /* its C function, or NULL: str_isascii() */
    PyObject *search_slow;      /* "_search_slow", interned */
    PyObject *match_slow;       /* "_match_slow", interned */
    PyObject *fullmatch_slow;   /* "_fullmatch_slow", interned */
    PyObject *sub_slow;         /* "_sub_slow", interned */
    PyObject *subn_slow;        /* "_subn_slow", interned */
    PyObject *index_name;       /* "_set_index", interned: the slot behind SetMatch.index */
    PyObject *groupindex_name;  /* "groupindex", interned: a Pattern's names -> groups */
    PyObject *names_name;       /* "_names", interned: a Pattern's groups -> names */
    strhay_cache strs;          /* the last long non-ASCII str searched, encoded (_strhay.h) */
} module_state;

/* A match's fields, read-only (ferrex.Match subclasses this with the
 * methods, in Python). */
typedef struct {
    PyObject_HEAD
    PyObject *re;     /* the Pattern */
    PyObject *string; /* the haystack */
    /* The tuple (s0, e0, s1, e1, ...), every group's span, -1 unset: as
     * given to Match(), or made from `all` (spans_tuple) when `_spans` is
     * first read. A match the fast paths make holds its spans only: one
     * object, as re's, where a tuple and its ints were up to 2 + 2n more
     * (and twice the collector's count of young objects, so twice its
     * passes). */
    PyObject *spans;
    PyObject *pos;
    PyObject *endpos;
    Py_ssize_t n;       /* groups in `all`, whole match included; 0: unknown (ask `spans`) */
    ferrex_match *all;  /* every group's span as the library gives them (FERREX_UNSET: took
                           no part): `whole`, or PyMem for groups */
    ferrex_match whole;
} MatchObject;

/* The native half of ferrex.Pattern: its Regex (`_re`) and the C fast
 * paths of search(), match() and fullmatch(). */
typedef struct {
    PyObject_HEAD
    PyObject *re;   /* a RegexObject, set by Pattern.__init__ */
    PyObject *full; /* `(?:pattern)\z`'s RegexObject (fullmatch's), set on its first use, or NULL */
} PatternObject;

static PyObject *Regex_is_match(PyObject *self_, PyObject *const *args, Py_ssize_t nargs) {
    RegexObject *self = (RegexObject *)self_;
    PyObject *obj;
    ferrex_search s;
    hay_t h;
    if (parse_search(args, nargs, "is_match", &obj, &s) < 0 || hay_get(obj, &h) < 0)
        return NULL;
    const ferrex_search *sa = search_arg(&s, h.len);
    int32_t r;
    if (h.len >= RELEASE_GIL_AT) {
        Py_BEGIN_ALLOW_THREADS
        r = ferrex_regex_is_match(self->re, NULL, h.ptr, h.len, sa);
        Py_END_ALLOW_THREADS
    } else {
        r = ferrex_regex_is_match(self->re, NULL, h.ptr, h.len, sa);
    }
    hay_release(&h);
    if (check(r) < 0)
        return NULL;
    return PyBool_FromLong(r);
}

static PyObject *spans_tuple(const ferrex_match *spans, size_t n) {
    PyObject *t = PyTuple_New((Py_ssize_t)(2 * n));
    if (t == NULL)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        PyObject *a, *b;
        if (spans[i].start == FERREX_UNSET) {
            a = PyLong_FromLong(-1);
            b = PyLong_FromLong(-1);
        } else {
            a = PyLong_FromSize_t(spans[i].start);
            b = PyLong_FromSize_t(spans[i].end);
        }
        if (a == NULL || b == NULL) {
            Py_XDECREF(a);
            Py_XDECREF(b);
            Py_DECREF(t);
            return NULL;
        }
        PyTuple_SetItem(t, (Py_ssize_t)(2 * i), a);
        PyTuple_SetItem(t, (Py_ssize_t)(2 * i + 1), b);
    }
    /* Ints only, so never in a cycle: out of the collector's young
     * generation at once (the collector itself would untrack it at its
     * next pass), which a finditer's Match a match would otherwise fill
     * twice as fast as re's. */
    PyObject_GC_UnTrack(t);
    return t;
}

/* A match as search_found() (or an iterator's step) reports it: every
 * group's span, `n` of them at `all` (in the haystack's offsets:
 * characters of a str with `conv`; FERREX_UNSET for a group that took no
 * part), the match's own byte span (`bytes`) and its pattern. `all` is
 * `stack`, a batch buffer's entry, or `heap` (for more groups than the
 * stack holds), which found_release() frees. */
typedef struct {
    ferrex_match *all;
    size_t n;
    ferrex_match bytes;
    size_t pattern;
    ferrex_match *heap;
    ferrex_match stack[STACK_SPANS];
} found_t;

static void found_release(found_t *f) {
    PyMem_Free(f->heap);
    f->heap = NULL;
    f->all = f->stack;
}

/* The search of `s` over `h` (released here) into `*f`: 1 for a match, 0
 * for none, -1 with an exception; found_release(f) after, whatever it
 * returns. A regex without groups is asked for the match only. */
static int search_found(RegexObject *self, hay_t *hp, ferrex_search *sp, strhay *conv, found_t *f) {
    hay_t h = *hp;
    const ferrex_search *sa = search_arg(sp, h.len);
    int release = h.len >= RELEASE_GIL_AT;
    int32_t r;
    f->all = f->stack;
    f->heap = NULL;
    f->n = 0;
    if (self->groups <= 1) {
        if (release) {
            Py_BEGIN_ALLOW_THREADS
            r = ferrex_regex_find(self->re, NULL, h.ptr, h.len, sa, f->stack);
            Py_END_ALLOW_THREADS
        } else {
            r = ferrex_regex_find(self->re, NULL, h.ptr, h.len, sa, f->stack);
        }
        hay_release(&h);
        if (check(r) < 0)
            return -1;
        if (r == 0)
            return 0;
        f->n = 1;
        f->bytes = f->stack[0];
        f->pattern = f->stack[0].pattern;
        if (conv != NULL)
            strhay_spans(conv, f->stack, 1);
        return 1;
    }
    /* Take the spare captures (atomic under the GIL), or make one. */
    ferrex_captures *caps = self->spare;
    self->spare = NULL;
    if (caps == NULL && check(ferrex_captures_new(&caps, self->re, NULL)) < 0) {
        hay_release(&h);
        return -1;
    }
    if (release) {
        Py_BEGIN_ALLOW_THREADS
        r = ferrex_regex_captures(self->re, NULL, h.ptr, h.len, sa, caps);
        Py_END_ALLOW_THREADS
    } else {
        r = ferrex_regex_captures(self->re, NULL, h.ptr, h.len, sa, caps);
    }
    hay_release(&h);
    int result = check(r) < 0 ? -1 : 0;
    if (result < 0 || r == 0)
        goto done;
    result = -1;
    if (self->groups > STACK_SPANS && (f->all = f->heap = PyMem_Malloc(self->groups * sizeof(ferrex_match))) == NULL) {
        f->all = f->stack;
        PyErr_NoMemory();
        goto done;
    }
    if (check(ferrex_captures_spans(caps, f->all, self->groups, &f->n)) == 0 &&
        check(ferrex_captures_pattern(caps, &f->pattern)) == 0) {
        f->bytes = f->all[0];
        if (conv != NULL)
            strhay_spans(conv, f->all, f->n);
        result = 1;
    }
done:
    if (self->spare == NULL)
        self->spare = caps;
    else
        ferrex_captures_free(caps);
    return result;
}

/* search_found() as a spans tuple, None, or NULL with an exception (what
 * the Python layer's Regex.search returns); the pattern's index in
 * `*pattern` when that is not NULL. */
static PyObject *search_spans(RegexObject *self, hay_t *hp, ferrex_search *sp, size_t *pattern) {
    found_t f;
    int r = search_found(self, hp, sp, NULL, &f);
    PyObject *spans = r < 0 ? NULL : r == 0 ? Py_NewRef(Py_None) : spans_tuple(f.all, f.n);
    if (r > 0 && pattern != NULL)
        *pattern = f.pattern;
    found_release(&f);
    return spans;
}

static PyObject *Regex_search(PyObject *self_, PyObject *const *args, Py_ssize_t nargs) {
    PyObject *obj;
    ferrex_search s;
    hay_t h;
    if (parse_search(args, nargs, "search", &obj, &s) < 0 || hay_get(obj, &h) < 0)
        return NULL;
    return search_spans((RegexObject *)self_, &h, &s, NULL);
}

/* A RegexSet's search: (pattern index, spans) or None. */
static PyObject *Regex_search_set(PyObject *self_, PyObject *const *args, Py_ssize_t nargs) {
    PyObject *obj;
    ferrex_search s;
    hay_t h;
    if (parse_search(args, nargs, "search_set", &obj, &s) < 0 || hay_get(obj, &h) < 0)
        return NULL;
    size_t pattern = 0;
    PyObject *spans = search_spans((RegexObject *)self_, &h, &s, &pattern);
    if (spans == NULL || spans == Py_None)
        return spans;
    PyObject *index = PyLong_FromSize_t(pattern);
    if (index == NULL) {
        Py_DECREF(spans);
        return NULL;
    }
    PyObject *t = PyTuple_Pack(2, index, spans);
    Py_DECREF(index);
    Py_DECREF(spans);
    return t;
}

static PyObject *new_match(PyTypeObject *type, PyObject *pattern, PyObject *string, const found_t *f,
                           Py_ssize_t pos, Py_ssize_t endpos);
static module_state *g_state; /* the module's state (one module per process) */

/* The SetMatch of `f` (pattern f->pattern) found in `fh` of `string`. */
static PyObject *set_match(module_state *st, PyObject *owner, PyObject *compiled, PyObject *string, fast_hay *fh,
                           const found_t *f) {
    PyObject *pattern = PyList_GetItem(compiled, (Py_ssize_t)f->pattern);
    if (pattern == NULL)
        return NULL;
    if (pattern == Py_None)
        pattern = PyObject_CallMethod(owner, "pattern", "n", (Py_ssize_t)f->pattern);
    else
        Py_INCREF(pattern);
    PyObject *idx = pattern == NULL ? NULL : PyLong_FromSize_t(f->pattern);
    if (idx == NULL) {
        Py_XDECREF(pattern);
        return NULL;
    }
    PyObject *m = new_match(st->set_match_type, pattern, string, f, fh->pos, fh->endpos);
    Py_DECREF(pattern);
    if (m != NULL && PyObject_SetAttr(m, st->index_name, idx) < 0)
        Py_CLEAR(m);
    Py_DECREF(idx);
    return m;
}

/* RegexSet.search over the haystack `fh` of `string`: the SetMatch, made
 * here (its `re` is compiled[index], or owner.pattern(index) when that is
 * None; its `index` the pattern's), None, or NULL with an exception. */
static PyObject *set_search_whole(module_state *st, RegexObject *rx, PyObject *owner, PyObject *compiled,
                                  PyObject *string, fast_hay *fh) {
    ferrex_search s = {(size_t)fh->start, (size_t)fh->end, 0, 0};
    hay_t h = {.has_view = 0, .ptr = fh->ptr, .len = (size_t)fh->end};
    found_t f;
    int r = search_found(rx, &h, &s, fh->u.bytes != NULL ? &fh->u : NULL, &f);
    PyObject *m = r < 0 ? NULL : r == 0 ? Py_NewRef(Py_None) : set_match(st, owner, compiled, string, fh, &f);
    found_release(&f);
    return m;
}

/* The set query: the indexes of the patterns that match anywhere in the
 * bounds (overlapping matches count), ascending. */
static PyObject *Regex_which(PyObject *self_, PyObject *const *args, Py_ssize_t nargs) {
    RegexObject *self = (RegexObject *)self_;
    PyObject *obj;
    ferrex_search s;
    hay_t h;
    if (parse_search(args, nargs, "which", &obj, &s) < 0 || hay_get(obj, &h) < 0)
        return NULL;
    uint8_t stack[256];
    uint8_t *matched = stack;
    if (self->patterns > sizeof stack) {
        matched = PyMem_Malloc(self->patterns);
        if (matched == NULL) {
            hay_release(&h);
            return PyErr_NoMemory();
        }
    }
    int32_t r;
    if (h.len >= RELEASE_GIL_AT) {
        Py_BEGIN_ALLOW_THREADS
        r = ferrex_regex_which_matches(self->re, NULL, h.ptr, h.len, &s, matched, self->patterns);
        Py_END_ALLOW_THREADS
    } else {
        r = ferrex_regex_which_matches(self->re, NULL, h.ptr, h.len, &s, matched, self->patterns);
    }
    hay_release(&h);
    PyObject *list = NULL;
    if (check(r) < 0)
        goto done;
    list = PyList_New(0);
    for (size_t i = 0; r == 1 && list != NULL && i < self->patterns; i++) {
        if (!matched[i])
            continue;
        PyObject *index = PyLong_FromSize_t(i);
        if (index == NULL || PyList_Append(list, index) < 0)
            Py_CLEAR(list);
        Py_XDECREF(index);
    }
done:
    if (matched != stack)
        PyMem_Free(matched);
    return list;
}

static PyObject *Regex_pattern_count(PyObject *self_, PyObject *unused) {
    (void)unused;
    return PyLong_FromSize_t(((RegexObject *)self_)->patterns);
}

static PyObject *Regex_group_count(PyObject *self_, PyObject *unused) {
    (void)unused;
    return PyLong_FromSize_t(((RegexObject *)self_)->groups);
}

static PyObject *Regex_group_names(PyObject *self_, PyObject *unused) {
    (void)unused;
    RegexObject *self = (RegexObject *)self_;
    PyObject *list = PyList_New(0);
    if (list == NULL)
        return NULL;
    for (size_t g = 1; g < self->groups; g++) {
        const uint8_t *name = NULL;
        size_t len = 0;
        int32_t r = ferrex_regex_group_name(self->re, 0, g, &name, &len);
        if (check(r) < 0) {
            Py_DECREF(list);
            return NULL;
        }
        if (r == 1) {
            PyObject *item = Py_BuildValue("(s#n)", (const char *)name, (Py_ssize_t)len, (Py_ssize_t)g);
            if (item == NULL || PyList_Append(list, item) < 0) {
                Py_XDECREF(item);
                Py_DECREF(list);
                return NULL;
            }
            Py_DECREF(item);
        }
    }
    return list;
}

/* set_group_info(order, names): order[g] is group g's rank by where its
 * ")" is, names[g] its name or None, one entry per group (lists): for
 * Match.lastindex and lastgroup, answered in C from then on. */
static PyObject *Regex_set_group_info(PyObject *self_, PyObject *const *args, Py_ssize_t nargs) {
    RegexObject *self = (RegexObject *)self_;
    Py_ssize_t n = (Py_ssize_t)self->groups;
    if (nargs != 2 || !PyList_Check(args[0]) || PyList_Size(args[0]) != n || !PyList_Check(args[1]) ||
        PyList_Size(args[1]) != n) {
        PyErr_SetString(PyExc_ValueError, "set_group_info(order, names): two lists of one entry per group");
        return NULL;
    }
    Py_ssize_t *ranks = PyMem_Malloc((size_t)n * sizeof(Py_ssize_t));
    if (ranks == NULL)
        return PyErr_NoMemory();
    for (Py_ssize_t g = 0; g < n; g++) {
        ranks[g] = PyLong_AsSsize_t(PyList_GetItem(args[0], g));
        if (ranks[g] == -1 && PyErr_Occurred()) {
            PyMem_Free(ranks);
            return NULL;
        }
    }
    PyMem_Free(self->close_order);
    self->close_order = ranks;
    PyObject *old = self->group_names;
    self->group_names = Py_NewRef(args[1]);
    Py_XDECREF(old);
    Py_RETURN_NONE;
}

static void Regex_dealloc(PyObject *self_) {
    RegexObject *self = (RegexObject *)self_;
    PyTypeObject *tp = Py_TYPE(self_);
    ferrex_captures_free(self->spare);
    ferrex_iter_free(self->spare_iter);
    ferrex_regex_free(self->re);
    PyMem_Free(self->close_order);
    Py_XDECREF(self->group_names);
    freefunc tp_free = (freefunc)PyType_GetSlot(tp, Py_tp_free);
    tp_free(self_);
    Py_DECREF(tp);
}

ferrex_regex *regex_of(PyObject *obj) {
    return g_state != NULL && Py_IS_TYPE(obj, g_state->regex_type) ? ((RegexObject *)obj)->re : NULL;
}

static PyMethodDef Regex_methods[] = {
    {"is_match", (PyCFunction)(void (*)(void))Regex_is_match, METH_FASTCALL, "is_match(hay, start, end, flags)"},
    {"search", (PyCFunction)(void (*)(void))Regex_search, METH_FASTCALL, "search(hay, start, end, flags)"},
    {"search_set", (PyCFunction)(void (*)(void))Regex_search_set, METH_FASTCALL,
     "search_set(hay, start, end, flags) -> (pattern, spans) | None"},
    {"which", (PyCFunction)(void (*)(void))Regex_which, METH_FASTCALL,
     "which(hay, start, end, flags) -> [index of each pattern that matches]"},
    {"pattern_count", Regex_pattern_count, METH_NOARGS, "the number of patterns"},
    {"group_count", Regex_group_count, METH_NOARGS, "the most groups of any pattern, group 0 included"},
    {"group_names", Regex_group_names, METH_NOARGS, "[(name, index)]"},
    {"set_group_info", (PyCFunction)(void (*)(void))Regex_set_group_info, METH_FASTCALL,
     "set_group_info([rank of each group's ')'], [each group's name or None])"},
    {NULL, NULL, 0, NULL},
};

static PyType_Slot Regex_slots[] = {
    {Py_tp_dealloc, Regex_dealloc},
    {Py_tp_methods, Regex_methods},
    {Py_tp_doc, "A compiled ferrex_regex (the native half of ferrex.Pattern)."},
    {0, NULL},
};

static PyType_Spec Regex_spec = {
    "ferrex._ferrex.Regex", sizeof(RegexObject), 0, Py_TPFLAGS_DEFAULT, Regex_slots,
};

/* ---- MatchBase and PatternBase ----------------------------------------- */

/* A match takes part in the garbage collector, as re's does: its haystack
 * may be an object (a bytearray or str subclass) that refers back to the
 * match, a cycle only the collector can free. */
static int Match_traverse(PyObject *self_, visitproc visit, void *arg) {
    MatchObject *self = (MatchObject *)self_;
    Py_VISIT(Py_TYPE(self_)); /* a heap type's instances own a reference to it */
    Py_VISIT(self->re);
    Py_VISIT(self->string);
    Py_VISIT(self->spans);
    Py_VISIT(self->pos);
    Py_VISIT(self->endpos);
    return 0;
}

static int Match_clear(PyObject *self_) {
    MatchObject *self = (MatchObject *)self_;
    Py_CLEAR(self->re);
    Py_CLEAR(self->string);
    Py_CLEAR(self->spans);
    Py_CLEAR(self->pos);
    Py_CLEAR(self->endpos);
    return 0;
}

static void Match_dealloc(PyObject *self_) {
    PyTypeObject *tp = Py_TYPE(self_);
    MatchObject *self = (MatchObject *)self_;
    PyObject_GC_UnTrack(self_);
    Match_clear(self_);
    if (self->all != &self->whole)
        PyMem_Free(self->all);
    freefunc tp_free = (freefunc)PyType_GetSlot(tp, Py_tp_free);
    tp_free(self_);
    Py_DECREF(tp);
}

static PyObject *Match_new(PyTypeObject *type, PyObject *args, PyObject *kwds) {
    PyObject *re, *string, *spans, *pos, *endpos;
    if (kwds != NULL && PyDict_Size(kwds) != 0) {
        PyErr_SetString(PyExc_TypeError, "Match(pattern, string, spans, pos, endpos) takes no keywords");
        return NULL;
    }
    if (!PyArg_ParseTuple(args, "OOOOO:Match", &re, &string, &spans, &pos, &endpos))
        return NULL;
    allocfunc alloc = (allocfunc)PyType_GetSlot(type, Py_tp_alloc);
    MatchObject *m = (MatchObject *)alloc(type, 0);
    if (m == NULL)
        return NULL;
    m->re = Py_NewRef(re);
    m->string = Py_NewRef(string);
    m->spans = Py_NewRef(spans);
    m->pos = Py_NewRef(pos);
    m->endpos = Py_NewRef(endpos);
    m->all = &m->whole;
    m->n = 0;
    /* The spans too, when the tuple holds ints only (else the Python
     * methods answer, from the tuple). */
    Py_ssize_t len = PyTuple_Check(spans) ? PyTuple_Size(spans) : 0;
    if (len < 2 || len % 2 != 0)
        return (PyObject *)m;
    if (len > 2 && (m->all = PyMem_Malloc((size_t)len / 2 * sizeof(ferrex_match))) == NULL) {
        m->all = &m->whole;
        return (PyObject *)m;
    }
    for (Py_ssize_t i = 0; i < len / 2; i++) {
        PyObject *a = PyTuple_GetItem(spans, 2 * i), *b = PyTuple_GetItem(spans, 2 * i + 1);
        Py_ssize_t x = PyLong_CheckExact(a) ? PyLong_AsSsize_t(a) : -2;
        Py_ssize_t y = PyLong_CheckExact(b) ? PyLong_AsSsize_t(b) : -2;
        if (x < -1 || y < -1) {
            PyErr_Clear();
            return (PyObject *)m;
        }
        m->all[i].start = x < 0 ? FERREX_UNSET : (size_t)x;
        m->all[i].end = x < 0 ? FERREX_UNSET : (size_t)y;
        m->all[i].pattern = 0;
    }
    m->n = len / 2;
    return (PyObject *)m;
}

/* `_spans`: the tuple, made from the spans when first asked for. */
static PyObject *Match_get_spans(PyObject *self_, void *closure) {
    (void)closure;
    MatchObject *self = (MatchObject *)self_;
    if (self->spans == NULL && (self->spans = spans_tuple(self->all, (size_t)self->n)) == NULL)
        return NULL;
    return Py_NewRef(self->spans);
}

static PyObject *Match_get_lastindex(PyObject *self_, void *closure);
static PyObject *Match_get_lastgroup(PyObject *self_, void *closure);

static PyGetSetDef Match_getset[] = {
    {"_spans", Match_get_spans, NULL, "(s0, e0, s1, e1, ...)", NULL},
    {"lastindex", Match_get_lastindex, NULL, "the group that closed last, or None", NULL},
    {"lastgroup", Match_get_lastgroup, NULL, "the name of the group that closed last, or None", NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static PyMemberDef Match_members[] = {
    {"re", T_OBJECT_EX, offsetof(MatchObject, re), READONLY, "the Pattern"},
    {"string", T_OBJECT_EX, offsetof(MatchObject, string), READONLY, "the haystack"},
    {"pos", T_OBJECT_EX, offsetof(MatchObject, pos), READONLY, "pos as given to the search"},
    {"endpos", T_OBJECT_EX, offsetof(MatchObject, endpos), READONLY, "endpos as given to the search"},
    {NULL, 0, 0, 0, NULL},
};

/* span(), start(), end(), group(), m[g], groups(), groupdict(),
 * lastindex and lastgroup, answered here from the match's spans for
 * groups given by number or name; any other call goes to the Python
 * method named `slow` (Match._span, _group, _getitem, ...: a haystack that
 * is not an exact str or bytes, bools, keywords, the errors re raises). */

static PyObject *call_slow(PyObject *self_, PyObject *slow, PyObject *const *args, Py_ssize_t nargs,
                           PyObject *kwnames);

static PyObject *match_slow(PyObject *self, const char *slow, PyObject *const *args, Py_ssize_t nargs,
                            PyObject *kwnames) {
    PyObject *name = PyUnicode_InternFromString(slow);
    if (name == NULL)
        return NULL;
    PyObject *r = call_slow(self, name, args, nargs, kwnames);
    Py_DECREF(name);
    return r;
}

/* The group `g` as an index into the offsets: an exact int, an exact str
 * naming a group (the pattern's groupindex), NULL for none (0); -1, with
 * no exception set, when the Python method must answer (another kind of
 * argument, no such group: its errors are re's). */
static Py_ssize_t group_index(MatchObject *self, PyObject *g) {
    if (g == NULL)
        return self->n > 0 ? 0 : -1;
    PyObject *num = NULL;
    if (PyUnicode_CheckExact(g)) {
        PyObject *names = PyObject_GetAttr(self->re, g_state->groupindex_name);
        num = names == NULL ? NULL : PyObject_GetItem(names, g);
        Py_XDECREF(names);
        if (num == NULL) {
            PyErr_Clear();
            return -1;
        }
        g = num;
    }
    Py_ssize_t index = -1;
    if (PyLong_CheckExact(g)) {
        int overflow = 0;
        long i = PyLong_AsLongAndOverflow(g, &overflow);
        if (i == -1 && PyErr_Occurred())
            PyErr_Clear();
        else if (!overflow && i >= 0 && i < self->n)
            index = (Py_ssize_t)i;
    }
    Py_XDECREF(num);
    return index;
}

/* The group a span(), start(), end() or group() call asks about, or -1. */
static Py_ssize_t group_arg(MatchObject *self, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames) {
    if ((kwnames != NULL && PyTuple_Size(kwnames) != 0) || nargs > 1)
        return -1;
    return group_index(self, nargs == 1 ? args[0] : NULL);
}

/* Offset k (0: start, 1: end) of a span as re gives it: -1 for a group
 * that took no part. */
static Py_ssize_t span_offset(const ferrex_match *span, Py_ssize_t k) {
    if (span->start == FERREX_UNSET)
        return -1;
    return (Py_ssize_t)(k == 0 ? span->start : span->end);
}

/* A span as re gives it: (start, end), (-1, -1) for a group that took no
 * part. */
static PyObject *span_pair(const ferrex_match *span) {
    PyObject *t = PyTuple_New(2), *x = PyLong_FromSsize_t(span_offset(span, 0)),
             *y = PyLong_FromSsize_t(span_offset(span, 1));
    if (t == NULL || x == NULL || y == NULL) {
        Py_XDECREF(t);
        Py_XDECREF(x);
        Py_XDECREF(y);
        return NULL;
    }
    PyTuple_SetItem(t, 0, x);
    PyTuple_SetItem(t, 1, y);
    return t;
}

static PyObject *Match_span(PyObject *self_, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames) {
    MatchObject *self = (MatchObject *)self_;
    Py_ssize_t g = group_arg(self, args, nargs, kwnames);
    if (g < 0)
        return match_slow(self_, "_span", args, nargs, kwnames);
    return span_pair(&self->all[g]);
}

static PyObject *match_end_at(PyObject *self_, Py_ssize_t k, PyObject *const *args, Py_ssize_t nargs,
                              PyObject *kwnames) {
    MatchObject *self = (MatchObject *)self_;
    Py_ssize_t g = group_arg(self, args, nargs, kwnames);
    if (g < 0) {
        PyObject *span = match_slow(self_, "_span", args, nargs, kwnames);
        PyObject *r = span == NULL ? NULL : PySequence_GetItem(span, k);
        Py_XDECREF(span);
        return r;
    }
    return PyLong_FromSsize_t(span_offset(&self->all[g], k));
}

static PyObject *Match_start(PyObject *self_, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames) {
    return match_end_at(self_, 0, args, nargs, kwnames);
}

static PyObject *Match_end(PyObject *self_, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames) {
    return match_end_at(self_, 1, args, nargs, kwnames);
}

/* Group g's text: the slice of an exact str or bytes haystack, or
 * `dflt` for a group that took no part (re's slices of other haystacks
 * are the Python methods'). */
static PyObject *group_text(MatchObject *self, Py_ssize_t g, PyObject *dflt) {
    if (self->all[g].start == FERREX_UNSET)
        return Py_NewRef(dflt);
    Py_ssize_t a = (Py_ssize_t)self->all[g].start, b = (Py_ssize_t)self->all[g].end;
    PyObject *string = self->string;
    if (PyUnicode_CheckExact(string))
        return PyUnicode_Substring(string, a, b);
    char *p;
    Py_ssize_t n;
    if (PyBytes_AsStringAndSize(string, &p, &n) < 0)
        return NULL;
    if (b < a || b > n) {
        PyErr_SetString(PyExc_IndexError, "match span out of the haystack");
        return NULL;
    }
    return PyBytes_FromStringAndSize(p + a, b - a);
}

static int exact_string(MatchObject *self) {
    return self->n > 0 && (PyUnicode_CheckExact(self->string) || PyBytes_CheckExact(self->string));
}

/* group(*groups): one group's text, or a tuple of several. */
static PyObject *Match_group(PyObject *self_, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames) {
    MatchObject *self = (MatchObject *)self_;
    if (!exact_string(self) || (kwnames != NULL && PyTuple_Size(kwnames) != 0))
        return match_slow(self_, "_group", args, nargs, kwnames);
    if (nargs <= 1) {
        Py_ssize_t g = group_index(self, nargs == 1 ? args[0] : NULL);
        return g < 0 ? match_slow(self_, "_group", args, nargs, kwnames) : group_text(self, g, Py_None);
    }
    PyObject *t = PyTuple_New(nargs);
    for (Py_ssize_t i = 0; t != NULL && i < nargs; i++) {
        Py_ssize_t g = group_index(self, args[i]);
        if (g < 0) {
            Py_DECREF(t);
            return match_slow(self_, "_group", args, nargs, kwnames);
        }
        PyObject *v = group_text(self, g, Py_None);
        if (v == NULL)
            Py_CLEAR(t);
        else
            PyTuple_SetItem(t, i, v);
    }
    return t;
}

/* The `default` argument of groups() and groupdict() (Py_None when
 * absent), or NULL when the Python method must answer. */
static PyObject *default_arg(PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames) {
    Py_ssize_t nkw = kwnames == NULL ? 0 : PyTuple_Size(kwnames);
    if (nargs + nkw > 1)
        return NULL;
    if (nkw == 1 && PyUnicode_CompareWithASCIIString(PyTuple_GetItem(kwnames, 0), "default") != 0)
        return NULL;
    return nargs + nkw == 1 ? args[0] : Py_None;
}

static PyObject *Match_groups(PyObject *self_, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames) {
    MatchObject *self = (MatchObject *)self_;
    PyObject *dflt = default_arg(args, nargs, kwnames);
    if (dflt == NULL || !exact_string(self))
        return match_slow(self_, "_groups", args, nargs, kwnames);
    PyObject *t = PyTuple_New(self->n - 1);
    for (Py_ssize_t g = 1; t != NULL && g < self->n; g++) {
        PyObject *v = group_text(self, g, dflt);
        if (v == NULL)
            Py_CLEAR(t);
        else
            PyTuple_SetItem(t, g - 1, v);
    }
    return t;
}

/* groupdict(): by the pattern's `_names` (group -> name, in groupindex's
 * order). */
static PyObject *Match_groupdict(PyObject *self_, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames) {
    MatchObject *self = (MatchObject *)self_;
    PyObject *dflt = default_arg(args, nargs, kwnames);
    PyObject *names = dflt == NULL || !exact_string(self) ? NULL : PyObject_GetAttr(self->re, g_state->names_name);
    if (names == NULL || !PyDict_Check(names)) {
        PyErr_Clear();
        Py_XDECREF(names);
        return match_slow(self_, "_groupdict", args, nargs, kwnames);
    }
    PyObject *d = PyDict_New();
    PyObject *num, *name;
    Py_ssize_t at = 0;
    while (d != NULL && PyDict_Next(names, &at, &num, &name)) {
        Py_ssize_t g = group_index(self, num);
        if (g < 0) {
            Py_DECREF(d);
            Py_DECREF(names);
            return match_slow(self_, "_groupdict", args, nargs, kwnames);
        }
        PyObject *v = group_text(self, g, dflt);
        if (v == NULL || PyDict_SetItem(d, name, v) < 0)
            Py_CLEAR(d);
        Py_XDECREF(v);
    }
    Py_DECREF(names);
    return d;
}

/* The Regex of a Pattern (PatternBase's), or NULL. */
static RegexObject *pattern_regex(PyObject *pattern) {
    if (!PyObject_TypeCheck(pattern, g_state->pattern_base))
        return NULL;
    PyObject *rx = ((PatternObject *)pattern)->re;
    return rx != NULL && Py_IS_TYPE(rx, g_state->regex_type) ? (RegexObject *)rx : NULL;
}

/* lastindex from the offsets and the pattern's close order: the group
 * that closed last (the highest end; at one end the group whose ")" comes
 * later), -1 for none, or -2 when the Python property must answer (the
 * order not known yet: it works it out and hands it here). */
static Py_ssize_t last_index(MatchObject *self) {
    RegexObject *rx = pattern_regex(self->re);
    if (rx == NULL || rx->close_order == NULL || rx->group_names == NULL || self->n != (Py_ssize_t)rx->groups)
        return -2;
    const Py_ssize_t *order = rx->close_order;
    const ferrex_match *s = self->all;
    Py_ssize_t best = -1;
    for (Py_ssize_t g = 1; g < self->n; g++) {
        if (s[g].start == FERREX_UNSET)
            continue;
        if (best < 0 || s[g].end > s[best].end || (s[g].end == s[best].end && order[g] > order[best]))
            best = g;
    }
    return best;
}

static PyObject *Match_get_lastindex(PyObject *self_, void *closure) {
    (void)closure;
    Py_ssize_t i = last_index((MatchObject *)self_);
    if (i == -2)
        return PyObject_CallMethod(self_, "_lastindex", NULL);
    return i < 0 ? Py_NewRef(Py_None) : PyLong_FromSsize_t(i);
}

static PyObject *Match_get_lastgroup(PyObject *self_, void *closure) {
    (void)closure;
    MatchObject *self = (MatchObject *)self_;
    Py_ssize_t i = last_index(self);
    if (i == -2)
        return PyObject_CallMethod(self_, "_lastgroup", NULL);
    if (i < 0)
        Py_RETURN_NONE;
    /* last_index() found the names set with the order. */
    return Py_NewRef(PyList_GetItem(pattern_regex(self->re)->group_names, i));
}

static PyObject *Match_subscript(PyObject *self_, PyObject *key) {
    MatchObject *self = (MatchObject *)self_;
    Py_ssize_t g = exact_string(self) ? group_index(self, key) : -1;
    if (g < 0)
        return match_slow(self_, "_getitem", &key, 1, NULL);
    return group_text(self, g, Py_None);
}

static PyMethodDef Match_methods[] = {
    {"span", (PyCFunction)(void (*)(void))Match_span, METH_FASTCALL | METH_KEYWORDS,
     "span(group=0): (start, end) of the group, (-1, -1) if it took no part"},
    {"start", (PyCFunction)(void (*)(void))Match_start, METH_FASTCALL | METH_KEYWORDS, "start(group=0)"},
    {"end", (PyCFunction)(void (*)(void))Match_end, METH_FASTCALL | METH_KEYWORDS, "end(group=0)"},
    {"group", (PyCFunction)(void (*)(void))Match_group, METH_FASTCALL | METH_KEYWORDS,
     "group(*groups): one group's text (None if it took no part), or a tuple of them"},
    {"groups", (PyCFunction)(void (*)(void))Match_groups, METH_FASTCALL | METH_KEYWORDS,
     "groups(default=None): every group's text but the whole match's"},
    {"groupdict", (PyCFunction)(void (*)(void))Match_groupdict, METH_FASTCALL | METH_KEYWORDS,
     "groupdict(default=None): the named groups' texts by name"},
    {NULL, NULL, 0, NULL},
};

static PyType_Slot Match_slots[] = {
    {Py_tp_methods, Match_methods},
    {Py_tp_dealloc, Match_dealloc},
    {Py_tp_traverse, Match_traverse},
    {Py_tp_clear, Match_clear},
    {Py_tp_new, Match_new},
    {Py_tp_members, Match_members},
    {Py_tp_getset, Match_getset},
    {Py_mp_subscript, Match_subscript},
    {Py_tp_doc, "A match's fields (ferrex.Match adds the methods)."},
    {0, NULL},
};

static PyType_Spec Match_spec = {
    "ferrex._ferrex.MatchBase", sizeof(MatchObject), 0, Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC,
    Match_slots,
};

/* A ferrex.Match (or SetMatch: `type`) of the `n` group spans at `all`
 * (copied; the tuple made only if `_spans` is read); shares pos and
 * endpos (an iterator's matches share its two ints). */
static PyObject *new_match_of(PyTypeObject *type, PyObject *pattern, PyObject *string, const ferrex_match *all,
                              size_t n, PyObject *pos, PyObject *endpos) {
    allocfunc alloc = (allocfunc)PyType_GetSlot(type, Py_tp_alloc);
    MatchObject *m = alloc == NULL ? NULL : (MatchObject *)alloc(type, 0);
    if (m == NULL)
        return NULL;
    m->all = &m->whole;
    if (n > 1 && (m->all = PyMem_Malloc(n * sizeof(ferrex_match))) == NULL) {
        m->all = &m->whole;
        Py_DECREF(m);
        return PyErr_NoMemory();
    }
    memcpy(m->all, all, n * sizeof(ferrex_match));
    m->n = (Py_ssize_t)n;
    m->re = Py_NewRef(pattern);
    m->string = Py_NewRef(string);
    m->spans = NULL;
    m->pos = Py_NewRef(pos);
    m->endpos = Py_NewRef(endpos);
    return (PyObject *)m;
}

/* new_match_of the search's match `f`, with pos and endpos made here. */
static PyObject *new_match(PyTypeObject *type, PyObject *pattern, PyObject *string, const found_t *f,
                           Py_ssize_t pos, Py_ssize_t endpos) {
    PyObject *p = PyLong_FromSsize_t(pos), *e = PyLong_FromSsize_t(endpos), *m = NULL;
    if (p != NULL && e != NULL)
        m = new_match_of(type, pattern, string, f->all, f->n, p, e);
    Py_XDECREF(p);
    Py_XDECREF(e);
    return m;
}

static void Pattern_dealloc(PyObject *self_) {
    PatternObject *self = (PatternObject *)self_;
    PyTypeObject *tp = Py_TYPE(self_);
    Py_CLEAR(self->re);
    Py_CLEAR(self->full);
    freefunc tp_free = (freefunc)PyType_GetSlot(tp, Py_tp_free);
    tp_free(self_);
    Py_DECREF(tp);
}

/* pos or endpos (NULL: absent, so `dflt`; None for endpos: n) clamped to
 * [0, n] as re clamps them; -1 for anything else (the slow path reports
 * it). Only an int (or subclass: its value, as operator.index has it) is
 * read here: an object's own __index__ runs once, on the slow path, whose
 * exceptions (a KeyboardInterrupt too) reach the caller. */
static int get_bound(PyObject *v, Py_ssize_t n, Py_ssize_t dflt, int none_ok, Py_ssize_t *out) {
    if (v == NULL || (none_ok && v == Py_None)) {
        *out = dflt;
        return 0;
    }
    if (!PyLong_Check(v))
        return -1;
    Py_ssize_t x = PyLong_AsSsize_t(v);
    if (x == -1 && PyErr_Occurred()) {
        PyErr_Clear();
        return -1;
    }
    *out = x < 0 ? 0 : x > n ? n : x;
    return 0;
}

/* str.isascii() of an exact str: its C function, called directly as the
 * METH_NOARGS function it is (the limited API has no PyUnicode_IS_ASCII),
 * where the method called by name through the interpreter cost about 250
 * instructions (python/bench/instrcost.py: Pattern.match of 17 characters
 * 2,345 -> 2,072); the descriptor when the function was not found so. */
static PyObject *str_isascii(module_state *st, PyObject *obj) {
    if (st->isascii_fn != NULL)
        return st->isascii_fn(obj, NULL);
    return PyObject_CallFunctionObjArgs(st->isascii, obj, NULL);
}

/* str.isascii's C function when it is a plain METH_NOARGS one (as in
 * every CPython since 3.7), else NULL (no error). */
static PyCFunction find_isascii_fn(void) {
    PyObject *empty = PyUnicode_FromStringAndSize("", 0);
    PyObject *bound = empty == NULL ? NULL : PyObject_GetAttrString(empty, "isascii");
    PyCFunction fn = NULL;
    if (bound != NULL && PyCFunction_Check(bound)) {
        int flags = PyCFunction_GetFlags(bound);
        if ((flags & (METH_VARARGS | METH_KEYWORDS | METH_NOARGS | METH_O | METH_FASTCALL | METH_METHOD)) == METH_NOARGS)
            fn = PyCFunction_GetFunction(bound);
    }
    Py_XDECREF(bound);
    Py_XDECREF(empty);
    PyErr_Clear();
    return fn;
}

/* The fast path's haystack `obj` over [posobj, endobj) (NULL: absent,
 * endobj None: the end): 1 with *fh ready (strhay_close(&fh->u) releases
 * it; pos > endpos leaves start > end and encodes nothing), 0 when the
 * fast path does not apply (another type of haystack, or bounds that are
 * not ints), -1 with an exception. */
static int fast_hay_open(module_state *st, RegexObject *rx, PyObject *obj, PyObject *posobj, PyObject *endobj,
                         fast_hay *fh) {
    Py_ssize_t n = 0;
    int encode = 0;
    fh->u.bytes = NULL;
    if (rx->kind == KIND_BYTES && PyBytes_CheckExact(obj)) {
        char *p;
        if (PyBytes_AsStringAndSize(obj, &p, &n) < 0)
            return -1;
        fh->ptr = (const uint8_t *)p;
    } else if (rx->kind == KIND_STR && PyUnicode_CheckExact(obj)) {
        /* str.isascii() first (unless it is the kept str: not ASCII):
         * PyUnicode_AsUTF8AndSize would keep a UTF-8 copy inside a
         * non-ASCII str for the str's lifetime. */
        encode = obj == st->strs.string;
        if (!encode) {
            PyObject *a = str_isascii(st, obj);
            if (a == NULL)
                return -1;
            encode = a != Py_True;
            Py_DECREF(a);
        }
        const char *p = encode ? "" : PyUnicode_AsUTF8AndSize(obj, &n);
        if (p == NULL || (encode && (n = PyUnicode_GetLength(obj)) < 0))
            return -1;
        fh->ptr = (const uint8_t *)p;
    } else {
        return 0;
    }
    if (get_bound(posobj, n, 0, 0, &fh->pos) < 0 || get_bound(endobj, n, n, 1, &fh->endpos) < 0)
        return 0;
    fh->start = fh->pos;
    fh->end = fh->endpos;
    if (!encode || fh->pos > fh->endpos)
        return 1;
    Py_ssize_t lo = fh->pos > 0 ? fh->pos - 1 : 0;
    /* The kept encoding of the whole str, or one made and kept when the
     * bounds span a quarter of it or more (a lexer's first call, at 0). */
    if (st->strs.string == obj || (4 * (fh->endpos - lo) >= n && n <= STRHAY_CACHE_MAX)) {
        int kept = strhay_cache_take(&st->strs, obj, n);
        if (kept < 0)
            return -1;
        if (kept) {
            strhay_from_cache(&fh->u, &st->strs, fh->pos);
            fh->ptr = fh->u.ptr;
            fh->start = fh->u.at_byte;
            fh->end = fh->endpos == n ? fh->u.len : strhay_cache_byte(&st->strs, fh->endpos);
            return 1;
        }
    }
    if (strhay_open(&fh->u, obj, lo, fh->endpos) < 0)
        return -1;
    fh->ptr = fh->u.ptr;
    fh->start = fh->pos > lo ? strhay_width(&fh->u, 0) : 0;
    fh->end = fh->u.len;
    fh->u.at_byte = fh->start;
    fh->u.at_char = fh->pos;
    return 1;
}

static PyObject *call_slow(PyObject *self_, PyObject *slow, PyObject *const *args, Py_ssize_t nargs,
                           PyObject *kwnames);

/* search()/match() with flags: the fast path when the haystack is a
 * fast_hay (exact bytes for a bytes pattern, an exact str for a str
 * pattern) and pos and endpos are integers (or absent, endpos None);
 * otherwise the Python method `slow` (Pattern._search_slow / _match_slow)
 * with the same arguments. */
static PyObject *pattern_call(PyObject *self_, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames,
                              PyObject *regex, uint32_t flags, PyObject *slow) {
    module_state *st = g_state;
    PyObject *posobj = nargs > 1 ? args[1] : NULL, *endobj = nargs > 2 ? args[2] : NULL;
    int fast = nargs >= 1 && nargs <= 3;
    Py_ssize_t nkw = kwnames == NULL ? 0 : PyTuple_Size(kwnames);
    for (Py_ssize_t i = 0; fast && i < nkw; i++) {
        PyObject *k = PyTuple_GetItem(kwnames, i);
        if (posobj == NULL && PyUnicode_CompareWithASCIIString(k, "pos") == 0)
            posobj = args[nargs + i];
        else if (endobj == NULL && PyUnicode_CompareWithASCIIString(k, "endpos") == 0)
            endobj = args[nargs + i];
        else
            fast = 0;
    }
    if (fast && regex != NULL && st->match_type != NULL && Py_IS_TYPE(regex, st->regex_type)) {
        fast_hay fh;
        int ready = fast_hay_open(st, (RegexObject *)regex, args[0], posobj, endobj, &fh);
        if (ready < 0)
            return NULL;
        if (ready) {
            if (fh.pos > fh.endpos)
                Py_RETURN_NONE;
            /* The haystack ends at endpos, as re has it ($ and \b see no
             * further): no copy, a shorter length. */
            hay_t h = {.has_view = 0, .ptr = fh.ptr, .len = (size_t)fh.end};
            ferrex_search s = {(size_t)fh.start, (size_t)fh.end, flags, 0};
            found_t f;
            int r = search_found((RegexObject *)regex, &h, &s, fh.u.bytes != NULL ? &fh.u : NULL, &f);
            strhay_close(&fh.u);
            PyObject *m = r < 0    ? NULL
                          : r == 0 ? Py_NewRef(Py_None)
                                   : new_match(st->match_type, self_, args[0], &f, fh.pos, fh.endpos);
            found_release(&f);
            return m;
        }
    }
    return call_slow(self_, slow, args, nargs, kwnames);
}

/* The Python method `slow` of self_ called with a vectorcall's arguments
 * (the fast paths' way out). */
static PyObject *call_slow(PyObject *self_, PyObject *slow, PyObject *const *args, Py_ssize_t nargs,
                           PyObject *kwnames) {
    Py_ssize_t nkw = kwnames == NULL ? 0 : PyTuple_Size(kwnames);
    PyObject *meth = PyObject_GetAttr(self_, slow);
    if (meth == NULL)
        return NULL;
    PyObject *targs = PyTuple_New(nargs);
    PyObject *kw = nkw ? PyDict_New() : NULL;
    PyObject *result = NULL;
    if (targs == NULL || (nkw && kw == NULL))
        goto out;
    for (Py_ssize_t i = 0; i < nargs; i++)
        PyTuple_SetItem(targs, i, Py_NewRef(args[i]));
    for (Py_ssize_t i = 0; i < nkw; i++)
        if (PyDict_SetItem(kw, PyTuple_GetItem(kwnames, i), args[nargs + i]) < 0)
            goto out;
    result = PyObject_Call(meth, targs, kw);
out:
    Py_DECREF(meth);
    Py_XDECREF(targs);
    Py_XDECREF(kw);
    return result;
}

static PyObject *Pattern_search(PyObject *self, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames) {
    return pattern_call(self, args, nargs, kwnames, ((PatternObject *)self)->re, 0, g_state->search_slow);
}

static PyObject *Pattern_match(PyObject *self, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames) {
    return pattern_call(self, args, nargs, kwnames, ((PatternObject *)self)->re, FERREX_SEARCH_ANCHORED,
                        g_state->match_slow);
}

/* fullmatch(): `(?:pattern)\z` searched anchored (Pattern._fullmatch_regex,
 * whose first call, on the Python path, compiles it and sets `_full`). */
static PyObject *Pattern_fullmatch(PyObject *self, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames) {
    return pattern_call(self, args, nargs, kwnames, ((PatternObject *)self)->full, FERREX_SEARCH_ANCHORED,
                        g_state->fullmatch_slow);
}

/* Where re's iteration (as ferrex gives it) searches after the match
 * [a, b) of a haystack that ends at `end`: at b (an empty match there is
 * reported: re's rule), or after an empty match one character on (the
 * search from b would find the same empty match, and the pure-Python path
 * steps on then, never reporting a non-empty match at b); past `end` when
 * nothing is left. */
static Py_ssize_t next_start(const strhay *conv, Py_ssize_t a, Py_ssize_t b, Py_ssize_t end) {
    if (a != b)
        return b;
    if (b >= end)
        return end + 1;
    return b + (conv != NULL ? strhay_width(conv, b) : 1);
}

/* The iterator of PatternBase._finditer_fast: re's finditer over a
 * fast_hay (the string, or the iterator's encoding of it, keeps its bytes
 * alive), making the Match objects itself, or only their spans tuples
 * (`spans_only`: Pattern._iter_spans, behind sub() and split()), the next
 * search starting where next_start() says. */
typedef struct {
    PyObject_HEAD
    PyObject *pattern;
    PyObject *regex; /* a RegexObject */
    PyObject *string;
    fast_hay h;
    PyObject *pos, *endpos; /* h.pos and h.endpos, every Match's */
    Py_ssize_t at; /* the next search's start, a byte offset in h */
    int done, spans_only;
    /* Batched (over a long span, a regex without groups or one that never
     * matches empty): the matches come from `fit` a batch at a time,
     * without the GIL (with the empty ones re adds: re_matches()); with
     * groups, every group span of each, `stride` (the group count)
     * entries a match. */
    ferrex_iter *fit;
    ferrex_match *buf;
    size_t stride;
    size_t buf_len, buf_at; /* in matches */
    int last_batch; /* the last refill was short: no more after buf */
    int busy;       /* a refill or a search is running without the GIL */
} IterObject;

static void Iter_dealloc(PyObject *self_) {
    IterObject *self = (IterObject *)self_;
    PyTypeObject *tp = Py_TYPE(self_);
    if (self->fit != NULL)
        give_iter((RegexObject *)self->regex, self->fit); /* before the regex is released */
    PyMem_Free(self->buf);
    strhay_close(&self->h.u);
    Py_XDECREF(self->pos);
    Py_XDECREF(self->endpos);
    Py_XDECREF(self->pattern);
    Py_XDECREF(self->regex);
    Py_XDECREF(self->string);
    freefunc tp_free = (freefunc)PyType_GetSlot(tp, Py_tp_free);
    tp_free(self_);
    Py_DECREF(tp);
}

/* What the iterator hands out for a match, its `n` group spans at `all`:
 * their spans tuple with spans_only, else a Match. */
static PyObject *Iter_item(IterObject *it, const ferrex_match *all, size_t n) {
    if (it->spans_only)
        return spans_tuple(all, n);
    return new_match_of(g_state->match_type, it->pattern, it->string, all, n, it->pos, it->endpos);
}

/* The step of a batched iterator: the next buffered match, refilling the
 * buffer without the GIL (the haystack is an immutable str or bytes the
 * iterator holds, and converting a str encoding's offsets touches no
 * Python object). */
static int Iter_step_batched(IterObject *it, found_t *f) {
    if (it->buf_at == it->buf_len) {
        if (it->last_batch) {
            it->done = 1;
            return 0;
        }
        if (it->busy) {
            PyErr_SetString(PyExc_RuntimeError, "match iterator already in use by another thread");
            return -1;
        }
        size_t got = 0, cap = batch_matches(it->stride), n = 0;
        RegexObject *rx = (RegexObject *)it->regex;
        const uint8_t *ptr = it->h.ptr;
        size_t len = (size_t)it->h.end;
        int32_t r;
        it->busy = 1;
        Py_BEGIN_ALLOW_THREADS
        if (it->stride == 1) {
            /* Into the buffer's second half, re's matches into all of it
             * (a regex that can match empty has no groups here). */
            r = ferrex_iter_next_batch(it->fit, ptr, len, it->buf + cap, cap, &got);
            if (r >= 0)
                r = re_matches(rx, ptr, len, it->h.u.bytes != NULL, it->buf + cap, got, it->buf, &n);
        } else {
            r = ferrex_iter_next_spans_batch(it->fit, ptr, len, it->buf, it->stride, cap, &got);
            n = got;
        }
        if (r >= 0 && it->h.u.bytes != NULL)
            strhay_spans(&it->h.u, it->buf, n * it->stride);
        Py_END_ALLOW_THREADS
        it->busy = 0;
        if (check(r) < 0) {
            it->done = 1;
            return -1;
        }
        it->buf_len = n;
        it->buf_at = 0;
        it->last_batch = got < cap;
        if (n == 0) {
            it->done = 1;
            return 0;
        }
    }
    f->all = &it->buf[it->buf_at++ * it->stride];
    f->n = it->stride;
    return 1;
}

/* The step of an iterator that searches once a match: the search may
 * run without the GIL (search_found), so `busy` keeps a second thread from
 * starting from the same place and handing out the same match again. */
static int Iter_step_searched(IterObject *it, found_t *f) {
    strhay *conv = it->h.u.bytes != NULL ? &it->h.u : NULL;
    if (it->done || it->at > it->h.end) {
        it->done = 1;
        return 0;
    }
    if (it->busy) {
        PyErr_SetString(PyExc_RuntimeError, "match iterator already in use by another thread");
        return -1;
    }
    hay_t h = {.has_view = 0, .ptr = it->h.ptr, .len = (size_t)it->h.end};
    ferrex_search s = {(size_t)it->at, (size_t)it->h.end, 0, 0};
    it->busy = 1;
    int r = search_found((RegexObject *)it->regex, &h, &s, conv, f);
    it->busy = 0;
    if (r > 0)
        it->at = next_start(conv, (Py_ssize_t)f->bytes.start, (Py_ssize_t)f->bytes.end, it->h.end);
    else
        it->done = 1;
    return r;
}

/* The iteration's next match into *f: 1, 0 at the end, -1 with an
 * exception; found_release(f) after, whatever it returns. */
static int Iter_step(IterObject *it, found_t *f) {
    f->all = f->stack;
    f->heap = NULL;
    if (it->fit != NULL && !it->done)
        return Iter_step_batched(it, f);
    return Iter_step_searched(it, f);
}

static PyObject *Iter_next(PyObject *self_) {
    IterObject *it = (IterObject *)self_;
    found_t f;
    int r = Iter_step(it, &f);
    PyObject *item = r > 0 ? Iter_item(it, f.all, f.n) : NULL;
    found_release(&f);
    return item;
}

static PyType_Slot Iter_slots[] = {
    {Py_tp_dealloc, Iter_dealloc},
    {Py_tp_iter, PyObject_SelfIter},
    {Py_tp_iternext, Iter_next},
    {Py_tp_doc, "re's finditer over a haystack read in place or encoded once."},
    {0, NULL},
};

static PyType_Spec Iter_spec = {
    "ferrex._ferrex.MatchIter", sizeof(IterObject), 0, Py_TPFLAGS_DEFAULT, Iter_slots,
};

/* The iterator over `string` (pos, endpos: objects as given) of a
 * pattern (of Match objects, or with spans_only of their spans tuples),
 * None when the haystack is not a fast_hay or pos/endpos are not integers
 * (None for endpos), NULL with an exception. */
static PyObject *new_iter(PyObject *self_, PyObject *string, PyObject *posobj, PyObject *endobj, int spans_only) {
    PatternObject *self = (PatternObject *)self_;
    module_state *st = g_state;
    if (self->re == NULL || st->match_type == NULL || !Py_IS_TYPE(self->re, st->regex_type))
        Py_RETURN_NONE;
    RegexObject *rx = (RegexObject *)self->re;
    fast_hay fh;
    int ready = fast_hay_open(st, rx, string, posobj, endobj, &fh);
    if (ready <= 0) {
        if (ready < 0)
            return NULL;
        Py_RETURN_NONE;
    }
    allocfunc alloc = (allocfunc)PyType_GetSlot(st->iter_type, Py_tp_alloc);
    IterObject *it = (IterObject *)alloc(st->iter_type, 0);
    if (it == NULL) {
        strhay_close(&fh.u);
        return NULL;
    }
    it->pattern = Py_NewRef(self_);
    it->regex = Py_NewRef(self->re);
    it->string = Py_NewRef(string);
    it->h = fh; /* the iterator owns the encoding now */
    it->pos = PyLong_FromSsize_t(fh.pos);
    it->endpos = PyLong_FromSsize_t(fh.endpos);
    it->at = fh.start;
    it->done = 0;
    it->spans_only = spans_only;
    it->fit = NULL;
    it->buf = NULL;
    it->stride = 1;
    it->buf_len = it->buf_at = 0;
    it->last_batch = it->busy = 0;
    if (it->pos == NULL || it->endpos == NULL) {
        Py_DECREF(it);
        return NULL;
    }
    /* With groups, one pattern only (every match then has rx->groups
     * groups, as search_found() gives them), and a regex that never
     * matches empty (re_matches() adds empty matches without groups). */
    int batchable = rx->groups == 1 || (rx->never_empty && rx->patterns == 1 && rx->groups <= MAX_BATCH_GROUPS);
    if (batchable && fh.end - fh.start >= RELEASE_GIL_AT) {
        it->stride = rx->groups;
        /* Twice a batch without groups: re_matches() adds up to one a match. */
        size_t room = rx->groups == 1 ? 2 * batch_matches(1) : batch_matches(it->stride) * it->stride;
        it->buf = PyMem_Malloc(room * sizeof(ferrex_match));
        if (it->buf == NULL || (it->fit = take_iter(rx, fh.start, fh.end)) == NULL) {
            if (it->buf == NULL)
                PyErr_NoMemory();
            Py_DECREF(it);
            return NULL;
        }
    }
    return (PyObject *)it;
}

/* _finditer_fast(string, pos, endpos[, spans_only]): new_iter's. */
static PyObject *Pattern_finditer_fast(PyObject *self_, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 3 && nargs != 4) {
        PyErr_SetString(PyExc_TypeError, "_finditer_fast(string, pos, endpos[, spans_only])");
        return NULL;
    }
    int spans_only = nargs == 4 ? PyObject_IsTrue(args[3]) : 0;
    if (spans_only < 0)
        return NULL;
    return new_iter(self_, args[0], args[1], args[2], spans_only);
}

/* string[a:b] as re slices it (exact str or bytes: `ptr` is a bytes
 * string's own bytes). */
static PyObject *slice_of(RegexObject *rx, const uint8_t *ptr, PyObject *string, Py_ssize_t a, Py_ssize_t b) {
    if (rx->kind == KIND_BYTES)
        return PyBytes_FromStringAndSize((const char *)ptr + a, b - a);
    return PyUnicode_Substring(string, a, b);
}

/* Group i of a match's spans as findall gives it: the slice, or an empty
 * one for a group that took no part. */
static PyObject *findall_group(IterObject *it, const ferrex_match *span) {
    Py_ssize_t a = (Py_ssize_t)span->start, b = (Py_ssize_t)span->end;
    if (span->start == FERREX_UNSET)
        a = b = 0;
    return slice_of((RegexObject *)it->regex, it->h.ptr, it->string, a, b);
}

/* findall's list for a pattern with groups, from its iteration: the
 * group with one, tuples of groups with more. */
static PyObject *findall_groups(IterObject *it) {
    Py_ssize_t groups = (Py_ssize_t)((RegexObject *)it->regex)->groups - 1;
    PyObject *list = PyList_New(0);
    while (list != NULL) {
        found_t f;
        int r = Iter_step(it, &f);
        PyObject *item = NULL;
        if (r > 0) {
            item = groups == 1 ? findall_group(it, &f.all[1]) : PyTuple_New(groups);
            for (Py_ssize_t i = 1; groups > 1 && item != NULL && i <= groups; i++) {
                PyObject *g = findall_group(it, &f.all[i]);
                if (g == NULL)
                    Py_CLEAR(item);
                else
                    PyTuple_SetItem(item, i - 1, g);
            }
        }
        found_release(&f);
        if (r <= 0) {
            if (r < 0)
                Py_CLEAR(list);
            break;
        }
        if (item == NULL || PyList_Append(list, item) < 0)
            Py_CLEAR(list);
        Py_XDECREF(item);
    }
    return list;
}

/* Appends `got` matches to the spans array (2 offsets each), growing it;
 * 0, or -1 when out of memory. Runs without the GIL: plain realloc. */
static int push_spans(Py_ssize_t **spans, size_t *n, size_t *cap, const ferrex_match *m, size_t got) {
    if (*n + got > *cap) {
        size_t want = 2 * (*n + got) > 64 ? 2 * (*n + got) : 64;
        Py_ssize_t *grown = realloc(*spans, 2 * want * sizeof **spans);
        if (grown == NULL)
            return -1;
        *spans = grown;
        *cap = want;
    }
    for (size_t i = 0; i < got; i++, (*n)++) {
        (*spans)[2 * *n] = (Py_ssize_t)m[i].start;
        (*spans)[2 * *n + 1] = (Py_ssize_t)m[i].end;
    }
    return 0;
}

/* The spans of re's finditer over a fast_hay (the first `limit`, 0: all;
 * group 0's only), in the string's offsets: a malloc'd array of 2 * *count
 * offsets, found (and converted) in one pass without the GIL when the
 * span is long (no Python object is touched meanwhile). A failed search
 * leaves its status in *status, a failed allocation sets *nomem.
 * ferrex_regex_find_all fills a batch per call (a short haystack's matches
 * in one call), each full batch going on after its last match, and
 * re_matches() adds the empty matches re reports and the library's
 * iteration skips. */
static Py_ssize_t *findall_spans(RegexObject *rx, fast_hay *fh, size_t limit, size_t *count, int32_t *status,
                                 int *nomem) {
    Py_ssize_t *spans = NULL;
    size_t n = 0, cap = 0;
    int32_t r = 0;
    const uint8_t *ptr = fh->ptr;
    Py_ssize_t endpos = fh->end;
    strhay *conv = fh->u.bytes != NULL ? &fh->u : NULL;
    int release = endpos - fh->start >= RELEASE_GIL_AT;
    PyThreadState *ts = release ? PyEval_SaveThread() : NULL;
    ferrex_match out[2 * BATCH];
    ferrex_match *batch = out + BATCH;
    ferrex_search s = {(size_t)fh->start, (size_t)endpos, 0, 0};
    size_t got = BATCH, want = BATCH;
    while (r >= 0 && got == want && !*nomem && (limit == 0 || n < limit)) {
        want = limit == 0 || limit - n > BATCH ? BATCH : limit - n;
        r = ferrex_regex_find_all(rx->re, NULL, ptr, (size_t)endpos, &s, batch, want, &got);
        if (r < 0)
            break;
        s.start = got > 0 ? batch[got - 1].end : s.start;
        s.flags = FERREX_SEARCH_AFTER_MATCH;
        size_t k = 0;
        if ((r = re_matches(rx, ptr, (size_t)endpos, conv != NULL, batch, got, out, &k)) < 0)
            break;
        if (limit != 0 && k > limit - n)
            k = limit - n;
        if (conv != NULL)
            strhay_spans(conv, out, k);
        if (push_spans(&spans, &n, &cap, out, k) < 0)
            *nomem = 1;
    }
    if (release)
        PyEval_RestoreThread(ts);
    *status = r < 0 ? r : 0;
    *count = n;
    return spans;
}

/* findall_spans over `string` between posobj and endobj (objects as
 * given, NULL: absent): 1 with the spans in *spans (free() them; none
 * when pos > endpos, as re finds nothing there) and *fh (its encoding
 * released already: fh->ptr stays valid only for bytes), 0 when the fast
 * path does not apply, -1 with an exception. */
static int whole_spans(RegexObject *rx, PyObject *string, PyObject *posobj, PyObject *endobj, size_t limit,
                       fast_hay *fh, Py_ssize_t **spans, size_t *count) {
    int ready = fast_hay_open(g_state, rx, string, posobj, endobj, fh);
    *spans = NULL;
    *count = 0;
    if (ready <= 0 || fh->pos > fh->endpos)
        return ready;
    int32_t status = 0;
    int nomem = 0;
    *spans = findall_spans(rx, fh, limit, count, &status, &nomem);
    strhay_close(&fh->u);
    if (nomem || check(status) < 0) {
        free(*spans);
        *spans = NULL;
        if (nomem)
            PyErr_NoMemory();
        return -1;
    }
    return 1;
}

/* _findall_fast(string, pos, endpos): findall's list over a fast_hay
 * (slices of the str or bytes), or None (then Python's). Without groups,
 * one C pass finds every span first, so a long haystack is searched with
 * the GIL released once, not per match; with groups, the spans iterator's
 * batches. */
static PyObject *Pattern_findall_fast(PyObject *self_, PyObject *const *args, Py_ssize_t nargs) {
    PatternObject *self = (PatternObject *)self_;
    module_state *st = g_state;
    if (nargs != 3) {
        PyErr_SetString(PyExc_TypeError, "_findall_fast(string, pos, endpos)");
        return NULL;
    }
    if (self->re == NULL || !Py_IS_TYPE(self->re, st->regex_type))
        Py_RETURN_NONE;
    RegexObject *rx = (RegexObject *)self->re;
    if (rx->groups != 1) {
        PyObject *it = new_iter(self_, args[0], args[1], args[2], 1);
        if (it == NULL || it == Py_None)
            return it;
        PyObject *list = findall_groups((IterObject *)it);
        Py_DECREF(it);
        return list;
    }
    fast_hay fh;
    Py_ssize_t *spans = NULL;
    size_t count = 0;
    int ready = whole_spans(rx, args[0], args[1], args[2], 0, &fh, &spans, &count);
    if (ready <= 0) {
        if (ready < 0)
            return NULL;
        Py_RETURN_NONE;
    }
    PyObject *list = PyList_New((Py_ssize_t)count);
    for (size_t i = 0; list != NULL && i < count; i++) {
        PyObject *item = slice_of(rx, fh.ptr, args[0], spans[2 * i], spans[2 * i + 1]);
        if (item == NULL) {
            Py_CLEAR(list);
            break;
        }
        PyList_SetItem(list, (Py_ssize_t)i, item);
    }
    free(spans);
    return list;
}

/* Whether `template` (_parse_template's list) holds only literal pieces
 * of the haystack's type and group indexes below `groups`. */
static int template_ok(RegexObject *rx, PyObject *template) {
    if (!PyList_Check(template))
        return 0;
    for (Py_ssize_t i = 0; i < PyList_Size(template); i++) {
        PyObject *x = PyList_GetItem(template, i);
        if (PyLong_CheckExact(x)) {
            Py_ssize_t g = PyLong_AsSsize_t(x);
            if (g < 0 || g >= (Py_ssize_t)rx->groups) {
                PyErr_Clear();
                return 0;
            }
        } else if (rx->kind == KIND_BYTES ? !PyBytes_CheckExact(x) : !PyUnicode_CheckExact(x)) {
            return 0;
        }
    }
    return 1;
}

/* Appends `item` (taken) to `list`; -1 when either failed. */
static int append_taken(PyObject *list, PyObject *item) {
    int r = item == NULL ? -1 : PyList_Append(list, item);
    Py_XDECREF(item);
    return r;
}

/* What a replacement function returned, as a piece of the result (new
 * reference): a str for a str pattern, bytes for a bytes one (of any
 * bytes-like object), nothing for None (as re); NULL with re's TypeError
 * for anything else. */
static PyObject *replacement_piece(RegexObject *rx, PyObject *r) {
    if (r == Py_None)
        return rx->kind == KIND_BYTES ? PyBytes_FromStringAndSize(NULL, 0) : PyUnicode_FromStringAndSize(NULL, 0);
    if (rx->kind != KIND_BYTES && PyUnicode_Check(r))
        return Py_NewRef(r);
    if (rx->kind == KIND_BYTES && (PyBytes_Check(r) || PyByteArray_Check(r) || PyMemoryView_Check(r)))
        return PyBytes_FromObject(r);
    PyObject *name = PyType_GetName(Py_TYPE(r));
    if (name != NULL) {
        PyErr_Format(PyExc_TypeError, "expected %s, %U found", rx->kind == KIND_BYTES ? "a bytes-like object" : "str",
                     name);
        Py_DECREF(name);
    }
    return NULL;
}

/* The pieces of re's split (`template` and `func` NULL: between matches,
 * each group's text or None), or of subn with a replacement template (in
 * place of each match, the template's literal pieces and its groups'
 * texts) or function (what it returns for the match's Match) over an
 * exact str or bytes, at most `limit` matches (0: all), their count in
 * *n: a list, None when the fast path does not apply, NULL with an
 * exception. The matches' group spans are read where the iteration leaves
 * them (Iter_step), a tuple a match fewer than the Python loop. */
static PyObject *pieces_of(PyObject *self_, PyObject *string, size_t limit, PyObject *template, PyObject *func,
                           size_t *n) {
    PyObject *it_ = new_iter(self_, string, NULL, NULL, 1);
    if (it_ == NULL || it_ == Py_None)
        return it_;
    IterObject *it = (IterObject *)it_;
    RegexObject *rx = (RegexObject *)it->regex;
    PyObject *list = PyList_New(0);
    Py_ssize_t last = 0;
    *n = 0;
    while (list != NULL && (limit == 0 || *n < limit)) {
        found_t f;
        int r = Iter_step(it, &f);
        int bad = r < 0;
        if (r > 0) {
            const ferrex_match *all = f.all;
            bad = append_taken(list, slice_of(rx, it->h.ptr, string, last, (Py_ssize_t)all[0].start)) < 0;
            if (!bad && func != NULL) {
                PyObject *m = new_match_of(g_state->match_type, it->pattern, string, all, f.n, it->pos, it->endpos);
                PyObject *returned = m == NULL ? NULL : PyObject_CallFunctionObjArgs(func, m, NULL);
                Py_XDECREF(m);
                bad = returned == NULL || append_taken(list, replacement_piece(rx, returned)) < 0;
                Py_XDECREF(returned);
            }
            Py_ssize_t items = func != NULL ? 0 : template == NULL ? (Py_ssize_t)rx->groups : PyList_Size(template);
            for (Py_ssize_t i = template == NULL ? 1 : 0; !bad && i < items; i++) {
                PyObject *x = template == NULL ? NULL : PyList_GetItem(template, i);
                if (x != NULL && !PyLong_CheckExact(x)) {
                    bad = PyList_Append(list, x) < 0;
                    continue;
                }
                size_t g = x == NULL ? (size_t)i : (size_t)PyLong_AsSsize_t(x);
                if (g < f.n && all[g].start != FERREX_UNSET)
                    bad = append_taken(list, slice_of(rx, it->h.ptr, string, (Py_ssize_t)all[g].start,
                                                      (Py_ssize_t)all[g].end)) < 0;
                else if (template == NULL)
                    bad = PyList_Append(list, Py_None) < 0;
            }
            last = (Py_ssize_t)all[0].end;
            (*n)++;
        }
        found_release(&f);
        if (bad)
            Py_CLEAR(list);
        if (r <= 0)
            break;
    }
    if (list != NULL && append_taken(list, slice_of(rx, it->h.ptr, string, last, it->h.endpos)) < 0)
        Py_CLEAR(list);
    Py_DECREF(it_);
    return list;
}

/* subn over exact str or bytes with a template (_parse_template's list)
 * or a function (each match's Match made here): (new string, n), or None
 * (the Python path: another haystack, a template with other items). */
static PyObject *subn_pieces(PyObject *self_, RegexObject *rx, PyObject *repl, PyObject *string, size_t limit) {
    int call = PyCallable_Check(repl);
    if (!call && !template_ok(rx, repl))
        Py_RETURN_NONE;
    size_t n = 0;
    PyObject *pieces = pieces_of(self_, string, limit, call ? NULL : repl, call ? repl : NULL, &n);
    if (pieces == NULL || pieces == Py_None)
        return pieces;
    /* PyUnicode_Join for a str (the limited API has no bytes join), not
     * the method by name: about 90 instructions fewer a call. */
    PyObject *empty = rx->kind == KIND_BYTES ? PyBytes_FromStringAndSize(NULL, 0) : PyUnicode_FromStringAndSize(NULL, 0);
    PyObject *joined = empty == NULL                ? NULL
                       : rx->kind == KIND_BYTES ? PyObject_CallMethod(empty, "join", "O", pieces)
                                                : PyUnicode_Join(empty, pieces);
    Py_XDECREF(empty);
    Py_DECREF(pieces);
    return joined == NULL ? NULL : Py_BuildValue("(Nn)", joined, (Py_ssize_t)n);
}

/* subn's (new string, n) over exact str or bytes, at most `limit`
 * replacements (0: all), or None (then Python's): for a replacement
 * without group references (a literal of the string's type) the pieces
 * cut and joined here, for a template or a function by subn_pieces().
 * Pattern._subn_fast's and sub()/subn()'s. */
static PyObject *subn_in_c(PyObject *self_, RegexObject *rx, PyObject *lit, PyObject *string, size_t limit) {
    if (rx->kind == KIND_BYTES ? !PyBytes_CheckExact(lit) : !PyUnicode_CheckExact(lit))
        return subn_pieces(self_, rx, lit, string, limit);
    fast_hay fh;
    Py_ssize_t *spans = NULL;
    size_t count = 0;
    int ready = whole_spans(rx, string, NULL, NULL, limit, &fh, &spans, &count);
    if (ready <= 0) {
        if (ready < 0)
            return NULL;
        Py_RETURN_NONE;
    }
    PyObject *out = NULL;
    if (rx->kind == KIND_BYTES) {
        char *l;
        Py_ssize_t llen, total = fh.endpos;
        if (PyBytes_AsStringAndSize(lit, &l, &llen) < 0)
            goto done;
        for (size_t i = 0; i < count; i++)
            total += llen - (spans[2 * i + 1] - spans[2 * i]);
        out = PyBytes_FromStringAndSize(NULL, total);
        char *o = out == NULL ? NULL : PyBytes_AsString(out);
        if (o == NULL)
            goto done;
        Py_ssize_t last = 0;
        for (size_t i = 0; i < count; i++) {
            memcpy(o, fh.ptr + last, (size_t)(spans[2 * i] - last));
            o += spans[2 * i] - last;
            memcpy(o, l, (size_t)llen);
            o += llen;
            last = spans[2 * i + 1];
        }
        memcpy(o, fh.ptr + last, (size_t)(fh.endpos - last));
    } else {
        PyObject *pieces = PyList_New((Py_ssize_t)(2 * count + 1)), *empty = NULL;
        Py_ssize_t last = 0;
        for (size_t i = 0; pieces != NULL && i <= count; i++) {
            PyObject *piece = PyUnicode_Substring(string, last, i < count ? spans[2 * i] : fh.endpos);
            if (piece == NULL) {
                Py_CLEAR(pieces);
                break;
            }
            PyList_SetItem(pieces, (Py_ssize_t)(2 * i), piece);
            if (i < count) {
                PyList_SetItem(pieces, (Py_ssize_t)(2 * i + 1), Py_NewRef(lit));
                last = spans[2 * i + 1];
            }
        }
        if (pieces != NULL && (empty = PyUnicode_FromStringAndSize(NULL, 0)) != NULL)
            out = PyUnicode_Join(empty, pieces);
        Py_XDECREF(empty);
        Py_XDECREF(pieces);
    }
done:
    free(spans);
    if (out == NULL)
        return NULL;
    return Py_BuildValue("(Nn)", out, (Py_ssize_t)count);
}

/* _subn_fast(replacement, string, count): subn_in_c() for count >= 0 (the
 * Python method's way in, after it parsed a template), or None. */
static PyObject *Pattern_subn_fast(PyObject *self_, PyObject *const *args, Py_ssize_t nargs) {
    PatternObject *self = (PatternObject *)self_;
    if (nargs != 3) {
        PyErr_SetString(PyExc_TypeError, "_subn_fast(replacement, string, count)");
        return NULL;
    }
    Py_ssize_t limit = PyLong_AsSsize_t(args[2]);
    if (limit == -1 && PyErr_Occurred())
        return NULL;
    if (self->re == NULL || !Py_IS_TYPE(self->re, g_state->regex_type) || limit < 0)
        Py_RETURN_NONE;
    return subn_in_c(self_, (RegexObject *)self->re, args[0], args[1], (size_t)limit);
}

/* Whether `repl` is a replacement _subn_fast takes as it is: a function,
 * or an exact str (bytes) of the pattern's kind with no backslash, which
 * re reads as itself. A template with group references or escapes is
 * parsed (and cached) by the Python method first. */
static int repl_as_is(RegexObject *rx, PyObject *repl) {
    if (rx->kind == KIND_BYTES && PyBytes_CheckExact(repl)) {
        char *p;
        Py_ssize_t n;
        return PyBytes_AsStringAndSize(repl, &p, &n) == 0 && memchr(p, '\\', (size_t)n) == NULL;
    }
    if (rx->kind == KIND_STR && PyUnicode_CheckExact(repl))
        return PyUnicode_FindChar(repl, '\\', 0, PY_SSIZE_T_MAX, 1) == -1;
    return !PyBytes_Check(repl) && !PyUnicode_Check(repl) && PyCallable_Check(repl);
}

/* sub()/subn() (want_n: subn's tuple): in C, without the Python method's
 * frames (`sub` called `subn`, which parsed the template), for positional
 * arguments, a count that is an int >= 0 and a replacement repl_as_is()
 * takes, over an exact str or bytes; else the Python method `slow`
 * (Pattern._sub_slow / _subn_slow), whose errors are re's. */
static PyObject *sub_call(PyObject *self_, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames, int want_n,
                          PyObject *slow) {
    PatternObject *self = (PatternObject *)self_;
    if (kwnames == NULL && (nargs == 2 || (nargs == 3 && PyLong_CheckExact(args[2]))) && self->re != NULL &&
        Py_IS_TYPE(self->re, g_state->regex_type)) {
        int as_is = repl_as_is((RegexObject *)self->re, args[0]);
        if (as_is < 0)
            PyErr_Clear();
        Py_ssize_t count = nargs == 3 ? PyLong_AsSsize_t(args[2]) : 0;
        if (count == -1 && PyErr_Occurred())
            PyErr_Clear();
        else if (as_is > 0 && count >= 0) {
            PyObject *done = subn_in_c(self_, (RegexObject *)self->re, args[0], args[1], (size_t)count);
            if (done == NULL || done != Py_None) {
                if (done == NULL || want_n)
                    return done;
                PyObject *text = Py_NewRef(PyTuple_GetItem(done, 0));
                Py_DECREF(done);
                return text;
            }
            Py_DECREF(done);
        }
    }
    return call_slow(self_, slow, args, nargs, kwnames);
}

static PyObject *Pattern_sub(PyObject *self, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames) {
    return sub_call(self, args, nargs, kwnames, 0, g_state->sub_slow);
}

static PyObject *Pattern_subn(PyObject *self, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames) {
    return sub_call(self, args, nargs, kwnames, 1, g_state->subn_slow);
}

/* _split_fast(string, maxsplit): split's list over exact str or bytes for
 * a regex without groups and maxsplit >= 0, or None (then Python's). */
static PyObject *Pattern_split_fast(PyObject *self_, PyObject *const *args, Py_ssize_t nargs) {
    PatternObject *self = (PatternObject *)self_;
    if (nargs != 2) {
        PyErr_SetString(PyExc_TypeError, "_split_fast(string, maxsplit)");
        return NULL;
    }
    Py_ssize_t limit = PyLong_AsSsize_t(args[1]);
    if (limit == -1 && PyErr_Occurred())
        return NULL;
    if (self->re == NULL || !Py_IS_TYPE(self->re, g_state->regex_type) || limit < 0)
        Py_RETURN_NONE;
    RegexObject *rx = (RegexObject *)self->re;
    if (rx->groups != 1) {
        size_t n = 0;
        return pieces_of(self_, args[0], (size_t)limit, NULL, NULL, &n);
    }
    fast_hay fh;
    Py_ssize_t *spans = NULL;
    size_t count = 0;
    int ready = whole_spans(rx, args[0], NULL, NULL, (size_t)limit, &fh, &spans, &count);
    if (ready <= 0) {
        if (ready < 0)
            return NULL;
        Py_RETURN_NONE;
    }
    PyObject *list = PyList_New((Py_ssize_t)count + 1);
    Py_ssize_t last = 0;
    for (size_t i = 0; list != NULL && i <= count; i++) {
        PyObject *piece = slice_of(rx, fh.ptr, args[0], last, i < count ? spans[2 * i] : fh.endpos);
        if (piece == NULL) {
            Py_CLEAR(list);
            break;
        }
        PyList_SetItem(list, (Py_ssize_t)i, piece);
        last = i < count ? spans[2 * i + 1] : last;
    }
    free(spans);
    return list;
}

static PyMethodDef Pattern_methods[] = {
    {"_finditer_fast", (PyCFunction)(void (*)(void))Pattern_finditer_fast, METH_FASTCALL,
     "_finditer_fast(string, pos, endpos[, spans_only]): finditer's iterator in C (of spans tuples with "
     "spans_only), or None (then Python's)"},
    {"_findall_fast", (PyCFunction)(void (*)(void))Pattern_findall_fast, METH_FASTCALL,
     "_findall_fast(string, pos, endpos): findall's list in C, or None (then Python's)"},
    {"_subn_fast", (PyCFunction)(void (*)(void))Pattern_subn_fast, METH_FASTCALL,
     "_subn_fast(replacement, string, count): subn's (string, n) in C for a literal, a template or a "
     "function, or None"},
    {"_split_fast", (PyCFunction)(void (*)(void))Pattern_split_fast, METH_FASTCALL,
     "_split_fast(string, maxsplit): split's list in C, or None"},
    {"search", (PyCFunction)(void (*)(void))Pattern_search, METH_FASTCALL | METH_KEYWORDS,
     "search(string, pos=0, endpos=None): the first match anywhere in string[pos:endpos], or None."},
    {"match", (PyCFunction)(void (*)(void))Pattern_match, METH_FASTCALL | METH_KEYWORDS,
     "match(string, pos=0, endpos=None): a match that starts exactly at pos, or None."},
    {"fullmatch", (PyCFunction)(void (*)(void))Pattern_fullmatch, METH_FASTCALL | METH_KEYWORDS,
     "fullmatch(string, pos=0, endpos=None): a match of all of string[pos:endpos], or None."},
    {"sub", (PyCFunction)(void (*)(void))Pattern_sub, METH_FASTCALL | METH_KEYWORDS,
     "sub(repl, string, count=0): the string with the matches replaced (see subn)."},
    {"subn", (PyCFunction)(void (*)(void))Pattern_subn, METH_FASTCALL | METH_KEYWORDS,
     "subn(repl, string, count=0): (new string, number of replacements): re's replacement syntax (\\1, "
     "\\g<1>, \\g<name>, escapes) or a callable taking a Match."},
    {NULL, NULL, 0, NULL},
};

static PyMemberDef Pattern_members[] = {
    {"_re", T_OBJECT_EX, offsetof(PatternObject, re), 0, "the compiled Regex"},
    {"_full", T_OBJECT, offsetof(PatternObject, full), 0, "fullmatch's compiled Regex, or None"},
    {NULL, 0, 0, 0, NULL},
};

static PyType_Slot Pattern_slots[] = {
    {Py_tp_dealloc, Pattern_dealloc},
    {Py_tp_methods, Pattern_methods},
    {Py_tp_members, Pattern_members},
    {Py_tp_doc, "The native half of ferrex.Pattern: search() and match() on a whole haystack."},
    {0, NULL},
};

static PyType_Spec Pattern_spec = {
    "ferrex._ferrex.PatternBase", sizeof(PatternObject), 0, Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE,
    Pattern_slots,
};

/* The native half of ferrex.RegexSet: its Regex (`_re`, set by
 * RegexSet.__init__), its patterns compiled alone (`_compiled`: a list,
 * None where not compiled yet) and search()'s C fast path: a whole
 * fast_hay (as PatternBase's), no pos or endpos. */
typedef struct {
    PyObject_HEAD
    PyObject *re;
    PyObject *compiled;
} SetObject;

static void Set_dealloc(PyObject *self_) {
    SetObject *self = (SetObject *)self_;
    PyTypeObject *tp = Py_TYPE(self_);
    Py_CLEAR(self->re);
    Py_CLEAR(self->compiled);
    freefunc tp_free = (freefunc)PyType_GetSlot(tp, Py_tp_free);
    tp_free(self_);
    Py_DECREF(tp);
}

static PyObject *Set_search(PyObject *self_, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames) {
    SetObject *self = (SetObject *)self_;
    module_state *st = g_state;
    if (nargs == 1 && kwnames == NULL && self->re != NULL && Py_IS_TYPE(self->re, st->regex_type) &&
        self->compiled != NULL && PyList_Check(self->compiled) && st->set_match_type != NULL) {
        RegexObject *rx = (RegexObject *)self->re;
        fast_hay fh;
        int ready = fast_hay_open(st, rx, args[0], NULL, NULL, &fh);
        if (ready < 0)
            return NULL;
        if (ready) {
            PyObject *m = set_search_whole(st, rx, self_, self->compiled, args[0], &fh);
            strhay_close(&fh.u);
            return m;
        }
    }
    return call_slow(self_, st->search_slow, args, nargs, kwnames);
}

static PyMethodDef Set_methods[] = {
    {"search", (PyCFunction)(void (*)(void))Set_search, METH_FASTCALL | METH_KEYWORDS,
     "search(string, pos=0, endpos=None): the leftmost match of any pattern in string[pos:endpos], or None."},
    {NULL, NULL, 0, NULL},
};

static PyMemberDef Set_members[] = {
    {"_re", T_OBJECT_EX, offsetof(SetObject, re), 0, "the compiled Regex of every pattern"},
    {"_compiled", T_OBJECT_EX, offsetof(SetObject, compiled), 0, "each pattern compiled alone, or None"},
    {NULL, 0, 0, 0, NULL},
};

static PyType_Slot Set_slots[] = {
    {Py_tp_dealloc, Set_dealloc},
    {Py_tp_methods, Set_methods},
    {Py_tp_members, Set_members},
    {Py_tp_doc, "The native half of ferrex.RegexSet: search() on a whole haystack."},
    {0, NULL},
};

static PyType_Spec Set_spec = {
    "ferrex._ferrex.SetBase", sizeof(SetObject), 0, Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE, Set_slots,
};

/* set_match_type(Match) / set_match_type(SetMatch, True): the subclass
 * of MatchBase the fast paths make for a Pattern / for a RegexSet. */
static PyObject *mod_set_match_type(PyObject *module, PyObject *const *args, Py_ssize_t nargs) {
    module_state *st = PyModule_GetState(module);
    if (nargs < 1 || nargs > 2 || !PyType_Check(args[0]) ||
        !PyType_IsSubtype((PyTypeObject *)args[0], st->match_base)) {
        PyErr_SetString(PyExc_TypeError, "set_match_type: expected a subclass of MatchBase");
        return NULL;
    }
    int for_sets = nargs == 2 ? PyObject_IsTrue(args[1]) : 0;
    if (for_sets < 0)
        return NULL;
    PyTypeObject **slot = for_sets ? &st->set_match_type : &st->match_type;
    PyTypeObject *old = *slot;
    *slot = (PyTypeObject *)Py_NewRef(args[0]);
    Py_XDECREF((PyObject *)old);
    Py_RETURN_NONE;
}

/* compile()'s and compile_many()'s flags (args[1]) and kind (args[2],
 * optional). */
static int parse_flags_kind(PyObject *const *args, Py_ssize_t nargs, uint32_t *flags, long *kind) {
    unsigned long f = PyLong_AsUnsignedLong(args[1]);
    if (f == (unsigned long)-1 && PyErr_Occurred())
        return -1;
    if (f > UINT32_MAX) {
        PyErr_SetString(PyExc_ValueError, "flags out of range");
        return -1;
    }
    *flags = (uint32_t)f;
    *kind = KIND_NONE;
    if (nargs == 3) {
        *kind = PyLong_AsLong(args[2]);
        if (*kind == -1 && PyErr_Occurred())
            return -1;
        if (*kind != KIND_BYTES && *kind != KIND_STR)
            *kind = KIND_NONE;
    }
    return 0;
}

/* Raises ValueError(message, status_name, span_start, span_end), plus the
 * failing pattern's index (-1 when unknown) when `with_index`; frees err. */
static PyObject *compile_error(int32_t st, ferrex_error *err, int with_index) {
    size_t s = 0, e = 0, index = 0;
    int has = err != NULL && ferrex_error_span(err, &s, &e) == 1;
    int has_index = err != NULL && ferrex_error_pattern(err, &index) == 1;
    const char *msg = err != NULL ? ferrex_error_message(err) : ferrex_status_message(st);
    PyObject *exc_args;
    if (with_index)
        exc_args = Py_BuildValue("(s s n n n)", msg, ferrex_status_name(st), has ? (Py_ssize_t)s : -1,
                                 has ? (Py_ssize_t)e : -1, has_index ? (Py_ssize_t)index : -1);
    else
        exc_args = Py_BuildValue("(s s n n)", msg, ferrex_status_name(st), has ? (Py_ssize_t)s : -1,
                                 has ? (Py_ssize_t)e : -1);
    ferrex_error_free(err);
    if (exc_args != NULL) {
        PyErr_SetObject(PyExc_ValueError, exc_args);
        Py_DECREF(exc_args);
    }
    return NULL;
}

/* A Regex object owning `re` (freed on failure). */
static PyObject *regex_object(PyObject *module, ferrex_regex *re, long kind) {
    size_t patterns = 0, groups = 0;
    if (check(ferrex_regex_pattern_count(re, &patterns)) < 0) {
        ferrex_regex_free(re);
        return NULL;
    }
    for (size_t p = 0; p < patterns; p++) {
        size_t g = 0;
        if (check(ferrex_regex_group_count(re, p, &g)) < 0) {
            ferrex_regex_free(re);
            return NULL;
        }
        if (g > groups)
            groups = g;
    }
    module_state *state = PyModule_GetState(module);
    RegexObject *self = PyObject_New(RegexObject, state->regex_type);
    if (self == NULL) {
        ferrex_regex_free(re);
        return NULL;
    }
    size_t min_len = 0, max_len = 0;
    self->re = re;
    self->groups = groups;
    self->patterns = patterns;
    self->spare = NULL;
    self->spare_iter = NULL;
    self->close_order = NULL;
    self->group_names = NULL;
    self->kind = (int)kind;
    if (check(ferrex_regex_match_len_bounds(re, &min_len, &max_len)) < 0) {
        Py_DECREF(self); /* frees re */
        return NULL;
    }
    /* FERREX_UNSET: no bound known (a part that never matches, as in
     * `a|[^\d\D]|`, hides the others'), so a match may be empty. */
    self->never_empty = min_len != 0 && min_len != FERREX_UNSET;
    return (PyObject *)self;
}

static PyObject *mod_compile(PyObject *module, PyObject *const *args, Py_ssize_t nargs) {
    if ((nargs != 2 && nargs != 3) || !PyBytes_Check(args[0])) {
        PyErr_SetString(PyExc_TypeError, "compile(pattern: bytes, flags: int, kind: int = 0)");
        return NULL;
    }
    char *pat;
    Py_ssize_t plen;
    uint32_t flags;
    long kind;
    if (PyBytes_AsStringAndSize(args[0], &pat, &plen) < 0 || parse_flags_kind(args, nargs, &flags, &kind) < 0)
        return NULL;
    ferrex_regex *re = NULL;
    ferrex_error *err = NULL;
    int32_t st;
    /* Compiling a big pattern can take a while: let other threads run. */
    Py_BEGIN_ALLOW_THREADS
    st = ferrex_regex_new(&re, (const uint8_t *)pat, (size_t)plen, flags, NULL, &err);
    Py_END_ALLOW_THREADS
    if (st != FERREX_OK)
        return compile_error(st, err, 0);
    return regex_object(module, re, kind);
}

/* The options for a search memory limit (NULL for None: the defaults);
 * -1 with an exception set on failure. */
static int limit_options(PyObject *limit, ferrex_options **opts) {
    *opts = NULL;
    if (limit == Py_None)
        return 0;
    size_t bytes = PyLong_AsSize_t(limit);
    if (bytes == (size_t)-1 && PyErr_Occurred())
        return -1;
    ferrex_error *err = NULL;
    int32_t st = ferrex_options_new(opts, &err);
    ferrex_error_free(err);
    if (check(st) < 0 || check(ferrex_options_set_search_memory_limit(*opts, bytes)) < 0) {
        ferrex_options_free(*opts);
        *opts = NULL;
        return -1;
    }
    return 0;
}

/* compile_many(patterns: tuple of bytes, flags, kind=0, search_memory_limit=None):
 * one regex of every pattern (a RegexSet's); errors as compile()'s plus
 * the failing pattern's index. The tuple keeps the bytes alive while the
 * GIL is released. */
static PyObject *mod_compile_many(PyObject *module, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs < 2 || nargs > 4 || !PyTuple_Check(args[0])) {
        PyErr_SetString(PyExc_TypeError, "compile_many(patterns: tuple of bytes, flags: int, kind: int = 0, "
                                         "search_memory_limit: int | None = None)");
        return NULL;
    }
    uint32_t flags;
    long kind;
    if (parse_flags_kind(args, nargs < 3 ? nargs : 3, &flags, &kind) < 0)
        return NULL;
    Py_ssize_t count = 0;
    const uint8_t **ptrs = NULL;
    size_t *lens = NULL;
    ferrex_options *opts = NULL;
    PyObject *result = NULL;
    if (limit_options(nargs == 4 ? args[3] : Py_None, &opts) < 0 ||
        bytes_arrays(args[0], "compile_many", "pattern", &ptrs, &lens, &count) < 0)
        goto done;
    ferrex_regex *re = NULL;
    ferrex_error *err = NULL;
    int32_t st;
    Py_BEGIN_ALLOW_THREADS
    st = ferrex_regex_new_many(&re, ptrs, lens, (size_t)count, flags, opts, &err);
    Py_END_ALLOW_THREADS
    if (st != FERREX_OK)
        compile_error(st, err, 1);
    else
        result = regex_object(module, re, kind);
done:
    ferrex_options_free(opts);
    PyMem_Free(ptrs);
    PyMem_Free(lens);
    return result;
}

/* escape(bytes) / lowercase(bytes, mode): the *_alloc calls, copied out. */
static PyObject *bytes_result(int32_t st, ferrex_bytes *out) {
    if (check(st) < 0)
        return NULL;
    PyObject *r = PyBytes_FromStringAndSize((const char *)out->ptr, (Py_ssize_t)out->len);
    ferrex_bytes_free(out);
    return r;
}

static PyObject *mod_escape(PyObject *module, PyObject *arg) {
    (void)module;
    hay_t h;
    if (hay_get(arg, &h) < 0)
        return NULL;
    ferrex_bytes out = {NULL, 0};
    int32_t st = ferrex_escape_alloc(h.ptr, h.len, &out);
    hay_release(&h);
    if (st == FERREX_ERR_INVALID_UTF8) {
        PyErr_SetString(PyExc_ValueError, "escape: the text is not valid UTF-8");
        return NULL;
    }
    return bytes_result(st, &out);
}

static PyObject *mod_lowercase(PyObject *module, PyObject *const *args, Py_ssize_t nargs) {
    (void)module;
    if (nargs != 2) {
        PyErr_SetString(PyExc_TypeError, "lowercase(text, mode)");
        return NULL;
    }
    unsigned long mode = PyLong_AsUnsignedLong(args[1]);
    if (mode == (unsigned long)-1 && PyErr_Occurred())
        return NULL;
    hay_t h;
    if (hay_get(args[0], &h) < 0)
        return NULL;
    ferrex_bytes out = {NULL, 0};
    int32_t st = ferrex_lowercase_alloc(h.ptr, h.len, (uint32_t)mode, &out);
    hay_release(&h);
    return bytes_result(st, &out);
}

static PyObject *mod_version(PyObject *module, PyObject *unused) {
    (void)module;
    (void)unused;
    return PyUnicode_FromString(ferrex_version());
}

/* forget_str(): lets go of the kept encoding of a str (ferrex.purge()). */
static PyObject *mod_forget_str(PyObject *module, PyObject *unused) {
    (void)unused;
    strhay_cache_clear(&((module_state *)PyModule_GetState(module))->strs);
    Py_RETURN_NONE;
}

static PyMethodDef module_methods[] = {
    {"forget_str", mod_forget_str, METH_NOARGS,
     "forget_str(): lets go of the kept encoding of the last long str"},
    {"compile", (PyCFunction)(void (*)(void))mod_compile, METH_FASTCALL, "compile(pattern: bytes, flags: int) -> Regex"},
    {"compile_many", (PyCFunction)(void (*)(void))mod_compile_many, METH_FASTCALL,
     "compile_many(patterns: tuple of bytes, flags: int, kind: int = 0) -> Regex"},
    {"compile_phrases", (PyCFunction)(void (*)(void))phrases_compile, METH_FASTCALL,
     "compile_phrases(phrases: tuple of bytes, match_kind: int, ascii_ci: bool, unicode_ci: bool) -> Phrases"},
    {"escape", mod_escape, METH_O, "escape(text: bytes) -> bytes"},
    {"lowercase", (PyCFunction)(void (*)(void))mod_lowercase, METH_FASTCALL, "lowercase(text: bytes, mode: int) -> bytes"},
    {"version", mod_version, METH_NOARGS, "the library's version"},
    {"set_match_type", (PyCFunction)(void (*)(void))mod_set_match_type, METH_FASTCALL,
     "set_match_type(Match[, for_sets]): the class search() makes (RegexSet's with for_sets)"},
    {"set_phrase_match_type", phrases_set_match_type, METH_O,
     "set_phrase_match_type(PhraseMatch): the class PhraseSet's search() makes"},
    {"stream_new", (PyCFunction)(void (*)(void))stream_new, METH_FASTCALL,
     "stream_new(native: Regex | Phrases, retain_limit: int, flags: int, with_index: bool) -> Stream"},
    {NULL, NULL, 0, NULL},
};

static int module_exec(PyObject *module) {
    module_state *state = PyModule_GetState(module);
    state->regex_type = (PyTypeObject *)PyType_FromModuleAndSpec(module, &Regex_spec, NULL);
    if (state->regex_type == NULL)
        return -1;
    if (PyModule_AddObjectRef(module, "Regex", (PyObject *)state->regex_type) < 0)
        return -1;
    state->match_base = (PyTypeObject *)PyType_FromModuleAndSpec(module, &Match_spec, NULL);
    if (state->match_base == NULL || PyModule_AddObjectRef(module, "MatchBase", (PyObject *)state->match_base) < 0)
        return -1;
    state->pattern_base = (PyTypeObject *)PyType_FromModuleAndSpec(module, &Pattern_spec, NULL);
    if (state->pattern_base == NULL ||
        PyModule_AddObjectRef(module, "PatternBase", (PyObject *)state->pattern_base) < 0)
        return -1;
    state->match_type = NULL;
    state->set_match_type = NULL;
    PyObject *set_base = PyType_FromModuleAndSpec(module, &Set_spec, NULL);
    if (set_base == NULL || PyModule_AddObjectRef(module, "SetBase", set_base) < 0) {
        Py_XDECREF(set_base);
        return -1;
    }
    Py_DECREF(set_base);
    state->iter_type = (PyTypeObject *)PyType_FromModuleAndSpec(module, &Iter_spec, NULL);
    if (state->iter_type == NULL)
        return -1;
    state->isascii = PyObject_GetAttrString((PyObject *)&PyUnicode_Type, "isascii");
    state->isascii_fn = find_isascii_fn();
    state->search_slow = PyUnicode_InternFromString("_search_slow");
    state->match_slow = PyUnicode_InternFromString("_match_slow");
    state->fullmatch_slow = PyUnicode_InternFromString("_fullmatch_slow");
    state->sub_slow = PyUnicode_InternFromString("_sub_slow");
    state->subn_slow = PyUnicode_InternFromString("_subn_slow");
    state->index_name = PyUnicode_InternFromString("_set_index");
    state->groupindex_name = PyUnicode_InternFromString("groupindex");
    state->names_name = PyUnicode_InternFromString("_names");
    if (state->isascii == NULL || state->search_slow == NULL || state->match_slow == NULL || state->fullmatch_slow == NULL ||
        state->sub_slow == NULL || state->subn_slow == NULL ||
        state->index_name == NULL || state->groupindex_name == NULL || state->names_name == NULL)
        return -1;
    g_state = state;
    if (phrases_add_types(module) < 0)
        return -1;
    if (stream_add_type(module) < 0)
        return -1;
    if (PyModule_AddStringConstant(module, "BACKEND", "C extension (CPython limited API, abi3)") < 0)
        return -1;
    if (PyModule_AddIntConstant(module, "HEADER_VERSION", FERREX_VERSION_NUMBER) < 0)
        return -1;
    if (PyModule_AddIntConstant(module, "LIBRARY_VERSION", (long)ferrex_version_number()) < 0)
        return -1;
    return 0;
}

static int module_traverse(PyObject *module, visitproc visit, void *arg) {
    module_state *state = PyModule_GetState(module);
    Py_VISIT(state->regex_type);
    Py_VISIT(state->match_base);
    Py_VISIT(state->pattern_base);
    Py_VISIT(state->match_type);
    Py_VISIT(state->set_match_type);
    Py_VISIT(state->iter_type);
    return 0;
}

static int module_clear(PyObject *module) {
    module_state *state = PyModule_GetState(module);
    Py_CLEAR(state->regex_type);
    Py_CLEAR(state->match_base);
    Py_CLEAR(state->pattern_base);
    Py_CLEAR(state->match_type);
    Py_CLEAR(state->set_match_type);
    Py_CLEAR(state->iter_type);
    Py_CLEAR(state->isascii);
    Py_CLEAR(state->search_slow);
    Py_CLEAR(state->match_slow);
    Py_CLEAR(state->fullmatch_slow);
    Py_CLEAR(state->sub_slow);
    Py_CLEAR(state->subn_slow);
    Py_CLEAR(state->index_name);
    Py_CLEAR(state->groupindex_name);
    Py_CLEAR(state->names_name);
    strhay_cache_clear(&state->strs);
    return 0;
}

static PyModuleDef_Slot module_slots[] = {
    {Py_mod_exec, module_exec},
    {0, NULL},
};

static struct PyModuleDef module_def = {
    PyModuleDef_HEAD_INIT, "ferrex._ferrex", "ferrex's CPython backend (see ferrex/__init__.py)",
    sizeof(module_state), module_methods, module_slots, module_traverse, module_clear, NULL,
};

PyMODINIT_FUNC PyInit__ferrex(void) { return PyModuleDef_Init(&module_def); }
