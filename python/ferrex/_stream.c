/*
 * ferrex._ferrex's streams: the native half of ferrex.Stream
 * (ferrex/_stream.py) over libferrex's ferrex_stream_* calls, the same
 * calls ferrex/_backend_cffi.py offers on PyPy:
 *
 *   stream_new(native, retain_limit, flags, with_index) -> Stream
 *       `native`: a Regex (Pattern's or RegexSet's) or a Phrases;
 *       retain_limit 0: the library's default; flags: FERREX_STREAM_*;
 *       raises ValueError(message, status_name) when the library refuses
 *   Stream.feed(chunk) -> (matches, limited)
 *       matches: the settled matches, [(start, end), ...], or with
 *       with_index [(index, start, end), ...], start None where the stream
 *       does not know it (ENDS, PATTERNS); limited: True when the retain
 *       limit was hit (a match in progress was abandoned; the stream goes
 *       on). One call, so that another thread cannot come between the
 *       feed and the taking of its matches.
 *   Stream.finish() -> matches: the rest
 *   Stream.reset()
 *   Stream.describe() -> (offset, retained, ready, finished)
 *   Stream.close(): frees the library's stream now (its kept bytes and
 *       buffers) rather than when the object is collected, which on PyPy
 *       can be long after; every call but close() then raises ValueError
 *
 * A chunk is any object with the buffer protocol, read in place and not
 * kept (the library copies what it needs); a str is refused, since a
 * stream's offsets are bytes. A feed of at least RELEASE_GIL_AT bytes runs
 * without the GIL; a stream is used by one thread at a time, which `busy`
 * enforces (RuntimeError instead of a data race).
 */
#define Py_LIMITED_API 0x030B0000
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <string.h>

#include "ferrex.h"
#include "_ferrex.h"

/* Matches per ferrex_stream_next_batch() call (a stack buffer). */
#define BATCH 256

typedef struct {
    PyObject_HEAD
    ferrex_stream *stream;
    int with_index; /* take() makes (index, start, end), else (start, end) */
    int busy;       /* a feed() or finish() is running (perhaps without the GIL) */
} StreamObject;

static PyTypeObject *stream_type;

/* 0 when the stream may be used now: not closed, not busy. */
static int usable(StreamObject *self) {
    if (self->stream == NULL) {
        PyErr_SetString(PyExc_ValueError, "the stream is closed");
        return -1;
    }
    if (!self->busy)
        return 0;
    PyErr_SetString(PyExc_RuntimeError, "the stream is in use by another thread");
    return -1;
}

/* (start, end) or (index, start, end); start None when unknown. */
static PyObject *stream_item(const ferrex_match *m, int with_index) {
    PyObject *start = m->start == FERREX_UNSET ? Py_NewRef(Py_None) : PyLong_FromSize_t(m->start);
    PyObject *end = PyLong_FromSize_t(m->end);
    PyObject *index = with_index ? PyLong_FromSize_t(m->pattern) : NULL;
    PyObject *t = NULL;
    if (start != NULL && end != NULL && (index != NULL || !with_index))
        t = with_index ? PyTuple_Pack(3, index, start, end) : PyTuple_Pack(2, start, end);
    Py_XDECREF(start);
    Py_XDECREF(end);
    Py_XDECREF(index);
    return t;
}

/* Every settled match waiting, as a list of stream_item()s. */
static PyObject *take(StreamObject *self) {
    PyObject *out = PyList_New(0);
    if (out == NULL)
        return NULL;
    ferrex_match batch[BATCH];
    size_t n = 0;
    int32_t r;
    while ((r = ferrex_stream_next_batch(self->stream, batch, BATCH, &n)) == 1) {
        for (size_t i = 0; i < n; i++) {
            PyObject *t = stream_item(&batch[i], self->with_index);
            if (t == NULL || PyList_Append(out, t) < 0) {
                Py_XDECREF(t);
                Py_DECREF(out);
                return NULL;
            }
            Py_DECREF(t);
        }
    }
    if (check(r) < 0) {
        Py_DECREF(out);
        return NULL;
    }
    return out;
}

