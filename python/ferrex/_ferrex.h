/*
 * _ferrex.h: what the two C files of the extension ferrex._ferrex share
 * (_ferrex.c: the module, regexes, patterns and matches; _phrases.c:
 * phrase sets): the haystack, the status check, the search arguments.
 * Private to the extension, so the helpers are static.
 */
#ifndef FERREX_PY_EXT_H
#define FERREX_PY_EXT_H

#include <Python.h>
#include <stdint.h>
#include <stdlib.h> /* realloc, free: the limited API's Python.h does not declare them */

#include "ferrex.h"

/* Searches over at least this many bytes run without the GIL (below it,
 * dropping and retaking the GIL would cost more than the search). */
#define RELEASE_GIL_AT 4096

static int check(int32_t status) {
    if (status >= 0)
        return 0;
    if (status == FERREX_ERR_INTERNAL) {
        /* The library's own account (a caught panic's message), and the
         * cause seen in practice: a buffer changed during the call. */
        const ferrex_error *last = ferrex_error_last();
        PyErr_Format(PyExc_RuntimeError,
                     "%s: %s (if another thread changed the buffer's bytes during the call, that is the cause)",
                     ferrex_status_name(status),
                     last != NULL ? ferrex_error_message(last) : ferrex_status_message(status));
        return -1;
    }
    PyErr_Format(status == FERREX_ERR_OUT_OF_BOUNDS ? PyExc_IndexError : PyExc_RuntimeError, "%s: %s",
                 ferrex_status_name(status), ferrex_status_message(status));
    return -1;
}

/* The haystack: an ASCII str's own bytes (the caller guarantees ASCII, so
 * UTF-8 offsets are character offsets), or a buffer. */
typedef struct {
    Py_buffer view;
    int has_view;
    const uint8_t *ptr;
    size_t len;
} hay_t;

static int hay_get(PyObject *obj, hay_t *h) {
    h->has_view = 0;
    if (PyUnicode_Check(obj)) {
        Py_ssize_t n = 0;
        const char *p = PyUnicode_AsUTF8AndSize(obj, &n);
        if (p == NULL)
            return -1;
        h->ptr = (const uint8_t *)p;
        h->len = (size_t)n;
        return 0;
    }
    if (PyObject_GetBuffer(obj, &h->view, PyBUF_SIMPLE) < 0) {
        /* Not a buffer: say what was expected. A buffer that refuses
         * (a closed mmap: ValueError) says why itself. */
        if (PyErr_ExceptionMatches(PyExc_TypeError)) {
            PyErr_Clear();
            PyErr_SetString(PyExc_TypeError, "expected a string or a bytes-like object");
        }
        return -1;
    }
    h->has_view = 1;
    h->ptr = (const uint8_t *)h->view.buf;
    h->len = (size_t)h->view.len;
    return 0;
}

static void hay_release(hay_t *h) {
    if (h->has_view)
        PyBuffer_Release(&h->view);
}

static int parse_search(PyObject *const *args, Py_ssize_t nargs, const char *name, PyObject **obj,
                        ferrex_search *s) {
    if (nargs != 4) {
        PyErr_Format(PyExc_TypeError, "%s() takes 4 arguments", name);
        return -1;
    }
    *obj = args[0];
    s->start = PyLong_AsSize_t(args[1]);
    if (s->start == (size_t)-1 && PyErr_Occurred())
        return -1;
    s->end = PyLong_AsSize_t(args[2]);
    if (s->end == (size_t)-1 && PyErr_Occurred())
        return -1;
    unsigned long f = PyLong_AsUnsignedLong(args[3]);
    if (f == (unsigned long)-1 && PyErr_Occurred())
        return -1;
    s->flags = (uint32_t)f;
    s->pattern = 0;
    return 0;
}

/* What to pass for search `s` over a haystack of `len` bytes: NULL where it
 * is the whole haystack without flags, which libferrex searches with code
 * of its own (its bound and flag checks folded away), else `s`. */
static inline const ferrex_search *search_arg(const ferrex_search *s, size_t len) {
    return s->start == 0 && s->end == len && s->flags == 0 ? NULL : s;
}

/* The pointer and length arrays a tuple of bytes makes for the C API's
 * constructors of many patterns or phrases (PyMem_Malloc'd, the bytes
 * read in place: the tuple must outlive their use); 0, or -1 with an
 * exception (`what` names an item in the message: "pattern", "phrase").
 * Free both with PyMem_Free either way. */
static int bytes_arrays(PyObject *tuple, const char *call, const char *what, const uint8_t ***ptrs, size_t **lens,
                        Py_ssize_t *count) {
    Py_ssize_t n = PyTuple_Size(tuple);
    *count = n;
    *ptrs = PyMem_Malloc((n > 0 ? (size_t)n : 1) * sizeof **ptrs);
    *lens = PyMem_Malloc((n > 0 ? (size_t)n : 1) * sizeof **lens);
    if (n < 0)
        return -1;
    if (*ptrs == NULL || *lens == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *p = PyTuple_GetItem(tuple, i);
        char *b;
        Py_ssize_t len;
        if (!PyBytes_Check(p)) {
            PyErr_Format(PyExc_TypeError, "%s: %s %zd is not bytes", call, what, i);
            return -1;
        }
        if (PyBytes_AsStringAndSize(p, &b, &len) < 0)
            return -1;
        (*ptrs)[i] = (const uint8_t *)b;
        (*lens)[i] = (size_t)len;
    }
    return 0;
}

/* _phrases.c: adds the types Phrases and PhraseIter to the module; -1
 * with an exception on failure. */
int phrases_add_types(PyObject *module);

/* _phrases.c: compile_phrases(phrases, match_kind, ascii_ci, unicode_ci). */
PyObject *phrases_compile(PyObject *module, PyObject *const *args, Py_ssize_t nargs);

/* _phrases.c: set_phrase_match_type(PhraseMatch): the subclass of
 * PhraseMatchBase that Phrases.find_match() makes. */
PyObject *phrases_set_match_type(PyObject *module, PyObject *arg);

/* _ferrex.c: the ferrex_regex of a Regex object, or NULL (no exception
 * set) when `obj` is not one. */
ferrex_regex *regex_of(PyObject *obj);

/* _phrases.c: the ferrex_phrases of a Phrases object, or NULL (no
 * exception set) when `obj` is not one. */
ferrex_phrases *phrases_of(PyObject *obj);

/* _stream.c: adds the type Stream to the module; -1 with an exception on
 * failure. */
int stream_add_type(PyObject *module);

/* _stream.c: stream_new(native, retain_limit, flags, with_index). */
PyObject *stream_new(PyObject *module, PyObject *const *args, Py_ssize_t nargs);

#endif
