/*
 * _strhay.h: a str haystack that is not ASCII, searched as UTF-8.
 *
 * libferrex searches UTF-8; a str's own storage is Latin-1, UCS-2 or
 * UCS-4 (and the limited API does not show it), so such a str is encoded
 * once a call, or kept encoded between calls (strhay_cache, below):
 * string[lo:hi], a lone surrogate as "surrogatepass" writes
 * it (three bytes, one character), as the pure-Python path encodes it.
 * Each byte offset the library reports becomes the str's character offset
 * by counting the characters that start between it and the offset
 * converted last, so converting the matches of one pass, in order, costs
 * time linear in the text (the pure-Python path decoded a slice a match).
 *
 * lo is the character before the search's start (pos - 1), not 0: the
 * library's look-behind (\b, ^ and $ in multi-line mode) reads one
 * character before the start, never more, and encoding from 0 would make
 * a lexer's match(string, pos) loop quadratic in the string's prefix
 * (where the str is not kept).
 */
#ifndef FERREX_PY_STRHAY_H
#define FERREX_PY_STRHAY_H

#include <Python.h>
#include <stdint.h>

#include "ferrex.h"

typedef struct {
    PyObject *bytes;     /* the encoding, owned; NULL: none (a haystack read in place) */
    const uint8_t *ptr;  /* its bytes */
    Py_ssize_t len;
    Py_ssize_t at_byte;  /* the offset converted last (a character boundary) ... */
    Py_ssize_t at_char;  /* ... and its character offset in the str */
} strhay;

/* string[lo:hi] (0 <= lo <= hi <= len(string)) encoded; 0, or -1 with an
 * exception. */
static int strhay_open(strhay *u, PyObject *string, Py_ssize_t lo, Py_ssize_t hi) {
    u->bytes = NULL;
    PyObject *sub = PyUnicode_Substring(string, lo, hi);
    if (sub == NULL)
        return -1;
    PyObject *bytes = PyUnicode_AsEncodedString(sub, "utf-8", "surrogatepass");
    Py_DECREF(sub);
    char *p = NULL;
    if (bytes == NULL || PyBytes_AsStringAndSize(bytes, &p, &u->len) < 0) {
        Py_XDECREF(bytes);
        return -1;
    }
    u->bytes = bytes;
    u->ptr = (const uint8_t *)p;
    u->at_byte = 0;
    u->at_char = lo;
    return 0;
}

static void strhay_close(strhay *u) { Py_CLEAR(u->bytes); }

/* The characters that start in bytes [a, b): every byte but UTF-8's
 * continuation bytes (a loop compilers vectorize). */
static Py_ssize_t strhay_count(const uint8_t *p, Py_ssize_t a, Py_ssize_t b) {
    Py_ssize_t n = 0;
    for (Py_ssize_t i = a; i < b; i++)
        n += (p[i] & 0xC0) != 0x80;
    return n;
}

/* The character offset of byte offset b (a character boundary, as every
 * offset the library reports in a str's encoding is). Touches no Python
 * object: callable without the GIL. */
static Py_ssize_t strhay_char(strhay *u, Py_ssize_t b) {
    if (b >= u->at_byte)
        u->at_char += strhay_count(u->ptr, u->at_byte, b);
    else
        u->at_char -= strhay_count(u->ptr, b, u->at_byte);
    u->at_byte = b;
    return u->at_char;
}

/* The bytes of the character a lead byte starts (the encoding of a str
 * has only whole characters). */
static Py_ssize_t utf8_width(uint8_t lead) { return lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4; }

/* The bytes of the character at byte offset b (< len). */
static Py_ssize_t strhay_width(const strhay *u, Py_ssize_t b) {
    Py_ssize_t w = utf8_width(u->ptr[b]);
    return w < u->len - b ? w : u->len - b;
}