static PyObject *Stream_feed(PyObject *self_, PyObject *chunk) {
    StreamObject *self = (StreamObject *)self_;
    if (usable(self) < 0)
        return NULL;
    if (PyUnicode_Check(chunk)) {
        PyErr_SetString(PyExc_TypeError, "a stream reads bytes: feed bytes-like chunks (encode a str first)");
        return NULL;
    }
    Py_buffer view;
    if (PyObject_GetBuffer(chunk, &view, PyBUF_SIMPLE) < 0) {
        /* Not a buffer: say what was expected. A buffer that refuses
         * (a closed mmap, a released memoryview) says why itself. */
        if (PyErr_ExceptionMatches(PyExc_TypeError)) {
            PyErr_Clear();
            PyObject *name = PyType_GetName(Py_TYPE(chunk));
            if (name != NULL) {
                PyErr_Format(PyExc_TypeError, "feed() needs a bytes-like object, not %U", name);
                Py_DECREF(name);
            }
        }
        return NULL;
    }
    /* Busy from the feed to the last match taken: taking them makes
     * objects, which can run a finalizer that lets another thread in. */
    self->busy = 1;
    int32_t st;
    if (view.len >= RELEASE_GIL_AT) {
        Py_BEGIN_ALLOW_THREADS
        st = ferrex_stream_feed(self->stream, view.buf, (size_t)view.len);
        Py_END_ALLOW_THREADS
    } else {
        st = ferrex_stream_feed(self->stream, view.buf, (size_t)view.len);
    }
    PyBuffer_Release(&view);
    PyObject *result = NULL;
    if (st == FERREX_ERR_INVALID_ARGUMENT) {
        PyErr_SetString(PyExc_ValueError, "feed() after finish(): reset() the stream first");
    } else if (st == FERREX_ERR_RETAIN_LIMIT || check(st) == 0) {
        PyObject *matches = take(self);
        if (matches != NULL)
            result = Py_BuildValue("(NO)", matches, st == FERREX_ERR_RETAIN_LIMIT ? Py_True : Py_False);
    }
    self->busy = 0;
    return result;
}

static PyObject *Stream_finish(PyObject *self_, PyObject *unused) {
    (void)unused;
    StreamObject *self = (StreamObject *)self_;
    if (usable(self) < 0 || check(ferrex_stream_finish(self->stream)) < 0)
        return NULL;
    self->busy = 1; /* as in feed() */
    PyObject *matches = take(self);
    self->busy = 0;
    return matches;
}

static PyObject *Stream_reset(PyObject *self_, PyObject *unused) {
    (void)unused;
    StreamObject *self = (StreamObject *)self_;
    if (usable(self) < 0 || check(ferrex_stream_reset(self->stream)) < 0)
        return NULL;
    Py_RETURN_NONE;
}

static PyObject *Stream_describe(PyObject *self_, PyObject *unused) {
    (void)unused;
    StreamObject *self = (StreamObject *)self_;
    ferrex_stream_info info;
    if (usable(self) < 0 || check(ferrex_stream_describe(self->stream, &info)) < 0)
        return NULL;
    return Py_BuildValue("(nnnO)", (Py_ssize_t)info.offset, (Py_ssize_t)info.retained, (Py_ssize_t)info.ready,
                         info.finished ? Py_True : Py_False);
}

static PyObject *Stream_close(PyObject *self_, PyObject *unused) {
    (void)unused;
    StreamObject *self = (StreamObject *)self_;
    if (self->stream == NULL)
        Py_RETURN_NONE; /* closing twice is allowed, as for files */
    if (usable(self) < 0)
        return NULL;
    ferrex_stream_free(self->stream);
    self->stream = NULL;
    Py_RETURN_NONE;
}

static PyObject *Stream_closed(PyObject *self_, void *unused) {
    (void)unused;
    return PyBool_FromLong(((StreamObject *)self_)->stream == NULL);
}

static void Stream_dealloc(PyObject *self_) {
    StreamObject *self = (StreamObject *)self_;
    PyTypeObject *tp = Py_TYPE(self_);
    ferrex_stream_free(self->stream);
    freefunc tp_free = (freefunc)PyType_GetSlot(tp, Py_tp_free);
    tp_free(self_);
    Py_DECREF(tp);
}