/* n spans converted to character offsets in place (unset ones kept). */
static void strhay_spans(strhay *u, ferrex_match *m, size_t n) {
    for (size_t i = 0; i < n; i++) {
        if (m[i].start == FERREX_UNSET)
            continue;
        m[i].start = (size_t)strhay_char(u, (Py_ssize_t)m[i].start);
        m[i].end = (size_t)strhay_char(u, (Py_ssize_t)m[i].end);
    }
}

/* The encoding of one whole str kept between calls (in the module's
 * state), with the byte offset of every STRHAY_STRIDE-th character: a
 * loop of match(string, pos) over one long str (a lexer's: Pygments',
 * Jinja's) or of search(string, pos) then encodes it once, not once a
 * call, and finds pos's byte offset in at most STRHAY_STRIDE steps. It
 * keeps the last such str alive until another takes its place, the str
 * is only the cache's (seen at the next call), or ferrex.purge(); a str
 * whose encoding is over STRHAY_CACHE_MAX bytes is never kept. */
#define STRHAY_STRIDE 64
#define STRHAY_CACHE_MAX ((Py_ssize_t)256 << 20)

typedef struct {
    PyObject *string;   /* the str (its identity is the key: held), or NULL */
    PyObject *bytes;    /* its whole encoding ... */
    const uint8_t *ptr; /* ... its bytes */
    Py_ssize_t len;
    Py_ssize_t *index;  /* index[k]: the byte offset of character k * STRHAY_STRIDE */
    Py_ssize_t chars;   /* len(string) */
} strhay_cache;

static void strhay_cache_clear(strhay_cache *c) {
    Py_CLEAR(c->string);
    Py_CLEAR(c->bytes);
    PyMem_Free(c->index);
    c->index = NULL;
}

/* The cached encoding of `string` (n characters) when it is kept or can
 * be: 1, 0 when not kept (too long), -1 with an exception. A str that
 * only the cache still holds is let go first. */
static int strhay_cache_take(strhay_cache *c, PyObject *string, Py_ssize_t n) {
    if (c->string == string)
        return 1;
    if (c->string != NULL && Py_REFCNT(c->string) == 1)
        strhay_cache_clear(c);
    strhay u;
    if (strhay_open(&u, string, 0, n) < 0)
        return -1;
    if (u.len > STRHAY_CACHE_MAX) {
        strhay_close(&u);
        return 0;
    }
    Py_ssize_t *index = PyMem_Malloc((size_t)(n / STRHAY_STRIDE + 1) * sizeof *index);
    if (index == NULL) {
        strhay_close(&u);
        PyErr_NoMemory();
        return -1;
    }
    Py_ssize_t k = 0, chars = 0;
    for (Py_ssize_t b = 0; b < u.len; b++) {
        if ((u.ptr[b] & 0xC0) == 0x80)
            continue;
        if (chars % STRHAY_STRIDE == 0)
            index[k++] = b;
        chars++;
    }
    if (chars % STRHAY_STRIDE == 0)
        index[k] = u.len; /* n itself, when a multiple of the stride */
    strhay_cache_clear(c);
    c->string = Py_NewRef(string);
    c->bytes = u.bytes;
    c->ptr = u.ptr;
    c->len = u.len;
    c->index = index;
    c->chars = n;
    return 1;
}

/* The byte offset of character `pos` (0 <= pos <= chars) of the cached str. */
static Py_ssize_t strhay_cache_byte(const strhay_cache *c, Py_ssize_t pos) {
    const uint8_t *p = c->ptr;
    Py_ssize_t b = c->index[pos / STRHAY_STRIDE];
    for (Py_ssize_t i = pos % STRHAY_STRIDE; i > 0; i--)
        b += utf8_width(p[b]);
    return b;
}

/* u over the cached encoding (a reference of its own: a search without the
 * GIL outlives a change of the cache), its cursor at character `pos`. */
static void strhay_from_cache(strhay *u, const strhay_cache *c, Py_ssize_t pos) {
    u->bytes = Py_NewRef(c->bytes);
    u->ptr = c->ptr;
    u->len = c->len;
    u->at_byte = strhay_cache_byte(c, pos);
    u->at_char = pos;
}

#endif