static PyMethodDef Stream_methods[] = {
    {"feed", Stream_feed, METH_O, "feed(chunk) -> (settled matches, retain limit hit)"},
    {"finish", Stream_finish, METH_NOARGS, "finish() -> the remaining matches"},
    {"reset", Stream_reset, METH_NOARGS, "reset(): a new text at offset 0"},
    {"describe", Stream_describe, METH_NOARGS, "describe() -> (offset, retained, ready, finished)"},
    {"close", Stream_close, METH_NOARGS, "close(): frees the library's stream now"},
    {NULL, NULL, 0, NULL},
};

static PyGetSetDef Stream_getset[] = {
    {"closed", Stream_closed, NULL, "whether close() was called", NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static PyType_Slot Stream_slots[] = {
    {Py_tp_dealloc, Stream_dealloc},
    {Py_tp_methods, Stream_methods},
    {Py_tp_getset, Stream_getset},
    {Py_tp_doc, "A ferrex_stream (the native half of ferrex.Stream)."},
    {0, NULL},
};

static PyType_Spec Stream_spec = {
    "ferrex._ferrex.Stream", sizeof(StreamObject), 0, Py_TPFLAGS_DEFAULT, Stream_slots,
};

/* ValueError(message, status_name) from a refused ferrex_stream_new*();
 * frees err. */
static void stream_error(int32_t st, ferrex_error *err) {
    const char *msg = err != NULL ? ferrex_error_message(err) : ferrex_status_message(st);
    PyObject *m = PyUnicode_DecodeUTF8(msg, (Py_ssize_t)strlen(msg), "replace");
    if (m != NULL) {
        PyObject *args = Py_BuildValue("(Os)", m, ferrex_status_name(st));
        if (args != NULL)
            PyErr_SetObject(PyExc_ValueError, args);
        Py_XDECREF(args);
        Py_DECREF(m);
    }
    ferrex_error_free(err);
}

PyObject *stream_new(PyObject *module, PyObject *const *args, Py_ssize_t nargs) {
    (void)module;
    if (nargs != 4) {
        PyErr_SetString(PyExc_TypeError, "stream_new(native, retain_limit, flags, with_index)");
        return NULL;
    }
    size_t limit = PyLong_AsSize_t(args[1]);
    if (limit == (size_t)-1 && PyErr_Occurred())
        return NULL;
    unsigned long flags = PyLong_AsUnsignedLong(args[2]);
    if (flags == (unsigned long)-1 && PyErr_Occurred())
        return NULL;
    if (flags > UINT32_MAX)
        flags = UINT32_MAX; /* unknown bits either way: the library says so */
    int with_index = PyObject_IsTrue(args[3]);
    if (with_index < 0)
        return NULL;
    ferrex_regex *re = regex_of(args[0]);
    ferrex_phrases *set = re == NULL ? phrases_of(args[0]) : NULL;
    if (re == NULL && set == NULL) {
        PyErr_SetString(PyExc_TypeError, "stream_new: expected a Regex or a Phrases");
        return NULL;
    }
    ferrex_stream *s = NULL;
    ferrex_error *err = NULL;
    int32_t st = re != NULL ? ferrex_stream_new(&s, re, limit, (uint32_t)flags, &err)
                            : ferrex_stream_new_phrases(&s, set, limit, (uint32_t)flags, &err);
    if (st != FERREX_OK) {
        stream_error(st, err);
        return NULL;
    }
    StreamObject *self = PyObject_New(StreamObject, stream_type);
    if (self == NULL) {
        ferrex_stream_free(s);
        return NULL;
    }
    self->stream = s;
    self->with_index = with_index;
    self->busy = 0;
    return (PyObject *)self;
}

int stream_add_type(PyObject *module) {
    stream_type = (PyTypeObject *)PyType_FromModuleAndSpec(module, &Stream_spec, NULL);
    if (stream_type == NULL || PyModule_AddObjectRef(module, "Stream", (PyObject *)stream_type) < 0)
        return -1;
    return 0;
}
